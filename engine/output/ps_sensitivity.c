/* ps_sensitivity.c: a sensitivity study's measures, ranked, as JSON (peacesim.sensitivity/2), a
 * table and CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_json.h"
#include "ps_sensitivity.h"
#include "ps_utf8.h"

/* A value's label and index, sorted by label then index: the values that share a label are
 * neighbours, the first of them first. */
typedef struct named { const char *label; int j; } named;

static int by_label(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    return c ? c : (x->j > y->j) - (x->j < y->j);
}

/* Where to cut text of n bytes to keep at most max: never inside a UTF-8 character. */
static size_t utf8_cut(const char *text, size_t n, size_t max)
{
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80) max--;
    return max;
}

int ps_sensitivity_name_values(ps_scenario *s)
{
    int n = 0;
    named *v = malloc(sizeof *v * (size_t)(s->nvalues > 0 ? s->nvalues : 1));
    unsigned char *dup = calloc((size_t)(s->nvalues > 0 ? s->nvalues : 1), 1);
    if (!v || !dup) { free(v); free(dup); return -1; }
    for (int j = 0; j < s->nvalues; j++) {
        ps_value *x = &s->values[j];
        if (x->kind == PS_VAL_CONST) continue;
        if (!x->label[0]) snprintf(x->label, sizeof x->label, "uncertain number %d", j);
        v[n++] = (named){x->label, j};
    }
    /* sorted, not compared pair by pair: O(n log n) for the 65,536 values a scenario may have */
    qsort(v, (size_t)n, sizeof *v, by_label);
    for (int a = 1; a < n; a++) dup[v[a].j] = strcmp(v[a - 1].label, v[a].label) == 0;
    for (int j = 0; j < s->nvalues; j++) {
        if (!dup[j]) continue;
        char *label = s->values[j].label, suffix[24];
        int ns = snprintf(suffix, sizeof suffix, " (#%d)", j);
        size_t keep = utf8_cut(label, strlen(label), sizeof s->values[j].label - 1 - (size_t)ns);
        memcpy(label + keep, suffix, (size_t)ns + 1);
    }
    free(v);
    free(dup);
    return 0;
}

/* ---- the JSON document ---- */

/* A number, or null where it is undefined (NAN, an infinity): JSON has no NaN. */
static void add_num(cJSON *o, const char *key, double x)
{
    if (isfinite(x)) cJSON_AddNumberToObject(o, key, x);
    else cJSON_AddNullToObject(o, key);
}

static void add_pair(cJSON *o, const char *key, double lo, double hi)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    cJSON_AddItemToArray(a, isfinite(lo) ? cJSON_CreateNumber(lo) : cJSON_CreateNull());
    cJSON_AddItemToArray(a, isfinite(hi) ? cJSON_CreateNumber(hi) : cJSON_CreateNull());
}

static int is_probability(const ps_sens_output *o) { return o->kind == PS_SENS_P_AGREEMENT || o->kind == PS_SENS_P_ISSUE; }

static const char *kind_name(ps_sens_output_kind k)
{
    return k == PS_SENS_P_AGREEMENT ? "p_agreement" : k == PS_SENS_P_ISSUE ? "p_issue" : k == PS_SENS_TERMS ? "terms" : "war_rounds";
}

static const char *factors_name(ps_sens_factors f)
{
    return f == PS_SENS_ASSUMPTIONS ? "assumptions" : f == PS_SENS_DISTRIBUTIONS ? "distributions" : "all";
}

/* 1 when output o has measures: Morris and Sobol' need a value at every point, and Sobol' a
 * variance; the one-at-a-time effects are given end by end. */
static int has_measures(const ps_sensitivity_study *st, const ps_sens_output *o)
{
    if (st->set.method == PS_SENS_OAT) return 1;
    if (o->undefined_points) return 0;
    return !(st->set.method == PS_SENS_SOBOL && o->constant);
}

/* Why output o has no measures ("" when it has). */
static void no_measures_note(const ps_sensitivity_study *st, const ps_sens_output *o, char *buf, size_t n)
{
    buf[0] = '\0';
    if (o->undefined_points && st->set.method != PS_SENS_OAT)
        snprintf(buf, n, "undefined: no run agreed the issue at %zu of the %zu points, where its mean terms do not exist",
                 o->undefined_points, st->npoints);
    else if (o->undefined_points)
        snprintf(buf, n, "no run agreed the issue at %zu of the %zu points: the effects of those ends are null",
                 o->undefined_points, st->npoints);
    else if (o->constant && st->set.method == PS_SENS_SOBOL)
        snprintf(buf, n, "constant: the same value at every point (variance 0), so it has no Sobol' indices");
    else if (o->constant)
        snprintf(buf, n, "constant: the same value at every point: no factor moved it");
}

static cJSON *oat_end(const ps_sens_output *o, double at, double value, double diff, double hw)
{
    cJSON *e = cJSON_CreateObject();
    add_num(e, "at", at);
    add_num(e, "value", value);
    add_num(e, "diff", diff);
    if (is_probability(o)) add_pair(e, "ci95", diff - hw, diff + hw);
    return e;
}

static cJSON *effect_json(const ps_sensitivity_study *st, const ps_sens_output *o, int j, const ps_sens_effect *e)
{
    cJSON *x = cJSON_CreateObject();
    cJSON_AddStringToObject(x, "factor", st->f[j].name);
    switch (st->set.method) {
    case PS_SENS_OAT:
        cJSON_AddItemToObject(x, "low", oat_end(o, st->at_low[j], e->low, e->diff_low, e->hw_low));
        cJSON_AddItemToObject(x, "high", oat_end(o, st->at_high[j], e->high, e->diff_high, e->hw_high));
        add_num(x, "swing", e->swing);
        break;
    case PS_SENS_MORRIS:
        add_num(x, "mu", e->morris.mu);
        add_num(x, "mu_star", e->morris.mu_star);
        add_num(x, "sigma", e->morris.sigma);
        cJSON_AddNumberToObject(x, "r", (double)e->morris.r);
        break;
    case PS_SENS_SOBOL:
        add_num(x, "first", e->sobol.first);
        add_pair(x, "first_ci95", e->sobol.first_lo, e->sobol.first_hi);
        add_num(x, "total", e->sobol.total);
        add_pair(x, "total_ci95", e->sobol.total_lo, e->sobol.total_hi);
        add_num(x, "first_sobol1993", e->sobol.first_sobol1993);
        break;
    }
    return x;
}

cJSON *ps_json_sensitivity(const ps_scenario *s, const ps_sensitivity_study *st, const ps_report_meta *meta)
{
    cJSON *doc = cJSON_CreateObject(), *full = NULL;
    if (!doc) return NULL;
    /* the scenario's description, and the one-at-a-time baseline, as a run's document has them */
    ps_result *empty = st->base ? NULL : ps_result_alloc(s);
    full = ps_json_result(s, st->base ? st->base : empty, meta);
    ps_result_free(empty);
    if (!full) { cJSON_Delete(doc); return NULL; }
    cJSON_AddStringToObject(doc, "schema", "peacesim.sensitivity/2");
    cJSON_AddStringToObject(doc, "version", meta->version);
    cJSON_AddItemToObject(doc, "scenario", cJSON_DetachItemFromObject(full, "scenario"));
    cJSON_AddStringToObject(doc, "method", ps_sens_method_name(st->set.method));
    cJSON_AddNumberToObject(doc, "runs", (double)st->runs);
    cJSON_AddNumberToObject(doc, "seed", (double)meta->seed);
    cJSON_AddBoolToObject(doc, "complete", meta->complete);
    cJSON *set = cJSON_AddObjectToObject(doc, "settings");
    cJSON_AddStringToObject(set, "factors", factors_name(st->set.factors));
    if (st->set.method == PS_SENS_MORRIS) {
        cJSON_AddNumberToObject(set, "trajectories", (double)st->set.trajectories);
        cJSON_AddNumberToObject(set, "levels", st->set.levels);
    } else if (st->set.method == PS_SENS_SOBOL) {
        cJSON_AddNumberToObject(set, "samples", (double)st->set.samples);
        cJSON_AddNumberToObject(set, "bootstrap", (double)st->set.bootstrap);
        cJSON_AddStringToObject(set, "base_design", st->base_kind == PS_DESIGN_LHS ? "lhs" : "sobol");
    }
    cJSON *design = cJSON_AddObjectToObject(doc, "design");
    cJSON_AddNumberToObject(design, "points", (double)st->npoints);
    cJSON_AddNumberToObject(design, "replications", (double)st->replications);
    cJSON *factors = cJSON_AddArrayToObject(doc, "factors");
    for (int j = 0; j < st->nf; j++) {
        cJSON *f = cJSON_CreateObject();
        int a = st->f[j].kind == PS_FACTOR_ASSUMPTION;
        cJSON_AddStringToObject(f, "name", st->f[j].name);
        cJSON_AddStringToObject(f, "kind", a ? "assumption" : "distribution");
        add_num(f, "low", st->at_low[j]);
        add_num(f, "high", st->at_high[j]);
        cJSON_AddNumberToObject(f, "u_low", st->u_low[j]);
        cJSON_AddNumberToObject(f, "u_high", st->u_high[j]);
        if (a) {
            const ps_assumption *as = &s->assumptions[st->f[j].index];
            cJSON_AddNumberToObject(f, "central", as->central);
            cJSON_AddStringToObject(f, "reason", as->reason);
        }
        cJSON_AddItemToArray(factors, f);
    }
    if (st->base) {
        cJSON *b = cJSON_AddObjectToObject(doc, "baseline");
        cJSON_AddItemToObject(b, "agreement", cJSON_DetachItemFromObject(full, "agreement"));
        cJSON_AddItemToObject(b, "issues", cJSON_DetachItemFromObject(full, "issues"));
        cJSON_AddItemToObject(b, "war_rounds", cJSON_DetachItemFromObject(full, "war_rounds"));
    }
    cJSON_Delete(full);
    cJSON *outs = cJSON_AddArrayToObject(doc, "outputs");
    char note[200];
    for (int o = 0; o < st->nout; o++) {
        const ps_sens_output *out = &st->out[o];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", out->name);
        cJSON_AddStringToObject(x, "kind", kind_name(out->kind));
        if (out->issue >= 0) cJSON_AddStringToObject(x, "issue", s->issues[out->issue].name);
        add_num(x, "mean", out->mean);
        add_num(x, "variance", out->variance);
        cJSON_AddBoolToObject(x, "constant", out->constant);
        cJSON_AddNumberToObject(x, "undefined_points", (double)out->undefined_points);
        no_measures_note(st, out, note, sizeof note);
        if (note[0]) cJSON_AddStringToObject(x, "note", note);
        cJSON *effects = cJSON_AddArrayToObject(x, "effects"), *ranking = cJSON_AddArrayToObject(x, "ranking");
        if (has_measures(st, out))
            for (int i = 0; i < st->nf; i++) {
                int j = st->rank[(size_t)o * (size_t)st->nf + (size_t)i];
                cJSON_AddItemToArray(ranking, cJSON_CreateString(st->f[j].name));
            }
        if (has_measures(st, out))
            for (int j = 0; j < st->nf; j++)
                cJSON_AddItemToArray(effects, effect_json(st, out, j, &st->eff[(size_t)o * (size_t)st->nf + (size_t)j]));
        cJSON_AddItemToArray(outs, x);
    }
    cJSON *timing = cJSON_AddObjectToObject(doc, "timing");
    cJSON_AddNumberToObject(timing, "seconds", meta->seconds);
    /* cJSON reports no failure of its Add functions: a document short of memory is incomplete */
    if (!cJSON_GetObjectItemCaseSensitive(doc, "timing") || cJSON_GetArraySize(outs) != st->nout) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

/* ---- the table ---- */

/* Output o's value x as the table shows it: a probability in per cent, the terms on their 0-1
 * scale, the rounds as they are; "-" where it is undefined. */
static const char *value_text(const ps_sens_output *o, double x, char *buf, size_t n)
{
    if (!isfinite(x)) snprintf(buf, n, "-");
    else if (is_probability(o)) snprintf(buf, n, "%.1f%%", 100 * x);
    else if (o->kind == PS_SENS_TERMS) snprintf(buf, n, "%.3f", x);
    else snprintf(buf, n, "%.2f", x);
    return buf;
}

/* An effect on output o in its units (percentage points for a probability), "-0.0" shown as 0. */
static double shown(const ps_sens_output *o, double x)
{
    double v = is_probability(o) ? 100 * x : x;
    double eps = is_probability(o) ? 0.05 : o->kind == PS_SENS_TERMS ? 0.0005 : 0.005;
    return fabs(v) < eps ? 0.0 : v;
}

static const char *unit_of(const ps_sens_output *o)
{
    return is_probability(o) ? "percentage points" : o->kind == PS_SENS_TERMS ? "units of the issue's 0-1 scale" : "rounds";
}

static const char *output_title(const ps_scenario *s, const ps_sens_output *o, char *buf, size_t n)
{
    switch (o->kind) {
    case PS_SENS_P_AGREEMENT: snprintf(buf, n, "comprehensive agreement: P(deal)"); break;
    case PS_SENS_P_ISSUE: snprintf(buf, n, "%s: P(deal)", s->issues[o->issue].name); break;
    case PS_SENS_TERMS: snprintf(buf, n, "%s: mean terms over the runs that agreed it", s->issues[o->issue].name); break;
    case PS_SENS_WAR_ROUNDS: snprintf(buf, n, "rounds fought without a ceasefire (mean)"); break;
    }
    return buf;
}

static const char *fmt_ci(char *buf, size_t n, double lo, double hi)
{
    if (isfinite(lo) && isfinite(hi)) snprintf(buf, n, "[%.3f, %.3f]", lo, hi);
    else snprintf(buf, n, "[-]");
    return buf;
}

static void table_block(FILE *out, const ps_scenario *s, const ps_sensitivity_study *st, int o, int top)
{
    const ps_sens_output *x = &st->out[o];
    char title[200], v[40], w[40], note[200];
    output_title(s, x, title, sizeof title);
    if (st->base) fprintf(out, "\n%s %s with every factor as it is\n", title, value_text(x, ps_sens_output_value(x, st->base), v, sizeof v));
    else fprintf(out, "\n%s, mean over the design's points %s\n", title, value_text(x, x->mean, v, sizeof v));
    no_measures_note(st, x, note, sizeof note);
    if (note[0]) fprintf(out, "  (%s)\n", note);
    if (!has_measures(st, x)) return;
    char label[4 * 44 + 1];
    if (st->set.method == PS_SENS_OAT)
        fprintf(out, "  %-44s %22s %22s %14s\n", "factor", "at its low end", "at its high end", "swing");
    else if (st->set.method == PS_SENS_MORRIS)
        fprintf(out, "  %-44s %9s %9s %9s\n", "factor", "mu*", "mu", "sigma");
    else
        fprintf(out, "  %-44s %6s %16s %6s %16s\n", "factor", "S1", "95% interval", "ST", "95% interval");
    for (int i = 0; i < st->nf && i < top; i++) {
        int j = st->rank[(size_t)o * (size_t)st->nf + (size_t)i];
        const ps_sens_effect *e = &st->eff[(size_t)o * (size_t)st->nf + (size_t)j];
        const char *name = ps_utf8_column(label, sizeof label, st->f[j].name, 44, 0);
        if (st->set.method == PS_SENS_OAT) {
            char lo[48], hi[48], sw[40];
            snprintf(lo, sizeof lo, "%.3g -> %s", st->at_low[j], value_text(x, e->low, v, sizeof v));
            snprintf(hi, sizeof hi, "%.3g -> %s", st->at_high[j], value_text(x, e->high, w, sizeof w));
            double hw = e->hw_low + e->hw_high;
            if (!isfinite(e->swing)) snprintf(sw, sizeof sw, "-");
            else if (isfinite(hw)) snprintf(sw, sizeof sw, "%+.1f +-%.1f", shown(x, e->swing), 100 * hw);
            else snprintf(sw, sizeof sw, x->kind == PS_SENS_TERMS ? "%+.3f" : "%+.2f", shown(x, e->swing));
            fprintf(out, "  %s %22s %22s %14s\n", name, lo, hi, sw);
        } else if (st->set.method == PS_SENS_MORRIS) {
            const char *f = x->kind == PS_SENS_TERMS ? "  %s %9.4f %+9.4f %9.4f\n" : "  %s %9.2f %+9.2f %9.2f\n";
            fprintf(out, f, name, shown(x, e->morris.mu_star), shown(x, e->morris.mu), shown(x, e->morris.sigma));
        } else {
            char a[40], b[40];
            fprintf(out, "  %s %6.3f %16s %6.3f %16s\n", name, e->sobol.first, fmt_ci(a, sizeof a, e->sobol.first_lo, e->sobol.first_hi),
                    e->sobol.total, fmt_ci(b, sizeof b, e->sobol.total_lo, e->sobol.total_hi));
        }
    }
}

int ps_sensitivity_table(FILE *out, const ps_scenario *s, const ps_sensitivity_study *st, int output, int top,
                         const ps_report_meta *meta)
{
    const char *m = ps_sens_method_name(st->set.method);
    fprintf(out, "%s: %s sensitivity over %d factors (%s), %zu design points x %llu runs = %llu replications, seed %llu\n",
            s->name, m, st->nf, st->set.factors == PS_SENS_ASSUMPTIONS ? "the assumptions" :
            st->set.factors == PS_SENS_DISTRIBUTIONS ? "the distributions" : "every assumption and distribution",
            st->npoints, (unsigned long long)st->runs, (unsigned long long)st->replications, (unsigned long long)meta->seed);
    if (st->set.method == PS_SENS_OAT)
        fprintf(out, "Each factor at its low end, then at its high end (an assumption's low and high, a distribution's\n"
                     "5%% and 95%% quantiles), every other as it is, on common random numbers.\n");
    else if (st->set.method == PS_SENS_MORRIS)
        fprintf(out, "%zu Morris trajectories on a %u-level grid over each factor's range (an assumption's low to high, a\n"
                     "distribution's 5%% to 95%% quantile), on common random numbers.\n", st->set.trajectories, st->set.levels);
    else
        fprintf(out, "Saltelli's design of %zu base rows (%s points), each factor over its whole range (an assumption's\n"
                     "prior on [low, high], a distribution's quantiles in (0, 1)), on common random numbers.\n",
                st->set.samples, st->base_kind == PS_DESIGN_LHS ? "Latin hypercube" : "Sobol'");
    for (int o = 0; o < st->nout; o++) {
        if (output >= 0 ? o != output : !is_probability(&st->out[o])) continue;
        table_block(out, s, st, o, top);
    }
    fprintf(out, "\n");
    const ps_sens_output *u = output >= 0 ? &st->out[output] : &st->out[0];
    if (st->set.method == PS_SENS_OAT)
        fprintf(out, "swing: the value at the high end minus at the low end, in %s; +-: the sum of the two ends'\n"
                     "95%% half-widths of their paired differences from the baseline (Monte Carlo error only, conservative).\n",
                unit_of(u));
    else if (st->set.method == PS_SENS_MORRIS)
        fprintf(out, "mu*: mean |elementary effect|, the ranking measure; mu: mean effect (signs cancel); sigma: their\n"
                     "standard deviation (nonlinearity or interactions; not an interval). Effects: the change of the output,\n"
                     "in %s, per whole range of the factor.\n", unit_of(u));
    else
        fprintf(out, "S1: first-order index (Saltelli 2010), the share of the output's variance the factor explains alone;\n"
                     "ST: total index (Jansen 1999), with every interaction. Ranked by ST. Intervals: bootstrap percentile\n"
                     "95%% over the %zu base rows (%zu resamples): the estimator's error given these points, not ignorance.\n",
                st->set.samples, st->set.bootstrap);
    fprintf(out, "The JSON and CSV hold every output (each P(deal), mean terms, rounds fought). A model, not a forecast.\n");
    return ferror(out) ? -1 : 0;
}

/* ---- CSV ---- */

/* x in the shortest form that reads back to the same double; nothing where it is undefined. */
static void csv_num(FILE *out, double x)
{
    fputc(',', out);
    if (!isfinite(x)) return;
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", x);
    if (strtod(buf, NULL) != x) snprintf(buf, sizeof buf, "%.17g", x);
    fputs(buf, out);
}

/* A text field, always quoted (names hold commas, quotes and anything else). */
static void csv_text(FILE *out, const char *t, int first)
{
    if (!first) fputc(',', out);
    fputc('"', out);
    for (; *t; t++) {
        if (*t == '"') fputc('"', out);
        fputc(*t, out);
    }
    fputc('"', out);
}

int ps_sensitivity_csv(FILE *out, const ps_sensitivity_study *st)
{
    fputs("output,factor,kind,rank", out);
    if (st->set.method == PS_SENS_OAT)
        fputs(",low_at,low_value,low_diff,low_ci_lo,low_ci_hi,high_at,high_value,high_diff,high_ci_lo,high_ci_hi,swing", out);
    else if (st->set.method == PS_SENS_MORRIS)
        fputs(",mu,mu_star,sigma,r", out);
    else
        fputs(",first,first_lo,first_hi,total,total_lo,total_hi,first_sobol1993", out);
    fputs(",note\n", out);
    char note[200];
    for (int o = 0; o < st->nout; o++) {
        const ps_sens_output *x = &st->out[o];
        int measured = has_measures(st, x);
        no_measures_note(st, x, note, sizeof note);
        for (int i = 0; i < st->nf; i++) {
            int j = st->rank[(size_t)o * (size_t)st->nf + (size_t)i];
            const ps_sens_effect *e = &st->eff[(size_t)o * (size_t)st->nf + (size_t)j];
            csv_text(out, x->name, 1);
            csv_text(out, st->f[j].name, 0);
            csv_text(out, st->f[j].kind == PS_FACTOR_ASSUMPTION ? "assumption" : "distribution", 0);
            if (measured) fprintf(out, ",%d", i + 1);
            else fputc(',', out);
            if (st->set.method == PS_SENS_OAT) {
                double p = is_probability(x);
                csv_num(out, st->at_low[j]);
                csv_num(out, e->low);
                csv_num(out, e->diff_low);
                csv_num(out, p ? e->diff_low - e->hw_low : NAN);
                csv_num(out, p ? e->diff_low + e->hw_low : NAN);
                csv_num(out, st->at_high[j]);
                csv_num(out, e->high);
                csv_num(out, e->diff_high);
                csv_num(out, p ? e->diff_high - e->hw_high : NAN);
                csv_num(out, p ? e->diff_high + e->hw_high : NAN);
                csv_num(out, e->swing);
            } else if (st->set.method == PS_SENS_MORRIS) {
                csv_num(out, measured ? e->morris.mu : NAN);
                csv_num(out, measured ? e->morris.mu_star : NAN);
                csv_num(out, measured ? e->morris.sigma : NAN);
                csv_num(out, measured ? (double)e->morris.r : NAN);
            } else {
                const ps_sobol_index *q = &e->sobol;
                double v[7] = {q->first, q->first_lo, q->first_hi, q->total, q->total_lo, q->total_hi, q->first_sobol1993};
                for (int c = 0; c < 7; c++) csv_num(out, measured ? v[c] : NAN);
            }
            csv_text(out, note, 0);
            fputc('\n', out);
        }
    }
    return ferror(out) ? -1 : 0;
}
