/* ps_worlds_csv.c: a band's worlds as CSV rows, one per world. */
#include "ps_records.h"
#include "ps_worlds_csv.h"

int ps_worlds_csv_write(FILE *f, const ps_scenario *s, const ps_band *b)
{
    fputs("world", f);
    for (int j = 0; j < b->nassumptions; j++) {
        fputc(',', f);
        ps_csv_put(f, s->assumptions[j].name, "");
    }
    fputs(",agreement.p", f);
    for (int k = 0; k < s->nissues; k++) {
        fputc(',', f);
        ps_csv_put(f, s->issues[k].name, ".p");
    }
    fputc('\n', f);
    for (int w = 0; w < b->nworlds; w++) {
        const double *x = b->x + (size_t)w * (size_t)b->nassumptions, *p = b->p + (size_t)w * (size_t)b->noutputs;
        fprintf(f, "%d", w);
        for (int j = 0; j < b->nassumptions; j++) fprintf(f, ",%.17g", x[j]);
        for (int o = 0; o < b->noutputs; o++) fprintf(f, ",%.17g", p[o]);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
