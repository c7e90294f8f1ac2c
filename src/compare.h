/* Comparing assessments across countries, regions and cycles. Pure: the
 * scored assessments in, the ranking and figures out. */
#ifndef CIRT_COMPARE_H
#define CIRT_COMPARE_H

#include <stddef.h>

#include "answer.h"
#include "country.h"
#include "questionnaire.h"
#include "score.h"

/* One assessment in a comparison. */
struct compare_entry {
	const char *country; /* alpha-2, borrowed */
	const struct country *info;
	int cycle;
	const struct answer_set *answers; /* borrowed, for rescoring */
	struct score_result score;	  /* owned */
	size_t rank; /* 1 = highest overall; equal displayed scores share a rank */
	int tied;    /* shares its rank with another entry */
	int has_previous;
	int previous_cycle;
	double previous_overall;
	size_t rank_low;  /* with --sensitivity: the best and worst rank it */
	size_t rank_high; /* takes as each pillar weight moves by 25% */
};

struct compare {
	struct compare_entry *entries; /* ranked order */
	size_t count;
	double region_means[REGION_COUNT][32]; /* per region and pillar, 0..1 */
	size_t region_counts[REGION_COUNT];
	double mean_overall;
	size_t histogram[10]; /* overall scores in bins of 10 points */
};

/* Rank the entries, scored already (entries are taken over: their scores
 * are released with c); fills the regional means and the distribution. */
void compare_run(const struct questionnaire *q, struct compare_entry *entries, size_t count,
		 struct compare *out);

/* For each entry, the range of ranks it takes when each pillar's weight in
 * turn moves by -25% and +25%. Changes q's weights while it works and
 * restores them. */
void compare_sensitivity(struct questionnaire *q, struct compare *c);

void compare_release(struct compare *c);

#endif
