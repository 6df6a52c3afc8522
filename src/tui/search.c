/*
 * search.c — the `/` line: search as you type. Each key edits the query;
 * the query runs only once the keyboard is idle (the main loop polls for
 * more keys first), so fast typing never waits on the store and a query
 * already out of date is never run. Enter keeps the search as a filter
 * (and in the history, history.c), Esc puts back the search there was
 * before `/`; Up and Down walk the earlier searches. The line editing
 * (line_edit_at) serves every line typed on the status line.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

void search_start(struct app *app)
{
	const char *q = app_filter_get(app, STORE_FILTER_QUERY);

	free(app->search_before);
	app->search_before = q ? strdup(q) : NULL;
	app->searching = true;
	app->search_pending = false;
	app->search[0] = '\0';
	if (q && strlen(q) < sizeof app->search)
		strcpy(app->search, q);
	app->search_at = strlen(app->search);
	app->history_at = -1;
	app->focus = VIEW_LIST;
	app->browse_focus = VIEW_LIST;
}

/* The start of the character before byte at (UTF-8). */
static size_t char_before(const char *s, size_t at)
{
	while (at > 0) {
		at--;
		if (((unsigned char)s[at] & 0xC0) != 0x80)
			break;
	}
	return at;
}

/* The end of the character at byte at. */
static size_t char_after(const char *s, size_t at)
{
	if (!s[at])
		return at;
	at++;
	while (s[at] && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}

/* Removes s[from..to). */
static void cut(char *s, size_t from, size_t to)
{
	memmove(s + from, s + to, strlen(s + to) + 1);
}

static void finish(struct app *app, bool keep)
{
	app->searching = false;
	app->search_pending = false;
	if (!keep) {
		const char *before = app->search_before;
		const char *now = app_filter_get(app, STORE_FILTER_QUERY);

		if ((before == NULL) != (now == NULL) ||
		    (before && strcmp(before, now) != 0))
			app_filter_set(app, STORE_FILTER_QUERY, before);
	} else if (app->search[0] == '\0') {
		app_filter_set(app, STORE_FILTER_QUERY, NULL);
	} else {
		search_run(app);
		history_add(app, app->search);
	}
	app->history_at = -1;
	free(app->search_before);
	app->search_before = NULL;
}

enum line_result line_edit_at(char *line, size_t size, size_t *at,
			      struct key key)
{
	size_t len = strlen(line), from;

	if (*at > len)
		*at = len;
	if (key.function) {
		switch (key.code) {
		case KEY_BACKSPACE:
			from = char_before(line, *at);
			cut(line, from, *at);
			*at = from;
			return LINE_EDITED;
		case KEY_DC:
			cut(line, *at, char_after(line, *at));
			return LINE_EDITED;
		case KEY_LEFT:
			*at = char_before(line, *at);
			return LINE_MOVED;
		case KEY_RIGHT:
			*at = char_after(line, *at);
			return LINE_MOVED;
		case KEY_HOME:
			*at = 0;
			return LINE_MOVED;
		case KEY_END:
			*at = len;
			return LINE_MOVED;
		case KEY_UP:
			return LINE_UP;
		case KEY_DOWN:
			return LINE_DOWN;
		case KEY_ENTER:
			return LINE_ENTER;
		default:
			return LINE_NONE; /* resize and mouse are the main loop's */
		}
	}
	switch (key.code) {
	case 27: /* Esc */
		return LINE_ESCAPE;
	case '\n':
	case '\r':
		return LINE_ENTER;
	case 127:
	case 8:
		from = char_before(line, *at);
		cut(line, from, *at);
		*at = from;
		return LINE_EDITED;
	case 0x01: /* ^A */
		*at = 0;
		return LINE_MOVED;
	case 0x05: /* ^E */
		*at = len;
		return LINE_MOVED;
	case 0x02: /* ^B */
		*at = char_before(line, *at);
		return LINE_MOVED;
	case 0x06: /* ^F */
		*at = char_after(line, *at);
		return LINE_MOVED;
	case 0x0B: /* ^K */
		line[*at] = '\0';
		return LINE_EDITED;
	case 0x17: /* ^W */
		from = *at;
		while (from > 0 && line[from - 1] == ' ')
			from--;
		while (from > 0 && line[from - 1] != ' ')
			from--;
		cut(line, from, *at);
		*at = from;
		return LINE_EDITED;
	case 0x15: /* ^U */
		cut(line, 0, *at);
		*at = 0;
		return LINE_EDITED;
	default: {
		char utf8[4];
		size_t n;

		if (key.code < 0x20 || text_is_unsafe((uint32_t)key.code))
			return LINE_NONE;
		n = text_utf8_encode((uint32_t)key.code, utf8);
		if (n == 0 || len + n >= size)
			return LINE_NONE;
		memmove(line + *at + n, line + *at, len - *at + 1);
		memcpy(line + *at, utf8, n);
		*at += n;
		return LINE_EDITED;
	}
	}
}

enum line_result line_edit(char *line, size_t size, struct key key)
{
	size_t at = strlen(line);

	return line_edit_at(line, size, &at, key);
}

void search_key(struct app *app, struct key key)
{
	switch (line_edit_at(app->search, sizeof app->search, &app->search_at,
			     key)) {
	case LINE_EDITED:
		app->search_pending = true;
		break;
	case LINE_UP:
	case LINE_DOWN: {
		char before[sizeof app->search];

		memcpy(before, app->search, sizeof before);
		history_walk(app, key.code == KEY_UP ? -1 : 1, app->search,
			     sizeof app->search, &app->search_at);
		if (strcmp(before, app->search) != 0)
			app->search_pending = true;
		break;
	}
	case LINE_ENTER:
		finish(app, true);
		break;
	case LINE_ESCAPE:
		finish(app, false);
		break;
	case LINE_MOVED:
	case LINE_NONE:
		break;
	}
}

void search_run(struct app *app)
{
	struct store_filter f = app->filter;
	char err[256];

	app->search_pending = false;
	if (app->search[0] == '\0') {
		if (app_filter_get(app, STORE_FILTER_QUERY))
			app_filter_set(app, STORE_FILTER_QUERY, NULL);
		return;
	}
	f.query = app->search;
	if (store_filter_check(&f, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return;
	}
	const char *now = app_filter_get(app, STORE_FILTER_QUERY);

	if (now && strcmp(now, app->search) == 0)
		return;
	app_filter_set(app, STORE_FILTER_QUERY, app->search);
}
