/* The variation family: standard modules and objects copied, changed or
 * widened by others (RFC 4775 section 2; RFC 2580 section 6).  "Standard"
 * means the reference set (checker/reference.h). */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "checker/capabilities.h"
#include "checker/reference.h"
#include "checker/summary.h"
#include "checker/util.h"
#include "rules/check.h"

/* The reference module this input module claims to be, unless the input
 * is that very file (checking the reference set itself). */
static const struct ref_module *same_named_reference(struct check_ctx *ctx)
{
    const struct ref_module *rm = reference_module(ctx->cfg->reference,
                                                   ctx->module->name);
    if (!rm)
        return NULL;
    char *a = realpath(rm->path, NULL), *b = realpath(ctx->file, NULL);
    int same = a && b && !strcmp(a, b);
    free(a);
    free(b);
    return same ? NULL : rm;
}

struct modified_ctx {
    struct check_ctx *ctx;
    const char *std;
};

static void report_modified(void *arg, const struct summary_diff *d)
{
    struct modified_ctx *mc = arg;
    struct check_ctx *ctx = mc->ctx;
    int line = d->line ? d->line : ctx->span->line;
    if (!strcmp(d->kind, "added"))
        report_finding(ctx, RULE_variation_standard_modified, line, d->name,
                       "added: %s (%s) is not in the standard %s; a copy of a "
                       "standard module must not define anything of its own: "
                       "move it to a module of your own",
                       d->name, d->new_value, mc->std);
    else if (!strcmp(d->kind, "removed"))
        report_finding(ctx, RULE_variation_standard_modified, line, d->name,
                       "removed: %s (%s) of the standard %s is missing from "
                       "this copy", d->name, d->old_value, mc->std);
    else
        report_finding(ctx, RULE_variation_standard_modified, line, d->name,
                       "%s: %s differs from the standard %s: '%s' there, "
                       "'%s' here", d->kind, d->name, mc->std, d->old_value,
                       d->new_value);
}

/* An input with a reference module's name that is another published
 * revision of it is reported once, as such, rather than diffed. */
static int other_revision(struct check_ctx *ctx, json_t *std, json_t *mine)
{
    const char *lu_std = json_string_value(json_object_get(std, "last_updated"));
    const char *lu_mine = json_string_value(json_object_get(mine, "last_updated"));
    char ds[17], dm[17];
    if (!lu_std || !lu_mine || last_updated_date(lu_std, ds) < 0 ||
        last_updated_date(lu_mine, dm) < 0 || !strcmp(ds, dm))
        return 0;
    int line = (int)json_integer_value(json_object_get(mine, "last_updated_line"));
    const char *why = NULL;
    if (strcmp(dm, ds) > 0) {
        why = "newer than the reference copy";
    } else {
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(std, "revisions"), i, r)
            if (!strcmp(json_string_value(r), dm))
                why = "an older revision listed in the reference copy";
    }
    if (!why)
        return 0;
    struct finding *f = report_finding(
        ctx, RULE_variation_standard_modified, line ? line : ctx->span->line,
        NULL,
        "revision: this %s is LAST-UPDATED \"%s\", %s (\"%s\"); it was not "
        "compared definition by definition: ship the current standard module",
        ctx->module->name, lu_mine, why, lu_std);
    f->severity = SEV_INFO;
    return 1;
}

static void check_standard_modified(struct check_ctx *ctx)
{
    const struct ref_module *rm = same_named_reference(ctx);
    if (!rm || same_module_text(ctx->tokens, ctx->span, rm->path,
                                     ctx->cfg->max_file_size))
        return;
    char *path = reference_smipath(ctx->cfg->reference);
    json_t *std = module_summary_in_fork(rm->path, rm->name, path, ctx->cfg->timeout);
    free(path);
    if (!std)
        return;
    json_t *mine = module_summary(ctx->module, ctx->tokens, ctx->span);
    if (!other_revision(ctx, std, mine)) {
        struct modified_ctx mc = {ctx, rm->name};
        summary_diff(std, mine, report_modified, &mc);
    }
    json_decref(mine);
    json_decref(std);
}

/* A module that is, or claims to be, a standard module is judged by
 * variation-standard-modified alone. */
static int is_standard(struct check_ctx *ctx)
{
    return reference_module(ctx->cfg->reference, ctx->module->name) != NULL;
}

/* A descriptor of the input that a standard module also defines. */
struct redefinition {
    char *name;
    int line;
    const struct ref_def *def;   /* the standard definition named */
    int more;                    /* other standard modules define it too */
};

struct redefinitions {
    struct redefinition *v;
    size_t len;
};

static void add_redefinition(struct check_ctx *ctx, struct redefinitions *r,
                             const char *name, int line,
                             const struct ref_def *d, size_t n)
{
    const struct reference_set *rs = ctx->cfg->reference;
    /* name the current standard rather than an SMIv1 ancestor (RFC1213-MIB
     * and friends restate much of what later modules define) */
    size_t best = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(rs->modules[d[i].module].name, "RFC", 3)) {
            best = i;
            break;
        }
    r->v = xrealloc(r->v, (r->len + 1) * sizeof *r->v);
    r->v[r->len++] = (struct redefinition){xstrdup(name), line, &d[best], n > 1};
}

/* Past this many descriptors of one standard module, the input is a
 * renamed copy (often a pre-standard draft) of it: one finding says so,
 * with the descriptors as notes, instead of a flood. */
#define RENAMED_COPY_THRESHOLD 10

static void report_redefinitions(struct check_ctx *ctx, struct redefinitions *r)
{
    const struct reference_set *rs = ctx->cfg->reference;
    size_t *count = xcalloc(rs->n_modules + 1, sizeof *count);
    for (size_t i = 0; i < r->len; i++)
        count[r->v[i].def->module]++;
    for (size_t i = 0; i < r->len; i++) {
        const struct redefinition *x = &r->v[i];
        const struct ref_module *std = &rs->modules[x->def->module];
        size_t c = count[x->def->module];
        if (c >= RENAMED_COPY_THRESHOLD) {
            struct finding *f = report_finding(
                ctx, RULE_variation_descriptor_redefined, x->line, NULL,
                "%zu descriptors of the standard %s are defined again here: "
                "this module is a renamed copy (or a draft) of it; import the "
                "standard definitions, or name yours with your own prefix",
                c, std->name);
            finding_add_note(f, std->path, x->def->line, NULL,
                             "the standard module defines the first of them here");
            for (size_t k = i; k < r->len; k++)
                if (r->v[k].def->module == x->def->module)
                    finding_add_note(f, ctx->file, r->v[k].line, NULL, r->v[k].name);
            count[x->def->module] = 0;   /* reported */
        } else if (c > 0) {
            struct finding *f = report_finding(
                ctx, RULE_variation_descriptor_redefined, x->line, x->name,
                "%s is also defined by the standard %s%s: import the standard "
                "definition, or give yours a name with your own prefix",
                x->name, std->name, x->more ? " (and others)" : "");
            finding_add_note(f, std->path, x->def->line, NULL,
                             "the standard definition is here");
        }
    }
    free(count);
    for (size_t i = 0; i < r->len; i++)
        free(r->v[i].name);
    free(r->v);
}

static void check_descriptor_redefined(struct check_ctx *ctx)
{
    const struct reference_set *rs = ctx->cfg->reference;
    if (!rs || is_standard(ctx))
        return;
    struct redefinitions r = {0};
    for (SmiNode *node = smiGetFirstNode(ctx->module, SMI_NODEKIND_ANY); node;
         node = smiGetNextNode(node, SMI_NODEKIND_ANY)) {
        size_t n;
        const struct ref_def *d = node->name ? reference_defs(rs, node->name, &n) : NULL;
        if (!d)
            continue;
        /* "mib-2 OBJECT IDENTIFIER ::= { mgmt 1 }" restated: an alias of
         * the same node, harmless */
        SmiNode *parent = smiGetParentNode(node);
        int alias = 0;
        for (size_t i = 0; i < n && !alias; i++)
            alias = d[i].kind == REF_VALUE && node->nodekind == SMI_NODEKIND_NODE &&
                    node->oidlen > 0 && d[i].subid == (long)node->oid[node->oidlen - 1] &&
                    (!d[i].parent || strchr(d[i].value, ' ') != strrchr(d[i].value, ' ') ||
                     (parent && parent->name && !strcmp(parent->name, d[i].parent)));
        if (!alias)
            add_redefinition(ctx, &r, node->name, smiGetNodeLine(node), d, n);
    }
    for (SmiType *t = smiGetFirstType(ctx->module); t; t = smiGetNextType(t)) {
        size_t n;
        const struct ref_def *d = t->name ? reference_defs(rs, t->name, &n) : NULL;
        if (!d)
            continue;
        /* SMIv1 modules restate "DisplayString ::= OCTET STRING"; only a
         * type of another base is a different thing under a standard name */
        const char *mine = smi_base_name(t);
        int same = 0;
        for (size_t i = 0; i < n && !same; i++) {
            const char *theirs = d[i].kind == REF_TYPE
                                     ? base_type_category(rs, d[i].syntax) : NULL;
            same = theirs && mine && !strcmp(theirs, mine);
        }
        if (!same)
            add_redefinition(ctx, &r, t->name, smiGetTypeLine(t), d, n);
    }
    report_redefinitions(ctx, &r);
}

static void check_column_injected(struct check_ctx *ctx)
{
    const struct reference_set *rs = ctx->cfg->reference;
    if (!rs || is_standard(ctx))
        return;
    for (SmiNode *node = smiGetFirstNode(ctx->module, SMI_NODEKIND_ANY); node;
         node = smiGetNextNode(node, SMI_NODEKIND_ANY)) {
        SmiNode *p = smiGetParentNode(node);
        if (!p || !p->name ||
            !(p->nodekind & (SMI_NODEKIND_TABLE | SMI_NODEKIND_ROW | SMI_NODEKIND_COLUMN)))
            continue;
        SmiModule *pm = smiGetNodeModule(p);
        if (!pm || !pm->name || pm == ctx->module || !strcmp(pm->name, ctx->module->name) ||
            !reference_module(rs, pm->name))
            continue;
        const char *what = p->nodekind == SMI_NODEKIND_TABLE ? "table"
                           : p->nodekind == SMI_NODEKIND_ROW ? "row" : "column";
        SmiNode *row = p->nodekind == SMI_NODEKIND_ROW ? p
                       : p->nodekind == SMI_NODEKIND_COLUMN ? smiGetParentNode(p) : NULL;
        report_finding(ctx, RULE_variation_column_injected, smiGetNodeLine(node),
                       node->name ? node->name : NULL,
                       "%s is registered under %s, a %s of the standard %s, "
                       "which only that module may extend: put it in a table "
                       "of your own that AUGMENTS %s, or is indexed like it",
                       node->name ? node->name : "this node", p->name, what,
                       pm->name, row && row->name ? row->name : p->name);
    }
}

/* ---- tables that copy a standard table (RFC 2578 section 7.8) ---- */

/* Length of the prefix all names share (the module's naming prefix). */
static size_t common_prefix(const char *const *names, size_t n)
{
    if (n < 2)
        return 0;
    size_t len = strlen(names[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < len && names[i][k] && names[i][k] == names[0][k])
            k++;
        len = k;
    }
    /* keep the word the prefix cut into: "ifIn" of ifInOctets, ifIndex */
    while (len > 0 && !(names[0][len] >= 'A' && names[0][len] <= 'Z'))
        len--;
    return len;
}

/* Edit distance of two short names, case-insensitive. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return la > lb ? la : lb;
    size_t d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) !=
                                             tolower((unsigned char)b[j - 1]));
            size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    return d[la][lb];
}

static int similar_names(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), m = la > lb ? la : lb;
    return m > 0 && edit_distance(a, b) * 10 <= m * 3;
}

struct column_set {
    const char **names;     /* after the common prefix */
    const char **bases;
    size_t n;
};

/* How many columns of t, aligned with s at offset off, have the same
 * base type, and how many of those also have similar names. */
static void align(const struct column_set *t, const struct column_set *s, long off,
                  size_t *types, size_t *names)
{
    *types = *names = 0;
    for (size_t i = 0; i < t->n; i++) {
        long j = (long)i + off;
        if (j < 0 || (size_t)j >= s->n || !t->bases[i] ||
            strcmp(t->bases[i], s->bases[j]))
            continue;
        (*types)++;
        *names += similar_names(t->names[i], s->names[j]);
    }
}

#define CLONE_MIN_COLUMNS 4

static void check_table_cloned(struct check_ctx *ctx)
{
    const struct reference_set *rs = ctx->cfg->reference;
    if (!rs || is_standard(ctx))
        return;
    for (SmiNode *table = smiGetFirstNode(ctx->module, SMI_NODEKIND_TABLE); table;
         table = smiGetNextNode(table, SMI_NODEKIND_TABLE)) {
        SmiNode *row = smiGetFirstChildNode(table);
        if (!table->name || !row || row->nodekind != SMI_NODEKIND_ROW)
            continue;
        struct column_set t = {0};
        const char *full[256];
        const char *bases[256];
        for (SmiNode *c = smiGetFirstChildNode(row); c && t.n < 256;
             c = smiGetNextChildNode(c)) {
            if (c->nodekind != SMI_NODEKIND_COLUMN || !c->name)
                continue;
            full[t.n] = c->name;
            bases[t.n++] = smi_base_name(smiGetNodeType(c));
        }
        if (t.n < CLONE_MIN_COLUMNS)
            continue;
        size_t tp = common_prefix(full, t.n);
        const char *names[256];
        for (size_t i = 0; i < t.n; i++)
            names[i] = full[i] + tp;
        t.names = names;
        t.bases = bases;

        const struct ref_table *best = NULL;
        size_t best_types = 0, best_names = 0;
        for (size_t k = 0; k < rs->n_tables; k++) {
            const struct ref_table *tb = &rs->tables[k];
            size_t n = tb->n_columns;
            if (n < CLONE_MIN_COLUMNS || n > 256 || n + 1 < t.n || t.n + 1 < n)
                continue;
            const char *sfull[256];
            for (size_t c = 0; c < n; c++)
                sfull[c] = rs->defs[tb->columns[c]].name;
            size_t sp = common_prefix(sfull, n);
            const char *snames[256];
            for (size_t c = 0; c < n; c++)
                snames[c] = sfull[c] + sp;
            struct column_set s = {snames, (const char **)tb->column_base, n};
            size_t most = t.n > n ? t.n : n;
            for (long off = -1; off <= 1; off++) {
                size_t types, nm;
                align(&t, &s, off, &types, &nm);
                /* 80 % of the columns with the same base types in order,
                 * and 60 % with similar names too: small tables of an
                 * index, a name and a status look alike everywhere */
                if (types * 10 < most * 8 || nm * 10 < most * 6)
                    continue;
                if (types > best_types || (types == best_types && nm > best_names)) {
                    best = tb;
                    best_types = types;
                    best_names = nm;
                }
            }
        }
        if (!best)
            continue;
        const struct ref_def *st = &rs->defs[best->table];
        const struct ref_def *sr = best->row != (size_t)-1 ? &rs->defs[best->row] : NULL;
        struct finding *f = report_finding(
            ctx, RULE_variation_table_cloned, smiGetNodeLine(table), table->name,
            "%s copies the standard %s of %s (%zu of %zu columns with the same "
            "base types in order, %zu with similar names): extend the standard "
            "table instead, with a table whose row AUGMENTS %s for the same "
            "rows, or one indexed by %s for some of them",
            table->name, st->name, rs->modules[st->module].name, best_types,
            t.n, best_names, sr ? sr->name : st->name,
            best->index && *best->index ? best->index : "the standard index");
        finding_add_note(f, rs->modules[st->module].path, st->line, NULL,
                         "the standard table is here");
    }
}

/* ---- AGENT-CAPABILITIES (RFC 2580 section 6) ---- */

static int access_rank(const char *a)
{
    static const char *const order[] = {"not-implemented", "not-accessible",
                                        "accessible-for-notify", "read-only",
                                        "read-write", "read-create", NULL};
    static const int rank[] = {0, 0, 1, 2, 3, 4};
    if (a && !strcmp(a, "write-only"))
        return 3;
    for (size_t i = 0; a && order[i]; i++)
        if (!strcmp(a, order[i]))
            return rank[i];
    return -1;
}

/* The text of a supported module, read once for all its VARIATIONs:
 * libsmi folds read-create into read-write, the text does not. */
struct module_text {
    char *text;
    struct token_list tl;
    struct module_span *spans;
    size_t n_spans;
    const struct module_span *span;   /* the module's own, or NULL */
};

static void module_text_load(struct module_text *mt, SmiModule *m)
{
    memset(mt, 0, sizeof *mt);
    size_t len = 0;
    int too_large = 0;
    mt->text = m->path ? read_file(m->path, (size_t)1 << 28, &len, &too_large) : NULL;
    if (!mt->text)
        return;
    lex_mib(mt->text, len, &mt->tl);
    mt->n_spans = find_modules(&mt->tl, &mt->spans);
    for (size_t i = 0; i < mt->n_spans && !mt->span; i++)
        if (!strcmp(mt->spans[i].name, m->name))
            mt->span = &mt->spans[i];
}

static void module_text_free(struct module_text *mt)
{
    module_spans_free(mt->spans, mt->n_spans);
    token_list_free(&mt->tl);
    free(mt->text);
}

static const char *object_access(const struct module_text *mt, SmiNode *obj)
{
    static const char *const names[] = {NULL, "not-accessible",
                                        "accessible-for-notify", "read-only",
                                        "read-write"};
    const char *kw = mt->span ? text_access(&mt->tl, mt->span, obj->name) : NULL;
    if (kw)
        return kw;
    int a = obj->access;
    return a >= 1 && a <= 4 ? names[a] : NULL;
}

/* How the refinement widens obj's syntax, as text; NULL if it does not. */
static char *syntax_widening(SmiNode *obj, const struct cap_syntax *r)
{
    SmiType *t = smiGetNodeType(obj);
    if (!t)
        return NULL;
    const char *base = smi_base_name(t);
    if (r->base && base && strcmp(r->base, base))
        return xasprintf("base type %s instead of %s", r->base, base);
    if (r->enums) {
        json_t *mine = type_named_numbers(t);
        struct buf extra = {0};
        size_t i, j;
        json_t *e, *f;
        json_array_foreach(r->enums, i, e) {
            int found = 0;
            json_array_foreach(mine, j, f)
                found |= json_integer_value(json_array_get(e, 1)) ==
                             json_integer_value(json_array_get(f, 1)) &&
                         !strcmp(json_string_value(json_array_get(e, 0)),
                                 json_string_value(json_array_get(f, 0)));
            if (!found)
                buf_printf(&extra, "%s%s(%" JSON_INTEGER_FORMAT ")", extra.len ? ", " : "",
                           json_string_value(json_array_get(e, 0)),
                           json_integer_value(json_array_get(e, 1)));
        }
        json_decref(mine);
        if (extra.len) {
            char *s = xasprintf("values %s that the object does not define", extra.data);
            buf_free(&extra);
            return s;
        }
    }
    if (r->ranges) {
        char *mine = type_ranges_text(t);
        const char *have = mine ? mine : implicit_value_range(base, r->size);
        struct value_interval a[64], b[64];
        size_t na = parse_value_ranges(have, a, 64), nb = parse_value_ranges(r->ranges, b, 64);
        char *s = NULL;
        if (have && na && nb && !value_ranges_cover(a, na, b, nb))
            s = xasprintf("%s %s beyond the object's %s", r->size ? "size" : "range",
                          r->ranges, have);
        free(mine);
        return s;
    }
    return NULL;
}

static void check_variation_clauses(struct check_ctx *ctx, const struct capability *cap,
                                    const struct cap_variation *var, SmiNode *obj,
                                    const struct module_text *mt)
{
    const struct token_list *tl = ctx->tokens;
    if (var->access.from < var->access.to) {
        char *acc = cap_clause_text(tl, &var->access);
        const char *max = object_access(mt, obj);
        if (access_rank(acc) > access_rank(max) && access_rank(max) >= 0)
            report_finding(ctx, RULE_variation_capability_widened, var->access.line,
                           var->object,
                           "VARIATION %s of %s raises ACCESS to %s above the "
                           "object's MAX-ACCESS %s: a capability may only "
                           "restrict an object; a different object is a "
                           "variation of the standard", var->object, cap->name,
                           acc, max);
        free(acc);
    }
    const struct cap_clause *syn[] = {&var->syntax, &var->write_syntax};
    const char *what[] = {"SYNTAX", "WRITE-SYNTAX"};
    for (size_t k = 0; k < 2; k++) {
        if (syn[k]->from == syn[k]->to)
            continue;
        struct cap_syntax r;
        cap_syntax_parse(ctx->cfg->reference, tl, syn[k], &r);
        char *w = syntax_widening(obj, &r);
        if (w)
            report_finding(ctx, RULE_variation_capability_widened, syn[k]->line,
                           var->object,
                           "VARIATION %s of %s: %s allows %s; a capability "
                           "may only narrow the object's syntax",
                           var->object, cap->name, what[k], w);
        free(w);
        cap_syntax_free(&r);
    }
}

static int group_has(SmiNode *group, const char *name)
{
    for (SmiElement *e = smiGetFirstElement(group); e; e = smiGetNextElement(e)) {
        SmiNode *n = smiGetElementNode(e);
        if (n && n->name && !strcmp(n->name, name))
            return 1;
    }
    return 0;
}

static void check_supports(struct check_ctx *ctx, const struct capability *cap,
                           const struct cap_supports *sp)
{
    /* libsmi loads the SUPPORTS module itself while parsing; look among
     * the loaded modules only (smiGetModule would try to load it again
     * and report the failure a second time) */
    SmiModule *m = smiGetFirstModule();
    while (m && strcmp(m->name, sp->module))
        m = smiGetNextModule(m);
    if (!m) {
        report_finding(ctx, RULE_variation_capability_unknown, sp->line, cap->name,
                       "%s SUPPORTS %s, a module that is not found on the "
                       "MIB path: nothing it claims can be checked",
                       cap->name, sp->module);
        return;
    }
    struct module_text mt;
    module_text_load(&mt, m);
    SmiNode **groups = xcalloc(sp->n_includes + 1, sizeof *groups);
    int bad_include = 0;
    for (size_t g = 0; g < sp->n_includes; g++) {
        SmiNode *n = smiGetNode(m, sp->includes[g]);
        if (n && n->nodekind == SMI_NODEKIND_GROUP && smiGetNodeModule(n) == m)
            groups[g] = n;
        else if (++bad_include)
            report_finding(ctx, RULE_variation_capability_unknown,
                           sp->include_lines[g], cap->name,
                           "%s INCLUDES %s, which is not a group of %s",
                           cap->name, sp->includes[g], sp->module);
    }
    for (size_t k = 0; k < sp->n_vars; k++) {
        const struct cap_variation *var = &sp->vars[k];
        SmiNode *obj = smiGetNode(m, var->object);
        if (!obj || smiGetNodeModule(obj) != m) {
            report_finding(ctx, RULE_variation_capability_unknown, var->line,
                           var->object,
                           "VARIATION %s of %s: %s defines no such object or "
                           "notification", var->object, cap->name, sp->module);
            continue;
        }
        /* after a bad INCLUDES, which groups were meant is unknown: the
         * INCLUDES finding says it once instead of once per VARIATION */
        int included = bad_include;
        for (size_t g = 0; g < sp->n_includes && !included; g++)
            included = groups[g] && group_has(groups[g], var->object);
        if (!included)
            report_finding(ctx, RULE_variation_capability_unknown, var->line,
                           var->object,
                           "VARIATION %s of %s: the object is in none of the "
                           "groups this SUPPORTS clause INCLUDES", var->object,
                           cap->name);
        check_variation_clauses(ctx, cap, var, obj, &mt);
    }
    free(groups);
    module_text_free(&mt);
}

static void check_capabilities(struct check_ctx *ctx)
{
    struct capability *caps;
    size_t n = capabilities_parse(ctx->tokens, ctx->span, &caps);
    for (size_t i = 0; i < n; i++)
        for (size_t s = 0; s < caps[i].n_supports; s++)
            check_supports(ctx, &caps[i], &caps[i].supports[s]);
    capabilities_free(caps, n);
}

static const check_fn checks[] = {check_standard_modified,
                                  check_descriptor_redefined,
                                  check_column_injected, check_table_cloned,
                                  check_capabilities, NULL};

static const struct rule_doc docs[] = {
    {"variation-standard-modified",
     "Compares an input module that has the name of a standard module (one "
     "of the reference set: --reference DIR and the system MIB directories) "
     "with that standard module, definition by definition: OID, kind, base "
     "and named type, ranges and sizes, enumerations and bits, MAX-ACCESS "
     "(read-create as written), STATUS, INDEX or AUGMENTS, DEFVAL, UNITS, "
     "group members, and definitions added or removed.  Each difference is "
     "one finding at the line of the copy, naming the kind of change and "
     "both values.  A copy that differs only in white space or comments "
     "gives nothing; a copy that is another published revision (its "
     "LAST-UPDATED is a REVISION of the reference, or newer) gives one "
     "info finding instead.",
     "A module name stands for one module (RFC 2578 section 3): every "
     "manager that loads IF-MIB expects the IETF's definitions.  A vendor "
     "copy with an extra enumeration or a wider range is a variation in the "
     "sense of RFC 4775 section 2: managers built on the real module "
     "mis-decode the agent, and the copy breaks every tool that loads both.",
     "-- vendor/IF-MIB.my, shipped with the product\n"
     "ifAdminStatus OBJECT-TYPE\n"
     "    SYNTAX  INTEGER { up(1), down(2), testing(3), maintenance(10) }\n"
     "    ...",
     "-- vendor/ACME-IF-EXT-MIB.my\n"
     "acmeIfExtEntry OBJECT-TYPE\n"
     "    SYNTAX      AcmeIfExtEntry\n"
     "    MAX-ACCESS  not-accessible\n"
     "    STATUS      current\n"
     "    DESCRIPTION \"Vendor state of an interface.\"\n"
     "    AUGMENTS    { ifEntry }\n"
     "    ::= { acmeIfExtTable 1 }",
     "Ship the standard module unchanged; put vendor objects in a module "
     "of your own, under your enterprise arc, augmenting the standard table "
     "where needed."},
    {"variation-descriptor-redefined",
     "Reports a definition (object, notification, group, node, textual "
     "convention) of a module outside the reference set whose descriptor a "
     "standard module also defines.  A restated value assignment of the "
     "same node (\"mib-2 OBJECT IDENTIFIER ::= { mgmt 1 }\") and an SMIv1 "
     "type restated with the same base type are not reported.",
     "The descriptors of standard modules form one name space that every "
     "tool shares (RFC 2578 section 3.1); a second ifSpeed makes importers "
     "and managers pick one at random, and usually hides a copied object "
     "under a vendor arc.",
     "ACME-MIB DEFINITIONS ::= BEGIN\n"
     "...\n"
     "ifSpeed OBJECT-TYPE\n"
     "    SYNTAX      Gauge32\n"
     "    ...\n"
     "    ::= { acmePort 5 }",
     "acmePortSpeed OBJECT-TYPE\n"
     "    SYNTAX      Gauge32\n"
     "    ...\n"
     "    ::= { acmePort 5 }",
     "Import the standard definition where it is the same thing; rename "
     "yours with the module's own prefix where it is not."},
    {"variation-column-injected",
     "Reports a definition registered directly under a table, row or "
     "column that a standard module defines (for example { ifEntry 99 }).",
     "Only the module that defines a row defines its columns (RFC 2578 "
     "sections 7.8 and 7.10); a vendor column in a standard row is invisible "
     "to every manager that loads the standard module, clashes with the "
     "columns a later revision adds, and changes a standard object's meaning "
     "(RFC 4775 section 2).",
     "acmeIfCrcErrors OBJECT-TYPE\n"
     "    SYNTAX      Counter32\n"
     "    ...\n"
     "    ::= { ifEntry 99 }",
     "acmeIfExtEntry OBJECT-TYPE\n"
     "    SYNTAX      AcmeIfExtEntry\n"
     "    MAX-ACCESS  not-accessible\n"
     "    STATUS      current\n"
     "    DESCRIPTION \"Vendor counters of an interface.\"\n"
     "    AUGMENTS    { ifEntry }\n"
     "    ::= { acmeIfExtTable 1 }\n"
     "acmeIfCrcErrors OBJECT-TYPE ... ::= { acmeIfExtEntry 1 }",
     "Move the object into a table of your own under your enterprise arc "
     "that AUGMENTS the standard row, or a dependent table indexed by its "
     "index."},
    {"variation-table-cloned",
     "Compares every table of a module outside the reference set with every "
     "standard table: when the column counts are within one of each other, "
     "at least 80 % of the columns have the same SMI base types in order "
     "(allowing one column more or less at either end), and at least 60 % "
     "also have similar names once each module's common prefix is removed, "
     "the table is reported with the standard table it copies.  Tables of "
     "fewer than four columns are left alone: they look alike everywhere.",
     "A copy of a standard table makes managers learn a second model of the "
     "same thing, and the two drift apart (RFC 4775 section 2).  RFC 2578 "
     "section 7.8 gives the ways to extend a table instead: a row that "
     "AUGMENTS the standard row, or a dependent table indexed like it.",
     "acmeAddrTable  (acmeAdEntAddr IpAddress, acmeAdEntIfIndex Integer32,\n"
     "                acmeAdEntNetMask IpAddress, acmeAdEntBcastAddr Integer32)\n"
     "-- the columns of IP-MIB's ipAddrTable under other names",
     "acmeAddrExtTable, INDEX { ipAdEntAddr }, holding only the vendor's\n"
     "own columns (acmeAddrOrigin, acmeAddrPreferred)",
     "Drop the copied columns and keep the vendor-specific ones in a table "
     "that AUGMENTS the standard row, or is indexed by the standard index."},
    {"variation-capability-widened",
     "Reads every VARIATION of the module's AGENT-CAPABILITIES statements "
     "(libsmi keeps none of them) and reports one that widens the object it "
     "refines: an ACCESS above the object's MAX-ACCESS (read-create as "
     "written in the object's module), or a SYNTAX or WRITE-SYNTAX with "
     "another base type, enumerations the object does not define, or "
     "ranges and sizes beyond the object's.",
     "A capabilities statement may only say that an agent implements less "
     "than the standard (RFC 2580 section 6.5.2): fewer values, a smaller "
     "range, lower access.  An agent that does more than the object allows "
     "is a variation in the sense of RFC 4775 section 2, and a manager that "
     "trusts the standard definition mis-decodes it.",
     "VARIATION ifAdminStatus\n"
     "    SYNTAX      INTEGER { up(1), down(2), testing(3), maintenance(10) }\n"
     "    ACCESS      read-create\n"
     "    DESCRIPTION \"Also a maintenance state.\"",
     "VARIATION ifAdminStatus\n"
     "    SYNTAX      INTEGER { up(1), down(2) }\n"
     "    DESCRIPTION \"testing(3) is not supported.\"",
     "Restrict, never extend: drop the extra values or access.  State that "
     "the agent does more in objects of your own module."},
    {"variation-capability-unknown",
     "Reports an AGENT-CAPABILITIES statement that cannot be resolved: "
     "SUPPORTS names a module not found on the MIB path, INCLUDES names "
     "something that is not a group of that module, or a VARIATION names an "
     "object the module does not define or that none of the included "
     "groups holds.",
     "A capabilities statement is read against the modules it names (RFC "
     "2580 sections 6.5.1 and 6.5.2); a name that resolves to nothing makes "
     "the statement meaningless to the integrator who reads it.",
     "SUPPORTS IF-MIB\n"
     "    INCLUDES { ifGeneralInformationGroup }\n"
     "VARIATION ifHCInOctets\n"
     "    ACCESS      not-implemented\n"
     "    DESCRIPTION \"No 64-bit counters.\"",
     "SUPPORTS IF-MIB\n"
     "    INCLUDES { ifGeneralInformationGroup, ifHCPacketGroup }\n"
     "VARIATION ifHCInOctets\n"
     "    ACCESS      not-implemented\n"
     "    DESCRIPTION \"No 64-bit counters.\"",
     "Name the module as it is defined, include the group that holds each "
     "object a VARIATION refines, and correct misspelt names."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_variation = {"variation", checks, docs};
