/* Colour, safe printing and wrapping for terminal output. */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
term_use_colour(FILE *out)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	if (no && *no)
		return 0;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}

const char *
term_start(int colour, enum term_style style)
{
	static const char *const codes[] = {"", "\033[1m", "\033[2m", "\033[1;31m", "\033[32m"};

	return colour ? codes[style] : "";
}

const char *
term_end(int colour)
{
	return colour ? "\033[0m" : "";
}

/* Length of the control character at s (1 for C0 and DEL, 2 for C1 in
 * UTF-8), or 0. */
static size_t
control_at(const unsigned char *s)
{
	if ((*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7F)
		return 1;
	if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
		return 2;
	return 0;
}

void
term_print_safe(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = control_at(p);

		if (n || *p == '\n') {
			fputs("\xEF\xBF\xBD", out);
			p += n ? n : 1;
			continue;
		}
		fputc(*p++, out);
	}
}

int
term_width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void
term_print_padded(FILE *out, const char *s, int width)
{
	int chars = term_width(s);

	term_print_safe(out, s);
	fprintf(out, "%*s", chars < width ? width - chars : 0, "");
}

/* Print s[0..len) safely. */
static void
print_span(FILE *out, const char *s, size_t len)
{
	char *copy = malloc(len + 1);

	if (copy == NULL)
		return;
	memcpy(copy, s, len);
	copy[len] = '\0';
	term_print_safe(out, copy);
	free(copy);
}

void
term_print_wrapped(FILE *out, const char *text, int indent, int width)
{
	const char *s = text;

	while (*s) {
		int col = indent;
		const char *line_end = s;
		const char *p = s;

		/* take words while they fit; always take at least one */
		while (*p && *p != '\n') {
			const char *w = p;
			int chars = 0;

			while (*w == ' ')
				w++;
			while (*w && *w != ' ' && *w != '\n') {
				chars += ((unsigned char)*w & 0xC0) != 0x80;
				w++;
			}
			if (line_end != s && col + 1 + chars > width)
				break;
			col += (line_end != s) + chars;
			line_end = w;
			p = w;
		}
		fprintf(out, "%*s", indent, "");
		print_span(out, s, (size_t)(line_end - s));
		fputc('\n', out);
		s = line_end;
		while (*s == ' ' || *s == '\n')
			s++;
	}
}
