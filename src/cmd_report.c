/* cirt report: printable PDF country reports. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "file.h"
#include "report.h"
#include "score.h"
#include "store.h"
#include "xmalloc.h"

#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

/* Every assessment in the database, scored once. */
struct scored {
	struct assessment a;
	struct answer_set answers;
	struct score_result score;
	int usable; /* made with the loaded questionnaire */
};

struct options {
	const char *output;
	const char *marking;
	int letter;
	int all;
	unsigned mode;
	time_t date;
	const char *fonts[2];
};

static void
scored_release(struct scored *list, size_t count)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		if (list[i].usable)
			score_result_release(&list[i].score);
		answer_set_release(&list[i].answers);
		assessment_release(&list[i].a);
	}
	free(list);
}

static int
load_all(struct cmd_context *ctx, struct scored **out, size_t *count)
{
	struct assessment *list;
	struct error err = {0};

	if (store_assessment_list(ctx->store, &list, count, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	*out = xcalloc(*count + 1, sizeof(**out));
	for (size_t i = 0; i < *count; i++) {
		struct scored *s = &(*out)[i];

		s->a = list[i];
		if (store_answers_load(ctx->store, s->a.id, &s->answers, &err) < 0) {
			cmd_error("%s", err.message);
			free(list);
			return err.status;
		}
		s->usable = strcmp(s->a.questionnaire_id, ctx->questionnaire->id) == 0;
		if (s->usable)
			score_assessment(ctx->questionnaire, &s->answers, &s->score);
	}
	free(list);
	return EXIT_OK;
}

/* Fill the comparison and previous-cycle parts of the report's input. */
static void
compare(const struct scored *list, size_t count, size_t me, struct report_input *in)
{
	const struct scored *self = &list[me];
	const struct country *c = country_find(self->a.country);
	double region_sum = 0;
	double global_sum = 0;

	for (size_t i = 0; i < count; i++) {
		const struct scored *o = &list[i];
		const struct country *oc = country_find(o->a.country);

		if (!o->usable)
			continue;
		if (o->a.cycle == self->a.cycle) {
			global_sum += o->score.overall;
			in->global_count++;
			if (c && oc && oc->region == c->region) {
				region_sum += o->score.overall;
				in->region_count++;
			}
		}
		if (strcmp(o->a.country, self->a.country) == 0 && o->a.cycle < self->a.cycle &&
		    (in->previous == NULL || o->a.cycle > in->previous_cycle)) {
			in->previous = &o->score;
			in->previous_cycle = o->a.cycle;
		}
	}
	in->global_mean = in->global_count ? global_sum / (double)in->global_count : 0;
	in->region_mean = in->region_count ? region_sum / (double)in->region_count : 0;
}

static int
write_one(struct cmd_context *ctx, const struct options *o, const struct scored *list, size_t count,
	  size_t me, const char *path)
{
	const struct scored *s = &list[me];
	struct report_input in = {0};
	struct error err = {0};
	unsigned char *pdf;
	size_t size;

	in.q = ctx->questionnaire;
	in.a = &s->a;
	in.country = country_find(s->a.country);
	in.answers = &s->answers;
	in.score = &s->score;
	in.lang = cmd_lang(ctx);
	in.marking = o->marking;
	in.letter = o->letter;
	in.sample = in.country && in.country->demo;
	in.date = o->date;
	in.font_paths[0] = o->fonts[0];
	in.font_paths[1] = o->fonts[1];
	compare(list, count, me, &in);
	if (report_write(&in, &pdf, &size, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (file_write_atomic(path, pdf, size, o->mode, &err) < 0) {
		cmd_error("%s", err.message);
		free(pdf);
		return err.status;
	}
	free(pdf);
	printf("%s\n", path);
	return EXIT_OK;
}

/* The report's date: $SOURCE_DATE_EPOCH for reproducible output, else now. */
static int
report_date(time_t *date)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	*date = time(NULL);
	if (env == NULL || *env == '\0')
		return 0;
	errno = 0;
	v = strtoll(env, &end, 10);
	if (errno || *end || v < 0) {
		cmd_error("SOURCE_DATE_EPOCH '%s' is not a number of seconds", env);
		return -1;
	}
	*date = (time_t)v;
	return 0;
}

static int
ensure_folder(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0)
		return 0;
	if (mkdir(dir, 0755) == 0)
		return 0;
	cmd_error("cannot create folder '%s': %s", dir, strerror(errno));
	return -1;
}

static int
run_report(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_PAPER = 1, OPT_ALL, OPT_MARKING, OPT_PRIVATE };
	static const struct option options[] = {
		{"paper", required_argument, NULL, OPT_PAPER},
		{"all", no_argument, NULL, OPT_ALL},
		{"marking", required_argument, NULL, OPT_MARKING},
		{"private", no_argument, NULL, OPT_PRIVATE},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	struct options o = {0};
	const char *font_dir = getenv("CIRT_FONT_DIR");
	char *fonts[2];
	struct scored *list = NULL;
	size_t count = 0;
	int status = EXIT_OK;
	int ch;
	size_t written = 0;

	o.mode = 0644;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		switch (ch) {
		case OPT_PAPER:
			if (strcmp(optarg, "a4") != 0 && strcmp(optarg, "letter") != 0)
				return cmd_usage_error(self, "unknown paper '%s'; use a4 or letter",
						       optarg);
			o.letter = strcmp(optarg, "letter") == 0;
			break;
		case OPT_ALL:
			o.all = 1;
			break;
		case OPT_MARKING:
			o.marking = optarg;
			break;
		case OPT_PRIVATE:
			o.mode = 0600;
			break;
		case 'o':
			o.output = optarg;
			break;
		default:
			return cmd_bad_option(self, ch, argc, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	if (o.all && ctx->country)
		return cmd_usage_error(self, "choose --country or --all, not both");
	if (!o.all && !ctx->country)
		return cmd_usage_error(self, "name the country with --country CC, or use --all");
	if (o.marking && answer_check_text(o.marking, 200, "en", (char[256]){0}, 256) < 0)
		return cmd_usage_error(self, "the marking must be plain text of at most 200 bytes");
	if (report_date(&o.date) < 0)
		return EXIT_USAGE;
	if (font_dir == NULL || *font_dir == '\0')
		font_dir = FONT_DIR;
	fonts[0] = xasprintf("%s/DejaVuSans.ttf", font_dir);
	fonts[1] = xasprintf("%s/DejaVuSans-Bold.ttf", font_dir);
	o.fonts[0] = fonts[0];
	o.fonts[1] = fonts[1];

	status = load_all(ctx, &list, &count);
	if (status != EXIT_OK || list == NULL)
		goto out;
	if (o.all) {
		const char *dir = o.output ? o.output : "reports";

		if (ensure_folder(dir) < 0) {
			status = EXIT_IO;
			goto out;
		}
		for (size_t i = 0; i < count && status == EXIT_OK; i++) {
			char *path;

			if (!list[i].usable || (ctx->cycle && list[i].a.cycle != ctx->cycle))
				continue;
			path = xasprintf("%s/%s-%d.pdf", dir, list[i].a.country, list[i].a.cycle);
			status = write_one(ctx, &o, list, count, i, path);
			free(path);
			written++;
		}
		if (status == EXIT_OK && written == 0) {
			cmd_error("no assessment to report on in '%s'%s", ctx->db_path,
				  ctx->cycle ? " for that cycle" : "");
			status = EXIT_DATA;
		}
	} else {
		struct assessment a;
		size_t me = count;
		char *path;

		status = cmd_assessment(ctx, 0, &a);
		if (status != EXIT_OK)
			goto out;
		for (size_t i = 0; i < count; i++)
			if (list[i].a.id == a.id)
				me = i;
		assessment_release(&a);
		if (me == count) {
			status = EXIT_DATA;
			goto out;
		}
		if (o.output == NULL && ensure_folder("reports") < 0) {
			status = EXIT_IO;
			goto out;
		}
		path = o.output
			? xstrdup(o.output)
			: xasprintf("reports/%s-%d.pdf", list[me].a.country, list[me].a.cycle);
		status = write_one(ctx, &o, list, count, me, path);
		free(path);
	}
out:
	scored_release(list, count);
	free(fonts[0]);
	free(fonts[1]);
	return status;
}

const struct cmd cmd_report = {
	.name = "report",
	.summary = "write printable PDF country reports",
	.usage = "usage: cirt report --country CC [--cycle YEAR] [-o FILE] [options]\n"
		 "       cirt report --all [--cycle YEAR] [-o DIR] [options]\n"
		 "\n"
		 "Write the country report as a PDF: cover, executive summary with a radar\n"
		 "chart of the pillars, one section per pillar with its indicators and\n"
		 "every answer, recommendations ordered by the points they would add and\n"
		 "the path to the next tier, open items, progress since the previous\n"
		 "cycle, and the methodology. The default file is reports/CC-YEAR.pdf;\n"
		 "--all writes one per assessment into reports/ (or DIR). Files are\n"
		 "written atomically; with SOURCE_DATE_EPOCH set, the same database gives\n"
		 "the same bytes.\n"
		 "\n"
		 "Options:\n"
		 "  --lang L          the report's language (en, fr, es, or any language\n"
		 "                    the questionnaire has)\n"
		 "  --paper P         a4 (default) or letter\n"
		 "  --marking TEXT    a confidentiality marking on the cover and every page\n"
		 "  --private         create the files readable only by you (default 0644)\n"
		 "  -o, --output F    the file (or, with --all, the folder) to write\n"
		 "\n"
		 "Fonts: DejaVu Sans from $CIRT_FONT_DIR, else " FONT_DIR ".\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE,
	.run = run_report,
};
