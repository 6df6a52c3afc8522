/*
 * facets.c — the facet pane beside the list: the cities of the current
 * selection with their article counts, then its unions, topics and months.
 * Enter on an entry filters the list by it (filters combine); Enter on an
 * active entry (marked ✓) removes that filter. The counts come from the
 * store (store_facet), which keeps them; nothing is counted here. While a
 * search's counts are pending (app.c) the pane says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

struct entry {
	int section;   /* the filter key */
	char *name;    /* owned; NULL for a section's title line */
	int64_t count; /* a title line: how many values the section has */
};

struct facets {
	struct entry *entries; /* owned */
	size_t n;
	int sel, top;
};

static void free_entries(struct facets *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->entries[i].name);
	free(f->entries);
	f->entries = NULL;
	f->n = 0;
}

static int add(struct facets *f, size_t *cap, int section, char *name,
	       int64_t count)
{
	if (f->n == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		struct entry *e = realloc(f->entries, c * sizeof *e);

		if (!e)
			return -1;
		f->entries = e;
		*cap = c;
	}
	f->entries[f->n++] = (struct entry){section, name, count};
	return 0;
}

static bool selectable(const struct facets *f, int i)
{
	return i >= 0 && i < (int)f->n && f->entries[i].name;
}

static int facets_open(struct app *app, struct view *view)
{
	struct facets *f = view->data;
	char *keep = NULL;
	int keep_section = -1;
	size_t cap = 0;
	char err[256];
	int status = 0;

	if (!f) {
		f = calloc(1, sizeof *f);
		if (!f) {
			app_message(app, true, "out of memory");
			return -1;
		}
		view->data = f;
	}
	if (selectable(f, f->sel)) {
		keep = f->entries[f->sel].name;
		f->entries[f->sel].name = NULL;
		keep_section = f->entries[f->sel].section;
	}
	free_entries(f);
	/* a section for each row of STORE_FILTER_INFO with a title */
	for (int s = 0; s < STORE_FILTER_COUNT; s++) {
		struct store_count *c = NULL;
		size_t n = 0;

		if (!store_filters[s].title)
			continue;
		if (store_facet(app->store, &app->filter,
				(enum store_filter_key)s, 0, &c, &n, err,
				sizeof err) < 0) {
			if (!app->counts_stopped)
				app_message(app, true, "%s", err);
			status = -1;
			break;
		}
		if (n > 0 && add(f, &cap, s, NULL, (int64_t)n) < 0)
			n = 0;
		for (size_t i = 0; i < n; i++) {
			/* the entry takes the name over */
			if (add(f, &cap, s, c[i].name, c[i].count) == 0)
				c[i].name = NULL;
		}
		store_counts_free(c, n);
	}
	f->sel = 0;
	for (size_t i = 0; i < f->n; i++)
		if (keep && f->entries[i].name &&
		    f->entries[i].section == keep_section &&
		    strcmp(f->entries[i].name, keep) == 0)
			f->sel = (int)i;
	if (!selectable(f, f->sel) && selectable(f, f->sel + 1))
		f->sel++;
	free(keep);
	return status;
}

static bool active(struct app *app, const struct entry *e)
{
	const char *v = app_filter_get(app, (enum store_filter_key)e->section);

	return e->name && v && strcmp(v, e->name) == 0;
}

static void scroll_into_view(struct facets *f, int height)
{
	if (height <= 0)
		return;
	if (f->sel < f->top)
		f->top = f->sel;
	/* show the section title above the first entry */
	if (f->top > 0 && f->sel == f->top && !selectable(f, f->top - 1))
		f->top--;
	if (f->sel >= f->top + height)
		f->top = f->sel - height + 1;
	if (f->top < 0)
		f->top = 0;
}

static void facets_draw(struct app *app, struct view *view)
{
	struct facets *f = view->data;

	for (int i = 0; i < view->height; i++)
		draw_fill(view->y + i, view->x, view->width, 0);
	if (app->counts_pending && view->height > 0) {
		draw_text(view->y, view->x, view->width, "counting…",
			  app_attr(app, ROLE_KICKER), NULL);
		return;
	}
	if (!f)
		return;
	scroll_into_view(f, view->height);
	for (int row = 0; row < view->height; row++) {
		int i = f->top + row;
		int y = view->y + row;

		if (i >= (int)f->n)
			break;
		const struct entry *e = &f->entries[i];

		if (!e->name) {
			char title[64];

			snprintf(title, sizeof title, "%s (%lld)",
				 store_filters[e->section].title,
				 (long long)e->count);
			draw_text(y, view->x, view->width, title,
				  app_attr(app, ROLE_SECTION), NULL);
			continue;
		}
		attr_t base = i == f->sel ? app_attr(app, app->focus ==
						       VIEW_FACETS ? ROLE_SELECTED
								   : ROLE_CURSOR)
					  : 0;
		char count[24];
		int cw;

		snprintf(count, sizeof count, "%lld", (long long)e->count);
		cw = draw_width(count);
		draw_fill(y, view->x, view->width, base);
		draw_text(y, view->x, 2, active(app, e) ? "\u2713" : " ", base,
			  NULL);
		draw_text(y, view->x + 2, view->width - 3 - cw, e->name, base,
			  NULL);
		if (view->width - cw - 1 > 2)
			draw_text(y, view->x + view->width - cw - 1, cw, count,
				  base | app_attr(app, ROLE_KICKER), NULL);
	}
}

static void step(struct facets *f, int delta)
{
	int i = f->sel;
	int step = delta > 0 ? 1 : -1;
	int left = delta > 0 ? delta : -delta;

	while (left > 0) {
		int j = i + step;

		while (j >= 0 && j < (int)f->n && !selectable(f, j))
			j += step;
		if (!selectable(f, j))
			break;
		i = j;
		left--;
	}
	f->sel = i;
}

static void choose(struct app *app, struct facets *f)
{
	if (!selectable(f, f->sel))
		return;
	const struct entry *e = &f->entries[f->sel];
	char *name = strdup(e->name);

	if (!name)
		return;
	app_filter_set(app, (enum store_filter_key)e->section,
		       active(app, e) ? NULL : name);
	free(name);
}

static bool facets_key(struct app *app, struct view *view, enum action action)
{
	struct facets *f = view->data;
	int page = view->height > 1 ? view->height - 1 : 1;

	if (!f || app->counts_pending)
		return false;
	switch (action) {
	case ACTION_MOVE_DOWN:
		step(f, 1);
		return true;
	case ACTION_MOVE_UP:
		step(f, -1);
		return true;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		step(f, action == ACTION_PAGE_DOWN ? page : (page + 1) / 2);
		return true;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		step(f, action == ACTION_PAGE_UP ? -page : -(page + 1) / 2);
		return true;
	case ACTION_FIRST:
		f->sel = 0;
		step(f, 1);
		step(f, -1);
		return true;
	case ACTION_LAST:
		step(f, (int)f->n);
		return true;
	case ACTION_OPEN:
		choose(app, f);
		return true;
	default:
		return false;
	}
}

static void facets_resize(struct app *app, struct view *view)
{
	(void)app;
	if (view->data)
		scroll_into_view(view->data, view->height);
}

static void facets_mouse(struct app *app, struct view *view, int y, int x,
			 mmask_t buttons)
{
	struct facets *f = view->data;

	(void)x;
	if (!f || app->counts_pending)
		return;
	if (buttons & BUTTON4_PRESSED) {
		step(f, -3);
	} else if (buttons & BUTTON5_PRESSED) {
		step(f, 3);
	} else if (buttons & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
		int i = f->top + y;

		app->focus = VIEW_FACETS;
		app->browse_focus = VIEW_FACETS;
		if (!selectable(f, i))
			return;
		if (f->sel == i)
			choose(app, f);
		else
			f->sel = i;
	}
}

static void facets_done(struct app *app, struct view *view)
{
	(void)app;
	if (!view->data)
		return;
	free_entries(view->data);
	free(view->data);
	view->data = NULL;
}

const struct view_ops facets_ops = {
	.name = "facets",
	.open = facets_open,
	.draw = facets_draw,
	.key = facets_key,
	.resize = facets_resize,
	.mouse = facets_mouse,
	.done = facets_done,
};
