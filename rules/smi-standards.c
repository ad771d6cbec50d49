/* Which standard section each libsmi diagnostic enforces (the table is
 * rules/smi-standards.def), so that smi-* findings cite BCP 111 too. */
#include <stddef.h>
#include <string.h>

#include "rules/rules.h"

static const struct {
    const char *tag;
    const char *ref;
} standards[] = {
#define SMI_STD(tag, ref) {tag, ref},
#include "rules/smi-standards.def"
#undef SMI_STD
};

const char *smi_rule_standard(const char *tag)
{
    for (size_t i = 0; i < sizeof standards / sizeof standards[0]; i++) {
        const char *t = standards[i].tag;
        size_t n = strlen(t);
        if (n && t[n - 1] == '*' ? !strncmp(t, tag, n - 1) : !strcmp(t, tag))
            return standards[i].ref;
    }
    return NULL;
}
