#include "checker/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smi.h>

/* 2: module records carry the revision */
#define CACHE_FORMAT "mibcheck-cache-2"

/* 128 bits from two independent 64-bit FNV-1a streams: the key only has
 * to tell files apart, not resist an adversary who can write the cache
 * folder anyway. */
struct digest {
    uint64_t a, b;
};

static void digest_init(struct digest *d)
{
    d->a = 0xcbf29ce484222325ULL;
    d->b = 0x84222325cbf29ce4ULL;
}

static void digest_add(struct digest *d, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        d->a = (d->a ^ s[i]) * 0x100000001b3ULL;
        d->b = (d->b ^ (unsigned char)(s[i] + 0x5b)) * 0x100000001b3ULL;
        d->b ^= d->b >> 29;
    }
}

/* strings are added with their terminator, so ("ab","c") != ("a","bc") */
static void digest_str(struct digest *d, const char *s)
{
    digest_add(d, s ? s : "", s ? strlen(s) + 1 : 1);
}

static char *digest_hex(const struct digest *d)
{
    return xasprintf("%016" PRIx64 "%016" PRIx64, d->a, d->b);
}

struct file_hash {
    char *path;
    char *hex;      /* NULL: unreadable */
};

struct cache {
    char *dir;
    char *config_hex;            /* version and configuration */
    struct file_hash *files;     /* hashes of dependencies, this run */
    size_t n_files, cap_files;
    const struct module_index *ix;
    const struct source_set *ss;
};

static char *hash_file(const char *path)
{
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(path, (size_t)1 << 30, &len, &too_large);
    if (!text)
        return NULL;
    struct digest d;
    digest_init(&d);
    digest_add(&d, text, len);
    free(text);
    return digest_hex(&d);
}

/* A dependency's hash, read once per run. */
static const char *dep_hash(struct cache *c, const char *path)
{
    for (size_t i = 0; i < c->n_files; i++)
        if (!strcmp(c->files[i].path, path))
            return c->files[i].hex;
    if (c->n_files == c->cap_files) {
        c->cap_files = c->cap_files ? 2 * c->cap_files : 64;
        c->files = xrealloc(c->files, c->cap_files * sizeof *c->files);
    }
    c->files[c->n_files].path = xstrdup(path);
    c->files[c->n_files].hex = hash_file(path);
    return c->files[c->n_files++].hex;
}

struct cache *cache_open(const struct config *cfg, const struct source_set *ss,
                         const struct module_index *ix)
{
    /* The compat rules read the last release through --previous; its
     * files are not among libsmi's dependencies, so such runs are not
     * cached rather than cached wrongly. */
    if (!cfg->cache_dir || cfg->previous)
        return NULL;
    if (mkdir(cfg->cache_dir, 0755) < 0 && errno != EEXIST)
        return NULL;
    struct cache *c = xcalloc(1, sizeof *c);
    c->dir = xstrdup(cfg->cache_dir);
    c->ss = ss;
    c->ix = ix;
    struct digest d;
    digest_init(&d);
    digest_str(&d, CACHE_FORMAT);
    digest_str(&d, PACKAGE_VERSION);
    digest_str(&d, smi_version_string);
    digest_str(&d, cfg->profile);
    digest_add(&d, &cfg->recursive, sizeof cfg->recursive);
    digest_add(&d, &cfg->max_file_size, sizeof cfg->max_file_size);
    /* the Net-SNMP cross-load adds findings of its own */
    digest_str(&d, cfg->netsnmp ? "netsnmp" : "no-netsnmp");
    if (cfg->pen_registry_path) {
        char *h = hash_file(cfg->pen_registry_path);
        digest_str(&d, h);
        free(h);
    }
    /* the rule settings of the file and the command line: which rules
     * are on changes what the workers report (decisions.c, oid.c) */
    for (size_t i = 0; i < cfg->n_settings; i++) {
        const struct rule_setting *s = &cfg->settings[i];
        char *one = xasprintf("%d %d %s %s", (int)s->kind, (int)s->severity,
                              s->path_glob ? s->path_glob : "", s->pattern);
        digest_str(&d, one);
        free(one);
    }
    digest_str(&d, "-M");
    for (size_t i = 0; i < cfg->mib_path.len; i++)
        digest_str(&d, cfg->mib_path.v[i]);
    digest_str(&d, "--reference");
    for (size_t i = 0; i < cfg->reference_dirs.len; i++)
        digest_str(&d, cfg->reference_dirs.v[i]);
    digest_str(&d, getenv("MIBCHECK_BASE_DIR"));
    c->config_hex = digest_hex(&d);
    return c;
}

void cache_close(struct cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_files; i++) {
        free(c->files[i].path);
        free(c->files[i].hex);
    }
    free(c->files);
    free(c->config_hex);
    free(c->dir);
    free(c);
}

/* The entry of a file: named after its path, its bytes and the
 * configuration.  NULL when the file cannot be read. */
static char *entry_path(struct cache *c, const struct source *src)
{
    const char *h = dep_hash(c, src->abspath);
    if (!h)
        return NULL;
    struct digest d;
    digest_init(&d);
    digest_str(&d, c->config_hex);
    digest_str(&d, src->path);
    digest_str(&d, h);
    char *hex = digest_hex(&d);
    char *p = xasprintf("%s/%s", c->dir, hex);
    free(hex);
    return p;
}

/* Does the dependency line "NAME\tPATH\tHASH" still hold: same bytes, and
 * an import of NAME still resolves to PATH as far as the inputs go? */
static int dep_valid(struct cache *c, char *line)
{
    char *tab1 = strchr(line, '\t');
    char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    if (!tab2)
        return 0;
    *tab1 = *tab2 = '\0';
    const char *name = line, *path = tab1 + 1, *hex = tab2 + 1;
    int ok = 1;
    const struct index_entry *e = index_find(c->ix, name);
    if (e) {
        const struct source *s = &c->ss->v[e->source];
        ok = !strcmp(s->abspath, path) || !strcmp(s->path, path);
    }
    if (ok) {
        const char *now = dep_hash(c, path);
        ok = now && !strcmp(now, hex);
    }
    *tab1 = *tab2 = '\t';
    return ok;
}

char *cache_lookup(struct cache *c, const struct source *src)
{
    if (!c)
        return NULL;
    char *p = entry_path(c, src);
    if (!p)
        return NULL;
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(p, (size_t)1 << 30, &len, &too_large);
    free(p);
    if (!text)
        return NULL;
    /* header: CACHE_FORMAT, the dependencies, then a blank line */
    char *line = text, *records = NULL;
    char *nl = strchr(line, '\n');
    if (!nl || strncmp(line, CACHE_FORMAT "\n", sizeof CACHE_FORMAT))
        goto miss;
    for (line = nl + 1; (nl = strchr(line, '\n')); line = nl + 1) {
        if (nl == line) {
            records = nl + 1;
            break;
        }
        *nl = '\0';
        int ok = dep_valid(c, line);
        *nl = '\n';
        if (!ok)
            goto miss;
    }
    if (!records)
        goto miss;
    memmove(text, records, len - (size_t)(records - text) + 1);
    return text;
miss:
    free(text);
    return NULL;
}

void cache_store(struct cache *c, const struct source *src,
                 const struct strvec *deps, const char *records, size_t len)
{
    if (!c)
        return;
    char *p = entry_path(c, src);
    if (!p)
        return;
    struct buf b = {0};
    buf_printf(&b, "%s\n", CACHE_FORMAT);
    for (size_t i = 0; i < deps->len; i++) {
        const char *tab = strchr(deps->v[i], '\t');
        const char *h = tab ? dep_hash(c, tab + 1) : NULL;
        if (!h)
            goto out;   /* a dependency that cannot be read again */
        buf_printf(&b, "%s\t%s\n", deps->v[i], h);
    }
    buf_append(&b, "\n", 1);
    buf_append(&b, records, len);
    /* rename makes the entry appear whole or not at all; no fsync: a lost
     * entry is only a miss */
    char *tmp = xasprintf("%s.tmpXXXXXX", p);
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        size_t off = 0;
        while (off < b.len) {
            ssize_t w = write(fd, b.data + off, b.len - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        if (close(fd) < 0 || off < b.len || fchmodat(AT_FDCWD, tmp, 0644, 0) < 0 ||
            rename(tmp, p) < 0)
            unlink(tmp);
    }
    free(tmp);
out:
    buf_free(&b);
    free(p);
}
