/* cirt report: printable PDF country reports. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "country.h"
#include "doc.h"
#include "exitcode.h"
#include "file.h"
#include "render.h"
#include "report.h"
#include "score.h"
#include "score_kept.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

/* Every assessment in the database, scored once. */
struct scored {
	struct assessment a;
	struct answer_set answers;
	struct score_result score;
	const struct country *info; /* NULL for a code not in the register */
	int usable;		    /* made with the loaded questionnaire */
	int scored;		    /* score holds its score */
	struct meeting *meetings;   /* for the wanted ones */
	size_t meeting_count;
	struct chain_conflict *conflicts;
	size_t conflict_count;
	struct attachment *attachments; /* metadata, for the wanted ones */
	size_t attachment_count;
	struct finding *findings; /* the team's words, for the wanted ones */
	size_t finding_count;
};

struct options {
	const char *output;
	const char *marking;
	int letter;
	int all;
	int names;
	int include_drafts; /* drafts count in the means */
	int docx;	    /* --format docx: a Word document, not a PDF */
	long jobs;
	time_t date;
	const char *fonts[FONT_FACES];
};

static void
scored_release(struct scored *list, size_t count)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		if (list[i].scored)
			score_result_release(&list[i].score);
		answer_set_release(&list[i].answers);
		for (size_t k = 0; k < list[i].meeting_count; k++)
			meeting_release(&list[i].meetings[k]);
		free(list[i].meetings);
		store_conflicts_release(list[i].conflicts, list[i].conflict_count);
		attachments_release(list[i].attachments, list[i].attachment_count);
		store_findings_release(list[i].findings, list[i].finding_count);
		assessment_release(&list[i].a);
	}
	free(list);
}

static int
wanted(const struct cmd_context *ctx, const struct scored *s, long long target)
{
	if (!s->usable)
		return 0;
	if (target)
		return s->a.id == target;
	return ctx->cycle == 0 || s->a.cycle == ctx->cycle;
}

/* Whether list[i] is needed for the reports on the wanted assessments:
 * one of them, or in the cycle of one (the means), or an earlier cycle of
 * a wanted country (the progress). latest[k] is the latest cycle wanted
 * of the country of list[k] (0 for none), cycles the cycles wanted. */
static int
needed(const struct scored *list, size_t i, const int *latest, const int *cycles, size_t ncycles)
{
	const struct scored *s = &list[i];

	if (!s->usable)
		return 0;
	for (size_t k = 0; k < ncycles; k++)
		if (cycles[k] == s->a.cycle)
			return 1;
	return s->a.cycle < latest[i];
}

/* For needed(): the cycles wanted, and for each assessment the latest
 * cycle wanted of its country, in O(n log n). */
static int
by_country(const void *x, const void *y)
{
	const struct scored *a = *(const struct scored *const *)x;
	const struct scored *b = *(const struct scored *const *)y;

	return strcmp(a->a.country, b->a.country);
}

static void
wanted_cycles(const struct cmd_context *ctx, const struct scored *list, size_t count,
	      long long target, int *latest, int *cycles, size_t *ncycles)
{
	const struct scored **order = xcalloc(count + 1, sizeof(*order));

	*ncycles = 0;
	for (size_t i = 0; i < count; i++) {
		size_t k = 0;

		order[i] = &list[i];
		if (!wanted(ctx, &list[i], target))
			continue;
		while (k < *ncycles && cycles[k] != list[i].a.cycle)
			k++;
		if (k == *ncycles)
			cycles[(*ncycles)++] = list[i].a.cycle;
	}
	qsort(order, count, sizeof(*order), by_country);
	for (size_t start = 0, end; start < count; start = end) {
		int most = 0;

		for (end = start; end < count && by_country(&order[start], &order[end]) == 0; end++)
			if (wanted(ctx, order[end], target) && order[end]->a.cycle > most)
				most = order[end]->a.cycle;
		for (size_t k = start; k < end; k++)
			latest[order[k] - list] = most;
	}
	free(order);
}

/* The assessments in the database; those needed are scored: the wanted
 * ones from their answers (kept, with their meetings, conflicts,
 * attachments and findings), the others from the summaries the store
 * keeps (score_kept.h). target is one assessment's id, or 0 for --all. */
static int
load_all(struct cmd_context *ctx, long long target, int target_cycle, const char *target_country,
	 struct scored *out_list[], size_t *count)
{
	struct assessment *list;
	struct error err = {0};
	struct scored *out;
	struct assessment *plain;
	struct score_result *scores;
	unsigned char *need;
	unsigned char *done;
	int *latest;
	int *cycles;
	size_t ncycles;
	int status = EXIT_OK;

	/* one report compares with its cycle and its country's other cycles */
	if ((target ? store_assessment_list_around(ctx->store, target_cycle, target_country, &list,
						   count, &err)
		    : store_assessment_list(ctx->store, &list, count, &err)) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	out = xcalloc(*count + 1, sizeof(*out));
	*out_list = out;
	for (size_t i = 0; i < *count; i++) {
		out[i].a = list[i];
		out[i].info = country_find(list[i].country);
		out[i].usable = strcmp(list[i].questionnaire_id, ctx->questionnaire->id) == 0;
	}
	free(list);
	need = xcalloc(*count + 1, 1);
	done = xcalloc(*count + 1, 1);
	latest = xcalloc(*count + 1, sizeof(*latest));
	cycles = xcalloc(*count + 1, sizeof(*cycles));
	wanted_cycles(ctx, out, *count, target, latest, cycles, &ncycles);
	for (size_t i = 0; i < *count; i++) {
		struct scored *s = &out[i];

		if (!needed(out, i, latest, cycles, ncycles))
			continue;
		if (!wanted(ctx, s, target)) {
			need[i] = 1;
			continue;
		}
		if (store_answers_load(ctx->store, s->a.id, &s->answers, &err) < 0 ||
		    store_meetings_load(ctx->store, s->a.id, &s->meetings, &s->meeting_count,
					&err) < 0 ||
		    store_conflicts_load(ctx->store, s->a.id, &s->conflicts, &s->conflict_count,
					 &err) < 0 ||
		    store_attachments_load(ctx->store, s->a.id, 0, &s->attachments,
					   &s->attachment_count, &err) < 0 ||
		    store_findings_load(ctx->store, s->a.id, &s->findings, &s->finding_count,
					&err) < 0) {
			cmd_error("%s", err.message);
			status = err.status;
			goto out;
		}
		score_assessment(ctx->questionnaire, &s->answers, &s->score);
		s->scored = 1;
	}
	/* the others, from kept summaries */
	plain = xcalloc(*count + 1, sizeof(*plain));
	scores = xcalloc(*count + 1, sizeof(*scores));
	for (size_t i = 0; i < *count; i++)
		plain[i] = out[i].a;
	if (score_kept(ctx->store, ctx->questionnaire, plain, *count, need, scores, done, &err) <
	    0) {
		cmd_error("%s", err.message);
		status = err.status;
	}
	for (size_t i = 0; i < *count; i++)
		if (done[i]) {
			out[i].score = scores[i];
			out[i].scored = 1;
		}
	free(plain);
	free(scores);
out:
	free(latest);
	free(cycles);
	free(need);
	free(done);
	return status;
}

/* Whether s has an answer at all: a report on nothing is refused, and an
 * assessment with nothing answered never counts in a mean. */
static int
answered(const struct scored *s)
{
	return s->scored && s->score.answered > 0;
}

/* Whether o counts in the regional and global means of a report on cycle:
 * an assessment of that cycle with answers, final (or a draft too, with
 * include_drafts). The country of the report is one of them on the same
 * terms, so every report of a cycle shows the same means. */
static int
in_means(const struct scored *o, int cycle, int include_drafts)
{
	return answered(o) && o->a.cycle == cycle && (o->a.final || include_drafts);
}

/* Fill the comparison and previous-cycle parts of the report's input: the
 * counts are those of the assessments the means are taken over. */
static void
compare(const struct scored *list, size_t count, size_t me, int include_drafts,
	struct report_input *in)
{
	const struct scored *self = &list[me];
	double region_sum = 0;
	double global_sum = 0;

	for (size_t i = 0; i < count; i++) {
		const struct scored *o = &list[i];

		if (!o->scored)
			continue;
		if (in_means(o, self->a.cycle, include_drafts)) {
			global_sum += o->score.overall;
			in->global_count++;
			if (self->info && o->info && o->info->region == self->info->region) {
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

/* Warn about a text of the record with characters no font of the report
 * has (fonts.h): the report is still written, with U+FFFD in their
 * place. where says which text it is: "question 'L1' answer". */
static void
warn_missing(struct fonts *faces, const struct scored *s, const char *where, const char *text)
{
	char *list = fonts_missing_list(faces, text, 5);

	if (list == NULL)
		return;
	cmd_warning("%s-%d: %s: no font has %s; it prints as U+FFFD", s->a.country, s->a.cycle,
		    where, list);
	free(list);
}

/* Every answer, evidence, note, finding and meeting of s whose text has a
 * character the report cannot print, named on stderr. */
static void
warn_missing_glyphs(const struct options *o, const struct scored *s)
{
	static const char *const parts[3] = {"answer", "evidence", "note"};
	struct fonts faces;

	fonts_init(&faces, o->fonts);
	for (size_t i = 0; i < s->answers.count; i++) {
		const struct answer *a = &s->answers.items[i];
		const char *texts[3] = {a->value, a->evidence, a->comment};

		for (int k = 0; k < 3; k++) {
			char *where = xasprintf("question '%s' %s", a->question_id, parts[k]);

			warn_missing(&faces, s, where, texts[k]);
			free(where);
		}
	}
	for (size_t i = 0; i < s->finding_count; i++) {
		const struct finding *f = &s->findings[i];
		char *where = *f->pillar ? xasprintf("findings on pillar '%s'", f->pillar)
					 : xstrdup("summary");

		warn_missing(&faces, s, where, f->text);
		free(where);
	}
	for (size_t i = 0; i < s->meeting_count; i++) {
		const struct meeting *m = &s->meetings[i];
		char *where = xasprintf("meeting with '%s'", m->organisation);

		warn_missing(&faces, s, where, m->organisation);
		warn_missing(&faces, s, where, m->people);
		free(where);
	}
	fonts_release(&faces);
}

static int
write_one(struct cmd_context *ctx, const struct options *o, const struct scored *list, size_t count,
	  size_t me, const char *path, int quiet)
{
	const struct scored *s = &list[me];
	struct report_input in = {0};
	struct error err = {0};
	unsigned char *pdf;
	size_t size;

	in.q = ctx->questionnaire;
	in.a = &s->a;
	in.country = s->info;
	in.answers = &s->answers;
	in.score = &s->score;
	in.lang = cmd_lang(ctx);
	in.marking = o->marking;
	in.letter = o->letter;
	in.sample = in.country && in.country->demo;
	in.date = o->date;
	for (int i = 0; i < FONT_FACES; i++)
		in.font_paths[i] = o->fonts[i];
	in.meetings = s->meetings;
	in.meeting_count = s->meeting_count;
	in.names = o->names;
	in.conflicts = s->conflicts;
	in.conflict_count = s->conflict_count;
	in.attachments = s->attachments;
	in.attachment_count = s->attachment_count;
	in.findings = s->findings;
	in.finding_count = s->finding_count;
	in.include_drafts = o->include_drafts;
	compare(list, count, me, o->include_drafts, &in);
	warn_missing_glyphs(o, s);
	{
		struct doc *d = report_build(&in);
		int built = o->docx ? render_docx(d, in.font_paths, &pdf, &size, &err)
				    : render_pdf(d, in.font_paths, &pdf, &size, &err);

		doc_free(d);
		if (built < 0) {
			cmd_error("%s", err.message);
			return err.status;
		}
	}
	if (file_write_atomic(path, pdf, size, &err) < 0) {
		cmd_error("%s", err.message);
		free(pdf);
		return err.status;
	}
	free(pdf);
	if (!quiet)
		term_print_line(stdout, "%s", path);
	return EXIT_OK;
}

/* The file of s's report in dir: dir/CC-YEAR.pdf, or .docx (a "/" at the
 * end of dir is not doubled). Owned by the caller. */
static char *
report_path(const char *dir, const struct scored *s, int docx)
{
	int len = (int)strlen(dir);

	while (len > 0 && dir[len - 1] == '/')
		len--;
	return xasprintf("%.*s/%s-%d.%s", len, dir, s->a.country, s->a.cycle,
			 docx ? "docx" : "pdf");
}

/* Whether --all writes a report on s: wanted, and with answers. */
static int
reported(const struct cmd_context *ctx, const struct scored *s)
{
	return wanted(ctx, s, 0) && answered(s);
}

/* Worker w of jobs writes every jobs-th wanted report, starting at its own. */
static int
write_share(struct cmd_context *ctx, const struct options *o, const struct scored *list,
	    size_t count, const char *dir, long w, long jobs, int quiet)
{
	long n = 0;
	int status = EXIT_OK;

	for (size_t i = 0; i < count && status == EXIT_OK; i++) {
		char *path;

		if (!reported(ctx, &list[i]) || n++ % jobs != w)
			continue;
		path = report_path(dir, &list[i], o->docx);
		status = write_one(ctx, o, list, count, i, path, quiet);
		free(path);
	}
	return status;
}

/*
 * --all on several cores: the data is loaded and scored once, then forked
 * workers each lay out a share. A worker touches neither the database nor
 * stdout, and dies with the command; the command prints the paths in the
 * order one process would once every worker has succeeded.
 */
static int
write_all(struct cmd_context *ctx, const struct options *o, const struct scored *list, size_t count,
	  const char *dir)
{
	pid_t pids[64];
	pid_t parent = getpid();
	long started = 0;
	int status;

	if (o->jobs <= 1)
		return write_share(ctx, o, list, count, dir, 0, 1, 0);
	fflush(NULL);
	for (long w = 1; w < o->jobs; w++) {
		pid_t pid = fork();

		if (pid < 0) {
			cmd_error("cannot start a worker: %s", strerror(errno));
			break;
		}
		if (pid == 0) {
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
				_exit(EXIT_IO);
			status = write_share(ctx, o, list, count, dir, w, o->jobs, 1);
			fflush(NULL);
			_exit(status);
		}
		pids[started++] = pid;
	}
	status = started == o->jobs - 1 ? write_share(ctx, o, list, count, dir, 0, o->jobs, 1)
					: EXIT_IO;
	for (long w = 0; w < started; w++) {
		int ws;

		while (waitpid(pids[w], &ws, 0) < 0)
			if (errno != EINTR) {
				ws = EXIT_IO << 8;
				break;
			}
		if (status == EXIT_OK && !(WIFEXITED(ws) && WEXITSTATUS(ws) == EXIT_OK))
			status = WIFEXITED(ws) ? WEXITSTATUS(ws) : EXIT_IO;
	}
	if (status != EXIT_OK)
		return status;
	for (size_t i = 0; i < count; i++) {
		char *path;

		if (!reported(ctx, &list[i]))
			continue;
		path = report_path(dir, &list[i], o->docx);
		term_print_line(stdout, "%s", path);
		free(path);
	}
	return EXIT_OK;
}

/* Workers for --all: one per core, at most 8. */
static long
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : n;
}

static int
ensure_folder(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		cmd_error("cannot write into '%s': it is not a folder", dir);
		return -1;
	}
	if (mkdir(dir, 0755) == 0)
		return 0;
	cmd_error("cannot create folder '%s': %s", dir, strerror(errno));
	return -1;
}

/* Where the report on s goes: -o FILE as given; its default name,
 * CC-YEAR.pdf, in the folder -o names when that is a folder or ends in
 * "/", or in reports/ without -o (a folder created when missing; its
 * parent must exist). Returns the path (owned by the caller), or NULL
 * after saying what is wrong. */
static char *
output_path(const char *output, const struct scored *s, int docx)
{
	const char *dir = "reports";

	if (output) {
		struct stat st;
		size_t len = strlen(output);

		if ((stat(output, &st) < 0 || !S_ISDIR(st.st_mode)) &&
		    (len == 0 || output[len - 1] != '/'))
			return xstrdup(output);
		dir = output;
	}
	if (ensure_folder(dir) < 0)
		return NULL;
	return report_path(dir, s, docx);
}

static int
run_report(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_PAPER = 1, OPT_ALL, OPT_MARKING, OPT_JOBS, OPT_NAMES, OPT_DRAFTS, OPT_FORMAT };
	static const struct option options[] = {
		{"paper", required_argument, NULL, OPT_PAPER},
		{"all", no_argument, NULL, OPT_ALL},
		{"marking", required_argument, NULL, OPT_MARKING},
		{"jobs", required_argument, NULL, OPT_JOBS},
		{"names", no_argument, NULL, OPT_NAMES},
		{"include-drafts", no_argument, NULL, OPT_DRAFTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	struct options o = {0};
	char *fonts[FONT_FACES];
	struct scored *list = NULL;
	size_t count = 0;
	int status = EXIT_OK;
	int ch;
	size_t written = 0;
	long long target = 0;
	int target_cycle = 0;
	char target_country[3] = "";
	double started;

	o.jobs = default_jobs();
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
		case OPT_NAMES:
			o.names = 1;
			break;
		case OPT_DRAFTS:
			o.include_drafts = 1;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "pdf") != 0 && strcmp(optarg, "docx") != 0)
				return cmd_usage_error(self, "unknown format '%s'; use pdf or docx",
						       optarg);
			o.docx = strcmp(optarg, "docx") == 0;
			break;
		case OPT_JOBS: {
			char *end;

			errno = 0;
			o.jobs = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || o.jobs < 1 || o.jobs > 64)
				return cmd_usage_error(
					self, "--jobs takes a number from 1 to 64, not '%s'",
					optarg);
			break;
		}
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
	if (cmd_pdf_date(&o.date) != 0)
		return EXIT_USAGE;
	cmd_font_paths(fonts);
	for (int i = 0; i < FONT_FACES; i++)
		o.fonts[i] = fonts[i];

	if (!o.all) {
		struct assessment a;

		status = cmd_assessment(ctx, 0, &a);
		if (status != EXIT_OK)
			goto out;
		target = a.id;
		target_cycle = a.cycle;
		memcpy(target_country, a.country, sizeof(target_country));
		assessment_release(&a);
	}
	started = cmd_now_ms();
	status = load_all(ctx, target, target_cycle, target_country, &list, &count);
	if (status != EXIT_OK || list == NULL)
		goto out;
	cmd_timing("read and score", cmd_now_ms() - started);
	started = cmd_now_ms();
	if (o.all) {
		const char *dir = o.output ? o.output : "reports";
		size_t empty = 0;

		for (size_t i = 0; i < count; i++) {
			written += reported(ctx, &list[i]);
			if (wanted(ctx, &list[i], 0) && !answered(&list[i])) {
				char *hint = cmd_resume_command(ctx, &list[i].a);

				cmd_warning("%s %d has no answers yet, so no report on it; record "
					    "some with '%s'",
					    list[i].a.country, list[i].a.cycle, hint);
				free(hint);
				empty++;
			}
		}
		if (written == 0) {
			if (empty)
				cmd_error("no report written: no assessment in '%s'%s has answers "
					  "yet",
					  ctx->db_path, ctx->cycle ? " for that cycle" : "");
			else
				cmd_error("no assessment to report on in '%s'%s", ctx->db_path,
					  ctx->cycle ? " for that cycle" : "");
			status = EXIT_DATA;
			goto out;
		}
		if (ensure_folder(dir) < 0) {
			status = EXIT_IO;
			goto out;
		}
		if (o.jobs > (long)written)
			o.jobs = (long)written;
		status = write_all(ctx, &o, list, count, dir);
	} else {
		size_t me = count;
		char *path;

		for (size_t i = 0; i < count; i++)
			if (list[i].a.id == target && list[i].scored)
				me = i;
		if (me == count) {
			status = EXIT_DATA;
			goto out;
		}
		if (!answered(&list[me])) {
			char *hint = cmd_resume_command(ctx, &list[me].a);

			cmd_error("%s %d has no answers yet; record some with '%s' before making "
				  "a report",
				  list[me].a.country, list[me].a.cycle, hint);
			free(hint);
			status = EXIT_DATA;
			goto out;
		}
		path = output_path(o.output, &list[me], o.docx);
		if (path == NULL) {
			status = EXIT_IO;
			goto out;
		}
		status = write_one(ctx, &o, list, count, me, path, 0);
		free(path);
	}
	if (status == EXIT_OK)
		cmd_timing("lay out and write", cmd_now_ms() - started);
out:
	scored_release(list, count);
	for (int i = 0; i < FONT_FACES; i++)
		free(fonts[i]);
	return status;
}

const struct cmd cmd_report = {
	.name = "report",
	.summary = "write printable PDF country reports",
	.usage = "usage: cirt report --country CC [--cycle YEAR] [-o FILE|DIR] [options]\n"
		 "       cirt report --all [--cycle YEAR] [-o DIR] [options]\n"
		 "\n"
		 "Write the country report as a PDF: cover, executive summary with a radar\n"
		 "chart of the pillars, one section per pillar with its indicators and\n"
		 "every answer and where it came from, recommendations ordered by the\n"
		 "points they would add and the path to the next tier, open items,\n"
		 "progress since the previous cycle, the stakeholders consulted, and the\n"
		 "methodology with the head hash of the record the report was made from\n"
		 "(check it later with 'cirt verify --expect HASH'). The default file is "
		 "reports/CC-YEAR.pdf;\n"
		 "--all writes one per assessment into reports/ (or DIR). An assessment\n"
		 "with nothing answered has no report: it is refused (with --all,\n"
		 "skipped with a warning). The regional and global means are those of\n"
		 "the final assessments of the report's cycle that have answers, the\n"
		 "country's own among them when it is final (--include-drafts: drafts\n"
		 "too). Files are written atomically, readable only by you (mode 0600),\n"
		 "and no temporary file outlives cirt; with SOURCE_DATE_EPOCH set, the\n"
		 "same database gives the same bytes.\n"
		 "\n"
		 "Options:\n"
		 "  --lang L          the report's language (en, fr, es, or any language\n"
		 "                    the questionnaire has)\n"
		 "  --paper P         a4 (default) or letter\n"
		 "  --marking TEXT    a confidentiality marking on the cover and every page\n"
		 "  --names           name the people met in the stakeholders annex (by\n"
		 "                    default only their roles and organisations)\n"
		 "  --jobs N          with --all, write N reports at a time (default: one\n"
		 "                    per core, at most 8); the files are the same\n"
		 "  --include-drafts  count draft assessments in the regional and global\n"
		 "                    means too\n"
		 "  --format F        pdf (default) or docx: the same report as a Word\n"
		 "                    document to edit (CC-YEAR.docx)\n"
		 "  -o, --output F    the file to write; a folder (existing, or a name\n"
		 "                    ending in /) takes the report under its default\n"
		 "                    name; with --all, the folder to write into\n"
		 "\n"
		 "Fonts: DejaVu Sans from $CIRT_FONT_DIR, else " CMD_FONT_DIR ";\n"
		 "Chinese, Japanese and Korean from $CIRT_CJK_FONT, else\n"
		 "  " FONTS_CJK_FILE ";\n"
		 "other scripts in FreeSans from $CIRT_EXTRA_FONT_DIR, else\n"
		 "  " FONTS_EXTRA_DIR ".\n"
		 "A character no font has prints as U+FFFD, with a warning naming the\n"
		 "answer, evidence, note, finding or meeting it is in.\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE,
	.run = run_report,
};
