/* The store's record: appending to the history and the register, meetings,
 * status changes, restoring and discarding whole assessments, and checking
 * everything stored against the replay of the history (chain.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "hash.h"
#include "store_internal.h"
#include "xmalloc.h"

/* ---- appending ------------------------------------------------------- */

/* The summary the assessment's row holds now. */
static int
meta_load(struct store *s, long long id, struct chain_meta *m, char **head, long long *entries,
	  struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT assessors, updated_at, mission_start, mission_end,"
				      " head, entries FROM assessment WHERE id = ?1",
				      err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		m->assessors = sq_column_dup(st, 0, 0);
		m->updated_at = sq_column_dup(st, 1, 0);
		m->mission_start = sq_column_dup(st, 2, 0);
		m->mission_end = sq_column_dup(st, 3, 0);
		*head = sq_column_dup(st, 4, 0);
		*entries = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_error(s, err, "read the assessment");
	return 0;
}

static void
meta_release(struct chain_meta *m)
{
	free(m->assessors);
	free(m->updated_at);
	free(m->mission_start);
	free(m->mission_end);
}

/* Insert history entry e of assessment id as it is. */
static int
history_insert(struct store *s, long long id, const struct history_entry *e, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"INSERT INTO history (assessment_id, seq, question_id, field, old_state,"
		" old_value, new_state, new_value, changed_by, changed_at, reason,"
		" prev_hash, hash, version, source, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
		err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, e->seq);
	sq_bind_text(st, 3, e->question_id);
	sq_bind_text(st, 4, e->field);
	sq_bind_text(st, 5, e->old_state);
	sq_bind_text(st, 6, e->old_value);
	sq_bind_text(st, 7, e->new_state);
	sq_bind_text(st, 8, e->new_value);
	sq_bind_text(st, 9, e->changed_by);
	sq_bind_text(st, 10, e->changed_at);
	sq_bind_text(st, 11, e->reason);
	sq_bind_text(st, 12, e->prev_hash);
	sq_bind_text(st, 13, e->hash);
	sqlite3_bind_int(st, 14, e->version);
	sq_bind_text(st, 15, e->source);
	sq_bind_text(st, 16, e->origin);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "record the history");
	return 0;
}

int
store_history_append(struct store *s, const struct assessment *a, struct history_entry *e,
		     struct error *err)
{
	struct chain_meta m = {0};
	char *head = NULL;
	long long entries = 0;
	char hash[CHAIN_HASH_SIZE];
	sqlite3_stmt *st;
	int rc;
	int status = -1;

	if (meta_load(s, a->id, &m, &head, &entries, err) < 0)
		goto out;
	/* the newest creation time so far, so that "created" starts the
	 * summary as the replay does */
	if (entries == 0) {
		free(m.updated_at);
		m.updated_at = xstrdup("");
	}
	e->seq = entries + 1;
	e->version = e->origin ? CHAIN_VERSION_MERGED : CHAIN_VERSION;
	free(e->prev_hash);
	e->prev_hash = xstrdup(entries == 0 ? chain_genesis : head);
	if (e->reason == NULL)
		e->reason = xstrdup("");
	chain_hash(a->country, a->cycle, e, hash);
	free(e->hash);
	e->hash = xstrdup(hash);
	chain_meta_apply(&m, e);

	if (history_insert(s, a->id, e, err) < 0)
		goto out;
	st = sq_prepare(s,
			"UPDATE assessment SET assessors = ?1, updated_at = ?2, mission_start = ?3,"
			" mission_end = ?4, head = ?5, entries = ?6 WHERE id = ?7",
			err);
	if (st == NULL)
		goto out;
	sq_bind_text(st, 1, m.assessors);
	sq_bind_text(st, 2, m.updated_at);
	sq_bind_text(st, 3, m.mission_start);
	sq_bind_text(st, 4, m.mission_end);
	sq_bind_text(st, 5, e->hash);
	sqlite3_bind_int64(st, 6, e->seq);
	sqlite3_bind_int64(st, 7, a->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "update the assessment");
		goto out;
	}
	status = 0;
out:
	meta_release(&m);
	free(head);
	return status;
}

/* The register's last entry: its seq and hash (0 and the genesis when
 * empty). */
static int
register_tail(struct store *s, long long *seq, char prev[CHAIN_HASH_SIZE], struct error *err)
{
	sqlite3_stmt *st = sq_prepare(
		s, "SELECT seq, hash FROM register_event ORDER BY seq DESC LIMIT 1", err);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	*seq = 0;
	snprintf(prev, CHAIN_HASH_SIZE, "%s", chain_genesis);
	if (rc == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(st, 1);

		*seq = sqlite3_column_int64(st, 0);
		snprintf(prev, CHAIN_HASH_SIZE, "%s", h ? (const char *)h : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(s, err, "read the register");
	return 0;
}

/* Append to the register an event naming entry `entries` (hash head). */
static int
register_add(struct store *s, const char *country, int cycle, const char *event, long long entries,
	     const char *head, const char *who, const char *when, struct error *err)
{
	struct register_entry e = {0};
	char prev[CHAIN_HASH_SIZE];
	char hash[CHAIN_HASH_SIZE];
	sqlite3_stmt *st;
	long long seq;
	int rc;

	if (register_tail(s, &seq, prev, err) < 0)
		return -1;
	seq++;
	e.seq = seq;
	e.event = xstrdup(event);
	snprintf(e.country, sizeof(e.country), "%s", country);
	e.cycle = cycle;
	e.entries = entries;
	e.head = xstrdup(head);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(when);
	e.prev_hash = xstrdup(prev);
	chain_register_hash(&e, hash);
	register_entry_release(&e);
	st = sq_prepare(s,
			"INSERT INTO register_event (seq, event, country, cycle, entries, head,"
			" changed_by, changed_at, prev_hash, hash)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	sq_bind_text(st, 2, event);
	sq_bind_text(st, 3, country);
	sqlite3_bind_int(st, 4, cycle);
	sqlite3_bind_int64(st, 5, entries);
	sq_bind_text(st, 6, head);
	sq_bind_text(st, 7, who);
	sq_bind_text(st, 8, when);
	sq_bind_text(st, 9, prev);
	sq_bind_text(st, 10, hash);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "record the register");
	return 0;
}

int
store_register_append(struct store *s, const struct assessment *a, const char *event,
		      const char *who, const char *when, struct error *err)
{
	char *head = NULL;
	long long entries = 0;
	struct chain_meta m = {0};
	int rc;

	if (meta_load(s, a->id, &m, &head, &entries, err) < 0)
		return -1;
	rc = register_add(s, a->country, a->cycle, event, entries, head, who, when, err);
	meta_release(&m);
	free(head);
	return rc;
}

/* ---- reading ---------------------------------------------------------- */

int
store_history_load(struct store *s, long long assessment_id, struct history_entry **out,
		   size_t *count, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s,
			   "SELECT seq, question_id, field, old_state, old_value, new_state,"
			   " new_value, changed_by, changed_at, reason, prev_hash, hash, version,"
			   " source, origin FROM history WHERE assessment_id = ?1 ORDER BY seq",
			   err);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry *e;

		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		e = &(*out)[(*count)++];
		e->seq = sqlite3_column_int64(st, 0);
		e->question_id = sq_column_dup(st, 1, 0);
		e->field = sq_column_dup(st, 2, 0);
		e->old_state = sq_column_dup(st, 3, 1);
		e->old_value = sq_column_dup(st, 4, 1);
		e->new_state = sq_column_dup(st, 5, 1);
		e->new_value = sq_column_dup(st, 6, 1);
		e->changed_by = sq_column_dup(st, 7, 0);
		e->changed_at = sq_column_dup(st, 8, 0);
		e->reason = sq_column_dup(st, 9, 0);
		e->prev_hash = sq_column_dup(st, 10, 0);
		e->hash = sq_column_dup(st, 11, 0);
		e->version = sqlite3_column_int(st, 12);
		e->source = sq_column_dup(st, 13, 1);
		e->origin = sq_column_dup(st, 14, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the history");
	}
	return 0;
}

int
store_meetings_load(struct store *s, long long assessment_id, struct meeting **out, size_t *count,
		    struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT id, organisation, people, met_on, recorded_by,"
				      " recorded_at FROM meeting WHERE assessment_id = ?1"
				      " ORDER BY seq",
				      err);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct meeting *m;

		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		m = &(*out)[(*count)++];
		m->id = sq_column_dup(st, 0, 0);
		m->organisation = sq_column_dup(st, 1, 0);
		m->people = sq_column_dup(st, 2, 0);
		m->met_on = sq_column_dup(st, 3, 0);
		m->recorded_by = sq_column_dup(st, 4, 0);
		m->recorded_at = sq_column_dup(st, 5, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *count; i++)
			meeting_release(&(*out)[i]);
		free(*out);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the meetings");
	}
	return 0;
}

int
store_register_load(struct store *s, struct register_entry **out, size_t *count, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s,
			   "SELECT seq, event, country, cycle, entries, head, changed_by,"
			   " changed_at, prev_hash, hash FROM register_event ORDER BY seq",
			   err);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct register_entry *e;
		const unsigned char *cc = sqlite3_column_text(st, 2);

		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		e = &(*out)[(*count)++];
		memset(e, 0, sizeof(*e));
		e->seq = sqlite3_column_int64(st, 0);
		e->event = sq_column_dup(st, 1, 0);
		snprintf(e->country, sizeof(e->country), "%s", cc ? (const char *)cc : "");
		e->cycle = sqlite3_column_int(st, 3);
		e->entries = sqlite3_column_int64(st, 4);
		e->head = sq_column_dup(st, 5, 0);
		e->changed_by = sq_column_dup(st, 6, 0);
		e->changed_at = sq_column_dup(st, 7, 0);
		e->prev_hash = sq_column_dup(st, 8, 0);
		e->hash = sq_column_dup(st, 9, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		register_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the register");
	}
	return 0;
}

/* ---- meetings --------------------------------------------------------- */

static int
meeting_insert(struct store *s, long long assessment_id, long long seq, const struct meeting *m,
	       struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "INSERT INTO meeting (assessment_id, id, seq, organisation,"
				      " people, met_on, recorded_by, recorded_at)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				      err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	sq_bind_text(st, 2, m->id);
	sqlite3_bind_int64(st, 3, seq);
	sq_bind_text(st, 4, m->organisation);
	sq_bind_text(st, 5, m->people);
	sq_bind_text(st, 6, m->met_on);
	sq_bind_text(st, 7, m->recorded_by);
	sq_bind_text(st, 8, m->recorded_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "record the meeting");
	return 0;
}

int
store_meeting_record(struct store *s, const struct assessment *a, const struct meeting *m,
		     struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s, "SELECT 1 FROM meeting WHERE assessment_id = ?1 AND id = ?2", err);
	struct history_entry e = {0};
	char id[16];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	sq_bind_text(st, 2, m->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "read the meetings");
	chain_meeting_id(a->country, a->cycle, m, id);
	if (strcmp(id, m->id) != 0)
		return error_set(err, EXIT_DATA, "meeting %s does not carry its own id", m->id);
	e.question_id = xstrdup("");
	e.field = xstrdup("meeting");
	e.new_state = xstrdup(m->met_on);
	e.new_value = chain_meeting_value(m);
	e.changed_by = xstrdup(m->recorded_by);
	e.changed_at = xstrdup(m->recorded_at);
	e.source = xstrdup(m->id);
	rc = store_history_append(s, a, &e, err);
	if (rc == 0)
		rc = meeting_insert(s, a->id, e.seq, m, err);
	history_entry_release(&e);
	return rc;
}

/* ---- attachments ------------------------------------------------------ */

/* Whether the database has table name: one read as it stands may be of
 * an older schema. 1, 0, or -1. */
static int
has_table(struct store *s, const char *name, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(
		s, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", err);
	int rc;

	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(s, err, "read the schema");
	return rc == SQLITE_ROW;
}

static int
has_attachments(struct store *s, struct error *err)
{
	return has_table(s, "attachment", err);
}

#define ATTACHMENT_COLUMNS "question_id, id, name, type, size, sha256, added_by, added_at, source"

/* An attachment from the columns ATTACHMENT_COLUMNS (and data after them,
 * when with_data). */
static void
attachment_read_row(sqlite3_stmt *st, int with_data, struct attachment *at)
{
	memset(at, 0, sizeof(*at));
	at->question_id = sq_column_dup(st, 0, 0);
	at->id = sq_column_dup(st, 1, 0);
	at->name = sq_column_dup(st, 2, 0);
	at->type = sq_column_dup(st, 3, 0);
	at->size = sqlite3_column_int64(st, 4);
	at->sha256 = sq_column_dup(st, 5, 0);
	at->added_by = sq_column_dup(st, 6, 0);
	at->added_at = sq_column_dup(st, 7, 0);
	at->source = sq_column_dup(st, 8, 1);
	if (with_data) {
		const void *blob = sqlite3_column_blob(st, 9);
		size_t n = (size_t)sqlite3_column_bytes(st, 9);

		/* bytes that are not as many as the row says are no file of
		 * it: left NULL, for the caller to refuse (verify names it) */
		if (at->size >= 0 && n == (size_t)at->size) {
			at->data = xmalloc(n + 1);
			if (n)
				memcpy(at->data, blob, n);
		}
	}
}

int
store_attachments_load(struct store *s, long long assessment_id, int with_data,
		       struct attachment **out, size_t *count, struct error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc = has_attachments(s, err);

	*out = NULL;
	*count = 0;
	if (rc <= 0)
		return rc;
	st = sq_prepare(s,
			with_data ? "SELECT " ATTACHMENT_COLUMNS ", data FROM attachment"
				    " WHERE assessment_id = ?1 ORDER BY seq, id"
				  : "SELECT " ATTACHMENT_COLUMNS " FROM attachment"
				    " WHERE assessment_id = ?1 ORDER BY seq, id",
			err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		attachment_read_row(st, with_data, &(*out)[(*count)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		attachments_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the attachments");
	}
	return 0;
}

/* One attachment's row, with its bytes when with_data: 0, 1 when there is
 * none, -1. */
static int
attachment_load(struct store *s, long long assessment_id, const char *id, int with_data,
		struct attachment *out, struct error *err)
{
	sqlite3_stmt *st;
	int rc = has_attachments(s, err);

	memset(out, 0, sizeof(*out));
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	st = sq_prepare(s,
			with_data ? "SELECT " ATTACHMENT_COLUMNS ", data FROM attachment"
				    " WHERE assessment_id = ?1 AND id = ?2"
				  : "SELECT " ATTACHMENT_COLUMNS " FROM attachment"
				    " WHERE assessment_id = ?1 AND id = ?2",
			err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	sq_bind_text(st, 2, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		attachment_read_row(st, with_data, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return sq_error(s, err, "read an attachment");
}

int
store_attachment_get(struct store *s, long long assessment_id, const char *id,
		     struct attachment *out, struct error *err)
{
	return attachment_load(s, assessment_id, id, 1, out, err);
}

static int
attachment_insert(struct store *s, long long assessment_id, long long seq,
		  const struct attachment *at, const void *data, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "INSERT INTO attachment (assessment_id, question_id, id, seq,"
				      " name, type, size, sha256, data, added_by, added_at, source)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
				      err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	sq_bind_text(st, 2, at->question_id);
	sq_bind_text(st, 3, at->id);
	sqlite3_bind_int64(st, 4, seq);
	sq_bind_text(st, 5, at->name);
	sq_bind_text(st, 6, at->type);
	sqlite3_bind_int64(st, 7, at->size);
	sq_bind_text(st, 8, at->sha256);
	sqlite3_bind_blob64(st, 9, data, (sqlite3_uint64)at->size, SQLITE_STATIC);
	sq_bind_text(st, 10, at->added_by);
	sq_bind_text(st, 11, at->added_at);
	sq_bind_text(st, 12, at->source);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "store the attachment");
	return 0;
}

/* The sum of the sizes of the attachments an assessment holds. */
static int
attachments_total(struct store *s, long long assessment_id, long long *total, long long *count,
		  struct error *err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT coalesce(sum(size), 0), count(*) FROM attachment WHERE assessment_id = ?1",
		err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 0);
		*count = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_error(s, err, "read the attachments");
	return 0;
}

/* Refuse (EXIT_DATA) attachments of country and cycle that would take
 * total bytes in count files: past the limits. */
static int
attachments_within_limits(const char *country, int cycle, long long total, long long count,
			  struct error *err)
{
	if (count > ATTACHMENT_MAX_COUNT)
		return error_set(err, EXIT_DATA,
				 "the assessment of %s %d would have %lld attachments, more than "
				 "the %d it may have",
				 country, cycle, count, ATTACHMENT_MAX_COUNT);
	if (total > ATTACHMENT_MAX_TOTAL) {
		char have[32];
		char limit[32];

		attachment_size_text(total, have, sizeof(have));
		attachment_size_text(ATTACHMENT_MAX_TOTAL, limit, sizeof(limit));
		return error_set(err, EXIT_DATA,
				 "the attachments of %s %d would take %s, more than the %s an "
				 "assessment may hold; remove some first",
				 country, cycle, have, limit);
	}
	return 0;
}

int
store_attachment_add(struct store *s, struct assessment *a, const char *question_id,
		     const char *name, const void *data, size_t size, const struct meeting *meeting,
		     const char *reason, const char *who, char id[ATTACHMENT_ID_SIZE],
		     struct error *err)
{
	struct attachment at = {0};
	struct history_entry e = {0};
	char now[32];
	char sha256[SHA256_HEX_SIZE];
	char message[160];
	char have[32];
	char limit[32];
	long long total = 0;
	long long count = 0;
	int was_new = a->id == 0;
	sqlite3_stmt *st;
	int rc;

	*id = '\0';
	if (size == 0)
		return error_set(err, EXIT_DATA, "the file is empty");
	if ((long long)size > ATTACHMENT_MAX_BYTES) {
		attachment_size_text((long long)size, have, sizeof(have));
		attachment_size_text(ATTACHMENT_MAX_BYTES, limit, sizeof(limit));
		return error_set(err, EXIT_DATA,
				 "the file takes %s, more than the %s an attachment may take", have,
				 limit);
	}
	if (attachment_name_check(name, message, sizeof(message)) < 0)
		return error_set(err, EXIT_DATA, "the attachment's name: %s", message);
	store_now(now, sizeof(now));
	hash_sha256_hex(data, size, sha256);
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	if (a->id == 0) {
		struct assessment there = {0};
		int r = store_assessment_get(s, a->country, a->cycle, &there, err);

		if (r < 0)
			goto fail;
		if (r == 0) {
			a->id = there.id; /* made meanwhile */
			assessment_release(&there);
		} else if (store_create_in_transaction(s, a, who, now, err) < 0) {
			goto fail;
		}
	}
	if (store_check_draft(s, a, err) < 0 ||
	    attachments_total(s, a->id, &total, &count, err) < 0 ||
	    attachments_within_limits(a->country, a->cycle, total + (long long)size, count + 1,
				      err) < 0)
		goto fail;
	st = sq_prepare(s,
			"SELECT id FROM attachment WHERE assessment_id = ?1 AND question_id = ?2"
			" AND sha256 = ?3",
			err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	sq_bind_text(st, 2, question_id);
	sq_bind_text(st, 3, sha256);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		error_set(err, EXIT_DATA, "this file is attached to %s already, as %s", question_id,
			  (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (rc != SQLITE_ROW)
			sq_error(s, err, "read the attachments");
		goto fail;
	}
	if (meeting && store_meeting_record(s, a, meeting, err) < 0)
		goto fail;
	at.question_id = xstrdup(question_id);
	at.name = xstrdup(name);
	at.type = xstrdup(attachment_type_guess(data, size));
	at.size = (long long)size;
	at.sha256 = xstrdup(sha256);
	at.added_by = xstrdup(who);
	at.added_at = xstrdup(now);
	at.source = meeting ? xstrdup(meeting->id) : NULL;
	chain_attachment_id(a->country, a->cycle, &at, id);
	at.id = xstrdup(id);
	e.question_id = xstrdup(question_id);
	e.field = xstrdup("attachment");
	e.new_state = xstrdup(sha256);
	e.new_value = chain_attachment_value(&at);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	e.reason = xstrdup(reason ? reason : "");
	e.source = meeting ? xstrdup(meeting->id) : NULL;
	if (store_history_append(s, a, &e, err) < 0 ||
	    attachment_insert(s, a->id, e.seq, &at, data, err) < 0 ||
	    sq_exec(s, "COMMIT", err, "store the attachment") < 0)
		goto fail;
	attachment_release(&at);
	history_entry_release(&e);
	{
		struct assessment fresh;

		if (store_assessment_get(s, a->country, a->cycle, &fresh, err) == 0) {
			assessment_release(a);
			*a = fresh;
		}
	}
	return 0;
fail:
	sq_rollback(s);
	attachment_release(&at);
	history_entry_release(&e);
	if (was_new)
		a->id = 0;
	*id = '\0';
	return -1;
}

int
store_attachment_remove(struct store *s, struct assessment *a, const char *id,
			const struct meeting *meeting, const char *reason, const char *who,
			struct error *err)
{
	struct attachment at = {0};
	struct history_entry e = {0};
	char now[32];
	sqlite3_stmt *st;
	int rc;

	store_now(now, sizeof(now));
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	if (store_check_draft(s, a, err) < 0)
		goto fail;
	rc = attachment_load(s, a->id, id, 0, &at, err);
	if (rc != 0) {
		if (rc > 0)
			error_set(err, EXIT_DATA, "the assessment of %s %d has no attachment '%s'",
				  a->country, a->cycle, id);
		goto fail;
	}
	if (meeting && store_meeting_record(s, a, meeting, err) < 0)
		goto fail;
	e.question_id = xstrdup(at.question_id);
	e.field = xstrdup("attachment");
	e.old_state = xstrdup(at.sha256);
	e.old_value = chain_attachment_value(&at);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	e.reason = xstrdup(reason ? reason : "");
	e.source = meeting ? xstrdup(meeting->id) : NULL;
	if (store_history_append(s, a, &e, err) < 0)
		goto fail;
	st = sq_prepare(s, "DELETE FROM attachment WHERE assessment_id = ?1 AND id = ?2", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	sq_bind_text(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "remove the attachment");
		goto fail;
	}
	if (sq_exec(s, "COMMIT", err, "remove the attachment") < 0)
		goto fail;
	attachment_release(&at);
	history_entry_release(&e);
	{
		struct assessment fresh;

		if (store_assessment_get(s, a->country, a->cycle, &fresh, err) == 0) {
			assessment_release(a);
			*a = fresh;
		}
	}
	return 0;
fail:
	sq_rollback(s);
	attachment_release(&at);
	history_entry_release(&e);
	return -1;
}

/* The seq of the history entry among h that added attachment id, or 0. */
static long long
attachment_seq(const struct history_entry *h, size_t n, const char *id)
{
	size_t len = strlen(id);

	for (size_t i = 0; i < n; i++)
		if (h[i].new_value && strcmp(h[i].field, "attachment") == 0 &&
		    strncmp(h[i].new_value, id, len) == 0 && h[i].new_value[len] == ' ')
			return h[i].seq;
	return 0;
}

/* Make the attachment rows of assessment id (of country and cycle) what
 * the replay st keeps, inside the caller's transaction: rows it no longer
 * keeps go, and those it keeps that are missing are written with their
 * bytes from given (n of them, matched by id and checked against their
 * SHA-256). h is the history replayed. */
static int
attachments_sync(struct store *s, const char *country, int cycle, long long id,
		 const struct chain_state *st, const struct history_entry *h, size_t hn,
		 const struct attachment *given, size_t n, struct error *err)
{
	struct attachment *rows = NULL;
	size_t count = 0;
	long long total = 0;
	int status = -1;

	for (size_t i = 0; i < st->attachment_count; i++)
		total += st->attachments[i].size;
	if (attachments_within_limits(country, cycle, total, (long long)st->attachment_count, err) <
	    0)
		return -1;
	if (store_attachments_load(s, id, 0, &rows, &count, err) < 0)
		return -1;
	for (size_t i = 0; i < count; i++) {
		int kept = 0;
		sqlite3_stmt *q;
		int rc;

		for (size_t k = 0; k < st->attachment_count && !kept; k++)
			kept = strcmp(rows[i].id, st->attachments[k].id) == 0;
		if (kept)
			continue;
		q = sq_prepare(s, "DELETE FROM attachment WHERE assessment_id = ?1 AND id = ?2",
			       err);
		if (q == NULL)
			goto out;
		sqlite3_bind_int64(q, 1, id);
		sq_bind_text(q, 2, rows[i].id);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE) {
			sq_error(s, err, "remove an attachment");
			goto out;
		}
	}
	for (size_t k = 0; k < st->attachment_count; k++) {
		const struct attachment *want = &st->attachments[k];
		const struct attachment *from = NULL;
		char sha256[SHA256_HEX_SIZE] = "";
		int here = 0;

		for (size_t i = 0; i < count && !here; i++)
			here = strcmp(rows[i].id, want->id) == 0;
		if (here)
			continue;
		for (size_t i = 0; i < n && from == NULL; i++)
			if (given[i].id && strcmp(given[i].id, want->id) == 0 && given[i].data)
				from = &given[i];
		if (from)
			hash_sha256_hex(from->data, (size_t)from->size, sha256);
		if (from == NULL || from->size != want->size || strcmp(sha256, want->sha256) != 0) {
			error_set(err, EXIT_DATA,
				  "attachment %s ('%s') of %s %d is in the history, but its file "
				  "came with neither copy",
				  want->id, want->name, country, cycle);
			goto out;
		}
		if (attachment_insert(s, id, attachment_seq(h, hn, want->id), want, from->data,
				      err) < 0)
			goto out;
	}
	status = 0;
out:
	attachments_release(rows, count);
	return status;
}

/* ---- findings --------------------------------------------------------- */

void
store_findings_release(struct finding *f, size_t n)
{
	findings_release(f, n);
}

int
store_findings_load(struct store *s, long long assessment_id, struct finding **out, size_t *count,
		    struct error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc = has_table(s, "finding", err);

	*out = NULL;
	*count = 0;
	if (rc <= 0)
		return rc;
	st = sq_prepare(s,
			"SELECT pillar, text, recorded_by, recorded_at FROM finding"
			" WHERE assessment_id = ?1 ORDER BY seq, pillar",
			err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct finding *f;

		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		f = &(*out)[(*count)++];
		f->pillar = sq_column_dup(st, 0, 0);
		f->text = sq_column_dup(st, 1, 0);
		f->recorded_by = sq_column_dup(st, 2, 0);
		f->recorded_at = sq_column_dup(st, 3, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		findings_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the findings");
	}
	return 0;
}

/* Whether history entry e is about the finding on pillar. */
static int
about_finding(const struct history_entry *e, const char *pillar)
{
	return strcmp(e->question_id, pillar) == 0 &&
		(strcmp(e->field, "finding") == 0 ||
		 (strcmp(e->field, "resolved") == 0 && e->old_state &&
		  strcmp(e->old_state, "finding") == 0));
}

/* The seq of the first entry among h about the finding on pillar. */
static long long
finding_seq(const struct history_entry *h, size_t n, const char *pillar)
{
	for (size_t i = 0; i < n; i++)
		if (about_finding(&h[i], pillar))
			return h[i].seq;
	return 0;
}

static int
finding_insert(struct store *s, long long assessment_id, long long seq, const struct finding *f,
	       struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "INSERT INTO finding (assessment_id, pillar, seq, text,"
				      " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				      err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	sq_bind_text(st, 2, f->pillar);
	sqlite3_bind_int64(st, 3, seq);
	sq_bind_text(st, 4, f->text);
	sq_bind_text(st, 5, f->recorded_by);
	sq_bind_text(st, 6, f->recorded_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "record the finding");
	return 0;
}

/* The text of the finding on pillar as stored, "" when there is none. */
static int
finding_text_load(struct store *s, long long assessment_id, const char *pillar, char **text,
		  struct error *err)
{
	sqlite3_stmt *st = sq_prepare(
		s, "SELECT text FROM finding WHERE assessment_id = ?1 AND pillar = ?2", err);
	int rc;

	*text = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	sq_bind_text(st, 2, pillar);
	rc = sqlite3_step(st);
	*text = rc == SQLITE_ROW ? sq_column_dup(st, 0, 0) : xstrdup("");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(s, err, "read the findings");
	return 0;
}

int
store_finding_set(struct store *s, struct assessment *a, const char *pillar, const char *text,
		  const char *who, struct error *err)
{
	struct history_entry e = {0};
	char now[32];
	char *old = NULL;
	int was_new = a->id == 0;
	int open;
	sqlite3_stmt *st;
	int rc;

	if (!chain_finding_valid(text))
		return error_set(err, EXIT_DATA,
				 "a finding's text must be made by "
				 "chain_finding_text");
	if (a->id == 0 && *text == '\0')
		return 0;
	store_now(now, sizeof(now));
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	if (a->id == 0) {
		struct assessment there = {0};
		int r = store_assessment_get(s, a->country, a->cycle, &there, err);

		if (r < 0)
			goto fail;
		if (r == 0) {
			a->id = there.id; /* made meanwhile */
			assessment_release(&there);
		} else if (store_create_in_transaction(s, a, who, now, err) < 0) {
			goto fail;
		}
	}
	if (store_check_draft(s, a, err) < 0 || finding_text_load(s, a->id, pillar, &old, err) < 0)
		goto fail;
	if (strcmp(old, text) == 0) {
		/* nothing to record (an assessment made for it would have none) */
		sq_rollback(s);
		free(old);
		return 0;
	}
	e.question_id = xstrdup(pillar);
	e.field = xstrdup("finding");
	e.old_value = xstrdup(old);
	e.new_value = xstrdup(text);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	e.reason = xstrdup("");
	if (store_history_append(s, a, &e, err) < 0)
		goto fail;
	st = sq_prepare(
		s,
		*text ? "INSERT INTO finding (assessment_id, pillar, seq, text, recorded_by,"
			" recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			" ON CONFLICT (assessment_id, pillar) DO UPDATE SET text = ?4,"
			" recorded_by = ?5, recorded_at = ?6"
		      : "DELETE FROM finding WHERE assessment_id = ?1 AND pillar = ?2",
		err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	sq_bind_text(st, 2, pillar);
	if (*text) {
		/* the first entry about it, which is this one when it is new */
		long long first = 0;
		sqlite3_stmt *q = sq_prepare(
			s,
			"SELECT min(seq) FROM history WHERE assessment_id = ?1 AND question_id = ?2"
			" AND (field = 'finding' OR (field = 'resolved' AND old_state = "
			"'finding'))",
			err);

		if (q == NULL) {
			sqlite3_finalize(st);
			goto fail;
		}
		sqlite3_bind_int64(q, 1, a->id);
		sq_bind_text(q, 2, pillar);
		if (sqlite3_step(q) == SQLITE_ROW)
			first = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
		sqlite3_bind_int64(st, 3, first ? first : e.seq);
		sq_bind_text(st, 4, text);
		sq_bind_text(st, 5, who);
		sq_bind_text(st, 6, now);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "record the finding");
		goto fail;
	}
	/* with conflicts open, a change can settle one or show its other
	 * side: the replay says */
	open = store_has_conflicts(s, a->id, err);
	if (open < 0 || (open && store_rebuild(s, a, err) < 0) ||
	    sq_exec(s, "COMMIT", err, "record the finding") < 0)
		goto fail;
	history_entry_release(&e);
	free(old);
	{
		struct assessment fresh;

		if (store_assessment_get(s, a->country, a->cycle, &fresh, err) == 0) {
			assessment_release(a);
			*a = fresh;
		}
	}
	return 1;
fail:
	sq_rollback(s);
	history_entry_release(&e);
	free(old);
	if (was_new)
		a->id = 0;
	return -1;
}

/* ---- status, restoring, discarding ----------------------------------- */

int
store_assessment_set_final(struct store *s, struct assessment *a, int final, const char *who,
			   struct error *err)
{
	sqlite3_stmt *st;
	char now[32];
	struct history_entry e = {0};
	struct assessment fresh;
	int rc;
	int current = -1;

	store_now(now, sizeof(now));
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	st = sq_prepare(s, "SELECT status = 'final' FROM assessment WHERE id = ?1", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		current = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (current < 0) {
		sq_error(s, err, "read the assessment");
		goto fail;
	}
	if (current == final) {
		error_set(err, EXIT_DATA, "the assessment of %s %d is already %s", a->country,
			  a->cycle, final ? "final" : "a draft");
		goto fail;
	}
	st = sq_prepare(s, "UPDATE assessment SET status = ?1 WHERE id = ?2", err);
	if (st == NULL)
		goto fail;
	sq_bind_text(st, 1, final ? "final" : "draft");
	sqlite3_bind_int64(st, 2, a->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "change the status");
		goto fail;
	}
	e.question_id = xstrdup("");
	e.field = xstrdup("status");
	e.old_state = xstrdup(final ? "draft" : "final");
	e.new_state = xstrdup(final ? "final" : "draft");
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	rc = store_history_append(s, a, &e, err);
	history_entry_release(&e);
	if (rc < 0 || store_register_append(s, a, final ? "final" : "draft", who, now, err) < 0 ||
	    sq_exec(s, "COMMIT", err, "change the status") < 0)
		goto fail;
	if (store_assessment_get(s, a->country, a->cycle, &fresh, err) == 0) {
		assessment_release(a);
		*a = fresh;
	}
	return 0;
fail:
	sq_rollback(s);
	return -1;
}

static int
restore_answer(struct store *s, long long id, const struct answer *w, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s,
			   "INSERT INTO answer (assessment_id, question_id, state, value,"
			   " evidence, comment, flagged, answered_by, answered_at, source)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			   err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, w->question_id);
	sq_bind_text(st, 3, answer_state_name(w->state));
	sq_bind_text(st, 4, w->value);
	sq_bind_text(st, 5, w->evidence);
	sq_bind_text(st, 6, w->comment);
	sqlite3_bind_int(st, 7, w->flagged);
	sq_bind_text(st, 8, w->answered_by);
	sq_bind_text(st, 9, w->answered_at);
	sq_bind_text(st, 10, w->source);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "restore an answer");
	return 0;
}

/* The seq of the meeting event with id m among the history. */
static long long
meeting_seq(const struct history_entry *h, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].field, "meeting") == 0 && h[i].source &&
		    strcmp(h[i].source, id) == 0)
			return h[i].seq;
	return 0;
}

static int conflict_insert(struct store *s, long long id, const struct chain_conflict *c,
			   struct error *err);

int
store_assessment_restore(struct store *s, const char *country, int cycle,
			 const struct history_entry *history, size_t count,
			 const struct attachment *attachments, size_t n, struct assessment *a,
			 struct error *err)
{
	struct chain_state st;
	char problem[512];
	sqlite3_stmt *q;
	long long id;
	long long last_status = 0;
	int rc;

	if (chain_replay(country, cycle, history, count, &st, problem, sizeof(problem)) != 0) {
		chain_state_release(&st);
		return error_set(err, EXIT_DATA, "the history of %s %d does not hold: %s", country,
				 cycle, problem);
	}
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		goto fail_early;
	q = sq_prepare(s,
		       "INSERT INTO assessment (country, cycle, questionnaire_id,"
		       " questionnaire_version, questionnaire_sha256, status, mission_start,"
		       " mission_end, assessors, created_at, updated_at, head, entries)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		       err);
	if (q == NULL)
		goto fail;
	sq_bind_text(q, 1, country);
	sqlite3_bind_int(q, 2, cycle);
	sq_bind_text(q, 3, st.questionnaire_id);
	sq_bind_text(q, 4, st.questionnaire_version);
	sq_bind_text(q, 5, st.questionnaire_sha256);
	sq_bind_text(q, 6, st.final ? "final" : "draft");
	sq_bind_text(q, 7, st.mission_start);
	sq_bind_text(q, 8, st.mission_end);
	sq_bind_text(q, 9, st.assessors);
	sq_bind_text(q, 10, st.created_at);
	sq_bind_text(q, 11, st.updated_at);
	sq_bind_text(q, 12, st.head);
	sqlite3_bind_int64(q, 13, (long long)st.count);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "restore the assessment");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < st.answers.count; i++)
		if (restore_answer(s, id, &st.answers.items[i], err) < 0)
			goto fail;
	for (size_t i = 0; i < count; i++) {
		if (history_insert(s, id, &history[i], err) < 0)
			goto fail;
		if (strcmp(history[i].field, "status") == 0)
			last_status = history[i].seq;
	}
	for (size_t i = 0; i < st.meeting_count; i++)
		if (meeting_insert(s, id, meeting_seq(history, count, st.meetings[i].id),
				   &st.meetings[i], err) < 0)
			goto fail;
	for (size_t i = 0; i < st.conflict_count; i++)
		if (conflict_insert(s, id, &st.conflicts[i], err) < 0)
			goto fail;
	for (size_t i = 0; i < st.finding_count; i++)
		if (finding_insert(s, id, finding_seq(history, count, st.findings[i].pillar),
				   &st.findings[i], err) < 0)
			goto fail;
	if (attachments_sync(s, country, cycle, id, &st, history, count, attachments, n, err) < 0)
		goto fail;
	if (register_add(s, country, cycle, "created", 1, history[0].hash, st.created_by,
			 st.created_at, err) < 0)
		goto fail;
	if (st.final &&
	    register_add(s, country, cycle, "final", last_status, history[last_status - 1].hash,
			 history[last_status - 1].changed_by, history[last_status - 1].changed_at,
			 err) < 0)
		goto fail;
	if (sq_exec(s, "COMMIT", err, "restore the assessment") < 0)
		goto fail;
	chain_state_release(&st);
	rc = store_assessment_get(s, country, cycle, a, err);
	return rc == 0 ? 0 : -1;
fail:
	sq_rollback(s);
fail_early:
	chain_state_release(&st);
	return -1;
}

/* ---- conflicts, merged events and their settling ---------------------- */

void
store_conflicts_release(struct chain_conflict *c, size_t n)
{
	chain_conflicts_release(c, n);
}

int
store_conflicts_load(struct store *s, long long assessment_id, struct chain_conflict **out,
		     size_t *count, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT question_id, field, state, value, changed_by,"
				      " changed_at, source, event, here_by, here_at, here_source,"
				      " here_event FROM conflict WHERE assessment_id = ?1"
				      " ORDER BY rowid",
				      err);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct chain_conflict *c;

		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		c = &(*out)[(*count)++];
		c->question_id = sq_column_dup(st, 0, 0);
		c->field = sq_column_dup(st, 1, 0);
		c->state = sq_column_dup(st, 2, 1);
		c->value = sq_column_dup(st, 3, 1);
		c->changed_by = sq_column_dup(st, 4, 0);
		c->changed_at = sq_column_dup(st, 5, 0);
		c->source = sq_column_dup(st, 6, 1);
		c->event = sq_column_dup(st, 7, 0);
		c->here_by = sq_column_dup(st, 8, 0);
		c->here_at = sq_column_dup(st, 9, 0);
		c->here_source = sq_column_dup(st, 10, 1);
		c->here_event = sq_column_dup(st, 11, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		chain_conflicts_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the conflicts");
	}
	return 0;
}

static int
conflict_insert(struct store *s, long long id, const struct chain_conflict *c, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s,
			   "INSERT INTO conflict (assessment_id, question_id, field, state,"
			   " value, changed_by, changed_at, source, event, here_by,"
			   " here_at, here_source, here_event)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
			   err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, c->question_id);
	sq_bind_text(st, 3, c->field);
	sq_bind_text(st, 4, c->state);
	sq_bind_text(st, 5, c->value);
	sq_bind_text(st, 6, c->changed_by);
	sq_bind_text(st, 7, c->changed_at);
	sq_bind_text(st, 8, c->source);
	sq_bind_text(st, 9, c->event);
	sq_bind_text(st, 10, c->here_by);
	sq_bind_text(st, 11, c->here_at);
	sq_bind_text(st, 12, c->here_source);
	sq_bind_text(st, 13, c->here_event);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "record a conflict");
	return 0;
}

/* store_rebuild, with the bytes of attachments the replay keeps and this
 * copy lacks from given (n). */
static int
rebuild_with(struct store *s, const struct assessment *a, const struct attachment *given,
	     size_t n_given, struct error *err)
{
	static const char *const clear[] = {
		"DELETE FROM answer WHERE assessment_id = ?1",
		"DELETE FROM meeting WHERE assessment_id = ?1",
		"DELETE FROM conflict WHERE assessment_id = ?1",
		"DELETE FROM finding WHERE assessment_id = ?1",
		"DELETE FROM score WHERE assessment_id = ?1",
	};
	struct history_entry *h = NULL;
	size_t n = 0;
	struct chain_state st = {0};
	char problem[512];
	sqlite3_stmt *q;
	int status = -1;
	int rc;

	if (store_history_load(s, a->id, &h, &n, err) < 0)
		return -1;
	if (chain_replay(a->country, a->cycle, h, n, &st, problem, sizeof(problem)) != 0) {
		error_set(err, EXIT_DATA, "the history of %s %d does not hold: %s", a->country,
			  a->cycle, problem);
		goto out;
	}
	for (size_t i = 0; i < sizeof(clear) / sizeof(clear[0]); i++) {
		q = sq_prepare(s, clear[i], err);
		if (q == NULL)
			goto out;
		sqlite3_bind_int64(q, 1, a->id);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE) {
			sq_error(s, err, "update the answers");
			goto out;
		}
	}
	for (size_t i = 0; i < st.answers.count; i++)
		if (restore_answer(s, a->id, &st.answers.items[i], err) < 0)
			goto out;
	for (size_t i = 0; i < st.meeting_count; i++)
		if (meeting_insert(s, a->id, meeting_seq(h, n, st.meetings[i].id), &st.meetings[i],
				   err) < 0)
			goto out;
	for (size_t i = 0; i < st.conflict_count; i++)
		if (conflict_insert(s, a->id, &st.conflicts[i], err) < 0)
			goto out;
	for (size_t i = 0; i < st.finding_count; i++)
		if (finding_insert(s, a->id, finding_seq(h, n, st.findings[i].pillar),
				   &st.findings[i], err) < 0)
			goto out;
	if (attachments_sync(s, a->country, a->cycle, a->id, &st, h, n, given, n_given, err) < 0)
		goto out;
	q = sq_prepare(s,
		       "UPDATE assessment SET status = ?1, mission_start = ?2, mission_end = ?3,"
		       " assessors = ?4, updated_at = ?5, head = ?6, entries = ?7 WHERE id = ?8",
		       err);
	if (q == NULL)
		goto out;
	sq_bind_text(q, 1, st.final ? "final" : "draft");
	sq_bind_text(q, 2, st.mission_start);
	sq_bind_text(q, 3, st.mission_end);
	sq_bind_text(q, 4, st.assessors);
	sq_bind_text(q, 5, st.updated_at);
	sq_bind_text(q, 6, st.head);
	sqlite3_bind_int64(q, 7, (long long)st.count);
	sqlite3_bind_int64(q, 8, a->id);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "update the assessment");
		goto out;
	}
	status = 0;
out:
	chain_state_release(&st);
	history_release(h, n);
	return status;
}

int
store_rebuild(struct store *s, const struct assessment *a, struct error *err)
{
	return rebuild_with(s, a, NULL, 0, err);
}

/* Whether the assessment has open conflicts: 1, 0, or -1. */
int
store_has_conflicts(struct store *s, long long assessment_id, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s, "SELECT 1 FROM conflict WHERE assessment_id = ?1 LIMIT 1", err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(s, err, "read the conflicts");
	return rc == SQLITE_ROW;
}

/* A copy of e to append under its origin. */
static struct history_entry
merged_copy(const struct history_entry *e)
{
	struct history_entry c = {0};

	c.question_id = xstrdup(e->question_id);
	c.field = xstrdup(e->field);
	c.old_state = sq_dup_or_null(e->old_state);
	c.old_value = sq_dup_or_null(e->old_value);
	c.new_state = sq_dup_or_null(e->new_state);
	c.new_value = sq_dup_or_null(e->new_value);
	c.changed_by = xstrdup(e->changed_by);
	c.changed_at = xstrdup(e->changed_at);
	c.reason = xstrdup(e->reason ? e->reason : "");
	c.source = sq_dup_or_null(e->source);
	c.origin = xstrdup(chain_event_id(e));
	return c;
}

int
store_merge_events(struct store *s, struct assessment *a, const struct history_entry *events,
		   size_t n, const struct attachment *attachments, size_t attachment_count,
		   const char *note, const char *who, struct error *err)
{
	char now[32];
	struct history_entry marker = {0};
	int final = -1;

	store_now(now, sizeof(now));
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	{
		sqlite3_stmt *st =
			sq_prepare(s, "SELECT status = 'final' FROM assessment WHERE id = ?1", err);

		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, a->id);
		final = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		sqlite3_finalize(st);
	}
	if (final != 0) {
		error_set(err, EXIT_DATA,
			  final < 0 ? "the assessment of %s %d is no longer there"
				    : "the assessment of %s %d is final here; reopen it to merge "
				      "changes into it",
			  a->country, a->cycle);
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		struct history_entry c = merged_copy(&events[i]);
		int rc = store_history_append(s, a, &c, err);

		history_entry_release(&c);
		if (rc < 0)
			goto fail;
	}
	if (note) {
		marker.question_id = xstrdup("");
		marker.field = xstrdup("merged");
		marker.new_value = xstrdup(note);
		marker.changed_by = xstrdup(who);
		marker.changed_at = xstrdup(now);
		marker.reason = xstrdup("");
		if (store_history_append(s, a, &marker, err) < 0)
			goto fail;
	}
	if (rebuild_with(s, a, attachments, attachment_count, err) < 0 ||
	    sq_exec(s, "COMMIT", err, "merge") < 0)
		goto fail;
	history_entry_release(&marker);
	return 0;
fail:
	history_entry_release(&marker);
	sq_rollback(s);
	return -1;
}

int
store_resolve(struct store *s, struct assessment *a, const char *question_id, const char *field,
	      const char *state, const char *value, const char *reason, const char *who,
	      struct error *err)
{
	char now[32];
	struct history_entry e = {0};
	int open = 0;
	sqlite3_stmt *st;

	store_now(now, sizeof(now));
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	st = sq_prepare(
		s,
		"SELECT count(*) FROM conflict c JOIN assessment a ON a.id = c.assessment_id"
		" WHERE c.assessment_id = ?1 AND c.question_id = ?2 AND c.field = ?3"
		" AND a.status = 'draft'",
		err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	sq_bind_text(st, 2, question_id);
	sq_bind_text(st, 3, field);
	if (sqlite3_step(st) == SQLITE_ROW)
		open = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!open) {
		error_set(err, EXIT_DATA,
			  "the %s of %s is not in conflict in %s %d (or the "
			  "assessment is final)",
			  field, question_id, a->country, a->cycle);
		goto fail;
	}
	e.question_id = xstrdup(question_id);
	e.field = xstrdup("resolved");
	e.old_state = xstrdup(field);
	e.new_state = sq_dup_or_null(state);
	e.new_value = sq_dup_or_null(value);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	e.reason = xstrdup(reason ? reason : "");
	if (store_history_append(s, a, &e, err) < 0 || store_rebuild(s, a, err) < 0 ||
	    sq_exec(s, "COMMIT", err, "settle the conflict") < 0)
		goto fail;
	history_entry_release(&e);
	return 0;
fail:
	history_entry_release(&e);
	sq_rollback(s);
	return -1;
}

/* Inside a transaction: a final assessment cannot be discarded. */
static int
check_final(struct store *s, const struct assessment *a, struct error *err)
{
	int final = -1;
	sqlite3_stmt *st =
		sq_prepare(s, "SELECT status = 'final' FROM assessment WHERE id = ?1", err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		final = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (final < 0)
		return error_set(err, EXIT_DATA, "the assessment of %s %d is no longer there",
				 a->country, a->cycle);
	if (final)
		return error_set(err, EXIT_DATA,
				 "the assessment of %s %d is final and cannot be discarded",
				 a->country, a->cycle);
	return 0;
}

static int
delete_rows(struct store *s, const char *sql, long long id, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "discard the assessment");
	return 0;
}

int
store_assessment_discard(struct store *s, const struct assessment *a, const char *who,
			 struct error *err)
{
	static const char *const steps[] = {
		"INSERT INTO discarding (assessment_id) VALUES (?1)",
		"DELETE FROM answer WHERE assessment_id = ?1",
		"DELETE FROM meeting WHERE assessment_id = ?1",
		"DELETE FROM conflict WHERE assessment_id = ?1",
		"DELETE FROM attachment WHERE assessment_id = ?1",
		"DELETE FROM finding WHERE assessment_id = ?1",
		"DELETE FROM history WHERE assessment_id = ?1",
		"DELETE FROM score WHERE assessment_id = ?1",
		"DELETE FROM assessment WHERE id = ?1",
		"DELETE FROM discarding WHERE assessment_id = ?1",
	};
	char now[32];

	store_now(now, sizeof(now));
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	if (check_final(s, a, err) < 0)
		goto fail;
	if (store_register_append(s, a, "discarded", who, now, err) < 0)
		goto fail;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (delete_rows(s, steps[i], a->id, err) < 0)
			goto fail;
	if (sq_exec(s, "COMMIT", err, "discard the assessment") < 0)
		goto fail;
	return 0;
fail:
	sq_rollback(s);
	return -1;
}

/* ---- verification ----------------------------------------------------- */

static int
broken_attachment(char *problem, size_t size, const char *id, const char *name)
{
	snprintf(problem, size,
		 "the stored file of attachment %s ('%s') does not match its size and SHA-256: "
		 "it was changed",
		 id ? id : "", name ? name : "");
	return 1;
}

/* Compare the attachments of a with the replay st, then each one's bytes
 * with its size and SHA-256, one at a time: 0, 1 with the problem, -1. */
static int
verify_attachments(struct store *s, const struct assessment *a, const struct chain_state *st,
		   char *problem, size_t size, struct error *err)
{
	struct attachment *list = NULL;
	size_t count = 0;
	sqlite3_stmt *q;
	int status;
	int rc = SQLITE_DONE;

	if (store_attachments_load(s, a->id, 0, &list, &count, err) < 0)
		return -1;
	status = chain_compare_attachments(st, list, count, problem, size);
	attachments_release(list, count);
	if (status != 0 || count == 0)
		return status;
	q = sq_prepare(
		s,
		"SELECT id, name, size, sha256, data FROM attachment WHERE assessment_id = ?1"
		" ORDER BY seq, id",
		err);
	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, a->id);
	while (status == 0 && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const void *data = sqlite3_column_blob(q, 4);
		long long n = sqlite3_column_bytes(q, 4);
		const char *sha256 = (const char *)sqlite3_column_text(q, 3);
		char hex[SHA256_HEX_SIZE];

		hash_sha256_hex(data ? data : "", (size_t)n, hex);
		if (n != sqlite3_column_int64(q, 2) || sha256 == NULL || strcmp(hex, sha256) != 0)
			status = broken_attachment(problem, size,
						   (const char *)sqlite3_column_text(q, 0),
						   (const char *)sqlite3_column_text(q, 1));
	}
	if (status == 0 && rc != SQLITE_DONE)
		status = sq_error(s, err, "read the attachments");
	sqlite3_finalize(q);
	return status;
}

int
store_verify(struct store *s, const struct assessment *a, char *problem, size_t size,
	     char ***hashes, size_t *hash_count, struct error *err)
{
	struct history_entry *h = NULL;
	size_t n = 0;
	struct answer_set answers = {0};
	struct meeting *meetings = NULL;
	size_t meeting_count = 0;
	struct chain_conflict *conflicts = NULL;
	size_t conflict_count = 0;
	struct finding *findings = NULL;
	size_t finding_count = 0;
	struct chain_state st = {0};
	int status = -1;

	if (hashes) {
		*hashes = NULL;
		*hash_count = 0;
	}
	if (store_history_load(s, a->id, &h, &n, err) < 0 ||
	    store_answers_load(s, a->id, &answers, err) < 0 ||
	    store_meetings_load(s, a->id, &meetings, &meeting_count, err) < 0 ||
	    store_conflicts_load(s, a->id, &conflicts, &conflict_count, err) < 0 ||
	    store_findings_load(s, a->id, &findings, &finding_count, err) < 0)
		goto out;
	status = chain_replay(a->country, a->cycle, h, n, &st, problem, size);
	if (status == 0)
		status = chain_compare(&st, a, &answers, meetings, meeting_count, conflicts,
				       conflict_count, problem, size);
	if (status == 0)
		status = chain_compare_findings(&st, findings, finding_count, problem, size);
	if (status == 0)
		status = verify_attachments(s, a, &st, problem, size, err);
	/* chain_compare lets a bundle, which has no head beside its history,
	 * go without one; a stored assessment always has one, so an emptied
	 * head is a cut end hidden, not a missing field */
	if (status == 0 && (a->head == NULL || *a->head == '\0')) {
		snprintf(problem, size,
			 "the history ends at entry %zu, but the assessment records %lld "
			 "entries and no head: entries were removed or replaced",
			 st.count, a->entries);
		status = 1;
	}
	if (hashes) {
		*hashes = xcalloc(n + 1, sizeof(**hashes));
		for (size_t i = 0; i < n; i++) {
			(*hashes)[i] = h[i].hash;
			h[i].hash = NULL;
		}
		*hash_count = n;
	}
out:
	chain_state_release(&st);
	history_release(h, n);
	answer_set_release(&answers);
	for (size_t i = 0; i < meeting_count; i++)
		meeting_release(&meetings[i]);
	free(meetings);
	chain_conflicts_release(conflicts, conflict_count);
	findings_release(findings, finding_count);
	return status;
}

/* Every live assessment's history hashes, sorted by country and cycle as
 * store_assessment_list gives them. */
static int
live_load(struct store *s, struct chain_live **out, size_t *count, struct error *err)
{
	struct assessment *list = NULL;
	size_t n = 0;
	sqlite3_stmt *st;

	*out = NULL;
	*count = 0;
	if (store_assessment_list(s, &list, &n, err) < 0)
		return -1;
	*out = xcalloc(n + 1, sizeof(**out));
	*count = n;
	st = sq_prepare(s, "SELECT hash FROM history WHERE assessment_id = ?1 ORDER BY seq", err);
	for (size_t i = 0; st && i < n; i++) {
		struct chain_live *l = &(*out)[i];
		size_t alloc = 0;
		int rc;

		snprintf(l->country, sizeof(l->country), "%s", list[i].country);
		l->cycle = list[i].cycle;
		sqlite3_bind_int64(st, 1, list[i].id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			xgrow((void **)&l->hashes, &alloc, l->count + 1, sizeof(*l->hashes));
			l->hashes[l->count++] = sq_column_dup(st, 0, 0);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			st = NULL;
			sq_error(s, err, "read the history");
		}
	}
	sqlite3_finalize(st);
	assessment_list_release(list, n);
	return st == NULL && n > 0 ? -1 : 0;
}

int
store_verify_register(struct store *s, char *problem, size_t size, char head[CHAIN_HASH_SIZE],
		      size_t *entries, struct error *err)
{
	struct register_entry *r = NULL;
	size_t n = 0;
	struct chain_live *live = NULL;
	size_t live_count = 0;
	int status = -1;

	if (store_register_load(s, &r, &n, err) < 0)
		return -1;
	if (live_load(s, &live, &live_count, err) < 0)
		goto out;
	status = chain_register_check(r, n, live, live_count, problem, size);
	snprintf(head, CHAIN_HASH_SIZE, "%s", n ? r[n - 1].hash : chain_genesis);
	*entries = n;
out:
	for (size_t i = 0; i < live_count; i++) {
		for (size_t k = 0; k < live[i].count; k++)
			free(live[i].hashes[k]);
		free(live[i].hashes);
	}
	free(live);
	register_release(r, n);
	return status;
}

/* ---- the upgrade to schema 3 ----------------------------------------- */

int
store_upgrade_chain(struct store *s, struct error *err)
{
	struct assessment *list = NULL;
	size_t n = 0;
	int status = -1;

	if (store_assessment_list(s, &list, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct assessment *a = &list[i];
		struct history_entry *h = NULL;
		size_t count = 0;
		struct chain_state st;
		char problem[512];
		sqlite3_stmt *q;
		long long last_status = 0;
		int rc;

		if (store_history_load(s, a->id, &h, &count, err) < 0)
			goto out;
		/* an intact history gives the summary; a broken one is left for
		 * 'cirt verify' to report */
		if (chain_replay(a->country, a->cycle, h, count, &st, problem, sizeof(problem)) ==
		    0) {
			q = sq_prepare(s,
				       "UPDATE assessment SET assessors = ?1, updated_at = ?2,"
				       " mission_start = ?3, mission_end = ?4, head = ?5,"
				       " entries = ?6 WHERE id = ?7",
				       err);
			if (q == NULL) {
				chain_state_release(&st);
				history_release(h, count);
				goto out;
			}
			sq_bind_text(q, 1, st.assessors);
			sq_bind_text(q, 2, st.updated_at);
			sq_bind_text(q, 3, st.mission_start);
			sq_bind_text(q, 4, st.mission_end);
			sq_bind_text(q, 5, st.head);
			sqlite3_bind_int64(q, 6, (long long)st.count);
			sqlite3_bind_int64(q, 7, a->id);
			rc = sqlite3_step(q);
			sqlite3_finalize(q);
			if (rc != SQLITE_DONE) {
				sq_error(s, err, "upgrade the schema");
				chain_state_release(&st);
				history_release(h, count);
				goto out;
			}
		}
		chain_state_release(&st);
		for (size_t k = 0; k < count; k++)
			if (strcmp(h[k].field, "status") == 0)
				last_status = h[k].seq;
		rc = 0;
		if (count > 0)
			rc = register_add(s, a->country, a->cycle, "created", 1, h[0].hash,
					  h[0].changed_by, h[0].changed_at, err);
		if (rc == 0 && a->final && last_status > 0)
			rc = register_add(s, a->country, a->cycle, "final", last_status,
					  h[last_status - 1].hash, h[last_status - 1].changed_by,
					  h[last_status - 1].changed_at, err);
		history_release(h, count);
		if (rc < 0)
			goto out;
	}
	status = 0;
out:
	assessment_list_release(list, n);
	return status;
}
