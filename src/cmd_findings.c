/* cirt findings: the executive summary and the findings per pillar, in
 * the team's own words, written in an editor or read from a file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chain.h"
#include "cmd.h"
#include "editor.h"
#include "engine.h"
#include "exitcode.h"
#include "file.h"
#include "i18n.h"
#include "questionnaire.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

/* The most bytes read from a file, standard input or the editor before
 * the text is made a finding's (CRLF line ends and white space around
 * it take room that goes). */
#define READ_MAX (1L << 20)

/* "the executive summary" or "the findings on pillar N (ID)", for
 * messages; owned by the caller. */
static char *
subject(const struct questionnaire *q, long pillar)
{
	if (pillar < 0)
		return xstrdup("the executive summary");
	return xasprintf("the findings on pillar %ld (%s)", pillar + 1, q->pillars[pillar].id);
}

/* Read standard input to its end, at most READ_MAX bytes: 0 with *data
 * and *size, or -1 after saying why. */
static int
read_input(char **data, size_t *size)
{
	size_t alloc = 4096;
	size_t n = 0;
	char *buf = xmalloc(alloc);

	for (;;) {
		size_t got;

		if (n == alloc) {
			alloc *= 2;
			buf = xreallocarray(buf, alloc, 1);
		}
		got = fread(buf + n, 1, alloc - n, stdin);
		n += got;
		if (n > (size_t)READ_MAX) {
			cmd_error("standard input: the text is too long (more than %d bytes); "
				  "nothing "
				  "was recorded",
				  CHAIN_FINDING_MAX);
			free(buf);
			return -1;
		}
		if (got == 0)
			break;
	}
	if (ferror(stdin)) {
		cmd_error("cannot read standard input: %s; nothing was recorded", strerror(errno));
		free(buf);
		return -1;
	}
	*data = buf;
	*size = n;
	return 0;
}

/* The text of the finding on pillar_id among list, "" when none;
 * borrowed. */
static const char *
text_of(const struct finding *list, size_t n, const char *pillar_id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].pillar, pillar_id) == 0)
			return list[i].text;
	return "";
}

/* Print a finding's text under its heading, a line at a time, wrapped
 * and indented. */
static void
print_text(const char *text)
{
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);

		if (*line)
			term_print_wrapped(stdout, line, 4, 0);
		else
			putchar('\n');
		free(line);
		p += len + (p[len] == '\n');
	}
}

/* Print one finding: its heading, who wrote it and when, then its text. */
static void
print_finding(const struct cmd_context *ctx, const struct finding *f)
{
	const struct questionnaire *q = ctx->questionnaire;
	const char *lang = cmd_lang(ctx);
	long p = -1;
	char *heading;
	char *safe;

	for (size_t k = 0; k < q->pillar_count && *f->pillar; k++)
		if (strcmp(q->pillars[k].id, f->pillar) == 0)
			p = (long)k;
	if (*f->pillar == '\0')
		heading = xasprintf("%s \u00b7 %s, %s", i18n(lang, MSG_FINDING_SUMMARY),
				    f->recorded_by, f->recorded_at);
	else if (p >= 0)
		heading = xasprintf("%s %ld \u00b7 %s (%s) \u00b7 %s, %s", i18n(lang, MSG_PILLAR),
				    p + 1, text_get(&q->pillars[p].title, lang), f->pillar,
				    f->recorded_by, f->recorded_at);
	else
		heading = xasprintf("%s %s (not in this questionnaire) \u00b7 %s, %s",
				    i18n(lang, MSG_PILLAR), f->pillar, f->recorded_by,
				    f->recorded_at);
	/* a long title or name wraps, later lines indented by 2 */
	safe = term_safe(heading);
	term_print_continued(stdout, safe, 0, 2, 0);
	free(safe);
	free(heading);
	print_text(f->text);
}

/* --list: the summary first, then the pillars in the questionnaire's
 * order, then findings on pillars it does not have. */
static int
list_findings(struct cmd_context *ctx)
{
	const struct questionnaire *q = ctx->questionnaire;
	struct assessment a = {0};
	struct finding *list = NULL;
	size_t n = 0;
	size_t printed = 0;
	struct error err = {0};
	int status = cmd_assessment(ctx, 0, &a);

	if (status != EXIT_OK)
		return status;
	if (store_findings_load(ctx->store, a.id, &list, &n, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	if (n == 0) {
		char *args = xasprintf("--country %s --cycle %d [--pillar K]", a.country, a.cycle);
		char *hint = cmd_command_line(ctx, "findings", args, 0);

		term_print_line(stdout,
				"%s %d has no executive summary or findings yet; write them with: "
				"%s",
				a.country, a.cycle, hint);
		free(hint);
		free(args);
		goto out;
	}
	for (long p = -1; p < (long)q->pillar_count; p++) {
		const char *id = p < 0 ? "" : q->pillars[p].id;

		for (size_t i = 0; i < n; i++)
			if (strcmp(list[i].pillar, id) == 0) {
				if (printed++)
					putchar('\n');
				print_finding(ctx, &list[i]);
			}
	}
	for (size_t i = 0; i < n; i++) {
		int known = *list[i].pillar == '\0';

		for (size_t k = 0; k < q->pillar_count && !known; k++)
			known = strcmp(q->pillars[k].id, list[i].pillar) == 0;
		if (!known) {
			if (printed++)
				putchar('\n');
			print_finding(ctx, &list[i]);
		}
	}
out:
	store_findings_release(list, n);
	assessment_release(&a);
	return status;
}

/* Read the new text from path ("-": standard input), or from the editor
 * started on current: 0 with *data and *size, or an exit status after
 * saying why. */
static int
new_text(const char *path, const char *editor, const char *current, char **data, size_t *size)
{
	struct error err = {0};

	if (path && strcmp(path, "-") == 0)
		return read_input(data, size) < 0 ? EXIT_IO : EXIT_OK;
	if (path) {
		*data = file_read(path, (size_t)READ_MAX, size, &err);
		if (*data == NULL) {
			cmd_error("%s: %s; nothing was recorded", path, err.message);
			return err.status;
		}
		return EXIT_OK;
	}
	{
		char *start = *current ? xasprintf("%s\n", current) : xstrdup("");
		int r = editor_edit(editor, start, (size_t)READ_MAX, data, size, &err);

		free(start);
		if (r < 0) {
			cmd_error("%s; nothing was recorded", err.message);
			return err.status;
		}
	}
	return EXIT_OK;
}

/* Give the finding on pillar (-1: the summary) a new text. */
static int
edit_finding(struct cmd_context *ctx, long pillar, const char *path, const char *editor, int yes)
{
	const struct questionnaire *q = ctx->questionnaire;
	const char *pillar_id = pillar < 0 ? "" : q->pillars[pillar].id;
	struct assessment a = {0};
	struct finding *list = NULL;
	size_t n = 0;
	struct error err = {0};
	char *what = subject(q, pillar);
	char *data = NULL;
	char *text = NULL;
	char message[400];
	size_t size = 0;
	long line = 0;
	int status;
	int r;

	status = cmd_assessment(ctx, 1, &a);
	if (status != EXIT_OK)
		goto out;
	status = cmd_refuse_final(ctx, &a);
	if (status == EXIT_OK)
		status = cmd_confirm_new(ctx, &a, yes);
	if (status == EXIT_OK)
		status = cmd_claim(ctx, &a, "findings", "; nothing was recorded");
	if (status != EXIT_OK)
		goto out;
	if (a.id && store_findings_load(ctx->store, a.id, &list, &n, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	status = new_text(path, editor, text_of(list, n, pillar_id), &data, &size);
	if (status != EXIT_OK)
		goto out;
	if (chain_finding_text(data, size, "en", &text, &line, message, sizeof(message)) < 0) {
		/* FILE:LINE for a file, else the line named */
		if (path && strcmp(path, "-") != 0 && line > 0)
			cmd_error("%s:%ld: %s; nothing was recorded", path, line, message);
		else if (line > 0)
			cmd_error("%s, line %ld: %s; nothing was recorded",
				  path ? "standard input" : what, line, message);
		else
			cmd_error("%s: %s; nothing was recorded", path ? path : what, message);
		status = EXIT_DATA;
		goto out;
	}
	r = strcmp(text, text_of(list, n, pillar_id)) == 0
		? 0
		: store_finding_set(ctx->store, &a, pillar_id, text, ctx->assessor, &err);
	if (r < 0) {
		cmd_error("%s; nothing was recorded", err.message);
		status = err.status;
		goto out;
	}
	if (r == 0)
		term_print_line(stdout, "Unchanged: %s of %s %d; nothing was recorded.", what,
				a.country, a.cycle);
	else if (*text)
		term_print_line(stdout, "Recorded %s of %s %d (%zu bytes).", what, a.country,
				a.cycle, strlen(text));
	else
		term_print_line(stdout, "Removed %s of %s %d.", what, a.country, a.cycle);
out:
	free(text);
	free(data);
	free(what);
	store_findings_release(list, n);
	assessment_release(&a);
	return status;
}

static int
run_findings(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_PILLAR = 1, OPT_FILE, OPT_LIST, OPT_YES };
	static const struct option options[] = {
		{"pillar", required_argument, NULL, OPT_PILLAR},
		{"file", required_argument, NULL, OPT_FILE},
		{"list", no_argument, NULL, OPT_LIST},
		{"yes", no_argument, NULL, OPT_YES},
		{NULL, 0, NULL, 0},
	};
	const struct questionnaire *q = ctx->questionnaire;
	const char *pillar_arg = NULL;
	const char *path = NULL;
	const char *editor = NULL;
	long pillar = -1;
	int list = 0;
	int yes = 0;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch == OPT_PILLAR)
			pillar_arg = optarg;
		else if (ch == OPT_FILE)
			path = optarg;
		else if (ch == OPT_LIST)
			list = 1;
		else if (ch == OPT_YES)
			yes = 1;
		else
			return cmd_bad_option(self, ch, argc, argv);
	}
	if (optind != argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	if (list) {
		if (pillar_arg || path)
			return cmd_usage_error(self, "--list takes neither --pillar nor --file");
		return list_findings(ctx);
	}
	if (pillar_arg) {
		pillar = engine_pillar_named(q, pillar_arg);
		if (pillar < 0) {
			char *ids = xstrdup("");

			for (size_t p = 0; p < q->pillar_count; p++) {
				char *more =
					xasprintf("%s%s%s", ids, p ? ", " : "", q->pillars[p].id);

				free(ids);
				ids = more;
			}
			cmd_usage_error(self,
					"questionnaire '%s' has no pillar '%s'; name one by its id "
					"(%s) or its number (1 to %zu)",
					q->id, pillar_arg, ids, q->pillar_count);
			free(ids);
			return EXIT_USAGE;
		}
	}
	if (path && *path == '\0')
		return cmd_usage_error(self, "--file needs a path, or - for standard input");
	if (path == NULL) {
		editor = editor_command();
		if (editor == NULL)
			return cmd_usage_error(self,
					       "no editor to write the text in: set EDITOR (or "
					       "VISUAL), or give the text with --file PATH, or "
					       "--file - for standard input");
	}
	return edit_finding(ctx, pillar, path, editor, yes);
}

const struct cmd cmd_findings = {
	.name = "findings",
	.summary = "write the executive summary and the findings per pillar",
	.usage =
		"usage: cirt findings --country CC [--cycle YEAR] [--pillar K] [--file PATH|-]\n"
		"                    [--yes] [--assessor NAME] [--db FILE] [--questionnaire FILE]\n"
		"       cirt findings --country CC [--cycle YEAR] --list [--lang L]\n"
		"\n"
		"Write what the team concluded, in its own words: the executive summary,\n"
		"or with --pillar K the findings on pillar K (its id, or its number from\n"
		"1). The current text opens in your editor ($EDITOR, else $VISUAL);\n"
		"--file PATH reads the new text from a file instead, and --file - from\n"
		"standard input. An empty text removes it; the same text as before\n"
		"records nothing. Every version is kept in the history with who wrote it\n"
		"and when, bundles carry them to other laptops (two laptops that change\n"
		"the same text differently leave a conflict for 'cirt resolve'), 'cirt\n"
		"verify' checks them, and the report prints them.\n"
		"\n"
		"A text holds at most 20000 bytes of UTF-8: line feeds and tabs, but no\n"
		"other control characters; Windows line ends (CRLF) are taken as line\n"
		"feeds, and blank lines around the text go. A text refused changes\n"
		"nothing. A final assessment refuses changes; a country with no\n"
		"assessment yet is confirmed on a terminal (--yes in a script).\n"
		"\n"
		"Options:\n"
		"  --pillar K   the findings on pillar K, not the executive summary\n"
		"  --file PATH  read the text from PATH (- for standard input)\n"
		"  --list       print the summary, then the findings pillar by pillar,\n"
		"               each with who wrote it and when\n"
		"  --yes        start the assessment of a new country without asking\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG |
		CMD_OPT_ASSESSOR | CMD_CREATE_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE |
		CMD_NEEDS_COUNTRY,
	.run = run_findings,
};
