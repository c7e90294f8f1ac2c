/* Decoding UTF-8, one code point at a time. */
#ifndef CIRT_UTF8_H
#define CIRT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The code point of the well-formed UTF-8 sequence at s and its length in
 * bytes (1 to 4); 0, with *cp U+FFFD, when the bytes at s are not one: a
 * stray continuation byte, a sequence cut short, an overlong form, a
 * surrogate or a value beyond U+10FFFF. s must not be at its end. */
size_t utf8_decode(const char *s, uint32_t *cp);

/* Write the code point cp (at most U+10FFFF) as UTF-8 at out, which has
 * room for 4 bytes; returns how many bytes it wrote. */
size_t utf8_encode(char *out, uint32_t cp);

#endif
