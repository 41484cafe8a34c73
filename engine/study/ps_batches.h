/* ps_batches.h: the calls of a study (each one ps_run_points of some of its points), run in
 * order or, when one call alone would leave threads idle, side by side on several threads. */
#ifndef PS_BATCHES_H
#define PS_BATCHES_H

#include "ps_run.h"

/* Call `call` of a study, run with options ro (its thread count, progress and message buffer
 * chosen by ps_batches_run). It owns what it allocates and writes its results where no other
 * call writes. Returns a ps_run_points status. */
typedef ps_status (*ps_batch_fn)(void *ctx, int call, const ps_run_options *ro);

/* How many calls of `runs` replications should run side by side on `threads` threads: 1 when
 * a call alone keeps every thread busy (at least one block of PS_BLOCK replications a thread)
 * or there is one call; else the threads a call would leave idle, at most ncalls. Can't fail. */
int ps_batches_lanes(uint64_t runs, int threads, int ncalls);

/* Runs fn(ctx, c, ro) for every call c < ncalls on `lanes` lanes (ps_batches_lanes; 1: in order
 * on the calling thread): call c on lane c % lanes, lane 0 the calling thread, each lane's calls
 * with threads / lanes workers (at least one). Every call's results depend on its points and
 * replications only, so they are the same bits whatever the lanes. opts->progress is called on
 * the calling thread with the replications of every call finished plus those of its own current
 * call, of ncalls * runs; opts->cancel is seen by every call. After a failure no further call
 * starts. Returns PS_OK, or the status of the first failing call in call order (its message in
 * opts->err), PS_ENOMEM when a thread cannot start. */
ps_status ps_batches_run(int ncalls, int lanes, ps_batch_fn fn, void *ctx, const ps_run_options *opts);

/* A study's progress over parts run one after another: a part counts for `part` of the study's
 * `total`, after the `before` of the parts ahead of it, whatever units its own progress has.
 * Set before and part as each part starts; run the part with ps_progress_offset_options. */
typedef struct ps_progress_offset {
    const ps_run_options *opts;
    uint64_t before, part, total;
} ps_progress_offset;

/* opts with its progress reported through off (before + part * done / the part's own total, of
 * off->total); opts itself when it has no progress callback. Can't fail. */
ps_run_options ps_progress_offset_options(const ps_run_options *opts, ps_progress_offset *off);

#endif
