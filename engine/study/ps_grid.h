/* ps_grid.h: a study's points: the grid a sweep varies its params over, and the run of the
 * points against a baseline, at the central values and across the baseline's worlds
 * (docs/STUDIES.md, "Comparisons across assumptions"). Used by `peacesim sweep` and by
 * peacesim.compare and peacesim.sweep alike. */
#ifndef PS_GRID_H
#define PS_GRID_H

#include <stdint.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_run.h"

#define PS_GRID_MAX_VARY 8     /* params a sweep varies */

/* ---- the grid ---- */

/* The number of points of the grid of nvary lists of count[j] values each: their product
 * (a double, so that a grid too large to hold is counted, for the message). Can't fail. */
double ps_grid_size(int nvary, const int *count);

/* The grid's points, the first list varying slowest: values[p * nvary + j] = lists[j][i] with
 * i param j's place in point p, for p < ps_grid_size (at most PS_MAX_POINTS). The texts are
 * the lists' own (not copied). Can't fail. */
void ps_grid_points(int nvary, const int *count, const char *const *const *lists, const char **values);

/* Whether two values of a param are the same: equal numbers when both read as numbers, else
 * equal text. Can't fail. */
int ps_grid_same_value(const char *a, const char *b);

/* The first point p with ps_grid_same_value(values[p * nvary + j], want[j]) for every j, or -1.
 * Can't fail. */
int ps_grid_find(const char *const *values, int npoints, int nvary, const char *const *want);

/* ---- the points across worlds ---- */

/* One output of one point across worlds: the difference d_w = P(deal of the point in world w)
 * - P(deal of the baseline in world w), each the share of its runs, over the worlds. */
typedef struct ps_grid_diff {
    double q[3];               /* 5%, 50%, 95% quantiles of d_w over the worlds (ps_worlds_quantiles) */
    int wins;                  /* worlds with d_w > 0: the point beats the baseline */
    double mc95;               /* median over worlds of the 95% half-width of one world's paired
                                * difference: the Monte Carlo error inside a world */
} ps_grid_diff;

/* The points of a study across the worlds of its baseline's assumptions. */
typedef struct ps_grid_worlds {
    int nworlds, npoints, baseline, noutputs;   /* outputs: as ps_band_outputs */
    uint64_t runs, seed;       /* replications per world; the seed of the design and of the runs */
    int nassumptions;          /* the baseline's */
    const char **names;        /* nassumptions: the baseline's assumptions' names (its own texts) */
    double *x;                 /* nworlds x nassumptions: each world's assumption values */
    double *d;                 /* (w * npoints + p) * noutputs + o: d_w of point p, output o */
    ps_grid_diff *out;         /* p * noutputs + o */
} ps_grid_worlds;

/* Runs the n points pts[0..n) in nworlds worlds of pts[baseline]'s assumptions
 * (ps_worlds_design keyed by opts->seed; ps_worlds_run, the baseline first, on paired
 * differences), opts->runs replications each, and summarises each point's difference from the
 * baseline. A point has an assumption the baseline has under the same name set to the world's
 * value; one a point has fixed (a param --set to a number) stays fixed. hooks: as
 * ps_run_points. On PS_OK *out holds the summary (free with ps_grid_worlds_free; names point
 * into pts[baseline], which must outlive it); otherwise *out is NULL, with the returns of
 * ps_worlds_run, and PS_EINVAL (message in opts->err) when the baseline declares no assumption. */
ps_status ps_grid_worlds_run(const ps_scenario *const *pts, int n, int baseline, const ps_script_hooks *const *hooks,
                             int nworlds, const ps_run_options *opts, ps_grid_worlds **out);

/* Frees w; ps_grid_worlds_free(NULL) is a no-op. */
void ps_grid_worlds_free(ps_grid_worlds *w);

/* ---- a whole study ---- */

/* What a study runs beyond the central values. */
typedef struct ps_grid_options {
    int nworlds;               /* 0: the central values only */
    uint64_t world_runs;       /* replications per world */
} ps_grid_options;

/* Runs a study's n points: ps_run_points at the central values (res, paired as there), then,
 * when g->nworlds > 0 and pts[baseline] declares an assumption, ps_grid_worlds_run with
 * g->world_runs replications per world and opts's seed into *worlds (else NULL). opts->progress
 * sees the replications of both, over their sum. Returns what ps_run_points returns; when it
 * gives PS_OK, what the worlds give: on their failure res and paired stay whole (the central
 * values are complete) and *worlds is NULL. */
ps_status ps_grid_run(const ps_scenario *const *pts, int n, int baseline, const ps_script_hooks *const *hooks,
                      const ps_run_options *opts, const ps_grid_options *g, ps_result **res, ps_paired *paired,
                      ps_grid_worlds **worlds);

#endif
