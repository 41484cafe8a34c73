/* ps_worlds_csv.h: one CSV row per world of a band (`peacesim run --worlds-csv`). */
#ifndef PS_WORLDS_CSV_H
#define PS_WORLDS_CSV_H

#include <stdio.h>
#include "ps_model.h"
#include "ps_worlds.h"

/* Writes b's worlds of s as CSV: a header (world, then each assumption by its name, then
 * agreement.p and ISSUE.p for each issue), then one row per world in order (world from 0, as the
 * JSON's band.worlds): its assumptions' values and P(deal) per output, every number with 17
 * significant digits (they read back to the engine's doubles). Names as ps_csv_put quotes them.
 * Returns 0, or -1 when a write fails. */
int ps_worlds_csv_write(FILE *f, const ps_scenario *s, const ps_band *b);

#endif
