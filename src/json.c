/* JSON documents through jansson. */
#include "json.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "term.h"
#include "utf8.h"
#include "xmalloc.h"

/* doc as JSON text in which every code point that term.h would not let
 * reach a terminal is written as a \u escape: the same document, safe to
 * show. jansson escapes the C0 controls in strings already; raw ones
 * outside strings are the indentation's line feeds. NULL when jansson
 * fails; owned by the caller. */
static char *
dump(const json_t *doc, size_t flags)
{
	char *text = json_dumps(doc, flags);
	char *out;
	size_t n = 0;

	if (text == NULL)
		return NULL;
	/* no byte becomes more than the six of \uXXXX */
	out = xreallocarray(NULL, strlen(text) + 1, 6);
	for (const char *p = text; *p;) {
		uint32_t cp;
		size_t len = utf8_decode(p, &cp);

		if (len == 0 || (cp >= 0x7F && term_is_unsafe(cp))) {
			n += (size_t)snprintf(out + n, 7, "\\u%04X", (unsigned)cp);
			p += len ? len : 1;
		} else {
			memcpy(out + n, p, len);
			n += len;
			p += len;
		}
	}
	out[n] = '\0';
	free(text);
	return out;
}

/* Write doc to out as dump gives it, and a line feed; 0, or -1 when
 * jansson failed. */
static int
write_document(FILE *out, const json_t *doc, size_t flags)
{
	char *text = dump(doc, flags);

	if (text == NULL)
		return -1;
	fputs(text, out);
	fputc('\n', out);
	free(text);
	return 0;
}

/* ---- an arena for parsing bundles --------------------------------------
 * A bundle's document is parsed, read into the bundle and dropped at once.
 * Its many small nodes come from large blocks that go all together, which
 * makes reading a large bundle about twice as fast as with malloc and free
 * per node. jansson's allocator is process-wide: the arena is in use only
 * for the length of parse_document. */

#define ARENA_BLOCK ((size_t)4 * 1024 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

static struct arena_block *arena;

static void *
arena_alloc(size_t size)
{
	size_t need = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	void *p;

	if (arena == NULL || arena->size - arena->used < need) {
		size_t block = need > ARENA_BLOCK ? need : ARENA_BLOCK;
		struct arena_block *b = malloc(sizeof(*b) + block);

		if (b == NULL)
			return NULL;
		b->next = arena;
		b->used = 0;
		b->size = block;
		arena = b;
	}
	p = (char *)arena->data + arena->used;
	arena->used += need;
	return p;
}

static void
arena_free(void *p)
{
	(void)p; /* the whole arena goes at once */
}

static void
arena_release(void)
{
	while (arena) {
		struct arena_block *next = arena->next;

		free(arena);
		arena = next;
	}
}

/* Parse data into a document whose nodes live in the arena; release it
 * with document_release. */
static json_t *
parse_document(const char *data, size_t size, json_error_t *je)
{
	json_t *doc;

	json_set_alloc_funcs(arena_alloc, arena_free);
	doc = json_loadb(data, size, JSON_REJECT_DUPLICATES, je);
	json_set_alloc_funcs(malloc, free);
	if (doc == NULL)
		arena_release();
	return doc;
}

static void
document_release(json_t *doc)
{
	(void)doc;
	arena_release();
}

static json_t *
string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* One answer; hidden: skip logic hides its question. */
static json_t *
answer_object(const struct answer *w, const struct question *qu, int hidden, const char *lang)
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
	json_object_set_new(o, "hidden", json_boolean(hidden));
	return o;
}

int
json_write_answers(FILE *out, const struct assessment *a, const struct questionnaire *q,
		   const struct answer_set *answers, const char *lang)
{
	json_t *doc = json_object();
	json_t *quest = json_object();
	json_t *list = json_array();
	unsigned char *shown = xcalloc(q->question_count + 1, 1);
	const struct answer **by_question = xcalloc(q->question_count + 1, sizeof(*by_question));
	json_int_t answered = 0;
	json_int_t hidden = 0;
	int r;

	answer_set_index(q, answers, by_question);
	answer_index_visibility(q, by_question, shown);
	for (size_t i = 0; i < q->question_count; i++) {
		int given = answer_is_given(by_question[i]);

		answered += shown[i] && given;
		hidden += !shown[i] && given;
	}
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
	/* as 'cirt assessments' counts: answers to the questions shown */
	json_object_set_new(doc, "answered", json_integer(answered));
	json_object_set_new(doc, "answered_hidden", json_integer(hidden));
	for (size_t i = 0; i < q->question_count; i++) {
		const struct answer *w = by_question[i];

		if (w)
			json_array_append_new(list,
					      answer_object(w, &q->questions[i], !shown[i], lang));
	}
	for (size_t i = 0; i < answers->count; i++)
		if (!questionnaire_find_question(q, answers->items[i].question_id))
			json_array_append_new(list,
					      answer_object(&answers->items[i], NULL, 0, lang));
	json_object_set_new(doc, "answers", list);
	free(shown);
	free(by_question);
	r = write_document(out, doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return r;
}

int
json_write_meetings(FILE *out, const struct assessment *a, const struct meeting *m, size_t n,
		    const size_t *answers, const size_t *changes)
{
	json_t *doc = json_object();
	json_t *list = json_array();
	int r;

	json_object_set_new(doc, "country", json_string(a->country));
	json_object_set_new(doc, "cycle", json_integer(a->cycle));
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_string(m[i].id));
		json_object_set_new(o, "date", json_string(m[i].met_on));
		json_object_set_new(o, "organisation", json_string(m[i].organisation));
		json_object_set_new(o, "people", json_string(m[i].people));
		json_object_set_new(o, "recorded_by", json_string(m[i].recorded_by));
		json_object_set_new(o, "recorded_at", json_string(m[i].recorded_at));
		json_object_set_new(o, "answers", json_integer((json_int_t)answers[i]));
		json_object_set_new(o, "changes", json_integer((json_int_t)changes[i]));
		json_array_append_new(list, o);
	}
	json_object_set_new(doc, "meetings", list);
	r = write_document(out, doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return r;
}

int
json_write_attachments(FILE *out, const struct assessment *a, const struct attachment *list,
		       size_t n)
{
	json_t *doc = json_object();
	json_t *items = json_array();
	int r;

	json_object_set_new(doc, "country", json_string(a->country));
	json_object_set_new(doc, "cycle", json_integer(a->cycle));
	for (size_t i = 0; i < n; i++) {
		const struct attachment *at = &list[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_string(at->id));
		json_object_set_new(o, "question_id", json_string(at->question_id));
		json_object_set_new(o, "name", json_string(at->name));
		json_object_set_new(o, "type", json_string(at->type));
		json_object_set_new(o, "size", json_integer(at->size));
		json_object_set_new(o, "sha256", json_string(at->sha256));
		json_object_set_new(o, "added_by", json_string(at->added_by));
		json_object_set_new(o, "added_at", json_string(at->added_at));
		json_object_set_new(o, "source", string_or_null(at->source));
		json_array_append_new(items, o);
	}
	json_object_set_new(doc, "attachments", items);
	r = write_document(out, doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
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
	rc = write_document(out, doc,
			    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
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
	rc = write_document(out, doc,
			    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
	return rc;
}

/* ---- bundles ----------------------------------------------------------- */

static json_t *
answer_json(const struct answer *w)
{
	json_t *o = json_object();

	json_object_set_new(o, "question_id", json_string(w->question_id));
	json_object_set_new(o, "state", json_string(answer_state_name(w->state)));
	json_object_set_new(o, "value", string_or_null(w->value));
	json_object_set_new(o, "evidence", json_string(w->evidence));
	json_object_set_new(o, "comment", json_string(w->comment));
	json_object_set_new(o, "flagged", json_boolean(w->flagged));
	json_object_set_new(o, "answered_by", json_string(w->answered_by));
	json_object_set_new(o, "answered_at", json_string(w->answered_at));
	json_object_set_new(o, "source", string_or_null(w->source));
	return o;
}

static json_t *
history_json(const struct history_entry *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "seq", json_integer(e->seq));
	json_object_set_new(o, "version", json_integer(e->version));
	json_object_set_new(o, "question_id", json_string(e->question_id));
	json_object_set_new(o, "field", json_string(e->field));
	json_object_set_new(o, "old_state", string_or_null(e->old_state));
	json_object_set_new(o, "old_value", string_or_null(e->old_value));
	json_object_set_new(o, "new_state", string_or_null(e->new_state));
	json_object_set_new(o, "new_value", string_or_null(e->new_value));
	json_object_set_new(o, "changed_by", json_string(e->changed_by));
	json_object_set_new(o, "changed_at", json_string(e->changed_at));
	json_object_set_new(o, "reason", json_string(e->reason));
	json_object_set_new(o, "source", string_or_null(e->source));
	if (e->origin)
		json_object_set_new(o, "origin", json_string(e->origin));
	json_object_set_new(o, "prev_hash", json_string(e->prev_hash));
	json_object_set_new(o, "hash", json_string(e->hash));
	return o;
}

static json_t *
attachment_json(const struct attachment *at)
{
	json_t *o = json_object();
	char *data = keys_base64(at->data, (size_t)at->size);

	json_object_set_new(o, "id", json_string(at->id));
	json_object_set_new(o, "question_id", json_string(at->question_id));
	json_object_set_new(o, "name", json_string(at->name));
	json_object_set_new(o, "type", json_string(at->type));
	json_object_set_new(o, "size", json_integer(at->size));
	json_object_set_new(o, "sha256", json_string(at->sha256));
	json_object_set_new(o, "added_by", json_string(at->added_by));
	json_object_set_new(o, "added_at", json_string(at->added_at));
	json_object_set_new(o, "source", string_or_null(at->source));
	json_object_set_new(o, "data", json_string(data));
	free(data);
	return o;
}

char *
json_bundle_text(const struct bundle *b)
{
	const struct assessment *a = &b->assessment;
	json_t *doc = json_object();
	json_t *q = json_object();
	json_t *as = json_object();
	json_t *answers = json_array();
	json_t *history = json_array();
	char *text;

	json_object_set_new(doc, "format", json_string(BUNDLE_FORMAT));
	json_object_set_new(doc, "format_version", json_integer(BUNDLE_VERSION));
	json_object_set_new(doc, "exported_at", json_string(b->exported_at));
	json_object_set_new(doc, "exported_by", json_string(b->exported_by));
	json_object_set_new(q, "id", json_string(b->questionnaire_id));
	json_object_set_new(q, "version", json_string(b->questionnaire_version));
	json_object_set_new(q, "sha256", json_string(b->questionnaire_sha256));
	json_object_set_new(doc, "questionnaire", q);
	json_object_set_new(as, "country", json_string(a->country));
	json_object_set_new(as, "cycle", json_integer(a->cycle));
	json_object_set_new(as, "status", json_string(a->final ? "final" : "draft"));
	json_object_set_new(as, "mission_start", json_string(a->mission_start));
	json_object_set_new(as, "mission_end", json_string(a->mission_end));
	json_object_set_new(as, "assessors", json_string(a->assessors));
	json_object_set_new(as, "created_at", json_string(a->created_at));
	json_object_set_new(as, "updated_at", json_string(a->updated_at));
	json_object_set_new(doc, "assessment", as);
	for (size_t i = 0; i < b->answers.count; i++)
		json_array_append_new(answers, answer_json(&b->answers.items[i]));
	json_object_set_new(doc, "answers", answers);
	for (size_t i = 0; i < b->history_count; i++)
		json_array_append_new(history, history_json(&b->history[i]));
	json_object_set_new(doc, "history", history);
	if (b->attachment_count) {
		json_t *list = json_array();

		for (size_t i = 0; i < b->attachment_count; i++)
			json_array_append_new(list, attachment_json(&b->attachments[i]));
		json_object_set_new(doc, "attachments", list);
	}
	text = dump(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return text;
}

char *
json_sealed_text(const struct sealed *s)
{
	json_t *doc = json_object();
	json_t *list = json_array();
	char *b;
	char *out;

	json_object_set_new(doc, "format", json_string(SEALED_FORMAT));
	json_object_set_new(doc, "format_version", json_integer(1));
	for (size_t i = 0; i < s->recipient_count; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "fingerprint", json_string(s->recipients[i].fingerprint));
		b = keys_base64(s->recipients[i].box, sizeof(s->recipients[i].box));
		json_object_set_new(o, "key", json_string(b));
		free(b);
		json_array_append_new(list, o);
	}
	json_object_set_new(doc, "recipients", list);
	b = keys_base64(s->nonce, sizeof(s->nonce));
	json_object_set_new(doc, "nonce", json_string(b));
	free(b);
	b = keys_base64(s->ciphertext, s->ciphertext_size);
	json_object_set_new(doc, "ciphertext", json_string(b));
	free(b);
	out = dump(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return out;
}

/* The bytes of base64 member key of o, of exactly want bytes (or, when
 * want is 0, of at most max); NULL when it is not. */
static unsigned char *
member_base64(json_t *o, const char *key, size_t want, size_t max, size_t *n)
{
	json_t *v = json_object_get(o, key);
	unsigned char *b;

	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return NULL;
	b = keys_unbase64(json_string_value(v), want ? want : max, n);
	if (b && want && *n != want) {
		free(b);
		return NULL;
	}
	return b;
}

/* Whether doc says it is a sealed bundle. */
static int
is_sealed(json_t *doc)
{
	json_t *format = json_object_get(doc, "format");

	return json_is_string(format) && strcmp(json_string_value(format), SEALED_FORMAT) == 0;
}

/* The sealed bundle doc holds (size bounds its content). */
static int
sealed_of(json_t *doc, size_t size, struct sealed *out, char *err, size_t errlen)
{
	json_t *list;
	unsigned char *b;
	size_t n;
	int status = -1;

	memset(out, 0, sizeof(*out));
	if (json_integer_value(json_object_get(doc, "format_version")) != 1 ||
	    !json_is_integer(json_object_get(doc, "format_version"))) {
		snprintf(err, errlen,
			 "sealed bundle format version is not 1; a newer cirt made it");
		goto out;
	}
	list = json_object_get(doc, "recipients");
	if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > 1000) {
		snprintf(err, errlen, "a sealed bundle without recipients");
		goto out;
	}
	out->recipients = xcalloc(json_array_size(list), sizeof(*out->recipients));
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		json_t *fp = json_object_get(o, "fingerprint");
		struct sealed_recipient *r = &out->recipients[i];

		if (!json_is_string(fp) || json_string_length(fp) != KEY_FINGERPRINT_SIZE - 1 ||
		    (b = member_base64(o, "key", sizeof(r->box), 0, &n)) == NULL) {
			snprintf(err, errlen, "recipient %zu of the sealed bundle is damaged",
				 i + 1);
			goto out;
		}
		memcpy(r->fingerprint, json_string_value(fp), KEY_FINGERPRINT_SIZE);
		memcpy(r->box, b, sizeof(r->box));
		free(b);
		out->recipient_count++;
	}
	b = member_base64(doc, "nonce", sizeof(out->nonce), 0, &n);
	if (b == NULL) {
		snprintf(err, errlen, "the sealed bundle's nonce is damaged");
		goto out;
	}
	memcpy(out->nonce, b, sizeof(out->nonce));
	free(b);
	out->ciphertext = member_base64(doc, "ciphertext", 0, size, &out->ciphertext_size);
	if (out->ciphertext == NULL) {
		snprintf(err, errlen, "the sealed bundle's content is damaged");
		goto out;
	}
	status = 0;
out:
	if (status != 0)
		sealed_release(out);
	return status;
}

int
json_sealed_parse(const char *data, size_t size, struct sealed *out, char *err, size_t errlen)
{
	json_error_t je;
	json_t *doc = parse_document(data, size, &je);
	int status = 1;

	memset(out, 0, sizeof(*out));
	if (doc == NULL) {
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	if (is_sealed(doc))
		status = sealed_of(doc, size, out, err, errlen);
	document_release(doc);
	return status;
}

/* Reading: the first problem found, with where it is. */
struct reader {
	char *err;
	size_t errlen;
	int failed;
};

static void __attribute__((format(printf, 2, 3))) bad(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return;
	r->failed = 1;
	va_start(ap, fmt);
	vsnprintf(r->err, r->errlen, fmt, ap);
	va_end(ap);
}

/* The string member key of o, copied; NULL (and a complaint unless
 * nullable) when it is missing, null or not a string. */
static char *
member_string(struct reader *r, json_t *o, const char *where, const char *key, int nullable)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v)) {
		if (!nullable)
			bad(r, "%s: '%s' is missing", where, key);
		return NULL;
	}
	if (!json_is_string(v)) {
		bad(r, "%s: '%s' is not a string", where, key);
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		bad(r, "%s: '%s' holds a NUL character", where, key);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

static long long
member_integer(struct reader *r, json_t *o, const char *where, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v)) {
		bad(r, "%s: '%s' is not a whole number", where, key);
		return 0;
	}
	return json_integer_value(v);
}

/* Read attachment i of a bundle, o, into the next place of out's list
 * (made large enough by the caller). */
static void
attachment_of(struct reader *r, json_t *o, size_t i, struct bundle *out)
{
	struct attachment *at;
	char where[64];
	size_t n = 0;

	snprintf(where, sizeof(where), "attachment %zu", i + 1);
	if (!json_is_object(o)) {
		bad(r, "%s is not an object", where);
		return;
	}
	at = &out->attachments[out->attachment_count++];
	at->id = member_string(r, o, where, "id", 0);
	at->question_id = member_string(r, o, where, "question_id", 0);
	at->name = member_string(r, o, where, "name", 0);
	at->type = member_string(r, o, where, "type", 0);
	at->size = member_integer(r, o, where, "size");
	at->sha256 = member_string(r, o, where, "sha256", 0);
	at->added_by = member_string(r, o, where, "added_by", 0);
	at->added_at = member_string(r, o, where, "added_at", 0);
	at->source = member_string(r, o, where, "source", 1);
	if (r->failed)
		return;
	at->data = member_base64(o, "data", 0, (size_t)ATTACHMENT_MAX_BYTES, &n);
	if (at->data == NULL || at->size < 0 || n != (size_t)at->size)
		bad(r, "%s: 'data' is not the base64 of its %lld bytes", where, at->size);
}

/* The bundle doc holds. */
static int
bundle_of(json_t *doc, struct bundle *out, char *err, size_t errlen)
{
	struct reader r = {err, errlen, 0};
	json_t *v;
	char *text;
	char where[64];

	memset(out, 0, sizeof(*out));
	if (!json_is_object(doc)) {
		bad(&r, "not a cirt bundle: the document is not an object");
		goto out;
	}
	text = member_string(&r, doc, "bundle", "format", 0);
	if (text == NULL || strcmp(text, BUNDLE_FORMAT) != 0)
		bad(&r, "not a cirt bundle ('format' is not \"%s\")", BUNDLE_FORMAT);
	free(text);
	if (!r.failed) {
		long long version = member_integer(&r, doc, "bundle", "format_version");

		if (version > BUNDLE_VERSION || version < 1)
			bad(&r, "bundle format version %lld is not one this cirt reads (1 to %d)%s",
			    version, BUNDLE_VERSION,
			    version > BUNDLE_VERSION ? "; a newer cirt made it" : "");
		out->format_version = (int)version;
	}
	if (r.failed)
		goto out;
	out->exported_at = member_string(&r, doc, "bundle", "exported_at", 0);
	out->exported_by = member_string(&r, doc, "bundle", "exported_by", 0);
	v = json_object_get(doc, "questionnaire");
	if (!json_is_object(v)) {
		bad(&r, "'questionnaire' is missing");
		goto out;
	}
	out->questionnaire_id = member_string(&r, v, "questionnaire", "id", 0);
	out->questionnaire_version = member_string(&r, v, "questionnaire", "version", 0);
	out->questionnaire_sha256 = member_string(&r, v, "questionnaire", "sha256", 0);
	v = json_object_get(doc, "assessment");
	if (!json_is_object(v)) {
		bad(&r, "'assessment' is missing");
		goto out;
	}
	text = member_string(&r, v, "assessment", "country", 0);
	snprintf(out->assessment.country, sizeof(out->assessment.country), "%s",
		 text && strlen(text) == 2 ? text : "");
	free(text);
	out->assessment.cycle = (int)member_integer(&r, v, "assessment", "cycle");
	text = member_string(&r, v, "assessment", "status", 0);
	out->assessment.final = text && strcmp(text, "final") == 0;
	if (text && strcmp(text, "final") != 0 && strcmp(text, "draft") != 0)
		bad(&r, "assessment: status '%s' is neither draft nor final", text);
	free(text);
	out->assessment.mission_start = member_string(&r, v, "assessment", "mission_start", 0);
	out->assessment.mission_end = member_string(&r, v, "assessment", "mission_end", 0);
	out->assessment.assessors = member_string(&r, v, "assessment", "assessors", 0);
	out->assessment.created_at = member_string(&r, v, "assessment", "created_at", 0);
	out->assessment.updated_at = member_string(&r, v, "assessment", "updated_at", 0);
	out->assessment.questionnaire_id =
		xstrdup(out->questionnaire_id ? out->questionnaire_id : "");
	out->assessment.questionnaire_version =
		xstrdup(out->questionnaire_version ? out->questionnaire_version : "");
	out->assessment.questionnaire_sha256 =
		xstrdup(out->questionnaire_sha256 ? out->questionnaire_sha256 : "");

	v = json_object_get(doc, "answers");
	if (!json_is_array(v)) {
		bad(&r, "'answers' is missing");
		goto out;
	}
	if (json_array_size(v) > BUNDLE_MAX_ANSWERS ||
	    json_array_size(json_object_get(doc, "history")) > BUNDLE_MAX_HISTORY) {
		bad(&r, "it holds more than %d answers or %d history entries", BUNDLE_MAX_ANSWERS,
		    BUNDLE_MAX_HISTORY);
		goto out;
	}
	for (size_t i = 0; i < json_array_size(v) && !r.failed; i++) {
		json_t *o = json_array_get(v, i);
		struct answer *w;
		json_t *flag;

		snprintf(where, sizeof(where), "answer %zu", i + 1);
		if (!json_is_object(o)) {
			bad(&r, "%s is not an object", where);
			break;
		}
		xgrow((void **)&out->answers.items, &out->answers.alloc, out->answers.count + 1,
		      sizeof(*out->answers.items));
		w = &out->answers.items[out->answers.count++];
		memset(w, 0, sizeof(*w));
		w->question_id = member_string(&r, o, where, "question_id", 0);
		text = member_string(&r, o, where, "state", 0);
		if (text && answer_state_parse(text, &w->state) < 0)
			bad(&r, "%s: unknown state '%s'", where, text);
		free(text);
		w->value = member_string(&r, o, where, "value", 1);
		w->evidence = member_string(&r, o, where, "evidence", 0);
		w->comment = member_string(&r, o, where, "comment", 0);
		flag = json_object_get(o, "flagged");
		if (!json_is_boolean(flag))
			bad(&r, "%s: 'flagged' is not true or false", where);
		w->flagged = json_is_true(flag);
		w->answered_by = member_string(&r, o, where, "answered_by", 0);
		w->answered_at = member_string(&r, o, where, "answered_at", 0);
		/* bundles made before sources have none */
		if (json_object_get(o, "source"))
			w->source = member_string(&r, o, where, "source", 1);
	}
	v = json_object_get(doc, "history");
	if (!r.failed && !json_is_array(v)) {
		bad(&r, "'history' is missing");
		goto out;
	}
	for (size_t i = 0; !r.failed && i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i);
		struct history_entry *e;

		snprintf(where, sizeof(where), "history entry %zu", i + 1);
		if (!json_is_object(o)) {
			bad(&r, "%s is not an object", where);
			break;
		}
		if (i == 0)
			out->history = xcalloc(json_array_size(v), sizeof(*out->history));
		e = &out->history[out->history_count++];
		e->seq = member_integer(&r, o, where, "seq");
		e->version = json_object_get(o, "version")
			? (int)member_integer(&r, o, where, "version")
			: 1;
		if (json_object_get(o, "source"))
			e->source = member_string(&r, o, where, "source", 1);
		/* events brought in by a merge */
		if (json_object_get(o, "origin"))
			e->origin = member_string(&r, o, where, "origin", 1);
		e->question_id = member_string(&r, o, where, "question_id", 0);
		e->field = member_string(&r, o, where, "field", 0);
		e->old_state = member_string(&r, o, where, "old_state", 1);
		e->old_value = member_string(&r, o, where, "old_value", 1);
		e->new_state = member_string(&r, o, where, "new_state", 1);
		e->new_value = member_string(&r, o, where, "new_value", 1);
		e->changed_by = member_string(&r, o, where, "changed_by", 0);
		e->changed_at = member_string(&r, o, where, "changed_at", 0);
		e->reason = member_string(&r, o, where, "reason", 0);
		e->prev_hash = member_string(&r, o, where, "prev_hash", 0);
		e->hash = member_string(&r, o, where, "hash", 0);
	}
	/* bundles made before attachments have none */
	v = json_object_get(doc, "attachments");
	if (!r.failed && v && !json_is_array(v))
		bad(&r, "'attachments' is not a list");
	if (!r.failed && json_array_size(v) > ATTACHMENT_MAX_COUNT)
		bad(&r, "it holds more than %d attachments", ATTACHMENT_MAX_COUNT);
	if (!r.failed && json_array_size(v) > 0)
		out->attachments = xcalloc(json_array_size(v), sizeof(*out->attachments));
	for (size_t i = 0; !r.failed && i < json_array_size(v); i++)
		attachment_of(&r, json_array_get(v, i), i, out);
out:
	if (r.failed) {
		bundle_release(out);
		return -1;
	}
	return 0;
}

int
json_bundle_parse(const char *data, size_t size, struct bundle *out, char *err, size_t errlen)
{
	json_error_t je;
	json_t *doc = parse_document(data, size, &je);
	int status;

	if (doc == NULL) {
		memset(out, 0, sizeof(*out));
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	status = bundle_of(doc, out, err, errlen);
	document_release(doc);
	return status;
}

int
json_bundle_read(const char *data, size_t size, struct bundle *b, struct sealed *sealed, char *err,
		 size_t errlen)
{
	json_error_t je;
	json_t *doc = parse_document(data, size, &je);
	int status;

	memset(b, 0, sizeof(*b));
	memset(sealed, 0, sizeof(*sealed));
	if (doc == NULL) {
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	if (is_sealed(doc))
		status = sealed_of(doc, size, sealed, err, errlen) < 0 ? -1 : 2;
	else
		status = bundle_of(doc, b, err, errlen);
	document_release(doc);
	return status;
}
