/* ps_utility.c: utilities, BATNAs, aspirations and acceptance (MODEL.md sections 2-5). */
#include <math.h>
#include "ps_engine.h"

static double clip01(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

double ps_utility(const ps_party_state *p, const double *x, int n)
{
    double u = 0, rho = p->curvature;
    for (int k = 0; k < n; k++) {
        double dist = fabs(x[k] - p->ideal[k]);
        u += p->salience[k] * (1.0 - (rho == 1.0 ? dist : pow(dist, rho)));
    }
    return u;
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

double ps_horizon(double patience, int rounds_left)
{
    if (rounds_left <= 0) return 0;
    double h = patience / (1.0 - patience);
    return h < rounds_left ? h : rounds_left;
}

double ps_batna(const ps_scenario *s, const ps_state *st, int party, const double *context)
{
    const ps_party_state *p = &st->party[party];
    double x[PS_MAX_ISSUES];
    for (int k = 0; k < s->nissues; k++) x[k] = context[k];
    if (ps_ceasefire_in_force(s, st)) return ps_utility(p, x, s->nissues);
    double h = ps_horizon(p->patience, s->rounds - st->t);
    /* The no-deal territory is where the front is expected to stand after the fighting the party
     * weighs (MODEL.md 3), unless that issue is already settled. */
    int f = s->front.issue;
    if (f >= 0 && st->issue[f].status != PS_ISSUE_AGREED && st->issue[f].status != PS_ISSUE_IN_FORCE
        && s->issues[f].nodeal_kind == PS_NODEAL_FRONT)
        x[f] = clip01(st->front + st->drift * h);
    double kappa = p->war_cost + p->sanctions_cost * st->sanctions;
    return ps_utility(p, x, s->nissues) - kappa * h;
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
    return k + (1.0 - k) * pow(frac, 1.0 / e);
}

double ps_aspiration(const ps_party_state *p, ps_tactic tactic, double umax, double d, int t, int T)
{
    if (umax <= d) return d;   /* war is worth more than its best deal: nothing satisfies it */
    double a = umax - ps_tactic_alpha(tactic, p->tactic_e, p->tactic_k, t, T) * (umax - d);
    /* The commitment problem: a party that does not trust the other side to keep a deal asks
     * for part of what it conceded back (MODEL.md 5.4). */
    return a + p->premium * (1.0 - p->trust) * (umax - a);
}

double ps_accept_probability(double lambda, double u, double aspiration)
{
    double z = u - aspiration;
    if (isinf(lambda)) return z >= -1e-12 ? 1.0 : 0.0;
    return 1.0 / (1.0 + exp(-lambda * z));
}
