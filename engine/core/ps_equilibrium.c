/* ps_equilibrium.c: the `equilibrium` protocol: two parties dividing one issue reach the
 * subgame-perfect agreement of alternating-offers bargaining at once (MODEL.md 5.3). */
#include "ps_engine.h"

double ps_equilibrium_share(double d1, double d2, int horizon)
{
    /* Rubinstein (1982): the first proposer's share with an open horizon. */
    if (horizon <= 0) return (1.0 - d2) / (1.0 - d1 * d2);
    /* Stahl (1972): the proposer of the last round T takes everything (refusal leaves both with
     * nothing); one round earlier the proposer offers the responder what the responder would
     * keep as next round's proposer, discounted: s_t = 1 - d_responder(t) * s_{t+1}. Party 1
     * proposes in odd rounds, so party 2 responds in them. */
    double share = 1.0;
    for (int t = horizon - 1; t >= 1; t--) share = 1.0 - (t % 2 == 1 ? d2 : d1) * share;
    return share;
}

void ps_equilibrium_negotiate(ps_workspace *ws, const ps_talks *tk)
{
    const ps_scenario *s = ws->s;
    const ps_state *st = &ws->st;
    int k = tk->agenda[0];
    int p, r;
    ps_issue_two_parties(s, k, &p, &r);
    double share = ps_equilibrium_share(st->party[p].patience, st->party[r].patience, s->horizon);
    /* The proposer's share measured from its ideal towards the responder's. */
    double x[PS_MAX_ISSUES];
    for (int j = 0; j < s->nissues; j++) x[j] = tk->context[j];
    double ap = st->party[p].ideal[k], ar = st->party[r].ideal[k];
    x[k] = ap + (ar - ap) * (1.0 - share);
    int accepts[PS_MAX_PARTIES] = {0};
    accepts[p] = accepts[r] = 1;   /* in equilibrium the first offer is accepted */
    ps_round_settle(ws, tk, x, accepts);
}
