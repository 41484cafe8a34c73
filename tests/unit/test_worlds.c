/* test_worlds.c: assumptions in the language, worlds and their band (engine/study/ps_worlds.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_same.h"
#include "ps_lua.h"
#include "ps_run.h"
#include "ps_worlds.h"

/* Two parties, one issue; noise and premium as given (text spliced into the script). */
static ps_scenario *load(const char *noise, const char *premium, char *err, size_t errlen)
{
    char src[2048];
    snprintf(src, sizeof src,
             "local noise = %s\n"
             "local prem = param('premium', %s, 'distrust premium')\n"
             "issue 'x' { low = 'a', high = 'b', no_deal = 0.5 }\n"
             "party 'A' { noise = noise, premium = prem, trust = 0.3, ideal = { x = 0.2 }, salience = { x = 1 }, war_cost = 0.01, deadline = 10 }\n"
             "party 'B' { noise = noise, premium = prem, trust = 0.3, ideal = { x = 0.8 }, salience = { x = 1 }, war_cost = 0.01, deadline = 10 }\n"
             "return scenario { name = 't', rounds = 10 }\n",
             noise, premium);
    ps_script_options so = {.path = "worlds.lua", .source = src, .source_len = strlen(src)};
    so.limits = ps_sandbox_default_limits();
    ps_scenario *s = NULL;
    if (ps_script_run(&so, &s, err, errlen) != PS_OK) return NULL;
    return s;
}

static ps_result *run(const ps_scenario *s, uint64_t runs)
{
    ps_run_options ro = {.runs = runs, .seed = 7, .threads = 2};
    ps_result *r = NULL;
    EXPECT(ps_run(s, &ro, &r) == PS_OK);
    return r;
}

/* At its central values a scenario with assumptions gives the bits of its twin with constants. */
PS_TEST(central_values_same_bits)
{
    char err[512];
    ps_scenario *a = load("assumed(30, 15, 60, 'how erratic a yes or no is')", "assumed(0.5, 0, 0.75)", err, sizeof err);
    ps_scenario *c = load("30", "0.5", err, sizeof err);
    EXPECT(a && c);
    if (!a || !c) { fprintf(stderr, "%s\n", err); return; }
    EXPECT_INT(a->nassumptions, 2);
    EXPECT_INT(c->nassumptions, 0);
    /* one assumption however many fields take it; a param's goes by the param's name */
    EXPECT_INT(a->assumptions[0].uses, 2);
    EXPECT(strcmp(a->assumptions[0].name, "party 'A': noise") == 0);
    EXPECT(strcmp(a->assumptions[1].name, "premium") == 0);
    EXPECT(strcmp(a->assumptions[0].reason, "how erratic a yes or no is") == 0);
    EXPECT_NEAR(a->assumptions[0].low, 15, 0);
    EXPECT_NEAR(a->assumptions[0].high, 60, 0);
    ps_result *ra = run(a, 3000), *rc = run(c, 3000);
    expect_same(ra, rc);
    /* a world moves the values that take the assumption, and only those */
    double x[2] = {60, 0.75};
    ps_scenario_set_world(a, x);
    int moved = 0;
    for (int i = 0; i < a->nvalues; i++)
        if (a->values[i].assumption) { moved++; EXPECT(a->values[i].a == x[a->values[i].assumption - 1]); }
        else EXPECT(a->values[i].a == c->values[i].a);
    EXPECT_INT(moved, 4);
    ps_result *rw = run(a, 3000);
    EXPECT(rw->issue[0].settled != ra->issue[0].settled);
    ps_scenario_set_world(a, NULL);   /* back to the central values: the same bits again */
    ps_result *rb = run(a, 3000);
    expect_same(rb, rc);
    ps_result_free(ra); ps_result_free(rc); ps_result_free(rw); ps_result_free(rb);
    /* a --set fixes the param's assumption to a number: it is no longer one */
    {
        const char *name = "premium", *val = "0.6";
        char src[2048];
        snprintf(src, sizeof src, "local prem = param('premium', assumed(0.5, 0, 0.75), 'p')\n"
                 "local unused = assumed(3, 1, 5)\n"
                 "issue 'x' { no_deal = 0.5 }\n"
                 "party 'A' { noise = assumed(30, 15, 60), premium = prem, ideal = { x = 0.2 }, salience = { x = 1 } }\n"
                 "party 'B' { ideal = { x = 0.8 }, salience = { x = 1 } }\n"
                 "return scenario { name = 't' }\n");
        ps_script_options so = {.path = "set.lua", .source = src, .source_len = strlen(src), .limits = ps_sandbox_default_limits(),
                                .nset = 1, .set_names = &name, .set_values = &val};
        ps_scenario *f = NULL;
        EXPECT(ps_script_run(&so, &f, err, sizeof err) == PS_OK && f);
        if (f) {
            EXPECT_INT(f->nassumptions, 1);   /* only the noise: premium is set, `unused` unused */
            EXPECT(strcmp(f->assumptions[0].name, "party 'A': noise") == 0);
            EXPECT_INT(f->assumptions[0].call, 2);
            int links = 0;
            for (int i = 0; i < f->nvalues; i++) links += f->values[i].assumption == 1;
            EXPECT_INT(links, 1);
        }
        ps_scenario_free(f);
    }
    ps_scenario_free(a);
    ps_scenario_free(c);
}

/* Bad assumptions are refused where they are written, with the reason. */
PS_TEST(bad_assumptions_refused)
{
    static const struct { const char *noise, *want; } cases[] = {
        {"assumed(30, 40, 60)", "central value (30) must lie between its low (40) and high (60)"},
        {"assumed(30, 60, 15)", "low (60) must be below its high (15)"},
        {"assumed(30, 15, 1/0)", "high must be a finite number"},
        {"assumed(30, 15)", "assumed takes (central, low, high"},
        {"assumed(30, 15, 60).x", "is a number: it has no fields, length or call"},
        {"assumed(0.5, -0.5, 1)", "field 'premium' must be between 0 and 1, but its assumption ranges over [-0.5, 1]"},
        {"assumed(30, 15, 60, 'r', {prior = 3})", "its prior must be a distribution"},
        {"assumed(30, 15, 60, 'r', {prior = uniform(100, 200)})", "prior gives no weight to its range [15, 60]"},
        {"assumed(30, 15, 60, 'r', {colour = 'red'})", "takes only name and prior"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512] = "";
        const char *noise = strstr(cases[i].noise, "-0.5") ? "30" : cases[i].noise;
        const char *prem = strstr(cases[i].noise, "-0.5") ? cases[i].noise : "0.5";
        ps_scenario *s = load(noise, prem, err, sizeof err);
        EXPECT(s == NULL);
        if (!strstr(err, cases[i].want)) { fprintf(stderr, "case %zu: got \"%s\"\n", i, err); ps_test_failed = 1; }
        ps_scenario_free(s);
    }
}

/* The script may compute with an assumption: at the central values it gets the central value;
 * the scenario is marked, and a world of it is made by running the script again, its k-th
 * assumed() call taking the world's k-th value. */
PS_TEST(script_computes_with_an_assumption)
{
    char err[512];
    ps_scenario *a = load("2 * assumed(15, 7.5, 30, 'half the noise')", "assumed(0.5, 0, 0.75) - 0.25", err, sizeof err);
    ps_scenario *c = load("30", "0.25", err, sizeof err);
    EXPECT(a && c);
    if (!a || !c) { fprintf(stderr, "%s\n", err); ps_scenario_free(a); ps_scenario_free(c); return; }
    EXPECT(a->assumptions_in_script == 1 && c->assumptions_in_script == 0);
    EXPECT_INT(a->nassumptions, 2);
    /* no field took them: each is named by where it was made */
    EXPECT(strstr(a->assumptions[0].name, "assumed() at worlds.lua:1") != NULL);
    EXPECT_INT(a->assumptions[0].uses, 0);
    ps_result *ra = run(a, 2000), *rc = run(c, 2000);
    expect_same(ra, rc);
    /* without a way to run its script again, a world of it cannot be made */
    double x[2] = {20, 0.75};
    EXPECT(ps_worlds_scenario(a, x, err, sizeof err) == NULL);
    EXPECT(strstr(err, "computes with an assumption") != NULL);
    /* its script run again in the world (noise 2 * 20, premium 0.75 - 0.25) is the plain one */
    char src[2048];
    snprintf(src, sizeof src,
             "local noise = 2 * assumed(15, 7.5, 30, 'half the noise')\n"
             "local prem = param('premium', assumed(0.5, 0, 0.75) - 0.25, 'distrust premium')\n"
             "issue 'x' { low = 'a', high = 'b', no_deal = 0.5 }\n"
             "party 'A' { noise = noise, premium = prem, trust = 0.3, ideal = { x = 0.2 }, salience = { x = 1 }, war_cost = 0.01, deadline = 10 }\n"
             "party 'B' { noise = noise, premium = prem, trust = 0.3, ideal = { x = 0.8 }, salience = { x = 1 }, war_cost = 0.01, deadline = 10 }\n"
             "return scenario { name = 't', rounds = 10 }\n");
    ps_script_options so = {.path = "worlds.lua", .source = src, .source_len = strlen(src), .limits = ps_sandbox_default_limits()};
    a->remake = ps_script_remake;
    a->remake_ctx = &so;
    ps_scenario *w = ps_worlds_scenario(a, x, err, sizeof err);
    ps_scenario *p = load("40", "0.5", err, sizeof err);
    EXPECT(w && p);
    if (w && p) {
        ps_result *rw = run(w, 2000), *rp = run(p, 2000);
        expect_same(rw, rp);
        ps_result_free(rw);
        ps_result_free(rp);
    }
    /* a script whose assumed() calls depend on an assumption's value cannot have worlds */
    static const char src2[] =
        "local t = assumed(0.3, 0, 0.9)\n"
        "local n = (t > 0.5) and assumed(20, 10, 30) or 30\n"
        "issue 'x' { low = 'a', high = 'b', no_deal = 0.5 }\n"
        "party 'A' { noise = n, trust = t + 0, ideal = { x = 0.2 }, salience = { x = 1 }, deadline = 10 }\n"
        "party 'B' { ideal = { x = 0.8 }, salience = { x = 1 }, deadline = 10 }\n"
        "return scenario { name = 'u', rounds = 10 }\n";
    ps_script_options so2 = {.path = "branch.lua", .source = src2, .source_len = strlen(src2), .limits = ps_sandbox_default_limits()};
    ps_scenario *b = NULL;
    EXPECT(ps_script_run(&so2, &b, err, sizeof err) == PS_OK && b);
    if (b) {
        EXPECT_INT(b->nassumptions, 1);
        double xb[1] = {0.8};
        EXPECT(ps_script_remake(&so2, b, xb, err, sizeof err) == NULL);
        EXPECT(strstr(err, "made other assumptions in a world of them (2) than in its first run (1)") != NULL);
        xb[0] = 0.4;   /* a world on the same branch is fine */
        ps_scenario *bw = ps_script_remake(&so2, b, xb, err, sizeof err);
        EXPECT(bw != NULL);
        ps_scenario_free(bw);
    }
    ps_scenario_free(b);
    ps_scenario_free(w);
    ps_scenario_free(p);
    ps_result_free(ra);
    ps_result_free(rc);
    ps_scenario_free(a);
    ps_scenario_free(c);
}

/* A field read once as a plain number (a named point, a condition's threshold) and a
 * distribution's parameter take an assumption's value in the run: the scenario is marked, and a
 * world of it is its script run again, the same as the scenario with the world's numbers. */
PS_TEST(structural_fields_take_an_assumption)
{
    static const char src[] =
        "local m = assumed(0.01, 0.005, 0.02, 'mean war cost')\n"
        "issue 'x' { low = 'a', high = 'b', no_deal = 0.5, points = { mid = assumed(0.5, 0.4, 0.6) } }\n"
        "party 'A' { war_cost = normal(m, 0.001), ideal = { x = 'mid' }, salience = { x = 1 }, deadline = 10 }\n"
        "party 'B' { ideal = { x = 0.8 }, salience = { x = 1 }, deadline = 10 }\n"
        "event 'e' { chance = 0.3, when = { after = assumed(3, 1, 5) }, effects = { { trust = 0.05, party = 'A' } } }\n"
        "return scenario { name = 't', rounds = 10 }\n";
    static const char plain[] =
        "issue 'x' { low = 'a', high = 'b', no_deal = 0.5, points = { mid = 0.45 } }\n"
        "party 'A' { war_cost = normal(0.015, 0.001), ideal = { x = 'mid' }, salience = { x = 1 }, deadline = 10 }\n"
        "party 'B' { ideal = { x = 0.8 }, salience = { x = 1 }, deadline = 10 }\n"
        "event 'e' { chance = 0.3, when = { after = 2 }, effects = { { trust = 0.05, party = 'A' } } }\n"
        "return scenario { name = 't', rounds = 10 }\n";
    char err[512];
    ps_script_options so = {.path = "s.lua", .source = src, .source_len = strlen(src), .limits = ps_sandbox_default_limits()};
    ps_script_options sp = {.path = "p.lua", .source = plain, .source_len = strlen(plain), .limits = ps_sandbox_default_limits()};
    ps_scenario *s = NULL, *p = NULL;
    EXPECT(ps_script_run(&so, &s, err, sizeof err) == PS_OK && s);
    EXPECT(ps_script_run(&sp, &p, err, sizeof err) == PS_OK && p);
    if (!s || !p) { fprintf(stderr, "%s\n", err); ps_scenario_free(s); ps_scenario_free(p); return; }
    EXPECT_INT(s->nassumptions, 3);
    EXPECT(s->assumptions_in_script == 1);
    EXPECT(strcmp(s->assumptions[1].name, "issue 'x': points") == 0);
    EXPECT(strcmp(s->assumptions[2].name, "event 'e': when.after") == 0);
    s->remake = ps_script_remake;
    s->remake_ctx = &so;
    double x[3] = {0.015, 0.45, 2};
    ps_scenario *w = ps_worlds_scenario(s, x, err, sizeof err);
    EXPECT(w != NULL);
    if (w) {
        ps_result *rw = run(w, 2000), *rp = run(p, 2000);
        expect_same(rw, rp);
        ps_result_free(rw);
        ps_result_free(rp);
    }
    ps_scenario_free(w);
    ps_scenario_free(s);
    ps_scenario_free(p);
}

/* A Latin hypercube puts exactly one world in each of the n strata of every assumption, is a
 * function of the seed, and maps coordinates onto each range (uniform) or prior. */
PS_TEST(design_is_a_latin_hypercube)
{
    ps_scenario *s = ps_scenario_alloc();
    char err[200];
    int id;
    ps_assumption a = {.central = 30, .low = 15, .high = 60};
    EXPECT(ps_scenario_add_assumption(s, &a, &id, err, sizeof err) == PS_OK);
    ps_assumption b = {.central = 3, .low = 2, .high = 4, .has_prior = 1};
    b.prior.kind = PS_VAL_UNIFORM; b.prior.a = 0; b.prior.b = 10;
    EXPECT(ps_scenario_add_assumption(s, &b, &id, err, sizeof err) == PS_OK);
    enum { N = 37 };
    double x[N * 2], u[N * 2], x2[N * 2], x3[N * 2];
    EXPECT(ps_worlds_design(s, N, 11, x, u) == PS_OK);
    for (int j = 0; j < 2; j++) {
        int seen[N] = {0};
        for (int w = 0; w < N; w++) {
            double c = u[w * 2 + j];
            EXPECT(c > 0 && c < 1);
            seen[(int)(c * N)]++;
        }
        for (int k = 0; k < N; k++) EXPECT_INT(seen[k], 1);
    }
    for (int w = 0; w < N; w++) {
        EXPECT_NEAR(x[w * 2], 15 + 45 * u[w * 2], 1e-12);
        /* uniform(0, 10) truncated to [2, 4] is uniform on [2, 4] */
        EXPECT_NEAR(x[w * 2 + 1], 2 + 2 * u[w * 2 + 1], 1e-12);
    }
    EXPECT(ps_worlds_design(s, N, 11, x2, NULL) == PS_OK);
    EXPECT(memcmp(x, x2, sizeof x) == 0);
    EXPECT(ps_worlds_design(s, N, 12, x3, NULL) == PS_OK);
    EXPECT(memcmp(x, x3, sizeof x) != 0);
    EXPECT(ps_worlds_design(s, 1, 11, x, NULL) == PS_EINVAL);
    ps_scenario_free(s);
}

/* Quantiles (type 7) and Spearman's rho against hand-computed values. */
PS_TEST(quantiles_and_rank_correlation)
{
    double v[20], scratch[80], q[3];
    for (int i = 0; i < 20; i++) v[i] = 20 - i;   /* 20 .. 1, unsorted order */
    ps_worlds_quantiles(v, 20, scratch, q);
    EXPECT_NEAR(q[0], 1 + 19 * 0.05, 1e-12);   /* 1.95 */
    EXPECT_NEAR(q[1], 10.5, 1e-12);
    EXPECT_NEAR(q[2], 1 + 19 * 0.95, 1e-12);   /* 19.05 */
    double x[5] = {1, 2, 3, 4, 5}, y[5] = {2, 1, 4, 3, 5};
    /* d = (1, 1, 1, 1, 0): rho = 1 - 6 * 4 / (5 * 24) = 0.8 */
    EXPECT_NEAR(ps_worlds_rank_correlation(x, 1, y, 5, scratch), 0.8, 1e-12);
    double yt[5] = {3, 3, 1, 2, 2};   /* ties: mid-ranks (4.5, 4.5, 1, 2.5, 2.5) */
    /* Pearson of ranks (1..5) and (4.5, 4.5, 1, 2.5, 2.5): sxy = -3 - 1.5 + 0 - 0.5 - 1 = -6, sxx = 10, syy = 9 */
    EXPECT_NEAR(ps_worlds_rank_correlation(x, 1, yt, 5, scratch), -6 / sqrt(90), 1e-12);
    double yc[5] = {2, 2, 2, 2, 2};
    EXPECT_NEAR(ps_worlds_rank_correlation(x, 1, yc, 5, scratch), 0, 0);
}

/* The band: each world's P(deal) is exactly that of a run of the scenario with its assumptions
 * set to the world's values (the same replications), and the quantiles and ranking follow. */
PS_TEST(band_matches_worlds_run_alone)
{
    char err[512];
    ps_scenario *s = load("assumed(30, 15, 60)", "assumed(0.5, 0, 0.75)", err, sizeof err);
    EXPECT(s != NULL);
    if (!s) { fprintf(stderr, "%s\n", err); return; }
    ps_run_options ro = {.runs = 2000, .seed = 7, .threads = 2, .err = err, .errlen = sizeof err};
    ps_band *b = NULL;
    EXPECT(ps_band_compute(s, NULL, 8, &ro, &b) == PS_OK);
    if (!b) return;
    EXPECT_INT(b->nworlds, 8);
    EXPECT_INT(b->noutputs, 2);
    for (int w = 0; w < 8; w += 3) {
        ps_scenario *c = ps_scenario_copy(s);
        ps_scenario_set_world(c, b->x + w * 2);
        ps_result *r = NULL;
        ps_run_options r1 = {.runs = 2000, .seed = 7, .threads = 1};
        EXPECT(ps_run(c, &r1, &r) == PS_OK);
        EXPECT(b->p[w * 2 + 1] == (double)r->issue[0].settled / 2000);
        EXPECT(b->p[w * 2] == (double)r->comprehensive / 2000);
        ps_result_free(r);
        ps_scenario_free(c);
    }
    double col[8], scratch[32], q[3];
    for (int w = 0; w < 8; w++) col[w] = b->p[w * 2 + 1];
    ps_worlds_quantiles(col, 8, scratch, q);
    for (int i = 0; i < 3; i++) EXPECT(q[i] == b->out[1].q[i]);
    EXPECT(b->out[1].q[0] <= b->out[1].q[1] && b->out[1].q[1] <= b->out[1].q[2]);
    EXPECT_INT(b->out[1].ntop, 2);
    EXPECT(fabs(b->out[1].rho[0]) >= fabs(b->out[1].rho[1]));
    /* a higher noise and a higher premium both make a deal less likely in this scenario */
    EXPECT(b->out[1].rho[0] < 0);
    ps_band_free(b);
    /* a scenario without assumptions has no band */
    ps_scenario *c = load("30", "0.5", err, sizeof err);
    EXPECT(ps_band_compute(c, NULL, 8, &ro, &b) == PS_EINVAL && b == NULL);
    EXPECT(strstr(err, "declares no assumption") != NULL);
    ps_scenario_free(c);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(central_values_same_bits), PS_CASE(bad_assumptions_refused), PS_CASE(script_computes_with_an_assumption),
             PS_CASE(structural_fields_take_an_assumption),
             PS_CASE(design_is_a_latin_hypercube),
             PS_CASE(quantiles_and_rank_correlation), PS_CASE(band_matches_worlds_run_alone))
