/* Turning answers into indicator, pillar and overall scores. */
#include "score.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Scores are compared with thresholds after rounding away float noise, so
 * that 0.1 + 0.2 + ... reaching 55 exactly is 55. */
#define EPSILON 1e-9

enum indicator_status
score_status(double score)
{
	if (score >= SCORE_MET - EPSILON)
		return STATUS_MET;
	if (score > SCORE_PARTIAL + EPSILON)
		return STATUS_PARTIAL;
	return STATUS_NOT_MET;
}

const char *
score_status_name(enum indicator_status status)
{
	static const char *const names[] = {"not met", "partial", "met", "not applicable"};

	return names[status];
}

static void
score_questions(const struct questionnaire *q, const struct answer_set *answers,
		struct score_result *r)
{
	unsigned char *shown = xcalloc(q->question_count + 1, 1);
	const struct answer **by_question = xcalloc(q->question_count + 1, sizeof(*by_question));

	answer_set_index(q, answers, by_question);
	answer_index_visibility(q, by_question, shown);
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];
		const struct answer *w = by_question[i];
		struct question_score *s = &r->questions[i];

		s->shown = shown[i];
		if (!s->shown)
			continue;
		r->shown++;
		s->answered = answer_is_given(w);
		r->answered += (size_t)s->answered;
		r->pillars[qu->pillar].shown++;
		r->pillars[qu->pillar].answered += (size_t)s->answered;
		if (!question_is_scored(qu) || (w && w->state == ANSWER_NOT_APPLICABLE))
			continue;
		s->counted = 1;
		if (w && w->state == ANSWER_VALUE && w->value)
			s->score = answer_score(qu, w->value);
	}
	free(by_question);
	free(shown);
}

void
score_assessment(const struct questionnaire *q, const struct answer_set *answers,
		 struct score_result *r)
{
	double pillar_weights = 0;

	r->questions = xcalloc(q->question_count, sizeof(*r->questions));
	r->indicators = xcalloc(q->indicator_count, sizeof(*r->indicators));
	r->pillars = xcalloc(q->pillar_count, sizeof(*r->pillars));
	r->overall = 0;
	r->tier = 0;
	r->shown = 0;
	r->answered = 0;
	score_questions(q, answers, r);

	/* indicators: weighted means of their counted questions */
	for (size_t i = 0; i < q->indicator_count; i++) {
		const struct indicator *in = &q->indicators[i];
		struct indicator_score *s = &r->indicators[i];
		double sum = 0;
		double weights = 0;

		for (size_t k = 0; k < in->question_count; k++) {
			size_t j = in->first_question + k;

			if (!r->questions[j].counted)
				continue;
			sum += q->questions[j].weight * r->questions[j].score;
			weights += q->questions[j].weight;
		}
		s->counted = weights > 0;
		s->score = s->counted ? sum / weights : 0;
		s->status = s->counted ? score_status(s->score) : STATUS_NOT_APPLICABLE;
	}
	/* pillars: weighted means of their counted indicators */
	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar *pl = &q->pillars[p];
		struct pillar_score *s = &r->pillars[p];
		double sum = 0;
		double weights = 0;

		for (size_t k = 0; k < pl->indicator_count; k++) {
			size_t i = pl->first_indicator + k;

			if (!r->indicators[i].counted)
				continue;
			sum += q->indicators[i].weight * r->indicators[i].score;
			weights += q->indicators[i].weight;
		}
		s->counted = weights > 0;
		s->score = s->counted ? sum / weights : 0;
		if (s->counted)
			pillar_weights += pl->weight;
	}
	/* points: counted pillars share the 100 points by weight, and within a
	 * pillar its counted indicators share them by weight */
	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar *pl = &q->pillars[p];
		struct pillar_score *s = &r->pillars[p];
		double indicator_weights = 0;

		s->worth = s->counted ? 100.0 * pl->weight / pillar_weights : 0;
		s->points = s->worth * s->score;
		r->overall += s->points;
		for (size_t k = 0; k < pl->indicator_count; k++)
			if (r->indicators[pl->first_indicator + k].counted)
				indicator_weights += q->indicators[pl->first_indicator + k].weight;
		for (size_t k = 0; k < pl->indicator_count; k++) {
			size_t i = pl->first_indicator + k;
			struct indicator_score *is = &r->indicators[i];

			if (!is->counted)
				continue;
			is->worth = s->worth * q->indicators[i].weight / indicator_weights;
			is->points = is->worth * is->score;
		}
	}
	for (size_t t = 0; t < q->tier_count; t++)
		if (r->overall + EPSILON >= q->tiers[t].min)
			r->tier = t;
	r->completeness = r->shown ? (double)r->answered / (double)r->shown : 0;
}

void
score_result_release(struct score_result *r)
{
	free(r->questions);
	free(r->indicators);
	free(r->pillars);
	r->questions = NULL;
	r->indicators = NULL;
	r->pillars = NULL;
}

double
score_gain(const struct score_result *r, size_t i)
{
	const struct indicator_score *s = &r->indicators[i];

	return s->counted ? s->worth - s->points : 0;
}

size_t
score_path_to_next_tier(const struct questionnaire *q, const struct score_result *r, size_t *order,
			int *reachable)
{
	size_t n = 0;
	double needed;
	double total = 0;

	*reachable = 0;
	if (r->tier + 1 >= q->tier_count)
		return 0;
	needed = q->tiers[r->tier + 1].min - r->overall;
	/* the largest gains first give the fewest indicators; ties keep
	 * document order (an insertion sort: stable, and lists are short) */
	for (size_t i = 0; i < q->indicator_count; i++) {
		double g = score_gain(r, i);
		size_t k = n;

		if (g <= EPSILON)
			continue;
		while (k > 0 && score_gain(r, order[k - 1]) < g) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
		n++;
	}
	for (size_t k = 0; k < n; k++) {
		total += score_gain(r, order[k]);
		if (total + EPSILON >= needed) {
			*reachable = 1;
			return k + 1;
		}
	}
	return 0;
}

/* ---- summaries -------------------------------------------------------- */

/* "CS1", the number of pillars, then the overall score, tier, shown,
 * answered and completeness, then per pillar counted, score, points,
 * worth, shown and answered: counts as 4 bytes, scores as the 8 bytes of
 * the IEEE 754 double, all most significant byte first, so that a summary
 * reads the same on any machine. */
#define SUMMARY_MAGIC "CS1"
#define SUMMARY_HEAD (4 + 4 + 8 + 4 + 4 + 4 + 8)
#define SUMMARY_PILLAR (4 + 8 + 8 + 8 + 4 + 4)

static unsigned char *
put_count(unsigned char *p, size_t v)
{
	uint32_t x = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;

	for (int i = 3; i >= 0; i--)
		*p++ = (unsigned char)(x >> (8 * i));
	return p;
}

static unsigned char *
put_double(unsigned char *p, double v)
{
	uint64_t x;

	memcpy(&x, &v, sizeof(x));
	for (int i = 7; i >= 0; i--)
		*p++ = (unsigned char)(x >> (8 * i));
	return p;
}

static const unsigned char *
get_count(const unsigned char *p, size_t *v)
{
	uint32_t x = 0;

	for (int i = 0; i < 4; i++)
		x = x << 8 | p[i];
	*v = x;
	return p + 4;
}

/* NULL when the number is not finite */
static const unsigned char *
get_double(const unsigned char *p, double *v)
{
	uint64_t x = 0;

	for (int i = 0; i < 8; i++)
		x = x << 8 | p[i];
	memcpy(v, &x, sizeof(*v));
	return isfinite(*v) ? p + 8 : NULL;
}

unsigned char *
score_summary(const struct questionnaire *q, const struct score_result *r, size_t *size)
{
	unsigned char *out;
	unsigned char *p;

	*size = SUMMARY_HEAD + q->pillar_count * SUMMARY_PILLAR;
	out = xmalloc(*size);
	memcpy(out, SUMMARY_MAGIC, 4);
	p = put_count(out + 4, q->pillar_count);
	p = put_double(p, r->overall);
	p = put_count(p, r->tier);
	p = put_count(p, r->shown);
	p = put_count(p, r->answered);
	p = put_double(p, r->completeness);
	for (size_t i = 0; i < q->pillar_count; i++) {
		const struct pillar_score *ps = &r->pillars[i];

		p = put_count(p, (size_t)ps->counted);
		p = put_double(p, ps->score);
		p = put_double(p, ps->points);
		p = put_double(p, ps->worth);
		p = put_count(p, ps->shown);
		p = put_count(p, ps->answered);
	}
	return out;
}

int
score_summary_read(const struct questionnaire *q, const unsigned char *data, size_t size,
		   struct score_result *out)
{
	const unsigned char *p = data;
	struct score_result r = {0};
	size_t pillars;
	size_t counted;

	if (size < SUMMARY_HEAD || memcmp(p, SUMMARY_MAGIC, 4) != 0)
		return -1;
	p = get_count(p + 4, &pillars);
	if (pillars != q->pillar_count || size != SUMMARY_HEAD + pillars * SUMMARY_PILLAR)
		return -1;
	p = get_double(p, &r.overall);
	if (p == NULL)
		return -1;
	p = get_count(p, &r.tier);
	p = get_count(p, &r.shown);
	p = get_count(p, &r.answered);
	p = get_double(p, &r.completeness);
	if (p == NULL || r.tier >= q->tier_count || r.shown > q->question_count ||
	    r.answered > r.shown)
		return -1;
	r.questions = xcalloc(q->question_count + 1, sizeof(*r.questions));
	r.indicators = xcalloc(q->indicator_count + 1, sizeof(*r.indicators));
	r.pillars = xcalloc(q->pillar_count + 1, sizeof(*r.pillars));
	for (size_t i = 0; i < pillars && p; i++) {
		struct pillar_score *ps = &r.pillars[i];

		p = get_count(p, &counted);
		ps->counted = counted == 1;
		p = get_double(p, &ps->score);
		if (p)
			p = get_double(p, &ps->points);
		if (p)
			p = get_double(p, &ps->worth);
		if (p) {
			p = get_count(p, &ps->shown);
			p = get_count(p, &ps->answered);
		}
		if (p && (counted > 1 || ps->answered > ps->shown || ps->shown > r.shown))
			p = NULL;
	}
	if (p == NULL) {
		score_result_release(&r);
		return -1;
	}
	*out = r;
	return 0;
}
