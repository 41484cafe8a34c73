/* ps_factors.c: the factors of a sensitivity analysis, and batches of variants set by them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
            c->values[f[j].index].kind = PS_VAL_CONST;   /* held: every replication gets the quantile */
            c->values[f[j].index].a = x;
        } else {
            for (int i = 0; i < c->nvalues; i++)
                if (c->values[i].assumption == f[j].index + 1) c->values[i].a = x;
        }
    }
}

/* Progress over all batches: each batch's replications offset by those before. */
typedef struct batch_progress {
    const ps_run_options *opts;
    uint64_t before, total;
} batch_progress;

static int on_batch_progress(void *ctx, uint64_t done, uint64_t total)
{
    batch_progress *bp = ctx;
    (void)total;
    return bp->opts->progress(bp->opts->progress_ctx, bp->before + done, bp->total);
}

ps_status ps_factors_run(const ps_scenario *s, const ps_script_hooks *hooks, const ps_factor *f, int nf, const double *U,
                         int npoints, const ps_run_options *opts, ps_result **res, ps_result **base, ps_paired *paired)
{
    if (npoints < 0 || (paired && !base) || opts->record) return PS_EINVAL;
    for (int i = 0; i < npoints; i++) res[i] = NULL;
    if (base) *base = NULL;
    /* a batch: [s itself when wanted, variants ...]; s runs in the first batch only (its
     * replications are the same in every batch), unless paired differences need it in each */
    int lead = base != NULL;
    int per = PS_MAX_POINTS - lead;
    int nbatches = npoints > 0 ? (npoints + per - 1) / per : (base ? 1 : 0);
    batch_progress bp = {opts, 0, opts->runs * (uint64_t)nbatches};
    ps_run_options ro = *opts;
    if (opts->progress) { ro.progress = on_batch_progress; ro.progress_ctx = &bp; }
    ps_status st = PS_OK;
    if (s->assumptions_in_script && hooks) {
        if (opts->err) snprintf(opts->err, opts->errlen, "%s: a scenario with event functions cannot compute with an "
                                "assumption in its script (give the assumption to a field as it is)", s->file);
        return PS_EINVAL;
    }
    double xw[PS_MAX_ASSUMPTIONS];
    for (int b = 0; st == PS_OK && b < nbatches; b++) {
        int i0 = b * per, m = npoints - i0 < per ? npoints - i0 : per;
        ps_scenario *pts[PS_MAX_POINTS] = {0};
        const ps_script_hooks *ph[PS_MAX_POINTS];
        ps_result *r[PS_MAX_POINTS] = {0};
        ps_paired d[PS_MAX_POINTS];
        if (lead) pts[0] = (ps_scenario *)s;
        for (int p = 0; p < lead + m; p++) ph[p] = hooks;
        for (int i = 0; i < m && st == PS_OK; i++) {
            const double *u = U + (size_t)(i0 + i) * (size_t)nf;
            ps_scenario *c;
            if (s->assumptions_in_script) {
                /* the script computes with an assumption: its world is made by running it again */
                for (int j = 0; j < s->nassumptions; j++) xw[j] = s->assumptions[j].central;
                for (int j = 0; j < nf; j++)
                    if (f[j].kind == PS_FACTOR_ASSUMPTION && !isnan(u[j])) xw[f[j].index] = ps_factor_value(s, &f[j], u[j]);
                char why[1024];
                if (!(c = ps_worlds_scenario(s, xw, why, sizeof why))) {
                    if (opts->err) snprintf(opts->err, opts->errlen, "%s", why);
                    st = PS_EINVAL;
                    break;
                }
            } else if (!(c = ps_scenario_copy(s))) {
                st = PS_ENOMEM;
                break;
            }
            pts[lead + i] = c;
            ps_factors_apply(c, f, nf, u);
        }
        if (st == PS_OK) {
            bp.before = (uint64_t)b * opts->runs;
            st = ps_run_points((const ps_scenario *const *)pts, lead + m, 0, ph, &ro, r, paired ? d : NULL);
        }
        if (st == PS_OK) {
            if (lead) {
                if (b == 0) *base = r[0];
                else ps_result_free(r[0]);   /* the same replications again: the first batch's is kept */
            }
            for (int i = 0; i < m; i++) {
                res[i0 + i] = r[lead + i];
                if (paired) paired[i0 + i] = d[lead + i];
            }
        } else {
            for (int p = 0; p < lead + m; p++) ps_result_free(r[p]);
        }
        for (int i = 0; i < m; i++) ps_scenario_free(pts[lead + i]);
    }
    if (st != PS_OK) {
        for (int i = 0; i < npoints; i++) { ps_result_free(res[i]); res[i] = NULL; }
        if (base) { ps_result_free(*base); *base = NULL; }
    }
    return st;
}
