#include "reports/report.h"

#include <stdlib.h>
#include <string.h>

static const struct report_writer *const writers[] = {
    &report_text, &report_short, &report_json, &report_sarif,
    &report_xml,  &report_junit, &report_html, NULL};

const struct report_writer *report_writer_find(const char *format)
{
    for (size_t i = 0; writers[i]; i++)
        if (!strcmp(writers[i]->format, format))
            return writers[i];
    return NULL;
}

const char *report_formats(void)
{
    static char list[256];
    if (!list[0]) {
        for (size_t i = 0; writers[i]; i++) {
            if (i)
                strcat(list, ", ");
            strcat(list, writers[i]->format);
        }
    }
    return list;
}

/* Workers finish in any order: modules go out by file, line, name, so
 * reports of -j1 and -j2 runs are identical. */
static int module_cmp(const void *a, const void *b)
{
    const struct module_record *x = *(const struct module_record *const *)a;
    const struct module_record *y = *(const struct module_record *const *)b;
    int c = strcmp(x->file, y->file);
    if (!c)
        c = (x->line > y->line) - (x->line < y->line);
    return c ? c : strcmp(x->name, y->name);
}

void report_render(const struct report_writer *w, const struct report_run *run,
                   const struct module_records *mods,
                   const struct finding_list *findings,
                   const struct report_summary *sum, struct buf *out)
{
    buf_append(out, "", 0);
    void *st = w->begin(run, out);
    const struct module_record **order = xcalloc(mods->len + 1, sizeof *order);
    for (size_t i = 0; i < mods->len; i++)
        order[i] = &mods->v[i];
    qsort(order, mods->len, sizeof *order, module_cmp);
    for (size_t i = 0; i < mods->len; i++)
        w->module(st, order[i]);
    free(order);
    for (size_t i = 0; i < findings->len; i++)
        w->finding(st, &findings->items[i]);
    w->end(st, sum);
}

int report_write(const struct report_writer *w, const struct report_run *run,
                 const struct module_records *mods,
                 const struct finding_list *findings,
                 const struct report_summary *sum)
{
    struct buf out = {0};
    report_render(w, run, mods, findings, sum, &out);
    if (strcmp(run->path, "-"))
        remove_stale_temps(run->path);
    int r = write_file_atomic(run->path, out.data, out.len);
    buf_free(&out);
    return r;
}
