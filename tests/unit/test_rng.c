/* test_rng.c: per-replication streams: a function of (seed, replication) alone. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include "ps_test.h"
#include "ps_rng.h"

PS_TEST(stream_depends_on_seed_and_replication_only)
{
    gsl_rng *a = ps_rng_alloc(), *b = ps_rng_alloc();
    ps_rng_seed_stream(a, 42, 1000);
    for (int i = 0; i < 37; i++) gsl_rng_uniform(b);   /* b has a different history */
    ps_rng_seed_stream(b, 42, 1000);
    int same = 1;
    for (int i = 0; i < 1000; i++) same &= gsl_rng_uniform(a) == gsl_rng_uniform(b);
    EXPECT(same);
    /* another replication, or another seed, gives other numbers */
    gsl_rng *c = ps_rng_alloc();
    ps_rng_seed_stream(a, 42, 1001);
    ps_rng_seed_stream(b, 43, 1000);
    ps_rng_seed_stream(c, 42, 1000);
    int differ = 0;
    for (int i = 0; i < 10; i++) {
        double x = gsl_rng_uniform(c);
        differ += x != gsl_rng_uniform(a);
        differ += x != gsl_rng_uniform(b);
    }
    EXPECT_INT(differ, 20);
    gsl_rng_free(a); gsl_rng_free(b); gsl_rng_free(c);
}

/* xoshiro256** from the state {1, 2, 3, 4}: its first outputs, computed by hand from the
 * algorithm's definition (result = rotl(s1 * 5, 7) * 9), are 11520, 0, 1509978240. */
PS_TEST(xoshiro_reference_outputs)
{
    gsl_rng *r = ps_rng_alloc();
    uint64_t *s = r->state;
    s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
    /* gsl_rng_get returns the top 32 bits: test the full 64-bit outputs through get_double */
    double d1 = gsl_rng_uniform(r), d2 = gsl_rng_uniform(r), d3 = gsl_rng_uniform(r);
    EXPECT_NEAR(d1, (double)(11520ULL >> 11) * 0x1.0p-53, 0);
    EXPECT_NEAR(d2, 0.0, 0);
    EXPECT_NEAR(d3, (double)(1509978240ULL >> 11) * 0x1.0p-53, 0);
    gsl_rng_free(r);
}

PS_TEST(uniform_moments)
{
    gsl_rng *r = ps_rng_alloc();
    ps_rng_seed_stream(r, 1, 0);
    const int n = 1000000;
    double sum = 0, sum2 = 0, lo = 1, hi = 0;
    for (int i = 0; i < n; i++) {
        double u = gsl_rng_uniform(r);
        sum += u; sum2 += u * u;
        if (u < lo) lo = u;
        if (u > hi) hi = u;
    }
    /* 4 standard errors: sd of U(0,1) is 1/sqrt(12); of U^2, sqrt(4/45) */
    EXPECT_NEAR(sum / n, 0.5, 4 / sqrt(12.0 * n));
    EXPECT_NEAR(sum2 / n, 1.0 / 3, 4 * sqrt(4.0 / 45 / n));
    EXPECT(lo >= 0 && hi < 1);
    gsl_rng_free(r);
}

/* The counter-based uniforms: moments, range, and no correlation between neighbouring slots
 * or neighbouring replications (4 standard errors of a correlation over n pairs: 4 / sqrt(n)). */
PS_TEST(keyed_uniforms)
{
    const int n = 400000;
    double sum = 0, lo = 1, hi = 0, cs = 0, cr = 0;
    for (int i = 0; i < n; i++) {
        uint64_t key = ps_rng_key(77, (uint64_t)i);
        double u = ps_rng_u01(key, 3, 5, 9);
        double v = ps_rng_u01(key, 3, 5, 10);
        double w = ps_rng_u01(ps_rng_key(77, (uint64_t)i + 1), 3, 5, 9);
        sum += u;
        cs += (u - 0.5) * (v - 0.5);
        cr += (u - 0.5) * (w - 0.5);
        if (u < lo) lo = u;
        if (u > hi) hi = u;
    }
    EXPECT_NEAR(sum / n, 0.5, 4 / sqrt(12.0 * n));
    EXPECT_NEAR(12 * cs / n, 0, 4 / sqrt(n));
    EXPECT_NEAR(12 * cr / n, 0, 4 / sqrt(n));
    EXPECT(lo > 0 && hi < 1);
    EXPECT(ps_rng_u01(ps_rng_key(1, 2), 3, 4, 5) == ps_rng_u01(ps_rng_key(1, 2), 3, 4, 5));
    EXPECT(ps_rng_u01(ps_rng_key(1, 2), 3, 4, 5) != ps_rng_u01(ps_rng_key(2, 1), 3, 4, 5));
}

/* The counter hash as MODEL.md 7 defines it, written out here with splitmix64's finaliser
 * (Steele, Lea and Flood 2014): every result of every version depends on it, so it is pinned;
 * and the two-half form the hot loop uses (one hash per stream and round) is the same number. */
static uint64_t finaliser(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

PS_TEST(counter_hash_is_the_documented_formula)
{
    int same = 1;
    for (uint32_t i = 0; i < 2385; i++) {
        uint64_t key = ps_rng_key(2385, i);
        uint32_t stream = 1 + i % 7, round = i % 31, slot = (i * 37) % 300;
        uint64_t h = finaliser(key ^ ((((uint64_t)stream << 32) | round) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL));
        uint64_t bits = finaliser(h ^ ((uint64_t)slot * 0xbf58476d1ce4e5b9ULL + 0x8cb92ba72f3d8dd7ULL));
        same &= ps_rng_bits(key, stream, round, slot) == bits;
        same &= ps_rng_round(key, stream, round) == h && ps_rng_slot_bits(h, slot) == bits;
        same &= ps_rng_u01(key, stream, round, slot) == ((double)(bits >> 11) + 0.5) * 0x1.0p-53;
        same &= ps_rng_slot_u01(h, slot) == ps_rng_u01(key, stream, round, slot);
    }
    EXPECT_INT(same, 1);
}

PS_TEST(gsl_samplers_accept_the_type)
{
    gsl_rng *r = ps_rng_alloc();
    ps_rng_seed_stream(r, 5, 5);
    const int n = 400000;
    double sum = 0;
    for (int i = 0; i < n; i++) sum += gsl_ran_gaussian_ziggurat(r, 2.0);
    EXPECT_NEAR(sum / n, 0.0, 4 * 2.0 / sqrt(n));
    unsigned long k = 0;
    for (int i = 0; i < n; i++) k += gsl_ran_poisson(r, 3.5);
    EXPECT_NEAR((double)k / n, 3.5, 4 * sqrt(3.5 / n));
    gsl_rng_free(r);
}

PS_TEST_MAIN(PS_CASE(stream_depends_on_seed_and_replication_only), PS_CASE(xoshiro_reference_outputs),
             PS_CASE(uniform_moments), PS_CASE(keyed_uniforms), PS_CASE(gsl_samplers_accept_the_type),
             PS_CASE(counter_hash_is_the_documented_formula))
