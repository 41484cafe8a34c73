/* ps_json.h: a run's result as JSON, schema "peacesim.result/2" (docs/CLI.md). */
#ifndef PS_JSON_H
#define PS_JSON_H

#include <cJSON.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"

/* Bins of each issue's terms histogram in the document (PS_HIST_BINS is a multiple of it). */
#define PS_JSON_HIST_BINS 64

struct ps_band;

/* Builds the JSON document of result r of scenario s (at its central values), with its
 * "assumptions" and "band": null. Returns a tree the caller frees with cJSON_Delete, or NULL
 * when out of memory. */
cJSON *ps_json_result(const ps_scenario *s, const ps_result *r, const ps_report_meta *meta);

/* ps_json_result with the band of s across its worlds (ps_worlds.h; NULL: "band" is null, as
 * with --central or a scenario without assumptions). The same returns. */
cJSON *ps_json_result_band(const ps_scenario *s, const ps_result *r, const ps_report_meta *meta, const struct ps_band *band);

/* Makes every finite number of the tree j print exactly: as the shortest of %.15g, %.16g and
 * %.17g that reads back to the same double (cJSON's own printer accepts 15 digits within a
 * relative tolerance, about an ulp off), so a result file read back gives the engine's bits.
 * Call it just before printing. Returns 0, or -1 when out of memory (the tree is then partly
 * converted, and still prints). */
int ps_json_exact(cJSON *j);

#endif
