/* The built-in stylesheet and script (web_assets.h). */
#include "web_assets.h"

#include <string.h>

#include "xmalloc.h"

extern const unsigned char web_app_css[];
extern const size_t web_app_css_len;
extern const unsigned char web_app_js[];
extern const size_t web_app_js_len;

int
web_asset(const char *name, char **body, size_t *len, const char **type)
{
	const unsigned char *data;
	size_t size;

	if (strcmp(name, "app.css") == 0) {
		data = web_app_css;
		size = web_app_css_len;
		*type = "text/css; charset=utf-8";
	} else if (strcmp(name, "app.js") == 0) {
		data = web_app_js;
		size = web_app_js_len;
		*type = "text/javascript; charset=utf-8";
	} else {
		return -1;
	}
	*body = xmalloc(size + 1);
	memcpy(*body, data, size);
	(*body)[size] = '\0';
	*len = size;
	return 0;
}

int
web_type_allowed(const char *type)
{
	static const char *const allowed[] = {
		"application/pdf",
		"image/png",
		"image/jpeg",
		"text/plain",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.oasis.opendocument.text",
	};

	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(type, allowed[i]) == 0)
			return 1;
	return 0;
}
