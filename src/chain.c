/* The record's hash chain and its replay: pure functions. */
#include "chain.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "i18n.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

const char chain_genesis[CHAIN_HASH_SIZE] =
	"0000000000000000000000000000000000000000000000000000000000000000";

void
history_entry_release(struct history_entry *e)
{
	free(e->question_id);
	free(e->field);
	free(e->old_state);
	free(e->old_value);
	free(e->new_state);
	free(e->new_value);
	free(e->changed_by);
	free(e->changed_at);
	free(e->reason);
	free(e->source);
	free(e->origin);
	free(e->prev_hash);
	free(e->hash);
	memset(e, 0, sizeof(*e));
}

const char *
chain_event_id(const struct history_entry *e)
{
	return e->origin ? e->origin : e->hash;
}

void
chain_conflict_release(struct chain_conflict *c)
{
	free(c->question_id);
	free(c->field);
	free(c->state);
	free(c->value);
	free(c->changed_by);
	free(c->changed_at);
	free(c->source);
	free(c->event);
	free(c->here_by);
	free(c->here_at);
	free(c->here_source);
	free(c->here_event);
	memset(c, 0, sizeof(*c));
}

void
chain_conflicts_release(struct chain_conflict *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		chain_conflict_release(&c[i]);
	free(c);
}

void
history_release(struct history_entry *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		history_entry_release(&h[i]);
	free(h);
}

void
meeting_release(struct meeting *m)
{
	free(m->id);
	free(m->organisation);
	free(m->people);
	free(m->met_on);
	free(m->recorded_by);
	free(m->recorded_at);
	memset(m, 0, sizeof(*m));
}

void
meeting_copy(struct meeting *to, const struct meeting *from)
{
	meeting_release(to);
	if (from == NULL || from->id == NULL)
		return;
	to->id = xstrdup(from->id);
	to->organisation = xstrdup(from->organisation ? from->organisation : "");
	to->people = xstrdup(from->people ? from->people : "");
	to->met_on = xstrdup(from->met_on ? from->met_on : "");
	to->recorded_by = from->recorded_by ? xstrdup(from->recorded_by) : NULL;
	to->recorded_at = from->recorded_at ? xstrdup(from->recorded_at) : NULL;
}

void
finding_release(struct finding *f)
{
	free(f->pillar);
	free(f->text);
	free(f->recorded_by);
	free(f->recorded_at);
	memset(f, 0, sizeof(*f));
}

void
findings_release(struct finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		finding_release(&f[i]);
	free(f);
}

void
register_entry_release(struct register_entry *e)
{
	free(e->event);
	free(e->head);
	free(e->changed_by);
	free(e->changed_at);
	free(e->prev_hash);
	free(e->hash);
	memset(e, 0, sizeof(*e));
}

void
register_release(struct register_entry *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		register_entry_release(&r[i]);
	free(r);
}

static void
add_number(struct hash_sha256 *h, long long v)
{
	char number[32];

	snprintf(number, sizeof(number), "%lld", v);
	hash_sha256_add_field(h, number);
}

/* Version 1 is the format of the first schema: everything but a source.
 * Version 2 adds the source, version 3 (merged events) the origin. All are
 * length-prefixed fields, so that no two different events hash alike. */
void
chain_hash(const char *country, int cycle, const struct history_entry *e, char out[CHAIN_HASH_SIZE])
{
	struct hash_sha256 h = {{0}};

	hash_sha256_init(&h);
	hash_sha256_add_field(&h,
			      e->version >= 3		? "cirt-history-3"
				      : e->version == 2 ? "cirt-history-2"
							: "cirt-history-1");
	hash_sha256_add_field(&h, country);
	add_number(&h, cycle);
	add_number(&h, e->seq);
	hash_sha256_add_field(&h, e->question_id);
	hash_sha256_add_field(&h, e->field);
	hash_sha256_add_field(&h, e->old_state);
	hash_sha256_add_field(&h, e->old_value);
	hash_sha256_add_field(&h, e->new_state);
	hash_sha256_add_field(&h, e->new_value);
	hash_sha256_add_field(&h, e->changed_by);
	hash_sha256_add_field(&h, e->changed_at);
	hash_sha256_add_field(&h, e->reason);
	if (e->version >= 2)
		hash_sha256_add_field(&h, e->source);
	if (e->version >= 3)
		hash_sha256_add_field(&h, e->origin);
	hash_sha256_add_field(&h, e->prev_hash);
	hash_sha256_finish(&h, out);
}

void
chain_register_hash(const struct register_entry *e, char out[CHAIN_HASH_SIZE])
{
	struct hash_sha256 h = {{0}};

	hash_sha256_init(&h);
	hash_sha256_add_field(&h, "cirt-register-1");
	add_number(&h, e->seq);
	hash_sha256_add_field(&h, e->event);
	hash_sha256_add_field(&h, e->country);
	add_number(&h, e->cycle);
	add_number(&h, e->entries);
	hash_sha256_add_field(&h, e->head);
	hash_sha256_add_field(&h, e->changed_by);
	hash_sha256_add_field(&h, e->changed_at);
	hash_sha256_add_field(&h, e->prev_hash);
	hash_sha256_finish(&h, out);
}

void
chain_meeting_id(const char *country, int cycle, const struct meeting *m, char out[16])
{
	struct hash_sha256 h = {{0}};
	char hex[CHAIN_HASH_SIZE];

	hash_sha256_init(&h);
	hash_sha256_add_field(&h, "cirt-meeting-1");
	hash_sha256_add_field(&h, country);
	add_number(&h, cycle);
	hash_sha256_add_field(&h, m->organisation);
	hash_sha256_add_field(&h, m->people);
	hash_sha256_add_field(&h, m->met_on);
	hash_sha256_add_field(&h, m->recorded_by);
	hash_sha256_add_field(&h, m->recorded_at);
	hash_sha256_finish(&h, hex);
	snprintf(out, 16, "m%.12s", hex);
}

char *
chain_meeting_value(const struct meeting *m)
{
	return xasprintf("%s\t%s", m->organisation, m->people);
}

int
chain_meeting_parse(const char *value, char **organisation, char **people)
{
	const char *tab = value ? strchr(value, '\t') : NULL;

	if (tab == NULL || tab == value || strchr(tab + 1, '\t'))
		return -1;
	*organisation = xstrndup(value, (size_t)(tab - value));
	*people = xstrdup(tab + 1);
	return 0;
}

void
chain_attachment_id(const char *country, int cycle, const struct attachment *at,
		    char out[ATTACHMENT_ID_SIZE])
{
	struct hash_sha256 h = {{0}};
	char hex[CHAIN_HASH_SIZE];

	hash_sha256_init(&h);
	hash_sha256_add_field(&h, "cirt-attachment-1");
	hash_sha256_add_field(&h, country);
	add_number(&h, cycle);
	hash_sha256_add_field(&h, at->question_id);
	hash_sha256_add_field(&h, at->name);
	hash_sha256_add_field(&h, at->sha256);
	hash_sha256_add_field(&h, at->added_by);
	hash_sha256_add_field(&h, at->added_at);
	hash_sha256_finish(&h, hex);
	snprintf(out, ATTACHMENT_ID_SIZE, "a%.12s", hex);
}

char *
chain_attachment_value(const struct attachment *at)
{
	return xasprintf("%s %lld %s %s", at->id, at->size, at->type, at->name);
}

/* Whether s[0..n) are n lowercase hex digits and s ends there. */
static int
hex_digits(const char *s, size_t n)
{
	if (s == NULL || strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int
chain_attachment_parse(const char *value, struct attachment *at)
{
	const char *size_at = value ? strchr(value, ' ') : NULL;
	const char *type_at = size_at ? strchr(size_at + 1, ' ') : NULL;
	const char *name_at = type_at ? strchr(type_at + 1, ' ') : NULL;
	char message[160];
	long long size = 0;

	memset(at, 0, sizeof(*at));
	if (name_at == NULL || size_at - value != ATTACHMENT_ID_SIZE - 1 || *value != 'a' ||
	    type_at - size_at - 1 < 1 || type_at - size_at - 1 > 9 || size_at[1] == '0')
		return -1;
	for (const char *p = size_at + 1; p < type_at; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		size = size * 10 + (*p - '0');
	}
	at->id = xstrndup(value, (size_t)(size_at - value));
	at->type = xstrndup(type_at + 1, (size_t)(name_at - type_at - 1));
	at->name = xstrdup(name_at + 1);
	at->size = size;
	if (!hex_digits(at->id + 1, ATTACHMENT_ID_SIZE - 2) || size > ATTACHMENT_MAX_BYTES ||
	    !attachment_type_valid(at->type) ||
	    attachment_name_check(at->name, message, sizeof(message)) < 0) {
		attachment_release(at);
		return -1;
	}
	return 0;
}

/* ---- findings' texts ------------------------------------------------------ */

static int __attribute__((format(printf, 3, 4)))
refuse_text(char *message, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, size, fmt, ap);
	va_end(ap);
	return -1;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int
chain_finding_text(const char *data, size_t size, const char *lang, char **out, long *line,
		   char *message, size_t message_size)
{
	/* a copy that ends in a NUL, so that a sequence cut short at the end
	 * reads as one */
	char *copy = xmalloc(size + 1);
	char *text = xmalloc(size + 1);
	size_t n = 0;
	size_t start = 0;
	size_t end;
	int status = -1;

	*out = NULL;
	*line = 1;
	if (size)
		memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t i = 0; i < size;) {
		unsigned char c = (unsigned char)copy[i];
		uint32_t cp = 0;
		size_t len;

		if (c == '\r' && i + 1 < size && copy[i + 1] == '\n') {
			i++; /* CRLF: the LF alone */
			continue;
		}
		if (c == '\n' || c == '\t') {
			*line += c == '\n';
			text[n++] = (char)c;
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			refuse_text(message, message_size, "%s", i18n(lang, MSG_ERR_CONTROL));
			goto out;
		}
		len = c < 0x80 ? 1 : utf8_decode(copy + i, &cp);
		if (len == 0) {
			refuse_text(message, message_size, "%s", i18n(lang, MSG_ERR_UTF8));
			goto out;
		}
		if (cp >= 0x80 && cp <= 0x9F) {
			refuse_text(message, message_size, "%s", i18n(lang, MSG_ERR_CONTROL));
			goto out;
		}
		memcpy(text + n, copy + i, len);
		n += len;
		i += len;
	}
	/* from the first character that is not white space to the last */
	end = n;
	while (end > 0 && blank(text[end - 1]))
		end--;
	while (start < end && blank(text[start]))
		start++;
	*line = 0;
	if (end - start > CHAIN_FINDING_MAX) {
		refuse_text(message, message_size, "%s (%zu > %d bytes)",
			    i18n(lang, MSG_ERR_TOO_LONG), end - start, CHAIN_FINDING_MAX);
		goto out;
	}
	*out = xstrndup(text + start, end > start ? end - start : 0);
	status = 0;
out:
	free(copy);
	free(text);
	return status;
}

int
chain_finding_valid(const char *text)
{
	char *tidy = NULL;
	char message[160];
	long line;
	int valid = text &&
		chain_finding_text(text, strlen(text), "en", &tidy, &line, message,
				   sizeof(message)) == 0 &&
		strcmp(tidy, text) == 0;

	free(tidy);
	return valid;
}

/* ---- a map from string keys to places in an array ----------------------- */

/* Open addressing over an array of structs whose key is the char * at
 * offset in each element of stride bytes. */
struct index_map {
	size_t *slots; /* place + 1; 0 is empty */
	size_t mask;
	size_t stride;
	size_t offset;
};

static uint64_t
hash_string(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static void
map_init(struct index_map *m, size_t expected, size_t stride, size_t offset)
{
	size_t n = 16;

	while (n < expected * 2)
		n *= 2;
	m->slots = xcalloc(n, sizeof(*m->slots));
	m->mask = n - 1;
	m->stride = stride;
	m->offset = offset;
}

static const char *
map_key(const struct index_map *m, const void *items, size_t i)
{
	const char *const *key;

	if (items == NULL) /* an empty array holds no key */
		return "";
	key = (const char *const *)(const void *)((const char *)items + i * m->stride + m->offset);
	return *key;
}

/* The slot where key is or would go. */
static size_t *
map_slot(const struct index_map *m, const void *items, const char *key)
{
	size_t i = (size_t)hash_string(key) & m->mask;

	if (items == NULL) /* nothing stored yet: every slot is empty */
		return &m->slots[i];
	while (m->slots[i] && strcmp(map_key(m, items, m->slots[i] - 1), key) != 0)
		i = (i + 1) & m->mask;
	return &m->slots[i];
}

/* Make room for one more entry of count, rehashing the items. */
static void
map_reserve(struct index_map *m, const void *items, size_t count)
{
	if ((count + 1) * 2 <= m->mask + 1)
		return;
	free(m->slots);
	map_init(m, count + 1, m->stride, m->offset);
	for (size_t k = 0; k < count; k++)
		*map_slot(m, items, map_key(m, items, k)) = k + 1;
}

static void
map_of_answers(struct index_map *m, const struct answer_set *set)
{
	map_init(m, set->count, sizeof(struct answer), offsetof(struct answer, question_id));
	for (size_t i = 0; i < set->count; i++)
		*map_slot(m, set->items, set->items[i].question_id) = i + 1;
}

/* ---- replay ------------------------------------------------------------- */

void
chain_state_release(struct chain_state *st)
{
	free(st->questionnaire_id);
	free(st->questionnaire_version);
	free(st->questionnaire_sha256);
	free(st->created_by);
	free(st->created_at);
	free(st->updated_at);
	free(st->assessors);
	free(st->mission_start);
	free(st->mission_end);
	answer_set_release(&st->answers);
	for (size_t i = 0; i < st->meeting_count; i++)
		meeting_release(&st->meetings[i]);
	free(st->meetings);
	chain_conflicts_release(st->conflicts, st->conflict_count);
	attachments_release(st->attachments, st->attachment_count);
	findings_release(st->findings, st->finding_count);
	memset(st, 0, sizeof(*st));
}

static int __attribute__((format(printf, 3, 4)))
broken(char *problem, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(problem, size, fmt, ap);
	va_end(ap);
	return 1;
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
replace(char **slot, const char *v)
{
	free(*slot);
	*slot = v ? xstrdup(v) : NULL;
}

/* Whether the ", "-separated list holds name. */
static int
names_have(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		const char *end = strstr(p, ", ");
		size_t k = end ? (size_t)(end - p) : strlen(p);

		if (k == n && strncmp(p, name, n) == 0)
			return 1;
		if (end == NULL)
			break;
		p = end + 2;
	}
	return 0;
}

static int
changes_answer(const char *field)
{
	return strcmp(field, "answer") == 0 || strcmp(field, "evidence") == 0 ||
		strcmp(field, "comment") == 0 || strcmp(field, "flag") == 0;
}

void
chain_meta_apply(struct chain_meta *m, const struct history_entry *e)
{
	char day[11];

	if (!names_have(m->assessors, e->changed_by)) {
		char *list = *m->assessors ? xasprintf("%s, %s", m->assessors, e->changed_by)
					   : xstrdup(e->changed_by);

		free(m->assessors);
		m->assessors = list;
	}
	if (strcmp(e->changed_at, m->updated_at) > 0)
		replace(&m->updated_at, e->changed_at);
	if (!changes_answer(e->field))
		return;
	snprintf(day, sizeof(day), "%.10s", e->changed_at);
	if (*m->mission_start == '\0' || strcmp(day, m->mission_start) < 0)
		replace(&m->mission_start, day);
	if (strcmp(day, m->mission_end) > 0)
		replace(&m->mission_end, day);
}

/* The fields of an answer row that events change, each of which can be in
 * conflict after a merge. */
enum field { FIELD_ANSWER, FIELD_EVIDENCE, FIELD_COMMENT, FIELD_FLAG, FIELD_COUNT };

static const char *const field_names[FIELD_COUNT] = {"answer", "evidence", "comment", "flag"};

static int
field_index(const char *name)
{
	for (int f = 0; f < FIELD_COUNT; f++)
		if (name && strcmp(name, field_names[f]) == 0)
			return f;
	return -1;
}

/* Who gave a field (or a row) its value: borrowed from the event. */
struct setter {
	const char *by;
	const char *at;
	const char *source;
	const char *id;
};

/* The other side of a field in conflict. */
struct rival {
	int open;
	char *state;
	char *value;
	struct setter set;
};

/* What the replay keeps beside each answer row. */
struct row_extra {
	struct setter set[FIELD_COUNT];
	struct rival rival[FIELD_COUNT];
	struct setter row; /* the row's author, time and source */
};

/* A pillar's finding as the replay keeps it: the text shown, who gave
 * it, and the other side of a conflict over it. */
struct finding_row {
	char *pillar;
	char *text;
	struct setter set;
	struct rival rival;
};

/* The replay's maps: answers by question, meetings by id; and the extras
 * of every answer row, in the same order. Every attachment ever added is
 * kept, by id, with whether it was removed since; every pillar's finding
 * (and the summary's) once it had one, by pillar. */
struct replay_maps {
	struct index_map answers;
	struct index_map meetings;
	struct row_extra *extra;
	size_t extra_alloc;
	struct index_map attachments;
	struct attachment *added;
	unsigned char *removed;
	size_t added_count;
	size_t added_alloc;
	size_t removed_alloc;
	struct index_map findings;
	struct finding_row *rows;
	size_t row_count;
	size_t row_alloc;
};

static struct answer *
question_row(struct chain_state *st, struct replay_maps *maps, const char *question_id,
	     struct row_extra **extra)
{
	size_t *slot = map_slot(&maps->answers, st->answers.items, question_id);
	struct answer *w;

	if (*slot) {
		*extra = &maps->extra[*slot - 1];
		return &st->answers.items[*slot - 1];
	}
	map_reserve(&maps->answers, st->answers.items, st->answers.count);
	slot = map_slot(&maps->answers, st->answers.items, question_id);
	xgrow((void **)&st->answers.items, &st->answers.alloc, st->answers.count + 1,
	      sizeof(*st->answers.items));
	xgrow((void **)&maps->extra, &maps->extra_alloc, st->answers.count + 1,
	      sizeof(*maps->extra));
	w = &st->answers.items[st->answers.count];
	memset(w, 0, sizeof(*w));
	memset(&maps->extra[st->answers.count], 0, sizeof(*maps->extra));
	w->question_id = xstrdup(question_id);
	w->state = ANSWER_NONE;
	w->evidence = xstrdup("");
	w->comment = xstrdup("");
	w->answered_by = xstrdup("");
	w->answered_at = xstrdup("");
	*extra = &maps->extra[st->answers.count];
	*slot = ++st->answers.count;
	return w;
}

/* The value of field f of w, as an event writes it: a state (an answer's
 * only) and a value. */
static void
field_value(const struct answer *w, int f, const char **state, const char **value)
{
	*state = NULL;
	switch (f) {
	case FIELD_ANSWER:
		*state = answer_state_name(w->state);
		*value = w->value;
		break;
	case FIELD_EVIDENCE:
		*value = w->evidence;
		break;
	case FIELD_COMMENT:
		*value = w->comment;
		break;
	default:
		*value = w->flagged ? "1" : "0";
		break;
	}
}

/* Whether field f of w has the value (state, value). */
static int
field_is(const struct answer *w, int f, const char *state, const char *value)
{
	const char *s;
	const char *v;

	field_value(w, f, &s, &v);
	return (f != FIELD_ANSWER || same(s, state)) && same(v, value);
}

/* Whether (state, value) is a value field f can hold. */
static int
field_valid(int f, const char *state, const char *value)
{
	enum answer_state st;

	switch (f) {
	case FIELD_ANSWER:
		return state && answer_state_parse(state, &st) == 0 &&
			(st == ANSWER_VALUE) == (value != NULL);
	case FIELD_FLAG:
		return same(value, "0") || same(value, "1");
	default:
		return value != NULL;
	}
}

/* Give field f of w the value (state, value), which field_valid took. */
static void
field_set(struct answer *w, int f, const char *state, const char *value)
{
	enum answer_state st = ANSWER_NONE;

	switch (f) {
	case FIELD_ANSWER:
		answer_state_parse(state, &st);
		w->state = st;
		replace(&w->value, value);
		break;
	case FIELD_EVIDENCE:
		replace(&w->evidence, value);
		break;
	case FIELD_COMMENT:
		replace(&w->comment, value);
		break;
	default:
		w->flagged = same(value, "1");
		break;
	}
}

static struct setter
setter_of(const struct history_entry *e)
{
	struct setter set = {e->changed_by, e->changed_at, e->source, chain_event_id(e)};

	return set;
}

/* Whether x was set after y: by time, then by identity (never equal for
 * two events), so that every copy decides alike. */
static int
later(const struct setter *x, const struct setter *y)
{
	int c;

	if (y->at == NULL)
		return 1;
	if (x->at == NULL)
		return 0;
	c = strcmp(x->at, y->at);
	if (c == 0)
		c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
	return c > 0;
}

/* Make the row's author, time and source those of set. */
static void
row_author(struct answer *w, struct row_extra *x, const struct setter *set)
{
	x->row = *set;
	replace(&w->answered_by, set->by);
	replace(&w->answered_at, set->at);
	replace(&w->source, set->source);
}

static void
rival_close(struct rival *r)
{
	free(r->state);
	free(r->value);
	memset(r, 0, sizeof(*r));
}

/* After a change to field f of a row in conflict: close the conflict when
 * both sides agree; otherwise show the later side. */
static void
settle(struct answer *w, struct row_extra *x, int f)
{
	struct rival *r = &x->rival[f];

	if (!r->open)
		return;
	if (field_is(w, f, r->state, r->value)) {
		rival_close(r);
		return;
	}
	if (later(&r->set, &x->set[f])) {
		const char *s;
		const char *v;
		char *state;
		char *value;
		struct setter set = x->set[f];

		field_value(w, f, &s, &v);
		state = s ? xstrdup(s) : NULL;
		value = v ? xstrdup(v) : NULL;
		field_set(w, f, r->state, r->value);
		x->set[f] = r->set;
		free(r->state);
		free(r->value);
		r->state = state;
		r->value = value;
		r->set = set;
		if (later(&x->set[f], &x->row))
			row_author(w, x, &x->set[f]);
	}
}

/* Open (or move) the conflict of a field: the other side is (state,
 * value) as set gave it. */
static void
rival_open(struct rival *r, const char *state, const char *value, const struct setter *set)
{
	rival_close(r);
	r->open = 1;
	r->state = state ? xstrdup(state) : NULL;
	r->value = value ? xstrdup(value) : NULL;
	r->set = *set;
}

static const struct meeting *
meeting_find(const struct chain_state *st, const struct index_map *map, const char *id)
{
	size_t k = *map_slot(map, st->meetings, id);

	return k ? &st->meetings[k - 1] : NULL;
}

static int
valid_day(const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int
replay_created(struct chain_state *st, const struct history_entry *e, char *problem, size_t size)
{
	const char *v = e->new_value ? e->new_value : "";
	const char *first = strchr(v, ' ');
	const char *last = strrchr(v, ' ');

	if (e->seq != 1 || *e->question_id)
		return broken(problem, size, "history entry %lld creates the assessment again",
			      e->seq);
	if (first == NULL || first == last || !same(e->new_state, "draft"))
		return broken(problem, size,
			      "history entry 1 does not say which questionnaire the assessment "
			      "uses");
	st->questionnaire_id = xstrndup(v, (size_t)(first - v));
	st->questionnaire_version = xstrndup(first + 1, (size_t)(last - first - 1));
	st->questionnaire_sha256 = xstrdup(last + 1);
	st->created_by = xstrdup(e->changed_by);
	st->created_at = xstrdup(e->changed_at);
	return 0;
}

static int
replay_meeting(struct chain_state *st, struct index_map *map, const char *country, int cycle,
	       const struct history_entry *e, char *problem, size_t size)
{
	struct meeting m = {0};
	char id[16];

	if (e->version < 2 || *e->question_id || e->source == NULL || !valid_day(e->new_state) ||
	    chain_meeting_parse(e->new_value, &m.organisation, &m.people) < 0) {
		meeting_release(&m);
		return broken(problem, size, "history entry %lld is not a valid meeting", e->seq);
	}
	m.met_on = xstrdup(e->new_state);
	m.recorded_by = xstrdup(e->changed_by);
	m.recorded_at = xstrdup(e->changed_at);
	chain_meeting_id(country, cycle, &m, id);
	if (e->origin && strcmp(id, e->source) == 0 && meeting_find(st, map, id)) {
		/* merged in, and known here already */
		meeting_release(&m);
		return 0;
	}
	if (strcmp(id, e->source) != 0 || meeting_find(st, map, id)) {
		meeting_release(&m);
		return broken(problem, size,
			      "history entry %lld records a meeting under a wrong or reused id",
			      e->seq);
	}
	m.id = xstrdup(id);
	map_reserve(map, st->meetings, st->meeting_count);
	xgrow((void **)&st->meetings, &st->meeting_alloc, st->meeting_count + 1,
	      sizeof(*st->meetings));
	st->meetings[st->meeting_count++] = m;
	*map_slot(map, st->meetings, id) = st->meeting_count;
	return 0;
}

/* Replay an event that changes one field of a question's row: recorded
 * here, it must start from the value the field has; merged in, it may
 * start from another (see chain.h). */
static int
replay_change(struct chain_state *st, struct replay_maps *maps, const struct history_entry *e,
	      int f, char *problem, size_t size)
{
	struct row_extra *x;
	struct answer *w;
	struct setter set = setter_of(e);
	struct rival *r;
	int valid;

	if (st->final)
		return broken(problem, size,
			      "history entry %lld (question %s) changes a final assessment", e->seq,
			      e->question_id);
	if (*e->question_id == '\0')
		return broken(problem, size, "history entry %lld names no question", e->seq);
	if (e->source && meeting_find(st, &maps->meetings, e->source) == NULL)
		return broken(problem, size,
			      "history entry %lld (question %s) names a meeting the history never "
			      "recorded",
			      e->seq, e->question_id);
	w = question_row(st, maps, e->question_id, &x);
	r = &x->rival[f];
	valid = field_valid(f, f == FIELD_ANSWER ? e->new_state : NULL, e->new_value);
	if (e->origin == NULL &&
	    (!field_is(w, f, e->old_state, e->old_value) || (f != FIELD_ANSWER && !valid)))
		return broken(problem, size,
			      "history entry %lld (question %s) starts from %s the history never "
			      "gave",
			      e->seq, e->question_id,
			      f == FIELD_ANSWER		? "an answer"
				      : f == FIELD_FLAG ? "a flag"
							: e->field);
	if (!valid)
		return broken(problem, size, "history entry %lld (question %s) gives %s", e->seq,
			      e->question_id,
			      f == FIELD_ANSWER		? "an answer of no known state"
				      : f == FIELD_FLAG ? "a flag that is neither 0 nor 1"
							: "no text");
	if (e->origin == NULL) {
		field_set(w, f, e->new_state, e->new_value);
		x->set[f] = set;
		row_author(w, x, &set);
		settle(w, x, f);
		return 0;
	}
	if (field_is(w, f, e->old_state, e->old_value)) {
		field_set(w, f, e->new_state, e->new_value);
		x->set[f] = set;
		if (later(&set, &x->row))
			row_author(w, x, &set);
	} else if ((r->open && (f != FIELD_ANSWER || same(r->state, e->old_state)) &&
		    same(r->value, e->old_value)) ||
		   !field_is(w, f, e->new_state, e->new_value)) {
		/* the other side moves on, or a new one opens */
		rival_open(r, e->new_state, e->new_value, &set);
	}
	settle(w, x, f);
	return 0;
}

/* Replay a person's choice that closes a conflict (cirt resolve). Merged
 * in where the field is not in conflict, it is a change like another. */
static int
replay_resolved(struct chain_state *st, struct replay_maps *maps, const struct history_entry *e,
		char *problem, size_t size)
{
	int f = field_index(e->old_state);
	struct row_extra *x;
	struct answer *w;
	struct setter set = setter_of(e);

	if (st->final)
		return broken(problem, size,
			      "history entry %lld (question %s) changes a final assessment", e->seq,
			      e->question_id);
	if (f < 0 || *e->question_id == '\0' ||
	    !field_valid(f, f == FIELD_ANSWER ? e->new_state : NULL, e->new_value))
		return broken(problem, size, "history entry %lld is not a valid resolution",
			      e->seq);
	w = question_row(st, maps, e->question_id, &x);
	if (!x->rival[f].open) {
		if (e->origin == NULL)
			return broken(problem, size,
				      "history entry %lld (question %s) settles a conflict the "
				      "history never had",
				      e->seq, e->question_id);
		if (!field_is(w, f, e->new_state, e->new_value))
			rival_open(&x->rival[f], e->new_state, e->new_value, &set);
		settle(w, x, f);
		return 0;
	}
	rival_close(&x->rival[f]);
	field_set(w, f, e->new_state, e->new_value);
	x->set[f] = set;
	if (e->origin == NULL || later(&set, &x->row))
		row_author(w, x, &set);
	return 0;
}

/* Replay an attachment added: it must carry the id its content gives,
 * never used before. */
static int
attachment_added(struct replay_maps *maps, const char *country, int cycle,
		 const struct history_entry *e, char *problem, size_t size)
{
	struct attachment at = {0};
	char id[ATTACHMENT_ID_SIZE];

	if (e->old_state || e->old_value || !hex_digits(e->new_state, CHAIN_HASH_SIZE - 1) ||
	    chain_attachment_parse(e->new_value, &at) < 0)
		return broken(problem, size,
			      "history entry %lld (question %s) is not a valid attachment", e->seq,
			      e->question_id);
	at.question_id = xstrdup(e->question_id);
	at.sha256 = xstrdup(e->new_state);
	at.added_by = xstrdup(e->changed_by);
	at.added_at = xstrdup(e->changed_at);
	at.source = e->source ? xstrdup(e->source) : NULL;
	chain_attachment_id(country, cycle, &at, id);
	if (strcmp(id, at.id) != 0 || *map_slot(&maps->attachments, maps->added, id)) {
		attachment_release(&at);
		return broken(problem, size,
			      "history entry %lld records an attachment under a wrong or reused id",
			      e->seq);
	}
	map_reserve(&maps->attachments, maps->added, maps->added_count);
	xgrow((void **)&maps->added, &maps->added_alloc, maps->added_count + 1,
	      sizeof(*maps->added));
	xgrow((void **)&maps->removed, &maps->removed_alloc, maps->added_count + 1,
	      sizeof(*maps->removed));
	maps->added[maps->added_count] = at;
	maps->removed[maps->added_count] = 0;
	*map_slot(&maps->attachments, maps->added, id) = ++maps->added_count;
	return 0;
}

/* Replay an attachment removed: it must name one as its addition recorded
 * it. Merged in, a removal of one removed here already agrees with it. */
static int
attachment_removed(struct replay_maps *maps, const struct history_entry *e, char *problem,
		   size_t size)
{
	struct attachment at = {0};
	const struct attachment *was;
	char *value;
	size_t k;
	int status = 0;

	if (e->old_state == NULL || chain_attachment_parse(e->old_value, &at) < 0)
		return broken(problem, size,
			      "history entry %lld (question %s) is not a valid attachment", e->seq,
			      e->question_id);
	k = maps->added ? *map_slot(&maps->attachments, maps->added, at.id) : 0;
	if (k == 0) {
		status = broken(problem, size,
				"history entry %lld removes attachment %s, which the history never "
				"recorded",
				e->seq, at.id);
		attachment_release(&at);
		return status;
	}
	was = &maps->added[k - 1];
	value = chain_attachment_value(was);
	if (strcmp(value, e->old_value) != 0 || strcmp(was->sha256, e->old_state) != 0 ||
	    strcmp(was->question_id, e->question_id) != 0)
		status = broken(
			problem, size,
			"history entry %lld removes attachment %s otherwise than the history "
			"recorded it",
			e->seq, at.id);
	else if (maps->removed[k - 1] && e->origin == NULL)
		status = broken(
			problem, size,
			"history entry %lld removes attachment %s, which was removed already",
			e->seq, at.id);
	else
		maps->removed[k - 1] = 1;
	free(value);
	attachment_release(&at);
	return status;
}

/* Replay an attachment added or removed (see chain.h): like a change to an
 * answer, it names a question, and a meeting the history recorded, and a
 * final assessment takes none. */
static int
replay_attachment(const struct chain_state *st, struct replay_maps *maps, const char *country,
		  int cycle, const struct history_entry *e, char *problem, size_t size)
{
	if (st->final)
		return broken(problem, size,
			      "history entry %lld (question %s) changes a final assessment", e->seq,
			      e->question_id);
	if (*e->question_id == '\0')
		return broken(problem, size, "history entry %lld names no question", e->seq);
	if (e->source && meeting_find(st, &maps->meetings, e->source) == NULL)
		return broken(problem, size,
			      "history entry %lld (question %s) names a meeting the history never "
			      "recorded",
			      e->seq, e->question_id);
	if (e->new_state || e->new_value)
		return attachment_added(maps, country, cycle, e, problem, size);
	return attachment_removed(maps, e, problem, size);
}

/* The finding of pillar as the replay keeps it, made (with no text) when
 * there is none yet. */
static struct finding_row *
finding_row(struct replay_maps *maps, const char *pillar)
{
	size_t *slot = map_slot(&maps->findings, maps->rows, pillar);
	struct finding_row *x;

	if (*slot)
		return &maps->rows[*slot - 1];
	map_reserve(&maps->findings, maps->rows, maps->row_count);
	xgrow((void **)&maps->rows, &maps->row_alloc, maps->row_count + 1, sizeof(*maps->rows));
	x = &maps->rows[maps->row_count];
	memset(x, 0, sizeof(*x));
	x->pillar = xstrdup(pillar);
	x->text = xstrdup("");
	slot = map_slot(&maps->findings, maps->rows, pillar);
	*slot = ++maps->row_count;
	return x;
}

/* After a change to a finding in conflict: close the conflict when both
 * sides agree; otherwise show the later side (as settle does for an
 * answer's field). */
static void
finding_settle(struct finding_row *x)
{
	struct rival *r = &x->rival;

	if (!r->open)
		return;
	if (same(x->text, r->value)) {
		rival_close(r);
		return;
	}
	if (later(&r->set, &x->set)) {
		char *text = x->text;
		struct setter set = x->set;

		x->text = r->value;
		x->set = r->set;
		r->value = text;
		r->set = set;
	}
}

/* Replay a finding given, changed or removed: recorded here, it must
 * start from the text the pillar has; merged in, it may start from
 * another, as a change to an answer's field may. */
static int
replay_finding(const struct chain_state *st, struct replay_maps *maps,
	       const struct history_entry *e, char *problem, size_t size)
{
	struct setter set = setter_of(e);
	struct finding_row *x;
	struct rival *r;

	if (st->final)
		return broken(problem, size,
			      "history entry %lld (finding) changes a final assessment", e->seq);
	if (e->old_state || e->new_state || e->source || !chain_finding_valid(e->old_value) ||
	    !chain_finding_valid(e->new_value))
		return broken(problem, size, "history entry %lld is not a valid finding", e->seq);
	x = finding_row(maps, e->question_id);
	r = &x->rival;
	if (e->origin == NULL) {
		if (!same(x->text, e->old_value))
			return broken(problem, size,
				      "history entry %lld (finding%s%s) starts from a text the "
				      "history never gave",
				      e->seq, *e->question_id ? " on " : "", e->question_id);
		replace(&x->text, e->new_value);
		x->set = set;
		finding_settle(x);
		return 0;
	}
	if (same(x->text, e->old_value)) {
		replace(&x->text, e->new_value);
		x->set = set;
	} else if ((r->open && same(r->value, e->old_value)) || !same(x->text, e->new_value)) {
		/* the other side moves on, or a new one opens */
		rival_open(r, NULL, e->new_value, &set);
	}
	finding_settle(x);
	return 0;
}

/* Replay a person's choice that closes a conflict over a finding. */
static int
replay_finding_resolved(const struct chain_state *st, struct replay_maps *maps,
			const struct history_entry *e, char *problem, size_t size)
{
	struct setter set = setter_of(e);
	struct finding_row *x;

	if (st->final)
		return broken(problem, size,
			      "history entry %lld (finding) changes a final assessment", e->seq);
	if (e->new_state || !chain_finding_valid(e->new_value))
		return broken(problem, size, "history entry %lld is not a valid resolution",
			      e->seq);
	x = finding_row(maps, e->question_id);
	if (!x->rival.open) {
		if (e->origin == NULL)
			return broken(problem, size,
				      "history entry %lld (finding%s%s) settles a conflict the "
				      "history never had",
				      e->seq, *e->question_id ? " on " : "", e->question_id);
		if (!same(x->text, e->new_value))
			rival_open(&x->rival, NULL, e->new_value, &set);
		finding_settle(x);
		return 0;
	}
	rival_close(&x->rival);
	replace(&x->text, e->new_value);
	x->set = set;
	return 0;
}

static int
replay_one(struct chain_state *st, struct replay_maps *maps, const char *country, int cycle,
	   const struct history_entry *e, char *problem, size_t size)
{
	int f = field_index(e->field);

	if (strcmp(e->field, "created") == 0 && e->origin == NULL)
		return replay_created(st, e, problem, size);
	if (st->created_at == NULL)
		return broken(problem, size, "history entry 1 does not create the assessment");
	if (f >= 0)
		return replay_change(st, maps, e, f, problem, size);
	if (strcmp(e->field, "resolved") == 0 && same(e->old_state, "finding"))
		return replay_finding_resolved(st, maps, e, problem, size);
	if (strcmp(e->field, "resolved") == 0)
		return replay_resolved(st, maps, e, problem, size);
	if (strcmp(e->field, "attachment") == 0)
		return replay_attachment(st, maps, country, cycle, e, problem, size);
	if (strcmp(e->field, "finding") == 0)
		return replay_finding(st, maps, e, problem, size);
	if (st->final &&
	    (e->origin || strcmp(e->field, "merged") == 0 || strcmp(e->field, "meeting") == 0))
		return broken(problem, size, "history entry %lld (%s) changes a final assessment",
			      e->seq, e->field);
	if (strcmp(e->field, "meeting") == 0)
		return replay_meeting(st, &maps->meetings, country, cycle, e, problem, size);
	/* merged in: another copy's creation, status or merge note, kept as a
	 * record */
	if (e->origin &&
	    (strcmp(e->field, "created") == 0 || strcmp(e->field, "status") == 0 ||
	     strcmp(e->field, "merged") == 0))
		return 0;
	if (strcmp(e->field, "status") == 0) {
		if (!same(e->old_state, st->final ? "final" : "draft") ||
		    !(same(e->new_state, "final") || same(e->new_state, "draft")) ||
		    same(e->old_state, e->new_state) || *e->question_id)
			return broken(problem, size,
				      "history entry %lld changes the status from one the history "
				      "never gave",
				      e->seq);
		st->final = same(e->new_state, "final");
		return 0;
	}
	if (strcmp(e->field, "merged") == 0)
		return 0;
	return broken(problem, size, "history entry %lld has an unknown field '%s'", e->seq,
		      e->field);
}

/* The open conflicts of the replay, for st. */
static void
collect_conflicts(struct chain_state *st, const struct replay_maps *maps)
{
	size_t alloc = 0;

	for (size_t i = 0; i < st->answers.count; i++)
		for (int f = 0; f < FIELD_COUNT; f++) {
			const struct row_extra *x = &maps->extra[i];
			const struct rival *r = &x->rival[f];
			struct chain_conflict *c;

			if (!r->open)
				continue;
			xgrow((void **)&st->conflicts, &alloc, st->conflict_count + 1,
			      sizeof(*st->conflicts));
			c = &st->conflicts[st->conflict_count++];
			c->question_id = xstrdup(st->answers.items[i].question_id);
			c->field = xstrdup(field_names[f]);
			c->state = r->state ? xstrdup(r->state) : NULL;
			c->value = r->value ? xstrdup(r->value) : NULL;
			c->changed_by = xstrdup(r->set.by);
			c->changed_at = xstrdup(r->set.at);
			c->source = r->set.source ? xstrdup(r->set.source) : NULL;
			c->event = xstrdup(r->set.id);
			c->here_by = xstrdup(x->set[f].by ? x->set[f].by : "");
			c->here_at = xstrdup(x->set[f].at ? x->set[f].at : "");
			c->here_source = x->set[f].source ? xstrdup(x->set[f].source) : NULL;
			c->here_event = xstrdup(x->set[f].id ? x->set[f].id : "");
		}
	/* then those over findings, in the order of their pillars */
	for (size_t i = 0; i < maps->row_count; i++) {
		const struct finding_row *x = &maps->rows[i];
		struct chain_conflict *c;

		if (!x->rival.open)
			continue;
		xgrow((void **)&st->conflicts, &alloc, st->conflict_count + 1,
		      sizeof(*st->conflicts));
		c = &st->conflicts[st->conflict_count++];
		memset(c, 0, sizeof(*c));
		c->question_id = xstrdup(x->pillar);
		c->field = xstrdup("finding");
		c->value = xstrdup(x->rival.value ? x->rival.value : "");
		c->changed_by = xstrdup(x->rival.set.by);
		c->changed_at = xstrdup(x->rival.set.at);
		c->event = xstrdup(x->rival.set.id);
		c->here_by = xstrdup(x->set.by ? x->set.by : "");
		c->here_at = xstrdup(x->set.at ? x->set.at : "");
		c->here_event = xstrdup(x->set.id ? x->set.id : "");
	}
}

/* The findings with a text, for st; every row goes. */
static void
collect_findings(struct chain_state *st, struct replay_maps *maps)
{
	for (size_t i = 0; i < maps->row_count; i++) {
		struct finding_row *x = &maps->rows[i];

		if (*x->text) {
			struct finding *f;

			if (st->findings == NULL)
				st->findings = xcalloc(maps->row_count, sizeof(*st->findings));
			f = &st->findings[st->finding_count++];
			f->pillar = x->pillar;
			f->text = x->text;
			f->recorded_by = xstrdup(x->set.by ? x->set.by : "");
			f->recorded_at = xstrdup(x->set.at ? x->set.at : "");
		} else {
			free(x->pillar);
			free(x->text);
		}
		rival_close(&x->rival);
	}
	free(maps->rows);
	free(maps->findings.slots);
	maps->rows = NULL;
	maps->row_count = 0;
}

/* The attachments not removed, for st; the rest go. */
static void
collect_attachments(struct chain_state *st, struct replay_maps *maps)
{
	for (size_t i = 0; i < maps->added_count; i++) {
		if (maps->removed[i]) {
			attachment_release(&maps->added[i]);
			continue;
		}
		if (st->attachments == NULL)
			st->attachments = xcalloc(maps->added_count, sizeof(*st->attachments));
		st->attachments[st->attachment_count++] = maps->added[i];
	}
	free(maps->added);
	free(maps->removed);
	free(maps->attachments.slots);
	maps->added = NULL;
	maps->removed = NULL;
	maps->added_count = 0;
}

int
chain_replay(const char *country, int cycle, const struct history_entry *h, size_t n,
	     struct chain_state *st, char *problem, size_t size)
{
	struct chain_meta meta;
	struct replay_maps maps;
	const char *prev = chain_genesis;
	int status = 0;

	memset(st, 0, sizeof(*st));
	meta.assessors = xstrdup("");
	meta.updated_at = xstrdup("");
	meta.mission_start = xstrdup("");
	meta.mission_end = xstrdup("");
	map_init(&maps.answers, 16, sizeof(struct answer), offsetof(struct answer, question_id));
	map_init(&maps.meetings, 4, sizeof(struct meeting), offsetof(struct meeting, id));
	map_init(&maps.attachments, 4, sizeof(struct attachment), offsetof(struct attachment, id));
	map_init(&maps.findings, 4, sizeof(struct finding_row),
		 offsetof(struct finding_row, pillar));
	maps.rows = NULL;
	maps.row_count = 0;
	maps.row_alloc = 0;
	maps.added = NULL;
	maps.removed = NULL;
	maps.added_count = 0;
	maps.added_alloc = 0;
	maps.removed_alloc = 0;
	maps.extra_alloc = 16;
	maps.extra = xcalloc(maps.extra_alloc, sizeof(*maps.extra));
	if (n == 0)
		status = broken(problem, size, "the history is empty");
	for (size_t i = 0; i < n && status == 0; i++) {
		const struct history_entry *e = &h[i];
		char hash[CHAIN_HASH_SIZE];

		if (e->seq != (long long)i + 1) {
			status = broken(problem, size,
					"history entry %zu is missing (found %lld next)", i + 1,
					e->seq);
			break;
		}
		if (e->field == NULL || e->question_id == NULL || e->changed_by == NULL ||
		    e->changed_at == NULL || e->reason == NULL || e->hash == NULL) {
			status = broken(problem, size, "history entry %lld is incomplete", e->seq);
			break;
		}
		if (e->prev_hash == NULL || strcmp(e->prev_hash, prev) != 0) {
			status = broken(problem, size,
					"history entry %lld does not follow entry %lld: its link "
					"to the previous hash is broken",
					e->seq, e->seq - 1);
			break;
		}
		if (e->version < 1 || e->version > CHAIN_VERSION_MERGED ||
		    (e->version < 2 && e->source) || (e->version < 3) != (e->origin == NULL) ||
		    (e->origin && strlen(e->origin) != CHAIN_HASH_SIZE - 1)) {
			status =
				broken(problem, size, "history entry %lld has an unknown format %d",
				       e->seq, e->version);
			break;
		}
		chain_hash(country, cycle, e, hash);
		if (strcmp(hash, e->hash) != 0) {
			status = broken(problem, size,
					"history entry %lld (%s%s%s, %s by %s) was altered: its "
					"hash does not match its content",
					e->seq, e->field, *e->question_id ? " of " : "",
					e->question_id, e->changed_at, e->changed_by);
			break;
		}
		status = replay_one(st, &maps, country, cycle, e, problem, size);
		if (status == 0)
			chain_meta_apply(&meta, e);
		prev = e->hash;
	}
	collect_conflicts(st, &maps);
	collect_attachments(st, &maps);
	collect_findings(st, &maps);
	for (size_t i = 0; i < st->answers.count; i++)
		for (int f = 0; f < FIELD_COUNT; f++)
			rival_close(&maps.extra[i].rival[f]);
	free(maps.extra);
	free(maps.answers.slots);
	free(maps.meetings.slots);
	st->assessors = meta.assessors;
	st->updated_at = meta.updated_at;
	st->mission_start = meta.mission_start;
	st->mission_end = meta.mission_end;
	st->count = n;
	snprintf(st->head, sizeof(st->head), "%s", prev);
	return status;
}

/* ---- comparing with the store ------------------------------------------ */

static int
differs(const char *what, const char *stored, const char *replayed, char *problem, size_t size)
{
	if (same(stored, replayed))
		return 0;
	return broken(problem, size, "the %s ('%s') differs from what the history records ('%s')",
		      what, stored ? stored : "", replayed ? replayed : "");
}

static const char *
answer_difference(const struct answer *w, const struct answer *x)
{
	if (w->state != x->state || !same(w->value, x->value))
		return "answer";
	if (!same(w->evidence, x->evidence))
		return "evidence";
	if (!same(w->comment, x->comment))
		return "note";
	if (w->flagged != x->flagged)
		return "flag";
	if (!same(w->answered_by, x->answered_by))
		return "author";
	if (!same(w->answered_at, x->answered_at))
		return "time";
	if (!same(w->source, x->source))
		return "source";
	return NULL;
}

/* Whether two conflicts say the same. */
static int
same_conflict(const struct chain_conflict *x, const struct chain_conflict *y)
{
	return same(x->question_id, y->question_id) && same(x->field, y->field) &&
		same(x->state, y->state) && same(x->value, y->value) &&
		same(x->changed_by, y->changed_by) && same(x->changed_at, y->changed_at) &&
		same(x->source, y->source) && same(x->event, y->event) &&
		same(x->here_by, y->here_by) && same(x->here_at, y->here_at) &&
		same(x->here_source, y->here_source) && same(x->here_event, y->here_event);
}

/* Compare the stored conflicts with the replay's (both in the order of
 * the answers, then of the fields, when stored as the store writes them;
 * matched here by question and field). */
static int
compare_conflicts(const struct chain_state *st, const struct chain_conflict *conflicts, size_t n,
		  char *problem, size_t size)
{
	struct index_map map;
	int status = 0;

	if (n != st->conflict_count)
		return broken(problem, size,
			      "%zu conflicts are stored, but the history leaves %zu open", n,
			      st->conflict_count);
	if (n == 0)
		return 0;
	/* keyed by question: at most four conflicts share one, found by a
	 * short walk from the first; those over findings (keyed by pillar,
	 * after the others, one per pillar at most) by a walk over them */
	map_init(&map, n, sizeof(struct chain_conflict),
		 offsetof(struct chain_conflict, question_id));
	for (size_t i = 0; i < n; i++) {
		size_t *slot;

		if (same(st->conflicts[i].field, "finding"))
			continue;
		slot = map_slot(&map, st->conflicts, st->conflicts[i].question_id);
		if (*slot == 0)
			*slot = i + 1;
	}
	for (size_t i = 0; i < n && status == 0; i++) {
		const struct chain_conflict *c = &conflicts[i];
		size_t k = same(c->field, "finding")
			? 0
			: *map_slot(&map, st->conflicts, c->question_id);
		int found = 0;

		for (; k && k <= n && same(st->conflicts[k - 1].question_id, c->question_id); k++)
			if (same(st->conflicts[k - 1].field, c->field)) {
				found = same_conflict(c, &st->conflicts[k - 1]);
				break;
			}
		for (size_t j = 0; same(c->field, "finding") && j < n; j++)
			if (same(st->conflicts[j].field, "finding") &&
			    same(st->conflicts[j].question_id, c->question_id)) {
				found = same_conflict(c, &st->conflicts[j]);
				break;
			}
		if (!found)
			status = broken(problem, size,
					"the stored conflict over the %s of %s differs from what "
					"the history leaves open",
					c->field, c->question_id);
	}
	free(map.slots);
	return status;
}

int
chain_compare(const struct chain_state *st, const struct assessment *a,
	      const struct answer_set *answers, const struct meeting *meetings,
	      size_t meeting_count, const struct chain_conflict *conflicts, size_t conflict_count,
	      char *problem, size_t size)
{
	struct index_map map;
	int status = 0;

	if (differs("questionnaire", a->questionnaire_id, st->questionnaire_id, problem, size) ||
	    differs("questionnaire version", a->questionnaire_version, st->questionnaire_version,
		    problem, size) ||
	    differs("questionnaire's SHA-256", a->questionnaire_sha256, st->questionnaire_sha256,
		    problem, size) ||
	    differs("creation time", a->created_at, st->created_at, problem, size) ||
	    differs("time of the last change", a->updated_at, st->updated_at, problem, size) ||
	    differs("list of assessors", a->assessors, st->assessors, problem, size) ||
	    differs("mission start", a->mission_start, st->mission_start, problem, size) ||
	    differs("mission end", a->mission_end, st->mission_end, problem, size))
		return 1;
	if (a->final != st->final)
		return broken(problem, size, "the status is %s, but the history says %s",
			      a->final ? "final" : "draft", st->final ? "final" : "draft");
	if (a->head && *a->head &&
	    (a->entries != (long long)st->count || strcmp(a->head, st->head) != 0))
		return broken(problem, size,
			      "the history ends at entry %zu, but the assessment records %lld "
			      "entries: entries were removed or replaced",
			      st->count, a->entries);
	map_of_answers(&map, &st->answers);
	{
		struct index_map mine;

		/* a question stored twice (a hostile bundle) */
		map_init(&mine, answers->count, sizeof(struct answer),
			 offsetof(struct answer, question_id));
		for (size_t i = 0; i < answers->count && status == 0; i++) {
			size_t *slot =
				map_slot(&mine, answers->items, answers->items[i].question_id);

			if (*slot)
				status = broken(problem, size, "question %s is answered twice",
						answers->items[i].question_id);
			*slot = i + 1;
		}
		free(mine.slots);
	}
	for (size_t i = 0; i < answers->count && status == 0; i++) {
		const struct answer *w = &answers->items[i];
		size_t k = *map_slot(&map, st->answers.items, w->question_id);
		const char *what;

		if (k == 0) {
			status = broken(problem, size,
					"the stored answer to %s is not in the history",
					w->question_id);
			break;
		}
		what = answer_difference(w, &st->answers.items[k - 1]);
		if (what)
			status = broken(problem, size,
					"the stored %s of %s differs from what the history records",
					what, w->question_id);
	}
	free(map.slots);
	if (status == 0 && answers->count != st->answers.count) {
		/* every stored row matched one replayed: some replayed are missing */
		map_of_answers(&map, answers);
		for (size_t i = 0; i < st->answers.count && status == 0; i++)
			if (*map_slot(&map, answers->items, st->answers.items[i].question_id) == 0)
				status = broken(problem, size,
						"the answer to %s that the history records is "
						"missing",
						st->answers.items[i].question_id);
		free(map.slots);
	}
	if (status)
		return status;
	if (meeting_count != st->meeting_count)
		return broken(problem, size, "%zu meetings are stored, but the history records %zu",
			      meeting_count, st->meeting_count);
	{
		/* each replayed meeting matched once: a stored one twice hides a
		 * missing one */
		unsigned char *seen = xcalloc(st->meeting_count + 1, 1);

		map_init(&map, st->meeting_count, sizeof(struct meeting),
			 offsetof(struct meeting, id));
		for (size_t i = 0; i < st->meeting_count; i++)
			*map_slot(&map, st->meetings, st->meetings[i].id) = i + 1;
		for (size_t i = 0; i < meeting_count && status == 0; i++) {
			const struct meeting *m = &meetings[i];
			size_t k = *map_slot(&map, st->meetings, m->id);
			const struct meeting *x = k ? &st->meetings[k - 1] : NULL;

			if (x == NULL || seen[k] || !same(m->organisation, x->organisation) ||
			    !same(m->people, x->people) || !same(m->met_on, x->met_on) ||
			    !same(m->recorded_by, x->recorded_by) ||
			    !same(m->recorded_at, x->recorded_at))
				status = broken(problem, size,
						"the stored meeting %s differs from what the "
						"history records",
						m->id);
			if (k)
				seen[k] = 1;
		}
		free(map.slots);
		free(seen);
	}
	if (status == 0)
		status = compare_conflicts(st, conflicts, conflict_count, problem, size);
	return status;
}

/* The first field in which attachments x and y differ, or NULL. */
static const char *
attachment_difference(const struct attachment *x, const struct attachment *y)
{
	if (!same(x->question_id, y->question_id))
		return "question";
	if (!same(x->name, y->name))
		return "name";
	if (!same(x->type, y->type))
		return "type";
	if (x->size != y->size)
		return "size";
	if (!same(x->sha256, y->sha256))
		return "SHA-256";
	if (!same(x->added_by, y->added_by))
		return "author";
	if (!same(x->added_at, y->added_at))
		return "time";
	if (!same(x->source, y->source))
		return "source";
	return NULL;
}

int
chain_compare_attachments(const struct chain_state *st, const struct attachment *stored, size_t n,
			  char *problem, size_t size)
{
	struct index_map map;
	unsigned char *seen = xcalloc(st->attachment_count + 1, 1);
	int status = 0;

	map_init(&map, st->attachment_count, sizeof(struct attachment),
		 offsetof(struct attachment, id));
	for (size_t i = 0; i < st->attachment_count; i++)
		*map_slot(&map, st->attachments, st->attachments[i].id) = i + 1;
	for (size_t i = 0; i < n && status == 0; i++) {
		const struct attachment *x = &stored[i];
		size_t k = x->id ? *map_slot(&map, st->attachments, x->id) : 0;
		const char *what;

		if (k == 0) {
			status = broken(problem, size,
					"the stored attachment %s ('%s') is not one the history "
					"keeps: it was added outside cirt or removed",
					x->id ? x->id : "", x->name ? x->name : "");
			break;
		}
		if (seen[k]) {
			status = broken(problem, size, "attachment %s is stored twice", x->id);
			break;
		}
		seen[k] = 1;
		what = attachment_difference(x, &st->attachments[k - 1]);
		if (what)
			status = broken(problem, size,
					"the stored %s of attachment %s differs from what the "
					"history records",
					what, x->id);
	}
	for (size_t i = 0; i < st->attachment_count && status == 0; i++)
		if (!seen[i + 1])
			status = broken(problem, size,
					"attachment %s ('%s') that the history records is missing",
					st->attachments[i].id, st->attachments[i].name);
	free(map.slots);
	free(seen);
	return status;
}

/* "executive summary" or "finding on pillar ID", for messages. */
static void
finding_name(const char *pillar, char *out, size_t size)
{
	if (pillar == NULL || *pillar == '\0')
		snprintf(out, size, "executive summary");
	else
		snprintf(out, size, "finding on pillar %.64s", pillar);
}

int
chain_compare_findings(const struct chain_state *st, const struct finding *stored, size_t n,
		       char *problem, size_t size)
{
	struct index_map map;
	unsigned char *seen = xcalloc(st->finding_count + 1, 1);
	int status = 0;

	map_init(&map, st->finding_count, sizeof(struct finding), offsetof(struct finding, pillar));
	for (size_t i = 0; i < st->finding_count; i++)
		*map_slot(&map, st->findings, st->findings[i].pillar) = i + 1;
	for (size_t i = 0; i < n && status == 0; i++) {
		const struct finding *x = &stored[i];
		size_t k = x->pillar ? *map_slot(&map, st->findings, x->pillar) : 0;
		const struct finding *y = k ? &st->findings[k - 1] : NULL;
		const char *what = y == NULL			? NULL
			: !same(x->text, y->text)		? "text"
			: !same(x->recorded_by, y->recorded_by) ? "author"
			: !same(x->recorded_at, y->recorded_at) ? "time"
								: NULL;
		char name[128];

		finding_name(x->pillar, name, sizeof(name));
		if (k == 0)
			status = broken(problem, size,
					"the stored %s is not in the history: it was added outside "
					"cirt",
					name);
		else if (seen[k])
			status = broken(problem, size, "the %s is stored twice", name);
		else if (what)
			status = broken(problem, size,
					"the stored %s of the %s differs from what the history "
					"records",
					what, name);
		if (k)
			seen[k] = 1;
	}
	for (size_t i = 0; i < st->finding_count && status == 0; i++)
		if (!seen[i + 1]) {
			char name[128];

			finding_name(st->findings[i].pillar, name, sizeof(name));
			status = broken(problem, size, "the %s that the history records is missing",
					name);
		}
	free(map.slots);
	free(seen);
	return status;
}

/* ---- the register -------------------------------------------------------- */

static struct chain_live *
live_find(struct chain_live *live, size_t n, const char *country, int cycle)
{
	size_t lo = 0;
	size_t hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(live[mid].country, country);

		if (c == 0)
			c = (live[mid].cycle > cycle) - (live[mid].cycle < cycle);
		if (c == 0)
			return &live[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* What the register says of one assessment: whether it exists at the end,
 * and where its latest creation is. */
struct registered {
	char country[3];
	int cycle;
	int exists;
	size_t created; /* the index of its latest 'created' event */
};

static int
registered_cmp(const void *a, const void *b)
{
	const struct registered *x = a;
	const struct registered *y = b;
	int c = strcmp(x->country, y->country);

	return c ? c : (x->cycle > y->cycle) - (x->cycle < y->cycle);
}

static struct registered *
registered_find(struct registered *reg, size_t n, const char *country, int cycle)
{
	struct registered key = {{0}, cycle, 0, 0};

	snprintf(key.country, sizeof(key.country), "%s", country);
	return bsearch(&key, reg, n, sizeof(*reg), registered_cmp);
}

/* The links and hashes of the register, and what it says exists. */
static int
register_links(const struct register_entry *r, size_t n, struct registered *reg, size_t nreg,
	       char *problem, size_t size)
{
	const char *prev = chain_genesis;

	for (size_t i = 0; i < n; i++) {
		const struct register_entry *e = &r[i];
		struct registered *g = registered_find(reg, nreg, e->country, e->cycle);
		char hash[CHAIN_HASH_SIZE];

		if (e->seq != (long long)i + 1 || e->prev_hash == NULL ||
		    strcmp(e->prev_hash, prev) != 0)
			return broken(problem, size,
				      "register entry %zu is missing or out of place", i + 1);
		chain_register_hash(e, hash);
		if (e->hash == NULL || strcmp(hash, e->hash) != 0)
			return broken(problem, size,
				      "register entry %lld (%s %d %s) was altered: its hash does "
				      "not match its content",
				      e->seq, e->country, e->cycle, e->event);
		prev = e->hash;
		if (strcmp(e->event, "created") == 0) {
			if (g->exists)
				return broken(problem, size,
					      "register entry %lld creates %s %d, which exists "
					      "already",
					      e->seq, e->country, e->cycle);
			g->exists = 1;
			g->created = i;
		} else if (strcmp(e->event, "final") != 0 && strcmp(e->event, "draft") != 0 &&
			   strcmp(e->event, "discarded") != 0) {
			return broken(problem, size, "register entry %lld has an unknown event",
				      e->seq);
		} else if (!g->exists) {
			return broken(problem, size,
				      "register entry %lld (%s) names %s %d, which does not "
				      "exist then",
				      e->seq, e->event, e->country, e->cycle);
		} else if (strcmp(e->event, "discarded") == 0) {
			g->exists = 0;
		}
	}
	return 0;
}

int
chain_register_check(const struct register_entry *r, size_t n, struct chain_live *live,
		     size_t live_count, char *problem, size_t size)
{
	struct registered *reg = xcalloc(n + 1, sizeof(*reg));
	size_t nreg = 0;
	int status;

	for (size_t i = 0; i < n; i++) {
		snprintf(reg[nreg].country, sizeof(reg[nreg].country), "%s", r[i].country);
		reg[nreg++].cycle = r[i].cycle;
	}
	qsort(reg, nreg, sizeof(*reg), registered_cmp);
	status = register_links(r, n, reg, nreg, problem, size);
	/* each event since an assessment's latest creation names an event its
	 * history must still hold */
	for (size_t i = 0; i < n && status == 0; i++) {
		const struct register_entry *e = &r[i];
		const struct registered *g = registered_find(reg, nreg, e->country, e->cycle);
		const struct chain_live *l = live_find(live, live_count, e->country, e->cycle);

		if (!g->exists || i < g->created || l == NULL)
			continue;
		if (e->entries < 1 || (size_t)e->entries > l->count || e->head == NULL ||
		    strcmp(l->hashes[e->entries - 1], e->head) != 0)
			status = broken(problem, size,
					"the history of %s %d no longer holds entry %lld (%.12s) "
					"that the register recorded when it was %s: entries were "
					"removed or replaced",
					e->country, e->cycle, e->entries, e->head ? e->head : "",
					e->event);
	}
	for (size_t i = 0; i < live_count && status == 0; i++) {
		const struct registered *g =
			registered_find(reg, nreg, live[i].country, live[i].cycle);

		live[i].seen = g && g->exists;
		if (!live[i].seen)
			status = broken(problem, size,
					"the assessment of %s %d is not in the register: it was "
					"added outside cirt",
					live[i].country, live[i].cycle);
	}
	for (size_t i = 0; i < nreg && status == 0; i++)
		if (reg[i].exists &&
		    live_find(live, live_count, reg[i].country, reg[i].cycle) == NULL)
			status = broken(problem, size,
					"the assessment of %s %d was deleted: the register says it "
					"exists",
					reg[i].country, reg[i].cycle);
	free(reg);
	return status;
}
