/* The module family: the module's language, its identity text, and the
 * substance of DESCRIPTION clauses (RFC 4181 sections 3.3, 4.5, 4.6.2).
 * secret-readable lives here too: it runs on a bare module, without the
 * document the security family reads. */
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "checker/util.h"
#include "rules/check.h"
#include "rules/smiwalk.h"

/* ---- module-smiv1 ---- */

static void check_module_smiv1(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (m->language != SMI_LANGUAGE_SMIV1)
        return;
    /* libsmi takes an SMIv2 module whose SNMPv2-SMI import failed, or a
     * TC-only module that imports nothing from SNMPv2-SMI, for SMIv1;
     * SMIv2 macros in the text mean it is not written in SMIv1. */
    int from = ctx->span ? ctx->span->line : 0;
    int to = ctx->span ? ctx->span->end_line : 0;
    static const char *const smiv2_words[] = {"MODULE-IDENTITY", "MAX-ACCESS",
                                              "OBJECT-GROUP", "TEXTUAL-CONVENTION",
                                              "NOTIFICATION-TYPE", "OBJECT-IDENTITY",
                                              "MODULE-COMPLIANCE", NULL};
    for (size_t i = 0; smiv2_words[i]; i++)
        if (span_keyword_line(ctx, smiv2_words[i], from, to))
            return;
    /* a module of OBJECT IDENTIFIER values only is in neither language */
    static const char *const smiv1_words[] = {"ACCESS", "TRAP-TYPE", "mandatory",
                                              "RFC1155-SMI", "RFC-1212", "RFC-1215",
                                              "RFC1065-SMI", NULL};
    bool v1 = false;
    for (size_t i = 0; smiv1_words[i] && !v1; i++)
        v1 = span_keyword_line(ctx, smiv1_words[i], from, to) != 0;
    if (!v1)
        return;
    report_finding(ctx, RULE_module_smiv1, from, NULL,
                   "module `%s' is written in SMIv1 (RFC 1155/1212); new and "
                   "revised modules must be SMIv2: convert it to the macros of "
                   "SNMPv2-SMI, SNMPv2-TC and SNMPv2-CONF (RFC 2578-2580, RFC 3584)",
                   m->name);
}

/* ---- contact-no-address ---- */

static bool has_address(const char *s)
{
    /* spelled-out and template addresses count too: "iana&iana.org",
     * "support at example dot com", "cs-<list>@cisco.com", "jd@ example. com" */
    return text_matches(s, "[a-z0-9._%+=<>-]+ *(@|\\[at\\]|\\(at\\)) *[a-z0-9-]+( ?\\. ?[a-z0-9-]+)+") ||
           text_matches(s, "[a-z0-9._-]+&[a-z0-9-]+(\\.[a-z0-9-]+)+") ||
           text_matches(s, "[a-z0-9._-]+ (at|AT) [a-z0-9-]+ (dot|DOT) [a-z]{2,}") ||
           text_matches(s, "(mailto:|https?://|ftp://|www\\.[a-z0-9-]+\\.)") ||
           /* a pointer to the vendor's root module, which has the address */
           text_matches(s, "see [A-Za-z0-9-]+-(MIB|SMI)");
}

static void check_contact_no_address(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    SmiNode *id = smiGetModuleIdentityNode(m);
    if (!id || !m->contactinfo)
        return;
    /* empty text is libsmi's empty-contact */
    const char *p = m->contactinfo;
    while (*p && isspace((unsigned char)*p))
        p++;
    if (!*p || has_address(m->contactinfo))
        return;
    int line = span_keyword_line(ctx, "CONTACT-INFO", smiGetNodeLine(id), 0);
    report_finding(ctx, RULE_contact_no_address, line ? line : smiGetNodeLine(id),
                   id->name,
                   "CONTACT-INFO gives no e-mail address or URL; add an "
                   "electronic address (for an IETF module, the working "
                   "group's mailing list) so readers can reach the authors");
}

/* ---- description-trivial ---- */

/* Words that add nothing when a DESCRIPTION restates its descriptor. */
static bool filler_word(const char *w)
{
    static const char *const words[] = {"the", "a", "an", "of", "this", "object",
                                        "value", NULL};
    for (size_t i = 0; words[i]; i++)
        if (!strcasecmp(w, words[i]))
            return true;
    return false;
}

static bool placeholder_word(const char *w)
{
    static const char *const words[] = {"tbd", "todo", "fixme", "xxx", "description",
                                        "none", "na", "tba", "placeholder", NULL};
    for (size_t i = 0; words[i]; i++)
        if (!strcasecmp(w, words[i]))
            return true;
    return false;
}

/* Is code point cp a letter or a digit, in any script?  Beyond ASCII the
 * C library's Unicode tables say, through a UTF-8 locale object made on
 * the first such code point (*loc, *tried; the process locale is left
 * alone); where the library has no UTF-8 locale, every code point beyond
 * ASCII counts. */
static bool word_char(unsigned cp, locale_t *loc, bool *tried)
{
    if (cp < 0x80)
        return isalnum((int)cp);
    if (!*tried) {
        *tried = true;
        *loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return !*loc || iswalnum_l((wint_t)cp, *loc);
}

/* Why text says nothing beyond the name descr, or NULL when it says
 * something.  kind names what is described, for the message. */
static const char *trivial_reason(const char *text, const char *descr)
{
    if (!text)
        return NULL;
    size_t len = strlen(text);
    char *norm = xmalloc(len + 1);
    size_t n = 0, chars = 0;
    locale_t loc = (locale_t)0;
    bool tried = false;
    /* collapse whitespace and punctuation to single spaces; letters are
     * code points (a byte that is not UTF-8 reads as Latin-1, as in the
     * reports), so text in any script counts as much as English */
    for (size_t i = 0; i < len;) {
        const unsigned char *p = (const unsigned char *)text + i;
        unsigned cp = *p;
        size_t l = utf8_decode(p, len - i, &cp);
        if (l == 0)
            l = 1;
        if (word_char(cp, &loc, &tried)) {
            memcpy(norm + n, p, l);
            n += l;
            chars++;
        } else if (n && norm[n - 1] != ' ') {
            norm[n++] = ' ';
            chars++;
        }
        i += l;
    }
    if (loc)
        freelocale(loc);
    while (n && norm[n - 1] == ' ') {
        n--;
        chars--;
    }
    norm[n] = '\0';
    const char *why = NULL;
    if (n == 0) {
        why = NULL; /* no letter or digit: libsmi's empty-description */
    } else if (chars < 10) {
        why = "is under 10 characters";
    } else {
        char dw[16][32];
        size_t ndw = descr ? camel_words(descr, dw, 16) : 0;
        bool all_name = ndw > 0, all_placeholder = true, any = false;
        size_t nwords = 0;
        for (char *save = NULL, *w = strtok_r(norm, " ", &save); w;
             w = strtok_r(NULL, " ", &save)) {
            nwords++;
            if (!placeholder_word(w))
                all_placeholder = false;
            if (filler_word(w))
                continue;
            any = true;
            bool found = descr && !strcasecmp(w, descr);
            for (size_t i = 0; i < ndw && !found; i++)
                found = !strcasecmp(w, dw[i]);
            if (!found)
                all_name = false;
        }
        if (all_placeholder)
            why = "is only placeholder text";
        else if (all_name && any && nwords <= 8)
            why = "only restates the descriptor";
    }
    free(norm);
    return why;
}

static void report_trivial(struct check_ctx *ctx, int line, const char *object,
                           const char *what, const char *why, const char *advice)
{
    report_finding(ctx, RULE_description_trivial, line, object,
                   "the DESCRIPTION of %s %s; %s", what, why, advice);
}

static const char *advice_for(SmiNode *n)
{
    switch (n->nodekind) {
    case SMI_NODEKIND_SCALAR:
    case SMI_NODEKIND_COLUMN:
        return "say what the value means, its unit and bounds, when it "
               "changes, and how a manager uses it";
    case SMI_NODEKIND_NOTIFICATION:
        return "say what event sends it, what its objects tell, and how "
               "often it may be sent";
    case SMI_NODEKIND_TABLE:
    case SMI_NODEKIND_ROW:
        return "say what a row stands for, who creates and deletes rows, "
               "and when";
    default:
        return "say what it stands for and how it is used";
    }
}

static bool is_rfc_pointer(const char *text)
{
    /* "RFC 2863" is the substance of a REVISION of a published module */
    return text_matches(text, "rfc[ -]?[0-9]{3,5}");
}

/* Definitions whose name or type already carries their meaning: an
 * OBJECT-IDENTITY naming a standard ("ITU V.21"), conformance groups and
 * statements (their members say what they hold), RowStatus and StorageType
 * columns (RFC 2579 defines them), and obsolete definitions. */
static bool substance_expected(SmiNode *n)
{
    if (n->status == SMI_STATUS_OBSOLETE)
        return false;
    switch (n->nodekind) {
    case SMI_NODEKIND_GROUP:
    case SMI_NODEKIND_COMPLIANCE:
    case SMI_NODEKIND_CAPABILITIES:
        return false;
    default:
        break;
    }
    if (n->decl == SMI_DECL_OBJECTIDENTITY)
        return false;
    if (node_is_tc(n, "SNMPv2-TC", "RowStatus") || node_is_tc(n, "SNMPv2-TC", "StorageType"))
        return false;
    return true;
}

static void check_description_trivial(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    SmiNode *id = smiGetModuleIdentityNode(m);
    const char *why;
    for (SmiNode *n = smiGetFirstNode(m, SMI_NODEKIND_ANY); n;
         n = smiGetNextNode(n, SMI_NODEKIND_ANY)) {
        if (!n->name || !substance_expected(n))
            continue;
        const char *text = n == id && m->description ? m->description : n->description;
        if ((why = trivial_reason(text, n->name))) {
            char *what = xasprintf("`%s'", n->name);
            report_trivial(ctx, smiGetNodeLine(n), n->name, what, why, advice_for(n));
            free(what);
        }
    }
    for (SmiType *t = smiGetFirstType(m); t; t = smiGetNextType(t)) {
        if (!t->name || t->decl != SMI_DECL_TEXTUALCONVENTION)
            continue;
        if ((why = trivial_reason(t->description, t->name))) {
            char *what = xasprintf("textual convention `%s'", t->name);
            report_trivial(ctx, smiGetTypeLine(t), t->name, what, why,
                           "say what values of the type mean and how objects "
                           "of the type are used");
            free(what);
        }
    }
    for (SmiRevision *r = smiGetFirstRevision(m); r; r = smiGetNextRevision(r)) {
        if (is_rfc_pointer(r->description) ||
            text_matches(r->description, "^[[:space:]]*(initial|first|original)"))
            continue;
        /* a revision's text is about the change, not about a name */
        if ((why = trivial_reason(r->description, NULL)))
            report_trivial(ctx, smiGetRevisionLine(r), id ? id->name : NULL,
                           "this REVISION", why,
                           "summarise what changed in the revision (and, for an "
                           "IETF module, name its RFC)");
    }
}

/* ---- secret-readable ---- */

static bool word_in(const char *w, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (!strcasecmp(w, set[i]))
            return true;
    return false;
}

/* Does the descriptor name a secret?  The secret word must end the
 * descriptor (or be followed only by a word for its text form), so that
 * fooPasswordLength or fooKeyIndex, which describe a secret, do not count. */
static const char *secret_word(const char *descr, const char *text)
{
    static const char *const secrets[] = {"Password", "Passwd", "Passphrase",
                                          "Secret", "Credential", "Credentials",
                                          "Psk", "Community", NULL};
    static const char *const tails[] = {"String", "Str", "Value", "Text", "Name", NULL};
    /* a "key" is a secret only when it keys authentication or encryption */
    static const char *const key_kinds[] = {"Auth", "Authentication", "Priv", "Privacy",
                                            "Encryption", "Encrypt", "Crypto", "Secret",
                                            "Shared", "Private", "Preshared", "Psk",
                                            "Wep", "Wpa", "Md5", "Des", "Aes", "Hmac",
                                            "Cipher", "Master", "Pre", NULL};
    static const char *const public_keys[] = {"Public", "Pub", "Host", "Sort", "Search",
                                              "Lookup", "Hash", "Index", "Primary", NULL};
    char w[16][32];
    size_t n = camel_words(descr, w, 16);
    if (n < 2)
        return NULL;
    size_t last = n - 1;
    if (word_in(w[last], tails) && last > 1)
        last--;
    if (word_in(w[last], secrets)) {
        /* "fooCommunityName" is the string; "fooCommunity" too */
        if (!strcasecmp(w[last], "Community") && last != n - 1 &&
            strcasecmp(w[n - 1], "String") && strcasecmp(w[n - 1], "Name"))
            return NULL;
        return "secret";
    }
    if (!strcasecmp(w[n - 1], "Key") || !strcasecmp(w[n - 1], "Keys")) {
        /* public and host keys are meant to be published */
        if (word_in(w[n - 2], public_keys))
            return NULL;
        if (word_in(w[n - 2], key_kinds))
            return "key";
        if (text_matches(text, "(secret|encrypt|authenticat|cipher|password)"))
            return "key";
    }
    return NULL;
}

/* Does the text promise that reads return nothing useful? */
static bool read_hidden(const char *text)
{
    return text_matches(text,
                        "(zero[- ]length|length (of )?zero|length 0|empty (octet )?string|"
                        "null string|zero[- ]sized|"
                        "(return|retrieve|read|get)[a-z]* [a-z ,]{0,40}(nothing|"
                        "empty|blank|asterisks|\\*+|a fixed|no value|zeros|obscured|masked)|"
                        "(not|never) (be )?(readable|returned|retrievable|displayed|shown|revealed)|"
                        "only (be )?(accessible|readable|visible|retrievable)|"
                        "cannot be (read|retrieved)|write[- ]only|always returns?|"
                        "returns? (a |an |the )?(zero|null|hidden|masked|encrypted|hashed)|is hidden|"
                        "encrypted form|hashed)");
}

static void check_secret_readable(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    for (SmiNode *n = smiGetFirstNode(m, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN); n;
         n = smiGetNextNode(n, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN)) {
        if (!n->name)
            continue;
        if (n->access != SMI_ACCESS_READ_ONLY && n->access != SMI_ACCESS_READ_WRITE)
            continue;
        SmiType *t = smiGetNodeType(n);
        if (!t || t->basetype != SMI_BASETYPE_OCTETSTRING)
            continue;
        const char *kind = secret_word(n->name, n->description);
        if (!kind || read_hidden(n->description) || type_chain_says(t, read_hidden))
            continue;
        report_finding(ctx, RULE_secret_readable, smiGetNodeLine(n), n->name,
                       "`%s' holds a %s and is readable (%s); make reads return "
                       "a zero-length string and say so in the DESCRIPTION, or "
                       "make it not readable",
                       n->name, kind,
                       n->access == SMI_ACCESS_READ_WRITE ? "read-write" : "read-only");
    }
}

/* ---- revision-date-two-digit-year ---- */

static bool finding_at(const struct check_ctx *ctx, const char *rule, int line)
{
    for (size_t i = 0; i < ctx->out->len; i++)
        if (ctx->out->items[i].line == line && !strcmp(ctx->out->items[i].rule, rule))
            return true;
    return false;
}

static void check_revision_date_two_digit_year(struct check_ctx *ctx)
{
    /* libsmi gives dates as time_t only, so the written form is read from
     * the tokens: the string after LAST-UPDATED or REVISION */
    if (!ctx->tokens || !ctx->span || ctx->module->language != SMI_LANGUAGE_SMIV2)
        return;
    const struct token *v = ctx->tokens->v;
    size_t end = ctx->span->end_tok < ctx->tokens->len ? ctx->span->end_tok : ctx->tokens->len;
    /* RFC 4181 4.5 asks for four-digit years when a module is revised: a
     * module that has some four-digit dates was revised after the
     * two-digit era and kept the old form elsewhere */
    bool revised = false;
    for (size_t i = ctx->span->first_tok; i + 1 < end; i++)
        if (v[i].kind == TOK_WORD && v[i + 1].kind == TOK_STRING && v[i + 1].len == 13 &&
            (tok_is(&v[i], "LAST-UPDATED") || tok_is(&v[i], "REVISION")))
            revised = true;
    if (!revised)
        return;
    for (size_t i = ctx->span->first_tok; i + 1 < end; i++) {
        if (v[i].kind != TOK_WORD || v[i + 1].kind != TOK_STRING)
            continue;
        if (!tok_is(&v[i], "LAST-UPDATED") && !tok_is(&v[i], "REVISION"))
            continue;
        if (v[i + 1].len != 11)
            continue;
        int line = v[i + 1].line;
        /* libsmi already speaks of two-digit years before 1990 */
        if (finding_at(ctx, "smi-date-year-2digits", line))
            continue;
        report_finding(ctx, RULE_revision_date_two_digit_year, line, NULL,
                       "%.*s date \"%.*s\" keeps a two-digit year in a module "
                       "revised with four-digit dates; write it as \"19%.*s\"",
                       (int)v[i].len, v[i].text, (int)v[i + 1].len, v[i + 1].text,
                       (int)v[i + 1].len, v[i + 1].text);
    }
}

static const check_fn checks[] = {check_module_smiv1, check_contact_no_address,
                                  check_description_trivial, check_secret_readable,
                                  check_revision_date_two_digit_year, NULL};

static const struct rule_doc docs[] = {
    {"module-smiv1",
     "Reports a module written in SMIv1: OBJECT-TYPE from RFC-1212, types "
     "from RFC1155-SMI, ACCESS and STATUS mandatory, TRAP-TYPE.  A module that "
     "uses SMIv2 keywords but failed to import SNMPv2-SMI is not reported "
     "here; the failed import is.",
     "RFC 4181 section 3.3: SMIv1 is not recommended, and IETF modules must be "
     "written in SMIv2 (RFC 2578, 2579, 2580).  SMIv2 has Counter64, "
     "MODULE-IDENTITY with revisions, conformance groups and textual "
     "conventions, which tools and reviewers rely on.",
     "IMPORTS OBJECT-TYPE FROM RFC-1212 enterprises FROM RFC1155-SMI;\n"
     "acmeFanSpeed OBJECT-TYPE\n    SYNTAX INTEGER\n    ACCESS read-only\n"
     "    STATUS mandatory\n    ::= { acmeFan 1 }",
     "IMPORTS MODULE-IDENTITY, OBJECT-TYPE, Unsigned32 FROM SNMPv2-SMI;\n"
     "acmeFanSpeed OBJECT-TYPE\n    SYNTAX Unsigned32 (0..20000)\n"
     "    UNITS \"rpm\"\n    MAX-ACCESS read-only\n    STATUS current\n"
     "    DESCRIPTION \"...\"\n    ::= { acmeFan 1 }",
     "Convert the module as RFC 3584 section 2 describes: add MODULE-IDENTITY, "
     "use MAX-ACCESS and STATUS current, turn TRAP-TYPE into NOTIFICATION-TYPE "
     "under a 0 arc, and add conformance groups."},
    {"contact-no-address",
     "Reports a MODULE-IDENTITY whose CONTACT-INFO holds neither an e-mail "
     "address nor a URL (an empty clause is libsmi's smi-empty-contact).",
     "RFC 2578 section 5.3 and RFC 4181 section 4.5: CONTACT-INFO says how to "
     "reach the people responsible for the module; a name or a phone number "
     "alone goes stale and cannot be used from a tool.  IETF modules give the "
     "working group's mailing list.",
     "CONTACT-INFO \"Acme customer support, phone +1 555 0100\"",
     "CONTACT-INFO \"Acme customer support\n              E-mail: mib-support@example.com\"",
     "Add an e-mail address or a web address that will keep working."},
    {"description-trivial",
     "Reports a DESCRIPTION (of the module, a definition, a textual "
     "convention or a REVISION) that says nothing: under 10 characters once "
     "punctuation is dropped (letters and digits of any script count, one per "
     "character), only the words of its own descriptor (with "
     "\"the\", \"of\", \"value\" and the like), or only a placeholder such as "
     "TBD.  A REVISION that just names its RFC is fine.",
     "RFC 2578 sections 5.4 and 7.5 and RFC 4181 section 4.6.2 (and Appendix A "
     "item 10): the DESCRIPTION is where the semantics live; independent "
     "implementations can only agree on them if they are written down.",
     "acmeFanSpeed OBJECT-TYPE ... DESCRIPTION \"Fan speed.\"",
     "acmeFanSpeed OBJECT-TYPE ... DESCRIPTION \"The rotation speed of the fan\n"
     "    as measured by its tachometer; 0 when the fan is stopped.\"",
     "Write what the value means, its unit and bounds, when it changes and "
     "what a manager does with it."},
    {"secret-readable",
     "Reports a readable OCTET STRING object whose descriptor names a secret "
     "(password, passphrase, secret, community string, or an authentication or "
     "encryption key) when neither its DESCRIPTION nor its textual "
     "convention says that reads return nothing (a zero-length string, "
     "for instance).",
     "RFC 4181 section 3.4 and the OPS area security guidelines: secrets must "
     "not be disclosed to anyone who can read the MIB; SNMPv1 and v2c send "
     "them in clear text, and read access is granted far more widely than "
     "write access.",
     "acmeRadiusSecret OBJECT-TYPE\n    SYNTAX OCTET STRING (SIZE (0..64))\n"
     "    MAX-ACCESS read-create\n"
     "    DESCRIPTION \"The shared secret of the RADIUS server.\"",
     "acmeRadiusSecret OBJECT-TYPE\n    SYNTAX OCTET STRING (SIZE (0..64))\n"
     "    MAX-ACCESS read-create\n"
     "    DESCRIPTION \"The shared secret of the RADIUS server.  Reading\n"
     "    this object always returns a zero-length string.\"",
     "Make the agent return a zero-length string on reads and document it, "
     "or make the object not readable (a write-only idiom such as KeyChange "
     "of RFC 3414)."},
    {"revision-date-two-digit-year",
     "Notes a LAST-UPDATED or REVISION date of an SMIv2 module written in "
     "the eleven-character form YYMMDDHHMMZ when other dates of the module "
     "have four-digit years, that is, when the module was revised and kept "
     "the old form.  (Dates before 1990 in that form are libsmi's "
     "smi-date-year-2digits and are not repeated.)",
     "RFC 4181 section 4.5 and RFC 2578 section 2: the two-digit form is "
     "only kept for dates before 2000 in old modules; when a module is "
     "revised, all its dates should use the four-digit year.",
     "REVISION \"9901251200Z\"",
     "REVISION \"199901251200Z\"",
     "Rewrite the dates with four-digit years the next time the module is "
     "revised."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_module = {"module", checks, docs};
