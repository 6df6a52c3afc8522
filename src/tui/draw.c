/*
 * draw.c — the one function that puts text on the screen (after tig's
 * draw.c). Every string that came from a page passes through draw_text,
 * which makes it harmless and lays it out by display width itself:
 *
 *   - invalid UTF-8 becomes U+FFFD; tabs expand to the next multiple of 8;
 *   - control characters (\r, \b, ESC ...), DEL, C1, bidi controls, U+FEFF
 *     and anything with a negative width become TEXT_UNSAFE_MARK, so an
 *     article can neither move the cursor, set the title nor reverse a line;
 *   - widths come from text_cp_width and every cell is placed at a column
 *     the program computed, never where the terminal thinks it should go;
 *   - text too wide ends in "…"; search hits get their own attribute.
 *
 * Also the roles' attributes: colors on the terminal's default background,
 * none when NO_COLOR is set.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

#define TAB_STOP 8
#define ELLIPSIS L"\u2026"
#define MAX_COMBINING 4

void draw_init(attr_t attrs[ROLE_COUNT], bool no_color)
{
	bool color = !no_color && has_colors();

	for (int i = 0; i < ROLE_COUNT; i++)
		attrs[i] = A_NORMAL;
	attrs[ROLE_HEADER] = A_REVERSE;
	attrs[ROLE_STATUS] = A_NORMAL;
	attrs[ROLE_SELECTED] = A_REVERSE;
	attrs[ROLE_CURSOR] = A_UNDERLINE;
	attrs[ROLE_KICKER] = A_DIM;
	attrs[ROLE_UNREAD] = A_BOLD;
	attrs[ROLE_STAR] = A_BOLD;
	attrs[ROLE_TITLE] = A_BOLD;
	attrs[ROLE_SECTION] = A_BOLD;
	attrs[ROLE_CAPTION] = A_DIM;
	attrs[ROLE_HIT] = A_REVERSE | A_BOLD;
	attrs[ROLE_ERROR] = A_BOLD;
	if (!color || start_color() == ERR)
		return;
	/* -1: the terminal's own background (and foreground) */
	if (use_default_colors() == ERR)
		return;
	static const struct {
		enum role role;
		short fg;
		attr_t extra;
	} colors[] = {
		{ROLE_HEADER, COLOR_BLUE, A_REVERSE | A_BOLD},
		{ROLE_DATE, COLOR_CYAN, 0},
		{ROLE_CITY, COLOR_GREEN, 0},
		{ROLE_UNREAD, COLOR_YELLOW, A_BOLD},
		{ROLE_STAR, COLOR_YELLOW, A_BOLD},
		{ROLE_SECTION, COLOR_MAGENTA, A_BOLD},
		{ROLE_HIT, COLOR_YELLOW, A_REVERSE | A_BOLD},
		{ROLE_ERROR, COLOR_RED, A_BOLD},
		{ROLE_BAR, COLOR_CYAN, 0},
		{ROLE_SHADE_1, COLOR_BLUE, 0},
		{ROLE_SHADE_2, COLOR_GREEN, 0},
		{ROLE_SHADE_3, COLOR_YELLOW, 0},
		{ROLE_SHADE_4, COLOR_RED, A_BOLD},
	};
	for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++) {
		short pair = (short)(i + 1);

		if (pair >= COLOR_PAIRS ||
		    init_pair(pair, colors[i].fg, -1) == ERR)
			break;
		attrs[colors[i].role] = COLOR_PAIR(pair) | colors[i].extra;
	}
}

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_NORMAL] = "default",   [ROLE_HEADER] = "header",
	[ROLE_STATUS] = "status",    [ROLE_SELECTED] = "selected",
	[ROLE_CURSOR] = "cursor",    [ROLE_DATE] = "date",
	[ROLE_CITY] = "city",        [ROLE_KICKER] = "dim",
	[ROLE_UNREAD] = "unread",    [ROLE_STAR] = "star",
	[ROLE_TITLE] = "title",      [ROLE_SECTION] = "section",
	[ROLE_CAPTION] = "caption",  [ROLE_HIT] = "hit",
	[ROLE_ERROR] = "error",
};

int draw_role_find(const char *name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (role_names[r] && strcmp(role_names[r], name) == 0)
			return r;
	return -1;
}

bool draw_color_find(const char *name, int *color)
{
	static const char *const colors[] = {
		"black", "red",     "green", "yellow",
		"blue",  "magenta", "cyan",  "white",
	};
	char *end;
	long n;

	if (strcmp(name, "default") == 0) {
		*color = -1;
		return true;
	}
	for (int i = 0; i < 8; i++)
		if (strcmp(name, colors[i]) == 0) {
			*color = i;
			return true;
		}
	n = strtol(name, &end, 10);
	if (*name < '0' || *name > '9' || *end || n > 255)
		return false;
	*color = (int)n;
	return true;
}

bool draw_attr_find(const char *name, attr_t *attr)
{
	static const struct {
		const char *name;
		attr_t attr;
	} attrs[] = {
		{"normal", A_NORMAL},	  {"bold", A_BOLD},
		{"dim", A_DIM},		  {"reverse", A_REVERSE},
		{"underline", A_UNDERLINE}, {"blink", A_BLINK},
		{"standout", A_STANDOUT}, {"italic", A_ITALIC},
	};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcmp(name, attrs[i].name) == 0) {
			*attr = attrs[i].attr;
			return true;
		}
	return false;
}

/* The config file's colours take the pairs from here on, one a role. */
#define USER_PAIRS 16

void draw_set_color(attr_t attrs[ROLE_COUNT], enum role r, int fg, int bg,
		    attr_t attr, bool have_attr, bool no_color)
{
	short pair = (short)(USER_PAIRS + r);

	if (no_color || !has_colors() || fg >= COLORS || bg >= COLORS ||
	    pair >= COLOR_PAIRS ||
	    init_pair(pair, (short)fg, (short)bg) == ERR) {
		/* no colour to show: the attributes given, else the role's
		 * own, which tell it apart without colour */
		if (have_attr)
			attrs[r] = attr;
		return;
	}
	attrs[r] = COLOR_PAIR(pair) | (have_attr ? attr : A_NORMAL);
}

/* One character of s as drawn: its code point (after replacement), its
 * width, and the bytes it took. */
struct glyph {
	uint32_t cp;
	int width;
	size_t bytes;
	bool tab, hit_open, hit_close;
};

static struct glyph next_glyph(const char *s, size_t len, bool snippet)
{
	struct glyph g = {0};
	uint32_t cp;

	g.bytes = text_utf8_decode(s, len, &cp);
	if (g.bytes == 0) {
		g.bytes = 1;
		cp = TEXT_REPLACEMENT;
	}
	if (snippet && (cp == 0x02 || cp == 0x03)) {
		g.hit_open = cp == 0x02;
		g.hit_close = cp == 0x03;
		return g;
	}
	if (cp == '\t') {
		g.tab = true;
		g.cp = ' ';
		return g;
	}
	if (text_is_unsafe(cp)) {
		g.cp = 0x2370; /* TEXT_UNSAFE_MARK */
		g.width = 1;
		return g;
	}
	g.cp = cp;
	g.width = text_cp_width(cp);
	return g;
}

static int measure(const char *s, size_t len, bool snippet)
{
	int col = 0;

	for (size_t i = 0; i < len;) {
		struct glyph g = next_glyph(s + i, len - i, snippet);

		i += g.bytes;
		if (g.tab)
			col += TAB_STOP - col % TAB_STOP;
		else
			col += g.width;
	}
	return col;
}

int draw_width(const char *s)
{
	return s ? measure(s, strlen(s), false) : 0;
}

static void mark_hits(const char *s, size_t len, const struct text_list *terms,
		      unsigned char *hit)
{
	for (size_t t = 0; t < terms->count; t++) {
		const char *term = terms->items[t];
		size_t n = strlen(term);

		if (n == 0)
			continue;
		/* folded as search folds: 工會 is a hit for 工会, marked in
		 * the text as written (folding keeps byte lengths) */
		for (size_t i = 0; i < len; i++) {
			size_t m = text_folded_prefix(s + i, len - i, term);

			if (m > 0)
				memset(hit + i, 1, m);
		}
	}
}

bool draw_has_hit(const char *s, const struct text_list *terms)
{
	if (!s || !terms)
		return false;
	for (size_t t = 0; t < terms->count; t++) {
		const char *term = terms->items[t];
		size_t n = strlen(term);

		if (n == 0)
			continue;
		for (size_t i = 0, len = strlen(s); i < len; i++)
			if (text_folded_prefix(s + i, len - i, term) > 0)
				return true;
	}
	return false;
}

/* A cell waiting to be drawn: its base character and the zero-width
 * characters that follow it. */
struct cell {
	wchar_t chars[MAX_COMBINING + 2];
	int count;
	int y, x;
	attr_t attr;
};

static void flush(struct cell *c)
{
	cchar_t cc;

	if (c->count == 0)
		return;
	c->chars[c->count] = L'\0';
	if (setcchar(&cc, c->chars, c->attr, PAIR_NUMBER(c->attr), NULL) == OK)
		mvadd_wch(c->y, c->x, &cc);
	c->count = 0;
}

void draw_fill(int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	attr_t old_attr;
	short old_pair;

	attr_get(&old_attr, &old_pair, NULL);
	attrset(attr);
	mvhline(y, x, ' ', width);
	attr_set(old_attr, old_pair, NULL);
}

int draw_text(int y, int x, int width, const char *s, attr_t attr,
	      const struct draw_hits *hits)
{
	struct cell cell = {.count = 0};
	unsigned char *hit = NULL;
	bool snippet = hits && hits->snippet_marks;
	bool in_hit = false;
	size_t len;
	int total, limit, col = 0;

	if (width <= 0 || !s)
		return 0;
	len = strlen(s);
	total = measure(s, len, snippet);
	limit = total > width ? width - 1 : width;
	if (hits && hits->terms && hits->terms->count > 0) {
		hit = calloc(len + 1, 1);
		if (hit)
			mark_hits(s, len, hits->terms, hit);
	}
	for (size_t i = 0; i < len;) {
		struct glyph g = next_glyph(s + i, len - i, snippet);
		attr_t a = attr;

		if ((hit && hit[i]) || in_hit)
			a |= hits->attr;
		i += g.bytes;
		if (g.hit_open || g.hit_close) {
			in_hit = g.hit_open;
			continue;
		}
		if (g.tab) {
			int spaces = TAB_STOP - col % TAB_STOP;

			flush(&cell);
			if (col + spaces > limit)
				spaces = limit - col;
			draw_fill(y, x + col, spaces, a);
			col += spaces;
			if (col >= limit)
				break;
			continue;
		}
		if (g.width == 0) {
			/* a combining mark joins the cell before it */
			if (cell.count > 0 && cell.count <= MAX_COMBINING)
				cell.chars[cell.count++] = (wchar_t)g.cp;
			continue;
		}
		if (col + g.width > limit)
			break;
		flush(&cell);
		cell.chars[0] = (wchar_t)g.cp;
		cell.count = 1;
		cell.y = y;
		cell.x = x + col;
		cell.attr = a;
		col += g.width;
	}
	flush(&cell);
	if (total > width) {
		attr_t old_attr;
		short old_pair;

		attr_get(&old_attr, &old_pair, NULL);
		attrset(attr);
		mvaddwstr(y, x + col, ELLIPSIS);
		attr_set(old_attr, old_pair, NULL);
		col++;
	}
	free(hit);
	return col;
}
