/* Turning answers into indicator, pillar and overall scores. */
#include "score.h"

#include <math.h>
#include <stdio.h>
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

#define SUMMARY_MAGIC "cirt-score 1"

char *
score_summary_text(const struct questionnaire *q, const struct score_result *r)
{
	/* each line at most 6 numbers of at most 25 characters and a space */
	size_t size = 64 + (1 + q->pillar_count + q->indicator_count) * 6 * 26;
	char *out = xmalloc(size);
	size_t n = 0;

	n += (size_t)snprintf(out + n, size - n,
			      SUMMARY_MAGIC " %zu %zu\n%.17g %zu %zu %zu %.17g\n", q->pillar_count,
			      q->indicator_count, r->overall, r->tier, r->shown, r->answered,
			      r->completeness);
	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar_score *ps = &r->pillars[p];

		n += (size_t)snprintf(out + n, size - n, "%d %.17g %.17g %.17g %zu %zu\n",
				      ps->counted, ps->score, ps->points, ps->worth, ps->shown,
				      ps->answered);
	}
	for (size_t i = 0; i < q->indicator_count; i++) {
		const struct indicator_score *is = &r->indicators[i];

		n += (size_t)snprintf(out + n, size - n, "%d %.17g %.17g %.17g %d\n", is->counted,
				      is->score, is->points, is->worth, (int)is->status);
	}
	return out;
}

/* Read a number of the summary at *p (a double, or a count when count is
 * set), moving past it; -1 when there is none. */
static int
summary_number(const char **p, double *out, int count)
{
	char *end;

	if (**p == ' ' || **p == '\n')
		(*p)++;
	if (count && (**p < '0' || **p > '9'))
		return -1;
	*out = strtod(*p, &end);
	if (end == *p || !isfinite(*out))
		return -1;
	*p = end;
	return 0;
}

int
score_summary_read(const struct questionnaire *q, const char *text, struct score_result *out)
{
	size_t magic = strlen(SUMMARY_MAGIC);
	const char *p = text;
	double v[6];
	struct score_result r = {0};

	if (strncmp(p, SUMMARY_MAGIC, magic) != 0)
		return -1;
	p += magic;
	if (summary_number(&p, &v[0], 1) < 0 || summary_number(&p, &v[1], 1) < 0 ||
	    v[0] != (double)q->pillar_count || v[1] != (double)q->indicator_count)
		return -1;
	for (int k = 0; k < 5; k++)
		if (summary_number(&p, &v[k], k > 0 && k < 4) < 0)
			return -1;
	if (v[1] >= (double)q->tier_count || v[2] > (double)q->question_count ||
	    v[3] > (double)q->question_count)
		return -1;
	r.overall = v[0];
	r.tier = (size_t)v[1];
	r.shown = (size_t)v[2];
	r.answered = (size_t)v[3];
	r.completeness = v[4];
	r.questions = xcalloc(q->question_count + 1, sizeof(*r.questions));
	r.indicators = xcalloc(q->indicator_count + 1, sizeof(*r.indicators));
	r.pillars = xcalloc(q->pillar_count + 1, sizeof(*r.pillars));
	for (size_t i = 0; i < q->pillar_count; i++) {
		struct pillar_score *ps = &r.pillars[i];

		for (int k = 0; k < 6; k++)
			if (summary_number(&p, &v[k], k == 0 || k > 3) < 0)
				goto bad;
		if (v[0] > 1 || v[4] > (double)q->question_count || v[5] > v[4])
			goto bad;
		ps->counted = (int)v[0];
		ps->score = v[1];
		ps->points = v[2];
		ps->worth = v[3];
		ps->shown = (size_t)v[4];
		ps->answered = (size_t)v[5];
	}
	for (size_t i = 0; i < q->indicator_count; i++) {
		struct indicator_score *is = &r.indicators[i];

		for (int k = 0; k < 5; k++)
			if (summary_number(&p, &v[k], k == 0 || k == 4) < 0)
				goto bad;
		if (v[0] > 1 || v[4] > STATUS_NOT_APPLICABLE)
			goto bad;
		is->counted = (int)v[0];
		is->score = v[1];
		is->points = v[2];
		is->worth = v[3];
		is->status = (enum indicator_status)(int)v[4];
	}
	if (strcmp(p, "\n") != 0)
		goto bad;
	*out = r;
	return 0;
bad:
	score_result_release(&r);
	return -1;
}
