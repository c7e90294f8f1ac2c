/* cirt compare: rank countries, by region and cycle, as PDF, CSV or JSON. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd.h"
#include "compare.h"
#include "country.h"
#include "csv.h"
#include "exitcode.h"
#include "file.h"
#include "i18n.h"
#include "json.h"
#include "report.h"
#include "score_kept.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

enum format { FORMAT_PDF, FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* The assessments in the database; answers are read only for those
 * compared (their previous cycles are read, scored and let go). */
struct loaded {
	struct assessment *list;
	struct answer_set *answers;
	size_t count;
	int failed; /* the exit status of a failed read, else 0 */
};

/* Read list[i]'s answers into *out; on failure say so and note it in l. */
static void
read_answers(struct cmd_context *ctx, struct loaded *l, size_t i, struct answer_set *out)
{
	struct error err = {0};

	if (store_answers_load(ctx->store, l->list[i].id, out, &err) < 0) {
		cmd_error("%s", err.message);
		l->failed = err.status;
	}
}

static void
loaded_release(struct loaded *l)
{
	for (size_t i = 0; i < l->count; i++) {
		answer_set_release(&l->answers[i]);
		assessment_release(&l->list[i]);
	}
	free(l->answers);
	free(l->list);
}

/* Whether country code cc is in the comma-separated list of countries
 * (already checked). */
static int
listed(const char *list, const char *cc)
{
	char *copy = xstrdup(list);
	char *save = NULL;
	int found = 0;

	for (char *t = strtok_r(copy, ",", &save); t && !found; t = strtok_r(NULL, ",", &save))
		found = strcmp(country_find(t)->alpha2, cc) == 0;
	free(copy);
	return found;
}

/* Assessments in order of country, questionnaire and cycle: the cycles of
 * one country with one questionnaire side by side. */
static int
by_country_cycle(const void *x, const void *y)
{
	const struct assessment *a = *(const struct assessment *const *)x;
	const struct assessment *b = *(const struct assessment *const *)y;
	int c = strcmp(a->country, b->country);

	if (c == 0)
		c = strcmp(a->questionnaire_id, b->questionnaire_id);
	return c ? c : (a->cycle > b->cycle) - (a->cycle < b->cycle);
}

/* Whether a and b are of one country and questionnaire. */
static int
same_series(const struct assessment *a, const struct assessment *b)
{
	return strcmp(a->country, b->country) == 0 &&
		strcmp(a->questionnaire_id, b->questionnaire_id) == 0;
}

/* The assessments to compare: by default the latest cycle of every
 * country; made with the loaded questionnaire. Each is scored once, from
 * the summaries the store keeps (score_kept.h) unless fresh means other
 * weights (reweighted) or answers are needed (sensitivity), as are their
 * previous cycles for the change. */
static size_t
select_entries(struct cmd_context *ctx, struct loaded *l, const char *countries, int region_set,
	       enum region region, int fresh, struct compare_entry *out)
{
	const struct assessment **order = xcalloc(l->count + 1, sizeof(*order));
	size_t *prev = xcalloc(l->count + 1, sizeof(*prev));
	unsigned char *need = xcalloc(l->count + 1, 1);
	unsigned char *done = xcalloc(l->count + 1, 1);
	unsigned char *chosen = xcalloc(l->count + 1, 1);
	struct score_result *scores = xcalloc(l->count + 1, sizeof(*scores));
	size_t n = 0;

	for (size_t i = 0; i < l->count; i++)
		order[i] = &l->list[i];
	qsort(order, l->count, sizeof(*order), by_country_cycle);
	for (size_t k = 0; k < l->count; k++) {
		const struct assessment *a = order[k];
		size_t i = (size_t)(a - l->list);
		const struct country *c = country_find(a->country);
		/* the next of the same series is a later cycle */
		int latest = k + 1 == l->count || !same_series(order[k + 1], a);

		prev[i] = k > 0 && same_series(order[k - 1], a) ? (size_t)(order[k - 1] - l->list)
								: l->count;
		if (strcmp(a->questionnaire_id, ctx->questionnaire->id) != 0)
			continue;
		if (ctx->cycle ? a->cycle != ctx->cycle : !latest)
			continue;
		if (region_set && (c == NULL || c->region != region))
			continue;
		if (countries && !listed(countries, a->country))
			continue;
		chosen[i] = 1;
		need[i] = 1;
		if (prev[i] < l->count)
			need[prev[i]] = 1;
	}
	if (fresh) {
		for (size_t i = 0; i < l->count && !l->failed; i++) {
			if (!need[i])
				continue;
			read_answers(ctx, l, i, &l->answers[i]);
			score_assessment(ctx->questionnaire, &l->answers[i], &scores[i]);
			done[i] = 1;
			if (!chosen[i])
				answer_set_release(&l->answers[i]);
		}
	} else {
		struct error err = {0};

		if (score_kept(ctx->store, ctx->questionnaire, l->list, l->count, need, scores,
			       done, &err) < 0) {
			cmd_error("%s", err.message);
			l->failed = err.status;
		}
	}
	/* in the order of the list, as before */
	for (size_t i = 0; i < l->count && !l->failed; i++) {
		if (!chosen[i])
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].country = l->list[i].country;
		out[n].info = country_find(l->list[i].country);
		out[n].cycle = l->list[i].cycle;
		out[n].answers = &l->answers[i];
		out[n].score = scores[i];
		done[i] = 0; /* the entry's now */
		if (prev[i] < l->count) {
			out[n].has_previous = 1;
			out[n].previous_cycle = l->list[prev[i]].cycle;
			out[n].previous_overall = scores[prev[i]].overall;
		}
		n++;
	}
	for (size_t i = 0; i < l->count; i++)
		if (done[i])
			score_result_release(&scores[i]);
	if (l->failed) {
		for (size_t k = 0; k < n; k++)
			score_result_release(&out[k].score);
		n = 0;
	}
	free(scores);
	free(chosen);
	free(done);
	free(need);
	free(prev);
	free(order);
	return n;
}

static void
write_csv(const struct questionnaire *q, const struct compare *c, int sensitivity, const char *lang)
{
	fputs("rank,tied,country,name,region,cycle", stdout);
	for (size_t p = 0; p < q->pillar_count; p++) {
		fputc(',', stdout);
		cmd_csv_field(q->pillars[p].id);
	}
	fputs(",overall,tier,completeness,incomplete,previous_cycle,change", stdout);
	if (sensitivity)
		fputs(",best_rank,worst_rank", stdout);
	csv_end_record(stdout);
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];

		printf("%zu,%d,", e->rank, e->tied);
		cmd_csv_field(e->country);
		fputc(',', stdout);
		cmd_csv_field(e->info ? e->info->name : "");
		printf(",%s,%d", e->info ? region_code(e->info->region) : "", e->cycle);
		for (size_t p = 0; p < q->pillar_count; p++)
			if (e->score.pillars[p].counted)
				printf(",%.2f", e->score.pillars[p].points);
			else
				fputs(",", stdout);
		printf(",%.2f,", e->score.overall);
		cmd_csv_field(text_get(&q->tiers[e->score.tier].name, lang));
		printf(",%.4f,%d,", e->score.completeness, e->score.completeness < 1);
		if (e->has_previous)
			printf("%d,%+.2f", e->previous_cycle,
			       e->score.overall - e->previous_overall);
		else
			fputs(",", stdout);
		if (sensitivity)
			printf(",%zu,%zu", e->rank_low, e->rank_high);
		csv_end_record(stdout);
	}
}

/* The ranking as a table for the terminal, as wide as it is: pillars are
 * numbered columns named in a legend below; the country and tier columns
 * wrap when the width runs short; every width is a display width, so a
 * Chinese or Arabic name keeps the numbers in their columns. */
static void
write_table(const struct questionnaire *q, const struct compare *c, int sensitivity,
	    const char *lang)
{
	size_t np = q->pillar_count;
	size_t ncols = 6 + np + (size_t)sensitivity;
	struct term_column *cols = xcalloc(ncols, sizeof(*cols));
	char **cells = xcalloc(ncols * c->count + 1, sizeof(*cells));
	char **headers = xcalloc(np + 1, sizeof(*headers));
	char *legend = xstrdup("");
	char number[I18N_NUMBER_SIZE];
	size_t k = 0;

	cols[k++] = (struct term_column){i18n(lang, MSG_C_RANK), 0, 1, 0};
	cols[k++] = (struct term_column){i18n(lang, MSG_R_COUNTRY), 0, 0, 1};
	cols[k++] = (struct term_column){i18n(lang, MSG_C_REGION), 0, 0, 0};
	for (size_t p = 0; p < np; p++) {
		/* a no-break space keeps each number with its pillar */
		char *more = xasprintf("%s%s%zu\u00a0%s", legend, p ? " \u00b7 " : "", p + 1,
				       text_get(&q->pillars[p].title, lang));

		free(legend);
		legend = more;
		headers[p] = xasprintf("%zu", p + 1);
		cols[k++] = (struct term_column){headers[p], 4, 1, 0};
	}
	cols[k++] = (struct term_column){i18n(lang, MSG_C_SHORT_OVERALL), 0, 1, 0};
	cols[k++] = (struct term_column){i18n(lang, MSG_C_SHORT_TIER), 0, 0, 1};
	cols[k++] = (struct term_column){i18n(lang, MSG_C_SHORT_COMPLETE), 0, 1, 0};
	if (sensitivity)
		cols[k++] = (struct term_column){i18n(lang, MSG_C_RANK_RANGE), 0, 1, 0};
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];
		char **row = &cells[i * ncols];

		k = 0;
		row[k++] = xasprintf("%s%zu", e->tied ? "=" : "", e->rank);
		row[k++] =
			xasprintf("%s (%s) %d", e->info ? country_name(e->info, lang) : e->country,
				  e->country, e->cycle);
		row[k++] = xstrdup(e->info ? region_code(e->info->region) : "\u2013");
		for (size_t p = 0; p < np; p++)
			row[k++] = xstrdup(
				e->score.pillars[p].counted
					? i18n_fixed(number, e->score.pillars[p].points, 1, 0, lang)
					: "\u2013");
		row[k++] = xstrdup(i18n_fixed(number, e->score.overall, 1, 0, lang));
		row[k++] = xstrdup(text_get(&q->tiers[e->score.tier].name, lang));
		row[k++] =
			xasprintf("%.0f%s%s", 100 * e->score.completeness, i18n(lang, MSG_PERCENT),
				  e->score.completeness < 1 ? " *" : "");
		if (sensitivity)
			row[k++] = e->rank_low == e->rank_high
				? xasprintf("%zu", e->rank_low)
				: xasprintf("%zu\u2013%zu", e->rank_low, e->rank_high);
	}
	term_print_table(stdout, cols, ncols, (const char *const *)cells, c->count, 2, 0);
	putchar('\n');
	term_print_wrapped(stdout, legend, 0, 0);
	free(legend);
	legend = xasprintf("%s%s %s \u00b7 %s%s %s", i18n(lang, MSG_C_SHORT_OVERALL),
			   i18n(lang, MSG_COLON), i18n(lang, MSG_R_OVERALL),
			   i18n(lang, MSG_C_SHORT_COMPLETE), i18n(lang, MSG_COLON),
			   i18n(lang, MSG_R_COMPLETENESS));
	term_print_wrapped(stdout, legend, 0, 0);
	free(legend);
	legend = xasprintf("%s \u00b7 %s", i18n(lang, MSG_C_TIED_NOTE),
			   i18n(lang, MSG_C_INCOMPLETE_NOTE));
	term_print_wrapped(stdout, legend, 0, 0);
	free(legend);
	if (sensitivity)
		term_print_wrapped(stdout, i18n(lang, MSG_C_SENSITIVITY_NOTE), 0, 0);
	for (size_t i = 0; i < ncols * c->count; i++)
		free(cells[i]);
	for (size_t p = 0; p < np; p++)
		free(headers[p]);
	free(headers);
	free(cells);
	free(cols);
}

/* Where the PDF goes: -o FILE as given; comparison.pdf in the folder -o
 * names when that is a folder or ends in "/", or in reports/ without -o (a
 * folder created when missing; its parent must exist). Returns the path
 * (owned by the caller), or NULL after saying what is wrong. */
static char *
output_path(const char *output)
{
	const char *dir = "reports";
	struct stat st;
	int len;

	if (output) {
		size_t n = strlen(output);

		if ((stat(output, &st) < 0 || !S_ISDIR(st.st_mode)) &&
		    (n == 0 || output[n - 1] != '/'))
			return xstrdup(output);
		dir = output;
	}
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		cmd_error("cannot write into '%s': it is not a folder", dir);
		return NULL;
	}
	if (stat(dir, &st) < 0 && mkdir(dir, 0755) < 0) {
		cmd_error("cannot create folder '%s': %s", dir, strerror(errno));
		return NULL;
	}
	len = (int)strlen(dir);
	while (len > 0 && dir[len - 1] == '/')
		len--;
	return xasprintf("%.*s/comparison.pdf", len, dir);
}

static int
run_compare(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum {
		OPT_REGION = 1,
		OPT_COUNTRIES,
		OPT_FORMAT,
		OPT_WEIGHTS,
		OPT_SENSITIVITY,
		OPT_MARKING
	};
	static const struct option options[] = {
		{"region", required_argument, NULL, OPT_REGION},
		{"countries", required_argument, NULL, OPT_COUNTRIES},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"weights", required_argument, NULL, OPT_WEIGHTS},
		{"sensitivity", no_argument, NULL, OPT_SENSITIVITY},
		{"marking", required_argument, NULL, OPT_MARKING},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	enum format format = FORMAT_PDF;
	const char *countries = NULL;
	const char *weights = NULL;
	const char *output = NULL;
	const char *marking = NULL;
	const char *region_arg = NULL;
	enum region region = REGION_AFR;
	int sensitivity = 0;
	time_t date = 0;
	struct loaded l = {0};
	struct compare_entry *entries = NULL;
	struct compare c = {0};
	struct error err = {0};
	int status = EXIT_OK;
	size_t n;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		switch (ch) {
		case OPT_REGION:
			region_arg = optarg;
			break;
		case OPT_COUNTRIES:
			countries = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "pdf") == 0)
				format = FORMAT_PDF;
			else if (strcmp(optarg, "table") == 0)
				format = FORMAT_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				format = FORMAT_CSV;
			else if (strcmp(optarg, "json") == 0)
				format = FORMAT_JSON;
			else
				return cmd_usage_error(
					self, "unknown format '%s'; use pdf, table, csv or json",
					optarg);
			break;
		case OPT_WEIGHTS:
			weights = optarg;
			break;
		case OPT_SENSITIVITY:
			sensitivity = 1;
			break;
		case OPT_MARKING:
			marking = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		default:
			return cmd_bad_option(self, ch, argc, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	if (marking && format != FORMAT_PDF)
		return cmd_usage_error(
			self, "--marking goes on the PDF only; drop it or use --format pdf");
	if (marking && answer_check_text(marking, 200, "en", (char[256]){0}, 256) < 0)
		return cmd_usage_error(self, "the marking must be plain text of at most 200 bytes");
	if (format == FORMAT_PDF && cmd_pdf_date(&date) != 0)
		return EXIT_USAGE;
	if (region_arg && region_parse(region_arg, &region) < 0)
		return cmd_usage_error(self,
				       "unknown region '%s'; use AFR, AMS, ARB, ASP, CIS or EUR",
				       region_arg);
	if (countries) {
		char *copy = xstrdup(countries);
		char *save = NULL;
		int bad = 0;

		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
			bad |= cmd_country(t) == NULL;
		free(copy);
		if (bad)
			return EXIT_USAGE;
	}
	if (weights) {
		struct diag d = DIAG_INIT;
		int r = questionnaire_apply_weights(ctx->questionnaire, weights, &d);

		cmd_print_diagnostics(&d);
		diag_release(&d);
		if (r < 0)
			return EXIT_DATA;
	}
	if (store_assessment_list(ctx->store, &l.list, &l.count, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	l.answers = xcalloc(l.count + 1, sizeof(*l.answers));
	entries = xcalloc(l.count + 1, sizeof(*entries));
	n = select_entries(ctx, &l, countries, region_arg != NULL, region,
			   weights != NULL || sensitivity, entries);
	if (l.failed) {
		status = l.failed;
		goto out;
	}
	if (n == 0) {
		char *list = cmd_command_line(ctx, "assessments", "", 0);

		cmd_error("no assessment in '%s' matches; '%s' lists them", ctx->db_path, list);
		free(list);
		status = EXIT_DATA;
		goto out;
	}
	compare_run(ctx->questionnaire, entries, n, &c);
	if (sensitivity)
		compare_sensitivity(ctx->questionnaire, &c);
	if (format == FORMAT_TABLE) {
		write_table(ctx->questionnaire, &c, sensitivity, cmd_lang(ctx));
	} else if (format == FORMAT_CSV) {
		write_csv(ctx->questionnaire, &c, sensitivity, cmd_lang(ctx));
	} else if (format == FORMAT_JSON) {
		json_write_comparison(stdout, ctx->questionnaire, &c, sensitivity, weights,
				      cmd_lang(ctx));
	} else {
		struct comparison_input in = {0};
		unsigned char *pdf = NULL;
		size_t size;
		char *fonts[FONT_FACES];
		char *path = output_path(output);

		if (path == NULL) {
			status = EXIT_IO;
			goto out;
		}
		cmd_font_paths(fonts);
		in.q = ctx->questionnaire;
		in.c = &c;
		in.lang = cmd_lang(ctx);
		in.sensitivity = sensitivity;
		in.weights = weights;
		in.marking = marking;
		in.date = date;
		for (int i = 0; i < FONT_FACES; i++)
			in.font_paths[i] = fonts[i];
		for (size_t i = 0; i < n; i++)
			in.sample |= entries[i].info && entries[i].info->demo;
		if (report_write_comparison(&in, &pdf, &size, &err) < 0 ||
		    file_write_atomic(path, pdf, size, &err) < 0) {
			cmd_error("%s", err.message);
			status = err.status;
		} else {
			term_print_line(stdout, "%s", path);
		}
		free(path);
		free(pdf);
		for (int i = 0; i < FONT_FACES; i++)
			free(fonts[i]);
	}
out:
	compare_release(&c);
	free(entries);
	loaded_release(&l);
	return status;
}

const struct cmd cmd_compare = {
	.name = "compare",
	.summary = "rank and compare countries, regions and cycles",
	.usage = "usage: cirt compare [--region R] [--cycle YEAR] [--countries CC,CC,...]\n"
		 "                    [--format pdf|table|csv|json] [-o FILE|DIR]\n"
		 "                    [--weights FILE] [--sensitivity] [--marking TEXT]\n"
		 "                    [--lang L] [--db FILE]\n"
		 "\n"
		 "Compare assessments made with the questionnaire: by default the latest\n"
		 "cycle of every country in the database. The PDF (default\n"
		 "reports/comparison.pdf) has a ranking table, a heat map of countries by\n"
		 "pillar, regional means per pillar, the distribution of overall scores\n"
		 "and each country's change since its previous cycle; CSV and JSON carry\n"
		 "the same figures. The table, for the terminal, has the ranking with\n"
		 "each pillar's points, as wide as the terminal. Equal scores share a\n"
		 "rank and are marked tied; incomplete assessments are marked, never\n"
		 "dropped.\n"
		 "\n"
		 "Options:\n"
		 "  --region R         only countries of ITU region R (AFR, AMS, ARB, ASP,\n"
		 "                     CIS, EUR)\n"
		 "  --cycle YEAR       that cycle instead of each country's latest\n"
		 "  --countries LIST   only these countries (codes separated by commas)\n"
		 "  --format F         pdf (default), table, csv or json (all but PDF to\n"
		 "                     stdout)\n"
		 "  -o, --output FILE  where the PDF goes (readable only by you, mode 0600);\n"
		 "                     a folder (existing, or a name ending in /) takes it\n"
		 "                     as comparison.pdf\n"
		 "  --marking TEXT     a confidentiality marking on every page of the PDF\n"
		 "  --weights FILE     recompute every score with other pillar and\n"
		 "                     indicator weights (see README)\n"
		 "  --sensitivity      add each country's best and worst rank when each\n"
		 "                     pillar's weight in turn moves by 25% either way\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_CYCLE | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE,
	.run = run_compare,
};
