/* PDF drawing through libharu. */
#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <uninorm.h>

#include "exitcode.h"
#include "file.h"
#include "fonts.h"
#include "subset.h"
#include "utf8.h"
#include "xmalloc.h"

#define MAX_OUTLINES 256

/* What a page's content stream has set so far, so that drawing does not
 * repeat an operator that would change nothing. PDF starts each page with
 * black fill and stroke and 1-point lines, and no font. */
struct page_state {
	HPDF_Page page;
	int font; /* -1: none yet */
	HPDF_REAL size;
	HPDF_REAL fill[3];
	HPDF_REAL stroke[3];
	HPDF_REAL line_width;
	int thick; /* text is stroked as well as filled (bold CJK) */
};

struct pdf {
	HPDF_Doc doc;
	struct fonts *faces;	     /* which face draws which character */
	HPDF_Font fonts[FONT_FACES]; /* NULL: a face the document does not use */
	struct page_state *pages;
	size_t page_count;
	size_t page_alloc;
	HPDF_Page page;		  /* the one drawn on */
	struct page_state *state; /* and what it has set */
	double width;
	double height;
	HPDF_Outline outlines[MAX_OUTLINES];
	int outline_count;
	int subset_fds[FONT_FACES]; /* the files in memory libharu reads at save time */
	/* each face's advance width per BMP code point, in 1/1000 em, asked
	 * of libharu once; WIDTH_UNKNOWN until then */
	unsigned short *widths[FONT_FACES];
	uint8_t *has[FONT_FACES]; /* each face's subset, a bit per code point */
	char *run;		  /* the run of text being shown */
	size_t run_alloc;
	jmp_buf jump;
	HPDF_STATUS error;
	HPDF_STATUS detail;
};

/* libharu's error handler: keep the first error and jump back to the
 * public function that was running. */
static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct pdf *p = data;

	if (p->error == 0) {
		p->error = error;
		p->detail = detail;
	}
	longjmp(p->jump, 1);
}

/* Each public function runs libharu calls under this guard. */
#define GUARD(p, fallback)                                                                         \
	do {                                                                                       \
		if ((p)->error || setjmp((p)->jump))                                               \
			return fallback;                                                           \
	} while (0)
#define GUARD_VOID(p)                                                                              \
	do {                                                                                       \
		if ((p)->error || setjmp((p)->jump))                                               \
			return;                                                                    \
	} while (0)
/* Drawing needs a page as well. */
#define GUARD_DRAW(p)                                                                              \
	do {                                                                                       \
		if ((p)->state == NULL)                                                            \
			return;                                                                    \
		GUARD_VOID(p);                                                                     \
	} while (0)

/*
 * libharu 2.3 loads a TrueType font only from a path, and reads the file
 * again when the document is saved. Each subset is therefore put in a file
 * that has no name, in memory, which libharu opens as /proc/self/fd/N; it
 * is closed once the document is freed, and however the process ends,
 * nothing is left in $TMPDIR or anywhere else. Returns the descriptor, or
 * -1 with err set.
 */
static int
subset_in_memory(const char *font, const uint32_t *cps, size_t n, struct error *err)
{
	unsigned char *data = NULL;
	size_t size = 0;
	int fd = -1;

	if (subset_font(font, cps, n, &data, &size, err) == 0)
		fd = file_memory_open("cirt-font", data, size, err);
	free(data);
	return fd;
}

static void
close_subsets(struct pdf *p)
{
	for (int i = 0; i < FONT_FACES; i++)
		if (p->subset_fds[i] >= 0) {
			close(p->subset_fds[i]);
			p->subset_fds[i] = -1;
		}
}

/* The letters an Arabic presentation form (a joined shape, a lam-alef
 * ligature) stands for, from its Unicode compatibility decomposition, in
 * out[0..2); returns how many, or 0 for any other character. */
static size_t
presentation_letters(uint32_t cp, uint32_t out[2])
{
	int type;
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int n;

	if (!((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC)))
		return 0;
	n = uc_decomposition((ucs4_t)cp, &type, d);
	if (n < 1 || n > 2)
		return 0;
	for (int i = 0; i < n; i++)
		out[i] = d[i];
	return (size_t)n;
}

/* One line of a ToUnicode map: a range of codes to the same range of
 * characters (first < last), or one code to one or two characters. */
struct to_unicode {
	uint32_t first, last;
	uint32_t to[2];
	size_t n; /* characters in to: 1 or 2 */
};

/* Write the lines of one kind (ranges or single codes) in blocks of at
 * most 100, as the format allows. */
static void
write_blocks(HPDF_Stream out, const struct to_unicode *v, size_t count, int ranges)
{
	const char *kind = ranges ? "bfrange" : "bfchar";
	size_t total = 0;
	size_t done = 0;
	char line[64];

	for (size_t i = 0; i < count; i++)
		total += (v[i].first < v[i].last) == ranges;
	for (size_t i = 0; i < count; i++) {
		if ((v[i].first < v[i].last) != ranges)
			continue;
		if (done % 100 == 0) {
			snprintf(line, sizeof(line), "%zu begin%s\n",
				 total - done < 100 ? total - done : 100, kind);
			HPDF_Stream_WriteStr(out, line);
		}
		if (ranges)
			snprintf(line, sizeof(line), "<%04X> <%04X> <%04X>\n", (unsigned)v[i].first,
				 (unsigned)v[i].last, (unsigned)v[i].to[0]);
		else if (v[i].n == 2)
			snprintf(line, sizeof(line), "<%04X> <%04X%04X>\n", (unsigned)v[i].first,
				 (unsigned)v[i].to[0], (unsigned)v[i].to[1]);
		else
			snprintf(line, sizeof(line), "<%04X> <%04X>\n", (unsigned)v[i].first,
				 (unsigned)v[i].to[0]);
		HPDF_Stream_WriteStr(out, line);
		done++;
		if (done % 100 == 0 || done == total) {
			snprintf(line, sizeof(line), "end%s\n", kind);
			HPDF_Stream_WriteStr(out, line);
		}
	}
}

/*
 * libharu gives each font a ToUnicode stream that is a copy of its encoding
 * CMap (begincidrange), which text extraction rejects. Since the codes are
 * the code points, the right table maps each code to itself: write that for
 * the code points the document uses, runs of them as ranges (a run may not
 * cross a change of the first byte). An Arabic presentation form, which
 * the renderer draws for a letter in its joined shape, maps to the letters
 * it stands for, so that text extraction gives back what was typed.
 */
static void
write_to_unicode(HPDF_Font font, const uint32_t *cps, size_t count)
{
	HPDF_FontAttr attr = font->attr;
	HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
	struct to_unicode *v;
	size_t n = 0;

	/* only where that stream is the font's ToUnicode (libharu 2.3) */
	if (cmap == NULL || HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) != cmap)
		return;
	v = xcalloc(count + 1, sizeof(*v));
	for (size_t i = 0; i < count; i++) {
		uint32_t cp = cps[i];
		uint32_t letters[2];
		size_t k;

		if (cp == 0 || cp > 0xFFFF)
			continue;
		k = presentation_letters(cp, letters);
		if (k) {
			/* a ligature's letters as they are drawn, right to left
			 * (text extraction turns the drawn order round) */
			v[n].first = v[n].last = cp;
			v[n].to[0] = letters[k - 1];
			v[n].to[1] = letters[0];
			v[n++].n = k;
		} else if (n && v[n - 1].n == 1 && v[n - 1].last + 1 == cp &&
			   v[n - 1].to[0] == v[n - 1].first && (v[n - 1].first >> 8) == (cp >> 8)) {
			v[n - 1].last = cp;
		} else {
			v[n].first = v[n].last = v[n].to[0] = cp;
			v[n++].n = 1;
		}
	}
	HPDF_MemStream_FreeData(cmap->stream);
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_Stream_WriteStr(cmap->stream,
			     "/CIDInit /ProcSet findresource begin\n"
			     "12 dict begin\n"
			     "begincmap\n"
			     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
			     "/Supplement 0 >> def\n"
			     "/CMapName /Adobe-Identity-UCS def\n"
			     "/CMapType 2 def\n"
			     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	write_blocks(cmap->stream, v, n, 1);
	write_blocks(cmap->stream, v, n, 0);
	HPDF_Stream_WriteStr(cmap->stream,
			     "endcmap\n"
			     "CMapName currentdict /CMap defineresource pop\n"
			     "end\n"
			     "end\n");
	free(v);
}

/* libharu's UTF-8 encoder makes each font's CID map cover the whole Basic
 * Multilingual Plane: 65,536 glyph look-ups and a 128 KB CIDToGIDMap stream
 * to compress, per font, whatever the document uses. Its CIDs are the code
 * points themselves (Identity-H), so it is enough to list only the code
 * points the document draws: with the encoder's table look-up in place of
 * its UTF-8 decoder while the font is made, libharu maps those alone, and
 * the map ends at the highest of them. Text is encoded as before. */
/*
 * libharu embeds only the glyphs it saw drawn, and adds the parts of a
 * composite glyph only when they come after it in the font: a part before
 * it (the caron of "ǅ", say) is left out and prints blank. The font given
 * to libharu is already HarfBuzz's subset of what the document prints,
 * with every composite's parts, so all its glyphs are marked used.
 */
static void
keep_every_glyph(HPDF_Font font)
{
	HPDF_FontAttr attr = font ? font->attr : NULL;
	HPDF_FontDef def = attr ? attr->fontdef : NULL;
	HPDF_TTFontDefAttr tt;

	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->attr == NULL)
		return;
	tt = def->attr;
	if (tt->glyph_tbl.flgs)
		memset(tt->glyph_tbl.flgs, 1, tt->num_glyphs);
}

static HPDF_Font
font_for(struct pdf *p, const char *name, const uint32_t *codepoints, size_t count)
{
	HPDF_Encoder enc = HPDF_GetEncoder(p->doc, "UTF-8");
	HPDF_CMapEncoderAttr attr = enc->attr;
	HPDF_Encoder_ToUnicode_Func decode = enc->to_unicode_fn;
	HPDF_UINT16 saved[8];
	uint32_t top = 0;
	HPDF_Font font;

	/* an encoder whose CIDs are not the code points: make the font as is */
	if (strcmp(attr->ordering, "Identity-H") != 0)
		return HPDF_GetFont(p->doc, name, "UTF-8");
	/* the UTF-8 decoder keeps its state in the first entries of cid_map */
	memcpy(saved, attr->cid_map[0], sizeof(saved));
	memset(attr->cid_map[0], 0, sizeof(saved));
	for (size_t i = 0; i < count; i++)
		if (codepoints[i] > 0 && codepoints[i] < 0xFFFF) {
			attr->cid_map[codepoints[i] & 0xFF][codepoints[i] >> 8] =
				(HPDF_UINT16)codepoints[i];
			attr->unicode_map[codepoints[i] & 0xFF][codepoints[i] >> 8] =
				(HPDF_UNICODE)codepoints[i];
			if (codepoints[i] > top)
				top = codepoints[i];
		}
	/* libharu's map stops one short of the highest CID: end on a blank */
	top++;
	attr->cid_map[top & 0xFF][top >> 8] = (HPDF_UINT16)top;
	attr->unicode_map[top & 0xFF][top >> 8] = 0xFFFF;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	font = HPDF_GetFont(p->doc, name, "UTF-8");
	enc->to_unicode_fn = decode;
	if (font)
		write_to_unicode(font, codepoints, count);
	for (size_t i = 0; i < count; i++)
		if (codepoints[i] > 0 && codepoints[i] < 0xFFFF)
			attr->cid_map[codepoints[i] & 0xFF][codepoints[i] >> 8] = 0;
	attr->cid_map[top & 0xFF][top >> 8] = 0;
	memcpy(attr->cid_map[0], saved, sizeof(saved));
	return font;
}

/* The code points among cps[0..count) that face draws, for its subset:
 * those of regular text in a regular face, of bold text (bold[0..
 * bold_count)) in a bold face, of both in the CJK face. */
static uint32_t *
face_codepoints(struct fonts *faces, enum font_face face, const uint32_t *cps, size_t count,
		const uint32_t *bold, size_t bold_count, size_t *n)
{
	int is_bold = face == FONT_SANS_BOLD || face == FONT_EXTRA_BOLD;
	uint32_t *out = xcalloc(count + bold_count + 1, sizeof(*out));

	*n = 0;
	if (is_bold) {
		cps = bold;
		count = bold_count;
	}
	for (size_t i = 0; i < count; i++)
		if (fonts_face(faces, is_bold, cps[i]) == face ||
		    (face == FONT_CJK && fonts_face(faces, 1, cps[i]) == face))
			out[(*n)++] = cps[i];
	return out;
}

struct pdf *
pdf_new(double width, double height, struct fonts *faces, const uint32_t *codepoints, size_t count,
	const uint32_t *bold, size_t bold_count, struct error *err)
{
	struct pdf *p = xcalloc(1, sizeof(*p));
	char paths[FONT_FACES][32];
	uint32_t *cps[FONT_FACES] = {NULL};
	size_t n[FONT_FACES] = {0};

	p->width = width;
	p->height = height;
	p->faces = faces;
	for (int i = 0; i < FONT_FACES; i++)
		p->subset_fds[i] = -1;
	for (int i = 0; i < FONT_FACES; i++) {
		cps[i] = face_codepoints(faces, (enum font_face)i, codepoints, count, bold,
					 bold_count, &n[i]);
		p->has[i] = xcalloc(1, 0x10000 / 8);
		for (size_t k = 0; k < n[i]; k++)
			p->has[i][cps[i][k] >> 3] |= (uint8_t)(1u << (cps[i][k] & 7));
		/* DejaVu Sans always (U+FFFD); the others for what they draw */
		if (n[i] == 0 && i != FONT_SANS)
			continue;
		if (faces->path[i] == NULL) {
			error_set(err, EXIT_IO, "no font file for the PDF's text");
			goto fail;
		}
		p->subset_fds[i] = subset_in_memory(faces->path[i], cps[i], n[i], err);
		if (p->subset_fds[i] < 0)
			goto fail;
		snprintf(paths[i], sizeof(paths[i]), "/proc/self/fd/%d", p->subset_fds[i]);
		if (access(paths[i], R_OK) < 0) {
			error_set(err, EXIT_IO, "cannot read a font subset through '%s': %s",
				  paths[i], strerror(errno));
			goto fail;
		}
	}
	p->doc = HPDF_New(on_error, p);
	if (p->doc == NULL) {
		error_set(err, EXIT_IO, "cannot start a PDF document");
		goto fail;
	}
	if (setjmp(p->jump)) {
		error_set(err, EXIT_IO, "cannot set up the PDF fonts (libharu error 0x%04X, %u)",
			  (unsigned)p->error, (unsigned)p->detail);
		goto fail;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	/* the UTF-8 encoder before any text, outline or information */
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	for (int i = 0; i < FONT_FACES; i++) {
		const char *name;

		if (p->subset_fds[i] < 0)
			continue;
		name = HPDF_LoadTTFontFromFile(p->doc, paths[i], HPDF_TRUE);
		p->fonts[i] = font_for(p, name, cps[i], n[i]);
		keep_every_glyph(p->fonts[i]);
	}
	HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	for (int i = 0; i < FONT_FACES; i++)
		free(cps[i]);
	return p;
fail:
	for (int i = 0; i < FONT_FACES; i++)
		free(cps[i]);
	pdf_free(p);
	return NULL;
}

void
pdf_free(struct pdf *p)
{
	if (p == NULL)
		return;
	if (p->doc)
		HPDF_Free(p->doc);
	close_subsets(p);
	for (int i = 0; i < FONT_FACES; i++) {
		free(p->widths[i]);
		free(p->has[i]);
	}
	free(p->pages);
	free(p->run);
	free(p);
}

size_t
pdf_page_new(struct pdf *p)
{
	GUARD(p, p->page_count);
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetWidth(p->page, (HPDF_REAL)p->width);
	HPDF_Page_SetHeight(p->page, (HPDF_REAL)p->height);
	xgrow((void **)&p->pages, &p->page_alloc, p->page_count + 1, sizeof(*p->pages));
	p->state = &p->pages[p->page_count];
	memset(p->state, 0, sizeof(*p->state));
	p->state->page = p->page;
	p->state->font = -1;
	p->state->line_width = 1;
	return p->page_count++;
}

size_t
pdf_page_count(const struct pdf *p)
{
	return p->page_count;
}

void
pdf_page_select(struct pdf *p, size_t page)
{
	if (page < p->page_count) {
		p->state = &p->pages[page];
		p->page = p->state->page;
	}
}

void
pdf_text(struct pdf *p, enum pdf_font font, double size, double x, double y, const char *utf8)
{
	pdf_text_rotated(p, font, size, x, y, 0, utf8);
}

static int
same_rgb(const HPDF_REAL a[3], const HPDF_REAL b[3])
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

#define WIDTH_UNKNOWN 0xFFFF

/* A position on the page to the nearest quarter point (under 0.1 mm):
 * written with at most two decimals, a page's drawing takes less room. */
static HPDF_REAL
snap(double v)
{
	return (HPDF_REAL)(floor(v * 4 + 0.5) / 4);
}

/* The face that draws cp in style font, and the code point it draws: one
 * no face has (which the renderer should have replaced) is U+FFFD. */
static int
in_subset(const struct pdf *p, enum font_face face, uint32_t cp)
{
	return face != FONT_NONE && p->fonts[face] && p->has[face] &&
		(p->has[face][cp >> 3] & (1u << (cp & 7)));
}

static enum font_face
face_of(struct pdf *p, enum pdf_font font, uint32_t *cp)
{
	enum font_face face = fonts_face(p->faces, font == PDF_BOLD, *cp);

	/* bold text the bold subset lacks: in the regular face */
	if (!in_subset(p, face, *cp) && font == PDF_BOLD)
		face = fonts_face(p->faces, 0, *cp);
	if (!in_subset(p, face, *cp)) {
		*cp = 0xFFFD;
		face = font == PDF_BOLD && in_subset(p, FONT_SANS_BOLD, 0xFFFD) ? FONT_SANS_BOLD
										: FONT_SANS;
	}
	return face;
}

/* The advance of cp (a code point face has, in the BMP) in 1/1000 em,
 * asked of libharu once. */
static unsigned long
advance(struct pdf *p, enum font_face face, uint32_t cp)
{
	unsigned short *w = p->widths[face];

	if (w == NULL) {
		w = p->widths[face] = xmalloc(0x10000 * sizeof(*w));
		memset(w, 0xFF, 0x10000 * sizeof(*w));
	}
	if (w[cp] == WIDTH_UNKNOWN) {
		char one[4];
		size_t n = utf8_encode(one, cp);
		HPDF_UINT got =
			HPDF_Font_TextWidth(p->fonts[face], (const HPDF_BYTE *)one, (HPDF_UINT)n)
				.width;

		w[cp] = got < WIDTH_UNKNOWN ? (unsigned short)got : WIDTH_UNKNOWN - 1;
	}
	return w[cp];
}

/* Show one run of text in one face at the text position. Bold text in a
 * regular face (the CJK face, which has no bold; any in a CJK document,
 * fonts.h) is drawn thicker: filled, and
 * stroked in its colour with a line of 1/30 em; the page keeps that mode
 * until text that is not drawn so comes. */
static void
show_run(struct pdf *p, enum pdf_font font, enum font_face face, double size, const char *run)
{
	struct page_state *st = p->state;
	int thicker = font == PDF_BOLD && face != FONT_SANS_BOLD && face != FONT_EXTRA_BOLD;

	if (st->font != (int)face || st->size != (HPDF_REAL)size) {
		HPDF_Page_SetFontAndSize(p->page, p->fonts[face], (HPDF_REAL)size);
		st->font = (int)face;
		st->size = (HPDF_REAL)size;
	}
	if (thicker != st->thick) {
		HPDF_Page_SetTextRenderingMode(p->page,
					       thicker ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
		st->thick = thicker;
	}
	if (thicker && !same_rgb(st->stroke, st->fill)) {
		HPDF_Page_SetRGBStroke(p->page, st->fill[0], st->fill[1], st->fill[2]);
		memcpy(st->stroke, st->fill, sizeof(st->stroke));
	}
	if (thicker && st->line_width != (HPDF_REAL)(size / 30)) {
		HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)(size / 30));
		st->line_width = (HPDF_REAL)(size / 30);
	}
	HPDF_Page_ShowText(p->page, run);
}

static void
draw_text(struct pdf *p, enum pdf_font font, double size, double x, double y, double degrees,
	  const char *utf8)
{
	double rad = degrees * 3.14159265358979323846 / 180;
	double c = cos(rad);
	double s = sin(rad);
	char *run;
	size_t len = 0;
	enum font_face current = FONT_NONE;

	xgrow((void **)&p->run, &p->run_alloc, 3 * strlen(utf8) + 1, 1);
	run = p->run;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetTextMatrix(p->page, (HPDF_REAL)c, (HPDF_REAL)s, (HPDF_REAL)-s, (HPDF_REAL)c,
				snap(x), snap(y));
	for (const char *t = utf8; *t;) {
		uint32_t cp;
		size_t n = utf8_decode(t, &cp);
		enum font_face face;

		t += n ? n : 1;
		if (n == 0 || cp > 0xFFFF)
			cp = 0xFFFD;
		face = face_of(p, font, &cp);
		if (face != current && len) {
			run[len] = '\0';
			show_run(p, font, current, size, run);
			len = 0;
		}
		current = face;
		len += utf8_encode(run + len, cp);
	}
	if (len) {
		run[len] = '\0';
		show_run(p, font, current, size, run);
	}
	HPDF_Page_EndText(p->page);
}

/*
 * Text is shown in runs, each in the face that has its characters; a run
 * starts where the one before it ends (the text position moves on by its
 * advance), so a line in several faces reads as one.
 */
void
pdf_text_rotated(struct pdf *p, enum pdf_font font, double size, double x, double y, double degrees,
		 const char *utf8)
{
	GUARD_DRAW(p);
	if (*utf8 == '\0')
		return;
	draw_text(p, font, size, x, y, degrees, utf8);
}

/*
 * Laying out a report measures every word many times: the width of each
 * code point is asked of libharu once and then summed here, which gives
 * libharu's own figure (a Type0 font's text width is the sum of its
 * glyphs' widths) at a fraction of the cost.
 */
static unsigned long
text_width(struct pdf *p, enum pdf_font font, const char *utf8)
{
	unsigned long total = 0;

	while (*utf8) {
		uint32_t cp;
		size_t n = utf8_decode(utf8, &cp);
		enum font_face face;

		utf8 += n ? n : 1;
		if (n == 0 || cp > 0xFFFF)
			cp = 0xFFFD;
		face = face_of(p, font, &cp);
		total += advance(p, face, cp);
	}
	return total;
}

double
pdf_text_width(struct pdf *p, enum pdf_font font, double size, const char *utf8)
{
	GUARD(p, 0);
	if (*utf8 == '\0')
		return 0;
	return (double)text_width(p, font, utf8) * size / 1000.0;
}

static double
char_width(struct pdf *p, enum pdf_font font, double size, uint32_t cp)
{
	enum font_face face;

	if (cp == 0 || cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	face = face_of(p, font, &cp);
	return (double)advance(p, face, cp) * size / 1000.0;
}

double
pdf_char_width(struct pdf *p, enum pdf_font font, double size, uint32_t cp)
{
	GUARD(p, 0);
	return char_width(p, font, size, cp);
}

/* Set a colour unless the page has it already; now is the page's current
 * fill or stroke colour, set libharu's operator for it. */
static void
set_colour(struct pdf *p, struct pdf_colour c, HPDF_REAL now[3],
	   HPDF_STATUS (*set)(HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL))
{
	HPDF_REAL rgb[3] = {(HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b};

	if (same_rgb(rgb, now))
		return;
	set(p->page, rgb[0], rgb[1], rgb[2]);
	memcpy(now, rgb, sizeof(rgb));
}

void
pdf_fill_colour(struct pdf *p, struct pdf_colour c)
{
	GUARD_DRAW(p);
	set_colour(p, c, p->state->fill, HPDF_Page_SetRGBFill);
}

void
pdf_stroke_colour(struct pdf *p, struct pdf_colour c)
{
	GUARD_DRAW(p);
	set_colour(p, c, p->state->stroke, HPDF_Page_SetRGBStroke);
}

void
pdf_line_width(struct pdf *p, double width)
{
	GUARD_DRAW(p);
	if ((HPDF_REAL)width == p->state->line_width)
		return;
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	p->state->line_width = (HPDF_REAL)width;
}

static void
paint(struct pdf *p, int fill, int stroke)
{
	if (fill && stroke)
		HPDF_Page_FillStroke(p->page);
	else if (fill)
		HPDF_Page_Fill(p->page);
	else if (stroke)
		HPDF_Page_Stroke(p->page);
	else
		HPDF_Page_EndPath(p->page);
}

void
pdf_rect(struct pdf *p, double x, double y, double w, double h, int fill, int stroke)
{
	GUARD_DRAW(p);
	HPDF_Page_Rectangle(p->page, snap(x), snap(y), snap(w), snap(h));
	paint(p, fill, stroke);
}

void
pdf_line(struct pdf *p, double x1, double y1, double x2, double y2)
{
	GUARD_DRAW(p);
	HPDF_Page_MoveTo(p->page, snap(x1), snap(y1));
	HPDF_Page_LineTo(p->page, snap(x2), snap(y2));
	HPDF_Page_Stroke(p->page);
}

void
pdf_polygon(struct pdf *p, const double *xy, size_t n, int fill, int stroke)
{
	GUARD_DRAW(p);
	if (n < 2)
		return;
	HPDF_Page_MoveTo(p->page, snap(xy[0]), snap(xy[1]));
	for (size_t i = 1; i < n; i++)
		HPDF_Page_LineTo(p->page, snap(xy[2 * i]), snap(xy[2 * i + 1]));
	HPDF_Page_ClosePath(p->page);
	paint(p, fill, stroke);
}

int
pdf_outline(struct pdf *p, int parent, const char *title)
{
	HPDF_Destination dest;
	HPDF_Outline o;

	GUARD(p, -1);
	if (p->outline_count >= MAX_OUTLINES)
		return -1;
	o = HPDF_CreateOutline(p->doc, parent >= 0 ? p->outlines[parent] : NULL, title,
			       HPDF_GetEncoder(p->doc, "UTF-8"));
	dest = HPDF_Page_CreateDestination(p->page);
	HPDF_Destination_SetXYZ(dest, 0, HPDF_Page_GetHeight(p->page), 1);
	HPDF_Outline_SetDestination(o, dest);
	HPDF_Outline_SetOpened(o, HPDF_TRUE);
	p->outlines[p->outline_count] = o;
	return p->outline_count++;
}

static HPDF_Date
date_of(time_t when)
{
	HPDF_Date d;
	struct tm tm;

	memset(&d, 0, sizeof(d));
	gmtime_r(&when, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	return d;
}

void
pdf_info(struct pdf *p, const char *title, const char *author, const char *subject,
	 const char *keywords, time_t created)
{
	GUARD_VOID(p);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, author);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, subject);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_KEYWORDS, keywords);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "cirt");
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date_of(created));
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, date_of(created));
}

int
pdf_save(struct pdf *p, unsigned char **data, size_t *size, struct error *err)
{
	HPDF_UINT32 n;
	HPDF_UINT32 got;

	*data = NULL;
	*size = 0;
	if (p->error == 0 && setjmp(p->jump) == 0) {
		HPDF_SaveToStream(p->doc);
		n = HPDF_GetStreamSize(p->doc);
		*data = xmalloc(n ? n : 1);
		got = n;
		HPDF_ReadFromStream(p->doc, *data, &got);
		*size = got;
	}
	if (p->error) {
		free(*data);
		*data = NULL;
		return error_set(err, EXIT_IO, "cannot make the PDF (libharu error 0x%04X, %u)",
				 (unsigned)p->error, (unsigned)p->detail);
	}
	return 0;
}
