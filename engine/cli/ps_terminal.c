/* ps_terminal.c: what peacesim prints on its way out: messages (ps_cli_error), text from scripts
 * escaped on its way to a terminal, standard descriptors held open, and standard output checked
 * at the end. */
#define _GNU_SOURCE   /* fopencookie; glibc's assignable stdout and stderr */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ps_cli.h"

/* ---- text from scripts, escaped on its way to a terminal ------------------------------------ */

/* The length of the UTF-8 sequence at s (n bytes left) and its code point in *cp; 0 when it is
 * not valid UTF-8 (a stray or missing continuation byte, an overlong form, a surrogate, past
 * U+10FFFF); when only its end is missing (n too short), 0 with *cut set. */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp, int *cut)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    *cut = 0;
    if (len == 0) return 0;
    unsigned v = len == 1 ? c : c & (0x7fu >> len);
    for (size_t k = 1; k < len; k++) {
        if (k == n) { *cut = 1; return 0; }
        if ((s[k] & 0xc0) != 0x80) return 0;
        v = v << 6 | (s[k] & 0x3f);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) || (len == 4 && (v < 0x10000 || v > 0x10ffff))) return 0;
    *cp = v;
    return len;
}

/* The length of the colour sequence (SGR: ESC [ digits and ';' m) at s, n bytes left; 0 when
 * there is none; when it may be one whose end is not there yet, 0 with *cut set. */
static size_t sgr_length(const unsigned char *s, size_t n, int *cut)
{
    *cut = 0;
    if (n < 2) { *cut = 1; return 0; }
    if (s[1] != '[') return 0;
    for (size_t k = 2; k < n && k < 32; k++) {
        if (s[k] == 'm') return k + 1;
        if (!((s[k] >= '0' && s[k] <= '9') || s[k] == ';')) return 0;
    }
    *cut = n < 32;
    return 0;
}

typedef void (*put_fn)(void *ctx, const char *s, size_t n);

/* Writes s through put with every control character (C0 but newline and tab, DEL, C1), every
 * byte that is not part of valid UTF-8 and the bidirectional overrides escaped as \xHH or
 * \uHHHH; with colours, a colour sequence passes. !final: a character or colour sequence that
 * may be cut by the end of s is left (its start returned, for the next call); else all of s is
 * written and len returned. */
static size_t escape_text(const unsigned char *s, size_t len, int colours, int final, put_fn put, void *ctx)
{
    char esc[8];
    size_t i = 0, plain = 0;   /* s[plain..i) is copied as it is */
    while (i < len) {
        unsigned cp = 0;
        int cut;
        size_t k = utf8_char(s + i, len - i, &cp, &cut);
        int quoted = 0;
        if (k == 0 && cut && !final) break;
        if (k == 0) { snprintf(esc, sizeof esc, "\\x%02x", s[i]); k = 1; quoted = 1; }
        else if (cp == 0x1b && colours) {
            size_t m = sgr_length(s + i, len - i, &cut);
            if (m == 0 && cut && !final) break;
            if (m) { i += m; continue; }
            snprintf(esc, sizeof esc, "\\x1b");
            quoted = 1;
        } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02x", cp);
            quoted = 1;
        } else if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
            snprintf(esc, sizeof esc, "\\u%04x", cp);   /* C1 controls (CSI...), bidirectional overrides */
            quoted = 1;
        }
        if (quoted) {
            if (i > plain) put(ctx, (const char *)s + plain, i - plain);
            put(ctx, esc, strlen(esc));
            plain = i + k;
        }
        i += k;
    }
    if (i > plain) put(ctx, (const char *)s + plain, i - plain);
    return i;
}

static void put_file(void *ctx, const char *s, size_t n)
{
    FILE *f = ctx;
    fwrite(s, 1, n, f);
}

int ps_cli_escape(FILE *f, const char *text, size_t len)
{
    escape_text((const unsigned char *)text, len, 0, 1, put_file, f);
    return ferror(f) ? -1 : 0;
}

/* A terminal's stream (standard output or error when it is one): what the commands print there
 * comes from scripts too (names, docs, a study's print), so it goes through escape_text; the
 * colours the CLI uses (play) pass. What may be a cut character or colour waits in `held` for
 * the next write, or for the close. */
typedef struct tty_stream {
    int fd, failed, why;
    unsigned char held[64];
    size_t nheld;
    char out[4096];
    size_t nout;
} tty_stream;

static void tty_flush(tty_stream *t)
{
    for (size_t done = 0; done < t->nout && !t->failed;) {
        ssize_t k = write(t->fd, t->out + done, t->nout - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) { t->failed = 1; t->why = k < 0 ? errno : EIO; break; }
        done += (size_t)k;
    }
    t->nout = 0;
}

static void tty_put(void *ctx, const char *s, size_t n)
{
    tty_stream *t = ctx;
    while (n > 0) {
        if (t->nout == sizeof t->out) tty_flush(t);
        size_t k = n < sizeof t->out - t->nout ? n : sizeof t->out - t->nout;
        memcpy(t->out + t->nout, s, k);
        t->nout += k;
        s += k;
        n -= k;
    }
}

/* Escapes held + data[0..n): all of it when final. */
static void tty_take(tty_stream *t, const char *data, size_t n, int final)
{
    while (t->nheld > 0 && n > 0) {
        /* the held start completed by the first bytes of data */
        size_t k = sizeof t->held - t->nheld < n ? sizeof t->held - t->nheld : n;
        memcpy(t->held + t->nheld, data, k);
        size_t total = t->nheld + k, used = escape_text(t->held, total, 1, 0, tty_put, t);
        if (used >= t->nheld) {   /* the held bytes are out: go on from data */
            size_t from_data = used - t->nheld;
            t->nheld = 0;
            data += from_data;
            n -= from_data;
            break;
        }
        /* still a possible start within held + k bytes: keep them all (held is 64 bytes, a
         * start is at most 32, so this ends) */
        memmove(t->held, t->held + used, total - used);
        t->nheld = total - used;
        data += k;
        n -= k;
    }
    if (t->nheld > 0 && final) { escape_text(t->held, t->nheld, 1, 1, tty_put, t); t->nheld = 0; }
    if (n > 0) {
        size_t used = escape_text((const unsigned char *)data, n, 1, final, tty_put, t);
        memcpy(t->held, data + used, n - used);   /* less than 32 bytes: a possible start */
        t->nheld = n - used;
    }
    tty_flush(t);
}

static ssize_t tty_write(void *cookie, const char *data, size_t n)
{
    tty_stream *t = cookie;
    tty_take(t, data, n, 0);
    if (t->failed) { errno = t->why; return -1; }
    return (ssize_t)n;
}

static int tty_close(void *cookie)
{
    tty_stream *t = cookie;
    tty_take(t, NULL, 0, 1);
    int bad = t->failed;
    if (bad) errno = t->why;
    free(t);
    return bad ? -1 : 0;
}

/* The streams stdout and stderr were before guard_terminals. */
static FILE *plain_stdout, *plain_stderr;

/* Standard output and error, when they are terminals, become tty_streams (glibc lets stdout
 * and stderr be assigned). Standard error stays unbuffered; the progress bar draws on its
 * descriptor itself. */
static void guard_terminals(void)
{
    plain_stdout = stdout;
    plain_stderr = stderr;
    cookie_io_functions_t io = {.read = NULL, .write = tty_write, .seek = NULL, .close = tty_close};
    for (int fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++) {
        if (!isatty(fd)) continue;
        tty_stream *t = calloc(1, sizeof *t);
        FILE *f = t ? fopencookie(t, "w", io) : NULL;
        if (!f) { free(t); continue; }
        t->fd = fd;
        if (fd == STDOUT_FILENO) { fflush(stdout); setvbuf(f, NULL, _IOLBF, 0); stdout = f; }
        else { setvbuf(f, NULL, _IONBF, 0); stderr = f; }
    }
}

void ps_cli_error(const char *fmt, ...)
{
    char buf[PS_CLI_ERROR_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) { fputs("peacesim: (a message that could not be written)\n", stderr); return; }
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    if ((size_t)n > len) {
        /* cut: not inside a character. The last one's first byte: back over at most 3
         * continuation bytes; if its sequence runs past the cut, the cut goes before it. */
        size_t k = len;
        while (k > 0 && len - k < 3 && ((unsigned char)buf[k - 1] & 0xc0) == 0x80) k--;
        unsigned lead = k > 0 ? (unsigned char)buf[k - 1] : 0;
        size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (k > 0 && k - 1 + need > len) len = k - 1;
    }
    fputs("peacesim: ", stderr);
    ps_cli_escape(stderr, buf, len);
    if ((size_t)n > len) fprintf(stderr, " [... cut here: the message has %d bytes]", n);
    fputc('\n', stderr);
}

/* Descriptors 0, 1 and 2 held open: were one closed, the first file peacesim opens would take
 * its number, and what is printed would go into it. A closed standard output or error becomes
 * /dev/null opened for reading only, so a write to it fails (and is reported) as it would have. */
static void hold_std_descriptors(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);   /* the lowest free number: fd */
            (void)got;
        }
}

/* Everything written to standard output reached it: else a message, and exit status 1 (when the
 * command had succeeded; a failed one has said why already). Then standard output is closed,
 * and standard error's tty_stream too (the plain streams are put back). */
int ps_terminal_close(int code)
{
    errno = 0;
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int why = errno;
    FILE *out = stdout;
    stdout = plain_stdout;
    if (fclose(out) != 0 && !bad) { bad = 1; why = errno; }
    if (bad && code == PS_EXIT_OK) {
        if (why) ps_cli_error("writing to standard output failed: %s", strerror(why));
        else ps_cli_error("writing to standard output failed");
        code = PS_EXIT_FAILURE;
    }
    if (stderr != plain_stderr) {
        FILE *err = stderr;
        stderr = plain_stderr;
        fclose(err);
    }
    return code;
}

void ps_terminal_open(void)
{
    hold_std_descriptors();
    guard_terminals();
}
