/* ps_narrate.h: one replication told in plain sentences (peacesim trace, peacesim play), and as
 * data (JSON schema "peacesim.trace/1", docs/TEACHING.md). */
#ifndef PS_NARRATE_H
#define PS_NARRATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cJSON.h>
#include "ps_model.h"
#include "ps_state.h"
#include "ps_trace.h"

/* What a replication left: its notes, in order, and its outcome. */
typedef struct ps_story {
    const ps_scenario *s;
    uint64_t seed, rep;
    const ps_note *notes;
    size_t n;
    const ps_outcome *out;
    int player;              /* the party a person played, or -1 */
} ps_story;

/* Scenario text for a terminal or a plain-text file: every control character (C0, a newline and
 * an escape included; DEL; C1) becomes a space, so that a name cannot drive the terminal or
 * break a line. ps_text_plain works in place; ps_put_plain writes text so to f. */
void ps_text_plain(char *buf);
void ps_put_plain(FILE *f, const char *text);

/* The terms x of issue is in words: an option's or point's name where x is one ("1,000 for
 * 1,000"), else the number ("0.74"). */
void ps_terms_text(const ps_issue *is, double x, char *buf, size_t len);

/* Sentence for one note (a round's heading, an event, a proposal, a response, a settlement),
 * without a final newline, into buf; "" for notes told elsewhere. `you` (or -1): the party a
 * person plays, told as "you". */
void ps_note_text(const ps_scenario *s, const ps_note *n, int you, char *buf, size_t len);

/* The whole story as text. Returns 0, or -1 when a write fails. */
int ps_narrate(FILE *f, const ps_story *story);

/* The closing summary: what was agreed, when, on which terms; what was not. */
void ps_narrate_end(FILE *f, const ps_story *story);

/* The story as data. NULL when out of memory; the caller frees it with cJSON_Delete. */
cJSON *ps_json_trace(const ps_story *story, const char *version);

#endif
