/* The session engine: the state and rules of an interview, with no
 * terminal in it. It knows where the assessor is, which questions are
 * shown, what a change would hide, and it commits every change to the
 * store before saying it is saved. The terminal session (session.c) is one
 * front end over it; another (a web page) can be a second without copying
 * its rules. */
#ifndef CIRT_ENGINE_H
#define CIRT_ENGINE_H

#include <stddef.h>

#include "answer.h"
#include "attachment.h"
#include "chain.h"
#include "error.h"
#include "questionnaire.h"
#include "store.h"

/* Read-only for front ends, but for cur (move with the engine_go_*
 * functions). */
struct engine {
	struct store *store;
	const struct questionnaire *q;
	struct assessment *a;
	const char *lang;
	const char *assessor;
	struct answer_set answers;
	const struct answer **by_index; /* the answer to question i, or NULL */
	unsigned char *shown;		/* whether question i is shown */
	unsigned char *disputed;	/* whether a merge left question i in conflict */
	size_t cur;			/* the current question; q->question_count is the end */
	struct meeting meeting;		/* the meeting in progress; id NULL when none */
	size_t unsaved;			/* changes the store refused */
	char last_error[512];		/* why the last one was refused */
};

/* Start on assessment a (a->id 0: not stored yet) for assessor, in lang,
 * at the question where the last session on it stopped, else the first
 * unanswered one shown. Returns 0, or -1 with err set (release e anyway). */
int engine_init(struct engine *e, struct store *store, const struct questionnaire *q,
		struct assessment *a, const char *lang, const char *assessor, struct error *err);
void engine_release(struct engine *e);

/* Whether question i has an answer (a value, don't know or n/a). */
int engine_answered(const struct engine *e, size_t i);

/* The next (prev) question shown after (before) i; q->question_count when
 * there is none. */
size_t engine_next(const struct engine *e, size_t i);
size_t engine_prev(const struct engine *e, size_t i);

struct engine_progress {
	size_t shown;
	size_t answered;
	size_t position; /* of cur among the questions shown, from 1 */
	size_t skipped;	 /* shown and unanswered before cur */
	size_t remaining;
	size_t flagged;
	size_t hidden_answers; /* answers kept for questions now hidden */
};

struct engine_progress engine_progress(const struct engine *e);

/* The questions answered now that answering question i with (state,
 * value) would hide: their indexes into hidden (room for
 * q->question_count), and how many. */
size_t engine_would_hide(const struct engine *e, size_t i, enum answer_state state,
			 const char *value, size_t *hidden);

/* What became of a change. */
enum engine_saved {
	ENGINE_SAVED,	  /* committed */
	ENGINE_UNCHANGED, /* it changed nothing */
	ENGINE_NOT_SAVED, /* the store failed: e->last_error says why */
	ENGINE_REFUSED,	  /* not allowed (a file too big, no such number): the same */
};

/* Commit change c (the meeting in progress added) and read the answers
 * back. Returns 0 with *saved, or -1 with err set when the store cannot
 * go on. */
int engine_commit(struct engine *e, struct answer_change *c, enum engine_saved *saved,
		  struct error *err);

/* Answer the current question; reason may be NULL. */
int engine_answer(struct engine *e, enum answer_state state, const char *value, const char *reason,
		  enum engine_saved *saved, struct error *err);

/* Whether answering the current question with (state, value) changes an
 * answer it has (and so wants a reason). */
int engine_changes_answer(const struct engine *e, enum answer_state state, const char *value);

/* Set the current question's evidence (evidence) or note to text ("" to
 * clear), or turn its flag over. */
int engine_set_text(struct engine *e, int evidence, const char *text, enum engine_saved *saved,
		    struct error *err);
int engine_toggle_flag(struct engine *e, enum engine_saved *saved, struct error *err);

/* Attach the file at path to the current question (in the meeting in
 * progress); or remove its attachment number n (from 1, in the order
 * engine_attachments gives). Return 0 with *saved, or -1 with err set
 * when the store cannot go on; a refusal (a file too big, unreadable, or
 * no such number) is ENGINE_REFUSED with e->last_error saying why. */
int engine_attach(struct engine *e, const char *path, enum engine_saved *saved, struct error *err);
int engine_detach(struct engine *e, size_t n, enum engine_saved *saved, struct error *err);

/* Attach data (size bytes) under name, as engine_attach does a file: a
 * refusal (empty, too big, a name not acceptable) is ENGINE_REFUSED. */
int engine_attach_data(struct engine *e, const char *name, const unsigned char *data, size_t size,
		       enum engine_saved *saved, struct error *err);

/* An evidence list (an item a line) with item n (from 1) taken out,
 * owned by the caller; NULL when there is no such item. */
char *engine_evidence_without(const char *evidence, size_t n);

/* The attachments of question i (metadata only; attachments_release). */
int engine_attachments(const struct engine *e, size_t i, struct attachment **out, size_t *count,
		       struct error *err);

/* Go to the question named by id (any case): 0; -1 when there is none;
 * -2 when it is hidden. */
int engine_go_id(struct engine *e, const char *id);

/* Go to the first question shown of pillar k (from 1): 0, or -1. */
int engine_go_pillar(struct engine *e, size_t k);

/* The number (from 1) of question i among the questions shown, or 0
 * when it is hidden; and the question shown with number n (or
 * q->question_count). */
size_t engine_number(const struct engine *e, size_t i);
size_t engine_numbered(const struct engine *e, size_t n);

/* Which questions engine_find looks for. */
enum engine_find { ENGINE_UNANSWERED, ENGINE_FLAGGED, ENGINE_DISPUTED };

/* The next question shown after the current one (going round) that is
 * unanswered, flagged or disputed; q->question_count when none is. */
size_t engine_find(const struct engine *e, enum engine_find what);

/* Remember where the session is, for the next one on this assessment. */
void engine_save_position(struct engine *e);

/* ---- findings ---------------------------------------------------------- */

/* The pillar k names, as everywhere in cirt: its id (in any case) or its
 * number from 1. Returns its index, or -1 when k names none. */
long engine_pillar_named(const struct questionnaire *q, const char *k);

/* The text of the finding on pillar (its id; "" for the executive
 * summary), "" when there is none: 0 with *text owned by the caller, or
 * -1 with err set. */
int engine_finding(const struct engine *e, const char *pillar, char **text, struct error *err);

/* Give the finding on pillar the text text, which chain_finding_text
 * made ("" removes it); an assessment not stored yet is created with it.
 * Returns 0 with *saved (ENGINE_UNCHANGED when it has that text already;
 * ENGINE_NOT_SAVED, with e->last_error, when the store refused), or -1
 * with err set when the store cannot go on. */
int engine_set_finding(struct engine *e, const char *pillar, const char *text,
		       enum engine_saved *saved, struct error *err);

/* ---- meetings ---------------------------------------------------------- */

/* Read the argument of ":with" into m (owned, released by the caller):
 * "ORG, ROLE (NAME); ROLE, YYYY-MM-DD" names a new meeting (date default
 * today); "ORG" or "N" takes up one named before among list. Returns 0
 * with m filled; 1 when arg names an earlier meeting, *index set; -1 with
 * the reason in message; -2 when arg matches several earlier meetings. */
int engine_meeting_parse(const struct engine *e, const char *arg, const struct meeting *list,
			 size_t n, struct meeting *m, size_t *index, char *message, size_t size);

/* Make m the meeting in progress (a copy), or end it (m NULL). */
void engine_use_meeting(struct engine *e, const struct meeting *m);

#endif
