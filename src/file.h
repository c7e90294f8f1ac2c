/* Reading whole input files safely. */
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

#endif
