/* ps_lua_hooks.h: calling a scenario's Lua functions (an event's `when` or `effects` given as a
 * function) from the Monte Carlo: one Lua state per worker thread, math.random bound to the
 * replication's stream, the replication seen through a proxy table `w`. */
#ifndef PS_LUA_HOOKS_H
#define PS_LUA_HOOKS_H

#include <stddef.h>
#include <lua.h>
#include "ps_lua.h"
#include "ps_script.h"

/* True when some event of s has a scripted condition or effect. */
int ps_scenario_has_scripts(const ps_scenario *s);

/* Hooks whose every worker runs the script of `opts` again in a sandbox of its own (so any
 * number of threads may call them at once) and checks that it gives the same events as s. The
 * script's text is read now and copied, with the overrides. While re-run, the script's print()
 * is silent and peacesim.run raises an error. Returns NULL with a message in err when out of
 * memory or when the file cannot be read. Free with ps_lua_hooks_free. */
ps_script_hooks *ps_lua_hooks_replicas(const ps_script_options *opts, const ps_scenario *s, char *err, size_t errlen);

/* Hooks that call the functions of the scenario value at index idx of L in L itself: for a
 * scenario built by the running script. One thread only (L is running the caller). s must be
 * that scenario's conversion. NULL when out of memory. */
ps_script_hooks *ps_lua_hooks_here(lua_State *L, int idx, const ps_scenario *s);

/* Frees hooks from either constructor; NULL is a no-op. */
void ps_lua_hooks_free(ps_script_hooks *h);

#endif
