/* The SQLite store: opening and upgrading the file, assessments and
 * answers. Every SQL statement of cirt is in the store's three files. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exitcode.h"
#include "store_internal.h"
#include "xmalloc.h"

/* Numbered migrations: migrations[v - 1] takes a database from schema
 * v - 1 to v. Never edit one that has shipped; add a new one. */
static const char *const migrations[] = {
	/* 1: assessments, answers and their history */
	"CREATE TABLE assessment ("
	"  id INTEGER PRIMARY KEY,"
	"  country TEXT NOT NULL CHECK (length(country) = 2),"
	"  cycle INTEGER NOT NULL CHECK (cycle BETWEEN 1900 AND 2200),"
	"  questionnaire_id TEXT NOT NULL,"
	"  questionnaire_version TEXT NOT NULL,"
	"  questionnaire_sha256 TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),"
	"  mission_start TEXT NOT NULL DEFAULT '',"
	"  mission_end TEXT NOT NULL DEFAULT '',"
	"  assessors TEXT NOT NULL DEFAULT '',"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  UNIQUE (country, cycle)"
	") STRICT;"
	"CREATE TABLE answer ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  question_id TEXT NOT NULL,"
	"  state TEXT NOT NULL"
	"    CHECK (state IN ('none', 'value', 'dont_know', 'not_applicable')),"
	"  value TEXT CHECK ((state = 'value') = (value IS NOT NULL)),"
	"  evidence TEXT NOT NULL DEFAULT '',"
	"  comment TEXT NOT NULL DEFAULT '',"
	"  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),"
	"  answered_by TEXT NOT NULL,"
	"  answered_at TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, question_id)"
	") STRICT;"
	"CREATE TABLE history ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  question_id TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  old_state TEXT,"
	"  old_value TEXT,"
	"  new_state TEXT,"
	"  new_value TEXT,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  UNIQUE (assessment_id, seq)"
	") STRICT;",

	/* 2: the history is append-only; answers are looked up by question */
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
	" BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
	" BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE INDEX history_question ON history (assessment_id, question_id, seq);",

	/* 3: sources, the register, one writer per assessment, settings; the
	 * assessment keeps its chain's head (filled by store_upgrade_chain) */
	"ALTER TABLE assessment ADD COLUMN head TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE assessment ADD COLUMN entries INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE answer ADD COLUMN source TEXT;"
	"ALTER TABLE history ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
	"  CHECK (version IN (1, 2));"
	"ALTER TABLE history ADD COLUMN source TEXT;"
	"CREATE TABLE meeting ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  id TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  organisation TEXT NOT NULL,"
	"  people TEXT NOT NULL,"
	"  met_on TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, id)"
	") STRICT;"
	"CREATE TABLE register_event ("
	"  seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
	"  event TEXT NOT NULL,"
	"  country TEXT NOT NULL,"
	"  cycle INTEGER NOT NULL,"
	"  entries INTEGER NOT NULL,"
	"  head TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	") STRICT;"
	"CREATE TRIGGER register_no_update BEFORE UPDATE ON register_event"
	" BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;"
	"CREATE TRIGGER register_no_delete BEFORE DELETE ON register_event"
	" BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;"
	/* a discard marks the assessment here for the length of its
	 * transaction: the only time its history may go */
	"CREATE TABLE discarding (assessment_id INTEGER PRIMARY KEY) STRICT;"
	"DROP TRIGGER history_no_delete;"
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
	" WHEN NOT EXISTS (SELECT 1 FROM discarding WHERE assessment_id = OLD.assessment_id)"
	" BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TABLE writer ("
	"  country TEXT NOT NULL,"
	"  cycle INTEGER NOT NULL,"
	"  holder TEXT NOT NULL,"
	"  command TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  pid INTEGER NOT NULL,"
	"  started TEXT NOT NULL,"
	"  since TEXT NOT NULL,"
	"  PRIMARY KEY (country, cycle)"
	") STRICT;"
	"CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;",

	/* 4: merges keep every copy's events under their origin, and leave
	 * conflicts open until a person settles them; the history gains the
	 * origin column and a third format, so it is made again */
	"ALTER TABLE history RENAME TO history_v3;"
	"CREATE TABLE history ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  question_id TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  old_state TEXT,"
	"  old_value TEXT,"
	"  new_state TEXT,"
	"  new_value TEXT,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version IN (1, 2, 3)),"
	"  source TEXT,"
	"  origin TEXT CHECK ((version = 3) = (origin IS NOT NULL)),"
	"  UNIQUE (assessment_id, seq)"
	") STRICT;"
	"INSERT INTO history (id, assessment_id, seq, question_id, field, old_state, old_value,"
	"  new_state, new_value, changed_by, changed_at, reason, prev_hash, hash, version, source)"
	"  SELECT id, assessment_id, seq, question_id, field, old_state, old_value, new_state,"
	"  new_value, changed_by, changed_at, reason, prev_hash, hash, version, source"
	"  FROM history_v3;"
	"DROP TABLE history_v3;"
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
	" BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
	" WHEN NOT EXISTS (SELECT 1 FROM discarding WHERE assessment_id = OLD.assessment_id)"
	" BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE INDEX history_question ON history (assessment_id, question_id, seq);"
	"CREATE INDEX history_origin ON history (assessment_id, origin) WHERE origin IS NOT NULL;"
	"CREATE TABLE conflict ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  question_id TEXT NOT NULL,"
	"  field TEXT NOT NULL CHECK (field IN ('answer', 'evidence', 'comment', 'flag')),"
	"  state TEXT,"
	"  value TEXT,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  source TEXT,"
	"  event TEXT NOT NULL,"
	"  here_by TEXT NOT NULL,"
	"  here_at TEXT NOT NULL,"
	"  here_source TEXT,"
	"  here_event TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, question_id, field)"
	") STRICT;",

	/* 5: files kept as evidence for answers; the history records each one
	 * added or removed, and seq is the entry that added it */
	"CREATE TABLE attachment ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  question_id TEXT NOT NULL,"
	"  id TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  size INTEGER NOT NULL CHECK (size >= 0),"
	"  sha256 TEXT NOT NULL,"
	"  data BLOB NOT NULL,"
	"  added_by TEXT NOT NULL,"
	"  added_at TEXT NOT NULL,"
	"  source TEXT,"
	"  PRIMARY KEY (assessment_id, id)"
	") STRICT;",

	/* 6: the team's findings, the executive summary (pillar '') and one
	 * per pillar, each the replay of its history events (seq: the first
	 * that gave the pillar one, for their order); a conflict can be over
	 * a finding, so that table is made again to take the new field */
	"CREATE TABLE finding ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  pillar TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  recorded_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, pillar)"
	") STRICT;"
	"ALTER TABLE conflict RENAME TO conflict_v5;"
	"CREATE TABLE conflict ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  question_id TEXT NOT NULL,"
	"  field TEXT NOT NULL"
	"    CHECK (field IN ('answer', 'evidence', 'comment', 'flag', 'finding')),"
	"  state TEXT,"
	"  value TEXT,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  source TEXT,"
	"  event TEXT NOT NULL,"
	"  here_by TEXT NOT NULL,"
	"  here_at TEXT NOT NULL,"
	"  here_source TEXT,"
	"  here_event TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, question_id, field)"
	") STRICT;"
	"INSERT INTO conflict (rowid, assessment_id, question_id, field, state, value,"
	"  changed_by, changed_at, source, event, here_by, here_at, here_source, here_event)"
	"  SELECT rowid, assessment_id, question_id, field, state, value, changed_by,"
	"  changed_at, source, event, here_by, here_at, here_source, here_event"
	"  FROM conflict_v5;"
	"DROP TABLE conflict_v5;",

	/* 7: each assessment's score summary as last computed, with the head of
	 * its history and the questionnaire it was scored with: used only
	 * while both still match, so never stale (store_score.c) */
	"CREATE TABLE score ("
	"  assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id),"
	"  head TEXT NOT NULL,"
	"  questionnaire_sha256 TEXT NOT NULL,"
	"  summary BLOB NOT NULL"
	") STRICT;",
};

#define MIGRATION_COUNT ((int)(sizeof(migrations) / sizeof(migrations[0])))

_Static_assert(MIGRATION_COUNT == STORE_SCHEMA_VERSION, "one migration per schema version");

/* ---- helpers ----------------------------------------------------------- */

/* Report a failed SQLite call as an error of the right kind. */
int
sq_error(struct store *s, struct error *err, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	const char *detail = sqlite3_errmsg(s->db);

	switch (code & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(err, EXIT_IO,
				 "database '%s' is busy: another cirt kept it locked for more than "
				 "%d seconds",
				 s->path, STORE_BUSY_TIMEOUT_MS / 1000);
	case SQLITE_READONLY:
		return error_set(err, EXIT_IO, "database '%s' is read-only", s->path);
	case SQLITE_FULL:
		return error_set(err, EXIT_IO, "cannot write database '%s': the disk is full",
				 s->path);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return error_set(err, EXIT_IO, "cannot %s in database '%s': %s", what, s->path,
				 detail);
	default:
		return error_set(err, EXIT_DATA, "cannot %s in database '%s': %s", what, s->path,
				 detail);
	}
}

sqlite3_stmt *
sq_prepare(struct store *s, const char *sql, struct error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sq_error(s, err, "prepare a statement");
		return NULL;
	}
	return st;
}

/* A statement kept for the life of the connection. */
static sqlite3_stmt *
sq_prepare_persistent(struct store *s, const char *sql, struct error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sq_error(s, err, "prepare a statement");
		return NULL;
	}
	return st;
}

int
sq_exec(struct store *s, const char *sql, struct error *err, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_error(s, err, what);
	return 0;
}

void
sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* The column as an owned string; NULL for SQL NULL when keep_null, else "". */
char *
sq_column_dup(sqlite3_stmt *st, int i, int keep_null)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	if (v == NULL)
		return keep_null ? NULL : xstrdup("");
	return xstrdup((const char *)v);
}

char *
sq_dup_or_null(const char *v)
{
	return v ? xstrdup(v) : NULL;
}

void
sq_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

void
store_now(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	char day[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%03ldZ", day, ts.tv_nsec / 1000000);
}

/* ---- opening ----------------------------------------------------------- */

int
sq_int(struct store *s, const char *sql, int *out, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_error(s, err, "read the schema");
	return 0;
}

/* Switch the file to WAL unless it is already. Changing the journal mode
 * does not wait for other connections as statements do, so a first run
 * racing another retries within the same busy timeout. */
static int
use_wal(struct store *s, struct error *err)
{
	struct timespec pause = {0, 10000000L}; /* 10 ms */

	for (int waited = 0;; waited += 10) {
		sqlite3_stmt *st = sq_prepare(s, "PRAGMA journal_mode = WAL", err);
		int rc;
		int wal = 0;

		if (st == NULL)
			return -1;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW && wal)
			return 0;
		if (rc != SQLITE_ROW && (rc & 0xFF) != SQLITE_BUSY)
			return sq_error(s, err, "set up the journal");
		if (waited >= STORE_BUSY_TIMEOUT_MS)
			return rc == SQLITE_ROW
				? error_set(err, EXIT_DATA,
					    "database '%s' cannot use a WAL journal", s->path)
				: sq_error(s, err, "set up the journal");
		nanosleep(&pause, NULL);
	}
}

/* The application id, schema version and number of schema objects, read
 * in one consistent snapshot. */
static int
read_header(struct store *s, int *app_id, int *version, int *objects, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT (SELECT application_id FROM pragma_application_id),"
				      " (SELECT user_version FROM pragma_user_version),"
				      " (SELECT count(*) FROM sqlite_schema)",
				      err);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*app_id = sqlite3_column_int(st, 0);
		*version = sqlite3_column_int(st, 1);
		*objects = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_error(s, err, "read the schema");
	return 0;
}

/* Bring the schema up to STORE_SCHEMA_VERSION in one transaction. The
 * version is read again under the write lock, because another cirt may
 * have upgraded (or created) the schema since this one looked. */
static int
migrate(struct store *s, struct error *err)
{
	char sql[64];
	int from = 0;

	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start an upgrade") < 0)
		return -1;
	if (sq_int(s, "PRAGMA user_version", &from, err) < 0)
		goto fail;
	if (from < 0 || from > STORE_SCHEMA_VERSION) {
		error_set(err, EXIT_DATA, "database '%s' has an unknown schema %d", s->path, from);
		goto fail;
	}
	if (from == 0 &&
	    sq_exec(s, "PRAGMA application_id = 1128878676", err, "mark the database as cirt's") <
		    0)
		goto fail;
	/* migrations[i] leads to schema i + 1 */
	for (int i = from; i < MIGRATION_COUNT; i++) {
		if (sq_exec(s, migrations[i], err, "upgrade the schema") < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (sq_exec(s, sql, err, "upgrade the schema") < 0)
			goto fail;
	}
	/* what SQL cannot compute for schema 3 (hashes and replays), once the
	 * tables are as this cirt reads them */
	if (from < 3 && store_upgrade_chain(s, err) < 0)
		goto fail;
	return sq_exec(s, "COMMIT", err, "finish the upgrade");
fail:
	sq_rollback(s);
	return -1;
}

/* Create path with mode 0600 unless it exists; 1 when created. */
static int
create_private_file(const char *path, enum store_mode mode, struct error *err)
{
	struct stat st;
	int fd;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return error_set(err, EXIT_IO, "database '%s' is a directory", path);
		return 0;
	}
	if (errno != ENOENT)
		return error_set(err, EXIT_IO, "cannot open database '%s': %s", path,
				 strerror(errno));
	if (mode != STORE_CREATE)
		return error_set(err, EXIT_IO,
				 "no database '%s'; start an assessment with 'cirt run' or name "
				 "one with --db",
				 path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 0; /* another cirt created it a moment ago */
	if (fd < 0)
		return error_set(err, EXIT_IO, "cannot create database '%s': %s", path,
				 strerror(errno));
	close(fd);
	return 1;
}

/* "file:PATH?immutable=1" with PATH percent-encoded, for reading a file we
 * cannot write (SQLite's WAL mode would otherwise need to create files next
 * to it). */
static char *
immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = xmalloc(strlen(path) * 3 + 32);
	size_t n = (size_t)sprintf(uri, "file:");

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p)) {
			uri[n++] = (char)*p;
		} else {
			uri[n++] = '%';
			uri[n++] = hex[*p >> 4];
			uri[n++] = hex[*p & 15];
		}
	}
	strcpy(uri + n, "?immutable=1");
	return uri;
}

/* Whether path's write-ahead log holds anything: committed changes that
 * are not in the main file yet. */
static int
has_wal(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	int r = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	return r;
}

static int
open_connection(struct store *s, const char *path, int read_only, struct error *err)
{
	/* a file read as it stands is opened immutable, so that nothing is
	 * created beside it; but then SQLite would not read a write-ahead log,
	 * and what was committed there (by a session that was killed, say)
	 * would be missed: such a file is opened read-only instead, which
	 * reads the log */
	int immutable = read_only && !has_wal(path);
	char *uri = immutable ? immutable_uri(path) : NULL;
	int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int rc = sqlite3_open_v2(immutable ? uri : path, &s->db,
				 immutable ? flags | SQLITE_OPEN_URI : flags, NULL);

	free(uri);
	if (rc != SQLITE_OK) {
		if (s->db == NULL)
			return error_set(err, EXIT_IO, "cannot open database '%s': out of memory",
					 path);
		return sq_error(s, err, "open the database");
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	if (read_only && !immutable &&
	    sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) !=
		    SQLITE_OK)
		return error_set(err, EXIT_IO,
				 "database '%s' has changes in its write-ahead log ('%s-wal') "
				 "that cannot be read from here: %s; open it once with cirt "
				 "where its folder can be written, or copy the folder",
				 path, path, sqlite3_errmsg(s->db));
	return 0;
}

/* Whether we can write path and create files beside it. */
static int
writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir =
		slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int ok = access(path, W_OK) == 0 && access(dir, W_OK) == 0;

	free(dir);
	return ok;
}

struct store *
store_open(const char *path, enum store_mode mode, struct error *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int created;
	int app_id = 0;
	int version = 0;
	int objects = 0;

	s->path = xstrdup(path);
	created = create_private_file(path, mode, err);
	if (created < 0)
		goto fail;
	/* a file we cannot write, or in a folder we cannot write (where the WAL
	 * files would go), is read as it stands */
	s->created = created == 1;
	if (open_connection(s, path, mode == STORE_READ || (created == 0 && !writable(path)), err) <
	    0)
		goto fail;

	/* one statement, so one snapshot: another cirt may be creating the
	 * schema at this very moment */
	if (read_header(s, &app_id, &version, &objects, err) < 0) {
		if (err && strstr(err->message, "not a database"))
			error_set(err, EXIT_DATA,
				  "cannot open database '%s': file is not a database", path);
		goto fail;
	}
	if (app_id != STORE_APPLICATION_ID && !(app_id == 0 && objects == 0)) {
		error_set(
			err, EXIT_DATA,
			"'%s' is not a cirt database: it is an SQLite file of another application",
			path);
		goto fail;
	}
	if (version > STORE_SCHEMA_VERSION) {
		error_set(err, EXIT_DATA,
			  "database '%s' was made by a newer cirt (schema %d; this cirt knows up "
			  "to %d); upgrade cirt to use it",
			  path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	s->opened_version = version;
	/* a file from elsewhere is checked whole before it is read; cirt's own
	 * files are checked by the commands that seal, merge or verify them
	 * (store_check), and page by page by SQLite as they are read */
	if (mode == STORE_READ && store_check(s, err) < 0)
		goto fail;
	if (!store_read_only(s) && use_wal(s, err) < 0)
		goto fail;
	if (sq_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err,
		    "set up the database") < 0)
		goto fail;
	if (version < STORE_SCHEMA_VERSION && mode == STORE_READ && version >= 1) {
		/* every schema since the first can be read as it is */
	} else if (version < STORE_SCHEMA_VERSION) {
		if (store_read_only(s)) {
			error_set(err, EXIT_IO,
				  "database '%s' needs an upgrade to schema %d but is read-only",
				  path, STORE_SCHEMA_VERSION);
			goto fail;
		}
		if (migrate(s, err) < 0)
			goto fail;
	}
	return s;
fail:
	if (created == 1 && s->db) {
		sqlite3_close(s->db);
		s->db = NULL;
		unlink(path);
	}
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	while (s->claim_count > 0)
		store_writer_give(s, s->claims[s->claim_count - 1].country,
				  s->claims[s->claim_count - 1].cycle);
	free(s->claims);
	sqlite3_finalize(s->answers_st);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_created_unused(struct store *s)
{
	int n = -1;

	if (s == NULL || !s->created)
		return 0;
	if (sq_int(s, "SELECT count(*) FROM assessment", &n, NULL) < 0)
		return 0;
	return n == 0;
}

void
store_close_removing_unused(struct store *s)
{
	char *path;
	char *side;

	if (!store_created_unused(s)) {
		store_close(s);
		return;
	}
	path = xstrdup(s->path);
	store_close(s);
	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	free(path);
}

int
store_snapshot_begin(struct store *s, struct error *err)
{
	/* a deferred transaction takes its snapshot at the first read */
	if (sq_exec(s, "BEGIN", err, "start reading") < 0 ||
	    sq_exec(s, "SELECT count(*) FROM sqlite_schema", err, "start reading") < 0) {
		sq_rollback(s);
		return -1;
	}
	return 0;
}

void
store_snapshot_end(struct store *s)
{
	sq_rollback(s);
}

int
store_read_only(const struct store *s)
{
	return sqlite3_db_readonly(s->db, "main") == 1;
}

int
store_opened_version(const struct store *s)
{
	return s->opened_version;
}

/* SQLite's report spans lines and names the schema: make it one line. */
static void
tidy_problem(char *problem)
{
	static const char noise[] = "*** in database main *** ";
	char *p;

	for (char *c = problem; *c; c++)
		if (*c == '\n')
			*c = ' ';
	p = strstr(problem, noise);
	if (p)
		memmove(p, p + strlen(noise), strlen(p + strlen(noise)) + 1);
}

int
store_check(struct store *s, struct error *err)
{
	char problem[512];
	int r = store_integrity_check(s, 0, problem, sizeof(problem), err);

	if (r > 0)
		error_set(err, EXIT_DATA,
			  "database '%s' is damaged (%s); restore it from a backup or an export",
			  s->path, problem);
	return r == 0 ? 0 : -1;
}

int
store_integrity_check(struct store *s, int full, char *problem, size_t size, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s, full ? "PRAGMA integrity_check" : "PRAGMA quick_check", err);
	int rc;
	int bad = 0;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r == NULL || strcmp(r, "ok") != 0) {
			snprintf(problem, size, "%s", r ? r : "unknown problem");
			bad = 1;
		}
	} else {
		snprintf(problem, size, "%s", sqlite3_errmsg(s->db));
		bad = 1;
		if ((sqlite3_extended_errcode(s->db) & 0xFF) == SQLITE_BUSY) {
			sqlite3_finalize(st);
			return sq_error(s, err, "check the database");
		}
	}
	sqlite3_finalize(st);
	if (bad)
		tidy_problem(problem);
	return bad;
}

/* ---- assessments ------------------------------------------------------- */

void
assessment_release(struct assessment *a)
{
	free(a->questionnaire_id);
	free(a->questionnaire_version);
	free(a->questionnaire_sha256);
	free(a->mission_start);
	free(a->mission_end);
	free(a->assessors);
	free(a->created_at);
	free(a->updated_at);
	free(a->head);
	memset(a, 0, sizeof(*a));
}

void
assessment_list_release(struct assessment *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assessment_release(&list[i]);
	free(list);
}

#define ASSESSMENT_BASE_COLUMNS                                                                    \
	"a.id, a.country, a.cycle, a.questionnaire_id, a.questionnaire_version,"                   \
	" a.questionnaire_sha256, a.status, a.mission_start, a.mission_end, a.assessors,"          \
	" a.created_at, a.updated_at, a.head, a.entries,"
#define ASSESSMENT_COLUMNS                                                                         \
	ASSESSMENT_BASE_COLUMNS                                                                    \
	" (SELECT count(*) FROM answer w WHERE w.assessment_id = a.id AND w.state != 'none')"

static void
read_assessment(sqlite3_stmt *st, struct assessment *a)
{
	const unsigned char *country = sqlite3_column_text(st, 1);
	const unsigned char *status = sqlite3_column_text(st, 6);

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	snprintf(a->country, sizeof(a->country), "%s", country ? (const char *)country : "");
	a->cycle = sqlite3_column_int(st, 2);
	a->questionnaire_id = sq_column_dup(st, 3, 0);
	a->questionnaire_version = sq_column_dup(st, 4, 0);
	a->questionnaire_sha256 = sq_column_dup(st, 5, 0);
	a->final = status && strcmp((const char *)status, "final") == 0;
	a->mission_start = sq_column_dup(st, 7, 0);
	a->mission_end = sq_column_dup(st, 8, 0);
	a->assessors = sq_column_dup(st, 9, 0);
	a->created_at = sq_column_dup(st, 10, 0);
	a->updated_at = sq_column_dup(st, 11, 0);
	a->head = sq_column_dup(st, 12, 0);
	a->entries = sqlite3_column_int64(st, 13);
	a->answered = (size_t)sqlite3_column_int64(st, 14);
}

int
store_assessment_get(struct store *s, const char *country, int cycle, struct assessment *out,
		     struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT " ASSESSMENT_COLUMNS " FROM assessment a"
				      " WHERE a.country = ?1 AND a.cycle = ?2",
				      err);
	int rc;

	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, country);
	sqlite3_bind_int(st, 2, cycle);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_assessment(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return sq_error(s, err, "read the assessment");
}

int
store_assessment_latest_cycle(struct store *s, const char *country, int *cycle, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s, "SELECT max(cycle) FROM assessment WHERE country = ?1", err);
	int rc;
	int found = 0;

	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, country);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*cycle = sqlite3_column_int(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_error(s, err, "read the assessments");
	return found ? 0 : 1;
}

int
store_assessment_list(struct store *s, struct assessment **out, size_t *count, struct error *err)
{
	return store_assessment_list_around(s, 0, "", out, count, err);
}

int
store_assessment_list_around(struct store *s, int cycle, const char *country,
			     struct assessment **out, size_t *count, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT " ASSESSMENT_BASE_COLUMNS " 0 FROM assessment a"
				      " WHERE ?1 = 0 OR a.cycle = ?1 OR a.country = ?2"
				      " ORDER BY a.country, a.cycle",
				      err);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, cycle);
	sq_bind_text(st, 2, country);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		read_assessment(st, &(*out)[(*count)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		assessment_list_release(*out, *count);
		*out = NULL;
		*count = 0;
		return sq_error(s, err, "list the assessments");
	}
	return 0;
}

/* ---- writing ----------------------------------------------------------- */

void
store_assessment_new(struct assessment *a, const char *country, int cycle,
		     const char *questionnaire_id, const char *questionnaire_version,
		     const char *questionnaire_sha256)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->country, sizeof(a->country), "%s", country);
	a->cycle = cycle;
	a->questionnaire_id = xstrdup(questionnaire_id);
	a->questionnaire_version = xstrdup(questionnaire_version);
	a->questionnaire_sha256 = xstrdup(questionnaire_sha256);
	a->mission_start = xstrdup("");
	a->mission_end = xstrdup("");
	a->assessors = xstrdup("");
	a->created_at = xstrdup("");
	a->updated_at = xstrdup("");
	a->head = xstrdup("");
}

/* Inside a transaction: insert the row of new assessment a and its first
 * event, and register it. */
int
store_create_in_transaction(struct store *s, struct assessment *a, const char *who, const char *now,
			    struct error *err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"INSERT INTO assessment (country, cycle, questionnaire_id, questionnaire_version,"
		" questionnaire_sha256, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?6)",
		err);
	struct history_entry e = {0};
	int rc;

	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, a->country);
	sqlite3_bind_int(st, 2, a->cycle);
	sq_bind_text(st, 3, a->questionnaire_id);
	sq_bind_text(st, 4, a->questionnaire_version);
	sq_bind_text(st, 5, a->questionnaire_sha256);
	sq_bind_text(st, 6, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "create the assessment");
	a->id = sqlite3_last_insert_rowid(s->db);
	e.question_id = xstrdup("");
	e.field = xstrdup("created");
	e.new_state = xstrdup("draft");
	e.new_value = xasprintf("%s %s %s", a->questionnaire_id, a->questionnaire_version,
				a->questionnaire_sha256);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	rc = store_history_append(s, a, &e, err);
	history_entry_release(&e);
	if (rc < 0)
		return -1;
	free(a->head);
	a->head = NULL;
	return store_register_append(s, a, "created", who, now, err);
}

/* Inside a transaction: refuse changes to a final assessment. */
int
store_check_draft(struct store *s, const struct assessment *a, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s, "SELECT status FROM assessment WHERE id = ?1", err);
	int rc;
	int final = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		final = strcmp((const char *)sqlite3_column_text(st, 0), "final") == 0;
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return error_set(err, EXIT_DATA, "the assessment of %s %d is no longer in '%s'",
				 a->country, a->cycle, s->path);
	if (rc != SQLITE_ROW)
		return sq_error(s, err, "read the assessment");
	if (final)
		return error_set(err, EXIT_DATA,
				 "the assessment of %s %d is final; reopen it with 'cirt reopen' "
				 "to change it",
				 a->country, a->cycle);
	return 0;
}

/* The stored row of one question, or a blank one. */
struct row {
	int exists;
	char *state;
	char *value;
	char *evidence;
	char *comment;
	int flagged;
	char *source;
};

static void
row_release(struct row *r)
{
	free(r->state);
	free(r->value);
	free(r->evidence);
	free(r->comment);
	free(r->source);
}

static int
row_load(struct store *s, long long assessment_id, const char *question_id, struct row *r,
	 struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT state, value, evidence, comment, flagged, source"
				      " FROM answer WHERE assessment_id = ?1 AND question_id = ?2",
				      err);
	int rc;

	memset(r, 0, sizeof(*r));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	sq_bind_text(st, 2, question_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->exists = 1;
		r->state = sq_column_dup(st, 0, 0);
		r->value = sq_column_dup(st, 1, 1);
		r->evidence = sq_column_dup(st, 2, 0);
		r->comment = sq_column_dup(st, 3, 0);
		r->flagged = sqlite3_column_int(st, 4);
		r->source = sq_column_dup(st, 5, 1);
	} else {
		r->state = xstrdup("none");
		r->evidence = xstrdup("");
		r->comment = xstrdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(s, err, "read an answer");
	return 0;
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Append one history entry for a changed field of question q. */
static int
record(struct store *s, const struct assessment *a, const struct answer_change *c,
       const char *field, const char *old_state, const char *old_value, const char *new_state,
       const char *new_value, const char *who, const char *now, struct error *err)
{
	struct history_entry e = {0};
	int rc;

	e.question_id = xstrdup(c->question_id);
	e.field = xstrdup(field);
	e.old_state = sq_dup_or_null(old_state);
	e.old_value = sq_dup_or_null(old_value);
	e.new_state = sq_dup_or_null(new_state);
	e.new_value = sq_dup_or_null(new_value);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	e.reason = xstrdup(c->reason ? c->reason : "");
	e.source = c->meeting ? xstrdup(c->meeting->id) : NULL;
	rc = store_history_append(s, a, &e, err);
	history_entry_release(&e);
	return rc;
}

/* Apply one change inside the caller's transaction; 1 when something
 * changed. The row ends as the replay of its history gives it: the author,
 * time and source of its latest change. */
static int
apply_change(struct store *s, const struct assessment *a, const struct answer_change *c,
	     const char *who, const char *now, struct error *err)
{
	struct row r;
	sqlite3_stmt *st;
	const char *state;
	const char *value;
	const char *evidence;
	const char *comment;
	int flagged;
	int changed = 0;
	int rc;

	if (row_load(s, a->id, c->question_id, &r, err) < 0)
		return -1;
	state = c->set_answer ? answer_state_name(c->state) : r.state;
	value = c->set_answer ? (c->state == ANSWER_VALUE ? c->value : NULL) : r.value;
	evidence = c->set_evidence ? c->evidence : r.evidence;
	comment = c->set_comment ? c->comment : r.comment;
	flagged = c->set_flag ? c->flagged : r.flagged;

	if (!same(state, r.state) || !same(value, r.value)) {
		changed = 1;
		if (record(s, a, c, "answer", r.state, r.value, state, value, who, now, err) < 0)
			goto fail;
	}
	if (!same(evidence, r.evidence)) {
		changed = 1;
		if (record(s, a, c, "evidence", NULL, r.evidence, NULL, evidence, who, now, err) <
		    0)
			goto fail;
	}
	if (!same(comment, r.comment)) {
		changed = 1;
		if (record(s, a, c, "comment", NULL, r.comment, NULL, comment, who, now, err) < 0)
			goto fail;
	}
	if (flagged != r.flagged) {
		changed = 1;
		if (record(s, a, c, "flag", NULL, r.flagged ? "1" : "0", NULL, flagged ? "1" : "0",
			   who, now, err) < 0)
			goto fail;
	}
	if (!changed) {
		row_release(&r);
		return 0;
	}
	st = sq_prepare(s,
			"INSERT INTO answer (assessment_id, question_id, state, value, evidence,"
			" comment, flagged, answered_by, answered_at, source)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
			" ON CONFLICT (assessment_id, question_id) DO UPDATE SET state = ?3,"
			" value = ?4, evidence = ?5, comment = ?6, flagged = ?7, answered_by = ?8,"
			" answered_at = ?9, source = ?10",
			err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	sq_bind_text(st, 2, c->question_id);
	sq_bind_text(st, 3, state);
	sq_bind_text(st, 4, value);
	sq_bind_text(st, 5, evidence);
	sq_bind_text(st, 6, comment);
	sqlite3_bind_int(st, 7, flagged);
	sq_bind_text(st, 8, who);
	sq_bind_text(st, 9, now);
	sq_bind_text(st, 10, c->meeting ? c->meeting->id : NULL);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "save the answer");
		goto fail;
	}
	row_release(&r);
	return 1;
fail:
	row_release(&r);
	return -1;
}

/* Whether any of the changes would write something to a new assessment:
 * an empty change to one that does not exist yet must not create it. */
static int
changes_anything(const struct answer_change *changes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct answer_change *c = &changes[i];

		if ((c->set_answer && c->state != ANSWER_NONE) ||
		    (c->set_evidence && *c->evidence) || (c->set_comment && *c->comment) ||
		    (c->set_flag && c->flagged))
			return 1;
	}
	return 0;
}

/* Read back what the transaction made of a: its id, head and summary. */
static int
refresh(struct store *s, struct assessment *a, struct error *err)
{
	struct assessment fresh;
	int r = store_assessment_get(s, a->country, a->cycle, &fresh, err);

	if (r != 0)
		return r < 0 ? -1
			     : error_set(err, EXIT_DATA, "the assessment of %s %d vanished",
					 a->country, a->cycle);
	assessment_release(a);
	*a = fresh;
	return 0;
}

int
store_answers_change(struct store *s, struct assessment *a, const struct answer_change *changes,
		     size_t count, const char *who, struct error *err)
{
	char now[32];
	int changed = 0;
	int created = 0;
	int was_new = a->id == 0;

	store_now(now, sizeof(now));
	if (a->id == 0 && !changes_anything(changes, count))
		return 0;
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	if (a->id == 0) {
		struct assessment there = {0};
		int r = store_assessment_get(s, a->country, a->cycle, &there, err);

		if (r < 0)
			goto fail;
		if (r == 0) {
			/* made meanwhile (by a merge): change that one */
			a->id = there.id;
			assessment_release(&there);
		} else {
			if (store_create_in_transaction(s, a, who, now, err) < 0)
				goto fail;
			created = 1;
		}
	}
	if (store_check_draft(s, a, err) < 0)
		goto fail;
	for (size_t i = 0; i < count; i++) {
		int r;

		if (changes[i].meeting && store_meeting_record(s, a, changes[i].meeting, err) < 0)
			goto fail;
		r = apply_change(s, a, &changes[i], who, now, err);
		if (r < 0)
			goto fail;
		if (r > 0 && changes[i].done)
			*changes[i].done = 1;
		changed += r;
	}
	if (changed == 0 && !created) {
		sq_rollback(s);
		return 0;
	}
	if (!created) {
		/* with conflicts open, a change can settle one or show its other
		 * side: the replay says */
		int open = store_has_conflicts(s, a->id, err);

		if (open < 0 || (open && store_rebuild(s, a, err) < 0))
			goto fail;
	}
	if (sq_exec(s, "COMMIT", err, "save the answers") < 0)
		goto fail;
	return refresh(s, a, err) < 0 ? -1 : changed;
fail:
	sq_rollback(s);
	if (was_new)
		a->id = 0;
	return -1;
}

/* A row's place in the table and in the array read. */
struct row_order {
	long long rowid;
	size_t index;
};

static int
row_order_cmp(const void *a, const void *b)
{
	const struct row_order *x = a;
	const struct row_order *y = b;

	return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

int
store_answers_load(struct store *s, long long assessment_id, struct answer_set *out,
		   struct error *err)
{
	/* Read in the primary key's order and sort by rowid here: ORDER BY
	 * rowid would build a temporary b-tree for every assessment. */
	sqlite3_stmt *st = s->answers_st;
	struct row_order *order = NULL;
	size_t order_alloc = 0;
	struct answer *sorted;
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL) {
		st = sq_prepare_persistent(
			s,
			"SELECT question_id, state, value, evidence, comment, flagged,"
			" answered_by, answered_at, rowid, source FROM answer"
			" WHERE assessment_id = ?1",
			err);
		if (st == NULL)
			return -1;
		s->answers_st = st;
	}
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct answer *a;
		const char *state = (const char *)sqlite3_column_text(st, 1);

		xgrow((void **)&out->items, &out->alloc, out->count + 1, sizeof(*out->items));
		xgrow((void **)&order, &order_alloc, out->count + 1, sizeof(*order));
		order[out->count].rowid = sqlite3_column_int64(st, 8);
		order[out->count].index = out->count;
		a = &out->items[out->count++];
		memset(a, 0, sizeof(*a));
		a->question_id = sq_column_dup(st, 0, 0);
		if (answer_state_parse(state, &a->state) < 0)
			a->state = ANSWER_NONE;
		a->value = sq_column_dup(st, 2, 1);
		a->evidence = sq_column_dup(st, 3, 0);
		a->comment = sq_column_dup(st, 4, 0);
		a->flagged = sqlite3_column_int(st, 5);
		a->answered_by = sq_column_dup(st, 6, 0);
		a->answered_at = sq_column_dup(st, 7, 0);
		a->source = sq_column_dup(st, 9, 1);
	}
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "read the answers");
		sqlite3_reset(st);
		free(order);
		answer_set_release(out);
		return -1;
	}
	sqlite3_reset(st);
	if (out->count > 1 && order) {
		qsort(order, out->count, sizeof(*order), row_order_cmp);
		sorted = xcalloc(out->count, sizeof(*sorted));
		for (size_t i = 0; i < out->count; i++)
			sorted[i] = out->items[order[i].index];
		free(out->items);
		out->items = sorted;
		out->alloc = out->count;
	}
	free(order);
	return 0;
}
