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

int ps_file_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            snprintf(err, errlen, "writing to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    char *tmp;
    int fd = make_temp(path, &tmp, err, errlen);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    int saved = errno;
    int ok = done == len && fsync(fd) == 0;
    if (!ok && done == len) saved = errno;
    /* mkstemp creates the file 0600; a result file is as readable as any other the user makes. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (close(fd) != 0 && ok) { ok = 0; saved = errno; }
    if (ok && rename(tmp, path) != 0) { ok = 0; saved = errno; }
    if (!ok) {
        snprintf(err, errlen, "%s: writing failed: %s (any earlier file is left as it was)", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}
