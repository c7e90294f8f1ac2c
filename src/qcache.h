/* Questionnaires loaded once: the model a large questionnaire's XML gives
 * (after its schema and semantic checks), kept in a private cache file
 * named by the SHA-256 of the XML's bytes, so that the next command that
 * loads the same bytes reads the model back instead of parsing and
 * checking again (about 20 ms for the shipped questionnaire in six
 * languages against about 1 ms). The file is always read and hashed; a
 * changed byte is another hash, so another entry. An entry is made only
 * by a load with no diagnostic at all, and is used only by the cirt
 * binary that made it (its size and modification time are in the entry)
 * and only if every count and index in it is within bounds; anything
 * else is a miss, and the XML is loaded as before.
 *
 * The cache folder is $CIRT_CACHE_DIR, else $XDG_CACHE_HOME/cirt, else
 * ~/.cache/cirt; CIRT_CACHE_DIR=off turns the cache off. Entries are
 * written atomically, mode 0600, into a folder made 0700; a folder that
 * cannot be written is simply not used, and one that another user could
 * write into (not the user's own, or writable by group or others) is not
 * used at all. Questionnaires under QCACHE_MIN_BYTES are not cached:
 * they load faster than an entry is found. */
#ifndef CIRT_QCACHE_H
#define CIRT_QCACHE_H

#include <stddef.h>

#include "questionnaire.h"

#define QCACHE_MIN_BYTES (64UL * 1024)

/* questionnaire_load, through the cache. */
struct questionnaire *qcache_load(const char *path, struct diag *diags, int *io_error);

/* The model as an entry's bytes (owned by the caller, *size long), and back:
 * NULL when data is not a whole, consistent entry for sha256 (hex). */
unsigned char *qcache_encode(const struct questionnaire *q, size_t *size);
struct questionnaire *qcache_decode(const unsigned char *data, size_t size, const char *sha256,
				    const char *path);

#endif
