/* The tables family: conceptual rows that managers create, their status
 * and storage columns, and their INDEX clauses (RFC 2578 sections 7.7,
 * 7.8; RFC 2579 RowStatus and StorageType; RFC 4181 section 4.6.4).
 *
 * libsmi stores read-create as read-write (it only flags the row), so
 * every rule that needs the keyword reads MAX-ACCESS from the module text
 * through checker/clauses.h. */
#include <ctype.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "checker/clauses.h"
#include "checker/util.h"
#include "rules/check.h"
#include "rules/smiwalk.h"

/* ---- helpers ---- */


static bool text_has_any(const char *text, const char *const *needles)
{
    for (size_t i = 0; needles[i]; i++)
        if (text_has(text, needles[i]))
            return true;
    return false;
}


/* Does text name the descriptor word as a whole word (case-sensitive)? */
static bool mentions_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text ? strstr(text, word) : NULL; p; p = strstr(p + 1, word)) {
        bool left = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '-');
        bool right = !(isalnum((unsigned char)p[n]) || p[n] == '-');
        if (left && right)
            return true;
    }
    return false;
}


static bool is_rowstatus(SmiNode *n)
{
    return node_is_tc(n, "SNMPv2-TC", "RowStatus");
}

static bool is_storagetype(SmiNode *n)
{
    return node_is_tc(n, "SNMPv2-TC", "StorageType");
}

/* A column that creates and deletes rows: RowStatus; RMON's EntryStatus
 * (RFC 2819), which predates it; or a vendor copy of RowStatus (a TC
 * named *RowStatus, or an enumeration with createAndGo(4) or
 * createAndWait(5)).  Not all of them are right, but the row has one. */
static bool is_status_column(SmiNode *n)
{
    /* the depth bound guards against a cyclic chain in a broken module */
    SmiType *t = smiGetNodeType(n);
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        size_t len = t->name ? strlen(t->name) : 0;
        if ((len >= 9 && !strcmp(t->name + len - 9, "RowStatus")) ||
            (len >= 11 && !strcmp(t->name + len - 11, "EntryStatus")))
            return true;
        for (SmiNamedNumber *nn = smiGetFirstNamedNumber(t); nn;
             nn = smiGetNextNamedNumber(nn))
            if (nn->name && (!strcmp(nn->name, "createAndGo") ||
                             !strcmp(nn->name, "createAndWait")))
                return true;
    }
    return false;
}

static SmiNode *first_column(SmiNode *row)
{
    SmiNode *c = smiGetFirstChildNode(row);
    while (c && (c->nodekind != SMI_NODEKIND_COLUMN || !c->name))
        c = smiGetNextChildNode(c);
    return c;
}

static SmiNode *next_column(SmiNode *c)
{
    do
        c = smiGetNextChildNode(c);
    while (c && (c->nodekind != SMI_NODEKIND_COLUMN || !c->name));
    return c;
}

#define FOR_COLUMNS(c, row) for (SmiNode *c = first_column(row); c; c = next_column(c))

/* The first column of row for which pred holds, or NULL. */
static SmiNode *find_column(SmiNode *row, bool (*pred)(SmiNode *))
{
    FOR_COLUMNS(c, row)
        if (pred(c))
            return c;
    return NULL;
}

/* The row an AUGMENTS clause points at, following chains of them. */
static SmiNode *augmented_base(SmiNode *row)
{
    SmiNode *base = NULL;
    for (int depth = 0; depth < 8 && row && row->indexkind == SMI_INDEX_AUGMENT; depth++) {
        row = smiGetRelatedNode(row);
        if (row)
            base = row;
    }
    return base;
}

/* MAX-ACCESS (ACCESS in SMIv1) of a column of this module, as written. */
static bool access_is(const struct check_ctx *ctx, SmiNode *col, const char *kw)
{
    const struct token *t = def_access(ctx->tokens, def_find(ctx->defs, col->name));
    return t && tok_is(t, kw);
}

static bool is_read_create(const struct check_ctx *ctx, SmiNode *col)
{
    return access_is(ctx, col, "read-create");
}

static bool row_has_read_create(const struct check_ctx *ctx, SmiNode *row)
{
    FOR_COLUMNS(c, row)
        if (is_read_create(ctx, c))
            return true;
    return false;
}

static bool in_index(SmiNode *row, SmiNode *n)
{
    for (SmiElement *e = smiGetFirstElement(row); e; e = smiGetNextElement(e))
        if (smiGetElementNode(e) == n)
            return true;
    return false;
}

/* Rows of this module, in an SMIv2 module (the SMIv1 macros know no
 * read-create, RowStatus or StorageType). */
#define FOR_ROWS(row, ctx)                                                   \
    if ((ctx)->module->language == SMI_LANGUAGE_SMIV2)                       \
        for (SmiNode *row = smiGetFirstNode((ctx)->module, SMI_NODEKIND_ROW); \
             row; row = smiGetNextNode(row, SMI_NODEKIND_ROW))                \
            if (row->name)

/* ---- table-rowstatus-not-create ---- */

static void check_rowstatus_not_create(struct check_ctx *ctx)
{
    FOR_ROWS(row, ctx) {
        FOR_COLUMNS(c, row) {
            if (!is_rowstatus(c))
                continue;
            const struct token *t =
                def_access(ctx->tokens, def_find(ctx->defs, c->name));
            if (!t || tok_is(t, "read-create"))
                continue;
            report_finding(ctx, RULE_table_rowstatus_not_create,
                           smiGetNodeLine(c), c->name,
                           "RowStatus column `%s' has MAX-ACCESS %.*s; a status "
                           "column creates and deletes rows, so it must be "
                           "read-create (RFC 2579 RowStatus): change it to "
                           "MAX-ACCESS read-create",
                           c->name, (int)t->len, t->text);
        }
    }
}

/* ---- table-create-no-rowstatus ---- */

/* The row whose status column creates this row's entries: a row with a
 * status column whose INDEX is a leading part of this row's INDEX (a
 * sparse extension with the same INDEX, or a dependent table whose
 * entries the control row's creation brings along). */
static SmiNode *controlling_row(SmiNode *row)
{
    for (SmiElement *e = smiGetFirstElement(row); e; e = smiGetNextElement(e)) {
        SmiNode *idx = smiGetElementNode(e);
        SmiNode *other = idx ? smiGetParentNode(idx) : NULL;
        if (!other || other == row || other->nodekind != SMI_NODEKIND_ROW ||
            !find_column(other, is_status_column))
            continue;
        SmiElement *mine = smiGetFirstElement(row);
        SmiElement *theirs = smiGetFirstElement(other);
        while (mine && theirs && smiGetElementNode(mine) == smiGetElementNode(theirs)) {
            mine = smiGetNextElement(mine);
            theirs = smiGetNextElement(theirs);
        }
        if (!theirs)
            return other;
    }
    return NULL;
}

static void check_create_no_rowstatus(struct check_ctx *ctx)
{
    FOR_ROWS(row, ctx) {
        if (!row_has_read_create(ctx, row) || find_column(row, is_status_column))
            continue;
        /* an augmentation lives and dies with its base row */
        SmiNode *base = augmented_base(row);
        if (base && find_column(base, is_status_column))
            continue;
        /* kept for old implementations: RFC 2578 section 10.2 forbids
         * changing them, and the replacement is elsewhere */
        if (row->status != SMI_STATUS_CURRENT)
            continue;
        if (controlling_row(row) || (base && controlling_row(base)))
            continue;
        SmiNode *rc = NULL;
        FOR_COLUMNS(c, row)
            if (!rc && is_read_create(ctx, c))
                rc = c;
        report_finding(ctx, RULE_table_create_no_rowstatus, smiGetNodeLine(row),
                       row->name,
                       "row `%s' has read-create columns (`%s', ...) but no "
                       "status column: add a column of SYNTAX RowStatus with "
                       "MAX-ACCESS read-create, or make the columns read-write "
                       "if managers cannot create rows",
                       row->name, rc ? rc->name : "?");
    }
}

/* ---- table-create-defval-missing ---- */

/* Does a DESCRIPTION say what a column holds when a manager does not set
 * it, or that it must be set? */
static bool says_default(const char *d)
{
    static const char *const words[] = {
        "default", "initial", "must be set", "must be specified",
        "must be provided", "must be supplied", "must be configured",
        "must be written", "required", "mandatory", "must first be",
        "not specified", "is not set", "not explicitly", "unset", NULL};
    return text_has_any(d, words);
}

/* Does a status column's DESCRIPTION set a rule for every column at
 * once ("until all columns are appropriately configured ...")? */
static bool says_all_columns(const char *d)
{
    return text_matches(d, "(all|each|every)( of)?([[:space:]]+(the|its|this|row's|"
                           "other|corresponding|related|writable|read-create|"
                           "required|mandatory|necessary))*[[:space:]]+"
                           "(columns?|columnar|objects?)|appropriately[[:space:]]+configured");
}

static void check_create_defval_missing(struct check_ctx *ctx)
{
    FOR_ROWS(row, ctx) {
        SmiNode *status = find_column(row, is_rowstatus);
        SmiNode *base = augmented_base(row);
        if (!status && base)
            status = find_column(base, is_rowstatus);
        const char *sdesc = status ? status->description : NULL;
        const char *rdesc = row->description;
        FOR_COLUMNS(c, row) {
            if (!is_read_create(ctx, c) || c->status != SMI_STATUS_CURRENT ||
                is_status_column(c) ||
                is_storagetype(c) || in_index(row, c) ||
                c->value.basetype != SMI_BASETYPE_UNKNOWN)
                continue;
            if (says_default(c->description) || says_all_columns(sdesc) ||
                mentions_word(sdesc, c->name) ||
                mentions_word(rdesc, c->name))
                continue;
            report_finding(ctx, RULE_table_create_defval_missing,
                           smiGetNodeLine(c), c->name,
                           "read-create column `%s' has no DEFVAL and no word on "
                           "the value it takes when a manager creates the row "
                           "without setting it: add a DEFVAL, or say in its "
                           "DESCRIPTION (or the status column's) that it must be "
                           "set before the row can become active",
                           c->name);
        }
    }
}

/* ---- table-storagetype-undescribed ---- */

/* Does the text say which columns a permanent(4) row keeps writable? */
static bool says_permanent_columns(const char *d, SmiNode *row)
{
    /* "only volatile(2) and nonVolatile(3) are supported": no permanent
     * rows to describe */
    if (text_matches(d, "not[[:space:]]+(applicable|supported|allowed)"))
        return true;
    if (!text_has(d, "permanent"))
        return false;
    if (text_matches(d, "(^|[^a-z])(all|none|no|any|every|each)([^a-z]|$)|"
                        "writ|modif|chang|read-only"))
        return true;
    FOR_COLUMNS(c, row)
        if (mentions_word(d, c->name))
            return true;
    return false;
}

static void check_storagetype_undescribed(struct check_ctx *ctx)
{
    FOR_ROWS(row, ctx) {
        FOR_COLUMNS(c, row) {
            if (!is_storagetype(c) || !is_read_create(ctx, c) ||
                says_permanent_columns(c->description, row))
                continue;
            report_finding(ctx, RULE_table_storagetype_undescribed,
                           smiGetNodeLine(c), c->name,
                           "StorageType column `%s' does not say which columns "
                           "of a permanent(4) row may still be written (RFC 2579 "
                           "StorageType): name them in its DESCRIPTION, or say "
                           "that none or all of them are",
                           c->name);
        }
    }
}

/* ---- table-rowstatus-multiple ---- */

static void check_rowstatus_multiple(struct check_ctx *ctx)
{
    static const struct {
        bool (*pred)(SmiNode *);
        const char *what;
    } kinds[] = {{is_rowstatus, "RowStatus"}, {is_storagetype, "StorageType"}};
    FOR_ROWS(row, ctx) {
        for (size_t k = 0; k < 2; k++) {
            SmiNode *first = NULL;
            FOR_COLUMNS(c, row) {
                if (!kinds[k].pred(c))
                    continue;
                if (!first) {
                    first = c;
                    continue;
                }
                report_finding(ctx, RULE_table_rowstatus_multiple,
                               smiGetNodeLine(c), c->name,
                               "row `%s' has a second %s column `%s' (the first "
                               "is `%s'); a row has one: remove the other, or "
                               "give the state it holds its own enumerated syntax",
                               row->name, kinds[k].what, c->name, first->name);
            }
        }
    }
}

/* ---- table-augments-redundant-status ---- */

static void check_augments_redundant_status(struct check_ctx *ctx)
{
    FOR_ROWS(row, ctx) {
        SmiNode *base = augmented_base(row);
        if (!base)
            continue;
        FOR_COLUMNS(c, row) {
            const char *what = is_rowstatus(c) ? "RowStatus"
                               : is_storagetype(c) ? "StorageType" : NULL;
            if (!what)
                continue;
            SmiNode *theirs = find_column(base, is_rowstatus(c) ? is_rowstatus : is_storagetype);
            if (!theirs)
                continue;
            report_finding(ctx, RULE_table_augments_redundant_status,
                           smiGetNodeLine(c), c->name,
                           "`%s' is a %s column of `%s', which AUGMENTS `%s'; "
                           "an augmentation shares its base row's life, which "
                           "`%s' already controls: remove `%s'",
                           c->name, what, row->name, base->name, theirs->name,
                           c->name);
        }
    }
}

/* ---- index-implied-invalid ---- */

/* Why IMPLIED cannot go on n (NULL: it may).  RFC 2578 section 7.7 allows
 * it only on a variable-length string or OID that is never empty. */
static const char *implied_problem(SmiNode *n, unsigned *size)
{
    SmiType *t = smiGetNodeType(n);
    if (!t)
        return NULL;
    switch (t->basetype) {
    case SMI_BASETYPE_OBJECTIDENTIFIER:
        return NULL;
    case SMI_BASETYPE_OCTETSTRING:
    case SMI_BASETYPE_BITS:
        *size = smiGetMinSize(t);
        if (*size == smiGetMaxSize(t))
            return "has a fixed size of %u, while IMPLIED is only for objects "
                   "of variable length";
        if (*size == 0)
            return "may be a zero-length string (minimum size %u), which IMPLIED "
                   "would encode as no sub-identifier at all";
        return NULL;
    default:
        return "is not a string or an OBJECT IDENTIFIER; IMPLIED applies only "
               "to objects of variable length";
    }
}

static void check_index_implied_invalid(struct check_ctx *ctx)
{
    FOR_ROWS(row, ctx) {
        if (!row->implied || row->indexkind != SMI_INDEX_INDEX)
            continue;
        SmiNode *last = NULL;
        for (SmiElement *e = smiGetFirstElement(row); e; e = smiGetNextElement(e))
            last = smiGetElementNode(e);
        unsigned size = 0;
        const char *why = last && last->name ? implied_problem(last, &size) : NULL;
        if (!why)
            continue;
        char *reason = xasprintf(why, size);
        report_finding(ctx, RULE_index_implied_invalid, smiGetNodeLine(row), row->name,
                       "INDEX of `%s' ends with IMPLIED `%s', which %s (RFC 2578 "
                       "section 7.7): drop IMPLIED, or give `%s' a syntax of "
                       "variable length with a minimum size of 1",
                       row->name, last->name, reason, last->name);
        free(reason);
    }
}

static const check_fn checks[] = {
    check_rowstatus_not_create,
    check_create_no_rowstatus,
    check_create_defval_missing,
    check_storagetype_undescribed,
    check_rowstatus_multiple,
    check_augments_redundant_status,
    check_index_implied_invalid,
    NULL};

static const struct rule_doc docs[] = {
    {"table-rowstatus-not-create",
     "Reports a column of SYNTAX RowStatus whose MAX-ACCESS, as written in "
     "the module, is not read-create.  libsmi stores read-create as "
     "read-write, so its rowstatus-access diagnostic stays silent whenever "
     "another column of the row is read-create; this rule reads the keyword "
     "from the text and replaces that diagnostic in the default profile.",
     "RFC 2579 (RowStatus) and RFC 2578 section 7.1.12.1: the status column "
     "is how a manager creates and destroys a row, which only read-create "
     "permits; agents built from a read-write status column reject "
     "createAndGo/createAndWait.",
     "acmeRouteStatus OBJECT-TYPE\n    SYNTAX RowStatus\n    MAX-ACCESS read-write",
     "acmeRouteStatus OBJECT-TYPE\n    SYNTAX RowStatus\n    MAX-ACCESS read-create",
     "Change the status column's MAX-ACCESS to read-create."},
    {"table-create-no-rowstatus",
     "Reports a conceptual row with read-create columns but no status "
     "column (RowStatus, or RMON's EntryStatus in the modules that predate "
     "it).  A row that AUGMENTS a base row with a status column inherits it "
     "and is not reported.",
     "RFC 2578 section 7.1.12.1 and RFC 4181 section 4.6.4: read-create says "
     "managers create rows, and the SMI's only creation mechanism is a "
     "status column; without one a manager has no way to create, activate "
     "or delete a row.",
     "acmeRouteEntry with acmeRouteNextHop MAX-ACCESS read-create\n"
     "and no column of SYNTAX RowStatus",
     "acmeRouteStatus OBJECT-TYPE\n    SYNTAX RowStatus\n"
     "    MAX-ACCESS read-create ...  ::= { acmeRouteEntry 9 }",
     "Add a RowStatus column with MAX-ACCESS read-create; or, if managers "
     "cannot create rows, make the columns read-write."},
    {"table-create-defval-missing",
     "Notes a read-create column (other than the status and storage "
     "columns and the row's own index objects) that has no DEFVAL, whose "
     "DESCRIPTION gives no default and does not say it must be set, and "
     "that neither the status column's nor the row's DESCRIPTION names.",
     "RFC 2578 section 7.9 and RFC 2579 (RowStatus): a row created with "
     "createAndGo becomes active only if every column has a value; an agent "
     "needs either a default or the rule that the manager must set the "
     "column first (RFC 4181 section 4.6.4 asks the status column to say "
     "which).",
     "acmeRouteMetric OBJECT-TYPE\n    SYNTAX Integer32 (1..16)\n"
     "    MAX-ACCESS read-create\n    DESCRIPTION \"Route metric.\"",
     "acmeRouteMetric OBJECT-TYPE ... DEFVAL { 1 }\n"
     "or: DESCRIPTION \"Route metric.  Must be set before acmeRouteStatus can "
     "become active(1).\"",
     "Add a DEFVAL clause, or document that the column must be set before "
     "the row is activated."},
    {"table-storagetype-undescribed",
     "Notes a read-create column of SYNTAX StorageType whose DESCRIPTION "
     "does not say which columns of a permanent(4) row may still be "
     "written: it does not mention permanent(4) at all, or mentions it "
     "without naming columns (or all / none of them).",
     "RFC 2579 (StorageType) requires every use of the TC to specify which "
     "read-write and read-create columns of a permanent row must remain "
     "writable; otherwise two agents will lock different columns.",
     "acmeRouteStorage OBJECT-TYPE\n    SYNTAX StorageType\n"
     "    DESCRIPTION \"The storage type of this row.\"",
     "DESCRIPTION \"The storage type of this row.  In a permanent(4) row "
     "acmeRouteMetric may still be written; no other column may.\"",
     "Name, in the DESCRIPTION, the columns that stay writable in "
     "permanent(4) rows."},
    {"table-rowstatus-multiple",
     "Reports a row with more than one RowStatus column, or more than one "
     "StorageType column.",
     "RFC 2579 (RowStatus, StorageType) and RFC 4181 section 4.6.4: a row has "
     "one status column that drives its life cycle and one storage column; "
     "two of them leave agents guessing which one governs the row.",
     "acmeRouteStatus RowStatus and acmeRouteAdminStatus RowStatus\n"
     "in one row",
     "one RowStatus column; acmeRouteAdminStatus INTEGER { up(1), down(2) }",
     "Keep one status column; give any other state its own enumerated "
     "syntax."},
    {"table-augments-redundant-status",
     "Reports a RowStatus or StorageType column in a row that AUGMENTS a "
     "base row which already has a column of that kind.",
     "RFC 2578 section 7.8: an augmenting row exists exactly when its base "
     "row exists, so the base row's status and storage columns already "
     "govern it (RFC 4181 section 4.6.4); a second one can contradict them.",
     "acmeIfExtEntry AUGMENTS { acmeIfEntry }\n"
     "    with its own acmeIfExtStatus RowStatus",
     "acmeIfExtEntry AUGMENTS { acmeIfEntry } with no status column",
     "Remove the column from the augmenting row."},
    {"index-implied-invalid",
     "Reports a row whose INDEX ends with IMPLIED on an object that is not "
     "of variable length (an integer, a fixed-size string such as a "
     "MacAddress), or on a string that may be zero-length.",
     "RFC 2578 section 7.7: IMPLIED drops the length sub-identifier of the "
     "last index object, which works only for variable-length strings and "
     "OBJECT IDENTIFIERs, and never for a string that can be empty (its "
     "instance would have no sub-identifier at all).  RFC 4001 section 4.1 "
     "repeats this for InetAddress.",
     "INDEX { IMPLIED acmeUserName }  -- SnmpAdminString, SIZE (0..32)",
     "INDEX { IMPLIED acmeUserName }  -- SnmpAdminString (SIZE (1..32))",
     "Drop IMPLIED, or constrain the object to a minimum size of 1."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_tables = {"tables", checks, docs};
