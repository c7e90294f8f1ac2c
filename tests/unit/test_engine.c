/* Unit tests of the session engine, without a terminal: where a session
 * starts and resumes, what it shows, what a change would hide, what is
 * committed and what is refused, numbers and searches, meetings. Each
 * test works on its own database in a temporary folder, with the example
 * questionnaire (L1 yes/no shows L2 and L3; T1 single choice shows T2 and
 * T3 when operational; C1 yes/no; C2 shown when C1 = no and T1 is not
 * none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "engine.h"
#include "exitcode.h"
#include "store.h"
#include "xmalloc.h"

struct fixture {
	char dir[64];
	char *db;
	struct store *s;
	struct questionnaire *q;
	struct assessment a;
	struct engine e;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct diag d = DIAG_INIT;
	struct error err = {0};
	int io = 0;

	snprintf(f->dir, sizeof(f->dir), "/tmp/cirt-test-engine-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->db = xasprintf("%s/cirt.db", f->dir);
	f->q = questionnaire_load("questionnaires/example.xml", &d, &io);
	diag_release(&d);
	if (f->q == NULL)
		return -1;
	f->s = store_open(f->db, STORE_CREATE, &err);
	if (f->s == NULL)
		return -1;
	store_assessment_new(&f->a, "KE", 2026, f->q->id, f->q->version, f->q->sha256);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	engine_release(&f->e);
	store_close(f->s);
	assessment_release(&f->a);
	questionnaire_free(f->q);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

static size_t
index_of(const struct engine *e, const char *id)
{
	const struct question *qu = questionnaire_find_question(e->q, id);

	assert_non_null(qu);
	return (size_t)(qu - e->q->questions);
}

/* Answer the current question with typed input, as a front end would. */
static enum engine_saved
answer(struct engine *e, const char *input)
{
	enum answer_state state;
	enum engine_saved saved = ENGINE_NOT_SAVED;
	char *value = NULL;
	char message[256];
	struct error err = {0};

	assert_int_equal(answer_parse(&e->q->questions[e->cur], input, "en", ANSWER_INPUT_TYPED,
				      &state, &value, message, sizeof(message)),
			 0);
	assert_int_equal(engine_answer(e, state, value, NULL, &saved, &err), 0);
	free(value);
	return saved;
}

static void
test_a_new_assessment_starts_at_the_first_question(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	struct engine_progress p;

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	assert_int_equal(f->e.cur, index_of(&f->e, "L1"));
	p = engine_progress(&f->e);
	/* L1, T1, C1 before any answer: what shows depends on them */
	assert_int_equal(p.shown, 3);
	assert_int_equal(p.answered, 0);
	assert_int_equal(p.position, 1);
	assert_int_equal(f->a.id, 0);
}

static void
test_an_answer_is_committed_and_shows_what_it_opens(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	struct engine_progress p;

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	assert_int_equal(answer(&f->e, "yes"), ENGINE_SAVED);
	/* the assessment came into being with its first answer */
	assert_true(f->a.id > 0);
	assert_true(engine_answered(&f->e, index_of(&f->e, "L1")));
	assert_true(f->e.shown[index_of(&f->e, "L2")]);
	p = engine_progress(&f->e);
	assert_int_equal(p.shown, 5);
	assert_int_equal(p.answered, 1);
	/* the same answer again changes nothing */
	assert_int_equal(answer(&f->e, "yes"), ENGINE_UNCHANGED);
	assert_false(engine_changes_answer(&f->e, ANSWER_VALUE, "yes"));
	assert_true(engine_changes_answer(&f->e, ANSWER_VALUE, "no"));
}

static void
test_a_change_that_hides_answers_names_them(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	size_t hidden[16];
	size_t n;

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	answer(&f->e, "yes");
	f->e.cur = index_of(&f->e, "L2");
	answer(&f->e, "2");
	f->e.cur = index_of(&f->e, "L1");
	n = engine_would_hide(&f->e, f->e.cur, ANSWER_VALUE, "no", hidden);
	assert_int_equal(n, 1);
	assert_int_equal(hidden[0], index_of(&f->e, "L2"));
	/* L3 is shown but unanswered: nothing to lose there */
	assert_int_equal(engine_would_hide(&f->e, f->e.cur, ANSWER_VALUE, "yes", hidden), 0);
	/* done all the same: L2 is hidden, its answer kept */
	assert_int_equal(answer(&f->e, "no"), ENGINE_SAVED);
	assert_false(f->e.shown[index_of(&f->e, "L2")]);
	assert_non_null(f->e.by_index[index_of(&f->e, "L2")]);
	assert_int_equal(engine_progress(&f->e).hidden_answers, 1);
}

static void
test_numbers_and_searches(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	enum engine_saved saved;

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	answer(&f->e, "yes");
	/* shown now: L1 L2 L3 T1 C1 */
	assert_int_equal(engine_number(&f->e, index_of(&f->e, "T1")), 4);
	assert_int_equal(engine_number(&f->e, index_of(&f->e, "T2")), 0);
	assert_int_equal(engine_numbered(&f->e, 5), index_of(&f->e, "C1"));
	assert_int_equal(engine_numbered(&f->e, 6), f->q->question_count);
	f->e.cur = index_of(&f->e, "C1");
	assert_int_equal(engine_toggle_flag(&f->e, &saved, &err), 0);
	assert_int_equal(saved, ENGINE_SAVED);
	/* searches go round from the current question */
	assert_int_equal(engine_find(&f->e, ENGINE_UNANSWERED), index_of(&f->e, "L2"));
	f->e.cur = index_of(&f->e, "L1");
	assert_int_equal(engine_find(&f->e, ENGINE_FLAGGED), index_of(&f->e, "C1"));
	assert_int_equal(engine_find(&f->e, ENGINE_DISPUTED), f->q->question_count);
	assert_int_equal(engine_go_id(&f->e, "t1"), 0);
	assert_int_equal(f->e.cur, index_of(&f->e, "T1"));
	assert_int_equal(engine_go_id(&f->e, "T2"), -2);
	assert_int_equal(engine_go_id(&f->e, "nosuch"), -1);
	assert_int_equal(engine_go_pillar(&f->e, 3), 0);
	assert_int_equal(f->e.cur, index_of(&f->e, "C1"));
	assert_int_equal(engine_go_pillar(&f->e, 4), -1);
	assert_int_equal(engine_next(&f->e, index_of(&f->e, "C1")), f->q->question_count);
	assert_int_equal(engine_prev(&f->e, index_of(&f->e, "T1")), index_of(&f->e, "L3"));
}

static void
test_a_session_resumes_where_the_last_stopped(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	answer(&f->e, "yes");
	f->e.cur = index_of(&f->e, "C1");
	engine_save_position(&f->e);
	engine_release(&f->e);
	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	assert_int_equal(f->e.cur, index_of(&f->e, "C1"));
	/* a position now hidden is not taken up: the first unanswered is */
	f->e.cur = index_of(&f->e, "L2");
	engine_save_position(&f->e);
	f->e.cur = index_of(&f->e, "L1");
	answer(&f->e, "no");
	engine_release(&f->e);
	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	assert_int_equal(f->e.cur, index_of(&f->e, "T1"));
}

static void
test_evidence_notes_and_a_refused_change(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	enum engine_saved saved;
	const struct answer *w;

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	assert_int_equal(engine_set_text(&f->e, 1, "Penal Code\nGazette 60", &saved, &err), 0);
	assert_int_equal(saved, ENGINE_SAVED);
	assert_int_equal(engine_set_text(&f->e, 0, "checked twice", &saved, &err), 0);
	w = f->e.by_index[f->e.cur];
	assert_non_null(w);
	assert_string_equal(w->evidence, "Penal Code\nGazette 60");
	assert_string_equal(w->comment, "checked twice");
	/* a final assessment refuses; the engine says so and goes on */
	assert_int_equal(answer(&f->e, "yes"), ENGINE_SAVED);
	assert_int_equal(store_assessment_set_final(f->s, f->e.a, 1, "Ana", &err), 0);
	assert_int_equal(answer(&f->e, "no"), ENGINE_NOT_SAVED);
	assert_int_equal(f->e.unsaved, 1);
	assert_non_null(strstr(f->e.last_error, "final"));
	/* an attachment that cannot be read is refused, not failed */
	assert_int_equal(engine_attach(&f->e, "/nonexistent/file.pdf", &saved, &err), 0);
	assert_int_equal(saved, ENGINE_REFUSED);
	assert_int_equal(f->e.unsaved, 1);
}

static void
test_meetings_are_read_and_checked(void **state)
{
	struct fixture *f = *state;
	struct error err = {0};
	struct meeting m;
	struct meeting list[1] = {{0}};
	size_t index = 99;
	char message[256];

	assert_int_equal(engine_init(&f->e, f->s, f->q, &f->a, "en", "Ana", &err), 0);
	assert_int_equal(engine_meeting_parse(&f->e,
					      "Ministry of ICT, Director (Jane Doe); Adviser, "
					      "2026-11-30",
					      NULL, 0, &m, &index, message, sizeof(message)),
			 0);
	assert_string_equal(m.organisation, "Ministry of ICT");
	assert_string_equal(m.people, "Director (Jane Doe); Adviser");
	assert_string_equal(m.met_on, "2026-11-30");
	assert_string_equal(m.recorded_by, "Ana");
	assert_int_equal(strlen(m.id), 13);
	list[0] = m;
	assert_int_equal(engine_meeting_parse(&f->e, "ministry of ict", list, 1, &m, &index,
					      message, sizeof(message)),
			 1);
	assert_int_equal(index, 0);
	meeting_release(&list[0]);
	assert_int_equal(engine_meeting_parse(&f->e, "Foo, Bar, 2026-02-30", NULL, 0, &m, &index,
					      message, sizeof(message)),
			 -1);
	assert_int_equal(engine_meeting_parse(&f->e, "Foo, Bar, 2099-01-01", NULL, 0, &m, &index,
					      message, sizeof(message)),
			 -1);
	assert_int_equal(engine_meeting_parse(&f->e, "Foo, Bar (Al", NULL, 0, &m, &index, message,
					      sizeof(message)),
			 -1);
	assert_int_equal(engine_meeting_parse(&f->e, "Foo, A; ; B", NULL, 0, &m, &index, message,
					      sizeof(message)),
			 -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_new_assessment_starts_at_the_first_question,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_answer_is_committed_and_shows_what_it_opens,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_change_that_hides_answers_names_them, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_numbers_and_searches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_session_resumes_where_the_last_stopped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_notes_and_a_refused_change, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_meetings_are_read_and_checked, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
