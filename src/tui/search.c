/*
 * search.c — the `/` line: search as you type. Each key edits the query;
 * the query runs only once the keyboard is idle (the main loop polls for
 * more keys first), so fast typing never waits on the store and a query
 * already out of date is never run. Enter keeps the search as a filter,
 * Esc puts back the search there was before `/`.
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
	app->focus = VIEW_LIST;
	app->browse_focus = VIEW_LIST;
}

/* Removes the last character (UTF-8) of the query. */
static void erase_char(char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		n--;
		if (((unsigned char)s[n] & 0xC0) != 0x80)
			break;
	}
	s[n] = '\0';
}

static void erase_word(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	while (n > 0 && s[n - 1] != ' ')
		n--;
	s[n] = '\0';
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
	}
	free(app->search_before);
	app->search_before = NULL;
}

enum line_result line_edit(char *line, size_t size, struct key key)
{
	if (key.function) {
		switch (key.code) {
		case KEY_BACKSPACE:
			erase_char(line);
			return LINE_EDITED;
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
		erase_char(line);
		return LINE_EDITED;
	case 0x17: /* ^W */
		erase_word(line);
		return LINE_EDITED;
	case 0x15: /* ^U */
		line[0] = '\0';
		return LINE_EDITED;
	default: {
		char utf8[4];
		size_t n, used = strlen(line);

		if (key.code < 0x20 || text_is_unsafe((uint32_t)key.code))
			return LINE_NONE;
		n = text_utf8_encode((uint32_t)key.code, utf8);
		if (n == 0 || used + n >= size)
			return LINE_NONE;
		memcpy(line + used, utf8, n);
		line[used + n] = '\0';
		return LINE_EDITED;
	}
	}
}

void search_key(struct app *app, struct key key)
{
	switch (line_edit(app->search, sizeof app->search, key)) {
	case LINE_EDITED:
		app->search_pending = true;
		break;
	case LINE_ENTER:
		finish(app, true);
		break;
	case LINE_ESCAPE:
		finish(app, false);
		break;
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
