/* The rule table built from catalog.def, lookup by id, and the families. */
#include <stdlib.h>
#include <string.h>

#include "checker/util.h"
#include "rules/check.h"
#include "rules/families.h"
#include "rules/rules.h"

#define SEV_OF(s) SEV_##s
#define FAM_OF(f) FAMILY_##f
/* libsmi levels 0-3 are errors, 4 warnings, 5 and up infos; 7-9
 * (namelength-32-*) are off by default, as reviewers run smilint. */
#define SMI_SEV(l) ((l) <= 3 ? SEV_ERROR : (l) == 4 ? SEV_WARNING : SEV_INFO)

static const struct rule_info rules[RULE_COUNT] = {
#define RULE(sym, id, fam, sev, ref, summary) \
    [RULE_##sym] = {id, FAM_OF(fam), SEV_OF(sev), false, -1, ref, summary},
#define SMI_RULE(sym, tag, level) \
    [RULE_##sym] = {"smi-" tag, FAMILY_SMI, SMI_SEV(level), (level) >= 7, \
                    level, "libsmi", NULL},
#include "rules/catalog.def"
#undef RULE
#undef SMI_RULE
};

static const struct rule_family_def *const families[] = {
    &family_checker,
#define FAMILY(name) &family_##name,
#include "rules/families.def"
#undef FAMILY
    NULL};

static const char *const family_names[FAMILY_COUNT] = {
    [FAMILY_SMI] = "smi",          [FAMILY_CHECKER] = "checker",
    [FAMILY_MODULE] = "module",    [FAMILY_TYPES] = "types",
    [FAMILY_TABLES] = "tables",    [FAMILY_CONFORMANCE] = "conformance",
    [FAMILY_OID] = "oid",          [FAMILY_VARIATION] = "variation",
    [FAMILY_COMPAT] = "compat",    [FAMILY_SECURITY] = "security",
    [FAMILY_DOC] = "doc",          [FAMILY_NETSNMP] = "netsnmp",
    [FAMILY_AGENT] = "agent",
};

const struct rule_info *rule_info(enum rule_id id)
{
    return &rules[id];
}

const char *family_name(enum rule_family fam)
{
    return family_names[fam];
}

static int sorted_ids[RULE_COUNT];
static int sorted_ready;

static int id_cmp(const void *a, const void *b)
{
    return strcmp(rules[*(const int *)a].id, rules[*(const int *)b].id);
}

int rule_lookup(const char *id)
{
    if (!sorted_ready) {
        for (int i = 0; i < RULE_COUNT; i++)
            sorted_ids[i] = i;
        qsort(sorted_ids, RULE_COUNT, sizeof sorted_ids[0], id_cmp);
        sorted_ready = 1;
    }
    size_t lo = 0, hi = RULE_COUNT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(rules[sorted_ids[mid]].id, id);
        if (c == 0)
            return sorted_ids[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const struct rule_doc *rule_doc(const char *id)
{
    for (size_t f = 0; families[f]; f++) {
        const struct rule_doc *d = families[f]->docs;
        for (; d && d->id; d++)
            if (!strcmp(d->id, id))
                return d;
    }
    return NULL;
}

void run_module_rules(struct check_ctx *ctx)
{
    for (size_t f = 0; families[f]; f++) {
        const check_fn *c = families[f]->checks;
        for (; c && *c; c++)
            (*c)(ctx);
    }
}

/* libsmi keeps its diagnostics in a table it exports but does not declare
 * in smi.h; smilint -e reads the same table. */
extern char *smiGetErrorTag(int id);
extern char *smiGetErrorMsg(int id);
extern char *smiGetErrorDescription(int id);

static int smi_error_index(const char *tag)
{
    for (int i = 0; i < 1000; i++) {
        const char *t = smiGetErrorTag(i);
        if (!t)
            break;
        if (!strcmp(t, tag))
            return i;
    }
    return -1;
}

const char *smi_rule_message(const char *tag)
{
    int i = smi_error_index(tag);
    return i >= 0 ? smiGetErrorMsg(i) : NULL;
}

const char *smi_rule_description(const char *tag)
{
    /* a tag may have several entries; the first with a description */
    for (int i = 0; i < 1000; i++) {
        const char *t = smiGetErrorTag(i);
        if (!t)
            break;
        if (!strcmp(t, tag) && smiGetErrorDescription(i))
            return smiGetErrorDescription(i);
    }
    return NULL;
}
