/*
 * OID facts: what a worker tells the parent about the OIDs of the modules
 * it checked, so that rules over the whole run (oid-collision, the
 * organisation part of oid-enterprise-inconsistent) can be decided once
 * every file is done.  Each fact travels as one JSON line on the pipe.
 */
#ifndef MIBCHECK_OIDFACTS_H
#define MIBCHECK_OIDFACTS_H

#include <stdbool.h>
#include <stddef.h>

/* What a definition puts on its OID. */
enum oid_def_kind {
    OID_DEF_NODE = 0,     /* a name only: value assignment, OBJECT-IDENTITY */
    OID_DEF_IDENTITY = 1, /* a MODULE-IDENTITY: the module's own arc */
    OID_DEF_OBJECT = 2    /* anything a manager decodes or groups */
};

/* One named registration: a descriptor of a module on an OID. */
struct oid_def {
    char *oid;          /* dotted numbers */
    char *module;
    char *descriptor;
    char *file;
    int line;
    enum oid_def_kind kind;
};

/* A module's own enterprise number and organisation. */
struct oid_owner {
    char *module;
    char *organization; /* as written, "" for none */
    char *file;
    int line;
    long pen;           /* the module's own enterprise number */
};

struct oid_facts {
    struct oid_def *defs;
    size_t n_defs;
    struct oid_owner *owners;
    size_t n_owners;
};

void oid_facts_add_def(struct oid_facts *f, const char *oid, const char *module,
                       const char *descriptor, const char *file, int line,
                       enum oid_def_kind kind);
void oid_facts_add_owner(struct oid_facts *f, const char *module,
                         const char *organization, const char *file, int line,
                         long pen);
/* Append every fact of src to dst; src is left empty. */
void oid_facts_move(struct oid_facts *dst, struct oid_facts *src);
void oid_facts_free(struct oid_facts *f);

/* One JSON line per fact (no newlines), each passed to emit. */
void oid_facts_to_json(const struct oid_facts *f,
                       void (*emit)(void *arg, const char *line), void *arg);
/* Is line a fact record?  Then add it to f and return 1 (0 if it is not
 * one, -1 if it is one but malformed). */
int oid_facts_from_json(struct oid_facts *f, const char *line);

#endif
