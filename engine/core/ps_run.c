/* ps_run.c: the Monte Carlo loop (MODEL.md section 7), on one thread or several.
 *
 * Replications are grouped in blocks of PS_BLOCK; block b holds replications b*PS_BLOCK onwards
 * and is accumulated on its own, then merged into the total in block order. The blocks and the
 * order of merging are the same whatever the number of threads (one thread too), so the result
 * is the same to the last bit for every thread count. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>
#include "ps_run.h"
#include "ps_engine.h"

void ps_engine_init(void) { gsl_set_error_handler_off(); }

int ps_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (n > PS_MAX_THREADS ? PS_MAX_THREADS : (int)n);
}

typedef struct worker {
    const ps_scenario *s;
    uint64_t seed, first, count;   /* the block: replications first .. first + count - 1 */
    ps_workspace *ws;
    ps_result *part;
} worker;

static void run_block(worker *w)
{
    ps_outcome o;
    for (uint64_t rep = w->first; rep < w->first + w->count; rep++) {
        ps_replicate(w->ws, w->seed, rep, &o);
        ps_result_add(w->part, &o);
    }
}

static void *worker_main(void *arg)
{
    run_block(arg);
    return NULL;
}

ps_status ps_run(const ps_scenario *s, const ps_run_options *opts, ps_result **out)
{
    *out = NULL;
    if (opts->runs == 0) return PS_EINVAL;
    int threads = opts->threads < 1 ? 1 : (opts->threads > PS_MAX_THREADS ? PS_MAX_THREADS : opts->threads);
    uint64_t blocks = (opts->runs + PS_BLOCK - 1) / PS_BLOCK;
    if ((uint64_t)threads > blocks) threads = (int)blocks;
    ps_result *total = ps_result_alloc(s);
    worker w[PS_MAX_THREADS];
    ps_status status = total ? PS_OK : PS_ENOMEM;
    for (int i = 0; i < threads; i++) {
        w[i].s = s;
        w[i].seed = opts->seed;
        w[i].ws = status == PS_OK ? ps_workspace_alloc(s) : NULL;
        w[i].part = status == PS_OK ? ps_result_alloc(s) : NULL;
        if (!w[i].ws || !w[i].part) status = PS_ENOMEM;
    }
    /* Batches of one block per thread; then the batch is merged, block by block, in order. */
    for (uint64_t b = 0; status == PS_OK && b < blocks; b += (uint64_t)threads) {
        int n = blocks - b < (uint64_t)threads ? (int)(blocks - b) : threads;
        pthread_t tid[PS_MAX_THREADS];
        int started[PS_MAX_THREADS] = {0};
        for (int i = 0; i < n; i++) {
            w[i].first = (b + (uint64_t)i) * PS_BLOCK;
            w[i].count = opts->runs - w[i].first < PS_BLOCK ? opts->runs - w[i].first : PS_BLOCK;
            /* the last block of the batch runs on this thread; a thread that cannot be started
             * runs its block here too, so the result never depends on it */
            if (i + 1 < n) started[i] = pthread_create(&tid[i], NULL, worker_main, &w[i]) == 0;
        }
        for (int i = 0; i < n; i++)
            if (!started[i]) run_block(&w[i]);
        int reached = 0;
        for (int i = 0; i < n; i++) {
            if (started[i]) pthread_join(tid[i], NULL);
            /* blocks after the one that reached the precision are dropped: the stopping block
             * is the same for any number of threads */
            if (!reached) ps_result_merge(total, w[i].part);
            else ps_result_clear(w[i].part);
            if (opts->precision > 0 && !reached && ps_result_max_halfwidth(total) <= opts->precision) reached = 1;
        }
        if (reached) break;
        if (opts->progress && opts->progress(opts->progress_ctx, total->runs, opts->runs)) status = PS_ECALLBACK;
    }
    for (int i = 0; i < threads; i++) {
        ps_workspace_free(w[i].ws);
        ps_result_free(w[i].part);
    }
    if (status == PS_ENOMEM) { ps_result_free(total); return status; }
    *out = total;
    return status;
}
