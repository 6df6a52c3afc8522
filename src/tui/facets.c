/*
 * facets.c — the facet pane beside the list: a section for each facet of
 * STORE_FILTER_INFO (cities, unions, topics, reporters, years, months;
 * counties once a city is chosen, under it), each with every value of the
 * current selection and its article count, and in its title how many
 * values it has. A facet counted on demand (reporters: thousands of
 * values, kept for the whole store only) is counted once Enter asks for
 * it, and from then on. Everything is reachable: the pane scrolls and pages, { and } jump
 * between sections, f narrows the section to the values that hold what
 * is typed, Traditional or Simplified, or that it gives in pinyin: zj or
 * zhanj for 湛江, hs for 鹤山 (text_pinyin_match; the readings are read
 * from the data folder the first time a section is narrowed).
 *
 * Enter on an entry filters the list by it (filters combine); Enter on an
 * active entry (marked ✓) removes that filter. The months are counted
 * without the dates set, and a month chosen while another month (or a
 * range of dates) is set widens the dates to a range from the one to the
 * other; the months inside it are marked. The counts come from the store
 * (store_facet), which keeps them; nothing is counted here. While a
 * search's counts are pending (app.c) the pane says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

struct entry {
	int section;   /* the filter key of its facet */
	char *name;    /* NULL for a section's title line; owned by all[] */
	int64_t count; /* a title line: how many values the section has
			  (-1: not counted yet) */
	bool ask;      /* the line of a section counted on demand that
			  counts it (Enter) */
};

struct facets {
	struct entry *all;     /* owned: every entry, with its name */
	size_t n_all;
	struct entry *entries; /* owned array (names are all[]'s): what is
				  shown, all[] or its narrowed section */
	size_t n;
	int sel, top;
	int narrow_section;    /* the narrowed section's key, or -1 */
	bool wanted[STORE_FILTER_COUNT]; /* sections counted on demand that
					    were asked for */
	char narrow[128];      /* what is typed to narrow it, UTF-8 */
	size_t narrow_shown;   /* values of the narrowed section shown */
	struct text_pinyin *pinyin; /* owned: readings, or NULL */
	bool pinyin_tried;     /* loading them was tried */
};

static void free_entries(struct facets *f)
{
	for (size_t i = 0; i < f->n_all; i++)
		free(f->all[i].name);
	free(f->all);
	free(f->entries);
	f->all = f->entries = NULL;
	f->n_all = f->n = 0;
}

static int add(struct facets *f, size_t *cap, int section, char *name,
	       int64_t count)
{
	if (f->n_all == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct entry *e = realloc(f->all, c * sizeof *e);

		if (!e)
			return -1;
		f->all = e;
		*cap = c;
	}
	f->all[f->n_all++] = (struct entry){section, name, count, false};
	return 0;
}

/* True when name holds what is typed (folded as search folds: 工會 holds
 * 工会) or gives it in pinyin. */
static bool narrow_matches(const struct facets *f, const char *name)
{
	size_t len = strlen(name);

	if (!f->narrow[0])
		return true;
	for (size_t i = 0; i < len; i++)
		if (text_folded_prefix(name + i, len - i, f->narrow) > 0)
			return true;
	return text_pinyin_match(f->pinyin, name, f->narrow);
}

/* Makes entries[] from all[]: everything, or, in the narrowed section,
 * its values that match f->narrow. */
static int show(struct facets *f)
{
	struct entry *e = realloc(f->entries, (f->n_all + 1) * sizeof *e);

	if (!e)
		return -1;
	f->entries = e;
	f->n = 0;
	f->narrow_shown = 0;
	for (size_t i = 0; i < f->n_all; i++) {
		const struct entry *a = &f->all[i];

		if (a->name && a->section == f->narrow_section &&
		    !narrow_matches(f, a->name))
			continue;
		if (a->name && a->section == f->narrow_section)
			f->narrow_shown++;
		f->entries[f->n++] = *a;
	}
	return 0;
}

static bool selectable(const struct facets *f, int i)
{
	return i >= 0 && i < (int)f->n && f->entries[i].name;
}

/* True when the section's facet is shown: one that comes under another
 * (a county under its city) once that one is set. */
static bool section_shown(struct app *app, int section)
{
	const char *under = store_filters[section].under;
	int parent = under ? store_filter_find(under) : -1;

	return parent < 0 ||
	       app_filter_get(app, (enum store_filter_key)parent) != NULL;
}

static bool is_date(enum store_filter_key k)
{
	enum store_match m = store_filters[k].match;

	return m == STORE_MATCH_FROM || m == STORE_MATCH_TO ||
	       m == STORE_MATCH_PERIOD;
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
		f->narrow_section = -1;
		view->data = f;
	}
	if (selectable(f, f->sel) && (keep = strdup(f->entries[f->sel].name)))
		keep_section = f->entries[f->sel].section;
	free_entries(f);
	f->narrow_section = -1;
	f->narrow[0] = '\0';
	app->narrowing = false;
	for (int s = 0; s < STORE_FILTER_COUNT; s++) {
		struct store_filter sel = app->filter;
		struct store_count *c = NULL;
		size_t n = 0;

		if (!store_filters[s].title || !section_shown(app, s))
			continue;
		if (store_filters[s].on_demand && !f->wanted[s]) {
			char *ask = strdup("");

			if (!ask || add(f, &cap, s, NULL, -1) < 0 ||
			    add(f, &cap, s, ask, 0) < 0) {
				free(ask);
				continue;
			}
			f->all[f->n_all - 1].ask = true;
			continue;
		}
		/* a facet of dates is counted without the dates, so that
		 * a month chosen beside another widens to a range */
		if (is_date((enum store_filter_key)s))
			for (int k = 0; k < STORE_FILTER_COUNT; k++)
				if (is_date((enum store_filter_key)k))
					store_filter_put(&sel,
							 (enum store_filter_key)k,
							 NULL);
		if (store_facet(app->store, &sel, (enum store_filter_key)s, 0,
				&c, &n, err, sizeof err) < 0) {
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
	if (show(f) < 0) {
		app_message(app, true, "out of memory");
		status = -1;
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

/* A month within the dates set (YYYY-MM against from and to). */
static bool month_in_dates(struct app *app, const char *month)
{
	const char *from = app_filter_get(app, STORE_FILTER_FROM);
	const char *to = app_filter_get(app, STORE_FILTER_TO);

	if (!from && !to)
		return false;
	return (!from || strncmp(month, from, 7) >= 0) &&
	       (!to || strncmp(month, to, 7) <= 0);
}

static bool active(struct app *app, const struct entry *e)
{
	const char *v = app_filter_get(app, (enum store_filter_key)e->section);

	if (!e->name)
		return false;
	if (v && strcmp(v, e->name) == 0)
		return true;
	return e->section == STORE_FILTER_MONTH && month_in_dates(app, e->name);
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

static void draw_title(struct app *app, struct facets *f,
		       const struct entry *e, int y, int x, int width)
{
	char title[200];

	if (e->count < 0)
		snprintf(title, sizeof title, "%s (not counted)",
			 store_filters[e->section].title);
	else if (e->section == f->narrow_section)
		snprintf(title, sizeof title, "%s (%zu of %lld) f:%s",
			 store_filters[e->section].title, f->narrow_shown,
			 (long long)e->count, f->narrow);
	else
		snprintf(title, sizeof title, "%s (%lld)",
			 store_filters[e->section].title, (long long)e->count);
	draw_text(y, x, width, title, app_attr(app, ROLE_SECTION), NULL);
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
			draw_title(app, f, e, y, view->x, view->width);
			continue;
		}
		attr_t base = i == f->sel ? app_attr(app, app->focus ==
						       VIEW_FACETS ? ROLE_SELECTED
								   : ROLE_CURSOR)
					  : 0;
		char count[24];
		int cw;

		draw_fill(y, view->x, view->width, base);
		if (e->ask) {
			draw_text(y, view->x + 2, view->width - 2,
				  "Enter counts them", base |
				  app_attr(app, ROLE_KICKER), NULL);
			continue;
		}
		snprintf(count, sizeof count, "%lld", (long long)e->count);
		cw = draw_width(count);
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

/* Moves to the first value of the next (delta 1) or previous (-1)
 * section; from inside a section, -1 goes to its own first value first. */
static void jump_section(struct facets *f, int delta)
{
	int i = f->sel;
	int section = selectable(f, i) ? f->entries[i].section : -1;

	if (delta > 0) {
		while (i < (int)f->n && (!selectable(f, i) ||
					 f->entries[i].section == section))
			i++;
		if (i < (int)f->n)
			f->sel = i;
		return;
	}
	/* the first value of this section, or of the one before */
	while (i > 0 && selectable(f, i - 1))
		i--;
	if (i == f->sel) {
		i--;
		while (i >= 0 && !selectable(f, i))
			i--;
		while (i > 0 && selectable(f, i - 1))
			i--;
	}
	if (selectable(f, i))
		f->sel = i;
}

/* The last day of a month given as YYYY-MM, as YYYY-MM-DD. */
static void month_end(const char *month, char out[16])
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	int y = atoi(month), m = atoi(month + 5), d;

	if (m < 1 || m > 12)
		m = 12;
	d = days[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		d = 29;
	snprintf(out, 16, "%.7s-%02d", month, d);
}

/* A month chosen: the month, or, beside another month or a range of
 * dates, a range from the one to the other; an active month clears the
 * dates. */
static void choose_month(struct app *app, const char *name, bool is_active)
{
	static const enum store_filter_key keys[] = {
		STORE_FILTER_MONTH, STORE_FILTER_FROM, STORE_FILTER_TO};
	const char *month = app_filter_get(app, STORE_FILTER_MONTH);
	const char *from = app_filter_get(app, STORE_FILTER_FROM);
	const char *to = app_filter_get(app, STORE_FILTER_TO);
	char lo[16], hi[16], end[16];
	const char *values[3] = {NULL, NULL, NULL};

	if (is_active) {
		app_filters_set(app, keys, values, 3);
		return;
	}
	if (!month && !from && !to) {
		values[0] = name;
		app_filters_set(app, keys, values, 3);
		return;
	}
	if (month) {
		from = month;
		to = month;
	}
	/* from a month to a day: lo is a first day, hi a last one */
	snprintf(lo, sizeof lo, "%s", from ? from : "");
	if (from && strlen(from) == 7)
		snprintf(lo, sizeof lo, "%s-01", from);
	hi[0] = '\0';
	if (to && strlen(to) == 7)
		month_end(to, hi);
	else if (to)
		snprintf(hi, sizeof hi, "%s", to);
	if (!from || strncmp(name, lo, 7) < 0)
		snprintf(lo, sizeof lo, "%.7s-01", name);
	month_end(name, end);
	if (!to || strcmp(end, hi) > 0)
		snprintf(hi, sizeof hi, "%s", end);
	values[1] = lo;
	values[2] = hi;
	app_filters_set(app, keys, values, 3);
}

/* Counts a section counted on demand, and moves to its first value. */
static void count_section(struct app *app, struct facets *f, int section)
{
	f->wanted[section] = true;
	facets_open(app, &app->views[VIEW_FACETS]);
	for (size_t i = 0; i < f->n; i++)
		if (f->entries[i].name && f->entries[i].section == section) {
			f->sel = (int)i;
			break;
		}
}

static void choose(struct app *app, struct facets *f)
{
	if (!selectable(f, f->sel))
		return;
	const struct entry *e = &f->entries[f->sel];

	if (e->ask) {
		count_section(app, f, e->section);
		return;
	}
	int section = e->section;
	bool is_active = active(app, e);
	char *name = strdup(e->name);

	if (!name)
		return;
	/* e goes with the reload */
	if (section == STORE_FILTER_MONTH)
		choose_month(app, name, is_active);
	else
		app_filter_set(app, (enum store_filter_key)section,
			       is_active ? NULL : name);
	free(name);
}

void facets_narrow_start(struct app *app)
{
	struct facets *f = app->views[VIEW_FACETS].data;

	if (!f || !selectable(f, f->sel))
		return;
	if (f->entries[f->sel].ask)
		count_section(app, f, f->entries[f->sel].section);
	if (!selectable(f, f->sel))
		return;
	if (f->narrow_section != f->entries[f->sel].section) {
		f->narrow_section = f->entries[f->sel].section;
		f->narrow[0] = '\0';
	}
	app->narrowing = true;
	if (!f->pinyin_tried && app->data_dir) {
		char readings[1024], places[1024], err[1200];

		f->pinyin_tried = true;
		snprintf(readings, sizeof readings, "%s/pinyin/pinyin.txt",
			 app->data_dir);
		snprintf(places, sizeof places,
			 "%s/pinyin/place-readings.txt", app->data_dir);
		if (text_pinyin_load(readings, places, &f->pinyin, err,
				     sizeof err) != 0)
			app_message(app, true, "no pinyin: %s", err);
	}
}

/* Selects the first value of the narrowed section shown. */
static void select_narrowed(struct facets *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->entries[i].name &&
		    f->entries[i].section == f->narrow_section) {
			f->sel = (int)i;
			return;
		}
	for (size_t i = 0; i < f->n; i++)
		if (!f->entries[i].name &&
		    f->entries[i].section == f->narrow_section)
			f->sel = (int)i; /* on the title: nothing matches */
}

void facets_narrow_key(struct app *app, struct key key)
{
	struct facets *f = app->views[VIEW_FACETS].data;

	if (!f) {
		app->narrowing = false;
		return;
	}
	switch (line_edit(f->narrow, sizeof f->narrow, key)) {
	case LINE_EDITED:
		break;
	case LINE_ENTER:
		app->narrowing = false;
		if (!selectable(f, f->sel))
			step(f, 1);
		return;
	case LINE_ESCAPE:
		app->narrowing = false;
		f->narrow[0] = '\0';
		f->narrow_section = -1;
		break;
	case LINE_MOVED: /* the narrowing line is typed at its end */
	case LINE_UP:
	case LINE_DOWN:
	case LINE_NONE:
		return;
	}
	if (show(f) < 0) {
		app_message(app, true, "out of memory");
		return;
	}
	if (f->narrow_section >= 0) {
		select_narrowed(f);
	} else {
		f->sel = 0;
		step(f, 1);
		step(f, -1);
	}
}

void facets_narrow_line(struct app *app, char *buf, size_t len)
{
	struct facets *f = app->views[VIEW_FACETS].data;

	snprintf(buf, len, "narrow %s: %s",
		 f && f->narrow_section >= 0
			 ? store_filters[f->narrow_section].title
			 : "",
		 f ? f->narrow : "");
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
	case ACTION_NEXT_SECTION:
	case ACTION_PREV_SECTION:
		jump_section(f, action == ACTION_NEXT_SECTION ? 1 : -1);
		return true;
	case ACTION_NARROW:
		facets_narrow_start(app);
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
	text_pinyin_free(((struct facets *)view->data)->pinyin);
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
