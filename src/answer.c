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

/* Answers in order of question id, the first of several first. */
static int
by_id(const void *a, const void *b)
{
	const struct answer *x = *(const struct answer *const *)a;
	const struct answer *y = *(const struct answer *const *)b;
	int c = strcmp(x->question_id, y->question_id);

	return c ? c : (x > y) - (x < y);
}

void
answer_set_index(const struct questionnaire *q, const struct answer_set *s,
		 const struct answer **out)
{
	const struct answer **sorted;

	memset(out, 0, q->question_count * sizeof(*out));
	if (s->count == 0)
		return;
	sorted = xcalloc(s->count, sizeof(*sorted));
	for (size_t i = 0; i < s->count; i++)
		sorted[i] = &s->items[i];
	qsort(sorted, s->count, sizeof(*sorted), by_id);
	for (size_t i = 0; i < q->question_count; i++) {
		const char *id = q->questions[i].id;
		size_t lo = 0;
		size_t hi = s->count;

		/* the first answer whose id is not below id */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strcmp(sorted[mid]->question_id, id) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < s->count && strcmp(sorted[lo]->question_id, id) == 0)
			out[i] = sorted[lo];
	}
	free(sorted);
}

static void
set_lookup(void *ctx, size_t question, struct cond_answer *out)
{
	const struct answer *const *by_question = ctx;
	const struct answer *w = by_question[question];

	out->state = w ? w->state : ANSWER_NONE;
	out->value = w ? w->value : NULL;
}

void
answer_index_visibility(const struct questionnaire *q, const struct answer **by_question,
			unsigned char *shown)
{
	questionnaire_visibility(q, set_lookup, (void *)by_question, shown);
}

void
answer_set_visibility(const struct questionnaire *q, const struct answer_set *answers,
		      unsigned char *shown)
{
	const struct answer **by_question = xcalloc(q->question_count + 1, sizeof(*by_question));

	answer_set_index(q, answers, by_question);
	answer_index_visibility(q, by_question, shown);
	free(by_question);
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

/* Fail with message m of lang, its %1 and %2 filled with a and b. */
static int
fail_with(char *err, size_t errlen, const char *lang, enum msg m, const char *a, const char *b)
{
	char *text = i18n_fill(lang, m, a, b);

	snprintf(err, errlen, "%s", text);
	free(text);
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

/* Copy of the n bytes at s without leading and trailing white space. */
static char *
trimmed_n(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Copy of s without leading and trailing white space. */
static char *
trimmed(const char *s)
{
	return trimmed_n(s, strlen(s));
}

/* ---- comparing what people type with words and labels ------------------ */

/* c in lower case, for the scripts of the languages cirt is used in: Latin
 * (ASCII, Latin-1, Latin Extended-A), Greek and Cyrillic; other scripts
 * have no case. Typographic apostrophes read as "'". */
static uint32_t
fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c == 0x130)
		return 'i';
	if (((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) ||
	     (c >= 0x14A && c <= 0x177)) &&
	    c % 2 == 0)
		return c + 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && c % 2 == 1)
		return c + 1;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c == 0x2018 || c == 0x2019)
		return '\'';
	return c;
}

/* The next character of *s folded for comparison, moving *s past it; a
 * run of white space reads as one space; 0 at the end. */
static uint32_t
fold_next(const char **s)
{
	uint32_t c;
	size_t n;

	if (**s == '\0')
		return 0;
	if (isspace((unsigned char)**s)) {
		while (isspace((unsigned char)**s))
			(*s)++;
		return ' ';
	}
	n = utf8_decode(*s, &c);
	*s += n ? n : 1;
	return fold(c);
}

/* Whether a and b are the same text, ignoring case and the length of runs
 * of white space. */
static int
fold_equal(const char *a, const char *b)
{
	for (;;) {
		uint32_t ca = fold_next(&a);

		if (ca != fold_next(&b))
			return 0;
		if (ca == 0)
			return 1;
	}
}

/* Whether text starts with the non-empty start, compared as fold_equal
 * compares. */
static int
fold_starts(const char *text, const char *start)
{
	if (*start == '\0')
		return 0;
	for (;;) {
		uint32_t c = fold_next(&start);

		if (c == 0)
			return 1;
		if (c != fold_next(&text))
			return 0;
	}
}

/* Whether the language tag lang is language ("fr-CA" is "fr"). */
static int
is_language(const char *lang, const char *language)
{
	size_t n = strlen(language);

	return lang && strncasecmp(lang, language, n) == 0 &&
		(lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* ---- keywords ---------------------------------------------------------- */

#define KEYWORD_WORDS 5

/* The words for answers every question takes, and for yes, no and none, in
 * the six official languages of the United Nations; the first of each is
 * the one a hint shows. Compared as fold_equal compares. */
static const struct keywords {
	const char *lang;
	const char *words[ANSWER_KEYWORD_COUNT][KEYWORD_WORDS];
} keywords[] = {
	{"en",
	 {[ANSWER_KEYWORD_YES] = {"yes", "y"},
	  [ANSWER_KEYWORD_NO] = {"no", "n"},
	  [ANSWER_KEYWORD_DONT_KNOW] = {"dk", "don't know", "dont know", "do not know"},
	  [ANSWER_KEYWORD_NOT_APPLICABLE] = {"na", "n/a", "not applicable"},
	  [ANSWER_KEYWORD_NONE] = {"none", "nothing"}}},
	{"fr",
	 {[ANSWER_KEYWORD_YES] = {"oui", "o"},
	  [ANSWER_KEYWORD_NO] = {"non", "n"},
	  [ANSWER_KEYWORD_DONT_KNOW] = {"nsp", "ne sait pas", "ne sais pas", "je ne sais pas"},
	  [ANSWER_KEYWORD_NOT_APPLICABLE] = {"s.o.", "sans objet", "non applicable"},
	  [ANSWER_KEYWORD_NONE] = {"aucun", "aucune", "rien"}}},
	{"es",
	 {[ANSWER_KEYWORD_YES] = {"sí", "si", "s"},
	  [ANSWER_KEYWORD_NO] = {"no", "n"},
	  [ANSWER_KEYWORD_DONT_KNOW] = {"ns", "no sabe", "no sé", "no se", "ns/nc"},
	  [ANSWER_KEYWORD_NOT_APPLICABLE] = {"no aplicable", "no procede", "n/a"},
	  [ANSWER_KEYWORD_NONE] = {"ninguno", "ninguna", "nada"}}},
	{"ru",
	 {[ANSWER_KEYWORD_YES] = {"да", "д"},
	  [ANSWER_KEYWORD_NO] = {"нет", "н"},
	  [ANSWER_KEYWORD_DONT_KNOW] = {"нз", "не знаю"},
	  [ANSWER_KEYWORD_NOT_APPLICABLE] = {"нп", "не применимо", "неприменимо"},
	  [ANSWER_KEYWORD_NONE] = {"ничего", "ни одного", "никакие"}}},
	{"ar",
	 {[ANSWER_KEYWORD_YES] = {"نعم"},
	  [ANSWER_KEYWORD_NO] = {"لا"},
	  [ANSWER_KEYWORD_DONT_KNOW] = {"لا أعرف", "لا اعرف", "لا أدري", "لا ادري"},
	  [ANSWER_KEYWORD_NOT_APPLICABLE] = {"لا ينطبق", "غير منطبق", "غير قابل للتطبيق"},
	  [ANSWER_KEYWORD_NONE] = {"لا شيء", "لا شئ", "لا يوجد"}}},
	{"zh",
	 {[ANSWER_KEYWORD_YES] = {"是", "是的", "对", "有"},
	  [ANSWER_KEYWORD_NO] = {"否", "不是", "不", "没有"},
	  [ANSWER_KEYWORD_DONT_KNOW] = {"不知道", "不清楚"},
	  [ANSWER_KEYWORD_NOT_APPLICABLE] = {"不适用"},
	  [ANSWER_KEYWORD_NONE] = {"无", "没有", "都没有"}}},
};

#define KEYWORD_LANGUAGES (sizeof(keywords) / sizeof(keywords[0]))

static const struct keywords *
keywords_of(const char *lang)
{
	for (size_t i = 0; i < KEYWORD_LANGUAGES; i++)
		if (is_language(lang, keywords[i].lang))
			return &keywords[i];
	return NULL;
}

static int
keywords_have(const struct keywords *k, const char *s, enum answer_keyword word)
{
	for (size_t i = 0; k && i < KEYWORD_WORDS && k->words[word][i]; i++)
		if (fold_equal(s, k->words[word][i]))
			return 1;
	return 0;
}

const char *
answer_keyword(const char *lang, enum answer_keyword word)
{
	const struct keywords *k = keywords_of(lang);

	return (k ? k : &keywords[0])->words[word][0];
}

int
answer_is_keyword(const char *input, const char *lang, enum answer_keyword word)
{
	char *s = trimmed(input);
	int found =
		keywords_have(&keywords[0], s, word) || keywords_have(keywords_of(lang), s, word);

	free(s);
	return found;
}

/* Whether s is the word for yes (or no) in any language cirt knows: no
 * language's word for one is another's for the other. */
static int
is_yes_or_no_anywhere(const char *s, enum answer_keyword word)
{
	for (size_t i = 0; i < KEYWORD_LANGUAGES; i++)
		if (keywords_have(&keywords[i], s, word))
			return 1;
	return 0;
}

/* ---- decimal commas ---------------------------------------------------- */

/* Whether people writing lang write a decimal comma (3,5). */
static int
decimal_comma(const char *lang)
{
	static const char *const comma[] = {
		"fr", "es", "pt", "it", "de", "nl", "ru", "uk", "be", "pl", "cs", "sk", "sl",
		"hr", "sr", "bs", "mk", "bg", "ro", "hu", "el", "tr", "sv", "da", "nb", "nn",
		"no", "fi", "et", "lv", "lt", "is", "id", "vi", "kk", "az", "uz", "ka", "hy"};

	for (size_t i = 0; i < sizeof(comma) / sizeof(comma[0]); i++)
		if (is_language(lang, comma[i]))
			return 1;
	return 0;
}

/* ---- choices ----------------------------------------------------------- */

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

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Whether s is the label of c in lang or in the default language. */
static int
is_label(const struct choice *c, const char *s, const char *lang)
{
	const char *label = text_get(&c->label, lang);

	return (*label && fold_equal(label, s)) ||
		(*(label = text_get(&c->label, NULL)) && fold_equal(label, s));
}

/* Whether the label of c in lang or in the default language starts with s. */
static int
label_starts(const struct choice *c, const char *s, const char *lang)
{
	return fold_starts(text_get(&c->label, lang), s) ||
		fold_starts(text_get(&c->label, NULL), s);
}

enum lookup {
	LOOKUP_FOUND,
	LOOKUP_UNKNOWN,
	LOOKUP_OUT_OF_RANGE, /* a number beyond the list */
	LOOKUP_AMBIGUOUS,    /* the start of several labels */
};

/* The choice of qu that s names. Typed, s is its number in the list (from
 * 1, scales included), its value or label, or the start of one label;
 * imported, its value (a scale's level number) or label. */
static enum lookup
find_choice(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	    size_t *index)
{
	int typed = mode == ANSWER_INPUT_TYPED;
	int digits = all_digits(s);
	size_t matches = 0;
	long i;

	if (typed && digits && (i = parse_index(s, 1, (long)qu->choice_count)) > 0) {
		*index = (size_t)i - 1;
		return LOOKUP_FOUND;
	}
	for (size_t k = 0; k < qu->choice_count; k++) {
		const struct choice *c = &qu->choices[k];

		/* typed, a number is a place in the list, never a level */
		if ((!(typed && digits) && fold_equal(c->value, s)) || is_label(c, s, lang)) {
			*index = k;
			return LOOKUP_FOUND;
		}
	}
	if (!typed)
		return LOOKUP_UNKNOWN;
	if (digits)
		return LOOKUP_OUT_OF_RANGE;
	for (size_t k = 0; k < qu->choice_count; k++)
		if (label_starts(&qu->choices[k], s, lang)) {
			if (matches++ == 0)
				*index = k;
		}
	return matches == 1 ? LOOKUP_FOUND : matches ? LOOKUP_AMBIGUOUS : LOOKUP_UNKNOWN;
}

/* Append the text fmt makes to the string in buf of size bytes, as far as
 * it fits. */
static void __attribute__((format(printf, 3, 4)))
append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* Explain why s names no single choice of qu (lookup says how); for
 * LOOKUP_UNKNOWN, unknown is the end of the message. Returns -1. */
static int
choice_error(const struct question *qu, const char *s, const char *lang, enum lookup lookup,
	     const char *unknown, char *err, size_t errlen)
{
	const char *more = " \u2026";
	char count[24];
	const char *args[2] = {s, count};
	char *text;

	snprintf(count, sizeof(count), "%zu", qu->choice_count);
	text = i18n_format(lookup == LOOKUP_OUT_OF_RANGE	? i18n(lang, MSG_ERR_RANGE)
				   : lookup == LOOKUP_AMBIGUOUS ? i18n(lang, MSG_ERR_AMBIGUOUS)
								: unknown,
			   args, 2);
	snprintf(err, errlen, "%s", text);
	free(text);
	if (lookup != LOOKUP_AMBIGUOUS)
		return -1;
	for (size_t k = 0, n = 0; k < qu->choice_count; k++) {
		char *item;

		if (!label_starts(&qu->choices[k], s, lang))
			continue;
		item = xasprintf("%s%zu) %s", n++ ? "; " : " ", k + 1,
				 text_get(&qu->choices[k].label, lang));
		if (strlen(err) + strlen(item) + strlen(more) >= errlen) {
			append(err, errlen, "%s", more);
			free(item);
			break;
		}
		append(err, errlen, "%s", item);
		free(item);
	}
	return -1;
}

static int
parse_yesno(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	    char **value, char *err, size_t errlen)
{
	int typed = mode == ANSWER_INPUT_TYPED;
	int is_yes = (typed && strcmp(s, "1") == 0) || is_yes_or_no_anywhere(s, ANSWER_KEYWORD_YES);
	int is_no = (typed && strcmp(s, "2") == 0) || is_yes_or_no_anywhere(s, ANSWER_KEYWORD_NO);

	/* the questionnaire's own words, where it has them */
	if (!is_yes && !is_no && qu->choice_count == 2) {
		is_yes = is_label(&qu->choices[0], s, lang);
		is_no = is_label(&qu->choices[1], s, lang);
	}
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
	size_t k = 0;
	enum lookup lookup = find_choice(qu, s, lang, mode, &k);

	if (lookup == LOOKUP_FOUND) {
		*value = xstrdup(qu->choices[k].value);
		return 0;
	}
	if (mode == ANSWER_INPUT_IMPORT)
		return fail(err, errlen, "'%s' is not one of the %s", s,
			    qu->type == QUESTION_SCALE ? "levels (0 to the highest level)"
						       : "choices' values");
	if (lookup == LOOKUP_UNKNOWN)
		return fail(
			err, errlen, "%s",
			i18n(lang, qu->type == QUESTION_SCALE ? MSG_ERR_LEVEL : MSG_ERR_CHOICE));
	return choice_error(qu, s, lang, lookup, "", err, errlen);
}

/* One piece of a multiple choice answer, between separators. */
struct piece {
	char *text;	/* trimmed */
	char separator; /* ',' or ';' after it, or '\0' at the end */
};

/* The separator of choices at s, ',' or ';' (the Arabic and the
 * full-width comma and semicolon and the ideographic comma, as Arabic and
 * Chinese are typed, count as these), with its length in *len; '\0' when
 * s holds none. */
static char
separator_at(const char *s, size_t *len)
{
	static const struct {
		const char *bytes;
		char separator;
	} separators[] = {
		{",", ','},	 {";", ';'},	  {"\u060c", ','}, {"\u061b", ';'},
		{"\uff0c", ','}, {"\uff1b", ';'}, {"\u3001", ','},
	};

	for (size_t i = 0; i < sizeof(separators) / sizeof(separators[0]); i++) {
		size_t n = strlen(separators[i].bytes);

		if (strncmp(s, separators[i].bytes, n) == 0) {
			*len = n;
			return separators[i].separator;
		}
	}
	*len = 0;
	return '\0';
}

/* The bytes of s before its first separator (all of s when it has none). */
static size_t
before_separator(const char *s)
{
	size_t n = 0;
	size_t len;

	while (s[n] && separator_at(s + n, &len) == '\0')
		n++;
	return n;
}

/* Split s at every separator. Returns the number of pieces. */
static size_t
split_pieces(const char *s, struct piece **out)
{
	size_t n = 0;
	size_t alloc = 4;
	struct piece *p = xcalloc(alloc, sizeof(*p));

	for (;;) {
		size_t len = before_separator(s);
		size_t skip;

		if (n == alloc) {
			alloc *= 2;
			p = xreallocarray(p, alloc, sizeof(*p));
		}
		p[n].text = trimmed_n(s, len);
		p[n++].separator = separator_at(s + len, &skip);
		if (skip == 0)
			break;
		s += len + skip;
	}
	*out = p;
	return n;
}

/* Whether pieces [first, last] and the separators between them spell
 * label, each piece one of its parts: "Children, parents and teachers" is
 * spelt by "children" and "parents and teachers" with a comma. */
static int
pieces_spell(const struct piece *p, size_t first, size_t last, const char *label)
{
	for (size_t i = first; i <= last; i++) {
		size_t len = before_separator(label);
		char *part = trimmed_n(label, len);
		int same = fold_equal(part, p[i].text);
		size_t skip;

		free(part);
		if (!same || separator_at(label + len, &skip) != (i < last ? p[i].separator : '\0'))
			return 0;
		label += len + skip;
	}
	return 1;
}

/* The choice whose whole label pieces [first, last] spell, or -1. */
static long
label_of_pieces(const struct question *qu, const struct piece *p, size_t first, size_t last,
		const char *lang)
{
	for (size_t k = 0; k < qu->choice_count; k++) {
		const struct text *label = &qu->choices[k].label;

		if (pieces_spell(p, first, last, text_get(label, lang)) ||
		    pieces_spell(p, first, last, text_get(label, NULL)))
			return (long)k;
	}
	return -1;
}

/* Mark the choices s names in chosen: one choice, or failing that several
 * separated by white space ("1 3", "alerts forensics"). */
static int
choose_piece(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	     unsigned char *chosen, char *err, size_t errlen)
{
	const char *unknown = mode == ANSWER_INPUT_TYPED ? i18n(lang, MSG_ERR_MULTI)
							 : "'%1' is not one of the choices' values";
	size_t k = 0;
	enum lookup lookup = find_choice(qu, s, lang, mode, &k);
	char *copy;
	char *save = NULL;
	int status = 0;

	if (lookup == LOOKUP_FOUND) {
		chosen[k] = 1;
		return 0;
	}
	if (lookup != LOOKUP_UNKNOWN || strpbrk(s, " \t") == NULL)
		return choice_error(qu, s, lang, lookup, unknown, err, errlen);
	copy = xstrdup(s);
	for (char *word = strtok_r(copy, " \t", &save); word && status == 0;
	     word = strtok_r(NULL, " \t", &save)) {
		lookup = find_choice(qu, word, lang, mode, &k);
		if (lookup == LOOKUP_FOUND)
			chosen[k] = 1;
		else
			status = choice_error(qu, word, lang, lookup, unknown, err, errlen);
	}
	free(copy);
	return status;
}

static int
parse_multi(const struct question *qu, const char *s, const char *lang, enum answer_input mode,
	    char **value, char *err, size_t errlen)
{
	unsigned char *chosen = xcalloc(qu->choice_count + 1, 1);
	struct piece *pieces = NULL;
	size_t count = 0;
	size_t len = 0;
	size_t k = 0;
	size_t given = 0;
	int status = 0;

	if (find_choice(qu, s, lang, ANSWER_INPUT_IMPORT, &k) == LOOKUP_FOUND) {
		chosen[k] = 1; /* the whole input is one value or label */
		goto build;
	}
	if (strcmp(s, "-") == 0 ||
	    (mode == ANSWER_INPUT_TYPED && answer_is_keyword(s, lang, ANSWER_KEYWORD_NONE)))
		goto build; /* none of them */
	count = split_pieces(s, &pieces);
	for (size_t i = 0; i < count && status == 0; i++) {
		long whole = -1;
		size_t last = count;

		if (*pieces[i].text == '\0')
			continue;
		given++;
		/* the longest run of pieces that spells a whole label */
		while (whole < 0 && --last > i)
			whole = label_of_pieces(qu, pieces, i, last, lang);
		if (whole >= 0) {
			chosen[whole] = 1;
			i = last;
			continue;
		}
		status = choose_piece(qu, pieces[i].text, lang, mode, chosen, err, errlen);
	}
	if (status == 0 && given == 0)
		status = mode == ANSWER_INPUT_TYPED
			? fail_with(err, errlen, lang, MSG_ERR_MULTI, s, NULL)
			: fail(err, errlen, "'%s' is not one of the choices' values", s);
	if (status < 0)
		goto out;
build:
	for (size_t i = 0; i < qu->choice_count; i++)
		if (chosen[i])
			len += strlen(qu->choices[i].value) + 1;
	*value = xcalloc(len + 1, 1);
	for (size_t i = 0; i < qu->choice_count; i++)
		if (chosen[i]) {
			if (**value)
				strcat(*value, " ");
			strcat(*value, qu->choices[i].value);
		}
out:
	for (size_t i = 0; i < count; i++)
		free(pieces[i].text);
	free(pieces);
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

/* Whether s could be read both as a number written in thousands and as a
 * decimal: one to three digits (not a lone 0), then groups of a comma (or
 * a point, in a language with a decimal comma) and three digits, as in
 * "1,000", "2,500" or "1.000" in German. */
static int
ambiguous_number(const char *s, const char *lang)
{
	size_t lead;
	char mark;

	s += *s == '-' || *s == '+';
	lead = strspn(s, "0123456789");
	if (lead < 1 || lead > 3 || *s == '0')
		return 0;
	s += lead;
	mark = *s;
	if (mark != ',' && !(mark == '.' && decimal_comma(lang)))
		return 0;
	while (*s == mark) {
		if (strspn(s + 1, "0123456789") != 3)
			return 0;
		s += 4;
	}
	return *s == '\0';
}

/* A number as people write it, in the form strtod reads: spaces between
 * groups of three digits dropped, and in a language that writes a decimal
 * comma, the comma made a point. Elsewhere "1,000" stays as it is, and is
 * refused. */
static char *
plain_number(const char *s, const char *lang)
{
	int comma = decimal_comma(lang);
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
	char *plain;
	char *end;
	double x;
	int bad;

	if (ambiguous_number(s, lang))
		return fail_with(err, errlen, lang, MSG_ERR_NUMBER_AMBIGUOUS, s, NULL);
	plain = plain_number(s, lang);
	errno = 0;
	x = strtod(plain, &end);
	bad = end == plain || *end || errno || !isfinite(x) || isspace((unsigned char)*plain) ||
		strpbrk(plain, "xXpPnNeE") != NULL;
	free(plain);
	if (bad)
		return fail_with(err, errlen, lang, MSG_ERR_NUMBER, s, NULL);
	if (qu->integer && x != floor(x))
		return fail_with(err, errlen, lang, MSG_ERR_WHOLE, s, NULL);
	if ((qu->has_min && x < qu->min) || (qu->has_max && x > qu->max)) {
		char lo[I18N_NUMBER_SIZE];
		char hi[I18N_NUMBER_SIZE];
		char range[2 * I18N_NUMBER_SIZE + 8];

		i18n_number(lo, qu->min, lang);
		i18n_number(hi, qu->max, lang);
		if (qu->has_min && qu->has_max)
			snprintf(range, sizeof(range), "%s \u2013 %s", lo, hi);
		else
			snprintf(range, sizeof(range), "%s %s", qu->has_min ? "\u2265" : "\u2264",
				 qu->has_min ? lo : hi);
		return fail_with(err, errlen, lang, MSG_ERR_OUTSIDE, s, range);
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
		return fail_with(err, errlen, lang, MSG_ERR_DATE, s, NULL);
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return fail_with(err, errlen, lang, MSG_ERR_DATE, s, NULL);
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	max = m >= 1 && m <= 12
		? days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		: 0;
	if (y < 1900 || y > 2200 || d < 1 || d > max)
		return fail_with(err, errlen, lang, MSG_ERR_DATE, s, NULL);
	*value = xstrdup(s);
	return 0;
}

int
answer_check_evidence(const char *s, size_t max, const char *lang, char *err, size_t errlen)
{
	size_t n = strlen(s);

	if (n > max)
		return answer_check_text(s, max, lang, err, errlen);
	for (const char *p = s; *s;) {
		size_t len = strcspn(p, "\n");
		char *item = xstrndup(p, len);
		int r = answer_check_text(item, max, lang, err, errlen);

		if (r == 0 && len == 0) {
			snprintf(err, errlen, "an evidence item is empty");
			r = -1;
		}
		free(item);
		if (r < 0)
			return -1;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
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
	if (answer_is_keyword(s, lang, ANSWER_KEYWORD_DONT_KNOW)) {
		*state = ANSWER_DONT_KNOW;
	} else if (answer_is_keyword(s, lang, ANSWER_KEYWORD_NOT_APPLICABLE)) {
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

size_t
answer_choice_number(const struct question *qu, const char *value)
{
	for (size_t k = 0; value && k < qu->choice_count; k++)
		if (strcmp(qu->choices[k].value, value) == 0)
			return k + 1;
	return 0;
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
