/* Reading and writing RFC 4180 CSV. */
#include "csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct builder {
	char *buf;
	size_t len;
	size_t alloc;
};

static void
builder_add(struct builder *b, char c)
{
	xgrow((void **)&b->buf, &b->alloc, b->len + 2, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

static char *
builder_take(struct builder *b)
{
	char *s = b->buf ? b->buf : xstrdup("");

	b->buf = NULL;
	b->len = 0;
	b->alloc = 0;
	return s;
}

static void
row_add(struct csv_row *r, size_t *alloc, char *field)
{
	xgrow((void **)&r->fields, alloc, r->count + 1, sizeof(char *));
	r->fields[r->count++] = field;
}

static int __attribute__((format(printf, 4, 5)))
fail(char *err, size_t errlen, long line, const char *fmt, ...)
{
	int n = snprintf(err, errlen, "line %ld: ", line);

	if (n >= 0 && (size_t)n < errlen) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

void
csv_rows_free(struct csv_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		for (size_t k = 0; k < rows[i].count; k++)
			free(rows[i].fields[k]);
		free(rows[i].fields);
	}
	free(rows);
}

int
csv_parse(const char *data, size_t size, struct csv_row **rows, size_t *count, char *err,
	  size_t errlen)
{
	struct builder field = {0};
	struct csv_row row = {0};
	size_t row_alloc = 0;
	size_t rows_alloc = 0;
	size_t i = 0;
	long line = 1;
	int quoted = 0;	     /* inside a quoted field */
	int after_quote = 0; /* a quoted field just closed */
	int field_started = 0;
	long quote_line = 0;

	*rows = NULL;
	*count = 0;
	if (size > (size_t)CSV_MAX_BYTES)
		return fail(err, errlen, 1, "file is larger than %ld MiB", CSV_MAX_BYTES >> 20);
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	row.line = 1;
	for (; i <= size; i++) {
		int end = i == size;
		char c = end ? '\n' : data[i];

		if (!end && c == '\0') {
			fail(err, errlen, line, "the file holds a NUL byte");
			goto fail;
		}
		if (quoted) {
			if (end) {
				fail(err, errlen, quote_line,
				     "a quoted field is never closed (a \" is missing)");
				goto fail;
			}
			if (c == '"') {
				if (i + 1 < size && data[i + 1] == '"') {
					builder_add(&field, '"');
					i++;
				} else {
					quoted = 0;
					after_quote = 1;
				}
			} else {
				if (c == '\n')
					line++;
				builder_add(&field, c);
			}
			continue;
		}
		if (c == ',') {
			row_add(&row, &row_alloc, builder_take(&field));
			after_quote = 0;
			field_started = 1;
			continue;
		}
		if (c == '\r' && (i + 1 >= size || data[i + 1] == '\n'))
			continue;
		if (c == '\n') {
			int blank =
				row.count == 0 && !field_started && !after_quote && field.len == 0;

			if (!blank) {
				row_add(&row, &row_alloc, builder_take(&field));
				xgrow((void **)rows, &rows_alloc, *count + 1, sizeof(**rows));
				(*rows)[(*count)++] = row;
			}
			memset(&row, 0, sizeof(row));
			row_alloc = 0;
			after_quote = 0;
			field_started = 0;
			line++;
			row.line = line;
			continue;
		}
		if (after_quote) {
			fail(err, errlen, line,
			     "text after the closing quote of a field (write \"\" for a quote)");
			goto fail;
		}
		if (c == '"') {
			if (field.len > 0) {
				fail(err, errlen, line,
				     "a quote inside an unquoted field (put the field in quotes "
				     "and double the quote)");
				goto fail;
			}
			quoted = 1;
			quote_line = line;
			field_started = 1;
			continue;
		}
		builder_add(&field, c);
		field_started = 1;
	}
	free(field.buf);
	return 0;
fail:
	free(field.buf);
	for (size_t k = 0; k < row.count; k++)
		free(row.fields[k]);
	free(row.fields);
	csv_rows_free(*rows, *count);
	*rows = NULL;
	*count = 0;
	return -1;
}

void
csv_write_field(FILE *out, const char *s)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void
csv_end_record(FILE *out)
{
	fputs("\r\n", out);
}
