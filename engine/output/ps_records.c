/* ps_records.c: per-replication CSV rows, written as the runner hands them over in order. */
#include <string.h>
#include "ps_records.h"

void ps_csv_put(FILE *f, const char *name, const char *suffix)
{
    if (strpbrk(name, ",\"\r\n")) {
        fputc('"', f);
        for (const char *c = name; *c; c++) {
            if (*c == '"') fputc('"', f);
            fputc(*c, f);
        }
        fprintf(f, "%s\"", suffix);
    } else {
        fprintf(f, "%s%s", name, suffix);
    }
}

int ps_records_header(FILE *f, const ps_scenario *s)
{
    fputs("seed,replication", f);
    for (int k = 0; k < s->nissues; k++) {
        static const char *const parts[] = {".round", ".terms", ".held"};
        for (int j = 0; j < 3; j++) {
            fputc(',', f);
            ps_csv_put(f, s->issues[k].name, parts[j]);
        }
    }
    fputs(",comprehensive_round,outcome,front,war_rounds,rounds_run", f);
    for (int j = 0; j < s->nvalues; j++)
        if (s->values[j].kind != PS_VAL_CONST) {
            fputc(',', f);
            ps_csv_put(f, s->values[j].label, "");
        }
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

int ps_records_row(FILE *f, const ps_scenario *s, uint64_t seed, uint64_t rep, const ps_outcome *o)
{
    static const char *const kinds[] = {"none", "partial", "comprehensive"};
    fprintf(f, "%llu,%llu", (unsigned long long)seed, (unsigned long long)rep);
    for (int k = 0; k < s->nissues; k++) {
        if (o->issue[k].settled) fprintf(f, ",%d,%.17g,%d", o->issue[k].round, o->issue[k].terms, o->issue[k].held);
        else fprintf(f, ",,,%d", o->issue[k].held);
    }
    if (o->comprehensive) fprintf(f, ",%d", o->comprehensive_round);
    else fputc(',', f);
    fprintf(f, ",%s,%.17g,%d,%d", kinds[o->kind], o->front, o->war_rounds, o->rounds_run);
    for (int j = 0, d = 0; j < s->nvalues; j++)
        if (s->values[j].kind != PS_VAL_CONST) {
            if (o->drawn) fprintf(f, ",%.17g", o->drawn[d++]);
            else fputc(',', f);
        }
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}
