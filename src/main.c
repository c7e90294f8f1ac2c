/* cirt: the command table, global options, dispatch and exit status. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exitcode.h"
#include "questionnaire.h"

#ifndef CIRT_VERSION
#define CIRT_VERSION "unknown"
#endif

/* Alphabetical. */
static const struct cmd *const commands[] = {
	&cmd_countries,
	&cmd_show,
	&cmd_validate,
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

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

int
main(int argc, char **argv)
{
	const struct cmd *c;
	int status;

	setlocale(LC_CTYPE, "");
	if (argc < 2) {
		print_main_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			c = find_command(argv[2]);
			if (c == NULL) {
				cmd_error("unknown command '%s'", argv[2]);
				return EXIT_USAGE;
			}
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
	if (c == NULL) {
		if (argv[1][0] == '-')
			cmd_error("unknown option '%s'", argv[1]);
		else
			cmd_error("unknown command '%s'", argv[1]);
		fputc('\n', stderr);
		print_main_usage(stderr);
		return EXIT_USAGE;
	}
	if (wants_help(argc - 1, argv + 1)) {
		fputs(c->usage, stdout);
		return finish_output(EXIT_OK);
	}
	status = c->run(c, argc - 1, argv + 1);
	questionnaire_library_cleanup();
	return finish_output(status);
}
