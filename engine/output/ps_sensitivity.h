/* ps_sensitivity.h: a sensitivity analysis's report (ps_sensitivity_study.h): for every output
 * (P(deal) of the agreement and of each issue, each issue's mean terms, the rounds fought), each
 * factor's measure by the method run (one at a time, Morris, Sobol'), ranked. JSON schema
 * "peacesim.sensitivity/2" (docs/STUDIES.md), a text table and CSV. */
#ifndef PS_SENSITIVITY_H
#define PS_SENSITIVITY_H

#include <stdio.h>
#include <cJSON.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"
#include "ps_sensitivity_study.h"

/* Gives every uncertain number of s (every value that is not a constant) a label of its own,
 * the name a sensitivity analysis and the per-replication CSV (ps_records.h) know it by: its
 * label where the scenario gives one ("party 'A': war_cost"), else "uncertain number J" (J its
 * index in s->values); a label that an earlier value already has gets " (#J)" (cut, if need be,
 * on a character boundary). Takes O(n log n) for n values. Returns 0, or -1 when out of memory
 * (the labels are then as they were). */
int ps_sensitivity_name_values(ps_scenario *s);

/* Builds the peacesim.sensitivity/2 document of study st of s (docs/STUDIES.md). Returns a tree
 * the caller frees with cJSON_Delete, or NULL when out of memory. */
cJSON *ps_json_sensitivity(const ps_scenario *s, const ps_sensitivity_study *st, const ps_report_meta *meta);

/* Prints the table: for output `output` (an index of st->out), or, when it is -1, for the
 * comprehensive agreement and each issue's P(deal), the `top` factors by the method's measure,
 * with what each interval is. Returns 0, or -1 when the write fails or memory runs out. */
int ps_sensitivity_table(FILE *out, const ps_scenario *s, const ps_sensitivity_study *st, int output, int top,
                         const ps_report_meta *meta);

/* Writes the CSV: a header, then one row per output and factor (outputs in st's order,
 * factors in their ranking's), with the method's measures and intervals (docs/CLI.md). Numbers
 * in the shortest form that reads back to the same double; an undefined one empty. Returns 0,
 * or -1 when the write fails. */
int ps_sensitivity_csv(FILE *out, const ps_sensitivity_study *st);

#endif
