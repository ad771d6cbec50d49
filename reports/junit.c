/*
 * JUnit XML (the Ant schema Jenkins and GitLab read): one testsuite per
 * input file, one testcase per module.  The schema allows one <failure>
 * per testcase, so a module's findings at or above --fail-on share it,
 * one line each; every finding of the file is also in the suite's
 * <system-out>.  A module the checker could not finish (crash, timeout,
 * memory) is an <error> instead.
 */
#include <stdlib.h>
#include <string.h>

#include "reports/common.h"
#include "reports/xmlout.h"
#include "checker/sources.h"

struct junit_state {
    const struct report_run *run;
    struct buf *out;
    const struct module_record **mods;
    size_t n_mods;
    const struct finding **finds;
    size_t n_finds;
};

static void *junit_begin(const struct report_run *run, struct buf *out)
{
    struct junit_state *st = xcalloc(1, sizeof *st);
    st->run = run;
    st->out = out;
    return st;
}

/* Records and findings outlive the writer's calls (report_write owns
 * them), so keeping pointers is enough. */
static void junit_module(void *state, const struct module_record *m)
{
    struct junit_state *st = state;
    st->mods = xrealloc(st->mods, (st->n_mods + 1) * sizeof *st->mods);
    st->mods[st->n_mods++] = m;
}

static void junit_finding(void *state, const struct finding *f)
{
    struct junit_state *st = state;
    st->finds = xrealloc(st->finds, (st->n_finds + 1) * sizeof *st->finds);
    st->finds[st->n_finds++] = f;
}

static const char *file_of(const struct finding *f)
{
    return f->file ? f->file : "-";
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Stable orders by file, so each suite is one run of each array. */
static int mod_cmp(const void *a, const void *b)
{
    const struct module_record *x = *(const struct module_record *const *)a;
    const struct module_record *y = *(const struct module_record *const *)b;
    int c = strcmp(x->file, y->file);
    if (!c)
        c = strcmp(x->name, y->name);
    return c ? c : (x < y ? -1 : x > y);
}

static int find_cmp(const void *a, const void *b)
{
    const struct finding *x = *(const struct finding *const *)a;
    const struct finding *y = *(const struct finding *const *)b;
    int c = strcmp(file_of(x), file_of(y));
    /* keep the report's order (the findings sit in one array) */
    return c ? c : (x < y ? -1 : x > y);
}

/* The files of the suites: inputs, plus files only findings or modules
 * name (imported modules with -r), sorted and unique. */
static size_t suite_files(const struct junit_state *st, const char ***out)
{
    size_t cap = st->n_mods + st->n_finds + 1, n = 0;
    if (st->run->inputs)
        cap += st->run->inputs->len;
    const char **v = xcalloc(cap, sizeof *v);
    for (size_t i = 0; st->run->inputs && i < st->run->inputs->len; i++)
        v[n++] = st->run->inputs->v[i].path;
    for (size_t i = 0; i < st->n_mods; i++)
        v[n++] = st->mods[i]->file;
    for (size_t i = 0; i < st->n_finds; i++)
        v[n++] = file_of(st->finds[i]);
    qsort(v, n, sizeof *v, str_ptr_cmp);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || strcmp(v[u - 1], v[i]))
            v[u++] = v[i];
    *out = v;
    return u;
}

static void finding_line(struct buf *b, const struct finding *f)
{
    buf_printf(b, "%s:%d: %s: %s [%s]\n", file_of(f), f->line,
               severity_name(f->severity), f->message, f->rule);
    for (size_t i = 0; i < f->n_notes; i++)
        buf_printf(b, "%s:%d: note: %s\n", f->notes[i].file ? f->notes[i].file : "-",
                   f->notes[i].line, f->notes[i].message);
}

/* One suite: the modules mods[0..nm) and findings finds[0..nf) of file. */
struct suite {
    const char *file;
    const struct module_record *const *mods;
    size_t nm;
    const struct finding *const *finds;
    size_t nf;
};

/* Is finding f in the testcase of module m (NULL: the file's own
 * testcase, for findings of no module defined in this file)? */
static bool belongs(const struct suite *su, const struct finding *f,
                    const struct module_record *m)
{
    if (m)
        return f->module && !strcmp(f->module, m->name);
    for (size_t i = 0; f->module && i < su->nm; i++)
        if (!strcmp(su->mods[i]->name, f->module))
            return false;
    return true;
}

struct case_result {
    size_t failing;         /* findings at or above --fail-on */
    enum severity worst;
    bool broken;            /* crashed, timed out, out of memory */
};

static struct case_result case_result(const struct junit_state *st,
                                      const struct suite *su,
                                      const struct module_record *m,
                                      struct buf *lines)
{
    struct case_result r = {0, SEV_NONE, false};
    enum severity t = st->run->cfg->fail_on;
    for (size_t i = 0; i < su->nf; i++) {
        const struct finding *f = su->finds[i];
        if (t == SEV_NONE || f->severity < t || !belongs(su, f, m))
            continue;
        if (lines)
            finding_line(lines, f);
        r.failing++;
        if (f->severity > r.worst)
            r.worst = f->severity;
    }
    r.broken = m && (!strcmp(m->status, "crashed") || !strcmp(m->status, "timeout") ||
                     !strcmp(m->status, "memory"));
    return r;
}

static void testcase(const struct junit_state *st, struct xml_out *x,
                     const struct suite *su, const struct module_record *m)
{
    struct buf lines = {0};
    buf_append(&lines, "", 0);
    struct case_result r = case_result(st, su, m, &lines);
    xml_out_start(x, "testcase");
    xml_out_attr(x, "name", m ? m->name : su->file);
    xml_out_attr(x, "classname", su->file);
    xml_out_attr(x, "time", "0");
    if (r.broken || r.failing) {
        char *msg = r.broken ? xasprintf("checking the module ended: %s", m->status)
                             : xasprintf("%zu finding%s at or above %s", r.failing,
                                         r.failing == 1 ? "" : "s",
                                         severity_name(st->run->cfg->fail_on));
        xml_out_start(x, r.broken ? "error" : "failure");
        xml_out_attr(x, "message", msg);
        xml_out_attr(x, "type", r.broken ? m->status : severity_name(r.worst));
        xml_out_text(x, lines.data);
        xml_out_end(x);
        free(msg);
    }
    xml_out_end(x);
    buf_free(&lines);
}

static void suite(const struct junit_state *st, struct xml_out *x,
                  const struct suite *su, int id, const char *stamp)
{
    /* counts first: they are attributes of the suite */
    int tests = 0, failures = 0, errors = 0;
    for (size_t i = 0; i < su->nm; i++) {
        struct case_result r = case_result(st, su, su->mods[i], NULL);
        tests++;
        errors += r.broken;
        failures += !r.broken && r.failing;
    }
    /* findings of no module (unreadable input, -r imports): a testcase
     * named after the file, present only when it fails */
    struct case_result own = case_result(st, su, NULL, NULL);
    if (own.failing) {
        tests++;
        failures++;
    }
    xml_out_start(x, "testsuite");
    xml_out_attr(x, "name", su->file);
    xml_out_attr(x, "package", "mibcheck");
    xml_out_attr_int(x, "id", id);
    xml_out_attr(x, "timestamp", stamp);
    xml_out_attr(x, "hostname", "localhost");
    xml_out_attr_int(x, "tests", tests);
    xml_out_attr_int(x, "failures", failures);
    xml_out_attr_int(x, "errors", errors);
    xml_out_attr(x, "time", "0");
    xml_out_start(x, "properties");
    xml_out_start(x, "property");
    xml_out_attr(x, "name", "fail-on");
    xml_out_attr(x, "value", severity_name(st->run->cfg->fail_on));
    xml_out_end(x);
    xml_out_end(x);
    for (size_t i = 0; i < su->nm; i++)
        testcase(st, x, su, su->mods[i]);
    if (own.failing)
        testcase(st, x, su, NULL);
    struct buf all = {0};
    buf_append(&all, "", 0);
    for (size_t i = 0; i < su->nf; i++)
        finding_line(&all, su->finds[i]);
    xml_out_element(x, "system-out", all.data);
    xml_out_element(x, "system-err", "");
    buf_free(&all);
    xml_out_end(x);
}

static void junit_end(void *state, const struct report_summary *sum)
{
    struct junit_state *st = state;
    (void)sum;
    long long t = st->run->timestamp;
    if (t < 0)
        t = report_source_date_epoch();
    char *stamp = report_time_iso(t < 0 ? 0 : t);
    const char **files;
    size_t n = suite_files(st, &files);
    struct xml_out x;
    xml_out_open(&x);
    xml_out_start(&x, "testsuites");
    qsort(st->mods, st->n_mods, sizeof *st->mods, mod_cmp);
    qsort(st->finds, st->n_finds, sizeof *st->finds, find_cmp);
    size_t mi = 0, fi = 0;
    for (size_t i = 0; i < n; i++) {
        struct suite su = {files[i], st->mods + mi, 0, st->finds + fi, 0};
        while (mi < st->n_mods && !strcmp(st->mods[mi]->file, files[i]))
            mi++, su.nm++;
        while (fi < st->n_finds && !strcmp(file_of(st->finds[fi]), files[i]))
            fi++, su.nf++;
        suite(st, &x, &su, (int)i, stamp);
    }
    xml_out_close(&x, st->out);
    free(files);
    free(stamp);
    free(st->mods);
    free(st->finds);
    free(st);
}

const struct report_writer report_junit = {"junit", junit_begin, junit_module,
                                           junit_finding, junit_end};
