/* ps_utf8.c: checking UTF-8 text, and cutting it on character boundaries (RFC 3629). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ps_utf8.h"

static int continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

/* The character at s (len >= 1 bytes): its length, or 0 with the reason in *why. */
static int decode(const unsigned char *s, size_t len, uint32_t *cp, const char **why)
{
    unsigned char b = s[0];
    if (b < 0x80) { *cp = b; return 1; }
    int n;
    uint32_t c, min;
    if (b >= 0xC2 && b <= 0xDF) { n = 2; c = b & 0x1F; min = 0x80; }
    else if (b >= 0xE0 && b <= 0xEF) { n = 3; c = b & 0x0F; min = 0x800; }
    else if (b >= 0xF0 && b <= 0xF4) { n = 4; c = b & 0x07; min = 0x10000; }
    else {
        /* C0 and C1 could only start overlong forms of ASCII; F5..F7 and three continuation
         * bytes would be a character above U+10FFFF; any other byte starts none */
        int above = b >= 0xF5 && b <= 0xF7 && len >= 4 && continuation(s[1]) && continuation(s[2]) && continuation(s[3]);
        *why = b == 0xC0 || b == 0xC1 ? "not valid UTF-8: an overlong form"
               : above                ? "not valid UTF-8: above U+10FFFF"
                                      : "not valid UTF-8: a byte that starts no character";
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((size_t)i >= len || !continuation(s[i])) { *why = "not valid UTF-8: a cut character"; return 0; }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min) { *why = "not valid UTF-8: an overlong form"; return 0; }
    if (c >= 0xD800 && c <= 0xDFFF) { *why = "not valid UTF-8: a surrogate (U+D800 to U+DFFF)"; return 0; }
    if (c > 0x10FFFF) { *why = "not valid UTF-8: above U+10FFFF"; return 0; }
    *cp = c;
    return n;
}

int ps_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const char *why;
    return len ? decode((const unsigned char *)s, len, cp, &why) : 0;
}

const char *ps_utf8_check(const char *s, size_t len, ps_text_kind kind, size_t *at)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        const char *why = NULL;
        int n = decode(u + i, len - i, &c, &why);
        if (n == 0 || c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
            int allowed = n > 0 && kind == PS_TEXT_FREE && (c == '\t' || c == '\n');
            if (!allowed) {
                if (at) *at = i;
                return n == 0 ? why : "a control character";
            }
        }
        i += (size_t)n;
    }
    return NULL;
}

size_t ps_utf8_prefix(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    /* s[n] is the first byte left out: back up while it continues the character before it */
    while (n > 0 && s[n] != '\0' && continuation((unsigned char)s[n])) n--;
    return n;
}

void ps_utf8_fit(char *buf)
{
    size_t n = strlen(buf), tail = 0;
    while (tail < n && tail < 3 && continuation((unsigned char)buf[n - 1 - tail])) tail++;
    if (tail == n) return;
    unsigned char lead = (unsigned char)buf[n - 1 - tail];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (lead >= 0xC0 && tail + 1 < need) buf[n - 1 - tail] = '\0';
}

int ps_utf8_snprintf(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    if (r >= 0 && (size_t)r >= len && len > 0) ps_utf8_fit(buf);
    return r;
}

char *ps_utf8_append(char *dst, size_t len, const char *src)
{
    size_t used = strlen(dst);
    if (used + 1 >= len) return dst;
    size_t n = ps_utf8_prefix(src, len - used - 1);
    memcpy(dst + used, src, n);
    dst[used + n] = '\0';
    return dst;
}

size_t ps_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += !continuation((unsigned char)*s);
    return n;
}

char *ps_utf8_column(char *buf, size_t len, const char *s, int width, int right_align)
{
    if (len == 0) return buf;
    /* the bytes of the first `width` characters */
    size_t bytes = 0, room = len - 1;
    int chars = 0;
    while (s[bytes] && chars < width) {
        bytes++;
        while (s[bytes] && continuation((unsigned char)s[bytes])) bytes++;
        chars++;
    }
    size_t pad = (size_t)(width - chars);
    if (bytes > room) {
        bytes = ps_utf8_prefix(s, room);
        pad = 0;
    } else if (bytes + pad > room) {
        pad = room - bytes;
    }
    char *p = buf;
    if (right_align) { memset(p, ' ', pad); p += pad; }
    memcpy(p, s, bytes);
    p += bytes;
    if (!right_align) { memset(p, ' ', pad); p += pad; }
    *p = '\0';
    return buf;
}
