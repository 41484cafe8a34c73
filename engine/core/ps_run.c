/* ps_run.c: the Monte Carlo loop (MODEL.md section 7), on one thread or several, for one
 * scenario or for the points of a study run on the same replications.
 *
 * Replications are grouped in blocks of PS_BLOCK; block b holds replications b*PS_BLOCK onwards
 * and is accumulated on its own, then merged into the total in block order. The blocks and the
 * order of merging are the same whatever the number of threads (one thread too), so the result
 * is the same to the last bit for every thread count.
 *
 * With several threads, each worker takes the next block as soon as it is free (a fast core does
 * more blocks than a slow one: no thread waits for another at a barrier), into one of a ring of
 * slots; this thread merges the slots in block order as they complete. A worker does not run
 * more than `window` blocks ahead of the merge, so memory stays bounded whatever the count.
 *
 * A study's points are run together: a worker runs replication r of the baseline, then of every
 * other point, and adds each point's difference from the baseline to its paired accumulator. */
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

/* What a run is: the points, the baseline, how to call their scripts, the options. */
typedef struct plan {
    const ps_scenario *const *s;
    int n, base;
    const ps_script_hooks *const *scripts;   /* n entries, any NULL */
    const ps_run_options *opts;
    uint64_t blocks;
} plan;

/* One block's worth of accumulators: per point a result and a paired sum; the outcomes when
 * they are recorded (one point only), with the values each replication drew (ndrawn a row). A
 * block stopped by the run's cancel flag holds its first `done` replications (status PS_ECALLBACK). */
typedef struct part {
    ps_result *r[PS_MAX_POINTS];
    ps_paired paired[PS_MAX_POINTS];
    ps_outcome *pending;        /* one replication's outcome for each point, added once all are run */
    ps_outcome *outs;
    uint64_t done;
    double *drawn;
    int ndrawn;
    ps_status status;
    char err[512];
} part;

static void part_free(part *pt)
{
    if (!pt) return;
    for (int p = 0; p < PS_MAX_POINTS; p++) ps_result_free(pt->r[p]);
    free(pt->pending);
    free(pt->outs);
    free(pt->drawn);
    free(pt);
}

static part *part_alloc(const plan *pl)
{
    part *pt = calloc(1, sizeof *pt);
    if (!pt) return NULL;
    for (int p = 0; p < pl->n; p++) {
        if (!(pt->r[p] = ps_result_alloc(pl->s[p]))) { part_free(pt); return NULL; }
        pt->paired[p].nissues = pl->s[p]->nissues;
    }
    if (!(pt->pending = malloc((size_t)pl->n * sizeof *pt->pending))) { part_free(pt); return NULL; }
    if (pl->opts->record) {
        for (int i = 0; i < pl->s[0]->nvalues; i++) pt->ndrawn += pl->s[0]->values[i].kind != PS_VAL_CONST;
        pt->outs = malloc(PS_BLOCK * sizeof *pt->outs);
        pt->drawn = malloc(sizeof *pt->drawn * PS_BLOCK * (size_t)(pt->ndrawn > 0 ? pt->ndrawn : 1));
        if (!pt->outs || !pt->drawn) { part_free(pt); return NULL; }
    }
    return pt;
}

static uint64_t block_count(const plan *pl, uint64_t first)
{
    return pl->opts->runs - first < PS_BLOCK ? pl->opts->runs - first : PS_BLOCK;
}

/* Replications of block b, for every point, into pt. Fails only when a scripted call fails: the
 * message, with where it happened, is then in pt->err. Stops with the replications done so far
 * when the run's cancel flag is raised: a replication is counted only once every point has run
 * it, so the block holds replications first .. first + done - 1 of every point. */
static void run_block(const plan *pl, ps_workspace *const *ws, part *pt, uint64_t b)
{
    uint64_t first = b * PS_BLOCK, count = block_count(pl, first), seed = pl->opts->seed;
    const volatile sig_atomic_t *cancel = pl->opts->cancel;
    pt->status = PS_OK;
    pt->done = 0;
    for (uint64_t rep = first; rep < first + count; rep++) {
        for (int i = 0; i < pl->n; i++) {
            /* the baseline first, so that every other point can be paired with it */
            int p = i == 0 ? pl->base : (i <= pl->base ? i - 1 : i);
            ps_replicate(ws[p], seed, rep, &pt->pending[p]);
            if (cancel && *cancel) {   /* whatever this replication did, it is dropped */
                pt->status = PS_ECALLBACK;
                return;
            }
            if (ws[p]->script_status != PS_OK) {
                snprintf(pt->err, sizeof pt->err, "%s (replication %llu, round %d)", ws[p]->script_err,
                         (unsigned long long)rep, ws[p]->st.t);
                pt->status = ws[p]->script_status;
                return;
            }
        }
        const ps_outcome *base = &pt->pending[pl->base];
        for (int p = 0; p < pl->n; p++) {
            ps_result_add(pt->r[p], &pt->pending[p]);
            if (p != pl->base) ps_paired_add(&pt->paired[p], &pt->pending[p], base);
        }
        if (pt->outs) {
            /* recorded (one point): the draws stay in the workspace until its next replication */
            const ps_workspace *w = ws[pl->base];
            double *d = pt->drawn + (size_t)(rep - first) * (size_t)pt->ndrawn;
            for (int j = 0; j < w->ndrawn; j++) d[j] = w->v[w->drawn[j]];
            pt->outs[rep - first] = *base;
            pt->outs[rep - first].forecast = NULL;
            pt->outs[rep - first].drawn = d;
        }
        pt->done++;
    }
}

static void set_err(const ps_run_options *opts, const char *msg)
{
    if (opts->err && opts->errlen) snprintf(opts->err, opts->errlen, "%s", msg);
}

static int has_scripts(const ps_scenario *s)
{
    for (int e = 0; e < s->nevents; e++)
        if (s->events[e].script_when || s->events[e].script_effect) return 1;
    return 0;
}

/* A workspace for point p on worker i, with its script context when the scenario has scripts. */
static ps_status open_workspace(const plan *pl, int p, int i, ps_workspace **out)
{
    ps_workspace *ws = *out = ps_workspace_alloc(pl->s[p]);
    if (!ws) return PS_ENOMEM;
    ws->cancel = pl->opts->cancel;
    if (!has_scripts(pl->s[p])) return PS_OK;
    ws->hooks = pl->scripts[p];
    ws->script_ctx = ws->hooks->open(ws->hooks->data, i, ws->script_err, sizeof ws->script_err);
    if (!ws->script_ctx) {
        if (pl->opts->cancel && *pl->opts->cancel) return PS_ECALLBACK;   /* stopped while the script ran again */
        set_err(pl->opts, ws->script_err);
        return PS_EINVAL;
    }
    return PS_OK;
}

static void close_workspace(ps_workspace *ws)
{
    if (ws && ws->script_ctx) ws->hooks->close(ws->script_ctx);
    ps_workspace_free(ws);
}

/* Merges block b's part into the totals (then empties it), records its outcomes, and decides
 * whether to stop: at the precision, when progress or record asks, when the run was cancelled
 * (the block's replications done are merged first: with the blocks before, a prefix of the run).
 * Returns 1 to stop. */
static int merge_part(const plan *pl, part *pt, uint64_t b, ps_result **total, ps_paired *paired, ps_status *status)
{
    const ps_run_options *opts = pl->opts;
    if (pt->status != PS_OK && pt->status != PS_ECALLBACK && opts->cancel && *opts->cancel)
        pt->status = PS_ECALLBACK;   /* a scripted call failed because the run was being stopped */
    if (pt->status != PS_OK && pt->status != PS_ECALLBACK) {
        *status = pt->status;
        set_err(opts, pt->err);   /* the first failure in replication order */
        return 1;
    }
    for (int p = 0; p < pl->n; p++) {
        ps_result_merge(total[p], pt->r[p]);
        if (paired && p != pl->base) ps_paired_merge(&paired[p], &pt->paired[p]);
    }
    int halt = 0;
    uint64_t first = b * PS_BLOCK;
    for (uint64_t i = 0; pt->outs && i < pt->done; i++)
        if (opts->record(opts->record_ctx, first + i, &pt->outs[i])) halt = 1;
    if (pt->status == PS_ECALLBACK) {
        *status = PS_ECALLBACK;
        return 1;
    }
    /* blocks after the one that reached the precision are dropped: the stopping block is the
     * same for any number of threads */
    if (opts->precision > 0) {
        int within = 1;
        for (int p = 0; p < pl->n && within; p++) within = ps_result_within(total[p], opts->interval, opts->precision);
        if (within) return 1;
    }
    if ((opts->progress && opts->progress(opts->progress_ctx, total[0]->runs, opts->runs)) || halt) {
        *status = PS_ECALLBACK;
        return 1;
    }
    return 0;
}

static ps_status run_serial(const plan *pl, ps_result **total, ps_paired *paired)
{
    ps_workspace *ws[PS_MAX_POINTS] = {0};
    ps_status status = PS_OK;
    for (int p = 0; status == PS_OK && p < pl->n; p++) status = open_workspace(pl, p, 0, &ws[p]);
    part *pt = status == PS_OK ? part_alloc(pl) : NULL;
    if (status == PS_OK && !pt) status = PS_ENOMEM;
    for (uint64_t b = 0; status == PS_OK && b < pl->blocks; b++) {
        run_block(pl, ws, pt, b);
        if (merge_part(pl, pt, b, total, paired, &status)) break;
    }
    for (int p = 0; p < pl->n; p++) close_workspace(ws[p]);
    part_free(pt);
    return status;
}

/* What the workers and the merging thread share; every field below `mu` is guarded by it. */
typedef struct pool {
    const plan *pl;
    int window;                  /* slots in the ring: blocks may run this far ahead of the merge */
    part **slot;                 /* block b goes to slot[b % window] */
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
    ps_workspace *ws[PS_MAX_POINTS];
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
        int k = (int)(b % (uint64_t)p->window);
        run_block(p->pl, w->ws, p->slot[k], b);
        pthread_mutex_lock(&p->mu);
        p->done[k] = 1;
        pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static ps_status run_pool(const plan *pl, int threads, ps_result **total, ps_paired *paired)
{
    pool p = {.pl = pl, .window = 2 * threads, .stop = pl->blocks};
    worker w[PS_MAX_THREADS] = {{0}};
    ps_status status = PS_OK;
    p.slot = calloc((size_t)p.window, sizeof *p.slot);
    p.done = calloc((size_t)p.window, 1);
    if (!p.slot || !p.done) status = PS_ENOMEM;
    for (int i = 0; status == PS_OK && i < p.window; i++)
        if (!(p.slot[i] = part_alloc(pl))) status = PS_ENOMEM;
    for (int i = 0; status == PS_OK && i < threads; i++) {
        w[i].p = &p;
        for (int q = 0; status == PS_OK && q < pl->n; q++) status = open_workspace(pl, q, i, &w[i].ws[q]);
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
        status = run_serial(pl, total, paired);
    } else if (status == PS_OK) {
        for (uint64_t b = 0; b < pl->blocks; b++) {
            int k = (int)(b % (uint64_t)p.window);
            pthread_mutex_lock(&p.mu);
            while (!p.done[k]) pthread_cond_wait(&p.done_cv, &p.mu);
            pthread_mutex_unlock(&p.mu);
            /* the slot is this thread's until it is freed */
            int stop = merge_part(pl, p.slot[k], b, total, paired, &status);
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
    for (int i = 0; i < threads; i++)
        for (int q = 0; q < pl->n; q++) close_workspace(w[i].ws[q]);
    for (int i = 0; p.slot && i < p.window; i++) part_free(p.slot[i]);
    free(p.slot);
    free(p.done);
    return status;
}

ps_status ps_run_points(const ps_scenario *const *s, int n, int baseline, const ps_script_hooks *const *scripts,
                        const ps_run_options *opts, ps_result **out, ps_paired *paired)
{
    for (int p = 0; p < n && p < PS_MAX_POINTS; p++) out[p] = NULL;
    if (opts->runs == 0 || n < 1 || n > PS_MAX_POINTS || baseline < 0 || baseline >= n) return PS_EINVAL;
    if (opts->record && n != 1) return PS_EINVAL;
    int threads = opts->threads < 1 ? 1 : (opts->threads > PS_MAX_THREADS ? PS_MAX_THREADS : opts->threads);
    plan pl = {s, n, baseline, scripts, opts, (opts->runs + PS_BLOCK - 1) / PS_BLOCK};
    if ((uint64_t)threads > pl.blocks) threads = (int)pl.blocks;
    for (int p = 0; p < n; p++) {
        /* differences are paired issue by issue: the same issues, in the same order */
        int same = s[p]->nissues == s[baseline]->nissues;
        for (int k = 0; same && k < s[p]->nissues; k++) same = strcmp(s[p]->issues[k].name, s[baseline]->issues[k].name) == 0;
        if (!same) {
            set_err(opts, "the points of a study must have the same issues, declared in the same order");
            return PS_EINVAL;
        }
        if (!has_scripts(s[p])) continue;
        if (!scripts || !scripts[p]) {
            set_err(opts, "the scenario has scripted conditions or effects but the run was given no way to call them");
            return PS_EINVAL;
        }
        if (scripts[p]->max_threads > 0 && threads > scripts[p]->max_threads) threads = scripts[p]->max_threads;
    }
    if (paired)
        for (int p = 0; p < n; p++) {
            memset(&paired[p], 0, sizeof paired[p]);
            paired[p].nissues = s[p]->nissues;
        }
    ps_status status = PS_OK;
    for (int p = 0; p < n; p++)
        if (!(out[p] = ps_result_alloc(s[p]))) status = PS_ENOMEM;
    if (status == PS_OK) status = threads == 1 ? run_serial(&pl, out, paired) : run_pool(&pl, threads, out, paired);
    if (status != PS_OK && status != PS_ECALLBACK)
        for (int p = 0; p < n; p++) { ps_result_free(out[p]); out[p] = NULL; }
    return status;
}

ps_status ps_run(const ps_scenario *s, const ps_run_options *opts, ps_result **out)
{
    const ps_script_hooks *scripts[1] = {opts->script};
    return ps_run_points(&s, 1, 0, scripts, opts, out, NULL);
}

ps_status ps_run_one(const ps_scenario *s, uint64_t seed, uint64_t rep, const ps_script_hooks *scripts,
                     const ps_observer *obs, ps_outcome *out, char *err, size_t errlen)
{
    ps_run_options opts = {.runs = 1, .seed = seed, .threads = 1, .err = err, .errlen = errlen};
    const ps_script_hooks *hooks[1] = {scripts};
    plan pl = {&s, 1, 0, hooks, &opts, 1};
    if (has_scripts(s) && !scripts) {
        set_err(&opts, "the scenario has scripted conditions or effects but the run was given no way to call them");
        return PS_EINVAL;
    }
    ps_workspace *ws;
    ps_status status = open_workspace(&pl, 0, 0, &ws);
    if (status == PS_OK) {
        ws->obs = obs;
        ps_replicate(ws, seed, rep, out);
        out->forecast = NULL;
        if (ws->script_status != PS_OK) {
            snprintf(err, errlen, "%s (replication %llu, round %d)", ws->script_err, (unsigned long long)rep, ws->st.t);
            status = ws->script_status;
        }
    }
    close_workspace(ws);
    return status;
}
