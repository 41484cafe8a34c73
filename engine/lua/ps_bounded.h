/* ps_bounded.h: the library functions a sandbox offers, with the work they do inside C charged to
 * its budgets (Lua's count hook never fires inside a C function). */
#ifndef PS_BOUNDED_H
#define PS_BOUNDED_H

#include <lua.h>

/* [-0, +0, m] Replaces, in the sandboxed state L (a state from ps_sandbox_alloc, with the standard
 * libraries open), the functions of the global string, table and utf8 tables, of the strings'
 * metatable, math.min and math.max, and the base functions select, assert, tostring and tonumber,
 * by functions with the same results and messages whose work is charged to the instruction
 * budget through ps_sandbox_charge:
 *  - string.find, match, gmatch and gsub: a pattern matcher of its own, 1 unit per matching step
 *    (each character test, each backtracking attempt);
 *  - string.rep and table.concat, insert, remove, move, unpack and sort: loops of their own,
 *    charged per element (and per 64 bytes built);
 *  - every other function whose work grows with its data: the library's own, called from a
 *    closure that charges 1 unit a call, 1 per argument or result value, 1 per 64 bytes copied
 *    and 1 per 8 bytes examined one by one.
 * Call it once, before any script or copy of those tables exists. Raises a memory error when out
 * of memory. */
void ps_bounded_install(lua_State *L);

#endif
