/* ps_brief.c: role sheets and the teacher's sheet, in Markdown. Every text that comes from the
 * scenario is written through md(), so that a name or a description reads as the words it is and
 * never as Markdown or HTML; what each sheet says and asks follows what the scenario has. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ps_brief.h"
#include "ps_narrate.h"
#include "ps_utf8.h"

static const char *const role_names[] = {"signatory", "mediator", "guarantor", "spoiler"};

/* Writes scenario text t as literal Markdown text: inline HTML neutralised (& < > as entities);
 * the characters that make emphasis, code, links, math or a table cell (\ ` * _ [ ] ~ $ |)
 * escaped with a backslash; every control character (a newline, a tab, an escape) written as a
 * space, so that the text stays on its line and in its table cell. At the start of a line
 * (line_start), leading spaces are dropped (four would make code) and a heading, quote, list or
 * rule marker (#, -, +, =, or the "1." of a numbered list) is escaped. */
static void md_put(FILE *f, const char *t, int line_start)
{
    const unsigned char *p = (const unsigned char *)t;
    if (line_start) {
        while (*p == ' ' || (*p && *p < 0x20)) p++;
        if (*p == '#' || *p == '-' || *p == '+' || *p == '=') fputc('\\', f);
        const unsigned char *d = p;
        while (*d >= '0' && *d <= '9') d++;
        if (d > p && (*d == '.' || *d == ')')) {
            fwrite(p, 1, (size_t)(d - p), f);
            fputc('\\', f);
            p = d;
        }
    }
    for (; *p; p++) {
        unsigned c = *p;
        if (c == '&') fputs("&amp;", f);
        else if (c == '<') fputs("&lt;", f);
        else if (c == '>') fputs("&gt;", f);
        else if (strchr("\\`*_[]~$|", (int)c)) { fputc('\\', f); fputc((int)c, f); }
        else if (c < 0x20 || c == 0x7f) fputc(' ', f);
        else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { fputc(' ', f); p++; }   /* a C1 control */
        else fputc((int)c, f);
    }
}

static void md(FILE *f, const char *t) { md_put(f, t, 0); }

void ps_brief_value(const ps_value *v, char *buf, size_t len)
{
    if (v->kind == PS_VAL_CONST) { snprintf(buf, len, "%.3g", v->a); return; }
    snprintf(buf, len, "about %.3g (uncertain: 90%% between %.3g and %.3g)", ps_value_quantile(v, 0.5),
             ps_value_quantile(v, 0.05), ps_value_quantile(v, 0.95));
}

/* A number's typical value (its median): for ordering and words. */
static double typical(const ps_scenario *s, ps_vid id) { return ps_value_quantile(&s->values[id], 0.5); }

/* The number id is 0 in every replication (a constant 0). */
static int always_zero(const ps_scenario *s, ps_vid id) { return s->values[id].kind == PS_VAL_CONST && s->values[id].a == 0; }

/* Issue terms x in words: an option's name in quotes, or the number. */
static void md_terms(FILE *f, const ps_issue *is, double x)
{
    for (int o = 0; o < is->noptions; o++)
        if (fabs(is->option_x[o] - x) < 1e-9) {
            fputc('"', f);
            md(f, is->option_name[o]);
            fputc('"', f);
            return;
        }
    fprintf(f, "%.2f", x);
}

/* How an issue's position reads: an option's name, or the number with what 0 and 1 mean. */
static void md_position(FILE *f, const ps_issue *is, double x)
{
    md_terms(f, is, x);
    if (is->noptions > 0 || !(is->low[0] || is->high[0])) return;
    fputs(" on a scale where 0 is \"", f);
    md(f, is->low[0] ? is->low : "its low end");
    fputs("\" and 1 is \"", f);
    md(f, is->high[0] ? is->high : "its high end");
    fputc('"', f);
}

static int consents(const ps_issue *is, int i)
{
    for (int j = 0; j < is->nconsent; j++)
        if (is->consent[j] == i) return 1;
    return 0;
}

static int k_of_n(const ps_issue *is) { return is->consent_k < is->nconsent; }

/* The scenario has a way to stop the fighting: a ceasefire issue or a front that a settlement freezes. */
static int can_stop_war(const ps_scenario *s)
{
    if (s->front.issue >= 0) return 1;
    for (int k = 0; k < s->nissues; k++)
        if (s->issues[k].freezes_front) return 1;
    return 0;
}

/* The issues party i cares about, most first. */
static int priorities(const ps_scenario *s, int i, int *order)
{
    int n = 0;
    for (int k = 0; k < s->nissues; k++)
        if (typical(s, s->parties[i].salience[k]) > 0) order[n++] = k;
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && typical(s, s->parties[i].salience[order[b]]) > typical(s, s->parties[i].salience[order[b - 1]]); b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    return n;
}

static void issues_table(FILE *f, const ps_scenario *s)
{
    fprintf(f, "| issue | what it is | who must agree |\n|---|---|---|\n");
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue *is = &s->issues[k];
        fputs("| ", f);
        md(f, is->name);
        fputs(" | ", f);
        md(f, is->doc);
        if (is->noptions > 0) {
            fprintf(f, " Options:");
            for (int o = 0; o < is->noptions; o++) {
                fputs(o ? ", \"" : " \"", f);
                md(f, is->option_name[o]);
                fputc('"', f);
            }
            fprintf(f, ".");
        } else if (is->low[0] || is->high[0]) {
            fputs(" 0 = ", f);
            md(f, is->low[0] ? is->low : "low end");
            fputs("; 1 = ", f);
            md(f, is->high[0] ? is->high : "high end");
            fputc('.', f);
        }
        fprintf(f, " | ");
        if (k_of_n(is)) fprintf(f, "%d of ", is->consent_k);
        for (int j = 0; j < is->nconsent; j++) {
            if (j) fputs(", ", f);
            md(f, s->parties[is->consent[j]].name);
        }
        fprintf(f, " |\n");
    }
}

/* Writes the issues that need party i's consent and whose rule is k of n (kofn 1) or unanimity
 * (kofn 0), "**a**, **b** and **c**"; returns how many there are. */
static int consent_issues(FILE *f, const ps_scenario *s, int i, int kofn, int write)
{
    int total = 0, n = 0;
    for (int k = 0; k < s->nissues; k++) total += consents(&s->issues[k], i) && k_of_n(&s->issues[k]) == kofn;
    for (int k = 0; k < s->nissues && write; k++) {
        if (!consents(&s->issues[k], i) || k_of_n(&s->issues[k]) != kofn) continue;
        if (n) fputs(n == total - 1 ? " and " : ", ", f);
        fputs("**", f);
        md(f, s->issues[k].name);
        fputs("**", f);
        n++;
    }
    return total;
}

/* A party's score (ps_payoff in ps_state.h): the same words on the role sheet (you) and the
 * teacher's sheet. */
static void score_text(FILE *f, const ps_scenario *s, int i, int you)
{
    const ps_party *p = &s->parties[i];
    char cost[300], sc[300];
    ps_brief_value(&s->values[p->war_cost], cost, sizeof cost);
    fprintf(f, "what the outcome at the end is worth to %s (0 to 1: the agreed terms where a deal holds, the no-deal "
               "values elsewhere), less %s for every round fought %s", you ? "you" : "it", cost,
            can_stop_war(s) ? "without a ceasefire" : "before the talks end (nothing in them stops the fighting)");
    if (!always_zero(s, p->sanctions_cost)) {
        ps_brief_value(&s->values[p->sanctions_cost], sc, sizeof sc);
        fprintf(f, ", plus %s for each unit of that round's sanctions level", sc);
    }
}

int ps_brief_party(FILE *f, const ps_scenario *s, int i, const ps_brief_facts *facts)
{
    const ps_party *p = &s->parties[i];
    char buf[300];
    fputs("# Confidential role sheet: ", f);
    md(f, p->name);
    fputs("\n\n*", f);
    md(f, s->name);
    fputs("*. For the player of ", f);
    md(f, p->name);
    fputs(" only: do not show it to the other parties.\n\n", f);
    if (s->doc[0]) {
        fputs("## The situation\n\n", f);
        md_put(f, s->doc, 1);
        fputs("\n\n", f);
    }
    fputs("## Who you are\n\nYou are **", f);
    md(f, p->name);
    fprintf(f, "**, a %s.", role_names[p->role]);
    if (p->doc[0]) {
        fputc(' ', f);
        md(f, p->doc);
    }
    int all = consent_issues(f, s, i, 0, 0), some = consent_issues(f, s, i, 1, 0);
    if (all + some == 0) fputs(" No issue needs your consent: the others decide, and you act through what you do and what you want.", f);
    if (all) {
        fputs(" No deal on ", f);
        consent_issues(f, s, i, 0, 1);
        fputs(" is made without you.", f);
    }
    if (some) {
        fputs(some == 1 ? " A deal on " : " Deals on ", f);
        consent_issues(f, s, i, 1, 1);
        fprintf(f, " need%s only some of %s parties' consent, yours among them (see who must agree): %s can be made without you.",
                some == 1 ? "s" : "", some == 1 ? "its" : "their", some == 1 ? "it" : "they");
    }
    if (p->supports >= 0 && !always_zero(s, p->support) && s->front.issue >= 0) {
        ps_brief_value(&s->values[p->support], buf, sizeof buf);
        fputs(" You back ", f);
        md(f, s->parties[p->supports].name);
        fprintf(f, " at the front: you lend it %s of capability.", buf);
    }
    int fragile = 0;
    for (int k = 0; k < s->nissues; k++)
        fragile |= !always_zero(s, s->issues[k].hazard) || !always_zero(s, s->issues[k].hazard_distrust);
    if (!always_zero(s, p->spoil) && fragile) {
        ps_brief_value(&s->values[p->spoil], buf, sizeof buf);
        fprintf(f, " Every deal in force that can break down is likelier to, because of you: you add %s to its chance of "
                   "breaking down each round.", buf);
    }
    fputs("\n\nThe other parties at the table:", f);
    for (int j = 0, n = 0; j < s->nparties; j++)
        if (j != i) {
            fputs(n++ ? ", " : " ", f);
            md(f, s->parties[j].name);
            fprintf(f, " (%s)", role_names[s->parties[j].role]);
        }
    fprintf(f, ". What they want is theirs to say; you know only what they tell you and what they do.\n\n");

    fprintf(f, "## The issues\n\n");
    issues_table(f, s);
    int order[PS_MAX_ISSUES], n = priorities(s, i, order);
    fprintf(f, "\n## What you want, most important first\n\n");
    if (n == 0) fprintf(f, "None of the issues matters to you in itself.\n");
    for (int a = 0; a < n; a++) {
        int k = order[a];
        const ps_issue *is = &s->issues[k];
        fprintf(f, "%d. **", a + 1);
        md(f, is->name);
        fprintf(f, "** (%.0f%% of what is at stake for you): you want ", 100 * typical(s, p->salience[k]));
        md_position(f, is, typical(s, p->ideal[k]));
        fputc('.', f);
        if (consents(is, i) && !k_of_n(is)) fputs(" No deal on it without you.", f);
        else if (consents(is, i)) fprintf(f, " It needs %d of %d consents, yours among them.", is->consent_k, is->nconsent);
        fputc('\n', f);
    }
    fprintf(f, "\nEach point you give up on an issue costs you in proportion to how much it matters to you: "
               "a deal is worth to you the sum, over the issues, of its weight times how close the deal is to what you want.\n");

    fprintf(f, "\n## If there is no deal\n\n");
    ps_brief_value(&s->values[p->war_cost], buf, sizeof buf);
    if (can_stop_war(s)) fprintf(f, "- Every round without a ceasefire costs you %s of your utility (0 to 1).\n", buf);
    else fprintf(f, "- Every round until the talks end costs you %s of your utility (0 to 1): nothing on the table stops "
                    "the fighting.\n", buf);
    if (!always_zero(s, p->sanctions_cost)) {
        ps_brief_value(&s->values[p->sanctions_cost], buf, sizeof buf);
        fprintf(f, "- Sanctions add to that cost: %s a round for each unit of the sanctions level (0 to 1).\n", buf);
    }
    if (s->nissues > 0) {
        fputs("- An issue without a deal stays where it is: ", f);
        for (int k = 0; k < s->nissues; k++) {
            const ps_issue *is = &s->issues[k];
            if (k) fputs("; ", f);
            md(f, is->name);
            if (is->agreed_at_start) {
                fputs(" at the terms agreed before the talks", f);
                if (s->values[is->agreed_terms].kind == PS_VAL_CONST) {
                    fputs(", ", f);
                    md_terms(f, is, s->values[is->agreed_terms].a);
                }
            }
            else if (is->nodeal_kind == PS_NODEAL_FRONT) fputs(" at the line of control", f);
            else if (is->nodeal_kind == PS_NODEAL_SANCTIONS) fputs(" at the sanctions level", f);
            else if (s->values[is->nodeal].kind == PS_VAL_CONST) {
                fputs(" at ", f);
                md_terms(f, is, s->values[is->nodeal].a);
            } else {
                ps_brief_value(&s->values[is->nodeal], buf, sizeof buf);
                fprintf(f, " at %s", buf);
            }
        }
        fputs(".\n", f);
    }
    ps_brief_value(&s->values[p->patience], buf, sizeof buf);
    fprintf(f, "- Your patience (how much a round later is worth to you, from 0 to 1): %s.\n", buf);
    if (!always_zero(s, p->premium)) {
        ps_brief_value(&s->values[p->trust], buf, sizeof buf);
        fprintf(f, "- Your trust that the others keep a deal (0 to 1): %s. With low trust you ask for more, since part of "
                   "what you are promised may never come.\n", buf);
    }
    if (facts && facts->count[i] > 0) {
        fprintf(f, "- In the model, at the first text you answer, no deal is worth about **%.2f** to you and the model's ",
                facts->batna[i]);
        md(f, p->name);
        fprintf(f, " would aim at about **%.2f** (means over %d simulated openings). Below your no-deal value, a deal "
                   "leaves you worse off than walking away.\n", facts->aspiration[i], facts->samples);
    }

    fputs("\n## Your score\n\nWhen the talks end, your score is ", f);
    score_text(f, s, i, 1);
    fputs(s->protocol == PS_PROTOCOL_MEDIATED ? ". `peacesim play` scores you so in its debrief, and ranks you among the "
                                                 "model's own runs scored the same way.\n" : ".\n", f);

    fprintf(f, "\n## How the talks run\n\n%d rounds at most. Each round, ", s->rounds);
    if (s->package) fputs("one text covers every open issue, as a package accepted or refused as a whole; ", f);
    else fputs("a text is put on the table for each open issue; ", f);
    fputs("the parties who must agree answer yes or no.", f);
    int lag = 0, fail = 0, hazard = 0;
    for (int k = 0; k < s->nissues; k++) {
        lag |= !always_zero(s, s->issues[k].lag);
        fail |= !always_zero(s, s->issues[k].fail);
        hazard |= !always_zero(s, s->issues[k].hazard) || !always_zero(s, s->issues[k].hazard_distrust);
    }
    if (lag || fail || hazard) {
        const char *what[3] = {lag ? "may take rounds to carry out" : NULL, fail ? "may fail" : NULL,
                               hazard ? "may break down once in force" : NULL};
        int shown = 0, count = lag + fail + hazard;
        fputs(" An agreement ", f);
        for (int w = 0; w < 3; w++)
            if (what[w]) {
                fprintf(f, "%s%s", shown == 0 ? "" : (shown == count - 1 ? " and " : ", "), what[w]);
                shown++;
            }
        fputc('.', f);
    }
    int events = 0;
    for (int e = 0; e < s->nevents; e++) events += !s->events[e].policy;
    fputc('\n', f);
    if (events) {
        fprintf(f, "\nThings may happen between rounds:\n\n");
        for (int e = 0; e < s->nevents; e++)
            if (!s->events[e].policy) {
                fputs("- ", f);
                md(f, s->events[e].name);
                if (s->events[e].doc[0]) fputs(": ", f);
                md(f, s->events[e].doc);
                fputc('\n', f);
            }
    }
    int mine = 0;
    for (int e = 0; e < s->nevents; e++) mine += s->events[e].policy && s->events[e].by == i;
    if (mine) {
        fprintf(f, "\nYour own policies (what you do when their conditions hold):\n\n");
        for (int e = 0; e < s->nevents; e++)
            if (s->events[e].policy && s->events[e].by == i) {
                fputs("- ", f);
                md(f, s->events[e].name);
                if (s->events[e].doc[0]) fputs(": ", f);
                md(f, s->events[e].doc);
                fputc('\n', f);
            }
    }
    fputs("\n---\nMade by peacesim from ", f);
    md(f, s->file);
    fputs(". A model of the talks, not a forecast.\n", f);
    return ferror(f) ? -1 : 0;
}

/* The debrief's questions: each asks about something the scenario has. */
static void questions(FILE *f, const ps_scenario *s, const ps_result *r, int hardest, double pmin)
{
    int q = 1, mediated = s->protocol == PS_PROTOCOL_MEDIATED;
    int refuser = 0;
    for (int i = 1; i < s->nparties; i++)
        if (r->refusals[i] > r->refusals[refuser]) refuser = i;
    if (r->refusals[refuser] > 0) {
        fprintf(f, "%d. Which party refused most often? (In the model: ", q++);
        md(f, s->parties[refuser].name);
        fputs(mediated ? ".) What did it aim at that the texts did not give it?\n" : ".) What did the offers not give it?\n", f);
    }
    if (hardest >= 0) {
        /* the commitment problem is a question only where distrust raises what a party asks */
        int distrust = 0;
        const ps_issue *is = &s->issues[hardest];
        for (int j = 0; j < is->nconsent; j++) distrust |= !always_zero(s, s->parties[is->consent[j]].premium);
        fprintf(f, "%d. Which issue was hardest to settle? (In the model: ", q++);
        md(f, is->name);
        fprintf(f, ", agreed in %.1f%% of runs.) %s\n", 100 * pmin,
                distrust ? "Was the distance between positions the problem, or the fear that a deal would not be kept?"
                         : "What kept the positions apart?");
    }
    int kofn = -1;
    for (int k = 0; k < s->nissues && kofn < 0; k++)
        if (k_of_n(&s->issues[k])) kofn = k;
    if (kofn >= 0) {
        /* a package whose issues share one rule is one accord */
        const ps_issue *is = &s->issues[kofn];
        int one = s->package && s->nissues > 1;
        for (int k = 0; k < s->nissues && one; k++)
            one = s->issues[k].consent_k == is->consent_k && s->issues[k].nconsent == is->nconsent
                  && memcmp(s->issues[k].consent, is->consent, sizeof is->consent[0] * (size_t)is->nconsent) == 0;
        fprintf(f, "%d. ", q++);
        if (one) fputs("The package", f);
        else md(f, is->name);
        fprintf(f, " needs only %d of its %d parties: who was left out of the deal, and what did leaving them out give the "
                   "others? Who would have blocked it under unanimity?%s\n", is->consent_k, is->nconsent,
                mediated ? " (The model's mediator makes its text for the coalition that gains most: docs/MODEL.md 5.3.)" : "");
    }
    if (s->nissues > 1) {
        int requires = -1;
        for (int k = 0; k < s->nissues && requires < 0; k++)
            if (s->issues[k].nrequires > 0) requires = k;
        if (s->package) fprintf(f, "%d. The issues are one package, accepted or refused as a whole: which issue was traded for which?\n", q++);
        else fprintf(f, "%d. Which issues were settled and which were left open? Would one package, trading one issue for "
                        "another, have done better?\n", q++);
        if (requires >= 0) {
            const ps_requirement *rq = &s->issues[requires].requires[0];
            fprintf(f, "%d. ", q++);
            md(f, s->issues[requires].name);
            fputs(" comes to the table only once ", f);
            md(f, s->issues[rq->issue].name);
            fprintf(f, " is %s: did the first deal open the way for the next, or hold it up?\n",
                    rq->stage == PS_STAGE_IMPLEMENTED ? "carried out" : "agreed");
        }
    }
    int consenting = 0;
    for (int i = 0; i < s->nparties; i++) {
        int any = 0;
        for (int k = 0; k < s->nissues && !any; k++) any = consents(&s->issues[k], i);
        consenting += any;
    }
    /* BATNAs play no part in the textbook's alternating-offers game, nor in the expected-utility model */
    if (consenting >= 2 && s->protocol != PS_PROTOCOL_EQUILIBRIUM && s->protocol != PS_PROTOCOL_EUM) fprintf(f, "%d. Who had the better alternative to a deal, and how did that show in who gave way first?\n", q++);
    if (mediated || s->protocol == PS_PROTOCOL_ALTERNATING)
        fprintf(f, "%d. When did the parties move: early, late, or at the deadline? What does the model's concession tactic "
                   "(Boulware: late; conceder: early) say about each side?%s\n", q++,
                s->protocol == PS_PROTOCOL_ALTERNATING ? " Where did their offers cross?" : "");
    if (s->protocol == PS_PROTOCOL_EQUILIBRIUM)
        fprintf(f, "%d. Who proposed first, and how did each side's patience set the split? Compare the terms with "
                   "Rubinstein's (1 - d2) / (1 - d1 d2).\n", q++);
    if (s->protocol == PS_PROTOCOL_ULTIMATUM)
        fprintf(f, "%d. How much did the proposer ask for, and how often did the other side refuse (war)? What would it have "
                   "asked had it known the other's cost of war?\n", q++);
    if (s->protocol == PS_PROTOCOL_EUM)
        fprintf(f, "%d. Which actors moved towards whom, round by round, and where did the forecast settle? Who was strong "
                   "enough to hold its position?\n", q++);
    if (s->front.issue >= 0)
        fprintf(f, "%d. How did the line of control move while the parties talked, and how did that change what war was "
                   "worth to each side?\n", q++);
    int sanctioned = s->sanctions.target;
    for (int i = 0; i < s->nparties && sanctioned < 0; i++)
        if (!always_zero(s, s->parties[i].sanctions_cost)) sanctioned = i;
    if (sanctioned >= 0) {
        fprintf(f, "%d. How did the sanctions level change what war was worth to ", q++);
        md(f, s->parties[sanctioned].name);
        fputs(", and when did that make a deal possible?\n", f);
    }
    int hazard = -1;
    for (int k = 0; k < s->nissues && hazard < 0; k++)
        if (!always_zero(s, s->issues[k].hazard) || !always_zero(s, s->issues[k].hazard_distrust)) hazard = k;
    if (hazard >= 0) {
        fprintf(f, "%d. How often did the agreement on ", q++);
        md(f, s->issues[hazard].name);
        fputs(" break down once in force, and what made it break down?\n", f);
    }
    for (int i = 0; i < s->nparties; i++)
        if (s->parties[i].role == PS_ROLE_SPOILER) {
            fprintf(f, "%d. What did ", q++);
            md(f, s->parties[i].name);
            fputs(" gain from the talks failing, and what did it do to the deals in force?\n", f);
            break;
        }
    int events = 0, first_event = -1, policies = 0, first_policy = -1;
    for (int e = 0; e < s->nevents; e++) {
        if (s->events[e].policy) { if (!policies++) first_policy = e; }
        else if (!events++) first_event = e;
    }
    if (events == 1) {
        fprintf(f, "%d. What did the event \"", q++);
        md(f, s->events[first_event].name);
        fputs("\" change in the talks? Run `peacesim trace` on a replication where it happened and read the rounds after it.\n", f);
    } else if (events > 1) {
        fprintf(f, "%d. Which event changed the talks most? Run `peacesim trace` on a replication where it happened and read "
                   "the rounds after it.\n", q++);
    }
    if (policies > 0) {
        const ps_event *ev = &s->events[first_policy];
        fprintf(f, "%d. When did ", q++);
        if (policies == 1) {
            fputs("the policy \"", f);
            md(f, ev->name);
            fputs("\"", f);
            if (ev->by >= 0) {
                fputs(" (", f);
                md(f, s->parties[ev->by].name);
                fputs("'s)", f);
            }
        } else {
            fputs("the parties' policies", f);
        }
        fputs(" come into play, and what did that change? Would the threat alone have done as much?\n", f);
    }
    /* what the class can change and check: the knobs the scenario's protocol has, and the commands that vary them */
    int war = 0, distrust = 0, uncertain = 0;
    for (int i = 0; i < s->nparties; i++) {
        war |= !always_zero(s, s->parties[i].war_cost);
        distrust |= !always_zero(s, s->parties[i].premium);
    }
    for (int v = 0; v < s->nvalues && !uncertain; v++) uncertain = s->values[v].kind != PS_VAL_CONST;
    if (s->protocol == PS_PROTOCOL_EUM)
        fprintf(f, "%d. What single change (an actor's capability, salience or position) would most move the forecast? ", q++);
    else if (s->protocol == PS_PROTOCOL_EQUILIBRIUM)
        fprintf(f, "%d. What single change (a party's patience, the horizon) would most change the split? ", q++);
    else
        fprintf(f, "%d. What single change (a party's patience%s%s) would most raise the chance of a deal? ", q++,
                war ? ", its cost of war" : "", distrust ? ", its trust" : "");
    if (s->nparams > 0) {
        fputs("Check with `peacesim sweep --vary NAME=...` on the scenario's parameters (", f);
        for (int j = 0; j < s->nparams; j++) {
            if (j) fputs(", ", f);
            md(f, s->params[j].name);
        }
        fputs(")", f);
        fputs(uncertain ? ", or rank its uncertain numbers with `peacesim sensitivity`.\n" : ".\n", f);
    } else if (uncertain) {
        fputs("Rank the scenario's uncertain numbers with `peacesim sensitivity`.\n", f);
    } else {
        fputs("Change it in the scenario file and run the scenario again.\n", f);
    }
}

int ps_brief_teacher(FILE *f, const ps_scenario *s, const ps_brief_facts *facts, const ps_result *r, uint64_t seed)
{
    char buf[300];
    fputs("# Teacher's sheet: ", f);
    md(f, s->name);
    fputs("\n\n", f);
    if (s->doc[0]) {
        md_put(f, s->doc, 1);
        fputs("\n\n", f);
    }
    fprintf(f, "## The issues\n\n");
    issues_table(f, s);
    fprintf(f, "\n## The parties (each student sees only their own sheet)\n\n");
    for (int i = 0; i < s->nparties; i++) {
        const ps_party *p = &s->parties[i];
        int order[PS_MAX_ISSUES], n = priorities(s, i, order);
        fputs("### ", f);
        md(f, p->name);
        fprintf(f, " (%s)\n\n", role_names[p->role]);
        if (p->doc[0]) {
            md_put(f, p->doc, 1);
            fputs("\n\n", f);
        }
        for (int a = 0; a < n; a++) {
            int k = order[a];
            fputs("- ", f);
            md(f, s->issues[k].name);
            fprintf(f, " (%.0f%%): wants ", 100 * typical(s, p->salience[k]));
            md_position(f, &s->issues[k], typical(s, p->ideal[k]));
            fputc('\n', f);
        }
        ps_brief_value(&s->values[p->war_cost], buf, sizeof buf);
        fprintf(f, "- war cost per round %s", buf);
        ps_brief_value(&s->values[p->patience], buf, sizeof buf);
        fprintf(f, "; patience %s", buf);
        ps_brief_value(&s->values[p->trust], buf, sizeof buf);
        fprintf(f, "; trust %s", buf);
        ps_brief_value(&s->values[p->capability], buf, sizeof buf);
        fprintf(f, "; capability %s\n", buf);
        if (facts && facts->count[i] > 0)
            fprintf(f, "- at its first text: no deal worth %.2f, aims at %.2f\n", facts->batna[i], facts->aspiration[i]);
        fputs("- its score: ", f);
        score_text(f, s, i, 0);
        fputs("\n\n", f);
    }
    uint64_t runs = r->runs;
    fprintf(f, "## What the model predicts (%llu runs, seed %llu)\n\n| issue | P(deal) | median round | typical terms |\n|---|---|---|---|\n",
            (unsigned long long)runs, (unsigned long long)seed);
    int hardest = -1;
    double pmin = 2;
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_result *ir = &r->issue[k];
        double p = runs ? (double)ir->settled / (double)runs : 0;
        int med = ps_result_median_round(r, k);
        fputs("| ", f);
        md(f, s->issues[k].name);
        fprintf(f, " | %.1f%% | ", 100 * p);
        if (med < 0) fputs("not reached", f);
        else fprintf(f, "%d", med);
        fputs(" | ", f);
        if (ir->terms.n) md_terms(f, &s->issues[k], ps_hist01_quantile(&ir->terms_hist, 0.5));
        fputs(" |\n", f);
        if (p < pmin && ir->settled < runs) { pmin = p; hardest = k; }
    }
    fputc('\n', f);
    if (s->nissues > 1)
        fprintf(f, "Every issue on the table agreed at once: %.1f%% of runs. ", runs ? 100.0 * (double)r->comprehensive / (double)runs : 0);
    fputs("Proposals refused per run: ", f);
    for (int i = 0; i < s->nparties; i++) {
        if (i) fputs(", ", f);
        md(f, s->parties[i].name);
        fprintf(f, " %.1f", runs ? (double)r->refusals[i] / (double)runs : 0);
    }
    fprintf(f, ".\n\nCompare the class's results with these after the game: a group's deal is one draw; the model's "
               "numbers are the spread over many.\n\n## Questions for the debrief\n\n");
    questions(f, s, r, hardest, pmin);
    fputs("\n---\nMade by peacesim from ", f);
    md(f, s->file);
    fputs(". A model of the talks, not a forecast.\n", f);
    return ferror(f) ? -1 : 0;
}
