/* Turning answers into indicator, pillar and overall scores. */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
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

/* A number of the summary, which must be finite (else r is marked bad). */
static double
get_finite(struct bytes_in *r)
{
	double v = bytes_get_double(r);

	if (!isfinite(v))
		r->bad = 1;
	return v;
}

unsigned char *
score_summary(const struct questionnaire *q, const struct score_result *r, size_t *size)
{
	struct bytes_out o = {0};

	bytes_put(&o, SUMMARY_MAGIC, 4);
	bytes_put_u32(&o, q->pillar_count);
	bytes_put_double(&o, r->overall);
	bytes_put_u32(&o, r->tier);
	bytes_put_u32(&o, r->shown);
	bytes_put_u32(&o, r->answered);
	bytes_put_double(&o, r->completeness);
	for (size_t i = 0; i < q->pillar_count; i++) {
		const struct pillar_score *ps = &r->pillars[i];

		bytes_put_u32(&o, (size_t)ps->counted);
		bytes_put_double(&o, ps->score);
		bytes_put_double(&o, ps->points);
		bytes_put_double(&o, ps->worth);
		bytes_put_u32(&o, ps->shown);
		bytes_put_u32(&o, ps->answered);
	}
	*size = o.size;
	return o.data;
}

int
score_summary_read(const struct questionnaire *q, const unsigned char *data, size_t size,
		   struct score_result *out)
{
	struct bytes_in in = {data, data + size, 0};
	struct score_result r = {0};

	if (size < SUMMARY_HEAD || memcmp(data, SUMMARY_MAGIC, 4) != 0)
		return -1;
	in.p += 4;
	if (bytes_get_u32(&in) != q->pillar_count ||
	    size != SUMMARY_HEAD + q->pillar_count * SUMMARY_PILLAR)
		return -1;
	r.overall = get_finite(&in);
	r.tier = bytes_get_u32(&in);
	r.shown = bytes_get_u32(&in);
	r.answered = bytes_get_u32(&in);
	r.completeness = get_finite(&in);
	if (in.bad || r.tier >= q->tier_count || r.shown > q->question_count ||
	    r.answered > r.shown)
		return -1;
	r.questions = xcalloc(q->question_count + 1, sizeof(*r.questions));
	r.indicators = xcalloc(q->indicator_count + 1, sizeof(*r.indicators));
	r.pillars = xcalloc(q->pillar_count + 1, sizeof(*r.pillars));
	for (size_t i = 0; i < q->pillar_count && !in.bad; i++) {
		struct pillar_score *ps = &r.pillars[i];
		size_t counted = bytes_get_u32(&in);

		ps->counted = counted == 1;
		ps->score = get_finite(&in);
		ps->points = get_finite(&in);
		ps->worth = get_finite(&in);
		ps->shown = bytes_get_u32(&in);
		ps->answered = bytes_get_u32(&in);
		if (counted > 1 || ps->answered > ps->shown || ps->shown > r.shown)
			in.bad = 1;
	}
	if (in.bad) {
		score_result_release(&r);
		return -1;
	}
	*out = r;
	return 0;
}
