/* ps_sweep.h: a study's report: the points of a sweep (or the two sides of a comparison), each
 * with its result and its paired difference from the baseline, at the central values and across
 * the baseline's worlds, as JSON (schema "peacesim.sweep/2", docs/CLI.md) and as CSV (one row
 * per point). */
#ifndef PS_SWEEP_H
#define PS_SWEEP_H

#include <stdio.h>
#include <cJSON.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"
#include "ps_grid.h"

typedef struct ps_sweep_meta {
    ps_report_meta run;              /* runs, seed, seconds, version, complete, interval */
    int npoints, baseline;
    int nvary;                       /* params varied */
    const char *const *vary_names;   /* nvary names */
    const char *const *values;       /* values[p * nvary + j]: param j at point p, as text */
    const ps_grid_worlds *worlds;    /* the points across the baseline's worlds, or NULL: none */
} ps_sweep_meta;

/* The paired difference's {"diff", "ci95": [lo, hi]}: the mean of d and its 95% t interval. */
void ps_sweep_diff(const ps_moments *d, double *diff, double *lo, double *hi);

/* The worlds of w: {"count", "runs", "seed", "assumptions": [names], "x": [[each world's values]]}.
 * Returns a tree the caller frees, or NULL when out of memory. */
cJSON *ps_json_grid_worlds(const ps_grid_worlds *w);

/* Point p's differences from the baseline across the worlds of w, for the comprehensive agreement
 * and each issue of s: {"agreement": {"median", "q05", "q95", "beats", "mc95"}, "issues": {...}}.
 * Returns a tree the caller frees, or NULL when out of memory. */
cJSON *ps_json_grid_diff(const ps_grid_worlds *w, int p, const ps_scenario *s);

/* Builds the sweep document of points s[p] with results r[p] and paired[p] (p != baseline).
 * Returns a tree the caller frees with cJSON_Delete, or NULL when out of memory. */
cJSON *ps_json_sweep(const ps_scenario *const *s, const ps_result *const *r, const ps_paired *paired,
                     const ps_sweep_meta *m);

/* Writes the CSV: a header, then one row per point: the varied params, then for the comprehensive
 * agreement and each issue p, its 95% interval lo and hi, the paired difference from the baseline
 * and its interval; then the comprehensive agreement's median round, and for each issue the mean
 * of its agreed terms, their 5% and 95% quantiles and its median round (empty where none); then,
 * when m->worlds, for the comprehensive agreement and each issue the difference across worlds:
 * its median, 5% and 95% quantiles and the share of worlds in which the point beats the baseline.
 * Returns 0, or -1 when a write fails. */
int ps_sweep_csv(FILE *f, const ps_scenario *const *s, const ps_result *const *r, const ps_paired *paired,
                 const ps_sweep_meta *m);

#endif
