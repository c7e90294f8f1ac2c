/* The local web front end: `cirt serve` (cmd_serve.c) serves the same
 * sessions as `cirt run` to a browser on the assessor's own machine. The
 * server (web.c) owns HTTP and its defences; the pages (web_pages.c) are
 * a second front end over the session engine (engine.h). */
#ifndef CIRT_WEB_H
#define CIRT_WEB_H

#include "cmd.h"
#include "error.h"

struct web_options {
	int port;	/* 0: any free port */
	int port_given; /* else the default and the next few are tried */
	double idle;	/* seconds without a request before stopping; 0: never */
	const char *lang;
	/* where the start-up line goes (the URL with its token) */
	int (*announce)(const char *url, void *arg);
	void *announce_arg;
};

/* Serve ctx's database on the loopback address until Ctrl-C, SIGTERM or
 * the idle timeout. Returns 0, or -1 with err set. */
int web_serve(struct cmd_context *ctx, const struct web_options *o, struct error *err);

#endif
