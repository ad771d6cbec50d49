/* The incremental cache (--cache DIR): the records a child produced for a
 * file, kept under a key made of the file's bytes, mibcheck's and
 * libsmi's versions and the configuration that shapes findings, and
 * reused while every module libsmi loaded for it (its imports) still has
 * the same bytes and still resolves to the same file. */
#ifndef MIBCHECK_CACHE_H
#define MIBCHECK_CACHE_H

#include <stddef.h>

#include "checker/config.h"
#include "checker/sources.h"
#include "checker/util.h"

struct cache;

/* NULL when cfg asks for no cache (or it cannot be used: see cache.c). */
struct cache *cache_open(const struct config *cfg, const struct source_set *ss,
                         const struct module_index *ix);
void cache_close(struct cache *c);

/* The records cached for src, one JSON object a line (the child's
 * stream without its closing record), or NULL.  Caller frees. */
char *cache_lookup(struct cache *c, const struct source *src);
/* Keep records (as above) for src; deps is what the child loaded with
 * it: "NAME\tPATH" per module.  Failures only cost a later miss. */
void cache_store(struct cache *c, const struct source *src,
                 const struct strvec *deps, const char *records,
                 size_t len);

#endif
