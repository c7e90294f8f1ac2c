/* Questionnaires loaded once (qcache.h). */
#include "qcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"
#include "file.h"
#include "hash.h"
#include "xmalloc.h"

/* Bump when the loader builds a different model from the same XML, or
 * the encoding below changes. */
#define QCACHE_FORMAT 2
#define QCACHE_MAGIC "CIRTQC\r\n"
#define NO_STRING UINT32_MAX
#define MAX_NESTING 128

/* ---- writing ----------------------------------------------------------- */

static void
put_string(struct bytes_out *o, const char *s)
{
	if (s == NULL) {
		bytes_put_u32(o, NO_STRING);
		return;
	}
	bytes_put_u32(o, strlen(s));
	bytes_put(o, s, strlen(s));
}

static void
put_text(struct bytes_out *o, const struct text *t)
{
	bytes_put_u32(o, t->count);
	for (size_t i = 0; i < t->count; i++) {
		put_string(o, t->variants[i].lang);
		put_string(o, t->variants[i].value);
	}
}

static void
put_recommendation(struct bytes_out *o, const struct recommendation *r)
{
	put_text(o, &r->text);
	bytes_put_u32(o, (size_t)r->horizon);
	bytes_put_u32(o, (size_t)r->effort);
	bytes_put_u32(o, r->body_count);
	for (size_t i = 0; i < r->body_count; i++) {
		size_t k = 0;

		while (recommendation_bodies[k] &&
		       strcmp(recommendation_bodies[k], r->bodies[i]) != 0)
			k++;
		bytes_put_u32(o, k);
	}
	bytes_put_u64(o, (uint64_t)r->line);
}

static void
put_cond(struct bytes_out *o, const struct cond *c)
{
	bytes_put_u32(o, (size_t)c->kind);
	if (c->kind == COND_TEST) {
		put_string(o, c->question_id);
		bytes_put_u64(o, c->question);
		bytes_put_u32(o, (size_t)c->op);
		put_string(o, c->value);
		bytes_put_u32(o, (size_t)c->value_is_number);
		bytes_put_double(o, c->number);
		bytes_put_u64(o, c->column);
		return;
	}
	put_cond(o, c->left);
	if (c->kind != COND_NOT)
		put_cond(o, c->right);
}

static void
put_question(struct bytes_out *o, const struct question *qu)
{
	put_string(o, qu->id);
	bytes_put_u32(o, (size_t)qu->type);
	bytes_put_u64(o, qu->indicator);
	bytes_put_u64(o, qu->pillar);
	bytes_put_double(o, qu->weight);
	bytes_put_u32(o, (size_t)qu->required);
	bytes_put_u32(o, (size_t)qu->evidence);
	put_text(o, &qu->text);
	put_text(o, &qu->help);
	put_recommendation(o, &qu->recommendation);
	bytes_put_u32(o, qu->choice_count);
	for (size_t i = 0; i < qu->choice_count; i++) {
		const struct choice *c = &qu->choices[i];

		put_string(o, c->value);
		bytes_put_double(o, c->score);
		put_text(o, &c->label);
		put_recommendation(o, &c->recommendation);
		bytes_put_u64(o, (uint64_t)c->line);
	}
	bytes_put_u32(o, (size_t)qu->has_min);
	bytes_put_u32(o, (size_t)qu->has_max);
	bytes_put_double(o, qu->min);
	bytes_put_double(o, qu->max);
	bytes_put_u32(o, (size_t)qu->integer);
	bytes_put_u32(o, qu->range_count);
	for (size_t i = 0; i < qu->range_count; i++) {
		bytes_put_double(o, qu->ranges[i].min);
		bytes_put_double(o, qu->ranges[i].max);
		bytes_put_double(o, qu->ranges[i].score);
		bytes_put_u64(o, (uint64_t)qu->ranges[i].line);
	}
	put_string(o, qu->condition_source);
	bytes_put_u32(o, qu->condition != NULL);
	if (qu->condition)
		put_cond(o, qu->condition);
	bytes_put_u64(o, (uint64_t)qu->line);
}

unsigned char *
qcache_encode(const struct questionnaire *q, size_t *size)
{
	struct bytes_out o = {0};

	put_string(&o, q->id);
	put_string(&o, q->version);
	put_string(&o, q->default_lang);
	bytes_put_u32(&o, q->language_count);
	for (size_t i = 0; i < q->language_count; i++)
		put_string(&o, q->languages[i]);
	put_text(&o, &q->title);
	put_text(&o, &q->description);
	bytes_put_u32(&o, q->pillar_count);
	for (size_t i = 0; i < q->pillar_count; i++) {
		const struct pillar *p = &q->pillars[i];

		put_string(&o, p->id);
		bytes_put_double(&o, p->weight);
		put_text(&o, &p->title);
		bytes_put_u64(&o, p->first_indicator);
		bytes_put_u64(&o, p->indicator_count);
		bytes_put_u64(&o, (uint64_t)p->line);
	}
	bytes_put_u32(&o, q->indicator_count);
	for (size_t i = 0; i < q->indicator_count; i++) {
		const struct indicator *in = &q->indicators[i];

		put_string(&o, in->id);
		bytes_put_u64(&o, in->pillar);
		bytes_put_double(&o, in->weight);
		put_text(&o, &in->title);
		put_recommendation(&o, &in->recommendation);
		bytes_put_u64(&o, in->first_question);
		bytes_put_u64(&o, in->question_count);
		bytes_put_u64(&o, (uint64_t)in->line);
	}
	bytes_put_u32(&o, q->question_count);
	for (size_t i = 0; i < q->question_count; i++)
		put_question(&o, &q->questions[i]);
	bytes_put_u32(&o, q->tier_count);
	for (size_t i = 0; i < q->tier_count; i++) {
		const struct tier *t = &q->tiers[i];

		put_string(&o, t->id);
		bytes_put_double(&o, t->min);
		put_text(&o, &t->name);
		bytes_put_u64(&o, (uint64_t)t->line);
	}
	*size = o.size;
	return o.data;
}

/* ---- reading ----------------------------------------------------------- */

/* Everything read is checked against the bytes left (bytes.h): a short
 * or inconsistent entry sets bad, and every read after it gives zeros. */

/* A count of items each at least min bytes long: never more than the
 * bytes left could hold. */
static size_t
get_count(struct bytes_in *r, size_t min)
{
	size_t n = bytes_get_u32(r);

	if (n > (size_t)(r->end - r->p) / min)
		r->bad = 1;
	return r->bad ? 0 : n;
}

/* A number below limit. */
static size_t
get_index(struct bytes_in *r, size_t limit)
{
	uint64_t v = bytes_get_u64(r);

	if (v >= limit)
		r->bad = 1;
	return r->bad ? 0 : (size_t)v;
}

static size_t
get_enum(struct bytes_in *r, size_t last)
{
	size_t v = bytes_get_u32(r);

	if (v > last)
		r->bad = 1;
	return r->bad ? 0 : v;
}

/* NULL for no string (or when bad: callers check bad) */
static char *
get_string(struct bytes_in *r)
{
	size_t n = bytes_get_u32(r);
	char *s;

	if (n == NO_STRING || !bytes_take(r, n))
		return NULL;
	if (memchr(r->p, '\0', n)) {
		r->bad = 1;
		return NULL;
	}
	s = xmalloc(n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

/* A string that must be there. */
static char *
get_required(struct bytes_in *r)
{
	char *s = get_string(r);

	if (s == NULL)
		r->bad = 1;
	return s;
}

static void
get_text(struct bytes_in *r, struct text *t)
{
	t->count = get_count(r, 8);
	t->variants = t->count ? xcalloc(t->count, sizeof(*t->variants)) : NULL;
	for (size_t i = 0; i < t->count; i++) {
		t->variants[i].lang = get_required(r);
		t->variants[i].value = get_required(r);
	}
}

static void
get_recommendation(struct bytes_in *r, struct recommendation *rec)
{
	size_t bodies = 0;

	while (recommendation_bodies[bodies])
		bodies++;
	get_text(r, &rec->text);
	rec->horizon = (enum horizon)get_enum(r, HORIZON_LONG);
	rec->effort = (enum effort)get_enum(r, EFFORT_HIGH);
	rec->body_count = bytes_get_u32(r);
	if (rec->body_count > RECOMMENDATION_MAX_BODIES) {
		r->bad = 1;
		rec->body_count = 0;
	}
	for (size_t i = 0; i < rec->body_count; i++) {
		size_t k = bytes_get_u32(r);

		rec->bodies[i] = k < bodies ? recommendation_bodies[k] : recommendation_bodies[0];
		if (k >= bodies)
			r->bad = 1;
	}
	rec->line = (long)bytes_get_u64(r);
}

static struct cond *
get_cond(struct bytes_in *r, size_t questions, int depth)
{
	struct cond *c;

	if (depth > MAX_NESTING) {
		r->bad = 1;
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->kind = (enum cond_kind)get_enum(r, COND_TEST);
	if (r->bad)
		return c;
	if (c->kind == COND_TEST) {
		c->question_id = get_required(r);
		c->question = get_index(r, questions);
		c->op = (enum cond_op)get_enum(r, COND_HAS);
		c->value = get_string(r);
		c->value_is_number = (int)get_enum(r, 1);
		c->number = bytes_get_double(r);
		c->column = (size_t)bytes_get_u64(r);
		return c;
	}
	c->left = get_cond(r, questions, depth + 1);
	if (c->kind != COND_NOT && !r->bad)
		c->right = get_cond(r, questions, depth + 1);
	return c;
}

static void
get_question(struct bytes_in *r, const struct questionnaire *q, struct question *qu)
{
	qu->id = get_required(r);
	qu->type = (enum question_type)get_enum(r, QUESTION_DATE);
	qu->indicator = get_index(r, q->indicator_count);
	qu->pillar = get_index(r, q->pillar_count);
	qu->weight = bytes_get_double(r);
	qu->required = (int)get_enum(r, 1);
	qu->evidence = (int)get_enum(r, 1);
	get_text(r, &qu->text);
	get_text(r, &qu->help);
	get_recommendation(r, &qu->recommendation);
	qu->choice_count = get_count(r, 8);
	qu->choices = xcalloc(qu->choice_count + 1, sizeof(*qu->choices));
	for (size_t i = 0; i < qu->choice_count; i++) {
		struct choice *c = &qu->choices[i];

		c->value = get_required(r);
		c->score = bytes_get_double(r);
		get_text(r, &c->label);
		get_recommendation(r, &c->recommendation);
		c->line = (long)bytes_get_u64(r);
	}
	qu->has_min = (int)get_enum(r, 1);
	qu->has_max = (int)get_enum(r, 1);
	qu->min = bytes_get_double(r);
	qu->max = bytes_get_double(r);
	qu->integer = (int)get_enum(r, 1);
	qu->range_count = get_count(r, 32);
	qu->ranges = xcalloc(qu->range_count + 1, sizeof(*qu->ranges));
	for (size_t i = 0; i < qu->range_count; i++) {
		qu->ranges[i].min = bytes_get_double(r);
		qu->ranges[i].max = bytes_get_double(r);
		qu->ranges[i].score = bytes_get_double(r);
		qu->ranges[i].line = (long)bytes_get_u64(r);
	}
	qu->condition_source = get_string(r);
	if (get_enum(r, 1))
		qu->condition = get_cond(r, q->question_count, 0);
	qu->line = (long)bytes_get_u64(r);
}

struct questionnaire *
qcache_decode(const unsigned char *data, size_t size, const char *sha256, const char *path)
{
	struct bytes_in r = {data, data + size, 0};
	struct questionnaire *q = xcalloc(1, sizeof(*q));

	q->path = xstrdup(path);
	snprintf(q->sha256, sizeof(q->sha256), "%s", sha256);
	q->id = get_required(&r);
	q->version = get_required(&r);
	q->default_lang = get_required(&r);
	q->language_count = get_count(&r, 4);
	q->languages = xcalloc(q->language_count + 1, sizeof(*q->languages));
	for (size_t i = 0; i < q->language_count; i++)
		q->languages[i] = get_required(&r);
	get_text(&r, &q->title);
	get_text(&r, &q->description);
	q->pillar_count = get_count(&r, 8);
	q->pillars = xcalloc(q->pillar_count + 1, sizeof(*q->pillars));
	for (size_t i = 0; i < q->pillar_count && !r.bad; i++) {
		struct pillar *p = &q->pillars[i];

		p->id = get_required(&r);
		p->weight = bytes_get_double(&r);
		get_text(&r, &p->title);
		p->first_indicator = (size_t)bytes_get_u64(&r);
		p->indicator_count = (size_t)bytes_get_u64(&r);
		p->line = (long)bytes_get_u64(&r);
	}
	q->indicator_count = get_count(&r, 8);
	q->indicators = xcalloc(q->indicator_count + 1, sizeof(*q->indicators));
	for (size_t i = 0; i < q->indicator_count && !r.bad; i++) {
		struct indicator *in = &q->indicators[i];

		in->id = get_required(&r);
		in->pillar = get_index(&r, q->pillar_count);
		in->weight = bytes_get_double(&r);
		get_text(&r, &in->title);
		get_recommendation(&r, &in->recommendation);
		in->first_question = (size_t)bytes_get_u64(&r);
		in->question_count = (size_t)bytes_get_u64(&r);
		in->line = (long)bytes_get_u64(&r);
	}
	q->question_count = get_count(&r, 8);
	q->questions = xcalloc(q->question_count + 1, sizeof(*q->questions));
	for (size_t i = 0; i < q->question_count && !r.bad; i++)
		get_question(&r, q, &q->questions[i]);
	q->tier_count = get_count(&r, 8);
	q->tiers = xcalloc(q->tier_count + 1, sizeof(*q->tiers));
	for (size_t i = 0; i < q->tier_count && !r.bad; i++) {
		struct tier *t = &q->tiers[i];

		t->id = get_required(&r);
		t->min = bytes_get_double(&r);
		get_text(&r, &t->name);
		t->line = (long)bytes_get_u64(&r);
	}
	/* the ranges the model's indexes promise */
	for (size_t i = 0; i < q->pillar_count && !r.bad; i++)
		if (q->pillars[i].first_indicator > q->indicator_count ||
		    q->pillars[i].indicator_count >
			    q->indicator_count - q->pillars[i].first_indicator)
			r.bad = 1;
	for (size_t i = 0; i < q->indicator_count && !r.bad; i++)
		if (q->indicators[i].first_question > q->question_count ||
		    q->indicators[i].question_count >
			    q->question_count - q->indicators[i].first_question)
			r.bad = 1;
	if (r.bad || r.p != r.end || q->language_count == 0 || q->tier_count == 0 ||
	    q->title.count == 0) {
		questionnaire_free(q);
		return NULL;
	}
	questionnaire_index(q);
	return q;
}

/* ---- the cache folder -------------------------------------------------- */

/* The folder's path (owned), or NULL when the cache is off. */
static char *
cache_dir(void)
{
	const char *own = getenv("CIRT_CACHE_DIR");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (own && *own)
		return strcmp(own, "off") == 0 ? NULL : xstrdup(own);
	if (xdg && *xdg == '/')
		return xasprintf("%s/cirt", xdg);
	if (home && *home == '/')
		return xasprintf("%s/.cache/cirt", home);
	return NULL;
}

/* Whether dir may hold models this user trusts: missing (to be made 0700),
 * or a folder of this user that nobody else can write into. A folder
 * others can write (such as /tmp) could be given a model by them. */
static int
safe_dir(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) < 0)
		return errno == ENOENT;
	return S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
		(st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/* The identity of this cirt binary: an entry made by another is stale. */
static void
put_stamp(struct bytes_out *o, const char *sha256)
{
	struct stat st;

	bytes_put(o, QCACHE_MAGIC, 8);
	bytes_put_u32(o, QCACHE_FORMAT);
	if (stat("/proc/self/exe", &st) < 0)
		memset(&st, 0, sizeof(st));
	bytes_put_u64(o, (uint64_t)st.st_size);
	bytes_put_u64(o, (uint64_t)st.st_mtim.tv_sec);
	bytes_put_u64(o, (uint64_t)st.st_mtim.tv_nsec);
	bytes_put(o, sha256, 64);
}

/* The regular file at path mapped into memory (read only), or NULL: cheaper
 * than reading it into fresh memory for a file that is only looked at. */
static const unsigned char *
map_file(const char *path, size_t max, size_t *size)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	void *p = NULL;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= max) {
		*size = (size_t)st.st_size;
		p = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED)
			p = NULL;
	}
	close(fd);
	return p;
}

/* An entry is the stamp, the SHA-256 of the model's bytes (so that damage
 * inside a text is found too), and the model. */
static struct questionnaire *
from_cache(const char *entry, const char *sha256, const char *path)
{
	struct bytes_out stamp = {0};
	size_t size = 0;
	const unsigned char *data = map_file(entry, 256UL * 1024 * 1024, &size);
	struct questionnaire *q = NULL;

	put_stamp(&stamp, sha256);
	if (data && size > stamp.size + 64 && memcmp(data, stamp.data, stamp.size) == 0) {
		const unsigned char *model = data + stamp.size + 64;
		size_t n = size - stamp.size - 64;
		char sum[SHA256_HEX_SIZE];

		hash_sha256_hex(model, n, sum);
		if (memcmp(sum, data + stamp.size, 64) == 0)
			q = qcache_decode(model, n, sha256, path);
	}
	free(stamp.data);
	if (data)
		munmap((void *)(uintptr_t)data, size);
	return q;
}

static void
to_cache(const char *dir, const char *entry, const struct questionnaire *q)
{
	struct bytes_out o = {0};
	struct error err = {0};
	size_t size;
	unsigned char *model;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		char *parent = xstrdup(dir);
		char *slash = strrchr(parent, '/');

		/* ~/.cache itself may be missing */
		if (slash && slash != parent) {
			*slash = '\0';
			(void)mkdir(parent, 0700);
		}
		free(parent);
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return;
	}
	model = qcache_encode(q, &size);
	put_stamp(&o, q->sha256);
	{
		char sum[SHA256_HEX_SIZE];

		hash_sha256_hex(model, size, sum);
		bytes_put(&o, sum, 64);
	}
	bytes_put(&o, model, size);
	free(model);
	/* a cache that cannot be written is not used, and says nothing */
	(void)file_write_atomic(entry, o.data, o.size, &err);
	free(o.data);
}

struct questionnaire *
qcache_load(const char *path, struct diag *diags, int *io_error)
{
	size_t size = 0;
	struct error err = {0};
	/* read, not mapped: a file cut short under a mapping kills the process */
	char *data = file_read(path, (size_t)QUESTIONNAIRE_MAX_BYTES, &size, &err);
	char *dir;
	char *entry = NULL;
	struct questionnaire *q = NULL;
	size_t before = diags->count;

	if (io_error)
		*io_error = data == NULL;
	if (data == NULL) {
		diag_add(diags, path, 0, "%s", err.message);
		return NULL;
	}
	dir = size >= QCACHE_MIN_BYTES ? cache_dir() : NULL;
	if (dir && !safe_dir(dir)) {
		free(dir);
		dir = NULL;
	}
	if (dir) {
		char sha256[SHA256_HEX_SIZE];

		hash_sha256_hex(data, size, sha256);
		entry = xasprintf("%s/%s.model", dir, sha256);
		q = from_cache(entry, sha256, path);
	}
	if (q == NULL) {
		q = questionnaire_load_memory(data, size, path, diags);
		if (q && entry && diags->count == before)
			to_cache(dir, entry, q);
	}
	free(entry);
	free(dir);
	free(data);
	return q;
}
