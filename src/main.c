/* cirt: the command table, shared options, dispatch and exit status. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "cmd.h"
#include "exitcode.h"
#include "i18n.h"
#include "keys.h"
#include "lineedit.h"
#include "qcache.h"
#include "questionnaire.h"
#include "store.h"

#ifndef CIRT_VERSION
#define CIRT_VERSION "unknown"
#endif

/* Alphabetical, one per line. */
/* clang-format off */
static const struct cmd *const commands[] = {
	&cmd_answers,
	&cmd_assessments,
	&cmd_attach,
	&cmd_attachments,
	&cmd_compare,
	&cmd_conflicts,
	&cmd_countries,
	&cmd_discard,
	&cmd_export,
	&cmd_finalize,
	&cmd_findings,
	&cmd_import,
	&cmd_interviews,
	&cmd_keys,
	&cmd_merge,
	&cmd_reopen,
	&cmd_report,
	&cmd_resolve,
	&cmd_run,
	&cmd_score,
	&cmd_serve,
	&cmd_show,
	&cmd_validate,
	&cmd_verify,
};
/* clang-format on */

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

/* The options several commands share; a command takes those its flags
 * name. */
enum shared {
	SHARED_DB,
	SHARED_QUESTIONNAIRE,
	SHARED_COUNTRY,
	SHARED_CYCLE,
	SHARED_LANG,
	SHARED_ASSESSOR
};

static const struct {
	const char *name;
	unsigned flag;
} shared_options[] = {
	[SHARED_DB] = {"db", CMD_OPT_DB},
	[SHARED_QUESTIONNAIRE] = {"questionnaire", CMD_OPT_QUESTIONNAIRE},
	[SHARED_COUNTRY] = {"country", CMD_OPT_COUNTRY},
	[SHARED_CYCLE] = {"cycle", CMD_OPT_COUNTRY | CMD_OPT_CYCLE},
	[SHARED_LANG] = {"lang", CMD_OPT_LANG},
	[SHARED_ASSESSOR] = {"assessor", CMD_OPT_ASSESSOR},
};

#define SHARED_COUNT (sizeof(shared_options) / sizeof(shared_options[0]))

static void
print_main_usage(FILE *out)
{
	fputs("usage: cirt COMMAND [OPTIONS] [ARGS]\n"
	      "       cirt --help | --version\n"
	      "       cirt COMMAND --help\n"
	      "\n"
	      "National CIRT readiness assessments on the five pillars of the Global\n"
	      "Cybersecurity Agenda.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n"
	      "Environment: CIRT_DB (the database, default cirt.db), CIRT_QUESTIONNAIRE,\n"
	      "CIRT_ASSESSOR (your name in the history), CIRT_KEY_DIR (this laptop's\n"
	      "keys, default ~/.config/cirt), NO_COLOR, COLUMNS (the width to wrap at;\n"
	      "default the terminal's, else 80).\n"
	      "\n"
	      "Exit status: 0 ok, 1 a check failed, 2 usage error, 3 data error,\n"
	      "4 a file could not be read or written.\n",
	      out);
}

static const struct cmd *
find_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* Report name as neither a command nor an option cirt knows, with the
 * closest command when one is close; returns EXIT_USAGE. */
static int
unknown_command(const char *name)
{
	const char *names[COMMAND_COUNT];
	const char *near;

	for (size_t i = 0; i < COMMAND_COUNT; i++)
		names[i] = commands[i]->name;
	near = cmd_closest(name, names, COMMAND_COUNT);
	if (name[0] == '-')
		cmd_error("unknown option '%s'", name);
	else if (near)
		cmd_error("unknown command '%s'; did you mean '%s'?", name, near);
	else
		cmd_error("unknown command '%s'", name);
	fputs("Try 'cirt --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Whether argv asks for help before any "--". */
static int
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

/* Flush stdout and report a write error (a full disk, a closed pipe). */
static int
finish_output(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_error("cannot write output: %s", strerror(errno));
		if (status == EXIT_OK)
			status = EXIT_IO;
	}
	return status;
}

/* Take the shared options the command accepts out of argv (in place) into
 * values[]; returns the new argc, or -1 after a usage error. */
static int
take_shared_options(const struct cmd *c, int argc, char **argv, const char **values)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		size_t k = SHARED_COUNT;

		if (strcmp(arg, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(arg, "--", 2) == 0)
			for (k = 0; k < SHARED_COUNT; k++) {
				size_t n = strlen(shared_options[k].name);

				if ((c->flags & shared_options[k].flag) &&
				    strncmp(arg + 2, shared_options[k].name, n) == 0 &&
				    (arg[2 + n] == '\0' || arg[2 + n] == '='))
					break;
			}
		if (k == SHARED_COUNT) {
			argv[out++] = argv[i];
			continue;
		}
		if (strchr(arg, '=')) {
			values[k] = strchr(arg, '=') + 1;
		} else if (i + 1 < argc) {
			values[k] = argv[++i];
		} else {
			cmd_usage_error(c, "option '%s' needs a value", arg);
			return -1;
		}
	}
	argv[out] = NULL;
	return out;
}

/* Who is recording: --assessor, then $CIRT_ASSESSOR, then the name this
 * database remembers, then asked on a terminal; never the login name. A
 * name given is remembered for the next time. Returns an exit status. */
static int
resolve_assessor(const struct cmd *c, const char *given, const char *unknown,
		 struct cmd_context *ctx, char **owned)
{
	const char *env = getenv("CIRT_ASSESSOR");
	char message[256];
	struct error err = {0};
	char *remembered = NULL;

	if (given == NULL && env && *env)
		given = env;
	if (given == NULL && ctx->store &&
	    store_setting_get(ctx->store, "assessor", &remembered, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (given == NULL && remembered == NULL && isatty(STDIN_FILENO)) {
		struct line_reader *in = line_reader_new(1);

		fflush(stdout);
		fputs("Who is recording? Your name is kept with every change you make, and this "
		      "database\nremembers it.\n",
		      stdout);
		/* an empty line asks again; the end of input gives up */
		for (int tries = 0; tries < 3; tries++) {
			remembered = line_reader_get(in, "Your name> ");
			if (remembered == NULL || *remembered)
				break;
			free(remembered);
			remembered = NULL;
		}
		line_reader_free(in);
	}
	if (given == NULL && remembered == NULL && unknown)
		return cmd_unknown_option(c, unknown);
	if (given == NULL && remembered == NULL)
		return cmd_usage_error(c,
				       "who is recording? name the assessor with --assessor "
				       "NAME or CIRT_ASSESSOR (cirt remembers it per database)");
	*owned = remembered;
	ctx->assessor = given ? given : remembered;
	if (cmd_check_name(ctx->assessor, 200, message, sizeof(message)) < 0)
		return cmd_usage_error(c, "the assessor's name: %s", message);
	return EXIT_OK;
}

/* Remember the assessor a command that succeeded was given, for the next
 * one on this database (a refused command changes nothing). */
static void
remember_assessor(struct cmd_context *ctx)
{
	struct error err = {0};
	char *remembered = NULL;

	if (ctx->assessor == NULL || ctx->store == NULL || store_read_only(ctx->store) ||
	    store_setting_get(ctx->store, "assessor", &remembered, &err) < 0)
		return;
	if (remembered == NULL || strcmp(remembered, ctx->assessor) != 0)
		store_setting_set(ctx->store, "assessor", ctx->assessor, &err);
	free(remembered);
}

/* Fill ctx from the shared options and do what the command's flags ask:
 * open the database, load the questionnaire. Returns an exit status. An
 * option the command does not take (unknown, else NULL) is reported rather
 * than what it leaves missing: "--contry KE" is a mistyped option before
 * it is a missing --country. */
static int
prepare_context(const struct cmd *c, const char **values, const char *unknown,
		struct cmd_context *ctx, char **assessor)
{
	char message[256];
	struct error err = {0};

	const char *env_db = getenv("CIRT_DB");

	ctx->db_path = values[SHARED_DB];
	ctx->db_given = values[SHARED_DB] != NULL;
	ctx->questionnaire_given = values[SHARED_QUESTIONNAIRE] != NULL;
	ctx->assessor_given = values[SHARED_ASSESSOR] != NULL;
	if (ctx->db_path == NULL)
		ctx->db_path = env_db && *env_db ? env_db : "cirt.db";
	ctx->questionnaire_path = values[SHARED_QUESTIONNAIRE] ? values[SHARED_QUESTIONNAIRE]
							       : cmd_default_questionnaire();
	ctx->lang = values[SHARED_LANG];
	if (ctx->lang && !cmd_valid_lang(ctx->lang))
		return cmd_usage_error(c, "'%s' is not a language code such as en, fr or es",
				       ctx->lang);
	if (ctx->lang && !i18n_has(ctx->lang)) {
		/* a regional form of a language cirt speaks, fr_CA or zh-CN, is
		 * that language */
		static char base[8];
		size_t n = strcspn(ctx->lang, "_-");

		if (n < sizeof(base) && ctx->lang[n]) {
			memcpy(base, ctx->lang, n);
			base[n] = '\0';
			if (i18n_has(base))
				ctx->lang = base;
		}
	}
	if (ctx->lang && !i18n_has(ctx->lang))
		return cmd_usage_error(c, "cirt does not speak '%s'; its languages are %s",
				       ctx->lang, i18n_languages());
	if (values[SHARED_ASSESSOR] &&
	    cmd_check_name(values[SHARED_ASSESSOR], 200, message, sizeof(message)) < 0)
		return cmd_usage_error(c, "the assessor's name: %s", message);
	if (values[SHARED_COUNTRY]) {
		ctx->country = cmd_country(values[SHARED_COUNTRY]);
		if (ctx->country == NULL)
			return EXIT_USAGE;
	} else if (c->flags & CMD_NEEDS_COUNTRY) {
		if (unknown)
			return cmd_unknown_option(c, unknown);
		return cmd_usage_error(c, "name the country with --country CC");
	}
	if (values[SHARED_CYCLE]) {
		char *end;
		long y = strtol(values[SHARED_CYCLE], &end, 10);

		if (*values[SHARED_CYCLE] == '\0' || *end || y < 1900 || y > 2200)
			return cmd_usage_error(c, "'%s' is not a cycle year such as 2026",
					       values[SHARED_CYCLE]);
		ctx->cycle = (int)y;
	}
	if (c->flags & CMD_LOAD_QUESTIONNAIRE) {
		struct diag diags = DIAG_INIT;
		int io_error = 0;

		if (unknown && cmd_questionnaire_missing(ctx))
			return cmd_unknown_option(c, unknown);
		if (cmd_check_default_questionnaire(ctx) != EXIT_OK)
			return EXIT_IO;

		double started = cmd_now_ms();

		ctx->questionnaire = qcache_load(ctx->questionnaire_path, &diags, &io_error);
		cmd_timing("questionnaire", cmd_now_ms() - started);
		cmd_print_diagnostics(&diags);
		diag_release(&diags);
		if (ctx->questionnaire == NULL)
			return io_error ? EXIT_IO : EXIT_FAIL;
		if (ctx->lang && !questionnaire_has_language(ctx->questionnaire, ctx->lang)) {
			char *list = questionnaire_language_list(ctx->questionnaire);

			cmd_error("questionnaire '%s' (%s) is not in '%s'; its languages are %s",
				  ctx->questionnaire->id, ctx->questionnaire_path, ctx->lang, list);
			free(list);
			return EXIT_USAGE;
		}
		if (ctx->lang == NULL && !i18n_has(ctx->questionnaire->default_lang))
			cmd_warning(
				"cirt does not speak '%s', the questionnaire's language: its own "
				"words are in English; choose another with --lang (cirt's "
				"languages are %s)",
				ctx->questionnaire->default_lang, i18n_languages());
	}
	if (c->flags & (CMD_OPEN_DB | CMD_CREATE_DB)) {
		enum store_mode mode = c->flags & CMD_CREATE_DB ? STORE_CREATE
			: c->flags & CMD_WRITES			? STORE_EXISTING
								: STORE_QUERY;

		double started = cmd_now_ms();

		ctx->store = store_open(ctx->db_path, mode, &err);
		cmd_timing("database", cmd_now_ms() - started);
		if (ctx->store == NULL && unknown)
			return cmd_unknown_option(c, unknown);
		if (ctx->store == NULL) {
			cmd_error("%s", err.message);
			return err.status;
		}
		if ((c->flags & CMD_CHECKS_FILE) && store_check(ctx->store, &err) < 0) {
			cmd_error("%s", err.message);
			return err.status;
		}
		if ((c->flags & CMD_WRITES) && store_read_only(ctx->store)) {
			cmd_error("database '%s' is read-only; cirt %s needs to write to it",
				  ctx->db_path, c->name);
			return EXIT_IO;
		}
	}
	if (c->flags & CMD_OPT_ASSESSOR)
		return resolve_assessor(c, values[SHARED_ASSESSOR], unknown, ctx, assessor);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	const struct cmd *c;
	const char *values[SHARED_COUNT] = {0};
	struct cmd_context ctx = {0};
	char *assessor = NULL;
	int status;

	setlocale(LC_CTYPE, "");
	/* past a file size limit, let write() fail with a message, not a signal */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		print_main_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			c = find_command(argv[2]);
			if (c == NULL)
				return unknown_command(argv[2]);
			fputs(c->usage, stdout);
			return finish_output(EXIT_OK);
		}
		print_main_usage(stdout);
		return finish_output(EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("cirt %s\n", CIRT_VERSION);
		return finish_output(EXIT_OK);
	}
	c = find_command(argv[1]);
	if (c == NULL)
		return unknown_command(argv[1]);
	if (wants_help(argc - 1, argv + 1)) {
		fputs(c->usage, stdout);
		return finish_output(EXIT_OK);
	}
	argc = take_shared_options(c, argc - 1, argv + 1, values);
	if (argc < 0)
		return EXIT_USAGE;
	/* only the commands that sign, check or seal start libsodium */
	if ((c->flags & CMD_KEYS) && keys_start() < 0) {
		cmd_error("cannot start libsodium: no source of randomness");
		return EXIT_IO;
	}
	status = prepare_context(c, values, cmd_find_unknown_option(c, argc, argv + 1), &ctx,
				 &assessor);
	if (status == EXIT_OK)
		status = c->run(c, &ctx, argc, argv + 1);
	if (status == EXIT_OK)
		remember_assessor(&ctx);
	/* a refused command leaves no new, empty database behind */
	if (status != EXIT_OK)
		store_close_removing_unused(ctx.store);
	else
		store_close(ctx.store);
	free(assessor);
	questionnaire_free(ctx.questionnaire);
	questionnaire_library_cleanup();
	return finish_output(status);
}
