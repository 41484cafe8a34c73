/* main.c: the peacesim command: dispatch to subcommands, --help, --version. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ps_cli.h"
#include "ps_run.h"

static const char usage[] =
    "peacesim " PEACESIM_VERSION ": Monte Carlo simulation of peace negotiations\n"
    "\n"
    "Usage:\n"
    "  peacesim run [SCENARIO.lua] [--runs N] [--seed S] [--set NAME=VALUE]... [--json PATH] [--csv PATH]\n"
    "  peacesim sweep [SCENARIO.lua] --vary NAME=V1,V2,... [--vary ...] [--baseline NAME=V,...] [options]\n"
    "  peacesim sensitivity [SCENARIO.lua] [--runs N] [--json PATH] [options]\n"
    "  peacesim report RESULT.json [-o REPORT.html]\n"
    "  peacesim trace [SCENARIO.lua] [--seed S] [--replication R] [--json PATH]\n"
    "  peacesim brief [SCENARIO.lua] --party PARTY | --teacher [-o FILE.md]\n"
    "  peacesim play [SCENARIO.lua] --as PARTY [--seed S] [--transcript PATH]\n"
    "  peacesim --help | --version\n"
    "\n"
    "Commands:\n"
    "  run      run a scenario's Monte Carlo and print a summary (peacesim run --help for more).\n"
    "           With no SCENARIO, runs the built-in default: the Istanbul talks of May 2025.\n"
    "  sweep    run it over a grid of param values on common random numbers, each point compared\n"
    "           with a baseline (peacesim sweep --help).\n"
    "  sensitivity  hold each uncertain number at its 5% and 95% quantiles: which matter most\n"
    "           (peacesim sensitivity --help).\n"
    "  report   turn a result file into an HTML page with charts (peacesim report --help).\n"
    "  trace    tell one replication round by round: who accepted, who refused, and why.\n"
    "  brief    a party's confidential role sheet, or the teacher's sheet (Markdown).\n"
    "  play     play one party against the model, round by round, then read a debrief.\n"
    "\n"
    "Exit status: 0 success, 1 failure, 2 bad usage or a bad scenario.\n"
    "Documentation: docs/CLI.md (commands), docs/LUA_API.md (scenarios), docs/MODEL.md (the model),\n"
    "docs/STUDIES.md (sweeps, comparisons, reports), docs/TEACHING.md (lessons, play, trace, briefs).\n";

void ps_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("peacesim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    ps_engine_init();
    if (argc < 2) {
        fputs(usage, stderr);
        return PS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return PS_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("peacesim %s\n", PEACESIM_VERSION);
        return PS_EXIT_OK;
    }
    if (strcmp(argv[1], "run") == 0) return ps_cli_run(argc - 1, argv + 1);
    if (strcmp(argv[1], "sweep") == 0) return ps_cli_sweep(argc - 1, argv + 1);
    if (strcmp(argv[1], "sensitivity") == 0) return ps_cli_sensitivity(argc - 1, argv + 1);
    if (strcmp(argv[1], "report") == 0) return ps_cli_report(argc - 1, argv + 1);
    if (strcmp(argv[1], "trace") == 0) return ps_cli_trace(argc - 1, argv + 1);
    if (strcmp(argv[1], "brief") == 0) return ps_cli_brief(argc - 1, argv + 1);
    if (strcmp(argv[1], "play") == 0) return ps_cli_play(argc - 1, argv + 1);
    ps_cli_error("unknown command '%s' (known: run, sweep, sensitivity, report, trace, brief, play). Try 'peacesim --help'.", argv[1]);
    return PS_EXIT_USAGE;
}
