/*
 * The reference set: the standard modules that "standard object" means
 * (DESIGN.md section 1).  It is every module found under --reference DIR
 * (in order) and in the system directories of the search path.  The parent
 * builds it once, from the module text only (no libsmi), before the
 * workers fork; the workers read it through cfg->reference.
 */
#ifndef MIBCHECK_REFERENCE_H
#define MIBCHECK_REFERENCE_H

#include <stddef.h>

#include "checker/config.h"

/* What kind of registration a descriptor is, as its macro says. */
enum ref_kind {
    REF_VALUE,       /* name OBJECT IDENTIFIER ::= { ... } */
    REF_OBJECT,      /* OBJECT-TYPE */
    REF_MACRO,       /* any other registering macro: NOTIFICATION-TYPE, groups... */
    REF_TYPE         /* Name ::= TEXTUAL-CONVENTION / type assignment */
};

struct ref_module {
    char *name;
    char *path;            /* the file that defines it */
    const char *origin;    /* "reference" or "system" */
};

struct ref_def {
    char *name;
    size_t module;         /* index into reference_set.modules */
    enum ref_kind kind;
    int line;
    char *value;           /* OID value text ("mib-2 2") or type syntax text */
    char *parent;          /* first name of the OID value, or NULL */
    long subid;            /* last number of the OID value, -1 if none */
    char *syntax;          /* OBJECT-TYPE / TC: SYNTAX text */
    char *index;           /* rows: "INDEX { a, b }" or "AUGMENTS { x }" */
};

/* A conceptual table as its module text defines it. */
struct ref_table {
    size_t table, row;     /* indexes into reference_set.defs */
    size_t *columns;       /* indexes into defs, in sub-identifier order */
    size_t n_columns;
    char **column_base;    /* base type of each column (base_type_category) */
    char *index;           /* "INDEX { a, b }" or "AUGMENTS { x }" text */
};

struct reference_set {
    struct ref_module *modules;  /* sorted by name; first in dir order wins */
    size_t n_modules;
    struct ref_def *defs;        /* sorted by name, then module */
    size_t n_defs;
    struct ref_table *tables;
    size_t n_tables;
    struct strvec dirs;          /* in order */
    const char **dir_origins;    /* parallel to dirs */
};

/* The directories of the reference set, in order: --reference DIRs, then
 * the system directories that exist (the same list as the search path's). */
void reference_dirs(const struct config *cfg, struct strvec *dirs,
                    const char ***origins);
/* Read every module of the reference directories. */
void reference_load(const struct config *cfg, struct reference_set *rs);
void reference_free(struct reference_set *rs);
/* The modules of the last release (--previous: a file, or a directory
 * walked recursively), by name; only modules are kept, not definitions. */
void reference_load_previous(const char *path, size_t max,
                             struct reference_set *rs);

/* The reference module of that name, or NULL. */
const struct ref_module *reference_module(const struct reference_set *rs,
                                          const char *name);
/* All definitions of a descriptor: *n of them from the returned one. */
const struct ref_def *reference_defs(const struct reference_set *rs,
                                     const char *name, size_t *n);
/* How many modules came from dir number i. */
size_t reference_modules_in_dir(const struct reference_set *rs, size_t i);

/* A libsmi path that finds the reference modules (and the bundled SMI
 * modules) only: where a reference module's own imports resolve. */
char *reference_smipath(const struct reference_set *rs);

/* The SMI base type behind a type name ("Counter32", "OCTET", "INTEGER",
 * "DisplayString" when known from the reference TCs), as one of the names
 * of RFC 2578 section 7.1 (Integer32 for INTEGER and enumerations,
 * Unsigned32 for Gauge32); NULL when unknown. */
const char *base_type_category(const struct reference_set *rs,
                               const char *type);

#endif
