/* ps_alternating.c: the `alternating` protocol: two parties take turns offering what their
 * concession tactics give; the receiver accepts an offer at least as good for it as its own next
 * offer would be (Faratin, Sierra and Jennings 1998). MODEL.md 5.3. */
#include <math.h>
#include "ps_engine.h"

double ps_alternating_offer(const ps_scenario *s, const ps_state *st, int i, int k, const double *context,
                            double d, double towards, double t, double T)
{
    const ps_party_state *p = &st->party[i];
    double a = p->ideal[k], sal = p->salience[k];
    if (!(sal > 0)) return a;
    double x[PS_MAX_ISSUES];
    for (int j = 0; j < s->nissues; j++) x[j] = context[j];
    x[k] = a;
    double umax = ps_utility(p, x, s->nissues);
    double aspire = ps_aspiration(p, s->parties[i].tactic, umax, d, t, T);
    /* U = umax - sal |x - a|^rho on this issue: the distance that leaves exactly the aspiration */
    double dist = pow(fmax(umax - aspire, 0) / sal, 1.0 / p->curvature);
    double room = fabs(towards - a);
    if (dist > room) dist = room;   /* conceding past the other's ideal gains nothing */
    double offer = towards >= a ? a + dist : a - dist;
    return offer < 0 ? 0 : (offer > 1 ? 1 : offer);
}

void ps_alternating_negotiate(ps_workspace *ws, const ps_talks *tk)
{
    const ps_scenario *s = ws->s;
    const ps_state *st = &ws->st;
    int k = tk->agenda[0];
    int first, second;
    ps_issue_two_parties(s, k, &first, &second);
    /* Faratin's clock runs t = 0, 1, ... over the rounds 1, 2, ...; the first mover offers at even
     * t. Each party's tactic runs to its own deadline D_i (round D_i is its t = D_i - 1), not to
     * the rounds watched; no deadline: T = +inf. */
    int t = st->t - 1;
    int offerer = t % 2 == 0 ? first : second, receiver = offerer == first ? second : first;
    double To = st->party[offerer].deadline - 1, Tr = st->party[receiver].deadline - 1;
    double x[PS_MAX_ISSUES], mine[PS_MAX_ISSUES];
    for (int j = 0; j < s->nissues; j++) x[j] = mine[j] = tk->context[j];
    double ao = st->party[offerer].ideal[k], ar = st->party[receiver].ideal[k];
    x[k] = ps_alternating_offer(s, st, offerer, k, tk->context, tk->d[offerer], ar, t, To);
    /* the receiver's own next offer; past its deadline it stays at its last (its reservation) */
    mine[k] = ps_alternating_offer(s, st, receiver, k, tk->context, tk->d[receiver], ao, t + 1 < Tr ? t + 1 : Tr, Tr);
    int accepts[PS_MAX_PARTIES] = {0};
    accepts[offerer] = 1;
    const ps_party_state *pr = &st->party[receiver];
    accepts[receiver] = ps_utility(pr, x, s->nissues) >= ps_utility(pr, mine, s->nissues) - 1e-12;
    ps_round_settle(ws, tk, x, accepts);
}
