/* The questionnaire model and its loader.
 *
 * A questionnaire is loaded once from an XML file (questionnaire_load),
 * checked against the built-in XSD and the semantic rules that a schema
 * cannot express, and then used read-only by the rest of the program. This
 * module is the only one that includes libxml2.
 *
 * The model is flat: pillars, indicators and questions are arrays in
 * document order. Pillar p owns indicators [first_indicator,
 * first_indicator + indicator_count) and indicator i owns questions
 * [first_question, first_question + question_count). */
#ifndef CIRT_QUESTIONNAIRE_H
#define CIRT_QUESTIONNAIRE_H

#include <stddef.h>

#include "condition.h"
#include "diag.h"

/* Larger files are refused before parsing: a guard on memory (the parsed
 * document takes about fourteen times the file's size). 48 MiB holds a
 * questionnaire of 100,000 questions in one language (32 MB, the size
 * make bench times); a build may set another, e.g.
 * CFLAGS=-DQUESTIONNAIRE_MAX_BYTES='(256L*1024*1024)' for 100,000
 * questions in six languages (116 MB, tests/bench/big_questionnaire.py). */
#ifndef QUESTIONNAIRE_MAX_BYTES
#define QUESTIONNAIRE_MAX_BYTES (48L * 1024 * 1024)
#endif

/* One text in several languages. variants[0] is always the default
 * language's text once the questionnaire has loaded. */
struct text_variant {
	char *lang;
	char *value;
};

struct text {
	struct text_variant *variants;
	size_t count;
};

enum question_type {
	QUESTION_YESNO,
	QUESTION_SINGLE,
	QUESTION_MULTI,
	QUESTION_SCALE,
	QUESTION_NUMBER,
	QUESTION_TEXT,
	QUESTION_DATE,
};

/* When a recommendation should be done, how hard it is, and who does it.
 * Written as attributes of the recommendation in the default language:
 *   <recommendation horizon="short" body="ministry regulator" effort="low">
 * horizon: short (0-6 months), medium (6-18), long (18-36); effort: low,
 * medium, high; body: one or more of the keywords in recommendation_bodies,
 * the first leading. Absent attributes stay NONE / empty. */
enum horizon { HORIZON_NONE, HORIZON_SHORT, HORIZON_MEDIUM, HORIZON_LONG };
enum effort { EFFORT_NONE, EFFORT_LOW, EFFORT_MEDIUM, EFFORT_HIGH };

#define RECOMMENDATION_MAX_BODIES 4

struct recommendation {
	struct text text; /* empty: none */
	enum horizon horizon;
	enum effort effort;
	const char *bodies[RECOMMENDATION_MAX_BODIES]; /* keywords, static strings */
	size_t body_count;
	long line;
};

/* The keywords a body may be, NULL-terminated: government, ministry,
 * parliament, regulator, cirt, law-enforcement, judiciary, data-protection,
 * education, foreign-affairs, operators. */
extern const char *const recommendation_bodies[];

/* A choice of a single or multiple choice question, a yes/no answer, or a
 * level of a maturity scale (whose value is the level number "0".."N"). */
struct choice {
	char *value;
	double score;	   /* 0..1 */
	struct text label; /* empty for yes/no: the program names them */
	/* what to do when this choice or level is the answer (single and
	 * scale questions); empty: the question's applies */
	struct recommendation recommendation;
	long line;
};

/* For number questions: an answer within [min, max] earns score. */
struct score_range {
	double min;
	double max;
	double score;
	long line;
};

struct question {
	char *id;
	enum question_type type;
	size_t indicator; /* index of its indicator */
	size_t pillar;	  /* index of its pillar */
	double weight;
	int required;
	int evidence; /* evidence (a document, law or URL) is expected */
	struct text text;
	struct text help; /* may be empty */
	/* what to do when the answer falls short of the best; empty: the
	 * indicator's applies */
	struct recommendation recommendation;
	struct choice *choices; /* yes/no, single, multi, scale */
	size_t choice_count;
	/* number questions: */
	int has_min;
	int has_max;
	double min;
	double max;
	int integer;
	struct score_range *ranges;
	size_t range_count;
	/* skip logic: shown only when condition holds (NULL: always shown) */
	char *condition_source;
	struct cond *condition;
	long line;
};

struct indicator {
	char *id;
	size_t pillar;
	double weight;
	struct text title;
	struct recommendation recommendation; /* the fallback of its questions */
	size_t first_question;
	size_t question_count;
	long line;
};

struct pillar {
	char *id;
	double weight;
	struct text title;
	size_t first_indicator;
	size_t indicator_count;
	long line;
};

/* A readiness tier: overall scores from min (inclusive) up to the next
 * tier's min belong to it. Tiers are sorted by min, the first at 0. */
struct tier {
	char *id;
	double min;
	struct text name;
	long line;
};

struct questionnaire {
	char *path;
	char sha256[65]; /* of the file's bytes, lowercase hex */
	char *id;
	char *version;
	char *default_lang;
	char **languages; /* declared complete translations, default first */
	size_t language_count;
	struct text title;
	struct text description; /* may be empty */
	struct pillar *pillars;
	size_t pillar_count;
	struct indicator *indicators;
	size_t indicator_count;
	struct question *questions;
	size_t question_count;
	struct tier *tiers;
	size_t tier_count;
	/* The questions by id, for questionnaire_find_question: an open hash
	 * table (linear probing) of question index + 1, 0 for an empty slot;
	 * question_slot_count is a power of two. Made by questionnaire_index. */
	size_t *question_slots;
	size_t question_slot_count;
};

/* Load and check the questionnaire at path. Returns the model, owned by the
 * caller, or NULL after adding every problem found to diags as
 * "FILE:LINE: message". *io_error is set to 1 when the file could not be
 * read at all (missing, unreadable, not a regular file, too large), and to
 * 0 when it was read but is invalid. io_error may be NULL. */
struct questionnaire *questionnaire_load(const char *path, struct diag *diags, int *io_error);

/* The same for a document held in memory; name is used in messages. */
struct questionnaire *questionnaire_load_memory(const char *data, size_t size, const char *name,
						struct diag *diags);

void questionnaire_free(struct questionnaire *q);

/* Make what the loader keeps beside the model (its indexes: the questions
 * by id) for a model built elsewhere (qcache.c, from a cache entry); the
 * loader calls it too. */
void questionnaire_index(struct questionnaire *q);

/* Add to warnings, as "FILE:LINE: warning: message", what a loaded
 * questionnaire allows but its author probably did not mean: a scored
 * question whose answers below the best have no recommendation of their
 * own (neither the question's nor their choice's or level's, so the
 * indicator's is used), and a recommendation on a choice or level that
 * scores the best (it is never given). */
void questionnaire_warnings(const struct questionnaire *q, struct diag *warnings);

/* Override pillar and indicator weights from a weights file:
 *   <weights xmlns="urn:cirt:weights:1">
 *     <pillar id="legal" weight="30"/>
 *     <indicator id="legal.enforcement" weight="2"/>
 *   </weights>
 * Returns 0, or -1 after adding every problem to diags; q may then be
 * partly changed, so do not use it further. */
int questionnaire_apply_weights(struct questionnaire *q, const char *path, struct diag *diags);

/* Release what the loader keeps for the whole process (the parsed schema,
 * libxml2's globals). Call once before exit; loading afterwards is an error. */
void questionnaire_library_cleanup(void);

/* The text in lang, falling back to the default language. Borrowed; never
 * NULL (an empty text gives ""). */
const char *text_get(const struct text *t, const char *lang);

/* Whether t has a variant in exactly lang. */
int text_has(const struct text *t, const char *lang);

/* Whether the questionnaire declares a complete translation into lang. */
int questionnaire_has_language(const struct questionnaire *q, const char *lang);

/* The questionnaire's languages, default first: "en, fr, es". Owned by the
 * caller. */
char *questionnaire_language_list(const struct questionnaire *q);

/* The question with this id (the first in document order, should two
 * share it), or NULL. Takes the same time however many questions there are. */
const struct question *questionnaire_find_question(const struct questionnaire *q, const char *id);

/* The name of a question type as written in the file, e.g. "scale". */
const char *question_type_name(enum question_type type);

/* Whether answers to the question earn a score (text and date never do;
 * number questions do when they have score ranges). */
int question_is_scored(const struct question *question);

/* The best score any single answer to the question can earn, 0..1. */
double question_max_score(const struct question *question);

/* Work out which questions are shown: shown[i] becomes 1 when question i
 * has no condition or its condition holds, and 0 otherwise. Conditions see
 * the answers lookup gives, except that a hidden question counts as
 * unanswered, so hiding propagates down a chain of conditions. shown must
 * hold question_count entries. */
void questionnaire_visibility(const struct questionnaire *q, cond_lookup lookup, void *ctx,
			      unsigned char *shown);

/* The points out of 100 that pillar p is worth: its weight's share of the
 * sum of all pillar weights. */
double questionnaire_pillar_points(const struct questionnaire *q, size_t p);

/* The best score (0..1) indicator i can reach when every question is shown
 * and given its best answer: the weighted mean of the questions' best
 * scores over its scored questions. */
double questionnaire_indicator_max(const struct questionnaire *q, size_t i);

/* The choice with this value, or NULL. */
const struct choice *question_find_choice(const struct question *question, const char *value);

#endif
