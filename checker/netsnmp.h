/* Cross-loading with Net-SNMP's MIB parser (DESIGN.md section 1, step 3).
 *
 * The parent sets Net-SNMP up once, before the workers fork: no
 * configuration files, no persistent state, the run's search path scanned
 * once and the base SMI modules parsed once.  Each worker then loads its
 * file into its own copy of that tree, and turns what Net-SNMP logs, and
 * where it disagrees with libsmi, into netsnmp-* findings. */
#ifndef MIBCHECK_NETSNMP_H
#define MIBCHECK_NETSNMP_H

#include <stddef.h>

#include "checker/findings.h"
#include "checker/sources.h"
#include "checker/util.h"

struct netsnmp_env;

/* What libsmi made of one checked file, kept after smiExit() so that the
 * worker can report libsmi's findings before Net-SNMP (which has known
 * crashers) runs. */
struct smi_def {
    char *name;
    unsigned int *oid;
    size_t oidlen;
    int line;
};

struct smi_view_module {
    char *name;
    int loaded;              /* libsmi loaded this module from the file */
    struct smi_def *defs;    /* every named node the module defines */
    size_t n_defs;
};

struct smi_view {
    struct smi_view_module *mods;  /* one per module span of the source */
    size_t n_mods;
    struct strvec loaded;    /* every module libsmi had loaded, imports too */
    struct strvec resolved;  /* "MODULE descriptor" for each import it resolved */
    int smi_worst;           /* lowest (most severe) libsmi level on the file */
};

void smi_view_free(struct smi_view *v);

/* Is the cross-load on: not --no-netsnmp and some netsnmp-* rule enabled? */
int netsnmp_wanted(const struct config *cfg);

/* Make Net-SNMP read no configuration and keep no state but in
 * state_dir (an empty folder of the caller's). */
void netsnmp_isolate(const char *state_dir);

/* In the parent: set Net-SNMP up for a run on mibpath (colon-separated,
 * first entry wins, as for libsmi).  Base SMI modules are parsed once
 * here unless an input defines one of them.  Returns NULL with *why set
 * (caller frees) when Net-SNMP cannot be set up. */
struct netsnmp_env *netsnmp_env_new(const char *mibpath,
                                    const struct module_index *ix,
                                    char **why);
/* In the parent, after the workers: release everything Net-SNMP holds. */
void netsnmp_env_free(struct netsnmp_env *env);

/* In a worker: load src with Net-SNMP and report on it. */
void netsnmp_cross_load(struct netsnmp_env *env, const struct config *cfg,
                        const struct source *src, const struct smi_view *view,
                        struct finding_list *out);

/* For the vetted export, in a process of its own: set Net-SNMP up on
 * path (which starts with dir), load the modules names (files in dir) and
 * add what it says about them to problems, one "MODULE<TAB>LINE<TAB>TEXT"
 * each (the messages the cross-load leaves out are left out here too). */
void netsnmp_load_dir(const char *dir, const char *path,
                      const struct strvec *names, struct strvec *problems);

#endif
