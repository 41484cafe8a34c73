/* test_design.c: the study layer's designs: Latin hypercube strata, shifted Sobol' points, Morris
 * trajectories, Saltelli's layout, and their determinism. */
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_design.h"

static int in_open_unit(const double *x, size_t m)
{
    for (size_t i = 0; i < m; i++)
        if (!(x[i] > 0 && x[i] < 1)) return 0;
    return 1;
}

/* Each column holds one point per stratum [s/n, (s+1)/n): floor(x n) over the column is a
 * permutation of 0..n-1. n = 4099 (prime, and above 2^12, where s + u rounding up to s + 1 is
 * likeliest) and n = 1. */
PS_TEST(lhs_one_point_per_stratum)
{
    size_t sizes[] = {4099, 97, 1};
    for (size_t z = 0; z < 3; z++) {
        size_t n = sizes[z], d = 7;
        double *x = malloc(n * d * sizeof *x);
        unsigned char *seen = malloc(n);
        EXPECT_INT(ps_design_lhs(n, d, 2024, x), PS_OK);
        EXPECT(in_open_unit(x, n * d));
        for (size_t c = 0; c < d; c++) {
            memset(seen, 0, n);
            size_t distinct = 0;
            for (size_t i = 0; i < n; i++) {
                double s = floor(x[i * d + c] * (double)n);
                if (s >= 0 && s < (double)n && !seen[(size_t)s]) { seen[(size_t)s] = 1; distinct++; }
            }
            EXPECT_INT(distinct, n);
        }
        free(x); free(seen);
    }
}

/* Same seed: the same bits. Another seed: every column differs. A column depends on (seed,
 * column) alone: a design with more columns repeats the first ones. And the positions are not
 * all at one place in their strata: a column's mean is near 1/2 (within 0.01; its standard
 * deviation for n = 1000 is below 1/(n sqrt 12) = 0.0003). */
PS_TEST(lhs_deterministic_keyed_by_seed_and_column)
{
    size_t n = 1000;
    double *a = malloc(n * 5 * sizeof *a), *b = malloc(n * 5 * sizeof *b), *c = malloc(n * 3 * sizeof *c);
    EXPECT_INT(ps_design_lhs(n, 5, 7, a), PS_OK);
    EXPECT_INT(ps_design_lhs(n, 5, 7, b), PS_OK);
    EXPECT(memcmp(a, b, n * 5 * sizeof *a) == 0);
    EXPECT_INT(ps_design_lhs(n, 3, 7, c), PS_OK);
    int same = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < 3; j++) same &= a[i * 5 + j] == c[i * 3 + j];
    EXPECT(same);
    EXPECT_INT(ps_design_lhs(n, 5, 8, b), PS_OK);
    for (size_t j = 0; j < 5; j++) {
        size_t differ = 0;
        double mean = 0;
        for (size_t i = 0; i < n; i++) { differ += a[i * 5 + j] != b[i * 5 + j]; mean += a[i * 5 + j]; }
        EXPECT(differ > n / 2);
        EXPECT_NEAR(mean / (double)n, 0.5, 0.01);
    }
    free(a); free(b); free(c);
}

PS_TEST(lhs_rejects_bad_sizes)
{
    double x[4];
    EXPECT_INT(ps_design_lhs(0, 2, 1, x), PS_EINVAL);
    EXPECT_INT(ps_design_lhs(2, 0, 1, x), PS_EINVAL);
    EXPECT_INT(ps_design_lhs(2, 2, 1, NULL), PS_EINVAL);
    EXPECT_INT(ps_design_lhs((size_t)UINT32_MAX + 1, 1, 1, x), PS_ERANGE);
    EXPECT_INT(ps_design_lhs(SIZE_MAX / 2, 3, 1, x), PS_ERANGE);
}

/* Points 1..2^m - 1 of Sobol's sequence put, in every coordinate, one point in each interval
 * [j/2^m, (j+1)/2^m) but the one holding point 0 (the origin); a Cranley-Patterson shift moves
 * every point of a column by the same amount modulo 1. So frac(x_j - x_0) 2^m, over the first
 * 2^m - 1 points of the design, are distinct integers (point 1 of the sequence is 1/2 in every
 * coordinate). The test also sees every coordinate in (0, 1), the same bits for the same seed,
 * and a constant difference modulo 1 per column between two seeds' designs. */
PS_TEST(sobol_shifted_low_discrepancy_points)
{
    enum { M = 10, D = 40 };
    size_t n = ((size_t)1 << M) - 1;
    double *x = malloc(n * D * sizeof *x), *y = malloc(n * D * sizeof *y);
    unsigned char seen[(size_t)1 << M];
    EXPECT_INT(ps_design_sobol(n, D, 99, x), PS_OK);
    EXPECT(in_open_unit(x, n * D));
    for (size_t c = 0; c < D; c++) {
        memset(seen, 0, sizeof seen);
        size_t distinct = 0, integral = 0;
        for (size_t j = 0; j < n; j++) {
            double u = x[j * D + c] - x[c];
            if (u < 0) u += 1;
            double v = u * (double)((size_t)1 << M), r = nearbyint(v);
            integral += fabs(v - r) < 1e-6;
            size_t s = (size_t)r % ((size_t)1 << M);
            if (!seen[s]) { seen[s] = 1; distinct++; }
        }
        EXPECT_INT(integral, n);
        EXPECT_INT(distinct, n);
    }
    EXPECT_INT(ps_design_sobol(n, D, 99, y), PS_OK);
    EXPECT(memcmp(x, y, n * D * sizeof *x) == 0);
    EXPECT_INT(ps_design_sobol(n, D, 100, y), PS_OK);
    for (size_t c = 0; c < D; c++) {
        double shift = y[c] - x[c];
        size_t constant = 0;
        for (size_t j = 0; j < n; j++) {
            double dd = y[j * D + c] - x[j * D + c] - shift;
            dd -= nearbyint(dd);
            constant += fabs(dd) < 1e-12;
        }
        EXPECT_INT(constant, n);
        EXPECT(shift != 0);
    }
    free(x); free(y);
}

PS_TEST(sobol_limits)
{
    double x[41 * 2];
    EXPECT_INT(ps_design_sobol(2, 41, 1, x), PS_ERANGE);
    EXPECT_INT(ps_design_sobol(PS_DESIGN_SOBOL_MAX_POINTS, 1, 1, x), PS_ERANGE);
    EXPECT_INT(ps_design_sobol(0, 1, 1, x), PS_EINVAL);
    EXPECT_INT(ps_design_sobol(1, 1, 1, NULL), PS_EINVAL);
    ps_design_kind used = PS_DESIGN_AUTO;
    EXPECT_INT(ps_design_fill(PS_DESIGN_AUTO, 2, 41, 1, x, &used), PS_OK);
    EXPECT_INT(used, PS_DESIGN_LHS);
    EXPECT_INT(ps_design_fill(PS_DESIGN_AUTO, 2, 40, 1, x, &used), PS_OK);
    EXPECT_INT(used, PS_DESIGN_SOBOL);
    EXPECT_INT(ps_design_fill((ps_design_kind)7, 2, 4, 1, x, &used), PS_EINVAL);
}

/* Every step of every trajectory moves exactly the factor it names, by its step (+delta or
 * -delta, delta = p / (2 (p - 1))), every factor once per trajectory; every coordinate is a grid
 * level l / (p - 1), 0 <= l < p. Tolerance 1e-15: levels are exact integers, x = l / (p - 1)
 * is one division, and the moves are differences of two of those. */
PS_TEST(morris_steps_move_one_factor_on_the_grid)
{
    unsigned ps[] = {0, 2, 6, 10};
    for (size_t z = 0; z < 4; z++) {
        ps_morris_design *d = NULL;
        size_t r = 25, k = 7;
        EXPECT_INT(ps_morris_alloc(r, k, ps[z], 31, &d), PS_OK);
        if (!d) return;
        unsigned p = ps[z] ? ps[z] : 4;
        EXPECT_INT(d->levels, p);
        EXPECT_NEAR(d->delta, (double)p / (2.0 * (p - 1)), 0);
        size_t bad_grid = 0, bad_move = 0, bad_once = 0, ups = 0;
        for (size_t t = 0; t < r; t++) {
            unsigned char moved[7] = {0};
            for (size_t s = 0; s <= k; s++)
                for (size_t c = 0; c < k; c++) {
                    double v = d->x[(t * (k + 1) + s) * k + c] * (p - 1);
                    unsigned l = d->level[(t * (k + 1) + s) * k + c];
                    bad_grid += !(l < p) || fabs(v - l) > 1e-12;
                }
            for (size_t s = 0; s < k; s++) {
                const double *a = d->x + (t * (k + 1) + s) * k, *b = a + k;
                size_t f = d->factor[t * k + s];
                double st = d->step[t * k + s];
                if (f >= k) { bad_move++; continue; }
                bad_once += moved[f]++ != 0;
                bad_move += fabs(fabs(st) - d->delta) != 0;
                ups += st > 0;
                for (size_t c = 0; c < k; c++) {
                    double want = c == f ? st : 0;
                    bad_move += fabs((b[c] - a[c]) - want) > 1e-15;
                }
            }
        }
        EXPECT_INT(bad_grid, 0);
        EXPECT_INT(bad_move, 0);
        EXPECT_INT(bad_once, 0);
        /* both directions occur (a fair sign: 175 steps, P(fewer than 50 either way) < 1e-8) */
        EXPECT(ups > 50 && ups < r * k - 50);
        ps_morris_free(d);
    }
}

PS_TEST(morris_deterministic_and_checked)
{
    ps_morris_design *a = NULL, *b = NULL, *c = NULL;
    EXPECT_INT(ps_morris_alloc(10, 5, 4, 3, &a), PS_OK);
    EXPECT_INT(ps_morris_alloc(10, 5, 4, 3, &b), PS_OK);
    EXPECT_INT(ps_morris_alloc(10, 5, 4, 4, &c), PS_OK);
    if (!a || !b || !c) return;
    size_t m = 10 * 6 * 5;
    EXPECT(memcmp(a->x, b->x, m * sizeof *a->x) == 0);
    EXPECT(memcmp(a->factor, b->factor, 50 * sizeof *a->factor) == 0);
    EXPECT(memcmp(a->step, b->step, 50 * sizeof *a->step) == 0);
    EXPECT(memcmp(a->x, c->x, m * sizeof *a->x) != 0);
    ps_morris_free(a); ps_morris_free(b); ps_morris_free(c);
    ps_morris_free(NULL);
    ps_morris_design *d = (ps_morris_design *)&d;
    EXPECT_INT(ps_morris_alloc(1, 5, 4, 3, &d), PS_EINVAL);
    EXPECT(d == NULL);
    EXPECT_INT(ps_morris_alloc(10, 0, 4, 3, &d), PS_EINVAL);
    EXPECT_INT(ps_morris_alloc(10, 5, 5, 3, &d), PS_EINVAL);
    EXPECT_INT(ps_morris_alloc(10, 5, 1, 3, &d), PS_EINVAL);
    EXPECT_INT(ps_morris_alloc(10, 5, 4, 3, NULL), PS_EINVAL);
    EXPECT_INT(ps_morris_alloc(SIZE_MAX / 8, SIZE_MAX / 8, 4, 3, &d), PS_ERANGE);
    EXPECT_INT(ps_morris_alloc((size_t)1 << 21, (size_t)1 << 21, 4, 3, &d), PS_ERANGE);
}

/* Row j holds A_j, B_j, AB_1j..AB_kj: A and B are the two halves of the 2k-dimensional base
 * design, and AB_i is A but for column i, which is B's. Exactly, for Sobol' (k = 3) and for the
 * Latin hypercube chosen automatically past 20 factors (k = 21). */
PS_TEST(saltelli_layout)
{
    size_t ks[] = {3, 21};
    for (size_t z = 0; z < 2; z++) {
        size_t n = 33, k = ks[z];
        ps_saltelli_design *d = NULL;
        EXPECT_INT(ps_saltelli_alloc(n, k, PS_DESIGN_AUTO, 5, &d), PS_OK);
        if (!d) return;
        EXPECT_INT(d->kind, z == 0 ? PS_DESIGN_SOBOL : PS_DESIGN_LHS);
        double *base = malloc(n * 2 * k * sizeof *base);
        EXPECT_INT(ps_design_fill(d->kind, n, 2 * k, 5, base, NULL), PS_OK);
        size_t wrong = 0;
        for (size_t j = 0; j < n; j++) {
            const double *a = base + j * 2 * k, *b = a + k;
            for (size_t m = 0; m < k + 2; m++) {
                const double *row = d->x + ps_saltelli_point(k, j, m) * k;
                for (size_t c = 0; c < k; c++) {
                    double want = m == 1 || (m >= 2 && c == m - 2) ? b[c] : a[c];
                    wrong += row[c] != want;
                }
            }
        }
        EXPECT_INT(wrong, 0);
        free(base);
        ps_saltelli_free(d);
    }
    ps_saltelli_design *d = NULL;
    EXPECT_INT(ps_saltelli_alloc(1, 3, PS_DESIGN_AUTO, 5, &d), PS_EINVAL);
    EXPECT_INT(ps_saltelli_alloc(8, 0, PS_DESIGN_AUTO, 5, &d), PS_EINVAL);
    EXPECT_INT(ps_saltelli_alloc(8, 21, PS_DESIGN_SOBOL, 5, &d), PS_ERANGE);
    EXPECT(d == NULL);
    EXPECT_INT(ps_saltelli_alloc(SIZE_MAX / 4, 3, PS_DESIGN_LHS, 5, &d), PS_ERANGE);
    ps_saltelli_free(NULL);
}

PS_TEST_MAIN(PS_CASE(lhs_one_point_per_stratum), PS_CASE(lhs_deterministic_keyed_by_seed_and_column),
             PS_CASE(lhs_rejects_bad_sizes), PS_CASE(sobol_shifted_low_discrepancy_points),
             PS_CASE(sobol_limits), PS_CASE(morris_steps_move_one_factor_on_the_grid),
             PS_CASE(morris_deterministic_and_checked), PS_CASE(saltelli_layout))
