/* gcc-style text: "path:line: severity: message [rule-id]", so editors and
 * CI log viewers can jump to each finding. */
#include <stdlib.h>
#include <string.h>

#include "reports/common.h"
#include "rules/rules.h"

struct text_state {
    const struct report_run *run;
    struct buf *out;
    bool brief;                /* -f short: the finding lines only */
    struct source_cache src;   /* --show-source */
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

static void *short_begin(const struct report_run *run, struct buf *out)
{
    struct text_state *st = text_begin(run, out);
    st->brief = true;
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

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Where to put the marker: the object's descriptor when the line names
 * it as a word, else the line without its surrounding blanks. */
static void marker_span(const char *line, const char *object, size_t *from,
                        size_t *to)
{
    size_t len = strlen(line), ol = object ? strlen(object) : 0;
    for (const char *p = ol ? strstr(line, object) : NULL; p; p = strstr(p + 1, object)) {
        if ((p == line || !is_word_char(p[-1])) && !is_word_char(p[ol])) {
            *from = (size_t)(p - line);
            *to = *from + ol;
            return;
        }
    }
    *from = 0;
    while (*from < len && (line[*from] == ' ' || line[*from] == '\t'))
        (*from)++;
    *to = len;
    while (*to > *from && (line[*to - 1] == ' ' || line[*to - 1] == '\t'))
        (*to)--;
}

/* The offending line under the finding, with ^~~~ under the culprit, as
 * compilers show it. */
static void show_source(struct text_state *st, const struct finding *f)
{
    size_t len;
    const char *s = source_cache_line(&st->src, f->file, f->line, &len);
    if (!s)
        return;
    char *raw = xstrndup(s, len), *line = utf8_valid_copy(raw);
    free(raw);
    size_t from, to;
    marker_span(line, f->object, &from, &to);
    buf_printf(st->out, "%6d | %s\n       | ", f->line, line);
    /* keep tabs so the marker lines up; one column per character */
    for (size_t i = 0; i < to; i++) {
        if (((unsigned char)line[i] & 0xC0) == 0x80)
            continue;
        if (i < from)
            buf_append(st->out, line[i] == '\t' ? "\t" : " ", 1);
        else
            buf_append(st->out, i == from ? "^" : "~", 1);
    }
    buf_append(st->out, "\n", 1);
    free(line);
}

static void text_finding(void *state, const struct finding *f)
{
    struct text_state *st = state;
    location(st->out, f->file, f->line);
    label(st, severity_name(f->severity));
    buf_printf(st->out, "%s [%s]\n", f->message, f->rule);
    if (st->brief)
        return;
    if (st->run->cfg->show_source)
        show_source(st, f);
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
    if (!st->run->cfg->quiet && !st->brief) {
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
        buf_printf(st->out, "%s%zu modules, %zu errors, %zu warnings, %zu infos",
                   st->n_rules ? "\n" : "", sum->modules, sum->errors,
                   sum->warnings, sum->infos);
        if (sum->baseline)
            buf_printf(st->out, "; %zu baselined, %zu stale baseline entr%s",
                       sum->baselined, sum->baseline_stale,
                       sum->baseline_stale == 1 ? "y" : "ies");
        if (sum->walk_cut)
            buf_printf(st->out, " (walk cut short by %s)", sum->walk_cut);
        buf_printf(st->out, "%s\n", sum->incomplete ? " (INCOMPLETE: interrupted)" : "");
    }
    for (size_t i = 0; i < st->n_rules; i++)
        free(st->rules[i]);
    free(st->rules);
    free(st->counts);
    source_cache_free(&st->src);
    free(st);
}

const struct report_writer report_text = {"text", text_begin, text_module,
                                          text_finding, text_end};
const struct report_writer report_short = {"short", short_begin, text_module,
                                           text_finding, text_end};
