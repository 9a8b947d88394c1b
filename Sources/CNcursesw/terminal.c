#include "CNcursesw.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <term.h>
#include <unistd.h>

extern char **environ;

WINDOW *bered_stdscr(void) { return stdscr; }
SCREEN *bered_newterm(void) { return newterm(NULL, stdout, stdin); }
const char *bered_codeset(void) { return nl_langinfo(CODESET); }
int bered_lines(void) { return LINES; }
int bered_cols(void) { return COLS; }
int bered_has_colors(void) { return has_colors(); }
int bered_key_code_yes(void) { return KEY_CODE_YES; }
int bered_ok(void) { return OK; }
int bered_err(void) { return ERR; }

attr_t bered_a_normal(void) { return A_NORMAL; }
attr_t bered_a_bold(void) { return A_BOLD; }
attr_t bered_a_reverse(void) { return A_REVERSE; }
attr_t bered_a_dim(void) { return A_DIM; }
attr_t bered_a_underline(void) { return A_UNDERLINE; }

int bered_put(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

int bered_get(wint_t *key) { return wget_wch(stdscr, key); }

int bered_terminal_can_address(void) {
    int status = 0;
    if (setupterm(NULL, STDOUT_FILENO, &status) != OK) return -1;
    char *move = tigetstr("cup");
    int can = move != NULL && move != (char *)-1 && *move != '\0';
    del_curterm(cur_term);
    return can;
}

void bered_write_terminal(const char *sequence) {
    size_t left = strlen(sequence);
    while (left > 0) {
        ssize_t written = write(STDOUT_FILENO, sequence, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        sequence += written;
        left -= (size_t)written;
    }
}

static volatile sig_atomic_t pending_signal = 0;

static void on_signal(int number) { pending_signal = number; }

void bered_install_signal_handlers(void) {
    static const int handled[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigset_t unblock;
    sigemptyset(&unblock);
    for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) {
        sigaction(handled[i], &action, NULL);
        sigaddset(&unblock, handled[i]);
    }
    // A parent may have started us with these blocked; they must reach the handler.
    sigaddset(&unblock, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
}

int bered_pending_signal(void) { return pending_signal; }

int bered_wait_for_input(int milliseconds) {
    struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
    int ready = poll(&input, 1, milliseconds);
    if (ready < 0) return errno == EINTR ? 0 : -1;
    if (ready == 0) return 0;
    if (input.revents & (POLLHUP | POLLERR | POLLNVAL)) return -1;
    return 1;
}

int bered_run_editor(const char *script, const char *name, const char *file) {
    posix_spawnattr_t attributes;
    if (posix_spawnattr_init(&attributes) != 0) return -1;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    // Ctrl-C in the editor reaches the whole foreground group; it is the editor's, not ours.
    struct sigaction ignore, old_interrupt, old_quit;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_interrupt);
    sigaction(SIGQUIT, &ignore, &old_quit);

    char *const argv[] = {"sh", "-c", (char *)script, (char *)name, (char *)file, NULL};
    pid_t child = 0;
    int started = posix_spawn(&child, "/bin/sh", NULL, &attributes, argv, environ);
    posix_spawnattr_destroy(&attributes);
    int status = 0;
    int result = -1;
    if (started == 0) {
        pid_t waited;
        do { waited = waitpid(child, &status, 0); } while (waited < 0 && errno == EINTR);
        if (waited == child && WIFEXITED(status)) result = WEXITSTATUS(status);
    }
    sigaction(SIGINT, &old_interrupt, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    return result;
}
