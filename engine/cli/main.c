/* main.c: the peacesim command: dispatch to subcommands, --help, --version. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
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

/* The length of the UTF-8 sequence at s (n bytes left) and its code point in *cp, or 0 when it
 * is not valid UTF-8 (a stray or missing continuation byte, an overlong form, a surrogate, or
 * past U+10FFFF). */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len == 0 || len > n) return 0;
    unsigned v = len == 1 ? c : c & (0x7f >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80) return 0;
        v = v << 6 | (s[k] & 0x3f);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) || (len == 4 && (v < 0x10000 || v > 0x10ffff))) return 0;
    *cp = v;
    return len;
}

int ps_cli_escape(FILE *f, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    int bad = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t k = utf8_char(s + i, len - i, &cp);
        if (k == 0) { bad |= fprintf(f, "\\x%02x", s[i]) < 0; i++; continue; }
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) bad |= fprintf(f, "\\x%02x", cp) < 0;
        else if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
            bad |= fprintf(f, "\\u%04x", cp) < 0;   /* C1 controls (CSI...), bidirectional overrides */
        else bad |= fwrite(s + i, 1, k, f) != k;
        i += k;
    }
    return bad ? -1 : 0;
}

void ps_cli_error(const char *fmt, ...)
{
    char buf[PS_CLI_ERROR_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) { fputs("peacesim: (a message that could not be written)\n", stderr); return; }
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    if ((size_t)n > len) {
        /* cut: not inside a character. The last one's first byte: back over at most 3
         * continuation bytes; if its sequence runs past the cut, the cut goes before it. */
        size_t k = len;
        while (k > 0 && len - k < 3 && ((unsigned char)buf[k - 1] & 0xc0) == 0x80) k--;
        unsigned lead = k > 0 ? (unsigned char)buf[k - 1] : 0;
        size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (k > 0 && k - 1 + need > len) len = k - 1;
    }
    fputs("peacesim: ", stderr);
    ps_cli_escape(stderr, buf, len);
    if ((size_t)n > len) fprintf(stderr, " [... cut here: the message has %d bytes]", n);
    fputc('\n', stderr);
}

/* Descriptors 0, 1 and 2 held open: were one closed, the first file peacesim opens would take
 * its number, and what is printed would go into it. A closed standard output or error becomes
 * /dev/null opened for reading only, so a write to it fails (and is reported) as it would have. */
static void hold_std_descriptors(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);   /* the lowest free number: fd */
            (void)got;
        }
}

/* Everything written to standard output reached it: else a message, and exit status 1 (when the
 * command had succeeded; a failed one has said why already). */
static int finish_stdout(int code)
{
    errno = 0;
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int why = errno;
    if (fclose(stdout) != 0 && !bad) { bad = 1; why = errno; }
    if (bad && code == PS_EXIT_OK) {
        if (why) ps_cli_error("writing to standard output failed: %s", strerror(why));
        else ps_cli_error("writing to standard output failed");
        code = PS_EXIT_FAILURE;
    }
    return code;
}

static int dispatch(int argc, char **argv)
{
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

int main(int argc, char **argv)
{
    hold_std_descriptors();
    ps_file_catch_signals();
    ps_engine_init();
    return finish_stdout(dispatch(argc, argv));
}
