/* Unit tests of the hash chain: the entry and register hashes, the replay
 * of a history and its refusals, the comparison with what a store holds,
 * meetings, and the register check. Histories are built in memory, each
 * event hashed and linked as the store would write it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <nettle/sha2.h>

#include "chain.h"
#include "store.h"
#include "xmalloc.h"

#define COUNTRY "KE"
#define CYCLE 2026
#define QUESTIONNAIRE_SHA256 "25354798be48b8627763c748b86c8b99d4d62ea8b1a412b29bc6286394646391"
#define ORGANISATION "Ministry of ICT"
#define PEOPLE "Director (Jo Bloggs); Analyst"

/* An assessment's history as the store would hold it. */
struct history {
	const char *country;
	int cycle;
	struct history_entry *e;
	size_t n;
	size_t alloc;
};

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
history_init(struct history *h, const char *country, int cycle)
{
	memset(h, 0, sizeof(*h));
	h->country = country;
	h->cycle = cycle;
}

static void
history_free(struct history *h)
{
	history_release(h->e, h->n);
	memset(h, 0, sizeof(*h));
}

/* Number, link and hash the entries from index `from` on, as the store
 * does when it appends them (or as someone rewriting the history would). */
static void
seal(struct history *h, size_t from)
{
	for (size_t i = from; i < h->n; i++) {
		struct history_entry *e = &h->e[i];
		char hash[CHAIN_HASH_SIZE];

		e->seq = (long long)i + 1;
		free(e->prev_hash);
		e->prev_hash = xstrdup(i ? h->e[i - 1].hash : chain_genesis);
		chain_hash(h->country, h->cycle, e, hash);
		free(e->hash);
		e->hash = xstrdup(hash);
	}
}

/* Append an event of the given format and seal it. */
static struct history_entry *
add(struct history *h, int version, const char *question_id, const char *field,
    const char *old_state, const char *old_value, const char *new_state, const char *new_value,
    const char *by, const char *at, const char *source)
{
	struct history_entry *e;

	xgrow((void **)&h->e, &h->alloc, h->n + 1, sizeof(*h->e));
	e = &h->e[h->n++];
	memset(e, 0, sizeof(*e));
	e->version = version;
	e->question_id = xstrdup(question_id);
	e->field = xstrdup(field);
	e->old_state = dup_or_null(old_state);
	e->old_value = dup_or_null(old_value);
	e->new_state = dup_or_null(new_state);
	e->new_value = dup_or_null(new_value);
	e->changed_by = xstrdup(by);
	e->changed_at = xstrdup(at);
	e->reason = xstrdup("");
	e->source = dup_or_null(source);
	seal(h, h->n - 1);
	return e;
}

/* Remove the entry at index i, leaving the others as they are. */
static void
remove_entry(struct history *h, size_t i)
{
	history_entry_release(&h->e[i]);
	memmove(&h->e[i], &h->e[i + 1], (h->n - i - 1) * sizeof(*h->e));
	h->n--;
}

static void
swap_entries(struct history *h, size_t i, size_t j)
{
	struct history_entry t = h->e[i];

	h->e[i] = h->e[j];
	h->e[j] = t;
}

static void
meeting_make(struct meeting *m, const char *organisation, const char *people, const char *met_on,
	     const char *by, const char *at)
{
	memset(m, 0, sizeof(*m));
	m->organisation = xstrdup(organisation);
	m->people = xstrdup(people);
	m->met_on = xstrdup(met_on);
	m->recorded_by = xstrdup(by);
	m->recorded_at = xstrdup(at);
}

/* Append the event that records meeting m; its id goes to id. */
static void
add_meeting(struct history *h, struct meeting *m, char id[16])
{
	char *value = chain_meeting_value(m);

	chain_meeting_id(h->country, h->cycle, m, id);
	add(h, 2, "", "meeting", NULL, NULL, m->met_on, value, m->recorded_by, m->recorded_at, id);
	free(value);
}

/* The sample: an assessment created, a meeting, three questions changed by
 * two assessors (L1 twice), then made final. Nine events. */
static void
sample(struct history *h, char meeting_id[16])
{
	struct meeting m;

	history_init(h, COUNTRY, CYCLE);
	add(h, 2, "", "created", NULL, NULL, "draft", "example 1.0 " QUESTIONNAIRE_SHA256, "Ana",
	    "2026-11-20T09:00:00.000Z", NULL);
	meeting_make(&m, ORGANISATION, PEOPLE, "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	add_meeting(h, &m, meeting_id);
	meeting_release(&m);
	add(h, 2, "L1", "answer", "none", NULL, "value", "yes", "Ana", "2026-11-21T10:05:00.000Z",
	    meeting_id);
	add(h, 2, "L1", "evidence", NULL, "", NULL, "Decree 12 of 2024", "Ben",
	    "2026-11-22T08:00:00.000Z", NULL);
	add(h, 2, "L2", "answer", "none", NULL, "dont_know", NULL, "Ben",
	    "2026-11-23T08:00:00.000Z", meeting_id);
	add(h, 2, "L2", "comment", NULL, "", NULL, "ask the regulator", "Ana",
	    "2026-11-23T09:00:00.000Z", NULL);
	add(h, 2, "L3", "flag", NULL, "0", NULL, "1", "Ben", "2026-11-24T08:00:00.000Z", NULL);
	add(h, 2, "L1", "answer", "value", "yes", "value", "no", "Ana", "2026-11-25T08:00:00.000Z",
	    meeting_id);
	add(h, 2, "", "status", "draft", NULL, "final", NULL, "Ana", "2026-11-26T08:00:00.000Z",
	    NULL);
}

/* Replay h, which must be valid, into st. */
static void
replay_ok(const struct history *h, struct chain_state *st)
{
	char problem[512] = "";
	int rc = chain_replay(h->country, h->cycle, h->e, h->n, st, problem, sizeof(problem));

	if (rc != 0)
		fail_msg("the replay refused a valid history: %s", problem);
}

/* Replay h, which must be refused with a problem that holds expected. */
static void
replay_refused(const struct history *h, const char *expected)
{
	struct chain_state st;
	char problem[512] = "";
	int rc = chain_replay(h->country, h->cycle, h->e, h->n, &st, problem, sizeof(problem));

	chain_state_release(&st);
	if (rc != 1 || strstr(problem, expected) == NULL)
		fail_msg("expected a refusal naming \"%s\", got %d: \"%s\"", expected, rc, problem);
}

/* ---- the hashes, derived again from their documented format ------------- */

/* Append a length-prefixed field ("LEN:BYTES," or "-," for none). */
static void
put_field(char **buf, const char *s)
{
	char *old = *buf;

	*buf = s ? xasprintf("%s%zu:%s,", old, strlen(s), s) : xasprintf("%s-,", old);
	free(old);
}

static void
put_number(char **buf, long long v)
{
	char number[32];

	snprintf(number, sizeof(number), "%lld", v);
	put_field(buf, number);
}

static void
sha256_of(const char *s, char hex[CHAIN_HASH_SIZE])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, strlen(s), (const uint8_t *)s);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static void
history_hash_again(const char *country, int cycle, const struct history_entry *e,
		   char hex[CHAIN_HASH_SIZE])
{
	char *buf = xstrdup("");

	put_field(&buf, e->version >= 2 ? "cirt-history-2" : "cirt-history-1");
	put_field(&buf, country);
	put_number(&buf, cycle);
	put_number(&buf, e->seq);
	put_field(&buf, e->question_id);
	put_field(&buf, e->field);
	put_field(&buf, e->old_state);
	put_field(&buf, e->old_value);
	put_field(&buf, e->new_state);
	put_field(&buf, e->new_value);
	put_field(&buf, e->changed_by);
	put_field(&buf, e->changed_at);
	put_field(&buf, e->reason);
	if (e->version >= 2)
		put_field(&buf, e->source);
	put_field(&buf, e->prev_hash);
	sha256_of(buf, hex);
	free(buf);
}

static void
test_hash_format(void **state)
{
	struct history h;
	char meeting_id[16];
	char expected[CHAIN_HASH_SIZE];
	char got[CHAIN_HASH_SIZE];
	char *buf;
	struct register_entry r = {0};
	struct meeting m;

	(void)state;
	sample(&h, meeting_id);
	assert_int_equal(strlen(chain_genesis), 64);
	assert_int_equal(strspn(chain_genesis, "0"), 64);
	assert_string_equal(h.e[0].prev_hash, chain_genesis);
	for (size_t i = 0; i < h.n; i++) {
		history_hash_again(COUNTRY, CYCLE, &h.e[i], expected);
		assert_string_equal(h.e[i].hash, expected);
		if (i > 0)
			assert_string_equal(h.e[i].prev_hash, h.e[i - 1].hash);
	}

	/* version 1 leaves the source out of the hash, and is told apart
	 * from version 2 of the same content */
	h.e[3].version = 1;
	chain_hash(COUNTRY, CYCLE, &h.e[3], got);
	history_hash_again(COUNTRY, CYCLE, &h.e[3], expected);
	assert_string_equal(got, expected);
	assert_string_not_equal(got, h.e[3].hash);
	h.e[2].version = 1; /* carries a source */
	chain_hash(COUNTRY, CYCLE, &h.e[2], got);
	free(h.e[2].source);
	h.e[2].source = NULL;
	chain_hash(COUNTRY, CYCLE, &h.e[2], expected);
	assert_string_equal(got, expected);
	history_free(&h);

	/* the register */
	r.seq = 3;
	r.event = xstrdup("final");
	snprintf(r.country, sizeof(r.country), "TZ");
	r.cycle = 2025;
	r.entries = 12;
	r.head = xstrdup("ab12");
	r.changed_by = xstrdup("Ana");
	r.changed_at = xstrdup("2026-11-26T08:00:00.000Z");
	r.prev_hash = xstrdup(chain_genesis);
	buf = xstrdup("");
	put_field(&buf, "cirt-register-1");
	put_number(&buf, 3);
	put_field(&buf, "final");
	put_field(&buf, "TZ");
	put_number(&buf, 2025);
	put_number(&buf, 12);
	put_field(&buf, "ab12");
	put_field(&buf, "Ana");
	put_field(&buf, "2026-11-26T08:00:00.000Z");
	put_field(&buf, chain_genesis);
	sha256_of(buf, expected);
	free(buf);
	chain_register_hash(&r, got);
	assert_string_equal(got, expected);
	register_entry_release(&r);

	/* a meeting's id: "m" and the first 12 hex digits of its hash */
	meeting_make(&m, ORGANISATION, PEOPLE, "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	buf = xstrdup("");
	put_field(&buf, "cirt-meeting-1");
	put_field(&buf, COUNTRY);
	put_number(&buf, CYCLE);
	put_field(&buf, ORGANISATION);
	put_field(&buf, PEOPLE);
	put_field(&buf, "2026-11-21");
	put_field(&buf, "Ana");
	put_field(&buf, "2026-11-21T10:00:00.000Z");
	sha256_of(buf, expected);
	free(buf);
	chain_meeting_id(COUNTRY, CYCLE, &m, meeting_id);
	assert_int_equal(strlen(meeting_id), 13);
	assert_int_equal(meeting_id[0], 'm');
	assert_memory_equal(meeting_id + 1, expected, 12);
	meeting_release(&m);
}

/* ---- the replay --------------------------------------------------------- */

static void
test_replay_valid(void **state)
{
	struct history h;
	struct chain_state st;
	char meeting_id[16];
	const struct answer *w;

	(void)state;
	sample(&h, meeting_id);
	replay_ok(&h, &st);
	assert_string_equal(st.questionnaire_id, "example");
	assert_string_equal(st.questionnaire_version, "1.0");
	assert_string_equal(st.questionnaire_sha256, QUESTIONNAIRE_SHA256);
	assert_string_equal(st.created_by, "Ana");
	assert_string_equal(st.created_at, "2026-11-20T09:00:00.000Z");
	assert_string_equal(st.updated_at, "2026-11-26T08:00:00.000Z");
	assert_string_equal(st.assessors, "Ana, Ben");
	/* the meeting and the status are not changes to answers */
	assert_string_equal(st.mission_start, "2026-11-21");
	assert_string_equal(st.mission_end, "2026-11-25");
	assert_int_equal(st.final, 1);
	assert_int_equal(st.count, 9);
	assert_string_equal(st.head, h.e[8].hash);

	/* in the order the questions were first changed */
	assert_int_equal(st.answers.count, 3);
	w = &st.answers.items[0];
	assert_string_equal(w->question_id, "L1");
	assert_int_equal(w->state, ANSWER_VALUE);
	assert_string_equal(w->value, "no");
	assert_string_equal(w->evidence, "Decree 12 of 2024");
	assert_string_equal(w->comment, "");
	assert_int_equal(w->flagged, 0);
	assert_string_equal(w->answered_by, "Ana");
	assert_string_equal(w->answered_at, "2026-11-25T08:00:00.000Z");
	assert_string_equal(w->source, meeting_id);
	w = &st.answers.items[1];
	assert_string_equal(w->question_id, "L2");
	assert_int_equal(w->state, ANSWER_DONT_KNOW);
	assert_null(w->value);
	assert_string_equal(w->evidence, "");
	assert_string_equal(w->comment, "ask the regulator");
	assert_string_equal(w->answered_by, "Ana");
	assert_string_equal(w->answered_at, "2026-11-23T09:00:00.000Z");
	assert_null(w->source); /* the note was not given in the meeting */
	w = &st.answers.items[2];
	assert_string_equal(w->question_id, "L3");
	assert_int_equal(w->state, ANSWER_NONE);
	assert_null(w->value);
	assert_int_equal(w->flagged, 1);
	assert_string_equal(w->answered_by, "Ben");
	assert_null(w->source);

	assert_int_equal(st.meeting_count, 1);
	assert_string_equal(st.meetings[0].id, meeting_id);
	assert_string_equal(st.meetings[0].organisation, ORGANISATION);
	assert_string_equal(st.meetings[0].people, PEOPLE);
	assert_string_equal(st.meetings[0].met_on, "2026-11-21");
	assert_string_equal(st.meetings[0].recorded_by, "Ana");
	assert_string_equal(st.meetings[0].recorded_at, "2026-11-21T10:00:00.000Z");
	chain_state_release(&st);

	/* every prefix is a valid history too: its head is its last hash */
	for (size_t n = 1; n < h.n; n++) {
		char problem[512] = "";

		assert_int_equal(
			chain_replay(COUNTRY, CYCLE, h.e, n, &st, problem, sizeof(problem)), 0);
		assert_int_equal(st.count, n);
		assert_string_equal(st.head, h.e[n - 1].hash);
		assert_int_equal(st.final, 0);
		chain_state_release(&st);
	}

	/* reopened, it is a draft again and can change */
	add(&h, 2, "", "status", "final", NULL, "draft", NULL, "Ben", "2026-11-27T08:00:00.000Z",
	    NULL);
	add(&h, 2, "L3", "flag", NULL, "1", NULL, "0", "Cleo", "2026-11-27T09:00:00.000Z", NULL);
	replay_ok(&h, &st);
	assert_int_equal(st.final, 0);
	assert_int_equal(st.answers.items[2].flagged, 0);
	assert_string_equal(st.assessors, "Ana, Ben, Cleo");
	assert_string_equal(st.mission_end, "2026-11-27");
	assert_string_equal(st.updated_at, "2026-11-27T09:00:00.000Z");
	assert_string_equal(st.head, h.e[10].hash);
	chain_state_release(&st);
	history_free(&h);
}

/* A history written before sources existed (version 1) still replays,
 * and grows in version 2. */
static void
test_replay_version_1(void **state)
{
	struct history h;
	struct chain_state st;
	struct meeting m;
	char meeting_id[16];

	(void)state;
	history_init(&h, "TZ", 2024);
	add(&h, 1, "", "created", NULL, NULL, "draft", "example 0.9 " QUESTIONNAIRE_SHA256, "Ana",
	    "2024-03-01T09:00:00.000Z", NULL);
	add(&h, 1, "Q1", "answer", "none", NULL, "not_applicable", NULL, "Ana",
	    "2024-03-02T09:00:00.000Z", NULL);
	meeting_make(&m, "Regulator", "Head", "2026-01-10", "Ben", "2026-01-10T09:00:00.000Z");
	add_meeting(&h, &m, meeting_id);
	add(&h, 2, "Q1", "answer", "not_applicable", NULL, "value", "3", "Ben",
	    "2026-01-10T09:30:00.000Z", meeting_id);
	replay_ok(&h, &st);
	assert_string_equal(st.questionnaire_version, "0.9");
	assert_int_equal(st.answers.count, 1);
	assert_string_equal(st.answers.items[0].value, "3");
	assert_string_equal(st.answers.items[0].source, meeting_id);
	assert_string_equal(st.mission_start, "2024-03-02");
	assert_string_equal(st.mission_end, "2026-01-10");
	assert_int_equal(st.meeting_count, 1);
	chain_state_release(&st);

	/* a meeting cannot be recorded in the first format */
	remove_entry(&h, 3);
	h.e[2].version = 1;
	free(h.e[2].source);
	h.e[2].source = NULL;
	seal(&h, 2);
	replay_refused(&h, "history entry 3 is not a valid meeting");
	meeting_release(&m);
	history_free(&h);
}

/* The places of a history entry's strings, for altering each in turn. */
static char **
entry_field(struct history_entry *e, int k)
{
	char **fields[] = {&e->question_id, &e->field,	   &e->old_state,  &e->old_value,
			   &e->new_state,   &e->new_value, &e->changed_by, &e->changed_at,
			   &e->reason,	    &e->source,	   &e->hash};

	return fields[k];
}

#define ENTRY_FIELDS 11

static void
test_changed_field_breaks_chain(void **state)
{
	struct history h;
	char meeting_id[16];
	struct chain_state st;
	char problem[512];

	(void)state;
	sample(&h, meeting_id);
	for (size_t i = 0; i < h.n; i++) {
		char expected[64];

		snprintf(expected, sizeof(expected), "history entry %zu (", i + 1);
		for (int k = 0; k < ENTRY_FIELDS; k++) {
			char **slot = entry_field(&h.e[i], k);
			char *was = *slot;

			*slot = was ? xasprintf("%s.", was) : xstrdup("x");
			replay_refused(&h, expected);
			replay_refused(&h, "was altered: its hash does not match its content");
			free(*slot);
			*slot = was;
		}
		/* the sequence number, the version, the link */
		h.e[i].seq += 10;
		snprintf(expected, sizeof(expected), "history entry %zu is missing", i + 1);
		replay_refused(&h, expected);
		h.e[i].seq -= 10;
		h.e[i].version = 1;
		snprintf(expected, sizeof(expected), "history entry %zu ", i + 1);
		replay_refused(&h, expected);
		h.e[i].version = 2;
		h.e[i].prev_hash[0] = h.e[i].prev_hash[0] == '0' ? '1' : '0';
		snprintf(expected, sizeof(expected), "history entry %zu does not follow", i + 1);
		replay_refused(&h, expected);
		h.e[i].prev_hash[0] = i ? h.e[i - 1].hash[0] : '0';
		replay_ok(&h, &st);
		chain_state_release(&st);
	}

	/* the entry names what was changed, when and by whom */
	free(h.e[4].new_state);
	h.e[4].new_state = xstrdup("value");
	replay_refused(&h,
		       "history entry 5 (answer of L2, 2026-11-23T08:00:00.000Z by Ben) was "
		       "altered");
	history_free(&h);

	/* the same events hash differently for another assessment */
	sample(&h, meeting_id);
	h.country = "TZ";
	replay_refused(&h,
		       "history entry 1 (created, 2026-11-20T09:00:00.000Z by Ana) was altered");
	h.country = COUNTRY;
	h.cycle = CYCLE + 1;
	replay_refused(&h, "history entry 1 (created");
	h.cycle = CYCLE;
	memset(problem, 0, sizeof(problem));
	assert_int_equal(chain_replay(COUNTRY, CYCLE, h.e, h.n, &st, problem, sizeof(problem)), 0);
	chain_state_release(&st);
	history_free(&h);
}

/* Rewriting one entry with its own hash recomputed breaks the link of the
 * next; at the end it only changes the head, which is why the head is
 * pinned elsewhere. */
static void
test_rehashed_entry_breaks_next_link(void **state)
{
	struct history h;
	char meeting_id[16];
	char hash[CHAIN_HASH_SIZE];
	char original_head[CHAIN_HASH_SIZE];
	struct chain_state st;

	(void)state;
	sample(&h, meeting_id);
	snprintf(original_head, sizeof(original_head), "%s", h.e[h.n - 1].hash);
	for (size_t i = 0; i < h.n; i++) {
		char *was_reason = h.e[i].reason;
		char *was_hash = h.e[i].hash;

		h.e[i].reason = xstrdup("rewritten");
		chain_hash(COUNTRY, CYCLE, &h.e[i], hash);
		h.e[i].hash = xstrdup(hash);
		if (i + 1 < h.n) {
			char expected[160];

			snprintf(expected, sizeof(expected),
				 "history entry %zu does not follow entry %zu: its link to the "
				 "previous hash is broken",
				 i + 2, i + 1);
			replay_refused(&h, expected);
		} else {
			replay_ok(&h, &st);
			assert_string_not_equal(st.head, original_head);
			assert_string_equal(st.head, hash);
			chain_state_release(&st);
		}
		free(h.e[i].reason);
		free(h.e[i].hash);
		h.e[i].reason = was_reason;
		h.e[i].hash = was_hash;
	}
	history_free(&h);
}

static void
test_reordered_refused(void **state)
{
	struct history h;
	char meeting_id[16];

	(void)state;
	/* two entries swapped as they are */
	sample(&h, meeting_id);
	swap_entries(&h, 3, 4);
	replay_refused(&h, "history entry 4 is missing (found 5 next)");
	history_free(&h);

	/* swapped and the whole chain hashed again: the answers no longer
	 * follow from one another */
	sample(&h, meeting_id);
	swap_entries(&h, 2, 7);
	seal(&h, 0);
	replay_refused(&h,
		       "history entry 3 (question L1) starts from an answer the history never "
		       "gave");
	history_free(&h);

	sample(&h, meeting_id);
	swap_entries(&h, 0, 1);
	seal(&h, 0);
	replay_refused(&h, "history entry 1 does not create the assessment");
	history_free(&h);

	/* the status made final before the last answer */
	sample(&h, meeting_id);
	swap_entries(&h, 7, 8);
	seal(&h, 0);
	replay_refused(&h, "history entry 9 (question L1) changes a final assessment");
	history_free(&h);
}

static void
test_removed_entry_refused(void **state)
{
	struct history h;
	char meeting_id[16];

	(void)state;
	sample(&h, meeting_id);
	remove_entry(&h, 4);
	replay_refused(&h, "history entry 5 is missing (found 6 next)");
	history_free(&h);

	/* removed and renumbered, but the links still name the removed one */
	sample(&h, meeting_id);
	remove_entry(&h, 4);
	for (size_t i = 4; i < h.n; i++)
		h.e[i].seq--;
	replay_refused(&h, "history entry 5 does not follow entry 4");
	history_free(&h);

	/* the first entry removed */
	sample(&h, meeting_id);
	remove_entry(&h, 0);
	replay_refused(&h, "history entry 1 is missing (found 2 next)");
	history_free(&h);

	/* removed and everything hashed again: the next answer to L1 starts
	 * from one the history no longer gives */
	sample(&h, meeting_id);
	remove_entry(&h, 2);
	seal(&h, 0);
	replay_refused(&h,
		       "history entry 7 (question L1) starts from an answer the history never "
		       "gave");
	history_free(&h);

	/* the meeting removed and everything hashed again */
	sample(&h, meeting_id);
	remove_entry(&h, 1);
	seal(&h, 0);
	replay_refused(&h,
		       "history entry 2 (question L1) names a meeting the history never "
		       "recorded");
	history_free(&h);

	history_init(&h, COUNTRY, CYCLE);
	replay_refused(&h, "the history is empty");
}

static void
test_final_refuses_changes(void **state)
{
	struct history h;
	char meeting_id[16];
	struct chain_state st;

	(void)state;
	sample(&h, meeting_id);
	add(&h, 2, "L1", "answer", "value", "no", "value", "yes", "Ben", "2026-11-27T08:00:00.000Z",
	    NULL);
	replay_refused(&h, "history entry 10 (question L1) changes a final assessment");
	remove_entry(&h, 9);
	add(&h, 2, "L1", "evidence", NULL, "Decree 12 of 2024", NULL, "none", "Ben",
	    "2026-11-27T08:00:00.000Z", NULL);
	replay_refused(&h, "history entry 10 (question L1) changes a final assessment");
	remove_entry(&h, 9);
	add(&h, 2, "L4", "flag", NULL, "0", NULL, "1", "Ben", "2026-11-27T08:00:00.000Z", NULL);
	replay_refused(&h, "history entry 10 (question L4) changes a final assessment");
	remove_entry(&h, 9);

	/* the status can only go from what it is to the other one */
	add(&h, 2, "", "status", "draft", NULL, "final", NULL, "Ben", "2026-11-27T08:00:00.000Z",
	    NULL);
	replay_refused(&h, "history entry 10 changes the status from one the history never gave");
	remove_entry(&h, 9);
	add(&h, 2, "", "status", "final", NULL, "final", NULL, "Ben", "2026-11-27T08:00:00.000Z",
	    NULL);
	replay_refused(&h, "history entry 10 changes the status from one the history never gave");
	remove_entry(&h, 9);
	add(&h, 2, "", "status", "final", NULL, "closed", NULL, "Ben", "2026-11-27T08:00:00.000Z",
	    NULL);
	replay_refused(&h, "history entry 10 changes the status from one the history never gave");
	remove_entry(&h, 9);

	/* the final status itself changed after the fact */
	free(h.e[8].new_state);
	h.e[8].new_state = xstrdup("draft");
	replay_refused(&h, "history entry 9 (status, 2026-11-26T08:00:00.000Z by Ana) was altered");
	seal(&h, 8);
	replay_refused(&h, "history entry 9 changes the status from one the history never gave");
	history_free(&h);

	/* reopened, then the same change is accepted */
	sample(&h, meeting_id);
	add(&h, 2, "", "status", "final", NULL, "draft", NULL, "Ben", "2026-11-27T08:00:00.000Z",
	    NULL);
	add(&h, 2, "L1", "answer", "value", "no", "value", "yes", "Ben", "2026-11-27T08:05:00.000Z",
	    NULL);
	replay_ok(&h, &st);
	assert_int_equal(st.final, 0);
	assert_string_equal(st.answers.items[0].value, "yes");
	assert_null(st.answers.items[0].source);
	chain_state_release(&st);
	history_free(&h);
}

static void
test_meetings_in_history(void **state)
{
	struct history h;
	char meeting_id[16];
	char other_id[16];
	struct meeting m;
	struct chain_state st;

	(void)state;
	/* a change in a meeting the history never recorded */
	sample(&h, meeting_id);
	remove_entry(&h, 8);
	add(&h, 2, "L4", "answer", "none", NULL, "value", "yes", "Ana", "2026-11-26T08:00:00.000Z",
	    "m0123456789ab");
	replay_refused(&h,
		       "history entry 9 (question L4) names a meeting the history never "
		       "recorded");
	history_free(&h);

	/* a meeting used before it was recorded */
	sample(&h, meeting_id);
	swap_entries(&h, 1, 2);
	seal(&h, 0);
	replay_refused(&h,
		       "history entry 2 (question L1) names a meeting the history never "
		       "recorded");
	history_free(&h);

	/* a second meeting: both are kept, in order */
	sample(&h, meeting_id);
	remove_entry(&h, 8);
	meeting_make(&m, "Regulator", "Head of unit", "2026-11-25", "Ben",
		     "2026-11-25T12:00:00.000Z");
	add_meeting(&h, &m, other_id);
	add(&h, 2, "L3", "comment", NULL, "", NULL, "seen", "Ben", "2026-11-25T12:10:00.000Z",
	    other_id);
	replay_ok(&h, &st);
	assert_int_equal(st.meeting_count, 2);
	assert_string_equal(st.meetings[0].id, meeting_id);
	assert_string_equal(st.meetings[1].id, other_id);
	assert_string_equal(st.meetings[1].people, "Head of unit");
	assert_string_equal(st.answers.items[2].source, other_id);
	chain_state_release(&st);

	/* the same meeting recorded again */
	add_meeting(&h, &m, other_id);
	replay_refused(&h, "history entry 11 records a meeting under a wrong or reused id");
	remove_entry(&h, 10);

	/* recorded under an id that is not its content's */
	add_meeting(&h, &m, other_id);
	h.e[10].source[1] = h.e[10].source[1] == 'a' ? 'b' : 'a';
	seal(&h, 10);
	replay_refused(&h, "history entry 11 records a meeting under a wrong or reused id");
	remove_entry(&h, 10);

	/* content that changes the id */
	add_meeting(&h, &m, other_id);
	free(h.e[10].changed_by);
	h.e[10].changed_by = xstrdup("Eve");
	seal(&h, 10);
	replay_refused(&h, "history entry 11 records a meeting under a wrong or reused id");
	remove_entry(&h, 10);

	/* not a meeting: a bad day, a value with no tab, a question, no id */
	add_meeting(&h, &m, other_id);
	free(h.e[10].new_state);
	h.e[10].new_state = xstrdup("25/11/2026");
	seal(&h, 10);
	replay_refused(&h, "history entry 11 is not a valid meeting");
	remove_entry(&h, 10);
	add_meeting(&h, &m, other_id);
	free(h.e[10].new_value);
	h.e[10].new_value = xstrdup("Regulator, Head of unit");
	seal(&h, 10);
	replay_refused(&h, "history entry 11 is not a valid meeting");
	remove_entry(&h, 10);
	add_meeting(&h, &m, other_id);
	free(h.e[10].question_id);
	h.e[10].question_id = xstrdup("L1");
	seal(&h, 10);
	replay_refused(&h, "history entry 11 is not a valid meeting");
	remove_entry(&h, 10);
	add_meeting(&h, &m, other_id);
	free(h.e[10].source);
	h.e[10].source = NULL;
	seal(&h, 10);
	replay_refused(&h, "history entry 11 is not a valid meeting");
	meeting_release(&m);
	history_free(&h);
}

static void
test_version_refused(void **state)
{
	struct history h;
	char meeting_id[16];
	char hash[CHAIN_HASH_SIZE];

	(void)state;
	/* a version 1 entry with a source: its hash would not cover the
	 * source, so the source could be changed unseen */
	sample(&h, meeting_id);
	h.e[2].version = 1;
	seal(&h, 2);
	chain_hash(COUNTRY, CYCLE, &h.e[2], hash);
	assert_string_equal(hash, h.e[2].hash);
	h.e[2].source[1] = h.e[2].source[1] == 'a' ? 'b' : 'a';
	chain_hash(COUNTRY, CYCLE, &h.e[2], hash);
	assert_string_equal(hash, h.e[2].hash);
	replay_refused(&h, "history entry 3 has an unknown format 1");
	history_free(&h);

	/* formats that do not exist */
	sample(&h, meeting_id);
	h.e[3].version = 0;
	seal(&h, 3);
	replay_refused(&h, "history entry 4 has an unknown format 0");
	h.e[3].version = CHAIN_VERSION + 1;
	seal(&h, 3);
	replay_refused(&h, "history entry 4 has an unknown format 3");
	history_free(&h);
}

/* Events that are well linked but say what cannot be. */
static void
test_invalid_events_refused(void **state)
{
	struct history h;
	char meeting_id[16];

	(void)state;
#define CHANGE(index, member, value)                                                               \
	do {                                                                                       \
		free(h.e[index].member);                                                           \
		h.e[index].member = dup_or_null(value);                                            \
		seal(&h, index);                                                                   \
	} while (0)

	sample(&h, meeting_id);
	CHANGE(2, old_state, "value");
	replay_refused(&h,
		       "history entry 3 (question L1) starts from an answer the history never "
		       "gave");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(7, old_value, "maybe");
	replay_refused(&h,
		       "history entry 8 (question L1) starts from an answer the history never "
		       "gave");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(2, new_value, NULL);
	replay_refused(&h, "history entry 3 (question L1) gives an answer of no known state");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(4, new_value, "no");
	replay_refused(&h, "history entry 5 (question L2) gives an answer of no known state");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(4, new_state, "unsure");
	replay_refused(&h, "history entry 5 (question L2) gives an answer of no known state");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(6, old_value, "1");
	replay_refused(&h,
		       "history entry 7 (question L3) starts from a flag the history never gave");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(6, new_value, "2");
	replay_refused(&h, "history entry 7 (question L3)");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(3, old_value, "Decree 11");
	replay_refused(&h,
		       "history entry 4 (question L1) starts from evidence the history never "
		       "gave");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(5, new_value, NULL);
	replay_refused(&h,
		       "history entry 6 (question L2) starts from comment the history never "
		       "gave");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(3, field, "photo");
	replay_refused(&h, "history entry 4 has an unknown field 'photo'");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(3, question_id, "");
	replay_refused(&h, "history entry 4 names no question");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(3, field, "created");
	replay_refused(&h, "history entry 4 creates the assessment again");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(0, new_value, "example");
	replay_refused(&h, "history entry 1 does not say which questionnaire the assessment uses");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(0, new_state, "final");
	replay_refused(&h, "history entry 1 does not say which questionnaire the assessment uses");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(3, changed_by, NULL);
	replay_refused(&h, "history entry 4 is incomplete");
	history_free(&h);
	sample(&h, meeting_id);
	CHANGE(3, reason, NULL);
	replay_refused(&h, "history entry 4 is incomplete");
	history_free(&h);
	sample(&h, meeting_id);
	free(h.e[3].hash);
	h.e[3].hash = NULL;
	replay_refused(&h, "history entry 4 is incomplete");
	history_free(&h);
	sample(&h, meeting_id);
	free(h.e[3].prev_hash);
	h.e[3].prev_hash = NULL;
	replay_refused(&h, "history entry 4 does not follow entry 3");
	history_free(&h);
#undef CHANGE
}

/* ---- the summary every event changes ------------------------------------ */

static void
meta_init(struct chain_meta *m)
{
	m->assessors = xstrdup("");
	m->updated_at = xstrdup("");
	m->mission_start = xstrdup("");
	m->mission_end = xstrdup("");
}

static void
meta_free(struct chain_meta *m)
{
	free(m->assessors);
	free(m->updated_at);
	free(m->mission_start);
	free(m->mission_end);
}

static void
test_meta_apply(void **state)
{
	struct history h;
	char meeting_id[16];
	struct chain_meta m;
	struct chain_state st;

	(void)state;
	/* what the store applies as it appends is what the replay gives */
	sample(&h, meeting_id);
	for (size_t n = 1; n <= h.n; n++) {
		char problem[512] = "";

		meta_init(&m);
		for (size_t i = 0; i < n; i++)
			chain_meta_apply(&m, &h.e[i]);
		assert_int_equal(
			chain_replay(COUNTRY, CYCLE, h.e, n, &st, problem, sizeof(problem)), 0);
		assert_string_equal(m.assessors, st.assessors);
		assert_string_equal(m.updated_at, st.updated_at);
		assert_string_equal(m.mission_start, st.mission_start);
		assert_string_equal(m.mission_end, st.mission_end);
		chain_state_release(&st);
		meta_free(&m);
	}
	history_free(&h);

	/* names in the order they first appear, each once, even when one is
	 * the start of another; times out of order keep the latest and the
	 * earliest day */
	history_init(&h, COUNTRY, CYCLE);
	add(&h, 2, "", "created", NULL, NULL, "draft", "example 1.0 x", "Anabel",
	    "2026-05-02T09:00:00.000Z", NULL);
	add(&h, 2, "Q1", "answer", "none", NULL, "value", "yes", "Ana", "2026-05-03T09:00:00.000Z",
	    NULL);
	add(&h, 2, "Q1", "evidence", NULL, "", NULL, "e", "Anabel", "2026-05-01T09:00:00.000Z",
	    NULL);
	add(&h, 2, "Q2", "flag", NULL, "0", NULL, "1", "Bel", "2026-05-04T09:00:00.000Z", NULL);
	add(&h, 2, "", "merged", NULL, NULL, "h", NULL, "Ana", "2026-05-09T09:00:00.000Z", NULL);
	add(&h, 2, "Q2", "comment", NULL, "", NULL, "c", "Ana", "2026-05-02T23:59:59.999Z", NULL);
	meta_init(&m);
	for (size_t i = 0; i < h.n; i++)
		chain_meta_apply(&m, &h.e[i]);
	assert_string_equal(m.assessors, "Anabel, Ana, Bel");
	assert_string_equal(m.updated_at, "2026-05-09T09:00:00.000Z");
	assert_string_equal(m.mission_start, "2026-05-01");
	assert_string_equal(m.mission_end, "2026-05-04");
	meta_free(&m);
	replay_ok(&h, &st);
	assert_string_equal(st.assessors, "Anabel, Ana, Bel");
	assert_string_equal(st.updated_at, "2026-05-09T09:00:00.000Z");
	assert_string_equal(st.mission_start, "2026-05-01");
	chain_state_release(&st);
	history_free(&h);

	/* no change to an answer yet: no mission days */
	history_init(&h, COUNTRY, CYCLE);
	add(&h, 2, "", "created", NULL, NULL, "draft", "example 1.0 x", "Ana",
	    "2026-05-02T09:00:00.000Z", NULL);
	replay_ok(&h, &st);
	assert_string_equal(st.mission_start, "");
	assert_string_equal(st.mission_end, "");
	assert_string_equal(st.assessors, "Ana");
	assert_int_equal(st.answers.count, 0);
	assert_int_equal(st.meeting_count, 0);
	chain_state_release(&st);
	history_free(&h);
}

/* Many questions, each changed twice: the replay's index grows. */
static void
test_many_questions(void **state)
{
	struct history h;
	struct chain_state st;
	enum { QUESTIONS = 300 };

	(void)state;
	history_init(&h, COUNTRY, CYCLE);
	add(&h, 2, "", "created", NULL, NULL, "draft", "big 2 " QUESTIONNAIRE_SHA256, "Ana",
	    "2026-01-01T00:00:00.000Z", NULL);
	for (int round = 0; round < 2; round++)
		for (int q = 0; q < QUESTIONS; q++) {
			char id[16];
			char old[16];
			char value[16];

			snprintf(id, sizeof(id), "Q%d", (q * 7) % QUESTIONS);
			snprintf(old, sizeof(old), "%d", q);
			snprintf(value, sizeof(value), "%d", round ? q + 1000 : q);
			add(&h, 2, id, "answer", round ? "value" : "none", round ? old : NULL,
			    "value", value, "Ana", "2026-01-02T00:00:00.000Z", NULL);
		}
	replay_ok(&h, &st);
	assert_int_equal(st.answers.count, QUESTIONS);
	for (int q = 0; q < QUESTIONS; q++) {
		char id[16];
		char value[16];

		snprintf(id, sizeof(id), "Q%d", (q * 7) % QUESTIONS);
		snprintf(value, sizeof(value), "%d", q + 1000);
		assert_string_equal(st.answers.items[q].question_id, id);
		assert_string_equal(st.answers.items[q].value, value);
	}
	chain_state_release(&st);
	history_free(&h);
}

/* ---- comparing with the store ------------------------------------------- */

/* What a store holds for an assessment. */
struct stored {
	struct assessment a;
	struct answer_set answers;
	struct meeting *meetings;
	size_t meeting_count;
};

static void
answer_copy(struct answer *to, const struct answer *from)
{
	memset(to, 0, sizeof(*to));
	to->question_id = xstrdup(from->question_id);
	to->state = from->state;
	to->value = dup_or_null(from->value);
	to->evidence = xstrdup(from->evidence);
	to->comment = xstrdup(from->comment);
	to->flagged = from->flagged;
	to->answered_by = xstrdup(from->answered_by);
	to->answered_at = xstrdup(from->answered_at);
	to->source = dup_or_null(from->source);
}

/* The store's copy of what the replay st gives, answers in reverse. */
static void
stored_from(struct stored *s, const struct chain_state *st)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->a.country, sizeof(s->a.country), "%s", COUNTRY);
	s->a.cycle = CYCLE;
	s->a.questionnaire_id = xstrdup(st->questionnaire_id);
	s->a.questionnaire_version = xstrdup(st->questionnaire_version);
	s->a.questionnaire_sha256 = xstrdup(st->questionnaire_sha256);
	s->a.final = st->final;
	s->a.mission_start = xstrdup(st->mission_start);
	s->a.mission_end = xstrdup(st->mission_end);
	s->a.assessors = xstrdup(st->assessors);
	s->a.created_at = xstrdup(st->created_at);
	s->a.updated_at = xstrdup(st->updated_at);
	s->a.head = xstrdup(st->head);
	s->a.entries = (long long)st->count;
	s->answers.items = xcalloc(st->answers.count + 1, sizeof(*s->answers.items));
	s->answers.alloc = st->answers.count + 1;
	s->answers.count = st->answers.count;
	for (size_t i = 0; i < st->answers.count; i++)
		answer_copy(&s->answers.items[i], &st->answers.items[st->answers.count - 1 - i]);
	s->meetings = xcalloc(st->meeting_count + 1, sizeof(*s->meetings));
	s->meeting_count = st->meeting_count;
	for (size_t i = 0; i < st->meeting_count; i++) {
		const struct meeting *m = &st->meetings[i];

		meeting_make(&s->meetings[i], m->organisation, m->people, m->met_on, m->recorded_by,
			     m->recorded_at);
		s->meetings[i].id = xstrdup(m->id);
	}
}

static void
stored_release(struct stored *s)
{
	assessment_release(&s->a);
	answer_set_release(&s->answers);
	for (size_t i = 0; i < s->meeting_count; i++)
		meeting_release(&s->meetings[i]);
	free(s->meetings);
}

static struct answer *
stored_answer(struct stored *s, const char *question_id)
{
	struct answer *w = answer_set_find(&s->answers, question_id);

	assert_non_null(w);
	return w;
}

static void
replace_string(char **slot, const char *value)
{
	free(*slot);
	*slot = dup_or_null(value);
}

/* One way the store can differ from the history, and what compare says. */
enum difference {
	DIFF_VALUE,
	DIFF_STATE,
	DIFF_EVIDENCE,
	DIFF_COMMENT,
	DIFF_FLAG,
	DIFF_ANSWERED_BY,
	DIFF_ANSWERED_AT,
	DIFF_SOURCE,
	DIFF_SOURCE_ADDED,
	DIFF_ASSESSORS,
	DIFF_MISSION_START,
	DIFF_MISSION_END,
	DIFF_CREATED_AT,
	DIFF_UPDATED_AT,
	DIFF_QUESTIONNAIRE,
	DIFF_QUESTIONNAIRE_VERSION,
	DIFF_QUESTIONNAIRE_SHA256,
	DIFF_STATUS,
	DIFF_HEAD,
	DIFF_ENTRIES,
	DIFF_ANSWER_MISSING,
	DIFF_ANSWER_EXTRA,
	DIFF_ANSWER_TWICE,
	DIFF_MEETING_MISSING,
	DIFF_MEETING_EXTRA,
	DIFF_MEETING_CONTENT,
	DIFF_MEETING_ID,
	DIFFERENCES
};

static const char *
make_difference(struct stored *s, enum difference d)
{
	struct answer *w;

	switch (d) {
	case DIFF_VALUE:
		replace_string(&stored_answer(s, "L1")->value, "yes");
		return "the stored answer of L1 differs from what the history records";
	case DIFF_STATE:
		stored_answer(s, "L2")->state = ANSWER_NOT_APPLICABLE;
		return "the stored answer of L2 differs";
	case DIFF_EVIDENCE:
		replace_string(&stored_answer(s, "L1")->evidence, "");
		return "the stored evidence of L1 differs";
	case DIFF_COMMENT:
		replace_string(&stored_answer(s, "L2")->comment, "ask the minister");
		return "the stored note of L2 differs";
	case DIFF_FLAG:
		stored_answer(s, "L3")->flagged = 0;
		return "the stored flag of L3 differs";
	case DIFF_ANSWERED_BY:
		replace_string(&stored_answer(s, "L1")->answered_by, "Ben");
		return "the stored author of L1 differs";
	case DIFF_ANSWERED_AT:
		replace_string(&stored_answer(s, "L3")->answered_at, "2026-11-24T08:00:00.001Z");
		return "the stored time of L3 differs";
	case DIFF_SOURCE:
		replace_string(&stored_answer(s, "L1")->source, NULL);
		return "the stored source of L1 differs";
	case DIFF_SOURCE_ADDED:
		replace_string(&stored_answer(s, "L2")->source, s->meetings[0].id);
		return "the stored source of L2 differs";
	case DIFF_ASSESSORS:
		replace_string(&s->a.assessors, "Ana");
		return "the list of assessors ('Ana') differs from what the history records ('Ana, "
		       "Ben')";
	case DIFF_MISSION_START:
		replace_string(&s->a.mission_start, "2026-11-20");
		return "the mission start ('2026-11-20') differs from what the history records "
		       "('2026-11-21')";
	case DIFF_MISSION_END:
		replace_string(&s->a.mission_end, "");
		return "the mission end ('') differs";
	case DIFF_CREATED_AT:
		replace_string(&s->a.created_at, "2026-11-19T09:00:00.000Z");
		return "the creation time ('2026-11-19T09:00:00.000Z') differs";
	case DIFF_UPDATED_AT:
		replace_string(&s->a.updated_at, "2026-11-25T08:00:00.000Z");
		return "the time of the last change ('2026-11-25T08:00:00.000Z') differs";
	case DIFF_QUESTIONNAIRE:
		replace_string(&s->a.questionnaire_id, "other");
		return "the questionnaire ('other') differs";
	case DIFF_QUESTIONNAIRE_VERSION:
		replace_string(&s->a.questionnaire_version, "1.1");
		return "the questionnaire version ('1.1') differs";
	case DIFF_QUESTIONNAIRE_SHA256:
		s->a.questionnaire_sha256[63] = s->a.questionnaire_sha256[63] == '0' ? '1' : '0';
		return "the questionnaire's SHA-256";
	case DIFF_STATUS:
		s->a.final = 0;
		return "the status is draft, but the history says final";
	case DIFF_HEAD:
		s->a.head[0] = s->a.head[0] == '0' ? '1' : '0';
		return "the history ends at entry 9, but the assessment records 9 entries: entries "
		       "were removed or replaced";
	case DIFF_ENTRIES:
		s->a.entries = 10;
		return "the history ends at entry 9, but the assessment records 10 entries";
	case DIFF_ANSWER_MISSING:
		w = stored_answer(s, "L2");
		answer_release(w);
		memmove(w, w + 1,
			(size_t)(s->answers.items + s->answers.count - w - 1) * sizeof(*w));
		s->answers.count--;
		return "the answer to L2 that the history records is missing";
	case DIFF_ANSWER_EXTRA:
		w = &s->answers.items[s->answers.count++];
		answer_copy(w, &s->answers.items[0]);
		replace_string(&w->question_id, "L9");
		return "the stored answer to L9 is not in the history";
	case DIFF_ANSWER_TWICE:
		w = stored_answer(s, "L3");
		replace_string(&w->question_id, "L2");
		return "question L2 is answered twice";
	case DIFF_MEETING_MISSING:
		meeting_release(&s->meetings[0]);
		s->meeting_count = 0;
		return "0 meetings are stored, but the history records 1";
	case DIFF_MEETING_EXTRA:
		meeting_make(&s->meetings[1], "Regulator", "Head", "2026-11-22", "Ben",
			     "2026-11-22T08:00:00.000Z");
		s->meetings[1].id = xstrdup("m000000000000");
		s->meeting_count = 2;
		return "2 meetings are stored, but the history records 1";
	case DIFF_MEETING_CONTENT:
		replace_string(&s->meetings[0].people, "Director (J. Bloggs); Analyst");
		return "the stored meeting m";
	case DIFF_MEETING_ID:
		replace_string(&s->meetings[0].id, "m000000000000");
		return "the stored meeting m000000000000 differs from what the history records";
	case DIFFERENCES:
		break;
	}
	return NULL;
}

static void
test_compare(void **state)
{
	struct history h;
	char meeting_id[16];
	struct chain_state st;
	struct stored s;
	char problem[512];

	(void)state;
	sample(&h, meeting_id);
	replay_ok(&h, &st);

	/* the same content, answers in another order */
	stored_from(&s, &st);
	assert_string_equal(s.answers.items[0].question_id, "L3");
	problem[0] = '\0';
	if (chain_compare(&st, &s.a, &s.answers, s.meetings, s.meeting_count, NULL, 0, problem,
			  sizeof(problem)) != 0)
		fail_msg("equal content compared different: %s", problem);
	stored_release(&s);

	for (int d = 0; d < DIFFERENCES; d++) {
		const char *expected;
		int rc;

		stored_from(&s, &st);
		expected = make_difference(&s, (enum difference)d);
		assert_non_null(expected);
		problem[0] = '\0';
		rc = chain_compare(&st, &s.a, &s.answers, s.meetings, s.meeting_count, NULL, 0,
				   problem, sizeof(problem));
		if (rc != 1 || strstr(problem, expected) == NULL)
			fail_msg("difference %d: expected \"%s\", got %d: \"%s\"", d, expected, rc,
				 problem);
		stored_release(&s);
	}

	/* the store still holds the last entry that was cut from the history */
	stored_from(&s, &st);
	chain_state_release(&st);
	remove_entry(&h, h.n - 1);
	replay_ok(&h, &st);
	s.a.final = 0;
	replace_string(&s.a.updated_at, st.updated_at);
	problem[0] = '\0';
	assert_int_equal(chain_compare(&st, &s.a, &s.answers, s.meetings, s.meeting_count, NULL, 0,
				       problem, sizeof(problem)),
			 1);
	assert_non_null(strstr(problem,
			       "the history ends at entry 8, but the assessment records 9 "
			       "entries: entries were removed or replaced"));
	stored_release(&s);
	chain_state_release(&st);
	history_free(&h);
}

/* ---- meetings ----------------------------------------------------------- */

static void
test_meeting_id(void **state)
{
	struct meeting m;
	struct meeting same;
	char id[16];
	char again[16];
	char other[16];

	(void)state;
	meeting_make(&m, ORGANISATION, PEOPLE, "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	meeting_make(&same, ORGANISATION, PEOPLE, "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	chain_meeting_id(COUNTRY, CYCLE, &m, id);
	chain_meeting_id(COUNTRY, CYCLE, &same, again);
	assert_string_equal(id, again);
	assert_int_equal(strlen(id), 13);
	assert_int_equal(id[0], 'm');
	assert_int_equal(strspn(id + 1, "0123456789abcdef"), 12);
	meeting_release(&same);

	/* any change of content, or another assessment, gives another id */
	chain_meeting_id("TZ", CYCLE, &m, other);
	assert_string_not_equal(other, id);
	chain_meeting_id(COUNTRY, CYCLE + 1, &m, other);
	assert_string_not_equal(other, id);
	for (int k = 0; k < 5; k++) {
		char **fields[] = {&m.organisation, &m.people, &m.met_on, &m.recorded_by,
				   &m.recorded_at};
		char *was = *fields[k];

		*fields[k] = xasprintf("%s.", was);
		chain_meeting_id(COUNTRY, CYCLE, &m, other);
		assert_string_not_equal(other, id);
		free(*fields[k]);
		*fields[k] = was;
	}
	chain_meeting_id(COUNTRY, CYCLE, &m, again);
	assert_string_equal(again, id);
	meeting_release(&m);

	/* text moved from one field to the next is a different meeting */
	meeting_make(&m, "ab", "c", "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	meeting_make(&same, "a", "bc", "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	chain_meeting_id(COUNTRY, CYCLE, &m, id);
	chain_meeting_id(COUNTRY, CYCLE, &same, other);
	assert_string_not_equal(id, other);
	meeting_release(&m);
	meeting_release(&same);
}

static void
test_meeting_value(void **state)
{
	struct meeting m;
	char *value;
	char *organisation = NULL;
	char *people = NULL;
	const char *malformed[] = {"", "no tab at all", "\tpeople but no organisation",
				   "one\ttab\ttoo many", "\t"};

	(void)state;
	meeting_make(&m, ORGANISATION, PEOPLE, "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	value = chain_meeting_value(&m);
	assert_string_equal(value, ORGANISATION "\t" PEOPLE);
	assert_int_equal(chain_meeting_parse(value, &organisation, &people), 0);
	assert_string_equal(organisation, ORGANISATION);
	assert_string_equal(people, PEOPLE);
	free(organisation);
	free(people);
	free(value);
	meeting_release(&m);

	/* people with no names and a one-letter organisation */
	meeting_make(&m, "X", "Director; Analyst", "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	value = chain_meeting_value(&m);
	organisation = NULL;
	people = NULL;
	assert_int_equal(chain_meeting_parse(value, &organisation, &people), 0);
	assert_string_equal(organisation, "X");
	assert_string_equal(people, "Director; Analyst");
	free(organisation);
	free(people);
	free(value);
	meeting_release(&m);

	/* a meeting where no one was named: the session records people as "" */
	organisation = NULL;
	people = NULL;
	assert_int_equal(chain_meeting_parse("Regulator\t", &organisation, &people), 0);
	assert_string_equal(organisation, "Regulator");
	assert_string_equal(people, "");
	free(organisation);
	free(people);

	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		organisation = NULL;
		people = NULL;
		if (chain_meeting_parse(malformed[i], &organisation, &people) != -1)
			fail_msg("'%s' was read as a meeting", malformed[i]);
		assert_null(organisation);
		assert_null(people);
	}
	assert_int_equal(chain_meeting_parse(NULL, &organisation, &people), -1);
	assert_null(organisation);
}

/* ---- attachments --------------------------------------------------------- */

#define SHA_A "1111111111111111111111111111111111111111111111111111111111111111"
#define SHA_B "2222222222222222222222222222222222222222222222222222222222222222"

/* An attachment's metadata as a history records it (no data). */
static void
attachment_make(struct attachment *at, const char *question_id, const char *name, const char *type,
		long long size, const char *sha256, const char *by, const char *at_time,
		const char *source)
{
	char id[ATTACHMENT_ID_SIZE];

	memset(at, 0, sizeof(*at));
	at->question_id = xstrdup(question_id);
	at->name = xstrdup(name);
	at->type = xstrdup(type);
	at->size = size;
	at->sha256 = xstrdup(sha256);
	at->added_by = xstrdup(by);
	at->added_at = xstrdup(at_time);
	at->source = dup_or_null(source);
	chain_attachment_id(COUNTRY, CYCLE, at, id);
	at->id = xstrdup(id);
}

/* Append the event that adds at. */
static void
add_attachment(struct history *h, const struct attachment *at)
{
	char *value = chain_attachment_value(at);

	add(h, 2, at->question_id, "attachment", NULL, NULL, at->sha256, value, at->added_by,
	    at->added_at, at->source);
	free(value);
}

/* Append the event that removes at, by whom and when. */
static void
remove_attachment(struct history *h, const struct attachment *at, const char *by, const char *when)
{
	char *value = chain_attachment_value(at);

	add(h, 2, at->question_id, "attachment", at->sha256, value, NULL, NULL, by, when, NULL);
	free(value);
}

/* Make entry i an event brought in by a merge, and seal from there. */
static void
as_merged(struct history *h, size_t i, const char *origin)
{
	h->e[i].version = CHAIN_VERSION_MERGED;
	free(h->e[i].origin);
	h->e[i].origin = xstrdup(origin);
	seal(h, i);
}

/* A draft with a meeting and two attachments, the first removed again. */
static void
attachment_sample(struct history *h, struct attachment *kept, struct attachment *gone)
{
	struct meeting m;
	char meeting_id[16];

	history_init(h, COUNTRY, CYCLE);
	add(h, 2, "", "created", NULL, NULL, "draft", "example 1.0 " QUESTIONNAIRE_SHA256, "Ana",
	    "2026-11-20T09:00:00.000Z", NULL);
	meeting_make(&m, ORGANISATION, PEOPLE, "2026-11-21", "Ana", "2026-11-21T10:00:00.000Z");
	add_meeting(h, &m, meeting_id);
	meeting_release(&m);
	attachment_make(gone, "L1", "draft decree.pdf", "application/pdf", 1200, SHA_A, "Ana",
			"2026-11-21T10:06:00.000Z", NULL);
	add_attachment(h, gone);
	attachment_make(kept, "L1", "Decree 12 of 2024 (signed).jpg", "image/jpeg", 345678, SHA_B,
			"Ben", "2026-11-21T10:07:00.000Z", meeting_id);
	add_attachment(h, kept);
	remove_attachment(h, gone, "Ana", "2026-11-22T08:00:00.000Z");
}

static void
test_attachment_value_and_id(void **state)
{
	struct attachment at;
	struct attachment back;
	char id[ATTACHMENT_ID_SIZE];
	char *value;
	char *buf = xstrdup("");
	char hex[CHAIN_HASH_SIZE];
	const char *malformed[] = {
		"",
		"a0123456789ab 12 text/plain",		   /* no name */
		"a0123456789ab 12 text/plain ",		   /* an empty name */
		"b0123456789ab 12 text/plain x.txt",	   /* not an attachment's id */
		"a0123456789AB 12 text/plain x.txt",	   /* upper case */
		"a0123456789a 12 text/plain x.txt",	   /* too short */
		"a0123456789ab 0 text/plain x.txt",	   /* empty */
		"a0123456789ab 012 text/plain x.txt",	   /* a leading zero */
		"a0123456789ab 16777217 text/plain x.txt", /* over the limit */
		"a0123456789ab 1x text/plain x.txt",
		"a0123456789ab 12 text x.txt",		/* no subtype */
		"a0123456789ab 12 Text/Plain x.txt",	/* not lower case */
		"a0123456789ab 12 text/plain ../x.txt", /* a path */
		"a0123456789ab 12 text/plain x\ty.txt", /* a control character */
		"a0123456789ab 12 text/plain ..",
	};

	(void)state;
	attachment_make(&at, "L1", "Decree 12 of 2024.pdf", "application/pdf", 1200, SHA_A, "Ana",
			"2026-11-21T10:06:00.000Z", NULL);
	/* the id, derived again from its documented format */
	put_field(&buf, "cirt-attachment-1");
	put_field(&buf, COUNTRY);
	put_number(&buf, CYCLE);
	put_field(&buf, "L1");
	put_field(&buf, "Decree 12 of 2024.pdf");
	put_field(&buf, SHA_A);
	put_field(&buf, "Ana");
	put_field(&buf, "2026-11-21T10:06:00.000Z");
	sha256_of(buf, hex);
	free(buf);
	snprintf(id, sizeof(id), "a%.12s", hex);
	assert_string_equal(at.id, id);
	/* the type, size and source are not part of it; the rest is */
	free(at.name);
	at.name = xstrdup("Decree 12 of 2025.pdf");
	chain_attachment_id(COUNTRY, CYCLE, &at, id);
	assert_string_not_equal(at.id, id);
	chain_attachment_id(COUNTRY, CYCLE + 1, &at, id);
	assert_string_not_equal(at.id, id);
	free(at.name);
	at.name = xstrdup("Decree 12 of 2024.pdf");

	value = chain_attachment_value(&at);
	assert_true(strncmp(value, at.id, 13) == 0);
	assert_string_equal(value + 13, " 1200 application/pdf Decree 12 of 2024.pdf");
	assert_int_equal(chain_attachment_parse(value, &back), 0);
	assert_string_equal(back.id, at.id);
	assert_int_equal(back.size, 1200);
	assert_string_equal(back.type, "application/pdf");
	assert_string_equal(back.name, "Decree 12 of 2024.pdf");
	attachment_release(&back);
	free(value);
	attachment_release(&at);

	assert_int_equal(chain_attachment_parse("a0123456789ab 16777216 text/plain x y", &back), 0);
	assert_string_equal(back.name, "x y");
	attachment_release(&back);
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		if (chain_attachment_parse(malformed[i], &back) != -1)
			fail_msg("'%s' was read as an attachment", malformed[i]);
		assert_null(back.id);
		assert_null(back.name);
	}
	assert_int_equal(chain_attachment_parse(NULL, &back), -1);
}

static void
test_attachments_in_history(void **state)
{
	struct history h;
	struct attachment kept;
	struct attachment gone;
	struct chain_state st;
	struct attachment stored[2];
	char problem[512];

	(void)state;
	attachment_sample(&h, &kept, &gone);
	replay_ok(&h, &st);
	assert_int_equal(st.attachment_count, 1);
	assert_string_equal(st.attachments[0].id, kept.id);
	assert_string_equal(st.attachments[0].question_id, "L1");
	assert_string_equal(st.attachments[0].name, "Decree 12 of 2024 (signed).jpg");
	assert_string_equal(st.attachments[0].type, "image/jpeg");
	assert_int_equal(st.attachments[0].size, 345678);
	assert_string_equal(st.attachments[0].sha256, SHA_B);
	assert_string_equal(st.attachments[0].added_by, "Ben");
	assert_string_equal(st.attachments[0].added_at, "2026-11-21T10:07:00.000Z");
	assert_string_equal(st.attachments[0].source, kept.source);
	assert_null(st.attachments[0].data);
	/* attachments are no answer: no row, no mission dates */
	assert_int_equal(st.answers.count, 0);
	assert_string_equal(st.mission_start, "");
	assert_string_equal(st.assessors, "Ana, Ben");

	/* the store holds the same: equal */
	assert_int_equal(chain_compare_attachments(&st, &kept, 1, problem, sizeof(problem)), 0);
	/* one missing, one extra, one twice */
	assert_int_equal(chain_compare_attachments(&st, NULL, 0, problem, sizeof(problem)), 1);
	assert_non_null(strstr(problem, "that the history records is missing"));
	stored[0] = kept;
	stored[1] = gone;
	assert_int_equal(chain_compare_attachments(&st, stored, 2, problem, sizeof(problem)), 1);
	assert_non_null(strstr(problem, "is not one the history keeps"));
	assert_non_null(strstr(problem, gone.id));
	stored[1] = kept;
	assert_int_equal(chain_compare_attachments(&st, stored, 2, problem, sizeof(problem)), 1);
	assert_non_null(strstr(problem, "is stored twice"));

	/* every field is compared */
	{
		struct {
			char **slot;
			const char *other;
			const char *what;
		} changes[] = {
			{&kept.question_id, "L2", "question"},
			{&kept.name, "decree.jpg", "name"},
			{&kept.type, "image/png", "type"},
			{&kept.sha256, SHA_A, "SHA-256"},
			{&kept.added_by, "Eve", "author"},
			{&kept.added_at, "2026-11-21T10:07:00.001Z", "time"},
			{&kept.source, "m000000000000", "source"},
		};
		char expected[128];

		for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
			char *was = *changes[i].slot;

			*changes[i].slot = (char *)(uintptr_t)changes[i].other;
			assert_int_equal(
				chain_compare_attachments(&st, &kept, 1, problem, sizeof(problem)),
				1);
			snprintf(expected, sizeof(expected), "the stored %s of attachment %s",
				 changes[i].what, kept.id);
			if (strstr(problem, expected) == NULL)
				fail_msg("expected \"%s\", got \"%s\"", expected, problem);
			*changes[i].slot = was;
		}
		kept.size++;
		assert_int_equal(chain_compare_attachments(&st, &kept, 1, problem, sizeof(problem)),
				 1);
		assert_non_null(strstr(problem, "the stored size of attachment"));
		kept.size--;
		free(kept.source);
		kept.source = NULL;
		assert_int_equal(chain_compare_attachments(&st, &kept, 1, problem, sizeof(problem)),
				 1);
		assert_non_null(strstr(problem, "the stored source"));
	}
	chain_state_release(&st);

	/* the same file added again after its removal gets a new id and is kept */
	{
		struct attachment again;

		attachment_make(&again, "L1", "draft decree.pdf", "application/pdf", 1200, SHA_A,
				"Ana", "2026-11-23T08:00:00.000Z", NULL);
		assert_string_not_equal(again.id, gone.id);
		add_attachment(&h, &again);
		replay_ok(&h, &st);
		assert_int_equal(st.attachment_count, 2);
		assert_string_equal(st.attachments[1].id, again.id);
		chain_state_release(&st);
		attachment_release(&again);
	}
	attachment_release(&kept);
	attachment_release(&gone);
	history_free(&h);
}

/* Replace field slot of the entry at i with value (NULL: none), and seal. */
static void
set_field(struct history *h, size_t i, char **slot, const char *value)
{
	free(*slot);
	*slot = dup_or_null(value);
	seal(h, i);
}

static void
test_attachment_events_refused(void **state)
{
	struct history h;
	struct attachment kept;
	struct attachment gone;
	struct chain_state st;
	size_t add_kept = 3; /* the entries of attachment_sample */
	size_t removal = 4;

	(void)state;

	/* an id that its content does not give */
	attachment_sample(&h, &kept, &gone);
	{
		char *value = chain_attachment_value(&kept);

		value[1] = value[1] == '0' ? '1' : '0';
		set_field(&h, add_kept, &h.e[add_kept].new_value, value);
		free(value);
	}
	replay_refused(&h, "records an attachment under a wrong or reused id");
	history_free(&h);

	/* the same addition twice */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	add_attachment(&h, &kept);
	replay_refused(&h, "under a wrong or reused id");
	history_free(&h);

	/* a SHA-256 that is not one; a value that is not one; both old and new */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, add_kept, &h.e[add_kept].new_state, "not a hash");
	replay_refused(&h, "is not a valid attachment");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, add_kept, &h.e[add_kept].new_value, "a0123456789ab 12 text/plain a/b");
	replay_refused(&h, "is not a valid attachment");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, add_kept, &h.e[add_kept].old_state, SHA_B);
	replay_refused(&h, "is not a valid attachment");
	history_free(&h);

	/* removing what was never added, twice, or otherwise than it was added */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	remove_entry(&h, 2);
	seal(&h, 2);
	replay_refused(&h, "which the history never recorded");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	remove_attachment(&h, &gone, "Ben", "2026-11-23T08:00:00.000Z");
	replay_refused(&h, "which was removed already");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, removal, &h.e[removal].old_state, SHA_B);
	replay_refused(&h, "otherwise than the history recorded it");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, removal, &h.e[removal].question_id, "L2");
	replay_refused(&h, "otherwise than the history recorded it");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, removal, &h.e[removal].old_value, NULL);
	replay_refused(&h, "is not a valid attachment");
	history_free(&h);

	/* no question; a meeting never recorded */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, add_kept, &h.e[add_kept].question_id, "");
	replay_refused(&h, "names no question");
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	set_field(&h, add_kept, &h.e[add_kept].source, "m000000000000");
	replay_refused(&h, "names a meeting the history never recorded");
	history_free(&h);

	/* a final assessment takes no attachment, nor loses one */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	add(&h, 2, "", "status", "draft", NULL, "final", NULL, "Ana", "2026-11-26T08:00:00.000Z",
	    NULL);
	remove_attachment(&h, &kept, "Ana", "2026-11-27T08:00:00.000Z");
	replay_refused(&h, "changes a final assessment");
	history_free(&h);

	/* the content of an entry is hashed like every other: an edit shows */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	free(h.e[add_kept].new_state);
	h.e[add_kept].new_state = xstrdup(SHA_A);
	replay_refused(&h, "was altered");
	history_free(&h);

	/* merged in: a removal of what was removed here already agrees */
	attachment_release(&kept);
	attachment_release(&gone);
	attachment_sample(&h, &kept, &gone);
	remove_attachment(&h, &gone, "Ben", "2026-11-23T08:00:00.000Z");
	as_merged(&h, h.n - 1, SHA_A);
	replay_ok(&h, &st);
	assert_int_equal(st.attachment_count, 1);
	assert_string_equal(st.attachments[0].id, kept.id);
	chain_state_release(&st);
	/* and one that removes the other takes it out */
	remove_attachment(&h, &kept, "Ben", "2026-11-23T08:01:00.000Z");
	as_merged(&h, h.n - 1, SHA_B);
	replay_ok(&h, &st);
	assert_int_equal(st.attachment_count, 0);
	chain_state_release(&st);
	history_free(&h);
	attachment_release(&kept);
	attachment_release(&gone);
}

/* ---- the register ------------------------------------------------------- */

struct register_list {
	struct register_entry *e;
	size_t n;
	size_t alloc;
};

static void
register_seal(struct register_list *r, size_t from)
{
	for (size_t i = from; i < r->n; i++) {
		struct register_entry *e = &r->e[i];
		char hash[CHAIN_HASH_SIZE];

		e->seq = (long long)i + 1;
		free(e->prev_hash);
		e->prev_hash = xstrdup(i ? r->e[i - 1].hash : chain_genesis);
		chain_register_hash(e, hash);
		free(e->hash);
		e->hash = xstrdup(hash);
	}
}

/* Append an event naming the first `entries` events of history h. */
static void
register_add(struct register_list *r, const char *event, const struct history *h, size_t entries)
{
	struct register_entry *e;

	xgrow((void **)&r->e, &r->alloc, r->n + 1, sizeof(*r->e));
	e = &r->e[r->n++];
	memset(e, 0, sizeof(*e));
	e->event = xstrdup(event);
	snprintf(e->country, sizeof(e->country), "%s", h->country);
	e->cycle = h->cycle;
	e->entries = (long long)entries;
	e->head = xstrdup(h->e[entries - 1].hash);
	e->changed_by = xstrdup(h->e[entries - 1].changed_by);
	e->changed_at = xstrdup(h->e[entries - 1].changed_at);
	register_seal(r, r->n - 1);
}

static void
register_remove(struct register_list *r, size_t i)
{
	register_entry_release(&r->e[i]);
	memmove(&r->e[i], &r->e[i + 1], (r->n - i - 1) * sizeof(*r->e));
	r->n--;
}

/* A database: three assessments made, one discarded; KE 2026 final. */
struct database {
	struct history ke;
	struct history tz;
	struct history xa;
	struct history ug; /* made last, in some tests */
	struct register_list r;
	struct chain_live live[4];
	size_t live_count;
};

/* The live entry for history h (its hashes borrowed from h). */
static void
live_set(struct chain_live *l, const struct history *h)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->country, sizeof(l->country), "%s", h->country);
	l->cycle = h->cycle;
	l->hashes = xcalloc(h->n + 1, sizeof(*l->hashes));
	for (size_t i = 0; i < h->n; i++)
		l->hashes[i] = h->e[i].hash;
	l->count = h->n;
}

static void
small_history(struct history *h, const char *country, int cycle, const char *who)
{
	history_init(h, country, cycle);
	add(h, 2, "", "created", NULL, NULL, "draft", "example 1.0 " QUESTIONNAIRE_SHA256, who,
	    "2026-02-01T09:00:00.000Z", NULL);
	add(h, 2, "Q1", "answer", "none", NULL, "value", "yes", who, "2026-02-01T09:01:00.000Z",
	    NULL);
	add(h, 2, "Q2", "answer", "none", NULL, "dont_know", NULL, who, "2026-02-01T09:02:00.000Z",
	    NULL);
}

static void
database_make(struct database *db)
{
	char meeting_id[16];

	memset(db, 0, sizeof(*db));
	sample(&db->ke, meeting_id);
	small_history(&db->tz, "TZ", 2026, "Ben");
	small_history(&db->xa, "XA", 2025, "Cleo");
	small_history(&db->ug, "UG", 2026, "Dan");
	register_add(&db->r, "created", &db->ke, 1);
	register_add(&db->r, "created", &db->xa, 1);
	register_add(&db->r, "created", &db->tz, 1);
	register_add(&db->r, "discarded", &db->xa, 3);
	register_add(&db->r, "final", &db->ke, 9);
	live_set(&db->live[0], &db->ke);
	live_set(&db->live[1], &db->tz);
	db->live_count = 2;
}

static void
database_free(struct database *db)
{
	for (size_t i = 0; i < sizeof(db->live) / sizeof(db->live[0]); i++)
		free(db->live[i].hashes);
	history_free(&db->ke);
	history_free(&db->tz);
	history_free(&db->xa);
	history_free(&db->ug);
	register_release(db->r.e, db->r.n);
}

static int
database_check(struct database *db, char *problem, size_t size)
{
	problem[0] = '\0';
	return chain_register_check(db->r.e, db->r.n, db->live, db->live_count, problem, size);
}

static void
database_refused(struct database *db, const char *expected)
{
	char problem[512];
	int rc = database_check(db, problem, sizeof(problem));

	if (rc != 1 || strstr(problem, expected) == NULL)
		fail_msg("expected a refusal naming \"%s\", got %d: \"%s\"", expected, rc, problem);
}

static void
database_ok(struct database *db)
{
	char problem[512];

	if (database_check(db, problem, sizeof(problem)) != 0)
		fail_msg("a consistent register was refused: %s", problem);
}

static void
test_register_consistent(void **state)
{
	struct database db;

	(void)state;
	database_make(&db);
	database_ok(&db);
	assert_int_equal(db.live[0].seen, 1);
	assert_int_equal(db.live[1].seen, 1);

	/* a draft grows past what the register recorded */
	free(db.live[1].hashes);
	add(&db.tz, 2, "Q3", "flag", NULL, "0", NULL, "1", "Ben", "2026-02-02T09:00:00.000Z", NULL);
	live_set(&db.live[1], &db.tz);
	database_ok(&db);

	/* a discarded assessment made again: only its new history counts */
	history_free(&db.xa);
	small_history(&db.xa, "XA", 2025, "Eve");
	register_add(&db.r, "created", &db.xa, 1);
	register_add(&db.r, "final", &db.xa, 3);
	live_set(&db.live[2], &db.xa);
	db.live_count = 3;
	database_ok(&db);
	assert_int_equal(db.live[2].seen, 1);

	/* reopened and final again */
	add(&db.ke, 2, "", "status", "final", NULL, "draft", NULL, "Ben",
	    "2026-11-27T08:00:00.000Z", NULL);
	add(&db.ke, 2, "", "status", "draft", NULL, "final", NULL, "Ben",
	    "2026-11-27T09:00:00.000Z", NULL);
	register_add(&db.r, "draft", &db.ke, 10);
	register_add(&db.r, "final", &db.ke, 11);
	free(db.live[0].hashes);
	live_set(&db.live[0], &db.ke);
	database_ok(&db);
	database_free(&db);

	/* an empty database */
	assert_int_equal(chain_register_check(NULL, 0, NULL, 0, (char[64]){0}, 64), 0);
}

static void
test_register_detects(void **state)
{
	struct database db;

	(void)state;
	/* a live assessment deleted */
	database_make(&db);
	db.live_count = 1;
	database_refused(&db, "the assessment of TZ 2026 was deleted: the register says it exists");
	database_free(&db);
	database_make(&db);
	free(db.live[0].hashes);
	db.live[0] = db.live[1];
	db.live[1].hashes = NULL;
	db.live_count = 1;
	database_refused(&db, "the assessment of KE 2026 was deleted");
	database_free(&db);

	/* an assessment the register never recorded */
	database_make(&db);
	live_set(&db.live[2], &db.ug);
	db.live_count = 3;
	database_refused(&db,
			 "the assessment of UG 2026 is not in the register: it was added "
			 "outside cirt");
	assert_int_equal(db.live[2].seen, 0);
	database_free(&db);

	/* a discarded assessment still there */
	database_make(&db);
	live_set(&db.live[2], &db.xa);
	db.live_count = 3;
	database_refused(&db, "the assessment of XA 2025 is not in the register");
	database_free(&db);

	/* register entries removed from the middle */
	for (size_t i = 0; i + 1 < 5; i++) {
		char expected[64];

		database_make(&db);
		register_remove(&db.r, i);
		snprintf(expected, sizeof(expected),
			 "register entry %zu is missing or out of place", i + 1);
		database_refused(&db, expected);
		database_free(&db);
	}

	/* ... and from the end: the creation of the last assessment, the
	 * discarding of another */
	database_make(&db);
	register_add(&db.r, "created", &db.ug, 1);
	live_set(&db.live[2], &db.ug);
	db.live_count = 3;
	database_ok(&db);
	register_remove(&db.r, db.r.n - 1);
	database_refused(&db, "the assessment of UG 2026 is not in the register");
	database_free(&db);
	database_make(&db);
	register_add(&db.r, "created", &db.ug, 1);
	register_add(&db.r, "discarded", &db.ug, 3);
	database_ok(&db);
	register_remove(&db.r, db.r.n - 1);
	database_refused(&db, "the assessment of UG 2026 was deleted");
	database_free(&db);

	/* entries reordered, as they are and hashed again */
	database_make(&db);
	{
		struct register_entry t = db.r.e[3];

		db.r.e[3] = db.r.e[1];
		db.r.e[1] = t;
	}
	database_refused(&db, "register entry 2 is missing or out of place");
	register_seal(&db.r, 0);
	database_refused(&db,
			 "register entry 2 (discarded) names XA 2025, which does not exist "
			 "then");
	database_free(&db);

	/* an entry altered */
	database_make(&db);
	replace_string(&db.r.e[1].changed_by, "Eve");
	database_refused(&db,
			 "register entry 2 (XA 2025 created) was altered: its hash does not "
			 "match its content");
	database_free(&db);
	database_make(&db);
	db.r.e[4].entries = 8;
	database_refused(&db, "register entry 5 (KE 2026 final) was altered");
	database_free(&db);

	/* an entry rewritten with its own hash recomputed: the next link
	 * breaks; a link that names another entry is out of place */
	database_make(&db);
	replace_string(&db.r.e[1].changed_by, "Eve");
	{
		char hash[CHAIN_HASH_SIZE];

		chain_register_hash(&db.r.e[1], hash);
		replace_string(&db.r.e[1].hash, hash);
	}
	database_refused(&db, "register entry 3 is missing or out of place");
	database_free(&db);
	database_make(&db);
	replace_string(&db.r.e[2].prev_hash, db.r.e[0].hash);
	{
		char hash[CHAIN_HASH_SIZE];

		chain_register_hash(&db.r.e[2], hash);
		replace_string(&db.r.e[2].hash, hash);
	}
	database_refused(&db, "register entry 3 is missing or out of place");
	database_free(&db);

	/* events that cannot be */
	database_make(&db);
	register_add(&db.r, "created", &db.tz, 1);
	database_refused(&db, "register entry 6 creates TZ 2026, which exists already");
	database_free(&db);
	database_make(&db);
	register_add(&db.r, "final", &db.ug, 3);
	database_refused(&db, "register entry 6 (final) names UG 2026, which does not exist then");
	database_free(&db);
	database_make(&db);
	register_add(&db.r, "renamed", &db.tz, 3);
	database_refused(&db, "register entry 6 has an unknown event");
	database_free(&db);
}

/* A head the register recorded that the history no longer holds. */
static void
test_register_head_no_longer_held(void **state)
{
	struct database db;

	(void)state;
	/* the end of KE's history rewritten (from entry 5, hashed again) */
	database_make(&db);
	replace_string(&db.ke.e[4].new_state, "not_applicable");
	seal(&db.ke, 4);
	free(db.live[0].hashes);
	live_set(&db.live[0], &db.ke);
	database_refused(&db, "the history of KE 2026 no longer holds entry 9");
	database_refused(&db,
			 "that the register recorded when it was final: entries were "
			 "removed or replaced");
	database_free(&db);

	/* cut short */
	database_make(&db);
	db.live[0].count = 5;
	database_refused(&db, "the history of KE 2026 no longer holds entry 9");
	database_free(&db);

	/* the whole history replaced: even its creation is gone */
	database_make(&db);
	free(db.live[1].hashes);
	history_free(&db.tz);
	small_history(&db.tz, "TZ", 2026, "Eve");
	live_set(&db.live[1], &db.tz);
	database_refused(&db, "the history of TZ 2026 no longer holds entry 1");
	database_refused(&db, "when it was created");
	database_free(&db);

	/* a register entry naming no head, or no entry */
	database_make(&db);
	replace_string(&db.r.e[4].head, NULL);
	register_seal(&db.r, 4);
	database_refused(&db, "the history of KE 2026 no longer holds entry 9");
	database_free(&db);
	database_make(&db);
	db.r.e[2].entries = 0;
	register_seal(&db.r, 2);
	database_refused(&db, "the history of TZ 2026 no longer holds entry 0");
	database_free(&db);
}

/* ---- findings ------------------------------------------------------------ */

/* a string literal and its length, NULs inside included */
#define TEXT(s) s, sizeof(s) - 1

#define ORIGIN_C "3333333333333333333333333333333333333333333333333333333333333333"
#define ORIGIN_D "4444444444444444444444444444444444444444444444444444444444444444"

/* Append a finding on pillar ("" the summary) from old to new. */
static void
add_finding(struct history *h, const char *pillar, const char *old, const char *new_text,
	    const char *by, const char *at)
{
	add(h, 2, pillar, "finding", NULL, old, NULL, new_text, by, at, NULL);
}

/* A draft: an answer, the summary written and rewritten, findings on
 * "legal" written then removed, and on "technical" written. */
static void
finding_sample(struct history *h)
{
	history_init(h, COUNTRY, CYCLE);
	add(h, 2, "", "created", NULL, NULL, "draft", "example 1.0 " QUESTIONNAIRE_SHA256, "Ana",
	    "2026-11-20T09:00:00.000Z", NULL);
	add(h, 2, "L1", "answer", "none", NULL, "value", "yes", "Ana", "2026-11-21T10:05:00.000Z",
	    NULL);
	add_finding(h, "", "", "The team met five ministries.", "Ana", "2026-11-22T08:00:00.000Z");
	add_finding(h, "legal", "", "The law is old.\n\nIt is enforced.", "Ben",
		    "2026-11-22T09:00:00.000Z");
	add_finding(h, "technical", "", "A CIRT exists.", "Ben", "2026-11-22T10:00:00.000Z");
	add_finding(h, "", "The team met five ministries.",
		    "The team met five ministries\tand the regulator.", "Ben",
		    "2026-11-23T08:00:00.000Z");
	add_finding(h, "legal", "The law is old.\n\nIt is enforced.", "", "Ana",
		    "2026-11-23T09:00:00.000Z");
}

static void
test_finding_text(void **state)
{
	char *text = NULL;
	char message[256];
	long line = -1;
	char *big;

	(void)state;
	/* CRLF becomes LF; blank lines and white space around the text go */
	assert_int_equal(chain_finding_text(TEXT("\r\n  \n\tFirst.\r\n\r\nSecond \t\n\n"), "en",
					    &text, &line, message, sizeof(message)),
			 0);
	assert_string_equal(text, "First.\n\nSecond");
	assert_true(chain_finding_valid(text));
	free(text);
	/* only white space: no finding */
	assert_int_equal(
		chain_finding_text(TEXT(" \n\t\r\n"), "en", &text, &line, message, sizeof(message)),
		0);
	assert_string_equal(text, "");
	assert_true(chain_finding_valid(""));
	free(text);
	/* refused, with the line */
	assert_int_equal(chain_finding_text(TEXT("ok\nbad \033[31m\n"), "en", &text, &line, message,
					    sizeof(message)),
			 -1);
	assert_null(text);
	assert_int_equal(line, 2);
	assert_non_null(strstr(message, "control characters"));
	assert_int_equal(chain_finding_text(TEXT("a\nb\nc\xff"), "fr", &text, &line, message,
					    sizeof(message)),
			 -1);
	assert_int_equal(line, 3);
	assert_string_equal(message, "le texte n'est pas en UTF-8 valide");
	assert_int_equal(
		chain_finding_text(TEXT("a\0b"), "en", &text, &line, message, sizeof(message)), -1);
	assert_int_equal(line, 1);
	/* a lone CR, a C1 control, a sequence cut short at the end */
	assert_int_equal(
		chain_finding_text(TEXT("a\rb"), "en", &text, &line, message, sizeof(message)), -1);
	assert_int_equal(
		chain_finding_text(TEXT("a\xc2\x85"), "en", &text, &line, message, sizeof(message)),
		-1);
	assert_non_null(strstr(message, "control characters"));
	assert_int_equal(
		chain_finding_text(TEXT("caf\xc3"), "en", &text, &line, message, sizeof(message)),
		-1);
	/* UTF-8 from elsewhere is kept */
	assert_int_equal(chain_finding_text(TEXT("Zürich, 北京, \u0627\u0644"), "en", &text, &line,
					    message, sizeof(message)),
			 0);
	assert_string_equal(text, "Zürich, 北京, \u0627\u0644");
	free(text);
	/* the limit, counted once the text is made so */
	big = xmalloc(CHAIN_FINDING_MAX + 8);
	memset(big, 'x', CHAIN_FINDING_MAX);
	memcpy(big + CHAIN_FINDING_MAX, "\r\n\r\n", 4);
	assert_int_equal(chain_finding_text(big, CHAIN_FINDING_MAX + 4, "en", &text, &line, message,
					    sizeof(message)),
			 0);
	assert_int_equal(strlen(text), CHAIN_FINDING_MAX);
	free(text);
	big[CHAIN_FINDING_MAX] = 'x';
	assert_int_equal(chain_finding_text(big, CHAIN_FINDING_MAX + 1, "en", &text, &line, message,
					    sizeof(message)),
			 -1);
	assert_int_equal(line, 0);
	assert_string_equal(message, "the text is too long (20001 > 20000 bytes)");
	free(big);
	/* what the history may hold is what chain_finding_text leaves */
	assert_false(chain_finding_valid("text\n"));
	assert_false(chain_finding_valid("\ntext"));
	assert_false(chain_finding_valid(" text"));
	assert_false(chain_finding_valid("a\r\nb"));
	assert_false(chain_finding_valid(NULL));
	assert_true(chain_finding_valid("a\n\n\tb\n  c"));
}

static void
test_findings_in_history(void **state)
{
	struct history h;
	struct chain_state st;
	struct finding stored[3];
	char problem[512];

	(void)state;
	finding_sample(&h);
	replay_ok(&h, &st);
	/* the summary and technical; legal was removed */
	assert_int_equal(st.finding_count, 2);
	assert_string_equal(st.findings[0].pillar, "");
	assert_string_equal(st.findings[0].text,
			    "The team met five ministries\tand the regulator.");
	assert_string_equal(st.findings[0].recorded_by, "Ben");
	assert_string_equal(st.findings[0].recorded_at, "2026-11-23T08:00:00.000Z");
	assert_string_equal(st.findings[1].pillar, "technical");
	assert_string_equal(st.findings[1].text, "A CIRT exists.");
	assert_string_equal(st.findings[1].recorded_by, "Ben");
	/* findings are no answers: no rows, no mission days, but assessors */
	assert_int_equal(st.answers.count, 1);
	assert_string_equal(st.mission_start, "2026-11-21");
	assert_string_equal(st.mission_end, "2026-11-21");
	assert_string_equal(st.assessors, "Ana, Ben");
	assert_string_equal(st.updated_at, "2026-11-23T09:00:00.000Z");
	assert_int_equal(st.conflict_count, 0);

	/* the store holds the same, in any order: equal */
	stored[0] = st.findings[1];
	stored[1] = st.findings[0];
	assert_int_equal(chain_compare_findings(&st, stored, 2, problem, sizeof(problem)), 0);
	assert_int_equal(chain_compare_findings(&st, stored, 1, problem, sizeof(problem)), 1);
	assert_string_equal(problem, "the executive summary that the history records is missing");
	stored[2] = stored[0];
	assert_int_equal(chain_compare_findings(&st, stored, 3, problem, sizeof(problem)), 1);
	assert_string_equal(problem, "the finding on pillar technical is stored twice");
	{
		struct finding extra = {
			(char *)(uintptr_t) "legal", (char *)(uintptr_t) "The law is old.",
			(char *)(uintptr_t) "Ben", (char *)(uintptr_t) "2026-11-22T09:00:00.000Z"};

		stored[2] = extra;
		assert_int_equal(chain_compare_findings(&st, stored, 3, problem, sizeof(problem)),
				 1);
		assert_string_equal(problem,
				    "the stored finding on pillar legal is not in the "
				    "history: it was added outside cirt");
	}
	{
		struct finding changed = stored[1];

		changed.text = (char *)(uintptr_t) "The team met six ministries.";
		stored[1] = changed;
		assert_int_equal(chain_compare_findings(&st, stored, 2, problem, sizeof(problem)),
				 1);
		assert_string_equal(problem,
				    "the stored text of the executive summary differs "
				    "from what the history records");
		changed.text = st.findings[0].text;
		changed.recorded_by = (char *)(uintptr_t) "Eve";
		stored[1] = changed;
		assert_int_equal(chain_compare_findings(&st, stored, 2, problem, sizeof(problem)),
				 1);
		assert_non_null(strstr(problem, "the stored author of the executive summary"));
		changed.recorded_by = st.findings[0].recorded_by;
		changed.recorded_at = (char *)(uintptr_t) "2026-11-23T08:00:00.001Z";
		stored[1] = changed;
		assert_int_equal(chain_compare_findings(&st, stored, 2, problem, sizeof(problem)),
				 1);
		assert_non_null(strstr(problem, "the stored time of the executive summary"));
	}
	chain_state_release(&st);

	/* a pillar given a text again after its removal comes back in its
	 * first place */
	add_finding(&h, "legal", "", "A new law is drafted.", "Ana", "2026-11-24T08:00:00.000Z");
	replay_ok(&h, &st);
	assert_int_equal(st.finding_count, 3);
	assert_string_equal(st.findings[1].pillar, "legal");
	assert_string_equal(st.findings[1].text, "A new law is drafted.");
	chain_state_release(&st);

	/* a final assessment takes no finding */
	add(&h, 2, "", "status", "draft", NULL, "final", NULL, "Ana", "2026-11-25T08:00:00.000Z",
	    NULL);
	replay_ok(&h, &st);
	chain_state_release(&st);
	add_finding(&h, "", "The team met five ministries\tand the regulator.", "", "Ana",
		    "2026-11-26T08:00:00.000Z");
	replay_refused(&h, "history entry 10 (finding) changes a final assessment");
	history_free(&h);
}

static void
test_finding_events_refused(void **state)
{
	struct history h;
	/* each change to the last event of the sample, sealed again */
	struct {
		int slot; /* 0 old_state, 1 old_value, 2 new_state, 3 new_value, 4 source */
		const char *value;
		const char *expected;
	} cases[] = {
		{1, "The law was old.\n\nIt is enforced.",
		 "starts from a text the history never gave"},
		{1, NULL, "is not a valid finding"},
		{3, NULL, "is not a valid finding"},
		{0, "none", "is not a valid finding"},
		{2, "value", "is not a valid finding"},
		{4, "m000000000000", "is not a valid finding"},
		{3, "bell \a", "is not a valid finding"},
		{3, "trailing line end\n", "is not a valid finding"},
		{3, "crlf\r\nline", "is not a valid finding"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct history_entry *e;
		char **slot;
		size_t last;

		finding_sample(&h);
		last = h.n - 1;
		e = &h.e[last];
		slot = cases[i].slot == 0    ? &e->old_state
			: cases[i].slot == 1 ? &e->old_value
			: cases[i].slot == 2 ? &e->new_state
			: cases[i].slot == 3 ? &e->new_value
					     : &e->source;
		set_field(&h, last, slot, cases[i].value);
		replay_refused(&h, cases[i].expected);
		history_free(&h);
	}
	/* too long */
	finding_sample(&h);
	{
		char *big = xmalloc(CHAIN_FINDING_MAX + 2);

		memset(big, 'x', CHAIN_FINDING_MAX + 1);
		big[CHAIN_FINDING_MAX + 1] = '\0';
		set_field(&h, h.n - 1, &h.e[h.n - 1].new_value, big);
		free(big);
	}
	replay_refused(&h, "history entry 7 is not a valid finding");
	history_free(&h);
	/* a text altered after the fact breaks the chain */
	finding_sample(&h);
	free(h.e[2].new_value);
	h.e[2].new_value = xstrdup("The team met six ministries.");
	replay_refused(&h,
		       "history entry 3 (finding, 2026-11-22T08:00:00.000Z by Ana) was altered");
	history_free(&h);
	/* a resolution of a conflict there never was */
	finding_sample(&h);
	add(&h, 2, "technical", "resolved", "finding", NULL, NULL, "A CIRT exists.", "Ana",
	    "2026-11-24T08:00:00.000Z", NULL);
	replay_refused(&h,
		       "history entry 8 (finding on technical) settles a conflict the history "
		       "never had");
	history_free(&h);
}

static void
test_findings_merged(void **state)
{
	struct history h;
	struct chain_state st;
	struct chain_conflict *c;
	char problem[512];

	(void)state;
	finding_sample(&h);
	/* another laptop's summary, from the text both had: a conflict, the
	 * later text shown (Ben's, here, of the 23rd) */
	add_finding(&h, "", "The team met five ministries.", "Five ministries and two banks.",
		    "Eve", "2026-11-22T20:00:00.000Z");
	as_merged(&h, h.n - 1, ORIGIN_C);
	replay_ok(&h, &st);
	assert_int_equal(st.conflict_count, 1);
	c = &st.conflicts[0];
	assert_string_equal(c->question_id, "");
	assert_string_equal(c->field, "finding");
	assert_null(c->state);
	assert_string_equal(c->value, "Five ministries and two banks.");
	assert_string_equal(c->changed_by, "Eve");
	assert_string_equal(c->event, ORIGIN_C);
	assert_string_equal(c->here_by, "Ben");
	assert_string_equal(c->here_event, h.e[5].hash);
	assert_string_equal(st.findings[0].text,
			    "The team met five ministries\tand the regulator.");
	/* the conflicts the store would keep compare equal, answers' and
	 * findings' alike */
	{
		struct assessment a;

		memset(&a, 0, sizeof(a));
		snprintf(a.country, sizeof(a.country), "%s", COUNTRY);
		a.cycle = CYCLE;
		a.questionnaire_id = st.questionnaire_id;
		a.questionnaire_version = st.questionnaire_version;
		a.questionnaire_sha256 = st.questionnaire_sha256;
		a.created_at = st.created_at;
		a.updated_at = st.updated_at;
		a.assessors = st.assessors;
		a.mission_start = st.mission_start;
		a.mission_end = st.mission_end;
		assert_int_equal(chain_compare(&st, &a, &st.answers, st.meetings, st.meeting_count,
					       st.conflicts, st.conflict_count, problem,
					       sizeof(problem)),
				 0);
		free(c->value);
		c->value = xstrdup("Six ministries.");
		{
			struct chain_state again;

			replay_ok(&h, &again);
			assert_int_equal(chain_compare(&again, &a, &again.answers, again.meetings,
						       again.meeting_count, st.conflicts,
						       st.conflict_count, problem, sizeof(problem)),
					 1);
			assert_string_equal(problem,
					    "the stored conflict over the finding of  differs "
					    "from what the history leaves open");
			chain_state_release(&again);
		}
	}
	chain_state_release(&st);

	/* the other side moves on: still one conflict, with its new text */
	add_finding(&h, "", "Five ministries and two banks.", "Five ministries, two banks.", "Eve",
		    "2026-11-24T20:00:00.000Z");
	as_merged(&h, h.n - 1, ORIGIN_D);
	replay_ok(&h, &st);
	assert_int_equal(st.conflict_count, 1);
	/* now the later side: Eve's text shows, Ben's is the other */
	assert_string_equal(st.findings[0].text, "Five ministries, two banks.");
	assert_string_equal(st.findings[0].recorded_by, "Eve");
	assert_string_equal(st.conflicts[0].value,
			    "The team met five ministries\tand the regulator.");
	assert_string_equal(st.conflicts[0].here_event, ORIGIN_D);
	chain_state_release(&st);

	/* a person settles it, with a third text */
	add(&h, 2, "", "resolved", "finding", NULL, NULL,
	    "Five ministries, two banks and the "
	    "regulator.",
	    "Ana", "2026-11-25T08:00:00.000Z", NULL);
	replay_ok(&h, &st);
	assert_int_equal(st.conflict_count, 0);
	assert_string_equal(st.findings[0].text, "Five ministries, two banks and the regulator.");
	assert_string_equal(st.findings[0].recorded_by, "Ana");
	chain_state_release(&st);

	/* merged in elsewhere, the resolution of a conflict that copy never
	 * had is a change like another: one to another text than this copy's
	 * opens a conflict, the later text shown */
	history_free(&h);
	finding_sample(&h);
	add(&h, 2, "technical", "resolved", "finding", NULL, NULL, "A national CIRT exists.", "Eve",
	    "2026-11-25T08:00:00.000Z", NULL);
	as_merged(&h, h.n - 1, ORIGIN_C);
	replay_ok(&h, &st);
	assert_int_equal(st.conflict_count, 1);
	assert_string_equal(st.conflicts[0].question_id, "technical");
	assert_string_equal(st.conflicts[0].value, "A CIRT exists.");
	assert_string_equal(st.findings[1].text, "A national CIRT exists.");
	chain_state_release(&st);

	/* the other side moving on to the text shown closes it; a merged
	 * removal from the text shown applies */
	add_finding(&h, "technical", "A CIRT exists.", "A national CIRT exists.", "Rose",
		    "2026-11-25T09:00:00.000Z");
	as_merged(&h, h.n - 1, ORIGIN_D);
	add_finding(&h, "technical", "A national CIRT exists.", "", "Rose",
		    "2026-11-25T10:00:00.000Z");
	as_merged(&h, h.n - 1, SHA_A);
	replay_ok(&h, &st);
	assert_int_equal(st.conflict_count, 0);
	assert_int_equal(st.finding_count, 1);
	assert_string_equal(st.findings[0].pillar, "");
	chain_state_release(&st);
	history_free(&h);

	/* a pillar whose id is a question's: the conflicts over the answer
	 * and over the finding are told apart */
	finding_sample(&h);
	add_finding(&h, "L1", "", "Pillar L1.", "Ana", "2026-11-24T08:00:00.000Z");
	add(&h, 2, "L1", "answer", "none", NULL, "value", "no", "Eve", "2026-11-24T09:00:00.000Z",
	    NULL);
	as_merged(&h, h.n - 1, ORIGIN_C);
	add_finding(&h, "L1", "", "Pillar L1, elsewhere.", "Eve", "2026-11-24T10:00:00.000Z");
	as_merged(&h, h.n - 1, ORIGIN_D);
	replay_ok(&h, &st);
	assert_int_equal(st.conflict_count, 2);
	assert_string_equal(st.conflicts[0].field, "answer");
	assert_string_equal(st.conflicts[1].field, "finding");
	assert_string_equal(st.conflicts[1].question_id, "L1");
	{
		struct assessment a;
		struct chain_conflict swapped[2];

		memset(&a, 0, sizeof(a));
		a.questionnaire_id = st.questionnaire_id;
		a.questionnaire_version = st.questionnaire_version;
		a.questionnaire_sha256 = st.questionnaire_sha256;
		a.created_at = st.created_at;
		a.updated_at = st.updated_at;
		a.assessors = st.assessors;
		a.mission_start = st.mission_start;
		a.mission_end = st.mission_end;
		swapped[0] = st.conflicts[1];
		swapped[1] = st.conflicts[0];
		assert_int_equal(chain_compare(&st, &a, &st.answers, st.meetings, st.meeting_count,
					       swapped, 2, problem, sizeof(problem)),
				 0);
	}
	chain_state_release(&st);
	history_free(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_format),
		cmocka_unit_test(test_replay_valid),
		cmocka_unit_test(test_replay_version_1),
		cmocka_unit_test(test_changed_field_breaks_chain),
		cmocka_unit_test(test_rehashed_entry_breaks_next_link),
		cmocka_unit_test(test_reordered_refused),
		cmocka_unit_test(test_removed_entry_refused),
		cmocka_unit_test(test_final_refuses_changes),
		cmocka_unit_test(test_meetings_in_history),
		cmocka_unit_test(test_version_refused),
		cmocka_unit_test(test_invalid_events_refused),
		cmocka_unit_test(test_meta_apply),
		cmocka_unit_test(test_many_questions),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_meeting_id),
		cmocka_unit_test(test_meeting_value),
		cmocka_unit_test(test_attachment_value_and_id),
		cmocka_unit_test(test_attachments_in_history),
		cmocka_unit_test(test_attachment_events_refused),
		cmocka_unit_test(test_finding_text),
		cmocka_unit_test(test_findings_in_history),
		cmocka_unit_test(test_finding_events_refused),
		cmocka_unit_test(test_findings_merged),
		cmocka_unit_test(test_register_consistent),
		cmocka_unit_test(test_register_detects),
		cmocka_unit_test(test_register_head_no_longer_held),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
