/* ps_json.c: the result document (schema peacesim.result/1). Every key is always present, so a
 * reader never has to guess; numbers that do not exist (a median never reached) are null. */
#include <math.h>
#include <stdio.h>
#include "ps_json.h"

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

cJSON *ps_json_result(const ps_scenario *s, const ps_result *r, const ps_report_meta *meta)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc) return NULL;
    cJSON_AddStringToObject(doc, "schema", "peacesim.result/1");
    cJSON_AddStringToObject(doc, "version", meta->version);
    cJSON_AddItemToObject(doc, "scenario", scenario_json(s));
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

    cJSON *timing = cJSON_AddObjectToObject(doc, "timing");
    cJSON_AddNumberToObject(timing, "seconds", meta->seconds);
    cJSON_AddNumberToObject(timing, "runs_per_second", meta->seconds > 0 ? (double)r->runs / meta->seconds : 0);
    return doc;
}
