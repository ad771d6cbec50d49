/* The security family: the Security Considerations section of an RFC or
 * Internet-Draft against the objects of its modules (RFC 4181 3.4 and the
 * OPS area's security template).  These rules run only on documents. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checker/util.h"
#include "rules/check.h"
#include "rules/doctext.h"
#include "rules/families.h"

#define SECURITY_TITLE "Security Consideration"

/* Fewer words than this is a heading with nothing under it. */
#define MIN_SECTION_WORDS 20

static void security_region(struct check_ctx *ctx, struct doc_region *r)
{
    region_find(ctx->doc, SECURITY_TITLE, r);
}

static void check_section_missing(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    struct doc_region r;
    security_region(ctx, &r);
    if (!r.first)
        report_finding(ctx, RULE_security_section_missing, ctx->span->line, NULL,
                       "the document defines MIB module %s but has no Security "
                       "Considerations section; add one after the OPS area's "
                       "MIB security template", ctx->span->name);
    else if (r.n_words < MIN_SECTION_WORDS)
        report_finding(ctx, RULE_security_section_missing, r.first->line, NULL,
                       "the Security Considerations section holds only %zu "
                       "words; it must discuss the module's writable and "
                       "readable objects and SNMPv3", r.n_words);
    region_free(&r);
}

/* ---- writable objects ---- */

static bool named(const struct doc_region *r, const char *descriptor)
{
    return descriptor && region_word(r, descriptor, true) >= 0;
}

static void check_writable_unlisted(struct check_ctx *ctx)
{
    if (!ctx->doc)
        return;
    struct doc_region r;
    security_region(ctx, &r);
    if (!r.first) {
        region_free(&r);
        return;
    }
    const SmiNodekind kinds = SMI_NODEKIND_SCALAR | SMI_NODEKIND_TABLE;
    for (SmiNode *n = smiGetFirstNode(ctx->module, kinds); n;
         n = smiGetNextNode(n, kinds)) {
        if (n->nodekind == SMI_NODEKIND_SCALAR) {
            if (n->access == SMI_ACCESS_READ_WRITE && !named(&r, n->name))
                report_finding(ctx, RULE_security_writable_unlisted,
                               smiGetNodeLine(n), n->name,
                               "writable object %s is not named in the Security "
                               "Considerations section; name it with the harm a "
                               "wrong SET can do", n->name);
            continue;
        }
        SmiNode *row = smiGetFirstChildNode(n);
        if (!row)
            continue;
        if (named(&r, n->name) || named(&r, row->name))
            continue;
        /* the columns: naming the table or row covers them all; when none
         * is named, one finding for the table */
        struct strvec cols = {0}, missing = {0};
        for (SmiNode *c = smiGetFirstChildNode(row); c; c = smiGetNextChildNode(c)) {
            if (c->access != SMI_ACCESS_READ_WRITE)
                continue;
            strvec_push(&cols, c->name);
            if (!named(&r, c->name))
                strvec_push(&missing, c->name);
        }
        if (cols.len && missing.len == cols.len) {
            struct buf b = {0};
            for (size_t i = 0; i < cols.len && i < 4; i++)
                buf_printf(&b, "%s%s", i ? ", " : "", cols.v[i]);
            if (cols.len > 4)
                buf_printf(&b, " and %zu more", cols.len - 4);
            report_finding(ctx, RULE_security_writable_unlisted, smiGetNodeLine(n),
                           n->name,
                           "table %s has writable columns (%s) but neither the "
                           "table, its row %s nor those columns are named in the "
                           "Security Considerations section", n->name, b.data,
                           row->name);
            buf_free(&b);
        } else {
            for (size_t i = 0; i < missing.len; i++) {
                SmiNode *c = smiGetNode(ctx->module, missing.v[i]);
                report_finding(ctx, RULE_security_writable_unlisted,
                               c ? smiGetNodeLine(c) : smiGetNodeLine(n),
                               missing.v[i],
                               "writable column %s is not named in the Security "
                               "Considerations section (nor is its table %s)",
                               missing.v[i], n->name);
            }
        }
        strvec_free(&cols);
        strvec_free(&missing);
    }
    region_free(&r);
}

/* ---- "there are no writable objects" ---- */

/* Lower-cased words of a sentence, hyphens kept ("read-write"). */
static void sentence_words(const char *s, size_t n, struct strvec *out)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !isalnum((unsigned char)s[i]))
            i++;
        size_t b = i;
        while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-'))
            i++;
        if (i > b) {
            char *w = xstrndup(s + b, i - b);
            for (char *p = w; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            strvec_push_owned(out, w);
        }
    }
}

static bool in_list(const char *w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(w, list[i]))
            return true;
    return false;
}

/*
 * Does the sentence claim that nothing is writable?  A negation within 16
 * words before read-write, read-create, writable or "write access" ("there
 * are no ... objects ... with a MAX-ACCESS of read-write"), or "all ...
 * read-only".  A "should not"/"must not" is advice, not a claim.
 */
static bool claims_no_writable(const char *s, size_t n, bool objects_too)
{
    static const char *const neg[] = {"no", "not", "none", "neither", "nor", NULL};
    static const char *const modal[] = {"should", "must", "may", "might", "can",
                                        "could", "would", "will", "shall", NULL};
    static const char *const target[] = {"read-write", "read-create", "writable",
                                         "writeable", "write-access", NULL};
    struct strvec w = {0};
    sentence_words(s, n, &w);
    bool claim = false;
    for (size_t i = 0; i < w.len && !claim; i++) {
        bool t = in_list(w.v[i], target) ||
                 (!strcmp(w.v[i], "write") && i + 1 < w.len && !strcmp(w.v[i + 1], "access")) ||
                 (objects_too && (!strcmp(w.v[i], "objects") ||
                                  !strcmp(w.v[i], "object")));
        if (t) {
            for (size_t k = i > 16 ? i - 16 : 0; k < i && !claim; k++)
                if (in_list(w.v[k], neg) &&
                    !(k > 0 && !strcmp(w.v[k], "not") && in_list(w.v[k - 1], modal)))
                    claim = true;
        }
        if (!strcmp(w.v[i], "read-only"))
            for (size_t k = i > 8 ? i - 8 : 0; k < i && !claim; k++)
                if (!strcmp(w.v[k], "all"))
                    claim = true;
    }
    strvec_free(&w);
    return claim;
}

/* Call fn on each sentence of the region's paragraphs until it returns
 * true; the paragraph index is returned, or -1. */
static long find_claim(const struct doc_region *r, bool objects_too,
                       const struct strvec *names, size_t *sent_para)
{
    const struct document *doc = r->doc;
    for (size_t i = 0; i < doc->n_paras; i++) {
        if (!r->in[i])
            continue;
        const char *t = doc->paras[i].text;
        size_t len = strlen(t), b = 0;
        for (size_t e = 0; e <= len; e++) {
            bool stop = e == len || ((t[e] == '.' || t[e] == ';' || t[e] == '?' ||
                                      t[e] == '!') &&
                                     (e + 1 == len || t[e + 1] == ' '));
            if (!stop)
                continue;
            if (claims_no_writable(t + b, e - b, objects_too)) {
                /* a sentence that names a writable object is about it */
                char *sent = xstrndup(t + b, e - b);
                bool names_one = false;
                for (size_t k = 0; names && k < names->len && !names_one; k++)
                    names_one = text_has_word(sent, names->v[k], true);
                free(sent);
                if (!names_one) {
                    *sent_para = i;
                    return (long)i;
                }
            }
            b = e + 1;
        }
    }
    return -1;
}

/* Writable objects (at most max), and with rows_too their rows and
 * tables, which name them as well. */
static void writable_names(SmiModule *m, struct strvec *out, size_t max,
                           bool rows_too)
{
    const SmiNodekind kinds = SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN;
    for (SmiNode *n = smiGetFirstNode(m, kinds); n; n = smiGetNextNode(n, kinds)) {
        if (n->access != SMI_ACCESS_READ_WRITE)
            continue;
        if (out->len < max)
            strvec_push(out, n->name);
        if (rows_too && n->nodekind == SMI_NODEKIND_COLUMN) {
            SmiNode *row = smiGetParentNode(n);
            SmiNode *table = row ? smiGetParentNode(row) : NULL;
            if (row && !strvec_contains(out, row->name))
                strvec_push(out, row->name);
            if (table && !strvec_contains(out, table->name))
                strvec_push(out, table->name);
        }
    }
}

static void check_writable_claim_false(struct check_ctx *ctx)
{
    if (!ctx->doc || !module_has_writable(ctx->module))
        return;
    struct doc_region r;
    security_region(ctx, &r);
    struct strvec names = {0};
    writable_names(ctx->module, &names, (size_t)-1, true);
    size_t p = 0;
    if (r.first && find_claim(&r, false, &names, &p) >= 0) {
        struct strvec first = {0};
        writable_names(ctx->module, &first, 3, false);
        struct buf b = {0};
        for (size_t i = 0; i < first.len && i < 3; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", first.v[i]);
        struct finding *f = report_finding(
            ctx, RULE_security_writable_claim_false, ctx->doc->paras[p].line, NULL,
            "the Security Considerations section says there are no writable "
            "objects, but module %s has read-write or read-create objects (%s); "
            "list them with their risks instead", ctx->module->name, b.data);
        SmiNode *n = smiGetNode(ctx->module, first.v[0]);
        if (f && n)
            finding_add_note(f, ctx->file, smiGetNodeLine(n), NULL,
                             "a writable object is defined here");
        buf_free(&b);
        strvec_free(&first);
    }
    strvec_free(&names);
    region_free(&r);
}

static void check_no_writable_statement(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    size_t n = 0;
    SmiModule **mods = doc_modules(ctx, &n);
    bool writable = false, objects = false;
    for (size_t i = 0; i < n; i++) {
        writable |= module_has_writable(mods[i]);
        objects |= module_defines_objects(mods[i]);
    }
    free(mods);
    struct doc_region r;
    security_region(ctx, &r);
    size_t p = 0;
    /* without objects at all (TCs only), "defines no objects" says it */
    if (!writable && r.first && find_claim(&r, !objects, NULL, &p) < 0)
        report_finding(ctx, RULE_security_no_writable_statement, r.first->line, NULL,
                       "no object of this document is read-write or read-create, "
                       "and the Security Considerations section does not say so; "
                       "state it, and that SET operations cannot change this "
                       "module's data");
    region_free(&r);
}

/* ---- readable objects, SNMPv3 ---- */

static bool readable_paragraph(const char *t)
{
    static const char *const reads[] = {"readable", "read access", "read-only",
                                        "accessible-for-notify", NULL};
    static const char *const sens[] = {"sensitiv", "vulnerab", "privacy",
                                       "confidential", "disclos", NULL};
    bool r = text_has_word(t, "GET", true) || text_has_word(t, "NOTIFY", true);
    for (size_t i = 0; reads[i] && !r; i++)
        r = text_has_phrase(t, reads[i]);
    if (!r)
        return false;
    for (size_t i = 0; sens[i]; i++)
        if (text_has_prefix(t, sens[i]))
            return true;
    return false;
}

static void doc_object_kinds(struct check_ctx *ctx, bool *objects, bool *readable)
{
    size_t n = 0;
    SmiModule **mods = doc_modules(ctx, &n);
    *objects = *readable = false;
    for (size_t i = 0; i < n; i++) {
        *objects |= module_defines_objects(mods[i]);
        *readable |= module_has_readable(mods[i]);
    }
    free(mods);
}

static void check_readable_unaddressed(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    bool objects, readable;
    doc_object_kinds(ctx, &objects, &readable);
    if (!readable)
        return;
    struct doc_region r;
    security_region(ctx, &r);
    bool found = false;
    for (size_t i = 0; r.first && i < ctx->doc->n_paras && !found; i++)
        found = r.in[i] && readable_paragraph(ctx->doc->paras[i].text);
    if (r.first && !found)
        report_finding(ctx, RULE_security_readable_unaddressed, r.first->line, NULL,
                       "the Security Considerations section does not discuss "
                       "readable objects: name those whose values are sensitive "
                       "(and why), or say that none are");
    region_free(&r);
}

/* The substance of the SNMPv3 recommendation, in any order and wording. */
static void snmpv3_parts(const struct doc_region *r, bool *v3, bool *usm,
                         bool *auth, bool *priv)
{
    *v3 = region_word(r, "SNMPv3", false) >= 0 ||
          region_phrase(r, "SNMP version 3") >= 0 || region_rfc(r, 3410) >= 0;
    *usm = region_word(r, "USM", true) >= 0 ||
           region_phrase(r, "User-based Security Model") >= 0 ||
           region_rfc(r, 3414) >= 0;
    *auth = region_prefix(r, "authenticat") >= 0;
    *priv = region_prefix(r, "privacy") >= 0 || region_prefix(r, "encrypt") >= 0 ||
            region_prefix(r, "confidential") >= 0;
}

static void check_snmpv3_missing(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    bool objects, readable;
    doc_object_kinds(ctx, &objects, &readable);
    if (!objects)
        return;   /* TC-only documents use the short variant */
    struct doc_region r;
    security_region(ctx, &r);
    if (!r.first) {
        region_free(&r);
        return;
    }
    bool v3, usm, auth, priv;
    snmpv3_parts(&r, &v3, &usm, &auth, &priv);
    if (!(v3 && usm && auth && priv)) {
        struct buf b = {0};
        const char *parts[] = {v3 ? NULL : "SNMPv3 (RFC 3410)",
                               usm ? NULL : "the User-based Security Model (RFC 3414)",
                               auth ? NULL : "authentication",
                               priv ? NULL : "privacy (encryption)"};
        for (size_t i = 0; i < 4; i++)
            if (parts[i])
                buf_printf(&b, "%s%s", b.len ? ", " : "", parts[i]);
        report_finding(ctx, RULE_security_snmpv3_missing, r.first->line, NULL,
                       "the Security Considerations section lacks the SNMPv3 "
                       "recommendation: it does not mention %s", b.data);
        buf_free(&b);
    }
    region_free(&r);
}

/* The 2018 template adds AES for USM privacy and the Transport Security
 * Model over SSH or TLS/DTLS to the older SNMPv3 paragraph. */
static void check_template_outdated(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    bool objects, readable;
    doc_object_kinds(ctx, &objects, &readable);
    struct doc_region r;
    security_region(ctx, &r);
    bool v3 = false, usm = false, auth = false, priv = false;
    if (objects && r.first)
        snmpv3_parts(&r, &v3, &usm, &auth, &priv);
    if (v3 && usm && auth && priv) {
        bool aes = region_word(&r, "AES", true) >= 0 || region_rfc(&r, 3826) >= 0;
        bool tsm = region_word(&r, "TSM", true) >= 0 ||
                   region_phrase(&r, "Transport Security Model") >= 0 ||
                   region_rfc(&r, 5591) >= 0;
        if (!aes || !tsm)
            report_finding(ctx, RULE_security_template_outdated, r.first->line, NULL,
                           "the SNMPv3 text of the Security Considerations "
                           "section predates the current template: it does "
                           "not mention %s", !aes && !tsm
                               ? "AES (RFC 3826) nor the Transport Security Model (RFC 5591)"
                           : !aes ? "AES (RFC 3826)"
                                  : "the Transport Security Model (RFC 5591)");
    }
    region_free(&r);
}

/* Every RFC number cited in text, in order, once. */
static void cited_rfcs(const char *text, unsigned **v, size_t *n)
{
    for (const char *p = text; (p = strstr(p, "RFC")); p += 3) {
        if (p > text && isalnum((unsigned char)p[-1]))
            continue;
        const char *q = p + 3;
        if (*q == ' ' || *q == '-')
            q++;
        if (!isdigit((unsigned char)*q))
            continue;
        unsigned long x = strtoul(q, NULL, 10);
        if (x == 0 || x > 99999)
            continue;
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = (*v)[i] == x;
        if (!seen) {
            *v = xrealloc(*v, (*n + 1) * sizeof **v);
            (*v)[(*n)++] = (unsigned)x;
        }
    }
}

static void check_reference_missing(struct check_ctx *ctx)
{
    if (!ctx->doc || !ctx->doc_lead)
        return;
    struct doc_region sec, refs;
    security_region(ctx, &sec);
    region_find(ctx->doc, "References", &refs);
    unsigned *cited = NULL;
    size_t n = 0;
    for (size_t i = 0; sec.first && i < ctx->doc->n_paras; i++)
        if (sec.in[i] && !refs.in[i])
            cited_rfcs(ctx->doc->paras[i].text, &cited, &n);
    for (size_t i = 0; i < n; i++)
        if (region_rfc(&refs, cited[i]) < 0)
            report_finding(ctx, RULE_security_reference_missing, sec.first->line,
                           NULL,
                           "RFC %u is cited in the Security Considerations "
                           "section but is not in the references; add it (the "
                           "template lists RFC 3414, 3826, 5591, 5592 and 6353 "
                           "as normative)", cited[i]);
    free(cited);
    region_free(&refs);
    region_free(&sec);
}

static const check_fn checks[] = {
    check_section_missing, check_writable_unlisted, check_readable_unaddressed,
    check_snmpv3_missing, check_writable_claim_false, check_no_writable_statement,
    check_template_outdated, check_reference_missing, NULL};

static const struct rule_doc docs[] = {
    {"security-section-missing",
     "Reports an RFC or Internet-Draft that defines a MIB module but has no "
     "section titled Security Considerations, or one with almost nothing in "
     "it (under 20 words).",
     "RFC 4181 section 3.4 makes the section mandatory for every document "
     "with a MIB module, written after the OPS area's MIB security template: "
     "reviewers send documents without it back.",
     "7.  IANA Considerations\n8.  References   (no security section)",
     "8.  Security Considerations\n   (writable objects and their risks,\n"
     "   sensitive readable objects, the SNMPv3 recommendation)",
     "Add the section, following the current template."},
    {"security-writable-unlisted",
     "Reports a read-write or read-create object that the Security "
     "Considerations section does not name.  Naming the table or its row "
     "covers all its columns; matching is by whole word and exact case.  A "
     "table none of whose writable columns is covered gets one finding.",
     "RFC 4181 section 3.4: objects that could do harm if set by the wrong "
     "party must be listed, each with what a wrong SET could do, so that "
     "operators know what to protect.",
     "acmeFanEnable OBJECT-TYPE ... MAX-ACCESS read-write\n"
     "   (the section only speaks of acmeFanProfileTable)",
     "o  acmeFanEnable: turning it off stops every fan and can\n"
     "   overheat the device.",
     "Name every writable object, or its table, with its risk."},
    {"security-readable-unaddressed",
     "Reports a Security Considerations section with no paragraph about "
     "readable objects: none that speaks of readable (or GET, NOTIFY, "
     "read-only) objects together with sensitivity, privacy, vulnerability "
     "or disclosure.",
     "RFC 4181 section 3.4: saying nothing about a category is not read as "
     "\"no risk\".  Readable values (and index values, which travel in "
     "instance identifiers) can reveal topology, identities or secrets.",
     "a section that covers writable objects and SNMPv3 only",
     "Some readable objects in this module may be sensitive: acmeFanTable\n"
     "reveals the hardware make-up of a device ...",
     "Add the readable-objects paragraph, or say why none is sensitive."},
    {"security-snmpv3-missing",
     "Reports a Security Considerations section that does not carry the "
     "SNMPv3 recommendation in substance: it must mention SNMPv3 (or RFC "
     "3410), the User-based Security Model (USM, RFC 3414), authentication "
     "and privacy.  The message names what is missing.  Documents whose "
     "modules define only textual conventions are exempt.",
     "RFC 3410 section 8 and the OPS template: SNMP before version 3 cannot "
     "control who reads or writes, so implementations should offer SNMPv3 "
     "with USM authentication and privacy.",
     "Use SNMPv3 where possible.",
     "Implementations SHOULD provide the SNMPv3 security features\n"
     "[RFC3410]; those claiming SNMPv3 compliance MUST support\n"
     "authentication and privacy through the User-based Security\n"
     "Model [RFC3414] ...",
     "Adapt the template's SNMPv3 paragraphs."},
    {"security-writable-claim-false",
     "Reports a sentence of the Security Considerations section that says "
     "the module has no writable objects (a negation shortly before "
     "read-write, read-create or writable, or \"all objects are "
     "read-only\") while the module has read-write or read-create objects.  "
     "A sentence that names one of them is not taken as such a claim.",
     "RFC 4181 section 3.4: the section records the authors' evaluation of "
     "their own objects; a pasted \"no writable objects\" paragraph hides "
     "exactly the objects that need protection.",
     "There are no management objects defined in this MIB module that\n"
     "have a MAX-ACCESS clause of read-write and/or read-create.\n"
     "   (while acmeFanEnable is read-write)",
     "acmeFanEnable is read-write; setting it to false stops the fans.",
     "Replace the claim with the list of writable objects and their risks."},
    {"security-no-writable-statement",
     "Notes a document whose modules have no read-write or read-create "
     "object and whose Security Considerations section does not say so.  "
     "For modules with no objects at all (textual conventions only), a "
     "statement that they define no objects is enough.",
     "RFC 4181 section 3.4 and the template ask for each category to be "
     "addressed explicitly, so readers need not guess whether writes were "
     "considered.",
     "a read-only module whose section speaks only of readable objects",
     "There are no management objects defined in this MIB module that\n"
     "have a MAX-ACCESS clause of read-write and/or read-create, so SET\n"
     "operations cannot alter or create its data.",
     "Add the sentence."},
    {"security-template-outdated",
     "Notes a Security Considerations section whose SNMPv3 recommendation "
     "is the older one: it mentions SNMPv3, USM, authentication and privacy "
     "but not AES (RFC 3826), or not the Transport Security Model (RFC "
     "5591) with SSH or TLS/DTLS.",
     "The OPS area's template (last changed in 2018) asks for AES with USM "
     "and mentions TSM over SSH (RFC 5592) and TLS/DTLS (RFC 6353); RFC "
     "4181 section 3.4 ties the section to the current template.",
     "... full support for the SNMPv3 cryptographic mechanisms (for\n"
     "authentication and privacy).",
     "... authentication and privacy via the User-based Security Model\n"
     "(USM) [RFC3414] with the AES cipher algorithm [RFC3826], and MAY\n"
     "support the Transport Security Model (TSM) [RFC5591] with SSH\n"
     "[RFC5592] or TLS/DTLS [RFC6353].",
     "Take the SNMPv3 paragraphs of the current template."},
    {"security-reference-missing",
     "Reports an RFC cited in the Security Considerations section ([RFC3826], "
     "RFC 3826) that no references section lists.",
     "RFC 4181 section 3.6: every document the text relies on is listed; the "
     "security template's RFCs (3414, 3826, 5591, 5592, 6353) are normative.",
     "... with the AES cipher algorithm [RFC3826] ...\n"
     "   (no RFC 3826 among the references)",
     "[RFC3826]  Blumenthal, U., Maino, F., and K. McCloghrie, \"The\n"
     "           Advanced Encryption Standard (AES) Cipher Algorithm in\n"
     "           the SNMP User-based Security Model\", RFC 3826.",
     "Add the reference."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_security = {"security", checks, docs};
