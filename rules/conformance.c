/* The conformance family: whether a module says what an implementation
 * must support (RFC 2580 sections 3-6; RFC 4181 section 4.8).
 *
 * libsmi flattens MODULE-COMPLIANCE: the MANDATORY-GROUPS of all MODULE
 * clauses come as elements, GROUP clauses as options, OBJECT clauses as
 * refinements.  A compliance "covers" a module when one of its groups
 * belongs to that module.  libsmi sees the modules loaded with this
 * file (its own, the other modules of the file, its imports); a
 * compliance in a companion module of the run, which imports this one,
 * is found in that module's text. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checker/util.h"
#include "rules/check.h"

/* ---- helpers ---- */

static bool node_in(SmiNode *n, SmiModule *m)
{
    SmiModule *nm = n ? smiGetNodeModule(n) : NULL;
    return nm && nm->name && m->name && !strcmp(nm->name, m->name);
}

/* Every group the compliance statements of the loaded modules name,
 * mandatory or optional (with repeats).  Collected once per check: a
 * walk over libsmi's nodes costs the size of the whole tree, and asking
 * it again for every group made this family quadratic. */
struct named_groups {
    SmiNode **v;
    size_t len;
};

static void collect_group(struct named_groups *ng, SmiNode *g)
{
    ng->v = xrealloc(ng->v, (ng->len + 1) * sizeof *ng->v);
    ng->v[ng->len++] = g;
}

static void named_groups_collect(struct named_groups *ng)
{
    memset(ng, 0, sizeof *ng);
    for (SmiModule *m = smiGetFirstModule(); m; m = smiGetNextModule(m))
        for (SmiNode *c = smiGetFirstNode(m, SMI_NODEKIND_COMPLIANCE); c;
             c = smiGetNextNode(c, SMI_NODEKIND_COMPLIANCE)) {
            for (SmiElement *e = smiGetFirstElement(c); e; e = smiGetNextElement(e))
                collect_group(ng, smiGetElementNode(e));
            for (SmiOption *o = smiGetFirstOption(c); o; o = smiGetNextOption(o))
                collect_group(ng, smiGetOptionNode(o));
        }
}

static void named_groups_free(struct named_groups *ng)
{
    free(ng->v);
    memset(ng, 0, sizeof *ng);
}

static bool is_named(const struct named_groups *ng, SmiNode *g)
{
    for (size_t i = 0; i < ng->len; i++)
        if (ng->v[i] == g)
            return true;
    return false;
}

/* Does some compliance statement name a group of module m? */
static bool module_covered(const struct named_groups *ng, SmiModule *m)
{
    for (size_t i = 0; i < ng->len; i++)
        if (node_in(ng->v[i], m))
            return true;
    return false;
}

/* ---- compliance statements in companion modules of the run ---- */

static bool imports_module(const struct module_span *ms, const char *module)
{
    for (size_t i = 0; i < ms->n_imports; i++)
        if (!strcmp(ms->imports[i], module))
            return true;
    return false;
}

/* Mark covered[i] when names[i] follows "MODULE module" in the tokens (up
 * to the next MODULE clause or the end of the statement). */
static void mark_module_clauses(const struct token_list *tl, const char *module,
                                const char *const *names, size_t n, bool *covered)
{
    for (size_t i = 0; i + 1 < tl->len; i++) {
        if (!tok_is(&tl->v[i], "MODULE") || !tok_is(&tl->v[i + 1], module))
            continue;
        for (size_t j = i + 2; j < tl->len && tl->v[j].kind != TOK_ASSIGN &&
                               !tok_is(&tl->v[j], "MODULE"); j++)
            for (size_t k = 0; k < n; k++)
                if (tl->v[j].kind == TOK_WORD && tok_is(&tl->v[j], names[k]))
                    covered[k] = true;
    }
}

/* Which of the groups names[] of module does a compliance statement of
 * another input of the run name?  Such a companion module imports from
 * the module and names it in a MODULE clause (libsmi loads only a file's
 * imports, so it cannot see them). */
static void companion_cover(const struct check_ctx *ctx, const char *module,
                            const char *const *names, size_t n, bool *covered)
{
    const struct source_set *ss = ctx->sources;
    for (size_t i = 0; ss && i < ss->len; i++) {
        const struct source *s = &ss->v[i];
        bool candidate = false;
        for (size_t m = 0; m < s->n_mods && !candidate; m++)
            candidate = imports_module(&s->mods[m], module);
        if (!candidate || !strcmp(s->path, ctx->file))
            continue;
        size_t len = 0;
        int too_large = 0;
        char *text = read_file(source_load_path(s), ctx->cfg->max_file_size, &len,
                               &too_large);
        if (!text)
            continue;
        struct token_list tl = {0};
        lex_mib(text, len, &tl);
        mark_module_clauses(&tl, module, names, n, covered);
        token_list_free(&tl);
        free(text);
    }
}

/* The current groups of m that no loaded compliance statement names; the
 * caller frees the array (not the names). */
static size_t unnamed_groups(const struct named_groups *ng, SmiModule *m,
                             const char ***out)
{
    size_t n = 0;
    const char **v = NULL;
    for (SmiNode *g = smiGetFirstNode(m, SMI_NODEKIND_GROUP); g;
         g = smiGetNextNode(g, SMI_NODEKIND_GROUP)) {
        if (!g->name || g->status != SMI_STATUS_CURRENT || is_named(ng, g))
            continue;
        v = xrealloc(v, (n + 1) * sizeof *v);
        v[n++] = g->name;
    }
    *out = v;
    return n;
}

static SmiNode *first_named(SmiModule *m, SmiNodekind kind)
{
    SmiNode *n = smiGetFirstNode(m, kind);
    while (n && !n->name)
        n = smiGetNextNode(n, kind);
    return n;
}

/* The first object or notification that belongs in a group: an accessible
 * scalar or column, or a notification. */
static SmiNode *first_member(SmiModule *m)
{
    for (SmiNode *n = smiGetFirstNode(m, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN |
                                             SMI_NODEKIND_NOTIFICATION);
         n; n = smiGetNextNode(n, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN |
                                      SMI_NODEKIND_NOTIFICATION))
        if (n->name && (n->nodekind == SMI_NODEKIND_NOTIFICATION ||
                        n->access > SMI_ACCESS_NOT_ACCESSIBLE))
            return n;
    return NULL;
}

static int module_line(struct check_ctx *ctx, SmiNode *ident)
{
    if (ident)
        return smiGetNodeLine(ident);
    return ctx->span ? ctx->span->line : 0;
}

/* ---- compliance-missing ---- */

/* Does a companion module of the run name any current group of m? */
static bool companion_covers_any(const struct check_ctx *ctx,
                                 const struct named_groups *ng, SmiModule *m)
{
    const char **names;
    size_t n = unnamed_groups(ng, m, &names);
    bool *covered = xcalloc(n ? n : 1, sizeof *covered);
    companion_cover(ctx, m->name, names, n, covered);
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any = any || covered[i];
    free(covered);
    free(names);
    return any;
}

static void check_compliance_missing(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    /* SMIv1 has no conformance macros; module-smiv1 says so */
    if (m->language != SMI_LANGUAGE_SMIV2)
        return;
    SmiNode *what = first_member(m);
    if (!what)
        return;
    bool has_groups = first_named(m, SMI_NODEKIND_GROUP) != NULL;
    if (has_groups) {
        struct named_groups ng;
        named_groups_collect(&ng);
        bool covered = module_covered(&ng, m) || companion_covers_any(ctx, &ng, m);
        named_groups_free(&ng);
        if (covered)
            return;
    }
    SmiNode *ident = smiGetModuleIdentityNode(m);
    int line = module_line(ctx, ident);
    const char *id = ident ? ident->name : NULL;
    if (has_groups)
        report_finding(ctx, RULE_compliance_missing, line, id,
                       "module `%s' has conformance groups but no "
                       "MODULE-COMPLIANCE names them: add a MODULE-COMPLIANCE "
                       "listing the mandatory groups in MANDATORY-GROUPS and "
                       "the optional ones in GROUP clauses (RFC 2580 section 5)",
                       m->name);
    else if (first_named(m, SMI_NODEKIND_COMPLIANCE))
        report_finding(ctx, RULE_compliance_missing, line, id,
                       "module `%s' defines objects or notifications (`%s', "
                       "...) but no OBJECT-GROUP or NOTIFICATION-GROUP, so its "
                       "compliance statements cannot name them: collect them "
                       "in groups and list those in the MODULE-COMPLIANCE",
                       m->name, what->name);
    else
        report_finding(ctx, RULE_compliance_missing, line, id,
                       "module `%s' defines objects or notifications (`%s', "
                       "...) but no conformance groups and no "
                       "MODULE-COMPLIANCE: collect them in OBJECT-GROUPs and "
                       "NOTIFICATION-GROUPs and add a MODULE-COMPLIANCE that "
                       "names the groups an implementation must support "
                       "(RFC 2580 section 5)",
                       m->name, what->name);
}

/* ---- compliance-incomplete ---- */

static void check_compliance_incomplete(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (m->language != SMI_LANGUAGE_SMIV2)
        return;
    struct named_groups ng;
    named_groups_collect(&ng);
    /* without any compliance for the module, compliance-missing speaks */
    if (!module_covered(&ng, m)) {
        named_groups_free(&ng);
        return;
    }
    const char **names;
    size_t n = unnamed_groups(&ng, m, &names);
    named_groups_free(&ng);
    bool *covered = xcalloc(n ? n : 1, sizeof *covered);
    if (n)
        companion_cover(ctx, m->name, names, n, covered);
    for (size_t i = 0; i < n; i++) {
        if (covered[i])
            continue;
        SmiNode *g = smiGetNode(m, names[i]);
        report_finding(ctx, RULE_compliance_incomplete, g ? smiGetNodeLine(g) : 0,
                       names[i],
                       "current group `%s' is named in no compliance statement, "
                       "so nobody can tell whether implementations must support "
                       "it: add it to MANDATORY-GROUPS, or to a GROUP clause "
                       "whose DESCRIPTION says when it applies",
                       names[i]);
    }
    free(covered);
    free(names);
}

/* ---- compliance-min-access-exceeds ---- */

/* The access values MIN-ACCESS and MAX-ACCESS compare on (smi.h orders
 * them), by keyword. */
static const char *const access_kw[] = {
    [SMI_ACCESS_NOT_ACCESSIBLE] = "not-accessible",
    [SMI_ACCESS_NOTIFY] = "accessible-for-notify",
    [SMI_ACCESS_READ_ONLY] = "read-only",
    [SMI_ACCESS_READ_WRITE] = "read-write",
};

static bool comparable(SmiAccess a)
{
    return a >= SMI_ACCESS_NOT_ACCESSIBLE && a <= SMI_ACCESS_READ_WRITE;
}

static void check_min_access_exceeds(struct check_ctx *ctx)
{
    for (SmiNode *c = smiGetFirstNode(ctx->module, SMI_NODEKIND_COMPLIANCE); c;
         c = smiGetNextNode(c, SMI_NODEKIND_COMPLIANCE)) {
        for (SmiRefinement *r = smiGetFirstRefinement(c); r;
             r = smiGetNextRefinement(r)) {
            SmiNode *n = smiGetRefinementNode(r);
            if (!n || !n->name || !comparable(r->access) || !comparable(n->access) ||
                r->access <= n->access)
                continue;
            int line = smiGetRefinementLine(r);
            report_finding(ctx, RULE_compliance_min_access_exceeds,
                           line ? line : smiGetNodeLine(c), n->name,
                           "compliance `%s' gives `%s' MIN-ACCESS %s, more than "
                           "its MAX-ACCESS %s; MIN-ACCESS can only lower the "
                           "access an implementation must offer (RFC 2580 "
                           "section 5.4.3.3): use %s or less",
                           c->name, n->name, access_kw[r->access],
                           access_kw[n->access], access_kw[n->access]);
        }
    }
}

/* ---- capabilities-in-standard-module ---- */

/* An IETF module: its identity sits under an IETF-controlled arc, or its
 * ORGANIZATION names the IETF. */
static bool module_is_ietf(SmiModule *m)
{
    static const unsigned ietf_arcs[][8] = {
        {6, 1, 3, 6, 1, 2, 1},    /* mib-2 */
        {6, 1, 3, 6, 1, 6, 3},    /* snmpModules */
        {5, 1, 3, 6, 1, 3},       /* experimental */
    };
    SmiNode *id = smiGetModuleIdentityNode(m);
    for (size_t a = 0; id && a < sizeof ietf_arcs / sizeof ietf_arcs[0]; a++) {
        unsigned n = ietf_arcs[a][0];
        if (id->oidlen <= n)
            continue;
        bool match = true;
        for (unsigned i = 0; i < n; i++)
            if (id->oid[i] != ietf_arcs[a][i + 1])
                match = false;
        if (match)
            return true;
    }
    const char *org = m->organization;
    return org && (strstr(org, "IETF") || strcasestr(org, "Internet Engineering Task Force"));
}

static void check_capabilities_in_standard(struct check_ctx *ctx)
{
    SmiNode *cap = first_named(ctx->module, SMI_NODEKIND_CAPABILITIES);
    if (!cap || !module_is_ietf(ctx->module))
        return;
    for (; cap; cap = smiGetNextNode(cap, SMI_NODEKIND_CAPABILITIES))
        if (cap->name)
            report_finding(ctx, RULE_capabilities_in_standard_module,
                           smiGetNodeLine(cap), cap->name,
                           "`%s' is an AGENT-CAPABILITIES statement in an IETF "
                           "module; capability statements describe one "
                           "implementation and belong in that vendor's own "
                           "module (RFC 2578 section 3): move it there",
                           cap->name);
}

static const check_fn checks[] = {
    check_compliance_missing,
    check_compliance_incomplete,
    check_min_access_exceeds,
    check_capabilities_in_standard,
    NULL};

static const struct rule_doc docs[] = {
    {"compliance-missing",
     "Reports an SMIv2 module that defines objects or notifications but has "
     "no MODULE-COMPLIANCE naming any of its groups, in itself, in another "
     "module of the same file, or in a module of another input of the same "
     "run that imports from it.  When the module defines no OBJECT-GROUP or "
     "NOTIFICATION-GROUP at all, this one finding replaces libsmi's "
     "group-membership diagnostic for every object; those are kept as its "
     "notes (default profile).",
     "RFC 2580 section 5 and RFC 4181 section 4.8: a compliance statement is "
     "what tells implementers which objects they must support and how; "
     "without one every implementation picks its own subset and a manager "
     "cannot rely on any object being there.",
     "ACME-FAN-MIB with acmeFanTable and acmeFanGroup, and no\n"
     "MODULE-COMPLIANCE",
     "acmeFanCompliance MODULE-COMPLIANCE\n    STATUS current\n"
     "    DESCRIPTION \"Agents that implement ACME-FAN-MIB.\"\n"
     "    MODULE MANDATORY-GROUPS { acmeFanGroup }\n"
     "    ::= { acmeFanCompliances 1 }",
     "Collect the objects in OBJECT-GROUPs and the notifications in "
     "NOTIFICATION-GROUPs, and add a MODULE-COMPLIANCE naming them."},
    {"compliance-incomplete",
     "Reports a current OBJECT-GROUP or NOTIFICATION-GROUP of a module that "
     "no compliance statement names, in MANDATORY-GROUPS or in a GROUP "
     "clause, while some compliance statement does cover the module.  "
     "Compliance statements of the module's file and of other inputs of the "
     "run that import from it count.",
     "RFC 4181 section 4.8 and RFC 2580 section 5.4.2: a group left out of "
     "every compliance is optional only by omission; a GROUP clause with a "
     "DESCRIPTION says when an implementation needs it.",
     "acmeFanStatsGroup OBJECT-GROUP ... (named by no compliance)",
     "GROUP acmeFanStatsGroup\n"
     "    DESCRIPTION \"Required only for fans with a tachometer.\"",
     "Add the group to a compliance statement, mandatory or optional, or "
     "deprecate it."},
    {"compliance-min-access-exceeds",
     "Reports an OBJECT clause of a MODULE-COMPLIANCE whose MIN-ACCESS is "
     "greater than the object's MAX-ACCESS (for instance read-write for a "
     "read-only object).",
     "RFC 2580 section 5.4.3.3: MIN-ACCESS states the least access an "
     "implementation may offer, so it can only lower the object's "
     "MAX-ACCESS; a higher value asks implementations for access the "
     "object cannot have.",
     "OBJECT acmeFanSpeed    -- MAX-ACCESS read-only\n"
     "    MIN-ACCESS read-write",
     "OBJECT acmeFanTarget   -- MAX-ACCESS read-write\n"
     "    MIN-ACCESS read-only",
     "Lower MIN-ACCESS to the object's MAX-ACCESS or below, or drop the "
     "clause."},
    {"capabilities-in-standard-module",
     "Reports an AGENT-CAPABILITIES statement in an IETF module: one whose "
     "MODULE-IDENTITY is registered under mib-2, snmpModules or "
     "experimental, or whose ORGANIZATION names the IETF.",
     "RFC 2578 section 3: a standard module may not contain capability "
     "statements, which describe what one implementation supports.",
     "IETF-WG-MIB containing xyzAgentCaps AGENT-CAPABILITIES ...",
     "the AGENT-CAPABILITIES in the vendor's own module, under its "
     "enterprise arc",
     "Move the statement to a vendor module."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_conformance = {"conformance", checks, docs};
