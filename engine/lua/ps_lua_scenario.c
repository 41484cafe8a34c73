/* ps_lua_scenario.c: the scenario language and its conversion to a ps_scenario.
 *
 * A script declares with curried calls, `party "Russia" { ... }`, which record the table and
 * the line; `scenario { ... }` returns the scenario value. Conversion happens later, in one pass
 * that checks every field and names the file, line, party/issue/event and field it rejects. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <lauxlib.h>
#include "ps_lua.h"
#include "ps_lua_scenario.h"
#include "ps_utf8.h"

#define DIST_MT "peacesim.distribution"

/* Upvalue 1 of every declaring function: the declaration list of this script, {issues = {},
 * parties = {}, events = {}, params = {}, param_order = {}, assumed = {}, overrides = t|nil}. */
#define DECL lua_upvalueindex(1)
#define ASSUMED_MT "peacesim.assumption"
#define SCENARIO_MT "peacesim.scenario"
#define BOX_MT "peacesim.scenario_box"

/* The conversion (below) reads the script's tables raw: no metamethod runs, so what a walk over
 * a table checks (its keys, with lua_next) is exactly what the reading then finds, and a field
 * read twice gives the same value. An __index or __len of the script's would otherwise answer
 * with values no check has seen (a `points` table whose __index gives 1e308). */

/* [-0, +1, m] Pushes t[field] of the table t at idx, raw (nil when t is not a table); returns
 * the type of what it pushed. */
static int rawfield(lua_State *L, int idx, const char *field)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx)) {
        lua_pushnil(L);
        return LUA_TNIL;
    }
    lua_pushstring(L, field);
    return lua_rawget(L, idx);
}

/* The length of the table at idx, raw. */
static lua_Integer rawlen(lua_State *L, int idx) { return (lua_Integer)lua_rawlen(L, idx); }

/* Every string a script gives the model is checked once, where it is read (docs/LUA_API.md
 * section 2): valid UTF-8; a name holds no control character, free text nothing but tab and
 * newline. what_is_wrong writes why s (len bytes) is not, into buf, or returns NULL. */
static const char *what_is_wrong(const char *s, size_t len, ps_text_kind kind, char *buf, size_t buflen)
{
    size_t at;
    const char *why = ps_utf8_check(s, len, kind, &at);
    if (!why) return NULL;
    uint32_t cp;
    if (ps_utf8_decode(s + at, len - at, &cp) > 0)   /* a control character */
        snprintf(buf, buflen, "holds a control character (U+%04X, byte %zu)%s", (unsigned)cp, at + 1,
                 kind == PS_TEXT_NAME ? ": a name may hold none" : ": text may hold tabs and newlines, no other");
    else
        snprintf(buf, buflen, "is %s (byte %zu)", why, at + 1);
    return buf;
}

/* [-0, +1, m] Pushes msg with every byte that is not valid UTF-8, and every control character,
 * shown as '?': a message quotes what a script gave, checked or not. */
static void push_clean(lua_State *L, const char *msg)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t len = strlen(msg);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = ps_utf8_decode(msg + i, len - i, &cp);
        if (n == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            luaL_addchar(&b, '?');
            i += n ? (size_t)n : 1;
        } else {
            luaL_addlstring(&b, msg + i, (size_t)n);
            i += (size_t)n;
        }
    }
    luaL_pushresult(&b);
}

/* ------------------------------------------------------------------------------------------ */
/* Distributions                                                                               */

/* A distribution is a userdata holding its checked ps_value: a script can pass it around and
 * print it, but not change it after the checks. */

static const char *const kind_names[] = {"constant", "normal", "truncnormal", "beta", "uniform", "triangular",
                                         "lognormal", "choice"};

/* [-0, +1, e] Pushes a distribution holding a copy of v, checked by the engine's own rules (the
 * message names the distribution). v is already in the engine's representation: nothing is
 * converted here or later. */
static int push_value(lua_State *L, const ps_value *v)
{
    char err[160];
    if (ps_value_check(v, err, sizeof err) != PS_OK) return luaL_error(L, "%s: %s", kind_names[v->kind], err);
    ps_value *u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = *v;
    luaL_setmetatable(L, DIST_MT);
    return 1;
}

/* An assumption's userdata: the assumption, its number k among the script's assumed() calls
 * (its identity in every run of the script: the k-th call of a world's run is the same
 * assumption), the value it has in this run (the central value, or a world's), and whether the
 * script computed with it. */
typedef struct assumed_ud {
    ps_assumption a;
    int k;
    double value;
    int computed;
} assumed_ud;

static int is_assumed(lua_State *L, int idx) { return luaL_testudata(L, idx, ASSUMED_MT) != NULL; }

/* The distributions taking n numbers. [-n, +1, e] */
static int numbers_dist(lua_State *L, ps_value_kind kind, int n)
{
    if (lua_gettop(L) != n)
        return luaL_error(L, "%s takes %d numbers, got %d argument%s", kind_names[kind], n, lua_gettop(L),
                          lua_gettop(L) == 1 ? "" : "s");
    double p[4] = {0, 0, 0, 0};
    for (int i = 1; i <= n; i++) {
        if (is_assumed(L, i)) {   /* its value in this run; a world is the script run again */
            assumed_ud *u = lua_touserdata(L, i);
            u->computed = 1;
            lua_pushnumber(L, u->value);
            lua_replace(L, i);
        }
        if (!isfinite(p[i - 1] = luaL_checknumber(L, i))) luaL_argerror(L, i, "must be a finite number");
    }
    ps_value v;
    memset(&v, 0, sizeof v);
    v.kind = kind;
    v.a = p[0]; v.b = p[1]; v.c = p[2]; v.d = p[3];
    return push_value(L, &v);
}

/* normal(mean, sd) [-2, +1, e] */
static int l_normal(lua_State *L) { return numbers_dist(L, PS_VAL_NORMAL, 2); }
/* truncnormal(mean, sd, lower, upper) [-4, +1, e] */
static int l_truncnormal(lua_State *L) { return numbers_dist(L, PS_VAL_TRUNCNORMAL, 4); }
/* beta(a, b) [-2, +1, e] */
static int l_beta(lua_State *L) { return numbers_dist(L, PS_VAL_BETA, 2); }
/* uniform(lower, upper) [-2, +1, e] */
static int l_uniform(lua_State *L) { return numbers_dist(L, PS_VAL_UNIFORM, 2); }
/* triangular(lower, mode, upper) [-3, +1, e] */
static int l_triangular(lua_State *L) { return numbers_dist(L, PS_VAL_TRIANGULAR, 3); }
/* lognormal(meanlog, sdlog) [-2, +1, e] */
static int l_lognormal(lua_State *L) { return numbers_dist(L, PS_VAL_LOGNORMAL, 2); }

/* choice{v1, v2, ...} or choice{{v1, w1}, {v2, w2}, ...} [-1, +1, e] */
static int l_choice(lua_State *L)
{
    if (lua_gettop(L) != 1) return luaL_error(L, "choice takes one table of options, got %d arguments", lua_gettop(L));
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 1);
    if (n < 1 || n > PS_CHOICE_MAX) return luaL_error(L, "choice needs 1 to %d options", PS_CHOICE_MAX);
    double opt[PS_CHOICE_MAX], w[PS_CHOICE_MAX];
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        if (lua_type(L, -1) == LUA_TTABLE) {
            lua_geti(L, -1, 1);
            lua_geti(L, -2, 2);
        } else {
            lua_pushvalue(L, -1);
            lua_pushnumber(L, 1.0);
        }
        if (lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TNUMBER)
            return luaL_error(L, "choice option %d must be a number or {number, weight}", (int)i);
        opt[i - 1] = lua_tonumber(L, -2);
        w[i - 1] = lua_tonumber(L, -1);
        lua_pop(L, 3);
    }
    /* the weights become cumulative probabilities here, once */
    ps_value v;
    char err[160];
    if (ps_value_set_choice(&v, (int)n, opt, w, err, sizeof err) != PS_OK) return luaL_error(L, "choice: %s", err);
    return push_value(L, &v);
}

/* tostring(distribution) [-0, +1, m]: "normal(0.5, 0.1)". */
static int dist_tostring(lua_State *L)
{
    const ps_value *v = luaL_checkudata(L, 1, DIST_MT);
    static const int nparams[] = {1, 2, 4, 2, 2, 3, 2, 0};
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, kind_names[v->kind]);
    luaL_addchar(&b, '(');
    double p[4] = {v->a, v->b, v->c, v->d};
    for (int i = 0; i < nparams[v->kind]; i++) {
        lua_pushfstring(L, i ? ", %f" : "%f", p[i]);
        luaL_addvalue(&b);
    }
    if (v->kind == PS_VAL_CHOICE) {
        lua_pushfstring(L, "%d options", v->n);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, ')');
    luaL_pushresult(&b);
    return 1;
}

static int is_dist(lua_State *L, int idx) { return luaL_testudata(L, idx, DIST_MT) != NULL; }

/* The checked value of the distribution at idx. */
static const ps_value *dist_at(lua_State *L, int idx) { return luaL_checkudata(L, idx, DIST_MT); }

/* An assumption is a userdata holding its checked ps_assumption: one object however many fields
 * take it (`local noise = assumed(...)` given to four parties is one assumption, varied as one
 * across worlds). It is not a number: arithmetic and comparisons on it are refused with a
 * message, since the script runs once, at no world's value. */


/* The registry's key of the ps_script_options of a run in a world (light userdata), if any. */
#define REG_WORLD "peacesim.world"

/* assumed(central, low, high [, reason [, {name = ..., prior = distribution}]]) [-(3|4|5), +1, e] */
static int l_assumed(lua_State *L)
{
    int n = lua_gettop(L);
    if (n < 3 || n > 5)
        return luaL_error(L, "assumed takes (central, low, high [, reason [, {name = ..., prior = ...}]]), got %d argument%s",
                          n, n == 1 ? "" : "s");
    ps_assumption a;
    memset(&a, 0, sizeof a);
    static const char *const what[] = {"central value", "low", "high"};
    double x[3];
    for (int i = 1; i <= 3; i++) {
        if (lua_type(L, i) != LUA_TNUMBER)
            return luaL_error(L, "assumed: its %s (argument %d) must be a number, got %s", what[i - 1], i, luaL_typename(L, i));
        if (!isfinite(x[i - 1] = lua_tonumber(L, i))) return luaL_error(L, "assumed: its %s must be a finite number", what[i - 1]);
    }
    a.central = x[0]; a.low = x[1]; a.high = x[2];
    char why[160];
    if (n >= 4 && !lua_isnil(L, 4)) {
        size_t len;
        if (lua_type(L, 4) != LUA_TSTRING) return luaL_error(L, "assumed: its reason (argument 4) must be a string, got %s", luaL_typename(L, 4));
        const char *r = lua_tolstring(L, 4, &len);
        if (what_is_wrong(r, len, PS_TEXT_FREE, why, sizeof why)) return luaL_error(L, "assumed: its reason %s", why);
        ps_utf8_snprintf(a.reason, sizeof a.reason, "%s", r);
    }
    if (n == 5) {
        luaL_checktype(L, 5, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 5)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING || (strcmp(lua_tostring(L, -1), "name") && strcmp(lua_tostring(L, -1), "prior")))
                return luaL_error(L, "assumed: its options table takes only name and prior");
        }
        if (rawfield(L, 5, "name") != LUA_TNIL) {
            size_t len;
            if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "assumed: its name must be a string");
            const char *nm = lua_tolstring(L, -1, &len);
            if (what_is_wrong(nm, len, PS_TEXT_NAME, why, sizeof why)) return luaL_error(L, "assumed: its name %s", why);
            if (len == 0 || len >= sizeof a.name) return luaL_error(L, "assumed: its name must have 1 to %d bytes", (int)sizeof a.name - 1);
            memcpy(a.name, nm, len + 1);
        }
        lua_pop(L, 1);
        if (rawfield(L, 5, "prior") != LUA_TNIL) {
            if (!is_dist(L, -1)) return luaL_error(L, "assumed: its prior must be a distribution, as normal(30, 10)");
            a.has_prior = 1;
            a.prior = *dist_at(L, -1);
        }
        lua_pop(L, 1);
    }
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
        a.line = ar.currentline;
        ps_utf8_snprintf(a.src, sizeof a.src, "%s", ar.short_src);
    }
    /* checked here by the engine's rules, so a bad range is reported where it is written */
    ps_scenario *probe = ps_scenario_alloc();
    if (!probe) return luaL_error(L, "out of memory");
    char err[300];
    int id;
    ps_status st = ps_scenario_add_assumption(probe, &a, &id, err, sizeof err);
    ps_scenario_free(probe);
    if (st == PS_ENOMEM) return luaL_error(L, "out of memory");
    if (st != PS_OK) return luaL_error(L, "assumed(%f, %f, %f): %s", a.central, a.low, a.high, err + strlen("an assumption's "));
    /* its number among the script's calls, and its value in this run */
    lua_getfield(L, DECL, "assumed");
    lua_Integer k = luaL_len(L, -1);
    if (k >= PS_MAX_ASSUMPTIONS) return luaL_error(L, "more than %d assumptions in one scenario", PS_MAX_ASSUMPTIONS);
    double value = a.central;
    if (lua_getfield(L, LUA_REGISTRYINDEX, REG_WORLD) == LUA_TLIGHTUSERDATA) {
        const ps_script_options *o = lua_touserdata(L, -1);
        if (k < o->nworld && !isnan(o->world[k])) value = o->world[k];
    }
    lua_pop(L, 1);
    assumed_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->a = a;
    u->k = (int)k;
    u->value = value;
    u->computed = 0;
    luaL_setmetatable(L, ASSUMED_MT);
    lua_pushvalue(L, -1);
    lua_seti(L, -3, k + 1);
    return 1;
}

/* tostring(assumption) [-0, +1, m]: "assumed(30, 15, 60)". */
static int assumed_tostring(lua_State *L)
{
    const ps_assumption *a = luaL_checkudata(L, 1, ASSUMED_MT);
    char buf[120];
    snprintf(buf, sizeof buf, "assumed(%.17g, %.17g, %.17g)", a->central, a->low, a->high);
    lua_pushstring(L, buf);
    return 1;
}

/* An assumption in the script's own arithmetic: its value in this run (central, or a world's),
 * as a plain number; the scenario is then marked, since a world of it is made by running the
 * script again (ps_scenario.assumptions_in_script). Upvalue 1: the operator (LUA_OP*), or -1
 * for <, -2 for <=, -3 for ..; [-2, +1, e] */
static int assumed_arith(lua_State *L)
{
    int op = (int)lua_tointeger(L, lua_upvalueindex(1));
    for (int i = 1; i <= 2; i++)
        if (is_assumed(L, i)) {
            assumed_ud *u = lua_touserdata(L, i);
            u->computed = 1;
            lua_pushnumber(L, u->value);
            lua_replace(L, i);
        }
    lua_settop(L, 2);
    if (op == -1 || op == -2) {
        lua_pushboolean(L, lua_compare(L, 1, 2, op == -1 ? LUA_OPLT : LUA_OPLE));
    } else if (op == -3) {
        lua_concat(L, 2);
    } else {
        if (op == LUA_OPUNM || op == LUA_OPBNOT) lua_settop(L, 1);
        lua_arith(L, op);
    }
    return 1;
}

/* __index, __newindex, __len, __call of an assumption: a clear refusal. */
static int assumed_no_arith(lua_State *L)
{
    return luaL_error(L, "an assumption (assumed(...)) is a number: it has no fields, length or call");
}

/* ------------------------------------------------------------------------------------------ */
/* Declarations                                                                                */


/* [-0, +1, -] The record of a declaration: {name, kind, line, src}. */
static void push_record(lua_State *L, const char *kind, const char *name)
{
    lua_Debug ar;
    lua_createtable(L, 0, 5);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, kind);
    lua_setfield(L, -2, "kind");
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
        lua_pushinteger(L, ar.currentline);
        lua_setfield(L, -2, "line");
        lua_pushstring(L, ar.short_src);
        lua_setfield(L, -2, "src");
    }
}

static const char *list_of(const char *kind)
{
    if (strcmp(kind, "issue") == 0) return "issues";
    if (strcmp(kind, "party") == 0) return "parties";
    return "events";
}

/* The second half of `issue "name" { spec }`: stores the spec in the record (upvalue 2). */
static int declare_spec(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_getfield(L, -1, "kind");
    const char *kind = lua_tostring(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, -1, "name");
    const char *name = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L, "%s '%s': expected a table of fields, as in %s \"%s\" { ... }", kind, name, kind, name);
    lua_getfield(L, -1, "spec");
    if (!lua_isnil(L, -1)) return luaL_error(L, "%s '%s': its fields were given twice", kind, name);
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "spec");
    return 0;
}

/* issue "name", party "name", event "name", policy "name": [-1, +1, e] */
static int declare(lua_State *L, const char *kind)
{
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    char why[160];
    if (what_is_wrong(name, len, PS_TEXT_NAME, why, sizeof why)) return luaL_error(L, "%s name %s", kind, why);
    if (len == 0 || len >= PS_NAME_MAX) return luaL_error(L, "%s name must have 1 to %d bytes", kind, PS_NAME_MAX - 1);
    if (lua_getfield(L, DECL, "sealed") != LUA_TNIL)
        return luaL_error(L, "%s '%s' is declared after scenario{}: declare everything before it", kind, name);
    lua_pop(L, 1);
    lua_getfield(L, DECL, list_of(kind));
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, -1, i);
        lua_getfield(L, -1, "name");
        if (strcmp(lua_tostring(L, -1), name) == 0) {
            lua_getfield(L, -2, "line");
            return luaL_error(L, "%s '%s' is declared twice (first at line %d)", kind, name, (int)lua_tointeger(L, -1));
        }
        lua_pop(L, 2);
    }
    push_record(L, kind, name);
    lua_pushvalue(L, -1);
    lua_seti(L, -3, n + 1);
    lua_pushvalue(L, DECL);
    lua_insert(L, -2);
    lua_pushcclosure(L, declare_spec, 2);
    return 1;
}

static int l_issue(lua_State *L) { return declare(L, "issue"); }
static int l_party(lua_State *L) { return declare(L, "party"); }
static int l_event(lua_State *L) { return declare(L, "event"); }
static int l_policy(lua_State *L) { return declare(L, "policy"); }

/* param(name, default [, doc]) [-(2|3), +1, e]: the default, or the --set value for name. */
static int l_param(lua_State *L)
{
    size_t len, doclen;
    const char *name = luaL_checklstring(L, 1, &len);
    luaL_checkany(L, 2);
    const char *doc = luaL_optlstring(L, 3, "", &doclen);
    char why[160];
    if (what_is_wrong(name, len, PS_TEXT_NAME, why, sizeof why)) return luaL_error(L, "param name %s", why);
    if (len == 0 || len >= PS_NAME_MAX) return luaL_error(L, "param name must have 1 to %d bytes", PS_NAME_MAX - 1);
    if (what_is_wrong(doc, doclen, PS_TEXT_FREE, why, sizeof why)) return luaL_error(L, "param '%s': its description %s", name, why);
    int t = lua_type(L, 2);
    if (!(t == LUA_TNUMBER || t == LUA_TBOOLEAN || t == LUA_TSTRING || is_dist(L, 2) || is_assumed(L, 2)))
        return luaL_error(L, "param '%s': the default must be a number, boolean, string, distribution or assumption", name);
    if (t == LUA_TNUMBER && !isfinite(lua_tonumber(L, 2)))
        return luaL_error(L, "param '%s': the default must be a finite number", name);
    if (t == LUA_TSTRING) {
        size_t dlen;
        const char *d = lua_tolstring(L, 2, &dlen);
        if (what_is_wrong(d, dlen, PS_TEXT_FREE, why, sizeof why)) return luaL_error(L, "param '%s': the default %s", name, why);
    }
    lua_getfield(L, DECL, "params");
    if (lua_getfield(L, -1, name) != LUA_TNIL) return luaL_error(L, "param '%s' is declared twice", name);
    lua_pop(L, 1);
    lua_pushvalue(L, 2);            /* the value, unless overridden */
    int value = lua_gettop(L);
    lua_getfield(L, DECL, "overrides");
    if (lua_istable(L, -1) && lua_getfield(L, -1, name) == LUA_TSTRING) {
        size_t tlen;
        const char *text = lua_tolstring(L, -1, &tlen);
        if (what_is_wrong(text, tlen, PS_TEXT_FREE, why, sizeof why)) {
            lua_getfield(L, DECL, "override_source");
            return luaL_error(L, "%s %s: the value %s", lua_tostring(L, -1), name, why);
        }
        if (t == LUA_TNUMBER || is_dist(L, 2) || is_assumed(L, 2)) {   /* a distribution or assumption: a number */
            /* Lua's own reading of numerals: "26" is an integer, "0.2" and "1e3" are floats */
            if (!lua_stringtonumber(L, text) || !isfinite(lua_tonumber(L, -1))) {
                lua_getfield(L, DECL, "override_source");
                return luaL_error(L, "%s %s=%s: param '%s' takes a finite number", lua_tostring(L, -1), name, text, name);
            }
        } else if (t == LUA_TBOOLEAN) {
            if (strcmp(text, "true") != 0 && strcmp(text, "false") != 0) {
                lua_getfield(L, DECL, "override_source");
                return luaL_error(L, "%s %s=%s: param '%s' takes true or false", lua_tostring(L, -1), name, text, name);
            }
            lua_pushboolean(L, strcmp(text, "true") == 0);
        } else {
            lua_pushvalue(L, -1);
        }
        lua_replace(L, value);
    }
    lua_settop(L, value);
    if (is_assumed(L, value)) {   /* an assumption a param holds goes by the param's name */
        assumed_ud *u = lua_touserdata(L, value);
        if (u->a.name[0] == '\0') memcpy(u->a.name, name, len + 1);
    }
    /* record {value, doc, line} under params[name] and in declaration order */
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "value");
    lua_pushstring(L, doc);
    lua_setfield(L, -2, "doc");
    lua_setfield(L, -3, name);
    lua_getfield(L, DECL, "param_order");
    lua_pushstring(L, name);
    lua_seti(L, -2, luaL_len(L, -2) + 1);
    lua_pop(L, 1);
    return 1;
}

/* scenario{ name = ..., rounds = ..., ... } [-1, +1, e]: the scenario value a script returns.
 * It is an opaque userdata whose one user value is the record {spec, decl, src, line}: a script
 * can pass it on but cannot reach or change what the engine will read. A script declares one
 * scenario; declarations after it would silently belong to it, so they are refused. */
static int l_scenario(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_getfield(L, DECL, "sealed") != LUA_TNIL)
        return luaL_error(L, "scenario{} is called twice: a script declares one scenario (a study composes several with peacesim.load)");
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
    lua_setfield(L, DECL, "sealed");
    lua_newuserdatauv(L, 0, 1);
    push_record(L, "scenario", "scenario");
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "spec");
    lua_pushvalue(L, DECL);
    lua_setfield(L, -2, "decl");
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, SCENARIO_MT);
    return 1;
}

int ps_lua_is_scenario(lua_State *L, int idx) { return luaL_testudata(L, idx, SCENARIO_MT) != NULL; }

void ps_lua_push_event_function(lua_State *L, int idx, int e, const char *field)
{
    luaL_checkstack(L, 6, "event function");
    int top = lua_gettop(L);
    lua_getiuservalue(L, idx, 1);
    lua_getfield(L, -1, "decl");
    lua_getfield(L, -1, "events");
    /* raw, as the conversion read it: the function it found, whatever metamethods the spec has */
    if (lua_geti(L, -1, e + 1) == LUA_TTABLE && lua_getfield(L, -1, "spec") == LUA_TTABLE
        && rawfield(L, -1, field) == LUA_TFUNCTION) {
        lua_replace(L, -6);
        lua_pop(L, 4);
        return;
    }
    lua_settop(L, top);
    lua_pushnil(L);
}

int ps_lua_declares_anything(lua_State *L, int decl)
{
    int any = 0;
    static const char *const lists[] = {"issues", "parties", "events"};
    for (int i = 0; i < 3 && !any; i++) {
        lua_getfield(L, decl, lists[i]);
        any = luaL_len(L, -1) > 0;
        lua_pop(L, 1);
    }
    return any;
}

void ps_lua_open_language(lua_State *L, int env, int overrides, const char *source)
{
    env = lua_absindex(L, env);
    if (overrides) overrides = lua_absindex(L, overrides);
    /* __metatable hides both metatables from getmetatable and locks them against setmetatable,
     * so a script cannot forge a scenario or a distribution. */
    static const char *const mts[] = {DIST_MT, "distribution", SCENARIO_MT, "scenario", ASSUMED_MT, "assumption"};
    for (int i = 0; i < 6; i += 2) {
        luaL_newmetatable(L, mts[i]);
        lua_pushstring(L, mts[i + 1]);
        lua_setfield(L, -2, "__name");
        lua_pushstring(L, mts[i + 1]);
        lua_setfield(L, -2, "__metatable");
        if (i == 0) {
            lua_pushcfunction(L, dist_tostring);
            lua_setfield(L, -2, "__tostring");
        }
        if (i == 4) {
            lua_pushcfunction(L, assumed_tostring);
            lua_setfield(L, -2, "__tostring");
            static const struct { const char *name; int op; } ops[] = {
                {"__add", LUA_OPADD}, {"__sub", LUA_OPSUB}, {"__mul", LUA_OPMUL}, {"__div", LUA_OPDIV},
                {"__mod", LUA_OPMOD}, {"__pow", LUA_OPPOW}, {"__unm", LUA_OPUNM}, {"__idiv", LUA_OPIDIV},
                {"__band", LUA_OPBAND}, {"__bor", LUA_OPBOR}, {"__bxor", LUA_OPBXOR}, {"__shl", LUA_OPSHL},
                {"__shr", LUA_OPSHR}, {"__bnot", LUA_OPBNOT}, {"__lt", -1}, {"__le", -2}, {"__concat", -3}};
            for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
                lua_pushinteger(L, ops[k].op);
                lua_pushcclosure(L, assumed_arith, 1);
                lua_setfield(L, -2, ops[k].name);
            }
            static const char *const none[] = {"__len", "__index", "__newindex", "__call"};
            for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
                lua_pushcfunction(L, assumed_no_arith);
                lua_setfield(L, -2, none[k]);
            }
        }
        lua_pop(L, 1);
    }
    static const luaL_Reg dists[] = {
        {"normal", l_normal}, {"truncnormal", l_truncnormal}, {"beta", l_beta}, {"uniform", l_uniform},
        {"triangular", l_triangular}, {"lognormal", l_lognormal}, {"choice", l_choice}, {NULL, NULL}};
    lua_pushvalue(L, env);
    luaL_setfuncs(L, dists, 0);
    lua_pop(L, 1);
    lua_createtable(L, 0, 6);
    static const char *const lists[] = {"issues", "parties", "events", "params", "param_order", "assumed"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        lua_newtable(L);
        lua_setfield(L, -2, lists[i]);
    }
    if (overrides) {
        lua_pushvalue(L, overrides);
        lua_setfield(L, -2, "overrides");
    }
    lua_pushstring(L, source);
    lua_setfield(L, -2, "override_source");
    static const luaL_Reg decls[] = {
        {"issue", l_issue}, {"party", l_party}, {"event", l_event}, {"policy", l_policy},
        {"param", l_param}, {"scenario", l_scenario}, {"assumed", l_assumed}, {NULL, NULL}};
    lua_pushvalue(L, env);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, decls, 1);
    lua_pop(L, 1);                           /* leaves the declaration list */
}

/* ------------------------------------------------------------------------------------------ */
/* Conversion                                                                                  */

typedef struct conv {
    lua_State *L;
    ps_scenario *s;
    char where[200];     /* "FILE:LINE: party 'Russia'" of the declaration being read */
    char what[120];      /* "party 'Russia'": with the field, a distribution's label */
    const char *prefix;  /* of the field names in messages: "" or a nested table's "front." */
    int entry;           /* in a list of effects: the entry being read (from 1), else 0 */
} conv;

/* Raises "WHERE: message". Holds no allocated memory across the longjmp. */
static void fail(conv *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lua_pushfstring(c->L, "%s: %s", c->where, msg);
    push_clean(c->L, lua_tostring(c->L, -1));   /* it may quote a string the script gave */
    lua_error(c->L);
}

/* Sets c->where from the record at idx. */
static void locate(conv *c, int idx, const char *what)
{
    lua_State *L = c->L;
    rawfield(L, idx, "src");
    rawfield(L, idx, "line");
    rawfield(L, idx, "name");
    if (strcmp(what, "scenario") == 0)
        snprintf(c->what, sizeof c->what, "scenario");
    else
        snprintf(c->what, sizeof c->what, "%s '%s'", what, lua_tostring(L, -1));
    snprintf(c->where, sizeof c->where, "%s:%d: %s", lua_isstring(L, -3) ? lua_tostring(L, -3) : "?",
             (int)lua_tointeger(L, -2), c->what);
    lua_pop(L, 3);
}

/* x as a message shows it: NaN, inf, -inf or %g. */
static const char *number_text(double x, char *buf, size_t len)
{
    if (isnan(x)) return "NaN";
    if (isinf(x)) return x > 0 ? "inf" : "-inf";
    snprintf(buf, len, "%g", x);
    return buf;
}

/* Fails on any key of the table at idx that is not in `known` (NULL-terminated). */
static void check_keys(conv *c, int idx, const char *what, const char *const *known)
{
    lua_State *L = c->L;
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) fail(c, "%skeys must be field names, got a %s", what, luaL_typename(L, -1));
        const char *key = lua_tostring(L, -1);
        int ok = 0;
        for (const char *const *k = known; *k && !ok; k++) ok = strcmp(*k, key) == 0;
        if (!ok) {
            char list[300] = "";
            for (const char *const *k = known; *k; k++) {
                strncat(list, *k, sizeof list - strlen(list) - 3);
                if (k[1]) strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            fail(c, "%sunknown field '%s' (known: %s)", what, key, list);
        }
    }
}

/* Fails when the table at idx has a metatable: the conversion reads raw, so fields it would
 * give through __index would be silently lost. field NULL: the declaration's own table. */
static void plain(conv *c, int idx, const char *field)
{
    if (!lua_getmetatable(c->L, idx)) return;
    if (field) fail(c, "field '%s%s' is a table with a metatable: give its entries as they are (no metamethod is read)", c->prefix, field);
    fail(c, "its table of fields has a metatable: give the fields as they are (no metamethod is read)");
}

/* The field label of a value read for `field`: "party 'A': war_cost", "event 'E': effects[2].by". */
static void label_of(conv *c, const char *field, char *buf, size_t len)
{
    if (c->entry > 0)   /* effects = { {...}, {...} }: which entry, or two labels would be the same */
        ps_utf8_snprintf(buf, len, "%s: effects[%d].%s", c->what, c->entry, field);
    else
        ps_utf8_snprintf(buf, len, "%s: %s%s", c->what, c->prefix, field);
}

/* An assumption at idx given to a field the engine reads as a plain number once (a condition's
 * threshold, a named point): replaced by its value in this run, and the scenario marked, so that
 * a world of it is its script run again, as when the script computes with one. */
static void assumption_as_number(conv *c, int idx, const char *field)
{
    lua_State *L = c->L;
    if (!is_assumed(L, idx)) return;
    const assumed_ud *u = lua_touserdata(L, idx);
    ps_assumption *a = &c->s->assumptions[u->k];
    if (a->name[0] == '\0') label_of(c, field, a->name, sizeof a->name);
    c->s->assumptions[u->k].computed = 1;
    c->s->assumptions[u->k].uses++;
    lua_pushnumber(L, u->value);
    lua_replace(L, idx < 0 ? idx - 1 : idx);   /* the number pushed moved a relative idx down by one */
}

/* Fails when the value at idx is an assumption: for a whole number that shapes the scenario's
 * structure (its rounds, Stahl's horizon). */
static void no_assumption(conv *c, int idx, const char *field)
{
    if (is_assumed(c->L, idx))
        fail(c, "field '%s%s' takes a whole number, not an assumption: it is the scenario's structure, the same in "
                "every world (docs/LUA_API.md, Assumptions)", c->prefix, field);
}

/* The assumption at idx taken by `field`: its whole range must lie in [lo, hi]. The field holds
 * the central value, linked to the assumption (registered on its first use). */
static ps_vid assumed_at(conv *c, int idx, const char *field, double lo, double hi, int allow_inf)
{
    const assumed_ud *u = lua_touserdata(c->L, idx);
    (void)allow_inf;   /* an assumption's ends are finite */
    if (u->a.low < lo || u->a.high > hi)
        fail(c, "field '%s%s' must be between %g and %g, but its assumption ranges over [%g, %g]", c->prefix, field, lo, hi,
             u->a.low, u->a.high);
    ps_assumption *a = &c->s->assumptions[u->k];   /* every call was registered first (read_assumptions) */
    if (a->name[0] == '\0') label_of(c, field, a->name, sizeof a->name);
    ps_vid id;
    if (ps_scenario_add_const(c->s, u->value, &id) != PS_OK) fail(c, "too many numbers in the scenario");
    c->s->values[id].assumption = u->k + 1;
    label_of(c, field, c->s->values[id].label, sizeof c->s->values[id].label);
    a->uses++;
    return id;
}

/* Reads the value at idx (a number, a distribution or an assumption) into the value table, for
 * `field`. A constant must lie in [lo, hi], an assumption's range too; a distribution's draws
 * are clipped to that range. */
static ps_vid value_at(conv *c, int idx, const char *field, double lo, double hi, int allow_inf)
{
    lua_State *L = c->L;
    ps_vid id;
    char err[160];
    if (lua_type(L, idx) == LUA_TNUMBER) {
        double x = lua_tonumber(L, idx);
        if (isnan(x) || (isinf(x) && !allow_inf))
            fail(c, "field '%s%s' must be a finite number, got %s", c->prefix, field, isnan(x) ? "NaN" : (x > 0 ? "inf" : "-inf"));
        if (x < lo || x > hi) fail(c, "field '%s%s' must be between %g and %g, got %g", c->prefix, field, lo, hi, x);
        if (ps_scenario_add_const(c->s, x, &id) != PS_OK) fail(c, "too many numbers in the scenario");
        return id;
    }
    if (is_assumed(L, idx)) return assumed_at(c, idx, field, lo, hi, allow_inf);
    if (is_dist(L, idx)) {
        if (ps_scenario_add_value(c->s, dist_at(L, idx), &id, err, sizeof err) != PS_OK) fail(c, "field '%s%s': %s", c->prefix, field, err);
        /* where it is used: what a sensitivity analysis names it by */
        label_of(c, field, c->s->values[id].label, sizeof c->s->values[id].label);
        return id;
    }
    fail(c, "field '%s%s' must be a number, a distribution or an assumption, got %s", c->prefix, field, luaL_typename(L, idx));
    return 0;
}

static ps_vid value_field(conv *c, int tbl, const char *field, double def, double lo, double hi)
{
    lua_State *L = c->L;
    ps_vid id;
    rawfield(L, tbl, field);
    if (lua_isnil(L, -1)) {
        if (ps_scenario_add_const(c->s, def, &id) != PS_OK) fail(c, "too many numbers in the scenario");
    } else {
        id = value_at(c, -1, field, lo, hi, 0);
    }
    lua_pop(L, 1);
    return id;
}

static int bool_field(conv *c, int tbl, const char *field, int def)
{
    lua_State *L = c->L;
    int t = rawfield(L, tbl, field);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN) fail(c, "field '%s%s' must be true or false, got %s", c->prefix, field, luaL_typename(L, -1));
    int b = t == LUA_TNIL ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return b;
}

/* A field naming one of known[] (NULL-terminated): returns its index, def when absent. */
static int choice_field(conv *c, int tbl, const char *field, const char *const *known, int def)
{
    lua_State *L = c->L;
    int t = rawfield(L, tbl, field), found = -1;
    if (t == LUA_TNIL) { lua_pop(L, 1); return def; }
    const char *v = lua_tostring(L, -1);
    for (int i = 0; t == LUA_TSTRING && known[i]; i++)
        if (strcmp(v, known[i]) == 0) found = i;
    if (found < 0) {
        char list[200] = "";
        for (int i = 0; known[i]; i++) {
            strncat(list, known[i], sizeof list - strlen(list) - 3);
            if (known[i + 1]) strncat(list, ", ", sizeof list - strlen(list) - 1);
        }
        fail(c, "field '%s%s' must be one of %s", c->prefix, field, list);
    }
    lua_pop(L, 1);
    return found;
}

/* The string at idx, checked as kind: fails naming the field when it is not valid UTF-8 or
 * holds a control character it may not. */
static const char *text_at(conv *c, int idx, ps_text_kind kind, const char *field)
{
    size_t len;
    char why[160];
    const char *str = lua_tolstring(c->L, idx, &len);
    if (what_is_wrong(str, len, kind, why, sizeof why)) fail(c, "field '%s%s' %s", c->prefix, field, why);
    return str;
}

/* A string field of free text, read once and checked, copied into buf (cut to fit on a
 * character boundary; "" when absent). */
static void copy_string_field(conv *c, int tbl, const char *field, char *buf, size_t len)
{
    int t = rawfield(c->L, tbl, field);
    if (t != LUA_TNIL && t != LUA_TSTRING) fail(c, "field '%s%s' must be a string, got %s", c->prefix, field, luaL_typename(c->L, -1));
    if (t == LUA_TSTRING) ps_utf8_snprintf(buf, len, "%s", text_at(c, -1, PS_TEXT_FREE, field));
    else buf[0] = '\0';
    lua_pop(c->L, 1);
}

/* A string field naming a party or issue (or nil when optional). Returns its index, or -1. */
static int name_field(conv *c, int tbl, const char *field, int is_party, int required)
{
    lua_State *L = c->L;
    int t = rawfield(L, tbl, field);
    if (t == LUA_TNIL && !required) { lua_pop(L, 1); return -1; }
    if (t != LUA_TSTRING) fail(c, "field '%s%s' must name %s, got %s", c->prefix, field, is_party ? "a party" : "an issue", luaL_typename(L, -1));
    const char *name = lua_tostring(L, -1);
    int i = is_party ? ps_scenario_party(c->s, name) : ps_scenario_issue(c->s, name);
    if (i < 0) fail(c, "field '%s%s': no %s is named '%s'", c->prefix, field, is_party ? "party" : "issue", name);
    lua_pop(L, 1);
    return i;
}

/* Pushes the spec table of the record at idx, failing if the fields were never given. */
static void push_spec(conv *c, int idx, const char *kind)
{
    lua_State *L = c->L;
    if (rawfield(L, idx, "spec") != LUA_TTABLE) {
        rawfield(L, idx, "name");
        fail(c, "no fields given: write %s \"%s\" { ... }", kind, lua_tostring(L, -1));
    }
}

/* Starts reading a declaration: messages now name it, its spec table is pushed and checked
 * against the known field names (NULL: not checked here). Returns the spec's index. */
static int open_spec(conv *c, int rec, const char *kind, const char *const *known)
{
    locate(c, rec, kind);
    push_spec(c, rec, kind);
    if (known) {
        plain(c, -1, NULL);
        check_keys(c, -1, "", known);
    }
    return lua_gettop(c->L);
}

/* Issue names and party names first, so that any field may refer to any of them. */
static void read_names(conv *c, int decl, const char *list, int is_party)
{
    lua_State *L = c->L;
    rawfield(L, decl, list);
    lua_Integer n = rawlen(L, -1);
    int max = is_party ? PS_MAX_PARTIES : PS_MAX_ISSUES;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        locate(c, lua_gettop(L), is_party ? "party" : "issue");
        if (i > max) fail(c, "more than %d %s (the engine's limit)", max, list);
        rawfield(L, -1, "name");
        char *dst = is_party ? c->s->parties[i - 1].name : c->s->issues[i - 1].name;
        snprintf(dst, PS_NAME_MAX, "%s", lua_tostring(L, -1));
        rawfield(L, -2, "line");
        if (is_party) c->s->parties[i - 1].line = (int)lua_tointeger(L, -1);
        else c->s->issues[i - 1].line = (int)lua_tointeger(L, -1);
        lua_pop(L, 3);
    }
    if (is_party) c->s->nparties = (int)n; else c->s->nissues = (int)n;
    lua_pop(L, 1);
}

/* Parties named in the list at the table's field (strings), into out[]; returns how many. */
static int party_list(conv *c, int idx, const char *field, int *out)
{
    lua_State *L = c->L;
    idx = lua_absindex(L, idx);
    plain(c, idx, field);
    lua_Integer n = rawlen(L, idx);
    if (n < 1 || n > PS_MAX_PARTIES) fail(c, "field '%s%s' must list 1 to %d parties", c->prefix, field, PS_MAX_PARTIES);
    for (lua_Integer j = 1; j <= n; j++) {
        if (lua_rawgeti(L, idx, j) != LUA_TSTRING) fail(c, "field '%s%s': entry %d must be a party name", c->prefix, field, (int)j);
        int p = ps_scenario_party(c->s, lua_tostring(L, -1));
        if (p < 0) fail(c, "field '%s%s': no party is named '%s'", c->prefix, field, lua_tostring(L, -1));
        for (lua_Integer q = 1; q < j; q++)
            if (out[q - 1] == p) fail(c, "field '%s%s': party '%s' is listed twice", c->prefix, field, lua_tostring(L, -1));
        out[j - 1] = p;
        lua_pop(L, 1);
    }
    return (int)n;
}

static const char *const issue_keys[] = {"doc", "low", "high", "points", "options", "consent", "no_deal",
    "requires", "lag", "fail", "breakdown", "breakdown_distrust", "freezes_front", "closed", "agreed", "proposal", NULL};

static void read_issue(conv *c, int rec, int k)
{
    lua_State *L = c->L;
    ps_issue *is = &c->s->issues[k];
    int spec = open_spec(c, rec, "issue", issue_keys);

    /* discrete options: a list of names, evenly spaced on [0,1] */
    if (rawfield(L, spec, "options") != LUA_TNIL) {
        if (!lua_istable(L, -1)) fail(c, "field 'options' must be a list of option names");
        plain(c, -1, "options");
        lua_Integer n = rawlen(L, -1);
        if (n < 2 || n > PS_MAX_OPTIONS) fail(c, "field 'options' must list 2 to %d names", PS_MAX_OPTIONS);
        for (lua_Integer o = 1; o <= n; o++) {
            if (lua_rawgeti(L, -1, o) != LUA_TSTRING) fail(c, "field 'options': entry %d must be a name", (int)o);
            char field[32];
            snprintf(field, sizeof field, "options[%d]", (int)o);
            const char *name = text_at(c, -1, PS_TEXT_NAME, field);
            if (name[0] == '\0' || strlen(name) >= PS_NAME_MAX)
                fail(c, "field 'options': entry %d must have 1 to %d bytes", (int)o, PS_NAME_MAX - 1);
            snprintf(is->option_name[o - 1], PS_NAME_MAX, "%s", name);
            is->option_x[o - 1] = (double)(o - 1) / (double)(n - 1);
            lua_pop(L, 1);
        }
        is->noptions = (int)n;
    }
    lua_pop(L, 1);
    /* points: read once, here, into the model, with every check; nothing reads the table again */
    char buf[32];
    if (rawfield(L, spec, "points") != LUA_TNIL) {
        if (!lua_istable(L, -1)) fail(c, "field 'points' must be a table of name = position");
        plain(c, -1, "points");
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_type(L, -2) != LUA_TSTRING) fail(c, "field 'points': each entry must be name = a position between 0 and 1");
            const char *name = text_at(c, -2, PS_TEXT_NAME, "points");
            if (name[0] == '\0' || strlen(name) >= PS_NAME_MAX)
                fail(c, "field 'points': a point's name must have 1 to %d bytes", PS_NAME_MAX - 1);
            assumption_as_number(c, -1, "points");
            if (lua_type(L, -1) != LUA_TNUMBER)
                fail(c, "field 'points': point '%s' must be a position between 0 and 1, got %s", name, luaL_typename(L, -1));
            double x = lua_tonumber(L, -1);
            if (!(x >= 0 && x <= 1))
                fail(c, "field 'points': point '%s' must be a position between 0 and 1, got %s", name, number_text(x, buf, sizeof buf));
            if (is->npoints >= PS_MAX_NAMED_POINTS) fail(c, "field 'points': more than %d points", PS_MAX_NAMED_POINTS);
            /* kept sorted by name (Lua's walk has no fixed order): the model is the same in every process */
            int at = is->npoints++;
            for (; at > 0 && strcmp(is->point_name[at - 1], name) > 0; at--) {
                memcpy(is->point_name[at], is->point_name[at - 1], PS_NAME_MAX);
                is->point_x[at] = is->point_x[at - 1];
            }
            snprintf(is->point_name[at], PS_NAME_MAX, "%s", name);
            is->point_x[at] = x;
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    /* what 0 and 1 mean, and what it is: for narrated runs and role sheets */
    copy_string_field(c, spec, "low", is->low, sizeof is->low);
    copy_string_field(c, spec, "high", is->high, sizeof is->high);
    copy_string_field(c, spec, "doc", is->doc, sizeof is->doc);

    /* consent: a list of parties (all of them), or {k = 2, "US", "EU"}; default every signatory */
    int t = rawfield(L, spec, "consent");
    if (t == LUA_TNIL) {
        for (int i = 0; i < c->s->nparties; i++)
            if (c->s->parties[i].role == PS_ROLE_SIGNATORY) is->consent[is->nconsent++] = i;
        is->consent_k = is->nconsent;
    } else if (t == LUA_TTABLE) {
        is->nconsent = party_list(c, -1, "consent", is->consent);
        int kt = rawfield(L, -1, "k");
        if (kt == LUA_TNIL) is->consent_k = is->nconsent;
        else {
            int isint;
            lua_Integer kk = lua_tointegerx(L, -1, &isint);
            if (!isint || lua_type(L, -1) != LUA_TNUMBER || kk < 1 || kk > PS_MAX_PARTIES)
                fail(c, "field 'consent': k must be a whole number of parties");
            is->consent_k = (int)kk;
        }
        lua_pop(L, 1);
        if (is->consent_k < 1 || is->consent_k > is->nconsent)
            fail(c, "field 'consent': k = %d must be between 1 and the %d parties listed", is->consent_k, is->nconsent);
    } else {
        fail(c, "field 'consent' must be a list of party names, got %s", luaL_typename(L, -1));
    }
    lua_pop(L, 1);

    /* no_deal: a number, a distribution, "front" or "sanctions" */
    t = rawfield(L, spec, "no_deal");
    if (t == LUA_TSTRING) {
        const char *nd = lua_tostring(L, -1);
        if (strcmp(nd, "front") == 0) is->nodeal_kind = PS_NODEAL_FRONT;
        else if (strcmp(nd, "sanctions") == 0) is->nodeal_kind = PS_NODEAL_SANCTIONS;
        /* else the name of a point or option: read_positions resolves it */
        is->nodeal = 0;
    } else if (t == LUA_TNIL) {
        is->nodeal = 0;
    } else {
        is->nodeal = value_at(c, -1, "no_deal", 0, 1, 0);
    }
    lua_pop(L, 1);

    /* requires: {prisoners = "implemented", ceasefire = "agreed"} or a list of issue names (agreed) */
    t = rawfield(L, spec, "requires");
    if (t == LUA_TTABLE) {
        plain(c, -1, "requires");
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            const char *name = NULL, *stage = "agreed";
            if (lua_type(L, -2) == LUA_TNUMBER && lua_type(L, -1) == LUA_TSTRING) name = lua_tostring(L, -1);
            else if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING) { name = lua_tostring(L, -2); stage = lua_tostring(L, -1); }
            else fail(c, "field 'requires' must be a list of issue names or issue = \"agreed\"|\"implemented\"");
            int r = ps_scenario_issue(c->s, name);
            if (r < 0) fail(c, "field 'requires': no issue is named '%s'", name);
            if (is->nrequires >= PS_MAX_REQUIRES) fail(c, "field 'requires': more than %d preconditions", PS_MAX_REQUIRES);
            ps_requirement *req = &is->requires[is->nrequires++];
            req->issue = r;
            if (strcmp(stage, "agreed") == 0) req->stage = PS_STAGE_AGREED;
            else if (strcmp(stage, "implemented") == 0) req->stage = PS_STAGE_IMPLEMENTED;
            else fail(c, "field 'requires': issue '%s' must be \"agreed\" or \"implemented\", got \"%s\"", name, stage);
            lua_pop(L, 1);
        }
    } else if (t != LUA_TNIL) {
        fail(c, "field 'requires' must be a table, got %s", luaL_typename(L, -1));
    }
    lua_pop(L, 1);

    is->lag = value_field(c, spec, "lag", 0, 0, PS_MAX_ROUNDS);
    is->fail = value_field(c, spec, "fail", 0, 0, 1);
    is->hazard = value_field(c, spec, "breakdown", 0, 0, 1);
    is->hazard_distrust = value_field(c, spec, "breakdown_distrust", 0, 0, 1);
    is->freezes_front = bool_field(c, spec, "freezes_front", 0);
    is->closed = bool_field(c, spec, "closed", 0);
    lua_pop(L, 1);
}

/* The fields of an issue that may name one of its points or options: `no_deal = "name"`,
 * `proposal` and `agreed`. A pass of their own after every issue's other fields, so that the
 * value table keeps its order (a value's draw is keyed by its index). */
static ps_vid position_at(conv *c, int idx, int k, const char *field);

/* The index of issue is's point named `name`, or -1. */
static int point_index(const ps_issue *is, const char *name)
{
    for (int j = 0; j < is->npoints; j++)
        if (strcmp(is->point_name[j], name) == 0) return j;
    return -1;
}

static void read_positions(conv *c, int rec, int k)
{
    lua_State *L = c->L;
    ps_issue *is = &c->s->issues[k];
    open_spec(c, rec, "issue", NULL);
    if (rawfield(L, -1, "no_deal") == LUA_TSTRING && is->nodeal_kind == PS_NODEAL_VALUE) {
        const char *nd = lua_tostring(L, -1);
        if (is->noptions == 0 && point_index(is, nd) < 0)   /* not an option, not a point: a mistake */
            fail(c, "field 'no_deal' must be a number, a distribution, \"front\", \"sanctions\" or a point of the issue, got \"%s\"", nd);
        is->nodeal = position_at(c, lua_gettop(L), k, "no_deal");
    }
    lua_pop(L, 1);
    if (rawfield(L, -1, "proposal") != LUA_TNIL) {
        is->has_proposal = 1;
        is->proposal = position_at(c, lua_gettop(L), k, "proposal");
    }
    lua_pop(L, 1);
    if (rawfield(L, -1, "agreed") != LUA_TNIL) {
        if (is->closed) fail(c, "an issue cannot be both 'closed' and 'agreed'");
        is->agreed_at_start = 1;
        is->agreed_terms = position_at(c, lua_gettop(L), k, "agreed");
    }
    lua_pop(L, 2);
}

/* A position on issue k: a number, a distribution, or the name of one of its options or points
 * (as read into the model). */
static ps_vid position_at(conv *c, int idx, int k, const char *field)
{
    lua_State *L = c->L;
    if (lua_type(L, idx) != LUA_TSTRING) return value_at(c, idx, field, 0, 1, 0);
    const char *name = lua_tostring(L, idx);
    const ps_issue *is = &c->s->issues[k];
    double x = NAN;
    for (int o = 0; o < is->noptions; o++)
        if (strcmp(is->option_name[o], name) == 0) { x = is->option_x[o]; break; }
    int j = isnan(x) ? point_index(is, name) : -1;
    if (j >= 0) x = is->point_x[j];
    if (isnan(x)) fail(c, "field '%s%s': issue '%s' has no point or option named '%s'", c->prefix, field, is->name, name);
    ps_vid id;
    if (ps_scenario_add_const(c->s, x, &id) != PS_OK) fail(c, "too many numbers");
    return id;
}

static const char *const party_keys[] = {"doc", "role", "capability", "patience", "war_cost", "sanctions_cost",
    "curvature", "noise", "trust", "premium", "learn", "concession", "ideal", "salience", "supports",
    "support", "spoil", "reservation", "deadline", NULL};

/* The role of the party at record rec: read before the issues, whose default consent is every
 * signatory. Leaves the party's spec on the stack. */
static void read_role(conv *c, int rec, int i)
{
    lua_State *L = c->L;
    ps_party *p = &c->s->parties[i];
    int spec = open_spec(c, rec, "party", party_keys);
    int t = rawfield(L, spec, "role");
    static const char *const roles[] = {"signatory", "mediator", "guarantor", "spoiler", NULL};
    p->role = PS_ROLE_SIGNATORY;
    if (t != LUA_TNIL) {
        const char *r = lua_tostring(L, -1);
        int found = -1;
        for (int j = 0; r && roles[j]; j++) if (strcmp(r, roles[j]) == 0) found = j;
        if (found < 0) fail(c, "field 'role' must be \"signatory\", \"mediator\", \"guarantor\" or \"spoiler\"");
        p->role = (ps_role)found;
    }
    lua_pop(L, 1);
}

static void read_party(conv *c, int rec, int i)
{
    lua_State *L = c->L;
    ps_party *p = &c->s->parties[i];
    read_role(c, rec, i);
    int spec = lua_gettop(L);
    int t;
    copy_string_field(c, spec, "doc", p->doc, sizeof p->doc);
    /* Defaults: docs/LUA_API.md gives each and its reason. */
    p->capability = value_field(c, spec, "capability", 1, 1e-9, 1e9);
    p->patience = value_field(c, spec, "patience", 0.95, 0, 0.999999);
    p->war_cost = value_field(c, spec, "war_cost", 0, 0, 1e3);
    p->sanctions_cost = value_field(c, spec, "sanctions_cost", 0, 0, 1e3);
    p->curvature = value_field(c, spec, "curvature", 1, 1, 16);
    p->trust = value_field(c, spec, "trust", 0.5, 0, 1);
    p->premium = value_field(c, spec, "premium", 0, 0, 1);
    p->learn = value_field(c, spec, "learn", 0, 0, 1);
    p->support = value_field(c, spec, "support", 0, 0, 1e9);
    /* assumption: a spoiler adds 0.02 a round to the breakdown hazard of deals in force */
    p->spoil = value_field(c, spec, "spoil", p->role == PS_ROLE_SPOILER ? 0.02 : 0, 0, 1);
    if (rawfield(L, spec, "reservation") != LUA_TNIL) {
        p->has_reservation = 1;
        p->reservation = value_at(c, -1, "reservation", -1e3, 1e3, 0);
    }
    lua_pop(L, 1);
    if (rawfield(L, spec, "noise") == LUA_TNIL) {
        if (ps_scenario_add_const(c->s, 20, &p->noise) != PS_OK) fail(c, "too many numbers");
    } else {
        p->noise = value_at(c, -1, "noise", 1e-9, INFINITY, 1);
    }
    lua_pop(L, 1);

    t = rawfield(L, spec, "concession");
    p->tactic = PS_TACTIC_POLY;
    if (t == LUA_TTABLE) {
        int ct = lua_gettop(L);
        plain(c, ct, "concession");
        check_keys(c, ct, "field 'concession': ", (const char *const[]){"tactic", "e", "k", NULL});
        c->prefix = "concession.";
        if (rawfield(L, ct, "tactic") != LUA_TNIL) {
            const char *tac = lua_tostring(L, -1);
            if (tac && strcmp(tac, "exp") == 0) p->tactic = PS_TACTIC_EXP;
            else if (!tac || strcmp(tac, "poly") != 0) fail(c, "field 'concession': tactic must be \"poly\" or \"exp\"");
        }
        lua_pop(L, 1);
        p->tactic_e = value_field(c, ct, "e", 1, 1e-3, 1e3);
        p->tactic_k = value_field(c, ct, "k", 0, 0, 1);
        c->prefix = "";
    } else if (t == LUA_TNIL) {
        if (ps_scenario_add_const(c->s, 1, &p->tactic_e) != PS_OK || ps_scenario_add_const(c->s, 0, &p->tactic_k) != PS_OK)
            fail(c, "too many numbers in the scenario");
    } else {
        fail(c, "field 'concession' must be a table {tactic = \"poly\"|\"exp\", e = ..., k = ...}");
    }
    lua_pop(L, 1);

    /* ideal and salience: tables issue = value; an issue left out has ideal 0.5, salience 0 */
    for (int k = 0; k < c->s->nissues; k++) {
        if (ps_scenario_add_const(c->s, 0.5, &p->ideal[k]) != PS_OK || ps_scenario_add_const(c->s, 0, &p->salience[k]) != PS_OK)
            fail(c, "too many numbers");
    }
    for (int pass = 0; pass < 2; pass++) {
        const char *field = pass ? "salience" : "ideal";
        t = rawfield(L, spec, field);
        if (t == LUA_TTABLE) {
            int tbl = lua_gettop(L);
            plain(c, tbl, field);
            lua_pushnil(L);
            while (lua_next(L, tbl)) {
                if (lua_type(L, -2) != LUA_TSTRING) fail(c, "field '%s%s' must be a table of issue = value", c->prefix, field);
                if (ps_scenario_issue(c->s, lua_tostring(L, -2)) < 0)
                    fail(c, "field '%s%s': no issue is named '%s'", c->prefix, field, lua_tostring(L, -2));
                lua_pop(L, 1);
            }
            /* Values enter the value table in issue order, never in Lua's hash order (which
             * changes from one process to the next): the draws must not depend on it. */
            for (int k = 0; k < c->s->nissues; k++) {
                if (rawfield(L, tbl, c->s->issues[k].name) != LUA_TNIL) {
                    char fname[PS_NAME_MAX + 16];
                    snprintf(fname, sizeof fname, "%s.%s", field, c->s->issues[k].name);
                    if (pass) p->salience[k] = value_at(c, -1, fname, 0, 1e9, 0);
                    else p->ideal[k] = position_at(c, lua_gettop(L), k, fname);
                }
                lua_pop(L, 1);
            }
        } else if (t != LUA_TNIL) {
            fail(c, "field '%s%s' must be a table of issue = value, got %s", c->prefix, field, luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    p->supports = name_field(c, spec, "supports", 1, 0);
    lua_pop(L, 1);
}

/* The deadline of the party at record rec, read after every other number of the scenario: its
 * value goes to the end of the value table, so that every other value keeps its index (and its
 * draw, which the index keys) whether a deadline is given or not. Absent: no known end. */
static void read_deadline(conv *c, int rec, int i)
{
    ps_party *p = &c->s->parties[i];
    int spec = open_spec(c, rec, "party", NULL);
    if (rawfield(c->L, spec, "deadline") != LUA_TNIL) {
        p->has_deadline = 1;
        p->deadline = value_at(c, -1, "deadline", 1, PS_MAX_DEADLINE, 0);
    }
    lua_pop(c->L, 2);
}

static const char *const when_keys[] = {"ceasefire", "agreed", "not_agreed", "implemented", "refused",
    "refused_by", "after", "before", "sanctions_below", "sanctions_above", "front_above", "front_below", NULL};

static void add_condition(conv *c, ps_event *ev, ps_condition_kind kind, int issue, int party, double x)
{
    if (ev->ncond >= PS_MAX_CONDITIONS) fail(c, "field 'when': more than %d conditions", PS_MAX_CONDITIONS);
    ps_condition *cd = &ev->cond[ev->ncond++];
    cd->kind = kind;
    cd->issue = issue;
    cd->party = party;
    cd->x = x;
}

static double number_in(conv *c, int tbl, const char *field, double lo, double hi)
{
    lua_State *L = c->L;
    rawfield(L, tbl, field);
    assumption_as_number(c, -1, field);
    if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
        fail(c, "field '%s%s' must be a finite number", c->prefix, field);
    double x = lua_tonumber(L, -1);
    if (x < lo || x > hi) fail(c, "field '%s%s' must be between %g and %g, got %g", c->prefix, field, lo, hi, x);
    lua_pop(L, 1);
    return x;
}

static void read_when(conv *c, ps_event *ev, int w)
{
    lua_State *L = c->L;
    plain(c, w, "when");
    check_keys(c, w, "field 'when': ", when_keys);
    int t = rawfield(L, w, "ceasefire");
    if (t == LUA_TBOOLEAN) add_condition(c, ev, lua_toboolean(L, -1) ? PS_COND_CEASEFIRE : PS_COND_NO_CEASEFIRE, -1, -1, 0);
    else if (t != LUA_TNIL) fail(c, "field 'when.ceasefire' must be true or false");
    lua_pop(L, 1);
    static const struct { const char *key; ps_condition_kind kind; } issue_conds[] = {
        {"agreed", PS_COND_AGREED}, {"not_agreed", PS_COND_NOT_AGREED}, {"implemented", PS_COND_IMPLEMENTED}};
    for (size_t j = 0; j < sizeof issue_conds / sizeof issue_conds[0]; j++) {
        int k = name_field(c, w, issue_conds[j].key, 0, 0);
        if (k >= 0) add_condition(c, ev, issue_conds[j].kind, k, -1, 0);
    }
    int refused = name_field(c, w, "refused", 0, 0);
    int by = name_field(c, w, "refused_by", 1, 0);
    if (by >= 0 && refused < 0) fail(c, "field 'when.refused_by' needs 'refused' (the issue)");
    if (refused >= 0) add_condition(c, ev, PS_COND_REFUSED, refused, by, 0);
    static const struct { const char *key; ps_condition_kind kind; double hi; } num_conds[] = {
        {"after", PS_COND_AFTER, PS_MAX_ROUNDS}, {"before", PS_COND_BEFORE, PS_MAX_ROUNDS},
        {"sanctions_below", PS_COND_SANCTIONS_BELOW, 1}, {"sanctions_above", PS_COND_SANCTIONS_ABOVE, 1},
        {"front_above", PS_COND_FRONT_ABOVE, 1}, {"front_below", PS_COND_FRONT_BELOW, 1}};
    for (size_t j = 0; j < sizeof num_conds / sizeof num_conds[0]; j++) {
        if (rawfield(L, w, num_conds[j].key) != LUA_TNIL) {
            lua_pop(L, 1);
            add_condition(c, ev, num_conds[j].kind, -1, -1, number_in(c, w, num_conds[j].key, 0, num_conds[j].hi));
        } else {
            lua_pop(L, 1);
        }
    }
}

static const char *const effect_keys[] = {"shift", "salience", "trust", "war_cost", "front", "sanctions",
    "open", "close", "end_talks", "party", "issue", NULL};

static void read_effect(conv *c, ps_event *ev, int e)
{
    lua_State *L = c->L;
    if (lua_getmetatable(L, e)) {
        char which[32] = "";
        if (c->entry) snprintf(which, sizeof which, "[%d]", c->entry);
        fail(c, "field 'effects%s' is a table with a metatable: give its entries as they are (no metamethod is read)", which);
    }
    check_keys(c, e, "effect: ", effect_keys);
    if (ev->neff >= PS_MAX_EFFECTS) fail(c, "more than %d effects", PS_MAX_EFFECTS);
    ps_effect *ef = &ev->eff[ev->neff];
    static const struct { const char *key; ps_effect_kind kind; int party, issue; double lo, hi; } kinds[] = {
        {"shift", PS_EFF_SHIFT, 1, 1, -1, 1}, {"salience", PS_EFF_SALIENCE, 1, 1, -1e9, 1e9},
        {"trust", PS_EFF_TRUST, 1, 0, -1, 1}, {"war_cost", PS_EFF_WAR_COST, 1, 0, -1e3, 1e3},
        {"front", PS_EFF_FRONT, 0, 0, -1, 1}, {"sanctions", PS_EFF_SANCTIONS, 0, 0, -1, 1}};
    int found = 0;
    for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++) {
        if (rawfield(L, e, kinds[j].key) == LUA_TNIL) { lua_pop(L, 1); continue; }
        if (found++) fail(c, "an effect must do one thing: give one of shift, salience, trust, war_cost, front, sanctions, open, close, end_talks");
        ef->kind = kinds[j].kind;
        ef->by = value_at(c, -1, kinds[j].key, kinds[j].lo, kinds[j].hi, 0);
        lua_pop(L, 1);
        ef->party = kinds[j].party ? name_field(c, e, "party", 1, 1) : -1;
        ef->issue = kinds[j].issue ? name_field(c, e, "issue", 0, 1) : -1;
        if (!kinds[j].party && rawfield(L, e, "party") != LUA_TNIL) fail(c, "effect '%s' takes no 'party'", kinds[j].key);
        if (!kinds[j].issue && rawfield(L, e, "issue") != LUA_TNIL) fail(c, "effect '%s' takes no 'issue'", kinds[j].key);
        lua_settop(L, e);
    }
    static const struct { const char *key; ps_effect_kind kind; } issue_kinds[] = {{"open", PS_EFF_OPEN}, {"close", PS_EFF_CLOSE}};
    for (size_t j = 0; j < 2; j++) {
        if (rawfield(L, e, issue_kinds[j].key) == LUA_TNIL) { lua_pop(L, 1); continue; }
        lua_pop(L, 1);
        if (found++) fail(c, "an effect must do one thing");
        ef->kind = issue_kinds[j].kind;
        ef->issue = name_field(c, e, issue_kinds[j].key, 0, 1);
        ef->party = -1;
        if (rawfield(L, e, "party") != LUA_TNIL || rawfield(L, e, "issue") != LUA_TNIL)
            fail(c, "effect '%s' takes no 'party' or 'issue': the issue is its value", issue_kinds[j].key);
        lua_settop(L, e);
    }
    if (rawfield(L, e, "end_talks") != LUA_TNIL) {
        if (lua_toboolean(L, -1) != 1 || !lua_isboolean(L, -1)) fail(c, "effect 'end_talks' must be true");
        if (found++) fail(c, "an effect must do one thing");
        ef->kind = PS_EFF_END;
        ef->party = ef->issue = -1;
        if (rawfield(L, e, "party") != LUA_TNIL || rawfield(L, e, "issue") != LUA_TNIL)
            fail(c, "effect 'end_talks' takes no 'party' or 'issue'");
    }
    lua_settop(L, e);
    if (!found) fail(c, "an effect must give one of shift, salience, trust, war_cost, front, sanctions, open, close, end_talks");
    ev->neff++;
}

static const char *const event_keys[] = {"doc", "chance", "rate", "once", "when", "effects", "by", NULL};

static void read_event(conv *c, int rec)
{
    lua_State *L = c->L;
    rawfield(L, rec, "kind");
    int policy = strcmp(lua_tostring(L, -1), "policy") == 0;
    lua_pop(L, 1);
    int spec = open_spec(c, rec, policy ? "policy" : "event", event_keys);
    char doc[240];
    copy_string_field(c, spec, "doc", doc, sizeof doc);
    ps_event *ev;
    ps_status st = ps_scenario_add_event(c->s, &ev);
    if (st != PS_OK) fail(c, "more than %d events and policies (the engine's limit)", PS_MAX_EVENTS);
    snprintf(ev->doc, sizeof ev->doc, "%s", doc);
    rawfield(L, rec, "name");
    snprintf(ev->name, PS_NAME_MAX, "%s", lua_tostring(L, -1));
    rawfield(L, rec, "line");
    ev->line = (int)lua_tointeger(L, -1);
    lua_pop(L, 2);
    ev->policy = policy;
    ev->by = name_field(c, spec, "by", 1, policy);
    int has_chance = rawfield(L, spec, "chance") != LUA_TNIL;
    int has_rate = rawfield(L, spec, "rate") != LUA_TNIL;
    lua_pop(L, 2);
    if (has_chance && has_rate) fail(c, "give 'chance' or 'rate', not both");
    if (!has_chance && !has_rate && !policy) fail(c, "field 'chance' (per round) or 'rate' (Poisson, per round) is needed");
    ev->use_rate = has_rate;
    ev->chance = value_field(c, spec, "chance", 1, 0, 1);
    ev->rate = value_field(c, spec, "rate", 0, 0, 100);
    ev->once = bool_field(c, spec, "once", 0);
    int t = rawfield(L, spec, "when");
    c->prefix = "when.";
    if (t == LUA_TTABLE) read_when(c, ev, lua_gettop(L));
    else if (t == LUA_TFUNCTION) ev->script_when = 1;    /* called each round: ps_lua_hooks.c */
    else if (t != LUA_TNIL) fail(c, "field 'when' must be a table of conditions or a function(w)");
    lua_pop(L, 1);
    t = rawfield(L, spec, "effects");
    c->prefix = "effects.";
    if (t == LUA_TFUNCTION) ev->script_effect = 1;
    else if (t != LUA_TTABLE) fail(c, "field 'effects' must be a table (one effect, or a list of them) or a function(w)");
    int effs = lua_gettop(L);
    if (t == LUA_TTABLE && lua_getmetatable(L, effs))
        fail(c, "field 'effects' is a table with a metatable: give its entries as they are (no metamethod is read)");
    lua_Integer n = t == LUA_TTABLE ? rawlen(L, effs) : -1;
    if (n < 0) {
        /* a function: nothing to read now */
    } else if (n == 0) {
        read_effect(c, ev, effs);
    } else {
        /* a list: nothing but its entries 1..n (a named key would be silently lost) */
        lua_pushnil(L);
        while (lua_next(L, effs)) {
            lua_pop(L, 1);
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n)
                fail(c, "field 'effects': a list of effects cannot also have named fields: write effects = { { ... }, { ... } }");
        }
        for (lua_Integer j = 1; j <= n; j++) {
            if (lua_rawgeti(L, effs, j) != LUA_TTABLE) fail(c, "field 'effects': entry %d must be a table", (int)j);
            c->entry = (int)j;
            read_effect(c, ev, lua_gettop(L));
            c->entry = 0;
            lua_pop(L, 1);
        }
    }
    c->prefix = "";
    lua_pop(L, 2);
}

static const char *const scenario_keys[] = {"doc", "name", "rounds", "package", "protocol", "concept", "weights",
    "horizon", "proposer", "eum_offer", "front", "sanctions",
    "trust_gain", "trust_loss", NULL};

static void read_front(conv *c, int spec)
{
    lua_State *L = c->L;
    ps_scenario *s = c->s;
    int t = rawfield(L, spec, "front");
    if (t == LUA_TNIL) { lua_pop(L, 1); return; }
    if (t != LUA_TTABLE) fail(c, "field 'front' must be a table");
    int f = lua_gettop(L);
    plain(c, f, "front");
    check_keys(c, f, "field 'front': ", (const char *const[]){"issue", "up", "down", "start", "drift", "bias", "sigma", "violation", NULL});
    c->prefix = "front.";
    s->front.issue = name_field(c, f, "issue", 0, 1);
    s->front.up = name_field(c, f, "up", 1, 1);
    s->front.down = name_field(c, f, "down", 1, 1);
    s->front.start = value_field(c, f, "start", 0.5, 0, 1);
    s->front.drift = value_field(c, f, "drift", 0, -1, 1);
    s->front.bias = value_field(c, f, "bias", 0, -1, 1);
    s->front.sigma = value_field(c, f, "sigma", 0, 0, 1);
    s->front.violation = value_field(c, f, "violation", 0, 0, 1);
    c->prefix = "";
    lua_pop(L, 1);
}

static void read_sanctions(conv *c, int spec)
{
    lua_State *L = c->L;
    int t = rawfield(L, spec, "sanctions");
    if (t == LUA_TNIL) { lua_pop(L, 1); return; }
    if (t != LUA_TTABLE) fail(c, "field 'sanctions' must be a table");
    int f = lua_gettop(L);
    plain(c, f, "sanctions");
    check_keys(c, f, "field 'sanctions': ", (const char *const[]){"start", "target", "bite", NULL});
    c->prefix = "sanctions.";
    c->s->sanctions.start = value_field(c, f, "start", 0, 0, 1);
    c->s->sanctions.target = name_field(c, f, "target", 1, 0);
    c->s->sanctions.bite = value_field(c, f, "bite", 0, 0, 1);
    c->prefix = "";
    lua_pop(L, 1);
}

static void read_params(conv *c, int decl)
{
    lua_State *L = c->L;
    rawfield(L, decl, "param_order");
    rawfield(L, decl, "params");
    lua_Integer n = rawlen(L, -2);
    if (n > PS_MAX_PARAMS) fail(c, "more than %d params", PS_MAX_PARAMS);
    for (lua_Integer j = 1; j <= n; j++) {
        ps_param *pm = &c->s->params[j - 1];
        lua_rawgeti(L, -2, j);
        snprintf(pm->name, PS_NAME_MAX, "%s", lua_tostring(L, -1));   /* checked by param() */
        lua_gettable(L, -2);
        rawfield(L, -1, "value");
        if (lua_type(L, -1) == LUA_TNUMBER) { pm->is_number = 1; pm->number = lua_tonumber(L, -1); }
        else if (lua_type(L, -1) == LUA_TBOOLEAN) snprintf(pm->text, PS_NAME_MAX, "%s", lua_toboolean(L, -1) ? "true" : "false");
        else if (is_dist(L, -1)) {
            const ps_value *v = dist_at(L, -1);
            snprintf(pm->text, PS_NAME_MAX, "%s(mean %.4g)", kind_names[v->kind], ps_value_mean(v));
        } else if (is_assumed(L, -1)) {
            const assumed_ud *u = lua_touserdata(L, -1);
            pm->is_number = 1;   /* the scenario runs at the assumption's value: the central one, or a world's */
            pm->number = u->value;
        } else ps_utf8_snprintf(pm->text, PS_NAME_MAX, "%s", lua_tostring(L, -1));   /* checked by param(), cut to fit */
        lua_pop(L, 2);
    }
    c->s->nparams = (int)n;
    lua_pop(L, 2);
}

/* Registers every assumed() call of the script, in the order of the calls (its identity in a
 * world's run of the script), before any field takes one; marks the scenario when the script
 * computed with one. */
static void read_assumptions(conv *c, int decl)
{
    lua_State *L = c->L;
    rawfield(L, decl, "assumed");
    lua_Integer n = rawlen(L, -1);
    char err[300];
    for (lua_Integer k = 1; k <= n; k++) {
        lua_rawgeti(L, -1, k);
        const assumed_ud *u = lua_touserdata(L, -1);
        int id;
        ps_status st = ps_scenario_add_assumption(c->s, &u->a, &id, err, sizeof err);
        if (st == PS_ENOMEM) fail(c, "out of memory");
        if (st != PS_OK) fail(c, "%s", err);
        c->s->assumptions[id].uses = 0;
        c->s->assumptions[id].computed = u->computed;
        c->s->assumptions[id].call = u->k;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Keeps the assumptions that matter: those a field takes or the script computed with. One
 * that a --set replaced (its param gave a number) or that nothing used is dropped, and the
 * values that take the others follow their new places. */
static void keep_used_assumptions(ps_scenario *s)
{
    int to[PS_MAX_ASSUMPTIONS], n = 0;
    for (int j = 0; j < s->nassumptions; j++) {
        const ps_assumption *a = &s->assumptions[j];
        if (a->uses > 0 || a->computed) {
            to[j] = n;
            s->assumptions[n++] = *a;
        } else {
            to[j] = -1;
        }
    }
    for (int v = 0; v < s->nvalues; v++)
        if (s->values[v].assumption) s->values[v].assumption = to[s->values[v].assumption - 1] + 1;
    s->nassumptions = n;
    for (int j = 0; j < n; j++)
        if (s->assumptions[j].computed) s->assumptions_in_script = 1;
}

/* An assumption no field took and that has no name of its own: named by where it was made. */
static void name_assumptions(ps_scenario *s)
{
    for (int j = 0; j < s->nassumptions; j++) {
        ps_assumption *a = &s->assumptions[j];
        if (a->name[0] == '\0') ps_utf8_snprintf(a->name, sizeof a->name, "assumed() at %s:%d", a->src, a->line);
    }
}

/* The scenario's memory belongs to a userdata box until conversion succeeds, so a Lua error
 * raised half-way (a bad field, or memory) frees it in the box's __gc. */
static int box_gc(lua_State *L)
{
    ps_scenario **box = luaL_checkudata(L, 1, BOX_MT);
    ps_scenario_free(*box);
    *box = NULL;
    return 0;
}

ps_scenario *ps_lua_to_scenario(lua_State *L, int scenario_idx)
{
    luaL_checkstack(L, 40, "scenario conversion");
    luaL_checkudata(L, scenario_idx, SCENARIO_MT);
    lua_getiuservalue(L, scenario_idx, 1);   /* the record */
    int idx = lua_gettop(L);
    ps_scenario **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    if (luaL_newmetatable(L, BOX_MT)) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    int boxi = lua_gettop(L);
    if (!(*box = ps_scenario_alloc())) luaL_error(L, "out of memory");
    conv cv = {L, *box, "", "", "", 0};
    conv *c = &cv;
    locate(c, idx, "scenario");
    rawfield(L, idx, "decl");
    int decl = lua_gettop(L);
    rawfield(L, idx, "spec");
    int spec = lua_gettop(L);
    plain(c, spec, NULL);
    check_keys(c, spec, "", scenario_keys);
    read_assumptions(c, decl);

    ps_scenario *s = *box;
    copy_string_field(c, spec, "doc", s->doc, sizeof s->doc);
    int t = rawfield(L, spec, "name");
    if (t != LUA_TSTRING) fail(c, "field 'name' must be a string");
    ps_utf8_snprintf(s->name, sizeof s->name, "%s", text_at(c, -1, PS_TEXT_FREE, "name"));
    lua_pop(L, 1);
    /* the script's path is the user's, not the script's: kept with '?' for what is not text */
    rawfield(L, idx, "src");
    push_clean(L, lua_tostring(L, -1));
    ps_utf8_snprintf(s->file, sizeof s->file, "%s", lua_tostring(L, -1));
    lua_pop(L, 2);
    if (rawfield(L, spec, "rounds") != LUA_TNIL) {
        int isint;
        no_assumption(c, -1, "rounds");
        lua_Integer rounds = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || rounds < 1 || rounds > PS_MAX_ROUNDS)
            fail(c, "field 'rounds' must be a whole number from 1 to %d", PS_MAX_ROUNDS);
        s->rounds = (int)rounds;
    }
    lua_pop(L, 1);
    s->package = bool_field(c, spec, "package", 0);
    s->protocol = (ps_protocol_kind)choice_field(c, spec, "protocol", ps_protocol_names, PS_PROTOCOL_MEDIATED);
    /* an option of another protocol would be silently ignored: refuse it */
    static const struct { const char *field; unsigned protocols; } only[] = {
        {"concept", 1u << PS_PROTOCOL_MEDIATED}, {"weights", 1u << PS_PROTOCOL_MEDIATED},
        {"horizon", 1u << PS_PROTOCOL_EQUILIBRIUM}, {"eum_offer", 1u << PS_PROTOCOL_EUM},
        {"proposer", (1u << PS_PROTOCOL_EQUILIBRIUM) | (1u << PS_PROTOCOL_ALTERNATING) | (1u << PS_PROTOCOL_ULTIMATUM)}};
    for (size_t j = 0; j < sizeof only / sizeof only[0]; j++) {
        int given = rawfield(L, spec, only[j].field) != LUA_TNIL;
        lua_pop(L, 1);
        if (given && !(only[j].protocols & (1u << s->protocol)))
            fail(c, "field '%s' has no effect under protocol '%s'", only[j].field, ps_protocol_names[s->protocol]);
    }
    s->concept = (ps_concept)choice_field(c, spec, "concept", (const char *const[]){"nash", "ks", NULL}, PS_CONCEPT_NASH);
    s->equal_weights = choice_field(c, spec, "weights", (const char *const[]){"capability", "equal", NULL}, 0);
    s->eum_least_move = choice_field(c, spec, "eum_offer", (const char *const[]){"scholz", "least_move", NULL}, 0);
    if (rawfield(L, spec, "horizon") != LUA_TNIL) {
        int isint;
        no_assumption(c, -1, "horizon");
        lua_Integer h = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : (isint = 0);
        if (!isint || h < 0 || h > 1000000) fail(c, "field 'horizon' must be a whole number from 0 (open) to 1000000");
        s->horizon = (int)h;
    }
    lua_pop(L, 1);
    s->trust_gain = value_field(c, spec, "trust_gain", 0, 0, 1);
    s->trust_loss = value_field(c, spec, "trust_loss", 0, 0, 1);

    read_names(c, decl, "issues", 0);
    read_names(c, decl, "parties", 1);
    locate(c, idx, "scenario");
    if (s->nissues == 0) fail(c, "no issue is declared: add issue \"name\" { ... }");
    if (s->nparties == 0) fail(c, "no party is declared: add party \"name\" { ... }");
    /* roles first: an issue's default consent is every signatory */
    rawfield(L, decl, "parties");
    int plist = lua_gettop(L);
    rawfield(L, decl, "issues");
    int ilist = lua_gettop(L);
    for (int i = 0; i < s->nparties; i++) {
        lua_rawgeti(L, plist, i + 1);
        read_role(c, lua_gettop(L), i);
        lua_pop(L, 2);
    }
    for (int k = 0; k < s->nissues; k++) {
        lua_rawgeti(L, ilist, k + 1);
        read_issue(c, lua_gettop(L), k);
        lua_pop(L, 1);
    }
    for (int k = 0; k < s->nissues; k++) {
        lua_rawgeti(L, ilist, k + 1);
        read_positions(c, lua_gettop(L), k);
        lua_pop(L, 1);
    }
    for (int i = 0; i < s->nparties; i++) {
        lua_rawgeti(L, plist, i + 1);
        read_party(c, lua_gettop(L), i);
        lua_pop(L, 1);
    }
    rawfield(L, decl, "events");
    lua_Integer nev = rawlen(L, -1);
    for (lua_Integer e = 1; e <= nev; e++) {
        lua_rawgeti(L, -1, e);
        read_event(c, lua_gettop(L));
        lua_pop(L, 1);
    }
    lua_pop(L, 3);
    locate(c, idx, "scenario");
    s->proposer = name_field(c, spec, "proposer", 1, 0);
    read_front(c, spec);
    read_sanctions(c, spec);
    read_params(c, decl);
    rawfield(L, decl, "parties");
    for (int i = 0; i < s->nparties; i++) {
        lua_rawgeti(L, -1, i + 1);
        read_deadline(c, lua_gettop(L), i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    locate(c, idx, "scenario");
    keep_used_assumptions(s);
    name_assumptions(s);
    char err[300];
    if (ps_scenario_check(s, err, sizeof err) != PS_OK) fail(c, "%s", err);
    lua_settop(L, boxi);
    lua_remove(L, idx);                     /* the record: leave just the box */
    return s;
}

ps_scenario *ps_lua_take_scenario(lua_State *L, int box_idx)
{
    ps_scenario **box = luaL_checkudata(L, box_idx, BOX_MT);
    ps_scenario *s = *box;
    *box = NULL;
    return s;
}

void ps_lua_check_overrides(lua_State *L, int decl)
{
    int top = lua_gettop(L);
    decl = lua_absindex(L, decl);
    rawfield(L, decl, "overrides");
    int ov = lua_gettop(L);
    if (!lua_istable(L, ov)) { lua_settop(L, top); return; }
    rawfield(L, decl, "params");
    int params = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, ov)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        if (lua_gettable(L, params) == LUA_TNIL) {
            luaL_Buffer b;
            const char *name = lua_tostring(L, -2);
            rawfield(L, decl, "param_order");
            int order = lua_gettop(L);
            luaL_buffinit(L, &b);
            lua_Integer n = rawlen(L, order);
            for (lua_Integer j = 1; j <= n; j++) {
                lua_rawgeti(L, order, j);
                luaL_addvalue(&b);
                if (j < n) luaL_addstring(&b, ", ");
            }
            if (n == 0) luaL_addstring(&b, "none: it declares no param");
            luaL_pushresult(&b);
            rawfield(L, decl, "override_source");
            /* the name came from outside, unchecked: shown with '?' for what is not text */
            luaL_where(L, 1);
            lua_pushfstring(L, "%s %s: the script has no param named '%s' (known: %s)", lua_tostring(L, -2), name, name,
                            lua_tostring(L, -3));
            lua_concat(L, 2);
            push_clean(L, lua_tostring(L, -1));
            lua_error(L);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, top);
}
