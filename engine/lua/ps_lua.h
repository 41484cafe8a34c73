/* ps_lua.h: running a scenario or study script, the binding layer's entry point for the CLI. */
#ifndef PS_LUA_H
#define PS_LUA_H

#include <stddef.h>
#include "ps_model.h"
#include "ps_sandbox.h"

typedef struct ps_script_options {
    const char *path;              /* the script; NULL runs the built-in default scenario */
    int nset;                      /* --set NAME=VALUE overrides */
    const char *const *set_names;
    const char *const *set_values;
    ps_sandbox_limits limits;      /* used when budget is NULL */
    ps_budget *budget;             /* the command's budget, shared by every state; NULL: a budget
                                      of `limits` for this one call */
    const char *version;           /* reported in peacesim.run's results */
    int print_to_stderr;           /* print() writes to stderr (when stdout carries the JSON) */
    const char *set_label;         /* how messages name the overrides (NULL: "--set") */
    const char *source;            /* if not NULL: the script's text (source_len bytes), named by path */
    size_t source_len;
    /* if not NULL: called with the path of every file the script reads through csv() or
     * peacesim.load() (as "FOLDER/NAME"), once it is open: so that a command can refuse to
     * write its output over one of them */
    void (*on_read)(void *ctx, const char *path);
    void *on_read_ctx;
    /* if not NULL: a run in a world, where the k-th assumed() call of the script takes the value
       world[k] instead of its central value (its central value when k >= nworld or world[k] is
       NaN) */
    const double *world;
    int nworld;
} ps_script_options;

/* The name of the built-in default scenario, and its text. */
extern const char ps_builtin_istanbul_2025[];
extern const size_t ps_builtin_istanbul_2025_len;
#define PS_DEFAULT_SCENARIO "istanbul_2025.lua"

/* The largest scenario file peacesim.load reads. */
#define PS_SCRIPT_MAX_BYTES (16u << 20)

/* Reads the script at path whole (at most PS_SCRIPT_MAX_BYTES; a pipe too), for ps_script_options
 * .source: so that its first run, a sweep's points and the worker threads' runs all use the same
 * text, even when the file changes or can be read only once. Returns a buffer the caller frees,
 * or NULL with "PATH: cannot read the scenario: why" in err. */
char *ps_script_read(const char *path, size_t *len, char *err, size_t errlen);

/* Runs the script sandboxed. A script that returns a scenario gives it in *out (the caller
 * frees it with ps_scenario_free); a study script, which returns nothing, gives *out = NULL.
 * Returns PS_OK; PS_EINVAL for a bad script or override, with "FILE:LINE: what is wrong" in err;
 * PS_EIO when the file cannot be read (err says why); PS_ENOMEM. */
ps_status ps_script_run(const ps_script_options *opts, ps_scenario **out, char *err, size_t errlen);

/* Runs the script in the sandbox sb (the caller's, fresh) as ps_script_run does, but keeps the
 * state: for a worker's own copy of a scenario with event functions. With `replica`, print() is
 * silent, peacesim.run raises an error, and the scenario value the script returned is left on
 * the state's stack top (PS_EINVAL if it returned none). Returns as ps_script_run. */
ps_status ps_script_run_in(ps_sandbox *sb, const ps_script_options *opts, int replica, char *err, size_t errlen);

/* A ps_remake_fn: runs the script of ctx (a ps_script_options, which must outlive every scenario
 * made) again in the world x of s's assumptions, the call that made assumption j taking x[j]
 * (ps_assumption.call) and every other assumed() call its central value. Returns the scenario,
 * or NULL with the script's message in err (also when the script makes other assumptions than
 * s has). */
ps_scenario *ps_script_remake(void *ctx, const ps_scenario *s, const double *x, char *err, size_t errlen);

#endif
