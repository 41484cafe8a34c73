/* ps_sweep.h: a study's report: the points of a sweep (or the two sides of a comparison), each
 * with its result and its paired difference from the baseline, as JSON (schema
 * "peacesim.sweep/1", docs/STUDIES.md) and as CSV (one row per point). */
#ifndef PS_SWEEP_H
#define PS_SWEEP_H

#include <stdio.h>
#include <cJSON.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"

typedef struct ps_sweep_meta {
    ps_report_meta run;              /* runs, seed, seconds, version, complete, interval */
    int npoints, baseline;
    int nvary;                       /* params varied */
    const char *const *vary_names;   /* nvary names */
    const char *const *values;       /* values[p * nvary + j]: param j at point p, as text */
} ps_sweep_meta;

/* The paired difference's {"diff", "ci95": [lo, hi]}: the mean of d and its 95% t interval. */
void ps_sweep_diff(const ps_moments *d, double *diff, double *lo, double *hi);

/* Builds the sweep document of points s[p] with results r[p] and paired[p] (p != baseline).
 * Returns a tree the caller frees with cJSON_Delete, or NULL when out of memory. */
cJSON *ps_json_sweep(const ps_scenario *const *s, const ps_result *const *r, const ps_paired *paired,
                     const ps_sweep_meta *m);

/* Writes the CSV: a header, then one row per point: the varied params, then for the comprehensive
 * agreement and each issue p, its 95% interval lo and hi, the paired difference from the baseline
 * and its interval; then the comprehensive agreement's median round, and for each issue the mean
 * of its agreed terms, their 5% and 95% quantiles and its median round (empty where none).
 * Returns 0, or -1 when a write fails. */
int ps_sweep_csv(FILE *f, const ps_scenario *const *s, const ps_result *const *r, const ps_paired *paired,
                 const ps_sweep_meta *m);

#endif
