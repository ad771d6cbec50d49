/* The batch engine: each file is checked in a child process forked from
 * the parent, at most -j at a time, so that a parser crash, hang or memory
 * blow-up on one file costs only that file. */
#ifndef MIBCHECK_ENGINE_H
#define MIBCHECK_ENGINE_H

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
    int interrupted;          /* stopped by SIGINT/SIGTERM: report is partial */
};

/* Check every SRC_OK source.  Returns 0, or -1 on an internal error (no
 * pipe, no fork) with errno set. */
int engine_run(const struct config *cfg, const struct source_set *ss,
               const char *smipath, const char *index_dir,
               struct engine_result *res);
void engine_result_free(struct engine_result *res);

#endif
