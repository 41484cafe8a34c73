/* ps_gsa.h: global-sensitivity estimators over the designs of ps_design.h: Morris's elementary
 * effects and Sobol' indices, with bootstrap intervals. The caller evaluates its model at the
 * design's points (in the design's order) and passes the outputs y; nothing here calls a model. */
#ifndef PS_GSA_H
#define PS_GSA_H

#include <stddef.h>
#include <stdint.h>

#include "ps_design.h"
#include "ps_status.h"

/* One factor's elementary effects, EE = (y(after step) - y(before)) / step, in output units per
 * unit of the factor's [0, 1] coordinate: for an input mapped linearly onto [lo, hi], multiply
 * by nothing; mu* of c x over [lo, hi] is c (hi - lo). */
typedef struct ps_morris_index {
    double mu;        /* mean of EE (Morris 1991): effects of opposite signs cancel */
    double mu_star;   /* mean of |EE| (Campolongo, Cariboni and Saltelli 2007): the ranking measure */
    double sigma;     /* sample standard deviation of EE (r - 1 denominator): nonlinearity or interactions */
    size_t r;         /* effects averaged (the design's trajectories) */
} ps_morris_index;

/* Computes every factor's Morris measures from design d and outputs y (one per point, y[i] for
 * row i of d->x: d->r (d->k + 1) values) into out[0 .. d->k - 1] (caller-owned).
 * Returns PS_OK; PS_EINVAL when an argument is NULL or d->r < 2; PS_ERANGE when an output is
 * not finite (out is then left unspecified). Does not allocate. */
ps_status ps_gsa_morris(const ps_morris_design *d, const double *y, ps_morris_index *out);

/* One factor's Sobol' indices. V is the variance of the outputs of A and B together (2N values,
 * 1/(2N)); f0 their mean. */
typedef struct ps_sobol_index {
    /* First order, Saltelli et al. (2010)'s estimator: V_i = mean(f(B) (f(AB_i) - f(A))) / V,
     * computed on outputs centred at f0 (which leaves its expectation unchanged and removes the
     * noise a large mean would add: f0 mean(f(AB_i) - f(A)) is zero only on average). */
    double first;
    /* Total effect, Jansen (1999)'s estimator: mean((f(A) - f(AB_i))^2) / 2 / V. */
    double total;
    /* First order in Sobol' (1993)'s form, mean(f(B) f(AB_i)) - f0^2, over V: uncentred, so it
     * loses precision when f0^2 is large against V; given for comparison. (Saltelli 2002's
     * f0^2 = mean(f(A) f(B)) turns it into Saltelli 2010's form.) */
    double first_sobol1993;
    /* Bootstrap percentile 95% intervals of first and total (NAN when no resamples were asked
     * for, or none had a nonzero variance). */
    double first_lo, first_hi, total_lo, total_hi;
} ps_sobol_index;

/* What ps_gsa_sobol found about the output as a whole. */
typedef struct ps_sobol_summary {
    size_t n;                /* base rows N */
    double mean;             /* f0 */
    double variance;         /* V; 0 means no input moved the output over A and B */
    size_t resamples;        /* bootstrap resamples asked for */
    size_t resamples_used;   /* of those, the ones whose resampled V was nonzero */
} ps_sobol_summary;

/* Estimates every factor's Sobol' indices from Saltelli design d and outputs y (y[i] for row i
 * of d->x: d->n (d->k + 2) values, in ps_saltelli_point's order) into idx[0 .. d->k - 1]
 * (caller-owned), and the output's mean and variance into *sum (may be NULL).
 * With resamples > 0, also the bootstrap percentile 95% intervals (Efron and Tibshirani 1993):
 * `resamples` times, N base rows drawn with replacement (keyed by seed and the resample's number:
 * deterministic), every index recomputed on them; the interval runs from the 2.5% to the 97.5%
 * quantile of those (linear interpolation between order statistics, Hyndman and Fan 1996's
 * definition 7). A resample whose variance is 0 is left out (counted in sum->resamples_used).
 * Returns PS_OK; PS_EINVAL when d, y or idx is NULL or d->n < 2; PS_ERANGE when an output is
 * not finite, when resamples or (with resamples) N exceed UINT32_MAX or the workspace's size
 * overflows, or when the variance V is 0 (then sum->variance is 0 and every index and bound is
 * NAN: the indices are undefined, not zero); PS_ENOMEM. d must come from ps_saltelli_alloc.
 * Allocates its workspace once, before any loop (3 k doubles; with resamples, also N row numbers
 * and 2 k resamples doubles), and frees it before returning. */
ps_status ps_gsa_sobol(const ps_saltelli_design *d, const double *y, size_t resamples, uint64_t seed,
                       ps_sobol_index *idx, ps_sobol_summary *sum);

#endif
