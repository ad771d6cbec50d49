/*
 * libFuzzer harness: the whole pipeline on one input file, as main runs
 * it: sources (documents extracted), index, the batch engine (a forked
 * worker loads the file with libsmi and Net-SNMP and runs every rule of
 * the ietf profile), the run-wide rules, suppressions, the filter and the
 * JSON report, which must parse.
 *
 * libsmi and Net-SNMP crash on some inputs; the engine contains that: the
 * worker dies, the file gets a checker-crash finding (or
 * netsnmp-load-failed) and the harness goes on.  A worker that dies in
 * mibcheck's own code must not pass for such a crash, so the worker's
 * entry points are wrapped (-Wl,--wrap, see Makefile.am) to tell them
 * apart: on a fatal signal, a sanitizer report, exit() or a hang, the
 * worker finds the innermost frame outside libc and records whether it
 * lies in libsmi / Net-SNMP ("contained") or elsewhere ("ours") in memory
 * shared with the harness.  The harness aborts on "ours", so libFuzzer
 * keeps the input; a contained crash is counted, logged, and its input
 * copied to $MIBCHECK_FUZZ_CONTAINED when set.
 *
 * The worker's coverage is copied back to the harness (libFuzzer's
 * counters are plain memory, which fork does not share), so mutations are
 * guided by the rules and the loader too, not only by the parent's code.
 */
#include "tests/fuzz/fuzz.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <jansson.h>
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>

#include "checker/config.h"
#include "checker/engine.h"
#include "checker/load.h"
#include "checker/netsnmp.h"
#include "checker/path.h"
#include "checker/reference.h"
#include "checker/sources.h"
#include "checker/suppress.h"
#include "checker/util.h"
#include "reports/report.h"
#include "rules/oid.h"

/* Seconds the engine gives a file; the worker notes where it is a little
 * before, in case it is killed for looping. */
#define TIMEOUT 6
#define HANG_SAMPLE 4

enum verdict { V_NONE, V_CONTAINED, V_OURS };

struct shared {
    int verdict;           /* of a fatal end of the worker */
    char where[512];
    int hang_verdict;      /* where the worker was HANG_SAMPLE s in */
    char hang_where[512];
    uint8_t cov[];         /* coverage the worker added, per counter */
};

/* The coverage counters: the section __sancov_cntrs of the program,
 * found in its ELF headers (declaring the linker's __start_ and __stop_
 * symbols here would upset the instrumentation's own references). */
static uint8_t *cntrs_start;
static size_t n_counters;

static int main_base(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    *(uintptr_t *)data = info->dlpi_addr;
    return 1;   /* the first object is the program */
}

static void find_counters(void)
{
    size_t len = 0;
    int big = 0;
    char *exe = read_file("/proc/self/exe", (size_t)1 << 30, &len, &big);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)exe;
    if (!exe || len < sizeof *eh || eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > len ||
        eh->e_shstrndx >= eh->e_shnum) {
        free(exe);
        return;
    }
    const Elf64_Shdr *sh_tab = (const Elf64_Shdr *)(exe + eh->e_shoff);
    const char *names = exe + sh_tab[eh->e_shstrndx].sh_offset;
    uintptr_t base = 0;
    dl_iterate_phdr(main_base, &base);
    for (size_t i = 0; i < eh->e_shnum; i++) {
        if (!strcmp(names + sh_tab[i].sh_name, "__sancov_cntrs")) {
            cntrs_start = (uint8_t *)(base + sh_tab[i].sh_addr);
            n_counters = sh_tab[i].sh_size;
        }
    }
    free(exe);
}

static struct shared *sh;
static uint8_t *cov_snapshot;     /* worker only: counters when it began */
static int harness_stderr = -1;   /* the worker's own stderr is /dev/null */
static char *work_dir, *input_path;
static const char *contained_dir;
static struct config cfg;
static struct reference_set refs;
static size_t contained;

/* ---- in the worker ---- */

static void cov_flush(void)
{
    if (!cov_snapshot)
        return;
    for (size_t i = 0; i < n_counters; i++) {
        uint8_t now = cntrs_start[i];
        unsigned sum = sh->cov[i] + (uint8_t)(now - cov_snapshot[i]);
        sh->cov[i] = sum > 255 ? 255 : (uint8_t)sum;
        cov_snapshot[i] = now;
    }
}

/* Is pc in libc (whose callers decide), libsmi / Net-SNMP, or ours? */
static int frame_verdict(void *pc, char *where, size_t n)
{
    Dl_info di;
    if (!dladdr(pc, &di) || !di.dli_fname)
        return -1;
    const char *obj = di.dli_fname;
    if (strstr(obj, "/libc.so") || strstr(obj, "/ld-linux") || strstr(obj, "/libm.so"))
        return -1;
    snprintf(where, n, "%s (%s+%#lx)", di.dli_sname ? di.dli_sname : "?", obj,
             (unsigned long)((char *)pc - (char *)di.dli_fbase));
    return strstr(obj, "libsmi") || strstr(obj, "libnetsnmp") ? V_CONTAINED : V_OURS;
}

/* The verdict of the stack of a handler (signal or exit): past our own
 * frames (the handler, the backtrace interceptor) comes libc (the signal
 * trampoline, or exit), then libc's own callers if the fault is in libc,
 * and then the frame that decides. */
static void classify_stack(int *verdict, char *where, size_t n)
{
    void *pcs[64];
    int depth = backtrace(pcs, 64), i = 0;
    char dummy[8];
    while (i < depth && frame_verdict(pcs[i], dummy, sizeof dummy) >= 0)
        i++;
    for (; i < depth; i++) {
        int v = frame_verdict(pcs[i], where, n);
        if (v >= 0) {
            *verdict = v;
            return;
        }
    }
    *verdict = V_OURS;
    snprintf(where, n, "an unknown frame");
}

static void report(const char *what)
{
    dprintf(harness_stderr, "fuzz-pipeline: worker: %s in %s (%s)\n", what, sh->where,
            sh->verdict == V_CONTAINED ? "libsmi or Net-SNMP: contained" : "OUR CODE");
}

static void __attribute__((noinline)) on_fatal_signal(int sig)
{
    if (sh->verdict == V_NONE)
        classify_stack(&sh->verdict, sh->where, sizeof sh->where);
    report(strsignal(sig));
    if (sh->verdict == V_OURS) {
        dup2(harness_stderr, 2);
        __sanitizer_print_stack_trace();
    }
    cov_flush();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_hang_sample(int sig)
{
    (void)sig;
    classify_stack(&sh->hang_verdict, sh->hang_where, sizeof sh->hang_where);
}

/* libsmi's scanner calls exit() on some input; libFuzzer's own exit
 * handler would take that for the harness exiting. */
static void __attribute__((noinline)) on_exit_call(int status, void *arg)
{
    (void)arg;
    if (sh->verdict == V_NONE)
        classify_stack(&sh->verdict, sh->where, sizeof sh->where);
    char what[64];
    snprintf(what, sizeof what, "exit(%d)", status);
    report(what);
    cov_flush();
    _exit(status);
}

/* An AddressSanitizer report: the first frame of its stack that is not
 * the sanitizer's own (interceptors) nor libc decides. */
static void on_asan_report(const char *text)
{
    write(harness_stderr, text, strlen(text));
    const char *p = strstr(text, "    #0 ");
    sh->verdict = V_OURS;
    snprintf(sh->where, sizeof sh->where, "an unknown frame");
    while (p && !strncmp(p, "    #", 5)) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        const char *hex = strstr(line, " 0x");
        int internal = strstr(line, " in __interceptor_") || strstr(line, " in __asan") ||
                       strstr(line, " in __sanitizer") || strstr(line, " in __ubsan");
        if (hex && !internal) {
            void *pc = (void *)strtoul(hex + 1, NULL, 16);
            int v = frame_verdict(pc, sh->where, sizeof sh->where);
            if (v >= 0) {
                sh->verdict = v;
                break;
            }
        }
        p = eol ? eol + 1 : NULL;
    }
    report("AddressSanitizer report");
}

/* Any other sanitizer death (UBSan) is in instrumented code: ours. */
static void on_sanitizer_death(void)
{
    if (sh->verdict == V_NONE) {
        sh->verdict = V_OURS;
        snprintf(sh->where, sizeof sh->where, "a sanitizer report (see above)");
        report("sanitizer report");
    }
    cov_flush();
}

static void worker_setup(void)
{
    if (cov_snapshot)
        return;   /* the second entry point of the same worker */
    cov_snapshot = malloc(n_counters ? n_counters : 1);
    memcpy(cov_snapshot, cntrs_start, n_counters);
    static char altstack[1 << 20];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        sigaction(fatal[i], &sa, NULL);
    sa.sa_handler = on_hang_sample;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {HANG_SAMPLE, 0}};
    setitimer(ITIMER_REAL, &it, NULL);
    on_exit(on_exit_call, NULL);
    __asan_set_error_report_callback(on_asan_report);
    __sanitizer_set_death_callback(on_sanitizer_death);
}

/* Declared from the headers' own prototypes, so that a parameter added
 * there cannot be dropped here (the wrapper would pass __real_ garbage). */
__typeof__(load_and_check) __real_load_and_check, __wrap_load_and_check;
void __wrap_load_and_check(const struct config *cfg, const char *smipath,
                           const char *index_dir, const struct source_set *ss,
                           const struct source *src, struct finding_list *out,
                           struct module_records *mods, struct oid_facts *facts,
                           struct smi_view *view, struct strvec *deps,
                           const struct smi_preload *preload)
{
    worker_setup();
    __real_load_and_check(cfg, smipath, index_dir, ss, src, out, mods, facts, view, deps,
                          preload);
    cov_flush();
}

__typeof__(netsnmp_cross_load) __real_netsnmp_cross_load, __wrap_netsnmp_cross_load;
void __wrap_netsnmp_cross_load(struct netsnmp_env *env, const struct config *cfg,
                               const struct source *src, const struct smi_view *view,
                               struct finding_list *out)
{
    worker_setup();
    __real_netsnmp_cross_load(env, cfg, src, view, out);
    cov_flush();
}

/* ---- in the harness ---- */

/* Net-SNMP's netsnmp_init_mib_internals() allocates its table of textual
 * conventions anew on every call and shutdown_mib() does not free it; a
 * run calls it once, the harness once per input. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:netsnmp_init_mib_internals\n";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    find_counters();
    if (!n_counters)
        fprintf(stderr, "fuzz-pipeline: no coverage counters: the worker's "
                        "coverage is lost\n");
    else
        fprintf(stderr, "fuzz-pipeline: the worker's coverage comes back "
                        "through %zu counters at %p\n", n_counters, (void *)cntrs_start);
    sh = mmap(NULL, sizeof *sh + n_counters, PROT_READ | PROT_WRITE,
              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        abort();
    harness_stderr = fcntl(2, F_DUPFD, 100);
    contained_dir = getenv("MIBCHECK_FUZZ_CONTAINED");
    /* backtrace() loads libgcc_s on first use: not in a dying worker */
    void *pcs[4];
    backtrace(pcs, 4);

    const char *tmp = getenv("TMPDIR");
    work_dir = xasprintf("%s/mibcheck-fuzz-pipeline-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(work_dir))
        abort();
    char *in_dir = xasprintf("%s/in", work_dir);
    mkdir(in_dir, 0700);
    input_path = xasprintf("%s/input.mib", in_dir);
    free(in_dir);

    /* the run main would make of "mibcheck --profile ietf -j1 FILE" */
    setenv("MIBCHECK_BASE_DIR", MIBCHECK_SRCDIR "/mibs/base", 0);
    unsetenv("SMIPATH");
    unsetenv("MIBDIRS");
    config_init(&cfg);
    free(cfg.profile);
    cfg.profile = xstrdup("ietf");
    cfg.jobs = 1;
    cfg.timeout = TIMEOUT;
    cfg.quiet = true;
    cfg.color = COLOR_NEVER;
    strvec_push(&cfg.inputs, input_path);
    reference_load(&cfg, &refs);
    cfg.reference = &refs;
    return 0;
}

static int is_stop(const struct finding *f)
{
    return !strcmp(f->rule, "checker-crash") || !strcmp(f->rule, "checker-timeout") ||
           !strcmp(f->rule, "checker-memory") ||
           (!strcmp(f->rule, "netsnmp-load-failed") && strstr(f->message, "crashes"));
}

static void keep_contained(const uint8_t *data, size_t size)
{
    contained++;
    if (!contained_dir)
        return;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 0x100000001b3ULL;
    char *p = xasprintf("%s/contained-%016llx", contained_dir, (unsigned long long)h);
    write_file_atomic(p, (const char *)data, size);
    free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (write_file_atomic(input_path, (const char *)data, size) < 0)
        abort();
    memset(sh, 0, sizeof *sh);

    struct finding_list findings = {0};
    struct source_set ss = {0};
    struct module_index ix = {0};
    struct search_path sp = {0};
    struct engine_result res = {0};
    sources_collect(&cfg, &ss, &findings);
    index_build(&ss, &ix, &findings);
    char *index_dir = xasprintf("%s/index-XXXXXX", work_dir);
    FUZZ_CHECK(mkdtemp(index_dir), "cannot make %s", index_dir);
    FUZZ_CHECK(sources_write_extracted(&ss, index_dir) == 0 &&
                   index_write_links(&ix, &ss, index_dir) == 0,
               "cannot write the index");
    search_path_build(&cfg, &ss, index_dir, &sp);
    char *smipath = search_path_join(&sp);
    if (netsnmp_wanted(&cfg)) {
        char *why = NULL;
        cfg.netsnmp = netsnmp_env_new(smipath, &ix, &why);
        FUZZ_CHECK(cfg.netsnmp, "Net-SNMP cannot be set up: %s", why);
    }
    FUZZ_CHECK(engine_run(&cfg, &ss, &ix, smipath, index_dir, &res) == 0,
               "the engine failed");
    for (size_t i = 0; i < n_counters; i++) {
        unsigned sum = cntrs_start[i] + sh->cov[i];
        cntrs_start[i] = sum > 255 ? 255 : (uint8_t)sum;
    }

    finding_list_move(&findings, &res.findings);
    oid_batch_rules(&res.facts, &findings);
    suppress_apply(&ss, &findings);
    /* a stop is judged before the filter, which could hide it */
    for (size_t i = 0; i < findings.len; i++) {
        const struct finding *f = &findings.items[i];
        if (!is_stop(f))
            continue;
        int timeout = !strcmp(f->rule, "checker-timeout");
        int v = timeout ? sh->hang_verdict : sh->verdict;
        const char *where = timeout ? sh->hang_where : sh->where;
        FUZZ_CHECK(v == V_CONTAINED, "the worker stopped in mibcheck's own code (%s): %s [%s]",
                   v == V_NONE ? "no frame recorded" : where, f->message, f->rule);
        dprintf(harness_stderr, "fuzz-pipeline: contained: %s in %s\n", f->rule, where);
        keep_contained(data, size);
        break;
    }
    config_filter(&cfg, &findings);
    finding_list_sort(&findings);

    struct report_summary sum = {.files = ss.len, .modules = res.modules.len,
                                 .incomplete = res.interrupted};
    struct report_run run = {&cfg, "-", false, &ss, "/", -1};
    struct buf out = {0};
    report_render(&report_json, &run, &res.modules, &findings, &sum, &out);
    json_error_t err;
    json_t *root = json_loads(out.data, 0, &err);
    FUZZ_CHECK(root, "the JSON report does not parse: %s", err.text);
    FUZZ_CHECK(json_array_size(json_object_get(root, "findings")) == findings.len,
               "the JSON report lost findings");
    json_decref(root);
    buf_free(&out);

    netsnmp_env_free(cfg.netsnmp);
    cfg.netsnmp = NULL;
    remove_tree(index_dir);
    free(index_dir);
    free(smipath);
    engine_result_free(&res);
    search_path_free(&sp);
    index_free(&ix);
    sources_free(&ss);
    finding_list_free(&findings);
    return 0;
}
