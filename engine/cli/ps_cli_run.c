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
#include "ps_sensitivity.h"
#include "ps_band_table.h"
#include "ps_worlds.h"
#include "ps_worlds_csv.h"


static const char run_usage[] =
    "Usage: peacesim run [SCENARIO.lua] [options]\n"
    "\n"
    "Runs the scenario's Monte Carlo and prints, per issue, the probability of a deal with its\n"
    "95% interval, the median round of agreement and the agreed terms. With no SCENARIO, runs the\n"
    "built-in default, scenarios/istanbul_2025.lua (the Istanbul talks of May 2025).\n"
    "\n"
    "When the scenario declares assumptions (assumed(...)), these figures are at their central\n"
    "values, and the run then shows the band across assumptions: P(deal) in W worlds (each a draw\n"
    "of every assumption, R runs each), its median and 5%-95% band, and the assumptions that move\n"
    "it most. The 95% interval is Monte Carlo error at the central values; the band is what the\n"
    "assumptions' ranges allow (ignorance), which more runs do not narrow.\n"
    "\n"
    "Options:\n"
    "  --runs N          replications (default 100000)\n"
    "  --seed S          random seed, 0 to 2^64-1 (default 1); same seed, same numbers\n"
    "  --set NAME=VALUE  override the scenario's param NAME (repeatable)\n"
    "  --json PATH       write the full result as JSON (schema peacesim.result/2); - for stdout\n"
    "  --csv PATH        write one CSV row per replication: its issues' rounds and terms, outcome,\n"
    "                    and every value it drew from a distribution\n"
    "  --report PATH     write an HTML report with charts (as peacesim report makes from --json)\n"
    "  --quiet           print no table and no progress bar\n"
    "  --interval M      95% intervals of probabilities: wilson (default) or cp (Clopper-Pearson)\n"
    "  --threads N       worker threads (default: the online processors); same numbers for any N\n"
    "  --precision H     stop once every 95% half-width of a probability is at most H (--runs caps);\n"
    "                    the central run only: the band's worlds run --world-runs each\n"
    "  --central         the central values only: no band across assumptions\n"
    "  --worlds W        worlds of the band, 2 to 4096 (default 128)\n"
    "  --world-runs R    replications per world (default 300, at most --runs)\n"
    "  --worlds-csv PATH write one CSV row per world: its assumptions' values and P(deal) per issue\n"
    "  --lua-memory MIB  memory the scenario script may use (default 512)\n"
    "  --lua-seconds S   wall-clock time the script may run, outside the engine (default 30)\n"
    "  --lua-instructions N  Lua instructions the script may run (default 2000000000)\n"
    "  --help            this text\n"
    "\n"
    "Examples:\n"
    "  peacesim run\n"
    "  peacesim run --runs 20000 --set eu_sanctions_step=0.2 --json out.json\n"
    "  peacesim run my_scenario.lua --seed 7\n";

/* --csv: where each replication's row goes. */
typedef struct record_sink {
    ps_out *out;
    const ps_scenario *s;
    uint64_t seed;
    int failed, why;          /* why: the errno of the write that failed */
} record_sink;

/* The run's record callback: one row; a failed write stops the run. */
static int write_record(void *ctx, uint64_t rep, const ps_outcome *o)
{
    record_sink *k = ctx;
    if (k->failed) return 1;
    if (ps_records_row(ps_out_file(k->out), k->s, k->seed, rep, o) != 0) { k->failed = 1; k->why = errno; }
    return k->failed;
}

int ps_cli_run(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, 100000);
    const char *worlds_csv = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if ((used = ps_cli_worlds_parse(&o, argc, argv, &i)) < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(run_usage, stdout); return PS_EXIT_OK; }
        else if (strcmp(a, "--precision") == 0) {
            const char *val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a half-width between 0 and 0.5, e.g. --precision 0.005");
            if (!val) return PS_EXIT_USAGE;
            char *end = NULL;
            o.precision = strtod(val, &end);
            if (end == val || *end || !(o.precision > 0 && o.precision < 0.5)) {
                ps_cli_error("--precision needs a half-width between 0 and 0.5, e.g. --precision 0.005");
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (strcmp(a, "--worlds-csv") == 0) {
            if (!(worlds_csv = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path (or - for standard output)")))
                return PS_EXIT_USAGE;
            i++;
        } else if (ps_cli_scenario_arg(&o, "run", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    const char *path = o.path, *json = o.json, *csv = o.csv;
    int quiet = o.quiet, threads = o.threads;
    uint64_t runs = o.runs, seed = o.seed;
    ps_interval interval = o.interval;
    double precision = o.precision;
    if (worlds_csv && o.central) {
        ps_cli_error("--worlds-csv writes the worlds of the band, which --central leaves out: give one of them");
        return PS_EXIT_USAGE;
    }
    ps_cli_file more[1] = {{"--worlds-csv", worlds_csv, 1}};
    ps_cli_worlds_defaults(&o);
    if (ps_cli_check_outputs(&o, more, 1) != 0) return PS_EXIT_USAGE;

    char err[1024];

    ps_script_options so;
    ps_scenario *s;
    ps_script_hooks *hooks;
    int loaded = ps_cli_load(&o, NULL, ps_cli_to_stdout(json) || ps_cli_to_stdout(csv) || ps_cli_to_stdout(worlds_csv), &so, &s,
                             &hooks);
    if (loaded != PS_EXIT_OK) return loaded;
    if (!s) {   /* a study script: it printed its own results */
        const char *given = json ? "--json" : csv ? "--csv" : o.report ? "--report" : worlds_csv ? "--worlds-csv" : NULL;
        if (given) {
            ps_cli_error("%s: %s is a study script (it returns no scenario): it writes its own output", given, path);
            return PS_EXIT_USAGE;
        }
        return PS_EXIT_OK;
    }
    ps_status st;
    /* the band across assumptions: after the central run, unless --central */
    int want_band = s->nassumptions > 0 && !o.central;
    if (s->nassumptions == 0 && (worlds_csv || o.worlds_given)) {
        if (worlds_csv) {
            ps_cli_error("--worlds-csv: %s declares no assumption (assumed(...)): it has no worlds to write", s->file);
            ps_lua_hooks_free(hooks);
            ps_scenario_free(s);
            return PS_EXIT_USAGE;
        }
        fprintf(stderr, "peacesim: note: %s declares no assumption (assumed(...)): --worlds and --world-runs have no band "
                        "to make; the run is as without them\n", s->file);
    }

    ps_cli_watch watch;
    ps_progress_start(&watch.bar);
    watch.show_bar = !quiet && isatty(STDERR_FILENO) && runs >= 20000;
    ps_run_options ro = {.runs = runs, .seed = seed, .progress = ps_cli_watch_progress, .progress_ctx = &watch, .threads = threads,
                         .precision = precision, .interval = interval, .script = hooks, .err = err, .errlen = sizeof err,
                         .cancel = &ps_cli_stop_signal};
    err[0] = '\0';
    /* --csv: rows streamed as the blocks are merged, into a temporary file renamed at the end */
    record_sink sink = {NULL, s, seed, 0, 0};
    if (csv) {
        char cerr[512];
        if (!(sink.out = ps_out_open(csv, cerr, sizeof cerr))) {
            ps_cli_error("--csv %s", cerr);
            ps_lua_hooks_free(hooks);
            ps_scenario_free(s);
            return PS_EXIT_FAILURE;
        }
        /* a column per drawn value, named as `peacesim sensitivity` names it */
        if (ps_sensitivity_name_values(s) != 0) {
            ps_cli_error("out of memory");
            ps_out_close(sink.out, 0, cerr, sizeof cerr);
            ps_lua_hooks_free(hooks);
            ps_scenario_free(s);
            return PS_EXIT_FAILURE;
        }
        if (ps_records_header(ps_out_file(sink.out), s) != 0) { sink.failed = 1; sink.why = errno; }
        ro.record = write_record;
        ro.record_ctx = &sink;
    }
    ps_result *r = NULL;
    ps_band *band = NULL;
    ps_cli_catch_stop_signals(1);
    double t0 = ps_cli_now();
    st = ps_run(s, &ro, &r);
    double seconds = ps_cli_now() - t0, band_seconds = 0;
    ps_progress_finish(&watch.bar);
    /* the band: the worlds on replications 0..R-1 of the same seed (common random numbers), the
     * same threads; shown only whole, so a stop leaves the central results alone */
    ps_status band_st = PS_OK;
    int band_stopped = 0;
    if (want_band && st == PS_OK) {
        ps_run_options bo = ro;
        bo.runs = o.world_runs;
        bo.precision = 0;
        bo.record = NULL;
        bo.record_ctx = NULL;
        err[0] = '\0';
        ps_progress_start(&watch.bar);
        watch.show_bar = !quiet && isatty(STDERR_FILENO) && (uint64_t)o.worlds * o.world_runs >= 20000;
        double t1 = ps_cli_now();
        band_st = ps_band_compute(s, hooks, o.worlds, &bo, &band);
        band_seconds = ps_cli_now() - t1;
        ps_progress_finish(&watch.bar);
        band_stopped = band_st == PS_ECALLBACK && ps_cli_stop_signal != 0;
    }
    ps_cli_catch_stop_signals(0);
    int code = PS_EXIT_OK, stopped = st == PS_ECALLBACK && ps_cli_stop_signal != 0 && !sink.failed;
    if (stopped && r->runs == 0) {   /* stopped before the first replication was whole */
        ps_cli_error("stopped by %s before the first run was complete: nothing written",
                     ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
        if (sink.out) ps_out_close(sink.out, 0, err, sizeof err);
        code = 128 + ps_cli_stop_signal;
        goto done;
    }
    if (sink.out) {
        /* kept when the run (or its stopped prefix) is whole: the rows are those replications */
        char cerr[512];
        int keep = (st == PS_OK || stopped) && !sink.failed;
        if (ps_out_close(sink.out, keep, cerr, sizeof cerr) != 0 && keep) sink.failed = 1;
        if (sink.failed) {
            if (keep) ps_cli_error("--csv %s", cerr);
            else ps_cli_error("--csv %s: writing failed: %s (any earlier file is left as it was)", csv, strerror(sink.why ? sink.why : EIO));
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
    if (band_st != PS_OK && !band_stopped) {   /* a world's script failed, or memory ran out */
        if (err[0]) ps_cli_error("the band across assumptions: %s", err);
        else ps_cli_error("the band across assumptions failed: %s", ps_strerror(band_st));
        code = band_st == PS_EINVAL && err[0] ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        goto done;
    }
    if (stopped) {
        /* the replications done so far are exactly replications 0..m-1: what --runs m gives */
        ps_cli_error("stopped by %s after %llu of %llu runs: reporting those (\"complete\": false)%s",
                     ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM", (unsigned long long)r->runs, (unsigned long long)runs,
                     want_band ? "; the band across assumptions was not computed (\"band\": null)" : "");
        code = 128 + ps_cli_stop_signal;
    }
    if (band_stopped) {
        ps_cli_error("stopped by %s during the band across assumptions: a band is shown only whole, so there is none; "
                     "reporting the central run's %llu runs, whole (\"band\": null, \"complete\": false)%s",
                     ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM", (unsigned long long)r->runs,
                     worlds_csv ? "; --worlds-csv not written" : "");
        code = 128 + ps_cli_stop_signal;
    }
    if (worlds_csv && band) {
        char cerr[512];
        ps_out *wo = ps_out_open(worlds_csv, cerr, sizeof cerr);
        if (!wo) { ps_cli_error("--worlds-csv %s", cerr); code = PS_EXIT_FAILURE; goto done; }
        int bad = ps_worlds_csv_write(ps_out_file(wo), s, band) != 0;
        int why = errno;
        if (ps_out_close(wo, !bad, cerr, sizeof cerr) != 0) {
            if (bad) ps_cli_error("--worlds-csv %s: writing failed: %s (any earlier file is left as it was)", worlds_csv,
                                  strerror(why ? why : EIO));
            else ps_cli_error("--worlds-csv %s", cerr);
            code = PS_EXIT_FAILURE;
            goto done;
        }
    }
    ps_report_meta meta = {runs, seed, seconds, PEACESIM_VERSION, !stopped && !band_stopped, interval, precision};
    if (o.report) {
        cJSON *doc = ps_json_result_band(s, r, &meta, band);
        if (!doc) { ps_cli_error("out of memory writing the report"); code = PS_EXIT_FAILURE; goto done; }
        int rc = ps_cli_write_report(o.report, doc);
        cJSON_Delete(doc);
        if (rc != 0) { code = PS_EXIT_FAILURE; goto done; }
    }
    if (json && ps_cli_write_json(json, "--json", ps_json_result_band(s, r, &meta, band)) != 0) { code = PS_EXIT_FAILURE; goto done; }
    if (!quiet) {
        FILE *out = ps_cli_to_stdout(json) || ps_cli_to_stdout(worlds_csv) ? stderr : stdout;
        if (ps_table_print(out, s, r, &meta) != 0 || (band && ps_band_table_print(out, s, r, band) != 0) || fflush(out) != 0) {
            ps_cli_error("writing the summary failed: %s", strerror(errno));
            code = PS_EXIT_FAILURE;
        }
        if (out == stdout) {
            fprintf(stderr, "%.2f s, %.0f runs/s", seconds, seconds > 0 ? (double)r->runs / seconds : 0);
            if (band)
                fprintf(stderr, "; the band %.2f s, %.0f runs/s", band_seconds,
                        band_seconds > 0 ? (double)band->runs * band->nworlds / band_seconds : 0);
            fputc('\n', stderr);
        }
    }
done:
    ps_band_free(band);
    ps_result_free(r);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
