/* libsmi states prepared in the parent before the workers fork.
 *
 * Modules start by importing the same few modules (SNMPv2-SMI, SNMPv2-TC,
 * SNMPv2-CONF, then often IF-MIB, a vendor's SMI module, ...), and a
 * worker that starts from an empty libsmi parses them again for every
 * file.  The parent instead loads, once, each sequence of imports that
 * several inputs' first modules start with, each into a libsmi handle of
 * its own (inputs among them too, resolved through the run's search path
 * and index as in a worker); a worker inherits them copy-on-write and
 * starts from the longest one its file's IMPORTS begin with.
 *
 * Findings must not change, so a worker keeps a prepared state only when
 * an empty libsmi would have reached it on the way: the prepared modules
 * are exactly those libsmi loads, in the same order, right after the
 * file's first module (smi_preload_faithful), and the file defines none of
 * them.  Otherwise it starts again from an empty libsmi.  Diagnostics
 * about imported modules are dropped while preparing, as a worker drops
 * them; with -r, which reports them, nothing is prepared. */
#ifndef MIBCHECK_PRELOAD_H
#define MIBCHECK_PRELOAD_H

#include "checker/config.h"
#include "checker/sources.h"

struct smi_preload;
struct smi_prepared;

/* In the parent: prepare the states the sources of ss marked in todo
 * (those a worker will check) will ask for, those that several of them
 * share.  Never fails: NULL means nothing prepared, and every worker
 * starts from an empty libsmi. */
struct smi_preload *smi_preload_build(const struct config *cfg,
                                      const struct source_set *ss,
                                      const unsigned char *todo,
                                      const char *smipath);
void smi_preload_free(struct smi_preload *p);

/* In a worker: the prepared state for src, or NULL. */
const struct smi_prepared *smi_preload_pick(const struct smi_preload *p,
                                            const struct source *src);
/* Make the prepared state libsmi's current one (instead of smiInit). */
void smi_preload_enter(const struct smi_prepared *h);
/* After smiLoadModule(load_path) on the prepared state: would an empty
 * libsmi have loaded the prepared modules, in this order, right after the
 * first module of src?  If not, the worker must start again from an
 * empty libsmi. */
int smi_preload_faithful(const struct smi_prepared *h, const struct source *src,
                         const char *load_path);

/* The settings of the current libsmi handle that a worker loads a file
 * with: a prepared state is parsed with the same ones, so what it holds is
 * what the worker would have parsed.  flags are added to SMI_FLAG_ERRORS;
 * handler takes libsmi's diagnostics (it frees the message). */
void smi_preload_settings(const char *smipath, int flags,
                          void (*handler)(char *path, int line, int severity,
                                          char *msg, char *tag));

#endif
