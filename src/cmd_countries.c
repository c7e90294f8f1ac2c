/* cirt countries: list the country register, or look one country up. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "country.h"
#include "exitcode.h"

static void
print_country(const struct country *c, const char *lang)
{
	printf("%-2s  %-3s  %-3s  %s%s\n", c->alpha2, c->alpha3, region_code(c->region),
	       country_name(c, lang), c->demo ? "  (fictional, for demonstrations)" : "");
}

/* A language code as gettext takes it: "fr", "ast", "zh_CN", "sr@latin". */
static int
language_code(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");

	if (n < 2 || n > 3)
		return 0;
	s += n;
	if (*s == '_') {
		if (strspn(s + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 2)
			return 0;
		s += 3;
	}
	if (*s == '@')
		s += 1 + strspn(s + 1, "abcdefghijklmnopqrstuvwxyz");
	return *s == '\0';
}

static int
run_countries(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_REGION = 1, OPT_LANG };
	static const struct option options[] = {
		{"region", required_argument, NULL, OPT_REGION},
		{"lang", required_argument, NULL, OPT_LANG},
		{NULL, 0, NULL, 0},
	};
	const char *region_arg = NULL;
	const char *lang = "en";
	enum region region = REGION_AFR;
	const struct country *all;
	size_t count;
	size_t members = 0;
	size_t demos = 0;
	int ch;

	(void)ctx;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch == OPT_REGION)
			region_arg = optarg;
		else if (ch == OPT_LANG && language_code(optarg))
			lang = optarg;
		else if (ch == OPT_LANG)
			return cmd_usage_error(
				self, "'%s' is not a language code such as fr or zh_CN", optarg);
		else
			return cmd_bad_option(self, ch, argc, argv);
	}
	if (region_arg && region_parse(region_arg, &region) < 0)
		return cmd_usage_error(self,
				       "unknown region '%s'; use AFR, AMS, ARB, ASP, CIS or EUR",
				       region_arg);
	if (argc - optind > 1)
		return cmd_usage_error(self, "name at most one country");
	if (optind < argc) {
		const struct country *c = cmd_country(argv[optind]);

		if (c == NULL)
			return EXIT_USAGE;
		print_country(c, lang);
		return EXIT_OK;
	}
	all = country_all(&count);
	for (size_t i = 0; i < count; i++) {
		if (region_arg && all[i].region != region)
			continue;
		print_country(&all[i], lang);
		if (all[i].demo)
			demos++;
		else
			members++;
	}
	printf("%zu member state%s", members, members == 1 ? "" : "s");
	if (region_arg)
		printf(" in %s", region_name(region));
	printf(", %zu fictional demonstration countr%s\n", demos, demos == 1 ? "y" : "ies");
	return EXIT_OK;
}

const struct cmd cmd_countries = {
	.name = "countries",
	.summary = "list the ITU Member States with their codes and regions",
	.usage = "usage: cirt countries [--region R] [--lang L] [CODE]\n"
		 "\n"
		 "List the country register: the 194 ITU Member States with their ISO\n"
		 "3166-1 alpha-2 and alpha-3 codes, ITU region and name (from iso-codes, in\n"
		 "English or in the language --lang names), and the fictional countries\n"
		 "(ISO user-assigned codes) used for demonstrations.\n"
		 "With CODE, show that country only; an unknown code is refused with the\n"
		 "closest names. Every --country option accepts the same codes.\n"
		 "\n"
		 "Options:\n"
		 "  --region R   only region R: AFR Africa, AMS Americas, ARB Arab States,\n"
		 "               ASP Asia-Pacific, CIS Commonwealth of Independent States,\n"
		 "               EUR Europe\n"
		 "  --lang L     names in language L (fr, es, ru, ar, zh_CN, ...), as\n"
		 "               iso-codes translates them; English where it does not\n",
	.flags = 0,
	.run = run_countries,
};
