/* The program's own words (labels around questionnaire texts) in English,
 * French and Spanish. Questionnaire texts come from the questionnaire; these
 * are the words cirt adds, so that a session or an outline in French has no
 * English in it. Other languages get English. */
#ifndef CIRT_I18N_H
#define CIRT_I18N_H

enum msg {
	MSG_YES,
	MSG_NO,
	MSG_WEIGHT,
	MSG_POINTS_OF_100,  /* after a number: "of 100 points" */
	MSG_OF_100,	    /* after a number: "of 100" */
	MSG_PERCENT,	    /* "%" with the language's spacing */
	MSG_BEST_REACHABLE, /* before a percentage */
	MSG_MAX_REACHABLE,  /* before a score */
	MSG_SHOWN_IF,
	MSG_REQUIRED,
	MSG_EVIDENCE,
	MSG_NOT_SCORED,
	MSG_TIERS,
	MSG_FROM,     /* before the first number of a range; may be empty */
	MSG_TO,	      /* between the numbers of a range */
	MSG_TO_BELOW, /* between the numbers of a half-open range */
	MSG_PILLARS,
	MSG_INDICATORS,
	MSG_QUESTIONS,
	MSG_LANGUAGES,
	MSG_DEFAULT,
	MSG_SHOWN,
	MSG_VERSION,
	MSG_FILE,
	MSG_COUNT
};

/* The text of m in lang ("en", "fr", "es"; anything else gives English).
 * Never a printf format: callers place numbers themselves. Borrowed. */
const char *i18n(const char *lang, enum msg m);

/* Whether cirt has its own words in lang. */
int i18n_has(const char *lang);

#endif
