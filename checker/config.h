/* The effective configuration of one run: what the command line (and, later,
 * configuration files) asked for.  Read-only once the run starts. */
#ifndef MIBCHECK_CONFIG_H
#define MIBCHECK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "checker/findings.h"
#include "checker/util.h"

struct reference_set;
struct pen_registry;
struct netsnmp_env;

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct output_spec {
    char *format;   /* "text", "json", ... */
    char *path;     /* "-" for stdout */
};

struct config {
    struct strvec inputs;
    struct strvec mib_path;       /* -M, in order */
    bool recursive;               /* -r: report findings in imported modules */
    enum severity fail_on;        /* default SEV_ERROR; SEV_NONE = never */
    enum severity min_severity;   /* findings below are not reported */
    /* --enable / --disable, in order; each entry starts with '+' or '-'
     * and the rest is an id or a glob ("smi-namelength-*").  The last
     * pattern that matches a rule wins. */
    struct strvec rule_patterns;
    char *profile;                /* "default" or "smilint" */
    enum color_mode color;
    struct output_spec *outputs;
    size_t n_outputs;
    bool quiet;
    int jobs;                     /* worker processes */
    int timeout;                  /* seconds per file */
    long max_memory_mb;           /* per file, beyond the engine's own
                                   * footprint; 0 = unlimited */
    size_t max_file_size;         /* bytes */
    bool progress;
    struct strvec reference_dirs; /* --reference, in order */
    char *previous;               /* --previous PATH: the last release */
    char *cache_dir;              /* --cache DIR, or NULL */
    /* The reference set, built by main before the workers fork; read-only
     * from then on (checker/reference.h). */
    const struct reference_set *reference;
    const struct reference_set *previous_set;   /* --previous, by name */
    /* --pen-registry FILE, read by main before the workers fork; NULL
     * without the option. */
    char *pen_registry_path;
    const struct pen_registry *pen_registry;
    bool no_netsnmp;              /* --no-netsnmp: no Net-SNMP cross-load */
    /* Net-SNMP set up by main before the workers fork (checker/netsnmp.h);
     * NULL when the cross-load is off.  Each worker uses its own copy. */
    struct netsnmp_env *netsnmp;
};

void config_init(struct config *cfg);
void config_free(struct config *cfg);
/* Is rule id enabled by the defaults and the patterns? */
bool config_rule_enabled(const struct config *cfg, const char *id);
/* Apply enable/disable, severity threshold and profile to findings:
 * findings that are not reported are removed.  Keeps order. */
void config_filter(const struct config *cfg, struct finding_list *list);

#endif
