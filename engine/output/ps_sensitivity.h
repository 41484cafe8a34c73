/* ps_sensitivity.h: a sensitivity analysis's report: for each uncertain number of a scenario,
 * each headline probability with that number held at its 5% and at its 95% quantile (the rest
 * left random, on common random numbers), ranked by the swing between the two: the data of a
 * tornado chart. JSON schema "peacesim.sensitivity/1" (docs/STUDIES.md) and a text table. */
#ifndef PS_SENSITIVITY_H
#define PS_SENSITIVITY_H

#include <stdio.h>
#include <cJSON.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"

typedef struct ps_sens_param {
    int value;                   /* its index in the scenario's value table (its label there) */
    double q05, q95;             /* the values it was held at */
    const ps_result *lo, *hi;    /* the runs with it held at q05 and at q95 */
    const ps_paired *dlo, *dhi;  /* their paired differences from the baseline run */
} ps_sens_param;

/* Gives every uncertain number of s (every value that is not a constant) a label of its own,
 * the name a sensitivity analysis and the per-replication CSV (ps_records.h) know it by: its
 * label where the scenario gives one ("party 'A': war_cost"), else "uncertain number J" (J its
 * index in s->values); a label that an earlier value already has gets " (#J)" (cut, if need be,
 * on a character boundary). Takes O(n log n) for n values. Returns 0, or -1 when out of memory
 * (the labels are then as they were). */
int ps_sensitivity_name_values(ps_scenario *s);

/* Builds the document. Returns a tree the caller frees with cJSON_Delete, or NULL when out of
 * memory. */
cJSON *ps_json_sensitivity(const ps_scenario *s, const ps_result *base, const ps_sens_param *p, int np,
                           const ps_report_meta *meta);

/* Prints, for the comprehensive agreement and for each issue, the `top` parameters with the
 * largest swing. Returns 0, or -1 when the write fails. */
int ps_sensitivity_table(FILE *out, const ps_scenario *s, const ps_result *base, const ps_sens_param *p, int np,
                         int top, const ps_report_meta *meta);

#endif
