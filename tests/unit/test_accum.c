/* test_accum.c: Wilson intervals, streaming moments and histogram quantiles against hand values. */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include "ps_test.h"
#include <gsl/gsl_cdf.h>
#include "ps_accum.h"

/* Reference values from Wilson's formula worked by hand (z = 1.959963984540054):
 * 12 of 40: p = 0.3, centre 0.31752432, half-width 0.13677587. */
PS_TEST(wilson_interval)
{
    double lo, hi;
    ps_wilson(12, 40, PS_Z95, &lo, &hi);
    EXPECT_NEAR(lo, 0.18074845229746528, 1e-12);
    EXPECT_NEAR(hi, 0.45430018818144935, 1e-12);
    ps_wilson(3, 7, PS_Z95, &lo, &hi);
    EXPECT_NEAR(lo, 0.15821985525146975, 1e-12);
    EXPECT_NEAR(hi, 0.7495416354723428, 1e-12);
    ps_wilson(0, 25, PS_Z95, &lo, &hi);       /* none: the interval still has width */
    EXPECT_NEAR(lo, 0.0, 1e-15);
    EXPECT_NEAR(hi, 0.13319225093904846, 1e-12);
    ps_wilson(25, 25, PS_Z95, &lo, &hi);
    EXPECT_NEAR(lo, 0.8668077490609515, 1e-12);
    EXPECT_NEAR(hi, 1.0, 1e-15);
    ps_wilson(0, 0, PS_Z95, &lo, &hi);
    EXPECT_NEAR(lo, 0, 0);
    EXPECT_NEAR(hi, 1, 0);
}

PS_TEST(moments_mean_sd_interval)
{
    ps_moments m = {0};
    const double x[] = {0.2, 0.45, 0.61, 0.3, 0.9};
    for (int i = 0; i < 5; i++) ps_moments_add(&m, x[i]);
    /* mean 2.46 / 5 = 0.492; squared deviations 0.085264 + 0.001764 + 0.013924 + 0.036864 + 0.166464 = 0.30428 */
    EXPECT_NEAR(m.mean, 0.492, 1e-15);
    EXPECT_NEAR(ps_moments_sd(&m), sqrt(0.30428 / 4), 1e-14);
    /* t(0.975, 4) = 2.7764451051977987 */
    EXPECT_NEAR(ps_moments_halfwidth95(&m), 2.7764451051977987 * sqrt(0.30428 / 4) / sqrt(5), 1e-12);
    ps_moments one = {0};
    ps_moments_add(&one, 0.7);
    EXPECT_NEAR(ps_moments_sd(&one), 0, 0);
}

PS_TEST(histogram_quantiles)
{
    ps_hist01 *h = calloc(1, sizeof *h);
    /* point masses are exact: 30% at 0.25, 50% at 0.6, 20% at 1 */
    for (int i = 0; i < 3; i++) ps_hist01_add(h, 0.25);
    for (int i = 0; i < 5; i++) ps_hist01_add(h, 0.6);
    for (int i = 0; i < 2; i++) ps_hist01_add(h, 1.0);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.05), 0.25, 0);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.30), 0.25, 0);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.31), 0.6, 0);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.80), 0.6, 0);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.95), 1.0, 0);
    memset(h, 0, sizeof *h);
    EXPECT(isnan(ps_hist01_quantile(h, 0.5)));
    /* 1001 evenly spread values i/1000: the p-quantile is within one bin of p */
    for (int i = 0; i <= 1000; i++) ps_hist01_add(h, i / 1000.0);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.05), 0.05, 1.0 / PS_HIST_BINS);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.50), 0.50, 1.0 / PS_HIST_BINS);
    EXPECT_NEAR(ps_hist01_quantile(h, 0.95), 0.95, 1.0 / PS_HIST_BINS);
    free(h);
}

/* Clopper-Pearson against the values of the beta quantiles worked by hand and by the Poisson
 * limit: 5 of 10 gives [0.18709, 0.81291] (the textbook table); k = 0 and k = n have the closed
 * forms 1 - 0.025^(1/n) and 0.025^(1/n); for 3 in 1e12 the bounds are the exact Poisson limits
 * chi2(0.025; 6)/2 and chi2(0.975; 8)/2 over n (to 1e-6 relative). Nothing hangs. */
PS_TEST(clopper_pearson_interval)
{
    double lo, hi;
    ps_clopper_pearson(5, 10, &lo, &hi);
    EXPECT_NEAR(lo, 0.18708602, 1e-7);
    EXPECT_NEAR(hi, 0.81291398, 1e-7);
    ps_clopper_pearson(0, 10, &lo, &hi);
    EXPECT_NEAR(lo, 0, 0);
    EXPECT_NEAR(hi, 1 - pow(0.025, 0.1), 1e-12);
    ps_clopper_pearson(10, 10, &lo, &hi);
    EXPECT_NEAR(lo, pow(0.025, 0.1), 1e-12);
    EXPECT_NEAR(hi, 1, 0);
    ps_clopper_pearson(0, 1000000, &lo, &hi);
    EXPECT_NEAR(hi, 1 - pow(0.025, 1e-6), 1e-12);
    ps_clopper_pearson(3, 1000000000000ULL, &lo, &hi);
    EXPECT_NEAR(lo * 1e12, gsl_cdf_chisq_Pinv(0.025, 6) / 2, 1e-6 * 0.62);
    EXPECT_NEAR(hi * 1e12, gsl_cdf_chisq_Pinv(0.975, 8) / 2, 1e-6 * 8.8);
    /* the mirror: 3 failures in 1e12 */
    ps_clopper_pearson(1000000000000ULL - 3, 1000000000000ULL, &lo, &hi);
    EXPECT_NEAR((1 - hi) * 1e12, gsl_cdf_chisq_Pinv(0.025, 6) / 2, 1e-3);
    EXPECT_NEAR((1 - lo) * 1e12, gsl_cdf_chisq_Pinv(0.975, 8) / 2, 1e-3);
    /* large both ways: close to Wilson and wider than it (Clopper-Pearson is conservative) */
    double wl, wh;
    ps_clopper_pearson(400000, 1000000, &lo, &hi);
    ps_wilson(400000, 1000000, PS_Z95, &wl, &wh);
    EXPECT(lo <= wl && hi >= wh && wl - lo < 2e-6 && hi - wh < 2e-6);
    EXPECT(lo < 0.4 && hi > 0.4);
}

/* Clopper-Pearson beyond n = 1e5, from the binomial tails summed about their mode: against the
 * bounds worked to 20 digits with mpmath (tests/unit/clopper_pearson_reference.py: the tails
 * summed term by term at 35 digits), to 1e-13 of each bound. Summing every term in double from j = 0 gave
 * 1.4e-12 at 19,999 in 1e6 and 1e-12 at 19,999 in 1e15: rounding errors that add up over the terms. */
PS_TEST(clopper_pearson_large_n)
{
    static const struct { uint64_t k, n; double lo, hi; } ref[] = {
        {1000, 100001, 0.0093924621361408118743, 0.010636005203477894848},
        {1000, 1000000, 0.00093900120795007216712, 0.001063918107315227825},
        {1000, 1000000000, 9.3897304658956094192e-7, 1.0639521019952884303e-6},
        {19999, 100001, 0.19751261558907131736, 0.20248079719363714272},
        {19999, 1000000, 0.019725502626496823618, 0.020275282622285449013},
        {19999, 1000000000, 0.000019722777244361817954, 0.000020278123868366203052},
        {19999, 1000000000000000, 1.9722774530245738389e-11, 2.0278126698460503885e-11},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        double lo, hi;
        ps_clopper_pearson(ref[i].k, ref[i].n, &lo, &hi);
        EXPECT_NEAR(lo, ref[i].lo, 1e-13 * ref[i].lo);
        EXPECT_NEAR(hi, ref[i].hi, 1e-13 * ref[i].hi);
        /* the mirror: as many failures */
        ps_clopper_pearson(ref[i].n - ref[i].k, ref[i].n, &lo, &hi);
        EXPECT_NEAR(1 - hi, ref[i].lo, 1e-13 * ref[i].lo + 1e-16);
        EXPECT_NEAR(1 - lo, ref[i].hi, 1e-13 * ref[i].hi + 1e-16);
    }
}

PS_TEST_MAIN(PS_CASE(clopper_pearson_large_n), PS_CASE(clopper_pearson_interval), PS_CASE(wilson_interval), PS_CASE(moments_mean_sd_interval), PS_CASE(histogram_quantiles))
