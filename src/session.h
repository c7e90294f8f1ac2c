/* The interactive assessment session: one question at a time, every
 * accepted answer committed to the store before the next question shows.
 * The terminal edge of cirt: it reads what the assessor types (through
 * lineedit) and writes screens to standard output. */
#ifndef CIRT_SESSION_H
#define CIRT_SESSION_H

#include "error.h"
#include "questionnaire.h"
#include "store.h"

struct session_options {
	const char *lang;	    /* the language to show */
	const char *assessor;	    /* who answers, for the history */
	const char *resume_command; /* printed when the session ends */
	int interactive;	    /* standard input is a terminal */
	int colour;
};

/* Run a session on assessment a, starting at the first unanswered question
 * shown. Returns 0 when it ended normally (:quit, end of input, Ctrl-C),
 * -1 with err set when the store failed in a way the session cannot go on
 * from. */
int session_run(struct store *store, const struct questionnaire *q, struct assessment *a,
		const struct session_options *o, struct error *err);

#endif
