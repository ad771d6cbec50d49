#include "checker/findings.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

const char *severity_name(enum severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "info";
    default: return "never";
    }
}

int severity_parse(const char *s, int allow_never)
{
    if (!strcmp(s, "error")) return SEV_ERROR;
    if (!strcmp(s, "warning")) return SEV_WARNING;
    if (!strcmp(s, "info")) return SEV_INFO;
    if (allow_never && !strcmp(s, "never")) return SEV_NONE;
    return -1;
}

struct finding *finding_addv(struct finding_list *list, const char *rule,
                             enum severity sev, const char *file, int line,
                             const char *module, const char *object,
                             const char *fmt, va_list ap)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    struct finding *f = &list->items[list->len++];
    memset(f, 0, sizeof *f);
    f->rule = xstrdup(rule);
    f->severity = sev;
    f->file = file ? xstrdup(file) : NULL;
    f->line = line;
    f->module = module ? xstrdup(module) : NULL;
    f->object = object ? xstrdup(object) : NULL;
    f->message = xvasprintf(fmt, ap);
    return f;
}

struct finding *finding_add(struct finding_list *list, const char *rule,
                            enum severity sev, const char *file, int line,
                            const char *module, const char *object,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct finding *f =
        finding_addv(list, rule, sev, file, line, module, object, fmt, ap);
    va_end(ap);
    return f;
}

void finding_set_key(struct finding *f, const char *key)
{
    free(f->key);
    f->key = key ? xstrdup(key) : NULL;
}

void finding_add_note(struct finding *f, const char *file, int line,
                      const char *rule, const char *message)
{
    f->notes = xrealloc(f->notes, (f->n_notes + 1) * sizeof *f->notes);
    struct note *n = &f->notes[f->n_notes++];
    n->file = file ? xstrdup(file) : NULL;
    n->line = line;
    n->rule = rule ? xstrdup(rule) : NULL;
    n->message = xstrdup(message ? message : "");
}

void finding_free(struct finding *f)
{
    free(f->rule);
    free(f->file);
    free(f->module);
    free(f->object);
    free(f->message);
    free(f->key);
    for (size_t i = 0; i < f->n_notes; i++) {
        free(f->notes[i].file);
        free(f->notes[i].rule);
        free(f->notes[i].message);
    }
    free(f->notes);
}

void finding_list_free(struct finding_list *list)
{
    for (size_t i = 0; i < list->len; i++)
        finding_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->len = list->cap = 0;
}

void finding_list_move(struct finding_list *dst, struct finding_list *src)
{
    if (dst->len + src->len > dst->cap) {
        dst->cap = dst->len + src->len + 16;
        dst->items = xrealloc(dst->items, dst->cap * sizeof *dst->items);
    }
    if (src->len)
        memcpy(dst->items + dst->len, src->items,
               src->len * sizeof *src->items);
    dst->len += src->len;
    free(src->items);
    src->items = NULL;
    src->len = src->cap = 0;
}

void finding_list_move_one(struct finding_list *dst, struct finding *f)
{
    if (dst->len == dst->cap) {
        dst->cap = dst->cap ? dst->cap * 2 : 16;
        dst->items = xrealloc(dst->items, dst->cap * sizeof *dst->items);
    }
    dst->items[dst->len++] = *f;
}

static int strcmp_null(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int finding_cmp(const void *pa, const void *pb)
{
    const struct finding *a = pa, *b = pb;
    int c = strcmp_null(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if ((c = strcmp(a->rule, b->rule))) return c;
    if ((c = strcmp(a->message, b->message))) return c;
    if ((c = strcmp_null(a->module, b->module))) return c;
    return strcmp_null(a->object, b->object);
}

void finding_list_sort(struct finding_list *list)
{
    if (list->len > 1)
        qsort(list->items, list->len, sizeof *list->items, finding_cmp);
}

void finding_list_dedup(struct finding_list *list)
{
    size_t out = 0;
    for (size_t i = 0; i < list->len; i++) {
        if (out > 0 && finding_cmp(&list->items[out - 1], &list->items[i]) == 0) {
            finding_free(&list->items[i]);
            continue;
        }
        list->items[out++] = list->items[i];
    }
    list->len = out;
}

/* Module text is not always UTF-8 (Latin-1 DESCRIPTIONs are common), and
 * libsmi quotes it in messages; the pipe must carry those bytes exactly. */
static void set_str(json_t *o, const char *key, const char *v)
{
    if (v) {
        char *e = utf8_escape_bytes(v);
        json_object_set_new(o, key, json_string(e));
        free(e);
    }
}

char *finding_to_json(const struct finding *f)
{
    json_t *o = json_object();
    set_str(o, "rule", f->rule);
    json_object_set_new(o, "severity", json_integer(f->severity));
    set_str(o, "file", f->file);
    json_object_set_new(o, "line", json_integer(f->line));
    set_str(o, "module", f->module);
    set_str(o, "object", f->object);
    set_str(o, "message", f->message);
    set_str(o, "key", f->key);
    if (f->n_notes) {
        json_t *arr = json_array();
        for (size_t i = 0; i < f->n_notes; i++) {
            json_t *n = json_object();
            set_str(n, "file", f->notes[i].file);
            json_object_set_new(n, "line", json_integer(f->notes[i].line));
            set_str(n, "rule", f->notes[i].rule);
            set_str(n, "message", f->notes[i].message);
            json_array_append_new(arr, n);
        }
        json_object_set_new(o, "notes", arr);
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    return s;
}

/* The decoded strings of one record, freed together. */
struct strpool {
    char *s[16];
    size_t n;
};

static const char *get_str_pool(json_t *o, const char *key, struct strpool *pool)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v) || pool->n == 16)
        return NULL;
    return pool->s[pool->n++] = utf8_unescape_bytes(json_string_value(v));
}

static void strpool_free(struct strpool *pool)
{
    for (size_t i = 0; i < pool->n; i++)
        free(pool->s[i]);
    pool->n = 0;
}

#define get_str(o, key) get_str_pool(o, key, &pool)

int finding_from_json(struct finding_list *list, const char *line)
{
    struct strpool pool = {{0}, 0};
    json_error_t err;
    json_t *o = json_loads(line, 0, &err);
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return -1;
    }
    const char *rule = get_str(o, "rule");
    const char *msg = get_str(o, "message");
    json_int_t sev = json_integer_value(json_object_get(o, "severity"));
    if (!rule || !msg || sev < SEV_INFO || sev > SEV_ERROR) {
        strpool_free(&pool);
        json_decref(o);
        return -1;
    }
    struct finding *f = finding_add(
        list, rule, (enum severity)sev, get_str(o, "file"),
        (int)json_integer_value(json_object_get(o, "line")),
        get_str(o, "module"), get_str(o, "object"), "%s", msg);
    finding_set_key(f, get_str(o, "key"));
    json_t *notes = json_object_get(o, "notes");
    size_t i;
    json_t *n;
    strpool_free(&pool);
    json_array_foreach(notes, i, n) {
        finding_add_note(f, get_str(n, "file"),
                         (int)json_integer_value(json_object_get(n, "line")),
                         get_str(n, "rule"), get_str(n, "message"));
        strpool_free(&pool);
    }
    json_decref(o);
    return 0;
}
