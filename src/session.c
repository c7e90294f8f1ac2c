/* The interactive session: screens, commands and answers. */
#include "session.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "chain.h"
#include "editor.h"
#include "engine.h"
#include "exitcode.h"
#include "i18n.h"
#include "lineedit.h"
#include "term.h"
#include "xmalloc.h"

/* wrap at the width of the terminal (term_columns) */
#define WIDTH 0

/* The terminal front end: the engine holds the state and the rules. */
struct session {
	struct engine e;
	const struct session_options *o;
	const char *lang;
	struct line_reader *in;
	FILE *out;
};

/* ---- output ------------------------------------------------------------ */

static void
say(struct session *s, enum term_style style, const char *text)
{
	fputs(term_start(s->o->colour, style), s->out);
	term_print_wrapped(s->out, text, 0, WIDTH);
	fputs(term_end(s->o->colour), s->out);
}

static void
print_labelled(struct session *s, const char *label, const char *text)
{
	fprintf(s->out, "  %s%s:%s ", term_start(s->o->colour, TERM_DIM), label,
		term_end(s->o->colour));
	/* long text wraps under itself, at words; a line feed from outside
	 * shows as term.h says rather than starting a line */
	char *safe = term_safe(text);

	term_print_continued(s->out, safe, 2 + term_width(label) + 2, 4, WIDTH);
	free(safe);
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

			char *between = i18n_fill(s->lang, MSG_HINT_NUMBER_BETWEEN,
						  i18n_number(lo, qu->min, s->lang),
						  i18n_number(hi, qu->max, s->lang));

			snprintf(number, sizeof(number), "%s%s%s", between, qu->integer ? ", " : "",
				 qu->integer ? i18n(s->lang, MSG_WHOLE_NUMBERS) : "");
			free(between);
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

/* "ORG · PEOPLE · DATE" from column, wrapped under itself. */
static void
print_meeting_line(struct session *s, const struct meeting *m, int column)
{
	char *line = xasprintf("%s%s%s \u00b7 %s", m->organisation, *m->people ? " \u00b7 " : "",
			       m->people, m->met_on);
	char *safe = term_safe(line);

	term_print_continued(s->out, safe, column, column, WIDTH);
	free(safe);
	free(line);
}

/* "Meeting: ORG · PEOPLE · DATE" */
static void
print_meeting(struct session *s, enum term_style style)
{
	fprintf(s->out, "%s%s: ", term_start(s->o->colour, style), i18n(s->lang, MSG_MEETING));
	print_meeting_line(s, &s->e.meeting, term_width(i18n(s->lang, MSG_MEETING)) + 2);
	fputs(term_end(s->o->colour), s->out);
}

static void print_evidence(struct session *s, const char *evidence);

/* "N.M TEXT" (m > 0) or "N) TEXT" after indent spaces, TEXT wrapped under
 * itself; a line feed in TEXT shows as term.h says. */
static void
print_numbered(struct session *s, int indent, size_t n, size_t m, const char *text)
{
	char *prefix = m ? xasprintf("%*s%zu.%zu ", indent, "", n, m)
			 : xasprintf("%*s%zu) ", indent, "", n);
	char *safe = term_safe(text);

	fputs(prefix, s->out);
	term_print_continued(s->out, safe, (int)strlen(prefix), (int)strlen(prefix), WIDTH);
	free(safe);
	free(prefix);
}

/* The files attached to question i, numbered for :attach -N. */
static void
print_attachments(struct session *s, size_t i)
{
	struct attachment *list = NULL;
	size_t n = 0;
	struct error err = {0};

	if (engine_attachments(&s->e, i, &list, &n, &err) < 0 || n == 0) {
		attachments_release(list, n);
		return;
	}
	fprintf(s->out, "  %s%s:%s\n", term_start(s->o->colour, TERM_DIM),
		i18n(s->lang, MSG_ATTACHMENTS_LABEL), term_end(s->o->colour));
	for (size_t k = 0; k < n; k++) {
		char size[32];
		char *item;

		attachment_size_text(list[k].size, size, sizeof(size));
		item = xasprintf("%s (%s, %s, SHA-256 %.12s)", list[k].name, list[k].type, size,
				 list[k].sha256);
		print_numbered(s, 4, k + 1, 0, item);
		free(item);
	}
	attachments_release(list, n);
}

static void
show_question(struct session *s)
{
	const struct questionnaire *q = s->e.q;
	const struct question *qu = &q->questions[s->e.cur];
	const struct indicator *in = &q->indicators[qu->indicator];
	const struct pillar *pl = &q->pillars[qu->pillar];
	const struct answer *w = s->e.by_index[s->e.cur];
	struct engine_progress p = engine_progress(&s->e);

	fputc('\n', s->out);
	{
		char line[512];
		char n[2][24];
		char share[48];
		char *of;
		char *answered;

		snprintf(n[0], sizeof(n[0]), "%zu", qu->pillar + 1);
		snprintf(n[1], sizeof(n[1]), "%zu", q->pillar_count);
		of = i18n_fill(s->lang, MSG_PILLAR_OF, n[0], n[1]);
		snprintf(line, sizeof(line), "%s \u00b7 %s", of, text_get(&pl->title, s->lang));
		free(of);
		say(s, TERM_BOLD, line);
		snprintf(n[0], sizeof(n[0]), "%zu", p.position);
		snprintf(n[1], sizeof(n[1]), "%zu", p.shown);
		snprintf(share, sizeof(share), "%.0f%s",
			 p.shown ? 100.0 * (double)p.answered / (double)p.shown : 0.0,
			 i18n(s->lang, MSG_PERCENT));
		of = i18n_fill(s->lang, MSG_QUESTION_OF, n[0], n[1]);
		answered = i18n_fill(s->lang, MSG_SHARE_ANSWERED, share, NULL);
		snprintf(line, sizeof(line), "%s \u00b7 %s", of, answered);
		free(of);
		free(answered);
		say(s, TERM_DIM, line);
	}
	if (s->e.meeting.id)
		print_meeting(s, TERM_DIM);
	print_numbered(s, 2, qu->pillar + 1, qu->indicator - pl->first_indicator + 1,
		       text_get(&in->title, s->lang));
	fprintf(s->out, "%s%s%s\n", term_start(s->o->colour, TERM_BOLD), qu->id,
		term_end(s->o->colour));
	term_print_wrapped(s->out, text_get(&qu->text, s->lang), 2, WIDTH);
	if (qu->type == QUESTION_YESNO) {
		fprintf(s->out, "    1) %s\n    2) %s\n", i18n(s->lang, MSG_YES),
			i18n(s->lang, MSG_NO));
	} else {
		/* one numbering for every list, from 1, scales included */
		for (size_t k = 0; k < qu->choice_count; k++) {
			char prefix[32];
			char *label = term_safe(text_get(&qu->choices[k].label, s->lang));

			snprintf(prefix, sizeof(prefix), "    %zu) ", k + 1);
			fputs(prefix, s->out);
			term_print_continued(s->out, label, (int)strlen(prefix),
					     (int)strlen(prefix), WIDTH);
			free(label);
		}
	}
	print_hint(s, qu);
	if (answer_is_given(w)) {
		char *d = answer_describe(qu, w->state, w->value, s->lang);

		print_labelled(s, i18n(s->lang, MSG_CURRENT_ANSWER), d);
		free(d);
	}
	if (w && *w->evidence)
		print_evidence(s, w->evidence);
	if (w && *w->comment)
		print_labelled(s, i18n(s->lang, MSG_NOTE_LABEL), w->comment);
	print_attachments(s, s->e.cur);
	if (w && w->flagged)
		fprintf(s->out, "  [%s]\n", i18n(s->lang, MSG_FLAGGED));
}

static void
print_counts(struct session *s)
{
	struct engine_progress p = engine_progress(&s->e);
	const struct questionnaire *q = s->e.q;

	if (s->e.unsaved) {
		fprintf(s->out, "%s%s: %zu (", term_start(s->o->colour, TERM_ERROR),
			i18n(s->lang, MSG_NOT_SAVED_SUMMARY), s->e.unsaved);
		term_print_safe(s->out, s->e.last_error);
		fprintf(s->out, ")%s\n", term_end(s->o->colour));
	}
	{
		char n[5][24];
		const char *args[5];
		char *counts;
		char *line;

		snprintf(n[0], sizeof(n[0]), "%s %d", s->e.a->country, s->e.a->cycle);
		snprintf(n[1], sizeof(n[1]), "%zu", p.answered);
		snprintf(n[2], sizeof(n[2]), "%zu", p.skipped);
		snprintf(n[3], sizeof(n[3]), "%zu", p.remaining);
		snprintf(n[4], sizeof(n[4]), "%zu", p.shown);
		for (size_t i = 0; i < 5; i++)
			args[i] = n[i];
		counts = i18n_format(i18n(s->lang, MSG_COUNTS), args, 5);
		line = xasprintf("%s%s%s",
				 s->e.unsaved || s->e.a->id == 0 ? "" : i18n(s->lang, MSG_SAVED),
				 s->e.unsaved || s->e.a->id == 0 ? "" : " ", counts);
		free(counts);

		term_print_wrapped(s->out, line, 0, WIDTH);
		free(line);
	}
	if (s->e.a->id == 0)
		say(s, TERM_DIM, i18n(s->lang, MSG_NOTHING_RECORDED));
	if (p.skipped) {
		const char *sep = "";

		fprintf(s->out, "%s:", i18n(s->lang, MSG_SKIPPED_LIST));
		for (size_t i = 0; i < q->question_count && i < s->e.cur; i++)
			if (s->e.shown[i] && !engine_answered(&s->e, i)) {
				fprintf(s->out, "%s %s", sep, q->questions[i].id);
				sep = ",";
			}
		fputc('\n', s->out);
	}
	if (p.flagged) {
		const char *sep = "";

		fprintf(s->out, "%s:", i18n(s->lang, MSG_FLAGGED_LIST));
		for (size_t i = 0; i < q->question_count; i++)
			if (s->e.by_index[i] && s->e.by_index[i]->flagged) {
				fprintf(s->out, "%s %s", sep, q->questions[i].id);
				sep = ",";
			}
		fputc('\n', s->out);
	}
}

/* The end of the questionnaire is a state of its own: said once, with
 * what can be done from there. */
static void
show_end(struct session *s)
{
	struct engine_progress p = engine_progress(&s->e);

	fputc('\n', s->out);
	say(s, TERM_BOLD, i18n(s->lang, MSG_END));
	if (p.answered == p.shown)
		say(s, TERM_GOOD, i18n(s->lang, MSG_ALL_ANSWERED));
	say(s, TERM_DIM, i18n(s->lang, MSG_END_CHOICES));
}

static void
show_current(struct session *s)
{
	if (s->e.cur < s->e.q->question_count)
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

/* Say what became of a change: refused by the store is said at once. */
static void
print_saved(struct session *s, enum engine_saved saved)
{
	char message[700];

	if (saved != ENGINE_NOT_SAVED)
		return;
	snprintf(message, sizeof(message), "%s %s", i18n(s->lang, MSG_NOT_SAVED), s->e.last_error);
	print_error(s, message);
}

/* "✓ QID: TEXT · WHAT" (WHAT may be NULL), on a line of its own. */
static void
print_check(struct session *s, const char *id, const char *text, const char *what)
{
	char *line =
		xasprintf("\u2713 %s: %s%s%s", id, text, what ? " \u00b7 " : "", what ? what : "");
	char *safe = term_safe(line);

	fputs(term_start(s->o->colour, TERM_GOOD), s->out);
	term_print_continued(s->out, safe, 0, 2, WIDTH);
	fputs(term_end(s->o->colour), s->out);
	free(safe);
	free(line);
}

/* The line that confirms what was stored: "✓ L2: Regularly (level 2)". */
static void
confirm(struct session *s, size_t i, const char *what)
{
	const struct question *qu = &s->e.q->questions[i];
	const struct answer *w = s->e.by_index[i];
	char *d = w ? answer_describe(qu, w->state, w->value, s->lang) : xstrdup("");

	/* a level by its label and its level, not a number that could be its
	 * place in the list or its value: "Regularly (level 2)" */
	if (w && w->state == ANSWER_VALUE && qu->type == QUESTION_SCALE) {
		for (size_t k = 0; k < qu->choice_count; k++)
			if (strcmp(qu->choices[k].value, w->value) == 0) {
				free(d);
				d = i18n_fill(s->lang, MSG_LEVEL_OF,
					      text_get(&qu->choices[k].label, s->lang), w->value);
				break;
			}
	}

	print_check(s, qu->id, d, what);
	free(d);
}

/* Ask y/N on a line of its own; end of input is no. */
static int
ask(struct session *s, const char *question)
{
	char prompt[300];
	char *line;
	int yes;

	snprintf(prompt, sizeof(prompt), "%s [%s/N] ", question,
		 answer_keyword(s->lang, ANSWER_KEYWORD_YES));
	line = line_reader_get(s->in, prompt);
	/* yes in the session's language, or y */
	yes = line &&
		(answer_is_keyword(line, s->lang, ANSWER_KEYWORD_YES) ||
		 strcasecmp(line, "y") == 0);
	free(line);
	return yes;
}

/* ---- changes ----------------------------------------------------------- */

static int
answer_current(struct session *s, const char *line, struct error *err)
{
	struct engine *e = &s->e;
	const struct question *qu = &e->q->questions[e->cur];
	size_t here = e->cur;
	enum engine_saved saved;
	enum answer_state state;
	char *value = NULL;
	char *reason = NULL;
	char message[1024];
	size_t *hidden = xcalloc(e->q->question_count + 1, sizeof(*hidden));
	size_t nhidden;
	size_t shown_before;
	int r = 0;

	if (answer_parse(qu, line, s->lang, ANSWER_INPUT_TYPED, &state, &value, message,
			 sizeof(message)) < 0) {
		print_error(s, message);
		goto out;
	}
	/* answers that would no longer count are named, and the change
	 * confirmed */
	nhidden = engine_would_hide(e, here, state, value, hidden);
	if (nhidden) {
		say(s, TERM_ERROR, i18n(s->lang, MSG_WOULD_HIDE));
		for (size_t k = 0; k < nhidden; k++) {
			const struct question *h = &e->q->questions[hidden[k]];
			char *d = answer_describe(h, e->by_index[hidden[k]]->state,
						  e->by_index[hidden[k]]->value, s->lang);

			term_print_line(s->out, "    %s: %s", h->id, d);
			free(d);
		}
		if (!ask(s, i18n(s->lang, MSG_CONFIRM_HIDE))) {
			say(s, TERM_DIM, i18n(s->lang, MSG_NOT_CHANGED));
			goto out;
		}
	}
	if (engine_changes_answer(e, state, value)) {
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
		/* Ctrl-C at the reason cancels the change */
		if (reason == NULL && line_reader_ctrl_c(s->in)) {
			say(s, TERM_DIM, i18n(s->lang, MSG_NOT_CHANGED));
			goto out;
		}
	}
	shown_before = engine_progress(e).shown;
	r = engine_answer(e, state, value, reason, &saved, err);
	if (r < 0)
		goto out;
	print_saved(s, saved);
	if (saved != ENGINE_NOT_SAVED && engine_answered(e, here)) {
		size_t shown_after = engine_progress(e).shown;
		char change[128] = "";

		/* the count of questions moves only with a reason said */
		if (shown_after != shown_before) {
			char n[2][24];
			char *text;

			snprintf(n[0], sizeof(n[0]), "%zu", shown_before);
			snprintf(n[1], sizeof(n[1]), "%zu", shown_after);
			text = i18n_fill(s->lang, MSG_QUESTIONS_SHOWN_NOW, n[0], n[1]);
			snprintf(change, sizeof(change), "%s", text);
			free(text);
		}
		confirm(s, here, *change ? change : NULL);
		e->cur = engine_next(e, here);
		show_current(s);
	}
out:
	free(hidden);
	free(value);
	free(reason);
	return r;
}

/* :evidence and :note */
/* Evidence as a numbered list, an item a line. */
static void
print_evidence(struct session *s, const char *evidence)
{
	size_t k = 0;

	fprintf(s->out, "  %s%s:%s\n", term_start(s->o->colour, TERM_DIM),
		i18n(s->lang, MSG_EVIDENCE_LABEL), term_end(s->o->colour));
	for (const char *p = evidence; *p;) {
		size_t len = strcspn(p, "\n");
		char *item = xstrndup(p, len);
		char number[24];

		snprintf(number, sizeof(number), "    %zu) ", ++k);
		fputs(number, s->out);
		term_print_continued(s->out, item, (int)strlen(number), 7, WIDTH);
		free(item);
		p += len + (p[len] == '\n');
	}
}

/* :evidence TEXT adds an item, :evidence -N takes item N out, :evidence -
 * clears the list, :evidence alone shows it; :note TEXT sets the note. */
static int
set_text(struct session *s, int evidence, const char *text, struct error *err)
{
	const struct answer *w = s->e.by_index[s->e.cur];
	const char *now = w ? (evidence ? w->evidence : w->comment) : "";
	enum engine_saved saved;
	char message[256];
	char *value = NULL;
	int r;

	if (*text == '\0') {
		if (*now && evidence)
			print_evidence(s, now);
		else if (*now)
			print_labelled(s, i18n(s->lang, MSG_NOTE_LABEL), now);
		else
			say(s, TERM_DIM, i18n(s->lang, evidence ? MSG_NO_EVIDENCE : MSG_NO_NOTE));
		return 0;
	}
	if (strcmp(text, "-") == 0) {
		value = xstrdup("");
	} else if (evidence && text[0] == '-' && isdigit((unsigned char)text[1])) {
		char *end;
		unsigned long n = strtoul(text + 1, &end, 10);

		value = *end == '\0' ? engine_evidence_without(now, n) : NULL;
		if (value == NULL) {
			print_error(s, i18n(s->lang, MSG_NO_EVIDENCE_ITEM));
			return 0;
		}
	} else {
		if (answer_check_text(text, ANSWER_TEXT_MAX, s->lang, message, sizeof(message)) <
		    0) {
			print_error(s, message);
			return 0;
		}
		value = evidence && *now ? xasprintf("%s\n%s", now, text) : xstrdup(text);
		if (strlen(value) > ANSWER_TEXT_MAX) {
			print_error(s, i18n(s->lang, MSG_EVIDENCE_FULL));
			free(value);
			return 0;
		}
	}
	r = engine_set_text(&s->e, evidence, value, &saved, err);
	free(value);
	if (r < 0)
		return -1;
	if (saved == ENGINE_NOT_SAVED) {
		print_saved(s, saved);
		return 0;
	}
	say(s, TERM_DIM,
	    i18n(s->lang,
		 saved == ENGINE_UNCHANGED ? MSG_UNCHANGED
			 : evidence	   ? MSG_EVIDENCE_SAVED
					   : MSG_NOTE_SAVED));
	w = s->e.by_index[s->e.cur];
	if (evidence && w && *w->evidence)
		print_evidence(s, w->evidence);
	return 0;
}

static int
toggle_flag(struct session *s, struct error *err)
{
	enum engine_saved saved;
	const struct answer *w;

	if (engine_toggle_flag(&s->e, &saved, err) < 0)
		return -1;
	print_saved(s, saved);
	w = s->e.by_index[s->e.cur];
	if (saved == ENGINE_SAVED)
		say(s, TERM_DIM, i18n(s->lang, w && w->flagged ? MSG_FLAG_SET : MSG_FLAG_CLEARED));
	return 0;
}

/* One row of :list: number, id, the start of the question, its status
 * and answer. */
static void
list_row(struct session *s, size_t i)
{
	const struct question *qu = &s->e.q->questions[i];
	const struct answer *w = s->e.by_index[i];
	size_t n = engine_number(&s->e, i);
	char number[24] = "";
	char *d = answer_is_given(w) ? answer_describe(qu, w->state, w->value, s->lang) : NULL;
	char *safe = d ? term_safe(d) : NULL;
	char *rest;
	int column;

	if (n)
		snprintf(number, sizeof(number), "%zu", n);
	fprintf(s->out, "  %c %4s ", i == s->e.cur ? '>' : ' ', number);
	/* an id wider than its column pushes its answer along */
	column = 9 + term_print_padded(s->out, qu->id, 8) + 1;
	fputc(' ', s->out);
	if (!s->e.shown[i])
		rest = xasprintf("(%s)%s%s", i18n(s->lang, MSG_HIDDEN), safe ? " " : "",
				 safe ? safe : "");
	else
		rest = xasprintf("%s%s%s%s%s%s%s%s%s%s",
				 safe ? safe : i18n(s->lang, MSG_NOT_ANSWERED),
				 w && *w->evidence ? "  [" : "",
				 w && *w->evidence ? i18n(s->lang, MSG_EVIDENCE_LABEL) : "",
				 w && *w->evidence ? "]" : "", w && w->flagged ? "  [" : "",
				 w && w->flagged ? i18n(s->lang, MSG_FLAGGED) : "",
				 w && w->flagged ? "]" : "", s->e.disputed[i] ? "  [" : "",
				 s->e.disputed[i] ? i18n(s->lang, MSG_DISPUTED_MARK) : "",
				 s->e.disputed[i] ? "]" : "");
	/* the answer wraps under itself, after the number and the id */
	term_print_continued(s->out, rest, column, 18, WIDTH);
	free(rest);
	free(safe);
	free(d);
}

/* :list and :review: this pillar, pillar K, or all. */
/* :attach PATH, :attach -N, and :attach alone to list them */
static int
attach(struct session *s, const char *arg, struct error *err)
{
	enum engine_saved saved;
	char *end = NULL;
	long n = *arg == '-' ? strtol(arg + 1, &end, 10) : 0;
	int r;

	if (*arg == '\0') {
		print_attachments(s, s->e.cur);
		return 0;
	}
	if (*arg == '-' && arg[1] && end && *end == '\0')
		r = engine_detach(&s->e, (size_t)(n > 0 ? n : 0), &saved, err);
	else
		r = engine_attach(&s->e, arg, &saved, err);
	if (r < 0)
		return -1;
	if (saved == ENGINE_REFUSED) {
		print_error(s, s->e.last_error);
		return 0;
	}
	if (saved == ENGINE_NOT_SAVED) {
		print_saved(s, saved);
		return 0;
	}
	if (*arg == '-') {
		say(s, TERM_DIM, i18n(s->lang, MSG_ATTACHMENT_REMOVED));
	} else {
		const char *slash = strrchr(arg, '/');

		print_check(s, s->e.q->questions[s->e.cur].id, slash ? slash + 1 : arg,
			    i18n(s->lang, MSG_ATTACHED));
	}
	print_attachments(s, s->e.cur);
	return 0;
}

/* The error for a pillar that does not exist, with the numbers there are. */
static void
no_pillar(struct session *s)
{
	char count[24];
	char *text;

	snprintf(count, sizeof(count), "%zu", s->e.q->pillar_count);
	text = i18n_fill(s->lang, MSG_NO_PILLAR, count, NULL);
	fprintf(s->out, "%s%s%s\n", term_start(s->o->colour, TERM_ERROR), text,
		term_end(s->o->colour));
	free(text);
}

static void
review(struct session *s, const char *arg)
{
	const struct questionnaire *q = s->e.q;
	size_t pillar =
		s->e.cur < q->question_count ? q->questions[s->e.cur].pillar : q->pillar_count - 1;
	int all = strcmp(arg, "all") == 0;
	char title[256];

	if (*arg && !all) {
		char *end;
		long k = strtol(arg, &end, 10);

		if (*end || k < 1 || (size_t)k > q->pillar_count) {
			no_pillar(s);
			return;
		}
		pillar = (size_t)k - 1;
	}
	for (size_t p = all ? 0 : pillar; p < q->pillar_count && (all || p == pillar); p++) {
		snprintf(title, sizeof(title), "%s \u00b7 %zu. %s",
			 i18n(s->lang, all ? MSG_ALL_QUESTIONS : MSG_REVIEW_TITLE), p + 1,
			 text_get(&q->pillars[p].title, s->lang));
		say(s, TERM_BOLD, title);
		for (size_t i = 0; i < q->question_count; i++)
			if (q->questions[i].pillar == p)
				list_row(s, i);
	}
}

/* :finding edits the executive summary, :finding K the findings on
 * pillar K (its number or id), in the assessor's editor; an empty text
 * removes them. */
static int
finding(struct session *s, const char *arg, struct error *err)
{
	const struct questionnaire *q = s->e.q;
	const char *command = editor_command();
	const char *pillar = "";
	char label[300];
	char reason[400];
	char *current = NULL;
	char *start = NULL;
	char *edited = NULL;
	char *text = NULL;
	struct error fail = {0};
	enum engine_saved saved;
	size_t size = 0;
	long line = 0;
	int r = 0;

	if (*arg) {
		long p = engine_pillar_named(q, arg);

		if (p < 0) {
			no_pillar(s);
			return 0;
		}
		pillar = q->pillars[p].id;
		char number[24];
		char *said;

		snprintf(number, sizeof(number), "%ld", p + 1);
		said = i18n_fill(s->lang, MSG_FINDING_PILLAR, number,
				 text_get(&q->pillars[p].title, s->lang));
		snprintf(label, sizeof(label), "%s", said);
		free(said);
	} else {
		snprintf(label, sizeof(label), "%s", i18n(s->lang, MSG_FINDING_SUMMARY));
	}
	if (command == NULL) {
		print_error(s, i18n(s->lang, MSG_FINDING_NO_EDITOR));
		return 0;
	}
	if (engine_finding(&s->e, pillar, &current, err) < 0)
		return -1;
	start = *current ? xasprintf("%s\n", current) : xstrdup("");
	if (editor_edit(command, start, 1 << 20, &edited, &size, &fail) < 0) {
		char *said = i18n_fill(s->lang, MSG_FINDING_NOT_RECORDED, fail.message, NULL);

		print_error(s, said);
		free(said);
		goto out;
	}
	if (chain_finding_text(edited, size, s->lang, &text, &line, reason, sizeof(reason)) < 0) {
		char number[24];
		char *said;

		snprintf(number, sizeof(number), "%ld", line);
		said = line > 0 ? i18n_fill(s->lang, MSG_FINDING_LINE, number, reason)
				: i18n_fill(s->lang, MSG_FINDING_NOT_RECORDED, reason, NULL);
		print_error(s, said);
		free(said);
		goto out;
	}
	if (strcmp(text, current) == 0) {
		say(s, TERM_DIM, i18n(s->lang, MSG_FINDING_UNCHANGED));
		goto out;
	}
	r = engine_set_finding(&s->e, pillar, text, &saved, err);
	if (r < 0)
		goto out;
	if (saved == ENGINE_NOT_SAVED)
		print_saved(s, saved);
	else if (saved == ENGINE_UNCHANGED)
		say(s, TERM_DIM, i18n(s->lang, MSG_FINDING_UNCHANGED));
	else
		print_check(s, label,
			    i18n(s->lang, *text ? MSG_FINDING_SAVED : MSG_FINDING_REMOVED), NULL);
out:
	free(current);
	free(start);
	free(edited);
	free(text);
	return r;
}

static void
go_to(struct session *s, const char *id)
{
	static const struct {
		const char *word;
		enum engine_find what;
		enum msg none;
	} kinds[] = {
		{"unanswered", ENGINE_UNANSWERED, MSG_NO_UNANSWERED},
		{"flagged", ENGINE_FLAGGED, MSG_NO_FLAGGED},
		{"disputed", ENGINE_DISPUTED, MSG_NO_DISPUTED},
	};
	char *end;
	unsigned long n = strtoul(id, &end, 10);
	int r;

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strcmp(id, kinds[k].word) == 0) {
			size_t i = engine_find(&s->e, kinds[k].what);

			if (i >= s->e.q->question_count) {
				say(s, TERM_DIM, i18n(s->lang, kinds[k].none));
				return;
			}
			s->e.cur = i;
			show_current(s);
			return;
		}
	if (*id && *end == '\0') {
		size_t i = engine_numbered(&s->e, n);

		if (i >= s->e.q->question_count) {
			print_error(s, i18n(s->lang, MSG_UNKNOWN_QUESTION));
			return;
		}
		s->e.cur = i;
		show_current(s);
		return;
	}
	r = engine_go_id(&s->e, id);

	if (r == -1) {
		print_error(s, i18n(s->lang, MSG_UNKNOWN_QUESTION));
	} else if (r == -2) {
		const struct question *qu = questionnaire_find_question(s->e.q, id);
		char *message = i18n_fill(s->lang, MSG_HIDDEN_QUESTION,
					  qu ? qu->condition_source : "", NULL);

		print_error(s, message);
		free(message);
	} else {
		show_current(s);
	}
}

static void
go_to_pillar(struct session *s, const char *arg)
{
	char *end;
	long k = strtol(arg, &end, 10);

	if (*arg && *end == '\0' && k >= 1 && engine_go_pillar(&s->e, (size_t)k) == 0) {
		show_current(s);
		return;
	}
	no_pillar(s);
}

static void
go_back(struct session *s)
{
	size_t k = engine_prev(&s->e, s->e.cur);

	if (k < s->e.q->question_count) {
		s->e.cur = k;
		show_current(s);
		return;
	}
	say(s, TERM_DIM, i18n(s->lang, MSG_FIRST_QUESTION));
}

/* ---- meetings ---------------------------------------------------------- */

static void
list_meetings(struct session *s, const struct meeting *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *number = xasprintf("  %zu) ", i + 1);

		fputs(number, s->out);
		print_meeting_line(s, &list[i], (int)strlen(number));
		free(number);
	}
}

static void
use_meeting(struct session *s, const struct meeting *m)
{
	engine_use_meeting(&s->e, m);
	print_meeting(s, TERM_GOOD);
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
	size_t k = 0;
	int r;

	if (s->e.a->id && store_meetings_load(s->e.store, s->e.a->id, &list, &n, &e) < 0) {
		print_error(s, e.message);
		goto out;
	}
	if (*arg == '\0') {
		if (s->e.meeting.id)
			print_meeting(s, TERM_PLAIN);
		else
			say(s, TERM_DIM, i18n(s->lang, MSG_NO_MEETING));
		if (n) {
			say(s, TERM_DIM, i18n(s->lang, MSG_MEETING_KNOWN));
			list_meetings(s, list, n);
		}
		goto out;
	}
	if (strcmp(arg, "-") == 0) {
		engine_use_meeting(&s->e, NULL);
		say(s, TERM_DIM, i18n(s->lang, MSG_MEETING_ENDED));
		goto out;
	}
	r = engine_meeting_parse(&s->e, arg, list, n, &m, &k, message, sizeof(message));
	if (r == 1)
		use_meeting(s, &list[k]);
	else if (r == 0)
		use_meeting(s, &m);
	else
		print_error(s, message);
	if (r == -2)
		list_meetings(s, list, n);
out:
	meeting_release(&m);
	for (size_t i = 0; i < n; i++)
		meeting_release(&list[i]);
	free(list);
}

/* Act on one line; returns 1 to end the session, 0 to go on, -1 when the
 * store failed. */
static int
handle(struct session *s, char *line, struct error *err)
{
	const struct questionnaire *q = s->e.q;
	int at_end = s->e.cur >= q->question_count;
	char *arg;
	char *p = line;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		/* Enter keeps an answer there is and moves on */
		if (!at_end && engine_answered(&s->e, s->e.cur)) {
			confirm(s, s->e.cur, i18n(s->lang, MSG_KEPT));
			s->e.cur = engine_next(&s->e, s->e.cur);
			show_current(s);
		} else {
			say(s, TERM_DIM, i18n(s->lang, MSG_HINT));
		}
		return 0;
	}
	if (strcmp(p, "?") == 0) {
		if (at_end)
			print_error(s, i18n(s->lang, MSG_NO_QUESTION_HERE));
		else if (q->questions[s->e.cur].help.count)
			term_print_wrapped(s->out, text_get(&q->questions[s->e.cur].help, s->lang),
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
	if (strcmp(p, ":review") == 0 || strcmp(p, ":list") == 0) {
		review(s, arg);
		return 0;
	}
	if (strcmp(p, ":next-unanswered") == 0) {
		go_to(s, "unanswered");
		return 0;
	}
	if (strcmp(p, ":with") == 0) {
		with_meeting(s, arg);
		return 0;
	}
	if (strcmp(p, ":finding") == 0)
		return finding(s, arg, err);
	if (at_end &&
	    (strcmp(p, ":skip") == 0 || strcmp(p, ":evidence") == 0 || strcmp(p, ":note") == 0 ||
	     strcmp(p, ":flag") == 0 || strcmp(p, ":attach") == 0)) {
		print_error(s, i18n(s->lang, MSG_NO_QUESTION_HERE));
		return 0;
	}
	if (strcmp(p, ":skip") == 0) {
		s->e.cur = engine_next(&s->e, s->e.cur);
		show_current(s);
		return 0;
	}
	if (strcmp(p, ":evidence") == 0)
		return set_text(s, 1, arg, err);
	if (strcmp(p, ":note") == 0)
		return set_text(s, 0, arg, err);
	if (strcmp(p, ":flag") == 0)
		return toggle_flag(s, err);
	if (strcmp(p, ":attach") == 0)
		return attach(s, arg, err);
	print_error(s, i18n(s->lang, MSG_UNKNOWN_COMMAND));
	return 0;
}

int
session_run(struct store *store, const struct questionnaire *q, struct assessment *a,
	    const struct session_options *o, struct error *err)
{
	struct session s = {0};
	int status = 0;

	s.o = o;
	s.lang = o->lang;
	s.out = stdout;
	if (engine_init(&s.e, store, q, a, o->lang, o->assessor, err) < 0) {
		engine_release(&s.e);
		return -1;
	}
	s.in = line_reader_new(o->interactive);
	line_reader_catch_interrupt();
	if (a->id == 0)
		say(&s, TERM_BOLD, i18n(s.lang, MSG_NEW_ASSESSMENT));
	say(&s, TERM_DIM, i18n(s.lang, MSG_HINT));
	show_current(&s);
	for (int ctrl_c = 0;;) {
		char prompt[80];
		char *line;
		int r;

		snprintf(prompt, sizeof(prompt), "%s> ",
			 s.e.cur < q->question_count ? q->questions[s.e.cur].id
						     : i18n(s.lang, MSG_END_PROMPT));
		line = line_reader_get(s.in, prompt);
		if (line == NULL && line_reader_ctrl_c(s.in) && !ctrl_c++) {
			/* once on an empty line: say how to stop; twice stops */
			say(&s, TERM_DIM, i18n(s.lang, MSG_CTRL_C_AGAIN));
			continue;
		}
		if (line == NULL)
			break;
		ctrl_c = 0;
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
	engine_save_position(&s.e);
	if (line_reader_interrupted() || line_reader_ctrl_c(s.in))
		say(&s, TERM_DIM, i18n(s.lang, MSG_INTERRUPTED));
	fputc('\n', s.out);
	print_counts(&s);
	term_print_line(s.out, "%s: %s", i18n(s.lang, MSG_RESUME), o->resume_command);
	line_reader_free(s.in);
	if (status == 0 && s.e.unsaved) {
		error_set(err, EXIT_IO, "not everything was saved: %zu change%s failed (%s)",
			  s.e.unsaved, s.e.unsaved == 1 ? "" : "s", s.e.last_error);
		status = -1;
	}
	engine_release(&s.e);
	return status;
}
