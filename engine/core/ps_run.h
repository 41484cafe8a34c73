/* ps_run.h: the Monte Carlo runner, the engine's entry point. */
#ifndef PS_RUN_H
#define PS_RUN_H

#include <stdint.h>
#include "ps_model.h"
#include "ps_result.h"

/* Called every PS_PROGRESS_EVERY replications and at the end; a non-zero return stops the run. */
typedef int (*ps_progress_fn)(void *ctx, uint64_t done, uint64_t total);
#define PS_PROGRESS_EVERY 256

typedef struct ps_run_options {
    uint64_t runs;             /* replications, >= 1 */
    uint64_t seed;
    ps_progress_fn progress;   /* may be NULL */
    void *progress_ctx;
} ps_run_options;

/* Turns off GSL's aborting error handler; call once at program start, before any thread. */
void ps_engine_init(void);

/* Runs opts->runs replications of s; replication r draws from the stream (seed, r) alone, and
 * the outcomes are added in replication order, so the result depends on (s, seed, runs) only.
 * On success *out holds a result the caller frees with ps_result_free. Safe to call from
 * several threads at once on the same scenario: it writes only to what it allocates.
 * Returns PS_EINVAL for runs == 0, PS_ENOMEM, or PS_ECALLBACK when progress asked to stop
 * (*out then holds the replications completed, in order). */
ps_status ps_run(const ps_scenario *s, const ps_run_options *opts, ps_result **out);

#endif
