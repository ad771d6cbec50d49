#include "checker/netsnmp.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/library/parse.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checker/config.h"
#include "checker/lexer.h"
#include "rules/rules.h"

/* Net-SNMP's parser state that its headers do not declare but its library
 * exports (5.x): the file and line being parsed when a message is logged,
 * and the names of modules whose parse stopped on a syntax error. */
extern const char *File;
extern int mibLine;
extern char gMibNames[];

/* The modules every other module imports: parsed once in the parent. */
static const char *const base_modules[] = {
    "SNMPv2-SMI", "SNMPv2-TC", "SNMPv2-CONF",
    "RFC1155-SMI", "RFC-1212", "RFC-1215", NULL};

struct ns_msg {
    int priority;
    char *text;     /* without the trailing newline */
    char *file;     /* the file Net-SNMP was reading, or NULL */
    int line;
};

struct netsnmp_env {
    char *state_dir;          /* empty: Net-SNMP's config and persistent dir */
    netsnmp_log_handler *logh;
    int collecting;           /* keep messages (in a worker) or drop them */
    struct ns_msg *msgs;
    size_t n_msgs;
};

void smi_view_free(struct smi_view *v)
{
    for (size_t m = 0; m < v->n_mods; m++) {
        for (size_t i = 0; i < v->mods[m].n_defs; i++) {
            free(v->mods[m].defs[i].name);
            free(v->mods[m].defs[i].oid);
        }
        free(v->mods[m].defs);
        free(v->mods[m].name);
    }
    free(v->mods);
    strvec_free(&v->loaded);
    strvec_free(&v->resolved);
    memset(v, 0, sizeof *v);
}

int netsnmp_wanted(const struct config *cfg)
{
    if (cfg->no_netsnmp)
        return 0;
    for (int i = 0; i < RULE_COUNT; i++) {
        const struct rule_info *ri = rule_info((enum rule_id)i);
        if (ri->family == FAMILY_NETSNMP && config_rule_enabled(cfg, ri->id))
            return 1;
    }
    return 0;
}

static void clear_msgs(struct netsnmp_env *env)
{
    for (size_t i = 0; i < env->n_msgs; i++) {
        free(env->msgs[i].text);
        free(env->msgs[i].file);
    }
    free(env->msgs);
    env->msgs = NULL;
    env->n_msgs = 0;
}

static int on_log(int major, int minor, void *server, void *client)
{
    (void)major;
    (void)minor;
    struct netsnmp_env *env = client;
    const struct snmp_log_message *m = server;
    if (!env->collecting || !m || !m->msg)
        return 0;
    env->msgs = xrealloc(env->msgs, (env->n_msgs + 1) * sizeof *env->msgs);
    struct ns_msg *g = &env->msgs[env->n_msgs++];
    size_t n = strlen(m->msg);
    while (n && (m->msg[n - 1] == '\n' || m->msg[n - 1] == ' '))
        n--;
    g->priority = m->priority;
    /* messages quote module text, line breaks included: one line each */
    g->text = xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = m->msg[i];
        if (ch == '\n' || ch == '\r' || ch == '\t')
            ch = ' ';
        if (ch == ' ' && k && g->text[k - 1] == ' ')
            continue;
        g->text[k++] = ch;
    }
    g->text[k] = '\0';
    g->file = File ? xstrdup(File) : NULL;
    g->line = mibLine;
    return 0;
}

static int input_loaded(const struct module_index *ix)
{
    for (size_t i = 0; ix && i < ix->len; i++) {
        int id = which_module(ix->v[i].name);
        struct module *mp = id >= 0 ? find_module(id) : NULL;
        if (mp && mp->no_imports != -1)
            return 1;
    }
    return 0;
}

/* Scan the path and parse the base modules.  preload = 0 scans only. */
static void setup_tree(const char *mibpath, const struct module_index *ix,
                       int preload)
{
    netsnmp_init_mib_internals();
    /* Net-SNMP lets the last directory scanned win for a module name;
     * scan in reverse so that the first path entry wins, as for libsmi. */
    struct strvec dirs = {0};
    char *copy = xstrdup(mibpath), *save = NULL;
    for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
        strvec_push(&dirs, d);
    free(copy);
    for (size_t i = dirs.len; i-- > 0;)
        add_mibdir(dirs.v[i]);
    strvec_free(&dirs);
    if (!preload)
        return;
    for (const char *const *b = base_modules; *b; b++) {
        int defined = 0;
        for (size_t i = 0; ix && i < ix->len && !defined; i++)
            defined = !strcmp(ix->v[i].name, *b);
        if (!defined && which_module(*b) >= 0)
            netsnmp_read_module(*b);
    }
    adopt_orphans();
}

void netsnmp_isolate(const char *state_dir)
{
    /* No snmp.conf, no ~/.snmp, nothing persistent: the run must not
     * depend on the machine's Net-SNMP setup, nor change it. */
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PERSISTENT_DIR, state_dir);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_CONFIGURATION_DIR, state_dir);
}

struct netsnmp_env *netsnmp_env_new(const char *mibpath,
                                    const struct module_index *ix,
                                    char **why)
{
    struct netsnmp_env *env = xcalloc(1, sizeof *env);
    const char *tmp = getenv("TMPDIR");
    env->state_dir = xasprintf("%s/mibcheck-netsnmp-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(env->state_dir)) {
        *why = xasprintf("cannot create %s: %s", env->state_dir, strerror(errno));
        free(env->state_dir);
        free(env);
        return NULL;
    }
    netsnmp_isolate(env->state_dir);
    /* Net-SNMP's defaults as its tools have them: errors shown, no
     * underscores in descriptors, comments end at "--" or the line end. */
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_MIB_ERRORS, 1);
    snmp_set_mib_warnings(0);
    env->logh = netsnmp_register_loghandler(NETSNMP_LOGHANDLER_CALLBACK, LOG_DEBUG);
    if (!env->logh ||
        snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
                               on_log, env) != SNMPERR_SUCCESS) {
        *why = xasprintf("cannot register a Net-SNMP log handler");
        netsnmp_env_free(env);
        return NULL;
    }
    setup_tree(mibpath, ix, 1);
    if (input_loaded(ix)) {
        /* a base module imported an input: the input must be parsed in
         * its worker, so start again and parse nothing here */
        shutdown_mib();
        setup_tree(mibpath, ix, 0);
    }
    return env;
}

void netsnmp_env_free(struct netsnmp_env *env)
{
    if (!env)
        return;
    shutdown_mib();
    snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
                             on_log, env, 1);
    if (env->logh)
        netsnmp_remove_loghandler(env->logh);
    clear_callback();
    netsnmp_ds_shutdown();
    clear_msgs(env);
    remove_tree(env->state_dir);
    free(env->state_dir);
    free(env);
}

/* ---- the worker side ---- */

static const char *const def_macros[] = {
    "OBJECT-TYPE", "OBJECT-IDENTITY", "MODULE-IDENTITY", "NOTIFICATION-TYPE",
    "TRAP-TYPE", "OBJECT-GROUP", "NOTIFICATION-GROUP", "MODULE-COMPLIANCE",
    "AGENT-CAPABILITIES", "OBJECT", NULL};

static int tok_eq(const struct token *t, const char *s)
{
    return t->kind == TOK_WORD && t->len == strlen(s) && !memcmp(t->text, s, t->len);
}

/* The line where the module in span defines name, or where it names it
 * first, or the module's line. */
static int def_line(const struct token_list *tl, const struct module_span *sp,
                    const char *name)
{
    int first = 0;
    for (size_t i = sp->first_tok; i < sp->end_tok && i < tl->len; i++) {
        if (!tok_eq(&tl->v[i], name))
            continue;
        if (!first)
            first = tl->v[i].line;
        if (i + 1 < tl->len)
            for (const char *const *m = def_macros; *m; m++)
                if (tok_eq(&tl->v[i + 1], *m))
                    return tl->v[i].line;
    }
    return first ? first : sp->line;
}

/* The line of name in the module's IMPORTS (of module from, if given). */
static int import_line(const struct token_list *tl, const struct module_span *sp,
                       const char *name, const char *from)
{
    size_t i = sp->first_tok;
    while (i < sp->end_tok && i < tl->len && !tok_eq(&tl->v[i], "IMPORTS"))
        i++;
    int cand = 0;
    for (; i < sp->end_tok && i < tl->len; i++) {
        const struct token *t = &tl->v[i];
        if (t->kind == TOK_PUNCT && t->len == 1 && t->text[0] == ';')
            break;
        if (name && !cand && tok_eq(t, name))
            cand = t->line;
        if (tok_eq(t, "FROM") && i + 1 < tl->len) {
            if (from && tok_eq(&tl->v[i + 1], from))
                return name && cand ? cand : tl->v[i + 1].line;
            cand = 0;
        }
    }
    return cand ? cand : sp->line;
}

/* The descriptor whose OID value begins "{ parent sub", and that line. */
static char *value_owner(const struct token_list *tl, const struct module_span *sp,
                         const char *parent, long sub, int *line)
{
    for (size_t i = sp->first_tok; i + 2 < sp->end_tok && i + 2 < tl->len; i++) {
        const struct token *t = &tl->v[i];
        if (!(t->kind == TOK_PUNCT && t->text[0] == '{') || !tok_eq(&tl->v[i + 1], parent) ||
            tl->v[i + 2].kind != TOK_NUMBER || strtol(tl->v[i + 2].text, NULL, 10) != sub)
            continue;
        for (size_t j = i; j-- > sp->first_tok;) {
            if (tl->v[j].kind == TOK_ASSIGN || tl->v[j].kind != TOK_WORD)
                continue;
            for (const char *const *m = def_macros; *m; m++)
                if (j + 1 < tl->len && tok_eq(&tl->v[j + 1], *m)) {
                    *line = tl->v[i].line;
                    return xstrndup(tl->v[j].text, tl->v[j].len);
                }
        }
    }
    return NULL;
}

/* Is name a SEQUENCE type the module defines (a row's type)? */
static int is_sequence_type(const struct token_list *tl,
                            const struct module_span *sp, const char *name)
{
    for (size_t i = sp->first_tok; i + 2 < sp->end_tok && i + 2 < tl->len; i++)
        if (tok_eq(&tl->v[i], name) && tl->v[i + 1].kind == TOK_ASSIGN &&
            tok_eq(&tl->v[i + 2], "SEQUENCE"))
            return 1;
    return 0;
}

/* The module span holding line, or the last one before it. */
static size_t span_at(const struct source *src, int line)
{
    size_t best = 0;
    for (size_t m = 0; m < src->n_mods; m++)
        if (src->mods[m].line <= line)
            best = m;
    return best;
}

static ssize_t span_named(const struct source *src, const char *name)
{
    for (size_t m = 0; m < src->n_mods; m++)
        if (!strcmp(src->mods[m].name, name))
            return (ssize_t)m;
    return -1;
}

/* Net-SNMP's text without the place it already names: ": At line N in
 * FILE" (the line is returned) or a trailing " (FILE)". */
static char *strip_place(const char *text, const char *file, int *line)
{
    const char *at = strstr(text, ": At line ");
    if (at) {
        *line = atoi(at + 10);
        return xstrndup(text, (size_t)(at - text));
    }
    size_t n = strlen(text), fl = file ? strlen(file) : 0;
    if (fl && n > fl + 3 && text[n - 1] == ')' && text[n - fl - 2] == '(' &&
        text[n - fl - 3] == ' ' && !strncmp(text + n - fl - 1, file, fl))
        return xstrndup(text, n - fl - 3);
    return xstrdup(text);
}

static int starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* Did Net-SNMP's parse of a file stop on this message? (parse() returns
 * after these; every other message lets it go on.) */
static int is_abort(const char *text)
{
    return (starts(text, "Bad parse of ") && !starts(text, "Bad parse of MACRO")) ||
           starts(text, "Bad operator") || starts(text, "Error, ");
}

static void oid_string(struct buf *b, const unsigned int *oid, size_t len)
{
    for (size_t i = 0; i < len; i++)
        buf_printf(b, "%s%u", i ? "." : "", oid[i]);
}

struct ns_node {
    const char *label;
    unsigned int *oid;
    size_t oidlen;
    size_t mod;     /* index into the source's module spans */
};

struct ns_nodes {
    struct ns_node *v;
    size_t len;
};

/* Every node of the tree that one of our modules defines. */
static void collect_nodes(struct tree *t, unsigned int *oid, size_t depth,
                          const int *modids, size_t n_mods, struct ns_nodes *out)
{
    for (; t; t = t->next_peer) {
        if (depth >= 128)
            return;
        oid[depth] = (unsigned int)t->subid;
        if (t->label && !strchr(t->label, '#')) {
            for (int k = 0; k < t->number_modules; k++) {
                size_t m = 0;
                while (m < n_mods && modids[m] != t->module_list[k])
                    m++;
                if (m == n_mods || modids[m] < 0)
                    continue;
                out->v = xrealloc(out->v, (out->len + 1) * sizeof *out->v);
                struct ns_node *n = &out->v[out->len++];
                n->label = t->label;
                n->oidlen = depth + 1;
                n->oid = xmalloc(n->oidlen * sizeof *n->oid);
                memcpy(n->oid, oid, n->oidlen * sizeof *n->oid);
                n->mod = m;
                break;
            }
        }
        collect_nodes(t->child_list, oid, depth + 1, modids, n_mods, out);
    }
}

static const struct smi_def *smi_find(const struct smi_view_module *vm,
                                      const char *name)
{
    for (size_t i = 0; i < vm->n_defs; i++)
        if (!strcmp(vm->defs[i].name, name))
            return &vm->defs[i];
    return NULL;
}

static struct finding *add(struct finding_list *out, enum rule_id rule,
                           const struct source *src, int line,
                           const char *module, const char *object,
                           const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static struct finding *add(struct finding_list *out, enum rule_id rule,
                           const struct source *src, int line,
                           const char *module, const char *object,
                           const char *fmt, ...)
{
    const struct rule_info *ri = rule_info(rule);
    va_list ap;
    va_start(ap, fmt);
    struct finding *f = finding_addv(out, ri->id, ri->severity, src->path, line,
                                     module, object, fmt, ap);
    va_end(ap);
    return f;
}

/* Per module of the file: what Net-SNMP made of it. */
struct mod_state {
    int modid;
    int failed;          /* Net-SNMP did not load it */
    struct strvec unlinked;  /* descriptors it reported unlinked */
};

/* Turn one message about our file into a finding (or nothing). */
/* Messages that say nothing about the module: our own set-up, repeats of
 * what is reported otherwise, and Net-SNMP's notes on what it ignores by
 * design. */
static int is_noise(const char *text, const struct token_list *tl,
                    const struct module_span *sp)
{
    char a[256];
    if (starts(text, "MIB search path") || starts(text, "Cannot adopt OID") ||
        starts(text, "Warning: Module ") || starts(text, "Undefined identifier: ") ||
        (starts(text, "Module ") && strstr(text, " not found")))
        return 1;
    /* a row's SEQUENCE type: Net-SNMP says this of every table */
    if (sscanf(text, "Warning: No known translation for type (%255[^)])", a) == 1 &&
        is_sequence_type(tl, sp, a))
        return 1;
    /* Net-SNMP skips every macro definition and knows the SMI's macros
     * built in; a module's own macro fails where it is used */
    if (strstr(text, " MACRO (lines "))
        return 1;
    /* said of any CONTACT-INFO or REVISION text over 128 characters, which
     * Net-SNMP reads into a token buffer and then ignores */
    return starts(text, "Warning: string too long");
}

/* Name the file as the user did wherever Net-SNMP quotes the path it read. */
static char *user_text(const char *text, const char *load_path, const char *path)
{
    struct buf b = {0};
    size_t n = strlen(load_path);
    const char *p = text, *at;
    while (n && (at = strstr(p, load_path))) {
        buf_append(&b, p, (size_t)(at - p));
        buf_append(&b, path, strlen(path));
        p = at + n;
    }
    buf_append(&b, p, strlen(p));
    return b.data;
}

static void report_msg(const struct ns_msg *g, const struct source *src,
                       const struct token_list *tl, const struct smi_view *view,
                       struct mod_state *ms, int abort_line,
                       struct finding_list *out)
{
    int line = 0;
    char *raw = strip_place(g->text, g->file, &line);
    char *text = user_text(raw, source_load_path(src), src->path);
    free(raw);
    size_t m = span_at(src, line ? line : g->line);
    const struct module_span *sp = &src->mods[m];
    char a[256], b[256], c[256];
    long sub;

    if (is_noise(text, tl, sp)) {
        /* see is_noise */
    } else if (sscanf(text, "Unlinked OID in %255[^:]: %255s ::= { %255s %ld }", a, b, c, &sub) == 4) {
        ssize_t k = span_named(src, a);
        if (k >= 0) {
            const struct module_span *ks = &src->mods[k];
            int at = def_line(tl, ks, b);
            char *name = xstrdup(b);
            if (strchr(b, '#')) {
                /* a node Net-SNMP made up for "{ parent n m }": name the
                 * definition whose value starts so */
                char *owner = value_owner(tl, ks, c, sub, &at);
                if (owner) {
                    free(name);
                    name = owner;
                }
            }
            {
                strvec_push(&ms[k].unlinked, name);
                add(out, RULE_netsnmp_unlinked_oid, src, at, ks->name, name,
                    "Net-SNMP leaves `%s' out of its OID tree: it does not know "
                    "`%s', the parent in its value; import `%s' from the module "
                    "that defines it", name, c, c);
                free(name);
            }
        }
    } else if (sscanf(text, "Cannot find module (%255[^)])", a) == 1) {
        if (strvec_contains(&view->loaded, a))
            add(out, RULE_netsnmp_unknown_import, src,
                line ? line : import_line(tl, sp, NULL, a), sp->name, NULL,
                "Net-SNMP cannot find module `%s' on the search path, though "
                "libsmi loads it: Net-SNMP knows a module only from a file "
                "that starts with `NAME DEFINITIONS'", a);
    } else if (sscanf(text, "Did not find '%255[^']' in module %255s", a, b) == 2) {
        char *key = xasprintf("%s %s", b, a);
        if (strvec_contains(&view->resolved, key))
            add(out, RULE_netsnmp_unknown_import, src, import_line(tl, sp, a, b),
                sp->name, a,
                "Net-SNMP does not find `%s' in module `%s', where libsmi "
                "finds it", a, b);
        free(key);
    } else if (line && line == abort_line && !starts(text, "Warning")) {
        /* the load failure itself: reported once per module below */
    } else if (line && line > abort_line && abort_line) {
        /* not parsed */
    } else {
        int at = line ? line : g->line;
        /* "Warning: P.N is both OLD and NEW": place it at NEW's definition */
        if (sscanf(text, "Warning: %255[^.].%ld is both %255s and %255s", a, &sub, b, c) == 4)
            at = def_line(tl, sp, c) != sp->line ? def_line(tl, sp, c) : def_line(tl, sp, b);
        add(out, RULE_netsnmp_warning, src, at, sp->name, NULL,
            "Net-SNMP: %s", text);
    }
    free(text);
}

void netsnmp_cross_load(struct netsnmp_env *env, const struct config *cfg,
                        const struct source *src, const struct smi_view *view,
                        struct finding_list *out)
{
    const char *load_path = source_load_path(src);
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(load_path, cfg->max_file_size, &len, &too_large);
    if (!text || !src->n_mods) {
        free(text);
        return;
    }
    struct token_list tl = {0};
    lex_mib(text, len, &tl);

    snmp_set_mib_warnings(2);
    clear_msgs(env);
    gMibNames[0] = '\0';
    env->collecting = 1;
    read_mib(load_path);
    char *failed_names = xstrdup(gMibNames);
    adopt_orphans();
    env->collecting = 0;

    struct mod_state *ms = xcalloc(src->n_mods, sizeof *ms);
    int *modids = xcalloc(src->n_mods, sizeof *modids);
    for (size_t m = 0; m < src->n_mods; m++)
        ms[m].modid = modids[m] = which_module(src->mods[m].name);

    /* Where did the parse stop?  The last error Net-SNMP gave about this
     * file before it gave up. */
    int aborted = 0, abort_line = 0;
    for (size_t i = 0; i < env->n_msgs; i++)
        if (env->msgs[i].file && !strcmp(env->msgs[i].file, load_path) &&
            is_abort(env->msgs[i].text))
            aborted = 1;
    for (const char *p = failed_names; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        for (size_t m = 0; m < src->n_mods && n; m++)
            if (strlen(src->mods[m].name) == n && !strncmp(src->mods[m].name, p, n))
                aborted = 1;
        p += n;
    }
    free(failed_names);
    const struct ns_msg *cause = NULL;
    if (aborted) {
        for (size_t i = 0; i < env->n_msgs; i++) {
            const struct ns_msg *g = &env->msgs[i];
            if (g->file && !strcmp(g->file, load_path) && g->priority <= LOG_ERR &&
                !starts(g->text, "Warning"))
                cause = g, abort_line = g->line;
        }
        if (cause) {
            /* the first message of the last line names the cause */
            for (size_t i = 0; i < env->n_msgs; i++) {
                const struct ns_msg *g = &env->msgs[i];
                if (g->file && !strcmp(g->file, load_path) && g->line == abort_line &&
                    g->priority <= LOG_ERR && !starts(g->text, "Warning")) {
                    cause = g;
                    break;
                }
            }
        }
    }
    for (size_t m = 0; m < src->n_mods; m++) {
        const struct module_span *sp = &src->mods[m];
        if (ms[m].modid < 0 || (aborted && sp->end_line >= abort_line)) {
            ms[m].failed = 1;
            if (!abort_line || sp->line > abort_line) {
                add(out, RULE_netsnmp_load_failed, src, sp->line, sp->name, NULL,
                    abort_line ? "Net-SNMP does not load module `%s': its parser "
                                 "stopped at line %d before reaching it"
                               : "Net-SNMP does not load module `%s': it does not "
                                 "recognise the module in this file",
                    sp->name, abort_line);
            } else {
                int l = 0;
                char *why = strip_place(cause->text, cause->file, &l);
                add(out, RULE_netsnmp_load_failed, src, abort_line, sp->name, NULL,
                    "Net-SNMP does not load module `%s': its parser gives up "
                    "here (%s), so tools built on it know none of the module's "
                    "definitions", sp->name, why);
                free(why);
            }
        }
    }

    for (size_t i = 0; i < env->n_msgs; i++) {
        const struct ns_msg *g = &env->msgs[i];
        int ours = g->file && !strcmp(g->file, load_path);
        /* "Unlinked OID" names the module, not always the file */
        if (!ours && !starts(g->text, "Unlinked OID in "))
            continue;
        if (!ours) {
            char a[256];
            if (sscanf(g->text, "Unlinked OID in %255[^:]", a) != 1 || span_named(src, a) < 0)
                continue;
        }
        report_msg(g, src, &tl, view, ms, aborted ? abort_line : 0, out);
    }

    /* Parser agreement: the OID of every descriptor either one defines. */
    struct ns_nodes ns = {0};
    unsigned int oid[129];
    collect_nodes(get_tree_head(), oid, 0, modids, src->n_mods, &ns);
    for (size_t m = 0; m < src->n_mods && m < view->n_mods; m++) {
        const struct smi_view_module *vm = &view->mods[m];
        const struct module_span *sp = &src->mods[m];
        if (!vm->loaded || ms[m].failed)
            continue;
        /* after a syntax error libsmi keeps only part of the module */
        int smi_whole = view->smi_worst > 1;
        if (!smi_whole)
            continue;
        for (size_t i = 0; i < vm->n_defs; i++) {
            const struct smi_def *d = &vm->defs[i];
            /* the node Net-SNMP resolves the descriptor to, as its tools do */
            struct tree *tp = find_tree_node(d->name, ms[m].modid);
            size_t n_len = 0;
            for (struct tree *t = tp; t && n_len < 128; t = t->parent)
                n_len++;
            unsigned int *n_oid = xcalloc(n_len ? n_len : 1, sizeof *n_oid);
            size_t k = n_len;
            for (struct tree *t = tp; t && k > 0; t = t->parent)
                n_oid[--k] = (unsigned int)t->subid;
            struct buf s1 = {0}, s2 = {0};
            oid_string(&s1, d->oid, d->oidlen);
            if (tp && (n_len != d->oidlen ||
                       memcmp(n_oid, d->oid, d->oidlen * sizeof *d->oid))) {
                oid_string(&s2, n_oid, n_len);
                add(out, RULE_netsnmp_oid_mismatch, src, d->line ? d->line : def_line(&tl, sp, d->name),
                    sp->name, d->name,
                    "libsmi gives `%s' the OID %s, Net-SNMP gives it %s: "
                    "managers built on the two parsers address different objects",
                    d->name, s1.data, s2.data);
            } else if (!tp) {
                /* descendants of an unlinked node are already reported */
                int below = strvec_contains(&ms[m].unlinked, d->name);
                for (size_t u = 0; u < ms[m].unlinked.len && !below; u++) {
                    const struct smi_def *p = smi_find(vm, ms[m].unlinked.v[u]);
                    below = p && p->oidlen < d->oidlen &&
                            !memcmp(p->oid, d->oid, p->oidlen * sizeof *p->oid);
                }
                if (!below)
                    add(out, RULE_netsnmp_missing_node, src,
                        d->line ? d->line : def_line(&tl, sp, d->name), sp->name, d->name,
                        "libsmi defines `%s' (%s) in this module, Net-SNMP does not",
                        d->name, s1.data);
            }
            buf_free(&s1);
            buf_free(&s2);
            free(n_oid);
        }
        for (size_t i = 0; i < ns.len; i++) {
            const struct ns_node *n = &ns.v[i];
            if (n->mod != m || smi_find(vm, n->label))
                continue;
            struct buf s2 = {0};
            oid_string(&s2, n->oid, n->oidlen);
            add(out, RULE_netsnmp_missing_node, src, def_line(&tl, sp, n->label),
                sp->name, n->label,
                "Net-SNMP defines `%s' (%s) in this module, libsmi does not",
                n->label, s2.data);
            buf_free(&s2);
        }
    }

    for (size_t i = 0; i < ns.len; i++)
        free(ns.v[i].oid);
    free(ns.v);
    for (size_t m = 0; m < src->n_mods; m++)
        strvec_free(&ms[m].unlinked);
    free(ms);
    free(modids);
    clear_msgs(env);
    token_list_free(&tl);
    free(text);
}

void netsnmp_load_dir(const char *dir, const char *path,
                      const struct strvec *names, struct strvec *problems)
{
    char *why = NULL;
    shutdown_mib();   /* the tree this process inherited, if any */
    struct netsnmp_env *env = netsnmp_env_new(path, NULL, &why);
    if (!env) {
        strvec_push_owned(problems, xasprintf("-\t0\tcannot set up Net-SNMP: %s", why));
        free(why);
        return;
    }
    snmp_set_mib_warnings(2);
    env->collecting = 1;
    for (size_t i = 0; i < names->len; i++)
        netsnmp_read_module(names->v[i]);
    adopt_orphans();
    env->collecting = 0;
    size_t dl = strlen(dir);
    for (size_t i = 0; i < env->n_msgs; i++) {
        const struct ns_msg *g = &env->msgs[i];
        const char *name = NULL;
        char a[256];
        if (g->file && !strncmp(g->file, dir, dl) && g->file[dl] == '/')
            name = g->file + dl + 1;
        if (sscanf(g->text, "Unlinked OID in %255[^:]", a) == 1 && strvec_contains(names, a))
            name = a;
        if (!name || !strvec_contains(names, name))
            continue;
        /* the module's own text, for the notes that need it */
        char *file = xasprintf("%s/%s", dir, name);
        size_t len = 0;
        int big = 0;
        char *text = read_file(file, (size_t)1 << 30, &len, &big);
        struct token_list tl = {0};
        struct module_span *spans = NULL;
        if (text)
            lex_mib(text, len, &tl);
        size_t n = text ? find_modules(&tl, &spans) : 0;
        int line = 0;
        char *msg = strip_place(g->text, g->file, &line);
        if (!n || !is_noise(msg, &tl, &spans[0]))
            strvec_push_owned(problems, xasprintf("%s\t%d\t%s", name,
                                                  line ? line : g->line, msg));
        free(msg);
        module_spans_free(spans, n);
        token_list_free(&tl);
        free(text);
        free(file);
    }
    netsnmp_env_free(env);
}
