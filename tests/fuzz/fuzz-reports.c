/* libFuzzer harness: the report writers (reports/) and the records on
 * the pipe between workers and the parent (findings.c, load.c), fed with
 * findings, modules and inputs built from the fuzz bytes: any bytes in
 * every string (control characters, bytes that are not UTF-8, markup),
 * any line number.  Every report must stay well-formed: the JSON and
 * SARIF reports parse, the XML report is valid against its schema, the
 * JUnit report parses, the HTML report's data parses and cannot end its
 * script element; the pipe records carry every byte back exactly. */
#include "tests/fuzz/fuzz.h"

#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "checker/config.h"
#include "checker/load.h"
#include "checker/sources.h"
#include "checker/util.h"
#include "reports/report.h"
#include "rules/rules.h"

static xmlSchemaPtr schema;
static char *src_file;   /* a file findings point to (--show-source, html) */

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void check_json(const char *format, const struct buf *out, size_t n_findings);
static void check_html(const struct buf *out);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSchemaParserCtxtPtr pc =
        xmlSchemaNewParserCtxt(MIBCHECK_SRCDIR "/reports/mibcheck-report.xsd");
    schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!schema) {
        fprintf(stderr, "fuzz-reports: cannot read the report schema\n");
        abort();
    }
    const char *tmp = getenv("TMPDIR");
    src_file = xasprintf("%s/mibcheck-fuzz-reports-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(src_file);
    if (fd < 0)
        abort();
    close(fd);
    /* the rule descriptors of the whole catalogue, once */
    struct config cfg;
    config_init(&cfg);
    free(cfg.profile);
    cfg.profile = xstrdup("ietf");
    struct module_records mods = {0};
    struct finding_list none = {0};
    struct report_summary sum = {0};
    struct report_run run = {&cfg, "-", false, NULL, "/", -1};
    for (int sarif = 0; sarif < 2; sarif++) {
        struct buf out = {0};
        report_render(report_writer_find(sarif ? "sarif" : "html"), &run, &mods, &none,
                      &sum, &out);
        if (sarif)
            check_json("sarif", &out, 0);
        else
            check_html(&out);
        buf_free(&out);
    }
    config_free(&cfg);
    return 0;
}

static char *maybe_str(struct fuzz_in *in, size_t max)
{
    return fuzz_byte(in) % 4 ? fuzz_str(in, max) : NULL;
}

static int fuzz_line(struct fuzz_in *in)
{
    unsigned b = fuzz_byte(in);
    /* lines are 0 (the whole file) or positive, up to INT_MAX */
    return b < 200 ? (int)(b % 30) : (int)(fuzz_u32(in) & 0x7fffffff);
}

static char *fuzz_file(struct fuzz_in *in)
{
    return fuzz_byte(in) % 2 ? xstrdup(src_file) : fuzz_str(in, 40);
}

static void pipe_round_trip(const struct finding *f)
{
    char *line = finding_to_json(f);
    FUZZ_CHECK(line && !strchr(line, '\n'), "finding record is not one line");
    struct finding_list back = {0};
    FUZZ_CHECK(finding_from_json(&back, line) == 0, "finding record unreadable: %s", line);
    const struct finding *g = &back.items[0];
#define SAME(a, b) ((a) == (b) || ((a) && (b) && !strcmp(a, b)))
    FUZZ_CHECK(SAME(f->rule, g->rule) && SAME(f->file, g->file) &&
                   SAME(f->module, g->module) && SAME(f->object, g->object) &&
                   SAME(f->message, g->message) && f->line == g->line &&
                   f->severity == g->severity && f->n_notes == g->n_notes,
               "finding changed on the pipe: %s", line);
    for (size_t i = 0; i < f->n_notes; i++)
        FUZZ_CHECK(SAME(f->notes[i].file, g->notes[i].file) &&
                       SAME(f->notes[i].rule, g->notes[i].rule) &&
                       SAME(f->notes[i].message, g->notes[i].message) &&
                       f->notes[i].line == g->notes[i].line,
                   "note changed on the pipe: %s", line);
    finding_list_free(&back);
    free(line);
}

static void module_round_trip(const struct module_record *m)
{
    char *line = module_record_to_json(m);
    if (!line)
        return;   /* language and status are ours, always UTF-8; see below */
    struct module_records back = {0};
    FUZZ_CHECK(module_record_from_json(&back, line) == 0, "module record unreadable: %s", line);
    FUZZ_CHECK(!strcmp(back.v[0].name, m->name) && !strcmp(back.v[0].file, m->file) &&
                   back.v[0].line == m->line,
               "module record changed on the pipe: %s", line);
    module_records_free(&back);
    free(line);
}

static void check_json(const char *format, const struct buf *out, size_t n_findings)
{
    json_error_t err;
    json_t *root = json_loads(out->data, 0, &err);
    FUZZ_CHECK(root, "%s report does not parse: %s (line %d)", format, err.text, err.line);
    if (!strcmp(format, "json"))
        FUZZ_CHECK(json_array_size(json_object_get(root, "findings")) == n_findings,
                   "json report lost findings");
    json_decref(root);
}

static void check_xml(const char *format, const struct buf *out)
{
    xmlDocPtr doc = xmlReadMemory(out->data, (int)out->len, "report.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    const xmlError *e = xmlGetLastError();
    FUZZ_CHECK(doc, "%s report is not well-formed: %s", format,
               e && e->message ? e->message : "?");
    if (!strcmp(format, "xml")) {
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
        xmlSchemaSetValidErrors(vc, quiet, quiet, NULL);
        int r = xmlSchemaValidateDoc(vc, doc);
        xmlSchemaFreeValidCtxt(vc);
        e = xmlGetLastError();
        FUZZ_CHECK(r == 0, "xml report is not valid against its schema: %s",
                   e && e->message ? e->message : "?");
    }
    xmlFreeDoc(doc);
}

static void check_html(const struct buf *out)
{
    static const char open[] = "<script type=\"application/json\" id=\"mibcheck-data\">";
    const char *s = strstr(out->data, open);
    FUZZ_CHECK(s, "html report without its data");
    s += sizeof open - 1;
    const char *e = strstr(s, "</script>");
    FUZZ_CHECK(e, "html data never ends");
    char *data = xstrndup(s, (size_t)(e - s));
    /* nothing in the data can close the element or open a comment */
    FUZZ_CHECK(!strchr(data, '<'), "html data holds '<'");
    json_error_t err;
    json_t *root = json_loads(data, 0, &err);
    FUZZ_CHECK(root, "html data does not parse: %s", err.text);
    json_decref(root);
    free(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_in in = {data, size};
    struct config cfg;
    config_init(&cfg);
    unsigned flags = fuzz_byte(&in);
    cfg.show_source = flags & 1;
    cfg.quiet = flags & 2;
    cfg.recursive = flags & 4;
    cfg.fail_on = (enum severity)(fuzz_byte(&in) % 4);
    for (unsigned n = fuzz_byte(&in) % 3; n > 0; n--)
        strvec_push_owned(&cfg.mib_path, fuzz_str(&in, 30));
    /* SARIF describes every rule the configuration runs, which does not
     * depend on the findings and takes a fifth of a second with the
     * instrumentation: the whole catalogue is checked once, at start,
     * and the inputs start from "--disable '*'" */
    config_add_setting(&cfg, NULL, "*", SET_DISABLE, SEV_NONE, "fuzz");
    for (unsigned n = fuzz_byte(&in) % 3; n > 0; n--) {
        char *p = fuzz_str(&in, 30);
        unsigned kind = fuzz_byte(&in) % 3;
        config_add_setting(&cfg, fuzz_byte(&in) % 4 ? NULL : "*.mib", p,
                           kind == 0 ? SET_ENABLE : kind == 1 ? SET_DISABLE : SET_SEVERITY,
                           (enum severity)(1 + n % 3), "fuzz");
        free(p);
    }
    cfg.previous = maybe_str(&in, 30);

    /* the file findings point to, with any lines */
    char *src_text = fuzz_str(&in, 200);
    FILE *f = fopen(src_file, "w");
    if (f) {
        fputs(src_text, f);
        fclose(f);
    }
    free(src_text);

    struct source_set ss = {0};
    unsigned n_src = fuzz_byte(&in) % 3;
    ss.v = xcalloc(n_src + 1, sizeof *ss.v);
    for (unsigned i = 0; i < n_src; i++) {
        struct source *s = &ss.v[ss.len++];
        s->path = fuzz_file(&in);
        s->abspath = xstrdup(s->path);
        s->status = (enum source_status)(fuzz_byte(&in) % 4);
        s->n_mods = fuzz_byte(&in) % 3;
        s->mods = xcalloc(s->n_mods + 1, sizeof *s->mods);
        for (size_t m = 0; m < s->n_mods; m++)
            s->mods[m].name = fuzz_str(&in, 20);
    }

    struct module_records mods = {0};
    static const char *const langs[] = {"SMIv1", "SMIv2", "SMIng", "SPPI", "unknown"};
    static const char *const stats[] = {"checked", "failed", "crashed", "timeout", "memory"};
    for (unsigned n = fuzz_byte(&in) % 4; n > 0; n--) {
        char *name = fuzz_str(&in, 20), *file = fuzz_file(&in);
        module_records_add(&mods, name, file, fuzz_line(&in), langs[fuzz_byte(&in) % 5],
                           stats[fuzz_byte(&in) % 5]);
        free(name);
        free(file);
        if (fuzz_byte(&in) % 2) {
            /* an AGENT-CAPABILITIES inventory, as capabilities.c makes it */
            char *c = fuzz_str(&in, 20), *o = fuzz_str(&in, 20), *v = fuzz_str(&in, 20);
            char *vc = utf8_valid_copy(v), *cc = utf8_valid_copy(c), *oc = utf8_valid_copy(o);
            json_t *inv = json_pack("[{s:s,s:i,s:s,s:s,s:{s:s}}]", "capability", cc, "line",
                                    fuzz_line(&in), "supports", "IF-MIB", "object", oc,
                                    "varies", "syntax", vc);
            mods.v[mods.len - 1].variations = json_dumps(inv, JSON_COMPACT);
            json_decref(inv);
            free(c), free(o), free(v), free(vc), free(cc), free(oc);
        }
        module_round_trip(&mods.v[mods.len - 1]);
    }

    struct finding_list findings = {0};
    for (unsigned n = fuzz_byte(&in) % 7; n > 0; n--) {
        unsigned r = fuzz_byte(&in);
        char *rule = r % 2 ? xstrdup(rule_info((enum rule_id)(r % RULE_COUNT))->id)
                           : fuzz_str(&in, 20);
        char *file = fuzz_byte(&in) % 8 ? fuzz_file(&in) : NULL;
        char *module = maybe_str(&in, 20), *object = maybe_str(&in, 20);
        char *msg = fuzz_str(&in, 80);
        struct finding *fd = finding_add(&findings, rule, (enum severity)(1 + fuzz_byte(&in) % 3),
                                         file, fuzz_line(&in), module, object, "%s", msg);
        for (unsigned k = fuzz_byte(&in) % 3; k > 0; k--) {
            char *nf = fuzz_byte(&in) % 4 ? fuzz_file(&in) : NULL;
            char *nr = maybe_str(&in, 20), *nm = fuzz_str(&in, 40);
            finding_add_note(fd, nf, fuzz_line(&in), nr, nm);
            free(nf), free(nr), free(nm);
        }
        free(rule), free(file), free(module), free(object), free(msg);
    }
    for (size_t i = 0; i < findings.len; i++)
        pipe_round_trip(&findings.items[i]);

    struct report_summary sum = {0};
    sum.files = ss.len;
    sum.modules = mods.len;
    sum.errors = fuzz_byte(&in);
    sum.warnings = fuzz_byte(&in);
    sum.infos = fuzz_byte(&in);
    unsigned sb = fuzz_byte(&in);
    sum.incomplete = sb & 1;
    sum.baseline = sb & 2;
    sum.baselined = fuzz_byte(&in);
    sum.baseline_stale = fuzz_byte(&in);
    char *base_rest = fuzz_str(&in, 20);
    char *base = xasprintf("/%s", base_rest);
    free(base_rest);
    unsigned t = fuzz_byte(&in);
    long long stamp = t % 3 == 0 ? -1 : t % 3 == 1 ? (long long)fuzz_u32(&in) : 253402300799LL;
    static const char *const formats[] = {"text", "short", "json", "sarif", "xml", "junit", "html"};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        struct report_run run = {&cfg, "-", flags & 8, &ss, base, stamp};
        struct buf out = {0};
        report_render(report_writer_find(formats[i]), &run, &mods, &findings, &sum, &out);
        FUZZ_CHECK(out.data && strlen(out.data) == out.len, "%s report holds a NUL", formats[i]);
        if (!strcmp(formats[i], "json") || !strcmp(formats[i], "sarif"))
            check_json(formats[i], &out, findings.len);
        else if (!strcmp(formats[i], "xml") || !strcmp(formats[i], "junit"))
            check_xml(formats[i], &out);
        else if (!strcmp(formats[i], "html"))
            check_html(&out);
        buf_free(&out);
    }
    free(base);
    finding_list_free(&findings);
    module_records_free(&mods);
    sources_free(&ss);
    config_free(&cfg);
    return 0;
}
