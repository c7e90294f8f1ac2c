/* cirt show: print the outline of a questionnaire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exitcode.h"
#include "i18n.h"
#include "qcache.h"
#include "questionnaire.h"
#include "term.h"
#include "xmalloc.h"

/* Append ", WORD" to the flags in buf. */
static void
add_flag(char *buf, size_t size, const char *word)
{
	size_t n = strlen(buf);

	snprintf(buf + n, size - n, ", %s", word);
}

/* The width the outline is wrapped to. */
#define SHOW_WIDTH 78

/* Print lead (ASCII, cirt's own), then text wrapped to SHOW_WIDTH under
 * itself; a line feed in text shows as term.h says. */
static void
print_hanging(const char *lead, const char *text)
{
	char *safe = term_safe(text);

	fputs(lead, stdout);
	term_print_continued(stdout, safe, term_width(lead), term_width(lead), SHOW_WIDTH);
	free(safe);
}

static void
print_question(const struct question *qu, const char *lang)
{
	char kind[128];
	char flags[160] = "";
	char a[I18N_NUMBER_SIZE];
	char b[I18N_NUMBER_SIZE];
	char c[I18N_NUMBER_SIZE];

	if (qu->type == QUESTION_SCALE)
		snprintf(kind, sizeof(kind), "scale 0-%zu", qu->choice_count - 1);
	else if (qu->type == QUESTION_NUMBER && qu->has_min && qu->has_max)
		snprintf(kind, sizeof(kind), "number %s-%s", i18n_number(a, qu->min, lang),
			 i18n_number(b, qu->max, lang));
	else
		snprintf(kind, sizeof(kind), "%s", question_type_name(qu->type));
	if (qu->weight != 1) {
		char w[48];

		snprintf(w, sizeof(w), "%s %s", i18n(lang, MSG_WEIGHT),
			 i18n_number(a, qu->weight, lang));
		add_flag(flags, sizeof(flags), w);
	}
	if (qu->required)
		add_flag(flags, sizeof(flags), i18n(lang, MSG_REQUIRED));
	if (qu->evidence)
		add_flag(flags, sizeof(flags), i18n(lang, MSG_EVIDENCE));
	if (!question_is_scored(qu))
		add_flag(flags, sizeof(flags), i18n(lang, MSG_NOT_SCORED));
	printf("      ");
	term_print_padded(stdout, qu->id, 8);
	putchar(' ');
	if (flags[0]) {
		term_print_padded(stdout, kind, 14); /* a number may hold a no-break space */
		printf(" %s\n", flags + 2);
	} else {
		printf("%s\n", kind);
	}
	if (qu->condition_source) {
		char *shown = i18n_fill(lang, MSG_SHOWN_IF, qu->condition_source, NULL);

		term_print_line(stdout, "               %s", shown);
		free(shown);
	}
	term_print_wrapped(stdout, text_get(&qu->text, lang), 15, 78);
	for (size_t k = 0; k < qu->choice_count && qu->type != QUESTION_YESNO; k++) {
		const struct choice *ch = &qu->choices[k];
		char *lead = xasprintf("%17s %s = ", "-", ch->value);
		char *label = xasprintf("%s (%s)", text_get(&ch->label, lang),
					i18n_number(a, ch->score, lang));

		print_hanging(lead, label);
		free(label);
		free(lead);
	}
	if (qu->type == QUESTION_YESNO && (qu->choices[0].score != 1 || qu->choices[1].score != 0))
		printf("%17s %s (%s), %s (%s)\n", "-", i18n(lang, MSG_YES),
		       i18n_number(a, qu->choices[0].score, lang), i18n(lang, MSG_NO),
		       i18n_number(b, qu->choices[1].score, lang));
	for (size_t k = 0; k < qu->range_count; k++) {
		char *range = i18n_fill(lang, MSG_RANGE, i18n_number(a, qu->ranges[k].min, lang),
					i18n_number(b, qu->ranges[k].max, lang));

		printf("%17s %s (%s)\n", "-", range, i18n_number(c, qu->ranges[k].score, lang));
		free(range);
	}
}

static void
print_outline(const struct questionnaire *q, const char *lang)
{
	char a[I18N_NUMBER_SIZE];
	char b[I18N_NUMBER_SIZE];
	double total = 0;
	int name_width = 24;

	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar *pl = &q->pillars[p];
		double sum = 0;
		double weights = 0;

		for (size_t i = 0; i < pl->indicator_count; i++) {
			size_t k = pl->first_indicator + i;

			sum += q->indicators[k].weight * questionnaire_indicator_max(q, k);
			weights += q->indicators[k].weight;
		}
		total += weights > 0 ? questionnaire_pillar_points(q, p) * sum / weights : 0;
	}
	term_print_wrapped(stdout, text_get(&q->title, lang), 0, 78);
	term_print_line(stdout, "  id %s, %s %s, %s %s", q->id, i18n(lang, MSG_VERSION), q->version,
			i18n(lang, MSG_FILE), q->path);
	printf("  %s:", i18n(lang, MSG_LANGUAGES));
	if (q->language_count == 0)
		term_print_format(stdout, " %s", q->default_lang);
	for (size_t i = 0; i < q->language_count; i++)
		term_print_format(stdout, " %s", q->languages[i]);
	term_print_line(stdout, " (%s %s, %s %s)", i18n(lang, MSG_DEFAULT), q->default_lang,
			i18n(lang, MSG_SHOWN), lang);
	{
		char n[3][24];
		char *counts;

		snprintf(n[0], sizeof(n[0]), "%zu", q->pillar_count);
		snprintf(n[1], sizeof(n[1]), "%zu", q->indicator_count);
		snprintf(n[2], sizeof(n[2]), "%zu", q->question_count);
		counts = i18n_fill4(lang, MSG_OUTLINE_COUNTS, n[0], n[1], n[2],
				    i18n_fixed(a, total, 1, 0, lang));
		printf("  %s\n", counts);
		free(counts);
	}
	if (q->description.count) {
		putchar('\n');
		term_print_wrapped(stdout, text_get(&q->description, lang), 2, 78);
	}

	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar *pl = &q->pillars[p];
		char *lead = xasprintf("%zu. ", p + 1);
		char *title = xasprintf("%s [%s]", text_get(&pl->title, lang), pl->id);

		putchar('\n');
		print_hanging(lead, title);
		free(title);
		free(lead);
		{
			char *weight = i18n_fill(
				lang, MSG_PILLAR_WEIGHT, i18n_number(a, pl->weight, lang),
				i18n_fixed(b, questionnaire_pillar_points(q, p), 1, 0, lang));

			printf("   %s\n", weight);
			free(weight);
		}
		for (size_t i = 0; i < pl->indicator_count; i++) {
			size_t k = pl->first_indicator + i;
			const struct indicator *in = &q->indicators[k];

			putchar('\n');
			lead = xasprintf("   %zu.%zu ", p + 1, i + 1);
			title = xasprintf("%s [%s]", text_get(&in->title, lang), in->id);
			print_hanging(lead, title);
			free(title);
			free(lead);
			{
				char *pct =
					xasprintf("%.0f%s", 100 * questionnaire_indicator_max(q, k),
						  i18n(lang, MSG_PERCENT));
				char *weight = i18n_fill(lang, MSG_INDICATOR_WEIGHT,
							 i18n_number(a, in->weight, lang), pct);

				printf("       %s\n", weight);
				free(weight);
				free(pct);
			}
			for (size_t j = 0; j < in->question_count; j++)
				print_question(&q->questions[in->first_question + j], lang);
		}
	}
	printf("\n%s\n", i18n(lang, MSG_TIERS));
	/* the names in a column as wide as the widest, at least 24 */
	for (size_t t = 0; t < q->tier_count; t++) {
		int w = term_width(text_get(&q->tiers[t].name, lang));

		if (w > name_width)
			name_width = w;
	}
	for (size_t t = 0; t < q->tier_count; t++) {
		const struct tier *tr = &q->tiers[t];

		char *range = t + 1 < q->tier_count
			? i18n_fill(lang, MSG_TIER_RANGE, i18n_fixed(a, tr->min, 1, 0, lang),
				    i18n_fixed(b, q->tiers[t + 1].min, 1, 0, lang))
			: i18n_fill(lang, MSG_TIER_RANGE_LAST, i18n_fixed(a, tr->min, 1, 0, lang),
				    "100");

		printf("   ");
		term_print_padded(stdout, text_get(&tr->name, lang), name_width);
		printf(" %s\n", range);
		free(range);
	}
}

static int
run_show(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const char *path;
	const char *lang;
	struct diag diags = DIAG_INIT;
	struct questionnaire *q;
	int io_error = 0;
	int first;

	if (cmd_no_options(self, argc, argv, &first) != 0)
		return EXIT_USAGE;
	if (argc - first > 1)
		return cmd_usage_error(self, "name at most one questionnaire file");
	if (first == argc && cmd_check_default_questionnaire(ctx) != EXIT_OK)
		return EXIT_IO;
	path = first < argc ? argv[first] : ctx->questionnaire_path;

	q = qcache_load(path, &diags, &io_error);
	cmd_print_diagnostics(&diags);
	diag_release(&diags);
	if (q == NULL)
		return io_error ? EXIT_IO : EXIT_FAIL;
	lang = ctx->lang ? ctx->lang : q->default_lang;
	if (!questionnaire_has_language(q, lang)) {
		char *list = questionnaire_language_list(q);

		cmd_error("questionnaire '%s' (%s) is not in '%s'; its languages are %s", q->id,
			  path, lang, list);
		free(list);
		questionnaire_free(q);
		return EXIT_USAGE;
	}
	if (!i18n_has(lang))
		cmd_warning("cirt does not speak '%s', the questionnaire's language: its own words "
			    "are in English (its languages are %s)",
			    lang, i18n_languages());
	print_outline(q, lang);
	questionnaire_free(q);
	return EXIT_OK;
}

const struct cmd cmd_show = {
	.name = "show",
	.summary = "print the outline of a questionnaire",
	.usage = "usage: cirt show [FILE] [--lang L]\n"
		 "\n"
		 "Print the outline of a questionnaire: pillars with their weights and\n"
		 "points, indicators, and every question with its id, type, conditions,\n"
		 "choices and scores, then the readiness tiers and the maximum reachable\n"
		 "score (every question shown and given its best answer).\n"
		 "\n"
		 "FILE defaults to $CIRT_QUESTIONNAIRE, then\n"
		 "questionnaires/cirt-readiness.xml in the current folder, then the\n"
		 "installed questionnaire.\n"
		 "\n"
		 "Options:\n"
		 "  --lang L   show texts in language L (default: the questionnaire's\n"
		 "             default language); a warning says when L is incomplete\n",
	.flags = CMD_OPT_LANG | CMD_OPT_QUESTIONNAIRE,
	.run = run_show,
};
