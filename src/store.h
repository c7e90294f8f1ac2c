/* The SQLite store: assessments, answers and their tamper-evident history.
 * The only module that includes sqlite3 or holds SQL; only bound
 * parameters reach a statement.
 *
 * Every change to an answer (its value, evidence, note or flag) and to an
 * assessment's status is appended to the history with who, when and an
 * optional reason. Each history entry carries the SHA-256 of its own
 * content together with the previous entry's hash, so that editing or
 * removing any entry breaks the chain, and store_verify finds it. */
#ifndef CIRT_STORE_H
#define CIRT_STORE_H

#include <stddef.h>

#include "answer.h"
#include "error.h"

#define STORE_SCHEMA_VERSION 2
#define STORE_APPLICATION_ID 0x43495254 /* "CIRT" */
#define STORE_BUSY_TIMEOUT_MS 5000

struct store;

struct assessment {
	long long id;
	char country[3]; /* ISO 3166-1 alpha-2 */
	int cycle;	 /* the year */
	char *questionnaire_id;
	char *questionnaire_version;
	char *questionnaire_sha256;
	int final;
	char *mission_start; /* YYYY-MM-DD of the first answer, "" before it */
	char *mission_end;   /* YYYY-MM-DD of the latest answer */
	char *assessors;     /* names, separated by ", " */
	char *created_at;
	char *updated_at;
	size_t answered; /* questions answered (value, don't know or n/a) */
};

void assessment_release(struct assessment *a);

/* Release n assessments and the array that holds them. */
void assessment_list_release(struct assessment *list, size_t n);

enum store_mode {
	STORE_EXISTING, /* the database must exist */
	STORE_CREATE,	/* create it (mode 0600) when missing */
	STORE_READ,	/* read it as it stands: never written, never upgraded */
	STORE_QUERY,	/* as STORE_EXISTING, for a command that only reads */
};

/* Open the database at path: check that it is cirt's, upgrade an older
 * schema in place, refuse a newer one, run SQLite's quick check (except
 * for STORE_QUERY: a reading command leaves whole-file checks to 'cirt
 * verify' and relies on SQLite's checks of each page it reads, so that
 * its time does not grow with the database). Returns
 * NULL with err set (EXIT_IO for files that cannot be opened, EXIT_DATA
 * for files that are not a usable cirt database). */
struct store *store_open(const char *path, enum store_mode mode, struct error *err);
void store_close(struct store *s);

/* Whether this store_open created the file and no assessment was made in it
 * since: a command that then fails removes it (store_close_removing_unused). */
int store_created_unused(struct store *s);

/* Close s and, when store_created_unused, delete the file it created. */
void store_close_removing_unused(struct store *s);

/* Whether the database can only be read (a read-only file). */
int store_read_only(const struct store *s);

/* The schema version the file had when it was opened, before upgrading. */
int store_opened_version(const struct store *s);

/* Look up the assessment of country and cycle into out (release it with
 * assessment_release). Returns 0 when found, 1 when there is none, -1 on
 * error. */
int store_assessment_get(struct store *s, const char *country, int cycle, struct assessment *out,
			 struct error *err);

/* The most recent cycle of country: 0 with *cycle set, 1 when the country
 * has no assessment, -1 on error. */
int store_assessment_latest_cycle(struct store *s, const char *country, int *cycle,
				  struct error *err);

/* Create the assessment a describes (country, cycle, questionnaire id,
 * version and hash), with `who` as its first assessor; fills the rest of
 * a. Returns 0 or -1. */
int store_assessment_create(struct store *s, struct assessment *a, const char *who,
			    struct error *err);

/* Add who to the assessment's assessors unless already there. */
int store_assessment_add_assessor(struct store *s, struct assessment *a, const char *who,
				  struct error *err);

/* All assessments, by country then cycle; answered is left 0 (counting
 * reads every answer: load the answers where the count is wanted). *out
 * is owned by the caller (assessment_list_release). */
int store_assessment_list(struct store *s, struct assessment **out, size_t *count,
			  struct error *err);

/* Mark the assessment final (final = 1) or draft again, with history. A
 * change to the status it already has is refused with EXIT_DATA. */
int store_assessment_set_final(struct store *s, struct assessment *a, int final, const char *who,
			       struct error *err);

/* Every answer row of the assessment, in the order they were first made. */
int store_answers_load(struct store *s, long long assessment_id, struct answer_set *out,
		       struct error *err);

/* A change to one question's answer row; only the parts marked set
 * change. */
struct answer_change {
	const char *question_id;
	int set_answer;
	enum answer_state state;
	const char *value; /* for ANSWER_VALUE */
	int set_evidence;
	const char *evidence;
	int set_comment;
	const char *comment;
	int set_flag;
	int flagged;
	const char *reason; /* may be NULL */
	/* for merges: who made the change and when (NULL: the caller, now),
	 * and record_only to keep the change in the history as "merged"
	 * without applying it (a later answer won); an identical merged
	 * record is not written twice */
	const char *who;
	const char *when;
	int record_only;
	/* if not NULL, set to 1 when this change wrote anything (meaningful
	 * only when store_answers_change succeeds) */
	int *done;
};

/* Apply the changes in one transaction, all or none, recording history for
 * every part that differs from what is stored. A final assessment refuses
 * changes (EXIT_DATA). Returns how many rows changed, or -1. */
int store_answers_change(struct store *s, const struct assessment *a,
			 const struct answer_change *changes, size_t count, const char *who,
			 struct error *err);

/* One entry of the history. Strings are owned; NULL where SQL has NULL. */
struct history_entry {
	long long seq;
	char *question_id; /* "" for the assessment itself */
	char *field;	   /* created, status, answer, evidence, comment, flag */
	char *old_state;
	char *old_value;
	char *new_state;
	char *new_value;
	char *changed_by;
	char *changed_at;
	char *reason;
	char *prev_hash;
	char *hash;
};

void history_entry_release(struct history_entry *e);

/* Release n history entries and the array that holds them. */
void history_release(struct history_entry *h, size_t n);

/* The hash an entry of the assessment of country and cycle must carry:
 * the SHA-256 of its content and its prev_hash. */
void store_history_hash(const char *country, int cycle, const struct history_entry *e,
			char out[65]);

/* Create an assessment exactly as another database holds it: the
 * assessment's fields, its answer rows and its whole history, hashes
 * included, in one transaction. The country and cycle must be new here. */
int store_assessment_restore(struct store *s, struct assessment *a,
			     const struct answer_set *answers, const struct history_entry *history,
			     size_t count, struct error *err);

/* The whole history of an assessment, oldest first. */
int store_history_load(struct store *s, long long assessment_id, struct history_entry **out,
		       size_t *count, struct error *err);

/* Recompute the assessment's history chain and replay it against the
 * stored answers and status. Returns 0 when everything holds, 1 when not
 * (problem says where the first broken link is), -1 on error. */
int store_verify(struct store *s, const struct assessment *a, char *problem, size_t size,
		 struct error *err);

/* SQLite's integrity check (full, or the quicker check run at every open):
 * 0 when "ok", 1 with the first problem in problem, -1 on error. */
int store_integrity_check(struct store *s, int full, char *problem, size_t size, struct error *err);

/* The current time as stored: UTC with milliseconds. buf holds 32. */
void store_now(char *buf, size_t size);

#endif
