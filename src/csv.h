/* CSV as RFC 4180 describes it: comma-separated fields, records ending in
 * CRLF or LF, fields in double quotes when they hold a comma, a quote or a
 * line break, and "" for a quote inside quotes. UTF-8 text. */
#ifndef CIRT_CSV_H
#define CIRT_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_BYTES (16L * 1024 * 1024) /* larger documents are refused */

struct csv_row {
	char **fields; /* owned */
	size_t count;
	long line; /* the line the record starts on */
};

/* Parse a whole document. A UTF-8 byte order mark is skipped and blank
 * lines are ignored. Returns 0 with the rows (free them with
 * csv_rows_free), or -1 with a message such as "line 4: a quote inside an
 * unquoted field" in err. */
int csv_parse(const char *data, size_t size, struct csv_row **rows, size_t *count, char *err,
	      size_t errlen);
void csv_rows_free(struct csv_row *rows, size_t count);

/* Write s as one field, quoted when it needs to be. */
void csv_write_field(FILE *out, const char *s);

/* Write the end of a record (CRLF, as RFC 4180 asks). */
void csv_end_record(FILE *out);

#endif
