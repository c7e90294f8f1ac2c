/* Unit tests of the Word renderer: a document with every kind of block is
 * rendered, opened again with libzip, and its parts read with libxml2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "doc.h"
#include "render.h"

#define XS(s) ((const xmlChar *)(s))
#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

static const char *const fonts[FONT_FACES] = {FONT_DIR "/DejaVuSans.ttf",
					      FONT_DIR "/DejaVuSans-Bold.ttf"};

/* ---- a document with every kind of block ------------------------------ */

static struct doc *
sample(void)
{
	struct doc *d = doc_new();
	struct doc_block *b;
	struct doc_paragraph *p;
	struct doc_figure_builder fb;
	const char **facts;
	const char **cells;
	struct doc_column *cols;
	const struct doc_colour **fills;
	const double triangle[6] = {20, 10, 180, 10, 100, 90};

	d->lang = doc_str(d, "fr");
	d->header = doc_str(d, "Rapport CIRT — Kenya 2026");
	d->header_note = doc_str(d, "Données d'exemple");
	d->marking = doc_str(d, "DIFFUSION RESTREINTE");
	d->footer = doc_str(d, "Page {page} sur {pages}");
	d->title = doc_str(d, "Évaluation CIRT : Kenya");
	d->author = doc_str(d, "Ana Díaz");
	d->subject = doc_str(d, "Préparation nationale");
	d->keywords = doc_str(d, "CIRT, Kenya");
	d->date = 1767225600; /* 2026-01-01 */

	b = doc_add(d, DOC_COVER);
	facts = doc_alloc(d, 4 * sizeof(*facts));
	facts[0] = doc_str(d, "Cycle");
	facts[1] = doc_str(d, "2026");
	facts[2] = doc_str(d, "Évaluateurs");
	facts[3] = doc_str(d, "Ana Díaz, Jean Dupont");
	b->u.cover.title = doc_str(d, "Questionnaire de préparation");
	b->u.cover.country = doc_str(d, "Kenya");
	b->u.cover.subtitle = doc_str(d, "KE · Cycle 2026");
	b->u.cover.facts = facts;
	b->u.cover.fact_count = 2;
	b->u.cover.watermark = doc_str(d, "PROJET");
	b->u.cover.notice = doc_str(d, "Données fictives");

	doc_heading(d, 1, 1, doc_str(d, "Synthèse"));
	p = doc_para(d, doc_str(d, "First line\nsecond line\tafter a tab"));
	p->size = DOC_SIZE_LEAD;
	p->keep_with_next = 1;
	p = doc_para(d, doc_str(d, "ctrl\x01here <&> \"q\" bad\xff\xc3 end\x7f!"));
	p->tone = DOC_TONE_ALERT;
	p->bold = 1;
	p = doc_para(d, doc_str(d, "The path to the next tier"));
	p->boxed = 1;
	p->indent = 1;
	p->tone = DOC_TONE_ACCENT;
	p->size = DOC_SIZE_SMALL;
	doc_heading(d, 2, 0, doc_str(d, "Pillars"));

	b = doc_add(d, DOC_TABLE);
	cols = doc_alloc(d, 2 * sizeof(*cols));
	cols[0].title = doc_str(d, "Pillar");
	cols[0].width = 0.7;
	cols[1].title = doc_str(d, "Score");
	cols[1].width = 0.3;
	cols[1].right = 1;
	cells = doc_alloc(d, 6 * sizeof(*cells));
	cells[0] = doc_str(d, "Legal");
	cells[1] = doc_str(d, "41.5");
	cells[2] = doc_str(d, "Technical");
	cells[3] = doc_str(d, "62.0");
	cells[4] = doc_str(d, "Total");
	cells[5] = doc_str(d, "51.8");
	fills = doc_alloc(d, 6 * sizeof(*fills));
	fills[1] = &DOC_NOT_MET;
	b->u.table.columns = cols;
	b->u.table.column_count = 2;
	b->u.table.cells = cells;
	b->u.table.fills = fills;
	b->u.table.row_count = 3;
	b->u.table.bold_last = 1;

	doc_figure_begin(&fb, d);
	doc_figure_rect(&fb, 0, 0, 200, 100, &DOC_LIGHT, &DOC_RULE, 1);
	doc_figure_polygon(&fb, triangle, 3, &DOC_ACCENT_FILL, &DOC_ACCENT, 1.5);
	doc_figure_line(&fb, 0, 50, 200, 50, DOC_BLACK, 2);
	doc_figure_text(&fb, 100, 60, "Légal 41 %", 8, 1, DOC_ALIGN_CENTRE, 0, DOC_BLACK);
	doc_figure_text(&fb, 195, 20, "a label wrapped at forty points", 7, 0, DOC_ALIGN_RIGHT, 40,
			DOC_GREY);
	doc_figure_end(&fb, 200, 100, doc_str(d, "Radar of the pillars: Legal 41 %"));

	doc_page_break(d);
	doc_heading(d, 1, 1, doc_str(d, "Recommandations"));
	doc_para(d, doc_str(d, "Adopt a law."));
	return d;
}

/* ---- reading the package back ----------------------------------------- */

struct package {
	unsigned char *bytes;
	size_t size;
	zip_t *zip;
};

static void
package_open(struct package *pk, struct doc *d)
{
	struct error err = {0};
	zip_source_t *src;
	zip_error_t ze;

	assert_int_equal(render_docx(d, fonts, &pk->bytes, &pk->size, &err), 0);
	assert_non_null(pk->bytes);
	zip_error_init(&ze);
	src = zip_source_buffer_create(pk->bytes, pk->size, 0, &ze);
	assert_non_null(src);
	pk->zip = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &ze);
	assert_non_null(pk->zip);
	zip_error_fini(&ze);
}

static void
package_close(struct package *pk)
{
	zip_discard(pk->zip);
	free(pk->bytes);
}

/* A part's bytes (NUL-terminated, owned by the caller), or NULL. */
static char *
part(struct package *pk, const char *name, size_t *size)
{
	zip_stat_t st;
	zip_file_t *f;
	char *data;

	if (zip_stat(pk->zip, name, 0, &st) < 0)
		return NULL;
	data = malloc(st.size + 1);
	assert_non_null(data);
	f = zip_fopen(pk->zip, name, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	data[st.size] = '\0';
	if (size)
		*size = st.size;
	return data;
}

static xmlDocPtr
parse_part(struct package *pk, const char *name)
{
	size_t size;
	char *data = part(pk, name, &size);
	xmlDocPtr x;

	if (data == NULL)
		fail_msg("no part '%s'", name);
	x = xmlReadMemory(data, (int)size, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	if (x == NULL)
		fail_msg("'%s' is not well-formed XML", name);
	free(data);
	return x;
}

/* The string value of an XPath expression on x (w:, r:, wp:, a:, pic:,
 * rel:, cp:, dc:, dcterms: bound); owned by the caller. */
static char *
xpath(xmlDocPtr x, const char *expr)
{
	static const char *const ns[][2] = {
		{"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
		{"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
		{"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
		{"a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
		{"pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"},
		{"rel", "http://schemas.openxmlformats.org/package/2006/relationships"},
		{"ct", "http://schemas.openxmlformats.org/package/2006/content-types"},
		{"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
		{"dc", "http://purl.org/dc/elements/1.1/"},
		{"dcterms", "http://purl.org/dc/terms/"},
	};
	xmlXPathContextPtr ctx = xmlXPathNewContext(x);
	xmlXPathObjectPtr obj;
	xmlChar *s;
	char *copy;

	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		xmlXPathRegisterNs(ctx, XS(ns[i][0]), XS(ns[i][1]));
	obj = xmlXPathEvalExpression(XS(expr), ctx);
	if (obj == NULL)
		fail_msg("bad XPath %s", expr);
	s = xmlXPathCastToString(obj);
	copy = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return copy;
}

static void
expect_xpath(xmlDocPtr x, const char *expr, const char *want)
{
	char *got = xpath(x, expr);
	int same = strcmp(got, want) == 0;

	if (!same)
		print_error("%s\n  got:  '%s'\n  want: '%s'\n", expr, got, want);
	free(got);
	assert_true(same);
}

/* ---- tests ------------------------------------------------------------ */

static void
test_every_part_is_there_and_well_formed(void **state)
{
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels",
		"word/document.xml",   "word/_rels/document.xml.rels",
		"word/styles.xml",     "word/settings.xml",
		"word/header1.xml",    "word/footer1.xml",
		"docProps/core.xml",   "docProps/app.xml",
	};
	struct doc *d = sample();
	struct package pk;
	const char *first;

	(void)state;
	package_open(&pk, d);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		xmlFreeDoc(parse_part(&pk, parts[i]));
	/* the content types first, as office suites expect */
	first = zip_get_name(pk.zip, 0, 0);
	assert_string_equal(first, "[Content_Types].xml");
	package_close(&pk);
	doc_free(d);
}

static void
test_package_relations_and_types(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "_rels/.rels");
	expect_xpath(x, "string(//rel:Relationship[contains(@Type, '/officeDocument')]/@Target)",
		     "word/document.xml");
	expect_xpath(x, "string(//rel:Relationship[contains(@Type, 'core-properties')]/@Target)",
		     "docProps/core.xml");
	xmlFreeDoc(x);
	x = parse_part(&pk, "[Content_Types].xml");
	expect_xpath(x, "string(//ct:Override[@PartName='/word/document.xml']/@ContentType)",
		     "application/vnd.openxmlformats-officedocument.wordprocessingml."
		     "document.main+xml");
	expect_xpath(x, "string(//ct:Default[@Extension='png']/@ContentType)", "image/png");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

static void
test_headings_are_real_headings(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	expect_xpath(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Heading1'][1])", "Synthèse");
	expect_xpath(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Heading1'][2])", "Recommandations");
	expect_xpath(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Heading2'])", "Pillars");
	expect_xpath(x, "string(count(//w:p[w:pPr/w:pStyle/@w:val='Heading1']))", "2");
	/* the country in the Title style, on the cover */
	expect_xpath(x, "string(//w:p[w:pPr/w:pStyle/@w:val='Title'])", "Kenya");
	xmlFreeDoc(x);
	/* the styles exist, with outline levels for the navigation pane */
	x = parse_part(&pk, "word/styles.xml");
	expect_xpath(x, "string(//w:style[@w:styleId='Heading1']/w:name/@w:val)", "heading 1");
	expect_xpath(x, "string(//w:style[@w:styleId='Heading1']/w:pPr/w:outlineLvl/@w:val)", "0");
	expect_xpath(x, "string(//w:style[@w:styleId='Heading2']/w:pPr/w:outlineLvl/@w:val)", "1");
	expect_xpath(x, "string(count(//w:style[@w:styleId='Title']))", "1");
	expect_xpath(x, "string(//w:style[@w:styleId='Normal']/w:rPr/w:rFonts/@w:ascii)",
		     "DejaVu Sans");
	expect_xpath(x, "string(//w:style[@w:styleId='CirtTable']/@w:type)", "table");
	expect_xpath(x, "string(//w:docDefaults//w:lang/@w:val)", "fr");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

static void
test_page_breaks_never_make_a_blank_page(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	/* after the cover, a page break and a heading on a new page: one break */
	expect_xpath(x, "string(count(//w:pageBreakBefore))", "2");
	expect_xpath(x, "string(//w:p[w:pPr/w:pageBreakBefore][1])", "Synthèse");
	expect_xpath(x, "string(//w:p[w:pPr/w:pageBreakBefore][2])", "Recommandations");
	expect_xpath(x, "string(count(//w:br[@w:type='page']))", "0");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);

	/* a page break before a table is a w:br of type page */
	d = doc_new();
	{
		struct doc_block *b;
		struct doc_column *cols = doc_alloc(d, sizeof(*cols));
		const char **cells = doc_alloc(d, sizeof(*cells));

		doc_para(d, doc_str(d, "before"));
		doc_page_break(d);
		doc_page_break(d); /* twice: still one page */
		cols[0].title = doc_str(d, "");
		cols[0].width = 1;
		cells[0] = doc_str(d, "cell");
		b = doc_add(d, DOC_TABLE);
		b->u.table.columns = cols;
		b->u.table.column_count = 1;
		b->u.table.cells = cells;
		b->u.table.row_count = 1;
	}
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	expect_xpath(x, "string(count(//w:br[@w:type='page']))", "1");
	expect_xpath(x, "string(count(//w:pageBreakBefore))", "0");
	/* no header row when every title is empty */
	expect_xpath(x, "string(count(//w:tblHeader))", "0");
	expect_xpath(x, "string(//w:tbl//w:t)", "cell");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

static void
test_paragraph_formats(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	/* "\n" as a line break, a tab as a tab, lead size 11 pt, keep with next */
	expect_xpath(x, "string(count(//w:p[starts-with(., 'First line')]//w:br))", "1");
	expect_xpath(x, "string(count(//w:p[starts-with(., 'First line')]//w:tab))", "1");
	expect_xpath(x, "string(//w:p[starts-with(., 'First line')]/w:r/w:rPr/w:sz/@w:val)", "22");
	expect_xpath(x, "string(count(//w:p[starts-with(., 'First line')]/w:pPr/w:keepNext))", "1");
	/* bold, the alert colour */
	expect_xpath(x, "string(count(//w:p[starts-with(., 'ctrl')]/w:r/w:rPr/w:b))", "1");
	expect_xpath(x, "string(//w:p[starts-with(., 'ctrl')]/w:r/w:rPr/w:color/@w:val)", "A61A0D");
	/* boxed, indented, small, accent */
	expect_xpath(x, "string(count(//w:p[. = 'The path to the next tier']/w:pPr/w:pBdr/*))",
		     "4");
	expect_xpath(x, "string(//w:p[. = 'The path to the next tier']/w:pPr/w:ind/@w:left)",
		     "340");
	expect_xpath(x, "string(//w:p[. = 'The path to the next tier']/w:r/w:rPr/w:sz/@w:val)",
		     "16");
	expect_xpath(x, "string(//w:p[. = 'The path to the next tier']/w:r/w:rPr/w:color/@w:val)",
		     "1A4D8C");
	/* the cover: facts as a two-column table, the watermark word */
	expect_xpath(x, "string(//w:tbl[1]/w:tr[2]/w:tc[1])", "Évaluateurs");
	expect_xpath(x, "string(//w:tbl[1]/w:tr[2]/w:tc[2])", "Ana Díaz, Jean Dupont");
	expect_xpath(x, "string(//w:p[. = 'PROJET']/w:pPr/w:jc/@w:val)", "center");
	/* the page: A4 in twips, with its header and footer */
	expect_xpath(x, "string(//w:body/w:sectPr/w:pgSz/@w:w)", "11906");
	expect_xpath(x, "string(//w:body/w:sectPr/w:pgSz/@w:h)", "16838");
	expect_xpath(x, "string(//w:body/w:sectPr/w:headerReference/@r:id)", "rIdHeader");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

static void
test_tables(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;
	const char *t = "//w:tbl[.//w:t = 'Pillar']";
	char expr[256];

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
#define AT(suffix) (snprintf(expr, sizeof(expr), "string(%s%s)", t, suffix), expr)
	/* a header row, repeated on each page */
	expect_xpath(x, AT("/w:tr[1]/w:trPr/w:tblHeader/../../w:tc[2]"), "Score");
	expect_xpath(x, AT("/w:tr[1]//w:b/../../w:t"), "Pillar");
	expect_xpath(x, AT("/w:tr[2]/w:tc[1]"), "Legal");
	expect_xpath(x, AT("/w:tr[3]/w:tc[2]"), "62.0");
	expect_xpath(x, "string(count(//w:tbl[.//w:t = 'Pillar']/w:tr))", "4");
	/* widths from the shares: 70 % and 30 % of 11906 - 2 x 1120 twips */
	expect_xpath(x, AT("/w:tblGrid/w:gridCol[1]/@w:w"), "6766");
	expect_xpath(x, AT("/w:tblGrid/w:gridCol[2]/@w:w"), "2900");
	/* numbers on the right, the fill, the total in bold */
	expect_xpath(x, AT("/w:tr[2]/w:tc[2]/w:p/w:pPr/w:jc/@w:val"), "right");
	expect_xpath(x, AT("/w:tr[2]/w:tc[2]/w:tcPr/w:shd/@w:fill"), "F7CCC7");
	expect_xpath(x, "string(count(//w:tbl[.//w:t = 'Pillar']/w:tr[3]/w:tc[2]/w:tcPr/w:shd))",
		     "0");
	expect_xpath(x, "string(count(//w:tbl[.//w:t = 'Pillar']/w:tr[4]/w:tc/w:p/w:r/w:rPr/w:b))",
		     "2");
	expect_xpath(x, "string(count(//w:tbl[.//w:t = 'Pillar']/w:tr[3]//w:b))", "0");
#undef AT
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

struct reader {
	const unsigned char *data;
	size_t size;
	size_t at;
};

static cairo_status_t
read_png(void *closure, unsigned char *data, unsigned int length)
{
	struct reader *r = closure;

	if (r->size - r->at < length)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->data + r->at, length);
	r->at += length;
	return CAIRO_STATUS_SUCCESS;
}

static void
test_figure_is_a_png_picture(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;
	char *embed, *target, *png, *path;
	char expr[256];
	size_t size;
	struct reader r;
	cairo_surface_t *s;
	unsigned char *pixels;
	int stride, dark = 0;

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	embed = xpath(x, "string(//w:drawing/wp:inline//pic:pic/pic:blipFill/a:blip/@r:embed)");
	assert_true(embed[0] != '\0');
	expect_xpath(x, "string(//w:drawing/wp:inline/wp:docPr/@descr)",
		     "Radar of the pillars: Legal 41 %");
	expect_xpath(x, "string(//w:drawing//pic:cNvPr/@descr)",
		     "Radar of the pillars: Legal 41 %");
	/* 200 x 100 points in EMU */
	expect_xpath(x, "string(//w:drawing/wp:inline/wp:extent/@cx)", "2540000");
	expect_xpath(x, "string(//w:drawing/wp:inline/wp:extent/@cy)", "1270000");
	xmlFreeDoc(x);

	x = parse_part(&pk, "word/_rels/document.xml.rels");
	snprintf(expr, sizeof(expr), "string(//rel:Relationship[@Id='%s']/@Target)", embed);
	target = xpath(x, expr);
	snprintf(expr, sizeof(expr), "string(//rel:Relationship[@Id='%s']/@Type)", embed);
	expect_xpath(x, expr,
		     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image");
	xmlFreeDoc(x);
	assert_string_equal(target, "media/figure1.png");
	path = malloc(strlen(target) + 6);
	assert_non_null(path);
	strcpy(path, "word/");
	strcat(path, target);
	png = part(&pk, path, &size);
	assert_non_null(png);
	assert_true(size > 8);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);

	/* 2.5 pixels a point, and something drawn on the white */
	r.data = (const unsigned char *)png;
	r.size = size;
	r.at = 0;
	s = cairo_image_surface_create_from_png_stream(read_png, &r);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(s), 500);
	assert_int_equal(cairo_image_surface_get_height(s), 250);
	pixels = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	/* the black line across the middle, at y = 50 points */
	for (int px = 0; px < 500; px++) {
		uint32_t v;

		memcpy(&v, pixels + 125 * stride + 4 * px, 4);
		dark += (v & 0xFF) < 0x40;
	}
	assert_true(dark > 400);
	cairo_surface_destroy(s);
	free(png);
	free(path);
	free(target);
	free(embed);
	package_close(&pk);
	doc_free(d);
}

static void
test_text_is_made_safe(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;
	char *raw;

	(void)state;
	package_open(&pk, d);
	raw = part(&pk, "word/document.xml", NULL);
	assert_non_null(strstr(raw, "&lt;&amp;&gt;"));
	assert_null(strchr(raw, '\x01'));
	assert_null(strchr(raw, '\x7f'));
	free(raw);
	x = parse_part(&pk, "word/document.xml");
	/* controls and bytes that are not UTF-8 become U+FFFD, one each */
	expect_xpath(x, "string(//w:p[starts-with(., 'ctrl')])",
		     "ctrl\xEF\xBF\xBDhere <&> \"q\" bad\xEF\xBF\xBD\xEF\xBF\xBD "
		     "end\xEF\xBF\xBD!");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);

	/* in attributes too (the caption), and in the header */
	d = doc_new();
	{
		struct doc_figure_builder fb;

		d->header = doc_str(d, "a\x02<b>");
		doc_figure_begin(&fb, d);
		doc_figure_text(&fb, 1, 1, "x\x03y", 9, 0, DOC_ALIGN_LEFT, 0, DOC_BLACK);
		doc_figure_end(&fb, 10, 10, doc_str(d, "cap\x1b[31m\"&'"));
	}
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	expect_xpath(x, "string(//wp:docPr/@descr)", "cap\xEF\xBF\xBD[31m\"&'");
	xmlFreeDoc(x);
	x = parse_part(&pk, "word/header1.xml");
	expect_xpath(x, "string(//w:tc[1])", "a\xEF\xBF\xBD<b>");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

static void
test_header_footer_and_properties(void **state)
{
	struct doc *d = sample();
	struct package pk;
	xmlDocPtr x;

	(void)state;
	package_open(&pk, d);
	x = parse_part(&pk, "word/header1.xml");
	expect_xpath(x, "string(//w:tc[1])", "Rapport CIRT — Kenya 2026");
	expect_xpath(x, "string(//w:tc[2])", "Données d'exemple");
	expect_xpath(x, "string(//w:tc[2]//w:jc/@w:val)", "center");
	expect_xpath(x, "string(//w:tc[3])", "DIFFUSION RESTREINTE");
	expect_xpath(x, "string(//w:tc[3]//w:jc/@w:val)", "right");
	expect_xpath(x, "string(count(//w:tc[3]/w:p/w:r/w:rPr/w:b))", "1");
	xmlFreeDoc(x);
	x = parse_part(&pk, "word/footer1.xml");
	expect_xpath(x, "normalize-space(string((//w:instrText)[1]))", "PAGE");
	expect_xpath(x, "normalize-space(string((//w:instrText)[2]))", "NUMPAGES");
	expect_xpath(x, "string(count(//w:t))", "4");
	expect_xpath(x, "string((//w:t)[1])", "Page ");
	expect_xpath(x, "string((//w:t)[2])", "1");
	expect_xpath(x, "string((//w:t)[3])", " sur ");
	xmlFreeDoc(x);
	x = parse_part(&pk, "docProps/core.xml");
	expect_xpath(x, "string(//dc:title)", "Évaluation CIRT : Kenya");
	expect_xpath(x, "string(//dc:creator)", "Ana Díaz");
	expect_xpath(x, "string(//dc:subject)", "Préparation nationale");
	expect_xpath(x, "string(//cp:keywords)", "CIRT, Kenya");
	expect_xpath(x, "string(//dc:language)", "fr");
	expect_xpath(x, "string(//dcterms:created)", "2026-01-01T00:00:00Z");
	xmlFreeDoc(x);
	/* the marking is on the cover too, in a band */
	x = parse_part(&pk, "word/document.xml");
	expect_xpath(x, "string(//w:p[w:pPr/w:shd][1])", "DIFFUSION RESTREINTE");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);

	/* without a marking, the status takes its place; no note, no column */
	d = doc_new();
	d->header = doc_str(d, "Report");
	d->status = doc_str(d, "Draft");
	package_open(&pk, d);
	x = parse_part(&pk, "word/header1.xml");
	expect_xpath(x, "string(count(//w:tc))", "2");
	expect_xpath(x, "string(//w:tc[2])", "Draft");
	expect_xpath(x, "string(count(//w:tc[2]/w:p/w:r/w:rPr/w:b))", "1");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

static void
test_same_document_same_bytes(void **state)
{
	struct doc *d = sample();
	unsigned char *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	struct error err = {0};

	(void)state;
	assert_int_equal(render_docx(d, fonts, &a, &na, &err), 0);
	/* in any time zone: the zip's times are UTC */
	setenv("TZ", "Pacific/Kiritimati", 1);
	tzset();
	assert_int_equal(render_docx(d, fonts, &b, &nb, &err), 0);
	unsetenv("TZ");
	tzset();
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	free(a);
	free(b);
	doc_free(d);
}

static void
test_failures_leave_nothing(void **state)
{
	static const char *const missing[FONT_FACES] = {"/nonexistent/font.ttf",
							"/nonexistent/bold.ttf"};
	struct doc *d = sample();
	unsigned char dummy = 1;
	unsigned char *out = &dummy;
	size_t size = 1;
	struct error err = {0};

	(void)state;
	assert_int_equal(render_docx(d, missing, &out, &size, &err), -1);
	assert_null(out);
	assert_int_equal(size, 0);
	assert_non_null(strstr(err.message, "/nonexistent/"));
	assert_int_not_equal(err.status, 0);
	doc_free(d);

	d = doc_new();
	{
		struct doc_figure_builder fb;

		doc_figure_begin(&fb, d);
		doc_figure_end(&fb, -5, 10, NULL);
	}
	memset(&err, 0, sizeof(err));
	assert_int_equal(render_docx(d, fonts, &out, &size, &err), -1);
	assert_null(out);
	assert_non_null(strstr(err.message, "figure"));
	doc_free(d);
}

/* Long text: a 60,000-character word in a paragraph and in a wrapped
 * figure label, and 200,000 control characters, all in well under a second
 * each (linear time). */
static void
test_long_text_is_linear(void **state)
{
	struct doc *d = doc_new();
	struct doc_figure_builder fb;
	char *word = malloc(60001);
	char *controls = malloc(200001);
	struct package pk;
	xmlDocPtr x;
	char *got;
	clock_t start;

	(void)state;
	assert_non_null(word);
	assert_non_null(controls);
	memset(word, 'w', 60000);
	word[60000] = '\0';
	memset(controls, '\x01', 200000);
	controls[200000] = '\0';
	doc_para(d, doc_str(d, word));
	doc_para(d, doc_str(d, controls));
	doc_figure_begin(&fb, d);
	doc_figure_text(&fb, 10, 90, word, 8, 0, DOC_ALIGN_LEFT, 100, DOC_BLACK);
	doc_figure_end(&fb, 120, 100, NULL);
	start = clock();
	package_open(&pk, d);
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 3.0);
	x = parse_part(&pk, "word/document.xml");
	got = xpath(x, "string(//w:p[2])");
	assert_int_equal(strlen(got), 3 * 200000);
	free(got);
	xmlFreeDoc(x);
	package_close(&pk);
	free(word);
	free(controls);
	doc_free(d);
}

static void
test_empty_document(void **state)
{
	struct doc *d = doc_new();
	struct package pk;
	xmlDocPtr x;

	(void)state;
	d->footer = NULL;
	package_open(&pk, d);
	x = parse_part(&pk, "word/document.xml");
	expect_xpath(x, "string(count(//w:body/w:sectPr))", "1");
	xmlFreeDoc(x);
	x = parse_part(&pk, "docProps/core.xml");
	expect_xpath(x, "string(//dc:language)", "en");
	xmlFreeDoc(x);
	package_close(&pk);
	doc_free(d);
}

/* Without font files, a figure's text cannot be drawn: an error, not a
 * guess at another font. */
static void
test_fonts_without_files(void **state)
{
	static const char *const none[FONT_FACES] = {NULL};
	struct doc *d = sample();
	unsigned char *out = NULL;
	size_t size = 0;
	struct error err = {0};

	(void)state;
	assert_int_equal(render_docx(d, NULL, &out, &size, &err), -1);
	assert_null(out);
	assert_non_null(strstr(err.message, "font"));
	assert_int_equal(render_docx(d, none, &out, &size, &err), -1);
	assert_null(out);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_part_is_there_and_well_formed),
		cmocka_unit_test(test_package_relations_and_types),
		cmocka_unit_test(test_headings_are_real_headings),
		cmocka_unit_test(test_page_breaks_never_make_a_blank_page),
		cmocka_unit_test(test_paragraph_formats),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_figure_is_a_png_picture),
		cmocka_unit_test(test_text_is_made_safe),
		cmocka_unit_test(test_header_footer_and_properties),
		cmocka_unit_test(test_same_document_same_bytes),
		cmocka_unit_test(test_failures_leave_nothing),
		cmocka_unit_test(test_long_text_is_linear),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_fonts_without_files),
	};
	int failed = cmocka_run_group_tests_name("render_docx", tests, NULL, NULL);

	xmlCleanupParser();
	return failed;
}
