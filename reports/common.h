/* What several report writers share: the JSON form of modules, findings
 * and the configuration, rule explanations, source lines, times, URIs. */
#ifndef MIBCHECK_REPORT_COMMON_H
#define MIBCHECK_REPORT_COMMON_H

#include <jansson.h>
#include <stdint.h>

#include "reports/report.h"
#include "rules/rules.h"

/* A JSON string holding s as valid UTF-8 (bytes that are not UTF-8 read
 * as Latin-1); JSON null for NULL. */
json_t *report_json_str(const char *s);

/* root as JSON indented by two spaces, and a newline: the layout of the
 * json and sarif reports.  Nothing when jansson cannot encode it (out of
 * memory). */
void buf_put_json(struct buf *out, const json_t *root);

/*
 * The one place that turns a module record into report data.  A field
 * added to struct module_record is added here: the JSON report shows it
 * as is, the XML report as a <property>, the HTML report in the module
 * table, with no change to those writers.
 */
json_t *report_module_json(const struct module_record *m);
json_t *report_finding_json(const struct finding *f);
json_t *report_config_json(const struct config *cfg);
json_t *report_inputs_json(const struct source_set *ss);
json_t *report_summary_json(const struct report_summary *sum);

/* The sentence that tells a reader the walk was cut short by walk_cut
 * (struct report_summary): how much of the report to trust.  Caller
 * frees. */
char *report_walk_cut_text(const char *walk_cut);

/* SARIF level and HTML class of a severity: "error", "warning", "note". */
const char *report_sarif_level(enum severity s);

/* The --explain text of a rule (what main prints for --explain). */
char *report_explain_text(const struct rule_info *ri);
/* One line describing the rule: its summary, or libsmi's message. */
const char *report_rule_summary(const struct rule_info *ri);

/* "YYYY-MM-DDTHH:MM:SS" in UTC (caller frees). */
char *report_time_iso(long long t);
/* SOURCE_DATE_EPOCH when set to a valid number, else -1. */
long long report_source_date_epoch(void);

/* s as valid UTF-8 without the control characters XML 1.0 forbids
 * (each becomes U+FFFD).  Caller frees. */
char *report_xml_text(const char *s);

/* Where a file lies relative to base (an absolute directory): a relative
 * URI reference ("dir/a%20b.mib") when it is inside, else an absolute
 * file: URI.  *inside tells which.  Caller frees. */
char *report_file_uri(const char *file, const char *base, int *inside);
/* The absolute, lexically normalised form of path (caller frees). */
char *report_abs_path(const char *path);

/* The lines of one file at a time: findings come sorted by file, so one
 * entry is enough. */
struct source_cache {
    char *file;
    char *text;
    size_t *starts;    /* offset of each line; starts[n_lines] = end */
    size_t n_lines;
};
/* Line n (1-based) of file without its newline, or NULL; *len set. */
const char *source_cache_line(struct source_cache *sc, const char *file,
                              int n, size_t *len);
void source_cache_free(struct source_cache *sc);

#endif
