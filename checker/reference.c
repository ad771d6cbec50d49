#include "checker/reference.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checker/lexer.h"
#include "checker/path.h"
#include "checker/util.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void reference_dirs(const struct config *cfg, struct strvec *dirs,
                    const char ***origins)
{
    const char *const *sys = system_mib_dirs();
    size_t n = cfg->reference_dirs.len;
    for (size_t i = 0; sys[i]; i++)
        n++;
    *origins = xcalloc(n + 1, sizeof **origins);
    for (size_t i = 0; i < cfg->reference_dirs.len; i++) {
        if (strvec_contains(dirs, cfg->reference_dirs.v[i]))
            continue;
        (*origins)[dirs->len] = "reference";
        strvec_push(dirs, cfg->reference_dirs.v[i]);
    }
    for (size_t i = 0; sys[i]; i++) {
        if (!is_dir(sys[i]) || strvec_contains(dirs, sys[i]))
            continue;
        (*origins)[dirs->len] = "system";
        strvec_push(dirs, sys[i]);
    }
}

/* ---- reading module text ---- */

static const char *const registering_macros[] = {
    "OBJECT-TYPE", "OBJECT-IDENTITY", "NOTIFICATION-TYPE", "MODULE-IDENTITY",
    "OBJECT-GROUP", "NOTIFICATION-GROUP", "MODULE-COMPLIANCE",
    "AGENT-CAPABILITIES", "TRAP-TYPE", NULL};

static int is_registering_macro(const struct token *t)
{
    for (size_t i = 0; registering_macros[i]; i++)
        if (tok_is(t, registering_macros[i]))
            return 1;
    return 0;
}

static int is_clause_word(const struct token *t)
{
    static const char *const words[] = {
        "UNITS", "MAX-ACCESS", "ACCESS", "STATUS", "DESCRIPTION", "REFERENCE",
        "INDEX", "AUGMENTS", "DEFVAL", "DISPLAY-HINT", NULL};
    for (size_t i = 0; words[i]; i++)
        if (tok_is(t, words[i]))
            return 1;
    return 0;
}

/* Tokens [from, to) as text, one space between tokens. */
static char *join_tokens(const struct token *v, size_t from, size_t to)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = from; i < to; i++) {
        if (i > from)
            buf_append(&b, " ", 1);
        buf_append(&b, v[i].text, v[i].len);
    }
    return b.data;
}

/* Index just past the "}" that closes the "{" at open (or to). */
static size_t skip_braces(const struct token *v, size_t open, size_t to)
{
    int depth = 0;
    for (size_t i = open; i < to; i++) {
        if (v[i].kind != TOK_PUNCT)
            continue;
        if (v[i].text[0] == '{')
            depth++;
        else if (v[i].text[0] == '}' && --depth == 0)
            return i + 1;
    }
    return to;
}

struct loader {
    struct reference_set *rs;
    size_t cap_modules, cap_defs, cap_tables;
};

static struct ref_def *new_def(struct loader *ld, const struct token *name,
                               size_t module, enum ref_kind kind)
{
    struct reference_set *rs = ld->rs;
    if (rs->n_defs == ld->cap_defs) {
        ld->cap_defs = ld->cap_defs ? ld->cap_defs * 2 : 1024;
        rs->defs = xrealloc(rs->defs, ld->cap_defs * sizeof *rs->defs);
    }
    struct ref_def *d = &rs->defs[rs->n_defs++];
    memset(d, 0, sizeof *d);
    d->name = xstrndup(name->text, name->len);
    d->module = module;
    d->kind = kind;
    d->line = name->line;
    d->subid = -1;
    return d;
}

/* The OID value after "::=" at i: "{ parent ... n }" or a bare number. */
static size_t read_value(struct ref_def *d, const struct token *v, size_t i,
                         size_t to)
{
    if (i < to && v[i].kind == TOK_PUNCT && v[i].text[0] == '{') {
        size_t end = skip_braces(v, i, to);
        size_t last = end > i + 1 ? end - 1 : i + 1;
        d->value = join_tokens(v, i + 1, last);
        if (i + 1 < last && v[i + 1].kind == TOK_WORD)
            d->parent = xstrndup(v[i + 1].text, v[i + 1].len);
        if (last > i + 1 && v[last - 1].kind == TOK_NUMBER)
            d->subid = strtol(v[last - 1].text, NULL, 10);
        return end;
    }
    if (i < to && v[i].kind == TOK_NUMBER) {
        d->value = xstrndup(v[i].text, v[i].len);
        d->subid = strtol(v[i].text, NULL, 10);
        return i + 1;
    }
    return i;
}

/* SYNTAX of the macro in [from, to): its tokens up to the next clause. */
static char *read_syntax(const struct token *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (!tok_is(&v[i], "SYNTAX"))
            continue;
        size_t j = i + 1;
        while (j < to && !is_clause_word(&v[j]) && v[j].kind != TOK_ASSIGN) {
            if (v[j].kind == TOK_PUNCT && v[j].text[0] == '{')
                j = skip_braces(v, j, to);
            else
                j++;
        }
        return join_tokens(v, i + 1, j);
    }
    return NULL;
}

static char *read_index(const struct token *v, size_t from, size_t to)
{
    for (size_t i = from; i + 1 < to; i++)
        if ((tok_is(&v[i], "INDEX") || tok_is(&v[i], "AUGMENTS")) &&
            v[i + 1].kind == TOK_PUNCT && v[i + 1].text[0] == '{')
            return join_tokens(v, i, skip_braces(v, i + 1, to));
    return NULL;
}

static void read_module(struct loader *ld, const struct token *v,
                        const struct module_span *ms, size_t module)
{
    size_t to = ms->end_tok;
    for (size_t i = ms->first_tok + 4; i + 1 < to; i++) {
        const struct token *t = &v[i];
        if (t->kind != TOK_WORD)
            continue;
        /* the macro definitions of SNMPv2-SMI and friends */
        if (tok_is(&v[i + 1], "MACRO")) {
            while (i < to && !tok_is(&v[i], "END"))
                i++;
            continue;
        }
        int lower = islower((unsigned char)t->text[0]);
        if (lower && is_registering_macro(&v[i + 1])) {
            size_t a = i + 2;
            while (a < to && v[a].kind != TOK_ASSIGN)
                a++;
            int object = tok_is(&v[i + 1], "OBJECT-TYPE");
            struct ref_def *d = new_def(ld, t, module, object ? REF_OBJECT : REF_MACRO);
            if (object)
                d->syntax = read_syntax(v, i + 2, a);
            size_t end = read_value(d, v, a + 1, to);
            if (object && d->syntax && !strncmp(d->syntax, "SEQUENCE OF ", 12)) {
                /* a table: remember it; rows and columns are found later */
                if (ld->rs->n_tables == ld->cap_tables) {
                    ld->cap_tables = ld->cap_tables ? ld->cap_tables * 2 : 64;
                    ld->rs->tables = xrealloc(ld->rs->tables,
                                              ld->cap_tables * sizeof *ld->rs->tables);
                }
                struct ref_table *tb = &ld->rs->tables[ld->rs->n_tables++];
                memset(tb, 0, sizeof *tb);
                tb->table = ld->rs->n_defs - 1;
                tb->row = (size_t)-1;
            } else if (object) {
                d->index = read_index(v, i + 2, a);
            }
            i = end > i ? end - 1 : i;
            continue;
        }
        if (lower && tok_is(&v[i + 1], "OBJECT") && i + 3 < to &&
            tok_is(&v[i + 2], "IDENTIFIER") && v[i + 3].kind == TOK_ASSIGN) {
            struct ref_def *d = new_def(ld, t, module, REF_VALUE);
            size_t end = read_value(d, v, i + 4, to);
            i = end > i ? end - 1 : i;
            continue;
        }
        if (isupper((unsigned char)t->text[0]) && v[i + 1].kind == TOK_ASSIGN &&
            i + 2 < to) {
            size_t s = i + 2;
            if (tok_is(&v[s], "SEQUENCE") && s + 1 < to &&
                v[s + 1].kind == TOK_PUNCT)
                continue;   /* the SEQUENCE type of a row */
            struct ref_def *d = new_def(ld, t, module, REF_TYPE);
            if (tok_is(&v[s], "TEXTUAL-CONVENTION")) {
                size_t e = s + 1;
                while (e < to && v[e].kind != TOK_ASSIGN)
                    e++;
                /* the next definition's "X ::=" ends this one */
                d->syntax = read_syntax(v, s + 1, e > s + 1 ? e - 1 : e);
            } else {
                /* "[APPLICATION 1] IMPLICIT INTEGER (0..4294967295)" */
                while (s < to && (v[s].kind == TOK_PUNCT && v[s].text[0] == '[')) {
                    while (s < to && !(v[s].kind == TOK_PUNCT && v[s].text[0] == ']'))
                        s++;
                    s++;
                }
                if (s < to && tok_is(&v[s], "IMPLICIT"))
                    s++;
                size_t e = s;
                while (e < to && !(e + 1 < to && v[e + 1].kind == TOK_ASSIGN) &&
                       !tok_is(&v[e], "END"))
                    e++;
                d->syntax = join_tokens(v, s, e);
            }
        }
    }
}

static const struct ref_module *find_module_linear(const struct reference_set *rs,
                                                   const char *name)
{
    for (size_t i = 0; i < rs->n_modules; i++)
        if (!strcmp(rs->modules[i].name, name))
            return &rs->modules[i];
    return NULL;
}

static void read_file_modules(struct loader *ld, const char *path,
                              const char *origin, size_t max)
{
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(path, max, &len, &too_large);
    if (!text)
        return;
    if (memchr(text, '\0', len < 8192 ? len : 8192)) {
        free(text);
        return;
    }
    struct token_list tl = {0};
    lex_mib(text, len, &tl);
    struct module_span *mods = NULL;
    size_t n = find_modules(&tl, &mods);
    struct reference_set *rs = ld->rs;
    for (size_t m = 0; m < n; m++) {
        if (find_module_linear(rs, mods[m].name))
            continue;   /* the first directory in order wins */
        if (rs->n_modules == ld->cap_modules) {
            ld->cap_modules = ld->cap_modules ? ld->cap_modules * 2 : 128;
            rs->modules = xrealloc(rs->modules, ld->cap_modules * sizeof *rs->modules);
        }
        struct ref_module *rm = &rs->modules[rs->n_modules++];
        rm->name = xstrdup(mods[m].name);
        rm->path = xstrdup(path);
        rm->origin = origin;
        read_module(ld, tl.v, &mods[m], rs->n_modules - 1);
    }
    module_spans_free(mods, n);
    token_list_free(&tl);
    free(text);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, hidden ones aside, sorted: file order decides which
 * of two same-named modules wins, so it must not depend on the file
 * system. */
static int sorted_entries(const char *path, struct strvec *names)
{
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    struct dirent *de;
    while ((de = readdir(dir)))
        if (de->d_name[0] != '.')
            strvec_push(names, de->d_name);
    closedir(dir);
    if (names->len > 1) /* qsort of NULL is undefined, even for 0 */
        qsort(names->v, names->len, sizeof *names->v, cmp_str);
    return 0;
}

static void free_defs(struct reference_set *rs)
{
    for (size_t i = 0; i < rs->n_defs; i++) {
        free(rs->defs[i].name);
        free(rs->defs[i].value);
        free(rs->defs[i].parent);
        free(rs->defs[i].syntax);
        free(rs->defs[i].index);
    }
    free(rs->defs);
    rs->defs = NULL;
    rs->n_defs = 0;
}

static int cmp_module(const void *a, const void *b)
{
    return strcmp(((const struct ref_module *)a)->name,
                  ((const struct ref_module *)b)->name);
}

static int cmp_def(const void *a, const void *b)
{
    const struct ref_def *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->module < y->module ? -1 : x->module > y->module;
}

/* Rows and columns of each table, found by their OID values. */
static void link_tables(struct reference_set *rs)
{
    for (size_t t = 0; t < rs->n_tables; t++) {
        struct ref_table *tb = &rs->tables[t];
        const struct ref_def *table = &rs->defs[tb->table];
        /* tables, rows and columns of one module are contiguous before
         * sorting, so look only at that module's run of definitions */
        size_t lo = tb->table, hi = tb->table;
        while (lo > 0 && rs->defs[lo - 1].module == table->module)
            lo--;
        while (hi < rs->n_defs && rs->defs[hi].module == table->module)
            hi++;
        for (size_t i = lo; i < hi && tb->row == (size_t)-1; i++)
            if (rs->defs[i].kind == REF_OBJECT && rs->defs[i].parent &&
                !strcmp(rs->defs[i].parent, table->name))
                tb->row = i;
        if (tb->row == (size_t)-1)
            continue;
        const struct ref_def *row = &rs->defs[tb->row];
        tb->index = xstrdup(row->index ? row->index : "");
        for (size_t i = lo; i < hi; i++) {
            if (rs->defs[i].kind != REF_OBJECT || !rs->defs[i].parent ||
                strcmp(rs->defs[i].parent, row->name))
                continue;
            tb->columns = xrealloc(tb->columns, (tb->n_columns + 1) * sizeof *tb->columns);
            size_t k = tb->n_columns++;
            /* insertion by sub-identifier */
            while (k > 0 && rs->defs[tb->columns[k - 1]].subid > rs->defs[i].subid) {
                tb->columns[k] = tb->columns[k - 1];
                k--;
            }
            tb->columns[k] = i;
        }
    }
}

void reference_load(const struct config *cfg, struct reference_set *rs)
{
    memset(rs, 0, sizeof *rs);
    reference_dirs(cfg, &rs->dirs, &rs->dir_origins);
    struct loader ld = {rs, 0, 0, 0};
    for (size_t d = 0; d < rs->dirs.len; d++) {
        struct strvec names = {0};
        if (sorted_entries(rs->dirs.v[d], &names) < 0)
            continue;
        for (size_t i = 0; i < names.len; i++) {
            char *p = xasprintf("%s/%s", rs->dirs.v[d], names.v[i]);
            struct stat st;
            if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
                read_file_modules(&ld, p, rs->dir_origins[d], cfg->max_file_size);
            free(p);
        }
        strvec_free(&names);
    }
    link_tables(rs);

    /* sort modules by name and defs by name; tables keep def names */
    size_t *remap = xcalloc(rs->n_modules + 1, sizeof *remap);
    char **names = xcalloc(rs->n_modules + 1, sizeof *names);
    for (size_t i = 0; i < rs->n_modules; i++)
        names[i] = rs->modules[i].name;
    if (rs->n_modules > 1)
        qsort(rs->modules, rs->n_modules, sizeof *rs->modules, cmp_module);
    for (size_t i = 0; i < rs->n_modules; i++) {
        const struct ref_module *m = reference_module(rs, names[i]);
        remap[i] = (size_t)(m - rs->modules);
    }
    for (size_t i = 0; i < rs->n_defs; i++)
        rs->defs[i].module = remap[rs->defs[i].module];
    free(remap);
    free(names);

    /* tables point at defs by index: keep them valid through the sort by
     * remembering names, then looking them up again */
    struct { char *table, *row; char **cols; } *tn =
        xcalloc(rs->n_tables + 1, sizeof *tn);
    for (size_t t = 0; t < rs->n_tables; t++) {
        struct ref_table *tb = &rs->tables[t];
        tn[t].table = rs->defs[tb->table].name;
        tn[t].row = tb->row != (size_t)-1 ? rs->defs[tb->row].name : NULL;
        tn[t].cols = xcalloc(tb->n_columns + 1, sizeof *tn[t].cols);
        for (size_t c = 0; c < tb->n_columns; c++)
            tn[t].cols[c] = rs->defs[tb->columns[c]].name;
    }
    size_t *tmod = xcalloc(rs->n_tables + 1, sizeof *tmod);
    for (size_t t = 0; t < rs->n_tables; t++)
        tmod[t] = rs->defs[rs->tables[t].table].module;
    if (rs->n_defs > 1)
        qsort(rs->defs, rs->n_defs, sizeof *rs->defs, cmp_def);
    for (size_t t = 0; t < rs->n_tables; t++) {
        struct ref_table *tb = &rs->tables[t];
        size_t n;
        const struct ref_def *d = reference_defs(rs, tn[t].table, &n);
        for (size_t k = 0; k < n; k++)
            if (d[k].module == tmod[t])
                tb->table = (size_t)(&d[k] - rs->defs);
        if (tn[t].row) {
            d = reference_defs(rs, tn[t].row, &n);
            for (size_t k = 0; k < n; k++)
                if (d[k].module == tmod[t])
                    tb->row = (size_t)(&d[k] - rs->defs);
        }
        tb->column_base = xcalloc(tb->n_columns + 1, sizeof *tb->column_base);
        for (size_t c = 0; c < tb->n_columns; c++) {
            d = reference_defs(rs, tn[t].cols[c], &n);
            for (size_t k = 0; k < n; k++)
                if (d[k].module == tmod[t])
                    tb->columns[c] = (size_t)(&d[k] - rs->defs);
        }
        free(tn[t].cols);
    }
    for (size_t t = 0; t < rs->n_tables; t++) {
        struct ref_table *tb = &rs->tables[t];
        for (size_t c = 0; c < tb->n_columns; c++) {
            const char *cat = base_type_category(rs, rs->defs[tb->columns[c]].syntax);
            tb->column_base[c] = xstrdup(cat ? cat : "?");
        }
    }
    free(tmod);
    free(tn);
}

static void walk_previous(struct loader *ld, const char *path, size_t max,
                          int depth)
{
    struct stat st;
    if (depth > 16 || stat(path, &st) < 0)
        return;
    if (S_ISREG(st.st_mode)) {
        read_file_modules(ld, path, "previous", max);
        return;
    }
    if (!S_ISDIR(st.st_mode))
        return;
    struct strvec names = {0};
    if (sorted_entries(path, &names) < 0)
        return;
    for (size_t i = 0; i < names.len; i++) {
        char *p = xasprintf("%s/%s", path, names.v[i]);
        walk_previous(ld, p, max, depth + 1);
        free(p);
    }
    strvec_free(&names);
}

void reference_load_previous(const char *path, size_t max,
                             struct reference_set *rs)
{
    memset(rs, 0, sizeof *rs);
    struct loader ld = {rs, 0, 0, 0};
    walk_previous(&ld, path, max, 0);
    if (rs->n_modules > 1)
        qsort(rs->modules, rs->n_modules, sizeof *rs->modules, cmp_module);
    /* only module names and files are asked of the previous release */
    free_defs(rs);
    free(rs->tables);
    rs->tables = NULL;
    rs->n_tables = 0;
}

void reference_free(struct reference_set *rs)
{
    for (size_t i = 0; i < rs->n_modules; i++) {
        free(rs->modules[i].name);
        free(rs->modules[i].path);
    }
    free(rs->modules);
    free_defs(rs);
    for (size_t t = 0; t < rs->n_tables; t++) {
        for (size_t c = 0; c < rs->tables[t].n_columns && rs->tables[t].column_base; c++)
            free(rs->tables[t].column_base[c]);
        free(rs->tables[t].column_base);
        free(rs->tables[t].columns);
        free(rs->tables[t].index);
    }
    free(rs->tables);
    strvec_free(&rs->dirs);
    free(rs->dir_origins);
    memset(rs, 0, sizeof *rs);
}

const struct ref_module *reference_module(const struct reference_set *rs,
                                          const char *name)
{
    if (!rs || !name)
        return NULL;
    size_t lo = 0, hi = rs->n_modules;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(rs->modules[mid].name, name);
        if (c == 0)
            return &rs->modules[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct ref_def *reference_defs(const struct reference_set *rs,
                                     const char *name, size_t *n)
{
    *n = 0;
    if (!rs || !name)
        return NULL;
    size_t lo = 0, hi = rs->n_defs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(rs->defs[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < rs->n_defs && !strcmp(rs->defs[k].name, name))
        k++;
    *n = k - lo;
    return *n ? &rs->defs[lo] : NULL;
}

size_t reference_modules_in_dir(const struct reference_set *rs, size_t i)
{
    size_t n = 0;
    size_t plen = strlen(rs->dirs.v[i]);
    for (size_t m = 0; m < rs->n_modules; m++) {
        const char *p = rs->modules[m].path;
        if (!strncmp(p, rs->dirs.v[i], plen) && p[plen] == '/' &&
            !strchr(p + plen + 1, '/'))
            n++;
    }
    return n;
}

static const char *smi_base(const char *w, size_t n)
{
    static const struct { const char *word, *base; } map[] = {
        {"INTEGER", "Integer32"}, {"Integer32", "Integer32"},
        {"Unsigned32", "Unsigned32"}, {"Gauge32", "Unsigned32"},
        {"Gauge", "Unsigned32"}, {"Counter32", "Counter32"},
        {"Counter", "Counter32"}, {"Counter64", "Counter64"},
        {"TimeTicks", "TimeTicks"}, {"IpAddress", "IpAddress"},
        {"NetworkAddress", "IpAddress"}, {"Opaque", "Opaque"},
        {"OCTET", "OCTET STRING"}, {"OBJECT", "OBJECT IDENTIFIER"},
        {"BITS", "BITS"}, {NULL, NULL}};
    for (size_t i = 0; map[i].word; i++)
        if (strlen(map[i].word) == n && !memcmp(map[i].word, w, n))
            return map[i].base;
    return NULL;
}

const char *base_type_category(const struct reference_set *rs, const char *type)
{
    char name[256];
    for (int depth = 0; type && depth < 10; depth++) {
        size_t n = 0;
        while (type[n] && (isalnum((unsigned char)type[n]) || type[n] == '-' || type[n] == '_'))
            n++;
        const char *b = smi_base(type, n);
        if (b)
            return b;
        if (n == 0 || n >= sizeof name || !rs)
            return NULL;
        memcpy(name, type, n);
        name[n] = '\0';
        size_t k;
        const struct ref_def *d = reference_defs(rs, name, &k);
        type = NULL;
        for (size_t j = 0; j < k; j++)
            if (d[j].kind == REF_TYPE && d[j].syntax) {
                type = d[j].syntax;
                break;
            }
    }
    return NULL;
}

char *reference_smipath(const struct reference_set *rs)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; rs && i < rs->dirs.len; i++)
        buf_printf(&b, "%s:", rs->dirs.v[i]);
    buf_printf(&b, "%s", bundled_base_dir());
    return b.data;
}
