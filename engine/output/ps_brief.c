/* ps_brief.c: role sheets and the teacher's sheet, in Markdown. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ps_brief.h"
#include "ps_narrate.h"
#include "ps_utf8.h"

static const char *const role_words[] = {
    "a signatory: no deal on the issues you consent to is made without you",
    "the mediator: you put texts on the table and you have a say only where the scenario gives you one",
    "a guarantor: you back a side and must agree to the deals that need you",
    "a spoiler: you gain from the talks failing and can make deals break down"};

void ps_brief_value(const ps_value *v, char *buf, size_t len)
{
    if (v->kind == PS_VAL_CONST) { snprintf(buf, len, "%.3g", v->a); return; }
    snprintf(buf, len, "about %.3g (uncertain: 90%% between %.3g and %.3g)", ps_value_quantile(v, 0.5),
             ps_value_quantile(v, 0.05), ps_value_quantile(v, 0.95));
}

/* A number's typical value (its median): for ordering and words. */
static double typical(const ps_scenario *s, ps_vid id) { return ps_value_quantile(&s->values[id], 0.5); }

/* How an issue's position reads: an option's name, or the number with what 0 and 1 mean. */
static void position_text(const ps_issue *is, double x, char *buf, size_t len)
{
    char terms[96];
    ps_terms_text(is, x, terms, sizeof terms);
    if (is->noptions > 0 || !(is->low[0] || is->high[0])) snprintf(buf, len, "%s", terms);
    else ps_utf8_snprintf(buf, len, "%s on a scale where 0 is \"%s\" and 1 is \"%s\"", terms, is->low[0] ? is->low : "its low end",
                  is->high[0] ? is->high : "its high end");
}

static int consents(const ps_issue *is, int i)
{
    for (int j = 0; j < is->nconsent; j++)
        if (is->consent[j] == i) return 1;
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
        fprintf(f, "| %s | %s", is->name, is->doc[0] ? is->doc : "");
        if (is->noptions > 0) {
            fprintf(f, " Options:");
            for (int o = 0; o < is->noptions; o++) fprintf(f, "%s \"%s\"", o ? "," : "", is->option_name[o]);
            fprintf(f, ".");
        } else if (is->low[0] || is->high[0]) {
            fprintf(f, " 0 = %s; 1 = %s.", is->low[0] ? is->low : "low end", is->high[0] ? is->high : "high end");
        }
        fprintf(f, " | ");
        if (is->consent_k < is->nconsent) fprintf(f, "%d of ", is->consent_k);
        for (int j = 0; j < is->nconsent; j++) fprintf(f, "%s%s", j ? ", " : "", s->parties[is->consent[j]].name);
        fprintf(f, " |\n");
    }
}

int ps_brief_party(FILE *f, const ps_scenario *s, int i, const ps_brief_facts *facts)
{
    const ps_party *p = &s->parties[i];
    char buf[300], pos[400];
    fprintf(f, "# Confidential role sheet: %s\n\n*%s*. For the player of %s only: do not show it to the other parties.\n\n",
            p->name, s->name, p->name);
    if (s->doc[0]) fprintf(f, "## The situation\n\n%s\n\n", s->doc);
    fprintf(f, "## Who you are\n\nYou are **%s**, %s.", p->name, role_words[p->role]);
    if (p->doc[0]) fprintf(f, " %s", p->doc);
    fprintf(f, "\n\nThe other parties at the table:");
    for (int j = 0, n = 0; j < s->nparties; j++)
        if (j != i) fprintf(f, "%s %s (%s)", n++ ? "," : "", s->parties[j].name,
                            (const char *const[]){"signatory", "mediator", "guarantor", "spoiler"}[s->parties[j].role]);
    fprintf(f, ". What they want is theirs to say; you know only what they tell you and what they do.\n\n");

    fprintf(f, "## The issues\n\n");
    issues_table(f, s);
    int order[PS_MAX_ISSUES], n = priorities(s, i, order);
    fprintf(f, "\n## What you want, most important first\n\n");
    if (n == 0) fprintf(f, "None of the issues matters to you in itself.\n");
    for (int a = 0; a < n; a++) {
        int k = order[a];
        position_text(&s->issues[k], typical(s, p->ideal[k]), pos, sizeof pos);
        fprintf(f, "%d. **%s** (%.0f%% of what is at stake for you): you want %s.%s\n", a + 1, s->issues[k].name,
                100 * typical(s, p->salience[k]), pos, consents(&s->issues[k], i) ? " No deal on it without you." : "");
    }
    fprintf(f, "\nEach point you give up on an issue costs you in proportion to how much it matters to you: "
               "a deal is worth to you the sum, over the issues, of its weight times how close the deal is to what you want.\n");

    fprintf(f, "\n## If there is no deal\n\n");
    ps_brief_value(&s->values[p->war_cost], buf, sizeof buf);
    fprintf(f, "- Every round without a ceasefire costs you %s of your utility (0 to 1).\n", buf);
    ps_brief_value(&s->values[p->patience], buf, sizeof buf);
    fprintf(f, "- Your patience (how much a round later is worth to you, from 0 to 1): %s.\n", buf);
    ps_brief_value(&s->values[p->trust], buf, sizeof buf);
    fprintf(f, "- Your trust that the others keep a deal (0 to 1): %s. With low trust you ask for more, since part of "
               "what you are promised may never come.\n", buf);
    if (facts && facts->count[i] > 0)
        fprintf(f, "- In the model, at the first text you answer, no deal is worth about **%.2f** to you and the model's %s "
                   "would aim at about **%.2f** (means over %d simulated openings). Below your no-deal value, a deal "
                   "leaves you worse off than walking away.\n",
                facts->batna[i], p->name, facts->aspiration[i], facts->samples);
    fprintf(f, "\n## How the talks run\n\n%d rounds at most. Each round, texts are put on the table for the issues that are "
               "open; the parties who must agree answer yes or no. An agreement may take rounds to carry out, may fail, and "
               "a ceasefire may break down.", s->rounds);
    int events = 0;
    for (int e = 0; e < s->nevents; e++) events += !s->events[e].policy;
    if (events) {
        fprintf(f, " Things may happen between rounds:\n\n");
        for (int e = 0; e < s->nevents; e++)
            if (!s->events[e].policy) fprintf(f, "- %s%s%s\n", s->events[e].name, s->events[e].doc[0] ? ": " : "", s->events[e].doc);
    }
    int mine = 0;
    for (int e = 0; e < s->nevents; e++) mine += s->events[e].policy && s->events[e].by == i;
    if (mine) {
        fprintf(f, "\nYour own policies (what you do when their conditions hold):\n\n");
        for (int e = 0; e < s->nevents; e++)
            if (s->events[e].policy && s->events[e].by == i)
                fprintf(f, "- %s%s%s\n", s->events[e].name, s->events[e].doc[0] ? ": " : "", s->events[e].doc);
    }
    fprintf(f, "\n---\nMade by peacesim from %s. A model of the talks, not a forecast.\n", s->file);
    return ferror(f) ? -1 : 0;
}

int ps_brief_teacher(FILE *f, const ps_scenario *s, const ps_brief_facts *facts, const ps_result *r, uint64_t seed)
{
    char buf[300], pos[400];
    fprintf(f, "# Teacher's sheet: %s\n\n", s->name);
    if (s->doc[0]) fprintf(f, "%s\n\n", s->doc);
    fprintf(f, "## The issues\n\n");
    issues_table(f, s);
    fprintf(f, "\n## The parties (each student sees only their own sheet)\n\n");
    for (int i = 0; i < s->nparties; i++) {
        const ps_party *p = &s->parties[i];
        int order[PS_MAX_ISSUES], n = priorities(s, i, order);
        fprintf(f, "### %s (%s)\n\n", p->name, (const char *const[]){"signatory", "mediator", "guarantor", "spoiler"}[p->role]);
        if (p->doc[0]) fprintf(f, "%s\n\n", p->doc);
        for (int a = 0; a < n; a++) {
            int k = order[a];
            position_text(&s->issues[k], typical(s, p->ideal[k]), pos, sizeof pos);
            fprintf(f, "- %s (%.0f%%): wants %s\n", s->issues[k].name, 100 * typical(s, p->salience[k]), pos);
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
        fprintf(f, "\n");
    }
    uint64_t runs = r->runs;
    fprintf(f, "## What the model predicts (%llu runs, seed %llu)\n\n| issue | P(deal) | median round | typical terms |\n|---|---|---|---|\n",
            (unsigned long long)runs, (unsigned long long)seed);
    int hardest = -1, refuser = 0;
    double pmin = 2;
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_result *ir = &r->issue[k];
        double p = runs ? (double)ir->settled / (double)runs : 0;
        int med = ps_result_median_round(r, k);
        char terms[96] = "", when[32];
        if (ir->terms.n) ps_terms_text(&s->issues[k], ps_hist01_quantile(&ir->terms_hist, 0.5), terms, sizeof terms);
        if (med < 0) snprintf(when, sizeof when, "not reached");
        else snprintf(when, sizeof when, "%d", med);
        fprintf(f, "| %s | %.1f%% | %s | %s |\n", s->issues[k].name, 100 * p, when, terms);
        if (p < pmin && ir->settled < runs) { pmin = p; hardest = k; }
    }
    for (int i = 1; i < s->nparties; i++)
        if (r->refusals[i] > r->refusals[refuser]) refuser = i;
    fprintf(f, "\nEvery issue on the table agreed at once: %.1f%% of runs. Proposals refused per run: ",
            runs ? 100.0 * (double)r->comprehensive / (double)runs : 0);
    for (int i = 0; i < s->nparties; i++)
        fprintf(f, "%s%s %.1f", i ? ", " : "", s->parties[i].name, runs ? (double)r->refusals[i] / (double)runs : 0);
    fprintf(f, ".\n\nCompare the class's results with these after the game: a group's deal is one draw; the model's "
               "numbers are the spread over many.\n\n## Questions for the debrief\n\n");
    int q = 1;
    fprintf(f, "%d. Which party refused most often? (In the model: %s.) What did it aim at that the texts did not give it?\n",
            q++, s->parties[refuser].name);
    if (hardest >= 0)
        fprintf(f, "%d. Which issue was hardest to settle? (In the model: %s, agreed in %.1f%% of runs.) Was the distance "
                   "between positions the problem, or the fear that a deal would not be kept?\n", q++, s->issues[hardest].name,
                100 * pmin);
    fprintf(f, "%d. Who had the better alternative to a deal, and how did that show in who gave way first?\n", q++);
    fprintf(f, "%d. When did the parties move: early, late, or at the deadline? What does the model's concession tactic "
               "(Boulware: late; conceder: early) say about each side?\n", q++);
    fprintf(f, "%d. Which event changed the talks most? Run `peacesim trace` on a replication where it happened and read the "
               "rounds after it.\n", q++);
    fprintf(f, "%d. What single change (a party's patience, its cost of war, trust) would most raise the chance of a deal? "
               "Check with `peacesim sensitivity` or `peacesim sweep`.\n", q++);
    fprintf(f, "\n---\nMade by peacesim from %s. A model of the talks, not a forecast.\n", s->file);
    return ferror(f) ? -1 : 0;
}
