/*
 * Small helpers shared by the rule families that walk libsmi's structures
 * and read DESCRIPTION text: type chains, camel-case words of descriptors,
 * case-insensitive text tests, and keyword lines from the module's tokens.
 */
#ifndef MIBCHECK_SMIWALK_H
#define MIBCHECK_SMIWALK_H

#include <stdbool.h>
#include <stddef.h>

#include <smi.h>

#include "rules/check.h"

/* Does the type chain starting at t hold a type called name defined in
 * module (NULL: any module)?  Walks smiGetParentType(). */
bool type_chain_has(SmiType *t, const char *module, const char *name);

/* Does the chain of t reach the SMI base type name ("Counter32",
 * "Gauge32", "IpAddress", ...)?  SMIv1 spellings count: Counter is
 * Counter32, Gauge is Gauge32. */
bool type_is_smi(SmiType *t, const char *name);
bool node_is_smi(SmiNode *n, const char *name);

/* Does the DESCRIPTION of some textual convention in the chain of t
 * satisfy pred?  (A TC can answer for every object that uses it.) */
bool type_chain_says(SmiType *t, bool (*pred)(const char *text));

/* Does the chain of n hold the textual convention module::name? */
bool node_is_tc(SmiNode *n, const char *module, const char *name);

/* What a Counter32/Counter64-based object really is: a counter, or a TC
 * that borrows Counter64 for a 64-bit gauge or plain number. */
enum counter_kind { COUNTER_NONE, COUNTER_COUNTS, COUNTER_GAUGE, COUNTER_NUMBER };
enum counter_kind node_counter_kind(SmiNode *n);

/* A counter with counter semantics: Counter32 or Counter64 (SMIv1
 * Counter), also through TCs that keep its meaning. */
bool node_is_counter(SmiNode *n);

/* A named object of this module: a scalar or a column with a descriptor. */
bool node_is_object(SmiNode *n);

/* Is n an INDEX element of any row of module m?  Such objects are left to
 * libsmi's index-element-* diagnostics. */
bool node_is_index_of_module(SmiModule *m, SmiNode *n);

/* Split a descriptor into its camel-case words ("acmeIfInOctets" ->
 * "acme", "If", "In", "Octets"); a run of capitals stays together with
 * the word it starts ("ipv6DNSName" -> "ipv6", "DNS", "Name").  Returns
 * the number of words stored, at most max; each is at most 31 bytes. */
size_t camel_words(const char *descr, char words[][32], size_t max);

/* The last camel-case word of descr, into buf (size 32). */
const char *camel_last(const char *descr, char buf[32]);

/* Case-insensitive substring test; NULL text never matches. */
bool text_has(const char *text, const char *needle);

/* Does text match the POSIX extended regex re, case-insensitively?  A
 * regex that does not compile never matches. */
bool text_matches(const char *text, const char *re);

/* Does the module text of ctx, between lines from and to (inclusive,
 * inside the module's span), hold the word kw?  Returns its line or 0. */
int span_keyword_line(const struct check_ctx *ctx, const char *kw,
                      int from, int to);

/* The module is written in SMIv2 (SMIv1 rules of the types family do not
 * apply to SMIv1 modules). */
bool module_is_smiv2(SmiModule *m);

#endif
