/* ps_utility.c: utilities, BATNAs, aspirations and acceptance (MODEL.md sections 2-5). */
#include <math.h>
#include <stdint.h>
#include "ps_engine.h"

static double clip01(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

double ps_utility(const ps_party_state *p, const double *x, int n)
{
    double u = 0, rho = p->curvature;
    if (rho == 1.0) {   /* linear (most parties): the same sum without the test in the loop */
        for (int k = 0; k < n; k++) u += p->salience[k] * (1.0 - fabs(x[k] - p->ideal[k]));
        return u;
    }
    for (int k = 0; k < n; k++) u += p->salience[k] * (1.0 - pow(fabs(x[k] - p->ideal[k]), rho));
    return u;
}

double ps_utility_term(const ps_party_state *p, int k, double y)
{
    double dist = fabs(y - p->ideal[k]);
    return p->salience[k] * (1.0 - (p->curvature == 1.0 ? dist : pow(dist, p->curvature)));
}

void ps_context(const ps_scenario *s, const ps_state *st, double *x)
{
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_state *is = &st->issue[k];
        if (is->status == PS_ISSUE_AGREED || is->status == PS_ISSUE_IN_FORCE) { x[k] = is->terms; continue; }
        switch (s->issues[k].nodeal_kind) {
        case PS_NODEAL_FRONT: x[k] = st->front; break;
        case PS_NODEAL_SANCTIONS: x[k] = st->sanctions; break;
        case PS_NODEAL_VALUE: x[k] = is->nodeal; break;
        }
    }
}

double ps_horizon(double patience, double rounds_left)
{
    if (rounds_left <= 0) return 0;
    double h = patience / (1.0 - patience);
    return h < rounds_left ? h : rounds_left;
}

int ps_war_at_stake(const ps_scenario *s, const int *agenda, int nagenda)
{
    for (int a = 0; a < nagenda; a++)
        if (s->issues[agenda[a]].freezes_front || agenda[a] == s->front.issue) return 1;
    return 0;
}

double ps_breakdown_war_rounds(double hazard, double h)
{
    if (!(hazard > 0) || !(h > 0)) return 0;
    if (hazard >= 1) return h;
    double q = 1.0 - hazard;
    return h - q * (1.0 - pow(q, h)) / hazard;
}

double ps_breakdown_hazard(const ps_scenario *s, const ps_state *st, int k)
{
    const ps_issue *is = &s->issues[k];
    const ps_issue_state *iss = &st->issue[k];
    if (!(iss->hazard > 0 || iss->hazard_distrust > 0)) return 0;
    double distrust = 0, spoilers = 0;
    for (int j = 0; j < is->nconsent; j++) distrust += 1.0 - st->party[is->consent[j]].trust;
    distrust /= is->nconsent;
    for (int i = 0; i < s->nparties; i++) spoilers += st->party[i].spoil;
    return clip01(iss->hazard + iss->hazard_distrust * distrust + spoilers);
}

double ps_batna(const ps_scenario *s, const ps_state *st, int party, const double *context, int war_at_stake)
{
    return ps_batna_at(s, st, party, context, ps_utility(&st->party[party], context, s->nissues), war_at_stake,
                       war_at_stake ? ps_ceasefire_hazard(s, st) : -1);
}

double ps_ceasefire_hazard(const ps_scenario *s, const ps_state *st)
{
    if (!ps_ceasefire_in_force(s, st)) return -1;
    double hazard = 0;
    for (uint32_t m = st->freezers; m; m &= m - 1) {
        int k = __builtin_ctz(m);
        if (s->issues[k].freezes_front && st->issue[k].status == PS_ISSUE_IN_FORCE) {
            double hk = ps_breakdown_hazard(s, st, k);
            if (hk > hazard) hazard = hk;
        }
    }
    return hazard;
}

double ps_batna_at(const ps_scenario *s, const ps_state *st, int party, const double *context, double u_context,
                   int war_at_stake, double hazard)
{
    const ps_party_state *p = &st->party[party];
    if (s->parties[party].has_reservation) return p->reservation;   /* given, as in textbook cases */
    if (!war_at_stake) return u_context;
    /* the rounds it believes are left: to its own deadline, not to the end of what we watch */
    double h = ps_horizon(p->patience, p->deadline - st->t);
    double kappa = p->war_cost + p->sanctions_cost * st->sanctions;
    /* The shadow of breakdown: a ceasefire without a settlement may fail (MODEL.md 5.6). */
    if (hazard >= 0) return u_context - kappa * ps_breakdown_war_rounds(hazard, h);
    /* Without a deal the front moves on: the no-deal territory is where the party expects it
     * after the H_i rounds of fighting it weighs (MODEL.md 3): the context with the front's
     * issue moved there. */
    int f = s->front.issue;
    double u = u_context;
    if (f >= 0 && s->issues[f].nodeal_kind == PS_NODEAL_FRONT
        && !(st->issue[f].status == PS_ISSUE_AGREED || st->issue[f].status == PS_ISSUE_IN_FORCE))
        u += ps_utility_term(p, f, clip01(st->front + st->drift * h)) - ps_utility_term(p, f, context[f]);
    return u - kappa * h;
}

double ps_tactic_alpha(ps_tactic tactic, double e, double k, double t, double T)
{
    double frac = T > 0 ? t / T : 1.0;
    if (frac > 1) frac = 1;
    if (frac < 0) frac = 0;
    if (tactic == PS_TACTIC_EXP) {
        if (k <= 0) return frac >= 1 ? 1.0 : 0.0;
        return exp(pow(1.0 - frac, e) * log(k));
    }
    return k + (1.0 - k) * (e == 1.0 ? frac : pow(frac, 1.0 / e));   /* pow(x, 1) is x: skip the call */
}

double ps_aspiration(const ps_party_state *p, ps_tactic tactic, double umax, double d, double t, double T)
{
    if (umax <= d) return d;
    return ps_aspiration_alpha(p, ps_tactic_alpha(tactic, p->tactic_e, p->tactic_k, t, T), umax, d);
}

double ps_tactic_alpha_memo(ps_workspace *ws, int i, int t)
{
    const ps_party_state *p = &ws->st.party[i];
    int rounds = ws->s->rounds;   /* the memo's rows hold the rounds watched; T is the party's own */
    double T = p->deadline;
    double *row = ws->alpha + (size_t)i * (size_t)(rounds + 1);
    if (!(p->tactic_e == ws->alpha_e[i] && p->tactic_k == ws->alpha_k[i] && T == ws->alpha_d[i])) {
        for (int r = 0; r <= rounds; r++) row[r] = NAN;
        ws->alpha_e[i] = p->tactic_e;
        ws->alpha_k[i] = p->tactic_k;
        ws->alpha_d[i] = T;
    }
    if (t < 0 || t > rounds) return ps_tactic_alpha(ws->s->parties[i].tactic, p->tactic_e, p->tactic_k, t, T);
    if (isnan(row[t])) row[t] = ps_tactic_alpha(ws->s->parties[i].tactic, p->tactic_e, p->tactic_k, t, T);
    return row[t];
}

double ps_aspiration_alpha(const ps_party_state *p, double alpha, double umax, double d)
{
    if (umax <= d) return d;   /* war is worth more than its best deal: nothing satisfies it */
    double a = umax - alpha * (umax - d);
    /* The commitment problem: a party that does not trust the other side to keep a deal asks
     * for part of what it conceded back (MODEL.md 5.4). */
    return a + p->premium * (1.0 - p->trust) * (umax - a);
}

double ps_accept_probability(double lambda, double u, double aspiration)
{
    double z = u - aspiration;
    /* deterministic: accept at the aspiration, within the mediator's precision (1e-9) */
    if (isinf(lambda)) return z >= -1e-9 ? 1.0 : 0.0;
    return 1.0 / (1.0 + exp(-lambda * z));
}
