/* test_sensitivity.c: the sensitivity study (engine/study/ps_sensitivity_study.c) on a scenario
 * whose P(deal) is a closed-form function of its assumptions: Fearon's ultimatum under private
 * information (tests/scenarios/fearon_assumed.lua), P(deal) = 1/2 + cA / (2 cbar) with
 * cA ~ U[0.01, 0.19] and cbar ~ U[0.2, 0.6] independent (cbar > cA throughout).
 *
 * Tolerances. Each estimate differs from the closed form by (a) the estimator's own error on
 * these design points, computed here exactly by applying the same estimator to the formula at
 * the same points, and (b) the Monte Carlo error of each point's P, with standard deviation at
 * most sigma = sqrt(f (1 - f) / R) for R runs a point. (b) is bounded by 4 standard errors of
 * the estimator's first-order response to independent errors of that size at every point (the
 * delta method, its coefficients computed from the formula at the design points), plus, for a
 * total index, the bias sigma^2 / V that squared differences add. Common random numbers make
 * the points' errors correlated, not independent: the error of a difference between two points
 * is then the share of the R draws of B's cost falling between the two thresholds, smaller
 * than that of two independent runs, and the common part is multiplied by centred terms of
 * mean zero; the independent bound is the larger. A one-at-a-time swing is such a difference:
 * its error has standard deviation sqrt(d (1 - d) / R) exactly, d the swing (4 of them allowed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_lua.h"
#include "ps_run.h"
#include "ps_sensitivity_study.h"

#define A1 0.01
#define B1 0.19
#define A2 0.2
#define B2 0.6

static ps_script_options so;

static ps_scenario *load(void)
{
    char err[1024];
    so = (ps_script_options){.path = PEACESIM_SOURCE_DIR "/tests/scenarios/fearon_assumed.lua"};
    so.limits = ps_sandbox_default_limits();
    ps_scenario *s = NULL;
    if (ps_script_run(&so, &s, err, sizeof err) != PS_OK || !s) { fprintf(stderr, "%s\n", err); return NULL; }
    s->remake = ps_script_remake;   /* it computes with its assumptions: a world is the script run again */
    s->remake_ctx = &so;
    return s;
}

static double f_of(double ca, double cbar) { return 0.5 + ca / (2 * cbar); }

static ps_sensitivity_study *study(const ps_scenario *s, ps_sens_settings set, uint64_t runs, uint64_t seed, int threads)
{
    char err[1024] = "";
    ps_run_options ro = {.runs = runs, .seed = seed, .threads = threads, .err = err, .errlen = sizeof err};
    ps_sensitivity_study *st = NULL;
    ps_status rc = ps_sensitivity_study_run(s, NULL, set, &ro, &st);
    if (rc != PS_OK) fprintf(stderr, "study: %s %s\n", ps_strerror(rc), err);
    EXPECT(rc == PS_OK && st);
    return st;
}

/* The closed form: V_1 = Var(cA) E[g]^2, V_2 = E[cA]^2 Var(g), V_12 = Var(cA) Var(g) for
 * f = 1/2 + cA g(cbar), g = 1 / (2 cbar); E[g] = ln(b/a) / (2 (b - a)), E[g^2] = (1/a - 1/b) / (4 (b - a)). */
static void exact_sobol(double S[2], double T[2], double *V)
{
    double va = (B1 - A1) * (B1 - A1) / 12, ea = (A1 + B1) / 2;
    double eg = log(B2 / A2) / (2 * (B2 - A2)), eg2 = (1 / A2 - 1 / B2) / (4 * (B2 - A2)), vg = eg2 - eg * eg;
    double v1 = va * eg * eg, v2 = ea * ea * vg, v12 = va * vg;
    *V = v1 + v2 + v12;
    S[0] = v1 / *V;
    S[1] = v2 / *V;
    T[0] = (v1 + v12) / *V;
    T[1] = (v2 + v12) / *V;
}

/* The two factors are the assumptions cA and cbar, in that order, over their ranges. */
static void check_factors(const ps_sensitivity_study *st)
{
    EXPECT_INT(st->nf, 2);
    EXPECT(strcmp(st->f[0].name, "cA") == 0 && strcmp(st->f[1].name, "cbar") == 0);
    EXPECT_NEAR(st->at_low[0], A1, 1e-15);
    EXPECT_NEAR(st->at_high[1], B2, 1e-15);
}

PS_TEST(sobol_fearon_closed_form)
{
    ps_scenario *s = load();
    EXPECT(s);
    if (!s) return;
    const size_t N = 256;
    const uint64_t R = 1000, seed = 11;
    ps_sens_settings set = {.method = PS_SENS_SOBOL, .factors = PS_SENS_ASSUMPTIONS, .samples = N, .bootstrap = 200};
    ps_sensitivity_study *st = study(s, set, R, seed, 2);
    if (!st) { ps_scenario_free(s); return; }
    check_factors(st);
    EXPECT_INT(st->npoints, N * 4);
    /* the formula at the same design points, through the same estimator */
    ps_saltelli_design *d = NULL;
    EXPECT(ps_saltelli_alloc(N, 2, PS_DESIGN_AUTO, seed, &d) == PS_OK);
    size_t np = d->n * 4;
    double *y = malloc(sizeof *y * np);
    for (size_t i = 0; i < np; i++)
        y[i] = f_of(ps_factor_value(s, &st->f[0], d->x[2 * i]), ps_factor_value(s, &st->f[1], d->x[2 * i + 1]));
    ps_sobol_index ex[2];
    ps_sobol_summary sum;
    EXPECT(ps_gsa_sobol(d, y, 0, seed, ex, &sum) == PS_OK);
    double S[2], T[2], V;
    exact_sobol(S, T, &V);
    /* the Monte Carlo part (the delta method over independent errors of sd sigma_i at each point) */
    double f0 = sum.mean, Vd = sum.variance, sv = 0;
    for (size_t j = 0; j < N; j++)
        for (size_t m = 0; m < 2; m++) {
            double fy = y[ps_saltelli_point(2, j, m)], sg2 = fy * (1 - fy) / (double)R;
            sv += 4 * (fy - f0) * (fy - f0) * sg2;   /* dV/dy = 2 (y - f0) / (2N) */
        }
    double sd_v = sqrt(sv) / (double)(2 * N);
    const ps_sens_effect *e = &st->eff[0];   /* output 0: P(comprehensive agreement) */
    for (int i = 0; i < 2; i++) {
        double s_first = 0, s_total = 0, smax2 = 0;
        for (size_t j = 0; j < N; j++) {
            double fa = y[ps_saltelli_point(2, j, 0)], fb = y[ps_saltelli_point(2, j, 1)], fab = y[ps_saltelli_point(2, j, 2 + (size_t)i)];
            double sa = fa * (1 - fa) / (double)R, sb = fb * (1 - fb) / (double)R, sab = fab * (1 - fab) / (double)R;
            /* V_i = mean((f_B - f0)(f_AB - f_A)); T_i = mean((f_A - f_AB)^2) / 2 */
            s_first += (fab - fa) * (fab - fa) * sb + (fb - f0) * (fb - f0) * (sa + sab);
            s_total += (fa - fab) * (fa - fab) * (sa + sab);
            smax2 = fmax(smax2, fmax(sa, sab));
        }
        double tol_first = fabs(ex[i].first - S[i]) + 4 * (sqrt(s_first) / (double)N + S[i] * sd_v) / Vd;
        double tol_total = fabs(ex[i].total - T[i]) + 4 * (sqrt(s_total) / (double)N + T[i] * sd_v) / Vd + smax2 / Vd;
        if (getenv("PS_TEST_VERBOSE"))
            printf("factor %d: S1 %.4f (exact %.4f, formula on the points %.4f, tolerance %.4f) [%.3f, %.3f]; "
                   "ST %.4f (exact %.4f, on the points %.4f, tolerance %.4f) [%.3f, %.3f]\n", i, e[i].sobol.first, S[i],
                   ex[i].first, tol_first, e[i].sobol.first_lo, e[i].sobol.first_hi, e[i].sobol.total, T[i], ex[i].total,
                   tol_total, e[i].sobol.total_lo, e[i].sobol.total_hi);
        EXPECT_NEAR(e[i].sobol.first, S[i], tol_first);
        EXPECT_NEAR(e[i].sobol.total, T[i], tol_total);
        /* the intervals are there, and hold the estimate */
        EXPECT(e[i].sobol.first_lo <= e[i].sobol.first && e[i].sobol.first <= e[i].sobol.first_hi);
        EXPECT(e[i].sobol.total_lo <= e[i].sobol.total && e[i].sobol.total <= e[i].sobol.total_hi);
    }
    /* the variance over the points is the formula's plus the Monte Carlo noise's */
    EXPECT_NEAR(st->out[0].variance, V, fabs(Vd - V) + 0.25 / (double)R + 4 * sd_v);
    /* cA ranks first by ST; the P is the agreement's (one issue) */
    EXPECT_INT(st->rank[0], 0);
    EXPECT(st->eff[st->nf].sobol.total == e[0].sobol.total);
    /* the mean terms of the deal and the rounds fought: an ultimatum has no rounds of war, so
     * war_rounds is constant: no indices, said so */
    int wr = ps_sens_output_find(st, "war_rounds");
    EXPECT(wr >= 0 && st->out[wr].constant && isnan(st->eff[(size_t)wr * 2].sobol.total));
    int tm = ps_sens_output_find(st, "terms:share");
    EXPECT(tm >= 0 && st->out[tm].undefined_points == 0 && isfinite(st->eff[(size_t)tm * 2].sobol.total));
    free(y);
    ps_saltelli_free(d);
    ps_sensitivity_study_free(st);
    ps_scenario_free(s);
}

PS_TEST(morris_fearon_ranking)
{
    ps_scenario *s = load();
    EXPECT(s);
    if (!s) return;
    const uint64_t R = 20000, seed = 5;
    ps_sens_settings set = {.method = PS_SENS_MORRIS, .factors = PS_SENS_ASSUMPTIONS, .trajectories = 10, .levels = 4};
    ps_sensitivity_study *st = study(s, set, R, seed, 2);
    if (!st) { ps_scenario_free(s); return; }
    check_factors(st);
    ps_morris_design *d = NULL;
    EXPECT(ps_morris_alloc(10, 2, 4, seed, &d) == PS_OK);
    size_t np = d->r * 3;
    double *y = malloc(sizeof *y * np);
    for (size_t i = 0; i < np; i++)
        y[i] = f_of(A1 + d->x[2 * i] * (B1 - A1), A2 + d->x[2 * i + 1] * (B2 - A2));
    ps_morris_index ex[2];
    EXPECT(ps_gsa_morris(d, y, ex) == PS_OK);
    /* an effect's error: two points' errors (sd at most 0.5 / sqrt(R) each) over delta; mu*'s at
     * most the mean of their sizes, whose expectation is sqrt(2/pi) sd, plus 4 of its standard errors */
    double sd_ee = sqrt(2 * 0.25 / (double)R) / d->delta, tol = sd_ee * (sqrt(2 / 3.14159265358979323846) + 4 / sqrt((double)d->r));
    for (int i = 0; i < 2; i++) {
        if (getenv("PS_TEST_VERBOSE"))
            printf("factor %d: mu* %.4f (formula on the design %.4f), mu %.4f (%.4f), sigma %.4f (%.4f), tolerance %.4f\n", i,
                   st->eff[i].morris.mu_star, ex[i].mu_star, st->eff[i].morris.mu, ex[i].mu, st->eff[i].morris.sigma,
                   ex[i].sigma, tol);
        EXPECT_NEAR(st->eff[i].morris.mu_star, ex[i].mu_star, tol);
        EXPECT_NEAR(st->eff[i].morris.mu, ex[i].mu, tol);
    }
    /* dP/dcA > 0, dP/dcbar < 0; cA ranks first (mu* 0.18 E[1/(2 cbar)] against cA's |dg|) */
    EXPECT(ex[0].mu > 0 && ex[1].mu < 0 && ex[0].mu_star > ex[1].mu_star + 2 * tol);
    EXPECT_INT(st->rank[0], 0);
    EXPECT_INT(st->rank[1], 1);
    free(y);
    ps_morris_free(d);
    ps_sensitivity_study_free(st);
    ps_scenario_free(s);
}

PS_TEST(oat_fearon_swings)
{
    ps_scenario *s = load();
    EXPECT(s);
    if (!s) return;
    const uint64_t R = 20000;
    ps_sens_settings set = {.method = PS_SENS_OAT, .factors = PS_SENS_ASSUMPTIONS};
    ps_sensitivity_study *st = study(s, set, R, 3, 2);
    if (!st) { ps_scenario_free(s); return; }
    check_factors(st);
    /* each assumption at its low and high end, the other at its central value (0.1, 0.4) */
    double want[2] = {f_of(B1, 0.4) - f_of(A1, 0.4), f_of(0.1, B2) - f_of(0.1, A2)};
    double lows[2] = {f_of(A1, 0.4), f_of(0.1, A2)};
    for (int i = 0; i < 2; i++) {
        double d = fabs(want[i]), tol = 4 * sqrt(d * (1 - d) / (double)R);
        double tl = 4 * sqrt(0.25 / (double)R);
        if (getenv("PS_TEST_VERBOSE"))
            printf("factor %d: swing %.4f (formula %.4f, tolerance %.4f), low %.4f (%.4f)\n", i, st->eff[i].swing, want[i], tol,
                   st->eff[i].low, lows[i]);
        EXPECT_NEAR(st->eff[i].swing, want[i], tol);
        EXPECT_NEAR(st->eff[i].low, lows[i], tl);
    }
    EXPECT_NEAR(ps_sens_output_value(&st->out[0], st->base), f_of(0.1, 0.4), 4 * sqrt(0.25 / (double)R));
    EXPECT_INT(st->rank[0], 0);
    ps_sensitivity_study_free(st);
    ps_scenario_free(s);
}

/* The same numbers on 1 and 2 threads; and with every factor (B's cost distribution too), the
 * distribution's one-at-a-time ends are today's 5% and 95% quantiles. */
PS_TEST(threads_same_bits)
{
    ps_scenario *s = load();
    EXPECT(s);
    if (!s) return;
    ps_sens_settings set = {.method = PS_SENS_MORRIS, .trajectories = 4};
    ps_sensitivity_study *a = study(s, set, 500, 9, 1), *b = study(s, set, 500, 9, 2);
    if (a && b) {
        EXPECT_INT(a->nf, 3);
        EXPECT(a->f[2].kind == PS_FACTOR_DISTRIBUTION);
        EXPECT_NEAR(a->u_low[2], 0.05, 0);
        EXPECT_NEAR(a->u_high[2], 0.95, 0);
        EXPECT(memcmp(a->eff, b->eff, sizeof *a->eff * (size_t)(a->nout * a->nf)) == 0);
        EXPECT(memcmp(a->rank, b->rank, sizeof *a->rank * (size_t)(a->nout * a->nf)) == 0);
    }
    ps_sensitivity_study_free(a);
    ps_sensitivity_study_free(b);
    ps_scenario_free(s);
}

/* No factor to vary, bad settings and designs too large are refused with a message. */
PS_TEST(refusals)
{
    ps_scenario *s = load();
    EXPECT(s);
    if (!s) return;
    char err[512] = "";
    ps_run_options ro = {.runs = 10, .seed = 1, .threads = 1, .err = err, .errlen = sizeof err};
    ps_sensitivity_study *st = (ps_sensitivity_study *)1;
    ps_sens_settings set = {.method = PS_SENS_MORRIS, .levels = 3};
    EXPECT(ps_sensitivity_study_run(s, NULL, set, &ro, &st) == PS_EINVAL && st == NULL);
    EXPECT(strstr(err, "even number of levels") != NULL);
    set = (ps_sens_settings){.method = PS_SENS_SOBOL, .samples = (size_t)1 << 30};
    EXPECT(ps_sensitivity_study_run(s, NULL, set, &ro, &st) == PS_ERANGE && st == NULL);
    EXPECT(strstr(err, "points: at most") != NULL);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(sobol_fearon_closed_form), PS_CASE(morris_fearon_ranking), PS_CASE(oat_fearon_swings),
             PS_CASE(threads_same_bits), PS_CASE(refusals))
