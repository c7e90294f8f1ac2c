/* Filling struct error. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int
error_set(struct error *e, int status, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->status = status;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return -1;
}
