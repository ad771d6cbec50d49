/* The effective configuration of one run: defaults, then a .mibcheck.ini
 * (checker/configfile.c), then the command line.  Read-only once the run
 * starts. */
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

/* One rule setting, in order: the configuration file's, then the command
 * line's (--enable, --disable, --severity), so the last that matches a
 * rule wins and the command line overrides the file.  The [rules]
 * section's and the command line's apply everywhere, a [path:GLOB]
 * section's only to findings in files whose path matches GLOB (relative
 * to the file's directory). */
enum setting_kind { SET_ENABLE, SET_DISABLE, SET_SEVERITY };
struct rule_setting {
    char *path_glob;          /* NULL: every file */
    char *pattern;            /* rule id or glob */
    enum setting_kind kind;
    enum severity severity;   /* SET_SEVERITY */
    char *origin;             /* "FILE:LINE" or "command line" */
};

/* The values --print-config shows with their origin. */
enum config_key {
    KEY_PROFILE, KEY_FAIL_ON, KEY_MIN_SEVERITY, KEY_COLOR, KEY_QUIET,
    KEY_RECURSIVE, KEY_JOBS, KEY_TIMEOUT, KEY_MAX_MEMORY, KEY_MAX_FILE_SIZE,
    KEY_PEN_REGISTRY, KEY_MIB_PATH, KEY_REFERENCE, KEY_OUTPUTS, KEY_BASELINE,
    KEY_COUNT
};

struct config {
    struct strvec inputs;
    struct strvec mib_path;       /* -M, in order */
    bool recursive;               /* -r: report findings in imported modules */
    enum severity fail_on;        /* default SEV_ERROR; SEV_NONE = never */
    enum severity min_severity;   /* findings below are not reported */
    char *profile;                /* vendor (default), ietf, loadable, smilint */
    enum color_mode color;
    struct output_spec *outputs;
    size_t n_outputs;
    bool quiet;
    bool show_source;             /* text: the offending line, marked */
    bool timestamp;               /* reports carry the time of the run */
    char *base_dir;               /* --base-dir: SARIF URIs relative to it */
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
    /* --baseline FILE: findings in it are not reported; --write-baseline
     * FILE: record this run's findings (checker/baseline.h). */
    char *baseline_path;
    char *write_baseline_path;
    /* The configuration file read (NULL: none) and its directory, which
     * relative paths and [path:GLOB] sections are relative to. */
    char *config_file;
    char *config_dir;
    struct rule_setting *settings;
    size_t n_settings;
    bool has_path_settings;
    /* The origins of the mib_path and reference_dirs entries that came
     * from the file (the command line's go before them), and how many
     * outputs came from it (the command line's replace them). */
    struct strvec file_mib_path, file_reference_dirs;
    size_t file_outputs;
    /* Where each value came from: NULL for the built-in default, else
     * "FILE:LINE" or "command line". */
    char *origin[KEY_COUNT];
};

void config_init(struct config *cfg);
void config_free(struct config *cfg);
void config_set_origin(struct config *cfg, enum config_key key, const char *origin);
const char *config_key_name(enum config_key key);

/* Add one rule setting.  pattern is a rule id or a glob
 * ("smi-namelength-*"); path_glob NULL: every file. */
void config_add_setting(struct config *cfg, const char *path_glob,
                        const char *pattern, enum setting_kind kind,
                        enum severity sev, const char *origin);
/* enable = LIST / disable = LIST (and --enable, --disable): ids or globs
 * separated by commas or blanks, each matching some rule.  Returns NULL,
 * or what is wrong (to free). */
char *config_add_rule_list(struct config *cfg, const char *path_glob,
                           const char *list, enum setting_kind kind,
                           const char *origin);
/* PATTERN = error|warning|info|on|off (and --severity PATTERN=LEVEL).
 * Returns NULL, or what is wrong (to free). */
char *config_add_rule_value(struct config *cfg, const char *path_glob,
                            const char *pattern, const char *value,
                            const char *origin);
/* Does pattern name at least one rule? */
bool config_pattern_matches_a_rule(const char *pattern);

/* The profiles: the rules on by default, and the canonical name of a
 * profile (NULL when name is none; "default" is "vendor"). */
const char *config_profile_name(const char *name);
const char *config_profile_names(void);   /* for messages */
/* Is rule id on in the profile alone? */
bool profile_rule_on(const char *profile, const char *id);

/* Is rule id enabled by the profile, the configuration file's [rules] and
 * the command line (ignoring [path:] sections)? */
bool config_rule_enabled(const struct config *cfg, const char *id);
/* The same for a finding in file (as the user named it, NULL: no file),
 * [path:] sections included; *sev gets the severity to report it with
 * (its own unless a setting overrides it). */
bool config_rule_enabled_for(const struct config *cfg, const char *id,
                             const char *file, enum severity *sev);
/* Apply the profile, enable/disable settings, severity overrides and the
 * severity threshold to findings: findings that are not reported are
 * removed.  Keeps order. */
void config_filter(const struct config *cfg, struct finding_list *list);

#endif
