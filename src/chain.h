/* The record's hash chain, as pure functions: no SQL, no I/O.
 *
 * An assessment is its history: a list of events, each carrying the
 * SHA-256 of its content together with the hash of the event before it.
 * chain_replay recomputes every link and replays the events into what the
 * assessment holds (answers, evidence, notes, flags, sources, who and when,
 * status, assessors, mission dates, the questionnaire's hash). It is the
 * single definition of an assessment's content: the store keeps tables
 * that must equal the replay, 'cirt verify' checks that they do, and a
 * bundle is checked by replaying it.
 *
 * The register is a second chain, one per database, of the events that
 * make or remove whole assessments (created, final, draft, discarded),
 * each naming the assessment's head at that moment, so that deleting an
 * assessment, or cutting and rewriting the end of its history, shows. */
#ifndef CIRT_CHAIN_H
#define CIRT_CHAIN_H

#include <stddef.h>

#include "answer.h"
#include "attachment.h"

#define CHAIN_HASH_SIZE 65     /* 64 hex digits and a NUL */
#define CHAIN_VERSION 2	       /* the format of events recorded here */
#define CHAIN_VERSION_MERGED 3 /* of events brought in by a merge */

extern const char chain_genesis[CHAIN_HASH_SIZE];

/* One event of an assessment's history. Strings are owned; NULL where
 * the event has none. field is one of: created, status, answer, evidence,
 * comment, flag, merged, meeting, resolved, attachment, finding. Version 1 events (written
 * before sources existed) have no source and hash without it; version 3
 * events were brought in by a merge and carry their origin.
 *
 * A merge adds the events of another copy of the assessment that this one
 * lacks, each under its origin, so that every copy holds the union of
 * their histories. Replaying a merged event that changes a field (answer,
 * evidence, comment, flag): when it starts from the value the field has
 * here, it applies; when it starts from the value of an open conflict's
 * other side, it moves that side on; when it gives the value the field
 * has, nothing changes; otherwise the field is in conflict, with the two
 * values. While a conflict is open the field shows the value set by the
 * later event (by time, then identity), the same on every copy; a
 * "resolved" event, recorded by a person who chose (cirt resolve), closes
 * it: its old_state names the field, its new_state and new_value give the
 * value chosen.
 *
 * An "attachment" event adds a file to a question (new_state its SHA-256,
 * new_value chain_attachment_value; no old value) or removes one (the same
 * in old_state and old_value, no new value); who and when are the event's,
 * and so is the source. Attachments are a set: merged in, an addition
 * joins it and a removal takes the file out, whichever copy made them.
 *
 * A "finding" event gives the team's own words on a pillar: question_id
 * is the pillar's id ("" for the executive summary), old_value the text
 * it had ("" for none) and new_value the text it has now ("" removes it);
 * no states and no source, and texts as chain_finding_text leaves them.
 * A finding is a field like an answer's: merged in, it applies, moves
 * the other side of a conflict on, or opens a conflict (field "finding",
 * keyed by the pillar's id), and a "resolved" event whose old_state is
 * "finding" settles it. A final assessment takes none. */
struct history_entry {
	long long seq;
	int version;
	char *question_id; /* "" for the assessment itself */
	char *field;
	char *old_state;
	char *old_value;
	char *new_state;
	char *new_value;
	char *changed_by;
	char *changed_at;
	char *reason;
	char *source; /* the meeting the change was made in, or NULL */
	/* for an event brought in by a merge (version 3): its identity where
	 * it was first recorded (chain_event_id there); NULL otherwise */
	char *origin;
	char *prev_hash;
	char *hash;
};

void history_entry_release(struct history_entry *e);

/* Release n history entries and the array that holds them. */
void history_release(struct history_entry *h, size_t n);

/* An event's identity across copies of an assessment: its origin when it
 * was merged in, else its hash. Borrowed. */
const char *chain_event_id(const struct history_entry *e);

/* The hash an event of the assessment of country and cycle must carry. */
void chain_hash(const char *country, int cycle, const struct history_entry *e,
		char out[CHAIN_HASH_SIZE]);

/* A meeting with officials, as a 'meeting' event records it: the source
 * of the answers, evidence and notes given during it. people is the
 * roles, each optionally followed by a person's name in parentheses,
 * separated by "; ". */
struct meeting {
	char *id; /* "m" and 12 hex digits, from its content */
	char *organisation;
	char *people;
	char *met_on; /* YYYY-MM-DD */
	char *recorded_by;
	char *recorded_at;
};

void meeting_release(struct meeting *m);

/* Make to (released first) a copy of from; empty when from is NULL or
 * names no meeting. */
void meeting_copy(struct meeting *to, const struct meeting *from);

/* The team's own words on an assessment: the executive summary (pillar
 * "") or the findings on one pillar (its id). The latest text of each
 * replaces the earlier ones; an empty text removes it. */
struct finding {
	char *pillar;	   /* a pillar id, or "" for the executive summary */
	char *text;	   /* UTF-8, paragraphs separated by blank lines */
	char *recorded_by; /* the assessor */
	char *recorded_at; /* UTC, ISO 8601 */
};

void finding_release(struct finding *f);

/* Release n findings and the array that holds them. */
void findings_release(struct finding *f, size_t n);

/* The most bytes a finding's text may take. */
#define CHAIN_FINDING_MAX 20000

/* Make the size bytes of data (typed, or read from a file or an editor)
 * a finding's text: CRLF line ends become LF, and the white space (blank
 * lines included) at its start and end goes. Refused: bytes that are not
 * UTF-8, control characters other than line feed and tab (a NUL
 * included), a text of more than CHAIN_FINDING_MAX bytes once made so.
 * Returns 0 with *out owned by the caller ("" for a text that is only
 * white space: no finding), or -1 with the reason in lang in message and
 * the line it is on in *line (0 when it is about the whole text). */
int chain_finding_text(const char *data, size_t size, const char *lang, char **out, long *line,
		       char *message, size_t message_size);

/* Whether text is a finding's text as chain_finding_text leaves it ("" is
 * one). */
int chain_finding_valid(const char *text);

/* The id a meeting gets from its content and when it was recorded. */
void chain_meeting_id(const char *country, int cycle, const struct meeting *m, char out[16]);

/* The value of a meeting event ("organisation TAB people") and back;
 * chain_meeting_parse returns -1 when value is not one. */
char *chain_meeting_value(const struct meeting *m);
int chain_meeting_parse(const char *value, char **organisation, char **people);

/* The id an attachment gets from its question, name, SHA-256, who added it
 * and when (at's id is not read). */
void chain_attachment_id(const char *country, int cycle, const struct attachment *at,
			 char out[ATTACHMENT_ID_SIZE]);

/* The value of an attachment event, "ID SIZE TYPE NAME" (the name last, as
 * it may hold spaces), owned; and back: chain_attachment_parse fills at's
 * id, size, type and name (release it with attachment_release), or
 * returns -1 when value is not one (a malformed id, a size of 0 or over
 * ATTACHMENT_MAX_BYTES, a type of the wrong shape, a name
 * attachment_name_check refuses). */
char *chain_attachment_value(const struct attachment *at);
int chain_attachment_parse(const char *value, struct attachment *at);

/* A field in conflict after a merge: the value the answer shows now
 * (here_*) and the other (state, value and who gave it). */
struct chain_conflict {
	char *question_id; /* for a finding, its pillar's id ("" the summary) */
	char *field;	   /* answer, evidence, comment, flag or finding */
	char *state;	   /* the other value's state (an answer's), else NULL */
	char *value;
	char *changed_by;
	char *changed_at;
	char *source;
	char *event; /* chain_event_id of the event that gave it */
	char *here_by;
	char *here_at;
	char *here_source;
	char *here_event;
};

void chain_conflict_release(struct chain_conflict *c);
void chain_conflicts_release(struct chain_conflict *c, size_t n);

/* What an assessment holds, as the replay of its history gives it. */
struct chain_state {
	char *questionnaire_id;
	char *questionnaire_version;
	char *questionnaire_sha256;
	char *created_by;
	char *created_at;
	char *updated_at;    /* the latest time of any event */
	char *assessors;     /* everyone who recorded an event, in order, ", " */
	char *mission_start; /* YYYY-MM-DD of the first change to an answer, or "" */
	char *mission_end;
	int final;
	struct answer_set answers; /* in the order questions were first changed */
	struct meeting *meetings;  /* in the order they were recorded */
	size_t meeting_count;
	size_t meeting_alloc;
	struct chain_conflict *conflicts; /* open, in the order of the answers */
	size_t conflict_count;
	/* the attachments not removed, in the order they were added; no data */
	struct attachment *attachments;
	size_t attachment_count;
	/* the findings with a text, in the order their pillars were first
	 * given one; who and when are those of the text shown */
	struct finding *findings;
	size_t finding_count;
	size_t count; /* events */
	char head[CHAIN_HASH_SIZE];
};

void chain_state_release(struct chain_state *st);

/* Check every link of the n events h of the assessment of country and
 * cycle, and replay them into *st (release it with chain_state_release,
 * whatever the result). Returns 0, or 1 with the first problem in
 * problem. Linear in the size of the history. */
int chain_replay(const char *country, int cycle, const struct history_entry *h, size_t n,
		 struct chain_state *st, char *problem, size_t size);

/* What every event changes of an assessment's summary: its assessors (in
 * the order they first recorded something), the time of its latest event,
 * and the days of its first and last change to an answer. The store
 * applies it as it appends, and the replay as it reads. Strings are owned,
 * "" when empty. */
struct chain_meta {
	char *assessors;
	char *updated_at;
	char *mission_start;
	char *mission_end;
};

void chain_meta_apply(struct chain_meta *m, const struct history_entry *e);

/* Compare what the store holds with the replay: 0 when equal, 1 with the
 * first difference in problem. Either side may list answers in any
 * order. */
struct assessment;
int chain_compare(const struct chain_state *st, const struct assessment *a,
		  const struct answer_set *answers, const struct meeting *meetings,
		  size_t meeting_count, const struct chain_conflict *conflicts,
		  size_t conflict_count, char *problem, size_t size);

/* Compare the attachments stored (metadata; in any order) with those the
 * replay keeps: 0 when they are the same, 1 with the first that is
 * missing, extra, stored twice or different in any field. */
int chain_compare_attachments(const struct chain_state *st, const struct attachment *stored,
			      size_t n, char *problem, size_t size);

/* Compare the findings stored (in any order) with those the replay
 * keeps: 0 when they are the same, 1 with the first that is missing,
 * extra, stored twice or different in its text, author or time. */
int chain_compare_findings(const struct chain_state *st, const struct finding *stored, size_t n,
			   char *problem, size_t size);

/* One event of the database's register. */
struct register_entry {
	long long seq;
	char *event; /* created, final, draft, discarded */
	char country[3];
	int cycle;
	long long entries; /* the assessment's history length at that moment */
	char *head;	   /* and the hash of its last event */
	char *changed_by;
	char *changed_at;
	char *prev_hash;
	char *hash;
};

void register_entry_release(struct register_entry *e);
void register_release(struct register_entry *r, size_t n);

void chain_register_hash(const struct register_entry *e, char out[CHAIN_HASH_SIZE]);

/* A live assessment's place in the register check: the hashes of its
 * history, in order. */
struct chain_live {
	char country[3];
	int cycle;
	char **hashes; /* borrowed */
	size_t count;
	int seen; /* set by chain_register_check */
};

/* Check the register's links and that it agrees with the assessments the
 * database holds (live, sorted by country then cycle): each was created
 * and not discarded since, each status event names an event its history
 * still holds, and no assessment that the register says exists is
 * missing. Returns 0, or 1 with the first problem. */
int chain_register_check(const struct register_entry *r, size_t n, struct chain_live *live,
			 size_t live_count, char *problem, size_t size);

#endif
