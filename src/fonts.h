/* Which font draws which character. A PDF or Word copy of a report draws
 * each run of text with the first face of its style that has the run's
 * characters: DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew), then a
 * CJK face (Droid Sans Fallback), then a fallback (FreeSans) for what is
 * left; a Chinese, Japanese or Korean document tries the CJK face first
 * and draws its bold text in the regular faces, thicker. A
 * character none of them has, or one cirt cannot draw correctly even with
 * a glyph (beyond U+FFFF, which libharu cannot print; scripts that need
 * shaping cirt does not do, such as Devanagari), is "missing": it prints
 * as a visible U+FFFD and validate and report warn about it.
 *
 * The answers come from each face's character map, read (through the
 * subset module) the first time a character is looked up that the faces
 * before it lack, so that a Latin report never opens the CJK font. A
 * struct fonts can also be given coverage directly (fonts_cover), which
 * the unit tests do. */
#ifndef CIRT_FONTS_H
#define CIRT_FONTS_H

#include <stddef.h>
#include <stdint.h>

/* The faces, in the order a style looks in them. */
enum font_face {
	FONT_SANS,	 /* DejaVu Sans */
	FONT_SANS_BOLD,	 /* DejaVu Sans Bold */
	FONT_CJK,	 /* Droid Sans Fallback (regular; bold is drawn thicker) */
	FONT_EXTRA,	 /* FreeSans */
	FONT_EXTRA_BOLD, /* FreeSans Bold */
	FONT_FACES,
	FONT_NONE = -1, /* no face draws it */
};

/* The faces' files, as commands find them: DejaVu Sans in $CIRT_FONT_DIR
 * (else FONTS_DEJAVU_DIR), the CJK face at $CIRT_CJK_FONT (else
 * FONTS_CJK_FILE; the first face of a collection), the fallback in
 * $CIRT_EXTRA_FONT_DIR (else FONTS_EXTRA_DIR). Only the DejaVu files must
 * exist; a face whose file is missing draws nothing. */
#define FONTS_DEJAVU_DIR "/usr/share/fonts/truetype/dejavu"
#define FONTS_CJK_FILE "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
#define FONTS_EXTRA_DIR "/usr/share/fonts/truetype/freefont"

/* The faces' files as above, each owned by the caller. */
void fonts_find_paths(char *paths[FONT_FACES]);

struct fonts {
	const char *path[FONT_FACES]; /* borrowed; NULL: no such face */
	/* each face's characters in the Basic Multilingual Plane, a bit per
	 * code point, once read (or given) */
	uint8_t *cover[FONT_FACES];
	int known[FONT_FACES];
	/* a CJK document: the CJK face before DejaVu Sans, and bold text in
	 * the regular faces, drawn thicker (as the CJK face's own bold is),
	 * which keeps a third font out of every Chinese report */
	int cjk_first;
	/* fonts_face's answers in the Basic Multilingual Plane, regular then
	 * bold (0x10000 each), once worked out: 0 not yet, else the face + 2;
	 * kept for the cjk_first they were worked out with */
	signed char *face_of;
	int face_of_cjk_first;
};

/* Start f over the files paths[0..FONT_FACES) (borrowed; entries may be
 * NULL); nothing is read yet. */
void fonts_init(struct fonts *f, const char *const *paths);
void fonts_release(struct fonts *f);

/* Whether a document in language lang (BCP 47) is written in CJK
 * characters: Chinese, Japanese, Korean. */
int fonts_cjk_language(const char *lang);

/* Give face the code points cps[0..n) as its coverage instead of its
 * file's (for tests). */
void fonts_cover(struct fonts *f, enum font_face face, const uint32_t *cps, size_t n);

/* Characters nothing prints and nothing needs to: bidi marks and
 * embeddings, zero-width joiners and spaces, variation selectors, the
 * byte order mark. Renderers drop them; they are never missing. */
int fonts_invisible(uint32_t cp);

/* The face that draws cp in regular (bold 0) or bold text, or FONT_NONE
 * when none does (see above). Controls, which the renderers replace or
 * turn into spaces, and invisible characters are FONT_NONE too, but are
 * never reported missing. */
enum font_face fonts_face(struct fonts *f, int bold, uint32_t cp);

/* Whether cp is a character the reports cannot print: a printable
 * character (not a control, not invisible) that fonts_face finds in
 * neither style's faces. */
int fonts_missing(struct fonts *f, uint32_t cp);

/* The characters of the UTF-8 string s that are missing, each once in the
 * order they first appear, as "U+1F600 😀, U+0939 ह" in a string owned by
 * the caller; NULL when there are none. At most max of them are named
 * (then ", ..." follows). Malformed bytes are not characters, not missing. */
char *fonts_missing_list(struct fonts *f, const char *s, size_t max);

#endif
