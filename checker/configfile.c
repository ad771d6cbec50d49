#include "checker/configfile.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/report.h"
#include "rules/rules.h"

/* One reading of a configuration file.  inih hands the handler no line
 * numbers (Debian builds it without INI_HANDLER_LINENO), so the reader,
 * which inih calls once per line, counts them. */
struct loader {
    struct config *cfg;
    const char *name;       /* the file, for messages and origins */
    FILE *f;                /* read from f, or from s */
    const char *s;
    int line;
    int err_line;
    char *err;
};

static void fail(struct loader *ld, const char *fmt, const char *arg)
{
    if (ld->err)
        return;   /* the first error is the one to fix first */
    char *what = xasprintf(fmt, arg);
    ld->err = xasprintf("%s:%d: %s", ld->name, ld->line, what);
    ld->err_line = ld->line;
    free(what);
}

/* The longest line inih reads (INI_MAX_LINE, 200, less the line end). */
#define MAX_LINE 198
#define MAX_LINE_TEXT "198"

/* libinih, built with INI_ALLOW_MULTILINE as Debian's is, reads an
 * indented line after a key as more of that key's value: "quiet = true"
 * followed by "  fail-on = warning" gives quiet a second value, the
 * text "fail-on = warning", and leaves fail-on alone.  Indentation has no
 * other meaning, so an indented line is an error, unless it is blank or a
 * comment (those inih skips, indented or not). */
static void indent_check(struct loader *ld, const char *str)
{
    const char *p = str;
    if (ld->line == 1 && !strncmp(p, "\xEF\xBB\xBF", 3))
        p += 3;   /* the byte order mark inih skips */
    if (!isspace((unsigned char)*p))
        return;
    while (isspace((unsigned char)*p))
        p++;
    if (*p && *p != ';' && *p != '#')
        fail(ld, "%s", "indented line: remove the indentation (libinih reads an "
                       "indented line as more of the previous key's value)");
}

/* inih reads lines of at most INI_MAX_LINE bytes; a longer one would be
 * split into two lines silently, so it is an error here. */
static void line_read(struct loader *ld, char *str)
{
    ld->line++;
    indent_check(ld, str);
    if (!strchr(str, '\n')) {
        int c = ld->f ? getc(ld->f) : (unsigned char)*ld->s;
        if (c != EOF && c != '\0') {
            fail(ld, "line longer than %s characters", MAX_LINE_TEXT);
            if (ld->f)
                while (c != EOF && c != '\n')
                    c = getc(ld->f);
            else
                while (*ld->s && *ld->s++ != '\n')
                    ;
        }
    }
}

static char *read_stream(char *str, int num, void *stream)
{
    struct loader *ld = stream;
    if (!fgets(str, num, ld->f))
        return NULL;
    line_read(ld, str);
    return str;
}

static char *read_string(char *str, int num, void *stream)
{
    struct loader *ld = stream;
    if (!*ld->s)
        return NULL;
    int n = 0;
    while (n < num - 1 && ld->s[n] && ld->s[n] != '\n')
        n++;
    if (n < num - 1 && ld->s[n] == '\n')
        n++;
    memcpy(str, ld->s, (size_t)n);
    str[n] = '\0';
    ld->s += n;
    line_read(ld, str);
    return str;
}

static char *origin_here(const struct loader *ld)
{
    return xasprintf("%s:%d", ld->name, ld->line);
}

static void set_origin(struct loader *ld, enum config_key key)
{
    char *o = origin_here(ld);
    config_set_origin(ld->cfg, key, o);
    free(o);
}

/* Relative paths in the file are relative to the file's directory. */
static char *resolve(const struct loader *ld, const char *value)
{
    if (value[0] == '/' || !ld->cfg->config_dir || !strcmp(value, "-"))
        return xstrdup(value);
    return xasprintf("%s/%s", ld->cfg->config_dir, value);
}

static int parse_bool(const char *v)
{
    static const char *const yes[] = {"true", "yes", "on", "1", NULL};
    static const char *const no[] = {"false", "no", "off", "0", NULL};
    for (size_t i = 0; yes[i]; i++) {
        if (!strcasecmp(v, yes[i]))
            return 1;
        if (!strcasecmp(v, no[i]))
            return 0;
    }
    return -1;
}

/* [rules] and [path:GLOB]: enable = PATTERNS, disable = PATTERNS, or
 * PATTERN = error|warning|info|on|off; the command line's --enable,
 * --disable and --severity go through the same functions. */
static void rules_key(struct loader *ld, const char *glob, const char *section,
                      const char *name, const char *value)
{
    char *origin = origin_here(ld), *err;
    if (!strcmp(name, "enable") || !strcmp(name, "disable")) {
        err = config_add_rule_list(ld->cfg, glob, value,
                                   name[0] == 'e' ? SET_ENABLE : SET_DISABLE, origin);
    } else if (!config_pattern_matches_a_rule(name)) {
        err = xasprintf("unknown key '%s' in [%s]: expected enable, disable or a "
                        "rule id or glob", name, section);
    } else {
        err = config_add_rule_value(ld->cfg, glob, name, value, origin);
    }
    if (err)
        fail(ld, "%s", err);
    free(err);
    free(origin);
}

static void outputs_key(struct loader *ld, const char *name, const char *value)
{
    struct config *cfg = ld->cfg;
    if (!report_writer_find(name)) {
        char *what = xasprintf("unknown format '%s' in [outputs]: expected %s",
                               name, report_formats());
        fail(ld, "%s", what);
        free(what);
        return;
    }
    if (!*value) {
        fail(ld, "format '%s' needs a file (- for standard output)", name);
        return;
    }
    cfg->outputs = xrealloc(cfg->outputs, (cfg->n_outputs + 1) * sizeof *cfg->outputs);
    cfg->outputs[cfg->n_outputs].format = xstrdup(name);
    cfg->outputs[cfg->n_outputs].path = resolve(ld, value);
    cfg->n_outputs++;
    cfg->file_outputs = cfg->n_outputs;
    set_origin(ld, KEY_OUTPUTS);
}

/* [mibcheck] (or keys before any section): the scalar settings. */
static void main_key(struct loader *ld, const char *name, const char *value)
{
    struct config *cfg = ld->cfg;
    long v;
    int b;
    enum config_key key = KEY_COUNT;
    for (int k = 0; k < KEY_COUNT; k++)
        if (k != KEY_OUTPUTS && !strcmp(name, config_key_name((enum config_key)k)))
            key = (enum config_key)k;
    switch (key) {
    case KEY_PROFILE: {
        const char *p = config_profile_name(value);
        if (!p) {
            char *what = xasprintf("bad profile '%s': expected %s", value,
                                   config_profile_names());
            fail(ld, "%s", what);
            free(what);
            return;
        }
        free(cfg->profile);
        cfg->profile = xstrdup(p);
        break;
    }
    case KEY_FAIL_ON:
    case KEY_MIN_SEVERITY: {
        int s = severity_parse(value, key == KEY_FAIL_ON);
        if (s < 0) {
            fail(ld, key == KEY_FAIL_ON
                         ? "bad fail-on '%s': expected error, warning, info or never"
                         : "bad min-severity '%s': expected error, warning or info",
                 value);
            return;
        }
        if (key == KEY_FAIL_ON)
            cfg->fail_on = (enum severity)s;
        else
            cfg->min_severity = (enum severity)s;
        break;
    }
    case KEY_COLOR:
        if (!strcmp(value, "auto")) cfg->color = COLOR_AUTO;
        else if (!strcmp(value, "always")) cfg->color = COLOR_ALWAYS;
        else if (!strcmp(value, "never")) cfg->color = COLOR_NEVER;
        else {
            fail(ld, "bad color '%s': expected auto, always or never", value);
            return;
        }
        break;
    case KEY_QUIET:
    case KEY_RECURSIVE:
        if ((b = parse_bool(value)) < 0) {
            fail(ld, "bad value '%s': expected true or false", value);
            return;
        }
        *(key == KEY_QUIET ? &cfg->quiet : &cfg->recursive) = b;
        break;
    case KEY_JOBS:
        if (!strcmp(value, "auto"))
            cfg->jobs = 0;
        else if (parse_long_range(value, 1, 1024, &v) < 0) {
            fail(ld, "bad jobs '%s': expected auto or 1 to 1024", value);
            return;
        } else
            cfg->jobs = (int)v;
        break;
    case KEY_TIMEOUT:
        if (parse_long_range(value, 1, 86400, &v) < 0) {
            fail(ld, "bad timeout '%s': expected seconds, 1 to 86400", value);
            return;
        }
        cfg->timeout = (int)v;
        break;
    case KEY_MAX_MEMORY:
        if (parse_long_range(value, 0, 1L << 30, &v) < 0) {
            fail(ld, "bad max-memory '%s': expected megabytes", value);
            return;
        }
        cfg->max_memory_mb = v;
        break;
    case KEY_MAX_FILE_SIZE:
        if (parse_long_range(value, 1, 1L << 40, &v) < 0) {
            fail(ld, "bad max-file-size '%s': expected bytes", value);
            return;
        }
        cfg->max_file_size = (size_t)v;
        break;
    case KEY_PEN_REGISTRY:
    case KEY_BASELINE: {
        if (!*value) {
            fail(ld, "'%s' needs a file", name);
            return;
        }
        char **slot = key == KEY_BASELINE ? &cfg->baseline_path : &cfg->pen_registry_path;
        free(*slot);
        *slot = resolve(ld, value);
        break;
    }
    case KEY_MIB_PATH:
    case KEY_REFERENCE:
        if (!*value) {
            fail(ld, "'%s' needs a directory", name);
            return;
        }
        /* one directory per line: the key may repeat */
        strvec_push_owned(key == KEY_MIB_PATH ? &cfg->mib_path : &cfg->reference_dirs,
                          resolve(ld, value));
        strvec_push_owned(key == KEY_MIB_PATH ? &cfg->file_mib_path
                                              : &cfg->file_reference_dirs,
                          origin_here(ld));
        break;
    default:
        fail(ld, "unknown key '%s' in [mibcheck]", name);
        return;
    }
    set_origin(ld, key);
}

static void handle_key(struct loader *ld, const char *section, const char *name,
                       const char *value)
{
    if (!*section || !strcmp(section, "mibcheck"))
        main_key(ld, name, value);
    else if (!strcmp(section, "rules"))
        rules_key(ld, NULL, section, name, value);
    else if (!strncmp(section, "path:", 5) && section[5])
        rules_key(ld, section + 5, section, name, value);
    else if (!strcmp(section, "outputs"))
        outputs_key(ld, name, value);
    else
        fail(ld, "unknown section [%s]: expected [mibcheck], [rules], "
                 "[outputs] or [path:GLOB]", section);
}

static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    struct loader *ld = user;
    if (ld->err)
        return 1;
    /* inih drops an inline comment (" ; text") from a KEY = VALUE line,
     * but not "; text" right after the '=': drop it here, so that every
     * value reads as --print-config writes it (found by
     * tests/fuzz/fuzz-config) */
    char *v = xstrdup(value);
    for (char *p = v; *p; p++) {
        if (*p == ';' && (p == v || isspace((unsigned char)p[-1]))) {
            *p = '\0';
            break;
        }
    }
    for (size_t n = strlen(v); n > 0 && isspace((unsigned char)v[n - 1]); n--)
        v[n - 1] = '\0';
    /* no continuation line gets here (indent_check), so KEY=VALUE fits
     * on a line as --print-config writes it */
    handle_key(ld, section, name, v);
    free(v);
    return 1;
}

static int finish_load(struct loader *ld, int rc, char **err)
{
    /* inih's own complaint (no '=' or an unclosed section) when it comes
     * before ours */
    if (rc > 0 && (!ld->err || rc < ld->err_line)) {
        free(ld->err);
        ld->err = xasprintf("%s:%d: syntax error: expected KEY = VALUE or [SECTION]",
                            ld->name, rc);
    } else if (rc < 0 && !ld->err) {
        ld->err = xasprintf("%s: cannot parse (out of memory)", ld->name);
    }
    if (ld->err) {
        *err = ld->err;
        return -1;
    }
    return 0;
}

static void set_file(struct config *cfg, const char *name, const char *dir)
{
    free(cfg->config_file);
    free(cfg->config_dir);
    cfg->config_file = xstrdup(name);
    cfg->config_dir = dir ? xstrdup(dir) : NULL;
}

int config_file_load_string(struct config *cfg, const char *text,
                            const char *name, const char *dir, char **err)
{
    set_file(cfg, name, dir);
    struct loader ld = {.cfg = cfg, .name = name, .s = text};
    return finish_load(&ld, ini_parse_stream(read_string, &ld, handler, &ld), err);
}

int config_file_load(struct config *cfg, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        *err = xasprintf("cannot read configuration file %s: %s", path, strerror(errno));
        return -1;
    }
    char abs[PATH_MAX];
    char *dir = NULL;
    if (realpath(path, abs)) {
        char *slash = strrchr(abs, '/');
        dir = xstrndup(abs, slash && slash != abs ? (size_t)(slash - abs) : 1);
    }
    set_file(cfg, path, dir);
    free(dir);
    struct loader ld = {.cfg = cfg, .name = path, .f = f};
    int rc = ini_parse_stream(read_stream, &ld, handler, &ld);
    fclose(f);
    return finish_load(&ld, rc, err);
}

char *config_file_locate(int argc, char *const *argv, const char *start_dir)
{
    char *given = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--no-config")) {
            free(given);
            return NULL;
        }
        if (!strcmp(argv[i], "--config") && i + 1 < argc) {
            free(given);
            given = xstrdup(argv[++i]);
        } else if (!strncmp(argv[i], "--config=", 9)) {
            free(given);
            given = xstrdup(argv[i] + 9);
        }
    }
    if (given || !start_dir)
        return given;
    /* the nearest .mibcheck.ini from here up to the root */
    char *dir = xstrdup(start_dir);
    for (;;) {
        char *cand = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                               CONFIG_FILE_NAME);
        if (access(cand, F_OK) == 0) {
            free(dir);
            return cand;
        }
        free(cand);
        char *slash = strrchr(dir, '/');
        if (!slash || !strcmp(dir, "/"))
            break;
        slash[slash == dir ? 1 : 0] = '\0';
    }
    free(dir);
    return NULL;
}

void config_mark_cli(struct config *cfg, int opt, const struct option *opts)
{
    for (size_t i = 0; opts[i].name; i++) {
        if (opts[i].val != opt)
            continue;
        const char *name = opts[i].name;
        if (!strcmp(name, "output") || !strcmp(name, "format")) {
            config_set_origin(cfg, KEY_OUTPUTS, "command line");
            return;
        }
        for (int k = 0; k < KEY_COUNT; k++)
            if (!strcmp(name, config_key_name((enum config_key)k)))
                config_set_origin(cfg, (enum config_key)k, "command line");
        return;
    }
}

/* Move sv->v[from..] before sv->v[0..from). */
static void rotate(char **v, size_t len, size_t from)
{
    if (from == 0 || from >= len)
        return;
    char **tmp = xmalloc(len * sizeof *tmp);
    memcpy(tmp, v + from, (len - from) * sizeof *tmp);
    memcpy(tmp + (len - from), v, from * sizeof *tmp);
    memcpy(v, tmp, len * sizeof *tmp);
    free(tmp);
}

void config_finish(struct config *cfg)
{
    rotate(cfg->mib_path.v, cfg->mib_path.len, cfg->file_mib_path.len);
    rotate(cfg->reference_dirs.v, cfg->reference_dirs.len, cfg->file_reference_dirs.len);
    if (cfg->file_outputs && cfg->n_outputs > cfg->file_outputs) {
        for (size_t i = 0; i < cfg->file_outputs; i++) {
            free(cfg->outputs[i].format);
            free(cfg->outputs[i].path);
        }
        memmove(cfg->outputs, cfg->outputs + cfg->file_outputs,
                (cfg->n_outputs - cfg->file_outputs) * sizeof *cfg->outputs);
        cfg->n_outputs -= cfg->file_outputs;
        cfg->file_outputs = 0;
    }
}

/* One "KEY = VALUE ; ORIGIN" line of --print-config.  The output must
 * read back, and the reader takes lines of at most MAX_LINE characters:
 * a long value gets its origin on a comment line of its own, and no
 * blanks around '=' if it needs the room (found by fuzz-config). */
static void print_line(FILE *f, const char *key, const char *value, const char *origin)
{
    size_t n = strlen(key) + strlen(value);
    if (n + 6 + strlen(origin) <= MAX_LINE) {
        fprintf(f, "%s = %s ; %s\n", key, value, origin);
        return;
    }
    fprintf(f, "; %.*s\n", MAX_LINE - 2, origin);
    fprintf(f, "%s%s%s\n", key, n + 3 <= MAX_LINE ? " = " : "=", value);
}

static void print_value(const struct config *cfg, FILE *f, enum config_key key,
                        const char *value)
{
    const char *o = cfg->origin[key];
    print_line(f, config_key_name(key), value, o ? o : "default");
}

static void print_list(FILE *f, enum config_key key, const struct strvec *sv,
                       const struct strvec *file_origins)
{
    /* the command line's entries come first (config_finish) */
    size_t cli = sv->len - file_origins->len;
    for (size_t i = 0; i < sv->len; i++)
        print_line(f, config_key_name(key), sv->v[i],
                   i < cli ? "command line" : file_origins->v[i - cli]);
}

static void print_settings(const struct config *cfg, FILE *f, const char *glob)
{
    for (size_t i = 0; i < cfg->n_settings; i++) {
        const struct rule_setting *s = &cfg->settings[i];
        if ((glob == NULL) != (s->path_glob == NULL) ||
            (glob && strcmp(glob, s->path_glob)))
            continue;
        if (s->kind == SET_SEVERITY)
            print_line(f, s->pattern, severity_name(s->severity), s->origin);
        else
            print_line(f, s->kind == SET_ENABLE ? "enable" : "disable", s->pattern,
                       s->origin);
    }
}

void config_print(const struct config *cfg, FILE *f)
{
    static const char *const colors[] = {"auto", "always", "never"};
    char num[32];
    fprintf(f, "; effective configuration; configuration file: %s\n",
            cfg->config_file ? cfg->config_file : "none");
    fprintf(f, "[mibcheck]\n");
    print_value(cfg, f, KEY_PROFILE, cfg->profile);
    print_value(cfg, f, KEY_FAIL_ON, cfg->fail_on == SEV_NONE ? "never" : severity_name(cfg->fail_on));
    print_value(cfg, f, KEY_MIN_SEVERITY, severity_name(cfg->min_severity));
    print_value(cfg, f, KEY_COLOR, colors[cfg->color]);
    print_value(cfg, f, KEY_QUIET, cfg->quiet ? "true" : "false");
    print_value(cfg, f, KEY_RECURSIVE, cfg->recursive ? "true" : "false");
    snprintf(num, sizeof num, "%d", cfg->jobs);
    print_value(cfg, f, KEY_JOBS, cfg->jobs ? num : "auto");
    snprintf(num, sizeof num, "%d", cfg->timeout);
    print_value(cfg, f, KEY_TIMEOUT, num);
    snprintf(num, sizeof num, "%ld", cfg->max_memory_mb);
    print_value(cfg, f, KEY_MAX_MEMORY, num);
    snprintf(num, sizeof num, "%zu", cfg->max_file_size);
    print_value(cfg, f, KEY_MAX_FILE_SIZE, num);
    if (cfg->pen_registry_path)
        print_value(cfg, f, KEY_PEN_REGISTRY, cfg->pen_registry_path);
    if (cfg->baseline_path)
        print_value(cfg, f, KEY_BASELINE, cfg->baseline_path);
    print_list(f, KEY_MIB_PATH, &cfg->mib_path, &cfg->file_mib_path);
    print_list(f, KEY_REFERENCE, &cfg->reference_dirs, &cfg->file_reference_dirs);
    fprintf(f, "[rules]\n");
    print_settings(cfg, f, NULL);
    fprintf(f, "[outputs]\n");
    const char *oo = cfg->origin[KEY_OUTPUTS];
    if (!cfg->n_outputs)
        fprintf(f, "text = - ; default\n");
    for (size_t i = 0; i < cfg->n_outputs; i++)
        print_line(f, cfg->outputs[i].format,
                   cfg->outputs[i].path ? cfg->outputs[i].path : "-", oo ? oo : "default");
    /* each [path:] section once, in the order of the file */
    for (size_t i = 0; i < cfg->n_settings; i++) {
        const char *g = cfg->settings[i].path_glob;
        bool seen = false;
        for (size_t j = 0; g && j < i && !seen; j++)
            seen = cfg->settings[j].path_glob && !strcmp(cfg->settings[j].path_glob, g);
        if (!g || seen)
            continue;
        fprintf(f, "[path:%s]\n", g);
        print_settings(cfg, f, g);
    }
}
