/* Allocation helpers that never return NULL: they abort with a message. */
#ifndef CIRT_XMALLOC_H
#define CIRT_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Each returns memory owned by the caller; on exhaustion or size overflow
 * the process prints a message and aborts, so callers never test for NULL. */
#define XMALLOC_NONNULL __attribute__((returns_nonnull, warn_unused_result))

void *xmalloc(size_t size) XMALLOC_NONNULL;
void *xcalloc(size_t count, size_t size) XMALLOC_NONNULL;
void *xreallocarray(void *ptr, size_t count, size_t size) XMALLOC_NONNULL;
char *xstrdup(const char *s) XMALLOC_NONNULL;
char *xstrndup(const char *s, size_t n) XMALLOC_NONNULL;
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2))) XMALLOC_NONNULL;
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0))) XMALLOC_NONNULL;

/* Grow *items (of *alloc elements of size each) so that it holds at least
 * need elements; doubles the allocation to keep appends amortised O(1). */
void xgrow(void **items, size_t *alloc, size_t need, size_t size);

#endif
