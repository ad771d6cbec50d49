/*
 * Baselines: the findings a team has accepted, so that a legacy set of
 * modules can be gated on new problems only (--write-baseline FILE,
 * --baseline FILE, `baseline = FILE` in .mibcheck.ini).
 *
 * A finding is identified by its fingerprint: rule id, module (the file's
 * base name when it has none), object and normalised message, never the
 * line; a finding with a key (agent findings, whose messages quote values
 * that change between walks) by rule, module, object and key instead.  SARIF's partialFingerprints use the same function, so a result
 * and its baseline entry agree.  The file is JSON (docs/baseline-format.md)
 * with entries sorted, written atomically; it is a multiset: an entry with
 * count 2 absorbs two identical findings.
 */
#ifndef MIBCHECK_BASELINE_H
#define MIBCHECK_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#include "checker/config.h"
#include "checker/findings.h"
#include "checker/load.h"
#include "checker/sources.h"

/* The kind of fingerprint, named in the SARIF and in the baseline file:
 * change it whenever what goes into a fingerprint changes so that
 * existing baselines stop matching.  (Keys did not: message prints are as
 * before, and baseline_apply still matches a keyed finding by its message
 * print.) */
#define FINGERPRINT_KIND "mibcheckFinding/v1"
#define BASELINE_FORMAT_VERSION 1

/* A message with what moves under unrelated edits made uniform: runs of
 * white space become one space, line numbers ("line 12", "lines 3-9",
 * "x.mib:12") become '#', and file paths their base name.  Caller frees. */
char *fingerprint_message(const char *message);
/* The fingerprint of a finding. */
uint64_t finding_fingerprint(const struct finding *f);

struct baseline_entry {
    uint64_t print;
    char *rule, *module, *file, *object, *message, *key;   /* for readers */
    size_t count;   /* how many identical findings it absorbs */
    size_t used;    /* how many it absorbed in this run */
};

struct baseline {
    struct baseline_entry *v;   /* sorted by print */
    size_t len;
};

/* The baseline of a run's findings (those it would report). */
void baseline_from_findings(const struct finding_list *list, struct baseline *b);
/* Read path.  Returns 0, or -1 with *err (naming the file) to free. */
int baseline_load(const char *path, struct baseline *b, char **err);
/* The same from text in memory, labelled name (for tests). */
int baseline_parse(const char *text, size_t len, const char *name,
                   struct baseline *b, char **err);
/* Write b to path atomically.  Returns 0 or -1 with errno. */
int baseline_write(const struct baseline *b, const char *path);
/* The file's text (caller frees). */
char *baseline_dump(const struct baseline *b);
/* Remove the findings b absorbs from list (keeps order); returns how
 * many. */
size_t baseline_apply(struct baseline *b, struct finding_list *list);
/* How many accepted findings of modules (or module-less files) checked in
 * this run, under rules this configuration runs, were not seen: entries
 * the team can remove. */
size_t baseline_stale(const struct baseline *b, const struct config *cfg,
                      const struct module_records *mods,
                      const struct source_set *ss);
void baseline_free(struct baseline *b);

#endif
