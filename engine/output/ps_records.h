/* ps_records.h: one CSV row per replication (`peacesim run --csv`), for analysis elsewhere. */
#ifndef PS_RECORDS_H
#define PS_RECORDS_H

#include <stdint.h>
#include <stdio.h>
#include "ps_model.h"
#include "ps_state.h"

/* Writes text followed by suffix as one CSV field: quoted (quotes doubled) when it holds a
 * comma, a quote or a line break (RFC 4180). */
void ps_csv_put(FILE *f, const char *text, const char *suffix);

/* Writes the header: seed, replication, then for each issue ISSUE.round, ISSUE.terms,
 * ISSUE.held, then comprehensive_round, outcome, front, war_rounds, rounds_run, then one column
 * per value of the scenario that is not a constant (each drawn anew in every replication), in
 * the order of s->values, named by its label: call ps_sensitivity_name_values(s) first, so that
 * the names are those `peacesim sensitivity` gives (RFC 4180: a name with a comma, quote or line
 * break is quoted). Returns 0, or -1 when the write fails. */
int ps_records_header(FILE *f, const ps_scenario *s);

/* Writes replication rep's row: rounds as whole numbers (empty when never agreed), terms and the
 * front with 17 significant digits (they read back to the same double), held as 0/1, the outcome
 * as none, partial or comprehensive, then the values it drew (o->drawn, as the record callback
 * of ps_run.h gives them; empty fields when NULL) with 17 significant digits: as drawn, before a
 * field clips them to its range (docs/LUA_API.md). Returns 0, or -1 when the write fails. */
int ps_records_row(FILE *f, const ps_scenario *s, uint64_t seed, uint64_t rep, const ps_outcome *o);

#endif
