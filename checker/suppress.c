#include "checker/suppress.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

static void add(struct suppression **out, size_t *n, int line, bool own_line,
                bool file_wide, const char *pattern, size_t plen)
{
    *out = xrealloc(*out, (*n + 1) * sizeof **out);
    struct suppression *s = &(*out)[(*n)++];
    s->line = line;
    s->target = own_line ? -1 : line;
    s->file_wide = file_wide;
    s->pattern = pattern ? xstrndup(pattern, plen) : NULL;
    s->used = false;
}

/* One comment's text: "mibcheck: disable=a,b" or not ours. */
static void directive(const char *p, const char *end, int line, bool own_line,
                      struct suppression **out, size_t *n)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    if ((size_t)(end - p) < 9 || strncmp(p, "mibcheck:", 9))
        return;
    p += 9;
    while (p < end && isspace((unsigned char)*p))
        p++;
    bool file_wide;
    if ((size_t)(end - p) >= 13 && !strncmp(p, "disable-file=", 13)) {
        file_wide = true;
        p += 13;
    } else if ((size_t)(end - p) >= 8 && !strncmp(p, "disable=", 8)) {
        file_wide = false;
        p += 8;
    } else {
        add(out, n, line, own_line, false, NULL, 0);
        return;
    }
    size_t before = *n;
    while (p < end) {
        while (p < end && (isspace((unsigned char)*p) || *p == ','))
            p++;
        const char *q = p;
        while (q < end && !isspace((unsigned char)*q) && *q != ',')
            q++;
        if (q > p)
            add(out, n, line, own_line, file_wide, p, (size_t)(q - p));
        p = q;
    }
    if (*n == before)
        add(out, n, line, own_line, file_wide, NULL, 0);
}

size_t suppressions_scan(const char *text, size_t len, struct suppression **out)
{
    *out = NULL;
    size_t n = 0;
    /* cheap test first: most files have none */
    if (!memmem(text, len, "mibcheck:", 9))
        return 0;
    /* lines holding code, to find what an own-line comment is above */
    size_t cap = 64, nlines = 0;
    bool *code = xcalloc(cap, sizeof *code);
    bool in_string = false;
    int line = 1;
    size_t i = 0;
    while (i <= len) {
        size_t eol = i;
        while (eol < len && text[eol] != '\n')
            eol++;
        bool has_code = in_string;
        size_t j = i;
        while (j < eol) {
            char c = text[j];
            if (in_string) {
                if (c == '"')
                    in_string = false;
                j++;
            } else if (c == '"') {
                in_string = has_code = true;
                j++;
            } else if (c == '-' && j + 1 < eol && text[j + 1] == '-') {
                /* an ASN.1 comment ends at the next -- or the line's end */
                size_t k = j + 2;
                while (k < eol && !(text[k] == '-' && k + 1 < eol && text[k + 1] == '-'))
                    k++;
                directive(text + j + 2, text + k, line, !has_code, out, &n);
                j = k < eol ? k + 2 : eol;
            } else {
                if (!isspace((unsigned char)c))
                    has_code = true;
                j++;
            }
        }
        if ((size_t)line >= cap) {
            code = xrealloc(code, cap * 2 * sizeof *code);
            memset(code + cap, 0, cap * sizeof *code);
            cap *= 2;
        }
        code[line] = has_code;
        nlines = (size_t)line;
        line++;
        i = eol + 1;
    }
    for (size_t s = 0; s < n; s++) {
        struct suppression *sp = &(*out)[s];
        if (sp->target >= 0)
            continue;
        sp->target = sp->line;
        for (size_t l = (size_t)sp->line + 1; l <= nlines; l++)
            if (code[l]) {
                sp->target = (int)l;
                break;
            }
    }
    free(code);
    return n;
}

void suppressions_free(struct suppression *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i].pattern);
    free(s);
}

/* The module a file-wide suppression at line belongs to: the one around
 * it, else the next one below. */
static const struct module_span *module_at(const struct module_span *mods,
                                           size_t n_mods, int line)
{
    for (size_t m = 0; m < n_mods; m++)
        if (line <= mods[m].end_line)
            return &mods[m];
    return NULL;
}

static bool covers(const struct suppression *sp, const struct module_span *mod,
                   const struct finding *f)
{
    if (!sp->pattern || !pattern_match(sp->pattern, f->rule))
        return false;
    if (!sp->file_wide)
        return f->line == sp->line || f->line == sp->target;
    if (!mod)
        return true;
    if (f->module)
        return !strcmp(f->module, mod->name);
    return f->line >= mod->line && f->line <= mod->end_line;
}

/* Apply the suppressions in text to the findings of file (its modules
 * mods); report_unused: also report those that covered nothing, which is
 * only sound where every rule ran (an input, not an imported module
 * whose libsmi findings -r reports). */
static void apply_text(const char *file, const char *text, size_t len,
                       const struct module_span *mods, size_t n_mods,
                       bool report_unused, struct finding_list *list)
{
    struct suppression *sups;
    size_t n = suppressions_scan(text, len, &sups);
    if (!n)
        return;
    size_t keep = 0, before = list->len;
    for (size_t i = 0; i < before; i++) {
        struct finding *f = &list->items[i];
        bool drop = false;
        if (f->file && !strcmp(f->file, file))
            for (size_t s = 0; s < n; s++)
                if (covers(&sups[s],
                           sups[s].file_wide ? module_at(mods, n_mods, sups[s].line) : NULL,
                           f)) {
                    sups[s].used = drop = true;
                }
        if (drop)
            finding_free(f);
        else
            list->items[keep++] = *f;
    }
    list->len = keep;
    for (size_t s = 0; s < n && report_unused; s++) {
        const struct suppression *sp = &sups[s];
        const struct module_span *mod = module_at(mods, n_mods, sp->line);
        const char *mname = mod ? mod->name : NULL;
        if (!sp->pattern)
            finding_add(list, "suppression-unused", SEV_INFO, file, sp->line, mname,
                        NULL, "this mibcheck comment is not a suppression: write "
                        "'mibcheck: disable=RULE' or 'mibcheck: disable-file=RULE'");
        else if (!sp->used)
            finding_add(list, "suppression-unused", SEV_INFO, file, sp->line, mname,
                        NULL, "the suppression of %s %s suppressed nothing: remove it",
                        sp->pattern, sp->file_wide ? "in this module" : "here");
    }
    suppressions_free(sups, n);
}

static void apply_source(const struct source *src, struct finding_list *list)
{
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(source_load_path(src), (size_t)1 << 30, &len, &too_large);
    if (!text)
        return;
    apply_text(src->path, text, len, src->mods, src->n_mods, true, list);
    free(text);
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* With -r, findings also come from the files of imported modules; their
 * suppressions hold for those findings as an input's do for its own. */
static void apply_foreign(const struct source_set *ss, struct finding_list *list)
{
    struct strvec files = {0};
    for (size_t i = 0; i < list->len; i++) {
        const char *file = list->items[i].file;
        if (file && !source_find(ss, file) &&
            (!files.len || strcmp(files.v[files.len - 1], file)))
            strvec_push(&files, file);
    }
    if (files.len > 1)
        qsort(files.v, files.len, sizeof *files.v, str_cmp);
    for (size_t i = 0; i < files.len; i++) {
        if (i && !strcmp(files.v[i - 1], files.v[i]))
            continue;
        size_t len = 0;
        int too_large = 0;
        char *text = read_file(files.v[i], (size_t)1 << 30, &len, &too_large);
        if (!text)
            continue;
        struct token_list tl = {0};
        struct module_span *mods = NULL;
        size_t n_mods = 0;
        if (memmem(text, len, "mibcheck:", 9)) {
            lex_mib(text, len, &tl);
            n_mods = find_modules(&tl, &mods);
        }
        apply_text(files.v[i], text, len, mods, n_mods, false, list);
        module_spans_free(mods, n_mods);
        token_list_free(&tl);
        free(text);
    }
    strvec_free(&files);
}

void suppress_apply(const struct source_set *ss, struct finding_list *list)
{
    apply_foreign(ss, list);
    for (size_t i = 0; i < ss->len; i++)
        if (ss->v[i].status == SRC_OK)
            apply_source(&ss->v[i], list);
}
