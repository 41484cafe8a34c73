/* ps_report.h: what every report of a run states besides the result itself. */
#ifndef PS_REPORT_H
#define PS_REPORT_H

#include <stdint.h>
#include "ps_accum.h"

typedef struct ps_report_meta {
    uint64_t runs, seed;
    double seconds;           /* wall time of the Monte Carlo loop */
    const char *version;
    int complete;             /* 0 when the run was stopped before all its replications */
    ps_interval interval;     /* of the proportions: Wilson (default) or Clopper-Pearson */
    double precision;         /* the --precision asked for, 0 for none */
} ps_report_meta;

#endif
