/* ps_value.c: checking, drawing and summarising scenario numbers. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include "ps_value.h"

static ps_status fail(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    return PS_EINVAL;
}

ps_status ps_value_check(const ps_value *v, char *err, size_t errlen)
{
    double p[4] = {v->a, v->b, v->c, v->d};
    int np = 0;
    switch (v->kind) {
    case PS_VAL_CONST: np = 1; break;
    case PS_VAL_NORMAL: case PS_VAL_LOGNORMAL: case PS_VAL_BETA: case PS_VAL_UNIFORM: np = 2; break;
    case PS_VAL_TRIANGULAR: np = 3; break;
    case PS_VAL_TRUNCNORMAL: np = 4; break;
    case PS_VAL_CHOICE: np = 0; break;
    }
    /* A constant may be infinite (a deterministic party's noise); a distribution's parameters not. */
    if (v->kind == PS_VAL_CONST) return isnan(v->a) ? fail(err, errlen, "a number is NaN") : PS_OK;
    for (int i = 0; i < np; i++)
        if (!isfinite(p[i])) return fail(err, errlen, "a distribution parameter is not a finite number");
    switch (v->kind) {
    case PS_VAL_CONST: return PS_OK;
    case PS_VAL_NORMAL: case PS_VAL_LOGNORMAL:
        return v->b > 0 ? PS_OK : fail(err, errlen, "the standard deviation must be > 0");
    case PS_VAL_TRUNCNORMAL:
        if (!(v->b > 0)) return fail(err, errlen, "the standard deviation must be > 0");
        if (!(v->c < v->d)) return fail(err, errlen, "the lower bound must be below the upper bound");
        /* Both bounds more than 30 sd out on the same side leave no mass a double can hold. */
        if ((v->c - v->a) / v->b > 30 || (v->a - v->d) / v->b > 30)
            return fail(err, errlen, "the bounds hold no probability (over 30 sd from the mean)");
        return PS_OK;
    case PS_VAL_BETA:
        /* GSL's beta CDF is checked accurate over this range (tests/unit/test_value.c) */
        return (v->a >= PS_BETA_MIN && v->b >= PS_BETA_MIN && v->a <= PS_BETA_MAX && v->b <= PS_BETA_MAX) ? PS_OK
               : fail(err, errlen, "beta shapes must be between 0.001 and 100000");
    case PS_VAL_UNIFORM:
        return v->a < v->b ? PS_OK : fail(err, errlen, "uniform needs lower < upper");
    case PS_VAL_TRIANGULAR:
        return (v->a < v->c && v->a <= v->b && v->b <= v->c) ? PS_OK
               : fail(err, errlen, "triangular needs lower <= mode <= upper and lower < upper");
    case PS_VAL_CHOICE: {
        if (v->n < 1 || v->n > PS_CHOICE_MAX) return fail(err, errlen, "choice needs 1 to 64 options");
        double prev = 0;
        for (int i = 0; i < v->n; i++) {
            if (!isfinite(v->opt[i])) return fail(err, errlen, "a choice option is not a finite number");
            if (!(v->cum[i] >= prev && v->cum[i] <= 1))
                return fail(err, errlen, "choice probabilities must be cumulative, from 0 to 1");
            prev = v->cum[i];
        }
        return v->cum[v->n - 1] == 1.0 ? PS_OK : fail(err, errlen, "choice probabilities must be cumulative, from 0 to 1");
    }
    }
    return fail(err, errlen, "unknown distribution");
}

ps_status ps_value_set_choice(ps_value *v, int n, const double *opt, const double *w, char *err, size_t errlen)
{
    if (n < 1 || n > PS_CHOICE_MAX) return fail(err, errlen, "choice needs 1 to 64 options");
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(opt[i])) return fail(err, errlen, "a choice option is not a finite number");
        if (!(w[i] >= 0) || !isfinite(w[i])) return fail(err, errlen, "choice weights must be finite and >= 0");
        sum += w[i];
    }
    if (!(sum > 0)) return fail(err, errlen, "choice weights must not all be 0");
    if (!isfinite(sum)) return fail(err, errlen, "choice weights must sum to a finite number");
    memset(v, 0, sizeof *v);
    v->kind = PS_VAL_CHOICE;
    v->n = n;
    double acc = 0;
    for (int i = 0; i < n; i++) {
        v->opt[i] = opt[i];
        acc += w[i];
        v->cum[i] = acc / sum;
    }
    v->cum[n - 1] = 1.0;   /* exactly, whatever the rounding of the sum */
    return PS_OK;
}

/* Inverse-CDF draw of a normal truncated to [lo, hi]: one uniform per draw. Works on the side of
 * the mean where the CDF keeps its precision. */
static double truncnormal_quantile(const ps_value *v, double u)
{
    double a = (v->c - v->a) / v->b, b = (v->d - v->a) / v->b, z;
    if (a > 0) {            /* upper tail: use Q = 1 - P */
        double qa = gsl_cdf_ugaussian_Q(a), qb = gsl_cdf_ugaussian_Q(b);
        z = gsl_cdf_ugaussian_Qinv(qa - u * (qa - qb));
    } else {
        double pa = gsl_cdf_ugaussian_P(a), pb = gsl_cdf_ugaussian_P(b);
        z = gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
    }
    double x = v->a + v->b * z;
    return x < v->c ? v->c : (x > v->d ? v->d : x);
}

/* The beta quantile by bisection on GSL's CDF. Not gsl_cdf_beta_Pinv: it returns NaN for
 * small shapes and loops forever for large ones (a = b = 1e6 at p = 1/2). 60 halvings of
 * [0, 1] reach the resolution of a double near 1; the CDF is monotone, so this always ends. */
static double beta_quantile(double p, double a, double b)
{
    double lo = 0, hi = 1, mean = a / (a + b);
    for (int i = 0; i < 60; i++) {
        double mid = 0.5 * (lo + hi), cdf = gsl_cdf_beta_P(mid, a, b);
        if (isnan(cdf)) cdf = mid < mean ? 0 : 1;
        if (cdf < p) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
}

double ps_value_quantile(const ps_value *v, double p)
{
    switch (v->kind) {
    case PS_VAL_CONST: return v->a;
    case PS_VAL_NORMAL: return v->a + v->b * gsl_cdf_ugaussian_Pinv(p);
    case PS_VAL_TRUNCNORMAL: return truncnormal_quantile(v, p);
    case PS_VAL_BETA: return beta_quantile(p, v->a, v->b);
    case PS_VAL_UNIFORM: return v->a + p * (v->b - v->a);
    case PS_VAL_TRIANGULAR: {
        double lo = v->a, m = v->b, hi = v->c, fm = (m - lo) / (hi - lo);
        return p < fm ? lo + sqrt(p * (hi - lo) * (m - lo)) : hi - sqrt((1 - p) * (hi - lo) * (hi - m));
    }
    case PS_VAL_LOGNORMAL: return exp(v->a + v->b * gsl_cdf_ugaussian_Pinv(p));
    case PS_VAL_CHOICE:
        for (int i = 0; i < v->n; i++)
            if (p < v->cum[i]) return v->opt[i];
        return v->opt[v->n - 1];
    }
    return NAN;
}

double ps_value_mean(const ps_value *v)
{
    switch (v->kind) {
    case PS_VAL_CONST: return v->a;
    case PS_VAL_NORMAL: return v->a;
    case PS_VAL_TRUNCNORMAL: {
        double a = (v->c - v->a) / v->b, b = (v->d - v->a) / v->b;
        /* the mass between the bounds, on the side of the mean where it keeps its precision */
        double z = a > 0 ? gsl_cdf_ugaussian_Q(a) - gsl_cdf_ugaussian_Q(b) : gsl_cdf_ugaussian_P(b) - gsl_cdf_ugaussian_P(a);
        double m = v->a + v->b * (gsl_ran_ugaussian_pdf(a) - gsl_ran_ugaussian_pdf(b)) / z;
        return m < v->c ? v->c : (m > v->d ? v->d : m);   /* far tails: pdf and mass both underflow */
    }
    case PS_VAL_BETA: return v->a / (v->a + v->b);
    case PS_VAL_UNIFORM: return 0.5 * (v->a + v->b);
    case PS_VAL_TRIANGULAR: return (v->a + v->b + v->c) / 3.0;
    case PS_VAL_LOGNORMAL: return exp(v->a + 0.5 * v->b * v->b);
    case PS_VAL_CHOICE: {
        double m = 0, prev = 0;
        for (int i = 0; i < v->n; i++) { m += v->opt[i] * (v->cum[i] - prev); prev = v->cum[i]; }
        return m;
    }
    }
    return NAN;
}

double ps_value_cdf(const ps_value *v, double x)
{
    switch (v->kind) {
    case PS_VAL_CONST: return x >= v->a ? 1.0 : 0.0;
    case PS_VAL_NORMAL: return gsl_cdf_ugaussian_P((x - v->a) / v->b);
    case PS_VAL_TRUNCNORMAL: {
        if (x <= v->c) return 0;
        if (x >= v->d) return 1;
        double a = (v->c - v->a) / v->b, b = (v->d - v->a) / v->b, z = (x - v->a) / v->b;
        if (a > 0) {   /* upper tail: differences of Q keep their precision */
            double qa = gsl_cdf_ugaussian_Q(a);
            return (qa - gsl_cdf_ugaussian_Q(z)) / (qa - gsl_cdf_ugaussian_Q(b));
        }
        double pa = gsl_cdf_ugaussian_P(a);
        return (gsl_cdf_ugaussian_P(z) - pa) / (gsl_cdf_ugaussian_P(b) - pa);
    }
    case PS_VAL_BETA: {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double p = gsl_cdf_beta_P(x, v->a, v->b);
        return isnan(p) ? (x < v->a / (v->a + v->b) ? 0 : 1) : p;
    }
    case PS_VAL_UNIFORM: return x <= v->a ? 0 : (x >= v->b ? 1 : (x - v->a) / (v->b - v->a));
    case PS_VAL_TRIANGULAR: {
        double lo = v->a, m = v->b, hi = v->c;
        if (x <= lo) return 0;
        if (x >= hi) return 1;
        return x <= m ? (x - lo) * (x - lo) / ((hi - lo) * (m - lo)) : 1 - (hi - x) * (hi - x) / ((hi - lo) * (hi - m));
    }
    case PS_VAL_LOGNORMAL: return x <= 0 ? 0 : gsl_cdf_ugaussian_P((log(x) - v->a) / v->b);
    case PS_VAL_CHOICE: {
        double p = 0, prev = 0;
        for (int i = 0; i < v->n; i++) {
            if (v->opt[i] <= x) p += v->cum[i] - prev;
            prev = v->cum[i];
        }
        return p;
    }
    }
    return NAN;
}
