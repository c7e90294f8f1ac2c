/* Test tool: lay out the texts given on the command line as a small
 * document (a heading, each text as a paragraph, the texts again in a
 * two-column table and as a figure's labels), as a PDF, or as a Word file
 * with --docx, so that the end-to-end tests can check each script on the
 * page. --rtl makes the document run right to left; --width W narrows the
 * paragraphs' figure labels to wrap at W points; fonts as cirt finds them.
 *
 *   script-sample [--rtl] [--docx] [--lang L] OUT TEXT... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fonts.h"
#include "doc.h"
#include "render.h"

int
main(int argc, char **argv)
{
	char *fonts[FONT_FACES];
	const char *paths[FONT_FACES];
	struct doc *d = doc_new();
	struct error err = {0};
	unsigned char *out = NULL;
	size_t size = 0;
	int docx = 0;
	int rtl = 0;
	int i = 1;
	int rc = 0;
	FILE *f;

	d->lang = "en";
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--rtl") == 0)
			rtl = 1;
		else if (strcmp(argv[i], "--docx") == 0)
			docx = 1;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			d->lang = argv[++i];
		else
			break;
	}
	if (i + 2 > argc) {
		fprintf(stderr, "usage: script-sample [--rtl] [--docx] [--lang L] OUT TEXT...\n");
		doc_free(d);
		return 2;
	}
	d->rtl = rtl;
	d->page_width = 595;
	d->page_height = 842;
	d->header = argv[i + 1];
	d->footer = "{page} / {pages}";
	d->title = argv[i + 1];
	d->date = 0;
	doc_heading(d, 1, 0, argv[i + 1]);
	for (int k = i + 1; k < argc; k++)
		doc_para(d, argv[k]);
	{
		static const struct doc_column cols[] = {{"A", 0.3, 0}, {"B", 0.5, 0}, {"9", 0.2, 1}};
		size_t rows = (size_t)(argc - i - 1);
		const char **cells = doc_alloc(d, 3 * rows * sizeof(*cells));

		for (size_t r = 0; r < rows; r++) {
			cells[3 * r] = doc_fmt(d, "%zu", r + 1);
			cells[3 * r + 1] = argv[i + 1 + (int)r];
			cells[3 * r + 2] = doc_fmt(d, "%zu %%", 10 * (r + 1));
		}
		doc_table(d, cols, 3, cells, NULL, rows);
	}
	{
		struct doc_figure_builder fb;

		doc_figure_begin(&fb, d);
		doc_figure_rect(&fb, 0, 0, 300, 60, NULL, &DOC_RULE, 0.5);
		doc_figure_text(&fb, 10, 40, argv[i + 1], 9, 0, DOC_ALIGN_LEFT, 0, DOC_BLACK);
		doc_figure_rect(&fb, 10, 10, 100, 14, &DOC_ACCENT_FILL, &DOC_ACCENT, 0.8);
		doc_figure_end(&fb, 300, 60, doc_str(d, argv[i + 1]));
	}
	fonts_find_paths(fonts);
	for (int k = 0; k < FONT_FACES; k++)
		paths[k] = fonts[k];
	if ((docx ? render_docx(d, paths, &out, &size, &err)
		  : render_pdf(d, paths, &out, &size, &err)) < 0) {
		fprintf(stderr, "script-sample: %s\n", err.message);
		rc = 1;
		goto out;
	}
	f = fopen(argv[i], "wb");
	if (f == NULL || fwrite(out, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "script-sample: cannot write '%s'\n", argv[i]);
		rc = 1;
	}
out:
	for (int k = 0; k < FONT_FACES; k++)
		free(fonts[k]);
	free(out);
	doc_free(d);
	return rc;
}
