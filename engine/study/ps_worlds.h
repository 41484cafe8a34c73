/* ps_worlds.h: worlds (one draw of every assumption of a scenario), the runs across them, and
 * the band a result shows across them (docs/STUDIES.md, "Worlds"). */
#ifndef PS_WORLDS_H
#define PS_WORLDS_H

#include <stdint.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_run.h"

#define PS_WORLDS_MAX 4096
/* The default band: 128 worlds (Spearman's rho then ranks within about 1/sqrt(127) = 0.09) of
 * at most 300 replications each (a world's P(deal) within +-0.057 at 95%), so that the default
 * scenario's run with its band takes under 1.5 s on two cores; the command line's and the Lua
 * study functions' defaults alike. */
#define PS_WORLDS_DEFAULT 128
#define PS_WORLD_RUNS_DEFAULT 300
#define PS_BAND_TOP 3          /* assumptions ranked per output */

/* The design of nworlds worlds of s: x[w * s->nassumptions + j] is assumption j's value in
 * world w (ps_assumption_at of a design coordinate), from a Latin hypercube keyed by seed: each
 * assumption's range is cut into nworlds strata of equal probability with one world in each,
 * the strata paired at random across assumptions. u (may be NULL) receives the coordinates in
 * (0, 1), laid out as x. The design depends on (number of assumptions, nworlds, seed) only.
 * Returns PS_OK, PS_EINVAL for nworlds outside 2..PS_WORLDS_MAX, or PS_ENOMEM. */
ps_status ps_worlds_design(const ps_scenario *s, int nworlds, uint64_t seed, double *x, double *u);

/* The scenario of s in the world x (x[j]: assumption j's value): a copy of s with the values
 * that take an assumption set (ps_scenario_set_world), or, when s's script computes with an
 * assumption (s->assumptions_in_script), the scenario its script makes in that world
 * (s->remake). Returns a scenario the caller frees, or NULL with a message in err (out of
 * memory; the script failed; it cannot be made again here). */
ps_scenario *ps_worlds_scenario(const ps_scenario *s, const double *x, char *err, size_t errlen);

/* Runs the n points pts[0..n) (1 <= n <= PS_MAX_POINTS) in each of nworlds worlds; x
 * (nworlds x pts[0]->nassumptions) holds the worlds of pts[0]; in point p, an assumption takes
 * the value of pts[0]'s assumption of the same name, or its own central value where pts[0] has
 * none. Every (world, point) runs the replications r < opts->runs of opts->seed: common random
 * numbers across worlds and points, so they differ by their assumptions and scenarios alone.
 * res[w * n + p] receives what ps_run gives for point p put in world w (the caller frees each);
 * paired (may be NULL; nworlds * n entries) the per-replication differences of point p from
 * point `baseline` in the same world. hooks: as ps_run_points. opts->progress sees the
 * replications done over the whole study (its total: runs times the number of batches of
 * worlds run together); opts->record must be NULL.
 * Returns PS_OK; PS_EINVAL (message in opts->err), PS_ENOMEM, or PS_ECALLBACK (stopped): then
 * every res is NULL, since a band is shown only whole. */
ps_status ps_worlds_run(const ps_scenario *const *pts, int n, int baseline, const ps_script_hooks *const *hooks,
                        int nworlds, const double *x, const ps_run_options *opts, ps_result **res, ps_paired *paired);

/* The 5%, 50% and 95% quantiles of v[0..n) (n >= 1; linear between order statistics,
 * Hyndman and Fan's type 7). scratch holds n doubles. Can't fail. */
void ps_worlds_quantiles(const double *v, int n, double *scratch, double q[3]);

/* Spearman's rank correlation of x[i * stride] and y[i], i < n (mid-ranks for ties); 0 when
 * either is constant. scratch holds 4n doubles. Can't fail. */
double ps_worlds_rank_correlation(const double *x, int stride, const double *y, int n, double *scratch);

/* The band of one output across worlds. */
typedef struct ps_band_output {
    double q[3];               /* 5%, 50%, 95% quantiles over worlds */
    int ntop;                  /* assumptions ranked (at most PS_BAND_TOP, at most nassumptions) */
    int top[PS_BAND_TOP];      /* their indices, by |rho| from the largest */
    double rho[PS_BAND_TOP];   /* Spearman's rank correlation of each with the output over worlds */
} ps_band_output;

/* A scenario's outputs across its worlds: P(deal) of the comprehensive agreement (output 0)
 * and of each issue (output 1 + k). */
typedef struct ps_band {
    int nworlds, nassumptions, noutputs;
    uint64_t runs;             /* replications per world */
    uint64_t seed;
    double *x;                 /* nworlds x nassumptions: each world's assumption values */
    double *p;                 /* nworlds x noutputs: each world's P(deal) */
    ps_band_output *out;       /* noutputs */
} ps_band;

/* Runs s in nworlds worlds of opts->runs replications (ps_worlds_design and ps_worlds_run)
 * and summarises them. On PS_OK *out holds the band (free with ps_band_free); otherwise NULL,
 * with the returns of ps_worlds_run, and PS_EINVAL (message in opts->err) when s declares no
 * assumption. */
ps_status ps_band_compute(const ps_scenario *s, const ps_script_hooks *hooks, int nworlds, const ps_run_options *opts,
                          ps_band **out);

/* Frees b; ps_band_free(NULL) is a no-op. */
void ps_band_free(ps_band *b);

/* The outputs a band shows, from one world's result: out[0] P(comprehensive agreement), out[1 +
 * k] P(issue k agreed at least once). Can't fail. */
void ps_band_outputs(const ps_result *r, double *out);

#endif
