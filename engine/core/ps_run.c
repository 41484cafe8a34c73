/* ps_run.c: the Monte Carlo loop (MODEL.md section 7). */
#include <gsl/gsl_errno.h>
#include "ps_run.h"
#include "ps_engine.h"

void ps_engine_init(void) { gsl_set_error_handler_off(); }

ps_status ps_run(const ps_scenario *s, const ps_run_options *opts, ps_result **out)
{
    *out = NULL;
    if (opts->runs == 0) return PS_EINVAL;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_result *r = ps_result_alloc(s);
    if (!ws || !r) { ps_workspace_free(ws); ps_result_free(r); return PS_ENOMEM; }
    ps_status status = PS_OK;
    ps_outcome o;
    for (uint64_t rep = 0; rep < opts->runs; rep++) {
        ps_replicate(ws, opts->seed, rep, &o);
        ps_result_add(r, &o);
        if (opts->progress && ((rep + 1) % PS_PROGRESS_EVERY == 0 || rep + 1 == opts->runs)
            && opts->progress(opts->progress_ctx, rep + 1, opts->runs)) {
            status = PS_ECALLBACK;
            break;
        }
    }
    ps_workspace_free(ws);
    *out = r;
    return status;
}
