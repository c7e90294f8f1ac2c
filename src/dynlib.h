/* Libraries opened when first needed rather than linked: a command that
 * never needs them does not pay, at each start, for loading them and the
 * libraries they bring. Each user keeps its functions in a struct of
 * pointers filled from the symbols dynlib_open finds (docx_libs.h for the
 * Word renderer, subset.c for HarfBuzz). */
#ifndef CIRT_DYNLIB_H
#define CIRT_DYNLIB_H

#include <stddef.h>

#include "error.h"

struct dynlib {
	const char *soname;
	const char *package; /* the Debian package that has it */
};

/* Open the nlibs libraries and find each of the n names in them, into
 * symbols[i]; 0, or -1 with err (EXIT_IO) naming what `what` needs (e.g.
 * "the Word format") and cannot find, with its Debian package. */
int dynlib_open(const struct dynlib *libs, size_t nlibs, const char *const *names, void **symbols,
		size_t n, const char *what, struct error *err);

#endif
