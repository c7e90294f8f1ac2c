/* Questionnaire loader: safe XML parsing, XSD validation, semantic checks,
 * and the in-memory model. The only module that includes libxml2. */
#include "questionnaire.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "file.h"
#include "hash.h"
#include "schema.h"
#include "xmalloc.h"

/* libxml2 strings are unsigned; this cast keeps const, unlike BAD_CAST. */
#define XS(s) ((const xmlChar *)(s))

#define NS_URI "urn:cirt:questionnaire:1"
#define WEIGHTS_NS_URI "urn:cirt:weights:1"
#define NS_PREFIX_IN_MESSAGES "{" NS_URI "}"

/* What a load is doing, shared with libxml2's callbacks. */
struct loader {
	const char *name; /* file name used in messages */
	struct diag *diags;
	size_t errors;
	struct questionnaire *q;
};

/* ---- libxml2 set-up ---------------------------------------------------- */

/* Refuse every external resource: no file, no network, ever. */
static xmlParserInputPtr
refuse_external_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	(void)ctxt;
	(void)url;
	return NULL;
}

static void add_error(struct loader *ld, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add_error(struct loader *ld, long line, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(ld->diags, ld->name, line, "%s", text);
	free(text);
	ld->errors++;
}

/* libxml2 messages that mean little to an assessor, and what to say. */
static const struct {
	const char *prefix;
	const char *say;
} plain_messages[] = {
	{"Input is not proper UTF-8", "text is not valid UTF-8"},
	{"Excessive depth in document", "elements are nested too deeply (more than 256 levels)"},
	{"Detected an entity reference loop", "entity references form a loop"},
};

/* Turn one libxml2 message into a one-line diagnostic: keep its first line,
 * drop the namespace in braces, which only clutters the text, and reword
 * the few messages written for programmers. */
static void
on_xml_error(void *data, xmlErrorPtr error)
{
	struct loader *ld = data;
	const char *msg = error->message ? error->message : "unknown XML error";
	size_t ns_len = strlen(NS_PREFIX_IN_MESSAGES);
	char *clean;
	size_t j = 0;

	if (error->level == XML_ERR_WARNING)
		return;
	for (size_t i = 0; i < sizeof(plain_messages) / sizeof(plain_messages[0]); i++) {
		size_t n = strlen(plain_messages[i].prefix);

		if (strncmp(msg, plain_messages[i].prefix, n) == 0) {
			const char *detail = strstr(msg, "Bytes:");

			if (detail)
				add_error(ld, error->line, "%s (%.*s)", plain_messages[i].say,
					  (int)strcspn(detail, "\n"), detail);
			else
				add_error(ld, error->line, "%s", plain_messages[i].say);
			return;
		}
	}
	/* the first line says what is wrong; later ones echo the input */
	clean = xmalloc(strlen(msg) + 1);
	for (size_t i = 0; msg[i] && msg[i] != '\n';) {
		if (strncmp(msg + i, NS_PREFIX_IN_MESSAGES, ns_len) == 0) {
			i += ns_len;
			continue;
		}
		clean[j++] = msg[i++];
	}
	while (j > 0 && (clean[j - 1] == '\n' || clean[j - 1] == ' '))
		j--;
	clean[j] = '\0';
	add_error(ld, error->line, "%s", clean);
	free(clean);
}

/* SAX hook called for any <!DOCTYPE>: refuse it and stop parsing before a
 * single entity declaration is read. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct loader *ld = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	add_error(ld, xmlSAX2GetLineNumber(ctxt),
		  "document type declarations (<!DOCTYPE>) are not allowed in a questionnaire");
	xmlStopParser(ctxt);
}

static xmlSchemaPtr cached_schema;

static void
library_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_external_entity);
}

/* The built-in schema, parsed once per process. */
static xmlSchemaPtr
built_in_schema(struct loader *ld)
{
	xmlSchemaParserCtxtPtr pctxt;

	if (cached_schema)
		return cached_schema;
	pctxt = xmlSchemaNewMemParserCtxt((const char *)questionnaire_xsd,
					  (int)questionnaire_xsd_len);
	if (pctxt == NULL) {
		add_error(ld, 0, "cannot read the built-in questionnaire schema");
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, on_xml_error, ld);
	cached_schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (cached_schema == NULL)
		add_error(ld, 0, "the built-in questionnaire schema is invalid");
	return cached_schema;
}

void
questionnaire_library_cleanup(void)
{
	if (cached_schema)
		xmlSchemaFree(cached_schema);
	cached_schema = NULL;
	xmlCleanupParser();
}

/* ---- small helpers ----------------------------------------------------- */

static int
is_element(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && node->ns &&
		xmlStrcmp(node->ns->href, XS(NS_URI)) == 0 && xmlStrcmp(node->name, XS(name)) == 0;
}

static long
line_of(const xmlNode *node)
{
	return xmlGetLineNo(node);
}

/* The attribute's value as a string owned by the caller, or NULL. */
static char *
attr(const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, XS(name));
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* An element's text, as xmlNodeGetContent gives it, but borrowed from the
 * tree when it is one text node, as nearly every text of a questionnaire
 * is: a copy and a free fewer per text. *copy is what to xmlFree after use
 * (NULL when borrowed). Never NULL. */
static const char *
element_text(const xmlNode *node, xmlChar **copy)
{
	const xmlNode *c = node->children;

	*copy = NULL;
	if (c == NULL)
		return "";
	if (c->next == NULL && c->type == XML_TEXT_NODE && c->content)
		return (const char *)c->content;
	*copy = xmlNodeGetContent(node);
	return *copy ? (const char *)*copy : "";
}

/* The node's xml:lang, as xmlGetNsProp gives it, borrowed as element_text
 * does; NULL when it has none. */
static const char *
xml_lang(const xmlNode *node, xmlChar **copy)
{
	*copy = NULL;
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		const xmlNode *c = a->children;

		if (a->ns == NULL || !xmlStrEqual(a->ns->href, XML_XML_NAMESPACE) ||
		    !xmlStrEqual(a->name, XS("lang")))
			continue;
		if (c && c->next == NULL && c->type == XML_TEXT_NODE)
			return c->content ? (const char *)c->content : "";
		*copy = xmlGetNsProp(node, XS("lang"), XML_XML_NAMESPACE);
		return *copy ? (const char *)*copy : "";
	}
	return NULL;
}

static int
parse_decimal(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return end != s && *end == '\0' && errno == 0 && isfinite(*out);
}

/* A decimal attribute: returns 1 and sets *out when present and valid, 0
 * when absent (and *out = fallback), -1 after reporting an invalid one. */
static int
attr_number(struct loader *ld, const xmlNode *node, const char *name, double fallback, double *out)
{
	char *v = attr(node, name);
	int r = 1;

	*out = fallback;
	if (v == NULL)
		return 0;
	if (!parse_decimal(v, out)) {
		add_error(ld, line_of(node), "attribute '%s': '%s' is not a number", name, v);
		*out = fallback;
		r = -1;
	}
	free(v);
	return r;
}

/* xs:boolean: true, false, 1, 0. */
static int
attr_bool(const xmlNode *node, const char *name)
{
	char *v = attr(node, name);
	int r = v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);

	free(v);
	return r;
}

/* Collapse white space as an author would expect: runs of spaces, tabs and
 * single line breaks become one space; a blank line becomes one "\n"
 * (a paragraph break); leading and trailing space goes. */
static char *
normalize_space(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t j = 0;

	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			int newlines = 0;

			while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
				newlines += *s == '\n';
				s++;
			}
			if (j > 0 && *s)
				out[j++] = newlines >= 2 ? '\n' : ' ';
			continue;
		}
		out[j++] = *s++;
	}
	out[j] = '\0';
	return out;
}

/* Offset of the first C1 control character (U+0080..U+009F) in UTF-8 s,
 * or -1. XML allows them, but a terminal may act on them. */
static long
find_c1_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return (long)((const char *)p - s);
	return -1;
}

static void
text_release(struct text *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->variants[i].lang);
		free(t->variants[i].value);
	}
	free(t->variants);
	t->variants = NULL;
	t->count = 0;
}

/* Whether attribute a is xml:lang or one of the names in allowed
 * (NULL-terminated; allowed may be NULL). */
static int
attribute_allowed(const xmlAttr *a, const char *const *allowed)
{
	if (a->ns)
		return xmlStrcmp(a->ns->href, XML_XML_NAMESPACE) == 0 &&
			xmlStrcmp(a->name, XS("lang")) == 0;
	for (size_t i = 0; allowed && allowed[i]; i++)
		if (xmlStrcmp(a->name, XS(allowed[i])) == 0)
			return 1;
	return 0;
}

/* Read consecutive elements called name starting at *cursor into t, one
 * variant per xml:lang (none means the default language), and leave
 * *cursor at the first element after them. Checks that the default
 * language is present, that no language repeats, and that every declared
 * language is there. Attributes other than xml:lang and those in allowed
 * (NULL-terminated, or NULL for none) are errors. */
static void
read_text_allowing(struct loader *ld, const xmlNode *parent, xmlNode **cursor, const char *name,
		   struct text *t, int required, const char *const *allowed)
{
	const struct questionnaire *q = ld->q;
	size_t alloc = 0;
	long first_line = *cursor ? line_of(*cursor) : line_of(parent);
	int has_default = 0;

	while (*cursor && is_element(*cursor, name)) {
		xmlNode *node = *cursor;
		xmlChar *lang_copy;
		xmlChar *content_copy;
		const char *lang = xml_lang(node, &lang_copy);
		const char *content = element_text(node, &content_copy);
		const char *l = lang ? lang : q->default_lang;
		long c1;

		for (xmlAttr *a = node->properties; a; a = a->next)
			if (!attribute_allowed(a, allowed))
				add_error(ld, line_of(node),
					  "element '%s': attribute '%s%s' is not allowed", name,
					  a->ns ? "xml:" : "", (const char *)a->name);
		for (size_t i = 0; i < t->count; i++)
			if (strcmp(t->variants[i].lang, l) == 0)
				add_error(ld, line_of(node),
					  "element '%s': language '%s' appears twice", name, l);
		xgrow((void **)&t->variants, &alloc, t->count + 1, sizeof(*t->variants));
		t->variants[t->count].lang = xstrdup(l);
		t->variants[t->count].value = normalize_space(content);
		c1 = find_c1_control(t->variants[t->count].value);
		if (c1 >= 0)
			add_error(ld, line_of(node),
				  "element '%s': control character U+%04X is not allowed in text",
				  name,
				  (unsigned)(((unsigned char)t->variants[t->count].value[c1 + 1]) &
					     0xFF));
		if (t->variants[t->count].value[0] == '\0')
			add_error(ld, line_of(node), "element '%s' is empty", name);
		if (strcmp(l, q->default_lang) == 0) {
			/* keep the default language's text first */
			struct text_variant v = t->variants[t->count];

			memmove(t->variants + 1, t->variants, t->count * sizeof(*t->variants));
			t->variants[0] = v;
			has_default = 1;
		}
		t->count++;
		xmlFree(lang_copy);
		xmlFree(content_copy);
		*cursor = xmlNextElementSibling(node);
	}
	if (t->count == 0) {
		if (required)
			add_error(ld, first_line, "element '%s' is missing", name);
		return;
	}
	if (!has_default)
		add_error(ld, first_line, "'%s' has no text in the default language '%s'", name,
			  q->default_lang);
	for (size_t i = 0; i < q->language_count; i++)
		if (!text_has(t, q->languages[i]))
			add_error(ld, first_line,
				  "'%s' has no '%s' text, but the questionnaire declares that "
				  "language",
				  name, q->languages[i]);
}

static void
read_text(struct loader *ld, const xmlNode *parent, xmlNode **cursor, const char *name,
	  struct text *t, int required)
{
	read_text_allowing(ld, parent, cursor, name, t, required, NULL);
}

/* ---- recommendations --------------------------------------------------- */

const char *const recommendation_bodies[] = {
	"government", "ministry",	 "parliament", "regulator",
	"cirt",	      "law-enforcement", "judiciary",  "data-protection",
	"education",  "foreign-affairs", "operators",  NULL,
};

static const char *const recommendation_attributes[] = {"horizon", "effort", "body", NULL};

/* The index of s among names[1..count), or 0 when it is none of them. */
static int
name_index(const char *const *names, size_t count, const char *s)
{
	for (size_t i = 1; i < count; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return 0;
}

/* The allowed body keywords as one list for messages, owned by the caller. */
static char *
body_keywords(void)
{
	size_t size = 1;
	char *list;

	for (size_t i = 0; recommendation_bodies[i]; i++)
		size += strlen(recommendation_bodies[i]) + 2;
	list = xmalloc(size);
	list[0] = '\0';
	for (size_t i = 0; recommendation_bodies[i]; i++) {
		if (i > 0)
			strcat(list, ", ");
		strcat(list, recommendation_bodies[i]);
	}
	return list;
}

/* Read the body attribute's keywords into rec: 1 to
 * RECOMMENDATION_MAX_BODIES known keywords, none twice. */
static void
read_bodies(struct loader *ld, const xmlNode *node, const char *owner, const char *value,
	    struct recommendation *rec)
{
	char *list = xstrdup(value);
	char *save = NULL;
	size_t named = 0;

	for (char *tok = strtok_r(list, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		const char *body = NULL;
		int twice = 0;

		named++;
		for (size_t i = 0; recommendation_bodies[i]; i++)
			if (strcmp(recommendation_bodies[i], tok) == 0)
				body = recommendation_bodies[i];
		if (body == NULL) {
			char *known = body_keywords();

			add_error(
				ld, line_of(node),
				"%s: recommendation: body '%s' is not one cirt knows; name 1 to %d "
				"of: %s",
				owner, tok, RECOMMENDATION_MAX_BODIES, known);
			free(known);
			continue;
		}
		for (size_t i = 0; i < rec->body_count; i++)
			twice |= rec->bodies[i] == body;
		if (twice) {
			add_error(ld, line_of(node), "%s: recommendation: body '%s' is named twice",
				  owner, tok);
			continue;
		}
		if (rec->body_count < RECOMMENDATION_MAX_BODIES)
			rec->bodies[rec->body_count++] = body;
	}
	if (named == 0) {
		char *known = body_keywords();

		add_error(ld, line_of(node),
			  "%s: recommendation: attribute 'body' is empty; name 1 to %d of: %s",
			  owner, RECOMMENDATION_MAX_BODIES, known);
		free(known);
	} else if (named > RECOMMENDATION_MAX_BODIES) {
		add_error(ld, line_of(node),
			  "%s: recommendation: attribute 'body' names %zu bodies; name at most "
			  "%d, the one leading first",
			  owner, named, RECOMMENDATION_MAX_BODIES);
	}
	free(list);
}

/* Read consecutive <recommendation> elements at *cursor into rec: the text
 * in every language, and horizon, effort and body from the element in the
 * default language (on a translation they are errors). owner names what
 * holds it in messages ("question 'L2', level 1"). */
static void
read_recommendation(struct loader *ld, const xmlNode *parent, xmlNode **cursor, const char *owner,
		    struct recommendation *rec, int required)
{
	static const char *const horizons[] = {"", "short", "medium", "long"};
	static const char *const efforts[] = {"", "low", "medium", "high"};
	xmlNode *first = *cursor;

	read_text_allowing(ld, parent, cursor, "recommendation", &rec->text, required,
			   recommendation_attributes);
	if (rec->text.count > 0)
		rec->line = line_of(first);
	for (xmlNode *node = first; node && node != *cursor; node = xmlNextElementSibling(node)) {
		xmlChar *lang_copy;
		const char *lang = xml_lang(node, &lang_copy);
		int translation = lang && strcmp(lang, ld->q->default_lang) != 0;

		for (size_t i = 0; recommendation_attributes[i]; i++) {
			const char *name = recommendation_attributes[i];
			char *value = attr(node, name);

			if (value == NULL)
				continue;
			if (translation)
				add_error(ld, line_of(node),
					  "%s: recommendation: attribute '%s' belongs on the "
					  "recommendation in the default language '%s', not on "
					  "its '%s' translation",
					  owner, name, ld->q->default_lang, lang);
			else if (strcmp(name, "horizon") == 0)
				rec->horizon = (enum horizon)name_index(horizons, 4, value);
			else if (strcmp(name, "effort") == 0)
				rec->effort = (enum effort)name_index(efforts, 4, value);
			else
				read_bodies(ld, node, owner, value, rec);
			free(value);
		}
		xmlFree(lang_copy);
	}
}

/* ---- ids --------------------------------------------------------------- */

struct id_entry {
	const char *id;
	const char *what;
	long line;
};

static int
compare_id_entries(const void *a, const void *b)
{
	const struct id_entry *x = a;
	const struct id_entry *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Pillar, indicator, question and tier ids share one name space. */
static void
check_unique_ids(struct loader *ld)
{
	const struct questionnaire *q = ld->q;
	size_t n = q->pillar_count + q->indicator_count + q->question_count + q->tier_count;
	struct id_entry *e = xcalloc(n, sizeof(*e));
	size_t k = 0;

	for (size_t i = 0; i < q->pillar_count; i++)
		e[k++] = (struct id_entry){q->pillars[i].id, "pillar", q->pillars[i].line};
	for (size_t i = 0; i < q->indicator_count; i++)
		e[k++] = (struct id_entry){q->indicators[i].id, "indicator", q->indicators[i].line};
	for (size_t i = 0; i < q->question_count; i++)
		e[k++] = (struct id_entry){q->questions[i].id, "question", q->questions[i].line};
	for (size_t i = 0; i < q->tier_count; i++)
		e[k++] = (struct id_entry){q->tiers[i].id, "tier", q->tiers[i].line};
	qsort(e, k, sizeof(*e), compare_id_entries);
	for (size_t i = 1; i < k; i++) {
		size_t first = i - 1;

		while (first > 0 && strcmp(e[first - 1].id, e[i].id) == 0)
			first--;
		if (strcmp(e[i - 1].id, e[i].id) == 0)
			add_error(ld, e[i].line, "duplicate id '%s': %s here, %s on line %ld",
				  e[i].id, e[i].what, e[first].what, e[first].line);
	}
	free(e);
}

/* ---- building the model ------------------------------------------------ */

static void
read_choices(struct loader *ld, struct question *qu, xmlNode **cursor)
{
	size_t alloc = 0;
	int mismatch = 0;

	while (*cursor && (is_element(*cursor, "choice") || is_element(*cursor, "level"))) {
		xmlNode *node = *cursor;
		int level = is_element(node, "level");
		struct choice *c;
		xmlNode *child = xmlFirstElementChild(node);
		char *owner;

		xgrow((void **)&qu->choices, &alloc, qu->choice_count + 1, sizeof(*qu->choices));
		c = &qu->choices[qu->choice_count];
		memset(c, 0, sizeof(*c));
		c->line = line_of(node);
		c->value = level ? xasprintf("%zu", qu->choice_count) : attr(node, "value");
		if (c->value == NULL) {
			add_error(ld, c->line, "choice has no value");
			c->value = xstrdup("");
		}
		attr_number(ld, node, "score", 0, &c->score);
		read_text(ld, node, &child, "label", &c->label, 1);
		owner = level ? xasprintf("question '%s', level %zu", qu->id, qu->choice_count)
			      : xasprintf("question '%s', choice '%s'", qu->id, c->value);
		read_recommendation(ld, node, &child, owner, &c->recommendation, 0);
		free(owner);
		if (c->recommendation.text.count > 0 && qu->type == QUESTION_MULTI)
			add_error(ld, c->recommendation.line,
				  "question '%s', choice '%s': the choices of a multi question "
				  "cannot have a recommendation (several or none may be chosen); "
				  "put it on the question",
				  qu->id, c->value);
		qu->choice_count++;
		if ((qu->type == QUESTION_SCALE) != level && !mismatch++)
			add_error(ld, c->line,
				  "question '%s': a %s question cannot have <%s> elements", qu->id,
				  question_type_name(qu->type), level ? "level" : "choice");
		*cursor = xmlNextElementSibling(node);
	}
}

static void
read_ranges(struct loader *ld, struct question *qu, xmlNode **cursor)
{
	size_t alloc = 0;

	while (*cursor && is_element(*cursor, "range")) {
		xmlNode *node = *cursor;
		struct score_range *r;

		xgrow((void **)&qu->ranges, &alloc, qu->range_count + 1, sizeof(*qu->ranges));
		r = &qu->ranges[qu->range_count++];
		r->line = line_of(node);
		attr_number(ld, node, "min", 0, &r->min);
		attr_number(ld, node, "max", 0, &r->max);
		attr_number(ld, node, "score", 0, &r->score);
		if (qu->type != QUESTION_NUMBER)
			add_error(ld, r->line,
				  "question '%s': only number questions can have <range> elements",
				  qu->id);
		*cursor = xmlNextElementSibling(node);
	}
}

static void
check_attribute_applies(struct loader *ld, const xmlNode *node, const struct question *qu,
			const char *name, enum question_type type)
{
	if (qu->type != type && xmlHasProp(node, XS(name)))
		add_error(ld, line_of(node),
			  "question '%s': attribute '%s' applies only to %s questions", qu->id,
			  name, question_type_name(type));
}

static void
add_yes_no(struct question *qu, double yes, double no)
{
	qu->choices = xcalloc(2, sizeof(*qu->choices));
	qu->choices[0].value = xstrdup("yes");
	qu->choices[0].score = yes;
	qu->choices[0].line = qu->line;
	qu->choices[1].value = xstrdup("no");
	qu->choices[1].score = no;
	qu->choices[1].line = qu->line;
	qu->choice_count = 2;
}

static enum question_type
parse_type(const char *s, int *ok)
{
	static const char *const names[] = {"yesno",  "single", "multi", "scale",
					    "number", "text",	"date"};

	*ok = 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (s && strcmp(s, names[i]) == 0)
			return (enum question_type)i;
	*ok = 0;
	return QUESTION_TEXT;
}

static void
check_question_shape(struct loader *ld, const struct question *qu)
{
	switch (qu->type) {
	case QUESTION_SINGLE:
	case QUESTION_MULTI:
		if (qu->choice_count < 2)
			add_error(
				ld, qu->line,
				"question '%s': a %s question needs at least two <choice> elements",
				qu->id, question_type_name(qu->type));
		for (size_t i = 0; i < qu->choice_count; i++)
			for (size_t j = 0; j < i; j++)
				if (strcmp(qu->choices[i].value, qu->choices[j].value) == 0)
					add_error(ld, qu->choices[i].line,
						  "question '%s': choice value '%s' appears twice",
						  qu->id, qu->choices[i].value);
		break;
	case QUESTION_SCALE:
		if (qu->choice_count < 2)
			add_error(ld, qu->line,
				  "question '%s': a scale needs at least two <level> elements",
				  qu->id);
		break;
	case QUESTION_NUMBER:
		if (qu->has_min && qu->has_max && qu->min > qu->max)
			add_error(ld, qu->line,
				  "question '%s': min %.15g is greater than max %.15g", qu->id,
				  qu->min, qu->max);
		for (size_t i = 0; i < qu->range_count; i++) {
			const struct score_range *r = &qu->ranges[i];

			if (r->min > r->max)
				add_error(
					ld, r->line,
					"question '%s': range min %.15g is greater than max %.15g",
					qu->id, r->min, r->max);
			else if ((qu->has_min && r->max < qu->min) ||
				 (qu->has_max && r->min > qu->max))
				add_error(ld, r->line,
					  "question '%s': range %.15g..%.15g lies outside the "
					  "allowed "
					  "answers",
					  qu->id, r->min, r->max);
		}
		break;
	default:
		break;
	}
}

static void
read_question(struct loader *ld, xmlNode *node, struct question *qu)
{
	xmlNode *child = xmlFirstElementChild(node);
	char *type = attr(node, "type");
	char *owner;
	int ok;
	double yes, no;

	qu->line = line_of(node);
	qu->id = attr(node, "id");
	if (qu->id == NULL)
		qu->id = xstrdup("");
	qu->type = parse_type(type, &ok);
	if (!ok)
		add_error(ld, qu->line, "question '%s': unknown type '%s'", qu->id,
			  type ? type : "");
	free(type);
	attr_number(ld, node, "weight", 1, &qu->weight);
	qu->required = attr_bool(node, "required");
	qu->evidence = attr_bool(node, "evidence");
	qu->integer = attr_bool(node, "integer");
	qu->has_min = attr_number(ld, node, "min", 0, &qu->min) == 1;
	qu->has_max = attr_number(ld, node, "max", 0, &qu->max) == 1;
	attr_number(ld, node, "yes-score", 1, &yes);
	attr_number(ld, node, "no-score", 0, &no);
	qu->condition_source = attr(node, "show-if");
	check_attribute_applies(ld, node, qu, "min", QUESTION_NUMBER);
	check_attribute_applies(ld, node, qu, "max", QUESTION_NUMBER);
	check_attribute_applies(ld, node, qu, "integer", QUESTION_NUMBER);
	check_attribute_applies(ld, node, qu, "yes-score", QUESTION_YESNO);
	check_attribute_applies(ld, node, qu, "no-score", QUESTION_YESNO);

	read_text(ld, node, &child, "text", &qu->text, 1);
	read_text(ld, node, &child, "help", &qu->help, 0);
	owner = xasprintf("question '%s'", qu->id);
	read_recommendation(ld, node, &child, owner, &qu->recommendation, 0);
	free(owner);
	if (qu->type == QUESTION_YESNO)
		add_yes_no(qu, yes, no);
	if (child && qu->type == QUESTION_YESNO && !is_element(child, "range"))
		add_error(ld, line_of(child),
			  "question '%s': a yesno question has no <%s> elements", qu->id,
			  (const char *)child->name);
	else
		read_choices(ld, qu, &child);
	read_ranges(ld, qu, &child);
	check_question_shape(ld, qu);
}

/* Count the children called name, to size the flat arrays up front. */
static size_t
count_children(xmlNode *parent, const char *name)
{
	size_t n = 0;

	for (xmlNode *c = xmlFirstElementChild(parent); c; c = xmlNextElementSibling(c))
		n += is_element(c, name);
	return n;
}

static void
read_indicator(struct loader *ld, xmlNode *node, size_t pillar, size_t index)
{
	struct questionnaire *q = ld->q;
	struct indicator *in = &q->indicators[index];
	xmlNode *child = xmlFirstElementChild(node);
	char *owner;

	in->line = line_of(node);
	in->id = attr(node, "id");
	if (in->id == NULL)
		in->id = xstrdup("");
	in->pillar = pillar;
	attr_number(ld, node, "weight", 1, &in->weight);
	read_text(ld, node, &child, "title", &in->title, 1);
	owner = xasprintf("indicator '%s'", in->id);
	read_recommendation(ld, node, &child, owner, &in->recommendation, 1);
	free(owner);
	in->first_question = q->question_count;
	for (; child; child = xmlNextElementSibling(child)) {
		struct question *qu;

		if (!is_element(child, "question"))
			continue;
		qu = &q->questions[q->question_count++];
		qu->indicator = index;
		qu->pillar = pillar;
		read_question(ld, child, qu);
		in->question_count++;
	}
}

static void
read_pillar(struct loader *ld, xmlNode *node, size_t index)
{
	struct questionnaire *q = ld->q;
	struct pillar *p = &q->pillars[index];
	xmlNode *child = xmlFirstElementChild(node);

	p->line = line_of(node);
	p->id = attr(node, "id");
	if (p->id == NULL)
		p->id = xstrdup("");
	attr_number(ld, node, "weight", 1, &p->weight);
	read_text(ld, node, &child, "title", &p->title, 1);
	p->first_indicator = q->indicator_count;
	for (; child; child = xmlNextElementSibling(child)) {
		if (!is_element(child, "indicator"))
			continue;
		read_indicator(ld, child, index, q->indicator_count++);
		p->indicator_count++;
	}
}

static void
read_tiers(struct loader *ld, xmlNode *node)
{
	struct questionnaire *q = ld->q;

	q->tiers = xcalloc(count_children(node, "tier"), sizeof(*q->tiers));
	for (xmlNode *c = xmlFirstElementChild(node); c; c = xmlNextElementSibling(c)) {
		struct tier *t;
		xmlNode *child = xmlFirstElementChild(c);

		if (!is_element(c, "tier"))
			continue;
		t = &q->tiers[q->tier_count++];
		t->line = line_of(c);
		t->id = attr(c, "id");
		if (t->id == NULL)
			t->id = xstrdup("");
		attr_number(ld, c, "min", 0, &t->min);
		read_text(ld, c, &child, "name", &t->name, 1);
	}
}

/* Tiers must start at 0 and rise strictly, and stay within 0..100. */
static void
check_tiers(struct loader *ld)
{
	const struct questionnaire *q = ld->q;

	if (q->tier_count == 0)
		return;
	if (q->tiers[0].min != 0)
		add_error(
			ld, q->tiers[0].line,
			"tier '%s': the first tier must start at 0, not %.15g, so that every score "
			"has a tier",
			q->tiers[0].id, q->tiers[0].min);
	for (size_t i = 0; i < q->tier_count; i++) {
		const struct tier *t = &q->tiers[i];

		if (t->min < 0 || t->min > 100)
			add_error(ld, t->line, "tier '%s': min %.15g is outside 0..100", t->id,
				  t->min);
		if (i > 0 && t->min <= q->tiers[i - 1].min)
			add_error(ld, t->line,
				  "tier '%s': min %.15g must be greater than the previous tier's "
				  "min %.15g",
				  t->id, t->min, q->tiers[i - 1].min);
	}
}

static void
check_weights_and_scores(struct loader *ld)
{
	const struct questionnaire *q = ld->q;

	for (size_t i = 0; i < q->pillar_count; i++)
		if (!(q->pillars[i].weight > 0))
			add_error(ld, q->pillars[i].line, "pillar '%s': weight must be positive",
				  q->pillars[i].id);
	for (size_t i = 0; i < q->indicator_count; i++) {
		const struct indicator *in = &q->indicators[i];
		int scored = 0;

		if (!(in->weight > 0))
			add_error(ld, in->line, "indicator '%s': weight must be positive", in->id);
		for (size_t k = 0; k < in->question_count; k++)
			scored |= question_is_scored(&q->questions[in->first_question + k]);
		if (!scored && in->question_count > 0)
			add_error(ld, in->line,
				  "indicator '%s' has no scored question (text, date and number "
				  "questions without ranges earn no score)",
				  in->id);
	}
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];

		if (!(qu->weight > 0))
			add_error(ld, qu->line, "question '%s': weight must be positive", qu->id);
		for (size_t k = 0; k < qu->choice_count; k++)
			if (!(qu->choices[k].score >= 0 && qu->choices[k].score <= 1))
				add_error(ld, qu->choices[k].line,
					  "question '%s': score %.15g is outside 0..1", qu->id,
					  qu->choices[k].score);
		for (size_t k = 0; k < qu->range_count; k++)
			if (!(qu->ranges[k].score >= 0 && qu->ranges[k].score <= 1))
				add_error(ld, qu->ranges[k].line,
					  "question '%s': score %.15g is outside 0..1", qu->id,
					  qu->ranges[k].score);
	}
}

/* ---- the index of question ids ----------------------------------------- */

/* FNV-1a: a plain string hash, good enough for ids an author wrote. */
static size_t
id_hash(const char *id)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	return h;
}

/* Index the questions by id for questionnaire_find_question, keeping the
 * first of any that share an id (as a search in document order would find
 * it): a table at least twice as large as there are questions, so that a
 * look-up probes a slot or two whatever the questionnaire's size. */
static void
index_questions(struct questionnaire *q)
{
	size_t count = 8;
	size_t mask;

	while (count < 2 * q->question_count)
		count *= 2;
	mask = count - 1;
	q->question_slots = xcalloc(count, sizeof(*q->question_slots));
	q->question_slot_count = count;
	for (size_t i = 0; i < q->question_count; i++) {
		size_t s = id_hash(q->questions[i].id) & mask;

		while (q->question_slots[s] != 0 &&
		       strcmp(q->questions[q->question_slots[s] - 1].id, q->questions[i].id) != 0)
			s = (s + 1) & mask;
		if (q->question_slots[s] == 0)
			q->question_slots[s] = i + 1;
	}
}

/* ---- conditions -------------------------------------------------------- */

struct resolve {
	struct loader *ld;
	const struct question *owner;
	size_t owner_index;
};

/* Check one test of a condition: the question exists, comes earlier, and
 * the operator and value fit its type. */
static int
resolve_test(struct cond *test, void *data)
{
	struct resolve *r = data;
	struct loader *ld = r->ld;
	const struct questionnaire *q = ld->q;
	const struct question *owner = r->owner;
	const struct question *target = questionnaire_find_question(q, test->question_id);
	const char *op = cond_op_name(test->op);

	if (target == NULL) {
		add_error(ld, owner->line,
			  "question '%s': condition refers to unknown question '%s'", owner->id,
			  test->question_id);
		return 0;
	}
	test->question = (size_t)(target - q->questions);
	if (test->question == r->owner_index) {
		add_error(ld, owner->line, "question '%s': condition refers to the question itself",
			  owner->id);
		return 0;
	}
	if (test->question > r->owner_index) {
		add_error(ld, owner->line,
			  "question '%s': condition refers to question '%s', which comes later "
			  "(line %ld); a condition may only test an earlier question",
			  owner->id, target->id, target->line);
		return 0;
	}
	switch (target->type) {
	case QUESTION_YESNO:
	case QUESTION_SINGLE:
		if (test->op != COND_EQ && test->op != COND_NE)
			add_error(ld, owner->line,
				  "question '%s': operator '%s' cannot test %s question '%s'; use "
				  "= or !=",
				  owner->id, op, question_type_name(target->type), target->id);
		else if (!question_find_choice(target, test->value))
			add_error(ld, owner->line,
				  "question '%s': condition tests '%s' for '%s', which is not one "
				  "of its choices",
				  owner->id, target->id, test->value);
		break;
	case QUESTION_MULTI:
		if (test->op != COND_HAS)
			add_error(ld, owner->line,
				  "question '%s': multiple choice question '%s' is tested with "
				  "'has', not '%s'",
				  owner->id, target->id, op);
		else if (!question_find_choice(target, test->value))
			add_error(ld, owner->line,
				  "question '%s': condition tests '%s' for '%s', which is not one "
				  "of its choices",
				  owner->id, target->id, test->value);
		break;
	case QUESTION_SCALE:
	case QUESTION_NUMBER:
		if (test->op == COND_HAS)
			add_error(ld, owner->line,
				  "question '%s': 'has' tests multiple choice questions only, and "
				  "'%s' is a %s question",
				  owner->id, target->id, question_type_name(target->type));
		else if (!test->value_is_number)
			add_error(ld, owner->line,
				  "question '%s': %s question '%s' is compared with a number, not "
				  "'%s'",
				  owner->id, question_type_name(target->type), target->id,
				  test->value);
		else if (target->type == QUESTION_SCALE &&
			 (test->number < 0 || test->number >= (double)target->choice_count ||
			  test->number != floor(test->number)))
			add_error(ld, owner->line,
				  "question '%s': scale '%s' has levels 0 to %zu, not %s",
				  owner->id, target->id,
				  target->choice_count ? target->choice_count - 1 : 0, test->value);
		break;
	default:
		add_error(ld, owner->line,
			  "question '%s': a condition cannot test %s question '%s'", owner->id,
			  question_type_name(target->type), target->id);
		break;
	}
	return 0;
}

static void
check_conditions(struct loader *ld)
{
	struct questionnaire *q = ld->q;

	for (size_t i = 0; i < q->question_count; i++) {
		struct question *qu = &q->questions[i];
		char err[256];
		struct resolve r = {ld, qu, i};

		if (qu->condition_source == NULL)
			continue;
		qu->condition = cond_parse(qu->condition_source, err, sizeof(err));
		if (qu->condition == NULL) {
			add_error(ld, qu->line, "question '%s': show-if \"%s\": %s", qu->id,
				  qu->condition_source, err);
			continue;
		}
		cond_each_test(qu->condition, resolve_test, &r);
	}
}

/* ---- the document ------------------------------------------------------ */

static void
read_languages(struct loader *ld, const xmlNode *root)
{
	struct questionnaire *q = ld->q;
	char *list = attr(root, "languages");
	char *save = NULL;
	int has_default = 0;

	if (list == NULL)
		return;
	q->languages = xcalloc(strlen(list) / 2 + 1, sizeof(*q->languages));
	for (char *tok = strtok_r(list, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		int dup = 0;

		for (size_t i = 0; i < q->language_count; i++)
			dup |= strcmp(q->languages[i], tok) == 0;
		if (dup) {
			add_error(ld, line_of(root), "language '%s' is listed twice in 'languages'",
				  tok);
			continue;
		}
		if (strcmp(tok, q->default_lang) == 0) {
			memmove(q->languages + 1, q->languages, q->language_count * sizeof(char *));
			q->languages[0] = xstrdup(tok);
			has_default = 1;
		} else {
			q->languages[q->language_count] = xstrdup(tok);
		}
		q->language_count++;
	}
	if (!has_default)
		add_error(ld, line_of(root), "'languages' must include the default language '%s'",
			  q->default_lang);
	free(list);
}

static void
build_model(struct loader *ld, xmlNode *root)
{
	struct questionnaire *q = ld->q;
	xmlNode *child = xmlFirstElementChild(root);
	size_t pillars = count_children(root, "pillar");
	size_t indicators = 0;
	size_t questions = 0;

	q->id = attr(root, "id");
	q->version = attr(root, "version");
	q->default_lang = attr(root, "default-lang");
	if (!q->id)
		q->id = xstrdup("");
	if (!q->version)
		q->version = xstrdup("");
	if (!q->default_lang)
		q->default_lang = xstrdup("en");
	read_languages(ld, root);

	for (xmlNode *p = xmlFirstElementChild(root); p; p = xmlNextElementSibling(p)) {
		if (!is_element(p, "pillar"))
			continue;
		for (xmlNode *in = xmlFirstElementChild(p); in; in = xmlNextElementSibling(in)) {
			if (!is_element(in, "indicator"))
				continue;
			indicators++;
			questions += count_children(in, "question");
		}
	}
	q->pillars = xcalloc(pillars, sizeof(*q->pillars));
	q->indicators = xcalloc(indicators, sizeof(*q->indicators));
	q->questions = xcalloc(questions, sizeof(*q->questions));

	read_text(ld, root, &child, "title", &q->title, 1);
	read_text(ld, root, &child, "description", &q->description, 0);
	for (; child; child = xmlNextElementSibling(child)) {
		if (is_element(child, "pillar"))
			read_pillar(ld, child, q->pillar_count++);
		else if (is_element(child, "tiers"))
			read_tiers(ld, child);
	}
	if (q->tier_count == 0)
		add_error(ld, line_of(root), "the questionnaire defines no readiness tiers");

	questionnaire_index(q);
	check_unique_ids(ld);
	check_weights_and_scores(ld);
	check_tiers(ld);
	check_conditions(ld);
}

/* Refuse encodings other than UTF-8 before libxml2 converts them. */
static int
check_encoding(struct loader *ld, const char *data, size_t size)
{
	const unsigned char *b = (const unsigned char *)data;

	if (size >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		add_error(ld, 1,
			  "file starts with a byte order mark; save it as UTF-8 without one");
		return -1;
	}
	if (size >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		add_error(ld, 1, "file is UTF-16; save the questionnaire as UTF-8");
		return -1;
	}
	if (size >= 4 && ((b[0] == 0 && b[1] == 0) || (b[0] == '<' && b[1] == 0))) {
		add_error(ld, 1,
			  "file is not UTF-8 (it looks like UTF-16 or UTF-32); save the "
			  "questionnaire as UTF-8");
		return -1;
	}
	return 0;
}

static int
is_utf8_name(const xmlChar *encoding)
{
	return encoding == NULL || xmlStrcasecmp(encoding, XS("UTF-8")) == 0 ||
		xmlStrcasecmp(encoding, XS("UTF8")) == 0;
}

/* Parse data safely (no DTD, no entities, nothing external, UTF-8 only, within
 * libxml2's limits); returns the document, or NULL after adding errors. */
static xmlDocPtr
parse_safely(struct loader *ld, const char *data, size_t size, long max_bytes)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	library_init();
	if (size > (size_t)max_bytes) {
		add_error(ld, 0, "file is too large (%zu bytes; the limit is %ld MiB)", size,
			  max_bytes / (1024L * 1024));
		return NULL;
	}
	if (check_encoding(ld, data, size) < 0)
		return NULL;
	xmlSetStructuredErrorFunc(ld, on_xml_error);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		add_error(ld, 0, "cannot create an XML parser");
		xmlSetStructuredErrorFunc(NULL, NULL);
		return NULL;
	}
	ctxt->sax->internalSubset = on_doctype;
	ctxt->_private = ld;
	/* No NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: entities
	 * stay unexpanded, nothing external is read, and libxml2's limits on
	 * depth and size stay in force. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)size, ld->name, NULL,
				XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
					XML_PARSE_COMPACT);
	xmlFreeParserCtxt(ctxt);
	if (doc == NULL || ld->errors > 0) {
		if (ld->errors == 0)
			add_error(ld, 0, "not a well-formed XML document");
		goto fail;
	}
	if (doc->intSubset || doc->extSubset) {
		add_error(ld, 1, "document type declarations (<!DOCTYPE>) are not allowed");
		goto fail;
	}
	if (!is_utf8_name(doc->encoding)) {
		add_error(ld, 1, "file declares encoding '%s'; save it as UTF-8",
			  (const char *)doc->encoding);
		goto fail;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		add_error(ld, 0, "document has no root element");
		goto fail;
	}
	return doc;
fail:
	if (doc)
		xmlFreeDoc(doc);
	return NULL;
}

struct questionnaire *
questionnaire_load_memory(const char *data, size_t size, const char *name, struct diag *diags)
{
	struct loader ld = {name, diags, 0, NULL};
	xmlDocPtr doc = NULL;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	xmlNode *root;
	struct questionnaire *q = NULL;
	size_t first_semantic;

	library_init();
	schema = built_in_schema(&ld);
	if (schema == NULL)
		goto out;
	doc = parse_safely(&ld, data, size, QUESTIONNAIRE_MAX_BYTES);
	if (doc == NULL)
		goto out;
	xmlSetStructuredErrorFunc(&ld, on_xml_error);
	root = xmlDocGetRootElement(doc);
	if (!is_element(root, "questionnaire")) {
		if (xmlStrcmp(root->name, XS("questionnaire")) == 0)
			add_error(&ld, line_of(root),
				  "the root element needs xmlns=\"" NS_URI "\"");
		else
			add_error(&ld, line_of(root),
				  "the root element is <%s>, not <questionnaire>",
				  (const char *)root->name);
		goto out;
	}

	vctxt = xmlSchemaNewValidCtxt(schema);
	if (vctxt == NULL) {
		add_error(&ld, 0, "cannot create a schema validator");
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, on_xml_error, &ld);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0 || ld.errors > 0) {
		if (ld.errors == 0)
			add_error(&ld, 0, "the questionnaire does not match the schema");
		goto out;
	}

	q = xcalloc(1, sizeof(*q));
	q->path = xstrdup(name);
	hash_sha256_hex(data, size, q->sha256);
	ld.q = q;
	first_semantic = diags->count;
	build_model(&ld, root);
	diag_sort_from(diags, first_semantic);
	if (ld.errors > 0) {
		questionnaire_free(q);
		q = NULL;
	}

out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (vctxt)
		xmlSchemaFreeValidCtxt(vctxt);
	if (doc)
		xmlFreeDoc(doc);
	return q;
}

int
questionnaire_apply_weights(struct questionnaire *q, const char *path, struct diag *diags)
{
	struct loader ld = {path, diags, 0, q};
	struct error err = {0};
	size_t size = 0;
	char *data = file_read(path, 1024UL * 1024, &size, &err);
	xmlDocPtr doc = NULL;
	xmlNode *root;

	if (data == NULL) {
		diag_add(diags, path, 0, "%s", err.message);
		return -1;
	}
	doc = parse_safely(&ld, data, size, 1024L * 1024);
	free(data);
	if (doc == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root->type != XML_ELEMENT_NODE || xmlStrcmp(root->name, XS("weights")) != 0 ||
	    root->ns == NULL || xmlStrcmp(root->ns->href, XS(WEIGHTS_NS_URI)) != 0) {
		add_error(&ld, line_of(root),
			  "the root element must be <weights xmlns=\"" WEIGHTS_NS_URI "\">");
		goto out;
	}
	for (xmlNode *c = xmlFirstElementChild(root); c; c = xmlNextElementSibling(c)) {
		int pillar = xmlStrcmp(c->name, XS("pillar")) == 0;
		char *id = attr(c, "id");
		const char *what = pillar ? "pillar" : "indicator";
		double weight = 0;
		int found = 0;
		int r;

		if (!pillar && xmlStrcmp(c->name, XS("indicator")) != 0) {
			add_error(&ld, line_of(c),
				  "element <%s> is not allowed; use <pillar> or <indicator>",
				  (const char *)c->name);
			free(id);
			continue;
		}
		if (id == NULL) {
			add_error(&ld, line_of(c), "<%s> needs an id", what);
			continue;
		}
		r = attr_number(&ld, c, "weight", 0, &weight); /* -1: reported already */
		if (r == 0 || (r == 1 && !(weight > 0 && weight <= 1000000))) {
			add_error(&ld, line_of(c), "%s '%s': weight must be a positive number",
				  what, id);
		} else if (r < 0) {
			/* not a number: said */
		} else if (pillar) {
			for (size_t i = 0; i < q->pillar_count; i++)
				if (strcmp(q->pillars[i].id, id) == 0) {
					q->pillars[i].weight = weight;
					found = 1;
				}
		} else {
			for (size_t i = 0; i < q->indicator_count; i++)
				if (strcmp(q->indicators[i].id, id) == 0) {
					q->indicators[i].weight = weight;
					found = 1;
				}
		}
		if (r == 1 && weight > 0 && !found)
			add_error(&ld, line_of(c), "questionnaire '%s' has no %s '%s'", q->id, what,
				  id);
		free(id);
	}
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc)
		xmlFreeDoc(doc);
	return ld.errors ? -1 : 0;
}

struct questionnaire *
questionnaire_load(const char *path, struct diag *diags, int *io_error)
{
	size_t size = 0;
	struct error err = {0};
	char *data = file_read(path, (size_t)QUESTIONNAIRE_MAX_BYTES, &size, &err);
	struct questionnaire *q;

	if (io_error)
		*io_error = data == NULL;
	if (data == NULL) {
		diag_add(diags, path, 0, "%s", err.message);
		return NULL;
	}
	q = questionnaire_load_memory(data, size, path, diags);
	free(data);
	return q;
}

/* ---- the model --------------------------------------------------------- */

void
questionnaire_index(struct questionnaire *q)
{
	free(q->question_slots);
	q->question_slots = NULL;
	q->question_slot_count = 0;
	index_questions(q);
}

void
questionnaire_free(struct questionnaire *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; i < q->question_count; i++) {
		struct question *qu = &q->questions[i];

		free(qu->id);
		text_release(&qu->text);
		text_release(&qu->help);
		text_release(&qu->recommendation.text);
		for (size_t k = 0; k < qu->choice_count; k++) {
			free(qu->choices[k].value);
			text_release(&qu->choices[k].label);
			text_release(&qu->choices[k].recommendation.text);
		}
		free(qu->choices);
		free(qu->ranges);
		free(qu->condition_source);
		cond_free(qu->condition);
	}
	for (size_t i = 0; i < q->indicator_count; i++) {
		free(q->indicators[i].id);
		text_release(&q->indicators[i].title);
		text_release(&q->indicators[i].recommendation.text);
	}
	for (size_t i = 0; i < q->pillar_count; i++) {
		free(q->pillars[i].id);
		text_release(&q->pillars[i].title);
	}
	for (size_t i = 0; i < q->tier_count; i++) {
		free(q->tiers[i].id);
		text_release(&q->tiers[i].name);
	}
	for (size_t i = 0; i < q->language_count; i++)
		free(q->languages[i]);
	free(q->languages);
	free(q->question_slots);
	free(q->questions);
	free(q->indicators);
	free(q->pillars);
	free(q->tiers);
	text_release(&q->title);
	text_release(&q->description);
	free(q->path);
	free(q->id);
	free(q->version);
	free(q->default_lang);
	free(q);
}

/* The name of a choice in messages: "choice 'planned'" or "level 1". */
static char *
choice_name(const struct question *qu, const struct choice *c)
{
	return qu->type == QUESTION_SCALE ? xasprintf("level %s", c->value)
					  : xasprintf("choice '%s'", c->value);
}

void
questionnaire_warnings(const struct questionnaire *q, struct diag *warnings)
{
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];
		int by_choice = qu->type == QUESTION_SINGLE || qu->type == QUESTION_SCALE;
		double best = question_max_score(qu);
		const struct choice *uncovered = NULL;
		int any = 0;

		if (!question_is_scored(qu))
			continue;
		for (size_t k = 0; by_choice && k < qu->choice_count; k++) {
			const struct choice *c = &qu->choices[k];
			int has = c->recommendation.text.count > 0;

			any |= has;
			if (has && c->score >= best - 1e-9) {
				char *name = choice_name(qu, c);

				diag_add(
					warnings, q->path, c->recommendation.line,
					"warning: question '%s': the recommendation of %s is never "
					"given, as that answer scores the best",
					qu->id, name);
				free(name);
			}
			if (!has && c->score < best - 1e-9 && uncovered == NULL)
				uncovered = c;
		}
		if (qu->recommendation.text.count > 0)
			continue;
		if (!any && (!by_choice || uncovered)) {
			diag_add(
				warnings, q->path, qu->line,
				"warning: question '%s' is scored but has no recommendation of its "
				"own; its indicator's is used",
				qu->id);
		} else if (uncovered) {
			char *name = choice_name(qu, uncovered);

			diag_add(warnings, q->path, qu->line,
				 "warning: question '%s' has no recommendation of its own nor on "
				 "%s; "
				 "its indicator's is used for that answer",
				 qu->id, name);
			free(name);
		}
	}
}

const char *
text_get(const struct text *t, const char *lang)
{
	if (t->count == 0)
		return "";
	if (lang)
		for (size_t i = 0; i < t->count; i++)
			if (strcmp(t->variants[i].lang, lang) == 0)
				return t->variants[i].value;
	return t->variants[0].value;
}

int
text_has(const struct text *t, const char *lang)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->variants[i].lang, lang) == 0)
			return 1;
	return 0;
}

int
questionnaire_has_language(const struct questionnaire *q, const char *lang)
{
	if (strcmp(q->default_lang, lang) == 0)
		return 1;
	for (size_t i = 0; i < q->language_count; i++)
		if (strcmp(q->languages[i], lang) == 0)
			return 1;
	return 0;
}

char *
questionnaire_language_list(const struct questionnaire *q)
{
	size_t len = strlen(q->default_lang) + 1;
	char *out;

	for (size_t i = 0; i < q->language_count; i++)
		len += strlen(q->languages[i]) + 2;
	out = xmalloc(len);
	snprintf(out, len, "%s", q->default_lang);
	for (size_t i = 0; i < q->language_count; i++)
		if (strcmp(q->languages[i], q->default_lang) != 0)
			snprintf(out + strlen(out), len - strlen(out), ", %s", q->languages[i]);
	return out;
}

const struct question *
questionnaire_find_question(const struct questionnaire *q, const char *id)
{
	size_t mask = q->question_slot_count - 1;

	if (q->question_slots == NULL) {
		/* not indexed (a load that failed half-way): look at each */
		for (size_t i = 0; i < q->question_count; i++)
			if (strcmp(q->questions[i].id, id) == 0)
				return &q->questions[i];
		return NULL;
	}
	for (size_t s = id_hash(id) & mask;; s = (s + 1) & mask) {
		size_t slot = q->question_slots[s];

		if (slot == 0)
			return NULL;
		if (strcmp(q->questions[slot - 1].id, id) == 0)
			return &q->questions[slot - 1];
	}
}

const char *
question_type_name(enum question_type type)
{
	static const char *const names[] = {"yesno",  "single", "multi", "scale",
					    "number", "text",	"date"};

	return names[type];
}

int
question_is_scored(const struct question *question)
{
	switch (question->type) {
	case QUESTION_TEXT:
	case QUESTION_DATE:
		return 0;
	case QUESTION_NUMBER:
		return question->range_count > 0;
	default:
		return 1;
	}
}

double
question_max_score(const struct question *question)
{
	double best = 0;

	if (question->type == QUESTION_MULTI) {
		for (size_t i = 0; i < question->choice_count; i++)
			best += question->choices[i].score;
		return best > 1 ? 1 : best;
	}
	for (size_t i = 0; i < question->choice_count; i++)
		if (question->choices[i].score > best)
			best = question->choices[i].score;
	for (size_t i = 0; i < question->range_count; i++)
		if (question->ranges[i].score > best)
			best = question->ranges[i].score;
	return best;
}

struct visibility {
	cond_lookup lookup;
	void *ctx;
	const unsigned char *shown;
};

static void
lookup_shown(void *data, size_t question, struct cond_answer *out)
{
	const struct visibility *v = data;

	out->state = ANSWER_NONE;
	out->value = NULL;
	if (v->shown[question])
		v->lookup(v->ctx, question, out);
}

void
questionnaire_visibility(const struct questionnaire *q, cond_lookup lookup, void *ctx,
			 unsigned char *shown)
{
	struct visibility v = {lookup, ctx, shown};

	/* conditions test earlier questions only, so one pass in order does */
	for (size_t i = 0; i < q->question_count; i++) {
		const struct cond *c = q->questions[i].condition;

		shown[i] = c == NULL || cond_eval(c, lookup_shown, &v);
	}
}

double
questionnaire_pillar_points(const struct questionnaire *q, size_t p)
{
	double total = 0;

	for (size_t i = 0; i < q->pillar_count; i++)
		total += q->pillars[i].weight;
	return total > 0 ? 100.0 * q->pillars[p].weight / total : 0;
}

double
questionnaire_indicator_max(const struct questionnaire *q, size_t i)
{
	const struct indicator *in = &q->indicators[i];
	double sum = 0;
	double weights = 0;

	for (size_t k = 0; k < in->question_count; k++) {
		const struct question *qu = &q->questions[in->first_question + k];

		if (!question_is_scored(qu))
			continue;
		sum += qu->weight * question_max_score(qu);
		weights += qu->weight;
	}
	return weights > 0 ? sum / weights : 0;
}

const struct choice *
question_find_choice(const struct question *question, const char *value)
{
	for (size_t i = 0; i < question->choice_count; i++)
		if (strcmp(question->choices[i].value, value) == 0)
			return &question->choices[i];
	return NULL;
}
