/* ps_worlds.c: worlds of a scenario's assumptions, runs across them, and their band. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include "ps_batches.h"
#include "ps_design.h"
#include "ps_worlds.h"

ps_status ps_worlds_design(const ps_scenario *s, int nworlds, uint64_t seed, double *x, double *u)
{
    if (nworlds < 2 || nworlds > PS_WORLDS_MAX) return PS_EINVAL;
    size_t d = (size_t)s->nassumptions, n = (size_t)nworlds;
    if (d == 0) return PS_OK;
    /* the coordinates: a Latin hypercube (ps_design.h, McKay, Beckman and Conover 1979), laid
     * out as x; then each mapped onto its assumption's range or prior */
    double *c = u ? u : malloc(sizeof *c * n * d);
    if (!c) return PS_ENOMEM;
    ps_status st = ps_design_lhs(n, d, seed, c);
    for (size_t w = 0; st == PS_OK && w < n; w++)
        for (size_t j = 0; j < d; j++) x[w * d + j] = ps_assumption_at(&s->assumptions[j], c[w * d + j]);
    if (!u) free(c);
    return st;
}

ps_scenario *ps_worlds_scenario(const ps_scenario *s, const double *x, char *err, size_t errlen)
{
    if (s->assumptions_in_script) {
        if (!s->remake) {
            snprintf(err, errlen, "%s: the script computes with an assumption, so a world of it needs the script run "
                     "again, which this caller cannot do: give the assumption to a field as it is", s->file);
            return NULL;
        }
        return s->remake(s->remake_ctx, s, x, err, errlen);
    }
    ps_scenario *c = ps_scenario_copy(s);
    if (!c) { snprintf(err, errlen, "out of memory"); return NULL; }
    ps_scenario_set_world(c, x);
    return c;
}

/* For each assumption of point q, the index of the assumption of the same name in s0, or -1. */
static void match_assumptions(const ps_scenario *s0, const ps_scenario *q, int *map)
{
    for (int j = 0; j < q->nassumptions; j++) {
        map[j] = -1;
        for (int i = 0; i < s0->nassumptions && map[j] < 0; i++)
            if (strcmp(s0->assumptions[i].name, q->assumptions[j].name) == 0) map[j] = i;
    }
}

/* What the calls of ps_worlds_run share: call c runs worlds [c * per, c * per + per). */
typedef struct worlds_job {
    const ps_scenario *const *pts;
    int n, baseline, per, nworlds;
    const ps_script_hooks *const *hooks;
    const double *x;
    const int *map;            /* n x PS_MAX_ASSUMPTIONS: each point's assumptions in pts[0]'s */
    ps_result **res;
    ps_paired *paired;
} worlds_job;

static ps_status worlds_call(void *ctx, int call, const ps_run_options *ro)
{
    const worlds_job *j = ctx;
    int n = j->n, d0 = j->pts[0]->nassumptions;
    int w0 = call * j->per, nw = j->nworlds - w0 < j->per ? j->nworlds - w0 : j->per, m = nw * n;
    ps_scenario *sc[PS_MAX_POINTS] = {0};
    const ps_script_hooks *hk[PS_MAX_POINTS];
    double xw[PS_MAX_ASSUMPTIONS];
    ps_status st = PS_OK;
    for (int i = 0; i < m && st == PS_OK; i++) {
        int w = w0 + i / n, p = i % n;
        const ps_scenario *q = j->pts[p];
        const int *mp = j->map + (size_t)p * PS_MAX_ASSUMPTIONS;
        for (int k = 0; k < q->nassumptions; k++)
            xw[k] = mp[k] >= 0 ? j->x[(size_t)w * (size_t)d0 + (size_t)mp[k]] : q->assumptions[k].central;
        char why[1024];
        if (!(sc[i] = ps_worlds_scenario(q, xw, why, sizeof why))) {
            if (ro->err) snprintf(ro->err, ro->errlen, "%s", why);
            st = q->assumptions_in_script ? PS_EINVAL : PS_ENOMEM;
        }
        hk[i] = j->hooks ? j->hooks[p] : NULL;
    }
    ps_paired d[PS_MAX_POINTS];
    if (st == PS_OK) {
        st = ps_run_points((const ps_scenario *const *)sc, m, j->paired ? j->baseline : 0, hk, ro,
                           j->res + (size_t)w0 * (size_t)n, j->paired ? d : NULL);
        /* a paired call holds one world: its points' differences from that world's baseline */
        if (st == PS_OK && j->paired)
            for (int p = 0; p < n; p++) j->paired[(size_t)w0 * (size_t)n + (size_t)p] = d[p];
    }
    for (int i = 0; i < m; i++) ps_scenario_free(sc[i]);
    return st;
}

ps_status ps_worlds_run(const ps_scenario *const *pts, int n, int baseline, const ps_script_hooks *const *hooks,
                        int nworlds, const double *x, const ps_run_options *opts, ps_result **res, ps_paired *paired)
{
    if (n < 1 || n > PS_MAX_POINTS || nworlds < 1 || nworlds > PS_WORLDS_MAX || opts->record) return PS_EINVAL;
    for (size_t i = 0; i < (size_t)nworlds * (size_t)n; i++) res[i] = NULL;
    int *map = malloc(sizeof *map * (size_t)(n * PS_MAX_ASSUMPTIONS));
    if (!map) return PS_ENOMEM;
    ps_status st = PS_OK;
    int scripted = 0;   /* a world made by running a script again: one at a time (one Lua state each) */
    for (int p = 0; st == PS_OK && p < n; p++) {
        match_assumptions(pts[0], pts[p], map + (size_t)p * PS_MAX_ASSUMPTIONS);
        scripted |= pts[p]->assumptions_in_script;
        if (hooks && hooks[p] && pts[p]->assumptions_in_script) {
            /* the workers' copies of its event functions would run at the central values */
            if (opts->err) snprintf(opts->err, opts->errlen, "%s: a scenario with event functions cannot compute with an "
                                    "assumption in its script (give the assumption to a field as it is)", pts[p]->file);
            st = PS_EINVAL;
        }
    }
    /* worlds per call: a call pairs its points with one baseline, so paired runs go world by
     * world; with fewer blocks a call than threads, the worlds are spread over calls run side
     * by side (ps_batches.h) */
    int per = paired ? 1 : PS_MAX_POINTS / n;
    int lanes = scripted ? 1 : ps_batches_lanes(opts->runs, opts->threads, nworlds);
    if (lanes > 1 && !paired) {
        int spread = (nworlds + lanes - 1) / lanes;
        if (spread < per) per = spread;
    }
    int ncalls = (nworlds + per - 1) / per;
    if (lanes > ncalls) lanes = ncalls;
    worlds_job job = {pts, n, baseline, per, nworlds, hooks, x, map, res, paired};
    if (st == PS_OK) st = ps_batches_run(ncalls, lanes, worlds_call, &job, opts);
    if (st != PS_OK)
        for (size_t i = 0; i < (size_t)nworlds * (size_t)n; i++) { ps_result_free(res[i]); res[i] = NULL; }
    free(map);
    return st;
}

void ps_worlds_quantiles(const double *v, int n, double *scratch, double q[3])
{
    memcpy(scratch, v, sizeof *scratch * (size_t)n);
    gsl_sort(scratch, 1, (size_t)n);
    static const double prob[3] = {0.05, 0.5, 0.95};
    for (int i = 0; i < 3; i++) {
        double h = (n - 1) * prob[i];
        int lo = (int)floor(h);
        int hi = lo + 1 < n ? lo + 1 : lo;
        q[i] = scratch[lo] + (h - lo) * (scratch[hi] - scratch[lo]);
    }
}

/* Mid-ranks of v[i * stride], i < n, into r (idx: n doubles of scratch). */
static void ranks(const double *v, int stride, int n, double *r, double *tmp)
{
    size_t *idx = (size_t *)(void *)tmp;   /* n size_t fit in n doubles on every platform we build */
    double *col = r;
    for (int i = 0; i < n; i++) col[i] = v[(size_t)i * (size_t)stride];
    gsl_sort_index(idx, col, 1, (size_t)n);
    double *out = tmp + n;   /* n more doubles */
    for (int i = 0; i < n;) {
        int j = i;
        while (j + 1 < n && col[idx[j + 1]] == col[idx[i]]) j++;
        double mid = 0.5 * (i + j) + 1;
        for (int k = i; k <= j; k++) out[idx[k]] = mid;
        i = j + 1;
    }
    memcpy(r, out, sizeof *r * (size_t)n);
}

double ps_worlds_rank_correlation(const double *x, int stride, const double *y, int n, double *scratch)
{
    double *rx = scratch, *ry = scratch + n, *tmp = scratch + 2 * n;
    ranks(x, stride, n, rx, tmp);
    ranks(y, 1, n, ry, tmp);
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) { mx += rx[i]; my += ry[i]; }
    mx /= n; my /= n;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

void ps_band_outputs(const ps_result *r, double *out)
{
    double n = r->runs > 0 ? (double)r->runs : 1;
    out[0] = (double)r->comprehensive / n;
    for (int k = 0; k < r->nissues; k++) out[1 + k] = (double)r->issue[k].settled / n;
}

void ps_band_free(ps_band *b)
{
    if (!b) return;
    free(b->x);
    free(b->p);
    free(b->out);
    free(b);
}

ps_status ps_band_compute(const ps_scenario *s, const ps_script_hooks *hooks, int nworlds, const ps_run_options *opts,
                          ps_band **out)
{
    *out = NULL;
    if (s->nassumptions == 0) {
        if (opts->err) snprintf(opts->err, opts->errlen, "%s declares no assumption (assumed(...)): no band to show", s->file);
        return PS_EINVAL;
    }
    if (nworlds < 2 || nworlds > PS_WORLDS_MAX) return PS_EINVAL;
    ps_band *b = calloc(1, sizeof *b);
    int d = s->nassumptions, m = 1 + s->nissues;
    ps_result **res = calloc((size_t)nworlds, sizeof *res);
    double *scratch = malloc(sizeof *scratch * (size_t)(4 * nworlds));
    if (!b || !res || !scratch) { free(b); free(res); free(scratch); return PS_ENOMEM; }
    b->nworlds = nworlds;
    b->nassumptions = d;
    b->noutputs = m;
    b->runs = opts->runs;
    b->seed = opts->seed;
    b->x = malloc(sizeof *b->x * (size_t)nworlds * (size_t)d);
    b->p = malloc(sizeof *b->p * (size_t)nworlds * (size_t)m);
    b->out = calloc((size_t)m, sizeof *b->out);
    ps_status st = b->x && b->p && b->out ? PS_OK : PS_ENOMEM;
    if (st == PS_OK) st = ps_worlds_design(s, nworlds, opts->seed, b->x, NULL);
    const ps_scenario *pts[1] = {s};
    const ps_script_hooks *hk[1] = {hooks};
    if (st == PS_OK) st = ps_worlds_run(pts, 1, 0, hk, nworlds, b->x, opts, res, NULL);
    if (st == PS_OK) {
        for (int w = 0; w < nworlds; w++) {
            ps_band_outputs(res[w], b->p + (size_t)w * (size_t)m);
            ps_result_free(res[w]);
        }
        double *col = malloc(sizeof *col * (size_t)nworlds);
        if (!col) st = PS_ENOMEM;
        for (int o = 0; st == PS_OK && o < m; o++) {
            ps_band_output *bo = &b->out[o];
            for (int w = 0; w < nworlds; w++) col[w] = b->p[(size_t)w * (size_t)m + (size_t)o];
            ps_worlds_quantiles(col, nworlds, scratch, bo->q);
            /* the assumptions that move it most: by |rank correlation| over the worlds */
            for (int j = 0; j < d; j++) {
                double r = ps_worlds_rank_correlation(b->x + j, d, col, nworlds, scratch);
                int at = bo->ntop < PS_BAND_TOP ? bo->ntop++ : PS_BAND_TOP;
                /* insertion into the top list, largest |rho| first; equal |rho| keeps declaration order */
                while (at > 0 && fabs(r) > fabs(bo->rho[at - 1])) {
                    if (at < PS_BAND_TOP) { bo->rho[at] = bo->rho[at - 1]; bo->top[at] = bo->top[at - 1]; }
                    at--;
                }
                if (at < PS_BAND_TOP) { bo->rho[at] = r; bo->top[at] = j; }
            }
        }
        free(col);
    }
    free(res);
    free(scratch);
    if (st != PS_OK) { ps_band_free(b); return st; }
    *out = b;
    return PS_OK;
}
