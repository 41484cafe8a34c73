/* ps_cli_sensitivity.c: `peacesim sensitivity`: every uncertain number of a scenario held at
 * its 5% and at its 95% quantile in turn, on common random numbers: the data of a tornado chart. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_run.h"
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

/* Numbers per batch: a batch runs the scenario as it is and 2 variants per number. */
#define PER_BATCH ((PS_MAX_POINTS - 1) / 2)

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
    int *which = malloc(sizeof *which * (size_t)(s->nvalues > 0 ? s->nvalues : 1));
    ps_sens_param *par = calloc((size_t)(s->nvalues > 0 ? s->nvalues : 1), sizeof *par);
    ps_result **res = calloc((size_t)(2 * s->nvalues + 1), sizeof *res);
    ps_paired *dif = calloc((size_t)(2 * s->nvalues + 1), sizeof *dif);
    int code = which && par && res && dif ? PS_EXIT_OK : PS_EXIT_FAILURE;
    for (int j = 0; code == PS_EXIT_OK && j < s->nvalues; j++)
        if (s->values[j].kind != PS_VAL_CONST) which[nparam++] = j;
    /* every number by a name of its own: the ranking and the charts go by names */
    if (code == PS_EXIT_OK && ps_sensitivity_name_values(s) != 0) {
        ps_cli_error("out of memory");
        code = PS_EXIT_FAILURE;
    }
    if (code == PS_EXIT_OK && nparam == 0) {
        ps_cli_error("sensitivity: %s has no uncertain number (no distribution): nothing to vary", s->file);
        code = PS_EXIT_USAGE;
    }
    ps_result *base = NULL;
    double seconds = 0;
    int stopped = 0;
    ps_cli_watch watch;
    ps_progress_start(&watch.bar);
    watch.show_bar = !o.quiet && isatty(STDERR_FILENO);
    ps_cli_catch_stop_signals(1);
    /* batches of PER_BATCH numbers: [as it is, low 1, high 1, low 2, high 2, ...], the first
     * point the same in every batch (the same replications), so every variant shares its random
     * numbers with every other */
    for (int b0 = 0; code == PS_EXIT_OK && b0 < nparam; b0 += PER_BATCH) {
        int nb = nparam - b0 < PER_BATCH ? nparam - b0 : PER_BATCH, n = 1 + 2 * nb;
        ps_scenario *pts[PS_MAX_POINTS] = {0};
        const ps_script_hooks *ph[PS_MAX_POINTS];
        ps_result *r[PS_MAX_POINTS] = {0};
        ps_paired d[PS_MAX_POINTS];
        pts[0] = s;
        for (int p = 0; p < n; p++) ph[p] = hooks;
        for (int i = 0; i < nb && code == PS_EXIT_OK; i++) {
            int j = which[b0 + i];
            ps_sens_param *q = &par[b0 + i];
            q->value = j;
            q->q05 = ps_value_quantile(&s->values[j], 0.05);
            q->q95 = ps_value_quantile(&s->values[j], 0.95);
            for (int side = 0; side < 2; side++) {
                ps_scenario *c = pts[1 + 2 * i + side] = ps_scenario_copy(s);
                if (!c) { code = PS_EXIT_FAILURE; break; }
                c->values[j].kind = PS_VAL_CONST;   /* held: every replication gets the quantile */
                c->values[j].a = side ? q->q95 : q->q05;
            }
        }
        if (code == PS_EXIT_OK) {
            ps_run_options ro = {.runs = o.runs, .seed = o.seed, .progress = ps_cli_watch_progress, .progress_ctx = &watch,
                                 .threads = o.threads, .err = err, .errlen = sizeof err, .cancel = &ps_cli_stop_signal};
            double t0 = ps_cli_now();
            st = ps_run_points((const ps_scenario *const *)pts, n, 0, ph, &ro, r, d);
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
        if (code == PS_EXIT_OK) {
            if (!base) base = r[0];
            else ps_result_free(r[0]);   /* the same run again: the first batch's is kept */
            for (int i = 0; i < nb; i++) {
                int k = b0 + i;
                res[2 * k] = r[1 + 2 * i];
                res[2 * k + 1] = r[2 + 2 * i];
                dif[2 * k] = d[1 + 2 * i];
                dif[2 * k + 1] = d[2 + 2 * i];
            }
        } else {
            for (int p = 0; p < n; p++) ps_result_free(r[p]);
        }
        for (int p = 1; p < n; p++) ps_scenario_free(pts[p]);
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
    free(which);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
