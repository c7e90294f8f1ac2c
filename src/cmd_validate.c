/* cirt validate: check questionnaire files. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "exitcode.h"
#include "fonts.h"
#include "questionnaire.h"
#include "term.h"
#include "xmalloc.h"

/* Where a text is, for the warnings about characters no font has. */
struct glyph_check {
	const struct questionnaire *q;
	struct fonts faces;
	struct diag *warnings;
};

/* Warn about each language's variant of t with a character that no font
 * of a report has (fonts.h): it would print as U+FFFD. */
static void
check_text(struct glyph_check *g, const struct text *t, long line, const char *what)
{
	for (size_t i = 0; i < t->count; i++) {
		char *list = fonts_missing_list(&g->faces, t->variants[i].value, 5);

		if (list == NULL)
			continue;
		diag_add(g->warnings, g->q->path, line,
			 "warning: %s (%s): no font has %s; reports print U+FFFD instead", what,
			 t->variants[i].lang, list);
		free(list);
	}
}

/* Every text of q that a report may print. */
static void
check_glyphs(const struct questionnaire *q, struct diag *warnings)
{
	struct glyph_check g = {.q = q, .warnings = warnings};
	char *paths[FONT_FACES];
	char *what;

	cmd_font_paths(paths);
	fonts_init(&g.faces, (const char *const *)paths);
	check_text(&g, &q->title, 0, "the title");
	check_text(&g, &q->description, 0, "the description");
	for (size_t i = 0; i < q->pillar_count; i++) {
		what = xasprintf("pillar '%s'", q->pillars[i].id);
		check_text(&g, &q->pillars[i].title, q->pillars[i].line, what);
		free(what);
	}
	for (size_t i = 0; i < q->indicator_count; i++) {
		const struct indicator *in = &q->indicators[i];

		what = xasprintf("indicator '%s'", in->id);
		check_text(&g, &in->title, in->line, what);
		check_text(&g, &in->recommendation.text, in->recommendation.line, what);
		free(what);
	}
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];

		what = xasprintf("question '%s'", qu->id);
		check_text(&g, &qu->text, qu->line, what);
		check_text(&g, &qu->help, qu->line, what);
		check_text(&g, &qu->recommendation.text, qu->recommendation.line, what);
		for (size_t k = 0; k < qu->choice_count; k++) {
			check_text(&g, &qu->choices[k].label, qu->choices[k].line, what);
			check_text(&g, &qu->choices[k].recommendation.text,
				   qu->choices[k].recommendation.line, what);
		}
		free(what);
	}
	for (size_t i = 0; i < q->tier_count; i++) {
		what = xasprintf("tier '%s'", q->tiers[i].id);
		check_text(&g, &q->tiers[i].name, q->tiers[i].line, what);
		free(what);
	}
	fonts_release(&g.faces);
	for (int i = 0; i < FONT_FACES; i++)
		free(paths[i]);
}

static int
run_validate(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	int status = EXIT_OK;
	int first;

	(void)ctx;
	if (cmd_no_options(self, argc, argv, &first) != 0)
		return EXIT_USAGE;
	if (first == argc)
		return cmd_usage_error(self, "name at least one questionnaire file");
	for (int i = first; i < argc; i++) {
		struct diag diags = DIAG_INIT;
		int io_error = 0;
		struct questionnaire *q = questionnaire_load(argv[i], &diags, &io_error);

		if (q) {
			struct diag warnings = DIAG_INIT;

			term_print_line(stdout,
					"%s: ok (%zu pillar%s, %zu indicator%s, %zu question%s)",
					argv[i], q->pillar_count, q->pillar_count == 1 ? "" : "s",
					q->indicator_count, q->indicator_count == 1 ? "" : "s",
					q->question_count, q->question_count == 1 ? "" : "s");
			questionnaire_warnings(q, &warnings);
			check_glyphs(q, &warnings);
			cmd_print_diagnostics(&warnings);
			diag_release(&warnings);
			questionnaire_free(q);
		} else {
			int file_status = io_error ? EXIT_IO : EXIT_FAIL;

			cmd_print_diagnostics(&diags);
			if (file_status > status)
				status = file_status;
		}
		diag_release(&diags);
	}
	return status;
}

const struct cmd cmd_validate = {
	.name = "validate",
	.summary = "check questionnaire files against the schema and the rules",
	.usage = "usage: cirt validate FILE...\n"
		 "\n"
		 "Check each questionnaire file: well-formed UTF-8 XML without a DTD,\n"
		 "valid against the built-in schema, unique ids, conditions that test\n"
		 "earlier questions, positive weights, rising tier thresholds, scores\n"
		 "within 0..1, and every text in the default language (and in every\n"
		 "language the file declares).\n"
		 "\n"
		 "Prints 'FILE: ok (P pillars, I indicators, Q questions)' for a good\n"
		 "file, or every error found as 'FILE:LINE: message' on stderr.\n"
		 "A good file may also get warnings on stderr, 'FILE:LINE: warning:\n"
		 "message', for example a scored question without a recommendation of\n"
		 "its own; they leave the exit status alone.\n"
		 "Exit status 1 when a file is invalid, 4 when one cannot be read.\n",
	.flags = 0,
	.run = run_validate,
};
