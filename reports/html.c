/*
 * The HTML report: one self-contained page (inline style and script, no
 * network) for reviewers of large batches.  The data goes into the page as
 * JSON made by jansson, with '<', '>' and '&' written as \u escapes, so no
 * input text can end the script element; the script renders it with
 * textContent only (reports/html-page.h).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "reports/common.h"
#include "reports/html-page.h"

/* Lines shown around each finding's line. */
#define CONTEXT_LINES 3
/* Longest source line kept, in bytes: the page must stay loadable. */
#define MAX_LINE 400

/* Strings that recur in every finding (files, modules, rule ids) go once
 * into a table and findings hold their index: a report of thousands of
 * modules loads in a browser in seconds only if it stays small. */
struct table {
    json_t *list;    /* the strings, in order */
    json_t *index;   /* string -> position */
};

struct html_state {
    const struct report_run *run;
    struct buf *out;
    json_t *modules, *findings, *rules, *columns;
    struct table files, names, rule_ids;
    /* per file (index of files): [[first line, [lines...]], ...], the
     * merged neighbourhoods of its findings, each line once */
    json_t *src;
    struct source_cache sc;
};

static void table_init(struct table *t)
{
    t->list = json_array();
    t->index = json_object();
}

/* Position of s in t (added when new); JSON null for NULL. */
static json_t *table_ref(struct table *t, const char *s)
{
    if (!s)
        return json_null();
    char *v = utf8_valid_copy(s);
    json_t *i = json_object_get(t->index, v);
    if (!i) {
        i = json_integer((json_int_t)json_array_size(t->list));
        json_object_set_new(t->index, v, i);
        json_array_append_new(t->list, json_string(v));
    }
    free(v);
    return json_incref(i);
}

static void *html_begin(const struct report_run *run, struct buf *out)
{
    struct html_state *st = xcalloc(1, sizeof *st);
    st->run = run;
    st->out = out;
    st->modules = json_array();
    st->findings = json_array();
    st->rules = json_object();
    st->columns = json_array();
    st->src = json_array();
    table_init(&st->files);
    table_init(&st->names);
    table_init(&st->rule_ids);
    return st;
}

static void html_module(void *state, const struct module_record *m)
{
    struct html_state *st = state;
    json_t *o = report_module_json(m);
    /* the module table shows every field a record has, in order */
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        size_t i, n = json_array_size(st->columns);
        for (i = 0; i < n; i++)
            if (!strcmp(json_string_value(json_array_get(st->columns, i)), key))
                break;
        if (i == n)
            json_array_append_new(st->columns, json_string(key));
    }
    json_array_append_new(st->modules, o);
}

static void add_rule(struct html_state *st, const char *id)
{
    if (json_object_get(st->rules, id))
        return;
    int r = rule_lookup(id);
    if (r < 0)
        return;
    const struct rule_info *ri = rule_info((enum rule_id)r);
    char *explain = report_explain_text(ri);
    json_object_set_new(st->rules, id,
                        json_pack("{s:s,s:s,s:o,s:o}", "family", family_name(ri->family),
                                  "severity", severity_name(ri->severity), "summary",
                                  report_json_str(report_rule_summary(ri)), "explain",
                                  report_json_str(explain)));
    free(explain);
}

/* Keep the lines around f's line in the source table of its file
 * (file index fi).  Findings come sorted by file and line, so a window
 * usually extends the file's last range; one that does not starts a new
 * range. */
static void keep_source(struct html_state *st, const struct finding *f, size_t fi)
{
    if (f->line < 1)
        return;
    while (json_array_size(st->src) <= fi)
        json_array_append_new(st->src, json_array());
    json_t *ranges = json_array_get(st->src, fi);
    /* long: a line near INT_MAX must not overflow (fuzz-reports) */
    long from = f->line - CONTEXT_LINES < 1 ? 1 : (long)f->line - CONTEXT_LINES;
    long to = (long)f->line + CONTEXT_LINES;
    if (to > INT_MAX)
        to = INT_MAX;
    size_t nr = json_array_size(ranges);
    json_t *last = nr ? json_array_get(ranges, nr - 1) : NULL;
    json_t *lines = NULL;
    long next = from;
    if (last) {
        long first = (long)json_integer_value(json_array_get(last, 0));
        long end = first + (long)json_array_size(json_array_get(last, 1));
        if (from >= first && from <= end) {
            lines = json_array_get(last, 1);
            next = end;
        }
    }
    if (!lines) {
        lines = json_array();
        json_array_append_new(ranges, json_pack("[I,o]", (json_int_t)from, lines));
    }
    for (long n = next; n <= to; n++) {
        size_t len;
        const char *s = source_cache_line(&st->sc, f->file, (int)n, &len);
        if (!s)
            break;
        char *line = xstrndup(s, len > MAX_LINE ? MAX_LINE : len);
        json_array_append_new(lines, report_json_str(line));
        free(line);
    }
}

/* A finding: [rule, severity, file, line, module, object, message,
 * notes(, key)] with rule, file and module as table positions (or null),
 * each note [file, line, message], the key only when the finding has one:
 * arrays, as a batch has many. */
static void html_finding(void *state, const struct finding *f)
{
    struct html_state *st = state;
    json_t *file = table_ref(&st->files, f->file);
    json_t *notes = json_array();
    for (size_t i = 0; i < f->n_notes; i++)
        json_array_append_new(notes, json_pack("[o,i,o]", table_ref(&st->files, f->notes[i].file),
                                               f->notes[i].line,
                                               report_json_str(f->notes[i].message)));
    if (json_is_integer(file))
        keep_source(st, f, (size_t)json_integer_value(file));
    json_t *a = json_pack("[o,s,O,i,o,o,o,o]", table_ref(&st->rule_ids, f->rule),
                          severity_name(f->severity), file, f->line,
                          table_ref(&st->names, f->module), report_json_str(f->object),
                          report_json_str(f->message), notes);
    if (f->key)
        json_array_append_new(a, report_json_str(f->key));
    json_array_append_new(st->findings, a);
    json_decref(file);
    add_rule(st, f->rule);
}

/* JSON safe inside <script>: the only '<', '>', '&' jansson emits are
 * inside strings, where \u escapes mean the same. */
static void append_script_json(struct buf *b, const char *json)
{
    for (const char *p = json; *p; p++) {
        if (*p == '<')
            buf_append(b, "\\u003c", 6);
        else if (*p == '>')
            buf_append(b, "\\u003e", 6);
        else if (*p == '&')
            buf_append(b, "\\u0026", 6);
        else
            buf_append(b, p, 1);
    }
}

static void html_end(void *state, const struct report_summary *sum)
{
    struct html_state *st = state;
    json_t *data = json_object();
    json_object_set_new(data, "tool", json_pack("{s:s,s:s}", "name", "mibcheck",
                                                "version", PACKAGE_VERSION));
    if (st->run->timestamp >= 0) {
        char *t = report_time_iso(st->run->timestamp);
        json_object_set_new(data, "timestamp", json_sprintf("%sZ", t));
        free(t);
    }
    json_object_set_new(data, "fail_on", json_string(severity_name(st->run->cfg->fail_on)));
    json_object_set_new(data, "summary", report_summary_json(sum));
    if (sum->walk_cut) {
        char *text = report_walk_cut_text(sum->walk_cut);
        json_object_set_new(data, "walk_cut_text", report_json_str(text));
        free(text);
    }
    json_object_set_new(data, "rules", st->rules);
    json_object_set_new(data, "module_columns", st->columns);
    json_object_set_new(data, "modules", st->modules);
    json_object_set_new(data, "files", st->files.list);
    json_object_set_new(data, "module_names", st->names.list);
    json_object_set_new(data, "rule_ids", st->rule_ids.list);
    json_object_set_new(data, "context", json_integer(CONTEXT_LINES));
    json_object_set_new(data, "findings", st->findings);
    char *json = json_dumps(data, JSON_COMPACT);
    json_decref(data);
    json_decref(st->files.index);
    json_decref(st->names.index);
    json_decref(st->rule_ids.index);
    char *src = json_dumps(st->src, JSON_COMPACT);
    json_decref(st->src);

    struct buf *b = st->out;
    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                  "<title>mibcheck report</title>\n<style>\n%s</style>\n</head>\n<body>\n",
               html_style);
    buf_printf(b,
               "<h1>mibcheck report</h1>\n<div class=\"meta\" id=\"meta\"></div>\n"
               "<noscript><p>This report needs JavaScript; the same data is in "
               "<code>mibcheck -f json</code>.</p></noscript>\n"
               "<div class=\"cards\" id=\"cards\"></div>\n"
               "<div class=\"grid\"><div id=\"by-family\"></div><div id=\"by-rule\"></div>"
               "<div id=\"by-module\"></div></div>\n"
               "<h2>Findings</h2>\n<div class=\"filters\">\n"
               "<label><input type=\"checkbox\" id=\"sev-error\"> errors</label>\n"
               "<label><input type=\"checkbox\" id=\"sev-warning\"> warnings</label>\n"
               "<label><input type=\"checkbox\" id=\"sev-info\"> infos</label>\n"
               "<label>family <select id=\"family-filter\"><option value=\"\">all</option></select></label>\n"
               "<label>rule <select id=\"rule-filter\"><option value=\"\">all</option></select></label>\n"
               "<label>module <select id=\"module-filter\"><option value=\"\">all</option></select></label>\n"
               "<label>search <input type=\"search\" id=\"text-filter\"></label>\n"
               "<button id=\"clear\" type=\"button\">clear</button>\n"
               "<span><span id=\"shown-count\">0</span> of <span id=\"total-count\">0</span> findings"
               " (click a row for its source and explanation)</span>\n</div>\n"
               "<table id=\"findings\"><thead><tr>"
               "<th data-key=\"severity\">severity</th><th data-key=\"rule\">rule</th>"
               "<th data-key=\"file\">location</th><th data-key=\"module\">module</th>"
               "<th data-key=\"object\">object</th><th data-key=\"message\">message</th>"
               "</tr></thead>\n<tbody id=\"findings-body\"></tbody></table>\n"
               "<button id=\"more\" type=\"button\" hidden>show more</button>\n"
               "<h2>Modules</h2>\n<div class=\"scroll\"><table id=\"modules\"><thead><tr id=\"modules-head\">"
               "</tr></thead><tbody id=\"modules-body\"></tbody></table></div>\n"
               "<h2>Rules</h2>\n<div id=\"rules\"></div>\n");
    buf_printf(b, "<script type=\"application/json\" id=\"mibcheck-data\">");
    append_script_json(b, json ? json : "{}");
    buf_printf(b, "</script>\n<script>\n%s</script>\n", html_script);
    /* the source lines last: the page is usable before the browser has
     * read them, and they are parsed on the first opened detail */
    buf_printf(b, "<script type=\"application/json\" id=\"mibcheck-src\">");
    append_script_json(b, src ? src : "[]");
    buf_printf(b, "</script>\n</body>\n</html>\n");
    free(json);
    free(src);
    source_cache_free(&st->sc);
    free(st);
}

const struct report_writer report_html = {"html", html_begin, html_module,
                                          html_finding, html_end};
