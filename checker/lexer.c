#include "checker/lexer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

static void push(struct token_list *tl, enum token_kind k, const char *s,
                 size_t n, int line)
{
    if (tl->len == tl->cap) {
        tl->cap = tl->cap ? tl->cap * 2 : 256;
        tl->v = xrealloc(tl->v, tl->cap * sizeof *tl->v);
    }
    tl->v[tl->len++] = (struct token){k, s, n, line};
}

static int is_word_char(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '_';
}

void lex_mib(const char *text, size_t len, struct token_list *out)
{
    size_t i = 0;
    int line = 1;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            line++;
            i++;
            continue;
        }
        if (c == '\r') {
            /* CR alone ends a line too; CRLF counts once. */
            if (i + 1 >= len || text[i + 1] != '\n')
                line++;
            i++;
            continue;
        }
        if (isspace(c) || c == '\0') {
            i++;
            continue;
        }
        if (c == '-' && i + 1 < len && text[i + 1] == '-') {
            i += 2;
            while (i < len && text[i] != '\n' && text[i] != '\r') {
                if (text[i] == '-' && i + 1 < len && text[i + 1] == '-') {
                    i += 2;
                    goto next;
                }
                i++;
            }
            continue;
        }
        if (c == '"') {
            size_t start = ++i;
            int sline = line;
            while (i < len && text[i] != '"') {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
                    line++;
                i++;
            }
            push(out, TOK_STRING, text + start, i - start, sline);
            if (i < len)
                i++;
            continue;
        }
        if (c == '\'') {
            size_t start = i++;
            while (i < len && text[i] != '\'' && text[i] != '\n')
                i++;
            if (i < len && text[i] == '\'') {
                i++;
                if (i < len && strchr("BbHh", text[i]))
                    i++;
            }
            push(out, TOK_BINHEX, text + start, i - start, line);
            continue;
        }
        if (c == ':' && i + 2 < len && text[i + 1] == ':' && text[i + 2] == '=') {
            push(out, TOK_ASSIGN, text + i, 3, line);
            i += 3;
            continue;
        }
        if (c == '.' && i + 1 < len && text[i + 1] == '.') {
            push(out, TOK_RANGE, text + i, 2, line);
            i += 2;
            continue;
        }
        if (isdigit(c) || (c == '-' && i + 1 < len && isdigit((unsigned char)text[i + 1]))) {
            size_t start = i++;
            while (i < len && isdigit((unsigned char)text[i]))
                i++;
            /* "1-foo" is not a number but a malformed word; keep it simple */
            push(out, TOK_NUMBER, text + start, i - start, line);
            continue;
        }
        if (isalpha(c) || c == '_') {
            size_t start = i++;
            while (i < len && is_word_char((unsigned char)text[i])) {
                /* "--" inside a word starts a comment */
                if (text[i] == '-' && i + 1 < len && text[i + 1] == '-')
                    break;
                i++;
            }
            push(out, TOK_WORD, text + start, i - start, line);
            continue;
        }
        push(out, TOK_PUNCT, text + i, 1, line);
        i++;
    next:;
    }
}

void token_list_free(struct token_list *tl)
{
    free(tl->v);
    tl->v = NULL;
    tl->len = tl->cap = 0;
}

int tok_is(const struct token *t, const char *word)
{
    size_t n = strlen(word);
    return t->len == n && memcmp(t->text, word, n) == 0;
}

size_t find_modules(const struct token_list *tl, struct module_span **out)
{
    size_t n = 0, cap = 0;
    struct module_span *mods = NULL;
    const struct token *v = tl->v;
    for (size_t i = 0; i + 3 < tl->len; i++) {
        if (v[i].kind != TOK_WORD || !isupper((unsigned char)v[i].text[0]))
            continue;
        size_t j = i + 1;
        if (!tok_is(&v[j], "DEFINITIONS") && !tok_is(&v[j], "PIB-DEFINITIONS"))
            continue;
        j++;
        /* ASN.1 allows tag defaults between DEFINITIONS and ::= */
        while (j < tl->len && j < i + 6 && v[j].kind == TOK_WORD &&
               !tok_is(&v[j], "BEGIN"))
            j++;
        if (j + 1 >= tl->len || v[j].kind != TOK_ASSIGN || !tok_is(&v[j + 1], "BEGIN"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 4;
            mods = xrealloc(mods, cap * sizeof *mods);
        }
        struct module_span *m = &mods[n++];
        memset(m, 0, sizeof *m);
        m->name = xstrndup(v[i].text, v[i].len);
        m->line = v[i].line;
        m->first_tok = i;
        /* the module ends at the first END followed by end of input or by
         * the next module header */
        size_t k = j + 2, end = tl->len, last_end = 0;
        int in_imports = 0;
        for (; k < tl->len; k++) {
            if (tok_is(&v[k], "IMPORTS"))
                in_imports = 1;
            else if (in_imports && v[k].kind == TOK_PUNCT && v[k].text[0] == ';')
                in_imports = 0;
            else if (in_imports && tok_is(&v[k], "FROM") && k + 1 < tl->len &&
                     v[k + 1].kind == TOK_WORD) {
                m->imports = xrealloc(m->imports, (m->n_imports + 2) * sizeof *m->imports);
                m->imports[m->n_imports++] = xstrndup(v[k + 1].text, v[k + 1].len);
                m->imports[m->n_imports] = NULL;
            }
            if (tok_is(&v[k], "END")) {
                last_end = k + 1;
                if (k + 1 >= tl->len ||
                    (k + 3 < tl->len &&
                     (tok_is(&v[k + 2], "DEFINITIONS") || tok_is(&v[k + 2], "PIB-DEFINITIONS")))) {
                    end = k + 1;
                    break;
                }
            }
        }
        if (k >= tl->len && last_end)
            end = last_end; /* trailing text after the last END */
        m->end_tok = end;
        m->end_line = v[end - 1].line;
        i = end - 1;
    }
    *out = mods;
    return n;
}

void module_spans_free(struct module_span *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].name);
        for (size_t j = 0; j < m[i].n_imports; j++)
            free(m[i].imports[j]);
        free(m[i].imports);
    }
    free(m);
}
