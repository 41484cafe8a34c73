/* ps_rng.h: per-replication random streams, xoshiro256** exposed as a GSL generator type. */
#ifndef PS_RNG_H
#define PS_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* The GSL generator type: gsl_rng_alloc(ps_rng_xoshiro256ss) gives a generator that every GSL
 * sampler accepts. Its gsl_rng_set(seed) seeds the stream (seed, 0). */
extern const gsl_rng_type *ps_rng_xoshiro256ss;

/* Allocates a generator of the type above. Returns NULL when out of memory; free with
 * gsl_rng_free. */
gsl_rng *ps_rng_alloc(void);

/* Positions rng at the start of the stream of replication `rep` under `seed`: the state is a
 * function of the pair alone (splitmix64 of both, Vigna 2014), so replication r draws the same
 * numbers whatever ran before it. rng must come from ps_rng_alloc. This function can't fail. */
void ps_rng_seed_stream(gsl_rng *rng, uint64_t seed, uint64_t rep);

/* splitmix64's finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mix. */
uint64_t ps_rng_mix64(uint64_t x);

/* Counter-based draws. Every random number of a replication is a pure function of its key
 * and of where it is used: (stream, round, slot). Nothing is consumed, so a change in one
 * part of a scenario (a party that now accepts in round 3) shifts no other draw: variants of
 * a scenario share their random numbers (common random numbers) as far as their structure
 * allows. */

/* The key of replication rep under seed. This function can't fail. */
uint64_t ps_rng_key(uint64_t seed, uint64_t rep);

/* 64 random bits from the key and three counters, by chained splitmix64 finalisers (a hash
 * with full avalanche on every input bit). Can't fail. */
uint64_t ps_rng_bits(uint64_t key, uint32_t stream, uint32_t round, uint32_t slot);

/* A uniform number in the open interval (0, 1): the top 53 of those bits, centred. Can't fail. */
double ps_rng_u01(uint64_t key, uint32_t stream, uint32_t round, uint32_t slot);

/* ps_rng_bits in two halves, for a loop that draws several slots of one (stream, round): h =
 * ps_rng_round(key, stream, round) once, then ps_rng_slot_bits(h, slot) or ps_rng_slot_u01(h,
 * slot) give exactly ps_rng_bits(key, stream, round, slot) and ps_rng_u01(...). Can't fail. */
uint64_t ps_rng_round(uint64_t key, uint32_t stream, uint32_t round);
uint64_t ps_rng_slot_bits(uint64_t h, uint32_t slot);
double ps_rng_slot_u01(uint64_t h, uint32_t slot);

#endif
