/* ps_csv.h: a parser of comma-separated data files (RFC 4180): a header line of column names,
 * then rows of fields, double-quoted where they hold commas, quotes or line breaks. Unquoted
 * fields are trimmed of blanks; quoted ones are kept as written. */
#ifndef PS_CSV_H
#define PS_CSV_H

#include <stddef.h>
#include "ps_status.h"

#define PS_CSV_MAX_BYTES (1u << 20)
#define PS_CSV_MAX_ROWS 10000
#define PS_CSV_MAX_COLS 64
#define PS_CSV_MAX_FIELD 1024

typedef struct ps_csv ps_csv;

/* Parses len bytes of text. On success *out holds the table (free with ps_csv_free). On bad
 * input returns PS_EINVAL with "line N: what is wrong" in err (a missing header, an empty or
 * repeated column name, a row with another number of fields than the header, an unclosed
 * quote, a limit passed); PS_ENOMEM. Never reads past len; the text need not end in NUL. */
ps_status ps_csv_parse(const char *text, size_t len, ps_csv **out, char *err, size_t errlen);
void ps_csv_free(ps_csv *t);

int ps_csv_ncols(const ps_csv *t);
int ps_csv_nrows(const ps_csv *t);
const char *ps_csv_header(const ps_csv *t, int col);
/* The field of data row `row` (0-based, the header not counted) in column col. */
const char *ps_csv_cell(const ps_csv *t, int row, int col);
/* True when that field was written in quotes (a quoted numeral stays text). */
int ps_csv_quoted(const ps_csv *t, int row, int col);
/* The line of the file that data row `row` starts on (1-based), for messages. */
int ps_csv_line(const ps_csv *t, int row);

#endif
