/* Lookups in the built-in country register. */
#include "country.h"

#include <ctype.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "xmalloc.h"

static const char *const region_codes[REGION_COUNT] = {"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"};
static const char *const region_names[REGION_COUNT] = {
	"Africa", "Americas", "Arab States", "Asia-Pacific", "Commonwealth of Independent States",
	"Europe"};

const struct country *
country_all(size_t *count)
{
	*count = country_table_count;
	return country_table;
}

#define ALPHA2_SLOTS ((size_t)26 * 26)

/* The country of two ASCII letters, found in a table of 26 x 26 made at
 * the first call: reports and comparisons ask once per assessment. */
static const struct country *
find_alpha2(const char *code)
{
	static const struct country *index[ALPHA2_SLOTS];
	static int made;
	int a = code[0] | 0x20;
	int b = code[1] | 0x20;

	if (!made) {
		for (size_t i = 0; i < country_table_count; i++) {
			const char *c = country_table[i].alpha2;
			size_t k =
				(size_t)((c[0] | 0x20) - 'a') * 26 + (size_t)((c[1] | 0x20) - 'a');

			if (k < ALPHA2_SLOTS && index[k] == NULL)
				index[k] = &country_table[i];
		}
		made = 1;
	}
	if (a < 'a' || a > 'z' || b < 'a' || b > 'z')
		return NULL;
	return index[(a - 'a') * 26 + (b - 'a')];
}

const struct country *
country_find(const char *code)
{
	size_t n = strlen(code);

	if (n == 2)
		return find_alpha2(code);
	if (n != 3)
		return NULL;
	for (size_t i = 0; i < country_table_count; i++) {
		const struct country *c = &country_table[i];

		if (strcasecmp(c->alpha3, code) == 0)
			return c;
	}
	return NULL;
}

/* Levenshtein distance between a and b, ignoring ASCII case, capped at 64
 * bytes of b. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a);
	size_t lb = strlen(b);
	size_t row[65];

	if (lb > 64)
		lb = 64;
	if (la > 64)
		la = 64;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diagonal = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t above = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) !=
				tolower((unsigned char)b[j - 1]);
			size_t best = diagonal + cost;

			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

static size_t
closeness(const char *input, const struct country *c)
{
	size_t n = strlen(input);
	size_t d;
	size_t d2;

	if (n >= 3 && strncasecmp(c->name, input, n) == 0)
		return 0;
	d = distance(input, c->alpha2);
	d2 = distance(input, c->alpha3);
	if (d2 < d)
		d = d2;
	d2 = distance(input, c->name);
	return d2 < d ? d2 : d;
}

size_t
country_suggest(const char *input, const struct country **out, size_t max)
{
	size_t found = 0;
	size_t scores[8] = {0};

	if (max > 8)
		max = 8;
	for (size_t i = 0; i < country_table_count; i++) {
		size_t s = closeness(input, &country_table[i]);
		size_t k = found < max ? found++ : max;

		/* insert into the sorted list of the best so far */
		while (k > 0 && scores[k - 1] > s) {
			if (k < max) {
				scores[k] = scores[k - 1];
				out[k] = out[k - 1];
			}
			k--;
		}
		if (k < max) {
			scores[k] = s;
			out[k] = &country_table[i];
		}
	}
	/* only those as close as the best */
	for (size_t k = 1; k < found; k++)
		if (scores[k] > scores[0])
			return k;
	return found;
}

const char *
region_code(enum region region)
{
	return region_codes[region];
}

const char *
region_name(enum region region)
{
	return region_names[region];
}

int
region_parse(const char *s, enum region *out)
{
	for (int i = 0; i < REGION_COUNT; i++)
		if (strcasecmp(s, region_codes[i]) == 0) {
			*out = (enum region)i;
			return 0;
		}
	return -1;
}

/* iso-codes' catalogue of ISO 3166-1 names, as gettext finds it. */
#define ISO_3166_DOMAIN "iso_3166-1"

const char *
country_name(const struct country *c, const char *lang)
{
	static int ready;

	if (c->demo) {
		/* its names in other languages are the project's own */
		for (size_t i = 0; lang && c->names && c->names[i]; i += 2)
			if (strcmp(c->names[i], lang) == 0)
				return c->names[i + 1];
		return c->name;
	}
	if (c->demo || lang == NULL || *lang == '\0' || strcmp(lang, "en") == 0 ||
	    strncmp(lang, "en_", 3) == 0 || strchr(lang, '/') || strchr(lang, ':'))
		return c->name;
	if (!ready) {
		bind_textdomain_codeset(ISO_3166_DOMAIN, "UTF-8");
		ready = 1;
	}
	return i18n_domain(ISO_3166_DOMAIN, lang, c->name);
}
