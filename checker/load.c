#include "checker/load.h"

#include <errno.h>
#include <jansson.h>
#include <smi.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checker/capabilities.h"
#include "checker/decisions.h"
#include "checker/lexer.h"
#include "checker/preload.h"
#include "checker/summary.h"
#include "checker/util.h"
#include "rules/check.h"
#include "rules/rules.h"

void module_records_add(struct module_records *mr, const char *name,
                        const char *file, int line, const char *language,
                        const char *status)
{
    mr->v = xrealloc(mr->v, (mr->len + 1) * sizeof *mr->v);
    struct module_record *m = &mr->v[mr->len++];
    m->name = xstrdup(name);
    m->file = xstrdup(file);
    m->line = line;
    m->language = xstrdup(language);
    m->status = xstrdup(status);
    m->variations = NULL;
    m->revision = NULL;
}

void module_records_free(struct module_records *mr)
{
    for (size_t i = 0; i < mr->len; i++) {
        free(mr->v[i].name);
        free(mr->v[i].file);
        free(mr->v[i].language);
        free(mr->v[i].status);
        free(mr->v[i].variations);
        free(mr->v[i].revision);
    }
    free(mr->v);
    mr->v = NULL;
    mr->len = 0;
}

char *module_record_to_json(const struct module_record *m)
{
    /* file names need not be UTF-8: carry their bytes exactly */
    char *name = utf8_escape_bytes(m->name), *file = utf8_escape_bytes(m->file);
    json_t *o = json_pack("{s:s,s:s,s:i,s:s,s:s}", "module_record", name,
                          "file", file, "line", m->line, "language",
                          m->language, "status", m->status);
    if (o && m->variations)
        json_object_set_new(o, "variations", json_loads(m->variations, 0, NULL));
    if (o && m->revision)
        json_object_set_new(o, "revision", json_string(m->revision));
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    free(name);
    free(file);
    return s;
}

int module_record_from_json(struct module_records *mr, const char *line)
{
    json_error_t err;
    const char *name, *file, *lang, *status;
    int ln;
    json_t *o = json_loads(line, 0, &err);
    if (!o || json_unpack(o, "{s:s,s:s,s:i,s:s,s:s}", "module_record", &name,
                          "file", &file, "line", &ln, "language", &lang,
                          "status", &status) < 0) {
        json_decref(o);
        return -1;
    }
    char *n = utf8_unescape_bytes(name), *f = utf8_unescape_bytes(file);
    module_records_add(mr, n, f, ln, lang, status);
    free(n);
    free(f);
    json_t *v = json_object_get(o, "variations");
    if (v)
        mr->v[mr->len - 1].variations = json_dumps(v, JSON_COMPACT);
    const char *rev = json_string_value(json_object_get(o, "revision"));
    if (rev)
        mr->v[mr->len - 1].revision = xstrdup(rev);
    json_decref(o);
    return 0;
}

/* libsmi's error handler has no user pointer; this is the state of the one
 * load running in this (child) process. */
static struct {
    struct finding_list *out;
    const char *file;          /* the file being loaded, as named */
    const char *index_dir;
    size_t index_dir_len;
    char *real_index_dir;
    const struct source_set *ss;   /* to name documents' extracted files */
    long last;                 /* index of the last smi finding, or -1 */
    long syntax;               /* index of the last syntax error here, or -1 */
    int worst;                 /* lowest libsmi level about this file */
} load_state;

/* What the handler learned from a load: a worker that gives up a
 * prepared state forgets it along with the findings. */
static void load_state_fresh(void)
{
    load_state.last = -1;
    load_state.syntax = -1;
    load_state.worst = 99;
}

/* Map a path libsmi reports back to the file the user knows: imports
 * found through the index folder are links to the real inputs. */
static const char *in_dir(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    if (n && !strncmp(path, dir, n) && path[n] == '/')
        return path + n + 1;
    return NULL;
}

/* The name of path inside the index folder (as given, or its real path,
 * which the extracted files carry), or NULL. */
static const char *in_index_dir(const char *path)
{
    const char *r = in_dir(path, load_state.index_dir);
    return r ? r : in_dir(path, load_state.real_index_dir);
}

/* The document whose extracted modules are in path, or NULL. */
static const char *document_of(const char *path)
{
    const char *base = in_index_dir(path);
    if (!base || strncmp(base, ".doc-", 5) || !load_state.ss)
        return NULL;
    size_t i = strtoul(base + 5, NULL, 10);
    return i < load_state.ss->len ? load_state.ss->v[i].path : NULL;
}

static char *user_path(const char *path)
{
    if (!path)
        return xstrdup(load_state.file);
    const char *doc = document_of(path);
    if (doc)
        return xstrdup(doc);
    if (in_index_dir(path)) {
        char buf[4096];
        ssize_t n = readlink(path, buf, sizeof buf - 1);
        if (n > 0) {
            buf[n] = '\0';
            doc = document_of(buf);
            return xstrdup(doc ? doc : buf);
        }
    }
    return xstrdup(path);
}

/* Some messages quote a path ("FILE: unable to determine SMI version");
 * the index folder is temporary, so name the real file instead. */
static char *user_message(const char *msg)
{
    const char *dir = load_state.index_dir;
    const char *at = dir ? strstr(msg, dir) : NULL;
    if (!at || at[load_state.index_dir_len] != '/')
        return xstrdup(msg);
    const char *end = at + load_state.index_dir_len + 1;
    while (*end && *end != ':' && *end != ' ' && *end != '\'')
        end++;
    char *link = xstrndup(at, (size_t)(end - at));
    char *real = user_path(link);
    char *out = xasprintf("%.*s%s%s", (int)(at - msg), msg, real, end);
    free(link);
    free(real);
    return out;
}

static void smi_error_handler(char *path, int line, int severity, char *msg,
                              char *tag)
{
    struct finding_list *out = load_state.out;
    /* libsmi goes on after a failed allocation and then crashes: stop
     * here so that the engine reports memory, not a crash */
    if (tag && !strcmp(tag, "internal-memory"))
        xalloc_fail();
    char *file = user_path(path);
    char *text = user_message(msg ? msg : "");
    char *rule = xasprintf("smi-%s", tag ? tag : "internal");
    if (!strcmp(file, load_state.file) && severity < load_state.worst)
        load_state.worst = severity;
    if (severity == 6 && load_state.last >= 0) {
        /* level 6 explains the diagnostic libsmi emitted just before */
        finding_add_note(&out->items[load_state.last], file, line, rule, text);
    } else {
        enum severity sev = severity <= 3   ? SEV_ERROR
                            : severity == 4 ? SEV_WARNING
                                            : SEV_INFO;
        finding_add(out, rule, sev, file, line, NULL, NULL, "%s", text);
        load_state.last = (long)out->len - 1;
        /* the parser's own complaint (bison's "syntax error, ...") */
        if (tag && !strcmp(tag, "internal-other") && !strcmp(file, load_state.file))
            load_state.syntax = load_state.last;
    }
    free(rule);
    free(file);
    free(text);
}

struct finding *report_finding(struct check_ctx *ctx, enum rule_id rule,
                               int line, const char *object,
                               const char *fmt, ...)
{
    const struct rule_info *ri = rule_info(rule);
    va_list ap;
    va_start(ap, fmt);
    struct finding *f = finding_addv(ctx->out, ri->id, ri->severity, ctx->file,
                                     line, ctx->module ? ctx->module->name : NULL,
                                     object, fmt, ap);
    va_end(ap);
    return f;
}

const char *module_language_name(int l)
{
    switch (l) {
    case SMI_LANGUAGE_SMIV1: return "SMIv1";
    case SMI_LANGUAGE_SMIV2: return "SMIv2";
    case SMI_LANGUAGE_SMING: return "SMIng";
    case SMI_LANGUAGE_SPPI: return "SPPI";
    default: return "unknown";
    }
}

/* Fill in the module names libsmi did not attach: an smi finding belongs
 * to the module whose lines hold it. */
static void attach_modules(const struct source *src, struct finding_list *out,
                           size_t from)
{
    for (size_t i = from; i < out->len; i++) {
        struct finding *f = &out->items[i];
        if (f->module || !f->file || strcmp(f->file, src->path))
            continue;
        for (size_t m = 0; m < src->n_mods; m++) {
            const struct module_span *ms = &src->mods[m];
            if (f->line >= ms->line && (f->line <= ms->end_line || m + 1 == src->n_mods)) {
                f->module = xstrdup(ms->name);
                break;
            }
        }
        if (!f->module && src->n_mods)
            f->module = xstrdup(src->mods[0].name);
    }
}

/* What apply_decisions needs of a module, read while libsmi holds it.
 * The name is the module span's, which outlives libsmi's. */
static struct module_facts module_facts_of(SmiModule *mod)
{
    struct module_facts f = {0};
    f.defines_objects = smiGetFirstNode(mod, SMI_NODEKIND_SCALAR | SMI_NODEKIND_TABLE |
                                                 SMI_NODEKIND_ROW | SMI_NODEKIND_COLUMN |
                                                 SMI_NODEKIND_NOTIFICATION) != NULL;
    f.has_groups = smiGetFirstNode(mod, SMI_NODEKIND_GROUP) != NULL;
    return f;
}

/* libsmi gives up on a module whose text stops in the middle (no END, an
 * unclosed brace) and leaves it half built: the definitions exist, but
 * smiGetNextNode follows a null pointer when it walks them.  Nothing in
 * the API tells such a module from a whole one, so after a syntax error
 * the walk is tried once in a throwaway process before the rules run. */
static int walk_is_safe(SmiModule *mod)
{
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        for (SmiNode *n = smiGetFirstNode(mod, SMI_NODEKIND_ANY); n;
             n = smiGetNextNode(n, SMI_NODEKIND_ANY))
            ;
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static SmiModule *loaded_module(const char *name)
{
    for (SmiModule *m = smiGetFirstModule(); m; m = smiGetNextModule(m))
        if (!strcmp(m->name, name))
            return m;
    return NULL;
}

/* The definitions of mod with their OIDs, as libsmi computed them. */
static void view_module(SmiModule *mod, struct smi_view_module *vm)
{
    for (SmiNode *n = smiGetFirstNode(mod, SMI_NODEKIND_ANY); n;
         n = smiGetNextNode(n, SMI_NODEKIND_ANY)) {
        if (!n->name || !n->oidlen)
            continue;
        vm->defs = xrealloc(vm->defs, (vm->n_defs + 1) * sizeof *vm->defs);
        struct smi_def *d = &vm->defs[vm->n_defs++];
        d->name = xstrdup(n->name);
        d->oidlen = n->oidlen;
        d->oid = xmalloc(n->oidlen * sizeof *d->oid);
        for (unsigned int i = 0; i < n->oidlen; i++)
            d->oid[i] = n->oid[i];
        d->line = smiGetNodeLine(n);
    }
}

/* Which imports of mod libsmi resolved: "MODULE descriptor" entries. */
static void view_imports(SmiModule *mod, struct strvec *resolved)
{
    for (SmiImport *im = smiGetFirstImport(mod); im; im = smiGetNextImport(im)) {
        if (!im->module || !im->name)   /* a broken IMPORTS clause */
            continue;
        SmiModule *from = loaded_module(im->module);
        if (from && (smiGetNode(from, im->name) || smiGetType(from, im->name) ||
                     smiGetMacro(from, im->name)))
            strvec_push_owned(resolved, xasprintf("%s %s", im->module, im->name));
    }
}

void load_and_check(const struct config *cfg, const char *smipath,
                    const char *index_dir, const struct source_set *ss,
                    const struct source *src, struct finding_list *out,
                    struct module_records *mods, struct oid_facts *facts,
                    struct smi_view *view, struct strvec *deps,
                    const struct smi_preload *preload)
{
    size_t first = out->len;
    load_state.out = out;
    load_state.file = src->path;
    load_state.index_dir = index_dir;
    load_state.index_dir_len = index_dir ? strlen(index_dir) : 0;
    load_state_fresh();
    load_state.ss = ss;
    load_state.real_index_dir = index_dir ? realpath(index_dir, NULL) : NULL;
    const char *load_path = source_load_path(src);

    /* The rules need the text; read it again here rather than keep every
     * file of a batch in the parent's memory.  First, so that a file too
     * big for --max-memory fails in our allocator, which says so, rather
     * than in libsmi's scanner, which exits as if it had crashed. */
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(src->path, cfg->max_file_size, &len, &too_large);
    if (!text) {
        /* it was read when the batch was indexed: since then it has been
         * removed, made unreadable or has grown */
        const struct rule_info *ri =
            rule_info(too_large ? RULE_input_too_large : RULE_input_unreadable);
        if (too_large)
            finding_add(out, ri->id, ri->severity, src->path, 0, NULL, NULL,
                        "the file grew past the limit of %zu bytes "
                        "(--max-file-size) after the batch started; it was "
                        "not checked", cfg->max_file_size);
        else
            finding_add(out, ri->id, ri->severity, src->path, 0, NULL, NULL,
                        "cannot read any more: %s (the file changed after the "
                        "batch started); it was not checked", strerror(errno));
    }

    /* smiInit(NULL) reads no configuration file: site files would preload
     * modules and hide tags, and the run must not depend on them.
     * Without the text the file is not loaded at all (see above). */
    const struct smi_prepared *prepared = text ? smi_preload_pick(preload, src) : NULL;
    size_t smi_first = out->len;
    for (;;) {
        if (prepared)
            smi_preload_enter(prepared);
        else
            smiInit(NULL);
        smi_preload_settings(smipath, cfg->recursive ? SMI_FLAG_RECURSIVE : 0,
                             smi_error_handler);
        if (text)
            smiLoadModule((char *)load_path);
        if (!prepared || smi_preload_faithful(prepared, src, load_path))
            break;
        /* the file did not take the way the prepared state assumed:
         * forget what libsmi said and load it from an empty libsmi */
        for (size_t i = smi_first; i < out->len; i++)
            finding_free(&out->items[i]);
        out->len = smi_first;
        load_state_fresh();
        smiExit();
        prepared = NULL;
    }
    /* A document is parsed again for its sections; its module text has
     * the document's line numbers, so tokens and findings need no map. */
    struct document doc = {0};
    if (src->doc != DOC_NONE && text) {
        document_parse(text, len, src->doc, &doc);
        free(text);
        text = doc.modules;
        len = doc.modules_len;
        doc.modules = NULL;
    }
    struct token_list tl = {0};
    if (text)
        lex_mib(text, len, &tl);

    int lead_done = 0;
    struct module_facts *mfacts = xcalloc(src->n_mods ? src->n_mods : 1, sizeof *mfacts);
    if (view) {
        view->n_mods = src->n_mods;
        view->mods = xcalloc(src->n_mods ? src->n_mods : 1, sizeof *view->mods);
        for (SmiModule *m = smiGetFirstModule(); m; m = smiGetNextModule(m))
            strvec_push(&view->loaded, m->name);
    }
    for (size_t m = 0; m < src->n_mods; m++) {
        const struct module_span *ms = &src->mods[m];
        /* smiGetModule() would try to load a module it does not have, from
         * the path: look only at what loading this file produced */
        SmiModule *mod = smiGetFirstModule();
        while (mod && strcmp(mod->name, ms->name))
            mod = smiGetNextModule(mod);
        /* a module of this name loaded from elsewhere is not this one */
        if (mod && mod->path && strcmp(mod->path, load_path))
            mod = NULL;
        if (mod && load_state.syntax >= 0 && !walk_is_safe(mod)) {
            char *why = xasprintf("libsmi gave up on module %s before its "
                                  "END: the module is reported as failed and "
                                  "no other rule looks at it", ms->name);
            finding_add_note(&out->items[load_state.syntax], src->path, ms->line,
                             NULL, why);
            free(why);
            mod = NULL;
        }
        module_records_add(mods, ms->name, src->path, ms->line,
                           mod ? module_language_name(mod->language) : "unknown",
                           mod ? "checked" : "failed");
        if (text) {
            json_t *inv = capabilities_inventory(&tl, ms);
            if (inv)
                mods->v[mods->len - 1].variations = json_dumps(inv, JSON_COMPACT);
            json_decref(inv);
            mods->v[mods->len - 1].revision = text_module_revision(&tl, ms);
        }
        if (view) {
            view->mods[m].name = xstrdup(ms->name);
            view->mods[m].loaded = mod != NULL;
            if (mod) {
                view_module(mod, &view->mods[m]);
                view_imports(mod, &view->resolved);
            }
        }
        if (!mod || !text)
            continue;
        mfacts[m] = module_facts_of(mod);
        mfacts[m].name = ms->name;
        struct def_index defs;
        def_index_build(&tl, ms, &defs);
        struct check_ctx ctx = {mod, src->path, text, len, &tl, ms, &defs, cfg, out,
                                smipath, NULL, src->mods, src->n_mods, false, facts, ss};
        if (src->doc != DOC_NONE) {
            ctx.doc = &doc;
            /* document-wide rules report once, with the first module */
            ctx.doc_lead = !lead_done;
            lead_done = 1;
        }
        run_module_rules(&ctx);
        def_index_free(&defs);
    }
    if (view)
        view->smi_worst = load_state.worst;
    token_list_free(&tl);
    free(text);
    document_free(&doc);
    for (SmiModule *m = smiGetFirstModule(); m; m = smiGetNextModule(m)) {
        if (!m->path || !strcmp(m->path, load_path))
            continue;
        char *real = user_path(m->path);
        strvec_push_owned(deps, xasprintf("%s\t%s", m->name, real));
        free(real);
    }
    smiExit();
    load_state.out = NULL;
    free(load_state.real_index_dir);
    load_state.real_index_dir = NULL;
    attach_modules(src, out, first);
    apply_decisions(cfg, out, first, mfacts, src->n_mods);
    free(mfacts);
}
