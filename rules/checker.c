/* The checker family: findings the engine itself raises about inputs and
 * about parsers that fail.  No checks run on modules here; this file holds
 * their explanations. */
#include <stddef.h>

#include "rules/rules.h"

static const struct rule_doc docs[] = {
    {"input-unreadable",
     "Reports a path given on the command line (or met while walking a "
     "directory) that does not exist, cannot be opened, or is not a regular "
     "file or directory.",
     "A batch that silently skips an input hides the fact that a module was "
     "never checked; the rest of the batch is still checked.",
     "mibcheck vendor/MISSPELLED-MIB.my",
     "mibcheck vendor/EXAMPLE-MIB.my",
     "Fix the path or the file's permissions."},
    {"input-too-large",
     "Reports a file larger than --max-file-size (16 MB by default); it is "
     "not parsed.",
     "Real MIB modules are far smaller; a huge file is usually a mistake "
     "(a log, an archive) and would cost the whole batch memory and time.",
     "a 200 MB file in the input folder",
     "only MIB module files in the input folder",
     "Remove the file, or raise --max-file-size if it really is one module."},
    {"input-not-mib",
     "Notes a file that holds no MIB module: no \"NAME DEFINITIONS ::= "
     "BEGIN\" header, an empty file, or a binary file.",
     "Such files are skipped; the note says so, so that every input is "
     "accounted for in the report.",
     "README.txt inside a MIB folder",
     "MIB folders holding only modules",
     "Nothing to fix if the file is not meant to be a module."},
    {"module-duplicate",
     "Reports a module name defined by two input files.  Both files are "
     "checked, each on its own; imports of that name resolve to the first "
     "file in path order.",
     "RFC 2578 section 3 requires module names to be unique; two versions of "
     "one module in a set make loading order decide which one an NMS gets.",
     "vendor/v1/ACME-MIB.my and vendor/v2/ACME-MIB.my in one run",
     "one copy of each module in the set",
     "Keep one version of the module, or check the versions in separate runs."},
    {"import-cycle",
     "Reports each module of the batch that imports, through other modules "
     "of the batch, from itself (A imports from B, B from C, C from A), with "
     "the shortest such cycle.  Only modules given as inputs are followed; a "
     "module that imports from itself directly is libsmi's "
     "smi-import-failed.",
     "An IMPORTS clause (RFC 2578 section 3.2) names definitions the module "
     "takes as already made elsewhere.  In a cycle no module can be read "
     "first: a loader that reads imports before the module (libsmi, "
     "Net-SNMP, compilers that emit code per module) meets a module half "
     "read, and which definitions resolve depends on where it started.",
     "ACME-A-MIB: IMPORTS acmeB FROM ACME-B-MIB;\n"
     "ACME-B-MIB: IMPORTS acmeA FROM ACME-A-MIB;",
     "ACME-A-MIB: IMPORTS acmeRoot FROM ACME-ROOT-MIB;\n"
     "ACME-B-MIB: IMPORTS acmeRoot FROM ACME-ROOT-MIB;",
     "Move the definitions both modules need into a module of their own "
     "that imports from neither, and import them from there."},
    {"checker-crash",
     "Reports that the parser (libsmi or Net-SNMP) crashed on this file; the "
     "signal is named.  The crash is contained in a worker process and the "
     "rest of the batch goes on.",
     "A module that crashes a common parser will crash NMS tools built on it.",
     "a module that makes libsmi 0.4.8 dereference a null pointer",
     "a module every parser loads",
     "Look for malformed constructs near the last line reported; report the "
     "parser bug upstream."},
    {"checker-timeout",
     "Reports that checking this file took longer than --timeout seconds "
     "(30 by default); the worker was stopped.",
     "libsmi loops forever on some malformed input, such as a "
     "self-referential TEXTUAL-CONVENTION.",
     "Foo ::= TEXTUAL-CONVENTION ... SYNTAX Foo",
     "a TEXTUAL-CONVENTION whose SYNTAX is a base type",
     "Fix the construct, or raise --timeout for a truly huge module."},
    {"checker-memory",
     "Reports that checking this file needed more memory than --max-memory "
     "megabytes.",
     "A module that exhausts a parser's memory is either hostile or broken.",
     "a module with deeply nested constructs",
     "a module of ordinary shape",
     "Fix the module, or raise --max-memory."},
    {"suppression-unused",
     "Notes an inline suppression comment (-- mibcheck: disable=RULE) that "
     "suppressed no finding.",
     "Stale suppressions hide future problems of the same kind on that line.",
     "-- mibcheck: disable=smi-type-unref (no such finding here)",
     "only suppressions that match a finding",
     "Remove the comment."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct rule_family_def family_checker = {"checker", NULL, docs};
