
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

#include "checker/netsnmp.h"
#include "checker/util.h"

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
};

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
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
                       const char *index_dir, int fd)
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
#if !defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer reserves terabytes of address space, so a limit on
     * it cannot be combined with sanitizer builds. */
    if (cfg->max_memory_mb > 0) {
        struct rlimit rl;
        rl.rlim_cur = rl.rlim_max = (rlim_t)cfg->max_memory_mb * 1024 * 1024;
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
    xalloc_set_failure_exit(CHILD_EXIT_OOM);

    struct finding_list out = {0};
    struct module_records mods = {0};
    struct oid_facts facts = {0};
    struct smi_view view = {0};
    load_and_check(cfg, smipath, index_dir, ss, src, &out, &mods, &facts,
                   cfg->netsnmp ? &view : NULL);

    struct buf b = {0};
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

static void take_line(struct slot *s, const char *line)
{
    if (!strcmp(line, "{\"done\":1}"))
        s->done = 1;
    else if (!strcmp(line, "{\"netsnmp\":1}"))
        s->in_netsnmp = 1;
    else if (strstr(line, "\"module_record\""))
        module_record_from_json(&s->modules, line);
    else if (oid_facts_from_json(&s->facts, line) != 0)
        ; /* a fact (or a malformed one, dropped) */
    else
        finding_from_json(&s->findings, line);
}

static void read_slot(struct slot *s)
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
        char *start = s->partial.data, *nl;
        while ((nl = memchr(start, '\n', s->partial.len - (size_t)(start - s->partial.data)))) {
            *nl = '\0';
            take_line(s, start);
            start = nl + 1;
        }
        size_t rest = s->partial.len - (size_t)(start - s->partial.data);
        memmove(s->partial.data, start, rest);
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
    }
    module_records_free(&s->modules);
    oid_facts_move(&res->facts, &s->facts);
    buf_free(&s->partial);
    res->files_checked++;
}

static void progress(const struct config *cfg, size_t done, size_t total,
                     const struct engine_result *res, double t0, int final)
{
    if (!cfg->progress)
        return;
    double el = now() - t0;
    fprintf(stderr, "\r\033[Kmibcheck: %zu/%zu files, %zu findings, %.1fs, %.0f files/s",
            done, total, res->findings.len, el, el > 0 ? (double)done / el : 0.0);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

int engine_run(const struct config *cfg, const struct source_set *ss,
               const char *smipath, const char *index_dir,
               struct engine_result *res)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cfg->jobs > 0 ? cfg->jobs : (ncpu > 0 ? (int)ncpu : 1);
    struct slot *slots = xcalloc((size_t)jobs, sizeof *slots);
    struct pollfd *pfds = xcalloc((size_t)jobs, sizeof *pfds);
    for (int i = 0; i < jobs; i++)
        slots[i].pid = 0;

    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    stop_requested = 0;

    size_t total = 0;
    for (size_t i = 0; i < ss->len; i++)
        total += ss->v[i].status == SRC_OK;

    size_t next = 0, done = 0;
    int active = 0, rc = 0;
    double t0 = now();
    fflush(NULL); /* children must not flush the parent's buffers */
    for (;;) {
        while (!stop_requested && active < jobs && next < ss->len) {
            if (ss->v[next].status != SRC_OK) {
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
                child_main(cfg, ss, &ss->v[next], smipath, index_dir, fds[1]);
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

        int np = 0, map[jobs];
        double t = now(), wait_s = 1.0;
        for (int k = 0; k < jobs; k++) {
            if (!slots[k].pid)
                continue;
            if (stop_requested || (cfg->timeout > 0 && !slots[k].timed_out &&
                                   t - slots[k].started > cfg->timeout)) {
                if (!stop_requested)
                    slots[k].timed_out = 1;
                kill(slots[k].pid, SIGKILL);
            }
            if (cfg->timeout > 0 && !slots[k].timed_out) {
                double left = slots[k].started + cfg->timeout - t;
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
                    read_slot(&slots[map[p]]);
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
                finding_list_free(&s->findings);
                module_records_free(&s->modules);
                oid_facts_free(&s->facts);
                buf_free(&s->partial);
            } else {
                finish_slot(cfg, ss, &ss->v[s->src], s, status, res);
                done++;
                progress(cfg, done, total, res, t0, 0);
            }
            s->pid = 0;
            active--;
        }
    }
    progress(cfg, done, total, res, t0, 1);
    finding_list_sort(&res->foreign);
    finding_list_dedup(&res->foreign);
    finding_list_move(&res->findings, &res->foreign);
    res->interrupted = stop_requested && rc == 0;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(slots);
    free(pfds);
    return rc;
}

void engine_result_free(struct engine_result *res)
{
    finding_list_free(&res->findings);
    finding_list_free(&res->foreign);
    module_records_free(&res->modules);
    oid_facts_free(&res->facts);
}
