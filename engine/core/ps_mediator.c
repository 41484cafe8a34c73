/* ps_mediator.c: the mediated single-text protocol's proposal (MODEL.md 5.3).
 *
 * The mediator proposes the capability-weighted Nash bargaining solution (Nash 1950; the
 * asymmetric form of Kalai 1977): maximise sum_i w_i log(U_i(x) - d_i) over the agenda issues.
 * With rho_i >= 1 each U_i is concave, so the objective is concave on the convex set where every
 * party gains: one issue on its smooth pieces (closed form or Newton's method), a package by exact
 * coordinate ascent with that one-issue solver (Nelder-Mead only to find where all gain). Under k
 * of n the text is made for the minimal winning coalition whose members gain most at their own
 * Nash point. Where no point gives every party more than its BATNA, the mediator falls back to
 * the weighted median of the parties' positions (weights capability times salience: Black 1948;
 * Bueno de Mesquita 1994). */
#include <math.h>
#include <string.h>
#include "ps_engine.h"
#include "ps_rng.h"

#define GOLDEN 0.6180339887498949
#define LINE_TOL 1e-10
#define PS_MEDIATOR_TOL 1e-9      /* a gap this close to 0 counts as breaking even (10 x LINE_TOL) */
#define PS_MAX_COMBINATIONS 256   /* discrete options enumerated in a package (each costs a solve) */
#define PS_PACKAGE_SWEEPS 2000    /* coordinate-ascent sweeps at most (each is exact per issue) */
#define PS_COALITION_PARTIES 12   /* k of n: coalitions are weighed among at most this many parties */
#define PS_MAX_COALITIONS 128     /* ... and at most this many minimal winning coalitions (each a solve) */
_Static_assert(PS_MAX_COALITIONS <= 128, "the package memo (PS_PACKAGE_MEMO) has room for 128 coalitions");

static double clip01(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

double ps_weighted_median(const double *points, const double *w, int n)
{
    double p[PS_MAX_PARTIES], q[PS_MAX_PARTIES], total = 0;
    int m = 0;
    for (int i = 0; i < n && m < PS_MAX_PARTIES; i++) {
        if (!(w[i] > 0)) continue;
        /* insertion sort by position: n is at most PS_MAX_PARTIES */
        int j = m++;
        while (j > 0 && p[j - 1] > points[i]) { p[j] = p[j - 1]; q[j] = q[j - 1]; j--; }
        p[j] = points[i];
        q[j] = w[i];
        total += w[i];
    }
    if (m == 0) return 0.5;
    /* The smallest position at which the cumulative weight reaches half the total. */
    double acc = 0;
    for (int j = 0; j < m; j++) {
        acc += q[j];
        if (acc >= 0.5 * total) return p[j];
    }
    return p[m - 1];
}

/* One issue with the rest of the outcome fixed: party j's gain over its BATNA at terms x is
 * base[j] + s[j] (1 - |x - a[j]|^rho[j]) - d[j]. */
typedef struct line_problem {
    int n;
    double w[PS_MAX_PARTIES], base[PS_MAX_PARTIES], s[PS_MAX_PARTIES], a[PS_MAX_PARTIES], rho[PS_MAX_PARTIES];
    double best[PS_MAX_PARTIES];   /* Kalai-Smorodinsky: each party's best gain where all gain */
    int linear;                    /* every rho[j] is 1 */
} line_problem;

static double line_gap(const line_problem *lp, int j, double x)
{
    double dist = fabs(x - lp->a[j]);
    return lp->base[j] + lp->s[j] * (1.0 - (lp->rho[j] == 1.0 ? dist : pow(dist, lp->rho[j])));
}

static double line_min_gap(const line_problem *lp, double x)
{
    double g = INFINITY;
    for (int j = 0; j < lp->n; j++) { double v = line_gap(lp, j, x); if (v < g) g = v; }
    return g;
}

static double line_nash(const line_problem *lp, double x)
{
    double f = 0;
    for (int j = 0; j < lp->n; j++) {
        double v = line_gap(lp, j, x);
        if (!(v > 0)) return -INFINITY;
        f += lp->w[j] * log(v);
    }
    return f;
}

/* The Kalai-Smorodinsky objective: the smallest share of its best gain that any party gets
 * (concave: a minimum of concave functions). */
static double line_ks(const line_problem *lp, double x)
{
    double m = INFINITY;
    for (int j = 0; j < lp->n; j++) {
        double share = lp->best[j] > 0 ? line_gap(lp, j, x) / lp->best[j] : 0;
        if (share < m) m = share;
    }
    return m;
}

/* The set where every party gains, exactly: party j gains where |x - a_j|^rho_j < (base_j +
 * s_j) / s_j, an interval around its ideal; the set is their intersection with [0, 1]. Returns 0
 * when it is empty (an edge counts as outside: there a party only breaks even). */
static int line_feasible(const line_problem *lp, double *lo, double *hi)
{
    *lo = 0;
    *hi = 1;
    for (int j = 0; j < lp->n; j++) {
        double top = lp->base[j] + lp->s[j];
        if (!(top > 0)) return 0;
        if (!(lp->s[j] > 0)) continue;
        double r = lp->rho[j] == 1.0 ? top / lp->s[j] : pow(top / lp->s[j], 1.0 / lp->rho[j]);
        if (lp->a[j] - r > *lo) *lo = lp->a[j] - r;
        if (lp->a[j] + r < *hi) *hi = lp->a[j] + r;
    }
    return *lo < *hi && line_min_gap(lp, 0.5 * (*lo + *hi)) > 0;
}

/* The slope of the Nash objective sum_j w_j log(gap_j(x)), from the right (side > 0) or the left
 * of x: at a party's ideal its linear utility has a kink. Its second derivative, where smooth,
 * in *curv. */
static double nash_slope(const line_problem *lp, double x, int side, double *curv)
{
    double f1 = 0, f2 = 0;
    if (!curv && lp->linear) {
        /* the kink search's case: linear gains, no curvature wanted (the same sums as below) */
        for (int j = 0; j < lp->n; j++) {
            double dx = x - lp->a[j];
            double sign = dx > 0 ? 1.0 : (dx < 0 ? -1.0 : (side > 0 ? 1.0 : -1.0));
            double gap = lp->base[j] + lp->s[j] * (1.0 - fabs(dx));
            f1 += lp->w[j] * (-lp->s[j] * sign) / gap;
        }
        return f1;
    }
    for (int j = 0; j < lp->n; j++) {
        double dx = x - lp->a[j], dist = fabs(dx), rho = lp->rho[j];
        double sign = dx > 0 ? 1.0 : (dx < 0 ? -1.0 : (side > 0 ? 1.0 : -1.0));
        double pd = rho == 1.0 ? dist : pow(dist, rho);
        double gap = lp->base[j] + lp->s[j] * (1.0 - pd);
        double g1, g2;
        if (rho == 1.0) {
            g1 = -lp->s[j] * sign;
            g2 = 0.0;
        } else if (dist > 0) {
            /* d^(rho-1) and d^(rho-2) from d^rho: one pow a term, not three (the slope is the
             * solver's inner loop; this is within an ulp or two of the pow of each) */
            double p1 = pd / dist;
            g1 = -lp->s[j] * sign * rho * p1;
            g2 = -lp->s[j] * rho * (rho - 1) * (p1 / dist);
        } else {
            g1 = -lp->s[j] * sign * rho * pow(dist, rho - 1);
            g2 = -lp->s[j] * rho * (rho - 1) * pow(dist, rho - 2);
        }
        f1 += lp->w[j] * g1 / gap;
        f2 += lp->w[j] * (g2 / gap - (g1 / gap) * (g1 / gap));
    }
    if (curv) *curv = f2;
    return f1;
}

/* The maximum of the Nash objective on the open interval (lo, hi) where every party gains. The
 * objective is concave, so its slope falls: Newton's method on the slope, kept inside a bracket
 * that bisection shrinks whenever a Newton step would leave it. At a kink where the slope
 * changes sign the kink itself is the optimum; an optimum at 0 or 1 is returned exactly. */
static double nash_on_line(const line_problem *lp, double lo, double hi)
{
    if (lo == 0.0 && nash_slope(lp, 0.0, +1, NULL) <= 0) return 0.0;
    if (hi == 1.0 && nash_slope(lp, 1.0, -1, NULL) >= 0) return 1.0;
    /* The slope jumps at the parties' ideals: find the smooth piece that holds the optimum (or
     * the ideal that is the optimum), so that Newton's method never has to cross a kink. */
    for (int j = 0; j < lp->n; j++) {
        double a = lp->a[j];
        if (!(a > lo && a < hi)) continue;
        if (nash_slope(lp, a, +1, NULL) > 0) lo = a;
        else if (nash_slope(lp, a, -1, NULL) < 0) hi = a;
        else return a;
    }
    double x = 0.5 * (lo + hi);
    if (lp->linear && lp->n >= 2 && lp->n <= 3) {
        /* Two or three linear parties: on this smooth piece gap_j(x) = b_j + m_j x, and the
         * slope sum_j w_j m_j / gap_j vanishes where, multiplied out by the gaps, a polynomial
         * of degree n - 1 does: for two parties x = -(w_0 m_0 b_1 + w_1 m_1 b_0) / (m_0 m_1
         * (w_0 + w_1)); for three, the root in the bracket of A x^2 + B x + C with
         * A = m_0 m_1 m_2 (w_0 + w_1 + w_2), B = sum_j w_j m_j (b_k m_l + b_l m_k),
         * C = sum_j w_j m_j b_k b_l ({j, k, l} = {0, 1, 2}). Newton's method stays the fallback. */
        double m[3], b[3], root = NAN;
        for (int j = 0; j < lp->n; j++) {
            double sign = x > lp->a[j] ? 1.0 : -1.0;
            m[j] = -lp->s[j] * sign;
            b[j] = lp->base[j] + lp->s[j] * (1.0 + sign * lp->a[j]);
        }
        if (lp->n == 2) {
            double den = m[0] * m[1] * (lp->w[0] + lp->w[1]);
            if (den != 0) root = -(lp->w[0] * m[0] * b[1] + lp->w[1] * m[1] * b[0]) / den;
        } else {
            double A = 0, B = 0, C = 0;
            for (int j = 0; j < 3; j++) {
                int k = (j + 1) % 3, l = (j + 2) % 3;
                A += lp->w[j] * m[j] * m[k] * m[l];
                B += lp->w[j] * m[j] * (b[k] * m[l] + b[l] * m[k]);
                C += lp->w[j] * m[j] * b[k] * b[l];
            }
            double disc = B * B - 4 * A * C;
            if (A != 0 && disc >= 0) {
                /* the two roots, computed without cancellation (Press et al., Numerical Recipes) */
                double q = -0.5 * (B + (B >= 0 ? sqrt(disc) : -sqrt(disc)));
                double r1 = q / A, r2 = q != 0 ? C / q : NAN;
                int in1 = r1 > lo && r1 < hi, in2 = r2 > lo && r2 < hi;
                if (in1 != in2) root = in1 ? r1 : r2;
            } else if (A == 0 && B != 0) {
                root = -C / B;
            }
        }
        if (root > lo && root < hi) return root;
    }
    for (int iter = 0; iter < 200 && hi - lo > 1e-14; iter++) {
        double curv, right = nash_slope(lp, x, +1, &curv);
        if (right > 0) {
            lo = x;
        } else {
            /* the slope from the left differs from the right's only at a kink (an ideal): away
             * from one it is the same sum, so it is not computed again */
            int kink = 0;
            for (int j = 0; j < lp->n && !kink; j++) kink = x == lp->a[j];
            double left = kink ? nash_slope(lp, x, -1, NULL) : right;
            if (left < 0) hi = x;
            else return x;   /* a kink with the optimum on it */
        }
        double next = curv < 0 ? x - right / curv : 0.5 * (lo + hi);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        else if (fabs(next - x) < 1e-13) return next;   /* Newton has converged */
        x = next;
    }
    return x;
}

/* Golden-section search for the maximum of a unimodal f on [lo, hi]. An optimum at an end of
 * the interval (common: a party's ideal at 0 or 1) is returned exactly, not 1e-10 inside. */
static double golden_max(double (*f)(const line_problem *, double), const line_problem *lp, double lo, double hi)
{
    double a = lo, b = hi;
    double x1 = hi - GOLDEN * (hi - lo), x2 = lo + GOLDEN * (hi - lo);
    double f1 = f(lp, x1), f2 = f(lp, x2);
    while (hi - lo > LINE_TOL) {
        if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + GOLDEN * (hi - lo); f2 = f(lp, x2); }
        else { hi = x2; x2 = x1; f2 = f1; x1 = hi - GOLDEN * (hi - lo); f1 = f(lp, x1); }
    }
    double m = 0.5 * (lo + hi), fm = f(lp, m);
    if (lo - a < 2 * LINE_TOL && f(lp, a) >= fm) return a;
    if (b - hi < 2 * LINE_TOL && f(lp, b) >= fm) return b;
    return m;
}

static double median_on(const ps_workspace *ws, int k, const int *who, int nwho)
{
    double pts[PS_MAX_PARTIES], w[PS_MAX_PARTIES];
    for (int j = 0; j < nwho; j++) {
        const ps_party_state *p = &ws->st.party[who[j]];
        pts[j] = p->ideal[k];
        w[j] = p->capability * p->salience[k];
    }
    double m = ps_weighted_median(pts, w, nwho);
    const ps_issue *is = &ws->s->issues[k];
    if (is->noptions > 0) {   /* a discrete issue: the nearest option */
        int best = 0;
        for (int o = 1; o < is->noptions; o++)
            if (fabs(is->option_x[o] - m) < fabs(is->option_x[best] - m)) best = o;
        m = is->option_x[best];
    }
    return m;
}

static int solve_one(ps_workspace *ws, int k, line_problem *lp, const int *who, int nwho, int ks, double *x);
static int propose_package(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                           const double *d, const double *context, double *x);

/* --- k of n: the coalition the text is made for --- */

/* How good the terms x are for the parties who[0..n) with BATNAs d: 2 where every one gains,
 * with *value the weighted mean of their log gains, sum w_i log(U_i(x) - d_i) / sum w_i (the
 * log of the weighted geometric mean gain: Nash's product, made comparable between coalitions
 * of any capabilities); 1 where the worst-off only breaks even (within the tolerance); 0 where
 * one loses. */
static int coalition_value(const ps_workspace *ws, const int *who, int n, const double *d, const double *x, double *value)
{
    double f = 0, wsum = 0, g = INFINITY;
    for (int j = 0; j < n; j++) {
        const ps_party_state *p = &ws->st.party[who[j]];
        double w = ws->s->equal_weights ? 1.0 : p->capability;
        double gap = ps_utility(p, x, ws->s->nissues) - d[who[j]];
        if (gap < g) g = gap;
        if (gap > 0) f += w * log(gap);
        wsum += w;
    }
    *value = f / wsum;
    return g > 0 ? 2 : (g >= -PS_MEDIATOR_TOL ? 1 : 0);
}

/* Bit j of a coalition: the party act[j]. W wins when every agenda issue a has at least need[a]
 * of its consenting parties that care (the bits mask[a]) in W. */
static int coalition_wins(uint32_t w, const uint32_t *mask, const int *need, int nagenda)
{
    for (int a = 0; a < nagenda; a++)
        if (__builtin_popcount(w & mask[a]) < need[a]) return 0;
    return 1;
}

/* The minimal winning coalitions among the parties act[0..nact) that care about the agenda
 * (MODEL.md 5.3): the sets W such that every agenda issue's rule (k of its n) holds when W and
 * the consenting parties with nothing at stake (they consent: 5.4) accept, and from which no
 * member can be left out. They go to out[] in increasing order of their bits (the order that
 * breaks ties). Returns how many; 0 when the mediator seeks every party's consent as under
 * unanimity: the rule needs all of act (unanimity itself, the usual case, returns at once),
 * no coalition wins, the parties with nothing at stake carry the agenda alone, or there are
 * more than PS_COALITION_PARTIES parties or PS_MAX_COALITIONS coalitions to weigh. */
static int winning_coalitions(const ps_workspace *ws, const int *agenda, int nagenda, const int *act, int nact, uint32_t *out)
{
    const ps_scenario *s = ws->s;
    int unanimous = 1;
    for (int a = 0; a < nagenda; a++) unanimous &= s->issues[agenda[a]].consent_k >= s->issues[agenda[a]].nconsent;
    if (unanimous || nact > PS_COALITION_PARTIES) return 0;
    uint32_t mask[PS_MAX_ISSUES];
    int need[PS_MAX_ISSUES], needed = 0;
    for (int a = 0; a < nagenda; a++) {
        const ps_issue *is = &s->issues[agenda[a]];
        mask[a] = 0;
        need[a] = is->consent_k;
        for (int c = 0; c < is->nconsent; c++) {
            int i = is->consent[c], pos = -1;
            for (int j = 0; j < nact; j++)
                if (act[j] == i) pos = j;
            if (pos >= 0) { mask[a] |= 1u << pos; continue; }
            int cares = 0;
            for (int b = 0; b < nagenda && !cares; b++) cares = ws->st.party[i].salience[agenda[b]] > 0;
            need[a] -= !cares;   /* it consents whatever the text */
        }
        needed |= need[a] > 0;
    }
    uint32_t all = (1u << nact) - 1;
    if (!needed || !coalition_wins(all, mask, need, nagenda)) return 0;
    int n = 0;
    for (uint32_t w = 1; w <= all; w++) {
        if (!coalition_wins(w, mask, need, nagenda)) continue;
        int minimal = 1;
        for (uint32_t rest = w; rest && minimal; rest &= rest - 1)
            minimal = !coalition_wins(w & ~(rest & -rest), mask, need, nagenda);
        if (!minimal) continue;
        if (n == PS_MAX_COALITIONS) return 0;
        out[n++] = w;
    }
    return n == 1 && out[0] == all ? 0 : n;
}

/* Coalition w's part of the line problem lp over act[] in *sub, its parties in who[]; returns their number. */
static int coalition_line(const line_problem *lp, const int *act, uint32_t w, line_problem *sub, int *who)
{
    int n = 0;
    sub->linear = 1;
    for (uint32_t rest = w; rest; rest &= rest - 1, n++) {
        int j = __builtin_ctz(rest);
        sub->w[n] = lp->w[j]; sub->base[n] = lp->base[j]; sub->s[n] = lp->s[j];
        sub->a[n] = lp->a[j]; sub->rho[n] = lp->rho[j];
        sub->linear &= sub->rho[n] == 1.0;
        who[n] = act[j];
    }
    sub->n = n;
    return n;
}

/* The text for the best of the coalitions coal[0..ncoal) (bits over act[]): each coalition's
 * own optimum, by Nash's product, and the coalition whose members gain most there by
 * coalition_value (every member gaining before a break-even point; ties to the first); then,
 * for one issue under Kalai-Smorodinsky, that coalition's KS point. lp: issue agenda[0]'s line
 * problem over all of act (one issue), or NULL (a package). Returns 0, proposing nothing, when
 * no coalition has a point where its members at least break even. */
static int propose_coalition(ps_workspace *ws, const int *agenda, int nagenda, const int *act, const uint32_t *coal,
                             int ncoal, const line_problem *lp, const double *d, const double *context, double *x)
{
    int best = -1, best_class = 0, who[PS_MAX_PARTIES], nw;
    double best_value = -INFINITY, best_x[PS_MAX_ISSUES], y[PS_MAX_ISSUES], value;
    line_problem sub;
    size_t row = sizeof(double) * (size_t)ws->s->nissues;
    for (int c = 0; c < ncoal; c++) {
        memcpy(y, context, row);
        int found;
        if (lp) {
            nw = coalition_line(lp, act, coal[c], &sub, who);
            found = solve_one(ws, agenda[0], &sub, who, nw, 0, y);
        } else {
            nw = 0;
            for (uint32_t rest = coal[c]; rest; rest &= rest - 1) who[nw++] = act[__builtin_ctz(rest)];
            found = propose_package(ws, agenda, nagenda, who, nw, d, context, y);
        }
        if (!found) continue;
        int cls = coalition_value(ws, who, nw, d, y, &value);
        if (cls > best_class || (cls == 2 && best_class == 2 && value > best_value)) {
            best = c; best_class = cls; best_value = value;
            memcpy(best_x, y, row);
        }
    }
    if (best < 0) return 0;
    for (int a = 0; a < nagenda; a++) x[agenda[a]] = best_x[agenda[a]];
    if (lp && ws->s->concept == PS_CONCEPT_KS) {
        nw = coalition_line(lp, act, coal[best], &sub, who);
        solve_one(ws, agenda[0], &sub, who, nw, 1, x);
    }
    return 1;
}

/* a[0..n) and b[0..n) hold the same bits (so -0 differs from 0, and a NaN can equal a NaN). */
static int same_bits(const double *a, const double *b, int n)
{
    for (int j = 0; j < n; j++)
        if (memcmp(&a[j], &b[j], sizeof a[j]) != 0) return 0;
    return 1;
}

/* Issue k's text for the line problem lp over who[]: for the best of the coalitions coal[] (k of
 * n), or, with none (ncoal 0), for all of who[]. */
static int solve_rule(ps_workspace *ws, int k, line_problem *lp, const int *who, int nwho, const uint32_t *coal, int ncoal,
                      const double *d, const double *context, double *x)
{
    if (ncoal > 0 && propose_coalition(ws, &k, 1, who, coal, ncoal, lp, d, context, x)) return 1;
    return solve_one(ws, k, lp, who, nwho, ws->s->concept == PS_CONCEPT_KS, x);
}

/* u[i]: party i's utility of the context; coal[0..ncoal): the coalitions of k of n, bits over who[]. */
static int propose_one(ps_workspace *ws, int k, const int *who, int nwho, const uint32_t *coal, int ncoal,
                       const double *d, const double *context, const double *u, double *x)
{
    line_problem lp;
    double cap[PS_MAX_PARTIES];
    lp.n = nwho;
    for (int j = 0; j < nwho; j++) {
        const ps_party_state *p = &ws->st.party[who[j]];
        cap[j] = p->capability;
        lp.w[j] = ws->s->equal_weights ? 1.0 : p->capability;
        lp.base[j] = u[who[j]] - ps_utility_term(p, k, context[k]) - d[who[j]];
        lp.s[j] = p->salience[k];
        lp.a[j] = p->ideal[k];
        lp.rho[j] = p->curvature;
    }
    lp.linear = 1;
    for (int j = 0; j < nwho; j++) lp.linear &= lp.rho[j] == 1.0;
    /* The proposal is a function of these numbers alone (and of the scenario; capabilities
     * weigh the median fallback): when they are the same to the bit as the last time issue k
     * was proposed on, so is the proposal. A scenario whose BATNAs and positions stay put (a
     * textbook case) solves each issue once per replication. BATNAs move most often: they are
     * compared first. Where fewer than a quarter of the first 256 proposals find their problem
     * unchanged (the default scenario: the front and the horizon move every round), the
     * workspace stops looking; either way the proposal is the same. */
    if (ws->memo_tries >= 256 && ws->memo_hits * 4 < ws->memo_tries)
        return solve_rule(ws, k, &lp, who, nwho, coal, ncoal, d, context, x);   /* they move every round here: no memo */
    /* The rule is part of the problem: one issue's minimal winning coalitions are every set of
     * the same size m among the parties that can be in one (the bits `in`), so the problem's shape
     * is the number of parties, how many of them the rule lets off and those bits, each number
     * below its radix (0 and 0 under unanimity: the number of parties alone). */
    uint32_t in = 0;
    for (int c = 0; c < ncoal; c++) in |= coal[c];
    double shape = nwho + (PS_MAX_PARTIES + 1) * ((ncoal > 0 ? nwho - __builtin_popcount(coal[0]) : 0)
                                                  + (PS_MAX_PARTIES + 1) * (double)in);
    double *memo = ws->propose_memo + (size_t)k * (size_t)ws->propose_stride;
    double *m_base = memo + 3, *m_s = m_base + nwho, *m_a = m_s + nwho, *m_rho = m_a + nwho, *m_cap = m_rho + nwho;
    if (ws->memo_tries < 256) ws->memo_tries++;
    if (memo[0] == shape && same_bits(m_base, lp.base, nwho) && same_bits(m_s, lp.s, nwho)
        && same_bits(m_a, lp.a, nwho) && same_bits(m_rho, lp.rho, nwho) && same_bits(m_cap, cap, nwho)) {
        if (ws->memo_hits < 256) ws->memo_hits++;
        x[k] = memo[1];
        return memo[2] != 0;
    }
    int found = solve_rule(ws, k, &lp, who, nwho, coal, ncoal, d, context, x);
    size_t row = sizeof(double) * (size_t)nwho;
    memo[0] = shape;
    memo[1] = x[k];
    memo[2] = found;
    memcpy(m_base, lp.base, row);
    memcpy(m_s, lp.s, row);
    memcpy(m_a, lp.a, row);
    memcpy(m_rho, lp.rho, row);
    memcpy(m_cap, cap, row);
    return found;
}

/* propose_one's search on the line problem lp of issue k: the Nash point, or with ks the
 * Kalai-Smorodinsky point, of the parties who[]. */
static int solve_one(ps_workspace *ws, int k, line_problem *lp, const int *who, int nwho, int ks, double *x)
{
    const ps_issue *is = &ws->s->issues[k];
    if (is->noptions > 0) {
        if (ks) {   /* each party's best gain over the options where all gain */
            for (int j = 0; j < nwho; j++) lp->best[j] = 0;
            for (int o = 0; o < is->noptions; o++)
                if (line_min_gap(lp, is->option_x[o]) > 0)
                    for (int j = 0; j < nwho; j++) lp->best[j] = fmax(lp->best[j], line_gap(lp, j, is->option_x[o]));
        }
        int best = -1;
        double fbest = -INFINITY;
        for (int o = 0; o < is->noptions; o++) {
            double f = ks ? line_ks(lp, is->option_x[o]) : line_nash(lp, is->option_x[o]);
            if (f > fbest) { fbest = f; best = o; }
        }
        if (best >= 0) { x[k] = is->option_x[best]; return 1; }
        x[k] = median_on(ws, k, who, nwho);
        return 0;
    }
    double lo, hi;
    if (!line_feasible(lp, &lo, &hi)) {
        /* No point gives everyone a gain. A single point where the worst-off party just breaks
         * even (its ideal is the status quo and it loses nothing by waiting) is still a point no
         * one loses by; failing that, the weighted median. */
        double xg = golden_max(line_min_gap, lp, 0.0, 1.0);
        double g = line_min_gap(lp, xg);
        x[k] = g >= -PS_MEDIATOR_TOL ? xg : median_on(ws, k, who, nwho);
        return g >= -PS_MEDIATOR_TOL;
    }
    if (ks) {
        /* Kalai and Smorodinsky (1975): equal shares of each party's best gain over the set
         * where all gain. A concave gain peaks at the ideal, or else at the nearer edge. */
        for (int j = 0; j < nwho; j++) {
            double at = lp->a[j] < lo ? lo : (lp->a[j] > hi ? hi : lp->a[j]);
            lp->best[j] = line_gap(lp, j, at);
        }
        x[k] = golden_max(line_ks, lp, lo, hi);
        return 1;
    }
    x[k] = nash_on_line(lp, lo, hi);
    return 1;
}

/* A package: the penalised objective is -sum w log(gap) / sum w where every party gains and a
 * large constant plus the worst shortfall elsewhere. The weights are normalised so that the
 * objective where all gain (a few hundred at most: log of a double) always ranks below the
 * constant, whatever the scale of the capabilities. Along any line it is unimodal (convex inside
 * the convex set where all gain, and falling towards that set outside it): the general search
 * that looks for a point where all gain (Nelder-Mead, polished by golden-section steps along
 * each issue) relies on that; inside, solve_continuous uses coordinate ascent. */
typedef struct package_problem {
    ps_workspace *ws;
    const int *agenda, *who;
    int nagenda, nwho;
    const double *d;
    int free_[PS_MAX_ISSUES];     /* agenda positions of the continuous issues */
    int nfree;
    double x[PS_MAX_ISSUES];      /* the whole outcome under evaluation */
    double wsum;                  /* the sum of the parties' weights */
} package_problem;

#define PACKAGE_OUTSIDE 1e6

static double package_eval(package_problem *pp, double *min_gap)
{
    double f = 0, g = INFINITY;
    for (int j = 0; j < pp->nwho; j++) {
        int i = pp->who[j];
        const ps_party_state *p = &pp->ws->st.party[i];
        double gap = ps_utility(p, pp->x, pp->ws->s->nissues) - pp->d[i];
        if (gap < g) g = gap;
        if (gap > 0) f += (pp->ws->s->equal_weights ? 1.0 : p->capability) * log(gap);
    }
    *min_gap = g;
    return g > 0 ? -f / pp->wsum : PACKAGE_OUTSIDE - g;
}

static double package_objective(const gsl_vector *v, void *params)
{
    package_problem *pp = params;
    double g;
    for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = clip01(gsl_vector_get(v, (size_t)j));
    return package_eval(pp, &g);
}

/* Golden-section search of the penalised objective along issue k, the rest held. */
static void polish_issue(package_problem *pp, int k)
{
    double lo = 0, hi = 1, g;
    double x1 = hi - GOLDEN * (hi - lo), x2 = lo + GOLDEN * (hi - lo);
    pp->x[k] = x1;
    double f1 = package_eval(pp, &g);
    pp->x[k] = x2;
    double f2 = package_eval(pp, &g);
    while (hi - lo > 1e-9) {
        if (f1 > f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + GOLDEN * (hi - lo); pp->x[k] = x2; f2 = package_eval(pp, &g); }
        else { hi = x2; x2 = x1; f2 = f1; x1 = hi - GOLDEN * (hi - lo); pp->x[k] = x1; f1 = package_eval(pp, &g); }
    }
    pp->x[k] = 0.5 * (lo + hi);
}

static void nelder_mead(package_problem *pp)
{
    if (pp->nfree == 0) return;
    gsl_multimin_fminimizer *nm = pp->ws->nm[pp->nfree];
    gsl_vector_view xv = gsl_vector_subvector(pp->ws->nm_x, 0, (size_t)pp->nfree);
    gsl_vector_view sv = gsl_vector_subvector(pp->ws->nm_step, 0, (size_t)pp->nfree);
    for (int j = 0; j < pp->nfree; j++) {
        gsl_vector_set(&xv.vector, (size_t)j, pp->x[pp->agenda[pp->free_[j]]]);
        gsl_vector_set(&sv.vector, (size_t)j, 0.1);
    }
    gsl_multimin_function fn = {package_objective, (size_t)pp->nfree, pp};
    if (pp->nfree == 1 || gsl_multimin_fminimizer_set(nm, &fn, &xv.vector, &sv.vector) != GSL_SUCCESS) return;
    for (int iter = 0; iter < 1000; iter++) {
        if (gsl_multimin_fminimizer_iterate(nm) != GSL_SUCCESS) break;
        if (gsl_multimin_fminimizer_size(nm) < 1e-7) break;   /* the polish below refines to 1e-9 */
    }
    for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = clip01(gsl_vector_get(nm->x, (size_t)j));
}

/* Issue k's terms set to the best for the Nash objective with the other issues held: the
 * one-issue problem of propose_one, solved exactly (closed form or Newton's method). Returns 0,
 * moving nothing, when no terms of issue k give every party a gain. */
static int coordinate_step(package_problem *pp, int k)
{
    const ps_workspace *ws = pp->ws;
    line_problem lp;
    lp.n = pp->nwho;
    lp.linear = 1;
    for (int j = 0; j < pp->nwho; j++) {
        const ps_party_state *p = &ws->st.party[pp->who[j]];
        lp.w[j] = ws->s->equal_weights ? 1.0 : p->capability;
        lp.base[j] = ps_utility(p, pp->x, ws->s->nissues) - ps_utility_term(p, k, pp->x[k]) - pp->d[pp->who[j]];
        lp.s[j] = p->salience[k];
        lp.a[j] = p->ideal[k];
        lp.rho[j] = p->curvature;
        lp.linear &= lp.rho[j] == 1.0;
    }
    double lo, hi;
    if (!line_feasible(&lp, &lo, &hi)) return 0;
    pp->x[k] = nash_on_line(&lp, lo, hi);
    return 1;
}

/* The best continuous terms for the discrete choices already in pp->x; returns the objective.
 *
 * Where every party gains, the objective sum_i w_i log(gap_i) is concave and its kinks lie on
 * planes x_k = a_ik, one issue each: its directional derivative is then a sum of one term per
 * issue, so a point that no single issue's terms can improve is the optimum. The search is
 * therefore exact maximisation one issue at a time (coordinate ascent, each step the one-issue
 * solver), in sweeps until one moves no issue by 1e-13. Only where the start gives some party
 * no gain does a general search (Nelder-Mead, then golden-section steps on the penalised
 * objective) look for a point where all gain first; and where some party could not gain even
 * at its own ideal terms, nothing is searched. */
static double solve_continuous(package_problem *pp, const double *context, const double *median)
{
    double g;
    /* A party that cannot gain even with every free issue at its ideal rules out any package
     * with these discrete choices (by more than the tolerance: not even a break-even point):
     * no search can find one. The value returned ranks these choices behind any that let every
     * party at least break even, which is all that matters: if they win, the median is proposed. */
    for (int i = 0; i < pp->nwho; i++) {
        const ps_party_state *p = &pp->ws->st.party[pp->who[i]];
        for (int j = 0; j < pp->nfree; j++) {
            int k = pp->agenda[pp->free_[j]];
            pp->x[k] = p->ideal[k];
        }
        double best = ps_utility(p, pp->x, pp->ws->s->nissues) - pp->d[pp->who[i]];
        if (best < -PS_MEDIATOR_TOL) {
            for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = context[pp->agenda[pp->free_[j]]];
            return PACKAGE_OUTSIDE - best;
        }
    }
    /* start from the better of the status quo and the weighted median */
    for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = context[pp->agenda[pp->free_[j]]];
    double f_ctx = package_eval(pp, &g);
    for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = median[pp->free_[j]];
    if (f_ctx < package_eval(pp, &g))
        for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = context[pp->agenda[pp->free_[j]]];
    package_eval(pp, &g);
    if (!(g > 0)) {
        /* each party's own terms on the free issues are candidates too: often one of them gives
         * every party a gain, and the search below is not needed */
        double x0[PS_MAX_ISSUES], g_best = g;
        memcpy(x0, pp->x, sizeof x0);
        for (int i = 0; i < pp->nwho && !(g_best > 0); i++) {
            const ps_party_state *p = &pp->ws->st.party[pp->who[i]];
            for (int j = 0; j < pp->nfree; j++) pp->x[pp->agenda[pp->free_[j]]] = p->ideal[pp->agenda[pp->free_[j]]];
            package_eval(pp, &g);
            if (g > g_best) { g_best = g; memcpy(x0, pp->x, sizeof x0); }
        }
        memcpy(pp->x, x0, sizeof x0);
        g = g_best;
    }
    for (int round = 0; round < 2 && !(g > 0); round++) {
        nelder_mead(pp);
        for (int sweep = 0; sweep < 8; sweep++) {
            double moved = 0;
            for (int j = 0; j < pp->nfree; j++) {
                int k = pp->agenda[pp->free_[j]];
                double before = pp->x[k];
                polish_issue(pp, k);
                moved = fmax(moved, fabs(pp->x[k] - before));
            }
            if (moved < 1e-9) break;   /* a sweep that moves nothing: the next would not either */
        }
        package_eval(pp, &g);
    }
    if (g > 0) {
        for (int sweep = 0; sweep < PS_PACKAGE_SWEEPS; sweep++) {
            double moved = 0;
            for (int j = 0; j < pp->nfree; j++) {
                int k = pp->agenda[pp->free_[j]];
                double before = pp->x[k];
                if (coordinate_step(pp, k)) moved = fmax(moved, fabs(pp->x[k] - before));
            }
            if (moved < 1e-13) break;
        }
    }
    return package_eval(pp, &g);
}

static int propose_package(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                           const double *d, const double *context, double *x)
{
    const ps_scenario *s = ws->s;
    package_problem pp;
    memset(&pp, 0, sizeof pp);
    pp.ws = ws; pp.agenda = agenda; pp.nagenda = nagenda; pp.who = who; pp.nwho = nwho; pp.d = d;
    for (int j = 0; j < nwho; j++) pp.wsum += s->equal_weights ? 1.0 : ws->st.party[who[j]].capability;
    memcpy(pp.x, context, sizeof(double) * (size_t)s->nissues);
    double median[PS_MAX_ISSUES];
    int disc[PS_MAX_ISSUES], ndisc = 0;
    long combos = 1;
    for (int j = 0; j < nagenda; j++) {
        median[j] = median_on(ws, agenda[j], who, nwho);
        if (s->issues[agenda[j]].noptions > 0) {
            disc[ndisc++] = j;
            if (combos <= PS_MAX_COMBINATIONS) combos *= s->issues[agenda[j]].noptions;
        } else {
            pp.free_[pp.nfree++] = j;
        }
    }
    double best_f = INFINITY, best_x[PS_MAX_ISSUES], g;
    if (combos > PS_MAX_COMBINATIONS) {
        /* too many combinations of options: each discrete issue stays at its median option */
        for (int j = 0; j < ndisc; j++) pp.x[agenda[disc[j]]] = median[disc[j]];
        combos = 1;
        ndisc = 0;
    }
    for (long c = 0; c < combos; c++) {
        long rest = c;
        for (int j = 0; j < ndisc; j++) {   /* the c-th combination of the discrete options */
            const ps_issue *is = &s->issues[agenda[disc[j]]];
            pp.x[agenda[disc[j]]] = is->option_x[rest % is->noptions];
            rest /= is->noptions;
        }
        double f = solve_continuous(&pp, context, median);
        if (f < best_f) { best_f = f; memcpy(best_x, pp.x, sizeof best_x); }
    }
    memcpy(pp.x, best_x, sizeof best_x);
    package_eval(&pp, &g);
    if (g >= -PS_MEDIATOR_TOL) {
        for (int j = 0; j < nagenda; j++) x[agenda[j]] = pp.x[agenda[j]];
        return 1;
    }
    for (int j = 0; j < nagenda; j++) x[agenda[j]] = median[j];
    return 0;
}

/* Writes the numbers of a memo's key one at a time, comparing each with the key stored (bit for
 * bit): same stays 1 while they agree; the stored key becomes the new one either way. */
typedef struct memo_key {
    double *at;
    int n, same;
} memo_key;

static void key_put(memo_key *mk, double v)
{
    if (mk->same && memcmp(&mk->at[mk->n], &v, sizeof v) != 0) mk->same = 0;
    mk->at[mk->n++] = v;
}

/* A package's text, remembered: everything propose_package and the coalitions read is the key
 * (the agenda, the parties who care, the coalitions of k of n, the outcome as it stands, and
 * each party's BATNA, capability, curvature, ideals and saliences), so the answer for the same
 * key to the bit is the one a new search would give. A scenario whose problem stays put from
 * round to round (no war at stake, no learning: ratify.lua) searches once per problem. */
static int propose_package_memo(ps_workspace *ws, const int *agenda, int nagenda, const int *act, int nact,
                                const uint32_t *coal, int ncoal, const double *d, const double *context, double *x)
{
    const ps_scenario *s = ws->s;
    double *memo = ws->package_memo;
    memo_key mk = {memo + 2 + PS_MAX_ISSUES, 0, memo[0] > 0};
    key_put(&mk, nagenda);
    for (int a = 0; a < nagenda; a++) key_put(&mk, agenda[a]);
    key_put(&mk, nact);
    for (int j = 0; j < nact; j++) key_put(&mk, act[j]);
    key_put(&mk, ncoal);
    for (int c = 0; c < ncoal; c++) key_put(&mk, coal[c]);
    for (int k = 0; k < s->nissues; k++) key_put(&mk, context[k]);
    for (int j = 0; j < nact; j++) {
        const ps_party_state *p = &ws->st.party[act[j]];
        key_put(&mk, d[act[j]]);
        key_put(&mk, p->capability);
        key_put(&mk, p->curvature);
        for (int k = 0; k < s->nissues; k++) key_put(&mk, p->ideal[k]);
        for (int k = 0; k < s->nissues; k++) key_put(&mk, p->salience[k]);
    }
    if (mk.same && memo[0] == mk.n) {
        for (int a = 0; a < nagenda; a++) x[agenda[a]] = memo[2 + agenda[a]];
        return memo[1] != 0;
    }
    int found = (ncoal > 0 && propose_coalition(ws, agenda, nagenda, act, coal, ncoal, NULL, d, context, x))
                || propose_package(ws, agenda, nagenda, act, nact, d, context, x);
    memo[0] = mk.n;
    memo[1] = found;
    for (int a = 0; a < nagenda; a++) memo[2 + agenda[a]] = x[agenda[a]];
    return found;
}

/* ps_mediator_propose given u[i] = U_i(context) for the parties in who[]. */
static int propose(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                   const double *d, const double *context, const double *u, double *x)
{
    for (int k = 0; k < ws->s->nissues; k++) x[k] = context[k];
    /* Only parties whose utility moves with the agenda weigh in the mediator's search: one that
     * does not care (zero salience) gains or loses the same whatever the text, and would make
     * every point infeasible or the objective flat. */
    int act[PS_MAX_PARTIES], nact = 0;
    for (int j = 0; j < nwho; j++) {
        const ps_party_state *p = &ws->st.party[who[j]];
        int cares = 0;
        for (int a = 0; a < nagenda && !cares; a++) cares = p->salience[agenda[a]] > 0;
        if (cares) act[nact++] = who[j];
    }
    if (nact == 0) return 1;   /* nobody cares: the text is the status quo */
    /* Under k of n the text is made for the coalition that gains most (MODEL.md 5.3). */
    uint32_t coal[PS_MAX_COALITIONS];
    int ncoal = winning_coalitions(ws, agenda, nagenda, act, nact, coal);
    if (nagenda == 1) return propose_one(ws, agenda[0], act, nact, coal, ncoal, d, context, u, x);
    return propose_package_memo(ws, agenda, nagenda, act, nact, coal, ncoal, d, context, x);
}

int ps_mediator_propose(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                        const double *d, const double *context, double *x)
{
    double u[PS_MAX_PARTIES];
    for (int j = 0; j < nwho; j++) u[who[j]] = ps_utility(&ws->st.party[who[j]], context, ws->s->nissues);
    return propose(ws, agenda, nagenda, who, nwho, d, context, u, x);
}

/* Party i's utility of x, which differs from the context of the talks on the agenda alone. */
static double utility_of(const ps_workspace *ws, const ps_talks *tk, int i, const double *x)
{
    const ps_party_state *p = &ws->st.party[i];
    double u = tk->u[i];
    if (tk->nagenda == 1) return u + (ps_utility_term(p, tk->agenda[0], x[tk->agenda[0]]) - tk->here[i]);
    for (int a = 0; a < tk->nagenda; a++) {
        int k = tk->agenda[a];
        u += ps_utility_term(p, k, x[k]) - ps_utility_term(p, k, tk->context[k]);
    }
    return u;
}

/* The mediated single text: the mediator's proposal (or the issue's fixed `proposal`), answered
 * by each party's logit vote against its aspiration (MODEL.md 5.3-5.4). */
/* Party i's aspiration this round: what it aims at, from the best it could get on the agenda. */
static double aspiration_of(ps_workspace *ws, const ps_talks *tk, int i)
{
    ps_party_state *p = &ws->st.party[i];
    double umax = utility_of(ws, tk, i, p->ideal);   /* its ideal on the agenda, the context elsewhere */
    return umax <= tk->d[i] ? tk->d[i] : ps_aspiration_alpha(p, ps_tactic_alpha_memo(ws, i, ws->st.t), umax, tk->d[i]);
}

/* A note about the text x (for the observer, or for the player's decision). */
static void text_note(const ps_talks *tk, const double *x, int source, ps_note *n)
{
    memset(n, 0, sizeof *n);
    n->kind = PS_NOTE_PROPOSAL;
    n->nagenda = tk->nagenda;
    for (int a = 0; a < tk->nagenda; a++) {
        n->agenda[a] = tk->agenda[a];
        n->x[tk->agenda[a]] = x[tk->agenda[a]];
    }
    n->source = source;
}

/* Asks the person playing a party (ps_trace.h) for its answer to x; returns PS_PLAY_*. A
 * counter-proposal replaces x on the agenda. */
static int ask_player(ps_workspace *ws, const ps_talks *tk, int i, double *x, int *source)
{
    ps_party_state *p = &ws->st.party[i];
    ps_note text, own;
    text_note(tk, x, *source, &text);
    text.t = ws->st.t;
    memset(&own, 0, sizeof own);
    own.t = ws->st.t;
    own.kind = PS_NOTE_RESPONSE;
    own.party = i;
    own.aspiration = p->aspiration = aspiration_of(ws, tk, i);
    own.utility = utility_of(ws, tk, i, x);
    own.batna = tk->d[i];
    double counter[PS_MAX_ISSUES];
    for (int k = 0; k < ws->s->nissues; k++) counter[k] = x[k];
    int answer = ws->obs->decide(ws->obs->ctx, &text, &own, counter);
    if (answer == PS_PLAY_PROPOSE) {
        for (int a = 0; a < tk->nagenda; a++) x[tk->agenda[a]] = clip01(counter[tk->agenda[a]]);
        *source = PS_SOURCE_PLAYER;
    }
    return answer;
}

void ps_mediated_negotiate(ps_workspace *ws, const ps_talks *tk)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    double x[PS_MAX_ISSUES];
    int accepts[PS_MAX_PARTIES];
    int source = PS_SOURCE_MEDIATOR;
    for (int j = 0; j < tk->nwho; j++) accepts[tk->who[j]] = 0;   /* only these are read */
    propose(ws, tk->agenda, tk->nagenda, tk->who, tk->nwho, tk->d, tk->context, tk->u, x);
    for (int a = 0; a < tk->nagenda; a++) {
        const ps_issue *is = &s->issues[tk->agenda[a]];
        if (is->has_proposal) {
            x[tk->agenda[a]] = clip01(ws->v[is->proposal]);
            source = PS_SOURCE_FIXED;
        }
    }
    /* A person playing one of the parties answers first: a counter-proposal of theirs is then
     * the text the others vote on. */
    int player = ws->obs && ws->obs->decide ? ws->obs->player : -1, plays = 0;
    for (int j = 0; j < tk->nwho && player >= 0; j++) plays |= tk->who[j] == player;
    if (plays) {
        int answer = ask_player(ws, tk, player, x, &source);
        if (answer == PS_PLAY_QUIT) { ws->quit = 1; return; }
        accepts[player] = answer != PS_PLAY_REFUSE;
    }
    if (ws->obs && ws->obs->note) {
        ps_note n;
        text_note(tk, x, source, &n);
        ps_note_emit(ws, &n);
    }
    uint64_t h_vote = ps_rng_round(ws->key, PS_STREAM_VOTE, (uint32_t)st->t);
    for (int j = 0; j < tk->nwho; j++) {
        int i = tk->who[j];
        ps_party_state *p = &st->party[i];
        double prob, utility = NAN, aspiration = NAN;
        if (plays && i == player) {
            prob = accepts[i];
            utility = utility_of(ws, tk, i, x);
            aspiration = p->aspiration;
        } else if (ps_indifferent(p, tk)) {
            /* A party with nothing at stake in the agenda consents: it neither gains nor loses by
             * the text, and a coin-flip refusal would block the others. */
            accepts[i] = 1;
            prob = 1;
        } else {
            aspiration = p->aspiration = aspiration_of(ws, tk, i);
            utility = utility_of(ws, tk, i, x);
            prob = ps_accept_probability(p->noise, utility, p->aspiration);
            double u = ps_rng_slot_u01(h_vote, (uint32_t)(tk->agenda[0] * PS_MAX_PARTIES + i));
            accepts[i] = u < prob;
        }
        PS_NOTE(ws, .kind = PS_NOTE_RESPONSE, .party = i, .utility = utility, .aspiration = aspiration,
                .batna = tk->d[i], .p_accept = prob, .accepted = accepts[i]);
    }
    ps_round_settle(ws, tk, x, accepts);
}
