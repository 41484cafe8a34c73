/* ps_html.c: result documents as self-contained HTML pages with inline SVG charts.
 *
 * Every chart is an <svg role="img"> with a <title> and a <desc> that states its numbers, under
 * a visible caption, with the numbers again in a table: a reader without the picture (a screen
 * reader, a grey printer) loses nothing. Colours are the Okabe and Ito (2008) palette, told
 * apart also by colour-blind readers. The page has no script and loads nothing. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_accum.h"
#include "ps_html.h"
#include "ps_utf8.h"

static const char *const palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
#define NCOLOURS 8

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

static double idx(const cJSON *a, int i)
{
    const cJSON *v = cJSON_GetArrayItem(a, i);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
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

/* Text with &, <, >, " escaped. */
static void text(page *pg, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", pg->f); break;
        case '<': fputs("&lt;", pg->f); break;
        case '>': fputs("&gt;", pg->f); break;
        case '"': fputs("&quot;", pg->f); break;
        default: fputc(*s, pg->f);
        }
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
    out(pg, ", %.0f rounds</dd>\n<dt>Parameters</dt><dd>", num(sc, "rounds"));
    const cJSON *params = get(sc, "params"), *p;
    int n = 0;
    cJSON_ArrayForEach(p, params) {
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
    if (cJSON_IsObject(pr))
        out(pg, "<dt>Precision</dt><dd>%g asked: %s (the widest 95%% half-width %.3g)</dd>\n", num(pr, "target"),
            num(pr, "reached") <= num(pr, "target") ? "reached" : cJSON_IsFalse(get(doc, "complete")) ? "NOT reached, the run was stopped" : "NOT reached within the runs --runs allows", num(pr, "reached"));
    out(pg, "<dt>Intervals</dt><dd>95%%, %s</dd>\n<dt>Made by</dt><dd>peacesim ",
        strcmp(str(doc, "interval"), "clopper-pearson") == 0 ? "Clopper-Pearson" : "Wilson score");
    text(pg, str(doc, "version"));
    out(pg, "</dd>\n</dl>\n</header>\n");
}

/* ---- charts ---- */

typedef struct chart {
    page *pg;
    int W, H, L, R, T, B;     /* size; margins of the plot area */
    double x0, x1, y0, y1;    /* the plot area's data ranges */
} chart;

static double cx(const chart *c, double x) { return c->L + (x - c->x0) / (c->x1 - c->x0) * (c->W - c->L - c->R); }
static double cy(const chart *c, double y) { return c->H - c->B - (y - c->y0) / (c->y1 - c->y0) * (c->H - c->T - c->B); }

/* Opens a figure and its svg; desc states the chart's content in words. */
static void chart_open(chart *c, page *pg, int W, int H, int L, const char *title, const char *desc)
{
    int id = ++pg->figures;
    *c = (chart){pg, W, H, L, 24, 48, 64, 0, 1, 0, 1};
    out(pg, "<figure>\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"t%d d%d\" "
            "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"t%d\">", W, H, id, id, id);
    text(pg, title);
    out(pg, "</title>\n<desc id=\"d%d\">", id);
    text(pg, desc);
    out(pg, "</desc>\n<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<text class=\"title\" x=\"%d\" y=\"26\">", W, H, 8);
    text(pg, title);
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

static void axis_x(chart *c, double step, double scale, const char *unit, const char *label)
{
    page *pg = c->pg;
    double yb = c->H - c->B;
    out(pg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>\n", cx(c, c->x0), yb, cx(c, c->x1), yb);
    double k0 = ceil(c->x0 / step - 1e-9), k1 = floor(c->x1 / step + 1e-9);
    /* counted, not summed: a step below the numbers' resolution cannot loop for ever */
    int nt = isfinite(k0) && isfinite(k1) && k1 - k0 <= 100 ? (int)(k1 - k0) : -1;
    for (int j = 0; j <= nt; j++) {
        double x = (k0 + j) * step;
        out(pg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>", cx(c, x), yb, cx(c, x), yb + 6);
        out(pg, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", cx(c, x), c->T, cx(c, x), yb);
        out(pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g%s</text>\n", cx(c, x), yb + 22,
            fabs(x * scale) < 1e-12 ? 0.0 : x * scale, unit);
    }
    out(pg, "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", cx(c, 0.5 * (c->x0 + c->x1)), c->H - 12);
    text(pg, label);
    out(pg, "</text>\n");
}

static void axis_y(chart *c, double step, double scale, const char *unit, const char *label)
{
    page *pg = c->pg;
    out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\"/>\n", c->L, cy(c, c->y0), c->L, cy(c, c->y1));
    double k0 = ceil(c->y0 / step - 1e-9), k1 = floor(c->y1 / step + 1e-9);
    int nt = isfinite(k0) && isfinite(k1) && k1 - k0 <= 100 ? (int)(k1 - k0) : -1;
    for (int j = 0; j <= nt; j++) {
        double y = (k0 + j) * step;
        out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\"/>", c->L - 6, cy(c, y), c->L, cy(c, y));
        out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", c->L, cy(c, y), c->W - c->R, cy(c, y));
        out(pg, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g%s</text>\n", c->L - 9, cy(c, y) + 5,
            fabs(y * scale) < 1e-12 ? 0.0 : y * scale, unit);
    }
    out(pg, "<text class=\"label\" transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">",
        0.5 * (cy(c, c->y0) + cy(c, c->y1)));
    text(pg, label);
    out(pg, "</text>\n");
}

/* Room for a legend on the right of the plot area; call before drawing the axes. */
#define LEGEND_W 200
static void make_room_for_legend(chart *c) { c->R = LEGEND_W + 20; }

/* A legend to the right of the plot area (see make_room_for_legend). */
static void legend(chart *c, const char *const *names, int n)
{
    for (int i = 0; i < n; i++) {
        double x = c->W - LEGEND_W, y = c->T + 8 + 22 * i;
        out(c->pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"16\" fill=\"%s\"/>", x, y + 1, palette[i % NCOLOURS]);
        out(c->pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">", x + 22, y + 14);
        text(c->pg, names[i]);
        out(c->pg, "</text>\n");
    }
}

/* A line through (x[i], y[i]) with its band lo..hi (any may be NULL). */
static void series(chart *c, int n, const double *x, const double *y, const double *lo, const double *hi,
                   const char *colour, int dashed)
{
    page *pg = c->pg;
    if (lo && hi) {
        out(pg, "<polygon fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\" points=\"", colour);
        for (int i = 0; i < n; i++) out(pg, "%.1f,%.1f ", cx(c, x[i]), cy(c, hi[i]));
        for (int i = n - 1; i >= 0; i--) out(pg, "%.1f,%.1f ", cx(c, x[i]), cy(c, lo[i]));
        out(pg, "\"/>\n");
    }
    out(pg, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"3\"%s points=\"", colour,
        dashed ? " stroke-dasharray=\"8 5\"" : "");
    for (int i = 0; i < n; i++) out(pg, "%.1f,%.1f ", cx(c, x[i]), cy(c, y[i]));
    out(pg, "\"/>\n");
}

/* ---- a run ---- */

/* The headline probabilities: the comprehensive agreement, then each issue. */
typedef struct headline { const char *name; const cJSON *prop; } headline;

static int headlines(const cJSON *agreement, const cJSON *issues, headline *h, int max)
{
    int n = 0;
    h[n++] = (headline){"comprehensive", agreement};
    const cJSON *is;
    cJSON_ArrayForEach(is, issues) if (n < max && is->string && cJSON_IsObject(is)) h[n++] = (headline){is->string, is};
    return n;
}

static void probability_bars(page *pg, const headline *h, int n, const char *title)
{
    char desc[4096] = "", buf[200];
    for (int i = 0; i < n; i++) {
        const cJSON *ci = get(h[i].prop, "ci95");
        ps_utf8_snprintf(buf, sizeof buf, "%s%s %.1f%% (95%% interval %.1f to %.1f)", i ? "; " : "", h[i].name,
                 100 * num(h[i].prop, "p"), 100 * idx(ci, 0), 100 * idx(ci, 1));
        ps_utf8_append(desc, sizeof desc, buf);
    }
    chart c;
    int rowh = 44;
    chart_open(&c, pg, 800, 48 + 64 + rowh * n, 190, title, desc);
    c.x0 = 0;
    c.x1 = 1;
    c.y0 = 0;
    c.y1 = n;
    axis_x(&c, 0.2, 100, "%", "probability of a deal within the horizon (%), with its 95% interval");
    for (int i = 0; i < n; i++) {
        double p = num(h[i].prop, "p"), lo = idx(get(h[i].prop, "ci95"), 0), hi = idx(get(h[i].prop, "ci95"), 1);
        double yc = cy(&c, n - i - 0.5);
        out(pg, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", c.L - 10, yc + 6);
        text(pg, h[i].name);
        out(pg, "</text>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"26\" fill=\"%s\"/>\n", cx(&c, 0), yc - 13,
            cx(&c, isfinite(p) ? p : 0) - cx(&c, 0), palette[i % NCOLOURS]);
        if (isfinite(lo) && isfinite(hi))
            out(pg, "<path d=\"M%.1f %.1fv16M%.1f %.1fv16M%.1f %.1fH%.1f\" stroke=\"#111\" stroke-width=\"2\" fill=\"none\"/>\n",
                cx(&c, lo), yc - 8, cx(&c, hi), yc - 8, cx(&c, lo), yc, cx(&c, hi));
        out(pg, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.1f%%</text>\n",
            fmin(cx(&c, isfinite(hi) ? hi : p) + 8, c.W - c.R - 60), yc - 16, 100 * p);
    }
    chart_close(&c, "Bars: the share of simulated runs in which the issue (or every issue on the table at once: "
                    "comprehensive) was agreed within the horizon. Whiskers: the 95% interval of that share.");
}

/* S(t) with its pointwise 95% interval: S(t) is a share of the runs, so the same interval. */
static void survival_chart(page *pg, const headline *h, int n, double runs, ps_interval method)
{
    int T = -1;
    for (int i = 0; i < n; i++) {
        const cJSON *s = get(i == 0 ? NULL : h[i].prop, "survival");
        if (i == 0) continue;
        if (cJSON_GetArraySize(s) - 1 > T) T = cJSON_GetArraySize(s) - 1;
    }
    if (T < 1) return;
    char desc[4096], buf[200];
    snprintf(desc, sizeof desc, "Share of runs without agreement after round t, for t from 0 to %d. At the end: ", T);
    for (int i = 1; i < n; i++) {
        const cJSON *s = get(h[i].prop, "survival");
        ps_utf8_snprintf(buf, sizeof buf, "%s%s %.1f%%", i > 1 ? "; " : "", h[i].name, 100 * idx(s, cJSON_GetArraySize(s) - 1));
        ps_utf8_append(desc, sizeof desc, buf);
    }
    chart c;
    chart_open(&c, pg, 800, 440, 86, "Time to agreement: runs still without a deal, round by round", desc);
    make_room_for_legend(&c);
    c.x0 = 0;
    c.x1 = T;
    c.y0 = 0;
    c.y1 = 1;
    axis_x(&c, nice_step(T, 8), 1, "", "round (the scenario's time step: weeks in the default scenario)");
    axis_y(&c, 0.2, 100, "%", "runs without agreement (%)");
    const char *names[16];
    int nn = 0;
    double *x = malloc(sizeof(double) * (size_t)(T + 1) * 4);
    if (!x) return;
    double *y = x + T + 1, *lo = y + T + 1, *hi = lo + T + 1;
    for (int i = 1; i < n && nn < 16; i++) {
        const cJSON *s = get(h[i].prop, "survival");
        int m = cJSON_GetArraySize(s);
        for (int t = 0; t < m; t++) {
            x[t] = t;
            y[t] = idx(s, t);
            uint64_t k = (uint64_t)llround(y[t] * runs);
            ps_interval95(method, k, (uint64_t)runs, &lo[t], &hi[t]);
        }
        series(&c, m, x, y, lo, hi, palette[nn % NCOLOURS], 0);
        names[nn++] = h[i].name;
    }
    free(x);
    legend(&c, names, nn);
    chart_close(&c, "Each line: the share of runs in which the issue was not yet agreed by the end of each round "
                    "(a survival curve); the band around it is its 95% interval.");
}

static void terms_chart(page *pg, const headline *h, int n)
{
    char desc[4096] = "Agreed terms on a 0 to 1 scale, over the runs that agreed. ", buf[240];
    int shown = 0;
    double maxc = 0;
    for (int i = 1; i < n; i++) {
        const cJSON *terms = get(h[i].prop, "terms"), *hist = get(terms, "histogram");
        if (!cJSON_IsArray(hist) || num(h[i].prop, "count") <= 0) continue;
        for (int b = 0; b < cJSON_GetArraySize(hist); b++) maxc = fmax(maxc, idx(hist, b) / num(h[i].prop, "count"));
        ps_utf8_snprintf(buf, sizeof buf, "%s: mean %.3f, 5%% %.3f, median %.3f, 95%% %.3f. ", h[i].name, num(terms, "mean"),
                 num(terms, "q05"), num(terms, "q50"), num(terms, "q95"));
        ps_utf8_append(desc, sizeof desc, buf);
        shown++;
    }
    if (!shown) return;
    chart c;
    chart_open(&c, pg, 800, 440, 86, "Agreed terms: how the deals that were made split each issue", desc);
    make_room_for_legend(&c);
    c.x0 = 0;
    c.x1 = 1;
    c.y0 = 0;
    c.y1 = maxc > 0 ? fmin(1, nice_step(maxc, 1) * ceil(maxc / nice_step(maxc, 1))) : 1;
    axis_x(&c, 0.1, 1, "", "agreed terms (0 to 1: the issue's scale, from its low end to its high end)");
    axis_y(&c, nice_step(c.y1, 5), 100, "%", "share of the deals on the issue (%)");
    const char *names[16];
    int nn = 0, k = 0;
    for (int i = 1; i < n && nn < 16; i++) {
        const cJSON *hist = get(get(h[i].prop, "terms"), "histogram");
        double count = num(h[i].prop, "count");
        k++;
        if (!cJSON_IsArray(hist) || count <= 0) continue;
        int bins = cJSON_GetArraySize(hist);
        /* outlined steps, so that issues on the same bins stay readable */
        out(pg, "<path fill=\"%s\" fill-opacity=\"0.25\" stroke=\"%s\" stroke-width=\"2\" d=\"M%.1f %.1f", palette[(k - 1) % NCOLOURS],
            palette[(k - 1) % NCOLOURS], cx(&c, 0), cy(&c, 0));
        for (int b = 0; b < bins; b++) {
            double share = idx(hist, b) / count;
            out(pg, "V%.1fH%.1f", cy(&c, share), cx(&c, (double)(b + 1) / bins));
        }
        out(pg, "V%.1fZ\"/>\n", cy(&c, 0));
        names[nn++] = h[i].name;
    }
    legend(&c, names, nn);
    chart_close(&c, "For each issue agreed in some run: the share of its deals whose terms fell in each 1/64 of its scale.");
}

static void run_table(page *pg, const headline *h, int n)
{
    out(pg, "<h2>The numbers</h2>\n<table>\n<tr><th class=\"name\">issue</th><th>P(deal)</th>"
            "<th>95%% interval</th><th>median round</th><th>terms: mean</th><th>5%%</th><th>95%%</th></tr>\n");
    for (int i = 0; i < n; i++) {
        const cJSON *ci = get(h[i].prop, "ci95"), *terms = get(h[i].prop, "terms"), *med = get(h[i].prop, "median_round");
        out(pg, "<tr><td class=\"name\">");
        text(pg, h[i].name);
        out(pg, "</td><td>%.1f%%</td><td>%.1f to %.1f%%</td>", 100 * num(h[i].prop, "p"), 100 * idx(ci, 0), 100 * idx(ci, 1));
        if (cJSON_IsNumber(med)) out(pg, "<td>%.0f</td>", med->valuedouble);
        else out(pg, "<td>%s</td>", i == 0 ? "" : "not reached");
        if (terms && isfinite(num(terms, "mean")))
            out(pg, "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>\n", num(terms, "mean"), num(terms, "q05"), num(terms, "q95"));
        else
            out(pg, "<td></td><td></td><td></td></tr>\n");
    }
    out(pg, "</table>\n");
}

static int run_page(page *pg, const cJSON *doc, char *err, size_t errlen)
{
    const cJSON *issues = get(doc, "issues"), *agreement = get(doc, "agreement");
    if (!cJSON_IsObject(issues) || !cJSON_IsObject(agreement)) {
        snprintf(err, errlen, "the result has no issues or agreement: not a whole peacesim.result/1 document");
        return -1;
    }
    double runs = num(doc, "runs");   /* counts are derived from it: a whole number, as written */
    if (!(runs >= 1 && runs <= 1e15 && runs == floor(runs))) {
        snprintf(err, errlen, "the result's \"runs\" is missing or not a whole number from 1 to 1e15");
        return -1;
    }
    headline h[64];
    int n = headlines(agreement, issues, h, 64);
    char title[300];
    ps_utf8_snprintf(title, sizeof title, "peacesim: %s", str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "a Monte Carlo run");
    ps_interval method = strcmp(str(doc, "interval"), "clopper-pearson") == 0 ? PS_INTERVAL_CP : PS_INTERVAL_WILSON;
    out(pg, "<h2>How likely is a deal?</h2>\n");
    probability_bars(pg, h, n, "Probability of a deal, by issue");
    out(pg, "<h2>When?</h2>\n");
    survival_chart(pg, h, n, num(doc, "runs"), method);
    out(pg, "<h2>On which terms?</h2>\n");
    terms_chart(pg, h, n);
    run_table(pg, h, n);
    return 0;
}

/* ---- a sweep ---- */

/* x for printing with one decimal: 0 rather than "-0.0". */
static double tidy(double x) { return fabs(x) < 0.05 ? 0.0 : x; }

static int sweep_page(page *pg, const cJSON *doc, char *err, size_t errlen)
{
    const cJSON *points = get(doc, "points"), *vary = get(doc, "vary");
    int np = cJSON_GetArraySize(points);
    if (!cJSON_IsArray(points) || np < 1 || !cJSON_IsObject(vary)) {
        snprintf(err, errlen, "the sweep has no points: not a whole peacesim.sweep/1 document");
        return -1;
    }
    char title[300];
    ps_utf8_snprintf(title, sizeof title, "peacesim: %s, a sweep", str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "a sweep on common random numbers");
    /* the x axis: the varied param's values when there is one numeric param, else the points' numbers */
    int nvary = cJSON_GetArraySize(vary);
    const cJSON *first = cJSON_GetArrayItem(vary, 0);
    if (!first || !first->string) {
        snprintf(err, errlen, "the sweep varies no param: not a whole peacesim.sweep/1 document");
        return -1;
    }
    int numeric = nvary == 1;
    double *x = calloc((size_t)np * 5, sizeof(double));
    if (!x) { snprintf(err, errlen, "out of memory"); return -1; }
    double *y = x + np, *lo = y + np, *hi = lo + np;
    for (int p = 0; p < np; p++) {
        const cJSON *v = get(get(cJSON_GetArrayItem(points, p), "params"), first->string);
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) numeric = 0;
    }
    if (numeric) for (int p = 0; p < np; p++) x[p] = num(get(cJSON_GetArrayItem(points, p), "params"), first->string);
    else for (int p = 0; p < np; p++) x[p] = p + 1;
    /* the lines go through the points in the order of x, whatever the grid's order */
    int *order = malloc(sizeof *order * (size_t)np);
    if (!order) { free(x); snprintf(err, errlen, "out of memory"); return -1; }
    for (int p = 0; p < np; p++) order[p] = p;
    for (int i = 1; i < np; i++)
        for (int j = i; j > 0 && x[order[j - 1]] > x[order[j]]; j--) { int t = order[j]; order[j] = order[j - 1]; order[j - 1] = t; }
    const char *xlabel = numeric ? first->string : "point of the grid (numbered in the table below)";
    double xmin = x[0], xmax = x[0];
    for (int p = 1; p < np; p++) { xmin = fmin(xmin, x[p]); xmax = fmax(xmax, x[p]); }
    if (xmax == xmin) { xmin -= 0.5; xmax += 0.5; }
    headline h[64];
    int nh = headlines(get(cJSON_GetArrayItem(points, 0), "agreement"), get(cJSON_GetArrayItem(points, 0), "issues"), h, 64);
    const char *names[64];
    for (int i = 0; i < nh; i++) names[i] = h[i].name;
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: each probability with its band; pass 1: its paired difference from the baseline */
        char desc[8192] = "", buf[300];
        double ymin = 0, ymax = pass ? 0 : 1;
        for (int i = 0; i < nh; i++)
            for (int p = 0; p < np; p++) {
                const cJSON *pt = cJSON_GetArrayItem(points, p);
                const cJSON *d = i == 0 ? get(get(pt, "vs_baseline"), "agreement") : get(get(get(pt, "vs_baseline"), "issues"), h[i].name);
                if (pass) {
                    ymin = fmin(ymin, idx(get(d, "ci95"), 0));
                    ymax = fmax(ymax, idx(get(d, "ci95"), 1));
                }
                const cJSON *pr = i == 0 ? get(pt, "agreement") : get(get(pt, "issues"), h[i].name);
                snprintf(buf, sizeof buf, "%s%s at point %d: %s%.1f%s", desc[0] ? "; " : "", h[i].name, p + 1,
                         pass ? (num(d, "diff") >= 0 ? "+" : "") : "", 100 * (pass ? num(d, "diff") : num(pr, "p")),
                         pass ? " points" : "%");
                strncat(desc, buf, sizeof desc - strlen(desc) - 1);
            }
        if (pass) {
            double step = nice_step(fmax(ymax - ymin, 1e-4), 6);
            ymin = floor(ymin / step) * step;
            ymax = ceil(ymax / step) * step;
            if (ymax <= ymin) ymax = ymin + step;
        }
        chart c;
        out(pg, "<h2>%s</h2>\n", pass ? "Each point against the baseline, run by run" : "How likely is a deal at each point?");
        chart_open(&c, pg, 800, 460, 86,
                   pass ? "Paired difference from the baseline, in percentage points" : "Probability of a deal across the sweep",
                   desc);
        make_room_for_legend(&c);
        c.x0 = xmin - 0.04 * (xmax - xmin);
        c.x1 = xmax + 0.04 * (xmax - xmin);
        c.y0 = ymin;
        c.y1 = ymax;
        axis_x(&c, numeric ? nice_step(xmax - xmin, 8) : 1, 1, "", xlabel);
        axis_y(&c, pass ? nice_step(ymax - ymin, 6) : 0.2, 100, pass ? "" : "%",
               pass ? "difference (percentage points)" : "probability of a deal (%)");
        if (pass) out(pg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\" stroke-dasharray=\"4 4\"/>\n",
                      c.L, cy(&c, 0), c.W - c.R, cy(&c, 0));
        for (int i = 0; i < nh; i++) {
            double *xs = hi + np;
            for (int q = 0; q < np; q++) {
                int p = order[q];
                const cJSON *pt = cJSON_GetArrayItem(points, p);
                const cJSON *o = pass ? (i == 0 ? get(get(pt, "vs_baseline"), "agreement") : get(get(get(pt, "vs_baseline"), "issues"), h[i].name))
                                      : (i == 0 ? get(pt, "agreement") : get(get(pt, "issues"), h[i].name));
                xs[q] = x[p];
                y[q] = num(o, pass ? "diff" : "p");
                lo[q] = idx(get(o, "ci95"), 0);
                hi[q] = idx(get(o, "ci95"), 1);
            }
            series(&c, np, xs, y, lo, hi, palette[i % NCOLOURS], i == 0);
            for (int q = 0; q < np; q++)
                out(pg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", cx(&c, xs[q]), cy(&c, y[q]), palette[i % NCOLOURS]);
            out(pg, "\n");
        }
        legend(&c, names, nh);
        chart_close(&c, pass ? "Each point's probability minus the baseline's, computed replication by replication on the "
                               "same random numbers; the band is its 95% interval. The baseline's own difference is 0."
                             : "Each line: the probability of a deal at each point of the sweep; the band is its 95% interval "
                               "(dashed: the comprehensive agreement).");
    }
    free(x);
    free(order);
    /* the grid, numbered */
    out(pg, "<h2>The points</h2>\n<table>\n<tr><th>point</th>");
    const cJSON *v;
    cJSON_ArrayForEach(v, vary) if (v->string) { out(pg, "<th>"); text(pg, v->string); out(pg, "</th>"); }
    for (int i = 0; i < nh; i++) { out(pg, "<th>"); text(pg, h[i].name); out(pg, "</th>"); }
    out(pg, "</tr>\n");
    for (int p = 0; p < np; p++) {
        const cJSON *pt = cJSON_GetArrayItem(points, p), *params = get(pt, "params");
        out(pg, "<tr><td>%d</td>", p + 1);
        cJSON_ArrayForEach(v, vary) {
            if (!v->string) continue;
            const cJSON *pv = get(params, v->string);
            if (cJSON_IsNumber(pv)) out(pg, "<td>%g</td>", pv->valuedouble);
            else { out(pg, "<td>"); text(pg, cJSON_IsString(pv) ? pv->valuestring : ""); out(pg, "</td>"); }
        }
        for (int i = 0; i < nh; i++) {
            const cJSON *pr = i == 0 ? get(pt, "agreement") : get(get(pt, "issues"), h[i].name);
            const cJSON *d = i == 0 ? get(get(pt, "vs_baseline"), "agreement") : get(get(get(pt, "vs_baseline"), "issues"), h[i].name);
            out(pg, "<td>%.1f%% (%+.1f [%+.1f, %+.1f])</td>", 100 * num(pr, "p"), tidy(100 * num(d, "diff")),
                tidy(100 * idx(get(d, "ci95"), 0)), tidy(100 * idx(get(d, "ci95"), 1)));
        }
        out(pg, "</tr>\n");
    }
    out(pg, "</table>\n<p>Each cell: the probability of a deal, then (in brackets) its paired difference from the "
            "baseline in percentage points with its 95%% interval.</p>\n");
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
    char title[300];
    snprintf(title, sizeof title, "peacesim: %s, sensitivity", str(get(doc, "scenario"), "name"));
    page_open(pg, title);
    page_header(pg, doc, "which uncertain numbers matter most");
    out(pg, "<p>Each uncertain number of the scenario was held at its 5%% quantile, then at its 95%% quantile, "
            "with every other number left random, on the same random numbers as the run of the scenario as it is. "
            "The bars run from the probability at one quantile to that at the other; the line is the probability "
            "with every number random.</p>\n");
    const cJSON *rank;
    cJSON_ArrayForEach(rank, ranking) {
        const char *hname = rank->string;
        int ok = hname && cJSON_IsArray(rank);
        for (int i = 0; ok && i < cJSON_GetArraySize(rank); i++) ok = cJSON_IsString(cJSON_GetArrayItem(rank, i));
        if (!ok) {
            snprintf(err, errlen, "the ranking holds something other than lists of names: not a whole peacesim.sensitivity/1 document");
            return -1;
        }
        const cJSON *bp = strcmp(hname, "agreement") == 0 ? get(base, "agreement") : get(get(base, "issues"), hname);
        int nr = cJSON_GetArraySize(rank), shown = nr < 10 ? nr : 10;
        if (shown == 0) continue;
        char desc[4096], buf[300];
        double pb = num(bp, "p");
        snprintf(desc, sizeof desc, "With every number random: %.1f%%. ", 100 * pb);
        double xmin = pb, xmax = pb;
        const cJSON *eff[10];
        for (int i = 0; i < shown; i++) {
            const char *pname = cJSON_GetArrayItem(rank, i)->valuestring;
            const cJSON *pp, *found = NULL;
            cJSON_ArrayForEach(pp, params) if (strcmp(str(pp, "name"), pname) == 0) found = pp;
            eff[i] = get(get(found, "effects"), hname);
            double plo = num(get(eff[i], "low"), "p"), phi = num(get(eff[i], "high"), "p");
            xmin = fmin(xmin, fmin(plo, phi));
            xmax = fmax(xmax, fmax(plo, phi));
            snprintf(buf, sizeof buf, "%s: %.1f%% at its 5%% quantile, %.1f%% at its 95%%. ", pname, 100 * plo, 100 * phi);
            strncat(desc, buf, sizeof desc - strlen(desc) - 1);
        }
        double step = nice_step(fmax(xmax - xmin, 0.002), 6);
        xmin = fmax(0, floor(xmin / step) * step);
        xmax = fmin(1, ceil(xmax / step) * step);
        if (xmax <= xmin) xmax = xmin + step;
        char ctitle[300];
        snprintf(ctitle, sizeof ctitle, "%s: the uncertain numbers that move it most",
                 strcmp(hname, "agreement") == 0 ? "Comprehensive agreement" : hname);
        out(pg, "<h2>");
        text(pg, strcmp(hname, "agreement") == 0 ? "Comprehensive agreement" : hname);
        out(pg, "</h2>\n");
        chart c;
        int rowh = 40;
        chart_open(&c, pg, 800, 48 + 64 + rowh * (shown > 2 ? shown : 2), 330, ctitle, desc);
        make_room_for_legend(&c);
        c.x0 = xmin;
        c.x1 = xmax;
        c.y0 = 0;
        c.y1 = shown;
        axis_x(&c, step, 100, "%", "probability of a deal (%)");
        for (int i = 0; i < shown; i++) {
            double plo = num(get(eff[i], "low"), "p"), phi = num(get(eff[i], "high"), "p"), yc = cy(&c, shown - i - 0.5);
            const char *pname = cJSON_GetArrayItem(rank, i)->valuestring;
            out(pg, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", c.L - 10, yc + 5);
            char shortname[48];
            snprintf(shortname, sizeof shortname, "%.*s%s", (int)ps_utf8_prefix(pname, 44), pname, strlen(pname) > 44 ? "..." : "");
            text(pg, shortname);
            out(pg, "</text>\n");
            /* the low end in one colour, the high end in another: which way the number pushes */
            out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"24\" fill=\"%s\"/>", fmin(cx(&c, plo), cx(&c, pb)), yc - 12,
                fabs(cx(&c, plo) - cx(&c, pb)), palette[0]);
            out(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"24\" fill=\"%s\"/>\n", fmin(cx(&c, phi), cx(&c, pb)), yc - 12,
                fabs(cx(&c, phi) - cx(&c, pb)), palette[1]);
        }
        out(pg, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"2\"/>\n", cx(&c, pb), c.T,
            cx(&c, pb), cy(&c, 0));
        const char *names[2] = {"held at its 5% quantile", "held at its 95% quantile"};
        legend(&c, names, 2);
        chart_close(&c, "A tornado chart: for each uncertain number (largest swing first), the probability with it held "
                        "at its 5% quantile (blue) and at its 95% quantile (orange); the vertical line: every number random.");
    }
    return 0;
}

int ps_html_report(FILE *f, const cJSON *doc, char *err, size_t errlen)
{
    page pg = {f, 0};
    const char *schema = str(doc, "schema");
    int rc;
    if (strcmp(schema, "peacesim.result/1") == 0) rc = run_page(&pg, doc, err, errlen);
    else if (strcmp(schema, "peacesim.sweep/1") == 0) rc = sweep_page(&pg, doc, err, errlen);
    else if (strcmp(schema, "peacesim.sensitivity/1") == 0) rc = sensitivity_page(&pg, doc, err, errlen);
    else {
        snprintf(err, errlen, "not a peacesim result: its \"schema\" is %s%s%s (known: peacesim.result/1, peacesim.sweep/1, "
                 "peacesim.sensitivity/1)", schema[0] ? "\"" : "", schema[0] ? schema : "missing", schema[0] ? "\"" : "");
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
