/* cirt verify: the database's integrity, every history chain and the
 * register, and optionally that pinned heads are still in the record. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "country.h"
#include "diag.h"
#include "exitcode.h"
#include "qcache.h"
#include "questionnaire.h"
#include "score_kept.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

#define EXPECT_MAX 16
#define EXPECT_MIN_DIGITS 12

/* A head the user pinned, and where it was found. */
struct expected {
	const char *hash;
	int found;     /* in a history or the register */
	int discarded; /* only as the last head of a discarded assessment */
};

static int
is_hex_prefix(const char *s)
{
	size_t n = strlen(s);

	if (n < EXPECT_MIN_DIGITS || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Mark the expected hashes that one of hashes[0..n) starts with, and say
 * where. */
static void
look_for(struct expected *x, size_t nx, char *const *hashes, size_t n, const char *where)
{
	for (size_t k = 0; k < nx; k++)
		for (size_t i = 0; i < n && !x[k].found; i++)
			if (strncmp(hashes[i], x[k].hash, strlen(x[k].hash)) == 0) {
				x[k].found = 1;
				term_print_line(stdout,
						"expected %s: held by %s as entry %zu of %zu",
						x[k].hash, where, i + 1, n);
			}
}

/* Mark the expected hashes not found elsewhere that are the head a
 * discarded assessment had, and say whose: the record they pinned is gone,
 * but with a trace in the register rather than without one. */
static void
look_in_discards(struct expected *x, size_t nx, const struct register_entry *r, size_t n)
{
	for (size_t k = 0; k < nx; k++)
		for (size_t i = 0; i < n && !x[k].found && !x[k].discarded; i++)
			if (strcmp(r[i].event, "discarded") == 0 && r[i].head &&
			    strncmp(r[i].head, x[k].hash, strlen(x[k].hash)) == 0) {
				x[k].discarded = 1;
				term_print_line(
					stdout,
					"expected %s: the head of %s %d when %s discarded it",
					x[k].hash, r[i].country, r[i].cycle, r[i].changed_by);
			}
}

static void
print_discards(const struct register_entry *r, size_t n, const struct cmd_context *ctx)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r[i].event, "discarded") != 0)
			continue;
		if (ctx->country && strcmp(r[i].country, ctx->country->alpha2) != 0)
			continue;
		if (ctx->cycle && r[i].cycle != ctx->cycle)
			continue;
		term_print_line(stdout,
				"%s %d: discarded by %s at %s; its last entry was %lld, head %s",
				r[i].country, r[i].cycle, r[i].changed_by, r[i].changed_at,
				r[i].entries, r[i].head);
	}
}

/* The scores kept for reports (score_kept.h) against the answers they
 * summarise, when the questionnaire they were scored with is at hand. */
static int
check_kept_scores(struct cmd_context *ctx)
{
	struct questionnaire *q;
	struct diag diags = DIAG_INIT;
	struct error err = {0};
	char problem[256];
	size_t checked = 0;
	int io_error = 0;
	int r;

	if (cmd_questionnaire_missing(ctx)) {
		printf("kept scores: not checked: no questionnaire to score with\n");
		return EXIT_OK;
	}
	q = qcache_load(ctx->questionnaire_path, &diags, &io_error);
	diag_release(&diags);
	if (q == NULL) {
		term_print_line(stdout,
				"kept scores: not checked: questionnaire '%s' cannot be loaded",
				ctx->questionnaire_path);
		return EXIT_OK;
	}
	r = score_kept_check(ctx->store, q, &checked, problem, sizeof(problem), &err);
	questionnaire_free(q);
	if (r < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (r > 0) {
		term_print_line(stdout, "kept scores: BROKEN: %s", problem);
		return EXIT_FAIL;
	}
	printf("kept scores: ok, %zu checked\n", checked);
	return EXIT_OK;
}

static int
run_verify(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{"expect", required_argument, NULL, 'e'},
		{NULL, 0, NULL, 0},
	};
	struct expected expect[EXPECT_MAX];
	size_t nexpect = 0;
	struct assessment *list = NULL;
	size_t count = 0;
	struct register_entry *reg = NULL;
	size_t nreg = 0;
	struct error err = {0};
	char problem[512];
	size_t entries = 0;
	int status = EXIT_OK;
	int r;
	int ch;
	size_t checked = 0;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch != 'e')
			return cmd_bad_option(self, ch, argc, argv);
		if (!is_hex_prefix(optarg))
			return cmd_usage_error(
				self,
				"'%s' is not a hash: give at least %d of its lowercase "
				"hex digits",
				optarg, EXPECT_MIN_DIGITS);
		if (nexpect == EXPECT_MAX)
			return cmd_usage_error(self, "at most %d --expect", EXPECT_MAX);
		expect[nexpect].hash = optarg;
		expect[nexpect].found = 0;
		expect[nexpect++].discarded = 0;
	}
	if (optind < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	r = store_integrity_check(ctx->store, 1, problem, sizeof(problem), &err);
	if (r < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (r > 0) {
		term_print_line(stdout, "database %s: DAMAGED: %s", ctx->db_path, problem);
		status = EXIT_FAIL;
	} else {
		term_print_line(stdout, "database %s: integrity ok", ctx->db_path);
	}
	/* every chain, the register and the tables as one moment left them,
	 * however others write meanwhile: no false alarm */
	if (store_snapshot_begin(ctx->store, &err) < 0 ||
	    store_assessment_list(ctx->store, &list, &count, &err) < 0) {
		cmd_error("%s", err.message);
		store_snapshot_end(ctx->store);
		return err.status;
	}
	for (size_t i = 0; i < count; i++) {
		const struct assessment *a = &list[i];
		char **hashes = NULL;
		size_t n = 0;
		char where[32];

		if (ctx->country && strcmp(a->country, ctx->country->alpha2) != 0)
			continue;
		if (ctx->cycle && a->cycle != ctx->cycle)
			continue;
		checked++;
		r = store_verify(ctx->store, a, problem, sizeof(problem), &hashes, &n, &err);
		if (r < 0) {
			cmd_error("%s", err.message);
			status = err.status;
			break;
		}
		if (r > 0) {
			term_print_line(stdout, "%s %d: BROKEN: %s", a->country, a->cycle, problem);
			status = EXIT_FAIL;
		} else {
			term_print_line(stdout, "%s %d: history ok, %zu entr%s, head %s",
					a->country, a->cycle, n, n == 1 ? "y" : "ies",
					n ? hashes[n - 1] : "");
		}
		snprintf(where, sizeof(where), "%s %d", a->country, a->cycle);
		look_for(expect, nexpect, hashes, n, where);
		for (size_t k = 0; k < n; k++)
			free(hashes[k]);
		free(hashes);
	}
	if (status == EXIT_OK || status == EXIT_FAIL) {
		char head[CHAIN_HASH_SIZE];

		r = store_verify_register(ctx->store, problem, sizeof(problem), head, &entries,
					  &err);
		if (r < 0) {
			cmd_error("%s", err.message);
			status = err.status;
		} else if (r > 0) {
			term_print_line(stdout, "register: BROKEN: %s", problem);
			status = EXIT_FAIL;
		} else {
			printf("register: ok, %zu entr%s, head %s\n", entries,
			       entries == 1 ? "y" : "ies", head);
		}
	}
	if (store_register_load(ctx->store, &reg, &nreg, &err) == 0) {
		char **hashes = xcalloc(nreg + 1, sizeof(*hashes));

		print_discards(reg, nreg, ctx);
		for (size_t i = 0; i < nreg; i++)
			hashes[i] = reg[i].hash;
		look_for(expect, nexpect, hashes, nreg, "the register");
		look_in_discards(expect, nexpect, reg, nreg);
		free(hashes);
		register_release(reg, nreg);
	}
	if (status == EXIT_OK || status == EXIT_FAIL) {
		int kept = check_kept_scores(ctx);

		if (kept != EXIT_OK && (status == EXIT_OK || kept != EXIT_FAIL))
			status = kept;
	}
	store_snapshot_end(ctx->store);
	for (size_t k = 0; k < nexpect; k++)
		if (expect[k].discarded) {
			status = status == EXIT_OK ? EXIT_FAIL : status;
		} else if (!expect[k].found) {
			term_print_line(
				stdout,
				"expected %s: NOT FOUND: entries were removed from the end of the "
				"record, or it was rewritten",
				expect[k].hash);
			status = status == EXIT_OK ? EXIT_FAIL : status;
		}
	if (ctx->country && checked == 0 && status == EXIT_OK) {
		cmd_error("no assessment of %s in '%s'", ctx->country->alpha2, ctx->db_path);
		status = EXIT_DATA;
	}
	assessment_list_release(list, count);
	return status;
}

const struct cmd cmd_verify = {
	.name = "verify",
	.summary = "check the database and the tamper-evident record",
	.usage = "usage: cirt verify [--country CC] [--cycle YEAR] [--expect HASH]...\n"
		 "                   [--questionnaire FILE] [--db FILE]\n"
		 "\n"
		 "Run SQLite's integrity check, then recompute the history chain of every\n"
		 "assessment (or those of one country): each history entry carries the\n"
		 "SHA-256 of its content and of the entry before it. Replaying the history\n"
		 "must give exactly what is stored: answers, evidence, notes, flags,\n"
		 "sources and meetings, who changed each and when, the status, the\n"
		 "assessors, the mission dates, the creation time and the questionnaire's\n"
		 "hash. Then check the register, the database's own chain of assessments\n"
		 "created, finalized, reopened and discarded, so that a deleted assessment\n"
		 "shows. Prints each assessment's head hash, the register's head, and each\n"
		 "discarded assessment with who discarded it. Last, score again every\n"
		 "assessment whose score reports and comparisons keep (each with the head\n"
		 "it was computed at) and check that the kept one is the same, when the\n"
		 "questionnaire is at hand.\n"
		 "\n"
		 "A head printed earlier (on a report's methodology page, or by an\n"
		 "earlier verify) can be checked with --expect HASH (at least 12 of its\n"
		 "hex digits): it must still be in the record, or entries were removed\n"
		 "from its end; the last head of a discarded assessment is named as such.\n"
		 "Exit status 1 when anything is broken, not found or discarded.\n",
	.flags = CMD_OPT_DB | CMD_OPT_COUNTRY | CMD_OPT_QUESTIONNAIRE | CMD_OPEN_DB,
	.run = run_verify,
};
