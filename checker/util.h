/* Allocation that cannot fail quietly, and small string helpers. */
#ifndef MIBCHECK_UTIL_H
#define MIBCHECK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
/* In a worker: exit with this status instead of aborting when out of
 * memory, so the engine can tell memory exhaustion from a crash. */
void xalloc_set_failure_exit(int status);
/* Give up as for a failed allocation (for allocators outside ours). */
void xalloc_fail(void) __attribute__((noreturn));
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* A growable array of owned strings. */
struct strvec {
    char **v;
    size_t len, cap;
};
void strvec_push(struct strvec *sv, const char *s);
void strvec_push_owned(struct strvec *sv, char *s);
int strvec_contains(const struct strvec *sv, const char *s);
void strvec_free(struct strvec *sv);

/* A growable byte buffer, always NUL-terminated. */
struct buf {
    char *data;
    size_t len, cap;
};
void buf_append(struct buf *b, const char *s, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* Read a whole file (at most max bytes; *too_large set when bigger).
 * Returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t max, size_t *len, int *too_large);

/* Remove dir and everything in it (links are removed, not followed). */
void remove_tree(const char *dir);

/* Write data to path atomically: a temporary file in the same directory
 * (.NAME.mibcheck-tmp-PID-XXXXXX), fsync, rename.  "-" writes to stdout.
 * Returns 0 or -1 with errno. */
int write_file_atomic(const char *path, const char *data, size_t len);
/* Remove the temporary files of path that a writer killed before its
 * rename left behind: those whose process no longer exists. */
void remove_stale_temps(const char *path);

/* Is s[0..n) well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF)?  Returns the length of the valid
 * sequence at s (1-4), or 0 when the byte at s starts no valid one. */
size_t utf8_seq_len(const unsigned char *s, size_t n);
/* The same, with the code point of that sequence in *cp (untouched when
 * 0 is returned). */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* A valid UTF-8 copy of s for reports: bytes that are not UTF-8 are read
 * as Latin-1 (so 0xBD becomes U+00BD). */
char *utf8_valid_copy(const char *s);
/* Byte-exact round trip through JSON, which only carries UTF-8: invalid
 * bytes b become U+F700+b (private use) and back. */
char *utf8_escape_bytes(const char *s);
char *utf8_unescape_bytes(const char *s);

/* Parse a whole decimal number within [lo, hi]: 0, or -1 if s is not one.
 * Shared by the command line and the configuration file. */
int parse_long_range(const char *s, long lo, long hi, long *out);

/* FNV-1a, 64 bits, of s (NULL as ""), chained from h: stable across runs
 * and machines, for fingerprints. */
uint64_t hash_str(uint64_t h, const char *s);
#define HASH_INIT UINT64_C(0xcbf29ce484222325)

/* Shell-style glob match used for rule patterns ("smi-namelength-*"). */
int pattern_match(const char *pattern, const char *s);

#endif
