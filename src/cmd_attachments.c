/* cirt attachments: list an assessment's attachments, and write them out. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "attachment.h"
#include "cmd.h"
#include "csv.h"
#include "exitcode.h"
#include "file.h"
#include "hash.h"
#include "json.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

/* The meeting with id among m, or NULL. */
static const struct meeting *
meeting_of(const struct meeting *m, size_t n, const char *id, size_t *number)
{
	for (size_t i = 0; id && i < n; i++)
		if (strcmp(m[i].id, id) == 0) {
			*number = i + 1;
			return &m[i];
		}
	return NULL;
}

static void
write_table(const struct cmd_context *ctx, const struct assessment *a,
	    const struct attachment *list, size_t n, const struct meeting *m, size_t mn)
{
	long long total = 0;
	char size_text[32];

	for (size_t i = 0; i < n; i++)
		total += list[i].size;
	attachment_size_text(total, size_text, sizeof(size_text));
	term_print_line(stdout, "%s %d, %zu attachment%s, %s (%s)", a->country, a->cycle, n,
			n == 1 ? "" : "s", size_text, ctx->db_path);
	for (size_t i = 0; i < n; i++) {
		const struct attachment *at = &list[i];
		size_t number = 0;
		const struct meeting *met = meeting_of(m, mn, at->source, &number);

		attachment_size_text(at->size, size_text, sizeof(size_text));
		term_print_line(stdout, "%3zu  %s  %s  %s", i + 1, at->id, at->question_id,
				at->name);
		if (at->size < 1024)
			term_print_line(stdout, "     %s, %s, SHA-256 %s", at->type, size_text,
					at->sha256);
		else
			term_print_line(stdout, "     %s, %s (%lld bytes), SHA-256 %s", at->type,
					size_text, at->size, at->sha256);
		if (met)
			term_print_line(stdout, "     added by %s at %s, in meeting %zu (%s, %s)",
					at->added_by, at->added_at, number, met->organisation,
					met->met_on);
		else
			term_print_line(stdout, "     added by %s at %s", at->added_by,
					at->added_at);
	}
	if (n == 0) {
		char *args = xasprintf("--country %s --cycle %d QID FILE", a->country, a->cycle);
		char *attach = cmd_command_line(ctx, "attach", args, 1);

		term_print_line(stdout, "No attachment; '%s' adds one.", attach);
		free(attach);
		free(args);
	}
}

static void
write_csv(const struct attachment *list, size_t n)
{
	fputs("id,question_id,name,type,size,sha256,added_by,added_at,source", stdout);
	csv_end_record(stdout);
	for (size_t i = 0; i < n; i++) {
		const struct attachment *at = &list[i];

		cmd_csv_field(at->id);
		fputc(',', stdout);
		cmd_csv_field(at->question_id);
		fputc(',', stdout);
		cmd_csv_field(at->name);
		fputc(',', stdout);
		cmd_csv_field(at->type);
		printf(",%lld,", at->size);
		cmd_csv_field(at->sha256);
		fputc(',', stdout);
		cmd_csv_field(at->added_by);
		fputc(',', stdout);
		cmd_csv_field(at->added_at);
		fputc(',', stdout);
		cmd_csv_field(at->source ? at->source : "");
		csv_end_record(stdout);
	}
}

/* Make dir (0700) unless it is a folder already: 0, or an exit status
 * after saying why not. */
static int
make_folder(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		cmd_error("%s: not a folder; nothing was written", dir);
		return EXIT_IO;
	}
	if (errno != ENOENT || mkdir(dir, 0700) < 0) {
		cmd_error("%s: cannot make the folder: %s; nothing was written", dir,
			  strerror(errno));
		return EXIT_IO;
	}
	return 0;
}

/* Whether name is among the n names. */
static int
taken(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* Write the files of the n attachments of list (metadata) into dir, each
 * checked against its SHA-256 first. */
static int
extract(struct cmd_context *ctx, const struct assessment *a, const struct attachment *list,
	size_t n, const char *dir)
{
	char **names = xcalloc(n + 1, sizeof(*names));
	size_t written = 0;
	int status = make_folder(dir);

	for (size_t i = 0; i < n && status == EXIT_OK; i++) {
		struct attachment at = {0};
		struct error err = {0};
		char sha256[SHA256_HEX_SIZE] = "";
		char *name;
		char *path;
		int r = store_attachment_get(ctx->store, a->id, list[i].id, &at, &err);

		if (r != 0) {
			if (r > 0)
				cmd_error("attachment %s was removed meanwhile", list[i].id);
			else
				cmd_error("%s", err.message);
			status = r > 0 ? EXIT_DATA : err.status;
			break;
		}
		if (at.data)
			hash_sha256_hex(at.data, (size_t)at.size, sha256);
		if (at.data == NULL || strcmp(sha256, at.sha256) != 0) {
			cmd_error("the stored file of attachment %s ('%s') does not match its "
				  "SHA-256: it was changed ('cirt verify' says more); it was not "
				  "written",
				  at.id, at.name);
			attachment_release(&at);
			status = EXIT_DATA;
			break;
		}
		name = attachment_file_name(&at);
		if (taken(names, written, name)) {
			char *unique = xasprintf("%s-%s", at.id, name);

			free(name);
			name = unique;
		}
		path = xasprintf("%s/%s", dir, name);
		if (file_write_atomic(path, at.data, (size_t)at.size, &err) < 0) {
			cmd_error("%s: %s", path, err.message);
			status = err.status;
		} else {
			char size_text[32];

			attachment_size_text(at.size, size_text, sizeof(size_text));
			term_print_line(stdout, "%s  (%s, %s, %s)", path, at.id, at.question_id,
					size_text);
		}
		free(path);
		names[written++] = name;
		attachment_release(&at);
	}
	for (size_t i = 0; i < written; i++)
		free(names[i]);
	free(names);
	return status;
}

static int
run_attachments(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_FORMAT = 1, OPT_EXTRACT };
	static const struct option options[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"extract", required_argument, NULL, OPT_EXTRACT},
		{NULL, 0, NULL, 0},
	};
	enum output_format format = OUTPUT_TABLE;
	const char *dir = NULL;
	struct assessment a = {0};
	struct attachment *list = NULL;
	struct meeting *m = NULL;
	size_t n = 0;
	size_t mn = 0;
	struct error err = {0};
	int snapshot = 0;
	int status;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch == OPT_EXTRACT) {
			dir = optarg;
		} else if (ch != OPT_FORMAT) {
			return cmd_bad_option(self, ch, argc, argv);
		} else if (strcmp(optarg, "table") == 0) {
			format = OUTPUT_TABLE;
		} else if (strcmp(optarg, "csv") == 0) {
			format = OUTPUT_CSV;
		} else if (strcmp(optarg, "json") == 0) {
			format = OUTPUT_JSON;
		} else {
			return cmd_usage_error(self, "unknown format '%s'; use table, csv or json",
					       optarg);
		}
	}
	if (dir && *dir == '\0')
		return cmd_usage_error(self, "--extract needs a folder");
	status = cmd_assessment(ctx, 0, &a);
	if (status != EXIT_OK)
		return status;
	/* one snapshot: the list and the files agree however others write */
	if (store_snapshot_begin(ctx->store, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	snapshot = 1;
	if (store_attachments_load(ctx->store, a.id, 0, &list, &n, &err) < 0 ||
	    store_meetings_load(ctx->store, a.id, &m, &mn, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	if (optind < argc) {
		/* only the attachments named, in the order named */
		struct attachment *chosen = xcalloc((size_t)(argc - optind), sizeof(*chosen));
		size_t k = 0;

		for (int i = optind; i < argc && status == EXIT_OK; i++) {
			size_t j = 0;

			while (j < n && strcmp(list[j].id, argv[i]) != 0)
				j++;
			if (j == n) {
				cmd_error("the assessment of %s %d has no attachment '%s'%s",
					  a.country, a.cycle, argv[i],
					  dir ? "; nothing was written" : "");
				status = EXIT_DATA;
				break;
			}
			chosen[k++] = list[j];
			memset(&list[j], 0, sizeof(list[j]));
			list[j].id = xstrdup(""); /* taken: never named twice */
		}
		attachments_release(list, n);
		list = chosen;
		n = k;
		if (status != EXIT_OK)
			goto out;
	}
	if (dir)
		status = extract(ctx, &a, list, n, dir);
	else if (format == OUTPUT_JSON)
		json_write_attachments(stdout, &a, list, n);
	else if (format == OUTPUT_CSV)
		write_csv(list, n);
	else
		write_table(ctx, &a, list, n, m, mn);
out:
	if (snapshot)
		store_snapshot_end(ctx->store);
	for (size_t i = 0; i < mn; i++)
		meeting_release(&m[i]);
	free(m);
	attachments_release(list, n);
	assessment_release(&a);
	return status;
}

const struct cmd cmd_attachments = {
	.name = "attachments",
	.summary = "list an assessment's attachments, or write them out",
	.usage = "usage: cirt attachments --country CC [--cycle YEAR] [--format table|csv|json]\n"
		 "                        [--extract DIR] [ID...] [--db FILE]\n"
		 "\n"
		 "List the files kept as evidence with 'cirt attach' (or ':attach' in a\n"
		 "session): each one's id, question, name, type, size, SHA-256, who added\n"
		 "it, when and in which meeting. IDs narrow the list to those named.\n"
		 "\n"
		 "--extract DIR writes the files into DIR (made when missing), each under\n"
		 "its own name made safe (no path separators, no leading dot; the id in\n"
		 "front when two share a name), readable only by you, after checking it\n"
		 "against its SHA-256; a file of that name in DIR is replaced.\n"
		 "\n"
		 "Options:\n"
		 "  --format F     table (default), csv or json\n"
		 "  --extract DIR  write the files into DIR\n",
	.flags = CMD_OPT_DB | CMD_OPT_COUNTRY | CMD_OPEN_DB | CMD_NEEDS_COUNTRY,
	.run = run_attachments,
};
