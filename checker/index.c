#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker/sources.h"
#include "checker/util.h"


static int entry_cmp(const void *pa, const void *pb)
{
    const struct index_entry *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    return a->module < b->module ? -1 : a->module > b->module;
}

void index_build(const struct source_set *ss, struct module_index *ix,
                 struct finding_list *out)
{
    size_t n = 0;
    for (size_t i = 0; i < ss->len; i++)
        n += ss->v[i].n_mods;
    ix->v = xcalloc(n, sizeof *ix->v);
    ix->len = 0;
    for (size_t i = 0; i < ss->len; i++)
        for (size_t m = 0; m < ss->v[i].n_mods; m++)
            ix->v[ix->len++] = (struct index_entry){ss->v[i].mods[m].name, i, m};
    /* sources are sorted by path already, so ties keep path order */
    qsort(ix->v, ix->len, sizeof *ix->v, entry_cmp);
    for (size_t i = 1; i < ix->len; i++) {
        if (strcmp(ix->v[i].name, ix->v[i - 1].name))
            continue;
        /* report each later definition against the first one */
        size_t first = i - 1;
        while (first > 0 && !strcmp(ix->v[first - 1].name, ix->v[i].name))
            first--;
        const struct source *a = &ss->v[ix->v[first].source];
        const struct source *b = &ss->v[ix->v[i].source];
        const struct module_span *ma = &a->mods[ix->v[first].module];
        const struct module_span *mb = &b->mods[ix->v[i].module];
        struct finding *f = finding_add(
            out, "module-duplicate", SEV_WARNING, b->path, mb->line,
            mb->name, NULL,
            "module %s is also defined in %s; both are checked, and imports "
            "of %s resolve to %s", mb->name, a->path, mb->name, a->path);
        finding_add_note(f, a->path, ma->line, NULL, "the other definition is here");
    }
}

const struct index_entry *index_find(const struct module_index *ix,
                                     const char *name)
{
    size_t lo = 0, hi = ix->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(ix->v[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->len && !strcmp(ix->v[lo].name, name))
        return &ix->v[lo];
    return NULL;
}

void index_free(struct module_index *ix)
{
    free(ix->v);
    ix->v = NULL;
    ix->len = 0;
}

int index_write_links(const struct module_index *ix,
                      const struct source_set *ss, const char *dir)
{
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return -1;
    for (size_t i = 0; i < ix->len; i++) {
        if (i > 0 && !strcmp(ix->v[i].name, ix->v[i - 1].name))
            continue;
        /* a module name is used as a file name: refuse anything that is
         * not a plain name */
        const char *name = ix->v[i].name;
        if (strchr(name, '/') || name[0] == '.')
            continue;
        char *link = xasprintf("%s/%s", dir, name);
        unlink(link);
        const struct source *src = &ss->v[ix->v[i].source];
        int r = symlink(src->load_path ? src->load_path : src->abspath, link);
        free(link);
        if (r < 0)
            return -1;
    }
    return 0;
}
