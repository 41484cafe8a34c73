/* ps_cli_brief.c: `peacesim brief`: a party's confidential role sheet, or the teacher's sheet. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_utf8.h"
#include "ps_cli.h"
#include "ps_brief.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_run.h"

static const char brief_usage[] =
    "Usage: peacesim brief [SCENARIO.lua] --party PARTY [-o FILE.md]\n"
    "       peacesim brief [SCENARIO.lua] --teacher [-o FILE.md] [--runs N]\n"
    "\n"
    "Writes a role sheet in Markdown. With --party: the confidential sheet of that party (its\n"
    "interests and priorities, what no deal is worth to it, what it knows of the others), to hand\n"
    "to the student who plays it. With --teacher: every party, what the model predicts, and\n"
    "questions for the debrief.\n"
    "\n"
    "Options:\n"
    "  --party NAME     the party whose sheet to write\n"
    "  --teacher        the teacher's sheet\n"
    "  -o, --output P   write to P (default: standard output)\n"
    "  --runs N         runs behind the teacher's predictions (default 10000)\n"
    "  --seed S, --set NAME=VALUE, --threads N, --lua-memory, --lua-seconds, --lua-instructions: as for run\n"
    "  --help           this text\n"
    "\n"
    "Examples:\n"
    "  peacesim brief --party Ukraine -o ukraine.md\n"
    "  peacesim brief scenarios/classroom/patience.lua --teacher\n";

#define FACT_SAMPLES 200

/* The first answer of each party in a replication. */
typedef struct opening { ps_brief_facts *facts; int seen[PS_MAX_PARTIES]; } opening;

static void first_answers(void *ctx, const ps_note *n)
{
    opening *o = ctx;
    if (n->kind != PS_NOTE_RESPONSE || o->seen[n->party] || !isfinite(n->utility) || !isfinite(n->aspiration)) return;
    o->seen[n->party] = 1;
    o->facts->batna[n->party] += n->batna;
    o->facts->aspiration[n->party] += n->aspiration;
    o->facts->count[n->party]++;
}

int ps_cli_brief(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, 10000);
    const char *party = NULL, *outp = NULL;
    int teacher = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0 || strcmp(a, "--csv") == 0 || strcmp(a, "--report") == 0) {
            ps_cli_error("brief: %s does not apply: a brief is a Markdown sheet (-o FILE.md)", a);
            return PS_EXIT_USAGE;
        }
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(brief_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "--party") == 0) {
            if (!(party = ps_cli_value(argc, argv, i, 0, "a party's name, e.g. --party Ukraine"))) return PS_EXIT_USAGE;
            i++;
        } else if (strcmp(a, "--teacher") == 0) {
            teacher = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!(outp = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path (or - for standard output)")))
                return PS_EXIT_USAGE;
            i++;
        } else if (ps_cli_scenario_arg(&o, "brief", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    if (!party == !teacher) {
        ps_cli_error("brief: give --party NAME (a role sheet) or --teacher (the teacher's sheet), one of them");
        return PS_EXIT_USAGE;
    }
    char err[1024] = "";
    ps_cli_file out_file = {"-o", outp, 1};
    if (ps_cli_check_outputs(&o, &out_file, 1) != 0) return PS_EXIT_USAGE;
    ps_script_options so;
    ps_scenario *s;
    ps_script_hooks *hooks;
    int code = ps_cli_load(&o, "brief", 1, &so, &s, &hooks);
    if (code != PS_EXIT_OK) return code;
    ps_status st;
    int who = -1;
    if (party) {
        for (int i = 0; i < s->nparties; i++)
            if (strcmp(s->parties[i].name, party) == 0) who = i;
        if (who < 0) {
            char known[1024] = "";
            for (int i = 0; i < s->nparties; i++) {
                strncat(known, i ? ", " : "", sizeof known - strlen(known) - 1);
                ps_utf8_append(known, sizeof known, s->parties[i].name);
            }
            ps_cli_error("--party %s: %s has no party of that name (parties: %s)", party, s->file, known);
            ps_lua_hooks_free(hooks);
            ps_scenario_free(s);
            return PS_EXIT_USAGE;
        }
    }
    /* the opening round, as the model plays it in some replications */
    static ps_brief_facts facts;
    memset(&facts, 0, sizeof facts);
    facts.samples = FACT_SAMPLES;
    for (int rep = 0; rep < FACT_SAMPLES && code == PS_EXIT_OK; rep++) {
        opening op = {&facts, {0}};
        ps_observer obs = {.ctx = &op, .note = first_answers, .player = -1};
        ps_outcome out;
        if ((st = ps_run_one(s, o.seed, (uint64_t)rep, hooks, &obs, &out, err, sizeof err)) != PS_OK) {
            ps_cli_error("%s", err[0] ? err : ps_strerror(st));
            code = st == PS_EINVAL ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        }
    }
    for (int i = 0; i < s->nparties; i++)
        if (facts.count[i]) { facts.batna[i] /= facts.count[i]; facts.aspiration[i] /= facts.count[i]; }
    ps_result *r = NULL;
    if (code == PS_EXIT_OK && teacher) {
        ps_run_options ro = {.runs = o.runs, .seed = o.seed, .threads = o.threads, .script = hooks, .err = err, .errlen = sizeof err};
        if ((st = ps_run(s, &ro, &r)) != PS_OK) {
            ps_cli_error("%s", err[0] ? err : ps_strerror(st));
            code = st == PS_EINVAL ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        }
    }
    if (code == PS_EXIT_OK) {
        ps_out *out = ps_out_open(outp ? outp : "-", err, sizeof err);
        int bad = !out || (teacher ? ps_brief_teacher(ps_out_file(out), s, &facts, r, o.seed)
                                   : ps_brief_party(ps_out_file(out), s, who, &facts)) != 0;
        if (!out || ps_out_close(out, !bad, err, sizeof err) != 0) {
            ps_cli_error("brief: %s", err);
            code = PS_EXIT_FAILURE;
        }
    }
    ps_result_free(r);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
