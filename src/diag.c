/* Collected diagnostics for input files. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "xmalloc.h"

void
diag_add(struct diag *d, const char *file, long line, const char *fmt, ...)
{
	char *message;

	if (d->count > DIAG_MAX)
		return;
	if (d->count == DIAG_MAX) {
		message = file ? xasprintf("%s: too many errors; stopped after %d", file, DIAG_MAX)
			       : xasprintf("too many errors; stopped after %d", DIAG_MAX);
	} else {
		va_list ap;
		char *text;

		va_start(ap, fmt);
		text = xvasprintf(fmt, ap);
		va_end(ap);
		if (file && line > 0)
			message = xasprintf("%s:%ld: %s", file, line, text);
		else if (file)
			message = xasprintf("%s: %s", file, text);
		else
			message = xstrdup(text);
		free(text);
	}
	if (d->count + 1 > d->alloc) {
		size_t alloc = d->alloc;

		xgrow((void **)&d->messages, &alloc, d->count + 1, sizeof(*d->messages));
		d->lines = xreallocarray(d->lines, alloc, sizeof(*d->lines));
		d->alloc = alloc;
	}
	d->lines[d->count] = d->count == DIAG_MAX ? 0 : line;
	d->messages[d->count++] = message;
}

void
diag_release(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->messages[i]);
	free(d->messages);
	free(d->lines);
	d->messages = NULL;
	d->lines = NULL;
	d->count = 0;
	d->alloc = 0;
}

void
diag_sort_from(struct diag *d, size_t from)
{
	/* insertion sort: stable, and lists are short */
	for (size_t i = from + 1; i < d->count; i++) {
		char *m = d->messages[i];
		long line = d->lines[i];
		size_t j = i;

		if (d->count > DIAG_MAX && i == d->count - 1)
			break; /* the "too many errors" line stays last */
		while (j > from && d->lines[j - 1] > line) {
			d->messages[j] = d->messages[j - 1];
			d->lines[j] = d->lines[j - 1];
			j--;
		}
		d->messages[j] = m;
		d->lines[j] = line;
	}
}
