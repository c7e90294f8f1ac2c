/* Unit tests of the store: creation, migrations, answers, history and its
 * verification, and the refusals. Each test works in its own temporary
 * folder; sqlite3 is used directly only to prepare or tamper with files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "exitcode.h"
#include "store.h"
#include "xmalloc.h"

struct fixture {
	char dir[64];
	char *db;
	struct store *s;
	struct assessment a;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/cirt-test-store-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->db = xasprintf("%s/cirt.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(f->s);
	assessment_release(&f->a);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

/* Run SQL on the file directly, as someone with the sqlite3 shell would. */
static void
raw_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static void
open_new(struct fixture *f)
{
	struct error err = {0};

	f->s = store_open(f->db, STORE_CREATE, &err);
	if (f->s == NULL)
		fail_msg("%s", err.message);
	store_assessment_new(&f->a, "FR", 2026, "example", "1.0", "abc");
}

static int
put(struct fixture *f, const char *qid, enum answer_state state, const char *value,
    const char *reason)
{
	struct error err = {0};
	struct answer_change c = {0};

	c.question_id = qid;
	c.set_answer = 1;
	c.state = state;
	c.value = value;
	c.reason = reason;
	return store_answers_change(f->s, &f->a, &c, 1, "Ana", &err);
}

static int
verify(struct fixture *f, char *problem, size_t size)
{
	struct error err = {0};

	return store_verify(f->s, &f->a, problem, size, NULL, NULL, &err);
}

static void
test_a_new_database_is_private_and_marked(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	sqlite3 *db;
	sqlite3_stmt *st2;

	open_new(f);
	assert_int_equal(stat(f->db, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st2, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st2), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st2, 0), STORE_APPLICATION_ID);
	sqlite3_finalize(st2);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st2, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st2), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st2, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(st2);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st2, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st2), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st2, 0), "wal");
	sqlite3_finalize(st2);
	sqlite3_close(db);
}

static void
test_a_missing_database_is_not_created_unless_asked(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};

	assert_null(store_open(f->db, STORE_EXISTING, &err));
	assert_int_equal(err.status, EXIT_IO);
	assert_non_null(strstr(err.message, "no database"));
	assert_int_not_equal(access(f->db, F_OK), 0);
}

static void
test_answers_and_history(void **state)
{
	struct fixture *f = *state;
	struct answer_set answers;
	struct history_entry *h;
	size_t n;
	struct error err = {0};
	char problem[256];

	open_new(f);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 1);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 0); /* no change, no history */
	assert_int_equal(put(f, "L1", ANSWER_DONT_KNOW, NULL, "not sure after all"), 1);
	assert_int_equal(store_answers_load(f->s, f->a.id, &answers, &err), 0);
	assert_int_equal(answers.count, 1);
	assert_int_equal(answers.items[0].state, ANSWER_DONT_KNOW);
	assert_null(answers.items[0].value);
	assert_string_equal(answers.items[0].answered_by, "Ana");
	answer_set_release(&answers);

	assert_int_equal(store_history_load(f->s, f->a.id, &h, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(h[0].field, "created");
	assert_string_equal(h[0].prev_hash,
			    "0000000000000000000000000000000000000000000000000000000000000000");
	assert_string_equal(h[2].field, "answer");
	assert_string_equal(h[2].old_state, "value");
	assert_string_equal(h[2].old_value, "yes");
	assert_string_equal(h[2].new_state, "dont_know");
	assert_null(h[2].new_value);
	assert_string_equal(h[2].reason, "not sure after all");
	assert_string_equal(h[2].prev_hash, h[1].hash);
	history_release(h, n);
	assert_int_equal(verify(f, problem, sizeof(problem)), 0);
}

static void
test_evidence_notes_and_flags_have_history_too(void **state)
{
	struct fixture *f = *state;
	struct answer_change c = {0};
	struct error err = {0};
	struct answer_set answers;
	char problem[256];

	open_new(f);
	c.question_id = "T1";
	c.set_evidence = 1;
	c.evidence = "Decree 12/2024";
	c.set_flag = 1;
	c.flagged = 1;
	assert_int_equal(store_answers_change(f->s, &f->a, &c, 1, "Ana", &err), 1);
	assert_int_equal(store_answers_load(f->s, f->a.id, &answers, &err), 0);
	assert_int_equal(answers.items[0].state, ANSWER_NONE);
	assert_string_equal(answers.items[0].evidence, "Decree 12/2024");
	assert_true(answers.items[0].flagged);
	answer_set_release(&answers);
	assert_int_equal(verify(f, problem, sizeof(problem)), 0);
}

static void
test_a_failing_change_applies_nothing(void **state)
{
	struct fixture *f = *state;
	struct answer_change c[2] = {{0}};
	struct error err = {0};
	struct answer_set answers;

	open_new(f);
	c[0].question_id = "L1";
	c[0].set_answer = 1;
	c[0].state = ANSWER_VALUE;
	c[0].value = "yes";
	c[1].question_id = "L2";
	c[1].set_answer = 1;
	c[1].state = ANSWER_VALUE;
	c[1].value = NULL; /* a value answer without a value: the CHECK refuses it */
	assert_int_equal(store_answers_change(f->s, &f->a, c, 2, "Ana", &err), -1);
	assert_int_equal(err.status, EXIT_DATA);
	assert_int_equal(store_answers_load(f->s, f->a.id, &answers, &err), 0);
	assert_int_equal(answers.count, 0);
	answer_set_release(&answers);
}

static void
test_a_final_assessment_refuses_changes(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};

	open_new(f);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 1);
	assert_int_equal(store_assessment_set_final(f->s, &f->a, 1, "Ana", &err), 0);
	assert_true(f->a.final);
	assert_int_equal(store_answers_change(f->s, &f->a,
					      &(struct answer_change){.question_id = "L1",
								      .set_answer = 1,
								      .state = ANSWER_VALUE,
								      .value = "no"},
					      1, "Ana", &err),
			 -1);
	assert_int_equal(err.status, EXIT_DATA);
	assert_non_null(strstr(err.message, "is final; reopen it"));
	assert_int_equal(store_assessment_set_final(f->s, &f->a, 1, "Ana", &err), -1);
	assert_non_null(strstr(err.message, "already final"));
	assert_int_equal(store_assessment_set_final(f->s, &f->a, 0, "Ana", &err), 0);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "no", NULL), 1);
}

static void
test_an_assessment_starts_with_its_first_change(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	struct assessment *list;
	size_t n;
	struct answer_change empty = {.question_id = "L1", .set_evidence = 1, .evidence = ""};

	open_new(f);
	/* a change that changes nothing makes nothing */
	assert_int_equal(store_answers_change(f->s, &f->a, &empty, 1, "Ana", &err), 0);
	assert_int_equal(f->a.id, 0);
	assert_int_equal(store_assessment_list(f->s, &list, &n, &err), 0);
	assert_int_equal(n, 0);
	assessment_list_release(list, n);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 1);
	assert_true(f->a.id > 0);
	assert_string_equal(f->a.assessors, "Ana");
	assert_int_equal(f->a.entries, 2);
	assert_int_equal(store_assessment_list(f->s, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assessment_list_release(list, n);
}

static void
test_verify_finds_tampering(void **state)
{
	struct fixture *f = *state;
	char problem[256];

	open_new(f);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 1);
	assert_int_equal(put(f, "L2", ANSWER_VALUE, "2", NULL), 1);
	assert_int_equal(put(f, "L2", ANSWER_VALUE, "3", "court data"), 1);
	store_close(f->s);
	f->s = NULL;

	/* editing an answer behind cirt's back */
	raw_sql(f->db, "UPDATE answer SET value = '1' WHERE question_id = 'L2'");
	f->s = store_open(f->db, STORE_EXISTING, &(struct error){0});
	assert_int_equal(verify(f, problem, sizeof(problem)), 1);
	assert_string_equal(problem,
			    "the stored answer of L2 differs from what the history records");
	store_close(f->s);

	/* the history refuses edits; dropping the guard shows in the chain */
	raw_sql(f->db,
		"UPDATE answer SET value = '3' WHERE question_id = 'L2';"
		"DROP TRIGGER history_no_update;"
		"UPDATE history SET changed_by = 'Mallory' WHERE seq = 3");
	f->s = store_open(f->db, STORE_EXISTING, &(struct error){0});
	assert_int_equal(verify(f, problem, sizeof(problem)), 1);
	assert_non_null(strstr(problem, "history entry 3 (answer of L2"));
	assert_non_null(strstr(problem, "was altered"));
}

static void
test_the_history_is_append_only(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;

	open_new(f);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 1);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM history", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE history SET reason = 'x'", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(db);
}

static void
test_a_first_schema_database_is_upgraded(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("sqlite3 '%s' < tests/fixtures/schema-v1.sql", f->db);
	struct error err = {0};
	struct assessment a;
	struct answer_set answers;
	char problem[256];

	assert_int_equal(system(cmd), 0);
	free(cmd);
	f->s = store_open(f->db, STORE_EXISTING, &err);
	if (f->s == NULL)
		fail_msg("%s", err.message);
	assert_int_equal(store_opened_version(f->s), 1);
	assert_int_equal(store_assessment_get(f->s, "KE", 2025, &a, &err), 0);
	assert_string_equal(a.assessors, "Ana Diaz, Jean Dupont");
	assert_int_equal(a.answered, 3);
	assert_int_equal(store_answers_load(f->s, a.id, &answers, &err), 0);
	assert_string_equal(answer_set_find(&answers, "L2")->value, "3");
	answer_set_release(&answers);
	/* the chain made by the first schema still verifies, and grows */
	assert_int_equal(store_verify(f->s, &a, problem, sizeof(problem), NULL, NULL, &err), 0);
	f->a = a;
	assert_int_equal(put(f, "L3", ANSWER_VALUE, "2019-05-01", NULL), 1);
	assert_int_equal(verify(f, problem, sizeof(problem)), 0);
	store_close(f->s);
	f->s = store_open(f->db, STORE_EXISTING, &err);
	assert_int_equal(store_opened_version(f->s), STORE_SCHEMA_VERSION);
}

static void
expect_refused(const char *path, int status, const char *text)
{
	struct error err = {0};
	struct store *s = store_open(path, STORE_CREATE, &err);

	assert_null(s);
	assert_int_equal(err.status, status);
	if (strstr(err.message, text) == NULL)
		fail_msg("got '%s', expected '%s'", err.message, text);
}

static void
test_foreign_and_future_files_are_refused_untouched(void **state)
{
	struct fixture *f = *state;
	char *other = xasprintf("%s/other.db", f->dir);
	char *newer = xasprintf("%s/newer.db", f->dir);
	char *text = xasprintf("%s/notes.txt", f->dir);
	FILE *fp = fopen(text, "w");
	struct stat before;
	struct stat after;

	assert_non_null(fp);
	fputs("these are not the droids\n", fp);
	fclose(fp);
	expect_refused(text, EXIT_DATA, "file is not a database");

	raw_sql(other, "CREATE TABLE t (x); PRAGMA application_id = 42");
	expect_refused(other, EXIT_DATA, "is not a cirt database");

	open_new(f);
	store_close(f->s);
	f->s = NULL;
	raw_sql(f->db, "PRAGMA user_version = 99");
	assert_int_equal(rename(f->db, newer), 0);
	assert_int_equal(stat(newer, &before), 0);
	expect_refused(newer, EXIT_DATA,
		       "made by a newer cirt (schema 99; this cirt knows up to 7)");
	assert_int_equal(stat(newer, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
	free(other);
	free(newer);
	free(text);
}

static void
test_a_read_only_database_can_be_read(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	struct assessment a;

	if (geteuid() == 0)
		skip(); /* root writes to read-only files; the end-to-end test covers it */
	open_new(f);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "yes", NULL), 1);
	store_close(f->s);
	assert_int_equal(chmod(f->db, 0400), 0);
	f->s = store_open(f->db, STORE_EXISTING, &err);
	assert_non_null(f->s);
	assert_true(store_read_only(f->s));
	assert_int_equal(store_assessment_get(f->s, "FR", 2026, &a, &err), 0);
	assessment_release(&a);
	assert_int_equal(put(f, "L1", ANSWER_VALUE, "no", NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_new_database_is_private_and_marked, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_missing_database_is_not_created_unless_asked,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_and_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_notes_and_flags_have_history_too,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_failing_change_applies_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_final_assessment_refuses_changes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_an_assessment_starts_with_its_first_change,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_finds_tampering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_history_is_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_first_schema_database_is_upgraded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_foreign_and_future_files_are_refused_untouched,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_read_only_database_can_be_read, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
