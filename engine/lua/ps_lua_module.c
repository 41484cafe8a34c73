/* ps_lua_module.c: running scripts, and the `peacesim` table a script sees:
 * peacesim.run(scenario, opts), peacesim.load(file, opts), peacesim.version. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <lauxlib.h>
#include <cJSON.h>
#include "ps_lua.h"
#include "ps_lua_scenario.h"
#include "ps_run.h"
#include "ps_json.h"
#include "ps_sweep.h"
#include "ps_csv.h"
#include "ps_lua_hooks.h"
#include "ps_grid.h"
#include "ps_worlds.h"
#include "ps_sensitivity.h"
#include "ps_sensitivity_study.h"

#define CSV_MT "peacesim.csv"
#define PS_LUA_WORLDS PS_WORLDS_DEFAULT          /* the command line's defaults (ps_worlds.h) */
#define PS_LUA_WORLD_RUNS PS_WORLD_RUNS_DEFAULT
#define FD_MT "peacesim.fd"     /* a file descriptor held across Lua calls that may raise */

/* The registry keys of what every script of one ps_script_run shares. */
#define REG_DIR "peacesim.dir"          /* folder of the top script: peacesim.load reads there only */
#define REG_VERSION "peacesim.version"
#define REG_REPLICA "peacesim.replica"  /* set in a worker's copy of the script: no peacesim.run */
#define REG_RECIPES "peacesim.recipes"  /* scenario value -> {path, text, set} of peacesim.load */
#define REG_OPTS "peacesim.options"     /* the ps_script_options of the run (light userdata) */
#define REG_BUDGET "peacesim.budget"    /* the command's budget (light userdata), for workers' copies */

static void open_environment(lua_State *L, int overrides, const char *source);
static void run_chunk(lua_State *L, const char *chunkname, int overrides, const char *source);
static int l_load(lua_State *L);

/* ---- cJSON tree to Lua table ---- */

/* [-0, +1, m] */
static void push_json(lua_State *L, const cJSON *j)
{
    luaL_checkstack(L, 4, "result too deep");
    if (cJSON_IsObject(j)) {
        lua_newtable(L);
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c);
            lua_setfield(L, -2, c->string);
        }
    } else if (cJSON_IsArray(j)) {
        lua_newtable(L);
        lua_Integer i = 1;
        for (const cJSON *c = j->child; c; c = c->next, i++) {
            push_json(L, c);
            lua_seti(L, -2, i);
        }
    } else if (cJSON_IsNumber(j)) {
        double x = j->valuedouble;
        if (x == floor(x) && fabs(x) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)x);
        else lua_pushnumber(L, x);
    } else if (cJSON_IsString(j)) {
        lua_pushstring(L, j->valuestring);
    } else if (cJSON_IsBool(j)) {
        lua_pushboolean(L, cJSON_IsTrue(j));
    } else {
        lua_pushnil(L);
    }
}

static int push_json_protected(lua_State *L)
{
    push_json(L, lua_touserdata(L, 1));
    return 1;
}

/* Raises an error for a key of the options table at idx that is not in known[]. */
static void check_options(lua_State *L, int idx, const char *fn, const char *const *known)
{
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        int ok = 0;
        for (const char *const *k = known; *k && !ok; k++) ok = lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), *k) == 0;
        if (!ok) luaL_error(L, "%s: unknown option '%s'", fn, luaL_tolstring(L, -1, NULL));
    }
}

/* The options peacesim.run, .compare and .sweep share. */
typedef struct lua_run_opts {
    lua_Integer runs, seed;
    ps_interval interval;
    int threads;
} lua_run_opts;

/* [-0, +0, e] Reads runs, seed, interval and threads from the options table at idx (0: none);
 * other keys must be in `extra` (or it is an error naming fn). */
static void read_run_opts(lua_State *L, int idx, const char *fn, const char *const *extra, lua_run_opts *o)
{
    o->runs = 10000;
    o->seed = 1;
    o->interval = PS_INTERVAL_WILSON;
    o->threads = ps_cpu_count();
    if (idx == 0 || lua_isnoneornil(L, idx)) return;
    luaL_checktype(L, idx, LUA_TTABLE);
    const char *known[12] = {"runs", "seed", "interval", "threads"};
    int n = 4;
    for (int j = 0; extra && extra[j] && n < 11; j++) known[n++] = extra[j];
    known[n] = NULL;
    check_options(L, idx, fn, known);
    int isint;
    if (lua_getfield(L, idx, "threads") != LUA_TNIL) {
        lua_Integer th = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || th < 1 || th > PS_MAX_THREADS) luaL_error(L, "%s: threads must be a whole number from 1 to %d", fn, PS_MAX_THREADS);
        o->threads = (int)th;
    }
    if (lua_getfield(L, idx, "interval") != LUA_TNIL) {
        const char *iv = lua_tostring(L, -1);
        if (iv && strcmp(iv, "cp") == 0) o->interval = PS_INTERVAL_CP;
        else if (!iv || strcmp(iv, "wilson") != 0) luaL_error(L, "%s: interval must be \"wilson\" or \"cp\"", fn);
    }
    if (lua_getfield(L, idx, "runs") != LUA_TNIL) {
        o->runs = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || o->runs < 1 || o->runs > 1000000000) luaL_error(L, "%s: runs must be a whole number from 1 to 1e9", fn);
    }
    if (lua_getfield(L, idx, "seed") != LUA_TNIL) {
        o->seed = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || o->seed < 0) luaL_error(L, "%s: seed must be a whole number >= 0", fn);
    }
    lua_pop(L, 4);
}

/* [-0, +0, e] The options of a study across worlds in the options table at idx (0: none):
 * central (a boolean), worlds (2 to PS_WORLDS_MAX) and world_runs (1 to 1e9), as the command
 * line's --central, --worlds and --world-runs, with their defaults (world_runs at most runs). */
static void read_world_opts(lua_State *L, int idx, const char *fn, uint64_t runs, ps_grid_options *g)
{
    g->nworlds = PS_LUA_WORLDS;
    /* at most `runs` a world unless world_runs says, as on the command line */
    g->world_runs = runs < PS_LUA_WORLD_RUNS ? runs : PS_LUA_WORLD_RUNS;
    if (idx == 0 || lua_isnoneornil(L, idx)) return;
    int isint;
    if (lua_getfield(L, idx, "central") != LUA_TNIL) {
        if (!lua_isboolean(L, -1)) luaL_error(L, "%s: central must be true or false", fn);
        if (lua_toboolean(L, -1)) g->nworlds = 0;
    }
    if (lua_getfield(L, idx, "worlds") != LUA_TNIL) {
        lua_Integer w = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || w < 2 || w > PS_WORLDS_MAX) luaL_error(L, "%s: worlds must be a whole number from 2 to %d", fn, PS_WORLDS_MAX);
        if (g->nworlds) g->nworlds = (int)w;
    }
    if (lua_getfield(L, idx, "world_runs") != LUA_TNIL) {
        lua_Integer n = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || n < 1 || n > 1000000000) luaL_error(L, "%s: world_runs must be a whole number from 1 to 1e9", fn);
        g->world_runs = (uint64_t)n;
    }
    lua_pop(L, 3);
}

/* [-0, +0, e] Scenarios run from a worker's copy of a script would run it again and again. */
static void refuse_in_replica(lua_State *L, const char *fn)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, REG_REPLICA) != LUA_TNIL)
        luaL_error(L, "%s cannot be called while the script runs again to give a worker thread its own Lua state "
                      "(its events have functions): run scenarios from a separate study script", fn);
    lua_pop(L, 1);
}

/* [-0, +0, -] The options that loaded the scenario value at idx (peacesim.load's recipe: its
 * path, text and set, with a sweep point's `extra` overrides winning), into *so; names and values
 * have room for PS_MAX_PARAMS. The strings are the recipe table's, alive as long as the value is.
 * Returns 1, or 0 when the value has no recipe (this very script built it). */
static int recipe_options(lua_State *L, int idx, int nextra, const char *const *xnames, const char *const *xvalues,
                          ps_script_options *so, const char **names, const char **values)
{
    idx = lua_absindex(L, idx);
    int top = lua_gettop(L), found = 0;
    lua_getfield(L, LUA_REGISTRYINDEX, REG_RECIPES);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        int rec = lua_gettop(L);
        lua_getfield(L, rec, "path");
        lua_getfield(L, rec, "text");
        lua_getfield(L, rec, "set");
        lua_getfield(L, LUA_REGISTRYINDEX, REG_BUDGET);
        lua_getfield(L, LUA_REGISTRYINDEX, REG_VERSION);
        int nset = 0;
        lua_pushnil(L);
        while (nset < PS_MAX_PARAMS && lua_next(L, rec + 3)) {
            int overridden = 0;   /* a sweep's own value wins over the recipe's */
            for (int j = 0; j < nextra; j++) overridden |= strcmp(xnames[j], lua_tostring(L, -2)) == 0;
            if (!overridden) {
                names[nset] = lua_tostring(L, -2);
                values[nset++] = lua_tostring(L, -1);   /* strings held by the table */
            }
            lua_pop(L, 1);
        }
        for (int j = 0; j < nextra && nset < PS_MAX_PARAMS; j++) { names[nset] = xnames[j]; values[nset++] = xvalues[j]; }
        size_t len;
        const char *text = lua_tolstring(L, rec + 2, &len);
        ps_budget *budget = lua_touserdata(L, rec + 4);
        *so = (ps_script_options){.path = lua_tostring(L, rec + 1), .nset = nset, .set_names = names, .set_values = values,
                                  .limits = *ps_budget_limits(budget), .budget = budget, .version = lua_tostring(L, rec + 5),
                                  .source = text, .source_len = len};
        found = 1;
    }
    lua_settop(L, top);
    return found;
}

/* [-0, +0, m] The hooks for the scenario value at idx (converted to s) when it has scripted
 * events: a scenario from peacesim.load is run again by every worker (with `extra` overrides
 * added to its own, for a sweep's point); one built by this very script is called here, on this
 * thread. NULL with err[0] == 0 when it has none; NULL with a message in err on failure. */
static ps_script_hooks *hooks_for(lua_State *L, int idx, const ps_scenario *s, int nextra, const char *const *xnames,
                                  const char *const *xvalues, char *err, size_t errlen)
{
    err[0] = '\0';
    if (!ps_scenario_has_scripts(s)) return NULL;
    ps_script_hooks *hooks = NULL;
    ps_script_options so;
    const char *names[PS_MAX_PARAMS], *values[PS_MAX_PARAMS];
    if (recipe_options(L, idx, nextra, xnames, xvalues, &so, names, values))
        hooks = ps_lua_hooks_replicas(&so, s, err, errlen);   /* copies what it needs */
    else if (!(hooks = ps_lua_hooks_here(L, idx, s)))
        snprintf(err, errlen, "out of memory");
    return hooks;
}

/* How a scenario from peacesim.load is made again in a world (ps_script_remake): its options,
 * held by a userdata on the stack for as long as the study runs. */
typedef struct lua_remake {
    ps_script_options so;
    const char *names[PS_MAX_PARAMS], *values[PS_MAX_PARAMS];
} lua_remake;

/* [-0, +0, -] Lets s (the scenario value at idx, converted) have worlds made by running its
 * script again, when its script computes with an assumption and peacesim.load made it; rm is
 * the caller's, alive while s is used. Otherwise changes nothing (a world of it then fails with
 * ps_worlds_scenario's message). */
static void remake_for(lua_State *L, int idx, ps_scenario *s, int nextra, const char *const *xnames,
                       const char *const *xvalues, lua_remake *rm)
{
    if (!s->assumptions_in_script) return;
    if (recipe_options(L, idx, nextra, xnames, xvalues, &rm->so, rm->names, rm->values)) {
        rm->so.set_names = rm->names;
        rm->so.set_values = rm->values;
        s->remake = ps_script_remake;
        s->remake_ctx = &rm->so;
    }
}

/* [-0, +1, m] Pushes doc as a Lua table and deletes it, even if Lua runs out of memory. */
static void push_doc(lua_State *L, cJSON *doc, const char *fn)
{
    if (!doc) luaL_error(L, "%s: out of memory", fn);
    lua_pushcfunction(L, push_json_protected);
    lua_pushlightuserdata(L, doc);
    int status = lua_pcall(L, 1, 1, 0);
    cJSON_Delete(doc);
    if (status != LUA_OK) lua_error(L);
}

/* Runs n scenarios (the boxes of s[] are on the stack, their values at idx[]) as one study and
 * pushes nothing: the results are left in r[] and paired[] for the caller, who frees r[]; with
 * g (may be NULL: the central values only), the points across the baseline's worlds in *worlds
 * (NULL when it has no assumption; the caller frees it). On a failure frees everything and
 * raises an error naming fn. `extra` gives each point's overrides (a sweep), or is NULL. With
 * band (may be NULL), for one scenario with assumptions, its band across bg's worlds in *band
 * (NULL otherwise; the caller frees it). */
static double run_study(lua_State *L, const char *fn, ps_scenario **s, const int *idx, int n, int base,
                        const lua_run_opts *o, const ps_grid_options *g, int nextra, const char *const *xnames,
                        const char *const *xvalues, ps_result **r, ps_paired *paired, ps_grid_worlds **worlds,
                        const ps_grid_options *bg, ps_band **band)
{
    ps_grid_worlds *gw = NULL;
    char err[1024] = "";
    ps_script_hooks *hooks[PS_MAX_POINTS] = {0};
    lua_remake *rm = lua_newuserdatauv(L, sizeof *rm * (size_t)n, 0);   /* popped at the end */
    for (int p = 0; p < n; p++)
        remake_for(L, idx[p], s[p], nextra, xnames, xvalues ? xvalues + (size_t)p * (size_t)nextra : NULL, &rm[p]);
    for (int p = 0; p < n; p++) {
        hooks[p] = hooks_for(L, idx[p], s[p], nextra, xnames, xvalues ? xvalues + (size_t)p * (size_t)nextra : NULL,
                             err, sizeof err);
        if (!hooks[p] && err[0]) {
            for (int q = 0; q < p; q++) ps_lua_hooks_free(hooks[q]);
            luaL_error(L, "%s: %s", fn, err);
        }
    }
    ps_run_options opts = {.runs = (uint64_t)o->runs, .seed = (uint64_t)o->seed, .threads = o->threads,
                           .err = err, .errlen = sizeof err};
    /* the Monte Carlo's time is the engine's, not the script's: only event functions count */
    int paused = ps_sandbox_pause(ps_sandbox_of(L));
    double t0 = ps_sandbox_now();
    ps_status st = ps_grid_run((const ps_scenario *const *)s, n, base, (const ps_script_hooks *const *)hooks, &opts, g, r,
                               paired, &gw);
    if (band) *band = NULL;
    if (st == PS_OK && band && n == 1 && bg && bg->nworlds > 0 && s[0]->nassumptions > 0) {
        ps_run_options bo = opts;
        bo.runs = bg->world_runs;
        st = ps_band_compute(s[0], hooks[0], bg->nworlds, &bo, band);
        if (st != PS_OK) ps_result_free(r[0]), r[0] = NULL;
    }
    double seconds = ps_sandbox_now() - t0;
    ps_sandbox_resume(ps_sandbox_of(L), paused);
    for (int p = 0; p < n; p++) ps_lua_hooks_free(hooks[p]);
    if (st != PS_OK) {
        for (int p = 0; p < n; p++) ps_result_free(r[p]);
        if (err[0]) luaL_error(L, "%s: %s", fn, err);
        luaL_error(L, "%s: %s", fn, ps_strerror(st));
    }
    if (worlds) *worlds = gw;
    else ps_grid_worlds_free(gw);
    lua_pop(L, 1);   /* the remakes */
    return seconds;
}

/* peacesim.run(scenario [, {runs = N, seed = S, interval, threads, central, worlds, world_runs}])
 * [-(1|2), +1, e]: runs the Monte Carlo and returns the result as a table with the same keys as
 * `peacesim run --json`, the band across the scenario's assumptions included. */
static int l_run(lua_State *L)
{
    if (!ps_lua_is_scenario(L, 1)) return luaL_argerror(L, 1, "expected a scenario (the value scenario{...} returns)");
    lua_run_opts o;
    read_run_opts(L, 2, "peacesim.run", (const char *const[]){"central", "worlds", "world_runs", NULL}, &o);
    ps_grid_options bg;   /* the band across its assumptions, as `peacesim run` shows it */
    read_world_opts(L, lua_isnoneornil(L, 2) ? 0 : 2, "peacesim.run", (uint64_t)o.runs, &bg);
    refuse_in_replica(L, "peacesim.run");
    ps_scenario *s = ps_lua_to_scenario(L, 1);   /* pushes the box that owns s */
    int idx = 1;
    ps_result *r;
    ps_band *band = NULL;
    double seconds = run_study(L, "peacesim.run", &s, &idx, 1, 0, &o, NULL, 0, NULL, NULL, &r, NULL, NULL, &bg, &band);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_VERSION);
    ps_report_meta meta = {(uint64_t)o.runs, (uint64_t)o.seed, seconds, lua_tostring(L, -1), 1, o.interval, 0};
    cJSON *doc = ps_json_result_band(s, r, &meta, band);
    ps_band_free(band);
    ps_result_free(r);
    push_doc(L, doc, "peacesim.run");
    return 1;
}

/* [-0, +1, m] {diff = d, ci95 = {lo, hi}} of a paired difference. */
static void push_diff(lua_State *L, const ps_moments *m)
{
    double d, lo, hi;
    ps_sweep_diff(m, &d, &lo, &hi);
    lua_createtable(L, 0, 2);
    lua_pushnumber(L, d);
    lua_setfield(L, -2, "diff");
    lua_createtable(L, 2, 0);
    lua_pushnumber(L, lo);
    lua_rawseti(L, -2, 1);
    lua_pushnumber(L, hi);
    lua_rawseti(L, -2, 2);
    lua_setfield(L, -2, "ci95");
}

/* What peacesim.compare hands to its protected conversion. */
typedef struct compare_out {
    cJSON *a, *b;
    cJSON *worlds;                   /* b against a across a's worlds, or NULL */
    const ps_paired *diff;
    const ps_scenario *s;
} compare_out;

/* [-1, +1, m] Under pcall: {a = ..., b = ..., diff = {...}} from the compare_out (light userdata). */
static int push_compare_protected(lua_State *L)
{
    compare_out *co = lua_touserdata(L, 1);
    lua_createtable(L, 0, 3);
    push_json(L, co->a);
    lua_setfield(L, -2, "a");
    push_json(L, co->b);
    lua_setfield(L, -2, "b");
    lua_createtable(L, 0, 2);
    push_diff(L, &co->diff->agreement);
    lua_setfield(L, -2, "agreement");
    lua_createtable(L, 0, co->s->nissues);
    for (int k = 0; k < co->s->nissues; k++) {
        push_diff(L, &co->diff->issue[k]);
        lua_setfield(L, -2, co->s->issues[k].name);
    }
    lua_setfield(L, -2, "issues");
    lua_setfield(L, -2, "diff");
    if (co->worlds) {
        push_json(L, co->worlds);
        lua_setfield(L, -2, "worlds");
    }
    return 1;
}

/* peacesim.compare(a, b [, opts]) [-(2|3), +1, e]: runs two scenarios on the same replications
 * and returns {a = result, b = result, diff = {agreement = {diff, ci95}, issues = {...}}}: b's
 * probabilities minus a's, replication by replication, with paired 95% intervals. */
static int l_compare(lua_State *L)
{
    for (int i = 1; i <= 2; i++)
        if (!ps_lua_is_scenario(L, i)) return luaL_argerror(L, i, "expected a scenario (the value scenario{...} returns)");
    lua_run_opts o;
    static const char *const world_keys[] = {"central", "worlds", "world_runs", NULL};
    read_run_opts(L, 3, "peacesim.compare", world_keys, &o);
    ps_grid_options g;
    read_world_opts(L, lua_isnoneornil(L, 3) ? 0 : 3, "peacesim.compare", (uint64_t)o.runs, &g);
    refuse_in_replica(L, "peacesim.compare");
    ps_scenario *s[2];
    s[0] = ps_lua_to_scenario(L, 1);
    s[1] = ps_lua_to_scenario(L, 2);
    int idx[2] = {1, 2};
    ps_result *r[2];
    ps_paired paired[2];
    ps_grid_worlds *gw;
    double seconds = run_study(L, "peacesim.compare", s, idx, 2, 0, &o, &g, 0, NULL, NULL, r, paired, &gw, NULL, NULL);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_VERSION);
    ps_report_meta meta = {(uint64_t)o.runs, (uint64_t)o.seed, seconds, lua_tostring(L, -1), 1, o.interval, 0};
    compare_out co = {ps_json_result(s[0], r[0], &meta), ps_json_result(s[1], r[1], &meta), NULL, &paired[1], s[1]};
    int worlds_ok = 1;
    if (gw) {
        /* {count, runs, seed, assumptions, x, diff}: b against a in each of a's worlds */
        cJSON *d = ps_json_grid_diff(gw, 1, s[1]);
        co.worlds = ps_json_grid_worlds(gw);
        if (co.worlds && d) cJSON_AddItemToObject(co.worlds, "diff", d);
        else cJSON_Delete(d);
        worlds_ok = co.worlds && d;
        ps_grid_worlds_free(gw);
    }
    ps_result_free(r[0]);
    ps_result_free(r[1]);
    if (!co.a || !co.b || !worlds_ok) {
        cJSON_Delete(co.a);
        cJSON_Delete(co.b);
        cJSON_Delete(co.worlds);
        return luaL_error(L, "peacesim.compare: out of memory");
    }
    /* everything C holds is in co: one protected call builds the table, then co is freed */
    lua_pushcfunction(L, push_compare_protected);
    lua_pushlightuserdata(L, &co);
    int status = lua_pcall(L, 1, 1, 0);
    cJSON_Delete(co.a);
    cJSON_Delete(co.b);
    cJSON_Delete(co.worlds);
    if (status != LUA_OK) return lua_error(L);
    return 1;
}

/* The text a param value is passed as: numbers in the shortest form that reads back to the
 * same double, booleans as true/false, strings as they are. NULL for any other type. */
static const char *value_text(lua_State *L, int idx, char *buf, size_t len)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER: {
        double x = lua_tonumber(L, idx);
        snprintf(buf, len, "%.15g", x);
        if (strtod(buf, NULL) != x) snprintf(buf, len, "%.17g", x);
        return buf;
    }
    case LUA_TBOOLEAN: return lua_toboolean(L, idx) ? "true" : "false";
    case LUA_TSTRING: return lua_tostring(L, idx);
    default: return NULL;
    }
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

#define SWEEP_MAX_VARY PS_GRID_MAX_VARY

/* peacesim.sweep(scenario, {vary = {name = {v1, v2, ...}, ...}, baseline = {name = v, ...},
 * runs, seed, interval, threads}) [-2, +1, e]: the scenario (a value from peacesim.load, or a
 * file name) at every point of the grid, on the same replications; returns the document
 * `peacesim sweep --json` writes (schema peacesim.sweep/2). The varied params are taken in the
 * order of their names. */
static int l_sweep(lua_State *L)
{
    const char *fn = "peacesim.sweep";
    refuse_in_replica(L, fn);
    if (lua_type(L, 1) == LUA_TSTRING) {   /* a file name: load it first */
        lua_pushcfunction(L, l_load);
        lua_pushvalue(L, 1);
        lua_call(L, 1, 1);
        lua_replace(L, 1);
    }
    if (!ps_lua_is_scenario(L, 1)) return luaL_argerror(L, 1, "expected a scenario from peacesim.load, or a file name");
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    lua_run_opts o;
    read_run_opts(L, 2, fn, (const char *const[]){"vary", "baseline", "central", "worlds", "world_runs", NULL}, &o);
    ps_grid_options g;
    read_world_opts(L, 2, fn, (uint64_t)o.runs, &g);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_RECIPES);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) != LUA_TTABLE)
        return luaL_error(L, "%s: the scenario must come from peacesim.load (or give its file name): a sweep runs its script again with each point's params", fn);
    int rec = lua_gettop(L);                        /* 4: the recipe */
    if (lua_getfield(L, 2, "vary") != LUA_TTABLE) return luaL_error(L, "%s: vary must be a table of name = {values}", fn);
    int vary = lua_gettop(L);                       /* 5 */
    const char *names[SWEEP_MAX_VARY];
    int nv = 0;
    lua_pushnil(L);
    while (lua_next(L, vary)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "%s: vary keys must be param names", fn);
        if (nv == SWEEP_MAX_VARY) return luaL_error(L, "%s: at most %d params may vary", fn, SWEEP_MAX_VARY);
        names[nv++] = lua_tostring(L, -1);          /* held by the vary table */
    }
    if (nv == 0) return luaL_error(L, "%s: vary names no param", fn);
    qsort(names, (size_t)nv, sizeof names[0], cmp_names);
    /* each param's values as text, in a table that holds the strings: texts[j][i] */
    lua_createtable(L, nv, 0);
    int texts = lua_gettop(L);                      /* 6 */
    int count[SWEEP_MAX_VARY];
    for (int j = 0; j < nv; j++) {
        lua_getfield(L, vary, names[j]);
        int list = lua_gettop(L);
        lua_Integer n = lua_type(L, list) == LUA_TTABLE ? luaL_len(L, list) : 0;
        if (n < 1) return luaL_error(L, "%s: vary.%s must be a list of one or more values", fn, names[j]);
        lua_createtable(L, (int)n, 0);
        for (lua_Integer i = 1; i <= n; i++) {
            char buf[64];
            lua_geti(L, list, i);
            const char *t = value_text(L, -1, buf, sizeof buf);
            if (!t) return luaL_error(L, "%s: vary.%s[%d] must be a number, boolean or string", fn, names[j], (int)i);
            lua_pushstring(L, t);
            lua_rawseti(L, -3, i);
            lua_pop(L, 1);
        }
        lua_rawseti(L, texts, j + 1);
        lua_pop(L, 1);
        count[j] = (int)n;
    }
    double npoints_d = ps_grid_size(nv, count);
    if (npoints_d > PS_MAX_POINTS) {
        char grid[32];   /* lua_pushfstring knows no %.0f: the count is written here */
        snprintf(grid, sizeof grid, "%.0f", npoints_d);
        return luaL_error(L, "%s: the grid has %s points; at most %d", fn, grid, PS_MAX_POINTS);
    }
    int npoints = (int)npoints_d;
    /* each list's texts, held by texts (a list longer than the grid cannot be: npoints >= its length) */
    const char *values[PS_MAX_POINTS * SWEEP_MAX_VARY];
    const char *lists[SWEEP_MAX_VARY][PS_MAX_POINTS];
    const char *const *listp[SWEEP_MAX_VARY];
    for (int j = 0; j < nv; j++) {
        lua_rawgeti(L, texts, j + 1);
        for (int i = 0; i < count[j]; i++) {
            lua_rawgeti(L, -1, i + 1);
            lists[j][i] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        listp[j] = lists[j];
    }
    ps_grid_points(nv, count, listp, values);
    int base = 0;
    if (lua_getfield(L, 2, "baseline") != LUA_TNIL) {
        if (!lua_istable(L, -1)) return luaL_error(L, "%s: baseline must be a table of name = value", fn);
        const char *want[SWEEP_MAX_VARY];
        for (int j = 0; j < nv; j++) {
            char buf[64];
            lua_getfield(L, -1, names[j]);
            if (lua_isnil(L, -1)) return luaL_error(L, "%s: baseline must give %s", fn, names[j]);
            const char *t = value_text(L, -1, buf, sizeof buf);
            if (!t) return luaL_error(L, "%s: baseline.%s must be a number, boolean or string", fn, names[j]);
            lua_pushstring(L, t);
            lua_rawseti(L, texts, nv + 1 + j);       /* the table keeps the string */
            lua_pop(L, 1);
            lua_rawgeti(L, texts, nv + 1 + j);
            want[j] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
        if ((base = ps_grid_find(values, npoints, nv, want)) < 0) return luaL_error(L, "%s: baseline is not a point of the grid", fn);
    }
    lua_pop(L, 1);
    /* each point: the recipe's script again, with its own params added to the recipe's */
    luaL_checkstack(L, 2 * npoints + 16, "sweep points");
    int idx[PS_MAX_POINTS];
    ps_scenario *s[PS_MAX_POINTS];
    lua_getfield(L, rec, "path");
    const char *path = lua_tostring(L, -1);
    for (int p = 0; p < npoints; p++) {
        lua_getfield(L, rec, "set");
        ps_sandbox_push_copy(L, -1);                /* the overrides: the recipe's, then the point's */
        lua_remove(L, -2);
        for (int j = 0; j < nv; j++) {
            lua_pushstring(L, values[p * nv + j]);
            lua_setfield(L, -2, names[j]);
        }
        int overrides = lua_gettop(L);
        lua_getfield(L, rec, "text");
        const char *chunkname = lua_pushfstring(L, "@%s", path);
        lua_insert(L, -2);
        run_chunk(L, chunkname, overrides, "peacesim.sweep vary");
        lua_remove(L, -2);                          /* the chunk's name: its work is done */
        /* the point's own recipe, for worker threads that run its event functions */
        lua_getfield(L, LUA_REGISTRYINDEX, REG_RECIPES);
        lua_pushvalue(L, -2);
        lua_createtable(L, 0, 3);
        lua_getfield(L, rec, "path");
        lua_setfield(L, -2, "path");
        lua_getfield(L, rec, "text");
        lua_setfield(L, -2, "text");
        lua_pushvalue(L, overrides);
        lua_setfield(L, -2, "set");
        lua_rawset(L, -3);
        lua_pop(L, 1);
        lua_remove(L, overrides);                   /* leaves the scenario value */
        idx[p] = lua_gettop(L);
        s[p] = ps_lua_to_scenario(L, idx[p]);       /* and its box above it */
    }
    ps_result *r[PS_MAX_POINTS];
    ps_paired paired[PS_MAX_POINTS];
    ps_grid_worlds *gw;
    double seconds = run_study(L, fn, s, idx, npoints, base, &o, &g, nv, names, values, r, paired, &gw, NULL, NULL);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_VERSION);
    ps_sweep_meta m = {{(uint64_t)o.runs, (uint64_t)o.seed, seconds, lua_tostring(L, -1), 1, o.interval, 0}, npoints, base, nv,
                       names, values, gw};
    cJSON *doc = ps_json_sweep((const ps_scenario *const *)s, (const ps_result *const *)r, paired, &m);
    ps_grid_worlds_free(gw);
    for (int p = 0; p < npoints; p++) ps_result_free(r[p]);
    push_doc(L, doc, fn);
    return 1;
}

/* ---- peacesim.sensitivity: the study of ps_sensitivity_study.h, as `peacesim sensitivity` runs it ---- */

/* [-0, +0, e] A whole number option of peacesim.sensitivity in [lo, hi], or dflt when absent. */
static size_t sens_count(lua_State *L, int idx, const char *key, lua_Integer lo, lua_Integer hi, size_t dflt)
{
    int isint = 0;
    size_t v = dflt;
    if (lua_getfield(L, idx, key) != LUA_TNIL) {
        lua_Integer x = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : 0;
        if (!isint || x < lo || x > hi)
            luaL_error(L, "peacesim.sensitivity: %s must be a whole number from %d to %d", key, (int)lo, (int)hi);
        v = (size_t)x;
    }
    lua_pop(L, 1);
    return v;
}

/* peacesim.sensitivity(scenario [, {method = "oat"|"morris"|"sobol", factors = "all"|"assumptions"|
 * "distributions", runs, seed, threads, interval, trajectories, levels, samples, bootstrap}])
 * [-(1|2), +1, e]: the analysis `peacesim sensitivity` makes with the same settings, as a table
 * with the keys of its JSON (peacesim.sensitivity/2). */
static int l_sensitivity(lua_State *L)
{
    const char *fn = "peacesim.sensitivity";
    if (!ps_lua_is_scenario(L, 1)) return luaL_argerror(L, 1, "expected a scenario (the value scenario{...} returns)");
    lua_run_opts o;
    read_run_opts(L, 2, fn, (const char *const[]){"method", "factors", "trajectories", "levels", "samples", "bootstrap", NULL}, &o);
    refuse_in_replica(L, fn);
    ps_sens_settings set = {0};
    int runs_given = 0;
    if (lua_istable(L, 2)) {
        static const char *const methods[] = {"oat", "morris", "sobol", NULL};
        static const char *const which[] = {"all", "assumptions", "distributions", NULL};
        lua_getfield(L, 2, "method");
        set.method = (ps_sens_method)luaL_checkoption(L, -1, "oat", methods);
        lua_getfield(L, 2, "factors");
        set.factors = (ps_sens_factors)luaL_checkoption(L, -1, "all", which);
        runs_given = lua_getfield(L, 2, "runs") != LUA_TNIL;
        lua_pop(L, 3);
        set.trajectories = sens_count(L, 2, "trajectories", 2, 100000, 10);
        set.levels = (unsigned)sens_count(L, 2, "levels", 2, 1024, 4);
        if (set.levels % 2) return luaL_error(L, "%s: levels must be even (Morris's grid)", fn);
        set.samples = sens_count(L, 2, "samples", 2, 1048576, 64);
        size_t b = sens_count(L, 2, "bootstrap", 0, 100000, 500);
        set.bootstrap = b ? b : PS_SENS_NO_BOOTSTRAP;
    }
    if (!runs_given) o.runs = set.method == PS_SENS_OAT ? 20000 : 2000;   /* the command's defaults */
    ps_scenario *s = ps_lua_to_scenario(L, 1);
    if (ps_sensitivity_name_values(s) != 0) return luaL_error(L, "%s: out of memory", fn);
    lua_remake *rm = lua_newuserdatauv(L, sizeof *rm, 0);   /* held on the stack while the study runs */
    remake_for(L, 1, s, 0, NULL, NULL, rm);
    char err[1024] = "";
    ps_script_hooks *hooks = hooks_for(L, 1, s, 0, NULL, NULL, err, sizeof err);
    if (!hooks && err[0]) return luaL_error(L, "%s: %s", fn, err);
    ps_run_options ro = {.runs = (uint64_t)o.runs, .seed = (uint64_t)o.seed, .threads = o.threads, .err = err,
                         .errlen = sizeof err};
    int paused = ps_sandbox_pause(ps_sandbox_of(L));
    double t0 = ps_sandbox_now();
    ps_sensitivity_study *st = NULL;
    ps_status rc = ps_sensitivity_study_run(s, hooks, set, &ro, &st);
    double seconds = ps_sandbox_now() - t0;
    ps_sandbox_resume(ps_sandbox_of(L), paused);
    ps_lua_hooks_free(hooks);
    if (rc != PS_OK) {
        if (err[0]) return luaL_error(L, "%s: %s", fn, err);
        return luaL_error(L, "%s: %s", fn, ps_strerror(rc));
    }
    lua_getfield(L, LUA_REGISTRYINDEX, REG_VERSION);
    ps_report_meta meta = {(uint64_t)o.runs, (uint64_t)o.seed, seconds, lua_tostring(L, -1), 1, o.interval, 0};
    cJSON *doc = ps_json_sensitivity(s, st, &meta);
    ps_sensitivity_study_free(st);
    push_doc(L, doc, fn);
    return 1;
}

/* Reads `path` into a Lua string on the stack (no malloc held across a Lua error). Returns 0,
 * or -1 with errno set. [-0, +1, m] */
static int push_file(lua_State *L, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) return -1;
    if (S_ISDIR(sb.st_mode)) { errno = EISDIR; return -1; }
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) luaL_addlstring(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    luaL_pushresult(&b);
    if (bad) { lua_pop(L, 1); errno = EIO; return -1; }
    return 0;
}

char *ps_script_read(const char *path, size_t *len, char *err, size_t errlen)
{
    struct stat sb;
    FILE *f = NULL;
    int found = stat(path, &sb) == 0, saved;
    if (!found || S_ISDIR(sb.st_mode) || !(f = fopen(path, "rb"))) {
        snprintf(err, errlen, "%s: cannot read the scenario: %s", path, found && S_ISDIR(sb.st_mode) ? strerror(EISDIR) : strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap), *bigger;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > PS_SCRIPT_MAX_BYTES) break;
        if (n == cap && !(bigger = realloc(buf, cap *= 2))) { free(buf); buf = NULL; }
        else if (n == cap) buf = bigger;
    }
    saved = errno;
    int bad = ferror(f);
    fclose(f);
    if (!buf) snprintf(err, errlen, "%s: cannot read the scenario: out of memory", path);
    else if (bad) snprintf(err, errlen, "%s: cannot read the scenario: %s", path, strerror(saved));
    else if (n > PS_SCRIPT_MAX_BYTES) snprintf(err, errlen, "%s: the scenario is larger than %u MiB", path, PS_SCRIPT_MAX_BYTES >> 20);
    if (!buf || bad || n > PS_SCRIPT_MAX_BYTES) { free(buf); return NULL; }
    *len = n;
    return buf;
}

/* [-1, +1, e] Loads and runs the text at the stack top (popped) as a script in a fresh
 * environment; leaves its single return value. Every override must name a param the script
 * declared, whether it returns a scenario or is a study. */
static void run_chunk(lua_State *L, const char *chunkname, int overrides, const char *source)
{
    int text = lua_gettop(L);
    size_t len;
    const char *src = lua_tolstring(L, text, &len);
    open_environment(L, overrides, source);  /* text, env, decl */
    lua_insert(L, text);                     /* decl, text, env */
    if (ps_sandbox_load(L, src, len, chunkname) != LUA_OK) lua_error(L);
    lua_remove(L, text + 1);                 /* decl, chunk */
    lua_call(L, 0, 1);                       /* decl, result */
    if (lua_isnil(L, -1) && ps_lua_declares_anything(L, text))
        luaL_error(L, "%s: the script declares issues, parties or events but returns no scenario: end it with `return scenario { ... }`",
                   chunkname + 1);
    ps_lua_check_overrides(L, text);
    lua_remove(L, text);
}

/* The folder-relative name rules of peacesim.load and csv: no absolute path, no "..". */
static void check_local_name(lua_State *L, const char *name, const char *fn)
{
    if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") || strstr(name, "//") || strlen(name) > 200)
        luaL_error(L, "%s: '%s' must be a file name in the script's own folder (no '/' at the start, no '..')", fn, name);
}

static int fd_gc(lua_State *L)
{
    int *fd = luaL_checkudata(L, 1, FD_MT);
    if (*fd >= 0) close(*fd);
    *fd = -1;
    return 0;
}

/* Opens name (checked by check_local_name) under the folder dir without following a symbolic
 * link at any step (a link could lead out of the folder) and without blocking (a named pipe
 * would wait for a writer past every budget): only a regular file. Returns its descriptor, or
 * -1 with *why set. */
static int open_in_folder(const char *dir, const char *name, const char **why)
{
    *why = NULL;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return -1;
    char part[256];
    const char *p = name;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || n >= sizeof part) { close(dfd); errno = EINVAL; return -1; }
        memcpy(part, p, n);
        part[n] = '\0';
        int fd = openat(dfd, part, (slash ? O_DIRECTORY : O_NONBLOCK) | O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        int saved = errno;
        close(dfd);
        if (fd < 0) {
            if (saved == ELOOP || (slash && saved == ENOTDIR)) *why = "it is a symbolic link: only files in the script's own folder can be read";
            errno = saved;
            return -1;
        }
        if (!slash) {
            struct stat sb;
            if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
                *why = S_ISDIR(sb.st_mode) ? "it is a folder" : "it is not a regular file (a pipe, a device or a socket)";
                close(fd);
                return -1;
            }
            return fd;
        }
        dfd = fd;
        p = slash + 1;
    }
}

/* [-0, +1, e] Pushes the text of name in the script's folder (REG_DIR), at most max bytes, read
 * as open_in_folder allows; raises "fn: cannot read ..." otherwise. ENOENT is returned (nothing
 * pushed) for a file that does not exist, when missing_ok. */
static int push_local_file(lua_State *L, const char *name, size_t max, const char *fn, int missing_ok)
{
    int *fd = lua_newuserdatauv(L, sizeof *fd, 0);   /* closed by its __gc if an error comes */
    *fd = -1;
    if (luaL_newmetatable(L, FD_MT)) {
        lua_pushcfunction(L, fd_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_DIR);
    const char *dir = lua_tostring(L, -1);
    const char *why;
    if ((*fd = open_in_folder(dir, name, &why)) < 0) {
        if (errno == ENOENT && !why && missing_ok) { lua_pop(L, 2); return ENOENT; }
        return luaL_error(L, "%s: cannot read %s/%s: %s", fn, dir, name, why ? why : strerror(errno));
    }
    lua_getfield(L, LUA_REGISTRYINDEX, REG_OPTS);
    const ps_script_options *opts = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (opts && opts->on_read) opts->on_read(opts->on_read_ctx, lua_pushfstring(L, "%s/%s", dir, name));
    if (opts && opts->on_read) lua_pop(L, 1);
    struct stat sb;
    if (fstat(*fd, &sb) != 0) return luaL_error(L, "%s: cannot read %s/%s: %s", fn, dir, name, strerror(errno));
    if ((uint64_t)sb.st_size > max)
        return luaL_error(L, "%s: %s: the file is larger than %d MiB", fn, name, (int)(max >> 20));
    luaL_Buffer b;
    char *buf = luaL_buffinitsize(L, &b, (size_t)sb.st_size + 1);
    size_t got = 0;
    ssize_t n;
    while (got <= (size_t)sb.st_size && (n = read(*fd, buf + got, (size_t)sb.st_size + 1 - got)) > 0) got += (size_t)n;
    if (got > (size_t)sb.st_size) return luaL_error(L, "%s: %s changed while it was read", fn, name);
    if (n < 0) return luaL_error(L, "%s: cannot read %s/%s: %s", fn, dir, name, strerror(errno));
    luaL_pushresultsize(&b, got);
    close(*fd);
    *fd = -1;
    lua_replace(L, -3);   /* the text where the box was */
    lua_pop(L, 1);        /* the folder */
    return 0;
}

/* peacesim.load(file [, {set = {name = value}}]) [-(1|2), +1, e]: runs another scenario file
 * from the folder of the top script (or the built-in default, by its name) and returns its
 * scenario, with params set from opts.set. */
static int l_load(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    check_local_name(L, name, "peacesim.load");
    int overrides = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        check_options(L, 2, "peacesim.load", (const char *const[]){"set", NULL});
        lua_newtable(L);
        overrides = lua_gettop(L);
        int st = lua_getfield(L, 2, "set");
        if (st != LUA_TNIL && st != LUA_TTABLE) return luaL_error(L, "peacesim.load: set must be a table of name = value");
        if (st == LUA_TTABLE) {
            lua_pushnil(L);
            while (lua_next(L, -2)) {
                if (lua_type(L, -2) != LUA_TSTRING) return luaL_error(L, "peacesim.load: set keys must be param names");
                if (lua_type(L, -1) == LUA_TNUMBER) {
                    char buf[64];
                    snprintf(buf, sizeof buf, "%.17g", lua_tonumber(L, -1));
                    lua_pop(L, 1);
                    lua_pushstring(L, buf);
                } else if (lua_type(L, -1) == LUA_TBOOLEAN) {
                    int bv = lua_toboolean(L, -1);
                    lua_pop(L, 1);
                    lua_pushstring(L, bv ? "true" : "false");
                } else if (lua_type(L, -1) != LUA_TSTRING) {
                    return luaL_error(L, "peacesim.load: set.%s must be a number, boolean or string", lua_tostring(L, -2));
                }
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_settable(L, overrides);
            }
        }
        lua_pop(L, 1);
    }
    lua_getfield(L, LUA_REGISTRYINDEX, REG_DIR);
    const char *path = lua_pushfstring(L, "%s/%s", lua_tostring(L, -1), name);
    if (push_local_file(L, name, PS_SCRIPT_MAX_BYTES, "peacesim.load", strcmp(name, PS_DEFAULT_SCENARIO) == 0) == ENOENT) {
        lua_pushlstring(L, ps_builtin_istanbul_2025, ps_builtin_istanbul_2025_len);
        path = "scenarios/" PS_DEFAULT_SCENARIO;
    }
    int text = lua_gettop(L);
    lua_pushvalue(L, text);                  /* kept for the recipe */
    const char *chunkname = lua_pushfstring(L, "@%s", path);
    lua_insert(L, -2);
    run_chunk(L, chunkname, overrides, "peacesim.load set");
    if (!ps_lua_is_scenario(L, -1)) return luaL_error(L, "peacesim.load: %s did not return a scenario", path);
    /* How a worker thread can build the same scenario again (for events with functions). */
    lua_getfield(L, LUA_REGISTRYINDEX, REG_RECIPES);
    lua_pushvalue(L, -2);
    lua_createtable(L, 0, 3);
    lua_pushstring(L, path);
    lua_setfield(L, -2, "path");
    lua_pushvalue(L, text);
    lua_setfield(L, -2, "text");
    if (overrides) lua_pushvalue(L, overrides);
    else lua_newtable(L);
    lua_setfield(L, -2, "set");
    lua_rawset(L, -3);
    lua_pop(L, 1);
    return 1;
}

static int csv_gc(lua_State *L)
{
    ps_csv **box = luaL_checkudata(L, 1, CSV_MT);
    ps_csv_free(*box);
    *box = NULL;
    return 0;
}

/* The index of the column named by the string at idx, or an error listing the header. */
static int csv_column(lua_State *L, const ps_csv *t, const char *file, int idx)
{
    const char *want = lua_tostring(L, idx);
    for (int c = 0; c < ps_csv_ncols(t); c++)
        if (want && strcmp(ps_csv_header(t, c), want) == 0) return c;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int c = 0; c < ps_csv_ncols(t); c++) {
        if (c) luaL_addstring(&b, ", ");
        luaL_addstring(&b, ps_csv_header(t, c));
    }
    luaL_pushresult(&b);
    return luaL_error(L, "csv: %s: the header has no column '%s' (it has: %s)", file, want ? want : "?", lua_tostring(L, -1));
}

/* csv(file [, {columns = {...}, numbers = {...}}]) [-(1|2), +1, e]: the rows of a CSV file in
 * the script's own folder, as a list of tables keyed by the header's column names; an unquoted
 * field that reads as a number is a number. `columns` must all be in the header; `numbers` must
 * hold a number in every row. */
static int l_csv(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    check_local_name(L, name, "csv");
    int opts = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        check_options(L, 2, "csv", (const char *const[]){"columns", "numbers", NULL});
        opts = 2;
    }
    push_local_file(L, name, PS_CSV_MAX_BYTES, "csv", 0);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    /* the parsed table belongs to a box until this function ends, so a Lua error frees it */
    ps_csv **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    if (luaL_newmetatable(L, CSV_MT)) {
        lua_pushcfunction(L, csv_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    char err[256];
    ps_status st = ps_csv_parse(text, len, box, err, sizeof err);
    if (st == PS_ENOMEM) return luaL_error(L, "csv: %s: out of memory", name);
    if (st != PS_OK) return luaL_error(L, "csv: %s: %s", name, err);
    const ps_csv *t = *box;
    for (int pass = 0; opts && pass < 2; pass++) {
        int lt = lua_getfield(L, opts, pass ? "numbers" : "columns");
        if (lt != LUA_TNIL && lt != LUA_TTABLE) return luaL_error(L, "csv: option '%s' must be a list of column names", pass ? "numbers" : "columns");
        for (lua_Integer j = 1; lt == LUA_TTABLE && j <= luaL_len(L, -1); j++) {
            lua_geti(L, -1, j);
            int col = csv_column(L, t, name, lua_gettop(L));
            lua_pop(L, 1);
            for (int row = 0; pass && row < ps_csv_nrows(t); row++) {
                const char *cell = ps_csv_cell(t, row, col);
                if (ps_csv_quoted(t, row, col) || !lua_stringtonumber(L, cell))
                    return luaL_error(L, "csv: %s: line %d: column '%s': '%s' is not a number", name, ps_csv_line(t, row),
                                      ps_csv_header(t, col), cell);
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    lua_createtable(L, ps_csv_nrows(t), 0);
    for (int row = 0; row < ps_csv_nrows(t); row++) {
        lua_createtable(L, 0, ps_csv_ncols(t));
        for (int col = 0; col < ps_csv_ncols(t); col++) {
            const char *cell = ps_csv_cell(t, row, col);
            if (ps_csv_quoted(t, row, col) || cell[0] == '\0' || !lua_stringtonumber(L, cell)) lua_pushstring(L, cell);
            lua_setfield(L, -2, ps_csv_header(t, col));
        }
        lua_seti(L, -2, row + 1);
    }
    return 1;
}

/* [-0, +2, m] A fresh environment with the scenario language and the peacesim table, and above
 * it the script's declaration list. */
static void open_environment(lua_State *L, int overrides, const char *source)
{
    ps_sandbox_push_env(L);
    ps_lua_open_language(L, -1, overrides, source);
    lua_insert(L, -2);                       /* decl, env */
    lua_newtable(L);
    lua_pushcfunction(L, l_run);
    lua_setfield(L, -2, "run");
    lua_pushcfunction(L, l_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, l_compare);
    lua_setfield(L, -2, "compare");
    lua_pushcfunction(L, l_sweep);
    lua_setfield(L, -2, "sweep");
    lua_pushcfunction(L, l_sensitivity);
    lua_setfield(L, -2, "sensitivity");
    lua_pushcfunction(L, l_csv);
    lua_setfield(L, -3, "csv");              /* csv() belongs to the language: env.csv */
    lua_getfield(L, LUA_REGISTRYINDEX, REG_VERSION);
    lua_setfield(L, -2, "version");
    lua_setfield(L, -2, "peacesim");
    lua_insert(L, -2);                       /* env, decl */
}

typedef struct script_call {
    const ps_script_options *opts;
    int keep;           /* leave the scenario value (a worker's copy) instead of converting it */
    ps_scenario *scenario;
    char *err;
    size_t errlen;
    int io_error;
} script_call;

/* Runs under the sandbox's pcall: the whole script, then the conversion of what it returned
 * (or, to keep, the value itself as the one result). */
static int script_main(lua_State *L)
{
    script_call *sc = lua_touserdata(L, 1);
    const ps_script_options *o = sc->opts;
    lua_newtable(L);
    int overrides = lua_gettop(L);
    for (int j = 0; j < o->nset; j++) {
        lua_pushstring(L, o->set_values[j]);
        lua_setfield(L, overrides, o->set_names[j]);
    }
    const char *chunkname;
    if (o->source) {
        lua_pushlstring(L, o->source, o->source_len);
        chunkname = lua_pushfstring(L, "@%s", o->path ? o->path : "script.lua");
    } else if (o->path) {
        if (push_file(L, o->path) != 0) {
            snprintf(sc->err, sc->errlen, "%s: cannot read the scenario: %s", o->path, strerror(errno));
            sc->io_error = 1;
            return 0;
        }
        chunkname = lua_pushfstring(L, "@%s", o->path);
    } else {
        lua_pushlstring(L, ps_builtin_istanbul_2025, ps_builtin_istanbul_2025_len);
        chunkname = "@scenarios/" PS_DEFAULT_SCENARIO;
        lua_pushstring(L, chunkname);
    }
    lua_insert(L, -2);
    run_chunk(L, chunkname, overrides, o->set_label ? o->set_label : "--set");
    if (lua_isnil(L, -1)) return sc->keep;   /* a study: it did its work itself */
    if (!ps_lua_is_scenario(L, -1))
        return luaL_error(L, "%s: the script must end with `return scenario { ... }` (it returned a %s)",
                          chunkname + 1, luaL_typename(L, -1));
    if (sc->keep) return 1;
    ps_lua_to_scenario(L, -1);
    sc->scenario = ps_lua_take_scenario(L, -1);
    return 0;
}

/* Runs the script in sb; keep: leaves its value on the stack. */
static ps_status run_in(ps_sandbox *sb, const ps_script_options *opts, script_call *sc, char *err, size_t errlen)
{
    lua_State *L = ps_sandbox_state(sb);
    if (opts->print_to_stderr) ps_sandbox_print_to(sb, stderr);
    if (sc->keep) ps_sandbox_print_to(sb, NULL);
    /* the folder of the top script, for peacesim.load */
    if (opts->path) {
        const char *slash = strrchr(opts->path, '/');
        if (slash) lua_pushlstring(L, opts->path, (size_t)(slash - opts->path) + (slash == opts->path));
        else lua_pushstring(L, ".");
    } else {
        lua_pushstring(L, ".");
    }
    lua_setfield(L, LUA_REGISTRYINDEX, REG_DIR);
    lua_pushstring(L, opts->version ? opts->version : "");
    lua_setfield(L, LUA_REGISTRYINDEX, REG_VERSION);
    lua_pushlightuserdata(L, ps_sandbox_budget(sb));
    lua_setfield(L, LUA_REGISTRYINDEX, REG_BUDGET);
    lua_pushlightuserdata(L, (void *)opts);
    lua_setfield(L, LUA_REGISTRYINDEX, REG_OPTS);
    if (opts->world) {   /* a run in a world: assumed() calls take its values (ps_lua_scenario.c) */
        lua_pushlightuserdata(L, (void *)opts);
        lua_setfield(L, LUA_REGISTRYINDEX, "peacesim.world");
    }
    lua_newtable(L);                                   /* recipes, weak in their keys */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, REG_RECIPES);
    if (sc->keep) {
        lua_pushboolean(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, REG_REPLICA);
    }

    lua_pushcfunction(L, script_main);
    lua_pushlightuserdata(L, sc);
    int status = ps_sandbox_call(sb, 1, sc->keep ? 1 : 0);
    ps_status result = PS_OK;
    if (status == LUA_ERRMEM) {
        snprintf(err, errlen, "%s: the script used more than its memory budget of %zu MiB (--lua-memory)",
                 opts->path ? opts->path : PS_DEFAULT_SCENARIO, ps_budget_limits(ps_sandbox_budget(sb))->memory >> 20);
        result = PS_EINVAL;
    } else if (status != LUA_OK) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
        result = PS_EINVAL;
    } else if (sc->io_error) {
        result = PS_EIO;
    } else if (sc->keep && !ps_lua_is_scenario(L, -1)) {
        snprintf(err, errlen, "the script returned no scenario this time");
        result = PS_EINVAL;
    }
    if (result != PS_OK && status != LUA_OK) lua_pop(L, 1);
    return result;
}

ps_status ps_script_run_in(ps_sandbox *sb, const ps_script_options *opts, int replica, char *err, size_t errlen)
{
    err[0] = '\0';
    script_call sc = {opts, replica, NULL, err, errlen, 0};
    ps_status st = run_in(sb, opts, &sc, err, errlen);
    ps_scenario_free(sc.scenario);
    return st;
}

ps_status ps_script_run(const ps_script_options *opts, ps_scenario **out, char *err, size_t errlen)
{
    *out = NULL;
    err[0] = '\0';
    ps_sandbox *sb = opts->budget ? ps_sandbox_alloc_in(opts->budget) : ps_sandbox_alloc(&opts->limits);
    if (!sb) return PS_ENOMEM;
    script_call sc = {opts, 0, NULL, err, errlen, 0};
    ps_status result = run_in(sb, opts, &sc, err, errlen);
    if (result != PS_OK) { ps_scenario_free(sc.scenario); sc.scenario = NULL; }
    ps_sandbox_free(sb);
    *out = sc.scenario;
    return result;
}

ps_scenario *ps_script_remake(void *ctx, const ps_scenario *s, const double *x, char *err, size_t errlen)
{
    int ncalls = 0;
    for (int j = 0; j < s->nassumptions; j++)
        if (s->assumptions[j].call + 1 > ncalls) ncalls = s->assumptions[j].call + 1;
    double *calls = malloc(sizeof *calls * (size_t)(ncalls > 0 ? ncalls : 1));
    if (!calls) { snprintf(err, errlen, "out of memory"); return NULL; }
    for (int k = 0; k < ncalls; k++) calls[k] = NAN;
    for (int j = 0; j < s->nassumptions; j++) calls[s->assumptions[j].call] = x[j];
    ps_script_options o = *(const ps_script_options *)ctx;
    o.world = calls;
    o.nworld = ncalls;
    ps_scenario *w = NULL;
    ps_status st = ps_script_run(&o, &w, err, errlen);
    free(calls);
    if (st != PS_OK) return NULL;
    if (!w) { snprintf(err, errlen, "the script returned no scenario in a world of its assumptions"); return NULL; }
    int same = w->nassumptions == s->nassumptions;
    for (int j = 0; same && j < s->nassumptions; j++) same = w->assumptions[j].call == s->assumptions[j].call;
    if (!same) {
        snprintf(err, errlen, "%s: the script made other assumptions in a world of them (%d) than in its first run (%d): "
                 "which assumed() calls it makes must not depend on an assumption's value", s->file, w->nassumptions,
                 s->nassumptions);
        ps_scenario_free(w);
        return NULL;
    }
    w->remake = ps_script_remake;
    w->remake_ctx = ctx;
    return w;
}
