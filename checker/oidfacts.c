#include "checker/oidfacts.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

void oid_facts_add_def(struct oid_facts *f, const char *oid, const char *module,
                       const char *descriptor, const char *file, int line,
                       enum oid_def_kind kind)
{
    f->defs = xrealloc(f->defs, (f->n_defs + 1) * sizeof *f->defs);
    struct oid_def *d = &f->defs[f->n_defs++];
    d->oid = xstrdup(oid);
    d->module = xstrdup(module);
    d->descriptor = xstrdup(descriptor);
    d->file = xstrdup(file);
    d->line = line;
    d->kind = kind;
}

void oid_facts_add_owner(struct oid_facts *f, const char *module,
                         const char *organization, const char *file, int line,
                         long pen)
{
    f->owners = xrealloc(f->owners, (f->n_owners + 1) * sizeof *f->owners);
    struct oid_owner *o = &f->owners[f->n_owners++];
    o->module = xstrdup(module);
    o->organization = xstrdup(organization ? organization : "");
    o->file = xstrdup(file);
    o->line = line;
    o->pen = pen;
}

void oid_facts_move(struct oid_facts *dst, struct oid_facts *src)
{
    if (src->n_defs) {
        dst->defs = xrealloc(dst->defs, (dst->n_defs + src->n_defs) * sizeof *dst->defs);
        memcpy(dst->defs + dst->n_defs, src->defs, src->n_defs * sizeof *src->defs);
        dst->n_defs += src->n_defs;
    }
    if (src->n_owners) {
        dst->owners = xrealloc(dst->owners,
                               (dst->n_owners + src->n_owners) * sizeof *dst->owners);
        memcpy(dst->owners + dst->n_owners, src->owners,
               src->n_owners * sizeof *src->owners);
        dst->n_owners += src->n_owners;
    }
    free(src->defs);
    free(src->owners);
    memset(src, 0, sizeof *src);
}

void oid_facts_free(struct oid_facts *f)
{
    for (size_t i = 0; i < f->n_defs; i++) {
        free(f->defs[i].oid);
        free(f->defs[i].module);
        free(f->defs[i].descriptor);
        free(f->defs[i].file);
    }
    for (size_t i = 0; i < f->n_owners; i++) {
        free(f->owners[i].module);
        free(f->owners[i].organization);
        free(f->owners[i].file);
    }
    free(f->defs);
    free(f->owners);
    memset(f, 0, sizeof *f);
}

static void emit_json(json_t *o, void (*emit)(void *, const char *), void *arg)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    if (s)
        emit(arg, s);
    free(s);
}

void oid_facts_to_json(const struct oid_facts *f,
                       void (*emit)(void *arg, const char *line), void *arg)
{
    for (size_t i = 0; i < f->n_defs; i++) {
        const struct oid_def *d = &f->defs[i];
        emit_json(json_pack("{s:{s:s,s:s,s:s,s:s,s:i,s:i}}", "oid_def", "oid",
                            d->oid, "module", d->module, "descriptor",
                            d->descriptor, "file", d->file, "line", d->line,
                            "kind", (int)d->kind),
                  emit, arg);
    }
    for (size_t i = 0; i < f->n_owners; i++) {
        const struct oid_owner *o = &f->owners[i];
        emit_json(json_pack("{s:{s:s,s:s,s:s,s:i,s:I}}", "oid_owner", "module",
                            o->module, "organization", o->organization, "file",
                            o->file, "line", o->line, "pen", (json_int_t)o->pen),
                  emit, arg);
    }
}

int oid_facts_from_json(struct oid_facts *f, const char *line)
{
    /* a fact is an object whose only key names its kind; findings and
     * module records never start this way */
    int is_def = !strncmp(line, "{\"oid_def\":", 11);
    int is_owner = !strncmp(line, "{\"oid_owner\":", 13);
    if (!is_def && !is_owner)
        return 0;
    json_error_t err;
    json_t *o = json_loads(line, 0, &err);
    const char *a, *b, *c, *d;
    int ln, kind, rc = -1;
    json_int_t pen;
    if (o && is_def &&
        !json_unpack(o, "{s:{s:s,s:s,s:s,s:s,s:i,s:i}}", "oid_def", "oid", &a,
                     "module", &b, "descriptor", &c, "file", &d, "line", &ln,
                     "kind", &kind) &&
        kind >= OID_DEF_NODE && kind <= OID_DEF_OBJECT) {
        oid_facts_add_def(f, a, b, c, d, ln, (enum oid_def_kind)kind);
        rc = 1;
    } else if (o && is_owner &&
               !json_unpack(o, "{s:{s:s,s:s,s:s,s:i,s:I}}", "oid_owner", "module",
                            &a, "organization", &b, "file", &c, "line", &ln,
                            "pen", &pen)) {
        oid_facts_add_owner(f, a, b, c, ln, (long)pen);
        rc = 1;
    }
    json_decref(o);
    return rc;
}
