/* Unit tests of the country register and its lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "country.h"

static int
is_upper(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

/* ISO 3166-1 codes reserved for users: AA, QM-QZ, XA-XZ, ZZ (and the
 * alpha-3 codes that start the same way). */
static int
user_assigned(const char *code)
{
	return (code[0] == 'A' && code[1] == 'A') || (code[0] == 'Q' && code[1] >= 'M') ||
		code[0] == 'X' || (code[0] == 'Z' && code[1] == 'Z');
}

static void
test_register_has_194_member_states_in_six_regions(void **state)
{
	size_t count;
	const struct country *all = country_all(&count);
	size_t members = 0;
	size_t per_region[REGION_COUNT] = {0};
	int demo_regions[REGION_COUNT] = {0};

	(void)state;
	for (size_t i = 0; i < count; i++) {
		assert_true(all[i].region < REGION_COUNT);
		if (all[i].demo) {
			demo_regions[all[i].region] = 1;
			continue;
		}
		members++;
		per_region[all[i].region]++;
	}
	assert_int_equal(members, 194);
	assert_int_equal(per_region[REGION_AFR], 44);
	assert_int_equal(per_region[REGION_AMS], 35);
	assert_int_equal(per_region[REGION_ARB], 21);
	assert_int_equal(per_region[REGION_ASP], 39);
	assert_int_equal(per_region[REGION_CIS], 12);
	assert_int_equal(per_region[REGION_EUR], 43);
	for (int r = 0; r < REGION_COUNT; r++)
		assert_true(demo_regions[r]); /* a fictional country in every region */
}

static void
test_codes_are_well_formed_and_unique(void **state)
{
	size_t count;
	const struct country *all = country_all(&count);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		assert_true(is_upper(all[i].alpha2, 2));
		assert_true(is_upper(all[i].alpha3, 3));
		assert_true(strlen(all[i].name) > 0);
		/* fictional countries use user-assigned codes, real ones never do */
		assert_int_equal(user_assigned(all[i].alpha2), all[i].demo);
		assert_int_equal(user_assigned(all[i].alpha3), all[i].demo);
		for (size_t j = 0; j < i; j++) {
			assert_string_not_equal(all[i].alpha2, all[j].alpha2);
			assert_string_not_equal(all[i].alpha3, all[j].alpha3);
			assert_string_not_equal(all[i].name, all[j].name);
		}
	}
}

static void
test_find_by_either_code_in_any_case(void **state)
{
	const struct country *fr = country_find("FR");

	(void)state;
	assert_non_null(fr);
	assert_string_equal(fr->name, "France");
	assert_int_equal(fr->region, REGION_EUR);
	assert_ptr_equal(country_find("fra"), fr);
	assert_ptr_equal(country_find("Fr"), fr);
	assert_string_equal(country_find("civ")->name, "Côte d'Ivoire");
	assert_int_equal(country_find("GE")->region, REGION_CIS);
	assert_int_equal(country_find("KM")->region, REGION_ARB);
	assert_int_equal(country_find("PW")->region, REGION_ASP);
	assert_true(country_find("XE")->demo);
	assert_null(country_find("QQ"));
	assert_null(country_find("FRAN"));
	assert_null(country_find(""));
	assert_null(country_find("F"));
}

static void
test_suggestions(void **state)
{
	const struct country *near[8];
	size_t n;

	(void)state;
	n = country_suggest("frnace", near, 3);
	assert_int_equal(n, 1);
	assert_string_equal(near[0]->alpha2, "FR");
	n = country_suggest("Germ", near, 3);
	assert_true(n >= 1);
	assert_string_equal(near[0]->alpha2, "DE");
	n = country_suggest("Kenia", near, 3);
	assert_int_equal(n, 1);
	assert_string_equal(near[0]->alpha2, "KE");
	n = country_suggest("FRX", near, 3);
	assert_true(n >= 1 && n <= 3);
	assert_string_equal(near[0]->alpha3, "FRA");
	n = country_suggest("", near, 0);
	assert_int_equal(n, 0);
}

static void
test_regions(void **state)
{
	enum region r;

	(void)state;
	assert_int_equal(region_parse("eur", &r), 0);
	assert_int_equal(r, REGION_EUR);
	assert_int_equal(region_parse("ARB", &r), 0);
	assert_string_equal(region_name(r), "Arab States");
	assert_string_equal(region_code(REGION_ASP), "ASP");
	assert_int_equal(region_parse("europe", &r), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_has_194_member_states_in_six_regions),
		cmocka_unit_test(test_codes_are_well_formed_and_unique),
		cmocka_unit_test(test_find_by_either_code_in_any_case),
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_regions),
	};

	return cmocka_run_group_tests_name("country", tests, NULL, NULL);
}
