/* The netsnmp family: how Net-SNMP's MIB parser sees a module.  The
 * findings come from the cross-load in checker/netsnmp.c (one load per
 * file, not per rule); this file holds their explanations. */
#include <stddef.h>

#include "rules/rules.h"

static const struct rule_doc docs[] = {
    {"netsnmp-load-failed",
     "Loads every checked module with Net-SNMP's MIB parser too, the parser "
     "behind snmptranslate, snmpwalk and many management stations, and "
     "reports a module that parser gives up on.  The finding sits on the "
     "line where the parser stopped and quotes its complaint; modules of "
     "the same file after that line are reported as not reached.",
     "A module that only some parsers accept cannot be shipped to "
     "customers: Net-SNMP drops every definition of a module whose parse "
     "stops, so none of its objects has a name in the tools.  Net-SNMP "
     "is stricter than RFC 2578 in places (underscores in descriptors are "
     "refused unless a tool turns on its -Pu option) and looser in others.",
     "exampleAaa_AcctPort OBJECT-TYPE\n    SYNTAX Unsigned32 ...",
     "exampleAaaAcctPort OBJECT-TYPE\n    SYNTAX Unsigned32 ...",
     "Fix the construct at the line named; RFC 2578 section 3.1 allows only "
     "letters, digits and hyphens in descriptors."},
    {"netsnmp-unlinked-oid",
     "Reports a definition that Net-SNMP cannot place in its OID tree "
     "when it loads the module, because it does not know the parent named "
     "in the OID value (\"Unlinked OID\").",
     "Net-SNMP links a node only through the descriptors the module "
     "imports or defines (RFC 2578 section 3.2 requires the import).  A "
     "parent used without import works in tools only if some other module "
     "happened to be loaded first, so names and OIDs depend on load order.",
     "IMPORTS MODULE-IDENTITY FROM SNMPv2-SMI;\n"
     "acmeMIB MODULE-IDENTITY ... ::= { enterprises 99999 }",
     "IMPORTS MODULE-IDENTITY, enterprises FROM SNMPv2-SMI;\n"
     "acmeMIB MODULE-IDENTITY ... ::= { enterprises 99999 }",
     "Import the parent from the module that defines it."},
    {"netsnmp-unknown-import",
     "Reports an import that libsmi resolved and Net-SNMP did not: the "
     "module named after FROM is not found by Net-SNMP on the same search "
     "path, or Net-SNMP does not find the imported descriptor in it.",
     "Net-SNMP identifies a file's module by the first word of the file "
     "and the DEFINITIONS keyword after it, and knows only descriptors its "
     "parser kept; a module whose file starts otherwise, or a descriptor "
     "defined in a form it skips, is invisible to it (RFC 2578 section "
     "3.2).",
     "ACME-TC { iso 3 6 1 4 1 99999 } DEFINITIONS ::= BEGIN   -- imported by others",
     "ACME-TC DEFINITIONS ::= BEGIN",
     "Give the imported module a plain header, or import the descriptor "
     "from the module that defines it."},
    {"netsnmp-warning",
     "Reports every other message Net-SNMP's parser gives about the module "
     "with its warnings raised to the highest level (snmptranslate -PW), "
     "with Net-SNMP's text kept: errors it recovers from, replacement "
     "modules it loads instead of missing ones, OIDs given two names, "
     "macros it ignores.  Its note that a row's SEQUENCE type has no "
     "translation is left out: it is said of every table.",
     "Each message is a place where a Net-SNMP based tool sees the module "
     "differently from its text, or silently repairs it.",
     "IMPORTS ifIndex FROM RFC1213-MIB;   -- RFC1213-MIB not on the path",
     "IMPORTS ifIndex FROM IF-MIB;",
     "Read Net-SNMP's message; most name an import or a clause to fix."},
    {"netsnmp-oid-mismatch",
     "Compares, for every descriptor the module defines, the OID libsmi "
     "computed with the OID Net-SNMP gives it, and reports a difference "
     "with both values.",
     "An OID is what goes on the wire (RFC 2578 section 3.6): a manager "
     "built on one parser and an agent built on the other would address "
     "different objects under one name.  It happens when the module leans "
     "on a construct the parsers read differently, such as an OID value "
     "with a bare number as its first element.",
     "acmeRoot OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 99999 }",
     "acmeRoot OBJECT IDENTIFIER ::= { enterprises 99999 }",
     "Write OID values as { parent number } with an imported parent."},
    {"netsnmp-missing-node",
     "Reports a descriptor that one parser defines in the module and the "
     "other does not (with its OID), once the module loads in both.",
     "Tools built on the parser that lacks it cannot resolve the name; the "
     "cause is a definition one of them reads differently, such as a name "
     "given inside another definition's OID value.",
     "acmeRoot OBJECT IDENTIFIER ::= { enterprises acme(99999) }",
     "acme OBJECT IDENTIFIER ::= { enterprises 99999 }\n"
     "acmeRoot OBJECT IDENTIFIER ::= { acme 1 }",
     "Define every descriptor in its own assignment."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_netsnmp = {"netsnmp", NULL, docs};
