/* ps_fixture.h: small scenarios built in C for the unit tests. */
#ifndef PS_FIXTURE_H
#define PS_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include "ps_model.h"

/* The index of a new constant x. */
static inline ps_vid K(ps_scenario *s, double x)
{
    ps_vid id;
    if (ps_scenario_add_const(s, x, &id) != PS_OK) { fprintf(stderr, "fixture: add_const failed\n"); return 0; }
    return id;
}

/* A scenario of n signatory parties and m continuous issues, every issue needing all parties;
 * parties: capability 1, patience 0, no war cost, linear utility, deterministic acceptance
 * (noise +inf), trust 1, no premium, no learning, linear tactic (e = 1, k = 0), ideal 0.5,
 * salience 1/m, deadline = rounds (its constants after all the others); issues: no deal 0, no
 * lag, no failure, no breakdown. */
static inline ps_scenario *fixture(int n, int m, int rounds)
{
    ps_scenario *s = ps_scenario_alloc();
    snprintf(s->name, sizeof s->name, "fixture");
    s->rounds = rounds;
    s->nparties = n;
    s->nissues = m;
    for (int i = 0; i < n; i++) {
        ps_party *p = &s->parties[i];
        snprintf(p->name, PS_NAME_MAX, "P%d", i);
        p->role = PS_ROLE_SIGNATORY;
        p->capability = K(s, 1);
        p->patience = K(s, 0);
        p->war_cost = K(s, 0);
        p->sanctions_cost = K(s, 0);
        p->curvature = K(s, 1);
        p->noise = K(s, INFINITY);
        p->trust = K(s, 1);
        p->premium = K(s, 0);
        p->learn = K(s, 0);
        p->tactic = PS_TACTIC_POLY;
        p->tactic_e = K(s, 1);
        p->tactic_k = K(s, 0);
        p->supports = -1;
        p->support = K(s, 0);
        p->spoil = K(s, 0);
        for (int k = 0; k < m; k++) { p->ideal[k] = K(s, 0.5); p->salience[k] = K(s, 1.0 / m); }
    }
    for (int k = 0; k < m; k++) {
        ps_issue *is = &s->issues[k];
        snprintf(is->name, PS_NAME_MAX, "I%d", k);
        is->nconsent = is->consent_k = n;
        for (int i = 0; i < n; i++) is->consent[i] = i;
        is->nodeal_kind = PS_NODEAL_VALUE;
        is->nodeal = K(s, 0);
        is->lag = is->fail = is->hazard = is->hazard_distrust = K(s, 0);
    }
    s->trust_gain = s->trust_loss = K(s, 0);
    for (int i = 0; i < n; i++) {
        s->parties[i].has_deadline = 1;
        s->parties[i].deadline = K(s, rounds);
    }
    return s;
}

#endif
