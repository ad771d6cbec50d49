/* `mibcheck agent`: walk a live agent (SNMPv2c or SNMPv3 USM, GetBulk
 * only, never a Set) over the subtrees of the given modules, or read a
 * walk saved before, and check it (rules/agent.c). */
#ifndef MIBCHECK_AGENT_H
#define MIBCHECK_AGENT_H

#include <stdbool.h>

#include "checker/config.h"
#include "checker/findings.h"
#include "checker/load.h"
#include "checker/sources.h"
#include "checker/util.h"

struct agent_options {
    const char *host;            /* HOST[:PORT] as Net-SNMP takes it */
    int version;                 /* 2 (2c) or 3 */
    const char *community;       /* v2c; default public */
    const char *user;            /* v3 */
    const char *level;           /* noAuthNoPriv, authNoPriv, authPriv */
    const char *auth_proto, *auth_pass, *priv_proto, *priv_pass;
    const char *context;         /* v3 context name, or NULL */
    long timeout_ms;             /* per request */
    int retries;
    long max_varbinds;           /* over the whole walk */
    long max_seconds;            /* for the whole walk */
    int bulk_size;               /* values asked for per GetBulk */
    const char *compliance;      /* --compliance NAME, or NULL */
    const char *capabilities;    /* --capabilities NAME, or NULL */
    const char *walk_file;       /* read this instead of asking an agent */
    const char *save_walk;       /* also write what was walked here */
};

void agent_options_init(struct agent_options *o);
/* Is s a security level, auth or priv protocol Net-SNMP knows? */
bool agent_level_valid(const char *s);
bool agent_auth_valid(const char *s);
bool agent_priv_valid(const char *s);

/* The bound that stopped a live walk, if one did. */
enum agent_bound { AGENT_BOUND_NONE, AGENT_BOUND_VARBINDS, AGENT_BOUND_SECONDS };

/* What one agent run produced, for the filters and the reports. */
struct agent_result {
    struct finding_list findings;
    struct module_records modules;   /* the modules checked against */
    struct source_set sources;       /* their files (suppressions, reports) */
    enum agent_bound bound;          /* the bound that cut the walk, if one did */
    long varbinds;                   /* values walked (or read) */
};

void agent_result_free(struct agent_result *r);

/* Load modules (names or files) with libsmi on cfg's path, walk, check.
 * Returns 0; -1 with *err (to free) when nothing could be checked (a
 * module does not load, the agent does not answer); 1 with *err when the
 * walk failed partway (the findings so far are in res). */
int agent_run(const struct config *cfg, const struct agent_options *o,
              const struct strvec *modules, struct agent_result *res, char **err);

#endif
