/* ps_table.h: a run's result as a readable table for a terminal. */
#ifndef PS_TABLE_H
#define PS_TABLE_H

#include <stdio.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"

/* Writes the summary of result r of scenario s to out. Returns 0, or -1 on a write error. */
int ps_table_print(FILE *out, const ps_scenario *s, const ps_result *r, const ps_report_meta *meta);

#endif
