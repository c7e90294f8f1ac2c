/* A list of diagnostics ("FILE:LINE: message") collected by library code
 * for the command layer to print. */
#ifndef CIRT_DIAG_H
#define CIRT_DIAG_H

#include <stddef.h>

struct diag {
	char **messages; /* owned; each a full line without newline */
	long *lines;	 /* the line each message names, 0 for none */
	size_t count;
	size_t alloc;
};

#define DIAG_INIT                                                                                  \
	{                                                                                          \
		NULL, NULL, 0, 0                                                                   \
	}

/* Append a message formatted as "FILE:LINE: text", "FILE: text" when line
 * is 0, or just "text" when file is NULL. Messages beyond DIAG_MAX are
 * counted into one final "too many errors" line instead of being kept. */
void diag_add(struct diag *d, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_release(struct diag *d);

/* Order the messages from index `from` on by line, keeping the order of
 * messages on the same line. */
void diag_sort_from(struct diag *d, size_t from);

#define DIAG_MAX 200

#endif
