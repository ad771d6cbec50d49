/*
 * JUnit XML (the Ant schema Jenkins and GitLab read): one testsuite per
 * input file.  The schema allows one <failure> per testcase, and CI
 * servers should count one failure per finding, so a module with findings
 * at or above --fail-on has one testcase per such finding (class: the
 * module); a module with none is one passing testcase.  A module the
 * checker could not finish (crash, timeout, memory) is an <error>.  Every
 * finding of the file, those below --fail-on too, is in the suite's
 * <system-out>.
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

/* Is finding f one of module m's (NULL: of no module defined in this
 * file: an unreadable input, an imported file with -r)? */
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

static bool is_broken(const struct module_record *m)
{
    return !strcmp(m->status, "crashed") || !strcmp(m->status, "timeout") ||
           !strcmp(m->status, "memory");
}

/* The engine's own finding that a file's check ended early: it is the
 * <error> of the file's modules, not a failure of its own. */
static bool is_breakage(const struct finding *f)
{
    return !strcmp(f->rule, "checker-crash") || !strcmp(f->rule, "checker-timeout") ||
           !strcmp(f->rule, "checker-memory");
}

static bool fails(const struct junit_state *st, const struct finding *f)
{
    enum severity t = st->run->cfg->fail_on;
    return t != SEV_NONE && f->severity >= t;
}

struct counts {
    int tests, failures, errors;
};

/* "RULE at line N: object", with " (2)", " (3)"... when an earlier
 * failing finding of the same class already has that name: CI servers
 * key results by class and name. */
static char *case_name(const struct junit_state *st, const struct suite *su,
                       const struct module_record *m, size_t k)
{
    const struct finding *f = su->finds[k];
    char *base = f->object ? xasprintf("%s at line %d: %s", f->rule, f->line, f->object)
                           : xasprintf("%s at line %d", f->rule, f->line);
    int same = 0;
    for (size_t i = 0; i < k; i++) {
        const struct finding *g = su->finds[i];
        if (fails(st, g) && belongs(su, g, m) && !(is_breakage(g) && !m) &&
            !strcmp(g->rule, f->rule) && g->line == f->line &&
            !(f->object ? !g->object || strcmp(f->object, g->object) : g->object != NULL))
            same++;
    }
    if (!same)
        return base;
    char *name = xasprintf("%s (%d)", base, same + 1);
    free(base);
    return name;
}

static void start_case(struct xml_out *x, const char *name, const char *classname)
{
    xml_out_start(x, "testcase");
    xml_out_attr(x, "name", name);
    xml_out_attr(x, "classname", classname);
    xml_out_attr(x, "time", "0");
}

/* A testcase holding one <failure> or <error>; its body is the finding's
 * line (empty when there is none). */
static void outcome_case(struct xml_out *x, const char *name, const char *classname,
                         const char *element, const char *message, const char *type,
                         const struct finding *f)
{
    struct buf body = {0};
    buf_append(&body, "", 0);
    if (f)
        finding_line(&body, f);
    start_case(x, name, classname);
    xml_out_start(x, element);
    xml_out_attr(x, "message", message);
    xml_out_attr(x, "type", type);
    xml_out_text(x, body.data);
    xml_out_end(x);
    xml_out_end(x);
    buf_free(&body);
}

static void failure_case(const struct junit_state *st, struct xml_out *x,
                         const struct suite *su, const struct module_record *m,
                         size_t k)
{
    const struct finding *f = su->finds[k];
    char *name = case_name(st, su, m, k);
    outcome_case(x, name, m ? m->name : su->file, "failure", f->message, f->rule, f);
    free(name);
}

/* The testcases of module m (NULL: the file's findings of no module):
 * one per finding at or above --fail-on, each with its <failure>; a
 * module with none is one passing testcase, or an <error> when its
 * check ended early.  With x NULL, only counts. */
static void module_cases(const struct junit_state *st, struct xml_out *x,
                         const struct suite *su, const struct module_record *m,
                         struct counts *c)
{
    if (m && is_broken(m)) {
        const struct finding *why = NULL;
        for (size_t i = 0; i < su->nf && !why; i++)
            if (is_breakage(su->finds[i]))
                why = su->finds[i];
        c->tests++;
        c->errors++;
        if (x) {
            char *msg = why ? NULL : xasprintf("checking the module ended: %s", m->status);
            outcome_case(x, m->name, m->name, "error", why ? why->message : msg,
                         m->status, why);
            free(msg);
        }
    }
    int failing = 0;
    bool folded = false;   /* breakage findings go to the modules' <error> */
    for (size_t i = 0; m == NULL && i < su->nm; i++)
        folded |= is_broken(su->mods[i]);
    for (size_t i = 0; i < su->nf; i++) {
        const struct finding *f = su->finds[i];
        if (!fails(st, f) || !belongs(su, f, m) || (!m && folded && is_breakage(f)))
            continue;
        failing++;
        c->tests++;
        c->failures++;
        if (x)
            failure_case(st, x, su, m, i);
    }
    if (m && !failing && !is_broken(m)) {
        c->tests++;
        if (x) {
            start_case(x, m->name, m->name);
            xml_out_end(x);
        }
    }
}

static void suite(const struct junit_state *st, struct xml_out *x,
                  const struct suite *su, int id, const char *stamp,
                  const char *walk_cut)
{
    /* counts first: they are attributes of the suite */
    struct counts c = {0, 0, 0};
    for (size_t i = 0; i <= su->nm; i++)
        module_cases(st, NULL, su, i < su->nm ? su->mods[i] : NULL, &c);
    xml_out_start(x, "testsuite");
    xml_out_attr(x, "name", su->file);
    xml_out_attr(x, "package", "mibcheck");
    xml_out_attr_int(x, "id", id);
    xml_out_attr(x, "timestamp", stamp);
    xml_out_attr(x, "hostname", "localhost");
    xml_out_attr_int(x, "tests", c.tests);
    xml_out_attr_int(x, "failures", c.failures);
    xml_out_attr_int(x, "errors", c.errors);
    xml_out_attr(x, "time", "0");
    xml_out_start(x, "properties");
    xml_out_start(x, "property");
    xml_out_attr(x, "name", "fail-on");
    xml_out_attr(x, "value", severity_name(st->run->cfg->fail_on));
    xml_out_end(x);
    if (walk_cut) {
        xml_out_start(x, "property");
        xml_out_attr(x, "name", "walk-cut");
        xml_out_attr(x, "value", walk_cut);
        xml_out_end(x);
    }
    xml_out_end(x);
    struct counts ignored = {0, 0, 0};
    for (size_t i = 0; i <= su->nm; i++)
        module_cases(st, x, su, i < su->nm ? su->mods[i] : NULL, &ignored);
    /* every finding of the file, those below --fail-on too */
    struct buf all = {0};
    buf_append(&all, "", 0);
    if (walk_cut) {
        /* CI servers show system-out, not properties */
        char *text = report_walk_cut_text(walk_cut);
        buf_printf(&all, "%s\n", text);
        free(text);
    }
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
    long long t = st->run->timestamp;
    if (t < 0)
        t = report_source_date_epoch();
    char *stamp = report_time_iso(t < 0 ? 0 : t);
    const char **files;
    size_t n = suite_files(st, &files);
    struct xml_out x;
    xml_out_open(&x);
    xml_out_start(&x, "testsuites");
    /* a run with no module or no finding has no array yet, and neither
     * qsort nor pointer arithmetic may see NULL (fuzz-reports) */
    if (!st->mods)
        st->mods = xcalloc(1, sizeof *st->mods);
    if (!st->finds)
        st->finds = xcalloc(1, sizeof *st->finds);
    qsort(st->mods, st->n_mods, sizeof *st->mods, mod_cmp);
    qsort(st->finds, st->n_finds, sizeof *st->finds, find_cmp);
    size_t mi = 0, fi = 0;
    for (size_t i = 0; i < n; i++) {
        struct suite su = {files[i], st->mods + mi, 0, st->finds + fi, 0};
        while (mi < st->n_mods && !strcmp(st->mods[mi]->file, files[i]))
            mi++, su.nm++;
        while (fi < st->n_finds && !strcmp(file_of(st->finds[fi]), files[i]))
            fi++, su.nf++;
        suite(st, &x, &su, (int)i, stamp, sum->walk_cut);
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
