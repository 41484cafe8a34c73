/* ps_lua_scenario.h: the scenario language: the functions a script calls (issue, party, event,
 * policy, param, scenario, and the distributions) and the conversion of what it declared into a
 * ps_scenario. */
#ifndef PS_LUA_SCENARIO_H
#define PS_LUA_SCENARIO_H

#include <lua.h>
#include "ps_model.h"

/* [-0, +1, m] Adds the scenario language to the environment table at index env, with a fresh
 * declaration list, which it leaves on the stack; `overrides` (the index of a table
 * name -> string, or 0 for none) holds the values set from outside, and `source` names where
 * they came from in messages ("--set", "peacesim.load set"). */
void ps_lua_open_language(lua_State *L, int env, int overrides, const char *source);

/* True when the value at idx is a scenario returned by `scenario{...}`. */
int ps_lua_is_scenario(lua_State *L, int idx);

/* [-0, +1, -] Pushes the function given as field `field` ("when" or "effects") of event e
 * (0-based, in declaration order) of the scenario value at idx (absolute), or nil. */
void ps_lua_push_event_function(lua_State *L, int idx, int e, const char *field);

/* True when the declaration list at index decl holds any issue, party or event. */
int ps_lua_declares_anything(lua_State *L, int decl);

/* [-0, +1, e] Converts the scenario value at idx into a ps_scenario, held by a userdata box
 * pushed on the stack (the box frees it when collected), and returns it. Raises a Lua error
 * "FILE:LINE: party 'X': field 'y' ..." for a bad declaration. */
ps_scenario *ps_lua_to_scenario(lua_State *L, int idx);

/* [-0, +0, -] Takes the scenario out of the box at box_idx: the caller now owns it. */
ps_scenario *ps_lua_take_scenario(lua_State *L, int box_idx);

/* [-0, +0, e] Raises an error naming an override that no param() of the script whose
 * declaration list is at index decl declared, with the names it did declare. */
void ps_lua_check_overrides(lua_State *L, int decl);

#endif
