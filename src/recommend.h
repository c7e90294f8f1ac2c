/* Fitting recommendations to answers: what the answers show is missing,
 * never what is already in place. Pure: no I/O.
 *
 * For each question shown, counted and answered (a value or "don't know")
 * whose score falls short of its best: the recommendation of the choice or
 * level answered if it has one, else the question's own, else its
 * indicator's (given once per indicator, with the gains of all its
 * questions that fell back to it). Unanswered questions get none: they
 * are open items, not findings. */
#ifndef CIRT_RECOMMEND_H
#define CIRT_RECOMMEND_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "questionnaire.h"
#include "score.h"

#define RECOMMEND_INDICATOR SIZE_MAX /* question of an indicator's fallback */

struct fitted {
	const struct recommendation *rec;
	size_t indicator;
	size_t question;      /* index in q->questions, or RECOMMEND_INDICATOR */
	double gain;	      /* points the overall score gains when it is done */
	enum horizon horizon; /* rec->horizon, HORIZON_MEDIUM when it has none */
};

/* The recommendations that fit, ordered by horizon (short first), then
 * by gain (largest first), then in questionnaire order. Returns their
 * number; *out (NULL when 0) is the caller's to free. */
size_t recommend_fit(const struct questionnaire *q, const struct answer_set *answers,
		     const struct score_result *s, struct fitted **out);

/* The horizon, effort and body names as written in the file
 * ("short", "low", "law-enforcement"). */
const char *horizon_name(enum horizon h);
const char *effort_name(enum effort e);

#endif
