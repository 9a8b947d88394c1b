// ncursesw for Swift: wide-character calls need NCURSES_WIDECHAR before the header, and
// Swift 6 cannot read the library's globals or use its function-like macros, so small
// inline functions stand in for them (see shared/TERMINAL.md).
#ifndef BERED_NCURSES_SHIM_H
#define BERED_NCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

static inline WINDOW *bered_stdscr(void) { return stdscr; }
static inline SCREEN *bered_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline const char *bered_codeset(void) { return nl_langinfo(CODESET); }
static inline int bered_lines(void) { return LINES; }
static inline int bered_cols(void) { return COLS; }
static inline int bered_has_colors(void) { return has_colors(); }
static inline int bered_key_code_yes(void) { return KEY_CODE_YES; }
static inline int bered_ok(void) { return OK; }
static inline int bered_err(void) { return ERR; }

static inline attr_t bered_a_normal(void) { return A_NORMAL; }
static inline attr_t bered_a_bold(void) { return A_BOLD; }
static inline attr_t bered_a_reverse(void) { return A_REVERSE; }
static inline attr_t bered_a_dim(void) { return A_DIM; }
static inline attr_t bered_a_underline(void) { return A_UNDERLINE; }

/// Draws one grapheme (given as its wide characters) at y, x with attributes and a colour pair.
static inline int bered_put(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

static inline int bered_get(wint_t *key) { return wget_wch(stdscr, key); }

// Signals that should end the program cleanly (SIGTERM, SIGHUP, SIGINT from kill) only set
// a flag here; the event loop sees it within its read timeout and restores the terminal.
static volatile sig_atomic_t bered_signal = 0;
static inline void bered_on_signal(int number) { bered_signal = number; }
static inline void bered_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = bered_on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
    // A parent may have started us with these blocked; they must reach the handler.
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGHUP);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGQUIT);
    sigaddset(&handled, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &handled, NULL);
}
static inline int bered_pending_signal(void) { return bered_signal; }
#endif
