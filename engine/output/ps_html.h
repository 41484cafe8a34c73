/* ps_html.h: a result document (a run, a sweep or a sensitivity analysis) as one self-contained
 * HTML page: inline SVG charts, no script, no font or style from elsewhere, readable on a
 * projector and printable on A4 (docs/STUDIES.md). */
#ifndef PS_HTML_H
#define PS_HTML_H

#include <stddef.h>
#include <stdio.h>
#include <cJSON.h>

/* Writes the page for doc (schema peacesim.result/1 or /2, peacesim.sweep/1 or
 * peacesim.sensitivity/1) to f. Returns 0; -1 with a message in err when doc is not one of
 * those or lacks what the page needs (nothing useful is written then); -2 when a write fails. */
int ps_html_report(FILE *f, const cJSON *doc, char *err, size_t errlen);

#endif
