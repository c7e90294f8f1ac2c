/* The interactive session: screens, commands and answers. */
#include "session.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "chain.h"
#include "exitcode.h"
#include "i18n.h"
#include "lineedit.h"
#include "term.h"
#include "xmalloc.h"

#define WIDTH 78

struct session {
	struct store *store;
	const struct questionnaire *q;
	struct assessment *a;
	const struct session_options *o;
	const char *lang;
	struct answer_set answers;
	struct answer **by_index; /* the answer to question i, or NULL */
	unsigned char *shown;
	size_t cur; /* the current question; q->question_count is the end */
	struct line_reader *in;
	FILE *out;
	struct meeting meeting; /* the meeting in progress; id NULL when none */
	size_t unsaved;		/* changes the store refused */
	char last_error[512];
};

/* ---- state ------------------------------------------------------------- */

static void
lookup(void *ctx, size_t question, struct cond_answer *out)
{
	const struct session *s = ctx;
	const struct answer *w = s->by_index[question];

	out->state = w ? w->state : ANSWER_NONE;
	out->value = w ? w->value : NULL;
}

/* Read the answers back from the store and work out what is shown. */
static int
reload(struct session *s, struct error *err)
{
	answer_set_release(&s->answers);
	if (store_answers_load(s->store, s->a->id, &s->answers, err) < 0)
		return -1;
	for (size_t i = 0; i < s->q->question_count; i++)
		s->by_index[i] = answer_set_find(&s->answers, s->q->questions[i].id);
	questionnaire_visibility(s->q, lookup, s, s->shown);
	return 0;
}

static int
is_answered(const struct session *s, size_t i)
{
	return answer_is_given(s->by_index[i]);
}

/* The next question shown after i (q->question_count when none). */
static size_t
next_shown(const struct session *s, size_t i)
{
	for (size_t k = i + 1; k < s->q->question_count; k++)
		if (s->shown[k])
			return k;
	return s->q->question_count;
}

struct progress {
	size_t shown;
	size_t answered;
	size_t position; /* of cur among the questions shown, from 1 */
	size_t skipped;	 /* unanswered before cur */
	size_t remaining;
	size_t flagged;
};

static struct progress
progress(const struct session *s)
{
	struct progress p = {0};

	for (size_t i = 0; i < s->q->question_count; i++) {
		if (s->by_index[i] && s->by_index[i]->flagged)
			p.flagged++;
		if (!s->shown[i])
			continue;
		p.shown++;
		if (i <= s->cur && i < s->q->question_count)
			p.position++;
		if (is_answered(s, i))
			p.answered++;
		else if (i < s->cur)
			p.skipped++;
		else
			p.remaining++;
	}
	return p;
}

/* ---- output ------------------------------------------------------------ */

static void
say(struct session *s, enum term_style style, const char *text)
{
	fputs(term_start(s->o->colour, style), s->out);
	term_print_safe(s->out, text);
	fprintf(s->out, "%s\n", term_end(s->o->colour));
}

static void
print_labelled(struct session *s, const char *label, const char *text)
{
	fprintf(s->out, "  %s%s:%s ", term_start(s->o->colour, TERM_DIM), label,
		term_end(s->o->colour));
	term_print_safe(s->out, text);
	fputc('\n', s->out);
}

/* Append text to the hint in buf, after a separator when buf has some. */
static void
hint_add(char *buf, size_t size, const char *text)
{
	size_t n = strlen(buf);

	snprintf(buf + n, size - n, "%s%s", n ? " \u00b7 " : "", text);
}

/* The hint under a question: required, evidence, and how to answer. */
static void
print_hint(struct session *s, const struct question *qu)
{
	char hint[512] = "";

	if (qu->required)
		hint_add(hint, sizeof(hint), i18n(s->lang, MSG_REQUIRED));
	if (qu->evidence)
		hint_add(hint, sizeof(hint), i18n(s->lang, MSG_EVIDENCE_EXPECTED));
	switch (qu->type) {
	case QUESTION_MULTI:
		hint_add(hint, sizeof(hint), i18n(s->lang, MSG_HINT_MULTI));
		break;
	case QUESTION_NUMBER: {
		char number[160];

		if (qu->has_min && qu->has_max) {
			char lo[I18N_NUMBER_SIZE];
			char hi[I18N_NUMBER_SIZE];

			snprintf(number, sizeof(number), "%s %s %s %s %s%s%s",
				 i18n(s->lang, MSG_HINT_NUMBER), i18n(s->lang, MSG_BETWEEN),
				 i18n_number(lo, qu->min, s->lang), i18n(s->lang, MSG_AND),
				 i18n_number(hi, qu->max, s->lang), qu->integer ? ", " : "",
				 qu->integer ? i18n(s->lang, MSG_WHOLE_NUMBERS) : "");
		} else
			snprintf(number, sizeof(number), "%s%s%s", i18n(s->lang, MSG_HINT_NUMBER),
				 qu->integer ? ", " : "",
				 qu->integer ? i18n(s->lang, MSG_WHOLE_NUMBERS) : "");
		hint_add(hint, sizeof(hint), number);
		break;
	}
	case QUESTION_DATE:
		hint_add(hint, sizeof(hint), i18n(s->lang, MSG_HINT_DATE));
		break;
	case QUESTION_TEXT:
		hint_add(hint, sizeof(hint), i18n(s->lang, MSG_HINT_TEXT));
		break;
	default:
		break;
	}
	if (*hint)
		fprintf(s->out, "  %s(%s)%s\n", term_start(s->o->colour, TERM_DIM), hint,
			term_end(s->o->colour));
}

/* "Meeting: ORG · PEOPLE · DATE" */
static void
print_meeting(struct session *s, enum term_style style)
{
	fprintf(s->out, "%s%s: ", term_start(s->o->colour, style), i18n(s->lang, MSG_MEETING));
	term_print_safe(s->out, s->meeting.organisation);
	if (*s->meeting.people) {
		fputs(" \u00b7 ", s->out);
		term_print_safe(s->out, s->meeting.people);
	}
	fprintf(s->out, " \u00b7 %s%s\n", s->meeting.met_on, term_end(s->o->colour));
}

static void
show_question(struct session *s)
{
	const struct questionnaire *q = s->q;
	const struct question *qu = &q->questions[s->cur];
	const struct indicator *in = &q->indicators[qu->indicator];
	const struct pillar *pl = &q->pillars[qu->pillar];
	const struct answer *w = s->by_index[s->cur];
	struct progress p = progress(s);
	char line[512];

	fputc('\n', s->out);
	snprintf(line, sizeof(line), "%s %zu %s %zu \u00b7 %s", i18n(s->lang, MSG_PILLAR),
		 qu->pillar + 1, i18n(s->lang, MSG_OF), q->pillar_count,
		 text_get(&pl->title, s->lang));
	say(s, TERM_BOLD, line);
	snprintf(line, sizeof(line), "%s %zu %s %zu \u00b7 %.0f%s %s", i18n(s->lang, MSG_QUESTION),
		 p.position, i18n(s->lang, MSG_OF), p.shown,
		 p.shown ? 100.0 * (double)p.answered / (double)p.shown : 0.0,
		 i18n(s->lang, MSG_PERCENT), i18n(s->lang, MSG_ANSWERED));
	say(s, TERM_DIM, line);
	if (s->meeting.id)
		print_meeting(s, TERM_DIM);
	term_print_line(s->out, "  %zu.%zu %s", qu->pillar + 1,
			qu->indicator - pl->first_indicator + 1, text_get(&in->title, s->lang));
	fprintf(s->out, "%s%s%s\n", term_start(s->o->colour, TERM_BOLD), qu->id,
		term_end(s->o->colour));
	term_print_wrapped(s->out, text_get(&qu->text, s->lang), 2, WIDTH);
	if (qu->type == QUESTION_YESNO) {
		fprintf(s->out, "    1) %s\n    2) %s\n", i18n(s->lang, MSG_YES),
			i18n(s->lang, MSG_NO));
	} else {
		for (size_t k = 0; k < qu->choice_count; k++)
			term_print_line(s->out, "    %zu) %s",
					qu->type == QUESTION_SCALE ? k : k + 1,
					text_get(&qu->choices[k].label, s->lang));
	}
	print_hint(s, qu);
	if (answer_is_given(w)) {
		char *d = answer_describe(qu, w->state, w->value, s->lang);

		print_labelled(s, i18n(s->lang, MSG_CURRENT_ANSWER), d);
		free(d);
	}
	if (w && *w->evidence)
		print_labelled(s, i18n(s->lang, MSG_EVIDENCE_LABEL), w->evidence);
	if (w && *w->comment)
		print_labelled(s, i18n(s->lang, MSG_NOTE_LABEL), w->comment);
	if (w && w->flagged)
		fprintf(s->out, "  [%s]\n", i18n(s->lang, MSG_FLAGGED));
}

static void
print_counts(struct session *s)
{
	struct progress p = progress(s);

	if (s->unsaved) {
		fprintf(s->out, "%s%s: %zu (", term_start(s->o->colour, TERM_ERROR),
			i18n(s->lang, MSG_NOT_SAVED_SUMMARY), s->unsaved);
		term_print_safe(s->out, s->last_error);
		fprintf(s->out, ")%s\n", term_end(s->o->colour));
	}
	fprintf(s->out, "%s%s%s %d: %zu %s, %zu %s, %zu %s %s %zu %s.\n",
		s->unsaved || s->a->id == 0 ? "" : i18n(s->lang, MSG_SAVED),
		s->unsaved || s->a->id == 0 ? "" : " ", s->a->country, s->a->cycle, p.answered,
		i18n(s->lang, MSG_ANSWERED), p.skipped, i18n(s->lang, MSG_SKIPPED), p.remaining,
		i18n(s->lang, MSG_REMAINING), i18n(s->lang, MSG_OF), p.shown,
		i18n(s->lang, MSG_QUESTIONS_SHOWN));
	if (s->a->id == 0)
		say(s, TERM_DIM, i18n(s->lang, MSG_NOTHING_RECORDED));
	if (p.flagged) {
		const char *sep = "";

		fprintf(s->out, "%s:", i18n(s->lang, MSG_FLAGGED_LIST));
		for (size_t i = 0; i < s->q->question_count; i++)
			if (s->by_index[i] && s->by_index[i]->flagged) {
				fprintf(s->out, "%s %s", sep, s->q->questions[i].id);
				sep = ",";
			}
		fputc('\n', s->out);
	}
}

static void
show_end(struct session *s)
{
	struct progress p = progress(s);

	fputc('\n', s->out);
	say(s, TERM_BOLD, i18n(s->lang, MSG_END));
	if (p.answered == p.shown)
		say(s, TERM_GOOD, i18n(s->lang, MSG_ALL_ANSWERED));
	print_counts(s);
}

static void
show_current(struct session *s)
{
	if (s->cur < s->q->question_count)
		show_question(s);
	else
		show_end(s);
}

static void
print_error(struct session *s, const char *message)
{
	fputs(term_start(s->o->colour, TERM_ERROR), s->out);
	term_print_safe(s->out, message);
	fprintf(s->out, "%s\n", term_end(s->o->colour));
}

/* ---- changes ----------------------------------------------------------- */

/* Commit one change and read the answers back; on failure say why and
 * keep going (nothing was saved), unless the store cannot go on. */
static int
commit(struct session *s, struct answer_change *c, int *changed, struct error *err)
{
	struct error e = {0};
	int r;

	if (s->meeting.id)
		c->meeting = &s->meeting;
	r = store_answers_change(s->store, s->a, c, 1, s->o->assessor, &e);
	if (r < 0) {
		char message[700];

		snprintf(message, sizeof(message), "%s %s", i18n(s->lang, MSG_NOT_SAVED),
			 e.message);
		print_error(s, message);
		snprintf(s->last_error, sizeof(s->last_error), "%s", e.message);
		s->unsaved++;
		*changed = 0;
		return 0;
	}
	*changed = r;
	return reload(s, err);
}

static int
answer_current(struct session *s, const char *line, struct error *err)
{
	const struct question *qu = &s->q->questions[s->cur];
	const struct answer *old = s->by_index[s->cur];
	struct answer_change c = {0};
	enum answer_state state;
	char *value = NULL;
	char *reason = NULL;
	char message[256];
	int changed;
	int r;

	if (answer_parse(qu, line, s->lang, ANSWER_INPUT_TYPED, &state, &value, message,
			 sizeof(message)) < 0) {
		print_error(s, message);
		return 0;
	}
	if (answer_is_given(old) &&
	    (old->state != state || (value && old->value && strcmp(old->value, value) != 0))) {
		char prompt[256];

		snprintf(prompt, sizeof(prompt), "%s> ", i18n(s->lang, MSG_REASON_PROMPT));
		for (;;) {
			reason = line_reader_get(s->in, prompt);
			if (reason == NULL ||
			    answer_check_text(reason, 2000, s->lang, message, sizeof(message)) == 0)
				break;
			print_error(s, message);
			free(reason);
		}
	}
	c.question_id = qu->id;
	c.set_answer = 1;
	c.state = state;
	c.value = value;
	c.reason = reason;
	r = commit(s, &c, &changed, err);
	free(value);
	free(reason);
	if (r < 0)
		return -1;
	if (changed || answer_is_given(s->by_index[s->cur])) {
		s->cur = next_shown(s, s->cur);
		show_current(s);
	}
	return 0;
}

/* :evidence and :note */
static int
set_text(struct session *s, int evidence, const char *text, struct error *err)
{
	const struct answer *w = s->by_index[s->cur];
	struct answer_change c = {0};
	char message[256];
	int changed;

	if (*text == '\0') {
		const char *now = w ? (evidence ? w->evidence : w->comment) : "";

		if (*now)
			print_labelled(
				s, i18n(s->lang, evidence ? MSG_EVIDENCE_LABEL : MSG_NOTE_LABEL),
				now);
		else
			say(s, TERM_DIM, i18n(s->lang, evidence ? MSG_NO_EVIDENCE : MSG_NO_NOTE));
		return 0;
	}
	if (strcmp(text, "-") == 0)
		text = "";
	if (answer_check_text(text, ANSWER_TEXT_MAX, s->lang, message, sizeof(message)) < 0) {
		print_error(s, message);
		return 0;
	}
	c.question_id = s->q->questions[s->cur].id;
	c.set_evidence = evidence;
	c.evidence = text;
	c.set_comment = !evidence;
	c.comment = text;
	if (commit(s, &c, &changed, err) < 0)
		return -1;
	say(s, TERM_DIM,
	    i18n(s->lang,
		 !changed	    ? MSG_UNCHANGED
			 : evidence ? MSG_EVIDENCE_SAVED
				    : MSG_NOTE_SAVED));
	return 0;
}

static int
toggle_flag(struct session *s, struct error *err)
{
	const struct answer *w = s->by_index[s->cur];
	struct answer_change c = {0};
	int changed;

	c.question_id = s->q->questions[s->cur].id;
	c.set_flag = 1;
	c.flagged = !(w && w->flagged);
	if (commit(s, &c, &changed, err) < 0)
		return -1;
	if (changed)
		say(s, TERM_DIM, i18n(s->lang, c.flagged ? MSG_FLAG_SET : MSG_FLAG_CLEARED));
	return 0;
}

static void
review(struct session *s)
{
	size_t pillar = s->cur < s->q->question_count ? s->q->questions[s->cur].pillar
						      : s->q->pillar_count - 1;
	const struct pillar *pl = &s->q->pillars[pillar];
	char title[256];

	snprintf(title, sizeof(title), "%s \u00b7 %s", i18n(s->lang, MSG_REVIEW_TITLE),
		 text_get(&pl->title, s->lang));
	say(s, TERM_BOLD, title);
	for (size_t i = 0; i < s->q->question_count; i++) {
		const struct question *qu = &s->q->questions[i];
		const struct answer *w = s->by_index[i];

		if (qu->pillar != pillar)
			continue;
		fprintf(s->out, "  %c %-8s ", i == s->cur ? '>' : ' ', qu->id);
		if (!s->shown[i]) {
			fprintf(s->out, "(%s)\n", i18n(s->lang, MSG_HIDDEN));
			continue;
		}
		if (!answer_is_given(w)) {
			fprintf(s->out, "%s", i18n(s->lang, MSG_NOT_ANSWERED));
		} else {
			char *d = answer_describe(qu, w->state, w->value, s->lang);

			term_print_safe(s->out, d);
			free(d);
		}
		if (w && *w->evidence)
			fprintf(s->out, "  [%s]", i18n(s->lang, MSG_EVIDENCE_LABEL));
		if (w && w->flagged)
			fprintf(s->out, "  [%s]", i18n(s->lang, MSG_FLAGGED));
		fputc('\n', s->out);
	}
}

static void
go_to(struct session *s, const char *id)
{
	const struct question *qu = questionnaire_find_question(s->q, id);

	for (size_t i = 0; qu == NULL && i < s->q->question_count; i++)
		if (strcasecmp(s->q->questions[i].id, id) == 0)
			qu = &s->q->questions[i];
	if (qu == NULL) {
		print_error(s, i18n(s->lang, MSG_UNKNOWN_QUESTION));
		return;
	}
	if (!s->shown[qu - s->q->questions]) {
		char message[1400];

		snprintf(message, sizeof(message), "%s %s", i18n(s->lang, MSG_HIDDEN_QUESTION),
			 qu->condition_source);
		print_error(s, message);
		return;
	}
	s->cur = (size_t)(qu - s->q->questions);
	show_current(s);
}

static void
go_to_pillar(struct session *s, const char *arg)
{
	char *end;
	long k = strtol(arg, &end, 10);

	if (*arg && *end == '\0' && k >= 1 && (size_t)k <= s->q->pillar_count) {
		for (size_t i = 0; i < s->q->question_count; i++)
			if (s->q->questions[i].pillar == (size_t)k - 1 && s->shown[i]) {
				s->cur = i;
				show_current(s);
				return;
			}
	}
	fprintf(s->out, "%s%s 1-%zu%s\n", term_start(s->o->colour, TERM_ERROR),
		i18n(s->lang, MSG_NO_PILLAR), s->q->pillar_count, term_end(s->o->colour));
}

static void
go_back(struct session *s)
{
	for (size_t k = s->cur; k-- > 0;)
		if (s->shown[k]) {
			s->cur = k;
			show_current(s);
			return;
		}
	say(s, TERM_DIM, i18n(s->lang, MSG_FIRST_QUESTION));
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
check_meeting(const struct session *s, const struct meeting *m, const char *today, char *message,
	      size_t size)
{
	int depth = 0;
	const char *role = m->people;

	if (answer_check_date(m->met_on, s->lang, message, size) < 0)
		return -1;
	if (strcmp(m->met_on, "2000-01-01") < 0 || strcmp(m->met_on, today) > 0) {
		snprintf(message, size, "%s: %s", m->met_on, i18n(s->lang, MSG_MEETING_DATE));
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
				snprintf(message, size, "%s", i18n(s->lang, MSG_MEETING_FORMAT));
				return -1;
			}
			role = p + 1;
		}
		if (*p == '\0')
			break;
	}
	if (depth != 0) {
		snprintf(message, size, "%s", i18n(s->lang, MSG_MEETING_FORMAT));
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

static void
list_meetings(struct session *s, const struct meeting *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(s->out, "  %zu) ", i + 1);
		term_print_safe(s->out, list[i].organisation);
		if (*list[i].people) {
			fputs(" \u00b7 ", s->out);
			term_print_safe(s->out, list[i].people);
		}
		fprintf(s->out, " \u00b7 %s\n", list[i].met_on);
	}
}

static void
use_meeting(struct session *s, const struct meeting *m)
{
	meeting_release(&s->meeting);
	s->meeting.id = xstrdup(m->id);
	s->meeting.organisation = xstrdup(m->organisation);
	s->meeting.people = xstrdup(m->people);
	s->meeting.met_on = xstrdup(m->met_on);
	s->meeting.recorded_by = xstrdup(m->recorded_by);
	s->meeting.recorded_at = xstrdup(m->recorded_at);
	print_meeting(s, TERM_GOOD);
}

/* A meeting named before whose organisation is org (any case), or whose
 * number in the list is org; prints the candidates when several match.
 * Returns the index, or -1 (none) or -2 (several). */
static long
find_meeting(struct session *s, const struct meeting *list, size_t n, const char *org)
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
	if (matches > 1) {
		say(s, TERM_ERROR, i18n(s->lang, MSG_MEETING_AMBIGUOUS));
		list_meetings(s, list, n);
		return -2;
	}
	return found;
}

/* :with — name the meeting in progress, take up one named before, end it
 * (-), or show it. A new meeting is recorded with the first change made
 * in it. */
static void
with_meeting(struct session *s, const char *arg)
{
	struct meeting *list = NULL;
	size_t n = 0;
	struct error e = {0};
	struct meeting m = {0};
	char message[256];
	char *text = xstrdup(arg);
	char *comma;
	char id[16];
	char now[32];
	long k;

	if (s->a->id && store_meetings_load(s->store, s->a->id, &list, &n, &e) < 0) {
		print_error(s, e.message);
		goto out;
	}
	if (*text == '\0') {
		if (s->meeting.id)
			print_meeting(s, TERM_PLAIN);
		else
			say(s, TERM_DIM, i18n(s->lang, MSG_NO_MEETING));
		if (n) {
			say(s, TERM_DIM, i18n(s->lang, MSG_MEETING_KNOWN));
			list_meetings(s, list, n);
		}
		goto out;
	}
	if (strcmp(text, "-") == 0) {
		meeting_release(&s->meeting);
		say(s, TERM_DIM, i18n(s->lang, MSG_MEETING_ENDED));
		goto out;
	}
	if (strchr(text, '\t') ||
	    answer_check_text(text, 2000, s->lang, message, sizeof(message)) < 0) {
		print_error(s, strchr(text, '\t') ? i18n(s->lang, MSG_MEETING_FORMAT) : message);
		goto out;
	}
	comma = strchr(text, ',');
	if (comma == NULL) {
		trim(text);
		k = find_meeting(s, list, n, text);
		if (k >= 0) {
			use_meeting(s, &list[k]);
			goto out;
		}
		if (k == -2)
			goto out;
		m.people = xstrdup("");
	} else {
		char *date;

		*comma = '\0';
		m.people = xstrdup(comma + 1);
		trim(m.people);
		date = strrchr(m.people, ',');
		if (date != NULL) {
			trim(date + 1);
			if (looks_like_date(date + 1)) {
				m.met_on = xstrdup(date + 1);
				*date = '\0';
				trim(m.people);
			}
		} else if (looks_like_date(m.people)) {
			m.met_on = m.people;
			m.people = xstrdup("");
		}
	}
	trim(text);
	if (*text == '\0') {
		print_error(s, i18n(s->lang, MSG_MEETING_FORMAT));
		goto out;
	}
	store_now(now, sizeof(now));
	m.organisation = xstrdup(text);
	if (m.met_on == NULL)
		m.met_on = xstrndup(now, 10);
	now[10] = '\0';
	if (check_meeting(s, &m, now, message, sizeof(message)) < 0) {
		print_error(s, message);
		goto out;
	}
	store_now(now, sizeof(now));
	m.recorded_by = xstrdup(s->o->assessor);
	m.recorded_at = xstrdup(now);
	chain_meeting_id(s->a->country, s->a->cycle, &m, id);
	m.id = xstrdup(id);
	use_meeting(s, &m);
out:
	meeting_release(&m);
	for (size_t i = 0; i < n; i++)
		meeting_release(&list[i]);
	free(list);
	free(text);
}

/* Act on one line; returns 1 to end the session, 0 to go on, -1 when the
 * store failed. */
static int
handle(struct session *s, char *line, struct error *err)
{
	int at_end = s->cur >= s->q->question_count;
	char *arg;
	char *p = line;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		say(s, TERM_DIM, i18n(s->lang, MSG_HINT));
		return 0;
	}
	if (strcmp(p, "?") == 0) {
		if (at_end)
			print_error(s, i18n(s->lang, MSG_NO_QUESTION_HERE));
		else if (s->q->questions[s->cur].help.count)
			term_print_wrapped(s->out, text_get(&s->q->questions[s->cur].help, s->lang),
					   2, WIDTH);
		else
			say(s, TERM_DIM, i18n(s->lang, MSG_NO_HELP));
		return 0;
	}
	if (*p != ':') {
		if (at_end) {
			print_error(s, i18n(s->lang, MSG_NO_QUESTION_HERE));
			return 0;
		}
		return answer_current(s, p, err);
	}
	arg = p + strcspn(p, " \t");
	if (*arg) {
		*arg++ = '\0';
		while (isspace((unsigned char)*arg))
			arg++;
		for (size_t n = strlen(arg); n > 0 && isspace((unsigned char)arg[n - 1]); n--)
			arg[n - 1] = '\0';
	}
	if (strcmp(p, ":quit") == 0 || strcmp(p, ":q") == 0)
		return 1;
	if (strcmp(p, ":help") == 0) {
		fputs(i18n(s->lang, MSG_COMMANDS_HELP), s->out);
		return 0;
	}
	if (strcmp(p, ":back") == 0) {
		go_back(s);
		return 0;
	}
	if (strcmp(p, ":goto") == 0) {
		go_to(s, arg);
		return 0;
	}
	if (strcmp(p, ":pillar") == 0) {
		go_to_pillar(s, arg);
		return 0;
	}
	if (strcmp(p, ":review") == 0) {
		review(s);
		return 0;
	}
	if (strcmp(p, ":with") == 0) {
		with_meeting(s, arg);
		return 0;
	}
	if (at_end &&
	    (strcmp(p, ":skip") == 0 || strcmp(p, ":evidence") == 0 || strcmp(p, ":note") == 0 ||
	     strcmp(p, ":flag") == 0)) {
		print_error(s, i18n(s->lang, MSG_NO_QUESTION_HERE));
		return 0;
	}
	if (strcmp(p, ":skip") == 0) {
		s->cur = next_shown(s, s->cur);
		show_current(s);
		return 0;
	}
	if (strcmp(p, ":evidence") == 0)
		return set_text(s, 1, arg, err);
	if (strcmp(p, ":note") == 0)
		return set_text(s, 0, arg, err);
	if (strcmp(p, ":flag") == 0)
		return toggle_flag(s, err);
	print_error(s, i18n(s->lang, MSG_UNKNOWN_COMMAND));
	return 0;
}

int
session_run(struct store *store, const struct questionnaire *q, struct assessment *a,
	    const struct session_options *o, struct error *err)
{
	struct session s = {0};
	int status = 0;

	s.store = store;
	s.q = q;
	s.a = a;
	s.o = o;
	s.lang = o->lang;
	s.out = stdout;
	s.by_index = xcalloc(q->question_count, sizeof(*s.by_index));
	s.shown = xcalloc(q->question_count, 1);
	if (reload(&s, err) < 0) {
		status = -1;
		goto out;
	}
	s.cur = q->question_count;
	for (size_t i = 0; i < q->question_count; i++)
		if (s.shown[i] && !is_answered(&s, i)) {
			s.cur = i;
			break;
		}
	s.in = line_reader_new(o->interactive);
	line_reader_catch_interrupt();
	if (a->id == 0)
		say(&s, TERM_BOLD, i18n(s.lang, MSG_NEW_ASSESSMENT));
	say(&s, TERM_DIM, i18n(s.lang, MSG_HINT));
	show_current(&s);
	for (;;) {
		char prompt[80];
		char *line;
		int r;

		snprintf(prompt, sizeof(prompt), "%s> ",
			 s.cur < q->question_count ? q->questions[s.cur].id : "");
		line = line_reader_get(s.in, prompt);
		if (line == NULL)
			break;
		r = handle(&s, line, err);
		free(line);
		if (r < 0) {
			status = -1;
			break;
		}
		if (r > 0)
			break;
		fflush(s.out);
	}
	if (line_reader_interrupted())
		say(&s, TERM_DIM, i18n(s.lang, MSG_INTERRUPTED));
	fputc('\n', s.out);
	print_counts(&s);
	term_print_line(s.out, "%s: %s", i18n(s.lang, MSG_RESUME), o->resume_command);
	line_reader_free(s.in);
	if (status == 0 && s.unsaved) {
		error_set(err, EXIT_IO, "not everything was saved: %zu change%s failed (%s)",
			  s.unsaved, s.unsaved == 1 ? "" : "s", s.last_error);
		status = -1;
	}
out:
	meeting_release(&s.meeting);
	answer_set_release(&s.answers);
	free(s.by_index);
	free(s.shown);
	return status;
}
