/* ps_cli_common.c: what the commands that run Monte Carlo share: their options, stopping on a
 * signal, the progress bar. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ps_cli.h"
#include "ps_run.h"
#include "ps_worlds.h"
#include "ps_html.h"
#include "ps_json.h"
#include "ps_lua_hooks.h"

#define MAX_RUNS UINT64_C(10000000000000)

volatile sig_atomic_t ps_cli_stop_signal;

static void on_stop_signal(int sig) { ps_cli_stop_signal = sig; }

void ps_cli_catch_stop_signals(int on)
{
    if (!on) {
        ps_cli_watchdog_running(0);   /* what follows reports the run: the watchdog lets it finish */
        /* back to ps_file_catch_signals's handler: the temporary files go, then the signal ends peacesim */
        ps_file_restore_signal(SIGINT);
        ps_file_restore_signal(SIGTERM);
        return;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    ps_cli_watchdog_running(1);
}

int ps_cli_watch_progress(void *ctx, uint64_t done, uint64_t total)
{
    ps_cli_watch *w = ctx;
    if (ps_cli_stop_signal) return 1;
    if (w->show_bar) ps_progress_update(&w->bar, done, total);
    return 0;
}

int ps_cli_parse_u64(const char *text, uint64_t lo, uint64_t hi, uint64_t *out)
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

void ps_cli_common_init(ps_cli_common *o, uint64_t runs)
{
    memset(o, 0, sizeof *o);
    o->runs = runs;
    o->seed = 1;
    o->interval = PS_INTERVAL_WILSON;
    o->threads = ps_cpu_count();
    o->limits = ps_sandbox_default_limits();
    o->worlds = PS_CLI_WORLDS;
    o->world_runs = PS_CLI_WORLD_RUNS;
}

const char *ps_cli_value(int argc, char **argv, int i, int kind, const char *needs)
{
    const char *opt = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!v) { ps_cli_error("%s needs %s", opt, needs); return NULL; }
    int negative = v[0] == '-' && ((v[1] >= '0' && v[1] <= '9') || (v[1] == '.' && v[2] >= '0' && v[2] <= '9'));
    if (v[0] != '-' || (v[1] == '\0' && (kind & PS_CLI_STDOUT)) || (negative && (kind & PS_CLI_NUMBER))) return v;
    if (kind & PS_CLI_PATH)
        ps_cli_error("%s needs %s: '%s' reads as an option (for a file of that name, write ./%s)", opt, needs, v, v);
    else
        ps_cli_error("%s needs %s: '%s' reads as an option", opt, needs, v);
    return NULL;
}

int ps_cli_worlds_parse(ps_cli_common *o, int argc, char **argv, int *ip)
{
    int i = *ip;
    const char *a = argv[i], *val;
    uint64_t v;
    if (strcmp(a, "--central") == 0) { o->central = 1; return 1; }
    if (strcmp(a, "--worlds") == 0) {
        if (!(val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a whole number from 2 to 4096, e.g. --worlds 64"))) return -1;
        if (ps_cli_parse_u64(val, 2, PS_WORLDS_MAX, &v)) { ps_cli_error("--worlds %s: give a whole number from 2 to 4096", val); return -1; }
        o->worlds = (int)v;
    } else if (strcmp(a, "--world-runs") == 0) {
        if (!(val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a whole number, e.g. --world-runs 300"))) return -1;
        if (ps_cli_parse_u64(val, 1, MAX_RUNS, &v)) {
            ps_cli_error("--world-runs %s: give a whole number from 1 to %" PRIu64, val, MAX_RUNS);
            return -1;
        }
        o->world_runs = v;
        o->world_runs_given = 1;
    } else {
        return 0;
    }
    o->worlds_given = 1;
    *ip = i + 1;
    return 1;
}

void ps_cli_worlds_defaults(ps_cli_common *o)
{
    if (!o->world_runs_given && o->runs < o->world_runs) o->world_runs = o->runs;
}

int ps_cli_common_parse(ps_cli_common *o, int argc, char **argv, int *ip)
{
    int i = *ip;
    const char *a = argv[i];
    const char *val;
    if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) { o->quiet = 1; return 1; }
    if (strcmp(a, "--runs") == 0) {
        if (!(val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a number, e.g. --runs 100000"))) return -1;
        if (ps_cli_parse_u64(val, 1, MAX_RUNS, &o->runs)) {
            ps_cli_error("--runs %s: give a whole number from 1 to %" PRIu64, val, MAX_RUNS);
            return -1;
        }
    } else if (strcmp(a, "--seed") == 0) {
        if (!(val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a number, e.g. --seed 1"))) return -1;
        if (ps_cli_parse_u64(val, 0, UINT64_MAX, &o->seed)) {
            ps_cli_error("--seed %s: give a whole number from 0 to 18446744073709551615", val);
            return -1;
        }
    } else if (strcmp(a, "--set") == 0) {
        if (!(val = ps_cli_value(argc, argv, i, 0, "NAME=VALUE, e.g. --set eu_sanctions_step=0.2"))) return -1;
        const char *eq = strchr(val, '=');
        if (!eq || eq == val) { ps_cli_error("--set needs NAME=VALUE, e.g. --set eu_sanctions_step=0.2"); return -1; }
        if (o->nset == PS_CLI_MAX_SETS) { ps_cli_error("more than %d --set options", PS_CLI_MAX_SETS); return -1; }
        if ((size_t)(eq - val) >= PS_NAME_MAX) { ps_cli_error("--set %s: the name is too long", val); return -1; }
        snprintf(o->set_buf[o->nset], PS_NAME_MAX, "%.*s", (int)(eq - val), val);
        for (int j = 0; j < o->nset; j++)
            if (strcmp(o->set_names[j], o->set_buf[o->nset]) == 0) { ps_cli_error("--set %s is given twice", o->set_buf[o->nset]); return -1; }
        o->set_names[o->nset] = o->set_buf[o->nset];
        o->set_values[o->nset++] = eq + 1;
    } else if (strcmp(a, "--lua-memory") == 0 || strcmp(a, "--lua-seconds") == 0 || strcmp(a, "--lua-instructions") == 0) {
        uint64_t v;
        int mem = a[6] == 'm', sec = a[6] == 's';
        uint64_t hi = mem ? 65536 : (sec ? 86400 : UINT64_C(1000000000000000));
        char needs[96];
        snprintf(needs, sizeof needs, "a whole number from 1 to %" PRIu64 "%s", hi, mem ? " (MiB)" : (sec ? " (seconds)" : ""));
        if (!(val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, needs))) return -1;
        if (ps_cli_parse_u64(val, 1, hi, &v)) { ps_cli_error("%s needs %s", a, needs); return -1; }
        if (mem) o->limits.memory = (size_t)v << 20;
        else if (sec) o->limits.seconds = (double)v;
        else o->limits.instructions = v;
    } else if (strcmp(a, "--threads") == 0) {
        uint64_t v;
        char needs[64];
        snprintf(needs, sizeof needs, "a whole number from 1 to %d", PS_MAX_THREADS);
        if (!(val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, needs))) return -1;
        if (ps_cli_parse_u64(val, 1, PS_MAX_THREADS, &v)) { ps_cli_error("--threads needs %s", needs); return -1; }
        o->threads = (int)v;
    } else if (strcmp(a, "--interval") == 0) {
        if (!(val = ps_cli_value(argc, argv, i, 0, "wilson or cp (Clopper-Pearson)"))) return -1;
        if (strcmp(val, "wilson") == 0) o->interval = PS_INTERVAL_WILSON;
        else if (strcmp(val, "cp") == 0) o->interval = PS_INTERVAL_CP;
        else { ps_cli_error("--interval needs wilson or cp (Clopper-Pearson)"); return -1; }
    } else if (strcmp(a, "--json") == 0) {
        if (!(o->json = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path (or - for standard output)"))) return -1;
    } else if (strcmp(a, "--csv") == 0) {
        if (!(o->csv = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path (or - for standard output)"))) return -1;
    } else if (strcmp(a, "--report") == 0) {
        if (!(o->report = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path, e.g. --report report.html")))
            return -1;
        if (ps_cli_to_stdout(o->report)) { ps_cli_error("--report needs a file path, e.g. --report report.html"); return -1; }
    } else {
        return 0;
    }
    *ip = i + 1;
    return 1;
}

int ps_cli_scenario_arg(ps_cli_common *o, const char *cmd, const char *a)
{
    if (a[0] == '-' && a[1] != '\0') {
        ps_cli_error("%s: unknown option '%s'. Try 'peacesim %s --help'.", cmd, a, cmd);
        return -1;
    }
    if (o->path) {
        ps_cli_error("%s: one scenario at a time ('%s' and '%s')", cmd, o->path, a);
        return -1;
    }
    o->path = a;
    return 0;
}

int ps_cli_to_stdout(const char *path) { return path && ps_file_std_fd(path) == STDOUT_FILENO; }

/* The outputs last checked, to hold the files a script reads against (ps_cli_note_read). */
#define MAX_OUTPUTS 16
static ps_cli_file checked[MAX_OUTPUTS];
static int nchecked;
static char read_refused[1024];

void ps_cli_note_read(void *ctx, const char *path)
{
    (void)ctx;
    for (int i = 0; i < nchecked && !read_refused[0]; i++)
        if (ps_file_same(path, checked[i].path))
            snprintf(read_refused, sizeof read_refused, "%s %s is the script's data file %s: writing it would destroy what "
                     "peacesim reads; give another path", checked[i].what, checked[i].path, path);
}

int ps_cli_reads_refused(void)
{
    if (!read_refused[0]) return 0;
    ps_cli_error("%s", read_refused);
    return -1;
}

int ps_cli_check_files(const ps_cli_file *f, int n)
{
    char err[1024];
    nchecked = 0;
    for (int i = 0; i < n; i++)
        if (f[i].path && f[i].output && nchecked < MAX_OUTPUTS) checked[nchecked++] = f[i];
    for (int i = 0; i < n; i++)
        if (f[i].path && f[i].output && ps_file_check_writable(f[i].path, err, sizeof err) != 0) {
            ps_cli_error("%s %s", f[i].what, err);
            return -1;
        }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            const ps_cli_file *a = &f[i], *b = &f[j];
            if (!a->path || !b->path || (!a->output && !b->output) || !ps_file_same(a->path, b->path)) continue;
            if (a->output && b->output) {
                if (ps_cli_to_stdout(a->path) && ps_cli_to_stdout(b->path))
                    ps_cli_error("%s %s and %s %s would both write to standard output: give one of them a file", a->what,
                                 a->path, b->what, b->path);
                else
                    ps_cli_error("%s %s and %s %s are the same file: give each output a path of its own", a->what, a->path,
                                 b->what, b->path);
            } else {
                const ps_cli_file *in = a->output ? b : a, *out = a->output ? a : b;
                ps_cli_error("%s %s is %s %s: writing it would destroy what peacesim reads; give another path", out->what,
                             out->path, in->what, in->path);
            }
            return -1;
        }
    return 0;
}

int ps_cli_check_outputs(const ps_cli_common *o, const ps_cli_file *more, int nmore)
{
    enum { MAX_FILES = 64 };
    ps_cli_file f[MAX_FILES];
    int n = 0;
    f[n++] = (ps_cli_file){"the scenario", o->path, 0};
    f[n++] = (ps_cli_file){"--csv", o->csv, 1};
    f[n++] = (ps_cli_file){"--json", o->json, 1};
    f[n++] = (ps_cli_file){"--report", o->report, 1};
    for (int i = 0; i < nmore && n < MAX_FILES; i++) f[n++] = more[i];
    return ps_cli_check_files(f, n);
}

int ps_cli_write_report(const char *path, const cJSON *doc)
{
    char err[512];
    ps_out *o = ps_out_open(path, err, sizeof err);
    if (!o) { ps_cli_error("--report %s", err); return -1; }
    char why[512] = "";
    int bad = ps_html_report(ps_out_file(o), doc, why, sizeof why) != 0;
    if (ps_out_close(o, !bad, err, sizeof err) != 0) {
        ps_cli_error("%s: %s", path, bad ? why : err);
        return -1;
    }
    return 0;
}

int ps_cli_write_json(const char *path, const char *option, cJSON *doc)
{
    char err[512];
    char *text = doc && ps_json_exact(doc) == 0 ? cJSON_Print(doc) : NULL;
    cJSON_Delete(doc);
    if (!text) { ps_cli_error("out of memory writing %s", option); return -1; }
    size_t len = strlen(text);
    text[len] = '\n';   /* the NUL becomes a final newline: we write the len + 1 bytes cJSON allocated */
    int rc = ps_file_write_atomic(path, text, len + 1, err, sizeof err);
    cJSON_free(text);
    if (rc != 0) ps_cli_error("%s %s", option, err);
    return rc;
}

static char *script_text;   /* the scenario's text, read once for the command */

static void free_script_text(void) { free(script_text); }

const char *ps_cli_script_text(const char *path, size_t *len, char *err, size_t errlen)
{
    static size_t script_len;
    if (!script_text) {
        if (!(script_text = ps_script_read(path, &script_len, err, errlen))) return NULL;
        atexit(free_script_text);
    }
    *len = script_len;
    return script_text;
}

static ps_budget *command_budget;

static void free_command_budget(void) { ps_budget_free(command_budget); }

ps_budget *ps_cli_budget(const ps_sandbox_limits *limits, const char *script)
{
    if (!command_budget && (command_budget = ps_budget_alloc(limits))) {
        ps_budget_set_stop(command_budget, &ps_cli_stop_signal);
        atexit(free_command_budget);
        ps_cli_watchdog_start(command_budget, script);   /* its exit handler runs before the budget's */
    }
    return command_budget;
}

int ps_cli_load(const ps_cli_common *o, const char *cmd, int quiet_print, ps_script_options *so, ps_scenario **s,
                ps_script_hooks **hooks)
{
    char err[1024];
    *s = NULL;
    *hooks = NULL;
    *so = (ps_script_options){.path = o->path, .nset = o->nset, .set_names = o->set_names, .set_values = o->set_values,
                              .limits = o->limits, .budget = ps_cli_budget(&o->limits, o->path), .version = PEACESIM_VERSION,
                              .print_to_stderr = quiet_print, .on_read = ps_cli_note_read};
    if (!so->budget) { ps_cli_error("out of memory"); return PS_EXIT_FAILURE; }
    /* the text is read once: the workers' copies run the same, even from a pipe */
    if (o->path && !(so->source = ps_cli_script_text(o->path, &so->source_len, err, sizeof err))) {
        ps_cli_error("%s", err);
        return PS_EXIT_USAGE;
    }
    ps_status st = ps_script_run(so, s, err, sizeof err);
    if (st != PS_OK) {
        ps_cli_error("%s", st == PS_ENOMEM ? "out of memory" : err);
        return st == PS_ENOMEM ? PS_EXIT_FAILURE : PS_EXIT_USAGE;
    }
    if (ps_cli_reads_refused() != 0) {
        ps_scenario_free(*s);
        *s = NULL;
        return PS_EXIT_USAGE;
    }
    if (!*s) {
        if (!cmd) return PS_EXIT_OK;   /* a study: it did its work itself */
        ps_cli_error("%s: %s is a study script (it returns no scenario)", cmd, o->path);
        return PS_EXIT_USAGE;
    }
    /* a world of a script that computes with an assumption is the script run again (ps_worlds.h) */
    (*s)->remake = ps_script_remake;
    (*s)->remake_ctx = so;
    /* events with Lua functions: every worker thread runs the script again in a state of its own */
    if (ps_scenario_has_scripts(*s) && !(*hooks = ps_lua_hooks_replicas(so, *s, err, sizeof err))) {
        ps_cli_error("%s", err);
        ps_scenario_free(*s);
        *s = NULL;
        return PS_EXIT_FAILURE;
    }
    return PS_EXIT_OK;
}
