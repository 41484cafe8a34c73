/* ps_result.c: accumulating replications and summarising them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ps_result.h"

ps_result *ps_result_alloc(const ps_scenario *s)
{
    ps_result *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->nissues = s->nissues;
    r->rounds = s->rounds;
    r->nparties = s->nparties;
    r->issue = calloc((size_t)s->nissues, sizeof *r->issue);
    r->comprehensive_by_round = calloc((size_t)s->rounds + 1, sizeof(uint64_t));
    if (s->protocol == PS_PROTOCOL_EUM)
        r->forecast_sum = calloc((size_t)2 * (size_t)s->nissues * (size_t)(s->rounds + 1), sizeof(double));
    if (!r->issue || !r->comprehensive_by_round || (s->protocol == PS_PROTOCOL_EUM && !r->forecast_sum)) {
        ps_result_free(r);
        return NULL;
    }
    for (int k = 0; k < s->nissues; k++)
        if (!(r->issue[k].by_round = calloc((size_t)s->rounds + 1, sizeof(uint64_t)))) {
            ps_result_free(r);
            return NULL;
        }
    return r;
}

void ps_result_free(ps_result *r)
{
    if (!r) return;
    if (r->issue)
        for (int k = 0; k < r->nissues; k++) free(r->issue[k].by_round);
    free(r->issue);
    free(r->comprehensive_by_round);
    free(r->forecast_sum);
    free(r);
}

void ps_result_add(ps_result *r, const ps_outcome *o)
{
    r->runs++;
    for (int k = 0; k < r->nissues; k++) {
        ps_issue_result *ir = &r->issue[k];
        if (o->issue[k].settled) {
            ir->settled++;
            ir->by_round[o->issue[k].round]++;
            ps_moments_add(&ir->terms, o->issue[k].terms);
            ps_hist01_add(&ir->terms_hist, o->issue[k].terms);
        }
        ir->implemented += o->issue[k].implemented != 0;
        ir->held += o->issue[k].held != 0;
        ir->breakdowns += (uint64_t)o->issue[k].breakdowns;
        ir->failures += (uint64_t)o->issue[k].failures;
        if (r->forecast_sum && o->forecast) {
            ir->eum[o->issue[k].eum]++;
            int p = o->issue[k].eum_period, t = o->issue[k].eum_round;
            if (o->issue[k].eum == PS_EUM_CYCLE && p >= 2 && p <= PS_EUM_MAX_PERIOD && t >= p && t <= r->rounds) {
                ir->eum_periods[p]++;
                if (ir->cycle_period == 0) {   /* the first, in replication order */
                    ir->cycle_period = p;
                    ir->cycle_round = t;
                    for (int j = 0; j < p; j++) {
                        const double *f = o->forecast + (size_t)2 * ((size_t)k * (size_t)(r->rounds + 1) + (size_t)(t - p + 1 + j));
                        ir->cycle_median[j] = f[0];
                        ir->cycle_mean[j] = f[1];
                    }
                }
            }
        }
    }
    if (o->comprehensive) {
        r->comprehensive++;
        r->comprehensive_by_round[o->comprehensive_round]++;
    }
    r->outcome[o->kind]++;
    ps_moments_add(&r->front, o->front);
    ps_hist01_add(&r->front_hist, o->front);
    ps_moments_add(&r->war_rounds, o->war_rounds);
    ps_moments_add(&r->rounds_run, o->rounds_run);
    for (int i = 0; i < r->nparties; i++) r->refusals[i] += (uint64_t)o->refusals[i];
    if (r->forecast_sum && o->forecast)
        for (size_t j = 0; j < (size_t)2 * (size_t)r->nissues * (size_t)(r->rounds + 1); j++) r->forecast_sum[j] += o->forecast[j];
}

double ps_result_survival(const ps_result *r, int issue, int t)
{
    if (r->runs == 0) return 1.0;
    const uint64_t *by = issue < 0 ? r->comprehensive_by_round : r->issue[issue].by_round;
    uint64_t done = 0;
    for (int u = 0; u <= t && u <= r->rounds; u++) done += by[u];
    return 1.0 - (double)done / (double)r->runs;
}

int ps_result_median_round(const ps_result *r, int issue)
{
    for (int t = 0; t <= r->rounds; t++)
        if (ps_result_survival(r, issue, t) <= 0.5) return t;
    return -1;
}

void ps_result_clear(ps_result *r)
{
    size_t rounds = (size_t)r->rounds + 1;
    r->runs = r->comprehensive = 0;
    memset(r->comprehensive_by_round, 0, sizeof(uint64_t) * rounds);
    memset(r->outcome, 0, sizeof r->outcome);
    memset(&r->front, 0, sizeof r->front);
    memset(&r->war_rounds, 0, sizeof r->war_rounds);
    memset(&r->rounds_run, 0, sizeof r->rounds_run);
    memset(&r->front_hist, 0, sizeof r->front_hist);
    memset(r->refusals, 0, sizeof r->refusals);
    for (int k = 0; k < r->nissues; k++) {
        ps_issue_result *b = &r->issue[k];
        uint64_t *by = b->by_round;
        memset(b, 0, sizeof *b);
        b->by_round = by;
        memset(by, 0, sizeof(uint64_t) * rounds);
    }
    if (r->forecast_sum) memset(r->forecast_sum, 0, sizeof(double) * 2 * (size_t)r->nissues * rounds);
}

void ps_result_merge(ps_result *into, ps_result *from)
{
    size_t rounds = (size_t)into->rounds + 1;
    into->runs += from->runs;
    into->comprehensive += from->comprehensive;
    for (size_t t = 0; t < rounds; t++) into->comprehensive_by_round[t] += from->comprehensive_by_round[t];
    for (int j = 0; j < 3; j++) into->outcome[j] += from->outcome[j];
    ps_moments_merge(&into->front, &from->front);
    ps_moments_merge(&into->war_rounds, &from->war_rounds);
    ps_moments_merge(&into->rounds_run, &from->rounds_run);
    ps_hist01_merge(&into->front_hist, &from->front_hist);
    for (int i = 0; i < into->nparties; i++) into->refusals[i] += from->refusals[i];
    for (int k = 0; k < into->nissues; k++) {
        ps_issue_result *a = &into->issue[k], *b = &from->issue[k];
        a->settled += b->settled;
        a->implemented += b->implemented;
        a->held += b->held;
        a->breakdowns += b->breakdowns;
        a->failures += b->failures;
        for (int j = 0; j < 3; j++) a->eum[j] += b->eum[j];
        for (int p = 0; p <= PS_EUM_MAX_PERIOD; p++) a->eum_periods[p] += b->eum_periods[p];
        if (a->cycle_period == 0 && b->cycle_period > 0) {   /* b's replications come after a's */
            a->cycle_period = b->cycle_period;
            a->cycle_round = b->cycle_round;
            memcpy(a->cycle_median, b->cycle_median, sizeof a->cycle_median);
            memcpy(a->cycle_mean, b->cycle_mean, sizeof a->cycle_mean);
        }
        for (size_t t = 0; t < rounds; t++) a->by_round[t] += b->by_round[t];
        ps_moments_merge(&a->terms, &b->terms);
        ps_hist01_merge(&a->terms_hist, &b->terms_hist);
    }
    if (into->forecast_sum)
        for (size_t j = 0; j < 2 * (size_t)into->nissues * rounds; j++) into->forecast_sum[j] += from->forecast_sum[j];
    ps_result_clear(from);
}

static double half(ps_interval method, uint64_t k, uint64_t n)
{
    double lo, hi;
    ps_interval95(method, k, n, &lo, &hi);
    return 0.5 * (hi - lo);
}

double ps_result_max_halfwidth(const ps_result *r, ps_interval method)
{
    /* the proportions every report shows, each by the interval it shows */
    double h = half(method, r->comprehensive, r->runs);
    for (int j = 0; j < 3; j++) h = fmax(h, half(method, r->outcome[j], r->runs));
    for (int k = 0; k < r->nissues; k++) {
        const ps_issue_result *ir = &r->issue[k];
        h = fmax(h, half(method, ir->settled, r->runs));
        h = fmax(h, half(method, ir->implemented, r->runs));
        h = fmax(h, half(method, ir->held, r->runs));
        if (ir->terms.n >= 2) h = fmax(h, ps_moments_halfwidth95(&ir->terms));
    }
    if (r->front.n >= 2) h = fmax(h, ps_moments_halfwidth95(&r->front));
    return h;
}

int ps_result_within(const ps_result *r, ps_interval method, double h)
{
    for (int k = 0; k < r->nissues; k++)
        if (r->issue[k].terms.n >= 2 && ps_moments_halfwidth95(&r->issue[k].terms) > h) return 0;
    if (r->front.n >= 2 && ps_moments_halfwidth95(&r->front) > h) return 0;
    /* the proportions ps_result_max_halfwidth takes, in order of their Wilson half-widths */
    uint64_t count[4 + 3 * PS_MAX_ISSUES];
    double wide[4 + 3 * PS_MAX_ISSUES];
    int n = 0;
    count[n++] = r->comprehensive;
    for (int j = 0; j < 3; j++) count[n++] = r->outcome[j];
    for (int k = 0; k < r->nissues; k++) {
        count[n++] = r->issue[k].settled;
        count[n++] = r->issue[k].implemented;
        count[n++] = r->issue[k].held;
    }
    for (int i = 0; i < n; i++) wide[i] = half(PS_INTERVAL_WILSON, count[i], r->runs);
    if (method == PS_INTERVAL_WILSON) {
        for (int i = 0; i < n; i++)
            if (wide[i] > h) return 0;
        return 1;
    }
    for (int i = 1; i < n; i++)   /* widest first: the first too wide decides, usually at once */
        for (int j = i; j > 0 && wide[j] > wide[j - 1]; j--) {
            double w = wide[j]; wide[j] = wide[j - 1]; wide[j - 1] = w;
            uint64_t c = count[j]; count[j] = count[j - 1]; count[j - 1] = c;
        }
    for (int i = 0; i < n; i++)
        if (half(method, count[i], r->runs) > h) return 0;
    return 1;
}

void ps_paired_add(ps_paired *p, const ps_outcome *o, const ps_outcome *base)
{
    ps_moments_add(&p->agreement, (double)o->comprehensive - (double)base->comprehensive);
    for (int k = 0; k < p->nissues; k++)
        ps_moments_add(&p->issue[k], (double)o->issue[k].settled - (double)base->issue[k].settled);
}

void ps_paired_merge(ps_paired *a, ps_paired *b)
{
    ps_moments_merge(&a->agreement, &b->agreement);
    for (int k = 0; k < a->nissues; k++) ps_moments_merge(&a->issue[k], &b->issue[k]);
    int n = b->nissues;
    memset(b, 0, sizeof *b);
    b->nissues = n;
}
