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

/* For each question of q, its answer in s as answer_set_find gives it (the
 * first of several), or NULL: out has q->question_count slots. In
 * O((questions + answers) log answers), where a search per question would
 * be O(questions x answers). */
void answer_set_index(const struct questionnaire *q, const struct answer_set *s,
		      const struct answer **out);

/* answer_set_visibility with the answers already indexed by question. */
void answer_index_visibility(const struct questionnaire *q, const struct answer **by_question,
			     unsigned char *shown);

/* Work out which questions of q are shown given these answers (see
 * questionnaire_visibility); shown holds q->question_count entries. */
void answer_set_visibility(const struct questionnaire *q, const struct answer_set *answers,
			   unsigned char *shown);

/* Whether the answer counts as answered (a value, don't know or not
 * applicable). a may be NULL. */
int answer_is_given(const struct answer *a);

/* Where an answer comes from: typed in a session, or read from an import
 * file.
 *
 * Typed: every list is numbered from 1, scales included ("1" is a scale's
 * lowest level, whatever its value; yes is 1 and no is 2); a choice is also
 * named by its value, its label (in the session's language or the default
 * one, in any case) or a start of its label that no other label shares. A
 * multiple choice answer names several, separated by commas or semicolons
 * ("1, 3", "Forensics; alerts"; Arabic and full-width ones too) or, when
 * they hold no white space, by spaces ("1 3"); a run of pieces that spells a whole label with its
 * commas is that label ("Children, parents and teachers"). "-" or the
 * word for none (answer_keyword) chooses none of them.
 *
 * Imported: choice values or labels, a scale's level by its own value (0
 * to N), multiple choices as values separated by spaces, commas or
 * semicolons, "-" for none.
 *
 * Both take the words for yes and no of every language cirt knows, and
 * those for don't know and not applicable in English and in lang (dk, na,
 * "ne sait pas", "не знаю"...), which come before any other reading. */
enum answer_input { ANSWER_INPUT_TYPED, ANSWER_INPUT_IMPORT };

/* Parse input as an answer to qu. On success sets *state and *value (the
 * canonical value, owned by the caller; NULL unless ANSWER_VALUE) and
 * returns 0; otherwise returns -1 with an explanation in lang in err, such
 * as "'12' is outside the allowed range (0 – 10)", "'5' is not on the
 * list; choose 1 to 4" or "'It is' matches several choices; ...: 2) It is
 * planned; 3) It is operational" (cut with "…" to fit errlen). Numbers take
 * spaces between groups of three digits, and a decimal comma in the
 * languages that write one; "1,000" (and "1.000" where the decimal mark is
 * a comma) is refused as ambiguous. */
int answer_parse(const struct question *qu, const char *input, const char *lang,
		 enum answer_input mode, enum answer_state *state, char **value, char *err,
		 size_t errlen);

/* The words that stand for an answer or a choice, whatever the question. */
enum answer_keyword {
	ANSWER_KEYWORD_YES,
	ANSWER_KEYWORD_NO,
	ANSWER_KEYWORD_DONT_KNOW,
	ANSWER_KEYWORD_NOT_APPLICABLE,
	ANSWER_KEYWORD_NONE, /* no choice of a multiple choice question */
	ANSWER_KEYWORD_COUNT
};

/* The word for k in lang as a hint shows it: "dk", "nsp" in French, "нз"
 * in Russian; English for a language cirt has no words in (cirt knows
 * those of en, fr, es, ru, ar and zh, and "fr-CA" is French). Borrowed. */
const char *answer_keyword(const char *lang, enum answer_keyword k);

/* Whether input (white space around it ignored, in any case) is one of the
 * words for k in English or in lang: "yes", "y", "oui", "да", "don't
 * know", "не знаю"... A confirmation prompt can take yes and no this way. */
int answer_is_keyword(const char *input, const char *lang, enum answer_keyword k);

/* The number that names the choice whose value is value when typed: its
 * place in the list from 1 (yes 1, no 2, a scale's lowest level 1), or 0
 * when qu has no such choice. */
size_t answer_choice_number(const struct question *qu, const char *value);

/* A readable form of an answer in lang: choice labels rather than values,
 * "don't know", and so on. Owned by the caller. */
char *answer_describe(const struct question *qu, enum answer_state state, const char *value,
		      const char *lang);

/* The score (0..1) a value earns, or -1 when the question is not scored. */
double answer_score(const struct question *qu, const char *value);

/* Evidence is a list of items, one a line ("\n" between them): check
 * that each item is text answer_check_text takes, none empty, all of them
 * at most max bytes. Returns 0, or -1 with the reason in err. */
int answer_check_evidence(const char *s, size_t max, const char *lang, char *err, size_t errlen);

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
