/* What cirt serve sends besides its pages: the stylesheet and the script,
 * built into the binary from src/web/ (nothing is fetched from anywhere),
 * and which kinds of file a browser may attach. */
#ifndef CIRT_WEB_ASSETS_H
#define CIRT_WEB_ASSETS_H

#include <stddef.h>

/* The asset named name ("app.css", "app.js"): 0 with a copy in *body
 * (owned by the caller), its size and its type; -1 when there is none. */
int web_asset(const char *name, char **body, size_t *len, const char **type);

/* Whether a file of type (attachment_type_guess's) may be uploaded: PDF,
 * PNG, JPEG, a word processor's document, plain text. */
int web_type_allowed(const char *type);

#endif
