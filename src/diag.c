/* Collected diagnostics for input files. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "xmalloc.h"

void
diag_add(struct diag *d, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	char *text;
	char *message;

	if (d->count > DIAG_MAX)
		return;
	if (d->count == DIAG_MAX) {
		message = file ? xasprintf("%s: too many errors; stopped after %d",
					   file, DIAG_MAX)
			       : xasprintf("too many errors; stopped after %d", DIAG_MAX);
	} else {
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
	xgrow((void **)&d->messages, &d->alloc, d->count + 1, sizeof(*d->messages));
	d->messages[d->count++] = message;
}

void
diag_release(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->messages[i]);
	free(d->messages);
	d->messages = NULL;
	d->count = 0;
	d->alloc = 0;
}
