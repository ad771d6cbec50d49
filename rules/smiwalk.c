/* Helpers for rules that walk libsmi's structures; see smiwalk.h. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/smiwalk.h"

#include "checker/util.h"

static bool is_smi_module(const char *name)
{
    return name && (!strcmp(name, "SNMPv2-SMI") || !strcmp(name, "RFC1155-SMI") ||
                    !strcmp(name, "RFC1065-SMI"));
}

bool type_chain_has(SmiType *t, const char *module, const char *name)
{
    /* the depth bound guards against a cyclic chain in a broken module */
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        if (!t->name || strcmp(t->name, name))
            continue;
        if (!module)
            return true;
        SmiModule *tm = smiGetTypeModule(t);
        if (tm && tm->name && !strcmp(tm->name, module))
            return true;
    }
    return false;
}

bool type_is_smi(SmiType *t, const char *name)
{
    const char *v1 = !strcmp(name, "Counter32") ? "Counter"
                     : !strcmp(name, "Gauge32") ? "Gauge" : NULL;
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        if (!t->name)
            continue;
        if (strcmp(t->name, name) && !(v1 && !strcmp(t->name, v1)))
            continue;
        SmiModule *tm = smiGetTypeModule(t);
        if (tm && is_smi_module(tm->name))
            return true;
    }
    return false;
}

bool type_chain_says(SmiType *t, bool (*pred)(const char *text))
{
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++)
        if (t->decl == SMI_DECL_TEXTUALCONVENTION && t->description && pred(t->description))
            return true;
    return false;
}

bool node_is_smi(SmiNode *n, const char *name)
{
    return type_is_smi(smiGetNodeType(n), name);
}

bool node_is_tc(SmiNode *n, const char *module, const char *name)
{
    return type_chain_has(smiGetNodeType(n), module, name);
}

/* Counter64 is also the only 64-bit type of SMIv2, so some TCs use it for
 * gauges or plain numbers (CounterBasedGauge64, HCPerfIntervalCount,
 * Unsigned64TC); their name or DESCRIPTION says so. */
static bool not_counting(const char *text)
{
    return text_matches(text, "(gauge|without counter semantics|not a counter|"
                              "(may|can) (increase or decrease|decrease)|"
                              "unsigned 64-bit|64-bit (bit )?integer)");
}

enum counter_kind node_counter_kind(SmiNode *n)
{
    if (!node_is_smi(n, "Counter32") && !node_is_smi(n, "Counter64"))
        return COUNTER_NONE;
    SmiType *t = smiGetNodeType(n);
    for (int depth = 0; t && depth < 64; t = smiGetParentType(t), depth++) {
        if (t->decl != SMI_DECL_TEXTUALCONVENTION)
            continue;
        if (t->name && text_matches(t->name, "(gauge|rate)"))
            return COUNTER_GAUGE;
        if (t->name && text_matches(t->name, "unsigned"))
            return COUNTER_NUMBER;
        if (t->description && not_counting(t->description))
            return text_has(t->description, "gauge") || text_has(t->description, "decrease")
                       ? COUNTER_GAUGE : COUNTER_NUMBER;
    }
    return COUNTER_COUNTS;
}

bool node_is_counter(SmiNode *n)
{
    return node_counter_kind(n) == COUNTER_COUNTS;
}

bool node_is_object(SmiNode *n)
{
    return n && n->name &&
           (n->nodekind == SMI_NODEKIND_SCALAR || n->nodekind == SMI_NODEKIND_COLUMN);
}

bool node_is_index_of_module(SmiModule *m, SmiNode *n)
{
    for (SmiNode *row = smiGetFirstNode(m, SMI_NODEKIND_ROW); row;
         row = smiGetNextNode(row, SMI_NODEKIND_ROW)) {
        for (SmiElement *e = smiGetFirstElement(row); e; e = smiGetNextElement(e)) {
            SmiNode *x = smiGetElementNode(e);
            if (x == n)
                return true;
        }
    }
    return false;
}

size_t camel_words(const char *descr, char words[][32], size_t max)
{
    size_t n = 0;
    const char *p = descr;
    while (p && *p && n < max) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *s = p++;
        if (isupper((unsigned char)*s)) {
            /* "DNSName": capitals up to the one that starts a lower word */
            while (isupper((unsigned char)*p) &&
                   !(p[1] && islower((unsigned char)p[1])))
                p++;
        }
        while (*p && (islower((unsigned char)*p) || isdigit((unsigned char)*p)))
            p++;
        size_t len = (size_t)(p - s);
        if (len > 31)
            len = 31;
        memcpy(words[n], s, len);
        words[n][len] = '\0';
        n++;
    }
    return n;
}

const char *camel_last(const char *descr, char buf[32])
{
    char w[16][32];
    size_t n = camel_words(descr, w, 16);
    buf[0] = '\0';
    if (n)
        memcpy(buf, w[n - 1], 32);
    return buf;
}

bool text_has(const char *text, const char *needle)
{
    return text && strcasestr(text, needle) != NULL;
}

/* Rules run once per object, with a handful of fixed patterns, in a
 * worker child: compiling each pattern once per child instead of once per
 * call was a fifth of the whole run's CPU.  The table dies with the
 * child; NULL when it is full (the caller compiles for itself). */
static const regex_t *compiled(const char *re)
{
    static struct {
        const char *re;
        regex_t rx;
        bool ok;
    } cache[64];
    static size_t n;
    for (size_t i = 0; i < n; i++)
        if (cache[i].re == re || !strcmp(cache[i].re, re))
            return cache[i].ok ? &cache[i].rx : NULL;
    if (n == sizeof cache / sizeof cache[0])
        return NULL;
    cache[n].re = xstrdup(re);
    cache[n].ok = regcomp(&cache[n].rx, re, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
    n++;
    return cache[n - 1].ok ? &cache[n - 1].rx : NULL;
}

bool text_matches(const char *text, const char *re)
{
    if (!text)
        return false;
    regex_t own;
    const regex_t *rx = compiled(re);
    if (!rx) {
        if (regcomp(&own, re, REG_EXTENDED | REG_ICASE | REG_NOSUB))
            return false;
        rx = &own;
    }
    /* DESCRIPTION text keeps the module's line breaks and indentation:
     * match on the words with single spaces between them */
    size_t len = strlen(text);
    char *flat = malloc(len + 1);
    bool hit = false;
    if (flat) {
        size_t n = 0;
        for (const char *p = text; *p; p++) {
            if (isspace((unsigned char)*p)) {
                if (n && flat[n - 1] != ' ')
                    flat[n++] = ' ';
            } else {
                flat[n++] = *p;
            }
        }
        flat[n] = '\0';
        hit = regexec(rx, flat, 0, NULL, 0) == 0;
        free(flat);
    }
    if (rx == &own)
        regfree(&own);
    return hit;
}

int span_keyword_line(const struct check_ctx *ctx, const char *kw, int from, int to)
{
    if (!ctx->tokens || !ctx->span)
        return 0;
    for (size_t i = ctx->span->first_tok; i < ctx->span->end_tok && i < ctx->tokens->len; i++) {
        const struct token *t = &ctx->tokens->v[i];
        if (t->line < from)
            continue;
        if (to > 0 && t->line > to)
            break;
        if (t->kind == TOK_WORD && tok_is(t, kw))
            return t->line;
    }
    return 0;
}

bool module_is_smiv2(SmiModule *m)
{
    return m && m->language == SMI_LANGUAGE_SMIV2;
}
