/* cirt serve: the same sessions in a browser, on this machine only. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exitcode.h"
#include "web.h"

static int
announce(const char *url, void *arg)
{
	(void)arg;
	printf("cirt: serving on %s\n", url);
	printf("Open that address in a browser on this machine; Ctrl-C stops.\n");
	return fflush(stdout) == 0 ? 0 : -1;
}

/* A duration: a number of minutes, or with s, m or h after it. */
static int
parse_idle(const char *s, double *seconds)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return -1;
	if (*end == '\0' || strcmp(end, "m") == 0)
		*seconds = v * 60;
	else if (strcmp(end, "s") == 0)
		*seconds = v;
	else if (strcmp(end, "h") == 0)
		*seconds = v * 3600;
	else
		return -1;
	return *seconds > 366.0 * 86400 ? -1 : 0;
}

static int
run_serve(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{"port", required_argument, NULL, 'p'},
		{"idle", required_argument, NULL, 'i'},
		{NULL, 0, NULL, 0},
	};
	struct web_options o = {0};
	struct error err = {0};
	int ch;

	o.idle = 60 * 60;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (ch) {
		case 'p': {
			char *end;
			long port;

			errno = 0;
			port = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || port < 0 || port > 65535)
				return cmd_usage_error(self,
						       "--port takes a number from 0 to 65535, "
						       "not '%s'",
						       optarg);
			o.port = (int)port;
			o.port_given = 1;
			break;
		}
		case 'i':
			if (parse_idle(optarg, &o.idle) < 0)
				return cmd_usage_error(self,
						       "--idle takes minutes (30), or seconds, "
						       "minutes or hours (90s, 30m, 2h), not '%s'",
						       optarg);
			break;
		default:
			return cmd_bad_option(self, ch, argc, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	o.lang = cmd_lang(ctx);
	o.announce = announce;
	if (web_serve(ctx, &o, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status ? err.status : EXIT_IO;
	}
	return EXIT_OK;
}

const struct cmd cmd_serve = {
	.name = "serve",
	.summary = "the same sessions in a browser, on this machine only",
	.usage = "usage: cirt serve [--port N] [--idle TIME] [--lang L] [--assessor NAME]\n"
		 "                  [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Serve the database to a browser on this machine: the assessments, each\n"
		 "with its pillars and questions, the question in focus with its help,\n"
		 "evidence, attachments, note, flag and the meeting in progress; findings,\n"
		 "conflicts, the history of a question, the score and the report. The\n"
		 "pages use the session engine of 'cirt run': an answer is committed\n"
		 "before the page says it is saved, and an assessment a terminal session\n"
		 "holds is shown read-only (and the other way round).\n"
		 "\n"
		 "cirt prints one address with a random token; open it in a browser. It\n"
		 "listens on 127.0.0.1 only, answers only requests that carry the token\n"
		 "and name the loopback address as their host, takes changes only from its\n"
		 "own pages, and fetches nothing from anywhere. Ctrl-C stops it, and so\n"
		 "does no request for the idle time.\n"
		 "\n"
		 "Options:\n"
		 "  --port N          the port (default 8470, or the next free one up to\n"
		 "                    8479; 0: any free port)\n"
		 "  --idle TIME       stop after this long without a request: minutes, or\n"
		 "                    90s, 30m, 2h (default 60 minutes; 0: never)\n"
		 "  --lang L          the pages' language until one is chosen on them\n"
		 "  --assessor NAME   who records (default: $CIRT_ASSESSOR, then the name\n"
		 "                    this database remembers)\n"
		 "  --db FILE         the database (default: $CIRT_DB, then cirt.db)\n"
		 "  --questionnaire FILE  the questionnaire (default: the shipped one)\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_LANG | CMD_OPT_ASSESSOR |
		CMD_CREATE_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE,
	.run = run_serve,
};
