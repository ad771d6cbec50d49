/* What a rule sees: the module being checked, its text, and a sink. */
#ifndef MIBCHECK_CHECK_H
#define MIBCHECK_CHECK_H

#include <smi.h>

#include <stdbool.h>

#include "checker/clauses.h"
#include "checker/config.h"
#include "checker/extract.h"
#include "checker/findings.h"
#include "checker/lexer.h"
#include "checker/sources.h"
#include "checker/oidfacts.h"
#include "rules/rules.h"

struct check_ctx {
    SmiModule *module;               /* the module under check */
    const char *file;                /* its file, as the user named it */
    const char *text;                /* the whole file */
    size_t text_len;
    const struct token_list *tokens; /* the whole file, tokenized */
    const struct module_span *span;  /* this module's tokens and lines */
    const struct def_index *defs;    /* its definitions (checker/clauses.h) */
    const struct config *cfg;
    struct finding_list *out;
    const char *smipath;             /* the path the module was loaded with */
    /* The document around the module (RFC or Internet-Draft, text or
     * XML), NULL for a bare module file; every module it holds; and
     * whether this is the module with which document-wide rules report. */
    const struct document *doc;
    const struct module_span *doc_mods;
    size_t n_doc_mods;
    bool doc_lead;
    struct oid_facts *facts;         /* OIDs for the parent's run-wide rules */
    const struct source_set *sources; /* every input of the run (NULL: none) */
};

/* Report a finding of rule at line on object (NULL: the module itself).
 * The message says what is wrong and what to do instead. */
struct finding *report_finding(struct check_ctx *ctx, enum rule_id rule,
                               int line, const char *object,
                               const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
