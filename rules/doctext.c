#include "rules/doctext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checker/util.h"

void region_find(const struct document *doc, const char *title_word,
                 struct doc_region *r)
{
    memset(r, 0, sizeof *r);
    r->doc = doc;
    r->in = xcalloc(doc->n_paras + 1, 1);
    size_t from = 0;
    const struct doc_section *s;
    while ((s = document_find_section(doc, title_word, &from))) {
        if (!r->first)
            r->first = s;
        for (size_t i = s->first_para; i < s->end_para; i++)
            r->in[i] = 1;
        from++;
    }
    for (size_t i = 0; i < doc->n_paras; i++) {
        if (!r->in[i])
            continue;
        int inword = 0;
        for (const char *p = doc->paras[i].text; *p; p++) {
            int w = isalnum((unsigned char)*p);
            r->n_words += w && !inword;
            inword = w;
        }
    }
}

void region_free(struct doc_region *r)
{
    free(r->in);
    memset(r, 0, sizeof *r);
}

static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '-';
}

bool text_has_word(const char *text, const char *word, bool exact)
{
    size_t n = strlen(word);
    if (!n)
        return false;
    for (const char *p = text; *p; p++) {
        if (exact ? strncmp(p, word, n) : strncasecmp(p, word, n))
            continue;
        /* a descriptor has no hyphen, so a hyphen bounds it too, unless
         * the word itself holds one ("read-write") */
        int hy = strchr(word, '-') != NULL;
        char before = p > text ? p[-1] : ' ';
        char after = p[n];
        int left = p == text || !(hy ? word_char(before) : isalnum((unsigned char)before));
        int right = !(hy ? word_char(after) : isalnum((unsigned char)after));
        if (left && right)
            return true;
    }
    return false;
}

bool text_has_prefix(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = text; *p; p++) {
        if ((p == text || !isalnum((unsigned char)p[-1])) && !strncasecmp(p, prefix, n))
            return true;
    }
    return false;
}

bool text_has_phrase(const char *text, const char *phrase)
{
    /* paragraphs are collapsed to single spaces already */
    size_t n = strlen(phrase);
    for (const char *p = text; *p; p++)
        if ((p == text || !isalnum((unsigned char)p[-1])) && !strncasecmp(p, phrase, n) &&
            !isalnum((unsigned char)p[n]))
            return true;
    return false;
}

bool text_cites_rfc(const char *text, unsigned n)
{
    for (const char *p = text; (p = strstr(p, "RFC")); p += 3) {
        if (p > text && isalnum((unsigned char)p[-1]))
            continue;
        const char *q = p + 3;
        if (*q == ' ' || *q == '-' || *q == '_')
            q++;
        if (!isdigit((unsigned char)*q))
            continue;
        char *end;
        unsigned long v = strtoul(q, &end, 10);
        if (v == n && !isdigit((unsigned char)*end))
            return true;
    }
    return false;
}

#define REGION_SCAN(r, test)                                   \
    for (size_t i = 0; i < (r)->doc->n_paras; i++)             \
        if ((r)->in[i] && (test((r)->doc->paras[i].text)))     \
            return (long)i;                                    \
    return -1

long region_word(const struct doc_region *r, const char *word, bool exact)
{
#define T(t) text_has_word(t, word, exact)
    REGION_SCAN(r, T);
#undef T
}

long region_prefix(const struct doc_region *r, const char *prefix)
{
#define T(t) text_has_prefix(t, prefix)
    REGION_SCAN(r, T);
#undef T
}

long region_phrase(const struct doc_region *r, const char *phrase)
{
#define T(t) text_has_phrase(t, phrase)
    REGION_SCAN(r, T);
#undef T
}

long region_rfc(const struct doc_region *r, unsigned n)
{
#define T(t) text_cites_rfc(t, n)
    REGION_SCAN(r, T);
#undef T
}

SmiModule **doc_modules(const struct check_ctx *ctx, size_t *n)
{
    SmiModule **v = xcalloc(ctx->n_doc_mods + 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; i < ctx->n_doc_mods; i++) {
        SmiModule *m = smiGetModule(ctx->doc_mods[i].name);
        /* the same name loaded from another file is not this module */
        if (m && (!ctx->module->path || !m->path || !strcmp(m->path, ctx->module->path)))
            v[(*n)++] = m;
    }
    return v;
}

static bool any_node(SmiModule *m, SmiNodekind kinds, int min_access)
{
    for (SmiNode *n = smiGetFirstNode(m, kinds); n; n = smiGetNextNode(n, kinds))
        if (min_access < 0 || (int)n->access >= min_access)
            if ((int)n->access <= SMI_ACCESS_READ_WRITE || min_access < 0)
                return true;
    return false;
}

bool module_has_writable(SmiModule *m)
{
    return any_node(m, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN, SMI_ACCESS_READ_WRITE);
}

bool module_defines_objects(SmiModule *m)
{
    return any_node(m, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN |
                           SMI_NODEKIND_TABLE | SMI_NODEKIND_ROW |
                           SMI_NODEKIND_NOTIFICATION, -1);
}

bool module_has_readable(SmiModule *m)
{
    return any_node(m, SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN, SMI_ACCESS_NOTIFY) ||
           any_node(m, SMI_NODEKIND_NOTIFICATION, -1);
}
