/* ps_accum.c: streaming means, histogram quantiles and Wilson intervals. */
#include <math.h>
#include <gsl/gsl_cdf.h>
#include "ps_accum.h"

void ps_moments_add(ps_moments *m, double x)
{
    m->n++;
    double delta = x - m->mean;
    m->mean += delta / (double)m->n;
    m->m2 += delta * (x - m->mean);
}

double ps_moments_sd(const ps_moments *m)
{
    return m->n < 2 ? 0.0 : sqrt(m->m2 / (double)(m->n - 1));
}

double ps_moments_halfwidth95(const ps_moments *m)
{
    if (m->n < 2) return 0.0;
    return gsl_cdf_tdist_Pinv(0.975, (double)(m->n - 1)) * ps_moments_sd(m) / sqrt((double)m->n);
}

void ps_hist01_add(ps_hist01 *h, double x)
{
    if (!(x >= 0)) x = 0;     /* also maps NAN to 0: callers only pass numbers in [0,1] */
    if (x > 1) x = 1;
    int b = (int)(x * PS_HIST_BINS);
    if (b >= PS_HIST_BINS) b = PS_HIST_BINS - 1;
    h->n++;
    h->count[b]++;
    h->sum[b] += x;
}

double ps_hist01_quantile(const ps_hist01 *h, double p)
{
    if (h->n == 0) return NAN;
    /* rank in 1..n of the order statistic wanted */
    double r = ceil(p * (double)h->n);
    uint64_t rank = r < 1 ? 1 : (uint64_t)r;
    uint64_t acc = 0;
    for (int b = 0; b < PS_HIST_BINS; b++) {
        acc += h->count[b];
        if (acc >= rank) return h->sum[b] / (double)h->count[b];
    }
    return 1.0;
}

void ps_wilson(uint64_t k, uint64_t n, double z, double *lo, double *hi)
{
    if (n == 0) { *lo = 0; *hi = 1; return; }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double denom = 1 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / denom;
    double half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    /* at k = 0 and k = n the bound is exactly 0 or 1; rounding would leave 1e-19 */
    *lo = k == 0 || centre - half < 0 ? 0 : centre - half;
    *hi = k == n || centre + half > 1 ? 1 : centre + half;
}
