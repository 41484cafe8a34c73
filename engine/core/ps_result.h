/* ps_result.h: the Monte Carlo aggregate of many replications, and what it reports. */
#ifndef PS_RESULT_H
#define PS_RESULT_H

#include <stdint.h>
#include "ps_accum.h"
#include "ps_model.h"
#include "ps_state.h"

typedef struct ps_issue_result {
    uint64_t settled, implemented, held, breakdowns, failures;
    uint64_t *by_round;          /* by_round[t]: replications first agreeing it in round t */
    ps_moments terms;            /* terms of the latest agreement, over the settled runs */
    ps_hist01 terms_hist;
    /* eum: runs by what the positions did (ps_eum_status: unresolved, converged, a cycle), the
     * cycling runs by period, and the cycle of the first replication that cycled (period 0:
     * none did): its rounds' forecast medians and means, from round cycle_round - period + 1 */
    uint64_t eum[3];
    uint64_t eum_periods[PS_EUM_MAX_PERIOD + 1];
    int cycle_period, cycle_round;
    double cycle_median[PS_EUM_MAX_PERIOD], cycle_mean[PS_EUM_MAX_PERIOD];
} ps_issue_result;

typedef struct ps_result {
    int nissues, rounds;
    uint64_t runs;               /* replications added */
    uint64_t comprehensive;      /* replications with a comprehensive agreement */
    uint64_t *comprehensive_by_round;
    uint64_t outcome[3];         /* by ps_outcome_kind */
    ps_moments front, war_rounds;
    ps_moments rounds_run;       /* rounds each replication ran (it stops early when every issue holds) */
    int nparties;
    uint64_t refusals[PS_MAX_PARTIES];   /* proposals each party refused, summed over runs */
    ps_hist01 front_hist;
    ps_issue_result *issue;      /* nissues */
    double *forecast_sum;        /* eum: [issue][round][median, mean] summed over runs, or NULL */
} ps_result;

/* Per-replication differences between a point of a study and its baseline, run on the same
 * replications (common random numbers): for replication r, d_r = x_r(point) - x_r(baseline)
 * with x the 0/1 indicator of the comprehensive agreement, or of an issue agreed at least once.
 * The mean of d is the difference of the two probabilities; its variance is var(x) + var(x_b)
 * - 2 cov(x, x_b), small when the two runs move together. */
typedef struct ps_paired {
    int nissues;
    ps_moments agreement;
    ps_moments issue[PS_MAX_ISSUES];
} ps_paired;

/* Adds replication r's difference (o from the point, base from the baseline). Can't fail. */
void ps_paired_add(ps_paired *p, const ps_outcome *o, const ps_outcome *base);
/* Adds b to a (in a fixed order: the same bits), then empties b. */
void ps_paired_merge(ps_paired *a, ps_paired *b);

/* Allocates an empty result for scenario s. NULL when out of memory. */
ps_result *ps_result_alloc(const ps_scenario *s);
void ps_result_free(ps_result *r);

/* Adds one replication's outcome. Can't fail; allocates nothing. */
void ps_result_add(ps_result *r, const ps_outcome *o);

/* Empties r: no replications. Can't fail. */
void ps_result_clear(ps_result *r);

/* Adds the replications of `from` (of the same scenario) to `into`, then empties `from`. */
void ps_result_merge(ps_result *into, ps_result *from);

/* S(t) = P(no agreement after t rounds), t in 0..rounds, for the comprehensive agreement
 * (issue < 0) or for one issue. */
double ps_result_survival(const ps_result *r, int issue, int t);

/* The widest 95% half-width of the result's probabilities, (hi - lo) / 2 of each interval by
 * `method` (the one the reports show), and of its means on the 0-1 scale (terms, the front; t
 * intervals): what --precision bounds. Can't fail. */
double ps_result_max_halfwidth(const ps_result *r, ps_interval method);

/* 1 when ps_result_max_halfwidth(r, method) <= h, else 0: the same test, made cheaply enough
 * for every block of a run (a Clopper-Pearson interval costs a thousand Wilson ones: they are
 * computed widest first, until one is wider than h). Can't fail. */
int ps_result_within(const ps_result *r, ps_interval method, double h);

/* The first round t with S(t) <= 0.5, or -1 when agreement comes in fewer than half the runs. */
int ps_result_median_round(const ps_result *r, int issue);

#endif
