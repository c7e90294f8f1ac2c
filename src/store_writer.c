/* The one-writer rule and the database's settings.
 *
 * A command that changes an assessment first claims it in the writer
 * table, naming who, which command, the host, the process and when the
 * process started. A claim whose process is gone (killed, or the machine
 * restarted) is taken over; one held by a live process is refused, so two
 * sessions never overwrite each other. Reading commands never claim. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "exitcode.h"
#include "store_internal.h"
#include "xmalloc.h"

void
store_writer_release(struct store_writer *w)
{
	free(w->holder);
	free(w->command);
	free(w->host);
	free(w->since);
	memset(w, 0, sizeof(*w));
}

static void
host_name(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0)
		snprintf(buf, size, "unknown");
	buf[size - 1] = '\0';
}

/* When process pid started, in clock ticks since boot (field 22 of
 * /proc/PID/stat), as text; "" when it cannot be read. Together with the
 * pid it names one process, even after the pid is reused. */
static void
process_start(long long pid, char *buf, size_t size)
{
	char path[64];
	char line[1024];
	FILE *f;
	size_t n;
	const char *p;

	snprintf(buf, size, "%s", "");
	snprintf(path, sizeof(path), "/proc/%lld/stat", pid);
	f = fopen(path, "re");
	if (f == NULL)
		return;
	n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	line[n] = '\0';
	/* the command name is in parentheses and may hold anything */
	p = strrchr(line, ')');
	if (p == NULL)
		return;
	/* p is at the space before field 3 (the state); field 22 is the
	 * start time, in clock ticks since boot */
	p++;
	for (int field = 3; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return;
	snprintf(buf, size, "%.*s", (int)strcspn(p + 1, " "), p + 1);
}

/* Whether the process that made a claim still runs. A claim from another
 * host cannot be checked and counts as live. */
static int
claim_alive(const char *host, long long pid, const char *started)
{
	char here[256];
	char now[32];

	host_name(here, sizeof(here));
	if (strcmp(host, here) != 0)
		return 1;
	if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
		return 0;
	process_start(pid, now, sizeof(now));
	return *now == '\0' || strcmp(now, started) == 0;
}

static int
claimed_here(const struct store *s, const char *country, int cycle)
{
	for (size_t i = 0; i < s->claim_count; i++)
		if (strcmp(s->claims[i].country, country) == 0 && s->claims[i].cycle == cycle)
			return 1;
	return 0;
}

/* Every commit synced again, as store_open set it. */
static void
durable(struct store *s)
{
	(void)sq_exec(s, "PRAGMA synchronous = FULL", NULL, "set up the database");
}

int
store_writer_take(struct store *s, const char *country, int cycle, const char *holder,
		  const char *command, struct store_writer *held, struct error *err)
{
	char host[256];
	char started[32];
	char now[32];
	sqlite3_stmt *st;
	int rc;

	memset(held, 0, sizeof(*held));
	if (claimed_here(s, country, cycle))
		return 0;
	host_name(host, sizeof(host));
	process_start((long long)getpid(), started, sizeof(started));
	store_now(now, sizeof(now));
	/* A claim lives no longer than its process, so it need not outlive a
	 * power cut either: it is committed without waiting for the disk
	 * (which, for the first write into a new journal, costs more than the
	 * rest of a session's start). Answers are still synced one by one. */
	if (sq_exec(s, "PRAGMA synchronous = OFF", err, "set up the database") < 0)
		return -1;
	if (sq_exec(s, "BEGIN IMMEDIATE", err, "start a transaction") < 0)
		goto fail;
	st = sq_prepare(s,
			"SELECT holder, command, host, pid, started, since FROM writer"
			" WHERE country = ?1 AND cycle = ?2",
			err);
	if (st == NULL)
		goto fail;
	sq_bind_text(st, 1, country);
	sqlite3_bind_int(st, 2, cycle);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char *other_started = sq_column_dup(st, 4, 0);

		held->holder = sq_column_dup(st, 0, 0);
		held->command = sq_column_dup(st, 1, 0);
		held->host = sq_column_dup(st, 2, 0);
		held->pid = sqlite3_column_int64(st, 3);
		held->since = sq_column_dup(st, 5, 0);
		if (!claim_alive(held->host, held->pid, other_started))
			store_writer_release(held);
		free(other_started);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sq_error(s, err, "read who is writing");
		goto fail;
	}
	if (held->holder) {
		sq_rollback(s);
		durable(s);
		return 1;
	}
	st = sq_prepare(s,
			"INSERT OR REPLACE INTO writer (country, cycle, holder, command, host, pid,"
			" started, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			err);
	if (st == NULL)
		goto fail;
	sq_bind_text(st, 1, country);
	sqlite3_bind_int(st, 2, cycle);
	sq_bind_text(st, 3, holder);
	sq_bind_text(st, 4, command);
	sq_bind_text(st, 5, host);
	sqlite3_bind_int64(st, 6, (long long)getpid());
	sq_bind_text(st, 7, started);
	sq_bind_text(st, 8, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sq_error(s, err, "claim the assessment");
		goto fail;
	}
	if (sq_exec(s, "COMMIT", err, "claim the assessment") < 0)
		goto fail;
	durable(s);
	xgrow((void **)&s->claims, &s->claim_alloc, s->claim_count + 1, sizeof(*s->claims));
	snprintf(s->claims[s->claim_count].country, sizeof(s->claims[0].country), "%s", country);
	s->claims[s->claim_count++].cycle = cycle;
	return 0;
fail:
	sq_rollback(s);
	durable(s);
	return -1;
}

void
store_writer_give(struct store *s, const char *country, int cycle)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < s->claim_count; i++) {
		if (strcmp(s->claims[i].country, country) != 0 || s->claims[i].cycle != cycle)
			continue;
		s->claims[i] = s->claims[--s->claim_count];
		st = sq_prepare(s,
				"DELETE FROM writer WHERE country = ?1 AND cycle = ?2 AND pid = ?3",
				NULL);
		if (st == NULL)
			return;
		sq_bind_text(st, 1, country);
		sqlite3_bind_int(st, 2, cycle);
		sqlite3_bind_int64(st, 3, (long long)getpid());
		/* a claim left behind is taken over once this process is gone */
		(void)sq_exec(s, "PRAGMA synchronous = OFF", NULL, "set up the database");
		sqlite3_step(st);
		sqlite3_finalize(st);
		durable(s);
		return;
	}
}

int
store_setting_get(struct store *s, const char *key, char **value, struct error *err)
{
	sqlite3_stmt *st = sq_prepare(s, "SELECT value FROM setting WHERE key = ?1", err);
	int rc;

	*value = NULL;
	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = sq_column_dup(st, 0, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(s, err, "read the settings");
	return rc == SQLITE_ROW ? 0 : 1;
}

int
store_setting_set(struct store *s, const char *key, const char *value, struct error *err)
{
	sqlite3_stmt *st =
		sq_prepare(s, "INSERT OR REPLACE INTO setting (key, value) VALUES (?1, ?2)", err);
	int rc;

	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, key);
	sq_bind_text(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_error(s, err, "save the settings");
	return 0;
}
