/* ps_narrate.c: a replication's notes (ps_trace.h) as sentences and as JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ps_narrate.h"
#include "ps_utf8.h"

/* Whether the byte at p starts a control character: C0 (a newline, a tab, an escape that would
 * drive a terminal), DEL, or a C1 control (U+0080..U+009F, two bytes in UTF-8); its length. */
static int control_at(const unsigned char *p)
{
    if (*p < 0x20 || *p == 0x7f) return 1;
    if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) return 2;
    return 0;
}

void ps_text_plain(char *buf)
{
    unsigned char *r = (unsigned char *)buf, *w = r;
    while (*r) {
        int c = control_at(r);
        if (c) { *w++ = ' '; r += c; }
        else *w++ = *r++;
    }
    *w = '\0';
}

void ps_put_plain(FILE *f, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        int c = control_at(p);
        if (c) { fputc(' ', f); p += c; }
        else fputc(*p++, f);
    }
}

void ps_terms_text(const ps_issue *is, double x, char *buf, size_t len)
{
    for (int o = 0; o < is->noptions; o++)
        if (fabs(is->option_x[o] - x) < 1e-9) { snprintf(buf, len, "\"%s\"", is->option_name[o]); return; }
    snprintf(buf, len, "%.2f", x);
}

static const char *who(const ps_scenario *s, int party, int you, char *buf, size_t len)
{
    if (party == you) snprintf(buf, len, "You (%s)", s->parties[party].name);
    else snprintf(buf, len, "%s", s->parties[party].name);
    return buf;
}

/* "Ukraine and EU/NATO" from the bits of refused_by. */
static void names_of(const ps_scenario *s, uint64_t bits, int you, char *buf, size_t len)
{
    buf[0] = '\0';
    int n = 0, total = 0;
    for (int i = 0; i < s->nparties; i++) total += (bits >> i) & 1u;
    for (int i = 0; i < s->nparties; i++) {
        if (!((bits >> i) & 1u)) continue;
        const char *sep = n == 0 ? "" : (n == total - 1 ? " and " : ", ");
        size_t used = strlen(buf);
        ps_utf8_snprintf(buf + used, len - used, "%s%s", sep, i == you ? "you" : s->parties[i].name);
        n++;
    }
}

static void proposal_text(const ps_scenario *s, const ps_note *n, char *buf, size_t len)
{
    static const char *const by[] = {"the mediator's text", "the fixed text", "your proposal", "the offer"};
    size_t used = (size_t)snprintf(buf, len, "On the table, %s: ", by[n->source < 4 ? n->source : 3]);
    for (int a = 0; a < n->nagenda && used < len; a++) {
        char terms[96];
        const ps_issue *is = &s->issues[n->agenda[a]];
        ps_terms_text(is, n->x[n->agenda[a]], terms, sizeof terms);
        used += (size_t)ps_utf8_snprintf(buf + used, len - used, "%s%s at %s", a ? ", " : "", is->name, terms);
    }
    if (used < len) snprintf(buf + used, len - used, ".");
}

/* Why a party answered as it did: its utility of the text against its aspiration and BATNA. */
static void response_text(const ps_scenario *s, const ps_note *n, int you, char *buf, size_t len)
{
    char name[96];
    who(s, n->party, you, name, sizeof name);
    const char *it = n->party == you ? "you" : "it", *its = n->party == you ? "your" : "its";
    if (!isfinite(n->utility)) {
        snprintf(buf, len, "%s %s: %s has nothing at stake in this text.", name, n->accepted ? "accepts" : "refuses",
                 n->party == you ? "you have" : "it has");
        return;
    }
    if (n->party == you) {
        snprintf(buf, len, "%s %s: the text gives you %.3f; the model's party would aim at %.3f, and war is worth %.3f to you.",
                 name, n->accepted ? "accept" : "refuse", n->utility, n->aspiration, n->batna);
        return;
    }
    if (!isfinite(n->aspiration)) {   /* a protocol without aspirations: the text against no deal */
        snprintf(buf, len, "%s %s: the text gives %s %.3f (no deal: %.3f); this protocol's own rule decides the "
                 "answer (docs/MODEL.md section 5.9).", name, n->accepted ? "accepts" : "refuses", it, n->utility, n->batna);
        return;
    }
    int above = n->utility >= n->aspiration;
    double chance = 100 * (n->accepted ? n->p_accept : 1 - n->p_accept);
    char pct[32];
    snprintf(pct, sizeof pct, chance < 1 ? "%.2g%%" : "%.0f%%", chance);
    if (n->accepted && above)
        snprintf(buf, len, "%s accepts: the text gives %s %.3f, at least what %s aims at (%.3f), and war is worth %.3f to %s.",
                 name, it, n->utility, it, n->aspiration, n->batna, it);
    else if (!n->accepted && !above)
        snprintf(buf, len, "%s refuses: the text gives %s %.3f, %s still aims at %.3f and war is worth %.3f to %s.",
                 name, it, n->utility, it, n->aspiration, n->batna, it);
    else if (n->accepted)
        snprintf(buf, len, "%s accepts, though the text gives %s %.3f, short of what %s aims at (%.3f; war: %.3f): "
                 "%s noise made that answer %s likely.", name, it, n->utility, it, n->aspiration, n->batna, its, pct);
    else
        snprintf(buf, len, "%s refuses, though the text gives %s %.3f, what %s aims at (%.3f; war: %.3f): "
                 "%s noise made that answer %s likely.", name, it, n->utility, it, n->aspiration, n->batna, its, pct);
}

void ps_note_text(const ps_scenario *s, const ps_note *n, int you, char *buf, size_t len)
{
    char terms[96], names[400];
    buf[0] = '\0';
    switch (n->kind) {
    case PS_NOTE_ROUND: {
        /* only what the scenario has: a front, sanctions */
        char front[64] = "", sanctions[64] = "";
        if (s->front.issue >= 0) snprintf(front, sizeof front, "The line of control is at %.3f; ", n->front);
        if (s->sanctions.target >= 0 || n->sanctions > 0)
            snprintf(sanctions, sizeof sanctions, "%s sanctions level is %.2f; ", front[0] ? "the" : "The", n->sanctions);
        snprintf(buf, len, "Round %d. %s%s%s.", n->t, front, sanctions,
                 n->ceasefire ? (front[0] || sanctions[0] ? "a ceasefire is in force" : "A ceasefire is in force")
                              : (front[0] || sanctions[0] ? "no ceasefire is in force" : "No ceasefire is in force"));
        break;
    }
    case PS_NOTE_EVENT:
        if (n->count > 1) snprintf(buf, len, "Event: %s (%d times).", s->events[n->event].name, n->count);
        else snprintf(buf, len, "Event: %s.", s->events[n->event].name);
        break;
    case PS_NOTE_IMPLEMENTED: snprintf(buf, len, "The agreement on %s is carried out: it is in force.", s->issues[n->issue].name); break;
    case PS_NOTE_FAILED: snprintf(buf, len, "The agreement on %s is not carried out: it is back on the table.", s->issues[n->issue].name); break;
    case PS_NOTE_BROKE_DOWN: snprintf(buf, len, "The %s breaks down: it is back on the table.", s->issues[n->issue].name); break;
    case PS_NOTE_PROPOSAL: proposal_text(s, n, buf, len); break;
    case PS_NOTE_RESPONSE: response_text(s, n, you, buf, len); break;
    case PS_NOTE_AGREED:
        ps_terms_text(&s->issues[n->issue], n->x[n->issue], terms, sizeof terms);
        snprintf(buf, len, "Agreed: %s at %s.", s->issues[n->issue].name, terms);
        break;
    case PS_NOTE_REFUSED:
        names_of(s, n->refused_by, you, names, sizeof names);
        snprintf(buf, len, "Refused: %s%s%s%s.", s->issues[n->issue].name, names[0] ? " (by " : "", names, names[0] ? ")" : "");
        break;
    case PS_NOTE_END: break;
    }
    ps_text_plain(buf);   /* names and options as words, never as terminal controls */
}

static const char *const end_reason[] = {"the horizon", "every issue on the table in force", "a walk-out", "you stopped"};

void ps_narrate_end(FILE *f, const ps_story *story)
{
    const ps_scenario *s = story->s;
    const ps_outcome *o = story->out;
    int reason = PS_END_HORIZON;
    for (size_t i = 0; i < story->n; i++)
        if (story->notes[i].kind == PS_NOTE_END) reason = story->notes[i].reason;
    fprintf(f, "\nThe end, round %d (%s).\n", o->rounds_run, end_reason[reason]);
    for (int k = 0; k < s->nissues; k++) {
        char terms[96];
        fputs("  ", f);
        ps_put_plain(f, s->issues[k].name);
        if (o->issue[k].settled) {
            ps_terms_text(&s->issues[k], o->issue[k].terms, terms, sizeof terms);
            ps_text_plain(terms);
            if (o->issue[k].round == 0) fprintf(f, ": agreed before the talks, at %s", terms);
            else fprintf(f, ": first agreed in round %d; the latest terms %s", o->issue[k].round, terms);
            fprintf(f, "; %s at the end.\n", o->issue[k].held ? "still holding" : "no longer holding");
        } else {
            fprintf(f, ": never agreed.\n");
        }
    }
    if (o->comprehensive) fprintf(f, "  Every issue on the table stood agreed at once from round %d.\n", o->comprehensive_round);
    if (s->front.issue >= 0) fprintf(f, "  The line of control ended at %.3f, after %d rounds of war.\n", o->front, o->war_rounds);
    else fprintf(f, "  %d round%s of war %s fought.\n", o->war_rounds, o->war_rounds == 1 ? "" : "s", o->war_rounds == 1 ? "was" : "were");
}

int ps_narrate(FILE *f, const ps_story *story)
{
    const ps_scenario *s = story->s;
    ps_put_plain(f, s->name);
    fprintf(f, ": replication %llu of seed %llu, round by round\n", (unsigned long long)story->rep, (unsigned long long)story->seed);
    fprintf(f, "(the replication the Monte Carlo with seed %llu counts as number %llu)\n\n", (unsigned long long)story->seed,
            (unsigned long long)story->rep);
    fprintf(f, "What the issues' numbers mean:\n");
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue *is = &s->issues[k];
        fputs("  ", f);
        ps_put_plain(f, is->name);
        if (is->noptions > 0) {
            fputs(": options", f);
            for (int o = 0; o < is->noptions; o++) {
                fputs(o ? ", \"" : " \"", f);
                ps_put_plain(f, is->option_name[o]);
                fputc('"', f);
            }
            fputs("\n", f);
        } else if (is->low[0] || is->high[0]) {
            fputs(": 0 = ", f);
            ps_put_plain(f, is->low[0] ? is->low : "its low end");
            fputs(", 1 = ", f);
            ps_put_plain(f, is->high[0] ? is->high : "its high end");
            fputs("\n", f);
        } else {
            fputs(": a scale from 0 to 1\n", f);
        }
    }
    fprintf(f, "A party accepts a text when it gives it at least what it aims at this round (its aspiration, which falls\n"
               "over time towards what war is worth to it), up to its noise. Utilities are on a 0 to 1 scale.\n");
    for (size_t i = 0; i < story->n; i++) {
        const ps_note *n = &story->notes[i];
        char line[1200];
        ps_note_text(s, n, story->player, line, sizeof line);
        if (!line[0]) continue;
        const char *indent = n->kind == PS_NOTE_ROUND ? "\n" : (n->kind == PS_NOTE_RESPONSE ? "    " : "  ");
        fprintf(f, "%s%s\n", indent, line);
    }
    ps_narrate_end(f, story);
    return ferror(f) ? -1 : 0;
}

static cJSON *num_or_null(double x) { return isfinite(x) ? cJSON_CreateNumber(x) : cJSON_CreateNull(); }

cJSON *ps_json_trace(const ps_story *story, const char *version)
{
    const ps_scenario *s = story->s;
    const ps_outcome *o = story->out;
    static const char *const sources[] = {"mediator", "fixed", "player", "protocol"};
    static const char *const changes[] = {"implemented", "failed", "broke down"};
    static const char *const ends[] = {"horizon", "all in force", "walk-out", "quit"};
    cJSON *doc = cJSON_CreateObject();
    if (!doc) return NULL;
    cJSON_AddStringToObject(doc, "schema", "peacesim.trace/1");
    cJSON_AddStringToObject(doc, "version", version);
    cJSON *sc = cJSON_AddObjectToObject(doc, "scenario");
    cJSON_AddStringToObject(sc, "name", s->name);
    cJSON_AddStringToObject(sc, "file", s->file);
    cJSON *params = cJSON_AddObjectToObject(sc, "params");
    for (int j = 0; j < s->nparams; j++) {
        if (s->params[j].is_number) cJSON_AddNumberToObject(params, s->params[j].name, s->params[j].number);
        else cJSON_AddStringToObject(params, s->params[j].name, s->params[j].text);
    }
    cJSON_AddNumberToObject(doc, "seed", (double)story->seed);
    cJSON_AddNumberToObject(doc, "replication", (double)story->rep);
    if (story->player >= 0) cJSON_AddStringToObject(doc, "player", s->parties[story->player].name);
    cJSON *rounds = cJSON_AddArrayToObject(doc, "rounds");
    cJSON *round = NULL, *events = NULL, *chg = NULL, *talks = NULL, *talk = NULL, *responses = NULL, *result = NULL;
    int reason = PS_END_HORIZON;
    for (size_t i = 0; i < story->n; i++) {
        const ps_note *n = &story->notes[i];
        if (n->kind == PS_NOTE_ROUND || (!round && n->kind != PS_NOTE_END)) {
            round = cJSON_CreateObject();
            cJSON_AddItemToArray(rounds, round);
            cJSON_AddNumberToObject(round, "round", n->t);
            if (n->kind == PS_NOTE_ROUND) {
                cJSON_AddNumberToObject(round, "front", n->front);
                cJSON_AddNumberToObject(round, "sanctions", n->sanctions);
                cJSON_AddBoolToObject(round, "ceasefire", n->ceasefire);
            }
            events = cJSON_AddArrayToObject(round, "events");
            chg = cJSON_AddArrayToObject(round, "changes");
            talks = cJSON_AddArrayToObject(round, "talks");
            talk = NULL;
            if (n->kind == PS_NOTE_ROUND) continue;
        }
        switch (n->kind) {
        case PS_NOTE_EVENT: {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "name", s->events[n->event].name);
            cJSON_AddNumberToObject(e, "count", n->count);
            cJSON_AddItemToArray(events, e);
            break;
        }
        case PS_NOTE_IMPLEMENTED:
        case PS_NOTE_FAILED:
        case PS_NOTE_BROKE_DOWN: {
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "issue", s->issues[n->issue].name);
            cJSON_AddStringToObject(c, "what", changes[n->kind - PS_NOTE_IMPLEMENTED]);
            cJSON_AddItemToArray(chg, c);
            break;
        }
        case PS_NOTE_PROPOSAL: {
            talk = cJSON_CreateObject();
            cJSON_AddItemToArray(talks, talk);
            cJSON *p = cJSON_AddObjectToObject(talk, "proposal");
            cJSON_AddStringToObject(p, "source", sources[n->source < 4 ? n->source : 3]);
            cJSON *t = cJSON_AddObjectToObject(p, "terms");
            for (int a = 0; a < n->nagenda; a++) cJSON_AddNumberToObject(t, s->issues[n->agenda[a]].name, n->x[n->agenda[a]]);
            responses = cJSON_AddArrayToObject(talk, "responses");
            result = cJSON_AddObjectToObject(talk, "result");
            break;
        }
        case PS_NOTE_RESPONSE: {
            if (!talk) break;
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "party", s->parties[n->party].name);
            cJSON_AddItemToObject(r, "utility", num_or_null(n->utility));
            cJSON_AddItemToObject(r, "aspiration", num_or_null(n->aspiration));
            cJSON_AddItemToObject(r, "batna", num_or_null(n->batna));
            cJSON_AddNumberToObject(r, "p_accept", n->p_accept);
            cJSON_AddBoolToObject(r, "accepted", n->accepted);
            if (n->party == story->player) cJSON_AddBoolToObject(r, "player", 1);
            cJSON_AddItemToArray(responses, r);
            break;
        }
        case PS_NOTE_AGREED:
        case PS_NOTE_REFUSED: {
            if (!talk) break;
            cJSON *r = cJSON_AddObjectToObject(result, s->issues[n->issue].name);
            cJSON_AddBoolToObject(r, "agreed", n->kind == PS_NOTE_AGREED);
            if (n->kind == PS_NOTE_REFUSED) {
                cJSON *by = cJSON_AddArrayToObject(r, "refused_by");
                for (int p = 0; p < s->nparties; p++)
                    if ((n->refused_by >> p) & 1u) cJSON_AddItemToArray(by, cJSON_CreateString(s->parties[p].name));
            }
            break;
        }
        case PS_NOTE_END: reason = n->reason; break;
        default: break;
        }
    }
    cJSON *oc = cJSON_AddObjectToObject(doc, "outcome");
    cJSON_AddStringToObject(oc, "end", ends[reason]);
    cJSON_AddNumberToObject(oc, "rounds_run", o->rounds_run);
    cJSON *is = cJSON_AddObjectToObject(oc, "issues");
    for (int k = 0; k < s->nissues; k++) {
        cJSON *e = cJSON_AddObjectToObject(is, s->issues[k].name);
        cJSON_AddBoolToObject(e, "agreed", o->issue[k].settled);
        cJSON_AddItemToObject(e, "round", o->issue[k].settled ? cJSON_CreateNumber(o->issue[k].round) : cJSON_CreateNull());
        cJSON_AddItemToObject(e, "terms", o->issue[k].settled ? cJSON_CreateNumber(o->issue[k].terms) : cJSON_CreateNull());
        cJSON_AddBoolToObject(e, "held", o->issue[k].held);
    }
    cJSON_AddItemToObject(oc, "comprehensive_round", o->comprehensive ? cJSON_CreateNumber(o->comprehensive_round) : cJSON_CreateNull());
    cJSON_AddNumberToObject(oc, "front", o->front);
    cJSON_AddNumberToObject(oc, "war_rounds", o->war_rounds);
    return doc;
}
