/* Building HTML: a growing buffer into which text from anywhere goes in
 * escaped, and only the page's own markup goes in as it is. The web front
 * end (web_*.c) writes every page through it. */
#ifndef CIRT_HTML_H
#define CIRT_HTML_H

#include <stddef.h>

struct html {
	char *data;
	size_t len;
	size_t alloc;
};

/* Markup of the page's own, as it is. */
void html_raw(struct html *h, const char *markup);

/* Markup with printf formatting; the arguments must be the page's own
 * (numbers, fixed words), never text from elsewhere. */
void html_rawf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Text from anywhere, escaped for an element's content or a quoted
 * attribute value: & < > " ' become references, and what is not well
 * formed UTF-8, or is a control character other than tab and line feed,
 * becomes U+FFFD. */
void html_text(struct html *h, const char *text);

/* The same for the first n bytes of text. */
void html_textn(struct html *h, const char *text, size_t n);

/* text as one segment of a URL path or query value: every byte but
 * letters, digits and - . _ ~ percent-encoded. */
void html_url(struct html *h, const char *text);

/* The buffer's text (never NULL, NUL-terminated), taken from h, which is
 * left empty. Owned by the caller. */
char *html_take(struct html *h, size_t *len);

void html_release(struct html *h);

#endif
