/* Parsing, checking and describing answers. */
#include "answer.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "utf8.h"
#include "xmalloc.h"

void
answer_release(struct answer *a)
{
	free(a->question_id);
	free(a->value);
	free(a->evidence);
	free(a->comment);
	free(a->answered_by);
	free(a->answered_at);
	free(a->source);
	memset(a, 0, sizeof(*a));
}

void
answer_set_release(struct answer_set *s)
{
	for (size_t i = 0; i < s->count; i++)
		answer_release(&s->items[i]);
	free(s->items);
	memset(s, 0, sizeof(*s));
}

struct answer *
answer_set_find(const struct answer_set *s, const char *question_id)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i].question_id, question_id) == 0)
			return &s->items[i];
	return NULL;
}

struct set_lookup {
	const struct questionnaire *q;
	const struct answer_set *answers;
};

static void
set_lookup(void *ctx, size_t question, struct cond_answer *out)
{
	const struct set_lookup *l = ctx;
	const struct answer *w = answer_set_find(l->answers, l->q->questions[question].id);

	out->state = w ? w->state : ANSWER_NONE;
	out->value = w ? w->value : NULL;
}

void
answer_set_visibility(const struct questionnaire *q, const struct answer_set *answers,
		      unsigned char *shown)
{
	struct set_lookup l = {q, answers};

	questionnaire_visibility(q, set_lookup, &l, shown);
}

int
answer_is_given(const struct answer *a)
{
	return a != NULL && a->state != ANSWER_NONE;
}

static int __attribute__((format(printf, 3, 4)))
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int
answer_check_text(const char *s, size_t max, const char *lang, char *err, size_t errlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);

	if (len > max)
		return fail(err, errlen, "%s (%zu > %zu bytes)", i18n(lang, MSG_ERR_TOO_LONG), len,
			    max);
	while (*p) {
		size_t n;
		uint32_t cp;

		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
				return fail(err, errlen, "%s", i18n(lang, MSG_ERR_CONTROL));
			p++;
			continue;
		}
		n = utf8_decode((const char *)p, &cp);
		if (n == 0)
			return fail(err, errlen, "%s", i18n(lang, MSG_ERR_UTF8));
		if (cp >= 0x80 && cp <= 0x9F)
			return fail(
				err, errlen,
				"control characters (such as escape sequences) are not allowed");
		p += n;
	}
	return 0;
}

/* Copy of s without leading and trailing white space. */
static char *
trimmed(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Parse all of s as a whole number within [lo, hi]; -1 when it is not. */
static long
parse_index(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	return v;
}

/* The choice whose value or label (in lang or the default language) is s,
 * ignoring ASCII case; with prefix, also a unique label prefix of at least
 * two bytes. */
static const struct choice *
match_choice(const struct question *qu, const char *s, const char *lang, int prefix)
{
	const struct choice *found = NULL;
	size_t n = strlen(s);
	int matches = 0;

	if (qu->choices == NULL)
		return NULL;
	for (size_t i = 0; i < qu->choice_count; i++) {
		const struct choice *c = &qu->choices[i];

		if (strcasecmp(c->value, s) == 0 || strcasecmp(text_get(&c->label, lang), s) == 0 ||
		    strcasecmp(text_get(&c->label, NULL), s) == 0)
			return c;
	}
	if (!prefix || n < 2)
		return NULL;
	for (size_t i = 0; i < qu->choice_count; i++)
		if (strncasecmp(text_get(&qu->choices[i].label, lang), s, n) == 0) {
			found = &qu->choices[i];
			matches++;
		}
	return matches == 1 ? found : NULL;
}

static int
parse_yesno(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	    char **value, char *err, size_t errlen)
{
	static const char *const yes[] = {"yes", "y", "oui", "o", "sí", "si", "s"};
	static const char *const no[] = {"no", "n", "non"};

	int typed = mode == ANSWER_INPUT_TYPED;
	int is_yes = typed && strcmp(s, "1") == 0;
	int is_no = typed && strcmp(s, "2") == 0;

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		is_yes |= strcasecmp(s, yes[i]) == 0;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		is_no |= strcasecmp(s, no[i]) == 0;
	if (is_yes || is_no) {
		*value = xstrdup(qu->choices[is_yes ? 0 : 1].value);
		return 0;
	}
	if (typed)
		return fail(err, errlen, "%s", i18n(lang, MSG_ERR_YESNO));
	return fail(err, errlen, "'%s' is not yes or no", s);
}

static int
parse_single(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	     char **value, char *err, size_t errlen)
{
	const struct choice *c = NULL;
	long i;

	if (mode == ANSWER_INPUT_TYPED) {
		if (qu->type == QUESTION_SCALE)
			i = parse_index(s, 0, (long)qu->choice_count - 1);
		else
			i = parse_index(s, 1, (long)qu->choice_count) - 1;
		if (i >= 0)
			c = &qu->choices[i];
	} else if (qu->type == QUESTION_SCALE) {
		i = parse_index(s, 0, (long)qu->choice_count - 1);
		if (i >= 0)
			c = &qu->choices[i];
	}
	if (c == NULL)
		c = match_choice(qu, s, lang, mode == ANSWER_INPUT_TYPED);
	if (c)
		*value = xstrdup(c->value);
	else if (mode == ANSWER_INPUT_IMPORT)
		return fail(err, errlen, "'%s' is not one of the %s", s,
			    qu->type == QUESTION_SCALE ? "levels (0 to the highest level)"
						       : "choices' values");
	else
		return fail(
			err, errlen, "%s",
			i18n(lang, qu->type == QUESTION_SCALE ? MSG_ERR_LEVEL : MSG_ERR_CHOICE));
	return 0;
}

static int
parse_multi(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	    char **value, char *err, size_t errlen)
{
	unsigned char *chosen = xcalloc(qu->choice_count, 1);
	const char *separators = strchr(s, ',') ? "," : " \t";
	char *copy = xstrdup(s);
	char *save = NULL;
	size_t len = 0;
	int status = 0;

	if ((mode == ANSWER_INPUT_TYPED && strcmp(s, "0") == 0) ||
	    (mode == ANSWER_INPUT_IMPORT && strcmp(s, "-") == 0))
		goto build; /* none of them */
	for (char *tok = strtok_r(copy, separators, &save); tok;
	     tok = strtok_r(NULL, separators, &save)) {
		char *t = trimmed(tok);
		const struct choice *c = NULL;
		long i =
			mode == ANSWER_INPUT_TYPED ? parse_index(t, 1, (long)qu->choice_count) : -1;

		if (i > 0)
			c = &qu->choices[i - 1];
		else if (*t)
			c = match_choice(qu, t, lang, 0);
		if (c == NULL && *t) {
			if (mode == ANSWER_INPUT_TYPED)
				status = fail(err, errlen, "'%s' %s", t, i18n(lang, MSG_ERR_MULTI));
			else
				status = fail(err, errlen, "'%s' is not one of the choices' values",
					      t);
			free(t);
			goto out;
		}
		if (c)
			chosen[c - qu->choices] = 1;
		free(t);
	}
build:
	for (size_t i = 0; qu->choices && i < qu->choice_count; i++)
		if (chosen[i])
			len += strlen(qu->choices[i].value) + 1;
	*value = xcalloc(len + 1, 1);
	for (size_t i = 0; qu->choices && i < qu->choice_count; i++)
		if (chosen[i]) {
			if (**value)
				strcat(*value, " ");
			strcat(*value, qu->choices[i].value);
		}
out:
	free(copy);
	free(chosen);
	return status;
}

/* The bytes of a space that may stand between groups of three digits
 * ("1 000", with a space, a no-break space or a narrow one), or 0. */
static size_t
group_space(const char *s)
{
	if (*s == ' ')
		return 1;
	if (strncmp(s, "\u00a0", 2) == 0)
		return 2;
	if (strncmp(s, "\u202f", 3) == 0)
		return 3;
	return 0;
}

/* A number as people write it, in the form strtod reads: spaces between
 * groups of three digits dropped, and in a language that writes a decimal
 * comma (French, Spanish), the comma made a point. English "1,000" stays
 * as it is, and is refused. */
static char *
plain_number(const char *s, const char *lang)
{
	int comma = *i18n(lang, MSG_DECIMAL_MARK) == ',';
	char *out = xmalloc(strlen(s) + 1);
	char *o = out;

	while (*s) {
		size_t n = group_space(s);

		if (n && o > out && isdigit((unsigned char)o[-1]) && isdigit((unsigned char)s[n]) &&
		    isdigit((unsigned char)s[n + 1]) && isdigit((unsigned char)s[n + 2]) &&
		    !isdigit((unsigned char)s[n + 3])) {
			s += n;
			continue;
		}
		*o++ = (comma && *s == ',') ? '.' : *s;
		s++;
	}
	*o = '\0';
	return out;
}

static int
parse_number(const struct question *qu, const char *s, const char *lang, char **value, char *err,
	     size_t errlen)
{
	char *plain = plain_number(s, lang);
	char *end;
	double x;
	int bad;

	errno = 0;
	x = strtod(plain, &end);
	bad = end == plain || *end || errno || !isfinite(x) || isspace((unsigned char)*plain) ||
		strpbrk(plain, "xXpPnNeE") != NULL;
	free(plain);
	if (bad)
		return fail(err, errlen, "'%s' %s", s, i18n(lang, MSG_ERR_NUMBER));
	if (qu->integer && x != floor(x))
		return fail(err, errlen, "'%s' %s", s, i18n(lang, MSG_ERR_WHOLE));
	if ((qu->has_min && x < qu->min) || (qu->has_max && x > qu->max)) {
		char lo[I18N_NUMBER_SIZE];
		char hi[I18N_NUMBER_SIZE];

		i18n_number(lo, qu->min, lang);
		i18n_number(hi, qu->max, lang);
		if (qu->has_min && qu->has_max)
			return fail(err, errlen, "'%s' %s (%s \u2013 %s)", s,
				    i18n(lang, MSG_ERR_OUTSIDE), lo, hi);
		return qu->has_min ? fail(err, errlen, "'%s' %s (\u2265 %s)", s,
					  i18n(lang, MSG_ERR_OUTSIDE), lo)
				   : fail(err, errlen, "'%s' %s (\u2264 %s)", s,
					  i18n(lang, MSG_ERR_OUTSIDE), hi);
	}
	if (x == floor(x) && fabs(x) < 1e15)
		*value = xasprintf("%.0f", x);
	else
		*value = xasprintf("%.15g", x);
	return 0;
}

static int
parse_date(const char *s, const char *lang, char **value, char *err, size_t errlen)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	int max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return fail(err, errlen, "'%s' %s", s, i18n(lang, MSG_ERR_DATE));
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return fail(err, errlen, "'%s' %s", s, i18n(lang, MSG_ERR_DATE));
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	max = m >= 1 && m <= 12
		? days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		: 0;
	if (y < 1900 || y > 2200 || d < 1 || d > max)
		return fail(err, errlen, "'%s' %s", s, i18n(lang, MSG_ERR_DATE));
	*value = xstrdup(s);
	return 0;
}

int
answer_check_date(const char *s, const char *lang, char *err, size_t errlen)
{
	char *value = NULL;
	int r = parse_date(s, lang, &value, err, errlen);

	free(value);
	return r;
}

int
answer_parse(const struct question *qu, const char *input, const char *lang, enum answer_input mode,
	     enum answer_state *state, char **value, char *err, size_t errlen)
{
	char *s;
	int status = 0;

	*value = NULL;
	*state = ANSWER_VALUE;
	if (answer_check_text(input, ANSWER_TEXT_MAX, lang, err, errlen) < 0)
		return -1;
	s = trimmed(input);
	if (strcasecmp(s, "dk") == 0) {
		*state = ANSWER_DONT_KNOW;
	} else if (strcasecmp(s, "na") == 0) {
		*state = ANSWER_NOT_APPLICABLE;
	} else if (*s == '\0') {
		status = fail(err, errlen, "%s", i18n(lang, MSG_ERR_EMPTY));
	} else {
		switch (qu->type) {
		case QUESTION_YESNO:
			status = parse_yesno(qu, s, lang, mode, value, err, errlen);
			break;
		case QUESTION_SINGLE:
		case QUESTION_SCALE:
			status = parse_single(qu, s, lang, mode, value, err, errlen);
			break;
		case QUESTION_MULTI:
			status = parse_multi(qu, s, lang, mode, value, err, errlen);
			break;
		case QUESTION_NUMBER:
			status = parse_number(qu, s, lang, value, err, errlen);
			break;
		case QUESTION_DATE:
			status = parse_date(s, lang, value, err, errlen);
			break;
		default:
			*value = xstrdup(s);
			break;
		}
	}
	free(s);
	return status;
}

char *
answer_describe(const struct question *qu, enum answer_state state, const char *value,
		const char *lang)
{
	const struct choice *c;
	char *out;
	size_t len = 0;

	if (state == ANSWER_NONE)
		return xstrdup("");
	if (state == ANSWER_DONT_KNOW)
		return xstrdup(i18n(lang, MSG_DONT_KNOW));
	if (state == ANSWER_NOT_APPLICABLE)
		return xstrdup(i18n(lang, MSG_NOT_APPLICABLE));
	if (value == NULL)
		return xstrdup("");
	switch (qu->type) {
	case QUESTION_YESNO:
		return xstrdup(i18n(lang, strcmp(value, "yes") == 0 ? MSG_YES : MSG_NO));
	case QUESTION_SINGLE:
		c = question_find_choice(qu, value);
		return xstrdup(c ? text_get(&c->label, lang) : value);
	case QUESTION_SCALE:
		c = question_find_choice(qu, value);
		return c ? xasprintf("%s (%s)", text_get(&c->label, lang), value) : xstrdup(value);
	case QUESTION_MULTI:
		if (*value == '\0')
			return xstrdup(i18n(lang, MSG_NONE_OF_THEM));
		for (size_t i = 0; i < qu->choice_count; i++)
			len += strlen(text_get(&qu->choices[i].label, lang)) + 2;
		out = xcalloc(len + strlen(value) + 1, 1);
		for (size_t i = 0; i < qu->choice_count; i++) {
			if (!cond_list_has(value, qu->choices[i].value))
				continue;
			if (*out)
				strcat(out, "; ");
			strcat(out, text_get(&qu->choices[i].label, lang));
		}
		return out;
	case QUESTION_NUMBER: {
		char buf[I18N_NUMBER_SIZE];
		char *end;
		double x = strtod(value, &end);

		return xstrdup(*value && *end == '\0' ? i18n_number(buf, x, lang) : value);
	}
	default:
		return xstrdup(value);
	}
}

double
answer_score(const struct question *qu, const char *value)
{
	const struct choice *c;
	double x;
	double sum = 0;

	if (!question_is_scored(qu))
		return -1;
	switch (qu->type) {
	case QUESTION_MULTI:
		for (size_t i = 0; i < qu->choice_count; i++)
			if (cond_list_has(value, qu->choices[i].value))
				sum += qu->choices[i].score;
		return sum > 1 ? 1 : sum;
	case QUESTION_NUMBER:
		x = strtod(value, NULL);
		for (size_t i = 0; i < qu->range_count; i++)
			if (x >= qu->ranges[i].min && x <= qu->ranges[i].max)
				return qu->ranges[i].score;
		return 0;
	default:
		c = question_find_choice(qu, value);
		return c ? c->score : 0;
	}
}

const char *
answer_state_name(enum answer_state state)
{
	static const char *const names[] = {"none", "value", "dont_know", "not_applicable"};

	return names[state];
}

int
answer_state_parse(const char *name, enum answer_state *state)
{
	for (int i = 0; i <= ANSWER_NOT_APPLICABLE; i++)
		if (name && strcmp(name, answer_state_name((enum answer_state)i)) == 0) {
			*state = (enum answer_state)i;
			return 0;
		}
	return -1;
}
