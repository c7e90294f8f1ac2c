/* Opening the Word renderer's libraries at run time (docx_libs.h). */
#define DOCX_LIBS_OWN
#include "docx_libs.h"

#include <dlfcn.h>
#include <string.h>

#include "exitcode.h"

struct docx_libs docx_libs;

static const struct {
	const char *soname;
	const char *package;
} libraries[] = {
	{"libcairo.so.2", "libcairo2"},
	{"libfreetype.so.6", "libfreetype6"},
	{"libzip.so.4", "libzip4"},
};

#define LIBRARY_COUNT (sizeof(libraries) / sizeof(libraries[0]))

int
docx_libs_open(struct error *err)
{
	static int opened;
	void *handles[LIBRARY_COUNT];

	if (opened)
		return 0;
	for (size_t i = 0; i < LIBRARY_COUNT; i++) {
		handles[i] = dlopen(libraries[i].soname, RTLD_NOW | RTLD_LOCAL);
		if (handles[i] == NULL) {
			error_set(err, EXIT_IO,
				  "the Word format needs %s (Debian package %s), which cannot be "
				  "loaded: %s",
				  libraries[i].soname, libraries[i].package, dlerror());
			return -1;
		}
	}
#define DOCX_FIND(f)                                                                               \
	{                                                                                          \
		void *p = NULL;                                                                    \
                                                                                                   \
		for (size_t i = 0; i < LIBRARY_COUNT && p == NULL; i++)                            \
			p = dlsym(handles[i], #f);                                                 \
		if (p == NULL) {                                                                   \
			error_set(err, EXIT_IO,                                                    \
				  "the Word format needs the function %s, which "                  \
				  "no library here has",                                           \
				  #f);                                                             \
			return -1;                                                                 \
		}                                                                                  \
		memcpy(&docx_libs.f, &p, sizeof(p));                                               \
	}
	DOCX_FUNCTIONS(DOCX_FIND)
#undef DOCX_FIND
	opened = 1;
	return 0;
}
