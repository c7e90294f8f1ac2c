/* The session engine: state and rules, no terminal. */
#include "engine.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "xmalloc.h"

/* ---- state ------------------------------------------------------------- */

static void
lookup(void *ctx, size_t question, struct cond_answer *out)
{
	const struct engine *e = ctx;
	const struct answer *w = e->by_index[question];

	out->state = w ? w->state : ANSWER_NONE;
	out->value = w ? w->value : NULL;
}

/* Read the answers back from the store and work out what is shown. */
static int
reload(struct engine *e, struct error *err)
{
	answer_set_release(&e->answers);
	if (e->a->id && store_answers_load(e->store, e->a->id, &e->answers, err) < 0)
		return -1;
	answer_set_index(e->q, &e->answers, e->by_index);
	questionnaire_visibility(e->q, lookup, e, e->shown);
	memset(e->disputed, 0, e->q->question_count + 1);
	if (e->a->id) {
		struct chain_conflict *c = NULL;
		size_t n = 0;

		if (store_conflicts_load(e->store, e->a->id, &c, &n, err) < 0)
			return -1;
		for (size_t k = 0; k < n; k++) {
			/* a finding's conflict names a pillar, not a question */
			const struct question *qu = strcmp(c[k].field, "finding") == 0
				? NULL
				: questionnaire_find_question(e->q, c[k].question_id);

			if (qu)
				e->disputed[qu - e->q->questions] = 1;
		}
		store_conflicts_release(c, n);
	}
	return 0;
}

int
engine_answered(const struct engine *e, size_t i)
{
	return answer_is_given(e->by_index[i]);
}

size_t
engine_next(const struct engine *e, size_t i)
{
	for (size_t k = i + 1; k < e->q->question_count; k++)
		if (e->shown[k])
			return k;
	return e->q->question_count;
}

size_t
engine_prev(const struct engine *e, size_t i)
{
	for (size_t k = i; k-- > 0;)
		if (e->shown[k])
			return k;
	return e->q->question_count;
}

/* The setting that remembers where sessions on this assessment stopped. */
static char *
position_key(const struct engine *e)
{
	return xasprintf("position %s %d", e->a->country, e->a->cycle);
}

int
engine_init(struct engine *e, struct store *store, const struct questionnaire *q,
	    struct assessment *a, const char *lang, const char *assessor, struct error *err)
{
	char *key;
	char *where = NULL;

	memset(e, 0, sizeof(*e));
	e->store = store;
	e->q = q;
	e->a = a;
	e->lang = lang;
	e->assessor = assessor;
	e->by_index = xcalloc(q->question_count + 1, sizeof(*e->by_index));
	e->shown = xcalloc(q->question_count + 1, 1);
	e->disputed = xcalloc(q->question_count + 1, 1);
	if (reload(e, err) < 0)
		return -1;
	e->cur = q->question_count;
	for (size_t i = 0; i < q->question_count; i++)
		if (e->shown[i] && !engine_answered(e, i)) {
			e->cur = i;
			break;
		}
	/* where the last session stopped, when that question is still shown */
	key = position_key(e);
	if (a->id && store_setting_get(store, key, &where, err) == 0) {
		const struct question *qu = questionnaire_find_question(q, where);

		if (qu && e->shown[qu - q->questions])
			e->cur = (size_t)(qu - q->questions);
	}
	free(where);
	free(key);
	return 0;
}

void
engine_release(struct engine *e)
{
	answer_set_release(&e->answers);
	free(e->by_index);
	free(e->shown);
	free(e->disputed);
	meeting_release(&e->meeting);
	memset(e, 0, sizeof(*e));
}

void
engine_save_position(struct engine *e)
{
	char *key;
	struct error err = {0};

	if (e->a->id == 0 || e->cur >= e->q->question_count)
		return;
	key = position_key(e);
	/* a place to start from is a convenience: failing to keep it is no
	 * reason to fail the session */
	(void)store_setting_set(e->store, key, e->q->questions[e->cur].id, &err);
	free(key);
}

struct engine_progress
engine_progress(const struct engine *e)
{
	struct engine_progress p = {0};

	for (size_t i = 0; i < e->q->question_count; i++) {
		if (e->by_index[i] && e->by_index[i]->flagged)
			p.flagged++;
		if (!e->shown[i]) {
			p.hidden_answers += engine_answered(e, i);
			continue;
		}
		p.shown++;
		if (i <= e->cur && i < e->q->question_count)
			p.position++;
		if (engine_answered(e, i))
			p.answered++;
		else if (i < e->cur)
			p.skipped++;
		else
			p.remaining++;
	}
	return p;
}

/* The answers with question i's replaced, for working out visibility. */
struct what_if {
	const struct engine *e;
	size_t question;
	enum answer_state state;
	const char *value;
};

static void
lookup_what_if(void *ctx, size_t question, struct cond_answer *out)
{
	const struct what_if *w = ctx;

	if (question == w->question) {
		out->state = w->state;
		out->value = w->value;
		return;
	}
	lookup((void *)(uintptr_t)w->e, question, out);
}

size_t
engine_would_hide(const struct engine *e, size_t i, enum answer_state state, const char *value,
		  size_t *hidden)
{
	struct what_if w = {e, i, state, value};
	unsigned char *shown = xcalloc(e->q->question_count + 1, 1);
	size_t n = 0;

	questionnaire_visibility(e->q, lookup_what_if, &w, shown);
	for (size_t k = 0; k < e->q->question_count; k++)
		if (e->shown[k] && !shown[k] && engine_answered(e, k))
			hidden[n++] = k;
	free(shown);
	return n;
}

/* ---- changes ----------------------------------------------------------- */

int
engine_commit(struct engine *e, struct answer_change *c, enum engine_saved *saved,
	      struct error *err)
{
	struct error fail = {0};
	int r;

	if (e->meeting.id)
		c->meeting = &e->meeting;
	r = store_answers_change(e->store, e->a, c, 1, e->assessor, &fail);
	if (r < 0) {
		snprintf(e->last_error, sizeof(e->last_error), "%s", fail.message);
		e->unsaved++;
		*saved = ENGINE_NOT_SAVED;
		return 0;
	}
	*saved = r > 0 ? ENGINE_SAVED : ENGINE_UNCHANGED;
	return reload(e, err);
}

int
engine_changes_answer(const struct engine *e, enum answer_state state, const char *value)
{
	const struct answer *old = e->by_index[e->cur];

	return answer_is_given(old) &&
		(old->state != state || (value && old->value && strcmp(old->value, value) != 0));
}

int
engine_answer(struct engine *e, enum answer_state state, const char *value, const char *reason,
	      enum engine_saved *saved, struct error *err)
{
	struct answer_change c = {0};

	c.question_id = e->q->questions[e->cur].id;
	c.set_answer = 1;
	c.state = state;
	c.value = value;
	c.reason = reason;
	return engine_commit(e, &c, saved, err);
}

int
engine_set_text(struct engine *e, int evidence, const char *text, enum engine_saved *saved,
		struct error *err)
{
	struct answer_change c = {0};

	c.question_id = e->q->questions[e->cur].id;
	c.set_evidence = evidence;
	c.evidence = text;
	c.set_comment = !evidence;
	c.comment = text;
	return engine_commit(e, &c, saved, err);
}

int
engine_toggle_flag(struct engine *e, enum engine_saved *saved, struct error *err)
{
	const struct answer *w = e->by_index[e->cur];
	struct answer_change c = {0};

	c.question_id = e->q->questions[e->cur].id;
	c.set_flag = 1;
	c.flagged = !(w && w->flagged);
	return engine_commit(e, &c, saved, err);
}

int
engine_attachments(const struct engine *e, size_t i, struct attachment **out, size_t *count,
		   struct error *err)
{
	struct attachment *all = NULL;
	size_t n = 0;

	*out = NULL;
	*count = 0;
	if (e->a->id == 0)
		return 0;
	if (store_attachments_load(e->store, e->a->id, 0, &all, &n, err) < 0)
		return -1;
	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t k = 0; k < n; k++) {
		if (strcmp(all[k].question_id, e->q->questions[i].id) == 0) {
			(*out)[(*count)++] = all[k];
			memset(&all[k], 0, sizeof(all[k]));
		}
	}
	attachments_release(all, n);
	return 0;
}

/* A refusal the session goes on after. */
static int
refused(struct engine *e, const char *message, enum engine_saved *saved)
{
	snprintf(e->last_error, sizeof(e->last_error), "%.500s", message);
	*saved = ENGINE_REFUSED;
	return 0;
}

int
engine_attach(struct engine *e, const char *path, enum engine_saved *saved, struct error *err)
{
	struct error fail = {0};
	unsigned char *data = NULL;
	size_t size = 0;
	char *name = NULL;
	int r;

	if (attachment_read(path, &data, &size, &name, &fail) < 0) {
		char message[500];

		snprintf(message, sizeof(message), "%.200s: %.290s", path, fail.message);
		return refused(e, message, saved);
	}
	r = engine_attach_data(e, name, data, size, saved, err);
	free(data);
	free(name);
	return r;
}

int
engine_attach_data(struct engine *e, const char *name, const unsigned char *data, size_t size,
		   enum engine_saved *saved, struct error *err)
{
	struct error fail = {0};
	char id[ATTACHMENT_ID_SIZE];

	/* the store refuses an empty file, one too big and a name not
	 * acceptable, with the reason */
	if (store_attachment_add(e->store, e->a, e->q->questions[e->cur].id, name, data, size,
				 e->meeting.id ? &e->meeting : NULL, NULL, e->assessor, id,
				 &fail) < 0)
		return refused(e, fail.message, saved);
	*saved = ENGINE_SAVED;
	return reload(e, err);
}

char *
engine_evidence_without(const char *evidence, size_t n)
{
	char *out = xstrdup("");
	size_t k = 0;
	int found = 0;

	for (const char *p = evidence; *p;) {
		size_t len = strcspn(p, "\n");

		if (++k == n) {
			found = 1;
		} else {
			char *more = xasprintf("%s%s%.*s", out, *out ? "\n" : "", (int)len, p);

			free(out);
			out = more;
		}
		p += len + (p[len] == '\n');
	}
	if (!found) {
		free(out);
		return NULL;
	}
	return out;
}

int
engine_detach(struct engine *e, size_t n, enum engine_saved *saved, struct error *err)
{
	struct attachment *list = NULL;
	size_t count = 0;
	struct error fail = {0};
	int r;

	if (engine_attachments(e, e->cur, &list, &count, err) < 0)
		return -1;
	if (n < 1 || n > count) {
		attachments_release(list, count);
		return refused(e, i18n(e->lang, MSG_NO_ATTACHMENT), saved);
	}
	r = store_attachment_remove(e->store, e->a, list[n - 1].id,
				    e->meeting.id ? &e->meeting : NULL, NULL, e->assessor, &fail);
	attachments_release(list, count);
	if (r < 0)
		return refused(e, fail.message, saved);
	*saved = ENGINE_SAVED;
	return reload(e, err);
}

/* ---- moving ------------------------------------------------------------ */

int
engine_go_id(struct engine *e, const char *id)
{
	const struct question *qu = questionnaire_find_question(e->q, id);

	for (size_t i = 0; qu == NULL && i < e->q->question_count; i++)
		if (strcasecmp(e->q->questions[i].id, id) == 0)
			qu = &e->q->questions[i];
	if (qu == NULL)
		return -1;
	if (!e->shown[qu - e->q->questions])
		return -2;
	e->cur = (size_t)(qu - e->q->questions);
	return 0;
}

int
engine_go_pillar(struct engine *e, size_t k)
{
	for (size_t i = 0; k >= 1 && k <= e->q->pillar_count && i < e->q->question_count; i++)
		if (e->q->questions[i].pillar == k - 1 && e->shown[i]) {
			e->cur = i;
			return 0;
		}
	return -1;
}

size_t
engine_number(const struct engine *e, size_t i)
{
	size_t n = 0;

	if (i >= e->q->question_count || !e->shown[i])
		return 0;
	for (size_t k = 0; k <= i; k++)
		n += e->shown[k];
	return n;
}

size_t
engine_numbered(const struct engine *e, size_t n)
{
	for (size_t k = 0; k < e->q->question_count && n > 0; k++)
		if (e->shown[k] && --n == 0)
			return k;
	return e->q->question_count;
}

size_t
engine_find(const struct engine *e, enum engine_find what)
{
	size_t count = e->q->question_count;

	for (size_t step = 1; step <= count; step++) {
		size_t k = (e->cur + step) % (count + 1);

		if (k == count || !e->shown[k])
			continue;
		if ((what == ENGINE_UNANSWERED && !engine_answered(e, k)) ||
		    (what == ENGINE_FLAGGED && e->by_index[k] && e->by_index[k]->flagged) ||
		    (what == ENGINE_DISPUTED && e->disputed[k]))
			return k;
	}
	return count;
}

/* ---- findings ---------------------------------------------------------- */

long
engine_pillar_named(const struct questionnaire *q, const char *k)
{
	char *end;
	long n;

	for (size_t p = 0; p < q->pillar_count; p++)
		if (strcasecmp(q->pillars[p].id, k) == 0)
			return (long)p;
	if (!isdigit((unsigned char)*k))
		return -1;
	n = strtol(k, &end, 10);
	return *end == '\0' && n >= 1 && (size_t)n <= q->pillar_count ? n - 1 : -1;
}

int
engine_finding(const struct engine *e, const char *pillar, char **text, struct error *err)
{
	struct finding *list = NULL;
	size_t n = 0;

	*text = NULL;
	if (e->a->id && store_findings_load(e->store, e->a->id, &list, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n && *text == NULL; i++)
		if (strcmp(list[i].pillar, pillar) == 0)
			*text = xstrdup(list[i].text);
	if (*text == NULL)
		*text = xstrdup("");
	store_findings_release(list, n);
	return 0;
}

int
engine_set_finding(struct engine *e, const char *pillar, const char *text, enum engine_saved *saved,
		   struct error *err)
{
	struct error fail = {0};
	int r = store_finding_set(e->store, e->a, pillar, text, e->assessor, &fail);

	if (r < 0) {
		snprintf(e->last_error, sizeof(e->last_error), "%s", fail.message);
		e->unsaved++;
		*saved = ENGINE_NOT_SAVED;
		return 0;
	}
	*saved = r > 0 ? ENGINE_SAVED : ENGINE_UNCHANGED;
	return reload(e, err);
}

/* ---- meetings ---------------------------------------------------------- */

/* Whether s has the shape of a date, YYYY-MM-DD (what the user meant as
 * one, to be checked as a date). */
static int
looks_like_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return s[10] == '\0';
}

/* Check a meeting's date (a day of the calendar, from 2000, not after
 * today) and its people (balanced parentheses, no empty role between
 * semicolons); 0, or -1 with the reason in message. */
static int
check_meeting(const struct engine *e, const struct meeting *m, const char *today, char *message,
	      size_t size)
{
	int depth = 0;
	const char *role = m->people;

	if (answer_check_date(m->met_on, e->lang, message, size) < 0)
		return -1;
	if (strcmp(m->met_on, "2000-01-01") < 0 || strcmp(m->met_on, today) > 0) {
		snprintf(message, size, "%s: %s", m->met_on, i18n(e->lang, MSG_MEETING_DATE));
		return -1;
	}
	for (const char *p = m->people;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth < 0)
			break;
		if (*p == ';' || *p == '\0') {
			const char *q = role;

			while (q < p && isspace((unsigned char)*q))
				q++;
			if (q == p && *m->people) {
				snprintf(message, size, "%s", i18n(e->lang, MSG_MEETING_FORMAT));
				return -1;
			}
			role = p + 1;
		}
		if (*p == '\0')
			break;
	}
	if (depth != 0) {
		snprintf(message, size, "%s", i18n(e->lang, MSG_MEETING_FORMAT));
		return -1;
	}
	return 0;
}

static void
trim(char *t)
{
	size_t n = strlen(t);
	size_t k = strspn(t, " \t");

	while (n > k && isspace((unsigned char)t[n - 1]))
		t[--n] = '\0';
	memmove(t, t + k, n - k + 1);
}

/* A meeting named before whose organisation is org (any case), or whose
 * number in the list is org. Returns the index, or -1 (none) or -2
 * (several). */
static long
find_meeting(const struct meeting *list, size_t n, const char *org)
{
	char *end;
	long k = strtol(org, &end, 10);
	long found = -1;
	size_t matches = 0;

	if (*org && *end == '\0')
		return k >= 1 && (size_t)k <= n ? k - 1 : -1;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(list[i].organisation, org) == 0) {
			found = (long)i;
			matches++;
		}
	return matches > 1 ? -2 : found;
}

int
engine_meeting_parse(const struct engine *e, const char *arg, const struct meeting *list, size_t n,
		     struct meeting *m, size_t *index, char *message, size_t size)
{
	char *text = xstrdup(arg);
	char *comma;
	char id[16];
	char now[32];
	int status = -1;

	memset(m, 0, sizeof(*m));
	if (strchr(text, '\t') || answer_check_text(text, 2000, e->lang, message, size) < 0) {
		if (strchr(text, '\t'))
			snprintf(message, size, "%s", i18n(e->lang, MSG_MEETING_FORMAT));
		goto out;
	}
	comma = strchr(text, ',');
	if (comma == NULL) {
		long k;

		trim(text);
		k = find_meeting(list, n, text);
		if (k >= 0) {
			*index = (size_t)k;
			status = 1;
			goto out;
		}
		if (k == -2) {
			snprintf(message, size, "%s", i18n(e->lang, MSG_MEETING_AMBIGUOUS));
			status = -2;
			goto out;
		}
		m->people = xstrdup("");
	} else {
		char *date;

		*comma = '\0';
		m->people = xstrdup(comma + 1);
		trim(m->people);
		date = strrchr(m->people, ',');
		if (date != NULL) {
			trim(date + 1);
			if (looks_like_date(date + 1)) {
				m->met_on = xstrdup(date + 1);
				*date = '\0';
				trim(m->people);
			}
		} else if (looks_like_date(m->people)) {
			m->met_on = m->people;
			m->people = xstrdup("");
		}
	}
	trim(text);
	if (*text == '\0') {
		snprintf(message, size, "%s", i18n(e->lang, MSG_MEETING_FORMAT));
		goto out;
	}
	store_now(now, sizeof(now));
	m->organisation = xstrdup(text);
	if (m->met_on == NULL)
		m->met_on = xstrndup(now, 10);
	now[10] = '\0';
	if (check_meeting(e, m, now, message, size) < 0)
		goto out;
	store_now(now, sizeof(now));
	m->recorded_by = xstrdup(e->assessor);
	m->recorded_at = xstrdup(now);
	chain_meeting_id(e->a->country, e->a->cycle, m, id);
	m->id = xstrdup(id);
	status = 0;
out:
	if (status != 0)
		meeting_release(m);
	free(text);
	return status;
}

void
engine_use_meeting(struct engine *e, const struct meeting *m)
{
	meeting_copy(&e->meeting, m);
}
