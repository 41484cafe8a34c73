/* ps_batches.c: a study's calls in order, or side by side when one alone leaves threads idle. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_batches.h"

int ps_batches_lanes(uint64_t runs, int threads, int ncalls)
{
    uint64_t blocks = (runs + PS_BLOCK - 1) / PS_BLOCK;
    if (threads <= 1 || ncalls <= 1 || blocks >= (uint64_t)threads) return 1;
    int lanes = (int)((uint64_t)threads / (blocks > 0 ? blocks : 1));
    if (lanes < 1) lanes = 1;
    return lanes < ncalls ? lanes : ncalls;
}

typedef struct batches {
    int ncalls, lanes;
    ps_batch_fn fn;
    void *ctx;
    const ps_run_options *opts;
    atomic_int finished;       /* calls done, over every lane */
    atomic_int failed;         /* a call failed: no further call starts */
    ps_status *status;         /* per call */
    char (*err)[1024];         /* per lane: the message of its failing call */
    int *err_call;             /* per lane: which call failed there, or -1 */
} batches;

typedef struct lane {
    batches *b;
    int index;
} lane;

/* Lane 0's progress: the calls finished anywhere, and its own call's replications. */
static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
    batches *b = ctx;
    (void)total;
    uint64_t before = (uint64_t)atomic_load(&b->finished) * b->opts->runs;
    return b->opts->progress(b->opts->progress_ctx, before + done, (uint64_t)b->ncalls * b->opts->runs);
}

static void *run_lane(void *arg)
{
    lane *ln = arg;
    batches *b = ln->b;
    ps_run_options ro = *b->opts;
    ro.threads = b->opts->threads / b->lanes > 1 ? b->opts->threads / b->lanes : 1;
    ro.err = b->err[ln->index];
    ro.errlen = sizeof b->err[ln->index];
    ro.err[0] = '\0';
    if (ln->index == 0 && b->opts->progress) { ro.progress = on_progress; ro.progress_ctx = b; }
    else { ro.progress = NULL; ro.progress_ctx = NULL; }
    for (int c = ln->index; c < b->ncalls && !atomic_load(&b->failed); c += b->lanes) {
        b->status[c] = b->fn(b->ctx, c, &ro);
        if (b->status[c] != PS_OK) {
            if (b->err_call[ln->index] < 0) b->err_call[ln->index] = c;
            atomic_store(&b->failed, 1);
            break;
        }
        atomic_fetch_add(&b->finished, 1);
    }
    return NULL;
}

ps_status ps_batches_run(int ncalls, int lanes, ps_batch_fn fn, void *ctx, const ps_run_options *opts)
{
    if (ncalls <= 0) return PS_OK;
    if (lanes < 1) lanes = 1;
    if (lanes > ncalls) lanes = ncalls;
    batches b = {.ncalls = ncalls, .lanes = lanes, .fn = fn, .ctx = ctx, .opts = opts};
    atomic_init(&b.finished, 0);
    atomic_init(&b.failed, 0);
    b.status = malloc(sizeof *b.status * (size_t)ncalls);
    b.err = malloc(sizeof *b.err * (size_t)lanes);
    b.err_call = malloc(sizeof *b.err_call * (size_t)lanes);
    lane *ln = malloc(sizeof *ln * (size_t)lanes);
    pthread_t *th = malloc(sizeof *th * (size_t)lanes);
    if (!b.status || !b.err || !b.err_call || !ln || !th) {
        free(b.status); free(b.err); free(b.err_call); free(ln); free(th);
        return PS_ENOMEM;
    }
    for (int c = 0; c < ncalls; c++) b.status[c] = PS_OK;
    int started = 1;
    ps_status st = PS_OK;
    for (int l = 0; l < lanes; l++) {
        ln[l] = (lane){&b, l};
        b.err_call[l] = -1;
    }
    for (int l = 1; l < lanes; l++) {
        if (pthread_create(&th[l], NULL, run_lane, &ln[l]) != 0) {
            atomic_store(&b.failed, 1);
            st = PS_ENOMEM;
            break;
        }
        started++;
    }
    run_lane(&ln[0]);
    for (int l = 1; l < started; l++) pthread_join(th[l], NULL);
    /* the first failure in call order, whatever lane met it */
    for (int c = 0; c < ncalls && st == PS_OK; c++)
        if (b.status[c] != PS_OK) {
            st = b.status[c];
            int l = c % lanes;
            if (opts->err && b.err_call[l] == c) snprintf(opts->err, opts->errlen, "%s", b.err[l]);
        }
    free(b.status); free(b.err); free(b.err_call); free(ln); free(th);
    return st;
}

static int on_offset_progress(void *ctx, uint64_t done, uint64_t total)
{
    ps_progress_offset *off = ctx;
    uint64_t in = total > 0 ? (uint64_t)((double)off->part * (double)done / (double)total) : 0;
    return off->opts->progress(off->opts->progress_ctx, off->before + in, off->total);
}

ps_run_options ps_progress_offset_options(const ps_run_options *opts, ps_progress_offset *off)
{
    ps_run_options ro = *opts;
    off->opts = opts;
    if (opts->progress) { ro.progress = on_offset_progress; ro.progress_ctx = off; }
    return ro;
}
