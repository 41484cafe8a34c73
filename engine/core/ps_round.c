/* ps_round.c: one round of talks after the world has moved: agenda, proposal, responses,
 * agreement, learning (MODEL.md 5.2-5.7). */
#include <math.h>
#include "ps_engine.h"
#include "ps_rng.h"

static int requirements_hold(const ps_issue *is, const ps_state *st)
{
    for (int j = 0; j < is->nrequires; j++) {
        ps_issue_status s = st->issue[is->requires[j].issue].status;
        if (is->requires[j].stage == PS_STAGE_IMPLEMENTED ? s != PS_ISSUE_IN_FORCE
                                                          : !(s == PS_ISSUE_AGREED || s == PS_ISSUE_IN_FORCE))
            return 0;
    }
    return 1;
}

static void agree(ps_workspace *ws, int k, double terms)
{
    ps_state *st = &ws->st;
    ps_issue_state *is = &st->issue[k];
    is->status = PS_ISSUE_AGREED;
    is->terms = terms;
    if (is->first_round < 0) is->first_round = st->t;
    is->implement_at = st->t + is->lag;
}

/* Puts the proposal x on the agenda issues to the parties whose consent they need; agrees the
 * issues if every issue's rule (k of n) is met. In a package, one refusal of any rule sinks all. */
static void vote(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                 const double *d, const double *context, const double *x)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    int accepts[PS_MAX_PARTIES] = {0};
    double ideal[PS_MAX_ISSUES];
    for (int j = 0; j < nwho; j++) {
        int i = who[j];
        ps_party_state *p = &st->party[i];
        /* A party with nothing at stake in the agenda (zero salience on all of it) consents: it
         * neither gains nor loses by the text, and a coin-flip refusal would block the others. */
        int cares = 0;
        for (int a = 0; a < nagenda && !cares; a++) cares = p->salience[agenda[a]] > 0;
        if (!cares) { accepts[i] = 1; continue; }
        for (int k = 0; k < s->nissues; k++) ideal[k] = context[k];
        for (int a = 0; a < nagenda; a++) ideal[agenda[a]] = p->ideal[agenda[a]];
        double umax = ps_utility(p, ideal, s->nissues);
        p->aspiration = ps_aspiration(p, s->parties[i].tactic, umax, d[i], st->t, s->rounds);
        double prob = ps_accept_probability(p->noise, ps_utility(p, x, s->nissues), p->aspiration);
        double u = ps_rng_u01(ws->key, PS_STREAM_VOTE, (uint32_t)st->t, (uint32_t)(agenda[0] * PS_MAX_PARTIES + i));
        accepts[i] = u < prob;
        st->refusals[i] += !accepts[i];
    }
    int all_ok = 1;
    for (int a = 0; a < nagenda; a++) {
        const ps_issue *is = &s->issues[agenda[a]];
        int yes = 0;
        uint64_t refused_by = 0;
        for (int j = 0; j < is->nconsent; j++) {
            int i = is->consent[j];
            if (accepts[i]) yes++;
            else refused_by |= (uint64_t)1 << i;
        }
        st->issue[agenda[a]].refused = yes < is->consent_k;
        st->issue[agenda[a]].refused_by = refused_by;
        if (yes < is->consent_k) all_ok = 0;
    }
    if (s->package && !all_ok)
        for (int a = 0; a < nagenda; a++) st->issue[agenda[a]].refused = 1;
    for (int a = 0; a < nagenda; a++) {
        int k = agenda[a];
        if (!st->issue[k].refused) agree(ws, k, x[k]);
    }
    /* Learning: positions move towards the text on the table (MODEL.md 5.7). */
    for (int j = 0; j < nwho; j++) {
        ps_party_state *p = &st->party[who[j]];
        for (int a = 0; a < nagenda; a++) p->ideal[agenda[a]] += p->learn * (x[agenda[a]] - p->ideal[agenda[a]]);
    }
}

/* The parties whose consent some agenda issue needs, each once, in party order. */
static int responders(const ps_scenario *s, const int *agenda, int nagenda, int *who)
{
    int mark[PS_MAX_PARTIES] = {0}, n = 0;
    for (int a = 0; a < nagenda; a++) {
        const ps_issue *is = &s->issues[agenda[a]];
        for (int j = 0; j < is->nconsent; j++) mark[is->consent[j]] = 1;
    }
    for (int i = 0; i < s->nparties; i++)
        if (mark[i]) who[n++] = i;
    return n;
}

static void negotiate(ps_workspace *ws, const int *agenda, int nagenda)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    int who[PS_MAX_PARTIES];
    double context[PS_MAX_ISSUES], x[PS_MAX_ISSUES], d[PS_MAX_PARTIES];
    int nwho = responders(s, agenda, nagenda, who);
    int war = ps_war_at_stake(s, agenda, nagenda);
    ps_context(s, st, context);
    for (int j = 0; j < nwho; j++) {
        d[who[j]] = ps_batna(s, st, who[j], context, war);
        st->party[who[j]].batna = d[who[j]];
    }
    ps_mediator_propose(ws, agenda, nagenda, who, nwho, d, context, x);
    vote(ws, agenda, nagenda, who, nwho, d, context, x);
    /* An agreement with no lag is carried out (or fails) at once. */
    for (int a = 0; a < nagenda; a++) {
        ps_issue_state *is = &st->issue[agenda[a]];
        if (is->status == PS_ISSUE_AGREED && is->lag == 0)
            ps_issue_implement(ws, agenda[a], ps_rng_u01(ws->key, PS_STREAM_IMPLEMENT_NOW, (uint32_t)st->t, (uint32_t)agenda[a]));
    }
}

void ps_round_negotiate(ps_workspace *ws)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    int agenda[PS_MAX_ISSUES], n = 0;
    /* "Refused" means refused in the round before: the world step has read it by now. */
    for (int k = 0; k < s->nissues; k++) {
        st->issue[k].refused = 0;
        st->issue[k].refused_by = 0;
    }
    for (int k = 0; k < s->nissues; k++)
        if (st->issue[k].status == PS_ISSUE_OPEN && requirements_hold(&s->issues[k], st)) agenda[n++] = k;
    if (n > 0) {
        if (s->package) negotiate(ws, agenda, n);
        else
            for (int a = 0; a < n; a++) negotiate(ws, &agenda[a], 1);
    }
    int table = 0, agreed = 0;
    for (int k = 0; k < s->nissues; k++) {
        ps_issue_status status = st->issue[k].status;
        if (status == PS_ISSUE_CLOSED) continue;
        table++;
        agreed += status == PS_ISSUE_AGREED || status == PS_ISSUE_IN_FORCE;
    }
    if (st->comprehensive_round < 0 && table > 0 && agreed == table) st->comprehensive_round = st->t;
}
