/* ps_ultimatum.c: the `ultimatum` protocol: the proposer makes the take-it-or-leave-it offer that
 * maximises its expected utility given its belief about the responder's reservation value (the
 * distribution the scenario gives it); the responder accepts when the offer is worth at least its
 * actual reservation. The risk-return trade-off of Fearon (1995). MODEL.md 5.3. */
#include <math.h>
#include "ps_engine.h"

#define ULTIMATUM_GRID 2000

typedef struct ultimatum {
    const ps_scenario *s;
    const ps_state *st;
    int k, p, r;
    double x[PS_MAX_ISSUES];
    double dp;
    const ps_value *belief;
} ultimatum;

/* EU_p(x) = F(U_r(x)) U_p(x) + (1 - F(U_r(x))) d_p, F the believed CDF of r's reservation. */
static double expected(ultimatum *u, double xk)
{
    u->x[u->k] = xk;
    double accept = ps_value_cdf(u->belief, ps_utility(&u->st->party[u->r], u->x, u->s->nissues));
    return accept * ps_utility(&u->st->party[u->p], u->x, u->s->nissues) + (1.0 - accept) * u->dp;
}

void ps_ultimatum_negotiate(ps_workspace *ws, const ps_talks *tk)
{
    const ps_scenario *s = ws->s;
    const ps_state *st = &ws->st;
    ultimatum u;
    u.s = s;
    u.st = st;
    u.k = tk->agenda[0];
    ps_issue_two_parties(s, u.k, &u.p, &u.r);
    for (int j = 0; j < s->nissues; j++) u.x[j] = tk->context[j];
    u.dp = tk->d[u.p];
    u.belief = &s->values[s->parties[u.r].reservation];
    /* The expected utility need not be concave (a belief may have several modes): a grid finds
     * the best cell, golden-section search refines inside the cells around it. */
    int best = 0;
    double fbest = -INFINITY;
    for (int g = 0; g <= ULTIMATUM_GRID; g++) {
        double f = expected(&u, (double)g / ULTIMATUM_GRID);
        if (f > fbest) { fbest = f; best = g; }
    }
    double lo = (best > 0 ? best - 1 : 0) / (double)ULTIMATUM_GRID;
    double hi = (best < ULTIMATUM_GRID ? best + 1 : ULTIMATUM_GRID) / (double)ULTIMATUM_GRID;
    const double golden = 0.6180339887498949;
    double x1 = hi - golden * (hi - lo), x2 = lo + golden * (hi - lo);
    double f1 = expected(&u, x1), f2 = expected(&u, x2);
    while (hi - lo > 1e-12) {
        if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + golden * (hi - lo); f2 = expected(&u, x2); }
        else { hi = x2; x2 = x1; f2 = f1; x1 = hi - golden * (hi - lo); f1 = expected(&u, x1); }
    }
    double xm = 0.5 * (lo + hi), offer = expected(&u, xm) >= fbest ? xm : (double)best / ULTIMATUM_GRID;
    u.x[u.k] = offer;
    int accepts[PS_MAX_PARTIES] = {0};
    accepts[u.p] = 1;
    accepts[u.r] = ps_utility(&st->party[u.r], u.x, s->nissues) >= st->party[u.r].reservation;
    ps_round_settle(ws, tk, u.x, accepts);
}
