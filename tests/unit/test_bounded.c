/* test_bounded.c: the sandbox's string, table and utf8 functions (engine/lua/ps_bounded.c) give
 * what the system Lua's own give, call for call (hand-written cases of every feature, and
 * thousands of random patterns from a fixed seed), and hostile calls of them end at the budgets,
 * quickly, where Lua's own run for hours inside one C call. */
#include <gsl/gsl_errno.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_sandbox.h"

/* ---- two states: Lua's own library, and a sandbox with ours -------------------------------- */

/* The same helpers in both states: each calls one library function with the arguments it is
 * given (so that "no value" and nil stay apart) or walks an iterator. */
static const char helpers[] =
    "local H = {}\n"
    "function H.find(...) return string.find(...) end\n"
    "function H.match(...) return string.match(...) end\n"
    "function H.gsub(...) return string.gsub(...) end\n"
    "function H.call(lib, name, ...) return _ENV[lib][name](...) end\n"
    "function H.gmatch(...)\n"
    "  local out, n = {}, 0\n"
    "  for a, b, c in string.gmatch(...) do\n"
    "    n = n + 1\n"
    "    out[n] = type(a) .. ':' .. tostring(a) .. '/' .. type(b) .. ':' .. tostring(b) .. '/' .. type(c) .. ':' .. tostring(c)\n"
    "    if n == 40 then break end\n"
    "  end\n"
    "  return n, table.concat(out, ';')\n"
    "end\n"
    "local function repl(...)\n"
    "  if select('#', ...) == 1 and ... == 'b' then return false end\n"
    "  if ... == 'c' then return nil end\n"
    "  return '<' .. table.concat({...}, ',') .. '>'\n"
    "end\n"
    "function H.gsub_f(s, p, ...) return string.gsub(s, p, repl, ...) end\n"
    "local map = {a = 'A', b = false, ['1'] = 'one', [1] = 'pos1', [2] = 2.5, c = {}, ['%'] = 'pct'}\n"
    "function H.gsub_t(s, p, ...) return string.gsub(s, p, map, ...) end\n"
    "function H.codes(s, lax)\n"
    "  local out = {}\n"
    "  for p, c in utf8.codes(s, lax) do out[#out + 1] = p .. '=' .. c end\n"
    "  return table.concat(out, ' ')\n"
    "end\n"
    "return H\n";

typedef struct states {
    lua_State *ref;      /* luaL_newstate + luaL_openlibs */
    ps_sandbox *sb;
    lua_State *L;        /* the sandbox's state */
    int ref_h, sb_h;     /* the helpers, in each registry */
    int compared, differed;
} states;

static ps_sandbox *sandbox_with(size_t memory, uint64_t instructions, double seconds)
{
    ps_sandbox_limits limits = {memory, instructions, seconds};
    ps_sandbox *sb = ps_sandbox_alloc(&limits);
    if (sb) ps_sandbox_print_to(sb, NULL);
    return sb;
}

static states open_states(void)
{
    states st = {0};
    st.ref = luaL_newstate();
    luaL_openlibs(st.ref);
    st.sb = sandbox_with((size_t)256 << 20, 2000000000ull, 60.0);
    st.L = ps_sandbox_state(st.sb);
    if (luaL_loadbuffer(st.ref, helpers, sizeof helpers - 1, "=helpers") != LUA_OK || lua_pcall(st.ref, 0, 1, 0) != LUA_OK)
        fprintf(stderr, "helpers: %s\n", lua_tostring(st.ref, -1));
    st.ref_h = luaL_ref(st.ref, LUA_REGISTRYINDEX);
    ps_sandbox_push_env(st.L);
    if (ps_sandbox_load(st.L, helpers, sizeof helpers - 1, "=helpers") != LUA_OK || ps_sandbox_call(st.sb, 0, 1) != LUA_OK)
        fprintf(stderr, "helpers: %s\n", lua_tostring(st.L, -1));
    st.sb_h = luaL_ref(st.L, LUA_REGISTRYINDEX);
    return st;
}

static void close_states(states *st)
{
    lua_close(st->ref);
    ps_sandbox_free(st->sb);
}

/* ---- results as text ------------------------------------------------------------------------ */

typedef struct text { char *s; size_t n, cap; } text;

static void put(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = 2 * (t->n + n + 1);
        t->s = realloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
}

static void putf(text *t, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void put_bytes(text *t, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 32 && c < 127 && c != '\\') put(t, (const char *)&c, 1);
        else putf(t, "\\x%02x", c);
    }
}

/* A value without calling any metamethod: numbers with their subtype, strings byte for byte,
 * tables as their elements 1..#t (raw) and their number of keys. */
static void put_value(text *t, lua_State *L, int idx, int nested)
{
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) putf(t, "i%lld", (long long)lua_tointeger(L, idx));
        else putf(t, "f%a", (double)lua_tonumber(L, idx));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        putf(t, "s%zu'", len);
        put_bytes(t, s, len);
        put(t, "'", 1);
        break;
    }
    case LUA_TBOOLEAN: put(t, lua_toboolean(L, idx) ? "true" : "false", lua_toboolean(L, idx) ? 4 : 5); break;
    case LUA_TTABLE:
        if (nested) { put(t, "table", 5); break; }
        put(t, "{", 1);
        for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, idx); i++) {
            lua_rawgeti(L, idx, i);
            put_value(t, L, -1, 1);
            lua_pop(L, 1);
            put(t, ",", 1);
        }
        {
            int keys = 0;
            lua_pushnil(L);
            while (lua_next(L, idx)) { keys++; lua_pop(L, 1); }
            lua_getfield(L, idx, "n");
            putf(t, "#%d n=", keys);
            put_value(t, L, -1, 1);
            lua_pop(L, 1);
        }
        put(t, "}", 1);
        break;
    default: {
        const char *name = luaL_typename(L, idx);
        put(t, name, strlen(name));
    }
    }
}

/* The status and the values from base + 1 to the top, which it pops. */
static char *results(lua_State *L, int status, int base)
{
    text t = {0};
    put(&t, status == LUA_OK ? "ok" : "error", status == LUA_OK ? 2 : 5);
    for (int i = base + 1; i <= lua_gettop(L); i++) {
        put(&t, "|", 1);
        put_value(&t, L, i, 0);
    }
    lua_settop(L, base);
    return t.s;
}

/* ---- calls -------------------------------------------------------------------------------- */

typedef struct value { char kind; const char *s; size_t len; lua_Integer i; } value;   /* kind s, i, f, b, n */

static void push_value(lua_State *L, const value *v)
{
    switch (v->kind) {
    case 's': lua_pushlstring(L, v->s, v->len); break;
    case 'i': lua_pushinteger(L, v->i); break;
    case 'f': lua_pushnumber(L, (lua_Number)v->i + 0.5); break;
    case 'b': lua_pushboolean(L, (int)v->i); break;
    default: lua_pushnil(L);
    }
}

/* H[fn](args...) in one state (sb: the sandbox, with its budgets armed; NULL: Lua's own) */
static char *call_one(lua_State *L, ps_sandbox *sb, int h, const char *fn, int nargs, const value *args)
{
    int base = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h);
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);
    for (int i = 0; i < nargs; i++) push_value(L, &args[i]);
    int status = sb ? ps_sandbox_call(sb, nargs, LUA_MULTRET) : lua_pcall(L, nargs, LUA_MULTRET, 0);
    return results(L, status, base);
}

static void describe_args(int nargs, const value *args)
{
    for (int i = 0; i < nargs; i++) {
        text t = {0};
        if (args[i].kind == 's') {
            put(&t, "\"", 1);
            put_bytes(&t, args[i].s, args[i].len);
            put(&t, "\"", 1);
        } else if (args[i].kind == 'i') putf(&t, "%lld", (long long)args[i].i);
        else if (args[i].kind == 'f') putf(&t, "%lld.5", (long long)args[i].i);
        else if (args[i].kind == 'b') putf(&t, "%s", args[i].i ? "true" : "false");
        else putf(&t, "nil");
        fprintf(stderr, "%s%s", i ? ", " : "", t.s);
        free(t.s);
    }
}

/* Both states must give the same text; returns Lua's. */
static char *same_call(states *st, const char *fn, int nargs, const value *args)
{
    char *want = call_one(st->ref, NULL, st->ref_h, fn, nargs, args);
    char *got = call_one(st->L, st->sb, st->sb_h, fn, nargs, args);
    st->compared++;
    if (strcmp(want, got) != 0) {
        if (st->differed < 12) {
            fprintf(stderr, "%s(", fn);
            describe_args(nargs, args);
            fprintf(stderr, ")\n  Lua:  %s\n  ours: %s\n", want, got);
        }
        st->differed++;
    }
    free(got);
    return want;
}

static void same(states *st, const char *fn, int nargs, const value *args) { free(same_call(st, fn, nargs, args)); }

/* A chunk run in both states: the same results (or the same error message). */
static char *run_chunk(lua_State *L, ps_sandbox *sb, const char *src)
{
    int base = lua_gettop(L);
    int status;
    if (sb) {
        ps_sandbox_push_env(L);
        status = ps_sandbox_load(L, src, strlen(src), "=case");
        if (status == LUA_OK) status = ps_sandbox_call(sb, 0, LUA_MULTRET);
    } else {
        status = luaL_loadbuffer(L, src, strlen(src), "=case");
        if (status == LUA_OK) status = lua_pcall(L, 0, LUA_MULTRET, 0);
    }
    return results(L, status, base);
}

static void same_chunk(states *st, const char *src)
{
    char *want = run_chunk(st->ref, NULL, src);
    char *got = run_chunk(st->L, st->sb, src);
    st->compared++;
    if (strcmp(want, got) != 0) {
        if (st->differed < 12) fprintf(stderr, "%s\n  Lua:  %s\n  ours: %s\n", src, want, got);
        st->differed++;
    }
    free(want);
    free(got);
}

#define STR(x) {'s', x, sizeof x - 1, 0}
#define INT(x) {'i', NULL, 0, x}
#define BOOL(x) {'b', NULL, 0, x}
#define NIL {'n', NULL, 0, 0}
#define CALL(st, fn, ...) do { const value a_[] = {__VA_ARGS__}; same(st, fn, (int)(sizeof a_ / sizeof a_[0]), a_); } while (0)

static int checked(states *st, int at_least)
{
    if (st->compared < at_least) fprintf(stderr, "only %d comparisons\n", st->compared);
    return st->differed == 0 && st->compared >= at_least;
}

/* ---- the cases ---------------------------------------------------------------------------- */

PS_TEST(sandbox_functions_are_ours)
{
    /* otherwise every comparison below would compare Lua with itself */
    states st = open_states();
    static const char *const names[][2] = {{"string", "find"}, {"string", "match"}, {"string", "gmatch"},
        {"string", "gsub"}, {"string", "rep"}, {"string", "upper"}, {"table", "sort"}, {"table", "move"},
        {"table", "concat"}, {"table", "insert"}, {"table", "remove"}, {"table", "unpack"}, {"utf8", "len"},
        {"utf8", "codes"}, {"_G", "tonumber"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        lua_getglobal(st.ref, names[i][0]);
        lua_getfield(st.ref, -1, names[i][1]);
        lua_getglobal(st.L, names[i][0]);
        lua_getfield(st.L, -1, names[i][1]);
        EXPECT(lua_tocfunction(st.L, -1) != NULL);
        EXPECT(lua_tocfunction(st.L, -1) != lua_tocfunction(st.ref, -1));
        lua_pop(st.ref, 2);
        lua_pop(st.L, 2);
    }
    /* and the harness compares something: Lua's own answer, as the manual gives it */
    char *r = call_one(st.ref, NULL, st.ref_h, "find", 2, (const value[]){STR("hello"), STR("l+")});
    EXPECT(strcmp(r, "ok|i3|i4") == 0);
    free(r);
    r = call_one(st.L, st.sb, st.sb_h, "gsub", 3, (const value[]){STR("hello world"), STR("(o)"), STR("[%1]")});
    EXPECT(strcmp(r, "ok|s15'hell[o] w[o]rld'|i2") == 0);
    free(r);
    close_states(&st);
}

typedef struct bytes { const char *s; size_t len; } bytes;
#define B(x) {x, sizeof x - 1}

/* subjects and patterns that exercise one feature each, through every function */
static const bytes subjects[] = {
    B(""), B("a"), B("hello world"), B("  leading and trailing  "),
    B("THE (quick) [brown] fox; 123 jumps! 0x1F"), B("a,b,,c,"), B("key = value # comment"), B("f(a(b)c)d(e"),
    B("\"quoted\" and 'single'"), B("tab\there\nnewline\r\v\f"), B("aaa"), B("abcabcabc"),
    B("12.5e-3 -7 +8 0."), B("THE END"), B("under_score and-dash"), B("x$y^z"), B("[]^-%."),
    B("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), B("nul\0byte\0"), B("\x01\x7f\x80\xff"), B("((()))"),
    B("\"\"''"),
};

static const bytes patterns[] = {
    /* classes and their complements */
    B("%a"), B("%A"), B("%c"), B("%C"), B("%d"), B("%D"), B("%g"), B("%G"), B("%l"), B("%L"), B("%p"), B("%P"),
    B("%s"), B("%S"), B("%u"), B("%U"), B("%w"), B("%W"),
    B("%x"), B("%X"), B("%a+"), B("%d+"), B("%s*"), B("%w+"), B("%p"), B("%z"), B("%Q"), B("%."), B("%%"),
    B("%-"), B("%]"), B("%^"),
    /* sets */
    B("[abc]"), B("[^abc]"), B("[a-f]"), B("[^a-z]"), B("[%d_]"), B("[%a%-]"), B("[]]"), B("[^]]"), B("[]a]"),
    B("[a-]"), B("[-a]"), B("[%]]"),
    B("[a%-z]"), B("[%a-z]"), B("[^%s]+"), B("[\x80-\xff]+"), B("[%w_]+"), B("[.]"), B("[+*?]"), B("[z-a]"),
    B("[%%]"), B("[^]a-]"), B("[\0]"), B("[^\0a]"),
    /* any, anchors */
    B("."), B(".."), B(".-"), B(".*"), B("^."), B("^a"), B("^hello"), B("d$"), B("$"), B("^$"), B("^"),
    B("a$b"), B("x^y"), B("^.-$"), B("^(.-)%s*$"),
    /* quantifiers */
    B("a*"), B("a+"), B("a-"), B("a?"), B("ab?c"), B("a*b"), B("a-b"), B(".-b"), B("l+"), B("o?w"),
    B("%s*(%S+)%s*=%s*(%S+)"), B("[%w_]*"), B("%d*%.?%d+"),
    /* captures, positions, back-references */
    B("(a)"), B("(a)(b)"), B("((a)(b))"), B("()"), B("()a()"), B("(h)(e)(l)(l)(o)"), B("(%w+) (%w+)"),
    B("(.)%1"), B("(%w+) %1"), B("()(%w+)()"),
    B("([\"'])(.-)%1"), B("(a*(.)%w(%s*))"), B("((((a))))"), B("("), B(")"), B("(a"), B("a)"), B("(()"),
    B("%1"), B("(a)%2"), B("(a%1)"), B("%0"),
    B("(a)%1%1"), B("()%1"),
    /* balance, frontier */
    B("%b()"), B("%b[]"), B("%b\"\""), B("%bxy"), B("%b"), B("%ba"), B("(%b())"), B("%f[%w]%w+"), B("%f[%W]"),
    B("%f[%a]"), B("%f[%z]"), B("%f[^%z]"),
    B("%f[%l]%a"), B("%f"), B("%fa"), B("%f[a"), B("THE%f[%s]"), B("%f[%S].-%f[%s]"), B("%f[\0]"), B("%f[^\0]"),
    /* malformed */
    B("%"), B("a%"), B("[a"), B("[^"), B("["), B("[%"), B("[a%]"), B("[]"), B("[^]"), B("*"), B("+"), B("?"),
    B("-"), B("a**"), B("a*?"), B("\0"), B("%z+"),
};

static const value inits[] = {NIL, INT(1), INT(2), INT(0), INT(-1), INT(-3), INT(-100), INT(5), INT(11), INT(12),
                              INT(13), INT(1000)};

PS_TEST(patterns_as_lua)
{
    states st = open_states();
    static const char *const repls[] = {"", "x", "%0", "<%1>", "%1-%2", "%%", "%", "%x", "[%0%0]", "%9", "a%"};
    for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
        value s = {'s', subjects[i].s, subjects[i].len, 0};
        for (size_t j = 0; j < sizeof patterns / sizeof patterns[0]; j++) {
            value p = {'s', patterns[j].s, patterns[j].len, 0};
            CALL(&st, "find", s, p);
            CALL(&st, "find", s, p, NIL, BOOL(1));
            CALL(&st, "match", s, p);
            CALL(&st, "gmatch", s, p);
            CALL(&st, "gsub_f", s, p);
            CALL(&st, "gsub_t", s, p);
            for (size_t k = 0; k < sizeof inits / sizeof inits[0]; k += 3) {
                CALL(&st, "find", s, p, inits[k]);
                CALL(&st, "match", s, p, inits[k + 1]);
                CALL(&st, "gmatch", s, p, inits[k + 2]);
            }
            for (size_t k = 0; k < sizeof repls / sizeof repls[0]; k++) {
                value r = {'s', repls[k], strlen(repls[k]), 0};
                CALL(&st, "gsub", s, p, r);
            }
        }
    }
    EXPECT(checked(&st, 40000));
    close_states(&st);
}

PS_TEST(pattern_arguments_as_lua)
{
    states st = open_states();
    /* init: negative, zero, past the end; plain with specials; numbers for strings */
    for (size_t k = 0; k < sizeof inits / sizeof inits[0]; k++) {
        CALL(&st, "find", STR("hello world"), STR("o"), inits[k]);
        CALL(&st, "find", STR("hello world"), STR(""), inits[k]);
        CALL(&st, "find", STR("hello world"), STR("o."), inits[k], BOOL(1));
        CALL(&st, "find", STR("a.b"), STR("."), inits[k], BOOL(1));
        CALL(&st, "find", STR("hello"), STR("l"), inits[k], BOOL(0));
        CALL(&st, "match", STR("hello"), STR("()"), inits[k]);
        CALL(&st, "gmatch", STR("one two  three"), STR("%a*"), inits[k]);
        CALL(&st, "gmatch", STR("abc"), STR(""), inits[k]);
    }
    CALL(&st, "find", STR("abc"), STR("b"), {'f', NULL, 0, 1});
    CALL(&st, "find", STR("abc"), STR("b"), STR("2"));
    CALL(&st, "find", STR("abc"), STR("b"), STR("x"));
    CALL(&st, "find", INT(12345), INT(34));
    CALL(&st, "find", STR("a)b"), STR(")"));
    CALL(&st, "match", STR("a)b"), STR(")"));
    CALL(&st, "find", STR("abc"));
    CALL(&st, "find");
    CALL(&st, "find", NIL, STR("a"));
    CALL(&st, "match", STR("abc"), BOOL(1));
    CALL(&st, "gmatch", STR("abc"));
    CALL(&st, "gmatch", STR("^a^a"), STR("^a"));
    CALL(&st, "gmatch", STR("abcabc"), STR("b"), INT(3));
    CALL(&st, "find", STR("^a^a"), STR("^a"), INT(2));
    /* gsub: replacement kinds, counts, anchors, empty matches */
    static const value counts[] = {NIL, INT(0), INT(1), INT(2), INT(-1), INT(100), {'f', NULL, 0, 1}, STR("1"), STR("x")};
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        CALL(&st, "gsub", STR("hello world"), STR("o"), STR("0"), counts[k]);
        CALL(&st, "gsub", STR("hello"), STR(""), STR("-"), counts[k]);
        CALL(&st, "gsub", STR("abc"), STR("%w*"), STR("-"), counts[k]);
        CALL(&st, "gsub", STR("abc"), STR("^"), STR("x"), counts[k]);
        CALL(&st, "gsub", STR("aaa"), STR("^a"), STR("b"), counts[k]);
        CALL(&st, "gsub_f", STR("a b c abc"), STR("%w+"), counts[k]);
        CALL(&st, "gsub_t", STR("a b c 1 %"), STR("%S"), counts[k]);
    }
    CALL(&st, "gsub", STR("abc"), STR("b"), INT(42));
    CALL(&st, "gsub", STR("abc"), STR("b"), {'f', NULL, 0, 2});
    CALL(&st, "gsub", STR("abc"), STR("b"));
    CALL(&st, "gsub", STR("abc"), STR("b"), BOOL(1));
    CALL(&st, "gsub", STR("abc"), STR("b"), NIL, STR("y"));
    CALL(&st, "gsub", STR("abc"), STR("(b"), STR("x"));
    CALL(&st, "gsub", STR("abc"), STR("(b"), STR("%1"));
    CALL(&st, "gsub", STR("abc"), STR("()b()"), STR("%2%1"));
    CALL(&st, "gsub", STR("abc"), STR(""), STR("%1"));
    CALL(&st, "gsub", STR("abc"), STR(""), STR("%2"));
    CALL(&st, "gsub", STR("abc"), STR("b"), STR("%\0"));
    CALL(&st, "gsub", STR("abc"), STR("(b)"), STR("%2"));
    CALL(&st, "gsub_t", STR("abc"), STR("()"));
    CALL(&st, "gsub_t", STR("abc"), STR("(%w)(%w)"));
    /* limits: 32 captures, 200 levels */
    char deep[1024];
    for (int n = 198; n <= 202; n++) {
        for (int i = 0; i < n; i++) memcpy(deep + 2 * i, "a?", 2);
        value p = {'s', deep, (size_t)(2 * n), 0};
        value s = {'s', "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 300, 0};
        CALL(&st, "match", s, p);
        CALL(&st, "gsub", s, p, STR("x"));
    }
    for (int n = 31; n <= 33; n++) {
        for (int i = 0; i < n; i++) memcpy(deep + 2 * i, "()", 2);
        value p = {'s', deep, (size_t)(2 * n), 0};
        CALL(&st, "match", STR("abc"), p);
        for (int i = 0; i < n; i++) memcpy(deep + i, "(", 1);
        p.len = (size_t)n;
        CALL(&st, "match", STR("abc"), p);
    }
    EXPECT(checked(&st, 150));
    close_states(&st);
}

/* a small fixed-seed generator (xorshift64*) for the random cases */
static uint64_t rnd_state = 0x2385u;
static uint32_t rnd(uint32_t n)
{
    rnd_state ^= rnd_state >> 12;
    rnd_state ^= rnd_state << 25;
    rnd_state ^= rnd_state >> 27;
    return (uint32_t)((rnd_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

/* A random pattern of at most 7 items and 3 quantifiers (so that backtracking stays small), with
 * the odd malformed piece. */
static size_t random_pattern(char *p)
{
    static const char *const items[] = {"a", "b", "c", ".", "%a", "%A", "%d", "%D", "%s", "%S", "%w", "%W", "%p",
        "%P", "%l", "%u", "%c", "%x", "%g", "%.", "%%", "[ab]", "[^a]", "[a-c]", "[%d_]", "[^%s]", "[]]", "[^]a]",
        "[a-]", "%b()", "%bab", "%f[%w]", "%f[%W]", "%f[a]", "%1", "%2", "()", "(", ")", "$", "^", " ", "1", "\0",
        "\x80", "(", ")", "(a)", "(.)", "[", "%", "]", "%z", "-", "*", "?", "+"};
    static const char *const quant[] = {"*", "+", "-", "?"};
    size_t n = 0;
    if (rnd(5) == 0) p[n++] = '^';
    int nitems = 1 + (int)rnd(7), nquant = 0;
    for (int i = 0; i < nitems; i++) {
        const char *it = items[rnd(sizeof items / sizeof items[0])];
        size_t l = strcmp(it, "") == 0 || it[0] == '\0' ? 1 : strlen(it);
        memcpy(p + n, it, l);
        n += l;
        if (nquant < 3 && rnd(3) == 0) {
            p[n++] = quant[rnd(4)][0];
            nquant++;
        }
    }
    if (rnd(5) == 0) p[n++] = '$';
    return n;
}

static size_t random_subject(char *s)
{
    static const char alphabet[] = "aaabbbcc  1()%.-_AB\0\x80\xc3\xa9]";
    size_t n = rnd(21);
    for (size_t i = 0; i < n; i++) s[i] = alphabet[rnd(sizeof alphabet - 1)];
    return n;
}

PS_TEST(random_patterns_as_lua)
{
    states st = open_states();
    static const value counts[] = {NIL, INT(1), INT(2), INT(-1)};
    static const char *const repls[] = {"x", "%0", "<%1>", "%2%1", "%%", "%", "", "%a"};
    char p[128], s[32];
    for (int c = 0; c < 4000; c++) {
        value pv = {'s', p, random_pattern(p), 0};
        value sv = {'s', s, random_subject(s), 0};
        value init = inits[rnd(sizeof inits / sizeof inits[0])];
        value r = {'s', repls[rnd(8)], 0, 0};
        r.len = strlen(r.s);
        CALL(&st, "find", sv, pv, init);
        CALL(&st, "find", sv, pv, init, BOOL((int)rnd(2)));
        CALL(&st, "match", sv, pv, init);
        CALL(&st, "gmatch", sv, pv, init);
        CALL(&st, "gsub", sv, pv, r, counts[rnd(4)]);
        CALL(&st, "gsub_f", sv, pv);
        CALL(&st, "gsub_t", sv, pv, counts[rnd(4)]);
    }
    EXPECT(checked(&st, 28000));
    close_states(&st);
}

PS_TEST(string_functions_as_lua)
{
    states st = open_states();
    static const char *const chunks[] = {
        "return string.rep('x', 3), string.rep('ab', 3, ','), string.rep('ab', 0), string.rep('ab', -1, 'x')",
        "return string.rep('', 5, 'ab'), string.rep('abc', 1, 'x'), string.rep('a', 2.0), string.rep('a', '3')",
        "return string.rep('', 1e6), string.rep('', 1e6, ''), string.rep('', -1, 'x')",   /* Lua's own loops n times */
        "return string.rep('x', 2^31)", "return string.rep('ab', 2^30)", "return string.rep('', 2^31, 'x')",
        "return string.rep('x', 2^31 - 1, 'y')", "return string.rep('a', 2.5)", "return string.rep()",
        "return string.rep('a')", "return string.rep('a', 3, 7)", "return string.rep(5, 2)", "return ('x'):rep({})",
        "return #string.rep('abc', 1000, '--'), string.rep('abc', 1000, '--'):sub(-10)",
        "local s = string.rep('0123456789', 7777, '|') return #s, s:sub(1, 25), s:sub(-25), s:find('9|0', 70000, true)",
        "return string.rep('\\0x', 5, '\\0')",
        "return ('hello'):upper(), ('HeLLo'):lower(), ('abc'):reverse(), ('hello'):sub(2, -2), ('hello'):sub(-100, 100)",
        "return string.upper(), string.lower(nil)", "return ('x'):upper(nil, 5)",
        "return ('hello'):byte(), ('hello'):byte(2, 4), ('hello'):byte(-1), ('hello'):byte(10)",
        "return ('hello'):byte(1, 1e7)", "return string.char(104, 105), string.char()", "return string.char(256)",
        "return string.format('%d %5.2f %s %q %x %%', 42, 3.14159, 'str', 'a\\nb\\0', 255)",
        "return string.format('%s', setmetatable({}, {__tostring = function() return 'T' end}))",
        "return string.format('%10.3s|', 'abcdef'), string.format('%-5d|', 3), string.format('%a', 1)",
        "return string.format('%d', 3.5)", "return string.format('%y', 1)", "return string.format('%s')",
        "return string.format('%.0s', 'a\\0b')", "return string.format('%q', 1/0), string.format('%q', math.mininteger)",
        "return string.pack('i4 z s1', 7, 'ab', 'cd'), string.packsize('i4 i8 d')",
        "return string.unpack('i4 z s1', string.pack('i4 z s1', 7, 'ab', 'cd'))",
        "return string.unpack('z', 'abc')", "return string.pack('z', 'a\\0b')", "return string.packsize('s')",
        "return string.unpack('i4', 'ab')", "return string.len('abc'), ('').len('\\0\\0')",
        "return tostring(12), tostring('x'), tostring(nil), tostring(true), tostring(1.5), tostring()",
        "return tostring(setmetatable({}, {__name = 'Named'})):match('^Named: ') ~= nil",
        "return tonumber('12'), tonumber(' 0x1F '), tonumber('1e2'), tonumber('z', 36), tonumber('ff', 16), tonumber('x')",
        "return tonumber(), tonumber('10', 99)", "return tonumber(10, 16)", "return tonumber('8', 8)",
        "return select('#'), select('#', 1, nil), select(2, 'a', 'b', 'c'), select(-1, 'a', 'b')",
        "return select(0, 1)", "return select(-5, 1)", "return assert(1, 2, 3)", "return assert(false, 'message')",
        "return assert(nil)", "return assert()", "return math.max(3, 7.5, -1), math.min(3, 7.5, -1), math.max()",
        "return '10' + 1, '3' * '4', -'2', '0x10' + 0, '7' // '2', '2' ^ '3', '7' % '4', '7' / '2', '7' - 1",
        "return 'a' + 1", "return {} + '1'", "return '1' + {}", "return -'x'",
    };
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) same_chunk(&st, chunks[i]);
    EXPECT(checked(&st, (int)(sizeof chunks / sizeof chunks[0])));
    close_states(&st);
}

PS_TEST(utf8_functions_as_lua)
{
    states st = open_states();
    static const char *const strs[] = {"", "abc", "caf\xc3\xa9", "\xe2\x82\xac\xf0\x9f\x98\x80!", "\x80" "abc",
        "a\x80\x80" "b", "\xff", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xfd\xbf\xbf\xbf\xbf\xbf", "\xc0\x80"};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        value s = {'s', strs[i], strlen(strs[i]), 0};
        CALL(&st, "codes", s);
        CALL(&st, "codes", s, BOOL(1));
        CALL(&st, "call", STR("utf8"), STR("len"), s);
        CALL(&st, "call", STR("utf8"), STR("len"), s, INT(2));
        CALL(&st, "call", STR("utf8"), STR("len"), s, INT(-2), INT(-1));
        CALL(&st, "call", STR("utf8"), STR("len"), s, INT(1), INT(-1), BOOL(1));
        CALL(&st, "call", STR("utf8"), STR("len"), s, INT(10));
        CALL(&st, "call", STR("utf8"), STR("codepoint"), s);
        CALL(&st, "call", STR("utf8"), STR("codepoint"), s, INT(1), INT(-1));
        CALL(&st, "call", STR("utf8"), STR("codepoint"), s, INT(1), INT(-1), BOOL(1));
        CALL(&st, "call", STR("utf8"), STR("codepoint"), s, INT(2), INT(100));
        for (int n = -3; n <= 3; n++) {
            CALL(&st, "call", STR("utf8"), STR("offset"), s, INT(n));
            CALL(&st, "call", STR("utf8"), STR("offset"), s, INT(n), INT(2));
            CALL(&st, "call", STR("utf8"), STR("offset"), s, INT(n), INT(-1));
        }
    }
    CALL(&st, "call", STR("utf8"), STR("char"), INT(72), INT(0x20AC), INT(0x1F600), INT(0x7FFFFFFF));
    CALL(&st, "call", STR("utf8"), STR("char"));
    CALL(&st, "call", STR("utf8"), STR("char"), INT(-1));
    CALL(&st, "call", STR("utf8"), STR("offset"), STR("abc"), INT(1), INT(10));
    CALL(&st, "call", STR("utf8"), STR("codepoint"), STR("abc"), INT(1), INT(10000000));
    same_chunk(&st, "local f, s, i = utf8.codes('a\\x80\\x80b') return f(s, 1), f(s, 2), f(s, 100), f(s, -1)");
    same_chunk(&st, "local f = utf8.codes('x') return f('ab\\x80\\x80\\x80', 2)");
    same_chunk(&st, "local f = utf8.codes('x') return f(123, 0)");
    same_chunk(&st, "local f = utf8.codes('x') return f({}, 0)");
    same_chunk(&st, "return utf8.codes()");
    EXPECT(checked(&st, 300));
    close_states(&st);
}

PS_TEST(table_functions_as_lua)
{
    states st = open_states();
    static const char *const chunks[] = {
        "local t = {1, 2, 3} table.insert(t, 4) table.insert(t, 1, 0) table.insert(t, 3, 'x') return t",
        "local t = {1, 2, 3} return table.remove(t), t", "local t = {1, 2, 3} return table.remove(t, 1), t",
        "local t = {} return table.remove(t), #t", "local t = {1, 2, 3} return table.remove(t, 4), t",
        "return table.remove({}, 0)", "return table.remove({}, -1)", "return table.remove({}, 5)",
        "return table.remove({1, 2, 3}, 7)", "local t = {[0] = 'z'} return table.remove(t, 0), t",
        "return table.insert({}, 5, 1)", "return table.insert({1}, 0, 5)", "return table.insert({1}, 3, 5)",
        "return table.insert({}, 1, 1, 1)", "return table.insert(nil, 1)", "return table.insert({}, 'x', 1)",
        "return table.insert({1})", "return table.insert({}, 2.0, 1)", "return table.insert('abc', 1)",
        "local t = {1, 2, 3, 4, 5} table.move(t, 2, 4, 1) return t",
        "local t = {1, 2, 3, 4, 5} table.move(t, 1, 3, 3) return t",
        "return table.move({1, 2, 3}, 1, 3, 2, {9, 9, 9, 9})", "return table.move({1, 2, 3}, 3, 1, 1)",
        "return table.move({}, 1, math.maxinteger, 2)", "return table.move({}, -1, math.maxinteger, 2)",
        "return table.move({}, 1, 10, math.maxinteger)", "return table.move('abc', 1, 2, 1)",
        "return table.move({1, 2}, 1, 2, 1, 'x')", "return table.move({1, 2}, 1, 2)",
        "return table.move({1, 2}, math.mininteger, math.mininteger + 1, 1)",
        "return table.concat({1, 2.5, 'x'}, ', '), table.concat({1, 2, 3}, '-', 2, 3), table.concat({}, 'x', 3, 1)",
        "return table.concat({1, {}, 3})", "return table.concat({1, 2}, '', 1, 3)", "return table.concat('abc')",
        "return table.concat({}, {})", "return table.concat({'a', 'b'}, nil, 2)",
        "return table.concat({}, '', math.maxinteger, math.maxinteger)",
        "return table.unpack({1, 2, 3}), table.unpack({1, 2, 3}, 2), table.unpack({1, 2, 3}, -1, 1)",
        "return table.unpack({}, 1, 0)", "return table.unpack({}, 1, 1e7)", "return table.unpack('abc')",
        "return table.unpack({}, math.maxinteger - 1, math.maxinteger)",
        "return table.unpack({}, math.mininteger, math.mininteger + 1)", "return table.unpack({}, 0, math.maxinteger)",
        "return table.unpack()", "return table.unpack({1, 2}, '2')",
        "return table.pack(1, nil, 3), table.pack(), select('#', table.unpack(table.pack(1, nil, 3)))",
        "local t = {5, 3, 8, 1, 9, 2} table.sort(t) return t",
        "local t = {5, 3, 8, 1} table.sort(t, function(a, b) return a > b end) return t",
        "local t = {'b', 'a', 'c', 'B'} table.sort(t) return t",
        "local t = {3, 1, 2} table.sort(t, nil) return t", "return table.sort({1, 'x'})",
        "return table.sort({1, 2}, 5)", "return table.sort({1}, 5)", "return table.sort({}, 5)",
        "return table.sort(setmetatable({}, {__len = function() return 2^31 end}))",
        "return table.sort({3, 2, 1}, function(a, b) error('no order') end)",
        "return table.sort({{}, {}})", "return table.sort(nil)",
        /* proxies: the metamethods see the same reads and writes, in the same order */
        "local log = {} local p = setmetatable({}, {__index = function(_, k) return k * 10 end,"
        " __newindex = function(_, k, v) log[#log + 1] = k .. '=' .. v end, __len = function() return 4 end})"
        " table.insert(p, 2, 'x') table.insert(p, 'y') table.remove(p, 2) table.remove(p)"
        " table.move(p, 1, 3, 2) table.move(p, 2, 4, 1) return table.concat(log, ' '), table.concat(p, ',', 1, 4),"
        " table.unpack(p, 1, 3)",
        "local p = setmetatable({}, {__len = function() return 2.0 end, __index = function(_, k) return k end})"
        " return table.concat(p), table.unpack(p)",
        "local p = setmetatable({}, {__len = function() return 'x' end}) return table.insert(p, 1)",
        "local p = setmetatable({}, {__len = function() return 1.5 end}) return table.concat(p)",
        "local p = setmetatable({}, {__index = rawlen, __len = function() return 3 end}) return table.concat(p, '+')",
    };
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) same_chunk(&st, chunks[i]);
    EXPECT(checked(&st, (int)(sizeof chunks / sizeof chunks[0])));
    close_states(&st);
}

/* Sorts of random arrays (integers with repeats, floats, strings; both orders) give Lua's
 * result; with repeats the elements are numbers, so equal ones cannot be told apart. */
PS_TEST(sort_as_lua)
{
    states st = open_states();
    char src[4096];
    for (int c = 0; c < 300; c++) {
        int n = (int)rnd(60), len = 0;
        int kind = (int)rnd(3);
        len += snprintf(src + len, sizeof src - (size_t)len, "local t = {");
        for (int i = 0; i < n; i++) {
            if (kind == 0) len += snprintf(src + len, sizeof src - (size_t)len, "%u,", rnd(20));
            else if (kind == 1) len += snprintf(src + len, sizeof src - (size_t)len, "%u.25,", rnd(1000));
            else len += snprintf(src + len, sizeof src - (size_t)len, "'k%u',", rnd(100));
        }
        snprintf(src + len, sizeof src - (size_t)len, "} table.sort(t%s) return t",
                 rnd(2) ? ", function(a, b) return a > b end" : "");
        same_chunk(&st, src);
    }
    EXPECT(checked(&st, 300));
    close_states(&st);
}

/* What Lua leaves unspecified: the order of elements the order function calls equal, and the
 * result of an order function that is no order. Ours must still sort by the order and keep
 * every element, and must neither crash nor leave 1..n. */
PS_TEST(sort_keeps_every_element)
{
    states st = open_states();
    char *r = run_chunk(st.L, st.sb,
        "local t, n = {}, 2000 for i = 1, n do t[i] = {key = (i * 7919) % 37, id = i} end\n"
        "table.sort(t, function(a, b) return a.key < b.key end)\n"
        "local seen, ok = {}, true\n"
        "for i = 1, n do seen[t[i].id] = true if i > 1 and t[i - 1].key > t[i].key then ok = false end end\n"
        "for i = 1, n do if not seen[i] then ok = false end end\n"
        "local u = {} for i = 1, 500 do u[i] = i end\n"
        "table.sort(u, function(a, b) return math.random() < 0.5 end)\n"
        "local sum, count = 0, 0 for k, v in pairs(u) do sum = sum + v count = count + 1 end\n"
        "local w = {} for i = 1, 100 do w[i] = i end\n"
        "table.sort(w, function(a, b) w[#w + 1] = 0 return a < b end)\n"
        "return ok, sum, count, #w > 100");
    EXPECT(strcmp(r, "ok|true|i125250|i500|true") == 0);
    if (strcmp(r, "ok|true|i125250|i500|true") != 0) fprintf(stderr, "%s\n", r);
    free(r);
    close_states(&st);
}

/* ---- the budgets -------------------------------------------------------------------------- */

/* Ordinary calls cost what they do: 200,000 short finds and gsubs fit in 5 million units
 * (had each call been charged a whole hook step, they would take 200 million). */
PS_TEST(small_calls_are_charged_what_they_do)
{
    ps_sandbox *sb = sandbox_with((size_t)64 << 20, 5000000, 20.0);
    lua_State *L = ps_sandbox_state(sb);
    char *r = run_chunk(L, sb, "local n = 0 for i = 1, 100000 do if ('a,b'):find(',', 1, true) then n = n + 1 end"
                               " n = n + select(2, ('x'):gsub('x', 'y')) end return n");
    EXPECT(strcmp(r, "ok|i200000") == 0);
    if (strcmp(r, "ok|i200000") != 0) fprintf(stderr, "%s\n", r);
    free(r);
    ps_sandbox_free(sb);
}

/* Each hostile chunk must end with the budget's error: the instruction budget (5e6, about 20 ms
 * of Lua), before its 30 s time budget (the message says which ended it: no clock in this check,
 * which valgrind slows 50 times), and, with no instruction budget to speak of, the time budget
 * (0.5 s) within 2 s: the clock is read during the work (the margin is for a loaded machine:
 * Lua's own functions run for hours). */
static void expect_stopped(const char *src)
{
    static const struct { uint64_t instructions; double seconds, within; const char *message; } budgets[] = {
        {5000000, 30.0, 1e9, "ran past its budget of 5.0 million instructions"},
        {UINT64_C(1) << 60, 0.5, 2.0, "ran past its time budget of 0.5 seconds"}};
    for (int b = 0; b < 2; b++) {
        ps_sandbox *sb = sandbox_with((size_t)64 << 20, budgets[b].instructions, budgets[b].seconds);
        lua_State *L = ps_sandbox_state(sb);
        double t0 = ps_sandbox_now();
        char *r = run_chunk(L, sb, src);
        double took = ps_sandbox_now() - t0;
        int ok = strncmp(r, "error|", 6) == 0 && strstr(r, budgets[b].message) && took < budgets[b].within;
        if (!ok) fprintf(stderr, "%s\n  -> %s after %.2f s (expected '%s' within %.1f s)\n", src, r, took,
                         budgets[b].message, budgets[b].within);
        EXPECT(ok);
        free(r);
        ps_sandbox_free(sb);
    }
}

PS_TEST(backtracking_patterns_stop_at_the_budgets)
{
    expect_stopped("local s = string.rep('a', 3000) return s:find(string.rep('(.-)', 8) .. 'x')");
    expect_stopped("return string.match(string.rep('a', 3000), string.rep('a*', 12) .. 'b')");
    expect_stopped("for x in string.gmatch(string.rep('a', 3000), string.rep('a-', 10) .. 'b') do end");
    expect_stopped("return string.gsub(string.rep('a', 3000), string.rep('(a*)', 8) .. 'b', '')");
    expect_stopped("local s = ('('):rep(20000) for i = 1, 1e9 do s:find('%b()') end");   /* each start scans to the end */
    /* pcall cannot swallow the budget's error and carry on */
    expect_stopped("local ok = pcall(string.find, string.rep('a', 3000), string.rep('a-', 10) .. 'b') return ok");
    /* a plain find that is quadratic, in a loop */
    expect_stopped("local s, p = string.rep('a', 1e5), string.rep('a', 5e4) .. 'b' for i = 1, 1e9 do s:find(p, 1, true) end");
}

PS_TEST(string_loops_stop_at_the_budgets)
{
    expect_stopped("for i = 1, 1e9 do local x = string.rep('ab', 2^20) end");
    expect_stopped("for i = 1, 1e9 do local x = string.rep('ab', 2^19, ',') end");
    expect_stopped("local s = string.rep('x', 2^23) for i = 1, 1e6 do s:upper() end");
    expect_stopped("local s = string.rep('x', 2^23) for i = 1, 1e6 do s:reverse() end");
    expect_stopped("local s = string.rep('a', 2^24) for i = 1, 1e9 do string.format('%.0s', s) end");
    expect_stopped("local s = string.rep('a', 999000) for i = 1, 1e9 do s:byte(1, -1) end");
    expect_stopped("local s = string.rep('1', 2^23) for i = 1, 1e9 do tonumber(s) end");
    expect_stopped("local s = string.rep(' ', 2^23) .. '1' for i = 1, 1e9 do local x = s + 0 end");
    expect_stopped("local s = string.rep('z', 2^23) for i = 1, 1e9 do tonumber(s, 36) end");
    expect_stopped("local s = string.rep('a', 2^23) for i = 1, 1e9 do utf8.len(s) end");
    expect_stopped("local s = 'a' .. string.rep('\\x80', 2^23) local f = utf8.codes(s) for i = 1, 1e9 do f(s, 1) end");
    expect_stopped("local s = string.rep('a', 2^23) for i = 1, 1e9 do utf8.offset(s, 2^22) end");
    expect_stopped("local s = string.rep('a', 2^24) for i = 1, 1e9 do pcall(string.unpack, 'z', s) end");
    expect_stopped("local function f(...) for i = 1, 1e9 do select(1, ...) end end f(string.byte(string.rep('a', 3e5), 1, -1))");
}

PS_TEST(table_loops_stop_at_the_budgets)
{
    expect_stopped("table.move({}, 1, 1e15, 2)");
    expect_stopped("local t = setmetatable({}, {__len = function() return 2^50 end}) table.insert(t, 1, 0)");
    expect_stopped("local t = setmetatable({}, {__len = function() return 2^50 end}) table.remove(t, 1)");
    expect_stopped("local t = setmetatable({}, {__len = function() return 2^31 - 2 end, __index = rawlen,"
                   " __newindex = rawequal}) table.sort(t)");
    expect_stopped("table.concat(setmetatable({}, {__index = rawlen}), '', 1, 2^40)");
    expect_stopped("local t = {} for i = 1, 100 do t[i] = i end while true do table.unpack(t, 1, 999000) end");
    expect_stopped("local t = {} for i = 1, 100 do t[i] = i end while true do table.pack(table.unpack(t, 1, 400000)) end");
}

/* string.rep("", n) builds nothing: "" at once, whatever n (Lua's own loops n times). */
PS_TEST(empty_rep_is_immediate)
{
    ps_sandbox *sb = sandbox_with((size_t)64 << 20, 5000000, 2.0);
    lua_State *L = ps_sandbox_state(sb);
    double t0 = ps_sandbox_now();
    char *r = run_chunk(L, sb, "return string.rep('', math.maxinteger), string.rep('', math.maxinteger, ''), #string.rep('', 2^62)");
    EXPECT(strcmp(r, "ok|s0''|s0''|i0") == 0);
    EXPECT(ps_sandbox_now() - t0 < 0.5);
    free(r);
    ps_sandbox_free(sb);
}

PS_TEST_MAIN(PS_CASE(sandbox_functions_are_ours), PS_CASE(patterns_as_lua), PS_CASE(pattern_arguments_as_lua),
             PS_CASE(random_patterns_as_lua), PS_CASE(string_functions_as_lua), PS_CASE(utf8_functions_as_lua),
             PS_CASE(table_functions_as_lua), PS_CASE(sort_as_lua), PS_CASE(sort_keeps_every_element),
             PS_CASE(small_calls_are_charged_what_they_do), PS_CASE(backtracking_patterns_stop_at_the_budgets),
             PS_CASE(string_loops_stop_at_the_budgets), PS_CASE(table_loops_stop_at_the_budgets),
             PS_CASE(empty_rep_is_immediate))
