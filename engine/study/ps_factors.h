/* ps_factors.h: the inputs a sensitivity analysis varies (every assumption and every
 * distribution of a scenario), scenarios with them set, and batches of such variants run on
 * common random numbers. */
#ifndef PS_FACTORS_H
#define PS_FACTORS_H

#include "ps_model.h"
#include "ps_result.h"
#include "ps_run.h"

typedef enum ps_factor_kind {
    PS_FACTOR_ASSUMPTION,      /* an assumption: its value in a world, over [low, high] */
    PS_FACTOR_DISTRIBUTION     /* a distribution held at one of its quantiles in every replication */
} ps_factor_kind;

typedef struct ps_factor {
    ps_factor_kind kind;
    int index;                 /* the assumption's index in s->assumptions, or the value's in s->values */
    const char *name;          /* the assumption's name or the value's label (owned by the scenario) */
} ps_factor;

/* Lists the factors of s into f (room for PS_MAX_ASSUMPTIONS + s->nvalues): every assumption,
 * in order, then every value that is a distribution (with a label of its own: call
 * ps_sensitivity_name_values first, or labels may repeat). Returns how many. Can't fail. */
int ps_factors_list(const ps_scenario *s, ps_factor *f);

/* Factor f's value at coordinate u in (0, 1): an assumption's ps_assumption_at(u), a
 * distribution's quantile at u. Can't fail. */
double ps_factor_value(const ps_scenario *s, const ps_factor *f, double u);

/* Sets in c (a copy of the scenario f was listed from) each factor j with !isnan(u[j]) to its
 * value at u[j]: an assumption in every value that takes it, a distribution made the constant
 * it is held at. A NaN leaves factor j as it is (an assumption at its central value, a
 * distribution drawn in each replication). Can't fail. */
void ps_factors_apply(ps_scenario *c, const ps_factor *f, int nf, const double *u);

/* Runs npoints variants of s, variant i with the factors set by row i of U (npoints x nf,
 * ps_factors_apply), plus s itself as variant -1 when base is not NULL, all on the replications
 * r < opts->runs of opts->seed (common random numbers), in batches of at most PS_MAX_POINTS
 * points. res[i] receives variant i's result (the caller frees each); *base s's own (may be
 * NULL: not wanted); paired (may be NULL) each variant's per-replication differences from s
 * (then base must be given). hooks: s's (NULL without scripts). opts->progress sees the
 * replications done over all batches. Returns as ps_run_points; on failure every res is NULL. */
ps_status ps_factors_run(const ps_scenario *s, const ps_script_hooks *hooks, const ps_factor *f, int nf, const double *U,
                         int npoints, const ps_run_options *opts, ps_result **res, ps_result **base, ps_paired *paired);

#endif
