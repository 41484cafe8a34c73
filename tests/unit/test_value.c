/* test_value.c: scenario numbers: checks, quantiles against closed forms, draws against means. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_cdf.h>
#include "ps_test.h"
#include "ps_value.h"
#include "ps_rng.h"
#include "ps_engine.h"
#include "ps_lua.h"

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
    /* a choice: weights that are all 0, negative or infinite are refused where they become
     * probabilities; a value whose probabilities are not cumulative is refused by the check */
    ps_value ch;
    char err[128];
    const double opt[2] = {1, 2}, zero[2] = {0, 0}, neg[2] = {1, -1}, inf[2] = {1, INFINITY};
    EXPECT(ps_value_set_choice(&ch, 2, opt, zero, err, sizeof err) == PS_EINVAL);
    EXPECT(ps_value_set_choice(&ch, 2, opt, neg, err, sizeof err) == PS_EINVAL);
    EXPECT(ps_value_set_choice(&ch, 2, opt, inf, err, sizeof err) == PS_EINVAL);
    ch = make(PS_VAL_CHOICE, 0, 0, 0, 0);
    ch.n = 2; ch.opt[0] = 1; ch.opt[1] = 2; ch.cum[0] = 1; ch.cum[1] = 2;   /* weights, not probabilities */
    EXPECT(!valid(ch));
    ch.cum[0] = 0.7; ch.cum[1] = 0.5;
    EXPECT(!valid(ch));
}

/* The weights of a choice become probabilities once: checking the value again (as every layer
 * it passes does) leaves it as it was. Weights 1, 2, 1 give 1/4, 1/2, 1/4. */
PS_TEST(choice_is_converted_once)
{
    ps_value ch;
    char err[64];
    const double opt[3] = {0.1, 0.5, 0.9}, w[3] = {1, 2, 1};
    EXPECT(ps_value_set_choice(&ch, 3, opt, w, err, sizeof err) == PS_OK);
    ps_value again = ch;
    for (int i = 0; i < 3; i++) EXPECT(ps_value_check(&again, err, sizeof err) == PS_OK);
    EXPECT(memcmp(&again, &ch, sizeof ch) == 0);
    EXPECT_NEAR(ch.cum[0], 0.25, 0);
    EXPECT_NEAR(ch.cum[1], 0.75, 0);
    EXPECT_NEAR(ch.cum[2], 1.0, 0);
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
    ps_value ch;
    char err[64];
    const double opt[3] = {0.1, 0.5, 0.9}, w[3] = {1, 2, 1};
    EXPECT(ps_value_set_choice(&ch, 3, opt, w, err, sizeof err) == PS_OK);
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

/* Every distribution from a script to the engine's draws: each party's `reservation` below is
 * read by the Lua layer, stored in the model and drawn by the replications as a run draws it.
 * The mean and variance of 200,000 draws lie within 4 standard errors of the formulas (the
 * standard error of the mean from the formula's sd, that of the variance from the sample's
 * fourth central moment, sqrt((m4 - s^4 (n - 3)/(n - 1)) / n), which stays above 0 for a
 * two-point choice, whose m4 is s^4): a false alarm about once in 16,000 seeds per
 * comparison; the seed is fixed. The choices check that weights are turned into probabilities
 * once: choice{0.3, {0.5, 2}} draws 0.3 with p 1/3, choice{0.2, 0.9} each with p 1/2. */
static const char dist_script[] =
    "issue \"x\" {}\n"
    "party \"N\" { salience = { x = 1 }, reservation = normal(0.3, 0.1) }\n"
    "party \"T\" { salience = { x = 1 }, reservation = truncnormal(0.5, 0.2, 0.4, 0.9) }\n"
    "party \"B\" { salience = { x = 1 }, reservation = beta(2, 5) }\n"
    "party \"U\" { salience = { x = 1 }, reservation = uniform(0.2, 0.7) }\n"
    "party \"R\" { salience = { x = 1 }, reservation = triangular(0, 0.25, 1) }\n"
    "party \"L\" { salience = { x = 1 }, reservation = lognormal(-1.2, 0.4) }\n"
    "party \"C\" { salience = { x = 1 }, reservation = choice{0.3, {0.5, 2}} }\n"
    "party \"E\" { salience = { x = 1 }, reservation = choice{0.2, 0.9} }\n"
    "party \"W\" { salience = { x = 1 }, reservation = choice{{-1, 0.5}, {2.385, 1.5}, {4, 0}, {7, 2}} }\n"
    "return scenario { name = \"distributions\" }\n";

static void moments_near(const char *what, const double *x, int n, double mean, double var)
{
    double m = 0, m2 = 0, m4 = 0;
    for (int i = 0; i < n; i++) m += x[i];
    m /= n;
    for (int i = 0; i < n; i++) {
        double d = (x[i] - m) * (x[i] - m);
        m2 += d;
        m4 += d * d;
    }
    m2 /= n - 1;
    m4 /= n;
    double se_mean = sqrt(var / n), se_var = sqrt((m4 - m2 * m2 * (n - 3.0) / (n - 1.0)) / n);
    if (!(fabs(m - mean) <= 4 * se_mean) || !(fabs(m2 - var) <= 4 * se_var)) {
        fprintf(stderr, "%s: mean %.6g (want %.6g, %.1f se), variance %.6g (want %.6g, %.1f se)\n", what, m, mean,
                (m - mean) / se_mean, m2, var, (m2 - var) / se_var);
        ps_test_failed = 1;
    }
}

PS_TEST(distributions_through_the_lua_layer)
{
    ps_script_options so = {.path = "distributions.lua", .source = dist_script, .source_len = sizeof dist_script - 1,
                            .limits = ps_sandbox_default_limits(), .version = "test"};
    ps_scenario *s = NULL;
    char err[512];
    EXPECT(ps_script_run(&so, &s, err, sizeof err) == PS_OK && s);
    if (!s) { fprintf(stderr, "%s\n", err); return; }
    const double pi = 3.14159265358979323846;
    /* truncnormal(0.5, 0.2, 0.4, 0.9): a = -0.5, b = 2 in sd units, Z = Phi(b) - Phi(a) */
    double a = -0.5, b = 2, pa = exp(-a * a / 2) / sqrt(2 * pi), pb = exp(-b * b / 2) / sqrt(2 * pi);
    double Z = gsl_cdf_ugaussian_P(b) - gsl_cdf_ugaussian_P(a), r = (pa - pb) / Z;
    double tn_mean = 0.5 + 0.2 * r, tn_var = 0.04 * (1 + (a * pa - b * pb) / Z - r * r);
    double ln_mean = exp(-1.2 + 0.08), ln_var = (exp(0.16) - 1) * exp(-2.4 + 0.16);
    /* choice{{-1, 0.5}, {2.385, 1.5}, {4, 0}, {7, 2}}: p = 1/8, 3/8, 0, 1/2 */
    double w_mean = -1 / 8.0 + 2.385 * 3 / 8 + 7 / 2.0, w_sq = 1 / 8.0 + 2.385 * 2.385 * 3 / 8 + 49 / 2.0;
    const struct { const char *party; double mean, var; } want[] = {
        {"N", 0.3, 0.01},
        {"T", tn_mean, tn_var},
        {"B", 2.0 / 7, 10.0 / (49 * 8)},
        {"U", 0.45, 0.25 / 12},
        {"R", 1.25 / 3, (1 + 0.0625 - 0.25) / 18},
        {"L", ln_mean, ln_var},
        {"C", 0.3 / 3 + 0.5 * 2 / 3, 0.09 / 3 + 0.25 * 2 / 3 - pow(0.3 / 3 + 0.5 * 2 / 3, 2)},
        {"E", 0.55, 0.35 * 0.35},
        {"W", w_mean, w_sq - w_mean * w_mean}};
    enum { N = 200000 };
    static double x[N];
    ps_workspace *ws = ps_workspace_alloc(s);
    EXPECT(ws != NULL);
    for (size_t j = 0; ws && j < sizeof want / sizeof want[0]; j++) {
        int i = ps_scenario_party(s, want[j].party);
        EXPECT(i >= 0 && s->parties[i].has_reservation);
        if (i < 0) continue;
        ps_vid id = s->parties[i].reservation;
        for (int rep = 0; rep < N; rep++) {
            ps_state_init(ws, 2385, (uint64_t)rep);
            x[rep] = ws->v[id];
        }
        moments_near(want[j].party, x, N, want[j].mean, want[j].var);
        EXPECT_NEAR(ps_value_mean(&s->values[id]), want[j].mean, 1e-12);
    }
    /* the choices' probabilities, exactly */
    const ps_value *c = &s->values[s->parties[ps_scenario_party(s, "C")].reservation];
    EXPECT_INT(c->n, 2);
    EXPECT_NEAR(c->cum[0], 1.0 / 3, 1e-16);
    EXPECT_NEAR(ps_value_cdf(c, 0.3), 1.0 / 3, 1e-16);
    const ps_value *e = &s->values[s->parties[ps_scenario_party(s, "E")].reservation];
    EXPECT_NEAR(ps_value_cdf(e, 0.2), 0.5, 0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(beta_quantile_over_allowed_shapes), PS_CASE(check_rejects_bad_parameters), PS_CASE(quantiles_match_closed_forms),
             PS_CASE(choice_is_converted_once), PS_CASE(draws_have_the_right_means), PS_CASE(distributions_through_the_lua_layer))
