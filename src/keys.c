/* Keys, signatures and sealing, through libsodium. */
#include "keys.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "exitcode.h"
#include "file.h"
#include "xmalloc.h"

#define KEY_FILE_MAX 4096
#define TRUST_FILE_MAX ((size_t)1024 * 1024)
#define SEAL_AD "cirt-sealed-bundle-1"

int
keys_start(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

const char *
keys_dir(void)
{
	static char *dir;
	const char *env = getenv("CIRT_KEY_DIR");

	free(dir);
	if (env && *env) {
		dir = xstrdup(env);
		return dir;
	}
	env = getenv("XDG_CONFIG_HOME");
	if (env && *env == '/') {
		dir = xasprintf("%s/cirt", env);
		return dir;
	}
	env = getenv("HOME");
	dir = xasprintf("%s/.config/cirt", env && *env ? env : ".");
	return dir;
}

void
key_pair_release(struct key_pair *k)
{
	sodium_memzero(k->secret_key, sizeof(k->secret_key));
}

char *
keys_base64(const void *data, size_t size)
{
	size_t n = sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(n);

	sodium_bin2base64(out, n, data, size, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

unsigned char *
keys_unbase64(const char *s, size_t max, size_t *size)
{
	size_t len = strlen(s);
	unsigned char *out;
	const char *end;

	if (len / 4 * 3 > max + 3)
		return NULL;
	out = xmalloc(len / 4 * 3 + 3);
	if (sodium_base642bin(out, len / 4 * 3 + 3, s, len, NULL, size, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    *end != '\0' || *size > max) {
		free(out);
		return NULL;
	}
	return out;
}

void
keys_text(const unsigned char pk[KEY_PUBLIC_BYTES], char out[KEY_TEXT_SIZE])
{
	snprintf(out, KEY_TEXT_SIZE, "ed25519:");
	sodium_bin2base64(out + 8, KEY_TEXT_SIZE - 8, pk, KEY_PUBLIC_BYTES,
			  sodium_base64_VARIANT_ORIGINAL);
}

int
keys_parse(const char *s, unsigned char pk[KEY_PUBLIC_BYTES])
{
	size_t n;
	unsigned char *b;

	if (strncmp(s, "ed25519:", 8) != 0)
		return -1;
	b = keys_unbase64(s + 8, KEY_PUBLIC_BYTES, &n);
	if (b == NULL || n != KEY_PUBLIC_BYTES) {
		free(b);
		return -1;
	}
	memcpy(pk, b, KEY_PUBLIC_BYTES);
	free(b);
	return 0;
}

void
keys_fingerprint(const unsigned char pk[KEY_PUBLIC_BYTES], char out[KEY_FINGERPRINT_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	size_t n = 0;

	crypto_hash_sha256(h, pk, KEY_PUBLIC_BYTES);
	for (int i = 0; i < 10; i++) {
		n += (size_t)snprintf(out + n, KEY_FINGERPRINT_SIZE - n, "%02x", h[i]);
		if (i % 2 == 1 && i < 9)
			out[n++] = ' ';
	}
	out[n] = '\0';
}

int
keys_match(const unsigned char pk[KEY_PUBLIC_BYTES], const char *s)
{
	char fp[KEY_FINGERPRINT_SIZE];
	char text[KEY_TEXT_SIZE];
	size_t k = 0;
	size_t digits = 0;

	keys_text(pk, text);
	if (strcmp(s, text) == 0)
		return 1;
	keys_fingerprint(pk, fp);
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == ':')
			continue;
		while (fp[k] == ' ')
			k++;
		if (fp[k] == '\0' || (*p | 0x20) != fp[k])
			return 0;
		k++;
		digits++;
	}
	return digits >= 8;
}

/* The value of the line "label VALUE" in text, or NULL (owned). */
static char *
line_value(const char *text, const char *label)
{
	size_t n = strlen(label);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, label, n) == 0 && p[n] == ' ') {
			const char *v = p + n + 1;

			return xstrndup(v, strcspn(v, "\n"));
		}
	return NULL;
}

static int
make_dir(const char *dir, struct error *err)
{
	char *path = xstrdup(dir);

	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			error_set(err, EXIT_IO, "cannot create the key folder '%s': %s", path,
				  strerror(errno));
			free(path);
			return -1;
		}
		*p = '/';
	}
	free(path);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return error_set(err, EXIT_IO, "cannot create the key folder '%s': %s", dir,
				 strerror(errno));
	return 0;
}

int
keys_init(const char *dir, const char *name, struct key_pair *k, struct error *err)
{
	char *path = xasprintf("%s/key", dir);
	char text[KEY_TEXT_SIZE];
	char *secret = NULL;
	char *file = NULL;
	struct stat st;
	time_t now = time(NULL);
	int status = -1;

	memset(k, 0, sizeof(*k));
	if (stat(path, &st) == 0) {
		error_set(err, EXIT_DATA,
			  "this laptop has a key already ('%s'); 'cirt keys show' prints it", path);
		goto out;
	}
	if (make_dir(dir, err) < 0)
		goto out;
	crypto_sign_keypair(k->public_key, k->secret_key);
	snprintf(k->name, sizeof(k->name), "%s", name);
	strftime(k->created, sizeof(k->created), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	keys_text(k->public_key, text);
	/* the seed is the first half of libsodium's secret key */
	secret = keys_base64(k->secret_key, crypto_sign_SEEDBYTES);
	file = xasprintf("cirt-key 1\nname %s\ncreated %s\npublic %s\nsecret %s\n", k->name,
			 k->created, text, secret);
	if (file_write_atomic(path, file, strlen(file), err) < 0)
		goto out;
	status = 0;
out:
	if (secret)
		sodium_memzero(secret, strlen(secret));
	if (file)
		sodium_memzero(file, strlen(file));
	free(secret);
	free(file);
	free(path);
	if (status < 0)
		key_pair_release(k);
	return status;
}

int
keys_load(const char *dir, struct key_pair *k, struct error *err)
{
	char *path = xasprintf("%s/key", dir);
	char *data = NULL;
	char *name = NULL;
	char *created = NULL;
	char *public = NULL;
	char *secret = NULL;
	unsigned char *seed = NULL;
	unsigned char pk[KEY_PUBLIC_BYTES];
	struct stat st;
	size_t size;
	int status = -1;

	memset(k, 0, sizeof(*k));
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			status = 1;
		else
			error_set(err, EXIT_IO, "cannot read the key file '%s': %s", path,
				  strerror(errno));
		goto out;
	}
	if (st.st_mode & 077) {
		error_set(err, EXIT_DATA,
			  "the key file '%s' can be read by others (mode %03o); make it private "
			  "with 'chmod 600 %s'",
			  path, (unsigned)(st.st_mode & 0777), path);
		goto out;
	}
	data = file_read(path, KEY_FILE_MAX, &size, err);
	if (data == NULL)
		goto out;
	name = line_value(data, "name");
	created = line_value(data, "created");
	public = line_value(data, "public");
	secret = line_value(data, "secret");
	if (strncmp(data, "cirt-key 1\n", 11) != 0 || !name || !created || !public || !secret ||
	    strlen(name) > KEY_NAME_MAX || keys_parse(public, pk) < 0 ||
	    (seed = keys_unbase64(secret, crypto_sign_SEEDBYTES, &size)) == NULL ||
	    size != crypto_sign_SEEDBYTES) {
		error_set(err, EXIT_DATA, "'%s' is not a cirt key file", path);
		goto out;
	}
	crypto_sign_seed_keypair(k->public_key, k->secret_key, seed);
	if (memcmp(pk, k->public_key, KEY_PUBLIC_BYTES) != 0) {
		error_set(err, EXIT_DATA, "'%s': its public key does not match its secret key",
			  path);
		goto out;
	}
	snprintf(k->name, sizeof(k->name), "%s", name);
	snprintf(k->created, sizeof(k->created), "%s", created);
	status = 0;
out:
	if (data)
		sodium_memzero(data, strlen(data));
	if (secret)
		sodium_memzero(secret, strlen(secret));
	if (seed)
		sodium_memzero(seed, crypto_sign_SEEDBYTES);
	free(data);
	free(name);
	free(created);
	free(public);
	free(secret);
	free(seed);
	free(path);
	if (status != 0)
		key_pair_release(k);
	return status;
}

char *
keys_public_file(const struct key_pair *k)
{
	char text[KEY_TEXT_SIZE];
	char fp[KEY_FINGERPRINT_SIZE];

	keys_text(k->public_key, text);
	keys_fingerprint(k->public_key, fp);
	return xasprintf("cirt-public-key 1\nname %s\npublic %s\nfingerprint %s\n", k->name, text,
			 fp);
}

int
keys_read_public(const char *text, unsigned char pk[KEY_PUBLIC_BYTES], char **name,
		 struct error *err)
{
	char *public;

	*name = NULL;
	if (keys_parse(text, pk) == 0)
		return 0;
	if (strncmp(text, "cirt-public-key 1\n", 18) != 0)
		return error_set(err, EXIT_DATA,
				 "not a public key: give the text 'cirt keys show' prints "
				 "(ed25519:...) or the file 'cirt keys show -o FILE' writes");
	public = line_value(text, "public");
	if (public == NULL || keys_parse(public, pk) < 0) {
		free(public);
		return error_set(err, EXIT_DATA, "the public key file holds no usable key");
	}
	free(public);
	*name = line_value(text, "name");
	return 0;
}

void
trust_release(struct trust *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->keys[i].name);
		free(t->keys[i].added);
		free(t->keys[i].revoked);
	}
	free(t->keys);
	memset(t, 0, sizeof(*t));
}

int
trust_load(const char *dir, struct trust *t, struct error *err)
{
	char *path = xasprintf("%s/trusted", dir);
	struct stat st;
	char *data;
	char *line;
	char *next;
	size_t size;
	size_t alloc = 0;
	size_t number = 0;

	memset(t, 0, sizeof(*t));
	if (stat(path, &st) < 0 && errno == ENOENT) {
		free(path);
		return 0;
	}
	data = file_read(path, TRUST_FILE_MAX, &size, err);
	if (data == NULL) {
		free(path);
		return -1;
	}
	for (line = data; *line; line = next) {
		char *f[4];
		struct trusted_key *k;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		number++;
		f[0] = line;
		for (int i = 1; i < 4; i++) {
			char *tab = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;

			f[i] = tab ? tab + 1 : NULL;
			if (tab)
				*tab = '\0';
		}
		xgrow((void **)&t->keys, &alloc, t->count + 1, sizeof(*t->keys));
		k = &t->keys[t->count];
		memset(k, 0, sizeof(*k));
		if (f[3] == NULL || keys_parse(f[0], k->public_key) < 0 || strchr(f[3], '\t')) {
			error_set(err, EXIT_DATA, "%s:%zu: not a trusted key line", path, number);
			free(data);
			free(path);
			trust_release(t);
			return -1;
		}
		k->added = xstrdup(f[1]);
		k->revoked = strcmp(f[2], "-") == 0 ? NULL : xstrdup(f[2]);
		k->name = xstrdup(f[3]);
		t->count++;
	}
	free(data);
	free(path);
	return 0;
}

int
trust_save(const char *dir, const struct trust *t, struct error *err)
{
	char *path = xasprintf("%s/trusted", dir);
	char *text = xstrdup("");
	int status;

	for (size_t i = 0; i < t->count; i++) {
		char key[KEY_TEXT_SIZE];
		char *more;

		keys_text(t->keys[i].public_key, key);
		more = xasprintf("%s%s\t%s\t%s\t%s\n", text, key, t->keys[i].added,
				 t->keys[i].revoked ? t->keys[i].revoked : "-", t->keys[i].name);
		free(text);
		text = more;
	}
	status = make_dir(dir, err);
	if (status == 0)
		status = file_write_atomic(path, text, strlen(text), err);
	free(text);
	free(path);
	return status;
}

struct trusted_key *
trust_find(const struct trust *t, const unsigned char pk[KEY_PUBLIC_BYTES])
{
	for (size_t i = 0; i < t->count; i++)
		if (memcmp(t->keys[i].public_key, pk, KEY_PUBLIC_BYTES) == 0)
			return &t->keys[i];
	return NULL;
}

int
trust_add(struct trust *t, const unsigned char pk[KEY_PUBLIC_BYTES], const char *name,
	  const char *now)
{
	struct trusted_key *k = trust_find(t, pk);

	if (k) {
		free(k->name);
		k->name = xstrdup(name);
		return 1;
	}
	t->keys = xreallocarray(t->keys, t->count + 1, sizeof(*t->keys));
	k = &t->keys[t->count++];
	memcpy(k->public_key, pk, KEY_PUBLIC_BYTES);
	k->name = xstrdup(name);
	k->added = xstrdup(now);
	k->revoked = NULL;
	return 0;
}

/* The message a signature covers: the domain, a NUL, then the data. */
static unsigned char *
signed_message(const char *domain, const void *data, size_t size, size_t *n)
{
	size_t d = strlen(domain) + 1;
	unsigned char *m = xmalloc(d + size + 1);

	memcpy(m, domain, d);
	if (size)
		memcpy(m + d, data, size);
	*n = d + size;
	return m;
}

void
keys_sign(const struct key_pair *k, const char *domain, const void *data, size_t size,
	  unsigned char sig[KEY_SIGNATURE_BYTES])
{
	size_t n;
	unsigned char *m = signed_message(domain, data, size, &n);

	crypto_sign_detached(sig, NULL, m, n, k->secret_key);
	free(m);
}

int
keys_verify(const unsigned char pk[KEY_PUBLIC_BYTES], const char *domain, const void *data,
	    size_t size, const unsigned char sig[KEY_SIGNATURE_BYTES])
{
	size_t n;
	unsigned char *m = signed_message(domain, data, size, &n);
	int r = crypto_sign_verify_detached(sig, m, n, pk);

	free(m);
	return r == 0 ? 0 : -1;
}

void
sealed_release(struct sealed *s)
{
	free(s->ciphertext);
	free(s->recipients);
	memset(s, 0, sizeof(*s));
}

_Static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES + crypto_box_SEALBYTES == 80,
	       "a sealed key fills a recipient's box");
_Static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24, "the nonce's size");

void
keys_seal(const void *data, size_t size, const unsigned char (*recipients)[KEY_PUBLIC_BYTES],
	  size_t n, struct sealed *out)
{
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned long long len;

	memset(out, 0, sizeof(*out));
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	randombytes_buf(out->nonce, sizeof(out->nonce));
	out->ciphertext = xmalloc(size + crypto_aead_xchacha20poly1305_ietf_ABYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out->ciphertext, &len, data, size,
						   (const unsigned char *)SEAL_AD, strlen(SEAL_AD),
						   NULL, out->nonce, key);
	out->ciphertext_size = (size_t)len;
	out->recipients = xcalloc(n + 1, sizeof(*out->recipients));
	for (size_t i = 0; i < n; i++) {
		unsigned char x[crypto_box_PUBLICKEYBYTES];

		/* a key that has no X25519 form cannot be trusted, so this
		 * holds for every key cirt accepts */
		if (crypto_sign_ed25519_pk_to_curve25519(x, recipients[i]) != 0)
			continue;
		keys_fingerprint(recipients[i], out->recipients[out->recipient_count].fingerprint);
		crypto_box_seal(out->recipients[out->recipient_count].box, key, sizeof(key), x);
		out->recipient_count++;
	}
	sodium_memzero(key, sizeof(key));
}

int
keys_open(const struct key_pair *k, const struct sealed *s, char **data, size_t *size,
	  struct error *err)
{
	unsigned char x_pk[crypto_box_PUBLICKEYBYTES];
	unsigned char x_sk[crypto_box_SECRETKEYBYTES];
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	char fp[KEY_FINGERPRINT_SIZE];
	unsigned long long len;
	int opened = 0;
	int status = -1;

	*data = NULL;
	keys_fingerprint(k->public_key, fp);
	if (crypto_sign_ed25519_pk_to_curve25519(x_pk, k->public_key) != 0 ||
	    crypto_sign_ed25519_sk_to_curve25519(x_sk, k->secret_key) != 0)
		return error_set(err, EXIT_DATA, "this laptop's key has no sealing form");
	for (size_t i = 0; i < s->recipient_count && !opened; i++)
		if (strcmp(s->recipients[i].fingerprint, fp) == 0 &&
		    crypto_box_seal_open(key, s->recipients[i].box, sizeof(s->recipients[i].box),
					 x_pk, x_sk) == 0)
			opened = 1;
	if (!opened) {
		error_set(err, EXIT_DATA,
			  "it is sealed for %zu other key%s, not for this laptop's (%s)",
			  s->recipient_count, s->recipient_count == 1 ? "" : "s", fp);
		goto out;
	}
	if (s->ciphertext_size < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		error_set(err, EXIT_DATA, "its sealed content was cut short");
		goto out;
	}
	*data = xmalloc(s->ciphertext_size + 1);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
		    (unsigned char *)*data, &len, NULL, s->ciphertext, s->ciphertext_size,
		    (const unsigned char *)SEAL_AD, strlen(SEAL_AD), s->nonce, key) != 0) {
		free(*data);
		*data = NULL;
		error_set(err, EXIT_DATA, "its sealed content was altered");
		goto out;
	}
	(*data)[len] = '\0';
	*size = (size_t)len;
	status = 0;
out:
	sodium_memzero(x_sk, sizeof(x_sk));
	sodium_memzero(key, sizeof(key));
	return status;
}
