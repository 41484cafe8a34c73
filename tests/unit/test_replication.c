/* test_replication.c: the world between rounds and the course of a replication (MODEL.md 3-6),
 * each step checked against numbers worked by hand. */
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_fixture.h"
#include "ps_engine.h"

static ps_event *add_event(ps_scenario *s, double chance)
{
    ps_event *ev;
    ps_scenario_add_event(s, &ev);
    snprintf(ev->name, PS_NAME_MAX, "e%d", s->nevents);
    ev->chance = K(s, chance);
    ev->rate = K(s, 0);
    return ev;
}

static void add_effect(ps_scenario *s, ps_event *ev, ps_effect_kind kind, int party, int issue, double by)
{
    ps_effect *e = &ev->eff[ev->neff++];
    e->kind = kind; e->party = party; e->issue = issue; e->by = K(s, by);
}

/* drift = scale (up - down) / (up + down) + bias, effective capabilities after sanctions and support */
PS_TEST(front_drift_from_balance_of_strength)
{
    ps_scenario *s = fixture(3, 1, 10);
    s->issues[0].nodeal_kind = PS_NODEAL_FRONT;
    s->front.issue = 0; s->front.up = 0; s->front.down = 1;
    s->front.start = K(s, 0.5);
    s->front.drift = K(s, 0.01);
    s->front.bias = K(s, 0.001);
    s->front.sigma = K(s, 0);
    s->parties[0].capability = K(s, 3);
    s->parties[1].capability = K(s, 1);
    s->parties[2].role = PS_ROLE_GUARANTOR;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ps_world_step(ws);
    EXPECT_NEAR(ws->st.drift, 0.01 * 2.0 / 4.0 + 0.001, 1e-15);
    EXPECT_NEAR(ws->st.front, 0.506, 1e-15);
    EXPECT_INT(ws->st.war_rounds, 1);
    ps_workspace_free(ws);
    /* party 2 lends Ukraine-like support of 1; sanctions of 0.4 with bite 0.5 cut the up side:
     * up = 3 (1 - 0.2) = 2.4, down = 1 + 1 = 2, drift = 0.01 * 0.4 / 4.4 + 0.001 */
    s->parties[2].supports = 1;
    s->parties[2].support = K(s, 1);
    s->sanctions.target = 0;
    s->sanctions.start = K(s, 0.4);
    s->sanctions.bite = K(s, 0.5);
    ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ps_world_step(ws);
    EXPECT_NEAR(ws->st.drift, 0.01 * 0.4 / 4.4 + 0.001, 1e-15);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST(events_conditions_and_once)
{
    ps_scenario *s = fixture(2, 1, 10);
    ps_event *later = add_event(s, 1.0);
    later->cond[later->ncond++] = (ps_condition){PS_COND_AFTER, -1, -1, 2};
    add_effect(s, later, PS_EFF_SANCTIONS, -1, -1, 0.1);
    ps_event *once = add_event(s, 1.0);
    once->once = 1;
    add_effect(s, once, PS_EFF_TRUST, 1, -1, -0.25);
    add_effect(s, once, PS_EFF_SHIFT, 0, 0, 0.2);
    ps_event *never = add_event(s, 0.0);
    add_effect(s, never, PS_EFF_END, -1, -1, 0);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    for (ws->st.t = 1; ws->st.t <= 4; ws->st.t++) ps_world_step(ws);
    EXPECT_NEAR(ws->st.sanctions, 0.2, 1e-15);            /* fired in rounds 3 and 4 */
    EXPECT_NEAR(ws->st.party[1].trust, 0.75, 1e-15);      /* once only */
    EXPECT_NEAR(ws->st.party[0].ideal[0], 0.7, 1e-15);
    EXPECT_INT(ws->st.ended, 0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST(implementation_lag_failure_and_trust)
{
    ps_scenario *s = fixture(2, 2, 10);
    s->issues[0].lag = K(s, 2);
    s->issues[1].fail = K(s, 1.0);
    s->trust_gain = K(s, 0.05);
    s->trust_loss = K(s, 0.2);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.party[0].trust = ws->st.party[1].trust = 0.5;
    ws->st.t = 1;
    ws->st.issue[0].status = PS_ISSUE_AGREED;
    ws->st.issue[0].implement_at = 1 + 2;
    ws->st.issue[1].status = PS_ISSUE_AGREED;
    ws->st.issue[1].implement_at = 2;
    ps_world_step(ws);
    EXPECT_INT(ws->st.issue[0].status, PS_ISSUE_AGREED);
    ws->st.t = 2;
    ps_world_step(ws);
    EXPECT_INT(ws->st.issue[1].status, PS_ISSUE_OPEN);    /* fail = 1: it reopens */
    EXPECT_INT(ws->st.issue[1].failures, 1);
    EXPECT_NEAR(ws->st.party[0].trust, 0.3, 1e-15);
    ws->st.t = 3;
    ps_world_step(ws);
    EXPECT_INT(ws->st.issue[0].status, PS_ISSUE_IN_FORCE);
    EXPECT_INT(ws->st.issue[0].ever_implemented, 1);
    EXPECT_NEAR(ws->st.party[1].trust, 0.35, 1e-15);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST(ceasefire_freezes_front_and_breaks_down)
{
    ps_scenario *s = fixture(2, 2, 10);
    s->issues[1].nodeal_kind = PS_NODEAL_FRONT;
    s->front.issue = 1; s->front.up = 0; s->front.down = 1;
    s->front.start = K(s, 0.5);
    s->front.sigma = K(s, 0.05);
    s->front.bias = K(s, 0.01);
    s->issues[0].freezes_front = 1;
    s->issues[0].hazard = K(s, 1.0);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ws->st.issue[0].status = PS_ISSUE_IN_FORCE;
    EXPECT_INT(ps_ceasefire_in_force(s, &ws->st), 1);
    ps_world_step(ws);
    EXPECT_NEAR(ws->st.front, 0.5, 0);                     /* frozen, violation sd 0 */
    EXPECT_INT(ws->st.war_rounds, 0);
    EXPECT_INT(ws->st.issue[0].status, PS_ISSUE_OPEN);     /* hazard 1: it broke down */
    EXPECT_INT(ws->st.issue[0].breakdowns, 1);
    ws->st.t = 2;
    ps_world_step(ws);
    EXPECT(ws->st.front != 0.5);
    EXPECT_INT(ws->st.war_rounds, 1);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Two parties with the same ideal 0.3 and deterministic acceptance agree in round 1 on 0.3. */
PS_TEST(agreement_ends_replication)
{
    ps_scenario *s = fixture(2, 1, 10);
    s->parties[0].ideal[0] = s->parties[1].ideal[0] = K(s, 0.3);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_outcome o;
    ps_replicate(ws, 7, 3, &o);
    EXPECT_INT(o.issue[0].settled, 1);
    EXPECT_INT(o.issue[0].round, 1);
    EXPECT_NEAR(o.issue[0].terms, 0.3, 1e-8);
    EXPECT_INT(o.comprehensive_round, 1);
    EXPECT_INT(o.kind, PS_OUTCOME_COMPREHENSIVE);
    EXPECT_INT(o.rounds_run, 1);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Issue 1 needs issue 0 carried out; issue 0 takes 2 rounds to implement. Agreed in round 1,
 * issue 0 comes into force in the world step of round 3, so issue 1 is agreed in round 3. */
PS_TEST(preconditions_sequence_issues)
{
    ps_scenario *s = fixture(2, 2, 10);
    s->issues[0].lag = K(s, 2);
    s->issues[1].nrequires = 1;
    s->issues[1].requires[0] = (ps_requirement){0, PS_STAGE_IMPLEMENTED};
    for (int i = 0; i < 2; i++) s->parties[i].ideal[0] = s->parties[i].ideal[1] = K(s, 0.3);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_outcome o;
    ps_replicate(ws, 1, 0, &o);
    EXPECT_INT(o.issue[0].round, 1);
    EXPECT_INT(o.issue[1].round, 3);
    EXPECT_INT(o.comprehensive_round, 3);
    EXPECT_INT(o.issue[0].implemented, 1);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Party 0 wants 1, party 1 wants 0, and party 1 gets everything it wants without a deal, so it
 * accepts nothing but 0 and the median proposal is 0. Party 0 (linear tactic, BATNA 0) aims at
 * 1 - t/5 in round t: it refuses in rounds 1-4 and accepts in round 5, at its reservation. A
 * policy adds 0.1 of sanctions after each refusal by party 0: in the world steps of rounds 2-5. */
PS_TEST(policy_on_refusal)
{
    ps_scenario *s = fixture(2, 1, 5);
    s->parties[0].ideal[0] = K(s, 1.0);
    s->parties[1].ideal[0] = K(s, 0.0);
    ps_event *ev = add_event(s, 1.0);
    ev->policy = 1;
    ev->by = 1;
    ev->cond[ev->ncond++] = (ps_condition){PS_COND_REFUSED, 0, 0, 0};
    add_effect(s, ev, PS_EFF_SANCTIONS, -1, -1, 0.1);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_outcome o;
    ps_replicate(ws, 1, 0, &o);
    EXPECT_INT(o.issue[0].round, 5);
    EXPECT_NEAR(o.issue[0].terms, 0.0, 0);
    EXPECT_NEAR(ws->st.sanctions, 0.4, 1e-12);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* A replication is a function of (scenario, seed, replication) alone. */
PS_TEST(replication_is_deterministic)
{
    ps_scenario *s = fixture(2, 1, 20);
    ps_value v = {0};
    char err[64];
    v.kind = PS_VAL_NORMAL; v.a = 0.4; v.b = 0.2;
    ps_scenario_add_value(s, &v, &s->parties[0].ideal[0], err, sizeof err);
    s->parties[0].noise = s->parties[1].noise = K(s, 5);
    s->parties[1].ideal[0] = K(s, 0.6);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_outcome a, b, c;
    memset(&a, 0, sizeof a); memset(&b, 0, sizeof b); memset(&c, 0, sizeof c);
    ps_replicate(ws, 11, 5, &a);
    ps_replicate(ws, 11, 6, &c);
    ps_replicate(ws, 11, 5, &b);
    EXPECT(memcmp(&a, &b, sizeof a) == 0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* "Refused" holds for the round after the refusal only: once the issue is off the table (an
 * event closes it in round 2), the policy stops. It fires once, in round 2. */
PS_TEST(refusal_policy_stops_when_issue_leaves_table)
{
    ps_scenario *s = fixture(2, 1, 6);
    s->parties[0].ideal[0] = K(s, 1.0);
    s->parties[1].ideal[0] = K(s, 0.0);
    s->parties[0].tactic_e = K(s, 0.2);      /* hard Boulware: refuses in round 1 */
    ps_event *closer = add_event(s, 1.0);
    closer->cond[closer->ncond++] = (ps_condition){PS_COND_AFTER, -1, -1, 1};
    add_effect(s, closer, PS_EFF_CLOSE, -1, 0, 0);
    ps_event *ev = add_event(s, 1.0);
    ev->cond[ev->ncond++] = (ps_condition){PS_COND_REFUSED, 0, 0, 0};
    add_effect(s, ev, PS_EFF_SANCTIONS, -1, -1, 0.1);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_outcome o;
    ps_replicate(ws, 1, 0, &o);
    EXPECT_INT(ws->st.issue[0].status, PS_ISSUE_CLOSED);
    EXPECT_NEAR(ws->st.sanctions, 0.1, 1e-15);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* A deal carried out changes the world: agreed sanctions replace the level; an agreed line
 * becomes the line of control and stops the front. */
PS_TEST(implemented_deals_change_the_world)
{
    ps_scenario *s = fixture(2, 2, 10);
    s->issues[0].nodeal_kind = PS_NODEAL_SANCTIONS;
    s->issues[1].nodeal_kind = PS_NODEAL_FRONT;
    s->front.issue = 1; s->front.up = 0; s->front.down = 1;
    s->front.start = K(s, 0.5);
    s->front.sigma = K(s, 0.05);
    s->sanctions.start = K(s, 0.8);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    ws->st.issue[0].status = ws->st.issue[1].status = PS_ISSUE_AGREED;
    ws->st.issue[0].terms = 0.3;
    ws->st.issue[1].terms = 0.62;
    ws->st.issue[0].implement_at = ws->st.issue[1].implement_at = 1;
    ps_world_step(ws);
    EXPECT_NEAR(ws->st.sanctions, 0.3, 0);
    EXPECT_NEAR(ws->st.front, 0.62, 0);
    EXPECT_INT(ps_ceasefire_in_force(s, &ws->st), 1);
    ws->st.t = 2;
    ps_world_step(ws);
    EXPECT_NEAR(ws->st.front, 0.62, 0);      /* frozen: violation sd 0 */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Common random numbers: two variants that differ only in how a party votes see the same front
 * noise and the same events in every replication (no ceasefire can freeze the front here). */
PS_TEST(variants_share_their_random_numbers)
{
    ps_scenario *a = fixture(2, 1, 12), *b = fixture(2, 1, 12);
    ps_scenario *both[2] = {a, b};
    for (int v = 0; v < 2; v++) {
        ps_scenario *s = both[v];
        s->parties[0].ideal[0] = K(s, 0.8);
        s->parties[1].ideal[0] = K(s, 0.2);
        s->parties[0].noise = s->parties[1].noise = K(s, v == 0 ? 5 : 40);
        s->issues[0].lag = K(s, 100);   /* never carried out: both variants run all 12 rounds */
        ps_event *ev = add_event(s, 0.3);
        add_effect(s, ev, PS_EFF_SANCTIONS, -1, -1, 0.01);
    }
    /* the sanctions level, fed by a chance event, carries the shared draws */
    ps_workspace *wa = ps_workspace_alloc(a), *wb = ps_workspace_alloc(b);
    int same = 0, votes_differ = 0;
    for (uint64_t r = 0; r < 200; r++) {
        ps_outcome oa, ob;
        ps_replicate(wa, 3, r, &oa);
        ps_replicate(wb, 3, r, &ob);
        same += wa->st.sanctions == wb->st.sanctions && oa.rounds_run == 12 && ob.rounds_run == 12;
        votes_differ += oa.issue[0].round != ob.issue[0].round;
    }
    EXPECT_INT(same, 200);
    EXPECT(votes_differ > 20);   /* the variants do differ where they should */
    ps_workspace_free(wa); ps_workspace_free(wb);
    ps_scenario_free(a); ps_scenario_free(b);
}

/* A consenting party that cares nothing for the issue consents: the two that care, sharing the
 * ideal 0.4 with deterministic acceptance, agree in round 1 although the third would accept only
 * half the time under its logit. */
PS_TEST(indifferent_party_consents)
{
    ps_scenario *s = fixture(3, 1, 10);
    s->parties[0].ideal[0] = s->parties[1].ideal[0] = K(s, 0.4);
    s->parties[2].salience[0] = K(s, 0);
    s->parties[2].noise = K(s, 3);
    ps_workspace *ws = ps_workspace_alloc(s);
    int agreed_first = 0;
    for (uint64_t r = 0; r < 50; r++) {
        ps_outcome o;
        ps_replicate(ws, 1, r, &o);
        agreed_first += o.issue[0].round == 1;
    }
    EXPECT_INT(agreed_first, 50);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(indifferent_party_consents), PS_CASE(refusal_policy_stops_when_issue_leaves_table), PS_CASE(implemented_deals_change_the_world),
             PS_CASE(variants_share_their_random_numbers), PS_CASE(front_drift_from_balance_of_strength), PS_CASE(events_conditions_and_once),
             PS_CASE(implementation_lag_failure_and_trust), PS_CASE(ceasefire_freezes_front_and_breaks_down),
             PS_CASE(agreement_ends_replication), PS_CASE(preconditions_sequence_issues), PS_CASE(policy_on_refusal),
             PS_CASE(replication_is_deterministic))
