/* Opening the Word renderer's libraries at run time (docx_libs.h). */
#define DOCX_LIBS_OWN
#include "docx_libs.h"

#include <string.h>

#include "dynlib.h"

struct docx_libs docx_libs;

static const struct dynlib libraries[] = {
	{"libcairo.so.2", "libcairo2"},
	{"libfreetype.so.6", "libfreetype6"},
	{"libzip.so.4", "libzip4"},
};

#define LIBRARY_COUNT (sizeof(libraries) / sizeof(libraries[0]))

int
docx_libs_open(struct error *err)
{
#define DOCX_NAME(f) #f,
	static const char *const names[] = {DOCX_FUNCTIONS(DOCX_NAME)};
#undef DOCX_NAME
	static int opened;
	void *symbols[sizeof(names) / sizeof(names[0])];
	size_t k = 0;

	if (opened)
		return 0;
	if (dynlib_open(libraries, LIBRARY_COUNT, names, symbols, sizeof(names) / sizeof(names[0]),
			"the Word format", err) < 0)
		return -1;
#define DOCX_SET(f) memcpy(&docx_libs.f, &symbols[k++], sizeof(void *));
	DOCX_FUNCTIONS(DOCX_SET)
#undef DOCX_SET
	opened = 1;
	return 0;
}
