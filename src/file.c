/* Whole-file reads with a size limit, atomic private writes, and files
 * that live in memory. */
/* O_TMPFILE and memfd_create are GNU extensions */
#define _GNU_SOURCE

#include "file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* Open an unnamed file in the folder of path (nothing is left if the
 * process dies); -1 where the file system cannot. */
static int
open_unnamed(const char *path)
{
#ifdef O_TMPFILE
	const char *slash = strrchr(path, '/');
	char *dir =
		slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);

	free(dir);
	return fd;
#else
	(void)path;
	return -1;
#endif
}

static int
write_all(int fd, const void *data, size_t size)
{
	const char *p = data;

	while (size > 0) {
		ssize_t n = write(fd, p, size);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		size -= (size_t)n;
	}
	return 0;
}

/* Whether process pid has ended: gone, or a zombie nobody has reaped yet
 * (in a container whose first process reaps no orphans, a killed worker
 * of report --all stays one). */
static int
process_ended(long pid)
{
	char stat[64];
	char buf[512];
	const char *close_paren;
	FILE *f;
	size_t n;

	if (kill((pid_t)pid, 0) < 0)
		return errno == ESRCH;
	snprintf(stat, sizeof(stat), "/proc/%ld/stat", pid);
	f = fopen(stat, "r");
	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "PID (COMMAND) STATE ...": the command may hold parentheses */
	close_paren = strrchr(buf, ')');
	return close_paren && close_paren[1] == ' ' && close_paren[2] == 'Z';
}

/* A process killed between naming a replacement and renaming it leaves
 * path.tmp-PID-N behind: remove those of processes that no longer run. */
static void
remove_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir =
		slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char *prefix = xasprintf("%s.tmp-", base);
	size_t len = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		long pid;
		unsigned n;
		char end;

		if (strncmp(e->d_name, prefix, len) != 0 ||
		    sscanf(e->d_name + len, "%ld-%u%c", &pid, &n, &end) != 2 || pid <= 0 ||
		    pid == (long)getpid())
			continue;
		if (process_ended(pid))
			unlinkat(dirfd(d), e->d_name, 0);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

/* Give the unnamed file open as fd the name path: in one step when path
 * is new, so that no moment leaves another name behind; to replace a file,
 * under a free temporary name (*tmp, owned by the caller) that the caller
 * then renames over it. Returns 1 when the file already has its name, 0
 * when *tmp holds it, -1 with errno set. */
static int
link_unnamed(int fd, const char *path, char **tmp)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
		return 1;
	if (errno != EEXIST)
		return -1;
	remove_stale(path);
	for (unsigned n = 0; n < 100; n++) {
		free(*tmp);
		*tmp = xasprintf("%s.tmp-%ld-%u", path, (long)getpid(), n);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, *tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	free(*tmp);
	*tmp = NULL;
	return -1;
}

int
file_write_atomic(const char *path, const void *data, size_t size, struct error *err)
{
	char *tmp = NULL; /* the temporary name the file has, if any */
	struct stat st;
	int fd;
	int named = 0;

	/* a device, a FIFO or a folder is never replaced by a file (as root,
	 * renaming over /dev/null would break the whole machine) */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return error_set(err, EXIT_IO,
				 "cannot write '%s': it is not a regular file, and cirt writes "
				 "files whole (name a file)",
				 path);
	fd = open_unnamed(path);
	if (fd < 0) {
		/* a named temporary file, for file systems without O_TMPFILE */
		tmp = xasprintf("%s.tmp-XXXXXX", path);
		fd = mkstemp(tmp);
		if (fd < 0) {
			error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
			free(tmp);
			return -1;
		}
	}
	if (write_all(fd, data, size) < 0 || fchmod(fd, 0600) < 0 || fsync(fd) < 0) {
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (tmp == NULL) {
		named = link_unnamed(fd, path, &tmp);
		if (named < 0) {
			error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
			goto fail;
		}
	}
	if (close(fd) < 0) {
		fd = -1;
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (!named && rename(tmp, path) < 0) {
		error_set(err, EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	free(tmp);
	return -1;
}

int
file_memory_open(const char *name, const void *data, size_t size, struct error *err)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0) {
		error_set(err, EXIT_IO, "cannot create a file in memory: %s", strerror(errno));
		return -1;
	}
	if (write_all(fd, data, size) < 0) {
		error_set(err, EXIT_IO, "cannot write a file in memory: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}
