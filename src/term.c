/* Colour, safe printing and wrapping for terminal output. */
#include "term.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"
#include "xmalloc.h"

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

int
term_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		(cp >= 0x2066 && cp <= 0x2069);
}

char *
term_safe(const char *s)
{
	/* no byte becomes more than the three of U+FFFD */
	char *out = xreallocarray(NULL, strlen(s) + 1, 3);
	char *o = out;

	while (*s) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);

		if (n > 0 && cp == '\t') {
			*o++ = ' ';
		} else if (n == 0 || term_is_unsafe(cp)) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(o, s, n);
			o += n;
		}
		s += n ? n : 1;
	}
	*o = '\0';
	return out;
}

void
term_print_safe(FILE *out, const char *s)
{
	char *safe = term_safe(s);

	fputs(safe, out);
	free(safe);
}

/* Format, then print safely. */
static void __attribute__((format(printf, 2, 0)))
print_format(FILE *out, const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);

	term_print_safe(out, text);
	free(text);
}

void
term_print_format(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_format(out, fmt, ap);
	va_end(ap);
}

void
term_print_line(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_format(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
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
	char *safe = term_safe(s);
	int chars = term_width(safe);

	fputs(safe, out);
	fprintf(out, "%*s", chars < width ? width - chars : 0, "");
	free(safe);
}

/* Print one paragraph of safe text wrapped. */
static void
wrap_paragraph(FILE *out, const char *s, int indent, int width)
{
	while (*s == ' ')
		s++;
	while (*s) {
		int col = indent;
		const char *line_end = s;
		const char *p = s;

		/* take words while they fit; always take at least one */
		while (*p) {
			const char *w = p;
			int chars = 0;

			while (*w == ' ')
				w++;
			while (*w && *w != ' ') {
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
		fwrite(s, 1, (size_t)(line_end - s), out);
		fputc('\n', out);
		s = line_end;
		while (*s == ' ')
			s++;
	}
}

void
term_print_wrapped(FILE *out, const char *text, int indent, int width)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *paragraph = xstrndup(text, len);
		char *safe = term_safe(paragraph);

		wrap_paragraph(out, safe, indent, width);
		free(safe);
		free(paragraph);
		text += len;
		if (*text == '\n')
			text++;
	}
}
