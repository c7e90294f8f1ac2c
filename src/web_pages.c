/* The pages of the web front end (web_internal.h): the assessments, an
 * assessment's pillars and questions with one in focus, findings,
 * conflicts, a question's history, the score, and the downloads. Every
 * change goes through the session engine (engine.h), exactly as in the
 * terminal: it is committed before the page says it is saved, and the
 * assessment is held for writing as `cirt run` holds it. Every text from
 * the questionnaire, the database or the request goes out through
 * html_text. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "country.h"
#include "engine.h"
#include "exitcode.h"
#include "file.h"
#include "i18n.h"
#include "score.h"
#include "score_kept.h"
#include "store.h"
#include "web_assets.h"
#include "web_internal.h"
#include "xmalloc.h"

/* The interface's languages, with their names in themselves. */
static const struct {
	const char *code;
	const char *name;
} languages[] = {
	{"en", "English"},
	{"fr", "Fran\u00e7ais"},
	{"es", "Espa\u00f1ol"},
	{"ru", "\u0420\u0443\u0441\u0441\u043a\u0438\u0439"},
	{"ar", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"},
	{"zh", "\u4e2d\u6587"},
};

#define T(m) i18n(r->lang, (m))

/* ---- the frame of every page ------------------------------------------- */

static void
page_start(struct web_server *s, const struct web_request *r, struct html *h, const char *title)
{
	int rtl = strcmp(r->lang, "ar") == 0;

	html_rawf(h, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">",
		  r->lang, rtl ? "rtl" : "ltr");
	html_raw(h,
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<title>");
	html_text(h, title);
	html_raw(h,
		 " \u00b7 cirt</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
		 "<script src=\"/static/app.js\" defer></script></head><body>"
		 "<a class=\"skip\" href=\"#main\">");
	html_text(h, T(MSG_W_SKIP));
	html_raw(h,
		 "</a><header class=\"top\"><a class=\"brand\" href=\"/\">cirt</a> <span "
		 "class=\"where\">");
	html_text(h, s->ctx->db_path);
	html_raw(h, " \u00b7 ");
	html_text(h, T(MSG_RECORDING_AS));
	html_raw(h, ": ");
	html_text(h, s->ctx->assessor);
	html_raw(h, "</span><nav class=\"langs\" aria-label=\"");
	html_text(h, T(MSG_W_LANGUAGE));
	html_raw(h, "\">");
	for (size_t i = 0; i < sizeof(languages) / sizeof(languages[0]); i++) {
		if (!i18n_has(languages[i].code))
			continue;
		html_rawf(h, "<a lang=\"%s\" href=\"?lang=%s\"%s>", languages[i].code,
			  languages[i].code,
			  strcmp(languages[i].code, r->lang) == 0 ? " aria-current=\"true\"" : "");
		html_text(h, languages[i].name);
		html_raw(h, "</a> ");
	}
	html_raw(h, "</nav></header><main id=\"main\">");
}

static void
page_end(struct html *h, struct web_response *out)
{
	html_raw(h, "</main></body></html>\n");
	out->body = html_take(h, &out->len);
}

/* A form that changes something: POST to action, with the CSRF token. */
static void
form_start(const struct web_request *r, struct html *h, const char *action, const char *extra)
{
	html_raw(h, "<form method=\"post\" action=\"");
	html_text(h, action);
	html_raw(h, "\"");
	if (extra)
		html_raw(h, extra);
	html_raw(h, "><input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->csrf);
	html_raw(h, "\">");
}

static void
message_box(struct html *h, const char *kind, const char *text)
{
	html_rawf(h, "<p class=\"msg %s\" role=\"%s\">", kind,
		  strcmp(kind, "ok") == 0 ? "status" : "alert");
	html_text(h, text);
	html_raw(h, "</p>");
}

static void
simple_page(struct web_server *s, const struct web_request *r, struct web_response *out, int status,
	    const char *text)
{
	struct html h = {0};

	page_start(s, r, &h, text);
	message_box(&h, "error", text);
	html_raw(&h, "<p><a href=\"/\">");
	html_text(&h, T(MSG_W_ASSESSMENTS));
	html_raw(&h, "</a></p>");
	page_end(&h, out);
	out->status = status;
}

/* A table's start, its head with these column titles, and its body's
 * start. */
static void
table_head(struct html *h, const char *lang, const char *class, const enum msg *titles, size_t n)
{
	html_rawf(h, "<table class=\"%s\"><thead><tr>", class);
	for (size_t i = 0; i < n; i++) {
		html_raw(h, "<th scope=\"col\">");
		html_text(h, i18n(lang, titles[i]));
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead><tbody>");
}

/* A time the store keeps (UTC, 2026-11-22T10:15:03.120Z) as people read
 * it: "2026-11-22 10:15" (with seconds, "10:15:03"), in a <time>
 * element that keeps the exact value. */
static void
html_time(struct html *h, const char *iso, int seconds)
{
	size_t len = iso ? strlen(iso) : 0;

	html_raw(h, "<time datetime=\"");
	html_text(h, iso);
	html_raw(h, "\">");
	if (len >= 16 && iso[10] == 'T') {
		html_textn(h, iso, 10);
		html_raw(h, " ");
		html_textn(h, iso + 11, seconds && len >= 19 ? 8 : 5);
		html_raw(h, " UTC");
	} else {
		html_text(h, iso);
	}
	html_raw(h, "</time>");
}

static void
redirect(struct web_response *out, int status, char *location)
{
	out->status = status;
	out->location = location;
}

/* ---- the assessment a request names ------------------------------------- */

static struct web_work *
work_find(struct web_server *s, const char *country, int cycle, int create)
{
	for (size_t i = 0; i < s->work_count; i++)
		if (strcmp(s->work[i].country, country) == 0 && s->work[i].cycle == cycle)
			return &s->work[i];
	if (!create)
		return NULL;
	s->work = xreallocarray(s->work, s->work_count + 1, sizeof(*s->work));
	struct web_work *w = &s->work[s->work_count++];

	memset(w, 0, sizeof(*w));
	snprintf(w->country, sizeof(w->country), "%s", country);
	w->cycle = cycle;
	return w;
}

void
web_give_back_idle(struct web_server *s, double now)
{
	for (size_t i = 0; i < s->work_count; i++) {
		struct web_work *w = &s->work[i];

		if (w->claimed && now - w->used > WEB_CLAIM_IDLE) {
			store_writer_give(s->ctx->store, w->country, w->cycle);
			w->claimed = 0;
		}
	}
}

void
web_release(struct web_server *s)
{
	for (size_t i = 0; i < s->work_count; i++) {
		if (s->work[i].claimed)
			store_writer_give(s->ctx->store, s->work[i].country, s->work[i].cycle);
		meeting_release(&s->work[i].meeting);
	}
	free(s->work);
	s->work = NULL;
	s->work_count = 0;
}

/* What a page on one assessment works with. */
struct page {
	struct web_server *s;
	const struct web_request *r;
	const struct country *country;
	struct assessment a;
	struct web_work *work;
	struct engine e;
	int engine_ready;
	int writable;
	char held[600]; /* why it is not writable */
	char base[32];	/* "/a/CC/YEAR" */
};

/* Open the assessment of country code cc and cycle text for page p:
 * 0, or a status (404, 409, 500) with the page already made in out. */
static int
page_open(struct page *p, struct web_server *s, const struct web_request *r, const char *cc,
	  const char *cycle_text, struct web_response *out)
{
	const struct questionnaire *q = s->ctx->questionnaire;
	struct error err = {0};
	char *end;
	long cycle = strtol(cycle_text, &end, 10);
	int found;

	memset(p, 0, sizeof(*p));
	p->s = s;
	p->r = r;
	p->country = strlen(cc) == 2 ? country_find(cc) : NULL;
	if (p->country == NULL || *end || end == cycle_text || cycle < 2000 ||
	    cycle > cmd_current_year() + 1) {
		simple_page(s, r, out, 404, T(MSG_W_NOT_FOUND));
		return 404;
	}
	snprintf(p->base, sizeof(p->base), "/a/%s/%ld", p->country->alpha2, cycle);
	found = store_assessment_get(s->ctx->store, p->country->alpha2, (int)cycle, &p->a, &err);
	if (found < 0) {
		simple_page(s, r, out, 500, err.message);
		return 500;
	}
	/* one stored, or one started here and not recorded yet; else none */
	p->work = work_find(s, p->country->alpha2, (int)cycle, found == 0);
	if (p->work == NULL) {
		simple_page(s, r, out, 404, T(MSG_W_NOT_FOUND));
		return 404;
	}
	p->work->used = s->now;
	if (found == 1) {
		store_assessment_new(&p->a, p->country->alpha2, (int)cycle, q->id, q->version,
				     q->sha256);
	} else if (strcmp(p->a.questionnaire_id, q->id) != 0) {
		char *text =
			i18n_fill(r->lang, MSG_W_OTHER_QUESTIONNAIRE, p->a.questionnaire_id, q->id);

		simple_page(s, r, out, 409, text);
		free(text);
		assessment_release(&p->a);
		return 409;
	}
	/* the one-writer rule: held here, or by whoever holds it */
	if (p->a.final) {
		snprintf(p->held, sizeof(p->held), "%s", T(MSG_W_FINAL));
	} else if (!p->work->claimed) {
		struct store_writer held = {0};
		int t = store_writer_take(s->ctx->store, p->a.country, p->a.cycle, s->ctx->assessor,
					  "serve", &held, &err);

		if (t == 0) {
			p->work->claimed = 1;
		} else if (t == 1) {
			char *who = xasprintf("%s (cirt %s, %s)", held.holder, held.command,
					      held.host ? held.host : "");
			char *text = i18n_fill(r->lang, MSG_W_HELD, who, NULL);

			snprintf(p->held, sizeof(p->held), "%s", text);
			free(text);
			free(who);
		} else {
			snprintf(p->held, sizeof(p->held), "%s", err.message);
		}
		store_writer_release(&held);
	}
	p->writable = p->work->claimed && !p->a.final;
	if (engine_init(&p->e, s->ctx->store, q, &p->a, r->lang, s->ctx->assessor, &err) < 0) {
		engine_release(&p->e);
		simple_page(s, r, out, 500, err.message);
		assessment_release(&p->a);
		return 500;
	}
	p->engine_ready = 1;
	if (p->work->meeting.id)
		engine_use_meeting(&p->e, &p->work->meeting);
	return 0;
}

static void
page_close(struct page *p)
{
	if (p->engine_ready)
		engine_release(&p->e);
	assessment_release(&p->a);
}

/* ---- the assessments ------------------------------------------------------ */

static void
status_word(const struct web_request *r, struct html *h, const struct assessment *a)
{
	html_text(h, T(a->final ? MSG_R_FINAL : MSG_R_DRAFT));
}

struct named {
	const struct country *c;
	const char *name;
};

static int
by_name(const void *a, const void *b)
{
	const struct named *x = a;
	const struct named *y = b;
	int d = strcmp(x->name, y->name);

	return d ? d : strcmp(x->c->alpha2, y->c->alpha2);
}

static void
list_page(struct web_server *s, const struct web_request *r, struct web_response *out)
{
	const struct questionnaire *q = s->ctx->questionnaire;
	struct assessment *list = NULL;
	size_t n = 0;
	struct error err = {0};
	struct html h = {0};
	size_t count;
	const struct country *all = country_all(&count);

	if (store_assessment_list(s->ctx->store, &list, &n, &err) < 0) {
		simple_page(s, r, out, 500, err.message);
		return;
	}
	/* progress from the kept scores, as cirt assessments takes it */
	unsigned char *need = xcalloc(n + 1, 1);
	unsigned char *done = xcalloc(n + 1, 1);
	struct score_result *scores = xcalloc(n + 1, sizeof(*scores));

	for (size_t i = 0; i < n; i++)
		need[i] = strcmp(list[i].questionnaire_id, q->id) == 0;
	/* (when it fails, what it could not score is shown without progress) */
	score_kept(s->ctx->store, q, list, n, need, scores, done, &err);
	page_start(s, r, &h, T(MSG_W_ASSESSMENTS));
	html_raw(&h, "<h1>");
	html_text(&h, T(MSG_W_ASSESSMENTS));
	html_raw(&h, "</h1>");
	if (n == 0) {
		html_raw(&h, "<p>");
		html_text(&h, T(MSG_W_NO_ASSESSMENTS));
		html_raw(&h, "</p>");
	} else {
		table_head(&h, r->lang, "list",
			   (const enum msg[]){MSG_R_COUNTRY, MSG_R_CYCLE, MSG_R_STATUS,
					      MSG_W_PROGRESS, MSG_W_LAST_CHANGE, MSG_W_CONFLICTS},
			   6);
	}
	for (size_t i = 0; i < n; i++) {
		const struct assessment *a = &list[i];
		const struct country *c = country_find(a->country);
		struct chain_conflict *conf = NULL;
		size_t nconf = 0;
		size_t shown = 0;
		size_t answered = 0;

		if (done[i]) {
			shown = scores[i].shown;
			answered = scores[i].answered;
		}
		store_conflicts_load(s->ctx->store, a->id, &conf, &nconf, &err);
		store_conflicts_release(conf, nconf);
		/* (a database from elsewhere may hold a code of no country:
		 * escaped like any text) */
		html_raw(&h, "<tr><td><a href=\"/a/");
		html_url(&h, a->country);
		html_rawf(&h, "/%d\">", a->cycle);
		html_text(&h, c ? country_name(c, r->lang) : a->country);
		html_raw(&h, "</a> (");
		html_text(&h, a->country);
		html_rawf(&h, ")</td><td>%d</td><td>", a->cycle);
		status_word(r, &h, a);
		html_rawf(&h,
			  "</td><td><progress max=\"%zu\" value=\"%zu\"></progress> %zu/%zu</td>"
			  "<td>",
			  shown ? shown : 1, answered, answered, shown);
		html_time(&h, a->updated_at, 0);
		html_raw(&h, "</td><td>");
		if (nconf) {
			html_raw(&h, "<a href=\"/a/");
			html_url(&h, a->country);
			html_rawf(&h, "/%d/conflicts\">%zu</a>", a->cycle, nconf);
		} else
			html_raw(&h, "0");
		html_raw(&h, "</td></tr>");
	}
	if (n)
		html_raw(&h, "</tbody></table>");
	for (size_t i = 0; i < n; i++)
		if (done[i])
			score_result_release(&scores[i]);
	free(scores);
	free(need);
	free(done);
	assessment_list_release(list, n);

	/* a new one: the country from the register, in this language */
	html_raw(&h, "<h2 id=\"new\">");
	html_text(&h, T(MSG_W_NEW_ASSESSMENT));
	html_raw(&h, "</h2>");
	form_start(r, &h, "/new", " class=\"new\"");
	html_raw(&h, "<label for=\"country\">");
	html_text(&h, T(MSG_R_COUNTRY));
	html_raw(&h,
		 "</label> <select id=\"country\" name=\"country\" required><option "
		 "value=\"\"></option>");
	/* in the order of their names in this language */
	struct named *names = xcalloc(count + 1, sizeof(*names));

	for (size_t i = 0; i < count; i++) {
		names[i].c = &all[i];
		names[i].name = country_name(&all[i], r->lang);
	}
	qsort(names, count, sizeof(*names), by_name);
	for (size_t i = 0; i < count; i++) {
		html_rawf(&h, "<option value=\"%s\">", names[i].c->alpha2);
		html_text(&h, names[i].name);
		html_rawf(&h, " (%s)</option>", names[i].c->alpha2);
	}
	free(names);
	html_rawf(&h, "</select> <label for=\"cycle\">");
	html_text(&h, T(MSG_R_CYCLE));
	html_rawf(&h,
		  "</label> <input id=\"cycle\" name=\"cycle\" type=\"number\" min=\"2000\" "
		  "max=\"%d\" value=\"%d\" required> <button type=\"submit\">",
		  cmd_current_year() + 1, cmd_current_year());
	html_text(&h, T(MSG_W_START));
	html_raw(&h, "</button></form>");
	html_raw(&h, "<h2>");
	html_text(&h, T(MSG_R_COMPARISON));
	html_rawf(&h, "</h2><p><a href=\"/compare.pdf?cycle=%d\" download>", cmd_current_year());
	html_text(&h, T(MSG_W_DOWNLOAD_COMPARISON));
	html_raw(&h, "</a></p>");
	page_end(&h, out);
}

/* POST /new: country and cycle; confirm=1 once the full name is seen. */
static void
new_page(struct web_server *s, const struct web_request *r, struct web_response *out)
{
	const char *cc = web_field(r, "country");
	const char *cycle_text = web_field(r, "cycle");
	const struct country *c = cc && strlen(cc) == 2 ? country_find(cc) : NULL;
	char *end = NULL;
	long cycle = cycle_text ? strtol(cycle_text, &end, 10) : 0;
	struct assessment a = {0};
	struct error err = {0};
	struct html h = {0};
	int found;

	if (c == NULL) {
		simple_page(s, r, out, 422, T(MSG_W_CHOOSE_COUNTRY));
		return;
	}
	if (end == cycle_text || (end && *end) || cycle < 2000 || cycle > cmd_current_year() + 1) {
		char year[16];
		char *text;

		snprintf(year, sizeof(year), "%d", cmd_current_year() + 1);
		text = i18n_fill(r->lang, MSG_W_BAD_CYCLE, year, NULL);
		simple_page(s, r, out, 422, text);
		free(text);
		return;
	}
	found = store_assessment_get(s->ctx->store, c->alpha2, (int)cycle, &a, &err);
	assessment_release(&a);
	if (found < 0) {
		simple_page(s, r, out, 500, err.message);
		return;
	}
	if (found == 0 || (web_field(r, "confirm") && strcmp(web_field(r, "confirm"), "1") == 0)) {
		work_find(s, c->alpha2, (int)cycle, 1);
		redirect(out, 303, xasprintf("/a/%s/%ld", c->alpha2, cycle));
		return;
	}
	/* name the country in full, and ask */
	char year[16];
	char *text;

	snprintf(year, sizeof(year), "%ld", cycle);
	text = i18n_fill4(r->lang, MSG_W_CONFIRM_NEW, country_name(c, r->lang), c->alpha2, year,
			  NULL);
	page_start(s, r, &h, T(MSG_W_NEW_ASSESSMENT));
	html_raw(&h, "<h1>");
	html_text(&h, T(MSG_W_NEW_ASSESSMENT));
	html_raw(&h, "</h1><p class=\"confirm\">");
	html_text(&h, text);
	html_raw(&h, "</p>");
	free(text);
	form_start(r, &h, "/new", NULL);
	html_rawf(&h,
		  "<input type=\"hidden\" name=\"country\" value=\"%s\"><input type=\"hidden\" "
		  "name=\"cycle\" value=\"%ld\"><input type=\"hidden\" name=\"confirm\" "
		  "value=\"1\"><button type=\"submit\" id=\"confirm\">",
		  c->alpha2, cycle);
	html_text(&h, T(MSG_W_START));
	html_raw(&h, "</button> <a href=\"/\">");
	html_text(&h, T(MSG_W_CANCEL));
	html_raw(&h, "</a></form>");
	page_end(&h, out);
}

/* ---- one assessment: pillars, questions, the question in focus ---------- */

static const char *
question_status(const struct page *p, size_t i, enum msg *word)
{
	const struct answer *w = p->e.by_index[i];

	if (!p->e.shown[i]) {
		*word = MSG_HIDDEN;
		return "hidden";
	}
	if (p->e.disputed[i]) {
		*word = MSG_DISPUTED_MARK;
		return "disputed";
	}
	if (w && w->flagged) {
		*word = MSG_FLAGGED;
		return "flagged";
	}
	if (engine_answered(&p->e, i)) {
		*word = MSG_W_ANSWERED;
		return "answered";
	}
	*word = MSG_NOT_ANSWERED;
	return "unanswered";
}

static void
question_link(struct html *h, const struct page *p, size_t i, const char *tail)
{
	html_raw(h, p->base);
	html_raw(h, "/q/");
	html_url(h, p->e.q->questions[i].id);
	if (tail)
		html_raw(h, tail);
}

/* The same path, into buf. */
static void
question_path(const struct page *p, size_t i, const char *tail, char *buf, size_t size)
{
	struct html a = {0};

	question_link(&a, p, i, tail);
	snprintf(buf, size, "%s", a.data);
	html_release(&a);
}

/* The title bar of an assessment's pages and its tabs. */
static void
assessment_head(struct page *p, struct html *h, const char *current)
{
	const struct web_request *r = p->r;
	static const struct {
		const char *tail;
		enum msg label;
	} tabs[] = {
		{"", MSG_W_QUESTIONS},
		{"/findings", MSG_W_FINDINGS},
		{"/conflicts", MSG_W_CONFLICTS},
		{"/score", MSG_R_SCORE},
	};

	html_raw(h, "<h1>");
	html_text(h, country_name(p->country, r->lang));
	html_rawf(h, " (%s) \u00b7 %d \u00b7 ", p->a.country, p->a.cycle);
	html_text(h, T(p->a.final ? MSG_R_FINAL : MSG_R_DRAFT));
	html_raw(h, "</h1><nav class=\"tabs\">");
	for (size_t k = 0; k < sizeof(tabs) / sizeof(tabs[0]); k++) {
		html_rawf(h, "<a href=\"%s%s\"%s>", p->base, tabs[k].tail,
			  strcmp(current, tabs[k].tail) == 0 ? " aria-current=\"page\"" : "");
		html_text(h, T(tabs[k].label));
		html_raw(h, "</a> ");
	}
	if (p->a.id) {
		html_rawf(h, "<a href=\"%s/report.pdf\" download>", p->base);
		html_text(h, T(MSG_W_REPORT_PDF));
		html_rawf(h, "</a> <a href=\"%s/report.docx\" download>", p->base);
		html_text(h, T(MSG_W_REPORT_DOCX));
		html_raw(h, "</a>");
	}
	html_raw(h, "</nav>");
	if (*p->held)
		message_box(h, "held", p->held);
}

/* The meeting in progress, and how to name one or end it. */
static void
meeting_box(struct page *p, struct html *h, const char *back)
{
	const struct web_request *r = p->r;
	const struct meeting *m = &p->e.meeting;
	struct meeting *list = NULL;
	size_t n = 0;
	struct error err = {0};

	html_raw(h,
		 "<section class=\"meeting\" aria-labelledby=\"meeting-h\"><h2 "
		 "id=\"meeting-h\">");
	html_text(h, T(MSG_MEETING));
	html_raw(h, "</h2><p id=\"meeting-now\">");
	if (m->id) {
		html_text(h, m->organisation);
		if (*m->people) {
			html_raw(h, " \u00b7 ");
			html_text(h, m->people);
		}
		html_raw(h, " \u00b7 ");
		html_text(h, m->met_on);
	} else {
		html_text(h, T(MSG_W_NO_MEETING));
	}
	html_raw(h, "</p>");
	if (!p->writable) {
		html_raw(h, "</section>");
		return;
	}
	char action[64];

	snprintf(action, sizeof(action), "%s/meeting", p->base);
	form_start(r, h, action, NULL);
	html_raw(h, "<input type=\"hidden\" name=\"back\" value=\"");
	html_text(h, back);
	html_raw(h, "\"><label for=\"with\">");
	html_text(h, T(MSG_W_MEETING_LABEL));
	html_raw(h, "</label><input id=\"with\" name=\"with\" maxlength=\"500\" placeholder=\"");
	html_text(h, T(MSG_W_MEETING_PLACEHOLDER));
	html_raw(h, "\"> <button type=\"submit\">");
	html_text(h, T(MSG_W_SET_MEETING));
	html_raw(h, "</button>");
	if (m->id) {
		html_raw(h, " <button type=\"submit\" name=\"end\" value=\"1\" formnovalidate>");
		html_text(h, T(MSG_W_END_MEETING));
		html_raw(h, "</button>");
	}
	html_raw(h, "</form>");
	if (p->a.id && store_meetings_load(p->s->ctx->store, p->a.id, &list, &n, &err) == 0 &&
	    n > 0) {
		form_start(r, h, action, " class=\"earlier\"");
		html_raw(h, "<input type=\"hidden\" name=\"back\" value=\"");
		html_text(h, back);
		html_raw(h, "\"><span>");
		html_text(h, T(MSG_MEETING_KNOWN));
		html_raw(h, "</span> ");
		for (size_t i = 0; i < n; i++) {
			html_rawf(h, "<button type=\"submit\" name=\"with\" value=\"%zu\">", i + 1);
			html_text(h, list[i].organisation);
			html_raw(h, " \u00b7 ");
			html_text(h, list[i].met_on);
			html_raw(h, "</button> ");
		}
		html_raw(h, "</form>");
	}
	for (size_t i = 0; i < n; i++)
		meeting_release(&list[i]);
	free(list);
	html_raw(h, "</section>");
}

/* The pillars down the side, with their progress. */
static void
pillar_nav(struct page *p, struct html *h, size_t current)
{
	const struct questionnaire *q = p->e.q;
	const struct web_request *r = p->r;

	html_raw(h, "<nav class=\"pillars\" aria-label=\"");
	html_text(h, T(MSG_PILLAR));
	html_raw(h, "\"><ol>");
	for (size_t k = 0; k < q->pillar_count; k++) {
		size_t shown = 0;
		size_t answered = 0;
		size_t first = q->question_count;

		for (size_t i = 0; i < q->question_count; i++) {
			if (q->questions[i].pillar != k || !p->e.shown[i])
				continue;
			shown++;
			answered += engine_answered(&p->e, i) != 0;
			if (first == q->question_count)
				first = i;
		}
		html_raw(h, "<li><a href=\"");
		if (first < q->question_count)
			question_link(h, p, first, NULL);
		else
			html_raw(h, p->base);
		html_rawf(h, "\"%s>", k == current ? " aria-current=\"true\"" : "");
		html_text(h, text_get(&q->pillars[k].title, r->lang));
		html_rawf(h,
			  "</a> <span class=\"count\">%zu/%zu</span> <progress max=\"%zu\" "
			  "value=\"%zu\"></progress></li>",
			  answered, shown, shown ? shown : 1, answered);
	}
	html_raw(h, "</ol></nav>");
}

/* The questions of pillar k at a glance. */
static void
question_list(struct page *p, struct html *h, size_t k, size_t focus)
{
	const struct questionnaire *q = p->e.q;
	const struct web_request *r = p->r;

	html_raw(h, "<section class=\"glance\" aria-labelledby=\"glance-h\"><h2 id=\"glance-h\">");
	html_text(h, text_get(&q->pillars[k].title, r->lang));
	html_raw(h, "</h2><ol class=\"questions\">");
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];
		const struct answer *w = p->e.by_index[i];
		enum msg word;
		const char *status;

		if (qu->pillar != k)
			continue;
		status = question_status(p, i, &word);
		html_rawf(h, "<li class=\"%s%s\" data-status=\"%s\"><a href=\"", status,
			  i == focus ? " focus" : "", status);
		question_link(h, p, i, NULL);
		html_rawf(h, "\"%s><span class=\"qid\">",
			  i == focus ? " aria-current=\"true\"" : "");
		html_text(h, qu->id);
		html_raw(h, "</span> <span class=\"qtext\">");
		html_text(h, text_get(&qu->text, r->lang));
		html_raw(h, "</span></a> <span class=\"status\">");
		html_text(h, T(word));
		html_raw(h, "</span>");
		if (answer_is_given(w)) {
			char *d = answer_describe(qu, w->state, w->value, r->lang);

			html_raw(h, " <span class=\"given\">");
			html_text(h, d);
			html_raw(h, "</span>");
			free(d);
		}
		html_raw(h, "</li>");
	}
	html_raw(h, "</ol></section>");
}

static int
value_chosen(const char *value, const char *choice)
{
	/* a multiple choice value is its choices' values, separated by
	 * spaces */
	size_t n = strlen(choice);

	for (const char *v = value; v && *v;) {
		size_t len = strcspn(v, " ");

		if (len == n && strncmp(v, choice, n) == 0)
			return 1;
		v += len;
		v += *v == ' ';
	}
	return 0;
}

/* The form that answers question i. */
static void
answer_form(struct page *p, struct html *h, size_t i, const char *typed)
{
	const struct question *qu = &p->e.q->questions[i];
	const struct answer *w = p->e.by_index[i];
	const struct web_request *r = p->r;
	const char *disabled = p->writable ? "" : " disabled";
	char action[300];

	question_path(p, i, "/answer", action, sizeof(action));
	form_start(r, h, action, " class=\"answer\"");
	html_raw(h, "<fieldset><legend>");
	html_text(h, T(MSG_R_ANSWER));
	html_raw(h, "</legend>");
	switch (qu->type) {
	case QUESTION_YESNO:
	case QUESTION_SINGLE:
	case QUESTION_SCALE:
		html_raw(h, "<div class=\"choices\">");
		for (size_t c = 0; c < qu->choice_count; c++) {
			const struct choice *ch = &qu->choices[c];
			int on = w && w->state == ANSWER_VALUE && w->value &&
				strcmp(w->value, ch->value) == 0;
			char *label = answer_describe(qu, ANSWER_VALUE, ch->value, r->lang);

			html_raw(h, "<button type=\"submit\" name=\"value\" value=\"");
			html_text(h, ch->value);
			html_rawf(h, "\" aria-pressed=\"%s\"%s>", on ? "true" : "false", disabled);
			html_text(h, label);
			html_raw(h, "</button>");
			free(label);
		}
		html_raw(h, "</div>");
		break;
	case QUESTION_MULTI:
		html_raw(h, "<div class=\"choices multi\">");
		for (size_t c = 0; c < qu->choice_count; c++) {
			const struct choice *ch = &qu->choices[c];
			int on = w && w->state == ANSWER_VALUE && value_chosen(w->value, ch->value);

			html_rawf(h, "<label><input type=\"checkbox\" name=\"choice\"%s%s value=\"",
				  on ? " checked" : "", disabled);
			html_text(h, ch->value);
			html_raw(h, "\"> ");
			html_text(h, text_get(&ch->label, r->lang));
			html_raw(h, "</label>");
		}
		html_rawf(h, "</div><button type=\"submit\" name=\"multi\" value=\"1\"%s>",
			  disabled);
		html_text(h, T(MSG_W_SAVE));
		html_rawf(h, "</button> <button type=\"submit\" name=\"value\" value=\"-\"%s>",
			  disabled);
		html_text(h, T(MSG_NONE_OF_THEM));
		html_raw(h, "</button>");
		break;
	case QUESTION_NUMBER:
	case QUESTION_DATE:
	case QUESTION_TEXT: {
		char *now = NULL;

		if (typed)
			now = xstrdup(typed);
		else if (w && w->state == ANSWER_VALUE && w->value)
			now = qu->type == QUESTION_NUMBER
				? answer_describe(qu, w->state, w->value, r->lang)
				: xstrdup(w->value);
		html_raw(h, "<label for=\"typed\" class=\"visually-hidden\">");
		html_text(h, T(MSG_R_ANSWER));
		html_raw(h, "</label>");
		if (qu->type == QUESTION_TEXT) {
			html_rawf(h, "<textarea id=\"typed\" name=\"text\" rows=\"4\"%s>",
				  disabled);
			html_text(h, now ? now : "");
			html_raw(h, "</textarea>");
		} else {
			html_rawf(h, "<input id=\"typed\" name=\"text\" %s%s value=\"",
				  qu->type == QUESTION_DATE ? "type=\"date\""
							    : "inputmode=\"decimal\"",
				  disabled);
			html_text(h, now ? now : "");
			html_raw(h, "\">");
		}
		free(now);
		html_rawf(h, " <button type=\"submit\"%s>", disabled);
		html_text(h, T(MSG_W_SAVE));
		html_raw(h, "</button>");
		break;
	}
	}
	html_rawf(h,
		  "<div class=\"other\"><button type=\"submit\" name=\"state\" "
		  "value=\"dont_know\"%s%s>",
		  w && w->state == ANSWER_DONT_KNOW ? " aria-pressed=\"true\"" : "", disabled);
	html_text(h, T(MSG_DONT_KNOW));
	html_rawf(h,
		  "</button> <button type=\"submit\" name=\"state\" "
		  "value=\"not_applicable\"%s%s>",
		  w && w->state == ANSWER_NOT_APPLICABLE ? " aria-pressed=\"true\"" : "", disabled);
	html_text(h, T(MSG_NOT_APPLICABLE));
	html_raw(h, "</button></div>");
	if (answer_is_given(w)) {
		html_raw(h, "<label for=\"reason\">");
		html_text(h, T(MSG_W_REASON));
		html_rawf(h, "</label> <input id=\"reason\" name=\"reason\" maxlength=\"2000\"%s>",
			  disabled);
	}
	html_raw(h, "</fieldset></form>");
}

static void
evidence_box(struct page *p, struct html *h, size_t i)
{
	const struct answer *w = p->e.by_index[i];
	const struct web_request *r = p->r;
	const char *evidence = w ? w->evidence : "";
	char action[300];
	char note_action[300];
	size_t k = 0;

	question_path(p, i, "/evidence", action, sizeof(action));
	question_path(p, i, "/note", note_action, sizeof(note_action));

	html_raw(h,
		 "<section class=\"evidence\" aria-labelledby=\"evidence-h\"><h3 "
		 "id=\"evidence-h\">");
	html_text(h, T(MSG_EVIDENCE_LABEL));
	html_raw(h, "</h3><ol class=\"items\">");
	for (const char *e = evidence; *e;) {
		size_t len = strcspn(e, "\n");

		html_raw(h, "<li><span>");
		html_textn(h, e, len);
		html_raw(h, "</span>");
		k++;
		if (p->writable) {
			/* the item goes with its number: another page may have
			 * changed the list since this one was made */
			form_start(r, h, action, " class=\"inline\"");
			html_raw(h, "<input type=\"hidden\" name=\"item\" value=\"");
			html_textn(h, e, len);
			html_rawf(h,
				  "\"><button type=\"submit\" name=\"remove\" value=\"%zu\" "
				  "class=\"small\">",
				  k);
			html_text(h, T(MSG_W_REMOVE));
			html_raw(h, "</button></form>");
		}
		html_raw(h, "</li>");
		e += len + (e[len] == '\n');
	}
	html_raw(h, "</ol>");
	if (p->writable) {
		form_start(r, h, action, NULL);
		html_raw(h, "<label for=\"add-evidence\">");
		html_text(h, T(MSG_W_ADD_EVIDENCE));
		html_raw(h,
			 "</label> <input id=\"add-evidence\" name=\"add\" maxlength=\"4000\" "
			 "required> <button type=\"submit\">");
		html_text(h, T(MSG_W_ADD));
		html_raw(h, "</button></form>");
	}
	html_raw(h, "</section><section class=\"note\"><h3><label for=\"note\">");
	html_text(h, T(MSG_NOTE_LABEL));
	html_raw(h, "</label></h3>");
	form_start(r, h, note_action, NULL);
	html_rawf(h, "<textarea id=\"note\" name=\"note\" rows=\"3\"%s>",
		  p->writable ? "" : " disabled");
	html_text(h, w ? w->comment : "");
	html_raw(h, "</textarea>");
	if (p->writable) {
		html_raw(h, " <button type=\"submit\">");
		html_text(h, T(MSG_W_SAVE));
		html_raw(h, "</button>");
	}
	html_raw(h, "</form></section>");
}

static void
attachment_box(struct page *p, struct html *h, size_t i)
{
	const struct web_request *r = p->r;
	struct attachment *list = NULL;
	size_t n = 0;
	struct error err = {0};
	char action[300];

	html_raw(h, "<section class=\"attachments\" aria-labelledby=\"att-h\"><h3 id=\"att-h\">");
	html_text(h, T(MSG_ATTACHMENTS_LABEL));
	html_raw(h, "</h3><ul>");
	if (engine_attachments(&p->e, i, &list, &n, &err) == 0) {
		question_path(p, i, "/detach", action, sizeof(action));
		for (size_t k = 0; k < n; k++) {
			char size[32];

			attachment_size_text(list[k].size, size, sizeof(size));
			html_rawf(h, "<li><a href=\"%s/att/", p->base);
			html_url(h, list[k].id);
			html_raw(h, "\" download>");
			html_text(h, list[k].name);
			html_rawf(h, "</a> <span class=\"meta\">%s \u00b7 ", size);
			html_text(h, list[k].type);
			html_raw(h, "</span>");
			if (p->writable) {
				form_start(r, h, action, " class=\"inline\"");
				html_raw(h, "<button type=\"submit\" name=\"id\" value=\"");
				html_text(h, list[k].id);
				html_raw(h, "\" class=\"small\">");
				html_text(h, T(MSG_W_REMOVE));
				html_raw(h, "</button></form>");
			}
			html_raw(h, "</li>");
		}
		attachments_release(list, n);
	}
	html_raw(h, "</ul>");
	if (p->writable) {
		question_path(p, i, "/attach", action, sizeof(action));
		form_start(r, h, action, " enctype=\"multipart/form-data\"");
		html_raw(h, "<label for=\"file\">");
		html_text(h, T(MSG_W_ATTACH));
		html_raw(h,
			 "</label> <input id=\"file\" name=\"file\" type=\"file\" required "
			 "accept=\".pdf,.png,.jpg,.jpeg,.docx,.odt,.txt,.csv,application/pdf,"
			 "image/png,image/jpeg,text/plain\"> <button type=\"submit\">");
		html_text(h, T(MSG_W_UPLOAD));
		html_raw(h, "</button></form>");
	}
	html_raw(h, "</section>");
}

/* The question in focus, with everything that goes with it. */
static void
focus_box(struct page *p, struct html *h, size_t i, const char *typed)
{
	const struct questionnaire *q = p->e.q;
	const struct question *qu = &q->questions[i];
	const struct answer *w = p->e.by_index[i];
	const struct web_request *r = p->r;
	const char *help = text_get(&qu->help, r->lang);
	size_t prev = engine_prev(&p->e, i);
	size_t next = engine_next(&p->e, i);
	enum msg word;
	const char *status = question_status(p, i, &word);

	html_rawf(h,
		  "<section class=\"focus\" aria-labelledby=\"q-h\" data-status=\"%s\">"
		  "<h2 id=\"q-h\"><span class=\"qid\">",
		  status);
	html_text(h, qu->id);
	html_raw(h, "</span> ");
	html_text(h, text_get(&qu->text, r->lang));
	html_raw(h, "</h2><p class=\"state\"><span class=\"status\">");
	html_text(h, T(word));
	html_raw(h, "</span>");
	if (answer_is_given(w)) {
		char *d = answer_describe(qu, w->state, w->value, r->lang);

		html_raw(h, " \u00b7 ");
		html_text(h, T(MSG_CURRENT_ANSWER));
		html_raw(h, ": <strong id=\"current\">");
		html_text(h, d);
		html_raw(h, "</strong>");
		free(d);
	}
	html_raw(h, "</p>");
	if (!p->e.shown[i]) {
		char *text = i18n_fill(r->lang, MSG_HIDDEN_QUESTION, qu->condition_source, NULL);

		message_box(h, "held", text);
		free(text);
	}
	if (qu->required || qu->evidence) {
		html_raw(h, "<p class=\"hint\">");
		if (qu->required)
			html_text(h, T(MSG_REQUIRED));
		if (qu->required && qu->evidence)
			html_raw(h, " \u00b7 ");
		if (qu->evidence)
			html_text(h, T(MSG_EVIDENCE_EXPECTED));
		html_raw(h, "</p>");
	}
	if (help && *help) {
		html_raw(h, "<details class=\"help\"><summary>");
		html_text(h, T(MSG_W_HELP));
		html_raw(h, "</summary><p>");
		html_text(h, help);
		html_raw(h, "</p></details>");
	}
	answer_form(p, h, i, typed);
	if (p->writable) {
		char action[300];

		question_path(p, i, "/flag", action, sizeof(action));
		form_start(r, h, action, " class=\"inline flag\"");
		html_rawf(h,
			  "<input type=\"hidden\" name=\"flag\" value=\"%d\"><button "
			  "type=\"submit\" aria-pressed=\"%s\">",
			  w && w->flagged ? 0 : 1, w && w->flagged ? "true" : "false");
		html_text(h, T(w && w->flagged ? MSG_W_UNFLAG : MSG_W_FLAG));
		html_raw(h, "</button></form>");
	}
	html_raw(h, " <a class=\"history\" href=\"");
	question_link(h, p, i, "/history");
	html_raw(h, "\">");
	html_text(h, T(MSG_W_HISTORY));
	html_raw(h, "</a>");
	evidence_box(p, h, i);
	attachment_box(p, h, i);
	html_raw(h, "<nav class=\"steps\">");
	if (prev < q->question_count) {
		html_raw(h, "<a rel=\"prev\" href=\"");
		question_link(h, p, prev, NULL);
		html_raw(h, "\">");
		html_text(h, T(MSG_W_PREVIOUS));
		html_raw(h, "</a> ");
	}
	if (next < q->question_count) {
		html_raw(h, "<a rel=\"next\" href=\"");
		question_link(h, p, next, NULL);
		html_raw(h, "\">");
		html_text(h, T(MSG_W_NEXT));
		html_raw(h, "</a>");
	}
	html_raw(h, "</nav></section>");
}

/* The page of question i, with what happened (said, kind) and what was
 * typed, to show again after an error. */
static void
question_page(struct page *p, struct web_response *out, size_t i, const char *kind,
	      const char *said, const char *typed, const char *extra)
{
	struct html h = {0};
	const struct question *qu = &p->e.q->questions[i];
	const struct web_request *r = p->r;
	char title[200];

	snprintf(title, sizeof(title), "%s %d \u00b7 %s", p->a.country, p->a.cycle, qu->id);
	page_start(p->s, r, &h, title);
	assessment_head(p, &h, "");
	if (said)
		message_box(&h, kind, said);
	if (extra)
		html_raw(&h, extra);
	if (p->a.id == 0)
		message_box(&h, "ok", T(MSG_NEW_ASSESSMENT));
	html_raw(&h, "<div class=\"work\">");
	pillar_nav(p, &h, qu->pillar);
	html_raw(&h, "<div class=\"middle\">");
	question_list(p, &h, qu->pillar, i);
	html_raw(&h, "</div><div class=\"side\">");
	focus_box(p, &h, i, typed);
	meeting_box(p, &h, qu->id);
	html_raw(&h, "</div></div>");
	page_end(&h, out);
}

/* The question a path names (its id), or q->question_count. */
static size_t
question_named(const struct page *p, const char *id)
{
	const struct question *qu = questionnaire_find_question(p->e.q, id);

	return qu ? (size_t)(qu - p->e.q->questions) : p->e.q->question_count;
}

/* What "?done=WHAT" after a change other than an answer says. */
static const char *
done_line(const struct page *p, size_t i, const char *done)
{
	static const struct {
		const char *done;
		enum msg said;
	} lines[] = {
		{"evidence", MSG_EVIDENCE_SAVED},   {"note", MSG_NOTE_SAVED},
		{"attached", MSG_ATTACHED},	    {"removed", MSG_ATTACHMENT_REMOVED},
		{"meeting-set", MSG_W_MEETING_SET}, {"meeting-ended", MSG_MEETING_ENDED},
	};
	const struct answer *w = p->e.by_index[i];

	if (done == NULL)
		return NULL;
	if (strcmp(done, "flag") == 0)
		return i18n(p->r->lang, w && w->flagged ? MSG_FLAG_SET : MSG_FLAG_CLEARED);
	for (size_t k = 0; k < sizeof(lines) / sizeof(lines[0]); k++)
		if (strcmp(done, lines[k].done) == 0)
			return i18n(p->r->lang, lines[k].said);
	return i18n(p->r->lang, MSG_SAVED);
}

/* What "?saved=QID" after a change says: the answer it has now. */
static char *
saved_line(struct page *p)
{
	const char *id = web_field(p->r, "saved");
	const char *shown = web_field(p->r, "shown");
	size_t i = id ? question_named(p, id) : p->e.q->question_count;
	const struct answer *w;
	char *d;
	char *line;

	if (i >= p->e.q->question_count)
		return NULL;
	w = p->e.by_index[i];
	d = answer_is_given(w)
		? answer_describe(&p->e.q->questions[i], w->state, w->value, p->r->lang)
		: xstrdup("");
	line = xasprintf("\u2713 %s: %s \u00b7 %s%s", p->e.q->questions[i].id, d,
			 i18n(p->r->lang, MSG_SAVED), shown ? " \u00b7 " : "");
	if (shown) {
		/* "12-14": the questions shown before and after */
		char a[16] = "";
		char b[16] = "";

		if (sscanf(shown, "%15[0-9]-%15[0-9]", a, b) == 2) {
			char *text = i18n_fill(p->r->lang, MSG_QUESTIONS_SHOWN_NOW, a, b);
			char *more = xasprintf("%s%s", line, text);

			free(line);
			line = more;
			free(text);
		}
	}
	free(d);
	return line;
}

static void
saved_or_failed(struct page *p, struct web_response *out, size_t i, enum engine_saved saved,
		const char *ok_word)
{
	if (saved == ENGINE_NOT_SAVED || saved == ENGINE_REFUSED) {
		char *text = saved == ENGINE_NOT_SAVED
			? xasprintf("%s %s", i18n(p->r->lang, MSG_NOT_SAVED), p->e.last_error)
			: xstrdup(p->e.last_error);

		question_page(p, out, i, "error", text, NULL, NULL);
		out->status = saved == ENGINE_NOT_SAVED ? 503 : 422;
		free(text);
		return;
	}
	struct html h = {0};

	question_link(&h, p, i, NULL);
	html_raw(&h, "?done=");
	html_url(&h, ok_word);
	redirect(out, 303, html_take(&h, NULL));
}

/* POST .../answer */
static void
answer_post(struct page *p, struct web_response *out, size_t i)
{
	const struct web_request *r = p->r;
	const struct question *qu = &p->e.q->questions[i];
	const char *state_name = web_field(r, "state");
	const char *value_field = web_field(r, "value");
	const char *typed = web_field(r, "text");
	const char *reason = web_field(r, "reason");
	const char *confirm = web_field(r, "confirm");
	enum answer_state state = ANSWER_VALUE;
	enum engine_saved saved;
	char *value = NULL;
	char message[1024];
	struct error err = {0};
	size_t *hidden = NULL;
	size_t nhidden;
	size_t before;

	p->e.cur = i;
	if (state_name &&
	    (strcmp(state_name, "dont_know") == 0 || strcmp(state_name, "not_applicable") == 0)) {
		answer_state_parse(state_name, &state);
	} else if (value_field || web_field(r, "multi")) {
		/* choices are sent by their values, read as an import reads them */
		struct html joined = {0};

		if (value_field) {
			html_raw(&joined, value_field);
		} else {
			for (size_t k = 0; k < r->count; k++)
				if (strcmp(r->fields[k].name, "choice") == 0) {
					if (joined.len)
						html_raw(&joined, " ");
					html_raw(&joined, r->fields[k].value);
				}
		}
		char *input = html_take(&joined, NULL);

		if (*input == '\0') {
			free(input);
			question_page(p, out, i, "error", T(MSG_W_CHOOSE), NULL, NULL);
			out->status = 422;
			return;
		}
		/* a choice's value is one line */
		snprintf(message, sizeof(message), "%s", T(MSG_W_CHOOSE));
		if (strchr(input, '\n') ||
		    answer_parse(qu, input, r->lang, ANSWER_INPUT_IMPORT, &state, &value, message,
				 sizeof(message)) < 0) {
			free(input);
			question_page(p, out, i, "error", message, NULL, NULL);
			out->status = 422;
			return;
		}
		free(input);
	} else if (typed) {
		if (answer_parse(qu, typed, r->lang, ANSWER_INPUT_TYPED, &state, &value, message,
				 sizeof(message)) < 0) {
			question_page(p, out, i, "error", message, typed, NULL);
			out->status = 422;
			return;
		}
	} else {
		question_page(p, out, i, "error", T(MSG_W_CHOOSE), NULL, NULL);
		out->status = 422;
		return;
	}
	if (reason && *reason &&
	    answer_check_text(reason, 2000, r->lang, message, sizeof(message)) < 0) {
		question_page(p, out, i, "error", message, typed, NULL);
		out->status = 422;
		free(value);
		return;
	}
	/* answers that would stop counting are named, and confirmed */
	hidden = xcalloc(p->e.q->question_count + 1, sizeof(*hidden));
	nhidden = engine_would_hide(&p->e, i, state, value, hidden);
	if (nhidden && !(confirm && strcmp(confirm, "1") == 0)) {
		struct html x = {0};
		char action[300];

		question_path(p, i, "/answer", action, sizeof(action));
		char *now = answer_describe(qu, state, value, r->lang);

		/* the change asked for, then what it would hide */
		html_raw(&x,
			 "<div class=\"msg warn\" role=\"alert\" id=\"would-hide\"><p><span "
			 "class=\"qid\">");
		html_text(&x, qu->id);
		html_raw(&x, "</span> \u2192 <strong>");
		html_text(&x, now);
		html_raw(&x, "</strong></p><p>");
		free(now);
		html_text(&x, T(MSG_WOULD_HIDE));
		html_raw(&x, "</p><ul>");
		for (size_t k = 0; k < nhidden; k++) {
			const struct question *hq = &p->e.q->questions[hidden[k]];
			const struct answer *hw = p->e.by_index[hidden[k]];
			char *d = answer_describe(hq, hw->state, hw->value, r->lang);

			html_raw(&x, "<li><span class=\"qid\">");
			html_text(&x, hq->id);
			html_raw(&x, "</span>: ");
			html_text(&x, d);
			html_raw(&x, "</li>");
			free(d);
		}
		html_raw(&x, "</ul>");
		form_start(r, &x, action, NULL);
		/* the same answer again, confirmed */
		for (size_t k = 0; k < r->count; k++) {
			if (strcmp(r->fields[k].name, "csrf") == 0 ||
			    strcmp(r->fields[k].name, "confirm") == 0 || r->fields[k].filename)
				continue;
			html_raw(&x, "<input type=\"hidden\" name=\"");
			html_text(&x, r->fields[k].name);
			html_raw(&x, "\" value=\"");
			html_text(&x, r->fields[k].value);
			html_raw(&x, "\">");
		}
		html_raw(&x, "<input type=\"hidden\" name=\"confirm\" value=\"1\"><p>");
		html_text(&x, T(MSG_CONFIRM_HIDE));
		html_raw(&x, "</p><button type=\"submit\" id=\"confirm-hide\">");
		html_text(&x, T(MSG_W_CONFIRM));
		html_raw(&x, "</button> <a href=\"");
		question_link(&x, p, i, NULL);
		html_raw(&x, "\">");
		html_text(&x, T(MSG_W_CANCEL));
		html_raw(&x, "</a></form></div>");
		question_page(p, out, i, NULL, NULL, typed, x.data);
		out->status = 409;
		html_release(&x);
		free(hidden);
		free(value);
		return;
	}
	free(hidden);
	before = engine_progress(&p->e).shown;
	if (engine_answer(&p->e, state, value, reason && *reason ? reason : NULL, &saved, &err) <
	    0) {
		free(value);
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	free(value);
	if (saved == ENGINE_NOT_SAVED || saved == ENGINE_REFUSED) {
		saved_or_failed(p, out, i, saved, "");
		return;
	}
	/* on to the next question shown, saying what was saved; a session
	 * on this assessment, here or in a terminal, starts there */
	size_t next = engine_next(&p->e, i);
	size_t after = engine_progress(&p->e).shown;
	struct html h = {0};

	if (next >= p->e.q->question_count)
		next = i;
	p->e.cur = next;
	engine_save_position(&p->e);
	question_link(&h, p, next, NULL);
	html_raw(&h, "?saved=");
	html_url(&h, qu->id);
	if (after != before)
		html_rawf(&h, "&shown=%zu-%zu", before, after);
	redirect(out, 303, html_take(&h, NULL));
}

/* Whether item n (from 1) of the evidence list is text. */
static int
evidence_item_is(const char *evidence, size_t n, const char *text)
{
	size_t k = 0;

	for (const char *e = evidence; *e;) {
		size_t len = strcspn(e, "\n");

		if (++k == n)
			return strlen(text) == len && strncmp(e, text, len) == 0;
		e += len + (e[len] == '\n');
	}
	return 0;
}

/* POST .../evidence (add=TEXT or remove=N with item=TEXT) and .../note
 * (note=TEXT) */
static void
text_post(struct page *p, struct web_response *out, size_t i, int evidence)
{
	const struct web_request *r = p->r;
	const struct answer *w = p->e.by_index[i];
	const char *now = w ? (evidence ? w->evidence : w->comment) : "";
	const char *add = web_field(r, "add");
	const char *remove = web_field(r, "remove");
	const char *note = web_field(r, "note");
	enum engine_saved saved;
	struct error err = {0};
	char *value = NULL;

	p->e.cur = i;
	if (evidence && remove) {
		const char *item = web_field(r, "item");
		char *end;
		unsigned long n = strtoul(remove, &end, 10);

		/* item n must still be the one the page showed */
		value = *end == '\0' && end != remove && item && evidence_item_is(now, n, item)
			? engine_evidence_without(now, n)
			: NULL;
		if (value == NULL) {
			question_page(p, out, i, "error", T(MSG_NO_EVIDENCE_ITEM), NULL, NULL);
			out->status = 422;
			return;
		}
	} else {
		const char *text = evidence ? add : note;
		char message[256];

		if (text == NULL || (evidence && *text == '\0')) {
			question_page(p, out, i, "error", T(MSG_ERR_EMPTY), NULL, NULL);
			out->status = 422;
			return;
		}
		/* an evidence item and a note are one line each, as in the
		 * terminal: a line end typed in the browser becomes a space */
		char *clean = xstrdup(text);
		size_t k = 0;

		for (const char *c = text; *c; c++)
			if (*c != '\r')
				clean[k++] = *c == '\n' ? ' ' : *c;
		clean[k] = '\0';
		if (answer_check_text(clean, ANSWER_TEXT_MAX, r->lang, message, sizeof(message)) <
		    0) {
			free(clean);
			question_page(p, out, i, "error", message, NULL, NULL);
			out->status = 422;
			return;
		}
		value = evidence && *now ? xasprintf("%s\n%s", now, clean) : xstrdup(clean);
		free(clean);
		if (strlen(value) > ANSWER_TEXT_MAX) {
			free(value);
			question_page(p, out, i, "error", T(MSG_EVIDENCE_FULL), NULL, NULL);
			out->status = 422;
			return;
		}
	}
	if (engine_set_text(&p->e, evidence, value, &saved, &err) < 0) {
		free(value);
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	free(value);
	saved_or_failed(p, out, i, saved, evidence ? "evidence" : "note");
}

static void
flag_post(struct page *p, struct web_response *out, size_t i)
{
	const struct answer *w = p->e.by_index[i];
	const char *want = web_field(p->r, "flag");
	int on = w && w->flagged;
	enum engine_saved saved = ENGINE_UNCHANGED;
	struct error err = {0};

	p->e.cur = i;
	if (want && (strcmp(want, "1") == 0) != on && engine_toggle_flag(&p->e, &saved, &err) < 0) {
		simple_page(p->s, p->r, out, 500, err.message);
		return;
	}
	saved_or_failed(p, out, i, saved, "flag");
}

static void
attach_post(struct page *p, struct web_response *out, size_t i)
{
	const struct web_request *r = p->r;
	const struct web_field *f = NULL;
	enum engine_saved saved;
	struct error err = {0};

	p->e.cur = i;
	for (size_t k = 0; k < r->count && f == NULL; k++)
		if (strcmp(r->fields[k].name, "file") == 0 && r->fields[k].filename)
			f = &r->fields[k];
	if (f == NULL || f->len == 0) {
		question_page(p, out, i, "error", T(MSG_W_NO_FILE), NULL, NULL);
		out->status = 422;
		return;
	}
	/* a browser may send a path; the name is its last part */
	const char *name = f->filename;

	for (const char *c = f->filename; *c; c++)
		if (*c == '/' || *c == '\\')
			name = c + 1;
	if (!web_type_allowed(attachment_type_guess(f->value, f->len))) {
		question_page(p, out, i, "error", T(MSG_W_FILE_TYPE), NULL, NULL);
		out->status = 415;
		return;
	}
	if (engine_attach_data(&p->e, name, (const unsigned char *)f->value, f->len, &saved, &err) <
	    0) {
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	saved_or_failed(p, out, i, saved, "attached");
}

static void
detach_post(struct page *p, struct web_response *out, size_t i)
{
	const char *id = web_field(p->r, "id");
	struct attachment *list = NULL;
	size_t count = 0;
	size_t k = 0;
	enum engine_saved saved;
	struct error err = {0};

	/* named by its id, not its place in a list another page may have
	 * changed */
	p->e.cur = i;
	if (engine_attachments(&p->e, i, &list, &count, &err) < 0) {
		simple_page(p->s, p->r, out, 500, err.message);
		return;
	}
	for (size_t j = 0; j < count && k == 0 && id; j++)
		if (strcmp(list[j].id, id) == 0)
			k = j + 1;
	attachments_release(list, count);
	if (engine_detach(&p->e, k, &saved, &err) < 0) {
		simple_page(p->s, p->r, out, 500, err.message);
		return;
	}
	saved_or_failed(p, out, i, saved, "removed");
}

/* POST .../meeting: with=TEXT names one (or N takes up an earlier one),
 * end=1 ends it. */
static void
meeting_post(struct page *p, struct web_response *out)
{
	const struct web_request *r = p->r;
	const char *with = web_field(r, "with");
	const char *end = web_field(r, "end");
	size_t i = p->e.cur < p->e.q->question_count ? p->e.cur : 0;
	const char *back = web_field(r, "back");

	if (back && *back)
		i = question_named(p, back) < p->e.q->question_count ? question_named(p, back) : i;
	if (end && strcmp(end, "1") == 0) {
		meeting_release(&p->work->meeting);
		engine_use_meeting(&p->e, NULL);
		saved_or_failed(p, out, i, ENGINE_SAVED, "meeting-ended");
		return;
	}
	struct meeting *list = NULL;
	size_t n = 0;
	struct meeting m = {0};
	size_t index = 0;
	char message[400];
	struct error err = {0};
	int rc;

	if (p->a.id && store_meetings_load(p->s->ctx->store, p->a.id, &list, &n, &err) < 0) {
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	rc = engine_meeting_parse(&p->e, with ? with : "", list, n, &m, &index, message,
				  sizeof(message));
	if (rc == 0 || rc == 1) {
		engine_use_meeting(&p->e, rc == 0 ? &m : &list[index]);
		meeting_copy(&p->work->meeting, rc == 0 ? &m : &list[index]);
		saved_or_failed(p, out, i, ENGINE_SAVED, "meeting-set");
	} else {
		question_page(p, out, i, "error", rc == -2 ? T(MSG_MEETING_AMBIGUOUS) : message,
			      NULL, NULL);
		out->status = 422;
	}
	meeting_release(&m);
	for (size_t k = 0; k < n; k++)
		meeting_release(&list[k]);
	free(list);
}

/* ---- a question's history ------------------------------------------------ */

/* A history entry's field as the pages name it. */
static const char *
field_label(const char *lang, const char *field)
{
	static const struct {
		const char *field;
		enum msg label;
	} labels[] = {
		{"answer", MSG_R_ANSWER},	  {"evidence", MSG_EVIDENCE_LABEL},
		{"comment", MSG_NOTE_LABEL},	  {"flag", MSG_FLAGGED},
		{"attachment", MSG_R_ATTACHMENT},
	};

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(field, labels[i].field) == 0)
			return i18n(lang, labels[i].label);
	return field;
}

static void
history_page(struct page *p, struct web_response *out, size_t i)
{
	const struct web_request *r = p->r;
	const struct question *qu = &p->e.q->questions[i];
	struct history_entry *list = NULL;
	struct meeting *meetings = NULL;
	size_t nm = 0;
	size_t n = 0;
	struct error err = {0};
	struct html h = {0};
	char *title = i18n_fill(r->lang, MSG_W_HISTORY_OF, qu->id, NULL);

	if (p->a.id &&
	    (store_history_load(p->s->ctx->store, p->a.id, &list, &n, &err) < 0 ||
	     store_meetings_load(p->s->ctx->store, p->a.id, &meetings, &nm, &err) < 0)) {
		history_release(list, n);
		free(title);
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	page_start(p->s, r, &h, title);
	assessment_head(p, &h, "/history");
	html_raw(&h, "<h2>");
	html_text(&h, title);
	html_raw(&h, "</h2><p>");
	html_text(&h, text_get(&qu->text, r->lang));
	html_raw(&h, "</p>");
	table_head(
		&h, r->lang, "history",
		(const enum msg[]){MSG_W_WHEN, MSG_W_WHO, MSG_W_FROM_WHOM, MSG_W_WHAT, MSG_W_WHY},
		5);
	for (size_t k = 0; k < n; k++) {
		const struct history_entry *e = &list[k];
		const struct meeting *m = NULL;

		if (strcmp(e->question_id, qu->id) != 0)
			continue;
		for (size_t j = 0; e->source && j < nm && m == NULL; j++)
			if (strcmp(meetings[j].id, e->source) == 0)
				m = &meetings[j];
		html_raw(&h, "<tr><td>");
		html_time(&h, e->changed_at, 1);
		html_raw(&h, "</td><td>");
		html_text(&h, e->changed_by);
		html_raw(&h, "</td><td>");
		if (m) {
			html_text(&h, m->organisation);
			if (*m->people) {
				html_raw(&h, " \u00b7 ");
				html_text(&h, m->people);
			}
			html_raw(&h, " \u00b7 ");
			html_text(&h, m->met_on);
		}
		html_raw(&h, "</td><td>");
		html_text(&h, field_label(r->lang, e->field));
		html_raw(&h, ": ");
		if (strcmp(e->field, "flag") == 0) {
			html_text(&h,
				  e->new_value && strcmp(e->new_value, "1") == 0 ? T(MSG_FLAGGED)
										 : "\u2013");
		} else if (strcmp(e->field, "answer") == 0) {
			enum answer_state st = ANSWER_NONE;

			answer_state_parse(e->new_state ? e->new_state : "none", &st);
			char *d = st == ANSWER_NONE
				? xstrdup("\u2013")
				: answer_describe(qu, st, e->new_value, r->lang);

			html_text(&h, d);
			free(d);
		} else {
			html_text(&h, e->new_value);
		}
		html_raw(&h, "</td><td>");
		html_text(&h, e->reason);
		html_raw(&h, "</td></tr>");
	}
	html_raw(&h, "</tbody></table><p><a href=\"");
	question_link(&h, p, i, NULL);
	html_raw(&h, "\">");
	html_text(&h, qu->id);
	html_raw(&h, "</a></p>");
	page_end(&h, out);
	free(title);
	history_release(list, n);
	for (size_t k = 0; k < nm; k++)
		meeting_release(&meetings[k]);
	free(meetings);
}

/* ---- findings -------------------------------------------------------------- */

static void
findings_page(struct page *p, struct web_response *out, const char *kind, const char *said)
{
	const struct web_request *r = p->r;
	const struct questionnaire *q = p->e.q;
	struct html h = {0};
	struct error err = {0};
	char action[64];

	snprintf(action, sizeof(action), "%s/findings", p->base);
	page_start(p->s, r, &h, T(MSG_W_FINDINGS));
	assessment_head(p, &h, "/findings");
	if (said)
		message_box(&h, kind, said);
	for (size_t k = 0; k <= q->pillar_count; k++) {
		const char *pillar = k == 0 ? "" : q->pillars[k - 1].id;
		char *text = NULL;
		char *label;

		if (engine_finding(&p->e, pillar, &text, &err) < 0)
			text = xstrdup("");
		if (k == 0) {
			label = xstrdup(T(MSG_FINDING_SUMMARY));
		} else {
			char number[24];

			snprintf(number, sizeof(number), "%zu", k);
			label = i18n_fill(r->lang, MSG_FINDING_PILLAR, number,
					  text_get(&q->pillars[k - 1].title, r->lang));
		}
		form_start(r, &h, action, " class=\"finding\"");
		html_rawf(&h, "<label for=\"finding-%zu\">", k);
		html_text(&h, label);
		html_raw(&h, "</label><input type=\"hidden\" name=\"pillar\" value=\"");
		html_text(&h, pillar);
		html_rawf(&h, "\"><textarea id=\"finding-%zu\" name=\"text\" rows=\"%d\"%s>", k,
			  k == 0 ? 8 : 5, p->writable ? "" : " disabled");
		html_text(&h, text);
		html_raw(&h, "</textarea>");
		if (p->writable) {
			html_rawf(&h, "<button type=\"submit\" id=\"save-finding-%zu\">", k);
			html_text(&h, T(MSG_W_SAVE));
			html_raw(&h, "</button>");
		}
		html_raw(&h, "</form>");
		free(label);
		free(text);
	}
	page_end(&h, out);
}

static void
findings_post(struct page *p, struct web_response *out)
{
	const struct web_request *r = p->r;
	const char *pillar = web_field(r, "pillar");
	const char *text = web_field(r, "text");
	char message[400];
	char *clean = NULL;
	long line = 0;
	enum engine_saved saved;
	struct error err = {0};

	if (pillar == NULL || text == NULL ||
	    (*pillar && engine_pillar_named(p->e.q, pillar) < 0)) {
		findings_page(p, out, "error", T(MSG_W_NOT_FOUND));
		out->status = 422;
		return;
	}
	/* CR LF from the browser: one line end */
	char *plain = xstrdup(text);
	size_t k = 0;

	for (const char *c = text; *c; c++)
		if (*c != '\r')
			plain[k++] = *c;
	plain[k] = '\0';
	if (chain_finding_text(plain, k, r->lang, &clean, &line, message, sizeof(message)) < 0) {
		free(plain);
		findings_page(p, out, "error", message);
		out->status = 422;
		return;
	}
	free(plain);
	if (engine_set_finding(&p->e, pillar, clean, &saved, &err) < 0) {
		free(clean);
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	free(clean);
	if (saved == ENGINE_NOT_SAVED || saved == ENGINE_REFUSED) {
		char *said = xasprintf("%s %s", T(MSG_NOT_SAVED), p->e.last_error);

		findings_page(p, out, "error", said);
		out->status = 503;
		free(said);
		return;
	}
	findings_page(p, out, "ok",
		      T(saved == ENGINE_UNCHANGED ? MSG_FINDING_UNCHANGED : MSG_SAVED));
}

/* ---- conflicts --------------------------------------------------------------- */

/* The value a conflict's question has here (what "keep this" keeps). */
static void
web_conflict_here(struct page *p, const struct chain_conflict *c, char **state, char **value)
{
	*state = NULL;
	*value = NULL;
	if (strcmp(c->field, "finding") == 0) {
		struct error err = {0};

		if (engine_finding(&p->e, c->question_id, value, &err) < 0)
			*value = xstrdup("");
		return;
	}
	const struct question *qu = questionnaire_find_question(p->e.q, c->question_id);
	const struct answer *w = qu ? p->e.by_index[qu - p->e.q->questions] : NULL;

	if (w == NULL)
		return;
	if (strcmp(c->field, "answer") == 0) {
		*state = xstrdup(answer_state_name(w->state));
		*value = w->value ? xstrdup(w->value) : NULL;
	} else {
		*value = xstrdup(strcmp(c->field, "evidence") == 0	    ? w->evidence
					 : strcmp(c->field, "comment") == 0 ? w->comment
					 : w->flagged			    ? "1"
									    : "0");
	}
}

static void
conflicts_page(struct page *p, struct web_response *out, const char *kind, const char *said)
{
	const struct web_request *r = p->r;
	struct chain_conflict *c = NULL;
	size_t n = 0;
	struct error err = {0};
	struct html h = {0};
	char action[64];

	snprintf(action, sizeof(action), "%s/conflicts", p->base);
	if (p->a.id && store_conflicts_load(p->s->ctx->store, p->a.id, &c, &n, &err) < 0) {
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	page_start(p->s, r, &h, T(MSG_W_CONFLICTS));
	assessment_head(p, &h, "/conflicts");
	if (said)
		message_box(&h, kind, said);
	if (n == 0) {
		html_raw(&h, "<p>");
		html_text(&h, T(MSG_W_NO_CONFLICTS));
		html_raw(&h, "</p>");
	}
	for (size_t k = 0; k < n; k++) {
		char *subject = cmd_conflict_subject(c[k].question_id, c[k].field);
		char *theirs = cmd_conflict_value(p->s->ctx, c[k].question_id, c[k].field,
						  c[k].state, c[k].value);
		char *ours = NULL;
		char *state = NULL;
		char *value = NULL;

		web_conflict_here(p, &c[k], &state, &value);
		ours = cmd_conflict_value(p->s->ctx, c[k].question_id, c[k].field, state, value);
		html_raw(&h, "<section class=\"conflict\"><h2>");
		html_text(&h, subject);
		html_raw(&h, "</h2>");
		form_start(r, &h, action, NULL);
		html_raw(&h, "<input type=\"hidden\" name=\"question\" value=\"");
		html_text(&h, c[k].question_id);
		html_raw(&h, "\"><input type=\"hidden\" name=\"field\" value=\"");
		html_text(&h, c[k].field);
		html_raw(&h, "\"><div class=\"sides\"><div><p class=\"value\">");
		html_text(&h, ours);
		html_raw(&h, "</p><p class=\"meta\">");
		html_text(&h, c[k].here_by);
		html_raw(&h, " \u00b7 ");
		html_time(&h, c[k].here_at, 1);
		html_rawf(&h, "</p><button type=\"submit\" name=\"take\" value=\"1\"%s>",
			  p->writable ? "" : " disabled");
		html_text(&h, T(MSG_W_KEEP_THIS));
		html_raw(&h, "</button></div><div><p class=\"value\">");
		html_text(&h, theirs);
		html_raw(&h, "</p><p class=\"meta\">");
		html_text(&h, c[k].changed_by);
		html_raw(&h, " \u00b7 ");
		html_time(&h, c[k].changed_at, 1);
		html_rawf(&h, "</p><button type=\"submit\" name=\"take\" value=\"2\"%s>",
			  p->writable ? "" : " disabled");
		html_text(&h, T(MSG_W_KEEP_THIS));
		html_rawf(&h, "</button></div></div><label for=\"why-%zu\">", k);
		html_text(&h, T(MSG_W_WHY));
		html_rawf(&h,
			  "</label> <input id=\"why-%zu\" name=\"reason\" required "
			  "maxlength=\"4000\"></form></section>",
			  k);
		free(subject);
		free(theirs);
		free(ours);
		free(state);
		free(value);
	}
	store_conflicts_release(c, n);
	page_end(&h, out);
}

static void
conflicts_post(struct page *p, struct web_response *out)
{
	const struct web_request *r = p->r;
	const char *question = web_field(r, "question");
	const char *field = web_field(r, "field");
	const char *take = web_field(r, "take");
	const char *reason = web_field(r, "reason");
	struct chain_conflict *c = NULL;
	const struct chain_conflict *chosen = NULL;
	size_t n = 0;
	struct error err = {0};
	char message[256];
	char *state = NULL;
	char *value = NULL;

	if (reason == NULL || *reason == '\0') {
		conflicts_page(p, out, "error", T(MSG_W_REASON_NEEDED));
		out->status = 422;
		return;
	}
	if (answer_check_text(reason, 4096, r->lang, message, sizeof(message)) < 0) {
		conflicts_page(p, out, "error", message);
		out->status = 422;
		return;
	}
	if (p->a.id && store_conflicts_load(p->s->ctx->store, p->a.id, &c, &n, &err) < 0) {
		simple_page(p->s, r, out, 500, err.message);
		return;
	}
	for (size_t k = 0; k < n && question && field; k++)
		if (strcmp(c[k].question_id, question) == 0 && strcmp(c[k].field, field) == 0)
			chosen = &c[k];
	if (chosen == NULL || take == NULL || (strcmp(take, "1") != 0 && strcmp(take, "2") != 0)) {
		store_conflicts_release(c, n);
		conflicts_page(p, out, "error", T(MSG_W_NOT_FOUND));
		out->status = 422;
		return;
	}
	if (strcmp(take, "2") == 0) {
		state = chosen->state ? xstrdup(chosen->state) : NULL;
		value = chosen->value ? xstrdup(chosen->value) : NULL;
	} else {
		web_conflict_here(p, chosen, &state, &value);
	}
	if (store_resolve(p->s->ctx->store, &p->a, chosen->question_id, chosen->field, state, value,
			  reason, p->s->ctx->assessor, &err) < 0) {
		store_conflicts_release(c, n);
		free(state);
		free(value);
		conflicts_page(p, out, "error", err.message);
		out->status = 503;
		return;
	}
	store_conflicts_release(c, n);
	free(state);
	free(value);
	conflicts_page(p, out, "ok", T(MSG_SAVED));
}

/* ---- the score --------------------------------------------------------------- */

static void
radar(struct html *h, const struct questionnaire *q, const struct score_result *res,
      const char *lang)
{
	/* clockwise from the top, and the other way round right to left */
	const double turn = strcmp(lang, "ar") == 0 ? -6.283185307179586 : 6.283185307179586;
	const double cx = 160;
	const double cy = 150;
	const double R = 110;
	size_t n = q->pillar_count;

	html_raw(h, "<svg class=\"radar\" viewBox=\"0 0 320 300\" role=\"img\" aria-label=\"");
	html_text(h, i18n(lang, MSG_R_RADAR_CAPTION));
	html_raw(h, "\">");
	for (int ring = 1; ring <= 4; ring++) {
		html_raw(h, "<polygon class=\"ring\" points=\"");
		for (size_t k = 0; k < n; k++) {
			double angle = -1.5707963267948966 + turn * (double)k / (double)n;

			html_rawf(h, "%.1f,%.1f ", cx + R * ring / 4 * cos(angle),
				  cy + R * ring / 4 * sin(angle));
		}
		html_raw(h, "\"/>");
	}
	html_raw(h, "<polygon class=\"area\" points=\"");
	for (size_t k = 0; k < n; k++) {
		double angle = -1.5707963267948966 + turn * (double)k / (double)n;
		double v = res->pillars[k].counted ? res->pillars[k].score : 0;

		html_rawf(h, "%.1f,%.1f ", cx + R * v * cos(angle), cy + R * v * sin(angle));
	}
	html_raw(h, "\"/>");
	for (size_t k = 0; k < n; k++) {
		double angle = -1.5707963267948966 + turn * (double)k / (double)n;

		html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>",
			  cx + (R + 18) * cos(angle), cy + (R + 18) * sin(angle) + 4, k + 1);
	}
	html_raw(h, "</svg>");
}

static void
score_page(struct page *p, struct web_response *out)
{
	const struct web_request *r = p->r;
	const struct questionnaire *q = p->e.q;
	struct score_result res = {0};
	struct html h = {0};
	char number[I18N_NUMBER_SIZE];
	size_t *order = xcalloc(q->indicator_count + 1, sizeof(*order));
	int reachable = 0;
	size_t path;

	score_assessment(q, &p->e.answers, &res);
	page_start(p->s, r, &h, T(MSG_R_SCORE));
	assessment_head(p, &h, "/score");
	html_raw(&h, "<div class=\"score\"><div><p class=\"overall\">");
	html_text(&h, T(MSG_R_OVERALL));
	html_raw(&h, ": <strong id=\"overall\">");
	html_text(&h, i18n_fixed(number, res.overall, 1, 0, r->lang));
	html_raw(&h, "</strong> / 100</p><p>");
	html_text(&h, T(MSG_R_TIER));
	html_raw(&h, ": <strong id=\"tier\">");
	if (q->tier_count)
		html_text(&h, text_get(&q->tiers[res.tier].name, r->lang));
	html_raw(&h, "</strong></p><p>");
	html_text(&h, T(MSG_R_COMPLETENESS));
	html_raw(&h, ": ");
	html_text(&h, i18n_fixed(number, res.completeness * 100, 0, 0, r->lang));
	html_text(&h, T(MSG_PERCENT));
	html_raw(&h, "</p>");
	table_head(&h, r->lang, "pillars",
		   (const enum msg[]){MSG_PILLAR, MSG_R_POINTS, MSG_R_MAXIMUM}, 3);
	for (size_t k = 0; k < q->pillar_count; k++) {
		html_rawf(&h, "<tr><td>%zu. ", k + 1);
		html_text(&h, text_get(&q->pillars[k].title, r->lang));
		html_raw(&h, "</td><td>");
		html_text(&h, i18n_fixed(number, res.pillars[k].points, 1, 0, r->lang));
		html_raw(&h, "</td><td>");
		html_text(&h, i18n_fixed(number, res.pillars[k].worth, 1, 0, r->lang));
		html_raw(&h, "</td></tr>");
	}
	html_raw(&h, "</tbody></table></div>");
	radar(&h, q, &res, r->lang);
	html_raw(&h, "</div><h2>");
	html_text(&h, T(MSG_R_PATH));
	html_raw(&h, "</h2>");
	path = score_path_to_next_tier(q, &res, order, &reachable);
	if (path == 0) {
		html_raw(&h, "<p>");
		html_text(&h, T(res.tier + 1 >= q->tier_count ? MSG_R_PATH_TOP : MSG_R_PATH_NONE));
		html_raw(&h, "</p>");
	} else {
		const struct tier *next = &q->tiers[res.tier + 1];
		char *intro = i18n_fill(r->lang, MSG_R_PATH_INTRO, text_get(&next->name, r->lang),
					i18n_fixed(number, next->min, 0, 0, r->lang));

		html_raw(&h, "<p>");
		html_text(&h, intro);
		html_raw(&h, "</p><ol class=\"path\">");
		free(intro);
		for (size_t k = 0; k < path; k++) {
			const struct indicator *ind = &q->indicators[order[k]];
			char *gain = i18n_fill(
				r->lang, MSG_R_GAIN,
				i18n_fixed(number, score_gain(&res, order[k]), 1, 0, r->lang),
				NULL);

			html_raw(&h, "<li>");
			html_text(&h, text_get(&ind->title, r->lang));
			html_raw(&h, " \u00b7 ");
			html_text(&h, gain);
			html_raw(&h, "</li>");
			free(gain);
		}
		html_raw(&h, "</ol>");
	}
	score_result_release(&res);
	free(order);
	page_end(&h, out);
}

/* ---- downloads --------------------------------------------------------------- */

/* Run a cirt command in this process (report, compare) into a private
 * folder of its own, and send what it wrote. */
static void
download(struct web_server *s, const struct web_request *r, struct web_response *out,
	 const struct cmd *command, const struct country *country, int cycle, const char *format,
	 const char *name, const char *type)
{
	struct cmd_context ctx = *s->ctx;
	char folder[] = "/tmp/cirt-serve-XXXXXX";
	char *path;
	char arg_name[16];
	char arg_format[] = "--format";
	char arg_kind[8];
	char arg_output[] = "--output";
	char *argv[6];
	int argc = 0;
	int status;
	size_t size = 0;
	struct error err = {0};
	char *data;
	const char *tmp = getenv("TMPDIR");
	char *dir = tmp && *tmp == '/' ? xasprintf("%s/cirt-serve-XXXXXX", tmp) : xstrdup(folder);

	if (mkdtemp(dir) == NULL) {
		simple_page(s, r, out, 500, strerror(errno));
		free(dir);
		return;
	}
	path = xasprintf("%s/%s", dir, name);
	ctx.country = country;
	ctx.cycle = cycle;
	ctx.lang = r->lang;
	snprintf(arg_name, sizeof(arg_name), "%s", command->name);
	snprintf(arg_kind, sizeof(arg_kind), "%s", format);
	argv[argc++] = arg_name;
	argv[argc++] = arg_format;
	argv[argc++] = arg_kind;
	argv[argc++] = arg_output;
	argv[argc++] = path;
	argv[argc] = NULL;
	/* what the command says on standard output (the file it wrote) is
	 * not for the server's log */
	fflush(stdout);
	int saved_out = dup(STDOUT_FILENO);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (saved_out >= 0 && null >= 0)
		dup2(null, STDOUT_FILENO);
	status = command->run(command, &ctx, argc, argv);
	fflush(stdout);
	if (saved_out >= 0 && null >= 0)
		dup2(saved_out, STDOUT_FILENO);
	if (saved_out >= 0)
		close(saved_out);
	if (null >= 0)
		close(null);
	data = status == EXIT_OK ? file_read(path, 256UL * 1024 * 1024, &size, &err) : NULL;
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	if (data == NULL) {
		simple_page(s, r, out, status == EXIT_DATA ? 409 : 500, T(MSG_W_NO_REPORT));
		return;
	}
	out->body = data;
	out->len = size;
	out->type = type;
	out->disposition = xasprintf("attachment; filename=\"%s\"", name);
}

static void
attachment_get(struct page *p, struct web_response *out, const char *id)
{
	const struct web_request *r = p->r;
	struct attachment at = {0};
	struct error err = {0};

	if (p->a.id == 0 || store_attachment_get(p->s->ctx->store, p->a.id, id, &at, &err) != 0 ||
	    at.data == NULL) {
		attachment_release(&at);
		simple_page(p->s, p->r, out, 404, T(MSG_W_NOT_FOUND));
		return;
	}
	char *name = attachment_file_name(&at);
	struct html h = {0};

	/* never shown in the page: always a download */
	out->body = (char *)at.data;
	out->len = (size_t)at.size;
	at.data = NULL;
	out->type = "application/octet-stream";
	html_raw(&h, "attachment; filename*=UTF-8''");
	html_url(&h, name);
	out->disposition = html_take(&h, NULL);
	free(name);
	attachment_release(&at);
}

/* ---- routing ------------------------------------------------------------------ */

/* Split path into at most max segments, in place in buf. */
static size_t
segments(char *buf, char **seg, size_t max)
{
	size_t n = 0;

	for (char *s = strtok(buf, "/"); s && n < max; s = strtok(NULL, "/"))
		seg[n++] = s;
	return n;
}

static void
assessment_route(struct web_server *s, const struct web_request *r, struct web_response *out,
		 char **seg, size_t n)
{
	struct page p;
	int writes = r->post;

	if (page_open(&p, s, r, seg[1], seg[2], out) != 0)
		return;
	if (writes && !p.writable) {
		simple_page(s, r, out, 409, *p.held ? p.held : T(MSG_W_FINAL));
		page_close(&p);
		return;
	}
	if (n == 3 && !r->post) {
		size_t i = p.e.cur < p.e.q->question_count ? p.e.cur : 0;

		if (!p.e.shown[i])
			i = engine_next(&p.e, i) < p.e.q->question_count ? engine_next(&p.e, i) : 0;
		struct html h = {0};

		question_link(&h, &p, i, NULL);
		redirect(out, 302, html_take(&h, NULL));
	} else if (n == 4 && strcmp(seg[3], "meeting") == 0 && r->post) {
		meeting_post(&p, out);
	} else if (n == 4 && strcmp(seg[3], "findings") == 0) {
		if (r->post)
			findings_post(&p, out);
		else
			findings_page(&p, out, NULL, NULL);
	} else if (n == 4 && strcmp(seg[3], "conflicts") == 0) {
		if (r->post)
			conflicts_post(&p, out);
		else
			conflicts_page(&p, out, NULL, NULL);
	} else if (n == 4 && strcmp(seg[3], "score") == 0 && !r->post) {
		score_page(&p, out);
	} else if (n == 4 && !r->post && !r->head &&
		   (strcmp(seg[3], "report.pdf") == 0 || strcmp(seg[3], "report.docx") == 0)) {
		int docx = strcmp(seg[3], "report.docx") == 0;
		char name[32];

		snprintf(name, sizeof(name), "%s-%d.%s", p.a.country, p.a.cycle,
			 docx ? "docx" : "pdf");
		download(s, r, out, &cmd_report, p.country, p.a.cycle, docx ? "docx" : "pdf", name,
			 docx ? "application/"
				"vnd.openxmlformats-officedocument.wordprocessingml.document"
			      : "application/pdf");
	} else if (n == 5 && strcmp(seg[3], "att") == 0 && !r->post) {
		attachment_get(&p, out, seg[4]);
	} else if ((n == 5 || n == 6) && strcmp(seg[3], "q") == 0) {
		size_t i = question_named(&p, seg[4]);
		int known = i < p.e.q->question_count;
		/* what is asked of the question; "-" for one there is not */
		const char *what = !known ? "-" : n == 6 ? seg[5] : "";

		/* a question skip logic hides is shown with its answer kept, and
		 * changed no more than the terminal lets one go to it */
		if (known && !p.e.shown[i]) {
			p.writable = 0;
			if (r->post) {
				char *text = i18n_fill(r->lang, MSG_HIDDEN_QUESTION,
						       p.e.q->questions[i].condition_source, NULL);

				question_page(&p, out, i, "error", text, NULL, NULL);
				out->status = 409;
				free(text);
				page_close(&p);
				return;
			}
		}
		if (known && !r->post && n == 5) {
			char *said = saved_line(&p);
			const char *done = web_field(r, "done");

			p.e.cur = i;
			question_page(&p, out, i, "ok", said ? said : done_line(&p, i, done), NULL,
				      NULL);
			free(said);
		} else if (!r->post && strcmp(what, "history") == 0) {
			history_page(&p, out, i);
		} else if (r->post && strcmp(what, "answer") == 0) {
			answer_post(&p, out, i);
		} else if (r->post && strcmp(what, "evidence") == 0) {
			text_post(&p, out, i, 1);
		} else if (r->post && strcmp(what, "note") == 0) {
			text_post(&p, out, i, 0);
		} else if (r->post && strcmp(what, "flag") == 0) {
			flag_post(&p, out, i);
		} else if (r->post && strcmp(what, "attach") == 0) {
			attach_post(&p, out, i);
		} else if (r->post && strcmp(what, "detach") == 0) {
			detach_post(&p, out, i);
		} else {
			simple_page(s, r, out, 404, T(MSG_W_NOT_FOUND));
		}
	} else {
		simple_page(s, r, out, 404, T(MSG_W_NOT_FOUND));
	}
	page_close(&p);
}

void
web_route(struct web_server *s, const struct web_request *r, struct web_response *out)
{
	char *buf = xstrdup(r->path);
	char *seg[8];
	size_t n = segments(buf, seg, 8);

	if (n == 2 && strcmp(seg[0], "static") == 0 && !r->post &&
	    web_asset(seg[1], &out->body, &out->len, &out->type) == 0) {
		/* built into the binary */
	} else if (n == 0 && !r->post) {
		list_page(s, r, out);
	} else if (n == 1 && strcmp(seg[0], "new") == 0 && r->post) {
		new_page(s, r, out);
	} else if (n == 1 && strcmp(seg[0], "compare.pdf") == 0 && !r->post && !r->head) {
		const char *cycle_text = web_field(r, "cycle");
		char *end = NULL;
		long cycle = cycle_text ? strtol(cycle_text, &end, 10) : cmd_current_year();

		if ((end && *end) || cycle < 2000 || cycle > cmd_current_year() + 1)
			simple_page(s, r, out, 404, T(MSG_W_NOT_FOUND));
		else
			download(s, r, out, &cmd_compare, NULL, (int)cycle, "pdf", "comparison.pdf",
				 "application/pdf");
	} else if (n >= 3 && n <= 6 && strcmp(seg[0], "a") == 0) {
		assessment_route(s, r, out, seg, n);
	} else {
		simple_page(s, r, out, 404, T(MSG_W_NOT_FOUND));
	}
	free(buf);
}
