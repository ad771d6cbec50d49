/*
 * Documents: RFCs and Internet-Drafts in text form, and xml2rfc XML.
 * A document is turned into the text of its MIB modules, laid out at the
 * document's own line numbers (every other line left empty, page headers
 * and footers blanked as smistrip removes them), so that libsmi and the
 * rules report document lines without any mapping; and into paragraphs
 * grouped by sections, which the security and doc rules read.
 */
#ifndef MIBCHECK_EXTRACT_H
#define MIBCHECK_EXTRACT_H

#include <stddef.h>

enum doc_kind {
    DOC_NONE = 0,   /* not a document: a plain module file */
    DOC_TEXT,       /* RFC or Internet-Draft, plain text */
    DOC_XML         /* xml2rfc XML (v3, also v2) */
};

/* One paragraph of prose: a text paragraph, or an XML <t>, <li>, <dd>...
 * Whitespace is collapsed to single spaces. */
struct doc_para {
    int line;
    char *text;
};

/* A section with its subsections: paragraphs [first_para, end_para). */
struct doc_section {
    char *number;    /* "7", "7.1", "A", "A.2"; "" when unnumbered */
    char *title;
    char *anchor;    /* XML anchor, NULL in text */
    int level;       /* 1 for top-level sections */
    int line;        /* line of the heading */
    size_t first_para, end_para;
};

/* Text that looks like a MIB module but could not be extracted whole. */
struct doc_problem {
    int line;
    char *message;
};

struct document {
    enum doc_kind kind;
    int is_rfc;            /* published RFC (else a draft or unknown) */
    unsigned rfc_number;   /* its number, 0 when not known */
    /* Module text at document line numbers: line N of this text is line N
     * of the document when it is module text, else empty. */
    char *modules;
    size_t modules_len;
    struct doc_para *paras;
    size_t n_paras;
    struct doc_section *secs;   /* in document order */
    size_t n_secs;
    struct doc_problem *problems;
    size_t n_problems;
};

/* Is text[0..len) an RFC or Internet-Draft (text or XML)? */
enum doc_kind document_kind(const char *text, size_t len);

/* Parse a document of the given kind.  Never fails on content: what
 * cannot be parsed becomes a problem.  name labels messages. */
void document_parse(const char *text, size_t len, enum doc_kind kind,
                    struct document *doc);
void document_free(struct document *doc);

/* The first section, from index *from on, whose title contains word
 * (case-insensitive) and is not a title in skip (may be NULL); its index
 * is stored in *from.  NULL when there is none. */
const struct doc_section *document_find_section(const struct document *doc,
                                                const char *word,
                                                size_t *from);

#endif
