/* cirt verify: the database's integrity and every history chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "store.h"
#include "term.h"

static int
run_verify(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	struct assessment *list = NULL;
	size_t count = 0;
	struct error err = {0};
	char problem[512];
	int status = EXIT_OK;
	int r;
	size_t checked = 0;

	if (cmd_no_arguments(self, argc, argv) != 0)
		return EXIT_USAGE;
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
	if (store_assessment_list(ctx->store, &list, &count, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	for (size_t i = 0; i < count; i++) {
		const struct assessment *a = &list[i];

		if (ctx->country && strcmp(a->country, ctx->country->alpha2) != 0)
			continue;
		if (ctx->cycle && a->cycle != ctx->cycle)
			continue;
		checked++;
		r = store_verify(ctx->store, a, problem, sizeof(problem), &err);
		if (r < 0) {
			cmd_error("%s", err.message);
			status = err.status;
			break;
		}
		if (r > 0) {
			term_print_line(stdout, "%s %d: BROKEN: %s", a->country, a->cycle, problem);
			status = EXIT_FAIL;
		} else {
			term_print_line(stdout, "%s %d: history ok", a->country, a->cycle);
		}
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
	.summary = "check the database and the tamper-evident history",
	.usage = "usage: cirt verify [--country CC] [--cycle YEAR] [--db FILE]\n"
		 "\n"
		 "Run SQLite's integrity check, then recompute the history chain of every\n"
		 "assessment (or those of one country): each history entry carries the\n"
		 "SHA-256 of its content and of the entry before it. Replaying the history\n"
		 "must also give exactly the stored answers and status. Reports the first\n"
		 "broken link of each assessment; exit status 1 when anything is broken.\n",
	.flags = CMD_OPT_DB | CMD_OPT_COUNTRY | CMD_OPEN_DB,
	.run = run_verify,
};
