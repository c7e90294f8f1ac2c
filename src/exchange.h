/* Exchanging assessments between field laptops: bundles (one assessment
 * with every answer and its whole history) and merging them, or another
 * cirt database, into this one.
 *
 * Merging rules: a bundle is checked completely (its structure, its texts
 * and codes, and its history chain recomputed and replayed) before
 * anything is written. An assessment this database lacks is restored
 * exactly as the bundle holds it. Otherwise the two histories are united
 * (exchange_merge). */
#ifndef CIRT_EXCHANGE_H
#define CIRT_EXCHANGE_H

#include <stddef.h>

#include "answer.h"
#include "error.h"
#include "hash.h"
#include "keys.h"
#include "questionnaire.h"
#include "store.h"

#define BUNDLE_FORMAT "cirt-bundle"
#define BUNDLE_VERSION 2 /* 1: unsigned; 2: signed */
#define SEALED_FORMAT "cirt-sealed-bundle"
#define SIGNATURE_DOMAIN "cirt-bundle-signature-1"
/* The limits of a bundle, checked before it is parsed; attachments, in
 * base64, count toward its size */
#define BUNDLE_MAX_BYTES (64L * 1024 * 1024)
#define BUNDLE_MAX_ANSWERS 50000
#define BUNDLE_MAX_HISTORY 200000

struct bundle {
	int format_version;
	char *questionnaire_id;
	char *questionnaire_version;
	char *questionnaire_sha256;
	char *exported_at;
	char *exported_by;
	struct assessment assessment;
	struct answer_set answers;
	struct history_entry *history;
	size_t history_count;
	/* the attachments the history keeps, with their bytes */
	struct attachment *attachments;
	size_t attachment_count;
};

void bundle_release(struct bundle *b);

/* Build the bundle of assessment a. */
int exchange_export(struct store *s, const struct assessment *a, const char *who,
		    struct bundle *out, struct error *err);

/* The text of bundle b as a file: signed with k, and, when n > 0, sealed
 * for the n recipients' keys alone. Owned by the caller; NULL with err
 * set on failure, also when the file would be larger than
 * BUNDLE_MAX_BYTES (its attachments count toward it), which no merge
 * would read.
 *
 * A signed bundle is the JSON object of the bundle with one member added
 * last, written exactly as
 *     ,"signature":{"key":"ed25519:BASE64","value":"BASE64"}}
 * after the object's text without its closing brace; the Ed25519
 * signature covers SIGNATURE_DOMAIN, a NUL, then those bytes before the
 * comma, as they are in the file. */
char *exchange_bundle_text(const struct bundle *b, const struct key_pair *k,
			   const unsigned char (*to)[KEY_PUBLIC_BYTES], size_t n,
			   struct error *err);

/* Find the signature of the bundle text data: 0 with *signed_size (the
 * bytes it covers), pk and sig; 1 when there is none; -1 when there is
 * something else where it would be. */
int exchange_find_signature(const char *data, size_t size, size_t *signed_size,
			    unsigned char pk[KEY_PUBLIC_BYTES],
			    unsigned char sig[KEY_SIGNATURE_BYTES]);

/* data, the text of a bundle signed or not, signed with k instead:
 * owned by the caller, NULL when data is not a JSON object's text. */
char *exchange_sign_text(const char *data, size_t size, const struct key_pair *k);

/* What a bundle file says of where it comes from. */
struct bundle_origin {
	int sealed;    /* it was sealed, and opened with this laptop's key */
	int is_signed; /* its signature holds, by signer */
	unsigned char signer[KEY_PUBLIC_BYTES];
};

/* Read the bundle file at path into b, and the SHA-256 of its content into
 * sha256. expect, when not NULL, is the hash of an earlier reading: content
 * that differs is refused, the file having changed in between. A sealed
 * bundle is opened with k (NULL when this laptop has no key); a signature
 * is checked, and a bundle whose signature does not hold is refused; one
 * of the first format has none (origin says so). Returns 0; 1 when the
 * file is an SQLite database (b untouched), to be read as one; or -1 with
 * err set. The content is not checked (exchange_check), nor whether the
 * signer is trusted. */
int exchange_read_file(const char *path, const char *expect, const struct key_pair *k,
		       struct bundle *b, struct bundle_origin *origin, char sha256[SHA256_HEX_SIZE],
		       struct error *err);

/* Check everything in b that a hostile or damaged file could get wrong.
 * Returns 0, or -1 with err set (EXIT_DATA). */
int exchange_check(const struct bundle *b, struct error *err);

/* A conflict a merge opened: called with it once the merge is written. */
typedef void (*merge_conflict_fn)(void *ctx, const struct assessment *a,
				  const struct chain_conflict *c);

struct merge_result {
	int restored;	  /* the assessment was new here */
	size_t events;	  /* history events brought in */
	size_t changed;	  /* questions whose answer, evidence, note or flag changed */
	size_t conflicts; /* opened by this merge, told through the callback */
	size_t open;	  /* conflicts open after it */
	size_t unknown;	  /* answers to questions this questionnaire lacks (kept) */
	size_t attached;  /* attachments this copy gained */
	size_t detached;  /* attachments it lost (the other copy removed them) */
};

/* Merge b into s as a union of histories: the events of b's history that
 * this copy lacks (by chain_event_id) are added under their origin, and
 * the answers follow from the replay (chain.h): a question both copies
 * changed since they parted is left in conflict for a person to settle.
 * Merging the same bundle again adds nothing. A bundle made with another
 * version of q is refused unless force. source names the file, who the
 * person merging. Returns 0, or -1 with err set; on error nothing was
 * written. */
int exchange_merge(struct store *s, const struct questionnaire *q, const struct bundle *b,
		   int force, const char *source, const char *who, merge_conflict_fn on_conflict,
		   void *ctx, struct merge_result *r, struct error *err);

#endif
