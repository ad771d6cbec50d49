#include "checker/decisions.h"

#include <stdlib.h>
#include <string.h>

#include "checker/util.h"

static bool is_rule(const struct finding *f, const char *rule)
{
    return f->rule && !strcmp(f->rule, rule);
}

static const struct module_facts *facts_of(const struct finding *f,
                                           const struct module_facts *facts,
                                           size_t n)
{
    for (size_t i = 0; f->module && i < n; i++)
        if (facts[i].name && !strcmp(facts[i].name, f->module))
            return &facts[i];
    return NULL;
}

static bool same_place(const struct finding *a, const struct finding *b)
{
    return a->line == b->line && a->file && b->file && !strcmp(a->file, b->file);
}

/* An smi diagnostic that a mibcheck rule reports at the same place, with
 * the distinction libsmi cannot make (read-create, compliance statements
 * of other modules). */
static const struct {
    const char *smi, *ours;
} replaced[] = {
    {"smi-rowstatus-access", "table-rowstatus-not-create"},
    {"smi-group-unref", "compliance-incomplete"},
};

static bool replaced_by_rule(const struct finding *f, const struct finding_list *out,
                             size_t from)
{
    for (size_t r = 0; r < sizeof replaced / sizeof replaced[0]; r++) {
        if (!is_rule(f, replaced[r].smi))
            continue;
        for (size_t i = from; i < out->len; i++)
            if (is_rule(&out->items[i], replaced[r].ours) &&
                same_place(&out->items[i], f))
                return true;
    }
    return false;
}

/* Decision 2: a current group or compliance may include deprecated
 * members (RFC 4181 section 4.9); libsmi's message names both statuses. */
static bool current_includes_deprecated(const struct finding *f)
{
    return (is_rule(f, "smi-group-object-status") ||
            is_rule(f, "smi-compliance-group-status") ||
            is_rule(f, "smi-compliance-object-status")) &&
           f->message && !strncmp(f->message, "current ", 8) &&
           strstr(f->message, " includes deprecated ");
}

/* Decision 7: the compliance-missing finding of module, when the module
 * has no groups at all, to hold the per-object group-membership notes. */
static struct finding *fold_target(struct finding_list *out, size_t from,
                                   const char *module)
{
    for (size_t i = from; i < out->len; i++) {
        struct finding *f = &out->items[i];
        if (is_rule(f, "compliance-missing") && f->module && !strcmp(f->module, module))
            return f;
    }
    return NULL;
}

void apply_decisions(const struct config *cfg, struct finding_list *out,
                     size_t from, const struct module_facts *facts, size_t n)
{
    if (!strcmp(cfg->profile, "smilint") || out->len <= from)
        return;
    bool fold = config_rule_enabled(cfg, "compliance-missing");
    /* decide first, then compact: the decisions look at other findings */
    bool *drop = xcalloc(out->len - from, sizeof *drop);
    for (size_t i = from; i < out->len; i++) {
        struct finding *f = &out->items[i];
        const struct module_facts *mf = facts_of(f, facts, n);
        drop[i - from] = replaced_by_rule(f, out, from);
        if (current_includes_deprecated(f))
            f->severity = SEV_INFO;
        /* decision 4: TC-only modules exist to export their types */
        if (is_rule(f, "smi-type-unref") && mf && !mf->defines_objects)
            drop[i - from] = true;
        if (is_rule(f, "smi-group-membership") && mf && !mf->has_groups && fold) {
            struct finding *target = fold_target(out, from, mf->name);
            if (target) {
                finding_add_note(target, f->file, f->line, f->rule, f->message);
                drop[i - from] = true;
            }
        }
    }
    size_t keep = from;
    for (size_t i = from; i < out->len; i++) {
        if (drop[i - from])
            finding_free(&out->items[i]);
        else
            out->items[keep++] = out->items[i];
    }
    out->len = keep;
    free(drop);
}

static const struct {
    const char *id, *text;
} explained[] = {
    {"smi-group-membership",
     "When the module defines no OBJECT-GROUP or NOTIFICATION-GROUP at all, "
     "these findings become notes of one compliance-missing finding for the "
     "module instead of one warning per object (rules.md decision 7).  "
     "--profile smilint reports them as libsmi does."},
    {"smi-type-unref",
     "Not reported for a module that defines no objects or notifications: "
     "such a module exists to export its types (rules.md decision 4).  "
     "--profile smilint reports it as libsmi does."},
    {"smi-group-object-status",
     "Reported as info when a current group includes a deprecated object, "
     "which RFC 4181 section 4.9 allows (rules.md decision 2)."},
    {"smi-compliance-group-status",
     "Reported as info when a current compliance includes a deprecated "
     "group, which RFC 4181 section 4.9 allows (rules.md decision 2)."},
    {"smi-compliance-object-status",
     "Reported as info when a current compliance includes a deprecated "
     "object, which RFC 4181 section 4.9 allows (rules.md decision 2)."},
    {"smi-rowstatus-access",
     "Replaced by table-rowstatus-not-create at the same place, which reads "
     "MAX-ACCESS from the module text and so also sees a read-write status "
     "column in a row with other read-create columns."},
    {"smi-group-unref",
     "Replaced by compliance-incomplete at the same place, which also looks "
     "at compliance statements in the other modules of the file and of the "
     "run."},
};

const char *decision_explain(const char *id)
{
    for (size_t i = 0; i < sizeof explained / sizeof explained[0]; i++)
        if (!strcmp(explained[i].id, id))
            return explained[i].text;
    return NULL;
}
