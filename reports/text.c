/* gcc-style text: "path:line: severity: message [rule-id]", so editors and
 * CI log viewers can jump to each finding. */
#include <stdlib.h>
#include <string.h>

#include "reports/report.h"
#include "rules/rules.h"

struct text_state {
    const struct report_run *run;
    struct buf *out;
    /* findings per rule, for the summary */
    char **rules;
    size_t *counts;
    size_t n_rules;
};

static const char *color_of(const char *sev)
{
    if (!strcmp(sev, "error")) return "\033[1;31m";
    if (!strcmp(sev, "warning")) return "\033[1;35m";
    if (!strcmp(sev, "info")) return "\033[1;36m";
    return "\033[1;30m";
}

static void *text_begin(const struct report_run *run, struct buf *out)
{
    struct text_state *st = xcalloc(1, sizeof *st);
    st->run = run;
    st->out = out;
    return st;
}

static void text_module(void *state, const struct module_record *m)
{
    (void)state;
    (void)m;
}

static void location(struct buf *b, const char *file, int line)
{
    if (line > 0)
        buf_printf(b, "%s:%d: ", file ? file : "-", line);
    else
        buf_printf(b, "%s: ", file ? file : "-");
}

static void label(struct text_state *st, const char *sev)
{
    if (st->run->color)
        buf_printf(st->out, "%s%s:\033[0m ", color_of(sev), sev);
    else
        buf_printf(st->out, "%s: ", sev);
}

static void count_rule(struct text_state *st, const char *rule)
{
    for (size_t i = 0; i < st->n_rules; i++) {
        if (!strcmp(st->rules[i], rule)) {
            st->counts[i]++;
            return;
        }
    }
    st->rules = xrealloc(st->rules, (st->n_rules + 1) * sizeof *st->rules);
    st->counts = xrealloc(st->counts, (st->n_rules + 1) * sizeof *st->counts);
    st->rules[st->n_rules] = xstrdup(rule);
    st->counts[st->n_rules++] = 1;
}

static void text_finding(void *state, const struct finding *f)
{
    struct text_state *st = state;
    location(st->out, f->file, f->line);
    label(st, severity_name(f->severity));
    buf_printf(st->out, "%s [%s]\n", f->message, f->rule);
    for (size_t i = 0; i < f->n_notes; i++) {
        const struct note *n = &f->notes[i];
        location(st->out, n->file, n->line);
        label(st, "note");
        if (n->rule)
            buf_printf(st->out, "%s [%s]\n", n->message, n->rule);
        else
            buf_printf(st->out, "%s\n", n->message);
    }
    count_rule(st, f->rule);
}

static int count_cmp(const void *a, const void *b, void *arg)
{
    const struct text_state *st = arg;
    size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
    if (st->counts[ia] != st->counts[ib])
        return st->counts[ia] > st->counts[ib] ? -1 : 1;
    return strcmp(st->rules[ia], st->rules[ib]);
}

static void text_end(void *state, const struct report_summary *sum)
{
    struct text_state *st = state;
    if (!st->run->cfg->quiet) {
        if (st->n_rules) {
            size_t *order = xcalloc(st->n_rules, sizeof *order);
            for (size_t i = 0; i < st->n_rules; i++)
                order[i] = i;
            qsort_r(order, st->n_rules, sizeof *order, count_cmp, st);
            buf_printf(st->out, "\nFindings by rule:\n");
            for (size_t i = 0; i < st->n_rules; i++)
                buf_printf(st->out, "%7zu  %s\n", st->counts[order[i]],
                           st->rules[order[i]]);
            free(order);
        }
        buf_printf(st->out, "%s%zu modules, %zu errors, %zu warnings, %zu infos%s\n",
                   st->n_rules ? "\n" : "", sum->modules, sum->errors,
                   sum->warnings, sum->infos,
                   sum->incomplete ? " (INCOMPLETE: interrupted)" : "");
    }
    for (size_t i = 0; i < st->n_rules; i++)
        free(st->rules[i]);
    free(st->rules);
    free(st->counts);
    free(st);
}

const struct report_writer report_text = {"text", text_begin, text_module,
                                          text_finding, text_end};
