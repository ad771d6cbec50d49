/* libFuzzer harness: the module indexer.  The input is one or more files
 * (separated by a line "--@@"); each is tokenized and its modules found
 * (checker/lexer.c), then the index is built over all of them
 * (checker/index.c) and written as a folder of links, as the engine
 * does for libsmi. */
#include "tests/fuzz/fuzz.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker/sources.h"
#include "checker/util.h"

#define MAX_FILES 4

static char *link_dir;   /* the folder of links, emptied after each input */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    link_dir = xasprintf("%s/mibcheck-fuzz-index-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(link_dir))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    struct source_set ss = {0};
    ss.v = xcalloc(MAX_FILES, sizeof *ss.v);
    char *part = text;
    for (size_t k = 0; k < MAX_FILES && part; k++) {
        char *sep = k + 1 < MAX_FILES ? strstr(part, "\n--@@") : NULL;
        size_t len = sep ? (size_t)(sep - part) : size - (size_t)(part - text);
        struct source *s = &ss.v[ss.len++];
        s->path = xasprintf("in/%zu.mib", k);
        s->abspath = xasprintf("/nonexistent/in/%zu.mib", k);
        struct token_list tl = {0};
        lex_mib(part, len, &tl);
        s->n_mods = find_modules(&tl, &s->mods);
        s->status = s->n_mods ? SRC_OK : SRC_NOT_MIB;
        for (size_t m = 0; m < s->n_mods; m++) {
            const struct module_span *ms = &s->mods[m];
            FUZZ_CHECK(ms->first_tok < ms->end_tok && ms->end_tok <= tl.len,
                       "module span [%zu, %zu) of %zu tokens", ms->first_tok,
                       ms->end_tok, tl.len);
            for (size_t i = 0; i < ms->n_imports; i++)
                FUZZ_CHECK(ms->imports[i] && *ms->imports[i], "empty import");
            FUZZ_CHECK(!ms->imports || !ms->imports[ms->n_imports],
                       "imports not NULL-terminated");
        }
        token_list_free(&tl);
        part = sep ? sep + 5 : NULL;
    }

    struct module_index ix = {0};
    struct finding_list out = {0};
    index_build(&ss, &ix, &out);
    size_t total = 0, distinct = 0;
    for (size_t i = 0; i < ss.len; i++)
        total += ss.v[i].n_mods;
    FUZZ_CHECK(ix.len == total, "index holds %zu of %zu modules", ix.len, total);
    for (size_t i = 0; i < ix.len; i++) {
        const struct index_entry *e = &ix.v[i];
        FUZZ_CHECK(e->source < ss.len && e->module < ss.v[e->source].n_mods,
                   "entry %zu points nowhere", i);
        FUZZ_CHECK(i == 0 || strcmp(ix.v[i - 1].name, e->name) <= 0, "not sorted");
        int first = i == 0 || strcmp(ix.v[i - 1].name, e->name);
        distinct += first;
        const struct index_entry *f = index_find(&ix, e->name);
        FUZZ_CHECK(f && !strcmp(f->name, e->name) && (!first || f == e),
                   "index_find(%s) misses the first entry", e->name);
    }
    /* one module-duplicate per definition after the first; besides them
     * only import-cycle findings, each on a module of the index */
    size_t dups = 0;
    for (size_t i = 0; i < out.len; i++) {
        const struct finding *f = &out.items[i];
        if (!strcmp(f->rule, "module-duplicate")) {
            FUZZ_CHECK(f->n_notes == 1, "module-duplicate with %zu notes", f->n_notes);
            dups++;
        } else {
            FUZZ_CHECK(!strcmp(f->rule, "import-cycle") && f->module &&
                           index_find(&ix, f->module),
                       "unexpected finding %s", f->rule);
        }
    }
    FUZZ_CHECK(dups == total - distinct, "%zu duplicate findings for %zu duplicates",
               dups, total - distinct);

    /* the links: one per plain name, each inside the folder */
    if (index_write_links(&ix, &ss, link_dir) == 0) {
        for (size_t i = 0; i < ix.len; i++) {
            if (i > 0 && !strcmp(ix.v[i].name, ix.v[i - 1].name))
                continue;
            char *l = xasprintf("%s/%s", link_dir, ix.v[i].name);
            char target[PATH_MAX];
            ssize_t r = readlink(l, target, sizeof target - 1);
            FUZZ_CHECK(r > 0, "no link for module %s", ix.v[i].name);
            target[r] = '\0';
            FUZZ_CHECK(!strcmp(target, ss.v[ix.v[i].source].abspath),
                       "link %s -> %s", ix.v[i].name, target);
            free(l);
        }
    }
    remove_tree(link_dir);
    FUZZ_CHECK(mkdir(link_dir, 0700) == 0, "cannot make %s again", link_dir);

    finding_list_free(&out);
    index_free(&ix);
    sources_free(&ss);
    free(text);
    return 0;
}
