/* Inputs: every path argument becomes a list of sources (files), and the
 * index maps module names, read from content, to the files defining them. */
#ifndef MIBCHECK_SOURCES_H
#define MIBCHECK_SOURCES_H

#include <stddef.h>

#include "checker/config.h"
#include "checker/extract.h"
#include "checker/findings.h"
#include "checker/lexer.h"

enum source_status {
    SRC_OK,          /* holds at least one module: to be checked */
    SRC_UNREADABLE,
    SRC_TOO_LARGE,
    SRC_NOT_MIB
};

struct source {
    char *path;              /* as given or as walked ("dir/file") */
    char *abspath;           /* absolute, for links and comparisons */
    enum source_status status;
    size_t size;
    struct module_span *mods;  /* modules found in the text */
    size_t n_mods;
    /* An RFC or Internet-Draft: its modules are extracted (at the
     * document's line numbers) into load_path, the file libsmi reads. */
    enum doc_kind doc;
    char *extracted;         /* until written by sources_write_extracted */
    size_t extracted_len;
    char *load_path;         /* NULL: libsmi reads path itself */
};

struct source_set {
    struct source *v;
    size_t len, cap;
    struct strvec dirs;      /* directories of the inputs, for the path */
};

/* Walk every input; findings about unreadable, oversized and non-MIB
 * inputs go to out.  Sources are sorted by path. */
void sources_collect(const struct config *cfg, struct source_set *ss,
                     struct finding_list *out);
void sources_free(struct source_set *ss);
/* Write the modules extracted from documents into dir (one hidden file
 * per document, absolute load_path).  Returns 0 or -1 with errno. */
int sources_write_extracted(struct source_set *ss, const char *dir);
/* The file libsmi loads for a source. */
const char *source_load_path(const struct source *s);

/* The source with this path (sources are sorted), or NULL. */
const struct source *source_find(const struct source_set *ss, const char *path);

/* The module index: module name -> (source, module) for every input.  When
 * two sources define one name, the first in path order is the one imports
 * resolve to, and module-duplicate is reported on the others. */
struct index_entry {
    const char *name;        /* points into the source's module_span */
    size_t source;           /* index into source_set */
    size_t module;           /* index into source->mods */
};

struct module_index {
    struct index_entry *v;   /* sorted by name, then by source path */
    size_t len;
};

void index_build(const struct source_set *ss, struct module_index *ix,
                 struct finding_list *out);
/* First entry for name, or NULL. */
const struct index_entry *index_find(const struct module_index *ix,
                                     const char *name);
void index_free(struct module_index *ix);

/* Make dir hold one symbolic link per indexed module name, pointing to the
 * file that defines it, so libsmi (which finds imports only by file name)
 * resolves imports to the inputs.  Returns 0 or -1 with errno. */
int index_write_links(const struct module_index *ix,
                      const struct source_set *ss, const char *dir);

#endif
