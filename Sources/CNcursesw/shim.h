// The few ncursesw entry points scaletop uses, as plain functions Swift can call (ncurses
// exposes several of them only as macros).
#ifndef SCALETOP_CNCURSESW_SHIM_H
#define SCALETOP_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *st_stdscr(void) { return stdscr; }
static inline int st_lines(void) { return LINES; }
static inline int st_cols(void) { return COLS; }
static inline int st_colors(void) { return COLORS; }
static inline int st_color_pairs(void) { return COLOR_PAIRS; }
static inline int st_err(void) { return ERR; }
static inline int st_key_code_yes(void) { return KEY_CODE_YES; }

/// Puts one character cell (a wide character plus optional combining marks) with attributes
/// and an extended colour pair at (y, x).
static inline int st_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, 0, &pair) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

static inline attr_t st_a_bold(void) { return A_BOLD; }
static inline attr_t st_a_dim(void) { return A_DIM; }
static inline attr_t st_a_reverse(void) { return A_REVERSE; }
static inline attr_t st_a_underline(void) { return A_UNDERLINE; }

static inline int st_key_resize(void) { return KEY_RESIZE; }
static inline int st_key_up(void) { return KEY_UP; }
static inline int st_key_down(void) { return KEY_DOWN; }
static inline int st_key_left(void) { return KEY_LEFT; }
static inline int st_key_right(void) { return KEY_RIGHT; }
static inline int st_key_ppage(void) { return KEY_PPAGE; }
static inline int st_key_npage(void) { return KEY_NPAGE; }
static inline int st_key_home(void) { return KEY_HOME; }
static inline int st_key_end(void) { return KEY_END; }
static inline int st_key_backspace(void) { return KEY_BACKSPACE; }
static inline int st_key_enter(void) { return KEY_ENTER; }
static inline int st_key_btab(void) { return KEY_BTAB; }
static inline int st_key_dc(void) { return KEY_DC; }
static inline int st_key_mouse(void) { return KEY_MOUSE; }

/// True when terminfo has an entry for `term` (ncurses' own lookup: $TERMINFO, ~/.terminfo,
/// $TERMINFO_DIRS, the compiled-in directories). Loads nothing for later.
static inline int st_terminfo_has(const char *term) {
    int status = 0;
    TERMINAL *saved = cur_term;
    if (setupterm((char *)term, 1, &status) != OK) { cur_term = saved; return 0; }
    TERMINAL *loaded = cur_term;
    set_curterm(saved);
    del_curterm(loaded);
    return 1;
}

static inline int st_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

static inline int st_utf8_locale(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't');
}

#endif
