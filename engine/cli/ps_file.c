/* ps_file.c: output files: never half-written, never put in the place of what is not a regular
 * file, never left as temporaries when a signal ends peacesim; which paths name the same file. */
#define _XOPEN_SOURCE 700   /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ps_cli.h"

/* ---- temporary files, and the signals that must not leave them behind ------------------------ */

/* The temporaries that exist now ("PATH.tmp.XXXXXX"), for the signal handler: a name is written
 * into its slot while the slot is free, then the slot is marked used (an atomic store, which a
 * handler on any thread sees after the name); slots are taken in turn, so one freed a moment ago
 * is not rewritten under a handler that may be reading it. */
#define TEMP_SLOTS 8
#define TEMP_NAME_MAX (PATH_MAX + 16)
static char temp_name[TEMP_SLOTS][TEMP_NAME_MAX];
static atomic_int temp_used[TEMP_SLOTS];
static int temp_next;

void ps_file_remove_temps(void)
{
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_used[i])) unlink(temp_name[i]);   /* unlink is async-signal-safe */
}

/* The signals whose default action ends the process and that a user, a terminal, a pipe or a
 * limit sends: the faults (SIGSEGV, SIGABRT...) are left to their default, and to the sanitizers. */
static const int fatal_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
                                    SIGXCPU, SIGVTALRM, SIGPROF};
#define NFATAL ((int)(sizeof fatal_signals / sizeof fatal_signals[0]))
static int fatal_ignored[NFATAL];   /* ignored when peacesim started (nohup, a background job): stays so */

/* Removes the temporaries, then ends the process by sig as its default action would (the exit
 * status and any core dump are those of the signal). */
static void on_fatal_signal(int sig)
{
    int saved = errno;
    ps_file_remove_temps();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    raise(sig);   /* blocked while this handler runs: delivered, with the default action, on return */
    errno = saved;
}

static void install(int sig, int ignored)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ignored ? SIG_IGN : on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

void ps_file_catch_signals(void)
{
    for (int i = 0; i < NFATAL; i++) {
        struct sigaction old;
        fatal_ignored[i] = sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN;
        install(fatal_signals[i], fatal_ignored[i]);
    }
    /* a file-size limit (ulimit -f) is then the write error EFBIG, reported like a full disk,
     * with the old file kept, instead of a kill that would leave the temporary */
    signal(SIGXFSZ, SIG_IGN);
}

void ps_file_restore_signal(int sig)
{
    for (int i = 0; i < NFATAL; i++)
        if (fatal_signals[i] == sig) { install(sig, fatal_ignored[i]); return; }
}

/* Creates the temporary file beside path ("PATH.tmp.XXXXXX") in a free slot, registered before
 * it exists (mkstemp writes the name into the slot before it creates the file). Returns its
 * descriptor and slot, or -1 with a message in err. */
static int make_temp(const char *path, int *slot, char *err, size_t errlen)
{
    int i = -1;
    for (int k = 0; k < TEMP_SLOTS && i < 0; k++) {
        int j = (temp_next + k) % TEMP_SLOTS;
        if (!atomic_load(&temp_used[j])) i = j;
    }
    if (i < 0) { snprintf(err, errlen, "%s: too many output files at once", path); return -1; }
    if (strlen(path) + 12 >= TEMP_NAME_MAX) { snprintf(err, errlen, "%s: the path is too long", path); return -1; }
    snprintf(temp_name[i], TEMP_NAME_MAX, "%s.tmp.XXXXXX", path);
    atomic_store(&temp_used[i], 1);
    temp_next = i + 1;
    int fd = mkstemp(temp_name[i]);
    if (fd < 0) {
        int saved = errno;
        atomic_store(&temp_used[i], 0);
        char dir[PATH_MAX];
        const char *slash = strrchr(path, '/');
        if (!slash) snprintf(dir, sizeof dir, ".");
        else if (slash == path) snprintf(dir, sizeof dir, "/");
        else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        snprintf(err, errlen, "%s: cannot write in the folder %s: %s", path, dir, strerror(saved));
        return -1;
    }
    *slot = i;
    return fd;
}

/* Removes the temporary of slot i (unless it was renamed) and frees the slot. */
static void drop_temp(int i, int renamed)
{
    if (!renamed) unlink(temp_name[i]);
    atomic_store(&temp_used[i], 0);
}

/* ---- what an output path is ------------------------------------------------------------------ */

int ps_file_std_fd(const char *path)
{
    if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0) return STDERR_FILENO;
    if (strcmp(path, "/dev/stdin") == 0) return STDIN_FILENO;
    const char *n = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0) n = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0) n = path + 14;
    if (!n || *n < '0' || *n > '9') return -1;
    char *end;
    errno = 0;
    long fd = strtol(n, &end, 10);
    return *end || errno || fd > INT_MAX ? -1 : (int)fd;
}

/* The folder part of path ("." when there is none), into buf. */
static void folder_of(const char *path, char *buf, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(buf, len, ".");
    else if (slash == path) snprintf(buf, len, "/");
    else snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

enum { OUT_FILE, OUT_DIRECT, OUT_STD };

/* Where and how an output path is written. */
typedef struct target {
    int how;                 /* OUT_FILE: a temporary renamed onto `file`; OUT_DIRECT: opened and
                                written (a character device, a FIFO); OUT_STD: the descriptor std_fd */
    char file[PATH_MAX];     /* OUT_FILE: the file replaced: path, or a symbolic link's target */
    int exists;              /* OUT_FILE: there is a file to replace, and st is it */
    struct stat st;
    int std_fd;
} target;

/* What writing path means (above), or -1 with a message in err. Nothing is created. */
static int resolve(const char *path, target *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->std_fd = ps_file_std_fd(path);
    if (t->std_fd >= 0) {
        int fl = fcntl(t->std_fd, F_GETFL);
        if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY) {
            snprintf(err, errlen, "%s: %s is not open for writing", path,
                     t->std_fd == STDOUT_FILENO ? "standard output" : t->std_fd == STDERR_FILENO ? "standard error" : "that descriptor");
            return -1;
        }
        t->how = OUT_STD;
        return 0;
    }
    size_t n = strlen(path);
    if (n == 0) { snprintf(err, errlen, "the output path is empty"); return -1; }
    if (path[n - 1] == '/') { snprintf(err, errlen, "%s ends in '/': give a file name", path); return -1; }
    if (n >= sizeof t->file) { snprintf(err, errlen, "%s: the path is too long", path); return -1; }
    struct stat ls;
    if (lstat(path, &ls) != 0) {
        int why = errno;
        char dir[PATH_MAX];
        struct stat ds;
        folder_of(path, dir, sizeof dir);
        if (why != ENOENT && why != ENOTDIR) { snprintf(err, errlen, "%s: %s", path, strerror(why)); return -1; }
        if (why == ENOTDIR || stat(dir, &ds) != 0 || !S_ISDIR(ds.st_mode)) {
            snprintf(err, errlen, "%s: the folder %s does not exist: create it first", path, dir);
            return -1;
        }
        t->how = OUT_FILE;   /* a new file */
        memcpy(t->file, path, n + 1);
        return 0;
    }
    t->st = ls;
    if (S_ISLNK(ls.st_mode)) {
        /* stat follows the link as open would (and the kernel's protection of links in shared
         * folders applies); the temporary and the rename then go beside the target, so the
         * link stays a link */
        if (stat(path, &t->st) != 0) {
            int why = errno;
            char to[PATH_MAX];
            ssize_t k = readlink(path, to, sizeof to - 1);
            to[k > 0 ? k : 0] = '\0';
            if (why == ENOENT)
                snprintf(err, errlen, "%s is a symbolic link to %s, which does not exist: peacesim writes through a "
                         "link only to an existing file (give the target's path, or remove the link)", path, to);
            else snprintf(err, errlen, "%s: cannot follow the symbolic link: %s", path, strerror(why));
            return -1;
        }
        if (S_ISREG(t->st.st_mode)) {
            struct stat again;
            if (!realpath(path, t->file) || stat(t->file, &again) != 0 || again.st_dev != t->st.st_dev
                || again.st_ino != t->st.st_ino) {
                snprintf(err, errlen, "%s: cannot find the file the symbolic link points to", path);
                return -1;
            }
            t->how = OUT_FILE;
            t->exists = 1;
            return 0;
        }
    }
    mode_t m = t->st.st_mode;
    if (S_ISREG(m)) {
        t->how = OUT_FILE;
        t->exists = 1;
        memcpy(t->file, path, n + 1);
        return 0;
    }
    if (S_ISCHR(m) || S_ISFIFO(m)) { t->how = OUT_DIRECT; return 0; }
    if (S_ISDIR(m)) snprintf(err, errlen, "%s is a folder: give a file name", path);
    else if (S_ISBLK(m)) snprintf(err, errlen, "%s is a block device: peacesim writes its results to files, not to disks", path);
    else if (S_ISSOCK(m)) snprintf(err, errlen, "%s is a socket: give a file name", path);
    else snprintf(err, errlen, "%s is not a regular file: give a file name", path);
    return -1;
}

int ps_file_check_writable(const char *path, char *err, size_t errlen)
{
    target t;
    if (resolve(path, &t, err, errlen) != 0) return -1;
    if (t.how == OUT_DIRECT) {
        /* a FIFO is not opened here: that would wait for its reader, and end its stream */
        if (access(path, W_OK) != 0) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
        return 0;
    }
    if (t.how == OUT_STD) return 0;
    /* Make the temporary file the write will use, then remove it: the only test that holds on
     * a read-only mount, or for root (whom access() answers yes). */
    int slot, fd = make_temp(t.file, &slot, err, errlen);
    if (fd < 0) return -1;
    close(fd);
    drop_temp(slot, 0);
    return 0;
}

/* ---- writing --------------------------------------------------------------------------------- */

struct ps_out {
    FILE *f;
    int how, slot;           /* slot: the temporary's, for OUT_FILE */
    int exists;              /* OUT_FILE: replacing a file, whose st_mode, uid, gid are kept */
    struct stat st;
    char file[PATH_MAX];     /* OUT_FILE: what the temporary is renamed onto */
    const char *path;
    int why;                 /* the errno of a write that failed, when known */
};

ps_out *ps_out_open(const char *path, char *err, size_t errlen)
{
    ps_out *o = calloc(1, sizeof *o);
    if (!o) { snprintf(err, errlen, "%s: out of memory", path); return NULL; }
    o->path = path;
    target t;
    if (resolve(path, &t, err, errlen) != 0) { free(o); return NULL; }
    o->how = t.how;
    if (t.how == OUT_STD) {
        if (t.std_fd == STDOUT_FILENO) o->f = stdout;
        else if (t.std_fd == STDERR_FILENO) o->f = stderr;
        else {
            int fd = dup(t.std_fd);
            if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
                snprintf(err, errlen, "%s: %s", path, strerror(errno));
                if (fd >= 0) close(fd);
                free(o);
                return NULL;
            }
        }
        return o;
    }
    if (t.how == OUT_DIRECT) {
        /* a FIFO waits here for its reader, as a shell's > would */
        int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        struct stat now;
        const char *why = fd < 0 ? strerror(errno) : NULL;
        if (!why && (fstat(fd, &now) != 0 || !(S_ISCHR(now.st_mode) || S_ISFIFO(now.st_mode))))
            why = "it changed while peacesim opened it";
        if (!why && !(o->f = fdopen(fd, "w"))) why = strerror(errno);
        if (why) {
            snprintf(err, errlen, "%s: %s", path, why);
            if (fd >= 0) close(fd);
            free(o);
            return NULL;
        }
        return o;
    }
    memcpy(o->file, t.file, sizeof o->file);
    o->exists = t.exists;
    o->st = t.st;
    int fd = make_temp(o->file, &o->slot, err, errlen);
    if (fd < 0) { free(o); return NULL; }
    if (!(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        drop_temp(o->slot, 0);
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
    if (o->how != OUT_FILE) {
        /* written as it went: a failure cannot be undone, only reported */
        errno = 0;
        if (fflush(o->f) != 0 || ferror(o->f)) { ok = 0; saved = errno ? errno : o->why; }
        if (o->f != stdout && o->f != stderr && fclose(o->f) != 0 && ok) { ok = 0; saved = errno; }
        if (!ok && commit) {
            if (o->how == OUT_STD && o->f == stdout)
                snprintf(err, errlen, "%s: writing to standard output failed: %s", o->path, strerror(saved ? saved : EIO));
            else snprintf(err, errlen, "%s: writing failed: %s", o->path, strerror(saved ? saved : EIO));
        }
        free(o);
        return commit && ok ? 0 : -1;
    }
    if (commit) {
        errno = 0;
        if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0) { ok = 0; saved = errno ? errno : o->why; }
        int fd = fileno(o->f);
        if (o->exists) {
            /* the file replaced keeps its permissions, and its owner and group where we may
             * give them (root; or a group we are in); set-id bits are not carried over */
            if ((o->st.st_uid != geteuid() || o->st.st_gid != getegid()) && fchown(fd, o->st.st_uid, o->st.st_gid) != 0
                && fchown(fd, (uid_t)-1, o->st.st_gid) != 0) {
                /* neither is ours to give: the new file is ours */
            }
            fchmod(fd, o->st.st_mode & 0777);
        } else {
            /* mkstemp creates the file 0600; a new result is as readable as any other file made */
            mode_t mask = umask(0);
            umask(mask);
            fchmod(fd, 0666 & ~mask);
        }
    }
    if (fclose(o->f) != 0 && ok) { ok = 0; saved = errno; }
    int renamed = commit && ok && rename(temp_name[o->slot], o->file) == 0;
    if (commit && ok && !renamed) { ok = 0; saved = errno; }
    drop_temp(o->slot, renamed);
    if (commit && !ok)
        snprintf(err, errlen, "%s: writing failed: %s (any earlier file is left as it was)", o->path,
                 strerror(saved ? saved : EIO));
    free(o);
    return commit && ok ? 0 : -1;
}

int ps_file_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
    ps_out *o = ps_out_open(path, err, errlen);
    if (!o) return -1;
    if (fwrite(data, 1, len, o->f) != len) o->why = errno;
    return ps_out_close(o, 1, err, errlen);
}

/* ---- which paths name the same file ---------------------------------------------------------- */

/* A file's identity: its device and inode when it exists (or, for "-" and /dev/fd/N, the open
 * file's), else the path it would have, its folder resolved ("./a", "b/../a" and "a" agree). */
typedef struct file_id { int inode; dev_t dev; ino_t ino; mode_t mode; dev_t rdev; char path[2 * PATH_MAX]; } file_id;

static void identify(const char *path, file_id *id)
{
    struct stat st;
    int fd = ps_file_std_fd(path);
    memset(id, 0, sizeof *id);
    if (fd >= 0 ? fstat(fd, &st) == 0 : stat(path, &st) == 0) {
        id->inode = 1;
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        id->mode = st.st_mode;
        id->rdev = st.st_rdev;
        return;
    }
    char dir[PATH_MAX], real[PATH_MAX];
    folder_of(path, dir, sizeof dir);
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    if (realpath(dir, real)) snprintf(id->path, sizeof id->path, "%s/%s", strcmp(real, "/") ? real : "", base);
    else snprintf(id->path, sizeof id->path, "%s", path);
}

int ps_file_same(const char *a, const char *b)
{
    int fa = ps_file_std_fd(a), fb = ps_file_std_fd(b);
    if (fa >= 0 && fa == fb) return 1;   /* "-" and /dev/stdout: one stream, wherever it goes */
    file_id x, y;
    identify(a, &x);
    identify(b, &y);
    if (x.inode != y.inode) return 0;
    if (!x.inode) return strcmp(x.path, y.path) == 0;
    if (x.dev != y.dev || x.ino != y.ino) return 0;
    /* the null device takes any number of outputs */
    struct stat null;
    if (S_ISCHR(x.mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) && null.st_rdev == x.rdev) return 0;
    return 1;
}
