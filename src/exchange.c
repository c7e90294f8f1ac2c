/* Bundles and merges. */
#include "exchange.h"

#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "exitcode.h"
#include "file.h"
#include "hash.h"
#include "json.h"
#include "xmalloc.h"

void
bundle_release(struct bundle *b)
{
	free(b->questionnaire_id);
	free(b->questionnaire_version);
	free(b->questionnaire_sha256);
	free(b->exported_at);
	free(b->exported_by);
	assessment_release(&b->assessment);
	answer_set_release(&b->answers);
	history_release(b->history, b->history_count);
	attachments_release(b->attachments, b->attachment_count);
	memset(b, 0, sizeof(*b));
}

static char *
dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

int
exchange_export(struct store *s, const struct assessment *a, const char *who, struct bundle *out,
		struct error *err)
{
	char now[32];

	memset(out, 0, sizeof(*out));
	store_now(now, sizeof(now));
	out->questionnaire_id = xstrdup(a->questionnaire_id);
	out->questionnaire_version = xstrdup(a->questionnaire_version);
	out->questionnaire_sha256 = xstrdup(a->questionnaire_sha256);
	out->exported_at = xstrdup(now);
	out->exported_by = xstrdup(who);
	out->assessment = *a;
	out->assessment.questionnaire_id = xstrdup(a->questionnaire_id);
	out->assessment.questionnaire_version = xstrdup(a->questionnaire_version);
	out->assessment.questionnaire_sha256 = xstrdup(a->questionnaire_sha256);
	out->assessment.mission_start = dup_or_empty(a->mission_start);
	out->assessment.mission_end = dup_or_empty(a->mission_end);
	out->assessment.assessors = dup_or_empty(a->assessors);
	out->assessment.created_at = dup_or_empty(a->created_at);
	out->assessment.updated_at = dup_or_empty(a->updated_at);
	out->assessment.head = NULL; /* the bundle's history carries it */
	if (store_answers_load(s, a->id, &out->answers, err) < 0 ||
	    store_history_load(s, a->id, &out->history, &out->history_count, err) < 0 ||
	    store_attachments_load(s, a->id, 1, &out->attachments, &out->attachment_count, err) <
		    0) {
		bundle_release(out);
		return -1;
	}
	/* a file changed in the database would only be refused by the merge */
	for (size_t i = 0; i < out->attachment_count; i++) {
		const struct attachment *at = &out->attachments[i];
		char sha256[SHA256_HEX_SIZE] = "";

		if (at->data)
			hash_sha256_hex(at->data, (size_t)at->size, sha256);
		if (strcmp(sha256, at->sha256) != 0) {
			error_set(err, EXIT_DATA,
				  "the stored file of attachment %s ('%s') of %s %d does not match "
				  "its SHA-256: it was changed ('cirt verify' says more)",
				  at->id, at->name, a->country, a->cycle);
			bundle_release(out);
			return -1;
		}
	}
	return 0;
}

static int
check_text(const char *what, const char *s, size_t max, struct error *err)
{
	char message[256];

	if (s == NULL)
		return error_set(err, EXIT_DATA, "%s is missing", what);
	if (answer_check_text(s, max, "en", message, sizeof(message)) < 0)
		return error_set(err, EXIT_DATA, "%s: %s", what, message);
	return 0;
}

static int
check_evidence(const char *s, struct error *err)
{
	char message[256];

	if (s == NULL)
		return error_set(err, EXIT_DATA, "an answer's evidence is missing");
	if (answer_check_evidence(s, ANSWER_TEXT_MAX, "en", message, sizeof(message)) < 0)
		return error_set(err, EXIT_DATA, "an answer's evidence: %s", message);
	return 0;
}

/* A value a history entry carries: evidence (a list, a line an item)
 * where the entry is about evidence, a finding's text (lines, and at most
 * CHAIN_FINDING_MAX bytes) where it is about a finding, else plain
 * text. */
static int
check_value(const char *what, const struct history_entry *e, const char *value, struct error *err)
{
	if (e->field &&
	    (strcmp(e->field, "finding") == 0 ||
	     (strcmp(e->field, "resolved") == 0 && e->old_state &&
	      strcmp(e->old_state, "finding") == 0))) {
		char message[256];
		char *text = NULL;
		long line = 0;
		int r = chain_finding_text(value, strlen(value), "en", &text, &line, message,
					   sizeof(message));

		free(text);
		if (r < 0)
			return error_set(err, EXIT_DATA, "%s: %s", what, message);
		return 0;
	}
	if (e->field &&
	    (strcmp(e->field, "evidence") == 0 ||
	     (strcmp(e->field, "resolved") == 0 && e->old_state &&
	      strcmp(e->old_state, "evidence") == 0))) {
		char message[256];

		if (answer_check_evidence(value, ANSWER_TEXT_MAX, "en", message, sizeof(message)) <
		    0)
			return error_set(err, EXIT_DATA, "%s: %s", what, message);
		return 0;
	}
	return check_text(what, value, ANSWER_TEXT_MAX, err);
}

static int
is_hex64(const char *s)
{
	if (s == NULL || strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/* Whether s is a time as cirt writes them: 2026-11-22T10:15:03.120Z (the
 * milliseconds optional), within years 2000 to 2200. */
static int
valid_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t n = strlen(s);

	if (n != 20 && n != 24)
		return 0;
	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return 0;
	if (n == 24 &&
	    !(s[19] == '.' && s[20] >= '0' && s[20] <= '9' && s[21] >= '0' && s[21] <= '9' &&
	      s[22] >= '0' && s[22] <= '9'))
		return 0;
	return s[n - 1] == 'Z' && strncmp(s, "2000", 4) >= 0 && strncmp(s, "2200", 4) <= 0;
}

/* Each attachment's texts, and its bytes against its size and SHA-256;
 * their number and total within the limits. */
static int
check_attachments(const struct bundle *b, struct error *err)
{
	long long total = 0;

	if (b->attachment_count > ATTACHMENT_MAX_COUNT)
		return error_set(err, EXIT_DATA, "it holds more than %d attachments",
				 ATTACHMENT_MAX_COUNT);
	for (size_t i = 0; i < b->attachment_count; i++) {
		const struct attachment *at = &b->attachments[i];
		char sha256[SHA256_HEX_SIZE];

		if (check_text("an attachment's id", at->id, ATTACHMENT_ID_SIZE, err) < 0 ||
		    check_text("an attachment's question", at->question_id, 64, err) < 0 ||
		    check_text("an attachment's name", at->name, ATTACHMENT_NAME_MAX, err) < 0 ||
		    check_text("an attachment's type", at->type, 128, err) < 0 ||
		    check_text("an attachment's author", at->added_by, 200, err) < 0 ||
		    check_text("an attachment's time", at->added_at, 32, err) < 0 ||
		    (at->source && check_text("an attachment's source", at->source, 16, err) < 0))
			return -1;
		if (at->data == NULL || at->size < 1 || at->size > ATTACHMENT_MAX_BYTES ||
		    !is_hex64(at->sha256))
			return error_set(err, EXIT_DATA,
					 "attachment %s ('%s') does not carry its file, its size "
					 "or its SHA-256",
					 at->id, at->name);
		hash_sha256_hex(at->data, (size_t)at->size, sha256);
		if (strcmp(sha256, at->sha256) != 0)
			return error_set(err, EXIT_DATA,
					 "the file of attachment %s ('%s') does not match its "
					 "SHA-256: it was changed",
					 at->id, at->name);
		total += at->size;
	}
	if (total > ATTACHMENT_MAX_TOTAL) {
		char have[32];
		char limit[32];

		attachment_size_text(total, have, sizeof(have));
		attachment_size_text(ATTACHMENT_MAX_TOTAL, limit, sizeof(limit));
		return error_set(err, EXIT_DATA,
				 "its attachments take %s, more than the %s an assessment may "
				 "hold",
				 have, limit);
	}
	return 0;
}

int
exchange_check(const struct bundle *b, struct error *err)
{
	const struct assessment *a = &b->assessment;
	const struct country *c = country_find(a->country);

	if (c == NULL || strcmp(c->alpha2, a->country) != 0)
		return error_set(err, EXIT_DATA, "the country '%s' is not an ISO alpha-2 code",
				 a->country);
	if (a->cycle < 1900 || a->cycle > 2200)
		return error_set(err, EXIT_DATA, "the cycle %d is not a year", a->cycle);
	if (check_text("who exported it", b->exported_by, 200, err) < 0 ||
	    check_text("when it was exported", b->exported_at, 32, err) < 0 ||
	    !valid_time(b->exported_at))
		return err->message[0] ? -1
				       : error_set(err, EXIT_DATA,
						   "when it was exported: '%s' is not a UTC time "
						   "such as 2026-11-22T10:15:03.120Z",
						   b->exported_at);
	if (check_text("the questionnaire id", b->questionnaire_id, 64, err) < 0 ||
	    check_text("the questionnaire version", b->questionnaire_version, 32, err) < 0 ||
	    check_text("the assessors", a->assessors, 4096, err) < 0 ||
	    check_text("the mission start", a->mission_start, 32, err) < 0 ||
	    check_text("the mission end", a->mission_end, 32, err) < 0 ||
	    check_text("the creation time", a->created_at, 32, err) < 0 ||
	    check_text("the time of the last change", a->updated_at, 32, err) < 0)
		return -1;
	if (!is_hex64(b->questionnaire_sha256))
		return error_set(err, EXIT_DATA,
				 "the questionnaire's SHA-256 is not 64 hex digits");
	for (size_t i = 0; i < b->answers.count; i++) {
		const struct answer *w = &b->answers.items[i];

		if (check_text("an answer's question id", w->question_id, 64, err) < 0 ||
		    check_evidence(w->evidence, err) < 0 ||
		    check_text("an answer's comment", w->comment, ANSWER_TEXT_MAX, err) < 0 ||
		    check_text("an answer's author", w->answered_by, 200, err) < 0 ||
		    check_text("an answer's time", w->answered_at, 32, err) < 0 ||
		    (w->value &&
		     check_text("an answer's value", w->value, ANSWER_TEXT_MAX, err) < 0) ||
		    (w->source && check_text("an answer's source", w->source, 16, err) < 0))
			return -1;
	}
	for (size_t i = 0; i < b->history_count; i++) {
		const struct history_entry *e = &b->history[i];

		if (check_text("a history entry's question", e->question_id, 64, err) < 0 ||
		    check_text("a history entry's field", e->field, 16, err) < 0 ||
		    check_text("a history entry's author", e->changed_by, 200, err) < 0 ||
		    check_text("a history entry's time", e->changed_at, 32, err) < 0 ||
		    check_text("a history entry's reason", e->reason, 4096, err) < 0 ||
		    (e->old_value &&
		     check_value("a history entry's old value", e, e->old_value, err) < 0) ||
		    (e->new_value &&
		     check_value("a history entry's new value", e, e->new_value, err) < 0) ||
		    (e->source && check_text("a history entry's source", e->source, 16, err) < 0))
			return -1;
		if (!is_hex64(e->prev_hash) || !is_hex64(e->hash) ||
		    (e->origin && !is_hex64(e->origin)))
			return error_set(err, EXIT_DATA,
					 "history entry %zu does not carry its hashes", i + 1);
	}
	if (check_attachments(b, err) < 0)
		return -1;
	/* what the bundle says beside its history must be what the history
	 * says */
	{
		struct chain_state st;
		char problem[512];
		int r = chain_replay(a->country, a->cycle, b->history, b->history_count, &st,
				     problem, sizeof(problem));

		if (r == 0)
			r = chain_compare(&st, a, &b->answers, st.meetings, st.meeting_count,
					  st.conflicts, st.conflict_count, problem,
					  sizeof(problem));
		if (r == 0)
			r = chain_compare_attachments(&st, b->attachments, b->attachment_count,
						      problem, sizeof(problem));
		chain_state_release(&st);
		if (r != 0)
			return error_set(err, EXIT_DATA, "%s", problem);
	}
	return 0;
}

#define SIGNATURE_START ",\"signature\":{\"key\":\""

int
exchange_find_signature(const char *data, size_t size, size_t *signed_size,
			unsigned char pk[KEY_PUBLIC_BYTES], unsigned char sig[KEY_SIGNATURE_BYTES])
{
	const size_t start_len = strlen(SIGNATURE_START);
	const char *at = NULL;
	char key[KEY_TEXT_SIZE + 8];
	char value[96];
	char tail[8];
	unsigned char *b;
	size_t n;
	int used = 0;

	/* the trailer is short: look for it near the end only */
	for (size_t i = size > 256 ? size - 256 : 0; i + start_len <= size; i++)
		if (memcmp(data + i, SIGNATURE_START, start_len) == 0)
			at = data + i;
	if (at == NULL)
		return 1;
	if (sscanf(at + start_len, "%60[^\"]\",\"value\":\"%90[^\"]\"}%7[}\n]%n", key, value, tail,
		   &used) != 3 ||
	    (size_t)(at - data) + start_len + (size_t)used != size ||
	    !(strcmp(tail, "}") == 0 || strcmp(tail, "}\n") == 0) || keys_parse(key, pk) < 0)
		return -1;
	b = keys_unbase64(value, KEY_SIGNATURE_BYTES, &n);
	if (b == NULL || n != KEY_SIGNATURE_BYTES) {
		free(b);
		return -1;
	}
	memcpy(sig, b, KEY_SIGNATURE_BYTES);
	free(b);
	*signed_size = (size_t)(at - data);
	return 0;
}

char *
exchange_sign_text(const char *data, size_t size, const struct key_pair *k)
{
	unsigned char pk[KEY_PUBLIC_BYTES];
	unsigned char sig[KEY_SIGNATURE_BYTES];
	char key[KEY_TEXT_SIZE];
	char *value;
	char *out;
	size_t n = size;

	/* without its old signature, or its closing brace and what follows */
	if (exchange_find_signature(data, size, &n, pk, sig) != 0) {
		while (n > 0 && data[n - 1] != '}')
			n--;
		if (n == 0)
			return NULL;
		n--;
	}
	keys_sign(k, SIGNATURE_DOMAIN, data, n, sig);
	keys_text(k->public_key, key);
	value = keys_base64(sig, sizeof(sig));
	out = xasprintf("%.*s%s%s\",\"value\":\"%s\"}}\n", (int)n, data, SIGNATURE_START, key,
			value);
	free(value);
	return out;
}

char *
exchange_bundle_text(const struct bundle *b, const struct key_pair *k,
		     const unsigned char (*to)[KEY_PUBLIC_BYTES], size_t n, struct error *err)
{
	char *text = json_bundle_text(b);
	char *signed_text = text ? exchange_sign_text(text, strlen(text), k) : NULL;

	free(text);
	if (signed_text && n > 0) {
		struct sealed sealed;
		char *sealed_text;

		keys_seal(signed_text, strlen(signed_text), to, n, &sealed);
		sealed_text = json_sealed_text(&sealed);
		sealed_release(&sealed);
		free(signed_text);
		signed_text = sealed_text;
	}
	if (signed_text == NULL)
		error_set(err, EXIT_DATA, "cannot write the bundle");
	if (signed_text && strlen(signed_text) > (size_t)BUNDLE_MAX_BYTES) {
		long long files = 0;
		char have[32];
		char limit[32];
		char taken[32];

		for (size_t i = 0; i < b->attachment_count; i++)
			files += b->attachments[i].size;
		attachment_size_text((long long)strlen(signed_text), have, sizeof(have));
		attachment_size_text(BUNDLE_MAX_BYTES, limit, sizeof(limit));
		attachment_size_text(files, taken, sizeof(taken));
		error_set(err, EXIT_DATA,
			  "the bundle would take %s, more than the %s a merge reads (its %zu "
			  "attachment%s take %s); remove attachments or send the files another "
			  "way",
			  have, limit, b->attachment_count, b->attachment_count == 1 ? "" : "s",
			  taken);
		free(signed_text);
		signed_text = NULL;
	}
	return signed_text;
}

/* Check the signature of the bundle text data: 0 with origin filled (a
 * bundle of the first format has none), or -1. */
static int
check_signature(const char *data, size_t size, int version, struct bundle_origin *origin,
		struct error *err)
{
	unsigned char sig[KEY_SIGNATURE_BYTES];
	size_t n;
	int r = exchange_find_signature(data, size, &n, origin->signer, sig);

	if (r < 0)
		return error_set(err, EXIT_DATA, "its signature is damaged");
	if (r > 0) {
		if (version >= 2)
			return error_set(err, EXIT_DATA, "its signature is missing");
		return 0; /* the first format: unsigned */
	}
	if (version < 2)
		return error_set(err, EXIT_DATA, "a bundle of the first format cannot be signed");
	if (keys_verify(origin->signer, SIGNATURE_DOMAIN, data, n, sig) < 0)
		return error_set(err, EXIT_DATA,
				 "its signature does not hold: the bundle was changed after it "
				 "was signed, or the signature is forged");
	origin->is_signed = 1;
	return 0;
}

/* How many JSON objects the text holds, counting the braces that are not
 * inside strings: an upper bound on its answers and history entries, found
 * in one pass before anything is parsed. */
static size_t
count_objects(const char *data, size_t size)
{
	size_t n = 0;
	int in_string = 0;

	for (size_t i = 0; i < size; i++) {
		char c = data[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '{') {
			n++;
		}
	}
	return n;
}

int
exchange_read_file(const char *path, const char *expect, const struct key_pair *k, struct bundle *b,
		   struct bundle_origin *origin, char sha256[SHA256_HEX_SIZE], struct error *err)
{
	size_t size;
	char *data = file_read(path, (size_t)BUNDLE_MAX_BYTES, &size, err);
	char message[256];
	struct sealed sealed;
	int r;

	memset(origin, 0, sizeof(*origin));
	if (data == NULL)
		return -1;
	hash_sha256_hex(data, size, sha256);
	if (expect && strcmp(sha256, expect) != 0) {
		free(data);
		return error_set(err, EXIT_DATA, "the file changed after it was checked");
	}
	if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		free(data);
		return 1;
	}
	if (count_objects(data, size) > BUNDLE_MAX_ANSWERS + BUNDLE_MAX_HISTORY + 16) {
		free(data);
		return error_set(err, EXIT_DATA,
				 "it holds more records than a bundle may (%d answers and %d "
				 "history entries at most)",
				 BUNDLE_MAX_ANSWERS, BUNDLE_MAX_HISTORY);
	}
	r = json_bundle_read(data, size, b, &sealed, message, sizeof(message));
	if (r == 2) {
		char *opened;

		free(data);
		if (k == NULL) {
			sealed_release(&sealed);
			return error_set(err, EXIT_DATA,
					 "it is sealed, and this laptop has no key to open it "
					 "('cirt keys init' makes one)");
		}
		r = keys_open(k, &sealed, &opened, &size, err);
		sealed_release(&sealed);
		if (r < 0)
			return -1;
		data = opened;
		origin->sealed = 1;
		r = json_bundle_read(data, size, b, &sealed, message, sizeof(message));
		if (r == 2) {
			sealed_release(&sealed);
			snprintf(message, sizeof(message),
				 "a sealed bundle inside a sealed bundle");
			r = -1;
		}
	}
	if (r < 0) {
		free(data);
		return error_set(err, EXIT_DATA, "not a usable bundle: %s", message);
	}
	r = check_signature(data, size, b->format_version, origin, err);
	free(data);
	if (r < 0) {
		bundle_release(b);
		return -1;
	}
	return 0;
}

/* ---- merging ------------------------------------------------------------ */

/* A set of strings (event identities), borrowed. */
struct id_set {
	const char **slots;
	size_t mask;
};

static size_t
id_hash(const char *s)
{
	size_t h = (size_t)1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void
id_set_init(struct id_set *set, size_t expected)
{
	size_t n = 16;

	while (n < expected * 2)
		n *= 2;
	set->slots = xcalloc(n, sizeof(*set->slots));
	set->mask = n - 1;
}

/* Add id; returns 1 when it was there already. */
static int
id_set_add(struct id_set *set, const char *id)
{
	size_t i = id_hash(id) & set->mask;

	while (set->slots[i]) {
		if (strcmp(set->slots[i], id) == 0)
			return 1;
		i = (i + 1) & set->mask;
	}
	set->slots[i] = id;
	return 0;
}

static int
compare_answers(const void *x, const void *y)
{
	const struct answer *const *a = x;
	const struct answer *const *b = y;

	return strcmp((*a)->question_id, (*b)->question_id);
}

/* The answers of set sorted by question, borrowed (free the array). */
static const struct answer **
sorted_answers(const struct answer_set *set)
{
	const struct answer **list = xcalloc(set->count + 1, sizeof(*list));

	for (size_t i = 0; i < set->count; i++)
		list[i] = &set->items[i];
	qsort(list, set->count, sizeof(*list), compare_answers);
	return list;
}

static int
same_row(const struct answer *x, const struct answer *y)
{
	return x->state == y->state &&
		((x->value == NULL && y->value == NULL) ||
		 (x->value && y->value && strcmp(x->value, y->value) == 0)) &&
		strcmp(x->evidence, y->evidence) == 0 && strcmp(x->comment, y->comment) == 0 &&
		x->flagged == y->flagged;
}

/* How many questions differ between two sets of answers, in linear time
 * after sorting. */
static size_t
count_changed(const struct answer_set *before, const struct answer_set *after)
{
	const struct answer **x = sorted_answers(before);
	const struct answer **y = sorted_answers(after);
	size_t i = 0;
	size_t k = 0;
	size_t changed = 0;

	while (i < before->count || k < after->count) {
		int c = i == before->count  ? 1
			: k == after->count ? -1
					    : strcmp(x[i]->question_id, y[k]->question_id);

		if (c == 0) {
			changed += !same_row(x[i], y[k]);
			i++;
			k++;
		} else if (c < 0) {
			changed++;
			i++;
		} else {
			changed++;
			k++;
		}
	}
	free(x);
	free(y);
	return changed;
}

/* How many of the n attachments x the m attachments y lack (by id). */
static size_t
count_missing(const struct attachment *x, size_t n, const struct attachment *y, size_t m)
{
	struct id_set set = {0};
	size_t missing = 0;

	id_set_init(&set, m + n);
	for (size_t i = 0; i < m; i++)
		id_set_add(&set, y[i].id);
	for (size_t i = 0; i < n; i++)
		missing += !id_set_add(&set, x[i].id);
	free(set.slots);
	return missing;
}

int
exchange_merge(struct store *s, const struct questionnaire *q, const struct bundle *b, int force,
	       const char *source, const char *who, merge_conflict_fn on_conflict, void *ctx,
	       struct merge_result *r, struct error *err)
{
	const struct assessment *ba = &b->assessment;
	struct assessment local = {0};
	struct history_entry *ours = NULL;
	size_t nours = 0;
	struct history_entry *theirs = NULL;
	size_t ntheirs = 0;
	struct answer_set before = {0};
	struct answer_set after = {0};
	struct chain_conflict *was = NULL;
	size_t nwas = 0;
	struct chain_conflict *now = NULL;
	size_t nnow = 0;
	struct id_set known = {0};
	struct attachment *had = NULL;
	size_t nhad = 0;
	struct attachment *has = NULL;
	size_t nhas = 0;
	char *note = NULL;
	int found;
	int status = -1;

	memset(r, 0, sizeof(*r));
	if (strcmp(b->questionnaire_id, q->id) != 0)
		return error_set(
			err, EXIT_DATA,
			"the bundle holds an assessment made with questionnaire '%s', not '%s'",
			b->questionnaire_id, q->id);
	if (strcmp(b->questionnaire_sha256, q->sha256) != 0 && !force)
		return error_set(err, EXIT_DATA,
				 "the bundle was made with version %s of questionnaire '%s' "
				 "(another file than %s, version %s); merge it with --force to "
				 "take it in all the same",
				 b->questionnaire_version, q->id, q->path, q->version);
	for (size_t i = 0; i < b->answers.count; i++)
		if (!questionnaire_find_question(q, b->answers.items[i].question_id))
			r->unknown++;
	found = store_assessment_get(s, ba->country, ba->cycle, &local, err);
	if (found < 0)
		return -1;
	if (found == 1) {
		/* new here: restore it exactly as its history says */
		if (store_assessment_restore(s, ba->country, ba->cycle, b->history,
					     b->history_count, b->attachments, b->attachment_count,
					     &local, err) < 0)
			return -1;
		r->restored = 1;
		r->events = b->history_count;
		r->changed = b->answers.count;
		r->attached = b->attachment_count;
		if (store_conflicts_load(s, local.id, &now, &nnow, err) < 0)
			goto out;
		r->open = nnow;
		status = 0;
		goto out;
	}
	if (strcmp(local.questionnaire_id, q->id) != 0) {
		error_set(err, EXIT_DATA, "the assessment of %s %d here uses questionnaire '%s'",
			  ba->country, ba->cycle, local.questionnaire_id);
		goto out;
	}
	if (store_history_load(s, local.id, &ours, &nours, err) < 0)
		goto out;
	id_set_init(&known, nours + b->history_count);
	for (size_t i = 0; i < nours; i++)
		id_set_add(&known, chain_event_id(&ours[i]));
	/* what the bundle holds that this copy lacks, in the bundle's order */
	theirs = xcalloc(b->history_count + 1, sizeof(*theirs));
	for (size_t i = 0; i < b->history_count; i++)
		if (!id_set_add(&known, chain_event_id(&b->history[i])))
			theirs[ntheirs++] = b->history[i]; /* borrowed */
	if (store_conflicts_load(s, local.id, &was, &nwas, err) < 0)
		goto out;
	r->open = nwas;
	if (ntheirs == 0) {
		status = 0;
		goto out;
	}
	if (local.final) {
		error_set(err, EXIT_DATA,
			  "the assessment of %s %d is final here, and the bundle holds %zu "
			  "change%s it lacks; reopen it to merge them",
			  ba->country, ba->cycle, ntheirs, ntheirs == 1 ? "" : "s");
		goto out;
	}
	if (store_answers_load(s, local.id, &before, err) < 0 ||
	    store_attachments_load(s, local.id, 0, &had, &nhad, err) < 0)
		goto out;
	{
		/* a note of the merge, unless all it brings is other merges' notes:
		 * copies that exchange back and forth come to rest */
		size_t changes = 0;

		for (size_t i = 0; i < ntheirs; i++)
			changes += strcmp(theirs[i].field, "merged") != 0;
		if (changes)
			note = xasprintf("%zu event%s from %s, exported by %s at %s", ntheirs,
					 ntheirs == 1 ? "" : "s", source, b->exported_by,
					 b->exported_at);
	}
	if (store_merge_events(s, &local, theirs, ntheirs, b->attachments, b->attachment_count,
			       note, who, err) < 0)
		goto out;
	r->events = ntheirs;
	if (store_answers_load(s, local.id, &after, err) < 0 ||
	    store_conflicts_load(s, local.id, &now, &nnow, err) < 0)
		goto out;
	r->changed = count_changed(&before, &after);
	r->open = nnow;
	if (store_attachments_load(s, local.id, 0, &has, &nhas, err) < 0)
		goto out;
	r->attached = count_missing(has, nhas, had, nhad);
	r->detached = count_missing(had, nhad, has, nhas);
	{
		/* the conflicts this merge opened (or moved) */
		struct id_set old = {0};

		id_set_init(&old, nwas);
		for (size_t i = 0; i < nwas; i++)
			id_set_add(&old, was[i].event);
		for (size_t i = 0; i < nnow; i++)
			if (!id_set_add(&old, now[i].event)) {
				r->conflicts++;
				if (on_conflict)
					on_conflict(ctx, &local, &now[i]);
			}
		free(old.slots);
	}
	status = 0;
out:
	free(note);
	free(known.slots);
	free(theirs);
	history_release(ours, nours);
	answer_set_release(&before);
	answer_set_release(&after);
	chain_conflicts_release(was, nwas);
	chain_conflicts_release(now, nnow);
	attachments_release(had, nhad);
	attachments_release(has, nhas);
	assessment_release(&local);
	return status;
}
