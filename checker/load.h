/* Loading one file with libsmi and running the rules on its modules.
 * Runs inside an engine child: libsmi's global state is the child's. */
#ifndef MIBCHECK_LOAD_H
#define MIBCHECK_LOAD_H

#include "checker/config.h"
#include "checker/findings.h"
#include "checker/oidfacts.h"
#include "checker/netsnmp.h"
#include "checker/preload.h"
#include "checker/sources.h"

/* A field added here reaches every report through one function,
 * report_module_json in reports/common.c. */
struct module_record {
    char *name;
    char *file;
    int line;
    char *language;   /* "SMIv1", "SMIv2", "SMIng", "SPPI", "unknown" */
    char *status;     /* "checked", "failed", "crashed", "timeout", "memory" */
    /* Newest LAST-UPDATED or REVISION date, "YYYY-MM-DDTHH:MMZ"; NULL
     * when the module has none (SMIv1) or its text was not read. */
    char *revision;
    /* The declared variations of the module's AGENT-CAPABILITIES, as a
     * JSON array (checker/capabilities.h, capabilities_inventory), for
     * the reports' inventory; NULL when it declares none. */
    char *variations;
};

struct module_records {
    struct module_record *v;
    size_t len;
};

void module_records_add(struct module_records *mr, const char *name,
                        const char *file, int line, const char *language,
                        const char *status);
void module_records_free(struct module_records *mr);
/* "SMIv1", "SMIv2", ... for a libsmi SmiLanguage. */
const char *module_language_name(int language);
char *module_record_to_json(const struct module_record *m);
int module_record_from_json(struct module_records *mr, const char *line);

/* Load src with libsmi on smipath, collect its diagnostics and run every
 * rule family on each module it defines; facts collects what the parent
 * needs for rules over the whole run.  With view, also keep what libsmi
 * made of the file for the Net-SNMP cross-load.  deps gets "NAME\tPATH"
 * for every other module libsmi loaded on the way (for the cache).
 * preload: the states the parent prepared (checker/preload.h), or NULL. */
void load_and_check(const struct config *cfg, const char *smipath,
                    const char *index_dir, const struct source_set *ss,
                    const struct source *src, struct finding_list *out,
                    struct module_records *mods, struct oid_facts *facts,
                    struct smi_view *view, struct strvec *deps,
                    const struct smi_preload *preload);

#endif
