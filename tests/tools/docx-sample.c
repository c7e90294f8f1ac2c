/* Test tool: write a Word document with every kind of block (a cover,
 * headings, paragraphs of each size and tone, a boxed note, a table long
 * enough to cross pages, a figure with labels, page breaks), so that the
 * end-to-end tests can open it in an office suite.
 *
 *   docx-sample OUT.docx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "render.h"

#define ROWS 60

static void
figure(struct doc *d)
{
	static const char *const names[3] = {"Legal", "Technical", "Cooperation"};
	static const double scores[3] = {41.5, 62, 87.25};
	struct doc_figure_builder fb;

	doc_figure_begin(&fb, d);
	doc_figure_rect(&fb, 0, 0, 300, 120, NULL, &DOC_RULE, 0.5);
	for (int i = 0; i < 3; i++) {
		double y = 90 - 35 * i;

		doc_figure_text(&fb, 95, y + 4, names[i], 9, 0, DOC_ALIGN_RIGHT, 0, DOC_BLACK);
		doc_figure_rect(&fb, 100, y, scores[i] * 1.6, 14, &DOC_ACCENT_FILL, &DOC_ACCENT,
				0.8);
		doc_figure_text(&fb, 104 + scores[i] * 1.6, y + 4, doc_fmt(d, "%.1f %%", scores[i]),
				9, 1, DOC_ALIGN_LEFT, 0, DOC_ACCENT);
	}
	doc_figure_line(&fb, 100, 5, 100, 115, DOC_BLACK, 1);
	doc_figure_text(&fb, 150, 10, "bars of the pillars' scores, wrapped under each other", 7, 0,
			DOC_ALIGN_CENTRE, 110, DOC_GREY);
	doc_figure_end(&fb, 300, 120, doc_str(d, "Bar chart: Legal 41.5 %, Technical 62 %"));
}

static struct doc *
sample(void)
{
	struct doc *d = doc_new();
	struct doc_block *b;
	struct doc_paragraph *p;
	struct doc_column *cols;
	const char **facts, **cells;
	const struct doc_colour **fills;
	char *word;

	d->lang = "en";
	d->header = "National CIRT readiness — Sampleland, cycle 2026";
	d->header_note = "Sample data";
	d->marking = "RESTRICTED";
	d->footer = "Page {page} of {pages}";
	d->title = "CIRT readiness: Sampleland";
	d->author = "Test Assessor";
	d->subject = "National CIRT readiness assessment";
	d->keywords = "CIRT, readiness";
	d->date = 1767225600;

	b = doc_add(d, DOC_COVER);
	facts = doc_alloc(d, 6 * sizeof(*facts));
	facts[0] = "Cycle";
	facts[1] = "2026";
	facts[2] = "Assessors";
	facts[3] = "Ana Díaz, Jean Dupont";
	facts[4] = "Status";
	facts[5] = "Draft";
	b->u.cover.title = "National CIRT readiness assessment";
	b->u.cover.country = "Sampleland";
	b->u.cover.subtitle = "XS · Cycle 2026";
	b->u.cover.facts = facts;
	b->u.cover.fact_count = 3;
	b->u.cover.watermark = "DRAFT";
	b->u.cover.notice = "Sample data for a fictional country.";

	doc_heading(d, 1, 1, "Executive summary");
	p = doc_para(d, "Sampleland scores 63.6 out of 100: tier Established.");
	p->size = DOC_SIZE_LEAD;
	doc_para(d,
		 "The team met six institutions over three days.\nA second line, "
		 "after a line break.");
	p = doc_para(d,
		     "Path to the next tier: fully meet the incident reporting duty "
		     "(+4.2 points).");
	p->boxed = 1;
	p = doc_para(d, "Source: [2] National CIRT, 2026-12-01");
	p->size = DOC_SIZE_SMALL;
	p->tone = DOC_TONE_MUTED;
	p->indent = 1;
	p = doc_para(d, "Disputed: two answers differ between sessions.");
	p->tone = DOC_TONE_ALERT;
	p->bold = 1;
	figure(d);

	doc_heading(d, 1, 1, "Legal measures");
	doc_heading(d, 2, 0, "Indicators");
	b = doc_add(d, DOC_TABLE);
	cols = doc_alloc(d, 3 * sizeof(*cols));
	cols[0].title = "Indicator";
	cols[0].width = 0.6;
	cols[1].title = "Score";
	cols[1].width = 0.15;
	cols[1].right = 1;
	cols[2].title = "Status";
	cols[2].width = 0.25;
	cells = doc_alloc(d, 3 * ROWS * sizeof(*cells));
	fills = doc_alloc(d, 3 * ROWS * sizeof(*fills));
	for (int r = 0; r < ROWS; r++) {
		cells[3 * r] = doc_fmt(d, "Indicator number %d", r + 1);
		cells[3 * r + 1] = doc_fmt(d, "%d.5", r);
		cells[3 * r + 2] = r % 2 ? "met" : "not met";
		fills[3 * r + 2] = r % 2 ? &DOC_MET : &DOC_NOT_MET;
	}
	cells[3 * (ROWS - 1)] = "Total";
	b->u.table.columns = cols;
	b->u.table.column_count = 3;
	b->u.table.cells = cells;
	b->u.table.fills = fills;
	b->u.table.row_count = ROWS;
	b->u.table.bold_last = 1;

	doc_page_break(d);
	doc_heading(d, 1, 0, "Methodology");
	word = malloc(3001);
	if (word == NULL)
		exit(1);
	memset(word, 'x', 3000);
	word[3000] = '\0';
	doc_para(d, doc_str(d, word));
	free(word);
	doc_para(d, "Escaped <&> and a control \x01 character.");
	return d;
}

int
main(int argc, char **argv)
{
	static const char *const fonts[FONT_FACES] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
	struct doc *d;
	struct error err = {0};
	unsigned char *out = NULL;
	size_t size = 0;
	FILE *f;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: docx-sample OUT.docx\n");
		return 2;
	}
	d = sample();
	if (render_docx(d, fonts, &out, &size, &err) < 0) {
		fprintf(stderr, "docx-sample: %s\n", err.message);
		doc_free(d);
		return 1;
	}
	f = fopen(argv[1], "wb");
	if (f == NULL || fwrite(out, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "docx-sample: cannot write '%s'\n", argv[1]);
		rc = 1;
	}
	free(out);
	doc_free(d);
	return rc;
}
