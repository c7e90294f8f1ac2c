/* The scorer: a questionnaire and an assessment's answers in, scores out.
 * Pure: no I/O.
 *
 * The rules (the README's methodology section says the same):
 * - a question's score is the score the questionnaire gives its answer
 *   (0..1); "don't know" and unanswered questions score 0;
 * - questions hidden by skip logic, answered "not applicable", or not scored
 *   (text, date, number without ranges) leave the denominator;
 * - an indicator's score is the weighted mean of its counted questions; an
 *   indicator with none counted leaves its pillar's denominator;
 * - a pillar's score is the weighted mean of its counted indicators, and it
 *   is worth its weight's share of 100 points; a pillar with no indicator
 *   counted leaves the overall denominator, and the others share its points;
 * - overall = the sum of the pillars' points, 0..100; the tier is the
 *   highest whose minimum the overall score reaches;
 * - completeness = answered questions (a value, don't know or not
 *   applicable) / questions shown. */
#ifndef CIRT_SCORE_H
#define CIRT_SCORE_H

#include <stddef.h>

#include "answer.h"
#include "questionnaire.h"

/* Indicator status thresholds, in one place. */
#define SCORE_MET 0.75	   /* met at or above */
#define SCORE_PARTIAL 0.25 /* partial above, not met at or below */

enum indicator_status {
	STATUS_NOT_MET,
	STATUS_PARTIAL,
	STATUS_MET,
	STATUS_NOT_APPLICABLE, /* nothing in it counted */
};

struct question_score {
	int shown;
	int answered; /* a value, don't know or not applicable */
	int counted;  /* in its indicator's denominator */
	double score; /* 0..1 when counted */
};

struct indicator_score {
	int counted;   /* some question counted */
	double score;  /* 0..1 */
	double points; /* points earned towards the overall 100 */
	double worth;  /* points it would earn at full score */
	enum indicator_status status;
};

struct pillar_score {
	int counted;
	double score;  /* 0..1 */
	double points; /* earned, out of worth */
	double worth;  /* its share of 100 points */
	size_t shown;
	size_t answered;
};

struct score_result {
	struct question_score *questions;
	struct indicator_score *indicators;
	struct pillar_score *pillars;
	double overall; /* 0..100 */
	size_t tier;	/* index into the questionnaire's tiers */
	size_t shown;
	size_t answered;
	double completeness; /* 0..1 */
};

/* Score the answers. out's arrays follow q's; release with
 * score_result_release. */
void score_assessment(const struct questionnaire *q, const struct answer_set *answers,
		      struct score_result *out);
void score_result_release(struct score_result *r);

/* A score's summary, to keep beside the answers it was computed from:
 * the overall score, tier and counts and each pillar's score, exactly,
 * in *size bytes (owned by the caller). What reports and comparisons use
 * of the assessments they compare with. */
unsigned char *score_summary(const struct questionnaire *q, const struct score_result *r,
			     size_t *size);

/* Fill out from a summary of a score for q: 0, or -1 when data is not a
 * summary for a questionnaire of q's shape (then out is untouched). Only
 * what score_summary keeps is filled: the questions' and indicators'
 * scores are all zero. */
int score_summary_read(const struct questionnaire *q, const unsigned char *data, size_t size,
		       struct score_result *out);

/* The status of an indicator score. */
enum indicator_status score_status(double score);

/* "met", "partial", "not met", "not applicable". */
const char *score_status_name(enum indicator_status status);

/* The points the overall score would gain if indicator i were fully met. */
double score_gain(const struct score_result *r, size_t i);

/* The smallest set of indicators whose full attainment lifts the overall
 * score into the next tier: fills order (room for every indicator) with
 * their indices, largest gain first, and returns how many; 0 when the top
 * tier is reached already or no set suffices (then *reachable is 0). */
size_t score_path_to_next_tier(const struct questionnaire *q, const struct score_result *r,
			       size_t *order, int *reachable);

#endif
