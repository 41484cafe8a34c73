/* ps_cli.h: the command-line program's parts. */
#ifndef PS_CLI_H
#define PS_CLI_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "ps_accum.h"
#include "ps_model.h"
#include "ps_sandbox.h"
#include <cJSON.h>
#include "ps_lua.h"
#include "ps_script.h"

/* Exit codes (docs/CLI.md). */
#define PS_EXIT_OK 0
#define PS_EXIT_FAILURE 1
#define PS_EXIT_USAGE 2

/* `peacesim run ...`: argv[0] is "run". Returns an exit code. */
int ps_cli_run(int argc, char **argv);
/* `peacesim sweep ...`: argv[0] is "sweep". Returns an exit code. */
int ps_cli_sweep(int argc, char **argv);
/* `peacesim sensitivity ...`: argv[0] is "sensitivity". Returns an exit code. */
int ps_cli_sensitivity(int argc, char **argv);

/* Prints "peacesim: " and the message to stderr. */
void ps_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes len bytes to path through a temporary file in the same folder and a rename, so the
 * file is either the old one or the whole new one; "-" writes to stdout. Returns 0, or -1 with
 * a message in err. */
int ps_file_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* A file written as a stream and renamed into place only when complete. */
typedef struct ps_out ps_out;
/* Opens a temporary file beside path ("-": stdout) to write to. NULL with a message in err. */
ps_out *ps_out_open(const char *path, char *err, size_t errlen);
FILE *ps_out_file(ps_out *o);
/* commit: flushes, syncs and renames the file into place (0, or -1 with a message in err when
 * any write failed: the old file stays); !commit: removes it (returns -1). Frees o. */
int ps_out_close(ps_out *o, int commit, char *err, size_t errlen);

/* Checks, before a long run, that path could be written: its folder exists and is writable, and
 * it is not a folder itself. Returns 0, or -1 with a message in err. */
int ps_file_check_writable(const char *path, char *err, size_t errlen);

/* A progress bar on stderr. */
typedef struct ps_progress {
    double start, last_draw;
    int drawn;
} ps_progress;

void ps_progress_start(ps_progress *p);
/* A ps_progress_fn: redraws at most ten times a second. Returns 0 (never stops the run). */
int ps_progress_update(void *ctx, uint64_t done, uint64_t total);
/* Erases the bar if one was drawn. */
void ps_progress_finish(ps_progress *p);

double ps_cli_now(void);

/* ---- ps_cli_common.c: what the commands that run Monte Carlo share ---- */

#define PS_CLI_MAX_SETS PS_MAX_PARAMS

/* The options every such command takes (docs/CLI.md). */
typedef struct ps_cli_common {
    const char *path, *json, *csv, *report;
    const char *set_names[PS_CLI_MAX_SETS], *set_values[PS_CLI_MAX_SETS];
    char set_buf[PS_CLI_MAX_SETS][PS_NAME_MAX];
    int nset, quiet, threads;
    uint64_t runs, seed;
    ps_interval interval;
    double precision;
    ps_sandbox_limits limits;
} ps_cli_common;

/* The defaults: `runs` replications, seed 1, Wilson intervals, every processor, the sandbox's
 * default budgets. */
void ps_cli_common_init(ps_cli_common *o, uint64_t runs);
/* Reads argv[*i] if it is one of the shared options (--runs, --seed, --set, --json, --csv,
 * --quiet, --interval, --threads, --lua-*), advancing *i past its value: returns 1; 0 when it
 * is not one of them; -1 after printing what is wrong with it. */
int ps_cli_common_parse(ps_cli_common *o, int argc, char **argv, int *i);
/* The end of command cmd's option loop, for an argument a that no option took: an unknown option
 * is an error; the first other argument is the scenario; a second is an error. Returns 0, or -1
 * after printing the error (the caller exits with PS_EXIT_USAGE). */
int ps_cli_scenario_arg(ps_cli_common *o, const char *cmd, const char *a);
/* Checks before a run that --json, --csv and --report can be written. 0, or -1 after printing why. */
int ps_cli_check_outputs(const ps_cli_common *o);
/* Writes doc (then deleted) as JSON to path ("-": stdout), whole or not at all; `option` names
 * it in messages ("--json"). 0, or -1 after printing why. */
int ps_cli_write_json(const char *path, const char *option, cJSON *doc);

/* The command's one budget for all its Lua states (made at the first call from `limits`, freed at
 * exit), which SIGINT and SIGTERM stop through ps_cli_stop_signal. NULL when out of memory. */
ps_budget *ps_cli_budget(const ps_sandbox_limits *limits);

/* Runs the scenario script of o into *s with the hooks its event functions need (*hooks, or
 * NULL); fills *so (which the hooks' copies of the script share). A study script gives *s NULL:
 * PS_EXIT_OK when cmd is NULL (run allows studies), else an error naming cmd. Returns an exit
 * code after printing what went wrong. quiet_print: the script's print() goes to stderr. */
int ps_cli_load(const ps_cli_common *o, const char *cmd, int quiet_print, ps_script_options *so, ps_scenario **s,
                ps_script_hooks **hooks);

/* Writes doc as an HTML report (ps_html.h) to path, whole or not at all. 0, or -1 after printing why. */
int ps_cli_write_report(const char *path, const cJSON *doc);
/* `peacesim play ...`: argv[0] is "play". Returns an exit code. */
int ps_cli_play(int argc, char **argv);
/* `peacesim brief ...`: argv[0] is "brief". Returns an exit code. */
int ps_cli_brief(int argc, char **argv);
/* `peacesim trace ...`: argv[0] is "trace". Returns an exit code. */
int ps_cli_trace(int argc, char **argv);
/* `peacesim report ...`: argv[0] is "report". Returns an exit code. */
int ps_cli_report(int argc, char **argv);

/* Parses a whole decimal number in [lo, hi]; returns 0 or -1. */
int ps_cli_parse_u64(const char *text, uint64_t lo, uint64_t hi, uint64_t *out);

/* SIGINT or SIGTERM during the Monte Carlo: the signal's number, read by the progress callback,
 * which stops the run at its next check (after each block of replications). */
extern volatile sig_atomic_t ps_cli_stop_signal;
void ps_cli_catch_stop_signals(int on);
typedef struct ps_cli_watch { ps_progress bar; int show_bar; } ps_cli_watch;
/* A ps_progress_fn: stops on a signal, draws the bar when there is one. */
int ps_cli_watch_progress(void *ctx, uint64_t done, uint64_t total);

#endif
