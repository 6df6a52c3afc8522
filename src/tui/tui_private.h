/*
 * Private to src/tui: the application context (struct app), the view
 * interface every view file implements (struct view_ops, after tig), the
 * actions and their keys (keys.c) and the one text-drawing function
 * (draw.c). Not for other parts.
 *
 * A view is a struct of data plus a table of operations; each view's file
 * ends with its table. The screen is drawn from state: a key becomes an
 * action, the focused view (or the app) changes state, then everything is
 * redrawn.
 */
#ifndef BULLETIN_TUI_PRIVATE_H
#define BULLETIN_TUI_PRIVATE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include <curses.h>

#include "store/store.h"
#include "text/text.h"

/* ---- Actions (keys.c) ------------------------------------------------- */

/* Every action once: name and help text. The dispatcher and the help
 * screen are both made from this list and the key table in keys.c. */
#define ACTION_INFO(_)                                                  \
	_(MOVE_DOWN, "move down one line")                              \
	_(MOVE_UP, "move up one line")                                  \
	_(PAGE_DOWN, "move down one page")                              \
	_(PAGE_UP, "move up one page")                                  \
	_(HALF_DOWN, "move down half a page")                           \
	_(HALF_UP, "move up half a page")                               \
	_(FIRST, "go to the first line")                                \
	_(LAST, "go to the last line")                                  \
	_(OPEN, "open the article, or filter by the facet")             \
	_(CLOSE, "back to the list; quit from the list")                \
	_(BACK, "back out of the article, the help or a search")        \
	_(LEFT, "back out of the article; from the list to the facets") \
	_(QUIT, "quit the reader")                                      \
	_(NEXT_PANE, "move between the list and the facets")            \
	_(NEXT_ARTICLE, "next article (in the article view)")           \
	_(PREV_ARTICLE, "previous article (in the article view)")       \
	_(NEXT_HIT, "next hit in the article; next article in the list") \
	_(PREV_HIT, "previous hit in the article; previous in the list") \
	_(SEARCH, "search as you type (in an article: find in its text)") \
	_(NEXT_SECTION, "next facet section (in the facets)")          \
	_(PREV_SECTION, "previous facet section (in the facets)")      \
	_(NARROW, "narrow a facet section by typing (Enter, Esc)")     \
	_(CLEAR, "clear every filter and the search")                   \
	_(TOGGLE_READ, "mark the article read or unread")               \
	_(TOGGLE_STAR, "star or unstar the article")                    \
	_(UNREAD_ONLY, "show only unread articles, or all")             \
	_(STARRED_ONLY, "show only starred articles, or all")           \
	_(PIPE, "give the article to a command (on its standard input)") \
	_(EXPORT, "write every article shown to a file: .jsonl .csv .md") \
	_(MARK_ALL_READ, "mark every article shown read")               \
	_(SORT, "order the list by date or by rank (rank: with a search)") \
	_(OPEN_SOURCE, "open the page at the article's line in $PAGER (less)") \
	_(RELATED, "list the reports of the same story (in the article)") \
	_(REFRESH, "reload from the database and redraw")               \
	_(CHART, "chart of the articles shown: by month, cities by month") \
	_(HELP, "show this help")

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM(name, help) ACTION_##name,
	ACTION_INFO(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

/* A key as read by get_wch: a character, or a curses function key
 * (KEY_DOWN, KEY_RESIZE, KEY_MOUSE, ...). */
struct key {
	bool function;
	wint_t code;
};

struct app;

/* A key the config file binds (`bind VIEW KEY ACTION`): in one view, or
 * in every view (view -1). */
struct user_binding {
	int view; /* enum view_id, or -1 */
	struct key key;
	enum action action;
};

/* The action bound to a key in the view: the config file's bindings
 * first, then the key table; or ACTION_NONE. */
enum action keys_action(const struct app *app, int view, struct key key);

/* The help text of an action. */
const char *keys_action_help(enum action a);

/* Writes the names of the keys bound to action a ("j Down"), the config
 * file's among them, into buf. */
void keys_names(const struct app *app, enum action a, char *buf, size_t len);

/* The action named name ("move-down", "mark-all-read"), or ACTION_NONE. */
enum action keys_find_action(const char *name);

/* The key named name: a character (x), ^X, or a name of the key table
 * (Down, Enter, Space, Esc, PgDn, F1...). Returns false when it names
 * none. */
bool keys_find_key(const char *name, struct key *key);

/* ---- Options ------------------------------------------------------------ */

/* Every option once: name (as the config file's `set NAME VALUE` takes
 * it), default, smallest and largest value, the names of the values
 * ("date|rank": value 0 is date, 1 rank) or NULL for a number, help. The
 * defaults, the config file and the help are made from this list. */
#define OPTION_INFO(_)                                                  \
	_(TEXT_WIDTH, "text-width", 80, 0, 1000, NULL,                  \
	  "the widest article text, in columns (0: the window's width)") \
	_(SORT, "sort", STORE_SORT_DATE, 0, 1, "date|rank",             \
	  "the list's order at start (rank orders a search; o switches)")

enum option {
#define OPTION_ENUM(key, name, def, min, max, names, help) OPTION_##key,
	OPTION_INFO(OPTION_ENUM)
#undef OPTION_ENUM
	OPTION_COUNT
};

/* ---- Drawing (draw.c) -------------------------------------------------- */

/* What a piece of text is, for its attributes (colors when allowed). */
enum role {
	ROLE_NORMAL = 0,
	ROLE_HEADER,   /* the top line */
	ROLE_STATUS,   /* the bottom line */
	ROLE_SELECTED, /* the selected row of the focused pane */
	ROLE_CURSOR,   /* the selected row of the pane without focus */
	ROLE_DATE,
	ROLE_CITY,
	ROLE_KICKER,   /* dimmed */
	ROLE_UNREAD,
	ROLE_STAR,
	ROLE_TITLE,    /* headline in the article view */
	ROLE_SECTION,  /* facet section names, article field names */
	ROLE_CAPTION,
	ROLE_HIT,      /* a search hit */
	ROLE_ERROR,
	ROLE_BAR,      /* the bars of the chart view */
	ROLE_SHADE_1,  /* the heat map's shades, lightest first: */
	ROLE_SHADE_2,  /* ROLE_SHADE_1 + level - 1 for level 1 .. */
	ROLE_SHADE_3,  /* TEXT_CHART_SHADES */
	ROLE_SHADE_4,
	ROLE_COUNT
};

/* Sets up the attributes of every role: colors on the terminal's own
 * background, or none when no_color (NO_COLOR set, non-empty) or the
 * terminal has none. Call after initscr. */
void draw_init(attr_t attrs[ROLE_COUNT], bool no_color);

/* The config file's `color` (draw.c): the role named name ("hit"), or
 * -1; a colour by name (default,
 * black, red, green, yellow, blue, magenta, cyan, white) or number
 * (0-255), default as -1; an attribute by name (normal, bold, dim,
 * reverse, underline, blink, standout, italic). */
int draw_role_find(const char *name);
bool draw_color_find(const char *name, int *color);
bool draw_attr_find(const char *name, attr_t *attr);

/* Gives role r the colours fg on bg (-1: the terminal's own) and attr
 * (when have_attr; else the role keeps its attributes). With no_color,
 * or on a terminal without colours (or fewer than asked for), only the
 * attributes change: what a colour told is not lost where colours are
 * off, since every role keeps an attribute of its own. */
void draw_set_color(attr_t attrs[ROLE_COUNT], enum role r, int fg, int bg,
		    attr_t attr, bool have_attr, bool no_color);

/* Search terms to highlight while drawing. */
struct draw_hits {
	const struct text_list *terms; /* matched case-insensitively; or NULL */
	attr_t attr;                   /* added to the hits */
	bool snippet_marks;            /* STORE_HIT_OPEN/CLOSE mark hits */
};

/* Draws s on stdscr at row y from column x within width columns, and
 * returns the columns used. The only way text reaches the screen: invalid
 * bytes become U+FFFD, tabs expand, every unsafe character (control, C1,
 * bidi, U+FEFF, negative width) becomes the visible TEXT_UNSAFE_MARK,
 * widths come from text_cp_width, and text that does not fit ends in "…".
 * Nothing is drawn outside [x, x + width). */
int draw_text(int y, int x, int width, const char *s, attr_t attr,
	      const struct draw_hits *hits);

/* The columns draw_text would need for all of s. */
int draw_width(const char *s);

/* Fills width columns of row y from x with spaces in attr. */
void draw_fill(int y, int x, int width, attr_t attr);

/* True when s contains one of the terms (as draw_text matches them). */
bool draw_has_hit(const char *s, const struct text_list *terms);

/* ---- Views -------------------------------------------------------------- */

struct app;
struct view;

struct view_ops {
	const char *name;
	/* Loads what the view shows for the current filter (or article). */
	int (*open)(struct app *app, struct view *view);
	/* Draws the view inside its rectangle. */
	void (*draw)(struct app *app, struct view *view);
	/* Handles an action; returns false when the view does not use it. */
	bool (*key)(struct app *app, struct view *view, enum action action);
	/* The rectangle changed: reflow, keep the selection. */
	void (*resize)(struct app *app, struct view *view);
	/* A mouse event inside the view's rectangle (y, x relative). */
	void (*mouse)(struct app *app, struct view *view, int y, int x,
		      mmask_t buttons);
	/* Writes where the user is in the view ("37/161", "42%  id 12 ..."),
	 * for the right end of the header; NULL: nothing to say. */
	void (*where)(struct app *app, struct view *view, char *buf,
		      size_t len);
	/* Frees what the view holds. */
	void (*done)(struct app *app, struct view *view);
};

struct view {
	const struct view_ops *ops;
	void *data; /* owned by the view: its own state (open .. done) */
	int y, x, height, width;
};

enum view_id {
	VIEW_LIST,
	VIEW_FACETS,
	VIEW_ARTICLE,
	VIEW_HELP,
	VIEW_CHART,
	VIEW_RELATED,
	VIEW_COUNT
};

extern const struct view_ops list_ops, facets_ops, article_ops, help_ops,
	chart_ops, related_ops;

/* ---- The application context (app.c) ----------------------------------- */

/* What a line typed on the status line is for (prompt.c). */
enum prompt_kind {
	PROMPT_NONE = 0,
	PROMPT_PIPE,     /* a command the article is given to */
	PROMPT_EXPORT,   /* the file the selection is written to */
	PROMPT_MARK_ALL, /* y or n: mark the many articles shown read */
	PROMPT_FIND,     /* words to find in the article's text */
};

/* A mark the store could not take yet (marks.c): read and starred are 0,
 * 1, or -1 to leave as they are. */
struct pending_mark {
	int64_t id;
	int read, starred;
};
#define PENDING_MARKS_MAX 64

struct app {
	struct store *store;
	struct store_filter filter;    /* strings point into owned[] */
	char *owned[STORE_FILTER_COUNT]; /* owned copies of the filter
					    strings (NULL for flags) */
	struct text_list hit_terms;    /* owned: terms of filter.query */
	const char *data_dir;          /* bulletin's data folder, or NULL */
	const char *pager;             /* $PAGER, or NULL: less */
	struct text_list find_terms;   /* owned: what `/` in the article
					  finds (n N), or none */
	int64_t total;                 /* articles matching the filter */
	int64_t data_version;
	struct view views[VIEW_COUNT];
	enum view_id focus;            /* the view that gets the keys */
	enum view_id browse_focus;     /* list or facets, to come back to */
	enum view_id before_help;
	enum view_id before_chart;     /* the view the chart goes back to */
	int64_t article_id;            /* the article the article view shows */
	attr_t attrs[ROLE_COUNT];
	bool no_color;                 /* NO_COLOR: attributes, no colours */
	long options[OPTION_COUNT];    /* OPTION_INFO, from the defaults and
					  the config file */
	char message[256];             /* shown on the status line once */
	bool message_is_error;
	/* The search line: open while the user types a query. */
	bool searching;
	char search[256];              /* what is typed, UTF-8 */
	size_t search_at;              /* the cursor in it, a byte offset */
	struct text_list history;      /* owned: the searches run, oldest
					  first (history.c) */
	const char *history_path;      /* its file, or NULL: none kept */
	int history_at;                /* the entry Up and Down are at, or
					  -1: the line typed */
	char history_draft[256];       /* the line typed before Up */
	bool history_failed;           /* the file could not be written */
	char *search_before;           /* owned: the query before `/`, or NULL */
	bool search_pending;           /* typed but not yet run */
	bool narrowing;                /* a facet section is being narrowed
					  (facets.c) */
	enum prompt_kind prompting;    /* a line being typed (prompt.c) */
	char prompt[256];              /* what is typed there, UTF-8 */
	size_t prompt_at;              /* the cursor in it, a byte offset */
	int64_t prompt_id;             /* the article a pipe is for */
	bool counts_pending;           /* total and facets not yet counted */
	atomic_bool counts_stopped;    /* a key stopped the counting (set
					  by key_waiting, which SQLite may
					  call from the store's reading
					  thread: pack.c) */
	atomic_llong key_poll_after;   /* µs: key_waiting looks again */
	bool quit;
	struct user_binding *bindings; /* owned: the config file's keys */
	size_t n_bindings;
	struct pending_mark pending[PENDING_MARKS_MAX]; /* marks.c */
	size_t n_pending;
};

/* The attributes of a role. */
static inline attr_t app_attr(const struct app *app, enum role r)
{
	return app->attrs[r];
}

/* Sets (value non-NULL) or clears a filter and reloads the list, the
 * facets and the count. Returns 0, or -1 with app->message set. */
int app_filter_set(struct app *app, enum store_filter_key field,
		   const char *value);

/* True when the list is in rank order: a search, sorted by rank. */
static inline bool app_by_rank(const struct app *app)
{
	return app->filter.query && app->filter.sort == STORE_SORT_RANK;
}

/* The current value of a filter ("" for a flag that is on), or NULL. */
const char *app_filter_get(const struct app *app,
			   enum store_filter_key field);

/* Reloads the list, the facets and the count after a filter change or
 * a write (keep: keep the list's position and selection). The count and
 * facets of a search are left pending, counted when the keyboard is
 * idle. */
void app_reload(struct app *app, bool keep);

/* Shows a message on the status line until the next key. */
void app_message(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Opens the article view on id. */
void app_open_article(struct app *app, int64_t id);

/* ---- What views ask of each other -------------------------------------- */

/* The id of the selected row of the list, or 0 when the list is empty. */
int64_t list_selected(struct app *app);

/* Moves the list's selection by delta rows; returns true when it moved. */
bool list_move(struct app *app, int delta);

/* Draws row r as the list does (flags, date, city, headline, kicker) on
 * screen row y of view, selected or not, terms highlighted (may be NULL);
 * date and city: whether those columns are shown. */
void list_draw_row(struct app *app, const struct view *view,
		   const struct store_row *r, int y, bool selected, bool date,
		   bool city, const struct text_list *terms);

/* Opens the related view on the articles of the same story as article id
 * (related_view.c): from the article view, which q and Esc go back to. */
void related_show(struct app *app, int64_t id);
/* In an article opened from the related list (J, K): selects the next
 * (delta 1) or previous (-1) related article and returns its id; 0 at
 * either end of the list, the selection unchanged. */
int64_t related_step(struct app *app, int delta);

/* Updates the read and starred marks of a row on screen. */
void list_set_marks(struct app *app, int64_t id, int read, int starred);

/* ---- Marks (marks.c) --------------------------------------------------- */

/* Saves the marks of article id (read, starred: 0, 1 or -1 to leave as
 * they are): 0 saved; 1 pending, the store being busy (saved later by
 * marks_retry); -1 refused (a read-only store) or failed, with the
 * message set. */
int marks_set(struct app *app, int64_t id, int read, int starred);

/* Applies the pending marks of article id to *read and *starred. */
void marks_effective(const struct app *app, int64_t id, bool *read,
		     bool *starred);

/* True when marks wait to be saved; marks_retry tries them again. */
bool marks_waiting(const struct app *app);
void marks_retry(struct app *app);

/* True when the store cannot be written: marks are not saved. */
bool marks_read_only(struct app *app);

/* Saves the pending marks, waiting for the lock as long as the store
 * would; -1 with a message when one cannot be saved. */
int marks_flush(struct app *app, char *err, size_t errlen);

/* The search line (search.c): handles a key while app->searching; runs the
 * query when the keyboard is idle (search_run). */
void search_start(struct app *app);
void search_key(struct app *app, struct key key);
void search_run(struct app *app);

/* A line being typed (search.c): key edits line (size bytes, UTF-8) at
 * the cursor *at (a byte offset, kept on a character's start): a
 * character inserted, Backspace and Delete, ^W the word before, ^U all
 * before, ^K all after; Left, Right, ^A or Home, ^E or End move; or it
 * ends the line (Enter, Esc). LINE_UP and LINE_DOWN are the caller's
 * (the search history). line_edit edits at the end. */
enum line_result {
	LINE_EDITED,
	LINE_MOVED,
	LINE_ENTER,
	LINE_ESCAPE,
	LINE_UP,
	LINE_DOWN,
	LINE_NONE
};
enum line_result line_edit_at(char *line, size_t size, size_t *at,
			      struct key key);
enum line_result line_edit(char *line, size_t size, struct key key);

/* The search history (history.c), in app->history: history_load reads
 * app->history_path; history_add puts query last (an earlier copy
 * removed, the file written again, a failure said once); history_walk
 * moves through it from the search line (dir -1 Up: older, 1 Down:
 * newer), replacing line and its cursor. */
void history_load(struct app *app);
void history_add(struct app *app, const char *query);
void history_walk(struct app *app, int dir, char *line, size_t size,
		  size_t *at);

/* Narrowing the facet section of the selected entry to the values that
 * hold what is typed (facets.c): facets_narrow_start opens the line
 * (app->narrowing), facets_narrow_key takes each key while it is open
 * (Enter keeps the narrowed section, Esc shows it whole again), and
 * facets_narrow_line writes what the status line shows. */
void facets_narrow_start(struct app *app);
void facets_narrow_key(struct app *app, struct key key);
void facets_narrow_line(struct app *app, char *buf, size_t len);

/* Reads the config file at path (config.c): `set NAME VALUE` for an
 * option of OPTION_INFO, `set filter NAME [VALUE...]` for a filter to
 * start with (one the command line set is left as it said), `bind VIEW
 * KEY ACTION` (VIEW: list, facets, article, help or generic), `color
 * AREA FG [BG] [ATTRIBUTE...]`, `#` comments. A line it cannot take is
 * skipped and named (path:line) on the status line; a missing file is no
 * error. The reader starts all the same. Call after draw_init. */
void config_load(struct app *app, const char *path);

/* The status line's prompts (prompt.c): prompt_start opens one
 * (app->prompting), prompt_key takes each key while it is open (Enter
 * does what it is for, Esc leaves it), prompt_line writes what the status
 * line shows before the line typed (app->prompt). */
void prompt_start(struct app *app, enum prompt_kind kind);
void prompt_key(struct app *app, struct key key);
void prompt_line(const struct app *app, char *buf, size_t len);

/* Getting articles out (export.c). export_pipe runs `/bin/sh -c command`
 * with the article id as text on its standard input, out of curses, and
 * waits for Enter before coming back; export_file writes every article of
 * the filter to a new file named path, as JSON Lines, CSV or Markdown by
 * its extension; export_mark_all_read marks them read. -1 with the
 * message set on failure. */
int export_pipe(struct app *app, int64_t id, const char *command);

/* Opens the page article id was read from in the pager (app->pager, else
 * less) at the article's first line, as git runs $PAGER: `/bin/sh -c
 * 'PAGER "$@"' sh +LINE FILE`, the file and line as arguments, never in
 * the command's text; out of curses, which is put back after. A source
 * that is not there (moved, deleted, standard input) is said on the
 * status line. -1 with the message set on failure. */
int export_source(struct app *app, int64_t id);
int export_file(struct app *app, const char *path);
void export_mark_all_read(struct app *app);

/* Finds words in the article's text, as less does (article.c): shows
 * the first line at or below the top that holds them, highlights them,
 * and n and N go on; "" finds nothing again (the search's hits then). */
void article_find(struct app *app, const char *words);

/* Sets a filter before the reader shows anything (the config file's
 * `set filter`), without reloading: nothing when given[field] (the
 * command line set it). Checks the value as the command line would (a
 * date's form, a place the store knows). 0, or -1 with why filled. */
int app_filter_preset(struct app *app, enum store_filter_key field,
		      const char *value, const bool *given, char *why,
		      size_t len);

/* Sets several filters at once (values[i] NULL: cleared) and reloads
 * once; as app_filter_set. */
int app_filters_set(struct app *app, const enum store_filter_key *keys,
		    const char *const *values, size_t n);

#endif
