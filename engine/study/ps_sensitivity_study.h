/* ps_sensitivity_study.h: a global sensitivity analysis of a scenario: its factors (every
 * assumption and every distribution, ps_factors.h) varied by one of three designs (one at a
 * time, Morris's trajectories, Saltelli's matrices), every design point run on common random
 * numbers, and every output's measures computed at once (ps_gsa.h). Used by `peacesim
 * sensitivity` and peacesim.sensitivity in Lua alike, so that the two give the same numbers. */
#ifndef PS_SENSITIVITY_STUDY_H
#define PS_SENSITIVITY_STUDY_H

#include <stddef.h>
#include <stdint.h>

#include "ps_factors.h"
#include "ps_gsa.h"
#include "ps_run.h"

typedef enum ps_sens_method {
    PS_SENS_OAT = 0,   /* one at a time: each factor at its two ends, the rest as they are (a tornado) */
    PS_SENS_MORRIS,    /* elementary effects along r trajectories (Morris 1991) */
    PS_SENS_SOBOL      /* first-order and total Sobol' indices on Saltelli's design */
} ps_sens_method;

/* Which factors vary: every one, or only the assumptions, or only the distributions. */
typedef enum ps_sens_factors { PS_SENS_ALL = 0, PS_SENS_ASSUMPTIONS, PS_SENS_DISTRIBUTIONS } ps_sens_factors;

/* The ends of a factor's range in the one-at-a-time and Morris designs: an assumption's
 * coordinate 0 and 1 (its low and high), a distribution's quantiles 5% and 95% (an unbounded
 * distribution has no finite 0 and 1). Morris's grid level x in [0, 1] maps to
 * u = lo + x (hi - lo) of these; Sobol's coordinates, all in (0, 1), are used as they are. */
#define PS_SENS_DIST_LO 0.05
#define PS_SENS_DIST_HI 0.95

typedef struct ps_sens_settings {
    ps_sens_method method;
    ps_sens_factors factors;
    size_t trajectories;     /* Morris r (0: 10) */
    unsigned levels;         /* Morris p, even (0: 4) */
    size_t samples;          /* Sobol N base rows (0: 64) */
    size_t bootstrap;        /* Sobol bootstrap resamples (0 given: 500; use PS_SENS_NO_BOOTSTRAP for none) */
} ps_sens_settings;

#define PS_SENS_NO_BOOTSTRAP ((size_t)-1)

/* What an output measures at a design point, from that point's result. */
typedef enum ps_sens_output_kind {
    PS_SENS_P_AGREEMENT = 0,   /* P(comprehensive agreement) */
    PS_SENS_P_ISSUE,           /* P(issue agreed at least once) */
    PS_SENS_TERMS,             /* mean terms of the issue's latest agreement, over the runs that agreed it */
    PS_SENS_WAR_ROUNDS         /* mean rounds fought without a ceasefire */
} ps_sens_output_kind;

typedef struct ps_sens_output {
    ps_sens_output_kind kind;
    int issue;                 /* for P_ISSUE and TERMS, else -1 */
    char name[80];             /* "agreement", the issue's name, "terms:ISSUE", "war_rounds" */
    /* the mean terms at a point where no run agreed the issue do not exist: such an output is
     * undefined (no measures) and says at how many points */
    size_t undefined_points;
    int constant;              /* 1: the same value at every design point (variance 0) */
    double mean, variance;     /* over the design points (1/n) */
    /* Sobol only: ps_gsa_sobol's summary (mean and variance over A and B) */
    ps_sobol_summary sobol;
} ps_sens_output;

/* One factor's measures on one output. */
typedef struct ps_sens_effect {
    /* one at a time: the output with the factor at its low end and at its high end, their
     * differences from the baseline (the scenario as it is, on the same replications) and, for
     * the probabilities, the paired 95% half-widths of those differences (NAN otherwise) */
    double low, high, diff_low, diff_high, hw_low, hw_high, swing;
    ps_morris_index morris;
    ps_sobol_index sobol;
    double measure;            /* what ranks: |swing|, mu*, or the total index (NAN when undefined) */
} ps_sens_effect;

typedef struct ps_sensitivity_study {
    ps_sens_settings set;      /* as run, the defaults filled in */
    int nf;
    ps_factor *f;              /* the factors varied */
    double *at_low, *at_high;  /* each factor's value at its ends (the coordinates PS_SENS_*) */
    double *u_low, *u_high;    /* those coordinates */
    int nout;
    ps_sens_output *out;       /* agreement, each issue's P, each issue's terms, war_rounds */
    ps_sens_effect *eff;       /* nout x nf: output o, factor j at o * nf + j */
    int *rank;                 /* nout x nf: output o's factors by measure, largest first (ties: factor order) */
    size_t npoints;            /* design points run (OAT: 2 nf, plus the baseline) */
    uint64_t runs;             /* replications per point */
    uint64_t replications;     /* all of them, the baseline's included */
    ps_design_kind base_kind;  /* Sobol: the base design used */
    ps_result *base;           /* OAT: the baseline (the scenario as it is); else NULL */
    ps_result **res;           /* OAT: the 2 nf variants' results (low, high of factor 0, ...); else NULL */
    ps_paired *paired;         /* OAT: their paired differences from the baseline */
    double seconds;            /* time spent running */
} ps_sensitivity_study;

/* The settings with every 0 replaced by its default. */
ps_sens_settings ps_sens_settings_resolved(ps_sens_settings in);

/* The design points the settings need for nf factors (OAT 2 nf + 1 with its baseline, Morris
 * r (nf + 1), Sobol N (nf + 2)); 0 on overflow. Can't fail. */
size_t ps_sens_points(ps_sens_settings set, int nf);

/* Lists the factors of s the settings vary into f (room for PS_MAX_ASSUMPTIONS + s->nvalues).
 * Returns how many. Can't fail. */
int ps_sens_factors_list(const ps_scenario *s, ps_sens_factors which, ps_factor *f);

/* Runs the study: builds the design of the settings over the factors of s, runs every point on
 * the replications r < opts->runs of opts->seed (common random numbers, ps_factors_run; hooks
 * as there), computes every output's measures. opts->progress sees the replications done over
 * the whole study; opts->cancel stops it. On success *out owns the study (free with
 * ps_sensitivity_study_free). Returns PS_OK; PS_EINVAL (message in opts->err) for no factor to
 * vary, bad settings, or a failure to make a variant; PS_ERANGE when the design is too large;
 * PS_ENOMEM; PS_ECALLBACK when stopped. On failure *out is NULL. Does not print. */
ps_status ps_sensitivity_study_run(const ps_scenario *s, const ps_script_hooks *hooks, ps_sens_settings set,
                                   const ps_run_options *opts, ps_sensitivity_study **out);

/* Frees a study; NULL is a no-op. */
void ps_sensitivity_study_free(ps_sensitivity_study *st);

/* The index of the output named name ("agreement", an issue's name, "terms:ISSUE",
 * "war_rounds"), or -1. */
int ps_sens_output_find(const ps_sensitivity_study *st, const char *name);

/* Output o's value in result r: NAN where it does not exist (the mean terms of an issue no run
 * agreed). Can't fail. */
double ps_sens_output_value(const ps_sens_output *o, const ps_result *r);

/* "oat", "morris" or "sobol". */
const char *ps_sens_method_name(ps_sens_method m);

#endif
