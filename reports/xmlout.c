#include "reports/xmlout.h"

#include <stdlib.h>

#include "reports/common.h"

void xml_out_open(struct xml_out *x)
{
    x->buf = xmlBufferCreate();
    x->w = xmlNewTextWriterMemory(x->buf, 0);
    xmlTextWriterSetIndent(x->w, 1);
    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ");
    xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL);
}

void xml_out_start(struct xml_out *x, const char *name)
{
    xmlTextWriterStartElement(x->w, BAD_CAST name);
}

void xml_out_attr(struct xml_out *x, const char *name, const char *value)
{
    char *v = report_xml_text(value);
    xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v);
    free(v);
}

void xml_out_attr_int(struct xml_out *x, const char *name, long long value)
{
    xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST name, "%lld", value);
}

void xml_out_text(struct xml_out *x, const char *text)
{
    char *v = report_xml_text(text);
    xmlTextWriterWriteString(x->w, BAD_CAST v);
    free(v);
}

void xml_out_element(struct xml_out *x, const char *name, const char *text)
{
    xml_out_start(x, name);
    xml_out_text(x, text);
    xml_out_end(x);
}

void xml_out_end(struct xml_out *x)
{
    xmlTextWriterEndElement(x->w);
}

void xml_out_close(struct xml_out *x, struct buf *out)
{
    xmlTextWriterEndDocument(x->w);
    xmlFreeTextWriter(x->w);
    buf_append(out, (const char *)xmlBufferContent(x->buf),
               (size_t)xmlBufferLength(x->buf));
    xmlBufferFree(x->buf);
    x->w = NULL;
    x->buf = NULL;
}
