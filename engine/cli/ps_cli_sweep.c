/* ps_cli_sweep.c: `peacesim sweep`: a scenario over a grid of parameter values, every point on
 * the same replications (common random numbers), each compared with a baseline point. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_grid.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_run.h"
#include "ps_sweep.h"
#include "ps_utf8.h"

static const char sweep_usage[] =
    "Usage: peacesim sweep [SCENARIO.lua] --vary NAME=V1,V2,... | NAME=FROM:TO:STEP [--vary ...] [options]\n"
    "\n"
    "Runs the scenario at every point of a grid of param values: the product of the --vary lists.\n"
    "Every point runs on the same random numbers (common random numbers), so the differences\n"
    "between points come from the params, not from the noise. Each point is compared with the\n"
    "baseline point, replication by replication: the paired difference of each probability, with\n"
    "its 95% interval, far narrower than the difference of two independent runs.\n"
    "\n"
    "When the baseline declares assumptions (assumed(...)), each point is also run in every world\n"
    "drawn from them, the baseline too, and compared with the baseline in the same world: the\n"
    "median difference over the worlds, its 5-95% band, and the share of worlds in which the point\n"
    "beats the baseline. The first interval is Monte Carlo error at the central values; the band\n"
    "is what the assumptions leave unknown.\n"
    "\n"
    "Options:\n"
    "  --vary NAME=LIST       a param and its values: V1,V2,... or FROM:TO:STEP (repeatable; at\n"
    "                         most 64 points in all)\n"
    "  --baseline NAME=V,...  the point the others are compared with (default: the first point);\n"
    "                         give a value for every varied param\n"
    "  --runs N               replications per point (default 100000)\n"
    "  --seed S               random seed (default 1)\n"
    "  --set NAME=VALUE       a param held fixed at every point (repeatable)\n"
    "  --central              the central values only: no worlds\n"
    "  --worlds N             worlds drawn from the baseline's assumptions (default 128, 2 to 4096)\n"
    "  --world-runs N         replications per point in each world (default 300, at most --runs)\n"
    "  --json PATH            the whole sweep as JSON (schema peacesim.sweep/2); - for stdout\n"
    "  --report PATH          an HTML report with charts of the sweep\n"
    "  --csv PATH             one row per point: params, each probability, its interval, its\n"
    "                         difference from the baseline and that interval, then the agreed\n"
    "                         terms and the median round of each issue; - for stdout\n"
    "  --quiet, --interval M, --threads N, --lua-memory, --lua-seconds, --lua-instructions: as for run\n"
    "  --help                 this text\n"
    "\n"
    "Examples:\n"
    "  peacesim sweep --vary eu_sanctions_step=0:0.3:0.1 --runs 20000\n"
    "  peacesim sweep --vary eu_sanctions_step=0,0.2 --vary leaders_call_chance=0.05,0.2 --json s.json\n";

#define MAX_VARY PS_GRID_MAX_VARY
#define MAX_VALUES PS_MAX_POINTS

typedef struct vary {
    char name[PS_NAME_MAX];
    int n;
    char value[MAX_VALUES][40];
} vary;

/* "NAME=V1,V2" or "NAME=FROM:TO:STEP" into v. Returns 0, or -1 after printing why. */
static int parse_vary(const char *spec, vary *v)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || !eq[1]) {
        ps_cli_error("--vary %s: give NAME=V1,V2,... or NAME=FROM:TO:STEP, e.g. --vary eu_sanctions_step=0:0.3:0.1", spec);
        return -1;
    }
    if ((size_t)(eq - spec) >= PS_NAME_MAX) { ps_cli_error("--vary %s: the name is too long", spec); return -1; }
    snprintf(v->name, sizeof v->name, "%.*s", (int)(eq - spec), spec);
    const char *list = eq + 1;
    v->n = 0;
    if (strchr(list, ':')) {
        double from, to, step;
        char tail;
        if (sscanf(list, "%lf:%lf:%lf%c", &from, &to, &step, &tail) != 3 || !isfinite(from) || !isfinite(to)
            || !isfinite(step) || step == 0 || (to - from) / step < 0) {
            ps_cli_error("--vary %s: FROM:TO:STEP needs three numbers, with STEP going from FROM towards TO", spec);
            return -1;
        }
        double count = floor((to - from) / step + 1e-9) + 1;
        if (count > MAX_VALUES) { ps_cli_error("--vary %s: %.0f values; at most %d", spec, count, MAX_VALUES); return -1; }
        for (int i = 0; i < (int)count; i++)
            snprintf(v->value[v->n++], sizeof v->value[0], "%.15g", from + i * step);   /* 0.3, not 0.30000000000000004 */
        return 0;
    }
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0 || len >= sizeof v->value[0]) {
            ps_cli_error("--vary %s: %s", spec, len == 0 ? "an empty value" : "a value is too long");
            return -1;
        }
        if (v->n == MAX_VALUES) { ps_cli_error("--vary %s: more than %d values", spec, MAX_VALUES); return -1; }
        snprintf(v->value[v->n++], sizeof v->value[0], "%.*s", (int)len, p);
        if (!comma) break;
        p = comma + 1;
    }
    return 0;
}

/* The point --baseline names: every varied param must be given once. Returns it, or -1. */
static int find_baseline(const char *spec, const vary *v, int nv, int npoints, const char *const *values)
{
    char want[MAX_VARY][40];
    int given[MAX_VARY] = {0};
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        char *eq = strchr(tok, '=');
        int j = -1;
        if (eq) {
            *eq = '\0';
            for (int q = 0; q < nv; q++)
                if (strcmp(v[q].name, tok) == 0) j = q;
        }
        if (!eq || j < 0 || given[j]) {
            ps_cli_error("--baseline %s: give NAME=VALUE for each varied param, once (varied: %s%s%s)", spec, v[0].name,
                         nv > 1 ? ", ..." : "", "");
            return -1;
        }
        given[j] = 1;
        snprintf(want[j], sizeof want[j], "%s", eq + 1);
    }
    for (int j = 0; j < nv; j++)
        if (!given[j]) { ps_cli_error("--baseline %s: give a value for %s too", spec, v[j].name); return -1; }
    const char *wants[MAX_VARY];
    for (int j = 0; j < nv; j++) wants[j] = want[j];
    int p = ps_grid_find(values, npoints, nv, wants);
    if (p < 0) ps_cli_error("--baseline %s is not a point of the grid", spec);
    return p;
}

/* The text of a cell: a probability in percent, then its paired difference in points. */
static void print_cell(FILE *out, uint64_t k, uint64_t n, const ps_moments *d, int base)
{
    double diff, lo, hi;
    ps_sweep_diff(d, &diff, &lo, &hi);
    if (base) fprintf(out, "  %6.1f%% %-20s", 100.0 * (double)k / (double)n, "(baseline)");
    else fprintf(out, "  %6.1f%% %+5.1f [%+5.1f,%+5.1f]", 100.0 * (double)k / (double)n, 100 * diff, 100 * lo, 100 * hi);
}

/* The text of a cell across worlds: the median difference in points [5%, 95%], then the share of
 * worlds in which the point beats the baseline. */
static void print_worlds_cell(FILE *out, const ps_grid_worlds *wd, int p, int o, int base)
{
    char cell[64];
    const ps_grid_diff *g = &wd->out[(size_t)p * (size_t)wd->noutputs + (size_t)o];
    if (base) snprintf(cell, sizeof cell, "(baseline)");
    else
        snprintf(cell, sizeof cell, "%+5.1f [%+5.1f,%+5.1f] %3.0f%%", 100 * g->q[1], 100 * g->q[0], 100 * g->q[2],
                 100.0 * g->wins / wd->nworlds);
    fprintf(out, "  %-28s", cell);
}

/* The text of a cell of the second block: the agreed terms, mean [5%, 95%] (issue >= 0), then
 * the median round of agreement, "> R" when fewer than half the runs agreed by the horizon R. */
static void print_terms_cell(FILE *out, const ps_result *r, int issue)
{
    char cell[64], med[24];
    int md = ps_result_median_round(r, issue);
    if (md < 0) snprintf(med, sizeof med, "> %d", r->rounds);
    else snprintf(med, sizeof med, "%d", md);
    if (issue < 0) snprintf(cell, sizeof cell, "%s", med);
    else if (r->issue[issue].terms.n == 0) snprintf(cell, sizeof cell, "-; %s", med);
    else
        snprintf(cell, sizeof cell, "%.2f [%.2f, %.2f]; %s", r->issue[issue].terms.mean,
                 ps_hist01_quantile(&r->issue[issue].terms_hist, 0.05), ps_hist01_quantile(&r->issue[issue].terms_hist, 0.95), med);
    fprintf(out, "  %-28s", cell);
}

/* Point p's values, each padded to its param's name: the start of its rows. Returns row. */
static const char *point_label(const ps_sweep_meta *m, int p, char *row, size_t len)
{
    row[0] = '\0';
    for (int j = 0; j < m->nvary; j++) {
        char cell[64];
        snprintf(cell, sizeof cell, "%-*s", (int)strlen(m->vary_names[j]) + 2, m->values[p * m->nvary + j]);
        ps_utf8_append(row, len, cell);
    }
    return row;
}

/* A block's header: the varied params, then the comprehensive agreement and each issue. */
static void print_header(FILE *out, const ps_scenario *b, const char *head, int w)
{
    fprintf(out, "%-*s  %-28s", w, head, "comprehensive");
    for (int k = 0; k < b->nissues; k++) fprintf(out, "  %-28s", b->issues[k].name);
    fputc('\n', out);
}

static void print_table(FILE *out, const ps_scenario *const *s, ps_result *const *r, const ps_paired *paired,
                        const ps_sweep_meta *m)
{
    const ps_scenario *b = s[m->baseline];
    const ps_grid_worlds *wd = m->worlds;
    fprintf(out, "%s: sweep of %d points, %llu runs each, seed %llu\n", b->name, m->npoints,
            (unsigned long long)r[0]->runs, (unsigned long long)m->run.seed);
    if (wd)
        fprintf(out, "Each cell: P(deal) at the central values of the assumptions, then the paired difference from the\n"
                     "baseline in percentage points [95%% interval: Monte Carlo error, not what the assumptions leave unknown].\n\n");
    else
        fprintf(out, "Each cell: P(deal), then the paired difference from the baseline in percentage points [95%% interval].\n\n");
    int w = 0;
    for (int j = 0; j < m->nvary; j++) w += (int)strlen(m->vary_names[j]) + 2;
    char head[512] = "";
    for (int j = 0; j < m->nvary; j++) {
        ps_utf8_append(head, sizeof head, m->vary_names[j]);
        strncat(head, "  ", sizeof head - strlen(head) - 1);
    }
    print_header(out, b, head, w);
    for (int p = 0; p < m->npoints; p++) {
        char row[512];
        fprintf(out, "%-*s", w, point_label(m, p, row, sizeof row));
        int base = p == m->baseline;
        print_cell(out, r[p]->comprehensive, r[p]->runs, &paired[p].agreement, base);
        for (int k = 0; k < b->nissues; k++) print_cell(out, r[p]->issue[k].settled, r[p]->runs, &paired[p].issue[k], base);
        fputc('\n', out);
    }
    if (wd) {
        /* the same comparison in every world of the baseline's assumptions: the ignorance */
        fprintf(out, "\nAcross the assumptions: %d worlds drawn from the baseline's %d assumptions, %llu runs per point in each.\n"
                     "Each cell: the median over the worlds of the point's P(deal) minus the baseline's in the same world,\n"
                     "in percentage points [5%%, 95%% over the worlds: what the assumptions leave unknown], then the share\n"
                     "of worlds in which the point beats the baseline.\n\n",
                wd->nworlds, wd->nassumptions, (unsigned long long)wd->runs);
        print_header(out, b, head, w);
        for (int p = 0; p < m->npoints; p++) {
            char row[512];
            fprintf(out, "%-*s", w, point_label(m, p, row, sizeof row));
            for (int o = 0; o < wd->noutputs; o++) print_worlds_cell(out, wd, p, o, p == m->baseline);
            fputc('\n', out);
        }
    }
    /* what the deals were and when they came: a lesson's point may be there, not in P(deal) */
    fprintf(out, "\nEach cell: the agreed terms, mean [5%%, 95%%] over the runs that agreed, then the median round of agreement\n"
                 "(> %d: fewer than half the runs agreed by the end).\n\n", b->rounds);
    print_header(out, b, head, w);
    for (int p = 0; p < m->npoints; p++) {
        char row[512];
        fprintf(out, "%-*s", w, point_label(m, p, row, sizeof row));
        print_terms_cell(out, r[p], -1);
        for (int k = 0; k < b->nissues; k++) print_terms_cell(out, r[p], k);
        fputc('\n', out);
    }
    fprintf(out, "\nA model of the talks, not a forecast.\n");
}

int ps_cli_sweep(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, 100000);
    static vary v[MAX_VARY];
    int nv = 0;
    const char *baseline_spec = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used == 0) used = ps_cli_worlds_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(sweep_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "--vary") == 0) {
            const char *val = ps_cli_value(argc, argv, i, 0, "NAME=V1,V2,... or NAME=FROM:TO:STEP");
            if (!val) return PS_EXIT_USAGE;
            if (nv == MAX_VARY) { ps_cli_error("more than %d --vary options", MAX_VARY); return PS_EXIT_USAGE; }
            if (parse_vary(val, &v[nv]) != 0) return PS_EXIT_USAGE;
            for (int j = 0; j < nv; j++)
                if (strcmp(v[j].name, v[nv].name) == 0) { ps_cli_error("--vary %s is given twice", v[nv].name); return PS_EXIT_USAGE; }
            nv++;
            i++;
        } else if (strcmp(a, "--baseline") == 0) {
            if (!(baseline_spec = ps_cli_value(argc, argv, i, 0, "NAME=VALUE,..., e.g. --baseline eu_sanctions_step=0")))
                return PS_EXIT_USAGE;
            i++;
        } else if (ps_cli_scenario_arg(&o, "sweep", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    if (nv == 0) { ps_cli_error("sweep: give at least one --vary NAME=V1,V2,... Try 'peacesim sweep --help'."); return PS_EXIT_USAGE; }
    for (int j = 0; j < nv; j++)
        for (int q = 0; q < o.nset; q++)
            if (strcmp(o.set_names[q], v[j].name) == 0) {
                ps_cli_error("%s is both varied (--vary) and fixed (--set)", v[j].name);
                return PS_EXIT_USAGE;
            }
    int count[MAX_VARY];
    for (int j = 0; j < nv; j++) count[j] = v[j].n;
    double npoints_d = ps_grid_size(nv, count);
    if (npoints_d > PS_MAX_POINTS) {
        ps_cli_error("sweep: the grid has %.0f points; at most %d", npoints_d, PS_MAX_POINTS);
        return PS_EXIT_USAGE;
    }
    int npoints = (int)npoints_d;
    /* the grid, the first --vary slowest */
    static const char *values[PS_MAX_POINTS * MAX_VARY];
    const char *names[MAX_VARY];
    static const char *lists[MAX_VARY][MAX_VALUES];
    const char *const *listp[MAX_VARY];
    for (int j = 0; j < nv; j++) {
        names[j] = v[j].name;
        for (int i = 0; i < v[j].n; i++) lists[j][i] = v[j].value[i];
        listp[j] = lists[j];
    }
    ps_grid_points(nv, count, listp, values);
    int baseline = 0;
    if (baseline_spec && (baseline = find_baseline(baseline_spec, v, nv, npoints, values)) < 0) return PS_EXIT_USAGE;
    ps_cli_worlds_defaults(&o);
    if (ps_cli_check_outputs(&o, NULL, 0) != 0) return PS_EXIT_USAGE;

    /* Each point: the script run with the fixed --set values and the point's own. */
    static ps_scenario *s[PS_MAX_POINTS];
    static ps_script_hooks *hooks[PS_MAX_POINTS];
    static ps_result *r[PS_MAX_POINTS];
    static ps_paired paired[PS_MAX_POINTS];
    char err[1024] = "";
    int code = PS_EXIT_OK;
    /* each point's options outlive its load: a world of a script that computes with an
     * assumption is that point's script run again (ps_script_remake) */
    static ps_script_options point_so[PS_MAX_POINTS];
    static const char *point_names[PS_MAX_POINTS][PS_CLI_MAX_SETS + MAX_VARY];
    static const char *point_values[PS_MAX_POINTS][PS_CLI_MAX_SETS + MAX_VARY];
    for (int p = 0; p < npoints && code == PS_EXIT_OK; p++) {
        const char **set_names = point_names[p], **set_values = point_values[p];
        int nset = 0;
        for (int q = 0; q < o.nset; q++) { set_names[nset] = o.set_names[q]; set_values[nset++] = o.set_values[q]; }
        for (int j = 0; j < nv; j++) { set_names[nset] = v[j].name; set_values[nset++] = values[p * nv + j]; }
        int to_stdout = ps_cli_to_stdout(o.json) || ps_cli_to_stdout(o.csv);
        ps_script_options so = {.path = o.path, .nset = nset, .set_names = set_names, .set_values = set_values,
                                .limits = o.limits, .budget = ps_cli_budget(&o.limits, o.path), .version = PEACESIM_VERSION, .print_to_stderr = to_stdout,
                                .set_label = "--set or --vary", .on_read = ps_cli_note_read};
        if (o.path && !(so.source = ps_cli_script_text(o.path, &so.source_len, err, sizeof err))) {
            ps_cli_error("%s", err);
            code = PS_EXIT_USAGE;
            break;
        }
        ps_status st = ps_script_run(&so, &s[p], err, sizeof err);
        if (st != PS_OK) {
            ps_cli_error("%s", st == PS_ENOMEM ? "out of memory" : err);
            code = st == PS_ENOMEM ? PS_EXIT_FAILURE : PS_EXIT_USAGE;
        } else if (ps_cli_reads_refused() != 0) {
            code = PS_EXIT_USAGE;
        } else if (!s[p]) {
            ps_cli_error("sweep: %s is a study script (it returns no scenario): a sweep needs a scenario", o.path);
            code = PS_EXIT_USAGE;
        } else if (ps_scenario_has_scripts(s[p]) && !(hooks[p] = ps_lua_hooks_replicas(&so, s[p], err, sizeof err))) {
            ps_cli_error("%s", err);
            code = PS_EXIT_FAILURE;
        }
        if (code == PS_EXIT_OK) {
            point_so[p] = so;
            s[p]->remake = ps_script_remake;
            s[p]->remake_ctx = &point_so[p];
        }
    }
    ps_cli_watch watch;
    ps_progress_start(&watch.bar);
    uint64_t world_reps = !o.central && s[baseline] && s[baseline]->nassumptions ? o.world_runs * (uint64_t)o.worlds : 0;
    watch.show_bar = !o.quiet && isatty(STDERR_FILENO) && (o.runs + world_reps) * (uint64_t)npoints >= 20000;
    ps_status st = PS_OK;
    double seconds = 0;
    int stopped = 0;
    ps_grid_worlds *worlds = NULL;
    if (code == PS_EXIT_OK) {
        ps_run_options ro = {.runs = o.runs, .seed = o.seed, .progress = ps_cli_watch_progress, .progress_ctx = &watch,
                             .threads = o.threads, .err = err, .errlen = sizeof err, .cancel = &ps_cli_stop_signal};
        err[0] = '\0';
        ps_cli_catch_stop_signals(1);
        double t0 = ps_cli_now();
        ps_grid_options g = {o.central ? 0 : o.worlds, o.world_runs};
        st = ps_grid_run((const ps_scenario *const *)s, npoints, baseline, (const ps_script_hooks *const *)hooks, &ro, &g, r,
                         paired, &worlds);
        seconds = ps_cli_now() - t0;
        ps_cli_catch_stop_signals(0);
        ps_progress_finish(&watch.bar);
        stopped = st == PS_ECALLBACK && ps_cli_stop_signal != 0;
        if (st != PS_OK && !stopped) {
            if (err[0]) ps_cli_error("%s", err);
            else ps_cli_error("the sweep failed: %s", ps_strerror(st));
            code = st == PS_EINVAL && err[0] ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        } else if (stopped && r[0]->runs == 0) {
            ps_cli_error("stopped by %s before the first run was complete: nothing written",
                         ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
            code = 128 + ps_cli_stop_signal;
            stopped = 0;
        } else if (stopped && r[0]->runs == o.runs) {
            ps_cli_error("stopped by %s while the points ran in the worlds of the assumptions: reporting the central "
                         "values alone (\"complete\": false)", ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
            code = 128 + ps_cli_stop_signal;
        } else if (stopped) {
            ps_cli_error("stopped by %s after %llu of %llu runs per point: reporting those (\"complete\": false)",
                         ps_cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM", (unsigned long long)r[0]->runs,
                         (unsigned long long)o.runs);
            code = 128 + ps_cli_stop_signal;
        }
    }
    if (code == PS_EXIT_OK || stopped) {
        ps_sweep_meta m = {{o.runs, o.seed, seconds, PEACESIM_VERSION, !stopped, o.interval, 0}, npoints, baseline, nv,
                           names, values, worlds};
        if (o.json && ps_cli_write_json(o.json, "--json",
                                        ps_json_sweep((const ps_scenario *const *)s, (const ps_result *const *)r, paired, &m)) != 0)
            code = PS_EXIT_FAILURE;
        if (o.report && code != PS_EXIT_FAILURE) {
            cJSON *doc = ps_json_sweep((const ps_scenario *const *)s, (const ps_result *const *)r, paired, &m);
            if (!doc || ps_cli_write_report(o.report, doc) != 0) code = PS_EXIT_FAILURE;
            cJSON_Delete(doc);
        }
        if (o.csv && code != PS_EXIT_FAILURE) {
            ps_out *out = ps_out_open(o.csv, err, sizeof err);
            int bad = !out || ps_sweep_csv(ps_out_file(out), (const ps_scenario *const *)s, (const ps_result *const *)r,
                                           paired, &m) != 0;
            if (out && ps_out_close(out, !bad, err, sizeof err) != 0) bad = 1;
            if (bad) { ps_cli_error("--csv %s", err); code = PS_EXIT_FAILURE; }
        }
        if (!o.quiet && code != PS_EXIT_FAILURE) {
            int json_out = ps_cli_to_stdout(o.json) || ps_cli_to_stdout(o.csv);
            FILE *out = json_out ? stderr : stdout;
            print_table(out, (const ps_scenario *const *)s, r, paired, &m);
            if (fflush(out) != 0) { ps_cli_error("writing the table failed: %s", strerror(errno)); code = PS_EXIT_FAILURE; }
        }
    }
    ps_grid_worlds_free(worlds);
    for (int p = 0; p < npoints; p++) {
        ps_result_free(r[p]);
        ps_lua_hooks_free(hooks[p]);
        ps_scenario_free(s[p]);
    }
    return code;
}
