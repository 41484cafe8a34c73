/* ps_design.c: Latin hypercubes, shifted Sobol' points, Morris trajectories, Saltelli's design. */
#include "ps_design.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_qrng.h>

#include "ps_rng.h"

/* Each design draws from keys of its own. ps_rng_key(seed, rep) keys replication rep; these
 * tags have the top bit set, which no replication index reaches, so a design's numbers are
 * never a replication's. */
#define TAG_LHS_ORDER    0x8000000000000001ULL
#define TAG_LHS_POSITION 0x8000000000000002ULL
#define TAG_SOBOL_SHIFT  0x8000000000000003ULL
#define TAG_MORRIS       0x8000000000000004ULL

/* By rejection (no modulo bias): the draws of (key, stream, round) at slots 0, 1, ... until one
 * is at or above 2^64 mod m. */
uint64_t ps_design_below(uint64_t key, uint32_t stream, uint32_t round, uint64_t m)
{
    uint64_t threshold = (0 - m) % m;   /* 2^64 mod m */
    uint64_t h = ps_rng_round(key, stream, round);
    for (uint32_t slot = 0;; slot++) {
        uint64_t bits = ps_rng_slot_bits(h, slot);
        if (bits >= threshold) return bits % m;
    }
}

static int mul_overflows(size_t a, size_t b, size_t *out)
{
    if (a != 0 && b > SIZE_MAX / a) return 1;
    *out = a * b;
    return 0;
}

ps_status ps_design_lhs(size_t n, size_t d, uint64_t seed, double *x)
{
    size_t total;
    if (!x || n < 1 || d < 1) return PS_EINVAL;
    if (n > UINT32_MAX || d > UINT32_MAX || mul_overflows(n, d, &total)) return PS_ERANGE;
    uint64_t korder = ps_rng_key(seed, TAG_LHS_ORDER), kpos = ps_rng_key(seed, TAG_LHS_POSITION);
    double dn = (double)n;
    for (size_t c = 0; c < d; c++) {
        /* The column's strata in a uniform random order (Fisher and Yates; Durstenfeld 1964),
         * held in the column itself; stratum numbers below 2^32 are exact in a double. */
        for (size_t i = 0; i < n; i++) x[i * d + c] = (double)i;
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)ps_design_below(korder, (uint32_t)c, (uint32_t)i, (uint64_t)i + 1);
            double t = x[i * d + c]; x[i * d + c] = x[j * d + c]; x[j * d + c] = t;
        }
        for (size_t i = 0; i < n; i++) {
            double s = x[i * d + c];
            double v = (s + ps_rng_u01(kpos, (uint32_t)c, (uint32_t)i, 0)) / dn;
            /* s + u can round up to s + 1: keep the point inside its stratum as floor(v n)
             * sees it (v < 1 follows, since floor(v n) <= n - 1). */
            while (floor(v * dn) > s) v = nextafter(v, 0.0);
            while (floor(v * dn) < s) v = nextafter(v, 1.0);
            x[i * d + c] = v;
        }
    }
    return PS_OK;
}

ps_status ps_design_sobol(size_t n, size_t d, uint64_t seed, double *x)
{
    if (!x || n < 1 || d < 1) return PS_EINVAL;
    if (d > PS_DESIGN_SOBOL_MAX_DIM || n > PS_DESIGN_SOBOL_MAX_POINTS - 1) return PS_ERANGE;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)d);
    if (!q) return PS_ENOMEM;
    uint64_t kshift = ps_rng_key(seed, TAG_SOBOL_SHIFT);
    /* GSL's first point is the sequence's point 1, (1/2, ..., 1/2): it skips the origin itself
     * (measured with GSL 2.7; the test sobol_shifted_low_discrepancy_points checks it). */
    for (size_t j = 0; j < n; j++) {
        double *row = x + j * d;
        if (gsl_qrng_get(q, row) != 0) { gsl_qrng_free(q); return PS_EGSL; }
        for (size_t c = 0; c < d; c++) {
            double v = row[c] + ps_rng_u01(kshift, (uint32_t)c, 0, 0);
            if (v >= 1.0) v -= 1.0;
            if (v <= 0.0) v = 0x1p-54;
            if (v >= 1.0) v = 1.0 - 0x1p-53;
            row[c] = v;
        }
    }
    gsl_qrng_free(q);
    return PS_OK;
}

ps_status ps_design_fill(ps_design_kind kind, size_t n, size_t d, uint64_t seed, double *x,
                         ps_design_kind *used)
{
    if (kind == PS_DESIGN_AUTO)
        kind = d <= PS_DESIGN_SOBOL_MAX_DIM && n <= PS_DESIGN_SOBOL_MAX_POINTS - 1 ? PS_DESIGN_SOBOL : PS_DESIGN_LHS;
    ps_status st;
    if (kind == PS_DESIGN_SOBOL) st = ps_design_sobol(n, d, seed, x);
    else if (kind == PS_DESIGN_LHS) st = ps_design_lhs(n, d, seed, x);
    else return PS_EINVAL;
    if (st == PS_OK && used) *used = kind;
    return st;
}

void ps_morris_free(ps_morris_design *d)
{
    if (!d) return;
    free(d->x); free(d->factor); free(d->step); free(d->level);
    free(d);
}

ps_status ps_morris_alloc(size_t r, size_t k, unsigned p, uint64_t seed, ps_morris_design **out)
{
    if (!out) return PS_EINVAL;
    *out = NULL;
    if (p == 0) p = 4;
    if (r < 2 || k < 1 || p < 2 || p % 2 != 0) return PS_EINVAL;
    size_t points, coords, steps;
    if (p > 1024 || r > UINT32_MAX / 4 || k > UINT32_MAX / 4 || mul_overflows(r, k + 1, &points)
        || mul_overflows(points, k, &coords) || mul_overflows(r, k, &steps)
        || coords > SIZE_MAX / sizeof(double))
        return PS_ERANGE;
    ps_morris_design *d = calloc(1, sizeof *d);
    if (!d) return PS_ENOMEM;
    d->r = r; d->k = k; d->levels = p;
    unsigned half = p / 2;
    d->delta = (double)half / (double)(p - 1);
    d->x = malloc(coords * sizeof *d->x);
    d->level = malloc(coords * sizeof *d->level);
    d->factor = malloc(steps * sizeof *d->factor);
    d->step = malloc(steps * sizeof *d->step);
    if (!d->x || !d->level || !d->factor || !d->step) { ps_morris_free(d); return PS_ENOMEM; }
    uint64_t key = ps_rng_key(seed, TAG_MORRIS);
    double top = (double)(p - 1);
    for (size_t t = 0; t < r; t++) {
        unsigned *lv = d->level + t * (k + 1) * k;
        size_t *order = d->factor + t * k;
        double *step = d->step + t * k;
        /* Morris's B* construction, factor by factor: a base level b in 0..p/2-1 (so that b + p/2
         * is still on the grid) and a direction; a factor moving up starts at b, one moving
         * down at b + p/2. Rounds 3i, 3i+1 and 3i+2 of stream t draw factor i's base, its
         * direction and the order's i-th swap. */
        for (size_t i = 0; i < k; i++) {
            unsigned b = (unsigned)ps_design_below(key, (uint32_t)t, (uint32_t)(3 * i), half);
            int up = ps_rng_bits(key, (uint32_t)t, (uint32_t)(3 * i + 1), 0) >> 63;
            lv[i] = up ? b : b + half;
            order[i] = i;
        }
        for (size_t i = k - 1; i > 0; i--) {
            size_t j = (size_t)ps_design_below(key, (uint32_t)t, (uint32_t)(3 * i + 2), (uint64_t)i + 1);
            size_t tmp = order[i]; order[i] = order[j]; order[j] = tmp;
        }
        /* The k steps: each moves the factor of its turn to its other level. */
        for (size_t s = 0; s < k; s++) {
            unsigned *from = lv + s * k, *to = lv + (s + 1) * k;
            for (size_t i = 0; i < k; i++) to[i] = from[i];
            size_t f = order[s];
            to[f] = from[f] < half ? from[f] + half : from[f] - half;
        }
        for (size_t s = 0; s < k; s++) {
            size_t f = order[s];
            step[s] = lv[(s + 1) * k + f] > lv[s * k + f] ? d->delta : -d->delta;
        }
        for (size_t e = 0; e < (k + 1) * k; e++) d->x[t * (k + 1) * k + e] = (double)lv[e] / top;
    }
    *out = d;
    return PS_OK;
}

void ps_saltelli_free(ps_saltelli_design *d)
{
    if (!d) return;
    free(d->x);
    free(d);
}

ps_status ps_saltelli_alloc(size_t n, size_t k, ps_design_kind kind, uint64_t seed,
                            ps_saltelli_design **out)
{
    if (!out) return PS_EINVAL;
    *out = NULL;
    if (n < 2 || k < 1) return PS_EINVAL;
    size_t base, points, coords;
    if (k > SIZE_MAX / 2 - 2 || mul_overflows(n, 2 * k, &base) || mul_overflows(n, k + 2, &points)
        || mul_overflows(points, k, &coords) || coords > SIZE_MAX / sizeof(double)
        || base > SIZE_MAX / sizeof(double))
        return PS_ERANGE;
    ps_saltelli_design *d = calloc(1, sizeof *d);
    double *ab = malloc(base * sizeof *ab);
    if (d) d->x = malloc(coords * sizeof *d->x);
    if (!d || !ab || !d->x) { free(ab); ps_saltelli_free(d); return PS_ENOMEM; }
    d->n = n; d->k = k;
    ps_status st = ps_design_fill(kind, n, 2 * k, seed, ab, &d->kind);
    if (st != PS_OK) { free(ab); ps_saltelli_free(d); return st; }
    for (size_t j = 0; j < n; j++) {
        const double *a = ab + j * 2 * k, *b = a + k;
        for (size_t m = 0; m < k + 2; m++) {
            double *row = d->x + ps_saltelli_point(k, j, m) * k;
            const double *src = m == 1 ? b : a;
            for (size_t c = 0; c < k; c++) row[c] = src[c];
            if (m >= 2) row[m - 2] = b[m - 2];
        }
    }
    free(ab);
    *out = d;
    return PS_OK;
}
