/* ps_lua_hooks.c: a scenario's Lua functions called from the Monte Carlo (ps_script.h).
 *
 * An event may give `when = function(w) ... end` (return true or false) and/or
 * `effects = function(w) ... end` (change w). `w` is a proxy of the replication under way:
 * reading w.front or w.parties.Russia.trust reads the engine's state, and writing it (in an
 * effect only) changes the state as the table effects do, clipped to the same ranges. The
 * proxies are made once per Lua state, so a call allocates nothing in Lua unless the function
 * does. Each worker thread has its own Lua state: a fresh sandbox that runs the script again
 * (ps_lua_hooks_replicas), or, for a scenario built by the running study script, that script's
 * own state on one thread (ps_lua_hooks_here). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "ps_lua_hooks.h"
#include "ps_lua_scenario.h"
#include "ps_sandbox.h"

#define WORLD_MT "peacesim.world"

/* One worker's way into its Lua state. */
typedef struct hook_ctx {
    ps_sandbox *own;            /* a worker's own sandbox (replica), or NULL (the caller's) */
    ps_sandbox *sb;
    lua_State *L;
    const ps_scenario *s;
    int when_ref[PS_MAX_EVENTS], effect_ref[PS_MAX_EVENTS];
    int world_ref;              /* the proxy `w` */
    int handle_ref;             /* the proxies' handle */
    struct handle *h;
    ps_world *cur;              /* the replication of the call under way, NULL between calls */
} hook_ctx;

/* What a proxy userdata stands for. */
enum { P_WORLD, P_PARTIES, P_ISSUES, P_PARTY, P_IDEAL, P_SALIENCE, P_ISSUE };

/* The context a state's proxies reach it by: a Lua-owned userdata (user value 2 of every proxy),
 * so that a proxy a script kept past its context's life finds ctx NULL, never freed memory. */
typedef struct handle { hook_ctx *ctx; } handle;

typedef struct proxy {
    handle *h;
    int kind, index;            /* index: the party or issue */
} proxy;

int ps_scenario_has_scripts(const ps_scenario *s)
{
    for (int e = 0; e < s->nevents; e++)
        if (s->events[e].script_when || s->events[e].script_effect) return 1;
    return 0;
}

/* ---- the proxy `w` ---- */

/* [-0, +1, m] The proxy's path for messages: "w.parties.Russia.trust" without the last key. */
static const char *proxy_path(lua_State *L, const proxy *p)
{
    const ps_scenario *s = p->h->ctx->s;
    switch (p->kind) {
    case P_PARTIES: return lua_pushstring(L, "w.parties");
    case P_ISSUES: return lua_pushstring(L, "w.issues");
    case P_PARTY: return lua_pushfstring(L, "w.parties['%s']", s->parties[p->index].name);
    case P_IDEAL: return lua_pushfstring(L, "w.parties['%s'].ideal", s->parties[p->index].name);
    case P_SALIENCE: return lua_pushfstring(L, "w.parties['%s'].salience", s->parties[p->index].name);
    case P_ISSUE: return lua_pushfstring(L, "w.issues['%s']", s->issues[p->index].name);
    default: return lua_pushstring(L, "w");
    }
}

static proxy *check_proxy(lua_State *L)
{
    proxy *p = luaL_checkudata(L, 1, WORLD_MT);
    if (!p->h->ctx || !p->h->ctx->cur) luaL_error(L, "the world 'w' can be used only during the call it was given to");
    return p;
}

static int find_issue(const ps_scenario *s, const char *name)
{
    for (int k = 0; name && k < s->nissues; k++)
        if (strcmp(s->issues[k].name, name) == 0) return k;
    return -1;
}

/* [-0, +0, e] An unknown key: the error names what there is. */
static int no_key(lua_State *L, const proxy *p, const char *known)
{
    const char *path = proxy_path(L, p);
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "%s has no field '%s' (it has: %s)", path, key, known);
}

/* [-0, +0, e] A name that is no party or issue: the error lists them. */
static int no_name(lua_State *L, const proxy *p, int parties)
{
    const ps_scenario *s = p->h->ctx->s;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int n = parties ? s->nparties : s->nissues;
    for (int i = 0; i < n; i++) {
        if (i) luaL_addstring(&b, ", ");
        luaL_addstring(&b, parties ? s->parties[i].name : s->issues[i].name);
    }
    luaL_pushresult(&b);
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "w.%s has no %s named '%s' (%s: %s)", parties ? "parties" : "issues",
                      parties ? "party" : "issue", key, parties ? "parties" : "issues", lua_tostring(L, -1));
}

static const char *const status_names[] = {"open", "agreed", "in_force", "closed"};
#define WORLD_KEYS "round, rounds, front, sanctions, ceasefire, war_rounds, end_talks, parties, issues"
#define PARTY_KEYS "name, trust, war_cost, capability, patience, ideal, salience"
#define ISSUE_KEYS "name, status, terms, refused"

/* __index [-2, +1, e] */
static int proxy_index(lua_State *L)
{
    proxy *p = check_proxy(L);
    const ps_world *w = p->h->ctx->cur;
    const char *key = lua_tostring(L, 2);
    if (lua_type(L, 2) != LUA_TSTRING) key = NULL;
    switch (p->kind) {
    case P_WORLD:
        if (!key) break;
        if (strcmp(key, "round") == 0) lua_pushinteger(L, (lua_Integer)ps_world_get(w, PS_WORLD_ROUND, -1, -1));
        else if (strcmp(key, "rounds") == 0) lua_pushinteger(L, (lua_Integer)ps_world_get(w, PS_WORLD_ROUNDS, -1, -1));
        else if (strcmp(key, "front") == 0) lua_pushnumber(L, ps_world_get(w, PS_WORLD_FRONT, -1, -1));
        else if (strcmp(key, "sanctions") == 0) lua_pushnumber(L, ps_world_get(w, PS_WORLD_SANCTIONS, -1, -1));
        else if (strcmp(key, "ceasefire") == 0) lua_pushboolean(L, ps_world_get(w, PS_WORLD_CEASEFIRE, -1, -1) != 0);
        else if (strcmp(key, "war_rounds") == 0) lua_pushinteger(L, (lua_Integer)ps_world_get(w, PS_WORLD_WAR_ROUNDS, -1, -1));
        else if (strcmp(key, "end_talks") == 0) lua_pushboolean(L, ps_world_get(w, PS_WORLD_ENDED, -1, -1) != 0);
        else if (strcmp(key, "parties") == 0 || strcmp(key, "issues") == 0) {
            lua_getiuservalue(L, 1, 1);
            lua_getfield(L, -1, key);
        } else break;
        return 1;
    case P_PARTIES:
    case P_ISSUES:
        lua_getiuservalue(L, 1, 1);
        lua_pushvalue(L, 2);
        if (lua_rawget(L, -2) == LUA_TNIL) return no_name(L, p, p->kind == P_PARTIES);
        return 1;
    case P_PARTY:
        if (!key) break;
        if (strcmp(key, "name") == 0) lua_pushstring(L, p->h->ctx->s->parties[p->index].name);
        else if (strcmp(key, "trust") == 0) lua_pushnumber(L, ps_world_get(w, PS_WORLD_TRUST, p->index, -1));
        else if (strcmp(key, "war_cost") == 0) lua_pushnumber(L, ps_world_get(w, PS_WORLD_WAR_COST, p->index, -1));
        else if (strcmp(key, "capability") == 0) lua_pushnumber(L, ps_world_get(w, PS_WORLD_CAPABILITY, p->index, -1));
        else if (strcmp(key, "patience") == 0) lua_pushnumber(L, ps_world_get(w, PS_WORLD_PATIENCE, p->index, -1));
        else if (strcmp(key, "ideal") == 0 || strcmp(key, "salience") == 0) {
            lua_getiuservalue(L, 1, 1);
            lua_getfield(L, -1, key);
        } else break;
        return 1;
    case P_IDEAL:
    case P_SALIENCE: {
        int k = find_issue(p->h->ctx->s, key);
        if (k < 0) return no_name(L, p, 0);
        lua_pushnumber(L, ps_world_get(w, p->kind == P_IDEAL ? PS_WORLD_IDEAL : PS_WORLD_SALIENCE, p->index, k));
        return 1;
    }
    case P_ISSUE:
        if (!key) break;
        if (strcmp(key, "name") == 0) lua_pushstring(L, p->h->ctx->s->issues[p->index].name);
        else if (strcmp(key, "status") == 0) lua_pushstring(L, status_names[(int)ps_world_get(w, PS_WORLD_STATUS, -1, p->index)]);
        else if (strcmp(key, "terms") == 0) {
            double t = ps_world_get(w, PS_WORLD_TERMS, -1, p->index);
            if (isnan(t)) lua_pushnil(L);
            else lua_pushnumber(L, t);
        } else if (strcmp(key, "refused") == 0) lua_pushboolean(L, ps_world_get(w, PS_WORLD_REFUSED, -1, p->index) != 0);
        else break;
        return 1;
    }
    return no_key(L, p, p->kind == P_WORLD ? WORLD_KEYS : p->kind == P_PARTY ? PARTY_KEYS : ISSUE_KEYS);
}

/* The number being written, or an error naming the field. */
static double new_number(lua_State *L, const proxy *p, const char *key)
{
    if (lua_type(L, 3) != LUA_TNUMBER || isnan(lua_tonumber(L, 3)))
        luaL_error(L, "%s.%s must be a number (got %s)", proxy_path(L, p), key,
                   lua_type(L, 3) == LUA_TNUMBER ? "nan" : luaL_typename(L, 3));
    return lua_tonumber(L, 3);
}

/* __newindex [-3, +0, e]: an effect changes the world; a condition may not. */
static int proxy_newindex(lua_State *L)
{
    proxy *p = check_proxy(L);
    ps_world *w = p->h->ctx->cur;
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    if (!ps_world_writable(w))
        return luaL_error(L, "a 'when' function only reads the world: %s.%s cannot be set there (change it in 'effects')",
                          proxy_path(L, p), key ? key : "?");
    ps_world_field f = PS_WORLD_NFIELDS;
    int party = -1, issue = -1;
    double x = 0;
    switch (p->kind) {
    case P_WORLD:
        if (!key) break;
        if (strcmp(key, "front") == 0) f = PS_WORLD_FRONT;
        else if (strcmp(key, "sanctions") == 0) f = PS_WORLD_SANCTIONS;
        else if (strcmp(key, "end_talks") == 0) {
            if (!lua_isboolean(L, 3) || !lua_toboolean(L, 3)) return luaL_error(L, "w.end_talks can only be set to true");
            f = PS_WORLD_ENDED;
            x = 1;
        } else if (strcmp(key, "round") == 0 || strcmp(key, "rounds") == 0 || strcmp(key, "ceasefire") == 0
                   || strcmp(key, "war_rounds") == 0 || strcmp(key, "parties") == 0 || strcmp(key, "issues") == 0)
            return luaL_error(L, "w.%s cannot be changed (it is read-only)", key);
        else break;
        if (f != PS_WORLD_ENDED) x = new_number(L, p, key);
        break;
    case P_PARTY:
        party = p->index;
        if (!key) break;
        if (strcmp(key, "trust") == 0) f = PS_WORLD_TRUST;
        else if (strcmp(key, "war_cost") == 0) f = PS_WORLD_WAR_COST;
        else if (strcmp(key, "name") == 0 || strcmp(key, "capability") == 0 || strcmp(key, "patience") == 0
                 || strcmp(key, "ideal") == 0 || strcmp(key, "salience") == 0)
            return luaL_error(L, "%s.%s cannot be changed (it is read-only)", proxy_path(L, p), key);
        else break;
        x = new_number(L, p, key);
        break;
    case P_IDEAL:
    case P_SALIENCE:
        party = p->index;
        if ((issue = find_issue(p->h->ctx->s, key)) < 0) return no_name(L, p, 0);
        f = p->kind == P_IDEAL ? PS_WORLD_IDEAL : PS_WORLD_SALIENCE;
        x = new_number(L, p, key);
        break;
    case P_ISSUE:
        issue = p->index;
        if (!key) break;
        if (strcmp(key, "status") == 0) {
            const char *v = lua_tostring(L, 3);
            if (lua_type(L, 3) == LUA_TSTRING && strcmp(v, "open") == 0) x = PS_WORLD_OPEN;
            else if (lua_type(L, 3) == LUA_TSTRING && strcmp(v, "closed") == 0) x = PS_WORLD_CLOSED;
            else return luaL_error(L, "%s.status can be set to \"open\" or \"closed\" only", proxy_path(L, p));
            f = PS_WORLD_STATUS;
        } else if (strcmp(key, "name") == 0 || strcmp(key, "terms") == 0 || strcmp(key, "refused") == 0) {
            return luaL_error(L, "%s.%s cannot be changed (it is read-only)", proxy_path(L, p), key);
        }
        break;
    case P_PARTIES:
    case P_ISSUES:
        return luaL_error(L, "%s cannot be changed (it is read-only)", proxy_path(L, p));
    }
    if (f == PS_WORLD_NFIELDS)
        return no_key(L, p, p->kind == P_WORLD ? WORLD_KEYS : p->kind == P_PARTY ? PARTY_KEYS : ISSUE_KEYS);
    ps_world_set(w, f, party, issue, x);   /* checked above: it cannot fail here */
    return 0;
}

/* __pairs [-1, +3, -]: `for name, party in pairs(w.parties)` walks the names. */
static int proxy_pairs(lua_State *L)
{
    proxy *p = check_proxy(L);
    if (p->kind != P_PARTIES && p->kind != P_ISSUES) return luaL_error(L, "%s cannot be walked with pairs", proxy_path(L, p));
    lua_getglobal(L, "next");
    lua_getiuservalue(L, 1, 1);
    lua_pushnil(L);
    return 3;
}

/* [-0, +1, m] A new proxy with a table as its user value 1 and the handle as its user value 2. */
static proxy *new_proxy(lua_State *L, hook_ctx *c, int kind, int index)
{
    proxy *p = lua_newuserdatauv(L, sizeof *p, 2);
    p->h = c->h;
    p->kind = kind;
    p->index = index;
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, c->handle_ref);
    lua_setiuservalue(L, -2, 2);
    luaL_setmetatable(L, WORLD_MT);
    return p;
}

/* [-2, +0, e] Under pcall, with the context (light userdata) and the scenario value: takes
 * references to the event functions and builds the proxies. */
static int build_ctx(lua_State *L)
{
    hook_ctx *c = lua_touserdata(L, 1);
    const ps_scenario *s = c->s;
    if (luaL_newmetatable(L, WORLD_MT)) {
        luaL_setfuncs(L, (const luaL_Reg[]){{"__index", proxy_index}, {"__newindex", proxy_newindex},
                                            {"__pairs", proxy_pairs}, {NULL, NULL}}, 0);
        lua_pushliteral(L, "peacesim.world");
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    c->h = lua_newuserdatauv(L, sizeof *c->h, 0);
    c->h->ctx = c;
    c->handle_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    for (int e = 0; e < s->nevents; e++) {
        const ps_event *ev = &s->events[e];
        ps_lua_push_event_function(L, 2, e, "when");
        int fw = lua_isfunction(L, -1);
        c->when_ref[e] = luaL_ref(L, LUA_REGISTRYINDEX);
        ps_lua_push_event_function(L, 2, e, "effects");
        int fe = lua_isfunction(L, -1);
        c->effect_ref[e] = luaL_ref(L, LUA_REGISTRYINDEX);
        if (fw != ev->script_when || fe != ev->script_effect)
            return luaL_error(L, "event '%s' has not the same functions as in the first run of the script: "
                              "a script must build the same scenario every time it runs", ev->name);
    }
    new_proxy(L, c, P_WORLD, 0);
    lua_getiuservalue(L, -1, 1);                 /* w's table: parties, issues */
    new_proxy(L, c, P_PARTIES, 0);
    lua_getiuservalue(L, -1, 1);                 /* name -> party proxy */
    for (int i = 0; i < s->nparties; i++) {
        new_proxy(L, c, P_PARTY, i);
        lua_getiuservalue(L, -1, 1);
        new_proxy(L, c, P_IDEAL, i);
        lua_setfield(L, -2, "ideal");
        new_proxy(L, c, P_SALIENCE, i);
        lua_setfield(L, -2, "salience");
        lua_pop(L, 1);
        lua_setfield(L, -2, s->parties[i].name);
    }
    lua_pop(L, 1);
    lua_setfield(L, -2, "parties");
    new_proxy(L, c, P_ISSUES, 0);
    lua_getiuservalue(L, -1, 1);
    for (int k = 0; k < s->nissues; k++) {
        new_proxy(L, c, P_ISSUE, k);
        lua_setfield(L, -2, s->issues[k].name);
    }
    lua_pop(L, 1);
    lua_setfield(L, -2, "issues");
    lua_pop(L, 1);
    c->world_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* Makes the context of a state whose scenario value is at the stack top (popped). NULL with a
 * message in err on failure. */
static hook_ctx *ctx_open(ps_sandbox *sb, ps_sandbox *own, const ps_scenario *s, char *err, size_t errlen)
{
    lua_State *L = ps_sandbox_state(sb);
    hook_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        lua_pop(L, 1);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->own = own;
    c->sb = sb;
    c->L = L;
    c->s = s;
    for (int e = 0; e < PS_MAX_EVENTS; e++) c->when_ref[e] = c->effect_ref[e] = LUA_NOREF;
    c->world_ref = c->handle_ref = LUA_NOREF;
    lua_pushcfunction(L, build_ctx);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, c);
    lua_insert(L, -2);
    if (ps_sandbox_call(sb, 2, 0) != LUA_OK) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "out of memory");
        lua_pop(L, 1);
        if (c->h) c->h->ctx = NULL;   /* a proxy made before the failure points nowhere now */
        free(c);   /* the references die with the state, or are never used again */
        return NULL;
    }
    return c;
}

static void ctx_close(void *ctx)
{
    hook_ctx *c = ctx;
    if (!c) return;
    if (c->h) c->h->ctx = NULL;   /* proxies a script kept now say they are out of date */
    if (c->own) {
        ps_sandbox_free(c->own);
    } else {
        for (int e = 0; e < c->s->nevents; e++) {
            luaL_unref(c->L, LUA_REGISTRYINDEX, c->when_ref[e]);
            luaL_unref(c->L, LUA_REGISTRYINDEX, c->effect_ref[e]);
        }
        luaL_unref(c->L, LUA_REGISTRYINDEX, c->world_ref);
        luaL_unref(c->L, LUA_REGISTRYINDEX, c->handle_ref);
    }
    free(c);
}

static uint64_t world_bits(void *ud) { return ps_world_random(ud); }

/* Calls event e's function `ref` with w; for a condition, *holds gets its answer. */
static ps_status ctx_call(hook_ctx *c, ps_world *w, int e, int ref, int *holds, char *err, size_t errlen)
{
    lua_State *L = c->L;
    const char *what = holds ? "when" : "effects";
    if (!lua_checkstack(L, 4)) { snprintf(err, errlen, "out of Lua stack"); return PS_ENOMEM; }
    c->cur = w;
    ps_sandbox_bind_random(c->sb, world_bits, w);
    FILE *printing = ps_sandbox_print_to(c->sb, NULL);   /* a million runs would flood the screen */
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_rawgeti(L, LUA_REGISTRYINDEX, c->world_ref);
    int status = ps_sandbox_call(c->sb, 1, 1);   /* on the command's budget, also inside a study's call */
    ps_sandbox_print_to(c->sb, printing);
    ps_sandbox_bind_random(c->sb, NULL, NULL);
    c->cur = NULL;
    ps_status result = PS_OK;
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (status == LUA_ERRMEM) msg = "the function used more than its memory budget (--lua-memory)";
        snprintf(err, errlen, "%s (in the '%s' function of event '%s')", msg ? msg : "error", what, c->s->events[e].name);
        result = PS_EINVAL;
    } else if (holds) {
        if (!lua_isboolean(L, -1)) {
            snprintf(err, errlen, "%s:%d: event '%s': its 'when' function must return true or false (it returned %s)",
                     c->s->file, c->s->events[e].line, c->s->events[e].name, luaL_typename(L, -1));
            result = PS_EINVAL;
        } else {
            *holds = lua_toboolean(L, -1);
        }
    }
    lua_pop(L, 1);
    return result;
}

static ps_status hook_when(void *ctx, ps_world *w, int e, int *holds, char *err, size_t errlen)
{
    hook_ctx *c = ctx;
    return ctx_call(c, w, e, c->when_ref[e], holds, err, errlen);
}

static ps_status hook_effect(void *ctx, ps_world *w, int e, char *err, size_t errlen)
{
    hook_ctx *c = ctx;
    return ctx_call(c, w, e, c->effect_ref[e], NULL, err, errlen);
}

/* ---- replicas: each worker runs the script again in its own sandbox ---- */

typedef struct recipe {
    ps_script_hooks hooks;      /* first: the hooks handed out point here */
    ps_script_options opts;     /* with the copies below */
    const ps_scenario *s;
    char *path, *source;
    char **names, **values;
    ps_budget *own_budget;      /* when the caller gave none: one for all the workers */
} recipe;

static void *replica_open(void *data, int worker, char *err, size_t errlen)
{
    recipe *r = data;
    ps_sandbox *sb = ps_sandbox_alloc_in(r->opts.budget);
    if (!sb) { snprintf(err, errlen, "out of memory"); return NULL; }
    char msg[512];
    if (ps_script_run_in(sb, &r->opts, 1, msg, sizeof msg) != PS_OK) {
        snprintf(err, errlen, "when the script ran again to give worker %d its own Lua state: %s", worker, msg);
        ps_sandbox_free(sb);
        return NULL;
    }
    hook_ctx *c = ctx_open(sb, sb, r->s, msg, sizeof msg);
    if (!c) {
        snprintf(err, errlen, "when the script ran again to give worker %d its own Lua state: %s", worker, msg);
        ps_sandbox_free(sb);
        return NULL;
    }
    return c;
}

static char *copy_text(const char *t, size_t n)
{
    char *c = malloc(n + 1);
    if (c) { memcpy(c, t, n); c[n] = '\0'; }
    return c;
}

static void recipe_free(recipe *r)
{
    if (!r) return;
    for (int j = 0; j < r->opts.nset; j++) {
        free(r->names ? r->names[j] : NULL);
        free(r->values ? r->values[j] : NULL);
    }
    free(r->names);
    free(r->values);
    free(r->path);
    free(r->source);
    ps_budget_free(r->own_budget);
    free(r);
}

ps_script_hooks *ps_lua_hooks_replicas(const ps_script_options *opts, const ps_scenario *s, char *err, size_t errlen)
{
    recipe *r = calloc(1, sizeof *r);
    if (!r) { snprintf(err, errlen, "out of memory"); return NULL; }
    r->opts = *opts;
    r->s = s;
    r->opts.print_to_stderr = 0;
    r->opts.on_read = NULL;   /* the workers read what the first run read */
    if (!r->opts.budget && !(r->opts.budget = r->own_budget = ps_budget_alloc(&opts->limits))) {
        snprintf(err, errlen, "out of memory");
        free(r);
        return NULL;
    }
    int ok = 1;
    if (opts->path) ok = (r->opts.path = r->path = copy_text(opts->path, strlen(opts->path))) != NULL;
    if (ok && opts->source) {
        ok = (r->opts.source = r->source = copy_text(opts->source, opts->source_len)) != NULL;
    } else if (ok && opts->path) {
        size_t len = 0;
        if (!(r->source = ps_script_read(opts->path, &len, err, errlen))) {
            recipe_free(r);
            return NULL;
        }
        r->opts.source = r->source;
        r->opts.source_len = len;
    }
    if (ok && opts->nset > 0) {
        r->names = calloc((size_t)opts->nset, sizeof *r->names);
        r->values = calloc((size_t)opts->nset, sizeof *r->values);
        ok = r->names && r->values;
        for (int j = 0; ok && j < opts->nset; j++)
            ok = (r->names[j] = copy_text(opts->set_names[j], strlen(opts->set_names[j]))) != NULL
                 && (r->values[j] = copy_text(opts->set_values[j], strlen(opts->set_values[j]))) != NULL;
        r->opts.set_names = (const char *const *)r->names;
        r->opts.set_values = (const char *const *)r->values;
    }
    if (!ok) {
        snprintf(err, errlen, "out of memory");
        recipe_free(r);
        return NULL;
    }
    r->hooks = (ps_script_hooks){.data = r, .open = replica_open, .close = ctx_close, .when = hook_when,
                                 .effect = hook_effect, .max_threads = 0};
    return &r->hooks;
}

/* ---- here: the running script's own state, on one thread ---- */

typedef struct here {
    ps_script_hooks hooks;      /* first */
    lua_State *L;
    int idx;
    const ps_scenario *s;
} here;

static void *here_open(void *data, int worker, char *err, size_t errlen)
{
    (void)worker;
    here *h = data;
    lua_pushvalue(h->L, h->idx);
    return ctx_open(ps_sandbox_of(h->L), NULL, h->s, err, errlen);
}

ps_script_hooks *ps_lua_hooks_here(lua_State *L, int idx, const ps_scenario *s)
{
    here *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->L = L;
    h->idx = lua_absindex(L, idx);
    h->s = s;
    h->hooks = (ps_script_hooks){.data = h, .open = here_open, .close = ctx_close, .when = hook_when,
                                 .effect = hook_effect, .max_threads = 1};
    return &h->hooks;
}

void ps_lua_hooks_free(ps_script_hooks *h)
{
    if (!h) return;
    if (h->open == replica_open) recipe_free(h->data);
    else free(h->data);
}
