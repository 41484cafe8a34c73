/* ps_grid.c: a study's points: the grid of a sweep, and the points run against a baseline at
 * the central values and across worlds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_batches.h"
#include "ps_grid.h"
#include "ps_worlds.h"

double ps_grid_size(int nvary, const int *count)
{
    double n = 1;
    for (int j = 0; j < nvary; j++) n *= count[j];
    return n;
}

void ps_grid_points(int nvary, const int *count, const char *const *const *lists, const char **values)
{
    int npoints = (int)ps_grid_size(nvary, count);
    for (int p = 0; p < npoints; p++) {
        int rest = p;
        for (int j = nvary - 1; j >= 0; j--) {
            values[p * nvary + j] = lists[j][rest % count[j]];
            rest /= count[j];
        }
    }
}

int ps_grid_same_value(const char *a, const char *b)
{
    char *ea, *eb;
    double x = strtod(a, &ea), y = strtod(b, &eb);
    if (ea != a && !*ea && eb != b && !*eb) return x == y;
    return strcmp(a, b) == 0;
}

int ps_grid_find(const char *const *values, int npoints, int nvary, const char *const *want)
{
    for (int p = 0; p < npoints; p++) {
        int all = 1;
        for (int j = 0; j < nvary && all; j++) all = ps_grid_same_value(values[p * nvary + j], want[j]);
        if (all) return p;
    }
    return -1;
}

void ps_grid_worlds_free(ps_grid_worlds *w)
{
    if (!w) return;
    free(w->names);
    free(w->x);
    free(w->d);
    free(w->out);
    free(w);
}

ps_status ps_grid_worlds_run(const ps_scenario *const *pts, int n, int baseline, const ps_script_hooks *const *hooks,
                             int nworlds, const ps_run_options *opts, ps_grid_worlds **out)
{
    *out = NULL;
    const ps_scenario *b = pts[baseline];
    if (b->nassumptions == 0) {
        if (opts->err) snprintf(opts->err, opts->errlen, "%s declares no assumption (assumed(...)): no worlds to run", b->file);
        return PS_EINVAL;
    }
    if (n < 1 || n > PS_MAX_POINTS || nworlds < 2 || nworlds > PS_WORLDS_MAX) return PS_EINVAL;
    int d = b->nassumptions, m = 1 + b->nissues;
    size_t cells = (size_t)nworlds * (size_t)n;
    ps_grid_worlds *g = calloc(1, sizeof *g);
    ps_result **res = calloc(cells, sizeof *res);
    ps_paired *paired = calloc(cells, sizeof *paired);
    double *col = malloc(sizeof *col * (size_t)nworlds), *scratch = malloc(sizeof *scratch * (size_t)nworlds);
    double *pb = malloc(sizeof *pb * (size_t)m), *pp = malloc(sizeof *pp * (size_t)m);
    ps_status st = g && res && paired && col && scratch && pb && pp ? PS_OK : PS_ENOMEM;
    if (st == PS_OK) {
        g->nworlds = nworlds;
        g->npoints = n;
        g->baseline = baseline;
        g->noutputs = m;
        g->runs = opts->runs;
        g->seed = opts->seed;
        g->nassumptions = d;
        g->names = malloc(sizeof *g->names * (size_t)d);
        g->x = malloc(sizeof *g->x * (size_t)nworlds * (size_t)d);
        g->d = malloc(sizeof *g->d * cells * (size_t)m);
        g->out = calloc((size_t)n * (size_t)m, sizeof *g->out);
        if (!g->names || !g->x || !g->d || !g->out) st = PS_ENOMEM;
    }
    if (st == PS_OK) {
        for (int j = 0; j < d; j++) g->names[j] = b->assumptions[j].name;
        st = ps_worlds_design(b, nworlds, opts->seed, g->x, NULL);
    }
    /* the worlds are the baseline's: it goes first, the others after it in their order */
    const ps_scenario *order[PS_MAX_POINTS];
    const ps_script_hooks *hk[PS_MAX_POINTS];
    int at[PS_MAX_POINTS];   /* at[i]: the point run in place i */
    if (st == PS_OK) {
        int i = 1;
        at[0] = baseline;
        for (int p = 0; p < n; p++)
            if (p != baseline) at[i++] = p;
        for (i = 0; i < n; i++) {
            order[i] = pts[at[i]];
            hk[i] = hooks ? hooks[at[i]] : NULL;
        }
        st = ps_worlds_run(order, n, 0, hk, nworlds, g->x, opts, res, paired);
    }
    if (st == PS_OK) {
        for (int w = 0; w < nworlds; w++) {
            ps_band_outputs(res[(size_t)w * (size_t)n], pb);
            for (int i = 0; i < n; i++) {
                ps_band_outputs(res[(size_t)w * (size_t)n + (size_t)i], pp);
                double *dw = g->d + ((size_t)w * (size_t)n + (size_t)at[i]) * (size_t)m;
                for (int o = 0; o < m; o++) dw[o] = pp[o] - pb[o];
            }
        }
        for (int p = 0; p < n; p++)
            for (int o = 0; o < m; o++) {
                ps_grid_diff *gd = &g->out[(size_t)p * (size_t)m + (size_t)o];
                for (int w = 0; w < nworlds; w++) {
                    col[w] = g->d[((size_t)w * (size_t)n + (size_t)p) * (size_t)m + (size_t)o];
                    gd->wins += col[w] > 0;
                }
                ps_worlds_quantiles(col, nworlds, scratch, gd->q);
            }
        /* the Monte Carlo error inside one world, from its paired differences */
        for (int i = 0; i < n; i++)
            for (int o = 0; o < m; o++) {
                for (int w = 0; w < nworlds; w++) {
                    const ps_paired *pd = &paired[(size_t)w * (size_t)n + (size_t)i];
                    const ps_moments *mo = o == 0 ? &pd->agreement : &pd->issue[o - 1];
                    col[w] = i == 0 || mo->n < 2 ? 0 : ps_moments_halfwidth95(mo);
                }
                double q[3];
                ps_worlds_quantiles(col, nworlds, scratch, q);
                g->out[(size_t)at[i] * (size_t)m + (size_t)o].mc95 = q[1];
            }
    }
    if (res)
        for (size_t i = 0; i < cells; i++) ps_result_free(res[i]);
    free(res);
    free(paired);
    free(col);
    free(scratch);
    free(pb);
    free(pp);
    if (st != PS_OK) { ps_grid_worlds_free(g); return st; }
    *out = g;
    return PS_OK;
}

ps_status ps_grid_run(const ps_scenario *const *pts, int n, int baseline, const ps_script_hooks *const *hooks,
                      const ps_run_options *opts, const ps_grid_options *g, ps_result **res, ps_paired *paired,
                      ps_grid_worlds **worlds)
{
    *worlds = NULL;
    int across = g && g->nworlds > 0 && pts[baseline]->nassumptions > 0;
    /* progress over the whole study: the central runs, then the worlds' after them */
    ps_progress_offset sp = {opts, 0, opts->runs, opts->runs + (across ? g->world_runs * (uint64_t)g->nworlds : 0)};
    ps_run_options ro = across ? ps_progress_offset_options(opts, &sp) : *opts;
    ps_status st = ps_run_points(pts, n, baseline, hooks, &ro, res, paired);
    if (st != PS_OK || !across) return st;
    sp.before = opts->runs;
    sp.part = g->world_runs * (uint64_t)g->nworlds;
    ro.runs = g->world_runs;
    return ps_grid_worlds_run(pts, n, baseline, hooks, g->nworlds, &ro, worlds);
}
