/* The rule registry: ids, families, default severities, explanations. */
#ifndef MIBCHECK_RULES_H
#define MIBCHECK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "checker/findings.h"

enum rule_family {
    FAMILY_SMI,
    FAMILY_CHECKER,
    FAMILY_MODULE,
    FAMILY_TYPES,
    FAMILY_TABLES,
    FAMILY_CONFORMANCE,
    FAMILY_OID,
    FAMILY_VARIATION,
    FAMILY_COMPAT,
    FAMILY_SECURITY,
    FAMILY_DOC,
    FAMILY_NETSNMP,
    FAMILY_AGENT,
    FAMILY_COUNT
};

enum rule_id {
#define RULE(sym, id, fam, sev, ref, summary) RULE_##sym,
#define SMI_RULE(sym, tag, level) RULE_##sym,
#include "rules/catalog.def"
#undef RULE
#undef SMI_RULE
    RULE_COUNT
};

struct rule_info {
    const char *id;
    enum rule_family family;
    enum severity severity;  /* default severity */
    bool default_off;        /* disabled unless enabled by name */
    int smi_level;           /* libsmi level, -1 outside the smi family */
    const char *reference;
    const char *summary;     /* NULL for smi rules: libsmi supplies it */
};

/*
 * The --explain text of a rule, in ruff's headings.  Lives beside the
 * check in rules/<family>.c; registry.c collects the tables.
 */
struct rule_doc {
    const char *id;
    const char *what;   /* What it does */
    const char *why;    /* Why is this bad? (with the RFC section) */
    const char *bad;    /* Example */
    const char *good;   /* Use instead */
    const char *fix;    /* How to fix (optional) */
};

struct check_ctx;
typedef void (*check_fn)(struct check_ctx *);

/* One family of rules that run on a loaded module. */
struct rule_family_def {
    const char *name;
    const check_fn *checks;   /* NULL-terminated */
    const struct rule_doc *docs; /* terminated by an entry with id NULL */
};

const struct rule_info *rule_info(enum rule_id id);
/* Look a rule up by id ("smi-foo" or "input-unreadable"); -1 if unknown. */
int rule_lookup(const char *id);
const char *family_name(enum rule_family fam);
const struct rule_doc *rule_doc(const char *id);
/* Run every family's checks on the module in ctx. */
void run_module_rules(struct check_ctx *ctx);

/* Summary and description of an smi rule, read from libsmi at run time. */
const char *smi_rule_message(const char *tag);
const char *smi_rule_description(const char *tag);
/* The RFC sections (BCP 111 and the SMI) a libsmi tag enforces, or NULL
 * (rules/smi-standards.def). */
const char *smi_rule_standard(const char *tag);

#endif
