/* libFuzzer target: bytes -> html_textn and html_url, the two ways text
 * from anywhere (a questionnaire, a database, a request) reaches a page of
 * cirt serve. Whatever the bytes, what comes out must be well-formed UTF-8
 * with no character that could end a text or an attribute (< > " ' and a
 * & that starts no reference of ours), no control character but tab and
 * line feed; and a URL segment only unreserved characters and %XX. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_text(const char *s, size_t len)
{
	static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};

	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t used;

		if (c == '<' || c == '>' || c == '"' || c == '\'' || c == '\0')
			abort();
		if (c == '&') {
			size_t k = 0;

			while (k < 5 && strncmp(s + i, refs[k], strlen(refs[k])) != 0)
				k++;
			if (k == 5)
				abort();
			i += strlen(refs[k]);
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\n')
			abort();
		if (c == 0x7f)
			abort();
		used = utf8_decode(s + i, &cp);
		if (used == 0 || (cp >= 0x80 && cp < 0xa0))
			abort();
		i += used;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html h = {0};
	char *text = malloc(size + 1);
	char *out;
	size_t len;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	html_textn(&h, text, size);
	out = html_take(&h, &len);
	if (strlen(out) != len)
		abort();
	check_text(out, len);
	free(out);

	html_url(&h, text);
	out = html_take(&h, &len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c == '%') {
			if (i + 2 >= len || !strchr("0123456789ABCDEF", out[i + 1]) ||
			    !strchr("0123456789ABCDEF", out[i + 2]))
				abort();
			i += 2;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || strchr("-._~", c))) {
			abort();
		}
	}
	free(out);
	free(text);
	return 0;
}
