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
