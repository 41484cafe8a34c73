/* ps_band_table.h: the band across assumptions as a block of the terminal summary. */
#ifndef PS_BAND_TABLE_H
#define PS_BAND_TABLE_H

#include <stdio.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_worlds.h"

/* Writes to out, after the summary of the central run r of s (ps_table_print), the block
 * "Across assumptions": for each issue and the comprehensive agreement, P(deal) at the central
 * values (r's), the median and the 5%-95% band of P(deal) over b's worlds, and the assumptions
 * that move it most with Spearman's rho; then which interval is which. Returns 0, or -1 on a
 * write error. */
int ps_band_table_print(FILE *out, const ps_scenario *s, const ps_result *r, const ps_band *b);

#endif
