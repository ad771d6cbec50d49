/*
 * The default profile's adjustments to libsmi's raw diagnostics
 * (rules.md, "Decisions on open points" 2, 4 and 7), and the smi
 * findings that a mibcheck rule reports better.  They need every finding
 * of a file, so they run in the worker after the rules.  --profile
 * smilint skips them: its smi-* findings stay exactly libsmi's.
 */
#ifndef MIBCHECK_DECISIONS_H
#define MIBCHECK_DECISIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "checker/config.h"
#include "checker/findings.h"

/* What the adjustments need to know of one module of the file, gathered
 * while libsmi still holds it. */
struct module_facts {
    const char *name;
    bool defines_objects;   /* an OBJECT-TYPE or NOTIFICATION-TYPE */
    bool has_groups;        /* an OBJECT-GROUP or NOTIFICATION-GROUP */
};

/* Adjust out->items[from..] in place: findings of this file, with their
 * modules attached. */
void apply_decisions(const struct config *cfg, struct finding_list *out,
                     size_t from, const struct module_facts *facts, size_t n);

/* What the default profile does to the findings of rule id, in a
 * sentence for --explain; NULL when it leaves them alone. */
const char *decision_explain(const char *id);

#endif
