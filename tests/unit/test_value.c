/* test_value.c: scenario numbers: checks, quantiles against closed forms, draws against means. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_cdf.h>
#include "ps_test.h"
#include "ps_value.h"
#include "ps_rng.h"

static ps_value make(ps_value_kind kind, double a, double b, double c, double d)
{
    ps_value v;
    memset(&v, 0, sizeof v);
    v.kind = kind; v.a = a; v.b = b; v.c = c; v.d = d;
    return v;
}

static int valid(ps_value v)
{
    char err[128];
    return ps_value_check(&v, err, sizeof err) == PS_OK;
}

/* The beta quantile is within 1e-12 of the true one (GSL's CDF brackets p there) over the
 * whole allowed range of shapes, and ends (gsl_cdf_beta_Pinv loops at a = b = 1e6). Positions
 * live on [0, 1], so absolute precision is what matters: for shapes near 0.001 the quantile
 * of p < 1/2 is below 1e-300, and 0 within 1e-12 is the right answer. */
PS_TEST(beta_quantile_over_allowed_shapes)
{
    const double shapes[] = {1e-3, 0.05, 0.5, 1, 2.385, 30, 1e3, 1e5};
    int bad = 0;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            for (int k = 1; k < 20; k++) {
                ps_value v = make(PS_VAL_BETA, shapes[i], shapes[j], 0, 0);
                double p = k / 20.0, x = ps_value_quantile(&v, p);
                double below = gsl_cdf_beta_P(fmax(x - 1e-12, 0), shapes[i], shapes[j]);
                double above = gsl_cdf_beta_P(fmin(x + 1e-12, 1), shapes[i], shapes[j]);
                if (!(x >= 0 && x <= 1 && below <= p + 1e-9 && above >= p - 1e-9)) {
                    if (bad++ < 3) fprintf(stderr, "beta(%g, %g) at %g: %.17g\n", shapes[i], shapes[j], p, x);
                }
            }
    EXPECT_INT(bad, 0);
    EXPECT(!valid(make(PS_VAL_BETA, 1e6, 1e6, 0, 0)));
    EXPECT(!valid(make(PS_VAL_BETA, 1e-4, 1, 0, 0)));
    ps_value big = make(PS_VAL_BETA, 1e5, 1e5, 0, 0);
    EXPECT_NEAR(ps_value_quantile(&big, 0.5), 0.5, 1e-9);
}

PS_TEST(check_rejects_bad_parameters)
{
    EXPECT(valid(make(PS_VAL_NORMAL, 0.3, 0.1, 0, 0)));
    EXPECT(!valid(make(PS_VAL_NORMAL, 0.3, 0.0, 0, 0)));
    EXPECT(!valid(make(PS_VAL_NORMAL, NAN, 0.1, 0, 0)));
    EXPECT(!valid(make(PS_VAL_NORMAL, 0.3, INFINITY, 0, 0)));
    EXPECT(!valid(make(PS_VAL_UNIFORM, 0.5, 0.5, 0, 0)));
    EXPECT(!valid(make(PS_VAL_BETA, 2, -1, 0, 0)));
    EXPECT(!valid(make(PS_VAL_TRIANGULAR, 0, 2, 1, 0)));
    EXPECT(!valid(make(PS_VAL_TRUNCNORMAL, 0, 1, 0.8, 0.2)));
    EXPECT(!valid(make(PS_VAL_TRUNCNORMAL, 0, 0.01, 0.5, 1.0)));   /* 50 sd out: no mass */
    EXPECT(valid(make(PS_VAL_TRUNCNORMAL, 0, 0.1, 0.5, 1.0)));     /* 5 sd out: fine */
    ps_value ch = make(PS_VAL_CHOICE, 0, 0, 0, 0);
    ch.n = 2; ch.opt[0] = 1; ch.opt[1] = 2; ch.cum[0] = 0; ch.cum[1] = 0;
    EXPECT(!valid(ch));
}

PS_TEST(quantiles_match_closed_forms)
{
    ps_value n = make(PS_VAL_NORMAL, 0.3, 0.1, 0, 0);
    EXPECT_NEAR(ps_value_quantile(&n, 0.975), 0.3 + 0.1 * 1.959963984540054, 1e-12);
    ps_value u = make(PS_VAL_UNIFORM, 0.2, 0.7, 0, 0);
    EXPECT_NEAR(ps_value_quantile(&u, 0.3), 0.35, 1e-15);
    /* triangular(0, 0.25, 1): F(0.25) = 0.25, below the mode x = sqrt(p * 1 * 0.25) */
    ps_value t = make(PS_VAL_TRIANGULAR, 0, 0.25, 1, 0);
    EXPECT_NEAR(ps_value_quantile(&t, 0.16), sqrt(0.16 * 0.25), 1e-15);
    EXPECT_NEAR(ps_value_quantile(&t, 0.64), 1 - sqrt(0.36 * 0.75), 1e-15);
    ps_value ln = make(PS_VAL_LOGNORMAL, -1.2, 0.4, 0, 0);
    EXPECT_NEAR(ps_value_quantile(&ln, 0.5), exp(-1.2), 1e-14);
    /* truncnormal(0.5, 0.2, 0.4, 0.9): the median solves Phi(z) = (Phi(a) + Phi(b)) / 2 */
    ps_value tn = make(PS_VAL_TRUNCNORMAL, 0.5, 0.2, 0.4, 0.9);
    double pa = gsl_cdf_ugaussian_P(-0.5), pb = gsl_cdf_ugaussian_P(2.0);
    EXPECT_NEAR(ps_value_quantile(&tn, 0.5), 0.5 + 0.2 * gsl_cdf_ugaussian_Pinv(0.5 * (pa + pb)), 1e-12);
    EXPECT_NEAR(ps_value_quantile(&tn, 0.0), 0.4, 1e-12);
    EXPECT_NEAR(ps_value_quantile(&tn, 1.0), 0.9, 1e-12);
    /* far upper tail: bounds 6 to 7 sd above the mean must still give numbers inside them */
    ps_value tail = make(PS_VAL_TRUNCNORMAL, 0, 0.1, 0.6, 0.7);
    double q = ps_value_quantile(&tail, 0.5);
    EXPECT(q > 0.6 && q < 0.7);
    ps_value ch = make(PS_VAL_CHOICE, 0, 0, 0, 0);
    char err[64];
    ch.n = 3; ch.opt[0] = 0.1; ch.opt[1] = 0.5; ch.opt[2] = 0.9; ch.cum[0] = 1; ch.cum[1] = 2; ch.cum[2] = 1;
    EXPECT(ps_value_check(&ch, err, sizeof err) == PS_OK);
    EXPECT_NEAR(ch.cum[0], 0.25, 1e-15);
    EXPECT_NEAR(ps_value_quantile(&ch, 0.2499), 0.1, 0);
    EXPECT_NEAR(ps_value_quantile(&ch, 0.25), 0.5, 0);
    EXPECT_NEAR(ps_value_quantile(&ch, 0.80), 0.9, 0);
    EXPECT_NEAR(ps_value_mean(&ch), 0.25 * 0.1 + 0.5 * 0.5 + 0.25 * 0.9, 1e-15);
}

/* Draws as the engine makes them (the quantile at a keyed uniform, one per replication): the
 * mean of 200,000 lies within 4 standard errors of the distribution's mean (a false alarm about
 * once in 16,000 seeds; the seed here is fixed). */
static void check_mean(ps_value v, double mean, double sd)
{
    char err[64];
    EXPECT(ps_value_check(&v, err, sizeof err) == PS_OK);
    const int n = 200000;
    double sum = 0;
    for (int i = 0; i < n; i++) sum += ps_value_quantile(&v, ps_rng_u01(ps_rng_key(2385, (uint64_t)i), 1, 0, 7));
    EXPECT_NEAR(sum / n, mean, 4 * sd / sqrt(n));
    EXPECT_NEAR(ps_value_mean(&v), mean, 1e-12);
}

PS_TEST(draws_have_the_right_means)
{
    check_mean(make(PS_VAL_NORMAL, 0.3, 0.1, 0, 0), 0.3, 0.1);
    check_mean(make(PS_VAL_UNIFORM, 0.2, 0.7, 0, 0), 0.45, 0.5 / sqrt(12));
    check_mean(make(PS_VAL_BETA, 2, 5, 0, 0), 2.0 / 7, sqrt(10.0 / (49 * 8)));
    check_mean(make(PS_VAL_TRIANGULAR, 0, 0.25, 1, 0), 1.25 / 3, sqrt((1 + 0.0625 - 0.25) / 18));
    double m = exp(-1.2 + 0.08), s = m * sqrt(exp(0.16) - 1);
    check_mean(make(PS_VAL_LOGNORMAL, -1.2, 0.4, 0, 0), m, s);
    /* truncated standard normal on [0, inf) scaled: mean sqrt(2/pi) */
    check_mean(make(PS_VAL_TRUNCNORMAL, 0, 1, 0, 40), sqrt(2 / 3.14159265358979323846), sqrt(1 - 2 / 3.14159265358979323846));
}

PS_TEST_MAIN(PS_CASE(beta_quantile_over_allowed_shapes), PS_CASE(check_rejects_bad_parameters), PS_CASE(quantiles_match_closed_forms), PS_CASE(draws_have_the_right_means))
