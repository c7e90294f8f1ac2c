/* Libraries opened when first needed (dynlib.h). */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdlib.h>

#include "exitcode.h"
#include "xmalloc.h"

int
dynlib_open(const struct dynlib *libs, size_t nlibs, const char *const *names, void **symbols,
	    size_t n, const char *what, struct error *err)
{
	void **handles = xcalloc(nlibs + 1, sizeof(*handles));
	int status = 0;

	for (size_t i = 0; i < nlibs && status == 0; i++) {
		handles[i] = dlopen(libs[i].soname, RTLD_NOW | RTLD_LOCAL);
		if (handles[i] == NULL)
			status = error_set(err, EXIT_IO,
					   "%s needs %s (Debian package %s), which cannot be "
					   "loaded: %s",
					   what, libs[i].soname, libs[i].package, dlerror());
	}
	for (size_t k = 0; k < n && status == 0; k++) {
		symbols[k] = NULL;
		for (size_t i = 0; i < nlibs && symbols[k] == NULL; i++)
			symbols[k] = dlsym(handles[i], names[k]);
		if (symbols[k] == NULL)
			status = error_set(err, EXIT_IO,
					   "%s needs the function %s, which no library here has",
					   what, names[k]);
	}
	/* the handles stay open for the life of the process */
	free(handles);
	return status;
}
