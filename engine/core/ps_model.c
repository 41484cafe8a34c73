/* ps_model.c: building, checking and freeing scenarios. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_model.h"

const char *const ps_protocol_names[] = {"mediated", "equilibrium", "alternating", "ultimatum", "eum", NULL};

ps_scenario *ps_scenario_alloc(void)
{
    ps_scenario *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->rounds = 26;
    s->front.issue = -1;
    s->proposer = -1;
    s->front.up = s->front.down = -1;
    s->sanctions.target = -1;
    if (ps_scenario_add_const(s, 0.0, &s->sanctions.start) != PS_OK) { ps_scenario_free(s); return NULL; }
    /* Value 0 is the constant 0: every optional field may point at it. */
    s->sanctions.bite = s->front.drift = s->front.bias = s->front.sigma = s->front.violation = 0;
    s->trust_gain = s->trust_loss = 0;
    return s;
}

void ps_scenario_free(ps_scenario *s)
{
    if (!s) return;
    free(s->values);
    free(s->events);
    free(s->assumptions);
    free(s);
}

ps_scenario *ps_scenario_copy(const ps_scenario *s)
{
    ps_scenario *c = malloc(sizeof *c);
    if (!c) return NULL;
    *c = *s;
    c->values = malloc(sizeof *c->values * (size_t)(s->cap_values > 0 ? s->cap_values : 1));
    c->events = malloc(sizeof *c->events * (size_t)(s->cap_events > 0 ? s->cap_events : 1));
    c->assumptions = malloc(sizeof *c->assumptions * (size_t)(s->cap_assumptions > 0 ? s->cap_assumptions : 1));
    if (!c->values || !c->events || !c->assumptions) {
        free(c->values);
        free(c->events);
        free(c->assumptions);
        free(c);
        return NULL;
    }
    if (s->nvalues) memcpy(c->values, s->values, sizeof *c->values * (size_t)s->nvalues);
    if (s->nevents) memcpy(c->events, s->events, sizeof *c->events * (size_t)s->nevents);
    if (s->nassumptions) memcpy(c->assumptions, s->assumptions, sizeof *c->assumptions * (size_t)s->nassumptions);
    return c;
}

ps_status ps_scenario_add_value(ps_scenario *s, const ps_value *v, ps_vid *id, char *err, size_t errlen)
{
    ps_status st = ps_value_check(v, err, errlen);
    if (st != PS_OK) return st;
    if (s->nvalues >= PS_MAX_VALUES) {
        snprintf(err, errlen, "more than %d numbers in one scenario", PS_MAX_VALUES);
        return PS_ERANGE;
    }
    if (s->nvalues == s->cap_values) {
        int cap = s->cap_values ? 2 * s->cap_values : 64;
        ps_value *nv = realloc(s->values, (size_t)cap * sizeof *nv);
        if (!nv) return PS_ENOMEM;
        s->values = nv;
        s->cap_values = cap;
    }
    s->values[s->nvalues] = *v;
    *id = s->nvalues++;
    return PS_OK;
}

ps_status ps_scenario_add_const(ps_scenario *s, double x, ps_vid *id)
{
    ps_value v = {0};
    char err[128];
    v.kind = PS_VAL_CONST;
    v.a = x;
    return ps_scenario_add_value(s, &v, id, err, sizeof err);
}

ps_status ps_scenario_add_assumption(ps_scenario *s, const ps_assumption *a, int *id, char *err, size_t errlen)
{
    if (!(isfinite(a->central) && isfinite(a->low) && isfinite(a->high))) {
        snprintf(err, errlen, "an assumption's central value, low and high must be finite numbers");
        return PS_EINVAL;
    }
    if (!(a->low < a->high)) {
        snprintf(err, errlen, "an assumption's low (%g) must be below its high (%g)", a->low, a->high);
        return PS_EINVAL;
    }
    if (!(a->central >= a->low && a->central <= a->high)) {
        snprintf(err, errlen, "an assumption's central value (%g) must lie between its low (%g) and high (%g)",
                 a->central, a->low, a->high);
        return PS_EINVAL;
    }
    if (a->has_prior) {
        char why[160];
        if (ps_value_check(&a->prior, why, sizeof why) != PS_OK) {
            snprintf(err, errlen, "an assumption's prior: %s", why);
            return PS_EINVAL;
        }
        if (a->prior.kind == PS_VAL_CHOICE) {
            for (int k = 0; k < a->prior.n; k++)
                if (!(a->prior.opt[k] >= a->low && a->prior.opt[k] <= a->high)) {
                    snprintf(err, errlen, "an assumption's prior: option %g lies outside its range [%g, %g]",
                             a->prior.opt[k], a->low, a->high);
                    return PS_EINVAL;
                }
        } else if (!(ps_value_cdf(&a->prior, a->high) - ps_value_cdf(&a->prior, a->low) > 0)) {
            snprintf(err, errlen, "an assumption's prior gives no weight to its range [%g, %g]", a->low, a->high);
            return PS_EINVAL;
        }
    }
    if (s->nassumptions >= PS_MAX_ASSUMPTIONS) {
        snprintf(err, errlen, "more than %d assumptions in one scenario", PS_MAX_ASSUMPTIONS);
        return PS_ERANGE;
    }
    if (s->nassumptions == s->cap_assumptions) {
        int cap = s->cap_assumptions ? 2 * s->cap_assumptions : 16;
        ps_assumption *na = realloc(s->assumptions, (size_t)cap * sizeof *na);
        if (!na) return PS_ENOMEM;
        s->assumptions = na;
        s->cap_assumptions = cap;
    }
    s->assumptions[s->nassumptions] = *a;
    *id = s->nassumptions++;
    return PS_OK;
}

double ps_assumption_at(const ps_assumption *a, double u)
{
    if (!a->has_prior) return a->low + u * (a->high - a->low);
    if (a->prior.kind == PS_VAL_CHOICE) return ps_value_quantile(&a->prior, u);   /* options within the range */
    /* the prior truncated to [low, high], by its quantile at a uniform of that range of P */
    double plo = ps_value_cdf(&a->prior, a->low), phi = ps_value_cdf(&a->prior, a->high);
    if (!(phi > plo)) return a->central;
    double x = ps_value_quantile(&a->prior, plo + u * (phi - plo));
    return x < a->low ? a->low : x > a->high ? a->high : x;
}

void ps_scenario_set_world(ps_scenario *s, const double *x)
{
    for (int i = 0; i < s->nvalues; i++) {
        int j = s->values[i].assumption - 1;
        if (j >= 0 && j < s->nassumptions) s->values[i].a = x ? x[j] : s->assumptions[j].central;
    }
}

void ps_scenario_hold_value(ps_scenario *s, ps_vid v, double x)
{
    s->values[v].kind = PS_VAL_CONST;
    s->values[v].a = x;
}

ps_status ps_scenario_add_event(ps_scenario *s, ps_event **ev)
{
    if (s->nevents >= PS_MAX_EVENTS) return PS_ERANGE;
    if (s->nevents == s->cap_events) {
        int cap = s->cap_events ? 2 * s->cap_events : 16;
        ps_event *ne = realloc(s->events, (size_t)cap * sizeof *ne);
        if (!ne) return PS_ENOMEM;
        s->events = ne;
        s->cap_events = cap;
    }
    *ev = &s->events[s->nevents++];
    memset(*ev, 0, sizeof **ev);
    (*ev)->by = -1;
    return PS_OK;
}

void ps_issue_two_parties(const ps_scenario *s, int k, int *first, int *second)
{
    const ps_issue *is = &s->issues[k];
    int swap = s->proposer >= 0 && s->proposer == is->consent[1];
    *first = is->consent[swap];
    *second = is->consent[!swap];
}

int ps_scenario_party(const ps_scenario *s, const char *name)
{
    for (int i = 0; i < s->nparties; i++)
        if (strcmp(s->parties[i].name, name) == 0) return i;
    return -1;
}

int ps_scenario_issue(const ps_scenario *s, const char *name)
{
    for (int k = 0; k < s->nissues; k++)
        if (strcmp(s->issues[k].name, name) == 0) return k;
    return -1;
}

/* Depth-first search for a cycle in the precondition graph. */
static int requires_cycle(const ps_scenario *s, int k, int *mark)
{
    if (mark[k] == 1) return 1;
    if (mark[k] == 2) return 0;
    mark[k] = 1;
    for (int j = 0; j < s->issues[k].nrequires; j++)
        if (requires_cycle(s, s->issues[k].requires[j].issue, mark)) return 1;
    mark[k] = 2;
    return 0;
}

#define CHECK(cond, ...) do { if (!(cond)) { snprintf(err, errlen, __VA_ARGS__); return PS_EINVAL; } } while (0)

ps_status ps_scenario_check(const ps_scenario *s, char *err, size_t errlen)
{
    CHECK(s->nissues >= 1, "the scenario declares no issue");
    CHECK(s->nparties >= 1, "the scenario declares no party");
    CHECK(s->rounds >= 1 && s->rounds <= PS_MAX_ROUNDS, "rounds must be between 1 and %d", PS_MAX_ROUNDS);
    int nsign = 0;
    for (int i = 0; i < s->nparties; i++) nsign += s->parties[i].role == PS_ROLE_SIGNATORY;
    CHECK(nsign >= 1, "the scenario has no signatory party");
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue *is = &s->issues[k];
        CHECK(is->nconsent >= 1, "issue '%s': no party's consent is needed (field 'consent')", is->name);
        CHECK(is->consent_k >= 1 && is->consent_k <= is->nconsent,
              "issue '%s': field 'consent': k = %d must be between 1 and the %d parties named",
              is->name, is->consent_k, is->nconsent);
        for (int j = 0; j < is->nconsent; j++)
            CHECK(is->consent[j] >= 0 && is->consent[j] < s->nparties, "issue '%s': field 'consent': no such party", is->name);
        CHECK(!is->has_proposal || s->protocol == PS_PROTOCOL_MEDIATED,
              "issue '%s': field 'proposal' fixes a mediated text: it has no effect under protocol '%s'", is->name,
              ps_protocol_names[s->protocol]);
        for (int j = 0; j < is->nrequires; j++) {
            CHECK(is->requires[j].issue >= 0 && is->requires[j].issue < s->nissues, "issue '%s': field 'requires': no such issue", is->name);
            CHECK(is->requires[j].issue != k, "issue '%s': field 'requires': an issue cannot require itself", is->name);
        }
    }
    if (s->protocol == PS_PROTOCOL_EQUILIBRIUM || s->protocol == PS_PROTOCOL_ALTERNATING || s->protocol == PS_PROTOCOL_ULTIMATUM) {
        const char *name = s->protocol == PS_PROTOCOL_EQUILIBRIUM ? "equilibrium"
                           : s->protocol == PS_PROTOCOL_ALTERNATING ? "alternating" : "ultimatum";
        CHECK(!s->package, "protocol '%s' negotiates issues one at a time: drop 'package'", name);
        for (int k = 0; k < s->nissues; k++)
            CHECK(s->issues[k].nconsent == 2 && s->issues[k].consent_k == 2,
                  "issue '%s': protocol '%s' is between two parties: its consent must name exactly two", s->issues[k].name, name);
        CHECK(s->proposer < s->nparties, "field 'proposer': no such party");
        for (int k = 0; k < s->nissues && s->proposer >= 0; k++)
            CHECK(s->issues[k].consent[0] == s->proposer || s->issues[k].consent[1] == s->proposer,
                  "field 'proposer': party '%s' is not one of the two parties of issue '%s'", s->parties[s->proposer].name,
                  s->issues[k].name);
    }
    if (s->protocol == PS_PROTOCOL_ULTIMATUM)
        for (int k = 0; k < s->nissues; k++) {
            int proposer, responder;
            ps_issue_two_parties(s, k, &proposer, &responder);
            CHECK(s->parties[responder].has_reservation,
                  "party '%s': protocol 'ultimatum': the responder needs a 'reservation' (the proposer's belief about it)",
                  s->parties[responder].name);
        }
    CHECK(!(s->concept == PS_CONCEPT_KS && s->package), "concept 'ks' solves one issue at a time: drop 'package'");
    CHECK(!(s->protocol == PS_PROTOCOL_EUM && s->package), "protocol 'eum' forecasts one issue at a time: drop 'package'");
    if (s->protocol == PS_PROTOCOL_EUM) {
        for (int k = 0; k < s->nissues; k++)
            CHECK(s->issues[k].nrequires == 0 && !s->issues[k].agreed_at_start,
                  "issue '%s': protocol 'eum' forecasts every issue in every round: drop 'requires' and 'agreed'", s->issues[k].name);
        for (int i = 0; i < s->nparties; i++)
            for (int k = 0; k < s->nissues; k++) {
                const ps_value *v = &s->values[s->parties[i].salience[k]];
                CHECK(!(v->kind == PS_VAL_CONST && v->a > 1),
                      "party '%s': field 'salience.%s': under protocol 'eum' a salience is the chance to resist, in [0, 1]",
                      s->parties[i].name, s->issues[k].name);
            }
    }
    int mark[PS_MAX_ISSUES] = {0};
    for (int k = 0; k < s->nissues; k++)
        CHECK(!requires_cycle(s, k, mark), "issue '%s': field 'requires': the preconditions form a cycle", s->issues[k].name);
    CHECK(s->nissues <= PS_MAX_ISSUES && s->nparties <= PS_MAX_PARTIES, "too many issues or parties");
    for (int i = 0; i < s->nparties; i++) {
        const ps_party *p = &s->parties[i];
        CHECK(p->supports != i, "party '%s': field 'supports': a party cannot support itself", p->name);
        CHECK(p->supports < s->nparties, "party '%s': field 'supports': no such party", p->name);
        int cares = 0;
        for (int k = 0; k < s->nissues; k++) {
            const ps_value *v = &s->values[p->salience[k]];
            cares |= !(v->kind == PS_VAL_CONST && v->a == 0);
        }
        CHECK(cares || p->role != PS_ROLE_SIGNATORY,
              "party '%s': field 'salience': a signatory must care about some issue (give salience = { issue = weight })", p->name);
    }
    if (s->front.issue >= s->nissues || s->front.up >= s->nparties || s->front.down >= s->nparties)
        CHECK(0, "front: no such issue or party");
    if (s->front.issue >= 0) {
        CHECK(s->front.up >= 0 && s->front.down >= 0, "front: fields 'up' and 'down' must name parties");
        CHECK(s->front.up != s->front.down, "front: 'up' and 'down' must be different parties");
    }
    return PS_OK;
}
