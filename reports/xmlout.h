/* A thin layer over libxml2's xmlTextWriter for the XML and JUnit
 * reports: every string is made valid XML 1.0 text first (UTF-8, no
 * forbidden control characters), so nothing read from a MIB can make the
 * report ill-formed.  A memory writer fails only when memory runs out. */
#ifndef MIBCHECK_XMLOUT_H
#define MIBCHECK_XMLOUT_H

#include <libxml/xmlwriter.h>

#include "checker/util.h"

struct xml_out {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
};

void xml_out_open(struct xml_out *x);
void xml_out_start(struct xml_out *x, const char *name);
void xml_out_attr(struct xml_out *x, const char *name, const char *value);
void xml_out_attr_int(struct xml_out *x, const char *name, long long value);
void xml_out_text(struct xml_out *x, const char *text);
/* <name>text</name> */
void xml_out_element(struct xml_out *x, const char *name, const char *text);
void xml_out_end(struct xml_out *x);
/* Close every open element, append the document to out, free. */
void xml_out_close(struct xml_out *x, struct buf *out);

#endif
