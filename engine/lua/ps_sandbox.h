/* ps_sandbox.h: a Lua state fit for untrusted scenario scripts: no io, os, debug, package, load,
 * dofile, require, string.dump or finalisers; budgets of memory, instructions and seconds that
 * hold for a whole command, however many states, threads, coroutines or sweep points it uses. */
#ifndef PS_SANDBOX_H
#define PS_SANDBOX_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <lua.h>

typedef struct ps_sandbox_limits {
    size_t memory;           /* bytes all the command's states may hold at once */
    uint64_t instructions;   /* Lua VM instructions (counted in steps of PS_SANDBOX_HOOK_STEP) and
                                the work C library functions charge, summed over the states */
    double seconds;          /* wall-clock seconds of running Lua, summed over the states (time
                                in the engine's Monte Carlo between Lua calls is not counted) */
} ps_sandbox_limits;

#define PS_SANDBOX_HOOK_STEP 1000

/* The defaults: 512 MiB, 2e9 instructions, 30 s. */
ps_sandbox_limits ps_sandbox_default_limits(void);

/* The budgets of one command, shared by every sandbox made in it: thread-safe. Once any is spent
 * it stays spent, and every state raises its error at every instruction. */
typedef struct ps_budget ps_budget;

/* A budget of `limits` (NULL: the defaults). NULL when out of memory. */
ps_budget *ps_budget_alloc(const ps_sandbox_limits *limits);
/* Frees b, which no sandbox may use any more; NULL is a no-op. */
void ps_budget_free(ps_budget *b);
/* Once *stop is non-zero (a signal handler sets it), every state raises "stopped" at its next
 * check: how SIGINT ends Lua code that runs for long. stop may be NULL. */
void ps_budget_set_stop(ps_budget *b, const volatile sig_atomic_t *stop);
const ps_sandbox_limits *ps_budget_limits(const ps_budget *b);
/* Seconds of Lua so far, summed over the states, counting those running now up to this moment
 * (a state stuck where no hook fires, in a C library function or the garbage collector, goes on
 * counting): what a watchdog compares with the time budget. Thread-safe. */
double ps_budget_seconds(ps_budget *b);
/* True once the stop flag is raised. */
int ps_budget_stopping(ps_budget *b);

typedef struct ps_sandbox ps_sandbox;

/* Creates a state with the safe standard libraries loaded and a budget of `limits` of its own
 * (NULL: the defaults). NULL when out of memory. */
ps_sandbox *ps_sandbox_alloc(const ps_sandbox_limits *limits);
/* The same, drawing on the shared budget b (which must outlive the sandbox). */
ps_sandbox *ps_sandbox_alloc_in(ps_budget *b);
/* Closes the state (freeing all it holds back to its budget); NULL is a no-op. */
void ps_sandbox_free(ps_sandbox *sb);
ps_budget *ps_sandbox_budget(ps_sandbox *sb);
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

/* [-(nargs+1), +nresults or 1, -] Calls the function below nargs arguments with a message
 * handler, counting its time against the budget (also when the call comes while the state is
 * paused, as an event's function called from a study's Monte Carlo); on error leaves one message
 * string ("FILE:LINE: what") and returns non-zero. */
int ps_sandbox_call(ps_sandbox *sb, int nargs, int nresults);

/* Stops counting the state's time (while the engine runs a Monte Carlo for it); returns whether
 * it was counting, to hand to ps_sandbox_resume afterwards. */
int ps_sandbox_pause(ps_sandbox *sb);
void ps_sandbox_resume(ps_sandbox *sb, int paused);

/* True once a budget of sb's is spent; ps_sandbox_stopped: spent by the stop flag. */
int ps_sandbox_spent(const ps_sandbox *sb);
int ps_sandbox_stopped(const ps_sandbox *sb);

/* [-0, +0, e] Charges `work` units (one unit: about one Lua VM instruction's worth) of work done
 * inside a C library function to the budgets, and checks them (and the wall-clock deadline) as
 * the count hook does: raises the budget's error when one is spent. C functions the sandbox
 * offers call it for their loops, which Lua's count hook cannot see (engine/lua/ps_bounded.c). */
void ps_sandbox_charge(lua_State *L, uint64_t work);

/* Sends the scripts' print() output to f (stdout by default; NULL: nowhere); returns where it
 * went before. */
FILE *ps_sandbox_print_to(ps_sandbox *sb, FILE *f);

/* Binds math.random to `bits` (64 random bits per call, ud its argument); NULL restores the
 * fixed-seed sequence scripts build their scenarios with. While bound, math.randomseed fails. */
void ps_sandbox_bind_random(ps_sandbox *sb, uint64_t (*bits)(void *ud), void *ud);

/* Monotonic clock in seconds. */
double ps_sandbox_now(void);

#endif
