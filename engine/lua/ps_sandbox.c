/* ps_sandbox.c: the Lua state scenario scripts run in, and the budgets that bound them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lauxlib.h>
#include <lualib.h>
#include "ps_bounded.h"
#include "ps_rng.h"
#include "ps_sandbox.h"

struct ps_sandbox {
    lua_State *L;
    FILE *print_to;          /* where print() writes */
    ps_sandbox_limits limits;
    size_t used;
    uint64_t steps;          /* hook calls since arming */
    double deadline;         /* monotonic seconds */
    int armed;
    int tripped;             /* a budget is spent: 1 instructions, 2 time, 3 memory */
    gsl_rng *rng;            /* math.random while a script builds its scenario: a fixed seed */
    uint64_t (*bits)(void *);   /* math.random during the Monte Carlo: the replication's stream */
    void *bits_ud;
};

enum { TRIPPED_INSTRUCTIONS = 1, TRIPPED_TIME, TRIPPED_MEMORY };

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

/* A counting allocator: Lua raises "not enough memory" when the cap would be passed. The first
 * refusal also trips the budget for good, as time and instructions do: a script's pcall may
 * catch the memory error, but the next instructions end it. Past that point a margin of 1 MiB
 * lets the error be reported. */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    ps_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= old;
        return NULL;
    }
    size_t cap = sb->limits.memory + (sb->tripped == TRIPPED_MEMORY ? (size_t)1 << 20 : 0);
    if (nsize > old && sb->used - old + nsize > cap) {
        if (sb->armed && !sb->tripped) {
            sb->tripped = TRIPPED_MEMORY;
            lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, 1);
        }
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    sb->used = sb->used - old + nsize;
    return p;
}

ps_sandbox *ps_sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Runs every PS_SANDBOX_HOOK_STEP instructions. Once a budget is spent the hook fires at every
 * instruction, so a script's own pcall cannot swallow the error and carry on. */
static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    ps_sandbox *sb = ps_sandbox_of(L);
    if (!sb->armed) return;
    sb->steps++;
    if (!sb->tripped) {
        if (sb->steps * PS_SANDBOX_HOOK_STEP > sb->limits.instructions) sb->tripped = TRIPPED_INSTRUCTIONS;
        else if (sb->steps % 64 == 0 && ps_sandbox_now() > sb->deadline) sb->tripped = TRIPPED_TIME;
    }
    if (!sb->tripped) return;
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);   /* this thread too: from now on, every instruction */
    luaL_where(L, 0);   /* in a hook, level 0 is the Lua function that was running */
    if (sb->tripped == TRIPPED_INSTRUCTIONS)
        lua_pushfstring(L, "%sthe script ran past its budget of %f million instructions (--lua-instructions)",
                        lua_tostring(L, -1), (double)sb->limits.instructions / 1e6);
    else if (sb->tripped == TRIPPED_TIME)
        lua_pushfstring(L, "%sthe script ran past its time budget of %f seconds (--lua-seconds)",
                        lua_tostring(L, -1), sb->limits.seconds);
    else
        lua_pushfstring(L, "%sthe script used more than its memory budget of %d MiB (--lua-memory)",
                        lua_tostring(L, -1), (int)(sb->limits.memory >> 20));
    lua_error(L);
}

void ps_sandbox_charge(lua_State *L, uint64_t work)
{
    ps_sandbox *sb = ps_sandbox_of(L);
    if (!sb->armed) return;
    uint64_t before = sb->steps;
    sb->steps += work / PS_SANDBOX_HOOK_STEP + (work % PS_SANDBOX_HOOK_STEP != 0);
    if (!sb->tripped) {
        if (sb->steps * PS_SANDBOX_HOOK_STEP > sb->limits.instructions) sb->tripped = TRIPPED_INSTRUCTIONS;
        else if (sb->steps / 64 != before / 64 && ps_sandbox_now() > sb->deadline) sb->tripped = TRIPPED_TIME;
    }
    if (sb->tripped) {
        sb->steps--;   /* the hook counts the step it is called for */
        budget_hook(L, NULL);
    }
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

ps_sandbox *ps_sandbox_alloc(const ps_sandbox_limits *limits)
{
    ps_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) return NULL;
    sb->limits = limits ? *limits : ps_sandbox_default_limits();
    sb->rng = ps_rng_alloc();
    sb->L = sb->rng ? lua_newstate(sandbox_alloc, sb) : NULL;
    if (!sb->L) { if (sb->rng) gsl_rng_free(sb->rng); free(sb); return NULL; }
    ps_rng_seed_stream(sb->rng, 2385, 0);
    lua_State *L = sb->L;
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
    sb->print_to = stdout;
    lua_pushcfunction(L, sandbox_print);
    lua_setglobal(L, "print");
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, PS_SANDBOX_HOOK_STEP);
    return sb;
}

void ps_sandbox_free(ps_sandbox *sb)
{
    if (!sb) return;
    lua_close(sb->L);
    gsl_rng_free(sb->rng);
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

/* Keeps a string error as it is ("FILE:LINE: message", one line for the user: no traceback);
 * turns any other error value into a readable string. */
static int message_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "the script raised an error value of type %s", luaL_typename(L, 1));
    }
    lua_pushstring(L, msg);
    return 1;
}

int ps_sandbox_call(ps_sandbox *sb, int nargs, int nresults)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    int outer = sb->armed;
    if (!outer) {
        sb->steps = 0;
        sb->tripped = 0;
        sb->deadline = ps_sandbox_now() + sb->limits.seconds;
        sb->armed = 1;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, PS_SANDBOX_HOOK_STEP);
    }
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (!outer) sb->armed = 0;
    return status;
}

void ps_sandbox_exclude_seconds(ps_sandbox *sb, double seconds) { sb->deadline += seconds; }

int ps_sandbox_call_fresh(ps_sandbox *sb, int nargs, int nresults)
{
    /* the budgets of an enclosing call, put back afterwards */
    int armed = sb->armed, tripped = sb->tripped;
    uint64_t steps = sb->steps;
    double deadline = sb->deadline;
    sb->armed = 0;
    int status = ps_sandbox_call(sb, nargs, nresults);
    if (armed) {
        sb->armed = 1;
        sb->steps = steps;
        sb->deadline = deadline;
        if (sb->tripped != TRIPPED_MEMORY) sb->tripped = tripped;   /* spent memory stays spent */
        lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, sb->tripped ? 1 : PS_SANDBOX_HOOK_STEP);
    }
    return status;
}
