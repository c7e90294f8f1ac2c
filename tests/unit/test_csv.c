/* Unit tests of the RFC 4180 CSV reader and writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

static void
parse_ok(const char *doc, struct csv_row **rows, size_t *count)
{
	char err[256];

	if (csv_parse(doc, strlen(doc), rows, count, err, sizeof(err)) < 0)
		fail_msg("%s", err);
}

static void
parse_bad(const char *doc, size_t size, const char *message)
{
	struct csv_row *rows = (struct csv_row *)1;
	size_t count = 1;
	char err[256];

	assert_int_equal(csv_parse(doc, size, &rows, &count, err, sizeof(err)), -1);
	assert_null(rows);
	assert_int_equal(count, 0);
	if (strcmp(err, message) != 0)
		fail_msg("got '%s', expected '%s'", err, message);
}

static void
test_plain_and_quoted_fields(void **state)
{
	struct csv_row *rows;
	size_t n;

	(void)state;
	parse_ok("question_id,value\r\nL1,yes\r\nT4,\"a, b \"\"c\"\"\nd\"\r\n", &rows, &n);
	assert_int_equal(n, 3);
	assert_int_equal(rows[2].count, 2);
	assert_string_equal(rows[2].fields[1], "a, b \"c\"\nd");
	assert_int_equal(rows[2].line, 3);
	csv_rows_free(rows, n);
}

static void
test_empty_fields_bom_and_blank_lines(void **state)
{
	struct csv_row *rows;
	size_t n;

	(void)state;
	parse_ok("\xEF\xBB\xBF"
		 "a,b,c\n\n,,\n\"\",x,\n",
		 &rows, &n);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].fields[0], "a");
	assert_int_equal(rows[1].count, 3);
	assert_string_equal(rows[1].fields[2], "");
	assert_int_equal(rows[1].line, 3);
	assert_int_equal(rows[2].count, 3);
	csv_rows_free(rows, n);
	parse_ok("a,b", &rows, &n); /* no final line break */
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].count, 2);
	csv_rows_free(rows, n);
}

static void
test_bad_quoting_is_refused_with_its_line(void **state)
{
	(void)state;
	parse_bad("a,b\nL1,ye\"s\n", 11,
		  "line 2: a quote inside an unquoted field (put the field in quotes and double "
		  "the quote)");
	parse_bad("a,b\nL1,\"yes\"x\n", 14,
		  "line 2: text after the closing quote of a field (write \"\" for a quote)");
	parse_bad("a,b\n\nL1,\"yes\n", 12,
		  "line 3: a quoted field is never closed (a \" is missing)");
	parse_bad("a,b\nL1,y\0s\n", 11, "line 2: the file holds a NUL byte");
}

static void
test_writer_round_trips(void **state)
{
	static const char *const fields[] = {"plain", "a,b", "say \"hi\"", "two\nlines", ""};
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	struct csv_row *rows;
	size_t n;

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		if (i)
			fputc(',', out);
		csv_write_field(out, fields[i]);
	}
	csv_end_record(out);
	fclose(out);
	assert_string_equal(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
	parse_ok(buf, &rows, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].count, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(rows[0].fields[i], fields[i]);
	csv_rows_free(rows, n);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted_fields),
		cmocka_unit_test(test_empty_fields_bom_and_blank_lines),
		cmocka_unit_test(test_bad_quoting_is_refused_with_its_line),
		cmocka_unit_test(test_writer_round_trips),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
