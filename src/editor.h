/* Editing a text in the user's own editor ($EDITOR, else $VISUAL), as
 * git and crontab do: the text goes to a private temporary file, the
 * editor runs on it with the terminal, and what it saved is read back. */
#ifndef CIRT_EDITOR_H
#define CIRT_EDITOR_H

#include <stddef.h>

#include "error.h"

/* The editor's command: $EDITOR, else $VISUAL, when set to more than
 * white space; else NULL. Borrowed from the environment. */
const char *editor_command(void);

/* Let the user edit text with command: write text to a new file that only
 * the user can read (mode 0600, named cirt-finding-XXXXXX.txt, in $TMPDIR
 * or /tmp), run command on it through /bin/sh as `command "$FILE"` (so
 * that "code --wait" works; the shell replaces itself with the editor
 * when command is plain words), and read back what was saved, at most max
 * bytes. While the editor runs, Ctrl-C and Ctrl-\ go to it alone, and the
 * terminal's settings are put back as they were when it ends. The file is
 * removed in every case, also when cirt is hung up or terminated while
 * the editor runs (not when it is killed with SIGKILL). Returns 0 with *out (NUL-terminated, owned by
 * the caller) and *size, or -1 with err set: EXIT_DATA when the editor
 * failed or was killed, EXIT_IO when a file could not be written or
 * read. */
int editor_edit(const char *command, const char *text, size_t max, char **out, size_t *size,
		struct error *err);

#endif
