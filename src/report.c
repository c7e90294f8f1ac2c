/* Building the country report and the comparison as documents (doc.h).
 *
 * What a report says, in which order and in which words is decided here;
 * how it falls on pages (or in a Word file) is the renderers' business
 * (render_pdf.c, render_docx.c). Text from the questionnaire and the
 * record is passed as it is: renderers escape or replace what their
 * format cannot carry. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "i18n.h"
#include "recommend.h"
#include "render.h"
#include "xmalloc.h"

#define TEXT_WIDTH 483.0 /* A4 less the margins, in points */

struct build {
	struct doc *d;
	const struct report_input *in;
	const struct answer **by_question; /* in->answers by question, for a report */
	const struct comparison_input *cmp;
	const char *lang;
};

/* ---- words and numbers ------------------------------------------------- */

static const char *
msg(const struct build *b, enum msg m)
{
	return i18n(b->lang, m);
}

static const char *
colon(const struct build *b)
{
	return i18n(b->lang, MSG_COLON);
}

static const char *
title_of(const struct build *b, const struct text *t)
{
	return text_get(t, b->lang);
}

/* A score to one decimal in the report's language (French and Spanish write
 * a decimal comma), with its sign if sign is set. */
static const char *
num_sign(const struct build *b, double v, int sign)
{
	char buf[I18N_NUMBER_SIZE];

	return doc_str(b->d, i18n_fixed(buf, v, 1, sign, b->lang));
}

static const char *
num(const struct build *b, double v)
{
	return num_sign(b, v, 0);
}

/* A share 0..1 as a whole percentage. */
static const char *
pct(const struct build *b, double v)
{
	return doc_fmt(b->d, "%.0f%s", 100 * v, msg(b, MSG_PERCENT));
}

/* A message with its %1 and %2 filled in. */
static const char *
fill_in(const struct build *b, enum msg m, const char *x, const char *y)
{
	char *s = i18n_fill(b->lang, m, x, y);
	const char *kept = doc_str(b->d, s);

	free(s);
	return kept;
}

/* The one or many form of a count message, filled in with n. */
static const char *
count_of(const struct build *b, size_t n, enum msg m, const char *x)
{
	char digits[32];
	const char *args[2];
	char *s;
	const char *kept;

	snprintf(digits, sizeof(digits), "%zu", n);
	args[0] = x ? x : digits;
	args[1] = digits;
	s = i18n_format(i18n_n(b->lang, m, n), args, 2);
	kept = doc_str(b->d, s);
	free(s);
	return kept;
}

/* The report's country, named in the report's language. */
static const char *
country_of(const struct build *b)
{
	return b->in->country ? country_name(b->in->country, b->lang) : b->in->a->country;
}

static const struct doc_colour *
status_colour(enum indicator_status s)
{
	switch (s) {
	case STATUS_MET:
		return &DOC_MET;
	case STATUS_PARTIAL:
		return &DOC_PARTIAL;
	case STATUS_NOT_MET:
		return &DOC_NOT_MET;
	default:
		return &DOC_NOT_APPLICABLE;
	}
}

static const char *
status_text(const struct build *b, enum indicator_status s)
{
	switch (s) {
	case STATUS_MET:
		return msg(b, MSG_R_MET);
	case STATUS_PARTIAL:
		return msg(b, MSG_R_PARTIAL);
	case STATUS_NOT_MET:
		return msg(b, MSG_R_NOT_MET);
	default:
		return msg(b, MSG_NOT_APPLICABLE);
	}
}

static struct doc_paragraph *
para(const struct build *b, const char *text, enum doc_size size, enum doc_tone tone)
{
	struct doc_paragraph *p = doc_para(b->d, text);

	p->size = size;
	p->tone = tone;
	return p;
}

/* A text of the team's in paragraphs: blank lines separate them. */
static void
prose(const struct build *b, const char *text)
{
	const char *s = text;

	while (*s) {
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *one = xstrndup(s, n);

		if (strspn(one, " \n\t") < n)
			para(b, doc_str(b->d, one), DOC_SIZE_BODY, DOC_TONE_NORMAL);
		free(one);
		s += n;
		while (*s == '\n')
			s++;
	}
}

static const struct finding *
finding_of(const struct report_input *in, const char *pillar)
{
	for (size_t i = 0; i < in->finding_count; i++)
		if (strcmp(in->findings[i].pillar, pillar) == 0 && *in->findings[i].text)
			return &in->findings[i];
	return NULL;
}

/* ---- the cover --------------------------------------------------------- */

static void
cover(struct build *b)
{
	const struct report_input *in = b->in;
	const struct questionnaire *q = in->q;
	struct doc_block *blk;
	const char **facts = doc_alloc(b->d, 10 * sizeof(char *));
	char day[16];
	struct tm tm;

	gmtime_r(&in->date, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	facts[0] = msg(b, MSG_R_MISSION);
	facts[1] = *in->a->mission_start
		? doc_fmt(b->d, "%s \u2013 %s", in->a->mission_start, in->a->mission_end)
		: "\u2013";
	/* the meetings say when the mission met people better than the
	 * dates answers were typed */
	if (in->meeting_count > 0) {
		const char *first = in->meetings[0].met_on;
		const char *last = first;

		for (size_t i = 1; i < in->meeting_count; i++) {
			if (strcmp(in->meetings[i].met_on, first) < 0)
				first = in->meetings[i].met_on;
			if (strcmp(in->meetings[i].met_on, last) > 0)
				last = in->meetings[i].met_on;
		}
		facts[1] = strcmp(first, last) == 0 ? first
						    : doc_fmt(b->d, "%s \u2013 %s", first, last);
	}
	facts[2] = msg(b, MSG_R_ASSESSORS);
	facts[3] = doc_str(b->d, *in->a->assessors ? in->a->assessors : "\u2013");
	facts[4] = msg(b, MSG_R_QUESTIONNAIRE);
	facts[5] =
		doc_fmt(b->d, "%s, %s %s", title_of(b, &q->title), msg(b, MSG_VERSION), q->version);
	facts[6] = msg(b, MSG_R_STATUS);
	facts[7] = msg(b, in->a->final ? MSG_R_FINAL : MSG_R_DRAFT);
	facts[8] = msg(b, MSG_R_REPORT_DATE);
	facts[9] = doc_str(b->d, day);
	blk = doc_add(b->d, DOC_COVER);
	blk->u.cover.title = title_of(b, &q->title);
	blk->u.cover.country = country_of(b);
	blk->u.cover.subtitle =
		doc_fmt(b->d, "%s \u00b7 %s %d", in->a->country, msg(b, MSG_R_CYCLE), in->a->cycle);
	blk->u.cover.facts = facts;
	blk->u.cover.fact_count = 5;
	blk->u.cover.watermark = in->a->final ? NULL : msg(b, MSG_R_DRAFT);
	blk->u.cover.notice = in->sample ? msg(b, MSG_R_SAMPLE) : NULL;
}

/* ---- charts ------------------------------------------------------------ */

/* The pillar scores as a radar (three pillars or more) or as bars. */
static void
pillar_chart(struct build *b)
{
	const struct questionnaire *q = b->in->q;
	const struct score_result *s = b->in->score;
	size_t n = q->pillar_count;
	struct doc_figure_builder f;

	doc_figure_begin(&f, b->d);
	if (n >= 3) {
		double cx = TEXT_WIDTH / 2, cy = 115, r = 82;
		double *xy = xcalloc(2 * n, sizeof(double));

		for (int ring = 1; ring <= 4; ring++) {
			for (size_t k = 0; k < n; k++) {
				double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;

				xy[2 * k] = cx + r * ring / 4 * cos(a);
				xy[2 * k + 1] = cy + r * ring / 4 * sin(a);
			}
			doc_figure_polygon(&f, xy, n, NULL, &DOC_RULE, 0.5);
		}
		for (size_t k = 0; k < n; k++) {
			double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;

			doc_figure_line(&f, cx, cy, cx + r * cos(a), cy + r * sin(a), DOC_RULE,
					0.5);
		}
		for (size_t k = 0; k < n; k++) {
			double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;
			double v = s->pillars[k].counted ? s->pillars[k].score : 0;

			/* a point at the centre still draws a visible dot */
			if (v < 0.02)
				v = 0.02;
			xy[2 * k] = cx + r * v * cos(a);
			xy[2 * k + 1] = cy + r * v * sin(a);
		}
		doc_figure_polygon(&f, xy, n, &DOC_ACCENT_FILL, &DOC_ACCENT, 1.2);
		for (size_t k = 0; k < n; k++) {
			double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;
			double lx = cx + (r + 14) * cos(a);
			double ly = cy + (r + 14) * sin(a);
			enum doc_align al = cos(a) > 0.2 ? DOC_ALIGN_LEFT
				: cos(a) < -0.2		 ? DOC_ALIGN_RIGHT
							 : DOC_ALIGN_CENTRE;
			const char *title = title_of(b, &q->pillars[k].title);
			/* lines the label takes, roughly, to put the score under it */
			double lines = ceil((double)strlen(title) * 3.6 / 90);

			if (lines < 1)
				lines = 1;
			if (lines > 3)
				lines = 3;
			if (sin(a) < -0.2)
				ly -= 8;
			else if (sin(a) > 0.2)
				ly += 8.5 * lines;
			doc_figure_text(&f, lx, ly, title, 7, 0, al, 90, DOC_BLACK);
			doc_figure_text(&f, lx, ly - 8.5 * lines,
					s->pillars[k].counted ? pct(b, s->pillars[k].score)
							      : msg(b, MSG_NOT_APPLICABLE),
					7.5, 1, al, 0, DOC_ACCENT);
		}
		free(xy);
		doc_figure_end(&f, TEXT_WIDTH, 240, msg(b, MSG_R_RADAR_CAPTION));
		return;
	}
	/* one or two pillars: a bar each */
	for (size_t k = 0; k < n; k++) {
		double y = 30.0 * (double)(n - 1 - k) + 8;
		double v = s->pillars[k].counted ? s->pillars[k].score : 0;

		doc_figure_text(&f, 0, y + 3, title_of(b, &q->pillars[k].title), 8, 0,
				DOC_ALIGN_LEFT, 170, DOC_BLACK);
		doc_figure_rect(&f, 180, y, 250, 12, &DOC_LIGHT, NULL, 0);
		if (v > 0)
			doc_figure_rect(&f, 180, y, 250 * v, 12, &DOC_ACCENT, NULL, 0);
		doc_figure_text(&f, 436, y + 3,
				s->pillars[k].counted ? pct(b, v) : msg(b, MSG_NOT_APPLICABLE), 8,
				1, DOC_ALIGN_LEFT, 0, DOC_ACCENT);
	}
	doc_figure_end(&f, TEXT_WIDTH, 30.0 * (double)n + 10, msg(b, MSG_R_RADAR_CAPTION));
}

/* The overall score and the tier, large. */
static void
score_card(struct build *b)
{
	const struct questionnaire *q = b->in->q;
	const struct score_result *s = b->in->score;
	struct doc_figure_builder f;

	doc_figure_begin(&f, b->d);
	doc_figure_text(&f, 0, 46, msg(b, MSG_R_OVERALL), 10, 0, DOC_ALIGN_LEFT, 0, DOC_BLACK);
	doc_figure_text(&f, TEXT_WIDTH / 2, 46, msg(b, MSG_R_TIER), 10, 0, DOC_ALIGN_LEFT, 0,
			DOC_BLACK);
	doc_figure_text(&f, 100, 12, num(b, s->overall), 30, 1, DOC_ALIGN_RIGHT, 0, DOC_ACCENT);
	doc_figure_text(&f, 106, 12, "/ 100", 12, 0, DOC_ALIGN_LEFT, 0, DOC_GREY);
	doc_figure_text(&f, TEXT_WIDTH / 2, 12, title_of(b, &q->tiers[s->tier].name), 20, 1,
			DOC_ALIGN_LEFT, TEXT_WIDTH / 2, DOC_ACCENT);
	doc_figure_end(&f, TEXT_WIDTH, 60,
		       doc_fmt(b->d, "%s%s %s / 100 \u00b7 %s%s %s", msg(b, MSG_R_OVERALL),
			       colon(b), num(b, s->overall), msg(b, MSG_R_TIER), colon(b),
			       title_of(b, &q->tiers[s->tier].name)));
}

/* Indicators sorted by score: best first (best = 1) or worst first; ties
 * keep questionnaire order. */
static size_t
ranked(const struct questionnaire *q, const struct score_result *s, int best, size_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < q->indicator_count; i++) {
		size_t k = n;

		if (!s->indicators[i].counted)
			continue;
		while (k > 0 &&
		       (best ? s->indicators[out[k - 1]].score < s->indicators[i].score
			     : s->indicators[out[k - 1]].score > s->indicators[i].score)) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = i;
		n++;
	}
	return n;
}

/* The strongest and weakest indicators side by side: at most three each,
 * never the same indicator in both. */
static void
strongest_weakest(struct build *b)
{
	const struct questionnaire *q = b->in->q;
	const struct score_result *s = b->in->score;
	size_t *best = xcalloc(q->indicator_count + 1, sizeof(size_t));
	size_t *worst = xcalloc(q->indicator_count + 1, sizeof(size_t));
	size_t n = ranked(q, s, 1, best);
	size_t k = n / 2;
	struct doc_column *cols = doc_alloc(b->d, 2 * sizeof(*cols));
	const char **cells = doc_alloc(b->d, 2 * (k + 1) * sizeof(char *));
	const struct doc_colour **fills = doc_alloc(b->d, 2 * (k + 1) * sizeof(*fills));

	ranked(q, s, 0, worst);
	if (k > 3)
		k = 3;
	if (k == 0) {
		para(b, msg(b, MSG_R_TOO_FEW), DOC_SIZE_SMALL, DOC_TONE_MUTED);
		free(best);
		free(worst);
		return;
	}
	cols[0] = (struct doc_column){msg(b, MSG_R_STRONGEST), 0.5, 0};
	cols[1] = (struct doc_column){msg(b, MSG_R_WEAKEST), 0.5, 0};
	for (size_t r = 0; r < k; r++) {
		size_t hi = best[r], lo = worst[r];

		cells[2 * r] = doc_fmt(b->d, "%s \u00b7 %s", pct(b, s->indicators[hi].score),
				       title_of(b, &q->indicators[hi].title));
		cells[2 * r + 1] = doc_fmt(b->d, "%s \u00b7 %s", pct(b, s->indicators[lo].score),
					   title_of(b, &q->indicators[lo].title));
		fills[2 * r] = status_colour(s->indicators[hi].status);
		fills[2 * r + 1] = status_colour(s->indicators[lo].status);
	}
	doc_table(b->d, cols, 2, cells, fills, k);
	free(best);
	free(worst);
}

/* The country against its region and the world, as bars. */
static void
against_means(struct build *b)
{
	const struct report_input *in = b->in;
	const char *region = in->country ? region_code(in->country->region) : "?";
	int drafts = in->include_drafts;
	const char *labels[3];
	double values[3] = {in->score->overall, in->region_mean, in->global_mean};
	size_t rows = 0;
	struct doc_figure_builder f;

	labels[rows++] = country_of(b);
	if (in->region_count > 0)
		labels[rows++] = count_of(
			b, in->region_count,
			drafts ? MSG_R_REGION_MEAN_DRAFTS_COUNT : MSG_R_REGION_MEAN_COUNT, region);
	else
		values[1] = values[2];
	labels[rows++] =
		count_of(b, in->global_count,
			 drafts ? MSG_R_GLOBAL_MEAN_DRAFTS_COUNT : MSG_R_GLOBAL_MEAN_COUNT, NULL);
	doc_heading(b->d, 2, 0, msg(b, MSG_R_COMPARISON));
	doc_figure_begin(&f, b->d);
	for (size_t k = 0; k < rows; k++) {
		double y = 22.0 * (double)(rows - 1 - k) + 4;
		double v = values[k] < 0 ? 0 : values[k] > 100 ? 100 : values[k];

		doc_figure_text(&f, 0, y + 3, labels[k], 8, k == 0, DOC_ALIGN_LEFT, 200, DOC_BLACK);
		doc_figure_rect(&f, 210, y, 230, 12, &DOC_LIGHT, NULL, 0);
		doc_figure_rect(&f, 210, y, 230 * v / 100, 12, k ? &DOC_ACCENT_FILL : &DOC_ACCENT,
				NULL, 0);
		doc_figure_text(&f, 446, y + 3, num(b, values[k]), 8, 1, DOC_ALIGN_LEFT, 0,
				DOC_BLACK);
	}
	doc_figure_end(&f, TEXT_WIDTH, 22.0 * (double)rows + 6,
		       doc_fmt(b->d, "%s%s %s", msg(b, MSG_R_COMPARISON), colon(b),
			       num(b, in->score->overall)));
}

/* ---- the executive summary -------------------------------------------- */

static void
summary(struct build *b)
{
	const struct report_input *in = b->in;
	const struct questionnaire *q = in->q;
	const struct score_result *s = in->score;
	const struct finding *team = finding_of(in, "");
	size_t rows = q->pillar_count + 1;
	struct doc_column *cols = doc_alloc(b->d, 4 * sizeof(*cols));
	const char **cells = doc_alloc(b->d, 4 * rows * sizeof(char *));

	doc_heading(b->d, 1, 1, msg(b, MSG_R_SUMMARY));
	if (team) {
		doc_heading(b->d, 2, 0, msg(b, MSG_R_TEAM_SUMMARY));
		prose(b, team->text);
	} else if (!in->a->final) {
		para(b, msg(b, MSG_R_NO_SUMMARY), DOC_SIZE_SMALL, DOC_TONE_MUTED);
	}
	score_card(b);
	para(b,
	     doc_fmt(b->d, "%s%s %s (%zu/%zu) \u2013 %s", msg(b, MSG_R_COMPLETENESS), colon(b),
		     pct(b, s->completeness), s->answered, s->shown,
		     msg(b, MSG_R_COMPLETENESS_NOTE)),
	     DOC_SIZE_SMALL, DOC_TONE_MUTED);
	pillar_chart(b);
	cols[0] = (struct doc_column){msg(b, MSG_PILLAR), 0.58, 0};
	cols[1] = (struct doc_column){msg(b, MSG_R_POINTS), 0.14, 1};
	cols[2] = (struct doc_column){msg(b, MSG_R_MAXIMUM), 0.14, 1};
	cols[3] = (struct doc_column){msg(b, MSG_R_SCORE), 0.14, 1};
	for (size_t p = 0; p < q->pillar_count; p++) {
		cells[4 * p] = title_of(b, &q->pillars[p].title);
		cells[4 * p + 1] = s->pillars[p].counted ? num(b, s->pillars[p].points)
							 : msg(b, MSG_NOT_APPLICABLE);
		cells[4 * p + 2] = num(b, s->pillars[p].worth);
		cells[4 * p + 3] = s->pillars[p].counted ? pct(b, s->pillars[p].score) : "\u2013";
	}
	cells[4 * q->pillar_count] = msg(b, MSG_R_OVERALL);
	cells[4 * q->pillar_count + 1] = num(b, s->overall);
	cells[4 * q->pillar_count + 2] = num(b, 100.0);
	cells[4 * q->pillar_count + 3] = pct(b, s->overall / 100);
	doc_table(b->d, cols, 4, cells, NULL, rows)->bold_last = 1;
	strongest_weakest(b);
	if (in->global_count > 0)
		against_means(b);
}

/* ---- the pillars -------------------------------------------------------- */

/* The people of a meeting as the report shows them: without names (the
 * parts in parentheses) unless the report names people. */
static const char *
people_text(struct build *b, const char *people)
{
	char *out;
	size_t n = 0;
	int depth = 0;
	const char *kept;

	if (b->in->names)
		return people;
	out = xmalloc(strlen(people) + 1);
	for (const char *p = people; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0 && !(*p == ' ' && (n == 0 || out[n - 1] == ' ')))
			out[n++] = *p;
		/* no space before a separator left by a removed name */
		if (depth == 0 && n >= 2 && (out[n - 1] == ';' || out[n - 1] == ',') &&
		    out[n - 2] == ' ') {
			out[n - 2] = out[n - 1];
			n--;
		}
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	kept = doc_str(b->d, out);
	free(out);
	return kept;
}

/* The number (from 1) of the meeting with id in the stakeholders annex,
 * or 0. */
static size_t
meeting_number(const struct report_input *in, const char *id)
{
	for (size_t i = 0; id && i < in->meeting_count; i++)
		if (strcmp(in->meetings[i].id, id) == 0)
			return i + 1;
	return 0;
}

/* The attachments of question_id, one line each: name, size, type and
 * SHA-256, so that a printed report pins each file. */
static void
attachments_of(struct build *b, const char *question_id)
{
	const struct report_input *in = b->in;
	const char *mark = msg(b, MSG_DECIMAL_MARK);

	for (size_t i = 0; i < in->attachment_count; i++) {
		const struct attachment *at = &in->attachments[i];
		char size[32];

		if (strcmp(at->question_id, question_id) != 0)
			continue;
		attachment_size_text(at->size, size, sizeof(size));
		if (*mark != '.' && strchr(size, '.'))
			*strchr(size, '.') = *mark;
		para(b,
		     doc_fmt(b->d, "%s%s %s (%s, %s) SHA-256 %s", msg(b, MSG_R_ATTACHMENT),
			     colon(b), at->name, size, at->type, at->sha256),
		     DOC_SIZE_SMALL, DOC_TONE_NORMAL)
			->indent = 1;
	}
}

static const char *
field_name(const struct build *b, const char *field)
{
	if (strcmp(field, "evidence") == 0)
		return msg(b, MSG_EVIDENCE_LABEL);
	if (strcmp(field, "comment") == 0)
		return msg(b, MSG_NOTE_LABEL);
	return field;
}

static void
disputes_of(struct build *b, const struct question *qu)
{
	const struct report_input *in = b->in;

	for (size_t c = 0; c < in->conflict_count; c++) {
		const struct chain_conflict *dispute = &in->conflicts[c];
		int answer = strcmp(dispute->field, "answer") == 0;
		char *other;

		if (strcmp(dispute->question_id, qu->id) != 0)
			continue;
		if (answer) {
			enum answer_state st = ANSWER_NONE;

			answer_state_parse(dispute->state ? dispute->state : "none", &st);
			other = answer_describe(qu, st, dispute->value, b->lang);
		} else {
			other = xstrdup(dispute->value ? dispute->value : "");
		}
		para(b,
		     doc_fmt(b->d, "%s%s%s%s %s \u201c%s\u201d (%s, %.10s)", msg(b, MSG_R_DISPUTED),
			     answer ? "" : " \u00b7 ", answer ? "" : field_name(b, dispute->field),
			     colon(b), msg(b, MSG_R_DISPUTED_NOTE), other, dispute->changed_by,
			     dispute->changed_at),
		     DOC_SIZE_SMALL, DOC_TONE_ALERT)
			->bold = 1;
		free(other);
	}
}

static int
disputed(const struct report_input *in, const char *question_id)
{
	for (size_t c = 0; c < in->conflict_count; c++)
		if (strcmp(in->conflicts[c].question_id, question_id) == 0)
			return 1;
	return 0;
}

static void
question_block(struct build *b, size_t qi)
{
	const struct report_input *in = b->in;
	const struct question *qu = &in->q->questions[qi];
	const struct answer *w = b->by_question[qi];
	size_t m;
	struct doc_paragraph *p;

	p = para(b,
		 doc_fmt(b->d, "%s%s%s \u00b7 %s", qu->id, w && w->flagged ? " \u2691" : "",
			 disputed(in, qu->id) ? doc_fmt(b->d, " [%s]", msg(b, MSG_R_DISPUTED_MARK))
					      : "",
			 title_of(b, &qu->text)),
		 DOC_SIZE_BODY, DOC_TONE_NORMAL);
	p->bold = 1;
	p->keep_with_next = 1;
	if (w && answer_is_given(w)) {
		char *d = answer_describe(qu, w->state, w->value, b->lang);

		para(b, doc_fmt(b->d, "%s%s %s", msg(b, MSG_R_ANSWER), colon(b), d), DOC_SIZE_BODY,
		     DOC_TONE_ACCENT)
			->indent = 1;
		free(d);
	} else {
		para(b, msg(b, MSG_R_NOT_ANSWERED), DOC_SIZE_BODY, DOC_TONE_MUTED)->indent = 1;
	}
	if (w && *w->evidence)
		para(b, doc_fmt(b->d, "%s%s %s", msg(b, MSG_EVIDENCE_LABEL), colon(b), w->evidence),
		     DOC_SIZE_SMALL, DOC_TONE_NORMAL)
			->indent = 1;
	if (w && *w->comment)
		para(b, doc_fmt(b->d, "%s%s %s", msg(b, MSG_NOTE_LABEL), colon(b), w->comment),
		     DOC_SIZE_SMALL, DOC_TONE_MUTED)
			->indent = 1;
	disputes_of(b, qu);
	m = w ? meeting_number(in, w->source) : 0;
	if (m)
		para(b,
		     doc_fmt(b->d, "%s%s [%zu] %s, %s", msg(b, MSG_R_SOURCE), colon(b), m,
			     in->meetings[m - 1].organisation, in->meetings[m - 1].met_on),
		     DOC_SIZE_SMALL, DOC_TONE_MUTED)
			->indent = 1;
	attachments_of(b, qu->id);
}

static void
pillar_section(struct build *b, size_t p)
{
	const struct report_input *in = b->in;
	const struct questionnaire *q = in->q;
	const struct score_result *s = in->score;
	const struct pillar *pl = &q->pillars[p];
	const struct finding *found = finding_of(in, pl->id);
	struct doc_column *cols = doc_alloc(b->d, 3 * sizeof(*cols));
	const char **cells = doc_alloc(b->d, 3 * (pl->indicator_count + 1) * sizeof(char *));
	const struct doc_colour **fills =
		doc_alloc(b->d, 3 * (pl->indicator_count + 1) * sizeof(*fills));

	doc_heading(b->d, 1, 1, doc_fmt(b->d, "%zu. %s", p + 1, title_of(b, &pl->title)));
	para(b,
	     s->pillars[p].counted
		     ? doc_fmt(b->d, "%s%s %s / %s \u00b7 %s", msg(b, MSG_R_POINTS), colon(b),
			       num(b, s->pillars[p].points), num(b, s->pillars[p].worth),
			       pct(b, s->pillars[p].score))
		     : msg(b, MSG_NOT_APPLICABLE),
	     DOC_SIZE_BODY, DOC_TONE_MUTED);
	if (found) {
		doc_heading(b->d, 2, 0, msg(b, MSG_R_FINDINGS));
		prose(b, found->text);
	}
	cols[0] = (struct doc_column){msg(b, MSG_R_INDICATOR), 0.62, 0};
	cols[1] = (struct doc_column){msg(b, MSG_R_SCORE), 0.18, 1};
	cols[2] = (struct doc_column){msg(b, MSG_R_STATUS), 0.20, 0};
	for (size_t k = 0; k < pl->indicator_count; k++) {
		size_t i = pl->first_indicator + k;

		cells[3 * k] = title_of(b, &q->indicators[i].title);
		cells[3 * k + 1] =
			s->indicators[i].counted ? pct(b, s->indicators[i].score) : "\u2013";
		cells[3 * k + 2] = status_text(b, s->indicators[i].status);
		fills[3 * k + 2] = status_colour(s->indicators[i].status);
	}
	doc_table(b->d, cols, 3, cells, fills, pl->indicator_count);
	for (size_t k = 0; k < pl->indicator_count; k++) {
		const struct indicator *ind = &q->indicators[pl->first_indicator + k];

		doc_heading(b->d, 2, 0,
			    doc_fmt(b->d, "%zu.%zu %s", p + 1, k + 1, title_of(b, &ind->title)));
		for (size_t j = 0; j < ind->question_count; j++)
			if (s->questions[ind->first_question + j].shown)
				question_block(b, ind->first_question + j);
	}
}

/* ---- recommendations and the roadmap ----------------------------------- */

static const char *
body_name(const struct build *b, const char *keyword)
{
	static const struct {
		const char *keyword;
		enum msg m;
	} names[] = {
		{"government", MSG_BODY_GOVERNMENT},
		{"ministry", MSG_BODY_MINISTRY},
		{"parliament", MSG_BODY_PARLIAMENT},
		{"regulator", MSG_BODY_REGULATOR},
		{"cirt", MSG_BODY_CIRT},
		{"law-enforcement", MSG_BODY_LAW_ENFORCEMENT},
		{"judiciary", MSG_BODY_JUDICIARY},
		{"data-protection", MSG_BODY_DATA_PROTECTION},
		{"education", MSG_BODY_EDUCATION},
		{"foreign-affairs", MSG_BODY_FOREIGN_AFFAIRS},
		{"operators", MSG_BODY_OPERATORS},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].keyword, keyword) == 0)
			return msg(b, names[i].m);
	return keyword;
}

static const char *
bodies_text(const struct build *b, const struct recommendation *r)
{
	const char *out = "";

	for (size_t i = 0; i < r->body_count; i++)
		out = doc_fmt(b->d, "%s%s%s", out, i ? ", " : "", body_name(b, r->bodies[i]));
	return out;
}

static enum msg
horizon_msg(enum horizon h)
{
	return h == HORIZON_SHORT   ? MSG_R_HORIZON_SHORT
		: h == HORIZON_LONG ? MSG_R_HORIZON_LONG
				    : MSG_R_HORIZON_MEDIUM;
}

static const char *
effort_text(const struct build *b, enum effort e)
{
	return e == EFFORT_LOW	     ? msg(b, MSG_EFFORT_LOW)
		: e == EFFORT_MEDIUM ? msg(b, MSG_EFFORT_MEDIUM)
		: e == EFFORT_HIGH   ? msg(b, MSG_EFFORT_HIGH)
				     : "\u2013";
}

/* The path to the next tier, in a box. */
static void
path_box(struct build *b)
{
	const struct questionnaire *q = b->in->q;
	const struct score_result *s = b->in->score;
	size_t *order = xcalloc(q->indicator_count + 1, sizeof(size_t));
	int reachable;
	size_t path = score_path_to_next_tier(q, s, order, &reachable);
	const char *text;
	struct doc_paragraph *p;

	if (s->tier + 1 >= q->tier_count) {
		text = msg(b, MSG_R_PATH_TOP);
	} else if (!reachable) {
		text = msg(b, MSG_R_PATH_NONE);
	} else {
		text = fill_in(b, MSG_R_PATH_INTRO, title_of(b, &q->tiers[s->tier + 1].name),
			       doc_fmt(b->d, "%.0f", q->tiers[s->tier + 1].min));
		for (size_t k = 0; k < path; k++)
			text = doc_fmt(
				b->d, "%s\n+%s \u00b7 %s (%s)", text,
				num(b, score_gain(s, order[k])),
				title_of(b, &q->indicators[order[k]].title),
				title_of(b, &q->pillars[q->indicators[order[k]].pillar].title));
	}
	p = para(b, doc_fmt(b->d, "%s\n%s", msg(b, MSG_R_PATH), text), DOC_SIZE_BODY,
		 DOC_TONE_NORMAL);
	p->boxed = 1;
	free(order);
}

static void
recommendations(struct build *b, const struct fitted *fit, size_t n)
{
	const struct questionnaire *q = b->in->q;

	doc_heading(b->d, 1, 1, msg(b, MSG_R_RECOMMENDATIONS));
	para(b, msg(b, MSG_R_FITTED_NOTE), DOC_SIZE_SMALL, DOC_TONE_MUTED);
	path_box(b);
	if (n == 0) {
		para(b, msg(b, MSG_R_NO_RECOMMENDATIONS), DOC_SIZE_BODY, DOC_TONE_MUTED);
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const struct fitted *f = &fit[k];
		const struct indicator *ind = &q->indicators[f->indicator];
		const char *about = f->question == RECOMMEND_INDICATOR
			? title_of(b, &ind->title)
			: doc_fmt(b->d, "%s \u00b7 %s", title_of(b, &ind->title),
				  q->questions[f->question].id);
		struct doc_paragraph *p;

		if (k == 0 || fit[k - 1].horizon != f->horizon)
			doc_heading(b->d, 2, 0, msg(b, horizon_msg(f->horizon)));
		p = para(b,
			 doc_fmt(b->d, "%zu. %s \u00b7 %s", k + 1, about,
				 fill_in(b, MSG_R_GAIN, doc_fmt(b->d, "+%s", num(b, f->gain)),
					 NULL)),
			 DOC_SIZE_BODY, DOC_TONE_NORMAL);
		p->bold = 1;
		p->keep_with_next = 1;
		para(b, title_of(b, &f->rec->text), DOC_SIZE_BODY, DOC_TONE_NORMAL)->indent = 1;
		if (f->rec->body_count || f->rec->effort != EFFORT_NONE)
			para(b,
			     doc_fmt(b->d, "%s%s %s \u00b7 %s%s %s", msg(b, MSG_R_LEAD), colon(b),
				     f->rec->body_count ? bodies_text(b, f->rec) : "\u2013",
				     msg(b, MSG_R_EFFORT), colon(b),
				     effort_text(b, f->rec->effort)),
			     DOC_SIZE_SMALL, DOC_TONE_MUTED)
				->indent = 1;
	}
}

struct phase {
	size_t count;
	double gain;
	double after;	   /* the projected overall score after the phase */
	size_t bodies[16]; /* how many recommendations each body leads */
	const char *body_names[16];
	size_t body_count;
};

static void
phases_of(const struct build *b, const struct fitted *fit, size_t n, struct phase ph[3])
{
	double score = b->in->score->overall;

	memset(ph, 0, 3 * sizeof(*ph));
	for (size_t k = 0; k < n; k++) {
		struct phase *p = &ph[fit[k].horizon == HORIZON_SHORT	       ? 0
					      : fit[k].horizon == HORIZON_LONG ? 2
									       : 1];
		const char *lead = fit[k].rec->body_count ? fit[k].rec->bodies[0] : NULL;

		p->count++;
		p->gain += fit[k].gain;
		if (lead == NULL)
			continue;
		for (size_t i = 0; i <= p->body_count; i++) {
			if (i == p->body_count) {
				if (p->body_count < 16) {
					p->body_names[p->body_count] = lead;
					p->bodies[p->body_count++] = 1;
				}
				break;
			}
			if (strcmp(p->body_names[i], lead) == 0) {
				p->bodies[i]++;
				break;
			}
		}
	}
	for (int i = 0; i < 3; i++) {
		score += ph[i].gain;
		ph[i].after = score > 100 ? 100 : score;
	}
}

/* A score's height on the roadmap's axis, which runs from floor_at to 100. */
#define AXIS(v) (chart_bottom + (chart_top - chart_bottom) * ((v)-floor_at) / (100 - floor_at))

/* The timeline: three phases side by side, each with its count, gain and
 * lead bodies, over a line of the projected score against the tiers. */
static void
roadmap(struct build *b, const struct fitted *fit, size_t n)
{
	const struct questionnaire *q = b->in->q;
	const struct score_result *s = b->in->score;
	struct phase ph[3];
	struct doc_figure_builder f;
	const double col = TEXT_WIDTH / 3, chart_top = 120, chart_bottom = 16;
	const double chart_w = TEXT_WIDTH - 110; /* the tiers' names to its right */
	const enum msg names[3] = {MSG_R_HORIZON_SHORT, MSG_R_HORIZON_MEDIUM, MSG_R_HORIZON_LONG};
	size_t next = s->tier + 1;
	int reached_in = -1;
	double prev_y, prev_x;
	double floor_at;

	doc_heading(b->d, 1, 1, msg(b, MSG_R_ROADMAP));
	/* the axis from a round number below today's score, so that a high
	 * score's path is not squeezed at the top */
	floor_at = floor((s->overall - 5) / 10) * 10;
	if (floor_at < 0)
		floor_at = 0;
	if (floor_at > 80)
		floor_at = 80;
	para(b, msg(b, MSG_R_ROADMAP_NOTE), DOC_SIZE_SMALL, DOC_TONE_MUTED);
	phases_of(b, fit, n, ph);
	for (int i = 0; i < 3 && next < q->tier_count; i++)
		if (reached_in < 0 && ph[i].after + 1e-9 >= q->tiers[next].min)
			reached_in = i;
	doc_figure_begin(&f, b->d);
	/* the phases */
	for (int i = 0; i < 3; i++) {
		double x = col * i;
		double y = 294;
		const char *bodies = "";

		doc_figure_rect(&f, x + 2, 282, col - 4, 30,
				i == reached_in ? &DOC_ACCENT : &DOC_LIGHT, NULL, 0);
		doc_figure_text(&f, x + col / 2, y, msg(b, names[i]), 8.5, 1, DOC_ALIGN_CENTRE,
				col - 12,
				i == reached_in ? (struct doc_colour){1, 1, 1} : DOC_BLACK);
		doc_figure_text(&f, x + 8, 266,
				count_of(b, ph[i].count, MSG_R_RECOMMENDATION_COUNT, NULL), 8, 0,
				DOC_ALIGN_LEFT, col - 16, DOC_BLACK);
		doc_figure_text(&f, x + 8, 252,
				fill_in(b, MSG_R_PHASE_GAIN, num(b, ph[i].gain), NULL), 10, 1,
				DOC_ALIGN_LEFT, col - 16, DOC_ACCENT);
		for (size_t k = 0; k < ph[i].body_count; k++)
			bodies = doc_fmt(b->d, "%s%s%s (%zu)", bodies, k ? "\n" : "",
					 body_name(b, ph[i].body_names[k]), ph[i].bodies[k]);
		/* one line per body, at most seven */
		{
			const char *line = bodies;

			for (int k = 0; k < 7 && *line; k++) {
				size_t len = strcspn(line, "\n");
				char *one = xstrndup(line, len);

				doc_figure_text(&f, x + 8, 236 - 10.0 * k, one, 7.5, 0,
						DOC_ALIGN_LEFT, 0, DOC_GREY);
				free(one);
				line += len + (line[len] == '\n');
			}
		}
		if (i == reached_in)
			doc_figure_text(&f, x + 8, 160,
					fill_in(b, MSG_R_NEXT_TIER_IN_PHASE,
						title_of(b, &q->tiers[next].name), NULL),
					7.5, 1, DOC_ALIGN_LEFT, col - 16, DOC_ACCENT);
	}
	/* the score line over the tiers, their names in the right margin */
	for (size_t t = 1; t < q->tier_count; t++) {
		double y = AXIS(q->tiers[t].min);

		if (q->tiers[t].min < floor_at)
			continue;
		doc_figure_line(&f, 0, y, chart_w, y, t == next ? DOC_ALERT : DOC_RULE,
				t == next ? 1 : 0.5);
		doc_figure_text(
			&f, TEXT_WIDTH, y - 2,
			doc_fmt(b->d, "%s (%.0f)", title_of(b, &q->tiers[t].name), q->tiers[t].min),
			6.5, t == next, DOC_ALIGN_RIGHT, 0, t == next ? DOC_ACCENT : DOC_GREY);
	}
	doc_figure_line(&f, 0, chart_bottom, chart_w, chart_bottom, DOC_GREY, 0.7);
	doc_figure_text(&f, TEXT_WIDTH, chart_bottom - 2, doc_fmt(b->d, "%.0f", floor_at), 6.5, 0,
			DOC_ALIGN_RIGHT, 0, DOC_GREY);
	prev_x = 4;
	prev_y = AXIS(s->overall);
	doc_figure_text(&f, 4, chart_bottom - 11,
			doc_fmt(b->d, "%s %s", msg(b, MSG_R_NOW), num(b, s->overall)), 7, 1,
			DOC_ALIGN_LEFT, 0, DOC_BLACK);
	doc_figure_rect(&f, prev_x - 2.5, prev_y - 2.5, 5, 5, &DOC_ACCENT, NULL, 0);
	for (int i = 0; i < 3; i++) {
		double x = chart_w * (i + 1) / 3 - 4;
		double y = AXIS(ph[i].after);

		doc_figure_line(&f, prev_x, prev_y, x, y, DOC_ACCENT, 1.5);
		doc_figure_rect(&f, x - 2.5, y - 2.5, 5, 5, &DOC_ACCENT, NULL, 0);
		doc_figure_text(&f, x, chart_bottom - 11, num(b, ph[i].after), 7, 1,
				DOC_ALIGN_RIGHT, 0, DOC_BLACK);
		prev_x = x;
		prev_y = y;
	}
	doc_figure_end(&f, TEXT_WIDTH, 316, msg(b, MSG_R_ROADMAP_CAPTION));
	if (next < q->tier_count && reached_in < 0)
		para(b,
		     fill_in(b, MSG_R_NEXT_TIER_NOT_REACHED, title_of(b, &q->tiers[next].name),
			     NULL),
		     DOC_SIZE_SMALL, DOC_TONE_MUTED);
	/* the same as a table, for those who read rather than look */
	{
		struct doc_column *cols = doc_alloc(b->d, 4 * sizeof(*cols));
		const char **cells = doc_alloc(b->d, sizeof(char *[12]));

		cols[0] = (struct doc_column){msg(b, MSG_R_PHASE), 0.30, 0};
		cols[1] = (struct doc_column){msg(b, MSG_R_LEAD), 0.44, 0};
		cols[2] = (struct doc_column){msg(b, MSG_R_POINTS_SHORT), 0.13, 1};
		cols[3] = (struct doc_column){msg(b, MSG_R_SCORE), 0.13, 1};
		for (size_t i = 0; i < 3; i++) {
			const char *bodies = "";

			for (size_t k = 0; k < ph[i].body_count; k++)
				bodies = doc_fmt(b->d, "%s%s%s", bodies, k ? ", " : "",
						 body_name(b, ph[i].body_names[k]));
			cells[4 * i] = doc_fmt(b->d, "%s (%zu)", msg(b, names[i]), ph[i].count);
			cells[4 * i + 1] = *bodies ? bodies : "\u2013";
			cells[4 * i + 2] = num_sign(b, ph[i].gain, 1);
			cells[4 * i + 3] = num(b, ph[i].after);
		}
		doc_table(b->d, cols, 4, cells, NULL, 3);
	}
}

/* ---- the annexes -------------------------------------------------------- */

static void
open_items(struct build *b)
{
	const struct questionnaire *q = b->in->q;
	const struct score_result *s = b->in->score;

	doc_heading(b->d, 1, 0, msg(b, MSG_R_OPEN_ITEMS));
	for (int pass = 0; pass < 2; pass++) {
		int any = 0;

		doc_heading(b->d, 2, 0, msg(b, pass ? MSG_R_DONT_KNOW_LIST : MSG_FLAGGED_LIST));
		for (size_t i = 0; i < q->question_count; i++) {
			const struct answer *w = b->by_question[i];

			if (w == NULL || !s->questions[i].shown)
				continue;
			if (pass ? w->state != ANSWER_DONT_KNOW : !w->flagged)
				continue;
			any = 1;
			para(b,
			     doc_fmt(b->d, "%s \u00b7 %s", q->questions[i].id,
				     title_of(b, &q->questions[i].text)),
			     DOC_SIZE_BODY, DOC_TONE_NORMAL);
		}
		if (!any)
			para(b, msg(b, MSG_R_NONE), DOC_SIZE_BODY, DOC_TONE_MUTED);
	}
}

static void
progress(struct build *b)
{
	const struct report_input *in = b->in;
	const struct questionnaire *q = in->q;
	const struct score_result *s = in->score;
	const struct score_result *old = in->previous;
	size_t rows = q->pillar_count + 1;
	struct doc_column *cols = doc_alloc(b->d, 4 * sizeof(*cols));
	const char **cells = doc_alloc(b->d, 4 * rows * sizeof(char *));

	cols[0] = (struct doc_column){msg(b, MSG_PILLAR), 0.52, 0};
	cols[1] = (struct doc_column){doc_fmt(b->d, "%d", in->previous_cycle), 0.16, 1};
	cols[2] = (struct doc_column){doc_fmt(b->d, "%d", in->a->cycle), 0.16, 1};
	cols[3] = (struct doc_column){msg(b, MSG_R_CHANGE), 0.16, 1};
	doc_heading(b->d, 1, 0,
		    fill_in(b, MSG_R_PROGRESS, doc_fmt(b->d, "%d", in->previous_cycle), NULL));
	for (size_t p = 0; p < rows; p++) {
		int overall = p == q->pillar_count;
		double was = overall ? old->overall : old->pillars[p].points;
		double now = overall ? s->overall : s->pillars[p].points;

		cells[4 * p] = overall ? msg(b, MSG_R_OVERALL) : title_of(b, &q->pillars[p].title);
		cells[4 * p + 1] = num(b, was);
		cells[4 * p + 2] = num(b, now);
		cells[4 * p + 3] = num_sign(b, now - was, 1);
	}
	doc_table(b->d, cols, 4, cells, NULL, rows)->bold_last = 1;
}

static size_t
answers_from(const struct report_input *in, const char *meeting_id)
{
	size_t given = 0;

	for (size_t k = 0; k < in->answers->count; k++)
		if (in->answers->items[k].source &&
		    strcmp(in->answers->items[k].source, meeting_id) == 0)
			given++;
	return given;
}

/* The annex of the institutions and meetings answers came from. */
static void
stakeholders(struct build *b)
{
	const struct report_input *in = b->in;
	size_t n = in->meeting_count;
	struct doc_column *cols;
	const char **cells;
	size_t *given;
	size_t orgs = 0;

	doc_heading(b->d, 1, n > 0, msg(b, MSG_R_STAKEHOLDERS));
	if (n == 0) {
		para(b, msg(b, MSG_R_NO_MEETINGS), DOC_SIZE_BODY, DOC_TONE_MUTED);
		return;
	}
	para(b, msg(b, in->names ? MSG_R_STAKEHOLDERS_NAMES_NOTE : MSG_R_STAKEHOLDERS_NOTE),
	     DOC_SIZE_SMALL, DOC_TONE_MUTED);
	given = xcalloc(n, sizeof(*given));
	for (size_t i = 0; i < n; i++)
		given[i] = answers_from(in, in->meetings[i].id);

	/* the institutions, each once, with their meetings and answers */
	doc_heading(b->d, 2, 0, msg(b, MSG_R_STAKEHOLDER_INSTITUTIONS));
	cols = doc_alloc(b->d, 3 * sizeof(*cols));
	cols[0] = (struct doc_column){msg(b, MSG_R_ORGANISATION), 0.64, 0};
	cols[1] = (struct doc_column){msg(b, MSG_R_MEETINGS), 0.18, 1};
	cols[2] = (struct doc_column){msg(b, MSG_R_ANSWERS), 0.18, 1};
	cells = doc_alloc(b->d, 3 * n * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		size_t meetings = 0, answers = 0;
		int seen = 0;

		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(in->meetings[k].organisation, in->meetings[i].organisation) ==
				0;
		if (seen)
			continue;
		for (size_t k = i; k < n; k++)
			if (strcmp(in->meetings[k].organisation, in->meetings[i].organisation) ==
			    0) {
				meetings++;
				answers += given[k];
			}
		cells[3 * orgs] = in->meetings[i].organisation;
		cells[3 * orgs + 1] = doc_fmt(b->d, "%zu", meetings);
		cells[3 * orgs + 2] = doc_fmt(b->d, "%zu", answers);
		orgs++;
	}
	doc_table(b->d, cols, 3, cells, NULL, orgs);

	/* the meetings, numbered as the sources under the answers */
	doc_heading(b->d, 2, 0, msg(b, MSG_R_MEETINGS));
	cols = doc_alloc(b->d, 5 * sizeof(*cols));
	cols[0] = (struct doc_column){"#", 0.06, 1};
	cols[1] = (struct doc_column){msg(b, MSG_R_DATE), 0.14, 0};
	cols[2] = (struct doc_column){msg(b, MSG_R_ORGANISATION), 0.30, 0};
	cols[3] = (struct doc_column){msg(b, in->names ? MSG_R_PEOPLE : MSG_R_ROLES), 0.38, 0};
	cols[4] = (struct doc_column){msg(b, MSG_R_ANSWERS), 0.12, 1};
	cells = doc_alloc(b->d, 5 * n * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		const struct meeting *m = &in->meetings[i];

		cells[5 * i] = doc_fmt(b->d, "%zu", i + 1);
		cells[5 * i + 1] = m->met_on;
		cells[5 * i + 2] = m->organisation;
		cells[5 * i + 3] = people_text(b, m->people);
		cells[5 * i + 4] = doc_fmt(b->d, "%zu", given[i]);
	}
	doc_table(b->d, cols, 5, cells, NULL, n);
	free(given);
}

static void
methodology(struct build *b)
{
	const struct questionnaire *q = b->in->q;
	const struct assessment *a = b->in->a;
	const char *rules = msg(b, MSG_R_METHOD_TEXT);

	doc_heading(b->d, 1, 1, msg(b, MSG_R_METHODOLOGY));
	/* one paragraph per rule */
	while (*rules) {
		size_t n = strcspn(rules, "\n");
		char *one = xstrndup(rules, n);

		para(b, doc_str(b->d, one), DOC_SIZE_BODY, DOC_TONE_NORMAL);
		free(one);
		rules += n + (rules[n] == '\n');
	}
	doc_heading(b->d, 2, 0, msg(b, MSG_TIERS));
	for (size_t t = 0; t < q->tier_count; t++)
		para(b,
		     t + 1 < q->tier_count
			     ? doc_fmt(b->d, "%s%s %.0f \u2013 %.0f",
				       title_of(b, &q->tiers[t].name), colon(b), q->tiers[t].min,
				       q->tiers[t + 1].min)
			     : doc_fmt(b->d, "%s%s %.0f \u2013 100", title_of(b, &q->tiers[t].name),
				       colon(b), q->tiers[t].min),
		     DOC_SIZE_BODY, DOC_TONE_NORMAL)
			->indent = 1;
	doc_heading(b->d, 2, 0, msg(b, MSG_R_QUESTIONNAIRE));
	para(b,
	     doc_fmt(b->d, "%s \u00b7 %s \u00b7 %s %s", title_of(b, &q->title), q->id,
		     msg(b, MSG_VERSION), q->version),
	     DOC_SIZE_BODY, DOC_TONE_NORMAL);
	para(b, doc_fmt(b->d, "%s%s %s", msg(b, MSG_R_SHA256), colon(b), q->sha256), DOC_SIZE_SMALL,
	     DOC_TONE_MUTED);
	if (strcmp(q->sha256, a->questionnaire_sha256) != 0)
		para(b,
		     doc_fmt(b->d, "(%s %s%s %s)", msg(b, MSG_VERSION), a->questionnaire_version,
			     colon(b), a->questionnaire_sha256),
		     DOC_SIZE_SMALL, DOC_TONE_MUTED);
	doc_heading(b->d, 2, 0, msg(b, MSG_R_RECORD));
	para(b, doc_fmt(b->d, "%s%s %lld", msg(b, MSG_R_ENTRIES), colon(b), a->entries),
	     DOC_SIZE_BODY, DOC_TONE_NORMAL);
	para(b, doc_fmt(b->d, "%s%s %s", msg(b, MSG_R_HEAD), colon(b), a->head ? a->head : ""),
	     DOC_SIZE_SMALL, DOC_TONE_NORMAL);
	para(b, msg(b, MSG_R_HEAD_NOTE), DOC_SIZE_SMALL, DOC_TONE_MUTED);
}

/* ---- the country report ------------------------------------------------- */

struct doc *
report_build(const struct report_input *in)
{
	struct build b = {0};
	struct fitted *fit = NULL;
	size_t nfit;
	const struct questionnaire *q = in->q;

	b.d = doc_new();
	b.in = in;
	b.lang = in->lang;
	b.d->lang = in->lang;
	b.d->rtl = strcmp(in->lang, "ar") == 0;
	if (in->letter) {
		b.d->page_width = 612;
		b.d->page_height = 792;
	}
	b.d->header = doc_fmt(b.d, "%s (%s) \u00b7 %s %d", country_of(&b), in->a->country,
			      msg(&b, MSG_R_CYCLE), in->a->cycle);
	b.d->marking = in->marking ? doc_str(b.d, in->marking) : NULL;
	b.d->status = in->a->final ? NULL : msg(&b, MSG_R_DRAFT);
	b.d->header_note = in->sample ? msg(&b, MSG_R_SAMPLE) : NULL;
	b.d->footer = msg(&b, MSG_R_FOOTER);
	b.d->title = doc_fmt(b.d, "%s \u2013 %s %d", title_of(&b, &q->title), country_of(&b),
			     in->a->cycle);
	b.d->author = doc_str(b.d, *in->a->assessors ? in->a->assessors : "cirt");
	b.d->subject = title_of(&b, &q->title);
	b.d->keywords = doc_fmt(b.d, "CIRT, %s, %d, %s", in->a->country, in->a->cycle, q->id);
	b.d->date = in->date;
	b.by_question = xcalloc(q->question_count + 1, sizeof(*b.by_question));
	answer_set_index(q, in->answers, b.by_question);

	nfit = recommend_fit(q, in->answers, in->score, &fit);
	cover(&b);
	summary(&b);
	for (size_t p = 0; p < q->pillar_count; p++)
		pillar_section(&b, p);
	recommendations(&b, fit, nfit);
	roadmap(&b, fit, nfit);
	open_items(&b);
	if (in->previous)
		progress(&b);
	stakeholders(&b);
	methodology(&b);
	free(fit);
	free(b.by_question);
	return b.d;
}

int
report_write(const struct report_input *in, unsigned char **pdf, size_t *size, struct error *err)
{
	struct doc *d = report_build(in);
	int status = render_pdf(d, in->font_paths, pdf, size, err);

	doc_free(d);
	return status;
}

/* ---- the comparison ------------------------------------------------------ */

/* A colour from red (0) through amber to green (1). */
static struct doc_colour
scale_colour(double v)
{
	struct doc_colour c;

	if (v < 0.5) {
		c.r = 0.96;
		c.g = 0.62 + 0.6 * v;
		c.b = 0.60 - 0.3 * v;
	} else {
		c.r = 0.96 - 1.1 * (v - 0.5);
		c.g = 0.92;
		c.b = 0.45 + 0.2 * (v - 0.5);
	}
	return c;
}

static const char *
entry_name(const struct build *b, const struct compare_entry *e)
{
	return doc_fmt(b->d, "%s (%s)", e->info ? country_name(e->info, b->lang) : e->country,
		       e->country);
}

static void
ranking(struct build *b)
{
	const struct comparison_input *in = b->cmp;
	const struct questionnaire *q = in->q;
	const struct compare *c = in->c;
	size_t np = q->pillar_count;
	size_t ncols = 6 + np + (size_t)in->sensitivity;
	struct doc_column *cols = doc_alloc(b->d, ncols * sizeof(*cols));
	const char **cells = doc_alloc(b->d, ncols * (c->count + 1) * sizeof(char *));
	double pillar_share = (in->sensitivity ? 0.25 : 0.30) / (double)np;
	size_t k = 0;
	const char *legend = "";

	cols[k++] = (struct doc_column){msg(b, MSG_C_RANK), 0.06, 1};
	cols[k++] = (struct doc_column){msg(b, MSG_R_COUNTRY), in->sensitivity ? 0.15 : 0.19, 0};
	cols[k++] = (struct doc_column){msg(b, MSG_C_REGION), 0.08, 0};
	for (size_t p = 0; p < np; p++) {
		cols[k++] = (struct doc_column){doc_fmt(b->d, "%zu", p + 1), pillar_share, 1};
		legend = doc_fmt(b->d, "%s%s%zu %s", legend, p ? " \u00b7 " : "", p + 1,
				 title_of(b, &q->pillars[p].title));
	}
	cols[k++] = (struct doc_column){msg(b, MSG_C_SHORT_OVERALL), 0.08, 1};
	cols[k++] = (struct doc_column){msg(b, MSG_C_SHORT_TIER), 0.16, 0};
	cols[k++] = (struct doc_column){msg(b, MSG_C_SHORT_COMPLETE), 0.13, 1};
	if (in->sensitivity)
		cols[k++] = (struct doc_column){msg(b, MSG_C_RANK_RANGE), 0.09, 1};
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];
		const char **row = &cells[i * ncols];

		k = 0;
		row[k++] = doc_fmt(b->d, "%s%zu", e->tied ? "=" : "", e->rank);
		row[k++] = doc_fmt(b->d, "%s %d", entry_name(b, e), e->cycle);
		row[k++] = e->info ? region_code(e->info->region) : "\u2013";
		for (size_t p = 0; p < np; p++)
			row[k++] = e->score.pillars[p].counted ? num(b, e->score.pillars[p].points)
							       : "\u2013";
		row[k++] = num(b, e->score.overall);
		row[k++] = title_of(b, &q->tiers[e->score.tier].name);
		row[k++] = doc_fmt(b->d, "%s%s", pct(b, e->score.completeness),
				   e->score.completeness < 1 ? " *" : "");
		if (in->sensitivity)
			row[k++] = e->rank_low == e->rank_high
				? doc_fmt(b->d, "%zu", e->rank_low)
				: doc_fmt(b->d, "%zu\u2013%zu", e->rank_low, e->rank_high);
	}
	doc_table(b->d, cols, ncols, cells, NULL, c->count);
	para(b, legend, DOC_SIZE_SMALL, DOC_TONE_MUTED);
	para(b,
	     doc_fmt(b->d, "%s%s %s \u00b7 %s%s %s", msg(b, MSG_C_SHORT_OVERALL), colon(b),
		     msg(b, MSG_R_OVERALL), msg(b, MSG_C_SHORT_COMPLETE), colon(b),
		     msg(b, MSG_R_COMPLETENESS)),
	     DOC_SIZE_SMALL, DOC_TONE_MUTED);
	para(b,
	     doc_fmt(b->d, "%s \u00b7 %s", msg(b, MSG_C_TIED_NOTE), msg(b, MSG_C_INCOMPLETE_NOTE)),
	     DOC_SIZE_SMALL, DOC_TONE_MUTED);
	if (in->sensitivity)
		para(b, msg(b, MSG_C_SENSITIVITY_NOTE), DOC_SIZE_SMALL, DOC_TONE_MUTED);
}

/* Pillar scores by country, the cells coloured from red to green. */
static void
heat_map(struct build *b)
{
	const struct questionnaire *q = b->cmp->q;
	const struct compare *c = b->cmp->c;
	size_t np = q->pillar_count;
	size_t ncols = np + 1;
	struct doc_column *cols = doc_alloc(b->d, ncols * sizeof(*cols));
	const char **cells = doc_alloc(b->d, ncols * (c->count + 1) * sizeof(char *));
	const struct doc_colour **fills = doc_alloc(b->d, ncols * (c->count + 1) * sizeof(*fills));

	doc_heading(b->d, 1, 0, msg(b, MSG_C_HEAT_MAP));
	cols[0] = (struct doc_column){msg(b, MSG_R_COUNTRY), 0.34, 0};
	for (size_t p = 0; p < np; p++)
		cols[p + 1] =
			(struct doc_column){doc_fmt(b->d, "%zu", p + 1), 0.66 / (double)np, 1};
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];

		cells[i * ncols] = entry_name(b, e);
		for (size_t p = 0; p < np; p++) {
			const struct pillar_score *ps = &e->score.pillars[p];
			struct doc_colour *colour = doc_alloc(b->d, sizeof(*colour));

			*colour = ps->counted ? scale_colour(ps->score) : DOC_NOT_APPLICABLE;
			cells[i * ncols + p + 1] = ps->counted ? pct(b, ps->score) : "\u2013";
			fills[i * ncols + p + 1] = colour;
		}
	}
	doc_table(b->d, cols, ncols, cells, fills, c->count);
}

static void
regional_means(struct build *b)
{
	const struct questionnaire *q = b->cmp->q;
	const struct compare *c = b->cmp->c;
	size_t np = q->pillar_count;

	if (np > 32) /* the means compare.c keeps */
		np = 32;
	doc_heading(b->d, 1, 0, msg(b, MSG_C_REGIONAL_MEANS));
	for (int r = 0; r < REGION_COUNT; r++) {
		struct doc_figure_builder f;

		if (c->region_counts[r] == 0)
			continue;
		doc_figure_begin(&f, b->d);
		doc_figure_text(&f, 0, 10.0 * (double)np + 6,
				doc_fmt(b->d, "%s \u00b7 %s (%zu)", region_code((enum region)r),
					msg(b, (enum msg)(MSG_REGION_AFR + r)),
					c->region_counts[r]),
				9.5, 1, DOC_ALIGN_LEFT, 0, DOC_BLACK);
		for (size_t p = 0; p < np; p++) {
			double v = c->region_means[r][p];
			double y = 10.0 * (double)(np - 1 - p);

			doc_figure_text(
				&f, 10, y + 1,
				doc_fmt(b->d, "%zu %s", p + 1, title_of(b, &q->pillars[p].title)),
				7, 0, DOC_ALIGN_LEFT, 0, DOC_BLACK);
			doc_figure_rect(&f, 190, y, 250, 8, &DOC_LIGHT, NULL, 0);
			if (v > 0)
				doc_figure_rect(&f, 190, y, 250 * v, 8, &DOC_ACCENT, NULL, 0);
			doc_figure_text(&f, 446, y + 1, v >= 0 ? pct(b, v) : "\u2013", 7, 0,
					DOC_ALIGN_LEFT, 0, DOC_BLACK);
		}
		doc_figure_end(&f, TEXT_WIDTH, 10.0 * (double)np + 18,
			       doc_fmt(b->d, "%s \u00b7 %s", msg(b, MSG_C_REGIONAL_MEANS),
				       msg(b, (enum msg)(MSG_REGION_AFR + r))));
	}
}

static void
distribution(struct build *b)
{
	const struct compare *c = b->cmp->c;
	double chart_h = 120;
	double bar_w = TEXT_WIDTH / 10;
	size_t most = 1;
	struct doc_figure_builder f;

	doc_heading(b->d, 1, 0, msg(b, MSG_C_DISTRIBUTION));
	for (size_t k = 0; k < 10; k++)
		if (c->histogram[k] > most)
			most = c->histogram[k];
	doc_figure_begin(&f, b->d);
	for (size_t k = 0; k < 10; k++) {
		double h = chart_h * (double)c->histogram[k] / (double)most;
		double x = bar_w * (double)k;

		if (h > 0)
			doc_figure_rect(&f, x + 2, 16, bar_w - 4, h, &DOC_ACCENT_FILL, NULL, 0);
		if (c->histogram[k])
			doc_figure_text(&f, x + bar_w / 2, 16 + h + 3,
					doc_fmt(b->d, "%zu", c->histogram[k]), 8, 1,
					DOC_ALIGN_CENTRE, 0, DOC_BLACK);
		doc_figure_text(&f, x + bar_w / 2, 4,
				doc_fmt(b->d, "%zu\u2013%zu", 10 * k, 10 * k + 10), 7, 0,
				DOC_ALIGN_CENTRE, 0, DOC_BLACK);
	}
	doc_figure_line(&f, 0, 16, TEXT_WIDTH, 16, DOC_RULE, 0.5);
	doc_figure_end(&f, TEXT_WIDTH, chart_h + 30, msg(b, MSG_C_DISTRIBUTION));
}

static void
changes(struct build *b)
{
	const struct compare *c = b->cmp->c;
	struct doc_column *cols = doc_alloc(b->d, 5 * sizeof(*cols));
	const char **cells = doc_alloc(b->d, 5 * (c->count + 1) * sizeof(char *));
	size_t n = 0;

	cols[0] = (struct doc_column){msg(b, MSG_R_COUNTRY), 0.40, 0};
	cols[1] = (struct doc_column){msg(b, MSG_R_CYCLE), 0.15, 1};
	cols[2] = (struct doc_column){msg(b, MSG_C_BEFORE), 0.15, 1};
	cols[3] = (struct doc_column){msg(b, MSG_C_NOW), 0.15, 1};
	cols[4] = (struct doc_column){msg(b, MSG_R_CHANGE), 0.15, 1};
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];

		if (!e->has_previous)
			continue;
		cells[5 * n] = entry_name(b, e);
		cells[5 * n + 1] = doc_fmt(b->d, "%d \u2192 %d", e->previous_cycle, e->cycle);
		cells[5 * n + 2] = num(b, e->previous_overall);
		cells[5 * n + 3] = num(b, e->score.overall);
		cells[5 * n + 4] = num_sign(b, e->score.overall - e->previous_overall, 1);
		n++;
	}
	if (n == 0)
		return;
	doc_heading(b->d, 1, 0, msg(b, MSG_C_CHANGES));
	doc_table(b->d, cols, 5, cells, NULL, n);
}

struct doc *
report_build_comparison(const struct comparison_input *in)
{
	struct build b = {0};

	b.d = doc_new();
	b.cmp = in;
	b.lang = in->lang;
	b.d->lang = in->lang;
	b.d->rtl = strcmp(in->lang, "ar") == 0;
	b.d->header = title_of(&b, &in->q->title);
	b.d->marking = in->marking ? doc_str(b.d, in->marking) : NULL;
	b.d->header_note = in->sample ? msg(&b, MSG_R_SAMPLE) : NULL;
	b.d->footer = msg(&b, MSG_R_FOOTER);
	b.d->title = doc_fmt(b.d, "%s \u2013 %s", title_of(&b, &in->q->title),
			     msg(&b, MSG_R_COMPARISON));
	b.d->author = "cirt";
	b.d->subject = title_of(&b, &in->q->title);
	b.d->keywords = doc_fmt(b.d, "CIRT, comparison, %s", in->q->id);
	b.d->date = in->date;

	doc_heading(b.d, 1, 0, msg(&b, MSG_R_COMPARISON));
	para(&b,
	     doc_fmt(b.d, "%s \u00b7 %s %s %s \u00b7 %s%s %s",
		     count_of(&b, in->c->count, MSG_C_ASSESSMENTS_COUNT, NULL),
		     title_of(&b, &in->q->title), msg(&b, MSG_VERSION), in->q->version,
		     msg(&b, MSG_C_WEIGHTS), colon(&b),
		     in->weights ? in->weights : msg(&b, MSG_C_DEFAULT_WEIGHTS)),
	     DOC_SIZE_BODY, DOC_TONE_MUTED);
	ranking(&b);
	heat_map(&b);
	regional_means(&b);
	distribution(&b);
	changes(&b);
	return b.d;
}

int
report_write_comparison(const struct comparison_input *in, unsigned char **pdf, size_t *size,
			struct error *err)
{
	struct doc *d = report_build_comparison(in);
	int status = render_pdf(d, in->font_paths, pdf, size, err);

	doc_free(d);
	return status;
}
