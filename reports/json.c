/* The JSON report (docs/json-format.md): everything a script needs, built
 * as a jansson tree so no string is escaped by hand. */
#include <stdlib.h>
#include <string.h>

#include <smi.h>

#include "reports/common.h"

struct json_state {
    struct buf *out;
    json_t *root, *modules, *findings;
};

static void *json_begin(const struct report_run *run, struct buf *out)
{
    struct json_state *st = xcalloc(1, sizeof *st);
    st->out = out;
    st->root = json_object();
    json_object_set_new(st->root, "format", json_string("mibcheck-report"));
    json_object_set_new(st->root, "format_version", json_integer(1));
    json_object_set_new(st->root, "tool",
                        json_pack("{s:s,s:s,s:s}", "name", "mibcheck", "version",
                                  PACKAGE_VERSION, "libsmi", smi_version_string));
    if (run->timestamp >= 0) {
        char *t = report_time_iso(run->timestamp);
        json_object_set_new(st->root, "timestamp", json_sprintf("%sZ", t));
        free(t);
    }
    json_object_set_new(st->root, "configuration", report_config_json(run->cfg));
    json_object_set_new(st->root, "inputs", report_inputs_json(run->inputs));
    st->modules = json_array();
    st->findings = json_array();
    json_object_set(st->root, "modules", st->modules);
    json_object_set(st->root, "findings", st->findings);
    return st;
}

static void json_module(void *state, const struct module_record *m)
{
    struct json_state *st = state;
    json_array_append_new(st->modules, report_module_json(m));
}

static void json_finding(void *state, const struct finding *f)
{
    struct json_state *st = state;
    json_array_append_new(st->findings, report_finding_json(f));
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Findings per rule id, keys in id order. */
static json_t *counts_by_rule(json_t *findings)
{
    size_t n = json_array_size(findings);
    const char **ids = xcalloc(n + 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = json_string_value(json_object_get(json_array_get(findings, i), "rule"));
    qsort(ids, n, sizeof *ids, str_cmp);
    json_t *o = json_object();
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && !strcmp(ids[k], ids[i]))
            k++;
        json_object_set_new(o, ids[i], json_integer((json_int_t)(k - i)));
        i = k;
    }
    free(ids);
    return o;
}

static void json_end(void *state, const struct report_summary *sum)
{
    struct json_state *st = state;
    json_t *s = report_summary_json(sum);
    json_object_set_new(s, "by_rule", counts_by_rule(st->findings));
    json_object_set_new(st->root, "summary", s);
    buf_put_json(st->out, st->root);
    json_decref(st->modules);
    json_decref(st->findings);
    json_decref(st->root);
    free(st);
}

const struct report_writer report_json = {"json", json_begin, json_module,
                                          json_finding, json_end};
