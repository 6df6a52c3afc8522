/*
 * chart_view.c — the chart view (`C`): the selection and search of the
 * list at a glance. On top, the articles by month as vertical bars of
 * block characters (▁ to █ in eighths of a row, the busiest month full
 * height); under them the years; then the cities with most articles by
 * month as a heat map of shades ░▒▓█, with what each shade stands for.
 * Months become quarters, years or longer when the span is wider than
 * the window, and the heading says which. Bars and heat map share their
 * columns, so a month sits under its bar. In a small window (fewer than
 * CHART_MIN_ROWS rows or CHART_MIN_COLUMNS columns) a one-line sparkline,
 * its first and last period and the top cities stand for it all.
 *
 * The counts are read once when the view opens (the total, the months
 * kept by the store, and the cities by month in one grouped query:
 * store_city_months); a resize only draws them again. The bucketing and
 * scaling are text's (charting.c), which `bulletin stats --chart` draws
 * with too. Colours come from the roles (ROLE_BAR, ROLE_SHADE_1 ...); with
 * NO_COLOR the shade characters carry the same counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

#define CHART_MIN_ROWS 8
#define CHART_MIN_COLUMNS 30
#define CHART_BAR_ROWS_MAX 8
#define CHART_NAME_WIDTH 12

struct chart {
	int64_t total;	 /* articles of the selection */
	int64_t dated;	 /* of them with a month */
	int first, last; /* months of the first and last dated article */
	struct text_chart_item *months; /* owned: count by month (name "") */
	size_t n_months;
	struct store_city_month *cells; /* owned: the store's counts */
	struct text_chart_item *items;	/* owned: the same, for the grid */
	size_t n_cells;
	char heading[512];
};

static void chart_free(struct chart *c)
{
	if (!c)
		return;
	free(c->months);
	store_city_months_free(c->cells, c->n_cells);
	free(c->items);
	free(c);
}

/* What is selected: the count, then each filter as the header writes
 * it. */
static void make_heading(struct app *app, struct chart *c)
{
	size_t used = (size_t)snprintf(c->heading, sizeof c->heading,
				       "%lld article%s", (long long)c->total,
				       c->total == 1 ? "" : "s");

	for (int k = 0; k < STORE_FILTER_COUNT && used < sizeof c->heading;
	     k++) {
		const char *v = app_filter_get(app, (enum store_filter_key)k);

		if (v)
			used += (size_t)snprintf(
				c->heading + used, sizeof c->heading - used,
				"  %s%s%s", store_filters[k].name,
				*v ? ":" : "", v);
	}
	if (c->total > c->dated && used < sizeof c->heading)
		snprintf(c->heading + used, sizeof c->heading - used,
			 "  (%lld undated)", (long long)(c->total - c->dated));
}

static int chart_open(struct app *app, struct view *view)
{
	struct chart *c = calloc(1, sizeof *c);
	struct store_count *m = NULL;
	size_t n = 0;
	char err[512];

	if (!c)
		goto oom;
	c->first = c->last = -1;
	if (store_count(app->store, &app->filter, &c->total, err, sizeof err) !=
		    0 ||
	    store_facet(app->store, &app->filter, STORE_FILTER_MONTH, 0, &m, &n,
			err, sizeof err) != 0 ||
	    store_city_months(app->store, &app->filter, &c->cells, &c->n_cells,
			      err, sizeof err) != 0) {
		app_message(app, true, "%s", err);
		store_counts_free(m, n);
		chart_free(c);
		return -1;
	}
	c->months = calloc(n + 1, sizeof *c->months);
	c->items = calloc(c->n_cells + 1, sizeof *c->items);
	if (!c->months || !c->items) {
		store_counts_free(m, n);
		goto oom;
	}
	for (size_t i = 0; i < n; i++) {
		int month = text_chart_month(m[i].name);

		if (month < 0)
			continue;
		c->months[c->n_months++] =
			(struct text_chart_item){"", month, m[i].count};
		c->dated += m[i].count;
		if (c->first < 0 || month < c->first)
			c->first = month;
		if (month > c->last)
			c->last = month;
	}
	store_counts_free(m, n);
	for (size_t i = 0; i < c->n_cells; i++)
		c->items[i] = (struct text_chart_item){
			c->cells[i].city, text_chart_month(c->cells[i].month),
			c->cells[i].count};
	make_heading(app, c);
	chart_free(view->data);
	view->data = c;
	return 0;
oom:
	chart_free(c);
	app_message(app, true, "out of memory");
	return -1;
}

/* The articles of each bucket of plan into sums[0..buckets); returns the
 * largest. */
static int64_t bucket_sums(const struct chart *c,
			   const struct text_chart_plan *plan, int64_t *sums)
{
	int64_t max = 0;

	for (int b = 0; b < plan->buckets; b++)
		sums[b] = 0;
	for (size_t i = 0; i < c->n_months; i++) {
		int b = text_chart_bucket(plan, c->months[i].month);

		if (b >= 0)
			sums[b] += c->months[i].count;
	}
	for (int b = 0; b < plan->buckets; b++)
		if (sums[b] > max)
			max = sums[b];
	return max;
}

/* Draws s repeated times at (y, x) in attr; returns the columns used. */
static int draw_cell(int y, int x, const char *s, int times, attr_t attr)
{
	char buf[32] = "";
	size_t len = strlen(s);

	for (int i = 0; i < times && (size_t)(i + 1) * len < sizeof buf; i++)
		memcpy(buf + (size_t)i * len, s, len + 1);
	return draw_text(y, x, times, buf, attr, NULL);
}

static attr_t shade_attr(const struct app *app, int level)
{
	return level <= 0
		       ? 0
		       : app_attr(app, (enum role)(ROLE_SHADE_1 + level - 1));
}

/* The small window: a sparkline of the whole span, its first and last
 * period, the top cities and their counts. */
static void draw_small(struct app *app, struct view *view,
		       const struct chart *c)
{
	struct text_chart_plan plan;
	struct text_chart_heat h = {0};
	int64_t *sums;
	char a[32], b[32];
	int y = view->y + 1, x;

	if (view->height < 2 || c->first < 0 ||
	    !text_chart_plan(c->first, c->last, view->width, &plan))
		return;
	sums = calloc((size_t)plan.buckets, sizeof *sums);
	if (!sums)
		return;
	int64_t max = bucket_sums(c, &plan, sums);

	for (int i = 0; i < plan.buckets; i++)
		draw_cell(y, view->x + i * plan.cell,
			  text_chart_blocks[text_chart_level(sums[i], max, 8)],
			  plan.cell, app_attr(app, ROLE_BAR));
	free(sums);
	if (view->height < 3)
		return;
	y++;
	text_chart_label(&plan, 0, a, sizeof a);
	text_chart_label(&plan, plan.buckets - 1, b, sizeof b);
	x = draw_text(y, view->x, view->width, a, app_attr(app, ROLE_DATE),
		      NULL);
	if (plan.buckets > 1 && x + 1 + draw_width(b) <= view->width)
		draw_text(y, view->x + view->width - draw_width(b),
			  draw_width(b), b, app_attr(app, ROLE_DATE), NULL);
	if (view->height < 4 ||
	    text_chart_heat_make(c->items, c->n_cells, &plan, 16, &h) != 0)
		return;
	y++;
	x = 0;
	for (size_t r = 0; r < h.rows && y < view->y + view->height; r++) {
		char num[24];
		int need = draw_width(h.name[r]) + 1 +
			   snprintf(num, sizeof num, "%lld",
				    (long long)h.total[r]);

		if (x > 0 && x + 2 + need > view->width) {
			y++;
			x = 0;
			if (y >= view->y + view->height)
				break;
		}
		if (x > 0)
			x += 2;
		x += draw_text(y, view->x + x, view->width - x, h.name[r],
			       app_attr(app, ROLE_CITY), NULL);
		x += draw_text(y, view->x + x, view->width - x, " ", 0, NULL);
		x += draw_text(y, view->x + x, view->width - x, num, 0, NULL);
	}
	text_chart_heat_free(&h);
}

/* The legend at (y, x) within width: each shade in its colour and the
 * counts it stands for. */
static void draw_legend(struct app *app, int y, int x, int width, int64_t max)
{
	int used = 0;

	for (int k = 1; k <= TEXT_CHART_SHADES && used < width; k++) {
		int64_t lo, hi;
		char num[48];

		if (!text_chart_level_range(k, max, TEXT_CHART_SHADES, &lo,
					    &hi))
			continue;
		if (lo == hi)
			snprintf(num, sizeof num, " %lld  ", (long long)lo);
		else
			snprintf(num, sizeof num, " %lld–%lld  ", (long long)lo,
				 (long long)hi);
		used += draw_text(y, x + used, width - used,
				  text_chart_shades[k], shade_attr(app, k),
				  NULL);
		used += draw_text(y, x + used, width - used, num, 0, NULL);
	}
}

static void chart_draw(struct app *app, struct view *view)
{
	struct chart *c = view->data;
	struct text_chart_plan plan;
	struct text_chart_heat h = {0};
	int64_t *sums = NULL, max, most = 1;
	int margin, total_w = 1, y, rest, bars, rows, cities;
	char buf[256], unit[32];

	for (int i = 0; i < view->height; i++)
		draw_fill(view->y + i, view->x, view->width, 0);
	if (!c || view->height < 1)
		return;
	draw_text(view->y, view->x, view->width, c->heading,
		  app_attr(app, ROLE_SECTION), NULL);
	if (c->first < 0) {
		if (view->height > 1)
			draw_text(view->y + 1, view->x, view->width,
				  "no dated article to chart", 0, NULL);
		return;
	}
	if (view->height < CHART_MIN_ROWS || view->width < CHART_MIN_COLUMNS) {
		draw_small(app, view, c);
		return;
	}
	/* the names' and totals' columns, from the cities of the whole span */
	if (!text_chart_plan(c->first, c->last, c->last - c->first + 1,
			     &plan) ||
	    text_chart_heat_make(c->items, c->n_cells, &plan,
				 (size_t)view->height, &h) != 0)
		return;
	margin = 4;
	for (size_t r = 0; r < h.rows; r++) {
		int w = draw_width(h.name[r]);

		if (w > margin)
			margin = w > CHART_NAME_WIDTH ? CHART_NAME_WIDTH : w;
		if (h.total[r] > most)
			most = h.total[r];
	}
	cities = (int)h.names;
	text_chart_heat_free(&h);
	/* the scale of the bars in the margin: no bucket exceeds the dated */
	snprintf(buf, sizeof buf, "%lld", (long long)c->dated);
	if (draw_width(buf) > margin)
		margin = draw_width(buf);
	total_w = snprintf(buf, sizeof buf, "%lld", (long long)most);
	if (!text_chart_plan(c->first, c->last,
			     view->width - margin - 1 - total_w - 1, &plan))
		return;
	sums = calloc((size_t)plan.buckets, sizeof *sums);
	if (!sums)
		return;
	max = bucket_sums(c, &plan, sums);
	/* heights: the heading, bars, the years, the heat map's heading and
	 * its rows */
	rest = view->height - 3;
	bars = rest / 3;
	if (bars < 2)
		bars = 2;
	if (bars > CHART_BAR_ROWS_MAX)
		bars = CHART_BAR_ROWS_MAX;
	rows = rest - bars;
	if (rows > cities) {
		rows = cities;
		bars = rest - rows;
		if (bars > CHART_BAR_ROWS_MAX)
			bars = CHART_BAR_ROWS_MAX;
	}
	if (rows < 0)
		rows = 0;
	y = view->y + 1;
	for (int i = 0; i < bars; i++, y++) {
		int from_bottom = bars - 1 - i;

		if (i == 0) {
			snprintf(buf, sizeof buf, "%lld", (long long)max);
			draw_text(y, view->x + margin - draw_width(buf),
				  draw_width(buf), buf,
				  app_attr(app, ROLE_KICKER), NULL);
		}
		for (int b = 0; b < plan.buckets; b++)
			draw_cell(y, view->x + margin + 1 + b * plan.cell,
				  text_chart_bar_block(
					  text_chart_level(sums[b], max,
							   bars * 8),
					  from_bottom),
				  plan.cell, app_attr(app, ROLE_BAR));
	}
	text_chart_axis(&plan, buf, sizeof buf);
	draw_text(y++, view->x + margin + 1, plan.buckets * plan.cell, buf,
		  app_attr(app, ROLE_DATE), NULL);
	free(sums);
	text_chart_unit(&plan, unit, sizeof unit);
	if (cities == 0) {
		draw_text(y, view->x, view->width,
			  "no dated article names a city", 0, NULL);
		return;
	}
	if (text_chart_heat_make(c->items, c->n_cells, &plan, (size_t)rows,
				 &h) != 0)
		return;
	snprintf(buf, sizeof buf, "top %zu of %zu cities by %s  ", h.rows,
		 h.names, unit);
	int x = draw_text(y, view->x, view->width, buf,
			  app_attr(app, ROLE_SECTION), NULL);
	draw_legend(app, y++, view->x + x, view->width - x, h.max);
	for (size_t r = 0; r < h.rows; r++, y++) {
		draw_text(y, view->x, margin, h.name[r],
			  app_attr(app, ROLE_CITY), NULL);
		for (int b = 0; b < plan.buckets; b++) {
			int level = text_chart_level(
				h.cell[r * (size_t)plan.buckets + (size_t)b],
				h.max, TEXT_CHART_SHADES);

			draw_cell(y, view->x + margin + 1 + b * plan.cell,
				  text_chart_shades[level], plan.cell,
				  shade_attr(app, level));
		}
		snprintf(buf, sizeof buf, "%lld", (long long)h.total[r]);
		draw_text(y,
			  view->x + margin + 1 + plan.buckets * plan.cell + 1,
			  total_w, buf, 0, NULL);
	}
	text_chart_heat_free(&h);
}

static bool chart_key(struct app *app, struct view *view, enum action action)
{
	switch (action) {
	case ACTION_BACK:
	case ACTION_LEFT:
	case ACTION_CLOSE:
	case ACTION_CHART:
		app->focus = app->before_chart;
		return true;
	case ACTION_REFRESH:
		chart_open(app, view);
		return false; /* and the app redraws the whole screen */
	case ACTION_HELP:
	case ACTION_QUIT:
		return false;
	default:
		return true; /* nothing else happens behind the chart */
	}
}

static void chart_resize(struct app *app, struct view *view)
{
	(void)app;
	(void)view; /* drawn from the counts at any size */
}

static void chart_done(struct app *app, struct view *view)
{
	(void)app;
	chart_free(view->data);
	view->data = NULL;
}

const struct view_ops chart_ops = {
	.name = "chart",
	.open = chart_open,
	.draw = chart_draw,
	.key = chart_key,
	.resize = chart_resize,
	.done = chart_done,
};
