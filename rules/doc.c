/* The doc family: the parts of an RFC or Internet-Draft around its MIB
 * modules that RFC 4181 section 3 requires (framework boilerplate, IANA
 * Considerations, references, copyright).  These rules run only on
 * documents; doc-extract-failed is raised while extracting (sources.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "checker/util.h"
#include "rules/check.h"
#include "rules/doctext.h"
#include "rules/families.h"

static void check_framework_missing(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    struct doc_region r;
    region_find(ctx->doc, "Management Framework", &r);
    if (!r.first)
        report_finding(ctx, RULE_doc_framework_missing, ctx->span->line, NULL,
                       "the document has no \"Internet-Standard Management "
                       "Framework\" section; add the boilerplate that points "
                       "to section 7 of RFC 3410");
    else if (region_rfc(&r, 3410) < 0)
        report_finding(ctx, RULE_doc_framework_missing, r.first->line, NULL,
                       "the section \"%s\" does not cite RFC 3410; use the "
                       "current boilerplate", r.first->title);
    region_free(&r);
}

/* ---- IANA ---- */

/* Arcs whose sub-identifiers IANA assigns for IETF modules. */
static const char *const iana_arcs[] = {"mib-2", "transmission", "snmpModules",
                                        "experimental", "mgmt", NULL};

/* The MODULE-IDENTITY descriptor of the module and its parent arc, read
 * from the tokens: a placeholder value ("{ mib-2 XXX }") keeps libsmi from
 * registering the node, and that is when IANA is needed most. */
static bool identity_arc(const struct check_ctx *ctx, const struct token **desc,
                         const struct token **parent)
{
    const struct token *v = ctx->tokens->v;
    for (size_t i = ctx->span->first_tok + 1; i < ctx->span->end_tok; i++) {
        /* the definition, not the name in IMPORTS */
        if (!tok_is(&v[i], "MODULE-IDENTITY") || v[i - 1].kind != TOK_WORD ||
            !islower((unsigned char)v[i - 1].text[0]))
            continue;
        for (size_t k = i + 1; k + 2 < ctx->span->end_tok; k++) {
            if (v[k].kind == TOK_ASSIGN && v[k + 1].text[0] == '{' &&
                v[k + 2].kind == TOK_WORD) {
                *desc = &v[i - 1];
                *parent = &v[k + 2];
                return true;
            }
        }
        return false;
    }
    return false;
}

static void check_iana_missing(struct check_ctx *ctx)
{
    if (!ctx->doc)
        return;
    const struct token *desc, *parent;
    if (!identity_arc(ctx, &desc, &parent))
        return;
    bool ietf = false;
    for (size_t i = 0; iana_arcs[i] && !ietf; i++)
        ietf = tok_is(parent, iana_arcs[i]);
    if (!ietf)
        return;
    char *d = xstrndup(desc->text, desc->len);
    char *arc = xstrndup(parent->text, parent->len);
    struct doc_region r;
    region_find(ctx->doc, "IANA", &r);
    if (!r.first)
        report_finding(ctx, RULE_doc_iana_missing, desc->line, d,
                       "module identity %s is registered under %s, a value IANA "
                       "assigns, but the document has no IANA Considerations "
                       "section asking for it", d, arc);
    else if (region_word(&r, d, true) < 0 && region_prefix(&r, "assign") < 0)
        report_finding(ctx, RULE_doc_iana_missing, desc->line, d,
                       "module identity %s is registered under %s, a value IANA "
                       "assigns, but the IANA Considerations section neither "
                       "names %s nor asks for an assignment", d, arc, d);
    region_free(&r);
    free(d);
    free(arc);
}

/* ---- references ---- */

/* The modules that define the SMI itself: their RFCs are fixed facts, and
 * the bundled copies carry no MODULE-IDENTITY that names them. */
static const struct {
    const char *module;
    unsigned rfc;
} smi_rfcs[] = {
    {"RFC1155-SMI", 1155}, {"RFC-1212", 1212}, {"RFC-1215", 1215},
    {"RFC1213-MIB", 1213}, {NULL, 0}};

/* SNMPv2-SMI, -TC and -CONF are cited by the framework boilerplate, which
 * doc-framework-missing checks. */
static bool boilerplate_module(const char *name)
{
    return !strcmp(name, "SNMPv2-SMI") || !strcmp(name, "SNMPv2-TC") ||
           !strcmp(name, "SNMPv2-CONF");
}

/* The number after "RFC" at p, or 0. */
static unsigned rfc_number_at(const char *p)
{
    p += 3;
    if (*p == ' ' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    unsigned long v = strtoul(p, NULL, 10);
    return v < 100000 ? (unsigned)v : 0;
}

static const char *const own_leads[] = {"part of", "published in", NULL};
static const char *const rev_leads[] = {"part of", "published in",
                                        "published as", "as", NULL};

/* Does the sentence of text that holds position at speak of an earlier
 * version ("The initial revision of this module was published as RFC
 * 1695")? */
static bool about_earlier_version(const char *text, const char *at)
{
    static const char *const words[] = {"initial", "original", "previous",
                                        "earlier", "obsolet", "predecessor",
                                        NULL};
    const char *b = at;
    while (b > text && !(b[-1] == '.' && isspace((unsigned char)*b)))
        b--;
    char *sentence = xstrndup(b, (size_t)(at - b));
    bool r = false;
    for (size_t i = 0; words[i] && !r; i++)
        r = text_has_prefix(sentence, words[i]);
    free(sentence);
    return r;
}

/* The RFC that a text says the module is part of ("part of RFC n",
 * "published in RFC n", "published as RFC n", ... as the leads given);
 * 0 when it does not say, or, with history, only says it of an earlier
 * version. */
static unsigned rfc_named_in(const char *text, const char *const *lead,
                             bool history)
{
    if (!text)
        return 0;
    for (size_t l = 0; lead[l]; l++) {
        for (const char *p = text; *p; p++) {
            if (p > text && isalnum((unsigned char)p[-1]))
                continue;
            /* the phrase may wrap: "published\n in RFC 3805" */
            const char *q = p, *w = lead[l];
            while (*w && *q) {
                if (*w == ' ' && isspace((unsigned char)*q)) {
                    while (isspace((unsigned char)*q))
                        q++;
                    w++;
                } else if (tolower((unsigned char)*w) == tolower((unsigned char)*q)) {
                    w++;
                    q++;
                } else {
                    break;
                }
            }
            if (*w || !isspace((unsigned char)*q))
                continue;
            while (isspace((unsigned char)*q))
                q++;
            if (strncmp(q, "RFC", 3))
                continue;
            unsigned v = rfc_number_at(q);
            if (v && !(history && about_earlier_version(text, p)))
                return v;
        }
    }
    return 0;
}

/* The RFC that defines module name, from the reference set libsmi loaded:
 * the copyright pointer of its DESCRIPTION ("part of RFC n"), else its
 * newest REVISION, when that names the RFC of this version.  0 when the
 * module does not tell (an older revision's RFC is not the current one). */
static unsigned defining_rfc(const char *name)
{
    for (size_t i = 0; smi_rfcs[i].module; i++)
        if (!strcmp(smi_rfcs[i].module, name))
            return smi_rfcs[i].rfc;
    SmiModule *m = smiGetModule(name);
    if (!m)
        return 0;
    unsigned v = rfc_named_in(m->description, own_leads, true);
    if (v)
        return v;
    SmiRevision *newest = NULL;
    size_t n = 0;
    for (SmiRevision *r = smiGetFirstRevision(m); r; r = smiGetNextRevision(r), n++)
        if (!newest || r->date > newest->date)
            newest = r;
    /* the only revision is the initial version itself */
    return newest ? rfc_named_in(newest->description, rev_leads, n > 1) : 0;
}

static int import_line(const struct check_ctx *ctx, const char *name)
{
    const struct token *v = ctx->tokens->v;
    for (size_t i = ctx->span->first_tok; i + 1 < ctx->span->end_tok; i++)
        if (tok_is(&v[i], "FROM") && tok_is(&v[i + 1], name))
            return v[i + 1].line;
    return ctx->span->line;
}

static void check_import_unreferenced(struct check_ctx *ctx)
{
    if (!ctx->doc)
        return;
    struct doc_region r;
    region_find(ctx->doc, "References", &r);
    for (size_t i = 0; i < ctx->span->n_imports; i++) {
        const char *name = ctx->span->imports[i];
        bool seen = boilerplate_module(name);
        for (size_t k = 0; k < i && !seen; k++)
            seen = !strcmp(ctx->span->imports[k], name);
        /* modules of this document need no reference */
        for (size_t k = 0; k < ctx->n_doc_mods && !seen; k++)
            seen = !strcmp(ctx->doc_mods[k].name, name);
        if (seen)
            continue;
        unsigned rfc = defining_rfc(name);
        if (!rfc || region_rfc(&r, rfc) >= 0)
            continue;
        /* an IANA-maintained module is cited by its on-line version */
        if (!strncmp(name, "IANA", 4) && region_phrase(&r, "iana.org") >= 0)
            continue;
        report_finding(ctx, RULE_doc_import_unreferenced, import_line(ctx, name),
                       NULL,
                       "module %s imports from %s, which RFC %u defines, but "
                       "the references do not cite RFC %u; add it to the "
                       "normative references", ctx->module->name, name, rfc, rfc);
    }
    region_free(&r);
}

/* ---- copyright ---- */

static void check_copyright_missing(struct check_ctx *ctx)
{
    if (!ctx->doc)
        return;
    SmiNode *id = smiGetModuleIdentityNode(ctx->module);
    const struct token *desc, *parent;
    /* only modules with a MODULE-IDENTITY carry the notice */
    if (!id && !identity_arc(ctx, &desc, &parent))
        return;
    const char *d = ctx->module->description;
    if (d && strcasestr(d, "copyright"))
        return;
    int line = id ? smiGetNodeLine(id) : desc->line;
    report_finding(ctx, RULE_doc_copyright_missing, line, id ? id->name : NULL,
                   "the MODULE-IDENTITY DESCRIPTION of %s has no copyright "
                   "notice; add the IETF Trust notice that points at the RFC "
                   "for the full legal text", ctx->module->name);
}

/* ---- references, BCP 14, placeholders ---- */

static void check_references_not_split(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    struct doc_region r;
    region_find(ctx->doc, "References", &r);
    size_t a = 0, b = 0;
    if (r.first && !document_find_section(ctx->doc, "Normative", &a) &&
        !document_find_section(ctx->doc, "Informative", &b))
        report_finding(ctx, RULE_doc_references_not_split, r.first->line, NULL,
                       "the references are one list; split them into "
                       "Normative References and Informative References");
    region_free(&r);
}

/* The first upper-case requirement word of text, or NULL. */
static const char *bcp14_word(const char *text)
{
    static const char *const words[] = {"MUST", "SHOULD", "SHALL", "REQUIRED",
                                        "RECOMMENDED", "OPTIONAL", "MAY", NULL};
    for (size_t i = 0; words[i]; i++)
        if (text_has_word(text, words[i], true))
            return words[i];
    return NULL;
}

static void check_bcp14_boilerplate(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    const struct document *d = ctx->doc;
    struct doc_region refs;
    region_find(d, "References", &refs);
    const char *word = NULL;
    long first = -1;
    bool boilerplate = false;
    for (size_t i = 0; i < d->n_paras; i++) {
        if (refs.in[i])
            continue;
        const char *t = d->paras[i].text;
        if (text_has_phrase(t, "BCP 14") || text_cites_rfc(t, 2119))
            boilerplate = true;
        else if (first < 0 && (word = bcp14_word(t)))
            first = (long)i;
    }
    if (first >= 0 && !boilerplate)
        report_finding(ctx, RULE_doc_bcp14_boilerplate, d->paras[first].line, NULL,
                       "the document uses %s in upper case but has no BCP 14 "
                       "text saying how such words are meant (citing RFC 2119 "
                       "and RFC 8174)", word);
    else if (first >= 0 && region_rfc(&refs, 2119) < 0)
        report_finding(ctx, RULE_doc_bcp14_boilerplate, d->paras[first].line, NULL,
                       "the document uses %s in upper case but RFC 2119 is not "
                       "among its references", word);
    region_free(&refs);
}

static bool is_placeholder(const char *s, size_t n)
{
    static const char *const marks[] = {"XXX", "xxx", "YYY", "yyy", "NNN", "nnn",
                                        "TBD", "TBA", NULL};
    for (size_t i = 0; marks[i]; i++) {
        size_t m = strlen(marks[i]);
        if (n < m || strncmp(s, marks[i], m))
            continue;
        /* XXXX..., TBD, TBD1 */
        size_t k = m;
        while (k < n && (s[k] == marks[i][0] || isdigit((unsigned char)s[k])))
            k++;
        return k == n;
    }
    return false;
}

/* "RFC XXXX" (or yyyy, nnnn) inside a string: its offset, or -1. */
static long rfc_placeholder(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 < n; i++) {
        if (strncmp(s + i, "RFC", 3) || (i > 0 && isalnum((unsigned char)s[i - 1])))
            continue;
        size_t k = i + 3;
        while (k < n && (s[k] == ' ' || s[k] == '\n' || s[k] == '\r' || s[k] == '\t'))
            k++;
        size_t e = k;
        while (e < n && isalnum((unsigned char)s[e]))
            e++;
        if (e > k && is_placeholder(s + k, e - k))
            return (long)i;
    }
    return -1;
}

static void check_placeholder_unresolved(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc->is_rfc)
        return;
    const struct token *v = ctx->tokens->v;
    for (size_t i = ctx->span->first_tok + 2; i + 1 < ctx->span->end_tok; i++) {
        const struct token *t = &v[i];
        long at = t->kind == TOK_STRING ? rfc_placeholder(t->text, t->len) : -1;
        if (at >= 0) {
            int line = t->line;   /* the line inside the string */
            for (long k = 0; k < at; k++)
                line += t->text[k] == '\n';
            report_finding(ctx, RULE_doc_placeholder_unresolved, line, NULL,
                           "this RFC's module still says \"RFC\" followed by a "
                           "placeholder; write the RFC's number");
        } else if (t->kind == TOK_WORD && is_placeholder(t->text, t->len) &&
                 v[i - 1].kind == TOK_WORD && v[i - 2].text[0] == '{' &&
                 v[i + 1].text[0] == '}')
            report_finding(ctx, RULE_doc_placeholder_unresolved, t->line, NULL,
                           "this RFC's module still has the placeholder %.*s as "
                           "an OID value under %.*s; write the value IANA "
                           "assigned", (int)t->len, t->text, (int)v[i - 1].len,
                           v[i - 1].text);
    }
}

/* In an RFC, the module's copyright pointer and newest REVISION name this
 * RFC; another number is a leftover of the previous version. */
static void check_rfc_number_mismatch(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc->is_rfc || !ctx->doc->rfc_number)
        return;
    SmiModule *m = ctx->module;
    unsigned own = rfc_named_in(m->description, own_leads, true);
    SmiRevision *newest = NULL;
    size_t n = 0;
    for (SmiRevision *r = smiGetFirstRevision(m); r; r = smiGetNextRevision(r), n++)
        if (!newest || r->date > newest->date)
            newest = r;
    /* the only revision is the initial version itself */
    unsigned rev = newest ? rfc_named_in(newest->description, rev_leads, n > 1) : 0;
    SmiNode *id = smiGetModuleIdentityNode(m);
    int line = id ? smiGetNodeLine(id) : ctx->span->line;
    if (own && own != ctx->doc->rfc_number)
        report_finding(ctx, RULE_doc_rfc_number_mismatch, line, NULL,
                       "the DESCRIPTION of %s says it is part of RFC %u, but "
                       "this document is RFC %u", m->name, own,
                       ctx->doc->rfc_number);
    if (rev && rev != ctx->doc->rfc_number)
        report_finding(ctx, RULE_doc_rfc_number_mismatch,
                       smiGetRevisionLine(newest) > 0 ? smiGetRevisionLine(newest) : line, NULL,
                       "the newest REVISION of %s names RFC %u, but this "
                       "document is RFC %u", m->name, rev, ctx->doc->rfc_number);
}

static const check_fn checks[] = {check_framework_missing, check_iana_missing,
                                  check_import_unreferenced,
                                  check_copyright_missing,
                                  check_references_not_split,
                                  check_bcp14_boilerplate,
                                  check_placeholder_unresolved,
                                  check_rfc_number_mismatch, NULL};

static const struct rule_doc docs[] = {
    {"doc-framework-missing",
     "Reports a document with a MIB module that has no section titled like "
     "\"The Internet-Standard Management Framework\", or whose framework "
     "section does not cite RFC 3410.",
     "RFC 4181 section 3.1: every MIB document carries the approved "
     "boilerplate that places the module in the SNMP framework (RFC 3410 "
     "section 7; STD 58).",
     "1. Introduction\n2. Definitions   (no framework section)",
     "2.  The Internet-Standard Management Framework\n"
     "   For a detailed overview of the documents that describe the\n"
     "   current Internet-Standard Management Framework, please refer\n"
     "   to section 7 of RFC 3410 [RFC3410]. ...",
     "Add the current boilerplate section."},
    {"doc-iana-missing",
     "Reports a module whose MODULE-IDENTITY is registered under an arc "
     "whose values IANA assigns (mib-2, transmission, snmpModules, "
     "experimental) when the document has no IANA Considerations section, "
     "or one that neither names the module identity nor speaks of an "
     "assignment.",
     "RFC 4181 section 3.5: OID values under IETF arcs are assigned by IANA, "
     "never taken; the IANA Considerations section is how the assignment is "
     "requested and later recorded.",
     "acmeFanMIB MODULE-IDENTITY ... ::= { mib-2 XXX }\n"
     "IANA Considerations: This document has no IANA actions.",
     "IANA is requested to assign a value for acmeFanMIB under the\n"
     "mib-2 subtree in the SMI Numbers registry.",
     "Ask IANA for the value in the IANA Considerations section."},
    {"doc-import-unreferenced",
     "Reports an import from a module whose defining RFC is not cited in "
     "the document's references.  The RFC is found in the reference set "
     "(the modules on the search path): the imported module's "
     "MODULE-IDENTITY DESCRIPTION (\"part of RFC n\") or REVISION text "
     "(\"published as RFC n\").  SNMPv2-SMI, -TC and -CONF are left to the "
     "framework boilerplate; imports whose RFC cannot be told are skipped.",
     "RFC 4181 section 3.6: every module a MIB module imports from must have "
     "its defining document among the normative references.",
     "IMPORTS InterfaceIndex FROM IF-MIB\n   (no RFC 2863 in the references)",
     "[RFC2863]  McCloghrie, K. and F. Kastenholz, \"The Interfaces\n"
     "           Group MIB\", RFC 2863, June 2000.",
     "Add the RFC to the normative references."},
    {"doc-copyright-missing",
     "Reports a module of a document whose MODULE-IDENTITY DESCRIPTION has "
     "no copyright notice.",
     "RFC 4181 section 3.7 (updated by RFC 4841): modules in IETF documents "
     "carry a short copyright notice in their DESCRIPTION, because modules "
     "are extracted and circulate without the document around them.",
     "DESCRIPTION \"This MIB module defines fan objects.\"",
     "DESCRIPTION \"This MIB module defines fan objects.\n"
     "    Copyright (c) 2026 IETF Trust and the persons identified as\n"
     "    authors of the code.  All rights reserved. ...\"",
     "Add the notice, with this version's RFC pointer."},
    {"doc-extract-failed",
     "Reports text of a document that looks like a MIB module but could not "
     "be extracted whole: a module header with no END (the text up to the "
     "next section heading or module is still checked), an XML "
     "<sourcecode type=\"mib\"> without a module header, or an XML file "
     "that does not parse.",
     "RFC 4181 section 3.3: the definitions section holds the complete "
     "module, so that tools (smistrip, rfcstrip, this one) can extract it.  "
     "A module that cannot be extracted is not checked.",
     "FOO-MIB DEFINITIONS ::= BEGIN\n   ...\n   (the document goes on to\n"
     "   the next section without END)",
     "FOO-MIB DEFINITIONS ::= BEGIN\n   ...\nEND",
     "Restore the missing text; check the page breaks around it."},
    {"doc-references-not-split",
     "Reports a document whose references are one list, with no section "
     "titled Normative References or Informative References.",
     "RFC 4181 section 3.6: normative and informative references go in "
     "separate lists, because a normative one can hold up publication and "
     "decides what an implementer must read.",
     "9.  References\n   [RFC2578] ...\n   [RFC3410] ...",
     "9.1.  Normative References\n   [RFC2578] ...\n"
     "9.2.  Informative References\n   [RFC3410] ...",
     "Split the list."},
    {"doc-bcp14-boilerplate",
     "Reports a document whose prose uses requirement words in upper case "
     "(MUST, SHOULD, MAY, RECOMMENDED...) but has no BCP 14 text (a "
     "paragraph naming BCP 14 or citing RFC 2119), or does not list RFC 2119 "
     "among its references.  The words inside module DESCRIPTIONs are not "
     "read.",
     "RFC 4181 section 2 and RFC 8174: the capitals carry BCP 14 meaning only "
     "when the document says so; the template's SNMPv3 paragraphs use them.",
     "Implementations SHOULD provide ...   (no BCP 14 paragraph)",
     "The key words MUST, SHOULD, MAY ... are to be read as BCP 14\n"
     "[RFC2119] [RFC8174] defines them, when written in capitals.",
     "Add the BCP 14 paragraph and list RFC 2119 and RFC 8174 as normative."},
    {"doc-placeholder-unresolved",
     "Reports, in a published RFC (\"Request for Comments:\" on the first "
     "page, or <rfc number=...>), a module that still holds a placeholder: "
     "\"RFC XXXX\" (or yyyy, nnnn) in a string, or an OID value such as "
     "{ mib-2 XXX }.",
     "RFC 4181 sections 3.5 and 3.7: the RFC Editor replaces the "
     "placeholders at publication; a module left with them names no "
     "document and registers no OID.",
     "\"This version of this MIB module is part of RFC XXXX.\"",
     "\"This version of this MIB module is part of RFC 9999.\"",
     "Write the RFC number and the assigned value."},
    {"doc-rfc-number-mismatch",
     "Reports, in a published RFC, a module whose DESCRIPTION says it is "
     "part of another RFC, or whose newest REVISION names another RFC "
     "(\"published as RFC n\").",
     "RFC 4181 sections 3.7 and 4.5: the copyright pointer and the REVISION "
     "of the new version name the RFC that holds it; a number carried over "
     "from the previous version sends readers to the wrong document.",
     "RFC 9999, whose module says \"This version of this MIB module is part\n"
     "of RFC 9998\"",
     "\"This version of this MIB module is part of RFC 9999\"",
     "Write this RFC's number."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_doc = {"doc", checks, docs};
