/* test_csv.c: the CSV parser: what it accepts, and the line it names for what it refuses. */
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include "ps_test.h"
#include "ps_csv.h"

static ps_csv *parse(const char *text, char *err)
{
    ps_csv *t = NULL;
    err[0] = '\0';
    ps_csv_parse(text, strlen(text), &t, err, 256);
    return t;
}

PS_TEST(reads_fields_quotes_and_line_ends)
{
    char err[256];
    const char *text = "\xef\xbb\xbf" "actor,capability, note \r\n"
                       "Netherlands,0.08,\"plain\"\r\n"
                       "\n"
                       "\"Belgium, Kingdom of\", 0.08 ,\"says \"\"no\"\"\"\n"
                       "Ireland,0.05,\"two\nlines\"";
    ps_csv *t = parse(text, err);
    EXPECT(t != NULL);
    if (!t) { fprintf(stderr, "%s\n", err); return; }
    EXPECT_INT(ps_csv_ncols(t), 3);
    EXPECT_INT(ps_csv_nrows(t), 3);
    EXPECT(strcmp(ps_csv_header(t, 0), "actor") == 0);       /* the byte-order mark is skipped */
    EXPECT(strcmp(ps_csv_header(t, 2), "note") == 0);        /* spaces around a field are trimmed */
    EXPECT(strcmp(ps_csv_cell(t, 0, 2), "plain") == 0);
    EXPECT(strcmp(ps_csv_cell(t, 1, 0), "Belgium, Kingdom of") == 0);
    EXPECT(strcmp(ps_csv_cell(t, 1, 1), "0.08") == 0);
    EXPECT(strcmp(ps_csv_cell(t, 1, 2), "says \"no\"") == 0);
    EXPECT(strcmp(ps_csv_cell(t, 2, 2), "two\nlines") == 0);
    EXPECT_INT(ps_csv_line(t, 1), 4);                         /* the blank line 3 is skipped */
    ps_csv_free(t);
}

/* Blanks around quotes are dropped, inside them kept; a field of exactly 1024 characters fits. */
PS_TEST(quoted_fields_keep_their_text)
{
    char err[256];
    ps_csv *t = parse("a,b\n  \"  007  \"  , x \n", err);
    EXPECT(t != NULL);
    if (!t) { fprintf(stderr, "%s\n", err); return; }
    EXPECT(strcmp(ps_csv_cell(t, 0, 0), "  007  ") == 0);
    EXPECT_INT(ps_csv_quoted(t, 0, 0), 1);
    EXPECT(strcmp(ps_csv_cell(t, 0, 1), "x") == 0);
    EXPECT_INT(ps_csv_quoted(t, 0, 1), 0);
    ps_csv_free(t);
    char *f = malloc(1024 + 4);
    memcpy(f, "a\n", 2);
    memset(f + 2, 'y', 1024);
    f[1026] = '\0';
    t = parse(f, err);
    EXPECT(t != NULL && strlen(ps_csv_cell(t, 0, 0)) == 1024);
    ps_csv_free(t);
    free(f);
}

PS_TEST(refuses_bad_input_naming_the_line)
{
    struct { const char *text, *message; } cases[] = {
        {"", "line 1: the file is empty"},
        {"\n\n", "line 3: the file is empty"},
        {"a,b\n1,2\n3\n", "line 3: 1 field, but the header names 2 columns"},
        {"a,b\n1,2,3\n", "line 2: 3 fields, but the header names 2 columns"},
        {"a,a\n1,2\n", "line 1: the column 'a' appears twice"},
        {"a,,c\n", "line 1: an empty column name"},
        {"a\n\"open\n\n", "line 2: a quoted field is never closed"},
        {"a\nx\"y\n", "line 2: a quote inside an unquoted field"},
        {"a\n\"x\"y\n", "line 2: text after a closing quote"},
    };
    char err[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ps_csv *t = parse(cases[i].text, err);
        EXPECT(t == NULL);
        ps_csv_free(t);
        if (strncmp(err, cases[i].message, strlen(cases[i].message)) != 0) {
            fprintf(stderr, "case %zu: got '%s', expected '%s...'\n", i, err, cases[i].message);
            ps_test_failed = 1;
        }
    }
}

PS_TEST(limits)
{
    char err[256];
    char *wide = malloc(70 * 8 + 2), *p = wide;
    for (int i = 0; i < 70; i++) p += sprintf(p, "c%d,", i);
    p[-1] = '\n';
    ps_csv *t = parse(wide, err);
    EXPECT(t == NULL && strstr(err, "more than 64 columns"));
    free(wide);
    char *longf = malloc(2000);
    memset(longf, 'x', 1999);
    longf[1999] = '\0';
    t = parse(longf, err);
    EXPECT(t == NULL && strstr(err, "longer than 1024"));
    free(longf);
    const char nul[] = "a\nx\0y\n";
    t = NULL;
    EXPECT(ps_csv_parse(nul, sizeof nul - 1, &t, err, sizeof err) == PS_EINVAL && strstr(err, "NUL"));
}

PS_TEST_MAIN(PS_CASE(reads_fields_quotes_and_line_ends), PS_CASE(quoted_fields_keep_their_text), PS_CASE(refuses_bad_input_naming_the_line), PS_CASE(limits))
