/* ps_status.c: messages for the engine's status codes. */
#include "ps_status.h"

const char *ps_strerror(ps_status status)
{
    switch (status) {
    case PS_OK: return "success";
    case PS_ENOMEM: return "out of memory";
    case PS_EINVAL: return "invalid scenario or option";
    case PS_ERANGE: return "number out of range";
    case PS_EGSL: return "numerical library error";
    case PS_EIO: return "input/output error";
    case PS_ECALLBACK: return "callback failed";
    }
    return "unknown status";
}
