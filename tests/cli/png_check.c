/* png_check.c: is a screenshot blank? Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what
 * headless Chromium writes) and prints its share of non-white pixels and its number of distinct
 * colours. Exit 0 when at least MIN_INK of the pixels are not white and there are at least
 * MIN_COLOURS colours (a page of charts); 1 when it looks blank; 2 when it cannot be read.
 *   png_check FILE.png */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MIN_INK 0.02
#define MIN_COLOURS 8

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
}

static int fail(const char *msg) { fprintf(stderr, "png_check: %s\n", msg); return 2; }

int main(int argc, char **argv)
{
    if (argc != 2) return fail("usage: png_check FILE.png");
    FILE *f = fopen(argv[1], "rb");
    if (!f) return fail("cannot open the file");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = size > 8 ? malloc((size_t)size) : NULL;
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) return fail("cannot read the file");
    fclose(f);
    if (memcmp(buf, "\x89PNG\r\n\x1a\n", 8) != 0) return fail("not a PNG");
    uint32_t w = 0, h = 0;
    int bpp = 0;
    unsigned char *idat = malloc((size_t)size);
    size_t nidat = 0;
    for (long at = 8; at + 12 <= size;) {
        uint32_t len = be32(buf + at);
        const unsigned char *type = buf + at + 4, *data = buf + at + 8;
        if (at + 12 + (long)len > size) return fail("a chunk runs past the end");
        if (memcmp(type, "IHDR", 4) == 0) {
            w = be32(data);
            h = be32(data + 4);
            if (data[8] != 8 || (data[9] != 2 && data[9] != 6) || data[12] != 0)
                return fail("only 8-bit RGB or RGBA, non-interlaced PNGs are read");
            bpp = data[9] == 6 ? 4 : 3;
        } else if (memcmp(type, "IDAT", 4) == 0) {
            memcpy(idat + nidat, data, len);
            nidat += len;
        }
        at += 12 + (long)len;
    }
    if (!w || !h || !bpp || w > 20000 || h > 20000) return fail("no usable IHDR");
    size_t stride = (size_t)w * (size_t)bpp, rawlen = (size_t)h * (stride + 1);
    unsigned char *raw = malloc(rawlen);
    uLongf got = (uLongf)rawlen;
    if (!raw || uncompress(raw, &got, idat, (uLong)nidat) != Z_OK || got != rawlen) return fail("the image data do not inflate");
    /* undo each scanline's filter (PNG specification, section 9) */
    for (uint32_t y = 0; y < h; y++) {
        unsigned char *line = raw + y * (stride + 1), *cur = line + 1, *up = y ? line - stride : NULL;
        int ft = line[0];
        for (size_t i = 0; i < stride; i++) {
            int a = i >= (size_t)bpp ? cur[i - bpp] : 0, b = up ? up[i] : 0, c = up && i >= (size_t)bpp ? up[i - bpp] : 0;
            int add = ft == 1 ? a : ft == 2 ? b : ft == 3 ? (a + b) / 2 : ft == 4 ? paeth(a, b, c) : 0;
            cur[i] = (unsigned char)(cur[i] + add);
        }
    }
    uint64_t ink = 0;
    int ncolours = 0;
    unsigned char *seen = calloc(1u << 21, 1);   /* one bit per 24-bit colour */
    if (!seen) return fail("out of memory");
    for (uint32_t y = 0; y < h; y++) {
        const unsigned char *px = raw + y * (stride + 1) + 1;
        for (uint32_t x = 0; x < w; x++, px += bpp) {
            if (px[0] < 240 || px[1] < 240 || px[2] < 240) ink++;
            uint32_t rgb = (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2];
            if (!(seen[rgb >> 3] & (1u << (rgb & 7)))) {
                seen[rgb >> 3] |= (unsigned char)(1u << (rgb & 7));
                ncolours++;
            }
        }
    }
    free(seen);
    double share = (double)ink / ((double)w * (double)h);
    printf("%ux%u, %.1f%% not white, %d colours\n", w, h, 100 * share, ncolours);
    free(raw);
    free(idat);
    free(buf);
    return share >= MIN_INK && ncolours >= MIN_COLOURS ? 0 : 1;
}
