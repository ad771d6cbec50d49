/* The compat family: a module against its previous release (--previous),
 * by the revision rules of RFC 2578 section 10 (and rules.md decision 1
 * on widened ranges). */
#include <stdlib.h>
#include <string.h>

#include "checker/reference.h"
#include "checker/summary.h"
#include "checker/util.h"
#include "rules/check.h"

static int writable(json_t *def)
{
    const char *a = json_string_value(json_object_get(def, "access"));
    return a && (!strcmp(a, "read-write") || !strcmp(a, "read-create") ||
                 !strcmp(a, "write-only"));
}

static int status_rank(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "deprecated"))
        return 1;
    if (!strcmp(s, "obsolete"))
        return 2;
    return 0;   /* current, mandatory, optional */
}

struct compat_ctx {
    struct check_ctx *ctx;
    const char *prev_file;
    int changed;   /* a definition changed */
};

static void report_range(struct compat_ctx *cc, const struct summary_diff *d,
                         int size)
{
    const char *base = json_string_value(json_object_get(d->old_def, "base"));
    const char *o = strcmp(d->old_value, "(none)") ? d->old_value : implicit_value_range(base, size);
    const char *n = strcmp(d->new_value, "(none)") ? d->new_value : implicit_value_range(base, size);
    struct value_interval a[64], b[64];
    size_t na = parse_value_ranges(o, a, 64), nb = parse_value_ranges(n, b, 64);
    if (!o || !n || !na || !nb) {
        report_finding(cc->ctx, RULE_compat_syntax_changed, d->line, d->name,
                       "%s of %s changed from %s to %s", size ? "size" : "range",
                       d->name, d->old_value, d->new_value);
        return;
    }
    int wider = value_ranges_cover(b, nb, a, na), narrower = value_ranges_cover(a, na, b, nb);
    if (wider && narrower)
        return;   /* the same values written another way */
    const char *what = wider ? "widened" : narrower ? "narrowed" : "changed";
    struct finding *f = report_finding(
        cc->ctx, RULE_compat_syntax_changed, d->line, d->name,
        "%s of %s %s from %s to %s%s", size ? "size" : "range", d->name, what,
        d->old_value, d->new_value,
        wider ? ": RFC 2578 section 10.2 allows no range change; a manager "
                "of the last release may reject the new values"
              : ": values that were valid are no longer; define a new object");
    /* rules.md decision 1: widening a read-only object is a warning */
    if (wider && !writable(d->new_def))
        f->severity = SEV_WARNING;
}

static void report_compat(void *arg, const struct summary_diff *d)
{
    struct compat_ctx *cc = arg;
    struct check_ctx *ctx = cc->ctx;
    const char *k = d->kind;
    int line = d->line ? d->line : ctx->span->line;
    if (strcmp(k, "added"))
        cc->changed = 1;
    if (!strcmp(k, "removed")) {
        report_finding(ctx, RULE_compat_removed, line, d->name,
                       "%s (%s) of the previous release is gone: keep it, "
                       "with STATUS deprecated or obsolete, so its OID is never "
                       "reused and importers still load", d->name, d->old_value);
    } else if (!strcmp(k, "oid")) {
        report_finding(ctx, RULE_compat_oid_changed, line, d->name,
                       "%s moved from %s to %s: a descriptor keeps its OID "
                       "forever; define a new object for the new place",
                       d->name, d->old_value, d->new_value);
    } else if (!strcmp(k, "base-type") || !strcmp(k, "kind")) {
        report_finding(ctx, RULE_compat_syntax_changed, line, d->name,
                       "%s of %s changed from %s to %s: define a new object "
                       "instead", !strcmp(k, "kind") ? "kind" : "base type",
                       d->name, d->old_value, d->new_value);
    } else if (!strcmp(k, "range") || !strcmp(k, "size")) {
        report_range(cc, d, !strcmp(k, "size"));
    } else if (!strcmp(k, "enum-removed") || !strcmp(k, "enum-renumbered")) {
        report_finding(ctx, RULE_compat_syntax_changed, line, d->name,
                       "enumeration of %s %s: %s before, %s now; only new "
                       "values may be added", d->name,
                       !strcmp(k, "enum-removed") ? "lost values" : "renumbered",
                       d->old_value, d->new_value);
    } else if (!strcmp(k, "access")) {
        report_finding(ctx, RULE_compat_access_changed, line, d->name,
                       "MAX-ACCESS of %s changed from %s to %s: RFC 2578 "
                       "section 10.2 allows no access change", d->name,
                       d->old_value, d->new_value);
    } else if (!strcmp(k, "index")) {
        report_finding(ctx, RULE_compat_index_changed, line, d->name,
                       "%s changed from %s to %s: instances would be named "
                       "differently; define a new table", d->name,
                       d->old_value, d->new_value);
    } else if (!strcmp(k, "status")) {
        if (status_rank(d->new_value) < status_rank(d->old_value))
            report_finding(ctx, RULE_compat_status_regressed, line, d->name,
                           "STATUS of %s went back from %s to %s: status only "
                           "moves from current to deprecated to obsolete",
                           d->name, d->old_value, d->new_value);
    }
    /* added definitions, added enumerations, a new named type of the same
     * values, DEFVAL, UNITS and group changes: allowed by section 10.2 or
     * left to other rules */
}

static void check_previous(struct check_ctx *ctx)
{
    const struct ref_module *pm = reference_module(ctx->cfg->previous_set,
                                                   ctx->module->name);
    if (!pm)
        return;
    char *a = realpath(pm->path, NULL), *b = realpath(ctx->file, NULL);
    int same_file = a && b && !strcmp(a, b);
    free(a);
    free(b);
    if (same_file ||
        same_module_text(ctx->tokens, ctx->span, pm->path, ctx->cfg->max_file_size))
        return;
    /* the previous release's imports come from its own folder first */
    char *dir = xstrdup(pm->path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    char *path = xasprintf("%s:%s", slash ? dir : ".", ctx->smipath ? ctx->smipath : "");
    json_t *old = module_summary_in_fork(pm->path, pm->name, path, ctx->cfg->timeout);
    free(path);
    free(dir);
    if (!old)
        return;
    json_t *mine = module_summary(ctx->module, ctx->tokens, ctx->span);
    struct compat_ctx cc = {ctx, pm->path, 0};
    summary_diff(old, mine, report_compat, &cc);

    /* the text changed (the tokens differ): LAST-UPDATED and the newest
     * REVISION must say so */
    const char *lu_old = json_string_value(json_object_get(old, "last_updated"));
    const char *lu_new = json_string_value(json_object_get(mine, "last_updated"));
    json_t *rev_old = json_array_get(json_object_get(old, "revisions"), 0);
    json_t *rev_new = json_array_get(json_object_get(mine, "revisions"), 0);
    int same_rev = (!rev_old && !rev_new) || json_equal(rev_old, rev_new);
    if (lu_old && lu_new && !strcmp(lu_old, lu_new) && same_rev) {
        int line = (int)json_integer_value(json_object_get(mine, "last_updated_line"));
        report_finding(ctx, RULE_compat_revision_missing, line ? line : ctx->span->line,
                       NULL,
                       "the module differs from the previous release (%s) but "
                       "LAST-UPDATED is still \"%s\"%s: add a REVISION saying "
                       "what changed and update LAST-UPDATED",
                       pm->path, lu_new, rev_new ? " and no REVISION was added" : "");
    }
    json_decref(mine);
    json_decref(old);
}

static const check_fn checks[] = {check_previous, NULL};

static const struct rule_doc docs[] = {
    {"compat-removed",
     "With --previous: reports a definition (object, node, notification, "
     "group, textual convention) of the previous release of the module that "
     "the new release no longer has.",
     "Other modules import it and agents and managers of the last release "
     "use it; RFC 2578 section 10 lets a definition only become deprecated "
     "or obsolete, never disappear, so that its OID is never reused.",
     "-- release 2 simply drops it\n"
     "-- acmeFanLegacyMode OBJECT-TYPE ... ::= { acmeFanEntry 4 }",
     "acmeFanLegacyMode OBJECT-TYPE\n"
     "    ...\n"
     "    STATUS      obsolete\n"
     "    ...\n"
     "    ::= { acmeFanEntry 4 }",
     "Put the definition back with STATUS deprecated or obsolete."},
    {"compat-oid-changed",
     "With --previous: reports a descriptor whose OID differs from the "
     "previous release.",
     "An OID names one thing forever (RFC 2578 sections 3.6 and 10): "
     "managers of the last release would read another object under the old "
     "name, or nothing.",
     "acmeFanSpeed ... ::= { acmeFanEntry 3 }   -- was { acmeFanEntry 2 }",
     "acmeFanSpeed ... ::= { acmeFanEntry 2 }\n"
     "acmeFanSpeedRpm ... ::= { acmeFanEntry 5 }   -- a new object",
     "Keep the old OID; give a definition that must live elsewhere a new "
     "descriptor."},
    {"compat-syntax-changed",
     "With --previous: reports a SYNTAX change that RFC 2578 section 10.2 "
     "does not allow: another base type, enumerations removed or "
     "renumbered, a range or size narrowed or moved.  A widened range or "
     "size is reported too (rules.md decision 1), as a warning when the "
     "object is read-only and an error when it is writable.  Adding "
     "enumerations, using a textual convention with the same values, and "
     "adding or removing a range equal to the base type's are allowed.",
     "A manager built on the last release decodes values by the old syntax; "
     "a different base type or lost values break it silently.",
     "acmeFanMode  SYNTAX INTEGER { on(1), off(2) }   -- release 1\n"
     "acmeFanMode  SYNTAX INTEGER { on(1) }           -- release 2",
     "acmeFanMode  SYNTAX INTEGER { on(1), off(2), auto(3) }",
     "Restore the old syntax; define a new object for a new one."},
    {"compat-access-changed",
     "With --previous: reports a MAX-ACCESS that differs from the previous "
     "release (read-create is told from read-write by the module text).",
     "RFC 2578 section 10.2 keeps MAX-ACCESS fixed: managers of the last "
     "release would write what cannot be written, or never create rows.",
     "acmeFanTarget  MAX-ACCESS read-only   -- was read-write",
     "acmeFanTarget  MAX-ACCESS read-write",
     "Restore the old access, or document the waiver (RFC 4181 section 4.9) "
     "and keep compliance statements at the old MIN-ACCESS."},
    {"compat-index-changed",
     "With --previous: reports a row whose INDEX (objects, order, IMPLIED) "
     "or AUGMENTS differs from the previous release.",
     "The index names every instance of the row; changing it renames every "
     "instance, which RFC 2578 section 10.2 counts as a change of meaning.",
     "acmeFanEntry INDEX { entPhysicalIndex, acmeFanIndex }  -- was { acmeFanIndex }",
     "acmeFan2Entry INDEX { entPhysicalIndex, acmeFanIndex }  -- a new table",
     "Keep the old index; define a new table for a new one and deprecate "
     "the old table."},
    {"compat-status-regressed",
     "With --previous: reports a STATUS that went back: obsolete to "
     "deprecated or current, deprecated to current.",
     "Status only moves forward (RFC 2578 section 10.2; RFC 2580 section 7): "
     "implementers have already dropped what was deprecated or obsoleted.",
     "acmeFanLegacyMode  STATUS current   -- was obsolete",
     "a new object with STATUS current",
     "Keep the later status; define a new object if the feature returns."},
    {"compat-revision-missing",
     "With --previous: reports a module whose text differs from the "
     "previous release (white space and comments aside) while LAST-UPDATED "
     "and the newest REVISION are unchanged.",
     "Every new version of a module updates LAST-UPDATED and adds a "
     "REVISION describing the change (RFC 2578 sections 5.6 and 10): without "
     "it nobody can tell the two releases apart.",
     "LAST-UPDATED \"202301010000Z\"   -- unchanged, but acmeFanTable was added",
     "LAST-UPDATED \"202406010000Z\"\n"
     "...\n"
     "REVISION    \"202406010000Z\"\n"
     "DESCRIPTION \"Added acmeFanTable.\"",
     "Add a REVISION clause and set LAST-UPDATED to its date."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_compat = {"compat", checks, docs};
