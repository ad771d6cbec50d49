#include "checker/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Out of memory is the one error we do not return: there is no sensible
 * way to go on, and every caller would otherwise need the same check. */
static int failure_exit;

void xalloc_set_failure_exit(int status)
{
    failure_exit = status;
}

void xalloc_fail(void)
{
    if (failure_exit)
        _exit(failure_exit);
    fputs("mibcheck: out of memory\n", stderr);
    abort();
}

static void oom(void)
{
    xalloc_fail();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p) oom();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = strndup(s, n);
    if (!p) oom();
    return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;
    if (vasprintf(&s, fmt, ap) < 0) oom();
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void strvec_push_owned(struct strvec *sv, char *s)
{
    if (sv->len + 1 >= sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 8;
        sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    sv->v[sv->len++] = s;
    sv->v[sv->len] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
    strvec_push_owned(sv, xstrdup(s));
}

int strvec_contains(const struct strvec *sv, const char *s)
{
    for (size_t i = 0; i < sv->len; i++)
        if (!strcmp(sv->v[i], s))
            return 1;
    return 0;
}

void strvec_free(struct strvec *sv)
{
    for (size_t i = 0; i < sv->len; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->len = sv->cap = 0;
}

void buf_append(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    buf_append(b, s, strlen(s));
    free(s);
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *read_file(const char *path, size_t max, size_t *len, int *too_large)
{
    *too_large = 0;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        /* FIFOs, devices and sockets could block or never end. */
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    if ((size_t)st.st_size > max) {
        close(fd);
        *too_large = 1;
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *data = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max + 1) {
                /* grew while we read it */
                free(data);
                close(fd);
                *too_large = 1;
                return NULL;
            }
            cap *= 2;
            data = xrealloc(data, cap);
        }
        ssize_t r = read(fd, data + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(data);
            close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    data[n] = '\0';
    *len = n;
    return data;
}

/* The folder of path and the name prefix of its temporary files. */
static void temp_prefix(const char *path, char **dir, char **prefix)
{
    const char *slash = strrchr(path, '/');
    *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path))
                 : xstrdup(".");
    *prefix = xasprintf(".%s.mibcheck-tmp-", slash ? slash + 1 : path);
}

void remove_stale_temps(const char *path)
{
    char *dir, *prefix;
    temp_prefix(path, &dir, &prefix);
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        free(prefix);
        return;
    }
    size_t n = strlen(prefix);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, prefix, n))
            continue;
        char *end;
        long pid = strtol(de->d_name + n, &end, 10);
        if (pid <= 0 || *end != '-' || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
            char *p = xasprintf("%s/%s", dir, de->d_name);
            unlink(p);
            free(p);
        }
    }
    closedir(d);
    free(dir);
    free(prefix);
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
    if (!strcmp(path, "-")) {
        if (len && fwrite(data, 1, len, stdout) != len)
            return -1;
        return fflush(stdout) == 0 ? 0 : -1;
    }
    /* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
     * place: renaming a file over it would replace the device itself. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        int out = open(path, O_WRONLY);
        if (out < 0)
            return -1;
        size_t done = 0;
        while (done < len) {
            ssize_t w = write(out, data + done, len - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                int e = errno;
                close(out);
                errno = e;
                return -1;
            }
            done += (size_t)w;
        }
        return close(out);
    }
    /* hidden, and naming its writer (see remove_stale_temps) */
    char *dir, *prefix;
    temp_prefix(path, &dir, &prefix);
    char *tmp = xasprintf("%s/%s%ld-XXXXXX", dir, prefix, (long)getpid());
    free(dir);
    free(prefix);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        off += (size_t)w;
    }
    if (fchmod(fd, 0644) < 0 || fsync(fd) < 0)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto fail;
    free(tmp);
    return 0;
fail:;
    int e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    errno = e;
    return -1;
}

int pattern_match(const char *pattern, const char *s)
{
    return fnmatch(pattern, s, 0) == 0;
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned cp;
    return utf8_decode(s, n, &cp);
}

size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cpp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cpp = c;
        return 1;
    }
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *cpp = cp;
    return len;
}

static void put_cp(struct buf *b, unsigned cp)
{
    char u[3];
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 2);
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 3);
    }
}

static char *utf8_map_invalid(const char *s, unsigned base)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    struct buf b = {0};
    buf_append(&b, "", 0);
    while (n > 0) {
        unsigned cp;
        size_t l = utf8_decode(p, n, &cp);
        /* with escapes, a real U+F780..U+F7FF (the escapes' own range) is
         * escaped byte by byte too, or it would come back as one byte */
        if (l && base && cp >= base + 0x80 && cp <= base + 0xFF)
            l = 0;
        if (l) {
            buf_append(&b, (const char *)p, l);
        } else {
            l = 1;
            put_cp(&b, base + *p);
        }
        p += l;
        n -= l;
    }
    return b.data;
}

char *utf8_valid_copy(const char *s)
{
    return utf8_map_invalid(s, 0);
}

char *utf8_escape_bytes(const char *s)
{
    return utf8_map_invalid(s, 0xF700);
}

char *utf8_unescape_bytes(const char *s)
{
    /* U+F780..U+F7FF is EF 9E 80 .. EF 9F BF */
    struct buf b = {0};
    buf_append(&b, "", 0);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (p[0] == 0xEF && (p[1] == 0x9E || p[1] == 0x9F) && (p[2] & 0xC0) == 0x80) {
            unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
            char byte = (char)(cp - 0xF700);
            buf_append(&b, &byte, 1);
            p += 3;
            continue;
        }
        buf_append(&b, (const char *)p, 1);
        p++;
    }
    return b.data;
}

void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d))) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char *p = xasprintf("%s/%s", dir, de->d_name);
            if (unlink(p) < 0 && errno == EISDIR)
                remove_tree(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

int parse_long_range(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

uint64_t hash_str(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    /* a separator, so ("ab","c") and ("a","bc") differ */
    h ^= 0xff;
    h *= UINT64_C(0x100000001b3);
    return h;
}
