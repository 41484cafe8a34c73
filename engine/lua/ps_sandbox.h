/* ps_sandbox.h: a Lua state fit for untrusted scenario scripts: no io, os, debug, package, load,
 * dofile, require or string.dump; a memory cap; an instruction budget and a wall-clock deadline. */
#ifndef PS_SANDBOX_H
#define PS_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <lua.h>

typedef struct ps_sandbox_limits {
    size_t memory;           /* bytes the state may hold */
    uint64_t instructions;   /* Lua VM instructions, counted in steps of PS_SANDBOX_HOOK_STEP */
    double seconds;          /* wall-clock time in Lua (time inside peacesim.run is not counted) */
} ps_sandbox_limits;

#define PS_SANDBOX_HOOK_STEP 1000

/* The defaults: 512 MiB, 2e9 instructions, 30 s. */
ps_sandbox_limits ps_sandbox_default_limits(void);

typedef struct ps_sandbox ps_sandbox;

/* Creates a state with the safe standard libraries loaded. NULL when out of memory. */
ps_sandbox *ps_sandbox_alloc(const ps_sandbox_limits *limits);
void ps_sandbox_free(ps_sandbox *sb);
lua_State *ps_sandbox_state(ps_sandbox *sb);
/* The sandbox that owns L. */
ps_sandbox *ps_sandbox_of(lua_State *L);

/* [-0, +1, m] Pushes a fresh environment table for one script: copies of the safe globals
 * (print, pairs, pcall, string, table, math, utf8, coroutine, ...), with the caller to add the
 * scenario language to it. */
void ps_sandbox_push_env(lua_State *L);

/* [-0, +1, m] Pushes a new table with the same fields as the table at idx (a shallow copy). */
void ps_sandbox_push_copy(lua_State *L, int idx);

/* [-0, +1, -] Loads `len` bytes of Lua source (text only: precompiled chunks are refused) as a
 * function whose _ENV is the table on the stack top, which it pops. On failure pushes the
 * message instead and returns a Lua status other than LUA_OK. */
int ps_sandbox_load(lua_State *L, const char *src, size_t len, const char *chunkname);

/* [-(nargs+1), +nresults or 1, -] Calls the function below nargs arguments with the budgets
 * armed and a message handler; on error leaves one message string and returns non-zero. */
int ps_sandbox_call(ps_sandbox *sb, int nargs, int nresults);

/* As ps_sandbox_call, but the call gets budgets of its own (instructions and seconds counted
 * from zero) even inside another call, whose budgets are put back afterwards: for an event's
 * function called from the Monte Carlo of a study script. A memory budget spent stays spent. */
int ps_sandbox_call_fresh(ps_sandbox *sb, int nargs, int nresults);

/* [-0, +0, e] Charges `work` units (one unit: about one Lua VM instruction's worth) of work done
 * inside a C library function to the budgets, and checks them (and the wall-clock deadline) as
 * the count hook does: raises the budget's error when one is spent. C functions the sandbox
 * offers call it for their loops, which Lua's count hook cannot see (engine/lua/ps_bounded.c). */
void ps_sandbox_charge(lua_State *L, uint64_t work);

/* Time spent outside Lua (running the engine) that must not count against the deadline. */
void ps_sandbox_exclude_seconds(ps_sandbox *sb, double seconds);

/* Sends the scripts' print() output to f (stdout by default; NULL: nowhere); returns where it
 * went before. */
FILE *ps_sandbox_print_to(ps_sandbox *sb, FILE *f);

/* Binds math.random to `bits` (64 random bits per call, ud its argument); NULL restores the
 * fixed-seed sequence scripts build their scenarios with. While bound, math.randomseed fails. */
void ps_sandbox_bind_random(ps_sandbox *sb, uint64_t (*bits)(void *ud), void *ud);

/* Monotonic clock in seconds. */
double ps_sandbox_now(void);

#endif
