#include "reports/report.h"

#include <string.h>

static const struct report_writer *const writers[] = {
    &report_text,
    NULL};

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

int report_write(const struct report_writer *w, const struct report_run *run,
                 const struct module_records *mods,
                 const struct finding_list *findings,
                 const struct report_summary *sum)
{
    struct buf out = {0};
    buf_append(&out, "", 0);
    void *st = w->begin(run, &out);
    for (size_t i = 0; i < mods->len; i++)
        w->module(st, &mods->v[i]);
    for (size_t i = 0; i < findings->len; i++)
        w->finding(st, &findings->items[i]);
    w->end(st, sum);
    int r = write_file_atomic(run->path, out.data, out.len);
    buf_free(&out);
    return r;
}
