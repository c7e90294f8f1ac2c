/* What the bundle and database fuzz targets share: merging what they
 * read into a fresh database, as 'cirt merge' does, with the example
 * questionnaire (run from the repository's root). */
#ifndef CIRT_FUZZ_MERGE_TARGET_H
#define CIRT_FUZZ_MERGE_TARGET_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exchange.h"
#include "questionnaire.h"
#include "store.h"
#include "xmalloc.h"

static struct questionnaire *
fuzz_questionnaire(void)
{
	static struct questionnaire *q;

	if (q == NULL) {
		struct diag d = DIAG_INIT;
		int io = 0;

		q = questionnaire_load("questionnaires/example.xml", &d, &io);
		diag_release(&d);
		if (q == NULL)
			abort(); /* the harness runs from the repository's root */
	}
	return q;
}

/* Remove path and what SQLite keeps beside it. */
static void
fuzz_remove_database(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);

		unlink(p);
		free(p);
	}
}

/* Merge b into a fresh database twice (the second adds nothing), then
 * verify what was written; the database is gone afterwards. */
static void
fuzz_merge(const struct bundle *b)
{
	char dir[] = "/tmp/cirt-fuzz-XXXXXX";
	char *path;
	struct store *s;
	struct error err = {0};
	struct merge_result r;

	if (mkdtemp(dir) == NULL)
		return;
	path = xasprintf("%s/merge.db", dir);
	s = store_open(path, STORE_CREATE, &err);
	if (s) {
		for (int i = 0; i < 2; i++)
			if (exchange_merge(s, fuzz_questionnaire(), b, 1, "fuzz", "Fuzz", NULL,
					   NULL, &r, &err) < 0)
				break;
		{
			struct assessment *list = NULL;
			size_t n = 0;

			if (store_assessment_list(s, &list, &n, &err) == 0)
				for (size_t i = 0; i < n; i++) {
					char problem[512];

					/* what a merge wrote must verify */
					if (store_verify(s, &list[i], problem, sizeof(problem),
							 NULL, NULL, &err) == 1)
						abort();
				}
			assessment_list_release(list, n);
		}
		store_close(s);
	}
	fuzz_remove_database(path);
	rmdir(dir);
	free(path);
}

#endif
