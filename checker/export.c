#include "checker/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checker/netsnmp.h"
#include "checker/util.h"

/* Rounds of "load the export, leave out what Net-SNMP warns about". */
#define MAX_ROUNDS 5

struct cand {
    const struct source *src;
    const struct module_span *ms;
    char *reason;              /* NULL while the module is in the export */
};

static const struct module_record *record_of(const struct module_records *mods,
                                             const char *name, const char *file)
{
    for (size_t i = 0; i < mods->len; i++)
        if (!strcmp(mods->v[i].name, name) && !strcmp(mods->v[i].file, file))
            return &mods->v[i];
    return NULL;
}

/* Why the module cannot be exported on its own findings, or NULL. */
static char *own_reason(const struct config *cfg, const struct finding_list *fl,
                        const struct cand *c)
{
    for (size_t i = 0; i < fl->len; i++) {
        const struct finding *f = &fl->items[i];
        if (!f->file || strcmp(f->file, c->src->path) ||
            (f->module && strcmp(f->module, c->ms->name)))
            continue;
        /* for Net-SNMP users, any word of Net-SNMP's disqualifies */
        if ((cfg->fail_on != SEV_NONE && f->severity >= cfg->fail_on) ||
            !strncmp(f->rule, "netsnmp-", 8))
            return xasprintf("%s at line %d [%s]", severity_name(f->severity),
                             f->line, f->rule);
    }
    return NULL;
}

static struct cand *cand_named(struct cand *c, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].ms->name, name))
            return &c[i];
    return NULL;
}

/* A module whose import from the inputs is left out goes too. */
static void close_over_imports(struct cand *c, size_t n, const char *dir)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            if (c[i].reason)
                continue;
            for (size_t k = 0; k < c[i].ms->n_imports; k++) {
                const struct cand *dep = cand_named(c, n, c[i].ms->imports[k]);
                if (!dep || !dep->reason)
                    continue;
                c[i].reason = xasprintf("imports %s, which is left out",
                                        dep->ms->name);
                char *p = xasprintf("%s/%s", dir, c[i].ms->name);
                unlink(p);
                free(p);
                changed = 1;
                break;
            }
        }
    }
}

/* The lines of the module's span, from the file libsmi read. */
static int write_module(const struct config *cfg, const struct cand *c,
                        const char *dir)
{
    size_t len = 0;
    int big = 0;
    char *text = read_file(source_load_path(c->src), cfg->max_file_size, &len, &big);
    if (!text)
        return -1;
    size_t start = 0, end = len;
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (line == c->ms->line && (i == 0 || text[i - 1] == '\n'))
            start = i;
        if (text[i] == '\n' && line++ == c->ms->end_line) {
            end = i + 1;
            break;
        }
    }
    char *p = xasprintf("%s/%s", dir, c->ms->name);
    int rc = write_file_atomic(p, text + start, end - start);
    free(p);
    free(text);
    return rc;
}

/* Load the export with Net-SNMP in a process of its own (its parser
 * keeps global state and has crashers); problems as netsnmp_load_dir. */
static void check_export(const char *dir, const char *std_path,
                         const struct strvec *names, struct strvec *problems)
{
    int fds[2];
    if (pipe(fds) < 0) {
        strvec_push_owned(problems, xasprintf("-\t0\tno pipe: %s", strerror(errno)));
        return;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        struct strvec out = {0};
        char *path = xasprintf("%s:%s", dir, std_path);
        netsnmp_load_dir(dir, path, names, &out);
        struct buf b = {0};
        for (size_t i = 0; i < out.len; i++)
            buf_printf(&b, "%s\n", out.v[i]);
        for (size_t off = 0; off < b.len;) {
            ssize_t w = write(fds[1], b.data + off, b.len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        _exit(0);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        strvec_push_owned(problems, xasprintf("-\t0\tno fork: %s", strerror(errno)));
        return;
    }
    struct buf b = {0};
    char chunk[4096];
    ssize_t r;
    while ((r = read(fds[0], chunk, sizeof chunk)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        buf_append(&b, chunk, (size_t)r);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        strvec_push(problems, "-\t0\tNet-SNMP's parser crashed loading the export");
    char *save = NULL;
    for (char *l = b.data ? strtok_r(b.data, "\n", &save) : NULL; l;
         l = strtok_r(NULL, "\n", &save))
        strvec_push(problems, l);
    buf_free(&b);
}

int export_vetted(const struct config *cfg, const struct source_set *ss,
                  const struct module_index *ix,
                  const struct module_records *mods,
                  const struct finding_list *findings, const char *dir,
                  const char *std_path, FILE *report)
{
    if (mkdir(dir, 0777) < 0 && errno != EEXIST)
        return -1;
    struct cand *c = xcalloc(ix->len ? ix->len : 1, sizeof *c);
    size_t n = 0;
    for (size_t i = 0; i < ix->len; i++) {
        const struct index_entry *ie = &ix->v[i];
        struct cand *k = &c[n++];
        k->src = &ss->v[ie->source];
        k->ms = &k->src->mods[ie->module];
        const struct module_record *mr = record_of(mods, ie->name, k->src->path);
        if (i > 0 && !strcmp(ix->v[i - 1].name, ie->name))
            k->reason = xasprintf("%s defines it too, and comes first",
                                  ss->v[ix->v[i - 1].source].path);
        else if (!mr || strcmp(mr->status, "checked"))
            k->reason = xasprintf("not checked (%s)", mr ? mr->status : "not loaded");
        else
            k->reason = own_reason(cfg, findings, k);
    }
    /* a second copy of a module name is never exported: keep only the
     * first of each name among the candidates for import lookups */
    close_over_imports(c, n, dir);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        if (!c[i].reason)
            rc = write_module(cfg, &c[i], dir);
    int saved = errno;
    for (int round = 0; rc == 0 && round < MAX_ROUNDS; round++) {
        struct strvec names = {0}, problems = {0};
        for (size_t i = 0; i < n; i++)
            if (!c[i].reason)
                strvec_push(&names, c[i].ms->name);
        if (names.len)
            check_export(dir, std_path, &names, &problems);
        size_t left = 0;
        for (size_t p = 0; p < problems.len; p++) {
            char *name = problems.v[p], *tab = strchr(name, '\t');
            if (!tab)
                continue;
            *tab = '\0';
            char *line = tab + 1, *text = strchr(line, '\t');
            text = text ? text + 1 : line;
            struct cand *k = cand_named(c, n, name);
            if (!k) {
                /* the check itself failed: nothing here is vetted */
                for (size_t i = 0; i < n; i++)
                    if (!c[i].reason) {
                        c[i].reason = xasprintf("the export could not be checked: %s", text);
                        char *f = xasprintf("%s/%s", dir, c[i].ms->name);
                        unlink(f);
                        free(f);
                    }
                continue;
            }
            if (k->reason)
                continue;
            k->reason = xasprintf("Net-SNMP warns when the export is loaded: "
                                  "line %d: %s", atoi(line), text);
            char *f = xasprintf("%s/%s", dir, name);
            unlink(f);
            free(f);
            left++;
        }
        strvec_free(&names);
        strvec_free(&problems);
        if (!left)
            break;
        close_over_imports(c, n, dir);
    }
    size_t written = 0;
    for (size_t i = 0; i < n; i++)
        written += !c[i].reason;
    if (rc == 0) {
        fprintf(report, "mibcheck: exported %zu of %zu modules to %s\n", written, n, dir);
        for (size_t i = 0; i < n; i++)
            if (c[i].reason)
                fprintf(report, "mibcheck: left out %s (%s): %s\n", c[i].ms->name,
                        c[i].src->path, c[i].reason);
    }
    for (size_t i = 0; i < n; i++)
        free(c[i].reason);
    free(c);
    errno = saved;
    return rc;
}
