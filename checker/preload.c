#include "checker/preload.h"

#include <signal.h>
#include <smi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include "checker/engine.h"
#include "checker/util.h"

/* A state is prepared for a sequence of imports only when at least this
 * many inputs start with it: below, building it costs what it saves. */
#define MIN_SHARERS 3
/* At most this many states: each holds its modules' whole libsmi data,
 * and the parent builds them (twice, see probe) before the first fork. */
#define MAX_PREPARED 48

struct smi_prepared {
    char *tag;            /* libsmi handle name */
    char *key;            /* the imports it holds, joined by '\n' */
    size_t users;         /* inputs it was chosen for */
    struct strvec mods;   /* the modules libsmi loaded, in its order */
};

struct smi_preload {
    struct smi_prepared *v;   /* sorted by key */
    size_t len;
};

/* The modules src's first module imports, in the order of its FROM
 * clauses, each once, up to one the file itself defines: libsmi loads
 * them in this order, before the file's first definition. */
static void imports_of(const struct source *src, struct strvec *out)
{
    if (src->status != SRC_OK || !src->n_mods)
        return;
    const struct module_span *m = &src->mods[0];
    for (size_t i = 0; i < m->n_imports; i++) {
        const char *name = m->imports[i];
        int own = 0;
        for (size_t k = 0; k < src->n_mods && !own; k++)
            own = !strcmp(src->mods[k].name, name);
        if (own)
            break;
        if (!strvec_contains(out, name))
            strvec_push(out, name);
    }
}

/* The first n names of v joined by '\n'. */
static char *join(const struct strvec *v, size_t n)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_append(&b, "\n", 1);
        buf_append(&b, v->v[i], strlen(v->v[i]));
    }
    return b.data;
}

/* libsmi hands the handler a message it allocated and does not free */
void smi_preload_settings(const char *smipath, int flags,
                          void (*handler)(char *path, int line, int severity,
                                          char *msg, char *tag))
{
    smiSetPath(smipath);
    smiSetErrorLevel(9);
    smiSetFlags(SMI_FLAG_ERRORS | flags);
    smiSetErrorHandler(handler);
}

static void quiet(char *path, int line, int severity, char *msg, char *tag)
{
    (void)path, (void)line, (void)severity, (void)tag;
    free(msg);
}

/* libsmi finds a handle by name, and reads its configuration files for a
 * new one unless the name has nothing before a ':' (smiInit), so the
 * names are ":", "::", ...: no site file can add to a prepared state. */
static char *tag_for(size_t i)
{
    char *t = xmalloc(i + 2);
    memset(t, ':', i + 1);
    t[i + 1] = '\0';
    return t;
}

/* Load h's imports into a new libsmi handle set up as a worker sets up
 * its own (load.c), diagnostics dropped: a worker does not report those
 * of imported modules either (without -r).  Returns 0 if nothing loaded. */
static int prepare(struct smi_prepared *h, const char *smipath)
{
    char *names = xstrdup(h->key), *save = NULL;
#if defined(__SANITIZE_ADDRESS__)
    /* libsmi 0.4.8 loses blocks in smiInit and while it parses (a copy
     * of the handle name, identifiers its lexer copies, a node per
     * parse); in a worker that goes unnoticed, here LeakSanitizer would
     * report them at the parent's exit.  What libsmi keeps, smiExit
     * frees (smi_preload_free). */
    __lsan_disable();
#endif
    smiInit(h->tag);
    smi_preload_settings(smipath, 0, quiet);
    /* smiGetModule, not smiLoadModule: a worker's imports are not in
     * libsmi's "view" either */
    for (char *n = strtok_r(names, "\n", &save); n; n = strtok_r(NULL, "\n", &save))
        smiGetModule(n);
#if defined(__SANITIZE_ADDRESS__)
    __lsan_enable();
#endif
    free(names);
    for (SmiModule *m = smiGetFirstModule(); m; m = smiGetNextModule(m))
        strvec_push(&h->mods, m->name);
    return h->mods.len > 0;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_users(const void *pa, const void *pb)
{
    const struct smi_prepared *a = pa, *b = pb;
    if (a->users != b->users)
        return a->users > b->users ? -1 : 1;
    return strcmp(a->key, b->key);
}

static int by_key(const void *pa, const void *pb)
{
    const struct smi_prepared *a = pa, *b = pb;
    return strcmp(a->key, b->key);
}

/* How many of the sorted strings v[0..n) equal s. */
static size_t count_of(char **v, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(v[mid], s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < n && !strcmp(v[k], s))
        k++;
    return k - lo;
}

/* For each source marked in todo, the longest start of its imports that
 * at least MIN_SHARERS such sources share; the most used ones first. */
static size_t choose(const struct source_set *ss, const unsigned char *todo,
                     struct smi_prepared **out)
{
    struct strvec *imp = xcalloc(ss->len ? ss->len : 1, sizeof *imp);
    struct strvec starts = {0};
    for (size_t i = 0; i < ss->len; i++) {
        if (!todo[i])
            continue;
        imports_of(&ss->v[i], &imp[i]);
        for (size_t n = 1; n <= imp[i].len; n++)
            strvec_push_owned(&starts, join(&imp[i], n));
    }
    /* qsort of NULL is undefined even for 0 elements: inputs without
     * imports have no starts and nothing chosen (fuzz-pipeline) */
    if (starts.len > 1)
        qsort(starts.v, starts.len, sizeof *starts.v, str_cmp);
    struct strvec chosen = {0};
    for (size_t i = 0; i < ss->len; i++) {
        for (size_t n = imp[i].len; n > 0; n--) {
            char *k = join(&imp[i], n);
            if (count_of(starts.v, starts.len, k) >= MIN_SHARERS) {
                strvec_push_owned(&chosen, k);
                break;
            }
            free(k);
        }
        strvec_free(&imp[i]);
    }
    free(imp);
    strvec_free(&starts);
    if (chosen.len > 1)
        qsort(chosen.v, chosen.len, sizeof *chosen.v, str_cmp);
    struct smi_prepared *v = xcalloc(chosen.len ? chosen.len : 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < chosen.len;) {
        size_t j = i;
        while (j < chosen.len && !strcmp(chosen.v[j], chosen.v[i]))
            j++;
        v[n].key = xstrdup(chosen.v[i]);
        v[n++].users = j - i;
        i = j;
    }
    strvec_free(&chosen);
    qsort(v, n, sizeof *v, by_users);
    for (size_t i = MAX_PREPARED; i < n; i++)
        free(v[i].key);
    if (n > MAX_PREPARED)
        n = MAX_PREPARED;
    for (size_t i = 0; i < n; i++)
        v[i].tag = tag_for(i);
    *out = v;
    return n;
}

/* libsmi crashes and loops on some modules, and the prepared imports may
 * be inputs.  Prepare everything once in a throwaway process first, so
 * that the parent, which holds the whole run, never meets such a module:
 * libsmi does the same on the same files every time. */
static int probe(struct smi_prepared *v, size_t n, const char *smipath,
                 int timeout)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        for (size_t i = 0; i < n; i++)
            prepare(&v[i], smipath);
        _exit(0);
    }
    struct timespec tick = {0, 2 * 1000 * 1000};
    long waited_ms = 0, limit_ms = (timeout > 0 ? timeout : 30) * 1000L;
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0)
            return -1;
        if (waited_ms >= limit_ms || engine_stop_requested()) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        nanosleep(&tick, NULL);
        waited_ms += 2;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void prepared_free(struct smi_prepared *h)
{
    free(h->tag);
    free(h->key);
    strvec_free(&h->mods);
}

struct smi_preload *smi_preload_build(const struct config *cfg,
                                      const struct source_set *ss,
                                      const unsigned char *todo,
                                      const char *smipath)
{
    /* MIBCHECK_NO_PRELOAD: every worker from an empty libsmi, for tests
     * that compare the two */
    if (cfg->recursive || getenv("MIBCHECK_NO_PRELOAD"))
        return NULL;
    struct smi_prepared *v = NULL;
    size_t n = choose(ss, todo, &v);
    if (!n || probe(v, n, smipath, cfg->timeout) < 0) {
        for (size_t i = 0; i < n; i++)
            prepared_free(&v[i]);
        free(v);
        return NULL;
    }
    struct smi_preload *p = xcalloc(1, sizeof *p);
    p->v = v;
    for (size_t i = 0; i < n; i++) {
        if (prepare(&v[i], smipath)) {
            v[p->len++] = v[i];
        } else {
            smiExit();
            prepared_free(&v[i]);
        }
    }
    qsort(v, p->len, sizeof *v, by_key);
    return p;
}

void smi_preload_free(struct smi_preload *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->len; i++) {
        smiInit(p->v[i].tag);
        smiExit();
        prepared_free(&p->v[i]);
    }
    free(p->v);
    free(p);
}

const struct smi_prepared *smi_preload_pick(const struct smi_preload *p,
                                            const struct source *src)
{
    if (!p || !p->len)
        return NULL;
    struct strvec imp = {0};
    imports_of(src, &imp);
    const struct smi_prepared *h = NULL;
    for (size_t n = imp.len; n > 0 && !h; n--) {
        struct smi_prepared want = {0};
        want.key = join(&imp, n);
        h = bsearch(&want, p->v, p->len, sizeof *p->v, by_key);
        free(want.key);
    }
    strvec_free(&imp);
    /* a module of this file already loaded would stop libsmi on the file */
    for (size_t m = 0; h && m < src->n_mods; m++)
        if (strvec_contains(&h->mods, src->mods[m].name))
            h = NULL;
    return h;
}

void smi_preload_enter(const struct smi_prepared *h)
{
    smiInit(h->tag);
}

static SmiModule *loaded(const char *name)
{
    for (SmiModule *m = smiGetFirstModule(); m; m = smiGetNextModule(m))
        if (!strcmp(m->name, name))
            return m;
    return NULL;
}

/* The order in which an empty libsmi adds modules: each FROM clause loads
 * its module unless already loaded, which adds it and then, depth first,
 * the modules of its own IMPORTS.  Stops at limit modules. */
static void follow_imports(SmiModule *m, struct strvec *order, size_t limit)
{
    for (SmiImport *im = smiGetFirstImport(m); im && order->len < limit;
         im = smiGetNextImport(im)) {
        if (!im->module || strvec_contains(order, im->module))
            continue;
        SmiModule *to = loaded(im->module);
        if (!to)
            continue;
        strvec_push(order, to->name);
        follow_imports(to, order, limit);
    }
}

int smi_preload_faithful(const struct smi_prepared *h, const struct source *src,
                         const char *load_path)
{
    if (!src->n_mods)
        return 0;
    SmiModule *first = NULL;
    for (SmiModule *m = smiGetFirstModule(); m && !first; m = smiGetNextModule(m))
        if (!strcmp(m->name, src->mods[0].name) && m->path &&
            !strcmp(m->path, load_path))
            first = m;
    if (!first)
        return 0;
    struct strvec order = {0};
    strvec_push(&order, first->name);
    follow_imports(first, &order, h->mods.len + 1);
    int ok = order.len == h->mods.len + 1;
    for (size_t i = 0; ok && i < h->mods.len; i++)
        ok = !strcmp(order.v[i + 1], h->mods.v[i]);
    strvec_free(&order);
    return ok;
}
