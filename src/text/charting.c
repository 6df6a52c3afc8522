/*
 * charting.c — the arithmetic of the overview charts (stats --chart and
 * the reader's chart view), shared by both so that they agree: months cut
 * into buckets (month, quarter, year, several years) that fit a width,
 * counts scaled to eighths of a block or to shades, what each shade
 * stands for, the year labels of an axis, and the grid of the cities with
 * most articles by bucket. Strings and numbers only: the callers put them
 * on a terminal, with colours or without.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

const char *const text_chart_blocks[9] = {
	" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█",
};

const char *const text_chart_shades[TEXT_CHART_SHADES + 1] = {
	" ", "░", "▒", "▓", "█",
};

/* Bucket lengths in months, finest first. */
static const int bucket_months[] = {1, 3, 12, 24, 60, 120, 240, 600, 1200};

int text_chart_month(const char *s)
{
	int y, m;

	if (!s || strlen(s) < 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	if (m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

bool text_chart_plan(int first, int last, int columns,
		     struct text_chart_plan *plan)
{
	size_t n = sizeof bucket_months / sizeof bucket_months[0];

	if (columns < 1 || first < 0 || last < first)
		return false;
	for (size_t i = 0; i < n; i++) {
		int size = bucket_months[i];
		int start = first - first % size;
		int buckets = (last - start) / size + 1;

		if (buckets <= columns || i == n - 1) {
			if (buckets > columns)
				return false;
			plan->first = start;
			plan->months = size;
			plan->buckets = buckets;
			plan->cell = buckets * 2 <= columns ? 2 : 1;
			return true;
		}
	}
	return false;
}

int text_chart_bucket(const struct text_chart_plan *p, int month)
{
	int b;

	if (month < p->first)
		return -1;
	b = (month - p->first) / p->months;
	return b < p->buckets ? b : -1;
}

void text_chart_label(const struct text_chart_plan *p, int bucket, char *buf,
		      size_t len)
{
	int m = p->first + bucket * p->months;

	if (p->months == 1)
		snprintf(buf, len, "%04d-%02d", m / 12, m % 12 + 1);
	else if (p->months == 3)
		snprintf(buf, len, "%04dQ%d", m / 12, m % 12 / 3 + 1);
	else if (p->months == 12)
		snprintf(buf, len, "%04d", m / 12);
	else
		snprintf(buf, len, "%04d–%04d", m / 12,
			 (m + p->months - 1) / 12);
}

void text_chart_unit(const struct text_chart_plan *p, char *buf, size_t len)
{
	if (p->months == 1)
		snprintf(buf, len, "month");
	else if (p->months == 3)
		snprintf(buf, len, "quarter");
	else if (p->months == 12)
		snprintf(buf, len, "year");
	else
		snprintf(buf, len, "%d years", p->months / 12);
}

/* a * b / c, rounded down (up when up), for counts of articles: exact
 * while a * b fits in 63 bits, which any store's counts times a few
 * hundred levels do. */
static int64_t scale(int64_t a, int64_t b, int64_t c, bool up)
{
	if (a > INT64_MAX / (b > 0 ? b : 1))
		return (int64_t)((double)a * (double)b / (double)c);
	return (a * b + (up ? c - 1 : 0)) / c;
}

int text_chart_level(int64_t count, int64_t max, int levels)
{
	int64_t level;

	if (count <= 0 || max <= 0 || levels <= 0)
		return 0;
	if (count >= max)
		return levels;
	level = scale(count, levels, max, true);
	return level < 1 ? 1 : level > levels ? levels : (int)level;
}

bool text_chart_level_range(int level, int64_t max, int levels, int64_t *lo,
			    int64_t *hi)
{
	if (level < 1 || level > levels || max <= 0)
		return false;
	*lo = scale(level - 1, max, levels, false) + 1;
	*hi = scale(level, max, levels, false);
	return *lo <= *hi;
}

const char *text_chart_bar_block(int eighths, int row)
{
	if (eighths >= (row + 1) * 8)
		return text_chart_blocks[8];
	if (eighths > row * 8)
		return text_chart_blocks[eighths - row * 8];
	return text_chart_blocks[0];
}

void text_chart_legend(int64_t max, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (int k = 1; k <= TEXT_CHART_SHADES; k++) {
		int64_t lo, hi;
		int n;

		if (!text_chart_level_range(k, max, TEXT_CHART_SHADES, &lo,
					    &hi))
			continue;
		if (lo == hi)
			n = snprintf(buf + used, len - used, "%s%s %lld",
				     used ? "  " : "", text_chart_shades[k],
				     (long long)lo);
		else
			n = snprintf(buf + used, len - used, "%s%s %lld–%lld",
				     used ? "  " : "", text_chart_shades[k],
				     (long long)lo, (long long)hi);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
}

void text_chart_axis(const struct text_chart_plan *p, char *buf, size_t len)
{
	int width = p->buckets * p->cell, next = 0;
	size_t used = 0;

	if (len == 0)
		return;
	for (int b = 0; b < p->buckets; b++) {
		int m = p->first + b * p->months, pos = b * p->cell;
		char year[16];
		int n;

		if (b > 0 && m % 12 >= p->months)
			continue; /* not where a year starts */
		n = snprintf(year, sizeof year, "%04d", m / 12);
		if (pos < next || pos + n > width)
			continue;
		while (used + 1 < len && (int)used < pos)
			buf[used++] = ' ';
		if (used + (size_t)n + 1 > len)
			break;
		memcpy(buf + used, year, (size_t)n);
		used += (size_t)n;
		next = pos + n + 1;
	}
	buf[used] = '\0';
}

/* The items, by name, for text_chart_heat_make. */
static int by_name(const void *pa, const void *pb)
{
	const struct text_chart_item *a =
		*(const struct text_chart_item *const *)pa;
	const struct text_chart_item *b =
		*(const struct text_chart_item *const *)pb;

	return strcmp(a->name, b->name);
}

/* Rows, the largest first, then by name. */
struct heat_row {
	const char *name;
	int64_t total;
	size_t first, count; /* its items in the sorted array */
};

static int by_total(const void *pa, const void *pb)
{
	const struct heat_row *a = pa, *b = pb;

	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return strcmp(a->name, b->name);
}

int text_chart_heat_make(const struct text_chart_item *items, size_t n,
			 const struct text_chart_plan *plan, size_t max_rows,
			 struct text_chart_heat *out)
{
	const struct text_chart_item **sorted = NULL;
	struct heat_row *rows = NULL;
	size_t n_rows = 0;
	struct text_chart_heat h = {0};
	int result = -1;

	if (n > 0) {
		sorted = malloc(n * sizeof *sorted);
		rows = malloc(n * sizeof *rows);
		if (!sorted || !rows)
			goto out;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = &items[i];
	if (n > 1)
		qsort(sorted, n, sizeof *sorted, by_name);
	for (size_t i = 0; i < n; i++) {
		if (text_chart_bucket(plan, sorted[i]->month) < 0 ||
		    sorted[i]->count <= 0)
			continue;
		if (n_rows == 0 ||
		    strcmp(rows[n_rows - 1].name, sorted[i]->name) != 0)
			rows[n_rows++] =
				(struct heat_row){sorted[i]->name, 0, i, 0};
		rows[n_rows - 1].total += sorted[i]->count;
		rows[n_rows - 1].count = i + 1 - rows[n_rows - 1].first;
	}
	if (n_rows > 1)
		qsort(rows, n_rows, sizeof *rows, by_total);
	h.names = n_rows;
	h.rows = n_rows < max_rows ? n_rows : max_rows;
	h.buckets = plan->buckets;
	h.name = calloc(h.rows + 1, sizeof *h.name);
	h.total = calloc(h.rows + 1, sizeof *h.total);
	h.cell = calloc(h.rows * (size_t)plan->buckets + 1, sizeof *h.cell);
	if (!h.name || !h.total || !h.cell)
		goto out;
	for (size_t r = 0; r < h.rows; r++) {
		h.name[r] = rows[r].name;
		h.total[r] = rows[r].total;
		for (size_t i = rows[r].first;
		     i < rows[r].first + rows[r].count; i++) {
			int b = text_chart_bucket(plan, sorted[i]->month);
			int64_t *c;

			if (b < 0 || sorted[i]->count <= 0)
				continue;
			c = &h.cell[r * (size_t)plan->buckets + (size_t)b];
			*c += sorted[i]->count;
			if (*c > h.max)
				h.max = *c;
		}
	}
	*out = h;
	h = (struct text_chart_heat){0};
	result = 0;
out:
	text_chart_heat_free(&h);
	free(sorted);
	free(rows);
	return result;
}

void text_chart_heat_free(struct text_chart_heat *h)
{
	free(h->name);
	free(h->total);
	free(h->cell);
	*h = (struct text_chart_heat){0};
}
