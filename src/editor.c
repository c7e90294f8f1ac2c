/* Running the user's editor on a private temporary file. */
#include "editor.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "exitcode.h"
#include "file.h"
#include "xmalloc.h"

/* The file being edited and the editor's process, for on_signal. */
static char pending[4096];
static volatile pid_t editor_pid;

/* Hung up or terminated while the editor runs: end the editor too (it
 * would write the file again), remove the file, then die of the signal
 * as if nothing had caught it. Only async-signal-safe calls here. */
static void
on_signal(int sig)
{
	if (editor_pid > 0)
		kill(editor_pid, sig);
	if (pending[0])
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

const char *
editor_command(void)
{
	static const char *const names[] = {"EDITOR", "VISUAL"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = getenv(names[i]);

		if (v && v[strspn(v, " \t")])
			return v;
	}
	return NULL;
}

/* Write the n bytes of data to fd; 0, or -1 with errno set. */
static int
write_all(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, data, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Whether command is plain words (a program and its options), which the
 * shell can replace itself with: the editor is then cirt's own child, and
 * ended with it. */
static int
plain_words(const char *command)
{
	return strpbrk(command, ";&|<>()$`\\\"'*?[]#~=%{}!\n\t") == NULL;
}

/* Run command on path, the terminal given to it; the status waitpid
 * gives, or -1 with err set. */
static int
run_editor(const char *command, const char *path, struct error *err)
{
	struct sigaction ignore;
	struct sigaction cleanup;
	struct sigaction old_int;
	struct sigaction old_quit;
	struct sigaction old_term;
	struct sigaction old_hup;
	struct termios tty;
	int have_tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &tty) == 0;
	char *script = xasprintf("%s%s \"$@\"", plain_words(command) ? "exec " : "", command);
	int status = -1;
	pid_t pid;

	fflush(NULL);
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	memset(&cleanup, 0, sizeof(cleanup));
	cleanup.sa_handler = on_signal;
	sigemptyset(&cleanup.sa_mask);
	snprintf(pending, sizeof(pending), "%s", strlen(path) < sizeof(pending) ? path : "");
	sigaction(SIGTERM, &cleanup, &old_term);
	sigaction(SIGHUP, &cleanup, &old_hup);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, command, path, (char *)NULL);
		_exit(127);
	}
	editor_pid = pid;
	if (pid < 0) {
		error_set(err, EXIT_IO, "cannot start the editor '%s': %s", command,
			  strerror(errno));
	} else {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				error_set(err, EXIT_IO, "cannot wait for the editor '%s': %s",
					  command, strerror(errno));
				status = -1;
				break;
			}
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	pending[0] = '\0';
	editor_pid = 0;
	/* an editor that died in raw mode leaves the terminal as it was */
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &tty);
	free(script);
	return status;
}

int
editor_edit(const char *command, const char *text, size_t max, char **out, size_t *size,
	    struct error *err)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;
	int status;
	int result = -1;

	*out = NULL;
	*size = 0;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/cirt-finding-XXXXXX.txt", dir);
	fd = mkstemps(path, 4);
	if (fd < 0) {
		error_set(err, EXIT_IO, "cannot make a temporary file in '%s': %s", dir,
			  strerror(errno));
		free(path);
		return -1;
	}
	if (fchmod(fd, 0600) < 0 || write_all(fd, text, strlen(text)) < 0) {
		error_set(err, EXIT_IO, "cannot write the temporary file '%s': %s", path,
			  strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) < 0) {
		error_set(err, EXIT_IO, "cannot write the temporary file '%s': %s", path,
			  strerror(errno));
		goto out;
	}
	status = run_editor(command, path, err);
	if (status == -1)
		goto out;
	if (WIFSIGNALED(status)) {
		error_set(err, EXIT_DATA, "the editor '%s' was killed by signal %d", command,
			  WTERMSIG(status));
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		error_set(err, EXIT_DATA, "the editor '%s' failed (exit status %d)", command,
			  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		goto out;
	}
	*out = file_read(path, max, size, err);
	if (*out == NULL) {
		char reason[sizeof(err->message)];

		snprintf(reason, sizeof(reason), "%s", err->message);
		error_set(err, EXIT_IO, "cannot read what the editor saved in '%s': %s", path,
			  reason);
		goto out;
	}
	result = 0;
out:
	unlink(path);
	free(path);
	return result;
}
