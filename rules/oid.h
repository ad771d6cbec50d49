/* The parts of the oid family that run in the parent, over the OID facts
 * of every input (checker/oidfacts.h). */
#ifndef MIBCHECK_RULES_OID_H
#define MIBCHECK_RULES_OID_H

#include "checker/findings.h"
#include "checker/oidfacts.h"

/* oid-collision and the organisation part of oid-enterprise-inconsistent.
 * Reorders (and normalises the organisations of) facts. */
void oid_batch_rules(struct oid_facts *facts, struct finding_list *out);

#endif
