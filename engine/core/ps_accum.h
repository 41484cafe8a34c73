/* ps_accum.h: streaming accumulators whose memory does not grow with the number of runs. */
#ifndef PS_ACCUM_H
#define PS_ACCUM_H

#include <stdint.h>

/* Mean and variance by Welford's (1962) update. */
typedef struct ps_moments { uint64_t n; double mean, m2; } ps_moments;

void ps_moments_add(ps_moments *m, double x);
/* Adds the sample b to a (Chan, Golub and LeVeque 1979). Merging the same pieces in the same
 * order gives the same bits. */
void ps_moments_merge(ps_moments *a, const ps_moments *b);
/* Sample standard deviation (n - 1 in the denominator); 0 when n < 2. */
double ps_moments_sd(const ps_moments *m);
/* Half-width of the 95% t interval of the mean; 0 when n < 2. */
double ps_moments_halfwidth95(const ps_moments *m);

/* Quantiles of numbers in [0,1] from a histogram of PS_HIST_BINS equal bins, each keeping its
 * count and its sum. A quantile is the mean of the bin where the cumulative count reaches it:
 * exact when a bin holds one value (a point mass), within 1/PS_HIST_BINS otherwise. */
#define PS_HIST_BINS 4096
typedef struct ps_hist01 { uint64_t n; uint64_t count[PS_HIST_BINS]; double sum[PS_HIST_BINS]; } ps_hist01;

void ps_hist01_add(ps_hist01 *h, double x);
/* Adds histogram b to a. */
void ps_hist01_merge(ps_hist01 *a, const ps_hist01 *b);
/* The p-quantile (0 <= p <= 1), by the "inverse of the empirical CDF" rule (Hyndman and Fan
 * 1996, definition 1): the smallest value with at least a share p of the sample at or below it.
 * NAN for an empty histogram. */
double ps_hist01_quantile(const ps_hist01 *h, double p);

/* Wilson's (1927) score interval for k successes in n trials at normal quantile z (1.96 for 95%).
 * For n = 0, [0, 1]. */
void ps_wilson(uint64_t k, uint64_t n, double z, double *lo, double *hi);

#define PS_Z95 1.959963984540054

/* The Clopper-Pearson (1934) "exact" 95% interval for k successes in n trials: the bounds are
 * beta quantiles, Beta(0.025; k, n-k+1) and Beta(0.975; k+1, n-k), exactly 0 at k = 0 and 1 at
 * k = n (where gsl_cdf_beta_Pinv would never return). For n up to 1e5, by bisection on GSL's
 * beta CDF (exact for those shapes); for larger n, when the rarer outcome counts fewer than
 * 20,000, from the binomial tails summed term by term; otherwise the continuity-corrected score
 * interval (Newcombe 1998, method 4), within 5e-6 of the exact bounds (docs/MODEL.md 7).
 * For n = 0, [0, 1]. */
void ps_clopper_pearson(uint64_t k, uint64_t n, double *lo, double *hi);

/* Which interval reports use for proportions. */
typedef enum ps_interval { PS_INTERVAL_WILSON, PS_INTERVAL_CP } ps_interval;

/* The 95% interval of k in n by the chosen method. */
void ps_interval95(ps_interval method, uint64_t k, uint64_t n, double *lo, double *hi);

#endif
