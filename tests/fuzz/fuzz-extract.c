/* libFuzzer harness: the document extractor (checker/extract.c) on any
 * bytes, read both as RFC / Internet-Draft text and as xml2rfc XML, then
 * the module finder on what it extracted, as sources.c does. */
#include "tests/fuzz/fuzz.h"

#include "checker/extract.h"
#include "checker/lexer.h"

/* Lines as the extractor and the lexer count them: LF, CRLF or CR. */
static size_t count_lines(const char *t, size_t n)
{
    size_t lines = 0, i = 0;
    while (i < n) {
        while (i < n && t[i] != '\n' && t[i] != '\r')
            i++;
        lines++;
        if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
            i++;
        i++;
    }
    return lines;
}

static void check_modules(const char *text, size_t len)
{
    struct token_list tl = {0};
    lex_mib(text, len, &tl);
    size_t lines = count_lines(text, len);
    for (size_t i = 0; i < tl.len; i++) {
        const struct token *t = &tl.v[i];
        FUZZ_CHECK(t->text >= text && t->text + t->len <= text + len,
                   "token %zu outside the text", i);
        FUZZ_CHECK(t->line >= 1 && (size_t)t->line <= lines + 1,
                   "token line %d of %zu lines", t->line, lines);
        FUZZ_CHECK(i == 0 || t->line >= tl.v[i - 1].line, "lines go back");
    }
    struct module_span *mods = NULL;
    size_t n = find_modules(&tl, &mods);
    for (size_t m = 0; m < n; m++) {
        FUZZ_CHECK(mods[m].first_tok < mods[m].end_tok && mods[m].end_tok <= tl.len,
                   "module span [%zu, %zu) of %zu tokens", mods[m].first_tok,
                   mods[m].end_tok, tl.len);
        FUZZ_CHECK(m == 0 || mods[m].first_tok >= mods[m - 1].end_tok,
                   "modules overlap");
        FUZZ_CHECK(mods[m].line <= mods[m].end_line, "module ends before it starts");
        FUZZ_CHECK(mods[m].name && *mods[m].name, "module without a name");
    }
    module_spans_free(mods, n);
    token_list_free(&tl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    (void)document_kind(text, size);
    size_t lines = count_lines(text, size);
    for (int kind = DOC_TEXT; kind <= DOC_XML; kind++) {
        struct document doc;
        document_parse(text, size, (enum doc_kind)kind, &doc);
        FUZZ_CHECK(doc.modules && strlen(doc.modules) == doc.modules_len,
                   "module text of %zu bytes holds a NUL", doc.modules_len);
        /* the module text keeps the document's line numbers */
        FUZZ_CHECK(count_lines(doc.modules, doc.modules_len) == lines,
                   "%s: module text has %zu lines, the document %zu",
                   kind == DOC_XML ? "XML" : "text",
                   count_lines(doc.modules, doc.modules_len), lines);
        check_modules(doc.modules, doc.modules_len);
        for (size_t i = 0; i < doc.n_paras; i++)
            FUZZ_CHECK(doc.paras[i].line >= 0 && (size_t)doc.paras[i].line <= lines + 1 &&
                           doc.paras[i].text && *doc.paras[i].text,
                       "paragraph %zu at line %d", i, doc.paras[i].line);
        for (size_t i = 0; i < doc.n_secs; i++) {
            const struct doc_section *s = &doc.secs[i];
            FUZZ_CHECK(s->first_para <= s->end_para && s->end_para <= doc.n_paras,
                       "section %zu holds paragraphs [%zu, %zu) of %zu", i,
                       s->first_para, s->end_para, doc.n_paras);
            FUZZ_CHECK(s->number && s->title && s->level >= 1, "section %zu", i);
            FUZZ_CHECK(s->line >= 0 && (size_t)s->line <= lines + 1,
                       "section %zu at line %d", i, s->line);
        }
        for (size_t i = 0; i < doc.n_problems; i++)
            FUZZ_CHECK(doc.problems[i].message && doc.problems[i].line >= 0 &&
                           (size_t)doc.problems[i].line <= lines + 1,
                       "problem %zu at line %d", i, doc.problems[i].line);
        size_t from = 0;
        while (document_find_section(&doc, "Security", &from))
            from++;
        document_free(&doc);
    }
    free(text);
    return 0;
}
