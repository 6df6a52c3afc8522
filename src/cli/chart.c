/*
 * chart — `bulletin stats --chart`: the articles of the selection (and
 * search) by month, as a bar chart of block characters, one line a year,
 * one bar a month, ▁ to █ in eighths of the busiest month; an empty month
 * is blank. Then the cities with most articles by month (by quarter, by
 * year ... when the months are more than the width holds), a heat map of
 * shades ░▒▓█ against the busiest cell, with what each shade stands for.
 * The bucketing and scaling are text's (charting.c), the reader's chart
 * view draws with the same. Plain characters (no escape sequences) in a
 * pipe, in a file and with NO_COLOR; on a terminal the shades are in
 * colour too, the reader's colours, and say the same without them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"

/* The cities the heat map shows at most. */
#define CHART_CITIES 10
/* The widest city name, in columns; a longer one ends in "…". */
#define CHART_NAME_WIDTH 16

/* The bar of count against max, two columns: blank for none, at least ▁
 * for one. */
static void put_bar(int64_t count, int64_t max)
{
	const char *b = text_chart_blocks[text_chart_level(count, max, 8)];

	printf("%s%s", b, b);
}

/* The colour of each shade on a terminal, lightest first (the reader's,
 * draw.c), and the end of one. */
static const char *const shade_colours[TEXT_CHART_SHADES + 1] = {
	"", "\033[34m", "\033[32m", "\033[33m", "\033[1;31m",
};
#define COLOUR_END "\033[0m"

/* Whether the heat map is in colour: standard output is a terminal and
 * NO_COLOR is not set (or empty). */
static bool in_colour(void)
{
	const char *no_color = getenv("NO_COLOR");

	return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

/* Writes times the shade of level, in its colour when colour. */
static void put_shade(int level, int times, bool colour)
{
	if (colour && level > 0)
		fputs(shade_colours[level], stdout);
	for (int k = 0; k < times; k++)
		fputs(text_chart_shades[level], stdout);
	if (colour && level > 0)
		fputs(COLOUR_END, stdout);
}

/* The width of the output: $COLUMNS, else the terminal's, else 80. */
static int output_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (env && atoi(env) > 0)
		return atoi(env);
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Writes name (from a page: made harmless) in exactly width columns:
 * cut with "…" when wider, padded with spaces. */
static void put_name(const char *name, int width)
{
	char *safe = text_sanitize(name, strlen(name), false);
	const char *p = safe ? safe : "?";
	size_t len = strlen(p), i = 0;
	int used = 0, full = text_width(p);

	while (i < len) {
		uint32_t cp;
		size_t k = text_utf8_decode(p + i, len - i, &cp);
		int w;

		if (k == 0)
			break;
		w = text_cp_width(cp);
		if (full > width && used + w > width - 1)
			break;
		if (used + w > width)
			break;
		fwrite(p + i, 1, k, stdout);
		used += w;
		i += k;
	}
	if (i < len) {
		fputs("…", stdout);
		used++;
	}
	printf("%*s", width - used, "");
	free(safe);
}

/* The heat map of the cities with most articles (of f) by bucket of the
 * months first..last. */
static int heat_map(const struct cli *cli, struct store *s,
		    const struct store_filter *f, int first, int last)
{
	struct store_city_month *c = NULL;
	struct text_chart_item *items = NULL;
	struct text_chart_heat h = {0};
	struct text_chart_plan plan;
	size_t n = 0;
	int name_w = 4, total_w = 1, columns, status = -1;
	bool colour = in_colour();
	char err[1024], unit[32], legend[256], axis[1024];

	if (store_city_months(s, f, &c, &n, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		return -1;
	}
	items = calloc(n + 1, sizeof *items);
	if (!items) {
		cli_error(cli, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		items[i] = (struct text_chart_item){c[i].city,
			text_chart_month(c[i].month), c[i].count};
	/* the names' and totals' widths first, on the whole span */
	if (!text_chart_plan(first, last, last - first + 1, &plan) ||
	    text_chart_heat_make(items, n, &plan, CHART_CITIES, &h) != 0) {
		cli_error(cli, "out of memory");
		goto out;
	}
	if (h.rows == 0) {
		printf("\nno article with a date names a city\n");
		status = 0;
		goto out;
	}
	for (size_t r = 0; r < h.rows; r++) {
		int w = text_width(h.name[r]);
		char num[24];

		if (w > name_w)
			name_w = w > CHART_NAME_WIDTH ? CHART_NAME_WIDTH : w;
		w = snprintf(num, sizeof num, "%lld", (long long)h.total[r]);
		if (w > total_w)
			total_w = w;
	}
	text_chart_heat_free(&h);
	/* the reader's layout: the names, a space, the cells, a space, the
	 * totals */
	columns = output_width() - name_w - 1 - total_w - 1;
	if (columns < 1)
		columns = 1;
	if (!text_chart_plan(first, last, columns, &plan) ||
	    text_chart_heat_make(items, n, &plan, CHART_CITIES, &h) != 0) {
		cli_error(cli, "out of memory");
		goto out;
	}
	text_chart_unit(&plan, unit, sizeof unit);
	text_chart_axis(&plan, axis, sizeof axis);
	printf("\ntop %zu of %zu cities by %s (", h.rows, h.names, unit);
	if (colour) {
		/* text_chart_legend's, each shade in its colour */
		const char *sep = "";

		for (int k = 1; k <= TEXT_CHART_SHADES; k++) {
			int64_t lo, hi;

			if (!text_chart_level_range(k, h.max, TEXT_CHART_SHADES,
						    &lo, &hi))
				continue;
			fputs(sep, stdout);
			put_shade(k, 1, true);
			if (lo == hi)
				printf(" %lld", (long long)lo);
			else
				printf(" %lld–%lld", (long long)lo,
				       (long long)hi);
			sep = "  ";
		}
	} else {
		text_chart_legend(h.max, legend, sizeof legend);
		fputs(legend, stdout);
	}
	printf(")\n");
	printf("%*s %s\n", name_w, "", axis);
	for (size_t r = 0; r < h.rows; r++) {
		put_name(h.name[r], name_w);
		putchar(' ');
		for (int b = 0; b < plan.buckets; b++) {
			int64_t v = h.cell[r * (size_t)plan.buckets + (size_t)b];

			put_shade(text_chart_level(v, h.max, TEXT_CHART_SHADES),
				  plan.cell, colour);
		}
		printf(" %lld\n", (long long)h.total[r]);
	}
	status = 0;
out:
	text_chart_heat_free(&h);
	free(items);
	store_city_months_free(c, n);
	return status;
}

int cli_stats_chart(const struct cli *cli, struct store *s,
		    const struct store_filter *f)
{
	struct store_count *c = NULL;
	size_t n = 0;
	int64_t (*months)[12] = NULL, max = 0, *year_total = NULL;
	int first = 0, last = 0, years, first_month = -1, last_month = -1;
	char err[1024];
	int status = -1;

	if (store_facet(s, f, STORE_FILTER_MONTH, 0, &c, &n, err,
			sizeof err) != 0) {
		cli_error(cli, "%s", err);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		int y = atoi(c[i].name);

		if (y <= 0)
			continue;
		if (first == 0 || y < first)
			first = y;
		if (y > last)
			last = y;
	}
	if (first == 0) {
		printf("\nno dated articles to chart\n");
		status = 0;
		goto out;
	}
	years = last - first + 1;
	months = calloc((size_t)years, sizeof *months);
	year_total = calloc((size_t)years, sizeof *year_total);
	if (!months || !year_total) {
		cli_error(cli, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int y = atoi(c[i].name), m = 0;
		const char *dash = strchr(c[i].name, '-');

		if (dash)
			m = atoi(dash + 1);
		if (y < first || y > last || m < 1 || m > 12)
			continue;
		months[y - first][m - 1] += c[i].count;
		if (first_month < 0 || y * 12 + m - 1 < first_month)
			first_month = y * 12 + m - 1;
		if (y * 12 + m - 1 > last_month)
			last_month = y * 12 + m - 1;
		year_total[y - first] += c[i].count;
		if (months[y - first][m - 1] > max)
			max = months[y - first][m - 1];
	}
	printf("\narticles by month (██ = %lld)\n", (long long)max);
	printf("      ");
	for (int m = 1; m <= 12; m++)
		printf(" %2d", m);
	putchar('\n');
	for (int y = 0; y < years; y++) {
		printf("%04d  ", first + y);
		for (int m = 0; m < 12; m++) {
			putchar(' ');
			put_bar(months[y][m], max);
		}
		printf("  %lld\n", (long long)year_total[y]);
	}
	status = heat_map(cli, s, f, first_month, last_month);
out:
	free(months);
	free(year_total);
	store_counts_free(c, n);
	return status;
}
