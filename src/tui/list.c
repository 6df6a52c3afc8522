/*
 * list.c — the article list: flags (N unread, * starred), date (with ~
 * when approximate), city, headline and its kicker dimmed, in columns
 * aligned by display width, newest first.
 *
 * Only the rows on screen are read from the store, by keyset paging: the
 * window starts after the row `anchor` (0: the top) and holds at most one
 * screenful; moving past either end asks store_list / store_list_before for
 * the few rows beyond it. So the list opens at once on a million articles
 * and never counts with OFFSET. Rank order (o, with a search) has no key
 * to page on: there the window is asked for by its place in the order,
 * which the list keeps anyway for its "37/161".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

struct list {
	struct store_row *rows; /* owned: the rows on screen */
	size_t n;
	int64_t anchor;         /* the window starts after this id; 0: top */
	int64_t top;            /* the place of rows[0] in the whole list,
				   from 0 */
	int sel;                /* selected index in rows */
};

enum { FLAGS_WIDTH = 2, DATE_WIDTH = 11, CITY_WIDTH = 8 };

static int rows_wanted(const struct view *view)
{
	return view->height > 0 ? view->height : 1;
}

/* The count rows after the row after_id, which are the rows from place
 * (from 0) on: by after_id in date order, by place in rank order. */
static int fetch(struct app *app, int64_t after_id, int64_t place, int count,
		 struct store_row **rows, size_t *n, char *err, size_t errlen)
{
	if (app->filter.query && app->filter.sort == STORE_SORT_RANK)
		return store_list(app->store, &app->filter, 0,
				  place < 0 ? 0 : (int)place, count, rows, n,
				  err, errlen);
	return store_list(app->store, &app->filter, after_id, 0, count, rows,
			  n, err, errlen);
}

/* Reads the window of `count` rows after anchor, the first of them at
 * place. Keeps the old rows when the store fails. */
static int load(struct app *app, struct list *l, int64_t anchor,
		int64_t place, int count)
{
	struct store_row *rows = NULL;
	size_t n = 0;
	char err[256];

	if (fetch(app, anchor, place, count, &rows, &n, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return -1;
	}
	store_rows_free(l->rows, l->n);
	l->rows = rows;
	l->n = n;
	l->anchor = anchor;
	if (l->sel >= (int)n)
		l->sel = n > 0 ? (int)n - 1 : 0;
	if (l->sel < 0)
		l->sel = 0;
	return 0;
}

static int list_open(struct app *app, struct view *view)
{
	struct list *l = view->data;

	if (!l) {
		l = calloc(1, sizeof *l);
		if (!l) {
			app_message(app, true, "out of memory");
			return -1;
		}
		view->data = l;
	}
	l->sel = 0;
	l->top = 0;
	return load(app, l, 0, 0, rows_wanted(view));
}

/* Reloads the same window (after a write or a resize), keeping the
 * selected article selected and on screen. */
static void list_reload(struct app *app, struct view *view)
{
	struct list *l = view->data;
	int64_t selected = l && l->n ? l->rows[l->sel].id : 0;
	int height = rows_wanted(view);
	int want = l ? l->sel + 1 : 1;

	if (!l)
		return;
	if (load(app, l, l->anchor, l->top, want > height ? want : height) <
	    0)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i].id == selected)
			l->sel = (int)i;
	if (l->sel >= height) {
		/* the selection would fall below the window: start lower */
		int top = l->sel - height + 1;
		int64_t anchor = l->rows[top - 1].id;

		l->sel = height - 1;
		if (load(app, l, anchor, l->top + top, height) == 0)
			l->top += top;
	} else if ((int)l->n > height) {
		load(app, l, l->anchor, l->top, height);
	}
}

/* Moves the selection by delta rows, scrolling the window by keyset
 * paging when it leaves the screen. */
static bool step(struct app *app, struct view *view, int delta)
{
	struct list *l = view->data;
	int height = rows_wanted(view);
	int target;
	char err[256];

	if (!l || l->n == 0 || delta == 0)
		return false;
	target = l->sel + delta;
	if (target >= 0 && target < (int)l->n) {
		l->sel = target;
		return true;
	}
	if (target >= (int)l->n) {
		struct store_row *more = NULL;
		size_t m = 0;
		int extra = target - (int)l->n + 1;

		if ((int)l->n < height) { /* the window already shows the end */
			bool moved = l->sel != (int)l->n - 1;

			l->sel = (int)l->n - 1;
			return moved;
		}
		if (fetch(app, l->rows[l->n - 1].id, l->top + (int64_t)l->n,
			  extra, &more, &m, err, sizeof err) < 0) {
			app_message(app, true, "%s", err);
			return false;
		}
		if (m == 0) {
			bool moved = l->sel != (int)l->n - 1;

			l->sel = (int)l->n - 1;
			return moved;
		}
		/* the window over rows ++ more that ends at the target */
		size_t all = l->n + m;
		int last = target < (int)all ? target : (int)all - 1;
		int top = last - height + 1;
		int64_t anchor;

		if (top < 0)
			top = 0;
		if (top == 0)
			anchor = l->anchor;
		else if (top - 1 < (int)l->n)
			anchor = l->rows[top - 1].id;
		else
			anchor = more[top - 1 - l->n].id;
		store_rows_free(more, m);
		l->sel = last - top;
		if (load(app, l, anchor, l->top + top, height) == 0)
			l->top = top == 0 ? l->top : l->top + top;
		return true;
	}
	/* target < 0: the rows above the window, nearest first */
	struct store_row *above = NULL;
	size_t m = 0;
	int up = -target;

	if (l->anchor == 0) {
		bool moved = l->sel != 0;

		l->sel = 0;
		return moved;
	}
	if (store_list_before(app->store, &app->filter, l->rows[0].id, up + 1,
			      &above, &m, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return false;
	}
	int64_t anchor = m > (size_t)up ? above[up].id : 0;
	int64_t top = m > (size_t)up ? l->top - up : 0;

	store_rows_free(above, m);
	l->sel = 0;
	if (load(app, l, anchor, top, height) == 0)
		l->top = top;
	return true;
}

static void go_first(struct app *app, struct view *view)
{
	struct list *l = view->data;

	l->sel = 0;
	if (load(app, l, 0, 0, rows_wanted(view)) == 0)
		l->top = 0;
}

/* The last screenful: the rows before the end, read upwards. */
static void go_last(struct app *app, struct view *view)
{
	struct list *l = view->data;
	struct store_row *above = NULL;
	size_t m = 0;
	int height = rows_wanted(view);
	char err[256];

	if (store_list_before(app->store, &app->filter, 0, height + 1, &above,
			      &m, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return;
	}
	int64_t anchor = m > (size_t)height ? above[height].id : 0;
	int shown = m > (size_t)height ? height : (int)m;
	int64_t total = shown;

	store_rows_free(above, m);
	/* the place of the last screenful: the count, asked for now when
	 * a search has not counted it yet */
	if (anchor != 0 && !app->counts_pending)
		total = app->total;
	else if (anchor != 0 &&
		 store_count(app->store, &app->filter, &total, err,
			     sizeof err) < 0)
		total = -1;
	l->sel = shown > 0 ? shown - 1 : 0;
	if (load(app, l, anchor, total < 0 ? -1 : total - shown, height) == 0)
		l->top = total < 0 ? -1 : total - (int64_t)l->n;
}

/* The columns a row shows: on a narrow list (NARROW columns or fewer), a
 * date or city column that no row on screen fills is left out, so that
 * the headlines keep the room. */
enum { NARROW = 60 };
struct columns {
	bool date, city;
};

static struct columns columns_shown(const struct view *view,
				    const struct list *l)
{
	struct columns c = {view->width >= 40, true};
	bool any_date = false, any_city = false;

	if (view->width > NARROW)
		return c;
	for (size_t i = 0; i < l->n && (int)i < view->height; i++) {
		any_date |= l->rows[i].year != 0; /* not "-" or "~" alone */
		any_city |= l->rows[i].city && *l->rows[i].city;
	}
	c.date = c.date && any_date;
	c.city = any_city;
	return c;
}

static void draw_row(struct app *app, struct view *view, int i, bool selected,
		     struct columns shown)
{
	struct list *l = view->data;

	list_draw_row(app, view, &l->rows[i], view->y + i, selected,
		      shown.date, shown.city, &app->hit_terms);
}

void list_draw_row(struct app *app, const struct view *view,
		   const struct store_row *r, int y, bool selected,
		   bool show_date, bool show_city,
		   const struct text_list *terms)
{
	struct draw_hits hits = {.terms = terms,
				 .attr = app_attr(app, ROLE_HIT)};
	attr_t base = selected ? app_attr(app, app->focus == VIEW_LIST ||
						       app->focus == VIEW_RELATED
						       ? ROLE_SELECTED
						       : ROLE_CURSOR)
			       : 0;
	int x = view->x, right = view->x + view->width;
	int city_width = view->width >= 60 ? CITY_WIDTH : 6;
	bool read = r->read, starred = r->starred;
	char date[16];

	marks_effective(app, r->id, &read, &starred); /* pending ones too */
	draw_fill(y, x, view->width, base);
	x += draw_text(y, x, right - x, read ? " " : "N",
		       base | (read ? 0 : app_attr(app, ROLE_UNREAD)), NULL);
	x += draw_text(y, x, right - x, starred ? "*" : " ",
		       base | app_attr(app, ROLE_STAR), NULL);
	x = view->x + FLAGS_WIDTH;
	if (show_date) {
		/* ~ marks an approximate date (日前, 近日), even one whose
		 * day is unknown */
		store_date_text(r->year, r->month, r->day, r->precision, true,
				date);
		if (!date[0])
			snprintf(date, sizeof date, "-");
		draw_text(y, x, right - x, date,
			  base | app_attr(app, ROLE_DATE), NULL);
		x += DATE_WIDTH + 1;
	}
	if (show_city && x < right) {
		draw_text(y, x, right - x < city_width ? right - x : city_width,
			  r->city ? r->city : "", base | app_attr(app, ROLE_CITY),
			  NULL);
		x += city_width + 1;
	}
	if (x < right)
		x += draw_text(y, x, right - x, r->headline, base, &hits);
	if (r->kicker && *r->kicker && x + 3 < right)
		draw_text(y, x + 2, right - x - 2, r->kicker,
			  base | app_attr(app, ROLE_KICKER), &hits);
}

static void list_draw(struct app *app, struct view *view)
{
	struct list *l = view->data;

	for (int i = 0; i < view->height; i++)
		draw_fill(view->y + i, view->x, view->width, 0);
	if (!l)
		return;
	if (l->n == 0 && view->height > 0) {
		const char *msg = app->total == 0 && !app->filter.query &&
					  !app->filter.city
				  ? "No articles. Import pages with: bulletin import PATH"
				  : "No article matches (c clears the filters).";

		draw_text(view->y, view->x + 1, view->width - 1, msg,
			  app_attr(app, ROLE_KICKER), NULL);
		return;
	}
	struct columns shown = columns_shown(view, l);

	for (size_t i = 0; i < l->n && (int)i < view->height; i++)
		draw_row(app, view, (int)i, (int)i == l->sel, shown);
}

/* Flips the read or starred mark of the selected row: saved at once, or
 * pending while another program writes (marks.c). */
static void toggle(struct app *app, struct view *view, bool star)
{
	struct list *l = view->data;
	struct store_row *r;
	bool read, starred;
	int rc;

	if (!l || l->n == 0)
		return;
	r = &l->rows[l->sel];
	read = r->read;
	starred = r->starred;
	marks_effective(app, r->id, &read, &starred);
	rc = marks_set(app, r->id, star ? -1 : !read, star ? !starred : -1);
	if (rc < 0)
		return;
	if (star)
		r->starred = !starred;
	else
		r->read = !read;
	if (rc == 0)
		app_message(app, false, "%s",
			    star ? (r->starred ? "Starred" : "Unstarred")
				 : (r->read ? "Marked read" : "Marked unread"));
}

static bool list_key(struct app *app, struct view *view, enum action action)
{
	int page = view->height > 1 ? view->height - 1 : 1;

	switch (action) {
	case ACTION_MOVE_DOWN:
	case ACTION_NEXT_HIT: /* n and N, as in less, from row to row */
		step(app, view, 1);
		return true;
	case ACTION_MOVE_UP:
	case ACTION_PREV_HIT:
		step(app, view, -1);
		return true;
	case ACTION_PAGE_DOWN:
		step(app, view, page);
		return true;
	case ACTION_PAGE_UP:
		step(app, view, -page);
		return true;
	case ACTION_HALF_DOWN:
		step(app, view, (page + 1) / 2);
		return true;
	case ACTION_HALF_UP:
		step(app, view, -(page + 1) / 2);
		return true;
	case ACTION_FIRST:
		go_first(app, view);
		return true;
	case ACTION_LAST:
		go_last(app, view);
		return true;
	case ACTION_TOGGLE_READ:
	case ACTION_TOGGLE_STAR:
		toggle(app, view, action == ACTION_TOGGLE_STAR);
		return true;
	case ACTION_OPEN: {
		int64_t id = list_selected(app);

		if (id)
			app_open_article(app, id);
		return true;
	}
	default:
		return false;
	}
}

static void list_resize(struct app *app, struct view *view)
{
	list_reload(app, view);
}

static void list_mouse(struct app *app, struct view *view, int y, int x,
		       mmask_t buttons)
{
	struct list *l = view->data;

	(void)x;
	if (!l)
		return;
	if (buttons & BUTTON4_PRESSED) {
		step(app, view, -3);
	} else if (buttons & BUTTON5_PRESSED) {
		step(app, view, 3);
	} else if (buttons & (BUTTON1_PRESSED | BUTTON1_CLICKED |
			      BUTTON1_DOUBLE_CLICKED)) {
		/* a click opens the row it lands on; back from the
		 * article, the list has the focus */
		if (y < 0 || y >= (int)l->n)
			return;
		l->sel = y;
		app->focus = VIEW_LIST;
		app->browse_focus = VIEW_LIST;
		app_open_article(app, l->rows[y].id);
	}
}

/* "37/161": the selected row and how many there are ("37/…" while a
 * search's count is pending). */
static void list_where(struct app *app, struct view *view, char *buf,
		       size_t len)
{
	struct list *l = view->data;

	if (!l || l->n == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	if (l->top < 0)
		snprintf(buf, len, "?/");
	else
		snprintf(buf, len, "%lld/",
			 (long long)(l->top + l->sel + 1));
	if (app->counts_pending)
		snprintf(buf + strlen(buf), len - strlen(buf), "…");
	else
		snprintf(buf + strlen(buf), len - strlen(buf), "%lld",
			 (long long)app->total);
}

static void list_done(struct app *app, struct view *view)
{
	struct list *l = view->data;

	(void)app;
	if (!l)
		return;
	store_rows_free(l->rows, l->n);
	free(l);
	view->data = NULL;
}

int64_t list_selected(struct app *app)
{
	struct list *l = app->views[VIEW_LIST].data;

	return l && l->n ? l->rows[l->sel].id : 0;
}

bool list_move(struct app *app, int delta)
{
	return step(app, &app->views[VIEW_LIST], delta);
}

void list_set_marks(struct app *app, int64_t id, int read, int starred)
{
	struct list *l = app->views[VIEW_LIST].data;

	for (size_t i = 0; l && i < l->n; i++) {
		if (l->rows[i].id != id)
			continue;
		if (read >= 0)
			l->rows[i].read = read;
		if (starred >= 0)
			l->rows[i].starred = starred;
	}
}

const struct view_ops list_ops = {
	.name = "list",
	.open = list_open,
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.mouse = list_mouse,
	.where = list_where,
	.done = list_done,
};
