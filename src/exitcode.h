/* Exit statuses of the cirt command, in one place. */
#ifndef CIRT_EXITCODE_H
#define CIRT_EXITCODE_H

enum exit_status {
	EXIT_OK = 0,	/* success */
	EXIT_FAIL = 1,	/* a check failed, e.g. an invalid questionnaire */
	EXIT_USAGE = 2, /* unknown command or option, missing argument */
	EXIT_DATA = 3,	/* stored data is unusable or refused */
	EXIT_IO = 4,	/* a file could not be read or written */
};

#endif
