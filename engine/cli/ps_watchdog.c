/* ps_watchdog.c: the budgets' last line. Lua's count hook stops a script between instructions,
 * but not inside one: in the garbage collector's atomic phase (which a script can make take
 * hours with chained ephemeron tables) or in a C function nobody thought of. A thread watches
 * the command's budget and, when its Lua time runs past the time budget by a margin, or when the
 * command does not stop within seconds of SIGINT or SIGTERM, removes the temporary output files
 * and ends peacesim: no output is written, nothing is left half-done. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ps_cli.h"

/* Seconds past the time budget before the watchdog acts (the hook trips at the budget itself). */
#define WATCH_GRACE 2.0
/* Seconds a stop signal may take to end the run. */
#define WATCH_STOP 5.0

static struct {
    ps_budget *budget;
    const char *script;
    pthread_t tid;
    int started;
    pthread_mutex_t mu;          /* with wake: the exit handler ends the watch at once */
    pthread_cond_t wake;
    int quit;
    double stop_seen;            /* when the stop flag was first seen up, or 0 */
    volatile sig_atomic_t running;    /* a Monte Carlo is under way: a stop signal must end it */
} watch;

/* Writes the message and ends peacesim, as a signal handler would: nothing but async-safe work. */
static void end_now(const char *msg, int code)
{
    ps_file_remove_temps();
    if (write(STDERR_FILENO, msg, strlen(msg)) < 0) { /* nothing more to do */ }
    _exit(code);
}

static void *watch_main(void *arg)
{
    (void)arg;
    const ps_sandbox_limits *l = ps_budget_limits(watch.budget);
    pthread_mutex_lock(&watch.mu);
    while (!watch.quit) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) { until.tv_sec++; until.tv_nsec -= 1000000000; }
        pthread_cond_timedwait(&watch.wake, &watch.mu, &until);
        if (watch.quit) break;
        double spent = ps_budget_seconds(watch.budget), now = ps_sandbox_now();
        if (spent > l->seconds + WATCH_GRACE) {
            char msg[1024];
            snprintf(msg, sizeof msg,
                     "peacesim: %s: the script ran past its time budget of %.1f seconds (--lua-seconds) inside a library "
                     "function or the garbage collector, where no check could stop it: peacesim ended it (nothing written)\n",
                     watch.script ? watch.script : "the default scenario", l->seconds);
            end_now(msg, PS_EXIT_USAGE);
        }
        if (ps_cli_stop_signal && watch.running) {
            if (watch.stop_seen == 0) watch.stop_seen = now;
            else if (now - watch.stop_seen > WATCH_STOP) {
                int sig = ps_cli_stop_signal;
                char msg[256];
                snprintf(msg, sizeof msg, "peacesim: stopped by %s, but the run did not stop within %.0f s: ended (nothing written)\n",
                         sig == SIGINT ? "SIGINT" : "SIGTERM", WATCH_STOP);
                end_now(msg, 128 + sig);
            }
        }
    }
    pthread_mutex_unlock(&watch.mu);
    return NULL;
}

static void watch_stop(void)
{
    if (!watch.started) return;
    pthread_mutex_lock(&watch.mu);
    watch.quit = 1;
    pthread_cond_signal(&watch.wake);
    pthread_mutex_unlock(&watch.mu);
    pthread_join(watch.tid, NULL);
    watch.started = 0;
}

void ps_cli_watchdog_start(ps_budget *b, const char *script)
{
    if (watch.started || !b) return;
    watch.budget = b;
    watch.script = script;
    if (pthread_mutex_init(&watch.mu, NULL) != 0) return;
    if (pthread_cond_init(&watch.wake, NULL) != 0) { pthread_mutex_destroy(&watch.mu); return; }
    watch.started = pthread_create(&watch.tid, NULL, watch_main, NULL) == 0;
    if (watch.started) atexit(watch_stop);
}

void ps_cli_watchdog_running(int yes) { watch.running = yes; }
