/* JSON output, written with jansson. The only module that includes it.
 * Every document written here has the code points that term.h keeps from
 * a terminal (DEL, C1 controls, bidirectional overrides and isolates) as
 * \u escapes, as jansson has the C0 controls: the same data, safe to show. */
#ifndef CIRT_JSON_H
#define CIRT_JSON_H

#include <stdio.h>

#include "answer.h"
#include "compare.h"
#include "exchange.h"
#include "keys.h"
#include "questionnaire.h"
#include "score.h"
#include "store.h"

/* Write the answers of an assessment as one JSON document: the assessment,
 * its questionnaire, and one object per answer row (questions this
 * questionnaire has, in its order, then any it no longer has). Returns 0,
 * or -1 when writing failed. */
int json_write_answers(FILE *out, const struct assessment *a, const struct questionnaire *q,
		       const struct answer_set *answers, const char *lang);

/* Write an assessment's scores: overall, tier, completeness, and every
 * pillar and indicator. Returns 0, or -1 when writing failed. */
int json_write_scores(FILE *out, const struct assessment *a, const struct questionnaire *q,
		      const struct score_result *r, const char *lang);

/* Write a comparison: every entry ranked with its pillar points, overall,
 * tier, completeness, change and (with sensitivity) rank range, then the
 * regional means and the distribution. */
int json_write_comparison(FILE *out, const struct questionnaire *q, const struct compare *c,
			  int sensitivity, const char *weights, const char *lang);

/* Write an assessment's meetings (cirt interviews): each with its id,
 * date, organisation, people, who recorded it and when, and how many
 * answers now come from it (answers[i]) and how many changes were made
 * in it (changes[i]). Returns 0, or -1 when writing failed. */
int json_write_meetings(FILE *out, const struct assessment *a, const struct meeting *m, size_t n,
			const size_t *answers, const size_t *changes);

/* Write an assessment's attachments (cirt attachments): each with its id,
 * question, name, type, size, SHA-256, who added it, when and in which
 * meeting; not the files. Returns 0, or -1 when writing failed. */
int json_write_attachments(FILE *out, const struct assessment *a, const struct attachment *list,
			   size_t n);

/* The bundle as JSON text (owned by the caller). */
char *json_bundle_text(const struct bundle *b);

/* A sealed bundle as JSON text (owned by the caller), and back: 0, 1 when
 * data is JSON but not a sealed bundle (a plain one), or -1 with the
 * reason in err. */
char *json_sealed_text(const struct sealed *s);
int json_sealed_parse(const char *data, size_t size, struct sealed *out, char *err, size_t errlen);

/* Read a bundle file's text, parsing it once: a sealed bundle (returns 2
 * with *sealed filled), or a bundle (returns 0 with b filled; a
 * signature is read by exchange_read_file); or -1 with the reason in
 * err. */
int json_bundle_read(const char *data, size_t size, struct bundle *b, struct sealed *sealed,
		     char *err, size_t errlen);

/* Read a bundle from JSON text, checking every member's type; the content
 * is checked further by exchange_check. Returns 0, or -1 with the reason
 * in err. */
int json_bundle_parse(const char *data, size_t size, struct bundle *out, char *err, size_t errlen);

#endif
