/* test_deadline.c: a party's deadline (what it believes of when the talks must end) is not the
 * observation window (the scenario's rounds): MODEL.md 3 and 5.3. The tactic and the horizon run
 * to the party's own deadline D_i, against Faratin's closed form; without one (no known end) they
 * take the limit D_i -> infinity; and watching longer does not change what happens in the rounds
 * both windows watch. */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_fixture.h"
#include "ps_engine.h"
#include "ps_lua.h"
#include "ps_run.h"

/* Faratin, Sierra and Jennings (1998), written out here: the polynomial tactic's share at t of T. */
static double faratin_poly(double e, double k, double t, double T) { return k + (1 - k) * pow(fmin(t / T, 1), 1 / e); }
/* the exponential tactic's: exp((1 - t/T)^e ln k) */
static double faratin_exp(double e, double k, double t, double T) { return exp(pow(1 - fmin(t / T, 1), e) * log(k)); }

/* A fixture of two parties watched for `rounds`, party 0 with deadline D (0: none), tactic
 * (family, e, k); party 1 keeps the fixture's deadline = rounds. */
static ps_scenario *tactic_scenario(int rounds, double D, ps_tactic family, double e, double k)
{
    ps_scenario *s = fixture(2, 1, rounds);
    ps_party *p = &s->parties[0];
    p->tactic = family;
    p->tactic_e = K(s, e);
    p->tactic_k = K(s, k);
    p->has_deadline = D > 0;
    if (D > 0) p->deadline = K(s, D);
    return s;
}

/* alpha_0(t) through the workspace (as the mediator asks for it), after a replication's draw */
static double alpha_at(ps_scenario *s, int t)
{
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    double a = ps_tactic_alpha_memo(ws, 0, t);
    ps_workspace_free(ws);
    return a;
}

/* (c) The tactic with deadline D is Faratin's closed form with T = D at every t, whatever the
 * rounds watched: the same D = 20 watched for 5, 20 and 40 rounds gives the same alpha(t) at
 * every t all three watch, and past D (watched only by the 40) alpha stays 1: the party is at
 * its reservation. */
PS_TEST(tactic_runs_to_the_party_deadline)
{
    const int windows[] = {5, 20, 40};
    const double e[] = {0.4, 1.0, 2.5};
    for (int w = 0; w < 3; w++)
        for (int j = 0; j < 3; j++) {
            int R = windows[w];
            ps_scenario *poly = tactic_scenario(R, 20, PS_TACTIC_POLY, e[j], 0.1);
            ps_scenario *ex = tactic_scenario(R, 20, PS_TACTIC_EXP, e[j], 0.1);
            for (int t = 0; t <= R; t++) {
                EXPECT_NEAR(alpha_at(poly, t), faratin_poly(e[j], 0.1, t, 20), 1e-15);
                EXPECT_NEAR(alpha_at(ex, t), faratin_exp(e[j], 0.1, t, 20), 1e-15);
            }
            ps_scenario_free(poly);
            ps_scenario_free(ex);
        }
    /* hand-computed points: poly e = 0.5, k = 0.1 at t = 5 of 20: 0.1 + 0.9 (1/4)^2 = 0.15625;
     * exp e = 1, k = 0.1 at t = 10 of 20: exp(0.5 ln 0.1) = sqrt(0.1) */
    ps_scenario *a = tactic_scenario(8, 20, PS_TACTIC_POLY, 0.5, 0.1), *b = tactic_scenario(12, 20, PS_TACTIC_EXP, 1, 0.1);
    EXPECT_NEAR(alpha_at(a, 5), 0.15625, 1e-15);
    EXPECT_NEAR(alpha_at(b, 10), sqrt(0.1), 1e-15);
    ps_scenario_free(a);
    ps_scenario_free(b);
    /* a deadline of one round: conceded to the reservation at once (T = 1, t = 1) */
    ps_scenario *c = tactic_scenario(10, 1, PS_TACTIC_POLY, 0.4, 0);
    EXPECT_NEAR(alpha_at(c, 1), 1.0, 0);
    EXPECT_NEAR(alpha_at(c, 7), 1.0, 0);
    ps_scenario_free(c);
}

/* (b) No deadline (no known end): the limit T -> infinity of Faratin's formulas, alpha(t) = k at
 * every t, for both families; the party concedes nothing by time. */
PS_TEST(no_deadline_no_time_pressure)
{
    const double ks[] = {0, 0.3, 1};
    for (int j = 0; j < 3; j++) {
        ps_scenario *poly = tactic_scenario(50, 0, PS_TACTIC_POLY, 2.0, ks[j]);
        ps_scenario *ex = tactic_scenario(50, 0, PS_TACTIC_EXP, 0.5, ks[j]);
        for (int t = 0; t <= 50; t++) {
            EXPECT_NEAR(alpha_at(poly, t), ks[j], 0);
            EXPECT_NEAR(alpha_at(ex, t), ks[j], 0);
        }
        ps_scenario_free(poly);
        ps_scenario_free(ex);
    }
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_POLY, 0.4, 0.2, 1e6, INFINITY), 0.2, 0);
    EXPECT_NEAR(ps_tactic_alpha(PS_TACTIC_EXP, 3, 0.2, 1e6, INFINITY), 0.2, 0);
}

/* The horizon H_i = delta/(1-delta) is cut at the party's own deadline, not at the rounds
 * watched; without a deadline it is uncut. Patience 0.9 (H = 9), war cost 0.02, the front at 0.6,
 * party 0's ideal 1: d_0 = U_0(0.6) - 0.02 H = 0.6 - 0.02 H, at round t = 8 of 10 watched. */
PS_TEST(horizon_runs_to_the_party_deadline)
{
    const double D[] = {10, 12, 30, 0};      /* 0: no deadline */
    const double H[] = {2, 4, 9, 9};         /* min(9, D - 8); uncut without one */
    for (int j = 0; j < 4; j++) {
        ps_scenario *s = tactic_scenario(10, D[j], PS_TACTIC_POLY, 1, 0);
        s->issues[0].nodeal_kind = PS_NODEAL_FRONT;
        s->front.issue = 0; s->front.up = 0; s->front.down = 1;
        s->front.start = K(s, 0.6);
        s->parties[0].ideal[0] = K(s, 1.0);
        s->parties[0].patience = K(s, 0.9);
        s->parties[0].war_cost = K(s, 0.02);
        ps_workspace *ws = ps_workspace_alloc(s);
        ps_state_init(ws, 1, 0);
        ws->st.t = 8;
        ws->st.drift = 0;
        double ctx[PS_MAX_ISSUES];
        ps_context(s, &ws->st, ctx);
        EXPECT_NEAR(ps_batna(s, &ws->st, 0, ctx, 1), 0.6 - 0.02 * H[j], 1e-12);
        ps_workspace_free(ws);
        ps_scenario_free(s);
    }
    EXPECT_NEAR(ps_horizon(0.9, INFINITY), 9.0, 1e-12);
    EXPECT_NEAR(ps_horizon(0.9, 2.5), 2.5, 0);   /* a deadline drawn between rounds */
}

/* Runs the script (a file, or src if not NULL) with one --set NAME=VALUE. */
static ps_result *run_script(const char *path, const char *src, const char *name, const char *value, uint64_t runs)
{
    const char *names[1] = {name}, *values[1] = {value};
    ps_script_options so = {.path = path, .nset = 1, .set_names = names, .set_values = values,
                            .limits = ps_sandbox_default_limits(), .version = "test",
                            .source = src, .source_len = src ? strlen(src) : 0};
    ps_scenario *s = NULL;
    ps_result *r = NULL;
    char err[512];
    if (ps_script_run(&so, &s, err, sizeof err) != PS_OK || !s) {
        fprintf(stderr, "%s: %s\n", path, err);
        ps_test_failed = 1;
        return NULL;
    }
    ps_run_options ro = {.runs = runs, .seed = 2385, .progress = NULL, .progress_ctx = NULL, .threads = 2};
    if (ps_run(s, &ro, &r) != PS_OK) ps_test_failed = 1;
    ps_scenario_free(s);
    return r;
}

/* The counts of first agreements by round, comprehensive and per issue, equal to the bit for
 * t = 0..upto; and not all zero (the comparison would then say nothing). */
static void expect_same_by_round(const ps_result *a, const ps_result *b, int upto)
{
    EXPECT(a && b && a->nissues == b->nissues && a->runs == b->runs);
    if (!a || !b) return;
    uint64_t any = 0;
    for (int t = 0; t <= upto; t++) {
        EXPECT_INT(a->comprehensive_by_round[t], b->comprehensive_by_round[t]);
        for (int k = 0; k < a->nissues; k++) {
            EXPECT_INT(a->issue[k].by_round[t], b->issue[k].by_round[t]);
            any += a->issue[k].by_round[t];
        }
        /* and so P(deal by round t) = 1 - S(t), the figure the reports show */
        EXPECT_NEAR(ps_result_survival(a, -1, t), ps_result_survival(b, -1, t), 0);
        for (int k = 0; k < a->nissues; k++) EXPECT_NEAR(ps_result_survival(a, k, t), ps_result_survival(b, k, t), 0);
    }
    EXPECT(any > 0);
}

/* (a) Changing only the observation window changes nothing in the rounds both windows watch.
 * The default scenario watched for 13 and for 26 weeks: the same first agreements by round for
 * t <= 13, to the bit. Equality is exact, not statistical: a replication's random numbers are
 * keyed by (seed, replication, stream, round) and its values by their index in the value table,
 * none of which depends on the rounds watched (the param `weeks` sets only the scenario's
 * rounds); and the rounds 1..13 of a replication read the rounds watched nowhere now (the tactics
 * and the horizons read each party's deadline), so both runs play the same rounds 1..13 with the
 * same numbers, and the counts are sums of the same integers. Before the deadline was a field of
 * its own, the tactics ran on t / rounds and this failed (P(ceasefire by week 13) was 23% watched
 * for 13 weeks, 5.5% watched for 26). */
PS_TEST(observation_window_does_not_change_the_rounds_watched)
{
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/istanbul_2025.lua", PEACESIM_SOURCE_DIR);
    ps_result *r13 = run_script(path, NULL, "weeks", "13", 4000), *r26 = run_script(path, NULL, "weeks", "26", 4000);
    expect_same_by_round(r13, r26, 13);
    ps_result_free(r13);
    ps_result_free(r26);
}

/* The same with drawn deadlines (the party's belief uncertain from one replication to the next)
 * and a party with none, under the alternating protocol, whose tactics each run to the party's
 * own deadline, and the mediated one. */
PS_TEST(observation_window_with_drawn_deadlines)
{
    static const char *const protocols[] = {"mediated", "alternating"};
    for (int j = 0; j < 2; j++) {
        char src[1200];
        snprintf(src, sizeof src,
                 "local rounds = param('rounds', 10, 'rounds watched')\n"
                 "issue 'share' { no_deal = 0.5 }\n"
                 "party 'A' { ideal = { share = 1 }, salience = { share = 1 }, reservation = 0.45, noise = 8,\n"
                 "            concession = { e = 0.5, k = 0.05 }, deadline = uniform(4, 30) }\n"
                 "party 'B' { ideal = { share = 0 }, salience = { share = 1 }, reservation = 0.4, noise = 8,\n"
                 "            concession = { tactic = 'exp', e = 2, k = 0.1 }%s }\n"
                 "return scenario { name = 'window', rounds = rounds, protocol = '%s' }\n",
                 j == 0 ? "" : ", deadline = triangular(3, 8, 20)", protocols[j]);
        ps_result *a = run_script("window.lua", src, "rounds", "10", 4000), *b = run_script("window.lua", src, "rounds", "25", 4000);
        expect_same_by_round(a, b, 10);
        ps_result_free(a);
        ps_result_free(b);
    }
}

/* The Lua field: absent is no known end (+inf in the replication's state), a number is that
 * round, a distribution is drawn and clipped to [1, PS_MAX_DEADLINE]. */
PS_TEST(deadline_field_reads)
{
    const char *src = "issue 's' {}\n"
                      "party 'A' { salience = { s = 1 } }\n"
                      "party 'B' { salience = { s = 1 }, deadline = 7.5 }\n"
                      "party 'C' { salience = { s = 1 }, deadline = uniform(-10, 0.5) }\n"
                      "return scenario { name = 'd', rounds = 3 }\n";
    const char *names[1] = {"unused"}, *values[1] = {"1"};
    ps_script_options so = {.path = "d.lua", .nset = 0, .set_names = names, .set_values = values,
                            .limits = ps_sandbox_default_limits(), .version = "test", .source = src, .source_len = strlen(src)};
    ps_scenario *s = NULL;
    char err[512];
    EXPECT(ps_script_run(&so, &s, err, sizeof err) == PS_OK && s);
    if (!s) { fprintf(stderr, "%s\n", err); return; }
    EXPECT_INT(s->parties[0].has_deadline, 0);
    EXPECT_INT(s->parties[1].has_deadline, 1);
    EXPECT_INT(s->parties[2].has_deadline, 1);
    /* the deadlines' values come after every other value of the scenario */
    EXPECT(s->parties[1].deadline == s->nvalues - 2 && s->parties[2].deadline == s->nvalues - 1);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    EXPECT(isinf(ws->st.party[0].deadline) && ws->st.party[0].deadline > 0);
    EXPECT_NEAR(ws->st.party[1].deadline, 7.5, 0);
    EXPECT_NEAR(ws->st.party[2].deadline, 1.0, 0);   /* every draw below 1: clipped to 1 */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(tactic_runs_to_the_party_deadline), PS_CASE(no_deadline_no_time_pressure),
             PS_CASE(horizon_runs_to_the_party_deadline), PS_CASE(observation_window_does_not_change_the_rounds_watched),
             PS_CASE(observation_window_with_drawn_deadlines), PS_CASE(deadline_field_reads))
