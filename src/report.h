/* The printable country report: cover, executive summary with a radar
 * chart, one section per pillar, recommendations with the path to the next
 * tier, open items, progress since the previous cycle, and the methodology.
 * Lays the report out on pdf pages; the caller gathers the data and writes
 * the bytes. */
#ifndef CIRT_REPORT_H
#define CIRT_REPORT_H

#include <stddef.h>
#include <time.h>

#include "answer.h"
#include "compare.h"
#include "country.h"
#include "error.h"
#include "fonts.h"
#include "questionnaire.h"
#include "score.h"
#include "store.h"

struct doc;

struct report_input {
	const struct questionnaire *q;
	const struct assessment *a;
	const struct country *country;
	const struct answer_set *answers;
	const struct score_result *score;
	const char *lang;
	const char *marking;		    /* a confidentiality marking, or NULL */
	int letter;			    /* US letter instead of A4 */
	int sample;			    /* mark every page "Sample data" */
	time_t date;			    /* the report's date */
	const char *font_paths[FONT_FACES]; /* the faces, fonts.h */
	/* the other assessments of the same cycle, when there are some */
	size_t region_count;
	double region_mean;
	size_t global_count;
	double global_mean;
	int include_drafts; /* the means count drafts too */
	/* the meetings answers came from (the stakeholders annex); people's
	 * names, in parentheses after their roles, are printed only with
	 * names */
	const struct meeting *meetings;
	size_t meeting_count;
	int names;
	/* the conflicts merges left open: those questions are disputed */
	const struct chain_conflict *conflicts;
	size_t conflict_count;
	/* the files kept as evidence (metadata), each listed under the
	 * answer it supports */
	const struct attachment *attachments;
	size_t attachment_count;
	/* the team's own words: the executive summary (pillar "") and the
	 * findings per pillar, in the order recorded */
	const struct finding *findings;
	size_t finding_count;
	/* the country's previous cycle, or NULL */
	const struct score_result *previous;
	int previous_cycle;
};

/* The report as a document (doc.h), for render_pdf or render_docx; the
 * caller frees it with doc_free, before in's data goes. */
struct doc *report_build(const struct report_input *in);

/* Lay the report out; returns 0 with the PDF's bytes (owned by the caller)
 * or -1 with err set. */
int report_write(const struct report_input *in, unsigned char **pdf, size_t *size,
		 struct error *err);

struct comparison_input {
	const struct questionnaire *q;
	const struct compare *c;
	const char *lang;
	int sensitivity;     /* show each country's rank range */
	const char *weights; /* the weights file used, or NULL */
	const char *marking; /* a confidentiality marking, or NULL */
	int sample;	     /* some entry is a fictional country */
	time_t date;
	const char *font_paths[FONT_FACES];
};

/* The comparison as a document. */
struct doc *report_build_comparison(const struct comparison_input *in);

/* Lay out the comparison: ranking table, heat map, regional means,
 * distribution and changes. The same return as report_write. */
int report_write_comparison(const struct comparison_input *in, unsigned char **pdf, size_t *size,
			    struct error *err);

#endif
