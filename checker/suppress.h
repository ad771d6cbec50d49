/*
 * Inline suppressions in MIB text, applied in the parent after every
 * finding of the run (the workers' and the run-wide rules') is in:
 *
 *   -- mibcheck: disable=RULE[,RULE]   on the finding's line, or on a
 *                                      line of its own above it
 *   -- mibcheck: disable-file=RULE     the whole module it is in (or,
 *                                      above every module, the next one)
 *
 * RULE may be a glob.  The lexer skips comments, so the raw lines are
 * scanned here.  A document's modules are read from their extracted text,
 * which keeps the document's line numbers and blanks its page breaks.
 */
#ifndef MIBCHECK_SUPPRESS_H
#define MIBCHECK_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "checker/findings.h"
#include "checker/sources.h"

/* Remove the findings that a suppression in their file covers, and add a
 * suppression-unused finding for each suppressed rule of an input that
 * covered none.  The files of imported modules whose findings -r reports
 * are read for suppressions too, but not told about unused ones. */
void suppress_apply(const struct source_set *ss, struct finding_list *list);

/* The suppressions of one text (exposed for tests). */
struct suppression {
    int line;            /* of the comment */
    int target;          /* own-line comment: the next line with code; else line */
    bool file_wide;
    char *pattern;       /* NULL: a directive this version does not know */
    bool used;
};
size_t suppressions_scan(const char *text, size_t len, struct suppression **out);
void suppressions_free(struct suppression *s, size_t n);

#endif
