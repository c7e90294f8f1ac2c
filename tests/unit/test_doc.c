/* Unit tests of the document model and the PDF renderer: the footer's
 * numbers, the code points a document prints (for font subsetting), and a
 * document of every block kind laid out on pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "render.h"

static const char *const fonts[FONT_FACES] = {
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};

static void
footer_numbers(void **state)
{
	struct doc *d = doc_new();
	char *s;

	(void)state;
	d->footer = "Page {page} sur {pages} {x}";
	s = doc_footer_text(d, 3, 12);
	assert_string_equal(s, "Page 3 sur 12 {x}");
	free(s);
	d->footer = "{pages}{page}";
	s = doc_footer_text(d, 1, 1000000);
	assert_string_equal(s, "10000001");
	free(s);
	doc_free(d);
}

struct seen {
	int cyrillic, euro, figure_text, cell, fffd;
};

static void
note(void *ctx, unsigned long cp)
{
	struct seen *s = ctx;

	s->cyrillic |= cp == 0x0416; /* Ж */
	s->euro |= cp == 0x20AC;
	s->figure_text |= cp == 0x00E9; /* é, only in the figure */
	s->cell |= cp == 0x00DF;	/* ß, only in a cell */
	s->fffd |= cp == 0xFFFD;
}

static struct doc *
every_block(void)
{
	struct doc *d = doc_new();
	struct doc_figure_builder f;
	struct doc_block *b;
	static const struct doc_column cols[] = {{"Name", 0.7, 0}, {"Score", 0.3, 1}};
	const char **cells = doc_alloc(d, 4 * sizeof(char *));
	static const char *const facts[] = {"Status", "Draft"};
	const double tri[6] = {0, 0, 50, 0, 25, 40};

	d->header = "Header Ж";
	d->footer = "Page {page} of {pages}";
	d->marking = "RESTRICTED €";
	d->title = "Title";
	b = doc_add(d, DOC_COVER);
	b->u.cover.title = "A title";
	b->u.cover.country = "Country";
	b->u.cover.subtitle = "CC";
	b->u.cover.facts = facts;
	b->u.cover.fact_count = 1;
	b->u.cover.watermark = "Draft";
	doc_heading(d, 1, 1, "Section");
	doc_para(d, "A paragraph\nwith two lines and a control \x01 byte");
	cells[0] = "Straße";
	cells[1] = "10";
	cells[2] = "Other";
	cells[3] = "20";
	b = doc_add(d, DOC_TABLE);
	b->u.table.columns = cols;
	b->u.table.column_count = 2;
	b->u.table.cells = cells;
	b->u.table.row_count = 2;
	doc_figure_begin(&f, d);
	doc_figure_polygon(&f, tri, 3, &DOC_ACCENT_FILL, &DOC_ACCENT, 1);
	doc_figure_line(&f, 0, 0, 100, 100, DOC_RULE, 0.5);
	doc_figure_rect(&f, 10, 10, 20, 20, &DOC_MET, NULL, 0);
	doc_figure_text(&f, 50, 50, "Café", 8, 1, DOC_ALIGN_CENTRE, 40, DOC_BLACK);
	doc_figure_end(&f, 200, 100, "A chart");
	doc_page_break(d);
	doc_heading(d, 2, 0, "Sub");
	return d;
}

static void
codepoints_cover_every_string(void **state)
{
	struct doc *d = every_block();
	struct seen s = {0};

	(void)state;
	doc_each_codepoint(d, note, &s);
	assert_true(s.cyrillic);
	assert_true(s.euro);
	assert_true(s.figure_text);
	assert_true(s.cell);
	doc_free(d);
}

static size_t
count(const unsigned char *data, size_t size, const char *what)
{
	size_t n = 0;
	size_t len = strlen(what);

	for (size_t i = 0; i + len <= size; i++)
		if (memcmp(data + i, what, len) == 0)
			n++;
	return n;
}

static void
pdf_of_every_block(void **state)
{
	struct doc *d = every_block();
	struct error err = {0};
	unsigned char *pdf = NULL;
	size_t size = 0;

	(void)state;
	assert_int_equal(render_pdf(d, fonts, &pdf, &size, &err), 0);
	assert_true(size > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	/* the cover, the section on a new page, and the page break */
	assert_int_equal(count(pdf, size, "/Type /Page\n") + count(pdf, size, "/Type /Page\r") +
				 count(pdf, size, "/Type /Page "),
			 3);
	free(pdf);
	doc_free(d);
}

static void
empty_document_has_a_page(void **state)
{
	struct doc *d = doc_new();
	struct error err = {0};
	unsigned char *pdf = NULL;
	size_t size = 0;

	(void)state;
	assert_int_equal(render_pdf(d, fonts, &pdf, &size, &err), 0);
	assert_memory_equal(pdf, "%PDF-", 5);
	free(pdf);
	doc_free(d);
}

static void
missing_font_is_an_error(void **state)
{
	struct doc *d = every_block();
	struct error err = {0};
	unsigned char *pdf = NULL;
	size_t size = 0;
	const char *const none[FONT_FACES] = {"/nonexistent/a.ttf", "/nonexistent/b.ttf"};

	(void)state;
	assert_int_equal(render_pdf(d, none, &pdf, &size, &err), -1);
	assert_non_null(strstr(err.message, "nonexistent"));
	assert_null(pdf);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(footer_numbers),
		cmocka_unit_test(codepoints_cover_every_string),
		cmocka_unit_test(pdf_of_every_block),
		cmocka_unit_test(empty_document_has_a_page),
		cmocka_unit_test(missing_font_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
