#include "checker/path.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void add(struct search_path *sp, const char *dir, const char *origin,
                int must_exist)
{
    if (!*dir || (must_exist && !is_dir(dir)))
        return;
    for (size_t i = 0; i < sp->len; i++)
        if (!strcmp(sp->v[i].dir, dir))
            return;
    sp->v = xrealloc(sp->v, (sp->len + 1) * sizeof *sp->v);
    sp->v[sp->len].dir = xstrdup(dir);
    sp->v[sp->len].origin = origin;
    sp->len++;
}

static void add_list(struct search_path *sp, const char *list, const char *origin)
{
    if (!list)
        return;
    if (*list == '+')   /* Net-SNMP's "append to the default" marker */
        list++;
    char *copy = xstrdup(list), *save = NULL;
    for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
        add(sp, d, origin, 1);
    free(copy);
}

const char *bundled_base_dir(void)
{
    static char found[PATH_MAX];
    if (found[0])
        return found;
    const char *env = getenv("MIBCHECK_BASE_DIR");
    if (env && is_dir(env)) {
        snprintf(found, sizeof found, "%s", env);
        return found;
    }
    /* next to the binary in a build tree */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *cand = xasprintf("%s/mibs/base", exe);
            int ok = is_dir(cand) && strlen(cand) < sizeof found;
            if (ok)
                memcpy(found, cand, strlen(cand) + 1);
            free(cand);
            if (ok)
                return found;
        }
    }
    if (is_dir(MIBCHECK_PKGDATADIR "/mibs/base"))
        snprintf(found, sizeof found, "%s", MIBCHECK_PKGDATADIR "/mibs/base");
    else
        snprintf(found, sizeof found, "%s", MIBCHECK_SRCDIR "/mibs/base");
    return found;
}

const char *const *system_mib_dirs(void)
{
    static const char *const dirs[] = {
        "/usr/share/snmp/mibs", "/usr/share/snmp/mibs/ietf",
        "/usr/share/snmp/mibs/iana", "/var/lib/snmp/mibs/ietf",
        "/var/lib/snmp/mibs/iana", "/usr/share/mibs/ietf",
        "/usr/share/mibs/iana", "/usr/share/mibs/irtf", "/usr/share/mibs/site",
        NULL};
    return dirs;
}

/* A folder on the path may hold a FIFO, a socket or a device (hostile
 * input folders do).  libsmi opens the file named after an imported
 * module, Net-SNMP every file of the folder, and opening a FIFO waits for
 * a writer: each check would hang until --timeout, and Net-SNMP's scan in
 * the parent for good.  Such a folder is replaced by scratch/.path-K,
 * links to its regular files only.  Returns the folder to use (owned),
 * or NULL to leave it out. */
static char *plain_dir(const char *dir, const char *scratch, size_t k)
{
    DIR *d = opendir(dir);
    if (!d)
        return xstrdup(dir);   /* no parser will read it either */
    struct strvec plain = {0};
    int special = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *p = xasprintf("%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (S_ISREG(st.st_mode))
                strvec_push(&plain, de->d_name);
            else if (!S_ISDIR(st.st_mode))
                special = 1;
        }
        free(p);
    }
    closedir(d);
    if (!special) {
        strvec_free(&plain);
        return xstrdup(dir);
    }
    char *real = realpath(dir, NULL);
    char *out = real ? xasprintf("%s/.path-%zu", scratch, k) : NULL;
    if (out && mkdir(out, 0700) == 0) {
        for (size_t i = 0; i < plain.len; i++) {
            char *from = xasprintf("%s/%s", real, plain.v[i]);
            char *link = xasprintf("%s/%s", out, plain.v[i]);
            if (symlink(from, link) < 0) {
                /* that file stays unknown to the parsers */
            }
            free(from);
            free(link);
        }
    } else {
        free(out);
        out = NULL;
    }
    free(real);
    strvec_free(&plain);
    return out;
}

void search_path_build(const struct config *cfg, const struct source_set *ss,
                       const char *index_dir, struct search_path *sp)
{
    const char *const *system_dirs = system_mib_dirs();
    memset(sp, 0, sizeof *sp);
    if (index_dir)
        add(sp, index_dir, "index", 0);
    for (size_t i = 0; i < cfg->mib_path.len; i++)
        add(sp, cfg->mib_path.v[i], "-M", 0);
    if (ss)
        for (size_t i = 0; i < ss->dirs.len; i++)
            add(sp, ss->dirs.v[i], "input", 1);
    /* standard modules given as the reference set are also where their
     * importers find them */
    for (size_t i = 0; i < cfg->reference_dirs.len; i++)
        add(sp, cfg->reference_dirs.v[i], "reference", 0);
    add_list(sp, getenv("SMIPATH"), "SMIPATH");
    add_list(sp, getenv("MIBDIRS"), "MIBDIRS");
    for (size_t i = 0; system_dirs[i]; i++)
        add(sp, system_dirs[i], "system", 1);
    add(sp, bundled_base_dir(), "bundled", 0);
    if (!index_dir)
        return;   /* only shown (--print-path), never read */
    size_t o = 0;
    for (size_t i = 0; i < sp->len; i++) {
        char *dir = i == 0 ? xstrdup(sp->v[i].dir) : plain_dir(sp->v[i].dir, index_dir, i);
        free(sp->v[i].dir);
        if (!dir)
            continue;
        sp->v[o] = sp->v[i];
        sp->v[o++].dir = dir;
    }
    sp->len = o;
}

char *search_path_join(const struct search_path *sp)
{
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; i < sp->len; i++) {
        if (i)
            buf_append(&b, ":", 1);
        buf_append(&b, sp->v[i].dir, strlen(sp->v[i].dir));
    }
    return b.data;
}

void search_path_free(struct search_path *sp)
{
    for (size_t i = 0; i < sp->len; i++)
        free(sp->v[i].dir);
    free(sp->v);
    memset(sp, 0, sizeof *sp);
}
