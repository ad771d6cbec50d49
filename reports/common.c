#include "reports/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checker/decisions.h"
#include "checker/sources.h"

json_t *report_json_str(const char *s)
{
    if (!s)
        return json_null();
    char *v = utf8_valid_copy(s);
    json_t *j = json_string(v);
    free(v);
    return j ? j : json_string("");
}

void buf_put_json(struct buf *out, const json_t *root)
{
    char *text = json_dumps(root, JSON_INDENT(2));
    if (text) {
        buf_printf(out, "%s\n", text);
        free(text);
    }
}

json_t *report_module_json(const struct module_record *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", report_json_str(m->name));
    json_object_set_new(o, "file", report_json_str(m->file));
    json_object_set_new(o, "line", json_integer(m->line));
    json_object_set_new(o, "language", report_json_str(m->language));
    json_object_set_new(o, "revision", report_json_str(m->revision));
    json_object_set_new(o, "status", report_json_str(m->status));
    if (m->variations) {
        json_t *v = json_loads(m->variations, 0, NULL);
        if (v)
            json_object_set_new(o, "variations", v);
    }
    return o;
}

json_t *report_finding_json(const struct finding *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "rule", report_json_str(f->rule));
    json_object_set_new(o, "severity", json_string(severity_name(f->severity)));
    json_object_set_new(o, "file", report_json_str(f->file));
    json_object_set_new(o, "line", json_integer(f->line));
    json_object_set_new(o, "module", report_json_str(f->module));
    json_object_set_new(o, "object", report_json_str(f->object));
    json_object_set_new(o, "message", report_json_str(f->message));
    if (f->key)
        json_object_set_new(o, "key", report_json_str(f->key));
    json_t *notes = json_array();
    for (size_t i = 0; i < f->n_notes; i++) {
        const struct note *n = &f->notes[i];
        json_array_append_new(
            notes, json_pack("{s:o,s:i,s:o,s:o}", "file", report_json_str(n->file),
                             "line", n->line, "rule", report_json_str(n->rule),
                             "message", report_json_str(n->message)));
    }
    json_object_set_new(o, "notes", notes);
    return o;
}

static json_t *strvec_json(const struct strvec *sv)
{
    json_t *a = json_array();
    for (size_t i = 0; i < sv->len; i++)
        json_array_append_new(a, report_json_str(sv->v[i]));
    return a;
}

/* What changes the findings; not how they are computed (jobs) or shown
 * (colour, outputs), so reports of -j1 and -j2 runs are identical. */
json_t *report_config_json(const struct config *cfg)
{
    json_t *rules = json_array();
    for (size_t i = 0; i < cfg->n_settings; i++) {
        const struct rule_setting *s = &cfg->settings[i];
        json_t *r = json_pack("{s:s,s:o}", "action",
                              s->kind == SET_SEVERITY ? "severity"
                              : s->kind == SET_ENABLE ? "enable" : "disable",
                              "rule", report_json_str(s->pattern));
        if (s->kind == SET_SEVERITY)
            json_object_set_new(r, "severity", json_string(severity_name(s->severity)));
        if (s->path_glob)
            json_object_set_new(r, "path", report_json_str(s->path_glob));
        json_array_append_new(rules, r);
    }
    return json_pack("{s:o,s:s,s:s,s:b,s:o,s:o,s:o,s:o,s:i,s:I,s:I}",
                     "profile", report_json_str(cfg->profile),
                     "fail_on", severity_name(cfg->fail_on),
                     "min_severity", severity_name(cfg->min_severity),
                     "recursive", cfg->recursive,
                     "mib_path", strvec_json(&cfg->mib_path),
                     "rules", rules,
                     "reference", strvec_json(&cfg->reference_dirs),
                     "previous", report_json_str(cfg->previous),
                     "timeout", cfg->timeout,
                     "max_memory_mb", (json_int_t)cfg->max_memory_mb,
                     "max_file_size", (json_int_t)cfg->max_file_size);
}

static const char *source_status_name(enum source_status s)
{
    switch (s) {
    case SRC_OK: return "ok";
    case SRC_UNREADABLE: return "unreadable";
    case SRC_TOO_LARGE: return "too-large";
    case SRC_NOT_MIB: return "not-mib";
    }
    return "unknown";
}

json_t *report_inputs_json(const struct source_set *ss)
{
    json_t *a = json_array();
    for (size_t i = 0; ss && i < ss->len; i++) {
        const struct source *s = &ss->v[i];
        json_t *mods = json_array();
        for (size_t k = 0; k < s->n_mods; k++)
            json_array_append_new(mods, report_json_str(s->mods[k].name));
        json_array_append_new(a, json_pack("{s:o,s:s,s:o}", "file",
                                           report_json_str(s->path), "status",
                                           source_status_name(s->status),
                                           "modules", mods));
    }
    return a;
}

json_t *report_summary_json(const struct report_summary *sum)
{
    json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:b}", "files", (json_int_t)sum->files,
                          "modules", (json_int_t)sum->modules, "errors",
                          (json_int_t)sum->errors, "warnings", (json_int_t)sum->warnings,
                          "infos", (json_int_t)sum->infos, "incomplete", sum->incomplete);
    if (sum->walk_cut)
        json_object_set_new(o, "walk_cut", json_string(sum->walk_cut));
    if (sum->baseline) {
        json_object_set_new(o, "baselined", json_integer((json_int_t)sum->baselined));
        json_object_set_new(o, "baseline_stale",
                            json_integer((json_int_t)sum->baseline_stale));
    }
    return o;
}

char *report_walk_cut_text(const char *walk_cut)
{
    return xasprintf("The walk of the agent was cut short by %s: the values past it "
                     "were not checked, nor the mandatory groups of the subtrees "
                     "it did not walk whole.", walk_cut);
}

const char *report_sarif_level(enum severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

const char *report_rule_summary(const struct rule_info *ri)
{
    if (ri->summary)
        return ri->summary;
    if (ri->family == FAMILY_SMI) {
        const char *m = smi_rule_message(ri->id + 4);
        if (m)
            return m;
    }
    return "";
}

/* A heading and text indented by four spaces, line by line: examples
 * keep their lines. */
static void explain_section(struct buf *b, const char *heading, const char *text)
{
    if (!text || !*text)
        return;
    buf_printf(b, "\n%s\n", heading);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        buf_printf(b, "    %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
}

char *report_explain_text(const struct rule_info *ri)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    buf_printf(&b, "%s (%s, family %s, default severity %s%s)\n", ri->id,
               ri->reference, family_name(ri->family), severity_name(ri->severity),
               ri->default_off ? ", off by default" : "");
    if (ri->family == FAMILY_SMI) {
        const char *tag = ri->id + 4;
        buf_printf(&b, "\nReported by libsmi (level %d) with the message:\n    %s\n",
                   ri->smi_level, smi_rule_message(tag) ? smi_rule_message(tag) : "");
        explain_section(&b, "libsmi's description:", smi_rule_description(tag));
    } else if (ri->summary) {
        buf_printf(&b, "\n%s\n", ri->summary);
    }
    const struct rule_doc *doc = rule_doc(ri->id);
    if (doc) {
        explain_section(&b, "What it does", doc->what);
        explain_section(&b, "Why is this bad?", doc->why);
        explain_section(&b, "Example", doc->bad);
        explain_section(&b, "Use instead", doc->good);
        explain_section(&b, "How to fix", doc->fix);
    }
    explain_section(&b, "Default profile", decision_explain(ri->id));
    const char *std = ri->family == FAMILY_SMI ? smi_rule_standard(ri->id + 4) : NULL;
    if (std)
        buf_printf(&b, "\nReferences\n    %s; checked by libsmi\n", std);
    else
        buf_printf(&b, "\nReferences\n    %s\n", ri->reference);
    return b.data;
}

char *report_time_iso(long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char s[32];
    if (!gmtime_r(&tt, &tm) || !strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm))
        return xstrdup("1970-01-01T00:00:00");
    return xstrdup(s);
}

long long report_source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL)  /* up to year 9999 */
        return -1;
    return v;
}

char *report_xml_text(const char *s)
{
    char *v = utf8_valid_copy(s ? s : "");
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            buf_append(&b, "\xEF\xBF\xBD", 3);
        else
            buf_append(&b, p, 1);
    }
    free(v);
    return b.data;
}

char *report_abs_path(const char *path)
{
    struct buf raw = {0};
    buf_append(&raw, "", 0);
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        buf_printf(&raw, "%s/", cwd ? cwd : "");
        free(cwd);
    }
    buf_printf(&raw, "%s", path);
    /* drop "." and empty segments, resolve ".." lexically */
    char **seg = xcalloc(raw.len + 1, sizeof *seg);
    size_t n = 0;
    for (char *tok = strtok(raw.data, "/"); tok; tok = strtok(NULL, "/")) {
        if (!strcmp(tok, "."))
            continue;
        if (!strcmp(tok, "..")) {
            if (n)
                n--;
            continue;
        }
        seg[n++] = tok;
    }
    struct buf out = {0};
    buf_append(&out, "", 0);
    for (size_t i = 0; i < n; i++)
        buf_printf(&out, "/%s", seg[i]);
    if (!n)
        buf_append(&out, "/", 1);
    free(seg);
    buf_free(&raw);
    return out.data;
}

/* RFC 3986: keep unreserved characters and '/', escape every other byte. */
static void uri_escape(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
            buf_append(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, e, 3);
        }
    }
}

char *report_file_uri(const char *file, const char *base, int *inside)
{
    char *abs = report_abs_path(file);
    size_t bl = strlen(base);
    while (bl > 1 && base[bl - 1] == '/')
        bl--;
    struct buf b = {0};
    buf_append(&b, "", 0);
    *inside = 0;
    if (bl == 1 && base[0] == '/') {
        *inside = 1;
        uri_escape(&b, abs + 1);
    } else if (!strncmp(abs, base, bl) && abs[bl] == '/') {
        *inside = 1;
        uri_escape(&b, abs + bl + 1);
    } else {
        buf_printf(&b, "file://");
        uri_escape(&b, abs);
    }
    free(abs);
    return b.data;
}

const char *source_cache_line(struct source_cache *sc, const char *file,
                              int n, size_t *len)
{
    if (!file || n < 1)
        return NULL;
    if (!sc->file || strcmp(sc->file, file)) {
        source_cache_free(sc);
        sc->file = xstrdup(file);
        size_t size = 0;
        int too_large = 0;
        sc->text = read_file(file, (size_t)1 << 30, &size, &too_large);
        if (!sc->text)
            return NULL;
        size_t cap = 64;
        sc->starts = xmalloc(cap * sizeof *sc->starts);
        sc->starts[0] = 0;
        for (size_t i = 0; i < size; i++) {
            if (sc->text[i] != '\n')
                continue;
            if (sc->n_lines + 2 >= cap) {
                cap *= 2;
                sc->starts = xrealloc(sc->starts, cap * sizeof *sc->starts);
            }
            sc->starts[++sc->n_lines] = i + 1;
        }
        if (size && sc->text[size - 1] != '\n') {
            if (sc->n_lines + 2 >= cap)
                sc->starts = xrealloc(sc->starts, (cap + 2) * sizeof *sc->starts);
            sc->starts[++sc->n_lines] = size + 1;
        }
    }
    if (!sc->text || (size_t)n > sc->n_lines)
        return NULL;
    const char *s = sc->text + sc->starts[n - 1];
    size_t l = sc->starts[n] - sc->starts[n - 1] - 1;
    while (l && s[l - 1] == '\r')
        l--;
    *len = l;
    return s;
}

void source_cache_free(struct source_cache *sc)
{
    free(sc->file);
    free(sc->text);
    free(sc->starts);
    memset(sc, 0, sizeof *sc);
}
