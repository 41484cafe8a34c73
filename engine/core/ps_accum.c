/* ps_accum.c: streaming means, histogram quantiles and Wilson intervals. */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include "ps_accum.h"
#include "ps_value.h"

void ps_moments_add(ps_moments *m, double x)
{
    m->n++;
    double delta = x - m->mean;
    m->mean += delta / (double)m->n;
    m->m2 += delta * (x - m->mean);
}

void ps_moments_merge(ps_moments *a, const ps_moments *b)
{
    if (b->n == 0) return;
    if (a->n == 0) { *a = *b; return; }
    double na = (double)a->n, nb = (double)b->n, n = na + nb, delta = b->mean - a->mean;
    a->mean += delta * nb / n;
    a->m2 += b->m2 + delta * delta * na * nb / n;
    a->n += b->n;
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

void ps_hist01_merge(ps_hist01 *a, const ps_hist01 *b)
{
    if (b->n == 0) return;
    a->n += b->n;
    for (int i = 0; i < PS_HIST_BINS; i++) {
        a->count[i] += b->count[i];
        a->sum[i] += b->sum[i];
    }
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

/* The continuity-corrected score interval (Newcombe 1998, method 4), for large n. */
static void wilson_cc(uint64_t k, uint64_t n, double z, double *lo, double *hi)
{
    double nn = (double)n, p = (double)k / nn, q = 1 - p, z2 = z * z, den = 2 * (nn + z2);
    *lo = k == 0 ? 0 : (2 * nn * p + z2 - 1 - z * sqrt(z2 - 2 - 1 / nn + 4 * p * (nn * q + 1))) / den;
    *hi = k == n ? 1 : (2 * nn * p + z2 + 1 + z * sqrt(z2 + 2 - 1 / nn + 4 * p * (nn * q - 1))) / den;
    if (*lo < 0) *lo = 0;
    if (*hi > 1) *hi = 1;
}

/* Loader's (2000) pieces of a binomial probability that keep their precision for n up to 1e15:
 * stirlerr(n) = ln n! - [(n + 1/2) ln n - n + ln sqrt(2 pi)], by Stirling's series beyond 15;
 * bd0(x, m) = x ln(x/m) + m - x, by its series in v = (x - m)/(x + m) when x is near m. */
#define LN_2PI 1.8378770664093454836   /* ln(2 pi) */

static double stirlerr(double n)
{
    static const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
    double nn = n * n;
    if (n > 500) return (s0 - s1 / nn) / n;
    if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
    if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
    if (n > 15) return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    return lgamma(n + 1) - (n + 0.5) * log(n) + n - 0.5 * LN_2PI;
}

static double bd0(double x, double m)
{
    if (fabs(x - m) < 0.1 * (x + m)) {
        double v = (x - m) / (x + m), s = (x - m) * v, ej = 2 * x * v;
        for (int j = 1; j < 1000; j++) {
            ej *= v * v;
            double s1 = s + ej / (2 * j + 1);
            if (s1 == s) return s1;
            s = s1;
        }
        return s;
    }
    return x * log(x / m) + m - x;
}

/* ln P(X = j) for X ~ Binomial(n, p), 0 < p < 1 (Loader 2000). */
static double log_binomial_pmf(double j, double n, double p)
{
    if (j == 0) return n * log1p(-p);
    if (j == n) return n * log(p);
    double lc = stirlerr(n) - stirlerr(j) - stirlerr(n - j) - bd0(j, n * p) - bd0(n - j, n * (1 - p));
    return lc - 0.5 * (LN_2PI + log(j) + log1p(-j / n));
}

/* P(X <= k) for X ~ Binomial(n, p), exact to rounding for the large n and small k it is used
 * for. Summed outwards from the largest term, the mode floor((n+1)p) or k if that is
 * smaller, with the ratios P(X = j-1) / P(X = j) = j (1-p) / ((n-j+1) p) and their inverse,
 * until a term falls below 1e-20 of the sum: the terms fall off like a normal density away from
 * the mode, so those within about 10 standard deviations of it count (some 2,700 for k = 20,000),
 * not all k + 1 (a sum over every term made a Clopper-Pearson interval of 19,999 in 1e15 take
 * 80 ms, and a report with many such intervals minutes). The peak's own probability comes from
 * Loader's (2000) saddle-point form, exact to a few units in the last place. */
static double binomial_cdf_small(uint64_t k, double n, double p)
{
    if (p <= 0) return 1;
    if (p >= 1) return k >= (uint64_t)n ? 1 : 0;
    double mode = floor((n + 1) * p), kk = (double)k, j0 = mode < kk ? mode : kk;
    double logpeak = log_binomial_pmf(j0, n, p);
    double odds = p / (1 - p), sum = 1, t = 1;   /* terms relative to the peak's */
    for (double j = j0; j > 0; j--) {
        t *= j / ((n - j + 1) * odds);
        sum += t;
        if (t < 1e-20 * sum) break;
    }
    t = 1;
    for (double j = j0; j < kk; j++) {
        t *= (n - j) * odds / (j + 1);
        sum += t;
        if (t < 1e-20 * sum) break;
    }
    double cdf = exp(logpeak + log(sum));
    return cdf > 1 ? 1 : cdf;
}

/* The p at which f(p) = target, f decreasing in p, by bisection on log p (bounds as small as
 * 1e-13 keep their relative precision). */
static double solve_p(double (*f)(uint64_t, double, double), uint64_t k, double n, double target)
{
    double lo = log(1e-300), hi = 0;
    for (int i = 0; i < 80; i++) {
        double mid = 0.5 * (lo + hi);
        if (f(k, n, exp(mid)) > target) lo = mid; else hi = mid;
    }
    return exp(0.5 * (lo + hi));
}

/* P(X >= k) = 1 - P(X <= k - 1), increasing in p: its complement is decreasing. */
static double upper_tail_complement(uint64_t k, double n, double p) { return binomial_cdf_small(k - 1, n, p); }

#define PS_CP_EXACT_TAIL 20000   /* below this many successes (or failures), sum the tail exactly */

void ps_clopper_pearson(uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (n == 0) { *lo = 0; *hi = 1; return; }
    double nn = (double)n, kk = (double)k;
    if (n <= (uint64_t)PS_BETA_MAX) {   /* GSL's beta CDF is exact for these shapes */
        ps_value b;
        memset(&b, 0, sizeof b);
        b.kind = PS_VAL_BETA;
        if (k == 0) *lo = 0;
        else { b.a = kk; b.b = nn - kk + 1; *lo = ps_value_quantile(&b, 0.025); }
        if (k == n) *hi = 1;
        else { b.a = kk + 1; b.b = nn - kk; *hi = ps_value_quantile(&b, 0.975); }
        return;
    }
    uint64_t fails = n - k;
    if (k < PS_CP_EXACT_TAIL || fails < PS_CP_EXACT_TAIL) {
        /* the interval of the rarer outcome, m in n, by exact sums: its lower bound L solves
         * P(X >= m | L) = 0.025, i.e. P(X <= m - 1 | L) = 0.975; its upper bound U solves
         * P(X <= m | U) = 0.025 (both decreasing in p). Failures are mirrored to successes. */
        int mirror = k >= PS_CP_EXACT_TAIL;
        uint64_t m = mirror ? fails : k;
        double L = m == 0 ? 0 : solve_p(upper_tail_complement, m, nn, 0.975);
        double U = solve_p(binomial_cdf_small, m, nn, 0.025);
        *lo = mirror ? 1 - U : L;
        *hi = mirror ? 1 - L : U;
        return;
    }
    wilson_cc(k, n, PS_Z95, lo, hi);
}

void ps_interval95(ps_interval method, uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (method == PS_INTERVAL_CP) ps_clopper_pearson(k, n, lo, hi);
    else ps_wilson(k, n, PS_Z95, lo, hi);
}
