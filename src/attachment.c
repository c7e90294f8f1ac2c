/* Attachments: limits, types, names, and reading one from disk. */
#include "attachment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitcode.h"
#include "file.h"
#include "term.h"
#include "utf8.h"
#include "xmalloc.h"

void
attachment_release(struct attachment *at)
{
	free(at->id);
	free(at->question_id);
	free(at->name);
	free(at->type);
	free(at->sha256);
	free(at->added_by);
	free(at->added_at);
	free(at->source);
	free(at->data);
	memset(at, 0, sizeof(*at));
}

void
attachments_release(struct attachment *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		attachment_release(&list[i]);
	free(list);
}

/* Whether data holds needle anywhere. */
static int
holds(const unsigned char *data, size_t size, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= size; i++)
		if (data[i] == (unsigned char)needle[0] && memcmp(data + i, needle, n) == 0)
			return 1;
	return 0;
}

/* Whether the first bytes of data read as UTF-8 text: no NUL, no control
 * character but tab, line feed, form feed and carriage return, and only
 * well-formed sequences (one cut short at the end of what is looked at
 * is let go). */
static int
looks_like_text(const unsigned char *data, size_t size)
{
	size_t window = size > 4096 ? 4096 : size;
	char *copy = xstrndup((const char *)data, window);
	size_t n = strlen(copy); /* up to a NUL, which text has none of */
	int text = n == window;

	for (size_t i = 0; text && i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(copy + i, &cp);

		if (len == 0) {
			text = window < size && n - i < 4; /* cut short by the window */
			break;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' && cp != '\r') ||
		    cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			text = 0;
		i += len;
	}
	free(copy);
	return text;
}

const char *
attachment_type_guess(const void *data, size_t size)
{
	static const char odt[] = "application/vnd.oasis.opendocument.text";
	const unsigned char *d = data;

	if (size >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (size >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (size >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (size >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
		/* an OpenDocument file starts with its type, stored as the
		 * first member "mimetype"; a DOCX names word/document.xml */
		if (size > 38 + sizeof(odt) - 1 && memcmp(d + 30, "mimetype", 8) == 0 &&
		    memcmp(d + 38, odt, sizeof(odt) - 1) == 0 && d[38 + sizeof(odt) - 1] != '-')
			return odt;
		if (holds(d, size, "word/document.xml"))
			return "application/"
			       "vnd.openxmlformats-officedocument.wordprocessingml.document";
		return "application/octet-stream";
	}
	if (size > 0 && looks_like_text(d, size))
		return "text/plain";
	return "application/octet-stream";
}

int
attachment_type_valid(const char *s)
{
	const char *slash = s ? strchr(s, '/') : NULL;

	if (slash == NULL || slash == s || slash[1] == '\0' || strlen(s) > 127)
		return 0;
	for (const char *p = s; *p; p++)
		if (p != slash &&
		    !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '+' || *p == '-'))
			return 0;
	return 1;
}

int
attachment_name_check(const char *name, char *message, size_t size)
{
	size_t n = strlen(name);

	if (n == 0) {
		snprintf(message, size, "the name is empty");
		return -1;
	}
	if (n > ATTACHMENT_NAME_MAX) {
		snprintf(message, size, "the name is longer than %d bytes", ATTACHMENT_NAME_MAX);
		return -1;
	}
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		snprintf(message, size, "'%s' is not a file's name", name);
		return -1;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(name + i, &cp);

		if (len == 0) {
			snprintf(message, size, "the name is not valid UTF-8");
			return -1;
		}
		if (cp == '/' || term_is_unsafe(cp)) {
			snprintf(message, size,
				 "the name holds a '/', a control character or a bidirectional "
				 "control");
			return -1;
		}
		i += len;
	}
	return 0;
}

char *
attachment_file_name(const struct attachment *at)
{
	const char *name = at->name ? at->name : "";
	size_t n = strlen(name);
	char *out = xmalloc(n + 1);
	size_t k = 0;
	size_t start;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(name + i, &cp);

		if (len == 0 || cp == '/' || cp == '\\' || term_is_unsafe(cp)) {
			out[k++] = '_';
			i += len ? len : 1;
			continue;
		}
		memcpy(out + k, name + i, len);
		k += len;
		i += len;
	}
	out[k] = '\0';
	for (start = 0; out[start] == '.' || out[start] == ' '; start++)
		;
	memmove(out, out + start, k - start + 1);
	if (*out == '\0') {
		free(out);
		return xstrdup(at->id ? at->id : "attachment");
	}
	return out;
}

void
attachment_size_text(long long size, char *buf, size_t buflen)
{
	if (size < 1024)
		snprintf(buf, buflen, "%lld byte%s", size, size == 1 ? "" : "s");
	else if (size < 1024LL * 1024)
		snprintf(buf, buflen, "%.1f KB", (double)size / 1024);
	else
		snprintf(buf, buflen, "%.1f MB", (double)size / (1024.0 * 1024));
}

int
attachment_read(const char *path, unsigned char **data, size_t *size, char **name,
		struct error *err)
{
	const char *base = strrchr(path, '/');
	char message[160];
	struct stat st;
	char *buf;

	*data = NULL;
	*name = NULL;
	base = base ? base + 1 : path;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > ATTACHMENT_MAX_BYTES) {
		char have[32];
		char limit[32];

		attachment_size_text((long long)st.st_size, have, sizeof(have));
		attachment_size_text(ATTACHMENT_MAX_BYTES, limit, sizeof(limit));
		return error_set(err, EXIT_DATA,
				 "the file takes %s, more than the %s an attachment may take", have,
				 limit);
	}
	buf = file_read(path, (size_t)ATTACHMENT_MAX_BYTES, size, err);
	if (buf == NULL)
		return -1;
	if (*size == 0) {
		free(buf);
		return error_set(err, EXIT_DATA, "the file is empty");
	}
	if (attachment_name_check(base, message, sizeof(message)) < 0) {
		free(buf);
		return error_set(err, EXIT_DATA, "%s", message);
	}
	*data = (unsigned char *)buf;
	*name = xstrdup(base);
	return 0;
}
