/* Unit tests of reading bundle files: the hash that lets merge read a file
 * twice (to check it, then to merge it) and notice a change in between. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "exchange.h"
#include "exitcode.h"

/* A bundle with one answer and the first history entry, as export writes
 * it; %s is where the exporter's name goes. */
static const char bundle_format[] =
	"{\"format\": \"cirt-bundle\", \"format_version\": 1,"
	" \"exported_at\": \"2026-11-22T15:08:21.113Z\", \"exported_by\": \"%s\","
	" \"questionnaire\": {\"id\": \"example\", \"version\": \"1.0\", \"sha256\":"
	" \"25354798be48b8627763c748b86c8b99d4d62ea8b1a412b29bc6286394646391\"},"
	" \"assessment\": {\"country\": \"KE\", \"cycle\": 2026, \"status\": \"draft\","
	" \"mission_start\": \"2026-11-22\", \"mission_end\": \"2026-11-22\","
	" \"assessors\": \"Ana\", \"created_at\": \"2026-11-22T13:39:18.604Z\","
	" \"updated_at\": \"2026-11-22T13:39:18.606Z\"},"
	" \"answers\": [{\"question_id\": \"L1\", \"state\": \"value\", \"value\": \"yes\","
	" \"evidence\": \"\", \"comment\": \"\", \"flagged\": false, \"answered_by\": \"Ana\","
	" \"answered_at\": \"2026-11-22T13:39:18.606Z\"}],"
	" \"history\": [{\"seq\": 1, \"question_id\": \"\", \"field\": \"created\","
	" \"old_state\": null, \"old_value\": null, \"new_state\": \"draft\","
	" \"new_value\": \"example 1.0\", \"changed_by\": \"Ana\","
	" \"changed_at\": \"2026-11-22T13:39:18.604Z\", \"reason\": \"\", \"prev_hash\":"
	" \"0000000000000000000000000000000000000000000000000000000000000000\", \"hash\":"
	" \"3f30619de1f385354de817d300fd5fa25dd75171f29fd354a4de4bc6244c6ad0\"}]}";

static char path[] = "/tmp/cirt-test-exchange-XXXXXX";

static int
setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void
write_file(const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
}

static void
write_bundle(const char *exporter)
{
	char text[sizeof(bundle_format) + 64];
	int n = snprintf(text, sizeof(text), bundle_format, exporter);

	assert_true(n > 0 && (size_t)n < sizeof(text));
	write_file(text, (size_t)n);
}

static void
test_read_twice(void **state)
{
	struct bundle b = {0};
	struct bundle_origin origin;
	struct error err = {0};
	char first[SHA256_HEX_SIZE];
	char second[SHA256_HEX_SIZE];

	(void)state;
	write_bundle("Ana");
	assert_int_equal(exchange_read_file(path, NULL, NULL, &b, &origin, first, &err), 0);
	assert_string_equal(b.assessment.country, "KE");
	assert_int_equal(b.assessment.cycle, 2026);
	assert_int_equal(b.answers.count, 1);
	assert_string_equal(b.exported_by, "Ana");
	assert_int_equal(strlen(first), 64);
	/* the first format carries no signature */
	assert_int_equal(origin.is_signed, 0);
	assert_int_equal(origin.sealed, 0);
	bundle_release(&b);

	/* the same content again is read, with the same hash */
	memset(&b, 0, sizeof(b));
	assert_int_equal(exchange_read_file(path, first, NULL, &b, &origin, second, &err), 0);
	assert_string_equal(second, first);
	assert_string_equal(b.exported_by, "Ana");
	bundle_release(&b);
}

static void
test_changed_file_is_refused(void **state)
{
	struct bundle b = {0};
	struct bundle_origin origin;
	struct error err = {0};
	char checked[SHA256_HEX_SIZE];
	char now[SHA256_HEX_SIZE];

	(void)state;
	write_bundle("Ana");
	assert_int_equal(exchange_read_file(path, NULL, NULL, &b, &origin, checked, &err), 0);
	bundle_release(&b);

	/* still a valid bundle, but not the one that was checked */
	write_bundle("Jean");
	memset(&b, 0, sizeof(b));
	assert_int_equal(exchange_read_file(path, checked, NULL, &b, &origin, now, &err), -1);
	assert_int_equal(err.status, EXIT_DATA);
	assert_non_null(strstr(err.message, "the file changed after it was checked"));
	assert_string_not_equal(now, checked);
	assert_null(b.exported_by);
}

static void
test_database_and_damage(void **state)
{
	struct bundle b = {0};
	struct bundle_origin origin;
	struct error err = {0};
	char sha256[SHA256_HEX_SIZE];
	static const char header[] = "SQLite format 3\0 and pages follow";

	(void)state;
	write_file(header, sizeof(header));
	assert_int_equal(exchange_read_file(path, NULL, NULL, &b, &origin, sha256, &err), 1);
	assert_null(b.exported_by);

	write_file("{\"format\": \"cirt-bundle\"", 24);
	assert_int_equal(exchange_read_file(path, NULL, NULL, &b, &origin, sha256, &err), -1);
	assert_int_equal(err.status, EXIT_DATA);
	assert_non_null(strstr(err.message, "not a usable bundle"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_twice),
		cmocka_unit_test(test_changed_file_is_refused),
		cmocka_unit_test(test_database_and_damage),
	};

	return cmocka_run_group_tests_name("exchange", tests, setup, teardown);
}
