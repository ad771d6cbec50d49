/* Every rule family that runs on loaded modules (or only documents its
 * rules).  Add a family: define family_<name> in rules/<name>.c and list it
 * in rules/families.def. */
#ifndef MIBCHECK_FAMILIES_H
#define MIBCHECK_FAMILIES_H

#include "rules/rules.h"

extern const struct rule_family_def family_checker;
#define FAMILY(name) extern const struct rule_family_def family_##name;
#include "rules/families.def"
#undef FAMILY

#endif
