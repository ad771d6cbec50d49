/* The finding type: one problem at one place, and lists of them. */
#ifndef MIBCHECK_FINDINGS_H
#define MIBCHECK_FINDINGS_H

#include <stdarg.h>
#include <stddef.h>

enum severity {
    SEV_NONE = 0,   /* "never" as a fail-on level; no finding has it */
    SEV_INFO = 1,
    SEV_WARNING = 2,
    SEV_ERROR = 3
};

const char *severity_name(enum severity s);
/* Parse "error", "warning", "info" (and "never" when allow_never): -1 if bad. */
int severity_parse(const char *s, int allow_never);

/* A related location that explains a finding (libsmi level 6, "other
 * definition is here", ...). */
struct note {
    char *file;
    int line;
    char *rule;     /* may be NULL */
    char *message;
};

struct finding {
    char *rule;           /* rule id, e.g. "smi-index-element-accessible" */
    enum severity severity;
    char *file;           /* as given on the command line / walked */
    int line;             /* 0 when the finding is about the whole file */
    char *module;         /* may be NULL */
    char *object;         /* descriptor, may be NULL */
    char *message;
    /* What identifies the finding across runs when its message does not:
     * an agent finding quotes a value that changes from walk to walk, so
     * its rule sets the instance OID (or group) here.  NULL for findings
     * identified by their message (checker/baseline.c). */
    char *key;
    struct note *notes;
    size_t n_notes;
};

struct finding_list {
    struct finding *items;
    size_t len, cap;
};

/* Append a finding; strings are copied.  Returns it for notes. */
struct finding *finding_add(struct finding_list *list, const char *rule,
                            enum severity sev, const char *file, int line,
                            const char *module, const char *object,
                            const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
struct finding *finding_addv(struct finding_list *list, const char *rule,
                             enum severity sev, const char *file, int line,
                             const char *module, const char *object,
                             const char *fmt, va_list ap);
/* Set (replace) f's key; NULL clears it. */
void finding_set_key(struct finding *f, const char *key);
void finding_add_note(struct finding *f, const char *file, int line,
                      const char *rule, const char *message);
/* Move every finding of src to the end of dst; src is left empty. */
void finding_list_move(struct finding_list *dst, struct finding_list *src);
/* Append *f to dst, taking ownership of its strings (f is left dangling). */
void finding_list_move_one(struct finding_list *dst, struct finding *f);
void finding_free(struct finding *f);
void finding_list_free(struct finding_list *list);
/* Sort by file, line, rule id, then message: output is deterministic. */
void finding_list_sort(struct finding_list *list);
/* Remove exact duplicates (same rule, file, line, message) of a sorted list. */
void finding_list_dedup(struct finding_list *list);

/* Serialise to one line of JSON (no newline), and back.  Used on the pipe
 * between the engine's children and the parent.  Caller frees the string. */
char *finding_to_json(const struct finding *f);
/* Parse one record into list; returns 0 on success. */
int finding_from_json(struct finding_list *list, const char *line);

#endif
