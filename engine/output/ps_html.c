/* ps_html.c: result documents as self-contained HTML pages with inline SVG charts.
 *
 * Every chart is an <svg role="img"> with a <title> and a <desc> that states its numbers, under
 * a visible caption, with the numbers again in a table: a reader without the picture (a screen
 * reader, a grey printer) loses nothing. Colours are the Okabe and Ito (2008) palette, told
 * apart also by colour-blind readers; an issue keeps its colour in every chart of a page, and
 * the comprehensive agreement is black. The page has no script and loads nothing.
 *
 * The page takes time linear in the document: arrays are walked once (cJSON's arrays are linked
 * lists, so cJSON_GetArrayItem in a loop is quadratic), objects looked up repeatedly are sorted
 * once, and a curve is drawn at most MAX_VERTICES points, so the intervals it computes do not
 * grow with its length. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_accum.h"
#include "ps_html.h"
#include "ps_utf8.h"

/* ---- colours ---- */

static const char *const issue_palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"};
#define NCOLOURS 7

/* Headline h (0 the comprehensive agreement, 1 + k the document's issue k): its colour in
 * every chart of the page. Past seven issues the colours come round again: legends and labels
 * name every line. */
static const char *colour(int h) { return h <= 0 ? "#000000" : issue_palette[(h - 1) % NCOLOURS]; }

/* ---- reading the document ---- */

static const cJSON *get(const cJSON *o, const char *key) { return o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL; }

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* The number of items of array a: one walk. */
static int count(const cJSON *a)
{
    int n = 0;
    if (cJSON_IsArray(a))
        for (const cJSON *c = a->child; c; c = c->next) n++;
    return n;
}

/* The first max items of array a as numbers (NAN for anything else), in one walk; returns how
 * many were read. */
static int numbers(const cJSON *a, double *out, int max)
{
    int n = 0;
    if (cJSON_IsArray(a))
        for (const cJSON *c = a->child; c && n < max; c = c->next) out[n++] = cJSON_IsNumber(c) ? c->valuedouble : NAN;
    return n;
}

/* An interval [lo, hi] from o's "ci95" (NAN where it is missing). */
static void interval(const cJSON *o, double *lo, double *hi)
{
    double v[2] = {NAN, NAN};
    numbers(get(o, "ci95"), v, 2);
    *lo = v[0];
    *hi = v[1];
}

/* An object's members sorted by key, for objects looked up many times: O(log n) a lookup
 * instead of a walk. The first member of a key wins, as with cJSON_GetObjectItem. */
typedef struct keyed { const char *key; const cJSON *item; int at; } keyed;
typedef struct keyidx { keyed *v; int n; } keyidx;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->at - y->at;
}

/* Returns 0, or -1 when out of memory. An object that is not one gives an empty index. */
static int keyidx_build(keyidx *ix, const cJSON *obj)
{
    int n = 0;
    ix->v = NULL;
    ix->n = 0;
    if (!cJSON_IsObject(obj)) return 0;
    for (const cJSON *c = obj->child; c; c = c->next) n += c->string != NULL;
    if (!(ix->v = malloc(sizeof *ix->v * (size_t)(n > 0 ? n : 1)))) return -1;
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string) { ix->v[ix->n] = (keyed){c->string, c, ix->n}; ix->n++; }
    qsort(ix->v, (size_t)ix->n, sizeof *ix->v, by_key);
    return 0;
}

/* The position in ix of the first entry of key, or -1. */
static int keyidx_find(const keyidx *ix, const char *key)
{
    int lo = 0, hi = ix->n;   /* the first entry whose key is not below key */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(ix->v[mid].key, key) < 0) lo = mid + 1; else hi = mid;
    }
    return lo < ix->n && strcmp(ix->v[lo].key, key) == 0 ? lo : -1;
}

static const cJSON *keyidx_get(const keyidx *ix, const char *key)
{
    int i = keyidx_find(ix, key);
    return i < 0 ? NULL : ix->v[i].item;
}

static void keyidx_free(keyidx *ix) { free(ix->v); ix->v = NULL; ix->n = 0; }

/* ---- text ---- */

/* The length of the longest prefix of s, at most max bytes, that ends on a character boundary
 * (reading no further into s than max + 1 bytes). */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t n = strnlen(s, max + 1);
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return max;
}

/* The bytes of a UTF-8 sequence that begins with byte c (1 for anything else). */
static int utf8_len(unsigned char c) { return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1; }

/* The length of the longest prefix of s[0..n) that holds whole characters: what is left of a
 * text snprintf cut at n bytes. */
static size_t utf8_whole(const char *s, size_t n)
{
    size_t start = n;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80) start--;
    if (start == 0) return n;
    return start - 1 + (size_t)utf8_len((unsigned char)s[start - 1]) <= n ? n : start - 1;
}

/* The width of s in SVG units at font size px, from above for the common sans-serif fonts:
 * the advance widths of DejaVu Sans (Debian's sans-serif, the widest of them; Liberation and
 * Arial are narrower) rounded up, in em, by class of character; a character beyond ASCII is
 * taken as a square ideograph. */
static double text_width(const char *s, double px)
{
    double w = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        unsigned char ch = *c;
        if ((ch & 0xC0) == 0x80) continue;   /* a continuation byte: counted with its first */
        if (ch >= 0x80) w += 1.0;
        else if (strchr(" .,:;'!|ijlIft()[]/-", ch)) w += 0.42;
        else if (ch >= '0' && ch <= '9') w += 0.64;
        else if (strchr("%mMwW@", ch)) w += 1.0;
        else if (ch >= 'a' && ch <= 'z') w += 0.64;
        else if (ch >= 'A' && ch <= 'Z') w += 0.8;
        else w += 0.85;
    }
    return w * px;
}

/* s as it fits in width w at font size px: whole, or cut on a character boundary and ended with
 * "...". Returns buf (size n) or s itself. */
static const char *fit(const char *s, double px, double w, char *buf, size_t n)
{
    if (text_width(s, px) <= w) return s;
    size_t keep = utf8_prefix(s, n - 4);
    for (;;) {
        memcpy(buf, s, keep);
        memcpy(buf + keep, "...", 4);
        if (keep == 0 || text_width(buf, px) <= w) return buf;
        keep = utf8_prefix(s, keep - 1);
    }
}

/* A description being built: appends stop, on a character boundary and with " ...", when full. */
typedef struct sbuf { char s[8192]; size_t n; int full; } sbuf;

static void sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(sbuf *b, const char *fmt, ...)
{
    if (b->full) return;
    char piece[1024];
    va_list ap;
    va_start(ap, fmt);
    int want = vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    size_t len = strlen(piece), room = sizeof b->s - 5 - b->n;   /* room for " ..." */
    if (want >= (int)sizeof piece) {   /* cut by vsnprintf: maybe inside a character */
        len = utf8_whole(piece, len);
        piece[len] = '\0';
        b->full = 1;
    }
    if (len > room) {
        len = utf8_prefix(piece, room);
        b->full = 1;
    }
    memcpy(b->s + b->n, piece, len);
    b->n += len;
    if (b->full) { memcpy(b->s + b->n, " ...", 4); b->n += 4; }
    b->s[b->n] = '\0';
}

/* ---- writing ---- */

typedef struct page {
    FILE *f;
    int figures;     /* charts so far: their ids */
} page;

static void out(page *pg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(page *pg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(pg->f, fmt, ap);
    va_end(ap);
}

/* Text with &, <, >, " escaped; a control character, or a byte that does not begin a whole
 * UTF-8 character, written as U+FFFD (a result file may come from anywhere). */
static void text(page *pg, const char *s)
{
    while (s && *s) {
        unsigned char c = (unsigned char)*s;
        int n = utf8_len(c), ok = 1;
        if (c >= 0x80) {
            ok = c >= 0xC2 && c <= 0xF4;
            for (int j = 1; ok && j < n; j++) ok = ((unsigned char)s[j] & 0xC0) == 0x80;
        }
        if (!ok || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            fputs("\xEF\xBF\xBD", pg->f);
            s++;
            continue;
        }
        switch (c) {
        case '&': fputs("&amp;", pg->f); break;
        case '<': fputs("&lt;", pg->f); break;
        case '>': fputs("&gt;", pg->f); break;
        case '"': fputs("&quot;", pg->f); break;
        default: fwrite(s, 1, (size_t)n, pg->f);
        }
        s += n;
    }
}

static const char style[] =
    "body{font-family:sans-serif;font-size:18px;line-height:1.45;color:#111;background:#fff;max-width:62em;"
    "margin:1em auto;padding:0 1em}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.3em;margin-top:1.8em}"
    ".model{border-left:6px solid #D55E00;background:#fff5ef;padding:.6em 1em;font-weight:bold}"
    "dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dl.meta dt{font-weight:bold}"
    "dl.meta dd{margin:0}"
    "figure{margin:1.5em 0;break-inside:avoid;page-break-inside:avoid}figcaption{font-size:.95em;margin-top:.3em}"
    "svg{width:100%;height:auto;display:block}svg text{font-family:sans-serif;fill:#111}"
    "svg .title{font-size:20px;font-weight:bold}svg .label{font-size:16px}svg .tick{font-size:14px}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #888;padding:.15em .5em}"
    "td{text-align:right}td.name,th.name{text-align:left}"
    ".swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:baseline}"
    "@page{size:A4;margin:14mm}"
    "@media print{body{font-size:10.5pt;max-width:none;margin:0;padding:0}"
    "h2{page-break-after:avoid}}";

static void page_open(page *pg, const char *title)
{
    out(pg, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    text(pg, title);
    out(pg, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

/* The header every report has: what was run, and that it is a model. */
static void page_header(page *pg, const cJSON *doc, const char *kind)
{
    const cJSON *sc = get(doc, "scenario");
    out(pg, "<header>\n<h1>");
    text(pg, str(sc, "name"));
    out(pg, ": %s</h1>\n", kind);
    out(pg, "<p class=\"model\">This page shows what a model of the negotiations gives under its assumptions, "
            "not a forecast of what will happen. Every number comes from simulated runs of the model.</p>\n");
    out(pg, "<dl class=\"meta\">\n<dt>Scenario</dt><dd>");
    text(pg, str(sc, "name"));
    out(pg, " (");
    text(pg, str(sc, "file"));
    out(pg, "), protocol ");
    text(pg, str(sc, "protocol"));
    out(pg, ", %.0f rounds", num(sc, "rounds"));
    const cJSON *parties = get(sc, "parties"), *p;
    int n = 0;
    if (cJSON_IsArray(parties)) {
        out(pg, ", %d parties (", count(parties));
        cJSON_ArrayForEach(p, parties) {
            if (!cJSON_IsString(p)) continue;
            if (n++) out(pg, ", ");
            text(pg, p->valuestring);
        }
        out(pg, ")");
    }
    if (cJSON_IsArray(get(sc, "issues"))) out(pg, ", %d issues", count(get(sc, "issues")));
    out(pg, "</dd>\n<dt>Parameters</dt><dd>");
    n = 0;
    cJSON_ArrayForEach(p, get(sc, "params")) {
        if (!p->string) continue;   /* a malformed file: params that are not name = value */
        if (n++) out(pg, ", ");
        text(pg, p->string);
        out(pg, " = ");
        if (cJSON_IsNumber(p)) out(pg, "%g", p->valuedouble);
        else if (cJSON_IsString(p)) text(pg, p->valuestring);
        else out(pg, "%s", cJSON_IsTrue(p) ? "true" : "false");
    }
    if (!n) out(pg, "none");
    out(pg, "</dd>\n<dt>Runs</dt><dd>%.0f%s, seed %.0f</dd>\n", num(doc, "runs"),
        cJSON_IsFalse(get(doc, "complete")) ? " (stopped early: these are the runs done)" : "", num(doc, "seed"));
    const cJSON *pr = get(doc, "precision");   /* --precision: was it reached? */
    if (cJSON_IsObject(pr)) {
        double target = num(pr, "target"), reached = num(pr, "reached");
        out(pg, "<dt>Precision</dt><dd>%g asked: %s (the widest 95%% half-width %.3g)</dd>\n", target,
            reached <= target ? "reached"
            : cJSON_IsFalse(get(doc, "complete")) ? "NOT reached, the run was stopped"
                                                  : "NOT reached within the runs --runs allows: the intervals are wider than asked",
            reached);
    }
    out(pg, "<dt>Intervals</dt><dd>95%%, %s</dd>\n<dt>Made by</dt><dd>peacesim ",
        strcmp(str(doc, "interval"), "clopper-pearson") == 0 ? "Clopper-Pearson" : "Wilson score");
    text(pg, str(doc, "version"));
    out(pg, "</dd>\n</dl>\n</header>\n");
}

/* A coloured square before a name in a table, so that the table reads with the charts. */
static void swatch(page *pg, int h) { out(pg, "<span class=\"swatch\" style=\"background:%s\"></span>", colour(h)); }

/* ---- charts ---- */

#define TICK_PX 14      /* the font sizes of the style above */
#define LABEL_PX 16
#define TITLE_PX 20

typedef struct chart {
    page *pg;
    int W, H, L, R, T, B;     /* size; margins of the plot area */
    double x0, x1, y0, y1;    /* the plot area's data ranges */
} chart;

/* Coordinates, held within a few chart widths of it whatever the data (a number of 1e300 in a
 * malformed file would otherwise print three hundred digits). */
static double clampc(double v) { return v < -4000 ? -4000 : (v > 4000 ? 4000 : v); }
static double cx(const chart *c, double x) { return clampc(c->L + (x - c->x0) / (c->x1 - c->x0) * (c->W - c->L - c->R)); }
static double cy(const chart *c, double y) { return clampc(c->H - c->B - (y - c->y0) / (c->y1 - c->y0) * (c->H - c->T - c->B)); }

/* Opens a figure and its svg; desc states the chart's content in words. */
static void chart_open(chart *c, page *pg, int W, int H, int L, const char *title, const char *desc)
{
    int id = ++pg->figures;
    char buf[400];
    *c = (chart){pg, W, H, L, 24, 48, 64, 0, 1, 0, 1};
    out(pg, "<figure>\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"t%d d%d\" "
            "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"t%d\">", W, H, id, id, id);
    text(pg, title);
    out(pg, "</title>\n<desc id=\"d%d\">", id);
    text(pg, desc);
    out(pg, "</desc>\n<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<text class=\"title\" x=\"%d\" y=\"26\">", W, H, 8);
    text(pg, fit(title, TITLE_PX * 1.1, W - 16, buf, sizeof buf));   /* bold: a tenth wider */
    out(pg, "</text>\n");
}

static void chart_close(chart *c, const char *caption)
{
    out(c->pg, "</svg>\n<figcaption>");
    text(c->pg, caption);
    out(c->pg, "</figcaption>\n</figure>\n");
}

/* A tick step of 1, 2 or 5 times a power of ten giving about n ticks over span. */
static double nice_step(double span, int n)
{
    if (!(span > 0) || !isfinite(span)) return 1;
    double raw = span / n, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/* The next step of the 1, 2, 5 sequence. */
static double next_step(double step)
{
    double p = pow(10, floor(log10(step) + 1e-9)), m = step / p;
    return (m < 1.5 ? 2 : m < 3.5 ? 5 : 10) * p;
}

/* The ticks of [v0, v1] at step: k0, and how many after it (-1: none, for a step below the
 * numbers' resolution or a range that is not finite). Counted, not summed: no endless loop. */
static int ticks(double v0, double v1, double step, double *k0)
{
    *k0 = ceil(v0 / step - 1e-9);
    double k1 = floor(v1 / step + 1e-9);
    return isfinite(*k0) && isfinite(k1) && k1 - *k0 <= 100 ? (int)(k1 - *k0) : -1;
}

static void tick_label(char *buf, size_t n, double v, double scale, const char *unit)
{
    double x = v * scale;
    snprintf(buf, n, "%g%s", fabs(x) < 1e-12 ? 0.0 : x, unit);
}

/* The step for an axis over [v0, v1] drawn len units long: about n ticks, made wider (1, 2, 5,
 * 10 ...) until no two labels overlap: along x each label's width plus a gap of 12, along y
 * the font's height plus 8. integer: no step below 1 (numbered points, rounds). */
static double axis_step(double v0, double v1, double len, int n, double scale, const char *unit, int along_y, int integer)
{
    double step = nice_step(v1 - v0, n);
    if (integer && step < 1) step = 1;
    for (int tries = 0; tries < 40; tries++) {
        double k0, room = len * step / (v1 - v0), need = along_y ? TICK_PX + 8 : 0;
        int nt = ticks(v0, v1, step, &k0);
        for (int j = 0; !along_y && j <= nt; j++) {
            char buf[64];
            tick_label(buf, sizeof buf, (k0 + j) * step, scale, unit);
            double w = text_width(buf, TICK_PX) + 12;
            if (w > need) need = w;
        }
        if (nt >= 0 && room >= need) break;
        step = next_step(step);
    }
    return step;
}

static void axis_x(chart *c, int n, double scale, const char *unit, const char *label, int integer)
{
    page *pg = c->pg;
    double yb = c->H - c->B, k0;
    double step = axis_step(c->x0, c->x1, c->W - c->L - c->R, n, scale, unit, 0, integer);
    char buf[300];
    out(pg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>\n", cx(c, c->x0), yb, cx(c, c->x1), yb);
    int nt = ticks(c->x0, c->x1, step, &k0);
    for (int j = 0; j <= nt; j++) {
        double x = (k0 + j) * step;
        tick_label(buf, sizeof buf, x, scale, unit);
        out(pg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>", cx(c, x), yb, cx(c, x), yb + 6);
        out(pg, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", cx(c, x), c->T, cx(c, x), yb);
        out(pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", cx(c, x), yb + 22, buf);
    }
    out(pg, "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", 0.5 * (cx(c, c->x0) + cx(c, c->x1)), c->H - 12);
    text(pg, fit(label, LABEL_PX, c->W - 16, buf, sizeof buf));
    out(pg, "</text>\n");
}

static void axis_y(chart *c, int n, double scale, const char *unit, const char *label, int integer)
{
    page *pg = c->pg;
    double k0, step = axis_step(c->y0, c->y1, c->H - c->T - c->B, n, scale, unit, 1, integer);
    char buf[300], cut[300];
    out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\"/>\n", c->L, cy(c, c->y0), c->L, cy(c, c->y1));
    int nt = ticks(c->y0, c->y1, step, &k0);
    for (int j = 0; j <= nt; j++) {
        double y = (k0 + j) * step;
        tick_label(buf, sizeof buf, y, scale, unit);
        out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\"/>", c->L - 6, cy(c, y), c->L, cy(c, y));
        out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", c->L, cy(c, y), c->W - c->R, cy(c, y));
        out(pg, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", c->L - 9, cy(c, y) + 5,
            fit(buf, TICK_PX, c->L - 36, cut, sizeof cut));
    }
    out(pg, "<text class=\"label\" transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">",
        0.5 * (cy(c, c->y0) + cy(c, c->y1)));
    text(pg, fit(label, LABEL_PX, c->H - c->T - c->B + 40, buf, sizeof buf));
    out(pg, "</text>\n");
}

/* Room for a legend of n entries on the right of the plot area, the chart made tall enough for
 * them; call before drawing the axes. */
#define LEGEND_W 200
#define LEGEND_ROW 22
static int legend_height(int base, int n) { int need = 48 + 8 + LEGEND_ROW * n + 16; return need > base ? need : base; }
static void make_room_for_legend(chart *c) { c->R = LEGEND_W + 20; }

/* A legend to the right of the plot area (see make_room_for_legend): a line or a square per
 * entry in its colour, dashed where the line is. */
static void legend(chart *c, const char *const *names, const int *hs, int n, int lines)
{
    char buf[300];
    for (int i = 0; i < n; i++) {
        double x = c->W - LEGEND_W, y = c->T + 8 + LEGEND_ROW * i;
        if (lines)
            out(c->pg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>", x, y + 9,
                x + 18, y + 9, colour(hs[i]), hs[i] == 0 ? " stroke-dasharray=\"5 3\"" : "");
        else
            out(c->pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"16\" fill=\"%s\"/>", x, y + 1, colour(hs[i]));
        out(c->pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">", x + 24, y + 14);
        text(c->pg, fit(names[i], TICK_PX, LEGEND_W - 28, buf, sizeof buf));
        out(c->pg, "</text>\n");
    }
}

/* A line through the finite points (x[i], y[i]), broken where y is not a number, with its band
 * lo..hi (both may be NULL) where the band is finite. */
static void series(chart *c, int n, const double *x, const double *y, const double *lo, const double *hi,
                   const char *colour_, int dashed)
{
    page *pg = c->pg;
    for (int i = 0; lo && hi && i < n;) {
        while (i < n && !(isfinite(x[i]) && isfinite(lo[i]) && isfinite(hi[i]))) i++;
        int j = i;
        while (j < n && isfinite(x[j]) && isfinite(lo[j]) && isfinite(hi[j])) j++;
        if (j > i) {
            out(pg, "<polygon fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\" points=\"", colour_);
            for (int q = i; q < j; q++) out(pg, "%.1f,%.1f ", cx(c, x[q]), cy(c, hi[q]));
            for (int q = j - 1; q >= i; q--) out(pg, "%.1f,%.1f ", cx(c, x[q]), cy(c, lo[q]));
            out(pg, "\"/>\n");
        }
        i = j;
    }
    for (int i = 0; i < n;) {
        while (i < n && !(isfinite(x[i]) && isfinite(y[i]))) i++;
        int j = i;
        while (j < n && isfinite(x[j]) && isfinite(y[j])) j++;
        if (j > i) {
            out(pg, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"3\"%s points=\"", colour_,
                dashed ? " stroke-dasharray=\"8 5\"" : "");
            for (int q = i; q < j; q++) out(pg, "%.1f,%.1f ", cx(c, x[q]), cy(c, y[q]));
            out(pg, "\"/>\n");
        }
        i = j;
    }
}

/* The data range [*lo, *hi] widened to a step-aligned range at least `floor_span` wide (within
 * [min, max]), so that an axis never magnifies differences smaller than that: Monte Carlo noise
 * of a few tenths of a point does not fill a chart. */
static void axis_range(double *lo, double *hi, double floor_span, double min, double max)
{
    if (!isfinite(*lo) || !isfinite(*hi) || *hi < *lo) { *lo = min; *hi = max; return; }
    double span = *hi - *lo;
    if (span < floor_span) {
        double mid = 0.5 * (*lo + *hi);
        *lo = mid - 0.5 * floor_span;
        *hi = mid + 0.5 * floor_span;
        if (*lo < min) { *hi += min - *lo; *lo = min; }
        if (*hi > max) { *lo -= *hi - max; *hi = max; }
        if (*lo < min) *lo = min;
    }
    /* to whole steps, unless that would add a step for the last hundredth of one */
    double step = nice_step(*hi - *lo, 6);
    *lo = fmax(min, floor(*lo / step + 0.01) * step);
    *hi = fmin(max, ceil(*hi / step - 0.01) * step);
    if (!(*hi > *lo)) *hi = *lo + step;
}

/* ---- headlines: the comprehensive agreement, then each issue ---- */

typedef struct headline {
    const char *name;
    const cJSON *prop;       /* {"p", "ci95", "count", ...} */
    const cJSON *median;     /* the median round, a number or null */
    const cJSON *survival;   /* S(t), t = 0 .. rounds */
    int h;                   /* its colour: 0 the comprehensive agreement, 1 + k issue k */
} headline;

#define MAX_HEADLINES 64

/* The comprehensive agreement from agreement and time_to_agreement, then each issue of issues
 * (each an object under a name); at most max. */
static int headlines(const cJSON *agreement, const cJSON *tta, const cJSON *issues, headline *h, int max)
{
    int n = 0;
    h[n++] = (headline){"comprehensive", agreement, get(tta, "median"), get(tta, "survival"), 0};
    const cJSON *is;
    cJSON_ArrayForEach(is, issues)
        if (n < max && is->string && cJSON_IsObject(is))
            h[n] = (headline){is->string, is, get(is, "median_round"), get(is, "survival"), n}, n++;
    return n;
}

/* The median round as the terminal prints it: the round, or "> R" when fewer than half the runs
 * agreed by the horizon R (a null in the document). */
static void median_text(char *buf, size_t n, const cJSON *median, double rounds)
{
    if (cJSON_IsNumber(median)) snprintf(buf, n, "%.0f", median->valuedouble);
    else if (isfinite(rounds)) snprintf(buf, n, "&gt; %.0f", rounds);
    else snprintf(buf, n, "not reached");
}

/* ---- a run ---- */

static void probability_bars(page *pg, const headline *h, int n, const char *title)
{
    sbuf desc = {{0}, 0, 0};
    for (int i = 0; i < n; i++) {
        double lo, hi;
        interval(h[i].prop, &lo, &hi);
        sb_add(&desc, "%s%s %.1f%% (95%% interval %.1f to %.1f)", i ? "; " : "", h[i].name, 100 * num(h[i].prop, "p"),
               100 * lo, 100 * hi);
    }
    chart c;
    int rowh = 44;
    chart_open(&c, pg, 800, 48 + 64 + rowh * n, 190, title, desc.s);
    c.x0 = 0;
    c.x1 = 1;
    c.y0 = 0;
    c.y1 = n;
    axis_x(&c, 5, 100, "%", "probability of a deal within the horizon (%), with its 95% interval", 0);
    char buf[300];
    for (int i = 0; i < n; i++) {
        double p = num(h[i].prop, "p"), lo, hi;
        interval(h[i].prop, &lo, &hi);
        double yc = cy(&c, n - i - 0.5);
        out(pg, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", c.L - 10, yc + 6);
        text(pg, fit(h[i].name, LABEL_PX, c.L - 18, buf, sizeof buf));
        out(pg, "</text>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"26\" fill=\"%s\"/>\n", cx(&c, 0), yc - 13,
            fmax(0, cx(&c, isfinite(p) ? p : 0) - cx(&c, 0)), colour(h[i].h));
        if (isfinite(lo) && isfinite(hi))
            out(pg, "<path d=\"M%.1f %.1fv16M%.1f %.1fv16M%.1f %.1fH%.1f\" stroke=\"#111\" stroke-width=\"2\" fill=\"none\"/>\n",
                cx(&c, lo), yc - 8, cx(&c, hi), yc - 8, cx(&c, lo), yc, cx(&c, hi));
        out(pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.1f%%</text>\n",
            fmin(cx(&c, isfinite(hi) ? hi : (isfinite(p) ? p : 0)) + 8, c.W - c.R - 60), yc - 16, 100 * p);
    }
    chart_close(&c, "Bars: the share of simulated runs in which the issue (or every issue on the table at once: "
                    "comprehensive) was agreed within the horizon. Whiskers: the 95% interval of that share.");
}

/* At most this many points of a curve are drawn, spread evenly with its first and last: the
 * plot is under 500 units wide, so this is a point every 3 units or closer, and a curve of
 * 10,000 rounds costs 160 intervals, not 10,001. */
#define MAX_VERTICES 160

/* S(t) with its pointwise 95% interval: S(t) is a share of the runs, so the same interval. */
static void survival_chart(page *pg, const headline *h, int n, double runs, ps_interval method)
{
    int T = -1, ns = 0;
    for (int i = 0; i < n; i++) {
        int m = count(h[i].survival);
        if (m - 1 > T) T = m - 1;
    }
    if (T < 1) return;
    sbuf desc = {{0}, 0, 0};
    sb_add(&desc, "Share of runs without agreement after round t, for t from 0 to %d. At the end: ", T);
    const char *names[17];
    int hs[17], sel[17];   /* the comprehensive agreement and up to 16 issues, with their curves */
    for (int i = 0; i < n && ns < 17; i++) {
        if (count(h[i].survival) < 2) continue;
        double last = NAN;
        for (const cJSON *e = h[i].survival->child; e; e = e->next) last = cJSON_IsNumber(e) ? e->valuedouble : NAN;
        sb_add(&desc, "%s%s %.1f%%", ns ? "; " : "", h[i].name, 100 * last);
        names[ns] = h[i].name;
        hs[ns] = h[i].h;
        sel[ns++] = i;
    }
    chart c;
    chart_open(&c, pg, 800, legend_height(440, ns), 86, "Time to agreement: runs still without a deal, round by round", desc.s);
    make_room_for_legend(&c);
    c.x0 = 0;
    c.x1 = T;
    c.y0 = 0;
    c.y1 = 1;
    axis_x(&c, 8, 1, "", "round (the scenario's time step: weeks in the default scenario)", 1);
    axis_y(&c, 5, 100, "%", "runs without agreement (%)", 0);
    double *v = malloc(sizeof(double) * ((size_t)T + 1 + 4 * MAX_VERTICES));
    if (!v) { legend(&c, names, hs, ns, 1); chart_close(&c, ""); return; }
    double *x = v + T + 1, *y = x + MAX_VERTICES, *lo = y + MAX_VERTICES, *hi = lo + MAX_VERTICES;
    /* the comprehensive agreement (first) drawn last, its dashes over an issue's line where they agree */
    for (int d = 0; d < ns; d++) {
        int i = sel[(d + 1) % ns], m = count(h[i].survival);
        numbers(h[i].survival, v, m);
        /* the rounds drawn: every one, or MAX_VERTICES spread evenly with the first and last */
        int nv = m <= MAX_VERTICES ? m : MAX_VERTICES;
        uint64_t last_k = UINT64_MAX;   /* a flat stretch has the same interval: computed once */
        double last_lo = NAN, last_hi = NAN;
        for (int q = 0; q < nv; q++) {
            int t = nv == m ? q : (int)llround((double)q * (m - 1) / (nv - 1));
            x[q] = t;
            y[q] = v[t];
            if (!(y[q] >= 0 && y[q] <= 1)) { lo[q] = hi[q] = NAN; continue; }
            uint64_t k = (uint64_t)llround(y[q] * runs);
            if (k != last_k) ps_interval95(method, k, (uint64_t)runs, &last_lo, &last_hi);
            last_k = k;
            lo[q] = last_lo;
            hi[q] = last_hi;
        }
        series(&c, nv, x, y, lo, hi, colour(h[i].h), h[i].h == 0);
    }
    free(v);
    legend(&c, names, hs, ns, 1);
    chart_close(&c, "Each line: the share of runs in which the issue was not yet agreed by the end of each round "
                    "(a survival curve; dashed: the comprehensive agreement); the band around it is its 95% interval.");
}

/* A histogram is drawn in at most MAX_BINS bins: finer ones are summed in groups of g
 * neighbours (a coarser histogram of the same runs, not a sample of it). */
#define MAX_BINS 512

/* Histogram hist of cnt deals as shares, regrouped: share[j] for the bins up to end[j] (a
 * fraction of the scale). Returns the number of bins drawn, 0 for none. */
static int regroup(const cJSON *hist, double cnt, double *share, double *end)
{
    int bins = count(hist);
    if (bins == 0 || !(cnt > 0)) return 0;
    int g = (bins + MAX_BINS - 1) / MAX_BINS, nb = 0, b = 0;
    double sum = 0;
    for (const cJSON *e = hist->child; e; e = e->next) {
        if (cJSON_IsNumber(e) && isfinite(e->valuedouble)) sum += e->valuedouble;
        if (++b % g == 0 || !e->next) {
            share[nb] = sum / cnt;
            end[nb++] = (double)b / bins;
            sum = 0;
        }
    }
    return nb;
}

static void terms_chart(page *pg, const headline *h, int n)
{
    sbuf desc = {{0}, 0, 0};
    sb_add(&desc, "Agreed terms on a 0 to 1 scale, over the runs that agreed. ");
    int shown = 0, drawn_max = 0;
    double maxc = 0, share[MAX_BINS], end[MAX_BINS];
    for (int i = 1; i < n; i++) {
        const cJSON *terms = get(h[i].prop, "terms");
        int nb = regroup(get(terms, "histogram"), num(h[i].prop, "count"), share, end);
        if (nb == 0) continue;
        for (int j = 0; j < nb; j++) maxc = fmax(maxc, share[j]);
        if (nb > drawn_max) drawn_max = nb;
        sb_add(&desc, "%s: mean %.3f, 5%% %.3f, median %.3f, 95%% %.3f. ", h[i].name, num(terms, "mean"), num(terms, "q05"),
               num(terms, "q50"), num(terms, "q95"));
        shown++;
    }
    if (!shown) return;
    chart c;
    int nl = shown < 16 ? shown : 16;
    chart_open(&c, pg, 800, legend_height(440, nl), 86, "Agreed terms: how the deals that were made split each issue", desc.s);
    make_room_for_legend(&c);
    c.x0 = 0;
    c.x1 = 1;
    c.y0 = 0;
    c.y1 = maxc > 0 && isfinite(maxc) ? fmin(1, nice_step(maxc, 1) * ceil(maxc / nice_step(maxc, 1))) : 1;
    axis_x(&c, 10, 1, "", "agreed terms (0 to 1: the issue's scale, from its low end to its high end)", 0);
    axis_y(&c, 5, 100, "%", "share of the deals on the issue (%)", 0);
    const char *names[16];
    int hs[16], nn = 0;
    for (int i = 1; i < n && nn < 16; i++) {
        int nb = regroup(get(get(h[i].prop, "terms"), "histogram"), num(h[i].prop, "count"), share, end);
        if (nb == 0) continue;
        /* outlined steps, so that issues on the same bins stay readable */
        out(pg, "<path fill=\"%s\" fill-opacity=\"0.25\" stroke=\"%s\" stroke-width=\"2\" d=\"M%.1f %.1f", colour(h[i].h),
            colour(h[i].h), cx(&c, 0), cy(&c, 0));
        for (int j = 0; j < nb; j++) out(pg, "V%.1fH%.1f", cy(&c, isfinite(share[j]) ? share[j] : 0), cx(&c, end[j]));
        out(pg, "V%.1fZ\"/>\n", cy(&c, 0));
        names[nn] = h[i].name;
        hs[nn++] = h[i].h;
    }
    legend(&c, names, hs, nn, 0);
    char cap[200];
    snprintf(cap, sizeof cap, "For each issue agreed in some run: the share of its deals whose terms fell in each 1/%d of its scale.",
             drawn_max);
    chart_close(&c, cap);
}

/* The shares of the runs by how they ended, as one stacked bar: comprehensive (black, as in
 * the other charts), partial, no agreement. */
static void outcome_chart(page *pg, const cJSON *outcome)
{
    static const char *const keys[] = {"comprehensive", "partial", "none"};
    static const char *const names[] = {"comprehensive", "partial", "no agreement"};
    static const char *const fills[] = {"#000000", "#888888", "#dddddd"};
    double p[3];
    int any = 0;
    for (int j = 0; j < 3; j++) {
        p[j] = num(get(outcome, keys[j]), "p");
        any |= isfinite(p[j]);
    }
    if (!any) return;
    sbuf desc = {{0}, 0, 0};
    sb_add(&desc, "At the end of the horizon: %.1f%% of the runs with a comprehensive agreement, %.1f%% with a partial one, "
                  "%.1f%% with no agreement.", 100 * p[0], 100 * p[1], 100 * p[2]);
    chart c;
    chart_open(&c, pg, 800, 48 + 64 + 60 + 30, 40, "How the runs ended", desc.s);
    c.T = 48 + 30;
    c.y0 = 0;
    c.y1 = 1;
    axis_x(&c, 5, 100, "%", "share of the runs (%)", 0);
    double at = 0, yc = cy(&c, 0.5);
    for (int j = 0; j < 3; j++) {
        double w = isfinite(p[j]) && p[j] > 0 ? p[j] : 0;
        out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"40\" fill=\"%s\" stroke=\"#111\"/>\n", cx(&c, at), yc - 20,
            cx(&c, at + w) - cx(&c, at), fills[j]);
        at += w;
        double x = 40 + 250 * j;
        out(pg, "<rect x=\"%.1f\" y=\"44\" width=\"16\" height=\"16\" fill=\"%s\" stroke=\"#111\"/>"
                "<text class=\"tick\" x=\"%.1f\" y=\"57\">%s: %.1f%%</text>\n", x, fills[j], x + 22, names[j], 100 * p[j]);
    }
    chart_close(&c, "One bar: the runs split by how they ended. Comprehensive: every issue on the table held at the end; "
                    "partial: some; no agreement: none.");
}

static void run_table(page *pg, const headline *h, int n, double rounds)
{
    out(pg, "<h2>The numbers</h2>\n<table>\n<tr><th class=\"name\">issue</th><th>P(deal)</th>"
            "<th>95%% interval</th><th>median round</th><th>in force</th><th>held</th>"
            "<th>terms: mean</th><th>5%%</th><th>95%%</th></tr>\n");
    char med[64];
    for (int i = 1; i <= n; i++) {
        const headline *x = &h[i % n];   /* the issues, then the comprehensive agreement, as the terminal */
        const cJSON *terms = get(x->prop, "terms");
        double lo, hi;
        interval(x->prop, &lo, &hi);
        median_text(med, sizeof med, x->median, rounds);
        out(pg, "<tr><td class=\"name\">");
        swatch(pg, x->h);
        text(pg, x->name);
        out(pg, "</td><td>%.1f%%</td><td>%.1f to %.1f%%</td><td>%s</td>", 100 * num(x->prop, "p"), 100 * lo, 100 * hi, med);
        if (x->h == 0) { out(pg, "<td></td><td></td><td></td><td></td><td></td></tr>\n"); continue; }
        out(pg, "<td>%.1f%%</td><td>%.1f%%</td>", 100 * num(get(x->prop, "implemented"), "p"), 100 * num(get(x->prop, "held"), "p"));
        if (terms && isfinite(num(terms, "mean")))
            out(pg, "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>\n", num(terms, "mean"), num(terms, "q05"), num(terms, "q95"));
        else
            out(pg, "<td>-</td><td></td><td></td></tr>\n");
    }
    out(pg, "</table>\n<p>P(deal): agreed at least once within the horizon; in force: carried out at least once; "
            "held: still agreed at the end; median round: the first round by which half the runs had agreed "
            "(&gt; R: fewer than half by the horizon R); terms: over the runs that agreed.</p>\n");
}

/* The end of the runs, as the terminal summary states it: how they ended, the line of control,
 * the rounds of war, the refusals of each party. */
static void run_end(page *pg, const cJSON *doc, double rounds)
{
    const cJSON *outcome = get(doc, "outcome"), *front = get(doc, "front"), *parties = get(doc, "parties"), *p;
    out(pg, "<h2>At the end of the horizon</h2>\n");
    outcome_chart(pg, outcome);
    out(pg, "<dl class=\"meta\">\n<dt>How the runs ended</dt><dd>%.1f%% comprehensive, %.1f%% partial, %.1f%% no agreement</dd>\n",
        100 * num(get(outcome, "comprehensive"), "p"), 100 * num(get(outcome, "partial"), "p"),
        100 * num(get(outcome, "none"), "p"));
    /* the document does not name the front's issue; a scenario without a front has it at 0 in
     * every run, which is how it is told apart */
    double fm = num(front, "mean"), f05 = num(front, "q05"), f95 = num(front, "q95"), fsd = num(front, "sd");
    if ((isfinite(fm) && fm != 0) || (isfinite(fsd) && fsd != 0) || (isfinite(f95) && f95 != 0))
        out(pg, "<dt>Line of control at the end</dt><dd>mean %.3f [5%% %.3f, 95%% %.3f] on the scale of the front's issue "
                "(0 to 1)</dd>\n", fm, f05, f95);
    out(pg, "<dt>Rounds fought without a ceasefire</dt><dd>mean %.1f of %.0f</dd>\n", num(get(doc, "war_rounds"), "mean"), rounds);
    out(pg, "<dt>Proposals refused per run</dt><dd>");
    int n = 0;
    cJSON_ArrayForEach(p, parties) {
        double r = num(p, "refusals_per_run");
        if (!p->string || !(r > 0)) continue;
        if (n++) out(pg, "; ");
        text(pg, p->string);
        out(pg, " %.1f", r);
    }
    out(pg, "%s</dd>\n</dl>\n", n ? "" : "none");
}

/* ---- a run: across assumptions (schema peacesim.result/2) ---- */

/* At most this many worlds of a band are drawn (peacesim makes at most 4,096); the rest of a
 * longer list is counted but not drawn. */
#define BAND_MAX_WORLDS 4096

/* "noise (rho -0.87), b_ideal (rho +0.57)" from a band output's drivers, into b. */
static void drivers_text(sbuf *b, const cJSON *bo)
{
    const cJSON *d;
    int n = 0;
    cJSON_ArrayForEach(d, get(bo, "drivers")) {
        if (n == 8) { sb_add(b, ", ..."); break; }
        const char *name = str(d, "assumption");
        sb_add(b, "%s%.*s (rho %+.2f)", n++ ? ", " : "", (int)utf8_prefix(name, 120), name, num(d, "rho"));
    }
    if (!n) sb_add(b, "none ranked");
}

/* One output's chart: its P(deal) in each world, the median and 5%-95% band across them, and
 * the P(deal) at the central values with its 95% interval. Shapes, not colours, tell them
 * apart: circles (worlds), a grey box with a thick line (band, median), a square with whiskers
 * (central). */
static void band_chart(page *pg, const headline *h, const cJSON *bo, const double *worlds, int nw, double nworlds,
                       double runs_per_world)
{
    double lo, hi, p = num(h->prop, "p"), q05 = num(bo, "q05"), med = num(bo, "median"), q95 = num(bo, "q95");
    interval(h->prop, &lo, &hi);
    sbuf drv = {{0}, 0, 0}, desc = {{0}, 0, 0};
    drivers_text(&drv, bo);
    sb_add(&desc, "At the central values: %.1f%% (95%% interval %.1f to %.1f: Monte Carlo error). Across %.0f worlds of %.0f runs "
                  "each: median %.1f%%, band from 5%% to 95%% of the worlds %.1f to %.1f%% (ignorance). Moved most by %s.",
           100 * p, 100 * lo, 100 * hi, nworlds, runs_per_world, 100 * med, 100 * q05, 100 * q95, drv.s);
    char title[300], buf[300];
    snprintf(title, sizeof title, "%.*s: P(deal), central and across worlds", (int)utf8_prefix(h->name, 200), h->name);
    chart c;
    chart_open(&c, pg, 800, 48 + 64 + 2 * 56, 190, title, desc.s);
    c.x0 = 0;
    c.x1 = 1;
    c.y0 = 0;
    c.y1 = 2;
    axis_x(&c, 5, 100, "%", "probability of a deal within the horizon (%)", 0);
    double yw = cy(&c, 1.5), yc = cy(&c, 0.5);
    out(pg, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">across worlds</text>\n", c.L - 10, yw + 6);
    out(pg, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">central values</text>\n", c.L - 10, yc + 6);
    if (isfinite(q05) && isfinite(q95))
        out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"36\" fill=\"#ddd\" stroke=\"#111\"/>\n", cx(&c, q05), yw - 18,
            fmax(0, cx(&c, q95) - cx(&c, q05)));
    for (int w = 0; w < nw; w++)   /* a world's circle, spread over five heights so that equal ones show */
        if (isfinite(worlds[w]))
            out(pg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"none\" stroke=\"#111\"/>", cx(&c, worlds[w]), yw + 6.0 * (w % 5 - 2));
    if (nw) out(pg, "\n");
    if (isfinite(med))
        out(pg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"5\"/>\n", cx(&c, med), yw - 22,
            cx(&c, med), yw + 22);
    if (isfinite(lo) && isfinite(hi))
        out(pg, "<path d=\"M%.1f %.1fv16M%.1f %.1fv16M%.1f %.1fH%.1f\" stroke=\"#111\" stroke-width=\"2\" fill=\"none\"/>\n",
            cx(&c, lo), yc - 8, cx(&c, hi), yc - 8, cx(&c, lo), yc, cx(&c, hi));
    if (isfinite(p))
        out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#111\" stroke-width=\"1.5\"/>\n",
            cx(&c, p) - 6, yc - 6, colour(h->h));
    snprintf(buf, sizeof buf, "central %.1f%% [%.1f, %.1f]", 100 * p, 100 * lo, 100 * hi);
    out(pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
        fmin(cx(&c, isfinite(hi) ? hi : (isfinite(p) ? p : 0)) + 12, c.W - c.R - 190), yc + 5, buf);
    snprintf(buf, sizeof buf, "median %.1f%%, band %.1f to %.1f%%", 100 * med, 100 * q05, 100 * q95);
    out(pg, "<text class=\"tick\" x=\"%d\" y=\"%.1f\">%s</text>\n", c.L + 4, yw - 26, buf);
    sbuf cap = {{0}, 0, 0};
    sb_add(&cap, "Lower row: P(deal) at the central values of the assumptions (square) with its 95%% interval (whiskers): "
                 "Monte Carlo error, which more runs narrow. Upper row: P(deal) in each world, a draw of every assumption "
                 "(circles), their median (thick line) and the band from the 5%% to the 95%% quantile (grey box): what the "
                 "assumptions' ranges allow, ignorance that more runs do not narrow. Moved most by (Spearman's rank "
                 "correlation over the worlds): %s.", drv.s);
    chart_close(&c, cap.s);
}

/* The assumptions the document lists: name, central value, range, prior, reason, where. */
static void assumptions_table(page *pg, const cJSON *as)
{
    const cJSON *a;
    out(pg, "<table>\n<tr><th class=\"name\">assumption</th><th>central</th><th>low</th><th>high</th><th class=\"name\">across "
            "worlds</th><th class=\"name\">why this range</th><th class=\"name\">declared at</th></tr>\n");
    cJSON_ArrayForEach(a, as) {
        const cJSON *pr = get(a, "prior");
        out(pg, "<tr><td class=\"name\">");
        text(pg, str(a, "name"));
        out(pg, "</td><td>%g</td><td>%g</td><td>%g</td><td class=\"name\">", num(a, "central"), num(a, "low"), num(a, "high"));
        if (cJSON_IsObject(pr)) {
            text(pg, str(pr, "kind"));
            out(pg, " prior, truncated to the range");
        } else {
            out(pg, "uniform on the range");
        }
        out(pg, "</td><td class=\"name\">");
        text(pg, str(a, "reason"));
        out(pg, "</td><td class=\"name\">");
        text(pg, str(a, "src"));
        out(pg, "</td></tr>\n");
    }
    out(pg, "</table>\n");
}

/* The section "Across assumptions": a chart per output, then the numbers and the assumptions.
 * Time linear in the document: the worlds are walked once, each world's issues looked up by
 * name in a sorted index of the headlines. Returns 0, or -1 when out of memory. */
static int band_section(page *pg, const cJSON *doc, const headline *h, int n)
{
    const cJSON *band = get(doc, "band"), *as = get(doc, "assumptions");
    if (!cJSON_IsObject(band)) {
        if (count(as) > 0)
            out(pg, "<h2>Across assumptions</h2>\n<p>The scenario declares %d assumption%s, but this result has no band "
                    "across them (run with --central, or stopped before the band was whole): every number above is at "
                    "their central values, and its interval is Monte Carlo error only.</p>\n", count(as), count(as) == 1 ? "" : "s");
        return 0;
    }
    keyidx bix;
    if (keyidx_build(&bix, get(band, "issues")) != 0) return -1;
    keyed *names = malloc(sizeof *names * (size_t)n);
    const cJSON *worlds = get(band, "worlds");
    int nw = count(worlds);
    if (nw > BAND_MAX_WORLDS) nw = BAND_MAX_WORLDS;
    double *v = malloc(sizeof *v * (size_t)n * (size_t)(nw > 0 ? nw : 1));
    if (!names || !v) { free(names); free(v); keyidx_free(&bix); return -1; }
    for (size_t i = 0; i < (size_t)n * (size_t)nw; i++) v[i] = NAN;
    int nn = 0;
    for (int i = 1; i < n; i++) names[nn++] = (keyed){h[i].name, NULL, i};
    qsort(names, (size_t)nn, sizeof *names, by_key);
    keyidx hix = {names, nn};
    int w = 0;
    for (const cJSON *wj = cJSON_IsArray(worlds) ? worlds->child : NULL; wj && w < nw; wj = wj->next, w++) {
        v[w] = num(wj, "agreement");
        const cJSON *is = get(wj, "issues");
        for (const cJSON *c = cJSON_IsObject(is) ? is->child : NULL; c; c = c->next) {
            int at = c->string ? keyidx_find(&hix, c->string) : -1;
            if (at >= 0 && cJSON_IsNumber(c)) v[(size_t)names[at].at * (size_t)nw + (size_t)w] = c->valuedouble;
        }
    }
    double nworlds = num(band, "world_count"), rpw = num(band, "runs_per_world");
    out(pg, "<h2>Across assumptions</h2>\n<p>The numbers above are at the central values of the scenario's %d "
            "assumption%s. Here each issue's P(deal) in %.0f worlds, each a draw of every assumption (design ", count(as),
        count(as) == 1 ? "" : "s", nworlds);
    text(pg, str(band, "design"));
    out(pg, ", seed %.0f), of %.0f runs each. <strong>The 95%% interval is Monte Carlo error at the central values; the band "
            "is what the assumptions' ranges allow (ignorance).</strong></p>\n", num(band, "seed"), rpw);
    for (int i = 1; i <= n; i++) {   /* the issues, then the comprehensive agreement, as the table */
        const headline *x = &h[i % n];
        const cJSON *bo = x->h == 0 ? get(band, "agreement") : keyidx_get(&bix, x->name);
        if (!cJSON_IsObject(bo)) continue;
        band_chart(pg, x, bo, v + (size_t)(i % n) * (size_t)nw, nw, nworlds, rpw);
    }
    out(pg, "<table>\n<tr><th class=\"name\">issue</th><th>central</th><th>95%% interval (Monte Carlo)</th><th>median over "
            "worlds</th><th>band 5%%-95%% (ignorance)</th><th class=\"name\">moved most by (Spearman's rho)</th></tr>\n");
    for (int i = 1; i <= n; i++) {
        const headline *x = &h[i % n];
        const cJSON *bo = x->h == 0 ? get(band, "agreement") : keyidx_get(&bix, x->name);
        if (!cJSON_IsObject(bo)) continue;
        double lo, hi;
        interval(x->prop, &lo, &hi);
        sbuf drv = {{0}, 0, 0};
        drivers_text(&drv, bo);
        out(pg, "<tr><td class=\"name\">");
        swatch(pg, x->h);
        text(pg, x->name);
        out(pg, "</td><td>%.1f%%</td><td>%.1f to %.1f%%</td><td>%.1f%%</td><td>%.1f to %.1f%%</td><td class=\"name\">",
            100 * num(x->prop, "p"), 100 * lo, 100 * hi, 100 * num(bo, "median"), 100 * num(bo, "q05"), 100 * num(bo, "q95"));
        text(pg, drv.s);
        out(pg, "</td></tr>\n");
    }
    out(pg, "</table>\n<h3>The assumptions</h3>\n");
    assumptions_table(pg, as);
    free(v);
    free(names);
    keyidx_free(&bix);
    return 0;
}

static int run_page(page *pg, const cJSON *doc, char *err, size_t errlen)
{
    const cJSON *issues = get(doc, "issues"), *agreement = get(doc, "agreement");
    if (!cJSON_IsObject(issues) || !cJSON_IsObject(agreement)) {
        snprintf(err, errlen, "the result has no issues or agreement: not a whole peacesim.result document");
        return -1;
    }
    double runs = num(doc, "runs");   /* counts are derived from it: a whole number, as written */
    if (!(runs >= 1 && runs <= 1e15 && runs == floor(runs))) {
        snprintf(err, errlen, "the result's \"runs\" is missing or not a whole number from 1 to 1e15");
        return -1;
    }
    headline h[MAX_HEADLINES];
    int n = headlines(agreement, get(doc, "time_to_agreement"), issues, h, MAX_HEADLINES);
    double rounds = num(get(doc, "scenario"), "rounds");
    char title[300];
    snprintf(title, sizeof title, "peacesim: %.*s", (int)utf8_prefix(str(get(doc, "scenario"), "name"), 280),
             str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "a Monte Carlo run");
    ps_interval method = strcmp(str(doc, "interval"), "clopper-pearson") == 0 ? PS_INTERVAL_CP : PS_INTERVAL_WILSON;
    out(pg, "<h2>How likely is a deal?</h2>\n");
    probability_bars(pg, h, n, "Probability of a deal, by issue");
    if (band_section(pg, doc, h, n) != 0) { snprintf(err, errlen, "out of memory"); return -1; }
    out(pg, "<h2>When?</h2>\n");
    survival_chart(pg, h, n, runs, method);
    out(pg, "<h2>On which terms?</h2>\n");
    terms_chart(pg, h, n);
    run_table(pg, h, n, rounds);
    run_end(pg, doc, rounds);
    return 0;
}

/* ---- a sweep ---- */

/* x for printing with one decimal: 0 rather than "-0.0". */
static double tidy(double x) { return fabs(x) < 0.05 ? 0.0 : x; }

/* What the sweep's charts read of each point, looked up once: per headline its probability
 * object, its paired difference, its terms, its median round, and its difference across the
 * worlds of the assumptions (NULL when the sweep ran none). */
typedef struct cell { const cJSON *prop, *diff, *median, *wdiff; } cell;

typedef struct sweep {
    int np, nh;
    headline h[MAX_HEADLINES];
    const cJSON **pt;    /* np points */
    double *x;           /* np: where each point sits on the x axis */
    int *order;          /* the points in the order of x */
    cell *cells;         /* [point * nh + headline] */
    double rounds;
} sweep;

/* The points in the order of x (ties: grid order), by merge sort: O(n log n) for any input. */
static void sort_by_x(int *order, int *tmp, int n, const double *x)
{
    if (n < 2) return;
    int m = n / 2;
    sort_by_x(order, tmp, m, x);
    sort_by_x(order + m, tmp, n - m, x);
    int i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = !(x[order[j]] < x[order[i]]) ? order[i++] : order[j++];
    while (i < m) tmp[k++] = order[i++];
    while (j < n) tmp[k++] = order[j++];
    memcpy(order, tmp, sizeof *order * (size_t)n);
}

static void sweep_free(sweep *sw)
{
    free(sw->pt);
    free(sw->x);
    free(sw->order);
    free(sw->cells);
}

/* Reads the points: -1 with a message when out of memory. */
static int sweep_read(sweep *sw, const cJSON *doc, const char *xname, int numeric, char *err, size_t errlen)
{
    const cJSON *points = get(doc, "points");
    sw->np = count(points);
    const cJSON *first = points->child;
    sw->nh = headlines(get(first, "agreement"), get(first, "time_to_agreement"), get(first, "issues"), sw->h, MAX_HEADLINES);
    sw->rounds = num(get(doc, "scenario"), "rounds");
    size_t np = (size_t)sw->np;
    sw->pt = malloc(sizeof *sw->pt * np);
    sw->x = malloc(sizeof *sw->x * np);
    sw->order = malloc(sizeof *sw->order * np);
    sw->cells = malloc(sizeof *sw->cells * np * (size_t)sw->nh);
    int *tmp = malloc(sizeof *tmp * np);
    if (!sw->pt || !sw->x || !sw->order || !sw->cells || !tmp) {
        free(tmp);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int p = 0;
    for (const cJSON *pt = points->child; pt; pt = pt->next, p++) {
        sw->pt[p] = pt;
        sw->order[p] = p;
        sw->x[p] = numeric ? num(get(pt, "params"), xname) : p + 1;
        keyidx is = {0}, ds = {0}, ws = {0};
        if (keyidx_build(&is, get(pt, "issues")) != 0 || keyidx_build(&ds, get(get(pt, "vs_baseline"), "issues")) != 0
            || keyidx_build(&ws, get(get(pt, "vs_baseline_worlds"), "issues")) != 0) {
            keyidx_free(&is);
            keyidx_free(&ds);
            free(tmp);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (int i = 0; i < sw->nh; i++) {
            cell *c = &sw->cells[(size_t)p * (size_t)sw->nh + (size_t)i];
            if (i == 0) {
                c->prop = get(pt, "agreement");
                c->diff = get(get(pt, "vs_baseline"), "agreement");
                c->median = get(get(pt, "time_to_agreement"), "median");
                c->wdiff = get(get(pt, "vs_baseline_worlds"), "agreement");
            } else {
                c->prop = keyidx_get(&is, sw->h[i].name);
                c->diff = keyidx_get(&ds, sw->h[i].name);
                c->median = get(c->prop, "median_round");
                c->wdiff = keyidx_get(&ws, sw->h[i].name);
            }
        }
        keyidx_free(&is);
        keyidx_free(&ds);
        keyidx_free(&ws);
    }
    sort_by_x(sw->order, tmp, sw->np, sw->x);
    free(tmp);
    return 0;
}

static const cell *at(const sweep *sw, int p, int i) { return &sw->cells[(size_t)p * (size_t)sw->nh + (size_t)i]; }

/* What a sweep chart plots of a point's cell: y, and its band (NAN for none). */
typedef enum measure { M_P, M_DIFF, M_TERMS, M_MEDIAN, M_WDIFF } measure;

static void measure_of(const cell *c, measure m, double *y, double *lo, double *hi)
{
    *lo = *hi = NAN;
    switch (m) {
    case M_P: *y = num(c->prop, "p"); interval(c->prop, lo, hi); break;
    case M_DIFF: *y = num(c->diff, "diff"); interval(c->diff, lo, hi); break;
    case M_TERMS: {
        const cJSON *t = get(c->prop, "terms");
        *y = num(t, "mean");
        *lo = num(t, "q05");
        *hi = num(t, "q95");
        break;
    }
    case M_MEDIAN: *y = cJSON_IsNumber(c->median) ? c->median->valuedouble : NAN; break;
    case M_WDIFF:
        *y = num(c->wdiff, "median");
        *lo = num(c->wdiff, "q05");
        *hi = num(c->wdiff, "q95");
        break;
    }
}

/* One chart of the sweep: measure m of every headline from `from` on, across the points. */
static void sweep_chart(page *pg, const sweep *sw, measure m, int from, const char *xlabel, int numeric, double xmin,
                        double xmax)
{
    static const char *const titles[] = {"Probability of a deal across the sweep",
                                         "Paired difference from the baseline, in percentage points",
                                         "Agreed terms across the sweep: mean and 5% to 95% range",
                                         "Median round of agreement across the sweep",
                                         "Difference from the baseline across the assumptions' worlds, in percentage points"};
    sbuf desc = {{0}, 0, 0};
    double ymin = 0, ymax = 1, rounds = sw->rounds;
    int diff = m == M_DIFF || m == M_WDIFF;
    if (diff) { ymin = 0; ymax = 0; }
    if (m == M_MEDIAN) { ymin = 0; ymax = isfinite(rounds) && rounds > 0 ? rounds : 1; }
    int shown = 0;
    for (int i = from; i < sw->nh; i++)
        for (int p = 0; p < sw->np; p++) {
            double y, lo, hi;
            measure_of(at(sw, p, i), m, &y, &lo, &hi);
            if (diff && isfinite(lo) && isfinite(hi)) { ymin = fmin(ymin, lo); ymax = fmax(ymax, hi); }
            if (m == M_MEDIAN && isfinite(y) && !(isfinite(rounds) && rounds > 0)) ymax = fmax(ymax, y);
            if (m == M_MEDIAN && !isfinite(y) && at(sw, p, i)->prop) {
                sb_add(&desc, "%s%s at point %d: not reached", desc.n ? "; " : "", sw->h[i].name, p + 1);
                continue;
            }
            if (!isfinite(y)) continue;
            shown++;
            switch (m) {
            case M_P: sb_add(&desc, "%s%s at point %d: %.1f%%", desc.n ? "; " : "", sw->h[i].name, p + 1, 100 * y); break;
            case M_DIFF: sb_add(&desc, "%s%s at point %d: %s%.1f points", desc.n ? "; " : "", sw->h[i].name, p + 1,
                                y >= 0 ? "+" : "", 100 * y); break;
            case M_WDIFF: sb_add(&desc, "%s%s at point %d: median %s%.1f points (5%% %+.1f, 95%% %+.1f)", desc.n ? "; " : "",
                                 sw->h[i].name, p + 1, y >= 0 ? "+" : "", 100 * y, 100 * lo, 100 * hi); break;
            case M_TERMS: sb_add(&desc, "%s%s at point %d: %.3f (5%% %.3f, 95%% %.3f)", desc.n ? "; " : "", sw->h[i].name, p + 1,
                                 y, lo, hi); break;
            case M_MEDIAN: sb_add(&desc, "%s%s at point %d: round %.0f", desc.n ? "; " : "", sw->h[i].name, p + 1, y); break;
            }
        }
    if (m == M_TERMS && shown == 0) return;
    /* a difference axis spans at least 2 percentage points: noise does not fill it */
    if (diff) axis_range(&ymin, &ymax, 0.02, -1, 1);
    if (m == M_MEDIAN && !(ymax > 0)) ymax = 1;
    const char *names[MAX_HEADLINES];
    int hs[MAX_HEADLINES], nl = 0;
    for (int i = from; i < sw->nh && nl < 17; i++) { names[nl] = sw->h[i].name; hs[nl++] = sw->h[i].h; }
    chart c;
    chart_open(&c, pg, 800, legend_height(460, nl), 86, titles[m], desc.s);
    make_room_for_legend(&c);
    c.x0 = xmin - 0.04 * (xmax - xmin);
    c.x1 = xmax + 0.04 * (xmax - xmin);
    c.y0 = ymin;
    c.y1 = ymax;
    axis_x(&c, 8, 1, "", xlabel, !numeric);
    static const char *const ylabels[] = {"probability of a deal (%)", "difference (percentage points)",
                                          "agreed terms (0 to 1, the issue's scale)", "median round of agreement",
                                          "difference (percentage points)"};
    axis_y(&c, 6, m == M_P || diff ? 100 : 1, m == M_P ? "%" : "", ylabels[m], m == M_MEDIAN);
    if (diff)
        out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\" stroke-dasharray=\"4 4\"/>\n", c.L, cy(&c, 0),
            c.W - c.R, cy(&c, 0));
    if (m == M_MEDIAN)
        out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\" stroke-dasharray=\"2 4\"/>\n", c.L,
            cy(&c, ymax), c.W - c.R, cy(&c, ymax));
    double *v = malloc(sizeof(double) * 4 * (size_t)sw->np);
    if (v) {
        double *xs = v, *y = xs + sw->np, *lo = y + sw->np, *hi = lo + sw->np;
        /* the comprehensive agreement last, its dashes over an issue's line where the two agree */
        int nd = sw->nh - from < 17 ? sw->nh - from : 17;
        for (int d = 0; d < nd; d++) {
            int i = from == 0 ? (d + 1 < nd ? d + 1 : 0) : from + d;
            for (int q = 0; q < sw->np; q++) {
                int p = sw->order[q];
                xs[q] = sw->x[p];
                measure_of(at(sw, p, i), m, &y[q], &lo[q], &hi[q]);
            }
            series(&c, sw->np, xs, y, m == M_MEDIAN ? NULL : lo, m == M_MEDIAN ? NULL : hi, colour(sw->h[i].h),
                   sw->h[i].h == 0);
            for (int q = 0; q < sw->np; q++) {
                if (isfinite(xs[q]) && isfinite(y[q]))
                    out(pg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", cx(&c, xs[q]), cy(&c, y[q]), colour(sw->h[i].h));
                else if (m == M_MEDIAN && isfinite(xs[q]) && at(sw, sw->order[q], i)->prop)   /* not reached: on the horizon */
                    out(pg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>",
                        cx(&c, xs[q]), cy(&c, ymax), colour(sw->h[i].h));
            }
            out(pg, "\n");
        }
        free(v);
    }
    legend(&c, names, hs, nl, 1);
    static const char *const captions[] = {
        "Each line: the probability of a deal at each point of the sweep; the band is its 95% interval "
        "(dashed: the comprehensive agreement).",
        "Each point's probability minus the baseline's, computed replication by replication on the same random numbers; "
        "the band is its 95% interval. The baseline's own difference is 0. The axis spans at least 2 percentage points, "
        "so that differences smaller than that are not magnified.",
        "Each line: the mean terms of the deals made on the issue at each point (0 to 1 on the issue's scale); the band "
        "runs from the 5% to the 95% quantile of those terms.",
        "Each line: the first round by which half the runs had agreed (dashed: the comprehensive agreement). An open "
        "circle on the dotted line at the top: fewer than half the runs agreed by the end of the horizon.",
        "Each line: the median over the worlds (each a draw of every assumption of the baseline) of the point's probability "
        "minus the baseline's in the same world; the band runs from the 5% to the 95% quantile over the worlds. This band is "
        "what the assumptions leave unknown, not Monte Carlo error. The baseline's own difference is 0."};
    chart_close(&c, captions[m]);
}

static int sweep_page(page *pg, const cJSON *doc, char *err, size_t errlen)
{
    const cJSON *points = get(doc, "points"), *vary = get(doc, "vary");
    if (!cJSON_IsArray(points) || !points->child || !cJSON_IsObject(vary)) {
        snprintf(err, errlen, "the sweep has no points: not a whole peacesim.sweep document");
        return -1;
    }
    const cJSON *first = vary->child;
    if (!first || !first->string) {
        snprintf(err, errlen, "the sweep varies no param: not a whole peacesim.sweep document");
        return -1;
    }
    /* the x axis: the varied param's values when there is one numeric param, else the points' numbers */
    int numeric = !first->next;
    for (const cJSON *pt = points->child; pt && numeric; pt = pt->next) {
        const cJSON *v = get(get(pt, "params"), first->string);
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) numeric = 0;
    }
    sweep sw = {0};
    if (sweep_read(&sw, doc, first->string, numeric, err, errlen) != 0) { sweep_free(&sw); return -1; }
    double xmin = sw.x[0], xmax = sw.x[0];
    for (int p = 1; p < sw.np; p++) { xmin = fmin(xmin, sw.x[p]); xmax = fmax(xmax, sw.x[p]); }
    if (xmax == xmin) { xmin -= 0.5; xmax += 0.5; }
    char title[300];
    snprintf(title, sizeof title, "peacesim: %.*s, a sweep", (int)utf8_prefix(str(get(doc, "scenario"), "name"), 270),
             str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "a sweep on common random numbers");
    const char *xlabel = numeric ? first->string : "point of the grid (numbered in the table below)";
    out(pg, "<h2>How likely is a deal at each point?</h2>\n");
    sweep_chart(pg, &sw, M_P, 0, xlabel, numeric, xmin, xmax);
    out(pg, "<h2>Each point against the baseline, run by run</h2>\n");
    sweep_chart(pg, &sw, M_DIFF, 0, xlabel, numeric, xmin, xmax);
    const cJSON *worlds = get(doc, "worlds");
    int across = cJSON_IsObject(worlds);
    for (int p = 0; p < sw.np && across; p++) across = cJSON_IsObject(at(&sw, p, 0)->wdiff);
    if (across) {
        out(pg, "<h2>Each point against the baseline, across the assumptions</h2>\n<p>%.0f worlds, each a draw of every "
                "assumption of the baseline, %.0f runs per point in each world, the points and the baseline on the same random "
                "numbers.</p>\n", num(worlds, "count"), num(worlds, "runs"));
        sweep_chart(pg, &sw, M_WDIFF, 0, xlabel, numeric, xmin, xmax);
        out(pg, "<table>\n<tr><th>point</th>");
        for (int i = 0; i < sw.nh; i++) { out(pg, "<th>"); swatch(pg, sw.h[i].h); text(pg, sw.h[i].name); out(pg, "</th>"); }
        out(pg, "</tr>\n");
        for (int p = 0; p < sw.np; p++) {
            out(pg, "<tr><td>%d</td>", p + 1);
            for (int i = 0; i < sw.nh; i++) {
                const cJSON *w = at(&sw, p, i)->wdiff;
                out(pg, "<td>%+.1f [%+.1f, %+.1f]; beats it in %.0f%% of worlds</td>", tidy(100 * num(w, "median")), tidy(100 * num(w, "q05")),
                    tidy(100 * num(w, "q95")), 100 * num(w, "beats"));
            }
            out(pg, "</tr>\n");
        }
        out(pg, "</table>\n<p>Each cell: the median over the worlds of the point's probability minus the baseline's in the "
                "same world, in percentage points, [its 5%%, 95%% quantiles over the worlds: what the assumptions leave "
                "unknown], then the share of worlds in which the point's probability is higher than the baseline's. The "
                "intervals of the chart above it, and of the table below, are Monte Carlo error at the central values.</p>\n");
    }
    out(pg, "<h2>On which terms?</h2>\n");
    sweep_chart(pg, &sw, M_TERMS, 1, xlabel, numeric, xmin, xmax);
    out(pg, "<h2>When?</h2>\n");
    sweep_chart(pg, &sw, M_MEDIAN, 0, xlabel, numeric, xmin, xmax);
    /* the grid, numbered: the varied params (the 8 a sweep can have) and each headline */
    const cJSON *v;
    int nv = 0;
    out(pg, "<h2>The points</h2>\n<table>\n<tr><th>point</th>");
    cJSON_ArrayForEach(v, vary) if (v->string && nv < 8) { nv++; out(pg, "<th>"); text(pg, v->string); out(pg, "</th>"); }
    for (int i = 0; i < sw.nh; i++) { out(pg, "<th>"); swatch(pg, sw.h[i].h); text(pg, sw.h[i].name); out(pg, "</th>"); }
    out(pg, "</tr>\n");
    for (int pass = 0; pass < 2; pass++) {
        if (pass) {
            out(pg, "</table>\n<p>Each cell: the probability of a deal, then (in brackets) its paired difference from the "
                    "baseline in percentage points with its 95%% interval.</p>\n<h2>Terms and timing at each point</h2>\n"
                    "<table>\n<tr><th>point</th>");
            for (int i = 0; i < sw.nh; i++) { out(pg, "<th>"); swatch(pg, sw.h[i].h); text(pg, sw.h[i].name); out(pg, "</th>"); }
            out(pg, "</tr>\n");
        }
        for (int p = 0; p < sw.np; p++) {
            const cJSON *params = get(sw.pt[p], "params");
            out(pg, "<tr><td>%d</td>", p + 1);
            int j = 0;
            cJSON_ArrayForEach(v, vary) {
                if (pass || !v->string || j++ >= 8) continue;
                const cJSON *pv = get(params, v->string);
                if (cJSON_IsNumber(pv)) out(pg, "<td>%g</td>", pv->valuedouble);
                else { out(pg, "<td>"); text(pg, cJSON_IsString(pv) ? pv->valuestring : ""); out(pg, "</td>"); }
            }
            for (int i = 0; i < sw.nh; i++) {
                const cell *c = at(&sw, p, i);
                if (!pass) {
                    double lo, hi;
                    interval(c->diff, &lo, &hi);
                    out(pg, "<td>%.1f%% (%+.1f [%+.1f, %+.1f])</td>", 100 * num(c->prop, "p"), tidy(100 * num(c->diff, "diff")),
                        tidy(100 * lo), tidy(100 * hi));
                    continue;
                }
                char med[64];
                median_text(med, sizeof med, c->median, sw.rounds);
                const cJSON *t = get(c->prop, "terms");
                if (i > 0 && isfinite(num(t, "mean")))
                    out(pg, "<td>%.2f [%.2f, %.2f]; round %s</td>", num(t, "mean"), num(t, "q05"), num(t, "q95"), med);
                else
                    out(pg, "<td>%sround %s</td>", i > 0 ? "-; " : "", med);
            }
            out(pg, "</tr>\n");
        }
    }
    out(pg, "</table>\n<p>Each cell: the agreed terms, their mean [5%%, 95%%] over the runs that agreed (on the issue's 0 "
            "to 1 scale), then the median round of agreement (&gt; R: fewer than half the runs agreed by the horizon R).</p>\n");
    sweep_free(&sw);
    return 0;
}

/* ---- a sensitivity analysis ---- */

static int sensitivity_page(page *pg, const cJSON *doc, char *err, size_t errlen)
{
    const cJSON *params = get(doc, "parameters"), *ranking = get(doc, "ranking"), *base = get(doc, "baseline");
    if (!cJSON_IsArray(params) || !cJSON_IsObject(ranking) || !cJSON_IsObject(base)) {
        snprintf(err, errlen, "the analysis has no parameters or ranking: not a whole peacesim.sensitivity/1 document");
        return -1;
    }
    const cJSON *rank;
    cJSON_ArrayForEach(rank, ranking) {
        int ok = rank->string && cJSON_IsArray(rank);
        for (const cJSON *e = ok ? rank->child : NULL; e && ok; e = e->next) ok = cJSON_IsString(e);
        if (!ok) {
            snprintf(err, errlen, "the ranking holds something other than lists of names: not a whole peacesim.sensitivity/1 document");
            return -1;
        }
    }
    /* the parameters by name, the last of a name winning as it always has; the issues by name */
    int np = count(params), nk = 0;
    keyed *byname = malloc(sizeof *byname * (size_t)(np > 0 ? np : 1));
    keyidx issues;
    if (!byname || keyidx_build(&issues, get(base, "issues")) != 0) {
        free(byname);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const cJSON *pp;
    cJSON_ArrayForEach(pp, params) {
        const cJSON *nm = get(pp, "name");
        if (cJSON_IsString(nm)) { byname[nk] = (keyed){nm->valuestring, pp, -nk}; nk++; }   /* -nk: the last first */
    }
    qsort(byname, (size_t)nk, sizeof *byname, by_key);
    keyidx pix = {byname, nk};
    /* each parameter's effects by headline, indexed when first drawn: a parameter in the top ten
     * of every headline is looked up once per headline, not walked once per headline */
    keyidx *effects = calloc((size_t)(nk > 0 ? nk : 1), sizeof *effects);
    unsigned char *indexed = calloc((size_t)(nk > 0 ? nk : 1), 1);
    if (!effects || !indexed) {
        free(effects);
        free(indexed);
        free(byname);
        keyidx_free(&issues);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char title[300];
    snprintf(title, sizeof title, "peacesim: %.*s, sensitivity", (int)utf8_prefix(str(get(doc, "scenario"), "name"), 270),
             str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "which uncertain numbers matter most");
    out(pg, "<p>Each uncertain number of the scenario was held at its 5%% quantile, then at its 95%% quantile, "
            "with every other number left random, on the same random numbers as the run of the scenario as it is. "
            "The bars run from the probability with every number random (the vertical line, in its grey 95%% "
            "interval) to the probability at each quantile; the whiskers at their ends are the 95%% intervals of "
            "those differences, paired run by run.</p>\n");
    cJSON_ArrayForEach(rank, ranking) {
        const char *hname = rank->string;
        int agreement = strcmp(hname, "agreement") == 0;
        const cJSON *bp = agreement ? get(base, "agreement") : keyidx_get(&issues, hname);
        int shown = 0;
        const cJSON *eff[10];
        const char *pname[10];
        for (const cJSON *e = rank->child; e && shown < 10; e = e->next) {
            int at_ = keyidx_find(&pix, e->valuestring);
            pname[shown] = e->valuestring;
            if (at_ >= 0 && !indexed[at_]) {
                indexed[at_] = 1;
                if (keyidx_build(&effects[at_], get(pix.v[at_].item, "effects")) != 0) effects[at_].n = 0;
            }
            eff[shown++] = at_ >= 0 ? keyidx_get(&effects[at_], hname) : NULL;
        }
        if (shown == 0) continue;
        sbuf desc = {{0}, 0, 0};
        double pb = num(bp, "p"), blo, bhi;
        interval(bp, &blo, &bhi);
        sb_add(&desc, "With every number random: %.1f%% (95%% interval %.1f to %.1f). ", 100 * pb, 100 * blo, 100 * bhi);
        /* the range: every bar, whisker and the baseline's interval, at least 10 points wide */
        double xmin = isfinite(pb) ? pb : 0.5, xmax = xmin;
        if (isfinite(blo) && isfinite(bhi)) { xmin = fmin(xmin, blo); xmax = fmax(xmax, bhi); }
        for (int i = 0; i < shown; i++)
            for (int side = 0; side < 2; side++) {
                const cJSON *s = get(eff[i], side ? "high" : "low");
                double p = num(s, "p"), lo, hi;
                interval(s, &lo, &hi);
                if (isfinite(p)) { xmin = fmin(xmin, p); xmax = fmax(xmax, p); }
                if (isfinite(pb) && isfinite(lo) && isfinite(hi)) { xmin = fmin(xmin, pb + lo); xmax = fmax(xmax, pb + hi); }
            }
        for (int i = 0; i < shown; i++)
            sb_add(&desc, "%s: %.1f%% at its 5%% quantile, %.1f%% at its 95%%. ", pname[i], 100 * num(get(eff[i], "low"), "p"),
                   100 * num(get(eff[i], "high"), "p"));
        axis_range(&xmin, &xmax, 0.10, 0, 1);
        const char *hshown = agreement ? "Comprehensive agreement" : hname;
        char ctitle[400];
        snprintf(ctitle, sizeof ctitle, "%.*s: the numbers that move it most", (int)utf8_prefix(hshown, 300), hshown);
        out(pg, "<h2>");
        text(pg, hshown);
        out(pg, "</h2>\n");
        chart c;
        int rowh = 40;
        chart_open(&c, pg, 800, 48 + 30 + 64 + rowh * (shown > 2 ? shown : 2), 330, ctitle, desc.s);
        c.T = 48 + 30;   /* the legend goes above the plot, which keeps the width */
        c.x0 = xmin;
        c.x1 = xmax;
        c.y0 = 0;
        c.y1 = shown;
        axis_x(&c, 6, 100, "%", "probability of a deal (%)", 0);
        if (isfinite(blo) && isfinite(bhi))
            out(pg, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#000\" fill-opacity=\"0.12\"/>\n", cx(&c, blo),
                c.T, cx(&c, bhi) - cx(&c, blo), cy(&c, 0) - c.T);
        char buf[300];
        for (int i = 0; i < shown; i++) {
            double yc = cy(&c, shown - i - 0.5);
            out(pg, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", c.L - 10, yc + 5);
            text(pg, fit(pname[i], TICK_PX, c.L - 18, buf, sizeof buf));
            out(pg, "</text>\n");
            /* the low end in one colour, the high end in another: which way the number pushes */
            for (int side = 0; side < 2; side++) {
                const cJSON *s = get(eff[i], side ? "high" : "low");
                double p = num(s, "p"), lo, hi, y0 = yc - 12 + 12 * side;
                interval(s, &lo, &hi);
                if (!isfinite(p) || !isfinite(pb)) continue;
                out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>", fmin(cx(&c, p), cx(&c, pb)), y0,
                    fabs(cx(&c, p) - cx(&c, pb)), side ? "#D55E00" : "#0072B2");
                if (isfinite(lo) && isfinite(hi))
                    out(pg, "<path d=\"M%.1f %.1fv8M%.1f %.1fv8M%.1f %.1fH%.1f\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>",
                        cx(&c, pb + lo), y0 + 2, cx(&c, pb + hi), y0 + 2, cx(&c, pb + lo), y0 + 6, cx(&c, pb + hi));
            }
            out(pg, "\n");
        }
        if (isfinite(pb))
            out(pg, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"2\"/>\n", cx(&c, pb), c.T,
                cx(&c, pb), cy(&c, 0));
        out(pg, "<rect x=\"%d\" y=\"46\" width=\"16\" height=\"14\" fill=\"#0072B2\"/><text class=\"tick\" x=\"%d\" y=\"58\">"
                "held at its 5%% quantile</text><rect x=\"%d\" y=\"46\" width=\"16\" height=\"14\" fill=\"#D55E00\"/>"
                "<text class=\"tick\" x=\"%d\" y=\"58\">held at its 95%% quantile</text>\n", c.L, c.L + 22, c.L + 230, c.L + 252);
        chart_close(&c, "A tornado chart: for each uncertain number (largest swing first), the probability with it held "
                        "at its 5% quantile (upper bar, blue) and at its 95% quantile (lower bar, orange); the vertical "
                        "line: every number random, in its 95% interval (grey). Whiskers: the 95% interval of each "
                        "difference from that line, paired run by run. The axis spans at least 10 percentage points, so "
                        "that Monte Carlo noise is not magnified.");
        out(pg, "<table>\n<tr><th class=\"name\">uncertain number</th><th>5%% quantile</th><th>P(deal) there</th>"
                "<th>95%% quantile</th><th>P(deal) there</th><th>swing (points)</th></tr>\n");
        for (int i = 0; i < shown; i++) {
            const cJSON *lo = get(eff[i], "low"), *hi = get(eff[i], "high");
            out(pg, "<tr><td class=\"name\">");
            text(pg, pname[i]);
            out(pg, "</td><td>%.3g</td><td>%.1f%%</td><td>%.3g</td><td>%.1f%%</td><td>%+.1f</td></tr>\n", num(lo, "at"),
                100 * num(lo, "p"), num(hi, "at"), 100 * num(hi, "p"), tidy(100 * num(eff[i], "swing")));
        }
        out(pg, "</table>\n");
        if (ferror(pg->f)) break;
    }
    for (int i = 0; i < nk; i++) keyidx_free(&effects[i]);
    free(effects);
    free(indexed);
    free(byname);
    keyidx_free(&issues);
    return 0;
}

/* ---- a sensitivity analysis of schema /2: three methods, every output ---- */

/* One row of a bar chart: up to two bars, each from `from` to `to` with a whisker lo..hi
 * (NAN: none). */
typedef struct hbar { double from, to, lo, hi; } hbar;

/* Draws n rows (names[i], bars[2 i], bars[2 i + 1]; nb bars a row) over [x0, x1], with a
 * vertical reference line at ref (NAN: none) and the legend of each bar. */
static void hbar_chart(page *pg, const char *ctitle, const char *desc, const char *caption, const char *const *names, int n,
                       const hbar *bars, int nb, const char *const *legend, double x0, double x1, double scale,
                       const char *unit, const char *xlabel, double ref, double band_lo, double band_hi)
{
    static const char *const fill[2] = {"#0072B2", "#D55E00"};
    chart c;
    int rowh = nb == 2 ? 40 : 28;
    chart_open(&c, pg, 800, 48 + 30 + 64 + rowh * (n > 2 ? n : 2), 330, ctitle, desc);
    c.T = 48 + 30;
    c.x0 = x0;
    c.x1 = x1;
    c.y0 = 0;
    c.y1 = n;
    axis_x(&c, 6, scale, unit, xlabel, 0);
    if (isfinite(band_lo) && isfinite(band_hi))   /* the reference's own 95% interval */
        out(pg, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#000\" fill-opacity=\"0.12\"/>\n",
            cx(&c, band_lo), c.T, cx(&c, band_hi) - cx(&c, band_lo), cy(&c, 0) - c.T);
    char buf[300];
    double bh = nb == 2 ? 12 : 14;
    for (int i = 0; i < n; i++) {
        double yc = cy(&c, n - i - 0.5);
        out(pg, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", c.L - 10, yc + 5);
        text(pg, fit(names[i], TICK_PX, c.L - 18, buf, sizeof buf));
        out(pg, "</text>\n");
        for (int b = 0; b < nb; b++) {
            const hbar *h = &bars[2 * i + b];
            double y0 = nb == 2 ? yc - 12 + 12 * b : yc - bh / 2;
            if (!isfinite(h->from) || !isfinite(h->to)) continue;
            out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\"/>", fmin(cx(&c, h->from), cx(&c, h->to)),
                y0, fabs(cx(&c, h->to) - cx(&c, h->from)), bh, fill[b]);
            if (isfinite(h->lo) && isfinite(h->hi))
                out(pg, "<path d=\"M%.1f %.1fv8M%.1f %.1fv8M%.1f %.1fH%.1f\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>",
                    cx(&c, h->lo), y0 + bh / 2 - 4, cx(&c, h->hi), y0 + bh / 2 - 4, cx(&c, h->lo), y0 + bh / 2, cx(&c, h->hi));
        }
        out(pg, "\n");
    }
    if (isfinite(ref))
        out(pg, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"2\"/>\n", cx(&c, ref), c.T,
            cx(&c, ref), cy(&c, 0));
    for (int b = 0; b < nb; b++) {
        out(pg, "<rect x=\"%d\" y=\"46\" width=\"16\" height=\"14\" fill=\"%s\"/><text class=\"tick\" x=\"%d\" y=\"58\">",
            c.L + 230 * b, fill[b], c.L + 22 + 230 * b);
        text(pg, legend[b]);
        out(pg, "</text>\n");
    }
    chart_close(&c, caption);
}

/* The factor named name's object in the document's "factors" (NULL: none). */
static const cJSON *factor_of(const keyidx *fx, const char *name) { return keyidx_get(fx, name); }

static int sensitivity2_page(page *pg, const cJSON *doc, char *err, size_t errlen)
{
    const cJSON *outputs = get(doc, "outputs"), *factors = get(doc, "factors");
    const char *method = str(doc, "method");
    int m = strcmp(method, "oat") == 0 ? 0 : strcmp(method, "morris") == 0 ? 1 : strcmp(method, "sobol") == 0 ? 2 : -1;
    if (!cJSON_IsArray(outputs) || !cJSON_IsArray(factors) || m < 0) {
        snprintf(err, errlen, "the analysis has no outputs, factors or known method: not a whole peacesim.sensitivity/2 document");
        return -1;
    }
    /* the factors by name (their ends), for the tables */
    int nfac = count(factors), k = 0;
    keyed *fv = malloc(sizeof *fv * (size_t)(nfac > 0 ? nfac : 1));
    if (!fv) { snprintf(err, errlen, "out of memory"); return -1; }
    const cJSON *f;
    cJSON_ArrayForEach(f, factors)
        if (cJSON_IsString(get(f, "name"))) { fv[k] = (keyed){get(f, "name")->valuestring, f, k}; k++; }
    qsort(fv, (size_t)k, sizeof *fv, by_key);
    keyidx fx = {fv, k};
    char title[300];
    snprintf(title, sizeof title, "peacesim: %.*s, sensitivity", (int)utf8_prefix(str(get(doc, "scenario"), "name"), 270),
             str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "which assumptions and uncertain numbers matter most");
    const cJSON *set = get(doc, "settings");
    out(pg, "<p>");
    /* the formats written out in each call, so the compiler checks them against their numbers */
    if (m == 0)
        out(pg, "One at a time: each factor (an assumption, or a distribution) was set at its low end, then at its high end (an "
        "assumption's low and high, a distribution's 5%% and 95%% quantiles), every other as it is, on the same random "
        "numbers as the run of the scenario as it is (the vertical line). Whiskers: the 95%% intervals of the differences, "
        "paired run by run (Monte Carlo error).");
    else if (m == 1)
        out(pg, "Morris's elementary effects: along %.0f trajectories on a %.0f-level grid over each factor's range, the change of "
        "the output when one factor moves, per whole range of the factor. mu* (the mean size of the effects) ranks the "
        "factors; sigma (their spread) is large where the factor's effect depends on the others (interactions, "
        "nonlinearity). Neither bar is an interval.",
            num(set, "trajectories"), num(set, "levels"));
    else
        out(pg, "Sobol' indices over Saltelli's design of %.0f base rows: S1, the share of the output's variance a factor explains "
            "alone; ST, with all its interactions (ST minus S1: what it does with others). Whiskers: bootstrap 95%% intervals "
            "over the base rows (%.0f resamples), the estimator's error, not ignorance about the world.",
            num(set, "samples"), num(set, "bootstrap"));
    out(pg, " %.0f design points, %.0f runs each (%.0f replications).</p>\n", num(get(doc, "design"), "points"), num(doc, "runs"),
        num(get(doc, "design"), "replications"));
    const cJSON *base = get(doc, "baseline");
    keyidx issues = {0};
    if (keyidx_build(&issues, get(base, "issues")) != 0) { free(fv); snprintf(err, errlen, "out of memory"); return -1; }
    const cJSON *o;
    cJSON_ArrayForEach(o, outputs) {
        const char *oname = str(o, "name"), *kind = str(o, "kind");
        int prob = strcmp(kind, "p_agreement") == 0 || strcmp(kind, "p_issue") == 0, terms = strcmp(kind, "terms") == 0;
        const cJSON *eff = get(o, "effects"), *rank = get(o, "ranking");
        char heading[400];
        if (strcmp(kind, "p_agreement") == 0) snprintf(heading, sizeof heading, "Comprehensive agreement: P(deal)");
        else if (prob) snprintf(heading, sizeof heading, "%.*s: P(deal)", (int)utf8_prefix(oname, 300), oname);
        else if (terms) snprintf(heading, sizeof heading, "%.*s: mean terms (over the runs that agreed it)", (int)utf8_prefix(str(o, "issue"), 300), str(o, "issue"));
        else snprintf(heading, sizeof heading, "Rounds fought without a ceasefire (mean)");
        out(pg, "<h2>");
        text(pg, heading);
        out(pg, "</h2>\n");
        if (cJSON_IsString(get(o, "note"))) { out(pg, "<p>"); text(pg, str(o, "note")); out(pg, "</p>\n"); }
        if (!cJSON_IsArray(eff) || !cJSON_IsArray(rank) || !rank->child) continue;
        /* the effects by factor, the rows in the ranking's order */
        int ne = count(eff), nk = 0;
        keyed *ev = malloc(sizeof *ev * (size_t)(ne > 0 ? ne : 1));
        if (!ev) break;
        const cJSON *e;
        cJSON_ArrayForEach(e, eff)
            if (cJSON_IsString(get(e, "factor"))) { ev[nk] = (keyed){get(e, "factor")->valuestring, e, nk}; nk++; }
        qsort(ev, (size_t)nk, sizeof *ev, by_key);
        keyidx ex = {ev, nk};
        const char *names[10];
        const cJSON *row[10];
        hbar bars[20];
        int n = 0;
        for (const cJSON *r = rank->child; r && n < 10; r = r->next) {
            if (!cJSON_IsString(r)) continue;
            names[n] = r->valuestring;
            row[n++] = keyidx_get(&ex, r->valuestring);
        }
        /* the reference: the baseline's value (one at a time) */
        double ref = NAN, blo = NAN, bhi = NAN;
        if (m == 0) {
            const cJSON *bp = strcmp(kind, "p_agreement") == 0 ? get(base, "agreement") : prob ? keyidx_get(&issues, oname) : NULL;
            if (bp) { ref = num(bp, "p"); interval(bp, &blo, &bhi); }
            else if (terms) ref = num(get(keyidx_get(&issues, str(o, "issue")), "terms"), "mean");
            else ref = num(get(base, "war_rounds"), "mean");
        }
        double xmin = isfinite(ref) ? ref : 0, xmax = xmin;
        if (isfinite(blo) && isfinite(bhi)) { xmin = fmin(xmin, blo); xmax = fmax(xmax, bhi); }
        sbuf desc = {{0}, 0, 0};
        for (int i = 0; i < n; i++) {
            const cJSON *x = row[i];
            hbar *a = &bars[2 * i], *b = &bars[2 * i + 1];
            if (m == 0) {
                const cJSON *lo = get(x, "low"), *hi = get(x, "high");
                double l1, h1, l2, h2;
                interval(lo, &l1, &h1);
                interval(hi, &l2, &h2);
                *a = (hbar){ref, num(lo, "value"), ref + l1, ref + h1};
                *b = (hbar){ref, num(hi, "value"), ref + l2, ref + h2};
                sb_add(&desc, "%s: %g at its low end, %g at its high end. ", names[i], a->to, b->to);
            } else if (m == 1) {
                *a = (hbar){0, num(x, "mu_star"), NAN, NAN};
                *b = (hbar){0, num(x, "sigma"), NAN, NAN};
                sb_add(&desc, "%s: mu* %g, sigma %g. ", names[i], a->to, b->to);
            } else {
                double v[2] = {NAN, NAN}, w[2] = {NAN, NAN};
                numbers(get(x, "first_ci95"), v, 2);
                numbers(get(x, "total_ci95"), w, 2);
                *a = (hbar){0, num(x, "first"), v[0], v[1]};
                *b = (hbar){0, num(x, "total"), w[0], w[1]};
                sb_add(&desc, "%s: S1 %.3f [%.3f, %.3f], ST %.3f [%.3f, %.3f]. ", names[i], a->to, v[0], v[1], b->to, w[0], w[1]);
            }
            for (int j = 0; j < 2; j++) {
                const hbar *h = &bars[2 * i + j];
                double pts[4] = {h->from, h->to, h->lo, h->hi};
                for (int q = 0; q < 4; q++)
                    if (isfinite(pts[q])) { xmin = fmin(xmin, pts[q]); xmax = fmax(xmax, pts[q]); }
            }
        }
        /* an axis that does not magnify noise: probabilities at least 10 points wide, indices 0 to 1 */
        if (m == 2) { xmin = fmin(xmin, 0); xmax = fmax(xmax, 1); axis_range(&xmin, &xmax, 1, -1e9, 1e9); }
        else if (m == 0 && (prob || terms)) axis_range(&xmin, &xmax, 0.10, 0, 1);
        else axis_range(&xmin, &xmax, prob ? 0.10 : terms ? 0.05 : 0.5, m == 1 ? 0 : -1e9, 1e9);
        static const char *const lg[3][2] = {{"at its low end", "at its high end"}, {"mu* (ranks)", "sigma"},
                                             {"S1 (first order)", "ST (total)"}};
        static const char *const caps[3] = {
            "A tornado chart: per factor (largest swing first), the output at the factor's low end (upper bar, blue) and "
            "at its high end (lower bar, orange), from the scenario as it is (the vertical line). Whiskers: paired 95% "
            "intervals of the differences.",
            "Per factor (largest mu* first): mu*, the mean size of its elementary effects (blue), and sigma, their "
            "standard deviation (orange), in the output's units per whole range of the factor.",
            "Per factor (largest ST first): the first-order index S1 (blue) and the total index ST (orange), each with "
            "its bootstrap 95% interval."};
        char ctitle[400];
        snprintf(ctitle, sizeof ctitle, "%.*s: the factors that move it most", (int)utf8_prefix(heading, 300), heading);
        const char *xl = m == 2 ? "Sobol' index (share of the variance)" :
                         prob ? (m == 0 ? "probability of a deal (%)" : "effect (percentage points per whole range)") :
                         terms ? (m == 0 ? "mean terms (0-1 scale)" : "effect on the terms per whole range") :
                         (m == 0 ? "rounds" : "effect (rounds per whole range)");
        hbar_chart(pg, ctitle, desc.s, caps[m], names, n, bars, 2, lg[m], xmin, xmax, prob && m < 2 ? 100 : 1,
                   prob && m == 0 ? "%" : "", xl, ref, blo, bhi);
        /* the numbers again, in a table */
        if (m == 0)
            out(pg, "<table>\n<tr><th class=\"name\">factor</th><th>low end</th><th>there</th><th>high end</th><th>there</th>"
                    "<th>swing</th></tr>\n");
        else if (m == 1)
            out(pg, "<table>\n<tr><th class=\"name\">factor</th><th>range</th><th>mu*</th><th>mu</th><th>sigma</th></tr>\n");
        else
            out(pg, "<table>\n<tr><th class=\"name\">factor</th><th>range</th><th>S1</th><th>95%% interval</th><th>ST</th>"
                    "<th>95%% interval</th></tr>\n");
        double sc = prob ? 100 : 1;
        for (int i = 0; i < n; i++) {
            const cJSON *x = row[i], *fa = factor_of(&fx, names[i]);
            out(pg, "<tr><td class=\"name\">");
            text(pg, names[i]);
            if (m == 0)
                out(pg, "</td><td>%.3g</td><td>%.4g</td><td>%.3g</td><td>%.4g</td><td>%+.4g</td></tr>\n", num(fa, "low"),
                    sc * num(get(x, "low"), "value"), num(fa, "high"), sc * num(get(x, "high"), "value"), sc * num(x, "swing"));
            else if (m == 1)
                out(pg, "</td><td>%.3g to %.3g</td><td>%.4g</td><td>%+.4g</td><td>%.4g</td></tr>\n", num(fa, "low"),
                    num(fa, "high"), sc * num(x, "mu_star"), sc * num(x, "mu"), sc * num(x, "sigma"));
            else
                out(pg, "</td><td>%.3g to %.3g</td><td>%.3f</td><td>[%.3f, %.3f]</td><td>%.3f</td><td>[%.3f, %.3f]</td></tr>\n",
                    num(fa, "low"), num(fa, "high"), bars[2 * i].to, bars[2 * i].lo, bars[2 * i].hi, bars[2 * i + 1].to,
                    bars[2 * i + 1].lo, bars[2 * i + 1].hi);
        }
        out(pg, "</table>\n");
        if (prob && m < 2) out(pg, "<p>Probabilities and effects in per cent (percentage points).</p>\n");
        free(ev);
        if (ferror(pg->f)) break;
    }
    keyidx_free(&issues);
    free(fv);
    return 0;
}

int ps_html_report(FILE *f, const cJSON *doc, char *err, size_t errlen)
{
    page pg = {f, 0};
    const char *schema = str(doc, "schema");
    int rc;
    if (strcmp(schema, "peacesim.result/1") == 0 || strcmp(schema, "peacesim.result/2") == 0) rc = run_page(&pg, doc, err, errlen);
    else if (strcmp(schema, "peacesim.sweep/2") == 0 || strcmp(schema, "peacesim.sweep/1") == 0) rc = sweep_page(&pg, doc, err, errlen);
    else if (strcmp(schema, "peacesim.sensitivity/1") == 0) rc = sensitivity_page(&pg, doc, err, errlen);
    else if (strcmp(schema, "peacesim.sensitivity/2") == 0) rc = sensitivity2_page(&pg, doc, err, errlen);
    else {
        snprintf(err, errlen, "not a peacesim result: its \"schema\" is %s%.*s%s (known: peacesim.result/1 and /2, peacesim.sweep/1 and /2, "
                 "peacesim.sensitivity/1 and /2)", schema[0] ? "\"" : "", (int)utf8_prefix(schema[0] ? schema : "missing", 200),
                 schema[0] ? schema : "missing", schema[0] ? "\"" : "");
        return -1;
    }
    if (rc != 0) return -1;
    out(&pg, "<footer><p>Made by peacesim ");
    text(&pg, str(doc, "version"));
    out(&pg, " from a result file; the model and its sources are described in docs/MODEL.md. "
             "A model of the negotiations, not a forecast.</p></footer>\n</body>\n</html>\n");
    if (ferror(f)) { snprintf(err, errlen, "writing the page failed"); return -2; }
    return 0;
}
