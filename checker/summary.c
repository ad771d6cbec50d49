#include "checker/summary.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "checker/util.h"

static const char *const access_words[] = {
    "not-accessible", "accessible-for-notify", "read-only", "read-write",
    "read-create", "write-only", "not-implemented", NULL};

static const char *known_access(const struct token *t)
{
    for (size_t i = 0; access_words[i]; i++)
        if (tok_is(t, access_words[i]))
            return access_words[i];
    return NULL;
}

/* name -> access keyword for every OBJECT-TYPE of the module text. */
static json_t *access_map(const struct token_list *tl,
                          const struct module_span *span)
{
    json_t *map = json_object();
    const struct token *v = tl->v;
    for (size_t i = span->first_tok; i + 1 < span->end_tok; i++) {
        if (v[i].kind != TOK_WORD || !tok_is(&v[i + 1], "OBJECT-TYPE"))
            continue;
        for (size_t j = i + 2; j + 1 < span->end_tok && v[j].kind != TOK_ASSIGN; j++) {
            if (!tok_is(&v[j], "MAX-ACCESS") && !tok_is(&v[j], "ACCESS"))
                continue;
            const char *kw = known_access(&v[j + 1]);
            if (kw) {
                char *name = xstrndup(v[i].text, v[i].len);
                json_object_set_new(map, name, json_string(kw));
                free(name);
            }
            break;
        }
    }
    return map;
}

const char *text_access(const struct token_list *tl,
                        const struct module_span *span, const char *name)
{
    const struct token *v = tl->v;
    for (size_t i = span->first_tok; i + 1 < span->end_tok; i++) {
        if (!tok_is(&v[i], name) || !tok_is(&v[i + 1], "OBJECT-TYPE"))
            continue;
        for (size_t j = i + 2; j + 1 < span->end_tok && v[j].kind != TOK_ASSIGN; j++)
            if (tok_is(&v[j], "MAX-ACCESS") || tok_is(&v[j], "ACCESS"))
                return known_access(&v[j + 1]);
    }
    return NULL;
}

int text_last_updated(const struct token_list *tl,
                      const struct module_span *span, char **value)
{
    const struct token *v = tl->v;
    for (size_t i = span->first_tok; i + 1 < span->end_tok; i++)
        if (tok_is(&v[i], "LAST-UPDATED") && v[i + 1].kind == TOK_STRING) {
            *value = xstrndup(v[i + 1].text, v[i + 1].len);
            return v[i].line;
        }
    *value = NULL;
    return 0;
}

char *text_module_revision(const struct token_list *tl,
                           const struct module_span *span)
{
    const struct token *v = tl->v;
    char best[17] = "", d[17];
    for (size_t i = span->first_tok; i + 1 < span->end_tok; i++) {
        if (v[i].kind != TOK_WORD || v[i + 1].kind != TOK_STRING ||
            !(tok_is(&v[i], "LAST-UPDATED") || tok_is(&v[i], "REVISION")))
            continue;
        char *s = xstrndup(v[i + 1].text, v[i + 1].len);
        int month, day, hour, minute;
        /* "YYYY-MM-DD HH:MM": a real date, else the clause is left out */
        if (!last_updated_date(s, d) &&
            sscanf(d + 5, "%2d-%2d %2d:%2d", &month, &day, &hour, &minute) == 4 &&
            month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 &&
            minute <= 59 && strcmp(d, best) > 0)
            memcpy(best, d, sizeof best);
        free(s);
    }
    if (!*best)
        return NULL;
    return xasprintf("%.10sT%.5sZ", best, best + 11);
}

static const char *kind_name(SmiNodekind k)
{
    switch (k) {
    case SMI_NODEKIND_NODE: return "node";
    case SMI_NODEKIND_SCALAR: return "scalar";
    case SMI_NODEKIND_TABLE: return "table";
    case SMI_NODEKIND_ROW: return "row";
    case SMI_NODEKIND_COLUMN: return "column";
    case SMI_NODEKIND_NOTIFICATION: return "notification";
    case SMI_NODEKIND_GROUP: return "group";
    case SMI_NODEKIND_COMPLIANCE: return "compliance";
    case SMI_NODEKIND_CAPABILITIES: return "capabilities";
    default: return "other";
    }
}

static const char *status_name(SmiStatus s)
{
    switch (s) {
    case SMI_STATUS_CURRENT: return "current";
    case SMI_STATUS_DEPRECATED: return "deprecated";
    case SMI_STATUS_MANDATORY: return "mandatory";
    case SMI_STATUS_OPTIONAL: return "optional";
    case SMI_STATUS_OBSOLETE: return "obsolete";
    default: return NULL;
    }
}

static const char *access_name(SmiAccess a)
{
    switch (a) {
    case SMI_ACCESS_NOT_ACCESSIBLE: return "not-accessible";
    case SMI_ACCESS_NOTIFY: return "accessible-for-notify";
    case SMI_ACCESS_READ_ONLY: return "read-only";
    case SMI_ACCESS_READ_WRITE: return "read-write";
    case SMI_ACCESS_NOT_IMPLEMENTED: return "not-implemented";
    case SMI_ACCESS_INSTALL: return "install";
    case SMI_ACCESS_INSTALL_NOTIFY: return "install-notify";
    case SMI_ACCESS_REPORT_ONLY: return "report-only";
    case SMI_ACCESS_EVENT_ONLY: return "event-only";
    default: return NULL;
    }
}

/* The SMI base type, in RFC 2578 names (the categories of
 * base_type_category in checker/reference.h). */
const char *smi_base_name(SmiType *t)
{
    if (!t)
        return NULL;
    for (SmiType *p = t; p; p = smiGetParentType(p)) {
        if (!p->name)
            continue;
        static const char *const app[] = {"Counter32", "Counter64", "TimeTicks",
                                          "IpAddress", "Opaque", NULL};
        for (size_t i = 0; app[i]; i++)
            if (!strcmp(p->name, app[i]))
                return app[i];
        if (!strcmp(p->name, "Counter"))
            return "Counter32";
        if (!strcmp(p->name, "NetworkAddress"))
            return "IpAddress";
    }
    switch (t->basetype) {
    case SMI_BASETYPE_INTEGER32:
    case SMI_BASETYPE_ENUM: return "Integer32";
    case SMI_BASETYPE_UNSIGNED32: return "Unsigned32";
    case SMI_BASETYPE_UNSIGNED64: return "Counter64";
    case SMI_BASETYPE_OCTETSTRING: return "OCTET STRING";
    case SMI_BASETYPE_OBJECTIDENTIFIER: return "OBJECT IDENTIFIER";
    case SMI_BASETYPE_BITS: return "BITS";
    default: return NULL;
    }
}

/* The first named type of the chain, "MODULE::Name" (or the base name). */
static char *named_type(SmiType *t)
{
    for (; t; t = smiGetParentType(t)) {
        if (!t->name)
            continue;
        SmiModule *m = smiGetTypeModule(t);
        if (m && m->name && *m->name)
            return xasprintf("%s::%s", m->name, t->name);
        return xstrdup(t->name);
    }
    return NULL;
}

static void render_number(struct buf *b, const SmiValue *v)
{
    switch (v->basetype) {
    case SMI_BASETYPE_UNSIGNED32:
        buf_printf(b, "%lu", (unsigned long)v->value.unsigned32);
        break;
    case SMI_BASETYPE_UNSIGNED64:
        buf_printf(b, "%llu", (unsigned long long)v->value.unsigned64);
        break;
    case SMI_BASETYPE_INTEGER64:
        buf_printf(b, "%lld", (long long)v->value.integer64);
        break;
    default:
        buf_printf(b, "%ld", (long)v->value.integer32);
        break;
    }
}

/* The effective ranges (the first type of the chain that has some). */
char *type_ranges_text(SmiType *t)
{
    for (; t; t = smiGetParentType(t)) {
        SmiRange *r = smiGetFirstRange(t);
        if (!r)
            continue;
        struct buf b = {0};
        buf_append(&b, "", 0);
        for (; r; r = smiGetNextRange(r)) {
            if (b.len)
                buf_append(&b, " | ", 3);
            render_number(&b, &r->minValue);
            if (memcmp(&r->minValue, &r->maxValue, sizeof r->minValue)) {
                buf_append(&b, "..", 2);
                render_number(&b, &r->maxValue);
            }
        }
        return b.data;
    }
    return NULL;
}

json_t *type_named_numbers(SmiType *t)
{
    for (; t; t = smiGetParentType(t)) {
        SmiNamedNumber *nn = smiGetFirstNamedNumber(t);
        if (!nn)
            continue;
        json_t *a = json_array();
        for (; nn; nn = smiGetNextNamedNumber(nn))
            json_array_append_new(a, json_pack("[s,I]", nn->name ? nn->name : "",
                                               (json_int_t)nn->value.value.integer32));
        return a;
    }
    return NULL;
}

static void set_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

static void set_owned(json_t *o, const char *key, char *v)
{
    if (v) {
        /* libsmi and our renderings are text; keep the summary valid UTF-8 */
        json_t *s = json_string(v);
        if (!s)
            s = json_string("(not UTF-8)");
        json_object_set_new(o, key, s);
    }
    free(v);
}

static void add_syntax(json_t *o, SmiType *t)
{
    if (!t)
        return;
    set_str(o, "base", smi_base_name(t));
    set_owned(o, "type", named_type(t));
    char *r = type_ranges_text(t);
    if (r)
        set_owned(o, t->basetype == SMI_BASETYPE_OCTETSTRING ||
                             t->basetype == SMI_BASETYPE_BITS
                         ? "size" : "range", r);
    json_t *nn = type_named_numbers(t);
    if (nn)
        json_object_set_new(o, "enums", nn);
}

static char *element_list(SmiNode *n)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (SmiElement *e = smiGetFirstElement(n); e; e = smiGetNextElement(e)) {
        SmiNode *en = smiGetElementNode(e);
        if (!en || !en->name)
            continue;
        if (b.len)
            buf_append(&b, ", ", 2);
        buf_append(&b, en->name, strlen(en->name));
    }
    return b.data;
}

static char *index_text(SmiNode *row)
{
    if (row->indexkind == SMI_INDEX_AUGMENT || row->indexkind == SMI_INDEX_SPARSE) {
        SmiNode *rel = smiGetRelatedNode(row);
        return xasprintf("AUGMENTS { %s }", rel && rel->name ? rel->name : "?");
    }
    char *els = element_list(row);
    char *s = xasprintf("INDEX { %s%s }", row->implied ? "IMPLIED " : "", els);
    free(els);
    return s;
}

static json_t *node_summary(SmiNode *n, json_t *access)
{
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer(smiGetNodeLine(n)));
    set_str(o, "kind", kind_name(n->nodekind));
    char *oid = smiRenderOID(n->oidlen, n->oid, SMI_RENDER_NUMERIC);
    set_str(o, "oid", oid);
    smiFree(oid);
    set_str(o, "status", status_name(n->status));
    if (n->nodekind & (SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN |
                       SMI_NODEKIND_TABLE | SMI_NODEKIND_ROW)) {
        json_t *kw = json_object_get(access, n->name);
        set_str(o, "access", kw ? json_string_value(kw) : access_name(n->access));
    }
    if (n->nodekind & (SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN)) {
        SmiType *t = smiGetNodeType(n);
        add_syntax(o, t);
        set_str(o, "units", n->units);
        if (n->value.basetype != SMI_BASETYPE_UNKNOWN && t) {
            char *dv = smiRenderValue(&n->value, t, SMI_RENDER_NAME | SMI_RENDER_FORMAT);
            set_str(o, "defval", dv);
            smiFree(dv);
        }
    }
    if (n->nodekind == SMI_NODEKIND_ROW)
        set_owned(o, "index", index_text(n));
    if (n->nodekind & (SMI_NODEKIND_GROUP | SMI_NODEKIND_NOTIFICATION))
        set_owned(o, "members", element_list(n));
    return o;
}

static json_t *type_summary(SmiType *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer(smiGetTypeLine(t)));
    set_str(o, "kind", "type");
    set_str(o, "status", status_name(t->status));
    add_syntax(o, t);
    /* a TC's own name is its named type; compare what it stands for */
    json_object_del(o, "type");
    set_owned(o, "type", named_type(smiGetParentType(t)));
    set_str(o, "display-hint", t->format);
    return o;
}

json_t *module_summary(SmiModule *mod, const struct token_list *tl,
                       const struct module_span *span)
{
    json_t *s = json_object();
    json_t *defs = json_object();
    json_t *access = access_map(tl, span);
    set_str(s, "module", mod->name);
    json_object_set_new(s, "line", json_integer(span->line));
    char *lu = NULL;
    int lu_line = text_last_updated(tl, span, &lu);
    if (lu) {
        set_owned(s, "last_updated", lu);
        json_object_set_new(s, "last_updated_line", json_integer(lu_line));
    }
    json_t *revs = json_array();
    for (SmiRevision *r = smiGetFirstRevision(mod); r; r = smiGetNextRevision(r)) {
        char date[32];
        time_t tt = r->date;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
        json_array_append_new(revs, json_string(date));
    }
    json_object_set_new(s, "revisions", revs);
    for (SmiNode *n = smiGetFirstNode(mod, SMI_NODEKIND_ANY); n;
         n = smiGetNextNode(n, SMI_NODEKIND_ANY)) {
        if (!n->name)
            continue;
        json_object_set_new(defs, n->name, node_summary(n, access));
    }
    for (SmiType *t = smiGetFirstType(mod); t; t = smiGetNextType(t)) {
        if (!t->name || json_object_get(defs, t->name))
            continue;
        json_object_set_new(defs, t->name, type_summary(t));
    }
    json_decref(access);
    json_object_set_new(s, "defs", defs);
    return s;
}

/* ---- in a child process ---- */

static void quiet_handler(char *path, int line, int severity, char *msg, char *tag)
{
    (void)path; (void)line; (void)severity; (void)msg; (void)tag;
}

static void summary_child(const char *file, const char *module,
                          const char *smipath, int timeout, int fd)
{
    if (timeout > 0)
        alarm((unsigned)timeout);
    smiExit();
    smiInit(NULL);
    smiSetPath(smipath);
    smiSetErrorLevel(0);
    smiSetFlags(0);
    smiSetErrorHandler(quiet_handler);
    smiLoadModule(file);
    SmiModule *mod = smiGetModule(module);
    size_t len = 0;
    int too_large = 0;
    char *text = mod ? read_file(file, (size_t)1 << 30, &len, &too_large) : NULL;
    if (!text)
        _exit(1);
    struct token_list tl = {0};
    lex_mib(text, len, &tl);
    struct module_span *spans = NULL;
    size_t n = find_modules(&tl, &spans);
    int rc = 1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(spans[i].name, module))
            continue;
        json_t *s = module_summary(mod, &tl, &spans[i]);
        char *out = json_dumps(s, JSON_COMPACT);
        size_t left = out ? strlen(out) : 0;
        const char *p = out;
        while (left > 0) {
            ssize_t w = write(fd, p, left);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            p += w;
            left -= (size_t)w;
        }
        free(out);
        json_decref(s);
        rc = 0;
        break;
    }
    /* freed even though the process ends: valgrind-cases counts what a
     * helper loses as a leak like any other */
    module_spans_free(spans, n);
    token_list_free(&tl);
    free(text);
    smiExit();
    _exit(rc);
}

json_t *module_summary_in_fork(const char *file, const char *module,
                               const char *smipath, int timeout)
{
    int fds[2];
    if (pipe(fds) < 0)
        return NULL;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        summary_child(file, module, smipath, timeout, fds[1]);
    }
    close(fds[1]);
    struct buf b = {0};
    buf_append(&b, "", 0);
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fds[0], chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        buf_append(&b, chunk, (size_t)r);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    json_t *s = NULL;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        s = json_loads(b.data, 0, NULL);
    buf_free(&b);
    return s;
}

/* ---- comparing two summaries ---- */

static char *enum_text(json_t *a)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    size_t i;
    json_t *e;
    json_array_foreach(a, i, e) {
        if (i)
            buf_append(&b, ", ", 2);
        buf_printf(&b, "%s(%" JSON_INTEGER_FORMAT ")",
                   json_string_value(json_array_get(e, 0)),
                   json_integer_value(json_array_get(e, 1)));
    }
    return b.data;
}

/* The enums of a that b lacks (by label and number), as text; NULL if none. */
static char *enums_missing(json_t *a, json_t *b, int by_label_only)
{
    struct buf out = {0};
    size_t i, j;
    json_t *e, *f;
    json_array_foreach(a, i, e) {
        const char *la = json_string_value(json_array_get(e, 0));
        json_int_t na = json_integer_value(json_array_get(e, 1));
        int found = 0;
        json_array_foreach(b, j, f) {
            const char *lb = json_string_value(json_array_get(f, 0));
            json_int_t nb = json_integer_value(json_array_get(f, 1));
            if (by_label_only ? !strcmp(la, lb) : (!strcmp(la, lb) || na == nb))
                found = 1;
        }
        if (!found) {
            if (out.len)
                buf_append(&out, ", ", 2);
            buf_printf(&out, "%s(%" JSON_INTEGER_FORMAT ")", la, na);
        }
    }
    return out.data;
}

/* Labels present in both with different numbers, or numbers present in
 * both with different labels. */
static char *enums_renumbered(json_t *a, json_t *b)
{
    struct buf out = {0};
    size_t i, j;
    json_t *e, *f;
    json_array_foreach(a, i, e) {
        const char *la = json_string_value(json_array_get(e, 0));
        json_int_t na = json_integer_value(json_array_get(e, 1));
        json_array_foreach(b, j, f) {
            const char *lb = json_string_value(json_array_get(f, 0));
            json_int_t nb = json_integer_value(json_array_get(f, 1));
            if ((!strcmp(la, lb)) != (na == nb)) {
                if (out.len)
                    buf_append(&out, ", ", 2);
                buf_printf(&out, "%s(%" JSON_INTEGER_FORMAT ") -> %s(%" JSON_INTEGER_FORMAT ")",
                           la, na, lb, nb);
            }
        }
    }
    return out.data;
}

static int field_line(json_t *def)
{
    return (int)json_integer_value(json_object_get(def, "line"));
}

static void emit(summary_diff_fn fn, void *arg, const char *kind,
                 const char *name, json_t *olddef, json_t *newdef,
                 const char *oldv, const char *newv)
{
    struct summary_diff d = {kind, name, olddef, newdef,
                             newdef ? field_line(newdef) : 0,
                             oldv, newv};
    fn(arg, &d);
}

static const char *str_field(json_t *def, const char *key)
{
    return json_string_value(json_object_get(def, key));
}

static int differs(const char *a, const char *b)
{
    if (!a || !b)
        return a != b;
    return strcmp(a, b) != 0;
}

static void diff_def(const char *name, json_t *o, json_t *n,
                     summary_diff_fn fn, void *arg)
{
    static const char *const plain[] = {"oid", "kind", "access", "status",
                                        "index", "units", "defval",
                                        "members", NULL};
    for (size_t i = 0; plain[i]; i++) {
        const char *a = str_field(o, plain[i]), *b = str_field(n, plain[i]);
        if (differs(a, b))
            emit(fn, arg, plain[i], name, o, n, a ? a : "(none)", b ? b : "(none)");
    }
    const char *ba = str_field(o, "base"), *bb = str_field(n, "base");
    const char *ta = str_field(o, "type"), *tb = str_field(n, "type");
    if (differs(ba, bb) || differs(ta, tb)) {
        char *x = xasprintf("%s%s%s%s", ta ? ta : "(none)", ba && differs(ta, ba) ? " (" : "",
                            ba && differs(ta, ba) ? ba : "", ba && differs(ta, ba) ? ")" : "");
        char *y = xasprintf("%s%s%s%s", tb ? tb : "(none)", bb && differs(tb, bb) ? " (" : "",
                            bb && differs(tb, bb) ? bb : "", bb && differs(tb, bb) ? ")" : "");
        emit(fn, arg, differs(ba, bb) ? "base-type" : "syntax", name, o, n, x, y);
        free(x);
        free(y);
    }
    static const char *const ranges[] = {"range", "size", NULL};
    for (size_t i = 0; ranges[i]; i++) {
        const char *a = str_field(o, ranges[i]), *b = str_field(n, ranges[i]);
        if (differs(a, b))
            emit(fn, arg, ranges[i], name, o, n, a ? a : "(none)", b ? b : "(none)");
    }
    json_t *ea = json_object_get(o, "enums"), *eb = json_object_get(n, "enums");
    if (!json_equal(ea, eb)) {
        json_t *empty = json_array();
        json_t *xa = ea ? ea : empty, *xb = eb ? eb : empty;
        char *ta_ = enum_text(xa), *tb_ = enum_text(xb);
        char *removed = enums_missing(xa, xb, 0);
        char *added = enums_missing(xb, xa, 0);
        char *renum = enums_renumbered(xa, xb);
        if (removed)
            emit(fn, arg, "enum-removed", name, o, n, ta_, tb_);
        if (added)
            emit(fn, arg, "enum-added", name, o, n, ta_, tb_);
        if (renum)
            emit(fn, arg, "enum-renumbered", name, o, n, ta_, tb_);
        free(removed);
        free(added);
        free(renum);
        free(ta_);
        free(tb_);
        json_decref(empty);
    }
}

void summary_diff(json_t *old, json_t *new, summary_diff_fn fn, void *arg)
{
    json_t *od = json_object_get(old, "defs"), *nd = json_object_get(new, "defs");
    const char *name;
    json_t *o, *n;
    json_object_foreach(od, name, o) {
        n = json_object_get(nd, name);
        if (!n)
            emit(fn, arg, "removed", name, o, NULL, str_field(o, "kind"), "(none)");
        else
            diff_def(name, o, n, fn, arg);
    }
    json_object_foreach(nd, name, n) {
        if (!json_object_get(od, name))
            emit(fn, arg, "added", name, NULL, n, "(none)", str_field(n, "kind"));
    }
}

int last_updated_date(const char *lu, char out[17])
{
    size_t n = lu ? strlen(lu) : 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (lu[i] < '0' || lu[i] > '9')
            return -1;
    const char *p = lu;
    char century[3] = "19";
    if (n == 13) {
        century[0] = p[0];
        century[1] = p[1];
        p += 2;
    } else if (n != 11) {
        return -1;
    }
    snprintf(out, 17, "%s%.2s-%.2s-%.2s %.2s:%.2s", century, p, p + 2, p + 4,
             p + 6, p + 8);
    return 0;
}

/* Do the two modules have the same tokens (whitespace and comments
 * aside)? Then nothing differs and libsmi need not be asked. */
int same_module_text(const struct token_list *mine,
                     const struct module_span *span, const char *path,
                     size_t max)
{
    size_t len = 0;
    int too_large = 0;
    char *text = read_file(path, max, &len, &too_large);
    if (!text)
        return 0;
    struct token_list tl = {0};
    lex_mib(text, len, &tl);
    struct module_span *spans = NULL;
    size_t n = find_modules(&tl, &spans);
    int same = 0;
    for (size_t m = 0; m < n && !same; m++) {
        if (strcmp(spans[m].name, span->name))
            continue;
        size_t la = spans[m].end_tok - spans[m].first_tok;
        size_t lb = span->end_tok - span->first_tok;
        if (la != lb)
            break;
        same = 1;
        for (size_t i = 0; i < la && same; i++) {
            const struct token *x = &tl.v[spans[m].first_tok + i];
            const struct token *y = &mine->v[span->first_tok + i];
            same = x->kind == y->kind && x->len == y->len &&
                   !memcmp(x->text, y->text, x->len);
        }
    }
    module_spans_free(spans, n);
    token_list_free(&tl);
    free(text);
    return same;
}

/* ---- value sets of ranges ("1..10 | 20 | 30..40") ---- */


/* A decimal integer (strtold would read "0..255" as "0." then ".255"). */
static const char *parse_integer(const char *s, long double *v)
{
    int neg = *s == '-';
    const char *p = s + neg;
    if (*p < '0' || *p > '9')
        return NULL;
    long double x = 0;
    while (*p >= '0' && *p <= '9')
        x = x * 10 + (*p++ - '0');
    *v = neg ? -x : x;
    return p;
}

size_t parse_value_ranges(const char *s, struct value_interval *out, size_t max)
{
    size_t n = 0;
    while (s && *s && n < max) {
        long double lo, hi;
        const char *end = parse_integer(s, &lo);
        if (!end)
            break;
        hi = lo;
        s = end;
        if (s[0] == '.' && s[1] == '.') {
            end = parse_integer(s + 2, &hi);
            if (!end)
                break;
            s = end;
        }
        out[n++] = (struct value_interval){lo, hi};
        while (*s == ' ' || *s == '|')
            s++;
    }
    return n;
}

/* The implicit range of a base type with no explicit one (RFC 2578
 * section 7.1), so that adding or removing the full range is no change. */
const char *implicit_value_range(const char *base, int size)
{
    if (size)
        return "0..65535";
    if (!base)
        return NULL;
    if (!strcmp(base, "Integer32"))
        return "-2147483648..2147483647";
    if (!strcmp(base, "Unsigned32") || !strcmp(base, "Counter32") ||
        !strcmp(base, "TimeTicks"))
        return "0..4294967295";
    if (!strcmp(base, "Counter64"))
        return "0..18446744073709551615";
    return NULL;
}

/* Is every value of b inside a? */
int value_ranges_cover(const struct value_interval *a, size_t na,
                       const struct value_interval *b, size_t nb)
{
    for (size_t j = 0; j < nb; j++) {
        int in = 0;
        for (size_t i = 0; i < na && !in; i++)
            in = a[i].lo <= b[j].lo && b[j].hi <= a[i].hi;
        if (!in)
            return 0;
    }
    return 1;
}
