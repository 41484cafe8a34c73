/* ps_mediator.c: the mediated single-text protocol's proposal (MODEL.md 5.3).
 *
 * The mediator proposes the capability-weighted Nash bargaining solution (Nash 1950; the
 * asymmetric form of Kalai 1977): maximise sum_i w_i log(U_i(x) - d_i) over the agenda issues.
 * With rho_i >= 1 each U_i is concave, so the objective is concave on the convex set where every
 * party gains: one issue is solved by golden-section search, a package by Nelder-Mead. Where no
 * point gives every party more than its BATNA, the mediator falls back to the weighted median of
 * the parties' positions (weights capability times salience: Black 1948; Bueno de Mesquita 1994). */
#include <math.h>
#include <string.h>
#include "ps_engine.h"

#define GOLDEN 0.6180339887498949
#define LINE_TOL 1e-10

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

/* Golden-section search for the maximum of a unimodal f on [lo, hi]. */
static double golden_max(double (*f)(const line_problem *, double), const line_problem *lp, double lo, double hi)
{
    double x1 = hi - GOLDEN * (hi - lo), x2 = lo + GOLDEN * (hi - lo);
    double f1 = f(lp, x1), f2 = f(lp, x2);
    while (hi - lo > LINE_TOL) {
        if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + GOLDEN * (hi - lo); f2 = f(lp, x2); }
        else { hi = x2; x2 = x1; f2 = f1; x1 = hi - GOLDEN * (hi - lo); f1 = f(lp, x1); }
    }
    return 0.5 * (lo + hi);
}

/* The edge of the set where every party gains, between a point inside it and a point outside. */
static double line_edge(const line_problem *lp, double in, double out)
{
    while (fabs(out - in) > LINE_TOL) {
        double mid = 0.5 * (in + out);
        if (line_min_gap(lp, mid) > 0) in = mid; else out = mid;
    }
    return in;
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

static int propose_one(ps_workspace *ws, int k, const int *who, int nwho, const double *d,
                       const double *context, double *x)
{
    const ps_issue *is = &ws->s->issues[k];
    line_problem lp;
    lp.n = nwho;
    for (int j = 0; j < nwho; j++) {
        const ps_party_state *p = &ws->st.party[who[j]];
        double dist = fabs(context[k] - p->ideal[k]);
        double here = p->salience[k] * (1.0 - (p->curvature == 1.0 ? dist : pow(dist, p->curvature)));
        lp.w[j] = p->capability;
        lp.base[j] = ps_utility(p, context, ws->s->nissues) - here - d[who[j]];
        lp.s[j] = p->salience[k];
        lp.a[j] = p->ideal[k];
        lp.rho[j] = p->curvature;
    }
    if (is->noptions > 0) {
        int best = -1;
        double fbest = -INFINITY;
        for (int o = 0; o < is->noptions; o++) {
            double f = line_nash(&lp, is->option_x[o]);
            if (f > fbest) { fbest = f; best = o; }
        }
        if (best >= 0) { x[k] = is->option_x[best]; return 1; }
        x[k] = median_on(ws, k, who, nwho);
        return 0;
    }
    double xg = golden_max(line_min_gap, &lp, 0.0, 1.0);
    if (!(line_min_gap(&lp, xg) > 0)) { x[k] = median_on(ws, k, who, nwho); return 0; }
    double lo = line_min_gap(&lp, 0.0) > 0 ? 0.0 : line_edge(&lp, xg, 0.0);
    double hi = line_min_gap(&lp, 1.0) > 0 ? 1.0 : line_edge(&lp, xg, 1.0);
    x[k] = golden_max(line_nash, &lp, lo, hi);
    return 1;
}

/* A package: Nelder-Mead on a penalised objective. Inside the set where every party gains it is
 * -sum w log(gap); outside, a large constant plus the worst shortfall, which leads the simplex
 * into the set. */
typedef struct package_problem {
    ps_workspace *ws;
    const int *agenda, *who;
    int nagenda, nwho;
    const double *d;
    double x[PS_MAX_ISSUES];
} package_problem;

#define PACKAGE_OUTSIDE 1e6

static double package_eval(const gsl_vector *v, void *params, double *min_gap)
{
    package_problem *pp = params;
    for (int j = 0; j < pp->nagenda; j++) pp->x[pp->agenda[j]] = clip01(gsl_vector_get(v, (size_t)j));
    double f = 0, g = INFINITY;
    for (int j = 0; j < pp->nwho; j++) {
        int i = pp->who[j];
        const ps_party_state *p = &pp->ws->st.party[i];
        double gap = ps_utility(p, pp->x, pp->ws->s->nissues) - pp->d[i];
        if (gap < g) g = gap;
        if (gap > 0) f += p->capability * log(gap);
    }
    *min_gap = g;
    return g > 0 ? -f : PACKAGE_OUTSIDE - g;
}

static double package_objective(const gsl_vector *v, void *params)
{
    double g;
    return package_eval(v, params, &g);
}

static int propose_package(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                           const double *d, const double *context, double *x)
{
    package_problem pp = {ws, agenda, who, nagenda, nwho, d, {0}};
    memcpy(pp.x, context, sizeof(double) * (size_t)ws->s->nissues);
    gsl_multimin_fminimizer *nm = ws->nm[nagenda];
    gsl_vector *x0 = ws->nm_x, *step = ws->nm_step;
    gsl_vector_view xv = gsl_vector_subvector(x0, 0, (size_t)nagenda);
    gsl_vector_view sv = gsl_vector_subvector(step, 0, (size_t)nagenda);
    for (int j = 0; j < nagenda; j++) {
        gsl_vector_set(&xv.vector, (size_t)j, median_on(ws, agenda[j], who, nwho));
        gsl_vector_set(&sv.vector, (size_t)j, 0.1);
    }
    gsl_multimin_function fn = {package_objective, (size_t)nagenda, &pp};
    if (gsl_multimin_fminimizer_set(nm, &fn, &xv.vector, &sv.vector) != GSL_SUCCESS) goto fallback;
    for (int iter = 0; iter < 2000; iter++) {
        if (gsl_multimin_fminimizer_iterate(nm) != GSL_SUCCESS) break;
        if (gsl_multimin_fminimizer_size(nm) < 1e-9) break;
    }
    double g;
    package_eval(nm->x, &pp, &g);
    for (int j = 0; j < nagenda; j++) {
        int k = agenda[j];
        const ps_issue *is = &ws->s->issues[k];
        if (is->noptions > 0) {   /* snap a discrete issue to its nearest option */
            int best = 0;
            for (int o = 1; o < is->noptions; o++)
                if (fabs(is->option_x[o] - pp.x[k]) < fabs(is->option_x[best] - pp.x[k])) best = o;
            pp.x[k] = is->option_x[best];
        }
        x[k] = pp.x[k];
    }
    {
        double gap = INFINITY;
        for (int j = 0; j < nwho; j++) {
            double v = ps_utility(&ws->st.party[who[j]], x, ws->s->nissues) - d[who[j]];
            if (v < gap) gap = v;
        }
        if (gap > 0) return 1;
    }
fallback:
    for (int j = 0; j < nagenda; j++) x[agenda[j]] = median_on(ws, agenda[j], who, nwho);
    return 0;
}

int ps_mediator_propose(ps_workspace *ws, const int *agenda, int nagenda, const int *who, int nwho,
                        const double *d, const double *context, double *x)
{
    for (int k = 0; k < ws->s->nissues; k++) x[k] = context[k];
    if (nagenda == 1) return propose_one(ws, agenda[0], who, nwho, d, context, x);
    return propose_package(ws, agenda, nagenda, who, nwho, d, context, x);
}
