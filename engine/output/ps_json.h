/* ps_json.h: a run's result as JSON, schema "peacesim.result/1" (docs/CLI.md). */
#ifndef PS_JSON_H
#define PS_JSON_H

#include <cJSON.h>
#include "ps_model.h"
#include "ps_result.h"
#include "ps_report.h"

/* Builds the JSON document of result r of scenario s. Returns a tree the caller frees with
 * cJSON_Delete, or NULL when out of memory. */
cJSON *ps_json_result(const ps_scenario *s, const ps_result *r, const ps_report_meta *meta);

#endif
