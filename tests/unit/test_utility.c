/* test_utility.c: utilities, horizons, BATNAs, tactics, aspirations and acceptance against
 * hand-computed values (MODEL.md sections 2-5). */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_fixture.h"
#include "ps_engine.h"

PS_TEST(utility_linear_and_curved)
{
    ps_party_state p;
    memset(&p, 0, sizeof p);
    p.curvature = 1;
    p.ideal[0] = 0.8; p.ideal[1] = 0.1; p.ideal[2] = 0.5;
    p.salience[0] = 0.5; p.salience[1] = 0.3; p.salience[2] = 0.2;
    double x[3] = {0.3, 0.4, 0.5};
    /* 0.5 (1 - 0.5) + 0.3 (1 - 0.3) + 0.2 (1 - 0) = 0.25 + 0.21 + 0.2 */
    EXPECT_NEAR(ps_utility(&p, x, 3), 0.66, 1e-15);
    p.curvature = 2;
    /* 0.5 (1 - 0.25) + 0.3 (1 - 0.09) + 0.2 = 0.375 + 0.273 + 0.2 */
    EXPECT_NEAR(ps_utility(&p, x, 3), 0.848, 1e-15);
    p.curvature = 1.5;
    EXPECT_NEAR(ps_utility(&p, x, 3), 0.5 * (1 - pow(0.5, 1.5)) + 0.3 * (1 - pow(0.3, 1.5)) + 0.2, 1e-15);
}

PS_TEST(horizon_caps_at_rounds_left)
{
    EXPECT_NEAR(ps_horizon(0.9, 100), 9.0, 1e-12);      /* delta / (1 - delta) */
    EXPECT_NEAR(ps_horizon(0.9, 4), 4.0, 0);            /* capped at the rounds left */
    EXPECT_NEAR(ps_horizon(0.75, 10), 3.0, 1e-12);
    EXPECT_NEAR(ps_horizon(0.99, 0), 0.0, 0);
}

/* Fearon (1995): with one issue, linear utility and no deal at the front p, a deal x is better
 * than war for A (ideal 1) when x >= p - cA and for B (ideal 0) when x <= p + cB, where c is
 * the war cost times the horizon. */
PS_TEST(batna_is_fearon_range)
{
    ps_scenario *s = fixture(2, 1, 20);
    s->issues[0].nodeal_kind = PS_NODEAL_FRONT;
    s->front.issue = 0; s->front.up = 0; s->front.down = 1;
    s->front.start = K(s, 0.6);
    s->parties[0].ideal[0] = K(s, 1.0);
    s->parties[1].ideal[0] = K(s, 0.0);
    s->parties[0].patience = K(s, 0.8);     /* H = 4 */
    s->parties[1].patience = K(s, 0.75);    /* H = 3 */
    s->parties[0].war_cost = K(s, 0.02);    /* cA = 0.08 */
    s->parties[1].war_cost = K(s, 0.03);    /* cB = 0.09 */
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ws->st.drift = 0;
    double ctx[PS_MAX_ISSUES];
    ps_context(s, &ws->st, ctx);
    EXPECT_NEAR(ctx[0], 0.6, 0);
    EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 1), 0.6 - 0.08, 1e-12);          /* U_A(p) - cA */
    EXPECT_NEAR(ps_batna(s, &ws->st, 1, ctx, 1), (1 - 0.6) - 0.09, 1e-12);    /* U_B(p) - cB */
    /* the projected front: a drift of +0.01 a round moves A's no-deal point by 4 rounds' worth */
    ws->st.drift = 0.01;
    EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 1), 0.64 - 0.08, 1e-12);
    EXPECT_NEAR(ps_batna(s, &ws->st, 1, ctx, 1), (1 - 0.63) - 0.09, 1e-12);
    /* sanctions add to the war cost: kappa = 0.02 + 0.05 * 0.4 */
    s->parties[0].sanctions_cost = K(s, 0.05);
    ps_workspace_free(ws);
    ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ws->st.sanctions = 0.4;
    EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 1), 0.6 - 4 * (0.02 + 0.05 * 0.4), 1e-12);
    /* near the horizon fewer rounds are at stake: at t = 18 of 20, H = 2 */
    ws->st.t = 18;
    EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 1), 0.6 - 2 * 0.04, 1e-12);
    /* an agenda that cannot stop the war leaves the war on both sides of the choice */
    EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 0), 0.6, 1e-15);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* sum over s = 1..h of P(broken down by s) = sum (1 - (1-q)^s): by hand, q = 0.5, h = 2:
 * 0.5 + 0.75; q = 0.1, h = 3: 0.1 + 0.19 + 0.271. */
PS_TEST(breakdown_shadow)
{
    EXPECT_NEAR(ps_breakdown_war_rounds(0.5, 2), 1.25, 1e-15);
    EXPECT_NEAR(ps_breakdown_war_rounds(0.1, 3), 0.561, 1e-15);
    EXPECT_NEAR(ps_breakdown_war_rounds(0.0, 10), 0.0, 0);
    EXPECT_NEAR(ps_breakdown_war_rounds(1.0, 7), 7.0, 0);
    /* A ceasefire in force (issue 0) with hazard 0.1 + 0.2 * distrust 0.5 = 0.2 per round:
     * territory (issue 1) on the table; party 0 (H = 3 at patience 0.75) expects
     * 3 - 0.8 (1 - 0.512) / 0.2 = 1.048 rounds of war, at cost 0.05 a round. */
    ps_scenario *s = fixture(2, 2, 20);
    s->issues[0].freezes_front = 1;
    s->issues[0].hazard = K(s, 0.1);
    s->issues[0].hazard_distrust = K(s, 0.2);
    s->issues[1].nodeal_kind = PS_NODEAL_FRONT;
    s->front.issue = 1; s->front.up = 0; s->front.down = 1;
    s->front.start = K(s, 0.4);
    s->parties[0].patience = K(s, 0.75);
    s->parties[0].war_cost = K(s, 0.05);
    s->parties[0].trust = s->parties[1].trust = K(s, 0.5);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ws->st.issue[0].status = PS_ISSUE_IN_FORCE;
    ws->st.issue[0].terms = 0.5;
    EXPECT_NEAR(ps_breakdown_hazard(s, &ws->st, 0), 0.2, 1e-15);
    double ctx[PS_MAX_ISSUES];
    ps_context(s, &ws->st, ctx);
    double u = ps_utility(&ws->st.party[0], ctx, 2);
    EXPECT_NEAR(u, 0.5 * 1 + 0.5 * (1 - 0.1), 1e-15);       /* ideal 0.5 on both */
    EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 1), u - 0.05 * 1.048, 1e-12);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST(faratin_tactics)
{
    /* polynomial: k + (1 - k)(t/T)^(1/e) */
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_POLY, 0.5, 0.1, 13, 26), 0.325, 1e-15);
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_POLY, 2.0, 0.0, 9, 36), 0.5, 1e-15);
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_POLY, 1.0, 0.2, 0, 10), 0.2, 0);
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_POLY, 0.3, 0.0, 10, 10), 1.0, 0);
    /* exponential: exp((1 - t/T)^e ln k) */
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_EXP, 2.0, 0.2, 5, 10), 0.668740304976422, 1e-14);
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_EXP, 1.0, 0.3, 10, 10), 1.0, 1e-15);
    /* Boulware concedes less than a conceder at the same time */
    EXPECT(ps_tactic_alpha(PS_TACTIC_POLY, 0.3, 0, 5, 10) < ps_tactic_alpha(PS_TACTIC_POLY, 3, 0, 5, 10));
}

PS_TEST(aspiration_with_distrust_premium)
{
    ps_party_state p;
    memset(&p, 0, sizeof p);
    p.tactic_e = 1; p.tactic_k = 0; p.trust = 1; p.premium = 0.5;
    /* t/T = 0.25: alpha 0.25; A = 0.9 - 0.25 (0.9 - 0.3) = 0.75 */
    EXPECT_NEAR(ps_aspiration(&p, PS_TACTIC_POLY, 0.9, 0.3, 5, 20), 0.75, 1e-15);
    /* trust 0.2: A + 0.5 * 0.8 * (0.9 - 0.75) = 0.81 */
    p.trust = 0.2;
    EXPECT_NEAR(ps_aspiration(&p, PS_TACTIC_POLY, 0.9, 0.3, 5, 20), 0.81, 1e-15);
    /* war worth more than the best deal: the aspiration is the BATNA, unreachable */
    EXPECT_NEAR(ps_aspiration(&p, PS_TACTIC_POLY, 0.4, 0.5, 5, 20), 0.5, 0);
}

PS_TEST(logit_acceptance)
{
    EXPECT_NEAR(ps_accept_probability(2, 0.8, 0.5), 0.6456563062257954, 1e-15);
    EXPECT_NEAR(ps_accept_probability(2, 0.5, 0.8), 1 - 0.6456563062257954, 1e-15);
    EXPECT_NEAR(ps_accept_probability(10, 0.4, 0.4), 0.5, 0);
    EXPECT_NEAR(ps_accept_probability(INFINITY, 0.4, 0.4), 1.0, 0);
    EXPECT_NEAR(ps_accept_probability(INFINITY, 0.39, 0.4), 0.0, 0);
}

PS_TEST_MAIN(PS_CASE(utility_linear_and_curved), PS_CASE(horizon_caps_at_rounds_left), PS_CASE(batna_is_fearon_range),
             PS_CASE(breakdown_shadow),
             PS_CASE(faratin_tactics), PS_CASE(aspiration_with_distrust_premium), PS_CASE(logit_acceptance))
