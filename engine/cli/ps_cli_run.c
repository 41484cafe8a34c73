/* ps_cli_run.c: `peacesim run`: load a scenario, run its Monte Carlo, report. */
#include <errno.h>
#include <signal.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_run.h"
#include "ps_json.h"
#include "ps_table.h"
#include "ps_records.h"

#define MAX_SETS PS_MAX_PARAMS
#define MAX_RUNS UINT64_C(10000000000000)

static const char run_usage[] =
    "Usage: peacesim run [SCENARIO.lua] [options]\n"
    "\n"
    "Runs the scenario's Monte Carlo and prints, per issue, the probability of a deal with its\n"
    "95% interval, the median round of agreement and the agreed terms. With no SCENARIO, runs the\n"
    "built-in default, scenarios/istanbul_2025.lua (the Istanbul talks of May 2025).\n"
    "\n"
    "Options:\n"
    "  --runs N          replications (default 100000)\n"
    "  --seed S          random seed, 0 to 2^64-1 (default 1); same seed, same numbers\n"
    "  --set NAME=VALUE  override the scenario's param NAME (repeatable)\n"
    "  --json PATH       write the full result as JSON (schema peacesim.result/1); - for stdout\n"
    "  --csv PATH        write one CSV row per replication (its issues' rounds and terms, outcome)\n"
    "  --quiet           print no table and no progress bar\n"
    "  --interval M      95% intervals of probabilities: wilson (default) or cp (Clopper-Pearson)\n"
    "  --threads N       worker threads (default: the online processors); same numbers for any N\n"
    "  --precision H     stop once every 95% half-width of a probability is at most H (--runs caps)\n"
    "  --lua-memory MIB  memory the scenario script may use (default 512)\n"
    "  --lua-seconds S   wall-clock time the script may run, outside the engine (default 30)\n"
    "  --lua-instructions N  Lua instructions the script may run (default 2000000000)\n"
    "  --help            this text\n"
    "\n"
    "Examples:\n"
    "  peacesim run\n"
    "  peacesim run --runs 20000 --set eu_sanctions_step=0.2 --json out.json\n"
    "  peacesim run my_scenario.lua --seed 7\n";

/* SIGINT or SIGTERM during the Monte Carlo: the number, read by the progress callback, which
 * stops the run at its next check (after each batch of PS_BLOCK replications per thread). */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig) { stop_signal = sig; }

static void catch_stop_signals(int on)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on ? on_stop_signal : SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

typedef struct run_watch { ps_progress bar; int show_bar; } run_watch;

/* --csv: where each replication's row goes. */
typedef struct record_sink {
    ps_out *out;
    const ps_scenario *s;
    uint64_t seed;
    int failed;
} record_sink;

/* The run's record callback: one row; a failed write stops the run. */
static int write_record(void *ctx, uint64_t rep, const ps_outcome *o)
{
    record_sink *k = ctx;
    if (k->failed) return 1;
    if (ps_records_row(ps_out_file(k->out), k->s, k->seed, rep, o) != 0) k->failed = 1;
    return k->failed;
}

/* The run's progress callback: stops on a signal, draws the bar when there is one. */
static int watch_progress(void *ctx, uint64_t done, uint64_t total)
{
    run_watch *w = ctx;
    if (stop_signal) return 1;
    if (w->show_bar) ps_progress_update(&w->bar, done, total);
    return 0;
}

/* Parses a whole decimal number in [lo, hi]; returns 0 or -1. */
static int parse_u64(const char *text, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!text || !*text || text[0] == '-' || text[0] == '+') return -1;
    for (const char *p = text; *p; p++)
        if (*p < '0' || *p > '9') return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int ps_cli_run(int argc, char **argv)
{
    const char *path = NULL, *json = NULL, *csv = NULL;
    const char *set_names[MAX_SETS], *set_values[MAX_SETS];
    char set_buf[MAX_SETS][PS_NAME_MAX];
    int nset = 0, quiet = 0;
    uint64_t runs = 100000, seed = 1;
    ps_interval interval = PS_INTERVAL_WILSON;
    int threads = ps_cpu_count();
    double precision = 0;
    ps_sandbox_limits limits = ps_sandbox_default_limits();

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(run_usage, stdout); return PS_EXIT_OK; }
        else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) quiet = 1;
        else if (strcmp(a, "--runs") == 0) {
            if (!val) { ps_cli_error("--runs needs a number, e.g. --runs 100000"); return PS_EXIT_USAGE; }
            if (parse_u64(val, 1, MAX_RUNS, &runs)) {
                ps_cli_error("--runs %s: give a whole number from 1 to %" PRIu64, val, MAX_RUNS);
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            if (!val) { ps_cli_error("--seed needs a number, e.g. --seed 1"); return PS_EXIT_USAGE; }
            if (parse_u64(val, 0, UINT64_MAX, &seed)) {
                ps_cli_error("--seed %s: give a whole number from 0 to 18446744073709551615", val);
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (strcmp(a, "--set") == 0) {
            const char *eq = val ? strchr(val, '=') : NULL;
            if (!val || !eq || eq == val) { ps_cli_error("--set needs NAME=VALUE, e.g. --set eu_sanctions_step=0.2"); return PS_EXIT_USAGE; }
            if (nset == MAX_SETS) { ps_cli_error("more than %d --set options", MAX_SETS); return PS_EXIT_USAGE; }
            if ((size_t)(eq - val) >= PS_NAME_MAX) { ps_cli_error("--set %s: the name is too long", val); return PS_EXIT_USAGE; }
            snprintf(set_buf[nset], PS_NAME_MAX, "%.*s", (int)(eq - val), val);
            for (int j = 0; j < nset; j++)
                if (strcmp(set_names[j], set_buf[nset]) == 0) { ps_cli_error("--set %s is given twice", set_buf[nset]); return PS_EXIT_USAGE; }
            set_names[nset] = set_buf[nset];
            set_values[nset++] = eq + 1;
            i++;
        } else if (strcmp(a, "--lua-memory") == 0 || strcmp(a, "--lua-seconds") == 0 || strcmp(a, "--lua-instructions") == 0) {
            uint64_t v;
            int mem = a[6] == 'm', sec = a[6] == 's';
            uint64_t hi = mem ? 65536 : (sec ? 86400 : UINT64_C(1000000000000000));
            if (!val || parse_u64(val, 1, hi, &v)) {
                ps_cli_error("%s needs a whole number from 1 to %" PRIu64 "%s", a, hi, mem ? " (MiB)" : (sec ? " (seconds)" : ""));
                return PS_EXIT_USAGE;
            }
            if (mem) limits.memory = (size_t)v << 20;
            else if (sec) limits.seconds = (double)v;
            else limits.instructions = v;
            i++;
        } else if (strcmp(a, "--precision") == 0) {
            char *end = NULL;
            precision = val ? strtod(val, &end) : 0;
            if (!val || end == val || *end || !(precision > 0 && precision < 0.5)) {
                ps_cli_error("--precision needs a half-width between 0 and 0.5, e.g. --precision 0.005");
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (strcmp(a, "--threads") == 0) {
            uint64_t v;
            if (!val || parse_u64(val, 1, PS_MAX_THREADS, &v)) {
                ps_cli_error("--threads needs a whole number from 1 to %d", PS_MAX_THREADS);
                return PS_EXIT_USAGE;
            }
            threads = (int)v;
            i++;
        } else if (strcmp(a, "--interval") == 0) {
            if (val && strcmp(val, "wilson") == 0) interval = PS_INTERVAL_WILSON;
            else if (val && strcmp(val, "cp") == 0) interval = PS_INTERVAL_CP;
            else { ps_cli_error("--interval needs wilson or cp (Clopper-Pearson)"); return PS_EXIT_USAGE; }
            i++;
        } else if (strcmp(a, "--json") == 0) {
            if (!val) { ps_cli_error("--json needs a file path (or - for standard output)"); return PS_EXIT_USAGE; }
            json = val;
            i++;
        } else if (strcmp(a, "--csv") == 0) {
            if (!val) { ps_cli_error("--csv needs a file path (or - for standard output)"); return PS_EXIT_USAGE; }
            csv = val;
            i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            ps_cli_error("run: unknown option '%s'. Try 'peacesim run --help'.", a);
            return PS_EXIT_USAGE;
        } else if (!path) {
            path = a;
        } else {
            ps_cli_error("run: one scenario at a time ('%s' and '%s')", path, a);
            return PS_EXIT_USAGE;
        }
    }

    char err[1024];
    if (json && ps_file_check_writable(json, err, sizeof err) != 0) {
        ps_cli_error("--json %s", err);
        return PS_EXIT_USAGE;
    }
    if (csv && ps_file_check_writable(csv, err, sizeof err) != 0) {
        ps_cli_error("--csv %s", err);
        return PS_EXIT_USAGE;
    }
    if (csv && json && strcmp(csv, "-") == 0 && strcmp(json, "-") == 0) {
        ps_cli_error("--csv - and --json - would both write to standard output: give one of them a file");
        return PS_EXIT_USAGE;
    }

    ps_script_options so = {.path = path, .nset = nset, .set_names = set_names, .set_values = set_values, .limits = limits,
                            .version = PEACESIM_VERSION,
                            .print_to_stderr = (json && strcmp(json, "-") == 0) || (csv && strcmp(csv, "-") == 0)};
    ps_scenario *s = NULL;
    ps_status st = ps_script_run(&so, &s, err, sizeof err);
    if (st != PS_OK) {
        ps_cli_error("%s", st == PS_ENOMEM ? "out of memory" : err);
        return st == PS_ENOMEM ? PS_EXIT_FAILURE : PS_EXIT_USAGE;
    }
    if (!s) {   /* a study script: it printed its own results */
        if (json) { ps_cli_error("--json: %s is a study script (it returns no scenario): it writes its own output", path); return PS_EXIT_USAGE; }
        return PS_EXIT_OK;
    }

    run_watch watch;
    ps_progress_start(&watch.bar);
    watch.show_bar = !quiet && isatty(STDERR_FILENO) && runs >= 20000;
    /* Events with Lua functions: every worker thread runs the script again in a state of its own. */
    ps_script_hooks *hooks = NULL;
    if (ps_scenario_has_scripts(s) && !(hooks = ps_lua_hooks_replicas(&so, s, err, sizeof err))) {
        ps_cli_error("%s", err);
        ps_scenario_free(s);
        return PS_EXIT_FAILURE;
    }
    ps_run_options ro = {.runs = runs, .seed = seed, .progress = watch_progress, .progress_ctx = &watch, .threads = threads,
                         .precision = precision, .script = hooks, .err = err, .errlen = sizeof err};
    err[0] = '\0';
    /* --csv: rows streamed as the blocks are merged, into a temporary file renamed at the end */
    record_sink sink = {NULL, s, seed, 0};
    if (csv) {
        char cerr[512];
        if (!(sink.out = ps_out_open(csv, cerr, sizeof cerr))) {
            ps_cli_error("--csv %s", cerr);
            ps_lua_hooks_free(hooks);
            ps_scenario_free(s);
            return PS_EXIT_FAILURE;
        }
        sink.failed = ps_records_header(ps_out_file(sink.out), s) != 0;
        ro.record = write_record;
        ro.record_ctx = &sink;
    }
    ps_result *r = NULL;
    catch_stop_signals(1);
    double t0 = ps_cli_now();
    st = ps_run(s, &ro, &r);
    double seconds = ps_cli_now() - t0;
    catch_stop_signals(0);
    ps_progress_finish(&watch.bar);
    int code = PS_EXIT_OK, stopped = st == PS_ECALLBACK && stop_signal != 0 && !sink.failed;
    if (sink.out) {
        /* kept when the run (or its stopped prefix) is whole: the rows are those replications */
        char cerr[512];
        int keep = (st == PS_OK || stopped) && !sink.failed;
        if (ps_out_close(sink.out, keep, cerr, sizeof cerr) != 0 && keep) sink.failed = 1;
        if (sink.failed) {
            ps_cli_error("--csv %s", keep ? cerr : "writing the rows failed (any earlier file is left as it was)");
            code = PS_EXIT_FAILURE;
            goto done;
        }
    }
    if (st != PS_OK && !stopped) {
        /* a scripted condition or effect that fails is bad input: its message names the place */
        if (err[0]) ps_cli_error("%s", err);
        else ps_cli_error("the run failed: %s", ps_strerror(st));
        code = st == PS_EINVAL && err[0] ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        goto done;
    }
    if (stopped) {
        /* the replications done so far are exactly replications 0..m-1: what --runs m gives */
        ps_cli_error("stopped by %s after %llu of %llu runs: reporting those (\"complete\": false)",
                     stop_signal == SIGINT ? "SIGINT" : "SIGTERM", (unsigned long long)r->runs, (unsigned long long)runs);
        code = 128 + stop_signal;
    }
    ps_report_meta meta = {runs, seed, seconds, PEACESIM_VERSION, !stopped, interval, precision};
    if (json) {
        cJSON *doc = ps_json_result(s, r, &meta);
        char *text = doc ? cJSON_Print(doc) : NULL;
        cJSON_Delete(doc);
        if (!text) { ps_cli_error("out of memory writing JSON"); code = PS_EXIT_FAILURE; goto done; }
        size_t len = strlen(text);
        text[len] = '\n';   /* the NUL becomes a final newline: we write the len + 1 bytes cJSON allocated */
        int rc = ps_file_write_atomic(json, text, len + 1, err, sizeof err);
        cJSON_free(text);
        if (rc != 0) { ps_cli_error("--json %s", err); code = PS_EXIT_FAILURE; goto done; }
    }
    if (!quiet) {
        FILE *out = json && strcmp(json, "-") == 0 ? stderr : stdout;
        if (ps_table_print(out, s, r, &meta) != 0 || fflush(out) != 0) {
            ps_cli_error("writing the summary failed: %s", strerror(errno));
            code = PS_EXIT_FAILURE;
        }
        if (out == stdout) fprintf(stderr, "%.2f s, %.0f runs/s\n", seconds, seconds > 0 ? (double)r->runs / seconds : 0);
    }
done:
    ps_result_free(r);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
