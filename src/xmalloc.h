/* Allocation helpers that never return NULL: they abort with a message. */
#ifndef CIRT_XMALLOC_H
#define CIRT_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Each returns memory owned by the caller; on exhaustion or size overflow
 * the process prints a message and aborts, so callers never test for NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Grow *items (of *alloc elements of size each) so that it holds at least
 * need elements; doubles the allocation to keep appends amortised O(1). */
void xgrow(void **items, size_t *alloc, size_t need, size_t size);

#endif
