/* ps_replication.c: one replication from its draw to its outcome, and the world between rounds
 * (MODEL.md sections 3, 4, 6). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include "ps_engine.h"
#include "ps_rng.h"

/* x clipped to [lo, hi]; NaN becomes lo, so no NaN ever enters the state. */
static double clip(double x, double lo, double hi) { return x >= lo ? (x > hi ? hi : x) : lo; }

ps_workspace *ps_workspace_alloc(const ps_scenario *s)
{
    ps_workspace *ws = calloc(1, sizeof *ws);
    if (!ws) return NULL;
    ws->s = s;
    ws->v = malloc(sizeof(double) * (size_t)(s->nvalues > 0 ? s->nvalues : 1));
    ws->drawn = malloc(sizeof(int) * (size_t)(s->nvalues > 0 ? s->nvalues : 1));
    /* Constants are the same in every replication: set once here; only the others are drawn. */
    if (ws->v && ws->drawn)
        for (int i = 0; i < s->nvalues; i++) {
            if (s->values[i].kind == PS_VAL_CONST) ws->v[i] = s->values[i].a;
            else ws->drawn[ws->ndrawn++] = i;
        }
    ws->nm_x = gsl_vector_alloc(PS_MAX_ISSUES);
    ws->nm_step = gsl_vector_alloc(PS_MAX_ISSUES);
    if (s->protocol == PS_PROTOCOL_EUM) {
        ws->forecast = calloc((size_t)2 * (size_t)s->nissues * (size_t)(s->rounds + 1), sizeof(double));
        ws->eum_hist = calloc((size_t)3 * (PS_EUM_MAX_PERIOD + 1) * (size_t)s->nissues * (size_t)(s->nparties > 0 ? s->nparties : 1),
                              sizeof(double));
    }
    ws->alpha = malloc(sizeof(double) * (size_t)(s->nparties > 0 ? s->nparties : 1) * (size_t)(s->rounds + 1));
    ws->propose_stride = 3 + 5 * s->nparties;
    ws->propose_memo = malloc(sizeof(double) * (size_t)ws->propose_stride * (size_t)(s->nissues > 0 ? s->nissues : 1));
    if (ws->propose_memo)
        for (int k = 0; k < s->nissues; k++) ws->propose_memo[(size_t)k * (size_t)ws->propose_stride] = -1;   /* none yet */
    for (int i = 0; i < PS_MAX_PARTIES; i++) ws->alpha_e[i] = ws->alpha_k[i] = ws->alpha_d[i] = NAN;   /* no row is valid yet */
    for (int e = 0; e < PS_MAX_EVENTS; e++) ws->poisson_rate[e] = NAN;
    for (int k = 0; k < s->nissues; k++)
        for (int j = 0; j < s->issues[k].nconsent; j++) ws->consent_mask[k] |= (uint64_t)1 << s->issues[k].consent[j];
    for (int i = 0; i < s->nparties; i++)
        if (s->parties[i].supports >= 0) ws->supporters[s->parties[i].supports] |= (uint64_t)1 << i;
    if (!ws->v || !ws->drawn || !ws->nm_x || !ws->nm_step || !ws->alpha || !ws->propose_memo || (s->protocol == PS_PROTOCOL_EUM && (!ws->forecast || !ws->eum_hist))) {
        ps_workspace_free(ws);
        return NULL;
    }
    if (s->package)
        for (int n = 2; n <= s->nissues; n++)
            if (!(ws->nm[n] = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, (size_t)n))) {
                ps_workspace_free(ws);
                return NULL;
            }
    return ws;
}

void ps_workspace_free(ps_workspace *ws)
{
    if (!ws) return;
    free(ws->v);
    free(ws->drawn);
    free(ws->forecast);
    free(ws->eum_hist);
    free(ws->alpha);
    free(ws->propose_memo);
    if (ws->nm_x) gsl_vector_free(ws->nm_x);
    if (ws->nm_step) gsl_vector_free(ws->nm_step);
    for (int n = 0; n <= PS_MAX_ISSUES; n++)
        if (ws->nm[n]) gsl_multimin_fminimizer_free(ws->nm[n]);
    free(ws);
}

static void normalise_salience(ps_party_state *p, int n)
{
    double sum = 0;
    for (int k = 0; k < n; k++) sum += p->salience[k];
    if (sum > 0)
        for (int k = 0; k < n; k++) p->salience[k] /= sum;
}

void ps_state_init(ps_workspace *ws, uint64_t seed, uint64_t rep)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    const double *v = ws->v;
    ws->key = ps_rng_key(seed, rep);
    /* Every number is drawn once, before the first round (MODEL.md 2), by inverting its CDF at
     * a uniform keyed by the value's own index: a value's draw depends on nothing else. */
    uint64_t h = ps_rng_round(ws->key, PS_STREAM_VALUE, 0);
    for (int j = 0; j < ws->ndrawn; j++) {   /* the constants were set with the workspace */
        int i = ws->drawn[j];
        ws->v[i] = ps_value_quantile(&s->values[i], ps_rng_slot_u01(h, (uint32_t)i));
    }

    /* Clear what this scenario uses, not the whole state (room for 64 parties and 32 issues):
     * this runs once per replication. */
    st->t = 0;
    st->front = st->drift = st->sanctions = 0;
    st->war_rounds = st->ended = 0;
    st->freezers = 0;
    for (int k = 0; k < s->nissues; k++)
        if (s->issues[k].freezes_front || k == s->front.issue) st->freezers |= 1u << k;
    memset(st->issue, 0, sizeof st->issue[0] * (size_t)s->nissues);
    memset(st->fired, 0, sizeof st->fired[0] * (size_t)s->nevents);
    memset(st->refusals, 0, sizeof st->refusals[0] * (size_t)s->nparties);
    memset(st->war_paid, 0, sizeof st->war_paid[0] * (size_t)s->nparties);
    memset(st->eum_range, 0, sizeof st->eum_range[0] * (size_t)s->nissues);
    for (int i = 0; i < s->nparties; i++) {
        const ps_party *p = &s->parties[i];
        ps_party_state *ps = &st->party[i];
        /* A draw outside a field's range is clipped to it (docs/LUA_API.md lists the ranges). */
        ps->capability = clip(v[p->capability], 1e-9, 1e9);
        ps->patience = clip(v[p->patience], 0, 0.999999);
        ps->war_cost = clip(v[p->war_cost], 0, 1e3);
        ps->sanctions_cost = clip(v[p->sanctions_cost], 0, 1e3);
        ps->curvature = clip(v[p->curvature], 1, 16);
        ps->noise = clip(v[p->noise], 1e-9, INFINITY);
        ps->trust = clip(v[p->trust], 0, 1);
        ps->premium = clip(v[p->premium], 0, 1);
        ps->learn = clip(v[p->learn], 0, 1);
        ps->tactic_e = clip(v[p->tactic_e], 1e-3, 1e3);
        ps->tactic_k = clip(v[p->tactic_k], 0, 1);
        ps->support = clip(v[p->support], 0, 1e9);
        ps->spoil = clip(v[p->spoil], 0, 1);
        ps->reservation = p->has_reservation ? clip(v[p->reservation], -1e3, 1e3) : 0;
        ps->deadline = p->has_deadline ? clip(v[p->deadline], 1, PS_MAX_DEADLINE) : INFINITY;
        ps->batna = ps->aspiration = 0;   /* set field by field: no memset of room for 32 issues */
        for (int k = 0; k < s->nissues; k++) {
            ps->ideal[k] = clip(v[p->ideal[k]], 0, 1);
            ps->salience[k] = clip(v[p->salience[k]], 0, 1e9);
        }
        /* Saliences weigh issues against each other; under eum each is instead the chance an
         * actor resists on that issue (in [0, 1]), and is taken as given. */
        if (s->protocol != PS_PROTOCOL_EUM) normalise_salience(ps, s->nissues);
    }
    st->comprehensive_round = -1;
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue *is = &s->issues[k];
        ps_issue_state *iss = &st->issue[k];
        iss->status = is->closed ? PS_ISSUE_CLOSED : PS_ISSUE_OPEN;
        iss->first_round = -1;
        iss->nodeal = clip(v[is->nodeal], 0, 1);
        iss->lag = (int)clip(floor(v[is->lag] + 0.5), 0, PS_MAX_ROUNDS);
        iss->fail = clip(v[is->fail], 0, 1);
        iss->hazard = clip(v[is->hazard], 0, 1);
        iss->hazard_distrust = clip(v[is->hazard_distrust], 0, 1);
        if (is->agreed_at_start) {   /* agreed before the talks modelled here began (round 0) */
            iss->status = PS_ISSUE_AGREED;
            iss->terms = clip(v[is->agreed_terms], 0, 1);
            iss->first_round = 0;
            iss->implement_at = iss->lag;
        }
    }
    int table = 0, agreed = 0;
    for (int k = 0; k < s->nissues; k++) {
        table += st->issue[k].status != PS_ISSUE_CLOSED;
        agreed += st->issue[k].status == PS_ISSUE_AGREED;
    }
    if (table > 0 && agreed == table) st->comprehensive_round = 0;
    if (s->protocol == PS_PROTOCOL_EUM) {
        memset(ws->forecast, 0, sizeof(double) * 2 * (size_t)s->nissues * (size_t)(s->rounds + 1));
        for (int k = 0; k < s->nissues; k++) ps_eum_forecast(ws, k);   /* round 0: the inputs */
    }
    st->front = s->front.issue >= 0 ? clip(v[s->front.start], 0, 1) : 0;
    st->sanctions = clip(v[s->sanctions.start], 0, 1);
}

int ps_ceasefire_in_force(const ps_scenario *s, const ps_state *st)
{
    (void)s;
    /* the front-freezing issues, as a bit set made once per replication (ps_state_init) */
    for (uint32_t m = st->freezers; m; m &= m - 1)
        if (st->issue[__builtin_ctz(m)].status == PS_ISSUE_IN_FORCE) return 1;
    return 0;
}

/* Effective capability at the front: sanctions erode the target's, supporters lend theirs. */
static double front_strength(const ps_workspace *ws, int side)
{
    const ps_scenario *s = ws->s;
    const ps_state *st = &ws->st;
    double c = st->party[side].capability;
    if (side == s->sanctions.target) c *= 1.0 - clip(ws->v[s->sanctions.bite], 0, 1) * st->sanctions;
    for (uint64_t m = ws->supporters[side]; m; m &= m - 1) c += st->party[__builtin_ctzll(m)].support;
    return c;
}

/* ceasefire: ps_ceasefire_in_force(s, st), which no event changes (an effect opens only a closed
 * issue and closes only an open one), so the world step finds it once. */
static int condition_holds(const ps_state *st, const ps_condition *c, int ceasefire)
{
    const ps_issue_state *is = c->issue >= 0 ? &st->issue[c->issue] : NULL;
    switch (c->kind) {
    case PS_COND_CEASEFIRE: return ceasefire;
    case PS_COND_NO_CEASEFIRE: return !ceasefire;
    case PS_COND_AGREED: return is->status == PS_ISSUE_AGREED || is->status == PS_ISSUE_IN_FORCE;
    case PS_COND_NOT_AGREED: return !(is->status == PS_ISSUE_AGREED || is->status == PS_ISSUE_IN_FORCE);
    case PS_COND_IMPLEMENTED: return is->status == PS_ISSUE_IN_FORCE;
    case PS_COND_REFUSED:
        return is->refused && (c->party < 0 || (is->refused_by >> c->party) & 1u);
    case PS_COND_AFTER: return st->t > c->x;
    case PS_COND_BEFORE: return st->t < c->x;
    case PS_COND_SANCTIONS_BELOW: return st->sanctions < c->x;
    case PS_COND_SANCTIONS_ABOVE: return st->sanctions > c->x;
    case PS_COND_FRONT_ABOVE: return st->front > c->x;
    case PS_COND_FRONT_BELOW: return st->front < c->x;
    }
    return 0;
}

/* The range an effect's amount is clipped to (a drawn amount may fall outside it). */
static double effect_bound(ps_effect_kind kind)
{
    switch (kind) {
    case PS_EFF_SALIENCE: return 1e9;
    case PS_EFF_WAR_COST: return 1e3;
    default: return 1;
    }
}

/* Sets field f of the state to x as every effect does, table or scripted: clipped to the
 * field's range, saliences renormalised, an issue opened or closed only from the other state.
 * Returns PS_EINVAL for a field that cannot be set. */
static ps_status world_assign(const ps_scenario *s, ps_state *st, ps_world_field f, int party, int issue, double x)
{
    ps_party_state *p = party >= 0 ? &st->party[party] : NULL;
    ps_issue_state *is = issue >= 0 ? &st->issue[issue] : NULL;
    switch (f) {
    case PS_WORLD_FRONT: st->front = clip(x, 0, 1); return PS_OK;
    case PS_WORLD_SANCTIONS: st->sanctions = clip(x, 0, 1); return PS_OK;
    case PS_WORLD_ENDED: if (x != 0) st->ended = 1; return PS_OK;
    case PS_WORLD_TRUST: p->trust = clip(x, 0, 1); return PS_OK;
    case PS_WORLD_WAR_COST: p->war_cost = clip(x, 0, 1e3); return PS_OK;
    case PS_WORLD_IDEAL: p->ideal[issue] = clip(x, 0, 1); return PS_OK;
    case PS_WORLD_SALIENCE:
        p->salience[issue] = clip(x, 0, s->protocol == PS_PROTOCOL_EUM ? 1 : 1e9);
        if (s->protocol != PS_PROTOCOL_EUM) normalise_salience(p, s->nissues);
        return PS_OK;
    case PS_WORLD_STATUS:
        if (x == PS_WORLD_OPEN) { if (is->status == PS_ISSUE_CLOSED) is->status = PS_ISSUE_OPEN; return PS_OK; }
        if (x == PS_WORLD_CLOSED) { if (is->status == PS_ISSUE_OPEN) is->status = PS_ISSUE_CLOSED; return PS_OK; }
        return PS_EINVAL;
    default: return PS_EINVAL;
    }
}

static void apply_effect(const ps_scenario *s, ps_state *st, const double *v, const ps_effect *e)
{
    double bound = effect_bound(e->kind), by = clip(v[e->by], -bound, bound);
    const ps_party_state *p = e->party >= 0 ? &st->party[e->party] : NULL;
    switch (e->kind) {
    case PS_EFF_SHIFT: world_assign(s, st, PS_WORLD_IDEAL, e->party, e->issue, p->ideal[e->issue] + by); break;
    case PS_EFF_SALIENCE: world_assign(s, st, PS_WORLD_SALIENCE, e->party, e->issue, p->salience[e->issue] + by); break;
    case PS_EFF_TRUST: world_assign(s, st, PS_WORLD_TRUST, e->party, -1, p->trust + by); break;
    case PS_EFF_WAR_COST: world_assign(s, st, PS_WORLD_WAR_COST, e->party, -1, p->war_cost + by); break;
    case PS_EFF_FRONT: world_assign(s, st, PS_WORLD_FRONT, -1, -1, st->front + by); break;
    case PS_EFF_SANCTIONS: world_assign(s, st, PS_WORLD_SANCTIONS, -1, -1, st->sanctions + by); break;
    case PS_EFF_OPEN: world_assign(s, st, PS_WORLD_STATUS, -1, e->issue, PS_WORLD_OPEN); break;
    case PS_EFF_CLOSE: world_assign(s, st, PS_WORLD_STATUS, -1, e->issue, PS_WORLD_CLOSED); break;
    case PS_EFF_END: world_assign(s, st, PS_WORLD_ENDED, -1, -1, 1); break;
    }
}

void ps_note_emit(ps_workspace *ws, ps_note *n)
{
    n->t = ws->st.t;
    ws->obs->note(ws->obs->ctx, n);
}

/* ---- what a scripted condition or effect sees (ps_script.h) ---- */

double ps_world_get(const ps_world *w, ps_world_field f, int party, int issue)
{
    const ps_scenario *s = w->ws->s;
    const ps_state *st = &w->ws->st;
    const ps_party_state *p = party >= 0 ? &st->party[party] : NULL;
    const ps_issue_state *is = issue >= 0 ? &st->issue[issue] : NULL;
    switch (f) {
    case PS_WORLD_ROUND: return st->t;
    case PS_WORLD_ROUNDS: return s->rounds;
    case PS_WORLD_FRONT: return st->front;
    case PS_WORLD_SANCTIONS: return st->sanctions;
    case PS_WORLD_CEASEFIRE: return ps_ceasefire_in_force(s, st);
    case PS_WORLD_WAR_ROUNDS: return st->war_rounds;
    case PS_WORLD_ENDED: return st->ended;
    case PS_WORLD_TRUST: return p->trust;
    case PS_WORLD_WAR_COST: return p->war_cost;
    case PS_WORLD_CAPABILITY: return p->capability;
    case PS_WORLD_PATIENCE: return p->patience;
    case PS_WORLD_IDEAL: return p->ideal[issue];
    case PS_WORLD_SALIENCE: return p->salience[issue];
    case PS_WORLD_STATUS:
        switch (is->status) {
        case PS_ISSUE_AGREED: return PS_WORLD_AGREED;
        case PS_ISSUE_IN_FORCE: return PS_WORLD_IN_FORCE;
        case PS_ISSUE_CLOSED: return PS_WORLD_CLOSED;
        default: return PS_WORLD_OPEN;
        }
    case PS_WORLD_TERMS: return is->first_round >= 0 ? is->terms : NAN;
    case PS_WORLD_REFUSED: return is->refused;
    case PS_WORLD_NFIELDS: break;
    }
    return NAN;
}

ps_status ps_world_set(ps_world *w, ps_world_field f, int party, int issue, double x)
{
    if (!w->writable || isnan(x)) return PS_EINVAL;
    return world_assign(w->ws->s, &w->ws->st, f, party, issue, x);
}

int ps_world_writable(const ps_world *w) { return w->writable; }

uint64_t ps_world_random(ps_world *w)
{
    return ps_rng_bits(w->ws->key, PS_STREAM_SCRIPT | ((uint32_t)(w->event + 1) << 8), (uint32_t)w->ws->st.t, w->draws++);
}

/* Calls event e's scripted condition or effect; a failure stops the replication. */
static int script_call(ps_workspace *ws, ps_world *w, int effect)
{
    int holds = 0;
    w->writable = effect;
    ps_status st = effect ? ws->hooks->effect(ws->script_ctx, w, w->event, ws->script_err, sizeof ws->script_err)
                          : ws->hooks->when(ws->script_ctx, w, w->event, &holds, ws->script_err, sizeof ws->script_err);
    if (st != PS_OK) {
        ws->script_status = st;
        ws->st.ended = 1;
        return 0;
    }
    return holds;
}

/* Number of occurrences of event e, Poisson(rate), from one uniform, by inverting its CDF.
 * exp(-rate) is remembered per event: the rate is drawn once per replication. */
static int poisson_count(ps_workspace *ws, int e, double rate, double u)
{
    if (!(rate > 0)) return 0;
    if (!(ws->poisson_rate[e] == rate)) {
        ws->poisson_rate[e] = rate;
        ws->poisson_p0[e] = exp(-rate);
    }
    double p = ws->poisson_p0[e], cdf = p;
    int k = 0;
    while (u > cdf && k < 1000) { k++; p *= rate / k; cdf += p; }
    return k;
}

static void adjust_trust(const ps_scenario *s, ps_state *st, int k, double by)
{
    const ps_issue *is = &s->issues[k];
    for (int j = 0; j < is->nconsent; j++) {
        ps_party_state *p = &st->party[is->consent[j]];
        p->trust = clip(p->trust + by, 0, 1);
    }
}

void ps_issue_implement(ps_workspace *ws, int k, double u)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    ps_issue_state *is = &st->issue[k];
    if (u < is->fail) {
        is->status = PS_ISSUE_OPEN;
        is->failures++;
        adjust_trust(s, st, k, -clip(ws->v[s->trust_loss], 0, 1));
        PS_NOTE(ws, .kind = PS_NOTE_FAILED, .issue = k);
    } else {
        PS_NOTE(ws, .kind = PS_NOTE_IMPLEMENTED, .issue = k);
        is->status = PS_ISSUE_IN_FORCE;
        is->ever_implemented = 1;
        adjust_trust(s, st, k, clip(ws->v[s->trust_gain], 0, 1));
        /* A deal carried out changes the world it was about: the agreed sanctions level
         * replaces the current one; an agreed line becomes the line of control. */
        if (s->issues[k].nodeal_kind == PS_NODEAL_SANCTIONS) st->sanctions = is->terms;
        if (k == s->front.issue) st->front = is->terms;
    }
}

/* Implementation of agreements that are due, and breakdown of deals in force (MODEL.md 5.6).
 * One uniform per issue per round, whether used or not, keeps the stream aligned. */
static void implementation_step(ps_workspace *ws)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    uint64_t h = ps_rng_round(ws->key, PS_STREAM_IMPLEMENT, (uint32_t)st->t);
    for (int k = 0; k < s->nissues; k++) {
        ps_issue_state *is = &st->issue[k];
        /* the uniform is a pure function of where it is used: drawn only when needed */
        if (is->status == PS_ISSUE_AGREED && st->t >= is->implement_at) {
            ps_issue_implement(ws, k, ps_rng_slot_u01(h, (uint32_t)k));
        } else if (is->status == PS_ISSUE_IN_FORCE && (is->hazard > 0 || is->hazard_distrust > 0)) {
            /* Only deals prone to breakdown (a ceasefire) break down; spoilers add to their hazard. */
            double u = ps_rng_slot_u01(h, (uint32_t)k);
            if (u < ps_breakdown_hazard(s, st, k)) {
                is->status = PS_ISSUE_OPEN;
                is->breakdowns++;
                adjust_trust(s, st, k, -clip(ws->v[s->trust_loss], 0, 1));
                PS_NOTE(ws, .kind = PS_NOTE_BROKE_DOWN, .issue = k);
            }
        }
    }
}

void ps_world_step(ps_workspace *ws)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    const double *v = ws->v;
    int ceasefire = ps_ceasefire_in_force(s, st);

    /* The line of control (MODEL.md 3): a drift from the balance of effective capability, plus
     * noise; frozen under a ceasefire up to violations. */
    if (s->front.issue >= 0) {
        /* keyed by the round: drawn only where there is a front, it shifts no other draw */
        double eps = gsl_cdf_ugaussian_Pinv(ps_rng_u01(ws->key, PS_STREAM_FRONT, (uint32_t)st->t, 0));
        double up = front_strength(ws, s->front.up), down = front_strength(ws, s->front.down);
        st->drift = clip(v[s->front.drift], -1, 1) * (up - down) / (up + down) + clip(v[s->front.bias], -1, 1);
        if (ceasefire) st->front = clip(st->front + clip(v[s->front.violation], 0, 1) * eps, 0, 1);
        else st->front = clip(st->front + st->drift + clip(v[s->front.sigma], 0, 1) * eps, 0, 1);
    }
    if (!ceasefire) st->war_rounds++;
    PS_NOTE(ws, .kind = PS_NOTE_ROUND, .front = st->front, .sanctions = st->sanctions, .ceasefire = ceasefire);

    /* Events and policies, in declaration order. */
    uint64_t h = ps_rng_round(ws->key, PS_STREAM_EVENT, (uint32_t)st->t);   /* shared by this round's draws */
    for (int e = 0; e < s->nevents; e++) {
        const ps_event *ev = &s->events[e];
        if (ev->once && st->fired[e]) continue;
        int ok = 1;
        for (int c = 0; c < ev->ncond && ok; c++) ok = condition_holds(st, &ev->cond[c], ceasefire);
        ps_world w = {ws, e, 0, 0};
        if (ok && ev->script_when) ok = script_call(ws, &w, 0);
        if (ws->script_status != PS_OK) return;
        if (!ok) continue;
        double u = ps_rng_slot_u01(h, (uint32_t)e);   /* only when it can happen */
        int times = ev->use_rate ? poisson_count(ws, e, clip(v[ev->rate], 0, 100), u) : (u < clip(v[ev->chance], 0, 1));
        if (ev->once && times > 1) times = 1;
        for (int n = 0; n < times; n++) {
            if (ev->script_effect) {
                script_call(ws, &w, 1);
                if (ws->script_status != PS_OK) return;
            } else {
                for (int f = 0; f < ev->neff; f++) apply_effect(s, st, v, &ev->eff[f]);
            }
        }
        if (times > 0) {
            st->fired[e] = 1;
            PS_NOTE(ws, .kind = PS_NOTE_EVENT, .event = e, .count = times);
        }
    }
    implementation_step(ws);
    /* A round of war costs each party its war cost as the round's talks see it (MODEL.md 3). */
    if (!ceasefire)
        for (int i = 0; i < s->nparties; i++) st->war_paid[i] += st->party[i].war_cost + st->party[i].sanctions_cost * st->sanctions;
}

void ps_outcome_fill(const ps_scenario *s, const ps_state *st, ps_outcome *out)
{
    int table = 0, held = 0;
    for (int k = 0; k < s->nissues; k++) {
        const ps_issue_state *is = &st->issue[k];
        out->issue[k].settled = is->first_round >= 0;
        out->issue[k].round = is->first_round;
        out->issue[k].terms = is->terms;
        out->issue[k].implemented = is->ever_implemented;
        out->issue[k].held = is->status == PS_ISSUE_AGREED || is->status == PS_ISSUE_IN_FORCE;
        out->issue[k].breakdowns = is->breakdowns;
        out->issue[k].failures = is->failures;
        out->issue[k].eum = is->eum;
        out->issue[k].eum_round = is->eum_round;
        out->issue[k].eum_period = is->eum_period;
        if (is->status != PS_ISSUE_CLOSED) table++;
        held += out->issue[k].held;
    }
    out->comprehensive = st->comprehensive_round >= 0;
    out->comprehensive_round = st->comprehensive_round;
    out->kind = (table > 0 && held >= table) ? PS_OUTCOME_COMPREHENSIVE : (held > 0 ? PS_OUTCOME_PARTIAL : PS_OUTCOME_NONE);
    out->front = st->front;
    out->war_rounds = st->war_rounds;
    out->rounds_run = st->t;
    for (int i = 0; i < s->nparties; i++) out->refusals[i] = st->refusals[i];
    for (int i = 0; i < s->nparties; i++) out->war_paid[i] = st->war_paid[i];
    double x[PS_MAX_ISSUES];
    ps_context(s, st, x);
    for (int i = 0; i < s->nparties; i++) out->utility[i] = ps_utility(&st->party[i], x, s->nissues);
    out->forecast = NULL;
    out->drawn = NULL;
}

void ps_replicate(ps_workspace *ws, uint64_t seed, uint64_t rep, ps_outcome *out)
{
    const ps_scenario *s = ws->s;
    ps_state *st = &ws->st;
    ps_state_init(ws, seed, rep);
    int reason = PS_END_HORIZON;
    ws->quit = 0;
    for (st->t = 1; st->t <= s->rounds; st->t++) {
        if (ws->cancel && *ws->cancel) break;   /* the run is stopping: this replication is dropped */
        ps_world_step(ws);
        if (st->ended) { reason = PS_END_WALKOUT; break; }
        ps_round_negotiate(ws);
        /* Stop once every issue on the table is implemented and holding (MODEL.md 5.8). */
        int table = 0, in_force = 0;
        for (int k = 0; k < s->nissues; k++) {
            if (st->issue[k].status == PS_ISSUE_CLOSED) continue;
            table++;
            in_force += st->issue[k].status == PS_ISSUE_IN_FORCE;
        }
        if (ws->quit) { reason = PS_END_QUIT; break; }
        if (st->ended) { reason = PS_END_WALKOUT; break; }
        if (table > 0 && in_force == table) { reason = PS_END_ALL_IN_FORCE; break; }
    }
    if (st->t > s->rounds) st->t = s->rounds;
    PS_NOTE(ws, .kind = PS_NOTE_END, .reason = reason, .front = st->front, .sanctions = st->sanctions);
    ps_outcome_fill(s, st, out);
    if (ws->forecast) {
        /* a run that ended early (a walk-out) keeps its last forecast to the horizon */
        for (int k = 0; k < s->nissues; k++) {
            double *f = ws->forecast + (size_t)2 * (size_t)k * (size_t)(s->rounds + 1);
            for (int t = st->t + 1; t <= s->rounds; t++) { f[2 * t] = f[2 * st->t]; f[2 * t + 1] = f[2 * st->t + 1]; }
        }
        out->forecast = ws->forecast;
    }
}
