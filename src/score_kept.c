/* Scores taken from kept summaries, or computed and kept (score_kept.h). */
#include "score_kept.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "xmalloc.h"

static int
by_assessment(const void *a, const void *b)
{
	long long x = ((const struct kept_score *)a)->assessment_id;
	long long y = ((const struct kept_score *)b)->assessment_id;

	return (x > y) - (x < y);
}

/* The kept summary of assessment id, or NULL: kept is in id order. */
static const struct kept_score *
kept_find(const struct kept_score *kept, size_t n, long long id)
{
	size_t lo = 0;
	size_t hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kept[mid].assessment_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && kept[lo].assessment_id == id ? &kept[lo] : NULL;
}

int
score_kept(struct store *s, const struct questionnaire *q, const struct assessment *list, size_t n,
	   const unsigned char *need, struct score_result *out, unsigned char *done,
	   struct error *err)
{
	struct kept_score *kept = NULL;
	struct kept_score *fresh = xcalloc(n + 1, sizeof(*fresh));
	long long *ids = xcalloc(n + 1, sizeof(*ids));
	size_t nids = 0;
	size_t nkept = 0;
	size_t nfresh = 0;
	int status = 0;

	/* only those needed: a report at 970 assessments needs about 200 */
	for (size_t i = 0; i < n; i++)
		if (need[i] && !done[i])
			ids[nids++] = list[i].id;
	if (store_kept_scores_load(s, q->sha256, ids, nids, &kept, &nkept, err) < 0) {
		free(ids);
		free(fresh);
		return -1;
	}
	free(ids);
	qsort(kept, nkept, sizeof(*kept), by_assessment);
	for (size_t i = 0; i < n && status == 0; i++) {
		const struct kept_score *k;
		struct answer_set answers = {0};

		if (!need[i] || done[i])
			continue;
		k = kept_find(kept, nkept, list[i].id);
		if (k && strcmp(k->head, list[i].head) == 0 &&
		    score_summary_read(q, k->summary, k->size, &out[i]) == 0) {
			done[i] = 1;
			continue;
		}
		if (store_answers_load(s, list[i].id, &answers, err) < 0) {
			status = -1;
			break;
		}
		score_assessment(q, &answers, &out[i]);
		answer_set_release(&answers);
		done[i] = 1;
		fresh[nfresh].assessment_id = list[i].id;
		fresh[nfresh].head = xstrdup(list[i].head);
		fresh[nfresh].summary = score_summary(q, &out[i], &fresh[nfresh].size);
		nfresh++;
	}
	if (status == 0 && nfresh > 0) {
		struct error kerr = {0};

		if (store_kept_scores_save(s, q->sha256, fresh, nfresh, &kerr) < 0)
			fprintf(stderr,
				"cirt: warning: the scores could not be kept for next time: %s\n",
				kerr.message);
	}
	store_kept_scores_release(fresh, nfresh);
	store_kept_scores_release(kept, nkept);
	return status;
}

int
score_kept_check(struct store *s, const struct questionnaire *q, size_t *checked, char *problem,
		 size_t size, struct error *err)
{
	struct assessment *list = NULL;
	struct kept_score *kept = NULL;
	size_t n = 0;
	size_t nkept = 0;
	long long *ids;
	int bad = 0;

	*checked = 0;
	if (store_assessment_list(s, &list, &n, err) < 0)
		return -1;
	ids = xcalloc(n + 1, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = list[i].id;
	if (store_kept_scores_load(s, q->sha256, ids, n, &kept, &nkept, err) < 0) {
		free(ids);
		assessment_list_release(list, n);
		return -1;
	}
	free(ids);
	qsort(kept, nkept, sizeof(*kept), by_assessment);
	for (size_t i = 0; i < n && bad >= 0; i++) {
		const struct kept_score *k = kept_find(kept, nkept, list[i].id);
		struct answer_set answers = {0};
		struct score_result r;
		unsigned char *mine;
		size_t mine_size;

		/* one of another head is never used, so cannot mislead */
		if (k == NULL || strcmp(k->head, list[i].head) != 0)
			continue;
		if (store_answers_load(s, list[i].id, &answers, err) < 0) {
			bad = -1;
			break;
		}
		score_assessment(q, &answers, &r);
		mine = score_summary(q, &r, &mine_size);
		if ((mine_size != k->size || memcmp(mine, k->summary, mine_size) != 0) &&
		    bad++ == 0)
			snprintf(problem, size,
				 "the score kept for %s %d is not that of its answers",
				 list[i].country, list[i].cycle);
		(*checked)++;
		free(mine);
		score_result_release(&r);
		answer_set_release(&answers);
	}
	store_kept_scores_release(kept, nkept);
	assessment_list_release(list, n);
	return bad;
}
