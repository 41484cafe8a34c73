/* main.c: the peacesim command: its table of commands, the usage made from it, --help,
 * --version and the dispatch (messages and terminal output: ps_terminal.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_cli.h"
#include "ps_run.h"

/* The commands: one row each. The usage text, the list of known commands and the dispatch are
 * made from this table, so a new command is one row here and its file (docs/ARCHITECTURE.md). */
typedef struct ps_cli_command {
    const char *name;
    int (*run)(int argc, char **argv);   /* argv[0] is the command's name; returns an exit code */
    const char *synopsis;                /* its usage line, after "peacesim " */
    const char *summary;                 /* what it does, lines after the first indented */
} ps_cli_command;

static const ps_cli_command commands[] = {
    {"run", ps_cli_run, "run [SCENARIO.lua] [--runs N] [--seed S] [--set NAME=VALUE]... [--json PATH] [--csv PATH]",
     "run a scenario's Monte Carlo and print a summary (peacesim run --help for more).\n"
     "With no SCENARIO, runs the built-in default: the Istanbul talks of May 2025."},
    {"sweep", ps_cli_sweep, "sweep [SCENARIO.lua] --vary NAME=V1,V2,... [--vary ...] [--baseline NAME=V,...] [options]",
     "run it over a grid of param values on common random numbers, each point compared\n"
     "with a baseline (peacesim sweep --help)."},
    {"sensitivity", ps_cli_sensitivity, "sensitivity [SCENARIO.lua] [--method oat|morris|sobol] [--runs N] [--json PATH] [options]",
     "which assumptions and distributions move the results most: one at a time,\n"
     "Morris or Sobol' (peacesim sensitivity --help)."},
    {"report", ps_cli_report, "report RESULT.json [-o REPORT.html]",
     "turn a result file into an HTML page with charts (peacesim report --help)."},
    {"trace", ps_cli_trace, "trace [SCENARIO.lua] [--seed S] [--replication R] [--json PATH]",
     "tell one replication round by round: who accepted, who refused, and why."},
    {"brief", ps_cli_brief, "brief [SCENARIO.lua] --party PARTY | --teacher [-o FILE.md]",
     "a party's confidential role sheet, or the teacher's sheet (Markdown)."},
    {"play", ps_cli_play, "play [SCENARIO.lua] --as PARTY [--seed S] [--transcript PATH]",
     "play one party against the model, round by round, then read a debrief."},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* The usage text, made from the table. Returns 0, or -1 when the write fails. */
static int print_usage(FILE *f)
{
    fputs("peacesim " PEACESIM_VERSION ": Monte Carlo simulation of peace negotiations\n\nUsage:\n", f);
    for (size_t i = 0; i < NCOMMANDS; i++) fprintf(f, "  peacesim %s\n", commands[i].synopsis);
    fputs("  peacesim --help | --version\n\nCommands:\n", f);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        /* a name longer than the column pushes its summary over by one space, as `sensitivity` */
        int w = (int)strlen(commands[i].name);
        fprintf(f, "  %s%*s", commands[i].name, w < 8 ? 9 - w : 2, "");
        for (const char *s = commands[i].summary; *s; s++) {
            fputc(*s, f);
            if (*s == '\n') fputs("           ", f);
        }
        fputc('\n', f);
    }
    fputs("\nExit status: 0 success, 1 failure, 2 bad usage or a bad scenario.\n"
          "Documentation: docs/CLI.md (commands), docs/LUA_API.md (scenarios), docs/MODEL.md (the model),\n"
          "docs/STUDIES.md (sweeps, comparisons, reports), docs/TEACHING.md (lessons, play, trace, briefs).\n", f);
    return ferror(f) ? -1 : 0;
}

/* The GNU form `--option=VALUE` as the two words `--option VALUE` every command reads:
 * split at the first '=' (so `--set=NAME=V` is `--set NAME=V`), up to a lone `--`, after which
 * nothing is an option. Returns a new argv (the caller frees it; its strings are argv's or
 * malloc'd copies listed after its NULL), or NULL when out of memory. */
static char **split_long_options(int argc, char **argv, int *outc)
{
    int n = argc;
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *eq = strncmp(argv[i], "--", 2) == 0 ? strchr(argv[i], '=') : NULL;
        if (eq && eq != argv[i] + 2) n++;   /* the same test as below: k ends equal to n */
    }
    char **v = calloc((size_t)n + 1 + (size_t)(n - argc) + 1, sizeof *v);
    if (!v) return NULL;
    int k = 0, extra = n + 1, opts = 1;
    for (int i = 0; i < argc; i++) {
        const char *eq = i >= 2 && opts && strncmp(argv[i], "--", 2) == 0 ? strchr(argv[i], '=') : NULL;
        if (i >= 2 && strcmp(argv[i], "--") == 0) opts = 0;
        if (!eq || eq == argv[i] + 2) { v[k++] = argv[i]; continue; }
        char *name = malloc((size_t)(eq - argv[i]) + 1);
        if (!name) { for (int j = n + 1; v[j]; j++) free(v[j]); free(v); return NULL; }
        memcpy(name, argv[i], (size_t)(eq - argv[i]));
        name[eq - argv[i]] = '\0';
        v[extra++] = name;          /* owned: freed with the array */
        v[k++] = name;
        v[k++] = (char *)eq + 1;
    }
    v[k] = NULL;
    *outc = k;
    return v;
}

static void free_split(char **v, int n)
{
    if (!v) return;
    for (int j = n + 1; v[j]; j++) free(v[j]);
    free(v);
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return PS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return PS_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("peacesim %s\n", PEACESIM_VERSION);
        return PS_EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            int n = argc;
            char **v = split_long_options(argc, argv, &n);
            if (!v) { ps_cli_error("out of memory"); return PS_EXIT_FAILURE; }
            int code = commands[i].run(n - 1, v + 1);
            free_split(v, n);
            return code;
        }
    char known[256] = "";
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (i) strncat(known, ", ", sizeof known - strlen(known) - 1);
        strncat(known, commands[i].name, sizeof known - strlen(known) - 1);
    }
    ps_cli_error("unknown command '%s' (known: %s). Try 'peacesim --help'.", argv[1], known);
    return PS_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    ps_terminal_open();
    ps_file_catch_signals();
    ps_engine_init();
    return ps_terminal_close(dispatch(argc, argv));
}
