/* The MIB search path (DESIGN.md section 1, "MIB search path"). */
#ifndef MIBCHECK_PATH_H
#define MIBCHECK_PATH_H

#include "checker/config.h"
#include "checker/sources.h"
#include "checker/util.h"

struct path_entry {
    char *dir;
    const char *origin;   /* "-M", "input", "SMIPATH", "MIBDIRS", "reference", "system", "bundled",
                           "index" */
};

struct search_path {
    struct path_entry *v;
    size_t len;
};

/* Build the effective path.  index_dir (may be NULL) is the folder of links
 * to the inputs' modules; it comes first so that a vendor's set resolves to
 * itself rather than to same-named modules elsewhere. */
void search_path_build(const struct config *cfg, const struct source_set *ss,
                       const char *index_dir, struct search_path *sp);
/* Colon-separated, as libsmi's smiSetPath wants it. */
char *search_path_join(const struct search_path *sp);
void search_path_free(struct search_path *sp);

/* The system directories where distributions put standard modules
 * (NULL-terminated); the ones that exist are in the path and in the
 * reference set. */
const char *const *system_mib_dirs(void);

/* The bundled base SMI modules (mibs/base). */
const char *bundled_base_dir(void);

#endif
