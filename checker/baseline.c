#include "checker/baseline.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checker/util.h"

/* A word that names a file: an absolute or ./ path, or one whose last
 * component has an extension ("vendor/x.mib"), but not "read-only/read-write"
 * or "RFC 1155/1212". */
static bool is_path(const char *s, size_t n)
{
    const char *slash = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '/')
            slash = s + i;
    if (!slash)
        return false;
    if (s[0] == '/' || (n > 2 && s[0] == '.' && (s[1] == '/' || (s[1] == '.' && s[2] == '/'))))
        return true;
    for (const char *p = s + n - 1; p > slash; p--)
        if (*p == '.' && p + 1 < s + n && isalpha((unsigned char)p[1]))
            return true;
    return false;
}

static bool is_line_word(const char *s, size_t n)
{
    return (n == 4 || (n == 5 && tolower((unsigned char)s[4]) == 's')) &&
           !strncasecmp(s, "line", 4);
}

/* "12", "3-9", "3,4": what follows "line" or "lines". */
static bool is_line_number(const char *s, size_t n)
{
    if (!n || !isdigit((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != '-' && s[i] != ',')
            return false;
    return true;
}

/* The message is taken word by word; a word's punctuation around it
 * (brackets, quotes, a closing full stop) stays as it is. */
char *fingerprint_message(const char *message)
{
    struct buf out = {0};
    buf_append(&out, "", 0);
    bool after_line = false;
    const char *p = message ? message : "";
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w), a = 0, z = n;
        while (a < z && strchr("(`'\"[<", w[a]))
            a++;
        while (z > a && strchr(")`'\".,;:]>", w[z - 1]))
            z--;
        const char *c = w + a;
        size_t cn = z - a;
        if (out.len)
            buf_append(&out, " ", 1);
        buf_append(&out, w, a);
        bool line_word = false;
        if (after_line && is_line_number(c, cn)) {
            buf_append(&out, "#", 1);
        } else {
            /* "file.mib:12" (and "file.mib:12:5"): positions in a file */
            size_t head = cn, positions = 0;
            for (;;) {
                size_t k = head;
                while (k && isdigit((unsigned char)c[k - 1]))
                    k--;
                if (k == head || k < 2 || c[k - 1] != ':' ||
                    (!memchr(c, '.', k - 1) && !memchr(c, '/', k - 1)))
                    break;
                head = k - 1;
                positions++;
            }
            if (is_path(c, head)) {
                const char *base = c + head;
                while (base > c && base[-1] != '/')
                    base--;
                buf_append(&out, base, (size_t)(c + head - base));
            } else {
                buf_append(&out, c, head);
            }
            while (positions--)
                buf_append(&out, ":#", 2);
            line_word = is_line_word(c, cn);
        }
        buf_append(&out, w + z, n - z);
        after_line = line_word;
    }
    return out.data;
}

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path;
}

/* The fields a fingerprint is made of; the module stands for the file
 * (so moving or renaming a file keeps its findings' fingerprints).  With a
 * key the message is left out: "km"/"kf" in place of "m"/"f" keeps those
 * prints apart from message prints, which stay as they always were. */
static uint64_t fingerprint_of(const struct finding *f, const char *norm_message,
                               const char *key)
{
    uint64_t h = HASH_INIT;
    h = hash_str(h, f->rule);
    h = hash_str(h, key ? (f->module ? "km" : "kf") : (f->module ? "m" : "f"));
    h = hash_str(h, f->module ? f->module : base_name(f->file));
    h = hash_str(h, f->object);
    return hash_str(h, key ? key : norm_message);
}

/* The print by the message alone, as every finding had before keys: an
 * older baseline's entries of keyed findings. */
static uint64_t message_fingerprint(const struct finding *f)
{
    char *m = fingerprint_message(f->message);
    uint64_t h = fingerprint_of(f, m, NULL);
    free(m);
    return h;
}

uint64_t finding_fingerprint(const struct finding *f)
{
    return f->key ? fingerprint_of(f, NULL, f->key) : message_fingerprint(f);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int print_cmp(const void *a, const void *b)
{
    const struct baseline_entry *x = a, *y = b;
    return x->print < y->print ? -1 : x->print > y->print;
}

void baseline_from_findings(const struct finding_list *list, struct baseline *b)
{
    memset(b, 0, sizeof *b);
    if (!list->len)
        return;
    b->v = xcalloc(list->len, sizeof *b->v);
    for (size_t i = 0; i < list->len; i++) {
        const struct finding *f = &list->items[i];
        struct baseline_entry *e = &b->v[i];
        e->message = fingerprint_message(f->message);
        /* finding_fingerprint(f), from the message normalised just above */
        e->print = fingerprint_of(f, e->message, f->key);
        e->key = dup_or_null(f->key);
        e->rule = xstrdup(f->rule);
        e->module = dup_or_null(f->module);
        e->file = f->module ? NULL : dup_or_null(base_name(f->file));
        e->object = dup_or_null(f->object);
        e->count = 1;
    }
    qsort(b->v, list->len, sizeof *b->v, print_cmp);
    /* identical findings make one entry with their count */
    size_t out = 0;
    for (size_t i = 0; i < list->len; i++) {
        if (out && b->v[out - 1].print == b->v[i].print) {
            b->v[out - 1].count++;
            struct baseline_entry *e = &b->v[i];
            free(e->rule);
            free(e->module);
            free(e->file);
            free(e->object);
            free(e->message);
            free(e->key);
            continue;
        }
        b->v[out++] = b->v[i];
    }
    b->len = out;
}

void baseline_free(struct baseline *b)
{
    for (size_t i = 0; i < b->len; i++) {
        free(b->v[i].rule);
        free(b->v[i].module);
        free(b->v[i].file);
        free(b->v[i].object);
        free(b->v[i].message);
        free(b->v[i].key);
    }
    free(b->v);
    memset(b, 0, sizeof *b);
}

static int str_cmp0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* The order of the file: by module (or file), rule, object, key, message, so
 * that a module's entries sit together and a diff reads well. */
static int display_cmp(const void *a, const void *b)
{
    const struct baseline_entry *x = *(const struct baseline_entry *const *)a;
    const struct baseline_entry *y = *(const struct baseline_entry *const *)b;
    int c;
    if ((c = str_cmp0(x->module, y->module)) || (c = str_cmp0(x->file, y->file)) ||
        (c = str_cmp0(x->rule, y->rule)) || (c = str_cmp0(x->object, y->object)) ||
        (c = str_cmp0(x->key, y->key)) || (c = str_cmp0(x->message, y->message)))
        return c;
    return print_cmp(x, y);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

char *baseline_dump(const struct baseline *b)
{
    const struct baseline_entry **order = xcalloc(b->len + 1, sizeof *order);
    for (size_t i = 0; i < b->len; i++)
        order[i] = &b->v[i];
    qsort(order, b->len, sizeof *order, display_cmp);
    json_t *entries = json_array();
    for (size_t i = 0; i < b->len; i++) {
        const struct baseline_entry *e = order[i];
        json_t *o = json_object();
        json_object_set_new(o, "fingerprint", json_sprintf("%016" PRIx64, e->print));
        json_object_set_new(o, "rule", str_or_null(e->rule));
        json_object_set_new(o, "module", str_or_null(e->module));
        if (!e->module)
            json_object_set_new(o, "file", str_or_null(e->file));
        json_object_set_new(o, "object", str_or_null(e->object));
        json_object_set_new(o, "message", str_or_null(e->message));
        if (e->key)
            json_object_set_new(o, "key", json_string(e->key));
        json_object_set_new(o, "count", json_integer((json_int_t)e->count));
        json_array_append_new(entries, o);
    }
    free(order);
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("mibcheck-baseline"));
    json_object_set_new(root, "format_version", json_integer(BASELINE_FORMAT_VERSION));
    json_object_set_new(root, "tool", json_pack("{s:s,s:s}", "name", "mibcheck",
                                                "version", PACKAGE_VERSION));
    json_object_set_new(root, "fingerprint", json_string(FINGERPRINT_KIND));
    json_object_set_new(root, "entries", entries);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    json_decref(root);
    if (!text)
        xalloc_fail();
    char *out = xasprintf("%s\n", text);
    free(text);
    return out;
}

int baseline_write(const struct baseline *b, const char *path)
{
    char *text = baseline_dump(b);
    int rc = write_file_atomic(path, text, strlen(text));
    int e = errno;
    free(text);
    errno = e;
    return rc;
}

/* Sets *err to "baseline NAME: WHAT" (what is freed). */
static int fail(char **err, const char *name, char *what)
{
    *err = xasprintf("baseline %s: %s", name, what);
    free(what);
    return -1;
}

static int parse_print(const char *s, uint64_t *out)
{
    if (!s || strlen(s) != 16)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < 16; i++) {
        int c = tolower((unsigned char)s[i]), d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else
            return -1;
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return 0;
}

/* A descriptive field: a string, null or absent. */
static int text_field(json_t *o, const char *key, char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = xstrdup(json_string_value(v));
    return 0;
}

static int parse_entries(json_t *entries, const char *name, struct baseline *b,
                         char **err)
{
    b->v = xcalloc(json_array_size(entries) + 1, sizeof *b->v);
    size_t i;
    json_t *o;
    json_array_foreach(entries, i, o) {
        struct baseline_entry *e = &b->v[b->len];
        json_t *count = json_object_get(o, "count");
        if (!json_is_object(o))
            return fail(err, name, xasprintf("entry %zu is not an object", i + 1));
        if (parse_print(json_string_value(json_object_get(o, "fingerprint")), &e->print) < 0)
            return fail(err, name, xasprintf("entry %zu has no fingerprint of 16 "
                                             "hexadecimal digits", i + 1));
        if (count && (!json_is_integer(count) || json_integer_value(count) < 1))
            return fail(err, name, xasprintf("entry %zu: count must be a positive "
                                             "integer", i + 1));
        e->count = count ? (size_t)json_integer_value(count) : 1;
        b->len++;
        if (text_field(o, "rule", &e->rule) || text_field(o, "module", &e->module) ||
            text_field(o, "file", &e->file) || text_field(o, "object", &e->object) ||
            text_field(o, "message", &e->message) || text_field(o, "key", &e->key))
            return fail(err, name, xasprintf("entry %zu: rule, module, file, object, "
                                             "message and key must be strings or null",
                                             i + 1));
    }
    qsort(b->v, b->len, sizeof *b->v, print_cmp);
    return 0;
}

int baseline_parse(const char *text, size_t len, const char *name,
                   struct baseline *b, char **err)
{
    memset(b, 0, sizeof *b);
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    if (!root) {
        return fail(err, name, xasprintf("not valid JSON (line %d: %s)", je.line, je.text));
    }
    int rc = -1;
    json_t *version = json_object_get(root, "format_version");
    json_t *entries = json_object_get(root, "entries");
    const char *kind = json_string_value(json_object_get(root, "fingerprint"));
    if (!json_is_object(root) ||
        str_cmp0(json_string_value(json_object_get(root, "format")), "mibcheck-baseline"))
        fail(err, name, xstrdup("not a mibcheck baseline (no \"format\": \"mibcheck-baseline\")"));
    else if (!json_is_integer(version) || json_integer_value(version) < 1)
        fail(err, name, xstrdup("no format_version"));
    else if (json_integer_value(version) > BASELINE_FORMAT_VERSION)
        fail(err, name, xasprintf("format_version %lld is newer than this mibcheck reads",
                                  (long long)json_integer_value(version)));
    else if (!kind || strcmp(kind, FINGERPRINT_KIND)) {
        fail(err, name, xasprintf("its fingerprints are of kind %s, this mibcheck makes "
                                  "%s: write it again with --write-baseline",
                                  kind ? kind : "(none)", FINGERPRINT_KIND));
    } else if (!json_is_array(entries))
        fail(err, name, xstrdup("no \"entries\" array"));
    else
        rc = parse_entries(entries, name, b, err);
    json_decref(root);
    if (rc < 0)
        baseline_free(b);
    return rc;
}

int baseline_load(const char *path, struct baseline *b, char **err)
{
    size_t len = 0;
    int too_large = 0;
    memset(b, 0, sizeof *b);
    char *text = read_file(path, (size_t)1 << 30, &len, &too_large);
    if (!text) {
        *err = xasprintf("cannot read baseline %s: %s", path,
                         too_large ? "larger than 1 GiB" : strerror(errno));
        return -1;
    }
    int rc = baseline_parse(text, len, path, b, err);
    free(text);
    return rc;
}

/* The first entry with print that has room left, or NULL. */
static struct baseline_entry *entry_with_room(struct baseline *b, uint64_t print)
{
    struct baseline_entry key = {.print = print};
    struct baseline_entry *e = b->len ? bsearch(&key, b->v, b->len, sizeof *b->v,
                                                print_cmp) : NULL;
    /* bsearch may land on any of equal entries (a hand-merged file) */
    while (e && e > b->v && e[-1].print == print)
        e--;
    while (e && e < b->v + b->len && e->print == print && e->used >= e->count)
        e++;
    return e && e < b->v + b->len && e->print == print ? e : NULL;
}

size_t baseline_apply(struct baseline *b, struct finding_list *list)
{
    size_t keep = 0, absorbed = 0;
    for (size_t i = 0; i < list->len; i++) {
        struct finding *f = &list->items[i];
        struct baseline_entry *e = entry_with_room(b, finding_fingerprint(f));
        if (!e && f->key)
            e = entry_with_room(b, message_fingerprint(f));
        if (e) {
            e->used++;
            absorbed++;
            finding_free(f);
            continue;
        }
        list->items[keep++] = *f;
    }
    list->len = keep;
    return absorbed;
}

size_t baseline_stale(const struct baseline *b, const struct config *cfg,
                      const struct module_records *mods,
                      const struct source_set *ss)
{
    size_t stale = 0;
    for (size_t i = 0; i < b->len; i++) {
        const struct baseline_entry *e = &b->v[i];
        if (e->used >= e->count || (e->rule && !config_rule_enabled(cfg, e->rule)))
            continue;
        bool checked = false;
        for (size_t m = 0; e->module && m < mods->len && !checked; m++)
            checked = !strcmp(mods->v[m].name, e->module);
        for (size_t s = 0; !e->module && e->file && s < ss->len && !checked; s++)
            checked = !strcmp(base_name(ss->v[s].path), e->file);
        if (checked)
            stale += e->count - e->used;
    }
    return stale;
}
