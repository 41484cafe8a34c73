/* ps_file.c: output files that are never left half-written. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ps_cli.h"

/* Creates the temporary file beside path ("PATH.tmp.XXXXXX"); returns its descriptor and its
 * name in *tmp (the caller frees it), or -1 with a message in err. */
static int make_temp(const char *path, char **tmp, char *err, size_t errlen)
{
    size_t plen = strlen(path);
    *tmp = malloc(plen + 16);
    if (!*tmp) { snprintf(err, errlen, "%s: out of memory", path); return -1; }
    snprintf(*tmp, plen + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        int saved = errno;
        char dir[4096];
        const char *slash = strrchr(path, '/');
        if (!slash) snprintf(dir, sizeof dir, ".");
        else if (slash == path) snprintf(dir, sizeof dir, "/");
        else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        snprintf(err, errlen, "%s: cannot write in the folder %s: %s", path, dir, strerror(saved));
        free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

/* The folder part of path ("." when there is none), into buf. */
static void folder_of(const char *path, char *buf, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(buf, len, ".");
    else if (slash == path) snprintf(buf, len, "/");
    else snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

int ps_file_check_writable(const char *path, char *err, size_t errlen)
{
    char dir[4096];
    struct stat sb;
    if (strcmp(path, "-") == 0) return 0;
    if (path[0] == '\0') { snprintf(err, errlen, "the output path is empty"); return -1; }
    folder_of(path, dir, sizeof dir);
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "%s: the folder %s does not exist: create it first", path, dir);
        return -1;
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "%s is a folder: give a file name", path);
        return -1;
    }
    /* Make the temporary file the write will use, then remove it: the only test that holds on
     * a read-only mount, or for root (whom access() answers yes). */
    char *tmp;
    int fd = make_temp(path, &tmp, err, errlen);
    if (fd < 0) return -1;
    close(fd);
    unlink(tmp);
    free(tmp);
    return 0;
}

struct ps_out {
    FILE *f;
    char *tmp;               /* NULL when writing to stdout */
    const char *path;
};

ps_out *ps_out_open(const char *path, char *err, size_t errlen)
{
    ps_out *o = calloc(1, sizeof *o);
    if (!o) { snprintf(err, errlen, "%s: out of memory", path); return NULL; }
    o->path = path;
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        return o;
    }
    int fd = make_temp(path, &o->tmp, err, errlen);
    if (fd < 0) { free(o); return NULL; }
    if (!(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        free(o);
        return NULL;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
    return o;
}

FILE *ps_out_file(ps_out *o) { return o->f; }

int ps_out_close(ps_out *o, int commit, char *err, size_t errlen)
{
    if (!o) return -1;
    int ok = 1, saved = 0;
    if (!o->tmp) {
        if (fflush(o->f) != 0) { ok = 0; saved = errno; }
        if (!ok) snprintf(err, errlen, "writing to standard output: %s", strerror(saved));
        free(o);
        return ok ? 0 : -1;
    }
    if (commit) {
        if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0) { ok = 0; saved = errno; }
        /* mkstemp creates the file 0600; a result file is as readable as any other the user makes. */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fileno(o->f), 0666 & ~mask);
    }
    if (fclose(o->f) != 0 && ok) { ok = 0; saved = errno; }
    if (commit && ok && rename(o->tmp, o->path) != 0) { ok = 0; saved = errno; }
    if (!commit || !ok) unlink(o->tmp);
    if (commit && !ok)
        snprintf(err, errlen, "%s: writing failed: %s (any earlier file is left as it was)", o->path,
                 strerror(saved ? saved : EIO));
    free(o->tmp);
    free(o);
    return commit && ok ? 0 : -1;
}

int ps_file_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
    ps_out *o = ps_out_open(path, err, errlen);
    if (!o) return -1;
    int wrote = fwrite(data, 1, len, o->f) == len;
    int rc = ps_out_close(o, 1, err, errlen);
    if (rc == 0 && !wrote) { snprintf(err, errlen, "%s: writing failed", path); return -1; }
    return rc;
}
