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

#include "checker/agent.h"
#include "checker/baseline.h"
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
    OPT_SHOW_SOURCE, OPT_BASE_DIR, OPT_TIMESTAMP, OPT_MAX_VARBINDS,
    OPT_MAX_SECONDS, OPT_MAX_REPETITIONS, OPT_COMPLIANCE, OPT_CAPABILITIES, OPT_WALK_FILE,
    OPT_SAVE_WALK, OPT_SEVERITY, OPT_BASELINE, OPT_WRITE_BASELINE
};

/* The options both commands take, handled by common_option(): one list,
 * so that neither table can miss one.  `mibcheck agent --help` lists them
 * from here too.  X(name, has_arg, val, metavar or NULL) */
#define COMMON_OPTIONS(X)                                       \
    X("mib-path", required_argument, 'M', "DIR")                \
    X("format", required_argument, 'f', "FMT")                  \
    X("output", required_argument, 'o', "FILE")                 \
    X("quiet", no_argument, 'q', NULL)                          \
    X("fail-on", required_argument, OPT_FAIL_ON, "SEV")         \
    X("min-severity", required_argument, OPT_MIN_SEVERITY, "SEV") \
    X("enable", required_argument, OPT_ENABLE, "RULE")          \
    X("disable", required_argument, OPT_DISABLE, "RULE")        \
    X("severity", required_argument, OPT_SEVERITY, "RULE=LEVEL") \
    X("color", required_argument, OPT_COLOR, "WHEN")            \
    X("config", required_argument, OPT_CONFIG, "FILE")          \
    X("no-config", no_argument, OPT_NO_CONFIG, NULL)            \
    X("show-source", no_argument, OPT_SHOW_SOURCE, NULL)        \
    X("base-dir", required_argument, OPT_BASE_DIR, "DIR")       \
    X("timestamp", no_argument, OPT_TIMESTAMP, NULL)            \
    X("baseline", required_argument, OPT_BASELINE, "FILE")      \
    X("write-baseline", required_argument, OPT_WRITE_BASELINE, "FILE")
/* their short forms and -h, for both getopt strings */
#define COMMON_SHORT_OPTIONS "M:f:o:qh"
#define LONG_OPTION(name, has_arg, val, meta) {name, has_arg, NULL, val},

static const struct option long_options[] = {
    COMMON_OPTIONS(LONG_OPTION)
    /* each command answers --help with its own text */
    {"help", no_argument, NULL, 'h'},
    {"recursive", no_argument, NULL, 'r'},
    {"jobs", required_argument, NULL, 'j'},
    {"list-rules", no_argument, NULL, OPT_LIST_RULES},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"print-path", no_argument, NULL, OPT_PRINT_PATH},
    {"version", no_argument, NULL, OPT_VERSION},
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
    {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
    {NULL, 0, NULL, 0}};

static void usage(FILE *f)
{
    fprintf(f,
"Usage: mibcheck [OPTION]... PATH...\n"
"       mibcheck agent [OPTION]... HOST[:PORT] MODULE...\n"
"Check SNMP MIB modules (files or directories, walked recursively) with\n"
"libsmi and the MIB review rules of BCP 111 (RFC 4181); with agent, check\n"
"that a live SNMP agent answers as the modules say (mibcheck agent --help).\n"
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
"      --enable RULE[,RULE] enable rules (ids or globs: 'smi-namelength-32-*')\n"
"      --disable RULE[,RULE] disable rules; the last match wins, and the\n"
"                           command line wins over the configuration file\n"
"      --severity RULE=LEVEL  report RULE (id or glob) at LEVEL: error,\n"
"                           warning, info, or on / off (repeatable)\n"
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
"Baseline (adopting mibcheck on a legacy set):\n"
"      --write-baseline FILE  record this run's findings in FILE (JSON) as\n"
"                           accepted; nothing is reported and the exit\n"
"                           status is 0\n"
"      --baseline FILE      report only findings not in FILE; the others\n"
"                           are counted in the summary as baselined and do\n"
"                           not change the exit status (also `baseline =\n"
"                           FILE' in .mibcheck.ini)\n"
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

/* The options the static check and `mibcheck agent` share: inputs'
 * path, reports, filters.  Returns 1 when opt is one of them, 0 when not,
 * -1 after a usage error message. */
static int common_option(struct config *cfg, int opt, const char *arg)
{
    switch (opt) {
    case 'M': strvec_push(&cfg->mib_path, arg); return 1;
    case 'f':
        if (!report_writer_find(arg))
            return usage_error("unknown format '%s'", arg), -1;
        add_output(cfg, arg, NULL);
        return 1;
    case 'o':
        if (cfg->n_outputs && !cfg->outputs[cfg->n_outputs - 1].path)
            cfg->outputs[cfg->n_outputs - 1].path = xstrdup(arg);
        else
            add_output(cfg, "text", arg);
        return 1;
    case 'q': cfg->quiet = true; return 1;
    case OPT_FAIL_ON:
    case OPT_MIN_SEVERITY: {
        int s = severity_parse(arg, opt == OPT_FAIL_ON);
        if (s < 0)
            return usage_error(opt == OPT_FAIL_ON
                                   ? "bad --fail-on '%s': expected error, warning, info or never"
                                   : "bad --min-severity '%s': expected error, warning or info",
                               arg), -1;
        if (opt == OPT_FAIL_ON)
            cfg->fail_on = (enum severity)s;
        else
            cfg->min_severity = (enum severity)s;
        return 1;
    }
    case OPT_DISABLE:
    case OPT_ENABLE:
    case OPT_SEVERITY: {
        /* the configuration file's [rules] keys, in the same words */
        char *err;
        const char *eq = strrchr(arg, '=');
        if (opt != OPT_SEVERITY) {
            err = config_add_rule_list(cfg, NULL, arg,
                                       opt == OPT_ENABLE ? SET_ENABLE : SET_DISABLE,
                                       "command line");
        } else if (!eq || eq == arg) {
            err = xasprintf("bad --severity '%s': expected RULE=LEVEL", arg);
        } else {
            char *pattern = xstrndup(arg, (size_t)(eq - arg));
            err = config_add_rule_value(cfg, NULL, pattern, eq + 1, "command line");
            free(pattern);
        }
        if (err) {
            usage_error("%s", err);
            free(err);
            return -1;
        }
        return 1;
    }
    case OPT_COLOR:
        if (!strcmp(arg, "auto")) cfg->color = COLOR_AUTO;
        else if (!strcmp(arg, "always")) cfg->color = COLOR_ALWAYS;
        else if (!strcmp(arg, "never")) cfg->color = COLOR_NEVER;
        else
            return usage_error("bad --color '%s': expected auto, always or never", arg), -1;
        return 1;
    case OPT_CONFIG: case OPT_NO_CONFIG: return 1;   /* read before the options */
    case OPT_BASELINE:
        free(cfg->baseline_path);
        cfg->baseline_path = xstrdup(arg);
        return 1;
    case OPT_WRITE_BASELINE:
        free(cfg->write_baseline_path);
        cfg->write_baseline_path = xstrdup(arg);
        return 1;
    case OPT_SHOW_SOURCE: cfg->show_source = true; return 1;
    case OPT_TIMESTAMP: cfg->timestamp = true; return 1;
    case OPT_BASE_DIR:
        free(cfg->base_dir);
        cfg->base_dir = xstrdup(arg);
        return 1;
    default: return 0;
    }
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

/* Count the findings into sum, write every report.  Returns 1 when a
 * finding is at or above --fail-on, else 0; 2 when a report could not be
 * written. */
static int write_reports(const struct config *cfg, const struct source_set *ss,
                         const struct module_records *mods,
                         const struct finding_list *findings, struct report_summary *sum)
{
    int rc = 0;
    for (size_t i = 0; i < findings->len; i++) {
        enum severity s = findings->items[i].severity;
        sum->errors += s == SEV_ERROR;
        sum->warnings += s == SEV_WARNING;
        sum->infos += s == SEV_INFO;
        if (cfg->fail_on != SEV_NONE && s >= cfg->fail_on)
            rc = 1;
    }
    char *base_dir = report_abs_path(cfg->base_dir ? cfg->base_dir : ".");
    long long stamp = -1;
    if (cfg->timestamp) {
        stamp = report_source_date_epoch();
        if (stamp < 0)
            stamp = (long long)time(NULL);
    }
    for (size_t i = 0; i < cfg->n_outputs; i++) {
        const struct report_writer *w = report_writer_find(cfg->outputs[i].format);
        int to_stdout = !strcmp(cfg->outputs[i].path, "-");
        struct report_run run = {
            cfg, cfg->outputs[i].path,
            cfg->color == COLOR_ALWAYS ||
                (cfg->color == COLOR_AUTO && to_stdout && isatty(1) &&
                 !getenv("NO_COLOR")),
            ss, base_dir, stamp};
        if (report_write(w, &run, mods, findings, sum) < 0) {
            fprintf(stderr, "mibcheck: cannot write %s: %s\n",
                    cfg->outputs[i].path, strerror(errno));
            rc = 2;
        }
    }
    free(base_dir);
    return rc;
}

/* --baseline FILE, read before the work: a bad file stops the run.
 * --write-baseline replaces it, so it is not read then.  Returns 0, or
 * -1 after a message. */
static int baseline_read(const struct config *cfg, struct baseline *b)
{
    if (!cfg->baseline_path || cfg->write_baseline_path)
        return 0;
    char *err = NULL;
    if (baseline_load(cfg->baseline_path, b, &err) < 0) {
        fprintf(stderr, "mibcheck: %s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

/* After the filters: write --write-baseline, then take the accepted
 * findings out (counted in sum).  Returns 0, or -1 after a message. */
static int baseline_step(const struct config *cfg, struct baseline *b,
                         struct finding_list *findings, const struct module_records *mods,
                         const struct source_set *ss, bool interrupted,
                         struct report_summary *sum)
{
    if (cfg->write_baseline_path) {
        /* an interrupted run would accept only part of the findings */
        if (interrupted) {
            fprintf(stderr, "mibcheck: the run was interrupted: baseline %s not written\n",
                    cfg->write_baseline_path);
            return -1;
        }
        baseline_from_findings(findings, b);
        if (baseline_write(b, cfg->write_baseline_path) < 0) {
            fprintf(stderr, "mibcheck: cannot write baseline %s: %s\n",
                    cfg->write_baseline_path, strerror(errno));
            return -1;
        }
    }
    if (cfg->write_baseline_path || cfg->baseline_path) {
        sum->baseline = true;
        sum->baselined = baseline_apply(b, findings);
        sum->baseline_stale = baseline_stale(b, cfg, mods, ss);
    }
    return 0;
}

/* Without -f/-o: text on stdout; a -f without its -o: stdout. */
static void default_outputs(struct config *cfg)
{
    if (cfg->n_outputs == 0)
        add_output(cfg, "text", "-");
    for (size_t i = 0; i < cfg->n_outputs; i++)
        if (!cfg->outputs[i].path)
            cfg->outputs[i].path = xstrdup("-");
}

static const struct option agent_long_options[] = {
    COMMON_OPTIONS(LONG_OPTION)
    {"help", no_argument, NULL, 'h'},
    {"max-varbinds", required_argument, NULL, OPT_MAX_VARBINDS},
    {"max-seconds", required_argument, NULL, OPT_MAX_SECONDS},
    {"max-repetitions", required_argument, NULL, OPT_MAX_REPETITIONS},
    {"compliance", required_argument, NULL, OPT_COMPLIANCE},
    {"capabilities", required_argument, NULL, OPT_CAPABILITIES},
    {"walk-file", required_argument, NULL, OPT_WALK_FILE},
    {"save-walk", required_argument, NULL, OPT_SAVE_WALK},
    {NULL, 0, NULL, 0}};

/* The shared options' synopsis for `mibcheck agent --help`, filled to
 * 70 columns: "-M, --mib-path DIR" where there is a short form, long-only
 * options starting a line aligned under the long names. */
static void common_options_synopsis(FILE *f)
{
    static const struct {
        const char *name;
        int val;
        const char *meta;
    } opts[] = {
#define SYNOPSIS_ENTRY(name, has_arg, val, meta) {name, val, meta},
        COMMON_OPTIONS(SYNOPSIS_ENTRY)
#undef SYNOPSIS_ENTRY
    };
    int col = 0;
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
        char item[64];
        int has_short = opts[i].val < 256;
        if (has_short)
            snprintf(item, sizeof item, "-%c, --%s%s%s", opts[i].val, opts[i].name,
                     opts[i].meta ? " " : "", opts[i].meta ? opts[i].meta : "");
        else
            snprintf(item, sizeof item, "--%s%s%s", opts[i].name,
                     opts[i].meta ? " " : "", opts[i].meta ? opts[i].meta : "");
        if (col && col + 2 + (int)strlen(item) > 70) {
            fputc('\n', f);
            col = 0;
        }
        if (col)
            col += fprintf(f, "  %s", item);
        else   /* a line starts with the long names aligned */
            col = fprintf(f, has_short ? "  %s" : "      %s", item);
    }
    fputc('\n', f);
}

static void agent_usage(FILE *f)
{
    fprintf(f,
"Usage: mibcheck agent [OPTION]... HOST[:PORT] MODULE...\n"
"       mibcheck agent [OPTION]... --walk-file FILE MODULE...\n"
"Walk an SNMP agent with GetBulk over the subtrees the MODULEs (names, or\n"
"files) define, and check that it answers as they say: types, ranges,\n"
"instance OIDs, access, unknown objects, walk order and, with\n"
"--compliance or --capabilities, the groups and narrower SYNTAX these\n"
"claim.  Nothing is ever written to the agent.\n"
"\n"
"SNMP (as Net-SNMP's tools take them; no snmp.conf is read):\n"
"  -v 2c|3                  protocol version (default 2c)\n"
"  -c COMMUNITY             SNMPv2c community (default public)\n"
"  -u USER                  SNMPv3 user (USM)\n"
"  -l LEVEL                 noAuthNoPriv (default), authNoPriv or authPriv\n"
"  -a PROTOCOL              authentication: MD5 (default), SHA, SHA-224,\n"
"                           SHA-256, SHA-384, SHA-512\n"
"  -A PASSPHRASE            authentication passphrase\n"
"  -x PROTOCOL              privacy: DES (default), AES, AES-192, AES-256\n"
"  -X PASSPHRASE            privacy passphrase\n"
"  -n CONTEXT               SNMPv3 context name\n"
"  -t SECONDS               timeout of one request (default 1; decimals allowed)\n"
"  -r RETRIES               retries of one request (default 5)\n"
"Walk:\n"
"      --max-varbinds N     stop after N values in all (default 100000)\n"
"      --max-seconds N      stop after N seconds (default 300)\n"
"      --max-repetitions N  values asked for per GetBulk (default 20)\n"
"      --compliance NAME    report the mandatory groups of this\n"
"                           MODULE-COMPLIANCE that have no instance, and\n"
"                           hold values to the SYNTAX it refines\n"
"      --capabilities NAME  the same for this AGENT-CAPABILITIES (of a\n"
"                           MODULE given): its INCLUDES groups, less\n"
"                           objects it says are not implemented, and its\n"
"                           VARIATION SYNTAX; only SUPPORTS clauses of the\n"
"                           MODULEs given are checked (a note says which not)\n"
"      --walk-file FILE     check a walk saved before instead of an agent\n"
"      --save-walk FILE     also save the walk (lines OID TYPE VALUE)\n"
"Reports and filters, as for checking modules:\n");
    common_options_synopsis(f);
    fprintf(f,
"\n"
"Findings (rules agent-*, see mibcheck --list-rules) sit at the object's\n"
"definition in its module.  Exit status: 0 no finding at or above\n"
"--fail-on, 1 such findings, 2 usage error, a module that does not load,\n"
"or an agent that does not answer or stops answering (the findings of\n"
"the part walked are still reported then).  A walk cut by --max-varbinds\n"
"or --max-seconds is said on stderr and in the report summary, and does\n"
"not change the status; --max-seconds also shortens the timeout and\n"
"retries of the request under way.\n");
}

static int parse_seconds_ms(const char *s, long *ms)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || end == s || *end || d <= 0 || d > 3600)
        return -1;
    *ms = (long)(d * 1000 + 0.5);
    return *ms > 0 ? 0 : -1;
}

/* `mibcheck agent ...`: argv[0] is "agent". */
static int agent_command(int argc, char **argv)
{
    struct config cfg;
    config_init(&cfg);
    struct agent_options ao;
    agent_options_init(&ao);
    struct agent_result res = {0};
    struct baseline baseline = {0};
    char *cfg_err = NULL, *err = NULL;
    int rc = 2, opt;
    long v;
    char *cwd = getcwd(NULL, 0);
    char *cfg_file = config_file_locate(argc, argv, cwd);
    int cfg_rc = cfg_file ? config_file_load(&cfg, cfg_file, &cfg_err) : 0;
    free(cfg_file);
    free(cwd);
    while ((opt = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "v:c:u:l:a:A:x:X:n:t:r:",
                              agent_long_options, NULL)) != -1) {
        config_mark_cli(&cfg, opt, agent_long_options);
        int c = common_option(&cfg, opt, optarg);
        if (c < 0)
            goto out;
        if (c)
            continue;
        switch (opt) {
        case 'h': agent_usage(stdout); rc = 0; goto out;
        case 'v':
            if (!strcmp(optarg, "2c") || !strcmp(optarg, "2"))
                ao.version = 2;
            else if (!strcmp(optarg, "3"))
                ao.version = 3;
            else {
                usage_error("bad -v '%s': expected 2c or 3 (GetBulk needs SNMPv2)", optarg);
                goto out;
            }
            break;
        case 'c': ao.community = optarg; break;
        case 'u': ao.user = optarg; break;
        case 'l':
            if (!agent_level_valid(optarg)) {
                usage_error("bad -l '%s': expected noAuthNoPriv, authNoPriv or authPriv", optarg);
                goto out;
            }
            ao.level = optarg;
            break;
        case 'a':
            if (!agent_auth_valid(optarg)) {
                usage_error("bad -a '%s': expected MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512", optarg);
                goto out;
            }
            ao.auth_proto = optarg;
            break;
        case 'A': ao.auth_pass = optarg; break;
        case 'x':
            if (!agent_priv_valid(optarg)) {
                usage_error("bad -x '%s': expected DES, AES, AES-192 or AES-256", optarg);
                goto out;
            }
            ao.priv_proto = optarg;
            break;
        case 'X': ao.priv_pass = optarg; break;
        case 'n': ao.context = optarg; break;
        case 't':
            if (parse_seconds_ms(optarg, &ao.timeout_ms) < 0) {
                usage_error("bad -t '%s': expected seconds (0.001 to 3600)", optarg);
                goto out;
            }
            break;
        case 'r':
            if (parse_long_range(optarg, 0, 100, &v) < 0) {
                usage_error("bad -r '%s': expected 0 to 100 retries", optarg);
                goto out;
            }
            ao.retries = (int)v;
            break;
        case OPT_MAX_VARBINDS:
            if (parse_long_range(optarg, 1, 100000000, &ao.max_varbinds) < 0) {
                usage_error("bad --max-varbinds '%s': expected 1 to 100000000", optarg);
                goto out;
            }
            break;
        case OPT_MAX_SECONDS:
            if (parse_long_range(optarg, 1, 86400, &ao.max_seconds) < 0) {
                usage_error("bad --max-seconds '%s': expected 1 to 86400", optarg);
                goto out;
            }
            break;
        case OPT_MAX_REPETITIONS:
            if (parse_long_range(optarg, 1, 1000, &v) < 0) {
                usage_error("bad --max-repetitions '%s': expected 1 to 1000", optarg);
                goto out;
            }
            ao.bulk_size = (int)v;
            break;
        case OPT_COMPLIANCE: ao.compliance = optarg; break;
        case OPT_CAPABILITIES: ao.capabilities = optarg; break;
        case OPT_WALK_FILE: ao.walk_file = optarg; break;
        case OPT_SAVE_WALK: ao.save_walk = optarg; break;
        default:
            fprintf(stderr, "(see mibcheck agent --help)\n");
            goto out;
        }
    }
    if (cfg_rc < 0) {
        fprintf(stderr, "mibcheck: %s\n", cfg_err);
        goto out;
    }
    config_finish(&cfg);
    if (!ao.walk_file) {
        if (optind >= argc) {
            usage_error("%s", "agent: give HOST[:PORT] and MODULE...");
            goto out;
        }
        ao.host = argv[optind++];
    }
    if (optind >= argc) {
        usage_error("%s", "agent: give at least one MODULE (name or file)");
        goto out;
    }
    if (ao.version == 3 && !ao.user) {
        usage_error("%s", "agent: -v 3 needs a user (-u)");
        goto out;
    }
    if (ao.version != 3 && ao.context) {
        /* SNMPv2c has no context field: an agent maps communities to them */
        usage_error("%s", "agent: -n CONTEXT needs -v 3 (with SNMPv2c the community "
                          "selects the context)");
        goto out;
    }
    for (int i = optind; i < argc; i++)
        strvec_push(&cfg.inputs, argv[i]);
    default_outputs(&cfg);

    if (baseline_read(&cfg, &baseline) < 0)
        goto out;
    int arc = agent_run(&cfg, &ao, &cfg.inputs, &res, &err);
    if (arc < 0) {
        fprintf(stderr, "mibcheck: %s\n", err);
        goto out;
    }
    char cut[64] = "";
    if (res.bound == AGENT_BOUND_SECONDS)
        snprintf(cut, sizeof cut, "--max-seconds %ld", ao.max_seconds);
    else if (res.bound == AGENT_BOUND_VARBINDS)
        snprintf(cut, sizeof cut, "--max-varbinds %ld", ao.max_varbinds);
    if (arc > 0)
        fprintf(stderr, "mibcheck: the walk stopped: %s\n", err);
    else if (*cut)
        fprintf(stderr, "mibcheck: the walk was cut short by %s after %ld values; "
                        "subtrees not walked whole are not checked for missing groups\n",
                cut, res.varbinds);
    else if (!res.varbinds && !ao.walk_file)
        /* most often a view, a context or a community that sees nothing */
        fprintf(stderr, "mibcheck: note: the agent returned no value under the "
                        "modules' subtrees\n");
    suppress_apply(&res.sources, &res.findings);
    config_filter(&cfg, &res.findings);
    finding_list_sort(&res.findings);
    struct report_summary sum = {0};
    sum.files = res.sources.len;
    sum.modules = res.modules.len;
    sum.incomplete = arc > 0;
    sum.walk_cut = *cut ? cut : NULL;
    if (baseline_step(&cfg, &baseline, &res.findings, &res.modules, &res.sources, arc > 0,
                      &sum) < 0)
        goto out;
    rc = write_reports(&cfg, &res.sources, &res.modules, &res.findings, &sum);
    if (arc > 0)
        rc = 2;
out:
    baseline_free(&baseline);
    agent_result_free(&res);
    free(err);
    free(cfg_err);
    config_free(&cfg);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "agent"))
        return agent_command(argc - 1, argv + 1);
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
    while ((opt = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "rj:", long_options,
                              NULL)) != -1) {
        config_mark_cli(&cfg, opt, long_options);
        int c = common_option(&cfg, opt, optarg);
        if (c < 0) {
            rc = 2;
            goto out;
        }
        if (c)
            continue;
        switch (opt) {
        case 'r': cfg.recursive = true; break;
        case 'j':
            if (parse_long_range(optarg, 1, 1024, &v) < 0) {
                rc = usage_error("bad --jobs '%s': expected 1 to 1024", optarg);
                goto out;
            }
            cfg.jobs = (int)v;
            break;
        case 'h': usage(stdout); rc = 0; goto out;
        case OPT_LIST_RULES: list_rules(); rc = 0; goto out;
        case OPT_RULES_DOC: rules_markdown(); rc = 0; goto out;
        case OPT_EXPLAIN: rc = explain(optarg); goto out;
        case OPT_PRINT_PATH: print_path_only = 1; break;
        case OPT_VERSION:
            printf("mibcheck %s (libsmi %s)\n", PACKAGE_VERSION, smi_version_string);
            rc = 0;
            goto out;
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
    default_outputs(&cfg);
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
    struct baseline baseline = {0};
    char *index_dir = NULL, *smipath = NULL;
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
    if (baseline_read(&cfg, &baseline) < 0) {
        rc = 2;
        goto done;
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
    /* after --export, which still leaves out modules with accepted
     * findings: a baseline changes what gates, not what is sound */
    if (baseline_step(&cfg, &baseline, &findings, &res.modules, &ss, res.interrupted,
                      &sum) < 0) {
        rc = 2;
        goto done;
    }
    rc = write_reports(&cfg, &ss, &res.modules, &findings, &sum);
    if (res.interrupted)
        rc = 2;

done:
    netsnmp_env_free(cfg.netsnmp);
    cfg.netsnmp = NULL;
    /* the folder holds the module links and the documents' extracted
     * modules */
    if (index_dir)
        remove_tree(index_dir);
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
    baseline_free(&baseline);
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
