/* ps_model.h: a scenario as plain C data: issues, parties, the front, sanctions, events.
 *
 * Every number a scenario may make uncertain is held as an index into the scenario's value table
 * (ps_value), drawn once per replication. The binding layer (Lua) builds a ps_scenario; the
 * runner only reads it, so one scenario may serve several threads at once. */
#ifndef PS_MODEL_H
#define PS_MODEL_H

#include <stddef.h>
#include "ps_status.h"
#include "ps_value.h"

#define PS_MAX_PARTIES 64
#define PS_MAX_ISSUES 32
#define PS_MAX_EVENTS 256
#define PS_MAX_OPTIONS 16      /* named options of a discrete issue */
#define PS_MAX_NAMED_POINTS 16 /* named positions (`points`) of one issue */
#define PS_MAX_REQUIRES 8      /* preconditions of one issue */
#define PS_MAX_CONDITIONS 16   /* conditions of one event (every kind of "when" fits) */
#define PS_MAX_EFFECTS 8       /* effects of one event */
#define PS_MAX_ROUNDS 10000
#define PS_MAX_DEADLINE 1e6     /* a party's deadline, in rounds (it may lie past the rounds watched) */
#define PS_MAX_VALUES 65536
#define PS_MAX_PARAMS 256
#define PS_NAME_MAX 64
#define PS_MAX_ASSUMPTIONS 1024

typedef int ps_vid;            /* index into ps_scenario.values */

typedef enum ps_role { PS_ROLE_SIGNATORY, PS_ROLE_MEDIATOR, PS_ROLE_GUARANTOR, PS_ROLE_SPOILER } ps_role;

typedef enum ps_nodeal_kind {
    PS_NODEAL_VALUE,      /* a fixed number (possibly drawn) */
    PS_NODEAL_FRONT,      /* the current line of control */
    PS_NODEAL_SANCTIONS   /* the current sanctions level */
} ps_nodeal_kind;

typedef enum ps_stage { PS_STAGE_AGREED, PS_STAGE_IMPLEMENTED } ps_stage;

typedef enum ps_tactic { PS_TACTIC_POLY, PS_TACTIC_EXP } ps_tactic;

/* How a round's text is made and answered (docs/MODEL.md section 5). */
typedef enum ps_protocol_kind {
    PS_PROTOCOL_MEDIATED,      /* a mediator's single text, answered by logit votes */
    PS_PROTOCOL_EQUILIBRIUM,   /* two parties, one issue: the subgame-perfect offer, accepted */
    PS_PROTOCOL_ALTERNATING,   /* two parties take turns offering what their tactics give */
    PS_PROTOCOL_ULTIMATUM,     /* one take-it-or-leave-it offer against a believed reservation */
    PS_PROTOCOL_EUM            /* Bueno de Mesquita's expected-utility model */
} ps_protocol_kind;

/* Their names in scenarios and reports, NULL-terminated, in enum order. */
extern const char *const ps_protocol_names[];

/* The mediator's solution concept. */
typedef enum ps_concept { PS_CONCEPT_NASH, PS_CONCEPT_KS } ps_concept;

typedef struct ps_requirement { int issue; ps_stage stage; } ps_requirement;

typedef struct ps_issue {
    char name[PS_NAME_MAX];
    int line;                         /* declaring line in the script, 0 if none */
    int nconsent, consent_k;          /* agreement needs consent_k of the parties consent[] */
    int consent[PS_MAX_PARTIES];
    ps_nodeal_kind nodeal_kind;
    ps_vid nodeal;                    /* when nodeal_kind == PS_NODEAL_VALUE */
    int nrequires;
    ps_requirement requires[PS_MAX_REQUIRES];
    ps_vid lag;                       /* rounds from agreement to implementation (rounded) */
    ps_vid fail;                      /* probability the implementation fails */
    ps_vid hazard;                    /* per-round breakdown probability while in force */
    ps_vid hazard_distrust;           /* added hazard per unit of mean distrust of its parties */
    int freezes_front;                /* in force, it stops the front (a ceasefire) */
    int closed;                       /* off the table until an event opens it */
    int agreed_at_start;              /* agreed before round 1, at terms agreed_terms */
    ps_vid agreed_terms;
    int has_proposal;                 /* the mediated text is fixed: `proposal` */
    ps_vid proposal;
    int noptions;                     /* 0: continuous on [0,1]; else discrete options */
    double option_x[PS_MAX_OPTIONS];
    char option_name[PS_MAX_OPTIONS][PS_NAME_MAX];
    int npoints;                      /* named positions no_deal, agreed, proposal and ideals may use, */
    double point_x[PS_MAX_NAMED_POINTS];   /* in [0, 1], sorted by name */
    char point_name[PS_MAX_NAMED_POINTS][PS_NAME_MAX];
    char low[96], high[96];           /* what 0 and 1 mean, in words ("" if not given) */
    char doc[240];                    /* its description ("" if not given) */
} ps_issue;

typedef struct ps_party {
    char name[PS_NAME_MAX];
    int line;
    ps_role role;
    ps_vid capability;      /* c_i > 0: weight in the mediator's Nash product and at the front */
    ps_vid patience;        /* delta_i in [0,1): per-round discount */
    ps_vid war_cost;        /* kappa_i >= 0: utility lost per round of war */
    ps_vid sanctions_cost;  /* added war cost per unit of sanctions level */
    ps_vid curvature;       /* rho_i >= 1 */
    ps_vid noise;           /* lambda_i > 0 (logit); +inf is deterministic */
    ps_vid trust;           /* tau_i in [0,1] */
    ps_vid premium;         /* share of the remaining gap that full distrust adds to aspiration */
    ps_vid learn;           /* rate at which the ideal point moves towards each proposal */
    ps_tactic tactic;
    ps_vid tactic_e;        /* Faratin's e (beta): < 1 Boulware, > 1 conceder */
    ps_vid tactic_k;        /* Faratin's k: the share conceded at once */
    ps_vid ideal[PS_MAX_ISSUES];
    ps_vid salience[PS_MAX_ISSUES];   /* normalised per replication to sum to 1 */
    int supports;           /* party this one backs at the front, or -1 */
    ps_vid support;         /* capability lent to that party */
    ps_vid spoil;           /* hazard this party adds to every breakdown-prone deal in force */
    int has_reservation;    /* its disagreement utility is given, not derived (textbook cases) */
    ps_vid reservation;     /* that utility: also what an ultimatum's proposer believes of it */
    int has_deadline;       /* it believes the talks must end by a known round; 0: no known end */
    ps_vid deadline;        /* that round D_i >= 1: the T of its concession tactic and the end of
                               its horizon H_i, whatever the rounds watched (MODEL.md 3, 5.3) */
    char doc[240];          /* its description ("" if not given) */
} ps_party;

typedef struct ps_front {
    int issue;              /* the territory issue it moves, or -1 for no front */
    ps_vid start;           /* theta_0 in [0,1] */
    int up, down;           /* party pushing it towards 1, and towards 0 */
    ps_vid drift;           /* scale of the drift from the balance of effective capability */
    ps_vid bias;            /* drift added whatever the balance */
    ps_vid sigma;           /* sd of its weekly move without a ceasefire */
    ps_vid violation;       /* sd of its weekly move under a ceasefire */
} ps_front;

typedef struct ps_sanctions_spec {
    ps_vid start;           /* S_0 in [0,1] */
    int target;             /* the sanctioned party, or -1 */
    ps_vid bite;            /* share of the target's capability a full level removes */
} ps_sanctions_spec;

typedef enum ps_condition_kind {
    PS_COND_CEASEFIRE,       /* a front-freezing deal is in force */
    PS_COND_NO_CEASEFIRE,
    PS_COND_AGREED,          /* issue agreed or implemented */
    PS_COND_NOT_AGREED,
    PS_COND_IMPLEMENTED,
    PS_COND_REFUSED,         /* the last proposal on issue was refused (by party, if >= 0) */
    PS_COND_AFTER,           /* round > x */
    PS_COND_BEFORE,          /* round < x */
    PS_COND_SANCTIONS_BELOW,
    PS_COND_SANCTIONS_ABOVE,
    PS_COND_FRONT_ABOVE,
    PS_COND_FRONT_BELOW
} ps_condition_kind;

typedef struct ps_condition { ps_condition_kind kind; int issue, party; double x; } ps_condition;

typedef enum ps_effect_kind {
    PS_EFF_SHIFT,        /* party's ideal point on issue += by */
    PS_EFF_SALIENCE,     /* party's salience of issue += by (then renormalised) */
    PS_EFF_TRUST,        /* party's trust += by */
    PS_EFF_WAR_COST,     /* party's war cost += by */
    PS_EFF_FRONT,        /* line of control += by */
    PS_EFF_SANCTIONS,    /* sanctions level += by */
    PS_EFF_OPEN,         /* issue back on the table */
    PS_EFF_CLOSE,        /* issue off the table */
    PS_EFF_END           /* the talks end (a walk-out) */
} ps_effect_kind;

typedef struct ps_effect { ps_effect_kind kind; int party, issue; ps_vid by; } ps_effect;

typedef struct ps_event {
    char name[PS_NAME_MAX];
    int line;
    int policy;              /* declared as a party's policy (by >= 0) rather than a chance event */
    int by;                  /* the party whose policy it is, or -1 */
    ps_vid chance;           /* probability per round that it happens */
    ps_vid rate;             /* or: Poisson rate per round (effects apply once per occurrence) */
    int use_rate;
    int once;                /* happens at most once per replication */
    int ncond, neff;
    ps_condition cond[PS_MAX_CONDITIONS];
    ps_effect eff[PS_MAX_EFFECTS];
    int script_when;         /* its condition is a script function (ps_script.h), not cond[] */
    int script_effect;       /* its effect is a script function, not eff[] */
    char doc[240];           /* its description ("" if not given) */
} ps_event;

typedef struct ps_param {
    char name[PS_NAME_MAX];
    int is_number;
    double number;
    char text[PS_NAME_MAX];
} ps_param;

/* An assumption: a number nobody can measure, fixed within a world (one draw of every
 * assumption) but unknown, with a plausible range and the reason for it (docs/LUA_API.md,
 * "Assumptions"). Every value that takes it (ps_value.assumption) holds its central value, so a
 * scenario as declared runs at the central values; a world sets them to its own. */
typedef struct ps_assumption {
    char name[192];          /* the param that holds it, else its own name, else its first use */
    char reason[240];        /* why the range ("" if not given) */
    char src[256];           /* where assumed() was called: the script and line */
    int line;
    double central, low, high;   /* low <= central <= high */
    int has_prior;           /* its distribution across worlds: prior truncated to [low, high], */
    ps_value prior;          /* else uniform on [low, high] */
    int uses;                /* values that take it */
    int computed;            /* the script computed with it (see ps_scenario.assumptions_in_script) */
    int call;                /* its number among the script's assumed() calls, from 0: which call
                                takes its value when the script runs again in a world */
} ps_assumption;

/* Makes the scenario s again in a world whose assumptions take x[0..s->nassumptions): for one whose
 * script computes with an assumption, by running the script again (the binding layer's
 * ps_script_remake). Returns a scenario the caller frees, or NULL with a message in err. The
 * core never calls it; the study layer does (ps_worlds.h). */
typedef struct ps_scenario *(*ps_remake_fn)(void *ctx, const struct ps_scenario *s, const double *x, char *err,
                                            size_t errlen);

typedef struct ps_scenario {
    char name[128];
    char doc[400];           /* its description ("" if not given) */
    char file[256];
    int rounds;              /* rounds watched (weeks in the default scenario): the loop and the
                                reports; what the parties believe of the end is their deadline */
    int package;             /* 1: the agenda is one package; 0: issues settle separately */
    ps_protocol_kind protocol;
    ps_concept concept;      /* mediated: Nash or Kalai-Smorodinsky */
    int equal_weights;       /* mediated Nash: symmetric (1) or capability-weighted (0) */
    int horizon;             /* equilibrium: rounds of the bargaining game, 0 = open (Rubinstein) */
    int proposer;            /* equilibrium, ultimatum, alternating: who offers first (-1: the first
                                consenting party) */
    int eum_least_move;      /* eum: compromises chosen by least move (the paper) not the code's rule */
    int nparties, nissues, nevents, nvalues, nparams;
    ps_party parties[PS_MAX_PARTIES];
    ps_issue issues[PS_MAX_ISSUES];
    ps_event *events;        /* nevents, owned */
    ps_value *values;        /* nvalues, owned */
    int cap_values, cap_events;
    ps_param params[PS_MAX_PARAMS];
    ps_front front;
    ps_sanctions_spec sanctions;
    ps_vid trust_gain;       /* trust gained by an issue's parties when it is implemented */
    ps_vid trust_loss;       /* trust lost on a failed implementation or a breakdown */
    ps_assumption *assumptions;   /* nassumptions, owned, in the order the script made them */
    int nassumptions, cap_assumptions;
    int assumptions_in_script;    /* the script computed with an assumption, so a world of it is made
                                     by running the script again (ps_worlds.h), not by setting values */
    ps_remake_fn remake;          /* how (NULL: it cannot be here); set by whoever loaded it */
    void *remake_ctx;             /* its context, which must outlive the scenario and its copies */
} ps_scenario;

/* Allocates an empty scenario (26 rounds, separate issues, no front, no sanctions target).
 * Returns NULL when out of memory. Free with ps_scenario_free. */
ps_scenario *ps_scenario_alloc(void);

/* Frees s and all it owns. ps_scenario_free(NULL) is a no-op. */
void ps_scenario_free(ps_scenario *s);

/* A deep copy of s (for variants of it, as a sensitivity analysis makes). NULL when out of
 * memory; free with ps_scenario_free. */
ps_scenario *ps_scenario_copy(const ps_scenario *s);

/* Adds a copy of v to the value table (checking it, changing nothing) and returns its index in *id. Returns
 * PS_EINVAL (message in err) for a bad distribution, PS_ERANGE past PS_MAX_VALUES, PS_ENOMEM. */
ps_status ps_scenario_add_value(ps_scenario *s, const ps_value *v, ps_vid *id, char *err, size_t errlen);

/* Adds the constant x; as ps_scenario_add_value. */
ps_status ps_scenario_add_const(ps_scenario *s, double x, ps_vid *id);

/* Adds a copy of a (checked: finite, low <= central <= high, low < high, a valid prior) to the
 * scenario's assumptions and returns its index in *id. Returns PS_EINVAL (message in err),
 * PS_ERANGE past PS_MAX_ASSUMPTIONS, PS_ENOMEM. */
ps_status ps_scenario_add_assumption(ps_scenario *s, const ps_assumption *a, int *id, char *err, size_t errlen);

/* The value of assumption a in a world whose design puts it at u in (0, 1): the quantile at u
 * of the uniform distribution on [low, high], or of its prior truncated to [low, high] (a
 * choice's options all lie in the range). Can't fail. */
double ps_assumption_at(const ps_assumption *a, double u);

/* Puts s in a world: every value that takes assumption j holds x[j] (j < s->nassumptions);
 * x NULL puts back the central values. Nothing else changes, so a world differs from the
 * scenario as declared by its assumptions alone. Can't fail. */
void ps_scenario_set_world(ps_scenario *s, const double *x);

/* Holds value v of s at x in every replication (a study pins a distribution at one of its
 * quantiles): it becomes a constant, keeping its label and any assumption it takes. Can't fail
 * (v must be a valid index). */
void ps_scenario_hold_value(ps_scenario *s, ps_vid v, double x);

/* Appends a zeroed event and returns it in *ev. PS_ERANGE past PS_MAX_EVENTS, PS_ENOMEM. */
ps_status ps_scenario_add_event(ps_scenario *s, ps_event **ev);

/* The two parties of issue k under a two-party protocol: *first moves first (the scenario's
 * proposer, or else the first of the consent list), *second answers. */
void ps_issue_two_parties(const ps_scenario *s, int k, int *first, int *second);

/* Index of the party or issue named `name`, or -1. */
int ps_scenario_party(const ps_scenario *s, const char *name);
int ps_scenario_issue(const ps_scenario *s, const char *name);

/* Checks the scenario as a whole (every signatory cares about some issue, indices are in range,
 * consent sets are valid, preconditions do not form a cycle, the front's parties differ, ...). Returns PS_OK or
 * PS_EINVAL with a message naming the party, issue or field in err. */
ps_status ps_scenario_check(const ps_scenario *s, char *err, size_t errlen);

#endif
