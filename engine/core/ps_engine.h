/* ps_engine.h: the engine's internal steps, shared by its files and its unit tests.
 * Not a public header: callers use ps_run.h. */
#ifndef PS_ENGINE_H
#define PS_ENGINE_H

#include <signal.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_multimin.h>
#include "ps_model.h"
#include "ps_state.h"
#include "ps_script.h"
#include "ps_trace.h"

/* Where a random number is used: the stream argument of ps_rng_u01 (ps_rng.h). */
enum ps_stream {
    PS_STREAM_VALUE = 1,     /* slot: value index; round 0 */
    PS_STREAM_FRONT,         /* the front's weekly noise; slot 0 */
    PS_STREAM_EVENT,         /* slot: event index */
    PS_STREAM_IMPLEMENT,     /* implementation or breakdown of an issue; slot: issue */
    PS_STREAM_IMPLEMENT_NOW, /* implementation of a no-lag agreement in the round it is made */
    PS_STREAM_VOTE,          /* slot: first agenda issue * PS_MAX_PARTIES + party */
    PS_STREAM_SCRIPT         /* a script's math.random: stream | (event + 1) << 8; slot: draw */
};

/* Room for the mediator's package memo: 2 + PS_MAX_ISSUES for its answer, and a key of at most
 * 3 + PS_MAX_ISSUES (agenda) + PS_MAX_PARTIES (parties) + 128 (coalitions) + PS_MAX_ISSUES
 * (context) + PS_MAX_PARTIES x (3 + 2 PS_MAX_ISSUES) (each party) numbers. */
#define PS_PACKAGE_MEMO (5 + 3 * PS_MAX_ISSUES + PS_MAX_PARTIES + 128 + PS_MAX_PARTIES * (3 + 2 * PS_MAX_ISSUES))

/* Everything one replication needs, allocated once before the Monte Carlo loop. */
typedef struct ps_workspace {
    const ps_scenario *s;
    uint64_t key;                               /* ps_rng_key(seed, replication) */
    double *v;                                  /* this replication's draw of every value */
    int *drawn, ndrawn;                         /* the values that are not constants */
    ps_state st;
    gsl_multimin_fminimizer *nm[PS_MAX_ISSUES + 1];  /* package proposals, by agenda size */
    gsl_vector *nm_x, *nm_step;
    double *forecast;   /* eum: [issue][round 0..rounds][median, mean] of this replication */
    double *eum_hist;   /* eum: [issue][round mod (PS_EUM_MAX_PERIOD + 1)][party][position, capability,
                           salience]: the latest rounds' positions and the inputs that made them */
    double *alpha;      /* [party][round 0..rounds]: the concession tactic's share, NaN until
                           computed, for the tactic parameters alpha_e, alpha_k and the deadline
                           alpha_d below */
    double alpha_e[PS_MAX_PARTIES], alpha_k[PS_MAX_PARTIES], alpha_d[PS_MAX_PARTIES];
    uint64_t consent_mask[PS_MAX_ISSUES];   /* bit i: issue k needs party i's consent */
    double *propose_memo;   /* [issue][stride]: the mediator's last one-issue problem and answer */
    int propose_stride;     /* 3 + 5 x parties: number of parties, terms, found, then the problem */
    int memo_tries, memo_hits;   /* of the first 256 proposals, how many found the memo */
    /* the mediator's last package problem and answer: key length (0: none), found, terms of
     * every issue, then the key (ps_mediator.c) */
    double package_memo[PS_PACKAGE_MEMO];
    double poisson_rate[PS_MAX_EVENTS], poisson_p0[PS_MAX_EVENTS];   /* an event's rate and exp(-rate) */
    uint64_t supporters[PS_MAX_PARTIES];    /* bit i: party i supports party j at the front */
    const ps_observer *obs;         /* following this replication (ps_trace.h), or NULL */
    int quit;                       /* the player quit: the replication stops */
    const ps_script_hooks *hooks;   /* scripted conditions and effects, or NULL */
    void *script_ctx;               /* this worker's context for them */
    ps_status script_status;        /* a scripted function failed: the replication stopped */
    char script_err[400];
    const volatile sig_atomic_t *cancel;   /* the run's stop flag (ps_run_options), or NULL */
} ps_workspace;

/* What a scripted function sees (ps_script.h): the replication, and which event calls. */
struct ps_world {
    ps_workspace *ws;
    int event;
    int writable;        /* an effect, not a condition */
    uint32_t draws;      /* uniforms drawn by this event in this round */
};

/* Allocates a workspace for s (which must outlive it, unchanged: its constants are copied
 * here once). NULL when out of memory. */
ps_workspace *ps_workspace_alloc(const ps_scenario *s);
void ps_workspace_free(ps_workspace *ws);

/* Runs replication `rep` of `seed` from its start to its end and fills *out. The result depends on
 * (scenario, seed, rep) alone. It fails only when a scripted function does: ws->script_status is
 * then set (with ws->script_err) and the replication stopped where it failed. When *ws->cancel
 * becomes non-zero it stops at the start of the next round, with *out meaningless. */
void ps_replicate(ps_workspace *ws, uint64_t seed, uint64_t rep, ps_outcome *out);

/* Tells the observer (ws->obs, which must have a note function) note n, stamped with the round.
 * PS_NOTE(ws, .kind = ..., ...) builds and sends one only when there is an observer: a test. */
void ps_note_emit(ps_workspace *ws, ps_note *n);
#define PS_NOTE(ws, ...) do { if ((ws)->obs && (ws)->obs->note) { ps_note n_ = {__VA_ARGS__}; ps_note_emit((ws), &n_); } } while (0)

/* --- ps_replication.c: set-up and world --- */
void ps_state_init(ps_workspace *ws, uint64_t seed, uint64_t rep);
/* True when the front is frozen: a ceasefire, or a territorial settlement, is in force. */
int ps_ceasefire_in_force(const ps_scenario *s, const ps_state *st);
void ps_world_step(ps_workspace *ws);
/* Carries out agreed issue k: it fails (reopens, trust falls) when u < its failure probability,
 * else it comes into force (trust rises). */
void ps_issue_implement(ps_workspace *ws, int k, double u);
void ps_outcome_fill(const ps_scenario *s, const ps_state *st, ps_outcome *out);

/* --- ps_utility.c: utilities, BATNAs, aspirations, acceptance (MODEL.md 2-5) --- */
/* U_i(x) = sum_k s_ik (1 - |x_k - a_ik|^rho_i) over all n issues. */
double ps_utility(const ps_party_state *p, const double *x, int n);
/* Party p's term of issue k at terms y: s_k (1 - |y - a_k|^rho). U_i(x) changed on issue k alone
 * changes by the difference of two terms, which is how the round updates the utility of the
 * context instead of summing every issue again. */
double ps_utility_term(const ps_party_state *p, int k, double y);
/* The outcome as it stands: agreed issues at their terms, the rest at their no-deal values. */
void ps_context(const ps_scenario *s, const ps_state *st, double *x);
/* Rounds of fighting a party weighs: H_i = delta/(1-delta), capped at the rounds it believes are
 * left (its deadline D_i - t; +inf for no known end: H_i uncut). */
double ps_horizon(double patience, double rounds_left);
/* True when a deal on the agenda would stop the fighting: it holds a front-freezing issue
 * (a ceasefire) or the front's own issue (territory). */
int ps_war_at_stake(const ps_scenario *s, const int *agenda, int nagenda);
/* d_i(t) (MODEL.md 3). When no war is at stake, the fighting goes on with or without a deal:
 * d = U_i(context). When war is at stake and no ceasefire holds: U_i at the front projected H_i
 * rounds ahead, minus kappa_i(t) H_i. Under a ceasefire in force: U_i(context) minus kappa_i(t)
 * times the rounds of war expected within H_i from the ceasefire's breakdown hazard. */
double ps_batna(const ps_scenario *s, const ps_state *st, int party, const double *context, int war_at_stake);
/* The same given what the round has already: u_context = U_i(context) and, when war is at
 * stake, hazard = ps_ceasefire_hazard(s, st) (the same for every party). */
double ps_batna_at(const ps_scenario *s, const ps_state *st, int party, const double *context, double u_context,
                   int war_at_stake, double hazard);
/* -1 when no ceasefire is in force; else the greatest breakdown hazard of the front-freezing
 * issues in force (0 when only a territorial settlement freezes the front). */
double ps_ceasefire_hazard(const ps_scenario *s, const ps_state *st);
/* Expected rounds of war within h rounds when a ceasefire breaks down with hazard q per round:
 * sum_{s=1..h} (1 - (1-q)^s) = h - (1-q)(1 - (1-q)^h) / q. */
double ps_breakdown_war_rounds(double hazard, double h);
/* The current breakdown hazard of issue k in force: base + distrust term + spoilers, in [0,1]. */
double ps_breakdown_hazard(const ps_scenario *s, const ps_state *st, int k);
/* Faratin, Sierra and Jennings (1998): the share of the way from ideal to reservation conceded
 * by time t of T; polynomial k + (1-k)(t/T)^(1/e), exponential exp((1 - t/T)^e ln k). T is the
 * party's deadline; T = +inf (no known end) is the limit t/T = 0: alpha = k at every t. */
double ps_tactic_alpha(ps_tactic tactic, double e, double k, double t, double T);
/* A_i(t) for the best utility umax and BATNA d, with the distrust premium. */
double ps_aspiration(const ps_party_state *p, ps_tactic tactic, double umax, double d, double t, double T);
/* The same from the tactic's share alpha = ps_tactic_alpha(...). */
double ps_aspiration_alpha(const ps_party_state *p, double alpha, double umax, double d);
/* Party i's ps_tactic_alpha at round t of its own deadline D_i (T = D_i; no deadline: alpha = k),
 * remembered in the workspace: it depends on the round alone while the tactic's e and k and the
 * deadline stay the same (constants in most scenarios), so a run computes each (party, round)
 * once instead of once per replication. */
double ps_tactic_alpha_memo(ps_workspace *ws, int i, int t);
/* P(accept) = 1 / (1 + exp(-lambda (u - A))); lambda = +inf accepts exactly when u >= A. */
double ps_accept_probability(double lambda, double u, double aspiration);

/* --- ps_mediator.c: the mediated single text (MODEL.md 5.3) --- */
/* Proposes terms x[agenda[j]] for the agenda: the capability-weighted Nash bargaining solution
 * over the consenting parties listed in who[0..nwho) (under k of n, over the minimal winning
 * coalition of them that gains most: MODEL.md 5.3), given their BATNAs d[] (indexed by party),
 * with the other issues held at context[]; the weighted median where no point gives every party
 * more than its BATNA. Returns 1 for a Nash point, 0 for the median fallback. */
int ps_mediator_propose(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                        const double *d, const double *context, double *x);
/* Black's weighted median of points[0..n) with weights w[] (> 0 in total). */
double ps_weighted_median(const double *points, const double *w, int n);

/* --- ps_round.c: one round of talks --- */
/* What every protocol starts from: the agenda, the parties whose consent it needs, the outcome
 * as it stands, and their BATNAs (indexed by party). */
typedef struct ps_talks {
    const int *agenda;
    int nagenda;
    int who[PS_MAX_PARTIES];
    int nwho;
    double context[PS_MAX_ISSUES];
    double d[PS_MAX_PARTIES];
    double u[PS_MAX_PARTIES];       /* U_i(context), for the parties in who[] */
    double here[PS_MAX_PARTIES];    /* one-issue talks: party i's term of that issue in U_i(context) */
} ps_talks;

void ps_round_negotiate(ps_workspace *ws);
/* Applies the answers accepts[party] to the text x: each issue's consent rule (k of n; in a
 * package, all rules or nothing), refusals, agreement, learning, and the implementation of an
 * agreement without lag. Shared by every protocol. */
void ps_round_settle(ps_workspace *ws, const ps_talks *tk, const double *x, const int *accepts);
/* A party with no salience on any agenda issue: it has nothing at stake. */
int ps_indifferent(const ps_party_state *p, const ps_talks *tk);

/* --- the protocols (one file each) --- */
void ps_mediated_negotiate(ps_workspace *ws, const ps_talks *tk);     /* ps_mediator.c */
void ps_equilibrium_negotiate(ps_workspace *ws, const ps_talks *tk);  /* ps_equilibrium.c */
void ps_alternating_negotiate(ps_workspace *ws, const ps_talks *tk);  /* ps_alternating.c */
void ps_ultimatum_negotiate(ps_workspace *ws, const ps_talks *tk);    /* ps_ultimatum.c */
void ps_eum_negotiate(ps_workspace *ws, const ps_talks *tk);          /* ps_eum.c */

/* ps_eum.c: one round of the expected-utility model on n actors' positions x (moved in place),
 * capabilities c, saliences s in [0,1], position range R; least_move picks compromises by the
 * paper's rule instead of the replication code's. r_out (may be NULL) gets the risk exponents. */
void ps_eum_round(int n, double *x, const double *c, const double *s, double R, int least_move, double *r_out);
/* The weighted mean of positions. */
double ps_eum_mean(int n, const double *x, const double *w);
/* Records the forecast (weighted median and mean) of issue k at the current round. */
void ps_eum_forecast(ps_workspace *ws, int k);

/* ps_equilibrium.c: the first proposer's subgame-perfect share. horizon 0: Rubinstein (1982),
 * (1 - d2) / (1 - d1 d2); horizon T: Stahl's (1972) backward induction, the proposer of the last
 * round taking everything. d1: the first proposer's discount factor. */
double ps_equilibrium_share(double d1, double d2, int horizon);

/* ps_alternating.c: the point on issue k that party i offers at Faratin time t (0..T, T its own
 * deadline's; +inf: no known end): where its utility equals its aspiration, going from its ideal
 * towards `towards`. */
double ps_alternating_offer(const ps_scenario *s, const ps_state *st, int i, int k, const double *context,
                            double d, double towards, double t, double T);

#endif
