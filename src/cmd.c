/* Helpers shared by the subcommand handlers. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "country.h"
#include "csv.h"
#include "diag.h"
#include "exitcode.h"
#include "questionnaire.h"
#include "store.h"
#include "term.h"
#include "utf8.h"
#include "xmalloc.h"

#ifndef CIRT_DATADIR
#define CIRT_DATADIR "/usr/local/share/cirt"
#endif

/* Print "cirt: PREFIXmessage" to stderr, after what stdout holds; the
 * message may embed a path, an id or a value, so it is printed safely. */
static void __attribute__((format(printf, 2, 0)))
report(const char *prefix, const char *fmt, va_list ap)
{
	char *message = xvasprintf(fmt, ap);

	fflush(stdout);
	fprintf(stderr, "cirt: %s", prefix);
	term_print_safe(stderr, message);
	fputc('\n', stderr);
	free(message);
}

void
cmd_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap);
	va_end(ap);
}

void
cmd_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("warning: ", fmt, ap);
	va_end(ap);
}

int
cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'cirt %s --help'.\n", c->name);
	return EXIT_USAGE;
}

/* The edit distance (insertions, deletions, substitutions) between a and
 * b, or more than limit when it is; for suggestions between short words. */
static size_t
edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
	/* insertions, deletions, substitutions and, as one edit, two
	 * neighbours swapped ("scroe" is one from "score"): three rows */
	size_t *rows;
	size_t *before;
	size_t *last;
	size_t *row;
	size_t d;

	if ((na > nb ? na - nb : nb - na) > limit)
		return limit + 1;
	rows = xcalloc(3 * (nb + 1), sizeof(*rows));
	before = rows;
	last = rows + nb + 1;
	row = rows + 2 * (nb + 1);
	for (size_t j = 0; j <= nb; j++)
		last[j] = j;
	for (size_t i = 1; i <= na; i++) {
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t best = last[j - 1] + (a[i - 1] != b[j - 1]);

			if (last[j] + 1 < best)
				best = last[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			row[j] = best;
		}
		size_t *spare = before;

		before = last;
		last = row;
		row = spare;
	}
	d = last[nb];
	free(rows);
	return d;
}

const char *
cmd_closest(const char *word, const char *const *candidates, size_t count)
{
	size_t n = strlen(word);
	size_t limit = n < 4 ? 1 : n < 9 ? 2 : 3;
	const char *best = NULL;

	for (size_t i = 0; i < count; i++) {
		size_t d = edit_distance(word, n, candidates[i], strlen(candidates[i]), limit);

		if (d <= limit) {
			best = candidates[i];
			limit = d;
		}
	}
	return best;
}

/* The long options that c's usage mentions ("--country", "--format"), as
 * an array of strings ending with NULL; free the array and each. */
static char **
usage_options(const struct cmd *c)
{
	char **names = NULL;
	size_t count = 0;

	for (const char *p = strstr(c->usage, "--"); p; p = strstr(p, "--")) {
		size_t n = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-");

		if (n > 0 && (p == c->usage || strchr(" [(|,", p[-1]))) {
			char *name = xstrndup(p, n + 2);
			int seen = 0;

			for (size_t i = 0; i < count && !seen; i++)
				seen = strcmp(names[i], name) == 0;
			if (seen) {
				free(name);
			} else {
				names = xreallocarray(names, count + 2, sizeof(*names));
				names[count++] = name;
			}
		}
		p += 2 + n;
	}
	names = xreallocarray(names, count + 1, sizeof(*names));
	names[count] = NULL;
	return names;
}

static void
names_free(char **names)
{
	for (size_t i = 0; names[i]; i++)
		free(names[i]);
	free(names);
}

int
cmd_unknown_option(const struct cmd *c, const char *arg)
{
	char **names = usage_options(c);
	size_t count = 0;
	char *name = xstrndup(arg, strcspn(arg, "="));
	const char *near;

	while (names[count])
		count++;
	near = strncmp(name, "--", 2) == 0 ? cmd_closest(name, (const char *const *)names, count)
					   : NULL;
	if (near)
		cmd_usage_error(c, "unknown option '%s'; did you mean '%s'?", arg, near);
	else
		cmd_usage_error(c, "unknown option '%s'", arg);
	free(name);
	names_free(names);
	return EXIT_USAGE;
}

const char *
cmd_find_unknown_option(const struct cmd *c, int argc, char **argv)
{
	char **names = usage_options(c);
	const char *unknown = NULL;

	for (int i = 1; i < argc && unknown == NULL && strcmp(argv[i], "--") != 0; i++) {
		size_t n = strcspn(argv[i], "=");
		int known = 0;

		if (strncmp(argv[i], "--", 2) != 0 || n == 2)
			continue;
		/* getopt takes a start of a name too */
		for (size_t k = 0; names[k] && !known; k++)
			known = strncmp(names[k], argv[i], n) == 0;
		if (!known)
			unknown = argv[i];
	}
	names_free(names);
	return unknown;
}

void
cmd_print_diagnostics(const struct diag *d)
{
	fflush(stdout);
	for (size_t i = 0; i < d->count; i++)
		term_print_line(stderr, "%s", d->messages[i]);
}

void
cmd_csv_field(const char *s)
{
	static int terminal = -1;

	if (terminal < 0)
		terminal = isatty(STDOUT_FILENO);
	if (terminal && s) {
		char *safe = term_safe(s);

		csv_write_field(stdout, safe);
		free(safe);
	} else {
		csv_write_field(stdout, s);
	}
}

int
cmd_bad_option(const struct cmd *c, int ch, int argc, char **argv)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";

	if (ch == ':')
		return cmd_usage_error(c, "option '%s' needs a value", arg);
	if (optopt)
		return cmd_usage_error(c, "unknown option '-%c'", optopt);
	return cmd_unknown_option(c, arg);
}

int
cmd_no_options(const struct cmd *c, int argc, char **argv, int *first)
{
	static const struct option none[] = {{NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	optind = 1;
	ch = getopt_long(argc, argv, ":", none, NULL);
	if (ch != -1)
		return cmd_bad_option(c, ch, argc, argv);
	*first = optind;
	return 0;
}

int
cmd_yes_option(const struct cmd *c, int argc, char **argv, int *yes, int *first)
{
	static const struct option options[] = {
		{"yes", no_argument, NULL, 'y'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	*yes = 0;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch != 'y')
			return cmd_bad_option(c, ch, argc, argv);
		*yes = 1;
	}
	*first = optind;
	return 0;
}

int
cmd_no_arguments(const struct cmd *c, int argc, char **argv)
{
	int first = argc;

	if (cmd_no_options(c, argc, argv, &first) != 0)
		return EXIT_USAGE;
	if (first < argc)
		return cmd_usage_error(c, "unexpected argument '%s'", argv[first]);
	return 0;
}

void
cmd_font_paths(char *fonts[FONT_FACES])
{
	fonts_find_paths(fonts);
}

int
cmd_pdf_date(time_t *date)
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
		return EXIT_USAGE;
	}
	*date = (time_t)v;
	return 0;
}

int
cmd_format_option(const struct cmd *c, int argc, char **argv, enum output_format *format)
{
	enum { OPT_FORMAT = 1 };
	static const struct option options[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{NULL, 0, NULL, 0},
	};
	int ch;

	*format = OUTPUT_TABLE;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch != OPT_FORMAT)
			return cmd_bad_option(c, ch, argc, argv);
		if (strcmp(optarg, "table") == 0)
			*format = OUTPUT_TABLE;
		else if (strcmp(optarg, "csv") == 0)
			*format = OUTPUT_CSV;
		else if (strcmp(optarg, "json") == 0)
			*format = OUTPUT_JSON;
		else
			return cmd_usage_error(c, "unknown format '%s'; use table, csv or json",
					       optarg);
	}
	if (optind < argc)
		return cmd_usage_error(c, "unexpected argument '%s'", argv[optind]);
	return 0;
}

#define LOCAL_QUESTIONNAIRE "questionnaires/cirt-readiness.xml"
#define INSTALLED_QUESTIONNAIRE CIRT_DATADIR "/questionnaires/cirt-readiness.xml"

const char *
cmd_default_questionnaire(void)
{
	const char *env = getenv("CIRT_QUESTIONNAIRE");

	if (env && *env)
		return env;
	if (access(LOCAL_QUESTIONNAIRE, F_OK) == 0)
		return LOCAL_QUESTIONNAIRE;
	return INSTALLED_QUESTIONNAIRE;
}

/* Whether path names nothing at all (rather than a file cirt may not
 * read, which the loader reports). */
static int
missing(const char *path)
{
	return access(path, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

int
cmd_questionnaire_missing(const struct cmd_context *ctx)
{
	return !ctx->questionnaire_given && missing(ctx->questionnaire_path);
}

int
cmd_check_default_questionnaire(const struct cmd_context *ctx)
{
	const char *env = getenv("CIRT_QUESTIONNAIRE");
	char *cwd;

	if (!cmd_questionnaire_missing(ctx))
		return EXIT_OK;
	fflush(stdout);
	if (env && *env) {
		term_print_line(stderr,
				"cirt: cannot find the questionnaire '%s' that $CIRT_QUESTIONNAIRE "
				"names",
				env);
		fputs("name another with --questionnaire FILE, or in CIRT_QUESTIONNAIRE\n", stderr);
		return EXIT_IO;
	}
	cwd = getcwd(NULL, 0);
	fputs("cirt: cannot find a questionnaire; cirt looked for\n"
	      "  $CIRT_QUESTIONNAIRE: not set\n",
	      stderr);
	term_print_line(stderr, "  %s in the current folder (%s): no such file",
			LOCAL_QUESTIONNAIRE, cwd ? cwd : "?");
	term_print_line(stderr, "  %s, the installed copy: no such file", INSTALLED_QUESTIONNAIRE);
	fputs("name one with --questionnaire FILE, or set CIRT_QUESTIONNAIRE=FILE\n", stderr);
	free(cwd);
	return EXIT_IO;
}

const struct country *
cmd_country(const char *arg)
{
	const struct country *c = country_find(arg);
	const struct country *near[3];
	size_t n;

	if (c)
		return c;
	n = country_suggest(arg, near, 3);
	fflush(stdout);
	term_print_format(stderr, "cirt: unknown country '%s'", arg);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%s (%s)",
			i == 0		     ? "; did you mean "
				: i + 1 == n ? " or "
					     : ", ",
			near[i]->alpha2, near[i]->name);
	fprintf(stderr, "%s\n'cirt countries' lists every code\n", n ? "?" : "");
	return NULL;
}

int
cmd_valid_lang(const char *s)
{
	size_t n = 0;

	while (islower((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	while (s[n] == '-') {
		size_t k = 0;

		n++;
		while (isalnum((unsigned char)s[n + k]))
			k++;
		if (k < 1 || k > 8)
			return 0;
		n += k;
	}
	return s[n] == '\0';
}

const char *
cmd_lang(const struct cmd_context *ctx)
{
	if (ctx->lang)
		return ctx->lang;
	return ctx->questionnaire ? ctx->questionnaire->default_lang : "en";
}

int
cmd_current_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* Say which stored answers belong to questions the questionnaire no longer
 * has; they stay in the database. */
static void
warn_removed_questions(struct cmd_context *ctx, const struct assessment *a)
{
	struct answer_set answers;
	struct error err = {0};
	size_t removed = 0;

	if (store_answers_load(ctx->store, a->id, &answers, &err) < 0)
		return;
	for (size_t i = 0; i < answers.count; i++)
		if (!questionnaire_find_question(ctx->questionnaire, answers.items[i].question_id))
			removed++;
	if (removed) {
		fflush(stdout);
		fprintf(stderr,
			"cirt: warning: %zu stored answer%s belong%s to questions this version no "
			"longer has; they are kept in the database:",
			removed, removed == 1 ? "" : "s", removed == 1 ? "s" : "");
		for (size_t i = 0; i < answers.count; i++)
			if (!questionnaire_find_question(ctx->questionnaire,
							 answers.items[i].question_id))
				term_print_format(stderr, " %s", answers.items[i].question_id);
		fputc('\n', stderr);
	}
	answer_set_release(&answers);
}

int
cmd_assessment(struct cmd_context *ctx, int create, struct assessment *a)
{
	const struct questionnaire *q = ctx->questionnaire;
	const char *cc = ctx->country->alpha2;
	struct error err = {0};
	int cycle = ctx->cycle;
	int r;

	if (cycle == 0) {
		r = store_assessment_latest_cycle(ctx->store, cc, &cycle, &err);
		if (r < 0)
			goto fail;
		if (r == 1 && !create) {
			char *args = xasprintf("--country %s", cc);
			char *hint = cmd_command_line(ctx, "run", args, 0);

			cmd_error("no assessment of %s (%s) in '%s'; start one with '%s'", cc,
				  ctx->country->name, ctx->db_path, hint);
			free(hint);
			free(args);
			return EXIT_DATA;
		}
		if (r == 1)
			cycle = cmd_current_year();
	}
	r = store_assessment_get(ctx->store, cc, cycle, a, &err);
	if (r < 0)
		goto fail;
	if (r == 1) {
		if (!create) {
			cmd_error("no assessment of %s (%s) for cycle %d in '%s'", cc,
				  ctx->country->name, cycle, ctx->db_path);
			return EXIT_DATA;
		}
		if (cycle < 2000 || cycle > cmd_current_year() + 1) {
			cmd_error(
				"cycle %d is out of range: a new assessment's cycle is a year from "
				"2000 to %d",
				cycle, cmd_current_year() + 1);
			return EXIT_USAGE;
		}
		store_assessment_new(a, cc, cycle, q->id, q->version, q->sha256);
		return EXIT_OK;
	}
	if (q && strcmp(a->questionnaire_id, q->id) != 0) {
		cmd_error("the assessment of %s %d was made with questionnaire '%s', not '%s' "
			  "(%s); name the right one with --questionnaire",
			  cc, cycle, a->questionnaire_id, q->id, q->path);
		assessment_release(a);
		return EXIT_DATA;
	}
	if (q && strcmp(a->questionnaire_sha256, q->sha256) != 0) {
		cmd_warning("the questionnaire changed since the assessment of %s %d began "
			    "(version %s then, %s in %s now); answers to questions that still "
			    "exist are kept and used",
			    cc, cycle, a->questionnaire_version, q->version, q->path);
		warn_removed_questions(ctx, a);
	}
	return EXIT_OK;
fail:
	cmd_error("%s", err.message);
	return err.status ? err.status : EXIT_FAIL;
}

int
cmd_assessment_answers(struct cmd_context *ctx, struct assessment *a, struct answer_set *answers)
{
	struct error err = {0};
	int status = cmd_assessment(ctx, 0, a);

	if (status != EXIT_OK)
		return status;
	if (store_answers_load(ctx->store, a->id, answers, &err) < 0) {
		cmd_error("%s", err.message);
		assessment_release(a);
		return err.status;
	}
	return EXIT_OK;
}

int
cmd_ask(const char *question)
{
	char line[64];
	char *p;

	fflush(stdout);
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL) {
		fputc('\n', stderr);
		return 0;
	}
	p = line;
	while (isspace((unsigned char)*p))
		p++;
	return *p == 'y' || *p == 'Y';
}

int
cmd_confirm_new(struct cmd_context *ctx, const struct assessment *a, int yes)
{
	struct error err = {0};
	int cycle;
	int r;
	char *question;

	if (a->id != 0 || yes)
		return EXIT_OK;
	r = store_assessment_latest_cycle(ctx->store, a->country, &cycle, &err);
	if (r < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (r == 0)
		return EXIT_OK; /* the country has assessments: not a typo */
	if (!isatty(STDIN_FILENO)) {
		cmd_error("%s (%s) has no assessment in '%s' yet; to start the one of %d, say so "
			  "with --yes",
			  ctx->country->name, a->country, ctx->db_path, a->cycle);
		return EXIT_USAGE;
	}
	question = xasprintf("Start the assessment of %s (%s), %d?", ctx->country->name, a->country,
			     a->cycle);
	r = cmd_ask(question);
	free(question);
	if (!r) {
		cmd_error("not started; nothing was recorded");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int
cmd_claim(struct cmd_context *ctx, const struct assessment *a, const char *command,
	  const char *not_done)
{
	struct store_writer held;
	struct error err = {0};
	int r = store_writer_take(ctx->store, a->country, a->cycle, ctx->assessor, command, &held,
				  &err);

	if (r < 0) {
		cmd_error("%s%s", err.message, not_done);
		return err.status;
	}
	if (r > 0) {
		cmd_error("the assessment of %s %d is being changed by %s ('cirt %s', process %lld "
			  "on %s) since %s; try again when it ends%s",
			  a->country, a->cycle, held.holder, held.command, held.pid, held.host,
			  held.since, not_done);
		store_writer_release(&held);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int
cmd_refuse_final(const struct cmd_context *ctx, const struct assessment *a)
{
	char *args;
	char *hint;

	if (!a->final)
		return EXIT_OK;
	args = xasprintf("--country %s --cycle %d", a->country, a->cycle);
	hint = cmd_command_line(ctx, "reopen", args, 1);
	cmd_error("the assessment of %s %d is final; to change it, reopen it with: %s", a->country,
		  a->cycle, hint);
	free(hint);
	free(args);
	return EXIT_DATA;
}

/* A finding's text on one line, its start in quotes and its size. */
static char *
finding_excerpt(const char *text)
{
	size_t n = text ? strlen(text) : 0;
	char *line;
	char *out;
	size_t k = 0;
	size_t i;

	if (n == 0)
		return xstrdup("no text (removed)");
	line = xmalloc(n + 1);
	/* line ends and tabs as single spaces; cut after 60 bytes, between
	 * characters */
	for (i = 0; i < n && (k < 60 || ((unsigned char)text[i] & 0xC0) == 0x80); i++) {
		char c = text[i] == '\n' || text[i] == '\t' ? ' ' : text[i];

		if (c != ' ' || (k > 0 && line[k - 1] != ' '))
			line[k++] = c;
	}
	line[k] = '\0';
	out = xasprintf("\"%s%s\" (%zu bytes)", line, i < n ? "\u2026" : "", n);
	free(line);
	return out;
}

char *
cmd_conflict_value(const struct cmd_context *ctx, const char *question_id, const char *field,
		   const char *state, const char *value)
{
	if (strcmp(field, "answer") == 0) {
		const struct question *qu =
			questionnaire_find_question(ctx->questionnaire, question_id);
		enum answer_state st = ANSWER_NONE;
		char *d;
		char *out;

		answer_state_parse(state ? state : "none", &st);
		if (qu == NULL)
			return xasprintf("\"%s\"", value ? value : answer_state_name(st));
		d = answer_describe(qu, st, value, cmd_lang(ctx));
		out = xasprintf("\"%s\"", d);
		free(d);
		return out;
	}
	if (strcmp(field, "flag") == 0)
		return xstrdup(value && strcmp(value, "1") == 0 ? "flagged" : "not flagged");
	if (strcmp(field, "finding") == 0)
		return finding_excerpt(value);
	return xasprintf("\"%s\"", value ? value : "");
}

char *
cmd_conflict_subject(const char *question_id, const char *field)
{
	if (strcmp(field, "finding") == 0)
		return *question_id ? xasprintf("the findings on pillar %s", question_id)
				    : xstrdup("the executive summary");
	return xasprintf("the %s of %s", strcmp(field, "comment") == 0 ? "note" : field,
			 question_id);
}

/* " at ORGANISATION" for a source meeting of assessment a, or "". */
static char *
source_text(const struct cmd_context *ctx, const struct meeting *m, size_t n, const char *id)
{
	(void)ctx;
	for (size_t i = 0; id && i < n; i++)
		if (strcmp(m[i].id, id) == 0)
			return xasprintf(", from %s", m[i].organisation);
	return xstrdup("");
}

/* "  K) TEXT", TEXT wrapped under itself at the terminal's width (a long
 * finding or note included); a line feed in it shows as term.h says. */
static void
print_conflict_side(int k, const char *text)
{
	char *safe = term_safe(text);

	printf("  %d) ", k);
	term_print_continued(stdout, safe, 5, 5, 0);
	free(safe);
}

void
cmd_print_conflict(const struct cmd_context *ctx, const struct assessment *a,
		   const struct chain_conflict *c)
{
	struct meeting *m = NULL;
	size_t n = 0;
	struct error err = {0};
	char *shown = cmd_conflict_value(ctx, c->question_id, c->field, NULL, NULL);
	char *other = cmd_conflict_value(ctx, c->question_id, c->field, c->state, c->value);
	char *here_from;
	char *there_from;
	char *args;
	char *settle;
	char *side;
	struct answer_set answers = {0};
	const struct answer *w;

	int finding = strcmp(c->field, "finding") == 0;
	char *what = cmd_conflict_subject(c->question_id, c->field);

	if (a->id) {
		store_meetings_load(ctx->store, a->id, &m, &n, &err);
		store_answers_load(ctx->store, a->id, &answers, &err);
	}
	/* a finding's conflict names a pillar, not a question */
	w = finding ? NULL : answer_set_find(&answers, c->question_id);
	if (finding && a->id) {
		struct finding *f = NULL;
		size_t nf = 0;
		const char *text = "";

		store_findings_load(ctx->store, a->id, &f, &nf, &err);
		for (size_t i = 0; i < nf; i++)
			if (strcmp(f[i].pillar, c->question_id) == 0)
				text = f[i].text;
		free(shown);
		shown = cmd_conflict_value(ctx, c->question_id, c->field, NULL, text);
		store_findings_release(f, nf);
	}
	if (w) {
		free(shown);
		shown = cmd_conflict_value(ctx, c->question_id, c->field,
					   answer_state_name(w->state),
					   strcmp(c->field, "answer") == 0	       ? w->value
						   : strcmp(c->field, "evidence") == 0 ? w->evidence
						   : strcmp(c->field, "comment") == 0  ? w->comment
						   : w->flagged			       ? "1"
										       : "0");
	}
	here_from = source_text(ctx, m, n, c->here_source);
	there_from = source_text(ctx, m, n, c->source);
	args = xasprintf("--country %s --cycle %d %s%s%s --take 1|2 --reason TEXT", a->country,
			 a->cycle, finding ? "--field finding" : "",
			 finding && *c->question_id ? " " : "", c->question_id);
	settle = cmd_command_line(ctx, "resolve", args, 1);
	term_print_line(stdout, "conflict in %s %d over %s:", a->country, a->cycle, what);
	side = xasprintf("%s (%s, %s%s), shown until it is settled", shown, c->here_by, c->here_at,
			 here_from);
	print_conflict_side(1, side);
	free(side);
	side = xasprintf("%s (%s, %s%s)", other, c->changed_by, c->changed_at, there_from);
	print_conflict_side(2, side);
	free(side);
	term_print_line(stdout, "  settle it: %s", settle);
	free(what);
	free(settle);
	free(args);
	free(here_from);
	free(there_from);
	free(shown);
	free(other);
	answer_set_release(&answers);
	for (size_t i = 0; i < n; i++)
		meeting_release(&m[i]);
	free(m);
}

int
cmd_check_name(const char *s, size_t max, char *message, size_t size)
{
	if (*s == '\0') {
		snprintf(message, size, "it is empty");
		return -1;
	}
	if (answer_check_text(s, max, "en", message, size) < 0)
		return -1;
	/* lists of names are written "Ana Díaz, Jean Dupont" */
	if (strchr(s, ',')) {
		snprintf(message, size, "it holds a comma (write it as you sign, 'Jane Doe')");
		return -1;
	}
	for (const char *c = s; *c;) {
		uint32_t cp;
		size_t len = utf8_decode(c, &cp);

		if (cp == '\t' || term_is_unsafe(cp)) {
			snprintf(message, size, "it holds a %s",
				 cp == '\t' ? "tab"
					    : "character that changes the direction of text");
			return -1;
		}
		c += len ? len : 1;
	}
	return 0;
}

char *
cmd_shell_quote(const char *s)
{
	size_t n = 0;
	int plain = 1;
	char *out;
	char *p;

	if (*s &&
	    strspn(s,
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		   "_-./:=@%+,") == strlen(s))
		return xstrdup(s);
	/* what a terminal must not see is written as $'\xHH' escapes, which
	 * bash, zsh and ksh read back as the same bytes */
	for (const char *c = s; *c;) {
		uint32_t cp;
		size_t len = utf8_decode(c, &cp);

		if (len == 0 || term_is_unsafe(cp))
			plain = 0;
		c += len ? len : 1;
	}
	if (!plain) {
		out = xmalloc(strlen(s) * 4 + 4);
		p = out;
		*p++ = '$';
		*p++ = '\'';
		for (const char *c = s; *c;) {
			uint32_t cp;
			size_t len = utf8_decode(c, &cp);

			if (len == 0 || term_is_unsafe(cp)) {
				for (size_t k = 0; k < (len ? len : 1); k++)
					p += sprintf(p, "\\x%02x", (unsigned char)c[k]);
			} else if (*c == '\'' || *c == '\\') {
				*p++ = '\\';
				*p++ = *c;
			} else {
				memcpy(p, c, len);
				p += len;
			}
			c += len ? len : 1;
		}
		*p++ = '\'';
		*p = '\0';
		return out;
	}
	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	out = xmalloc(n + 3);
	p = out;
	*p++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else {
			*p++ = *c;
		}
	}
	*p++ = '\'';
	*p = '\0';
	return out;
}

/* Append " --OPTION VALUE" (VALUE quoted) to *line. */
static void
append_option(char **line, const char *option, const char *value)
{
	char *quoted = cmd_shell_quote(value);
	char *longer = xasprintf("%s --%s %s", *line, option, quoted);

	free(quoted);
	free(*line);
	*line = longer;
}

char *
cmd_command_line(const struct cmd_context *ctx, const char *name, const char *args,
		 int with_assessor)
{
	char *line = xasprintf("cirt %s%s%s", name, *args ? " " : "", args);

	if (ctx->db_given)
		append_option(&line, "db", ctx->db_path);
	if (ctx->questionnaire_given)
		append_option(&line, "questionnaire", ctx->questionnaire_path);
	if (with_assessor && ctx->assessor_given)
		append_option(&line, "assessor", ctx->assessor);
	return line;
}

char *
cmd_resume_command(const struct cmd_context *ctx, const struct assessment *a)
{
	char *args = xasprintf("--country %s --cycle %d", a->country, a->cycle);
	char *line = cmd_command_line(ctx, "run", args, 1);

	free(args);
	if (ctx->lang)
		append_option(&line, "lang", ctx->lang);
	return line;
}

double
cmd_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void
cmd_timing(const char *what, double ms)
{
	const char *env = getenv("CIRT_TIMING");

	if (env && *env)
		fprintf(stderr, "cirt: timing: %s %.3f ms\n", what, ms);
}
