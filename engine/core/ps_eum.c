/* ps_eum.c: the `eum` protocol: Bueno de Mesquita's expected-utility model in the form of
 * Scholz, Calbert and Smith (2011), with the choices of the replication code that reproduces
 * their results where the paper is ambiguous (docs/MODEL.md section 5.3, "eum", lists each).
 *
 * Actors challenge each other over positions on one issue; from the expected utilities of each
 * challenge come confrontations, compromises and capitulations; each actor takes one offer; all
 * move at once. Each round forecasts the weighted median and mean (weights capability x
 * salience). Saliences are the probability that an actor resists, in [0, 1]. */
#include <math.h>
#include <string.h>
#include "ps_engine.h"

typedef struct eum {
    int n;
    const double *x, *c, *s;
    double R;                        /* the range of the initial positions, fixed for the run */
    double w[PS_MAX_PARTIES];        /* capability x salience */
    double r[PS_MAX_PARTIES];        /* risk exponents */
    double P[PS_MAX_PARTIES][PS_MAX_PARTIES];
} eum;

/* Voter k's preference for position a over b, with its risk exponent rho (Scholz et al. eq. 28,
 * without its factor 2, which cancels). */
static double vote(const eum *e, int k, double a, double b, double rho)
{
    return e->w[k] * (pow(fabs(e->x[k] - b) / e->R, rho) - pow(fabs(e->x[k] - a) / e->R, rho));
}

/* P_ij, the chance that i prevails over j: the votes for i over j, over the votes of every
 * voter on every ordered pair of actors (the replication code's normaliser, not the paper's
 * eq. 31, which does not reproduce the published rounds). Each voter uses its own exponent. */
static void probabilities(eum *e)
{
    double D = 0;
    for (int k = 0; k < e->n; k++)
        for (int a = 0; a < e->n; a++)
            for (int b = 0; b < e->n; b++) D += fabs(vote(e, k, e->x[a], e->x[b], e->r[k]));
    for (int i = 0; i < e->n; i++)
        for (int j = 0; j < e->n; j++) {
            double num = 0;
            if (e->x[i] != e->x[j] && D > 0)
                for (int k = 0; k < e->n; k++) num += fmax(0.0, vote(e, k, e->x[i], e->x[j], e->r[k]));
            e->P[i][j] = D > 0 ? num / D : 0;
        }
}

/* The expected utility of i challenging j, from the viewpoint of an actor with exponent rho
 * (eqs. 5-7, 15, 16, 24 with Q = 1): s_j [P Us + (1 - P) Uf] + (1 - s_j) Us - Usq. */
static double expected(const eum *e, int i, int j, double rho)
{
    double delta = fabs(e->x[i] - e->x[j]) / e->R;
    double us = 2 - 4 * pow(0.5 - 0.5 * delta, rho);
    double uf = 2 - 4 * pow(0.5 + 0.5 * delta, rho);
    double usq = 2 - 4 * pow(0.5, rho);
    double p = e->P[i][j];
    return e->s[j] * (p * us + (1 - p) * uf) + (1 - e->s[j]) * us - usq;
}

void ps_eum_round(int n, double *x, const double *c, const double *s, double R, int least_move, double *r_out)
{
    eum e;
    e.n = n; e.x = x; e.c = c; e.s = s; e.R = R;
    if (n < 2 || !(R > 0)) return;
    for (int i = 0; i < n; i++) { e.w[i] = c[i] * s[i]; e.r[i] = 1.0; }
    /* Risk (section 5): the security of i is what the others expect from challenging it, all
     * exponents 1; the most threatened get r = 0.5, the least r = 2. */
    probabilities(&e);
    double S[PS_MAX_PARTIES], smax = -INFINITY, smin = INFINITY;
    for (int i = 0; i < n; i++) {
        S[i] = 0;
        for (int j = 0; j < n; j++)
            if (j != i) S[i] += expected(&e, j, i, 1.0);
        smax = fmax(smax, S[i]);
        smin = fmin(smin, S[i]);
    }
    for (int i = 0; i < n; i++) {
        double Ri = smax > smin ? (2 * S[i] - smax - smin) / (smax - smin) : 0;   /* all alike: r = 1 */
        e.r[i] = (1 - Ri / 3) / (1 + Ri / 3);
        if (r_out) r_out[i] = e.r[i];
    }
    probabilities(&e);
    /* Offers (section 6, fig. 6), seen by receiver i with its own exponent for both sides:
     * a = EU(i challenges j), b = EU(j challenges i). */
    double next[PS_MAX_PARTIES];
    for (int i = 0; i < n; i++) {
        int conf = -1, comp = -1, cap = -1;
        double comp_key = INFINITY, comp_to = x[i];
        for (int j = 0; j < n; j++) {
            if (x[j] == x[i]) continue;
            double a = expected(&e, i, j, e.r[i]), b = expected(&e, j, i, e.r[i]), dist = fabs(x[i] - x[j]);
            if (b > a && a > 0) {                                   /* confrontation: i loses */
                if (conf < 0 || dist < fabs(x[i] - x[conf])) conf = j;
            } else if (a < 0 && b > 0 && b > fabs(a)) {             /* compromise */
                double to = x[i] + (x[j] - x[i]) * fabs(a / b);     /* eq. 36 */
                /* the replication code takes the compromise with the lowest weighted point
                 * (|a| x_i + |b| x_j) / (|a| + |b|); the paper's text, the one that moves i least */
                double key = least_move ? fabs(to - x[i]) : (fabs(a) * x[i] + fabs(b) * x[j]) / (fabs(a) + fabs(b));
                if (comp < 0 || key < comp_key) { comp = j; comp_key = key; comp_to = to; }
            } else if (a < 0 && b > 0 && b < fabs(a)) {             /* capitulation */
                if (cap < 0 || dist < fabs(x[i] - x[cap])) cap = j;
            }
        }
        next[i] = conf >= 0 ? x[conf] : comp >= 0 ? comp_to : cap >= 0 ? x[cap] : x[i];
    }
    memcpy(x, next, sizeof(double) * (size_t)n);   /* everyone moves at once */
}

double ps_eum_mean(int n, const double *x, const double *w)
{
    double sw = 0, swx = 0;
    for (int i = 0; i < n; i++) { sw += w[i]; swx += w[i] * x[i]; }
    return sw > 0 ? swx / sw : NAN;
}

/* The actors of issue k: the parties with a salience on it. Fills x, c, s; returns how many. */
static int actors(const ps_scenario *s, const ps_state *st, int k, int *id, double *x, double *c, double *sal)
{
    int n = 0;
    for (int i = 0; i < s->nparties; i++) {
        const ps_party_state *p = &st->party[i];
        if (!(p->salience[k] > 0)) continue;
        id[n] = i;
        x[n] = p->ideal[k];
        c[n] = p->capability;
        sal[n] = p->salience[k] > 1 ? 1 : p->salience[k];
        n++;
    }
    return n;
}

void ps_eum_forecast(ps_workspace *ws, int k)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    int id[PS_MAX_PARTIES];
    double x[PS_MAX_PARTIES], c[PS_MAX_PARTIES], sal[PS_MAX_PARTIES], w[PS_MAX_PARTIES];
    int n = actors(s, st, k, id, x, c, sal);
    for (int i = 0; i < n; i++) w[i] = c[i] * sal[i];
    double *f = ws->forecast + (size_t)2 * ((size_t)k * (size_t)(s->rounds + 1) + (size_t)st->t);
    f[0] = n > 0 ? ps_weighted_median(x, w, n) : NAN;
    f[1] = n > 0 ? ps_eum_mean(n, x, w) : NAN;
}

/* Round t of issue k as the history keeps it: every party's position after the round, and the
 * capability and salience the round was played with. */
static double *hist_slot(ps_workspace *ws, int k, int t)
{
    size_t np = (size_t)ws->s->nparties, slot = (size_t)t % (PS_EUM_MAX_PERIOD + 1);
    return ws->eum_hist + 3 * np * ((size_t)k * (PS_EUM_MAX_PERIOD + 1) + slot);
}

static void hist_push(ps_workspace *ws, int k, int t)
{
    double *h = hist_slot(ws, k, t);
    for (int i = 0; i < ws->s->nparties; i++) {
        const ps_party_state *p = &ws->st.party[i];
        h[3 * i] = p->ideal[k];
        h[3 * i + 1] = p->capability;
        h[3 * i + 2] = p->salience[k];
    }
}

/* The smallest period p, 2 <= p <= max, such that round t's positions are within PS_EUM_TOL of
 * round t-p's and the rounds t-p+1 .. t were all played with the same capabilities and
 * saliences (so the same rounds come again, unless an event changes them); 0 for none. */
static int cycle_period(ps_workspace *ws, int k, int t, int max)
{
    int np = ws->s->nparties;
    const double *now = hist_slot(ws, k, t);
    for (int p = 2; p <= max; p++) {
        const double *then = hist_slot(ws, k, t - p);
        int same = 1;
        for (int i = 0; i < np && same; i++) same = fabs(now[3 * i] - then[3 * i]) <= PS_EUM_TOL;
        for (int j = t - p + 1; j < t && same; j++) {
            const double *mid = hist_slot(ws, k, j);
            for (int i = 0; i < np && same; i++) same = mid[3 * i + 1] == now[3 * i + 1] && mid[3 * i + 2] == now[3 * i + 2];
        }
        if (same) return p;
    }
    return 0;
}

void ps_eum_negotiate(ps_workspace *ws, const ps_talks *tk)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    int k = tk->agenda[0];
    ps_issue_state *is = &st->issue[k];
    int id[PS_MAX_PARTIES];
    double x[PS_MAX_PARTIES], c[PS_MAX_PARTIES], sal[PS_MAX_PARTIES], before[PS_MAX_PARTIES];
    int n = actors(s, st, k, id, x, c, sal);
    if (n == 0) return;   /* no one holds a position: no forecast, nothing settles */
    if (st->eum_range[k] == 0) {   /* the range of the initial positions, fixed for the run */
        double lo = INFINITY, hi = -INFINITY;
        for (int i = 0; i < n; i++) { lo = fmin(lo, x[i]); hi = fmax(hi, x[i]); }
        st->eum_range[k] = hi > lo ? hi - lo : -1;
    }
    /* the history holds consecutive rounds: an issue back on the table starts it again, from
     * the positions it comes back with */
    if (is->eum_len == 0 || is->eum_last != st->t - 1) {
        hist_push(ws, k, st->t - 1);
        is->eum_len = 1;
    }
    memcpy(before, x, sizeof(double) * (size_t)n);
    if (st->eum_range[k] > 0) ps_eum_round(n, x, c, sal, st->eum_range[k], s->eum_least_move, NULL);
    double moved = 0;
    for (int i = 0; i < n; i++) {
        moved = fmax(moved, fabs(x[i] - before[i]));
        st->party[id[i]].ideal[k] = x[i];
    }
    hist_push(ws, k, st->t);
    if (is->eum_len < PS_EUM_MAX_PERIOD + 1) is->eum_len++;
    is->eum_last = st->t;
    /* The rounds go on "until the issue is resolved" (Bueno de Mesquita, as Scholz et al. 2011
     * quote him): when no actor moves, the model's outcome is this round's forecast median, and
     * the issue settles there. Positions that repeat instead are a cycle, reported, not settled:
     * where such a run stops would pick one of its values by the parity of the rounds. */
    if (moved <= PS_EUM_TOL) {
        if (is->eum != PS_EUM_CONVERGED) {
            is->eum = PS_EUM_CONVERGED;
            is->eum_round = st->t;
            is->eum_period = 0;
        }
        double terms[PS_MAX_ISSUES];
        int accepts[PS_MAX_PARTIES];
        for (int j = 0; j < s->nissues; j++) terms[j] = tk->context[j];
        ps_eum_forecast(ws, k);
        terms[k] = ws->forecast[2 * ((size_t)k * (size_t)(s->rounds + 1) + (size_t)st->t)];
        for (int i = 0; i < s->nparties; i++) accepts[i] = 1;
        ps_round_settle(ws, tk, terms, accepts);
        return;
    }
    if (is->eum == PS_EUM_UNRESOLVED) {
        int p = cycle_period(ws, k, st->t, is->eum_len - 1);
        if (p) {
            is->eum = PS_EUM_CYCLE;
            is->eum_round = st->t;
            is->eum_period = p;
        }
    }
}
