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
#include "ps_worlds.h"

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

/* At start (ps_terminal.c): holds descriptors 0, 1 and 2 open (a closed one becomes /dev/null,
 * so no file takes its number) and puts standard output and error, where they are terminals,
 * behind a stream that escapes what scripts wrote. Call once, first. */
void ps_terminal_open(void);
/* At the end: checks that everything written to standard output reached it (else a message and,
 * for a command that had succeeded, exit status 1), closes it and puts the plain streams back.
 * Returns the exit code to use. */
int ps_terminal_close(int code);

/* Prints "peacesim: " and the message to stderr, escaped (ps_cli_escape) and cut to
 * PS_CLI_ERROR_MAX bytes (on a character's boundary, with a note that it was cut): messages
 * carry text from scripts and the command line, which may be hostile. */
void ps_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define PS_CLI_ERROR_MAX 2000
/* Writes len bytes of s to f with every control character (C0 but newline and tab, DEL, C1),
 * every byte that is not part of valid UTF-8 and the bidirectional overrides escaped as \xHH or
 * \uHHHH, so text from a script cannot drive the terminal. Returns 0, or -1 when a write failed. */
int ps_cli_escape(FILE *f, const char *s, size_t len);

/* Output paths (docs/CLI.md, "Output files"). A regular file (or a symbolic link to one) is
 * written to a temporary file beside it ("FILE.tmp.XXXXXX") and renamed onto it when complete,
 * keeping its permissions (and, as root, its owner and group); a new path likewise. "-",
 * /dev/stdout, /dev/stderr and /dev/fd/N write to that descriptor, a character device or a FIFO
 * is opened and written as it goes; a folder, a block device, a socket and a symbolic link to
 * nothing are refused. */

/* Writes len bytes to path, whole or not at all (above). Returns 0, or -1 with a message in err. */
int ps_file_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* A file written as a stream and renamed into place only when complete. */
typedef struct ps_out ps_out;
/* Opens path to write to (above; a FIFO waits for its reader). NULL with a message in err. */
ps_out *ps_out_open(const char *path, char *err, size_t errlen);
FILE *ps_out_file(ps_out *o);
/* commit: flushes, syncs and renames the file into place (0, or -1 with a message in err when
 * any write failed: the old file stays); !commit: removes it (returns -1). Frees o. Written
 * directly (a device, a FIFO, a descriptor): flushes and closes, the same returns. */
int ps_out_close(ps_out *o, int commit, char *err, size_t errlen);

/* Checks, before a long run, that path could be written (above): its folder exists and is
 * writable, and it is none of the kinds refused. Returns 0, or -1 with a message in err. */
int ps_file_check_writable(const char *path, char *err, size_t errlen);
/* The descriptor that path names: 1 for "-" and /dev/stdout, 2 for /dev/stderr, 0 for
 * /dev/stdin, N for /dev/fd/N and /proc/self/fd/N; -1 for any other path. */
int ps_file_std_fd(const char *path);
/* 1 when paths a and b name the same file: the same descriptor ("-" and /dev/stdout), the same
 * device and inode when it exists, else the same path once its folder is resolved (through ., ..
 * and links); the null device is otherwise never the same as anything (it takes any number of
 * outputs). 0 otherwise. */
int ps_file_same(const char *a, const char *b);

/* No temporary output file is left when a signal ends peacesim: installs, for each signal whose
 * default action ends the process (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1,
 * SIGUSR2, SIGXCPU, SIGVTALRM, SIGPROF), a handler that removes the temporaries and then ends
 * peacesim by that signal, as its default action would; a signal ignored at start stays ignored.
 * SIGXFSZ is ignored, so a file-size limit is a write error (exit 1, the old file kept). Call
 * once, at start. */
void ps_file_catch_signals(void);
/* Puts back sig's disposition of ps_file_catch_signals, after another handler was installed
 * for a while (ps_cli_catch_stop_signals). */
void ps_file_restore_signal(int sig);
/* Removes every temporary output file that exists now. Async-signal-safe: for any signal
 * handler that ends peacesim itself (or before _exit). */
void ps_file_remove_temps(void);

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
    int central;              /* --central: no band across the assumptions' worlds */
    int worlds;               /* --worlds N (default PS_CLI_WORLDS) */
    uint64_t world_runs;      /* --world-runs N: replications per world (default PS_CLI_WORLD_RUNS) */
    int worlds_given;         /* --worlds or --world-runs was given */
    int world_runs_given;     /* --world-runs was given */
} ps_cli_common;
#define PS_CLI_WORLDS PS_WORLDS_DEFAULT
#define PS_CLI_WORLD_RUNS PS_WORLD_RUNS_DEFAULT

/* The defaults: `runs` replications, seed 1, Wilson intervals, every processor, the sandbox's
 * default budgets. */
void ps_cli_common_init(ps_cli_common *o, uint64_t runs);
/* Reads argv[*i] if it is one of the shared options (--runs, --seed, --set, --json, --csv,
 * --quiet, --interval, --threads, --lua-*), advancing *i past its value: returns 1; 0 when it
 * is not one of them; -1 after printing what is wrong with it. */
int ps_cli_common_parse(ps_cli_common *o, int argc, char **argv, int *i);

/* Reads argv[*i] if it is one of the options of a band across worlds (--central, --worlds N,
 * --world-runs N), for the commands that show one (run, sweep); returns as ps_cli_common_parse. */
int ps_cli_worlds_parse(ps_cli_common *o, int argc, char **argv, int *i);
/* After the options: a world runs at most --runs replications unless --world-runs says how many
 * (a quick --runs 500 look is not slowed by a band of 1,000 a world). Can't fail. */
void ps_cli_worlds_defaults(ps_cli_common *o);

/* What an option's value may be, for ps_cli_value. */
#define PS_CLI_PATH 1      /* a path: the message says how to name a file that starts with '-' */
#define PS_CLI_STDOUT 2    /* "-" is a value: standard output */
#define PS_CLI_NUMBER 4    /* a negative number is a value (for the option to refuse, or take) */
/* The value of option argv[i], argv[i + 1]. NULL after printing "OPTION needs NEEDS" when there
 * is none, or when it looks like another option: it starts with '-' and is neither "-" (with
 * PS_CLI_STDOUT) nor a negative number (with PS_CLI_NUMBER). */
const char *ps_cli_value(int argc, char **argv, int i, int kind, const char *needs);

/* The end of command cmd's option loop, for an argument a that no option took: an unknown option
 * is an error; the first other argument is the scenario; a second is an error. Returns 0, or -1
 * after printing the error (the caller exits with PS_EXIT_USAGE). */
int ps_cli_scenario_arg(ps_cli_common *o, const char *cmd, const char *a);

/* A file a command reads or writes, for ps_cli_check_files. */
typedef struct ps_cli_file {
    const char *what;        /* how messages name it: "--json", "-o", "the scenario" */
    const char *path;        /* NULL: not given (skipped) */
    int output;              /* 1: written; 0: read */
} ps_cli_file;
/* Checks before any work that each output can be written (ps_file_check_writable), that no
 * output is a file the command reads and that no two outputs are the same file (ps_file_same).
 * 0, or -1 after printing why (the caller exits with PS_EXIT_USAGE). */
int ps_cli_check_files(const ps_cli_file *files, int n);
/* ps_cli_check_files for a command's scenario (read), --json, --csv and --report, and the
 * command's own `more` files (nmore of them: -o, --transcript). */
int ps_cli_check_outputs(const ps_cli_common *o, const ps_cli_file *more, int nmore);
/* A ps_script_options.on_read: a file the script reads through csv() or peacesim.load() is held
 * against the outputs last checked by ps_cli_check_files; ps_cli_reads_refused then prints the
 * first that is one of them and returns -1 (0 when none is). */
void ps_cli_note_read(void *ctx, const char *path);
int ps_cli_reads_refused(void);
/* The scenario's text at path, read once for the whole command (ps_script_read; freed at exit):
 * every run of the script (a sweep's points, the workers' copies) runs the same. NULL with a
 * message in err. */
const char *ps_cli_script_text(const char *path, size_t *len, char *err, size_t errlen);
/* 1 when path (an output option's value, or NULL) writes to standard output. */
int ps_cli_to_stdout(const char *path);
/* Writes doc (then deleted) as JSON to path ("-": stdout), whole or not at all; `option` names
 * it in messages ("--json"). 0, or -1 after printing why. */
int ps_cli_write_json(const char *path, const char *option, cJSON *doc);

/* The command's one budget for all its Lua states (made at the first call from `limits`, freed at
 * exit), which SIGINT and SIGTERM stop through ps_cli_stop_signal, watched by the watchdog
 * (script names the scenario in its message; NULL: the default). NULL when out of memory. */
ps_budget *ps_cli_budget(const ps_sandbox_limits *limits, const char *script);

/* ---- ps_watchdog.c: the budgets' last line ---- */
/* Starts, once, the thread that ends peacesim (temporary files removed, exit 2) when b's Lua
 * time passes its time budget by 2 s (a state stuck where no hook fires: a C function, the
 * garbage collector), or (exit 128 + signal) when a run does not stop within 5 s of SIGINT or
 * SIGTERM. Joined at exit. */
void ps_cli_watchdog_start(ps_budget *b, const char *script);
/* yes: a Monte Carlo is under way (SIGINT and SIGTERM must end it within 5 s); 0: it has returned
 * (a stop signal seen now is being reported, and the report may take its time). */
void ps_cli_watchdog_running(int yes);

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
/* on: SIGINT and SIGTERM set ps_cli_stop_signal; off: they are back with ps_file_catch_signals's
 * handler (the temporary files removed, then peacesim ended by the signal). A handler that ends
 * peacesim itself must call ps_file_remove_temps first. */
void ps_cli_catch_stop_signals(int on);
typedef struct ps_cli_watch { ps_progress bar; int show_bar; } ps_cli_watch;
/* A ps_progress_fn: stops on a signal, draws the bar when there is one. */
int ps_cli_watch_progress(void *ctx, uint64_t done, uint64_t total);

#endif
