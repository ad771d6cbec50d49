#include "checker/agent.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <smi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "checker/lexer.h"
#include "checker/netsnmp.h"
#include "checker/summary.h"
#include "checker/path.h"
#include "rules/agent.h"

void agent_options_init(struct agent_options *o)
{
    memset(o, 0, sizeof *o);
    o->version = 2;
    o->community = "public";
    o->timeout_ms = 1000;
    o->retries = 5;
    o->max_varbinds = 100000;
    o->max_seconds = 300;
    o->bulk_size = 20;
}

bool agent_level_valid(const char *s)
{
    return !strcmp(s, "noAuthNoPriv") || !strcmp(s, "authNoPriv") || !strcmp(s, "authPriv");
}

bool agent_auth_valid(const char *s)
{
    return usm_lookup_auth_type(s) > 0;
}

bool agent_priv_valid(const char *s)
{
    return usm_lookup_priv_type(s) > 0;
}

void agent_result_free(struct agent_result *r)
{
    finding_list_free(&r->findings);
    module_records_free(&r->modules);
    sources_free(&r->sources);
}

/* ---- the walk file: one "OID TYPE VALUE" per line ---- */

static void skip_blanks(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

static int parse_oid(const char **p, unsigned int *out, size_t max, size_t *len)
{
    const char *s = *p;
    *len = 0;
    if (*s == '.')
        s++;
    while (*s >= '0' && *s <= '9') {
        char *end;
        errno = 0;
        unsigned long v = strtoul(s, &end, 10);
        if (errno || v > UINT_MAX || *len == max)
            return -1;
        out[(*len)++] = (unsigned int)v;
        s = end;
        if (*s != '.')
            break;
        s++;
    }
    if (!*len)
        return -1;
    *p = s;
    return 0;
}

/* "..." with \" \\ \xHH, as agent_value_string writes it. */
static int parse_quoted(const char **p, struct buf *out)
{
    const char *s = *p;
    if (*s++ != '"')
        return -1;
    buf_append(out, "", 0);
    while (*s && *s != '"') {
        if (*s == '\\' && (s[1] == '"' || s[1] == '\\')) {
            buf_append(out, s + 1, 1);
            s += 2;
        } else if (*s == '\\' && s[1] == 'x') {
            char hex[3] = {s[2], s[2] ? s[3] : 0, 0}, *end;
            unsigned long v = strtoul(hex, &end, 16);
            if (end != hex + 2)
                return -1;
            char c = (char)v;
            buf_append(out, &c, 1);
            s += 4;
        } else {
            buf_append(out, s, 1);
            s++;
        }
    }
    if (*s != '"')
        return -1;
    *p = s + 1;
    return 0;
}

static int parse_value(const char *type, const char *s, struct agent_value *v,
                       struct buf *bytes, unsigned int *oidbuf, size_t max)
{
    static const struct { const char *name; unsigned char tag; } types[] = {
        {"INTEGER", AV_INTEGER},     {"STRING", AV_OCTETS},       {"NULL", AV_NULL},
        {"OID", AV_OID},             {"IpAddress", AV_IPADDRESS}, {"Counter32", AV_COUNTER32},
        {"Gauge32", AV_GAUGE32},     {"TimeTicks", AV_TIMETICKS}, {"Opaque", AV_OPAQUE},
        {"Counter64", AV_COUNTER64}, {"noSuchObject", AV_NOSUCHOBJECT},
        {"noSuchInstance", AV_NOSUCHINSTANCE}, {"endOfMibView", AV_ENDOFMIBVIEW},
        {NULL, 0}};
    memset(v, 0, sizeof *v);
    size_t i = 0;
    while (types[i].name && strcmp(types[i].name, type))
        i++;
    if (!types[i].name)
        return -1;
    v->type = types[i].tag;
    char *end;
    errno = 0;
    switch (v->type) {
    case AV_INTEGER:
        v->integer = strtoll(s, &end, 10);
        return errno || end == s || (*end && *end != ' ') ? -1 : 0;
    case AV_COUNTER32: case AV_GAUGE32: case AV_TIMETICKS: case AV_COUNTER64:
        if (*s == '-')
            return -1;
        v->number = strtoull(s, &end, 10);
        if (errno || end == s || (v->type != AV_COUNTER64 && v->number > UINT_MAX))
            return -1;
        return *end && *end != ' ' ? -1 : 0;
    case AV_OCTETS: case AV_OPAQUE:
        return parse_quoted(&s, bytes);
    case AV_IPADDRESS:
        if (*s == '"')
            return parse_quoted(&s, bytes);
        unsigned int a[4];
        size_t n;
        if (parse_oid(&s, a, 4, &n) < 0 || n != 4)
            return -1;
        for (size_t k = 0; k < 4; k++) {
            if (a[k] > 255)
                return -1;
            char c = (char)a[k];
            buf_append(bytes, &c, 1);
        }
        return 0;
    case AV_OID:
        return parse_oid(&s, oidbuf, max, &v->oidlen);
    default:
        return 0;
    }
}

/* A value of a walk file past --max-varbinds: as in a live walk, which
 * takes the roots in order, the root holding it and the roots after it
 * were not walked whole. */
static void drop_value(struct agent_walk *w, const unsigned int *oid, size_t len)
{
    for (size_t i = 0; i < w->n_roots; i++) {
        const struct agent_root *r = &w->roots[i];
        if (agent_oid_under(oid, len, r->oid, r->oidlen) ||
            agent_oid_cmp(r->oid, r->oidlen, oid, len) > 0)
            w->roots[i].complete = false;
    }
}

/* A walk saved by --save-walk (or written by hand): lines "OID TYPE
 * VALUE", # comments and blank lines ignored.  It is taken as whole but
 * for --max-varbinds, which holds as if the agent had walked it: values
 * past it are read (the file stays checked for form) and dropped. */
static int read_walk_file(const char *path, long max, struct agent_walk *w, char **err)
{
    for (size_t i = 0; i < w->n_roots; i++)
        w->roots[i].complete = true;
    FILE *f = fopen(path, "r");
    if (!f) {
        *err = xasprintf("cannot read walk file %s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    unsigned int oid[MAX_OID_LEN], val[MAX_OID_LEN];
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        const char *p = line;
        skip_blanks(&p);
        if (!*p || *p == '#')
            continue;
        size_t len;
        char type[32];
        int tl = 0;
        struct agent_value v;
        struct buf bytes = {0};
        int ok = parse_oid(&p, oid, MAX_OID_LEN, &len) == 0 && (*p == ' ' || *p == '\t');
        skip_blanks(&p);
        ok = ok && sscanf(p, "%31s%n", type, &tl) == 1;
        p += ok ? tl : 0;
        skip_blanks(&p);
        ok = ok && parse_value(type, p, &v, &bytes, val, MAX_OID_LEN) == 0;
        if (!ok) {
            buf_free(&bytes);
            *err = xasprintf("%s:%d: expected OID TYPE VALUE", path, lineno);
            rc = -1;
            break;
        }
        v.bytes = (unsigned char *)bytes.data;
        v.len = bytes.len;
        v.oid = val;
        if ((long)w->n < max) {
            agent_walk_add(w, oid, len, &v);
        } else {
            w->bounded = true;
            drop_value(w, oid, len);
        }
        buf_free(&bytes);
    }
    free(line);
    fclose(f);
    return rc;
}

static int write_walk_file(const char *path, const struct agent_walk *w)
{
    struct buf b = {0};
    buf_printf(&b, "# mibcheck agent walk: OID TYPE VALUE\n");
    for (size_t i = 0; i < w->n; i++) {
        char *o = agent_oid_string(w->vb[i].oid, w->vb[i].oidlen);
        char *v = agent_value_string(&w->vb[i].v, 0);
        buf_printf(&b, "%s %s\n", o, v);
        free(o);
        free(v);
    }
    int rc = write_file_atomic(path, b.data, b.len);
    buf_free(&b);
    return rc;
}

/* ---- the live walk ---- */

/* Net-SNMP set up for a client and nothing else: no snmp.conf, no
 * ~/.snmp, no persistent state, no MIB files (libsmi reads the modules),
 * so the machine's Net-SNMP setup cannot change what is sent. */
static char *netsnmp_client_init(char **err)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/mibcheck-agent-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        *err = xasprintf("cannot create %s: %s", dir, strerror(errno));
        free(dir);
        return NULL;
    }
    netsnmp_isolate(dir);
    netsnmp_set_mib_directory(dir);
    /* what Net-SNMP logs (folders it creates, ...) is not for our user;
     * errors come back through snmp_error() */
    snmp_disable_log();
    char *certs = xasprintf("%s/cert_indexes", dir);
    mkdir(certs, 0700);
    free(certs);
    /* init_snmp reads the MIBS list from the environment: load none */
    setenv("MIBS", "", 1);
    init_snmp("mibcheck");
    return dir;
}

static void netsnmp_client_shutdown(char *dir)
{
    snmp_shutdown("mibcheck");
    remove_tree(dir);
    free(dir);
}

static int session_setup(const struct agent_options *o, netsnmp_session *s, char **err)
{
    snmp_sess_init(s);
    s->peername = (char *)o->host;
    s->timeout = o->timeout_ms * 1000L;
    s->retries = o->retries;
    if (o->version == 2) {
        s->version = SNMP_VERSION_2c;
        s->community = (u_char *)o->community;
        s->community_len = strlen(o->community);
        return 0;
    }
    s->version = SNMP_VERSION_3;
    s->securityName = (char *)o->user;
    s->securityNameLen = strlen(o->user);
    if (o->context) {
        s->contextName = (char *)o->context;
        s->contextNameLen = strlen(o->context);
    }
    const char *level = o->level ? o->level : "noAuthNoPriv";
    s->securityLevel = !strcmp(level, "authPriv")     ? SNMP_SEC_LEVEL_AUTHPRIV
                       : !strcmp(level, "authNoPriv") ? SNMP_SEC_LEVEL_AUTHNOPRIV
                                                      : SNMP_SEC_LEVEL_NOAUTH;
    if (s->securityLevel == SNMP_SEC_LEVEL_NOAUTH)
        return 0;
    size_t len = 0;
    oid *auth = sc_get_auth_oid(usm_lookup_auth_type(o->auth_proto ? o->auth_proto : "MD5"), &len);
    if (!auth || !o->auth_pass) {
        *err = xasprintf("security level %s needs an authentication protocol (-a) and "
                         "passphrase (-A)", level);
        return -1;
    }
    s->securityAuthProto = auth;
    s->securityAuthProtoLen = len;
    s->securityAuthKeyLen = USM_AUTH_KU_LEN;
    if (generate_Ku(auth, (u_int)len, (const u_char *)o->auth_pass, strlen(o->auth_pass),
                    s->securityAuthKey, &s->securityAuthKeyLen) != SNMPERR_SUCCESS) {
        *err = xasprintf("cannot derive a key from the authentication passphrase "
                         "(Net-SNMP wants at least 8 characters)");
        return -1;
    }
    if (s->securityLevel != SNMP_SEC_LEVEL_AUTHPRIV)
        return 0;
    oid *priv = sc_get_priv_oid(usm_lookup_priv_type(o->priv_proto ? o->priv_proto : "DES"), &len);
    if (!priv || !o->priv_pass) {
        *err = xasprintf("security level authPriv needs a privacy protocol (-x) and "
                         "passphrase (-X)");
        return -1;
    }
    s->securityPrivProto = priv;
    s->securityPrivProtoLen = len;
    s->securityPrivKeyLen = USM_PRIV_KU_LEN;
    if (generate_Ku(auth, (u_int)s->securityAuthProtoLen, (const u_char *)o->priv_pass,
                    strlen(o->priv_pass), s->securityPrivKey,
                    &s->securityPrivKeyLen) != SNMPERR_SUCCESS) {
        *err = xasprintf("cannot derive a key from the privacy passphrase "
                         "(Net-SNMP wants at least 8 characters)");
        return -1;
    }
    return 0;
}

static void value_from(const netsnmp_variable_list *vb, struct agent_value *v,
                       unsigned int *oidbuf)
{
    memset(v, 0, sizeof *v);
    v->type = vb->type;
    switch (vb->type) {
    case ASN_INTEGER: v->integer = *vb->val.integer; break;
    case ASN_COUNTER: case ASN_GAUGE: case ASN_TIMETICKS:
        v->number = (unsigned long)*vb->val.integer & 0xffffffffUL;
        break;
    case ASN_COUNTER64:
        v->number = ((unsigned long long)vb->val.counter64->high << 32) |
                    vb->val.counter64->low;
        break;
    case ASN_OCTET_STR: case ASN_IPADDRESS: case ASN_OPAQUE:
        v->bytes = vb->val.string;
        v->len = vb->val_len;
        break;
#ifdef NETSNMP_WITH_OPAQUE_SPECIAL_TYPES
    /* Net-SNMP unwraps floats and 64-bit numbers carried in an Opaque
     * (as UCD-SNMP-MIB's Float); on the wire they are an Opaque */
    case ASN_OPAQUE_COUNTER64: case ASN_OPAQUE_FLOAT: case ASN_OPAQUE_DOUBLE:
    case ASN_OPAQUE_I64: case ASN_OPAQUE_U64:
        v->type = ASN_OPAQUE;
        break;
#endif
    case ASN_OBJECT_ID:
        v->oidlen = vb->val_len / sizeof(oid);
        if (v->oidlen > MAX_OID_LEN)
            v->oidlen = MAX_OID_LEN;
        for (size_t i = 0; i < v->oidlen; i++)
            oidbuf[i] = (unsigned int)vb->val.objid[i];
        v->oid = oidbuf;
        break;
    default: break;
    }
}

static char *session_error(netsnmp_session *ss, const struct agent_options *o, int status)
{
    if (status == STAT_TIMEOUT)
        return xstrdup("no answer (timeout)");
    char *msg = NULL;
    int cerr = 0, serr = 0;
    snmp_error(ss, &cerr, &serr, &msg);
    if (serr == SNMPERR_TIMEOUT) {
        /* SNMPv3 engine discovery timed out before the request was sent:
         * the same silence, told the same way */
        free(msg);
        return xstrdup("no answer (timeout)");
    }
    const char *m = msg && *msg ? msg : "request failed";
    char *r = serr == SNMPERR_UNSUPPORTED_SEC_LEVEL && o->level && o->user
                  ? xasprintf("%s (the agent has no %s keys for user %s)", m, o->level,
                              o->user)
                  : xstrdup(m);
    free(msg);
    return r;
}

/* Milliseconds on a clock that does not jump with the wall clock. */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One live walk: the session and what bounds it. */
struct walk_state {
    netsnmp_session *ss;
    const struct agent_options *o;
    long long deadline;          /* now_ms() when --max-seconds is reached */
    long answered;               /* requests answered without an error */
    enum agent_bound bound;      /* which bound stopped the walk */
};

/* A request takes up to timeout * (1 + retries) when the agent is silent:
 * fit that into what is left of --max-seconds, so the bound holds during
 * a request as well as between requests.  Returns whether it cut the
 * request's time. */
static bool fit_request(struct walk_state *ws, long long left)
{
    long t = ws->o->timeout_ms;
    int r = ws->o->retries;
    bool cut = false;
    if (t >= left) {
        t = (long)left;
        r = 0;
        cut = true;
    } else if ((long long)t * (r + 1) > left) {
        r = (int)(left / t) - 1;
        cut = true;
    }
    ws->ss->timeout = t * 1000L;
    ws->ss->retries = r;
    return cut;
}

/* Walk one root with GetBulk.  Returns 0 at the end of its subtree, 1
 * when a bound was reached (ws->bound says which), 2 when the agent went
 * back (the rest of the subtree unseen), -1 with *err on a failed
 * request. */
static int walk_root(struct walk_state *ws, struct agent_walk *w, struct agent_root *r,
                     char **err)
{
    const struct agent_options *o = ws->o;
    oid cur[MAX_OID_LEN];
    size_t curlen = r->oidlen;
    unsigned int vbo[MAX_OID_LEN], valbuf[MAX_OID_LEN];
    for (size_t i = 0; i < r->oidlen; i++)
        cur[i] = r->oid[i];
    int reps = o->bulk_size;
    for (;;) {
        long long left = ws->deadline - now_ms();
        if ((long)w->n >= o->max_varbinds) {
            ws->bound = AGENT_BOUND_VARBINDS;
            return 1;
        }
        if (left <= 0) {
            ws->bound = AGENT_BOUND_SECONDS;
            return 1;
        }
        long room = o->max_varbinds - (long)w->n;
        if (reps > room)
            reps = (int)room;
        bool cut = fit_request(ws, left);
        netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GETBULK), *resp = NULL;
        pdu->non_repeaters = 0;
        pdu->max_repetitions = reps;
        snmp_add_null_var(pdu, cur, curlen);
        int status = snmp_synch_response(ws->ss, pdu, &resp);
        if (status == STAT_TIMEOUT && cut) {
            /* the agent was given what was left of --max-seconds */
            if (resp)
                snmp_free_pdu(resp);
            ws->bound = AGENT_BOUND_SECONDS;
            return 1;
        }
        if (status != STAT_SUCCESS || !resp) {
            *err = session_error(ws->ss, o, status);
            if (resp)
                snmp_free_pdu(resp);
            return -1;
        }
        if (resp->errstat == SNMP_ERR_TOOBIG && reps > 1) {
            reps /= 2;   /* ask for less (RFC 3416 4.2.3: the answer did not fit) */
            snmp_free_pdu(resp);
            continue;
        }
        if (resp->errstat == SNMP_ERR_TOOBIG) {
            *err = xstrdup("the agent answered tooBig to a GetBulk of a single value "
                           "(its message size limit is below one value)");
            snmp_free_pdu(resp);
            return -1;
        }
        if (resp->errstat == SNMP_ERR_AUTHORIZATIONERROR && o->version == 3) {
            /* VACM: no access entry for this user, level and context */
            *err = xasprintf("the agent answered %s: user %s may not read there at "
                             "level %s in context \"%s\"",
                             snmp_errstring((int)resp->errstat), o->user,
                             o->level ? o->level : "noAuthNoPriv",
                             o->context ? o->context : "");
            snmp_free_pdu(resp);
            return -1;
        }
        if (resp->errstat != SNMP_ERR_NOERROR) {
            *err = xasprintf("the agent answered %s", snmp_errstring((int)resp->errstat));
            snmp_free_pdu(resp);
            return -1;
        }
        ws->answered++;
        int over = !resp->variables;
        for (netsnmp_variable_list *vb = resp->variables; vb && !over; vb = vb->next_variable) {
            if (vb->type == SNMP_ENDOFMIBVIEW || vb->type == SNMP_NOSUCHOBJECT ||
                vb->type == SNMP_NOSUCHINSTANCE) {
                over = 1;
                break;
            }
            size_t n = vb->name_length < MAX_OID_LEN ? vb->name_length : MAX_OID_LEN;
            for (size_t i = 0; i < n; i++)
                vbo[i] = (unsigned int)vb->name[i];
            int up = snmp_oid_compare(vb->name, vb->name_length, cur, curlen) > 0;
            int inside = agent_oid_under(vbo, n, r->oid, r->oidlen);
            if (up && !inside) {
                over = 1;   /* past the subtree: the next root's business */
                break;
            }
            struct agent_value v;
            value_from(vb, &v, valbuf);
            agent_walk_add(w, vbo, n, &v);
            if (!up) {
                snmp_free_pdu(resp);
                return 2;   /* went back: walking on could loop */
            }
            memcpy(cur, vb->name, n * sizeof *cur);
            curlen = n;
            if ((long)w->n >= o->max_varbinds) {
                snmp_free_pdu(resp);
                ws->bound = AGENT_BOUND_VARBINDS;
                return 1;
            }
        }
        snmp_free_pdu(resp);
        if (over)
            return 0;
    }
}

/* What to tell about a request that failed before any answer. */
static char *first_failure(const struct agent_options *o, const char *why)
{
    if (o->version == 3 && o->context && strstr(why, "timeout"))
        /* RFC 3413 agents drop a request for a context they do not know
         * (snmpUnknownContexts), so a wrong -n looks like a dead agent */
        return xasprintf("%s: %s; an agent may not answer for a context it does "
                         "not know (-n %s)", o->host, why, o->context);
    if (o->version == 2 && strstr(why, "timeout"))
        /* an agent drops a request whose community it does not know
         * (SNMPv2-MIB counts it in snmpInBadCommunityNames), so a
         * wrong -c looks like a dead agent too */
        return xasprintf("%s: %s; agents do not answer requests with an unknown "
                         "community: check -c", o->host, why);
    return xasprintf("%s: %s", o->host, why);
}

/* Returns 0, or -1 (no answer at all) / 1 (failed later) with *err. */
static int walk_agent(const struct agent_options *o, struct agent_walk *w,
                      enum agent_bound *bound, char **err)
{
    char *dir = netsnmp_client_init(err);
    if (!dir)
        return -1;
    netsnmp_session tmpl;
    struct walk_state ws = {.o = o};
    int rc = 0;
    if (session_setup(o, &tmpl, err) < 0) {
        rc = -1;
        goto out;
    }
    ws.ss = snmp_open(&tmpl);
    if (!ws.ss) {
        char *msg = NULL;
        int cerr = 0, serr = 0;
        snmp_error(&tmpl, &cerr, &serr, &msg);
        *err = xasprintf("cannot open a session to %s: %s", o->host, msg ? msg : "?");
        free(msg);
        rc = -1;
        goto out;
    }
    ws.deadline = now_ms() + o->max_seconds * 1000LL;
    for (size_t i = 0; i < w->n_roots; i++) {
        char *why = NULL;
        int r = walk_root(&ws, w, &w->roots[i], &why);
        if (r < 0) {
            *err = ws.answered ? xasprintf("%s: %s", o->host, why) : first_failure(o, why);
            free(why);
            rc = ws.answered ? 1 : -1;
            break;
        }
        if (r == 1 && !ws.answered) {
            /* --max-seconds passed before the agent said anything */
            *err = xasprintf("%s: no answer within --max-seconds %ld", o->host,
                             o->max_seconds);
            rc = -1;
            break;
        }
        if (r == 1) {
            w->bounded = true;
            *bound = ws.bound;
            break;
        }
        w->roots[i].complete = r == 0;
    }
out:
    if (ws.ss)
        snmp_close(ws.ss);
    netsnmp_client_shutdown(dir);
    return rc;
}

/* ---- one run ---- */

static void quiet_smi(char *path, int line, int severity, char *msg, char *tag)
{
    (void)path, (void)line, (void)severity, (void)msg, (void)tag;
}

/* libsmi's path: the folders of modules given as files first, then the
 * run's path. */
static char *module_path(const struct config *cfg, const struct strvec *modules)
{
    struct search_path sp;
    search_path_build(cfg, NULL, NULL, &sp);
    char *rest = search_path_join(&sp);
    search_path_free(&sp);
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; i < modules->len; i++) {
        if (access(modules->v[i], R_OK) < 0 || !strchr(modules->v[i], '/'))
            continue;
        char *d = xstrdup(modules->v[i]);
        *strrchr(d, '/') = '\0';
        buf_printf(&b, "%s:", *d ? d : "/");
        free(d);
    }
    buf_printf(&b, "%s", rest);
    free(rest);
    return b.data;
}

/* Each module's newest revision date, as the static reports show it. */
static void module_revisions(struct agent_result *res)
{
    for (size_t i = 0; i < res->sources.len; i++) {
        const struct source *src = &res->sources.v[i];
        size_t len = 0;
        int big = 0;
        char *text = read_file(src->path, src->size + 1, &len, &big);
        if (!text)
            continue;
        struct token_list tl = {0};
        lex_mib(text, len, &tl);
        for (size_t m = 0; m < src->n_mods; m++)
            for (size_t k = 0; k < res->modules.len; k++)
                if (!strcmp(res->modules.v[k].name, src->mods[m].name) &&
                    !strcmp(res->modules.v[k].file, src->path) && !res->modules.v[k].revision)
                    res->modules.v[k].revision = text_module_revision(&tl, &src->mods[m]);
        token_list_free(&tl);
        free(text);
    }
}

/* libsmi's part, in the child: load, walk, check. */
static int load_walk_check(const struct config *cfg, const struct agent_options *o,
                           const struct strvec *modules, struct agent_result *res,
                           char **err)
{
    char *path = module_path(cfg, modules);
    struct strvec names = {0};
    struct agent_walk w = {0};
    int rc = 0;
    smiInit(NULL);
    smiSetPath(path);
    smiSetErrorLevel(0);
    smiSetFlags(0);
    smiSetErrorHandler(quiet_smi);
    for (size_t i = 0; i < modules->len; i++) {
        char *name = smiLoadModule(modules->v[i]);
        SmiModule *m = name ? smiGetModule(name) : NULL;
        if (!m || !m->path) {
            *err = xasprintf("cannot load module %s (see mibcheck --print-path)",
                             modules->v[i]);
            rc = -1;
            goto out;
        }
        if (strvec_contains(&names, m->name))
            continue;
        strvec_push(&names, m->name);
        SmiNode *id = smiGetModuleIdentityNode(m);
        module_records_add(&res->modules, m->name, m->path, id ? smiGetNodeLine(id) : 0,
                           module_language_name(m->language), "checked");
    }
    struct strvec notes = {0};
    int prc = agent_plan(&names, o->compliance, o->capabilities, &w, &notes, err);
    /* the command's own process: notes go straight to its stderr */
    for (size_t i = 0; i < notes.len; i++)
        fprintf(stderr, "mibcheck: note: %s\n", notes.v[i]);
    strvec_free(&notes);
    if (prc < 0) {
        rc = -1;
        goto out;
    }
    if (o->walk_file) {
        if (read_walk_file(o->walk_file, o->max_varbinds, &w, err) < 0) {
            rc = -1;
            goto out;
        }
        if (w.bounded)
            res->bound = AGENT_BOUND_VARBINDS;
    } else {
        rc = walk_agent(o, &w, &res->bound, err);
        if (rc < 0)
            goto out;
    }
    res->varbinds = (long)w.n;
    if (o->save_walk && write_walk_file(o->save_walk, &w) < 0) {
        free(*err);
        *err = xasprintf("cannot write %s: %s", o->save_walk, strerror(errno));
        rc = -1;
        goto out;
    }
    agent_check(&names, o->compliance, o->capabilities, &w, &res->findings);
out:
    agent_walk_free(&w);
    strvec_free(&names);
    smiExit();
    free(path);
    return rc;
}

/* The child's records on the pipe: findings and module records as the
 * engine's workers send them, then one closing record. */
static void send_results(FILE *f, int rc, const struct agent_result *res, const char *err)
{
    for (size_t i = 0; i < res->modules.len; i++) {
        char *j = module_record_to_json(&res->modules.v[i]);
        fprintf(f, "%s\n", j);
        free(j);
    }
    for (size_t i = 0; i < res->findings.len; i++) {
        char *j = finding_to_json(&res->findings.items[i]);
        fprintf(f, "%s\n", j);
        free(j);
    }
    json_t *done = json_pack("{s:i,s:i,s:I}", "agent_done", rc, "bound", (int)res->bound,
                             "varbinds", (json_int_t)res->varbinds);
    if (err)
        json_object_set_new(done, "error", json_string(err));
    char *j = json_dumps(done, JSON_COMPACT);
    fprintf(f, "%s\n", j);
    free(j);
    json_decref(done);
    fflush(f);
}

/* libsmi crashes on some modules and leaks on exit (DESIGN.md 1): it runs
 * in a child process of its own, as in the engine's workers. */
int agent_run(const struct config *cfg, const struct agent_options *o,
              const struct strvec *modules, struct agent_result *res, char **err)
{
    int fds[2];
    if (pipe(fds) < 0) {
        *err = xasprintf("cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        *err = xasprintf("cannot fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        FILE *f = fdopen(fds[1], "w");
        char *why = NULL;
        int rc = load_walk_check(cfg, o, modules, res, &why);
        if (f)
            send_results(f, rc, res, why);
        _exit(f ? 0 : 1);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    char *line = NULL;
    size_t cap = 0;
    int rc = -2;
    while (f && getline(&line, &cap, f) > 0) {
        if (!strncmp(line, "{\"module_record\"", 16)) {
            module_record_from_json(&res->modules, line);
        } else if (!strncmp(line, "{\"agent_done\"", 13)) {
            json_t *d = json_loads(line, 0, NULL);
            const char *e = NULL;
            int bound = 0;
            json_int_t n = 0;
            if (d && json_unpack(d, "{s:i,s:i,s:I,s?s}", "agent_done", &rc, "bound", &bound,
                                 "varbinds", &n, "error", &e) == 0) {
                res->bound = (enum agent_bound)bound;
                res->varbinds = (long)n;
                *err = e ? xstrdup(e) : NULL;
            }
            json_decref(d);
        } else {
            finding_from_json(&res->findings, line);
        }
    }
    free(line);
    if (f)
        fclose(f);
    else
        close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (rc == -2) {
        *err = WIFSIGNALED(status)
                   ? xasprintf("the check died (signal %d: %s)", WTERMSIG(status),
                               strsignal(WTERMSIG(status)))
                   : xasprintf("the check stopped without a result");
        return -1;
    }
    if (rc < 0)
        return rc;
    /* the modules' files, for suppressions and the reports */
    struct config scfg;
    struct finding_list ignored = {0};
    config_init(&scfg);
    for (size_t i = 0; i < res->modules.len; i++)
        if (!strvec_contains(&scfg.inputs, res->modules.v[i].file))
            strvec_push(&scfg.inputs, res->modules.v[i].file);
    sources_collect(&scfg, &res->sources, &ignored);
    module_revisions(res);
    finding_list_free(&ignored);
    config_free(&scfg);
    return rc;
}
