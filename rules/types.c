/* The types family: the choice of SYNTAX for objects (RFC 4181 section
 * 4.6.1, RFC 2578 section 7).  Every check walks libsmi's type chain of an
 * object (smiGetNodeType, then smiGetParentType) rather than its text. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checker/util.h"
#include "rules/check.h"
#include "rules/smiwalk.h"

#define OBJECTS (SMI_NODEKIND_SCALAR | SMI_NODEKIND_COLUMN)

static bool current(SmiNode *n)
{
    /* deprecated and obsolete definitions are kept as they were */
    return n->status == SMI_STATUS_CURRENT || n->status == SMI_STATUS_MANDATORY ||
           n->status == SMI_STATUS_UNKNOWN;
}

/* ---- ipaddress-used ---- */

static void check_ipaddress_used(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    for (SmiType *t = smiGetFirstType(m); t; t = smiGetNextType(t)) {
        if (t->name && t->status == SMI_STATUS_CURRENT && type_is_smi(t, "IpAddress"))
            report_finding(ctx, RULE_ipaddress_used, smiGetTypeLine(t), t->name,
                           "textual convention `%s' is built on IpAddress, which holds "
                           "only IPv4 addresses; use InetAddressType and InetAddress "
                           "(INET-ADDRESS-MIB, RFC 4001) instead", t->name);
    }
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n) || !node_is_smi(n, "IpAddress"))
            continue;
        report_finding(ctx, RULE_ipaddress_used, smiGetNodeLine(n), n->name,
                       "`%s' uses IpAddress, which holds only IPv4 addresses; use a "
                       "pair of objects, InetAddressType and InetAddress "
                       "(INET-ADDRESS-MIB, RFC 4001)", n->name);
    }
}

/* ---- displaystring-admin-text ---- */

/* Last descriptor words that name text written by and for people. */
static const char *const admin_words[] = {
    "Name", "Descr", "Description", "Alias", "Contact", "Location", "Comment",
    "Comments", "Label", "Owner", "Note", "Notes", "Text", "Message", "Msg",
    "Remark", "Remarks", "Title", NULL};

/* Words before "Name" that make it a protocol or system identifier (a host
 * name, a file name) rather than text chosen by an administrator. */
static const char *const machine_names[] = {
    "File", "Host", "Domain", "Dns", "DNS", "Path", "Url", "URL", "Uri", "URI",
    "Image", "Class", "Mib", "MIB", "Oid", "OID", "Module", "Dir", "Directory",
    "Fqdn", "FQDN", "Server", "Node", "Object", "Table", "Variable", "Var",
    "Netbios", "NetBios", "NetBIOS", "Nis", "NIS", "Ldap", "LDAP", "Dn", "DN",
    "Sys", "Program", "Process", "Driver", "Package", "Software", "Sw", "SW",
    "Firmware", "Boot", "Config", "Script", "Command", "Cmd", "Exec",
    "If", "Iface", "Interface", "Intf", "Int", "Lu", "LU", "Community", "Ssid", "SSID",
    "Cert", "Certificate", "Vendor", "Product", "Prod", "Model", "Manufacturer", "Mfg",
    "Network", "Net", "Sna", "SNA", "Elan", "Appl", "Application", NULL};

/* Words before Descr/Description for text the device itself fills in from
 * its hardware (ifDescr and its kin). */
static const char *const device_descr[] = {"If", "Iface", "Interface", "Intf", "Int", NULL};

static bool word_in(const char *w, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (!strcmp(w, set[i]))
            return true;
    return false;
}

static bool admin_text_name(const char *descr)
{
    char w[16][32];
    size_t n = camel_words(descr, w, 16);
    if (n < 2 || !word_in(w[n - 1], admin_words))
        return false;
    if (!strcmp(w[n - 1], "Name") && word_in(w[n - 2], machine_names))
        return false;
    if ((!strcmp(w[n - 1], "Descr") || !strcmp(w[n - 1], "Description")) &&
        word_in(w[n - 2], device_descr))
        return false;
    return true;
}

/* The DESCRIPTION says the text is ASCII by design or has a machine
 * format (a host name, an address, a fixed pattern). */
static bool machine_text(const char *text)
{
    return text_matches(text, "(ascii|printable|in the format|format of|host ?name|"
                              "domain name|dns|fqdn|url|uri|ip address|mac address|"
                              "object identifier)");
}

static void check_displaystring_admin_text(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n) || n->access == SMI_ACCESS_NOTIFY)
            continue;
        if (!node_is_tc(n, "SNMPv2-TC", "DisplayString") &&
            !node_is_tc(n, "RFC1213-MIB", "DisplayString"))
            continue;
        if (!admin_text_name(n->name) || machine_text(n->description))
            continue;
        report_finding(ctx, RULE_displaystring_admin_text, smiGetNodeLine(n), n->name,
                       "`%s' holds text for people in DisplayString, which is "
                       "limited to NVT ASCII; use SnmpAdminString "
                       "(SNMP-FRAMEWORK-MIB, RFC 3411), which carries UTF-8", n->name);
    }
}

/* ---- integer-unconstrained ---- */

static bool is_base_integer(SmiType *t)
{
    SmiModule *tm = smiGetTypeModule(t);
    const char *mod = tm && tm->name ? tm->name : "";
    if (*mod && strcmp(mod, "SNMPv2-SMI") && strcmp(mod, "RFC1155-SMI"))
        return false;
    return !strcmp(t->name, "Integer32") || !strcmp(t->name, "Unsigned32") ||
           !strcmp(t->name, "INTEGER");
}

/* The open type the author of module m chose for n: NULL when n has a
 * range somewhere, is not an integer, or uses a type from elsewhere
 * (Counter32, Gauge32, TimeTicks, imported TCs carry their own meaning). */
static const char *unconstrained_type(SmiModule *m, SmiNode *n)
{
    SmiType *t = smiGetNodeType(n);
    if (!t || (t->basetype != SMI_BASETYPE_INTEGER32 && t->basetype != SMI_BASETYPE_UNSIGNED32))
        return NULL;
    const char *shown = NULL;
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        if (smiGetFirstRange(t))
            return NULL;
        if (!t->name)
            continue;
        if (!shown)
            shown = t->name;
        if (is_base_integer(t))
            continue;
        SmiModule *tm = smiGetTypeModule(t);
        if (tm != m)
            return NULL;
    }
    return shown;
}

static void check_integer_unconstrained(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n))
            continue;
        const char *type = unconstrained_type(m, n);
        /* INDEX objects are libsmi's index-element-no-range */
        if (!type || node_is_index_of_module(m, n))
            continue;
        report_finding(ctx, RULE_integer_unconstrained, smiGetNodeLine(n), n->name,
                       "`%s' is %s with neither a range nor an enumeration; state "
                       "the values it can take, e.g. Unsigned32 (0..100), or use a "
                       "type with that meaning (Gauge32, a textual convention)",
                       n->name, type);
    }
}

/* ---- counter-discontinuity-missing ---- */

static bool names_discontinuity(const char *text)
{
    return text_matches(text, "(discontinuit|re-?initiali[sz]ation of the (local )?management)");
}

/* "... since the entry was created", "since the last agent restart": the
 * DESCRIPTION says from which event the count runs, which is what a
 * manager needs to recognise a jump.  (Being cleared by a command is a
 * discontinuity, not an epoch, and is not accepted here.) */
static bool names_epoch(const char *text)
{
    return text_matches(text, "since (the |its |this |that |a )?(last |most recent |time |moment )?"
                              "([a-z-]+ ){0,3}(creat|initiali|re-?initiali|start|boot|"
                              "re-?boot|restart|power|activat|establish|enabl|instantiat|"
                              "install|load|reset|insert|add|discover|up\b|"
                              "was (created|added|started|activated|enabled|established))");
}

/* Does text name an object of TimeStamp syntax (a discontinuity
 * indicator such as ifCounterDiscontinuityTime)? */
static bool names_timestamp_object(SmiModule *m, const char *text)
{
    if (!text)
        return false;
    bool hit = false;
    char *copy = xstrdup(text);
    for (char *save = NULL, *w = strtok_r(copy, " \t\r\n.,;:()'\"`", &save); w && !hit;
         w = strtok_r(NULL, " \t\r\n.,;:()'\"`", &save)) {
        /* descriptors start lower-case and have a capital inside */
        if (!(w[0] >= 'a' && w[0] <= 'z') || !strpbrk(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            continue;
        SmiNode *x = smiGetNode(m, w);
        if (x && node_is_object(x) &&
            (node_is_tc(x, "SNMPv2-TC", "TimeStamp") || node_is_tc(x, "SNMPv2-TC", "DateAndTime") ||
             node_is_smi(x, "TimeTicks")))
            hit = true;
    }
    free(copy);
    return hit;
}

static void check_counter_discontinuity_missing(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    /* Columns only: a row can come and go, or its source restart, while
     * the agent runs; a scalar counter normally jumps only when the whole
     * agent restarts, which sysUpTime already shows. */
    for (SmiNode *n = smiGetFirstNode(m, SMI_NODEKIND_COLUMN); n;
         n = smiGetNextNode(n, SMI_NODEKIND_COLUMN)) {
        if (!n->name || !current(n) || !node_is_counter(n))
            continue;
        if (names_discontinuity(n->description) || names_epoch(n->description) ||
            names_timestamp_object(m, n->description) ||
            type_chain_says(smiGetNodeType(n), names_discontinuity))
            continue;
        /* a table may say it once for all its counters */
        SmiNode *row = smiGetParentNode(n);
        SmiNode *table = row ? smiGetParentNode(row) : NULL;
        if ((row && names_discontinuity(row->description)) ||
            (table && names_discontinuity(table->description)))
            continue;
        report_finding(ctx, RULE_counter_discontinuity_missing, smiGetNodeLine(n), n->name,
                       "counter `%s' does not say when its value can be discontinuous; "
                       "name a discontinuity indicator in its DESCRIPTION (a TimeStamp "
                       "such as ifCounterDiscontinuityTime or one of this table)",
                       n->name);
    }
}

/* ---- units-missing ---- */

static const char *quantity_kind(SmiNode *n)
{
    switch (node_counter_kind(n)) {
    case COUNTER_COUNTS:
        return node_is_smi(n, "Counter64") ? "Counter64" : "Counter32";
    case COUNTER_GAUGE:
        return "gauge";
    case COUNTER_NUMBER:
        return NULL;
    case COUNTER_NONE:
        break;
    }
    if (node_is_smi(n, "Gauge32"))
        return "Gauge32";
    if (node_is_tc(n, "SNMPv2-TC", "TimeInterval"))
        return "TimeInterval";
    return NULL;
}

static bool names_time_unit(const char *text)
{
    return text_matches(text, "(second|msec|[0-9] ?ms\\b|\\bms\\b|minute|hour|\\bdays?\\b|"
                              "\\bweeks?\\b|tick|hundredth|centisec|jiffies|\\bsecs?\\b|"
                              "\\bmins?\\b|\\bhrs?\\b|\\busecs?\\b|\\bus\\b|\\btu\\b|"
                              "units of)");
}

/* An integer whose descriptor says it is a span of time ("fooTimeout",
 * "fooHoldDelay") and whose DESCRIPTION names no unit of time either:
 * seconds or milliseconds is then a guess. */
static bool untimed_interval(SmiModule *m, SmiNode *n)
{
    static const char *const time_words[] = {"Timeout", "Delay", "Duration", "Period",
                                             "Interval", "Age", "Lifetime", "Latency",
                                             "Timer", "Holdtime", "Hold", NULL};
    char last[32];
    camel_last(n->name, last);
    if (!word_in(last, time_words))
        return false;
    SmiType *t = smiGetNodeType(n);
    if (!t || (t->basetype != SMI_BASETYPE_INTEGER32 && t->basetype != SMI_BASETYPE_UNSIGNED32))
        return false;
    /* TimeTicks, TimeInterval and imported TCs carry their unit */
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        if (!t->name || is_base_integer(t))
            continue;
        if (smiGetTypeModule(t) != m)
            return false;
    }
    /* a unit named in the DESCRIPTION or in the name of the module's own
     * TC ("MilliSeconds") will do */
    for (t = smiGetNodeType(n); t; t = smiGetParentType(t))
        if (t->name && names_time_unit(t->name))
            return false;
    return !names_time_unit(n->description);
}

static void check_units_missing(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n) || (n->units && *n->units))
            continue;
        const char *kind = quantity_kind(n);
        if (!kind && untimed_interval(m, n))
            kind = "time-interval";
        if (!kind)
            continue;
        report_finding(ctx, RULE_units_missing, smiGetNodeLine(n), n->name,
                       "`%s' is a %s quantity with no UNITS clause; add one naming "
                       "what it measures or counts (e.g. UNITS \"octets\", "
                       "\"packets\", \"seconds\", \"percent\")", n->name, kind);
    }
}

/* ---- counter-reset-requirement ---- */

/* The DESCRIPTION demands a reset to a value or at a time, or says an
 * operator clears the counter. */
static const char *reset_demand(const char *text)
{
    /* "set to 0 for unsupported platforms" is a constant, not a reset:
     * only reset, clear and zero count, or a set tied to a restart */
    if (text_matches(text, "(must|shall|should|will|is|are|gets?) (be )?(re-?set|cleared|zeroed)"
                           "( back)? to (zero|0)\\b") ||
        text_matches(text, "(set|re-?set) to (zero|0) (when|whenever|on|at|after|upon) (the )?"
                           "(system|agent|device|router|switch|module|card|unit) "
                           "(is |was )?(re-?start|re-?boot|re-?set|re-?initiali)"))
        return "demands that it is reset to zero";
    if (text_matches(text, "(re-?set|cleared|zeroed) (to (zero|0) )?(at midnight|every|each|daily|"
                           "hourly|once a|at the (start|end|beginning) of|with each)"))
        return "says it is reset at fixed times or events";
    if (text_matches(text, "(counter|value|object|statistics?|it) (is|are|can be|may be|will be|"
                           "gets?) (re-?set|cleared|zeroed) (to (zero|0) )?(by|with|using|through|"
                           "via|from|when (the |an? )?(user|operator|manager|administrator))"))
        return "says a command or a manager clears it";
    return NULL;
}

static void check_counter_reset_requirement(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n) || !node_is_counter(n))
            continue;
        const char *why = reset_demand(n->description);
        if (!why)
            continue;
        report_finding(ctx, RULE_counter_reset_requirement, smiGetNodeLine(n), n->name,
                       "the DESCRIPTION of counter `%s' %s; a counter only grows and "
                       "wraps, and managers read its deltas: drop the reset, and for "
                       "per-interval counts use the PerfCurrentCount family (RFC 3593) "
                       "or a discontinuity indicator", n->name, why);
    }
}

/* ---- timeticks-for-timestamp, timeticks-epoch-undocumented ---- */

/* The object's type is TimeTicks itself (or a TC of this module built on
 * it): imported TCs such as TimeStamp or TimeInterval define their epoch. */
static bool plain_timeticks(SmiModule *m, SmiNode *n)
{
    SmiType *t = smiGetNodeType(n);
    if (!type_is_smi(t, "TimeTicks"))
        return false;
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        if (!t->name)
            continue;
        SmiModule *tm = smiGetTypeModule(t);
        if (!strcmp(t->name, "TimeTicks") && tm && tm != m)
            return true;
        if (tm != m)
            return false;
    }
    return false;
}

/* Does n hold the moment of an event rather than a span of time? */
static bool names_moment(SmiNode *n)
{
    static const char *const moment_words[] = {"Change", "Changed", "Update", "Updated",
                                               "Created", "Timestamp", "Stamp", "At", NULL};
    char w[16][32];
    size_t nw = camel_words(n->name, w, 16);
    if (nw && word_in(w[nw - 1], moment_words))
        return true;
    for (size_t i = 0; i + 1 < nw; i++)
        if (!strcmp(w[i], "Last") && (!strcmp(w[nw - 1], "Time") || !strcmp(w[nw - 1], "Change")))
            return true;
    return text_matches(n->description, "(sysuptime|^ *(the )?(time )?when |"
                                        "^ *the (time|moment) (when|at which)|"
                                        "^ *(the )?time (of|at) the (last|most recent))");
}

/* Words that tie a span of TimeTicks to its two ends. */
static bool states_epoch(const char *text)
{
    return text_matches(text, "(since|sysuptime|epoch|elapse|ago\\b|until|"
                              "between|after|from|before|remain|left\\b|"
                              "interval|period|duration|timeout|delay|"
                              "how long|length of time|amount of time|"
                              "for which|during|wait|age\\b|life|lease|"
                              "expir|uptime|up time|running|has been|have been|"
                              "total time|accumulated|cumulative|idle|taken|"
                              "round[- ]trip|rtt\\b|latency|response time)");
}

static void check_timeticks_for_timestamp(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n) || !plain_timeticks(m, n) || !names_moment(n))
            continue;
        report_finding(ctx, RULE_timeticks_for_timestamp, smiGetNodeLine(n), n->name,
                       "`%s' holds the moment of an event as TimeTicks; use TimeStamp "
                       "(SNMPv2-TC), which says it is the value of sysUpTime at the "
                       "event", n->name);
    }
}

static void check_timeticks_epoch_undocumented(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        if (!n->name || !current(n) || !plain_timeticks(m, n))
            continue;
        /* timeticks-for-timestamp already tells what to do */
        if (module_is_smiv2(m) && names_moment(n))
            continue;
        if (states_epoch(n->description))
            continue;
        /* a generic value holder ("the value when the type is
         * 'timeTicks'") or a local TC that explains the epoch */
        if (text_has(n->description, "'timeTicks'") || type_chain_says(smiGetNodeType(n), states_epoch))
            continue;
        report_finding(ctx, RULE_timeticks_epoch_undocumented, smiGetNodeLine(n), n->name,
                       "TimeTicks object `%s' does not say between which two events "
                       "its time is measured; say it in the DESCRIPTION (e.g. \"the "
                       "time since the link last came up\")", n->name);
    }
}

/* ---- truthvalue-duplicated ---- */

/* An enumeration of exactly {true, false} or {yes, no}, defined here. */
static bool boolean_enum(SmiType *t)
{
    if (!t || t->basetype != SMI_BASETYPE_ENUM)
        return false;
    const char *a = NULL, *b = NULL;
    int n = 0;
    for (SmiNamedNumber *nn = smiGetFirstNamedNumber(t); nn; nn = smiGetNextNamedNumber(nn)) {
        if (n == 0)
            a = nn->name;
        else if (n == 1)
            b = nn->name;
        n++;
    }
    if (n != 2 || !a || !b)
        return false;
    return (!strcasecmp(a, "true") && !strcasecmp(b, "false")) ||
           (!strcasecmp(a, "false") && !strcasecmp(b, "true")) ||
           (!strcasecmp(a, "yes") && !strcasecmp(b, "no")) ||
           (!strcasecmp(a, "no") && !strcasecmp(b, "yes"));
}

static void check_truthvalue_duplicated(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    for (SmiType *t = smiGetFirstType(m); t; t = smiGetNextType(t)) {
        /* TruthValue itself is the one that may */
        if (t->name && strcmp(t->name, "TruthValue") && t->status == SMI_STATUS_CURRENT &&
            boolean_enum(t))
            report_finding(ctx, RULE_truthvalue_duplicated, smiGetTypeLine(t), t->name,
                           "textual convention `%s' repeats TruthValue; use TruthValue "
                           "(SNMPv2-TC) instead", t->name);
    }
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        SmiType *t = smiGetNodeType(n);
        /* a named type is reported at its definition, if it is this module's */
        if (!n->name || !current(n) || !t || t->name || !boolean_enum(t))
            continue;
        report_finding(ctx, RULE_truthvalue_duplicated, smiGetNodeLine(n), n->name,
                       "`%s' is an enumeration of two truth values; use TruthValue "
                       "(SNMPv2-TC), whose true(1) and false(2) every tool knows", n->name);
    }
}

/* ---- bits-noncontiguous ---- */

/* The first bit number after a gap that does not start a new octet, or
 * -1 when the named bits are contiguous (gaps up to an octet boundary are
 * the accepted way to group later additions). */
static long bits_gap(SmiType *t)
{
    if (!t || t->basetype != SMI_BASETYPE_BITS)
        return -1;
    /* named bits come in ascending order from libsmi; keep the check
     * independent of that */
    unsigned char seen[1024] = {0};
    long max = -1, min = 1024;
    for (SmiNamedNumber *nn = smiGetFirstNamedNumber(t); nn; nn = smiGetNextNamedNumber(nn)) {
        long v = (long)nn->value.value.unsigned32;
        if (v < 0 || v >= 1024)
            return -1;
        seen[v] = 1;
        if (v > max)
            max = v;
        if (v < min)
            min = v;
    }
    /* unnamed bits before the first one are libsmi's bits-zero-not-used */
    for (long v = min + 1; v <= max; v++)
        if (seen[v] && !seen[v - 1] && v % 8 != 0)
            return v;
    return -1;
}

static void check_bits_noncontiguous(struct check_ctx *ctx)
{
    SmiModule *m = ctx->module;
    if (!module_is_smiv2(m))
        return;
    long v;
    for (SmiType *t = smiGetFirstType(m); t; t = smiGetNextType(t)) {
        if (t->name && t->status == SMI_STATUS_CURRENT && (v = bits_gap(t)) >= 0)
            report_finding(ctx, RULE_bits_noncontiguous, smiGetTypeLine(t), t->name,
                           "the named bits of `%s' skip numbers before bit %ld; number "
                           "bits contiguously (or start a group of additions at a "
                           "multiple of 8)", t->name, v);
    }
    for (SmiNode *n = smiGetFirstNode(m, OBJECTS); n; n = smiGetNextNode(n, OBJECTS)) {
        SmiType *t = smiGetNodeType(n);
        if (!n->name || !current(n) || !t || t->name || (v = bits_gap(t)) < 0)
            continue;
        report_finding(ctx, RULE_bits_noncontiguous, smiGetNodeLine(n), n->name,
                       "the named bits of `%s' skip numbers before bit %ld; number "
                       "bits contiguously (or start a group of additions at a "
                       "multiple of 8)", n->name, v);
    }
}

static const check_fn checks[] = {check_ipaddress_used, check_displaystring_admin_text,
                                  check_integer_unconstrained,
                                  check_counter_discontinuity_missing,
                                  check_units_missing, check_counter_reset_requirement,
                                  check_timeticks_for_timestamp,
                                  check_timeticks_epoch_undocumented,
                                  check_truthvalue_duplicated, check_bits_noncontiguous,
                                  NULL};

static const struct rule_doc docs[] = {
    {"ipaddress-used",
     "Reports a current object of an SMIv2 module whose SYNTAX is IpAddress, "
     "directly or through a textual convention, and a textual convention of "
     "the module built on IpAddress.  Deprecated and obsolete objects are "
     "left alone.",
     "RFC 4181 section 4.6.1.7 and RFC 2578 section 7.1.5: IpAddress holds "
     "only IPv4 addresses, so new definitions use the version-neutral "
     "InetAddressType / InetAddress pair of RFC 4001.",
     "acmePeerAddr OBJECT-TYPE\n    SYNTAX IpAddress",
     "acmePeerAddrType OBJECT-TYPE\n    SYNTAX InetAddressType\n...\n"
     "acmePeerAddr OBJECT-TYPE\n    SYNTAX InetAddress",
     "Add an InetAddressType object before the address and change the "
     "address to InetAddress; in a published module, deprecate the old object "
     "and add the new pair."},
    {"displaystring-admin-text",
     "Reports a current DisplayString object of an SMIv2 module whose "
     "descriptor ends in a word for text written by people: Name, Descr, "
     "Description, Alias, Contact, Location, Comment, Label, Owner, Note, "
     "Text, Message, Remark or Title.  Names of hosts, files, domains and "
     "other machine identifiers (HostName, FileName, ...) are left alone, as "
     "are accessible-for-notify objects.",
     "RFC 4181 Appendix B and RFC 3411: DisplayString is limited to NVT "
     "ASCII, so it cannot hold the names and notes people write in their own "
     "language (RFC 2277); SnmpAdminString carries UTF-8.",
     "acmeSiteLocation OBJECT-TYPE\n    SYNTAX DisplayString (SIZE (0..64))",
     "acmeSiteLocation OBJECT-TYPE\n    SYNTAX SnmpAdminString (SIZE (0..64))",
     "Import SnmpAdminString from SNMP-FRAMEWORK-MIB and use it (sizes in "
     "octets stay as they are)."},
    {"integer-unconstrained",
     "Reports a current object of an SMIv2 module whose SYNTAX is INTEGER, "
     "Integer32 or Unsigned32 (or a textual convention of the same module "
     "built on them) with neither a range nor an enumeration.  Counters, "
     "gauges, TimeTicks and textual conventions of other modules carry their "
     "own meaning and are not reported; INDEX objects are libsmi's "
     "smi-index-element-no-range.",
     "RFC 4181 sections 4.6.1.1 and 4.6.1.4: the integer type and its range "
     "are chosen from the values the object really takes; an open range gives "
     "implementers nothing to test against and agents and managers disagree "
     "at the edges.",
     "acmeRetries OBJECT-TYPE\n    SYNTAX Integer32",
     "acmeRetries OBJECT-TYPE\n    SYNTAX Unsigned32 (0..10)",
     "Add the real range, e.g. (0..10), or an enumeration; for a quantity "
     "that only goes up or floats, use Counter32 or Gauge32."},
    {"counter-discontinuity-missing",
     "Reports a current Counter32 or Counter64 column (also through a "
     "textual convention such as ZeroBasedCounter32) whose DESCRIPTION does "
     "not speak of discontinuities and names no TimeStamp object such as "
     "ifCounterDiscontinuityTime, when neither its row nor its table says it "
     "for all columns and its textual convention does not either.  Scalar "
     "counters, which normally jump only when the agent restarts, are left "
     "alone.",
     "RFC 4181 section 4.6.1.2 and RFC 2578 section 7.1.6: only the change of "
     "a counter has meaning, and a manager must be able to tell a real delta "
     "from a jump caused by a row being re-created or a line card "
     "restarting; a discontinuity indicator tells it.",
     "acmeFlowPkts OBJECT-TYPE\n    SYNTAX Counter64\n"
     "    DESCRIPTION \"Packets matched by this flow.\"",
     "acmeFlowPkts OBJECT-TYPE\n    SYNTAX Counter64\n"
     "    DESCRIPTION \"Packets matched by this flow.  Discontinuities in\n"
     "    the value can occur when the flow entry is re-created, as\n"
     "    acmeFlowDiscontinuityTime indicates.\"",
     "Add a TimeStamp column (or use ifCounterDiscontinuityTime when rows "
     "follow interfaces) and name it in each counter's DESCRIPTION, or say "
     "once in the row's DESCRIPTION how discontinuities are detected."},
    {"units-missing",
     "Reports a current object of an SMIv2 module that is a Counter32, "
     "Counter64 or Gauge32 (also through textual conventions) or a "
     "TimeInterval, and has no UNITS clause.  It also reports an integer "
     "whose descriptor ends in a word for a span of time (Timeout, Delay, "
     "Interval, Period, Duration, Age, Lifetime, ...) when neither its "
     "DESCRIPTION nor the name of its own textual convention names a unit "
     "of time.",
     "RFC 2578 section 7.2 and RFC 4181 section 4.6.2: a number without its "
     "unit is ambiguous (octets or frames? seconds or milliseconds? a "
     "percentage or a fraction?), and tools show UNITS next to the value.",
     "acmeLinkDelay OBJECT-TYPE\n    SYNTAX Gauge32",
     "acmeLinkDelay OBJECT-TYPE\n    SYNTAX Gauge32\n    UNITS \"microseconds\"",
     "Add a UNITS clause naming what is measured or counted."},
    {"counter-reset-requirement",
     "Reports a current counter (Counter32, Counter64, or a textual "
     "convention on them) whose DESCRIPTION demands a reset to zero, a reset "
     "at fixed times (midnight, every interval), or says that a command, "
     "user or manager clears it.",
     "RFC 4181 section 4.6.1.2 and RFC 2578 section 7.1.6: a counter has no "
     "defined initial value and only its deltas mean anything; requiring "
     "resets breaks every other manager reading it.  Counts per interval use "
     "the PerfCurrentCount / PerfIntervalCount conventions of RFC 3593.",
     "acmeErrors OBJECT-TYPE\n    SYNTAX Counter32\n"
     "    DESCRIPTION \"Errors today.  Reset to zero at midnight.\"",
     "acmeErrors OBJECT-TYPE\n    SYNTAX Counter32\n"
     "    DESCRIPTION \"Errors seen.  Discontinuities are shown by\n"
     "    acmeDiscontinuityTime.\"",
     "Remove the reset from the DESCRIPTION; offer per-interval counts as "
     "PerfCurrentCount objects, and name a discontinuity indicator where a "
     "counter really can jump."},
    {"timeticks-for-timestamp",
     "Reports a current object of an SMIv2 module whose SYNTAX is TimeTicks "
     "itself (no textual convention) and which holds the moment of an event: "
     "its DESCRIPTION speaks of sysUpTime or starts with \"when\", or its "
     "descriptor ends in LastChange, Updated, Created, Timestamp, At or "
     "similar words.",
     "RFC 4181 section 4.6.1.8 and RFC 2579 (TimeStamp): the value of "
     "sysUpTime at an event is what TimeStamp means; with TimeStamp, tools "
     "and readers know the epoch without reading prose.",
     "acmeFanLastChange OBJECT-TYPE\n    SYNTAX TimeTicks\n"
     "    DESCRIPTION \"The value of sysUpTime when the fan state last changed.\"",
     "acmeFanLastChange OBJECT-TYPE\n    SYNTAX TimeStamp\n"
     "    DESCRIPTION \"The value of sysUpTime when the fan state last changed.\"",
     "Import TimeStamp from SNMPv2-TC and use it."},
    {"timeticks-epoch-undocumented",
     "Reports a current object whose SYNTAX is TimeTicks itself when its "
     "DESCRIPTION does not say from what the time is counted (no \"since\", "
     "\"sysUpTime\", \"elapsed\", \"until\", \"interval\", \"timeout\" and "
     "the like).  Objects reported by timeticks-for-timestamp are left to "
     "that rule.",
     "RFC 2578 section 7.1.8 and RFC 4181 section 4.6.1.8: TimeTicks counts "
     "hundredths of a second between two epochs, and the DESCRIPTION of an "
     "object using it must name them.",
     "acmeUptime OBJECT-TYPE\n    SYNTAX TimeTicks\n    DESCRIPTION \"Uptime.\"",
     "acmeUptime OBJECT-TYPE\n    SYNTAX TimeTicks\n"
     "    DESCRIPTION \"The time since the fan controller last restarted.\"",
     "Say in the DESCRIPTION between which events the time runs; for the "
     "moment of an event use TimeStamp, for a span TimeInterval."},
    {"truthvalue-duplicated",
     "Reports a current enumeration of an SMIv2 module, in an object's SYNTAX "
     "or in a textual convention it defines, whose two labels are true and "
     "false, or yes and no.  States such as enabled/disabled or up/down are "
     "not booleans and are left alone.",
     "RFC 4181 section 4.6.1.9: boolean objects use TruthValue of SNMPv2-TC; "
     "a private copy, perhaps numbered the other way round, makes managers "
     "map values module by module.",
     "acmeFanPresent OBJECT-TYPE\n    SYNTAX INTEGER { yes(1), no(2) }",
     "acmeFanPresent OBJECT-TYPE\n    SYNTAX TruthValue",
     "Import TruthValue from SNMPv2-TC and use it; in a published module, "
     "deprecate the old object and add a TruthValue one."},
    {"bits-noncontiguous",
     "Reports current BITS of an SMIv2 module (an object's SYNTAX or a "
     "textual convention it defines) whose named bits leave a gap that "
     "does not end at a multiple of 8.  (Bits not starting at 0 are libsmi's "
     "smi-bits-zero-not-used.)",
     "RFC 4181 section 4.6.1.6 and RFC 2578 section 7.1.4: named bits "
     "should be numbered contiguously; unnamed bits in the middle of an "
     "octet carry no meaning yet still take space and invite mistakes.  "
     "Starting a later group of additions at the next octet is accepted.",
     "SYNTAX BITS { red(0), green(1), blue(4) }",
     "SYNTAX BITS { red(0), green(1), blue(2) }",
     "Renumber the bits of a new definition; in a published one, fill the "
     "gap only with new bits."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_types = {"types", checks, docs};
