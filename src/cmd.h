/* The subcommand table and what main does for commands before they run.
 *
 * Checklist for a new subcommand NAME:
 *   1. src/cmd_NAME.c defining `const struct cmd cmd_NAME` and its handler;
 *   2. its entry in the alphabetical table in src/main.c;
 *   3. its section in README.md (tests/cli/help.sh checks the README names it);
 *   4. its end-to-end tests in tests/cli/.
 * main handles --help, the shared options its flags name, opening the
 * database and loading the questionnaire, so a handler never does. */
#ifndef CIRT_CMD_H
#define CIRT_CMD_H

#include <stdarg.h>
#include <time.h>

#include "fonts.h"

struct answer_set;
struct country;
struct diag;
struct questionnaire;
struct store;
struct assessment;

/* What a command takes and needs; main acts on these before the handler. */
enum cmd_flags {
	CMD_OPT_DB = 1 << 0,		/* --db FILE (default $CIRT_DB, then cirt.db) */
	CMD_OPT_QUESTIONNAIRE = 1 << 1, /* --questionnaire FILE */
	CMD_OPT_COUNTRY = 1 << 2,	/* --country CC and --cycle YEAR */
	CMD_OPT_LANG = 1 << 3,		/* --lang L */
	CMD_OPT_ASSESSOR = 1 << 4,	/* --assessor NAME (default $CIRT_ASSESSOR, login) */
	CMD_OPEN_DB = 1 << 5,		/* open the database, which must exist */
	CMD_CREATE_DB = 1 << 6,		/* open it, creating it when missing */
	CMD_WRITES = 1 << 7,		/* refuse a read-only database */
	CMD_LOAD_QUESTIONNAIRE = 1 << 8,
	CMD_NEEDS_COUNTRY = 1 << 9, /* --country is required */
	CMD_OPT_CYCLE = 1 << 10,    /* --cycle YEAR without --country */
	CMD_KEYS = 1 << 11,	    /* signs, checks or seals: start libsodium */
	CMD_CHECKS_FILE = 1 << 12,  /* seals or merges: SQLite's whole-file check first */
};

/* Milliseconds on a monotonic clock, and, with $CIRT_TIMING set, where
 * the time went, on stderr: "cirt: timing: WHAT MS ms" (make bench). */
double cmd_now_ms(void);
void cmd_timing(const char *what, double ms);

struct cmd_context {
	const char *db_path;
	const char *questionnaire_path;
	const char *lang; /* NULL: the questionnaire's default language */
	const char *assessor;
	/* which were given as options, for the commands cirt suggests */
	int db_given;
	int questionnaire_given;
	int assessor_given;
	const struct country *country;
	int cycle; /* 0 when --cycle was not given */
	struct store *store;
	struct questionnaire *questionnaire;
};

struct cmd {
	const char *name;
	const char *summary; /* one line, for `cirt --help` */
	const char *usage;   /* synopsis and options, for `cirt NAME --help` */
	unsigned flags;	     /* enum cmd_flags */
	/* argv[0] is the command name, shared options removed; returns an
	 * enum exit_status */
	int (*run)(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv);
};

extern const struct cmd cmd_answers;
extern const struct cmd cmd_assessments;
extern const struct cmd cmd_attach;
extern const struct cmd cmd_attachments;
extern const struct cmd cmd_compare;
extern const struct cmd cmd_conflicts;
extern const struct cmd cmd_countries;
extern const struct cmd cmd_discard;
extern const struct cmd cmd_export;
extern const struct cmd cmd_finalize;
extern const struct cmd cmd_findings;
extern const struct cmd cmd_import;
extern const struct cmd cmd_interviews;
extern const struct cmd cmd_keys;
extern const struct cmd cmd_merge;
extern const struct cmd cmd_reopen;
extern const struct cmd cmd_report;
extern const struct cmd cmd_resolve;
extern const struct cmd cmd_run;
extern const struct cmd cmd_score;
extern const struct cmd cmd_serve;
extern const struct cmd cmd_show;
extern const struct cmd cmd_validate;
extern const struct cmd cmd_verify;

/* Print "cirt: message" and a line that points to the command's help
 * ("Try 'cirt NAME --help'.") to stderr; returns EXIT_USAGE for the
 * handler to return. Here and in cmd_error and
 * cmd_warning, the formatted message is printed safely (term.h), so it may
 * embed paths, ids and values from anywhere. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "cirt: message" to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "cirt: warning: message" to stderr. */
void cmd_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the diagnostics of loading a file ("FILE:LINE: message", which
 * may quote the file) to stderr, one a line, safely. */
void cmd_print_diagnostics(const struct diag *d);

/* Write s as one CSV field to stdout: as it is, since CSV is data for
 * other programs, except on a terminal, where it is made safe as
 * term_safe does. */
void cmd_csv_field(const char *s);

/* Report an unknown option ('?') or a missing value (':') that
 * getopt_long returned as ch; option strings start with ":" so that both
 * are told apart. Returns EXIT_USAGE. */
int cmd_bad_option(const struct cmd *c, int ch, int argc, char **argv);

/* Report arg (as typed, "--name" or "--name=value") as an option c does
 * not take, naming the closest option c's usage mentions when one is close
 * ("unknown option '--contry'; did you mean '--country'?"). Returns
 * EXIT_USAGE. */
int cmd_unknown_option(const struct cmd *c, const char *arg);

/* The first long option in argv[1..argc-1] (before any "--") that c's
 * usage does not mention, not even as its start (getopt takes an
 * unambiguous start), or NULL. Borrowed from argv. */
const char *cmd_find_unknown_option(const struct cmd *c, int argc, char **argv);

/* The candidate closest to word by edit distance, when it is close (one
 * edit for a short word, two or three for longer ones); else NULL. */
const char *cmd_closest(const char *word, const char *const *candidates, size_t count);

/* Parse the options a handler has none of: anything but its argv[0] and
 * plain arguments is an unknown option. Returns 0 with *first set to the
 * first plain argument, or EXIT_USAGE. */
int cmd_no_options(const struct cmd *c, int argc, char **argv, int *first);

/* The same for a handler whose only option is --yes (*yes set to 1 when
 * given). */
int cmd_yes_option(const struct cmd *c, int argc, char **argv, int *yes, int *first);

/* The same for a handler that takes no plain arguments either: returns 0,
 * or EXIT_USAGE after saying what is wrong. */
int cmd_no_arguments(const struct cmd *c, int argc, char **argv);

/* Where the PDFs' fonts are unless $CIRT_FONT_DIR says otherwise. */
#define CMD_FONT_DIR FONTS_DEJAVU_DIR

/* The files of the faces a PDF may use (fonts.h): DejaVu Sans regular and
 * bold from $CIRT_FONT_DIR or CMD_FONT_DIR, the CJK face from
 * $CIRT_CJK_FONT or FONTS_CJK_FILE, FreeSans regular and bold from
 * $CIRT_EXTRA_FONT_DIR or FONTS_EXTRA_DIR; the caller frees each. */
void cmd_font_paths(char *fonts[FONT_FACES]);

/* The date a PDF carries: $SOURCE_DATE_EPOCH for reproducible output, else
 * now. Returns 0, or EXIT_USAGE after saying the variable is not a number
 * of seconds. */
int cmd_pdf_date(time_t *date);

/* How a report on one assessment is printed. */
enum output_format { OUTPUT_TABLE, OUTPUT_CSV, OUTPUT_JSON };

/* Parse the options of a handler whose only one is --format table|csv|json
 * (default table) and that takes no plain arguments: returns 0 with
 * *format set, or EXIT_USAGE after saying what is wrong. */
int cmd_format_option(const struct cmd *c, int argc, char **argv, enum output_format *format);

/* The questionnaire to use when none is named: $CIRT_QUESTIONNAIRE, then
 * questionnaires/cirt-readiness.xml in the current folder, then the
 * installed copy. Borrowed string. */
const char *cmd_default_questionnaire(void);

/* When ctx names no questionnaire (--questionnaire) and the default one
 * is not there, say every place cirt looked and how to name one, and
 * return EXIT_IO; else EXIT_OK. */
int cmd_check_default_questionnaire(const struct cmd_context *ctx);

/* Whether ctx names no questionnaire and the default one is not there (as
 * cmd_check_default_questionnaire, without a word). */
int cmd_questionnaire_missing(const struct cmd_context *ctx);

/* The country that a --country argument names (alpha-2 or alpha-3 code,
 * any case). When there is none, prints the closest names to stderr and
 * returns NULL. */
const struct country *cmd_country(const char *arg);

/* Whether s looks like a language tag (en, fr, pt-BR). */
int cmd_valid_lang(const char *s);

/* The language to show: --lang, else the questionnaire's default. */
const char *cmd_lang(const struct cmd_context *ctx);

/* The year now, in UTC. */
int cmd_current_year(void);

/* Find the assessment that --country and --cycle name (without --cycle,
 * the country's latest). With create, a missing one is filled as new
 * (a->id 0: it comes into being with its first recorded change), for the
 * current year without --cycle; a cycle before 2000 or more than a year
 * ahead is refused. Checks that it was made with the loaded
 * questionnaire, and warns when the file changed since. Returns an exit
 * status; on EXIT_OK, *a is filled (release it with assessment_release). */
int cmd_assessment(struct cmd_context *ctx, int create, struct assessment *a);

/* Before the first change to new assessment a: when its country has no
 * assessment yet, name it in full and ask on a terminal; without one,
 * --yes (yes) must have been given. Returns EXIT_OK to go on, or an exit
 * status after saying why not. */
int cmd_confirm_new(struct cmd_context *ctx, const struct assessment *a, int yes);

/* Ask question on the terminal and read y or n: 1 for yes, 0 for no (or
 * end of input). */
int cmd_ask(const char *question);

/* Take the assessment of a for writing (store_writer_take) as command;
 * returns EXIT_OK, or an exit status after saying who holds it (or what
 * failed), followed by not_done ("; nothing was imported", or ""). */
int cmd_claim(struct cmd_context *ctx, const struct assessment *a, const char *command,
	      const char *not_done);

/* Refuse to change final assessment a, with the complete command that
 * reopens it: returns EXIT_DATA, or EXIT_OK for a draft. */
int cmd_refuse_final(const struct cmd_context *ctx, const struct assessment *a);

/* Check a person's name (an assessor, a key's owner): not empty, at most
 * max bytes, valid UTF-8 without control characters, tabs or
 * bidirectional controls. Returns 0, or -1 with the reason in message. */
int cmd_check_name(const char *s, size_t max, char *message, size_t size);

struct chain_conflict;

/* One side of a conflict as the user reads it: an answer described in
 * lang, evidence or a note in quotes, a flag as flagged or not, a
 * finding's start in quotes with its size. Owned by the caller. state and
 * value as the conflict gives them. */
char *cmd_conflict_value(const struct cmd_context *ctx, const char *question_id, const char *field,
			 const char *state, const char *value);

/* What a conflict is over, for messages: "the answer of QID", "the note
 * of QID", "the executive summary", "the findings on pillar ID". Owned by
 * the caller. */
char *cmd_conflict_subject(const char *question_id, const char *field);

/* Print one open conflict (both values, who, when and where they came
 * from) and the command that settles it. */
void cmd_print_conflict(const struct cmd_context *ctx, const struct assessment *a,
			const struct chain_conflict *c);

/* s quoted for a POSIX shell where it needs it. Owned by the caller. */
char *cmd_shell_quote(const char *s);

/* A complete command line that repeats this invocation's --db,
 * --questionnaire and (with_assessor) --assessor where they were given:
 * "cirt NAME ARGS ...". Owned by the caller. */
char *cmd_command_line(const struct cmd_context *ctx, const char *name, const char *args,
		       int with_assessor);

/* cmd_assessment without create, then its answers: on EXIT_OK both *a and
 * *answers are filled (release both). */
int cmd_assessment_answers(struct cmd_context *ctx, struct assessment *a,
			   struct answer_set *answers);

/* The resume command for an assessment, e.g. "cirt run --country FR
 * --cycle 2026 --db field.db". Owned by the caller. */
char *cmd_resume_command(const struct cmd_context *ctx, const struct assessment *a);

#endif
