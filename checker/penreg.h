/*
 * IANA's Private Enterprise Number registry (--pen-registry FILE), in the
 * format IANA publishes it: a line with the decimal number at the start,
 * then indented lines with the organisation, the contact and the e-mail
 * address.  Read once by the parent before the workers fork.
 */
#ifndef MIBCHECK_PENREG_H
#define MIBCHECK_PENREG_H

#include <stddef.h>

struct pen_entry {
    long pen;
    char *organization;
};

struct pen_registry {
    struct pen_entry *v;   /* sorted by number */
    size_t len;
};

/* Read path into reg.  Returns 0, or -1 with a message in *err (caller
 * frees) when the file cannot be read or holds no entry. */
int pen_registry_load(const char *path, struct pen_registry *reg, char **err);
/* Parse registry text (for tests and for pen_registry_load). */
void pen_registry_parse(const char *text, struct pen_registry *reg);
const struct pen_entry *pen_registry_find(const struct pen_registry *reg, long pen);
void pen_registry_free(struct pen_registry *reg);

/* The significant words of an organisation name, case-folded, in order,
 * joined by single spaces ("ciscoSystems" is two words): legal forms and
 * filler words (Inc, Ltd, GmbH, Corporation, the, of, ...) are left out,
 * and trade words (Systems, Networks, ...) too when others remain.
 * Caller frees. */
char *org_key(const char *organization);
/* Do two organisation names share a significant word? */
int org_similar(const char *a, const char *b);

#endif
