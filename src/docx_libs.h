/* The libraries of the Word renderer (cairo for the charts, FreeType for
 * their fonts, libzip for the container), opened when a DOCX is first
 * written rather than linked: every other command would otherwise load
 * them, and some fifteen libraries they bring (X11's among them), at each
 * start. render_docx.c calls them by their usual names, which this header
 * turns into calls through the pointers docx_libs_open fills in. */
#ifndef CIRT_DOCX_LIBS_H
#define CIRT_DOCX_LIBS_H

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <zip.h>

#include "error.h"

#define DOCX_FUNCTIONS(X)                                                                          \
	X(FT_Done_Face)                                                                            \
	X(FT_Init_FreeType)                                                                        \
	X(FT_New_Face)                                                                             \
	X(cairo_close_path)                                                                        \
	X(cairo_create)                                                                            \
	X(cairo_destroy)                                                                           \
	X(cairo_fill_preserve)                                                                     \
	X(cairo_font_face_destroy)                                                                 \
	X(cairo_font_face_set_user_data)                                                           \
	X(cairo_font_face_status)                                                                  \
	X(cairo_font_options_create)                                                               \
	X(cairo_font_options_destroy)                                                              \
	X(cairo_font_options_set_hint_metrics)                                                     \
	X(cairo_font_options_set_hint_style)                                                       \
	X(cairo_ft_font_face_create_for_ft_face)                                                   \
	X(cairo_image_surface_create)                                                              \
	X(cairo_line_to)                                                                           \
	X(cairo_move_to)                                                                           \
	X(cairo_new_path)                                                                          \
	X(cairo_paint)                                                                             \
	X(cairo_rectangle)                                                                         \
	X(cairo_scale)                                                                             \
	X(cairo_set_font_face)                                                                     \
	X(cairo_set_font_options)                                                                  \
	X(cairo_set_font_size)                                                                     \
	X(cairo_set_line_join)                                                                     \
	X(cairo_set_line_width)                                                                    \
	X(cairo_set_source_rgb)                                                                    \
	X(cairo_show_text)                                                                         \
	X(cairo_status)                                                                            \
	X(cairo_status_to_string)                                                                  \
	X(cairo_stroke_preserve)                                                                   \
	X(cairo_surface_destroy)                                                                   \
	X(cairo_surface_flush)                                                                     \
	X(cairo_surface_write_to_png_stream)                                                       \
	X(cairo_text_extents)                                                                      \
	X(zip_close)                                                                               \
	X(zip_discard)                                                                             \
	X(zip_error_fini)                                                                          \
	X(zip_error_init)                                                                          \
	X(zip_error_strerror)                                                                      \
	X(zip_file_add)                                                                            \
	X(zip_file_set_dostime)                                                                    \
	X(zip_open_from_source)                                                                    \
	X(zip_set_file_compression)                                                                \
	X(zip_source_buffer)                                                                       \
	X(zip_source_buffer_create)                                                                \
	X(zip_source_close)                                                                        \
	X(zip_source_error)                                                                        \
	X(zip_source_free)                                                                         \
	X(zip_source_keep)                                                                         \
	X(zip_source_open)                                                                         \
	X(zip_source_read)                                                                         \
	X(zip_source_stat)                                                                         \
	X(zip_stat_init)                                                                           \
	X(zip_strerror)

struct docx_libs {
#define DOCX_POINTER(f) __typeof__(&f) f;
	DOCX_FUNCTIONS(DOCX_POINTER)
#undef DOCX_POINTER
};

extern struct docx_libs docx_libs;

/* Open the libraries and find every function, once per process; 0, or -1
 * with err naming the library or function missing and its Debian
 * package. */
int docx_libs_open(struct error *err);

#ifndef DOCX_LIBS_OWN
#define FT_Done_Face (docx_libs.FT_Done_Face)
#define FT_Init_FreeType (docx_libs.FT_Init_FreeType)
#define FT_New_Face (docx_libs.FT_New_Face)
#define cairo_close_path (docx_libs.cairo_close_path)
#define cairo_create (docx_libs.cairo_create)
#define cairo_destroy (docx_libs.cairo_destroy)
#define cairo_fill_preserve (docx_libs.cairo_fill_preserve)
#define cairo_font_face_destroy (docx_libs.cairo_font_face_destroy)
#define cairo_font_face_set_user_data (docx_libs.cairo_font_face_set_user_data)
#define cairo_font_face_status (docx_libs.cairo_font_face_status)
#define cairo_font_options_create (docx_libs.cairo_font_options_create)
#define cairo_font_options_destroy (docx_libs.cairo_font_options_destroy)
#define cairo_font_options_set_hint_metrics (docx_libs.cairo_font_options_set_hint_metrics)
#define cairo_font_options_set_hint_style (docx_libs.cairo_font_options_set_hint_style)
#define cairo_ft_font_face_create_for_ft_face (docx_libs.cairo_ft_font_face_create_for_ft_face)
#define cairo_image_surface_create (docx_libs.cairo_image_surface_create)
#define cairo_line_to (docx_libs.cairo_line_to)
#define cairo_move_to (docx_libs.cairo_move_to)
#define cairo_new_path (docx_libs.cairo_new_path)
#define cairo_paint (docx_libs.cairo_paint)
#define cairo_rectangle (docx_libs.cairo_rectangle)
#define cairo_scale (docx_libs.cairo_scale)
#define cairo_set_font_face (docx_libs.cairo_set_font_face)
#define cairo_set_font_options (docx_libs.cairo_set_font_options)
#define cairo_set_font_size (docx_libs.cairo_set_font_size)
#define cairo_set_line_join (docx_libs.cairo_set_line_join)
#define cairo_set_line_width (docx_libs.cairo_set_line_width)
#define cairo_set_source_rgb (docx_libs.cairo_set_source_rgb)
#define cairo_show_text (docx_libs.cairo_show_text)
#define cairo_status (docx_libs.cairo_status)
#define cairo_status_to_string (docx_libs.cairo_status_to_string)
#define cairo_stroke_preserve (docx_libs.cairo_stroke_preserve)
#define cairo_surface_destroy (docx_libs.cairo_surface_destroy)
#define cairo_surface_flush (docx_libs.cairo_surface_flush)
#define cairo_surface_write_to_png_stream (docx_libs.cairo_surface_write_to_png_stream)
#define cairo_text_extents (docx_libs.cairo_text_extents)
#define zip_close (docx_libs.zip_close)
#define zip_discard (docx_libs.zip_discard)
#define zip_error_fini (docx_libs.zip_error_fini)
#define zip_error_init (docx_libs.zip_error_init)
#define zip_error_strerror (docx_libs.zip_error_strerror)
#define zip_file_add (docx_libs.zip_file_add)
#define zip_file_set_dostime (docx_libs.zip_file_set_dostime)
#define zip_open_from_source (docx_libs.zip_open_from_source)
#define zip_set_file_compression (docx_libs.zip_set_file_compression)
#define zip_source_buffer (docx_libs.zip_source_buffer)
#define zip_source_buffer_create (docx_libs.zip_source_buffer_create)
#define zip_source_close (docx_libs.zip_source_close)
#define zip_source_error (docx_libs.zip_source_error)
#define zip_source_free (docx_libs.zip_source_free)
#define zip_source_keep (docx_libs.zip_source_keep)
#define zip_source_open (docx_libs.zip_source_open)
#define zip_source_read (docx_libs.zip_source_read)
#define zip_source_stat (docx_libs.zip_source_stat)
#define zip_stat_init (docx_libs.zip_stat_init)
#define zip_strerror (docx_libs.zip_strerror)
#endif

#endif
