/* ps_csv.c: parsing comma-separated data files into a table of strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_csv.h"

struct ps_csv {
    int ncols, nrows;           /* data rows, the header not counted */
    char **cell;                /* (nrows + 1) x ncols fields; row 0 is the header */
    unsigned char *quoted;      /* per cell: it was written in quotes */
    int *line;                  /* the line each row starts on */
    int cap;                    /* rows allocated */
};

void ps_csv_free(ps_csv *t)
{
    if (!t) return;
    if (t->cell)
        for (int i = 0; i < (t->nrows + 1) * t->ncols; i++) free(t->cell[i]);
    free(t->cell);
    free(t->quoted);
    free(t->line);
    free(t);
}

int ps_csv_ncols(const ps_csv *t) { return t->ncols; }
int ps_csv_nrows(const ps_csv *t) { return t->nrows; }
const char *ps_csv_header(const ps_csv *t, int col) { return t->cell[col]; }
const char *ps_csv_cell(const ps_csv *t, int row, int col) { return t->cell[(row + 1) * t->ncols + col]; }
int ps_csv_quoted(const ps_csv *t, int row, int col) { return t->quoted[(row + 1) * t->ncols + col]; }
int ps_csv_line(const ps_csv *t, int row) { return t->line[row + 1]; }

typedef struct reader {
    const char *p, *end;
    int line;
    char *err;
    size_t errlen;
} reader;

static ps_status bad(reader *r, const char *msg)
{
    snprintf(r->err, r->errlen, "line %d: %s", r->line, msg);
    return PS_EINVAL;
}

/* Skips spaces at both ends of a field, in place. */
static void trim(char *s)
{
    size_t n = strlen(s), a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\t')) a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

/* Reads one field into buf (NUL-terminated, at most PS_CSV_MAX_FIELD characters). Unquoted, it
 * is trimmed of blanks at both ends; quoted, it is kept as written and the blanks around the
 * quotes are dropped. *last is set when it ends its record, *quoted when it was quoted. */
static ps_status field(reader *r, char *buf, int *last, int *quoted)
{
    size_t n = 0;
    const char *q = r->p;
    *last = 0;
    *quoted = 0;
    while (q < r->end && (*q == ' ' || *q == '\t')) q++;
    if (q < r->end && *q == '"') {
        int open_line = r->line;
        r->p = q + 1;
        *quoted = 1;
        for (;;) {
            if (r->p >= r->end) {
                r->line = open_line;
                return bad(r, "a quoted field is never closed");
            }
            char c = *r->p++;
            if (c == '"') {
                if (r->p < r->end && *r->p == '"') r->p++;   /* "" is a quote */
                else break;
            }
            if (c == '\n') r->line++;
            if (n >= PS_CSV_MAX_FIELD) return bad(r, "a field is longer than 1024 characters");
            buf[n++] = c;
        }
        while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\r')) r->p++;
        if (r->p < r->end && *r->p != ',' && *r->p != '\n') return bad(r, "text after a closing quote");
        buf[n] = '\0';
    } else {
        while (r->p < r->end && *r->p != ',' && *r->p != '\n') {
            char c = *r->p++;
            if (c == '"') return bad(r, "a quote inside an unquoted field (quote the whole field)");
            if (c == '\r' && (r->p >= r->end || *r->p == '\n')) continue;
            if (c == '\0') return bad(r, "a NUL byte: this is not a text file");
            if (n >= PS_CSV_MAX_FIELD) return bad(r, "a field is longer than 1024 characters");
            buf[n++] = c;
        }
        buf[n] = '\0';
        trim(buf);
    }
    if (r->p >= r->end || *r->p == '\n') *last = 1;
    if (r->p < r->end) r->p++;   /* the comma or the line break */
    return PS_OK;
}

static int blank_line(const reader *r)
{
    const char *q = r->p;
    while (q < r->end && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
    return q >= r->end || *q == '\n';
}

ps_status ps_csv_parse(const char *text, size_t len, ps_csv **out, char *err, size_t errlen)
{
    *out = NULL;
    reader r = {text, text + len, 1, err, errlen};
    if (len > PS_CSV_MAX_BYTES) return bad(&r, "the file is larger than 1 MiB");
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) r.p += 3;   /* a UTF-8 byte-order mark */
    ps_csv *t = calloc(1, sizeof *t);
    char *buf = malloc(PS_CSV_MAX_FIELD + 1);
    char *fields[PS_CSV_MAX_COLS];
    unsigned char quotes[PS_CSV_MAX_COLS];
    ps_status st = PS_OK;
    if (!t || !buf) { st = PS_ENOMEM; goto fail; }
    for (int row = 0;; row++) {
        while (r.p < r.end && blank_line(&r)) {   /* blank lines are skipped */
            while (r.p < r.end && *r.p != '\n') r.p++;
            if (r.p < r.end) r.p++;
            r.line++;
        }
        if (r.p >= r.end) {
            if (row == 0) { st = bad(&r, "the file is empty: it needs a header line of column names"); goto fail; }
            break;
        }
        if (row > PS_CSV_MAX_ROWS) { st = bad(&r, "more than 10000 rows"); goto fail; }
        int start = r.line, nf = 0, last = 0;
        while (!last) {
            if (nf == PS_CSV_MAX_COLS) { st = bad(&r, "more than 64 columns"); goto fail_fields; }
            int quoted;
            if ((st = field(&r, buf, &last, &quoted)) != PS_OK) goto fail_fields;
            quotes[nf] = (unsigned char)quoted;
            if (!(fields[nf] = strdup(buf))) { st = PS_ENOMEM; goto fail_fields; }
            nf++;
        }
        r.line++;
        if (row == 0) {
            t->ncols = nf;
            for (int i = 0; i < nf; i++) {
                if (fields[i][0] == '\0') { r.line = start; st = bad(&r, "an empty column name in the header"); goto fail_fields; }
                for (int j = 0; j < i; j++)
                    if (strcmp(fields[i], fields[j]) == 0) {
                        r.line = start;
                        snprintf(err, errlen, "line %d: the column '%s' appears twice in the header", start, fields[i]);
                        st = PS_EINVAL;
                        goto fail_fields;
                    }
            }
        } else if (nf != t->ncols) {
            snprintf(err, errlen, "line %d: %d field%s, but the header names %d columns", start, nf, nf == 1 ? "" : "s", t->ncols);
            st = PS_EINVAL;
            goto fail_fields;
        }
        if (row + 1 > t->cap) {
            int cap = t->cap ? 2 * t->cap : 16;
            char **cell = realloc(t->cell, sizeof(char *) * (size_t)cap * (size_t)t->ncols);
            if (cell) t->cell = cell;
            unsigned char *qs = realloc(t->quoted, (size_t)cap * (size_t)t->ncols);
            if (qs) t->quoted = qs;
            int *lines = realloc(t->line, sizeof(int) * (size_t)cap);
            if (lines) t->line = lines;
            if (!cell || !qs || !lines) { st = PS_ENOMEM; goto fail_fields; }
            t->cap = cap;
        }
        memcpy(t->quoted + (size_t)row * (size_t)t->ncols, quotes, (size_t)nf);
        memcpy(t->cell + (size_t)row * (size_t)t->ncols, fields, sizeof(char *) * (size_t)nf);
        t->line[row] = start;
        t->nrows = row;   /* data rows so far: this one is row `row`, the header being row 0 */
        continue;
    fail_fields:
        for (int i = 0; i < nf; i++) free(fields[i]);
        goto fail;
    }
    free(buf);
    *out = t;
    return PS_OK;
fail:
    free(buf);
    ps_csv_free(t);
    return st;
}
