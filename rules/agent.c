/* The agent family: does an agent answer as the modules say?  The walk
 * itself is in checker/agent.c; the checks of what it returned, and their
 * explanations, are here. */
#include "rules/agent.h"

#include <smi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/capabilities.h"
#include "checker/lexer.h"
#include "checker/summary.h"
#include "rules/rules.h"

/* ---- OIDs, values ---- */

void agent_walk_add(struct agent_walk *w, const unsigned int *oid, size_t oidlen,
                    const struct agent_value *v)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->vb = xrealloc(w->vb, w->cap * sizeof *w->vb);
    }
    struct agent_varbind *b = &w->vb[w->n++];
    memset(b, 0, sizeof *b);
    b->oid = xmalloc((oidlen ? oidlen : 1) * sizeof *oid);
    memcpy(b->oid, oid, oidlen * sizeof *oid);
    b->oidlen = oidlen;
    b->v = *v;
    b->v.bytes = xmalloc(v->len + 1);
    if (v->len)
        memcpy(b->v.bytes, v->bytes, v->len);
    b->v.bytes[v->len] = '\0';
    b->v.oid = xmalloc((v->oidlen ? v->oidlen : 1) * sizeof *v->oid);
    if (v->oidlen)
        memcpy(b->v.oid, v->oid, v->oidlen * sizeof *v->oid);
}

void agent_walk_free(struct agent_walk *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->vb[i].oid);
        free(w->vb[i].v.bytes);
        free(w->vb[i].v.oid);
    }
    free(w->vb);
    for (size_t i = 0; i < w->n_roots; i++) {
        free(w->roots[i].oid);
        free(w->roots[i].module);
    }
    free(w->roots);
    memset(w, 0, sizeof *w);
}

int agent_oid_cmp(const unsigned int *a, size_t alen, const unsigned int *b,
                  size_t blen)
{
    for (size_t i = 0; i < alen && i < blen; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

bool agent_oid_under(const unsigned int *oid, size_t len, const unsigned int *pre,
                     size_t plen)
{
    return len >= plen && !agent_oid_cmp(oid, plen, pre, plen);
}

char *agent_oid_string(const unsigned int *oid, size_t len)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; i < len; i++)
        buf_printf(&b, "%s%u", i ? "." : "", oid[i]);
    return b.data;
}

static const char *tag_name(unsigned char tag)
{
    switch (tag) {
    case AV_INTEGER: return "INTEGER";
    case AV_OCTETS: return "STRING";
    case AV_NULL: return "NULL";
    case AV_OID: return "OID";
    case AV_IPADDRESS: return "IpAddress";
    case AV_COUNTER32: return "Counter32";
    case AV_GAUGE32: return "Gauge32";
    case AV_TIMETICKS: return "TimeTicks";
    case AV_OPAQUE: return "Opaque";
    case AV_COUNTER64: return "Counter64";
    case AV_NOSUCHOBJECT: return "noSuchObject";
    case AV_NOSUCHINSTANCE: return "noSuchInstance";
    case AV_ENDOFMIBVIEW: return "endOfMibView";
    default: return NULL;
    }
}

/* Octets in double quotes, with \" \\ and \xHH for the rest: walk files
 * read it back (checker/agent.c). */
static void quote_bytes(struct buf *b, const unsigned char *s, size_t n, size_t max)
{
    buf_append(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (max && i == max) {
            buf_printf(b, "\"... (%zu octets)", n);
            return;
        }
        if (s[i] == '"' || s[i] == '\\')
            buf_printf(b, "\\%c", s[i]);
        else if (s[i] >= 0x20 && s[i] < 0x7f)
            buf_append(b, (const char *)&s[i], 1);
        else
            buf_printf(b, "\\x%02x", s[i]);
    }
    buf_append(b, "\"", 1);
}

char *agent_value_string(const struct agent_value *v, size_t max)
{
    struct buf b = {0};
    const char *name = tag_name(v->type);
    if (name)
        buf_printf(&b, "%s", name);
    else
        buf_printf(&b, "type-0x%02x", v->type);
    switch (v->type) {
    case AV_INTEGER: buf_printf(&b, " %lld", v->integer); break;
    case AV_COUNTER32: case AV_GAUGE32: case AV_TIMETICKS: case AV_COUNTER64:
        buf_printf(&b, " %llu", v->number);
        break;
    case AV_OCTETS: case AV_OPAQUE:
        buf_append(&b, " ", 1);
        quote_bytes(&b, v->bytes, v->len, max);
        break;
    case AV_IPADDRESS:
        if (v->len == 4)
            buf_printf(&b, " %u.%u.%u.%u", v->bytes[0], v->bytes[1], v->bytes[2], v->bytes[3]);
        else {
            buf_append(&b, " ", 1);
            quote_bytes(&b, v->bytes, v->len, max);
        }
        break;
    case AV_OID: {
        char *o = agent_oid_string(v->oid, v->oidlen);
        buf_printf(&b, " %s", o);
        free(o);
        break;
    }
    default: break;
    }
    return b.data;
}

/* ---- what the modules say ---- */

static bool module_listed(const struct strvec *modules, SmiNode *n)
{
    SmiModule *m = n ? smiGetNodeModule(n) : NULL;
    return m && m->name && strvec_contains(modules, m->name);
}

/* The ASN.1 tag an object of type t is sent with: the application type
 * of RFC 2578 section 7.1 it is derived from, else its base type. */
static unsigned char wire_tag(SmiType *t)
{
    static const struct { const char *name; unsigned char tag; } app[] = {
        {"IpAddress", AV_IPADDRESS}, {"NetworkAddress", AV_IPADDRESS},
        {"Counter32", AV_COUNTER32}, {"Counter", AV_COUNTER32},
        {"Gauge32", AV_GAUGE32},     {"Gauge", AV_GAUGE32},
        {"Unsigned32", AV_GAUGE32},  {"TimeTicks", AV_TIMETICKS},
        {"Opaque", AV_OPAQUE},       {"Counter64", AV_COUNTER64},
        {"Integer32", AV_INTEGER},   {NULL, 0}};
    SmiType *last = t;
    for (SmiType *p = t; p; p = smiGetParentType(p)) {
        last = p;
        for (size_t i = 0; p->name && app[i].name; i++)
            if (!strcmp(p->name, app[i].name))
                return app[i].tag;
    }
    switch (last ? last->basetype : SMI_BASETYPE_UNKNOWN) {
    case SMI_BASETYPE_INTEGER32: case SMI_BASETYPE_ENUM: return AV_INTEGER;
    case SMI_BASETYPE_OCTETSTRING: case SMI_BASETYPE_BITS: return AV_OCTETS;
    case SMI_BASETYPE_OBJECTIDENTIFIER: return AV_OID;
    case SMI_BASETYPE_UNSIGNED32: return AV_GAUGE32;
    case SMI_BASETYPE_UNSIGNED64: return AV_COUNTER64;
    default: return 0;
    }
}

/* The type's name as the module writes it (an inline restriction has
 * none: its parent's). */
static const char *type_label(SmiType *t)
{
    /* libsmi's names of the ASN.1 base types, as a module writes them */
    static const char *const base[][2] = {
        {"Enumeration", "INTEGER"}, {"Bits", "BITS"}, {"OctetString", "OCTET STRING"},
        {"ObjectIdentifier", "OBJECT IDENTIFIER"}, {NULL, NULL}};
    for (SmiType *p = t; p; p = smiGetParentType(p)) {
        if (!p->name)
            continue;
        for (size_t i = 0; base[i][0]; i++)
            if (!strcmp(p->name, base[i][0]))
                return base[i][1];
        return p->name;
    }
    return "?";
}

static SmiType *type_with_ranges(SmiType *t)
{
    for (SmiType *p = t; p; p = smiGetParentType(p))
        if (smiGetFirstRange(p))
            return p;
    return NULL;
}

static SmiType *type_with_names(SmiType *t)
{
    for (SmiType *p = t; p; p = smiGetParentType(p))
        if (smiGetFirstNamedNumber(p))
            return p;
    return NULL;
}

/* Range bounds fit 128 bits whatever their base type. */
static __int128 smi_number(const SmiValue *v)
{
    switch (v->basetype) {
    case SMI_BASETYPE_INTEGER32: return v->value.integer32;
    case SMI_BASETYPE_UNSIGNED32: return v->value.unsigned32;
    case SMI_BASETYPE_INTEGER64: return v->value.integer64;
    case SMI_BASETYPE_UNSIGNED64: return v->value.unsigned64;
    default: return 0;
    }
}

static void print_number(struct buf *b, __int128 x)
{
    if (x < 0)
        buf_printf(b, "-%llu", (unsigned long long)-x);
    else
        buf_printf(b, "%llu", (unsigned long long)x);
}

/* The values a SYNTAX allows, whoever states it: an object's type or a
 * compliance's refinement (libsmi), or a capability's VARIATION (its
 * text, checker/capabilities.h), so that one check serves them all. */
struct bound_range {
    __int128 lo, hi;
};
struct bound_name {
    const char *name;
    __int128 value;
};
struct value_bound {
    SmiBasetype base;
    struct bound_range *ranges;   /* values, or sizes of strings */
    size_t n_ranges;
    struct bound_name *names;     /* enumerations or bits */
    size_t n_names;
};

static SmiBasetype type_base(SmiType *t)
{
    SmiType *last = t;
    for (SmiType *p = t; p; p = smiGetParentType(p))
        last = p;
    return last ? last->basetype : SMI_BASETYPE_UNKNOWN;
}

static void bound_from_type(struct value_bound *b, SmiType *t)
{
    memset(b, 0, sizeof *b);
    b->base = type_base(t);
    SmiType *rt = type_with_ranges(t), *nt = type_with_names(t);
    for (SmiRange *r = rt ? smiGetFirstRange(rt) : NULL; r; r = smiGetNextRange(r)) {
        b->ranges = xrealloc(b->ranges, (b->n_ranges + 1) * sizeof *b->ranges);
        b->ranges[b->n_ranges++] = (struct bound_range){smi_number(&r->minValue),
                                                        smi_number(&r->maxValue)};
    }
    for (SmiNamedNumber *nn = nt ? smiGetFirstNamedNumber(nt) : NULL; nn;
         nn = smiGetNextNamedNumber(nn)) {
        b->names = xrealloc(b->names, (b->n_names + 1) * sizeof *b->names);
        b->names[b->n_names++] = (struct bound_name){nn->name, smi_number(&nn->value)};
    }
}

/* A VARIATION's SYNTAX, for an object of type t: a capability may only
 * narrow the object's syntax (variation-capability-widened says when it
 * does not), so the base is the object's.  The names point into s. */
static void bound_from_cap(struct value_bound *b, SmiType *t, const struct cap_syntax *s)
{
    memset(b, 0, sizeof *b);
    b->base = type_base(t);
    bool strings = b->base == SMI_BASETYPE_OCTETSTRING || b->base == SMI_BASETYPE_BITS;
    struct value_interval iv[64];
    size_t n = s->ranges && !s->size == !strings ? parse_value_ranges(s->ranges, iv, 64) : 0;
    if (n) {
        b->ranges = xcalloc(n, sizeof *b->ranges);
        for (size_t i = 0; i < n; i++)
            b->ranges[i] = (struct bound_range){(__int128)iv[i].lo, (__int128)iv[i].hi};
        b->n_ranges = n;
    }
    size_t i;
    json_t *e;
    if (s->enums && json_array_size(s->enums))
        b->names = xcalloc(json_array_size(s->enums), sizeof *b->names);
    json_array_foreach(s->enums, i, e)
        b->names[b->n_names++] = (struct bound_name){
            json_string_value(json_array_get(e, 0)),
            json_integer_value(json_array_get(e, 1))};
}

static void bound_free(struct value_bound *b)
{
    free(b->ranges);
    free(b->names);
    memset(b, 0, sizeof *b);
}

static bool in_ranges(const struct value_bound *b, __int128 x)
{
    for (size_t i = 0; i < b->n_ranges; i++)
        if (x >= b->ranges[i].lo && x <= b->ranges[i].hi)
            return true;
    return false;
}

/* "(1..10 | 20)" */
static void print_ranges(struct buf *out, const struct value_bound *b)
{
    buf_append(out, "(", 1);
    for (size_t i = 0; i < b->n_ranges; i++) {
        if (i)
            buf_append(out, " | ", 3);
        print_number(out, b->ranges[i].lo);
        if (b->ranges[i].hi != b->ranges[i].lo) {
            buf_append(out, "..", 2);
            print_number(out, b->ranges[i].hi);
        }
    }
    buf_append(out, ")", 1);
}

static bool enum_named(const struct value_bound *b, __int128 x)
{
    for (size_t i = 0; i < b->n_names; i++)
        if (b->names[i].value == x)
            return true;
    return false;
}

/* "up(1), down(2)" */
static void print_names(struct buf *out, const struct value_bound *b)
{
    for (size_t i = 0; i < b->n_names; i++) {
        buf_printf(out, "%s%s(", i ? ", " : "", b->names[i].name);
        print_number(out, b->names[i].value);
        buf_append(out, ")", 1);
    }
}

/* Is the value v inside what bound allows?  If not, *why says how
 * (caller frees). */
static bool value_allowed(const struct value_bound *bd, unsigned char tag,
                          const struct agent_value *v, char **why)
{
    struct buf b = {0};
    if (tag == AV_IPADDRESS && v->len != 4) {
        buf_printf(&b, "an IpAddress of %zu octets, not 4", v->len);
    } else if (bd->base == SMI_BASETYPE_BITS && bd->n_names) {
        /* every set bit must be named; bit 0 is the high bit of octet 0 */
        for (size_t i = 0; i < v->len * 8; i++) {
            if (!(v->bytes[i / 8] & (0x80 >> (i % 8))) || enum_named(bd, (__int128)i))
                continue;
            buf_printf(&b, "bit %zu is set, and the BITS are ", i);
            print_names(&b, bd);
            break;
        }
    } else if (bd->base == SMI_BASETYPE_ENUM && bd->n_names && tag == AV_INTEGER) {
        if (!enum_named(bd, v->integer)) {
            buf_printf(&b, "%lld is not in the enumeration ", v->integer);
            print_names(&b, bd);
        }
    } else if (bd->n_ranges && tag == AV_OCTETS) {
        if (!in_ranges(bd, (__int128)v->len)) {
            buf_printf(&b, "%zu octets long, outside SIZE ", v->len);
            print_ranges(&b, bd);
        }
    } else if (bd->n_ranges && (tag == AV_INTEGER || tag == AV_GAUGE32)) {
        __int128 x = tag == AV_INTEGER ? (__int128)v->integer : (__int128)v->number;
        if (!in_ranges(bd, x)) {
            print_number(&b, x);
            buf_printf(&b, " is outside ");
            print_ranges(&b, bd);
        }
    }
    *why = b.data;
    return !b.data;
}

/* The bounds of the types a check meets, each built once: libsmi finds a
 * named number's successor by walking the type's list from its head, so
 * reading all of a large enumeration (IANAifType's hundreds of names) is
 * quadratic, far too much to repeat for every value walked. */
struct bound_cache {
    struct cached_bound {
        SmiType *type;
        struct value_bound bound;
    } *v;
    size_t len;
};

/* The bound of type t's own SYNTAX; valid until the next call. */
static const struct value_bound *cached_bound(struct bound_cache *bc, SmiType *t)
{
    for (size_t i = 0; i < bc->len; i++)
        if (bc->v[i].type == t)
            return &bc->v[i].bound;
    bc->v = xrealloc(bc->v, (bc->len + 1) * sizeof *bc->v);
    bc->v[bc->len].type = t;
    bound_from_type(&bc->v[bc->len].bound, t);
    return &bc->v[bc->len++].bound;
}

static void bound_cache_free(struct bound_cache *bc)
{
    for (size_t i = 0; i < bc->len; i++)
        bound_free(&bc->v[i].bound);
    free(bc->v);
    memset(bc, 0, sizeof *bc);
}

/* value_allowed by type t's own SYNTAX. */
static bool type_allows(struct bound_cache *bc, SmiType *t, unsigned char tag,
                        const struct agent_value *v, char **why)
{
    return value_allowed(cached_bound(bc, t), tag, v, why);
}

/* ---- compliance refinements (RFC 2580 section 5.4.3) ---- */

/* The OBJECT clause of compliance c that refines n, or NULL. */
static SmiRefinement *refinement_of(SmiNode *c, SmiNode *n)
{
    for (SmiRefinement *r = c ? smiGetFirstRefinement(c) : NULL; r;
         r = smiGetNextRefinement(r)) {
        SmiNode *o = smiGetRefinementNode(r);
        if (o && o->oidlen == n->oidlen && !agent_oid_cmp(o->oid, o->oidlen, n->oid, n->oidlen))
            return r;
    }
    return NULL;
}

/* ---- capability statements (RFC 2580 section 6) ---- */

/* A VARIATION of an object of a module given. */
struct cap_object {
    SmiNode *node;
    bool unreadable;            /* ACCESS says no instance can be read */
    bool has_syntax;
    struct cap_syntax syntax;   /* owns the names bound points to */
    struct value_bound bound;
    char *label;                /* the SYNTAX's type, as the VARIATION writes it */
};

/* What --capabilities NAME claims of the modules given; SUPPORTS clauses
 * of other modules are left out (agent_plan notes them). */
struct cap_claim {
    char *name;
    SmiNode **groups;           /* INCLUDES */
    size_t n_groups;
    struct cap_object *objs;
    size_t n_objs;
};

static void cap_claim_free(struct cap_claim *cl)
{
    for (size_t i = 0; i < cl->n_objs; i++) {
        bound_free(&cl->objs[i].bound);
        cap_syntax_free(&cl->objs[i].syntax);
        free(cl->objs[i].label);
    }
    free(cl->objs);
    free(cl->groups);
    free(cl->name);
    memset(cl, 0, sizeof *cl);
}

/* ACCESS values under which a walk reads nothing: not-implemented above
 * all, and the levels below read-only (write-only, which RFC 2580 keeps
 * for old modules, included). */
static bool access_unreadable(const char *a)
{
    static const char *const none[] = {"not-implemented", "not-accessible",
                                       "accessible-for-notify", "write-only", NULL};
    for (size_t i = 0; a && none[i]; i++)
        if (!strcmp(a, none[i]))
            return true;
    return false;
}

static void claim_supports(struct cap_claim *cl, const struct token_list *tl,
                           const struct cap_supports *sp)
{
    SmiModule *m = smiGetModule(sp->module);
    for (size_t g = 0; g < sp->n_includes; g++) {
        SmiNode *n = smiGetNode(m, sp->includes[g]);
        if (!n || n->nodekind != SMI_NODEKIND_GROUP || smiGetNodeModule(n) != m)
            continue;   /* variation-capability-unknown, on the module */
        cl->groups = xrealloc(cl->groups, (cl->n_groups + 1) * sizeof *cl->groups);
        cl->groups[cl->n_groups++] = n;
    }
    for (size_t k = 0; k < sp->n_vars; k++) {
        const struct cap_variation *var = &sp->vars[k];
        SmiNode *n = smiGetNode(m, var->object);
        if (!n || smiGetNodeModule(n) != m)
            continue;
        cl->objs = xrealloc(cl->objs, (cl->n_objs + 1) * sizeof *cl->objs);
        struct cap_object *o = &cl->objs[cl->n_objs++];
        memset(o, 0, sizeof *o);
        o->node = n;
        char *acc = cap_clause_text(tl, &var->access);
        o->unreadable = access_unreadable(acc);
        free(acc);
        SmiType *t = smiGetNodeType(n);
        /* WRITE-SYNTAX bounds what managers set, CREATION-REQUIRES and
         * DEFVAL what they create: reads meet none of them */
        if (var->syntax.from < var->syntax.to && t) {
            o->has_syntax = true;
            cap_syntax_parse(NULL, tl, &var->syntax, &o->syntax);
            bound_from_cap(&o->bound, t, &o->syntax);
            const struct token *first = &tl->v[var->syntax.from];
            o->label = xstrndup(first->text, first->len);
        }
    }
}

/* Read the AGENT-CAPABILITIES statement name from the text of the module
 * given that defines it (libsmi keeps none of its clauses).  Returns 0,
 * or -1 with *err when no module given defines it.  notes (NULL: none
 * wanted) get one line per SUPPORTS clause left out. */
static int cap_claim_load(const struct strvec *modules, const char *name,
                          struct cap_claim *cl, struct strvec *notes, char **err)
{
    memset(cl, 0, sizeof *cl);
    SmiModule *m = NULL;
    for (size_t i = 0; i < modules->len && !m; i++) {
        SmiModule *mi = smiGetModule(modules->v[i]);
        SmiNode *n = smiGetNode(mi, name);
        if (n && n->nodekind == SMI_NODEKIND_CAPABILITIES && smiGetNodeModule(n) == mi)
            m = mi;
    }
    size_t len = 0;
    int too_large = 0;
    char *text = m && m->path ? read_file(m->path, (size_t)1 << 28, &len, &too_large) : NULL;
    if (!text) {
        *err = xasprintf("no AGENT-CAPABILITIES '%s' in the modules given", name);
        return -1;
    }
    struct token_list tl = {0};
    struct module_span *spans = NULL;
    lex_mib(text, len, &tl);
    size_t n_spans = find_modules(&tl, &spans);
    cl->name = xstrdup(name);
    for (size_t i = 0; i < n_spans; i++) {
        if (strcmp(spans[i].name, m->name))
            continue;
        struct capability *caps;
        size_t n = capabilities_parse(&tl, &spans[i], &caps);
        for (size_t c = 0; c < n; c++) {
            for (size_t k = 0; !strcmp(caps[c].name, name) && k < caps[c].n_supports; k++) {
                const struct cap_supports *sp = &caps[c].supports[k];
                if (strvec_contains(modules, sp->module))
                    claim_supports(cl, &tl, sp);
                else if (notes)
                    strvec_push_owned(notes, xasprintf(
                        "%s SUPPORTS %s, which is not among the modules given: its "
                        "INCLUDES and VARIATIONs are not checked", name, sp->module));
            }
        }
        capabilities_free(caps, n);
    }
    module_spans_free(spans, n_spans);
    token_list_free(&tl);
    free(text);
    return 0;
}

static const struct cap_object *cap_object_of(const struct cap_claim *cl, SmiNode *n)
{
    for (size_t i = 0; cl && i < cl->n_objs; i++)
        if (cl->objs[i].node == n)
            return &cl->objs[i];
    return NULL;
}

/* ---- claims: a compliance and a capability statement narrow SYNTAX ---- */

struct claims {
    SmiNode *compliance;          /* --compliance, or NULL */
    const struct cap_claim *cap;  /* --capabilities, or NULL */
};

/* Does bound, which claim gives o, allow v (which o's own SYNTAX
 * allows)?  If not, *why says how, naming the claim as the bound. */
static bool narrowed_allows(const struct value_bound *b, unsigned char tag,
                            const struct agent_value *v, char *claim, char **why)
{
    char *w = NULL;
    bool ok = value_allowed(b, tag, v, &w);
    if (!ok)
        *why = xasprintf("%s, as %s (the object's own SYNTAX allows the value)", w, claim);
    free(w);
    free(claim);
    return ok;
}

/* Do the SYNTAX refinements of the claims allow v for o?  If not, *why
 * names the first claim that does not (caller frees), the compliance
 * before the capability statement: one finding per value.  WRITE-SYNTAX
 * bounds only what managers set (RFC 2580 sections 5.4.3 and 6.5.2), so
 * reads never meet it. */
static bool claims_allow(const struct claims *cl, struct bound_cache *bc, SmiNode *o,
                         unsigned char tag, const struct agent_value *v, char **why)
{
    SmiRefinement *r = refinement_of(cl->compliance, o);
    SmiType *rt = r ? smiGetRefinementType(r) : NULL;
    if (rt && wire_tag(rt) == tag &&
        !narrowed_allows(cached_bound(bc, rt), tag, v,
                         xasprintf("%s refines its SYNTAX %s", cl->compliance->name,
                                   type_label(rt)), why))
        return false;
    const struct cap_object *co = cap_object_of(cl->cap, o);
    if (co && co->has_syntax)
        return narrowed_allows(&co->bound, tag, v,
                               xasprintf("the capability statement %s narrows its SYNTAX "
                                         "to %s", cl->cap->name, co->label), why);
    return true;
}

/* ---- index decoding (RFC 2578 section 7.7) ---- */

/* The row whose INDEX clause names the instance of row's columns: its
 * own, or for AUGMENTS (SMIv2) and EXTENDS (SPPI, libsmi's "sparse") the
 * base row's. */
static SmiNode *indexing_row(SmiNode *row)
{
    for (int hops = 0; row && hops < 8; hops++) {
        if (row->indexkind == SMI_INDEX_INDEX)
            return row;
        if (row->indexkind != SMI_INDEX_AUGMENT && row->indexkind != SMI_INDEX_SPARSE)
            return NULL;
        row = smiGetRelatedNode(row);
    }
    return NULL;
}

/* The fixed length of a string index: one SIZE value (RFC 2578 7.7 (2)),
 * or -1. */
static long fixed_size(SmiType *t)
{
    SmiType *rt = type_with_ranges(t);
    SmiRange *r = rt ? smiGetFirstRange(rt) : NULL;
    if (!r || smiGetNextRange(r) || smi_number(&r->minValue) != smi_number(&r->maxValue))
        return -1;
    return (long)smi_number(&r->minValue);
}

/* Decode the instance sub of a column of row; NULL when it decodes, else
 * why not (caller frees).  Index values are also held to the SYNTAX
 * claims (a compliance, a capability statement) narrow their objects to. */
static char *index_problem(SmiNode *row, const unsigned int *sub, size_t n,
                           const struct claims *claims, struct bound_cache *bc)
{
    SmiNode *irow = indexing_row(row);
    /* No INDEX to decode by: a row with neither INDEX nor AUGMENTS (a
     * broken module; libsmi reports it), or SMIng's expands/reorders,
     * which the SMIv1/SMIv2 parser never produces (--explain says so). */
    if (!irow)
        return NULL;
    struct buf b = {0};
    size_t at = 0;
    if (n == 0)
        buf_printf(&b, "the instance is empty");
    for (SmiElement *e = smiGetFirstElement(irow); e && !b.data; e = smiGetNextElement(e)) {
        SmiNode *ix = smiGetElementNode(e);
        SmiType *t = ix ? smiGetNodeType(ix) : NULL;
        if (!t)
            return NULL;
        bool implied = irow->implied && !smiGetNextElement(e);
        unsigned char tag = wire_tag(t);
        size_t left = n - at;
        if (tag == AV_INTEGER || tag == AV_GAUGE32 || tag == AV_COUNTER32 ||
            tag == AV_TIMETICKS) {
            if (!left) {
                buf_printf(&b, "it ends before %s", ix->name);
                break;
            }
            struct agent_value v = {.type = tag, .integer = sub[at], .number = sub[at]};
            char *why = NULL;
            if (!type_allows(bc, t, tag, &v, &why) ||
                !claims_allow(claims, bc, ix, tag, &v, &why))
                buf_printf(&b, "%s: %s", ix->name, why);
            free(why);
            at++;
        } else if (tag == AV_IPADDRESS || tag == AV_OCTETS || tag == AV_OPAQUE) {
            long fixed = tag == AV_IPADDRESS ? 4 : fixed_size(t);
            size_t len;
            if (fixed >= 0 || implied) {
                len = fixed >= 0 ? (size_t)fixed : left;
            } else {
                if (!left) {
                    buf_printf(&b, "it ends before the length of %s", ix->name);
                    break;
                }
                len = sub[at++];
                left--;
            }
            if (len > left) {
                buf_printf(&b, "%s needs %zu sub-identifiers, %zu left", ix->name,
                           len, left);
                break;
            }
            struct agent_value v = {.type = tag, .len = len};
            v.bytes = xmalloc(len + 1);
            for (size_t i = 0; i < len && !b.data; i++) {
                if (sub[at + i] > 255)
                    buf_printf(&b, "%s: sub-identifier %u is not an octet", ix->name,
                               sub[at + i]);
                v.bytes[i] = (unsigned char)sub[at + i];
            }
            char *why = NULL;
            if (!b.data && tag == AV_OCTETS &&
                (!type_allows(bc, t, tag, &v, &why) ||
                 !claims_allow(claims, bc, ix, tag, &v, &why)))
                buf_printf(&b, "%s: %s", ix->name, why);
            free(why);
            free(v.bytes);
            at += len;
        } else if (tag == AV_OID) {
            size_t len = left;
            if (!implied) {
                if (!left) {
                    buf_printf(&b, "it ends before the length of %s", ix->name);
                    break;
                }
                len = sub[at++];
                left--;
            }
            if (len > left || len > 128) {
                buf_printf(&b, "%s needs %zu sub-identifiers, %zu left", ix->name,
                           len, left);
                break;
            }
            at += len;
        } else {
            return NULL;   /* a type no INDEX may use: libsmi reports it */
        }
    }
    if (!b.data && at < n)
        buf_printf(&b, "%zu sub-identifier%s left over after the INDEX", n - at,
                   n - at == 1 ? " is" : "s are");
    if (!b.data)
        return NULL;
    /* name the INDEX for the reader */
    struct buf m = {0};
    buf_printf(&m, "INDEX {");
    for (SmiElement *e = smiGetFirstElement(irow); e; e = smiGetNextElement(e)) {
        SmiNode *ix = smiGetElementNode(e);
        buf_printf(&m, "%s%s%s", e == smiGetFirstElement(irow) ? " " : ", ",
                   irow->implied && !smiGetNextElement(e) ? "IMPLIED " : "",
                   ix ? ix->name : "?");
    }
    buf_printf(&m, " }");
    if (irow != row)   /* AUGMENTS: say whose INDEX it is */
        buf_printf(&m, " of %s, which %s augments", irow->name, row->name);
    buf_printf(&m, ": %s", b.data);
    buf_free(&b);
    return m.data;
}

/* ---- the walk plan ---- */

static SmiNode *find_compliance(const struct strvec *modules, const char *name)
{
    for (size_t i = 0; i < modules->len; i++) {
        SmiNode *n = smiGetNode(smiGetModule(modules->v[i]), name);
        if (n && n->nodekind == SMI_NODEKIND_COMPLIANCE)
            return n;
    }
    return NULL;
}

static void add_root(struct agent_walk *w, const unsigned int *oid, size_t len,
                     const char *module)
{
    w->roots = xrealloc(w->roots, (w->n_roots + 1) * sizeof *w->roots);
    struct agent_root *r = &w->roots[w->n_roots++];
    r->oid = xmalloc((len ? len : 1) * sizeof *oid);
    memcpy(r->oid, oid, len * sizeof *oid);
    r->oidlen = len;
    r->module = xstrdup(module);
    r->complete = false;
}

/* The subtree an object is walked in: the parent of its scalar or
 * table. */
static void add_object_root(struct agent_walk *w, SmiNode *n)
{
    while (n && (n->nodekind == SMI_NODEKIND_COLUMN || n->nodekind == SMI_NODEKIND_ROW))
        n = smiGetParentNode(n);
    SmiModule *m = n ? smiGetNodeModule(n) : NULL;
    if (n && m && n->oidlen > 1 &&
        (n->nodekind == SMI_NODEKIND_SCALAR || n->nodekind == SMI_NODEKIND_TABLE))
        add_root(w, n->oid, n->oidlen - 1, m->name);
}

static int root_cmp(const void *a, const void *b)
{
    const struct agent_root *x = a, *y = b;
    int c = agent_oid_cmp(x->oid, x->oidlen, y->oid, y->oidlen);
    return c ? c : strcmp(x->module, y->module);
}

/* Readable objects are what a walk can return. */
static bool readable(SmiNode *n)
{
    return n->access == SMI_ACCESS_READ_ONLY || n->access == SMI_ACCESS_READ_WRITE;
}

int agent_plan(const struct strvec *modules, const char *compliance,
               const char *capabilities, struct agent_walk *w, struct strvec *notes,
               char **err)
{
    /* the groups a capability statement INCLUDES are of the modules
     * given, whose subtrees are walked anyway: it only needs to exist */
    struct cap_claim cl;
    if (capabilities && cap_claim_load(modules, capabilities, &cl, notes, err) < 0)
        return -1;
    if (capabilities)
        cap_claim_free(&cl);
    for (size_t i = 0; i < modules->len; i++) {
        SmiModule *m = smiGetModule(modules->v[i]);
        for (SmiNode *n = smiGetFirstNode(m, SMI_NODEKIND_SCALAR | SMI_NODEKIND_TABLE); n;
             n = smiGetNextNode(n, SMI_NODEKIND_SCALAR | SMI_NODEKIND_TABLE))
            add_object_root(w, n);
    }
    if (compliance) {
        SmiNode *c = find_compliance(modules, compliance);
        if (!c) {
            *err = xasprintf("no MODULE-COMPLIANCE '%s' in the modules given", compliance);
            return -1;
        }
        for (SmiElement *e = smiGetFirstElement(c); e; e = smiGetNextElement(e)) {
            SmiNode *g = smiGetElementNode(e);
            for (SmiElement *o = g ? smiGetFirstElement(g) : NULL; o; o = smiGetNextElement(o))
                add_object_root(w, smiGetElementNode(o));
        }
    }
    qsort(w->roots, w->n_roots, sizeof *w->roots, root_cmp);
    /* keep the outermost of nested subtrees */
    size_t out = 0;
    for (size_t i = 0; i < w->n_roots; i++) {
        struct agent_root *r = &w->roots[i];
        if (out && agent_oid_under(r->oid, r->oidlen, w->roots[out - 1].oid,
                             w->roots[out - 1].oidlen)) {
            free(r->oid);
            free(r->module);
            continue;
        }
        w->roots[out++] = *r;
    }
    w->n_roots = out;
    return 0;
}

/* ---- the checks ---- */

struct check_run {
    const struct strvec *modules;
    const struct agent_walk *w;
    struct finding_list *out;
    struct claims claims;
    struct bound_cache bounds;
};

/* An object whose MIN-ACCESS the compliance lowers to not-accessible or
 * accessible-for-notify need not be readable (RFC 2580 section 5.4.3):
 * its instances neither show a group implemented nor their absence show
 * it missing. */
static bool refined_unreadable(SmiNode *c, SmiNode *n)
{
    SmiRefinement *r = refinement_of(c, n);
    return r && (r->access == SMI_ACCESS_NOT_ACCESSIBLE || r->access == SMI_ACCESS_NOTIFY);
}

static const struct agent_root *root_of(const struct agent_walk *w,
                                        const unsigned int *oid, size_t len)
{
    for (size_t i = 0; i < w->n_roots; i++)
        if (agent_oid_under(oid, len, w->roots[i].oid, w->roots[i].oidlen))
            return &w->roots[i];
    return NULL;
}

/* Report rule at the definition of n (climbed up to a node of a module
 * in play), or of the module of the root the OID is in.  key identifies
 * the finding for baselines whatever value the message quotes: the
 * instance OID, or the group. */
static void report_at(struct check_run *cr, enum rule_id rule, SmiNode *n,
                      const char *root_module, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void report_at(struct check_run *cr, enum rule_id rule, SmiNode *n,
                      const char *root_module, const char *key, const char *fmt, ...)
{
    while (n && !module_listed(cr->modules, n)) {
        SmiModule *m = smiGetNodeModule(n);
        if (m && root_module && !strcmp(m->name, root_module))
            break;
        n = smiGetParentNode(n);
    }
    SmiModule *m = n ? smiGetNodeModule(n) : NULL;
    if (!m && root_module)
        m = smiGetModule(root_module);
    if (!m && cr->modules->len)
        m = smiGetModule(cr->modules->v[0]);
    int line = n ? smiGetNodeLine(n) : 0;
    if (!n && m) {
        SmiNode *id = smiGetModuleIdentityNode(m);
        line = id ? smiGetNodeLine(id) : 0;
    }
    const struct rule_info *ri = rule_info(rule);
    va_list ap;
    va_start(ap, fmt);
    struct finding *f = finding_addv(cr->out, ri->id, ri->severity,
                                     m && m->path ? m->path : "-", line,
                                     m ? m->name : NULL, n ? n->name : NULL, fmt, ap);
    va_end(ap);
    finding_set_key(f, key);
}

/* "ifDescr.3 (1.3.6.1.2.1.2.2.1.2.3)": the instance as descriptor and
 * suffix, then the OID. */
static char *instance_name(SmiNode *n, const struct agent_varbind *vb)
{
    char *oid = agent_oid_string(vb->oid, vb->oidlen);
    char *s;
    if (n && !agent_oid_under(vb->oid, vb->oidlen, n->oid, n->oidlen))
        n = NULL;
    if (n && vb->oidlen > n->oidlen) {
        char *suf = agent_oid_string(vb->oid + n->oidlen, vb->oidlen - n->oidlen);
        s = xasprintf("%s.%s (%s)", n->name, suf, oid);
        free(suf);
    } else if (n && n->oidlen == vb->oidlen) {
        s = xasprintf("%s (%s)", n->name, oid);
    } else {
        s = xstrdup(oid);
    }
    free(oid);
    return s;
}

static const char *access_name(SmiAccess a)
{
    switch (a) {
    case SMI_ACCESS_NOT_ACCESSIBLE: return "not-accessible";
    case SMI_ACCESS_NOTIFY: return "accessible-for-notify";
    default: return "readable";
    }
}

/* Does a module in play define a scalar or table below n? */
static bool holds_objects(const struct strvec *modules, SmiNode *n, int depth)
{
    if (depth > 16)
        return false;
    for (SmiNode *c = smiGetFirstChildNode(n); c; c = smiGetNextChildNode(c)) {
        if ((c->nodekind == SMI_NODEKIND_SCALAR || c->nodekind == SMI_NODEKIND_TABLE) &&
            module_listed(modules, c))
            return true;
        if (c->nodekind == SMI_NODEKIND_NODE && holds_objects(modules, c, depth + 1))
            return true;
    }
    return false;
}

static void check_varbind(struct check_run *cr, const struct agent_varbind *vb,
                          const struct agent_root *root)
{
    SmiNode *n = smiGetNodeByOID((unsigned int)vb->oidlen, (SmiSubid *)vb->oid);
    if (n && (n->oidlen > vb->oidlen ||
              !agent_oid_under(vb->oid, vb->oidlen, n->oid, n->oidlen)))
        n = NULL;
    char *val = agent_value_string(&vb->v, 64);
    char *inst = instance_name(n, vb);
    char *key = agent_oid_string(vb->oid, vb->oidlen);
    if (n && n->nodekind == SMI_NODEKIND_NODE && n->oidlen > root->oidlen &&
        !holds_objects(cr->modules, n, 0))
        goto done;   /* an arc the modules leave to other modules */
    if (!n || (n->nodekind != SMI_NODEKIND_SCALAR && n->nodekind != SMI_NODEKIND_COLUMN)) {
        /* between or above the objects: no object has this instance */
        report_at(cr, RULE_agent_unknown_object, n, root->module, key,
                  "%s = %s: the modules define no object with this instance%s%s", inst, val,
                  n ? "; the nearest definition is " : "", n ? n->name : "");
        goto done;
    }
    const unsigned int *sub = vb->oid + n->oidlen;
    size_t nsub = vb->oidlen - n->oidlen;
    if (n->nodekind == SMI_NODEKIND_SCALAR) {
        if (nsub != 1 || sub[0] != 0)   /* no suffix at all included */
            report_at(cr, RULE_agent_scalar_instance, n, root->module, key,
                      "%s = %s: %s is a scalar, whose only instance is %s.0", inst, val,
                      n->name, n->name);
    } else {
        char *why = index_problem(smiGetParentNode(n), sub, nsub, &cr->claims, &cr->bounds);
        if (why)
            report_at(cr, RULE_agent_index_malformed, n, root->module, key,
                      "%s = %s: the instance does not decode as %s", inst, val, why);
        free(why);
    }
    if (!readable(n))
        report_at(cr, RULE_agent_not_accessible_returned, n, root->module, key,
                  "%s = %s: %s is %s, so no walk may return it", inst, val, n->name,
                  access_name(n->access));
    SmiType *t = smiGetNodeType(n);
    unsigned char want = t ? wire_tag(t) : 0;
    if (!want)
        goto done;
    if (vb->v.type != want) {
        report_at(cr, RULE_agent_type_mismatch, n, root->module, key,
                  "%s = %s: SYNTAX %s is sent as %s, not %s", inst, val, type_label(t),
                  tag_name(want), tag_name(vb->v.type) ? tag_name(vb->v.type) : "this type");
        goto done;
    }
    char *why = NULL;
    if (!type_allows(&cr->bounds, t, want, &vb->v, &why)) {
        report_at(cr, RULE_agent_value_out_of_range, n, root->module, key,
                  "%s = %s: %s (SYNTAX %s)", inst, val, why, type_label(t));
    } else if (!claims_allow(&cr->claims, &cr->bounds, n, want, &vb->v, &why)) {
        report_at(cr, RULE_agent_value_out_of_range, n, root->module, key, "%s = %s: %s",
                  inst, val, why);
    }
    free(why);
done:
    free(key);
    free(inst);
    free(val);
}

static void check_order(struct check_run *cr, size_t i)
{
    const struct agent_varbind *a = &cr->w->vb[i - 1], *b = &cr->w->vb[i];
    if (agent_oid_cmp(b->oid, b->oidlen, a->oid, a->oidlen) > 0)
        return;
    const struct agent_root *root = root_of(cr->w, b->oid, b->oidlen);
    if (!root)
        root = root_of(cr->w, a->oid, a->oidlen);
    SmiNode *n = smiGetNodeByOID((unsigned int)b->oidlen, (SmiSubid *)b->oid);
    SmiNode *na = smiGetNodeByOID((unsigned int)a->oidlen, (SmiSubid *)a->oid);
    char *pa = instance_name(na, a), *pb = instance_name(n, b);
    char *val = agent_value_string(&b->v, 64);
    char *key = agent_oid_string(b->oid, b->oidlen);
    report_at(cr, RULE_agent_lexicographic_order, n, root ? root->module : NULL, key,
              "%s = %s came after %s: a walk must return increasing OIDs", pb, val, pa);
    free(key);
    free(pa);
    free(pb);
    free(val);
}

/* Is object n of a group excused from showing the group implemented?
 * A compliance's MIN-ACCESS or a capability's ACCESS says it need not
 * (or does not) answer reads. */
static bool excused(SmiNode *c, const struct cap_claim *cap, SmiNode *n)
{
    const struct cap_object *co = cap_object_of(cap, n);
    return refined_unreadable(c, n) || (co && co->unreadable);
}

/* Report group g of a claim (what) when none of its readable objects
 * that are not excused has an instance, among subtrees walked whole.
 * Returns whether it did. */
static bool check_group(struct check_run *cr, SmiNode *g, SmiNode *c,
                        const struct cap_claim *cap, const char *what)
{
    struct buf names = {0};
    bool any = false, seen = false, whole = true;
    for (SmiElement *o = smiGetFirstElement(g); o; o = smiGetNextElement(o)) {
        SmiNode *n = smiGetElementNode(o);
        if (!n || !readable(n) || excused(c, cap, n))
            continue;
        any = true;
        buf_printf(&names, "%s%s", names.len ? ", " : "", n->name);
        const struct agent_root *r = root_of(cr->w, n->oid, n->oidlen);
        whole = whole && r && r->complete;
        for (size_t i = 0; i < cr->w->n && !seen; i++)
            seen = agent_oid_under(cr->w->vb[i].oid, cr->w->vb[i].oidlen, n->oid,
                                   n->oidlen) &&
                   cr->w->vb[i].oidlen > n->oidlen;
    }
    bool missing = any && whole && !seen;
    if (missing) {
        SmiModule *gm = smiGetNodeModule(g);
        report_at(cr, RULE_agent_group_missing, g, gm ? gm->name : NULL, g->name,
                  "%s is %s, and the agent returned no instance of its objects (%s)",
                  g->name, what, names.data);
    }
    buf_free(&names);
    return missing;
}

/* The mandatory OBJECT-GROUPs of the compliance (of any MODULE clause;
 * GROUP clauses are conditional, libsmi keeps them apart as options),
 * then the groups the capability statement INCLUDES.  A group both
 * require is reported once, as the compliance's. */
static void check_groups(struct check_run *cr)
{
    SmiNode *c = cr->claims.compliance;
    const struct cap_claim *cap = cr->claims.cap;
    SmiNode **done = NULL;
    size_t n_done = 0;
    char *what = c ? xasprintf("a mandatory group of %s", c->name) : NULL;
    for (SmiElement *e = c ? smiGetFirstElement(c) : NULL; e; e = smiGetNextElement(e)) {
        SmiNode *g = smiGetElementNode(e);
        if (!g || g->decl == SMI_DECL_NOTIFICATIONGROUP)
            continue;
        if (check_group(cr, g, c, NULL, what)) {
            done = xrealloc(done, (n_done + 1) * sizeof *done);
            done[n_done++] = g;
        }
    }
    free(what);
    what = cap ? xasprintf("a group the capability statement %s INCLUDES", cap->name) : NULL;
    for (size_t i = 0; cap && i < cap->n_groups; i++) {
        bool reported = false;
        for (size_t k = 0; k < n_done && !reported; k++)
            reported = done[k] == cap->groups[i];
        if (!reported)
            check_group(cr, cap->groups[i], NULL, cap, what);
    }
    free(what);
    free(done);
}

void agent_check(const struct strvec *modules, const char *compliance,
                 const char *capabilities, const struct agent_walk *w,
                 struct finding_list *out)
{
    struct cap_claim cap = {0};
    char *err = NULL;
    bool have_cap = capabilities && !cap_claim_load(modules, capabilities, &cap, NULL, &err);
    free(err);   /* agent_plan said it already */
    struct check_run cr = {modules, w, out,
                           {compliance ? find_compliance(modules, compliance) : NULL,
                            have_cap ? &cap : NULL},
                           {NULL, 0}};
    for (size_t i = 0; i < w->n; i++) {
        const struct agent_varbind *vb = &w->vb[i];
        if (i)
            check_order(&cr, i);
        if (vb->v.type >= AV_NOSUCHOBJECT)
            continue;
        const struct agent_root *root = root_of(w, vb->oid, vb->oidlen);
        if (root)
            check_varbind(&cr, vb, root);
    }
    check_groups(&cr);
    bound_cache_free(&cr.bounds);
    cap_claim_free(&cap);
}

/* ---- explanations ---- */

static const struct rule_doc docs[] = {
    {"agent-type-mismatch",
     "With `mibcheck agent`, compares the ASN.1 type of each value the "
     "agent returned with the type the object's SYNTAX is sent as: the "
     "application type it derives from (Counter32, Gauge32, TimeTicks, "
     "IpAddress, Counter64, Opaque), else INTEGER, OCTET STRING or OBJECT "
     "IDENTIFIER.  Unsigned32 and Gauge32 share one tag.",
     "RFC 2578 section 7.1 fixes the encoding of every SYNTAX; a manager "
     "decodes by the module, so a Counter32 sent as INTEGER breaks rate "
     "computations, and strict managers drop the value.",
     "acmeFanSpeed OBJECT-TYPE SYNTAX Gauge32 ...\n"
     "agent: acmeFanSpeed.0 = INTEGER 1200",
     "agent: acmeFanSpeed.0 = Gauge32 1200",
     "Make the agent encode the object with the type of its SYNTAX."},
    {"agent-value-out-of-range",
     "With `mibcheck agent`, checks each returned value against its SYNTAX: "
     "an integer inside the range, a string's length inside the SIZE, an "
     "enumerated integer among the named numbers, no unnamed bit set in "
     "BITS, an IpAddress of four octets.  With --compliance NAME, a "
     "value the object's SYNTAX allows is also checked against the SYNTAX "
     "an OBJECT clause of that MODULE-COMPLIANCE refines it to (a narrower "
     "range, size or enumeration), and the message names the compliance "
     "as the bound.  With --capabilities NAME, likewise against the SYNTAX "
     "of a VARIATION of that AGENT-CAPABILITIES statement (for objects of "
     "the modules given), the statement named as the bound.  With both, a "
     "value must be inside both; one finding per value names the "
     "compliance when it excludes the value, else the capability "
     "statement.  WRITE-SYNTAX is not used: it bounds what a manager may "
     "set, not what a walk reads; nor are DEFVAL and CREATION-REQUIRES, "
     "which concern row creation.",
     "RFC 2578 sections 7.1.1, 7.1.2 and 7.1.4 and RFC 2579 (for textual "
     "conventions) restrict the values an object may take; a manager that "
     "trusts the module mislabels an unknown enumeration value or "
     "overflows a buffer sized from SIZE.  RFC 2580 section 5.4.3: an "
     "agent claiming a compliance returns only values of the refined "
     "SYNTAX; section 6.5.2: an agent returns only values of the SYNTAX "
     "its capability statement gives.",
     "acmeFanState OBJECT-TYPE SYNTAX INTEGER { ok(1), failed(2) } ...\n"
     "agent: acmeFanState.0 = INTEGER 0",
     "agent: acmeFanState.0 = INTEGER 1",
     "Return only values the SYNTAX allows, or widen the SYNTAX in a new "
     "revision of the module when the values are real."},
    {"agent-index-malformed",
     "With `mibcheck agent`, decodes the instance part of every column the "
     "agent returned by its row's INDEX (or the INDEX of the row it "
     "AUGMENTS): integers as one sub-identifier inside their range, "
     "strings as a length and that many octets, or the fixed number of "
     "octets a single SIZE gives, or the rest of the OID for an IMPLIED "
     "last index, IpAddress as four octets; nothing may be left over.  "
     "Index objects of other rows or modules (ifIndex in an IF-MIB "
     "extension) decode with their own SYNTAX, and with --compliance NAME "
     "or --capabilities NAME within the SYNTAX that compliance refines or "
     "that capability statement's VARIATION narrows them to.  Known "
     "limits: a "
     "row with "
     "neither INDEX nor AUGMENTS (libsmi reports the module) is not "
     "decoded, nor are SMIng's expands and reorders rows, which no SMIv1 "
     "or SMIv2 module can produce; SPPI's EXTENDS decodes like AUGMENTS.",
     "RFC 2578 section 7.7 defines how INDEX values become the instance "
     "OID; a manager splits the OID the same way, so an instance that does "
     "not decode gives it wrong index values or none.",
     "acmePortEntry OBJECT-TYPE ... INDEX { acmePortName }   -- SIZE (1..8)\n"
     "agent: acmePortSpeed.101.116.104 = Gauge32 100   -- \"eth\", no length",
     "agent: acmePortSpeed.3.101.116.104 = Gauge32 100",
     "Build instance OIDs from the index values as RFC 2578 section 7.7 "
     "says, or mark the last index IMPLIED in the module if that is what "
     "the agent has always done (a new module version)."},
    {"agent-not-accessible-returned",
     "With `mibcheck agent`, reports an instance of an object whose "
     "MAX-ACCESS is not-accessible or accessible-for-notify returned by "
     "the walk.  Only the module's MAX-ACCESS counts: an object a "
     "--capabilities statement says is not implemented (VARIATION ACCESS "
     "not-implemented) or a --compliance lowers by MIN-ACCESS is not "
     "reported when returned, since the agent then implements more than "
     "it claims, which no manager is hurt by.",
     "RFC 2578 section 7.3: such objects have no readable instances; index "
     "columns are not-accessible because their values are already in the "
     "instance OID.  An agent returning them wastes the response and tells "
     "managers to expect a column the module does not have.",
     "acmePortIndex OBJECT-TYPE ... MAX-ACCESS not-accessible\n"
     "agent: acmePortIndex.1 = INTEGER 1",
     "agent: (no acmePortIndex instances; acmePortSpeed.1 = Gauge32 100)",
     "Stop the agent from answering for index columns, or give the column "
     "read-only access in a new revision if it must be read."},
    {"agent-unknown-object",
     "With `mibcheck agent`, reports an OID the agent returned inside a "
     "subtree of the modules (the parent of their scalars and tables) "
     "that is no instance of an object of theirs: a column or scalar the "
     "modules do not define, or an answer at a table, row or group node "
     "itself.",
     "A module is the contract between agent and manager (RFC 3410 "
     "section 3.2); objects outside it cannot be named, typed or trusted "
     "by any manager.  Often the agent implements a newer revision of the "
     "module than the one checked, or a private extension sits in a "
     "standard arc.",
     "acmeFan OBJECT IDENTIFIER ::= { acmeObjects 1 }   -- scalars 1 and 2\n"
     "agent: acmeFan.7.0 = INTEGER 3",
     "agent: acmeFanSpeed.0 = Gauge32 1200  (acmeFanSpeed ::= { acmeFan 1 })",
     "Check the agent against the module revision it implements; define "
     "private objects in a module of your own under your enterprise arc."},
    {"agent-scalar-instance",
     "With `mibcheck agent`, reports a scalar object answered with any "
     "instance other than .0.",
     "A scalar has exactly one instance, its OID with a single 0 appended "
     "(RFC 2578 section 7.7, RFC 1212 section 4.1.6); managers ask for "
     "OBJECT.0 and find nothing when the agent uses another suffix.",
     "agent: acmeFanSpeed.1 = Gauge32 1200",
     "agent: acmeFanSpeed.0 = Gauge32 1200",
     "Register the scalar at OBJECT.0; if several values are needed, the "
     "object should be a column of a table."},
    {"agent-group-missing",
     "With `mibcheck agent --compliance NAME` or `--capabilities NAME`, "
     "reports each mandatory "
     "OBJECT-GROUP of that MODULE-COMPLIANCE of which the agent returned no "
     "instance at all, when the walk covered the group's subtrees whole.  "
     "The MANDATORY-GROUPS of every MODULE clause count, the compliance's "
     "own module and others it names (their objects are walked too); "
     "conditional GROUP clauses do not.  An object whose MIN-ACCESS the "
     "compliance lowers to not-accessible or accessible-for-notify need "
     "not be readable: its instances do not show the group implemented, "
     "and a group of only such objects is never missing.  With "
     "--capabilities NAME, the groups that AGENT-CAPABILITIES statement "
     "INCLUDES in its SUPPORTS clauses for the modules given (a note on "
     "stderr names each SUPPORTS clause of another module, which is not "
     "checked) are required alike, less the objects a VARIATION says are "
     "not implemented or not readable (ACCESS not-implemented, "
     "accessible-for-notify, write-only); the message names the statement "
     "as the claim.  With both options each claim is checked on its own "
     "terms, and a group both require is reported once, as the "
     "compliance's.",
     "RFC 2580 section 5.4.2: an agent claiming the compliance implements "
     "every object of its MANDATORY-GROUPS; section 6.5.1: an agent "
     "implements the groups its capability statement INCLUDES, with only "
     "the VARIATIONs listed.  A group with no instance "
     "(an empty table can be legitimate, so only groups with nothing at "
     "all are reported) usually is not implemented.",
     "acmeCompliance MODULE-COMPLIANCE ... MANDATORY-GROUPS { acmeFanGroup }\n"
     "agent: nothing under acmeFan",
     "agent: acmeFanSpeed.0 = Gauge32 1200",
     "Implement the group, or claim a compliance (or an AGENT-CAPABILITIES "
     "statement) that does not require it."},
    {"agent-lexicographic-order",
     "With `mibcheck agent`, reports a returned OID that is not greater "
     "than the one before it; the walk of that subtree stops there.",
     "GetNext and GetBulk return the next OID in lexicographic order (RFC "
     "3416 sections 4.2.2 and 4.2.3); an agent that goes back makes every "
     "walking manager loop or stop early, so the rest of the table is "
     "never seen.",
     "agent: acmePortSpeed.2 = Gauge32 100\n"
     "agent: acmePortSpeed.1 = Gauge32 10",
     "agent: acmePortSpeed.1 = Gauge32 10\n"
     "agent: acmePortSpeed.2 = Gauge32 100",
     "Sort the agent's instances numerically by sub-identifier (a string "
     "index sorts by its length first unless IMPLIED)."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_agent = {"agent", NULL, docs};
