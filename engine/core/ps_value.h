/* ps_value.h: a scenario number: a constant or a distribution drawn once per replication. */
#ifndef PS_VALUE_H
#define PS_VALUE_H

#include <stddef.h>
#include "ps_status.h"

typedef enum ps_value_kind {
    PS_VAL_CONST,        /* a: the value */
    PS_VAL_NORMAL,       /* a: mean, b: sd */
    PS_VAL_TRUNCNORMAL,  /* a: mean, b: sd, c: lower bound, d: upper bound */
    PS_VAL_BETA,         /* a, b: shape parameters */
    PS_VAL_UNIFORM,      /* a: lower, b: upper */
    PS_VAL_TRIANGULAR,   /* a: lower, b: mode, c: upper */
    PS_VAL_LOGNORMAL,    /* a: mean of log, b: sd of log */
    PS_VAL_CHOICE        /* n options opt[] with cumulative probabilities cum[] (cum[n-1] == 1),
                            made from weights once, by ps_value_set_choice */
} ps_value_kind;

#define PS_CHOICE_MAX 64
#define PS_BETA_MIN 1e-3    /* the range of beta shapes over which the quantile is exact */
#define PS_BETA_MAX 1e5

typedef struct ps_value {
    ps_value_kind kind;
    double a, b, c, d;
    int n;
    double opt[PS_CHOICE_MAX];
    double cum[PS_CHOICE_MAX];
    char label[192];    /* where a distribution is used ("party 'Russia': capability"), or "" */
    int assumption;     /* a constant that is an assumption: 1 + its index in the scenario's
                           assumptions (ps_model.h), whose value in a world it takes; 0: none */
} ps_value;

/* Checks the parameters of v (finite, sd > 0, lower < upper, a choice's cumulative
 * probabilities non-decreasing from >= 0 to exactly 1, ...) and changes nothing, so checking a
 * value again gives the same answer. Returns PS_OK, or PS_EINVAL with a message in err (size
 * errlen). */
ps_status ps_value_check(const ps_value *v, char *err, size_t errlen);

/* Makes *v the choice among the n numbers opt[] with weights w[] (finite, >= 0, not all 0):
 * option i has probability w[i] / sum(w). The weights become cumulative probabilities here,
 * the one place they are converted. Returns PS_OK, or PS_EINVAL with a message in err (v is
 * then left as it was). */
ps_status ps_value_set_choice(ps_value *v, int n, const double *opt, const double *w, char *err, size_t errlen);

/* The quantile of v at probability p in (0,1); for a constant, the constant. The engine draws
 * every value this way, at a uniform of its own (inverse-CDF sampling): one uniform per draw,
 * and a draw moves smoothly with the distribution's parameters. Can't fail. */
double ps_value_quantile(const ps_value *v, double p);

/* P(X <= x) for X drawn from v. Can't fail. */
double ps_value_cdf(const ps_value *v, double x);

/* The mean of v. Can't fail. */
double ps_value_mean(const ps_value *v);

#endif
