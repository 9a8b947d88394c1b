// ncursesw for Swift, and the little C state the terminal layer needs.
//
// Wide-character calls need NCURSES_WIDECHAR before the header, and Swift 6 cannot read the
// library's globals or use its function-like macros, so small functions stand in for them
// (see shared/TERMINAL.md). State (the signal flag) lives in terminal.c only: a `static`
// variable in a header is copied into every module that includes it, and in a release build
// the signal handler then writes one copy while the event loop reads another.
#ifndef BERED_CNCURSESW_H
#define BERED_CNCURSESW_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stddef.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

WINDOW *bered_stdscr(void);
SCREEN *bered_newterm(void);
const char *bered_codeset(void);
int bered_lines(void);
int bered_cols(void);
int bered_has_colors(void);
int bered_key_code_yes(void);
int bered_ok(void);
int bered_err(void);

attr_t bered_a_normal(void);
attr_t bered_a_bold(void);
attr_t bered_a_reverse(void);
attr_t bered_a_dim(void);
attr_t bered_a_underline(void);

/// Draws one grapheme (given as its wide characters) at y, x with attributes and a colour pair.
int bered_put(int y, int x, const wchar_t *text, attr_t attributes, short pair);
int bered_get(wint_t *key);

/// Whether the terminal named by $TERM can move the cursor (TERM=dumb cannot): 1 yes, 0 no,
/// -1 the terminal is unknown. Asked before curses starts, so nothing is drawn on a refusal.
int bered_terminal_can_address(void);

/// Writes a control sequence straight to the terminal (bracketed paste on and off).
void bered_write_terminal(const char *sequence);

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT from kill only set a flag; the event loop sees it
/// within its read timeout, keeps the recovery draft and restores the terminal.
void bered_install_signal_handlers(void);
int bered_pending_signal(void);

/// Waits up to `milliseconds` for input on standard input: 1 input is there, 0 nothing came,
/// -1 the terminal is gone (hung up, closed, or reading gives end of file).
int bered_wait_for_input(int milliseconds);

/// Runs `/bin/sh -c script name file` the way git runs an editor: in our process group (so it
/// is in the terminal's foreground and may read from it), with every signal at its default
/// and none blocked, while this process ignores SIGINT and SIGQUIT until it exits. Returns the
/// exit status, or -1 when it could not be started or was killed by a signal.
int bered_run_editor(const char *script, const char *name, const char *file);

#endif
