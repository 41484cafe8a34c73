/* ps_factors.c: the factors of a sensitivity analysis, and batches of variants set by them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "ps_batches.h"
#include "ps_worlds.h"
#include "ps_factors.h"

int ps_factors_list(const ps_scenario *s, ps_factor *f)
{
    int n = 0;
    for (int j = 0; j < s->nassumptions; j++)
        f[n++] = (ps_factor){PS_FACTOR_ASSUMPTION, j, s->assumptions[j].name};
    for (int i = 0; i < s->nvalues; i++)
        if (s->values[i].kind != PS_VAL_CONST) f[n++] = (ps_factor){PS_FACTOR_DISTRIBUTION, i, s->values[i].label};
    return n;
}

double ps_factor_value(const ps_scenario *s, const ps_factor *f, double u)
{
    if (f->kind == PS_FACTOR_ASSUMPTION) return ps_assumption_at(&s->assumptions[f->index], u);
    return ps_value_quantile(&s->values[f->index], u);
}

void ps_factors_apply(ps_scenario *c, const ps_factor *f, int nf, const double *u)
{
    for (int j = 0; j < nf; j++) {
        if (isnan(u[j])) continue;
        double x = ps_factor_value(c, &f[j], u[j]);
        if (f[j].kind == PS_FACTOR_DISTRIBUTION) {
            ps_scenario_hold_value(c, f[j].index, x);   /* held: every replication gets the quantile */
        } else {
            for (int i = 0; i < c->nvalues; i++)
                if (c->values[i].assumption == f[j].index + 1) ps_scenario_hold_value(c, i, x);
        }
    }
}

/* What the calls of ps_factors_run share: call b runs variants [b * per, b * per + per), after
 * the scenario itself when it is wanted. */
typedef struct factors_job {
    const ps_scenario *s;
    const ps_script_hooks *hooks;
    const ps_factor *f;
    int nf, npoints, per, lead;
    const double *U;
    ps_result **res, **base;
    ps_paired *paired;
} factors_job;

/* A variant: the scenario with row u's factors set (its world made by running the script again
 * when the script computes with an assumption). NULL with a message in err. */
static ps_scenario *variant(const factors_job *j, const double *u, char *err, size_t errlen, ps_status *st)
{
    const ps_scenario *s = j->s;
    ps_scenario *c;
    if (s->assumptions_in_script) {
        double xw[PS_MAX_ASSUMPTIONS];
        for (int k = 0; k < s->nassumptions; k++) xw[k] = s->assumptions[k].central;
        for (int k = 0; k < j->nf; k++)
            if (j->f[k].kind == PS_FACTOR_ASSUMPTION && !isnan(u[k])) xw[j->f[k].index] = ps_factor_value(s, &j->f[k], u[k]);
        if (!(c = ps_worlds_scenario(s, xw, err, errlen))) { *st = PS_EINVAL; return NULL; }
    } else if (!(c = ps_scenario_copy(s))) {
        *st = PS_ENOMEM;
        return NULL;
    }
    ps_factors_apply(c, j->f, j->nf, u);
    return c;
}

static ps_status factors_call(void *ctx, int b, const ps_run_options *ro)
{
    const factors_job *j = ctx;
    int lead = j->lead, i0 = b * j->per, m = j->npoints - i0 < j->per ? j->npoints - i0 : j->per;
    ps_scenario *pts[PS_MAX_POINTS] = {0};
    const ps_script_hooks *ph[PS_MAX_POINTS];
    ps_result *r[PS_MAX_POINTS] = {0};
    ps_paired d[PS_MAX_POINTS];
    ps_status st = PS_OK;
    if (lead) pts[0] = (ps_scenario *)j->s;
    for (int p = 0; p < lead + m; p++) ph[p] = j->hooks;
    for (int i = 0; i < m && st == PS_OK; i++) {
        char why[1024];
        if (!(pts[lead + i] = variant(j, j->U + (size_t)(i0 + i) * (size_t)j->nf, why, sizeof why, &st)) && ro->err &&
            st == PS_EINVAL)
            snprintf(ro->err, ro->errlen, "%s", why);
    }
    if (st == PS_OK) st = ps_run_points((const ps_scenario *const *)pts, lead + m, 0, ph, ro, r, j->paired ? d : NULL);
    if (st == PS_OK) {
        if (lead) {
            if (b == 0) *j->base = r[0];
            else ps_result_free(r[0]);   /* the same replications again: the first call's is kept */
        }
        for (int i = 0; i < m; i++) {
            j->res[i0 + i] = r[lead + i];
            if (j->paired) j->paired[i0 + i] = d[lead + i];
        }
    } else {
        for (int p = 0; p < lead + m; p++) ps_result_free(r[p]);
    }
    for (int i = 0; i < m; i++) ps_scenario_free(pts[lead + i]);
    return st;
}

ps_status ps_factors_run(const ps_scenario *s, const ps_script_hooks *hooks, const ps_factor *f, int nf, const double *U,
                         int npoints, const ps_run_options *opts, ps_result **res, ps_result **base, ps_paired *paired)
{
    if (npoints < 0 || (paired && !base) || opts->record) return PS_EINVAL;
    for (int i = 0; i < npoints; i++) res[i] = NULL;
    if (base) *base = NULL;
    if (s->assumptions_in_script && hooks) {
        if (opts->err) snprintf(opts->err, opts->errlen, "%s: a scenario with event functions cannot compute with an "
                                "assumption in its script (give the assumption to a field as it is)", s->file);
        return PS_EINVAL;
    }
    /* a call: [s itself when wanted, variants ...]; s is kept from the first call (its
     * replications are the same in every call), and run in each for the paired differences.
     * With fewer blocks a call than threads, the variants are spread over calls run side by
     * side (ps_batches.h); a script run again for a variant runs one at a time */
    int lead = base != NULL;
    int per = PS_MAX_POINTS - lead;
    int lanes = s->assumptions_in_script ? 1 : ps_batches_lanes(opts->runs, opts->threads, npoints);
    if (lanes > 1) {
        int spread = (npoints + lanes - 1) / lanes;
        if (spread < per) per = spread;
    }
    int ncalls = npoints > 0 ? (npoints + per - 1) / per : (base ? 1 : 0);
    factors_job job = {s, hooks, f, nf, npoints, per, lead, U, res, base, paired};
    ps_status st = ps_batches_run(ncalls, lanes, factors_call, &job, opts);
    if (st != PS_OK) {
        for (int i = 0; i < npoints; i++) { ps_result_free(res[i]); res[i] = NULL; }
        if (base) { ps_result_free(*base); *base = NULL; }
    }
    return st;
}
