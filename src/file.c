/* Whole-file reads with a size limit. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "xmalloc.h"

char *
file_read(const char *path, size_t max, size_t *size, struct error *err)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t len = 0;

	if (fd < 0) {
		error_set(err, EXIT_IO, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		error_set(err, EXIT_IO, "cannot read: %s", strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		error_set(err, EXIT_IO, "is a directory, not a file");
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, EXIT_IO, "is not a regular file");
		goto fail;
	}
	if ((unsigned long long)st.st_size > max) {
		error_set(err, EXIT_IO, "file is too large (%lld bytes; the limit is %zu MiB)",
			  (long long)st.st_size, max >> 20);
		goto fail;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t n;

		if (len == (size_t)st.st_size + 1) {
			error_set(err, EXIT_IO, "file changed while it was read");
			goto fail;
		}
		n = read(fd, buf + len, (size_t)st.st_size + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, EXIT_IO, "cannot read: %s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*size = len;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

int
file_write_atomic(const char *path, const void *data, size_t size, unsigned mode, struct error *err)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	const char *p = data;
	size_t left = size;
	int fd = mkstemp(tmp);

	if (fd < 0) {
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	while (left > 0) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_set(err, EXIT_IO, "cannot write '%s': %s", path,
				  n < 0 ? strerror(errno) : "short write");
			goto fail;
		}
		p += n;
		left -= (size_t)n;
	}
	if (fchmod(fd, (mode_t)mode) < 0 || fsync(fd) < 0) {
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}
