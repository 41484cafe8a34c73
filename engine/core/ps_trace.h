/* ps_trace.h: following one replication as it runs: notes of what happens, round by round (for
 * a narrated run), and a person's answers in place of one party's votes (for playing a party).
 * A replication run without an observer costs nothing extra and is the same replication. */
#ifndef PS_TRACE_H
#define PS_TRACE_H

#include <stdint.h>
#include "ps_model.h"

typedef enum ps_note_kind {
    PS_NOTE_ROUND,        /* round t starts: the front after this week's move, sanctions, ceasefire */
    PS_NOTE_EVENT,        /* event `event` happened `count` times */
    PS_NOTE_IMPLEMENTED,  /* issue `issue` came into force */
    PS_NOTE_FAILED,       /* issue `issue` was not carried out: back on the table */
    PS_NOTE_BROKE_DOWN,   /* issue `issue`, in force, broke down: back on the table */
    PS_NOTE_PROPOSAL,     /* the text on the table: agenda, x[issue]; source */
    PS_NOTE_RESPONSE,     /* party `party`'s answer: utility, aspiration, batna, p_accept, accepted */
    PS_NOTE_AGREED,       /* issue `issue` agreed at x[issue] */
    PS_NOTE_REFUSED,      /* issue `issue` refused; refused_by: bit i for party i */
    PS_NOTE_END           /* the replication ended: reason */
} ps_note_kind;

enum { PS_SOURCE_MEDIATOR, PS_SOURCE_FIXED, PS_SOURCE_PLAYER, PS_SOURCE_PROTOCOL };
enum { PS_END_HORIZON, PS_END_ALL_IN_FORCE, PS_END_WALKOUT, PS_END_QUIT };

typedef struct ps_note {
    ps_note_kind kind;
    int t;                       /* the round */
    int party, issue, event, count;
    int nagenda;
    int agenda[PS_MAX_ISSUES];
    double x[PS_MAX_ISSUES];     /* terms, by issue (the agenda's entries) */
    int source;                  /* of a proposal: PS_SOURCE_* */
    double utility;              /* of the text, to the responding party */
    double aspiration;           /* what it aims at this round (the model's, for a player too) */
    double batna;                /* what no deal is worth to it this round */
    double p_accept;             /* the model's probability of accepting (1 or 0 for a player) */
    int accepted;
    uint64_t refused_by;
    double front, sanctions;
    int ceasefire;
    int reason;                  /* of the end: PS_END_* */
} ps_note;

/* A person's answer to a text (ps_observer.decide). */
enum { PS_PLAY_ACCEPT, PS_PLAY_REFUSE, PS_PLAY_PROPOSE, PS_PLAY_QUIT };

typedef struct ps_observer {
    void *ctx;
    /* Called for every note, in the order things happen. May be NULL. */
    void (*note)(void *ctx, const ps_note *n);
    /* The party a person plays (-1: none), under the mediated protocol. */
    int player;
    /* Asked instead of that party's vote: `text` is the proposal (kind PS_NOTE_PROPOSAL), `own`
     * what the player's party sees of it (kind PS_NOTE_RESPONSE: utility, aspiration, batna).
     * Returns PS_PLAY_ACCEPT, PS_PLAY_REFUSE, PS_PLAY_QUIT, or PS_PLAY_PROPOSE with terms in
     * counter[issue] for the agenda's issues (in [0, 1]): the others then vote on those. */
    int (*decide)(void *ctx, const ps_note *text, const ps_note *own, double *counter);
} ps_observer;

#endif
