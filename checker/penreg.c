#include "checker/penreg.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

static int entry_cmp(const void *a, const void *b)
{
    long x = ((const struct pen_entry *)a)->pen, y = ((const struct pen_entry *)b)->pen;
    return (x > y) - (x < y);
}

/* The first non-blank character of an indented line, or NULL. */
static const char *indented(const char *line, size_t n)
{
    if (n == 0 || !isspace((unsigned char)line[0]))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)line[i]))
            return line + i;
    return NULL;
}

void pen_registry_parse(const char *text, struct pen_registry *reg)
{
    size_t cap = reg->len;
    long pending = -1; /* a number whose organisation line is still due */
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        size_t digits = 0;
        while (digits < n && isdigit((unsigned char)p[digits]))
            digits++;
        const char *org = indented(p, n);
        if (digits > 0 && digits == n && digits < 12) {
            pending = strtol(p, NULL, 10);
        } else if (org && pending >= 0) {
            if (reg->len == cap) {
                cap = cap ? 2 * cap : 64;
                reg->v = xrealloc(reg->v, cap * sizeof *reg->v);
            }
            reg->v[reg->len].pen = pending;
            reg->v[reg->len].organization = xstrndup(org, n - (size_t)(org - p));
            reg->len++;
            pending = -1;
        } else if (!org) {
            /* header text, or a number line with no organisation */
            pending = -1;
        }
        p += n;
        while (*p && *p != '\n')
            p++;
        if (*p)
            p++;
    }
    if (reg->len)
        qsort(reg->v, reg->len, sizeof *reg->v, entry_cmp);
}

int pen_registry_load(const char *path, struct pen_registry *reg, char **err)
{
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(path, (size_t)1 << 30, &len, &too_large);
    if (!text) {
        *err = xasprintf("cannot read --pen-registry %s: %s", path,
                         too_large ? "file too large" : strerror(errno));
        return -1;
    }
    pen_registry_parse(text, reg);
    free(text);
    if (!reg->len) {
        *err = xasprintf("--pen-registry %s holds no enterprise number (expected "
                         "IANA's format: a number line, then an indented "
                         "organisation line)", path);
        return -1;
    }
    return 0;
}

const struct pen_entry *pen_registry_find(const struct pen_registry *reg, long pen)
{
    if (!reg || !reg->len)
        return NULL;
    struct pen_entry key = {pen, NULL};
    return bsearch(&key, reg->v, reg->len, sizeof *reg->v, entry_cmp);
}

void pen_registry_free(struct pen_registry *reg)
{
    for (size_t i = 0; i < reg->len; i++)
        free(reg->v[i].organization);
    free(reg->v);
    reg->v = NULL;
    reg->len = 0;
}

/* Words that say what kind of body an organisation is, not which one. */
static const char *const filler[] = {
    "ab", "ag", "and", "as", "asa", "bv", "co", "company", "corp",
    "corporation", "gmbh", "inc", "incorporated", "kg", "kk", "limited",
    "llc", "lp", "ltd", "ltda", "nv", "of", "oy", "plc", "pty", "sa", "sas",
    "sl", "spa", "srl", "the", NULL};

/* Words that say what a company does; dropped when a name has others. */
static const char *const generic[] = {
    "communication", "communications", "computer", "computers", "data",
    "electronics", "group", "holding", "holdings", "industries",
    "international", "labs", "laboratories", "network", "networks",
    "networking", "research", "software", "solutions", "systems",
    "technologies", "technology", "telecom", "telecommunications", NULL};

static int in_list(const char *w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(w, list[i]))
            return 1;
    return 0;
}

static int is_filler(const char *w)
{
    return strlen(w) < 2 || in_list(w, filler);
}

char *org_key(const char *organization)
{
    struct strvec words = {0};
    size_t specific = 0;
    const char *p = organization ? organization : "";
    while (*p) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        char word[64];
        size_t n = 0;
        while (*p && isalnum((unsigned char)*p)) {
            if (n + 1 < sizeof word)
                word[n++] = (char)tolower((unsigned char)*p);
            p++;
            /* "ciscoSystems" (as the registry spells some names) is two
             * words */
            if (islower((unsigned char)p[-1]) && isupper((unsigned char)*p))
                break;
        }
        word[n] = '\0';
        if (n && !is_filler(word)) {
            strvec_push(&words, word);
            specific += !in_list(word, generic);
        }
    }
    struct buf out = {0};
    buf_printf(&out, "%s", "");
    for (size_t i = 0; i < words.len; i++)
        if (!specific || !in_list(words.v[i], generic))
            buf_printf(&out, "%s%s", out.len ? " " : "", words.v[i]);
    strvec_free(&words);
    return out.data;
}

int org_similar(const char *a, const char *b)
{
    char *ka = org_key(a), *kb = org_key(b);
    int same = 0;
    for (char *w = ka; *w && !same;) {
        size_t n = strcspn(w, " ");
        for (char *v = kb; *v && !same;) {
            size_t m = strcspn(v, " ");
            same = n == m && !strncmp(w, v, n);
            v += m + (v[m] == ' ');
        }
        w += n + (w[n] == ' ');
    }
    free(ka);
    free(kb);
    return same;
}
