/* The oid family: who may register where (RFC 2578 sections 3.1 and 4),
 * and OIDs that two definitions of one run share.
 *
 * A module's "registrations" are its definitions whose nearest named
 * ancestor belongs to another module: the points where it hangs its tree
 * into someone else's.  The per-module rules judge those, so that a
 * module under the wrong arc gets one finding per subtree, not one per
 * object.  oid-collision and the organisation part of
 * oid-enterprise-inconsistent need every input: workers send OID facts
 * (checker/oidfacts.h) and oid_batch_rules() decides in the parent. */
#include "rules/oid.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checker/penreg.h"
#include "checker/reference.h"
#include "checker/util.h"
#include "rules/check.h"

/* RFC 5612: the enterprise number reserved for documentation. */
#define PEN_DOCUMENTATION 32473L

struct arc {
    const char *name;
    size_t len;
    SmiSubid oid[8];
};

/* The arcs under internet that the IANA hands out for IETF work, most
 * specific first (RFC 1155 3.1, RFC 2578 4, RFC 3411 5). */
static const struct arc iana_arcs[] = {
    {"transmission", 7, {1, 3, 6, 1, 2, 1, 10}},
    {"mib-2", 6, {1, 3, 6, 1, 2, 1}},
    {"snmpModules", 6, {1, 3, 6, 1, 6, 3}},
    {"snmpDomains", 6, {1, 3, 6, 1, 6, 1}},
    {"snmpProxys", 6, {1, 3, 6, 1, 6, 2}},
    {"snmpV2", 5, {1, 3, 6, 1, 6}},
    {"mgmt", 5, {1, 3, 6, 1, 2}},
    {"directory", 5, {1, 3, 6, 1, 1}},
    {"security", 5, {1, 3, 6, 1, 5}},
    {"private", 5, {1, 3, 6, 1, 4}},
    {"internet", 4, {1, 3, 6, 1}},
};
static const struct arc enterprises_arc = {"enterprises", 6, {1, 3, 6, 1, 4, 1}};
static const struct arc experimental_arc = {"experimental", 5, {1, 3, 6, 1, 3}};

#define N_IANA_ARCS (sizeof iana_arcs / sizeof iana_arcs[0])

static int oid_has_prefix(const SmiSubid *oid, size_t len, const SmiSubid *prefix,
                          size_t plen)
{
    if (len < plen)
        return 0;
    for (size_t i = 0; i < plen; i++)
        if (oid[i] != prefix[i])
            return 0;
    return 1;
}

static int under(const SmiNode *n, const struct arc *a)
{
    return oid_has_prefix(n->oid, n->oidlen, a->oid, a->len);
}

static int is_arc(const SmiNode *n, const struct arc *a)
{
    return n->oidlen == a->len && under(n, a);
}

/* The enterprise number a node is under, or -1. */
static long node_pen(const SmiNode *n)
{
    return n->oidlen > 6 && under(n, &enterprises_arc) ? (long)n->oid[6] : -1;
}

/* The IANA arc a node is under (outside enterprises and experimental,
 * which have rules of their own), or NULL. */
static const struct arc *iana_arc_of(const SmiNode *n)
{
    if (under(n, &enterprises_arc) || under(n, &experimental_arc))
        return NULL;
    for (size_t i = 0; i < N_IANA_ARCS; i++)
        if (under(n, &iana_arcs[i]))
            return &iana_arcs[i];
    return NULL;
}

static char *oid_text(const SmiSubid *oid, size_t len)
{
    struct buf b = {0};
    buf_printf(&b, "%s", "");
    for (size_t i = 0; i < len; i++)
        buf_printf(&b, "%s%u", i ? "." : "", (unsigned)oid[i]);
    return b.data;
}

/* White space of a multi-line clause folded to single spaces. */
static char *squash(const char *s)
{
    struct buf b = {0};
    buf_printf(&b, "%s", "");
    for (const char *p = s ? s : ""; *p; p++) {
        if (isspace((unsigned char)*p)) {
            if (b.len && b.data[b.len - 1] != ' ')
                buf_append(&b, " ", 1);
        } else {
            buf_append(&b, p, 1);
        }
    }
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    return b.data;
}

/* The nearest ancestor with a name: SMIv1 traps sit on an unnamed x.0. */
static SmiNode *named_parent(SmiNode *n)
{
    SmiNode *p = smiGetParentNode(n);
    while (p && (!p->name || !*p->name))
        p = smiGetParentNode(p);
    return p;
}

static int same_module(SmiModule *m, const char *name)
{
    return m && m->name && !strcmp(m->name, name);
}

/* Is n one of the module's registrations (see the top of the file)? */
static int is_registration(struct check_ctx *ctx, SmiNode *n)
{
    if (!n->name || !n->oidlen)
        return 0;
    SmiNode *p = named_parent(n);
    return !p || !same_module(smiGetNodeModule(p), ctx->module->name);
}

/* "mib-2 OBJECT IDENTIFIER ::= { mgmt 1 }" or a restated "system" in an
 * SMIv1 module names a node someone else owns; it registers nothing. */
static int is_restated(struct check_ctx *ctx, SmiNode *n)
{
    if (n->decl != SMI_DECL_VALUEASSIGNMENT)
        return 0;
    if (n->oidlen <= 4 || is_arc(n, &enterprises_arc) || is_arc(n, &experimental_arc))
        return 1;
    for (size_t i = 0; i < N_IANA_ARCS; i++)
        if (is_arc(n, &iana_arcs[i]))
            return 1;
    size_t nd = 0;
    const struct ref_def *d = ctx->cfg->reference
                                  ? reference_defs(ctx->cfg->reference, n->name, &nd)
                                  : NULL;
    for (size_t i = 0; i < nd; i++)
        if (d[i].kind == REF_VALUE && d[i].subid == (long)n->oid[n->oidlen - 1])
            return 1;
    return 0;
}

/* The module's registrations in turn, restated nodes left out: start
 * with NULL. */
static SmiNode *next_registration(struct check_ctx *ctx, SmiNode *n)
{
    for (n = n ? smiGetNextNode(n, SMI_NODEKIND_ANY)
               : smiGetFirstNode(ctx->module, SMI_NODEKIND_ANY);
         n; n = smiGetNextNode(n, SMI_NODEKIND_ANY))
        if (is_registration(ctx, n) && !is_restated(ctx, n))
            return n;
    return NULL;
}

#define FOR_EACH_REGISTRATION(ctx, n) \
    for (SmiNode *n = next_registration(ctx, NULL); n; n = next_registration(ctx, n))

static int has_word(const char *hay, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = hay; *p; p++) {
        if (strncasecmp(p, word, n))
            continue;
        int before = p == hay || !isalnum((unsigned char)p[-1]);
        int after = !isalnum((unsigned char)p[n]);
        if (before && after)
            return 1;
    }
    return 0;
}

static int names_internet_body(const char *org)
{
    static const char *const bodies[] = {
        "IETF", "IRTF", "IAB", "IANA", "Internet Engineering Task Force",
        "Internet Research Task Force", "Internet Architecture Board",
        "Internet Assigned Numbers Authority", NULL};
    for (size_t i = 0; bodies[i]; i++)
        if (has_word(org, bodies[i]))
            return 1;
    return 0;
}

/* The module's own enterprise number: that of its MODULE-IDENTITY; without
 * one (SMIv1), the first enterprise node it defines itself, else the enterprise
 * most of its registrations share (the lowest on a tie).  -1 if none. */
static long own_pen(struct check_ctx *ctx)
{
    SmiNode *id = smiGetModuleIdentityNode(ctx->module);
    if (id)
        return node_pen(id);
    long best = -1, first_own = -1;
    int first_line = 0;
    size_t best_n = 0;
    long *pens = NULL;
    size_t n = 0;
    FOR_EACH_REGISTRATION(ctx, x) {
        long pen = node_pen(x);
        if (pen < 0)
            continue;
        /* libsmi walks in OID order; "first" means first in the text */
        if (x->oidlen == 7 && (first_own < 0 || smiGetNodeLine(x) < first_line)) {
            first_own = pen;
            first_line = smiGetNodeLine(x);
        }
        pens = xrealloc(pens, (n + 1) * sizeof *pens);
        pens[n++] = pen;
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        for (size_t j = 0; j < n; j++)
            c += pens[j] == pens[i];
        if (c > best_n || (c == best_n && pens[i] < best)) {
            best = pens[i];
            best_n = c;
        }
    }
    free(pens);
    return first_own >= 0 ? first_own : best;
}

/* Standard modules, IETF work and modules that say they come from the
 * IETF (or its siblings) may use the IANA arcs.  Without an ORGANIZATION
 * (SMIv1), a module is IETF work when it has no enterprise arc. */
static int is_ietf(struct check_ctx *ctx)
{
    if (ctx->cfg->reference && reference_module(ctx->cfg->reference, ctx->module->name))
        return 1;
    const char *org = ctx->module->organization;
    if (org && *org)
        return names_internet_body(org);
    return own_pen(ctx) < 0;
}

/* The node of a standard module that n is registered under, when that
 * node is not a registration arc meant for everyone (mib-2, enterprises,
 * ...); tables, rows and columns (variation-column-injected's) only when
 * with_tables. */
static SmiNode *standard_parent(struct check_ctx *ctx, SmiNode *n, int with_tables)
{
    const struct reference_set *rs = ctx->cfg->reference;
    SmiNode *p = named_parent(n);
    if (!rs || !p || p->oidlen <= 4 || under(p, &enterprises_arc) ||
        is_arc(p, &experimental_arc) ||
        (!with_tables &&
         (p->nodekind & (SMI_NODEKIND_TABLE | SMI_NODEKIND_ROW | SMI_NODEKIND_COLUMN))))
        return NULL;
    for (size_t i = 0; i < N_IANA_ARCS; i++)
        if (is_arc(p, &iana_arcs[i]))
            return NULL;
    SmiModule *pm = smiGetNodeModule(p);
    if (!pm || !pm->name || same_module(pm, ctx->module->name) ||
        !reference_module(rs, pm->name))
        return NULL;
    return p;
}

static void check_foreign_arc(struct check_ctx *ctx)
{
    if (is_ietf(ctx))
        return;
    long own = own_pen(ctx);
    FOR_EACH_REGISTRATION(ctx, n) {
        char *oid = oid_text(n->oid, n->oidlen);
        const struct arc *arc = iana_arc_of(n);
        long pen = node_pen(n);
        /* inside a standard module, oid-standard-subtree or
         * variation-column-injected says it more precisely */
        if (arc && !standard_parent(ctx, n, 1)) {
            char *arc_oid = oid_text(arc->oid, arc->len);
            char *home = own >= 0 ? xasprintf("the module's own enterprise arc "
                                              "(1.3.6.1.4.1.%ld)", own)
                                  : xstrdup("your organisation's enterprise arc");
            report_finding(ctx, RULE_oid_foreign_arc, smiGetNodeLine(n), n->name,
                           "%s (%s) is registered under %s (%s), an arc the IANA "
                           "assigns for IETF standards; %s is not an IETF module: "
                           "register it under %s",
                           n->name, oid, arc->name, arc_oid, ctx->module->name, home);
            free(home);
            free(arc_oid);
        } else if (pen >= 0 && own >= 0 && pen != own && n->oidlen > 7) {
            /* deeper than enterprises.N: hung into another's tree (a node
             * of its own directly under enterprises is a second number of
             * the module's own: oid-enterprise-inconsistent) */
            SmiNode *p = named_parent(n);
            report_finding(ctx, RULE_oid_foreign_arc, smiGetNodeLine(n), n->name,
                           "%s (%s) is registered under enterprise %ld (below %s), "
                           "but the module's own enterprise number is %ld: only "
                           "the owner of %ld assigns OIDs below it; move it under "
                           "1.3.6.1.4.1.%ld",
                           n->name, oid, pen, p && p->name ? p->name : "?", own,
                           pen, own);
        }
        free(oid);
    }
}

static void check_standard_subtree(struct check_ctx *ctx)
{
    if (!ctx->cfg->reference || is_ietf(ctx))
        return;
    FOR_EACH_REGISTRATION(ctx, n) {
        SmiNode *p = standard_parent(ctx, n, 0);
        if (!p)
            continue;
        char *oid = oid_text(n->oid, n->oidlen);
        report_finding(ctx, RULE_oid_standard_subtree, smiGetNodeLine(n), n->name,
                       "%s (%s) is registered under %s, a node of the standard "
                       "%s: only that module's authors assign OIDs in its "
                       "subtree; register it under your own enterprise arc",
                       n->name, oid, p->name, smiGetNodeModule(p)->name);
        free(oid);
    }
}

static int is_current(SmiStatus s)
{
    return s == SMI_STATUS_CURRENT || s == SMI_STATUS_MANDATORY;
}

static void check_experimental(struct check_ctx *ctx)
{
    FOR_EACH_REGISTRATION(ctx, n) {
        if (!under(n, &experimental_arc) || n->oidlen <= experimental_arc.len)
            continue;
        size_t current = 0;
        for (SmiNode *x = smiGetFirstNode(ctx->module, SMI_NODEKIND_ANY); x;
             x = smiGetNextNode(x, SMI_NODEKIND_ANY))
            current += is_current(x->status) &&
                       oid_has_prefix(x->oid, x->oidlen, n->oid, n->oidlen);
        if (!current)
            continue;
        char *oid = oid_text(n->oid, n->oidlen);
        report_finding(ctx, RULE_oid_experimental, smiGetNodeLine(n), n->name,
                       "%s (%s) is under experimental, yet %zu definition%s below "
                       "it %s current: experimental OIDs are temporary and lent "
                       "for Internet experiments; move finished work under "
                       "mib-2 (IETF) or your enterprise arc",
                       n->name, oid, current, current == 1 ? "" : "s",
                       current == 1 ? "is" : "are");
        free(oid);
    }
}

static void check_enterprise_inconsistent(struct check_ctx *ctx)
{
    long own = own_pen(ctx);
    if (own < 0)
        return;
    SmiNode *id = smiGetModuleIdentityNode(ctx->module);
    const char *org = ctx->module->organization;
    if (ctx->facts && id && org && *org && !is_ietf(ctx) &&
        config_rule_enabled(ctx->cfg, "oid-enterprise-inconsistent"))
        oid_facts_add_owner(ctx->facts, ctx->module->name, org, ctx->file,
                            smiGetNodeLine(id), own);
    /* nodes the module itself places directly under enterprises claim
     * those numbers as its own: more than one is one module over several */
    FOR_EACH_REGISTRATION(ctx, n) {
        long pen = node_pen(n);
        if (n->oidlen != 7 || pen < 0 || pen == own)
            continue;
        report_finding(ctx, RULE_oid_enterprise_inconsistent, smiGetNodeLine(n),
                       n->name,
                       "%s claims enterprise %ld for %s, but the module's own "
                       "enterprise number is %ld: keep one module under one "
                       "enterprise number",
                       ctx->module->name, pen, n->name, own);
    }
}

static void check_documentation_pen(struct check_ctx *ctx)
{
    FOR_EACH_REGISTRATION(ctx, n) {
        if (node_pen(n) != PEN_DOCUMENTATION)
            continue;
        char *oid = oid_text(n->oid, n->oidlen);
        report_finding(ctx, RULE_oid_documentation_pen, smiGetNodeLine(n), n->name,
                       "%s (%s) is under enterprise 32473, which RFC 5612 "
                       "reserves for documentation and examples: a shipped "
                       "module needs an enterprise number of its own",
                       n->name, oid);
        free(oid);
    }
}

/* Enterprise numbers of the module's registrations, each with the first
 * registration under it; the documentation number is left out. */
static size_t registration_pens(struct check_ctx *ctx, long **pens, SmiNode ***first)
{
    size_t n = 0;
    *pens = NULL;
    *first = NULL;
    FOR_EACH_REGISTRATION(ctx, x) {
        long pen = node_pen(x);
        if (pen < 0 || pen == PEN_DOCUMENTATION)
            continue;
        size_t i = 0;
        while (i < n && (*pens)[i] != pen)
            i++;
        if (i < n)
            continue;
        *pens = xrealloc(*pens, (n + 1) * sizeof **pens);
        *first = xrealloc(*first, (n + 1) * sizeof **first);
        (*pens)[n] = pen;
        (*first)[n++] = x;
    }
    return n;
}

static void check_pen_unassigned(struct check_ctx *ctx)
{
    const struct pen_registry *reg = ctx->cfg->pen_registry;
    if (!reg)
        return;
    long *pens;
    SmiNode **first;
    size_t n = registration_pens(ctx, &pens, &first);
    for (size_t i = 0; i < n; i++) {
        if (pen_registry_find(reg, pens[i]))
            continue;
        report_finding(ctx, RULE_oid_pen_unassigned, smiGetNodeLine(first[i]),
                       first[i]->name,
                       "enterprise number %ld (used by %s) is not in the "
                       "registry %s: use the number the IANA assigned to your "
                       "organisation, or request one",
                       pens[i], first[i]->name, ctx->cfg->pen_registry_path);
    }
    free(pens);
    free(first);
}

static void check_pen_owner_mismatch(struct check_ctx *ctx)
{
    const struct pen_registry *reg = ctx->cfg->pen_registry;
    const char *org = ctx->module->organization;
    SmiNode *id = smiGetModuleIdentityNode(ctx->module);
    long own = own_pen(ctx);
    if (!reg || !org || !*org || !id || own < 0 || own == PEN_DOCUMENTATION)
        return;
    const struct pen_entry *e = pen_registry_find(reg, own);
    if (!e || org_similar(e->organization, org))
        return;
    char *o = squash(org);
    report_finding(ctx, RULE_oid_pen_owner_mismatch, smiGetNodeLine(id), id->name,
                   "enterprise number %ld is registered to \"%s\", which shares "
                   "no name with the ORGANIZATION \"%s\": use your own "
                   "organisation's number, or correct ORGANIZATION",
                   own, e->organization, o);
    free(o);
}

/* Not a rule of its own: every named definition becomes a fact for
 * oid-collision, decided in the parent once all files are checked. */
static void collect_definitions(struct check_ctx *ctx)
{
    if (!ctx->facts || !config_rule_enabled(ctx->cfg, "oid-collision"))
        return;
    for (SmiNode *n = smiGetFirstNode(ctx->module, SMI_NODEKIND_ANY); n;
         n = smiGetNextNode(n, SMI_NODEKIND_ANY)) {
        if (!n->name || !n->oidlen)
            continue;
        char *oid = oid_text(n->oid, n->oidlen);
        enum oid_def_kind kind =
            n->decl == SMI_DECL_VALUEASSIGNMENT || n->decl == SMI_DECL_OBJECTIDENTITY
                ? OID_DEF_NODE
            : n->decl == SMI_DECL_MODULEIDENTITY ? OID_DEF_IDENTITY
                                                 : OID_DEF_OBJECT;
        oid_facts_add_def(ctx->facts, oid, ctx->module->name, n->name, ctx->file,
                          smiGetNodeLine(n), kind);
        free(oid);
    }
}

/* ---- in the parent, over the whole run ---- */

/* Numeric order of dotted OIDs, then place. */
static int oid_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        unsigned long x = strtoul(a, (char **)&a, 10), y = strtoul(b, (char **)&b, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a == '.')
            a++;
        if (*b == '.')
            b++;
    }
    return (*a != '\0') - (*b != '\0');
}

static int def_cmp(const void *pa, const void *pb)
{
    const struct oid_def *a = *(const struct oid_def *const *)pa;
    const struct oid_def *b = *(const struct oid_def *const *)pb;
    int c = oid_cmp(a->oid, b->oid);
    if (!c)
        c = strcmp(a->file, b->file);
    if (!c)
        c = (a->line > b->line) - (a->line < b->line);
    if (!c)
        c = strcmp(a->descriptor, b->descriptor);
    return c;
}

/* Two names of one node (value assignments, OBJECT-IDENTITY, a
 * MODULE-IDENTITY placed where another module named its arc), one
 * descriptor restated, and versions of one module are not collisions; two
 * modules that claim one arc with their MODULE-IDENTITY are. */
static int collide(const struct oid_def *a, const struct oid_def *b)
{
    return strcmp(a->module, b->module) && strcmp(a->descriptor, b->descriptor) &&
           (a->kind == OID_DEF_OBJECT || b->kind == OID_DEF_OBJECT ||
            (a->kind == OID_DEF_IDENTITY && b->kind == OID_DEF_IDENTITY));
}

/* Is a a proper prefix of b, as dotted OIDs? */
static int oid_is_prefix(const char *a, const char *b)
{
    size_t n = strlen(a);
    return !strncmp(a, b, n) && b[n] == '.';
}

/* One definition colliding with one of another module. */
struct clash {
    const struct oid_def *def, *other;
    size_t below;   /* collisions with that module folded into this one */
    int kept;
};

static int clash_by_modules(const void *pa, const void *pb)
{
    const struct clash *a = pa, *b = pb;
    int c = strcmp(a->def->module, b->def->module);
    if (!c)
        c = strcmp(a->other->module, b->other->module);
    if (!c)
        c = strcmp(a->def->file, b->def->file);
    if (!c)
        c = strcmp(a->other->file, b->other->file);
    if (!c)
        c = def_cmp(&a->def, &b->def);
    if (!c)
        c = def_cmp(&a->other, &b->other);
    return c;
}

static int clash_by_def(const void *pa, const void *pb)
{
    const struct clash *a = pa, *b = pb;
    int c = def_cmp(&a->def, &b->def);
    if (!c)
        c = (a->def > b->def) - (a->def < b->def);
    if (!c)
        c = def_cmp(&a->other, &b->other);
    return c;
}

/* When two modules share a whole subtree (a copied module renamed, a
 * placeholder number used twice), each side gets one finding at the top
 * of the shared subtree, with the number of collisions below it. */
static void fold_subtrees(struct clash *c, size_t n)
{
    /* qsort on a NULL array is undefined even for n == 0 (UBSan) */
    if (n > 1)
        qsort(c, n, sizeof *c, clash_by_modules);
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && !strcmp(c[lo].def->module, c[hi].def->module) &&
                          !strcmp(c[lo].other->module, c[hi].other->module) &&
                          !strcmp(c[lo].def->file, c[hi].def->file) &&
                          !strcmp(c[lo].other->file, c[hi].other->file);
             hi++)
            ;
        for (size_t i = lo; i < hi; i++) {
            c[i].kept = 1;
            for (size_t k = lo; k < i && c[i].kept; k++)
                if (c[k].kept && oid_is_prefix(c[k].def->oid, c[i].def->oid)) {
                    c[k].below++;
                    c[i].kept = 0;
                }
        }
    }
}

static void report_collisions(struct oid_facts *facts, struct finding_list *out)
{
    const struct rule_info *ri = rule_info(RULE_oid_collision);
    struct oid_def **v = xcalloc(facts->n_defs ? facts->n_defs : 1, sizeof *v);
    for (size_t i = 0; i < facts->n_defs; i++)
        v[i] = &facts->defs[i];
    qsort(v, facts->n_defs, sizeof *v, def_cmp);
    struct clash *c = NULL;
    size_t n = 0, cap = 0;
    for (size_t lo = 0, hi; lo < facts->n_defs; lo = hi) {
        for (hi = lo + 1; hi < facts->n_defs && !oid_cmp(v[lo]->oid, v[hi]->oid); hi++)
            ;
        for (size_t i = lo; i < hi; i++)
            for (size_t j = lo; j < hi; j++) {
                if (j == i || !collide(v[i], v[j]))
                    continue;
                if (n == cap) {
                    cap = cap ? 2 * cap : 64;
                    c = xrealloc(c, cap * sizeof *c);
                }
                c[n++] = (struct clash){v[i], v[j], 0, 0};
            }
    }
    fold_subtrees(c, n);
    if (n > 1)
        qsort(c, n, sizeof *c, clash_by_def);
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && c[hi].def == c[lo].def; hi++)
            ;
        const struct oid_def *d = c[lo].def, *other = NULL;
        size_t others = 0, below = 0;
        for (size_t i = lo; i < hi; i++)
            if (c[i].kept) {
                if (!others++)
                    other = c[i].other;
                below += c[i].below;
            }
        if (!others)
            continue;
        char *more = below ? xasprintf(" (and %zu more collision%s in the "
                                       "subtree below)", below, below == 1 ? "" : "s")
                           : xstrdup("");
        struct finding *f = finding_add(
            out, ri->id, ri->severity, d->file, d->line, d->module, d->descriptor,
            "%s (%s) has the OID of %s in %s%s%s: a manager can only decode one "
            "of them; give one of the two another OID",
            d->descriptor, d->oid, other->descriptor, other->module,
            others > 1 ? " and of other definitions" : "", more);
        free(more);
        for (size_t i = lo; i < hi; i++) {
            if (!c[i].kept)
                continue;
            char *msg = xasprintf("%s in %s is defined on %s here",
                                  c[i].other->descriptor, c[i].other->module,
                                  c[i].other->oid);
            finding_add_note(f, c[i].other->file, c[i].other->line, NULL, msg);
            free(msg);
        }
    }
    free(c);
    free(v);
}

static int owner_cmp(const void *pa, const void *pb)
{
    const struct oid_owner *a = pa, *b = pb;
    int c = strcmp(a->organization, b->organization);
    if (!c)
        c = strcmp(a->module, b->module);
    if (!c)
        c = strcmp(a->file, b->file);
    return c;
}

/* Modules whose ORGANIZATION names one body but whose own enterprise
 * numbers differ: the ones off the organisation's usual number are
 * reported, each pointing to a module on it. */
static void report_organisations(struct oid_facts *facts, struct finding_list *out)
{
    const struct rule_info *ri = rule_info(RULE_oid_enterprise_inconsistent);
    size_t n = facts->n_owners;
    /* the organisation is compared by its significant words */
    for (size_t i = 0; i < n; i++) {
        char *k = org_key(facts->owners[i].organization);
        free(facts->owners[i].organization);
        facts->owners[i].organization = k;
    }
    if (n > 1)
        qsort(facts->owners, n, sizeof *facts->owners, owner_cmp);
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        struct oid_owner *g = &facts->owners[lo];
        for (hi = lo + 1; hi < n && !strcmp(g->organization, facts->owners[hi].organization); hi++)
            ;
        if (!*g->organization)
            continue;
        /* the usual number: the one most modules use, the lowest on a tie */
        long usual = -1;
        size_t usual_n = 0;
        for (size_t i = lo; i < hi; i++) {
            size_t c = 0;
            for (size_t j = lo; j < hi; j++)
                c += facts->owners[j].pen == facts->owners[i].pen;
            if (c > usual_n || (c == usual_n && facts->owners[i].pen < usual)) {
                usual = facts->owners[i].pen;
                usual_n = c;
            }
        }
        const struct oid_owner *example = NULL;
        for (size_t i = lo; i < hi && !example; i++)
            if (facts->owners[i].pen == usual)
                example = &facts->owners[i];
        /* one finding per other number, at its first module */
        for (size_t i = lo; i < hi; i++) {
            const struct oid_owner *o = &facts->owners[i];
            size_t same = 0, earlier = 0;
            for (size_t j = lo; j < hi; j++)
                if (facts->owners[j].pen == o->pen) {
                    same++;
                    earlier += j < i;
                }
            if (o->pen == usual || earlier || !strcmp(o->module, example->module))
                continue;
            char *others = same > 1 ? xasprintf(" (with %zu other module%s of it)",
                                                same - 1, same == 2 ? "" : "s")
                                    : xstrdup("");
            struct finding *f = finding_add(
                out, ri->id, ri->severity, o->file, o->line, o->module, NULL,
                "%s is under enterprise %ld%s, but %zu module%s of the same "
                "organisation (%s among them) %s under enterprise %ld: keep one "
                "organisation's modules under one enterprise number",
                o->module, o->pen, others, usual_n, usual_n == 1 ? "" : "s",
                example->module, usual_n == 1 ? "is" : "are", usual);
            free(others);
            finding_add_note(f, example->file, example->line, NULL,
                             "a module of the same organisation under the usual number");
        }
    }
}

void oid_batch_rules(struct oid_facts *facts, struct finding_list *out)
{
    report_collisions(facts, out);
    report_organisations(facts, out);
}

static const check_fn checks[] = {check_foreign_arc,
                                  check_standard_subtree,
                                  check_experimental,
                                  check_enterprise_inconsistent,
                                  check_documentation_pen,
                                  check_pen_unassigned,
                                  check_pen_owner_mismatch,
                                  collect_definitions,
                                  NULL};

static const struct rule_doc docs[] = {
    {"oid-foreign-arc",
     "Looks at where a module hangs its definitions into trees it does not "
     "define itself.  A module that is not IETF work (not in the reference "
     "set, its ORGANIZATION names neither the IETF, IRTF, IAB nor IANA, or, "
     "without an ORGANIZATION, it has an enterprise arc) is reported for "
     "each registration under mib-2, transmission, mgmt, snmpModules or "
     "another IANA arc of internet.  Any module with an enterprise number "
     "of its own (its MODULE-IDENTITY's, or for SMIv1 the one its "
     "definitions share) is reported for each registration below another "
     "enterprise's node, naming both numbers.  Restated value assignments "
     "of existing nodes (\"mib-2 OBJECT IDENTIFIER ::= { mgmt 1 }\") are "
     "not registrations, and a registration inside a standard module's "
     "subtree is left to oid-standard-subtree or variation-column-injected.",
     "The IANA assigns mib-2 and its siblings to IETF standards and an "
     "enterprise arc to one organisation (RFC 2578 sections 3.1 and 4; RFC "
     "4181 section 4.5).  A vendor object in mib-2 will one day share its "
     "OID with a standard object, and one below another vendor's arc with "
     "that vendor's; managers then decode one of them wrongly.",
     "ACME-MIB DEFINITIONS ::= BEGIN\n"
     "acmeMIB MODULE-IDENTITY\n"
     "    ...\n"
     "    ORGANIZATION \"Acme Networks\"\n"
     "    ...\n"
     "    ::= { mib-2 9999 }",
     "acmeMIB MODULE-IDENTITY\n"
     "    ...\n"
     "    ORGANIZATION \"Acme Networks\"\n"
     "    ...\n"
     "    ::= { enterprises 99999 }     -- Acme's own number",
     "Register the definitions under your own enterprise arc; for an IETF "
     "standard, have the IANA assign the number through the document."},
    {"oid-standard-subtree",
     "Reports a registration of a non-IETF module directly below a node "
     "that a standard module (one of the reference set: --reference DIR "
     "and the system MIB directories) defines, such as system, ifMIB or "
     "snmpMIBObjects.  Nodes meant for registrations (mib-2, transmission, "
     "enterprises, ...) are left to oid-foreign-arc, and tables, rows and "
     "columns to variation-column-injected, so that one definition gets one "
     "finding.",
     "Only the authors of a standard module assign OIDs inside its subtree "
     "(RFC 2578 section 3.1); the next revision of the standard may use the "
     "same number for something else (RFC 4775 section 2).",
     "acmeSysExtra OBJECT-TYPE\n"
     "    SYNTAX      DisplayString\n"
     "    ...\n"
     "    ::= { system 99 }",
     "acmeSysExtra OBJECT-TYPE\n"
     "    SYNTAX      DisplayString\n"
     "    ...\n"
     "    ::= { acmeSystem 1 }     -- below Acme's enterprise arc",
     "Move the definition under your own enterprise arc."},
    {"oid-experimental",
     "Reports each registration of a module under experimental "
     "(1.3.6.1.3) when definitions below it have STATUS current (or "
     "mandatory in SMIv1), with their count.",
     "The experimental arc is lent by the IANA for Internet experiments "
     "(RFC 1155 section 3.1.3); what is finished and current belongs under "
     "mib-2 after standardisation, or under an enterprise arc.  Objects "
     "left in experimental move later, and managers lose them.",
     "acmeTest OBJECT IDENTIFIER ::= { experimental 9999 }\n"
     "acmeTestCount OBJECT-TYPE\n"
     "    ...\n"
     "    STATUS current\n"
     "    ::= { acmeTest 1 }",
     "acmeTest OBJECT IDENTIFIER ::= { acmeExperiments 1 }  -- enterprise arc",
     "Move the definitions under your enterprise arc, or mark them obsolete "
     "when the experiment is over."},
    {"oid-collision",
     "Collects every named definition of every input module of the run and "
     "reports each definition that shares its OID with a definition of "
     "another module under another descriptor, pointing to the other.  A "
     "collision involves an object, notification, group, compliance or "
     "capabilities statement, or two MODULE-IDENTITY statements (two "
     "modules claiming one arc); two names for one node (value "
     "assignments, OBJECT-IDENTITY, a MODULE-IDENTITY placed where a root "
     "module named its arc), one descriptor restated, and two versions of "
     "one module (the same module name) are not collisions.  When two "
     "modules share a whole subtree, each gets one finding at its top, "
     "with the number of collisions below.  An SMIv1 TRAP-TYPE's OID is its "
     "ENTERPRISE, 0, and its number.",
     "An OID names exactly one thing (RFC 2578 sections 3.1 and 4); when two "
     "modules put different objects on one OID, a manager that loads both "
     "shows one of them under the other's name and type.",
     "-- ACME-A-MIB\n"
     "acmeTemp OBJECT-TYPE ... ::= { acmeObjects 1 }\n"
     "-- ACME-B-MIB\n"
     "acmeFanSpeed OBJECT-TYPE ... ::= { acmeObjects 1 }",
     "-- ACME-B-MIB\n"
     "acmeFanSpeed OBJECT-TYPE ... ::= { acmeObjects 2 }",
     "Give the newer definition a number of its own; keep a registry of "
     "the numbers handed out below each arc."},
    {"oid-enterprise-inconsistent",
     "Reports a module that places nodes directly under more than one "
     "enterprise number (enterprises N and enterprises M), and, over the "
     "whole run, a module whose own enterprise number differs from the "
     "number most other modules with the same ORGANIZATION (compared by "
     "significant words) use, pointing to one of those.",
     "An organisation registers one enterprise number (RFC 2578 section 4); "
     "modules spread over several are usually a copied header or a "
     "misremembered number, and collide with the real owner's definitions.",
     "acme     OBJECT IDENTIFIER ::= { enterprises 99999 }\n"
     "acmeOld  OBJECT IDENTIFIER ::= { enterprises 99998 }",
     "acme     OBJECT IDENTIFIER ::= { enterprises 99999 }\n"
     "acmeOld  OBJECT IDENTIFIER ::= { acme 100 }",
     "Keep every module of the organisation under its one enterprise number."},
    {"oid-documentation-pen",
     "Reports each registration under enterprise 32473 "
     "(1.3.6.1.4.1.32473).",
     "RFC 5612 reserves 32473 for examples in documentation; every example "
     "uses it, so a shipped module under it collides with all of them.",
     "exampleMIB MODULE-IDENTITY ... ::= { enterprises 32473 1 }",
     "acmeMIB MODULE-IDENTITY ... ::= { enterprises 99999 1 }",
     "Request an enterprise number from the IANA and use it."},
    {"oid-pen-unassigned",
     "With --pen-registry FILE (IANA's enterprise-numbers file), reports "
     "each enterprise number that a module registers under and that the "
     "file does not list, at the first registration under it.",
     "An unassigned number may be given to someone else tomorrow "
     "(RFC 2578 section 4); a typo in the enterprise arc puts every object "
     "of the module into a stranger's space.",
     "acmeMIB MODULE-IDENTITY ... ::= { enterprises 4294967 1 }",
     "acmeMIB MODULE-IDENTITY ... ::= { enterprises 99999 1 }",
     "Correct the number, or request one from the IANA."},
    {"oid-pen-owner-mismatch",
     "With --pen-registry FILE, compares the registered owner of the "
     "module's own enterprise number (that of its MODULE-IDENTITY) with its "
     "ORGANIZATION, case-folded word by word with legal forms and filler "
     "words (Inc, Ltd, GmbH, Corporation, the, of, ...) ignored, and "
     "reports the module when they share no word.",
     "A module under another organisation's number is either a copied "
     "template or a squatter; its OIDs belong to the registered owner "
     "(RFC 2578 section 4).",
     "acmeMIB MODULE-IDENTITY\n"
     "    ...\n"
     "    ORGANIZATION \"Acme Networks\"\n"
     "    ...\n"
     "    ::= { enterprises 9 1 }   -- registered to someone else",
     "acmeMIB MODULE-IDENTITY\n"
     "    ...\n"
     "    ORGANIZATION \"Acme Networks\"\n"
     "    ...\n"
     "    ::= { enterprises 99999 1 }   -- registered to Acme Networks",
     "Use the number registered to your organisation, or correct ORGANIZATION "
     "(and the registry entry, with the IANA) if the name changed."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_oid = {"oid", checks, docs};
