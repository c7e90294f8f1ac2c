/* Unit tests for html.c: text from anywhere goes into a page escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html.h"

static char *
escaped(const char *text, size_t n)
{
	struct html h = {0};

	html_textn(&h, text, n);
	return html_take(&h, NULL);
}

static void
test_markup_characters_become_references(void **state)
{
	const char *in = "<script>alert('x & \"y\"')</script>";
	char *out = escaped(in, strlen(in));

	(void)state;
	assert_string_equal(out,
			    "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
	free(out);
}

static void
test_controls_and_broken_utf8_become_replacement_characters(void **state)
{
	/* ESC, a lone continuation byte, a cut sequence, an overlong slash,
	 * C1 NEL, a NUL inside the length: each one U+FFFD; tab and line feed
	 * stay; Arabic and Chinese pass as they are */
	static const char in[] = "a\x1b[31m\x80 \xe2\x82 \xc0\xaf \xc2\x85\t\n"
				 "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xe4\xb8\xad\0z";
	char *out = escaped(in, sizeof(in) - 1);

	(void)state;
	assert_string_equal(out,
			    "a\xef\xbf\xbd[31m\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
			    "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\t\n"
			    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xe4\xb8\xad\xef\xbf\xbdz");
	free(out);
}

static void
test_urls_are_percent_encoded(void **state)
{
	struct html h = {0};
	char *out;

	(void)state;
	html_raw(&h, "/a/");
	html_url(&h, "LC1/../x y?\"<>&\xc3\xa9~._-");
	out = html_take(&h, NULL);
	assert_string_equal(out, "/a/LC1%2F..%2Fx%20y%3F%22%3C%3E%26%C3%A9~._-");
	free(out);
}

static void
test_formatted_markup_grows_past_any_size(void **state)
{
	struct html h = {0};
	char *out;
	size_t len = 0;

	(void)state;
	for (int i = 0; i < 2000; i++)
		html_rawf(&h, "<td>%d</td>", i);
	html_rawf(&h, "%0600d", 7);
	out = html_take(&h, &len);
	assert_int_equal(len, strlen(out));
	assert_true(strncmp(out, "<td>0</td><td>1</td>", 20) == 0);
	assert_int_equal(out[len - 1], '7');
	assert_null(h.data);
	free(out);
	html_release(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markup_characters_become_references),
		cmocka_unit_test(test_controls_and_broken_utf8_become_replacement_characters),
		cmocka_unit_test(test_urls_are_percent_encoded),
		cmocka_unit_test(test_formatted_markup_grows_past_any_size),
	};

	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
