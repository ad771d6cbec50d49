/* Helpers for rules that walk libsmi's structures; see smiwalk.h. */
#include <ctype.h>
#include <regex.h>
#include <string.h>
#include <strings.h>

#include "rules/smiwalk.h"

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

bool node_is_smi(SmiNode *n, const char *name)
{
    return type_is_smi(smiGetNodeType(n), name);
}

bool node_is_tc(SmiNode *n, const char *module, const char *name)
{
    return type_chain_has(smiGetNodeType(n), module, name);
}

bool node_is_counter(SmiNode *n)
{
    return node_is_smi(n, "Counter32") || node_is_smi(n, "Counter64");
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

bool text_matches(const char *text, const char *re)
{
    if (!text)
        return false;
    regex_t rx;
    if (regcomp(&rx, re, REG_EXTENDED | REG_ICASE | REG_NOSUB))
        return false;
    bool hit = regexec(&rx, text, 0, NULL, 0) == 0;
    regfree(&rx);
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
