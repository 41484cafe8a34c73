/* fuzz_scenario.c: libFuzzer target for the scenario loader: Lua source in, a scenario or an
 * error out; a scenario that loads is also run briefly (at most 30 rounds, 3 replications) and
 * reported as JSON, so that the engine meets whatever a script can declare; events with Lua
 * functions run through the same hooks as on the command line, on two threads. */
#include <stdint.h>
#include <stdlib.h>
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_run.h"
#include "ps_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) { ps_engine_init(); initialised = 1; }
    ps_sandbox_limits limits = {64u << 20, 5000000, 2.0};
    ps_script_options so = {.path = "fuzz.lua", .limits = limits, .version = "fuzz", .source = (const char *)data,
                            .source_len = size};
    ps_scenario *s = NULL;
    char err[1024];
    if (ps_script_run(&so, &s, err, sizeof err) != PS_OK || !s) return 0;
    if (s->rounds > 30) s->rounds = 30;
    ps_script_hooks *hooks = NULL;
    if (ps_scenario_has_scripts(s) && !(hooks = ps_lua_hooks_replicas(&so, s, err, sizeof err))) {
        ps_scenario_free(s);
        return 0;
    }
    ps_run_options ro = {.runs = 3, .seed = 1, .threads = 2, .script = hooks, .err = err, .errlen = sizeof err};
    ps_result *r = NULL;
    if (ps_run(s, &ro, &r) == PS_OK) {
        ps_report_meta meta = {3, 1, 0.0, "fuzz", 1, PS_INTERVAL_CP, 0};
        cJSON *doc = ps_json_result(s, r, &meta);
        char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
        cJSON_free(text);
        cJSON_Delete(doc);
    }
    ps_result_free(r);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return 0;
}
