/* libedit's readline-compatible API, for Sources/reviewql/LineEditor.swift.
 *
 * The header is <editline/readline.h> on purpose: GNU readline's headers may also be
 * installed, and <readline/readline.h> would silently pick those up instead of libedit's.
 *
 * Swift 6 will not let Swift code read or assign C globals (they are shared mutable state),
 * so the few that the line editor needs go through these one-line accessors instead. */
#ifndef REVIEWQL_CLIBEDIT_SHIM_H
#define REVIEWQL_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <editline/readline.h>

/* The name libedit looks for in ~/.editrc ("reviewql:bind ..."). Set before the first call. */
static inline void reviewql_set_readline_name(const char *name) { rl_readline_name = name; }

static inline void reviewql_set_completion_function(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/* libedit's rl_complete reads rl_basic_word_break_characters; GNU readline reads the
 * completer's set. Both are set so either behaves the same. The string must outlive the
 * editor. */
static inline void reviewql_set_word_break_characters(char *characters) {
    rl_basic_word_break_characters = characters;
    rl_completer_word_break_characters = characters;
}

/* What a single match gets after it: a character, or nothing at all when 0. */
static inline void reviewql_set_completion_append_character(int character) {
    rl_completion_append_character = character;
    rl_completion_suppress_append = character == 0;
}

/* Nonzero: never fall back to completing file names when the callback finds nothing. */
static inline void reviewql_set_completion_over(int over) { rl_attempted_completion_over = over; }

/* Reads one key (a Unicode scalar value), or -1 for "no more input". Set before the first
 * call into libedit: it is read once, when libedit starts. */
static inline void reviewql_set_getc_function(int (*function)(FILE *)) { rl_getc_function = function; }

/* The prompt and the line being typed go to standard error (when standard output is a file
 * or a pipe). Set before the first call. */
static inline void reviewql_edit_on_standard_error(void) { rl_outstream = stderr; }

static inline const char *reviewql_line_buffer(void) { return rl_line_buffer; }

static inline int reviewql_history_length(void) { return history_length; }

static inline int reviewql_history_base(void) { return history_base; }

#endif
