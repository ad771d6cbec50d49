/* Unit tests of the pieces: findings, lexer and module finder, config
 * patterns, search path, file helpers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker/baseline.h"
#include "checker/capabilities.h"
#include "checker/clauses.h"
#include "checker/config.h"
#include "checker/configfile.h"
#include "checker/extract.h"
#include "checker/findings.h"
#include "checker/lexer.h"
#include "checker/load.h"
#include "checker/oidfacts.h"
#include "checker/penreg.h"
#include "checker/path.h"
#include "checker/summary.h"
#include "checker/suppress.h"
#include "checker/util.h"
#include "reports/report.h"
#include "rules/oid.h"
#include "rules/rules.h"

START_TEST(test_findings_sort_and_json)
{
    struct finding_list l = {0};
    finding_add(&l, "b-rule", SEV_WARNING, "b.mib", 3, "B", NULL, "two");
    finding_add(&l, "a-rule", SEV_ERROR, "a.mib", 9, "A", "obj", "x %d", 1);
    struct finding *f = finding_add(&l, "a-rule", SEV_INFO, "b.mib", 3, "B", NULL, "one");
    finding_add_note(f, "c.mib", 7, "smi-previous-definition", "see \"here\"\n");
    finding_list_sort(&l);
    ck_assert_str_eq(l.items[0].file, "a.mib");
    ck_assert_str_eq(l.items[1].rule, "a-rule");
    ck_assert_str_eq(l.items[2].rule, "b-rule");

    char *js = finding_to_json(&l.items[1]);
    ck_assert_ptr_null(strchr(js, '\n'));
    struct finding_list back = {0};
    ck_assert_int_eq(finding_from_json(&back, js), 0);
    ck_assert_str_eq(back.items[0].message, "one");
    ck_assert_int_eq(back.items[0].severity, SEV_INFO);
    ck_assert_uint_eq(back.items[0].n_notes, 1);
    ck_assert_str_eq(back.items[0].notes[0].message, "see \"here\"\n");
    ck_assert_int_eq(back.items[0].notes[0].line, 7);
    ck_assert_int_ne(finding_from_json(&back, "{\"rule\":1}"), 0);
    ck_assert_int_ne(finding_from_json(&back, "not json"), 0);
    free(js);
    finding_list_free(&back);
    finding_list_free(&l);
}
END_TEST

START_TEST(test_severity_parse)
{
    ck_assert_int_eq(severity_parse("error", 0), SEV_ERROR);
    ck_assert_int_eq(severity_parse("info", 0), SEV_INFO);
    ck_assert_int_eq(severity_parse("never", 0), -1);
    ck_assert_int_eq(severity_parse("never", 1), SEV_NONE);
    ck_assert_int_eq(severity_parse("fatal", 1), -1);
}
END_TEST

static const char two_modules[] =
    "-- a comment with BEGIN and END\n"
    "FIRST-MIB DEFINITIONS ::= BEGIN\n"
    "IMPORTS a, b FROM SNMPv2-SMI -- inline -- c FROM SNMPv2-TC;\n"
    "x OBJECT IDENTIFIER ::= { a 1 } -- \"not a string\n"
    "END\n"
    "\n"
    "SECOND-MIB DEFINITIONS ::= BEGIN\n"
    "y OBJECT-TYPE DESCRIPTION \"multi\n line -- no comment\" ::= { x 2 }\n"
    "END\n";

START_TEST(test_lexer_modules)
{
    struct token_list tl = {0};
    lex_mib(two_modules, strlen(two_modules), &tl);
    struct module_span *m;
    size_t n = find_modules(&tl, &m);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(m[0].name, "FIRST-MIB");
    ck_assert_int_eq(m[0].line, 2);
    ck_assert_int_eq(m[0].end_line, 5);
    ck_assert_uint_eq(m[0].n_imports, 2);
    ck_assert_str_eq(m[0].imports[0], "SNMPv2-SMI");
    ck_assert_str_eq(m[0].imports[1], "SNMPv2-TC");
    ck_assert_str_eq(m[1].name, "SECOND-MIB");
    ck_assert_int_eq(m[1].line, 7);
    ck_assert_int_eq(m[1].end_line, 10);
    /* the string keeps its "--" and spans two lines */
    int found = 0;
    for (size_t i = 0; i < tl.len; i++)
        if (tl.v[i].kind == TOK_STRING && tl.v[i].line == 8) {
            found = 1;
            ck_assert(memmem(tl.v[i].text, tl.v[i].len, "-- no comment", 13) != NULL);
        }
    ck_assert(found);
    module_spans_free(m, n);
    token_list_free(&tl);
}
END_TEST

static const char caps_module[] =
    "CAPS-MIB DEFINITIONS ::= BEGIN\n"
    "acmeAgent AGENT-CAPABILITIES\n"
    "    PRODUCT-RELEASE \"1.0\" STATUS current DESCRIPTION \"x\"\n"
    "    SUPPORTS IF-MIB INCLUDES { ifGeneralInformationGroup,\n"
    "                               ifStackGroup2 }\n"
    "    VARIATION ifAdminStatus\n"
    "        SYNTAX INTEGER { up(1), down(2) }\n"
    "        WRITE-SYNTAX INTEGER { up(1) }\n"
    "        ACCESS read-only\n"
    "        DESCRIPTION \"no testing\"\n"
    "    VARIATION ifStackStatus\n"
    "        CREATION-REQUIRES { ifStackStatus }\n"
    "        DEFVAL { active }\n"
    "        DESCRIPTION \"x\"\n"
    "    SUPPORTS SNMPv2-MIB INCLUDES { systemGroup }\n"
    "    ::= { acme 1 }\n"
    "END\n";

/* The AGENT-CAPABILITIES reader: clauses, lines and the inventory. */
START_TEST(test_capabilities)
{
    struct token_list tl = {0};
    lex_mib(caps_module, strlen(caps_module), &tl);
    struct module_span *m;
    size_t nm = find_modules(&tl, &m);
    ck_assert_uint_eq(nm, 1);
    struct capability *caps;
    size_t n = capabilities_parse(&tl, &m[0], &caps);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(caps[0].name, "acmeAgent");
    ck_assert_uint_eq(caps[0].n_supports, 2);
    const struct cap_supports *s = &caps[0].supports[0];
    ck_assert_str_eq(s->module, "IF-MIB");
    ck_assert_uint_eq(s->n_includes, 2);
    ck_assert_str_eq(s->includes[1], "ifStackGroup2");
    ck_assert_int_eq(s->include_lines[1], 5);
    ck_assert_uint_eq(s->n_vars, 2);
    ck_assert_str_eq(s->vars[0].object, "ifAdminStatus");
    ck_assert_int_eq(s->vars[0].line, 6);
    char *t = cap_clause_text(&tl, &s->vars[0].syntax);
    ck_assert_str_eq(t, "INTEGER { up(1), down(2) }");
    free(t);
    ck_assert_int_eq(s->vars[0].write_syntax.line, 8);
    t = cap_clause_text(&tl, &s->vars[0].access);
    ck_assert_str_eq(t, "read-only");
    free(t);
    ck_assert_uint_eq(s->vars[1].syntax.from, s->vars[1].syntax.to);
    ck_assert_uint_eq(caps[0].supports[1].n_vars, 0);
    /* the SYNTAX of a VARIATION as the variation and agent rules read it */
    struct cap_syntax cs;
    cap_syntax_parse(NULL, &tl, &s->vars[0].syntax, &cs);
    ck_assert_str_eq(cs.base, "Integer32");
    ck_assert_ptr_null(cs.ranges);
    char *en = json_dumps(cs.enums, JSON_COMPACT);
    ck_assert_str_eq(en, "[[\"up\",1],[\"down\",2]]");
    free(en);
    cap_syntax_free(&cs);
    cap_syntax_parse(NULL, &tl, &s->vars[0].write_syntax, &cs);
    ck_assert_uint_eq(json_array_size(cs.enums), 1);
    cap_syntax_free(&cs);
    capabilities_free(caps, n);

    json_t *inv = capabilities_inventory(&tl, &m[0]);
    ck_assert_ptr_nonnull(inv);
    ck_assert_uint_eq(json_array_size(inv), 2);
    char *dump = json_dumps(json_array_get(inv, 1), JSON_COMPACT | JSON_SORT_KEYS);
    ck_assert_str_eq(dump,
                     "{\"capability\":\"acmeAgent\",\"line\":11,\"object\":"
                     "\"ifStackStatus\",\"supports\":\"IF-MIB\",\"varies\":"
                     "{\"creation-requires\":\"{ ifStackStatus }\",\"defval\":"
                     "\"{ active }\"}}");
    free(dump);

    /* the inventory travels with the module record over the pipe */
    struct module_records mr = {0};
    module_records_add(&mr, "CAPS-MIB", "caps.mib", 1, "SMIv2", "checked");
    mr.v[0].variations = json_dumps(inv, JSON_COMPACT);
    char *line = module_record_to_json(&mr.v[0]);
    struct module_records back = {0};
    ck_assert_int_eq(module_record_from_json(&back, line), 0);
    ck_assert_str_eq(back.v[0].variations, mr.v[0].variations);
    free(line);
    module_records_free(&back);
    module_records_free(&mr);
    json_decref(inv);
    module_spans_free(m, nm);
    token_list_free(&tl);
}
END_TEST

/* Value sets of ranges, as the compat and capability rules compare them. */
START_TEST(test_value_ranges)
{
    struct value_interval a[8], b[8];
    size_t na = parse_value_ranges("0..255", a, 8);
    size_t nb = parse_value_ranges("0..1024", b, 8);
    ck_assert_uint_eq(na, 1);
    ck_assert(value_ranges_cover(b, nb, a, na));
    ck_assert(!value_ranges_cover(a, na, b, nb));
    na = parse_value_ranges("-5..-1 | 3 | 10..20", a, 8);
    ck_assert_uint_eq(na, 3);
    nb = parse_value_ranges("3 | 12..15", b, 8);
    ck_assert(value_ranges_cover(a, na, b, nb));
    nb = parse_value_ranges("18446744073709551615", b, 8);
    na = parse_value_ranges(implicit_value_range("Counter64", 0), a, 8);
    ck_assert(value_ranges_cover(a, na, b, nb));
    ck_assert_ptr_null(implicit_value_range("IpAddress", 0));
    char d[17];
    ck_assert_int_eq(last_updated_date("9406140000Z", d), 0);
    ck_assert_str_eq(d, "1994-06-14 00:00");
    ck_assert_int_eq(last_updated_date("200006141530Z", d), 0);
    ck_assert_str_eq(d, "2000-06-14 15:30");
    ck_assert_int_eq(last_updated_date("June 2000", d), -1);
}
END_TEST

static const char clause_module[] =
    "CLAUSE-MIB DEFINITIONS ::= BEGIN\n"
    "IMPORTS OBJECT-TYPE, MODULE-IDENTITY FROM SNMPv2-SMI;\n"
    "clauseMIB MODULE-IDENTITY LAST-UPDATED \"202611260000Z\"\n"
    "  DESCRIPTION \"MAX-ACCESS read-create in a string\" ::= { x 1 }\n"
    "Row ::= SEQUENCE { aOid OBJECT IDENTIFIER, bStatus RowStatus }\n"
    "bStatus OBJECT-TYPE SYNTAX RowStatus\n"
    "  MAX-ACCESS read-create -- comment: MAX-ACCESS read-only\n"
    "  STATUS current ::= { row 2 }\n"
    "cOld OBJECT-TYPE SYNTAX INTEGER ACCESS read-write STATUS mandatory ::= { row 3 }\n"
    "Level ::= TEXTUAL-CONVENTION STATUS current DESCRIPTION \"x\" SYNTAX INTEGER\n"
    "bStatus OBJECT IDENTIFIER ::= { row 9 }\n"
    "END\n";

START_TEST(test_clauses)
{
    struct token_list tl = {0};
    lex_mib(clause_module, strlen(clause_module), &tl);
    struct module_span *m;
    ck_assert_uint_eq(find_modules(&tl, &m), 1);
    struct def_index idx;
    def_index_build(&tl, &m[0], &idx);
    /* IMPORTS and SEQUENCE members are not definitions */
    ck_assert_ptr_null(def_find(&idx, "IMPORTS"));
    ck_assert_ptr_null(def_find(&idx, "aOid"));
    ck_assert_ptr_null(def_find(&idx, "nothing"));
    ck_assert_ptr_null(def_find(NULL, "bStatus"));

    const struct mib_def *id = def_find(&idx, "clauseMIB");
    ck_assert_ptr_nonnull(id);
    ck_assert_int_eq(id->line, 3);
    const struct token *lu = def_clause_value(&tl, id, "LAST-UPDATED");
    ck_assert_ptr_nonnull(lu);
    ck_assert(lu->kind == TOK_STRING && lu->len == 13);
    /* a keyword inside a string is not a clause */
    ck_assert_ptr_null(def_clause_value(&tl, id, "MAX-ACCESS"));

    /* the first of two definitions of a name, and its own clause only */
    const struct mib_def *b = def_find(&idx, "bStatus");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->line, 6);
    ck_assert(tok_is(def_access(&tl, b), "read-create"));
    ck_assert(tok_is(def_clause_value(&tl, b, "STATUS"), "current"));
    ck_assert_ptr_null(def_clause_value(&tl, b, "DEFVAL"));
    /* SMIv1 ACCESS */
    ck_assert(tok_is(def_access(&tl, def_find(&idx, "cOld")), "read-write"));
    /* a TEXTUAL-CONVENTION runs to the next definition */
    const struct mib_def *lv = def_find(&idx, "Level");
    ck_assert_ptr_nonnull(lv);
    ck_assert(tok_is(def_clause_value(&tl, lv, "SYNTAX"), "INTEGER"));
    ck_assert_ptr_null(def_access(&tl, lv));
    def_index_free(&idx);
    module_spans_free(m, 1);
    token_list_free(&tl);
}
END_TEST

START_TEST(test_lexer_hostile)
{
    /* no END, unterminated string, CR line ends, NUL bytes */
    const char text[] = "A-MIB DEFINITIONS ::= BEGIN\rfoo \"open\r\r\0\0 x";
    struct token_list tl = {0};
    lex_mib(text, sizeof text - 1, &tl);
    struct module_span *m;
    size_t n = find_modules(&tl, &m);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(m[0].name, "A-MIB");
    ck_assert_int_eq(tl.v[tl.len - 1].line, 2);
    module_spans_free(m, n);
    token_list_free(&tl);
    n = find_modules(&tl, &m); /* empty input */
    ck_assert_uint_eq(n, 0);
    free(m);
}
END_TEST

/* Line n (1-based) of text, copied. */
static char *nth_line(const char *text, int n)
{
    const char *p = text;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return strdup("");
    size_t len = strcspn(p, "\n");
    return strndup(p, len);
}

static int count_lines(const char *text)
{
    int n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

START_TEST(test_extract_text_pages)
{
    /* a module split by a page break, and a MACRO whose END is not the
     * module's */
    const char text[] =
        "Network Working Group                                  J. Doe\n"  /* 1 */
        "Request for Comments: 9999                            Example\n"  /* 2 */
        "\n"
        "Table of Contents\n"
        "\n"
        "   1.  Definitions . . . . . . . . . . . . . . . . . . . .   2\n"  /* 6 */
        "\n"
        "1.  Definitions\n"                                                 /* 8 */
        "\n"
        "A-MIB DEFINITIONS ::= BEGIN\n"                                     /* 10 */
        "FOO MACRO ::=\n"
        "BEGIN\n"
        "END\n"
        "Doe                    Standards Track                  [Page 1]\n" /* 14 */
        "\f\n"
        "RFC 9999                  A MIB                      November 2026\n" /* 16 */
        "\n"
        "a OBJECT IDENTIFIER ::= { b 1 }\n"                                 /* 18 */
        "END\n"                                                             /* 19 */
        "\n"
        "2.  Security Considerations\n"                                     /* 21 */
        "\n"
        "   Nothing here.\n";                                               /* 23 */
    ck_assert_int_eq(document_kind(text, sizeof text - 1), DOC_TEXT);
    struct document d;
    document_parse(text, sizeof text - 1, DOC_TEXT, &d);
    ck_assert_uint_eq(d.n_problems, 0);
    ck_assert_int_eq(d.is_rfc, 1);
    ck_assert_uint_eq(d.rfc_number, 9999);
    ck_assert_int_eq(count_lines(d.modules), 23);
    char *l = nth_line(d.modules, 10);
    ck_assert_str_eq(l, "A-MIB DEFINITIONS ::= BEGIN");
    free(l);
    l = nth_line(d.modules, 14);   /* footer blanked */
    ck_assert_str_eq(l, "");
    free(l);
    l = nth_line(d.modules, 16);   /* running header blanked */
    ck_assert_str_eq(l, "");
    free(l);
    l = nth_line(d.modules, 19);   /* the module's own END */
    ck_assert_str_eq(l, "END");
    free(l);
    l = nth_line(d.modules, 23);   /* prose is not module text */
    ck_assert_str_eq(l, "");
    free(l);
    /* sections: the TOC line is not one */
    ck_assert_uint_eq(d.n_secs, 3);
    ck_assert_str_eq(d.secs[1].title, "Definitions");
    ck_assert_int_eq(d.secs[1].line, 8);
    ck_assert_str_eq(d.secs[2].number, "2");
    ck_assert_str_eq(d.secs[2].title, "Security Considerations");
    ck_assert_uint_eq(d.secs[2].end_para - d.secs[2].first_para, 1);
    ck_assert_str_eq(d.paras[d.secs[2].first_para].text, "Nothing here.");
    ck_assert_int_eq(d.paras[d.secs[2].first_para].line, 23);
    document_free(&d);
}
END_TEST

START_TEST(test_extract_text_hostile)
{
    /* no END: the module stops before the next heading, reported */
    const char text[] =
        "Internet-Draft                                        Example\n"
        "\n"
        "1.  Definitions\n"
        "\n"
        "   B-MIB DEFINITIONS ::= BEGIN\n"
        "   b OBJECT IDENTIFIER ::= { c 1 }\n"
        "\n"
        "2.  References\n"
        "\n"
        "   [RFC2578]  Someone, \"SMIv2\", RFC 2578.\n";
    struct document d;
    ck_assert_int_eq(document_kind(text, sizeof text - 1), DOC_TEXT);
    document_parse(text, sizeof text - 1, DOC_TEXT, &d);
    ck_assert_uint_eq(d.n_problems, 1);
    ck_assert_int_eq(d.problems[0].line, 5);
    char *l = nth_line(d.modules, 6);
    ck_assert_str_eq(l, "   b OBJECT IDENTIFIER ::= { c 1 }");
    free(l);
    l = nth_line(d.modules, 8);
    ck_assert_str_eq(l, "");
    free(l);
    document_free(&d);
    /* a plain module is not a document, even with RFC words in comments */
    const char mib[] = "-- Request for Comments: 1\nC-MIB DEFINITIONS ::= BEGIN\nEND\n";
    ck_assert_int_eq(document_kind(mib, sizeof mib - 1), DOC_NONE);
    /* empty input and a header only */
    document_parse("", 0, DOC_TEXT, &d);
    ck_assert_uint_eq(d.n_paras, 0);
    document_free(&d);
    document_parse("\f\f\f", 3, DOC_TEXT, &d);
    document_free(&d);
    const char cut[] = "Internet-Draft\n<CODE BEGINS>\nG-MIB DEFINITIONS ::= BEGIN\nEND\n";
    document_parse(cut, sizeof cut - 1, DOC_TEXT, &d);
    ck_assert_uint_eq(d.n_problems, 1);
    ck_assert_int_eq(d.problems[0].line, 2);
    document_free(&d);
}
END_TEST

START_TEST(test_extract_xml)
{
    const char text[] =
        "<?xml version=\"1.0\"?>\n"                                  /* 1 */
        "<rfc docName=\"draft-x-00\"><middle>\n"                     /* 2 */
        "<section><name>Definitions</name>\n"                        /* 3 */
        "<sourcecode type=\"mib\">\n"                                /* 4 */
        "D-MIB DEFINITIONS ::= BEGIN\n"                              /* 5 */
        "d OBJECT IDENTIFIER ::= { e 1 } -- a &lt; b\n"              /* 6 */
        "END\n"                                                      /* 7 */
        "</sourcecode>\n"
        "<sourcecode type=\"mib\"><![CDATA[\n"                       /* 9 */
        "E-MIB DEFINITIONS ::= BEGIN\n"                              /* 10 */
        "END\n"
        "]]></sourcecode>\n"
        "</section>\n"
        "<section><name>Security <tt>Considerations</tt></name>\n"  /* 14 */
        "<t>See <xref target=\"RFC3410\"/>.</t>\n"                   /* 15 */
        "</section></middle></rfc>\n";
    ck_assert_int_eq(document_kind(text, sizeof text - 1), DOC_XML);
    struct document d;
    document_parse(text, sizeof text - 1, DOC_XML, &d);
    ck_assert_uint_eq(d.n_problems, 0);
    char *l = nth_line(d.modules, 5);
    ck_assert_str_eq(l, "D-MIB DEFINITIONS ::= BEGIN");
    free(l);
    l = nth_line(d.modules, 6);
    ck_assert_str_eq(l, "d OBJECT IDENTIFIER ::= { e 1 } -- a < b");
    free(l);
    l = nth_line(d.modules, 10);
    ck_assert_str_eq(l, "E-MIB DEFINITIONS ::= BEGIN");
    free(l);
    ck_assert_uint_eq(d.n_secs, 2);
    ck_assert_str_eq(d.secs[1].title, "Security Considerations");
    ck_assert_int_eq(d.secs[1].line, 14);
    ck_assert_str_eq(d.paras[d.secs[1].first_para].text, "See [RFC3410].");
    document_free(&d);
    /* v2: references through external entities, never fetched */
    const char v2[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE rfc SYSTEM \"rfc2629.dtd\" [\n"
        "<!ENTITY RFC3414 SYSTEM \"http://xml.resource.org/public/rfc/bibxml/reference.RFC.3414.xml\">\n"
        "]>\n"
        "<rfc><back><references title=\"Normative References\">\n"
        "&RFC3414;\n&RFC2863;\n"
        "</references></back></rfc>\n";
    document_parse(v2, sizeof v2 - 1, DOC_XML, &d);
    ck_assert_uint_eq(d.n_problems, 0);
    ck_assert_uint_eq(d.n_secs, 1);
    ck_assert_str_eq(d.secs[0].title, "Normative References");
    ck_assert_uint_eq(d.n_paras, 2);
    ck_assert_str_eq(d.paras[0].text, "[RFC3414] RFC 3414");
    ck_assert_str_eq(d.paras[1].text, "[RFC2863] RFC 2863");
    document_free(&d);
}
END_TEST

START_TEST(test_extract_xml_hostile)
{
    /* malformed, an entity bomb, an empty mib sourcecode: problems, no
     * crash */
    const char *bad[] = {
        "<rfc><middle><section>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rfc [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
        "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\n"
        "<rfc><middle><section><name>x</name><t>&f;&f;&f;&f;&f;</t>"
        "</section></middle></rfc>\n",
        "<rfc><middle><section><sourcecode type=\"mib\">nothing</sourcecode>"
        "</section></middle></rfc>",
        "<rfc><middle><sourcecode type=\"mib\">F-MIB DEFINITIONS ::= BEGIN\n"
        "f OBJECT IDENTIFIER ::= { g 1 }</sourcecode></middle></rfc>",
        NULL};
    /* an external entity is never read */
    char path[] = "/tmp/mibcheck-unit-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "SECRETXYZ", 9), 9);
    close(fd);
    char *ext = xasprintf("<?xml version=\"1.0\"?>\n<!DOCTYPE rfc [<!ENTITY x "
                          "SYSTEM \"file://%s\">]>\n<rfc><middle><section>"
                          "<name>S</name><t>a &x; b</t></section></middle></rfc>\n",
                          path);
    struct document e;
    document_parse(ext, strlen(ext), DOC_XML, &e);
    for (size_t i = 0; i < e.n_paras; i++)
        ck_assert_ptr_null(strstr(e.paras[i].text, "SECRETXYZ"));
    document_free(&e);
    free(ext);
    unlink(path);
    for (size_t i = 0; bad[i]; i++) {
        struct document d;
        ck_assert_int_eq(document_kind(bad[i], strlen(bad[i])), DOC_XML);
        document_parse(bad[i], strlen(bad[i]), DOC_XML, &d);
        if (i != 1)
            ck_assert_uint_ge(d.n_problems, 1);
        document_free(&d);
    }
}
END_TEST

/* An emit callback of oid_facts_to_json: one line into a buf. */
static void buf_line(void *b, const char *line)
{
    buf_printf(b, "%s\n", line);
}

START_TEST(test_pen_registry)
{
    /* IANA's layout: header text, then number lines with indented
     * organisation, contact and e-mail lines */
    static const char text[] =
        "PRIVATE ENTERPRISE NUMBERS\n"
        "\n"
        "Decimal\n"
        "| Organization\n"
        "| | Contact\n"
        "9\r\n"
        "  ciscoSystems\r\n"
        "    Someone\r\n"
        "      someone&example.com\r\n"
        "2\n"
        "  IBM (https://www.ibm.com)\n"
        "    Someone Else\n"
        "      x&example.com\n"
        "77\n"
        "\n"
        "78 is not a number line\n"
        "  Not An Organisation\n";
    struct pen_registry reg = {0};
    pen_registry_parse(text, &reg);
    ck_assert_uint_eq(reg.len, 2);
    ck_assert_int_eq(reg.v[0].pen, 2);   /* sorted by number */
    ck_assert_str_eq(pen_registry_find(&reg, 9)->organization, "ciscoSystems");
    ck_assert_str_eq(pen_registry_find(&reg, 2)->organization, "IBM (https://www.ibm.com)");
    ck_assert_ptr_null(pen_registry_find(&reg, 77));
    ck_assert_ptr_null(pen_registry_find(&reg, 78));
    ck_assert_ptr_null(pen_registry_find(NULL, 9));
    pen_registry_free(&reg);

    char *err = NULL;
    ck_assert_int_eq(pen_registry_load("/nonexistent/registry", &reg, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "cannot read"));
    free(err);
}
END_TEST

START_TEST(test_org_names)
{
    char *k = org_key("  Acme Networks, Inc.\n");
    ck_assert_str_eq(k, "acme");         /* legal form and trade word gone */
    free(k);
    k = org_key("Networks Inc");
    ck_assert_str_eq(k, "networks");     /* kept when nothing else is left */
    free(k);
    k = org_key("");
    ck_assert_str_eq(k, "");
    free(k);
    ck_assert(org_similar("ACME NETWORKS LTD", "Acme Networks, Inc."));
    ck_assert(org_similar("ciscoSystems", "Cisco Systems, Inc."));
    ck_assert(!org_similar("ciscoSystems", "Acme Systems"));
    ck_assert(org_similar("Cisco Systems", "Cisco Systems, Inc."));
    ck_assert(!org_similar("Other Systems Corp.", "Acme Systems"));
    ck_assert(!org_similar("The Company Ltd", "Company of the Ltd"));
}
END_TEST

START_TEST(test_oid_facts)
{
    struct oid_facts f = {0}, back = {0};
    oid_facts_add_def(&f, "1.3.6.1.4.1.99999.1", "A-MIB", "aThing", "a.mib", 7,
                      OID_DEF_OBJECT);
    oid_facts_add_owner(&f, "A-MIB", "Acme \"Networks\"", "a.mib", 3, 99999);
    struct buf b = {0};
    oid_facts_to_json(&f, buf_line, &b);
    /* two lines, each a fact the parent reads back */
    char *nl = strchr(b.data, '\n');
    ck_assert_ptr_nonnull(nl);
    *nl = '\0';
    ck_assert_int_eq(oid_facts_from_json(&back, b.data), 1);
    ck_assert_int_eq(oid_facts_from_json(&back, nl + 1), 1);
    ck_assert_uint_eq(back.n_defs, 1);
    ck_assert_str_eq(back.defs[0].descriptor, "aThing");
    ck_assert_int_eq(back.defs[0].kind, OID_DEF_OBJECT);
    ck_assert_str_eq(back.owners[0].organization, "Acme \"Networks\"");
    ck_assert_int_eq(back.owners[0].pen, 99999);
    ck_assert_int_eq(oid_facts_from_json(&back, "{\"rule\":\"x\"}"), 0);
    ck_assert_int_eq(oid_facts_from_json(&back, "{\"oid_def\":{\"oid\":1}}"), -1);
    buf_free(&b);

    /* two modules on one OID collide; a second version of one does not */
    oid_facts_add_def(&back, "1.3.6.1.4.1.99999.1", "B-MIB", "bThing", "b.mib", 9,
                      OID_DEF_OBJECT);
    oid_facts_add_def(&back, "1.3.6.1.4.1.99999.1", "A-MIB", "aThingRenamed",
                      "a2.mib", 9, OID_DEF_OBJECT);
    oid_facts_add_def(&back, "1.3.6.1.4.1.99999.2", "B-MIB", "bNode", "b.mib", 4,
                      OID_DEF_NODE);
    oid_facts_add_def(&back, "1.3.6.1.4.1.99999.2", "C-MIB", "cNode", "c.mib", 4,
                      OID_DEF_NODE);
    struct finding_list out = {0};
    oid_batch_rules(&back, &out);
    finding_list_sort(&out);
    ck_assert_uint_eq(out.len, 3);
    ck_assert_str_eq(out.items[0].file, "a.mib");
    ck_assert_str_eq(out.items[1].file, "a2.mib");
    ck_assert_str_eq(out.items[2].file, "b.mib");
    ck_assert_str_eq(out.items[2].rule, "oid-collision");
    ck_assert_uint_eq(out.items[2].n_notes, 2);
    finding_list_free(&out);
    oid_facts_free(&back);
    oid_facts_free(&f);
}
END_TEST

START_TEST(test_rule_registry)
{
    int r = rule_lookup("smi-index-element-accessible");
    ck_assert_int_ge(r, 0);
    ck_assert_int_eq(rule_info((enum rule_id)r)->family, FAMILY_SMI);
    ck_assert_int_lt(rule_lookup("no-such-rule"), 0);
    r = rule_lookup("smi-namelength-32-object");
    ck_assert(rule_info((enum rule_id)r)->default_off);
    ck_assert_ptr_nonnull(rule_doc("input-unreadable"));
    ck_assert_ptr_nonnull(smi_rule_message("index-element-accessible"));
    /* every rule id appears once */
    for (int i = 0; i < RULE_COUNT; i++)
        ck_assert_int_eq(rule_lookup(rule_info((enum rule_id)i)->id), i);
}
END_TEST

START_TEST(test_config_patterns)
{
    struct config cfg;
    config_init(&cfg);
    ck_assert(config_rule_enabled(&cfg, "smi-type-unref"));
    ck_assert(!config_rule_enabled(&cfg, "smi-namelength-32-object"));
    config_add_setting(&cfg, NULL, "smi-*", SET_DISABLE, SEV_NONE, "command line");
    config_add_setting(&cfg, NULL, "smi-namelength-32-*", SET_ENABLE, SEV_NONE,
                       "command line");
    ck_assert(!config_rule_enabled(&cfg, "smi-type-unref"));
    ck_assert(config_rule_enabled(&cfg, "smi-namelength-32-object"));
    ck_assert(config_rule_enabled(&cfg, "input-unreadable"));

    struct finding_list l = {0};
    finding_add(&l, "smi-type-unref", SEV_INFO, "a", 1, NULL, NULL, "x");
    finding_add(&l, "input-unreadable", SEV_ERROR, "a", 1, NULL, NULL, "x");
    finding_add(&l, "module-duplicate", SEV_WARNING, "a", 1, NULL, NULL, "x");
    cfg.min_severity = SEV_ERROR;
    config_filter(&cfg, &l);
    ck_assert_uint_eq(l.len, 1);
    ck_assert_str_eq(l.items[0].rule, "input-unreadable");
    finding_list_free(&l);
    config_free(&cfg);
}
END_TEST

START_TEST(test_config_file)
{
    struct config cfg;
    char *err = NULL;
    config_init(&cfg);
    ck_assert_int_eq(config_file_load_string(&cfg,
        "; comment\n"
        "[mibcheck]\nfail-on = warning\nprofile = default\njobs = 3\n"
        "mib-path = mibs\nmib-path = /abs\nquiet = yes\n"
        "[rules]\ndisable = smi-* units-missing\nenable = smi-type-unref\n"
        "integer-unconstrained = error\n"
        "[path:legacy/*]\nunits-missing = on\n"
        "[outputs]\ntext = out.txt\n",
        "t.ini", "/cfg", &err), 0);
    ck_assert_int_eq(cfg.fail_on, SEV_WARNING);
    ck_assert_str_eq(cfg.profile, "vendor");
    ck_assert_int_eq(cfg.jobs, 3);
    ck_assert(cfg.quiet);
    ck_assert_uint_eq(cfg.mib_path.len, 2);
    ck_assert_str_eq(cfg.mib_path.v[0], "/cfg/mibs");
    ck_assert_str_eq(cfg.mib_path.v[1], "/abs");
    ck_assert_str_eq(cfg.origin[KEY_FAIL_ON], "t.ini:3");
    ck_assert_str_eq(cfg.outputs[0].path, "/cfg/out.txt");
    ck_assert(!config_rule_enabled(&cfg, "smi-import-unused"));
    ck_assert(config_rule_enabled(&cfg, "smi-type-unref"));
    ck_assert(!config_rule_enabled(&cfg, "units-missing"));
    enum severity sev = SEV_INFO;
    ck_assert(config_rule_enabled_for(&cfg, "integer-unconstrained", NULL, &sev));
    ck_assert_int_eq(sev, SEV_ERROR);
    ck_assert(config_rule_enabled_for(&cfg, "units-missing", "/cfg/legacy/a/B.mib", NULL));
    ck_assert(!config_rule_enabled_for(&cfg, "units-missing", "/cfg/new/B.mib", NULL));
    /* the command line's -M go first */
    strvec_push(&cfg.mib_path, "/cli");
    config_finish(&cfg);
    ck_assert_str_eq(cfg.mib_path.v[0], "/cli");
    config_free(&cfg);

    /* every malformed file is refused with its name and line */
    static const struct {
        const char *text, *err;
    } bad[] = {
        {"[mibcheck]\nfail-on = fatal\n", "b.ini:2: bad fail-on 'fatal'"},
        {"\n\nno-equals-sign\n", "b.ini:3: syntax error"},
        {"[rules\n", "b.ini:1: syntax error"},
        {"[mibcheck]\nnope = 1\n", "b.ini:2: unknown key 'nope' in [mibcheck]"},
        {"[rules]\ndisable = no-such-rule\n", "b.ini:2: no rule matches 'no-such-rule'"},
        {"[rules]\nunits-missing = loud\n", "b.ini:2: bad value 'loud'"},
        {"[rules]\ndisable =\n", "b.ini:2: 'disable' needs"},
        {"[colors]\na = b\n", "b.ini:2: unknown section [colors]"},
        {"[outputs]\npdf = x\n", "b.ini:2: unknown format 'pdf'"},
        {"jobs = 0\n", "b.ini:1: bad jobs '0'"},
        {"quiet = maybe\n", "b.ini:1: bad value 'maybe'"},
        {"profile = strict\n", "b.ini:1: bad profile 'strict'"},
        {"timeout = 9x\n", "b.ini:1: bad timeout"},
        {"[mibcheck]\nfail-on = warning\ntimeout = 1\njobs = -1\nnope = 2\n", "b.ini:4: bad jobs"},
        /* fuzz-config: "x =; y" is a comment, as "x = ; y" (which
         * --print-config writes) is */
        {"[outputs]\nshort =; inline\n", "b.ini:2: format 'short' needs a file"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        config_init(&cfg);
        err = NULL;
        ck_assert_int_eq(config_file_load_string(&cfg, bad[i].text, "b.ini", "/", &err), -1);
        ck_assert_msg(err && !strncmp(err, bad[i].err, strlen(bad[i].err)),
                      "case %zu: got '%s'", i, err ? err : "(null)");
        free(err);
        config_free(&cfg);
    }
    /* a line longer than inih reads is refused, not split */
    char longline[400];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "mib-path = ", 11);
    longline[sizeof longline - 2] = '\n';
    longline[sizeof longline - 1] = '\0';
    config_init(&cfg);
    err = NULL;
    ck_assert_int_eq(config_file_load_string(&cfg, longline, "l.ini", "/", &err), -1);
    ck_assert_msg(strstr(err, "l.ini:1: line longer"), "%s", err);
    free(err);
    config_free(&cfg);
}
END_TEST

START_TEST(test_fingerprint_message)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        /* white space */
        {"  two\t words\n\n here  ", "two words here"},
        {"", ""},
        /* line references */
        {"its parser stopped at line 42 before reaching it",
         "its parser stopped at line # before reaching it"},
        {"defined twice (Line 7, line 19)", "defined twice (Line #, line #)"},
        {"see lines 3-9.", "see lines #."},
        {"MACRO (lines 12,13)", "MACRO (lines #)"},
        /* positions and paths */
        {"also in (vendor/A-MIB.mib:120)", "also in (A-MIB.mib:#)"},
        {"at /usr/share/snmp/mibs/IF-MIB.txt:33:5 here", "at IF-MIB.txt:#:# here"},
        {"read from ./legacy/x.my", "read from x.my"},
        {"`/abs/path/NOEXT'", "`NOEXT'"},
        /* numbers that are not positions stay */
        {"Integer32 (0..100), RFC 2578 section 3.1", "Integer32 (0..100), RFC 2578 section 3.1"},
        {"read-only/read-write, RFC 1155/1212", "read-only/read-write, RFC 1155/1212"},
        {"SNMPv2-SMI:Integer32 at 1.3.6.1:2", "SNMPv2-SMI:Integer32 at 1.3.6.1:#"},
        {"lineage 12", "lineage 12"},
        {"line twelve 12", "line twelve 12"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = fingerprint_message(cases[i].in);
        ck_assert_msg(!strcmp(got, cases[i].out), "'%s' -> '%s', wanted '%s'",
                      cases[i].in, got, cases[i].out);
        free(got);
    }
    char *null_msg = fingerprint_message(NULL);
    ck_assert_str_eq(null_msg, "");
    free(null_msg);

    /* the line, the path and the severity do not count; the rule, the
     * module, the object and the message do */
    struct finding_list l = {0};
    finding_add(&l, "units-missing", SEV_INFO, "a/X.mib", 10, "X-MIB", "xIn", "no  UNITS");
    finding_add(&l, "units-missing", SEV_ERROR, "b/X.mib", 99, "X-MIB", "xIn", "no UNITS");
    finding_add(&l, "units-missing", SEV_INFO, "a/X.mib", 10, "X-MIB", "xOut", "no UNITS");
    finding_add(&l, "units-missing", SEV_INFO, "a/X.mib", 10, "Y-MIB", "xIn", "no UNITS");
    finding_add(&l, "integer-unconstrained", SEV_INFO, "a/X.mib", 10, "X-MIB", "xIn", "no UNITS");
    finding_add(&l, "units-missing", SEV_INFO, "a/X.mib", 10, "X-MIB", "xIn", "no units");
    /* no module: the file's base name stands in */
    finding_add(&l, "input-not-mib", SEV_INFO, "a/README", 0, NULL, NULL, "not a MIB");
    finding_add(&l, "input-not-mib", SEV_INFO, "b/README", 0, NULL, NULL, "not a MIB");
    finding_add(&l, "input-not-mib", SEV_INFO, "a/NOTES", 0, NULL, NULL, "not a MIB");
    uint64_t p[9];
    for (size_t i = 0; i < 9; i++)
        p[i] = finding_fingerprint(&l.items[i]);
    ck_assert(p[0] == p[1]);
    for (size_t i = 2; i < 6; i++)
        ck_assert_msg(p[i] != p[0], "finding %zu", i);
    ck_assert(p[6] == p[7]);
    ck_assert(p[6] != p[8]);
    finding_list_free(&l);
}
END_TEST

/* A finding with a key (agent findings: the instance OID) is identified by
 * rule, module, object and key, whatever value its message quotes; one
 * without keeps the message fingerprint existing baselines hold. */
START_TEST(test_fingerprint_key)
{
    struct finding_list l = {0};
    const char *oid = "1.3.6.1.4.1.32473.99.1.2.0";
    finding_add(&l, "agent-value-out-of-range", SEV_ERROR, "T.mib", 37, "T-MIB", "testLevel",
                "testLevel.0 (%s) = INTEGER 150: 150 is outside (0..100)", oid);
    finding_add(&l, "agent-value-out-of-range", SEV_ERROR, "T.mib", 37, "T-MIB", "testLevel",
                "testLevel.0 (%s) = INTEGER 161: 161 is outside (0..100)", oid);
    finding_add(&l, "agent-value-out-of-range", SEV_ERROR, "T.mib", 37, "T-MIB", "testLevel",
                "testLevel.1 (%s.1) = INTEGER 150: 150 is outside (0..100)", oid);
    finding_add(&l, "agent-type-mismatch", SEV_ERROR, "T.mib", 37, "T-MIB", "testLevel",
                "testLevel.0 (%s) = INTEGER 150: 150 is outside (0..100)", oid);
    for (size_t i = 0; i < 4; i++)
        finding_set_key(&l.items[i], i == 2 ? "1.3.6.1.4.1.32473.99.1.2.0.1" : oid);
    uint64_t p[4];
    for (size_t i = 0; i < 4; i++)
        p[i] = finding_fingerprint(&l.items[i]);
    ck_assert(p[0] == p[1]);   /* only the value moved */
    ck_assert(p[2] != p[0]);   /* another instance */
    ck_assert(p[3] != p[0]);   /* another rule */
    /* the key replaces the message: without it the first two differ */
    uint64_t keyed = p[0];
    finding_set_key(&l.items[0], NULL);
    finding_set_key(&l.items[1], NULL);
    ck_assert(finding_fingerprint(&l.items[0]) != finding_fingerprint(&l.items[1]));
    ck_assert(finding_fingerprint(&l.items[0]) != keyed);
    /* the key travels on the workers' pipe */
    finding_set_key(&l.items[0], oid);
    char *j = finding_to_json(&l.items[0]);
    struct finding_list back = {0};
    ck_assert_int_eq(finding_from_json(&back, j), 0);
    ck_assert_str_eq(back.items[0].key, oid);
    ck_assert(finding_fingerprint(&back.items[0]) == keyed);
    free(j);
    finding_list_free(&back);
    finding_list_free(&l);

    /* a static finding's print is the one docs/baseline-format.md shows,
     * as every mibcheck wrote it before keys */
    struct finding_list s = {0};
    finding_add(&s, "smi-underscore-in-identifier", SEV_ERROR, "x/A.mib", 5, "EXAMPLE-AAA-MIB",
                NULL, "identifier `exampleAaa_AcctPort' must not contain an underscore");
    ck_assert_uint_eq(finding_fingerprint(&s.items[0]), UINT64_C(0xcdddd21507a83c8d));
    finding_list_free(&s);
}
END_TEST

/* A baseline of keyed findings absorbs them when their values move, and
 * still absorbs them by the message print an older baseline recorded. */
START_TEST(test_baseline_keyed)
{
    struct finding_list then = {0}, now = {0}, old = {0};
    finding_add(&then, "agent-type-mismatch", SEV_ERROR, "T.mib", 30, "T-MIB", "testCount",
                "testCount.0 = INTEGER 7: SYNTAX Counter32");
    finding_set_key(&then.items[0], "1.3.6.1.4.1.32473.99.1.1.0");
    finding_add(&now, "agent-type-mismatch", SEV_ERROR, "T.mib", 30, "T-MIB", "testCount",
                "testCount.0 = INTEGER 9: SYNTAX Counter32");
    finding_set_key(&now.items[0], "1.3.6.1.4.1.32473.99.1.1.0");
    finding_add(&now, "agent-type-mismatch", SEV_ERROR, "T.mib", 30, "T-MIB", "testCount",
                "testCount.1 = INTEGER 9: SYNTAX Counter32");
    finding_set_key(&now.items[1], "1.3.6.1.4.1.32473.99.1.1.1");
    struct baseline b;
    baseline_from_findings(&then, &b);
    char *text = baseline_dump(&b);
    ck_assert_ptr_nonnull(strstr(text, "\"key\": \"1.3.6.1.4.1.32473.99.1.1.0\""));
    baseline_free(&b);
    char *err = NULL;
    ck_assert_int_eq(baseline_parse(text, strlen(text), "k.json", &b, &err), 0);
    free(text);
    ck_assert_str_eq(b.v[0].key, "1.3.6.1.4.1.32473.99.1.1.0");
    ck_assert_uint_eq(baseline_apply(&b, &now), 1);
    ck_assert_uint_eq(now.len, 1);
    ck_assert_str_eq(now.items[0].key, "1.3.6.1.4.1.32473.99.1.1.1");
    baseline_free(&b);
    /* an entry written from the message alone (before keys) */
    finding_set_key(&then.items[0], NULL);
    baseline_from_findings(&then, &b);
    finding_add(&old, "agent-type-mismatch", SEV_ERROR, "T.mib", 30, "T-MIB", "testCount",
                "testCount.0 = INTEGER 7: SYNTAX Counter32");
    finding_set_key(&old.items[0], "1.3.6.1.4.1.32473.99.1.1.0");
    ck_assert_uint_eq(baseline_apply(&b, &old), 1);
    baseline_free(&b);
    finding_list_free(&old);
    finding_list_free(&now);
    finding_list_free(&then);
}
END_TEST

/* A baseline is a multiset of fingerprints: it absorbs as many identical
 * findings as it recorded, and counts what it did not see. */
START_TEST(test_baseline)
{
    struct finding_list l = {0};
    finding_add(&l, "smi-node-implicit", SEV_INFO, "M.mib", 13, "M-MIB", NULL, "implicit node");
    finding_add(&l, "smi-node-implicit", SEV_INFO, "M.mib", 18, "M-MIB", NULL, "implicit node");
    finding_add(&l, "units-missing", SEV_INFO, "M.mib", 30, "M-MIB", "mIn", "no UNITS");
    struct baseline b;
    baseline_from_findings(&l, &b);
    ck_assert_uint_eq(b.len, 2);
    char *text = baseline_dump(&b);
    baseline_free(&b);
    /* the written form reads back, sorted by module, rule, object */
    char *err = NULL;
    ck_assert_int_eq(baseline_parse(text, strlen(text), "t.json", &b, &err), 0);
    ck_assert(strstr(text, "smi-node-implicit") < strstr(text, "units-missing"));
    ck_assert_ptr_nonnull(strstr(text, "\"count\": 2"));
    ck_assert_ptr_nonnull(strstr(text, "\"fingerprint\": \"" FINGERPRINT_KIND "\""));
    free(text);

    /* three implicit nodes now, lines moved: one is new */
    struct finding_list now = {0};
    finding_add(&now, "smi-node-implicit", SEV_INFO, "M.mib", 15, "M-MIB", NULL, "implicit node");
    finding_add(&now, "smi-node-implicit", SEV_INFO, "M.mib", 20, "M-MIB", NULL, "implicit node");
    finding_add(&now, "smi-node-implicit", SEV_INFO, "M.mib", 25, "M-MIB", NULL, "implicit node");
    ck_assert_uint_eq(baseline_apply(&b, &now), 2);
    ck_assert_uint_eq(now.len, 1);
    ck_assert_int_eq(now.items[0].line, 25);
    /* units-missing is gone: stale, but only where M-MIB was checked */
    struct config cfg;
    config_init(&cfg);
    struct module_records mods = {0};
    struct source_set ss = {0};
    ck_assert_uint_eq(baseline_stale(&b, &cfg, &mods, &ss), 0);
    module_records_add(&mods, "M-MIB", "M.mib", 1, "SMIv2", "checked");
    ck_assert_uint_eq(baseline_stale(&b, &cfg, &mods, &ss), 1);
    config_add_setting(&cfg, NULL, "units-*", SET_DISABLE, SEV_NONE, "command line");
    ck_assert_uint_eq(baseline_stale(&b, &cfg, &mods, &ss), 0);
    config_free(&cfg);
    module_records_free(&mods);
    finding_list_free(&now);
    finding_list_free(&l);
    baseline_free(&b);

    /* every malformed file is refused, naming it */
    static const struct {
        const char *text, *err;
    } bad[] = {
        {"{\"format\": ", "baseline b.json: not valid JSON (line 1"},
        {"[]", "baseline b.json: not a mibcheck baseline"},
        {"{\"format\": \"mibcheck-report\"}", "baseline b.json: not a mibcheck baseline"},
        {"{\"format\": \"mibcheck-baseline\", \"format_version\": 2}",
         "baseline b.json: format_version 2 is newer"},
        {"{\"format\": \"mibcheck-baseline\", \"format_version\": 1, "
         "\"fingerprint\": \"other/v9\", \"entries\": []}",
         "baseline b.json: its fingerprints are of kind other/v9"},
        {"{\"format\": \"mibcheck-baseline\", \"format_version\": 1, "
         "\"fingerprint\": \"" FINGERPRINT_KIND "\"}", "baseline b.json: no \"entries\""},
        {"{\"format\": \"mibcheck-baseline\", \"format_version\": 1, "
         "\"fingerprint\": \"" FINGERPRINT_KIND "\", \"entries\": [{\"fingerprint\": \"12\"}]}",
         "baseline b.json: entry 1 has no fingerprint"},
        {"{\"format\": \"mibcheck-baseline\", \"format_version\": 1, "
         "\"fingerprint\": \"" FINGERPRINT_KIND "\", \"entries\": [{\"fingerprint\": "
         "\"0123456789abcdef\", \"count\": 0}]}", "baseline b.json: entry 1: count"},
        {"{\"format\": \"mibcheck-baseline\", \"format_version\": 1, "
         "\"fingerprint\": \"" FINGERPRINT_KIND "\", \"entries\": [{\"fingerprint\": "
         "\"0123456789abcdef\", \"rule\": 5}]}", "baseline b.json: entry 1: rule"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = NULL;
        ck_assert_int_eq(baseline_parse(bad[i].text, strlen(bad[i].text), "b.json", &b, &err), -1);
        ck_assert_msg(err && !strncmp(err, bad[i].err, strlen(bad[i].err)),
                      "case %zu: got '%s'", i, err ? err : "(null)");
        ck_assert_uint_eq(b.len, 0);
        free(err);
    }
    err = NULL;
    ck_assert_int_eq(baseline_load("/nonexistent/b.json", &b, &err), -1);
    ck_assert_str_eq(err, "cannot read baseline /nonexistent/b.json: No such file or directory");
    free(err);
}
END_TEST

START_TEST(test_profiles)
{
    ck_assert(profile_rule_on("vendor", "units-missing"));
    ck_assert(!profile_rule_on("vendor", "doc-iana-missing"));
    ck_assert(!profile_rule_on("vendor", "security-section-missing"));
    ck_assert(!profile_rule_on("vendor", "security-template-outdated"));
    ck_assert(!profile_rule_on("vendor", "security-reference-missing"));
    ck_assert(profile_rule_on("ietf", "security-reference-missing"));
    ck_assert(profile_rule_on("vendor", "secret-readable"));
    ck_assert(profile_rule_on("ietf", "doc-iana-missing"));
    ck_assert(!profile_rule_on("ietf", "smi-namelength-32-object"));
    ck_assert(profile_rule_on("loadable", "smi-module-not-found"));
    ck_assert(profile_rule_on("loadable", "smi-import-failed"));
    ck_assert(!profile_rule_on("loadable", "smi-type-unref"));
    ck_assert(!profile_rule_on("loadable", "units-missing"));
    ck_assert(profile_rule_on("smilint", "smi-type-unref"));
    ck_assert(!profile_rule_on("smilint", "units-missing"));
    ck_assert_str_eq(config_profile_name("default"), "vendor");
    ck_assert_ptr_null(config_profile_name("strict"));
}
END_TEST

START_TEST(test_suppressions_scan)
{
    const char *text =
        "-- mibcheck: disable-file=units-*\n"          /* 1 */
        "A DEFINITIONS ::= BEGIN\n"                    /* 2 */
        "x \"-- mibcheck: disable=in-string\n"         /* 3: inside a string */
        "still string\" -- mibcheck: disable=a, b\n"   /* 4 */
        "   -- mibcheck: disable=c\n"                   /* 5: own line */
        "\n"                                           /* 6 */
        "   -- another comment\n"                       /* 7 */
        "y OBJECT-TYPE\n"                               /* 8 */
        "-- mibcheck: ignore=d\n"                       /* 9 */
        "z -- plain -- -- mibcheck:disable=e\n"         /* 10 */
        "END\n";
    struct suppression *s;
    size_t n = suppressions_scan(text, strlen(text), &s);
    ck_assert_uint_eq(n, 6);
    ck_assert(s[0].file_wide);
    ck_assert_str_eq(s[0].pattern, "units-*");
    ck_assert_int_eq(s[1].line, 4);
    ck_assert_str_eq(s[1].pattern, "a");
    ck_assert_int_eq(s[1].target, 4);
    ck_assert_str_eq(s[2].pattern, "b");
    ck_assert_int_eq(s[3].line, 5);
    ck_assert_int_eq(s[3].target, 8);
    ck_assert_ptr_null(s[4].pattern);
    ck_assert_int_eq(s[5].line, 10);
    ck_assert_str_eq(s[5].pattern, "e");
    suppressions_free(s, n);
    ck_assert_uint_eq(suppressions_scan("no marker", 9, &s), 0);
}
END_TEST

START_TEST(test_search_path_order)
{
    struct config cfg;
    config_init(&cfg);
    strvec_push(&cfg.mib_path, "/first");
    strvec_push(&cfg.mib_path, "/second");
    /* a folder of plain files stays as it is (/tmp may hold FIFOs) */
    char dir[] = "/tmp/mibcheck-unit-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    setenv("SMIPATH", dir, 1);
    unsetenv("MIBDIRS");
    struct search_path sp;
    search_path_build(&cfg, NULL, "/idx", &sp);
    ck_assert_str_eq(sp.v[0].dir, "/idx");
    ck_assert_str_eq(sp.v[1].dir, "/first");
    ck_assert_str_eq(sp.v[2].dir, "/second");
    ck_assert_str_eq(sp.v[3].dir, dir);
    ck_assert_str_eq(sp.v[sp.len - 1].origin, "bundled");
    char *joined = search_path_join(&sp);
    char *want = xasprintf("/idx:/first:/second:%s:", dir);
    ck_assert(strncmp(joined, want, strlen(want)) == 0);
    free(want);
    free(joined);
    search_path_free(&sp);
    config_free(&cfg);
    unsetenv("SMIPATH");
    rmdir(dir);
}
END_TEST

/* A folder on the path holding a FIFO is replaced by links to its
 * regular files, so that no parser ever opens the FIFO. */
START_TEST(test_search_path_fifo)
{
    char idx[] = "/tmp/mibcheck-unit-XXXXXX", in[] = "/tmp/mibcheck-unit-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(idx));
    ck_assert_ptr_nonnull(mkdtemp(in));
    char *fifo = xasprintf("%s/SNMPv2-SMI", in), *plain = xasprintf("%s/A-MIB", in);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(write_file_atomic(plain, "x", 1), 0);
    struct config cfg;
    config_init(&cfg);
    strvec_push(&cfg.mib_path, in);
    unsetenv("SMIPATH");
    unsetenv("MIBDIRS");
    struct search_path sp;
    search_path_build(&cfg, NULL, idx, &sp);
    char *mirror = xasprintf("%s/.path-1", idx);
    ck_assert_str_eq(sp.v[1].dir, mirror);
    ck_assert_str_eq(sp.v[1].origin, "-M");
    char *link = xasprintf("%s/A-MIB", mirror), *nolink = xasprintf("%s/SNMPv2-SMI", mirror);
    struct stat st;
    ck_assert_int_eq(stat(link, &st), 0);
    ck_assert(S_ISREG(st.st_mode));
    ck_assert_int_ne(lstat(nolink, &st), 0);
    search_path_free(&sp);
    config_free(&cfg);
    remove_tree(idx);
    remove_tree(in);
    free(fifo);
    free(plain);
    free(mirror);
    free(link);
    free(nolink);
}
END_TEST

START_TEST(test_files)
{
    char dir[] = "/tmp/mibcheck-unit-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *p = xasprintf("%s/out.txt", dir);
    ck_assert_int_eq(write_file_atomic(p, "hello", 5), 0);
    size_t len;
    int big;
    char *d = read_file(p, 100, &len, &big);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(len, 5);
    ck_assert_str_eq(d, "hello");
    free(d);
    ck_assert_ptr_null(read_file(p, 4, &len, &big));
    ck_assert_int_eq(big, 1);
    ck_assert_ptr_null(read_file(dir, 100, &len, &big));
    ck_assert_int_eq(big, 0);
    /* a write into a missing folder fails and leaves nothing */
    char *q = xasprintf("%s/missing/out.txt", dir);
    ck_assert_int_ne(write_file_atomic(q, "x", 1), 0);
    unlink(p);
    rmdir(dir);
    free(p);
    free(q);
    ck_assert(pattern_match("smi-namelength-*", "smi-namelength-64-object"));
    ck_assert(!pattern_match("smi-namelength-*", "smi-type-unref"));
}
END_TEST

/* The module revision of the reports: the newest of LAST-UPDATED and the
 * REVISIONs (two-digit years are 19xx), bad dates and strings that only
 * mention the keywords left out; NULL for an SMIv1 module. */
static const char revision_modules[] =
    "NEW-MIB DEFINITIONS ::= BEGIN\n"
    "newMIB MODULE-IDENTITY LAST-UPDATED \"9906140000Z\"\n"
    "  ORGANIZATION \"REVISION \\\"209901010000Z\\\"\" CONTACT-INFO \"x\"\n"
    "  DESCRIPTION \"x\"\n"
    "  REVISION \"201001020304Z\" DESCRIPTION \"newest, listed second\"\n"
    "  REVISION \"203013010000Z\" DESCRIPTION \"month 13: not a date\"\n"
    "  REVISION \"9906140000Z\" DESCRIPTION \"first\"\n"
    "  ::= { enterprises 1 }\n"
    "END\n"
    "OLD-MIB DEFINITIONS ::= BEGIN\n"
    "old OBJECT IDENTIFIER ::= { enterprises 2 }\n"
    "END\n";

START_TEST(test_module_revision)
{
    struct token_list tl = {0};
    lex_mib(revision_modules, strlen(revision_modules), &tl);
    struct module_span *m;
    size_t n = find_modules(&tl, &m);
    ck_assert_uint_eq(n, 2);
    char *r = text_module_revision(&tl, &m[0]);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r, "2010-01-02T03:04Z");
    free(r);
    ck_assert_ptr_null(text_module_revision(&tl, &m[1]));
    module_spans_free(m, n);
    token_list_free(&tl);
}
END_TEST

/* The pipe's escapes carry any bytes, those of the private-use
 * characters the escapes borrow (U+F780..U+F7FF) included. */
/* description-trivial counts code points: each valid sequence gives its
 * code point; overlong forms, surrogates, stray and cut bytes give 0. */
START_TEST(test_utf8_decode)
{
    static const struct {
        const char *s;
        size_t len;
        unsigned cp;
    } ok[] = {{"a", 1, 0x61}, {"\xC3\xA9", 2, 0xE9}, {"\xD0\x96", 2, 0x416},
              {"\xE4\xB8\xAD", 3, 0x4E2D}, {"\xF0\x9F\x98\x80", 4, 0x1F600},
              {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        unsigned cp = 0;
        const unsigned char *u = (const unsigned char *)ok[i].s;
        ck_assert_uint_eq(utf8_decode(u, strlen(ok[i].s), &cp), ok[i].len);
        ck_assert_uint_eq(cp, ok[i].cp);
    }
    static const char *const bad[] = {"\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80",
                                      "\xF4\x90\x80\x80", "\x80", "\xE9t\xE9", "\xE4\xB8"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        unsigned cp = 7;
        ck_assert_uint_eq(utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0);
        ck_assert_uint_eq(cp, 7);
    }
}
END_TEST

START_TEST(test_utf8_escape_round_trip)
{
    static const char *const samples[] = {
        "plain", "caf\xc3\xa9", "Latin-1 \xbd\xe9", "\xef\x9e\x80 and \xef\x9f\xbf",
        "\xef\x9e", "\xef\x9e\xc0", "\xff\xfe\x01\x1b[1m", NULL};
    for (size_t i = 0; samples[i]; i++) {
        char *e = utf8_escape_bytes(samples[i]);
        for (const unsigned char *p = (const unsigned char *)e; *p;) {
            size_t l = utf8_seq_len(p, strlen((const char *)p));
            ck_assert_msg(l > 0, "escape of sample %zu is not UTF-8", i);
            p += l;
        }
        char *u = utf8_unescape_bytes(e);
        ck_assert_str_eq(u, samples[i]);
        free(e);
        free(u);
    }
}
END_TEST

/* fuzz-config: "; text" right after the '=' is a comment too, as
 * --print-config's output needs; an indented line, which libinih would
 * add to the previous key's value, is an error and adds nothing. */
START_TEST(test_config_comments)
{
    struct config cfg;
    config_init(&cfg);
    char *err = NULL;
    ck_assert_int_eq(config_file_load_string(&cfg,
                                             "baseline = first\n"
                                             "  second ;not a path\n",
                                             "c.ini", NULL, &err), -1);
    ck_assert_msg(err && strstr(err, "c.ini:2: indented line: remove the indentation"), "%s",
                  err);
    ck_assert_str_eq(cfg.baseline_path, "first");
    free(err);
    config_free(&cfg);
    config_init(&cfg);
    err = NULL;
    ck_assert_int_eq(config_file_load_string(&cfg,
                                             "mib-path =;nothing\n"
                                             "mib-path = a;b ; comment\n",
                                             "c.ini", NULL, &err), -1);
    ck_assert_msg(err && strstr(err, "c.ini:1: 'mib-path' needs a directory"), "%s", err);
    free(err);
    config_free(&cfg);
    config_init(&cfg);
    err = NULL;
    ck_assert_int_eq(config_file_load_string(&cfg, "mib-path = a;b ; comment\n", "c.ini",
                                             NULL, &err), 0);
    ck_assert_str_eq(cfg.mib_path.v[0], "a;b");
    config_free(&cfg);

    /* --print-config keeps every line short enough to read back */
    char line[200];
    memset(line, 'd', sizeof line);
    memcpy(line, "mib-path=/", 10);
    line[197] = '\n';
    line[198] = '\0';
    config_init(&cfg);
    ck_assert_int_eq(config_file_load_string(&cfg, line, "c.ini", NULL, &err), 0);
    char *printed = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&printed, &n);
    config_print(&cfg, f);
    fclose(f);
    struct config again;
    config_init(&again);
    ck_assert_msg(config_file_load_string(&again, printed, "p.ini", NULL, &err) == 0, "%s\n%s",
                  err, printed);
    ck_assert_str_eq(again.mib_path.v[0], cfg.mib_path.v[0]);
    free(printed);
    config_free(&again);
    config_free(&cfg);
}
END_TEST

/* fuzz-reports: every writer on a run with no module and no finding (the
 * JUnit writer gave qsort a NULL array). */
START_TEST(test_reports_empty_run)
{
    static const char *const formats[] = {"text", "short", "json", "sarif",
                                          "xml", "junit", "html"};
    struct config cfg;
    config_init(&cfg);
    struct module_records mods = {0};
    struct finding_list findings = {0};
    struct report_summary sum = {0};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        struct report_run run = {&cfg, "-", false, NULL, "/", -1};
        struct buf out = {0};
        report_render(report_writer_find(formats[i]), &run, &mods, &findings, &sum, &out);
        ck_assert_msg(out.data != NULL, "%s", formats[i]);
        buf_free(&out);
    }
    config_free(&cfg);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mibcheck");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_findings_sort_and_json);
    tcase_add_test(tc, test_reports_empty_run);
    tcase_add_test(tc, test_config_comments);
    tcase_add_test(tc, test_utf8_decode);
    tcase_add_test(tc, test_utf8_escape_round_trip);
    tcase_add_test(tc, test_severity_parse);
    tcase_add_test(tc, test_lexer_modules);
    tcase_add_test(tc, test_lexer_hostile);
    tcase_add_test(tc, test_module_revision);
    tcase_add_test(tc, test_clauses);
    tcase_add_test(tc, test_capabilities);
    tcase_add_test(tc, test_value_ranges);
    tcase_add_test(tc, test_extract_text_pages);
    tcase_add_test(tc, test_extract_text_hostile);
    tcase_add_test(tc, test_extract_xml);
    tcase_add_test(tc, test_extract_xml_hostile);
    tcase_add_test(tc, test_rule_registry);
    tcase_add_test(tc, test_config_patterns);
    tcase_add_test(tc, test_config_file);
    tcase_add_test(tc, test_profiles);
    tcase_add_test(tc, test_fingerprint_message);
    tcase_add_test(tc, test_fingerprint_key);
    tcase_add_test(tc, test_baseline_keyed);
    tcase_add_test(tc, test_baseline);
    tcase_add_test(tc, test_suppressions_scan);
    tcase_add_test(tc, test_search_path_order);
    tcase_add_test(tc, test_search_path_fifo);
    tcase_add_test(tc, test_files);
    tcase_add_test(tc, test_pen_registry);
    tcase_add_test(tc, test_org_names);
    tcase_add_test(tc, test_oid_facts);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
