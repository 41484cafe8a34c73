/* test_montecarlo.c: the Monte Carlo runner against probabilities known in closed form, and the
 * coverage of its 95% intervals (MODEL.md 7-8). */
#include <gsl/gsl_errno.h>
#include <pthread.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_fixture.h"
#include "ps_run.h"

/* Two parties share the ideal 0.5, which is also the no-deal value, so every round each
 * aspires to exactly what the proposal gives and accepts with logit probability 1/2: a deal
 * comes in each round with probability q = 1/4, and S(t) = (3/4)^t. */
static ps_scenario *coin_scenario(int rounds)
{
    ps_scenario *s = fixture(2, 1, rounds);
    s->issues[0].nodeal = K(s, 0.5);
    s->parties[0].noise = s->parties[1].noise = K(s, 7.5);
    return s;
}

PS_TEST(agreement_probability_and_survival)
{
    ps_scenario *s = coin_scenario(6);
    ps_run_options o = {.runs = 100000, .seed = 2385, .progress = NULL, .progress_ctx = NULL, .threads = 1};
    ps_result *r;
    EXPECT(ps_run(s, &o, &r) == PS_OK);
    double p = 1 - pow(0.75, 6), se = sqrt(p * (1 - p) / 1e5);
    EXPECT_INT(r->runs, 100000);
    EXPECT_NEAR((double)r->issue[0].settled / 1e5, p, 4 * se);   /* 4 standard errors */
    EXPECT_INT(r->issue[0].settled, r->comprehensive);
    for (int t = 0; t <= 6; t++) {
        double st = pow(0.75, t);
        EXPECT_NEAR(ps_result_survival(r, -1, t), st, 4 * sqrt(st * (1 - st) / 1e5) + 1e-12);
    }
    EXPECT_INT(ps_result_median_round(r, -1), 3);     /* 0.75^2 = 0.5625 > 0.5 >= 0.75^3 */
    EXPECT_NEAR(r->issue[0].terms.mean, 0.5, 1e-8);
    ps_result_free(r);
    ps_scenario_free(s);
}

/* 400 independent runs of 2,000 replications: the share of Wilson intervals that hold the true
 * p = 1 - 0.75^2 should be 0.95 within 4 standard errors of a proportion over 400 runs (0.044).
 * (Wilson's coverage at n = 2000 is within a few thousandths of nominal.) */
PS_TEST(wilson_intervals_cover_95_percent)
{
    ps_scenario *s = coin_scenario(2);
    const double p = 1 - 0.75 * 0.75;
    int cover = 0;
    const int runs = 400;
    for (int i = 0; i < runs; i++) {
        ps_run_options o = {.runs = 2000, .seed = 1000 + (uint64_t)i, .progress = NULL, .progress_ctx = NULL, .threads = 1};
        ps_result *r;
        ps_run(s, &o, &r);
        double lo, hi;
        ps_wilson(r->comprehensive, r->runs, PS_Z95, &lo, &hi);
        cover += lo <= p && p <= hi;
        ps_result_free(r);
    }
    EXPECT_NEAR(cover / (double)runs, 0.95, 4 * sqrt(0.95 * 0.05 / runs));
    ps_scenario_free(s);
}

/* The same seed and run count give bit-identical results; another seed differs. */
PS_TEST(runs_are_reproducible)
{
    ps_scenario *s = coin_scenario(10);
    ps_run_options o = {.runs = 20000, .seed = 99, .progress = NULL, .progress_ctx = NULL, .threads = 1};
    ps_result *a, *b, *c;
    ps_run(s, &o, &a);
    ps_run(s, &o, &b);
    o.seed = 100;
    ps_run(s, &o, &c);
    EXPECT_INT(a->comprehensive, b->comprehensive);
    EXPECT(memcmp(a->comprehensive_by_round, b->comprehensive_by_round, 11 * sizeof(uint64_t)) == 0);
    EXPECT(a->war_rounds.mean == b->war_rounds.mean && a->war_rounds.m2 == b->war_rounds.m2);
    EXPECT(memcmp(a->comprehensive_by_round, c->comprehensive_by_round, 11 * sizeof(uint64_t)) != 0);
    ps_result_free(a); ps_result_free(b); ps_result_free(c);
    ps_scenario_free(s);
}

static int stop_after_first(void *ctx, uint64_t done, uint64_t total)
{
    (void)total;
    *(uint64_t *)ctx = done;
    return 1;
}

/* A progress callback that asks to stop gets the replications completed, in order. */
PS_TEST(progress_can_stop_a_run)
{
    ps_scenario *s = coin_scenario(3);
    uint64_t seen = 0;
    ps_run_options o = {.runs = 3 * PS_BLOCK, .seed = 5, .progress = stop_after_first, .progress_ctx = &seen, .threads = 1};
    ps_result *r;
    EXPECT(ps_run(s, &o, &r) == PS_ECALLBACK);
    EXPECT_INT(seen, PS_BLOCK);
    EXPECT_INT(r->runs, PS_BLOCK);
    ps_result_free(r);
    o.runs = 0;
    EXPECT(ps_run(s, &o, &r) == PS_EINVAL);
    ps_scenario_free(s);
}

typedef struct run_job { const ps_scenario *s; uint64_t seed; ps_result *r; } run_job;

static void *run_thread(void *arg)
{
    run_job *job = arg;
    ps_run_options o = {.runs = 20000, .seed = job->seed, .progress = NULL, .progress_ctx = NULL, .threads = 1};
    ps_run(job->s, &o, &job->r);
    return NULL;
}

/* The runner keeps no global state: two threads running the same scenario at once get what a
 * serial run gets (run it under a sanitizer build to catch races, too). */
PS_TEST(runner_is_safe_from_threads)
{
    ps_scenario *s = coin_scenario(8);
    s->parties[0].war_cost = K(s, 0.01);
    run_job jobs[2] = {{s, 41, NULL}, {s, 41, NULL}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, run_thread, &jobs[i]);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    ps_result *serial;
    ps_run_options o = {.runs = 20000, .seed = 41, .progress = NULL, .progress_ctx = NULL, .threads = 1};
    ps_run(s, &o, &serial);
    for (int i = 0; i < 2; i++) {
        EXPECT_INT(jobs[i].r->comprehensive, serial->comprehensive);
        EXPECT(memcmp(jobs[i].r->comprehensive_by_round, serial->comprehensive_by_round, 9 * sizeof(uint64_t)) == 0);
        EXPECT(jobs[i].r->issue[0].terms.mean == serial->issue[0].terms.mean);
        ps_result_free(jobs[i].r);
    }
    ps_result_free(serial);
    ps_scenario_free(s);
}

/* The same runs on 1, 2, 3 and 7 threads give the same bits: every count, mean and sum. */
PS_TEST(threads_give_identical_results)
{
    ps_scenario *s = coin_scenario(9);
    s->parties[0].war_cost = K(s, 0.01);
    ps_result *r[4];
    const int threads[4] = {1, 2, 3, 7};
    for (int i = 0; i < 4; i++) {
        ps_run_options o = {.runs = 10 * PS_BLOCK + 17, .seed = 77, .progress = NULL, .progress_ctx = NULL, .threads = threads[i]};
        EXPECT(ps_run(s, &o, &r[i]) == PS_OK);
    }
    for (int i = 1; i < 4; i++) {
        EXPECT_INT(r[i]->runs, r[0]->runs);
        EXPECT_INT(r[i]->comprehensive, r[0]->comprehensive);
        EXPECT(memcmp(r[i]->comprehensive_by_round, r[0]->comprehensive_by_round, 10 * sizeof(uint64_t)) == 0);
        EXPECT(memcmp(&r[i]->issue[0].terms, &r[0]->issue[0].terms, sizeof r[0]->issue[0].terms) == 0);
        EXPECT(memcmp(&r[i]->issue[0].terms_hist, &r[0]->issue[0].terms_hist, sizeof r[0]->issue[0].terms_hist) == 0);
        EXPECT(memcmp(&r[i]->war_rounds, &r[0]->war_rounds, sizeof r[0]->war_rounds) == 0);
        EXPECT(memcmp(&r[i]->front_hist, &r[0]->front_hist, sizeof r[0]->front_hist) == 0);
    }
    for (int i = 0; i < 4; i++) ps_result_free(r[i]);
    ps_scenario_free(s);
}

/* --precision: the run stops at the first block where every half-width is at most H, the same
 * block for any number of threads; one block earlier it was not yet reached. */
PS_TEST(precision_stops_at_the_same_block)
{
    ps_scenario *s = coin_scenario(4);
    ps_result *r[3];
    const int threads[3] = {1, 2, 3};
    for (int i = 0; i < 3; i++) {
        ps_run_options o = {.runs = 1000000, .seed = 5, .threads = threads[i], .precision = 0.01};
        EXPECT(ps_run(s, &o, &r[i]) == PS_OK);
    }
    EXPECT(r[0]->runs < 1000000 && r[0]->runs % PS_BLOCK == 0);
    EXPECT(ps_result_max_halfwidth(r[0], PS_INTERVAL_WILSON) <= 0.01);
    for (int i = 1; i < 3; i++) {
        EXPECT_INT(r[i]->runs, r[0]->runs);
        EXPECT(memcmp(&r[i]->issue[0].terms, &r[0]->issue[0].terms, sizeof r[0]->issue[0].terms) == 0);
    }
    ps_run_options shorter = {.runs = r[0]->runs - PS_BLOCK, .seed = 5, .threads = 1};
    ps_result *before;
    ps_run(s, &shorter, &before);
    EXPECT(ps_result_max_halfwidth(before, PS_INTERVAL_WILSON) > 0.01);
    ps_result_free(before);
    for (int i = 0; i < 3; i++) ps_result_free(r[i]);
    ps_scenario_free(s);
}

/* --precision with --interval cp stops on the Clopper-Pearson half-widths the reports show, not
 * on Wilson's: H is set between the widest Wilson and the widest Clopper-Pearson half-width of
 * the first 9 blocks, so Wilson's rule would stop there with a reported interval wider than H. */
PS_TEST(precision_uses_the_reported_interval)
{
    ps_scenario *s = coin_scenario(4);
    ps_run_options nine = {.runs = 9 * PS_BLOCK, .seed = 5, .threads = 1};
    ps_result *r9, *w, *cp;
    EXPECT(ps_run(s, &nine, &r9) == PS_OK);
    double hw = ps_result_max_halfwidth(r9, PS_INTERVAL_WILSON), hc = ps_result_max_halfwidth(r9, PS_INTERVAL_CP);
    EXPECT(hw < hc);   /* the premise: Clopper-Pearson is the wider here */
    double H = 0.5 * (hw + hc);
    ps_run_options o = {.runs = 1000000, .seed = 5, .threads = 2, .precision = H, .interval = PS_INTERVAL_WILSON};
    EXPECT(ps_run(s, &o, &w) == PS_OK);
    EXPECT_INT(w->runs, 9 * PS_BLOCK);   /* Wilson's rule stops at block 9 (the half-width shrinks with n) */
    o.interval = PS_INTERVAL_CP;
    EXPECT(ps_run(s, &o, &cp) == PS_OK);
    EXPECT(cp->runs > 9 * PS_BLOCK && cp->runs % PS_BLOCK == 0);
    EXPECT(ps_result_max_halfwidth(cp, PS_INTERVAL_CP) <= H);
    /* the runner's cheap test is the same test */
    EXPECT(ps_result_within(cp, PS_INTERVAL_CP, H) && !ps_result_within(r9, PS_INTERVAL_CP, H) && ps_result_within(r9, PS_INTERVAL_WILSON, H));
    /* every proportion of the result, by the interval the reports show */
    const uint64_t counts[] = {cp->comprehensive, cp->outcome[0], cp->outcome[1], cp->outcome[2], cp->issue[0].settled,
                               cp->issue[0].implemented, cp->issue[0].held};
    for (size_t j = 0; j < sizeof counts / sizeof counts[0]; j++) {
        double lo, hi;
        ps_clopper_pearson(counts[j], cp->runs, &lo, &hi);
        EXPECT(0.5 * (hi - lo) <= H);
    }
    ps_result_free(r9);
    ps_result_free(w);
    ps_result_free(cp);
    ps_scenario_free(s);
}

PS_TEST_MAIN(PS_CASE(precision_stops_at_the_same_block), PS_CASE(precision_uses_the_reported_interval), PS_CASE(threads_give_identical_results), PS_CASE(runner_is_safe_from_threads), PS_CASE(agreement_probability_and_survival), PS_CASE(wilson_intervals_cover_95_percent),
             PS_CASE(runs_are_reproducible), PS_CASE(progress_can_stop_a_run))
