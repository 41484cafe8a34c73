/* test_study.c: the points of a study run together on common random numbers (ps_run_points):
 * each point's result is what a run of it alone gives, and the paired differences from the
 * baseline are those computed here, replication by replication, from separate runs. */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_same.h"
#include "ps_lua.h"
#include "ps_run.h"

/* The default scenario with the EU's sanctions step set to `step`. */
static ps_scenario *default_with(const char *step)
{
    const char *name = "eu_sanctions_step";
    ps_script_options so = {.path = NULL, .nset = 1, .set_names = &name, .set_values = &step,
                            .limits = ps_sandbox_default_limits(), .version = "test"};
    ps_scenario *s = NULL;
    char err[512];
    if (ps_script_run(&so, &s, err, sizeof err) != PS_OK) { fprintf(stderr, "%s\n", err); ps_test_failed = 1; }
    return s;
}

#define RUNS 3000
#define SEED 77

typedef struct points { ps_scenario *s[3]; ps_result *r[3]; ps_paired paired[3]; ps_status status; } points;

static points run_points(int threads, int baseline)
{
    points pt = {{default_with("0"), default_with("0.1"), default_with("0.3")}, {0}, {{0}}, PS_OK};
    ps_run_options ro = {.runs = RUNS, .seed = SEED, .threads = threads};
    pt.status = ps_run_points((const ps_scenario *const *)pt.s, 3, baseline, NULL, &ro, pt.r, pt.paired);
    return pt;
}

static void points_free(points *pt)
{
    for (int p = 0; p < 3; p++) { ps_result_free(pt->r[p]); ps_scenario_free(pt->s[p]); }
}

PS_TEST(points_equal_their_runs_alone)
{
    points pt = run_points(2, 0);
    EXPECT_INT(pt.status, PS_OK);
    for (int p = 0; p < 3; p++) {
        ps_run_options ro = {.runs = RUNS, .seed = SEED, .threads = 1};
        ps_result *alone = NULL;
        EXPECT_INT(ps_run(pt.s[p], &ro, &alone), PS_OK);
        expect_same(pt.r[p], alone);
        ps_result_free(alone);
    }
    points_free(&pt);
}

/* The record callback's outcomes, kept as 0/1 indicators: comprehensive, then each issue. */
typedef struct marks { unsigned char x[RUNS][1 + PS_MAX_ISSUES]; int nissues; } marks;

static int keep(void *ctx, uint64_t rep, const ps_outcome *o)
{
    marks *m = ctx;
    m->x[rep][0] = (unsigned char)o->comprehensive;
    for (int k = 0; k < m->nissues; k++) m->x[rep][1 + k] = (unsigned char)o->issue[k].settled;
    return 0;
}

/* The paired means and variances against a two-pass computation from separate runs' records. */
PS_TEST(paired_differences_by_hand)
{
    points pt = run_points(3, 1);   /* baseline: the middle point */
    EXPECT_INT(pt.status, PS_OK);
    static marks m[3];
    for (int p = 0; p < 3; p++) {
        m[p].nissues = pt.s[p]->nissues;
        ps_run_options ro = {.runs = RUNS, .seed = SEED, .threads = 1, .record = keep, .record_ctx = &m[p]};
        ps_result *r = NULL;
        EXPECT_INT(ps_run(pt.s[p], &ro, &r), PS_OK);
        ps_result_free(r);
    }
    int checked = 0;
    for (int p = 0; p < 3; p++) {
        if (p == 1) continue;
        for (int c = 0; c <= m[p].nissues; c++) {
            double sum = 0, ss = 0;
            for (int r = 0; r < RUNS; r++) sum += (double)m[p].x[r][c] - (double)m[1].x[r][c];
            double mean = sum / RUNS;
            for (int r = 0; r < RUNS; r++) {
                double d = (double)m[p].x[r][c] - (double)m[1].x[r][c] - mean;
                ss += d * d;
            }
            const ps_moments *got = c == 0 ? &pt.paired[p].agreement : &pt.paired[p].issue[c - 1];
            EXPECT_INT(got->n, RUNS);
            EXPECT_NEAR(got->mean, mean, 1e-12);
            EXPECT_NEAR(ps_moments_sd(got), sqrt(ss / (RUNS - 1)), 1e-12);
            /* and the mean difference is the difference of the two counts */
            uint64_t kp = c == 0 ? pt.r[p]->comprehensive : pt.r[p]->issue[c - 1].settled;
            uint64_t kb = c == 0 ? pt.r[1]->comprehensive : pt.r[1]->issue[c - 1].settled;
            EXPECT_NEAR(got->mean, ((double)kp - (double)kb) / RUNS, 1e-12);
            checked += ss > 0;
        }
    }
    EXPECT(checked >= 2);   /* some differences vary: the test compares more than zeros */
    points_free(&pt);
}

/* Common random numbers: the points move together, so the paired interval of the ceasefire's
 * difference is narrower than that of two independent runs, 1.96 sqrt(p1 q1 / n + p2 q2 / n). */
PS_TEST(paired_interval_narrower_than_independent)
{
    points pt = run_points(2, 0);
    int k = 1;   /* ceasefire, the default scenario's second issue */
    double p0 = (double)pt.r[0]->issue[k].settled / RUNS, p2 = (double)pt.r[2]->issue[k].settled / RUNS;
    double indep = 1.959963984540054 * sqrt(p0 * (1 - p0) / RUNS + p2 * (1 - p2) / RUNS);
    double paired = ps_moments_halfwidth95(&pt.paired[2].issue[k]);
    fprintf(stderr, "ceasefire 0.3 vs 0: diff %.4f, paired half-width %.4f, independent %.4f\n",
            p2 - p0, paired, indep);
    EXPECT(paired > 0 && paired < 0.5 * indep);
    points_free(&pt);
}

PS_TEST(same_bits_for_any_thread_count)
{
    points a = run_points(1, 0), b = run_points(3, 0);
    for (int p = 0; p < 3; p++) {
        expect_same(a.r[p], b.r[p]);
        EXPECT(a.paired[p].agreement.mean == b.paired[p].agreement.mean);
        EXPECT(a.paired[p].agreement.m2 == b.paired[p].agreement.m2);
        for (int k = 0; k < a.s[p]->nissues; k++) EXPECT(a.paired[p].issue[k].m2 == b.paired[p].issue[k].m2);
    }
    points_free(&a);
    points_free(&b);
}

PS_TEST(points_must_share_issues)
{
    ps_scenario *s[2] = {default_with("0"), default_with("0")};
    s[1]->nissues = 2;   /* as if the second point declared fewer issues */
    char err[200] = "";
    ps_run_options ro = {.runs = 100, .seed = 1, .threads = 1, .err = err, .errlen = sizeof err};
    ps_result *r[2];
    EXPECT_INT(ps_run_points((const ps_scenario *const *)s, 2, 0, NULL, &ro, r, NULL), PS_EINVAL);
    EXPECT(strstr(err, "same issues") != NULL);
    EXPECT(r[0] == NULL && r[1] == NULL);
    s[1]->nissues = 4;
    /* the same number of issues in another order would pair the wrong issues: refused too */
    ps_issue swap = s[1]->issues[2];
    s[1]->issues[2] = s[1]->issues[3];
    s[1]->issues[3] = swap;
    err[0] = '\0';
    EXPECT_INT(ps_run_points((const ps_scenario *const *)s, 2, 0, NULL, &ro, r, NULL), PS_EINVAL);
    EXPECT(strstr(err, "in the same order") != NULL);
    ps_scenario_free(s[0]);
    ps_scenario_free(s[1]);
}

PS_TEST_MAIN(PS_CASE(points_equal_their_runs_alone), PS_CASE(paired_differences_by_hand),
             PS_CASE(paired_interval_narrower_than_independent), PS_CASE(same_bits_for_any_thread_count),
             PS_CASE(points_must_share_issues))
