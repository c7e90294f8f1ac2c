/* An error from library code: a message for the user and the kind of
 * failure, as the exit status the command should end with. */
#ifndef CIRT_ERROR_H
#define CIRT_ERROR_H

#include <stddef.h>

struct error {
	int status;	   /* an enum exit_status, EXIT_OK when none */
	char message[512]; /* lowercase, no final full stop */
};

/* Set e (when not NULL) and return -1, so that `return error_set(...)`
 * reads naturally. */
int error_set(struct error *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
