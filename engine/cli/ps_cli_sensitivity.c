/* ps_cli_sensitivity.c: `peacesim sensitivity`: every assumption and every distribution of a
 * scenario varied by one of three designs (one at a time, Morris, Sobol'), every output's
 * measures ranked (the study: engine/study/ps_sensitivity_study.h). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_run.h"
#include "ps_sensitivity_study.h"
#include "ps_sensitivity.h"

static const char sensitivity_usage[] =
    "Usage: peacesim sensitivity [SCENARIO.lua] [options]\n"
    "\n"
    "Which inputs move the results: every assumption (assumed(...)) and every distribution of the\n"
    "scenario (its factors, k of them) varied by a design, every design point run on the same\n"
    "replications (common random numbers), and for every output (P(deal) of the comprehensive\n"
    "agreement and of each issue, each issue's mean terms, the mean rounds fought without a\n"
    "ceasefire) each factor's effect, ranked.\n"
    "\n"
    "Methods (--method), and what each costs in design points (each runs --runs replications):\n"
    "  oat     one at a time, 2k + 1 points: each factor at its low end, then at its high end (an\n"
    "          assumption's low and high, a distribution's 5% and 95% quantiles), every other as it\n"
    "          is; the swing between the two ends, with paired 95% intervals: a tornado chart.\n"
    "  morris  elementary effects (Morris 1991), r (k + 1) points: r trajectories on a p-level grid\n"
    "          over each factor's range (the same ends as oat); mu* (mean |effect|, the ranking),\n"
    "          mu and sigma per factor, in the output's units per whole range. For screening.\n"
    "  sobol   Sobol' indices, N (k + 2) points (Saltelli's design): first-order S1 (Saltelli 2010)\n"
    "          and total ST (Jansen 1999), each factor over its whole range (an assumption's prior\n"
    "          on [low, high], a distribution's quantiles), with bootstrap 95% intervals. Ranked by ST.\n"
    "The number of replications is printed before the analysis starts.\n"
    "\n"
    "Options:\n"
    "  --method M        oat (default), morris or sobol\n"
    "  --runs N          replications per design point (default 20000 for oat, 2000 for morris\n"
    "                    and sobol)\n"
    "  --factors F       all (default), assumptions or distributions: which factors vary\n"
    "  --trajectories R  morris: trajectories (default 10, at least 2)\n"
    "  --levels P        morris: grid levels, even, 2 to 1024 (default 4)\n"
    "  --samples N       sobol: base rows (default 64, at least 2)\n"
    "  --bootstrap B     sobol: bootstrap resamples for the intervals (default 500; 0: none)\n"
    "  --output NAME     the output the table ranks: agreement, an issue's name, terms:ISSUE or\n"
    "                    war_rounds (default: the agreement and each issue's P(deal))\n"
    "  --top K           factors shown per output in the table (default 8; the JSON has all)\n"
    "  --json PATH       the analysis as JSON (schema peacesim.sensitivity/2, docs/STUDIES.md)\n"
    "  --csv PATH        one row per output and factor, with the measures and their intervals\n"
    "  --report PATH     an HTML report: per output, the factors sorted, bars with their intervals\n"
    "  --seed S, --set NAME=VALUE, --quiet, --interval M, --threads N,\n"
    "  --lua-memory, --lua-seconds, --lua-instructions: as for run\n"
    "  --help            this text\n"
    "\n"
    "Examples:\n"
    "  peacesim sensitivity --runs 20000 --json sens.json\n"
    "  peacesim sensitivity --method morris --trajectories 20 --runs 2000\n"
    "  peacesim sensitivity --method sobol --samples 128 --runs 2000 --csv sobol.csv --report sobol.html\n";

/* Beyond this many replications an analysis is refused: at a few million a second it would run
 * for days. */
#define MAX_REPLICATIONS 100000000000ULL

static int parse_count(int argc, char **argv, int *i, const char *opt, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char needs[96];
    snprintf(needs, sizeof needs, "a whole number from %" PRIu64 " to %" PRIu64, lo, hi);
    const char *val = ps_cli_value(argc, argv, *i, PS_CLI_NUMBER, needs);
    if (!val) return -1;
    if (ps_cli_parse_u64(val, lo, hi, out)) { ps_cli_error("%s needs %s", opt, needs); return -1; }
    (*i)++;
    return 0;
}

int ps_cli_sensitivity(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, 0);
    uint64_t top = 8, traj = 10, levels = 4, samples = 64, boot = 500;
    int traj_given = 0, levels_given = 0, samples_given = 0, boot_given = 0;
    const char *output = NULL;
    ps_sens_settings set = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(sensitivity_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "--top") == 0) {
            if (parse_count(argc, argv, &i, "--top", 1, 1000, &top)) return PS_EXIT_USAGE;
        } else if (strcmp(a, "--trajectories") == 0) {
            if (parse_count(argc, argv, &i, "--trajectories", 2, 100000, &traj)) return PS_EXIT_USAGE;
            traj_given = 1;
        } else if (strcmp(a, "--levels") == 0) {
            if (parse_count(argc, argv, &i, "--levels", 2, 1024, &levels)) return PS_EXIT_USAGE;
            if (levels % 2) { ps_cli_error("--levels needs an even number from 2 to 1024 (Morris's grid)"); return PS_EXIT_USAGE; }
            levels_given = 1;
        } else if (strcmp(a, "--samples") == 0) {
            if (parse_count(argc, argv, &i, "--samples", 2, 1048576, &samples)) return PS_EXIT_USAGE;
            samples_given = 1;
        } else if (strcmp(a, "--bootstrap") == 0) {
            if (parse_count(argc, argv, &i, "--bootstrap", 0, 100000, &boot)) return PS_EXIT_USAGE;
            boot_given = 1;
        } else if (strcmp(a, "--method") == 0 || strcmp(a, "--factors") == 0) {
            int method = a[2] == 'm';
            const char *val = ps_cli_value(argc, argv, i, 0, method ? "oat, morris or sobol" : "all, assumptions or distributions");
            if (!val) return PS_EXIT_USAGE;
            if (method && strcmp(val, "oat") == 0) set.method = PS_SENS_OAT;
            else if (method && strcmp(val, "morris") == 0) set.method = PS_SENS_MORRIS;
            else if (method && strcmp(val, "sobol") == 0) set.method = PS_SENS_SOBOL;
            else if (!method && strcmp(val, "all") == 0) set.factors = PS_SENS_ALL;
            else if (!method && strcmp(val, "assumptions") == 0) set.factors = PS_SENS_ASSUMPTIONS;
            else if (!method && strcmp(val, "distributions") == 0) set.factors = PS_SENS_DISTRIBUTIONS;
            else {
                ps_cli_error("%s %s: give %s", a, val, method ? "oat, morris or sobol" : "all, assumptions or distributions");
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (strcmp(a, "--output") == 0) {
            if (!(output = ps_cli_value(argc, argv, i, 0, "an output: agreement, an issue's name, terms:ISSUE or war_rounds")))
                return PS_EXIT_USAGE;
            i++;
        } else if (ps_cli_scenario_arg(&o, "sensitivity", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    /* a setting of another method is a mistake worth saying, not a silent no-op */
    const char *stray = set.method != PS_SENS_MORRIS && traj_given ? "--trajectories" :
                        set.method != PS_SENS_MORRIS && levels_given ? "--levels" :
                        set.method != PS_SENS_SOBOL && samples_given ? "--samples" :
                        set.method != PS_SENS_SOBOL && boot_given ? "--bootstrap" : NULL;
    if (stray) {
        ps_cli_error("%s is a setting of --method %s; this analysis is --method %s", stray,
                     stray[2] == 't' || stray[2] == 'l' ? "morris" : "sobol", ps_sens_method_name(set.method));
        return PS_EXIT_USAGE;
    }
    set.trajectories = (size_t)traj;
    set.levels = (unsigned)levels;
    set.samples = (size_t)samples;
    set.bootstrap = boot ? (size_t)boot : PS_SENS_NO_BOOTSTRAP;
    if (o.runs == 0) o.runs = set.method == PS_SENS_OAT ? 20000 : 2000;
    if (ps_cli_check_outputs(&o, NULL, 0) != 0) return PS_EXIT_USAGE;

    char err[1024] = "";
    int to_stdout = ps_cli_to_stdout(o.json) || ps_cli_to_stdout(o.csv);
    ps_script_options so;
    ps_scenario *s;
    ps_script_hooks *hooks;
    int loaded = ps_cli_load(&o, "sensitivity", to_stdout, &so, &s, &hooks);
    if (loaded != PS_EXIT_OK) return loaded;
    int code = PS_EXIT_OK;
    /* every number by a name of its own: the ranking and the charts go by names */
    if (ps_sensitivity_name_values(s) != 0) {
        ps_cli_error("out of memory");
        code = PS_EXIT_FAILURE;
    }
    /* the size, said before anything runs */
    ps_factor *fac = code == PS_EXIT_OK ? malloc(sizeof *fac * ((size_t)PS_MAX_ASSUMPTIONS + (size_t)s->nvalues + 1)) : NULL;
    int nf = fac ? ps_sens_factors_list(s, set.factors, fac) : 0;
    free(fac);
    if (code == PS_EXIT_OK && nf == 0) {
        ps_cli_error("sensitivity: %s has no %s: nothing to vary", s->file,
                     set.factors == PS_SENS_ASSUMPTIONS ? "assumption" :
                     set.factors == PS_SENS_DISTRIBUTIONS ? "uncertain number (no distribution)" :
                     "uncertain number (no assumption, no distribution)");
        code = PS_EXIT_USAGE;
    }
    size_t points = ps_sens_points(set, nf);
    if (code == PS_EXIT_OK && (points == 0 || (uint64_t)points > MAX_REPLICATIONS / o.runs)) {
        ps_cli_error("sensitivity: %s over %d factors needs %zu design points x %" PRIu64 " runs: more than %llu "
                     "replications (days of computing); give fewer --runs%s", ps_sens_method_name(set.method), nf, points,
                     o.runs, MAX_REPLICATIONS, set.method == PS_SENS_SOBOL ? " or --samples" :
                     set.method == PS_SENS_MORRIS ? " or --trajectories" : "");
        code = PS_EXIT_USAGE;
    }
    int shown_output = -1;
    if (code == PS_EXIT_OK && output) {
        int known = strcmp(output, "agreement") == 0 || strcmp(output, "war_rounds") == 0;
        for (int k = 0; k < s->nissues && !known; k++)
            known = strcmp(output, s->issues[k].name) == 0 ||
                    (strncmp(output, "terms:", 6) == 0 && strcmp(output + 6, s->issues[k].name) == 0);
        if (!known) {
            char names[600] = "";
            size_t len = 0;
            for (int k = 0; k < s->nissues && len + 2 < sizeof names; k++)
                len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", k ? ", " : "", s->issues[k].name);
            ps_cli_error("--output %s: not an output of %s (known: agreement, war_rounds, an issue (%s), terms:ISSUE)", output,
                         s->file, names);
            code = PS_EXIT_USAGE;
        }
    }
    if (code == PS_EXIT_OK && !o.quiet)
        fprintf(stderr, "peacesim: sensitivity (%s) over %d factors: %zu design points x %" PRIu64 " runs = %" PRIu64
                        " replications\n", ps_sens_method_name(set.method), nf, points, o.runs, (uint64_t)points * o.runs);
    ps_sensitivity_study *st = NULL;
    double seconds = 0;
    ps_cli_watch watch;
    ps_progress_start(&watch.bar);
    watch.show_bar = !o.quiet && isatty(STDERR_FILENO);
    ps_cli_catch_stop_signals(1);
    if (code == PS_EXIT_OK) {
        /* all on common random numbers: every design point runs the same replications */
        ps_run_options ro = {.runs = o.runs, .seed = o.seed, .progress = ps_cli_watch_progress, .progress_ctx = &watch,
                             .threads = o.threads, .err = err, .errlen = sizeof err, .cancel = &ps_cli_stop_signal};
        double t0 = ps_cli_now();
        ps_status rc = ps_sensitivity_study_run(s, hooks, set, &ro, &st);
        seconds = ps_cli_now() - t0;
        int stopped = rc == PS_ECALLBACK && ps_cli_stop_signal != 0;
        if (stopped) {
            ps_cli_error("stopped by %s: no report (a sensitivity analysis reports only when whole)",
                         ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
            code = 128 + ps_cli_stop_signal;
        } else if (rc != PS_OK) {
            if (err[0]) ps_cli_error("%s", err);
            else ps_cli_error("the analysis failed: %s", ps_strerror(rc));
            code = (rc == PS_EINVAL && err[0]) || rc == PS_ERANGE ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        }
    }
    ps_cli_catch_stop_signals(0);
    ps_progress_finish(&watch.bar);
    if (code == PS_EXIT_OK) {
        if (output) shown_output = ps_sens_output_find(st, output);
        ps_report_meta meta = {o.runs, o.seed, seconds, PEACESIM_VERSION, 1, o.interval, 0};
        if (o.json && ps_cli_write_json(o.json, "--json", ps_json_sensitivity(s, st, &meta)) != 0) code = PS_EXIT_FAILURE;
        if (o.csv && code == PS_EXIT_OK) {
            char cerr[512];
            ps_out *co = ps_out_open(o.csv, cerr, sizeof cerr);
            if (!co) {
                ps_cli_error("--csv %s", cerr);
                code = PS_EXIT_FAILURE;
            } else {
                int bad = ps_sensitivity_csv(ps_out_file(co), st) != 0;
                if (ps_out_close(co, !bad, cerr, sizeof cerr) != 0) {
                    ps_cli_error("--csv %s", bad ? o.csv : cerr);
                    code = PS_EXIT_FAILURE;
                }
            }
        }
        if (o.report && code == PS_EXIT_OK) {
            cJSON *doc = ps_json_sensitivity(s, st, &meta);
            if (!doc || ps_cli_write_report(o.report, doc) != 0) code = PS_EXIT_FAILURE;
            cJSON_Delete(doc);
        }
        if (!o.quiet && code == PS_EXIT_OK) {
            FILE *out = to_stdout ? stderr : stdout;
            if (ps_sensitivity_table(out, s, st, shown_output, (int)top, &meta) != 0 || fflush(out) != 0) {
                ps_cli_error("writing the table failed: %s", strerror(errno));
                code = PS_EXIT_FAILURE;
            }
        }
    }
    ps_sensitivity_study_free(st);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
