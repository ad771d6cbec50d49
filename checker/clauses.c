#include "checker/clauses.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

/* Macros whose invocation starts a definition: "descr MACRO ...". */
static const char *const def_macros[] = {
    "OBJECT-TYPE",       "OBJECT-IDENTITY",    "MODULE-IDENTITY",
    "NOTIFICATION-TYPE", "TRAP-TYPE",          "OBJECT-GROUP",
    "NOTIFICATION-GROUP", "MODULE-COMPLIANCE", "AGENT-CAPABILITIES",
    NULL};

static int is_def_macro(const struct token *t)
{
    if (t->kind != TOK_WORD)
        return 0;
    for (size_t i = 0; def_macros[i]; i++)
        if (tok_is(t, def_macros[i]))
            return 1;
    return 0;
}

/* Does a definition start at token i?  "x OBJECT IDENTIFIER" counts only
 * when "::=" follows, since a SEQUENCE member may have that type; "X ::="
 * only with a capital, since every macro invocation ends in "::=" too
 * ("STATUS current ::= { ... }"). */
static int starts_def(const struct token *v, size_t i, size_t end)
{
    if (v[i].kind != TOK_WORD || !isalpha((unsigned char)v[i].text[0]) ||
        i + 1 >= end || tok_is(&v[i], "IMPORTS"))
        return 0;
    if (v[i + 1].kind == TOK_ASSIGN)
        return isupper((unsigned char)v[i].text[0]);
    if (is_def_macro(&v[i + 1]))
        return 1;
    return i + 3 < end && tok_is(&v[i + 1], "OBJECT") &&
           tok_is(&v[i + 2], "IDENTIFIER") && v[i + 3].kind == TOK_ASSIGN;
}

static int def_cmp(const void *a, const void *b)
{
    const struct mib_def *x = a, *y = b;
    size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
    int c = memcmp(x->name, y->name, n);
    if (c)
        return c;
    if (x->name_len != y->name_len)
        return x->name_len < y->name_len ? -1 : 1;
    /* equal names: keep text order, so def_find gives the first */
    return x->first < y->first ? -1 : x->first > y->first;
}

void def_index_build(const struct token_list *tl, const struct module_span *span,
                     struct def_index *out)
{
    memset(out, 0, sizeof *out);
    size_t end = span->end_tok <= tl->len ? span->end_tok : tl->len;
    /* skip the module header "NAME DEFINITIONS ::= BEGIN" */
    size_t start = span->first_tok + 1;
    size_t cap = 0;
    for (size_t i = start; i < end; i++) {
        if (!starts_def(tl->v, i, end))
            continue;
        if (out->len)
            out->v[out->len - 1].end = i;
        if (out->len == cap) {
            cap = cap ? cap * 2 : 64;
            out->v = xrealloc(out->v, cap * sizeof *out->v);
        }
        out->v[out->len++] = (struct mib_def){tl->v[i].text, tl->v[i].len, i,
                                              end, tl->v[i].line};
    }
    if (out->len)
        qsort(out->v, out->len, sizeof *out->v, def_cmp);
}

void def_index_free(struct def_index *idx)
{
    free(idx->v);
    idx->v = NULL;
    idx->len = 0;
}

const struct mib_def *def_find(const struct def_index *idx, const char *name)
{
    if (!idx || !name)
        return NULL;
    struct mib_def key = {name, strlen(name), 0, 0, 0};
    size_t lo = 0, hi = idx->len;
    /* lower bound on (name, first = 0): the first definition of name */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (def_cmp(&idx->v[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < idx->len && idx->v[lo].name_len == key.name_len &&
        !memcmp(idx->v[lo].name, name, key.name_len))
        return &idx->v[lo];
    return NULL;
}

const struct token *def_clause_value(const struct token_list *tl,
                                     const struct mib_def *d, const char *kw)
{
    if (!d)
        return NULL;
    for (size_t i = d->first + 1; i + 1 < d->end && i + 1 < tl->len; i++)
        if (tl->v[i].kind == TOK_WORD && tok_is(&tl->v[i], kw))
            return &tl->v[i + 1];
    return NULL;
}

const struct token *def_access(const struct token_list *tl, const struct mib_def *d)
{
    const struct token *t = def_clause_value(tl, d, "MAX-ACCESS");
    return t ? t : def_clause_value(tl, d, "ACCESS");
}
