/* ps_cli_trace.c: `peacesim trace`: one replication told round by round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_narrate.h"
#include "ps_run.h"

static const char trace_usage[] =
    "Usage: peacesim trace [SCENARIO.lua] [--seed S] [--replication R] [--json PATH] [options]\n"
    "\n"
    "Tells one replication round by round, in plain sentences: the events, the line of control,\n"
    "the text on the table, and for each party what the text gives it against what it aims at and\n"
    "what war is worth to it, and so why it accepted or refused. Replication R of seed S is the\n"
    "same one that `peacesim run --seed S` counts (its row R in --csv).\n"
    "\n"
    "Options:\n"
    "  --seed S           random seed (default 1)\n"
    "  --replication R    which replication, from 0 (default 0)\n"
    "  --json PATH        the same as data (schema peacesim.trace/1); - for stdout\n"
    "  --quiet            no text (with --json)\n"
    "  --set NAME=VALUE, --lua-memory, --lua-seconds, --lua-instructions: as for run\n"
    "  --help             this text\n"
    "\n"
    "Example:\n"
    "  peacesim trace --seed 1 --replication 7\n";

/* The notes, as they come. */
typedef struct notes { ps_note *v; size_t n, cap; int failed; } notes;

static void keep_note(void *ctx, const ps_note *n)
{
    notes *ns = ctx;
    if (ns->failed) return;
    if (ns->n == ns->cap) {
        size_t cap = ns->cap ? 2 * ns->cap : 256;
        ps_note *v = realloc(ns->v, cap * sizeof *v);
        if (!v) { ns->failed = 1; return; }
        ns->v = v;
        ns->cap = cap;
    }
    ns->v[ns->n++] = *n;
}

int ps_cli_trace(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, 1);
    uint64_t rep = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--runs") == 0 || strcmp(a, "--csv") == 0 || strcmp(a, "--report") == 0 || strcmp(a, "--threads") == 0
            || strcmp(a, "--interval") == 0) {
            ps_cli_error("trace: %s does not apply: a trace is one replication (give --replication R)", a);
            return PS_EXIT_USAGE;
        }
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(trace_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "--replication") == 0) {
            const char *val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a whole number from 0, e.g. --replication 7");
            if (!val) return PS_EXIT_USAGE;
            if (ps_cli_parse_u64(val, 0, UINT64_C(9999999999999), &rep)) {
                ps_cli_error("--replication needs a whole number from 0, e.g. --replication 7");
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (ps_cli_scenario_arg(&o, "trace", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    if (ps_cli_check_outputs(&o, NULL, 0) != 0) return PS_EXIT_USAGE;
    char err[1024] = "";
    int to_stdout = ps_cli_to_stdout(o.json);
    ps_script_options so;
    ps_scenario *s;
    ps_script_hooks *hooks;
    int loaded = ps_cli_load(&o, "trace", to_stdout, &so, &s, &hooks);
    if (loaded != PS_EXIT_OK) return loaded;
    ps_status st;
    notes ns = {0};
    ps_observer obs = {.ctx = &ns, .note = keep_note, .player = -1};
    ps_outcome out;
    st = ps_run_one(s, o.seed, rep, hooks, &obs, &out, err, sizeof err);
    int code = PS_EXIT_OK;
    if (st != PS_OK || ns.failed) {
        ps_cli_error("%s", ns.failed || st == PS_ENOMEM ? "out of memory" : err);
        code = st == PS_EINVAL ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
    } else {
        ps_story story = {s, o.seed, rep, ns.v, ns.n, &out, -1};
        if (o.json && ps_cli_write_json(o.json, "--json", ps_json_trace(&story, PEACESIM_VERSION)) != 0) code = PS_EXIT_FAILURE;
        if (!o.quiet && code == PS_EXIT_OK && ps_narrate(to_stdout ? stderr : stdout, &story) != 0) {
            ps_cli_error("writing the story failed");
            code = PS_EXIT_FAILURE;
        }
    }
    free(ns.v);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
