/* ps_round.c: one round of talks after the world has moved: the agenda, the protocol's text and
 * answers, and what every protocol shares: agreement, learning, immediate implementation
 * (MODEL.md 5.2-5.7). */
#include <math.h>
#include "ps_engine.h"
#include "ps_rng.h"
#include "ps_run.h"

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

int ps_indifferent(const ps_party_state *p, const ps_talks *tk)
{
    for (int a = 0; a < tk->nagenda; a++)
        if (p->salience[tk->agenda[a]] > 0) return 0;
    return 1;
}

void ps_round_settle(ps_workspace *ws, const ps_talks *tk, const double *x, const int *accepts)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    int all_ok = 1;
    if (ws->obs && ws->obs->note && s->protocol != PS_PROTOCOL_MEDIATED) {
        /* the other protocols: their text and each answer, with what it is worth (the mediated
         * protocol tells its own, with aspirations) */
        ps_note n = {.kind = PS_NOTE_PROPOSAL, .nagenda = tk->nagenda, .source = PS_SOURCE_PROTOCOL};
        for (int a = 0; a < tk->nagenda; a++) {
            n.agenda[a] = tk->agenda[a];
            n.x[tk->agenda[a]] = x[tk->agenda[a]];
        }
        ps_note_emit(ws, &n);
        for (int j = 0; j < tk->nwho; j++) {
            int i = tk->who[j];
            PS_NOTE(ws, .kind = PS_NOTE_RESPONSE, .party = i, .utility = ps_utility(&st->party[i], x, s->nissues),
                    .aspiration = NAN, .batna = tk->d[i], .p_accept = accepts[i], .accepted = accepts[i]);
        }
    }
    for (int j = 0; j < tk->nwho; j++) st->refusals[tk->who[j]] += !accepts[tk->who[j]];
    for (int a = 0; a < tk->nagenda; a++) {
        const ps_issue *is = &s->issues[tk->agenda[a]];
        int yes = 0;
        uint64_t refused_by = 0;
        for (int j = 0; j < is->nconsent; j++) {
            int i = is->consent[j];
            if (accepts[i]) yes++;
            else refused_by |= (uint64_t)1 << i;
        }
        st->issue[tk->agenda[a]].refused = yes < is->consent_k;
        st->issue[tk->agenda[a]].refused_by = refused_by;
        if (yes < is->consent_k) all_ok = 0;
    }
    if (s->package && !all_ok)
        for (int a = 0; a < tk->nagenda; a++) st->issue[tk->agenda[a]].refused = 1;
    for (int a = 0; a < tk->nagenda; a++) {
        int k = tk->agenda[a];
        if (!st->issue[k].refused) {
            agree(ws, k, x[k]);
            if (ws->obs && ws->obs->note) {
                ps_note n = {.kind = PS_NOTE_AGREED, .issue = k};
                n.x[k] = x[k];
                ps_note_emit(ws, &n);
            }
        } else {
            PS_NOTE(ws, .kind = PS_NOTE_REFUSED, .issue = k, .refused_by = st->issue[k].refused_by);
        }
    }
    /* Learning: positions move towards the text on the table (MODEL.md 5.7). */
    for (int j = 0; j < tk->nwho; j++) {
        ps_party_state *p = &st->party[tk->who[j]];
        if (!(p->learn > 0)) continue;   /* it would add 0 */
        for (int a = 0; a < tk->nagenda; a++) {
            int k = tk->agenda[a];
            p->ideal[k] += p->learn * (x[k] - p->ideal[k]);
        }
    }
    /* An agreement with no lag is carried out (or fails) at once. */
    for (int a = 0; a < tk->nagenda; a++) {
        int k = tk->agenda[a];
        if (st->issue[k].status == PS_ISSUE_AGREED && st->issue[k].lag == 0)
            ps_issue_implement(ws, k, ps_rng_u01(ws->key, PS_STREAM_IMPLEMENT_NOW, (uint32_t)st->t, (uint32_t)k));
    }
}

/* The talks on an agenda: who must consent, the outcome as it stands, their BATNAs. */
static void talks_setup(ps_workspace *ws, const int *agenda, int nagenda, ps_talks *tk)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    tk->agenda = agenda;
    tk->nagenda = nagenda;
    /* the parties whose consent some agenda issue needs, each once, in party order */
    uint64_t mask = 0;
    for (int a = 0; a < nagenda; a++) mask |= ws->consent_mask[agenda[a]];
    tk->nwho = 0;
    for (; mask; mask &= mask - 1) tk->who[tk->nwho++] = __builtin_ctzll(mask);
    int war = ps_war_at_stake(s, agenda, nagenda);
    double hazard = war ? ps_ceasefire_hazard(s, st) : -1;
    ps_context(s, st, tk->context);
    for (int j = 0; j < tk->nwho; j++) {
        int i = tk->who[j];
        tk->u[i] = ps_utility(&st->party[i], tk->context, s->nissues);
        if (nagenda == 1) tk->here[i] = ps_utility_term(&st->party[i], agenda[0], tk->context[agenda[0]]);
        tk->d[i] = ps_batna_at(s, st, i, tk->context, tk->u[i], war, hazard);
        st->party[i].batna = tk->d[i];
    }
}

static void negotiate(ps_workspace *ws, const int *agenda, int nagenda)
{
    ps_talks tk;
    talks_setup(ws, agenda, nagenda, &tk);
    switch (ws->s->protocol) {
    case PS_PROTOCOL_MEDIATED: ps_mediated_negotiate(ws, &tk); break;
    case PS_PROTOCOL_EQUILIBRIUM: ps_equilibrium_negotiate(ws, &tk); break;
    case PS_PROTOCOL_ALTERNATING: ps_alternating_negotiate(ws, &tk); break;
    case PS_PROTOCOL_ULTIMATUM: ps_ultimatum_negotiate(ws, &tk); break;
    case PS_PROTOCOL_EUM: ps_eum_negotiate(ws, &tk); break;
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
    /* eum: every issue's forecast, every round, whether or not it moved */
    if (s->protocol == PS_PROTOCOL_EUM)
        for (int k = 0; k < s->nissues; k++) ps_eum_forecast(ws, k);
}

ps_status ps_opening_points(const ps_scenario *s, uint64_t seed, uint64_t rep, int k, double *nash, double *ks)
{
    if (k < 0 || k >= s->nissues) return PS_EINVAL;
    ps_scenario *c = ps_scenario_copy(s);
    if (!c) return PS_ENOMEM;
    ps_status status = PS_OK;
    for (int concept = 0; concept < 2 && status == PS_OK; concept++) {
        c->concept = concept ? PS_CONCEPT_KS : PS_CONCEPT_NASH;
        ps_workspace *ws = ps_workspace_alloc(c);
        if (!ws) { status = PS_ENOMEM; break; }
        ps_state_init(ws, seed, rep);
        ws->st.t = 1;
        ps_talks tk;
        talks_setup(ws, &k, 1, &tk);
        double x[PS_MAX_ISSUES];
        ps_mediator_propose(ws, tk.agenda, tk.nagenda, tk.who, tk.nwho, tk.d, tk.context, x);
        *(concept ? ks : nash) = x[k];
        ps_workspace_free(ws);
    }
    ps_scenario_free(c);
    return status;
}
