/* ps_cli_sensitivity.c: `peacesim sensitivity`: every uncertain number of a scenario held at
 * its 5% and at its 95% quantile in turn, on common random numbers: the data of a tornado chart. */
#include <errno.h>
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
#include "ps_factors.h"
#include "ps_sensitivity.h"

static const char sensitivity_usage[] =
    "Usage: peacesim sensitivity [SCENARIO.lua] [options]\n"
    "\n"
    "For every uncertain number of the scenario (every distribution it gives), runs the scenario\n"
    "with that number held at its 5% quantile and at its 95% quantile, the others left random,\n"
    "all on the same random numbers as a run of the scenario as it is; reports for each headline\n"
    "probability (the comprehensive agreement, each issue) how far it swings between the two,\n"
    "ranked: the data of a tornado chart.\n"
    "\n"
    "Options:\n"
    "  --runs N      replications per variant (default 20000; there are 2 variants per number)\n"
    "  --top K       numbers shown per probability in the table (default 8; the JSON has all)\n"
    "  --report PATH an HTML report with a tornado chart per probability\n"
    "  --seed S, --set NAME=VALUE, --json PATH, --quiet, --interval M, --threads N,\n"
    "  --lua-memory, --lua-seconds, --lua-instructions: as for run\n"
    "  --help        this text\n"
    "\n"
    "Example:\n"
    "  peacesim sensitivity --runs 20000 --json sens.json\n";


int ps_cli_sensitivity(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, 20000);
    uint64_t top = 8;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(sensitivity_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "--top") == 0) {
            const char *val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a whole number from 1 to 1000");
            if (!val) return PS_EXIT_USAGE;
            if (ps_cli_parse_u64(val, 1, 1000, &top)) { ps_cli_error("--top needs a whole number from 1 to 1000"); return PS_EXIT_USAGE; }
            i++;
        } else if (strcmp(a, "--csv") == 0) {
            ps_cli_error("sensitivity: --csv is not offered; use --json");
            return PS_EXIT_USAGE;
        } else if (ps_cli_scenario_arg(&o, "sensitivity", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    if (o.csv) { ps_cli_error("sensitivity: --csv is not offered; use --json"); return PS_EXIT_USAGE; }
    if (ps_cli_check_outputs(&o, NULL, 0) != 0) return PS_EXIT_USAGE;

    char err[1024] = "";
    int to_stdout = ps_cli_to_stdout(o.json);
    ps_script_options so;
    ps_scenario *s;
    ps_script_hooks *hooks;
    int loaded = ps_cli_load(&o, "sensitivity", to_stdout, &so, &s, &hooks);
    if (loaded != PS_EXIT_OK) return loaded;
    ps_status st;
    /* the uncertain numbers: every value that is not a constant */
    int nparam = 0;
    ps_factor *fac = malloc(sizeof *fac * (size_t)(s->nvalues + s->nassumptions + 1));
    ps_sens_param *par = calloc((size_t)(s->nvalues > 0 ? s->nvalues : 1), sizeof *par);
    ps_result **res = calloc((size_t)(2 * s->nvalues + 1), sizeof *res);
    ps_paired *dif = calloc((size_t)(2 * s->nvalues + 1), sizeof *dif);
    double *U = NULL;
    int code = fac && par && res && dif ? PS_EXIT_OK : PS_EXIT_FAILURE;
    /* every number by a name of its own: the ranking and the charts go by names */
    if (code == PS_EXIT_OK && ps_sensitivity_name_values(s) != 0) {
        ps_cli_error("out of memory");
        code = PS_EXIT_FAILURE;
    }
    if (code == PS_EXIT_OK) {
        int nf = ps_factors_list(s, fac);
        for (int k = 0; k < nf; k++)   /* the distributions (the tornado of issue 13's first part) */
            if (fac[k].kind == PS_FACTOR_DISTRIBUTION) fac[nparam++] = fac[k];
    }
    if (code == PS_EXIT_OK && nparam == 0) {
        ps_cli_error("sensitivity: %s has no uncertain number (no distribution): nothing to vary", s->file);
        code = PS_EXIT_USAGE;
    }
    /* two variants per number: [low 1, high 1, low 2, high 2, ...], each number held at its 5%
     * and at its 95% quantile, the others left random */
    if (code == PS_EXIT_OK && !(U = malloc(sizeof *U * (size_t)(2 * nparam) * (size_t)nparam))) code = PS_EXIT_FAILURE;
    for (int k = 0; code == PS_EXIT_OK && k < nparam; k++) {
        for (int j = 0; j < 2 * nparam; j++) U[(size_t)(2 * k) * (size_t)nparam + (size_t)j] = NAN;
        U[(size_t)(2 * k) * (size_t)nparam + (size_t)k] = 0.05;
        U[(size_t)(2 * k + 1) * (size_t)nparam + (size_t)k] = 0.95;
        par[k].value = fac[k].index;
        par[k].q05 = ps_factor_value(s, &fac[k], 0.05);
        par[k].q95 = ps_factor_value(s, &fac[k], 0.95);
    }
    ps_result *base = NULL;
    double seconds = 0;
    int stopped = 0;
    ps_cli_watch watch;
    ps_progress_start(&watch.bar);
    watch.show_bar = !o.quiet && isatty(STDERR_FILENO);
    ps_cli_catch_stop_signals(1);
    if (code == PS_EXIT_OK) {
        /* all on common random numbers: the scenario as it is and every variant share them */
        ps_run_options ro = {.runs = o.runs, .seed = o.seed, .progress = ps_cli_watch_progress, .progress_ctx = &watch,
                             .threads = o.threads, .err = err, .errlen = sizeof err, .cancel = &ps_cli_stop_signal};
        double t0 = ps_cli_now();
        st = ps_factors_run(s, hooks, fac, nparam, U, 2 * nparam, &ro, res, &base, dif);
        seconds += ps_cli_now() - t0;
        stopped = st == PS_ECALLBACK && ps_cli_stop_signal != 0;
        if (st != PS_OK && !stopped) {
            if (err[0]) ps_cli_error("%s", err);
            else ps_cli_error("the analysis failed: %s", ps_strerror(st));
            code = st == PS_EINVAL && err[0] ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        } else if (stopped) {
            ps_cli_error("stopped by %s: no report (a sensitivity analysis reports only when whole)",
                         ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
            code = 128 + ps_cli_stop_signal;
        }
    }
    ps_cli_catch_stop_signals(0);
    ps_progress_finish(&watch.bar);
    if (code == PS_EXIT_OK) {
        for (int k = 0; k < nparam; k++) {
            par[k].lo = res[2 * k];
            par[k].hi = res[2 * k + 1];
            par[k].dlo = &dif[2 * k];
            par[k].dhi = &dif[2 * k + 1];
        }
        ps_report_meta meta = {o.runs, o.seed, seconds, PEACESIM_VERSION, 1, o.interval, 0};
        if (o.json && ps_cli_write_json(o.json, "--json", ps_json_sensitivity(s, base, par, nparam, &meta)) != 0)
            code = PS_EXIT_FAILURE;
        if (o.report && code == PS_EXIT_OK) {
            cJSON *doc = ps_json_sensitivity(s, base, par, nparam, &meta);
            if (!doc || ps_cli_write_report(o.report, doc) != 0) code = PS_EXIT_FAILURE;
            cJSON_Delete(doc);
        }
        if (!o.quiet && code == PS_EXIT_OK) {
            FILE *out = to_stdout ? stderr : stdout;
            if (ps_sensitivity_table(out, s, base, par, nparam, (int)top, &meta) != 0 || fflush(out) != 0) {
                ps_cli_error("writing the table failed: %s", strerror(errno));
                code = PS_EXIT_FAILURE;
            }
        }
    }
    for (int k = 0; res && k < 2 * nparam; k++) ps_result_free(res[k]);
    ps_result_free(base);
    free(res);
    free(dif);
    free(par);
    free(fac);
    free(U);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
