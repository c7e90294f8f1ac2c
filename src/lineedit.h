/* Reading what the assessor types, one line per prompt: with libedit's
 * line editing and history on a terminal, plain lines otherwise (scripts,
 * tests). The only module that includes libedit. */
#ifndef CIRT_LINEEDIT_H
#define CIRT_LINEEDIT_H

#include <stdio.h>

struct line_reader;

/* A reader on standard input; interactive uses libedit. */
struct line_reader *line_reader_new(int interactive);
void line_reader_free(struct line_reader *r);

/* Show prompt and read one line, without its line ending. Returns a string
 * owned by the caller, or NULL at the end of input (Ctrl-D, or Ctrl-C
 * after line_reader_interrupt). Without a terminal the line read is echoed
 * after the prompt, so that a transcript reads like a session. */
char *line_reader_get(struct line_reader *r, const char *prompt);

/* Whether the last line_reader_get that returned NULL ended with Ctrl-C
 * on an empty line of a terminal (rather than the end of input). A
 * Ctrl-C on a line with text clears it and reads on. */
int line_reader_ctrl_c(const struct line_reader *r);

/* Install a SIGINT handler under which Ctrl-C ends input as Ctrl-D does;
 * line_reader_interrupted tells afterwards whether it happened. */
void line_reader_catch_interrupt(void);
int line_reader_interrupted(void);

#endif
