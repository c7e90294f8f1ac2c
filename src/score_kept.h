/* The scores of many assessments at once (reports, comparisons): each
 * taken from the summary the store keeps for it while that summary is of
 * the assessment's current head and of the loaded questionnaire, else
 * computed from its answers and kept for the next command. A summary is
 * keyed by the hash of the last entry of the assessment's history, which
 * every change moves, so it can never be stale; 'cirt verify' scores
 * every kept summary again and reports one that differs. */
#ifndef CIRT_SCORE_KEPT_H
#define CIRT_SCORE_KEPT_H

#include <stddef.h>

#include "error.h"
#include "questionnaire.h"
#include "score.h"
#include "store.h"

/* For each list[i] with need[i] set, its score in out[i] (released by the
 * caller with score_result_release) and done[i] set. Summaries computed
 * here are kept when the database can be written now; a failure to keep
 * them is said on stderr and is not a failure of the scores. Returns 0, or
 * -1 with err set when answers cannot be read. */
int score_kept(struct store *s, const struct questionnaire *q, const struct assessment *list,
	       size_t n, const unsigned char *need, struct score_result *out, unsigned char *done,
	       struct error *err);

/* Check every kept summary for q against the answers it summarises: the
 * number of assessments checked in *checked; returns the number whose
 * summary differs (named in problem, the first of them), or -1 with err
 * set. */
int score_kept_check(struct store *s, const struct questionnaire *q, size_t *checked, char *problem,
		     size_t size, struct error *err);

#endif
