/* What the libFuzzer harnesses share: reading values out of the fuzz
 * input, and a check that stops the run with a message when an invariant
 * of our code does not hold (libFuzzer keeps the input as a crash). */
#ifndef MIBCHECK_FUZZ_H
#define MIBCHECK_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond, ...)                                              \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d): ", #cond,  \
                    __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
            abort();                                                       \
        }                                                                  \
    } while (0)

/* The input read front to back; past its end every read gives zero. */
struct fuzz_in {
    const uint8_t *p;
    size_t n;
};

static inline unsigned fuzz_byte(struct fuzz_in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v = (v << 8) | fuzz_byte(in);
    return v;
}

/* A string of up to max bytes (its length from one byte), any bytes but
 * NUL: control characters, bytes that are not UTF-8.  Caller frees. */
static inline char *fuzz_str(struct fuzz_in *in, size_t max)
{
    size_t want = fuzz_byte(in) % (max + 1);
    char *s = malloc(want + 1);
    size_t k = 0;
    while (k < want && in->n) {
        char c = (char)fuzz_byte(in);
        if (c)
            s[k++] = c;
    }
    s[k] = '\0';
    return s;
}

/* A NUL-terminated copy of the whole input, as read_file() gives files. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    memcpy(t, data, size);
    t[size] = '\0';
    return t;
}

#endif
