/* mibcheck: the command line.  Parses options and dispatches; the work
 * lives in sources.c, index.c, engine.c, load.c, rules/ and reports/. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <smi.h>

#include "checker/config.h"
#include "checker/decisions.h"
#include "checker/configfile.h"
#include "checker/engine.h"
#include "checker/export.h"
#include "checker/netsnmp.h"
#include "checker/path.h"
#include "checker/penreg.h"
#include "checker/reference.h"
#include "checker/sources.h"
#include "checker/suppress.h"
#include "checker/util.h"
#include "reports/common.h"
#include "reports/report.h"
#include "rules/oid.h"
#include "rules/rules.h"

enum {
    OPT_FAIL_ON = 256, OPT_MIN_SEVERITY, OPT_DISABLE, OPT_ENABLE,
    OPT_LIST_RULES, OPT_EXPLAIN, OPT_PRINT_PATH, OPT_VERSION, OPT_COLOR,
    OPT_TIMEOUT, OPT_MAX_MEMORY, OPT_MAX_FILE_SIZE, OPT_PROGRESS,
    OPT_PROFILE, OPT_WRITE_INDEX, OPT_NO_PROGRESS, OPT_RULES_DOC,
    OPT_REFERENCE, OPT_PREVIOUS, OPT_PEN_REGISTRY, OPT_NO_NETSNMP,
    OPT_EXPORT, OPT_CACHE, OPT_CONFIG, OPT_NO_CONFIG, OPT_PRINT_CONFIG,
    OPT_SHOW_SOURCE, OPT_BASE_DIR, OPT_TIMESTAMP
};

static const struct option long_options[] = {
    {"mib-path", required_argument, NULL, 'M'},
    {"recursive", no_argument, NULL, 'r'},
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"min-severity", required_argument, NULL, OPT_MIN_SEVERITY},
    {"disable", required_argument, NULL, OPT_DISABLE},
    {"enable", required_argument, NULL, OPT_ENABLE},
    {"list-rules", no_argument, NULL, OPT_LIST_RULES},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"print-path", no_argument, NULL, OPT_PRINT_PATH},
    {"version", no_argument, NULL, OPT_VERSION},
    {"color", required_argument, NULL, OPT_COLOR},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"write-index", required_argument, NULL, OPT_WRITE_INDEX},
    {"rules-markdown", no_argument, NULL, OPT_RULES_DOC},
    {"reference", required_argument, NULL, OPT_REFERENCE},
    {"previous", required_argument, NULL, OPT_PREVIOUS},
    {"pen-registry", required_argument, NULL, OPT_PEN_REGISTRY},
    {"no-netsnmp", no_argument, NULL, OPT_NO_NETSNMP},
    {"export", required_argument, NULL, OPT_EXPORT},
    {"cache", required_argument, NULL, OPT_CACHE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
    {"show-source", no_argument, NULL, OPT_SHOW_SOURCE},
    {"base-dir", required_argument, NULL, OPT_BASE_DIR},
    {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
    {NULL, 0, NULL, 0}};

static void usage(FILE *f)
{
    fprintf(f,
"Usage: mibcheck [OPTION]... PATH...\n"
"Check SNMP MIB modules (files or directories, walked recursively) with\n"
"libsmi and the MIB review rules of BCP 111 (RFC 4181).\n"
"\n"
"Inputs and parsing:\n"
"  -M, --mib-path DIR       look for imported modules in DIR (repeatable,\n"
"                           searched in order, before everything else)\n"
"  -r, --recursive          also report findings in imported modules\n"
"      --print-path         print the effective MIB search path and the\n"
"                           reference set, and exit\n"
"      --previous PATH      the last release (file or directory): check\n"
"                           same-named inputs against it (RFC 2578 s. 10)\n"
"      --reference DIR      standard modules to compare inputs with\n"
"                           (repeatable; the system MIB directories are\n"
"                           always part of the reference set)\n"
"      --pen-registry FILE  IANA's enterprise-numbers file: report enterprise\n"
"                           numbers it does not list, or lists for another\n"
"                           organisation than the module's ORGANIZATION\n"

"      --no-netsnmp         do not also load each module with Net-SNMP's\n"
"                           parser (the netsnmp-* rules)\n"
"      --max-file-size N    skip files larger than N bytes (default 16 MiB)\n"
"      --write-index DIR    also write DIR: one link per input module, named\n"
"                           after the module, for tools that find modules\n"
"                           by file name\n"
"Rules:\n"
"      --list-rules         list every rule: id, severity, family, reference\n"
"      --explain RULE       explain a rule: what, why, example, fix\n"
"      --enable RULE        enable a rule (or glob: 'smi-namelength-32-*')\n"
"      --disable RULE       disable a rule (or glob); the last match wins\n"
"      --profile NAME       vendor (default: BCP 111 as it applies to\n"
"                           enterprise modules), ietf (also the rules on the\n"
"                           text of an RFC or Internet-Draft), loadable (only\n"
"                           what stops libsmi or Net-SNMP loading a module),\n"
"                           smilint (libsmi's raw diagnostics only, as\n"
"                           `smilint -l 6` prints them)\n"
"Configuration:\n"
"      --config FILE        read FILE instead of the nearest .mibcheck.ini\n"
"                           of the current directory or its parents\n"
"      --no-config          read no configuration file\n"
"      --print-config       print the effective configuration, each value\n"
"                           with where it came from, and exit\n"
"Reports:\n"
"      --export DIR         write every module with no finding at or above\n"
"                           --fail-on and nothing from Net-SNMP to DIR/NAME,\n"
"                           checked by loading DIR with Net-SNMP; list the\n"
"                           modules left out, and why, on stderr\n"
"  -f, --format FMT         report format: %s (default text);\n"
"                           repeatable, each followed by its own -o;\n"
"                           short is text with one line per finding\n"
"  -o, --output FILE        write the report to FILE (atomically); - is stdout\n"
"      --show-source        text: show each finding's line, marked\n"
"      --base-dir DIR       SARIF file URIs are relative to DIR (default .)\n"
"      --timestamp          reports carry the time of the run (from\n"
"                           SOURCE_DATE_EPOCH when set); JUnit always does\n"
"      --min-severity SEV   report only findings at or above SEV\n"
"                           (error, warning, info; default info)\n"
"      --color WHEN         auto (default), always or never\n"
"  -q, --quiet              findings only: no summary\n"
"      --progress           show progress on stderr (default: on a terminal)\n"
"Exit status:\n"
"      --fail-on SEV        exit 1 if a finding at or above SEV is reported:\n"
"                           error (default), warning, info or never\n"
"Engine:\n"
"  -j, --jobs N             check N files at a time (default: online cores)\n"
"      --timeout SECONDS    give up on a file after SECONDS (default 30)\n"
"      --max-memory MB      memory a file's check may use beyond the engine's\n"
"                           own (default 2048; 0: no limit)\n"
"      --cache DIR          keep results in DIR and reuse them while a file,\n"
"                           its imports and the configuration are unchanged\n"
"\n"
"  -h, --help               show this help\n"
"      --version            show the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 such findings,\n"
"2 usage error or internal failure.\n",
            report_formats());
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "mibcheck: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see mibcheck --help)\n");
    return 2;
}

static void add_output(struct config *cfg, const char *format, const char *path)
{
    cfg->outputs = xrealloc(cfg->outputs, (cfg->n_outputs + 1) * sizeof *cfg->outputs);
    cfg->outputs[cfg->n_outputs].format = format ? xstrdup(format) : NULL;
    cfg->outputs[cfg->n_outputs].path = path ? xstrdup(path) : NULL;
    cfg->n_outputs++;
}

static void list_rules(void)
{
    for (int i = 0; i < RULE_COUNT; i++) {
        const struct rule_info *ri = rule_info((enum rule_id)i);
        const char *summary = ri->summary;
        if (!summary && ri->family == FAMILY_SMI)
            summary = smi_rule_message(ri->id + 4);
        printf("%-40s %-7s %-11s %-14s %s%s\n", ri->id,
               severity_name(ri->severity), family_name(ri->family),
               ri->reference, summary ? summary : "",
               ri->default_off ? " (off by default)" : "");
    }
}

/* docs/rules.md: the catalogue with every explanation, generated. */
static void rules_markdown(void)
{
    printf("# mibcheck rules\n\n"
           "Generated by `mibcheck --rules-markdown` from rules/catalog.def "
           "and the explanations beside each check; do not edit.\n");
    for (int fam = 0; fam < FAMILY_COUNT; fam++) {
        int any = 0;
        for (int i = 0; i < RULE_COUNT; i++) {
            const struct rule_info *ri = rule_info((enum rule_id)i);
            if ((int)ri->family != fam)
                continue;
            if (!any) {
                printf("\n## %s\n", family_name((enum rule_family)fam));
                if (fam == FAMILY_SMI)
                    printf("\nOne rule per libsmi diagnostic; severity from "
                           "libsmi's level (0-3 error, 4 warning, 5 info, 6 a "
                           "note on the finding it explains).  `mibcheck "
                           "--explain smi-TAG` shows libsmi's message and description.\n\n"
                           "| id | severity | libsmi level | standard |\n|---|---|---|---|\n");
                any = 1;
            }
            if (fam == FAMILY_SMI) {
                const char *std = smi_rule_standard(ri->id + 4);
                printf("| `%s` | %s%s | %d | %s |\n", ri->id, severity_name(ri->severity),
                       ri->default_off ? " (off by default)" : "", ri->smi_level,
                       std ? std : "");
                continue;
            }
            printf("\n### %s\n\n%s. Severity %s; %s.\n", ri->id,
                   ri->summary ? ri->summary : "", severity_name(ri->severity),
                   ri->reference);
            const struct rule_doc *d = rule_doc(ri->id);
            if (d) {
                printf("\n**What it does.** %s\n\n**Why is this bad?** %s\n", d->what, d->why);
                printf("\n**Example**\n\n```\n%s\n```\n", d->bad);
                printf("\n**Use instead**\n\n```\n%s\n```\n", d->good);
                if (d->fix)
                    printf("\n**How to fix.** %s\n", d->fix);
            }
        }
    }
}

static int explain(const char *id)
{
    int r = rule_lookup(id);
    if (r < 0)
        return usage_error("unknown rule '%s'", id);
    char *text = report_explain_text(rule_info((enum rule_id)r));
    fputs(text, stdout);
    free(text);
    return 0;
}

static void print_path(const struct search_path *sp,
                       const struct reference_set *rs)
{
    for (size_t i = 0; i < sp->len; i++)
        printf("%-8s %s\n", sp->v[i].origin, sp->v[i].dir);
    printf("# reference set: %zu standard modules\n", rs->n_modules);
    for (size_t i = 0; i < rs->dirs.len; i++)
        printf("# %-9s %s (%zu modules)\n", rs->dir_origins[i], rs->dirs.v[i],
               reference_modules_in_dir(rs, i));
}

int main(int argc, char **argv)
{
    struct config cfg;
    config_init(&cfg);
    int rc = 2, print_path_only = 0, print_config_only = 0, progress_opt = -1;
    char *write_index = NULL, *export_dir = NULL, *cfg_err = NULL;
    int opt;
    long v;

    /* the configuration file first, so that the command line overrides it;
     * its errors wait until --help and friends had their chance */
    char *cwd = getcwd(NULL, 0);
    char *cfg_file = config_file_locate(argc, argv, cwd);
    int cfg_rc = cfg_file ? config_file_load(&cfg, cfg_file, &cfg_err) : 0;
    free(cfg_file);
    free(cwd);
    while ((opt = getopt_long(argc, argv, "M:ro:f:j:qh", long_options, NULL)) != -1) {
        config_mark_cli(&cfg, opt, long_options);
        switch (opt) {
        case 'M': strvec_push(&cfg.mib_path, optarg); break;
        case 'r': cfg.recursive = true; break;
        case 'f':
            if (!report_writer_find(optarg)) {
                rc = usage_error("unknown format '%s'", optarg);
                goto out;
            }
            add_output(&cfg, optarg, NULL);
            break;
        case 'o':
            if (cfg.n_outputs && !cfg.outputs[cfg.n_outputs - 1].path)
                cfg.outputs[cfg.n_outputs - 1].path = xstrdup(optarg);
            else
                add_output(&cfg, "text", optarg);
            break;
        case 'j':
            if (parse_long_range(optarg, 1, 1024, &v) < 0) {
                rc = usage_error("bad --jobs '%s': expected 1 to 1024", optarg);
                goto out;
            }
            cfg.jobs = (int)v;
            break;
        case 'q': cfg.quiet = true; break;
        case 'h': usage(stdout); rc = 0; goto out;
        case OPT_FAIL_ON:
        case OPT_MIN_SEVERITY: {
            int s = severity_parse(optarg, opt == OPT_FAIL_ON);
            if (s < 0) {
                rc = usage_error(opt == OPT_FAIL_ON
                                     ? "bad --fail-on '%s': expected error, warning, info or never"
                                     : "bad --min-severity '%s': expected error, warning or info",
                                 optarg);
                goto out;
            }
            if (opt == OPT_FAIL_ON)
                cfg.fail_on = (enum severity)s;
            else
                cfg.min_severity = (enum severity)s;
            break;
        }
        case OPT_DISABLE:
        case OPT_ENABLE: {
            /* a plain id must exist; a glob must match something */
            int any = 0;
            for (int i = 0; i < RULE_COUNT && !any; i++)
                any = pattern_match(optarg, rule_info((enum rule_id)i)->id);
            if (!any) {
                rc = usage_error("no rule matches '%s' (see --list-rules)", optarg);
                goto out;
            }
            strvec_push_owned(&cfg.rule_patterns,
                              xasprintf("%c%s", opt == OPT_ENABLE ? '+' : '-', optarg));
            break;
        }
        case OPT_LIST_RULES: list_rules(); rc = 0; goto out;
        case OPT_RULES_DOC: rules_markdown(); rc = 0; goto out;
        case OPT_EXPLAIN: rc = explain(optarg); goto out;
        case OPT_PRINT_PATH: print_path_only = 1; break;
        case OPT_VERSION:
            printf("mibcheck %s (libsmi %s)\n", PACKAGE_VERSION, smi_version_string);
            rc = 0;
            goto out;
        case OPT_COLOR:
            if (!strcmp(optarg, "auto")) cfg.color = COLOR_AUTO;
            else if (!strcmp(optarg, "always")) cfg.color = COLOR_ALWAYS;
            else if (!strcmp(optarg, "never")) cfg.color = COLOR_NEVER;
            else {
                rc = usage_error("bad --color '%s': expected auto, always or never", optarg);
                goto out;
            }
            break;
        case OPT_TIMEOUT:
            if (parse_long_range(optarg, 1, 86400, &v) < 0) {
                rc = usage_error("bad --timeout '%s': expected seconds, 1 to 86400", optarg);
                goto out;
            }
            cfg.timeout = (int)v;
            break;
        case OPT_MAX_MEMORY:
            if (parse_long_range(optarg, 0, 1L << 30, &v) < 0) {
                rc = usage_error("bad --max-memory '%s': expected megabytes", optarg);
                goto out;
            }
            cfg.max_memory_mb = v;
            break;
        case OPT_MAX_FILE_SIZE:
            if (parse_long_range(optarg, 1, 1L << 40, &v) < 0) {
                rc = usage_error("bad --max-file-size '%s': expected bytes", optarg);
                goto out;
            }
            cfg.max_file_size = (size_t)v;
            break;
        case OPT_PROGRESS: progress_opt = 1; break;
        case OPT_NO_PROGRESS: progress_opt = 0; break;
        case OPT_PROFILE:
            if (!config_profile_name(optarg)) {
                fprintf(stderr, "mibcheck: unknown profile '%s': expected %s\n", optarg,
                        config_profile_names());
                rc = 2;
                goto out;
            }
            free(cfg.profile);
            cfg.profile = xstrdup(config_profile_name(optarg));
            break;
        case OPT_CONFIG: case OPT_NO_CONFIG: break;   /* read above */
        case OPT_PRINT_CONFIG: print_config_only = 1; break;
        case OPT_REFERENCE:
            strvec_push(&cfg.reference_dirs, optarg);
            break;
        case OPT_PEN_REGISTRY:
            free(cfg.pen_registry_path);
            cfg.pen_registry_path = xstrdup(optarg);
            break;
        case OPT_NO_NETSNMP: cfg.no_netsnmp = true; break;
        case OPT_PREVIOUS:
            free(cfg.previous);
            cfg.previous = xstrdup(optarg);
            break;
        case OPT_EXPORT:
            free(export_dir);
            export_dir = xstrdup(optarg);
            break;
        case OPT_CACHE:
            free(cfg.cache_dir);
            cfg.cache_dir = xstrdup(optarg);
            break;
        case OPT_SHOW_SOURCE: cfg.show_source = true; break;
        case OPT_TIMESTAMP: cfg.timestamp = true; break;
        case OPT_BASE_DIR:
            free(cfg.base_dir);
            cfg.base_dir = xstrdup(optarg);
            break;
        case OPT_WRITE_INDEX:
            free(write_index);
            write_index = xstrdup(optarg);
            break;
        default:
            rc = 2;
            fprintf(stderr, "(see mibcheck --help)\n");
            goto out;
        }
    }
    if (cfg_rc < 0) {
        fprintf(stderr, "mibcheck: %s\n", cfg_err);
        rc = 2;
        goto out;
    }
    config_finish(&cfg);
    if (print_config_only) {
        config_print(&cfg, stdout);
        rc = 0;
        goto out;
    }
    for (int i = optind; i < argc; i++)
        strvec_push(&cfg.inputs, argv[i]);
    if (!cfg.inputs.len && !print_path_only) {
        rc = usage_error("%s", "no input: give MIB files or directories");
        goto out;
    }
    if (cfg.n_outputs == 0)
        add_output(&cfg, "text", "-");
    for (size_t i = 0; i < cfg.n_outputs; i++)
        if (!cfg.outputs[i].path)
            cfg.outputs[i].path = xstrdup("-");
    if (progress_opt < 0)
        cfg.progress = isatty(2) && !cfg.quiet;
    else
        cfg.progress = progress_opt;

    struct finding_list findings = {0};
    struct source_set ss = {0};
    struct module_index ix = {0};
    struct search_path sp = {0};
    struct engine_result res = {0};
    struct reference_set refs = {0}, prev = {0};
    struct pen_registry pens = {0};
    char *index_dir = NULL, *smipath = NULL, *base_dir = NULL;
    struct engine_signals signals;
    engine_catch_signals(&signals);

    if (cfg.pen_registry_path) {
        char *err = NULL;
        if (pen_registry_load(cfg.pen_registry_path, &pens, &err) < 0) {
            fprintf(stderr, "mibcheck: %s\n", err);
            free(err);
            rc = 2;
            goto done;
        }
        cfg.pen_registry = &pens;
    }

    sources_collect(&cfg, &ss, &findings);
    index_build(&ss, &ix, &findings);
    reference_load(&cfg, &refs);
    cfg.reference = &refs;
    if (cfg.previous) {
        if (access(cfg.previous, R_OK) < 0) {
            fprintf(stderr, "mibcheck: cannot read --previous %s: %s\n",
                    cfg.previous, strerror(errno));
            rc = 2;
            goto done;
        }
        reference_load_previous(cfg.previous, cfg.max_file_size, &prev);
        cfg.previous_set = &prev;
    }

    if (print_path_only) {
        search_path_build(&cfg, &ss, NULL, &sp);
        print_path(&sp, &refs);
        rc = 0;
        goto done;
    }
    if (write_index && index_write_links(&ix, &ss, write_index) < 0) {
        fprintf(stderr, "mibcheck: cannot write index %s: %s\n", write_index,
                strerror(errno));
        rc = 2;
        goto done;
    }
    const char *tmp = getenv("TMPDIR");
    index_dir = xasprintf("%s/mibcheck-index-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(index_dir)) {
        fprintf(stderr, "mibcheck: cannot create the module index in %s: %s\n",
                index_dir, strerror(errno));
        free(index_dir);
        index_dir = NULL;
        rc = 2;
        goto done;
    }
    if (sources_write_extracted(&ss, index_dir) < 0 ||
        index_write_links(&ix, &ss, index_dir) < 0) {
        /* the folder exists: the cleanup at done removes it */
        fprintf(stderr, "mibcheck: cannot write the module index in %s: %s\n",
                index_dir, strerror(errno));
        rc = 2;
        goto done;
    }
    search_path_build(&cfg, &ss, index_dir, &sp);
    smipath = search_path_join(&sp);
    if (netsnmp_wanted(&cfg)) {
        char *why = NULL;
        cfg.netsnmp = netsnmp_env_new(smipath, &ix, &why);
        if (!cfg.netsnmp) {
            fprintf(stderr, "mibcheck: cannot set up Net-SNMP's parser: %s\n", why);
            free(why);
            rc = 2;
            goto done;
        }
    }

    if (engine_run(&cfg, &ss, &ix, smipath, index_dir, &res) < 0) {
        fprintf(stderr, "mibcheck: internal error in the batch engine: %s\n",
                strerror(errno));
        rc = 2;
        goto done;
    }
    finding_list_move(&findings, &res.findings);
    oid_batch_rules(&res.facts, &findings);
    suppress_apply(&ss, &findings);
    config_filter(&cfg, &findings);
    finding_list_sort(&findings);
    if (export_dir) {
        /* the export is loaded with the standard modules only */
        struct buf std = {0};
        for (size_t i = 0; i < sp.len; i++)
            if (strcmp(sp.v[i].origin, "index") && strcmp(sp.v[i].origin, "input"))
                buf_printf(&std, "%s%s", std.len ? ":" : "", sp.v[i].dir);
        int erc = export_vetted(&cfg, &ss, &ix, &res.modules, &findings, export_dir,
                                std.data ? std.data : "", stderr);
        buf_free(&std);
        if (erc < 0) {
            fprintf(stderr, "mibcheck: cannot export to %s: %s\n", export_dir,
                    strerror(errno));
            rc = 2;
            goto done;
        }
    }

    struct report_summary sum = {0};
    sum.files = ss.len;
    sum.modules = res.modules.len;
    sum.incomplete = res.interrupted;
    int failing = 0;
    for (size_t i = 0; i < findings.len; i++) {
        enum severity s = findings.items[i].severity;
        sum.errors += s == SEV_ERROR;
        sum.warnings += s == SEV_WARNING;
        sum.infos += s == SEV_INFO;
        if (cfg.fail_on != SEV_NONE && s >= cfg.fail_on)
            failing = 1;
    }
    rc = failing;
    base_dir = report_abs_path(cfg.base_dir ? cfg.base_dir : ".");
    long long stamp = -1;
    if (cfg.timestamp) {
        stamp = report_source_date_epoch();
        if (stamp < 0)
            stamp = (long long)time(NULL);
    }
    for (size_t i = 0; i < cfg.n_outputs; i++) {
        const struct report_writer *w = report_writer_find(cfg.outputs[i].format);
        int to_stdout = !strcmp(cfg.outputs[i].path, "-");
        struct report_run run = {
            &cfg, cfg.outputs[i].path,
            cfg.color == COLOR_ALWAYS ||
                (cfg.color == COLOR_AUTO && to_stdout && isatty(1) &&
                 !getenv("NO_COLOR")),
            &ss, base_dir, stamp};
        if (report_write(w, &run, &res.modules, &findings, &sum) < 0) {
            fprintf(stderr, "mibcheck: cannot write %s: %s\n",
                    cfg.outputs[i].path, strerror(errno));
            rc = 2;
        }
    }
    if (res.interrupted)
        rc = 2;

done:
    netsnmp_env_free(cfg.netsnmp);
    cfg.netsnmp = NULL;
    /* the folder holds the module links and the documents' extracted
     * modules */
    if (index_dir)
        remove_tree(index_dir);
    free(base_dir);
    free(index_dir);
    free(smipath);
    engine_result_free(&res);
    search_path_free(&sp);
    cfg.reference = NULL;
    cfg.previous_set = NULL;
    reference_free(&refs);
    reference_free(&prev);
    cfg.pen_registry = NULL;
    pen_registry_free(&pens);
    index_free(&ix);
    sources_free(&ss);
    finding_list_free(&findings);
    engine_restore_signals(&signals);
out:
    free(cfg_err);
    free(write_index);
    free(export_dir);
    config_free(&cfg);
    return rc;
}
