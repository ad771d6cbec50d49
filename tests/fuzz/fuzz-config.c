/* libFuzzer harness: the configuration reader (.mibcheck.ini through
 * libinih, checker/configfile.c).  Any text is read; an error names the
 * file and a line.  What is accepted prints (--print-config) as a file
 * that reads back, comments and all, to the same configuration. */
#include "tests/fuzz/fuzz.h"

#include "checker/config.h"
#include "checker/configfile.h"
#include "checker/util.h"

/* --print-config without its comments (the origins, which differ between
 * the two readings, and the header naming the file). */
static char *printed(const struct config *cfg, int strip)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    config_print(cfg, f);
    fclose(f);
    if (!strip)
        return s;
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (char *line = s, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        FUZZ_CHECK(nl, "--print-config line without newline");
        *nl = '\0';
        if (line[0] == ';')
            continue;
        char *c = strstr(line, " ; ");
        if (c)
            *c = '\0';
        buf_printf(&b, "%s\n", line);
    }
    free(s);
    return b.data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    struct config cfg;
    config_init(&cfg);
    char *err = NULL;
    if (config_file_load_string(&cfg, text, "fuzz.ini", NULL, &err) < 0) {
        FUZZ_CHECK(err && !strncmp(err, "fuzz.ini:", 9), "error without its place: %s",
                   err ? err : "(none)");
        free(err);
    } else {
        FUZZ_CHECK(!err, "success with an error");
        config_finish(&cfg);
        /* the rules the file sets apply to findings */
        static const char *const files[] = {"a.mib", "vendor/x.mib", "/abs/y", NULL};
        struct finding_list fl = {0};
        for (size_t i = 0; i <= sizeof files / sizeof *files - 1; i++) {
            enum severity sev = SEV_INFO;
            config_rule_enabled_for(&cfg, "smi-index-element-accessible", files[i], &sev);
            finding_add(&fl, "module-smiv1", SEV_WARNING, files[i], 3, NULL, NULL, "m");
        }
        config_filter(&cfg, &fl);
        finding_list_free(&fl);

        char *once = printed(&cfg, 0);
        char *one = printed(&cfg, 1);
        struct config again;
        config_init(&again);
        int rc = config_file_load_string(&again, once, "fuzz.ini", NULL, &err);
        FUZZ_CHECK(rc == 0, "--print-config output does not read back: %s\n%s",
                   err ? err : "", once);
        config_finish(&again);
        char *two = printed(&again, 1);
        FUZZ_CHECK(!strcmp(one, two), "read back differently:\n%s\n---\n%s", one, two);
        free(once);
        free(one);
        free(two);
        config_free(&again);
    }
    config_free(&cfg);
    free(text);
    return 0;
}
