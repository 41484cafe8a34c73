/* ps_run.h: the Monte Carlo runner, the engine's entry point. */
#ifndef PS_RUN_H
#define PS_RUN_H

#include <signal.h>
#include <stdint.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_script.h"
#include "ps_trace.h"

/* Called on the calling thread after each block of PS_BLOCK replications is merged, with the
 * replications merged so far; a non-zero return stops the run there. */
typedef int (*ps_progress_fn)(void *ctx, uint64_t done, uint64_t total);
/* Called on the calling thread once per replication, in replication order (whatever the thread
 * count), with its outcome (forecast NULL; drawn: the values it drew, see ps_outcome); a non-zero
 * return stops the run after this block, as progress does. */
typedef int (*ps_record_fn)(void *ctx, uint64_t rep, const ps_outcome *o);
#define PS_BLOCK 1024
#define PS_MAX_THREADS 256
#define PS_MAX_POINTS 64       /* points of one study run together (ps_run_points) */

typedef struct ps_run_options {
    uint64_t runs;             /* replications, >= 1 */
    uint64_t seed;
    ps_progress_fn progress;   /* may be NULL */
    void *progress_ctx;
    int threads;               /* worker threads (0 or 1: this thread alone) */
    double precision;          /* > 0: stop after the first block at which every 95% half-width
                                  of a probability or 0-1 mean is at most this (or at runs) */
    ps_interval interval;      /* the interval of the probabilities that precision bounds: the
                                  one the reports show (default Wilson) */
    const ps_script_hooks *script;  /* how to call scripted conditions and effects: needed when
                                       the scenario has any; NULL otherwise */
    ps_record_fn record;       /* may be NULL: every replication's outcome, in order */
    void *record_ctx;
    char *err;                 /* may be NULL: receives the message of a failed scripted call */
    size_t errlen;
    const volatile sig_atomic_t *cancel;   /* may be NULL; once non-zero (a signal handler sets it),
                                              every worker stops at its next round */
} ps_run_options;

/* The number of online processors (at least 1), the default thread count. */
int ps_cpu_count(void);

/* Turns off GSL's aborting error handler; call once at program start, before any thread. */
void ps_engine_init(void);

/* Runs opts->runs replications of s on opts->threads threads; replication r draws from the
 * stream (seed, r) alone, and blocks of PS_BLOCK replications are merged in block order, so the
 * result depends on (s, seed, runs) only: the same bits for every thread count. On success *out
 * holds a result the caller frees with ps_result_free. Safe to call from several threads at once
 * on the same scenario: it writes only to what it allocates.
 * Returns PS_EINVAL for runs == 0, PS_ENOMEM, or PS_ECALLBACK when progress or record asked to
 * stop (*out then holds replications 0 .. m-1, m a multiple of PS_BLOCK) or when *cancel became
 * non-zero (within a round of every worker; *out then holds replications 0 .. m-1 for any m, the
 * replications that were complete in order, m possibly 0): what a run of m gives, to the bit.
 * With scripted events: PS_EINVAL (message in opts->err) when there are no hooks, when a worker's
 * context cannot be opened, or when a scripted call fails; the failure reported is the first in
 * replication order, whatever the thread count; *out is then NULL. */
ps_status ps_run(const ps_scenario *s, const ps_run_options *opts, ps_result **out);

/* Runs replication `rep` of `seed` alone, with obs (may be NULL) told what happens and, when it
 * plays a party, asked for that party's answers; fills *out. Without a player it is exactly the
 * replication ps_run counts as number rep. scripts: as ps_run_options.script. Returns PS_OK,
 * PS_ENOMEM, or PS_EINVAL with a message in err (a scripted call failed, or no hooks). */
ps_status ps_run_one(const ps_scenario *s, uint64_t seed, uint64_t rep, const ps_script_hooks *scripts,
                     const ps_observer *obs, ps_outcome *out, char *err, size_t errlen);

/* The mediator's Nash and Kalai-Smorodinsky texts on issue k alone at the start of replication
 * rep (round 1, before its events), between the parties whose consent it needs: the reference
 * points of a debrief. Returns PS_OK, PS_EINVAL (no issue k), PS_ENOMEM. */
ps_status ps_opening_points(const ps_scenario *s, uint64_t seed, uint64_t rep, int k, double *nash, double *ks);

/* Runs the n points s[0..n) of a study (1 <= n <= PS_MAX_POINTS) on the same replications:
 * replication r of every point draws from the stream (seed, r), so the points differ by their
 * scenarios alone (common random numbers). out[p] gets exactly what ps_run gives for s[p] alone
 * (the caller frees each); paired (may be NULL; n entries) gets, for each p != baseline, the
 * per-replication differences from s[baseline]. scripts holds n hooks (NULL where a point has no
 * scripts; the array may be NULL when none has). Every point must have as many issues as the
 * baseline (PS_EINVAL, message in opts->err). opts->record needs n == 1. --precision stops when
 * every point has reached it. Otherwise returns as ps_run; on failure every out[p] is NULL. */
ps_status ps_run_points(const ps_scenario *const *s, int n, int baseline, const ps_script_hooks *const *scripts,
                        const ps_run_options *opts, ps_result **out, ps_paired *paired);

#endif
