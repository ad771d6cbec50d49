/*
 * A small tokenizer of MIB module text (ASN.1 macro notation), with line
 * numbers.  libsmi's API drops some clauses (AGENT-CAPABILITIES contents,
 * read-create, LAST-UPDATED); every rule that needs them reads the tokens
 * here instead of searching strings on its own.
 */
#ifndef MIBCHECK_LEXER_H
#define MIBCHECK_LEXER_H

#include <stddef.h>

enum token_kind {
    TOK_WORD,     /* identifier or keyword: letters, digits, '-' and '_' */
    TOK_NUMBER,   /* decimal number, possibly negative */
    TOK_STRING,   /* "..." (text excludes the quotes) */
    TOK_BINHEX,   /* '0101'B or 'ff'H (text includes quotes and suffix) */
    TOK_ASSIGN,   /* ::= */
    TOK_RANGE,    /* .. */
    TOK_PUNCT     /* any other single character: { } ( ) , ; | [ ] . */
};

struct token {
    enum token_kind kind;
    const char *text;   /* points into the source; not NUL-terminated */
    size_t len;
    int line;           /* 1-based */
};

struct token_list {
    struct token *v;
    size_t len, cap;
};

/* Tokenize text[0..len).  Comments ("--" to the end of the line or to the
 * next "--") are skipped.  Never fails: unknown bytes become TOK_PUNCT. */
void lex_mib(const char *text, size_t len, struct token_list *out);
void token_list_free(struct token_list *tl);

/* Does token t spell word exactly? */
int tok_is(const struct token *t, const char *word);

/* One MIB module found in a text: name, span and what it imports. */
struct module_span {
    char *name;
    int line;            /* line of "NAME DEFINITIONS ::= BEGIN" */
    int end_line;        /* line of its END, or last line when missing */
    size_t first_tok, end_tok;  /* token range [first, end) */
    char **imports;      /* module names after FROM, NULL-terminated */
    size_t n_imports;
};

/* Find every "NAME [PIB-]DEFINITIONS ::= BEGIN ... END" in the tokens. */
size_t find_modules(const struct token_list *tl, struct module_span **out);
void module_spans_free(struct module_span *m, size_t n);

#endif
