/*
 * related_view.c — the reports of the same story as an article (R in the
 * article view): a heading that says which article and which phrases
 * ("related to #ID: 「劳模工匠助企行」"), then the articles that share
 * them, best first, in the list's rows (list_draw_row), the shared
 * phrases highlighted. Enter opens one (q comes back here); q or Esc go
 * back to the article R was pressed on. store_related finds them: a
 * handful of articles, all held in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

#define RELATED_LIMIT 200

struct related {
	struct store_related found; /* owned */
	int64_t origin;             /* the article R was pressed on */
	enum view_id came_from;     /* the browse focus then, restored */
	size_t sel, top;
};

static int related_open(struct app *app, struct view *view)
{
	(void)app;
	(void)view;
	return 0; /* related_show loads it */
}

static void free_found(struct related *r)
{
	store_related_free(&r->found);
	r->sel = r->top = 0;
}

void related_show(struct app *app, int64_t id)
{
	struct view *view = &app->views[VIEW_RELATED];
	struct related *r = view->data;
	struct store_related found = {0};
	char err[256];

	if (store_related(app->store, id, RELATED_LIMIT, &found, err,
			  sizeof err) != 0) {
		app_message(app, true, "%s", err);
		return;
	}
	if (found.n == 0) {
		if (found.phrases.count == 0)
			app_message(app, false, "No related article: this one "
				    "has no rare phrase to look for");
		else
			app_message(app, false, "No related article: no other "
				    "holds 「%s」", found.phrases.items[0]);
		store_related_free(&found);
		return;
	}
	if (!r) {
		r = calloc(1, sizeof *r);
		if (!r) {
			store_related_free(&found);
			app_message(app, true, "out of memory");
			return;
		}
		view->data = r;
	} else {
		free_found(r);
	}
	r->found = found;
	r->origin = id;
	/* R again in an article opened from here: q still leads back to
	 * where the reader was before the first R */
	if (app->browse_focus != VIEW_RELATED)
		r->came_from = app->browse_focus;
	app->focus = VIEW_RELATED;
}

/* "related to #ID: 「A」「B」" */
static void heading(const struct related *r, char *buf, size_t len)
{
	size_t used = (size_t)snprintf(buf, len, "related to #%lld:",
				       (long long)r->origin);

	for (size_t i = 0; i < r->found.phrases.count && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s「%s」",
					 i ? "" : " ",
					 r->found.phrases.items[i]);
}

static int rows_shown(const struct view *view)
{
	return view->height > 1 ? view->height - 1 : 1;
}

static void keep_visible(struct related *r, const struct view *view)
{
	size_t rows = (size_t)rows_shown(view);

	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + rows)
		r->top = r->sel - rows + 1;
}

static void related_draw(struct app *app, struct view *view)
{
	struct related *r = view->data;
	char line[1024];

	for (int i = 0; i < view->height; i++)
		draw_fill(view->y + i, view->x, view->width, 0);
	if (!r || view->height < 1)
		return;
	keep_visible(r, view);
	heading(r, line, sizeof line);
	draw_text(view->y, view->x + 1, view->width - 1, line,
		  app_attr(app, ROLE_SECTION), NULL);
	for (size_t i = r->top;
	     i < r->found.n && (int)(i - r->top) < view->height - 1; i++)
		list_draw_row(app, view, &r->found.rows[i],
			      view->y + 1 + (int)(i - r->top), i == r->sel,
			      view->width >= 40, true, &r->found.phrases);
}

int64_t related_step(struct app *app, int delta)
{
	struct related *r = app->views[VIEW_RELATED].data;

	if (!r || r->found.n == 0 || (delta < 0 && r->sel == 0) ||
	    (delta > 0 && r->sel + 1 >= r->found.n))
		return 0;
	r->sel = delta < 0 ? r->sel - 1 : r->sel + 1;
	return r->found.rows[r->sel].id;
}

/* Back to the article R was pressed on, as the user left it before. */
static void back_to_article(struct app *app, struct related *r)
{
	app->browse_focus = r->came_from;
	app->focus = r->came_from;
	app_open_article(app, r->origin);
}

static bool related_key(struct app *app, struct view *view, enum action action)
{
	struct related *r = view->data;
	size_t page = (size_t)(rows_shown(view) > 1 ? rows_shown(view) - 1 : 1);
	size_t last;

	if (!r || r->found.n == 0)
		return false;
	last = r->found.n - 1;
	switch (action) {
	case ACTION_MOVE_DOWN:
	case ACTION_NEXT_HIT:
		r->sel = r->sel < last ? r->sel + 1 : last;
		return true;
	case ACTION_MOVE_UP:
	case ACTION_PREV_HIT:
		r->sel = r->sel > 0 ? r->sel - 1 : 0;
		return true;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		r->sel = r->sel + page < last ? r->sel + page : last;
		return true;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		r->sel = r->sel > page ? r->sel - page : 0;
		return true;
	case ACTION_FIRST:
		r->sel = 0;
		return true;
	case ACTION_LAST:
		r->sel = last;
		return true;
	case ACTION_OPEN:
		/* the article, with q back here */
		app->browse_focus = VIEW_RELATED;
		app_open_article(app, r->found.rows[r->sel].id);
		if (app->focus != VIEW_ARTICLE)
			app->browse_focus = r->came_from;
		return true;
	case ACTION_CLOSE:
	case ACTION_BACK:
	case ACTION_LEFT:
		back_to_article(app, r);
		return true;
	case ACTION_RELATED:
		return true;
	default:
		return false;
	}
}

static void related_resize(struct app *app, struct view *view)
{
	(void)app;
	if (view->data)
		keep_visible(view->data, view);
}

static void related_mouse(struct app *app, struct view *view, int y, int x,
			  mmask_t buttons)
{
	struct related *r = view->data;

	(void)x;
	if (!r || r->found.n == 0)
		return;
	if (buttons & BUTTON4_PRESSED) {
		r->sel = r->sel > 3 ? r->sel - 3 : 0;
	} else if (buttons & BUTTON5_PRESSED) {
		r->sel = r->sel + 3 < r->found.n ? r->sel + 3 : r->found.n - 1;
	} else if (buttons & (BUTTON1_PRESSED | BUTTON1_CLICKED) && y >= 1 &&
		   r->top + (size_t)(y - 1) < r->found.n) {
		r->sel = r->top + (size_t)(y - 1);
		related_key(app, view, ACTION_OPEN);
	}
}

/* "3/12": the selected row and how many there are. */
static void related_where(struct app *app, struct view *view, char *buf,
			  size_t len)
{
	struct related *r = view->data;

	(void)app;
	if (!r || r->found.n == 0)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, "%zu/%zu", r->sel + 1, r->found.n);
}

static void related_done(struct app *app, struct view *view)
{
	struct related *r = view->data;

	(void)app;
	if (!r)
		return;
	free_found(r);
	free(r);
	view->data = NULL;
}

const struct view_ops related_ops = {
	.name = "related",
	.open = related_open,
	.draw = related_draw,
	.key = related_key,
	.resize = related_resize,
	.mouse = related_mouse,
	.where = related_where,
	.done = related_done,
};
