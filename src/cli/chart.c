/*
 * chart — `bulletin stats --chart`: the articles of the selection (and
 * search) by month, as a bar chart of block characters, one line a year,
 * one bar a month, ▁ to █ in eighths of the busiest month; an empty month
 * is blank. Plain characters only (no colour, no escape sequences), so it
 * reads the same with NO_COLOR, in a pipe or in a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const chart_blocks[9] = {
	"  ", "▁▁", "▂▂", "▃▃", "▄▄", "▅▅", "▆▆", "▇▇", "██",
};

/* The bar of count against max: blank for none, at least ▁ for one. */
static const char *bar(int64_t count, int64_t max)
{
	int64_t level;

	if (count <= 0 || max <= 0)
		return chart_blocks[0];
	level = (count * 8 + max - 1) / max;
	return chart_blocks[level < 1 ? 1 : level > 8 ? 8 : level];
}

int cli_stats_chart(const struct cli *cli, struct store *s,
		    const struct store_filter *f)
{
	struct store_count *c = NULL;
	size_t n = 0;
	int64_t (*months)[12] = NULL, max = 0, *year_total = NULL;
	int first = 0, last = 0, years;
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
		for (int m = 0; m < 12; m++)
			printf(" %s", bar(months[y][m], max));
		printf("  %lld\n", (long long)year_total[y]);
	}
	status = 0;
out:
	free(months);
	free(year_total);
	store_counts_free(c, n);
	return status;
}
