/*
 * The definitions of one module, found in its tokens, and their clauses.
 *
 * libsmi drops some clauses (read-create becomes read-write, LAST-UPDATED
 * is not exposed, AGENT-CAPABILITIES bodies are discarded).  A rule that
 * needs one looks the definition up by descriptor here and reads the
 * clause's tokens, rather than searching the text on its own:
 *
 *     const struct mib_def *d = def_find(ctx->defs, node->name);
 *     const struct token *acc = def_clause_value(ctx->tokens, d, "MAX-ACCESS");
 *     if (acc && tok_is(acc, "read-create")) ...
 */
#ifndef MIBCHECK_CLAUSES_H
#define MIBCHECK_CLAUSES_H

#include <stddef.h>

#include "checker/lexer.h"

/* One definition: "descr MACRO clauses ::= value", "descr OBJECT
 * IDENTIFIER ::= value" or "Name ::= type" (TEXTUAL-CONVENTION, SEQUENCE,
 * a plain type).  Its tokens run from first up to the next definition or
 * the module's END. */
struct mib_def {
    const char *name;    /* points into the text; name_len bytes */
    size_t name_len;
    size_t first;        /* token of the descriptor */
    size_t end;          /* one past its last token */
    int line;            /* line of the descriptor */
};

/* Every definition of one module, sorted by name for lookup. */
struct def_index {
    struct mib_def *v;
    size_t len;
};

/* Index the definitions inside span (the module's tokens of tl). */
void def_index_build(const struct token_list *tl, const struct module_span *span,
                     struct def_index *out);
void def_index_free(struct def_index *idx);

/* The definition of descriptor name; the first one when the module
 * defines it twice.  NULL when idx is NULL or the name is not defined. */
const struct mib_def *def_find(const struct def_index *idx, const char *name);

/* The first token after the clause keyword kw ("MAX-ACCESS", "STATUS",
 * "LAST-UPDATED", "UNITS", "DEFVAL", ...) in definition d: the clause's
 * value, or its opening brace.  Only the first occurrence counts, so a
 * keyword that also appears in nested clauses (DESCRIPTION inside a
 * compliance's GROUP) gives the definition's own clause only when that
 * comes first.  NULL when d is NULL or has no such clause. */
const struct token *def_clause_value(const struct token_list *tl,
                                     const struct mib_def *d, const char *kw);

/* The access keyword as written: MAX-ACCESS (SMIv2) or ACCESS (SMIv1). */
const struct token *def_access(const struct token_list *tl, const struct mib_def *d);

#endif
