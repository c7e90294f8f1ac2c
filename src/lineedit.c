/* Line input through libedit on a terminal, getline otherwise. */
#include "lineedit.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <histedit.h>

#include "term.h"
#include "xmalloc.h"

struct line_reader {
	EditLine *el;
	History *history;
	HistEvent event;
	char *prompt; /* what prompt_text returns */
	int ctrl_c;   /* the last line ended with Ctrl-C on an empty line */
};

static volatile sig_atomic_t interrupted;

/* Ctrl-C: make standard input read as ended, which the session treats as
 * "save and exit". Only async-signal-safe calls here. */
static void
on_interrupt(int sig)
{
	int fd = open("/dev/null", O_RDONLY);

	(void)sig;
	interrupted = 1;
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
}

void
line_reader_catch_interrupt(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

int
line_reader_interrupted(void)
{
	return interrupted;
}

int
line_reader_ctrl_c(const struct line_reader *r)
{
	return r->ctrl_c;
}

static char *
prompt_text(EditLine *el)
{
	static char fallback[] = "> ";
	struct line_reader *r = NULL;

	el_get(el, EL_CLIENTDATA, &r);
	return r && r->prompt ? r->prompt : fallback;
}

/* Ctrl-C while editing: a line with text is cleared, and the prompt
 * stays; on an empty line, the read ends as an interrupt, for the caller
 * to decide (cancel what is asked, or stop when it comes twice). */
static unsigned char
on_ctrl_c(EditLine *el, int ch)
{
	const LineInfo *li = el_line(el);
	struct line_reader *r = NULL;

	(void)ch;
	el_get(el, EL_CLIENTDATA, &r);
	if (li->lastchar > li->buffer) {
		el_cursor(el, (int)(li->lastchar - li->cursor));
		el_deletestr(el, (int)(li->lastchar - li->buffer));
		return CC_REDISPLAY;
	}
	if (r)
		r->ctrl_c = 1;
	return CC_EOF;
}

struct line_reader *
line_reader_new(int interactive)
{
	struct line_reader *r = xcalloc(1, sizeof(*r));

	if (!interactive)
		return r;
	r->el = el_init("cirt", stdin, stdout, stderr);
	r->history = history_init();
	if (r->el == NULL || r->history == NULL) {
		line_reader_free(r);
		return line_reader_new(0);
	}
	history(r->history, &r->event, H_SETSIZE, 200);
	el_set(r->el, EL_CLIENTDATA, r);
	el_set(r->el, EL_PROMPT, prompt_text);
	el_set(r->el, EL_EDITOR, "emacs");
	el_set(r->el, EL_HIST, history, r->history);
	el_set(r->el, EL_SIGNAL, 1);
	/* while a line is edited, Ctrl-C is a key, not a signal */
	el_set(r->el, EL_SETTY, "-d", "-isig", NULL);
	/* the wide call keeps these strings as they are; the narrow one
	 * copies them and never frees the copies */
	el_wset(r->el, EL_ADDFN, L"cirt-ctrl-c", L"clear the line, or interrupt", on_ctrl_c);
	el_set(r->el, EL_BIND, "^C", "cirt-ctrl-c", NULL);
	return r;
}

void
line_reader_free(struct line_reader *r)
{
	if (r == NULL)
		return;
	if (r->el)
		el_end(r->el);
	if (r->history)
		history_end(r->history);
	free(r->prompt);
	free(r);
}

static char *
strip_line_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

char *
line_reader_get(struct line_reader *r, const char *prompt)
{
	if (interrupted)
		return NULL;
	if (r->el) {
		int count = 0;
		const char *line;
		char *out;

		free(r->prompt);
		r->prompt = xstrdup(prompt);
		r->ctrl_c = 0;
		line = el_gets(r->el, &count);
		if (r->ctrl_c) {
			fputc('\n', stdout);
			return NULL;
		}
		if (line == NULL || count <= 0 || interrupted)
			return NULL;
		out = strip_line_end(line, (size_t)count);
		if (*out)
			history(r->history, &r->event, H_ENTER, out);
		return out;
	} else {
		char *buf = NULL;
		size_t size = 0;
		ssize_t n;
		char *out;

		fputs(prompt, stdout);
		fflush(stdout);
		errno = 0;
		n = getline(&buf, &size, stdin);
		if (n < 0 || interrupted) {
			free(buf);
			fputc('\n', stdout);
			return NULL;
		}
		out = strip_line_end(buf, (size_t)n);
		free(buf);
		term_print_safe(stdout, out); /* what was typed may hold escapes */
		fputc('\n', stdout);
		return out;
	}
}
