/* ps_rng.c: xoshiro256** (Blackman and Vigna 2018) wrapped as a GSL generator type.
 *
 * Why not GSL's own generators: mt19937 and friends take a 32-bit seed, so seeding a million
 * replications from hashed 64-bit keys collides by the birthday bound. xoshiro256** has 256 bits
 * of state, seeded here from the pair (seed, replication) through splitmix64. */
#include "ps_rng.h"

typedef struct { uint64_t s[4]; } xoshiro_state;

uint64_t ps_rng_mix64(uint64_t x)
{
    x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27; x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t xoshiro_next(xoshiro_state *st)
{
    uint64_t *s = st->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void seed_pair(xoshiro_state *st, uint64_t seed, uint64_t rep)
{
    /* Key the stream by both numbers; then fill the state from splitmix64's sequence, which
     * never yields the all-zero state xoshiro must avoid (four zero outputs in a row). */
    uint64_t z = ps_rng_mix64(seed + 0x9e3779b97f4a7c15ULL) ^ ps_rng_mix64(rep * 0xd1b54a32d192ed03ULL + 0x2545f4914f6cdd1dULL);
    for (int i = 0; i < 4; i++) {
        z += 0x9e3779b97f4a7c15ULL;
        st->s[i] = ps_rng_mix64(z);
    }
}

static void gsl_set(void *vstate, unsigned long seed) { seed_pair(vstate, (uint64_t)seed, 0); }

/* GSL's integer interface is given the top 32 bits, which every GSL sampler handles. */
static unsigned long gsl_get(void *vstate) { return (unsigned long)(xoshiro_next(vstate) >> 32); }

/* 53 random bits: a double uniform on [0, 1). */
static double gsl_get_double(void *vstate)
{
    return (double)(xoshiro_next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**", 0xffffffffUL, 0, sizeof(xoshiro_state), gsl_set, gsl_get, gsl_get_double
};

const gsl_rng_type *ps_rng_xoshiro256ss = &xoshiro_type;

gsl_rng *ps_rng_alloc(void) { return gsl_rng_alloc(ps_rng_xoshiro256ss); }

void ps_rng_seed_stream(gsl_rng *rng, uint64_t seed, uint64_t rep) { seed_pair(rng->state, seed, rep); }

uint64_t ps_rng_key(uint64_t seed, uint64_t rep)
{
    return ps_rng_mix64(ps_rng_mix64(seed + 0x9e3779b97f4a7c15ULL) ^ (rep * 0xd1b54a32d192ed03ULL + 0x2545f4914f6cdd1dULL));
}

uint64_t ps_rng_round(uint64_t key, uint32_t stream, uint32_t round)
{
    return ps_rng_mix64(key ^ ((((uint64_t)stream << 32) | round) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL));
}

uint64_t ps_rng_slot_bits(uint64_t h, uint32_t slot)
{
    return ps_rng_mix64(h ^ ((uint64_t)slot * 0xbf58476d1ce4e5b9ULL + 0x8cb92ba72f3d8dd7ULL));
}

double ps_rng_slot_u01(uint64_t h, uint32_t slot)
{
    return ((double)(ps_rng_slot_bits(h, slot) >> 11) + 0.5) * 0x1.0p-53;
}

uint64_t ps_rng_bits(uint64_t key, uint32_t stream, uint32_t round, uint32_t slot)
{
    return ps_rng_slot_bits(ps_rng_round(key, stream, round), slot);
}

double ps_rng_u01(uint64_t key, uint32_t stream, uint32_t round, uint32_t slot)
{
    return ps_rng_slot_u01(ps_rng_round(key, stream, round), slot);
}
