
#include "checker/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "checker/cache.h"
#include "checker/netsnmp.h"
#include "checker/preload.h"
#include "checker/util.h"

#include "rules/rules.h"

/* Exit status a child uses when an allocation failed under its limit. */
#define CHILD_EXIT_OOM 99

struct slot {
    pid_t pid;
    int fd;
    size_t src;
    double started;
    int timed_out;
    int done;                 /* child wrote its closing record */
    int in_netsnmp;           /* child started Net-SNMP's parser */
    struct buf partial;       /* bytes of an unfinished line */
    struct finding_list findings;
    struct module_records modules;
    struct oid_facts facts;
    struct strvec deps;       /* "NAME\tPATH" the child loaded (cache) */
    struct buf records;       /* the child's lines, for the cache */
};

/* Set by SIGINT/SIGTERM; the only state shared with a signal handler. */
static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

void engine_catch_signals(struct engine_signals *saved)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    stop_requested = 0;
    sigaction(SIGINT, &sa, &saved->old_int);
    sigaction(SIGTERM, &sa, &saved->old_term);
}

void engine_restore_signals(const struct engine_signals *saved)
{
    sigaction(SIGINT, &saved->old_int, NULL);
    sigaction(SIGTERM, &saved->old_term, NULL);
}

int engine_stop_requested(void)
{
    return stop_requested != 0;
}

/* The address space the process has now, in bytes (0 if unknown). */
static unsigned long long address_space_now(void)
{
    unsigned long long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    long page = sysconf(_SC_PAGESIZE);
    return pages * (unsigned long long)(page > 0 ? page : 4096);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void emit_line(void *arg, const char *line)
{
    buf_printf(arg, "%s\n", line);
}

static void write_findings(struct buf *b, const struct finding_list *list)
{
    for (size_t i = 0; i < list->len; i++) {
        char *s = finding_to_json(&list->items[i]);
        buf_printf(b, "%s\n", s);
        free(s);
    }
}

/* The child: check one file and stream the results back, one JSON record
 * a line, closed by {"done":1}. */
static void child_main(const struct config *cfg, const struct source_set *ss,
                       const struct source *src, const char *smipath,
                       const char *index_dir,
                       const struct smi_preload *preload, int fd)
{
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        if (devnull > 2)
            close(devnull);
    }
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
#if defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer turns a fault into a report and exit status 1; a
     * fault in libsmi must reach the parent as the signal it is, as in a
     * normal build.  (It also reserves terabytes of address space, so no
     * RLIMIT_AS below: --max-memory is not enforced in sanitizer builds.) */
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
    signal(SIGILL, SIG_DFL);
#else
    /* The limit is what checking this file may add to the engine's own
     * footprint (libraries, the parent's tables), which the user does not
     * control and which differs between machines. */
    if (cfg->max_memory_mb > 0) {
        struct rlimit rl;
        rl.rlim_cur = rl.rlim_max = (rlim_t)address_space_now() +
                                    (rlim_t)cfg->max_memory_mb * 1024 * 1024;
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
    xalloc_set_failure_exit(CHILD_EXIT_OOM);

    struct finding_list out = {0};
    struct module_records mods = {0};
    struct oid_facts facts = {0};
    struct smi_view view = {0};
    struct strvec deps = {0};
    load_and_check(cfg, smipath, index_dir, ss, src, &out, &mods, &facts,
                   cfg->netsnmp ? &view : NULL, &deps, preload);

    struct buf b = {0};
    for (size_t i = 0; i < deps.len; i++) {
        json_t *o = json_pack("{s:s}", "dep", deps.v[i]);
        char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (s)
            buf_printf(&b, "%s\n", s);
        free(s);
        json_decref(o);
    }
    strvec_free(&deps);
    oid_facts_to_json(&facts, emit_line, &b);
    for (size_t i = 0; i < mods.len; i++) {
        char *s = module_record_to_json(&mods.v[i]);
        buf_printf(&b, "%s\n", s);
        free(s);
    }
    write_findings(&b, &out);
    if (cfg->netsnmp) {
        /* libsmi's findings go first: Net-SNMP's parser has crashers of
         * its own, and a crash must not lose them */
        buf_printf(&b, "{\"netsnmp\":1}\n");
        write_all(fd, b.data, b.len);
        b.len = 0;
        struct finding_list ns = {0};
        netsnmp_cross_load(cfg->netsnmp, cfg, src, &view, &ns);
        write_findings(&b, &ns);
    }
    buf_printf(&b, "{\"done\":1}\n");
    write_all(fd, b.data, b.len);
    close(fd);
    _exit(0);
}

static void take_line(struct slot *s, const char *line, int keep)
{
    if (!strcmp(line, "{\"done\":1}")) {
        s->done = 1;
        return;
    }
    if (!strcmp(line, "{\"netsnmp\":1}")) {
        s->in_netsnmp = 1;
        return;
    }
    if (!strncmp(line, "{\"dep\":", 7)) {
        json_t *o = json_loads(line, 0, NULL);
        const char *d = json_string_value(json_object_get(o, "dep"));
        if (d)
            strvec_push(&s->deps, d);
        json_decref(o);
        return;
    }
    if (strstr(line, "\"module_record\""))
        module_record_from_json(&s->modules, line);
    else if (oid_facts_from_json(&s->facts, line) != 0)
        ; /* a fact (or a malformed one, dropped) */
    else
        finding_from_json(&s->findings, line);
    if (keep)
        buf_printf(&s->records, "%s\n", line);
}

/* Feed complete lines of text to s; returns the unfinished rest. */
static size_t take_lines(struct slot *s, char *text, size_t len, int keep)
{
    char *start = text, *nl;
    while ((nl = memchr(start, '\n', len - (size_t)(start - text)))) {
        *nl = '\0';
        take_line(s, start, keep);
        start = nl + 1;
    }
    return (size_t)(start - text);
}

static void read_slot(struct slot *s, int keep)
{
    char chunk[65536];
    for (;;) {
        ssize_t r = read(s->fd, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return; /* EAGAIN */
        }
        if (r == 0) {
            close(s->fd);
            s->fd = -1;
            return;
        }
        buf_append(&s->partial, chunk, (size_t)r);
        size_t used = take_lines(s, s->partial.data, s->partial.len, keep);
        size_t rest = s->partial.len - used;
        memmove(s->partial.data, s->partial.data + used, rest);
        s->partial.len = rest;
        s->partial.data[rest] = '\0';
    }
}

static const char *signal_label(int sig)
{
    const char *abbrev = sigabbrev_np(sig);
    static char buf[64];
    snprintf(buf, sizeof buf, "SIG%s", abbrev ? abbrev : "?");
    return buf;
}

/* Turn the end of a child into findings and a module status. */
static void finish_slot(const struct config *cfg, const struct source_set *ss,
                        const struct source *src, struct slot *s, int status,
                        struct engine_result *res)
{
    const char *mstatus = NULL;
    if (s->timed_out) {
        finding_add(&s->findings, "checker-timeout", SEV_ERROR, src->path, 0,
                    NULL, NULL,
                    "checking this file took longer than %d seconds "
                    "(--timeout); the parser was stopped", cfg->timeout);
        mstatus = "timeout";
    } else if ((WIFEXITED(status) && WEXITSTATUS(status) == CHILD_EXIT_OOM) ||
               (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
        finding_add(&s->findings, "checker-memory", SEV_ERROR, src->path, 0,
                    NULL, NULL,
                    "checking this file needed more than %ld MB (--max-memory); "
                    "the parser was stopped", cfg->max_memory_mb);
        mstatus = "memory";
    } else if (WIFSIGNALED(status) && s->in_netsnmp) {
        /* libsmi was done; Net-SNMP's parser is what crashed, as it
         * would in any tool built on it */
        int sig = WTERMSIG(status);
        finding_add(&s->findings, "netsnmp-load-failed", SEV_ERROR, src->path,
                    0, NULL, NULL,
                    "Net-SNMP's parser crashes on this file (%s, %s): tools "
                    "built on it cannot load it", signal_label(sig),
                    strsignal(sig));
    } else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        finding_add(&s->findings, "checker-crash", SEV_ERROR, src->path, 0,
                    NULL, NULL,
                    "the parser crashed on this file (%s, %s); findings "
                    "before the crash are kept, the rest of the batch goes on",
                    signal_label(sig), strsignal(sig));
        mstatus = "crashed";
    } else if (!s->done) {
        finding_add(&s->findings, "checker-crash", SEV_ERROR, src->path, 0,
                    NULL, NULL,
                    "the parser exited with status %d before finishing this "
                    "file; the rest of the batch goes on",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        mstatus = "crashed";
    }
    if (mstatus) {
        /* every module of the file gets the status, even if the child died
         * before it said anything about them */
        for (size_t m = 0; m < src->n_mods; m++) {
            int found = 0;
            for (size_t k = 0; k < s->modules.len; k++) {
                if (!strcmp(s->modules.v[k].name, src->mods[m].name)) {
                    free(s->modules.v[k].status);
                    s->modules.v[k].status = xstrdup(mstatus);
                    found = 1;
                }
            }
            if (!found)
                module_records_add(&s->modules, src->mods[m].name, src->path,
                                   src->mods[m].line, "unknown", mstatus);
        }
    }
    /* With -r, findings about imported files come from every file that
     * imports them: an input's own findings come from its own check, and
     * those of other files are kept once (see engine_run). */
    for (size_t i = 0; i < s->findings.len; i++) {
        struct finding *f = &s->findings.items[i];
        if (!f->file || !strcmp(f->file, src->path)) {
            finding_list_move_one(&res->findings, f);
        } else if (source_find(ss, f->file)) {
            finding_free(f);
        } else {
            finding_list_move_one(&res->foreign, f);
        }
    }
    s->findings.len = 0;
    finding_list_free(&s->findings);
    for (size_t k = 0; k < s->modules.len; k++) {
        module_records_add(&res->modules, s->modules.v[k].name,
                           s->modules.v[k].file, s->modules.v[k].line,
                           s->modules.v[k].language, s->modules.v[k].status);
        res->modules.v[res->modules.len - 1].variations = s->modules.v[k].variations;
        s->modules.v[k].variations = NULL;
        res->modules.v[res->modules.len - 1].revision = s->modules.v[k].revision;
        s->modules.v[k].revision = NULL;
    }
    module_records_free(&s->modules);
    oid_facts_move(&res->facts, &s->facts);
    buf_free(&s->partial);
    res->files_checked++;
}

static void slot_clear(struct slot *s)
{
    finding_list_free(&s->findings);
    module_records_free(&s->modules);
    buf_free(&s->partial);
    buf_free(&s->records);
    strvec_free(&s->deps);
    oid_facts_free(&s->facts);
}


/* What the progress line shows. */
struct tally {
    size_t done, total, cached;
    size_t counted;             /* findings of res counted so far */
    size_t errors, warnings, infos;
    double t0, last;
};

/* Count new findings as they will be reported (enabled, at or above
 * --min-severity), so the line agrees with the summary. */
static void tally_findings(const struct config *cfg, struct tally *t,
                           const struct engine_result *res)
{
    for (; t->counted < res->findings.len; t->counted++) {
        const struct finding *f = &res->findings.items[t->counted];
        if (f->severity < cfg->min_severity || !config_rule_enabled(cfg, f->rule))
            continue;
        t->errors += f->severity == SEV_ERROR;
        t->warnings += f->severity == SEV_WARNING;
        t->infos += f->severity == SEV_INFO;
    }
}

/* One self-rewriting stderr line, at most ten times a second. */
static void progress(const struct config *cfg, struct tally *t,
                     const struct engine_result *res, int final)
{
    if (!cfg->progress)
        return;
    tally_findings(cfg, t, res);
    double tn = now();
    if (!final && tn - t->last < 0.1)
        return;
    t->last = tn;
    double el = tn - t->t0;
    fprintf(stderr, "\r\033[Kmibcheck: %zu/%zu files", t->done, t->total);
    if (t->cached)
        fprintf(stderr, " (%zu cached)", t->cached);
    fprintf(stderr, ", %zu modules, %zu errors, %zu warnings, %zu info, "
            "%.1fs, %.1f files/s", res->modules.len, t->errors, t->warnings,
            t->infos, el, el > 0 ? (double)t->done / el : 0.0);
    if (final)
        fprintf(stderr, stop_requested ? " (interrupted)\n" : "\n");
    fflush(stderr);
}

/* A cache hit: the records are taken as if a child had sent them. */
static int from_cache(const struct config *cfg, const struct source_set *ss,
                      size_t idx, struct cache *cache, struct engine_result *res)
{
    char *text = cache_lookup(cache, &ss->v[idx]);
    if (!text)
        return 0;
    struct slot s = {0};
    take_lines(&s, text, strlen(text), 0);
    free(text);
    s.done = 1;
    finish_slot(cfg, ss, &ss->v[idx], &s, 0, res);
    slot_clear(&s);
    return 1;
}

int engine_run(const struct config *cfg, const struct source_set *ss,
               const struct module_index *ix, const char *smipath,
               const char *index_dir, struct engine_result *res)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cfg->jobs > 0 ? cfg->jobs : (ncpu > 0 ? (int)ncpu : 1);
    struct slot *slots = xcalloc((size_t)jobs, sizeof *slots);
    struct pollfd *pfds = xcalloc((size_t)jobs, sizeof *pfds);
    int *map = xcalloc((size_t)jobs, sizeof *map);
    struct cache *cache = cache_open(cfg, ss, ix);

    struct tally t = {0};
    for (size_t i = 0; i < ss->len; i++)
        t.total += ss->v[i].status == SRC_OK;

    /* Cached results first, so that the libsmi states prepared for the
     * workers are chosen from the files that need one only, and a warm
     * cache needs no libsmi at all. */
    unsigned char *todo = xcalloc(ss->len ? ss->len : 1, 1);
    size_t n_todo = 0;
    t.t0 = now();
    for (size_t i = 0; i < ss->len && !stop_requested; i++) {
        if (ss->v[i].status != SRC_OK)
            continue;
        if (cache && from_cache(cfg, ss, i, cache, res)) {
            t.done++;
            t.cached++;
            progress(cfg, &t, res, 0);
            continue;
        }
        todo[i] = 1;
        n_todo++;
    }
    struct smi_preload *preload =
        n_todo && !stop_requested ? smi_preload_build(cfg, ss, todo, smipath) : NULL;

    size_t next = 0;
    int active = 0, rc = 0;
    fflush(NULL); /* children must not flush the parent's buffers */
    for (;;) {
        while (!stop_requested && active < jobs && next < ss->len) {
            if (!todo[next]) {
                next++;
                continue;
            }
            int fds[2];
            if (pipe2(fds, O_CLOEXEC) < 0) {
                rc = -1;
                stop_requested = 1;
                break;
            }
            int k = 0;
            while (slots[k].pid)
                k++;
            pid_t pid = fork();
            if (pid < 0) {
                close(fds[0]);
                close(fds[1]);
                rc = -1;
                stop_requested = 1;
                break;
            }
            if (pid == 0) {
                close(fds[0]);
                /* the worker needs none of the parent's bookkeeping (and
                 * valgrind counts it as lost when the worker exits) */
                free(pfds);
                free(map);
                free(todo);
                child_main(cfg, ss, &ss->v[next], smipath, index_dir, preload,
                           fds[1]);
            }
            close(fds[1]);
            fcntl(fds[0], F_SETFL, O_NONBLOCK);
            struct slot *s = &slots[k];
            memset(s, 0, sizeof *s);
            s->pid = pid;
            s->fd = fds[0];
            s->src = next++;
            s->started = now();
            active++;
        }
        if (active == 0)
            break;

        int np = 0;
        double tn = now(), wait_s = cfg->progress ? 0.5 : 1.0;
        for (int k = 0; k < jobs; k++) {
            if (!slots[k].pid)
                continue;
            if (stop_requested || (cfg->timeout > 0 && !slots[k].timed_out &&
                                   tn - slots[k].started > cfg->timeout)) {
                if (!stop_requested)
                    slots[k].timed_out = 1;
                kill(slots[k].pid, SIGKILL);
            }
            if (cfg->timeout > 0 && !slots[k].timed_out) {
                double left = slots[k].started + cfg->timeout - tn;
                if (left < wait_s)
                    wait_s = left > 0 ? left : 0;
            }
            if (slots[k].fd >= 0) {
                pfds[np].fd = slots[k].fd;
                pfds[np].events = POLLIN;
                map[np++] = k;
            }
        }
        if (np > 0) {
            int r = poll(pfds, (nfds_t)np, (int)(wait_s * 1000) + 1);
            if (r < 0 && errno != EINTR) {
                rc = -1;
                stop_requested = 1;
            }
            for (int p = 0; r > 0 && p < np; p++)
                if (pfds[p].revents)
                    read_slot(&slots[map[p]], cache != NULL);
        }
        for (int k = 0; k < jobs; k++) {
            struct slot *s = &slots[k];
            if (!s->pid || s->fd >= 0)
                continue;
            int status = 0;
            if (waitpid(s->pid, &status, 0) < 0)
                status = 0;
            if (stop_requested && !s->done && !s->timed_out) {
                /* interrupted by the user: the file was not checked */
            } else {
                /* only a clean, complete check is worth keeping */
                if (cache && s->done && !s->timed_out && WIFEXITED(status) &&
                    WEXITSTATUS(status) == 0)
                    cache_store(cache, &ss->v[s->src], &s->deps,
                                s->records.data ? s->records.data : "",
                                s->records.len);
                finish_slot(cfg, ss, &ss->v[s->src], s, status, res);
                t.done++;
            }
            slot_clear(s);
            s->pid = 0;
            active--;
        }
        progress(cfg, &t, res, 0);
    }
    progress(cfg, &t, res, 1);
    finding_list_sort(&res->foreign);
    finding_list_dedup(&res->foreign);
    finding_list_move(&res->findings, &res->foreign);
    res->interrupted = stop_requested && rc == 0;
    res->files_cached = t.cached;
    cache_close(cache);
    smi_preload_free(preload);
    free(todo);
    free(slots);
    free(pfds);
    free(map);
    return rc;
}

void engine_result_free(struct engine_result *res)
{
    finding_list_free(&res->findings);
    finding_list_free(&res->foreign);
    module_records_free(&res->modules);
    oid_facts_free(&res->facts);
}
