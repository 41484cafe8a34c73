/* ps_design.h: experimental designs on the unit cube (Latin hypercube, randomised Sobol',
 * Morris trajectories, Saltelli's matrices), each a pure function of its sizes and a seed.
 *
 * Points are rows of doubles, row-major: point j, coordinate c is x[j * d + c]. A caller maps a
 * coordinate u to an input by the input's quantile function (lo + u (hi - lo) for a uniform).
 * Randomness comes from the counter-based draws of ps_rng.h, so a design depends on nothing but
 * its arguments: the same call gives the same bits on every machine and thread count. */
#ifndef PS_DESIGN_H
#define PS_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "ps_status.h"

/* GSL's Sobol' generator (gsl_qrng_sobol, Bratley and Fox 1988's tables) has direction numbers
 * for at most 40 dimensions, and 30 bits per coordinate (so at most 2^30 - 1 points). */
#define PS_DESIGN_SOBOL_MAX_DIM 40
#define PS_DESIGN_SOBOL_MAX_POINTS ((size_t)1 << 30)

/* Which space-filling design fills a matrix. PS_DESIGN_AUTO is Sobol' when the dimension is at
 * most PS_DESIGN_SOBOL_MAX_DIM, else a Latin hypercube. */
typedef enum ps_design_kind { PS_DESIGN_AUTO = 0, PS_DESIGN_SOBOL, PS_DESIGN_LHS } ps_design_kind;

/* A uniform integer in [0, m) from the counter-based draws of (key, stream, round) (ps_rng.h),
 * exactly uniform; m must be at least 1. Can't fail. */
uint64_t ps_design_below(uint64_t key, uint32_t stream, uint32_t round, uint64_t m);

/* Fills x (n rows of d, caller-owned, n * d doubles) with a Latin hypercube (McKay, Beckman and
 * Conover 1979): in every column each stratum [s/n, (s+1)/n), s = 0..n-1, holds exactly one
 * point, at a uniform position inside it; the column's order of strata is a uniform random
 * permutation. Column c's permutation and positions are keyed by (seed, c) alone, so adding a
 * column changes no other. Every coordinate is in the open interval (0, 1).
 * Returns PS_OK; PS_EINVAL when x is NULL, n < 1 or d < 1; PS_ERANGE when n or d exceeds
 * UINT32_MAX or n * d overflows. Does not allocate. */
ps_status ps_design_lhs(size_t n, size_t d, uint64_t seed, double *x);

/* Fills x (n rows of d, caller-owned) with points 1..n of GSL's Sobol' sequence (GSL skips
 * point 0, the origin), each column shifted modulo 1 by its own uniform offset keyed by
 * (seed, column) (Cranley and Patterson 1976): every seed gives a different design with the
 * same low discrepancy. Every coordinate is in the open interval (0, 1) (a shifted coordinate
 * that rounds to 0 or 1 is moved to 2^-54 or 1 - 2^-53).
 * Returns PS_OK; PS_EINVAL when x is NULL, n < 1 or d < 1; PS_ERANGE when d exceeds
 * PS_DESIGN_SOBOL_MAX_DIM or n exceeds PS_DESIGN_SOBOL_MAX_POINTS - 1 (use ps_design_lhs, or
 * ps_design_fill with PS_DESIGN_AUTO, for more); PS_ENOMEM or PS_EGSL when GSL's generator
 * cannot be made. Allocates GSL's generator once and frees it before returning. */
ps_status ps_design_sobol(size_t n, size_t d, uint64_t seed, double *x);

/* ps_design_sobol or ps_design_lhs as kind says (PS_DESIGN_AUTO: Sobol' up to
 * PS_DESIGN_SOBOL_MAX_DIM dimensions and PS_DESIGN_SOBOL_MAX_POINTS - 1 points, else a Latin
 * hypercube). *used (may be NULL) receives the kind that filled x. Fails as those do, and with
 * PS_EINVAL for an unknown kind. */
ps_status ps_design_fill(ps_design_kind kind, size_t n, size_t d, uint64_t seed, double *x,
                         ps_design_kind *used);

/* Morris's (1991) one-at-a-time trajectories for elementary effects.
 *
 * Each of r trajectories is k + 1 points on the grid {0, 1/(p-1), ..., 1}^k: a random start,
 * then k steps, each moving one factor (every factor once, in a random order) by +delta or
 * -delta, delta = p / (2 (p - 1)) (Morris's choice, which makes every grid level equally likely
 * to be visited). Trajectory t's start, signs and order are keyed by (seed, t).
 * The grid includes 0 and 1: a caller mapping through a quantile function of an unbounded
 * distribution must map those levels to finite quantiles of its choosing (e.g. levels
 * (l + 1/2) / p, the grid's cell midpoints). */
typedef struct ps_morris_design {
    size_t r;          /* trajectories */
    size_t k;          /* factors */
    unsigned levels;   /* p, even, >= 2 */
    double delta;      /* p / (2 (p - 1)) */
    double *x;         /* r (k + 1) points of k coordinates: trajectory t's point s is row t (k + 1) + s */
    size_t *factor;    /* r k: factor moved by step s of trajectory t (point s to s + 1), at t k + s */
    double *step;      /* r k: that step's change of the factor, +delta or -delta */
    unsigned *level;   /* r (k + 1) k: the grid level of each coordinate (x = level / (p - 1)) */
} ps_morris_design;

/* Builds r trajectories of k factors on a p-level grid (p = 0 means 4) under seed. On success
 * *out owns everything (free with ps_morris_free) and PS_OK is returned. Fails with PS_EINVAL
 * when out is NULL, r < 2 (sigma needs two effects per factor), k < 1, or p is odd or 1;
 * PS_ERANGE when p > 1024, r or k exceed UINT32_MAX / 4, or r (k + 1) k overflows; PS_ENOMEM.
 * On failure *out is NULL and nothing is left allocated. */
ps_status ps_morris_alloc(size_t r, size_t k, unsigned p, uint64_t seed, ps_morris_design **out);

/* Frees a design from ps_morris_alloc; NULL is a no-op. */
void ps_morris_free(ps_morris_design *d);

/* Saltelli's (2002, 2010) design for first-order and total Sobol' indices: matrices A and B
 * (N rows of k) are the two halves of one N-point design in 2k dimensions (A its first k
 * columns, B its last k), and AB_i is A with column i taken from B. A caller evaluates all
 * N (k + 2) points. They are stored row by row of the base design: row j's k + 2 points are
 * contiguous, A_j, B_j, AB_1j, ..., AB_kj, so point ps_saltelli_point(k, j, m) (m = 0 for A,
 * 1 for B, 2 + i for AB_i) is x + that * k. Because Sobol' points extend, the first N' (k + 2)
 * points of a Sobol'-based design of N > N' rows are the design of N' rows with the same seed. */
typedef struct ps_saltelli_design {
    size_t n;              /* N, the base design's rows */
    size_t k;              /* factors */
    ps_design_kind kind;   /* the base design actually used: PS_DESIGN_SOBOL or PS_DESIGN_LHS */
    double *x;             /* N (k + 2) points of k coordinates */
} ps_saltelli_design;

/* Index of matrix m's point (m = 0: A, 1: B, 2 + i: AB_i) of base row j in a design of k
 * factors: the row of x, and the index of its output in y. */
static inline size_t ps_saltelli_point(size_t k, size_t j, size_t m) { return j * (k + 2) + m; }

/* Builds Saltelli's design of N rows and k factors from a 2k-dimensional base design of the
 * given kind (PS_DESIGN_AUTO: Sobol' when 2k <= PS_DESIGN_SOBOL_MAX_DIM, i.e. k <= 20, else a
 * Latin hypercube) under seed. On success *out owns it (free with ps_saltelli_free).
 * Fails with PS_EINVAL when out is NULL, n < 2 or k < 1; PS_ERANGE when the sizes overflow or
 * Sobol' is asked for beyond its limits; PS_ENOMEM; PS_EGSL. On failure *out is NULL. */
ps_status ps_saltelli_alloc(size_t n, size_t k, ps_design_kind kind, uint64_t seed,
                            ps_saltelli_design **out);

/* Frees a design from ps_saltelli_alloc; NULL is a no-op. */
void ps_saltelli_free(ps_saltelli_design *d);

#endif
