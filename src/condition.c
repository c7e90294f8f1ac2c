/* Parser and evaluator for skip-logic conditions. */
#include "condition.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

enum token_kind {
	TOK_END,
	TOK_WORD,
	TOK_NUMBER,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_OP,
	TOK_AND,
	TOK_OR,
	TOK_NOT,
	TOK_BAD,
};

struct parser {
	const char *src;
	size_t pos;  /* start of the current token */
	size_t next; /* first byte after it */
	enum token_kind kind;
	enum cond_op op; /* for TOK_OP */
	int depth;
	char *err;
	size_t errlen;
	int failed;
};

static int
is_word_start(int c)
{
	return isalpha(c) || c == '_';
}

static int
is_word_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-';
}

static void __attribute__((format(printf, 3, 4)))
fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->failed)
		return;
	p->failed = 1;
	n = snprintf(p->err, p->errlen, "column %zu: ", at + 1);
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Read the token that starts at p->next. */
static void
advance(struct parser *p)
{
	const char *s = p->src;
	size_t i = p->next;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	p->pos = i;
	if (s[i] == '\0') {
		p->kind = TOK_END;
		p->next = i;
		return;
	}
	if (s[i] == '(' || s[i] == ')') {
		p->kind = s[i] == '(' ? TOK_LPAREN : TOK_RPAREN;
		p->next = i + 1;
		return;
	}
	if (s[i] == '=' || s[i] == '<' || s[i] == '>' || s[i] == '!') {
		int two = s[i + 1] == '=';

		p->kind = TOK_OP;
		p->next = i + 1 + (size_t)two;
		switch (s[i]) {
		case '=':
			p->op = COND_EQ;
			p->next = i + 1 + (size_t)two; /* "==" is accepted as "=" */
			break;
		case '<':
			p->op = two ? COND_LE : COND_LT;
			break;
		case '>':
			p->op = two ? COND_GE : COND_GT;
			break;
		default:
			if (!two)
				p->kind = TOK_BAD;
			p->op = COND_NE;
			break;
		}
		return;
	}
	if (isdigit((unsigned char)s[i]) || (s[i] == '-' && isdigit((unsigned char)s[i + 1]))) {
		i++;
		while (isdigit((unsigned char)s[i]))
			i++;
		if (s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
			i++;
			while (isdigit((unsigned char)s[i]))
				i++;
		}
		p->kind = is_word_char((unsigned char)s[i]) ? TOK_BAD : TOK_NUMBER;
		p->next = i;
		return;
	}
	if (is_word_start((unsigned char)s[i])) {
		size_t len;

		while (is_word_char((unsigned char)s[i]))
			i++;
		len = i - p->pos;
		p->next = i;
		p->kind = TOK_WORD;
		if (len == 3 && memcmp(s + p->pos, "and", 3) == 0)
			p->kind = TOK_AND;
		else if (len == 2 && memcmp(s + p->pos, "or", 2) == 0)
			p->kind = TOK_OR;
		else if (len == 3 && memcmp(s + p->pos, "not", 3) == 0)
			p->kind = TOK_NOT;
		else if (len == 3 && memcmp(s + p->pos, "has", 3) == 0) {
			p->kind = TOK_OP;
			p->op = COND_HAS;
		}
		return;
	}
	p->kind = TOK_BAD;
	p->next = i + 1;
}

static char *
token_text(const struct parser *p)
{
	return xstrndup(p->src + p->pos, p->next - p->pos);
}

static struct cond *
node_new(enum cond_kind kind, struct cond *left, struct cond *right)
{
	struct cond *c = xcalloc(1, sizeof(*c));

	c->kind = kind;
	c->left = left;
	c->right = right;
	return c;
}

static struct cond *parse_or(struct parser *p);

static void
describe_bad(struct parser *p, const char *expected)
{
	if (p->kind == TOK_END)
		fail(p, p->pos, "%s, found the end of the condition", expected);
	else if (p->kind == TOK_BAD)
		fail(p, p->pos, "unexpected character '%c'", p->src[p->pos]);
	else
		fail(p, p->pos, "%s, found '%.*s'", expected, (int)(p->next - p->pos),
		     p->src + p->pos);
}

static struct cond *
parse_test(struct parser *p)
{
	struct cond *c;

	if (p->kind != TOK_WORD) {
		describe_bad(p, "expected a question id");
		return NULL;
	}
	c = node_new(COND_TEST, NULL, NULL);
	c->column = p->pos + 1;
	c->question_id = token_text(p);
	advance(p);
	if (p->kind != TOK_OP) {
		describe_bad(p, "expected an operator (=, !=, <, <=, >, >=, has)");
		cond_free(c);
		return NULL;
	}
	c->op = p->op;
	advance(p);
	if (p->kind == TOK_NUMBER) {
		char *end;

		c->value = token_text(p);
		errno = 0;
		c->number = strtod(c->value, &end);
		if (errno != 0 || *end != '\0' || !isfinite(c->number)) {
			fail(p, p->pos, "number '%s' is out of range", c->value);
			cond_free(c);
			return NULL;
		}
		c->value_is_number = 1;
	} else if (p->kind == TOK_WORD) {
		c->value = token_text(p);
	} else {
		describe_bad(p, "expected a value");
		cond_free(c);
		return NULL;
	}
	advance(p);
	return c;
}

static struct cond *
parse_unary(struct parser *p)
{
	struct cond *c;

	if (p->kind != TOK_NOT && p->kind != TOK_LPAREN)
		return parse_test(p);
	if (++p->depth > COND_MAX_DEPTH) {
		fail(p, p->pos, "nested more than %d levels deep", COND_MAX_DEPTH);
		return NULL;
	}
	if (p->kind == TOK_NOT) {
		advance(p);
		c = parse_unary(p);
		p->depth--;
		return c ? node_new(COND_NOT, c, NULL) : NULL;
	}
	advance(p);
	c = parse_or(p);
	if (c && p->kind != TOK_RPAREN) {
		describe_bad(p, "expected ')'");
		cond_free(c);
		c = NULL;
	}
	if (c)
		advance(p);
	p->depth--;
	return c;
}

static struct cond *
parse_and(struct parser *p)
{
	struct cond *left = parse_unary(p);

	while (left && p->kind == TOK_AND) {
		struct cond *right;

		advance(p);
		right = parse_unary(p);
		if (!right) {
			cond_free(left);
			return NULL;
		}
		left = node_new(COND_AND, left, right);
	}
	return left;
}

static struct cond *
parse_or(struct parser *p)
{
	struct cond *left = parse_and(p);

	while (left && p->kind == TOK_OR) {
		struct cond *right;

		advance(p);
		right = parse_and(p);
		if (!right) {
			cond_free(left);
			return NULL;
		}
		left = node_new(COND_OR, left, right);
	}
	return left;
}

struct cond *
cond_parse(const char *src, char *err, size_t errlen)
{
	struct parser p;
	struct cond *c;
	size_t len = strnlen(src, COND_MAX_LENGTH + 1);

	memset(&p, 0, sizeof(p));
	p.src = src;
	p.err = err;
	p.errlen = errlen;
	if (errlen)
		err[0] = '\0';
	if (len > COND_MAX_LENGTH) {
		fail(&p, 0, "condition is longer than %d characters", COND_MAX_LENGTH);
		return NULL;
	}
	advance(&p);
	if (p.kind == TOK_END) {
		fail(&p, 0, "condition is empty");
		return NULL;
	}
	c = parse_or(&p);
	if (c && p.kind != TOK_END) {
		describe_bad(&p, "expected 'and', 'or' or the end of the condition");
		cond_free(c);
		c = NULL;
	}
	return c;
}

void
cond_free(struct cond *c)
{
	if (c == NULL)
		return;
	cond_free(c->left);
	cond_free(c->right);
	free(c->question_id);
	free(c->value);
	free(c);
}

int
cond_each_test(struct cond *c, int (*fn)(struct cond *test, void *ctx), void *ctx)
{
	int r;

	if (c == NULL)
		return 0;
	if (c->kind == COND_TEST)
		return fn(c, ctx);
	r = cond_each_test(c->left, fn, ctx);
	if (r == 0)
		r = cond_each_test(c->right, fn, ctx);
	return r;
}

const char *
cond_op_name(enum cond_op op)
{
	static const char *const names[] = {"=", "!=", "<", "<=", ">", ">=", "has"};

	return names[op];
}

/* Parse the whole of s as a finite number. */
static int
parse_number(const char *s, double *out)
{
	char *end;

	if (*s == '\0' || isspace((unsigned char)*s))
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && *end == '\0' && isfinite(*out);
}

int
cond_list_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *s = list;

	while (*s) {
		size_t len = strcspn(s, " ");

		if (len == n && memcmp(s, word, n) == 0)
			return 1;
		s += len;
		while (*s == ' ')
			s++;
	}
	return 0;
}

static int
eval_test(const struct cond *c, cond_lookup lookup, void *ctx)
{
	struct cond_answer a = {ANSWER_NONE, NULL};
	double x;
	int numeric;

	lookup(ctx, c->question, &a);
	if (a.state != ANSWER_VALUE || a.value == NULL)
		return 0;
	if (c->op == COND_HAS)
		return cond_list_has(a.value, c->value);
	numeric = c->value_is_number && parse_number(a.value, &x);
	switch (c->op) {
	case COND_EQ:
		return numeric ? x == c->number : strcmp(a.value, c->value) == 0;
	case COND_NE:
		return numeric ? x != c->number : strcmp(a.value, c->value) != 0;
	case COND_LT:
		return numeric && x < c->number;
	case COND_LE:
		return numeric && x <= c->number;
	case COND_GT:
		return numeric && x > c->number;
	case COND_GE:
		return numeric && x >= c->number;
	default:
		return 0;
	}
}

int
cond_eval(const struct cond *c, cond_lookup lookup, void *ctx)
{
	switch (c->kind) {
	case COND_AND:
		return cond_eval(c->left, lookup, ctx) && cond_eval(c->right, lookup, ctx);
	case COND_OR:
		return cond_eval(c->left, lookup, ctx) || cond_eval(c->right, lookup, ctx);
	case COND_NOT:
		return !cond_eval(c->left, lookup, ctx);
	default:
		return eval_test(c, lookup, ctx);
	}
}
