// The only C surface Schakel uses from ncursesw. See ../../shared/notes/TECH-NOTES.md:
// SwiftPM drops -D_XOPEN_SOURCE, so wide-character APIs need NCURSES_WIDECHAR here,
// and Swift cannot import ncurses' macros or its mutable globals, so each one the
// TUI needs is wrapped in a static inline accessor below.
#ifndef SCHAKEL_CNCURSESW_SHIM_H
#define SCHAKEL_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

extern int wcwidth(wchar_t);

static inline int schakel_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Globals (not concurrency-safe as seen from Swift 6).
static inline WINDOW *schakel_stdscr(void) { return stdscr; }
static inline int schakel_lines(void) { return LINES; }
static inline int schakel_cols(void) { return COLS; }
static inline int schakel_colors(void) { return COLORS; }
static inline int schakel_color_pairs(void) { return COLOR_PAIRS; }
static inline int schakel_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int schakel_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline const char *schakel_codeset(void) { return nl_langinfo(CODESET); }

// Attribute macros.
static inline attr_t schakel_a_normal(void) { return A_NORMAL; }
static inline attr_t schakel_a_bold(void) { return A_BOLD; }
static inline attr_t schakel_a_dim(void) { return A_DIM; }
static inline attr_t schakel_a_underline(void) { return A_UNDERLINE; }
static inline attr_t schakel_a_reverse(void) { return A_REVERSE; }
static inline attr_t schakel_a_italic(void) { return A_ITALIC; }

// Key codes Swift may not import (KEY_F is a function-like macro).
static inline int schakel_key_code_yes(void) { return KEY_CODE_YES; }
static inline int schakel_key_f(int n) { return KEY_F(n); }
static inline int schakel_key_resize(void) { return KEY_RESIZE; }
static inline int schakel_key_mouse(void) { return KEY_MOUSE; }
static inline int schakel_key_up(void) { return KEY_UP; }
static inline int schakel_key_down(void) { return KEY_DOWN; }
static inline int schakel_key_left(void) { return KEY_LEFT; }
static inline int schakel_key_right(void) { return KEY_RIGHT; }
static inline int schakel_key_home(void) { return KEY_HOME; }
static inline int schakel_key_end(void) { return KEY_END; }
static inline int schakel_key_ppage(void) { return KEY_PPAGE; }
static inline int schakel_key_npage(void) { return KEY_NPAGE; }
static inline int schakel_key_btab(void) { return KEY_BTAB; }
static inline int schakel_key_enter(void) { return KEY_ENTER; }
static inline int schakel_key_backspace(void) { return KEY_BACKSPACE; }
static inline int schakel_key_dc(void) { return KEY_DC; }
static inline int schakel_key_ic(void) { return KEY_IC; }

// Mouse masks (NCURSES_MOUSE_VERSION 2: button 4/5 presses are the wheel).
static inline mmask_t schakel_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t schakel_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t schakel_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t schakel_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t schakel_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t schakel_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t schakel_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t schakel_button5_pressed(void) { return BUTTON5_PRESSED; }

// Signal handling helpers: SIG_DFL is a cast macro Swift does not import.
static inline void schakel_signal_default(int sig) { signal(sig, SIG_DFL); }
#endif
