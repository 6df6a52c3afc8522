/*
 * help.c — the `?` screen: every action with the keys bound to it, made
 * from the action list and the key table (keys.c), so it always says what
 * the keys do; then the filters (STORE_FILTER_INFO), the facets among
 * them, as `bulletin tui` takes them. q, Esc or ? closes it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tui/tui_private.h"

struct help {
	int top;
};

static int help_open(struct app *app, struct view *view)
{
	if (!view->data)
		view->data = calloc(1, sizeof(struct help));
	if (!view->data) {
		app_message(app, true, "out of memory");
		return -1;
	}
	((struct help *)view->data)->top = 0;
	return 0;
}

/* Lines: a title, a blank line, one line per action, a blank line, a
 * title, one line per filter. */
enum { FILTERS_AT = 2 + (ACTION_COUNT - 1) + 1 };

static int help_lines(void)
{
	return FILTERS_AT + 1 + STORE_FILTER_COUNT;
}

/* A filter's line: its option, its facet, its help. */
static void draw_filter(struct app *app, struct view *view, int y,
			int keys_width, int k)
{
	char option[64], line[256];

	snprintf(option, sizeof option, "--%s", store_filters[k].name);
	snprintf(line, sizeof line, "%s%s%s", store_filters[k].help,
		 store_filters[k].title ? "; facet: " : "",
		 store_filters[k].title ? store_filters[k].title : "");
	draw_text(y, view->x + 1, keys_width, option, app_attr(app, ROLE_DATE),
		  NULL);
	draw_text(y, view->x + 2 + keys_width, view->width - 2 - keys_width,
		  line, 0, NULL);
}

static int max_top(const struct view *view)
{
	int m = help_lines() - view->height;

	return m > 0 ? m : 0;
}

static void help_draw(struct app *app, struct view *view)
{
	struct help *h = view->data;
	int keys_width = 16;

	for (int i = 0; i < view->height; i++)
		draw_fill(view->y + i, view->x, view->width, 0);
	if (!h)
		return;
	if (h->top > max_top(view))
		h->top = max_top(view);
	if (view->width < 40)
		keys_width = 10;
	for (int row = 0; row < view->height; row++) {
		int line = h->top + row;
		int y = view->y + row;
		char keys[96];

		if (line == 0) {
			draw_text(y, view->x + 1, view->width - 1,
				  "bulletin — keys (q, Esc or ? closes)",
				  app_attr(app, ROLE_SECTION), NULL);
			continue;
		}
		if (line == FILTERS_AT) {
			draw_text(y, view->x + 1, view->width - 1,
				  "filters (bulletin tui --name value; the "
				  "facets in the pane)",
				  app_attr(app, ROLE_SECTION), NULL);
			continue;
		}
		if (line > FILTERS_AT && line < help_lines()) {
			draw_filter(app, view, y, keys_width,
				    line - FILTERS_AT - 1);
			continue;
		}
		if (line == 1 || line >= FILTERS_AT - 1)
			continue;
		enum action a = (enum action)(line - 1);

		keys_names(app, a, keys, sizeof keys);
		draw_text(y, view->x + 1, keys_width, keys,
			  app_attr(app, ROLE_DATE), NULL);
		draw_text(y, view->x + 2 + keys_width,
			  view->width - 2 - keys_width, keys_action_help(a), 0,
			  NULL);
	}
}

static bool help_key(struct app *app, struct view *view, enum action action)
{
	struct help *h = view->data;

	switch (action) {
	case ACTION_MOVE_DOWN:
	case ACTION_PAGE_DOWN:
		h->top += action == ACTION_MOVE_DOWN ? 1 : view->height;
		if (h->top > max_top(view))
			h->top = max_top(view);
		return true;
	case ACTION_MOVE_UP:
	case ACTION_PAGE_UP:
		h->top -= action == ACTION_MOVE_UP ? 1 : view->height;
		if (h->top < 0)
			h->top = 0;
		return true;
	case ACTION_FIRST:
		h->top = 0;
		return true;
	case ACTION_LAST:
		h->top = max_top(view);
		return true;
	case ACTION_BACK:
	case ACTION_LEFT:
	case ACTION_CLOSE:
	case ACTION_HELP:
		app->focus = app->before_help;
		return true;
	case ACTION_QUIT:
		return false;
	default:
		return true; /* nothing else happens behind the help */
	}
}

static void help_resize(struct app *app, struct view *view)
{
	(void)app;
	(void)view;
}

static void help_mouse(struct app *app, struct view *view, int y, int x,
		       mmask_t buttons)
{
	(void)y;
	(void)x;
	if (buttons & BUTTON4_PRESSED)
		help_key(app, view, ACTION_MOVE_UP);
	else if (buttons & BUTTON5_PRESSED)
		help_key(app, view, ACTION_MOVE_DOWN);
}

static void help_done(struct app *app, struct view *view)
{
	(void)app;
	free(view->data);
	view->data = NULL;
}

const struct view_ops help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.mouse = help_mouse,
	.done = help_done,
};
