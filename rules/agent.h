/* Live agent conformance (`mibcheck agent`): what a walk of an agent
 * returned, and the checks of it against the modules libsmi loaded.
 *
 * checker/agent.c fills a walk (from the agent, or from a walk file) and
 * rules/agent.c checks it.  Both run in the one process of the agent
 * command, which owns libsmi's state while they run. */
#ifndef MIBCHECK_AGENT_RULES_H
#define MIBCHECK_AGENT_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "checker/findings.h"
#include "checker/util.h"

/* The ASN.1 tags of SNMP values (RFC 3416 section 3, RFC 2578 section 7.1)
 * and of the exceptions a response may hold instead of a value. */
enum {
    AV_INTEGER = 0x02,
    AV_OCTETS = 0x04,
    AV_NULL = 0x05,
    AV_OID = 0x06,
    AV_IPADDRESS = 0x40,
    AV_COUNTER32 = 0x41,
    AV_GAUGE32 = 0x42,
    AV_TIMETICKS = 0x43,
    AV_OPAQUE = 0x44,
    AV_COUNTER64 = 0x46,
    AV_NOSUCHOBJECT = 0x80,
    AV_NOSUCHINSTANCE = 0x81,
    AV_ENDOFMIBVIEW = 0x82
};

struct agent_value {
    unsigned char type;           /* AV_* */
    long long integer;            /* INTEGER */
    unsigned long long number;    /* Counter32/64, Gauge32, TimeTicks */
    unsigned char *bytes;         /* OCTET STRING, IpAddress, Opaque */
    size_t len;
    unsigned int *oid;            /* OBJECT IDENTIFIER */
    size_t oidlen;
};

struct agent_varbind {
    unsigned int *oid;
    size_t oidlen;
    struct agent_value v;
};

/* A subtree walked: the parent of a module's scalars and tables. */
struct agent_root {
    unsigned int *oid;
    size_t oidlen;
    char *module;       /* whose objects lie under it */
    bool complete;      /* walked to its end (not cut by a bound or error) */
};

struct agent_walk {
    struct agent_varbind *vb;     /* in the order the agent returned them */
    size_t n, cap;
    struct agent_root *roots;     /* sorted, none inside another */
    size_t n_roots;
    bool bounded;                 /* --max-varbinds or --max-seconds cut it */
};

/* Append a copy of one varbind. */
void agent_walk_add(struct agent_walk *w, const unsigned int *oid, size_t oidlen,
                    const struct agent_value *v);
void agent_walk_free(struct agent_walk *w);

/* With modules (names) loaded in libsmi: the subtrees to walk, into
 * w->roots, every root incomplete.  A compliance (NULL: none) adds the
 * subtrees of its mandatory groups' objects.  Returns 0, or -1 with *err
 * (to free) when compliance names no MODULE-COMPLIANCE of the modules or
 * capabilities (NULL: none) no AGENT-CAPABILITIES of them.  notes get a
 * line for each SUPPORTS clause of the capability statement that names
 * a module not given (not checked). */
int agent_plan(const struct strvec *modules, const char *compliance,
               const char *capabilities, struct agent_walk *w, struct strvec *notes,
               char **err);

/* Check every varbind of w that lies under a root against the modules
 * and the SYNTAX the claims narrow objects to, and the groups the claims
 * require (the mandatory groups of compliance, the groups capabilities
 * INCLUDES; NULL: none) whose subtrees were walked whole; findings
 * (rules agent-*) go to out. */
void agent_check(const struct strvec *modules, const char *compliance,
                 const char *capabilities, const struct agent_walk *w,
                 struct finding_list *out);

/* "1.3.6.1.2.1.1.1.0" (no leading dot); caller frees. */
char *agent_oid_string(const unsigned int *oid, size_t len);
/* The value as messages and walk files show it: TYPE VALUE, strings cut
 * after max octets (0: whole). */
char *agent_value_string(const struct agent_value *v, size_t max);
/* Compare two OIDs lexicographically: <0, 0, >0. */
int agent_oid_cmp(const unsigned int *a, size_t alen, const unsigned int *b,
                  size_t blen);
/* Is oid pre or inside its subtree? */
bool agent_oid_under(const unsigned int *oid, size_t len, const unsigned int *pre,
                     size_t plen);

#endif
