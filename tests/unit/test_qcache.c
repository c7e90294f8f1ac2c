/* Unit tests of the questionnaire model's cache encoding (qcache.h): a
 * model encodes, decodes and encodes again to the same bytes, keeps what
 * commands use, and anything short or inconsistent is refused whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qcache.h"

static const char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static struct questionnaire *
load(const char *path)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = questionnaire_load(path, &d, NULL);

	diag_release(&d);
	assert_non_null(q);
	return q;
}

static void
round_trip(const char *path)
{
	struct questionnaire *q = load(path);
	size_t n;
	size_t m;
	unsigned char *bytes = qcache_encode(q, &n);
	struct questionnaire *back = qcache_decode(bytes, n, sha, path);
	unsigned char *again;

	assert_non_null(back);
	again = qcache_encode(back, &m);
	assert_int_equal(m, n);
	assert_memory_equal(again, bytes, n);
	assert_string_equal(back->sha256, sha);
	assert_string_equal(back->path, path);
	assert_int_equal(back->question_count, q->question_count);
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *a = &q->questions[i];
		const struct question *b = &back->questions[i];

		assert_string_equal(a->id, b->id);
		assert_ptr_equal(questionnaire_find_question(back, a->id), b);
		assert_string_equal(text_get(&a->text, "ar"), text_get(&b->text, "ar"));
		assert_int_equal(a->condition == NULL, b->condition == NULL);
		if (a->condition)
			assert_string_equal(a->condition_source, b->condition_source);
	}
	free(again);
	free(bytes);
	questionnaire_free(back);
	questionnaire_free(q);
}

static void
test_round_trip(void **state)
{
	(void)state;
	round_trip("questionnaires/example.xml");
	round_trip("questionnaires/cirt-readiness.xml");
}

static void
test_short_and_damaged_entries_are_refused(void **state)
{
	struct questionnaire *q = load("questionnaires/example.xml");
	size_t n;
	unsigned char *bytes = qcache_encode(q, &n);
	unsigned char *copy = malloc(n + 1);

	(void)state;
	assert_non_null(copy);
	for (size_t k = 0; k < n; k++)
		assert_null(qcache_decode(bytes, k, sha, "x.xml"));
	memcpy(copy, bytes, n);
	copy[n] = 0;
	assert_null(qcache_decode(copy, n + 1, sha, "x.xml"));
	/* a count far beyond the bytes there are */
	memcpy(copy, bytes, n);
	memset(copy, 0x7F, 4);
	assert_null(qcache_decode(copy, n, sha, "x.xml"));
	/* every byte changed in turn: refused, or a model that encodes back to
	 * exactly the changed bytes (a changed letter in a text) */
	for (size_t k = 0; k < n; k++) {
		struct questionnaire *d;

		memcpy(copy, bytes, n);
		copy[k] ^= 0xA5;
		d = qcache_decode(copy, n, sha, "x.xml");
		if (d) {
			size_t m;
			unsigned char *again = qcache_encode(d, &m);

			assert_int_equal(m, n);
			assert_memory_equal(again, copy, n);
			free(again);
			questionnaire_free(d);
		}
	}
	free(copy);
	free(bytes);
	questionnaire_free(q);
}

static int
teardown(void **state)
{
	(void)state;
	questionnaire_library_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_short_and_damaged_entries_are_refused),
	};

	return cmocka_run_group_tests_name("qcache", tests, NULL, teardown);
}
