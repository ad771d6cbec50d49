#include "checker/extract.h"

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "checker/util.h"

/* ---- lines ---- */

struct lines {
    char **v;        /* owned, NUL-terminated, without the line end */
    size_t len;
};

static void lines_split(const char *text, size_t len, struct lines *ls)
{
    size_t cap = 64;
    ls->v = xmalloc(cap * sizeof *ls->v);
    ls->len = 0;
    size_t i = 0;
    while (i < len) {
        size_t s = i;
        while (i < len && text[i] != '\n' && text[i] != '\r')
            i++;
        if (ls->len == cap) {
            cap *= 2;
            ls->v = xrealloc(ls->v, cap * sizeof *ls->v);
        }
        ls->v[ls->len++] = xstrndup(text + s, i - s);
        /* CRLF ends one line, CR alone one too, as the lexer counts */
        if (i < len && text[i] == '\r') {
            i++;
            if (i < len && text[i] == '\n')
                i++;
        } else if (i < len) {
            i++;
        }
    }
}

static void lines_free(struct lines *ls)
{
    for (size_t i = 0; i < ls->len; i++)
        free(ls->v[i]);
    free(ls->v);
    ls->v = NULL;
    ls->len = 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* Collapse runs of white space to one space and trim. */
static char *collapse(const char *s)
{
    char *out = xmalloc(strlen(s) + 1), *o = out;
    int space = 0;
    for (; *s; s++) {
        if (isspace((unsigned char)*s) || (unsigned char)*s == 0xa0) {
            space = o > out;
            continue;
        }
        /* UTF-8 no-break space (C2 A0) from xml2rfc's &nbsp; */
        if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
            s++;
            space = o > out;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* ---- the document being built ---- */

static void add_problem(struct document *doc, int line, char *message)
{
    doc->problems = xrealloc(doc->problems,
                             (doc->n_problems + 1) * sizeof *doc->problems);
    doc->problems[doc->n_problems++] = (struct doc_problem){line, message};
}

static void add_para(struct document *doc, int line, const char *text)
{
    char *t = collapse(text);
    if (!*t) {
        free(t);
        return;
    }
    doc->paras = xrealloc(doc->paras, (doc->n_paras + 1) * sizeof *doc->paras);
    doc->paras[doc->n_paras++] = (struct doc_para){line, t};
}

static struct doc_section *add_section(struct document *doc, const char *number,
                                       const char *title, const char *anchor,
                                       int level, int line)
{
    doc->secs = xrealloc(doc->secs, (doc->n_secs + 1) * sizeof *doc->secs);
    struct doc_section *s = &doc->secs[doc->n_secs++];
    s->number = xstrdup(number);
    s->title = collapse(title);
    s->anchor = anchor ? xstrdup(anchor) : NULL;
    s->level = level;
    s->line = line;
    s->first_para = s->end_para = doc->n_paras;
    return s;
}

/* A section runs to the next one of its level or above. */
static void close_sections(struct document *doc)
{
    for (size_t i = 0; i < doc->n_secs; i++) {
        doc->secs[i].end_para = doc->n_paras;
        for (size_t j = i + 1; j < doc->n_secs; j++) {
            if (doc->secs[j].level <= doc->secs[i].level) {
                doc->secs[i].end_para = doc->secs[j].first_para;
                break;
            }
        }
    }
}

/* ---- modules inside lines ---- */

struct patterns {
    regex_t header;     /* NAME DEFINITIONS */
    regex_t end;        /* END */
    regex_t begin;      /* "::= BEGIN", or BEGIN alone (MACRO bodies) */
    regex_t heading;    /* a numbered section heading at column 0 */
    regex_t footer;     /* "... [Page 12]" */
    regex_t page_head;  /* "RFC 2863   The Interfaces Group MIB   June 2000" */
    regex_t toc;        /* "7.  Security Considerations ........ 12" */
    regex_t appendix;   /* "Appendix A.  Title" or "A.1.  Title" */
};

static void patterns_init(struct patterns *p)
{
    regcomp(&p->header, "^[ \t]*[A-Z][A-Za-z0-9-]*[ \t]+(PIB-)?DEFINITIONS([ \t]|$)",
            REG_EXTENDED | REG_NOSUB);
    regcomp(&p->end, "^[ \t]*END[ \t]*(--.*)?$", REG_EXTENDED | REG_NOSUB);
    regcomp(&p->begin, "(^[ \t]*|::=[ \t]*)BEGIN[ \t]*(--.*)?$",
            REG_EXTENDED | REG_NOSUB);
    regcomp(&p->heading, "^([0-9]{1,2}(\\.[0-9]{1,2})*)\\.?[ \t]+([^ \t].*)$",
            REG_EXTENDED);
    regcomp(&p->footer, "\\[[Pp]age [0-9ivxlcIVXLC]+\\][ \t]*$",
            REG_EXTENDED | REG_NOSUB);
    regcomp(&p->page_head,
            "^(RFC [0-9]+|Internet[- ]Draft|INTERNET[- ]DRAFT|draft-[A-Za-z0-9.-]+)"
            "[ \t]{2,}.*[A-Za-z]+ ([0-9]{1,2},? )?[0-9]{4}[ \t]*$",
            REG_EXTENDED | REG_NOSUB);
    regcomp(&p->toc, "(\\.[ \t]?){3,}[ \t]*[0-9]+[ \t]*$", REG_EXTENDED | REG_NOSUB);
    regcomp(&p->appendix,
            "^(Appendix[ \t]+([A-Z])|([A-Z])\\.[0-9]+(\\.[0-9]+)*|([A-Z]))"
            "\\.?[ \t]*[:.-]?[ \t]+([^ \t].*)$",
            REG_EXTENDED);
}

static void patterns_free(struct patterns *p)
{
    regfree(&p->header);
    regfree(&p->end);
    regfree(&p->begin);
    regfree(&p->heading);
    regfree(&p->footer);
    regfree(&p->page_head);
    regfree(&p->toc);
    regfree(&p->appendix);
}

static int matches(const regex_t *re, const char *s)
{
    return regexec(re, s, 0, NULL, 0) == 0;
}

/* Does a module header at line i open a module (BEGIN within 3 lines)? */
static int opens_module(const struct lines *ls, size_t i)
{
    for (size_t k = i; k < ls->len && k < i + 4; k++)
        if (strstr(ls->v[k], "BEGIN"))
            return 1;
    return 0;
}

static char *first_word(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = 0;
    while (s[n] && (isalnum((unsigned char)s[n]) || s[n] == '-'))
        n++;
    return xstrndup(s, n);
}

/*
 * Mark the module lines of ls in keep[]: from a "NAME DEFINITIONS" line
 * to its END.  A module without END runs to the next section heading,
 * module or "<CODE ENDS>", and is reported as a problem.
 */
static void find_module_lines(const struct patterns *p, const struct lines *ls,
                              char *keep, struct document *doc)
{
    size_t i = 0;
    while (i < ls->len) {
        if (!matches(&p->header, ls->v[i]) || !opens_module(ls, i)) {
            i++;
            continue;
        }
        /* MACRO definitions (SNMPv2-SMI and friends) nest BEGIN ... END
         * inside the module: the module's END is the one at depth 0 */
        size_t end = 0;
        int found = 0, depth = 0;
        for (size_t k = i; k < ls->len; k++) {
            if (k > i && matches(&p->header, ls->v[k]) && opens_module(ls, k))
                break;
            if (matches(&p->begin, ls->v[k]))
                depth++;
            if (matches(&p->end, ls->v[k]) && --depth <= 0) {
                end = k;
                found = 1;
                break;
            }
        }
        if (!found) {
            size_t k = i + 1;
            for (; k < ls->len; k++) {
                if ((matches(&p->header, ls->v[k]) && opens_module(ls, k)) ||
                    strstr(ls->v[k], "<CODE ENDS>") ||
                    (!isspace((unsigned char)ls->v[k][0]) &&
                     matches(&p->heading, ls->v[k]) && !matches(&p->toc, ls->v[k])))
                    break;
            }
            end = k - 1;
            char *name = first_word(ls->v[i]);
            add_problem(doc, (int)i + 1,
                        xasprintf("module %s has no END; it was checked up to "
                                  "where its text stops", name));
            free(name);
        }
        for (size_t k = i; k <= end; k++)
            keep[k] = 1;
        i = end + 1;
    }
}

static void modules_text(const struct lines *ls, const char *keep,
                         struct document *doc)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; i < ls->len; i++) {
        if (keep[i])
            buf_append(&b, ls->v[i], strlen(ls->v[i]));
        buf_append(&b, "\n", 1);
    }
    doc->modules = b.data;
    doc->modules_len = b.len;
}

/* ---- plain text ---- */

/* Blank the page furniture: form feeds, running headers and footers. */
static void strip_pages(const struct patterns *p, struct lines *ls)
{
    for (size_t i = 0; i < ls->len; i++) {
        char *s = ls->v[i];
        if (strchr(s, '\f')) {
            char *o = s;
            for (char *q = s; *q; q++)
                if (*q != '\f')
                    *o++ = *q;
            *o = '\0';
        }
        if (matches(&p->footer, s) || matches(&p->page_head, s))
            s[0] = '\0';
    }
}

static char *regmatch_dup(const char *s, const regmatch_t *m)
{
    if (m->rm_so < 0)
        return xstrdup("");
    return xstrndup(s + m->rm_so, (size_t)(m->rm_eo - m->rm_so));
}

/* Does a title look like a heading rather than a line of prose? */
static int title_like(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > 80 || strstr(t, "   "))
        return 0;
    char last = t[n - 1];
    return last != ',' && last != ';' && last != '.' && last != ':';
}

static int count_dots(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '.';
    return n;
}

/* Is line i a heading?  Fills number, title and level. */
static int text_heading(const struct patterns *p, const struct lines *ls,
                        size_t i, char **number, char **title, int *level)
{
    const char *s = ls->v[i];
    if (!*s || isspace((unsigned char)s[0]) || matches(&p->toc, s))
        return 0;
    regmatch_t m[7];
    if (regexec(&p->heading, s, 4, m, 0) == 0) {
        char *t = regmatch_dup(s, &m[3]);
        char *tt = collapse(t);
        free(t);
        if (title_like(tt)) {
            *number = regmatch_dup(s, &m[1]);
            *title = tt;
            *level = count_dots(*number) + 1;
            return 1;
        }
        free(tt);
        return 0;
    }
    if (regexec(&p->appendix, s, 7, m, 0) == 0) {
        char *t = regmatch_dup(s, &m[6]);
        char *tt = collapse(t);
        free(t);
        /* "A.  Title" alone needs two spaces, not to take "I. think" */
        int single = m[5].rm_so >= 0;
        if (title_like(tt) && (!single || strstr(s, ".  "))) {
            if (m[2].rm_so >= 0)
                *number = regmatch_dup(s, &m[2]);
            else if (m[3].rm_so >= 0) {
                size_t n = (size_t)(m[1].rm_eo - m[1].rm_so);
                *number = xstrndup(s + m[1].rm_so, n);
            } else
                *number = regmatch_dup(s, &m[5]);
            *title = tt;
            *level = count_dots(*number) + 1;
            return 1;
        }
        free(tt);
    }
    /* unnumbered: a short title alone between blank lines (older RFCs,
     * and Abstract, Status of This Memo...) */
    if (!isupper((unsigned char)s[0]))
        return 0;
    if (i > 0 && !blank(ls->v[i - 1]))
        return 0;
    if (i + 1 < ls->len && !blank(ls->v[i + 1]))
        return 0;
    char *tt = collapse(s);
    if (!title_like(tt) || strlen(tt) > 60) {
        free(tt);
        return 0;
    }
    *number = xstrdup("");
    *title = tt;
    *level = 1;
    return 1;
}

/* "<CODE BEGINS>" without its "<CODE ENDS>" (RFC 8879's markers around
 * extractable code) means the code was cut. */
static void code_markers(const struct lines *ls, struct document *doc)
{
    size_t open = 0;
    int is_open = 0;
    for (size_t i = 0; i <= ls->len; i++) {
        int begins = i < ls->len && strstr(ls->v[i], "<CODE BEGINS>");
        int ends = i < ls->len && strstr(ls->v[i], "<CODE ENDS>");
        if (is_open && (begins || i == ls->len))
            add_problem(doc, (int)open + 1,
                        xstrdup("<CODE BEGINS> has no <CODE ENDS>: the code "
                                "after it may be cut"));
        if (begins) {
            open = i;
            is_open = 1;
        }
        if (ends)
            is_open = 0;
    }
}

static void parse_text(const char *text, size_t len, struct document *doc)
{
    struct patterns p;
    patterns_init(&p);
    struct lines ls;
    lines_split(text, len, &ls);
    for (size_t i = 0; i < ls.len && i < 200; i++) {
        const char *rfc = strstr(ls.v[i], "Request for Comments:");
        if (rfc) {
            doc->is_rfc = 1;
            doc->rfc_number = (unsigned)strtoul(rfc + 21, NULL, 10);
            break;
        }
    }
    strip_pages(&p, &ls);
    code_markers(&ls, doc);
    char *keep = xcalloc(ls.len + 1, 1);
    find_module_lines(&p, &ls, keep, doc);
    modules_text(&ls, keep, doc);

    struct buf para = {0};
    int para_line = 0;
    for (size_t i = 0; i <= ls.len; i++) {
        int is_text = i < ls.len && !keep[i] && !blank(ls.v[i]) &&
                      !matches(&p.toc, ls.v[i]);
        char *number = NULL, *title = NULL;
        int level = 0;
        int heading = is_text && text_heading(&p, &ls, i, &number, &title, &level);
        if ((!is_text || heading) && para.len) {
            add_para(doc, para_line, para.data);
            para.len = 0;
            para.data[0] = '\0';
        }
        if (heading) {
            add_section(doc, number, title, NULL, level, (int)i + 1);
            free(number);
            free(title);
        } else if (is_text) {
            if (!para.len)
                para_line = (int)i + 1;
            else
                buf_append(&para, " ", 1);
            buf_append(&para, ls.v[i], strlen(ls.v[i]));
        }
    }
    buf_free(&para);
    close_sections(doc);
    free(keep);
    lines_free(&ls);
    patterns_free(&p);
}

/* ---- xml2rfc XML ---- */

struct xml_walk {
    struct document *doc;
    const char *text;        /* the raw file */
    size_t len;
    struct lines vlines;     /* the file's lines, blank but for module text */
    char *code;              /* vlines that hold sourcecode/artwork */
    int depth;               /* section nesting */
};

static int name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The string value of a node, with an empty <xref target="X"/> read as
 * "[X]" (xml2rfc renders it as the citation label) and <eref> as its
 * target, so citations count in XML as they do in text. */
static void node_string(xmlNode *n, struct buf *b, int depth)
{
    if (depth > 200)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            buf_append(b, (const char *)n->content, strlen((const char *)n->content));
        return;
    }
    if (n->type == XML_ENTITY_REF_NODE) {
        xmlChar *c = xmlNodeGetContent(n);
        if (c)
            buf_append(b, (const char *)c, strlen((const char *)c));
        xmlFree(c);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    const char *name = (const char *)n->name;
    if (!n->children && (!strcmp(name, "xref") || !strcmp(name, "relref") ||
                         !strcmp(name, "eref"))) {
        xmlChar *t = xmlGetProp(n, (const xmlChar *)"target");
        if (t)
            buf_printf(b, strcmp(name, "eref") ? "[%s]" : "<%s>", (const char *)t);
        xmlFree(t);
        return;
    }
    for (xmlNode *c = n->children; c; c = c->next)
        node_string(c, b, depth + 1);
}

static char *node_text(xmlNode *n)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    node_string(n, &b, 0);
    return b.data;
}

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
    if (!a)
        return NULL;
    char *s = xstrdup((const char *)a);
    xmlFree(a);
    return s;
}

/* Append text to the virtual lines, starting at line *line (1-based). */
static void place_text(struct xml_walk *w, long *line, const char *text)
{
    const char *s = text;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (*line >= 1 && (size_t)*line <= w->vlines.len) {
            size_t i = (size_t)*line - 1;
            char *old = w->vlines.v[i];
            char *joined = xmalloc(strlen(old) + n + 1);
            memcpy(joined, old, strlen(old));
            memcpy(joined + strlen(old), s, n);
            joined[strlen(old) + n] = '\0';
            free(old);
            w->vlines.v[i] = joined;
            w->code[i] = 1;
        }
        if (!nl)
            break;
        (*line)++;
        s = nl + 1;
    }
}

/* The line where the start tag of el, which begins on line `line`, ends:
 * a tag may spread its attributes over several lines. */
static long start_tag_end(const struct xml_walk *w, xmlNode *el, long line)
{
    const char *p = w->text, *end = w->text + w->len;
    for (long l = 1; l < line && p < end; l++) {
        p = memchr(p, '\n', (size_t)(end - p));
        p = p ? p + 1 : end;
    }
    size_t n = strlen((const char *)el->name);
    while (p < end && !(*p == '<' && (size_t)(end - p) > n &&
                        !memcmp(p + 1, el->name, n)))
        line += *p++ == '\n';
    while (p < end && *p != '>')
        line += *p++ == '\n';
    return line;
}

/* Lay the text of a sourcecode or artwork element at its own lines: from
 * the end of its start tag on, child after child.  (libxml2's line of a
 * text node is where a chunk of it was flushed, not where it starts.) */
static void place_code(struct xml_walk *w, xmlNode *el)
{
    long line = start_tag_end(w, el, xmlGetLineNo(el));
    for (xmlNode *c = el->children; c; c = c->next) {
        char *t = node_text(c);
        place_text(w, &line, t);
        free(t);
    }
}

static int holds_module(const char *t)
{
    regex_t re;
    regcomp(&re, "[A-Z][A-Za-z0-9-]*[ \t\r\n]+(PIB-)?DEFINITIONS[ \t\r\n]*::=[ \t\r\n]*BEGIN",
            REG_EXTENDED | REG_NOSUB);
    int r = regexec(&re, t, 0, NULL, 0) == 0;
    regfree(&re);
    return r;
}

static int is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "t", "li", "dt", "dd", "td", "th", "blockquote", "aside", "artwork",
        "sourcecode", "preamble", "postamble", "ul", "ol", "dl", "table",
        "figure", "section", "references", "reference", "note", "abstract",
        "name", "thead", "tbody", "tr", "tfoot", "referencegroup", NULL};
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    for (size_t i = 0; blocks[i]; i++)
        if (!strcmp((const char *)n->name, blocks[i]))
            return 1;
    return 0;
}

static int has_block_child(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_block(c))
            return 1;
    return 0;
}

/* One reference entry as a paragraph: its label, title and RFC number. */
static void xml_reference(struct xml_walk *w, xmlNode *n)
{
    struct buf b = {0};
    char *anchor = attr(n, "anchor");
    buf_printf(&b, "[%s] ", anchor ? anchor : "");
    free(anchor);
    char *t = node_text(n);
    buf_printf(&b, "%s", t);
    free(t);
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!name_is(c, "seriesInfo"))
            continue;
        char *name = attr(c, "name"), *value = attr(c, "value");
        if (name && value)
            buf_printf(&b, " %s %s", name, value);
        free(name);
        free(value);
    }
    add_para(w->doc, (int)xmlGetLineNo(n), b.data);
    buf_free(&b);
}

/* <xi:include href=".../reference.RFC.3414.xml"/>: the RFC number is in
 * the file name (the bibliography cannot be fetched offline). */
static void xml_include(struct xml_walk *w, xmlNode *n)
{
    char *href = attr(n, "href");
    if (!href)
        return;
    const char *r = strstr(href, "reference.RFC.");
    if (r) {
        char *label = xasprintf("[RFC%d] RFC %d", atoi(r + 14), atoi(r + 14));
        add_para(w->doc, (int)xmlGetLineNo(n), label);
        free(label);
    }
    free(href);
}

/* xml2rfc v2 documents pull references in through external entities
 * (<!ENTITY RFC2119 SYSTEM ".../reference.RFC.2119.xml">, then &RFC2119;),
 * which are never fetched: take the RFC number from the address, or from
 * an entity named like RFC2119. */
static void xml_entity_reference(struct xml_walk *w, xmlNode *n)
{
    xmlEntityPtr ent = xmlGetDocEntity(n->doc, n->name);
    const char *sys = ent && ent->SystemID ? (const char *)ent->SystemID : "";
    const char *r = strstr(sys, "reference.RFC.");
    unsigned long num = 0;
    if (r)
        num = strtoul(r + 14, NULL, 10);
    else if (!strncasecmp((const char *)n->name, "RFC", 3))
        num = strtoul((const char *)n->name + 3, NULL, 10);
    if (num > 0 && num < 100000) {
        char *label = xasprintf("[RFC%lu] RFC %lu", num, num);
        add_para(w->doc, (int)xmlGetLineNo(n), label);
        free(label);
    }
}

static void xml_walk(struct xml_walk *w, xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ENTITY_REF_NODE) {
            xml_entity_reference(w, n);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(n, "section") || name_is(n, "references") ||
            name_is(n, "abstract") || name_is(n, "note")) {
            char *title = attr(n, "title");
            for (xmlNode *c = n->children; !title && c; c = c->next)
                if (name_is(c, "name"))
                    title = node_text(c);
            if (!title)
                title = xstrdup(name_is(n, "abstract") ? "Abstract"
                                : name_is(n, "references") ? "References" : "");
            char *anchor = attr(n, "anchor");
            add_section(w->doc, "", title, anchor, w->depth + 1,
                        (int)xmlGetLineNo(n));
            free(anchor);
            free(title);
            w->depth++;
            xml_walk(w, n->children);
            w->depth--;
            continue;
        }
        if (name_is(n, "name"))
            continue;
        if (name_is(n, "reference")) {
            xml_reference(w, n);
            continue;
        }
        if (name_is(n, "include")) {
            xml_include(w, n);
            continue;
        }
        if (name_is(n, "sourcecode") || name_is(n, "artwork")) {
            char *t = node_text(n);
            char *type = attr(n, "type");
            int mib = type && !strcasecmp(type, "mib");
            if (holds_module(t)) {
                place_code(w, n);
            } else if (mib) {
                add_problem(w->doc, (int)xmlGetLineNo(n),
                            xstrdup("<sourcecode type=\"mib\"> holds no module "
                                    "header (NAME DEFINITIONS ::= BEGIN)"));
            } else {
                add_para(w->doc, (int)xmlGetLineNo(n), t);
            }
            free(type);
            free(t);
            continue;
        }
        if (is_block(n) && !has_block_child(n)) {
            char *t = node_text(n);
            add_para(w->doc, (int)xmlGetLineNo(n), t);
            free(t);
            continue;
        }
        xml_walk(w, n->children);
    }
}

static void parse_xml(const char *text, size_t len, struct document *doc)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        add_problem(doc, 0, xstrdup("out of memory reading the XML document"));
        return;
    }
    /* no network, no external entities: a document cannot make us read
     * other files */
    xmlDocPtr x = xmlCtxtReadMemory(ctxt, text, (int)(len > 0x7fffffff ? 0x7fffffff : len),
                                    NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR |
                                        XML_PARSE_NOWARNING);
    struct xml_walk w = {doc, text, len, {NULL, 0}, NULL, 0};
    lines_split(text, len, &w.vlines);
    for (size_t i = 0; i < w.vlines.len; i++)
        w.vlines.v[i][0] = '\0';
    w.code = xcalloc(w.vlines.len + 1, 1);
    if (!x) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        add_problem(doc, e ? e->line : 0,
                    xasprintf("the XML document cannot be parsed (%s); no "
                              "module was extracted",
                              e && e->message ? e->message : "unknown error"));
        /* libxml2 messages end with a newline */
        char *m = doc->problems[doc->n_problems - 1].message;
        for (char *q = m; *q; q++)
            if (*q == '\n')
                *q = ' ';
    } else {
        xmlNode *root = xmlDocGetRootElement(x);
        if (root) {
            char *num = attr(root, "number");
            doc->is_rfc = num != NULL;
            doc->rfc_number = num ? (unsigned)strtoul(num, NULL, 10) : 0;
            free(num);
            xml_walk(&w, root->children);
        }
        xmlFreeDoc(x);
    }
    xmlFreeParserCtxt(ctxt);
    close_sections(doc);

    struct patterns p;
    patterns_init(&p);
    char *keep = xcalloc(w.vlines.len + 1, 1);
    find_module_lines(&p, &w.vlines, keep, doc);
    modules_text(&w.vlines, keep, doc);
    patterns_free(&p);
    free(keep);
    free(w.code);
    lines_free(&w.vlines);
}

/* ---- public ---- */

enum doc_kind document_kind(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    size_t head = len - i < 4096 ? len - i : 4096;
    if (head > 5 && text[i] == '<') {
        char *h = xstrndup(text + i, head);
        int rfc = strstr(h, "<rfc") != NULL;
        free(h);
        return rfc ? DOC_XML : DOC_NONE;
    }
    /* text: a marker line of the first page, before any module */
    int lines = 0;
    size_t p = i;
    while (p < len && lines < 120) {
        const char *s = text + p;
        size_t n = 0;
        while (p + n < len && s[n] != '\n')
            n++;
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\f'))
            k++;
        static const char *const marks[] = {
            "Request for Comments:", "Internet-Draft", "INTERNET-DRAFT",
            "Internet Draft", "INTERNET DRAFT", "Network Working Group",
            "Internet Engineering Task Force", NULL};
        for (size_t m = 0; marks[m]; m++) {
            size_t ml = strlen(marks[m]);
            if (n - k >= ml && !memcmp(s + k, marks[m], ml))
                return DOC_TEXT;
        }
        for (size_t q = k; q + 10 < n; q++)
            if (!memcmp(s + q, "DEFINITIONS", 11))
                return DOC_NONE;
        p += n + 1;
        lines++;
    }
    return DOC_NONE;
}

void document_parse(const char *text, size_t len, enum doc_kind kind,
                    struct document *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->kind = kind;
    if (kind == DOC_XML)
        parse_xml(text, len, doc);
    else
        parse_text(text, len, doc);
}

void document_free(struct document *doc)
{
    free(doc->modules);
    for (size_t i = 0; i < doc->n_paras; i++)
        free(doc->paras[i].text);
    free(doc->paras);
    for (size_t i = 0; i < doc->n_secs; i++) {
        free(doc->secs[i].number);
        free(doc->secs[i].title);
        free(doc->secs[i].anchor);
    }
    free(doc->secs);
    for (size_t i = 0; i < doc->n_problems; i++)
        free(doc->problems[i].message);
    free(doc->problems);
    memset(doc, 0, sizeof *doc);
}

const struct doc_section *document_find_section(const struct document *doc,
                                                const char *word, size_t *from)
{
    for (size_t i = *from; i < doc->n_secs; i++) {
        if (strcasestr(doc->secs[i].title, word)) {
            *from = i;
            return &doc->secs[i];
        }
    }
    return NULL;
}
