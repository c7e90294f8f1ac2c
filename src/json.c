/* JSON documents through jansson. */
#include "json.h"

#include <stdlib.h>

#include <jansson.h>

static json_t *
string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
answer_object(const struct answer *w, const struct question *qu, const char *lang)
{
	json_t *o = json_object();

	json_object_set_new(o, "question_id", json_string(w->question_id));
	json_object_set_new(o, "state", json_string(answer_state_name(w->state)));
	json_object_set_new(o, "value", string_or_null(w->value));
	if (qu) {
		char *d = answer_describe(qu, w->state, w->value, lang);

		json_object_set_new(o, "answer", json_string(d));
		free(d);
		json_object_set_new(o, "question", json_string(text_get(&qu->text, lang)));
	} else {
		json_object_set_new(o, "answer", json_null());
		json_object_set_new(o, "question", json_null());
	}
	json_object_set_new(o, "evidence", json_string(w->evidence));
	json_object_set_new(o, "comment", json_string(w->comment));
	json_object_set_new(o, "flagged", json_boolean(w->flagged));
	json_object_set_new(o, "answered_by", json_string(w->answered_by));
	json_object_set_new(o, "answered_at", json_string(w->answered_at));
	json_object_set_new(o, "in_questionnaire", json_boolean(qu != NULL));
	return o;
}

int
json_write_answers(FILE *out, const struct assessment *a, const struct questionnaire *q,
		   const struct answer_set *answers, const char *lang)
{
	json_t *doc = json_object();
	json_t *quest = json_object();
	json_t *list = json_array();
	int r;

	json_object_set_new(doc, "country", json_string(a->country));
	json_object_set_new(doc, "cycle", json_integer(a->cycle));
	json_object_set_new(doc, "status", json_string(a->final ? "final" : "draft"));
	json_object_set_new(doc, "assessors", json_string(a->assessors));
	json_object_set_new(doc, "mission_start", json_string(a->mission_start));
	json_object_set_new(doc, "mission_end", json_string(a->mission_end));
	json_object_set_new(quest, "id", json_string(a->questionnaire_id));
	json_object_set_new(quest, "version", json_string(a->questionnaire_version));
	json_object_set_new(quest, "sha256", json_string(a->questionnaire_sha256));
	json_object_set_new(doc, "questionnaire", quest);
	json_object_set_new(doc, "language", json_string(lang));
	for (size_t i = 0; i < q->question_count; i++) {
		const struct answer *w = answer_set_find(answers, q->questions[i].id);

		if (w)
			json_array_append_new(list, answer_object(w, &q->questions[i], lang));
	}
	for (size_t i = 0; i < answers->count; i++)
		if (!questionnaire_find_question(q, answers->items[i].question_id))
			json_array_append_new(list, answer_object(&answers->items[i], NULL, lang));
	json_object_set_new(doc, "answers", list);
	r = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (r == 0)
		fputc('\n', out);
	return r;
}

/* Round to 4 decimals so the output reads well and is stable. */
static json_t *
number(double x)
{
	return json_real((double)(long long)(x * 10000 + (x < 0 ? -0.5 : 0.5)) / 10000);
}

int
json_write_scores(FILE *out, const struct assessment *a, const struct questionnaire *q,
		  const struct score_result *r, const char *lang)
{
	json_t *doc = json_object();
	json_t *pillars = json_array();
	int rc;

	json_object_set_new(doc, "country", json_string(a->country));
	json_object_set_new(doc, "cycle", json_integer(a->cycle));
	json_object_set_new(doc, "status", json_string(a->final ? "final" : "draft"));
	json_object_set_new(doc, "questionnaire", json_string(q->id));
	json_object_set_new(doc, "questionnaire_version", json_string(q->version));
	json_object_set_new(doc, "overall", number(r->overall));
	json_object_set_new(doc, "tier", json_string(q->tiers[r->tier].id));
	json_object_set_new(doc, "tier_name", json_string(text_get(&q->tiers[r->tier].name, lang)));
	json_object_set_new(doc, "completeness", number(r->completeness));
	json_object_set_new(doc, "questions_shown", json_integer((json_int_t)r->shown));
	json_object_set_new(doc, "questions_answered", json_integer((json_int_t)r->answered));
	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar_score *ps = &r->pillars[p];
		json_t *o = json_object();
		json_t *indicators = json_array();

		json_object_set_new(o, "id", json_string(q->pillars[p].id));
		json_object_set_new(o, "title", json_string(text_get(&q->pillars[p].title, lang)));
		json_object_set_new(o, "counted", json_boolean(ps->counted));
		json_object_set_new(o, "score", number(ps->score));
		json_object_set_new(o, "points", number(ps->points));
		json_object_set_new(o, "worth", number(ps->worth));
		json_object_set_new(o, "questions_shown", json_integer((json_int_t)ps->shown));
		json_object_set_new(o, "questions_answered",
				    json_integer((json_int_t)ps->answered));
		for (size_t k = 0; k < q->pillars[p].indicator_count; k++) {
			size_t i = q->pillars[p].first_indicator + k;
			const struct indicator_score *is = &r->indicators[i];
			json_t *x = json_object();

			json_object_set_new(x, "id", json_string(q->indicators[i].id));
			json_object_set_new(x, "title",
					    json_string(text_get(&q->indicators[i].title, lang)));
			json_object_set_new(x, "score", number(is->score));
			json_object_set_new(x, "points", number(is->points));
			json_object_set_new(x, "worth", number(is->worth));
			json_object_set_new(x, "status",
					    json_string(score_status_name(is->status)));
			json_array_append_new(indicators, x);
		}
		json_object_set_new(o, "indicators", indicators);
		json_array_append_new(pillars, o);
	}
	json_object_set_new(doc, "pillars", pillars);
	rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (rc == 0)
		fputc('\n', out);
	return rc;
}

int
json_write_comparison(FILE *out, const struct questionnaire *q, const struct compare *c,
		      int sensitivity, const char *weights, const char *lang)
{
	json_t *doc = json_object();
	json_t *entries = json_array();
	json_t *means = json_object();
	json_t *histogram = json_array();
	int rc;

	json_object_set_new(doc, "questionnaire", json_string(q->id));
	json_object_set_new(doc, "questionnaire_version", json_string(q->version));
	json_object_set_new(doc, "weights", weights ? json_string(weights) : json_null());
	json_object_set_new(doc, "count", json_integer((json_int_t)c->count));
	json_object_set_new(doc, "mean_overall", number(c->mean_overall));
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];
		json_t *o = json_object();
		json_t *pillars = json_object();

		json_object_set_new(o, "rank", json_integer((json_int_t)e->rank));
		json_object_set_new(o, "tied", json_boolean(e->tied));
		json_object_set_new(o, "country", json_string(e->country));
		json_object_set_new(o, "name", json_string(e->info ? e->info->name : ""));
		json_object_set_new(o, "region",
				    e->info ? json_string(region_code(e->info->region))
					    : json_null());
		json_object_set_new(o, "cycle", json_integer(e->cycle));
		for (size_t p = 0; p < q->pillar_count; p++)
			json_object_set_new(pillars, q->pillars[p].id,
					    e->score.pillars[p].counted
						    ? number(e->score.pillars[p].points)
						    : json_null());
		json_object_set_new(o, "pillars", pillars);
		json_object_set_new(o, "overall", number(e->score.overall));
		json_object_set_new(o, "tier", json_string(q->tiers[e->score.tier].id));
		json_object_set_new(o, "tier_name",
				    json_string(text_get(&q->tiers[e->score.tier].name, lang)));
		json_object_set_new(o, "completeness", number(e->score.completeness));
		json_object_set_new(o, "incomplete", json_boolean(e->score.completeness < 1));
		if (e->has_previous) {
			json_t *prev = json_object();

			json_object_set_new(prev, "cycle", json_integer(e->previous_cycle));
			json_object_set_new(prev, "overall", number(e->previous_overall));
			json_object_set_new(prev, "change",
					    number(e->score.overall - e->previous_overall));
			json_object_set_new(o, "previous", prev);
		} else {
			json_object_set_new(o, "previous", json_null());
		}
		if (sensitivity) {
			json_t *range = json_object();

			json_object_set_new(range, "best_rank",
					    json_integer((json_int_t)e->rank_low));
			json_object_set_new(range, "worst_rank",
					    json_integer((json_int_t)e->rank_high));
			json_object_set_new(o, "sensitivity", range);
		}
		json_array_append_new(entries, o);
	}
	json_object_set_new(doc, "entries", entries);
	for (int r = 0; r < REGION_COUNT; r++) {
		json_t *m;

		if (c->region_counts[r] == 0)
			continue;
		m = json_object();
		for (size_t p = 0; p < q->pillar_count && p < 32; p++)
			json_object_set_new(m, q->pillars[p].id,
					    c->region_means[r][p] < 0
						    ? json_null()
						    : number(c->region_means[r][p]));
		json_object_set_new(means, region_code((enum region)r), m);
	}
	json_object_set_new(doc, "regional_pillar_means", means);
	for (size_t b = 0; b < 10; b++)
		json_array_append_new(histogram, json_integer((json_int_t)c->histogram[b]));
	json_object_set_new(doc, "histogram", histogram);
	rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (rc == 0)
		fputc('\n', out);
	return rc;
}
