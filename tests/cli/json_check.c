/* json_check.c: checks result files for the CLI tests.
 *   json_check schema FILE          every key peacesim.result/1 or /2 requires, with its type
 *                                   (/2: its "assumptions" and "band" too)
 *   json_check same A B             equal apart from "timing"
 *   json_check same-but A B KEY     equal apart from "timing" and the top-level KEY
 *   json_check differ A B           not equal apart from "timing"
 *   json_check prefix A B           equal apart from "timing" and "complete" (a stopped run and
 *                                   a full run of its length)
 *   json_check get FILE KEY.PATH    prints a number or string at a dotted path */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

static cJSON *load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "%s: read failed\n", path); exit(2); }
    buf[n] = '\0';
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    free(buf);
    if (!j) { fprintf(stderr, "%s: not valid JSON\n", path); exit(1); }
    return j;
}

static const cJSON *at(const cJSON *j, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "."); tok && j; tok = strtok(NULL, "."))
        j = cJSON_IsArray(j) ? cJSON_GetArrayItem(j, atoi(tok)) : cJSON_GetObjectItemCaseSensitive(j, tok);
    return j;
}

static int bad;

static void need(const cJSON *j, const char *path, int (*is)(const cJSON *), const char *what)
{
    const cJSON *v = at(j, path);
    if (!v || !is(v)) { printf("%s: missing or not %s\n", path, what); bad = 1; }
}

static int is_num(const cJSON *v) { return cJSON_IsNumber(v); }
static int is_str(const cJSON *v) { return cJSON_IsString(v); }
static int is_arr(const cJSON *v) { return cJSON_IsArray(v); }
static int is_obj(const cJSON *v) { return cJSON_IsObject(v); }
static int is_num_or_null(const cJSON *v) { return cJSON_IsNumber(v) || cJSON_IsNull(v); }

static void proportion(const cJSON *j, const char *base)
{
    char p[200];
    snprintf(p, sizeof p, "%s.p", base); need(j, p, is_num, "a number");
    snprintf(p, sizeof p, "%s.count", base); need(j, p, is_num, "a number");
    snprintf(p, sizeof p, "%s.ci95", base); need(j, p, is_arr, "an array");
    const cJSON *ci = at(j, p), *pv;
    snprintf(p, sizeof p, "%s.p", base);
    pv = at(j, p);
    if (ci && pv && cJSON_GetArraySize(ci) == 2) {
        double lo = cJSON_GetArrayItem(ci, 0)->valuedouble, hi = cJSON_GetArrayItem(ci, 1)->valuedouble;
        if (!(0 <= lo && lo <= pv->valuedouble && pv->valuedouble <= hi && hi <= 1)) { printf("%s: bad interval\n", base); bad = 1; }
    } else { printf("%s.ci95: not two numbers\n", base); bad = 1; }
}

/* What /2 adds: the assumptions, and the band (null, or its summary per output and its worlds,
 * each with a value per assumption and a P(deal) per output). */
static void band_schema(const cJSON *j)
{
    need(j, "assumptions", is_arr, "an array");
    const cJSON *as = at(j, "assumptions"), *a;
    int na = 0;
    cJSON_ArrayForEach(a, as) {
        static const char *const nums[] = {"central", "low", "high", "line", "uses"};
        static const char *const strs[] = {"name", "reason", "src"};
        for (int i = 0; i < 5; i++) if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(a, nums[i]))) { printf("assumptions.%d.%s: not a number\n", na, nums[i]); bad = 1; }
        for (int i = 0; i < 3; i++) if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(a, strs[i]))) { printf("assumptions.%d.%s: not a string\n", na, strs[i]); bad = 1; }
        const cJSON *pr = cJSON_GetObjectItemCaseSensitive(a, "prior");
        if (!pr || !(cJSON_IsNull(pr) || cJSON_IsString(cJSON_GetObjectItemCaseSensitive(pr, "kind")))) { printf("assumptions.%d.prior: not null or a kind\n", na); bad = 1; }
        na++;
    }
    const cJSON *b = at(j, "band");
    if (!b) { printf("band: missing\n"); bad = 1; return; }
    if (cJSON_IsNull(b)) return;
    need(j, "band.world_count", is_num, "a number");
    need(j, "band.runs_per_world", is_num, "a number");
    need(j, "band.seed", is_num, "a number");
    need(j, "band.design", is_str, "a string");
    need(j, "band.worlds", is_arr, "an array");
    const cJSON *names = at(j, "scenario.issues"), *n;
    char base[200], p[260];
    for (int o = -1; names && (o < 0 || (n = cJSON_GetArrayItem(names, o))); o++) {
        if (o < 0) snprintf(base, sizeof base, "band.agreement");
        else snprintf(base, sizeof base, "band.issues.%s", n->valuestring);
        static const char *const q[] = {"central", "median", "q05", "q95"};
        for (int i = 0; i < 4; i++) { snprintf(p, sizeof p, "%s.%s", base, q[i]); need(j, p, is_num, "a number"); }
        snprintf(p, sizeof p, "%s.drivers", base); need(j, p, is_arr, "an array");
        snprintf(p, sizeof p, "%s.q05", base);
        double lo = at(j, p) ? at(j, p)->valuedouble : 0;
        snprintf(p, sizeof p, "%s.median", base);
        double me = at(j, p) ? at(j, p)->valuedouble : 0;
        snprintf(p, sizeof p, "%s.q95", base);
        double hi = at(j, p) ? at(j, p)->valuedouble : 0;
        if (!(0 <= lo && lo <= me && me <= hi && hi <= 1)) { printf("%s: quantiles out of order\n", base); bad = 1; }
    }
    const cJSON *w, *ws = at(j, "band.worlds");
    int nw = 0;
    cJSON_ArrayForEach(w, ws) {
        if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(w, "values")) != na) { printf("band.worlds.%d.values: not one per assumption\n", nw); bad = 1; }
        if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(w, "agreement"))) { printf("band.worlds.%d.agreement: not a number\n", nw); bad = 1; }
        nw++;
    }
    if (at(j, "band.world_count") && nw != at(j, "band.world_count")->valueint) { printf("band.worlds: not world_count worlds\n"); bad = 1; }
}

static int schema(const char *file)
{
    cJSON *j = load(file);
    const cJSON *s = at(j, "schema");
    int v2 = s && cJSON_IsString(s) && strcmp(s->valuestring, "peacesim.result/2") == 0;
    if (!v2 && (!s || !cJSON_IsString(s) || strcmp(s->valuestring, "peacesim.result/1") != 0)) {
        printf("schema: neither peacesim.result/1 nor /2\n");
        bad = 1;
    }
    if (v2) band_schema(j);
    need(j, "scenario", is_obj, "an object");
    need(j, "scenario.name", is_str, "a string");
    need(j, "scenario.rounds", is_num, "a number");
    need(j, "scenario.parties", is_arr, "an array");
    need(j, "scenario.issues", is_arr, "an array");
    need(j, "scenario.params", is_obj, "an object");
    need(j, "runs", is_num, "a number");
    need(j, "seed", is_num, "a number");
    need(j, "timing", is_obj, "an object");
    proportion(j, "agreement");
    need(j, "time_to_agreement.median", is_num_or_null, "a number or null");
    need(j, "time_to_agreement.survival", is_arr, "an array");
    const cJSON *rounds = at(j, "scenario.rounds"), *surv = at(j, "time_to_agreement.survival");
    if (rounds && surv && cJSON_GetArraySize(surv) != rounds->valueint + 1) { printf("survival: not rounds + 1 numbers\n"); bad = 1; }
    const cJSON *names = at(j, "scenario.issues");
    for (const cJSON *n = names ? names->child : NULL; n; n = n->next) {
        char base[160], p[200];
        snprintf(base, sizeof base, "issues.%s", n->valuestring);
        proportion(j, base);
        static const char *const terms[] = {"mean", "sd", "q05", "q50", "q95"};
        for (int t = 0; t < 5; t++) {
            snprintf(p, sizeof p, "%s.terms.%s", base, terms[t]);
            need(j, p, is_num_or_null, "a number or null");
        }
    }
    cJSON_Delete(j);
    if (!bad) printf("%s: peacesim.result/%d complete\n", file, v2 ? 2 : 1);
    return bad;
}

static int same(const char *a, const char *b, int ignore_complete, const char *but)
{
    cJSON *x = load(a), *y = load(b);
    cJSON_DeleteItemFromObjectCaseSensitive(x, "timing");
    cJSON_DeleteItemFromObjectCaseSensitive(y, "timing");
    if (but) {
        cJSON_DeleteItemFromObjectCaseSensitive(x, but);
        cJSON_DeleteItemFromObjectCaseSensitive(y, but);
    }
    if (ignore_complete) {
        cJSON_DeleteItemFromObjectCaseSensitive(x, "complete");
        cJSON_DeleteItemFromObjectCaseSensitive(y, "complete");
    }
    int eq = cJSON_Compare(x, y, 1);
    cJSON_Delete(x);
    cJSON_Delete(y);
    return eq;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "schema") == 0) return schema(argv[2]);
    if (argc == 4 && strcmp(argv[1], "same") == 0) {
        int eq = same(argv[2], argv[3], 0, NULL);
        if (!eq) printf("%s and %s differ\n", argv[2], argv[3]);
        return !eq;
    }
    if (argc == 5 && strcmp(argv[1], "same-but") == 0) {
        int eq = same(argv[2], argv[3], 0, argv[4]);
        if (!eq) printf("%s and %s differ beyond timing and %s\n", argv[2], argv[3], argv[4]);
        return !eq;
    }
    if (argc == 4 && strcmp(argv[1], "prefix") == 0) {
        int eq = same(argv[2], argv[3], 1, NULL);
        if (!eq) printf("%s and %s differ beyond timing and completeness\n", argv[2], argv[3]);
        return !eq;
    }
    if (argc == 4 && strcmp(argv[1], "differ") == 0) {
        int eq = same(argv[2], argv[3], 0, NULL);
        if (eq) printf("%s and %s are the same\n", argv[2], argv[3]);
        return eq;
    }
    if (argc == 6 && strcmp(argv[1], "same-at") == 0) {
        /* same-at A PATH_IN_A B PATH_IN_B: two subtrees equal (a sweep point against a run) */
        cJSON *x = load(argv[2]), *y = load(argv[4]);
        const cJSON *u = at(x, argv[3]), *v = at(y, argv[5]);
        int eq = u && v && cJSON_Compare(u, v, 1);
        if (!eq) printf("%s:%s and %s:%s differ\n", argv[2], argv[3], argv[4], argv[5]);
        cJSON_Delete(x);
        cJSON_Delete(y);
        return !eq;
    }
    if (argc == 4 && strcmp(argv[1], "get") == 0) {
        cJSON *j = load(argv[2]);
        const cJSON *v = at(j, argv[3]);
        if (!v) { fprintf(stderr, "%s: no %s\n", argv[2], argv[3]); return 1; }
        if (cJSON_IsNumber(v)) printf("%.17g\n", v->valuedouble);
        else if (cJSON_IsString(v)) printf("%s\n", v->valuestring);
        else printf("%s\n", cJSON_IsNull(v) ? "null" : "?");
        cJSON_Delete(j);
        return 0;
    }
    fprintf(stderr, "usage: json_check schema FILE | same A B | same-but A B KEY | differ A B | get FILE PATH | same-at A PATH B PATH\n");
    return 2;
}
