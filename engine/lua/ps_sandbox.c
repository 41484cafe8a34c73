/* ps_sandbox.c: the Lua state scenario scripts run in, and the budgets that bound them.
 *
 * One budget (ps_budget) holds for a whole command: every Lua state the command makes (the
 * script's, each worker thread's copy, each sweep point's run) draws on the same memory,
 * instructions and seconds, so neither threads nor points nor coroutines multiply them. Lua's
 * count hook counts the VM's instructions; C library functions charge the work the hook cannot
 * see (ps_sandbox_charge, engine/lua/ps_bounded.c); finalisers, which Lua runs with hooks off,
 * are refused. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lauxlib.h>
#include <lualib.h>
#include "ps_bounded.h"
#include "ps_rng.h"
#include "ps_sandbox.h"

enum { TRIPPED_INSTRUCTIONS = 1, TRIPPED_TIME, TRIPPED_MEMORY, TRIPPED_STOP };

struct ps_budget {
    ps_sandbox_limits limits;
    atomic_size_t memory;            /* bytes held by all the states at once */
    atomic_uint_least64_t instructions;   /* charged by all the states */
    atomic_int_least64_t nanoseconds;     /* of Lua, summed over the states */
    atomic_int tripped;              /* the first budget spent (TRIPPED_*), for good */
    const volatile sig_atomic_t *stop;    /* non-zero: stop every state at its next check */
    pthread_mutex_t mu;              /* guards the list of states (for ps_budget_seconds) */
    struct ps_sandbox *states;
};

struct ps_sandbox {
    lua_State *L;
    ps_budget *budget;
    ps_budget *own;          /* the budget when the sandbox made its own, else NULL */
    FILE *print_to;          /* where print() writes */
    _Atomic double since;    /* counting Lua time since this moment (monotonic s); 0: not counting */
    struct ps_sandbox *next, *prev;   /* the budget's states */
    gsl_rng *rng;            /* math.random while a script builds its scenario: a fixed seed */
    uint64_t (*bits)(void *);   /* math.random during the Monte Carlo: the replication's stream */
    void *bits_ud;
};

static void budget_hook(lua_State *L, lua_Debug *ar);

ps_sandbox_limits ps_sandbox_default_limits(void)
{
    ps_sandbox_limits l = {512u << 20, 2000000000ull, 30.0};
    return l;
}

double ps_sandbox_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- the budget of a command ---- */

ps_budget *ps_budget_alloc(const ps_sandbox_limits *limits)
{
    ps_budget *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->limits = limits ? *limits : ps_sandbox_default_limits();
    atomic_init(&b->memory, 0);
    atomic_init(&b->instructions, 0);
    atomic_init(&b->nanoseconds, 0);
    atomic_init(&b->tripped, 0);
    if (pthread_mutex_init(&b->mu, NULL) != 0) { free(b); return NULL; }
    return b;
}

void ps_budget_free(ps_budget *b)
{
    if (!b) return;
    pthread_mutex_destroy(&b->mu);
    free(b);
}

double ps_budget_seconds(ps_budget *b)
{
    double now = ps_sandbox_now(), running = 0;
    pthread_mutex_lock(&b->mu);
    for (const ps_sandbox *sb = b->states; sb; sb = sb->next) {
        double since = atomic_load(&sb->since);
        if (since > 0 && now > since) running += now - since;
    }
    pthread_mutex_unlock(&b->mu);
    return (double)atomic_load(&b->nanoseconds) * 1e-9 + running;
}

int ps_budget_stopping(ps_budget *b) { return atomic_load(&b->tripped) == TRIPPED_STOP || (b->stop && *b->stop); }

void ps_budget_set_stop(ps_budget *b, const volatile sig_atomic_t *stop) { b->stop = stop; }

const ps_sandbox_limits *ps_budget_limits(const ps_budget *b) { return &b->limits; }

/* Records `kind` as the spent budget unless one is already; returns the one that counts. */
static int trip(ps_budget *b, int kind)
{
    int none = 0;
    if (atomic_compare_exchange_strong(&b->tripped, &none, kind)) return kind;
    return none;
}

/* Adds the Lua time since the last count to the budget. */
static void count_time(ps_sandbox *sb, double now)
{
    double since = atomic_load(&sb->since);
    if (since <= 0) return;
    atomic_fetch_add(&sb->budget->nanoseconds, (int_least64_t)((now - since) * 1e9));
    atomic_store(&sb->since, now);
}

/* Charges `work` instructions and checks every budget, the clock and the stop flag: returns the
 * budget spent (TRIPPED_*), 0 while all hold. */
static int spend(ps_sandbox *sb, uint64_t work)
{
    ps_budget *b = sb->budget;
    int t = atomic_load(&b->tripped);
    if (t) return t;
    if (atomic_fetch_add(&b->instructions, work) + work > b->limits.instructions) return trip(b, TRIPPED_INSTRUCTIONS);
    if (atomic_load(&sb->since) > 0) {
        count_time(sb, ps_sandbox_now());
        if ((double)atomic_load(&b->nanoseconds) > b->limits.seconds * 1e9) return trip(b, TRIPPED_TIME);
    }
    if (b->stop && *b->stop) return trip(b, TRIPPED_STOP);
    return 0;
}

/* [-0, +1, e] Raises the error of the spent budget `kind`, placed at the Lua function `level`
 * levels up; from now on this thread's hook runs at every instruction, so that a script's own
 * pcall cannot swallow the error and carry on. */
static int raise_spent(lua_State *L, int kind, int level)
{
    ps_sandbox *sb = ps_sandbox_of(L);
    const ps_sandbox_limits *l = &sb->budget->limits;
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
    /* the place: the innermost Lua function from `level` up (a library function may call
     * another C function, whose frame has no line) */
    lua_Debug ar;
    int found = 0;
    for (int at = level; !found && lua_getstack(L, at, &ar); at++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) found = 1;
    if (found) lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
    else lua_pushliteral(L, "");
    switch (kind) {
    case TRIPPED_INSTRUCTIONS:
        lua_pushfstring(L, "%sthe script ran past its budget of %f million instructions (--lua-instructions)",
                        lua_tostring(L, -1), (double)l->instructions / 1e6);
        break;
    case TRIPPED_TIME:
        lua_pushfstring(L, "%sthe script ran past its time budget of %f seconds (--lua-seconds)", lua_tostring(L, -1),
                        l->seconds);
        break;
    case TRIPPED_MEMORY:
        lua_pushfstring(L, "%sthe script used more than its memory budget of %d MiB (--lua-memory)", lua_tostring(L, -1),
                        (int)(l->memory >> 20));
        break;
    default:
        lua_pushfstring(L, "%sstopped: the command was interrupted (SIGINT or SIGTERM)", lua_tostring(L, -1));
        break;
    }
    return lua_error(L);
}

/* A counting allocator over the command's budget: Lua raises "not enough memory" when the cap
 * would be passed. The first refusal also trips the budget for good, as time and instructions
 * do: a script's pcall may catch the memory error, but the next instructions end it. Past that
 * point a margin of 1 MiB lets the error be reported. */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    ps_sandbox *sb = ud;
    ps_budget *b = sb->budget;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        atomic_fetch_sub(&b->memory, old);
        return NULL;
    }
    if (nsize > old) {
        size_t grow = nsize - old;
        size_t cap = b->limits.memory + (atomic_load(&b->tripped) == TRIPPED_MEMORY ? (size_t)1 << 20 : 0);
        if (atomic_fetch_add(&b->memory, grow) + grow > cap) {
            atomic_fetch_sub(&b->memory, grow);
            if (trip(b, TRIPPED_MEMORY) == TRIPPED_MEMORY && sb->L) lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, 1);
            return NULL;
        }
        void *p = realloc(ptr, nsize);
        if (!p) atomic_fetch_sub(&b->memory, grow);
        return p;
    }
    void *p = realloc(ptr, nsize);
    if (p) atomic_fetch_sub(&b->memory, old - nsize);
    return p;
}

ps_sandbox *ps_sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Runs every PS_SANDBOX_HOOK_STEP instructions, and at every instruction once a budget is spent. */
static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    int kind = spend(ps_sandbox_of(L), PS_SANDBOX_HOOK_STEP);
    if (kind) raise_spent(L, kind, 0);   /* in a hook, level 0 is the Lua function that was running */
}

void ps_sandbox_charge(lua_State *L, uint64_t work)
{
    int kind = spend(ps_sandbox_of(L), work);
    if (kind) raise_spent(L, kind, 1);   /* level 1: the Lua function that called the C function */
}

/* print(...) [-n, +0, e]: as Lua's, to the sandbox's chosen stream (stderr when the result
 * JSON takes stdout). */
static int sandbox_print(lua_State *L)
{
    ps_sandbox *sb = ps_sandbox_of(L);
    int n = lua_gettop(L);
    if (!sb->print_to) return 0;
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', sb->print_to);
        fwrite(s, 1, len, sb->print_to);
        lua_pop(L, 1);
    }
    fputc('\n', sb->print_to);
    fflush(sb->print_to);
    return 0;
}

FILE *ps_sandbox_print_to(ps_sandbox *sb, FILE *f)
{
    FILE *old = sb->print_to;
    sb->print_to = f;
    return old;
}

/* ---- math.random and math.randomseed ----
 * The scripts' own, not Lua's: while a script builds its scenario they draw from xoshiro256**
 * with a fixed seed (the same scenario every run, and in every worker's copy of the state); while
 * an event's function runs in the Monte Carlo, from the replication's own stream (bound by
 * ps_sandbox_bind_random), so that the same seed gives the same numbers on any thread count. */

static uint64_t random_bits(ps_sandbox *sb)
{
    if (sb->bits) return sb->bits(sb->bits_ud);
    uint64_t hi = gsl_rng_get(sb->rng), lo = gsl_rng_get(sb->rng);   /* 32 bits each */
    return (hi << 32) | lo;
}

/* math.random([m [, n]]) [-(0|1|2), +1, e]: as Lua 5.4's: a float in [0,1), or an integer in
 * [1,m] or [m,n]; math.random(0) gives all 64 bits. Integers are exactly uniform (rejection). */
static int sandbox_random(lua_State *L)
{
    ps_sandbox *sb = ps_sandbox_of(L);
    lua_Integer lo, hi;
    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, (lua_Number)(random_bits(sb) >> 11) * 0x1.0p-53);
        return 1;
    case 1:
        lo = 1;
        hi = luaL_checkinteger(L, 1);
        if (hi == 0) { lua_pushinteger(L, (lua_Integer)random_bits(sb)); return 1; }
        break;
    case 2:
        lo = luaL_checkinteger(L, 1);
        hi = luaL_checkinteger(L, 2);
        break;
    default: return luaL_error(L, "wrong number of arguments to 'random'");
    }
    luaL_argcheck(L, lo <= hi, lua_gettop(L), "interval is empty");
    uint64_t range = (uint64_t)hi - (uint64_t)lo, mask = range, x;
    for (int sh = 1; sh < 64; sh <<= 1) mask |= mask >> sh;
    do x = random_bits(sb) & mask; while (x > range);
    lua_pushinteger(L, (lua_Integer)((uint64_t)lo + x));
    return 1;
}

/* math.randomseed(n) [-1, +0, e]: restarts the fixed-seed sequence from n. Without a number
 * (Lua would seed from the clock) and inside the Monte Carlo it is an error: runs must repeat. */
static int sandbox_randomseed(lua_State *L)
{
    ps_sandbox *sb = ps_sandbox_of(L);
    if (sb->bits)
        return luaL_error(L, "math.randomseed cannot be called in an event's function: its random numbers come from the replication's stream");
    if (lua_gettop(L) == 0 || !lua_isinteger(L, 1))
        return luaL_error(L, "math.randomseed needs a whole number: peacesim runs must repeat, so there is no seeding from the clock");
    ps_rng_seed_stream(sb->rng, (uint64_t)lua_tointeger(L, 1), 0);
    return 0;
}

void ps_sandbox_bind_random(ps_sandbox *sb, uint64_t (*bits)(void *ud), void *ud)
{
    sb->bits = bits;
    sb->bits_ud = ud;
}

/* ---- what the sandbox changes in the base and coroutine libraries ---- */

/* setmetatable(t, mt) [-2, +1, e]: as Lua's (manual 6.1), but a metatable with a __gc field is
 * refused. Lua runs finalisers with its hooks off (inside lua_close too), so one that loops could
 * never be stopped; an object is marked for finalisation only when its metatable has __gc as it
 * is set, and this is the scripts' only way to set a table's metatable. */
static int sandbox_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "cannot change a protected metatable");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: a metatable with __gc (a finaliser) is not allowed in a scenario script: "
                                 "Lua runs finalisers outside the script's budgets");
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* A coroutine counts its instructions on its own (a new thread's count starts afresh), so each
 * is charged a whole hook step when it is made: what it runs before its first hook is paid. */
static lua_State *new_coroutine(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    ps_sandbox_charge(L, PS_SANDBOX_HOOK_STEP);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    return co;
}

/* coroutine.create(f) [-1, +1, e] */
static int sandbox_cocreate(lua_State *L)
{
    new_coroutine(L);
    return 1;
}

/* The function coroutine.wrap returns [-n, +m, e]: resumes its coroutine; an error in it is
 * raised again as it is. (Lua's own adds the place of the call to a message each time it passes
 * a wrap, so an error deep in nested coroutines grew a prefix per level.) */
static int wrapped_call(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int narg = lua_gettop(L), nres;
    if (!lua_checkstack(co, narg)) return luaL_error(L, "too many arguments to resume");
    lua_xmove(L, co, narg);
    int status = lua_resume(co, L, narg, &nres);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            return luaL_error(L, "too many results to resume");
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);   /* the error object */
#if LUA_VERSION_RELEASE_NUM >= 50406
    lua_closethread(co, L);
#else
    lua_resetthread(co);   /* closes its to-be-closed variables, as Lua's wrap does */
#endif
    return lua_error(L);
}

/* coroutine.wrap(f) [-1, +1, e] */
static int sandbox_cowrap(lua_State *L)
{
    new_coroutine(L);
    lua_pushcclosure(L, wrapped_call, 1);
    return 1;
}

static ps_sandbox *sandbox_new(ps_budget *budget, ps_budget *own)
{
    ps_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) { ps_budget_free(own); return NULL; }
    sb->budget = budget;
    sb->own = own;
    atomic_init(&sb->since, 0.0);
    sb->rng = ps_rng_alloc();
    sb->L = sb->rng ? lua_newstate(sandbox_alloc, sb) : NULL;
    if (!sb->L) {
        if (sb->rng) gsl_rng_free(sb->rng);
        ps_budget_free(own);
        free(sb);
        return NULL;
    }
    pthread_mutex_lock(&budget->mu);
    sb->next = budget->states;
    if (sb->next) sb->next->prev = sb;
    budget->states = sb;
    pthread_mutex_unlock(&budget->mu);
    ps_rng_seed_stream(sb->rng, 2385, 0);
    lua_State *L = sb->L;
    /* counting from the first instruction: the hook is never reset, so the count runs on across
     * calls (a call of 50 instructions still counts) */
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, PS_SANDBOX_HOOK_STEP);
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
        {LUA_MATHLIBNAME, luaopen_math}, {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
        {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->name; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    /* string.dump would hand out bytecode; strings share this table as their metatable's
     * __index, so it goes from the library itself. */
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    ps_bounded_install(L);   /* library functions that charge their work to the budgets */
    /* The strings' metatable is shared by every script of the state: hide it, so that no script
     * can reach the string library through getmetatable("").__index and change it for others. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "string");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    /* math.random starts from a fixed seed: a script that uses it builds the same scenario on
     * every run (uncertainty belongs in distributions, drawn per replication). */
    lua_getglobal(L, LUA_MATHLIBNAME);
    lua_pushcfunction(L, sandbox_random);
    lua_setfield(L, -2, "random");
    lua_pushcfunction(L, sandbox_randomseed);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);
    lua_getglobal(L, LUA_COLIBNAME);
    lua_pushcfunction(L, sandbox_cocreate);
    lua_setfield(L, -2, "create");
    lua_pushcfunction(L, sandbox_cowrap);
    lua_setfield(L, -2, "wrap");
    lua_pop(L, 1);
    lua_pushcfunction(L, sandbox_setmetatable);
    lua_setglobal(L, "setmetatable");
    sb->print_to = stdout;
    lua_pushcfunction(L, sandbox_print);
    lua_setglobal(L, "print");
    return sb;
}

ps_sandbox *ps_sandbox_alloc(const ps_sandbox_limits *limits)
{
    ps_budget *own = ps_budget_alloc(limits);
    return own ? sandbox_new(own, own) : NULL;
}

ps_sandbox *ps_sandbox_alloc_in(ps_budget *budget) { return sandbox_new(budget, NULL); }

ps_budget *ps_sandbox_budget(ps_sandbox *sb) { return sb->budget; }

void ps_sandbox_free(ps_sandbox *sb)
{
    if (!sb) return;
    lua_close(sb->L);
    gsl_rng_free(sb->rng);
    ps_budget *b = sb->budget;
    pthread_mutex_lock(&b->mu);
    if (sb->prev) sb->prev->next = sb->next;
    else b->states = sb->next;
    if (sb->next) sb->next->prev = sb->prev;
    pthread_mutex_unlock(&b->mu);
    ps_budget_free(sb->own);
    free(sb);
}

lua_State *ps_sandbox_state(ps_sandbox *sb) { return sb->L; }

void ps_sandbox_push_copy(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
}

void ps_sandbox_push_env(lua_State *L)
{
    static const char *const safe[] = {
        "assert", "error", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen",
        "rawset", "select", "setmetatable", "getmetatable", "tonumber", "tostring", "type", "xpcall",
        "_VERSION", NULL};
    static const char *const libs[] = {"string", "table", "math", "utf8", "coroutine", NULL};
    lua_newtable(L);
    for (const char *const *n = safe; *n; n++) {
        lua_getglobal(L, *n);
        lua_setfield(L, -2, *n);
    }
    /* Each script gets its own copy of each library table: one cannot change another's. */
    for (const char *const *n = libs; *n; n++) {
        lua_getglobal(L, *n);
        ps_sandbox_push_copy(L, -1);
        lua_remove(L, -2);
        lua_setfield(L, -2, *n);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
}

int ps_sandbox_load(lua_State *L, const char *src, size_t len, const char *chunkname)
{
    int env = lua_gettop(L);
    int status = luaL_loadbufferx(L, src, len, chunkname, "t");
    if (status != LUA_OK) {
        lua_remove(L, env);
        return status;
    }
    lua_pushvalue(L, env);
    lua_setupvalue(L, -2, 1);   /* the chunk's one upvalue is its _ENV */
    lua_remove(L, env);
    return LUA_OK;
}

/* [-1, +1, -] Under a pcall of its own: tostring(v), which may run a __tostring metamethod. */
static int tostring_protected(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* Keeps a string error as it is ("FILE:LINE: message", one line for the user: no traceback).
 * Any other error value becomes "FILE:LINE: " (the innermost Lua function that raised it) and
 * its __tostring, run under a protected call of its own (so an error object whose __tostring
 * raises it again cannot call this handler again and again), or its type. */
static int message_handler(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING) return 1;
    if (lua_type(L, 1) == LUA_TNUMBER) {   /* error(42): Lua's own message is the number */
        lua_pushstring(L, lua_tostring(L, 1));
        return 1;
    }
    lua_Debug ar;
    const char *where = "";
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            where = lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            break;
        }
    }
    const char *text = NULL;
    if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushcfunction(L, tostring_protected);
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) text = lua_tostring(L, -1);
    }
    if (text) lua_pushfstring(L, "%s%s", where, text);
    else lua_pushfstring(L, "%sthe script raised an error value of type %s", where, luaL_typename(L, 1));
    return 1;   /* the handler's result is the value on top */
}

int ps_sandbox_call(ps_sandbox *sb, int nargs, int nresults)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    int counting = atomic_load(&sb->since) > 0;
    if (!counting) atomic_store(&sb->since, ps_sandbox_now());
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (!counting) {
        count_time(sb, ps_sandbox_now());
        atomic_store(&sb->since, 0.0);
    }
    return status;
}

int ps_sandbox_pause(ps_sandbox *sb)
{
    if (atomic_load(&sb->since) <= 0) return 0;
    count_time(sb, ps_sandbox_now());
    atomic_store(&sb->since, 0.0);
    return 1;
}

void ps_sandbox_resume(ps_sandbox *sb, int paused)
{
    if (paused && atomic_load(&sb->since) <= 0) atomic_store(&sb->since, ps_sandbox_now());
}

int ps_sandbox_spent(const ps_sandbox *sb) { return atomic_load(&sb->budget->tripped) != 0; }

int ps_sandbox_stopped(const ps_sandbox *sb) { return atomic_load(&sb->budget->tripped) == TRIPPED_STOP; }
