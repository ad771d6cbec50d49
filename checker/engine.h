/* The batch engine: each file is checked in a child process forked from
 * the parent, at most -j at a time, so that a parser crash, hang or memory
 * blow-up on one file costs only that file. */
#ifndef MIBCHECK_ENGINE_H
#define MIBCHECK_ENGINE_H

#include <signal.h>

#include "checker/config.h"
#include "checker/findings.h"
#include "checker/load.h"
#include "checker/oidfacts.h"
#include "checker/sources.h"

struct engine_result {
    struct finding_list findings;
    struct finding_list foreign;  /* -r: findings in imported non-inputs */
    struct module_records modules;
    struct oid_facts facts;   /* from every file, for run-wide rules */
    size_t files_checked;
    size_t files_cached;      /* of those, taken from --cache */
    int interrupted;          /* stopped by SIGINT/SIGTERM: report is partial */
};

/* SIGINT and SIGTERM only set a flag from engine_catch_signals() until
 * engine_restore_signals(): main holds them over the whole run, so that
 * an interrupted batch still removes its temporary index and writes its
 * (incomplete) report whole. */
struct engine_signals {
    struct sigaction old_int, old_term;
};
void engine_catch_signals(struct engine_signals *saved);
void engine_restore_signals(const struct engine_signals *saved);
int engine_stop_requested(void);

/* Check every SRC_OK source (ix: the inputs' modules by name, for the
 * cache).  Returns 0, or -1 on an internal error (no pipe, no fork) with
 * errno set.  After a stop signal, running checks are killed and left
 * out, and res->interrupted is set. */
int engine_run(const struct config *cfg, const struct source_set *ss,
               const struct module_index *ix, const char *smipath,
               const char *index_dir, struct engine_result *res);
void engine_result_free(struct engine_result *res);

#endif
