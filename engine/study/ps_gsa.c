/* ps_gsa.c: Morris's elementary effects and Sobol' indices (Saltelli 2010, Jansen 1999), with
 * bootstrap percentile intervals. */
#include "ps_gsa.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "ps_rng.h"

/* The bootstrap's key; ps_design.c's keys are tags 0x8000000000000001 to ...04. */
#define TAG_BOOTSTRAP 0x8000000000000005ULL

static int all_finite(const double *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i])) return 0;
    return 1;
}

ps_status ps_gsa_morris(const ps_morris_design *d, const double *y, ps_morris_index *out)
{
    if (!d || !y || !out) return PS_EINVAL;
    size_t r = d->r, k = d->k;
    if (r < 2) return PS_EINVAL;
    if (!all_finite(y, r * (k + 1))) return PS_ERANGE;
    for (size_t i = 0; i < k; i++) out[i] = (ps_morris_index){0, 0, 0, r};
    /* Two passes (mean, then squared deviations) so that sigma of equal effects is 0 up to
     * rounding, not the difference of two large sums. */
    for (size_t t = 0; t < r; t++)
        for (size_t s = 0; s < k; s++) {
            size_t at = t * (k + 1) + s, f = d->factor[t * k + s];
            double ee = (y[at + 1] - y[at]) / d->step[t * k + s];
            out[f].mu += ee;
            out[f].mu_star += fabs(ee);
        }
    for (size_t i = 0; i < k; i++) { out[i].mu /= (double)r; out[i].mu_star /= (double)r; }
    for (size_t t = 0; t < r; t++)
        for (size_t s = 0; s < k; s++) {
            size_t at = t * (k + 1) + s, f = d->factor[t * k + s];
            double dev = (y[at + 1] - y[at]) / d->step[t * k + s] - out[f].mu;
            out[f].sigma += dev * dev;
        }
    for (size_t i = 0; i < k; i++) out[i].sigma = sqrt(out[i].sigma / (double)(r - 1));
    return PS_OK;
}

/* The three estimators over base rows rows[0 .. n-1] (rows NULL: 0 .. n-1) into first, total and
 * first93 (k each); *mean and *var get f0 and V. Returns 0 when V is 0, i.e. all outputs of A
 * and B are equal (the arrays are then NAN, and *var 0). Does not allocate. */
static int estimate(const double *y, size_t n, size_t k, const size_t *rows, double *first,
                    double *total, double *first93, double *mean, double *var)
{
    size_t w = k + 2;
    double f0 = 0, lo = INFINITY, hi = -INFINITY;
    for (size_t j = 0; j < n; j++) {
        const double *p = y + (rows ? rows[j] : j) * w;
        f0 += p[0] + p[1];
        lo = fmin(lo, fmin(p[0], p[1]));
        hi = fmax(hi, fmax(p[0], p[1]));
    }
    f0 /= (double)(2 * n);
    double v = 0;
    for (size_t j = 0; j < n; j++) {
        const double *p = y + (rows ? rows[j] : j) * w;
        v += (p[0] - f0) * (p[0] - f0) + (p[1] - f0) * (p[1] - f0);
    }
    v /= (double)(2 * n);
    *mean = f0; *var = lo == hi ? 0 : v;
    /* Equal outputs are tested as such: their mean's rounding would leave a variance of 1e-32. */
    if (lo == hi || !(v > 0)) {
        for (size_t i = 0; i < k; i++) first[i] = total[i] = first93[i] = NAN;
        return 0;
    }
    for (size_t i = 0; i < k; i++) first[i] = total[i] = first93[i] = 0;
    for (size_t j = 0; j < n; j++) {
        const double *p = y + (rows ? rows[j] : j) * w;
        double a = p[0], b = p[1];
        for (size_t i = 0; i < k; i++) {
            double ab = p[2 + i];
            first[i] += (b - f0) * (ab - a);        /* Saltelli et al. 2010, centred */
            total[i] += (a - ab) * (a - ab);        /* Jansen 1999 */
            first93[i] += b * ab;                   /* Sobol' 1993 */
        }
    }
    double dn = (double)n;
    for (size_t i = 0; i < k; i++) {
        first[i] = first[i] / dn / v;
        total[i] = total[i] / dn / 2 / v;
        first93[i] = (first93[i] / dn - f0 * f0) / v;
    }
    return 1;
}

/* The percentile interval of the non-NAN values among x[0 .. m-1] (reordered in place). */
static void percentile95(double *x, size_t m, double *lo, double *hi)
{
    size_t kept = 0;
    for (size_t b = 0; b < m; b++)
        if (!isnan(x[b])) x[kept++] = x[b];
    if (kept == 0) { *lo = *hi = NAN; return; }
    gsl_sort(x, 1, kept);
    *lo = gsl_stats_quantile_from_sorted_data(x, 1, kept, 0.025);
    *hi = gsl_stats_quantile_from_sorted_data(x, 1, kept, 0.975);
}

ps_status ps_gsa_sobol(const ps_saltelli_design *d, const double *y, size_t resamples, uint64_t seed,
                       ps_sobol_index *idx, ps_sobol_summary *sum)
{
    if (!d || !y || !idx) return PS_EINVAL;
    size_t n = d->n, k = d->k;
    if (n < 2 || k < 1) return PS_EINVAL;
    if (!all_finite(y, n * (k + 2))) return PS_ERANGE;
    if (resamples > 0 && (n > UINT32_MAX || resamples > UINT32_MAX
                          || resamples > (SIZE_MAX / sizeof(double) - 3 * k) / (2 * k)
                          || n > SIZE_MAX / sizeof(size_t)))
        return PS_ERANGE;

    ps_sobol_summary s = {n, 0, 0, resamples, 0};
    /* The point estimates go straight into idx, through three k-strided scratch views. */
    double *first = NULL, *work = NULL;
    size_t *rows = NULL;
    size_t scratch = 3 * k + (resamples > 0 ? 2 * k * resamples : 0);
    first = malloc(scratch * sizeof *first);
    if (resamples > 0) rows = malloc(n * sizeof *rows);
    if (!first || (resamples > 0 && !rows)) { free(first); free(rows); return PS_ENOMEM; }
    double *total = first + k, *first93 = total + k;
    work = first93 + k;

    int ok = estimate(y, n, k, NULL, first, total, first93, &s.mean, &s.variance);
    for (size_t i = 0; i < k; i++)
        idx[i] = (ps_sobol_index){first[i], total[i], first93[i], NAN, NAN, NAN, NAN};
    if (!ok) {
        free(first); free(rows);
        s.variance = 0;
        if (sum) *sum = s;
        return PS_ERANGE;
    }

    if (resamples > 0) {
        uint64_t key = ps_rng_key(seed, TAG_BOOTSTRAP);
        /* work: factor i's resampled first-order indices at i * resamples + b, its totals at
         * (k + i) * resamples + b. The resample's own estimates reuse first/total/first93. */
        for (size_t b = 0; b < resamples; b++) {
            for (size_t j = 0; j < n; j++) rows[j] = (size_t)ps_design_below(key, (uint32_t)b, (uint32_t)j, n);
            double m, v;
            int good = estimate(y, n, k, rows, first, total, first93, &m, &v);
            s.resamples_used += (size_t)good;
            for (size_t i = 0; i < k; i++) {
                work[i * resamples + b] = first[i];
                work[(k + i) * resamples + b] = total[i];
            }
        }
        for (size_t i = 0; i < k; i++) {
            percentile95(work + i * resamples, resamples, &idx[i].first_lo, &idx[i].first_hi);
            percentile95(work + (k + i) * resamples, resamples, &idx[i].total_lo, &idx[i].total_hi);
        }
    }
    free(first); free(rows);
    if (sum) *sum = s;
    return PS_OK;
}
