#include "checker/capabilities.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checker/reference.h"
#include "checker/util.h"

static int is_punct(const struct token *t, char c)
{
    return t->kind == TOK_PUNCT && t->text[0] == c;
}

/* Index past the bracket group that opens at i ("{" or "("). */
static size_t skip_group(const struct token *v, size_t i, size_t to)
{
    char open = v[i].text[0], close = open == '{' ? '}' : ')';
    int depth = 0;
    for (; i < to; i++) {
        if (is_punct(&v[i], open))
            depth++;
        else if (is_punct(&v[i], close) && --depth == 0)
            return i + 1;
    }
    return to;
}

/* The clause keywords inside a VARIATION (and what ends one). */
static int is_variation_keyword(const struct token *t)
{
    static const char *const kw[] = {"SYNTAX", "WRITE-SYNTAX", "ACCESS",
                                     "CREATION-REQUIRES", "DEFVAL",
                                     "DESCRIPTION", "VARIATION", "SUPPORTS",
                                     "INCLUDES", NULL};
    for (size_t i = 0; kw[i]; i++)
        if (tok_is(t, kw[i]))
            return 1;
    return 0;
}

/* A clause value runs to the next keyword, bracket groups included. */
static size_t clause_end(const struct token *v, size_t i, size_t to)
{
    while (i < to && !is_variation_keyword(&v[i]) && v[i].kind != TOK_ASSIGN) {
        if (is_punct(&v[i], '{') || is_punct(&v[i], '('))
            i = skip_group(v, i, to);
        else
            i++;
    }
    return i;
}

static void read_includes(struct cap_supports *s, const struct token *v,
                          size_t i, size_t end)
{
    for (; i < end; i++) {
        if (v[i].kind != TOK_WORD)
            continue;
        s->includes = xrealloc(s->includes, (s->n_includes + 1) * sizeof *s->includes);
        s->include_lines = xrealloc(s->include_lines,
                                    (s->n_includes + 1) * sizeof *s->include_lines);
        s->includes[s->n_includes] = xstrndup(v[i].text, v[i].len);
        s->include_lines[s->n_includes++] = v[i].line;
    }
}

static void parse_body(struct capability *c, const struct token *v, size_t i,
                       size_t to)
{
    struct cap_supports *s = NULL;
    struct cap_variation *var = NULL;
    while (i < to) {
        const struct token *t = &v[i];
        if (tok_is(t, "SUPPORTS") && i + 1 < to && v[i + 1].kind == TOK_WORD) {
            c->supports = xrealloc(c->supports, (c->n_supports + 1) * sizeof *c->supports);
            s = &c->supports[c->n_supports++];
            memset(s, 0, sizeof *s);
            s->module = xstrndup(v[i + 1].text, v[i + 1].len);
            s->line = v[i + 1].line;
            var = NULL;
            i += 2;
            /* an optional module OID value: "SUPPORTS IF-MIB { ... }" is
             * not SMIv2, but skip it rather than misread it */
            continue;
        }
        if (s && tok_is(t, "INCLUDES") && i + 1 < to && is_punct(&v[i + 1], '{')) {
            size_t end = skip_group(v, i + 1, to);
            read_includes(s, v, i + 2, end);
            i = end;
            continue;
        }
        if (s && tok_is(t, "VARIATION") && i + 1 < to && v[i + 1].kind == TOK_WORD) {
            s->vars = xrealloc(s->vars, (s->n_vars + 1) * sizeof *s->vars);
            var = &s->vars[s->n_vars++];
            memset(var, 0, sizeof *var);
            var->object = xstrndup(v[i + 1].text, v[i + 1].len);
            var->line = v[i + 1].line;
            i += 2;
            continue;
        }
        struct cap_clause *cl = NULL;
        if (var) {
            if (tok_is(t, "SYNTAX"))
                cl = &var->syntax;
            else if (tok_is(t, "WRITE-SYNTAX"))
                cl = &var->write_syntax;
            else if (tok_is(t, "ACCESS"))
                cl = &var->access;
            else if (tok_is(t, "CREATION-REQUIRES"))
                cl = &var->creation_requires;
            else if (tok_is(t, "DEFVAL"))
                cl = &var->defval;
        }
        if (cl) {
            size_t end = clause_end(v, i + 1, to);
            *cl = (struct cap_clause){i + 1, end, t->line};
            i = end > i + 1 ? end : i + 1;
            continue;
        }
        i++;
    }
}

size_t capabilities_parse(const struct token_list *tl,
                          const struct module_span *span,
                          struct capability **out)
{
    const struct token *v = tl->v;
    size_t n = 0;
    *out = NULL;
    for (size_t i = span->first_tok; i + 1 < span->end_tok; i++) {
        if (v[i].kind != TOK_WORD || !islower((unsigned char)v[i].text[0]) ||
            !tok_is(&v[i + 1], "AGENT-CAPABILITIES"))
            continue;
        size_t end = i + 2;
        while (end < span->end_tok && v[end].kind != TOK_ASSIGN)
            end++;
        *out = xrealloc(*out, (n + 1) * sizeof **out);
        struct capability *c = &(*out)[n++];
        memset(c, 0, sizeof *c);
        c->name = xstrndup(v[i].text, v[i].len);
        c->line = v[i].line;
        parse_body(c, v, i + 2, end);
        i = end;
    }
    return n;
}

void capabilities_free(struct capability *caps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t s = 0; s < caps[i].n_supports; s++) {
            struct cap_supports *sp = &caps[i].supports[s];
            free(sp->module);
            for (size_t k = 0; k < sp->n_includes; k++)
                free(sp->includes[k]);
            free(sp->includes);
            free(sp->include_lines);
            for (size_t k = 0; k < sp->n_vars; k++)
                free(sp->vars[k].object);
            free(sp->vars);
        }
        free(caps[i].supports);
        free(caps[i].name);
    }
    free(caps);
}

char *cap_clause_text(const struct token_list *tl, const struct cap_clause *c)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = c->from; i < c->to; i++) {
        const struct token *t = &tl->v[i];
        const struct token *p = i > c->from ? &tl->v[i - 1] : NULL;
        /* "up(1)", "SIZE (0..32)": a label sticks to its number */
        int label = p && is_punct(t, '(') && p->kind == TOK_WORD &&
                    islower((unsigned char)p->text[0]);
        if (p && !label && !is_punct(t, ')') && !is_punct(t, ',') &&
            !is_punct(p, '(') && t->kind != TOK_RANGE && p->kind != TOK_RANGE)
            buf_append(&b, " ", 1);
        if (t->kind == TOK_STRING)
            buf_printf(&b, "\"%.*s\"", (int)t->len, t->text);
        else
            buf_append(&b, t->text, t->len);
    }
    return b.data;
}

void cap_syntax_parse(const struct reference_set *rs, const struct token_list *tl,
                      const struct cap_clause *c, struct cap_syntax *r)
{
    const struct token *v = tl->v;
    memset(r, 0, sizeof *r);
    size_t i = c->from;
    if (i < c->to && v[i].kind == TOK_WORD) {
        char *w = xstrndup(v[i].text, v[i].len);
        r->base = base_type_category(rs, w);
        free(w);
    }
    for (; i < c->to; i++) {
        if (v[i].kind == TOK_PUNCT && v[i].text[0] == '{') {
            r->enums = json_array();
            for (size_t k = i + 1; k + 3 < c->to; k++)
                if (v[k].kind == TOK_WORD && v[k + 1].kind == TOK_PUNCT &&
                    v[k + 1].text[0] == '(' && v[k + 2].kind == TOK_NUMBER) {
                    char *label = xstrndup(v[k].text, v[k].len);
                    json_array_append_new(r->enums,
                                          json_pack("[s,I]", label,
                                                    (json_int_t)strtoll(v[k + 2].text, NULL, 10)));
                    free(label);
                }
            return;
        }
        if (v[i].kind == TOK_PUNCT && v[i].text[0] == '(') {
            struct buf b = {0};
            buf_append(&b, "", 0);
            r->size = i + 1 < c->to && tok_is(&v[i + 1], "SIZE");
            for (size_t k = i; k < c->to; k++) {
                if (v[k].kind == TOK_NUMBER)
                    buf_append(&b, v[k].text, v[k].len);
                else if (v[k].kind == TOK_RANGE)
                    buf_append(&b, "..", 2);
                else if (v[k].kind == TOK_PUNCT && v[k].text[0] == '|')
                    buf_append(&b, " | ", 3);
                else if (v[k].kind == TOK_BINHEX) {
                    buf_free(&b);   /* hex bounds: not compared */
                    return;
                }
            }
            r->ranges = b.data;
            return;
        }
    }
}

void cap_syntax_free(struct cap_syntax *r)
{
    free(r->ranges);
    json_decref(r->enums);
    memset(r, 0, sizeof *r);
}

static void put_clause(json_t *o, const char *key, const struct token_list *tl,
                       const struct cap_clause *c)
{
    if (c->from == c->to)
        return;
    char *s = cap_clause_text(tl, c);
    json_t *js = json_string(s);
    json_object_set_new(o, key, js ? js : json_string("(not UTF-8)"));
    free(s);
}

json_t *capabilities_inventory(const struct token_list *tl,
                               const struct module_span *span)
{
    struct capability *caps;
    size_t n = capabilities_parse(tl, span, &caps);
    json_t *inv = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t s = 0; s < caps[i].n_supports; s++)
            for (size_t k = 0; k < caps[i].supports[s].n_vars; k++) {
                const struct cap_variation *var = &caps[i].supports[s].vars[k];
                json_t *varies = json_object();
                put_clause(varies, "syntax", tl, &var->syntax);
                put_clause(varies, "write-syntax", tl, &var->write_syntax);
                put_clause(varies, "access", tl, &var->access);
                put_clause(varies, "creation-requires", tl, &var->creation_requires);
                put_clause(varies, "defval", tl, &var->defval);
                if (!inv)
                    inv = json_array();
                json_array_append_new(
                    inv, json_pack("{s:s,s:i,s:s,s:s,s:o}", "capability",
                                   caps[i].name, "line", var->line, "supports",
                                   caps[i].supports[s].module, "object",
                                   var->object, "varies", varies));
            }
    capabilities_free(caps, n);
    return inv;
}
