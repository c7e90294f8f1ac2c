/* The program's own words (labels around questionnaire texts, the
 * session's and the report's words) in every language cirt speaks, through
 * gettext (po/). Questionnaire texts come from the questionnaire; these are
 * the words cirt adds, so that a session or a report in Russian has no
 * English in it. */
#ifndef CIRT_I18N_H
#define CIRT_I18N_H

#include <stddef.h>

enum msg {
	MSG_YES,
	MSG_NO,
	MSG_WEIGHT,
	MSG_PERCENT,	  /* "%" with the language's spacing */
	MSG_DECIMAL_MARK, /* "." or "," */
	MSG_COLON,	  /* after a label, with the language's spacing */
	MSG_SHOWN_IF,
	MSG_REQUIRED,
	MSG_EVIDENCE,
	MSG_NOT_SCORED,
	MSG_TIERS,
	MSG_LANGUAGES,
	MSG_DEFAULT,
	MSG_SHOWN,
	MSG_VERSION,
	MSG_FILE,
	MSG_DONT_KNOW,
	MSG_NOT_APPLICABLE,
	MSG_NONE_OF_THEM,
	/* the session */
	MSG_PILLAR,
	MSG_EVIDENCE_EXPECTED,
	MSG_CURRENT_ANSWER,
	MSG_EVIDENCE_LABEL,
	MSG_NOTE_LABEL,
	MSG_FLAGGED,
	MSG_HINT,
	MSG_HINT_MULTI,
	MSG_HINT_NUMBER,
	MSG_WHOLE_NUMBERS,
	MSG_HINT_DATE,
	MSG_HINT_TEXT,
	MSG_NO_HELP,
	MSG_COMMANDS_HELP,
	MSG_REASON_PROMPT,
	MSG_SAVED,
	MSG_END,
	MSG_ALL_ANSWERED,
	MSG_FLAGGED_LIST,
	MSG_RESUME,
	MSG_FIRST_QUESTION,
	MSG_NO_QUESTION_HERE,
	MSG_UNKNOWN_COMMAND,
	MSG_UNKNOWN_QUESTION,
	MSG_HIDDEN_QUESTION,
	MSG_NO_PILLAR,
	MSG_FLAG_SET,
	MSG_FLAG_CLEARED,
	MSG_EVIDENCE_SAVED,
	MSG_NOTE_SAVED,
	MSG_UNCHANGED,
	MSG_NO_EVIDENCE,
	MSG_NO_NOTE,
	MSG_REVIEW_TITLE,
	MSG_NOT_ANSWERED,
	MSG_HIDDEN,
	MSG_INTERRUPTED,
	MSG_RECORDING_AS,
	MSG_NEW_ASSESSMENT,
	MSG_NOTHING_RECORDED,
	MSG_NOT_SAVED,
	MSG_NOT_SAVED_SUMMARY,
	MSG_MEETING,
	MSG_NO_MEETING,
	MSG_MEETING_ENDED,
	MSG_MEETING_KNOWN,
	MSG_MEETING_AMBIGUOUS,
	MSG_MEETING_FORMAT,
	MSG_MEETING_DATE,
	MSG_KEPT,
	MSG_WOULD_HIDE,
	MSG_CONFIRM_HIDE,
	MSG_NOT_CHANGED,
	MSG_END_CHOICES,
	MSG_END_PROMPT,
	MSG_NO_UNANSWERED,
	MSG_NO_FLAGGED,
	MSG_NO_DISPUTED,
	MSG_SKIPPED_LIST,
	MSG_DISPUTED_MARK,
	MSG_ALL_QUESTIONS,
	MSG_CTRL_C_AGAIN,
	MSG_NO_ATTACHMENT,
	MSG_NO_EVIDENCE_ITEM,
	MSG_QUESTIONS_SHOWN_NOW,
	MSG_EVIDENCE_FULL,
	MSG_ATTACHED,
	MSG_ATTACHMENT_REMOVED,
	MSG_ATTACHMENTS_LABEL,
	/* findings (:finding in a session, cirt findings) */
	MSG_FINDING_SUMMARY,
	MSG_FINDING_PILLAR, /* before a pillar's number */
	MSG_FINDING_SAVED,
	MSG_FINDING_REMOVED,
	MSG_FINDING_UNCHANGED,
	MSG_FINDING_NO_EDITOR,
	MSG_FINDING_NOT_RECORDED, /* before the reason */
	MSG_FINDING_LINE,	  /* before a line's number */
	/* answer errors */
	MSG_ERR_EMPTY,
	MSG_ERR_YESNO,
	MSG_ERR_CHOICE,
	MSG_ERR_LEVEL,
	MSG_ERR_MULTI,
	MSG_ERR_NUMBER,
	MSG_ERR_WHOLE,
	MSG_ERR_OUTSIDE,
	MSG_ERR_DATE,
	MSG_ERR_CONTROL,
	MSG_ERR_UTF8,
	MSG_ERR_TOO_LONG,
	/* the report */
	MSG_R_COUNTRY,
	MSG_R_CYCLE,
	MSG_R_MISSION,
	MSG_R_ASSESSORS,
	MSG_R_QUESTIONNAIRE,
	MSG_R_STATUS,
	MSG_R_DRAFT,
	MSG_R_FINAL,
	MSG_R_REPORT_DATE,
	MSG_R_SUMMARY,
	MSG_R_OVERALL,
	MSG_R_TIER,
	MSG_R_COMPLETENESS,
	MSG_R_COMPLETENESS_NOTE,
	MSG_R_POINTS,
	MSG_R_MAXIMUM,
	MSG_R_SCORE,
	MSG_R_INDICATOR,
	MSG_R_STRONGEST,
	MSG_R_WEAKEST,
	MSG_R_COMPARISON,
	MSG_R_MET,
	MSG_R_PARTIAL,
	MSG_R_NOT_MET,
	MSG_R_ANSWER,
	MSG_R_NOT_ANSWERED,
	MSG_R_RECOMMENDATIONS,
	MSG_R_GAIN,
	MSG_R_PATH,
	MSG_R_PATH_INTRO,
	MSG_R_PATH_TOP,
	MSG_R_PATH_NONE,
	MSG_R_OPEN_ITEMS,
	MSG_R_DONT_KNOW_LIST,
	MSG_R_NONE,
	MSG_R_PROGRESS,
	MSG_R_CHANGE,
	MSG_R_METHODOLOGY,
	MSG_R_METHOD_TEXT,
	MSG_R_SHA256,
	MSG_R_SOURCE,
	MSG_R_DISPUTED,
	MSG_R_DISPUTED_NOTE,
	MSG_R_STAKEHOLDERS,
	MSG_R_STAKEHOLDERS_NOTE,
	MSG_R_STAKEHOLDERS_NAMES_NOTE,
	MSG_R_NO_MEETINGS,
	MSG_R_DATE,
	MSG_R_ORGANISATION,
	MSG_R_PEOPLE,
	MSG_R_ANSWERS,
	MSG_R_RECORD,
	MSG_R_ENTRIES,
	MSG_R_HEAD,
	MSG_R_HEAD_NOTE,
	MSG_R_SAMPLE,
	/* the comparison */
	MSG_C_RANK,
	MSG_C_REGION,
	MSG_C_HEAT_MAP,
	MSG_C_REGIONAL_MEANS,
	MSG_C_DISTRIBUTION,
	MSG_C_CHANGES,
	MSG_C_INCOMPLETE_NOTE,
	MSG_C_TIED_NOTE,
	MSG_C_WEIGHTS,
	MSG_C_DEFAULT_WEIGHTS,
	MSG_C_RANK_RANGE,
	MSG_C_SENSITIVITY_NOTE,
	MSG_C_BEFORE,
	MSG_C_SHORT_OVERALL,
	MSG_C_SHORT_TIER,
	MSG_C_SHORT_COMPLETE,
	MSG_C_NOW,
	/* cirt score's table */
	MSG_S_PILLAR,
	MSG_S_POINTS,
	MSG_S_OF,
	MSG_S_OVERALL,
	MSG_S_DRAFT,
	MSG_S_FINAL,
	/* cirt answers' table */
	MSG_A_ANSWERS_COUNT, /* plural */
	MSG_A_HIDDEN_KEPT,   /* plural */
	MSG_A_EVIDENCE,
	MSG_A_NOTE,
	MSG_A_FLAGGED,
	MSG_A_GONE,
	/* answer input */
	MSG_ERR_RANGE,		  /* before "1 to 4" */
	MSG_ERR_AMBIGUOUS,	  /* before the candidates */
	MSG_ERR_NUMBER_AMBIGUOUS, /* after "'1,000'" */
	/* the report (issue 15): %1, %2 are filled in by i18n_fill */
	MSG_R_TEAM_SUMMARY,
	MSG_R_NO_SUMMARY,
	MSG_R_FINDINGS,
	MSG_R_TOO_FEW,
	MSG_R_REGION_MEAN_COUNT,	/* a plural message: i18n_n */
	MSG_R_GLOBAL_MEAN_COUNT,	/* a plural message: i18n_n */
	MSG_R_REGION_MEAN_DRAFTS_COUNT, /* a plural message: i18n_n */
	MSG_R_GLOBAL_MEAN_DRAFTS_COUNT, /* a plural message: i18n_n */
	MSG_C_ASSESSMENTS_COUNT,	/* a plural message: i18n_n */
	MSG_R_FITTED_NOTE,
	MSG_R_NO_RECOMMENDATIONS,
	MSG_R_ROADMAP,
	MSG_R_ROADMAP_NOTE,
	MSG_R_HORIZON_SHORT,
	MSG_R_HORIZON_MEDIUM,
	MSG_R_HORIZON_LONG,
	MSG_R_NOW,
	MSG_R_RECOMMENDATION_COUNT, /* a plural message: i18n_n */
	MSG_R_PHASE_GAIN,
	MSG_R_NEXT_TIER_IN_PHASE,
	MSG_R_NEXT_TIER_NOT_REACHED,
	MSG_R_PHASE,
	MSG_R_LEAD,
	MSG_R_EFFORT,
	MSG_R_POINTS_SHORT,
	MSG_EFFORT_LOW,
	MSG_EFFORT_MEDIUM,
	MSG_EFFORT_HIGH,
	MSG_BODY_GOVERNMENT,
	MSG_BODY_MINISTRY,
	MSG_BODY_PARLIAMENT,
	MSG_BODY_REGULATOR,
	MSG_BODY_CIRT,
	MSG_BODY_LAW_ENFORCEMENT,
	MSG_BODY_JUDICIARY,
	MSG_BODY_DATA_PROTECTION,
	MSG_BODY_EDUCATION,
	MSG_BODY_FOREIGN_AFFAIRS,
	MSG_BODY_OPERATORS,
	MSG_R_FOOTER,
	MSG_R_DISPUTED_MARK,
	MSG_R_STAKEHOLDER_INSTITUTIONS,
	MSG_R_MEETINGS,
	MSG_R_ROLES,
	MSG_R_RADAR_CAPTION,
	MSG_R_ROADMAP_CAPTION,
	MSG_RANGE,
	MSG_OUTLINE_COUNTS,
	MSG_PILLAR_WEIGHT,
	MSG_INDICATOR_WEIGHT,
	MSG_TIER_RANGE,
	MSG_TIER_RANGE_LAST,
	MSG_HINT_NUMBER_BETWEEN,
	MSG_PILLAR_OF,
	MSG_QUESTION_OF,
	MSG_SHARE_ANSWERED,
	MSG_COUNTS,
	MSG_LEVEL_OF,
	MSG_R_ATTACHMENT,
	MSG_S_COMPLETENESS,
	/* the ITU regions, in enum region's order (country.h) */
	MSG_REGION_AFR,
	MSG_REGION_AMS,
	MSG_REGION_ARB,
	MSG_REGION_ASP,
	MSG_REGION_CIS,
	MSG_REGION_EUR,
	/* the web interface (cirt serve) */
	MSG_W_SKIP,
	MSG_W_LANGUAGE,
	MSG_W_ASSESSMENTS,
	MSG_W_NO_ASSESSMENTS,
	MSG_W_PROGRESS,
	MSG_W_LAST_CHANGE,
	MSG_W_CONFLICTS,
	MSG_W_NEW_ASSESSMENT,
	MSG_W_START,
	MSG_W_CANCEL,
	MSG_W_CONFIRM,
	MSG_W_CONFIRM_NEW,
	MSG_W_CHOOSE_COUNTRY,
	MSG_W_BAD_CYCLE,
	MSG_W_DOWNLOAD_COMPARISON,
	MSG_W_NOT_FOUND,
	MSG_W_OTHER_QUESTIONNAIRE,
	MSG_W_FINAL,
	MSG_W_HELD,
	MSG_W_QUESTIONS,
	MSG_W_FINDINGS,
	MSG_W_REPORT_PDF,
	MSG_W_REPORT_DOCX,
	MSG_W_ANSWERED,
	MSG_W_HELP,
	MSG_W_SAVE,
	MSG_W_REASON,
	MSG_W_CHOOSE,
	MSG_W_ADD,
	MSG_W_ADD_EVIDENCE,
	MSG_W_REMOVE,
	MSG_W_ATTACH,
	MSG_W_UPLOAD,
	MSG_W_NO_FILE,
	MSG_W_FILE_TYPE,
	MSG_W_FLAG,
	MSG_W_UNFLAG,
	MSG_W_HISTORY,
	MSG_W_HISTORY_OF,
	MSG_W_WHEN,
	MSG_W_WHO,
	MSG_W_FROM_WHOM,
	MSG_W_WHAT,
	MSG_W_WHY,
	MSG_W_PREVIOUS,
	MSG_W_NEXT,
	MSG_W_NO_MEETING,
	MSG_W_MEETING_LABEL,
	MSG_W_MEETING_PLACEHOLDER,
	MSG_W_SET_MEETING,
	MSG_W_END_MEETING,
	MSG_W_MEETING_SET,
	MSG_W_NO_CONFLICTS,
	MSG_W_KEEP_THIS,
	MSG_W_REASON_NEEDED,
	MSG_W_NO_REPORT,
	MSG_COUNT
};

/* The text of m in lang (one of i18n_languages(); anything else gives
 * English). Never a printf format: numbers and names go in through %1, %2
 * (i18n_fill, i18n_format). Borrowed, for the life of the process. */
const char *i18n(const char *lang, enum msg m);

/* Whether cirt has all its words in lang: English, or a language whose
 * catalogue translates every message. */
int i18n_has(const char *lang);

/* The complete languages, "en, fr, es, ...", for messages that list them. */
const char *i18n_languages(void);

/* The form of the plural message m for the count n in lang, by the
 * language's own plural rule (ngettext). Borrowed. */
const char *i18n_n(const char *lang, enum msg m, unsigned long n);

/* msgid translated into lang by another gettext domain (iso_3166-1), with
 * no other message changing language. Borrowed. */
const char *i18n_domain(const char *domain, const char *lang, const char *msgid);

/* text with %1..%9 replaced by args[0..count-1] (a NULL or missing one by
 * nothing); the caller frees the result. */
char *i18n_format(const char *text, const char *const args[], size_t count);

/* m's text in lang with %1 and %2 replaced by a and b; the caller frees
 * the result. */
char *i18n_fill(const char *lang, enum msg m, const char *a, const char *b);

/* The same with %1 to %4. */
char *i18n_fill4(const char *lang, enum msg m, const char *a, const char *b, const char *c,
		 const char *d);

#define I18N_NUMBER_SIZE 48

/* v as people read it in lang: exact and short (12, 0.5, 1000), with a
 * decimal comma where lang writes one, and an integer part of 10 000 or
 * more grouped by threes with no-break spaces, as answers may be typed.
 * Written into buf, which is returned. */
const char *i18n_number(char buf[I18N_NUMBER_SIZE], double v, const char *lang);

/* v with a fixed number of decimals (and its sign, if sign is set) and
 * lang's decimal mark: "39.4", "39,4", "+2,0". Written into buf, which is
 * returned. */
const char *i18n_fixed(char buf[I18N_NUMBER_SIZE], double v, int decimals, int sign,
		       const char *lang);

#endif
