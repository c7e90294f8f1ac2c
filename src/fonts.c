/* Which font draws which character, from the faces' character maps. */
#include "fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subset.h"
#include "utf8.h"
#include "xmalloc.h"

#define COVER_BYTES (0x10000 / 8)

/* $name, or fallback when it is not set or empty. */
static const char *
env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

void
fonts_find_paths(char *paths[FONT_FACES])
{
	const char *dir = env_or("CIRT_FONT_DIR", FONTS_DEJAVU_DIR);
	const char *extra = env_or("CIRT_EXTRA_FONT_DIR", FONTS_EXTRA_DIR);

	paths[FONT_SANS] = xasprintf("%s/DejaVuSans.ttf", dir);
	paths[FONT_SANS_BOLD] = xasprintf("%s/DejaVuSans-Bold.ttf", dir);
	paths[FONT_CJK] = xstrdup(env_or("CIRT_CJK_FONT", FONTS_CJK_FILE));
	paths[FONT_EXTRA] = xasprintf("%s/FreeSans.ttf", extra);
	paths[FONT_EXTRA_BOLD] = xasprintf("%s/FreeSansBold.ttf", extra);
}

void
fonts_init(struct fonts *f, const char *const *paths)
{
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < FONT_FACES; i++)
		f->path[i] = paths ? paths[i] : NULL;
}

void
fonts_release(struct fonts *f)
{
	for (int i = 0; i < FONT_FACES; i++)
		free(f->cover[i]);
	free(f->face_of);
	memset(f, 0, sizeof(*f));
}

void
fonts_cover(struct fonts *f, enum font_face face, const uint32_t *cps, size_t n)
{
	if (f->cover[face] == NULL)
		f->cover[face] = xcalloc(1, COVER_BYTES);
	memset(f->cover[face], 0, COVER_BYTES);
	for (size_t i = 0; i < n; i++)
		if (cps[i] < 0x10000)
			f->cover[face][cps[i] >> 3] |= (uint8_t)(1u << (cps[i] & 7));
	f->known[face] = 1;
	/* what fonts_face worked out may change */
	if (f->face_of)
		memset(f->face_of, 0, (size_t)2 * 0x10000);
}

/* Read a face's coverage the first time it is needed; a face without a
 * file, or whose file cannot be read, covers nothing. */
static const uint8_t *
cover_of(struct fonts *f, enum font_face face)
{
	if (!f->known[face]) {
		f->known[face] = 1;
		f->cover[face] = xcalloc(1, COVER_BYTES);
		if (f->path[face] && subset_font_coverage(f->path[face], f->cover[face]) != 0) {
			free(f->cover[face]);
			f->cover[face] = NULL;
		}
	}
	return f->cover[face];
}

static int
has(struct fonts *f, enum font_face face, uint32_t cp)
{
	const uint8_t *c = cover_of(f, face);

	return c && (c[cp >> 3] & (1u << (cp & 7)));
}

int
fonts_cjk_language(const char *lang)
{
	static const char *const cjk[] = {"zh", "ja", "ko"};

	for (size_t i = 0; lang && i < sizeof(cjk) / sizeof(*cjk); i++)
		if (strncmp(lang, cjk[i], 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
			return 1;
	return 0;
}

int
fonts_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
		(cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
		cp == 0x00AD || cp == 0x061C || (cp >= 0xE0000 && cp <= 0xE007F);
}

static int
control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		(cp >= 0xD800 && cp <= 0xDFFF);
}

/* Scripts whose letters take their shapes and places from their
 * neighbours in ways cirt does not work out (Brahmic scripts: a vowel
 * sign drawn before the consonant it follows, conjuncts; Syriac, N'Ko and
 * Thaana, joined like Arabic): a font may have their glyphs, but printed
 * one by one they would be wrong, so they count as missing. */
static int
unshaped(uint32_t cp)
{
	return (cp >= 0x0700 && cp <= 0x07FF) || (cp >= 0x0900 && cp <= 0x0DFF) ||
		(cp >= 0x0F00 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x18AF) ||
		(cp >= 0x1900 && cp <= 0x1CFF) || (cp >= 0xA800 && cp <= 0xA8FF) ||
		(cp >= 0xA980 && cp <= 0xAAFF);
}

static enum font_face
work_out_face(struct fonts *f, int bold, uint32_t cp)
{
	enum font_face sans = bold && !f->cjk_first ? FONT_SANS_BOLD : FONT_SANS;
	enum font_face extra = bold && !f->cjk_first ? FONT_EXTRA_BOLD : FONT_EXTRA;

	if (cp > 0xFFFF || control(cp) || fonts_invisible(cp) || unshaped(cp))
		return FONT_NONE;
	if (f->cjk_first && has(f, FONT_CJK, cp))
		return FONT_CJK;
	if (has(f, sans, cp))
		return sans;
	if (has(f, FONT_CJK, cp))
		return FONT_CJK;
	if (has(f, extra, cp))
		return extra;
	return FONT_NONE;
}

/* A report asks for each character's face several times (to measure, to
 * draw, to check): each answer is worked out once. */
enum font_face
fonts_face(struct fonts *f, int bold, uint32_t cp)
{
	int b = bold ? 1 : 0;
	enum font_face face;
	size_t at;

	if (cp > 0xFFFF)
		return work_out_face(f, bold, cp);
	if (f->face_of == NULL)
		f->face_of = xcalloc(2, 0x10000);
	else if (f->face_of_cjk_first != f->cjk_first)
		memset(f->face_of, 0, (size_t)2 * 0x10000);
	f->face_of_cjk_first = f->cjk_first;
	at = (size_t)b * 0x10000 + cp;
	if (f->face_of[at])
		return (enum font_face)(f->face_of[at] - 2);
	face = work_out_face(f, bold, cp);
	f->face_of[at] = (signed char)(face + 2);
	return face;
}

int
fonts_missing(struct fonts *f, uint32_t cp)
{
	if (control(cp) || fonts_invisible(cp))
		return 0;
	return fonts_face(f, 0, cp) == FONT_NONE || fonts_face(f, 1, cp) == FONT_NONE;
}

char *
fonts_missing_list(struct fonts *f, const char *s, size_t max)
{
	uint32_t seen[16];
	size_t count = 0;
	int more = 0;
	char *out = NULL;
	size_t len = 0;

	if (max > 16)
		max = 16;
	while (s && *s) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);

		if (n == 0) {
			s++;
			continue;
		}
		if (fonts_missing(f, cp)) {
			size_t k = 0;

			while (k < count && seen[k] != cp)
				k++;
			if (k == count) {
				if (count < max)
					seen[count++] = cp;
				else
					more = 1;
			}
		}
		s += n;
		if (more)
			break;
	}
	if (count == 0)
		return NULL;
	out = xmalloc(count * 16 + 8);
	for (size_t k = 0; k < count; k++) {
		char ch[5] = {0};
		uint32_t cp = seen[k];

		/* the character itself after its number */
		if (cp < 0x80) {
			ch[0] = (char)cp;
		} else if (cp < 0x800) {
			ch[0] = (char)(0xC0 | (cp >> 6));
			ch[1] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			ch[0] = (char)(0xE0 | (cp >> 12));
			ch[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			ch[2] = (char)(0x80 | (cp & 0x3F));
		} else {
			ch[0] = (char)(0xF0 | (cp >> 18));
			ch[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
			ch[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
			ch[3] = (char)(0x80 | (cp & 0x3F));
		}
		len += (size_t)sprintf(out + len, "%sU+%04X %s", k ? ", " : "", (unsigned)cp, ch);
	}
	if (more)
		strcpy(out + len, ", ...");
	return out;
}
