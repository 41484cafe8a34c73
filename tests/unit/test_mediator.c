/* test_mediator.c: the mediator's proposal against the Nash bargaining solution in closed form,
 * Black's weighted median, discrete options and packages (MODEL.md 5.3). */
#include <string.h>
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_fixture.h"
#include "ps_engine.h"

/* Two parties, one issue: party 0 wants 1, party 1 wants 0. */
static ps_workspace *two_sides(ps_scenario **sp, double rho, int package)
{
    ps_scenario *s = fixture(2, package ? 2 : 1, 10);
    s->package = package;
    for (int k = 0; k < s->nissues; k++) {
        s->parties[0].ideal[k] = K(s, 1.0);
        s->parties[1].ideal[k] = K(s, 0.0);
    }
    s->parties[0].curvature = s->parties[1].curvature = K(s, rho);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    *sp = s;
    return ws;
}

static const int agenda0[] = {0}, both[] = {0, 1};

/* Asymmetric Nash (Kalai 1977) with U1 = x, U2 = 1 - x: x = d1 + w1 / (w1 + w2) (1 - d1 - d2). */
PS_TEST(nash_linear_closed_form)
{
    ps_scenario *s;
    ps_workspace *ws = two_sides(&s, 1.0, 0);
    ws->st.party[0].capability = 2;
    ws->st.party[1].capability = 1;
    double d[2] = {0.1, 0.2}, ctx[1] = {0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, both, 2, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.1 + 2.0 / 3.0 * 0.7, 1e-8);
    /* symmetric weights and BATNAs: the split is even */
    ws->st.party[0].capability = 1;
    d[0] = d[1] = 0.15;
    ps_mediator_propose(ws, agenda0, 1, both, 2, d, ctx, x);
    EXPECT_NEAR(x[0], 0.5, 1e-8);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Quadratic utilities, weights 3 and 1, d = 0: the first-order condition
 * 6 (1 - x) / (1 - (1 - x)^2) = 2x / (1 - x^2), solved by bisection: x = 0.65816908252. */
PS_TEST(nash_quadratic_first_order_condition)
{
    ps_scenario *s;
    ps_workspace *ws = two_sides(&s, 2.0, 0);
    ws->st.party[0].capability = 3;
    double d[2] = {0, 0}, ctx[1] = {0}, x[1];
    ps_mediator_propose(ws, agenda0, 1, both, 2, d, ctx, x);
    EXPECT_NEAR(x[0], 0.6581690825203324, 1e-8);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Three linear parties (ideals 1, 0 and 0.3; weights 2, 1, 1.5; BATNAs 0.1, 0.2, 0.05): the
 * Nash point computed here by bisection on the slope of the concave log-product (values alone
 * would pin it down only to about 1e-8), independently of the mediator's closed form. */
static double nash3_slope(double x)
{
    static const double a[3] = {1, 0, 0.3}, w[3] = {2, 1, 1.5}, d[3] = {0.1, 0.2, 0.05};
    double f = 0;
    for (int j = 0; j < 3; j++) f += w[j] * (x > a[j] ? -1.0 : 1.0) / (1 - fabs(x - a[j]) - d[j]);
    return f;
}

PS_TEST(nash_three_linear_parties)
{
    ps_scenario *s = fixture(3, 1, 10);
    const double ideal[3] = {1, 0, 0.3}, cap[3] = {2, 1, 1.5};
    for (int i = 0; i < 3; i++) s->parties[i].ideal[0] = K(s, ideal[i]);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    for (int i = 0; i < 3; i++) ws->st.party[i].capability = cap[i];
    const int who[3] = {0, 1, 2};
    double d[3] = {0.1, 0.2, 0.05}, ctx[1] = {0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    double lo = 0.31, hi = 0.79;   /* every gap positive, the slope falling through 0 */
    EXPECT(nash3_slope(lo) > 0 && nash3_slope(hi) < 0);
    for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (lo + hi);
        if (nash3_slope(mid) > 0) lo = mid; else hi = mid;
    }
    EXPECT_NEAR(x[0], 0.5 * (lo + hi), 1e-12);
    EXPECT(x[0] > 0.3 && x[0] < 1);   /* on the smooth piece right of the third party's kink */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

PS_TEST(weighted_median)
{
    const double pts[] = {0.9, 0.2, 0.5};
    const double w1[] = {3, 1, 1}, w2[] = {1.5, 2, 1}, w3[] = {0, 1, 1};
    EXPECT_NEAR(ps_weighted_median(pts, w1, 3), 0.9, 0);   /* 3 of 5 sits at 0.9 */
    EXPECT_NEAR(ps_weighted_median(pts, w2, 3), 0.5, 0);   /* cumulative 2, 3 of 4.5 */
    EXPECT_NEAR(ps_weighted_median(pts, w3, 3), 0.2, 0);   /* a tie at half: the lower point */
}

/* No point gives both more than their BATNA: the mediator proposes the weighted median of
 * positions, weights capability times salience. */
PS_TEST(no_zopa_falls_back_to_weighted_median)
{
    ps_scenario *s = fixture(3, 1, 10);
    s->parties[0].ideal[0] = K(s, 0.2);
    s->parties[1].ideal[0] = K(s, 0.5);
    s->parties[2].ideal[0] = K(s, 0.9);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.party[0].capability = 2;
    ws->st.party[1].capability = 1;
    ws->st.party[2].capability = 1.5;
    const int who[] = {0, 1, 2};
    double d[3] = {0.3, 0.3, 1.2}, ctx[1] = {0}, x[1];   /* party 2 can never gain */
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 0);
    EXPECT_NEAR(x[0], 0.5, 0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* The workspace remembers each issue's last problem and answer (ps_mediator.c): a problem that
 * differs in any number, the capability that weighs only the median included, must be solved
 * again, and every answer must be the one a fresh workspace gives, bit for bit. */
PS_TEST(remembered_proposal_is_a_fresh_one)
{
    ps_scenario *s = fixture(3, 1, 10);
    s->equal_weights = 1;   /* capability then enters only the median fallback */
    s->parties[0].ideal[0] = K(s, 0.2);
    s->parties[1].ideal[0] = K(s, 0.5);
    s->parties[2].ideal[0] = K(s, 0.9);
    ps_workspace *ws = ps_workspace_alloc(s), *fresh = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ps_state_init(fresh, 1, 0);
    const int who[] = {0, 1, 2};
    double ctx[1] = {0}, x[1], y[1];
    /* no point where all gain: the median, weights capability x salience (2, 1, 1.5 of 4.5) */
    double d[3] = {0.3, 0.3, 1.2};
    ws->st.party[0].capability = 2;
    ws->st.party[1].capability = 1;
    ws->st.party[2].capability = 1.5;
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 0);
    EXPECT_NEAR(x[0], 0.5, 0);
    /* the same problem but party 2 at 5.385 (cumulative 2, 3, 8.385 of 8.385): 0.9, not 0.5 */
    ws->st.party[2].capability = 5.385;
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 0);
    EXPECT_NEAR(x[0], 0.9, 0);
    /* 600 problems cycling through four BATNA profiles (past the 256 proposals on which the
     * workspace decides whether to keep remembering), each against a fresh workspace */
    const double profiles[4][3] = {{0.3, 0.3, 1.2}, {0.1, 0.2, 0.05}, {0.1, 0.2385, 0.05}, {0.1, 0.2, 0.05}};
    int same = 1;
    for (int n = 0; n < 600; n++) {
        const double *dn = profiles[n % 4 < 3 ? n % 4 : (n / 4) % 3];
        for (int i = 0; i < 3; i++) fresh->st.party[i] = ws->st.party[i];
        fresh->memo_tries = fresh->memo_hits = 0;
        for (int k = 0; k < s->nissues; k++) fresh->propose_memo[(size_t)k * (size_t)fresh->propose_stride] = -1;
        int a = ps_mediator_propose(ws, agenda0, 1, who, 3, dn, ctx, x);
        int b = ps_mediator_propose(fresh, agenda0, 1, who, 3, dn, ctx, y);
        same &= a == b && memcmp(x, y, sizeof x) == 0;
    }
    EXPECT_INT(same, 1);
    EXPECT_INT(ws->memo_tries, 256);
    ps_workspace_free(ws);
    ps_workspace_free(fresh);
    ps_scenario_free(s);
}

PS_TEST(discrete_options)
{
    ps_scenario *s = fixture(2, 1, 10);
    s->parties[0].ideal[0] = K(s, 1.0);
    s->parties[1].ideal[0] = K(s, 0.0);
    s->issues[0].noptions = 3;
    s->issues[0].option_x[0] = 0; s->issues[0].option_x[1] = 0.5; s->issues[0].option_x[2] = 1;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.party[0].capability = 2;
    double d[2] = {0.1, 0.2}, ctx[1] = {0}, x[1];
    /* only 0.5 gives both a gain (needs 0.1 < x < 0.8) */
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, both, 2, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.5, 0);
    /* no option works: the median snapped to the nearest option; party 0 weighs 2 of 3 at 1 */
    d[0] = 0.6; d[1] = 0.6;
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, both, 2, d, ctx, x), 0);
    EXPECT_NEAR(x[0], 1.0, 0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* A package of two issues that the parties weigh differently (a logroll): party 0 weighs issue 0
 * 0.8, party 1 weighs issue 1 0.7; quadratic utilities. The optimum solves the first-order
 * conditions (Newton's method by hand): x = (0.72495414482, 0.22021366947). */
PS_TEST(package_nash_logroll)
{
    ps_scenario *s;
    ps_workspace *ws = two_sides(&s, 2.0, 1);
    ws->st.party[0].salience[0] = 0.8; ws->st.party[0].salience[1] = 0.2;
    ws->st.party[1].salience[0] = 0.3; ws->st.party[1].salience[1] = 0.7;
    double d[2] = {0, 0}, ctx[2] = {0, 0}, x[2];
    EXPECT_INT(ps_mediator_propose(ws, both, 2, both, 2, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.7249541448242028, 1e-9);   /* exact coordinate ascent (ps_mediator.c) */
    EXPECT_NEAR(x[1], 0.22021366947437382, 1e-9);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* A consenting party that cares nothing for the issue does not block the Nash point of the two
 * that do (it would otherwise break even everywhere and make every point infeasible). */
PS_TEST(indifferent_party_is_left_out)
{
    ps_scenario *s = fixture(3, 1, 10);
    s->parties[0].ideal[0] = K(s, 1.0);
    s->parties[1].ideal[0] = K(s, 0.0);
    s->parties[2].salience[0] = K(s, 0.0);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.party[0].capability = 2;
    const int who[] = {0, 1, 2};
    double d[3] = {0.1, 0.2, 0.0}, ctx[1] = {0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.1 + 2.0 / 3.0 * 0.7, 1e-8);
    /* nobody cares: the text is the status quo */
    ws->st.party[0].salience[0] = ws->st.party[1].salience[0] = 0;
    ctx[0] = 0.37;
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.37, 0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* The status quo is party 1's ideal and it loses nothing by waiting (d = its best): the only
 * point no one loses by is that ideal, 0.3, and the mediator proposes it. */
PS_TEST(break_even_point_is_proposed)
{
    ps_scenario *s;
    ps_workspace *ws = two_sides(&s, 1.0, 0);
    ws->st.party[1].ideal[0] = 0.3;
    double ctx[1] = {0.3}, d[2] = {0.2, 1.0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, both, 2, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.3, 1e-8);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Nash objective of the package x for parties who[0..3) with BATNAs d; -inf where one does not gain. */
static double nash_value(const ps_workspace *ws, const double *x, const double *d)
{
    double f = 0;
    for (int i = 0; i < 3; i++) {
        double gap = ps_utility(&ws->st.party[i], x, 2) - d[i];
        if (!(gap > 0)) return -INFINITY;
        f += ws->st.party[i].capability * log(gap);
    }
    return f;
}

/* The best Nash objective over a 401 x 401 grid of packages (-inf when no grid point lets all gain). */
static double grid_best(const ps_workspace *ws, const double *d)
{
    double best = -INFINITY, y[2];
    for (int a = 0; a <= 400; a++)
        for (int b = 0; b <= 400; b++) {
            y[0] = a / 400.0; y[1] = b / 400.0;
            double f = nash_value(ws, y, d);
            if (f > best) best = f;
        }
    return best;
}

/* A uniform on [0, 1) from a 64-bit linear congruential generator (Knuth's MMIX constants). */
static double lcg_uniform(uint64_t *z)
{
    *z = *z * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*z >> 11) * 0x1.0p-53;
}

/* Three parties' random two-issue package from the generator z: ideals, saliences summing to 1,
 * BATNAs dmax u; curvature rho0 for party 0 and rho for the others; capabilities 1 + cstep i. */
static void random_package(ps_workspace *ws, uint64_t *z, double dmax, double rho0, double rho, double cstep, double *d)
{
    for (int i = 0; i < 3; i++) {
        ps_party_state *p = &ws->st.party[i];
        p->ideal[0] = lcg_uniform(z);
        p->ideal[1] = lcg_uniform(z);
        p->salience[0] = 0.1 + 0.8 * lcg_uniform(z);
        p->salience[1] = 1 - p->salience[0];
        p->curvature = i == 0 ? rho0 : rho;
        p->capability = 1.0 + cstep * i;
        d[i] = dmax * lcg_uniform(z);
    }
}

/* Three parties, two issues, as one package. */
static ps_workspace *package_of_three(ps_scenario **sp)
{
    ps_scenario *s = fixture(3, 2, 10);
    s->package = 1;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    *sp = s;
    return ws;
}

/* Packages of 2 issues among 3 parties with random ideals, saliences, curvatures and BATNAs
 * (a fixed generator): the solver's Nash product is at least the best of a 401 x 401 grid,
 * less 1e-3 (the grid's own error at that spacing is larger). */
PS_TEST(package_beats_grid_search)
{
    ps_scenario *s;
    ps_workspace *ws = package_of_three(&s);
    const int who[] = {0, 1, 2};
    uint64_t z = 2385;
    int solved = 0;
    for (int trial = 0; trial < 40; trial++) {
        double d[3], ctx[2] = {0.5, 0.5}, x[2];
        random_package(ws, &z, 0.4, 1.0, 2.0, 1.0, d);
        double best = grid_best(ws, d);
        int nash = ps_mediator_propose(ws, both, 2, who, 3, d, ctx, x);
        if (best == -INFINITY) { EXPECT_INT(nash, 0); continue; }
        EXPECT_INT(nash, 1);
        EXPECT(nash_value(ws, x, d) >= best - 1e-3);
        solved++;
    }
    EXPECT(solved >= 20);   /* most trials have a bargaining set: the check is not vacuous */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Linear utilities (kinks at every ideal), 3 parties, 2 issues, 40 random trials: the package is
 * the optimum, not near it: at least the best of a 401 x 401 grid (no slack), and no move of
 * one issue by 1e-3 or 1e-7 either way improves it (with kinks only on planes x_k = a_ik, that
 * is the optimum: MODEL.md 5.3). Trials where some party cannot gain even at its own ideal
 * (BATNAs up to 1.1: one in eleven above the best any package gives) fall back to the median. */
PS_TEST(linear_package_is_the_optimum)
{
    ps_scenario *s;
    ps_workspace *ws = package_of_three(&s);
    const int who[] = {0, 1, 2};
    uint64_t z = 2385;
    int solved = 0, hopeless = 0;
    for (int trial = 0; trial < 40; trial++) {
        double d[3], ctx[2] = {0.5, 0.5}, x[2], y[2];
        random_package(ws, &z, 1.1, 1.0, 1.0, 0.5, d);
        double best = grid_best(ws, d);
        int nash = ps_mediator_propose(ws, both, 2, who, 3, d, ctx, x);
        int can = 1;   /* every party gains at its own ideal */
        for (int i = 0; i < 3; i++) can &= ps_utility(&ws->st.party[i], ws->st.party[i].ideal, 2) - d[i] > 0;
        if (!can) { EXPECT_INT(nash, 0); hopeless++; continue; }
        if (best == -INFINITY) continue;   /* a bargaining set too thin for the grid */
        EXPECT_INT(nash, 1);
        double f = nash_value(ws, x, d);
        EXPECT(f >= best);
        for (int k = 0; k < 2; k++)
            for (int h = 0; h < 4; h++) {
                y[0] = x[0]; y[1] = x[1];
                y[k] += (h & 1 ? -1 : 1) * (h & 2 ? 1e-7 : 1e-3);
                if (y[k] >= 0 && y[k] <= 1) EXPECT(nash_value(ws, y, d) <= f + 1e-12);
            }
        solved++;
    }
    EXPECT(solved >= 15 && hopeless >= 3);   /* both branches are exercised */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Multiplying every capability by the same number leaves the Nash point where it is: the
 * package's penalty for points where some party loses must outrank every point where all gain
 * at any scale (capabilities may go up to 1e9). 40 random packages, some with no point where
 * all gain, at capabilities 1, 1.5, 2 and at 2.385e8 times those. */
PS_TEST(package_ignores_the_scale_of_capabilities)
{
    ps_scenario *s;
    ps_workspace *ws = package_of_three(&s);
    const int who[] = {0, 1, 2};
    uint64_t z = 2385;
    int nash_points = 0;
    for (int trial = 0; trial < 40; trial++) {
        double d[3], ctx[2] = {0.5, 0.5}, x[2], y[2];
        random_package(ws, &z, 1.1, 1.0, 2.0, 0.5, d);
        int a = ps_mediator_propose(ws, both, 2, who, 3, d, ctx, x);
        for (int i = 0; i < 3; i++) ws->st.party[i].capability *= 2.385e8;
        int b = ps_mediator_propose(ws, both, 2, who, 3, d, ctx, y);
        EXPECT_INT(b, a);
        EXPECT_NEAR(y[0], x[0], 1e-9);
        EXPECT_NEAR(y[1], x[1], 1e-9);
        nash_points += a;
    }
    EXPECT(nash_points >= 20 && nash_points <= 37);   /* both outcomes occur */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* A package of a discrete issue (options 0 and 1) and a continuous one: the continuous optimum
 * rounded to the nearest option leaves party 1 worse off than its BATNA, but option 0 with the
 * continuous issue near 1 gives both a gain: the mediator must search the options. */
PS_TEST(package_searches_discrete_options)
{
    ps_scenario *s;
    ps_workspace *ws = two_sides(&s, 1.0, 1);
    ps_issue *is = &s->issues[0];
    is->noptions = 2; is->option_x[0] = 0; is->option_x[1] = 1;
    ws->st.party[0].salience[0] = 0.5; ws->st.party[0].salience[1] = 0.5;   /* wants (1, 1) */
    ws->st.party[1].salience[0] = 0.9; ws->st.party[1].salience[1] = 0.1;   /* wants (0, 0) */
    double d[2] = {0.45, 0.85}, ctx[2] = {0, 0}, x[2];
    /* at (0, y): party 0 gets 0.5 y > 0.45 when y > 0.9; party 1 gets 0.9 + 0.1 (1 - y) > 0.85 always */
    EXPECT_INT(ps_mediator_propose(ws, both, 2, both, 2, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.0, 0);
    EXPECT(x[1] > 0.9 && x[1] <= 1.0);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* --- k of n: the coalition the text is made for (MODEL.md 5.3) --- */

/* Three linear parties on one issue, as in nash_three_linear_parties (ideals 1, 0, 0.3;
 * capabilities 2, 1, 1.5; BATNAs 0.1, 0.2, 0.05), every one consenting, k of 3. */
static ps_workspace *three_on_a_line(ps_scenario **sp, int k)
{
    ps_scenario *s = fixture(3, 1, 10);
    const double ideal[3] = {1, 0, 0.3}, cap[3] = {2, 1, 1.5};
    for (int i = 0; i < 3; i++) s->parties[i].ideal[0] = K(s, ideal[i]);
    s->issues[0].consent_k = k;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ws->st.t = 1;
    for (int i = 0; i < 3; i++) ws->st.party[i].capability = cap[i];
    *sp = s;
    return ws;
}

/* Two of three, by hand. Between two linear parties' ideals their gains add to
 * S = 2 - (distance of the ideals) - d_i - d_j, and Nash's weighted point gives each the share
 * w_i / (w_i + w_j) of S. Pairs {1, 2}: S = 1.45, gains 0.58 and 0.87, mean log gain
 * (log 0.58 + 1.5 log 0.87) / 2.5 = -0.3014; {0, 2}: S = 1.15, -0.5431; {0, 1}: S = 0.7, -0.9932.
 * The text is the pair {1, 2}'s: 1 / (0.8 - x) = 1.5 / (0.65 + x), x = 0.22 (the three
 * parties' point, which unanimity gives, lies right of 0.3). */
PS_TEST(two_of_three_is_the_best_pairs_text)
{
    ps_scenario *s;
    ps_workspace *ws = three_on_a_line(&s, 2);
    const int who[3] = {0, 1, 2};
    double d[3] = {0.1, 0.2, 0.05}, ctx[1] = {0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.22, 1e-12);
    /* the memo keys on the rule too: the same numbers under unanimity give the three's point */
    s->issues[0].consent_k = 3;
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    EXPECT(x[0] > 0.31 && x[0] < 0.79);
    s->issues[0].consent_k = 2;
    ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x);
    EXPECT_NEAR(x[0], 0.22, 1e-12);
    /* Kalai-Smorodinsky for the same pair: its best gains where both gain are 0.8 (at 0) and
     * 0.95 (at 0.3); equal shares (0.8 - x) / 0.8 = (0.65 + x) / 0.95 give x = 0.24 / 1.75 */
    s->concept = PS_CONCEPT_KS;
    ws->propose_memo[0] = -1;   /* the concept is the scenario's, not part of the memo's key */
    ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x);
    EXPECT_NEAR(x[0], 0.24 / 1.75, 1e-9);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* A consenting party with nothing at stake consents (MODEL.md 5.4) and so counts towards k:
 * with party 2 indifferent, two of three need one vote of those that care. Alone, party 0 gains
 * up to 0.9 (at its ideal, 1) and party 1 up to 0.8: the text is party 0's ideal. Under
 * unanimity both must gain: Nash's two-party point 0.1 + 2/3 x 0.7. */
PS_TEST(indifferent_party_counts_towards_k)
{
    ps_scenario *s;
    ps_workspace *ws = three_on_a_line(&s, 2);
    ws->st.party[2].salience[0] = 0;
    const int who[3] = {0, 1, 2};
    double d[3] = {0.1, 0.2, 0.05}, ctx[1] = {0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 1.0, 0);
    s->issues[0].consent_k = 3;
    ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x);
    EXPECT_NEAR(x[0], 0.1 + 2.0 / 3.0 * 0.7, 1e-12);
    /* one of three: the indifferent party carries it alone, no vote need be won: the Nash
     * point of all who care, as before */
    s->issues[0].consent_k = 1;
    ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x);
    EXPECT_NEAR(x[0], 0.1 + 2.0 / 3.0 * 0.7, 1e-12);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Equal weights, ideals 0, 0.5 and 1, equal BATNAs: the pairs {0, 1} and {1, 2} gain exactly as
 * much (0.75 - d each, at 0.25 and at 0.75); the tie goes to the first coalition in the order
 * of its bits, the one that leaves out the last-declared party: 0.25. */
PS_TEST(coalition_ties_go_to_the_earlier_parties)
{
    ps_scenario *s = fixture(3, 1, 10);
    const double ideal[3] = {0, 0.5, 1};
    for (int i = 0; i < 3; i++) s->parties[i].ideal[0] = K(s, ideal[i]);
    s->issues[0].consent_k = 2;
    s->equal_weights = 1;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    const int who[3] = {0, 1, 2};
    double d[3] = {0.125, 0.125, 0.125}, ctx[1] = {0}, x[1];
    EXPECT_INT(ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x), 1);
    EXPECT_NEAR(x[0], 0.25, 1e-15);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* The one-issue memo keys on which parties can be in a coalition, not only on how many the rule
 * needs: one of {0, 1} and one of {0, 2} (the same numbers, the same k) are different problems.
 * Ideals 1, 0, 0.3, BATNAs 0.5, 0.1, 0.05: alone, party 1 gains up to 0.9 and party 2 up to 0.95,
 * party 0 up to 0.5; the text is party 1's ideal (0), then party 2's (0.3). */
PS_TEST(memo_keys_on_the_coalitions)
{
    ps_scenario *s;
    ps_workspace *ws = three_on_a_line(&s, 1);
    for (int i = 0; i < 3; i++) ws->st.party[i].capability = 1;
    ps_issue *is = &s->issues[0];
    is->nconsent = 2; is->consent[0] = 0; is->consent[1] = 1;
    const int who[3] = {0, 1, 2};
    double d[3] = {0.5, 0.1, 0.05}, ctx[1] = {0}, x[1];
    ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x);
    EXPECT_NEAR(x[0], 0.0, 0);
    is->consent[1] = 2;
    ps_mediator_propose(ws, agenda0, 1, who, 3, d, ctx, x);
    EXPECT_NEAR(x[0], 0.3, 1e-15);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* Weighted mean of the log gains of the parties in coalition w (bit i: party i) at x, over n
 * issues; -inf where one does not gain. */
static double coalition_mean_log(const ps_workspace *ws, unsigned w, const double *x, const double *d, int n)
{
    double f = 0, wsum = 0;
    for (int i = 0; w >> i; i++) {
        if (!(w >> i & 1)) continue;
        double gap = ps_utility(&ws->st.party[i], x, n) - d[i];
        if (!(gap > 0)) return -INFINITY;
        f += ws->st.party[i].capability * log(gap);
        wsum += ws->st.party[i].capability;
    }
    return f / wsum;
}

/* Random problems of 5 parties on one issue (curvatures 1 or 2, capabilities 1 to 3), k of 5
 * for k = 2, 3, 4: no coalition of k can do better at its own best point, on a grid of 20,001
 * terms, than the coalition that gains most does at the mediator's text (no slack: the grid
 * cannot beat an exact optimum). */
PS_TEST(no_coalition_beats_the_text_on_one_issue)
{
    ps_scenario *s = fixture(5, 1, 10);
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    const int who[5] = {0, 1, 2, 3, 4};
    uint64_t z = 2385;
    int checked = 0, unanimity_differs = 0;
    for (int trial = 0; trial < 60; trial++) {
        int k = 2 + trial % 3;
        s->issues[0].consent_k = k;
        double d[5], ctx[1] = {0.5}, x[1], y[1];
        for (int i = 0; i < 5; i++) {
            ps_party_state *p = &ws->st.party[i];
            p->ideal[0] = lcg_uniform(&z);
            p->curvature = lcg_uniform(&z) < 0.5 ? 1.0 : 2.0;
            p->capability = 1 + 2 * lcg_uniform(&z);
            d[i] = 0.9 * lcg_uniform(&z);
        }
        ps_mediator_propose(ws, agenda0, 1, who, 5, d, ctx, x);
        double text = -INFINITY, grid = -INFINITY;
        for (unsigned w = 1; w < 32; w++) {
            if (__builtin_popcount(w) != k) continue;
            double at = coalition_mean_log(ws, w, x, d, 1);
            if (at > text) text = at;
            for (int g = 0; g <= 20000; g++) {
                y[0] = g / 20000.0;
                double f = coalition_mean_log(ws, w, y, d, 1);
                if (f > grid) grid = f;
            }
        }
        if (grid == -INFINITY) continue;   /* no coalition can gain: the median fallback */
        EXPECT(text >= grid);
        checked++;
        s->issues[0].consent_k = 5;
        ps_mediator_propose(ws, agenda0, 1, who, 5, d, ctx, y);
        unanimity_differs += y[0] != x[0];
    }
    EXPECT(checked >= 40 && unanimity_differs >= 30);   /* the check is not vacuous */
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* The same for packages: 4 linear parties, 2 issues, 3 of 4 (each issue's rule), 30 random
 * trials against a 201 x 201 grid per coalition. The linear package is exact (MODEL.md 5.3), so
 * again no slack. */
PS_TEST(no_coalition_beats_the_package)
{
    ps_scenario *s = fixture(4, 2, 10);
    s->package = 1;
    for (int k = 0; k < 2; k++) s->issues[k].consent_k = 3;
    ps_workspace *ws = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    const int who[4] = {0, 1, 2, 3};
    uint64_t z = 2385;
    int checked = 0;
    for (int trial = 0; trial < 30; trial++) {
        double d[4], ctx[2] = {0.5, 0.5}, x[2], y[2];
        for (int i = 0; i < 4; i++) {
            ps_party_state *p = &ws->st.party[i];
            p->ideal[0] = lcg_uniform(&z);
            p->ideal[1] = lcg_uniform(&z);
            p->salience[0] = 0.1 + 0.8 * lcg_uniform(&z);
            p->salience[1] = 1 - p->salience[0];
            p->capability = 1 + lcg_uniform(&z);
            d[i] = 0.7 * lcg_uniform(&z);
        }
        ps_mediator_propose(ws, both, 2, who, 4, d, ctx, x);
        double text = -INFINITY, grid = -INFINITY;
        for (unsigned w = 1; w < 16; w++) {
            if (__builtin_popcount(w) != 3) continue;
            double at = coalition_mean_log(ws, w, x, d, 2);
            if (at > text) text = at;
            for (int a = 0; a <= 200; a++)
                for (int b = 0; b <= 200; b++) {
                    y[0] = a / 200.0; y[1] = b / 200.0;
                    double f = coalition_mean_log(ws, w, y, d, 2);
                    if (f > grid) grid = f;
                }
        }
        if (grid == -INFINITY) continue;
        EXPECT(text >= grid);
        checked++;
    }
    EXPECT(checked >= 20);
    ps_workspace_free(ws);
    ps_scenario_free(s);
}

/* The workspace remembers the last package problem and its answer (ps_mediator.c). The answer
 * stored is replaced by a mark: the same problem again returns the mark (the memo is used), and
 * a problem that differs by an ulp in any number it holds, or by its rule, is solved again and
 * gives what a fresh workspace gives, bit for bit. */
PS_TEST(remembered_package_is_a_fresh_one)
{
    ps_scenario *s = fixture(4, 2, 10);
    s->package = 1;
    for (int k = 0; k < 2; k++) s->issues[k].consent_k = 3;
    ps_workspace *ws = ps_workspace_alloc(s), *fresh = ps_workspace_alloc(s);
    ps_state_init(ws, 1, 0);
    ps_state_init(fresh, 1, 0);
    const int who[4] = {0, 1, 2, 3};
    uint64_t z = 2385;
    double d[4], ctx[2] = {0.5, 0.5}, x[2], y[2];
    for (int i = 0; i < 4; i++) {
        ps_party_state *p = &ws->st.party[i];
        p->ideal[0] = lcg_uniform(&z);
        p->ideal[1] = lcg_uniform(&z);
        p->salience[0] = 0.1 + 0.8 * lcg_uniform(&z);
        p->salience[1] = 1 - p->salience[0];
        d[i] = 0.5 * lcg_uniform(&z);
    }
    ps_mediator_propose(ws, both, 2, who, 4, d, ctx, x);
    for (int change = 0; change < 9; change++) {
        const double mark = 0.2385;
        ws->package_memo[2] = mark;   /* issue 0's stored terms */
        ps_mediator_propose(ws, both, 2, who, 4, d, ctx, x);
        EXPECT_NEAR(x[0], mark, 0);
        ps_party_state *p = &ws->st.party[change % 4];
        switch (change) {
        case 0: d[1] = nextafter(d[1], 1); break;
        case 1: p->capability = nextafter(p->capability, 2); break;
        case 2: p->curvature = nextafter(p->curvature, 2); break;
        case 3: p->ideal[1] = nextafter(p->ideal[1], 1); break;
        case 4: p->salience[0] = nextafter(p->salience[0], 1); break;
        case 5: ctx[1] = nextafter(ctx[1], 1); break;
        case 6: for (int k = 0; k < 2; k++) s->issues[k].consent_k = 4; break;
        case 7: for (int k = 0; k < 2; k++) s->issues[k].consent_k = 2; break;
        case 8: d[3] = nextafter(d[3], 0); break;
        }
        int a = ps_mediator_propose(ws, both, 2, who, 4, d, ctx, x);
        for (int i = 0; i < 4; i++) fresh->st.party[i] = ws->st.party[i];
        fresh->package_memo[0] = 0;
        int b = ps_mediator_propose(fresh, both, 2, who, 4, d, ctx, y);
        EXPECT(x[0] != mark);
        EXPECT(a == b && memcmp(x, y, sizeof x) == 0);
    }
    ps_workspace_free(ws);
    ps_workspace_free(fresh);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(nash_three_linear_parties), PS_CASE(indifferent_party_is_left_out), PS_CASE(break_even_point_is_proposed), PS_CASE(package_beats_grid_search),
             PS_CASE(package_searches_discrete_options), PS_CASE(nash_linear_closed_form), PS_CASE(nash_quadratic_first_order_condition), PS_CASE(weighted_median),
             PS_CASE(no_zopa_falls_back_to_weighted_median), PS_CASE(discrete_options), PS_CASE(package_nash_logroll),
             PS_CASE(remembered_proposal_is_a_fresh_one), PS_CASE(linear_package_is_the_optimum),
             PS_CASE(package_ignores_the_scale_of_capabilities), PS_CASE(two_of_three_is_the_best_pairs_text),
             PS_CASE(indifferent_party_counts_towards_k), PS_CASE(coalition_ties_go_to_the_earlier_parties),
             PS_CASE(no_coalition_beats_the_text_on_one_issue), PS_CASE(no_coalition_beats_the_package),
             PS_CASE(remembered_package_is_a_fresh_one), PS_CASE(memo_keys_on_the_coalitions))
