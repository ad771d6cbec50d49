/* SARIF 2.1.0 for code-scanning services: the rule catalogue as
 * tool.driver.rules, one result per finding, fingerprints that survive
 * edits elsewhere in the file; each file with modules is an artifact whose
 * properties list its modules (language, revision, status). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checker/baseline.h"
#include "reports/common.h"

struct sarif_state {
    const struct report_run *run;
    struct buf *out;
    json_t *root, *run_obj, *rules, *results, *artifacts;
    const char *last_file;   /* of the last artifact (report_write owns it) */
    int rule_index[RULE_COUNT];   /* position in rules[], or -1 */
    /* each result's fingerprint, numbered at the end among identical ones */
    struct print_ref {
        uint64_t print;
        size_t seq;
        json_t *result;   /* borrowed from results */
    } *prints;
    size_t n_prints;
};

/* "smi-index-element-accessible" -> "SmiIndexElementAccessible": SARIF
 * wants a name that reads as one identifier. */
static json_t *rule_name(const char *id)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    int up = 1;
    for (const char *p = id; *p; p++) {
        if (*p == '-' || *p == '_') {
            up = 1;
            continue;
        }
        char c = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
        buf_append(&b, &c, 1);
        up = 0;
    }
    json_t *j = json_string(b.data);
    buf_free(&b);
    return j;
}

static json_t *rule_descriptor(const struct config *cfg, const struct rule_info *ri)
{
    const struct rule_doc *doc = rule_doc(ri->id);
    const char *summary = report_rule_summary(ri);
    const char *full = doc ? doc->what : NULL;
    if (!full && ri->family == FAMILY_SMI)
        full = smi_rule_description(ri->id + 4);
    char *help = report_explain_text(ri);
    json_t *r = json_object();
    json_object_set_new(r, "id", json_string(ri->id));
    json_object_set_new(r, "name", rule_name(ri->id));
    json_object_set_new(r, "shortDescription",
                        json_pack("{s:o}", "text", report_json_str(*summary ? summary : ri->id)));
    json_object_set_new(r, "fullDescription",
                        json_pack("{s:o}", "text", report_json_str(full ? full : *summary ? summary : ri->id)));
    json_object_set_new(r, "help", json_pack("{s:o}", "text", report_json_str(help)));
    json_object_set_new(r, "defaultConfiguration",
                        json_pack("{s:s,s:b}", "level", report_sarif_level(ri->severity),
                                  "enabled", config_rule_enabled(cfg, ri->id)));
    json_object_set_new(r, "properties",
                        json_pack("{s:s,s:o,s:[s]}", "family", family_name(ri->family),
                                  "reference", report_json_str(ri->reference),
                                  "tags", family_name(ri->family)));
    free(help);
    return r;
}

static void *sarif_begin(const struct report_run *run, struct buf *out)
{
    struct sarif_state *st = xcalloc(1, sizeof *st);
    st->run = run;
    st->out = out;
    st->rules = json_array();
    /* every rule this configuration runs, in catalogue order */
    for (int i = 0; i < RULE_COUNT; i++) {
        const struct rule_info *ri = rule_info((enum rule_id)i);
        st->rule_index[i] = -1;
        if (!config_rule_enabled(run->cfg, ri->id))
            continue;
        st->rule_index[i] = (int)json_array_size(st->rules);
        json_array_append_new(st->rules, rule_descriptor(run->cfg, ri));
    }
    st->results = json_array();
    st->artifacts = json_array();
    json_t *driver = json_pack("{s:s,s:s,s:s,s:s,s:o}", "name", "mibcheck",
                               "version", PACKAGE_VERSION, "semanticVersion",
                               PACKAGE_VERSION, "informationUri",
                               "https://www.rfc-editor.org/rfc/rfc4181", "rules",
                               st->rules);
    st->run_obj = json_object();
    json_object_set_new(st->run_obj, "tool", json_pack("{s:o}", "driver", driver));
    char *base = xasprintf("file://%s%s", run->base_dir,
                           run->base_dir[strlen(run->base_dir) - 1] == '/' ? "" : "/");
    json_object_set_new(st->run_obj, "originalUriBaseIds",
                        json_pack("{s:{s:o}}", "SRCROOT", "uri", report_json_str(base)));
    free(base);
    json_object_set(st->run_obj, "results", st->results);
    st->root = json_pack("{s:s,s:s,s:[O]}", "$schema",
                         "https://json.schemastore.org/sarif-2.1.0.json", "version",
                         "2.1.0", "runs", st->run_obj);
    return st;
}

static json_t *artifact_location(const struct sarif_state *st, const char *file)
{
    int inside;
    char *uri = report_file_uri(file, st->run->base_dir, &inside);
    json_t *art = json_pack("{s:o}", "uri", report_json_str(uri));
    if (inside)
        json_object_set_new(art, "uriBaseId", json_string("SRCROOT"));
    free(uri);
    return art;
}

/* Modules arrive sorted by file: one artifact per run of equal files. */
static void sarif_module(void *state, const struct module_record *m)
{
    struct sarif_state *st = state;
    size_t n = json_array_size(st->artifacts);
    json_t *last = n ? json_array_get(st->artifacts, n - 1) : NULL;
    if (!last || strcmp(st->last_file, m->file)) {
        last = json_pack("{s:o,s:[s],s:{s:[]}}", "location",
                         artifact_location(st, m->file), "roles", "analysisTarget",
                         "properties", "modules");
        json_array_append_new(st->artifacts, last);
        st->last_file = m->file;
    }
    json_t *o = report_module_json(m);
    json_object_del(o, "file");
    json_array_append_new(json_object_get(json_object_get(last, "properties"), "modules"), o);
}

static json_t *physical_location(const struct sarif_state *st, const char *file,
                                 int line)
{
    json_t *pl = json_pack("{s:o}", "artifactLocation", artifact_location(st, file));
    if (line > 0)
        json_object_set_new(pl, "region", json_pack("{s:i}", "startLine", line));
    return pl;
}

static void sarif_finding(void *state, const struct finding *f)
{
    struct sarif_state *st = state;
    json_t *r = json_object();
    json_object_set_new(r, "ruleId", report_json_str(f->rule));
    int id = rule_lookup(f->rule);
    if (id >= 0 && st->rule_index[id] >= 0)
        json_object_set_new(r, "ruleIndex", json_integer(st->rule_index[id]));
    json_object_set_new(r, "level", json_string(report_sarif_level(f->severity)));
    json_object_set_new(r, "message", json_pack("{s:o}", "text", report_json_str(f->message)));
    if (f->file) {
        json_t *loc = json_pack("{s:o}", "physicalLocation",
                                physical_location(st, f->file, f->line));
        if (f->module || f->object) {
            char *fq = xasprintf("%s%s%s", f->module ? f->module : "",
                                 f->module && f->object ? "::" : "",
                                 f->object ? f->object : "");
            json_object_set_new(
                loc, "logicalLocations",
                json_pack("[{s:o,s:o,s:s}]", "name",
                          report_json_str(f->object ? f->object : f->module),
                          "fullyQualifiedName", report_json_str(fq), "kind",
                          f->object ? "member" : "module"));
            free(fq);
        }
        json_object_set_new(r, "locations", json_pack("[o]", loc));
    }
    /* the instance an agent finding is about is no construct of the
     * module (its logical location is the object's definition) */
    if (f->key)
        json_object_set_new(r, "properties", json_pack("{s:o}", "key", report_json_str(f->key)));
    if (f->n_notes) {
        json_t *rel = json_array();
        for (size_t i = 0; i < f->n_notes; i++) {
            const struct note *n = &f->notes[i];
            json_t *l = json_pack("{s:I,s:{s:o}}", "id", (json_int_t)i + 1, "message",
                                  "text", report_json_str(n->message));
            if (n->file)
                json_object_set_new(l, "physicalLocation",
                                    physical_location(st, n->file, n->line));
            json_array_append_new(rel, l);
        }
        json_object_set_new(r, "relatedLocations", rel);
    }
    st->prints = xrealloc(st->prints, (st->n_prints + 1) * sizeof *st->prints);
    st->prints[st->n_prints] = (struct print_ref){finding_fingerprint(f), st->n_prints, r};
    st->n_prints++;
    json_array_append_new(st->results, r);
}

static int print_ref_cmp(const void *a, const void *b)
{
    const struct print_ref *x = a, *y = b;
    if (x->print != y->print)
        return x->print < y->print ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* What identifies a finding across commits is the baseline's fingerprint
 * (checker/baseline.h: rule, module, object, message, not the line),
 * with ":N" for the Nth identical finding of the run.  With a baseline,
 * every result is "new" to it: the findings it holds are not reported,
 * and SARIF wants baselineState on all results or none (3.27.24). */
static void number_fingerprints(struct sarif_state *st, bool baseline)
{
    if (st->n_prints > 1)
        qsort(st->prints, st->n_prints, sizeof *st->prints, print_ref_cmp);
    for (size_t i = 0, n = 1; i < st->n_prints; i++) {
        n = i && st->prints[i - 1].print == st->prints[i].print ? n + 1 : 1;
        json_object_set_new(st->prints[i].result, "partialFingerprints",
                            json_pack("{s:o}", FINGERPRINT_KIND,
                                      json_sprintf("%016" PRIx64 ":%zu",
                                                   st->prints[i].print, n)));
        if (baseline)
            json_object_set_new(st->prints[i].result, "baselineState", json_string("new"));
    }
    free(st->prints);
}

static void sarif_end(void *state, const struct report_summary *sum)
{
    struct sarif_state *st = state;
    number_fingerprints(st, sum->baseline);
    json_t *inv = json_pack("{s:b}", "executionSuccessful", !sum->incomplete);
    /* a cut walk is no failure of the run, but a reader must know: the
     * notification is what viewers show, the property what scripts read */
    if (sum->walk_cut) {
        char *text = report_walk_cut_text(sum->walk_cut);
        json_object_set_new(inv, "toolExecutionNotifications",
                            json_pack("[{s:s,s:{s:o}}]", "level", "warning", "message",
                                      "text", report_json_str(text)));
        json_object_set_new(st->run_obj, "properties",
                            json_pack("{s:o}", "walk_cut", report_json_str(sum->walk_cut)));
        free(text);
    }
    if (st->run->timestamp >= 0) {
        char *t = report_time_iso(st->run->timestamp);
        json_object_set_new(inv, "endTimeUtc", json_sprintf("%sZ", t));
        free(t);
    }
    json_object_set_new(st->run_obj, "invocations", json_pack("[o]", inv));
    if (json_array_size(st->artifacts))
        json_object_set(st->run_obj, "artifacts", st->artifacts);
    json_decref(st->artifacts);
    buf_put_json(st->out, st->root);
    json_decref(st->results);
    json_decref(st->run_obj);
    json_decref(st->root);
    free(st);
}

const struct report_writer report_sarif = {"sarif", sarif_begin, sarif_module,
                                           sarif_finding, sarif_end};
