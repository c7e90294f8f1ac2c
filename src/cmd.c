/* Helpers shared by the subcommand handlers. */
#include "cmd.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "country.h"
#include "exitcode.h"

#ifndef CIRT_DATADIR
#define CIRT_DATADIR "/usr/local/share/cirt"
#endif

void
cmd_error(const char *fmt, ...)
{
	va_list ap;

	fputs("cirt: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	fputs("cirt: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n%s", c->usage);
	return EXIT_USAGE;
}

int
cmd_bad_option(const struct cmd *c, int ch, int argc, char **argv)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";

	if (ch == ':')
		return cmd_usage_error(c, "option '%s' needs a value", arg);
	if (optopt)
		return cmd_usage_error(c, "unknown option '-%c'", optopt);
	return cmd_usage_error(c, "unknown option '%s'", arg);
}

const char *
cmd_default_questionnaire(void)
{
	static const char local[] = "questionnaires/cirt-readiness.xml";
	static const char installed[] = CIRT_DATADIR "/questionnaires/cirt-readiness.xml";
	const char *env = getenv("CIRT_QUESTIONNAIRE");

	if (env && *env)
		return env;
	if (access(local, F_OK) == 0)
		return local;
	return installed;
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
	fprintf(stderr, "cirt: unknown country '%s'", arg);
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
