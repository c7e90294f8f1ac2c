/* The subcommand table.
 *
 * Checklist for a new subcommand NAME:
 *   1. src/cmd_NAME.c defining `const struct cmd cmd_NAME` and its handler;
 *   2. its entry in the alphabetical table in src/main.c;
 *   3. its section in README.md (tests/cli/help.sh checks the README names it);
 *   4. its end-to-end tests in tests/cli/.
 * main handles --help for every command, so a handler never does. */
#ifndef CIRT_CMD_H
#define CIRT_CMD_H

#include <stdarg.h>

struct country;

struct cmd {
	const char *name;
	const char *summary; /* one line, for `cirt --help` */
	const char *usage;   /* synopsis and options, for `cirt NAME --help` */
	/* argv[0] is the command name; returns an enum exit_status */
	int (*run)(const struct cmd *self, int argc, char **argv);
};

extern const struct cmd cmd_countries;
extern const struct cmd cmd_show;
extern const struct cmd cmd_validate;

/* Print "cirt: message" and the command's usage to stderr; returns
 * EXIT_USAGE for the handler to return. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "cirt: message" to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report an unknown option ('?') or a missing value (':') that
 * getopt_long returned as ch; option strings start with ":" so that both
 * are told apart. Returns EXIT_USAGE. */
int cmd_bad_option(const struct cmd *c, int ch, int argc, char **argv);

/* The questionnaire to use when none is named: $CIRT_QUESTIONNAIRE, then
 * questionnaires/cirt-readiness.xml in the current folder, then the
 * installed copy. Borrowed string. */
const char *cmd_default_questionnaire(void);

/* The country that a --country argument names (alpha-2 or alpha-3 code,
 * any case). When there is none, prints the closest names to stderr and
 * returns NULL. */
const struct country *cmd_country(const char *arg);

/* Whether s looks like a language tag (en, fr, pt-BR). */
int cmd_valid_lang(const char *s);

#endif
