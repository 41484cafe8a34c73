/* ps_progress.c: the progress bar of long runs, on stderr. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "ps_cli.h"

double ps_cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void ps_progress_start(ps_progress *p)
{
    p->start = ps_cli_now();
    p->last_draw = 0;
    p->drawn = 0;
}

int ps_progress_update(void *ctx, uint64_t done, uint64_t total)
{
    ps_progress *p = ctx;
    double now = ps_cli_now();
    if (done < total && now - p->last_draw < 0.1) return 0;
    p->last_draw = now;
    double frac = total ? (double)done / (double)total : 1;
    double elapsed = now - p->start;
    double eta = frac > 0 ? elapsed / frac - elapsed : 0;
    char bar[31];
    int fill = (int)(frac * 30);
    for (int i = 0; i < 30; i++) bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    /* on the descriptor: stderr's stream escapes carriage returns on a terminal (ps_terminal.c) */
    dprintf(STDERR_FILENO, "\r[%s] %3d%%  %llu/%llu runs  %.1fs, about %.1fs left ", bar, (int)(100 * frac),
            (unsigned long long)done, (unsigned long long)total, elapsed, eta);
    p->drawn = 1;
    return 0;
}

void ps_progress_finish(ps_progress *p)
{
    if (p->drawn) dprintf(STDERR_FILENO, "\r\033[K");   /* stderr is a terminal: erase the whole line */
}
