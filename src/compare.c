/* Rankings, regional means and weight sensitivity. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Ranks compare the score as printed, to one decimal, so that what looks
 * equal ranks equal. */
static double
shown(double overall)
{
	return round(overall * 10) / 10;
}

/* Sort by overall score, highest first; equal scores by country code. */
static void
sort_entries(struct compare_entry *e, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct compare_entry x = e[i];
		size_t k = i;

		while (k > 0 &&
		       (shown(e[k - 1].score.overall) < shown(x.score.overall) ||
			(shown(e[k - 1].score.overall) == shown(x.score.overall) &&
			 strcmp(e[k - 1].country, x.country) > 0))) {
			e[k] = e[k - 1];
			k--;
		}
		e[k] = x;
	}
}

/* Competition ranking: 1, 2, 2, 4. */
static void
assign_ranks(struct compare_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		e[i].rank = i > 0 && shown(e[i].score.overall) == shown(e[i - 1].score.overall)
			? e[i - 1].rank
			: i + 1;
		e[i].tied = (i > 0 && e[i].rank == e[i - 1].rank) ||
			(i + 1 < n && shown(e[i + 1].score.overall) == shown(e[i].score.overall));
	}
}

void
compare_run(const struct questionnaire *q, struct compare_entry *entries, size_t count,
	    struct compare *out)
{
	double sums[REGION_COUNT][32] = {{0}};
	size_t counted[REGION_COUNT][32] = {{0}};
	double total = 0;

	memset(out, 0, sizeof(*out));
	out->entries = entries;
	out->count = count;
	sort_entries(entries, count);
	assign_ranks(entries, count);
	for (size_t i = 0; i < count; i++) {
		const struct compare_entry *e = &entries[i];
		size_t bin = (size_t)(e->score.overall / 10);

		total += e->score.overall;
		out->histogram[bin > 9 ? 9 : bin]++;
		if (e->info == NULL)
			continue;
		out->region_counts[e->info->region]++;
		for (size_t p = 0; p < q->pillar_count && p < 32; p++)
			if (e->score.pillars[p].counted) {
				sums[e->info->region][p] += e->score.pillars[p].score;
				counted[e->info->region][p]++;
			}
	}
	for (int r = 0; r < REGION_COUNT; r++)
		for (size_t p = 0; p < q->pillar_count && p < 32; p++)
			out->region_means[r][p] =
				counted[r][p] ? sums[r][p] / (double)counted[r][p] : -1;
	out->mean_overall = count ? total / (double)count : 0;
}

void
compare_sensitivity(struct questionnaire *q, struct compare *c)
{
	static const double factors[] = {0.75, 1.25};
	size_t n = c->count;
	struct compare_entry *copy = xcalloc(n + 1, sizeof(*copy));

	for (size_t i = 0; i < n; i++) {
		c->entries[i].rank_low = c->entries[i].rank;
		c->entries[i].rank_high = c->entries[i].rank;
	}
	for (size_t p = 0; p < q->pillar_count; p++) {
		double saved = q->pillars[p].weight;

		for (size_t f = 0; f < 2; f++) {
			q->pillars[p].weight = saved * factors[f];
			for (size_t i = 0; i < n; i++) {
				copy[i] = c->entries[i];
				score_assessment(q, copy[i].answers, &copy[i].score);
			}
			sort_entries(copy, n);
			assign_ranks(copy, n);
			for (size_t i = 0; i < n; i++) {
				struct compare_entry *orig = NULL;

				for (size_t k = 0; k < n && orig == NULL; k++)
					if (c->entries[k].cycle == copy[i].cycle &&
					    strcmp(c->entries[k].country, copy[i].country) == 0)
						orig = &c->entries[k];
				if (orig == NULL)
					continue;
				if (copy[i].rank < orig->rank_low)
					orig->rank_low = copy[i].rank;
				if (copy[i].rank > orig->rank_high)
					orig->rank_high = copy[i].rank;
				score_result_release(&copy[i].score);
			}
		}
		q->pillars[p].weight = saved;
	}
	free(copy);
}

void
compare_release(struct compare *c)
{
	for (size_t i = 0; i < c->count; i++)
		score_result_release(&c->entries[i].score);
}
