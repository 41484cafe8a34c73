/* ps_cli_play.c: `peacesim play`: a student plays one party against the model, round by round,
 * from plain lines on standard input (so a game can be scripted), then reads a debrief. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cJSON.h>
#include "ps_cli.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_narrate.h"
#include "ps_run.h"
#include "ps_utf8.h"

static const char play_usage[] =
    "Usage: peacesim play [SCENARIO.lua] --as PARTY [--seed S] [--replication R] [--transcript PATH]\n"
    "\n"
    "You play one party; the others act by the model. Each round you see what your party would\n"
    "know: the events, the line of control, the text on the table, what it gives you, and what the\n"
    "others answered. Answer each text with one line:\n"
    "  a, accept          accept the text\n"
    "  r, refuse          refuse it\n"
    "  p 0.3              propose other terms (one issue on the table), or\n"
    "  p ceasefire=0.3 territory=0.5, p prisoners=\"1,000 for 1,000\"   (several; options by name)\n"
    "  q, quit            stop here (the debrief follows)\n"
    "  h, help            this list\n"
    "At the end: a debrief that compares your outcome with the model's own runs, the Nash and\n"
    "Kalai-Smorodinsky points, and the Boulware and conceder references.\n"
    "\n"
    "Options:\n"
    "  --as PARTY          the party you play\n"
    "  --seed S            the random seed (default 1); --replication R which replication (default 0)\n"
    "  --transcript PATH   save the game as JSON for the teacher (schema peacesim.trace/1, with answers)\n"
    "  --set NAME=VALUE, --lua-memory, --lua-seconds, --lua-instructions: as for run\n"
    "Colour only on a terminal, and never with NO_COLOR set.\n";

#define DEBRIEF_RUNS 2000

/* The game as it goes. */
typedef struct game {
    const ps_scenario *s;
    int you;
    FILE *in, *out;
    int colour;
    ps_note *notes;              /* everything, for the transcript */
    size_t n, cap;
    int failed, ended_input;
    cJSON *answers;              /* [{round, answer, terms?}] */
    /* the concession path: per round, the utility to you of what you accepted or proposed */
    double path[PS_MAX_ROUNDS + 1];
    int path_set[PS_MAX_ROUNDS + 1];
    double first_batna, first_umax;
    int have_first;
} game;

static const char *paint(const game *g, const char *code) { return g->colour ? code : ""; }

/* Scenario text (or a typed line) copied into buf for the screen, each control character a
 * space (ps_text_plain): a name cannot drive the terminal. Returns buf. */
static const char *plain(const char *text, char *buf, size_t len)
{
    snprintf(buf, len, "%s", text);
    ps_text_plain(buf);
    return buf;
}
#define BOLD "\033[1m"
#define GREEN "\033[32m"
#define RED "\033[31m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static void keep(game *g, const ps_note *n)
{
    if (g->failed) return;
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 256;
        ps_note *v = realloc(g->notes, cap * sizeof *v);
        if (!v) { g->failed = 1; return; }
        g->notes = v;
        g->cap = cap;
    }
    g->notes[g->n++] = *n;
}

/* Issue k needs party i's consent. */
static int consents(const ps_issue *is, int i)
{
    for (int j = 0; j < is->nconsent; j++)
        if (is->consent[j] == i) return 1;
    return 0;
}

/* Some issue of the agenda of text needs party i's consent: it is asked. */
static int asked(const ps_scenario *s, const ps_note *text, int i)
{
    for (int a = 0; a < text->nagenda; a++)
        if (consents(&s->issues[text->agenda[a]], i)) return 1;
    return 0;
}

/* Whose consent the agenda of text needs, in words: "it needs your consent", "it needs 4 of
 * Azuria, Borland, ...", "Russia, US and EU/NATO decide". */
static void consent_text(const game *g, const ps_note *text, char *buf, size_t len)
{
    const ps_scenario *s = g->s;
    int k0 = text->agenda[0], same = 1;
    for (int a = 1; a < text->nagenda; a++) {
        const ps_issue *x = &s->issues[text->agenda[a]], *y = &s->issues[k0];
        same &= x->consent_k == y->consent_k && x->nconsent == y->nconsent
                && memcmp(x->consent, y->consent, sizeof x->consent[0] * (size_t)x->nconsent) == 0;
    }
    const ps_issue *is = &s->issues[k0];
    if (asked(s, text, g->you)) {
        if (!same) snprintf(buf, len, "Your answer counts (each issue has its own rule)");
        else if (is->consent_k >= is->nconsent) snprintf(buf, len, "Your consent is needed");
        else snprintf(buf, len, "Your answer counts: it needs %d of the %d parties' consent", is->consent_k, is->nconsent);
        return;
    }
    /* the parties who decide, each once */
    uint64_t who = 0;
    for (int a = 0; a < text->nagenda; a++)
        for (int j = 0; j < s->issues[text->agenda[a]].nconsent; j++) who |= (uint64_t)1 << s->issues[text->agenda[a]].consent[j];
    char names[600] = "";
    int n = 0, total = __builtin_popcountll(who);
    for (int i = 0; i < s->nparties; i++) {
        if (!((who >> i) & 1u)) continue;
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s", n == 0 ? "" : (n == total - 1 ? " and " : ", "), s->parties[i].name);
        n++;
    }
    if (same && is->consent_k < is->nconsent) snprintf(buf, len, "Your consent is not needed: %d of %s decide", is->consent_k, names);
    else snprintf(buf, len, "Your consent is not needed: %s decide%s", names, total == 1 ? "s" : "");
    ps_text_plain(buf);
}

/* What the player sees of a note: everything public; of the others' answers only yes or no. */
static void on_note(void *ctx, const ps_note *n)
{
    game *g = ctx;
    keep(g, n);
    char line[1200];
    switch (n->kind) {
    case PS_NOTE_ROUND:
        ps_note_text(g->s, n, g->you, line, sizeof line);
        fprintf(g->out, "\n%s%s%s\n", paint(g, BOLD), line, paint(g, RESET));
        break;
    case PS_NOTE_RESPONSE: {
        if (n->party == g->you) break;   /* their own answer they know */
        char name[PS_NAME_MAX];
        fprintf(g->out, "    %s%s %s.%s\n", paint(g, n->accepted ? GREEN : RED), plain(g->s->parties[n->party].name, name, sizeof name),
                n->accepted ? "accepts" : "refuses", paint(g, RESET));
        break;
    }
    case PS_NOTE_PROPOSAL:
        /* a text the player answers was shown when it was asked (decide); a counter-proposal of
         * its own is the text the others vote on; every other text is shown as it comes */
        if (n->source == PS_SOURCE_PLAYER) {
            ps_note_text(g->s, n, g->you, line, sizeof line);
            fprintf(g->out, "  %s\n", line);
        } else if (!asked(g->s, n, g->you)) {
            char need[700];
            ps_note_text(g->s, n, g->you, line, sizeof line);
            consent_text(g, n, need, sizeof need);
            fprintf(g->out, "  %s (%s%s%s.)\n", line, paint(g, DIM), need, paint(g, RESET));
        }
        break;
    case PS_NOTE_END: break;
    default:
        ps_note_text(g->s, n, g->you, line, sizeof line);
        if (line[0]) fprintf(g->out, "  %s\n", line);
    }
    fflush(g->out);
}

/* Terms from "0.3" (one issue) or "name=value ..." (values: numbers or option names). */
static int parse_terms(game *g, const ps_note *text, const char *args, double *counter, char *why, size_t len)
{
    const ps_scenario *s = g->s;
    while (*args == ' ') args++;
    if (!*args) { snprintf(why, len, "give the terms, e.g. p 0.3"); return -1; }
    char buf[512];
    snprintf(buf, sizeof buf, "%s", args);
    int given = 0;
    char *p = buf;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        char *eq = NULL, *end = p;
        int quoted = 0;
        while (*end && (quoted || *end != ' ')) {   /* one token: name=value, the value maybe in quotes */
            if (*end == '"') quoted = !quoted;
            if (*end == '=' && !eq && !quoted) eq = end;
            end++;
        }
        char save = *end;
        *end = '\0';
        int k = -1;
        const char *value = p;
        if (eq) {
            *eq = '\0';
            for (int a = 0; a < text->nagenda; a++)
                if (strcasecmp(s->issues[text->agenda[a]].name, p) == 0) k = text->agenda[a];
            if (k < 0) { snprintf(why, len, "'%.*s' is not on the table now", (int)ps_utf8_prefix(p, 200), p); return -1; }
            value = eq + 1;
        } else if (text->nagenda == 1) {
            k = text->agenda[0];
        } else {
            snprintf(why, len, "several issues are on the table: name each, e.g. p %s=0.3", s->issues[text->agenda[0]].name);
            return -1;
        }
        char v[256];
        snprintf(v, sizeof v, "%.*s", (int)ps_utf8_prefix(value, 255), value);
        size_t vl = strlen(v);
        if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') { memmove(v, v + 1, vl - 2); v[vl - 2] = '\0'; }
        const ps_issue *is = &s->issues[k];
        char *e;
        double x = strtod(v, &e);
        if (e != v && *e == '\0' && isfinite(x)) {
            if (x < 0 || x > 1) { snprintf(why, len, "%s: terms run from 0 to 1", is->name); return -1; }
            if (is->noptions > 0) {   /* a discrete issue: the nearest option */
                int best = 0;
                for (int o = 1; o < is->noptions; o++)
                    if (fabs(is->option_x[o] - x) < fabs(is->option_x[best] - x)) best = o;
                x = is->option_x[best];
            }
        } else {
            int found = -1;
            for (int o = 0; o < is->noptions; o++)
                if (strcasecmp(is->option_name[o], v) == 0) found = o;
            if (found < 0) {
                snprintf(why, len, "%s: '%s' is neither a number from 0 to 1 nor one of its options", is->name, v);
                return -1;
            }
            x = is->option_x[found];
        }
        counter[k] = x;
        given++;
        *end = save;
        p = end;
    }
    return given ? 0 : -1;
}

static void help(game *g)
{
    fprintf(g->out, "  a = accept, r = refuse, p TERMS = propose (p 0.3, or p issue=0.3 other=\"option\"), q = quit, h = help\n");
}

/* The player's answer to a text. */
static int decide(void *ctx, const ps_note *text, const ps_note *own, double *counter)
{
    game *g = ctx;
    const ps_scenario *s = g->s;
    char line[1200], need[700];
    ps_note_text(s, text, g->you, line, sizeof line);
    consent_text(g, text, need, sizeof need);
    fprintf(g->out, "  %s (%s.)\n", line, need);
    char name[PS_NAME_MAX];
    plain(s->parties[g->you].name, name, sizeof name);
    fprintf(g->out, "  %sFor you (%s): the text gives you %.3f; no deal is worth %.3f to you now; "
                    "the model's %s would hold out for %.3f.%s\n",
            paint(g, BOLD), name, own->utility, own->batna, name, own->aspiration, paint(g, RESET));
    if (!g->have_first) {
        g->have_first = 1;
        g->first_batna = own->batna;
        g->first_umax = own->aspiration;   /* when first asked (round 1, mostly) the aspiration is (nearly) the best */
    }
    for (;;) {
        fprintf(g->out, "  Your answer (a, r, p TERMS, q, h): ");
        fflush(g->out);
        char in[600];
        if (!fgets(in, sizeof in, g->in)) {
            fprintf(g->out, "\n  (no more input: the game stops here)\n");
            g->ended_input = 1;
            return PS_PLAY_QUIT;
        }
        in[strcspn(in, "\r\n")] = '\0';
        if (!isatty(fileno(g->in))) {   /* a scripted game shows what was typed */
            char shown[sizeof in];
            fprintf(g->out, "%s\n", plain(in, shown, sizeof shown));
        }
        char *cmd = in;
        while (isspace((unsigned char)*cmd)) cmd++;
        char word[32];
        size_t wl = strcspn(cmd, " ");
        snprintf(word, sizeof word, "%.*s", (int)(wl < sizeof word ? wl : sizeof word - 1), cmd);
        const char *rest = cmd + wl;
        cJSON *a = cJSON_CreateObject();
        cJSON_AddNumberToObject(a, "round", text->t);
        int answer = -1;
        if (!strcasecmp(word, "a") || !strcasecmp(word, "accept") || !strcasecmp(word, "y") || !strcasecmp(word, "yes")) answer = PS_PLAY_ACCEPT;
        else if (!strcasecmp(word, "r") || !strcasecmp(word, "refuse") || !strcasecmp(word, "n") || !strcasecmp(word, "no")) answer = PS_PLAY_REFUSE;
        else if (!strcasecmp(word, "q") || !strcasecmp(word, "quit")) answer = PS_PLAY_QUIT;
        else if (!strcasecmp(word, "p") || !strcasecmp(word, "propose")) {
            char why[300];
            if (parse_terms(g, text, rest, counter, why, sizeof why) != 0) {
                ps_text_plain(why);   /* it may quote names and what was typed */
                fprintf(g->out, "  %s\n", why);
                cJSON_Delete(a);
                continue;
            }
            answer = PS_PLAY_PROPOSE;
            cJSON *t = cJSON_AddObjectToObject(a, "terms");
            for (int j = 0; j < text->nagenda; j++) cJSON_AddNumberToObject(t, s->issues[text->agenda[j]].name, counter[text->agenda[j]]);
        } else {
            char shown[sizeof word];
            if (word[0] && strcasecmp(word, "h") && strcasecmp(word, "help") && strcmp(word, "?"))
                fprintf(g->out, "  '%s' is not an answer.\n", plain(word, shown, sizeof shown));
            help(g);
            cJSON_Delete(a);
            continue;
        }
        static const char *const names[] = {"accept", "refuse", "propose", "quit"};
        cJSON_AddStringToObject(a, "answer", names[answer]);
        cJSON_AddItemToArray(g->answers, a);
        /* the concession path: what you were ready to take this round */
        if (text->t >= 0 && text->t <= PS_MAX_ROUNDS && (answer == PS_PLAY_ACCEPT || answer == PS_PLAY_PROPOSE)) {
            /* a proposal's utility to you is known only from the response that follows: fill_path */
            g->path[text->t] = answer == PS_PLAY_ACCEPT ? own->utility : NAN;
            g->path_set[text->t] = answer == PS_PLAY_PROPOSE ? 2 : 1;
        }
        return answer;
    }
}

/* The utility to you of your own proposals, from the responses that follow them. */
static void fill_path(game *g)
{
    for (size_t i = 0; i + 1 < g->n; i++) {
        const ps_note *n = &g->notes[i];
        if (n->kind != PS_NOTE_PROPOSAL || n->source != PS_SOURCE_PLAYER) continue;
        for (size_t j = i + 1; j < g->n && g->notes[j].kind == PS_NOTE_RESPONSE; j++)
            if (g->notes[j].party == g->you && n->t <= PS_MAX_ROUNDS) g->path[n->t] = g->notes[j].utility;
    }
}

/* The game ended by the player's q (or the end of the input). */
static int game_quit(const game *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->notes[i].kind == PS_NOTE_END) return g->notes[i].reason == PS_END_QUIT;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct sample { double *u; int you; } sample;

/* The model's own runs, scored as the player is: each one's payoff to the party played. */
static int keep_payoff(void *ctx, uint64_t rep, const ps_outcome *o)
{
    sample *sm = ctx;
    sm->u[rep] = ps_payoff(o, sm->you);
    return 0;
}

int ps_cli_play(int argc, char **argv)
{
    ps_cli_common o;
    ps_cli_common_init(&o, DEBRIEF_RUNS);
    const char *as = NULL, *transcript = NULL;
    uint64_t rep = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0 || strcmp(a, "--csv") == 0 || strcmp(a, "--report") == 0 || strcmp(a, "--runs") == 0) {
            ps_cli_error("play: %s does not apply (a game is one replication; --transcript PATH saves it)", a);
            return PS_EXIT_USAGE;
        }
        int used = ps_cli_common_parse(&o, argc, argv, &i);
        if (used < 0) return PS_EXIT_USAGE;
        if (used) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(play_usage, stdout); return PS_EXIT_OK; }
        if (strcmp(a, "--as") == 0) {
            if (!(as = ps_cli_value(argc, argv, i, 0, "a party's name, e.g. --as Ukraine"))) return PS_EXIT_USAGE;
            i++;
        } else if (strcmp(a, "--transcript") == 0) {
            if (!(transcript = ps_cli_value(argc, argv, i, PS_CLI_PATH | PS_CLI_STDOUT, "a file path"))) return PS_EXIT_USAGE;
            i++;
        } else if (strcmp(a, "--replication") == 0) {
            const char *val = ps_cli_value(argc, argv, i, PS_CLI_NUMBER, "a whole number from 0");
            if (!val) return PS_EXIT_USAGE;
            if (ps_cli_parse_u64(val, 0, UINT64_C(9999999999999), &rep)) {
                ps_cli_error("--replication needs a whole number from 0");
                return PS_EXIT_USAGE;
            }
            i++;
        } else if (ps_cli_scenario_arg(&o, "play", a) != 0) {
            return PS_EXIT_USAGE;
        }
    }
    if (!as) { ps_cli_error("play: say which party you play: --as PARTY"); return PS_EXIT_USAGE; }
    char err[1024] = "";
    ps_cli_file out_file = {"--transcript", transcript, 1};
    if (ps_cli_check_outputs(&o, &out_file, 1) != 0) return PS_EXIT_USAGE;
    ps_script_options so;
    ps_scenario *s;
    ps_script_hooks *hooks;
    int loaded = ps_cli_load(&o, "play", 1, &so, &s, &hooks);
    if (loaded != PS_EXIT_OK) return loaded;
    ps_status st;
    int you = -1;
    char known[1024] = "";
    for (int i = 0; i < s->nparties; i++) {
        if (strcmp(s->parties[i].name, as) == 0) you = i;
        strncat(known, i ? ", " : "", sizeof known - strlen(known) - 1);
        ps_utf8_append(known, sizeof known, s->parties[i].name);
    }
    /* A party whose consent no issue needs would watch every round without a question. */
    char playable[1024] = "";
    int needed = 0;
    for (int i = 0; i < s->nparties; i++) {
        int any = 0;
        for (int k = 0; k < s->nissues && !any; k++) any = consents(&s->issues[k], i);
        if (!any) continue;
        if (i == you) needed = 1;
        strncat(playable, playable[0] ? ", " : "", sizeof playable - strlen(playable) - 1);
        strncat(playable, s->parties[i].name, sizeof playable - strlen(playable) - 1);
    }
    ps_text_plain(known);
    ps_text_plain(playable);
    if (you < 0 || s->protocol != PS_PROTOCOL_MEDIATED || !needed) {
        char name[PS_NAME_MAX];
        if (you < 0) ps_cli_error("--as %s: %s has no party of that name (parties: %s)", as, s->file, known);
        else if (s->protocol != PS_PROTOCOL_MEDIATED)
            ps_cli_error("play: %s uses the '%s' protocol; a person can play only under the mediated one", s->file,
                         ps_protocol_names[s->protocol]);
        else
            ps_cli_error("play: --as %s: no issue of %s needs %s's consent, so it would have nothing to answer; "
                         "parties you can play: %s", as, s->file, plain(s->parties[you].name, name, sizeof name), playable);
        ps_lua_hooks_free(hooks);
        ps_scenario_free(s);
        return PS_EXIT_USAGE;
    }
    const char *nc = getenv("NO_COLOR");
    game g = {.s = s, .you = you, .in = stdin, .out = stdout, .colour = isatty(STDOUT_FILENO) && !(nc && nc[0]),
              .answers = cJSON_CreateArray()};
    char title[sizeof s->name], name[PS_NAME_MAX], about[sizeof s->parties[you].doc], where[1024];
    plain(s->name, title, sizeof title);
    plain(s->parties[you].name, name, sizeof name);
    fprintf(g.out, "%s%s%s: you play %s%s%s. The other parties act by the model.\n", paint(&g, BOLD), title, paint(&g, RESET),
            paint(&g, BOLD), name, paint(&g, RESET));
    if (s->parties[you].doc[0]) fprintf(g.out, "%s\n", plain(s->parties[you].doc, about, sizeof about));
    fprintf(g.out, "Your role sheet: peacesim brief%s%s --party \"%s\". Answer each text with a, r, p TERMS or q (h for help).\n",
            o.path ? " " : "", o.path ? plain(o.path, where, sizeof where) : "", name);
    ps_observer obs = {.ctx = &g, .note = on_note, .player = you, .decide = decide};
    ps_outcome out;
    int code = PS_EXIT_OK;
    st = ps_run_one(s, o.seed, rep, hooks, &obs, &out, err, sizeof err);
    if (st != PS_OK || g.failed || !g.answers) {
        ps_cli_error("%s", st == PS_OK ? "out of memory" : err);
        code = st == PS_EINVAL ? PS_EXIT_USAGE : PS_EXIT_FAILURE;
        goto done;
    }
    fill_path(&g);
    ps_story story = {s, o.seed, rep, g.notes, g.n, &out, you};
    ps_narrate_end(g.out, &story);

    /* ---- the debrief ---- */
    fprintf(g.out, "\n%sDebrief%s\n", paint(&g, BOLD), paint(&g, RESET));
    /* the score of the role sheet (ps_brief.c): the outcome's worth less the war's costs */
    fprintf(g.out, "Your score, as your role sheet counts it: the outcome is worth %.3f to %s, less %.3f for the %d "
                   "round%s fought without a ceasefire: %.3f.\n", out.utility[you], name, out.war_paid[you],
            out.war_rounds, out.war_rounds == 1 ? "" : "s", ps_payoff(&out, you));
    double mine = ps_payoff(&out, you);
    double *u = malloc(sizeof *u * DEBRIEF_RUNS);
    sample sm = {u, you};
    ps_result *r = NULL;
    ps_run_options ro = {.runs = DEBRIEF_RUNS, .seed = o.seed, .threads = o.threads, .script = hooks, .record = keep_payoff,
                         .record_ctx = &sm, .err = err, .errlen = sizeof err};
    double pct = NAN, q05 = NAN, q50 = NAN, q95 = NAN;
    if (u && ps_run(s, &ro, &r) == PS_OK) {
        int below = 0, same = 0;
        for (int i = 0; i < DEBRIEF_RUNS; i++) {
            below += u[i] < mine - 1e-9;
            same += fabs(u[i] - mine) <= 1e-9;
        }
        pct = 100.0 * (below + 0.5 * same) / DEBRIEF_RUNS;   /* ties count half (the mid-rank) */
        qsort(u, DEBRIEF_RUNS, sizeof *u, by_value);
        q05 = u[DEBRIEF_RUNS / 20];
        q50 = u[DEBRIEF_RUNS / 2];
        q95 = u[DEBRIEF_RUNS - DEBRIEF_RUNS / 20 - 1];
        fprintf(g.out, "In %d runs of the model playing %s itself, scored the same way, the middle one scored %.3f, "
                       "90%% between %.3f and %.3f. You did better than %.0f%% of those runs, as well as %.0f%% more: "
                       "your percentile is %.0f.\n",
                DEBRIEF_RUNS, name, q50, q05, q95, 100.0 * below / DEBRIEF_RUNS, 100.0 * same / DEBRIEF_RUNS, pct);
        if (game_quit(&g))
            fprintf(g.out, "(You stopped at round %d; the model's runs went on to the end, so the comparison is rough.)\n",
                    out.rounds_run);
    }
    ps_result_free(r);
    cJSON *points = cJSON_CreateObject();
    for (int k = 0; k < s->nissues; k++) {
        double nash, ks;
        int cares = 0;
        for (int j = 0; j < s->issues[k].nconsent; j++) cares |= s->issues[k].consent[j] == you;
        /* an issue settled before the talks has no bargaining left in it */
        if (!cares || s->issues[k].agreed_at_start || ps_opening_points(s, o.seed, rep, k, &nash, &ks) != PS_OK) continue;
        char tn[96], tk[96], tx[96] = "no deal";
        char in[PS_NAME_MAX];
        ps_terms_text(&s->issues[k], nash, tn, sizeof tn);
        ps_terms_text(&s->issues[k], ks, tk, sizeof tk);
        if (out.issue[k].held) ps_terms_text(&s->issues[k], out.issue[k].terms, tx, sizeof tx);
        ps_text_plain(tn);
        ps_text_plain(tk);
        ps_text_plain(tx);
        fprintf(g.out, "%s: your result %s; at the start, the Nash point was %s and the Kalai-Smorodinsky point %s.\n",
                plain(s->issues[k].name, in, sizeof in), tx, tn, tk);
        cJSON *pk = cJSON_AddObjectToObject(points, s->issues[k].name);
        cJSON_AddNumberToObject(pk, "nash", nash);
        cJSON_AddNumberToObject(pk, "ks", ks);
    }
    /* the concession path beside Faratin's references, from the best (round 1) to no deal */
    int T = s->rounds;
    cJSON *path = cJSON_CreateArray();
    if (g.have_first) {
        fprintf(g.out, "\nYour concessions: what you accepted or proposed, as utility to you, beside two references\n"
                       "that concede from %.3f (your best, when first asked) to %.3f (no deal): Boulware (holds out, e = 0.2)\n"
                       "and conceder (gives ground early, e = 5).\n  round     you  Boulware  conceder\n", g.first_umax, g.first_batna);
        for (int t = 1; t <= out.rounds_run && t <= T; t++) {
            double f = (double)t / T, bw = g.first_umax - pow(f, 1 / 0.2) * (g.first_umax - g.first_batna),
                   cc = g.first_umax - pow(f, 1 / 5.0) * (g.first_umax - g.first_batna);
            char you_s[32] = "      -";
            if (g.path_set[t] && isfinite(g.path[t])) snprintf(you_s, sizeof you_s, "%7.3f%s", g.path[t], g.path_set[t] == 2 ? "p" : "a");
            fprintf(g.out, "  %5d %8s %9.3f %9.3f\n", t, you_s, bw, cc);
            cJSON *e = cJSON_CreateObject();
            cJSON_AddNumberToObject(e, "round", t);
            cJSON_AddItemToObject(e, "you", g.path_set[t] && isfinite(g.path[t]) ? cJSON_CreateNumber(g.path[t]) : cJSON_CreateNull());
            cJSON_AddNumberToObject(e, "boulware", bw);
            cJSON_AddNumberToObject(e, "conceder", cc);
            cJSON_AddItemToArray(path, e);
        }
        fprintf(g.out, "  (a: a text you accepted; p: your own proposal; -: you refused or were not asked)\n");
    }
    fprintf(g.out, "\nA model of the talks, not a forecast. Ask: when did you give ground, and what did waiting cost you?\n");
    if (transcript) {
        cJSON *doc = ps_json_trace(&story, PEACESIM_VERSION);
        if (doc) {
            cJSON_AddItemToObject(doc, "answers", g.answers);
            g.answers = NULL;
            cJSON *db = cJSON_AddObjectToObject(doc, "debrief");
            cJSON_AddNumberToObject(db, "utility", out.utility[you]);
            cJSON_AddNumberToObject(db, "war_costs", out.war_paid[you]);
            cJSON_AddNumberToObject(db, "score", mine);
            cJSON_AddItemToObject(db, "percentile", isfinite(pct) ? cJSON_CreateNumber(pct) : cJSON_CreateNull());
            cJSON_AddItemToObject(db, "model_q05", isfinite(q05) ? cJSON_CreateNumber(q05) : cJSON_CreateNull());
            cJSON_AddItemToObject(db, "model_q50", isfinite(q50) ? cJSON_CreateNumber(q50) : cJSON_CreateNull());
            cJSON_AddItemToObject(db, "model_q95", isfinite(q95) ? cJSON_CreateNumber(q95) : cJSON_CreateNull());
            cJSON_AddItemToObject(db, "points", points);
            points = NULL;
            cJSON_AddItemToObject(db, "path", path);
            path = NULL;
        }
        if (ps_cli_write_json(transcript, "--transcript", doc) != 0) code = PS_EXIT_FAILURE;
    }
    cJSON_Delete(points);
    cJSON_Delete(path);
    free(u);
done:
    cJSON_Delete(g.answers);
    free(g.notes);
    ps_lua_hooks_free(hooks);
    ps_scenario_free(s);
    return code;
}
