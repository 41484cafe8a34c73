/* ps_sensitivity.c: each uncertain number's swing on each headline probability, ranked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ps_json.h"
#include "ps_sensitivity.h"
#include "ps_utf8.h"

/* A value's label and index, sorted by label then index: the values that share a label are
 * neighbours, the first of them first. */
typedef struct named { const char *label; int j; } named;

static int by_label(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    return c ? c : (x->j > y->j) - (x->j < y->j);
}

/* Where to cut text of n bytes to keep at most max: never inside a UTF-8 character. */
static size_t utf8_cut(const char *text, size_t n, size_t max)
{
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80) max--;
    return max;
}

int ps_sensitivity_name_values(ps_scenario *s)
{
    int n = 0;
    named *v = malloc(sizeof *v * (size_t)(s->nvalues > 0 ? s->nvalues : 1));
    unsigned char *dup = calloc((size_t)(s->nvalues > 0 ? s->nvalues : 1), 1);
    if (!v || !dup) { free(v); free(dup); return -1; }
    for (int j = 0; j < s->nvalues; j++) {
        ps_value *x = &s->values[j];
        if (x->kind == PS_VAL_CONST) continue;
        if (!x->label[0]) snprintf(x->label, sizeof x->label, "uncertain number %d", j);
        v[n++] = (named){x->label, j};
    }
    /* sorted, not compared pair by pair: O(n log n) for the 65,536 values a scenario may have */
    qsort(v, (size_t)n, sizeof *v, by_label);
    for (int a = 1; a < n; a++) dup[v[a].j] = strcmp(v[a - 1].label, v[a].label) == 0;
    for (int j = 0; j < s->nvalues; j++) {
        if (!dup[j]) continue;
        char *label = s->values[j].label, suffix[24];
        int ns = snprintf(suffix, sizeof suffix, " (#%d)", j);
        size_t keep = utf8_cut(label, strlen(label), sizeof s->values[j].label - 1 - (size_t)ns);
        memcpy(label + keep, suffix, (size_t)ns + 1);
    }
    free(v);
    free(dup);
    return 0;
}

/* Headline h: 0 the comprehensive agreement, 1 + k issue k. */
static double prob(const ps_result *r, int h)
{
    uint64_t k = h == 0 ? r->comprehensive : r->issue[h - 1].settled;
    return r->runs ? (double)k / (double)r->runs : 0;
}

static const ps_moments *paired_of(const ps_paired *d, int h) { return h == 0 ? &d->agreement : &d->issue[h - 1]; }

/* The order of the parameters by |swing| on headline h, largest first (ties: table order). */
typedef struct ranked { int i; double swing; } ranked;

static int by_swing(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    double dx = fabs(x->swing), dy = fabs(y->swing);
    if (dx != dy) return dx < dy ? 1 : -1;
    return x->i - y->i;
}

static ranked *rank(const ps_sens_param *p, int np, int h)
{
    ranked *r = malloc(sizeof *r * (size_t)(np > 0 ? np : 1));
    if (!r) return NULL;
    for (int i = 0; i < np; i++) {
        r[i].i = i;
        r[i].swing = prob(p[i].hi, h) - prob(p[i].lo, h);
    }
    qsort(r, (size_t)np, sizeof *r, by_swing);
    return r;
}

static cJSON *side(const ps_result *r, const ps_paired *d, int h, double at)
{
    double hw = ps_moments_halfwidth95(paired_of(d, h)), diff = paired_of(d, h)->mean;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "at", at);
    cJSON_AddNumberToObject(o, "p", prob(r, h));
    cJSON_AddNumberToObject(o, "diff", diff);
    cJSON *ci = cJSON_AddArrayToObject(o, "ci95");
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(diff - hw));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(diff + hw));
    return o;
}

static const char *headline_name(const ps_scenario *s, int h) { return h == 0 ? "agreement" : s->issues[h - 1].name; }

cJSON *ps_json_sensitivity(const ps_scenario *s, const ps_result *base, const ps_sens_param *p, int np,
                           const ps_report_meta *meta)
{
    cJSON *full = ps_json_result(s, base, meta), *doc = cJSON_CreateObject();
    if (!full || !doc) { cJSON_Delete(full); cJSON_Delete(doc); return NULL; }
    cJSON_AddStringToObject(doc, "schema", "peacesim.sensitivity/1");
    cJSON_AddStringToObject(doc, "version", meta->version);
    cJSON_AddItemToObject(doc, "scenario", cJSON_DetachItemFromObject(full, "scenario"));
    cJSON_AddNumberToObject(doc, "runs", (double)base->runs);
    cJSON_AddNumberToObject(doc, "seed", (double)meta->seed);
    cJSON_AddBoolToObject(doc, "complete", meta->complete);
    cJSON *b = cJSON_AddObjectToObject(doc, "baseline");
    cJSON_AddItemToObject(b, "agreement", cJSON_DetachItemFromObject(full, "agreement"));
    cJSON_AddItemToObject(b, "issues", cJSON_DetachItemFromObject(full, "issues"));
    cJSON_Delete(full);
    cJSON *params = cJSON_AddArrayToObject(doc, "parameters");
    int nh = 1 + s->nissues;
    for (int i = 0; i < np; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", s->values[p[i].value].label);
        cJSON_AddNumberToObject(o, "q05", p[i].q05);
        cJSON_AddNumberToObject(o, "q95", p[i].q95);
        cJSON *effects = cJSON_AddObjectToObject(o, "effects");
        for (int h = 0; h < nh; h++) {
            cJSON *e = cJSON_AddObjectToObject(effects, headline_name(s, h));
            cJSON_AddItemToObject(e, "low", side(p[i].lo, p[i].dlo, h, p[i].q05));
            cJSON_AddItemToObject(e, "high", side(p[i].hi, p[i].dhi, h, p[i].q95));
            cJSON_AddNumberToObject(e, "swing", prob(p[i].hi, h) - prob(p[i].lo, h));
        }
        cJSON_AddItemToArray(params, o);
    }
    cJSON *ranking = cJSON_AddObjectToObject(doc, "ranking");
    for (int h = 0; h < nh; h++) {
        ranked *r = rank(p, np, h);
        if (!r) { cJSON_Delete(doc); return NULL; }
        cJSON *list = cJSON_AddArrayToObject(ranking, headline_name(s, h));
        for (int i = 0; i < np; i++) cJSON_AddItemToArray(list, cJSON_CreateString(s->values[p[r[i].i].value].label));
        free(r);
    }
    cJSON *timing = cJSON_AddObjectToObject(doc, "timing");
    cJSON_AddNumberToObject(timing, "seconds", meta->seconds);
    return doc;
}

int ps_sensitivity_table(FILE *out, const ps_scenario *s, const ps_result *base, const ps_sens_param *p, int np,
                         int top, const ps_report_meta *meta)
{
    fprintf(out, "%s: sensitivity of %d uncertain numbers, %llu runs each way, seed %llu\n", s->name, np,
            (unsigned long long)base->runs, (unsigned long long)meta->seed);
    fprintf(out, "Each number held at its 5%% and at its 95%% quantile, the rest left random (common random numbers).\n");
    for (int h = 0; h < 1 + s->nissues; h++) {
        ranked *r = rank(p, np, h);
        if (!r) return -1;
        fprintf(out, "\n%s: P(deal) %.1f%% with every number random\n", h == 0 ? "comprehensive agreement" : s->issues[h - 1].name,
                100 * prob(base, h));
        fprintf(out, "  %-48s %22s %22s %8s\n", "number", "at its 5% quantile", "at its 95% quantile", "swing");
        for (int i = 0; i < np && i < top; i++) {
            const ps_sens_param *q = &p[r[i].i];
            char lo[40], hi[40];
            snprintf(lo, sizeof lo, "%.3g -> %.1f%%", q->q05, 100 * prob(q->lo, h));
            snprintf(hi, sizeof hi, "%.3g -> %.1f%%", q->q95, 100 * prob(q->hi, h));
            double swing = fabs(r[i].swing) < 0.0005 ? 0.0 : 100 * r[i].swing;   /* not "-0.0" */
            char label[4 * 48 + 1];
            fprintf(out, "  %s %22s %22s %+7.1f\n", ps_utf8_column(label, sizeof label, s->values[q->value].label, 48, 0), lo, hi, swing);
        }
        free(r);
    }
    fprintf(out, "\nswing: P at the 95%% quantile minus P at the 5%% quantile, in percentage points. A model, not a forecast.\n");
    return ferror(out) ? -1 : 0;
}
