/* ps_script.h: how an event's scripted condition or effect (a Lua function, called by the binding
 * layer) reads and changes a replication, without the core knowing Lua. */
#ifndef PS_SCRIPT_H
#define PS_SCRIPT_H

#include <stddef.h>
#include "ps_status.h"

/* The replication a scripted function sees: valid only during that call. */
typedef struct ps_world ps_world;

typedef enum ps_world_field {
    PS_WORLD_ROUND,        /* read: the current round, 1..rounds */
    PS_WORLD_ROUNDS,       /* read: the horizon */
    PS_WORLD_FRONT,        /* read, write: the line of control in [0,1] */
    PS_WORLD_SANCTIONS,    /* read, write: the sanctions level in [0,1] */
    PS_WORLD_CEASEFIRE,    /* read: 1 when a ceasefire is in force */
    PS_WORLD_WAR_ROUNDS,   /* read: rounds fought so far without a ceasefire */
    PS_WORLD_ENDED,        /* read; write non-zero: the talks end (as the end_talks effect) */
    PS_WORLD_TRUST,        /* party: read, write, in [0,1] */
    PS_WORLD_WAR_COST,     /* party: read, write, in [0,1000] */
    PS_WORLD_CAPABILITY,   /* party: read */
    PS_WORLD_PATIENCE,     /* party: read */
    PS_WORLD_IDEAL,        /* party, issue: read, write, in [0,1] */
    PS_WORLD_SALIENCE,     /* party, issue: read, write (as the salience effect: then renormalised) */
    PS_WORLD_STATUS,       /* issue: read a ps_world_status; write OPEN or CLOSED (as open, close) */
    PS_WORLD_TERMS,        /* issue: read the latest agreed terms (NaN when never agreed) */
    PS_WORLD_REFUSED,      /* issue: read 1 when the latest proposal on it was refused */
    PS_WORLD_NFIELDS
} ps_world_field;

/* An issue's status as PS_WORLD_STATUS gives it. */
enum { PS_WORLD_OPEN, PS_WORLD_AGREED, PS_WORLD_IN_FORCE, PS_WORLD_CLOSED };

/* Reads field f (of `party` and/or `issue` where the field has them; indices are checked by the
 * caller). This function can't fail. */
double ps_world_get(const ps_world *w, ps_world_field f, int party, int issue);

/* Writes field f as an event's effect would: the value clipped to the field's range, the state
 * kept consistent. Returns PS_EINVAL (nothing changed) for a field that cannot be written, or
 * when the call is a condition (conditions only read), or for a NaN. */
ps_status ps_world_set(ps_world *w, ps_world_field f, int party, int issue, double x);

/* True when the call is an effect (it may write); false in a condition. */
int ps_world_writable(const ps_world *w);

/* The next 64 random bits of the calling event's own stream: a pure function of (seed,
 * replication, round, event, how many it drew before in this round). Scripts' random numbers
 * come from here, so they too are the same for every thread count. Can't fail. */
uint64_t ps_world_random(ps_world *w);

/* The functions through which a run calls the scenario's scripted conditions and effects. The
 * runner opens one context per worker thread before the Monte Carlo and uses it from one thread
 * at a time; a context may hold a Lua state. */
typedef struct ps_script_hooks {
    void *data;
    /* A context for worker `worker` (0 .. threads-1), or NULL with a message in err. */
    void *(*open)(void *data, int worker, char *err, size_t errlen);
    void (*close)(void *ctx);
    /* Event e's condition: *holds set; PS_OK, or an error status with a message in err. */
    ps_status (*when)(void *ctx, ps_world *w, int event, int *holds, char *err, size_t errlen);
    /* Event e's effect, once per occurrence; PS_OK, or an error status with a message in err. */
    ps_status (*effect)(void *ctx, ps_world *w, int event, char *err, size_t errlen);
    /* Threads the hooks support: 0 for any number, 1 when every call must go to one context. */
    int max_threads;
} ps_script_hooks;

#endif
