/* Answers: the model of a stored answer, and the rules that turn what an
 * assessor types (or an import file holds) into a valid, canonical answer
 * for each question type. Pure: no I/O. */
#ifndef CIRT_ANSWER_H
#define CIRT_ANSWER_H

#include <stddef.h>

#include "condition.h"
#include "questionnaire.h"

#define ANSWER_TEXT_MAX 65536 /* bytes in one typed text, evidence or note */

/* One stored answer row. state ANSWER_NONE means the question has only
 * evidence, a note or a flag so far. Strings are owned; "" when empty. */
struct answer {
	char *question_id;
	enum answer_state state;
	char *value; /* canonical; NULL unless state is ANSWER_VALUE */
	char *evidence;
	char *comment;
	int flagged;
	char *answered_by;
	char *answered_at; /* UTC, 2026-11-22T10:15:03.120Z */
	char *source;	   /* the meeting it was last changed in, or NULL */
};

struct answer_set {
	struct answer *items;
	size_t count;
	size_t alloc;
};

void answer_release(struct answer *a);
void answer_set_release(struct answer_set *s);

/* The answer to question_id, or NULL. Borrowed. */
struct answer *answer_set_find(const struct answer_set *s, const char *question_id);

/* Work out which questions of q are shown given these answers (see
 * questionnaire_visibility); shown holds q->question_count entries. */
void answer_set_visibility(const struct questionnaire *q, const struct answer_set *answers,
			   unsigned char *shown);

/* Whether the answer counts as answered (a value, don't know or not
 * applicable). a may be NULL. */
int answer_is_given(const struct answer *a);

/* Where an answer comes from: typed in a session (choice numbers, labels,
 * yes/no in the session's language; 0 for no choice of a multiple choice
 * question) or read from an import file (choice values or labels, levels
 * as numbers, multiple choices as values separated by spaces, "-" for
 * none). Both accept "dk" and "na". */
enum answer_input { ANSWER_INPUT_TYPED, ANSWER_INPUT_IMPORT };

/* Parse input as an answer to qu. On success sets *state and *value (the
 * canonical value, owned by the caller; NULL unless ANSWER_VALUE) and
 * returns 0; otherwise returns -1 with an explanation in err, such as
 * "'12' is outside 0 to 10". */
int answer_parse(const struct question *qu, const char *input, const char *lang,
		 enum answer_input mode, enum answer_state *state, char **value, char *err,
		 size_t errlen);

/* A readable form of an answer in lang: choice labels rather than values,
 * "don't know", and so on. Owned by the caller. */
char *answer_describe(const struct question *qu, enum answer_state state, const char *value,
		      const char *lang);

/* The score (0..1) a value earns, or -1 when the question is not scored. */
double answer_score(const struct question *qu, const char *value);

/* Check that s is a date of the calendar written YYYY-MM-DD; returns 0,
 * or -1 with the reason (in lang) in err. */
int answer_check_date(const char *s, const char *lang, char *err, size_t errlen);

/* Check that s is valid UTF-8 without control characters (tab allowed)
 * and at most max bytes; returns 0, or -1 with the reason (in lang) in
 * err. */
int answer_check_text(const char *s, size_t max, const char *lang, char *err, size_t errlen);

/* The names cirt stores for answer states: "none", "value", "dont_know",
 * "not_applicable"; and back (returns -1 for an unknown name). */
const char *answer_state_name(enum answer_state state);
int answer_state_parse(const char *name, enum answer_state *state);

#endif
