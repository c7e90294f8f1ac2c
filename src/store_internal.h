/* What the three files of the store share: the connection and the helpers
 * around SQLite. Only store.c, store_chain.c and store_writer.c include
 * it. */
#ifndef CIRT_STORE_INTERNAL_H
#define CIRT_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

/* An assessment this connection holds for writing. */
struct store_claim {
	char country[3];
	int cycle;
};

struct store {
	sqlite3 *db;
	char *path;
	int opened_version;
	int created;		  /* this open created the file */
	sqlite3_stmt *answers_st; /* store_answers_load's, kept: it runs per assessment */
	struct store_claim *claims;
	size_t claim_count;
	size_t claim_alloc;
};

/* Report the failed SQLite call as an error of the right kind; -1. */
int sq_error(struct store *s, struct error *err, const char *what);
sqlite3_stmt *sq_prepare(struct store *s, const char *sql, struct error *err);
int sq_exec(struct store *s, const char *sql, struct error *err, const char *what);
/* Bind v, or NULL when v is NULL. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
/* The column as an owned string; NULL for SQL NULL when keep_null, else "". */
char *sq_column_dup(sqlite3_stmt *st, int i, int keep_null);
char *sq_dup_or_null(const char *v);
/* Roll back the transaction in progress, if any. */
void sq_rollback(struct store *s);
/* The first column of the first row of sql, as an int. */
int sq_int(struct store *s, const char *sql, int *out, struct error *err);

/* Append e to the history of assessment a inside the caller's
 * transaction: seq, version, prev_hash and hash are filled in here, and
 * the assessment's summary (chain_meta), head and length follow. */
int store_history_append(struct store *s, const struct assessment *a, struct history_entry *e,
			 struct error *err);

/* Append an event about assessment a to the register, inside the caller's
 * transaction, naming its current head. */
int store_register_append(struct store *s, const struct assessment *a, const char *event,
			  const char *who, const char *when, struct error *err);

/* Record meeting m of assessment a (a 'meeting' event and its row) unless
 * it is recorded already; inside the caller's transaction. */
int store_meeting_record(struct store *s, const struct assessment *a, const struct meeting *m,
			 struct error *err);

/* Inside the caller's transaction: make new assessment a (a->id 0) with
 * who as its creator at now, and register it; a is filled. */
int store_create_in_transaction(struct store *s, struct assessment *a, const char *who,
				const char *now, struct error *err);

/* Inside the caller's transaction: refuse (EXIT_DATA) to change a final
 * assessment, or one that is gone. */
int store_check_draft(struct store *s, const struct assessment *a, struct error *err);

/* Fill the upgrade to schema 3 from each assessment's history: its
 * summary, head and register entries. Inside the upgrade's transaction. */
int store_upgrade_chain(struct store *s, struct error *err);

#endif
