/* ps_cli.h: the command-line program's parts. */
#ifndef PS_CLI_H
#define PS_CLI_H

#include <stddef.h>
#include <stdint.h>

/* Exit codes (docs/CLI.md). */
#define PS_EXIT_OK 0
#define PS_EXIT_FAILURE 1
#define PS_EXIT_USAGE 2

/* `peacesim run ...`: argv[0] is "run". Returns an exit code. */
int ps_cli_run(int argc, char **argv);

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

#endif
