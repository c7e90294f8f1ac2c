/* Fitting recommendations to answers: the rule is in recommend.h. */
#include "recommend.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Scores within this of the best count as the best (float noise). */
#define EPSILON 1e-9

const char *
horizon_name(enum horizon h)
{
	static const char *const names[] = {"", "short", "medium", "long"};

	return (size_t)h < sizeof(names) / sizeof(names[0]) ? names[h] : "";
}

const char *
effort_name(enum effort e)
{
	static const char *const names[] = {"", "low", "medium", "high"};

	return (size_t)e < sizeof(names) / sizeof(names[0]) ? names[e] : "";
}

/* ---- fitting ----------------------------------------------------------- */

/* A fitted recommendation and its place in the questionnaire: an
 * indicator's fallback comes before its questions, as in the file. */
struct placed {
	struct fitted fitted;
	size_t place;
};

static int
compare_placed(const void *a, const void *b)
{
	const struct placed *x = a;
	const struct placed *y = b;

	if (x->fitted.horizon != y->fitted.horizon)
		return x->fitted.horizon < y->fitted.horizon ? -1 : 1;
	if (x->fitted.gain != y->fitted.gain)
		return x->fitted.gain > y->fitted.gain ? -1 : 1;
	return (x->place > y->place) - (x->place < y->place);
}

static enum horizon
horizon_of(const struct recommendation *rec)
{
	return rec->horizon == HORIZON_NONE ? HORIZON_MEDIUM : rec->horizon;
}

/* The recommendation for question qu answered with a (a value or don't
 * know): the answered choice's or level's, else the question's own, else
 * NULL (its indicator's applies). */
static const struct recommendation *
question_recommendation(const struct question *qu, const struct answer *a)
{
	if ((qu->type == QUESTION_SINGLE || qu->type == QUESTION_SCALE) && a &&
	    a->state == ANSWER_VALUE && a->value) {
		const struct choice *c = question_find_choice(qu, a->value);

		if (c && c->recommendation.text.count > 0)
			return &c->recommendation;
	}
	return qu->recommendation.text.count > 0 ? &qu->recommendation : NULL;
}

size_t
recommend_fit(const struct questionnaire *q, const struct answer_set *answers,
	      const struct score_result *s, struct fitted **out)
{
	const struct answer **by_question = xcalloc(q->question_count + 1, sizeof(*by_question));
	/* room for every question and every indicator's fallback */
	struct placed *list = xcalloc(q->question_count + q->indicator_count + 1, sizeof(*list));
	size_t n = 0;

	answer_set_index(q, answers, by_question);
	for (size_t i = 0; i < q->indicator_count; i++) {
		const struct indicator *in = &q->indicators[i];
		double weights = 0;
		double fallback = 0; /* the gains of the questions that fall back */
		int falls_back = 0;

		if (!s->indicators[i].counted)
			continue;
		for (size_t k = 0; k < in->question_count; k++) {
			size_t j = in->first_question + k;

			if (s->questions[j].counted)
				weights += q->questions[j].weight;
		}
		for (size_t k = 0; k < in->question_count && weights > 0; k++) {
			size_t j = in->first_question + k;
			const struct question *qu = &q->questions[j];
			const struct question_score *qs = &s->questions[j];
			double best = question_max_score(qu);
			const struct recommendation *rec;
			double gain;

			if (!qs->shown || !qs->counted || !qs->answered ||
			    qs->score >= best - EPSILON)
				continue;
			gain = s->indicators[i].worth * qu->weight * (best - qs->score) / weights;
			rec = question_recommendation(qu, by_question[j]);
			if (rec == NULL) {
				fallback += gain;
				falls_back = 1;
				continue;
			}
			list[n].fitted = (struct fitted){rec, i, j, gain, horizon_of(rec)};
			list[n].place = 2 * j + 1;
			n++;
		}
		if (falls_back) {
			list[n].fitted =
				(struct fitted){&in->recommendation, i, RECOMMEND_INDICATOR,
						fallback, horizon_of(&in->recommendation)};
			list[n].place = 2 * in->first_question;
			n++;
		}
	}
	qsort(list, n, sizeof(*list), compare_placed);
	*out = NULL;
	if (n > 0) {
		*out = xcalloc(n, sizeof(**out));
		for (size_t k = 0; k < n; k++)
			(*out)[k] = list[k].fitted;
	}
	free(list);
	free(by_question);
	return n;
}
