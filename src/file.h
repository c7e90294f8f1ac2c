/* Reading whole input files safely, and writing output files atomically
 * and privately. */
#ifndef CIRT_FILE_H
#define CIRT_FILE_H

#include <stddef.h>

#include "error.h"

/* Read the regular file at path, of at most max bytes, into a buffer owned
 * by the caller (NUL-terminated, *size without the NUL). Refuses
 * directories, devices and FIFOs without blocking on them. On failure
 * returns NULL with err set to EXIT_IO and a message that does not repeat
 * the path, such as "cannot open: No such file or directory". */
char *file_read(const char *path, size_t max, size_t *size, struct error *err);

/* Write data to path atomically: into an unnamed file in the same folder
 * (a named temporary one where the file system has no O_TMPFILE), flushed
 * to disk, then given its name in one step when path is new, or renamed
 * over path from a temporary name (path.tmp-PID-N; those of processes
 * that no longer run, killed between the two steps, are removed then); on
 * any failure nothing is left behind and path is as it was. The file is
 * always created readable and writable by its owner alone (0600), whatever
 * the umask and whatever the mode of a file it replaces: everything cirt
 * writes is mission data. Returns 0, or -1 with err set (EXIT_IO). */
int file_write_atomic(const char *path, const void *data, size_t size, struct error *err);

/* A file with no name, in memory, holding a copy of data: for a library
 * that reads only from a path, which it can open as /proc/self/fd/N. It
 * disappears with its last descriptor, so nothing is left however the
 * process ends. Returns the descriptor (close-on-exec, owned by the
 * caller), or -1 with err set (EXIT_IO). */
int file_memory_open(const char *name, const void *data, size_t size, struct error *err);

#endif
