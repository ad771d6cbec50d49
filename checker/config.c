#include "checker/config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/rules.h"

void config_init(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->fail_on = SEV_ERROR;
    cfg->min_severity = SEV_INFO;
    cfg->profile = xstrdup("vendor");
    cfg->color = COLOR_AUTO;
    cfg->jobs = 0;
    cfg->timeout = 30;
    cfg->max_memory_mb = 2048;
    cfg->max_file_size = 16u * 1024 * 1024;
}

void config_free(struct config *cfg)
{
    strvec_free(&cfg->inputs);
    strvec_free(&cfg->mib_path);
    strvec_free(&cfg->reference_dirs);
    strvec_free(&cfg->file_mib_path);
    strvec_free(&cfg->file_reference_dirs);
    free(cfg->previous);
    free(cfg->pen_registry_path);
    free(cfg->cache_dir);
    free(cfg->profile);
    free(cfg->base_dir);
    for (size_t i = 0; i < cfg->n_outputs; i++) {
        free(cfg->outputs[i].format);
        free(cfg->outputs[i].path);
    }
    free(cfg->outputs);
    free(cfg->baseline_path);
    free(cfg->write_baseline_path);
    free(cfg->config_file);
    free(cfg->config_dir);
    for (size_t i = 0; i < cfg->n_settings; i++) {
        free(cfg->settings[i].path_glob);
        free(cfg->settings[i].pattern);
        free(cfg->settings[i].origin);
    }
    free(cfg->settings);
    for (int k = 0; k < KEY_COUNT; k++)
        free(cfg->origin[k]);
    memset(cfg, 0, sizeof *cfg);
}

void config_set_origin(struct config *cfg, enum config_key key, const char *origin)
{
    free(cfg->origin[key]);
    cfg->origin[key] = origin ? xstrdup(origin) : NULL;
}

static const char *const key_names[KEY_COUNT] = {
    [KEY_PROFILE] = "profile",       [KEY_FAIL_ON] = "fail-on",
    [KEY_MIN_SEVERITY] = "min-severity", [KEY_COLOR] = "color",
    [KEY_QUIET] = "quiet",           [KEY_RECURSIVE] = "recursive",
    [KEY_JOBS] = "jobs",             [KEY_TIMEOUT] = "timeout",
    [KEY_MAX_MEMORY] = "max-memory", [KEY_MAX_FILE_SIZE] = "max-file-size",
    [KEY_PEN_REGISTRY] = "pen-registry", [KEY_MIB_PATH] = "mib-path",
    [KEY_REFERENCE] = "reference",   [KEY_OUTPUTS] = "outputs",
    [KEY_BASELINE] = "baseline",
};

const char *config_key_name(enum config_key key)
{
    return key_names[key];
}

void config_add_setting(struct config *cfg, const char *path_glob,
                        const char *pattern, enum setting_kind kind,
                        enum severity sev, const char *origin)
{
    cfg->settings = xrealloc(cfg->settings, (cfg->n_settings + 1) * sizeof *cfg->settings);
    struct rule_setting *s = &cfg->settings[cfg->n_settings++];
    s->path_glob = path_glob ? xstrdup(path_glob) : NULL;
    s->pattern = xstrdup(pattern);
    s->kind = kind;
    s->severity = sev;
    s->origin = xstrdup(origin);
    if (path_glob)
        cfg->has_path_settings = true;
}

bool config_pattern_matches_a_rule(const char *pattern)
{
    for (int i = 0; i < RULE_COUNT; i++)
        if (pattern_match(pattern, rule_info((enum rule_id)i)->id))
            return true;
    return false;
}

char *config_add_rule_list(struct config *cfg, const char *path_glob,
                           const char *list, enum setting_kind kind,
                           const char *origin)
{
    char *copy = xstrdup(list), *save = NULL, *err = NULL;
    int n = 0;
    for (char *p = strtok_r(copy, " \t,", &save); p && !err; p = strtok_r(NULL, " \t,", &save)) {
        n++;
        if (config_pattern_matches_a_rule(p))
            config_add_setting(cfg, path_glob, p, kind, SEV_NONE, origin);
        else
            err = xasprintf("no rule matches '%s' (see mibcheck --list-rules)", p);
    }
    if (!n && !err)
        err = xasprintf("'%s' needs one or more rule ids or globs",
                        kind == SET_ENABLE ? "enable" : "disable");
    free(copy);
    return err;
}

char *config_add_rule_value(struct config *cfg, const char *path_glob,
                            const char *pattern, const char *value,
                            const char *origin)
{
    if (!config_pattern_matches_a_rule(pattern))
        return xasprintf("no rule matches '%s' (see mibcheck --list-rules)", pattern);
    int sev = severity_parse(value, 0);
    if (sev > 0)
        config_add_setting(cfg, path_glob, pattern, SET_SEVERITY, (enum severity)sev, origin);
    else if (!strcmp(value, "off") || !strcmp(value, "on"))
        config_add_setting(cfg, path_glob, pattern,
                           value[1] == 'n' ? SET_ENABLE : SET_DISABLE, SEV_NONE, origin);
    else
        return xasprintf("bad value '%s': expected error, warning, info, on or off", value);
    return NULL;
}

/*
 * Profiles, defined by family plus explicit ids.  vendor leaves out what
 * only an IETF document can satisfy (the text around the module);
 * loadable keeps only what stops libsmi or Net-SNMP from loading a
 * module; smilint keeps libsmi's raw diagnostics (decision 8 of
 * rules.md: decisions.c also skips its adjustments for it).
 */
static const char *const doc_only_rules[] = {
    "security-section-missing", "security-writable-unlisted",
    "security-readable-unaddressed", "security-snmpv3-missing",
    "security-writable-claim-false", "security-no-writable-statement",
    "security-template-outdated", "security-reference-missing", NULL};
/* libsmi levels 0-1 are "major SMI errors"; these level-2 tags also mean
 * the module or its imports did not load. */
static const char *const loadable_rules[] = {
    "smi-import-failed", "smi-type-unknown", "netsnmp-load-failed",
    "netsnmp-unknown-import", "netsnmp-unlinked-oid", NULL};

static bool in_list(const char *const *list, const char *id)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(list[i], id))
            return true;
    return false;
}

const char *config_profile_name(const char *name)
{
    static const char *const names[] = {"vendor", "ietf", "loadable", "smilint", NULL};
    if (!strcmp(name, "default"))
        return "vendor";
    for (size_t i = 0; names[i]; i++)
        if (!strcmp(names[i], name))
            return names[i];
    return NULL;
}

const char *config_profile_names(void)
{
    return "vendor (default), ietf, loadable or smilint";
}

bool profile_rule_on(const char *profile, const char *id)
{
    int r = rule_lookup(id);
    if (r < 0)
        return true;
    const struct rule_info *ri = rule_info((enum rule_id)r);
    if (ri->default_off)
        return false;
    /* agent-* findings come only from `mibcheck agent`, which asked
     * for them whatever profile the configuration names */
    if (ri->family == FAMILY_AGENT)
        return true;
    if (!strcmp(profile, "smilint"))
        return ri->family == FAMILY_SMI || ri->family == FAMILY_CHECKER;
    if (!strcmp(profile, "loadable"))
        return ri->family == FAMILY_CHECKER ||
               (ri->family == FAMILY_SMI && ri->smi_level <= 1) ||
               in_list(loadable_rules, id);
    if (!strcmp(profile, "vendor"))
        return ri->family != FAMILY_DOC && !in_list(doc_only_rules, id);
    return true;   /* ietf: everything on by default */
}

/* The path of file relative to the configuration file's directory (or
 * absolute when outside it), into out. */
static void path_for_globs(const struct config *cfg, const char *file,
                           char *out, size_t n)
{
    char abs[PATH_MAX], *cwd;
    if (!realpath(file, abs)) {
        if (file[0] == '/' || !(cwd = getcwd(NULL, 0))) {
            snprintf(abs, sizeof abs, "%s", file);
        } else {
            snprintf(abs, sizeof abs, "%s/%s", cwd, file);
            free(cwd);
        }
    }
    size_t dl = cfg->config_dir ? strlen(cfg->config_dir) : 0;
    if (dl && !strncmp(abs, cfg->config_dir, dl) && abs[dl] == '/')
        snprintf(out, n, "%s", abs + dl + 1);
    else
        snprintf(out, n, "%s", abs);
}

/* rel: the finding's path for [path:] globs, NULL to skip those. */
static bool rule_enabled(const struct config *cfg, const char *id,
                         const char *rel, enum severity *sev)
{
    bool on = profile_rule_on(cfg->profile, id);
    for (size_t i = 0; i < cfg->n_settings; i++) {
        const struct rule_setting *s = &cfg->settings[i];
        if (s->path_glob && (!rel || fnmatch(s->path_glob, rel, 0)))
            continue;
        if (!pattern_match(s->pattern, id))
            continue;
        if (s->kind == SET_SEVERITY) {
            if (sev)
                *sev = s->severity;
        } else {
            on = s->kind == SET_ENABLE;
        }
    }
    return on;
}

bool config_rule_enabled(const struct config *cfg, const char *id)
{
    return rule_enabled(cfg, id, NULL, NULL);
}

bool config_rule_enabled_for(const struct config *cfg, const char *id,
                             const char *file, enum severity *sev)
{
    char rel[PATH_MAX];
    if (file && cfg->has_path_settings)
        path_for_globs(cfg, file, rel, sizeof rel);
    return rule_enabled(cfg, id, file && cfg->has_path_settings ? rel : NULL, sev);
}

void config_filter(const struct config *cfg, struct finding_list *list)
{
    size_t out = 0;
    /* findings come grouped by file: work out each file's path once */
    char *last_file = NULL;
    char rel[PATH_MAX] = "";
    for (size_t i = 0; i < list->len; i++) {
        struct finding *f = &list->items[i];
        const char *relp = NULL;
        if (cfg->has_path_settings && f->file) {
            if (!last_file || strcmp(last_file, f->file)) {
                path_for_globs(cfg, f->file, rel, sizeof rel);
                free(last_file);
                last_file = xstrdup(f->file);
            }
            relp = rel;
        }
        enum severity sev = f->severity;
        if (!rule_enabled(cfg, f->rule, relp, &sev) || sev < cfg->min_severity) {
            finding_free(f);
            continue;
        }
        f->severity = sev;
        list->items[out++] = *f;
    }
    free(last_file);
    list->len = out;
}
