#include "checker/config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

void config_init(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->fail_on = SEV_ERROR;
    cfg->min_severity = SEV_INFO;
    cfg->profile = xstrdup("default");
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
    strvec_free(&cfg->rule_patterns);
    strvec_free(&cfg->reference_dirs);
    free(cfg->previous);
    free(cfg->pen_registry_path);
    free(cfg->cache_dir);
    free(cfg->profile);
    for (size_t i = 0; i < cfg->n_outputs; i++) {
        free(cfg->outputs[i].format);
        free(cfg->outputs[i].path);
    }
    free(cfg->outputs);
    memset(cfg, 0, sizeof *cfg);
}

bool config_rule_enabled(const struct config *cfg, const char *id)
{
    int r = rule_lookup(id);
    bool on = true;
    if (r >= 0) {
        const struct rule_info *ri = rule_info((enum rule_id)r);
        on = !ri->default_off;
        /* --profile smilint: only what libsmi says, as smilint says it */
        if (!strcmp(cfg->profile, "smilint") && ri->family != FAMILY_SMI &&
            ri->family != FAMILY_CHECKER)
            on = false;
    }
    for (size_t i = 0; i < cfg->rule_patterns.len; i++) {
        const char *p = cfg->rule_patterns.v[i];
        if (pattern_match(p + 1, id))
            on = p[0] == '+';
    }
    return on;
}

void config_filter(const struct config *cfg, struct finding_list *list)
{
    size_t out = 0;
    for (size_t i = 0; i < list->len; i++) {
        struct finding *f = &list->items[i];
        if (f->severity < cfg->min_severity || !config_rule_enabled(cfg, f->rule)) {
            finding_free(f);
            continue;
        }
        list->items[out++] = *f;
    }
    list->len = out;
}
