/* What the server (web.c) and the pages (web_pages.c) share: a request
 * already checked (loopback Host, token, CSRF for POST) and the response
 * a page makes. */
#ifndef CIRT_WEB_INTERNAL_H
#define CIRT_WEB_INTERNAL_H

#include <stddef.h>

#include "chain.h"
#include "cmd.h"
#include "html.h"

/* The largest form (all fields but a file) a request may carry. */
#define WEB_FORM_MAX (1024L * 1024)

/* One field of a form or of the query: value has len bytes and a NUL
 * after them; filename is set for an uploaded file. */
struct web_field {
	char *name;
	char *value;
	size_t len;
	size_t alloc;
	char *filename;
};

struct web_request {
	int post;
	int head;		  /* a HEAD: the headers of a GET */
	const char *path;	  /* the path, without the query */
	struct web_field *fields; /* the query's, then the form's */
	size_t count;
	const char *lang; /* the interface's language */
	const char *csrf; /* the token forms carry */
};

struct web_response {
	int status;
	const char *type; /* NULL: text/html; charset=utf-8 */
	char *body;	  /* owned */
	size_t len;
	char *location;	   /* a redirection (303 after a POST, 302 after a GET) */
	char *disposition; /* Content-Disposition of a download */
};

/* An assessment a browser works on: what lasts from one request to the
 * next (everything else is read from the store each time). */
struct web_work {
	char country[3];
	int cycle;
	int claimed;		/* this server holds it for writing */
	double used;		/* when a request last named it (web_server.now) */
	struct meeting meeting; /* the meeting in progress; id NULL when none */
};

struct web_server {
	struct cmd_context *ctx;
	const char *default_lang;
	struct web_work *work;
	size_t work_count;
	char csrf[65];
	double now; /* seconds on a monotonic clock, set for each request */
};

/* An assessment no request has named for this long is given back, so
 * that a terminal session may take it (the page takes it again when it is
 * next used, unless that session holds it). */
#define WEB_CLAIM_IDLE (10 * 60)

/* The value of field name (the first), or NULL. */
const char *web_field(const struct web_request *r, const char *name);

/* Answer the request: a page, a redirection or a download. */
void web_route(struct web_server *s, const struct web_request *r, struct web_response *out);

/* Give back every assessment the server holds. */
void web_release(struct web_server *s);

/* Give back those not named by a request for WEB_CLAIM_IDLE seconds. */
void web_give_back_idle(struct web_server *s, double now);

#endif
