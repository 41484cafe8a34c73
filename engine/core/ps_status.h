/* ps_status.h: the one status code every engine function returns, and its message. */
#ifndef PS_STATUS_H
#define PS_STATUS_H

typedef enum ps_status {
    PS_OK = 0,
    PS_ENOMEM,      /* an allocation failed */
    PS_EINVAL,      /* a scenario or option is invalid */
    PS_ERANGE,      /* a number is outside its allowed range */
    PS_EGSL,        /* a GSL routine reported an error */
    PS_EIO,         /* reading or writing a file failed */
    PS_ECALLBACK    /* a caller-supplied callback reported failure */
} ps_status;

/* Returns a static English message for a status. This function can't fail. */
const char *ps_strerror(ps_status status);

#endif
