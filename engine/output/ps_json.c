/* ps_json.c: the result document (schema peacesim.result/2). Every key is always present, so a
 * reader never has to guess; numbers that do not exist (a median never reached) are null. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_json.h"
#include "ps_worlds.h"

static cJSON *num_or_null(double x) { return isfinite(x) ? cJSON_CreateNumber(x) : cJSON_CreateNull(); }

/* {"p", "ci95": [lo, hi], "count"} for k of n, by the report's interval method. */
static cJSON *proportion(ps_interval method, uint64_t k, uint64_t n)
{
    double lo, hi;
    ps_interval95(method, k, n, &lo, &hi);
    cJSON *o = cJSON_CreateObject();
    cJSON *ci = cJSON_CreateArray();
    cJSON_AddItemToObject(o, "p", num_or_null(n ? (double)k / (double)n : NAN));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(lo));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(hi));
    cJSON_AddItemToObject(o, "ci95", ci);
    cJSON_AddNumberToObject(o, "count", (double)k);
    return o;
}

static cJSON *survival(const ps_result *r, int issue)
{
    cJSON *a = cJSON_CreateArray();
    for (int t = 0; t <= r->rounds; t++) cJSON_AddItemToArray(a, cJSON_CreateNumber(ps_result_survival(r, issue, t)));
    return a;
}

static cJSON *median_round(const ps_result *r, int issue)
{
    int m = ps_result_median_round(r, issue);
    return m < 0 ? cJSON_CreateNull() : cJSON_CreateNumber(m);
}

static cJSON *moments(const ps_moments *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *ci = cJSON_CreateArray();
    double h = ps_moments_halfwidth95(m);
    cJSON_AddItemToObject(o, "mean", num_or_null(m->n ? m->mean : NAN));
    cJSON_AddItemToObject(o, "sd", num_or_null(m->n ? ps_moments_sd(m) : NAN));
    cJSON_AddItemToArray(ci, num_or_null(m->n ? m->mean - h : NAN));
    cJSON_AddItemToArray(ci, num_or_null(m->n ? m->mean + h : NAN));
    cJSON_AddItemToObject(o, "ci95", ci);
    return o;
}

static void add_quantiles(cJSON *o, const ps_hist01 *h)
{
    cJSON_AddItemToObject(o, "q05", num_or_null(ps_hist01_quantile(h, 0.05)));
    cJSON_AddItemToObject(o, "q50", num_or_null(ps_hist01_quantile(h, 0.50)));
    cJSON_AddItemToObject(o, "q95", num_or_null(ps_hist01_quantile(h, 0.95)));
}

static cJSON *scenario_json(const ps_scenario *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", s->name);
    cJSON_AddStringToObject(o, "file", s->file);
    cJSON_AddNumberToObject(o, "rounds", s->rounds);
    cJSON_AddStringToObject(o, "protocol", ps_protocol_names[s->protocol]);
    cJSON_AddBoolToObject(o, "package", s->package);
    cJSON *parties = cJSON_AddArrayToObject(o, "parties");
    for (int i = 0; i < s->nparties; i++) cJSON_AddItemToArray(parties, cJSON_CreateString(s->parties[i].name));
    cJSON *issues = cJSON_AddArrayToObject(o, "issues");
    for (int k = 0; k < s->nissues; k++) cJSON_AddItemToArray(issues, cJSON_CreateString(s->issues[k].name));
    cJSON *params = cJSON_AddObjectToObject(o, "params");
    for (int j = 0; j < s->nparams; j++) {
        const ps_param *p = &s->params[j];
        cJSON_AddItemToObject(params, p->name, p->is_number ? cJSON_CreateNumber(p->number) : cJSON_CreateString(p->text));
    }
    return o;
}

/* An assumption's prior, {"kind", and its parameters by name}, or null (uniform on its range). */
static cJSON *prior_json(const ps_assumption *a)
{
    if (!a->has_prior) return cJSON_CreateNull();
    const ps_value *v = &a->prior;
    static const char *const kinds[] = {"constant", "normal", "truncnormal", "beta", "uniform", "triangular", "lognormal", "choice"};
    static const char *const names[][4] = {{"value"}, {"mean", "sd"}, {"mean", "sd", "lower", "upper"}, {"a", "b"},
                                           {"lower", "upper"}, {"lower", "mode", "upper"}, {"meanlog", "sdlog"}, {0}};
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", kinds[v->kind]);
    if (v->kind == PS_VAL_CHOICE) {   /* the options with their probabilities (from the cumulative ones) */
        cJSON *opt = cJSON_AddArrayToObject(o, "options"), *pr = cJSON_AddArrayToObject(o, "probabilities");
        for (int i = 0; i < v->n; i++) {
            cJSON_AddItemToArray(opt, cJSON_CreateNumber(v->opt[i]));
            cJSON_AddItemToArray(pr, cJSON_CreateNumber(v->cum[i] - (i ? v->cum[i - 1] : 0)));
        }
        return o;
    }
    const double par[4] = {v->a, v->b, v->c, v->d};
    for (int i = 0; i < 4 && names[v->kind][i]; i++) cJSON_AddNumberToObject(o, names[v->kind][i], par[i]);
    return o;
}

/* The scenario's assumptions, in the order the script declares them. */
static cJSON *assumptions_json(const ps_scenario *s)
{
    cJSON *list = cJSON_CreateArray();
    for (int j = 0; j < s->nassumptions; j++) {
        const ps_assumption *a = &s->assumptions[j];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", a->name);
        cJSON_AddStringToObject(o, "reason", a->reason);
        cJSON_AddNumberToObject(o, "central", a->central);
        cJSON_AddNumberToObject(o, "low", a->low);
        cJSON_AddNumberToObject(o, "high", a->high);
        cJSON_AddItemToObject(o, "prior", prior_json(a));
        cJSON_AddStringToObject(o, "src", a->src);
        cJSON_AddNumberToObject(o, "line", a->line);
        cJSON_AddNumberToObject(o, "uses", a->uses);
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

/* One output of the band: P(deal) at the central values (the run's), then over the worlds. */
static cJSON *band_output_json(const ps_scenario *s, const ps_band *b, int o, double central)
{
    const ps_band_output *bo = &b->out[o];
    cJSON *j = cJSON_CreateObject();
    cJSON_AddItemToObject(j, "central", num_or_null(central));
    cJSON_AddNumberToObject(j, "median", bo->q[1]);
    cJSON_AddNumberToObject(j, "q05", bo->q[0]);
    cJSON_AddNumberToObject(j, "q95", bo->q[2]);
    cJSON *drivers = cJSON_AddArrayToObject(j, "drivers");
    for (int i = 0; i < bo->ntop; i++) {
        cJSON *d = cJSON_CreateObject();
        cJSON_AddStringToObject(d, "assumption", s->assumptions[bo->top[i]].name);
        cJSON_AddNumberToObject(d, "rho", bo->rho[i]);
        cJSON_AddItemToArray(drivers, d);
    }
    return j;
}

/* The band across worlds: how it was made, each output's summary, then every world. */
static cJSON *band_json(const ps_scenario *s, const ps_result *r, const ps_band *b)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "world_count", b->nworlds);   /* "worlds" lists them */
    cJSON_AddNumberToObject(o, "runs_per_world", (double)b->runs);
    cJSON_AddNumberToObject(o, "seed", (double)b->seed);
    cJSON_AddStringToObject(o, "design", "latin-hypercube");
    double central[1 + PS_MAX_ISSUES];
    ps_band_outputs(r, central);
    if (r->runs == 0)
        for (int k = 0; k < b->noutputs; k++) central[k] = NAN;
    cJSON_AddItemToObject(o, "agreement", band_output_json(s, b, 0, central[0]));
    cJSON *issues = cJSON_AddObjectToObject(o, "issues");
    for (int k = 0; k < s->nissues; k++) cJSON_AddItemToObject(issues, s->issues[k].name, band_output_json(s, b, 1 + k, central[1 + k]));
    cJSON *worlds = cJSON_AddArrayToObject(o, "worlds");
    for (int w = 0; w < b->nworlds; w++) {
        const double *x = b->x + (size_t)w * (size_t)b->nassumptions, *p = b->p + (size_t)w * (size_t)b->noutputs;
        cJSON *wj = cJSON_CreateObject();
        cJSON_AddNumberToObject(wj, "world", w);
        cJSON *values = cJSON_AddArrayToObject(wj, "values");   /* in the order of "assumptions" */
        for (int j = 0; j < b->nassumptions; j++) cJSON_AddItemToArray(values, cJSON_CreateNumber(x[j]));
        cJSON_AddNumberToObject(wj, "agreement", p[0]);
        cJSON *wi = cJSON_AddObjectToObject(wj, "issues");
        for (int k = 0; k < s->nissues; k++) cJSON_AddNumberToObject(wi, s->issues[k].name, p[1 + k]);
        cJSON_AddItemToArray(worlds, wj);
    }
    return o;
}

cJSON *ps_json_result(const ps_scenario *s, const ps_result *r, const ps_report_meta *meta)
{
    return ps_json_result_band(s, r, meta, NULL);
}

cJSON *ps_json_result_band(const ps_scenario *s, const ps_result *r, const ps_report_meta *meta, const ps_band *band)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc) return NULL;
    cJSON_AddStringToObject(doc, "schema", "peacesim.result/2");
    cJSON_AddStringToObject(doc, "version", meta->version);
    cJSON_AddItemToObject(doc, "scenario", scenario_json(s));
    cJSON_AddItemToObject(doc, "assumptions", assumptions_json(s));
    cJSON_AddNumberToObject(doc, "runs", (double)r->runs);
    cJSON_AddNumberToObject(doc, "seed", (double)meta->seed);
    cJSON_AddBoolToObject(doc, "complete", meta->complete);
    cJSON_AddStringToObject(doc, "interval", meta->interval == PS_INTERVAL_CP ? "clopper-pearson" : "wilson");
    if (meta->precision > 0) {   /* --precision: what was asked, what was reached, the cap */
        cJSON *pr = cJSON_AddObjectToObject(doc, "precision");
        cJSON_AddNumberToObject(pr, "target", meta->precision);
        cJSON_AddNumberToObject(pr, "reached", ps_result_max_halfwidth(r, meta->interval));
        cJSON_AddNumberToObject(pr, "max_runs", (double)meta->runs);
    }
    cJSON_AddItemToObject(doc, "agreement", proportion(meta->interval, r->comprehensive, r->runs));

    cJSON *issues = cJSON_AddObjectToObject(doc, "issues");
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_result *ir = &r->issue[k];
        cJSON *o = proportion(meta->interval, ir->settled, r->runs);
        cJSON *terms = moments(&ir->terms);
        add_quantiles(terms, &ir->terms_hist);
        /* the terms' distribution in PS_JSON_HIST_BINS equal bins over [0, 1] (for charts) */
        cJSON *hist = cJSON_AddArrayToObject(terms, "histogram");
        for (int b = 0; b < PS_JSON_HIST_BINS; b++) {
            uint64_t n = 0;
            for (int j = b * (PS_HIST_BINS / PS_JSON_HIST_BINS); j < (b + 1) * (PS_HIST_BINS / PS_JSON_HIST_BINS); j++)
                n += ir->terms_hist.count[j];
            cJSON_AddItemToArray(hist, cJSON_CreateNumber((double)n));
        }
        cJSON_AddItemToObject(o, "terms", terms);
        cJSON_AddItemToObject(o, "implemented", proportion(meta->interval, ir->implemented, r->runs));
        cJSON_AddItemToObject(o, "held", proportion(meta->interval, ir->held, r->runs));
        cJSON_AddItemToObject(o, "median_round", median_round(r, k));
        cJSON_AddItemToObject(o, "survival", survival(r, k));
        cJSON_AddNumberToObject(o, "breakdowns_per_run", r->runs ? (double)ir->breakdowns / (double)r->runs : 0);
        cJSON_AddNumberToObject(o, "failures_per_run", r->runs ? (double)ir->failures / (double)r->runs : 0);
        cJSON_AddItemToObject(issues, s->issues[k].name, o);
    }

    cJSON *tta = cJSON_AddObjectToObject(doc, "time_to_agreement");
    cJSON_AddItemToObject(tta, "median", median_round(r, -1));
    cJSON_AddItemToObject(tta, "survival", survival(r, -1));

    cJSON *outcome = cJSON_AddObjectToObject(doc, "outcome");
    cJSON_AddItemToObject(outcome, "comprehensive", proportion(meta->interval, r->outcome[PS_OUTCOME_COMPREHENSIVE], r->runs));
    cJSON_AddItemToObject(outcome, "partial", proportion(meta->interval, r->outcome[PS_OUTCOME_PARTIAL], r->runs));
    cJSON_AddItemToObject(outcome, "none", proportion(meta->interval, r->outcome[PS_OUTCOME_NONE], r->runs));

    cJSON *front = moments(&r->front);
    add_quantiles(front, &r->front_hist);
    cJSON_AddItemToObject(doc, "front", front);
    cJSON_AddItemToObject(doc, "war_rounds", moments(&r->war_rounds));
    cJSON_AddItemToObject(doc, "rounds_run", moments(&r->rounds_run));
    cJSON *parties = cJSON_AddObjectToObject(doc, "parties");
    for (int i = 0; i < s->nparties; i++) {
        cJSON *p = cJSON_AddObjectToObject(parties, s->parties[i].name);
        cJSON_AddNumberToObject(p, "refusals_per_run", r->runs ? (double)r->refusals[i] / (double)r->runs : 0);
    }

    if (r->forecast_sum) {   /* eum: the mean over runs of each round's forecast, round 0 first */
        cJSON *fc = cJSON_AddObjectToObject(doc, "forecast");
        for (int k = 0; k < s->nissues; k++) {
            cJSON *o = cJSON_AddObjectToObject(fc, s->issues[k].name);
            cJSON *med = cJSON_AddArrayToObject(o, "median"), *mean = cJSON_AddArrayToObject(o, "mean");
            for (int t = 0; t <= r->rounds; t++) {
                const double *f = r->forecast_sum + (size_t)2 * ((size_t)k * (size_t)(r->rounds + 1) + (size_t)t);
                cJSON_AddItemToArray(med, num_or_null(r->runs ? f[0] / (double)r->runs : NAN));
                cJSON_AddItemToArray(mean, num_or_null(r->runs ? f[1] / (double)r->runs : NAN));
            }
            /* what the positions did: stopped moving (the issue settles there), fell into a
             * cycle (reported, not settled), or neither by the last round */
            const ps_issue_result *ir = &r->issue[k];
            cJSON_AddItemToObject(o, "converged", proportion(meta->interval, ir->eum[PS_EUM_CONVERGED], r->runs));
            cJSON_AddItemToObject(o, "cycle", proportion(meta->interval, ir->eum[PS_EUM_CYCLE], r->runs));
            cJSON_AddItemToObject(o, "unresolved", proportion(meta->interval, ir->eum[PS_EUM_UNRESOLVED], r->runs));
            cJSON_AddNumberToObject(o, "tolerance", PS_EUM_TOL);
            cJSON *periods = cJSON_AddObjectToObject(o, "periods");
            for (int p = 2; p <= PS_EUM_MAX_PERIOD; p++) {
                char key[8];
                snprintf(key, sizeof key, "%d", p);
                if (ir->eum_periods[p]) cJSON_AddNumberToObject(periods, key, (double)ir->eum_periods[p]);
            }
            if (ir->cycle_period > 0) {   /* the first replication's cycle, round by round */
                cJSON *cy = cJSON_AddObjectToObject(o, "first_cycle");
                cJSON_AddNumberToObject(cy, "period", ir->cycle_period);
                cJSON *rounds = cJSON_AddArrayToObject(cy, "rounds");
                cJSON *cmed = cJSON_AddArrayToObject(cy, "median"), *cmean = cJSON_AddArrayToObject(cy, "mean");
                for (int j = 0; j < ir->cycle_period; j++) {
                    cJSON_AddItemToArray(rounds, cJSON_CreateNumber(ir->cycle_round - ir->cycle_period + 1 + j));
                    cJSON_AddItemToArray(cmed, num_or_null(ir->cycle_median[j]));
                    cJSON_AddItemToArray(cmean, num_or_null(ir->cycle_mean[j]));
                }
            } else {
                cJSON_AddNullToObject(o, "first_cycle");
            }
        }
    }

    cJSON_AddItemToObject(doc, "band", band ? band_json(s, r, band) : cJSON_CreateNull());

    cJSON *timing = cJSON_AddObjectToObject(doc, "timing");
    cJSON_AddNumberToObject(timing, "seconds", meta->seconds);
    cJSON_AddNumberToObject(timing, "runs_per_second", meta->seconds > 0 ? (double)r->runs / meta->seconds : 0);
    return doc;
}

int ps_json_exact(cJSON *j)
{
    for (cJSON *c = j; c; c = c->next) {
        if (c->child && ps_json_exact(c->child) != 0) return -1;
        if (!cJSON_IsNumber(c) || !isfinite(c->valuedouble)) continue;
        char buf[32];
        for (int digits = 15; digits <= 17; digits++) {
            snprintf(buf, sizeof buf, "%.*g", digits, c->valuedouble);
            if (strtod(buf, NULL) == c->valuedouble) break;
        }
        char *text = malloc(strlen(buf) + 1);
        if (!text) return -1;
        strcpy(text, buf);
        /* a raw item prints its text as it is; cJSON_Delete frees it */
        c->type = cJSON_Raw | (c->type & cJSON_StringIsConst);
        c->valuestring = text;
    }
    return 0;
}
