/* ps_state.h: the state of one replication as it runs, and what it yields at the end. */
#ifndef PS_STATE_H
#define PS_STATE_H

#include <stdint.h>
#include "ps_model.h"

typedef enum ps_issue_status {
    PS_ISSUE_OPEN,          /* on the table (if its preconditions hold) */
    PS_ISSUE_AGREED,        /* agreed, awaiting implementation */
    PS_ISSUE_IN_FORCE,      /* implemented and holding */
    PS_ISSUE_CLOSED         /* off the table */
} ps_issue_status;

/* A party's numbers for this replication: drawn at its start, then moved by events and learning. */
typedef struct ps_party_state {
    double capability, patience, war_cost, sanctions_cost, curvature, noise, trust, premium, learn;
    double tactic_e, tactic_k, support, spoil;
    double ideal[PS_MAX_ISSUES];
    double salience[PS_MAX_ISSUES];
    double reservation;     /* drawn reservation utility, when the scenario gives one */
    double deadline;        /* drawn deadline D_i in [1, PS_MAX_DEADLINE]; +inf: no known end */
    double batna;           /* d_i(t) this round */
    double aspiration;      /* A_i(t) this round, last computed */
} ps_party_state;

/* eum: what the positions on an issue did (MODEL.md 5.9): they stopped moving (within
 * PS_EUM_TOL on the 0-1 scale: the issue settles at that round's median), they repeat with a
 * period of 2 to PS_EUM_MAX_PERIOD rounds (the first cycle found is kept), or neither by the
 * last round. */
typedef enum ps_eum_status { PS_EUM_UNRESOLVED, PS_EUM_CONVERGED, PS_EUM_CYCLE } ps_eum_status;
#define PS_EUM_TOL 1e-9
#define PS_EUM_MAX_PERIOD 32

typedef struct ps_issue_state {
    ps_issue_status status;
    double terms;            /* terms of the latest agreement */
    double nodeal;           /* drawn no-deal value (PS_NODEAL_VALUE) */
    double fail, hazard, hazard_distrust;
    int lag;
    int implement_at;        /* round at which an agreement is implemented */
    int first_round;         /* first round it was agreed (0: before the talks), -1 if never */
    int ever_implemented;
    int breakdowns, failures;
    int refused;             /* the proposal of the latest round it was on the table was refused */
    uint64_t refused_by;     /* bit i: party i refused it */
    ps_eum_status eum;       /* eum: converged, a cycle, or neither yet */
    int eum_round;           /* eum: the round it converged in, or whose positions closed the cycle */
    int eum_period;          /* eum: the cycle's period */
    int eum_last, eum_len;   /* eum: the last round negotiated; the consecutive rounds in the history */
} ps_issue_state;

_Static_assert(PS_MAX_ISSUES <= 32, "ps_state.freezers holds one bit per issue");


typedef struct ps_state {
    int t;                   /* current round, 1..rounds */
    double front;            /* theta_t */
    double drift;            /* mu_t */
    double sanctions;        /* S_t */
    int war_rounds;          /* rounds fought without a ceasefire in force */
    int ended;               /* a walk-out ended the talks */
    uint32_t freezers;       /* bit k: issue k freezes the front when in force */
    int comprehensive_round; /* first round every table issue stood agreed, -1 if none */
    ps_party_state party[PS_MAX_PARTIES];
    ps_issue_state issue[PS_MAX_ISSUES];
    unsigned char fired[PS_MAX_EVENTS];
    int refusals[PS_MAX_PARTIES];   /* proposals each party turned down */
    double war_paid[PS_MAX_PARTIES];   /* each party's war costs so far (ps_outcome.war_paid) */
    double eum_range[PS_MAX_ISSUES];  /* eum: initial range of positions (0: not yet set) */
} ps_state;

typedef enum ps_outcome_kind { PS_OUTCOME_NONE, PS_OUTCOME_PARTIAL, PS_OUTCOME_COMPREHENSIVE } ps_outcome_kind;

/* What one replication yields (MODEL.md section 6). */
typedef struct ps_outcome {
    struct {
        int settled;         /* agreed at least once */
        int round;           /* first round agreed (0: before the talks), -1 if never */
        double terms;        /* terms of the latest agreement */
        int implemented;     /* implemented at least once */
        int held;            /* agreed or in force at the end */
        int breakdowns, failures;
        ps_eum_status eum;   /* eum: as ps_issue_state */
        int eum_round, eum_period;
    } issue[PS_MAX_ISSUES];
    int comprehensive;       /* every issue on the table stood agreed in some round */
    int comprehensive_round;
    ps_outcome_kind kind;    /* at the end: comprehensive, partial or no agreement */
    double front;            /* final line of control */
    int war_rounds;
    int rounds_run;
    int refusals[PS_MAX_PARTIES];
    double utility[PS_MAX_PARTIES];  /* each party's utility of the outcome at the end (the agreed
                                        terms where a deal holds, the no-deal values elsewhere) */
    double war_paid[PS_MAX_PARTIES]; /* each party's war costs: its war cost kappa_i(t) summed over
                                        the rounds fought without a ceasefire (MODEL.md 6) */
    const double *forecast;  /* eum: the workspace's forecast table, valid until the next run */
    const double *drawn;     /* in a record callback (ps_run.h): the values this replication drew,
                                one per value of the scenario that is not a constant, in the order
                                of ps_scenario.values, valid during the call; NULL elsewhere */
} ps_outcome;

/* Party i's payoff from a replication (MODEL.md 6): what the outcome at the end is worth to it,
 * less the war costs it paid on the way. The role sheet states it, a game's debrief scores it. */
static inline double ps_payoff(const ps_outcome *o, int i) { return o->utility[i] - o->war_paid[i]; }

#endif
