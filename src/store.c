/* The SQLite store. Every SQL statement of cirt is in this file. */
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

#include <sqlite3.h>

#include "exitcode.h"
#include "hash.h"
#include "xmalloc.h"

struct store {
	sqlite3 *db;
	char *path;
	int opened_version;
	int created;		  /* this open created the file */
	sqlite3_stmt *answers_st; /* store_answers_load's, kept: it runs per assessment */
};

static const char genesis_hash[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

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
};

#define MIGRATION_COUNT ((int)(sizeof(migrations) / sizeof(migrations[0])))

_Static_assert(MIGRATION_COUNT == STORE_SCHEMA_VERSION, "one migration per schema version");

/* ---- helpers ----------------------------------------------------------- */

/* Report a failed SQLite call as an error of the right kind. */
static int
db_error(struct store *s, struct error *err, const char *what)
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

static sqlite3_stmt *
prepare(struct store *s, const char *sql, struct error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(s, err, "prepare a statement");
		return NULL;
	}
	return st;
}

/* A statement kept for the life of the connection. */
static sqlite3_stmt *
prepare_persistent(struct store *s, const char *sql, struct error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_error(s, err, "prepare a statement");
		return NULL;
	}
	return st;
}

static int
exec(struct store *s, const char *sql, struct error *err, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, err, what);
	return 0;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* The column as an owned string; NULL for SQL NULL when keep_null, else "". */
static char *
column_dup(sqlite3_stmt *st, int i, int keep_null)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	if (v == NULL)
		return keep_null ? NULL : xstrdup("");
	return xstrdup((const char *)v);
}

static char *
dup_or_null(const char *v)
{
	return v ? xstrdup(v) : NULL;
}

static void
rollback(struct store *s)
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

static int
pragma_int(struct store *s, const char *sql, int *out, struct error *err)
{
	sqlite3_stmt *st = prepare(s, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(s, err, "read the schema");
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
		sqlite3_stmt *st = prepare(s, "PRAGMA journal_mode = WAL", err);
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
			return db_error(s, err, "set up the journal");
		if (waited >= STORE_BUSY_TIMEOUT_MS)
			return rc == SQLITE_ROW
				? error_set(err, EXIT_DATA,
					    "database '%s' cannot use a WAL journal", s->path)
				: db_error(s, err, "set up the journal");
		nanosleep(&pause, NULL);
	}
}

/* The application id, schema version and number of schema objects, read
 * in one consistent snapshot. */
static int
read_header(struct store *s, int *app_id, int *version, int *objects, struct error *err)
{
	sqlite3_stmt *st = prepare(s,
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
		return db_error(s, err, "read the schema");
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

	if (exec(s, "BEGIN IMMEDIATE", err, "start an upgrade") < 0)
		return -1;
	if (pragma_int(s, "PRAGMA user_version", &from, err) < 0)
		goto fail;
	if (from < 0 || from > STORE_SCHEMA_VERSION) {
		error_set(err, EXIT_DATA, "database '%s' has an unknown schema %d", s->path, from);
		goto fail;
	}
	if (from == 0 &&
	    exec(s, "PRAGMA application_id = 1128878676", err, "mark the database as cirt's") < 0)
		goto fail;
	/* migrations[i] leads to schema i + 1 */
	for (int i = from; i < MIGRATION_COUNT; i++) {
		if (exec(s, migrations[i], err, "upgrade the schema") < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (exec(s, sql, err, "upgrade the schema") < 0)
			goto fail;
	}
	return exec(s, "COMMIT", err, "finish the upgrade");
fail:
	rollback(s);
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

static int
open_connection(struct store *s, const char *path, int read_only, struct error *err)
{
	char *uri = read_only ? immutable_uri(path) : NULL;
	int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE;
	int rc = sqlite3_open_v2(read_only ? uri : path, &s->db, flags, NULL);

	free(uri);
	if (rc != SQLITE_OK) {
		if (s->db == NULL)
			return error_set(err, EXIT_IO, "cannot open database '%s': out of memory",
					 path);
		return db_error(s, err, "open the database");
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
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
	char problem[256];

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
	if (mode != STORE_QUERY &&
	    store_integrity_check(s, 0, problem, sizeof(problem), err) != 0) {
		if (err && err->status == EXIT_OK)
			error_set(err, EXIT_DATA,
				  "database '%s' is damaged (%s); restore it from a backup or an "
				  "export",
				  path, problem);
		goto fail;
	}
	if (!store_read_only(s) && use_wal(s, err) < 0)
		goto fail;
	if (exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err,
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
	if (pragma_int(s, "SELECT count(*) FROM assessment", &n, NULL) < 0)
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
store_integrity_check(struct store *s, int full, char *problem, size_t size, struct error *err)
{
	sqlite3_stmt *st = prepare(s, full ? "PRAGMA integrity_check" : "PRAGMA quick_check", err);
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
			return db_error(s, err, "check the database");
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
	" a.created_at, a.updated_at,"
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
	a->questionnaire_id = column_dup(st, 3, 0);
	a->questionnaire_version = column_dup(st, 4, 0);
	a->questionnaire_sha256 = column_dup(st, 5, 0);
	a->final = status && strcmp((const char *)status, "final") == 0;
	a->mission_start = column_dup(st, 7, 0);
	a->mission_end = column_dup(st, 8, 0);
	a->assessors = column_dup(st, 9, 0);
	a->created_at = column_dup(st, 10, 0);
	a->updated_at = column_dup(st, 11, 0);
	a->answered = (size_t)sqlite3_column_int64(st, 12);
}

int
store_assessment_get(struct store *s, const char *country, int cycle, struct assessment *out,
		     struct error *err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT " ASSESSMENT_COLUMNS " FROM assessment a"
				   " WHERE a.country = ?1 AND a.cycle = ?2",
				   err);
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, country);
	sqlite3_bind_int(st, 2, cycle);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_assessment(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return db_error(s, err, "read the assessment");
}

int
store_assessment_latest_cycle(struct store *s, const char *country, int *cycle, struct error *err)
{
	sqlite3_stmt *st = prepare(s, "SELECT max(cycle) FROM assessment WHERE country = ?1", err);
	int rc;
	int found = 0;

	if (st == NULL)
		return -1;
	bind_text(st, 1, country);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*cycle = sqlite3_column_int(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(s, err, "read the assessments");
	return found ? 0 : 1;
}

int
store_assessment_list(struct store *s, struct assessment **out, size_t *count, struct error *err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT " ASSESSMENT_BASE_COLUMNS " 0 FROM assessment a"
				   " ORDER BY a.country, a.cycle",
				   err);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)out, &alloc, *count + 1, sizeof(**out));
		read_assessment(st, &(*out)[(*count)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		assessment_list_release(*out, *count);
		*out = NULL;
		*count = 0;
		return db_error(s, err, "list the assessments");
	}
	return 0;
}

/* ---- history ----------------------------------------------------------- */

void
history_entry_release(struct history_entry *e)
{
	free(e->question_id);
	free(e->field);
	free(e->old_state);
	free(e->old_value);
	free(e->new_state);
	free(e->new_value);
	free(e->changed_by);
	free(e->changed_at);
	free(e->reason);
	free(e->prev_hash);
	free(e->hash);
	memset(e, 0, sizeof(*e));
}

void
history_release(struct history_entry *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		history_entry_release(&h[i]);
	free(h);
}

/* The hash of an entry: its content and the previous hash, as
 * length-prefixed fields, so that no two different entries hash alike. */
void
store_history_hash(const char *country, int cycle, const struct history_entry *e,
		   char out[SHA256_HEX_SIZE])
{
	struct hash_sha256 h = {{0}};
	char number[32];

	hash_sha256_init(&h);
	hash_sha256_add_field(&h, "cirt-history-1");
	hash_sha256_add_field(&h, country);
	snprintf(number, sizeof(number), "%d", cycle);
	hash_sha256_add_field(&h, number);
	snprintf(number, sizeof(number), "%lld", e->seq);
	hash_sha256_add_field(&h, number);
	hash_sha256_add_field(&h, e->question_id);
	hash_sha256_add_field(&h, e->field);
	hash_sha256_add_field(&h, e->old_state);
	hash_sha256_add_field(&h, e->old_value);
	hash_sha256_add_field(&h, e->new_state);
	hash_sha256_add_field(&h, e->new_value);
	hash_sha256_add_field(&h, e->changed_by);
	hash_sha256_add_field(&h, e->changed_at);
	hash_sha256_add_field(&h, e->reason);
	hash_sha256_add_field(&h, e->prev_hash);
	hash_sha256_finish(&h, out);
}

/* Append one entry (seq, prev_hash and hash are filled in here) inside the
 * caller's transaction. */
static int
history_append(struct store *s, const struct assessment *a, struct history_entry *e,
	       struct error *err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT seq, hash FROM history WHERE assessment_id = ?1"
				   " ORDER BY seq DESC LIMIT 1",
				   err);
	char hash[SHA256_HEX_SIZE];
	char prev[SHA256_HEX_SIZE];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	rc = sqlite3_step(st);
	e->seq = 1;
	snprintf(prev, sizeof(prev), "%s", genesis_hash);
	if (rc == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(st, 1);

		e->seq = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", h ? (const char *)h : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, err, "read the history");
	free(e->prev_hash);
	e->prev_hash = xstrdup(prev);
	if (e->reason == NULL)
		e->reason = xstrdup("");
	store_history_hash(a->country, a->cycle, e, hash);

	st = prepare(
		s,
		"INSERT INTO history (assessment_id, seq, question_id, field, old_state,"
		" old_value, new_state, new_value, changed_by, changed_at, reason, prev_hash, hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int64(st, 2, e->seq);
	bind_text(st, 3, e->question_id);
	bind_text(st, 4, e->field);
	bind_text(st, 5, e->old_state);
	bind_text(st, 6, e->old_value);
	bind_text(st, 7, e->new_state);
	bind_text(st, 8, e->new_value);
	bind_text(st, 9, e->changed_by);
	bind_text(st, 10, e->changed_at);
	bind_text(st, 11, e->reason);
	bind_text(st, 12, prev);
	bind_text(st, 13, hash);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(s, err, "record the history");
	return 0;
}

int
store_history_load(struct store *s, long long assessment_id, struct history_entry **out,
		   size_t *count, struct error *err)
{
	sqlite3_stmt *st =
		prepare(s,
			"SELECT seq, question_id, field, old_state, old_value, new_state,"
			" new_value, changed_by, changed_at, reason, prev_hash, hash"
			" FROM history WHERE assessment_id = ?1 ORDER BY seq",
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
		e->question_id = column_dup(st, 1, 0);
		e->field = column_dup(st, 2, 0);
		e->old_state = column_dup(st, 3, 1);
		e->old_value = column_dup(st, 4, 1);
		e->new_state = column_dup(st, 5, 1);
		e->new_value = column_dup(st, 6, 1);
		e->changed_by = column_dup(st, 7, 0);
		e->changed_at = column_dup(st, 8, 0);
		e->reason = column_dup(st, 9, 0);
		e->prev_hash = column_dup(st, 10, 0);
		e->hash = column_dup(st, 11, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_release(*out, *count);
		*out = NULL;
		*count = 0;
		return db_error(s, err, "read the history");
	}
	return 0;
}

/* ---- writing ----------------------------------------------------------- */

int
store_assessment_create(struct store *s, struct assessment *a, const char *who, struct error *err)
{
	sqlite3_stmt *st;
	char now[32];
	struct history_entry e = {0};
	int rc;

	store_now(now, sizeof(now));
	if (exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	st = prepare(
		s,
		"INSERT INTO assessment (country, cycle, questionnaire_id, questionnaire_version,"
		" questionnaire_sha256, assessors, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
		err);
	if (st == NULL)
		goto fail;
	bind_text(st, 1, a->country);
	sqlite3_bind_int(st, 2, a->cycle);
	bind_text(st, 3, a->questionnaire_id);
	bind_text(st, 4, a->questionnaire_version);
	bind_text(st, 5, a->questionnaire_sha256);
	bind_text(st, 6, who);
	bind_text(st, 7, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(s, err, "create the assessment");
		goto fail;
	}
	a->id = sqlite3_last_insert_rowid(s->db);
	e.question_id = xstrdup("");
	e.field = xstrdup("created");
	e.new_state = xstrdup("draft");
	e.new_value = xasprintf("%s %s %s", a->questionnaire_id, a->questionnaire_version,
				a->questionnaire_sha256);
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	rc = history_append(s, a, &e, err);
	history_entry_release(&e);
	if (rc < 0 || exec(s, "COMMIT", err, "create the assessment") < 0)
		goto fail;
	free(a->assessors);
	free(a->created_at);
	free(a->updated_at);
	a->assessors = xstrdup(who);
	a->created_at = xstrdup(now);
	a->updated_at = xstrdup(now);
	if (!a->mission_start)
		a->mission_start = xstrdup("");
	if (!a->mission_end)
		a->mission_end = xstrdup("");
	a->final = 0;
	return 0;
fail:
	rollback(s);
	return -1;
}

/* Whether the comma-separated list of names holds name. */
static int
names_have(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		size_t k = strcspn(p, ",");

		if (k == n && strncmp(p, name, n) == 0)
			return 1;
		p += k;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

int
store_assessment_add_assessor(struct store *s, struct assessment *a, const char *who,
			      struct error *err)
{
	sqlite3_stmt *st;
	char *list;
	int rc;

	if (names_have(a->assessors, who))
		return 0;
	list = *a->assessors ? xasprintf("%s, %s", a->assessors, who) : xstrdup(who);
	st = prepare(s, "UPDATE assessment SET assessors = ?1 WHERE id = ?2", err);
	if (st == NULL) {
		free(list);
		return -1;
	}
	bind_text(st, 1, list);
	sqlite3_bind_int64(st, 2, a->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(list);
		return db_error(s, err, "record the assessor");
	}
	free(a->assessors);
	a->assessors = list;
	return 0;
}

/* Inside a transaction: refuse changes to a final assessment. */
static int
check_draft(struct store *s, const struct assessment *a, struct error *err)
{
	sqlite3_stmt *st = prepare(s, "SELECT status FROM assessment WHERE id = ?1", err);
	int rc;
	int final = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		final = strcmp((const char *)sqlite3_column_text(st, 0), "final") == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(s, err, "read the assessment");
	if (final)
		return error_set(err, EXIT_DATA,
				 "the assessment of %s %d is final; reopen it with 'cirt reopen "
				 "--country %s --cycle %d' to change it",
				 a->country, a->cycle, a->country, a->cycle);
	return 0;
}

int
store_assessment_set_final(struct store *s, struct assessment *a, int final, const char *who,
			   struct error *err)
{
	sqlite3_stmt *st;
	char now[32];
	struct history_entry e = {0};
	int rc;
	int current = -1;

	store_now(now, sizeof(now));
	if (exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	st = prepare(s, "SELECT status = 'final' FROM assessment WHERE id = ?1", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		current = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (current < 0) {
		db_error(s, err, "read the assessment");
		goto fail;
	}
	if (current == final) {
		error_set(err, EXIT_DATA, "the assessment of %s %d is already %s", a->country,
			  a->cycle, final ? "final" : "a draft");
		goto fail;
	}
	st = prepare(s, "UPDATE assessment SET status = ?1, updated_at = ?2 WHERE id = ?3", err);
	if (st == NULL)
		goto fail;
	bind_text(st, 1, final ? "final" : "draft");
	bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, a->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(s, err, "change the status");
		goto fail;
	}
	e.question_id = xstrdup("");
	e.field = xstrdup("status");
	e.old_state = xstrdup(final ? "draft" : "final");
	e.new_state = xstrdup(final ? "final" : "draft");
	e.changed_by = xstrdup(who);
	e.changed_at = xstrdup(now);
	rc = history_append(s, a, &e, err);
	history_entry_release(&e);
	if (rc < 0 || exec(s, "COMMIT", err, "change the status") < 0)
		goto fail;
	a->final = final;
	free(a->updated_at);
	a->updated_at = xstrdup(now);
	return 0;
fail:
	rollback(s);
	return -1;
}

/* The stored row of one question, or a blank one. */
struct row {
	int exists;
	char *state;
	char *value;
	char *evidence;
	char *comment;
	int flagged;
};

static void
row_release(struct row *r)
{
	free(r->state);
	free(r->value);
	free(r->evidence);
	free(r->comment);
}

static int
row_load(struct store *s, long long assessment_id, const char *question_id, struct row *r,
	 struct error *err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT state, value, evidence, comment, flagged FROM answer"
				   " WHERE assessment_id = ?1 AND question_id = ?2",
				   err);
	int rc;

	memset(r, 0, sizeof(*r));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, assessment_id);
	bind_text(st, 2, question_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->exists = 1;
		r->state = column_dup(st, 0, 0);
		r->value = column_dup(st, 1, 1);
		r->evidence = column_dup(st, 2, 0);
		r->comment = column_dup(st, 3, 0);
		r->flagged = sqlite3_column_int(st, 4);
	} else {
		r->state = xstrdup("none");
		r->evidence = xstrdup("");
		r->comment = xstrdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, err, "read an answer");
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
	e.old_state = dup_or_null(old_state);
	e.old_value = dup_or_null(old_value);
	e.new_state = dup_or_null(new_state);
	e.new_value = dup_or_null(new_value);
	e.changed_by = xstrdup(c->who ? c->who : who);
	e.changed_at = xstrdup(c->when ? c->when : now);
	e.reason = xstrdup(c->reason ? c->reason : "");
	rc = history_append(s, a, &e, err);
	history_entry_release(&e);
	return rc;
}

/* Keep a change that lost a merge in the history as "merged", once. */
static int
record_merged(struct store *s, const struct assessment *a, const struct answer_change *c,
	      const char *who, const char *now, struct error *err)
{
	const char *state = answer_state_name(c->state);
	const char *value = c->state == ANSWER_VALUE ? c->value : NULL;
	sqlite3_stmt *st = prepare(s,
				   "SELECT count(*) FROM history WHERE assessment_id = ?1"
				   " AND question_id = ?2 AND field = 'merged' AND new_state = ?3"
				   " AND new_value IS ?4 AND changed_by = ?5 AND changed_at = ?6",
				   err);
	int rc;
	int seen = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	bind_text(st, 2, c->question_id);
	bind_text(st, 3, state);
	bind_text(st, 4, value);
	bind_text(st, 5, c->who ? c->who : who);
	bind_text(st, 6, c->when ? c->when : now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		seen = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(s, err, "read the history");
	if (seen)
		return 0;
	if (record(s, a, c, "merged", NULL, NULL, state, value, who, now, err) < 0)
		return -1;
	return 1;
}

/* Apply one change inside the caller's transaction; 1 when something
 * changed. */
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

	if (c->record_only)
		return record_merged(s, a, c, who, now, err);
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
	st = prepare(
		s,
		"INSERT INTO answer (assessment_id, question_id, state, value, evidence, comment,"
		" flagged, answered_by, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" ON CONFLICT (assessment_id, question_id) DO UPDATE SET state = ?3, value = ?4,"
		" evidence = ?5, comment = ?6, flagged = ?7, answered_by = ?8, answered_at = ?9",
		err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	bind_text(st, 2, c->question_id);
	bind_text(st, 3, state);
	bind_text(st, 4, value);
	bind_text(st, 5, evidence);
	bind_text(st, 6, comment);
	sqlite3_bind_int(st, 7, flagged);
	bind_text(st, 8, c->who ? c->who : who);
	bind_text(st, 9, c->when ? c->when : now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(s, err, "save the answer");
		goto fail;
	}
	row_release(&r);
	return 1;
fail:
	row_release(&r);
	return -1;
}

int
store_answers_change(struct store *s, const struct assessment *a,
		     const struct answer_change *changes, size_t count, const char *who,
		     struct error *err)
{
	sqlite3_stmt *st;
	char now[32];
	char day[11];
	int changed = 0;
	int rc;

	store_now(now, sizeof(now));
	snprintf(day, sizeof(day), "%.10s", now);
	if (exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	if (check_draft(s, a, err) < 0)
		goto fail;
	for (size_t i = 0; i < count; i++) {
		int r = apply_change(s, a, &changes[i], who, now, err);

		if (r < 0)
			goto fail;
		if (r > 0 && changes[i].done)
			*changes[i].done = 1;
		changed += r;
	}
	if (changed == 0) {
		rollback(s);
		return 0;
	}
	st = prepare(s,
		     "UPDATE assessment SET updated_at = ?1, mission_end = ?2,"
		     " mission_start = CASE mission_start WHEN '' THEN ?2 ELSE mission_start END"
		     " WHERE id = ?3",
		     err);
	if (st == NULL)
		goto fail;
	bind_text(st, 1, now);
	bind_text(st, 2, day);
	sqlite3_bind_int64(st, 3, a->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(s, err, "update the assessment");
		goto fail;
	}
	if (exec(s, "COMMIT", err, "save the answers") < 0)
		goto fail;
	return changed;
fail:
	rollback(s);
	return -1;
}

int
store_assessment_restore(struct store *s, struct assessment *a, const struct answer_set *answers,
			 const struct history_entry *history, size_t count, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		return -1;
	st = prepare(
		s,
		"INSERT INTO assessment (country, cycle, questionnaire_id, questionnaire_version,"
		" questionnaire_sha256, status, mission_start, mission_end, assessors, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
		err);
	if (st == NULL)
		goto fail;
	bind_text(st, 1, a->country);
	sqlite3_bind_int(st, 2, a->cycle);
	bind_text(st, 3, a->questionnaire_id);
	bind_text(st, 4, a->questionnaire_version);
	bind_text(st, 5, a->questionnaire_sha256);
	bind_text(st, 6, a->final ? "final" : "draft");
	bind_text(st, 7, a->mission_start);
	bind_text(st, 8, a->mission_end);
	bind_text(st, 9, a->assessors);
	bind_text(st, 10, a->created_at);
	bind_text(st, 11, a->updated_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(s, err, "restore the assessment");
		goto fail;
	}
	a->id = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < answers->count; i++) {
		const struct answer *w = &answers->items[i];

		st = prepare(
			s,
			"INSERT INTO answer (assessment_id, question_id, state, value, evidence,"
			" comment, flagged, answered_by, answered_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			err);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, a->id);
		bind_text(st, 2, w->question_id);
		bind_text(st, 3, answer_state_name(w->state));
		bind_text(st, 4, w->value);
		bind_text(st, 5, w->evidence);
		bind_text(st, 6, w->comment);
		sqlite3_bind_int(st, 7, w->flagged);
		bind_text(st, 8, w->answered_by);
		bind_text(st, 9, w->answered_at);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_error(s, err, "restore an answer");
			goto fail;
		}
	}
	for (size_t i = 0; i < count; i++) {
		const struct history_entry *e = &history[i];

		st = prepare(
			s,
			"INSERT INTO history (assessment_id, seq, question_id, field, old_state,"
			" old_value, new_state, new_value, changed_by, changed_at, reason,"
			" prev_hash, hash)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
			err);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, e->seq);
		bind_text(st, 3, e->question_id);
		bind_text(st, 4, e->field);
		bind_text(st, 5, e->old_state);
		bind_text(st, 6, e->old_value);
		bind_text(st, 7, e->new_state);
		bind_text(st, 8, e->new_value);
		bind_text(st, 9, e->changed_by);
		bind_text(st, 10, e->changed_at);
		bind_text(st, 11, e->reason);
		bind_text(st, 12, e->prev_hash);
		bind_text(st, 13, e->hash);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_error(s, err, "restore the history");
			goto fail;
		}
	}
	return exec(s, "COMMIT", err, "restore the assessment") < 0 ? -1 : 0;
fail:
	rollback(s);
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
		st = prepare_persistent(
			s,
			"SELECT question_id, state, value, evidence, comment, flagged,"
			" answered_by, answered_at, rowid FROM answer WHERE assessment_id = ?1",
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
		a->question_id = column_dup(st, 0, 0);
		if (answer_state_parse(state, &a->state) < 0)
			a->state = ANSWER_NONE;
		a->value = column_dup(st, 2, 1);
		a->evidence = column_dup(st, 3, 0);
		a->comment = column_dup(st, 4, 0);
		a->flagged = sqlite3_column_int(st, 5);
		a->answered_by = column_dup(st, 6, 0);
		a->answered_at = column_dup(st, 7, 0);
	}
	if (rc != SQLITE_DONE) {
		db_error(s, err, "read the answers");
		sqlite3_reset(st);
		free(order);
		answer_set_release(out);
		return -1;
	}
	sqlite3_reset(st);
	if (out->count > 1) {
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

/* ---- verification ------------------------------------------------------ */

/* What replaying the history says one question's row should hold. */
struct expected {
	char *question_id;
	char *state;
	char *value;
	char *evidence;
	char *comment;
	int flagged;
};

static struct expected *
expected_find(struct expected *list, size_t n, const char *question_id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].question_id, question_id) == 0)
			return &list[i];
	return NULL;
}

static int __attribute__((format(printf, 3, 4)))
broken(char *problem, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(problem, size, fmt, ap);
	va_end(ap);
	return 1;
}

/* Replay entry e onto the expected rows; 1 with problem set when the
 * entry's old value disagrees with what came before. */
static int
replay(struct expected **list, size_t *n, size_t *alloc, const struct history_entry *e,
       char *problem, size_t size)
{
	struct expected *x;

	if (strcmp(e->field, "created") == 0 || strcmp(e->field, "status") == 0 ||
	    strcmp(e->field, "merged") == 0)
		return 0;
	x = expected_find(*list, *n, e->question_id);
	if (x == NULL) {
		xgrow((void **)list, alloc, *n + 1, sizeof(**list));
		x = &(*list)[(*n)++];
		x->question_id = xstrdup(e->question_id);
		x->state = xstrdup("none");
		x->value = NULL;
		x->evidence = xstrdup("");
		x->comment = xstrdup("");
		x->flagged = 0;
	}
	if (strcmp(e->field, "answer") == 0) {
		if (!same(e->old_state, x->state) || !same(e->old_value, x->value))
			return broken(problem, size,
				      "history entry %lld (question %s) starts from an answer the "
				      "history never gave",
				      e->seq, e->question_id);
		free(x->state);
		free(x->value);
		x->state = xstrdup(e->new_state ? e->new_state : "none");
		x->value = e->new_value ? xstrdup(e->new_value) : NULL;
		return 0;
	}
	if (strcmp(e->field, "evidence") == 0 || strcmp(e->field, "comment") == 0) {
		char **slot = strcmp(e->field, "evidence") == 0 ? &x->evidence : &x->comment;

		if (!same(e->old_value, *slot))
			return broken(problem, size,
				      "history entry %lld (question %s) starts from %s the history "
				      "never gave",
				      e->seq, e->question_id, e->field);
		free(*slot);
		*slot = xstrdup(e->new_value ? e->new_value : "");
		return 0;
	}
	if (strcmp(e->field, "flag") == 0) {
		const char *old_now = x->flagged ? "1" : "0";

		if (!same(e->old_value, old_now))
			return broken(problem, size,
				      "history entry %lld (question %s) starts from a flag the "
				      "history never gave",
				      e->seq, e->question_id);
		x->flagged = e->new_value && strcmp(e->new_value, "1") == 0;
		return 0;
	}
	return broken(problem, size, "history entry %lld has an unknown field '%s'", e->seq,
		      e->field);
}

int
store_verify(struct store *s, const struct assessment *a, char *problem, size_t size,
	     struct error *err)
{
	struct history_entry *h = NULL;
	size_t n = 0;
	struct answer_set answers = {0};
	struct expected *expect = NULL;
	size_t nexpect = 0;
	size_t alloc = 0;
	const char *prev = genesis_hash;
	int status = 0;
	int final = 0;

	if (store_history_load(s, a->id, &h, &n, err) < 0)
		return -1;
	if (store_answers_load(s, a->id, &answers, err) < 0) {
		status = -1;
		goto out;
	}
	if (n == 0) {
		status = broken(problem, size, "the history is empty");
		goto out;
	}
	for (size_t i = 0; i < n && status == 0; i++) {
		char hash[SHA256_HEX_SIZE];
		struct history_entry *e = &h[i];

		if (e->seq != (long long)i + 1) {
			status = broken(problem, size,
					"history entry %zu is missing (found %lld next)", i + 1,
					e->seq);
			break;
		}
		if (strcmp(e->prev_hash, prev) != 0) {
			status = broken(problem, size,
					"history entry %lld does not follow entry %lld: its link "
					"to the previous hash is broken",
					e->seq, e->seq - 1);
			break;
		}
		store_history_hash(a->country, a->cycle, e, hash);
		if (strcmp(hash, e->hash) != 0) {
			status = broken(problem, size,
					"history entry %lld (%s%s%s, %s by %s) was altered: its "
					"hash does not match its content",
					e->seq, e->field, *e->question_id ? " of " : "",
					e->question_id, e->changed_at, e->changed_by);
			break;
		}
		if (strcmp(e->field, "status") == 0)
			final = e->new_state && strcmp(e->new_state, "final") == 0;
		status = replay(&expect, &nexpect, &alloc, e, problem, size);
		prev = e->hash;
	}
	if (status != 0)
		goto out;
	if (final != a->final) {
		status = broken(problem, size, "the status is %s, but the history says %s",
				a->final ? "final" : "draft", final ? "final" : "draft");
		goto out;
	}
	for (size_t i = 0; i < answers.count && status == 0; i++) {
		const struct answer *w = &answers.items[i];
		const struct expected *x = expected_find(expect, nexpect, w->question_id);

		if (x == NULL || !same(answer_state_name(w->state), x->state) ||
		    !same(w->value, x->value) || !same(w->evidence, x->evidence) ||
		    !same(w->comment, x->comment) || w->flagged != x->flagged)
			status = broken(
				problem, size,
				"the stored answer to %s differs from what the history records",
				w->question_id);
	}
	for (size_t i = 0; i < nexpect && status == 0; i++)
		if (answer_set_find(&answers, expect[i].question_id) == NULL)
			status = broken(problem, size,
					"the answer to %s that the history records is missing",
					expect[i].question_id);
out:
	history_release(h, n);
	for (size_t i = 0; i < nexpect; i++) {
		free(expect[i].question_id);
		free(expect[i].state);
		free(expect[i].value);
		free(expect[i].evidence);
		free(expect[i].comment);
	}
	free(expect);
	answer_set_release(&answers);
	return status;
}
