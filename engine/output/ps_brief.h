/* ps_brief.h: role sheets in Markdown: a confidential sheet for one party (what it wants, how
 * much each issue matters to it, what no deal is worth to it, what it knows of the others) and
 * the teacher's sheet (every party, what the model predicts, questions for the debrief). */
#ifndef PS_BRIEF_H
#define PS_BRIEF_H

#include <stdint.h>
#include <stdio.h>
#include "ps_model.h"
#include "ps_result.h"

/* What a short run of the model says about the opening round, per party: the mean over some
 * replications of what no deal was worth to it (BATNA) and of what it aimed at, when it first
 * answered a text; count 0 when it never answered one. */
typedef struct ps_brief_facts {
    double batna[PS_MAX_PARTIES], aspiration[PS_MAX_PARTIES];
    int count[PS_MAX_PARTIES];
    int samples;                 /* replications looked at */
} ps_brief_facts;

/* A number of the scenario in words: "0.004", or "about 0.004 (90% between 0.0015 and 0.0065)". */
void ps_brief_value(const ps_value *v, char *buf, size_t len);

/* The confidential sheet of party i. Returns 0, or -1 when a write fails. */
int ps_brief_party(FILE *f, const ps_scenario *s, int i, const ps_brief_facts *facts);

/* The teacher's sheet, with the result r of a Monte Carlo run of the scenario (runs, seed as
 * given). Returns 0, or -1 when a write fails. */
int ps_brief_teacher(FILE *f, const ps_scenario *s, const ps_brief_facts *facts, const ps_result *r, uint64_t seed);

#endif
