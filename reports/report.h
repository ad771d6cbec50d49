/* One writer per report format, behind one small interface. */
#ifndef MIBCHECK_REPORT_H
#define MIBCHECK_REPORT_H

#include <stdbool.h>

#include "checker/config.h"
#include "checker/findings.h"
#include "checker/load.h"
#include "checker/util.h"

struct report_summary {
    size_t files;        /* inputs accounted for */
    size_t modules;
    size_t errors, warnings, infos;
    bool incomplete;     /* interrupted: not every input was checked */
    const char *walk_cut; /* agent: the bound that cut the walk short
                           * ("--max-seconds 3"), or NULL */
    /* With a baseline (--baseline, --write-baseline): the findings it
     * absorbed (not reported), and its entries no finding matched. */
    bool baseline;
    size_t baselined, baseline_stale;
};

struct source_set;

/* What a writer knows of the run as a whole. */
struct report_run {
    const struct config *cfg;
    const char *path;    /* where the report goes ("-" = stdout) */
    bool color;          /* text only: colour wanted */
    const struct source_set *inputs;   /* every input file; may be NULL */
    const char *base_dir; /* absolute; file URIs are relative to it */
    long long timestamp;  /* seconds since 1970, or -1: none (--timestamp) */
};

struct report_writer {
    const char *format;
    /* Returns the writer's state; output accumulates in out. */
    void *(*begin)(const struct report_run *run, struct buf *out);
    void (*module)(void *state, const struct module_record *m);
    void (*finding)(void *state, const struct finding *f);
    /* Writes the closing part and frees state. */
    void (*end)(void *state, const struct report_summary *sum);
};

extern const struct report_writer report_text, report_short, report_json,
    report_sarif, report_xml, report_junit, report_html;

const struct report_writer *report_writer_find(const char *format);
/* Comma-separated names of the known formats, for --help and errors. */
const char *report_formats(void);

/* Render the run in one format into out (appended, NUL-terminated). */
void report_render(const struct report_writer *w, const struct report_run *run,
                   const struct module_records *mods,
                   const struct finding_list *findings,
                   const struct report_summary *sum, struct buf *out);
/* Render the run in one format and write it atomically to path.
 * Returns 0, or -1 with errno. */
int report_write(const struct report_writer *w, const struct report_run *run,
                 const struct module_records *mods,
                 const struct finding_list *findings,
                 const struct report_summary *sum);

#endif
