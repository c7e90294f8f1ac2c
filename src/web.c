/* The local web server (web.h): HTTP through libmicrohttpd, opened when
 * `cirt serve` first needs it (it brings GnuTLS and seven more libraries
 * no other command should load), on the loopback address only, one
 * request at a time from this process's own loop, so that the store and
 * the engine are used from one thread as in every other command.
 *
 * Before any page sees a request, it must: name this machine's loopback
 * address in its Host header (a page elsewhere cannot reach it through a
 * name of its own pointing here), carry the token printed at start (in a
 * cookie set when the URL was first opened; any other request gets the
 * same refusal, whatever it asks for), and, to change anything, be a POST
 * from this origin carrying the form's CSRF token. Every response forbids
 * scripts, styles and frames from elsewhere. */
#include "web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "attachment.h"
#include "dynlib.h"
#include "exitcode.h"
#include "i18n.h"
#include "web_internal.h"
#include "xmalloc.h"

#define MHD_FUNCTIONS(X)                                                                           \
	X(MHD_add_response_header)                                                                 \
	X(MHD_create_post_processor)                                                               \
	X(MHD_create_response_from_buffer)                                                         \
	X(MHD_destroy_post_processor)                                                              \
	X(MHD_destroy_response)                                                                    \
	X(MHD_get_connection_values)                                                               \
	X(MHD_get_fdset2)                                                                          \
	X(MHD_get_timeout)                                                                         \
	X(MHD_lookup_connection_value)                                                             \
	X(MHD_post_process)                                                                        \
	X(MHD_queue_response)                                                                      \
	X(MHD_run_from_select)                                                                     \
	X(MHD_start_daemon)                                                                        \
	X(MHD_stop_daemon)

static struct {
#define MHD_POINTER(f) __typeof__(&f) f; /* NOLINT(bugprone-macro-parentheses) */
	MHD_FUNCTIONS(MHD_POINTER)
#undef MHD_POINTER
} mhd;

static int
mhd_open(struct error *err)
{
#define MHD_NAME(f) #f,
	static const char *const names[] = {MHD_FUNCTIONS(MHD_NAME)};
#undef MHD_NAME
	static const struct dynlib libs[] = {{"libmicrohttpd.so.12", "libmicrohttpd12"}};
	void *symbols[sizeof(names) / sizeof(names[0])];
	size_t k = 0;

	if (dynlib_open(libs, 1, names, symbols, sizeof(names) / sizeof(names[0]),
			"the web interface", err) < 0)
		return -1;
#define MHD_SET(f) memcpy(&mhd.f, &symbols[k++], sizeof(void *));
	MHD_FUNCTIONS(MHD_SET)
#undef MHD_SET
	return 0;
}

/* ---- the server's state ------------------------------------------------- */

struct server {
	struct web_server pages;
	char token[65];
	int port;
	double last_request; /* seconds, monotonic */
};

/* One request in progress: its form, read piece by piece. */
struct request {
	struct MHD_PostProcessor *pp;
	struct web_field *fields;
	size_t count;
	size_t alloc;
	size_t form_bytes;
	long long file_bytes;
	int too_big;
	int too_many;
};

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static double
now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
random_hex(char *out, size_t bytes)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char buf[32] = {0};
	size_t got = 0;

	while (got < bytes) {
		ssize_t n = getrandom(buf + got, bytes - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			abort(); /* no randomness: never serve with a guessable token */
		got += (size_t)n;
	}
	for (size_t i = 0; i < bytes; i++) {
		out[2 * i] = hex[buf[i] >> 4];
		out[2 * i + 1] = hex[buf[i] & 15];
	}
	out[2 * bytes] = '\0';
}

/* Whether a and b are the same string, in a time that does not depend on
 * where they differ. */
static int
same_secret(const char *a, const char *b)
{
	size_t la = a ? strlen(a) : 0;
	size_t lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < lb; i++)
		diff |= (unsigned char)((i < la ? a[i] : 0) ^ b[i]);
	return a != NULL && diff == 0;
}

/* ---- fields --------------------------------------------------------------- */

const char *
web_field(const struct web_request *r, const char *name)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return r->fields[i].value;
	return NULL;
}

static struct web_field *
field_new(struct request *q, const char *name, const char *filename)
{
	struct web_field *f;

	if (q->count == q->alloc)
		xgrow((void **)&q->fields, &q->alloc, q->count + 1, sizeof(*q->fields));
	f = &q->fields[q->count++];
	f->name = xstrdup(name);
	f->value = xstrdup("");
	f->len = 0;
	f->alloc = 1;
	f->filename = filename ? xstrdup(filename) : NULL;
	return f;
}

static void
field_append(struct web_field *f, const char *data, size_t size)
{
	/* a file comes in pieces of a few KB: the room grows by doubling,
	 * so that reading it costs time in proportion to its size */
	if (f->len + size + 1 > f->alloc)
		xgrow((void **)&f->value, &f->alloc, f->len + size + 1, 1);
	memcpy(f->value + f->len, data, size);
	f->len += size;
	f->value[f->len] = '\0';
}

#define FIELDS_MAX 2000

static enum MHD_Result
post_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
	   const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
	   size_t size)
{
	struct request *q = cls;
	struct web_field *f = NULL;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (q->too_big || q->too_many || key == NULL)
		return MHD_YES; /* read on, keep nothing: the refusal comes at the end */
	if (filename) {
		q->file_bytes += (long long)size;
		if (q->file_bytes > ATTACHMENT_MAX_BYTES) {
			q->too_big = 1;
			return MHD_YES;
		}
	} else {
		q->form_bytes += size + strlen(key);
		if (q->form_bytes > WEB_FORM_MAX) {
			q->too_big = 3;
			return MHD_YES;
		}
	}
	/* a field goes on in pieces (off > 0); a new one starts at 0 */
	if (q->count > 0 && strcmp(q->fields[q->count - 1].name, key) == 0 &&
	    (off > 0 || (q->fields[q->count - 1].len == 0 && size > 0)))
		/* a piece of the field before; libmicrohttpd may also hand over
		 * an empty first piece and then the value, both at offset 0 */
		f = &q->fields[q->count - 1];
	if (f == NULL) {
		if (q->count >= FIELDS_MAX) {
			q->too_many = 1;
			return MHD_YES;
		}
		f = field_new(q, key, filename ? filename : NULL);
	}
	/* (a file always has a name, even an empty one) */
	if (size)
		field_append(f, data, size);
	return MHD_YES;
}

static enum MHD_Result
query_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct request *q = cls;
	struct web_field *f;

	(void)kind;
	if (key == NULL || q->count >= FIELDS_MAX)
		return MHD_YES;
	f = field_new(q, key, NULL);
	if (value)
		field_append(f, value, strlen(value));
	return MHD_YES;
}

static enum MHD_Result
count_hosts(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	size_t *n = cls;

	(void)kind;
	(void)value;
	if (key && strcasecmp(key, "Host") == 0)
		(*n)++;
	return MHD_YES;
}

static void
request_free(struct request *q)
{
	if (q == NULL)
		return;
	if (q->pp)
		mhd.MHD_destroy_post_processor(q->pp);
	for (size_t i = 0; i < q->count; i++) {
		free(q->fields[i].name);
		free(q->fields[i].value);
		free(q->fields[i].filename);
	}
	free(q->fields);
	free(q);
}

/* ---- responses ------------------------------------------------------------ */

static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
			  "base-uri 'none'";

static enum MHD_Result
respond(struct MHD_Connection *c, int status, const char *type, char *body, size_t len,
	const char *location, const char *disposition, const char *cookie)
{
	struct MHD_Response *r =
		mhd.MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ok;

	if (r == NULL) {
		free(body);
		return MHD_NO;
	}
	mhd.MHD_add_response_header(r, "Content-Type", type ? type : "text/html; charset=utf-8");
	mhd.MHD_add_response_header(r, "Content-Security-Policy", CSP);
	mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.MHD_add_response_header(r, "X-Frame-Options", "DENY");
	mhd.MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	mhd.MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	mhd.MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	if (location)
		mhd.MHD_add_response_header(r, "Location", location);
	if (disposition)
		mhd.MHD_add_response_header(r, "Content-Disposition", disposition);
	if (cookie)
		mhd.MHD_add_response_header(r, "Set-Cookie", cookie);
	ok = mhd.MHD_queue_response(c, (unsigned)status, r);
	mhd.MHD_destroy_response(r);
	return ok;
}

/* A refusal in plain words, the same whatever was asked. */
static enum MHD_Result
refuse(struct MHD_Connection *c, int status, const char *why)
{
	char *body = xasprintf("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
			       "<title>cirt</title></head><body><p>%s</p></body></html>\n",
			       why);

	return respond(c, status, NULL, body, strlen(body), NULL, NULL, NULL);
}

/* ---- checks --------------------------------------------------------------- */

/* Whether text is scheme (maybe "") and one of this machine's loopback
 * names (127.0.0.1, localhost, [::1]) with this server's port, or, when
 * bare is set, without a port. */
static int
loopback_name(const char *text, const char *scheme, int port, int bare)
{
	static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
	char own[80];

	for (size_t i = 0; text && i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(own, sizeof(own), "%s%s:%d", scheme, names[i], port);
		if (strcasecmp(text, own) == 0)
			return 1;
		snprintf(own, sizeof(own), "%s%s", scheme, names[i]);
		if (bare && strcasecmp(text, own) == 0)
			return 1;
	}
	return 0;
}

/* Whether host (a Host header) names this server on the loopback
 * address, with its port or none. */
static int
loopback_host(const char *host, int port)
{
	return loopback_name(host, "", port, 1);
}

/* Whether an Origin header, when there is one, is this server's own:
 * http:// and a loopback name with this port. */
static int
same_origin(const char *origin, int port)
{
	return origin == NULL || loopback_name(origin, "http://", port, 0);
}

/* Whether url can go back into a Location header as it is: a path of
 * this server ("/..." but not "//host..."), printable ASCII only. */
static int
safe_path(const char *url)
{
	if (url[0] != '/' || url[1] == '/' || url[1] == '\\')
		return 0;
	for (const char *c = url; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f || *c == '\\')
			return 0;
	return strlen(url) < 2048;
}

static const char *
lang_of(struct server *s, const char *asked)
{
	if (asked && cmd_valid_lang(asked) && i18n_has(asked))
		return asked;
	return s->pages.default_lang;
}

/* ---- one request ------------------------------------------------------------ */

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload_data, size_t *upload_data_size, void **state)
{
	struct server *s = cls;
	struct request *q = *state;
	int post = strcmp(method, "POST") == 0;

	(void)version;
	if (q == NULL) {
		/* the first call: the headers are in, the body is not */
		const char *host = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
		const char *cookie =
			mhd.MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "cirt_token");
		const char *given =
			mhd.MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
		const char *length =
			mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");

		size_t hosts = 0;

		mhd.MHD_get_connection_values(c, MHD_HEADER_KIND, count_hosts, &hosts);
		if (hosts != 1 || !loopback_host(host, s->port))
			return refuse(c, 421,
				      "This server answers only on this machine's own "
				      "loopback address.");
		if (!post && strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
			return refuse(c, 405, "Method not allowed.");
		if (!same_secret(cookie, s->token) && !(!post && same_secret(given, s->token)))
			return refuse(c, 403,
				      "Forbidden: open the address cirt serve printed, with its "
				      "token.");
		/* (only a request with the token keeps the server from its idle
		 * stop) */
		s->last_request = now_seconds();
		if (!post && same_secret(given, s->token)) {
			/* keep the token in a cookie, and the address bar clean */
			char *cookie_line = xasprintf("cirt_token=%s; Path=/; HttpOnly; "
						      "SameSite=Strict",
						      s->token);
			char *body = xstrdup("");
			const char *lang =
				mhd.MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
			char *to = xasprintf("%s%s%s", safe_path(url) ? url : "/",
					     lang && cmd_valid_lang(lang) ? "?lang=" : "",
					     lang && cmd_valid_lang(lang) ? lang : "");
			enum MHD_Result ok = respond(c, 302, NULL, body, 0, to, NULL, cookie_line);

			free(to);
			free(cookie_line);
			return ok;
		}
		if (post) {
			const char *origin =
				mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
			const char *site = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND,
									   "Sec-Fetch-Site");

			if (!same_origin(origin, s->port) ||
			    (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0))
				return refuse(c, 403,
					      "Forbidden: a change must come from cirt's "
					      "own pages.");
			if (length &&
			    strtoll(length, NULL, 10) > ATTACHMENT_MAX_BYTES + WEB_FORM_MAX)
				return refuse(c, 413,
					      "Too large: a file may be 16 MB at most, "
					      "and a form 1 MB.");
		}
		q = xcalloc(1, sizeof(*q));
		/* a GET's fields are its query; a POST's, its form alone */
		if (!post)
			mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_field, q);
		if (post) {
			q->pp = mhd.MHD_create_post_processor(c, (size_t)16 * 1024, post_field, q);
			if (q->pp == NULL) {
				request_free(q);
				return refuse(c, 415, "Unsupported form encoding.");
			}
		}
		*state = q;
		return MHD_YES;
	}
	if (post && *upload_data_size) {
		if (mhd.MHD_post_process(q->pp, upload_data, *upload_data_size) != MHD_YES)
			q->too_big = q->too_big ? q->too_big : 2;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (q->too_big == 2)
		return refuse(c, 400, "The form could not be read.");
	if (q->too_big == 3)
		return refuse(c, 413, "Too large: a form may hold 1 MB at most.");
	if (q->too_big)
		return refuse(c, 413, "Too large: a file may be 16 MB at most.");
	if (q->too_many)
		return refuse(c, 413, "Too many fields.");

	struct web_request r = {0};
	struct web_response out = {0};
	const char *lang_cookie = mhd.MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "cirt_lang");
	const char *lang_asked;
	char *lang_line = NULL;

	r.post = post;
	r.head = strcmp(method, "HEAD") == 0;
	r.path = url;
	r.fields = q->fields;
	r.count = q->count;
	r.csrf = s->pages.csrf;
	/* the language chosen by a link (?lang=) is kept in a cookie */
	lang_asked = post ? NULL : web_field(&r, "lang");
	if (lang_asked && lang_of(s, lang_asked) == lang_asked) {
		r.lang = lang_asked;
		lang_line = xasprintf("cirt_lang=%s; Path=/; SameSite=Strict", lang_asked);
	} else {
		r.lang = lang_of(s, lang_cookie);
	}
	if (post && !same_secret(web_field(&r, "csrf"), s->pages.csrf)) {
		free(lang_line);
		return refuse(c, 403,
			      "Forbidden: the form is not one of this server's pages "
			      "(reload the page and try again).");
	}
	s->pages.now = now_seconds();
	web_route(&s->pages, &r, &out);
	if (out.location && out.body == NULL)
		out.body = xstrdup("");
	enum MHD_Result ok = respond(c, out.status ? out.status : 200, out.type, out.body, out.len,
				     out.location, out.disposition, lang_line);

	free(out.location);
	free(out.disposition);
	free(lang_line);
	return ok;
}

static void
completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)c;
	(void)code;
	request_free(*state);
	*state = NULL;
}

/* ---- the listening socket and the loop ------------------------------------- */

#define DEFAULT_PORT 8470
#define PORT_TRIES 10

static int
listen_on(int port, struct error *err)
{
	struct sockaddr_in addr = {0};
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		error_set(err, EXIT_IO, "cannot open a socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 32) < 0) {
		error_set(err, EXIT_IO, "cannot listen on 127.0.0.1:%d: %s", port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
bound_port(int fd)
{
	struct sockaddr_in addr = {0};
	socklen_t len = sizeof(addr);

	if (getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
		return -1;
	return ntohs(addr.sin_port);
}

int
web_serve(struct cmd_context *ctx, const struct web_options *o, struct error *err)
{
	struct server s = {0};
	struct MHD_Daemon *d;
	struct sigaction sa = {0};
	struct sigaction old_int;
	struct sigaction old_term;
	char *url;
	int fd = -1;
	int status = 0;

	if (mhd_open(err) < 0)
		return -1;
	if (o->port_given) {
		fd = listen_on(o->port, err);
	} else {
		for (int k = 0; k < PORT_TRIES && fd < 0; k++)
			fd = listen_on(DEFAULT_PORT + k, err);
	}
	if (fd < 0)
		return -1;
	s.port = bound_port(fd);
	random_hex(s.token, 24);
	random_hex(s.pages.csrf, 24);
	s.pages.ctx = ctx;
	s.pages.default_lang = o->lang && i18n_has(o->lang) ? o->lang : "en";
	d = mhd.MHD_start_daemon(MHD_NO_FLAG, 0, NULL, NULL, answer, &s, MHD_OPTION_LISTEN_SOCKET,
				 fd, MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
				 MHD_OPTION_CONNECTION_LIMIT, 64U, MHD_OPTION_CONNECTION_TIMEOUT,
				 60U, MHD_OPTION_END);
	if (d == NULL) {
		close(fd);
		error_set(err, EXIT_IO, "cannot start the web server");
		return -1;
	}
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	signal(SIGPIPE, SIG_IGN);
	stop_signal = 0;
	url = xasprintf("http://127.0.0.1:%d/?token=%s", s.port, s.token);
	if (o->announce && o->announce(url, o->announce_arg) < 0)
		stop_signal = SIGTERM;
	free(url);
	s.last_request = now_seconds();
	while (!stop_signal) {
		fd_set rs, ws, es;
		MHD_socket max = 0;
		MHD_UNSIGNED_LONG_LONG wait_ms = 0;
		struct timeval tv = {1, 0};

		FD_ZERO(&rs);
		FD_ZERO(&ws);
		FD_ZERO(&es);
		if (mhd.MHD_get_fdset2(d, &rs, &ws, &es, &max, FD_SETSIZE) != MHD_YES) {
			error_set(err, EXIT_IO, "the web server failed");
			status = -1;
			break;
		}
		if (mhd.MHD_get_timeout(d, &wait_ms) == MHD_YES && wait_ms < 1000) {
			tv.tv_sec = 0;
			tv.tv_usec = (long)wait_ms * 1000;
		}
		if (select(max + 1, &rs, &ws, &es, &tv) < 0) {
			if (errno == EINTR)
				continue;
			error_set(err, EXIT_IO, "the web server failed: %s", strerror(errno));
			status = -1;
			break;
		}
		mhd.MHD_run_from_select(d, &rs, &ws, &es);
		web_give_back_idle(&s.pages, now_seconds());
		if (o->idle > 0 && now_seconds() - s.last_request > o->idle) {
			if (o->idle < 120)
				fprintf(stderr, "cirt: no request for %g seconds; stopping\n",
					o->idle);
			else
				fprintf(stderr, "cirt: no request for %g minutes; stopping\n",
					o->idle / 60);
			break;
		}
	}
	if (stop_signal)
		fprintf(stderr, "cirt: stopping\n");
	mhd.MHD_stop_daemon(d);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	web_release(&s.pages);
	return status;
}
