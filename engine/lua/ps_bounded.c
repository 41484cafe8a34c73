/* ps_bounded.c: the string, table and utf8 functions of a sandbox, with the work they do inside C
 * charged to its instruction budget, so that the budgets and the deadline end a long call too.
 *
 * Lua's count hook runs between VM instructions only: one call of string.find with a backtracking
 * pattern, of table.move over 1e15 slots or of string.upper on a 100 MB string is one instruction
 * to it. The functions here do the same work as Lua's own (same results, same messages) and tell
 * the sandbox how much they did (ps_sandbox_charge). The pattern matcher and the table loops are
 * our own, written from the Lua 5.4 manual (sections 6.4.1 and 6.6) and checked against the
 * system's liblua5.4 (tests/unit/test_bounded.c, tests/fuzz/fuzz_pattern.c); the other functions
 * are Lua's, called from a closure that charges for them. */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <lauxlib.h>
#include <lualib.h>
#include "ps_bounded.h"
#include "ps_sandbox.h"

/* The cost model, in units of about one Lua VM instruction (2 to 4 ns here): */
#define COPY_BYTES 64     /* bytes copied (memcpy, memchr) per unit */
#define SCAN_BYTES 8      /* bytes examined one at a time (case, UTF-8, numbers) per unit */

/* ---- the meter --------------------------------------------------------------------------------
 * Work is charged in whole hook steps (PS_SANDBOX_HOOK_STEP units): a call that did less than
 * that leaves the rest here for the next one, so that many small calls cost what they did. One
 * meter per state, the first upvalue of every function below. */
typedef struct ps_meter { uint64_t pending; } ps_meter;

#define METER lua_upvalueindex(1)

static void meter_charge(lua_State *L, ps_meter *m, uint64_t work)
{
    m->pending += work < (UINT64_MAX >> 2) ? work : (UINT64_MAX >> 2);
    if (m->pending >= PS_SANDBOX_HOOK_STEP) {
        uint64_t whole = m->pending - m->pending % PS_SANDBOX_HOOK_STEP;
        m->pending -= whole;
        ps_sandbox_charge(L, whole);
    }
}

static ps_meter *meter_of(lua_State *L) { return lua_touserdata(L, METER); }

/* Lua's rule for a start position (string.find's init, gmatch's): 1-based, negative from the
 * end, clipped to 1 below; may be past the end. */
static size_t start_position(lua_Integer pos, size_t len)
{
    if (pos > 0) return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

/* ---- patterns (manual, section 6.4.1) -------------------------------------------------------- */

#define PAT_MAXCAPTURES 32      /* "too many captures" past this, as Lua */
#define PAT_MAXDEPTH 200        /* nested matching calls: "pattern too complex" past this, as Lua */
#define PAT_CHUNK 256           /* matching steps handed to the meter at a time (at least) */
#define CAP_OPEN (-1)           /* a capture whose ')' is not reached yet */
#define CAP_POSITION (-2)       /* a position capture, () */

typedef struct pat_capture {
    const char *start;
    ptrdiff_t len;              /* bytes, CAP_OPEN or CAP_POSITION */
} pat_capture;

typedef struct pat_state {
    lua_State *L;
    ps_meter *meter;
    const char *s0, *s_end;     /* the subject */
    const char *p_end;          /* the pattern's end */
    int depth;                  /* nested calls of pat_match still allowed */
    int ncap;                   /* captures opened so far */
    uint64_t used;              /* steps not yet handed to the meter */
    pat_capture cap[PAT_MAXCAPTURES];
} pat_state;

static void pat_init(pat_state *ms, lua_State *L, ps_meter *m, const char *s, size_t ls, const char *p, size_t lp)
{
    ms->L = L;
    ms->meter = m;
    ms->s0 = s;
    ms->s_end = s + ls;
    ms->p_end = p + lp;
    ms->used = 1;               /* the call itself */
}

/* a fresh attempt at one position of the subject */
static void pat_restart(pat_state *ms)
{
    ms->depth = PAT_MAXDEPTH;
    ms->ncap = 0;
}

static void pat_flush(pat_state *ms)
{
    uint64_t n = ms->used;
    ms->used = 0;
    meter_charge(ms->L, ms->meter, n);
}

/* Steps are counted everywhere and handed to the meter (which may raise the budget's error) at
 * each call of pat_match and in the loops that do not call it: between two checks, at most one
 * pass over the subject or the pattern. */
static inline void pat_step(pat_state *ms, uint64_t n)
{
    ms->used += n;
    if (ms->used >= PAT_CHUNK) pat_flush(ms);
}

/* Does c belong to the class named by the letter cl (%a, %d, ...; upper case: the complement)?
 * Any other character after '%' stands for itself. */
static inline int pat_class_has(int c, int cl)
{
    int in;
    switch (tolower(cl)) {
    case 'a': in = isalpha(c); break;
    case 'c': in = iscntrl(c); break;
    case 'd': in = isdigit(c); break;
    case 'g': in = isgraph(c); break;
    case 'l': in = islower(c); break;
    case 'p': in = ispunct(c); break;
    case 's': in = isspace(c); break;
    case 'u': in = isupper(c); break;
    case 'w': in = isalnum(c); break;
    case 'x': in = isxdigit(c); break;
    case 'z': in = c == 0; break;   /* not in the 5.4 manual, but in its library */
    default: return cl == c;
    }
    in = in != 0;
    return isupper(cl) ? !in : in;
}

/* Is c in the set [..] that starts at p ('[') and ends at last (its ']')? */
static int pat_set_has(int c, const char *p, const char *last)
{
    int want = 1;
    p++;
    if (*p == '^') {
        want = 0;
        p++;
    }
    for (; p < last; p++) {
        if (*p == '%') {
            p++;
            if (pat_class_has(c, (unsigned char)*p)) return want;
        } else if (p + 2 < last && p[1] == '-') {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return want;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return want;
        }
    }
    return !want;
}

/* The end of the single-character class that starts at p (p < p_end): past "x", "%x" or "[set]". */
static const char *pat_class_end(pat_state *ms, const char *p)
{
    const char *q = p + 1;
    if (*p == '%') {
        if (q >= ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
        return q + 1;
    }
    if (*p != '[') return q;
    if (q < ms->p_end && *q == '^') q++;
    /* the set's first character belongs to it, even when it is ']' */
    do {
        if (q >= ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
        if (*q++ == '%' && q < ms->p_end) q++;
    } while (q >= ms->p_end || *q != ']');
    ms->used += (uint64_t)(q - p) / 16;
    return q + 1;
}

/* Does the character at s (if any) match the class p..ep? */
static int pat_single(pat_state *ms, const char *s, const char *p, const char *ep)
{
    ms->used++;
    if (s >= ms->s_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case '%': return pat_class_has(c, (unsigned char)p[1]);
    case '[':
        ms->used += (uint64_t)(ep - p) / 16;
        return pat_set_has(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *pat_match(pat_state *ms, const char *s, const char *p);

/* x* and x+ (after its first): as many as match, then fewer until the rest matches */
static const char *pat_longest(pat_state *ms, const char *s, const char *p, const char *ep)
{
    ptrdiff_t n = 0;
    while (pat_single(ms, s + n, p, ep)) n++;
    for (; n >= 0; n--) {
        const char *r = pat_match(ms, s + n, ep + 1);
        if (r) return r;
    }
    return NULL;
}

/* x-: as few as let the rest match */
static const char *pat_shortest(pat_state *ms, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = pat_match(ms, s, ep + 1);
        if (r) return r;
        if (!pat_single(ms, s, p, ep)) return NULL;
        s++;
    }
}

static const char *pat_open(pat_state *ms, const char *s, const char *p, ptrdiff_t what)
{
    if (ms->ncap >= PAT_MAXCAPTURES) luaL_error(ms->L, "too many captures");
    ms->cap[ms->ncap].start = s;
    ms->cap[ms->ncap].len = what;
    ms->ncap++;
    const char *r = pat_match(ms, s, p);
    if (!r) ms->ncap--;
    return r;
}

static const char *pat_close(pat_state *ms, const char *s, const char *p)
{
    int i = ms->ncap - 1;
    while (i >= 0 && ms->cap[i].len != CAP_OPEN) i--;
    if (i < 0) luaL_error(ms->L, "invalid pattern capture");
    ms->cap[i].len = s - ms->cap[i].start;
    const char *r = pat_match(ms, s, p);
    if (!r) ms->cap[i].len = CAP_OPEN;
    return r;
}

/* %bxy at s; p points at x */
static const char *pat_balance(pat_state *ms, const char *s, const char *p)
{
    if (p + 1 >= ms->p_end) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->s_end || *s != p[0]) return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    while (++s < ms->s_end) {
        pat_step(ms, 1);
        if (*s == close) {
            if (--depth == 0) return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

/* %1 to %9 at s: the text of that capture again (a position capture never matches) */
static const char *pat_backref(pat_state *ms, const char *s, int digit)
{
    int i = digit - '1';
    if (i < 0 || i >= ms->ncap || ms->cap[i].len == CAP_OPEN)
        luaL_error(ms->L, "invalid capture index %%%d", i + 1);
    ptrdiff_t len = ms->cap[i].len;
    if (len < 0 || ms->s_end - s < len) return NULL;
    pat_step(ms, (uint64_t)(len / COPY_BYTES));
    return memcmp(ms->cap[i].start, s, (size_t)len) == 0 ? s + len : NULL;
}

/* Matches the pattern p.. at s: the end of the match, or NULL. Items that leave no choice (a
 * single character, %b, %f, a back-reference) are matched in the loop; a choice (a quantifier, a
 * capture to undo) is a nested call, at most PAT_MAXDEPTH deep. */
static const char *pat_match(pat_state *ms, const char *s, const char *p)
{
    if (ms->depth-- == 0) luaL_error(ms->L, "pattern too complex");
    for (;;) {
        pat_step(ms, 1);
        if (p == ms->p_end) break;
        if (*p == '(') {
            if (p + 1 < ms->p_end && p[1] == ')') s = pat_open(ms, s, p + 2, CAP_POSITION);
            else s = pat_open(ms, s, p + 1, CAP_OPEN);
            break;
        }
        if (*p == ')') {
            s = pat_close(ms, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == ms->p_end) {
            if (s != ms->s_end) s = NULL;
            break;
        }
        if (*p == '%' && p + 1 < ms->p_end) {
            char k = p[1];
            if (k == 'b') {
                s = pat_balance(ms, s, p + 2);
                if (!s) break;
                p += 4;
                continue;
            }
            if (k == 'f') {
                p += 2;
                if (p >= ms->p_end || *p != '[') luaL_error(ms->L, "missing '[' after '%%f' in pattern");
                const char *ep = pat_class_end(ms, p);
                int before = s == ms->s0 ? 0 : (unsigned char)s[-1];
                int here = s < ms->s_end ? (unsigned char)*s : 0;
                if (pat_set_has(before, p, ep - 1) || !pat_set_has(here, p, ep - 1)) {
                    s = NULL;
                    break;
                }
                p = ep;
                continue;
            }
            if (k >= '0' && k <= '9') {
                s = pat_backref(ms, s, k);
                if (!s) break;
                p += 2;
                continue;
            }
        }
        /* a single-character class, perhaps with a quantifier */
        const char *ep = pat_class_end(ms, p);
        char q = ep < ms->p_end ? *ep : '\0';
        if (!pat_single(ms, s, p, ep)) {
            if (q == '*' || q == '?' || q == '-') {   /* zero of them is fine */
                p = ep + 1;
                continue;
            }
            s = NULL;
            break;
        }
        if (q == '?') {
            const char *r = pat_match(ms, s + 1, ep + 1);
            if (r) {
                s = r;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (q == '+') { s = pat_longest(ms, s + 1, p, ep); break; }
        if (q == '*') { s = pat_longest(ms, s, p, ep); break; }
        if (q == '-') { s = pat_shortest(ms, s, p, ep); break; }
        s++;
        p = ep;
    }
    ms->depth++;
    return s;
}

/* Capture i of the match s..e: its text (*len >= 0) or a position (*len == CAP_POSITION, *text
 * its start). With no captures, capture 0 is the whole match. */
static void pat_capture_get(pat_state *ms, int i, const char *s, const char *e, const char **text, ptrdiff_t *len)
{
    if (i >= ms->ncap) {
        if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        *text = s;
        *len = e - s;
        return;
    }
    if (ms->cap[i].len == CAP_OPEN) luaL_error(ms->L, "unfinished capture");
    *text = ms->cap[i].start;
    *len = ms->cap[i].len;
}

static void pat_push_capture(pat_state *ms, int i, const char *s, const char *e)
{
    const char *text;
    ptrdiff_t len;
    pat_capture_get(ms, i, s, e, &text, &len);
    if (len == CAP_POSITION) {
        lua_pushinteger(ms->L, (lua_Integer)(text - ms->s0) + 1);
    } else {
        pat_step(ms, (uint64_t)(len / COPY_BYTES));
        lua_pushlstring(ms->L, text, (size_t)len);
    }
}

/* Pushes the captures (or, with none and s given, the whole match); returns how many. */
static int pat_push_captures(pat_state *ms, const char *s, const char *e)
{
    int n = (ms->ncap == 0 && s) ? 1 : ms->ncap;
    luaL_checkstack(ms->L, n, "too many captures");
    for (int i = 0; i < n; i++) pat_push_capture(ms, i, s, e);
    return n;
}

/* Has the pattern a character that is magic to string.find? Without one, find searches plainly
 * (as Lua's does, which matters for ')': plain, it is no error). */
static int pat_has_specials(pat_state *ms, const char *p, size_t lp)
{
    pat_step(ms, lp / SCAN_BYTES);
    for (size_t i = 0; i < lp; i++) {
        switch (p[i]) {
        case '^': case '$': case '*': case '+': case '?': case '.': case '(': case '[': case '%': case '-': return 1;
        default: break;
        }
    }
    return 0;
}

/* The first occurrence of p (lp bytes) in s (ls bytes), or NULL. */
static const char *plain_find(pat_state *ms, const char *s, size_t ls, const char *p, size_t lp)
{
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    const char *last = s + (ls - lp);   /* the last place a match can start */
    while (s <= last) {
        const char *c = memchr(s, p[0], (size_t)(last - s) + 1);
        pat_step(ms, (uint64_t)(((c ? c : last) - s) / COPY_BYTES) + 1);
        if (!c) return NULL;
        pat_step(ms, (uint64_t)(lp / COPY_BYTES));
        if (memcmp(c + 1, p + 1, lp - 1) == 0) return c;
        s = c + 1;
    }
    return NULL;
}

/* string.find(s, pattern [, init [, plain]]) and string.match(s, pattern [, init]) */
static int find_or_match(lua_State *L, int find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    pat_state ms;
    pat_init(&ms, L, meter_of(L), s, ls, p, lp);
    if (init > ls) {
        pat_flush(&ms);
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !pat_has_specials(&ms, p, lp))) {
        const char *at = plain_find(&ms, s + init, ls - init, p, lp);
        pat_flush(&ms);
        if (!at) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (lua_Integer)(at - s) + 1);
        lua_pushinteger(L, (lua_Integer)(at - s) + (lua_Integer)lp);
        return 2;
    }
    int anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
        ms.p_end = p + lp;
    }
    const char *at = s + init;
    do {
        pat_restart(&ms);
        const char *e = pat_match(&ms, at, p);
        if (e) {
            int n;
            if (find) {
                lua_pushinteger(L, (lua_Integer)(at - s) + 1);
                lua_pushinteger(L, (lua_Integer)(e - s));
                n = pat_push_captures(&ms, NULL, NULL) + 2;
            } else {
                n = pat_push_captures(&ms, at, e);
            }
            pat_flush(&ms);
            return n;
        }
    } while (at++ < ms.s_end && !anchor);
    pat_flush(&ms);
    luaL_pushfail(L);
    return 1;
}

static int bounded_find(lua_State *L) { return find_or_match(L, 1); }
static int bounded_match(lua_State *L) { return find_or_match(L, 0); }

/* gmatch's iterator: upvalues meter, subject, pattern (which keep s and p alive: Lua's strings
 * do not move), and where it stands */
typedef struct gmatch_state {
    const char *s, *p;
    size_t ls, lp;
    size_t next;        /* where the next attempt starts */
    size_t last_end;    /* where the last match ended (SIZE_MAX: none yet) */
} gmatch_state;

static int gmatch_step(lua_State *L)
{
    gmatch_state *g = lua_touserdata(L, lua_upvalueindex(4));
    const char *s = g->s, *p = g->p;
    size_t ls = g->ls;
    pat_state ms;
    pat_init(&ms, L, meter_of(L), s, ls, p, g->lp);
    for (size_t at = g->next; at <= ls; at++) {
        pat_restart(&ms);
        const char *e = pat_match(&ms, s + at, p);
        if (e && (size_t)(e - s) != g->last_end) {
            g->next = g->last_end = (size_t)(e - s);
            int n = pat_push_captures(&ms, s + at, e);
            pat_flush(&ms);
            return n;
        }
    }
    pat_flush(&ms);
    return 0;
}

/* string.gmatch(s, pattern [, init]): '^' is no anchor here, as in Lua 5.4 */
static int bounded_gmatch(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);
    gmatch_state *g = lua_newuserdatauv(L, sizeof *g, 0);
    g->s = s;
    g->p = p;
    g->ls = ls;
    g->lp = lp;
    g->next = init > ls ? ls + 1 : init;
    g->last_end = SIZE_MAX;
    lua_pushvalue(L, METER);
    lua_insert(L, 1);
    lua_pushcclosure(L, gmatch_step, 4);
    meter_charge(L, meter_of(L), 1);
    return 1;
}

/* gsub's replacement string: %0 to %9 and %% */
static void gsub_add_string(pat_state *ms, luaL_Buffer *b, const char *s, const char *e)
{
    lua_State *L = ms->L;
    size_t l;
    const char *r = lua_tolstring(L, 3, &l);
    const char *end = r + l;
    pat_step(ms, 1 + (uint64_t)(l / COPY_BYTES));
    while (r < end) {
        const char *q = memchr(r, '%', (size_t)(end - r));
        if (!q) {
            luaL_addlstring(b, r, (size_t)(end - r));
            break;
        }
        luaL_addlstring(b, r, (size_t)(q - r));
        q++;
        if (q < end && *q == '%') {
            luaL_addchar(b, '%');
        } else if (q < end && *q == '0') {
            pat_step(ms, (uint64_t)((e - s) / COPY_BYTES));
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (q < end && isdigit((unsigned char)*q)) {
            const char *text;
            ptrdiff_t len;
            pat_capture_get(ms, *q - '1', s, e, &text, &len);
            if (len == CAP_POSITION) {
                lua_pushinteger(L, (lua_Integer)(text - ms->s0) + 1);
                luaL_addvalue(b);
            } else {
                pat_step(ms, (uint64_t)(len / COPY_BYTES));
                luaL_addlstring(b, text, (size_t)len);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", '%');
        }
        r = q + 1;
    }
}

/* Adds the replacement of the match s..e; returns whether it changed the text. */
static int gsub_add(pat_state *ms, luaL_Buffer *b, const char *s, const char *e, int kind)
{
    lua_State *L = ms->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = pat_push_captures(ms, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        pat_push_capture(ms, 0, s, e);
        lua_gettable(L, 3);
    } else {
        gsub_add_string(ms, b, s, e);
        return 1;
    }
    size_t len;
    if (!lua_toboolean(L, -1)) {   /* false or nil: the match stays */
        lua_pop(L, 1);
        pat_step(ms, (uint64_t)((e - s) / COPY_BYTES));
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1)) return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    lua_tolstring(L, -1, &len);
    pat_step(ms, (uint64_t)(len / COPY_BYTES));
    luaL_addvalue(b);
    return 1;
}

/* string.gsub(s, pattern, repl [, n]) */
static int bounded_gsub(lua_State *L)
{
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int kind = lua_type(L, 3);
    lua_Integer most = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE,
                     3, "string/function/table");
    int anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    pat_state ms;
    pat_init(&ms, L, meter_of(L), src, ls, p, lp);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *last_end = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < most) {
        pat_restart(&ms);
        const char *e = pat_match(&ms, src, p);
        if (e && e != last_end) {
            n++;
            changed |= gsub_add(&ms, &b, src, e, kind);
            src = last_end = e;
        } else if (src < ms.s_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        pat_step(&ms, (uint64_t)((ms.s_end - src) / COPY_BYTES));
        luaL_addlstring(&b, src, (size_t)(ms.s_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    pat_flush(&ms);
    return 2;
}

/* ---- string.rep ------------------------------------------------------------------------------ */

#define REP_MAXSIZE ((size_t)INT_MAX)   /* the largest result Lua 5.4's string.rep builds */

/* string.rep(s, n [, sep]): built by doubling what is already copied; an empty result (empty s
 * and sep) takes no loop at all, so string.rep("", math.maxinteger) is "" at once. */
static int bounded_rep(lua_State *L)
{
    size_t l, lsep;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    ps_meter *m = meter_of(L);
    meter_charge(L, m, 1);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (l + lsep < l || l + lsep > REP_MAXSIZE / (lua_Unsigned)n) return luaL_error(L, "resulting string too large");
    size_t total = (size_t)n * l + (size_t)(n - 1) * lsep;
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, total);
    /* one copy of s and sep; then the result so far, which repeats with period l + lsep, is
     * copied after itself until full (the last copy of s has no sep after it: the result is
     * cut there) */
    size_t unit = l + lsep, done;
    memcpy(out, s, l);
    if (unit <= total) memcpy(out + l, sep, lsep);
    done = unit < total ? unit : total;
    while (done < total) {
        size_t from = done % unit;   /* out[done..] continues as out[from..] does */
        size_t k = done - from;
        if (k > total - done) k = total - done;
        if (k > ((size_t)1 << 20)) k = (size_t)1 << 20;   /* charged as it goes */
        meter_charge(L, m, k / COPY_BYTES + 1);
        memcpy(out + done, out + from, k);
        done += k;
    }
    luaL_pushresultsize(&b, total);
    return 1;
}

/* ---- table (manual, section 6.6) ------------------------------------------------------------ */

enum { TAB_READ = 1, TAB_WRITE = 2, TAB_LENGTH = 4 };

/* Argument arg must be a table, or have the metamethods that stand for what the function does
 * with it (__index to read, __newindex to write, __len for its length). */
static void tab_check(lua_State *L, int arg, int what)
{
    if (lua_type(L, arg) == LUA_TTABLE) return;
    int n = 1;
    int ok = lua_getmetatable(L, arg);
    static const struct { int what; const char *field; } needs[] = {
        {TAB_READ, "__index"}, {TAB_WRITE, "__newindex"}, {TAB_LENGTH, "__len"}};
    for (int i = 0; ok && i < 3; i++) {
        if (!(what & needs[i].what)) continue;
        lua_pushstring(L, needs[i].field);
        n++;
        ok = lua_rawget(L, -n) != LUA_TNIL;
    }
    if (!ok) luaL_checktype(L, arg, LUA_TTABLE);   /* the error */
    lua_pop(L, n);
}

static lua_Integer tab_length(lua_State *L, int arg, int what)
{
    tab_check(L, arg, what | TAB_LENGTH);
    return luaL_len(L, arg);
}

/* table.insert(t, [pos,] value) */
static int bounded_insert(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_Integer end = (lua_Integer)((lua_Unsigned)tab_length(L, 1, TAB_READ | TAB_WRITE) + 1u);   /* first empty slot */
    lua_Integer pos = end;
    meter_charge(L, m, 1);
    switch (lua_gettop(L)) {
    case 2: break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)end, 2, "position out of bounds");
        for (lua_Integer i = end; i > pos; i--) {   /* t[i] = t[i - 1] */
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
            meter_charge(L, m, 2);
        }
        break;
    default: return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

/* table.remove(t [, pos]) */
static int bounded_remove(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_Integer size = tab_length(L, 1, TAB_READ | TAB_WRITE);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    meter_charge(L, m, 1);
    if (pos != size)   /* Lua 5.4 names argument 1 in this message */
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 1, "position out of bounds");
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {   /* t[pos] = t[pos + 1] */
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
        meter_charge(L, m, 2);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* table.move(a1, f, e, t [, a2]) */
static int bounded_move(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int to = lua_isnoneornil(L, 5) ? 1 : 5;
    tab_check(L, 1, TAB_READ);
    tab_check(L, to, TAB_WRITE);
    meter_charge(L, m, 1);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        lua_Integer n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        /* overlapping ranges of one table are copied from the end that does not overwrite */
        int forward = t > e || t <= f || (to != 1 && !lua_compare(L, 1, to, LUA_OPEQ));
        for (lua_Integer i = 0; i < n; i++) {
            lua_Integer k = forward ? i : n - 1 - i;
            lua_geti(L, 1, f + k);
            lua_seti(L, to, t + k);
            meter_charge(L, m, 2);
        }
    }
    lua_pushvalue(L, to);
    return 1;
}

static void concat_add(lua_State *L, ps_meter *m, luaL_Buffer *b, lua_Integer i)
{
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1), (LUAI_UACINT)i);
    size_t len;
    lua_tolstring(L, -1, &len);
    meter_charge(L, m, 2 + len / COPY_BYTES);
    luaL_addvalue(b);
}

/* table.concat(t [, sep [, i [, j]]]) */
static int bounded_concat(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_Integer last = tab_length(L, 1, TAB_READ);
    size_t lsep;
    const char *sep = luaL_optlstring(L, 2, "", &lsep);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    last = luaL_optinteger(L, 4, last);
    meter_charge(L, m, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (; i < last; i++) {
        concat_add(L, m, &b, i);
        luaL_addlstring(&b, sep, lsep);
        meter_charge(L, m, lsep / COPY_BYTES);
    }
    if (i == last) concat_add(L, m, &b, i);
    luaL_pushresult(&b);
    return 1;
}

/* table.unpack(t [, i [, j]]) */
static int bounded_unpack(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer e = luaL_opt(L, luaL_checkinteger, 3, luaL_len(L, 1));
    meter_charge(L, m, 1);
    if (i > e) return 0;
    lua_Unsigned n = (lua_Unsigned)e - (lua_Unsigned)i;   /* one less than the count */
    if (n >= (lua_Unsigned)INT_MAX || !lua_checkstack(L, (int)(++n))) return luaL_error(L, "too many results to unpack");
    for (; i < e; i++) {   /* to e - 1, then e: no overflow at LUA_MAXINTEGER */
        lua_geti(L, 1, i);
        meter_charge(L, m, 1);
    }
    lua_geti(L, 1, e);
    return (int)n;
}

/* table.sort: a heap sort (Floyd's: the hole goes down to a leaf along the larger children, then
 * the value climbs back), in place, n log n comparisons at worst, and every index within 1..n
 * whatever the order function answers. Not stable; equal elements may end in another order than
 * Lua's own sort leaves them. */

static int sort_less(lua_State *L, ps_meter *m, int a, int b)
{
    meter_charge(L, m, 1);
    if (lua_isnil(L, 2)) return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* The value on the stack top goes into the hole at i of the heap t[1..size], which it pops. */
static void sort_sift(lua_State *L, ps_meter *m, lua_Integer i, lua_Integer size)
{
    int x = lua_gettop(L);
    lua_Integer j = i;
    while (j <= size / 2) {   /* j has a child */
        lua_Integer c = 2 * j;
        lua_geti(L, 1, c);
        if (c < size) {
            lua_geti(L, 1, c + 1);
            if (sort_less(L, m, x + 1, x + 2)) {
                c++;
                lua_seti(L, 1, j);   /* t[j] = t[c + 1] */
            } else {
                lua_pop(L, 1);
                lua_seti(L, 1, j);   /* t[j] = t[c] */
            }
            lua_settop(L, x);
        } else {
            lua_seti(L, 1, j);
        }
        meter_charge(L, m, 3);
        j = c;
    }
    while (j > i) {   /* x climbs while its parent is smaller */
        lua_geti(L, 1, j / 2);
        if (!sort_less(L, m, x + 1, x)) {
            lua_pop(L, 1);
            break;
        }
        lua_seti(L, 1, j);
        meter_charge(L, m, 2);
        j /= 2;
    }
    lua_seti(L, 1, j);
}

/* table.sort(t [, comp]) */
static int bounded_sort(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_Integer n = tab_length(L, 1, TAB_READ | TAB_WRITE);
    meter_charge(L, m, 1);
    if (n <= 1) return 0;
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    for (lua_Integer i = n / 2; i >= 1; i--) {   /* a heap with the largest at t[1] */
        lua_geti(L, 1, i);
        sort_sift(L, m, i, n);
    }
    for (lua_Integer size = n; size > 1; size--) {   /* the largest to the end, again and again */
        lua_geti(L, 1, size);
        lua_geti(L, 1, 1);
        lua_seti(L, 1, size);
        meter_charge(L, m, 3);
        sort_sift(L, m, 1, size - 1);
    }
    return 0;
}

/* ---- Lua's own functions, charged ------------------------------------------------------------
 * A closure with upvalues (meter, the library's function, its cost rule) charges before and after
 * calling the library's function. It calls it as a C function within its own frame (those
 * functions have no upvalues), so that an argument error names the function as Lua's would. */

enum {
    COST_ARGS = 1 << 0,        /* before: 1 per argument */
    COST_ARG_BYTES = 1 << 1,   /* before: the bytes of every string argument, 1 per SCAN_BYTES */
    COST_ARG1_BYTES = 1 << 2,  /* before: the bytes of argument 1, 1 per SCAN_BYTES */
    COST_RESULTS = 1 << 3,     /* after: 1 per result, and string results' bytes, 1 per COPY_BYTES */
    COST_TOSTRING = 1 << 4,    /* after: the result's bytes, unless made from a string or number */
    COST_UNPACK = 1 << 5,      /* before: string.unpack's format, and its data when 'z' may scan it */
    COST_UTF8_SCAN = 1 << 6,   /* before: the bytes of s[i..j] (utf8.len), 1 per SCAN_BYTES */
    COST_UTF8_VALUES = 1 << 7, /* before: 1 per byte of s[i..j] (utf8.codepoint, a value each) */
    COST_UTF8_OFFSET = 1 << 8  /* after: the bytes utf8.offset walked over, 1 per SCAN_BYTES */
};

static uint64_t string_bytes(lua_State *L, int idx)
{
    size_t len = 0;
    if (lua_type(L, idx) == LUA_TSTRING) lua_tolstring(L, idx, &len);
    return len;
}

/* Lua's utf8 rule for a position: negative from the end, 0 past a too negative one. */
static lua_Integer utf8_position(lua_Integer pos, size_t len)
{
    if (pos >= 0) return pos;
    if (0u - (lua_Unsigned)pos > len) return 0;
    return (lua_Integer)len + pos + 1;
}

/* Argument idx of nargs as an integer, dflt when absent or nil; *ok = 0 when not an integer. */
static lua_Integer opt_integer(lua_State *L, int idx, int nargs, lua_Integer dflt, int *ok)
{
    if (idx > nargs || lua_isnil(L, idx)) return dflt;
    int isnum;
    lua_Integer v = lua_tointegerx(L, idx, &isnum);
    if (!isnum) *ok = 0;
    return v;
}

/* The bytes of s[i..j] for utf8.len (j defaults to -1) or utf8.codepoint (j defaults to i);
 * 0 when the arguments are not what the function takes (it raises the error itself). */
static uint64_t utf8_range(lua_State *L, int codepoint)
{
    if (lua_type(L, 1) != LUA_TSTRING) return 0;
    size_t len;
    lua_tolstring(L, 1, &len);
    int ok = 1, nargs = lua_gettop(L);
    lua_Integer i = utf8_position(opt_integer(L, 2, nargs, 1, &ok), len);
    lua_Integer j = utf8_position(opt_integer(L, 3, nargs, codepoint ? i : -1, &ok), len);
    if (!ok || i < 1 || j < i) return 0;
    if (j > (lua_Integer)len) j = (lua_Integer)len;
    return (uint64_t)(j - i + 1);
}

static uint64_t cost_before(lua_State *L, int rule)
{
    int n = lua_gettop(L);
    uint64_t work = 1;
    if (rule & COST_ARGS) work += (uint64_t)n;
    if (rule & COST_ARG_BYTES)
        for (int i = 1; i <= n; i++) work += string_bytes(L, i) / SCAN_BYTES;
    if (rule & COST_ARG1_BYTES) work += string_bytes(L, 1) / SCAN_BYTES;
    if (rule & COST_UNPACK) {
        size_t lf;
        const char *fmt = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &lf) : NULL;
        if (fmt) {
            work += lf / SCAN_BYTES;
            if (memchr(fmt, 'z', lf)) work += string_bytes(L, 2) / SCAN_BYTES;   /* up to a zero */
        }
    }
    if (rule & COST_UTF8_SCAN) work += utf8_range(L, 0) / SCAN_BYTES;
    if (rule & COST_UTF8_VALUES) {
        uint64_t bytes = utf8_range(L, 1);
        work += bytes < 1000000 ? bytes : 1000000;   /* past Lua's stack limit it fails at once */
    }
    return work;
}

/* nargs arguments at 1..nargs, nres results on the top */
static uint64_t cost_after(lua_State *L, int rule, int nargs, int nres)
{
    int top = lua_gettop(L);
    uint64_t work = 0;
    if (rule & COST_RESULTS) {
        work += (uint64_t)nres;
        for (int i = top - nres + 1; i <= top; i++) work += string_bytes(L, i) / COPY_BYTES;
    }
    if ((rule & COST_TOSTRING) && nargs >= 1 && nres == 1) {
        int t = lua_type(L, 1);
        if (t != LUA_TSTRING && t != LUA_TNUMBER) work += string_bytes(L, top) / COPY_BYTES;
    }
    if ((rule & COST_UTF8_OFFSET) && nres == 1 && lua_type(L, 1) == LUA_TSTRING) {
        size_t len;
        lua_tolstring(L, 1, &len);
        int ok = 1;
        lua_Integer n = opt_integer(L, 2, nargs, 0, &ok);
        lua_Integer from = utf8_position(opt_integer(L, 3, nargs, n >= 0 ? 1 : (lua_Integer)len + 1, &ok), len);
        uint64_t walked = len;   /* not found: walked to an end */
        if (lua_isinteger(L, top)) {
            lua_Integer to = lua_tointeger(L, top);
            walked = (uint64_t)(to > from ? to - from : from - to);
        }
        work += walked / SCAN_BYTES;
    }
    return work;
}

static int charged_call(lua_State *L)
{
    ps_meter *m = meter_of(L);
    lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(2));
    int rule = (int)lua_tointeger(L, lua_upvalueindex(3));
    int nargs = lua_gettop(L);
    meter_charge(L, m, cost_before(L, rule));
    int nres = f(L);
    uint64_t after = cost_after(L, rule, nargs, nres);
    if (after) meter_charge(L, m, after);
    return nres;
}

/* utf8.codes' iterator: before Lua's own steps, the continuation bytes it is about to skip are
 * counted (and charged as they are counted: a run of them may be long). Upvalues: meter, Lua's
 * iterator. */
static int codes_step(lua_State *L)
{
    ps_meter *m = meter_of(L);
    size_t run = 0;
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, 1, &len);
        lua_Unsigned i = (lua_Unsigned)lua_tointeger(L, 2);
        for (; i < len && ((unsigned char)s[i] & 0xC0) == 0x80; i++) {
            if (++run == 4096) {
                meter_charge(L, m, 4096 / SCAN_BYTES);
                run = 0;
            }
        }
    }
    meter_charge(L, m, 1 + run / SCAN_BYTES);
    return lua_tocfunction(L, lua_upvalueindex(2))(L);
}

/* utf8.codes(s [, lax]): Lua's, with its iterator charged */
static int bounded_codes(lua_State *L)
{
    int nres = lua_tocfunction(L, lua_upvalueindex(2))(L);
    int it = lua_gettop(L) - nres + 1;
    meter_charge(L, meter_of(L), 1);
    if (nres >= 1 && lua_tocfunction(L, it)) {
        lua_pushvalue(L, METER);
        lua_pushvalue(L, it);
        lua_pushcclosure(L, codes_step, 2);
        lua_replace(L, it);
    }
    return nres;
}

/* ---- installation ---------------------------------------------------------------------------- */

/* t[name] = fn, a closure over the meter (at index meter) */
static void set_own(lua_State *L, int meter, int t, const char *name, lua_CFunction fn)
{
    lua_pushvalue(L, meter);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, t, name);
}

/* t[name] = Lua's t[name], charged by rule; fn (charged_call unless given) holds it as upvalue 2.
 * Only a C function without upvalues can be called within another's frame: anything else is
 * left as it is. */
static void set_charged(lua_State *L, int meter, int t, const char *name, int rule, lua_CFunction fn)
{
    lua_getfield(L, t, name);
    if (!lua_tocfunction(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (lua_getupvalue(L, -1, 1)) {
        lua_pop(L, 2);
        return;
    }
    lua_pushvalue(L, meter);
    lua_insert(L, -2);
    lua_pushinteger(L, rule);
    lua_pushcclosure(L, fn ? fn : charged_call, 3);
    lua_setfield(L, t, name);
}

void ps_bounded_install(lua_State *L)
{
    static const struct { const char *name; lua_CFunction fn; } string_own[] = {
        {"find", bounded_find}, {"match", bounded_match}, {"gmatch", bounded_gmatch},
        {"gsub", bounded_gsub}, {"rep", bounded_rep}};
    static const struct { const char *name; lua_CFunction fn; } table_own[] = {
        {"insert", bounded_insert}, {"remove", bounded_remove}, {"move", bounded_move},
        {"concat", bounded_concat}, {"unpack", bounded_unpack}, {"sort", bounded_sort}};
    static const struct { const char *lib, *name; int rule; } charged[] = {
        {LUA_STRLIBNAME, "byte", COST_RESULTS},
        {LUA_STRLIBNAME, "char", COST_ARGS},
        {LUA_STRLIBNAME, "format", COST_ARGS | COST_ARG_BYTES | COST_RESULTS},
        {LUA_STRLIBNAME, "lower", COST_ARG1_BYTES},
        {LUA_STRLIBNAME, "upper", COST_ARG1_BYTES},
        {LUA_STRLIBNAME, "reverse", COST_ARG1_BYTES},
        {LUA_STRLIBNAME, "sub", COST_RESULTS},
        {LUA_STRLIBNAME, "pack", COST_ARGS | COST_ARG_BYTES | COST_RESULTS},
        {LUA_STRLIBNAME, "packsize", COST_ARG1_BYTES},
        {LUA_STRLIBNAME, "unpack", COST_UNPACK | COST_RESULTS},
        {LUA_TABLIBNAME, "pack", COST_ARGS},
        {LUA_UTF8LIBNAME, "char", COST_ARGS | COST_RESULTS},
        {LUA_UTF8LIBNAME, "len", COST_UTF8_SCAN},
        {LUA_UTF8LIBNAME, "codepoint", COST_UTF8_VALUES | COST_RESULTS},
        {LUA_UTF8LIBNAME, "offset", COST_UTF8_OFFSET},
        {LUA_MATHLIBNAME, "max", COST_ARGS},
        {LUA_MATHLIBNAME, "min", COST_ARGS},
        {LUA_GNAME, "select", COST_ARGS},
        {LUA_GNAME, "assert", COST_ARGS},
        {LUA_GNAME, "tostring", COST_TOSTRING},
        {LUA_GNAME, "tonumber", COST_ARG_BYTES}};
    ps_meter *m = lua_newuserdatauv(L, sizeof *m, 0);
    m->pending = 0;
    int meter = lua_gettop(L);
    lua_getglobal(L, LUA_STRLIBNAME);
    for (size_t i = 0; i < sizeof string_own / sizeof string_own[0]; i++)
        set_own(L, meter, meter + 1, string_own[i].name, string_own[i].fn);
    lua_pop(L, 1);
    lua_getglobal(L, LUA_TABLIBNAME);
    for (size_t i = 0; i < sizeof table_own / sizeof table_own[0]; i++)
        set_own(L, meter, meter + 1, table_own[i].name, table_own[i].fn);
    lua_pop(L, 1);
    for (size_t i = 0; i < sizeof charged / sizeof charged[0]; i++) {
        if (strcmp(charged[i].lib, LUA_GNAME) == 0) lua_pushglobaltable(L);
        else lua_getglobal(L, charged[i].lib);
        if (lua_istable(L, -1)) set_charged(L, meter, meter + 1, charged[i].name, charged[i].rule, NULL);
        lua_pop(L, 1);
    }
    lua_getglobal(L, LUA_UTF8LIBNAME);
    if (lua_istable(L, -1)) set_charged(L, meter, meter + 1, "codes", 0, bounded_codes);
    lua_pop(L, 1);
    /* The strings' metatable: its arithmetic metamethods turn strings into numbers (each byte) */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        int mt = lua_gettop(L);
        static const char *const arith[] = {"__add", "__sub", "__mul", "__mod", "__pow", "__div", "__idiv", "__unm"};
        for (size_t i = 0; i < sizeof arith / sizeof arith[0]; i++)
            set_charged(L, meter, mt, arith[i], COST_ARG_BYTES, NULL);
        lua_pop(L, 1);
    }
    lua_pop(L, 2);   /* the string, the meter */
}
