/* ps_run.c: the Monte Carlo loop (MODEL.md section 7), on one thread or several.
 *
 * Replications are grouped in blocks of PS_BLOCK; block b holds replications b*PS_BLOCK onwards
 * and is accumulated on its own, then merged into the total in block order. The blocks and the
 * order of merging are the same whatever the number of threads (one thread too), so the result
 * is the same to the last bit for every thread count.
 *
 * With several threads, each worker takes the next block as soon as it is free (a fast core does
 * more blocks than a slow one: no thread waits for another at a barrier), into one of a ring of
 * slots; this thread merges the slots in block order as they complete. A worker does not run
 * more than `window` blocks ahead of the merge, so memory stays bounded whatever the count. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Replications first .. first + count - 1 into part. Fails only when a scripted call fails: the
 * message, with where it happened, is then in err. */
static ps_status run_block(ps_workspace *ws, ps_result *part, ps_outcome *outs, uint64_t seed, uint64_t first,
                           uint64_t count, char *err, size_t errlen)
{
    ps_outcome o;
    for (uint64_t rep = first; rep < first + count; rep++) {
        ps_replicate(ws, seed, rep, &o);
        if (ws->script_status != PS_OK) {
            snprintf(err, errlen, "%s (replication %llu, round %d)", ws->script_err, (unsigned long long)rep, ws->st.t);
            return ws->script_status;
        }
        ps_result_add(part, &o);
        if (outs) {
            o.forecast = NULL;
            outs[rep - first] = o;
        }
    }
    return PS_OK;
}

/* Hands a merged block's outcomes to the record callback, in order. Returns 1 to stop. */
static int record_block(const ps_run_options *opts, const ps_outcome *outs, uint64_t first, uint64_t count)
{
    int stop = 0;
    for (uint64_t i = 0; outs && i < count; i++)
        if (opts->record(opts->record_ctx, first + i, &outs[i])) stop = 1;
    return stop;
}

static uint64_t block_count(const ps_run_options *opts, uint64_t first)
{
    return opts->runs - first < PS_BLOCK ? opts->runs - first : PS_BLOCK;
}

static int has_scripts(const ps_scenario *s)
{
    for (int e = 0; e < s->nevents; e++)
        if (s->events[e].script_when || s->events[e].script_effect) return 1;
    return 0;
}

static void set_err(const ps_run_options *opts, const char *msg)
{
    if (opts->err && opts->errlen) snprintf(opts->err, opts->errlen, "%s", msg);
}

/* A workspace for worker i, with its script context when the scenario has scripts. */
static ps_status open_workspace(const ps_scenario *s, const ps_run_options *opts, int i, ps_workspace **out)
{
    ps_workspace *ws = *out = ps_workspace_alloc(s);
    if (!ws) return PS_ENOMEM;
    if (!has_scripts(s)) return PS_OK;
    ws->hooks = opts->script;
    ws->script_ctx = opts->script->open(opts->script->data, i, ws->script_err, sizeof ws->script_err);
    if (!ws->script_ctx) {
        set_err(opts, ws->script_err);
        return PS_EINVAL;
    }
    return PS_OK;
}

static void close_workspace(ps_workspace *ws)
{
    if (ws && ws->script_ctx) ws->hooks->close(ws->script_ctx);
    ps_workspace_free(ws);
}

/* What the workers and the merging thread share; every field below `mu` is guarded by it. */
typedef struct pool {
    const ps_scenario *s;
    uint64_t seed, runs, blocks;
    int window;                  /* slots in the ring: blocks may run this far ahead of the merge */
    ps_result **slot;            /* block b goes to slot[b % window] */
    ps_status *slot_status;      /* and how it went */
    ps_outcome **slot_outs;      /* and its outcomes, when they are recorded */
    char (*slot_err)[512];
    pthread_mutex_t mu;
    pthread_cond_t merged_cv;    /* a slot was freed, or the run stops */
    pthread_cond_t done_cv;      /* a block completed */
    uint64_t next;               /* the next block to hand out */
    uint64_t merged;             /* blocks merged so far */
    uint64_t stop;               /* no block at or past this one is handed out */
    unsigned char *done;         /* done[slot]: the slot holds its completed block */
} pool;

typedef struct worker {
    pool *p;
    ps_workspace *ws;
    pthread_t tid;
    int started;
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next < p->stop && p->next >= p->merged + (uint64_t)p->window)
            pthread_cond_wait(&p->merged_cv, &p->mu);
        if (p->next >= p->stop) break;
        uint64_t b = p->next++;
        pthread_mutex_unlock(&p->mu);
        uint64_t first = b * PS_BLOCK, count = p->runs - first < PS_BLOCK ? p->runs - first : PS_BLOCK;
        int k = (int)(b % (uint64_t)p->window);
        p->slot_status[k] = run_block(w->ws, p->slot[k], p->slot_outs[k], p->seed, first, count, p->slot_err[k],
                                      sizeof p->slot_err[k]);
        pthread_mutex_lock(&p->mu);
        p->done[b % (uint64_t)p->window] = 1;
        pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* After block b is merged into total: stop at the precision, or when progress asks. Returns 1 to
 * stop (with *status set), 0 to go on. */
static int after_merge(const ps_run_options *opts, const ps_result *total, ps_status *status)
{
    /* blocks after the one that reached the precision are dropped: the stopping block is the
     * same for any number of threads */
    if (opts->precision > 0 && ps_result_max_halfwidth(total) <= opts->precision) return 1;
    if (opts->progress && opts->progress(opts->progress_ctx, total->runs, opts->runs)) {
        *status = PS_ECALLBACK;
        return 1;
    }
    return 0;
}

static ps_status run_serial(const ps_scenario *s, const ps_run_options *opts, uint64_t blocks, ps_result *total)
{
    ps_workspace *ws;
    ps_status status = open_workspace(s, opts, 0, &ws);
    ps_result *part = status == PS_OK ? ps_result_alloc(s) : NULL;
    ps_outcome *outs = status == PS_OK && opts->record ? malloc(PS_BLOCK * sizeof *outs) : NULL;
    if (status == PS_OK && (!part || (opts->record && !outs))) status = PS_ENOMEM;
    char err[512];
    for (uint64_t b = 0; status == PS_OK && b < blocks; b++) {
        uint64_t first = b * PS_BLOCK, count = block_count(opts, first);
        if ((status = run_block(ws, part, outs, opts->seed, first, count, err, sizeof err)) != PS_OK) {
            set_err(opts, err);
            break;
        }
        ps_result_merge(total, part);
        int stop = record_block(opts, outs, first, count);
        if (after_merge(opts, total, &status)) break;
        if (stop) { status = PS_ECALLBACK; break; }
    }
    close_workspace(ws);
    ps_result_free(part);
    free(outs);
    return status;
}

static ps_status run_pool(const ps_scenario *s, const ps_run_options *opts, int threads, uint64_t blocks,
                          ps_result *total)
{
    pool p = { .s = s, .seed = opts->seed, .runs = opts->runs, .blocks = blocks, .window = 2 * threads,
               .stop = blocks };
    worker w[PS_MAX_THREADS] = {{0}};
    ps_status status = PS_OK;
    p.slot = calloc((size_t)p.window, sizeof *p.slot);
    p.slot_status = calloc((size_t)p.window, sizeof *p.slot_status);
    p.slot_err = calloc((size_t)p.window, sizeof *p.slot_err);
    p.slot_outs = calloc((size_t)p.window, sizeof *p.slot_outs);
    p.done = calloc((size_t)p.window, 1);
    if (!p.slot || !p.slot_status || !p.slot_err || !p.slot_outs || !p.done) status = PS_ENOMEM;
    for (int i = 0; status == PS_OK && i < p.window; i++) {
        if (!(p.slot[i] = ps_result_alloc(s))) status = PS_ENOMEM;
        if (opts->record && !(p.slot_outs[i] = malloc(PS_BLOCK * sizeof **p.slot_outs))) status = PS_ENOMEM;
    }
    for (int i = 0; status == PS_OK && i < threads; i++) {
        w[i].p = &p;
        status = open_workspace(s, opts, i, &w[i].ws);
    }
    int mutex_ok = status == PS_OK && pthread_mutex_init(&p.mu, NULL) == 0;
    int cv1_ok = mutex_ok && pthread_cond_init(&p.merged_cv, NULL) == 0;
    int cv2_ok = cv1_ok && pthread_cond_init(&p.done_cv, NULL) == 0;
    int nstarted = 0;
    if (cv2_ok)
        for (int i = 0; i < threads; i++) {
            w[i].started = pthread_create(&w[i].tid, NULL, worker_main, &w[i]) == 0;
            nstarted += w[i].started;
        }
    if (status == PS_OK && !cv2_ok) status = PS_ENOMEM;
    if (status == PS_OK && nstarted == 0) {
        /* no thread could be started: the same blocks, here */
        status = run_serial(s, opts, blocks, total);
    } else if (status == PS_OK) {
        for (uint64_t b = 0; b < blocks; b++) {
            int k = (int)(b % (uint64_t)p.window), stop;
            pthread_mutex_lock(&p.mu);
            while (!p.done[k]) pthread_cond_wait(&p.done_cv, &p.mu);
            pthread_mutex_unlock(&p.mu);
            /* the slot is this thread's until it is freed */
            if ((status = p.slot_status[k]) != PS_OK) {
                set_err(opts, p.slot_err[k]);   /* the first failure in replication order */
                stop = 1;
            } else {
                ps_result_merge(total, p.slot[k]);
                uint64_t first = b * PS_BLOCK;
                int halt = record_block(opts, p.slot_outs[k], first, block_count(opts, first));
                stop = after_merge(opts, total, &status);
                if (halt && !stop) { status = PS_ECALLBACK; stop = 1; }
            }
            pthread_mutex_lock(&p.mu);
            p.done[k] = 0;
            p.merged = b + 1;
            if (stop) p.stop = p.merged;
            pthread_cond_broadcast(&p.merged_cv);
            pthread_mutex_unlock(&p.mu);
            if (stop) break;
        }
    }
    for (int i = 0; i < threads; i++)
        if (w[i].started) pthread_join(w[i].tid, NULL);
    if (cv2_ok) pthread_cond_destroy(&p.done_cv);
    if (cv1_ok) pthread_cond_destroy(&p.merged_cv);
    if (mutex_ok) pthread_mutex_destroy(&p.mu);
    for (int i = 0; i < threads; i++) close_workspace(w[i].ws);
    for (int i = 0; p.slot && i < p.window; i++) ps_result_free(p.slot[i]);
    free(p.slot);
    free(p.slot_status);
    free(p.slot_err);
    for (int i = 0; p.slot_outs && i < p.window; i++) free(p.slot_outs[i]);
    free(p.slot_outs);
    free(p.done);
    return status;
}

ps_status ps_run(const ps_scenario *s, const ps_run_options *opts, ps_result **out)
{
    *out = NULL;
    if (opts->runs == 0) return PS_EINVAL;
    int threads = opts->threads < 1 ? 1 : (opts->threads > PS_MAX_THREADS ? PS_MAX_THREADS : opts->threads);
    uint64_t blocks = (opts->runs + PS_BLOCK - 1) / PS_BLOCK;
    if ((uint64_t)threads > blocks) threads = (int)blocks;
    if (has_scripts(s)) {
        if (!opts->script) {
            set_err(opts, "the scenario has scripted conditions or effects but the run was given no way to call them");
            return PS_EINVAL;
        }
        if (opts->script->max_threads > 0 && threads > opts->script->max_threads) threads = opts->script->max_threads;
    }
    ps_result *total = ps_result_alloc(s);
    if (!total) return PS_ENOMEM;
    ps_status status = threads == 1 ? run_serial(s, opts, blocks, total) : run_pool(s, opts, threads, blocks, total);
    if (status != PS_OK && status != PS_ECALLBACK) { ps_result_free(total); return status; }
    *out = total;
    return status;
}
