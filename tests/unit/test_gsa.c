/* test_gsa.c: the global-sensitivity estimators against closed forms: Sobol' indices of the
 * Ishigami function and of Sobol's g-function, Morris measures of a linear function and of one
 * with an interaction; and how the estimators fail. */
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_gsa.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x uniform on [-pi, pi]^3. */
#define ISH_A 7.0
#define ISH_B 0.1

static double ishigami(const double *u)
{
    double x1 = -M_PI + 2 * M_PI * u[0], x2 = -M_PI + 2 * M_PI * u[1], x3 = -M_PI + 2 * M_PI * u[2];
    double s2 = sin(x2);
    return sin(x1) + ISH_A * s2 * s2 + ISH_B * pow(x3, 4) * sin(x1);
}

/* Its exact partial variances (Sobol' and Levitan 1999; Saltelli et al. 2008, 4.9):
 * V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225,
 * and V = V1 + V2 + V13 = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2. */
static void ishigami_exact(double S[3], double ST[3])
{
    double a = ISH_A, b = ISH_B, pi4 = pow(M_PI, 4), pi8 = pow(M_PI, 8);
    double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8, v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
    S[0] = v1 / v; S[1] = v2 / v; S[2] = 0;
    ST[0] = (v1 + v13) / v; ST[1] = v2 / v; ST[2] = v13 / v;
}

/* Sobol's g-function, g = prod (|4 u_i - 2| + a_i) / (1 + a_i), u uniform on (0, 1)^k:
 * V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V,
 * ST_i = V_i prod_{j != i} (1 + V_j) / V (Saltelli and Sobol' 1995). */
#define GK 8
static const double g_a[GK] = {0, 1, 4.5, 9, 99, 99, 99, 99};

static double gfun(const double *u)
{
    double g = 1;
    for (int i = 0; i < GK; i++) g *= (fabs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
    return g;
}

static void gfun_exact(double S[GK], double ST[GK])
{
    double vi[GK], prod = 1;
    for (int i = 0; i < GK; i++) { vi[i] = 1 / (3 * (1 + g_a[i]) * (1 + g_a[i])); prod *= 1 + vi[i]; }
    double v = prod - 1;
    for (int i = 0; i < GK; i++) { S[i] = vi[i] / v; ST[i] = vi[i] * (prod / (1 + vi[i])) / v; }
}

/* Runs f over a Saltelli design of n rows and k factors; the caller frees the outputs. */
static double *evaluate(const ps_saltelli_design *d, double (*f)(const double *))
{
    size_t m = d->n * (d->k + 2);
    double *y = malloc(m * sizeof *y);
    for (size_t i = 0; i < m; i++) y[i] = f(d->x + i * d->k);
    return y;
}

static int verbose(void) { return getenv("PS_TEST_VERBOSE") != NULL; }

static void print_indices(const char *what, const ps_sobol_index *idx, const double *S, const double *ST, size_t k)
{
    if (!verbose()) return;
    for (size_t i = 0; i < k; i++)
        fprintf(stderr, "%s x%zu: S %.5f [%.5f, %.5f] (1993 %.5f) exact %.5f | ST %.5f [%.5f, %.5f] exact %.5f\n",
                what, i + 1, idx[i].first, idx[i].first_lo, idx[i].first_hi, idx[i].first_sobol1993, S[i],
                idx[i].total, idx[i].total_lo, idx[i].total_hi, ST[i]);
}

/* Checks every index against the exact value within tol, the bootstrap interval covers the
 * exact value and is narrower than width; returns how many checks failed (0 expected). */
static void expect_indices(const ps_sobol_index *idx, const double *S, const double *ST, size_t k,
                           double tol, double width)
{
    for (size_t i = 0; i < k; i++) {
        EXPECT_NEAR(idx[i].first, S[i], tol);
        EXPECT_NEAR(idx[i].total, ST[i], tol);
        EXPECT(idx[i].first_lo <= S[i] && S[i] <= idx[i].first_hi);
        EXPECT(idx[i].total_lo <= ST[i] && ST[i] <= idx[i].total_hi);
        EXPECT(idx[i].first_hi - idx[i].first_lo < width);
        EXPECT(idx[i].total_hi - idx[i].total_lo < width);
        EXPECT(idx[i].first_lo <= idx[i].first && idx[i].first <= idx[i].first_hi);
        EXPECT(idx[i].total_lo <= idx[i].total && idx[i].total <= idx[i].total_hi);
    }
}

/* N = 2^14 rows of a shifted Sobol' design (5 N = 81920 runs of f). Tolerance 0.005: at this N
 * the errors measured were below 0.0005 (PS_TEST_VERBOSE=1 prints them) and the estimators' bias
 * is O(1/N); the bootstrap's 95% half-widths are about 0.015 (resampling rows treats the
 * quasi-random points as independent, so it overstates their error); a wrong formula (Jansen
 * without its 1/2, or f(A) in place of f(B) in Saltelli's) fails it (tried). */
PS_TEST(sobol_ishigami)
{
    ps_saltelli_design *d = NULL;
    EXPECT_INT(ps_saltelli_alloc(16384, 3, PS_DESIGN_SOBOL, 11, &d), PS_OK);
    if (!d) return;
    double *y = evaluate(d, ishigami);
    ps_sobol_index idx[3];
    ps_sobol_summary sum;
    EXPECT_INT(ps_gsa_sobol(d, y, 1000, 12, idx, &sum), PS_OK);
    double S[3], ST[3];
    ishigami_exact(S, ST);
    print_indices("ishigami", idx, S, ST, 3);
    EXPECT_INT(sum.n, 16384);
    EXPECT_INT(sum.resamples, 1000);
    EXPECT_INT(sum.resamples_used, 1000);
    /* E f = a / 2, V as above */
    EXPECT_NEAR(sum.mean, ISH_A / 2, 0.01);
    EXPECT_NEAR(sum.variance, ISH_A * ISH_A / 8 + ISH_B * pow(M_PI, 4) / 5 + ISH_B * ISH_B * pow(M_PI, 8) / 18 + 0.5, 0.05);
    expect_indices(idx, S, ST, 3, 0.005, 0.08);
    /* Sobol' 1993's form: noisier (uncentred, f0 = 3.5 against V = 13.8), within 0.01 here */
    for (int i = 0; i < 3; i++) EXPECT_NEAR(idx[i].first_sobol1993, S[i], 0.01);
    free(y);
    ps_saltelli_free(d);
}

/* The g-function over 8 factors, N = 2^14 rows of a Latin hypercube base design (so the
 * bootstrap's independence holds) and of a Sobol' one. The LHS tolerance 0.03 is about 4
 * bootstrap standard errors of the noisiest index (half-widths up to 0.016 measured, SE = 0.008);
 * Sobol' points are held to 0.005 (errors measured below 0.002). Factors 5 to 8 (a = 99) have
 * S = 7.4e-5 and ST = 1.05e-4: their totals must be that to 1e-5, not merely inside a wide
 * interval. */
PS_TEST(sobol_g_function)
{
    double S[GK], ST[GK];
    gfun_exact(S, ST);
    ps_design_kind kinds[2] = {PS_DESIGN_LHS, PS_DESIGN_SOBOL};
    double tol[2] = {0.03, 0.005};
    for (int z = 0; z < 2; z++) {
        ps_saltelli_design *d = NULL;
        EXPECT_INT(ps_saltelli_alloc(16384, GK, kinds[z], 21, &d), PS_OK);
        if (!d) return;
        double *y = evaluate(d, gfun);
        ps_sobol_index idx[GK];
        ps_sobol_summary sum;
        EXPECT_INT(ps_gsa_sobol(d, y, 500, 22, idx, &sum), PS_OK);
        print_indices(z ? "g sobol" : "g lhs", idx, S, ST, GK);
        EXPECT_NEAR(sum.mean, 1.0, tol[z]);
        expect_indices(idx, S, ST, GK, tol[z], 0.07);
        for (int i = 4; i < GK; i++) { EXPECT_NEAR(idx[i].total, ST[i], 1e-5); }
        free(y);
        ps_saltelli_free(d);
    }
}

/* The bootstrap is a function of its seed: the same seed gives the same bits, another seed other
 * bounds (and the same point estimates). */
PS_TEST(sobol_bootstrap_deterministic)
{
    ps_saltelli_design *d = NULL;
    EXPECT_INT(ps_saltelli_alloc(512, 3, PS_DESIGN_AUTO, 3, &d), PS_OK);
    if (!d) return;
    double *y = evaluate(d, ishigami);
    ps_sobol_index a[3], b[3], c[3];
    EXPECT_INT(ps_gsa_sobol(d, y, 200, 5, a, NULL), PS_OK);
    EXPECT_INT(ps_gsa_sobol(d, y, 200, 5, b, NULL), PS_OK);
    EXPECT_INT(ps_gsa_sobol(d, y, 200, 6, c, NULL), PS_OK);
    EXPECT(memcmp(a, b, sizeof a) == 0);
    for (int i = 0; i < 3; i++) {
        EXPECT(a[i].first == c[i].first && a[i].total == c[i].total);
        EXPECT(a[i].first_lo != c[i].first_lo && a[i].total_hi != c[i].total_hi);
    }
    /* no resamples: point estimates only, the bounds NAN */
    EXPECT_INT(ps_gsa_sobol(d, y, 0, 5, c, NULL), PS_OK);
    for (int i = 0; i < 3; i++) {
        EXPECT(c[i].first == a[i].first && c[i].total == a[i].total);
        EXPECT(isnan(c[i].first_lo) && isnan(c[i].total_hi));
    }
    free(y);
    ps_saltelli_free(d);
}

static double constant(const double *u) { (void)u; return 2.385; }
/* Zero over A and B except at the point with the largest u1: an output that barely moves. */
static double top_u1;
static double only_top_x1(const double *u) { return u[0] >= top_u1 ? 1 : 0; }

/* A constant output has no variance: PS_ERANGE, the variance reported as 0, every index NAN (not
 * a division by 0, not a 0 that would read as "no effect"). Bad arguments and non-finite outputs
 * are refused. A bootstrap whose resamples can lose the one nonzero output counts those left out. */
PS_TEST(sobol_refuses_what_it_cannot_estimate)
{
    ps_saltelli_design *d = NULL;
    EXPECT_INT(ps_saltelli_alloc(64, 2, PS_DESIGN_SOBOL, 1, &d), PS_OK);
    if (!d) return;
    double *y = evaluate(d, constant);
    ps_sobol_index idx[2];
    ps_sobol_summary sum = {0};
    sum.variance = 1;
    EXPECT_INT(ps_gsa_sobol(d, y, 100, 1, idx, &sum), PS_ERANGE);
    EXPECT(sum.variance == 0);
    EXPECT_NEAR(sum.mean, 2.385, 1e-12);
    for (int i = 0; i < 2; i++) EXPECT(isnan(idx[i].first) && isnan(idx[i].total) && isnan(idx[i].first_lo));
    y[5] = NAN;
    EXPECT_INT(ps_gsa_sobol(d, y, 100, 1, idx, &sum), PS_ERANGE);
    y[5] = INFINITY;
    EXPECT_INT(ps_gsa_sobol(d, y, 100, 1, idx, &sum), PS_ERANGE);
    EXPECT_INT(ps_gsa_sobol(NULL, y, 100, 1, idx, &sum), PS_EINVAL);
    EXPECT_INT(ps_gsa_sobol(d, NULL, 100, 1, idx, &sum), PS_EINVAL);
    EXPECT_INT(ps_gsa_sobol(d, y, 100, 1, NULL, &sum), PS_EINVAL);
    EXPECT_INT(ps_gsa_sobol(d, y, SIZE_MAX / 2, 1, idx, &sum), PS_ERANGE);
    free(y);
    /* n = 64: one A or B point has the largest u1 (checked below), so about e^-1 of the
     * resamples miss it and have variance 0 */
    top_u1 = 0;
    for (size_t j = 0; j < 64; j++)
        for (size_t m = 0; m < 2; m++) top_u1 = fmax(top_u1, d->x[ps_saltelli_point(2, j, m) * 2]);
    y = evaluate(d, only_top_x1);
    size_t ones = 0;
    for (size_t j = 0; j < 64; j++) ones += y[ps_saltelli_point(2, j, 0)] + y[ps_saltelli_point(2, j, 1)];
    EXPECT_INT(ones, 1);
    /* P(a resample keeps the row) = 1 - (63/64)^64 = 0.634; 1000 resamples: 634 +- 15 (1 SE) */
    EXPECT_INT(ps_gsa_sobol(d, y, 1000, 1, idx, &sum), PS_OK);
    if (verbose()) fprintf(stderr, "resamples used: %zu of 1000\n", sum.resamples_used);
    EXPECT(sum.resamples_used > 570 && sum.resamples_used < 700);
    EXPECT(idx[0].first_lo <= idx[0].first_hi);
    free(y);
    ps_saltelli_free(d);
}

/* Morris on y = sum c_i x_i with x_i = lo_i + u_i (hi_i - lo_i): every elementary effect of
 * factor i is c_i (hi_i - lo_i), so mu = mu* (for c_i > 0; -mu* for c_i < 0) = c_i range_i and
 * sigma = 0, up to rounding (tolerance 1e-10: outputs up to 1200 carry rounding errors of
 * 3e-13, divided by delta >= 4/7). */
static const double lin_c[4] = {2.385, -0.75, 0, 11.5};
static const double lin_lo[4] = {-1, 0, 3, 100}, lin_hi[4] = {1, 0.25, 7, 103};
static double linear(const double *u)
{
    double y = 0;
    for (int i = 0; i < 4; i++) y += lin_c[i] * (lin_lo[i] + u[i] * (lin_hi[i] - lin_lo[i]));
    return y;
}

static double *evaluate_morris(const ps_morris_design *d, double (*f)(const double *))
{
    size_t m = d->r * (d->k + 1);
    double *y = malloc(m * sizeof *y);
    for (size_t i = 0; i < m; i++) y[i] = f(d->x + i * d->k);
    return y;
}

PS_TEST(morris_linear_exact)
{
    unsigned levels[2] = {4, 8};
    for (int z = 0; z < 2; z++) {
        ps_morris_design *d = NULL;
        EXPECT_INT(ps_morris_alloc(12, 4, levels[z], 77, &d), PS_OK);
        if (!d) return;
        double *y = evaluate_morris(d, linear);
        ps_morris_index m[4];
        EXPECT_INT(ps_gsa_morris(d, y, m), PS_OK);
        for (int i = 0; i < 4; i++) {
            double want = lin_c[i] * (lin_hi[i] - lin_lo[i]), tol = 1e-10;
            EXPECT_NEAR(m[i].mu, want, tol);
            EXPECT_NEAR(m[i].mu_star, fabs(want), tol);
            EXPECT_NEAR(m[i].sigma, 0, tol);
            EXPECT_INT(m[i].r, 12);
        }
        free(y);
        ps_morris_free(d);
    }
}

/* y = 3 x1 + 5 x2 x3 on [0, 1]^3: x1's effect is 3 always (sigma 0); x2's is 5 x3 and x3's
 * 5 x2, at whatever grid level the other factor stands when it moves: their mu, mu* and sigma
 * are those of 5 times the other's levels at the steps, computed here from the design, and
 * sigma > 0 (above 1 for this seed). Tolerance 1e-12: rounding of outputs below 8. */
static double interaction(const double *u) { return 3 * u[0] + 5 * u[1] * u[2]; }

PS_TEST(morris_interaction)
{
    ps_morris_design *d = NULL;
    size_t r = 20, k = 3;
    EXPECT_INT(ps_morris_alloc(r, k, 4, 5, &d), PS_OK);
    if (!d) return;
    double *y = evaluate_morris(d, interaction);
    ps_morris_index m[3];
    EXPECT_INT(ps_gsa_morris(d, y, m), PS_OK);
    EXPECT_NEAR(m[0].mu_star, 3, 1e-12);
    EXPECT_NEAR(m[0].sigma, 0, 1e-12);
    for (size_t f = 1; f < 3; f++) {
        size_t other = 3 - f;
        double ee[20], mean = 0, ss = 0;
        size_t got = 0;
        for (size_t t = 0; t < r; t++)
            for (size_t s = 0; s < k; s++)
                if (d->factor[t * k + s] == f) ee[got++] = 5 * d->x[(t * (k + 1) + s) * k + other];
        EXPECT_INT(got, r);
        for (size_t i = 0; i < r; i++) mean += ee[i] / (double)r;
        for (size_t i = 0; i < r; i++) ss += (ee[i] - mean) * (ee[i] - mean);
        EXPECT_NEAR(m[f].mu, mean, 1e-12);
        EXPECT_NEAR(m[f].mu_star, mean, 1e-12);   /* every effect is >= 0 */
        EXPECT_NEAR(m[f].sigma, sqrt(ss / (double)(r - 1)), 1e-12);
        EXPECT(m[f].sigma > 1);
    }
    free(y);
    ps_morris_free(d);
}

PS_TEST(morris_refuses_bad_input)
{
    ps_morris_design *d = NULL;
    EXPECT_INT(ps_morris_alloc(3, 2, 4, 5, &d), PS_OK);
    if (!d) return;
    double y[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    ps_morris_index m[2];
    EXPECT_INT(ps_gsa_morris(d, y, m), PS_OK);
    y[8] = NAN;
    EXPECT_INT(ps_gsa_morris(d, y, m), PS_ERANGE);
    EXPECT_INT(ps_gsa_morris(NULL, y, m), PS_EINVAL);
    EXPECT_INT(ps_gsa_morris(d, NULL, m), PS_EINVAL);
    EXPECT_INT(ps_gsa_morris(d, y, NULL), PS_EINVAL);
    ps_morris_free(d);
}

PS_TEST_MAIN(PS_CASE(sobol_ishigami), PS_CASE(sobol_g_function), PS_CASE(sobol_bootstrap_deterministic),
             PS_CASE(sobol_refuses_what_it_cannot_estimate), PS_CASE(morris_linear_exact),
             PS_CASE(morris_interaction), PS_CASE(morris_refuses_bad_input))
