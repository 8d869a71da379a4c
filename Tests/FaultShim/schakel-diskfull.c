// A full disk for Schakel's fault-injection tests (docs/FAULTS.md), loaded with LD_PRELOAD
// into the real `schakel` binary. Built by the tests themselves (FaultInjectionTests), never
// part of the program.
//
//   SCHAKEL_FAULT_DIR=/path         only files under this path are on the "full disk"
//   SCHAKEL_FAULT_FREE_BYTES=N      the disk has N bytes free when the process starts
//   SCHAKEL_FAULT_FULL_WHEN=/file   while this file exists, the disk has no bytes free
//                                   (lets a test fill the disk in the middle of a session)
//
// As on a real full disk, only growth costs space: a write that extends a regular file past
// its current end uses free bytes, and once they are gone it is cut short (the part that
// fits) and then fails with ENOSPC. Overwriting bytes a file already has always works, as
// do writes to pipes and terminals (the error message must still reach the user).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded = 0;
static long long freeBytes = -1; // -1: unlimited
static const char *dir = NULL;
static const char *trigger = NULL;

static void load(void) {
    if (loaded) return;
    const char *v = getenv("SCHAKEL_FAULT_FREE_BYTES");
    freeBytes = v && *v ? atoll(v) : -1;
    dir = getenv("SCHAKEL_FAULT_DIR");
    trigger = getenv("SCHAKEL_FAULT_FULL_WHEN");
    loaded = 1;
}

// A regular file under SCHAKEL_FAULT_DIR.
static int onFullDisk(int fd, struct stat *st) {
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) return 0;
    if (!dir || !*dir) return 1;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0) return 0;
    path[n] = 0;
    return strncmp(path, dir, strlen(dir)) == 0;
}

static long long available(void) {
    struct stat t;
    if (trigger && *trigger && stat(trigger, &t) == 0) return 0;
    return freeBytes;
}

// How many of the n bytes at offset off (the file position when !positional) may be written;
// the free space they take is used up. With allOrNothing, 0 unless all of them fit.
static size_t allowance(int fd, off_t off, size_t n, int positional, int allOrNothing) {
    pthread_mutex_lock(&lock);
    load();
    size_t allowed = n;
    struct stat st;
    long long avail = available();
    if (avail >= 0 && n > 0 && onFullDisk(fd, &st)) {
        if (!positional) {
            int fl = fcntl(fd, F_GETFL);
            off = (fl >= 0 && (fl & O_APPEND)) ? st.st_size : lseek(fd, 0, SEEK_CUR);
            if (off < 0) off = st.st_size;
        }
        long long size = st.st_size, start = off, end = start + (long long)n;
        long long growth = end > size ? end - size : 0;   // includes any gap before `off`
        if (growth > avail) {
            long long fits = size + avail - start;          // bytes from `off` that still fit
            allowed = allOrNothing || fits <= 0 ? 0 : (size_t)fits;
        }
        long long newEnd = start + (long long)allowed;
        long long used = allowed > 0 && newEnd > size ? newEnd - size : 0;
        if (freeBytes >= 0) freeBytes = freeBytes > used ? freeBytes - used : 0;
    }
    pthread_mutex_unlock(&lock);
    return allowed;
}

#define REAL(name, ret, ...) \
    static ret (*real_##name)(__VA_ARGS__); \
    if (!real_##name) real_##name = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n) {
    REAL(write, ssize_t, int, const void *, size_t);
    size_t a = allowance(fd, 0, n, 0, 0);
    if (a == 0 && n > 0) { errno = ENOSPC; return -1; }
    return real_write(fd, buf, a);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
    REAL(pwrite, ssize_t, int, const void *, size_t, off_t);
    size_t a = allowance(fd, off, n, 1, 0);
    if (a == 0 && n > 0) { errno = ENOSPC; return -1; }
    return real_pwrite(fd, buf, a, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) {
    REAL(pwrite64, ssize_t, int, const void *, size_t, off_t);
    size_t a = allowance(fd, off, n, 1, 0);
    if (a == 0 && n > 0) { errno = ENOSPC; return -1; }
    return real_pwrite64(fd, buf, a, off);
}

ssize_t writev(int fd, const struct iovec *iov, int count) {
    REAL(writev, ssize_t, int, const struct iovec *, int);
    size_t n = 0;
    for (int i = 0; i < count; i++) n += iov[i].iov_len;
    if (allowance(fd, 0, n, 0, 1) < n) { errno = ENOSPC; return -1; }
    return real_writev(fd, iov, count);
}

int posix_fallocate(int fd, off_t off, off_t len) {
    REAL(posix_fallocate, int, int, off_t, off_t);
    if (allowance(fd, off, (size_t)len, 1, 1) < (size_t)len) return ENOSPC;
    return real_posix_fallocate(fd, off, len);
}

int fallocate(int fd, int mode, off_t off, off_t len) {
    REAL(fallocate, int, int, int, off_t, off_t);
    if (allowance(fd, off, (size_t)len, 1, 1) < (size_t)len) { errno = ENOSPC; return -1; }
    return real_fallocate(fd, mode, off, len);
}
