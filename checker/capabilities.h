/*
 * AGENT-CAPABILITIES statements read from the module text (RFC 2580
 * section 6).  libsmi parses them but keeps nothing of SUPPORTS, INCLUDES
 * or VARIATION, so the variation rules and the report inventory read them
 * here, from the tokens of checker/lexer.h.
 */
#ifndef MIBCHECK_CAPABILITIES_H
#define MIBCHECK_CAPABILITIES_H

#include <jansson.h>
#include <stddef.h>

#include "checker/lexer.h"

/* A clause value: its tokens [from, to) in the token list, and its line. */
struct cap_clause {
    size_t from, to;   /* from == to: the clause is absent */
    int line;
};

struct cap_variation {
    char *object;
    int line;
    struct cap_clause syntax, write_syntax, access, creation_requires, defval;
};

struct cap_supports {
    char *module;
    int line;
    char **includes;     /* group names */
    int *include_lines;
    size_t n_includes;
    struct cap_variation *vars;
    size_t n_vars;
};

struct capability {
    char *name;
    int line;
    struct cap_supports *supports;
    size_t n_supports;
};

/* Every AGENT-CAPABILITIES statement of the module in span. */
size_t capabilities_parse(const struct token_list *tl,
                          const struct module_span *span,
                          struct capability **out);
void capabilities_free(struct capability *caps, size_t n);

/* The clause's tokens as text, one space between tokens (caller frees). */
char *cap_clause_text(const struct token_list *tl, const struct cap_clause *c);

struct reference_set;

/* What a VARIATION's SYNTAX or WRITE-SYNTAX allows: its base type (as
 * base_type_category names it; rs may be NULL for built-in types only),
 * and the enumerations or ranges it lists.  The variation rules compare
 * it with the object's own syntax, the agent rules bound read values by
 * it. */
struct cap_syntax {
    const char *base;
    json_t *enums;          /* [["up",1], ...] or NULL */
    char *ranges;           /* "1..10 | 20" or NULL (also for hex bounds) */
    int size;               /* the ranges are a SIZE */
};

void cap_syntax_parse(const struct reference_set *rs, const struct token_list *tl,
                      const struct cap_clause *c, struct cap_syntax *r);
void cap_syntax_free(struct cap_syntax *r);

/* The inventory of declared variations of the module in span, for
 * reports: [{"capability", "line", "supports", "object", "varies":
 * {"syntax": "...", "access": "...", ...}}, ...], or NULL if none. */
json_t *capabilities_inventory(const struct token_list *tl,
                               const struct module_span *span);

#endif
