/* ps_sweep.c: a study's points side by side, with their paired differences from the baseline. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ps_json.h"
#include "ps_sweep.h"
#include "ps_records.h"

void ps_sweep_diff(const ps_moments *d, double *diff, double *lo, double *hi)
{
    double h = d->n >= 2 ? ps_moments_halfwidth95(d) : 0;
    *diff = d->n ? d->mean : 0;
    *lo = *diff - h;
    *hi = *diff + h;
}

/* A param's value: a number when it reads as one, else the text. */
static cJSON *value_json(const char *v)
{
    char *end;
    double x = strtod(v, &end);
    if (end != v && *end == '\0' && isfinite(x)) return cJSON_CreateNumber(x);
    return cJSON_CreateString(v);
}

static cJSON *diff_json(const ps_moments *d)
{
    double diff, lo, hi;
    ps_sweep_diff(d, &diff, &lo, &hi);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "diff", diff);
    cJSON *ci = cJSON_AddArrayToObject(o, "ci95");
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(lo));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(hi));
    return o;
}

/* One output of a point across worlds: {"median", "q05", "q95", "beats", "mc95"}. */
static cJSON *worlds_diff_json(const ps_grid_worlds *w, const ps_grid_diff *g)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "median", g->q[1]);
    cJSON_AddNumberToObject(o, "q05", g->q[0]);
    cJSON_AddNumberToObject(o, "q95", g->q[2]);
    cJSON_AddNumberToObject(o, "beats", (double)g->wins / w->nworlds);
    cJSON_AddNumberToObject(o, "mc95", g->mc95);
    return o;
}

cJSON *ps_json_grid_worlds(const ps_grid_worlds *w)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "count", w->nworlds);
    cJSON_AddNumberToObject(o, "runs", (double)w->runs);
    cJSON_AddNumberToObject(o, "seed", (double)w->seed);
    cJSON *names = cJSON_AddArrayToObject(o, "assumptions");
    for (int j = 0; j < w->nassumptions; j++) cJSON_AddItemToArray(names, cJSON_CreateString(w->names[j]));
    cJSON *x = cJSON_AddArrayToObject(o, "x");
    for (int i = 0; i < w->nworlds; i++) {
        cJSON *row = cJSON_CreateArray();
        for (int j = 0; j < w->nassumptions; j++)
            cJSON_AddItemToArray(row, cJSON_CreateNumber(w->x[(size_t)i * (size_t)w->nassumptions + (size_t)j]));
        cJSON_AddItemToArray(x, row);
    }
    return o;
}

cJSON *ps_json_grid_diff(const ps_grid_worlds *w, int p, const ps_scenario *s)
{
    const ps_grid_diff *g = w->out + (size_t)p * (size_t)w->noutputs;
    cJSON *vw = cJSON_CreateObject();
    cJSON_AddItemToObject(vw, "agreement", worlds_diff_json(w, &g[0]));
    cJSON *wi = cJSON_AddObjectToObject(vw, "issues");
    for (int k = 0; k < s->nissues; k++) cJSON_AddItemToObject(wi, s->issues[k].name, worlds_diff_json(w, &g[1 + k]));
    return vw;
}

static cJSON *params_of(const ps_sweep_meta *m, int p)
{
    cJSON *o = cJSON_CreateObject();
    for (int j = 0; j < m->nvary; j++) cJSON_AddItemToObject(o, m->vary_names[j], value_json(m->values[p * m->nvary + j]));
    return o;
}

cJSON *ps_json_sweep(const ps_scenario *const *s, const ps_result *const *r, const ps_paired *paired,
                     const ps_sweep_meta *m)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc) return NULL;
    cJSON_AddStringToObject(doc, "schema", "peacesim.sweep/2");
    cJSON_AddStringToObject(doc, "version", m->run.version);
    /* the scenario as at the baseline point; every point's params are in its own entry */
    cJSON *base = ps_json_result(s[m->baseline], r[m->baseline], &m->run);
    if (!base) { cJSON_Delete(doc); return NULL; }
    cJSON_AddItemToObject(doc, "scenario", cJSON_DetachItemFromObject(base, "scenario"));
    cJSON_Delete(base);
    cJSON_AddNumberToObject(doc, "runs", (double)r[0]->runs);
    cJSON_AddNumberToObject(doc, "seed", (double)m->run.seed);
    cJSON_AddBoolToObject(doc, "complete", m->run.complete);
    cJSON_AddStringToObject(doc, "interval", m->run.interval == PS_INTERVAL_CP ? "clopper-pearson" : "wilson");
    cJSON *vary = cJSON_AddObjectToObject(doc, "vary");
    for (int j = 0; j < m->nvary; j++) {
        /* each param's values in the order of the grid, each once */
        cJSON *list = cJSON_AddArrayToObject(vary, m->vary_names[j]);
        for (int p = 0; p < m->npoints; p++) {
            int seen = 0;
            for (int q = 0; q < p && !seen; q++) seen = strcmp(m->values[q * m->nvary + j], m->values[p * m->nvary + j]) == 0;
            if (!seen) cJSON_AddItemToArray(list, value_json(m->values[p * m->nvary + j]));
        }
    }
    cJSON_AddItemToObject(doc, "baseline", params_of(m, m->baseline));
    cJSON_AddItemToObject(doc, "worlds", m->worlds ? ps_json_grid_worlds(m->worlds) : cJSON_CreateNull());
    cJSON *points = cJSON_AddArrayToObject(doc, "points");
    static const char *const keep[] = {"agreement", "issues", "time_to_agreement", "outcome", "front", "war_rounds",
                                       "rounds_run", "parties", "forecast"};
    for (int p = 0; p < m->npoints; p++) {
        cJSON *pt = cJSON_CreateObject(), *full = ps_json_result(s[p], r[p], &m->run);
        if (!pt || !full) { cJSON_Delete(pt); cJSON_Delete(full); cJSON_Delete(doc); return NULL; }
        cJSON_AddItemToObject(pt, "params", params_of(m, p));
        for (size_t j = 0; j < sizeof keep / sizeof keep[0]; j++) {
            cJSON *item = cJSON_DetachItemFromObject(full, keep[j]);
            if (item) cJSON_AddItemToObject(pt, keep[j], item);
        }
        cJSON_Delete(full);
        ps_paired zero = {0};
        const ps_paired *d = p == m->baseline ? &zero : &paired[p];
        cJSON *vs = cJSON_AddObjectToObject(pt, "vs_baseline");
        cJSON_AddItemToObject(vs, "agreement", diff_json(&d->agreement));
        cJSON *issues = cJSON_AddObjectToObject(vs, "issues");
        for (int k = 0; k < s[p]->nissues; k++) cJSON_AddItemToObject(issues, s[p]->issues[k].name, diff_json(&d->issue[k]));
        cJSON_AddItemToObject(pt, "vs_baseline_worlds", m->worlds ? ps_json_grid_diff(m->worlds, p, s[p]) : cJSON_CreateNull());
        cJSON_AddItemToArray(points, pt);
    }
    cJSON *timing = cJSON_AddObjectToObject(doc, "timing");
    cJSON_AddNumberToObject(timing, "seconds", m->run.seconds);
    /* every replication of every point, at the central values and in each world */
    double reps = (double)r[0]->runs + (m->worlds ? (double)m->worlds->runs * m->worlds->nworlds : 0);
    cJSON_AddNumberToObject(timing, "runs_per_second", m->run.seconds > 0 ? reps * m->npoints / m->run.seconds : 0);
    return doc;
}

static void put_measure(FILE *f, ps_interval method, uint64_t k, uint64_t n, const ps_moments *d)
{
    double lo, hi, diff, dlo, dhi;
    ps_interval95(method, k, n, &lo, &hi);
    ps_sweep_diff(d, &diff, &dlo, &dhi);
    fprintf(f, ",%.17g,%.17g,%.17g,%.17g,%.17g,%.17g", n ? (double)k / (double)n : 0, lo, hi, diff, dlo, dhi);
}

/* The median round of agreement, empty when fewer than half the runs agreed. */
static void put_median(FILE *f, const ps_result *r, int issue)
{
    int m = ps_result_median_round(r, issue);
    if (m < 0) fputc(',', f);
    else fprintf(f, ",%d", m);
}

int ps_sweep_csv(FILE *f, const ps_scenario *const *s, const ps_result *const *r, const ps_paired *paired,
                 const ps_sweep_meta *m)
{
    static const char *const cols[] = {".p", ".lo", ".hi", ".diff", ".diff_lo", ".diff_hi"};
    const ps_scenario *b = s[m->baseline];
    for (int j = 0; j < m->nvary; j++) {
        if (j) fputc(',', f);
        ps_csv_put(f, m->vary_names[j], "");
    }
    for (int c = 0; c < 6; c++) fprintf(f, ",agreement%s", cols[c]);
    for (int k = 0; k < b->nissues; k++)
        for (int c = 0; c < 6; c++) {
            fputc(',', f);
            ps_csv_put(f, b->issues[k].name, cols[c]);
        }
    /* the terms and the timing after the probabilities, so that earlier columns keep their places */
    static const char *const later[] = {".terms_mean", ".terms_q05", ".terms_q95", ".median_round"};
    fputs(",agreement.median_round", f);
    for (int k = 0; k < b->nissues; k++)
        for (int c = 0; c < 4; c++) {
            fputc(',', f);
            ps_csv_put(f, b->issues[k].name, later[c]);
        }
    static const char *const across[] = {".worlds_median", ".worlds_q05", ".worlds_q95", ".worlds_beats"};
    for (int o = 0; m->worlds && o <= b->nissues; o++)
        for (int c = 0; c < 4; c++) {
            fputc(',', f);
            ps_csv_put(f, o == 0 ? "agreement" : b->issues[o - 1].name, across[c]);
        }
    fputc('\n', f);
    for (int p = 0; p < m->npoints; p++) {
        ps_paired zero = {0};
        const ps_paired *d = p == m->baseline ? &zero : &paired[p];
        for (int j = 0; j < m->nvary; j++) {
            if (j) fputc(',', f);
            ps_csv_put(f, m->values[p * m->nvary + j], "");
        }
        put_measure(f, m->run.interval, r[p]->comprehensive, r[p]->runs, &d->agreement);
        for (int k = 0; k < b->nissues; k++) put_measure(f, m->run.interval, r[p]->issue[k].settled, r[p]->runs, &d->issue[k]);
        put_median(f, r[p], -1);
        for (int k = 0; k < b->nissues; k++) {
            const ps_issue_result *ir = &r[p]->issue[k];
            if (ir->terms.n)
                fprintf(f, ",%.17g,%.17g,%.17g", ir->terms.mean, ps_hist01_quantile(&ir->terms_hist, 0.05),
                        ps_hist01_quantile(&ir->terms_hist, 0.95));
            else
                fputs(",,,", f);
            put_median(f, r[p], k);
        }
        for (int o = 0; m->worlds && o <= b->nissues; o++) {
            const ps_grid_diff *g = &m->worlds->out[(size_t)p * (size_t)m->worlds->noutputs + (size_t)o];
            fprintf(f, ",%.17g,%.17g,%.17g,%.17g", g->q[1], g->q[0], g->q[2], (double)g->wins / m->worlds->nworlds);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
