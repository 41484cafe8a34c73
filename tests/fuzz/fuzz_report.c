/* fuzz_report.c: libFuzzer target for the HTML reports: any bytes in; when they parse as JSON,
 * a page or a clear refusal out, never a crash or a hang (the review found both). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cJSON.h>
#include "ps_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    for (size_t i = 0; i < size; i++) text[i] = (char)data[i];
    text[size] = '\0';
    cJSON *doc = cJSON_Parse(text);
    free(text);
    if (!doc) return 0;
    FILE *f = fopen("/dev/null", "w");
    char err[512];
    if (f) {
        ps_html_report(f, doc, err, sizeof err);
        fclose(f);
    }
    cJSON_Delete(doc);
    return 0;
}
