/* bench/reference/model.c: the model of bench/reference/model.lua, line for line in plain C.
 *
 * Not part of the engine: a yardstick. It does only what the Lua reference does (two logistic
 * acceptances and two uniforms a round, no generality), so the ratio of the two run times is
 * the most any C implementation of the same loop can gain over plain Lua. bench/run compiles it
 * with the engine's floating-point flags and reports it next to the engine.
 *   model RUNS SEED
 * prints, as the Lua reference does: runs, deals, mean terms of the deals, seconds */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>

/* xoshiro256** (Blackman and Vigna 2018), seeded through splitmix64 (Steele et al. 2014). */
static uint64_t state[4];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(void)
{
    uint64_t result = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;
    state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 45);
    return result;
}

static double uniform(void) { return (double)(next() >> 11) * 0x1.0p-53; }

static void seed(uint64_t s)
{
    for (int i = 0; i < 4; i++) {
        uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        state[i] = z ^ (z >> 31);
    }
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 100000;
    seed(argc > 2 ? strtoull(argv[2], NULL, 10) : 1);
    const int T = 20;
    const double lambda = 20.0;
    long deals = 0;
    double terms_sum = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long r = 0; r < runs; r++) {
        double dA = 0.5 * uniform(), dB = 0.5 * uniform();
        double x = dA + 0.5 * (1.0 - dA - dB);   /* the Nash point, both linear, equal weights */
        for (int t = 1; t <= T; t++) {
            double f = (double)t / T;
            double aA = 1.0 - f * (1.0 - dA), aB = 1.0 - f * (1.0 - dB);
            double pA = 1.0 / (1.0 + exp(-lambda * (x - aA)));
            double pB = 1.0 / (1.0 + exp(-lambda * ((1.0 - x) - aB)));
            double uA = uniform(), uB = uniform();
            if (uA < pA && uB < pB) {
                deals++;
                terms_sum += x;
                break;
            }
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("%ld %ld %.10f %.6f\n", runs, deals, deals > 0 ? terms_sum / (double)deals : 0.0, seconds);
    return 0;
}
