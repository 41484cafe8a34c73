/* ps_cli_report.c: `peacesim report RESULT.json [-o report.html]`: a result file as an HTML page. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_html.h"

static const char report_usage[] =
    "Usage: peacesim report RESULT.json [-o REPORT.html]\n"
    "\n"
    "Turns the JSON of a run (peacesim run --json), a sweep (peacesim sweep --json) or a\n"
    "sensitivity analysis (peacesim sensitivity --json) into one self-contained HTML page with\n"
    "charts: inline SVG, no script, nothing loaded from elsewhere; it reads well on a projector\n"
    "and prints on A4. Without -o, the page goes beside RESULT.json, named RESULT.html.\n"
    "\n"
    "Options:\n"
    "  -o, --output PATH   where to write the page\n"
    "  --help              this text\n";

#define REPORT_MAX_INPUT (256u << 20)

/* The whole file, NUL-terminated, or NULL after printing why. */
static char *read_all(const char *path)
{
    struct stat sb;
    FILE *f = NULL;
    int found = stat(path, &sb) == 0, folder = found && S_ISDIR(sb.st_mode);
    if (!found || folder || !(f = fopen(path, "rb"))) {
        ps_cli_error("report: cannot read %s: %s", path, folder ? "it is a folder" : strerror(errno));
        return NULL;
    }
    if ((unsigned long long)sb.st_size > REPORT_MAX_INPUT) {
        ps_cli_error("report: %s is larger than %u MiB: not a peacesim result", path, REPORT_MAX_INPUT >> 20);
        fclose(f);
        return NULL;
    }
    char *buf = malloc((size_t)sb.st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)sb.st_size, f) : 0;
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) { ps_cli_error("report: cannot read %s", path); free(buf); return NULL; }
    buf[n] = '\0';
    return buf;
}

int ps_cli_report(int argc, char **argv)
{
    const char *in = NULL, *outp = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(report_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!(outp = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path (or - for standard output)")))
                return PS_EXIT_USAGE;
            i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            ps_cli_error("report: unknown option '%s'. Try 'peacesim report --help'.", a);
            return PS_EXIT_USAGE;
        } else if (!in) {
            in = a;
        } else {
            ps_cli_error("report: one result at a time ('%s' and '%s')", in, a);
            return PS_EXIT_USAGE;
        }
    }
    if (!in) { ps_cli_error("report: give a result file, e.g. peacesim report result.json"); return PS_EXIT_USAGE; }
    char derived[4096];
    if (!outp) {
        size_t n = strlen(in);
        if (n > 5 && strcmp(in + n - 5, ".json") == 0) snprintf(derived, sizeof derived, "%.*s.html", (int)(n - 5), in);
        else snprintf(derived, sizeof derived, "%s.html", in);
        outp = derived;
    }
    char err[1024];
    ps_cli_file files[] = {{"the result file", in, 0}, {outp == derived ? "the page" : "-o", outp, 1}};
    if (ps_cli_check_files(files, 2) != 0) return PS_EXIT_USAGE;
    char *text = read_all(in);
    if (!text) return PS_EXIT_USAGE;
    cJSON *doc = cJSON_Parse(text);
    if (!doc) {
        const char *at = cJSON_GetErrorPtr();
        long off = at && at >= text ? (long)(at - text) : -1;
        int line = 1;
        for (long k = 0; k < off; k++) line += text[k] == '\n';
        ps_cli_error("report: %s:%d: not JSON (it stops making sense near byte %ld)", in, line, off);
        free(text);
        return PS_EXIT_USAGE;
    }
    free(text);
    ps_out *o = ps_out_open(outp, err, sizeof err);
    if (!o) { cJSON_Delete(doc); ps_cli_error("report: %s", err); return PS_EXIT_FAILURE; }
    char why[512] = "";
    int bad = ps_html_report(ps_out_file(o), doc, why, sizeof why);
    int rc = ps_out_close(o, !bad, err, sizeof err);
    cJSON_Delete(doc);
    if (bad) { ps_cli_error("report: %s: %s", in, why); return bad == -2 ? PS_EXIT_FAILURE : PS_EXIT_USAGE; }
    if (rc != 0) { ps_cli_error("report: %s", err); return PS_EXIT_FAILURE; }
    return PS_EXIT_OK;
}
