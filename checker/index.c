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

static void report_import_cycles(const struct source_set *ss,
                                 const struct module_index *ix,
                                 struct finding_list *out);

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
    report_import_cycles(ss, ix, out);
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

/* ---- import-cycle ---- */

/* The module graph of the batch: one vertex per module name (its first
 * definition, where imports resolve), an edge per module it imports from
 * that the batch defines. */
struct graph {
    size_t n;
    size_t *first;     /* vertex -> index of its first entry in ix */
    size_t *vertex;    /* ix entry -> vertex */
    size_t **succ;     /* successors of each vertex */
    size_t *n_succ;
};

static const struct module_span *span_of(const struct source_set *ss,
                                         const struct module_index *ix,
                                         const struct graph *g, size_t v)
{
    const struct index_entry *e = &ix->v[g->first[v]];
    return &ss->v[e->source].mods[e->module];
}

static void graph_build(const struct source_set *ss,
                        const struct module_index *ix, struct graph *g)
{
    g->first = xcalloc(ix->len + 1, sizeof *g->first);
    g->vertex = xcalloc(ix->len + 1, sizeof *g->vertex);
    for (size_t i = 0; i < ix->len; i++) {
        if (i == 0 || strcmp(ix->v[i].name, ix->v[i - 1].name))
            g->first[g->n++] = i;
        g->vertex[i] = g->n - 1;
    }
    g->succ = xcalloc(g->n + 1, sizeof *g->succ);
    g->n_succ = xcalloc(g->n + 1, sizeof *g->n_succ);
    for (size_t v = 0; v < g->n; v++) {
        const struct module_span *ms = span_of(ss, ix, g, v);
        g->succ[v] = xcalloc(ms->n_imports + 1, sizeof **g->succ);
        for (size_t k = 0; k < ms->n_imports; k++) {
            const struct index_entry *e = index_find(ix, ms->imports[k]);
            if (e)
                g->succ[v][g->n_succ[v]++] = g->vertex[(size_t)(e - ix->v)];
        }
    }
}

static void graph_free(struct graph *g)
{
    for (size_t v = 0; v < g->n; v++)
        free(g->succ[v]);
    free(g->succ);
    free(g->n_succ);
    free(g->first);
    free(g->vertex);
}

/* Strongly connected components (Tarjan), without recursion: a hostile
 * batch may chain thousands of modules.  comp[v] numbers v's component. */
static void components(const struct graph *g, size_t *comp)
{
    const size_t none = (size_t)-1;
    size_t *idx = xcalloc(g->n + 1, sizeof *idx), *low = xcalloc(g->n + 1, sizeof *low);
    size_t *stack = xcalloc(g->n + 1, sizeof *stack), sp = 0;
    size_t *call = xcalloc(g->n + 1, sizeof *call), *edge = xcalloc(g->n + 1, sizeof *edge);
    char *on = xcalloc(g->n + 1, 1);
    size_t counter = 0, ncomp = 0;
    for (size_t v = 0; v < g->n; v++)
        idx[v] = comp[v] = none;
    for (size_t root = 0; root < g->n; root++) {
        if (idx[root] != none)
            continue;
        size_t depth = 0;
        call[depth] = root;
        edge[depth] = 0;
        idx[root] = low[root] = counter++;
        stack[sp++] = root;
        on[root] = 1;
        while (depth != none) {
            size_t v = call[depth];
            if (edge[depth] < g->n_succ[v]) {
                size_t w = g->succ[v][edge[depth]++];
                if (idx[w] == none) {
                    idx[w] = low[w] = counter++;
                    stack[sp++] = w;
                    on[w] = 1;
                    depth++;
                    call[depth] = w;
                    edge[depth] = 0;
                } else if (on[w] && idx[w] < low[v]) {
                    low[v] = idx[w];
                }
                continue;
            }
            if (low[v] == idx[v]) {
                size_t w;
                do {
                    w = stack[--sp];
                    on[w] = 0;
                    comp[w] = ncomp;
                } while (w != v);
                ncomp++;
            }
            depth = depth ? depth - 1 : none;
            if (depth != none && low[v] < low[call[depth]])
                low[call[depth]] = low[v];
        }
    }
    free(idx);
    free(low);
    free(stack);
    free(call);
    free(edge);
    free(on);
}

/* The shortest way from v back to itself inside its component, as
 * vertices v, a, b, ... (v not repeated at the end); returns its length. */
static size_t shortest_cycle(const struct graph *g, const size_t *comp,
                             size_t v, size_t *path)
{
    const size_t none = (size_t)-1;
    size_t *prev = xcalloc(g->n + 1, sizeof *prev), *queue = xcalloc(g->n + 1, sizeof *queue);
    for (size_t i = 0; i < g->n; i++)
        prev[i] = none;
    size_t head = 0, tail = 0, last = none;
    queue[tail++] = v;
    while (head < tail && last == none) {
        size_t u = queue[head++];
        for (size_t k = 0; k < g->n_succ[u]; k++) {
            size_t w = g->succ[u][k];
            if (comp[w] != comp[v])
                continue;
            if (w == v) {
                last = u;
                break;
            }
            if (prev[w] == none) {
                prev[w] = u;
                queue[tail++] = w;
            }
        }
    }
    size_t len = 0;
    for (size_t u = last; u != none && u != v; u = prev[u])
        path[len++] = u;
    path[len++] = v;
    for (size_t i = 0; i < len / 2; i++) {
        size_t t = path[i];
        path[i] = path[len - 1 - i];
        path[len - 1 - i] = t;
    }
    free(prev);
    free(queue);
    return len;
}

/* A module that imports itself is libsmi's smi-import-failed; a cycle of
 * two or more modules goes unnoticed by it and is reported here, on every
 * module of the cycle, with the shortest cycle through that module. */
static void report_import_cycles(const struct source_set *ss,
                                 const struct module_index *ix,
                                 struct finding_list *out)
{
    struct graph g = {0};
    graph_build(ss, ix, &g);
    size_t *comp = xcalloc(g.n + 1, sizeof *comp), *size = xcalloc(g.n + 1, sizeof *size);
    components(&g, comp);
    for (size_t v = 0; v < g.n; v++)
        size[comp[v]]++;
    size_t *path = xcalloc(g.n + 1, sizeof *path);
    for (size_t v = 0; v < g.n; v++) {
        if (size[comp[v]] < 2)
            continue;
        size_t len = shortest_cycle(&g, comp, v, path);
        struct buf chain = {0};
        for (size_t i = 0; i < len; i++)
            buf_printf(&chain, "%s -> ", span_of(ss, ix, &g, path[i])->name);
        buf_printf(&chain, "%s", span_of(ss, ix, &g, v)->name);
        const struct index_entry *e = &ix->v[g.first[v]];
        const struct module_span *ms = span_of(ss, ix, &g, v);
        const struct module_span *next = span_of(ss, ix, &g, path[1 % len]);
        const struct index_entry *ne = &ix->v[g.first[path[1 % len]]];
        struct finding *f = finding_add(
            out, "import-cycle", SEV_WARNING, ss->v[e->source].path, ms->line,
            ms->name, NULL,
            "module %s imports from itself through a cycle of %zu modules: %s",
            ms->name, len, chain.data);
        finding_add_note(f, ss->v[ne->source].path, next->line, NULL,
                         "the next module of the cycle is here");
        buf_free(&chain);
    }
    free(path);
    free(comp);
    free(size);
    graph_free(&g);
}
