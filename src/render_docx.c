/* The Word renderer: a document (doc.h) as Office Open XML. The zip
 * container through libzip, every XML part through libxml2's writer, the
 * figures as PNG pictures drawn with cairo. The only module that includes
 * libzip and cairo. */
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "bidi.h"
#include "docx_libs.h"
#include "exitcode.h"
#include "utf8.h"
#include "xmalloc.h"

/* libxml2 strings are unsigned; this cast keeps const, unlike BAD_CAST. */
#define XS(s) ((const xmlChar *)(s))

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_PACKAGE_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_TYPES "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_OFFICE NS_R "/"
#define TYPE_WORD "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* Page geometry in twips (1/20 point), the PDF's margins. */
#define TWIPS(points) ((long)lround((points)*20.0))
#define MARGIN_SIDE 1120   /* 56 pt */
#define MARGIN_TOP 1280	   /* 64 pt: room for the header */
#define MARGIN_BOTTOM 1120 /* 56 pt */
#define MARGIN_EDGE 560	   /* header and footer, 28 pt from the edge */
#define INDENT_STEP 240	   /* 12 pt */
#define MAX_PAGE 31680	   /* 22 inches, Word's largest page */
#define MIN_PAGE 4320	   /* 3 inches */

/* Sizes in half points, as WordprocessingML counts them. */
#define SIZE_BODY 19  /* 9.5 pt */
#define SIZE_SMALL 16 /* 8 pt */
#define SIZE_LEAD 22  /* 11 pt */

/* Pictures: pixels per point (180 dpi: sharp in print, small files), and
 * the largest side in pixels, so that memory stays bounded. */
#define FIGURE_SCALE 2.5
#define FIGURE_MAX_PIXELS 4000
#define EMU_PER_POINT 12700

/* ---- text -------------------------------------------------------------- */

/* Whether XML 1.0 (and Word) can carry cp as a character: no control
 * characters but tab and newline, no U+FFFE or U+FFFF. utf8_decode has
 * already refused surrogates and values beyond U+10FFFF. */
static int
printable(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	return cp != 0xFFFE && cp != 0xFFFF;
}

/* A copy of s (NULL gives "") that XML can carry: every character it cannot,
 * and every byte that does not start a well-formed UTF-8 sequence, becomes
 * U+FFFD. One pass; the copy is at most three times as long. */
static char *
clean(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	char *out = xreallocarray(NULL, len + 1, 3);
	size_t n = 0;

	while (len && *s) {
		uint32_t cp;
		size_t k = utf8_decode(s, &cp);

		if (k > 0 && printable(cp)) {
			memcpy(out + n, s, k);
			n += k;
			s += k;
			continue;
		}
		memcpy(out + n, "\xEF\xBF\xBD", 3);
		n += 3;
		s += k ? k : 1;
	}
	out[n] = '\0';
	return out;
}

/* ---- XML parts through libxml2's writer ------------------------------- */

struct xml {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int failed; /* a call failed (memory): the part is not written */
	int rtl;    /* the document runs right to left */
};

static void
check(struct xml *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

static void
xml_begin(struct xml *x)
{
	memset(x, 0, sizeof(*x));
	x->buf = xmlBufferCreate();
	if (x->buf)
		x->w = xmlNewTextWriterMemory(x->buf, 0);
	if (x->w == NULL) {
		x->failed = 1;
		return;
	}
	check(x, xmlTextWriterStartDocument(x->w, NULL, "UTF-8", "yes"));
}

static void
open_element(struct xml *x, const char *name)
{
	if (!x->failed)
		check(x, xmlTextWriterStartElement(x->w, XS(name)));
}

static void
close_element(struct xml *x)
{
	if (!x->failed)
		check(x, xmlTextWriterEndElement(x->w));
}

/* An attribute whose value comes from outside: made safe first. */
static void
attribute(struct xml *x, const char *name, const char *value)
{
	char *safe;

	if (x->failed)
		return;
	safe = clean(value);
	check(x, xmlTextWriterWriteAttribute(x->w, XS(name), XS(safe)));
	free(safe);
}

static void
attribute_long(struct xml *x, const char *name, long value)
{
	char s[32];

	snprintf(s, sizeof(s), "%ld", value);
	attribute(x, name, s);
}

static void
text(struct xml *x, const char *s)
{
	if (!x->failed)
		check(x, xmlTextWriterWriteString(x->w, XS(s)));
}

/* <name/> or <name attr="value"/> */
static void
leaf(struct xml *x, const char *name, const char *attr, const char *value)
{
	open_element(x, name);
	if (attr)
		attribute(x, attr, value);
	close_element(x);
}

static void
leaf_long(struct xml *x, const char *name, const char *attr, long value)
{
	open_element(x, name);
	attribute_long(x, attr, value);
	close_element(x);
}

/* <name>value</name> */
static void
element_text(struct xml *x, const char *name, const char *value)
{
	char *safe = clean(value);

	open_element(x, name);
	text(x, safe);
	close_element(x);
	free(safe);
}

/* Finish the part: its bytes (owned by the caller) or -1. */
static int
xml_end(struct xml *x, unsigned char **data, size_t *size)
{
	int rc = -1;

	if (!x->failed)
		check(x, xmlTextWriterEndDocument(x->w));
	if (x->w)
		xmlFreeTextWriter(x->w); /* flushes into buf */
	if (!x->failed && x->buf) {
		size_t n = (size_t)xmlBufferLength(x->buf);

		*data = xmalloc(n ? n : 1);
		memcpy(*data, xmlBufferContent(x->buf), n);
		*size = n;
		rc = 0;
	}
	if (x->buf)
		xmlBufferFree(x->buf);
	memset(x, 0, sizeof(*x));
	return rc;
}

/* ---- the renderer's state --------------------------------------------- */

struct docx {
	const struct doc *d;
	const char *const *font_paths; /* regular and bold, for text in figures */
	struct error *err;
	zip_t *zip;
	long page_width, page_height; /* twips */
	long text_width;
	zip_uint16_t dos_time, dos_date;      /* the document's date, in UTC */
	size_t figures;			      /* pictures written so far */
	int break_due;			      /* the next paragraph starts a page */
	int page_empty;			      /* nothing on the current page yet */
	struct fonts faces;		      /* which face draws which character */
	cairo_font_face_t *fonts[FONT_FACES]; /* loaded on first use */
};

static void
hex_colour(const struct doc_colour *c, char out[7])
{
	const double v[3] = {c->r, c->g, c->b};
	unsigned byte[3];

	for (size_t i = 0; i < 3; i++) {
		double x = isfinite(v[i]) ? v[i] : 0;

		x = x < 0 ? 0 : x > 1 ? 1 : x;
		byte[i] = (unsigned)lround(x * 255);
	}
	snprintf(out, 7, "%02X%02X%02X", byte[0] & 0xFF, byte[1] & 0xFF, byte[2] & 0xFF);
}

/* t as the zip's MS-DOS time and date, in UTC (not local time, so that
 * the bytes do not depend on the time zone), within 1980 to 2107. */
static void
dos_date_time(time_t t, zip_uint16_t *time_part, zip_uint16_t *date_part)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < 80) {
		*time_part = 0;
		*date_part = (1 << 5) | 1; /* 1980-01-01 00:00 */
		return;
	}
	if (tm.tm_year > 207) {
		*time_part = (23 << 11) | (59 << 5) | 29;
		*date_part = (127 << 9) | (12 << 5) | 31; /* 2107-12-31 23:59:58 */
		return;
	}
	*time_part = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*date_part = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Add a part to the zip; the zip owns data from here on, even on failure. */
static int
put(struct docx *x, const char *name, unsigned char *data, size_t size, int compress)
{
	zip_source_t *src = zip_source_buffer(x->zip, data, size, 1);
	zip_int64_t index;

	if (src == NULL) {
		free(data);
		goto fail;
	}
	index = zip_file_add(x->zip, name, src, ZIP_FL_OVERWRITE);
	if (index < 0) {
		zip_source_free(src);
		goto fail;
	}
	/* the document's date, so that the same date gives the same bytes */
	if (zip_file_set_dostime(x->zip, (zip_uint64_t)index, x->dos_time, x->dos_date, 0) < 0 ||
	    zip_set_file_compression(x->zip, (zip_uint64_t)index,
				     compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) < 0)
		goto fail;
	return 0;
fail:
	return error_set(x->err, EXIT_IO, "cannot add '%s' to the Word document: %s", name,
			 zip_strerror(x->zip));
}

/* Finish the XML part x and add it as name. */
static int
put_xml(struct docx *dx, struct xml *x, const char *name)
{
	unsigned char *data = NULL;
	size_t size = 0;

	if (xml_end(x, &data, &size) < 0)
		return error_set(dx->err, EXIT_IO, "cannot write '%s' of the Word document", name);
	return put(dx, name, data, size, 1);
}

/* ---- package parts ---------------------------------------------------- */

static void
content_type(struct xml *x, const char *element, const char *key, const char *value,
	     const char *type)
{
	open_element(x, element);
	attribute(x, key, value);
	attribute(x, "ContentType", type);
	close_element(x);
}

static int
write_content_types(struct docx *dx)
{
	struct xml x;

	xml_begin(&x);
	open_element(&x, "Types");
	attribute(&x, "xmlns", NS_TYPES);
	content_type(&x, "Default", "Extension", "rels",
		     "application/vnd.openxmlformats-package.relationships+xml");
	content_type(&x, "Default", "Extension", "xml", "application/xml");
	content_type(&x, "Default", "Extension", "png", "image/png");
	content_type(&x, "Override", "PartName", "/word/document.xml",
		     TYPE_WORD "document.main+xml");
	content_type(&x, "Override", "PartName", "/word/styles.xml", TYPE_WORD "styles+xml");
	content_type(&x, "Override", "PartName", "/word/settings.xml", TYPE_WORD "settings+xml");
	content_type(&x, "Override", "PartName", "/word/header1.xml", TYPE_WORD "header+xml");
	content_type(&x, "Override", "PartName", "/word/footer1.xml", TYPE_WORD "footer+xml");
	content_type(&x, "Override", "PartName", "/docProps/core.xml",
		     "application/vnd.openxmlformats-package.core-properties+xml");
	content_type(&x, "Override", "PartName", "/docProps/app.xml",
		     "application/vnd.openxmlformats-officedocument.extended-properties+xml");
	close_element(&x);
	return put_xml(dx, &x, "[Content_Types].xml");
}

static void
relationship(struct xml *x, const char *id, const char *type, const char *target)
{
	open_element(x, "Relationship");
	attribute(x, "Id", id);
	attribute(x, "Type", type);
	attribute(x, "Target", target);
	close_element(x);
}

static int
write_package_rels(struct docx *dx)
{
	struct xml x;

	xml_begin(&x);
	open_element(&x, "Relationships");
	attribute(&x, "xmlns", NS_PACKAGE_RELS);
	relationship(&x, "rId1", REL_OFFICE "officeDocument", "word/document.xml");
	relationship(&x, "rId2",
		     "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
		     "core-properties",
		     "docProps/core.xml");
	relationship(&x, "rId3", REL_OFFICE "extended-properties", "docProps/app.xml");
	close_element(&x);
	return put_xml(dx, &x, "_rels/.rels");
}

static int
write_document_rels(struct docx *dx)
{
	struct xml x;

	xml_begin(&x);
	open_element(&x, "Relationships");
	attribute(&x, "xmlns", NS_PACKAGE_RELS);
	relationship(&x, "rIdStyles", REL_OFFICE "styles", "styles.xml");
	relationship(&x, "rIdSettings", REL_OFFICE "settings", "settings.xml");
	relationship(&x, "rIdHeader", REL_OFFICE "header", "header1.xml");
	relationship(&x, "rIdFooter", REL_OFFICE "footer", "footer1.xml");
	for (size_t i = 1; i <= dx->figures; i++) {
		char id[40], target[48];

		snprintf(id, sizeof(id), "rIdFigure%zu", i);
		snprintf(target, sizeof(target), "media/figure%zu.png", i);
		relationship(&x, id, REL_OFFICE "image", target);
	}
	close_element(&x);
	return put_xml(dx, &x, "word/_rels/document.xml.rels");
}

static void
w3c_date(time_t t, char out[32])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

static int
write_core(struct docx *dx)
{
	const struct doc *d = dx->d;
	struct xml x;
	char date[32];

	w3c_date(d->date, date);
	xml_begin(&x);
	open_element(&x, "cp:coreProperties");
	attribute(&x, "xmlns:cp",
		  "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	attribute(&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	attribute(&x, "xmlns:dcterms", "http://purl.org/dc/terms/");
	attribute(&x, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
	attribute(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	if (d->title)
		element_text(&x, "dc:title", d->title);
	if (d->subject)
		element_text(&x, "dc:subject", d->subject);
	if (d->author)
		element_text(&x, "dc:creator", d->author);
	if (d->keywords)
		element_text(&x, "cp:keywords", d->keywords);
	element_text(&x, "dc:language", d->lang ? d->lang : "en");
	open_element(&x, "dcterms:created");
	attribute(&x, "xsi:type", "dcterms:W3CDTF");
	text(&x, date);
	close_element(&x);
	open_element(&x, "dcterms:modified");
	attribute(&x, "xsi:type", "dcterms:W3CDTF");
	text(&x, date);
	close_element(&x);
	close_element(&x);
	return put_xml(dx, &x, "docProps/core.xml");
}

static int
write_app(struct docx *dx)
{
	struct xml x;

	xml_begin(&x);
	open_element(&x, "Properties");
	attribute(&x, "xmlns",
		  "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
	attribute(&x, "xmlns:vt",
		  "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
	element_text(&x, "Application", "cirt");
	close_element(&x);
	return put_xml(dx, &x, "docProps/app.xml");
}

/* ---- styles and settings ---------------------------------------------- */

static void
fonts_element(struct xml *x)
{
	open_element(x, "w:rFonts");
	/* the faces the PDF uses (fonts.h): Chinese in Droid Sans Fallback, Arabic
	 * (a complex script, which Word shapes itself) in DejaVu Sans */
	attribute(x, "w:ascii", "DejaVu Sans");
	attribute(x, "w:hAnsi", "DejaVu Sans");
	attribute(x, "w:eastAsia", "Droid Sans Fallback");
	attribute(x, "w:cs", "DejaVu Sans");
	close_element(x);
}

static void
size_elements(struct xml *x, long half_points)
{
	leaf_long(x, "w:sz", "w:val", half_points);
	leaf_long(x, "w:szCs", "w:val", half_points);
}

static void
colour_element(struct xml *x, const struct doc_colour *c)
{
	char hex[7];

	hex_colour(c, hex);
	leaf(x, "w:color", "w:val", hex);
}

static void
spacing_element(struct xml *x, long before, long after)
{
	open_element(x, "w:spacing");
	attribute_long(x, "w:before", before);
	attribute_long(x, "w:after", after);
	close_element(x);
}

static void
border_element(struct xml *x, const char *side, long eighths, long space,
	       const struct doc_colour *c)
{
	char hex[7];

	hex_colour(c, hex);
	open_element(x, side);
	attribute(x, "w:val", "single");
	attribute_long(x, "w:sz", eighths);
	attribute_long(x, "w:space", space);
	attribute(x, "w:color", hex);
	close_element(x);
}

static void
cell_margin(struct xml *x, const char *side, long twips)
{
	open_element(x, side);
	attribute_long(x, "w:w", twips);
	attribute(x, "w:type", "dxa");
	close_element(x);
}

static void
style_begin(struct xml *x, const char *type, const char *id, const char *name, int is_default)
{
	open_element(x, "w:style");
	attribute(x, "w:type", type);
	if (is_default)
		attribute(x, "w:default", "1");
	attribute(x, "w:styleId", id);
	leaf(x, "w:name", "w:val", name);
}

static void
heading_style(struct xml *x, const char *id, const char *name, int level, long before,
	      long half_points)
{
	style_begin(x, "paragraph", id, name, 0);
	leaf(x, "w:basedOn", "w:val", "Normal");
	leaf(x, "w:next", "w:val", "Normal");
	leaf_long(x, "w:uiPriority", "w:val", 9);
	leaf(x, "w:qFormat", NULL, NULL);
	open_element(x, "w:pPr");
	leaf(x, "w:keepNext", NULL, NULL);
	leaf(x, "w:keepLines", NULL, NULL);
	spacing_element(x, before, 120);
	leaf_long(x, "w:outlineLvl", "w:val", level);
	close_element(x);
	open_element(x, "w:rPr");
	leaf(x, "w:b", NULL, NULL);
	leaf(x, "w:bCs", NULL, NULL);
	colour_element(x, &DOC_ACCENT);
	size_elements(x, half_points);
	close_element(x);
	close_element(x);
}

static int
write_styles(struct docx *dx)
{
	const char *lang = dx->d->lang ? dx->d->lang : "en";
	struct xml x;

	xml_begin(&x);
	open_element(&x, "w:styles");
	attribute(&x, "xmlns:w", NS_W);

	open_element(&x, "w:docDefaults");
	open_element(&x, "w:rPrDefault");
	open_element(&x, "w:rPr");
	fonts_element(&x);
	size_elements(&x, SIZE_BODY);
	leaf(&x, "w:lang", "w:val", lang);
	close_element(&x);
	close_element(&x);
	open_element(&x, "w:pPrDefault");
	open_element(&x, "w:pPr");
	open_element(&x, "w:spacing");
	attribute(&x, "w:after", "120");
	attribute(&x, "w:line", "264");
	attribute(&x, "w:lineRule", "auto");
	close_element(&x);
	close_element(&x);
	close_element(&x);
	close_element(&x);

	style_begin(&x, "paragraph", "Normal", "Normal", 1);
	leaf(&x, "w:qFormat", NULL, NULL);
	open_element(&x, "w:rPr");
	fonts_element(&x);
	size_elements(&x, SIZE_BODY);
	leaf(&x, "w:lang", "w:val", lang);
	close_element(&x);
	close_element(&x);

	style_begin(&x, "character", "DefaultParagraphFont", "Default Paragraph Font", 1);
	leaf_long(&x, "w:uiPriority", "w:val", 1);
	leaf(&x, "w:semiHidden", NULL, NULL);
	leaf(&x, "w:unhideWhenUsed", NULL, NULL);
	close_element(&x);

	style_begin(&x, "table", "TableNormal", "Normal Table", 1);
	leaf_long(&x, "w:uiPriority", "w:val", 99);
	leaf(&x, "w:semiHidden", NULL, NULL);
	leaf(&x, "w:unhideWhenUsed", NULL, NULL);
	open_element(&x, "w:tblPr");
	cell_margin(&x, "w:tblInd", 0);
	open_element(&x, "w:tblCellMar");
	cell_margin(&x, "w:top", 0);
	cell_margin(&x, "w:left", 108);
	cell_margin(&x, "w:bottom", 0);
	cell_margin(&x, "w:right", 108);
	close_element(&x);
	close_element(&x);
	close_element(&x);

	style_begin(&x, "paragraph", "Title", "Title", 0);
	leaf(&x, "w:basedOn", "w:val", "Normal");
	leaf(&x, "w:next", "w:val", "Normal");
	leaf_long(&x, "w:uiPriority", "w:val", 10);
	leaf(&x, "w:qFormat", NULL, NULL);
	open_element(&x, "w:pPr");
	spacing_element(&x, 120, 240);
	close_element(&x);
	open_element(&x, "w:rPr");
	leaf(&x, "w:b", NULL, NULL);
	leaf(&x, "w:bCs", NULL, NULL);
	size_elements(&x, 60);
	close_element(&x);
	close_element(&x);

	/* Word knows its built-in headings by these lowercase names */
	heading_style(&x, "Heading1", "heading 1", 0, 360, 32);
	heading_style(&x, "Heading2", "heading 2", 1, 240, 24);

	style_begin(&x, "table", "CirtTable", "cirt table", 0);
	leaf(&x, "w:basedOn", "w:val", "TableNormal");
	leaf_long(&x, "w:uiPriority", "w:val", 59);
	open_element(&x, "w:pPr");
	spacing_element(&x, 0, 0);
	close_element(&x);
	open_element(&x, "w:rPr");
	size_elements(&x, SIZE_SMALL);
	close_element(&x);
	open_element(&x, "w:tblPr");
	open_element(&x, "w:tblBorders");
	border_element(&x, "w:top", 4, 0, &DOC_RULE);
	border_element(&x, "w:bottom", 4, 0, &DOC_RULE);
	border_element(&x, "w:insideH", 4, 0, &DOC_RULE);
	close_element(&x);
	open_element(&x, "w:tblCellMar");
	cell_margin(&x, "w:top", 40);
	cell_margin(&x, "w:left", 60);
	cell_margin(&x, "w:bottom", 40);
	cell_margin(&x, "w:right", 60);
	close_element(&x);
	close_element(&x);
	close_element(&x);

	close_element(&x);
	return put_xml(dx, &x, "word/styles.xml");
}

static int
write_settings(struct docx *dx)
{
	struct xml x;

	xml_begin(&x);
	open_element(&x, "w:settings");
	attribute(&x, "xmlns:w", NS_W);
	leaf(&x, "w:zoom", "w:percent", "100");
	leaf(&x, "w:defaultTabStop", "w:val", "720");
	leaf(&x, "w:characterSpacingControl", "w:val", "doNotCompress");
	open_element(&x, "w:compat");
	open_element(&x, "w:compatSetting");
	attribute(&x, "w:name", "compatibilityMode");
	attribute(&x, "w:uri", "http://schemas.microsoft.com/office/word");
	attribute(&x, "w:val", "15");
	close_element(&x);
	close_element(&x);
	leaf(&x, "w:themeFontLang", "w:val", dx->d->lang ? dx->d->lang : "en");
	close_element(&x);
	return put_xml(dx, &x, "word/settings.xml");
}

/* ---- paragraphs and runs ---------------------------------------------- */

struct run_format {
	int bold;
	long half_points;		 /* 0: the style's */
	const struct doc_colour *colour; /* NULL: the style's */
};

struct para_format {
	const char *style; /* NULL: Normal */
	int keep_next;
	int page_break;
	int boxed;
	const struct doc_colour *shade; /* a background, or NULL */
	long before, after;		/* twips; -1: the style's */
	long indent;			/* twips */
	const char *align;		/* NULL: the style's */
};

/* A run's properties; rtl for a run of right-to-left text. */
static void
run_properties(struct xml *x, const struct run_format *r, int rtl)
{
	if (!rtl && (!r || (!r->bold && !r->half_points && !r->colour)))
		return;
	if (r == NULL) {
		open_element(x, "w:rPr");
		leaf(x, "w:rtl", NULL, NULL);
		close_element(x);
		return;
	}
	open_element(x, "w:rPr");
	if (r->bold) {
		leaf(x, "w:b", NULL, NULL);
		leaf(x, "w:bCs", NULL, NULL);
	}
	if (r->colour)
		colour_element(x, r->colour);
	if (r->half_points)
		size_elements(x, r->half_points);
	if (rtl)
		leaf(x, "w:rtl", NULL, NULL);
	close_element(x);
}

static void
para_properties(struct xml *x, const struct para_format *p, const struct run_format *r)
{
	open_element(x, "w:pPr");
	if (p->style)
		leaf(x, "w:pStyle", "w:val", p->style);
	if (p->keep_next)
		leaf(x, "w:keepNext", NULL, NULL);
	if (p->page_break)
		leaf(x, "w:pageBreakBefore", NULL, NULL);
	if (p->boxed) {
		open_element(x, "w:pBdr");
		border_element(x, "w:top", 6, 4, &DOC_ACCENT);
		border_element(x, "w:left", 6, 4, &DOC_ACCENT);
		border_element(x, "w:bottom", 6, 4, &DOC_ACCENT);
		border_element(x, "w:right", 6, 4, &DOC_ACCENT);
		close_element(x);
	}
	if (p->shade) {
		char hex[7];

		hex_colour(p->shade, hex);
		open_element(x, "w:shd");
		attribute(x, "w:val", "clear");
		attribute(x, "w:color", "auto");
		attribute(x, "w:fill", hex);
		close_element(x);
	}
	if (x->rtl)
		leaf(x, "w:bidi", NULL, NULL);
	if (p->before >= 0 || p->after >= 0) {
		open_element(x, "w:spacing");
		if (p->before >= 0)
			attribute_long(x, "w:before", p->before);
		if (p->after >= 0)
			attribute_long(x, "w:after", p->after);
		close_element(x);
	}
	if (p->indent > 0 || p->boxed) {
		/* a box's border sits outside the text: keep it inside the margins */
		open_element(x, "w:ind");
		attribute_long(x, "w:left", p->indent + (p->boxed ? 100 : 0));
		if (p->boxed)
			attribute_long(x, "w:right", 100);
		close_element(x);
	}
	if (p->align)
		leaf(x, "w:jc", "w:val", p->align);
	run_properties(x, r, 0); /* the paragraph mark's */
	close_element(x);
}

/* Whether the UTF-8 string s has right-to-left letters: its run is marked
 * so, and Word orders and shapes it. */
static int
has_rtl(const char *s)
{
	while (*s) {
		uint32_t cp;
		size_t k = utf8_decode(s, &cp);

		if (k && bidi_needed(&cp, 1))
			return 1;
		s += k ? k : 1;
	}
	return 0;
}

/* A run of s (untrusted): made safe, "\n" as line breaks, tabs as tabs. */
static void
run(struct xml *x, const struct run_format *r, const char *s)
{
	char *safe = clean(s);
	char *p = safe;

	open_element(x, "w:r");
	run_properties(x, r, has_rtl(safe));
	for (;;) {
		size_t n = strcspn(p, "\n\t");
		char stop = p[n];

		if (n > 0) {
			p[n] = '\0';
			open_element(x, "w:t");
			attribute(x, "xml:space", "preserve");
			text(x, p);
			close_element(x);
		}
		if (stop == '\0')
			break;
		leaf(x, stop == '\n' ? "w:br" : "w:tab", NULL, NULL);
		p += n + 1;
	}
	close_element(x);
	free(safe);
}

static void
paragraph(struct xml *x, const struct para_format *p, const struct run_format *r, const char *s)
{
	open_element(x, "w:p");
	para_properties(x, p, r);
	if (s && *s)
		run(x, r, s);
	close_element(x);
}

static const struct para_format PLAIN = {.before = -1, .after = -1};

/* Whether this paragraph starts a page, once. */
static int
take_break(struct docx *dx)
{
	int due = dx->break_due;

	dx->break_due = 0;
	return due;
}

/* A page break where the next block is not a paragraph (a table). */
static void
page_break_paragraph(struct xml *x)
{
	struct para_format p = PLAIN;
	struct run_format r = {.half_points = 2};

	p.before = 0;
	p.after = 0;
	open_element(x, "w:p");
	para_properties(x, &p, &r);
	open_element(x, "w:r");
	leaf(x, "w:br", "w:type", "page");
	close_element(x);
	close_element(x);
}

static long
size_half_points(enum doc_size size)
{
	switch (size) {
	case DOC_SIZE_SMALL:
		return SIZE_SMALL;
	case DOC_SIZE_LEAD:
		return SIZE_LEAD;
	case DOC_SIZE_BODY:
		break;
	}
	return SIZE_BODY;
}

static void
write_paragraph(struct docx *dx, struct xml *x, const struct doc_paragraph *dp)
{
	struct para_format p = PLAIN;
	struct run_format r = {0};
	int indent = dp->indent < 0 ? 0 : dp->indent > 8 ? 8 : dp->indent;

	p.keep_next = dp->keep_with_next;
	p.page_break = take_break(dx);
	p.boxed = dp->boxed;
	p.indent = (long)indent * INDENT_STEP;
	if (dp->boxed) {
		p.before = 120;
		p.after = 200;
	}
	r.bold = dp->bold;
	r.half_points = size_half_points(dp->size);
	/* the normal tone is the style's colour, left unsaid */
	r.colour = dp->tone == DOC_TONE_NORMAL ? NULL : doc_tone_colour(dp->tone);
	paragraph(x, &p, &r, dp->text);
}

static void
write_heading(struct docx *dx, struct xml *x, const struct doc_heading *h)
{
	struct para_format p = PLAIN;
	int level1 = h->level <= 1;

	p.style = level1 ? "Heading1" : "Heading2";
	p.page_break = take_break(dx) || (level1 && h->new_page && !dx->page_empty);
	paragraph(x, &p, NULL, h->text);
}

/* ---- tables ----------------------------------------------------------- */

/* The columns' widths in twips: the shares of the text width, the rounding
 * spread so that they add up to it exactly. */
static long *
column_widths(const struct docx *dx, const struct doc_column *cols, size_t n)
{
	long *w = xreallocarray(NULL, n, sizeof(*w));
	double total = 0, sum = 0;
	long edge = 0;

	for (size_t c = 0; c < n; c++)
		if (isfinite(cols[c].width) && cols[c].width > 0)
			total += cols[c].width;
	for (size_t c = 0; c < n; c++) {
		double share = 1.0 / (double)n;
		long next;

		if (total > 0)
			share = isfinite(cols[c].width) && cols[c].width > 0 ? cols[c].width / total
									     : 0;
		sum += share;
		next = lround(sum * (double)dx->text_width);
		w[c] = next - edge > 1 ? next - edge : 1;
		edge = next;
	}
	return w;
}

static void
width_element(struct xml *x, const char *name, long twips)
{
	open_element(x, name);
	attribute_long(x, "w:w", twips);
	attribute(x, "w:type", "dxa");
	close_element(x);
}

struct cell {
	const char *text;
	long width;
	const struct doc_colour *fill;
	int right;
	int bold;
	const struct doc_colour *colour;
	long half_points;
};

static void
table_cell(struct xml *x, const struct cell *c)
{
	struct para_format p = PLAIN;
	struct run_format r = {c->bold, c->half_points, c->colour};

	open_element(x, "w:tc");
	open_element(x, "w:tcPr");
	width_element(x, "w:tcW", c->width);
	if (c->fill) {
		char hex[7];

		hex_colour(c->fill, hex);
		open_element(x, "w:shd");
		attribute(x, "w:val", "clear");
		attribute(x, "w:color", "auto");
		attribute(x, "w:fill", hex);
		close_element(x);
	}
	close_element(x);
	p.before = 0;
	p.after = 0;
	p.align = c->right ? "right" : NULL;
	paragraph(x, &p, &r, c->text);
	close_element(x);
}

static void
table_begin(struct xml *x, const long *widths, size_t n, long total)
{
	open_element(x, "w:tbl");
	open_element(x, "w:tblPr");
	leaf(x, "w:tblStyle", "w:val", "CirtTable");
	if (x->rtl) /* the first column on the right */
		leaf(x, "w:bidiVisual", NULL, NULL);
	width_element(x, "w:tblW", total);
	leaf(x, "w:tblLayout", "w:type", "fixed");
	close_element(x);
	open_element(x, "w:tblGrid");
	for (size_t c = 0; c < n; c++)
		leaf_long(x, "w:gridCol", "w:w", widths[c]);
	close_element(x);
}

/* A little room after a table; it also keeps two tables apart (Word would
 * join them) and gives the body the last paragraph Word wants. */
static void
table_end(struct xml *x)
{
	struct para_format p = PLAIN;
	struct run_format r = {.half_points = 8};

	close_element(x);
	p.before = 0;
	p.after = 0;
	paragraph(x, &p, &r, NULL);
}

static void
write_table(struct docx *dx, struct xml *x, const struct doc_table *t)
{
	size_t n = t->column_count;
	int header = 0;
	long *widths;

	for (size_t c = 0; c < n; c++)
		if (t->columns[c].title && t->columns[c].title[0])
			header = 1;
	if (n == 0 || (!header && t->row_count == 0))
		return;
	if (take_break(dx))
		page_break_paragraph(x);
	widths = column_widths(dx, t->columns, n);
	table_begin(x, widths, n, dx->text_width);
	if (header) {
		open_element(x, "w:tr");
		open_element(x, "w:trPr");
		leaf(x, "w:tblHeader", NULL, NULL);
		close_element(x);
		for (size_t c = 0; c < n; c++) {
			struct cell cell = {t->columns[c].title, widths[c], &DOC_LIGHT,
					    t->columns[c].right, 1,	    NULL,
					    SIZE_SMALL};

			table_cell(x, &cell);
		}
		close_element(x);
	}
	for (size_t r = 0; r < t->row_count; r++) {
		open_element(x, "w:tr");
		for (size_t c = 0; c < n; c++) {
			size_t k = r * n + c;
			struct cell cell = {t->cells[k],
					    widths[c],
					    t->fills ? t->fills[k] : NULL,
					    t->columns[c].right,
					    t->bold_last && r + 1 == t->row_count,
					    NULL,
					    SIZE_SMALL};

			table_cell(x, &cell);
		}
		close_element(x);
	}
	table_end(x);
	free(widths);
}

/* ---- the cover -------------------------------------------------------- */

static void
write_cover(struct docx *dx, struct xml *x, const struct doc_cover *c)
{
	const char *marking = dx->d->marking;
	struct para_format p = PLAIN;
	struct run_format band = {1, 24, NULL};
	struct run_format title = {1, 44, &DOC_ACCENT};
	struct run_format subtitle = {0, 28, &DOC_GREY};
	struct run_format watermark = {1, 120, &DOC_RULE};
	struct run_format notice = {1, 28, &DOC_ALERT};

	p.page_break = take_break(dx);
	if (marking && marking[0]) {
		/* the marking in a band across the top, as on the printed cover */
		p.shade = &DOC_NOT_MET;
		p.align = "center";
		p.before = 240;
		paragraph(x, &p, &band, marking);
		p = PLAIN;
	}
	p.before = 1800;
	paragraph(x, &p, &title, c->title);
	p = PLAIN;
	p.style = "Title";
	paragraph(x, &p, NULL, c->country);
	p = PLAIN;
	p.after = 480;
	paragraph(x, &p, &subtitle, c->subtitle);
	if (c->fact_count > 0) {
		static const struct doc_column two[2] = {{"", 0.3, 0}, {"", 0.7, 0}};
		long *widths = column_widths(dx, two, 2);

		table_begin(x, widths, 2, dx->text_width);
		for (size_t i = 0; i < c->fact_count; i++) {
			struct cell label = {c->facts[2 * i], widths[0], NULL, 0, 0,
					     &DOC_GREY,	      SIZE_BODY};
			struct cell value = {
				c->facts[2 * i + 1], widths[1], NULL, 0, 0, NULL, SIZE_BODY};

			open_element(x, "w:tr");
			table_cell(x, &label);
			table_cell(x, &value);
			close_element(x);
		}
		table_end(x);
		free(widths);
	}
	if (c->watermark && c->watermark[0]) {
		p = PLAIN;
		p.before = 720;
		p.align = "center";
		paragraph(x, &p, &watermark, c->watermark);
	}
	if (c->notice && c->notice[0]) {
		p = PLAIN;
		p.before = 480;
		paragraph(x, &p, &notice, c->notice);
	}
	dx->break_due = 1;
}

/* ---- figures ---------------------------------------------------------- */

/* One FreeType library for the process: cairo keeps fonts in its caches
 * after a render returns, and their faces must outlive them. */
static FT_Library freetype;
static const cairo_user_data_key_t face_key;

static void
face_done(void *face)
{
	FT_Done_Face(face);
}

/* A face (fonts.h) from its file, loaded once. */
static cairo_font_face_t *
font(struct docx *dx, enum font_face which)
{
	const char *path = dx->font_paths ? dx->font_paths[which] : NULL;
	cairo_font_face_t *f;
	FT_Face face;

	if (dx->fonts[which])
		return dx->fonts[which];
	if (path == NULL) {
		error_set(dx->err, EXIT_IO, "no font file for the text of the figures");
		return NULL;
	}
	if (freetype == NULL && FT_Init_FreeType(&freetype) != 0) {
		freetype = NULL;
		error_set(dx->err, EXIT_IO, "cannot start FreeType for the figures");
		return NULL;
	}
	if (FT_New_Face(freetype, path, 0, &face) != 0) {
		error_set(dx->err, EXIT_IO, "cannot load the font '%s'", path);
		return NULL;
	}
	f = cairo_ft_font_face_create_for_ft_face(face, 0);
	if (cairo_font_face_status(f) != CAIRO_STATUS_SUCCESS ||
	    cairo_font_face_set_user_data(f, &face_key, face, face_done) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(f);
		FT_Done_Face(face);
		error_set(dx->err, EXIT_IO, "cannot use the font '%s'", path);
		return NULL;
	}
	dx->fonts[which] = f;
	return f;
}

struct pen {
	struct docx *dx;
	cairo_t *cr;
	const struct doc_shape *shape;
	enum doc_align align; /* the shape's, mirrored on a right-to-left page */
	double x, y;	      /* the first baseline, in cairo's coordinates */
	size_t line;	      /* lines drawn */
	char *scratch;	      /* room for the text four times over */
};

/* Measure (draw 0) or show (draw 1, from the current point) the n bytes
 * at s in runs, each in the face that has its characters; one no face has
 * is U+FFFD. Returns the width, or -1 when a face cannot be loaded. */
static double
runs(struct pen *p, const char *s, size_t n, int draw)
{
	int bold = p->shape->bold != 0;
	double total = 0;
	size_t i = 0;

	while (i < n) {
		enum font_face face = FONT_NONE;
		size_t len = 0;
		cairo_font_face_t *f;
		cairo_text_extents_t e;

		while (i < n) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, &cp);
			enum font_face here;

			if (k == 0)
				cp = 0xFFFD;
			here = fonts_face(&p->dx->faces, bold, cp);
			if (here == FONT_NONE) {
				here = bold ? FONT_SANS_BOLD : FONT_SANS;
				if (fonts_invisible(cp)) {
					i += k ? k : 1;
					continue;
				}
				cp = 0xFFFD;
			}
			if (face != FONT_NONE && here != face)
				break;
			face = here;
			if (cp == 0xFFFD) {
				memcpy(p->scratch + len, "\xEF\xBF\xBD", 3);
				len += 3;
			} else {
				memcpy(p->scratch + len, s + i, k);
				len += k;
			}
			i += k ? k : 1;
		}
		if (len == 0)
			break;
		p->scratch[len] = '\0';
		f = font(p->dx, face);
		if (f == NULL)
			return -1;
		cairo_set_font_face(p->cr, f);
		cairo_set_font_size(p->cr, p->shape->size);
		if (draw) {
			cairo_show_text(p->cr, p->scratch);
		} else {
			cairo_text_extents(p->cr, p->scratch, &e);
			total += e.x_advance;
		}
	}
	return total;
}

/* The width of the n bytes at s. */
static double
advance(struct pen *p, const char *s, size_t n)
{
	double w = runs(p, s, n, 0);

	return w > 0 ? w : 0;
}

static void
draw_line(struct pen *p, const char *s, size_t n)
{
	double w, x = p->x;
	char *v;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	v = bidi_utf8(s, n, p->dx->d->rtl);
	n = strlen(v);
	w = advance(p, v, n);
	if (p->align == DOC_ALIGN_CENTRE)
		x -= w / 2;
	else if (p->align == DOC_ALIGN_RIGHT)
		x -= w;
	cairo_move_to(p->cr, x, p->y + 1.2 * p->shape->size * (double)p->line);
	runs(p, v, n, 1);
	free(v);
	p->line++;
}

/* A word wider than the line: broken between characters, each measured
 * once. Returns where the last piece (still open) starts and its width. */
static const char *
break_word(struct pen *p, const char *s, size_t n, double wrap, double *width)
{
	const char *piece = s;
	double w = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, &cp);
		double cw;

		k = k ? k : 1;
		cw = advance(p, s + i, k);
		if (w > 0 && w + cw > wrap) {
			draw_line(p, piece, (size_t)(s + i - piece));
			piece = s + i;
			w = 0;
		}
		w += cw;
		i += k;
	}
	*width = w;
	return piece;
}

/* One line of text (no "\n"), broken at spaces to the shape's wrap width;
 * each word is measured once, so the time is linear in the length. */
static void
draw_wrapped(struct pen *p, const char *s, size_t n)
{
	double wrap = p->shape->wrap;
	double space;
	const char *line = NULL; /* the line being filled */
	const char *end = s + n;
	double width = 0;

	if (!(wrap > 0) || !isfinite(wrap)) {
		draw_line(p, s, n);
		return;
	}
	space = advance(p, " ", 1);
	while (s < end) {
		const char *word;
		size_t len;
		double w;

		while (s < end && *s == ' ')
			s++;
		if (s == end)
			break;
		word = s;
		while (s < end && *s != ' ')
			s++;
		len = (size_t)(s - word);
		w = advance(p, word, len);
		if (line && width + space + w <= wrap) {
			width += space + w;
			continue;
		}
		if (line)
			draw_line(p, line, (size_t)(word - line));
		line = word;
		width = w;
		if (w > wrap)
			line = break_word(p, word, len, wrap, &width);
	}
	if (line) {
		draw_line(p, line, (size_t)(end - line));
	} else {
		p->line++; /* an empty line still takes its place */
	}
}

static int
draw_text(struct docx *dx, cairo_t *cr, const struct doc_shape *s, double width, double height)
{
	char *safe;
	char *line;
	struct pen p;

	if (!isfinite(s->size) || s->size <= 0 || s->size > 1000 || !s->text || !s->text[0])
		return 0;
	if (font(dx, s->bold ? FONT_SANS_BOLD : FONT_SANS) == NULL)
		return -1;
	safe = clean(s->text);
	for (char *t = safe; *t; t++)
		if (*t == '\t')
			*t = ' ';
	p.dx = dx;
	p.cr = cr;
	p.shape = s;
	p.align = s->align;
	p.x = s->points[0];
	/* a right-to-left page shows the figure mirrored */
	if (dx->d->rtl) {
		p.x = width - p.x;
		if (s->align != DOC_ALIGN_CENTRE)
			p.align = s->align == DOC_ALIGN_LEFT ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
	}
	p.y = height - s->points[1];
	p.line = 0;
	p.scratch = xmalloc(4 * strlen(safe) + 4);
	cairo_set_source_rgb(cr, s->fill_colour.r, s->fill_colour.g, s->fill_colour.b);
	line = safe;
	for (;;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);

		draw_wrapped(&p, line, n);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	free(p.scratch);
	free(safe);
	return 0;
}

static int
finite_points(const struct doc_shape *s)
{
	size_t n = s->kind == DOC_TEXT ? 2 : 2 * s->point_count;

	if (s->points == NULL)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(s->points[i]))
			return 0;
	return 1;
}

static void
paint(cairo_t *cr, const struct doc_shape *s)
{
	if (s->fill) {
		cairo_set_source_rgb(cr, s->fill_colour.r, s->fill_colour.g, s->fill_colour.b);
		cairo_fill_preserve(cr);
	}
	if (s->stroke && isfinite(s->line_width) && s->line_width > 0) {
		cairo_set_source_rgb(cr, s->stroke_colour.r, s->stroke_colour.g,
				     s->stroke_colour.b);
		cairo_set_line_width(cr, s->line_width);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
}

/* x in figure f as drawn: mirrored on a right-to-left page. */
static double
mx(const struct docx *dx, const struct doc_figure *f, double x)
{
	return dx->d->rtl ? f->width - x : x;
}

/* Replay the shapes in points, y flipped: the figure's origin is its
 * bottom left, cairo's its top left. */
static int
draw_shapes(struct docx *dx, cairo_t *cr, const struct doc_figure *f)
{
	for (size_t i = 0; i < f->shape_count; i++) {
		const struct doc_shape *s = &f->shapes[i];
		const double *pt = s->points;

		if (!finite_points(s))
			continue;
		switch (s->kind) {
		case DOC_LINE:
			if (s->point_count < 2)
				break;
			cairo_move_to(cr, mx(dx, f, pt[0]), f->height - pt[1]);
			cairo_line_to(cr, mx(dx, f, pt[2]), f->height - pt[3]);
			paint(cr, s);
			break;
		case DOC_POLYGON:
			if (s->point_count < 2)
				break;
			cairo_move_to(cr, mx(dx, f, pt[0]), f->height - pt[1]);
			for (size_t k = 1; k < s->point_count; k++)
				cairo_line_to(cr, mx(dx, f, pt[2 * k]), f->height - pt[2 * k + 1]);
			cairo_close_path(cr);
			paint(cr, s);
			break;
		case DOC_RECT:
			if (s->point_count < 2)
				break;
			cairo_rectangle(cr, dx->d->rtl ? f->width - pt[0] - pt[2] : pt[0],
					f->height - pt[1] - pt[3], pt[2], pt[3]);
			paint(cr, s);
			break;
		case DOC_TEXT:
			if (draw_text(dx, cr, s, f->width, f->height) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

struct bytes {
	unsigned char *data;
	size_t size;
	size_t alloc;
};

static cairo_status_t
png_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct bytes *b = closure;

	xgrow((void **)&b->data, &b->alloc, b->size + length, 1);
	memcpy(b->data + b->size, data, length);
	b->size += length;
	return CAIRO_STATUS_SUCCESS;
}

/* The figure as PNG bytes (owned by the caller), or -1. */
static int
figure_png(struct docx *dx, const struct doc_figure *f, struct bytes *png)
{
	double scale = FIGURE_SCALE;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	cairo_font_options_t *options = NULL;
	cairo_status_t status;
	int w, h, rc = -1;

	if (f->width * scale > FIGURE_MAX_PIXELS)
		scale = FIGURE_MAX_PIXELS / f->width;
	if (f->height * scale > FIGURE_MAX_PIXELS)
		scale = FIGURE_MAX_PIXELS / f->height;
	w = (int)ceil(f->width * scale);
	h = (int)ceil(f->height * scale);
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w > 0 ? w : 1, h > 0 ? h : 1);
	cr = cairo_create(surface);
	options = cairo_font_options_create();
	/* widths that do not depend on the resolution, as in the PDF */
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, options);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	if (draw_shapes(dx, cr, f) < 0)
		goto out;
	status = cairo_status(cr);
	if (status == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(surface);
		status = cairo_surface_write_to_png_stream(surface, png_write, png);
	}
	if (status != CAIRO_STATUS_SUCCESS) {
		error_set(dx->err, EXIT_IO, "cannot draw a figure of the Word document: %s",
			  cairo_status_to_string(status));
		goto out;
	}
	rc = 0;
out:
	cairo_font_options_destroy(options);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	if (rc < 0) {
		free(png->data);
		memset(png, 0, sizeof(*png));
	}
	return rc;
}

static void
drawing_properties(struct xml *x, const char *element, size_t id, const char *name,
		   const char *caption)
{
	open_element(x, element);
	attribute_long(x, "id", (long)id);
	attribute(x, "name", name);
	attribute(x, "descr", caption);
	close_element(x);
}

static void
extent(struct xml *x, const char *element, long cx, long cy)
{
	open_element(x, element);
	attribute_long(x, "cx", cx);
	attribute_long(x, "cy", cy);
	close_element(x);
}

/* The picture inline in a centred paragraph, the caption as its
 * description (alternative text). */
static void
picture(struct docx *dx, struct xml *x, const struct doc_figure *f, size_t number)
{
	double points = f->width;
	double scale = 1;
	long cx, cy;
	char name[48], rel[40];
	struct para_format p = PLAIN;

	/* never wider than the text */
	if (points * 20 > (double)dx->text_width)
		scale = (double)dx->text_width / (points * 20);
	cx = lround(f->width * scale * EMU_PER_POINT);
	cy = lround(f->height * scale * EMU_PER_POINT);
	snprintf(name, sizeof(name), "Figure %zu", number);
	snprintf(rel, sizeof(rel), "rIdFigure%zu", number);

	p.page_break = take_break(dx);
	p.before = 120;
	p.after = 120;
	p.align = "center";
	open_element(x, "w:p");
	para_properties(x, &p, NULL);
	open_element(x, "w:r");
	open_element(x, "w:drawing");
	open_element(x, "wp:inline");
	attribute(x, "distT", "0");
	attribute(x, "distB", "0");
	attribute(x, "distL", "0");
	attribute(x, "distR", "0");
	extent(x, "wp:extent", cx, cy);
	open_element(x, "wp:effectExtent");
	attribute(x, "l", "0");
	attribute(x, "t", "0");
	attribute(x, "r", "0");
	attribute(x, "b", "0");
	close_element(x);
	drawing_properties(x, "wp:docPr", number, name, f->caption);
	open_element(x, "wp:cNvGraphicFramePr");
	leaf(x, "a:graphicFrameLocks", "noChangeAspect", "1");
	close_element(x);
	open_element(x, "a:graphic");
	open_element(x, "a:graphicData");
	attribute(x, "uri", NS_PIC);
	open_element(x, "pic:pic");
	open_element(x, "pic:nvPicPr");
	drawing_properties(x, "pic:cNvPr", number, name, f->caption);
	leaf(x, "pic:cNvPicPr", NULL, NULL);
	close_element(x);
	open_element(x, "pic:blipFill");
	leaf(x, "a:blip", "r:embed", rel);
	open_element(x, "a:stretch");
	leaf(x, "a:fillRect", NULL, NULL);
	close_element(x);
	close_element(x);
	open_element(x, "pic:spPr");
	open_element(x, "a:xfrm");
	open_element(x, "a:off");
	attribute(x, "x", "0");
	attribute(x, "y", "0");
	close_element(x);
	extent(x, "a:ext", cx, cy);
	close_element(x);
	open_element(x, "a:prstGeom");
	attribute(x, "prst", "rect");
	leaf(x, "a:avLst", NULL, NULL);
	close_element(x);
	close_element(x); /* spPr */
	close_element(x); /* pic */
	close_element(x); /* graphicData */
	close_element(x); /* graphic */
	close_element(x); /* inline */
	close_element(x); /* drawing */
	close_element(x); /* r */
	close_element(x); /* p */
}

static int
write_figure(struct docx *dx, struct xml *x, const struct doc_figure *f)
{
	struct bytes png = {0};
	char part[48];

	if (!isfinite(f->width) || !isfinite(f->height) || f->width <= 0 || f->height <= 0)
		return error_set(dx->err, EXIT_DATA, "a figure of %g x %g points cannot be drawn",
				 f->width, f->height);
	if (figure_png(dx, f, &png) < 0)
		return -1;
	dx->figures++;
	snprintf(part, sizeof(part), "word/media/figure%zu.png", dx->figures);
	if (put(dx, part, png.data, png.size, 0) < 0)
		return -1;
	picture(dx, x, f, dx->figures);
	return 0;
}

/* ---- the body, header and footer -------------------------------------- */

static void
section_properties(struct docx *dx, struct xml *x)
{
	open_element(x, "w:sectPr");
	open_element(x, "w:headerReference");
	attribute(x, "w:type", "default");
	attribute(x, "r:id", "rIdHeader");
	close_element(x);
	open_element(x, "w:footerReference");
	attribute(x, "w:type", "default");
	attribute(x, "r:id", "rIdFooter");
	close_element(x);
	open_element(x, "w:pgSz");
	attribute_long(x, "w:w", dx->page_width);
	attribute_long(x, "w:h", dx->page_height);
	if (dx->page_width > dx->page_height)
		attribute(x, "w:orient", "landscape");
	close_element(x);
	open_element(x, "w:pgMar");
	attribute_long(x, "w:top", MARGIN_TOP);
	attribute_long(x, "w:right", MARGIN_SIDE);
	attribute_long(x, "w:bottom", MARGIN_BOTTOM);
	attribute_long(x, "w:left", MARGIN_SIDE);
	attribute_long(x, "w:header", MARGIN_EDGE);
	attribute_long(x, "w:footer", MARGIN_EDGE);
	attribute_long(x, "w:gutter", 0);
	close_element(x);
	if (dx->d->rtl)
		leaf(x, "w:bidi", NULL, NULL);
	close_element(x);
}

static int
write_document(struct docx *dx)
{
	const struct doc *d = dx->d;
	struct xml x;
	int rc = 0;

	xml_begin(&x);
	x.rtl = dx->d->rtl;
	open_element(&x, "w:document");
	attribute(&x, "xmlns:w", NS_W);
	attribute(&x, "xmlns:r", NS_R);
	attribute(&x, "xmlns:wp", NS_WP);
	attribute(&x, "xmlns:a", NS_A);
	attribute(&x, "xmlns:pic", NS_PIC);
	open_element(&x, "w:body");
	dx->page_empty = 1;
	for (size_t i = 0; i < d->count && rc == 0; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_COVER:
			write_cover(dx, &x, &b->u.cover);
			dx->page_empty = 1; /* the cover asks for a page of its own */
			continue;
		case DOC_HEADING:
			write_heading(dx, &x, &b->u.heading);
			break;
		case DOC_PARAGRAPH:
			write_paragraph(dx, &x, &b->u.paragraph);
			break;
		case DOC_TABLE:
			write_table(dx, &x, &b->u.table);
			break;
		case DOC_FIGURE:
			rc = write_figure(dx, &x, &b->u.figure);
			break;
		case DOC_PAGE_BREAK:
			/* on the next paragraph (no empty line atop the page);
			 * never a blank page */
			if (!dx->page_empty)
				dx->break_due = 1;
			dx->page_empty = 1;
			continue;
		}
		dx->page_empty = 0;
	}
	section_properties(dx, &x);
	close_element(&x);
	close_element(&x);
	if (rc < 0) {
		unsigned char *data = NULL;
		size_t size = 0;

		if (xml_end(&x, &data, &size) == 0)
			free(data);
		return -1;
	}
	return put_xml(dx, &x, "word/document.xml");
}

/* The length of s in characters, for sharing the header's width. */
static size_t
characters(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The header: the report's title left, the note centred, the marking (or
 * else the status) right in bold, as a table whose columns wrap rather
 * than overlap, above a rule. */
static int
write_header(struct docx *dx)
{
	const struct doc *d = dx->d;
	const char *right = d->marking && d->marking[0] ? d->marking : d->status;
	const char *texts[3] = {d->header ? d->header : "", d->header_note, right};
	static const char *const align[3] = {"left", "center", "right"};
	struct doc_column cols[3];
	size_t which[3];
	size_t n = 0;
	long *widths;
	struct xml x;
	struct run_format r = {0, 2, NULL};

	for (size_t i = 0; i < 3; i++) {
		size_t len;

		if (i > 0 && (texts[i] == NULL || texts[i][0] == '\0'))
			continue;
		len = characters(texts[i]);
		memset(&cols[n], 0, sizeof(cols[n]));
		cols[n].width = (double)(len < 12 ? 12 : len);
		which[n++] = i;
	}
	widths = column_widths(dx, cols, n);
	xml_begin(&x);
	x.rtl = dx->d->rtl;
	open_element(&x, "w:hdr");
	attribute(&x, "xmlns:w", NS_W);
	attribute(&x, "xmlns:r", NS_R);
	open_element(&x, "w:tbl");
	open_element(&x, "w:tblPr");
	width_element(&x, "w:tblW", dx->text_width);
	leaf(&x, "w:tblLayout", "w:type", "fixed");
	open_element(&x, "w:tblCellMar");
	cell_margin(&x, "w:left", 0);
	cell_margin(&x, "w:right", 0);
	close_element(&x);
	close_element(&x);
	open_element(&x, "w:tblGrid");
	for (size_t c = 0; c < n; c++)
		leaf_long(&x, "w:gridCol", "w:w", widths[c]);
	close_element(&x);
	open_element(&x, "w:tr");
	for (size_t c = 0; c < n; c++) {
		struct para_format cp = PLAIN;
		struct run_format cr = {which[c] == 2, SIZE_SMALL,
					which[c] == 2 ? NULL : &DOC_GREY};

		cp.before = 0;
		cp.after = 0;
		cp.align = align[which[c]];
		open_element(&x, "w:tc");
		open_element(&x, "w:tcPr");
		width_element(&x, "w:tcW", widths[c]);
		close_element(&x);
		paragraph(&x, &cp, &cr, texts[which[c]]);
		close_element(&x);
	}
	close_element(&x);
	close_element(&x);
	/* the rule beneath, and the paragraph a header must end with */
	open_element(&x, "w:p");
	open_element(&x, "w:pPr");
	open_element(&x, "w:pBdr");
	border_element(&x, "w:bottom", 4, 1, &DOC_RULE);
	close_element(&x);
	spacing_element(&x, 0, 0);
	run_properties(&x, &r, 0);
	close_element(&x);
	close_element(&x);
	close_element(&x);
	free(widths);
	return put_xml(dx, &x, "word/header1.xml");
}

/* A PAGE or NUMPAGES field, showing 1 until the word processor counts. */
static void
field(struct xml *x, const struct run_format *r, const char *instruction)
{
	open_element(x, "w:r");
	run_properties(x, r, 0);
	leaf(x, "w:fldChar", "w:fldCharType", "begin");
	close_element(x);
	open_element(x, "w:r");
	run_properties(x, r, 0);
	open_element(x, "w:instrText");
	attribute(x, "xml:space", "preserve");
	text(x, instruction);
	close_element(x);
	close_element(x);
	open_element(x, "w:r");
	run_properties(x, r, 0);
	leaf(x, "w:fldChar", "w:fldCharType", "separate");
	close_element(x);
	run(x, r, "1");
	open_element(x, "w:r");
	run_properties(x, r, 0);
	leaf(x, "w:fldChar", "w:fldCharType", "end");
	close_element(x);
}

/* The footer, "{page}" and "{pages}" as fields. */
static int
write_footer(struct docx *dx)
{
	const char *f = dx->d->footer ? dx->d->footer : "";
	struct para_format p = PLAIN;
	struct run_format r = {0, SIZE_SMALL, &DOC_GREY};
	struct xml x;
	char *piece = xmalloc(strlen(f) + 1);
	size_t n = 0;

	xml_begin(&x);
	x.rtl = dx->d->rtl;
	open_element(&x, "w:ftr");
	attribute(&x, "xmlns:w", NS_W);
	attribute(&x, "xmlns:r", NS_R);
	p.before = 0;
	p.after = 0;
	p.align = "right";
	open_element(&x, "w:p");
	para_properties(&x, &p, &r);
	for (;;) {
		const char *instruction = NULL;
		size_t skip = 0;

		if (strncmp(f, "{page}", 6) == 0) {
			instruction = " PAGE ";
			skip = 6;
		} else if (strncmp(f, "{pages}", 7) == 0) {
			instruction = " NUMPAGES ";
			skip = 7;
		}
		if (instruction || *f == '\0') {
			if (n > 0) {
				piece[n] = '\0';
				run(&x, &r, piece);
				n = 0;
			}
			if (*f == '\0')
				break;
			field(&x, &r, instruction);
			f += skip;
			continue;
		}
		piece[n++] = *f++;
	}
	close_element(&x);
	close_element(&x);
	free(piece);
	return put_xml(dx, &x, "word/footer1.xml");
}

/* ---- the whole ---------------------------------------------------------- */

static long
page_twips(double points, double fallback)
{
	long t;

	if (!isfinite(points) || points <= 0)
		points = fallback;
	t = TWIPS(points);
	return t < MIN_PAGE ? MIN_PAGE : t > MAX_PAGE ? MAX_PAGE : t;
}

/* The archive's bytes, after zip_close wrote them into src. */
static int
archive_bytes(zip_source_t *src, unsigned char **out, size_t *size, struct error *err)
{
	zip_stat_t st;
	unsigned char *data;
	zip_int64_t n;

	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) < 0)
		return error_set(err, EXIT_IO, "cannot read the Word document back: %s",
				 zip_error_strerror(zip_source_error(src)));
	data = xmalloc(st.size ? st.size : 1);
	n = zip_source_read(src, data, st.size);
	zip_source_close(src);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		free(data);
		return error_set(err, EXIT_IO, "cannot read the Word document back");
	}
	*out = data;
	*size = (size_t)n;
	return 0;
}

int
render_docx(const struct doc *d, const char *const font_paths[FONT_FACES], unsigned char **out,
	    size_t *size, struct error *err)
{
	struct docx dx;
	zip_source_t *src = NULL;
	zip_error_t ze;
	int rc = -1;

	*out = NULL;
	*size = 0;
	if (docx_libs_open(err) < 0)
		return -1;
	memset(&dx, 0, sizeof(dx));
	dx.d = d;
	dx.font_paths = font_paths;
	fonts_init(&dx.faces, font_paths);
	dx.faces.cjk_first = fonts_cjk_language(d->lang);
	dx.err = err;
	dx.page_width = page_twips(d->page_width, 595.28);
	dx.page_height = page_twips(d->page_height, 841.89);
	dx.text_width = dx.page_width - 2L * MARGIN_SIDE;
	dos_date_time(d->date, &dx.dos_time, &dx.dos_date);

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL) {
		error_set(err, EXIT_IO, "cannot start the Word document: %s",
			  zip_error_strerror(&ze));
		goto out;
	}
	dx.zip = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (dx.zip == NULL) {
		error_set(err, EXIT_IO, "cannot start the Word document: %s",
			  zip_error_strerror(&ze));
		goto out;
	}
	zip_source_keep(src); /* the archive lands in it on zip_close */
	if (write_content_types(&dx) < 0 || write_package_rels(&dx) < 0 || write_core(&dx) < 0 ||
	    write_app(&dx) < 0 || write_document(&dx) < 0 || write_document_rels(&dx) < 0 ||
	    write_styles(&dx) < 0 || write_settings(&dx) < 0 || write_header(&dx) < 0 ||
	    write_footer(&dx) < 0)
		goto out;
	if (zip_close(dx.zip) < 0) {
		error_set(err, EXIT_IO, "cannot write the Word document: %s", zip_strerror(dx.zip));
		goto out;
	}
	dx.zip = NULL;
	rc = archive_bytes(src, out, size, err);
out:
	if (dx.zip)
		zip_discard(dx.zip);
	for (size_t i = 0; i < FONT_FACES; i++)
		if (dx.fonts[i])
			cairo_font_face_destroy(dx.fonts[i]);
	fonts_release(&dx.faces);
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}
