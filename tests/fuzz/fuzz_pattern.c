/* fuzz_pattern.c: libFuzzer target, differential, for the sandbox's pattern matcher
 * (engine/lua/ps_bounded.c): the same pattern and subject through string.find (with an init and
 * plain), string.match, string.gmatch and string.gsub (with a replacement string and a count) in
 * a sandbox and in a state with the system Lua's own library. They must give the same results or
 * raise the same error; ours must stop at its budget (then Lua's, which has none, is not run).
 *
 * Input: byte 0 the init (as a signed byte; 0: none), byte 1 gsub's count (0: none, else the
 * byte minus 3), byte 2 the pattern's length, byte 3 the replacement's length, then the pattern,
 * the replacement, and the subject (the rest, at most 4096 bytes). */
#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ps_sandbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char helpers[] =
    "local H = {}\n"
    "function H.find(...) return string.find(...) end\n"
    "function H.match(...) return string.match(...) end\n"
    "function H.gsub(...) return string.gsub(...) end\n"
    "function H.gmatch(...)\n"
    "  local out, n = {}, 0\n"
    "  for a, b, c in string.gmatch(...) do\n"
    "    n = n + 1\n"
    "    out[n] = type(a) .. ':' .. tostring(a) .. '/' .. type(b) .. ':' .. tostring(b) .. '/' .. type(c) .. ':' .. tostring(c)\n"
    "    if n == 100 then break end\n"
    "  end\n"
    "  return n, table.concat(out, ';')\n"
    "end\n"
    "return H\n";

static lua_State *ref;     /* the system Lua's library */
static ps_sandbox *sb;     /* ours */
static int ref_h, sb_h;    /* the helpers, in each registry */

/* the values from base + 1 up as text (strings byte for byte, numbers with their subtype) */
static size_t describe(lua_State *L, int status, int base, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "%s", status == LUA_OK ? "ok" : "error");
    for (int i = base + 1; i <= lua_gettop(L) && n < cap; i++) {
        size_t len;
        const char *s;
        switch (lua_type(L, i)) {
        case LUA_TSTRING:
            s = lua_tolstring(L, i, &len);
            n += (size_t)snprintf(out + n, cap - n, "|s%zu:", len);
            if (n + len < cap) { memcpy(out + n, s, len); n += len; }
            break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, i)) n += (size_t)snprintf(out + n, cap - n, "|i%lld", (long long)lua_tointeger(L, i));
            else n += (size_t)snprintf(out + n, cap - n, "|f%a", (double)lua_tonumber(L, i));
            break;
        default: n += (size_t)snprintf(out + n, cap - n, "|%s", luaL_typename(L, i));
        }
    }
    lua_settop(L, base);
    return n < cap ? n : cap;
}

typedef struct arg { const char *s; size_t len; lua_Integer i; char kind; } arg;   /* kind s, i, b, n */

static size_t call(lua_State *L, ps_sandbox *box, int h, const char *fn, int nargs, const arg *a, char *out, size_t cap)
{
    int base = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h);
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);
    for (int i = 0; i < nargs; i++) {
        if (a[i].kind == 's') lua_pushlstring(L, a[i].s, a[i].len);
        else if (a[i].kind == 'i') lua_pushinteger(L, a[i].i);
        else if (a[i].kind == 'b') lua_pushboolean(L, (int)a[i].i);
        else lua_pushnil(L);
    }
    int status = box ? ps_sandbox_call(box, nargs, LUA_MULTRET) : lua_pcall(L, nargs, LUA_MULTRET, 0);
    return describe(L, status, base, out, cap);
}

static void compare(const char *fn, int nargs, const arg *a)
{
    static char ours[1 << 16], lua[1 << 16];
    double t0 = ps_sandbox_now();
    size_t no = call(ps_sandbox_state(sb), sb, sb_h, fn, nargs, a, ours, sizeof ours);
    double took = ps_sandbox_now() - t0;
    if (strstr(ours, "ran past its") || strstr(ours, "memory budget")) {
        if (took > 4.0) {   /* the budget is 2 s of time and 2e6 units, about 10 ms of matching */
            fprintf(stderr, "%s: stopped at the budget only after %.1f s\n", fn, took);
            abort();
        }
        return;
    }
    size_t nl = call(ref, NULL, ref_h, fn, nargs, a, lua, sizeof lua);
    if (no != nl || memcmp(ours, lua, no) != 0) {
        fprintf(stderr, "%s differs\n  Lua:  %.*s\n  ours: %.*s\n", fn, (int)nl, lua, (int)no, ours);
        abort();
    }
}

static int load_helpers(lua_State *L, ps_sandbox *box)
{
    if (box) {
        ps_sandbox_push_env(L);
        if (ps_sandbox_load(L, helpers, sizeof helpers - 1, "=helpers") != LUA_OK || ps_sandbox_call(box, 0, 1) != LUA_OK)
            abort();
    } else if (luaL_loadbuffer(L, helpers, sizeof helpers - 1, "=helpers") != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
        abort();
    }
    return luaL_ref(L, LUA_REGISTRYINDEX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ref) {
        ref = luaL_newstate();
        luaL_openlibs(ref);
        ps_sandbox_limits limits = {64u << 20, 2000000, 2.0};   /* small: more executions a second */
        sb = ps_sandbox_alloc(&limits);
        if (!ref || !sb) abort();
        ref_h = load_helpers(ref, NULL);
        sb_h = load_helpers(ps_sandbox_state(sb), sb);
    }
    if (size < 4) return 0;
    int init = (int8_t)data[0];
    int count = data[1];
    size_t lp = data[2], lr = data[3];
    data += 4;
    size -= 4;
    if (lp > size) lp = size;
    if (lr > size - lp) lr = size - lp;
    size_t ls = size - lp - lr;
    if (ls > 4096) ls = 4096;
    arg s = {(const char *)data + lp + lr, ls, 0, 's'};
    arg p = {(const char *)data, lp, 0, 's'};
    arg r = {(const char *)data + lp, lr, 0, 's'};
    arg in = init ? (arg){NULL, 0, init, 'i'} : (arg){NULL, 0, 0, 'n'};
    arg n = count ? (arg){NULL, 0, count - 3, 'i'} : (arg){NULL, 0, 0, 'n'};
    compare("find", 3, (const arg[]){s, p, in});
    compare("find", 4, (const arg[]){s, p, in, {NULL, 0, 1, 'b'}});
    compare("match", 3, (const arg[]){s, p, in});
    compare("gmatch", 3, (const arg[]){s, p, in});
    compare("gsub", 4, (const arg[]){s, p, r, n});
    /* a full collection now and then keeps the reference state's garbage from growing */
    static unsigned calls;
    if (++calls % 256 == 0) lua_gc(ref, LUA_GCCOLLECT);
    return 0;
}
