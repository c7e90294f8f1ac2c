/* Attachments: files (a decree, a PDF, a photo of a signed document) kept
 * in the database as evidence for an answer. This module holds what they
 * are and the rules about them that do not need the database: the limits,
 * the type guessed from the content, which names are acceptable, the name
 * a file gets when it is written out, and reading one from disk.
 *
 * The history records every attachment added and removed (chain.h), so the
 * replay knows each one's name, type, size, SHA-256, who added it, when and
 * in which meeting; the store keeps the bytes beside that, and 'cirt
 * verify' checks them against the SHA-256.
 *
 * The limits are chosen so that an assessment with all its attachments
 * always travels in one bundle (64 MB): base64 makes 32 MB of files about
 * 43 MB of text, and sealing a bundle (base64 again) about 57 MB, which
 * leaves room for the answers and the history. */
#ifndef CIRT_ATTACHMENT_H
#define CIRT_ATTACHMENT_H

#include <stddef.h>

#include "error.h"

#define ATTACHMENT_MAX_BYTES (16LL * 1024 * 1024) /* one file */
#define ATTACHMENT_MAX_TOTAL (32LL * 1024 * 1024) /* all of one assessment's */
#define ATTACHMENT_MAX_COUNT 1000		  /* files of one assessment */
#define ATTACHMENT_NAME_MAX 255			  /* bytes of a name */
#define ATTACHMENT_ID_SIZE 14			  /* "a", 12 hex digits and a NUL */

/* One attachment. Strings are owned; source is NULL when it was not added
 * in a meeting; data is NULL unless the bytes were loaded. */
struct attachment {
	char *id; /* "a" and 12 hex digits, from its content and when it was added */
	char *question_id;
	char *name;
	char *type; /* a MIME type, guessed from the content when it was added */
	long long size;
	char *sha256; /* of the content, 64 lowercase hex digits */
	char *added_by;
	char *added_at;
	char *source;
	unsigned char *data;
};

void attachment_release(struct attachment *at);

/* Release n attachments and the array that holds them. */
void attachments_release(struct attachment *list, size_t n);

/* The MIME type of data, guessed from its first bytes: PDF, PNG, JPEG,
 * a word processor's document (DOCX, ODT), plain UTF-8 text, else
 * application/octet-stream. Borrowed, static. */
const char *attachment_type_guess(const void *data, size_t size);

/* Whether s has the shape of a MIME type ("type/subtype", lowercase
 * letters, digits and . + -), as a history may carry one. */
int attachment_type_valid(const char *s);

/* Whether name is acceptable as an attachment's name: 1 to
 * ATTACHMENT_NAME_MAX bytes of well-formed UTF-8 without control
 * characters or '/'. Returns 0, or -1 with the reason in message. */
int attachment_name_check(const char *name, char *message, size_t size);

/* The name the file of at gets when written out: its name with path
 * separators, characters a terminal would not show (term.h) and leading
 * dots and spaces replaced or dropped, so that it stays in the folder it
 * is written to and is not hidden; its id when nothing is left. Owned by
 * the caller. */
char *attachment_file_name(const struct attachment *at);

/* A size for people: "512 bytes", "12.5 KB", "3.4 MB" (1 KB is 1024
 * bytes, as the limits count). */
void attachment_size_text(long long size, char *buf, size_t buflen);

/* Read the file at path as an attachment: its bytes (owned, *size of
 * them) and its name (the last part of path, owned). A file that is
 * empty, larger than ATTACHMENT_MAX_BYTES, or whose name is not
 * acceptable is refused (EXIT_DATA); one that cannot be read gives
 * EXIT_IO. Returns 0, or -1 with err set (the message does not repeat
 * the path). */
int attachment_read(const char *path, unsigned char **data, size_t *size, char **name,
		    struct error *err);

#endif
