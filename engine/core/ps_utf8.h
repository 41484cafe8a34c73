/* ps_utf8.h: text as UTF-8: checking what enters the model, and cutting on character
 * boundaries wherever a string must fit a buffer or a column.
 *
 * Every string a scenario gives (names, descriptions, labels, string params) is checked once,
 * where it is read, with ps_utf8_check; after that every cut goes through the functions below,
 * so no output (JSON, CSV, HTML, Markdown, the terminal) gets half a character. */
#ifndef PS_UTF8_H
#define PS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* What a string may hold besides valid UTF-8: a name no control character at all (C0, DEL,
 * C1), free text a tab and a newline but no other control character. */
typedef enum ps_text_kind { PS_TEXT_NAME, PS_TEXT_FREE } ps_text_kind;

/* Decodes the character at the start of the len bytes at s into *cp. Returns its length in
 * bytes (1 to 4), or 0 when the bytes are not valid UTF-8 there. Can't fail. */
int ps_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Checks the len bytes at s (which may hold NUL bytes: they are control characters): valid
 * UTF-8 (RFC 3629: no overlong form, no surrogate U+D800..U+DFFF, nothing above U+10FFFF, no
 * cut sequence) with no control character that kind forbids. Returns NULL when s is fine; else
 * a short reason, static: "not valid UTF-8: an overlong form" (or "...: a surrogate", "...:
 * above U+10FFFF", "...: a cut character", "...: a byte that starts no character") or "a
 * control character", with the offset of the first bad byte in *at (at may be NULL). Can't fail. */
const char *ps_utf8_check(const char *s, size_t len, ps_text_kind kind, size_t *at);

/* The length of the longest prefix of the string s with at most max bytes that ends on a
 * character boundary. Can't fail. */
size_t ps_utf8_prefix(const char *s, size_t max);

/* Removes an incomplete character from the end of buf: what a byte-wise cut (snprintf,
 * strncat) can leave. Can't fail. */
void ps_utf8_fit(char *buf);

/* vsnprintf into buf (len >= 1 bytes), then, if the text was cut, cut back to a character
 * boundary. Returns what snprintf returns: the length the whole text would have. */
int ps_utf8_snprintf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Appends src to the string in dst (size len), cut on a character boundary to fit. Returns dst. */
char *ps_utf8_append(char *dst, size_t len, const char *src);

/* The number of characters (code points) of the string s. Can't fail. */
size_t ps_utf8_chars(const char *s);

/* s as a column `width` characters wide, in buf (size len; 4 * width + 1 bytes always suffice):
 * cut to width characters on a character boundary, then padded with spaces on the right (or,
 * with right_align, on the left). A character counts as one column. Returns buf. */
char *ps_utf8_column(char *buf, size_t len, const char *s, int width, int right_align);

#endif
