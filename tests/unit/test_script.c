/* test_script.c: events whose conditions and effects are Lua functions (ps_lua_hooks.c): they
 * must give exactly what the same events written as tables give, the same bits on any thread
 * count, random numbers from the replication's own stream, and clear errors. */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_same.h"
#include "ps_engine.h"
#include "ps_lua.h"
#include "ps_lua_hooks.h"
#include "ps_rng.h"
#include "ps_run.h"

typedef struct outcome {
    ps_scenario *s;
    ps_result *r;
    ps_status status;
    char err[1024];
} outcome;

/* Runs a script (a file, or source text named by path) with one --set override (name may be
 * NULL) on `threads` threads, through the hooks the command line uses. */
static outcome run_script(const char *path, const char *source, const char *name, const char *value,
                          uint64_t runs, int threads)
{
    outcome o = {NULL, NULL, PS_OK, ""};
    ps_script_options so = {.path = path, .nset = name ? 1 : 0, .set_names = &name, .set_values = &value,
                            .limits = ps_sandbox_default_limits(), .version = "test",
                            .source = source, .source_len = source ? strlen(source) : 0};
    if ((o.status = ps_script_run(&so, &o.s, o.err, sizeof o.err)) != PS_OK || !o.s) {
        if (o.status == PS_OK) o.status = PS_EINVAL;
        return o;
    }
    ps_script_hooks *hooks = ps_lua_hooks_replicas(&so, o.s, o.err, sizeof o.err);
    if (!hooks) { o.status = PS_ENOMEM; return o; }
    ps_run_options ro = {.runs = runs, .seed = 2385, .threads = threads, .script = hooks, .err = o.err, .errlen = sizeof o.err};
    o.status = ps_run(o.s, &ro, &o.r);
    ps_lua_hooks_free(hooks);
    return o;
}

static void done(outcome o) { ps_result_free(o.r); ps_scenario_free(o.s); }

#define EVENTS PEACESIM_SOURCE_DIR "/tests/scenarios/scripted/events.lua"

PS_TEST(function_form_equals_table_form)
{
    outcome t = run_script(EVENTS, NULL, "form", "table", 6000, 2);
    outcome f = run_script(EVENTS, NULL, "form", "function", 6000, 2);
    EXPECT_INT(t.status, PS_OK);
    EXPECT_INT(f.status, PS_OK);
    if (f.status != PS_OK) fprintf(stderr, "%s\n", f.err);
    EXPECT(ps_scenario_has_scripts(f.s) && !ps_scenario_has_scripts(t.s));
    expect_same(t.r, f.r);
    /* the events did something: without them no sanctions or front pushes would happen */
    EXPECT(f.r && f.r->issue[0].settled > 0 && f.r->issue[0].settled < f.r->runs);
    done(t);
    done(f);
}

PS_TEST(same_bits_for_any_thread_count)
{
    outcome one = run_script(EVENTS, NULL, NULL, NULL, 5000, 1);
    outcome two = run_script(EVENTS, NULL, NULL, NULL, 5000, 2);
    outcome three = run_script(EVENTS, NULL, NULL, NULL, 5000, 3);
    EXPECT_INT(one.status, PS_OK);
    expect_same(one.r, two.r);
    expect_same(one.r, three.r);
    done(one);
    done(two);
    done(three);
}

/* deadline 6: they concede by round 6, so that the control of world_reads_and_writes_the_state,
 * watched for 6 rounds, agrees */
static const char *const two_parties =
    "issue 'share' { no_deal = 0.5 }\n"
    "party 'A' { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.01, trust = 0.37, capability = 1.25, deadline = 6 }\n"
    "party 'B' { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01, deadline = 6 }\n";

static outcome run_inline(const char *events, const char *tail, uint64_t runs, int threads)
{
    static char src[4096];
    snprintf(src, sizeof src, "%s%s%s", two_parties, events, tail);
    return run_script("inline.lua", src, NULL, NULL, runs, threads);
}

/* math.random() in an effect is the top 53 bits of ps_rng_bits(key, SCRIPT | (event+1) << 8,
 * round, draw), so replication r's number is computed here without the engine. */
PS_TEST(math_random_draws_from_the_replication_stream)
{
    const uint64_t runs = 3000;
    outcome o = run_inline("event 'draw' { chance = 1, when = function(w) return w.round == 1 end,\n"
                           "  effects = function(w) w.front = math.random() end }\n",
                           "return scenario { name = 'draw', rounds = 1 }", runs, 2);
    EXPECT_INT(o.status, PS_OK);
    double sum = 0;
    for (uint64_t r = 0; r < runs; r++)
        sum += (double)(ps_rng_bits(ps_rng_key(2385, r), PS_STREAM_SCRIPT | (1u << 8), 1, 0) >> 11) * 0x1.0p-53;
    EXPECT(o.r != NULL);
    if (o.r) EXPECT_NEAR(o.r->front.mean, sum / (double)runs, 1e-12);
    done(o);
    /* integers: math.random(0, 1) is the lowest bit of the second event's first draw */
    o = run_inline("event 'skip' { chance = 1, effects = { front = 0 } }\n"
                   "event 'coin' { chance = 1, effects = function(w) w.front = math.random(0, 1) end }\n",
                   "return scenario { name = 'coin', rounds = 1 }", runs, 3);
    uint64_t ones = 0;
    for (uint64_t r = 0; r < runs; r++) ones += ps_rng_bits(ps_rng_key(2385, r), PS_STREAM_SCRIPT | (2u << 8), 1, 0) & 1u;
    EXPECT(o.r != NULL);
    if (o.r) EXPECT_NEAR(o.r->front.mean * (double)runs, (double)ones, 1e-6);
    EXPECT(ones > 1300 && ones < 1700);   /* and a fair coin: 4 sd of a binomial(3000, 1/2) is 110 */
    done(o);
}

/* What the proxy reads is the state (the script asserts it); what an effect writes changes it:
 * closing the only issue leaves no agreement, ending the talks in round 3 stops every run there. */
PS_TEST(world_reads_and_writes_the_state)
{
    outcome o = run_inline(
        "event 'check' { chance = 1, effects = function(w)\n"
        "  assert(w.rounds == 6 and w.round >= 1 and w.sanctions == 0)\n"
        "  local A = w.parties.A\n"
        "  assert(A.name == 'A' and A.capability == 1.25 and A.ideal.share == 1 and A.salience.share == 1)\n"
        "  if w.round == 1 then assert(A.trust == 0.37, 'trust ' .. A.trust) end\n"
        "  local n = 0; for name, p in pairs(w.parties) do n = n + 1; assert(p.name == name) end; assert(n == 2)\n"
        "  if w.round == 1 then assert(w.issues.share.status == 'open' and w.issues.share.terms == nil) end\n"
        "  w.issues.share.status = 'closed'\n"
        "  if w.round == 3 then w.end_talks = true end\n"
        "end }\n",
        "return scenario { name = 'world', rounds = 6 }", 2000, 2);
    EXPECT_INT(o.status, PS_OK);
    if (o.status != PS_OK) fprintf(stderr, "%s\n", o.err);
    if (o.r) {
        EXPECT_INT(o.r->issue[0].settled, 0);
        EXPECT_NEAR(o.r->war_rounds.mean, 3, 0);
    }
    done(o);
    /* the control: without the close, the parties do agree */
    o = run_inline("event 'nothing' { chance = 1, effects = function(w) end }\n",
                   "return scenario { name = 'world', rounds = 6 }", 2000, 2);
    EXPECT(o.r && o.r->issue[0].settled > 400);   /* about 27% of 2000 (peacesim run on the same scenario) */
    done(o);
}

/* The first failure in replication order is reported, the same for any thread count. */
PS_TEST(failure_reported_in_replication_order)
{
    const char *ev = "event 'glitch' { chance = 1, effects = function(w)\n"
                     "  if math.random() < 0.0005 then w.fronts = 1 end\nend }\n";
    const char *tail = "return scenario { name = 'glitch', rounds = 10 }";
    outcome a = run_inline(ev, tail, 40000, 1), b = run_inline(ev, tail, 40000, 3);
    EXPECT_INT(a.status, PS_EINVAL);
    EXPECT_INT(b.status, PS_EINVAL);
    EXPECT(a.r == NULL && b.r == NULL);
    EXPECT(strcmp(a.err, b.err) == 0);
    EXPECT(strstr(a.err, "inline.lua:5: w has no field 'fronts'") != NULL);
    EXPECT(strstr(a.err, "event 'glitch'") != NULL && strstr(a.err, "(replication ") != NULL);
    fprintf(stderr, "reported: %s\n", a.err);
    done(a);
    done(b);
}

PS_TEST(condition_only_reads)
{
    outcome o = run_inline("event 'e' { chance = 1, when = function(w) w.front = 0; return true end, effects = { front = 0.1 } }\n",
                           "return scenario { name = 'c', rounds = 3 }", 10, 1);
    EXPECT_INT(o.status, PS_EINVAL);
    EXPECT(strstr(o.err, "a 'when' function only reads the world: w.front cannot be set there") != NULL);
    done(o);
    o = run_inline("event 'e' { chance = 1, when = function(w) return 1 end, effects = { front = 0.1 } }\n",
                   "return scenario { name = 'c', rounds = 3 }", 10, 1);
    EXPECT_INT(o.status, PS_EINVAL);
    EXPECT(strstr(o.err, "inline.lua:4: event 'e': its 'when' function must return true or false (it returned number)") != NULL);
    done(o);
    o = run_inline("event 'e' { chance = 1, effects = function(w) w.parties.A.trust = 'high' end }\n",
                   "return scenario { name = 'c', rounds = 3 }", 10, 1);
    EXPECT(strstr(o.err, "w.parties['A'].trust must be a number (got string)") != NULL);
    done(o);
    o = run_inline("event 'e' { chance = 1, effects = function(w) w.round = 2 end }\n",
                   "return scenario { name = 'c', rounds = 3 }", 10, 1);
    EXPECT(strstr(o.err, "w.round cannot be changed (it is read-only)") != NULL);
    done(o);
    o = run_inline("event 'e' { chance = 1, effects = function(w) return w.parties.C end }\n",
                   "return scenario { name = 'c', rounds = 3 }", 10, 1);
    EXPECT(strstr(o.err, "w.parties has no party named 'C' (parties: A, B)") != NULL);
    done(o);
    o = run_inline("event 'e' { chance = 1, effects = function(w) math.randomseed(3) end }\n",
                   "return scenario { name = 'c', rounds = 3 }", 10, 1);
    EXPECT(strstr(o.err, "math.randomseed cannot be called in an event's function") != NULL);
    done(o);
}

PS_TEST_MAIN(PS_CASE(function_form_equals_table_form), PS_CASE(same_bits_for_any_thread_count),
             PS_CASE(math_random_draws_from_the_replication_stream), PS_CASE(world_reads_and_writes_the_state),
             PS_CASE(failure_reported_in_replication_order), PS_CASE(condition_only_reads))
