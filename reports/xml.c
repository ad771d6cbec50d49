/* The XML report, written with libxml2's xmlTextWriter (which escapes);
 * its schema is reports/mibcheck-report.xsd. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <smi.h>

#include "reports/common.h"
#include "reports/xmlout.h"

#define REPORT_NS "urn:mibcheck:report:1"

struct xml_state {
    struct buf *out;
    struct xml_out x;
    bool in_modules, in_findings;
};

static void strvec_elements(struct xml_out *x, const char *name,
                            const struct strvec *sv)
{
    for (size_t i = 0; i < sv->len; i++)
        xml_out_element(x, name, sv->v[i]);
}

static void configuration(struct xml_out *x, const struct config *cfg)
{
    xml_out_start(x, "configuration");
    xml_out_attr(x, "profile", cfg->profile);
    xml_out_attr(x, "fail-on", severity_name(cfg->fail_on));
    xml_out_attr(x, "min-severity", severity_name(cfg->min_severity));
    xml_out_attr(x, "recursive", cfg->recursive ? "true" : "false");
    xml_out_attr_int(x, "timeout", cfg->timeout);
    xml_out_attr_int(x, "max-memory-mb", cfg->max_memory_mb);
    xml_out_attr_int(x, "max-file-size", (long long)cfg->max_file_size);
    strvec_elements(x, "mib-path", &cfg->mib_path);
    /* rules turned on or off everywhere (severities and [path:]
     * sections are in the JSON report) */
    for (size_t i = 0; i < cfg->n_settings; i++) {
        const struct rule_setting *s = &cfg->settings[i];
        if (s->kind == SET_SEVERITY || s->path_glob)
            continue;
        xml_out_start(x, s->kind == SET_ENABLE ? "enable" : "disable");
        xml_out_attr(x, "rule", s->pattern);
        xml_out_end(x);
    }
    strvec_elements(x, "reference", &cfg->reference_dirs);
    if (cfg->previous)
        xml_out_element(x, "previous", cfg->previous);
    xml_out_end(x);
}

static void inputs(struct xml_out *x, json_t *list)
{
    xml_out_start(x, "inputs");
    size_t i;
    json_t *in;
    json_array_foreach(list, i, in) {
        xml_out_start(x, "input");
        xml_out_attr(x, "file", json_string_value(json_object_get(in, "file")));
        xml_out_attr(x, "status", json_string_value(json_object_get(in, "status")));
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(in, "modules"), k, m)
            xml_out_element(x, "module", json_string_value(m));
        xml_out_end(x);
    }
    xml_out_end(x);
}

static void *xml_begin(const struct report_run *run, struct buf *out)
{
    struct xml_state *st = xcalloc(1, sizeof *st);
    st->out = out;
    xml_out_open(&st->x);
    xml_out_start(&st->x, "mibcheck-report");
    xml_out_attr(&st->x, "xmlns", REPORT_NS);
    xml_out_attr(&st->x, "format-version", "1");
    xml_out_attr(&st->x, "tool", "mibcheck");
    xml_out_attr(&st->x, "version", PACKAGE_VERSION);
    xml_out_attr(&st->x, "libsmi", smi_version_string);
    if (run->timestamp >= 0) {
        char *t = report_time_iso(run->timestamp);
        char *z = xasprintf("%sZ", t);
        xml_out_attr(&st->x, "timestamp", z);
        free(z);
        free(t);
    }
    configuration(&st->x, run->cfg);
    json_t *in = report_inputs_json(run->inputs);
    inputs(&st->x, in);
    json_decref(in);
    return st;
}

/* Scalar members become <property name=".." value=".."/>; others are kept
 * as JSON text, so a new module field needs no schema change. */
static void property(struct xml_out *x, const char *key, json_t *v)
{
    xml_out_start(x, "property");
    xml_out_attr(x, "name", key);
    if (json_is_string(v)) {
        xml_out_attr(x, "value", json_string_value(v));
    } else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        xml_out_attr(x, "value", s ? s : "");
        if (!json_is_integer(v) && !json_is_real(v) && !json_is_boolean(v))
            xml_out_attr(x, "type", "json");
        free(s);
    }
    xml_out_end(x);
}

static void variations(struct xml_out *x, json_t *list)
{
    xml_out_start(x, "variations");
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        xml_out_start(x, "variation");
        const char *key;
        json_t *val;
        json_object_foreach(v, key, val) {
            if (json_is_string(val))
                xml_out_attr(x, key, json_string_value(val));
            else if (json_is_integer(val))
                xml_out_attr_int(x, key, json_integer_value(val));
        }
        json_object_foreach(json_object_get(v, "varies"), key, val) {
            xml_out_start(x, "varies");
            xml_out_attr(x, "clause", key);
            xml_out_text(x, json_is_string(val) ? json_string_value(val) : "");
            xml_out_end(x);
        }
        xml_out_end(x);
    }
    xml_out_end(x);
}

static void xml_module(void *state, const struct module_record *m)
{
    struct xml_state *st = state;
    if (!st->in_modules) {
        xml_out_start(&st->x, "modules");
        st->in_modules = true;
    }
    json_t *o = report_module_json(m);
    xml_out_start(&st->x, "module");
    const char *key;
    json_t *v;
    static const char *const attrs[] = {"name", "file", "language", "status", NULL};
    for (size_t i = 0; attrs[i]; i++)
        xml_out_attr(&st->x, attrs[i], json_string_value(json_object_get(o, attrs[i])));
    xml_out_attr_int(&st->x, "line", json_integer_value(json_object_get(o, "line")));
    if (m->revision)
        xml_out_attr(&st->x, "revision", m->revision);
    json_object_foreach(o, key, v) {
        int known = !strcmp(key, "line") || !strcmp(key, "variations") ||
                    !strcmp(key, "revision");
        for (size_t i = 0; attrs[i]; i++)
            known |= !strcmp(key, attrs[i]);
        if (!known)
            property(&st->x, key, v);
    }
    if (json_object_get(o, "variations"))
        variations(&st->x, json_object_get(o, "variations"));
    xml_out_end(&st->x);
    json_decref(o);
}

/* Modules come before findings (report_write's order); the first
 * finding, or the end, closes <modules>. */
static void open_findings(struct xml_state *st)
{
    if (st->in_findings)
        return;
    if (!st->in_modules)
        xml_out_start(&st->x, "modules");
    xml_out_end(&st->x);
    xml_out_start(&st->x, "findings");
    st->in_modules = false;
    st->in_findings = true;
}

static void xml_finding(void *state, const struct finding *f)
{
    struct xml_state *st = state;
    open_findings(st);
    xml_out_start(&st->x, "finding");
    xml_out_attr(&st->x, "rule", f->rule);
    xml_out_attr(&st->x, "severity", severity_name(f->severity));
    if (f->file)
        xml_out_attr(&st->x, "file", f->file);
    xml_out_attr_int(&st->x, "line", f->line);
    if (f->module)
        xml_out_attr(&st->x, "module", f->module);
    if (f->object)
        xml_out_attr(&st->x, "object", f->object);
    if (f->key)
        xml_out_attr(&st->x, "key", f->key);
    xml_out_element(&st->x, "message", f->message);
    for (size_t i = 0; i < f->n_notes; i++) {
        const struct note *n = &f->notes[i];
        xml_out_start(&st->x, "note");
        if (n->file)
            xml_out_attr(&st->x, "file", n->file);
        xml_out_attr_int(&st->x, "line", n->line);
        if (n->rule)
            xml_out_attr(&st->x, "rule", n->rule);
        xml_out_text(&st->x, n->message);
        xml_out_end(&st->x);
    }
    xml_out_end(&st->x);
}

static void xml_end(void *state, const struct report_summary *sum)
{
    struct xml_state *st = state;
    open_findings(st);
    xml_out_end(&st->x);
    xml_out_start(&st->x, "summary");
    xml_out_attr_int(&st->x, "files", (long long)sum->files);
    xml_out_attr_int(&st->x, "modules", (long long)sum->modules);
    xml_out_attr_int(&st->x, "errors", (long long)sum->errors);
    xml_out_attr_int(&st->x, "warnings", (long long)sum->warnings);
    xml_out_attr_int(&st->x, "infos", (long long)sum->infos);
    xml_out_attr(&st->x, "incomplete", sum->incomplete ? "true" : "false");
    if (sum->walk_cut)
        xml_out_attr(&st->x, "walk-cut", sum->walk_cut);
    if (sum->baseline) {
        xml_out_attr_int(&st->x, "baselined", (long long)sum->baselined);
        xml_out_attr_int(&st->x, "baseline-stale", (long long)sum->baseline_stale);
    }
    xml_out_end(&st->x);
    xml_out_close(&st->x, st->out);
    free(st);
}

const struct report_writer report_xml = {"xml", xml_begin, xml_module,
                                         xml_finding, xml_end};
