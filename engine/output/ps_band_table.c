/* ps_band_table.c: the block "Across assumptions" of the summary `peacesim run` prints. */
#include "ps_band_table.h"
#include "ps_utf8.h"

#define NAME_W 16      /* the issue column, as the summary's */
#define DRIVER_W 48    /* an assumption's name among the drivers is cut to this many characters */

/* One output's row, and beneath it the assumptions that move it most (or that none does). */
static void band_row(FILE *out, const ps_scenario *s, const ps_band *b, const char *name, int o, double central)
{
    const ps_band_output *bo = &b->out[o];
    char col[4 * NAME_W + 1];
    fprintf(out, "  %s %7.1f%%  %7.1f%%  [%5.1f%%, %5.1f%%]", ps_utf8_column(col, sizeof col, name, NAME_W, 0), 100 * central,
            100 * bo->q[1], 100 * bo->q[0], 100 * bo->q[2]);
    int moves = 0;
    for (int i = 0; i < bo->ntop; i++) moves |= bo->rho[i] != 0;
    if (!moves) {
        fputs("  the same in every world\n", out);
        return;
    }
    fputs("\n      moved most by: ", out);
    for (int i = 0; i < bo->ntop; i++) {
        const char *an = s->assumptions[bo->top[i]].name;
        size_t nc = ps_utf8_chars(an);
        char cut[4 * DRIVER_W + 1];
        fprintf(out, "%s%s%s (%+.2f)", i ? "; " : "", ps_utf8_column(cut, sizeof cut, an, nc < DRIVER_W ? (int)nc : DRIVER_W, 0),
                nc > DRIVER_W ? "..." : "", bo->rho[i]);
    }
    fputc('\n', out);
}

/* A note for each output whose central value lies outside its band: the central values are not
 * typical of the ranges, which a reader of the central figures alone would not know. */
static void outside_notes(FILE *out, const ps_scenario *s, const ps_band *b, const double *central)
{
    for (int o = 0; o < b->noutputs; o++) {
        const ps_band_output *bo = &b->out[o];
        const char *name = o == 0 ? "the comprehensive agreement" : s->issues[o - 1].name;
        if (central[o] < bo->q[0])
            fprintf(out, "Note: %s's %.1f%% at the central values is below 95%% of the worlds: the central values are not "
                         "typical of their ranges.\n", name, 100 * central[o]);
        else if (central[o] > bo->q[2])
            fprintf(out, "Note: %s's %.1f%% at the central values is above 95%% of the worlds: the central values are not "
                         "typical of their ranges.\n", name, 100 * central[o]);
    }
}

int ps_band_table_print(FILE *out, const ps_scenario *s, const ps_result *r, const ps_band *b)
{
    double central[1 + PS_MAX_ISSUES];
    ps_band_outputs(r, central);
    fprintf(out, "\nAcross assumptions (%d worlds x %llu runs each, %d assumption%s drawn by a Latin hypercube):\n", b->nworlds,
            (unsigned long long)b->runs, b->nassumptions, b->nassumptions == 1 ? "" : "s");
    fprintf(out, "  %-16s %8s  %8s  %s\n", "issue", "central", "median", "band 5%-95%  (Spearman's rho over the worlds)");
    for (int k = 0; k < s->nissues; k++) band_row(out, s, b, s->issues[k].name, 1 + k, central[1 + k]);
    band_row(out, s, b, "comprehensive", 0, central[0]);
    fprintf(out, "95%% interval: Monte Carlo error at the central values; band: what the assumptions' ranges allow (ignorance).\n"
                 "central: P(deal) of the run above; median and band: over the worlds, each a draw of every assumption.\n");
    outside_notes(out, s, b, central);
    return ferror(out) ? -1 : 0;
}
