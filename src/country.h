/* The country register: every ITU Member State with its ISO 3166-1 codes
 * and ITU region, plus fictional countries with ISO user-assigned codes for
 * demonstrations. Built into the binary from questionnaires/countries.csv. */
#ifndef CIRT_COUNTRY_H
#define CIRT_COUNTRY_H

#include <stddef.h>

enum region {
	REGION_AFR, /* Africa */
	REGION_AMS, /* Americas */
	REGION_ARB, /* Arab States */
	REGION_ASP, /* Asia-Pacific */
	REGION_CIS, /* Commonwealth of Independent States */
	REGION_EUR, /* Europe */
};

#define REGION_COUNT 6

struct country {
	const char *alpha2;
	const char *alpha3;
	const char *name; /* English (iso-codes' for member states) */
	enum region region;
	int demo;		  /* fictional, for demonstrations */
	const char *const *names; /* a fictional country's own names: language,
				   * name, ..., NULL */
};

/* The table itself, generated from questionnaires/countries.csv by the
 * Makefile; use the functions below. */
extern const struct country country_table[];
extern const size_t country_table_count;

/* All countries, member states first in alphabetical order of name, then
 * the fictional ones. Borrowed. */
const struct country *country_all(size_t *count);

/* c's name in lang (a language code such as "fr" or "zh_CN"): iso-codes'
 * translation of a member state's name when it has one, else the English
 * name; a fictional country's own name. Borrowed, for the whole process. */
const char *country_name(const struct country *c, const char *lang);

/* The country with this alpha-2 or alpha-3 code, in any case; NULL when
 * there is none. */
const struct country *country_find(const char *code);

/* Fill out with up to max (at most 8) countries whose code or name is
 * closest to input (edit distance; a name that starts with input comes
 * first), keeping only those as close as the closest; returns how
 * many. */
size_t country_suggest(const char *input, const struct country **out, size_t max);

/* "AFR" and "Africa" for REGION_AFR. */
const char *region_code(enum region region);
const char *region_name(enum region region);

/* Parse a region code (AFR, AMS, ARB, ASP, CIS, EUR) in any case; returns 0
 * or -1. */
int region_parse(const char *s, enum region *out);

#endif
