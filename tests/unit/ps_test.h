/* ps_test.h: a minimal unit-test harness. Each test file lists its cases with PS_TEST(name)
 * at the start of a line (CMake registers one CTest entry per case from those lines) and ends
 * with PS_TEST_MAIN(cases...). */
#ifndef PS_TEST_H
#define PS_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int ps_test_failed;

#define PS_TEST(name) static void test_##name(void)

#define EXPECT(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); ps_test_failed = 1; } } while (0)

/* |got - want| <= tol, with both printed on failure */
#define EXPECT_NEAR(got, want, tol) do { double g_ = (got), w_ = (want); \
    if (!(fabs(g_ - w_) <= (tol))) { fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g (tolerance %g)\n", \
        __FILE__, __LINE__, #got, g_, w_, (double)(tol)); ps_test_failed = 1; } } while (0)

#define EXPECT_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ != w_) { fprintf(stderr, "%s:%d: %s = %lld, expected %lld\n", __FILE__, __LINE__, #got, g_, w_); \
        ps_test_failed = 1; } } while (0)

typedef struct ps_test_case { const char *name; void (*fn)(void); } ps_test_case;
#define PS_CASE(name) {#name, test_##name}

/* Runs the case named by argv[1], or every case. Exit 0 when all passed. */
static inline int ps_test_run(int argc, char **argv, const ps_test_case *cases, size_t n)
{
    int ran = 0;
    for (size_t i = 0; i < n; i++) {
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0) continue;
        ps_test_failed = 0;
        cases[i].fn();
        ran++;
        printf("%s %s\n", ps_test_failed ? "FAIL" : "ok  ", cases[i].name);
        if (ps_test_failed) return 1;
    }
    if (ran == 0) { fprintf(stderr, "no test case named %s\n", argc > 1 ? argv[1] : "(none)"); return 1; }
    return 0;
}

#define PS_TEST_MAIN(...) \
    int main(int argc, char **argv) { \
        static const ps_test_case cases_[] = {__VA_ARGS__}; \
        gsl_set_error_handler_off(); \
        return ps_test_run(argc, argv, cases_, sizeof cases_ / sizeof cases_[0]); }

#endif
