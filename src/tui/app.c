/*
 * app.c — start reading here. tui_run sets up the terminal, then loops:
 * draw the screen from the state, read a key, turn it into an action, let
 * the focused view (or the app) change the state. The views are in list.c,
 * facets.c, article.c, help.c and chart_view.c; the keys in keys.c; all text drawing in
 * draw.c.
 *
 * The app owns the filter (its strings copied), the layout of the panes,
 * the header line (the count and the active filters, always shown) and the
 * status line (key hints, a message, or the search line).
 *
 * The keyboard is read with a timeout so that the reader never blocks a
 * search that is waiting to run, notices another process's import (the
 * store's data version), and never spins: get_wch's ERR is told apart from
 * a terminal that went away.
 */
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/tui.h"
#include "tui/tui_private.h"

#define IDLE_MS 1000
#define MARK_RETRY_MS 20 /* a pending mark is tried again this often */
#define ESC_DELAY_MS 25
#define FACETS_MIN_COLUMNS 60
#define FACETS_MAX_WIDTH 30
#define EOF_LIMIT 3

void app_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = error;
}

const char *app_filter_get(const struct app *app,
			   enum store_filter_key field)
{
	if (store_filters[field].flag)
		return store_filter_value(&app->filter, field);
	return app->owned[field];
}

/* Stores a copy of value as the field (NULL clears it; a flag is on for
 * any value). */
static int set_field(struct app *app, enum store_filter_key field,
		     const char *value)
{
	char *copy = NULL;

	if (store_filters[field].flag) {
		store_filter_put(&app->filter, field, value);
		return 0;
	}
	if (value && *value) {
		copy = strdup(value);
		if (!copy)
			return -1;
	}
	free(app->owned[field]);
	app->owned[field] = copy;
	store_filter_put(&app->filter, field, copy);
	if (field == STORE_FILTER_QUERY) {
		char err[256];

		text_list_free(&app->hit_terms);
		if (copy && store_query_terms(copy, &app->hit_terms, err,
					      sizeof err) < 0)
			text_list_free(&app->hit_terms);
	}
	return 0;
}

static void count(struct app *app)
{
	char err[256];
	int64_t n = 0;

	if (store_count(app->store, &app->filter, &n, err, sizeof err) == 0)
		app->total = n;
	else if (!app->counts_stopped)
		app_message(app, true, "%s", err);
}

/* How often key_waiting looks at the keyboard: SQLite asks every
 * thousand steps, some thousands of times while a frequent word of a
 * large store is counted, and a look is a system call. */
#define KEY_POLL_US 2000

/* True when a key waits to be read: the counts give way to it. */
static bool key_waiting(void *context)
{
	struct app *app = context;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	struct timespec ts;
	long long now;

	if (app->counts_stopped)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	if (now < app->key_poll_after)
		return false;
	app->key_poll_after = now + KEY_POLL_US;
	if (poll(&p, 1, 0) > 0 && (p.revents & POLLIN))
		app->counts_stopped = true;
	return app->counts_stopped;
}

/* Counts the selection and its facets. Those of a search (every article
 * that holds the words, seconds for a frequent word in a large store) are
 * counted once its list is on the screen, while no key is pressed: a key
 * stops them, and they start again when the keyboard is idle. */
static void run_counts(struct app *app)
{
	struct view *facets = &app->views[VIEW_FACETS];

	app->counts_stopped = false;
	app->key_poll_after = 0;
	store_set_interrupt(app->store, key_waiting, app);
	count(app);
	if (!app->counts_stopped)
		facets->ops->open(app, facets);
	store_set_interrupt(app->store, NULL, NULL);
	app->counts_pending = app->counts_stopped;
}

void app_reload(struct app *app, bool keep)
{
	struct view *list = &app->views[VIEW_LIST];

	app->data_version = store_data_version(app->store);
	if (keep && list->data)
		list->ops->resize(app, list);
	else
		list->ops->open(app, list);
	app->counts_pending = true;
	if (!app->filter.query)
		run_counts(app); /* kept counts, or facet_index: at once */
}

int app_filters_set(struct app *app, const enum store_filter_key *keys,
		    const char *const *values, size_t n)
{
	struct store_filter f = app->filter;
	char err[256];

	for (size_t i = 0; i < n; i++)
		store_filter_put(&f, keys[i],
				 values[i] && (*values[i] ||
					       store_filters[keys[i]].flag)
					 ? values[i]
					 : NULL);
	if (store_filter_check(&f, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (set_field(app, keys[i], values[i]) < 0) {
			app_message(app, true, "out of memory");
			app_reload(app, false);
			return -1;
		}
	app_reload(app, false);
	return 0;
}

int app_filter_set(struct app *app, enum store_filter_key field,
		   const char *value)
{
	return app_filters_set(app, &field, &value, 1);
}

int app_filter_preset(struct app *app, enum store_filter_key field,
		      const char *value, const bool *given, char *why,
		      size_t len)
{
	struct store_filter f = app->filter;

	if (given[field])
		return 0; /* the command line's */
	store_filter_put(&f, field, value);
	if (store_filter_check(&f, why, len) < 0 ||
	    store_filter_known(app->store, &f, why, len) < 0)
		return -1;
	if (set_field(app, field, value) < 0) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	return 0;
}

static void clear_filters(struct app *app)
{
	for (int k = 0; k < STORE_FILTER_COUNT; k++)
		set_field(app, (enum store_filter_key)k, NULL);
	app_reload(app, false);
}

/* Places the panes: a header line, the body, a status line. The facets
 * sit left of the list when the terminal is wide enough; otherwise the
 * focused one of the two takes the whole body. */
static void layout(struct app *app)
{
	int h = LINES - 2, w = COLS;
	int fw = 0;

	if (h < 0)
		h = 0;
	if (w >= FACETS_MIN_COLUMNS) {
		fw = w / 3;
		if (fw > FACETS_MAX_WIDTH)
			fw = FACETS_MAX_WIDTH;
	}
	for (int i = 0; i < VIEW_COUNT; i++) {
		app->views[i].y = 1;
		app->views[i].x = 0;
		app->views[i].height = h;
		app->views[i].width = w;
	}
	if (fw > 0) {
		app->views[VIEW_FACETS].width = fw;
		app->views[VIEW_LIST].x = fw + 1;
		app->views[VIEW_LIST].width = w - fw - 1;
	}
}

static bool facets_shown(const struct app *app)
{
	return app->views[VIEW_LIST].x > 0 || app->focus == VIEW_FACETS;
}

static void draw_header(struct app *app)
{
	attr_t a = app_attr(app, ROLE_HEADER);
	char buf[1024];
	size_t used;

	draw_fill(0, 0, COLS, a);
	if (app->counts_pending)
		used = (size_t)snprintf(buf, sizeof buf, " bulletin  counting…");
	else
		used = (size_t)snprintf(buf, sizeof buf,
					" bulletin  %lld article%s",
					(long long)app->total,
					app->total == 1 ? "" : "s");
	for (int k = 0; k < STORE_FILTER_COUNT && used < sizeof buf; k++) {
		const char *v = app_filter_get(app, (enum store_filter_key)k);

		if (v)
			used += (size_t)snprintf(buf + used, sizeof buf - used,
						 "  %s%s%s",
						 store_filters[k].name,
						 *v ? ":" : "", v);
	}
	/* the order the rows come in (rank only orders a search), over
	 * the list */
	if (used < sizeof buf &&
	    (app->focus == VIEW_LIST || app->focus == VIEW_FACETS))
		snprintf(buf + used, sizeof buf - used, "  %s",
			 app_by_rank(app) ? "by rank" : "by date");
	/* where the user is, at the right end: the list's row, or the
	 * article's place */
	enum view_id at = app->focus == VIEW_FACETS ? VIEW_LIST
			  : app->focus == VIEW_HELP ? app->before_help
						    : app->focus;
	struct view *v = &app->views[at == VIEW_FACETS ? VIEW_LIST : at];
	char where[512] = "";
	int ww = 0;

	if (v->ops->where && v->data)
		v->ops->where(app, v, where, sizeof where);
	if (where[0]) {
		ww = draw_width(where) + 1;
		if (ww > COLS * 2 / 3)
			ww = COLS * 2 / 3;
		draw_text(0, COLS - ww, ww - 1, where, a, NULL);
	}
	draw_text(0, 0, COLS - ww - (ww ? 1 : 0), buf, a, NULL);
}

/* A line being typed on row y after its label, the cursor at byte at of
 * it. The line is shown from further right when the cursor would fall
 * off the screen. */
static void draw_edit_line(int y, const char *label, const char *line,
			   size_t at)
{
	char before[512];
	int x = draw_text(y, 0, COLS - 1, label, 0, NULL);
	int room = COLS - 1 - x, cursor;
	const char *from = line;

	snprintf(before, sizeof before, "%.*s", (int)at, line);
	cursor = draw_width(before);
	while (cursor > room && *from) {
		/* drop characters on the left until the cursor fits */
		uint32_t cp;
		size_t n = text_utf8_decode(from, strlen(from), &cp);

		if (n == 0)
			n = 1;
		cursor -= text_cp_width(cp);
		from += n;
	}
	draw_text(y, x, room, from, 0, NULL);
	x += cursor;
	move(y, x < COLS ? x : COLS - 1);
}

static void draw_status(struct app *app)
{
	int y = LINES - 1;
	const char *hint;

	if (y < 1)
		return;
	draw_fill(y, 0, COLS, app_attr(app, ROLE_STATUS));
	if (app->narrowing) {
		char line[320];

		facets_narrow_line(app, line, sizeof line);
		int x = draw_text(y, 0, COLS - 1, line, 0, NULL);

		move(y, x < COLS ? x : COLS - 1);
		return;
	}
	if (app->prompting) {
		char label[512];

		prompt_line(app, label, sizeof label);
		draw_edit_line(y, label,
			       app->prompting == PROMPT_MARK_ALL ? ""
								 : app->prompt,
			       app->prompting == PROMPT_MARK_ALL
				       ? 0
				       : app->prompt_at);
		return;
	}
	if (app->searching) {
		draw_edit_line(y, "/", app->search, app->search_at);
		return;
	}
	if (!app->message[0] && marks_waiting(app))
		snprintf(app->message, sizeof app->message, "%zu mark%s "
			 "waiting to be saved: the store is busy",
			 app->n_pending, app->n_pending == 1 ? "" : "s");
	if (app->message[0]) {
		draw_text(y, 0, COLS, app->message,
			  app_attr(app, app->message_is_error ? ROLE_ERROR
							      : ROLE_STATUS),
			  NULL);
		return;
	}
	switch (app->focus) {
	case VIEW_ARTICLE:
		hint = "q back  J/K next/previous  n/N hits  R related  r read  s star  | pipe  o source  ? help";
		break;
	case VIEW_HELP:
		hint = "q back";
		break;
	case VIEW_CHART:
		hint = "q back  ? help";
		break;
	case VIEW_RELATED:
		hint = "Enter open  q back to the article  ? help";
		break;
	case VIEW_FACETS:
		hint = "Enter filter  { } sections  f narrow  Tab list  c clear  ? help  q quit";
		break;
	default:
		hint = "Enter open  / search  o order  Tab facets  c clear  ? help  q quit";
		break;
	}
	draw_text(y, 0, COLS, hint, app_attr(app, ROLE_KICKER), NULL);
}

static void draw(struct app *app)
{
	struct view *v;

	erase();
	draw_header(app);
	switch (app->focus) {
	case VIEW_LIST:
	case VIEW_FACETS:
		v = &app->views[VIEW_LIST];
		if (v->x > 0 || app->focus == VIEW_LIST)
			v->ops->draw(app, v);
		if (facets_shown(app)) {
			v = &app->views[VIEW_FACETS];
			v->ops->draw(app, v);
		}
		if (app->views[VIEW_LIST].x > 0)
			for (int y = 1; y < LINES - 1; y++)
				draw_text(y, app->views[VIEW_LIST].x - 1, 1,
					  "\u2502", app_attr(app, ROLE_KICKER),
					  NULL);
		break;
	default:
		v = &app->views[app->focus];
		v->ops->draw(app, v);
		break;
	}
	draw_status(app);
	curs_set(app->searching || app->narrowing || app->prompting ? 1 : 0);
	refresh();
}

void app_open_article(struct app *app, int64_t id)
{
	struct view *v = &app->views[VIEW_ARTICLE];

	if (!id)
		return;
	app->article_id = id;
	if (app->focus == VIEW_LIST || app->focus == VIEW_FACETS)
		app->browse_focus = app->focus;
	app->focus = VIEW_ARTICLE;
	if (v->ops->open(app, v) < 0)
		app->focus = app->browse_focus;
}

static void resize(struct app *app)
{
	layout(app);
	for (int i = 0; i < VIEW_COUNT; i++)
		if (app->views[i].data)
			app->views[i].ops->resize(app, &app->views[i]);
}

/* Esc (left_key false), Left or h where no view took them: from the
 * facets back to the list; from the list, Esc leaves a search and Left
 * or h go to the facets. Never out of the program: only q and Q quit. */
static void back(struct app *app, bool left_key)
{
	if (app->focus == VIEW_FACETS) {
		app->focus = app->browse_focus = VIEW_LIST;
		return;
	}
	if (app->focus != VIEW_LIST)
		return;
	if (left_key) {
		app->focus = app->browse_focus = VIEW_FACETS;
		return;
	}
	if (app_filter_get(app, STORE_FILTER_QUERY)) {
		app_filter_set(app, STORE_FILTER_QUERY, NULL);
		app->search[0] = '\0';
		app_message(app, false, "Search left (/ searches again)");
	}
}

/* o in the list: date order, rank order, date order again. Rank orders
 * only a search: without one, the choice waits for the next search. */
static void sort_switch(struct app *app)
{
	app->filter.sort = app->filter.sort == STORE_SORT_RANK
				   ? STORE_SORT_DATE
				   : STORE_SORT_RANK;
	if (!app->filter.query) {
		app_message(app, false, "%s",
			    app->filter.sort == STORE_SORT_RANK
				    ? "Rank orders a search: the next search "
				      "(/) comes best first; the list is by date"
				    : "By date, newest first");
		return;
	}
	app_reload(app, false);
	app_message(app, false, "%s", app->filter.sort == STORE_SORT_RANK
					      ? "By rank, best first"
					      : "By date, newest first");
}

/* Actions no view took. */
static void app_action(struct app *app, enum action a)
{
	struct view *help = &app->views[VIEW_HELP];

	switch (a) {
	case ACTION_QUIT:
		app->quit = true;
		break;
	case ACTION_CLOSE: /* q: only the list and the facets quit */
		if (app->focus == VIEW_LIST || app->focus == VIEW_FACETS)
			app->quit = true;
		break;
	case ACTION_BACK: /* Esc, Left, h: never quit */
	case ACTION_LEFT:
		back(app, a == ACTION_LEFT);
		break;
	case ACTION_NEXT_PANE:
		if (app->focus == VIEW_LIST || app->focus == VIEW_FACETS) {
			app->focus = app->focus == VIEW_LIST ? VIEW_FACETS
							     : VIEW_LIST;
			app->browse_focus = app->focus;
		}
		break;
	case ACTION_SEARCH:
		search_start(app);
		break;
	case ACTION_NARROW: /* from the list: in the facets */
		if (app->focus == VIEW_LIST) {
			app->focus = app->browse_focus = VIEW_FACETS;
			facets_narrow_start(app);
		}
		break;
	case ACTION_CLEAR:
		clear_filters(app);
		if (app->focus == VIEW_ARTICLE)
			app->focus = app->browse_focus;
		break;
	case ACTION_UNREAD_ONLY:
	case ACTION_STARRED_ONLY: {
		enum store_filter_key k = a == ACTION_UNREAD_ONLY
						  ? STORE_FILTER_UNREAD
						  : STORE_FILTER_STARRED;

		app_filter_set(app, k, app_filter_get(app, k) ? NULL : "");
		break;
	}
	case ACTION_PIPE:
		prompt_start(app, PROMPT_PIPE);
		break;
	case ACTION_SORT:
		if (app->focus == VIEW_LIST || app->focus == VIEW_FACETS)
			sort_switch(app);
		break;
	case ACTION_EXPORT:
		prompt_start(app, PROMPT_EXPORT);
		break;
	case ACTION_MARK_ALL_READ:
		prompt_start(app, PROMPT_MARK_ALL);
		break;
	case ACTION_REFRESH:
		clearok(curscr, TRUE);
		app_reload(app, true);
		break;
	case ACTION_CHART: {
		struct view *chart = &app->views[VIEW_CHART];

		if (app->focus == VIEW_CHART || app->focus == VIEW_HELP)
			break;
		if (chart->ops->open(app, chart) == 0) {
			app->before_chart = app->focus;
			app->focus = VIEW_CHART;
		}
		break;
	}
	case ACTION_HELP:
		app->before_help = app->focus;
		if (help->ops->open(app, help) == 0)
			app->focus = VIEW_HELP;
		break;
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREV_ARTICLE:
		list_move(app, a == ACTION_NEXT_ARTICLE ? 1 : -1);
		break;
	default:
		break;
	}
}

static bool inside(const struct view *v, int y, int x)
{
	return y >= v->y && y < v->y + v->height && x >= v->x &&
	       x < v->x + v->width;
}

static void mouse(struct app *app)
{
	MEVENT ev;
	struct view *v = NULL;

	if (getmouse(&ev) != OK)
		return;
	if (app->focus == VIEW_LIST || app->focus == VIEW_FACETS) {
		if (facets_shown(app) &&
		    inside(&app->views[VIEW_FACETS], ev.y, ev.x))
			v = &app->views[VIEW_FACETS];
		else if (inside(&app->views[VIEW_LIST], ev.y, ev.x))
			v = &app->views[VIEW_LIST];
	} else if (inside(&app->views[app->focus], ev.y, ev.x)) {
		v = &app->views[app->focus];
	}
	if (v && v->ops->mouse)
		v->ops->mouse(app, v, ev.y - v->y, ev.x - v->x, ev.bstate);
}

static void handle_key(struct app *app, struct key key)
{
	app->message[0] = '\0';
	if (key.function && key.code == KEY_RESIZE) {
		resize(app);
		return;
	}
	if (key.function && key.code == KEY_MOUSE) {
		mouse(app);
		return;
	}
	if (app->prompting) {
		prompt_key(app, key);
		return;
	}
	if (app->searching) {
		search_key(app, key);
		return;
	}
	if (app->narrowing) {
		facets_narrow_key(app, key);
		return;
	}
	enum action a = keys_action(app, (int)app->focus, key);
	struct view *v = &app->views[app->focus];

	if (a == ACTION_NONE)
		return;
	if (!v->ops->key(app, v, a))
		app_action(app, a);
}

/* Nothing typed for a while: run a waiting search, then waiting counts,
 * or reload when another process wrote to the store. */
static void idle(struct app *app)
{
	if (marks_waiting(app))
		marks_retry(app);
	if (app->search_pending) {
		search_run(app);
		return;
	}
	if (app->counts_pending) {
		run_counts(app);
		return;
	}
	if (store_data_version(app->store) != app->data_version) {
		app_reload(app, true);
		if (app->focus == VIEW_LIST || app->focus == VIEW_FACETS)
			return;
	}
}

/* Reads one key: 1 a key, 0 nothing yet, -1 the terminal is gone (end of
 * file or hangup: get_wch keeps answering ERR at once). */
static int read_key(struct app *app, struct key *key, int *eofs)
{
	wint_t wc;
	int r;

	timeout(app->search_pending || app->counts_pending ? 0
		: marks_waiting(app)			   ? MARK_RETRY_MS
							   : IDLE_MS);
	r = get_wch(&wc);
	if (r == ERR) {
		struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

		if (poll(&p, 1, 0) < 0)
			return errno == EINTR ? 0 : -1;
		if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
			return -1;
		/* readable, yet no key: the end of the input */
		if ((p.revents & POLLIN) && ++*eofs >= EOF_LIMIT)
			return -1;
		return 0;
	}
	*eofs = 0;
	key->function = r == KEY_CODE_YES;
	key->code = wc;
	return 1;
}

static int copy_filter(struct app *app, const struct store_filter *initial)
{
	if (!initial)
		return 0;
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		const char *v = store_filter_value(initial,
						   (enum store_filter_key)k);

		if (v && set_field(app, (enum store_filter_key)k, v) < 0)
			return -1;
	}
	return 0;
}

static void free_app(struct app *app)
{
	for (int i = 0; i < VIEW_COUNT; i++)
		if (app->views[i].ops && app->views[i].ops->done)
			app->views[i].ops->done(app, &app->views[i]);
	for (int k = 0; k < STORE_FILTER_COUNT; k++)
		free(app->owned[k]);
	text_list_free(&app->hit_terms);
	text_list_free(&app->find_terms);
	text_list_free(&app->history);
	free(app->search_before);
	free(app->bindings);
}

int tui_run(struct store *s, const struct store_filter *initial,
	    const struct tui_options *options, char *err, size_t errlen)
{
	static const struct view_ops *const ops[VIEW_COUNT] = {
		[VIEW_LIST] = &list_ops,
		[VIEW_FACETS] = &facets_ops,
		[VIEW_ARTICLE] = &article_ops,
		[VIEW_HELP] = &help_ops,
		[VIEW_CHART] = &chart_ops,
		[VIEW_RELATED] = &related_ops,
	};
	struct app app = {.store = s, .focus = VIEW_LIST,
			  .browse_focus = VIEW_LIST,
			  .data_dir = options ? options->data_dir : NULL,
			  .pager = options ? options->pager : NULL,
			  .history_path = options ? options->history_path
						  : NULL};
	SCREEN *screen = NULL;
	int status = -1, eofs = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "the reader needs a terminal");
		return -1;
	}
	static const long option_defaults[OPTION_COUNT] = {
#define OPTION_DEFAULT(key, name, def, min, max, names, help) \
	[OPTION_##key] = def,
		OPTION_INFO(OPTION_DEFAULT)
#undef OPTION_DEFAULT
	};
	for (int i = 0; i < VIEW_COUNT; i++)
		app.views[i].ops = ops[i];
	memcpy(app.options, option_defaults, sizeof app.options);
	app.filter.sort = STORE_SORT_DATE;
	if (copy_filter(&app, initial) < 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	setlocale(LC_ALL, "");
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		snprintf(err, errlen, "cannot use the terminal (TERM=%s)",
			 options && options->term ? options->term : "");
		goto out;
	}
	set_escdelay(ESC_DELAY_MS);
	cbreak(); /* not raw: ^Z suspends and ^C ends, handled by curses */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	app.no_color = options && options->no_color;
	draw_init(app.attrs, app.no_color);
	history_load(&app);
	config_load(&app, options ? options->config_path : NULL);
	app.filter.sort = (enum store_sort)app.options[OPTION_SORT];
	layout(&app);
	app_reload(&app, false);
	if (marks_read_only(&app) && !app.message[0])
		app_message(&app, false, "Read-only, marks are not saved: %s",
			    store_read_only_why(s));
	if (app.owned[STORE_FILTER_QUERY])
		snprintf(app.search, sizeof app.search, "%s",
			 app.owned[STORE_FILTER_QUERY]);
	/* for the benchmarks: the time to the first whole screen (its
	 * counts drawn), or to the list, then leave */
	bool exit_after_draw = options && options->exit_after_first_draw;
	bool exit_after_list = options && options->exit_after_list;

	while (!app.quit) {
		struct key key;
		int r;

		draw(&app);
		if ((exit_after_draw && !app.counts_pending &&
		     !app.search_pending) ||
		    (exit_after_list && !app.search_pending))
			break;
		r = read_key(&app, &key, &eofs);
		if (r < 0) {
			snprintf(err, errlen, "the terminal went away");
			goto out;
		}
		if (r == 0)
			idle(&app);
		else
			handle_key(&app, key);
	}
	if (marks_flush(&app, err, errlen) < 0)
		goto out;
	status = 0;
out:
	if (screen) {
		endwin();
		delscreen(screen);
	}
	free_app(&app);
	return status;
}
