/*
 * The canonical form of a module (bcp111-rules.md section 3.3), as JSON:
 * what the variation and compat rules compare between two copies of one
 * module.  DESCRIPTION and REFERENCE text are left out on purpose: only
 * definitions that change what an agent or manager does are compared.
 *
 *   { "module": NAME, "line": N, "last_updated": "...",
 *     "revisions": ["2000-06-14 00:00", ...],
 *     "defs": { descriptor: { "line": N, "kind": "column", "oid": "1.3...",
 *               "status": "current", "access": "read-create",
 *               "base": "Integer32", "type": "IF-MIB::InterfaceIndex",
 *               "range": "1..2147483647", "enums": [["up",1], ...],
 *               "units": "...", "defval": "...", "index": "INDEX { ifIndex }",
 *               "members": "a, b" }, ... } }
 *
 * Absent clauses are absent keys.  Every value is a string except line,
 * enums and revisions, so a difference can be shown as "old -> new".
 */
#ifndef MIBCHECK_SUMMARY_H
#define MIBCHECK_SUMMARY_H

#include <jansson.h>
#include <smi.h>

#include "checker/lexer.h"

/* The summary of mod, loaded in the current libsmi context; tokens and
 * span are the module's text (for read-create and LAST-UPDATED, which
 * libsmi does not keep). */
json_t *module_summary(SmiModule *mod, const struct token_list *tl,
                       const struct module_span *span);

/* The SMI base type of t in RFC 2578 names, as base_type_category of
 * checker/reference.h gives them ("Integer32", "Counter32", ...). */
const char *smi_base_name(SmiType *t);

/* The effective ranges or sizes of t ("1..10 | 20"), or NULL. */
char *type_ranges_text(SmiType *t);
/* The effective enumerations or bits of t: [["up",1], ...], or NULL. */
json_t *type_named_numbers(SmiType *t);

/* Value sets of ranges, wide enough for Counter64 and negative values. */
struct value_interval {
    long double lo, hi;
};
/* Parse "1..10 | 20" into at most max intervals; returns how many. */
size_t parse_value_ranges(const char *s, struct value_interval *out, size_t max);
/* The range a base type has without a restriction (RFC 2578 section
 * 7.1), or the SMI's size limit when size; NULL if none applies. */
const char *implicit_value_range(const char *base, int size);
/* Is every value of b inside a? */
int value_ranges_cover(const struct value_interval *a, size_t na,
                       const struct value_interval *b, size_t nb);

/* Load file in a fresh libsmi context in a child process (so the caller's
 * context stays as it is, and a parser crash or hang costs only that
 * child) and return the summary of module there, or NULL if it did not
 * load.  smipath resolves its imports; timeout in seconds (0: none). */
json_t *module_summary_in_fork(const char *file, const char *module,
                               const char *smipath, int timeout);

/* The access keyword written in the text of descriptor's macro (MAX-ACCESS
 * or ACCESS), or NULL.  Points into static storage of known keywords. */
const char *text_access(const struct token_list *tl,
                        const struct module_span *span, const char *name);

/* Line of "LAST-UPDATED" value text in span, its text in *value (owned
 * by caller), or 0. */
int text_last_updated(const struct token_list *tl,
                      const struct module_span *span, char **value);

/* The module's newest date among LAST-UPDATED and its REVISION clauses,
 * as "YYYY-MM-DDTHH:MMZ", or NULL when it has none that is valid (SMIv1
 * modules).  Caller frees. */
char *text_module_revision(const struct token_list *tl,
                           const struct module_span *span);

/* Does the module of that name in the file at path have the same tokens
 * as span of mine (white space and comments aside)? */
int same_module_text(const struct token_list *mine,
                     const struct module_span *span, const char *path,
                     size_t max);

/* One difference between two summaries of one module. */
struct summary_diff {
    const char *kind;   /* "added", "removed", "oid", "kind", "access",
                         * "status", "index", "units", "defval", "members",
                         * "base-type", "syntax", "range", "size",
                         * "enum-added", "enum-removed", "enum-renumbered" */
    const char *name;   /* the descriptor */
    json_t *old_def, *new_def;   /* NULL for added / removed */
    int line;           /* in the new module; 0 when removed */
    const char *old_value, *new_value;   /* as text, for messages */
};
typedef void (*summary_diff_fn)(void *arg, const struct summary_diff *d);

/* Call fn for every difference from old to new, definition by
 * definition (old's order, then the definitions only new has). */
void summary_diff(json_t *old, json_t *new, summary_diff_fn fn, void *arg);

/* LAST-UPDATED text ("200006140000Z" or "9406140000Z") as
 * "YYYY-MM-DD HH:MM", the form of the summary's revisions; -1 if bad. */
int last_updated_date(const char *lu, char out[17]);

#endif
