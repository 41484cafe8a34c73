/* test_utf8.c: checking UTF-8 text and cutting it on character boundaries, against hand-made
 * byte strings: every kind of invalid form, every control character class, and cuts at every
 * byte of multibyte text. */
#include <gsl/gsl_errno.h>
#include "ps_test.h"
#include "ps_utf8.h"

/* The reason ps_utf8_check gives for s (NULL when fine), and the byte it points at. */
static const char *why(const char *s, size_t len, ps_text_kind kind, size_t *at)
{
    *at = 99;
    return ps_utf8_check(s, len, kind, at);
}

#define EXPECT_BAD(str, kind, reason, byte) do { size_t at_; const char *r_ = why(str, sizeof str - 1, kind, &at_); \
    EXPECT(r_ && strstr(r_, reason)); EXPECT_INT(at_, byte); } while (0)
#define EXPECT_GOOD(str, kind) do { size_t at_; EXPECT(why(str, sizeof str - 1, kind, &at_) == NULL); } while (0)

PS_TEST(check_refuses_every_invalid_form)
{
    /* valid: ASCII, 2, 3 and 4 bytes, the last code point, the ends of the surrogate gap */
    EXPECT_GOOD("EU/NATO", PS_TEXT_NAME);
    EXPECT_GOOD("Zaporizhzhia \xd0\x97\xd0\xb0\xd0\xbf", PS_TEXT_NAME);   /* Cyrillic */
    EXPECT_GOOD("\xe2\x82\xac 5", PS_TEXT_NAME);                           /* U+20AC */
    EXPECT_GOOD("\xf0\x9f\x95\x8a", PS_TEXT_NAME);                         /* U+1F54A */
    EXPECT_GOOD("\xf4\x8f\xbf\xbf", PS_TEXT_NAME);                         /* U+10FFFF */
    EXPECT_GOOD("\xed\x9f\xbf\xee\x80\x80", PS_TEXT_NAME);                 /* U+D7FF, U+E000 */
    /* overlong forms: of '/' in 2, 3 and 4 bytes, and the smallest overlong 3-byte form */
    EXPECT_BAD("a\xc0\xaf", PS_TEXT_NAME, "overlong", 1);
    EXPECT_BAD("ab\xc1\xbf", PS_TEXT_NAME, "overlong", 2);
    EXPECT_BAD("\xe0\x80\xaf", PS_TEXT_NAME, "overlong", 0);
    EXPECT_BAD("\xe0\x9f\xbf", PS_TEXT_NAME, "overlong", 0);
    EXPECT_BAD("x\xf0\x80\x80\xaf", PS_TEXT_NAME, "overlong", 1);
    /* surrogates, high and low */
    EXPECT_BAD("\xed\xa0\x80", PS_TEXT_FREE, "surrogate", 0);
    EXPECT_BAD("ok \xed\xbf\xbf", PS_TEXT_FREE, "surrogate", 3);
    /* above U+10FFFF: F4 90.., F5 with three continuation bytes; FF starts nothing */
    EXPECT_BAD("\xf4\x90\x80\x80", PS_TEXT_NAME, "above U+10FFFF", 0);
    EXPECT_BAD("\xf5\x80\x80\x80", PS_TEXT_NAME, "above U+10FFFF", 0);
    EXPECT_BAD("\xff", PS_TEXT_NAME, "starts no character", 0);
    EXPECT_BAD("K\xf6ln", PS_TEXT_NAME, "starts no character", 1);   /* Latin-1 */
    /* a character cut short, at the end or by another byte; a stray continuation byte */
    EXPECT_BAD("ab\xe2\x82", PS_TEXT_NAME, "cut character", 2);
    EXPECT_BAD("\xe2\x82z", PS_TEXT_NAME, "cut character", 0);
    EXPECT_BAD("a\x80", PS_TEXT_NAME, "starts no character", 1);
}

PS_TEST(check_refuses_control_characters)
{
    /* C0 (with NUL inside the length), DEL, C1: never in a name */
    EXPECT_BAD("A\0B", PS_TEXT_NAME, "control", 1);
    EXPECT_BAD("A\x1b[31m", PS_TEXT_NAME, "control", 1);
    EXPECT_BAD("A\x7f", PS_TEXT_NAME, "control", 1);
    EXPECT_BAD("A\xc2\x85", PS_TEXT_NAME, "control", 1);   /* U+0085, NEL */
    EXPECT_BAD("A\xc2\x9f", PS_TEXT_NAME, "control", 1);   /* U+009F */
    EXPECT_GOOD("A\xc2\xa0" "B", PS_TEXT_NAME);            /* U+00A0 is not one */
    /* tab and newline: in free text only; carriage return and escape not even there */
    EXPECT_BAD("a\tb", PS_TEXT_NAME, "control", 1);
    EXPECT_BAD("a\nb", PS_TEXT_NAME, "control", 1);
    EXPECT_GOOD("line one\n\tline two", PS_TEXT_FREE);
    EXPECT_BAD("a\r\nb", PS_TEXT_FREE, "control", 1);
    EXPECT_BAD("a\x1b", PS_TEXT_FREE, "control", 1);
    EXPECT_BAD("a\xc2\x80", PS_TEXT_FREE, "control", 1);
}

/* Every cut of a string of 1-, 2-, 3- and 4-byte characters at every byte count ends on a
 * boundary: the prefix is valid UTF-8 and as long as it can be. */
PS_TEST(prefix_cuts_on_character_boundaries)
{
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x95\x8a" "b";   /* a é € 🕊 b: bytes 1, 2, 3, 4, 1 */
    const size_t want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11, 11, 11};
    for (size_t max = 0; max < sizeof want / sizeof want[0]; max++) {
        size_t n = ps_utf8_prefix(s, max), at;
        EXPECT_INT(n, want[max]);
        EXPECT(ps_utf8_check(s, n, PS_TEXT_NAME, &at) == NULL);
    }
    EXPECT_INT(ps_utf8_chars(s), 5);
}

PS_TEST(snprintf_and_append_cut_on_boundaries)
{
    char buf[8];
    /* "€€€" is 9 bytes: 7 fit, which would cut the third euro after one byte */
    int r = ps_utf8_snprintf(buf, sizeof buf, "%s", "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
    EXPECT_INT(r, 9);
    EXPECT(strcmp(buf, "\xe2\x82\xac\xe2\x82\xac") == 0);
    ps_utf8_snprintf(buf, sizeof buf, "ab%s", "\xf0\x9f\x95\x8a\xf0\x9f\x95\x8a");   /* 2 + 4 fit, not 2 + 8 */
    EXPECT(strcmp(buf, "ab\xf0\x9f\x95\x8a") == 0);
    ps_utf8_snprintf(buf, sizeof buf, "%s", "abcdefghij");
    EXPECT(strcmp(buf, "abcdefg") == 0);
    char dst[6] = "ab";
    ps_utf8_append(dst, sizeof dst, "\xc3\xa9\xc3\xa9");   /* "ab" + "éé" needs 7 bytes: one é fits */
    EXPECT(strcmp(dst, "ab\xc3\xa9") == 0);
    ps_utf8_append(dst, sizeof dst, "x");
    EXPECT(strcmp(dst, "ab\xc3\xa9x") == 0);
    char cut[8] = "ab\xe2\x82";   /* what a byte-wise cut leaves */
    ps_utf8_fit(cut);
    EXPECT(strcmp(cut, "ab") == 0);
    char whole[8] = "ab\xe2\x82\xac";
    ps_utf8_fit(whole);
    EXPECT(strcmp(whole, "ab\xe2\x82\xac") == 0);
}

/* A column counts characters, not bytes: "Zaporizhzhia" in Cyrillic (12 characters, 24
 * bytes) fills 12 of 16 columns and gets 4 spaces; a longer name is cut at 16 characters. */
PS_TEST(column_counts_characters)
{
    char col[4 * 16 + 1];
    const char *cyr = "\xd0\x97\xd0\xb0\xd0\xbf\xd0\xbe\xd1\x80\xd1\x96\xd0\xb6\xd0\xb6\xd1\x8f\x20\xd0\x90\xd0\x95";   /* 12 */
    ps_utf8_column(col, sizeof col, cyr, 16, 0);
    EXPECT_INT(ps_utf8_chars(col), 16);
    EXPECT_INT(strlen(col), strlen(cyr) + 4);
    EXPECT(strncmp(col, cyr, strlen(cyr)) == 0);
    const char *euros = "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
                        "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
                        "\xe2\x82\xac\xe2\x82\xac";   /* 18 euros */
    ps_utf8_column(col, sizeof col, euros, 16, 0);
    EXPECT_INT(strlen(col), 48);
    EXPECT_INT(ps_utf8_chars(col), 16);
    ps_utf8_column(col, sizeof col, "ab", 5, 1);
    EXPECT(strcmp(col, "   ab") == 0);
    char small[5];   /* too small for 16 columns: cut to fit, still on a boundary */
    ps_utf8_column(small, sizeof small, euros, 16, 0);
    EXPECT(strcmp(small, "\xe2\x82\xac") == 0);
}

PS_TEST_MAIN(PS_CASE(check_refuses_every_invalid_form), PS_CASE(check_refuses_control_characters),
             PS_CASE(prefix_cuts_on_character_boundaries), PS_CASE(snprintf_and_append_cut_on_boundaries),
             PS_CASE(column_counts_characters))
