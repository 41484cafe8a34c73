/* fuzz_csv.c: libFuzzer target for the CSV parser: any bytes in, a table or an error out, and
 * every cell of a table read back. */
#include <stdint.h>
#include <string.h>
#include "ps_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ps_csv *t = NULL;
    char err[256];
    if (ps_csv_parse((const char *)data, size, &t, err, sizeof err) != PS_OK) return 0;
    size_t total = 0;
    for (int c = 0; c < ps_csv_ncols(t); c++) total += strlen(ps_csv_header(t, c));
    for (int r = 0; r < ps_csv_nrows(t); r++) {
        total += (size_t)ps_csv_line(t, r);
        for (int c = 0; c < ps_csv_ncols(t); c++) total += strlen(ps_csv_cell(t, r, c));
    }
    ps_csv_free(t);
    return total == (size_t)-1;
}
