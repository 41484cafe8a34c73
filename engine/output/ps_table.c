/* ps_table.c: the summary table `peacesim run` prints. */
#include <math.h>
#include "ps_table.h"
#include "ps_utf8.h"

static void row(FILE *out, ps_interval method, const char *name, uint64_t k, uint64_t n, const ps_result *r, int issue)
{
    double lo, hi;
    ps_interval95(method, k, n, &lo, &hi);
    int m = ps_result_median_round(r, issue);
    char med[32];
    if (m < 0) snprintf(med, sizeof med, "> %d", r->rounds);
    else snprintf(med, sizeof med, "%d", m);
    char col[4 * 16 + 1];   /* the name cut to 16 characters, on a character boundary */
    fprintf(out, "  %s %6.1f%%  [%5.1f%%, %5.1f%%]  %12s", ps_utf8_column(col, sizeof col, name, 16, 0),
            n ? 100.0 * (double)k / (double)n : 0.0, 100 * lo, 100 * hi, med);
}

/* eum: for each issue, whether the positions converged (the issue then settles), fell into a
 * cycle (its period and values: no settlement), or neither by the last round. */
static void eum_lines(FILE *out, const ps_scenario *s, const ps_result *r)
{
    double n = r->runs ? (double)r->runs : 1;
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_result *ir = &r->issue[k];
        fprintf(out, "\nEUM forecast on '%s' (positions compared within %g on the 0-1 scale):\n", s->issues[k].name, PS_EUM_TOL);
        fprintf(out, "  converged in %.1f%% of runs (the issue settles at that round's median); a cycle in %.1f%%, "
                     "still moving after %d rounds in %.1f%% (neither settles).\n",
                100.0 * (double)ir->eum[PS_EUM_CONVERGED] / n, 100.0 * (double)ir->eum[PS_EUM_CYCLE] / n, r->rounds,
                100.0 * (double)ir->eum[PS_EUM_UNRESOLVED] / n);
        if (ir->cycle_period == 0) continue;
        fprintf(out, "  periods:");
        for (int p = 2; p <= PS_EUM_MAX_PERIOD; p++)
            if (ir->eum_periods[p]) fprintf(out, " %d (%.1f%% of runs)", p, 100.0 * (double)ir->eum_periods[p] / n);
        fprintf(out, ".\n  the first cycle, rounds %d to %d: medians", ir->cycle_round - ir->cycle_period + 1, ir->cycle_round);
        for (int j = 0; j < ir->cycle_period; j++) fprintf(out, " %.3f", ir->cycle_median[j]);
        fprintf(out, "; means");
        for (int j = 0; j < ir->cycle_period; j++) fprintf(out, " %.3f", ir->cycle_mean[j]);
        fprintf(out, ".\n");
    }
}

int ps_table_print(FILE *out, const ps_scenario *s, const ps_result *r, const ps_report_meta *meta)
{
    fprintf(out, "%s\n", s->name);
    fprintf(out, "%llu runs, seed %llu, %d rounds, %d part%s, %d issue%s%s\n",
            (unsigned long long)r->runs, (unsigned long long)meta->seed, s->rounds, s->nparties, s->nparties == 1 ? "y" : "ies",
            s->nissues, s->nissues == 1 ? "" : "s",
            meta->complete ? "" : " (stopped early: partial result)");
    if (meta->precision > 0) {   /* --precision: reached, or where the run stopped short of it */
        double h = ps_result_max_halfwidth(r, meta->interval);
        const char *iv = meta->interval == PS_INTERVAL_CP ? "Clopper-Pearson" : "Wilson";
        if (h <= meta->precision)
            fprintf(out, "Precision %g reached: every 95%% half-width is at most that (the widest %.3g, %s).\n", meta->precision, h, iv);
        else if (!meta->complete)
            fprintf(out, "Precision %g NOT reached: the widest 95%% half-width is %.3g (%s) when the run was stopped.\n",
                    meta->precision, h, iv);
        else
            fprintf(out, "Precision %g NOT reached: the widest 95%% half-width is %.3g (%s) after %llu runs, the most --runs "
                         "allows.\n", meta->precision, h, iv, (unsigned long long)r->runs);
    }
    fputc('\n', out);
    fprintf(out, "  %-16s %7s  %-16s  %12s  %8s  %8s  %-21s\n", "issue", "P(deal)", meta->interval == PS_INTERVAL_CP ? "95% (C-P)" : "95% interval", "median round",
            "in force", "held", "terms: mean [5%, 95%]");
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_result *ir = &r->issue[k];
        row(out, meta->interval, s->issues[k].name, ir->settled, r->runs, r, k);
        fprintf(out, "  %7.1f%%  %7.1f%%", 100.0 * (double)ir->implemented / (double)r->runs,
                100.0 * (double)ir->held / (double)r->runs);
        if (ir->terms.n) fprintf(out, "  %.2f [%.2f, %.2f]", ir->terms.mean, ps_hist01_quantile(&ir->terms_hist, 0.05),
                                 ps_hist01_quantile(&ir->terms_hist, 0.95));
        else fprintf(out, "  -");
        fputc('\n', out);
    }
    row(out, meta->interval, "comprehensive", r->comprehensive, r->runs, r, -1);
    fputc('\n', out);
    if (r->forecast_sum) eum_lines(out, s, r);
    fprintf(out, "\nAt the end: %.1f%% comprehensive, %.1f%% partial, %.1f%% no agreement.\n",
            100.0 * (double)r->outcome[PS_OUTCOME_COMPREHENSIVE] / (double)r->runs,
            100.0 * (double)r->outcome[PS_OUTCOME_PARTIAL] / (double)r->runs,
            100.0 * (double)r->outcome[PS_OUTCOME_NONE] / (double)r->runs);
    if (s->front.issue >= 0)
        fprintf(out, "Line of control at the end: mean %.3f [5%% %.3f, 95%% %.3f] on the '%s' scale.\n", r->front.mean,
                ps_hist01_quantile(&r->front_hist, 0.05), ps_hist01_quantile(&r->front_hist, 0.95),
                s->issues[s->front.issue].name);
    fprintf(out, "Rounds fought without a ceasefire: mean %.1f of %d.\n", r->war_rounds.mean, s->rounds);
    fprintf(out, "Proposals refused per run:");
    for (int i = 0; i < s->nparties; i++)
        if (r->refusals[i] > 0) fprintf(out, " %s %.1f;", s->parties[i].name, (double)r->refusals[i] / (double)r->runs);
    fprintf(out, "\n");
    fprintf(out, "P(deal): agreed at least once within the horizon; in force: carried out at least once;\n"
                 "held: still agreed at the end. A model of the talks, not a forecast.\n");
    return ferror(out) ? -1 : 0;
}
