/* The SQLite store: assessments, answers and their tamper-evident history.
 * The only module that includes sqlite3 or holds SQL; only bound
 * parameters reach a statement. Split in three files: store.c (opening,
 * upgrades, assessments and answers), store_chain.c (the history, the
 * register, meetings, verification, restoring and discarding) and
 * store_writer.c (the one-writer rule and settings).
 *
 * Every change to an answer (its value, evidence, note, flag or source),
 * to an assessment's status, and every meeting named is appended to the
 * history with who, when and an optional reason, hashed into a chain (see
 * chain.h); the assessment and answer tables hold what the replay of the
 * history gives, and store_verify checks that they do. Attachments (files
 * kept as evidence) are rows whose metadata the history records and whose
 * bytes store_verify checks against their SHA-256. The team's findings
 * (the executive summary and the findings per pillar) are events of the
 * history too, and rows that must equal their replay. Creating,
 * finalizing, reopening and discarding an assessment is also appended to
 * the database's register. */
#ifndef CIRT_STORE_H
#define CIRT_STORE_H

#include <stddef.h>

#include "answer.h"
#include "attachment.h"
#include "chain.h"
#include "error.h"

#define STORE_SCHEMA_VERSION 7
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
	char *head;	   /* the hash of the last history entry */
	long long entries; /* history entries */
	size_t answered;   /* questions answered (value, don't know or n/a) */
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

/* Open the database at path: check that it is cirt's (its application id
 * and schema version, read from the first page), upgrade an older schema
 * in place, refuse a newer one. Only STORE_READ (a file from elsewhere)
 * is checked whole on opening (SQLite's quick check); everyday commands
 * rely on SQLite's checks of each page they read, so that their time does
 * not grow with the database, and those that seal or merge call
 * store_check. Returns
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

/* Fill a as the assessment of country and cycle that does not exist yet:
 * it comes into being with the first change store_answers_change records
 * (a->id stays 0 until then). */
void store_assessment_new(struct assessment *a, const char *country, int cycle,
			  const char *questionnaire_id, const char *questionnaire_version,
			  const char *questionnaire_sha256);

/* All assessments, by country then cycle; answered is left 0 (counting
 * reads every answer: load the answers where the count is wanted). *out
 * is owned by the caller (assessment_list_release). */
int store_assessment_list(struct store *s, struct assessment **out, size_t *count,
			  struct error *err);

/* Those of one cycle and those of one country (every one when cycle is 0),
 * in the same order: what a report on one assessment compares with. */
int store_assessment_list_around(struct store *s, int cycle, const char *country,
				 struct assessment **out, size_t *count, struct error *err);

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
	/* the meeting it was given in (recorded first when new), or NULL */
	const struct meeting *meeting;
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
	/* if not NULL, set to 1 when this change wrote anything (meaningful
	 * only when store_answers_change succeeds) */
	int *done;
};

/* Apply the changes in one transaction, all or none, recording history for
 * every part that differs from what is stored. An assessment not yet
 * stored (a->id 0) is created in the same transaction, with who as its
 * creator, when anything changes; a->id and the rest of a are then filled.
 * A final assessment refuses changes (EXIT_DATA). Returns how many rows
 * changed, or -1. */
int store_answers_change(struct store *s, struct assessment *a, const struct answer_change *changes,
			 size_t count, const char *who, struct error *err);

/* Create the assessment of country and cycle exactly as its history
 * (from a bundle or another database) says: the history is replayed
 * (chain_replay) and the tables filled from the replay, in one
 * transaction, and the register records it; the attachments the replay
 * keeps take their bytes from attachments (n of them, matched by id,
 * each checked against its SHA-256). The country and cycle must be new
 * here. a is filled. */
int store_assessment_restore(struct store *s, const char *country, int cycle,
			     const struct history_entry *history, size_t count,
			     const struct attachment *attachments, size_t n, struct assessment *a,
			     struct error *err);

/* Remove a draft assessment, its answers, meetings, findings and history, leaving
 * in the register who discarded it, when, and its last hash. A final one
 * is refused (EXIT_DATA). */
int store_assessment_discard(struct store *s, const struct assessment *a, const char *who,
			     struct error *err);

/* The open conflicts of an assessment (see chain.h), in the order the
 * replay leaves them. */
int store_conflicts_load(struct store *s, long long assessment_id, struct chain_conflict **out,
			 size_t *count, struct error *err);
void store_conflicts_release(struct chain_conflict *c, size_t n);

/* Whether the assessment has open conflicts: 1, 0, or -1 on error. */
int store_has_conflicts(struct store *s, long long assessment_id, struct error *err);

/* Add events of another copy of assessment a that this one lacks, each
 * under its origin (chain_event_id), then (unless note is NULL) a
 * "merged" entry by who saying note; in one transaction, with the answers, meetings and conflicts made
 * again from the replay. The attachments the replay keeps that this copy
 * lacks take their bytes from attachments (the other copy's, n of them);
 * those it no longer keeps go. A final assessment refuses (EXIT_DATA), and
 * so does a result whose attachments would pass ATTACHMENT_MAX_TOTAL or
 * ATTACHMENT_MAX_COUNT. a's head and length are not updated: read it
 * again. */
int store_merge_events(struct store *s, struct assessment *a, const struct history_entry *events,
		       size_t n, const struct attachment *attachments, size_t attachment_count,
		       const char *note, const char *who, struct error *err);

/* Settle the conflict over field (answer, evidence, comment, flag) of
 * question_id, or over the finding (field "finding") on pillar
 * question_id, with the value chosen (state: an answer's state name, else
 * NULL), recording who and why. */
int store_resolve(struct store *s, struct assessment *a, const char *question_id, const char *field,
		  const char *state, const char *value, const char *reason, const char *who,
		  struct error *err);

/* Make an assessment's answers, meetings, findings, conflicts and summary again
 * from the replay of its history, inside the caller's transaction; the
 * rows of attachments the replay no longer keeps go. */
int store_rebuild(struct store *s, const struct assessment *a, struct error *err);

/* The meetings of an assessment, in the order they were recorded. */
int store_meetings_load(struct store *s, long long assessment_id, struct meeting **out,
			size_t *count, struct error *err);

/* The whole register, oldest first. */
int store_register_load(struct store *s, struct register_entry **out, size_t *count,
			struct error *err);

/* Check the register against the assessments the database holds: 0 when
 * it holds, 1 with the problem, -1 on error. head receives the register's
 * last hash (chain_genesis when empty). */
int store_verify_register(struct store *s, char *problem, size_t size, char head[CHAIN_HASH_SIZE],
			  size_t *entries, struct error *err);

/* The whole history of an assessment, oldest first. */
int store_history_load(struct store *s, long long assessment_id, struct history_entry **out,
		       size_t *count, struct error *err);

/* Recompute the assessment's history chain and replay it against
 * everything stored of it (chain_compare, chain_compare_attachments,
 * chain_compare_findings), and check every attachment's bytes against its
 * size and SHA-256. Returns 0 when everything
 * holds, 1 when not (problem says where the first broken link is), -1 on
 * error. When hashes is not NULL, it receives the hash of every entry
 * (free each and the array). */
int store_verify(struct store *s, const struct assessment *a, char *problem, size_t size,
		 char ***hashes, size_t *count, struct error *err);

/* ---- attachments (store_chain.c) ----------------------------------------- */

/* Attach the size bytes of data, named name, to question_id of assessment
 * a as evidence: its type is guessed from the content, and the row and its
 * history event ("attachment", chain.h) are written in one transaction,
 * with meeting (recorded first when new) as its source when not NULL and
 * reason in the history. An assessment not yet stored (a->id 0) is created
 * with it. Refused (EXIT_DATA), with nothing written: an empty file, one
 * over ATTACHMENT_MAX_BYTES, a name attachment_name_check refuses, one
 * that would take the assessment's attachments past ATTACHMENT_MAX_TOTAL
 * or ATTACHMENT_MAX_COUNT, the same content attached to the same question
 * already, a final assessment. The caller holds the writer claim. id
 * receives the new attachment's id; a is read again. */
int store_attachment_add(struct store *s, struct assessment *a, const char *question_id,
			 const char *name, const void *data, size_t size,
			 const struct meeting *meeting, const char *reason, const char *who,
			 char id[ATTACHMENT_ID_SIZE], struct error *err);

/* Remove attachment id from assessment a, recording who, when, the
 * meeting (or NULL) and reason in the history, in one transaction. An id
 * that is not there, and a final assessment, are refused (EXIT_DATA). */
int store_attachment_remove(struct store *s, struct assessment *a, const char *id,
			    const struct meeting *meeting, const char *reason, const char *who,
			    struct error *err);

/* The attachments of an assessment in the order they were added: their
 * metadata, and their bytes too when with_data (data stays NULL for a row
 * whose bytes are not as many as its size says). *out is owned by the
 * caller (attachments_release). A database of a schema before attachments
 * has none. */
int store_attachments_load(struct store *s, long long assessment_id, int with_data,
			   struct attachment **out, size_t *count, struct error *err);

/* One attachment of an assessment by id, with its bytes: 0 with *out
 * filled (attachment_release), 1 when there is none, -1 on error. */
int store_attachment_get(struct store *s, long long assessment_id, const char *id,
			 struct attachment *out, struct error *err);

/* ---- findings (store_chain.c) ------------------------------------------- */

/* Give the finding on pillar (its id; "" for the executive summary) of
 * assessment a the text text, which chain_finding_text made ("" removes
 * it), recording who and when in the history ("finding", chain.h), in
 * one transaction. An assessment not yet stored (a->id 0) is created
 * with it, unless text is "". A final assessment refuses (EXIT_DATA).
 * The caller holds the writer claim. Returns 1 when it changed, 0 when
 * the finding has that text already (nothing is written), -1 on error;
 * a is read again. */
int store_finding_set(struct store *s, struct assessment *a, const char *pillar, const char *text,
		      const char *who, struct error *err);

/* The findings of an assessment that have a text, in the order their
 * pillars were first given one. *out is owned by the caller
 * (store_findings_release). A database of a schema before findings has
 * none. */
int store_findings_load(struct store *s, long long assessment_id, struct finding **out,
			size_t *count, struct error *err);
void store_findings_release(struct finding *f, size_t n);

/* ---- one writer per assessment (store_writer.c) ------------------------- */

/* Who holds an assessment for writing. Strings are owned. */
struct store_writer {
	char *holder;  /* the assessor */
	char *command; /* e.g. "run" */
	char *host;
	long long pid;
	char *since;
};

void store_writer_release(struct store_writer *w);

/* Take the assessment of country and cycle (which need not exist yet) for
 * writing until store_writer_give or store_close. A claim whose process
 * is gone (killed) is taken over. Returns 0, 1 when another live process
 * holds it (*held filled), or -1. Taking one this store holds already
 * succeeds. */
int store_writer_take(struct store *s, const char *country, int cycle, const char *holder,
		      const char *command, struct store_writer *held, struct error *err);

/* Give back what store_writer_take took. */
void store_writer_give(struct store *s, const char *country, int cycle);

/* A setting of this database (e.g. "assessor"): 0 with *value owned by
 * the caller, 1 when unset, -1 on error. */
int store_setting_get(struct store *s, const char *key, char **value, struct error *err);
int store_setting_set(struct store *s, const char *key, const char *value, struct error *err);

/* Read everything that follows from one snapshot of the database, however
 * others write meanwhile, until store_snapshot_end (a read transaction).
 * 0, or -1 with err set. */
int store_snapshot_begin(struct store *s, struct error *err);
void store_snapshot_end(struct store *s);

/* SQLite's integrity check (full, or the quicker check run at every open):
 * 0 when "ok", 1 with the first problem in problem, -1 on error. */
/* Score summaries kept with the head of the history they were computed at
 * and the questionnaire they were scored with (store_score.c): what
 * scoring an assessment again would give, as long as both match. */
struct kept_score {
	long long assessment_id;
	char *head;
	unsigned char *summary; /* score_summary's bytes */
	size_t size;
};

/* The summaries kept for questionnaire sha256 (its file's hash) of the n
 * assessments ids, in that order, those that have one; released with
 * store_kept_scores_release. */
int store_kept_scores_load(struct store *s, const char *sha256, const long long *ids, size_t n,
			   struct kept_score **out, size_t *count, struct error *err);
void store_kept_scores_release(struct kept_score *k, size_t n);

/* Keep the n summaries (each with the head it was computed at), replacing
 * what was kept for those assessments, in one transaction. A database that
 * cannot be written now (read-only, or busy) keeps nothing: returns 1.
 * A summary whose head is no longer the assessment's is not kept. */
int store_kept_scores_save(struct store *s, const char *sha256, const struct kept_score *k,
			   size_t n, struct error *err);

/* SQLite's quick check of the whole file: 0, or -1 with err set (EXIT_DATA
 * and what is damaged). */
int store_check(struct store *s, struct error *err);
int store_integrity_check(struct store *s, int full, char *problem, size_t size, struct error *err);

/* The current time as stored: UTC with milliseconds. buf holds 32. */
void store_now(char *buf, size_t size);

#endif
