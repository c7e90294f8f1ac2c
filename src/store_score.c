/* Score summaries kept in the store (store.h): computed once, used while
 * the assessment's head and the questionnaire are those they were
 * computed with, so that a report or a comparison reads one row per
 * assessment instead of its answers. */
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "store_internal.h"
#include "xmalloc.h"

/* The first schema with the score table. */
#define SCORE_SCHEMA 7

void
store_kept_scores_release(struct kept_score *k, size_t n)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(k[i].head);
		free(k[i].summary);
	}
	free(k);
}

int
store_kept_scores_load(struct store *s, const char *sha256, const long long *ids, size_t n,
		       struct kept_score **out, size_t *count, struct error *err)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	*out = NULL;
	*count = 0;
	/* a file of an older schema read as it stands has none */
	if (store_read_only(s) && s->opened_version < SCORE_SCHEMA)
		return 0;
	st = sq_prepare(s,
			"SELECT head, summary FROM score"
			" WHERE assessment_id = ?1 AND questionnaire_sha256 = ?2",
			err);
	if (st == NULL)
		return -1;
	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		sq_bind_text(st, 2, sha256);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			struct kept_score *k = &(*out)[(*count)++];
			const void *blob = sqlite3_column_blob(st, 1);
			size_t size = (size_t)sqlite3_column_bytes(st, 1);

			k->assessment_id = ids[i];
			k->head = sq_column_dup(st, 0, 0);
			k->summary = xmalloc(size + 1);
			if (size)
				memcpy(k->summary, blob, size);
			k->size = size;
			rc = SQLITE_DONE;
		} else if (rc != SQLITE_DONE) {
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_kept_scores_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "read the kept scores");
	}
	return 0;
}

int
store_kept_scores_save(struct store *s, const char *sha256, const struct kept_score *k, size_t n,
		       struct error *err)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (n == 0)
		return 0;
	if (store_read_only(s))
		return 1;
	/* not waiting for another writer: keeping is an optimisation */
	sqlite3_busy_timeout(s->db, 0);
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int busy = (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_READONLY;

		if (!busy)
			sq_error(s, err, "keep the scores");
		sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
		return busy ? 1 : -1;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	/* only while the head is still the assessment's: another cirt may
	 * have changed it since the summary was computed */
	st = sq_prepare(
		s,
		"INSERT OR REPLACE INTO score (assessment_id, head, questionnaire_sha256, summary)"
		" SELECT id, head, ?3, ?4 FROM assessment WHERE id = ?1 AND head = ?2",
		err);
	if (st == NULL) {
		sq_rollback(s);
		return -1;
	}
	rc = SQLITE_DONE;
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, k[i].assessment_id);
		sq_bind_text(st, 2, k[i].head);
		sq_bind_text(st, 3, sha256);
		sqlite3_bind_blob(st, 4, k[i].summary, (int)k[i].size, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "keep the scores");
		sq_rollback(s);
		return -1;
	}
	if (sq_exec(s, "COMMIT", err, "keep the scores") < 0) {
		sq_rollback(s);
		return -1;
	}
	return 0;
}
