/* ps_sensitivity_study.c: a sensitivity analysis's design, its runs and its measures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_batches.h"
#include "ps_sensitivity_study.h"

/* The largest designs accepted: beyond, the arrays of outputs and coordinates alone run into
 * gigabytes. */
#define MAX_POINTS ((size_t)1 << 24)

ps_sens_settings ps_sens_settings_resolved(ps_sens_settings in)
{
    if (in.trajectories == 0) in.trajectories = 10;
    if (in.levels == 0) in.levels = 4;
    if (in.samples == 0) in.samples = 64;
    if (in.bootstrap == 0) in.bootstrap = 500;
    else if (in.bootstrap == PS_SENS_NO_BOOTSTRAP) in.bootstrap = 0;
    return in;
}

size_t ps_sens_points(ps_sens_settings set, int nf)
{
    set = ps_sens_settings_resolved(set);
    size_t k = nf > 0 ? (size_t)nf : 0, per;
    switch (set.method) {
    case PS_SENS_OAT: return 2 * k + 1;
    case PS_SENS_MORRIS: per = k + 1; return set.trajectories > SIZE_MAX / per ? 0 : set.trajectories * per;
    case PS_SENS_SOBOL: per = k + 2; return set.samples > SIZE_MAX / per ? 0 : set.samples * per;
    }
    return 0;
}

int ps_sens_factors_list(const ps_scenario *s, ps_sens_factors which, ps_factor *f)
{
    int n = ps_factors_list(s, f), m = 0;
    for (int j = 0; j < n; j++) {
        int keep = which == PS_SENS_ALL || (which == PS_SENS_ASSUMPTIONS && f[j].kind == PS_FACTOR_ASSUMPTION) ||
                   (which == PS_SENS_DISTRIBUTIONS && f[j].kind == PS_FACTOR_DISTRIBUTION);
        if (keep) f[m++] = f[j];
    }
    return m;
}

const char *ps_sens_method_name(ps_sens_method m)
{
    return m == PS_SENS_MORRIS ? "morris" : m == PS_SENS_SOBOL ? "sobol" : "oat";
}

void ps_sensitivity_study_free(ps_sensitivity_study *st)
{
    if (!st) return;
    for (size_t i = 0; st->res && i < 2 * (size_t)st->nf; i++) ps_result_free(st->res[i]);
    ps_result_free(st->base);
    free(st->res);
    free(st->paired);
    free(st->f);
    free(st->at_low);
    free(st->at_high);
    free(st->u_low);
    free(st->u_high);
    free(st->out);
    free(st->eff);
    free(st->rank);
    free(st);
}

int ps_sens_output_find(const ps_sensitivity_study *st, const char *name)
{
    for (int o = 0; o < st->nout; o++)
        if (strcmp(st->out[o].name, name) == 0) return o;
    return -1;
}

double ps_sens_output_value(const ps_sens_output *o, const ps_result *r)
{
    switch (o->kind) {
    case PS_SENS_P_AGREEMENT: return r->runs ? (double)r->comprehensive / (double)r->runs : 0;
    case PS_SENS_P_ISSUE: return r->runs ? (double)r->issue[o->issue].settled / (double)r->runs : 0;
    case PS_SENS_TERMS: return r->issue[o->issue].terms.n ? r->issue[o->issue].terms.mean : NAN;
    case PS_SENS_WAR_ROUNDS: return r->war_rounds.mean;
    }
    return NAN;
}

static void outputs_init(ps_sensitivity_study *st, const ps_scenario *s)
{
    int n = 0;
    st->out[n++] = (ps_sens_output){.kind = PS_SENS_P_AGREEMENT, .issue = -1, .name = "agreement"};
    for (int k = 0; k < s->nissues; k++) {
        st->out[n] = (ps_sens_output){.kind = PS_SENS_P_ISSUE, .issue = k};
        snprintf(st->out[n++].name, sizeof st->out[0].name, "%s", s->issues[k].name);
    }
    for (int k = 0; k < s->nissues; k++) {
        st->out[n] = (ps_sens_output){.kind = PS_SENS_TERMS, .issue = k};
        snprintf(st->out[n++].name, sizeof st->out[0].name, "terms:%s", s->issues[k].name);
    }
    st->out[n++] = (ps_sens_output){.kind = PS_SENS_WAR_ROUNDS, .issue = -1, .name = "war_rounds"};
    st->nout = n;
}

/* Records every output of point i's result into y (output o's value at y[o * npoints + i]). */
static void record(ps_sensitivity_study *st, const ps_result *r, size_t i, size_t npoints, double *y)
{
    for (int o = 0; o < st->nout; o++) y[(size_t)o * npoints + i] = ps_sens_output_value(&st->out[o], r);
}

/* Runs points U (npoints x nf) in chunks of PS_MAX_POINTS, each point's outputs into y, each
 * result freed once read: memory stays that of one chunk whatever the design's size. */
static ps_status run_chunks(ps_sensitivity_study *st, const ps_scenario *s, const ps_script_hooks *hooks,
                            const double *U, size_t npoints, const ps_run_options *opts, double *y)
{
    size_t nchunks = (npoints + PS_MAX_POINTS - 1) / PS_MAX_POINTS;
    ps_progress_offset cp = {opts, 0, opts->runs, opts->runs * (uint64_t)nchunks};   /* over the chunks, one after another */
    ps_run_options ro = ps_progress_offset_options(opts, &cp);
    ps_result *r[PS_MAX_POINTS];
    for (size_t c = 0; c < nchunks; c++) {
        size_t i0 = c * PS_MAX_POINTS, m = npoints - i0 < PS_MAX_POINTS ? npoints - i0 : PS_MAX_POINTS;
        cp.before = (uint64_t)c * opts->runs;
        ps_status rc = ps_factors_run(s, hooks, st->f, st->nf, U + i0 * (size_t)st->nf, (int)m, &ro, r, NULL, NULL);
        if (rc != PS_OK) return rc;
        for (size_t i = 0; i < m; i++) {
            record(st, r[i], i0 + i, npoints, y);
            ps_result_free(r[i]);
        }
    }
    return PS_OK;
}

/* Each output's mean, variance and points without a value over the design's npoints. */
static void summarise(ps_sensitivity_study *st, const double *y, size_t npoints)
{
    for (int o = 0; o < st->nout; o++) {
        ps_sens_output *out = &st->out[o];
        const double *v = y + (size_t)o * npoints;
        double sum = 0, first = NAN;
        size_t n = 0;
        out->undefined_points = 0;
        out->constant = 1;
        for (size_t i = 0; i < npoints; i++) {
            if (isnan(v[i])) { out->undefined_points++; continue; }
            if (n == 0) first = v[i];
            else if (v[i] != first) out->constant = 0;
            sum += v[i];
            n++;
        }
        out->mean = n ? sum / (double)n : NAN;
        double ss = 0;
        for (size_t i = 0; i < npoints; i++)
            if (!isnan(v[i])) ss += (v[i] - out->mean) * (v[i] - out->mean);
        out->variance = n ? ss / (double)n : NAN;
        if (out->constant) out->variance = 0;
        if (out->undefined_points) out->constant = 0;
    }
}

static ps_status run_oat(ps_sensitivity_study *st, const ps_scenario *s, const ps_script_hooks *hooks,
                         const ps_run_options *opts)
{
    int nf = st->nf;
    size_t np = 2 * (size_t)nf;
    double *U = malloc(sizeof *U * np * (size_t)nf), *y = malloc(sizeof *y * (np + 1) * (size_t)st->nout);
    st->res = calloc(np, sizeof *st->res);
    st->paired = calloc(np, sizeof *st->paired);
    if (!U || !y || !st->res || !st->paired) { free(U); free(y); return PS_ENOMEM; }
    /* [low 0, high 0, low 1, high 1, ...]: factor k at an end, every other as it is */
    for (size_t i = 0; i < np * (size_t)nf; i++) U[i] = NAN;
    for (int k = 0; k < nf; k++) {
        U[(size_t)(2 * k) * (size_t)nf + (size_t)k] = st->u_low[k];
        U[(size_t)(2 * k + 1) * (size_t)nf + (size_t)k] = st->u_high[k];
    }
    ps_status rc = ps_factors_run(s, hooks, st->f, nf, U, (int)np, opts, st->res, &st->base, st->paired);
    free(U);
    if (rc != PS_OK) { free(y); return rc; }
    /* point 0 the baseline, then the variants */
    record(st, st->base, 0, np + 1, y);
    for (size_t i = 0; i < np; i++) record(st, st->res[i], i + 1, np + 1, y);
    summarise(st, y, np + 1);
    for (int o = 0; o < st->nout; o++) {
        const ps_sens_output *out = &st->out[o];
        const double *v = y + (size_t)o * (np + 1);
        for (int k = 0; k < nf; k++) {
            ps_sens_effect *e = &st->eff[(size_t)o * (size_t)nf + (size_t)k];
            e->low = v[1 + 2 * k];
            e->high = v[2 + 2 * k];
            e->swing = e->high - e->low;
            e->hw_low = e->hw_high = NAN;
            if (out->kind == PS_SENS_P_AGREEMENT || out->kind == PS_SENS_P_ISSUE) {
                /* the paired differences, replication by replication, as the /1 report had them */
                const ps_paired *lo = &st->paired[2 * k], *hi = &st->paired[2 * k + 1];
                const ps_moments *ml = out->kind == PS_SENS_P_AGREEMENT ? &lo->agreement : &lo->issue[out->issue];
                const ps_moments *mh = out->kind == PS_SENS_P_AGREEMENT ? &hi->agreement : &hi->issue[out->issue];
                e->diff_low = ml->mean;
                e->diff_high = mh->mean;
                e->hw_low = ps_moments_halfwidth95(ml);
                e->hw_high = ps_moments_halfwidth95(mh);
            } else {
                e->diff_low = e->low - v[0];
                e->diff_high = e->high - v[0];
            }
            e->measure = fabs(e->swing);   /* NAN when an end has no value */
        }
    }
    free(y);
    return PS_OK;
}

static ps_status run_morris(ps_sensitivity_study *st, const ps_scenario *s, const ps_script_hooks *hooks,
                            const ps_run_options *opts)
{
    int nf = st->nf;
    ps_morris_design *d = NULL;
    ps_status rc = ps_morris_alloc(st->set.trajectories, (size_t)nf, st->set.levels, opts->seed, &d);
    if (rc != PS_OK) return rc;
    size_t np = d->r * (d->k + 1);
    double *U = malloc(sizeof *U * np * (size_t)nf), *y = malloc(sizeof *y * np * (size_t)st->nout);
    ps_morris_index *mi = malloc(sizeof *mi * (size_t)nf);
    if (!U || !y || !mi) rc = PS_ENOMEM;
    /* a grid level x in [0, 1] is the coordinate lo + x (hi - lo) of the factor's ends */
    for (size_t i = 0; rc == PS_OK && i < np; i++)
        for (int j = 0; j < nf; j++)
            U[i * (size_t)nf + (size_t)j] = st->u_low[j] + d->x[i * (size_t)nf + (size_t)j] * (st->u_high[j] - st->u_low[j]);
    if (rc == PS_OK) rc = run_chunks(st, s, hooks, U, np, opts, y);
    if (rc == PS_OK) {
        summarise(st, y, np);
        for (int o = 0; o < st->nout && rc == PS_OK; o++) {
            ps_sens_effect *e = &st->eff[(size_t)o * (size_t)nf];
            if (st->out[o].undefined_points) {
                for (int j = 0; j < nf; j++) e[j].measure = NAN;
                continue;
            }
            rc = ps_gsa_morris(d, y + (size_t)o * np, mi);
            for (int j = 0; rc == PS_OK && j < nf; j++) { e[j].morris = mi[j]; e[j].measure = mi[j].mu_star; }
        }
    }
    st->npoints = np;
    free(mi);
    free(U);
    free(y);
    ps_morris_free(d);
    return rc;
}

static ps_status run_sobol(ps_sensitivity_study *st, const ps_scenario *s, const ps_script_hooks *hooks,
                           const ps_run_options *opts)
{
    int nf = st->nf;
    ps_saltelli_design *d = NULL;
    ps_status rc = ps_saltelli_alloc(st->set.samples, (size_t)nf, PS_DESIGN_AUTO, opts->seed, &d);
    if (rc != PS_OK) return rc;
    st->base_kind = d->kind;
    size_t np = d->n * (d->k + 2);
    double *y = malloc(sizeof *y * np * (size_t)st->nout);
    ps_sobol_index *si = malloc(sizeof *si * (size_t)nf);
    if (!y || !si) rc = PS_ENOMEM;
    /* the coordinates, all in (0, 1), as they are: an assumption over its prior, a distribution
     * over its whole range of quantiles */
    if (rc == PS_OK) rc = run_chunks(st, s, hooks, d->x, np, opts, y);
    if (rc == PS_OK) {
        summarise(st, y, np);
        for (int o = 0; o < st->nout && rc == PS_OK; o++) {
            ps_sens_output *out = &st->out[o];
            ps_sens_effect *e = &st->eff[(size_t)o * (size_t)nf];
            for (int j = 0; j < nf; j++) e[j].measure = NAN;
            if (out->undefined_points) continue;
            ps_status g = ps_gsa_sobol(d, y + (size_t)o * np, st->set.bootstrap, opts->seed, si, &out->sobol);
            if (g == PS_ERANGE && out->sobol.variance == 0) {
                out->constant = 1;   /* no input moved it over A and B: no indices, not zeros */
                continue;
            }
            if (g != PS_OK) { rc = g; break; }
            for (int j = 0; j < nf; j++) { e[j].sobol = si[j]; e[j].measure = si[j].total; }
        }
    }
    st->npoints = np;
    free(si);
    free(y);
    ps_saltelli_free(d);
    return rc;
}

/* Output o's factors by measure, largest first; an undefined measure last; ties in factor order. */
typedef struct rank_key { double m; int j; } rank_key;

static int by_measure(const void *a, const void *b)
{
    const rank_key *x = a, *y = b;
    int nx = isnan(x->m), ny = isnan(y->m);
    if (nx != ny) return nx - ny;
    if (!nx && x->m != y->m) return x->m < y->m ? 1 : -1;
    return x->j - y->j;
}

static int rank_all(ps_sensitivity_study *st)
{
    rank_key *k = malloc(sizeof *k * (size_t)st->nf);
    if (!k) return -1;
    for (int o = 0; o < st->nout; o++) {
        for (int j = 0; j < st->nf; j++) k[j] = (rank_key){st->eff[(size_t)o * (size_t)st->nf + (size_t)j].measure, j};
        qsort(k, (size_t)st->nf, sizeof *k, by_measure);
        for (int j = 0; j < st->nf; j++) st->rank[(size_t)o * (size_t)st->nf + (size_t)j] = k[j].j;
    }
    free(k);
    return 0;
}

ps_status ps_sensitivity_study_run(const ps_scenario *s, const ps_script_hooks *hooks, ps_sens_settings set,
                                   const ps_run_options *opts, ps_sensitivity_study **out)
{
    *out = NULL;
    if (!s || !opts || opts->runs < 1) return PS_EINVAL;
    set = ps_sens_settings_resolved(set);
    if (set.method == PS_SENS_MORRIS && (set.trajectories < 2 || set.levels < 2 || set.levels % 2 || set.levels > 1024)) {
        if (opts->err) snprintf(opts->err, opts->errlen, "Morris needs at least 2 trajectories and an even number of levels from 2 to 1024");
        return PS_EINVAL;
    }
    if (set.method == PS_SENS_SOBOL && set.samples < 2) {
        if (opts->err) snprintf(opts->err, opts->errlen, "Sobol needs at least 2 base rows");
        return PS_EINVAL;
    }
    ps_sensitivity_study *st = calloc(1, sizeof *st);
    if (!st) return PS_ENOMEM;
    st->set = set;
    size_t room = (size_t)PS_MAX_ASSUMPTIONS + (size_t)(s->nvalues > 0 ? s->nvalues : 0) + 1;
    st->f = malloc(sizeof *st->f * room);
    if (!st->f) { ps_sensitivity_study_free(st); return PS_ENOMEM; }
    st->nf = ps_sens_factors_list(s, set.factors, st->f);
    if (st->nf == 0) {
        if (opts->err)
            snprintf(opts->err, opts->errlen, "%s has no %s: nothing to vary", s->file,
                     set.factors == PS_SENS_ASSUMPTIONS ? "assumption" :
                     set.factors == PS_SENS_DISTRIBUTIONS ? "uncertain number (no distribution)" :
                     "uncertain number (no assumption, no distribution)");
        ps_sensitivity_study_free(st);
        return PS_EINVAL;
    }
    size_t np = ps_sens_points(set, st->nf);
    if (np == 0 || np > MAX_POINTS) {
        if (opts->err)
            snprintf(opts->err, opts->errlen, "the %s design over %d factors would have %s%zu points: at most %zu",
                     ps_sens_method_name(set.method), st->nf, np ? "" : "more than ", np ? np : SIZE_MAX, MAX_POINTS);
        ps_sensitivity_study_free(st);
        return PS_ERANGE;
    }
    size_t nf = (size_t)st->nf;
    st->nout = 2 + 2 * s->nissues;
    st->at_low = malloc(sizeof(double) * nf);
    st->at_high = malloc(sizeof(double) * nf);
    st->u_low = malloc(sizeof(double) * nf);
    st->u_high = malloc(sizeof(double) * nf);
    st->out = calloc((size_t)st->nout, sizeof *st->out);
    st->eff = calloc((size_t)st->nout * nf, sizeof *st->eff);
    st->rank = malloc(sizeof *st->rank * (size_t)st->nout * nf);
    if (!st->at_low || !st->at_high || !st->u_low || !st->u_high || !st->out || !st->eff || !st->rank) {
        ps_sensitivity_study_free(st);
        return PS_ENOMEM;
    }
    outputs_init(st, s);
    for (size_t j = 0; j < nf; j++) {
        int a = st->f[j].kind == PS_FACTOR_ASSUMPTION;
        st->u_low[j] = a ? 0 : PS_SENS_DIST_LO;
        st->u_high[j] = a ? 1 : PS_SENS_DIST_HI;
        st->at_low[j] = ps_factor_value(s, &st->f[j], st->u_low[j]);
        st->at_high[j] = ps_factor_value(s, &st->f[j], st->u_high[j]);
    }
    for (size_t i = 0; i < (size_t)st->nout * nf; i++) {
        ps_sens_effect *e = &st->eff[i];
        e->low = e->high = e->diff_low = e->diff_high = e->hw_low = e->hw_high = e->swing = e->measure = NAN;
        e->morris = (ps_morris_index){NAN, NAN, NAN, 0};
        e->sobol = (ps_sobol_index){NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    }
    st->runs = opts->runs;
    st->npoints = np;
    st->base_kind = PS_DESIGN_AUTO;
    ps_status rc;
    if (set.method == PS_SENS_OAT) rc = run_oat(st, s, hooks, opts);
    else if (set.method == PS_SENS_MORRIS) rc = run_morris(st, s, hooks, opts);
    else rc = run_sobol(st, s, hooks, opts);
    st->replications = (uint64_t)st->npoints * opts->runs;
    if (rc == PS_OK && rank_all(st) != 0) rc = PS_ENOMEM;
    if (rc != PS_OK) { ps_sensitivity_study_free(st); return rc; }
    *out = st;
    return PS_OK;
}
