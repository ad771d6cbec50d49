/* The vetted export (--export DIR): the modules of a run that are fit to
 * hand to integrators, one file per module named after it, as Net-SNMP
 * and libsmi look modules up. */
#ifndef MIBCHECK_EXPORT_H
#define MIBCHECK_EXPORT_H

#include <stdio.h>

#include "checker/config.h"
#include "checker/findings.h"
#include "checker/load.h"
#include "checker/sources.h"

/* Write to dir every input module that has no finding at or above
 * --fail-on and no netsnmp-* finding, and whose imports from the inputs
 * are written too; then load dir with Net-SNMP on std_path (the search
 * path without the inputs) and leave out, again, what it warns about.
 * Lists what was written and what was left out, with why, on report.
 * Returns 0, or -1 with errno when dir cannot be written. */
int export_vetted(const struct config *cfg, const struct source_set *ss,
                  const struct module_index *ix,
                  const struct module_records *mods,
                  const struct finding_list *findings, const char *dir,
                  const char *std_path, FILE *report);

#endif
