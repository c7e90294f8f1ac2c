/* Building HTML with everything from elsewhere escaped (html.h). */
#include "html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

static void
add(struct html *h, const char *s, size_t n)
{
	if (h->len + n + 1 > h->alloc)
		xgrow((void **)&h->data, &h->alloc, h->len + n + 1, 1);
	memcpy(h->data + h->len, s, n);
	h->len += n;
	h->data[h->len] = '\0';
}

void
html_raw(struct html *h, const char *markup)
{
	add(h, markup, strlen(markup));
}

void
html_rawf(struct html *h, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		add(h, small, (size_t)n);
		return;
	}
	char *big;

	va_start(ap, fmt);
	big = xvasprintf(fmt, ap);
	va_end(ap);
	add(h, big, strlen(big));
	free(big);
}

void
html_textn(struct html *h, const char *text, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t run = i;

		/* plain ASCII that needs nothing goes in as one piece */
		while (run < n && (unsigned char)text[run] >= 0x20 &&
		       (unsigned char)text[run] < 0x7f && !strchr("&<>\"'", text[run]))
			run++;
		if (run > i) {
			add(h, text + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = (unsigned char)text[i];

		switch (c) {
		case '&':
			html_raw(h, "&amp;");
			i++;
			continue;
		case '<':
			html_raw(h, "&lt;");
			i++;
			continue;
		case '>':
			html_raw(h, "&gt;");
			i++;
			continue;
		case '"':
			html_raw(h, "&quot;");
			i++;
			continue;
		case '\'':
			html_raw(h, "&#39;");
			i++;
			continue;
		case '\t':
		case '\n':
			add(h, text + i, 1);
			i++;
			continue;
		default:
			break;
		}
		if (c < 0x80) { /* a control character */
			html_raw(h, "\xef\xbf\xbd");
			i++;
			continue;
		}
		/* a multibyte sequence: copied when well formed and whole */
		char piece[5] = {0};
		size_t len = 0;
		uint32_t cp = 0;

		while (len < 4 && i + len < n && text[i + len] != '\0') {
			piece[len] = text[i + len];
			len++;
		}
		size_t used = utf8_decode(piece, &cp);

		if (used == 0) {
			html_raw(h, "\xef\xbf\xbd");
			i++;
		} else if (cp < 0xa0) { /* a C1 control character */
			html_raw(h, "\xef\xbf\xbd");
			i += used;
		} else {
			add(h, text + i, used);
			i += used;
		}
	}
}

void
html_text(struct html *h, const char *text)
{
	if (text)
		html_textn(h, text, strlen(text));
}

void
html_url(struct html *h, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)text; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			add(h, (const char *)p, 1);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};

			add(h, e, 3);
		}
	}
}

char *
html_take(struct html *h, size_t *len)
{
	char *s = h->data ? h->data : xstrdup("");

	if (len)
		*len = h->len;
	h->data = NULL;
	h->len = h->alloc = 0;
	return s;
}

void
html_release(struct html *h)
{
	free(h->data);
	h->data = NULL;
	h->len = h->alloc = 0;
}
