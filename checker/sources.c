#include "checker/sources.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker/util.h"
#include "rules/rules.h"

struct walk {
    const struct config *cfg;
    struct source_set *ss;
    struct finding_list *out;
    /* directories on the current walk, to stop symlink loops */
    dev_t *devs;
    ino_t *inos;
    size_t depth;
};

static struct source *add_source(struct source_set *ss, const char *path)
{
    if (ss->len == ss->cap) {
        ss->cap = ss->cap ? ss->cap * 2 : 64;
        ss->v = xrealloc(ss->v, ss->cap * sizeof *ss->v);
    }
    struct source *s = &ss->v[ss->len++];
    memset(s, 0, sizeof *s);
    s->path = xstrdup(path);
    char *abs = realpath(path, NULL);
    s->abspath = abs ? abs : xstrdup(path);
    return s;
}

/* A file with a NUL byte in its first block is binary, not MIB text. */
static int looks_binary(const char *text, size_t len)
{
    size_t n = len < 8192 ? len : 8192;
    return memchr(text, '\0', n) != NULL;
}

/* What read_file refused to open (it reads regular files only). */
static const char *special_kind(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return "not a regular file";
    if (S_ISFIFO(st.st_mode))
        return "a FIFO (named pipe), not a regular file";
    if (S_ISSOCK(st.st_mode))
        return "a socket, not a regular file";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return "a device, not a regular file";
    return "not a regular file";
}

static void scan_file(struct walk *w, const char *path, int walked)
{
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(path, w->cfg->max_file_size, &len, &too_large);
    int err = errno;   /* add_source may change it */
    struct source *s = add_source(w->ss, path);
    if (too_large) {
        s->status = SRC_TOO_LARGE;
        finding_add(w->out, "input-too-large", SEV_ERROR, path, 0, NULL, NULL,
                    "file is larger than the limit of %zu bytes "
                    "(--max-file-size); it was not checked",
                    w->cfg->max_file_size);
        return;
    }
    if (!text) {
        s->status = SRC_UNREADABLE;
        finding_add(w->out, "input-unreadable", SEV_ERROR, path, 0, NULL, NULL,
                    "cannot read: %s",
                    err == EINVAL ? special_kind(path) : strerror(err));
        return;
    }
    s->size = len;
    /* NUL bytes mark a binary file, unless a module header is there too:
     * then it is a damaged module, checked (libsmi names the bad bytes)
     * rather than dropped */
    int binary = looks_binary(text, len);
    /* A document is checked through its extracted modules; what cannot
     * be extracted is reported here, once, rather than by every worker. */
    struct document doc = {0};
    const char *mtext = text;
    size_t mlen = len;
    s->doc = binary ? DOC_NONE : document_kind(text, len);
    if (s->doc != DOC_NONE) {
        document_parse(text, len, s->doc, &doc);
        const struct rule_info *ri = rule_info(RULE_doc_extract_failed);
        for (size_t i = 0; i < doc.n_problems; i++)
            finding_add(w->out, ri->id, ri->severity, path, doc.problems[i].line,
                        NULL, NULL, "%s", doc.problems[i].message);
        mtext = doc.modules;
        mlen = doc.modules_len;
    }
    struct token_list tl = {0};
    lex_mib(mtext, mlen, &tl);
    s->n_mods = find_modules(&tl, &s->mods);
    token_list_free(&tl);
    if (s->doc != DOC_NONE && s->n_mods) {
        s->extracted = doc.modules;
        s->extracted_len = doc.modules_len;
        doc.modules = NULL;
    }
    document_free(&doc);
    free(text);
    if (s->n_mods == 0 && binary) {
        s->status = SRC_NOT_MIB;
        finding_add(w->out, "input-not-mib", SEV_INFO, path, 0, NULL, NULL,
                    "binary file (it holds NUL bytes); no MIB module checked");
    } else if (s->n_mods == 0) {
        s->status = SRC_NOT_MIB;
        finding_add(w->out, "input-not-mib", SEV_INFO, path, 0, NULL, NULL,
                    "%s holds no MIB module (no \"NAME DEFINITIONS ::= BEGIN\")",
                    s->doc != DOC_NONE ? "document" : len == 0 ? "empty file" : "file");
    }
    (void)walked;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walk *w, const char *dir, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++) {
        if (w->devs[i] == st->st_dev && w->inos[i] == st->st_ino) {
            finding_add(w->out, "input-unreadable", SEV_ERROR, dir, 0, NULL,
                        NULL, "directory loop (a symbolic link leads back "
                        "to a parent); not walked again");
            return;
        }
    }
    DIR *d = opendir(dir);
    if (!d) {
        finding_add(w->out, "input-unreadable", SEV_ERROR, dir, 0, NULL, NULL,
                    "cannot read directory: %s", strerror(errno));
        return;
    }
    struct strvec names = {0};
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.')
            strvec_push(&names, de->d_name);
    closedir(d);
    if (names.len)
        qsort(names.v, names.len, sizeof *names.v, name_cmp);

    w->devs = xrealloc(w->devs, (w->depth + 1) * sizeof *w->devs);
    w->inos = xrealloc(w->inos, (w->depth + 1) * sizeof *w->inos);
    w->devs[w->depth] = st->st_dev;
    w->inos[w->depth] = st->st_ino;
    w->depth++;
    for (size_t i = 0; i < names.len; i++) {
        size_t dl = strlen(dir);
        char *p = xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
                            names.v[i]);
        struct stat cst;
        if (stat(p, &cst) < 0) {
            finding_add(w->out, "input-unreadable", SEV_ERROR, p, 0, NULL, NULL,
                        "cannot read: %s", strerror(errno));
        } else if (S_ISDIR(cst.st_mode)) {
            walk_dir(w, p, &cst);
        } else if (S_ISREG(cst.st_mode)) {
            scan_file(w, p, 1);
        }
        /* devices, FIFOs and sockets met in a walk are not inputs */
        free(p);
    }
    w->depth--;
    strvec_free(&names);
}

static void source_free_fields(struct source *s)
{
    free(s->path);
    free(s->abspath);
    module_spans_free(s->mods, s->n_mods);
    free(s->extracted);
    free(s->load_path);
}

static int source_cmp(const void *a, const void *b)
{
    return strcmp(((const struct source *)a)->path,
                  ((const struct source *)b)->path);
}

void sources_collect(const struct config *cfg, struct source_set *ss,
                     struct finding_list *out)
{
    struct walk w = {cfg, ss, out, NULL, NULL, 0};
    for (size_t i = 0; i < cfg->inputs.len; i++) {
        const char *p = cfg->inputs.v[i];
        struct stat st;
        if (stat(p, &st) < 0) {
            finding_add(out, "input-unreadable", SEV_ERROR, p, 0, NULL, NULL,
                        "cannot read: %s", strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (!strvec_contains(&ss->dirs, p))
                strvec_push(&ss->dirs, p);
            walk_dir(&w, p, &st);
        } else {
            char *slash = strrchr(p, '/');
            char *dir = slash ? xstrndup(p, (size_t)(slash - p) + (slash == p))
                              : xstrdup(".");
            if (!strvec_contains(&ss->dirs, dir))
                strvec_push(&ss->dirs, dir);
            free(dir);
            scan_file(&w, p, 0);
        }
    }
    free(w.devs);
    free(w.inos);
    if (ss->len > 1)
        qsort(ss->v, ss->len, sizeof *ss->v, source_cmp);
    /* the same file named twice (or reached twice) is checked once */
    size_t o = 0;
    for (size_t i = 0; i < ss->len; i++) {
        if (o > 0 && !strcmp(ss->v[o - 1].path, ss->v[i].path)) {
            source_free_fields(&ss->v[i]);
            continue;
        }
        ss->v[o++] = ss->v[i];
    }
    ss->len = o;
}

void sources_free(struct source_set *ss)
{
    for (size_t i = 0; i < ss->len; i++)
        source_free_fields(&ss->v[i]);
    free(ss->v);
    strvec_free(&ss->dirs);
    memset(ss, 0, sizeof *ss);
}

const struct source *source_find(const struct source_set *ss, const char *path)
{
    size_t lo = 0, hi = ss->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ss->v[mid].path, path);
        if (c == 0)
            return &ss->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int sources_write_extracted(struct source_set *ss, const char *dir)
{
    char *absdir = realpath(dir, NULL);
    if (!absdir)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < ss->len && rc == 0; i++) {
        struct source *s = &ss->v[i];
        if (!s->extracted)
            continue;
        /* hidden names never clash with the module links beside them */
        s->load_path = xasprintf("%s/.doc-%zu", absdir, i);
        rc = write_file_atomic(s->load_path, s->extracted, s->extracted_len);
        free(s->extracted);
        s->extracted = NULL;
    }
    free(absdir);
    return rc;
}

const char *source_load_path(const struct source *s)
{
    return s->load_path ? s->load_path : s->path;
}
