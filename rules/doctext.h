/* Reading a document's prose for the security and doc rules: which
 * paragraphs belong to a section, words and phrases in them, RFC
 * citations.  Same answers for text and XML documents. */
#ifndef MIBCHECK_DOCTEXT_H
#define MIBCHECK_DOCTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <smi.h>

#include "checker/extract.h"
#include "rules/check.h"

/* The paragraphs of every section whose title contains title_word
 * (case-insensitive), subsections included. */
struct doc_region {
    const struct document *doc;
    char *in;                  /* in[i]: paragraph i belongs */
    const struct doc_section *first;  /* NULL: no such section */
    size_t n_words;
};

void region_find(const struct document *doc, const char *title_word,
                 struct doc_region *r);
void region_free(struct doc_region *r);

/* Is word (case-sensitive when exact, else not) a whole word of text?
 * Words are runs of letters, digits and '-'; a descriptor also matches
 * inside a hyphenated word ("fooTable-based"). */
bool text_has_word(const char *text, const char *word, bool exact);
/* Does a word of text start with prefix (case-insensitive)? */
bool text_has_prefix(const char *text, const char *prefix);
/* Does text hold phrase, case-insensitive, with any white space? */
bool text_has_phrase(const char *text, const char *phrase);
/* Does text cite RFC n ("RFC 3410", "RFC3410", "RFC-3410")? */
bool text_cites_rfc(const char *text, unsigned n);

/* The same over a region: the first paragraph that matches, or -1. */
long region_word(const struct doc_region *r, const char *word, bool exact);
long region_prefix(const struct doc_region *r, const char *prefix);
long region_phrase(const struct doc_region *r, const char *phrase);
long region_rfc(const struct doc_region *r, unsigned n);

/* Every module of the document that libsmi loaded, in document order;
 * *n is set.  The caller frees the array. */
SmiModule **doc_modules(const struct check_ctx *ctx, size_t *n);
/* Nodes of a module with writable (read-write, read-create) access. */
bool module_has_writable(SmiModule *m);
/* Does a module define objects (OBJECT-TYPE) or notifications? */
bool module_defines_objects(SmiModule *m);
/* Does it define readable objects (accessible-for-notify and above) or
 * notifications? */
bool module_has_readable(SmiModule *m);

#endif
