/*
 * test_charting.c — the arithmetic of the overview charts (charting.c):
 * months bucketed to fit a width (the finest bucket that fits, two
 * columns a bucket when there is room), the labels and units of buckets,
 * counts scaled to levels and the ranges each level stands for (checked
 * against each other for every count up to the max), the blocks of a
 * vertical bar, the legend, the axis of years, and the grid of the names
 * with most articles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

#define M(y, m) ((y)*12 + (m)-1)

struct plan_case {
	int first, last, columns;
	bool ok;
	int start, months, buckets, cell;
};

static const struct plan_case plan_cases[] = {
	/* a year of months: two columns each, then one, then quarters */
	{M(2023, 1), M(2023, 12), 80, true, M(2023, 1), 1, 12, 2},
	{M(2023, 1), M(2023, 12), 24, true, M(2023, 1), 1, 12, 2},
	{M(2023, 1), M(2023, 12), 23, true, M(2023, 1), 1, 12, 1},
	{M(2023, 1), M(2023, 12), 12, true, M(2023, 1), 1, 12, 1},
	{M(2023, 1), M(2023, 12), 11, true, M(2023, 1), 3, 4, 2},
	/* quarters start in January, April, July, October */
	{M(2022, 11), M(2024, 12), 26, true, M(2022, 11), 1, 26, 1},
	{M(2022, 11), M(2024, 12), 25, true, M(2022, 10), 3, 9, 2},
	{M(2022, 11), M(2024, 12), 8, true, M(2022, 1), 12, 3, 2},
	/* twenty years: quarters, years, then longer */
	{M(2005, 1), M(2024, 12), 240, true, M(2005, 1), 1, 240, 1},
	{M(2005, 1), M(2024, 12), 239, true, M(2005, 1), 3, 80, 2},
	{M(2005, 1), M(2024, 12), 159, true, M(2005, 1), 3, 80, 1},
	{M(2005, 1), M(2024, 12), 66, true, M(2005, 1), 12, 20, 2},
	{M(2005, 1), M(2024, 12), 19, true, M(2004, 1), 24, 11, 1},
	{M(2005, 1), M(2024, 12), 5, true, M(2005, 1), 60, 4, 1},
	{M(2005, 1), M(2024, 12), 1, true, M(2000, 1), 600, 1, 1},
	/* one month */
	{M(2023, 5), M(2023, 5), 1, true, M(2023, 5), 1, 1, 1},
	{M(2023, 5), M(2023, 5), 2, true, M(2023, 5), 1, 1, 2},
	/* nothing fits, no span */
	{M(2023, 1), M(2023, 12), 0, false, 0, 0, 0, 0},
	{M(2023, 12), M(2023, 1), 10, false, 0, 0, 0, 0},
	{M(1, 1), M(9999, 12), 1, false, 0, 0, 0, 0},
};

static void test_plan(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof plan_cases / sizeof *plan_cases; i++) {
		const struct plan_case *c = &plan_cases[i];
		struct text_chart_plan p = {0};
		bool ok = text_chart_plan(c->first, c->last, c->columns, &p);

		if (ok != c->ok ||
		    (ok && (p.first != c->start || p.months != c->months ||
			    p.buckets != c->buckets || p.cell != c->cell)))
			fail_msg(
				"case %zu: %d first %d months %d buckets %d "
				"cell %d",
				i, ok, p.first, p.months, p.buckets, p.cell);
		if (!ok)
			continue;
		/* the plan covers the span and fits */
		assert_true(p.buckets * p.cell <= c->columns);
		assert_int_equal(text_chart_bucket(&p, c->first) >= 0, 1);
		assert_int_equal(text_chart_bucket(&p, c->last), p.buckets - 1);
		assert_int_equal(text_chart_bucket(&p, p.first - 1), -1);
		assert_int_equal(
			text_chart_bucket(&p, p.first + p.buckets * p.months),
			-1);
	}
}

static void test_month_and_labels(void **state)
{
	struct text_chart_plan p;
	char buf[32];

	(void)state;
	assert_int_equal(text_chart_month("2023-03"), M(2023, 3));
	assert_int_equal(text_chart_month("2023-12-31"), M(2023, 12));
	assert_int_equal(text_chart_month("2023-13"), -1);
	assert_int_equal(text_chart_month("2023-00"), -1);
	assert_int_equal(text_chart_month("2023"), -1);
	assert_int_equal(text_chart_month("2023/03"), -1);
	assert_int_equal(text_chart_month(""), -1);
	assert_int_equal(text_chart_month(NULL), -1);

	assert_true(text_chart_plan(M(2023, 2), M(2023, 11), 80, &p));
	text_chart_label(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "2023-03");
	text_chart_unit(&p, buf, sizeof buf);
	assert_string_equal(buf, "month");
	assert_true(text_chart_plan(M(2023, 2), M(2023, 11), 5, &p));
	text_chart_label(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "2023Q2");
	text_chart_unit(&p, buf, sizeof buf);
	assert_string_equal(buf, "quarter");
	assert_true(text_chart_plan(M(2005, 1), M(2024, 12), 20, &p));
	text_chart_label(&p, 2, buf, sizeof buf);
	assert_string_equal(buf, "2007");
	text_chart_unit(&p, buf, sizeof buf);
	assert_string_equal(buf, "year");
	assert_true(text_chart_plan(M(2005, 1), M(2024, 12), 5, &p));
	text_chart_label(&p, 0, buf, sizeof buf);
	assert_string_equal(buf, "2005–2009");
	text_chart_unit(&p, buf, sizeof buf);
	assert_string_equal(buf, "5 years");
}

struct level_case {
	int64_t count, max;
	int levels, level;
};

static const struct level_case level_cases[] = {
	{0, 5, 8, 0},	   {-3, 5, 8, 0},     {1, 5, 8, 2},
	{5, 5, 8, 8},	   {4, 5, 8, 7},      {1, 1000, 8, 1},
	{999, 1000, 8, 8}, {874, 1000, 8, 7}, {876, 1000, 8, 8},
	{3, 4, 4, 3},	   {1, 4, 4, 1},      {2, 0, 4, 0},
	{7, 5, 4, 4},	   {1, 1, 4, 4},      {INT64_MAX / 2, INT64_MAX, 8, 4},
};

static void test_level(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof level_cases / sizeof *level_cases; i++) {
		const struct level_case *c = &level_cases[i];
		int got = text_chart_level(c->count, c->max, c->levels);

		if (got != c->level)
			fail_msg("case %zu: level %d, expected %d", i, got,
				 c->level);
	}
}

/* Every count from 1 to max is in the range of its level, and the
 * ranges of the levels follow each other with no gap. */
static void test_level_ranges(void **state)
{
	(void)state;
	for (int levels = 1; levels <= 16; levels++) {
		for (int64_t max = 1; max <= 200; max++) {
			int64_t next = 1;

			for (int k = 1; k <= levels; k++) {
				int64_t lo, hi;

				if (!text_chart_level_range(k, max, levels, &lo,
							    &hi))
					continue;
				assert_int_equal(lo, next);
				for (int64_t v = lo; v <= hi; v++)
					if (text_chart_level(v, max, levels) !=
					    k)
						fail_msg(
							"%lld of %lld in %d: "
							"level %d, range of %d",
							(long long)v,
							(long long)max, levels,
							text_chart_level(
								v, max, levels),
							k);
				next = hi + 1;
			}
			assert_int_equal(next, max + 1);
		}
	}
	int64_t lo, hi;

	assert_false(text_chart_level_range(0, 10, 4, &lo, &hi));
	assert_false(text_chart_level_range(5, 10, 4, &lo, &hi));
	assert_false(text_chart_level_range(1, 0, 4, &lo, &hi));
}

static void test_bar_and_legend(void **state)
{
	char buf[128];

	(void)state;
	/* a bar a row and a half high, over three rows */
	assert_string_equal(text_chart_bar_block(12, 0), "█");
	assert_string_equal(text_chart_bar_block(12, 1), "▄");
	assert_string_equal(text_chart_bar_block(12, 2), " ");
	assert_string_equal(text_chart_bar_block(16, 1), "█");
	assert_string_equal(text_chart_bar_block(1, 0), "▁");
	assert_string_equal(text_chart_bar_block(0, 0), " ");

	text_chart_legend(6, buf, sizeof buf);
	assert_string_equal(buf, "░ 1  ▒ 2–3  ▓ 4  █ 5–6");
	text_chart_legend(1, buf, sizeof buf);
	assert_string_equal(buf, "█ 1");
	text_chart_legend(2, buf, sizeof buf);
	assert_string_equal(buf, "▒ 1  █ 2");
	text_chart_legend(400, buf, sizeof buf);
	assert_string_equal(buf, "░ 1–100  ▒ 101–200  ▓ 201–300  █ 301–400");
	text_chart_legend(0, buf, sizeof buf);
	assert_string_equal(buf, "");
}

static void test_axis(void **state)
{
	struct text_chart_plan p;
	char buf[512];

	(void)state;
	/* months two columns wide: a year every 24 columns; 2023 starts too
	 * near 2022's label to have one */
	assert_true(text_chart_plan(M(2022, 11), M(2024, 12), 80, &p));
	text_chart_axis(&p, buf, sizeof buf);
	assert_string_equal(buf, "2022                        2024");
	/* years two columns wide: every third year */
	assert_true(text_chart_plan(M(2005, 1), M(2010, 12), 12, &p));
	text_chart_axis(&p, buf, sizeof buf);
	assert_string_equal(buf, "2005  2008");
	/* never wider than the buckets */
	assert_true(text_chart_plan(M(2005, 1), M(2007, 12), 3, &p));
	text_chart_axis(&p, buf, sizeof buf);
	assert_string_equal(buf, "");
	assert_true(text_chart_plan(M(2005, 1), M(2024, 12), 240, &p));
	text_chart_axis(&p, buf, sizeof buf);
	assert_true((int)strlen(buf) <= p.buckets * p.cell);
	assert_memory_equal(buf, "2005", 4);
	assert_memory_equal(buf + 12, "2006", 4);
}

static void test_heat(void **state)
{
	static const struct text_chart_item items[] = {
		{"韶关", M(2023, 3), 1},
		{"湛江", M(2023, 1), 3},
		{"湛江", M(2022, 11), 1},
		{"湛江", M(2023, 3), 4},
		{"江门", M(2023, 2), 1},
		{"江门", M(2023, 2), 2}, /* the same cell again: added */
		{"湛江", M(2024, 12), 1},
		{"河源", M(2023, 6), 0}, /* nothing: no row */
		{"清远", M(2020, 1), 5}, /* outside the plan: no row */
	};
	struct text_chart_plan p;
	struct text_chart_heat h;

	(void)state;
	assert_true(text_chart_plan(M(2022, 11), M(2024, 12), 7, &p));
	assert_int_equal(p.months, 12);
	assert_int_equal(p.buckets, 3);
	assert_int_equal(text_chart_heat_make(items, 9, &p, 2, &h), 0);
	assert_int_equal(h.names, 3);
	assert_int_equal(h.rows, 2);
	assert_int_equal(h.buckets, 3);
	assert_string_equal(h.name[0], "湛江");
	assert_int_equal(h.total[0], 9);
	assert_string_equal(h.name[1], "江门");
	assert_int_equal(h.total[1], 3);
	assert_int_equal(h.cell[0], 1);
	assert_int_equal(h.cell[1], 7);
	assert_int_equal(h.cell[2], 1);
	assert_int_equal(h.cell[3], 0);
	assert_int_equal(h.cell[4], 3);
	assert_int_equal(h.cell[5], 0);
	assert_int_equal(h.max, 7);
	text_chart_heat_free(&h);

	/* ties by name; no item, no row */
	static const struct text_chart_item ties[] = {
		{"b", M(2023, 1), 2},
		{"a", M(2023, 2), 2},
		{"c", M(2023, 1), 1},
	};
	assert_true(text_chart_plan(M(2023, 1), M(2023, 2), 4, &p));
	assert_int_equal(text_chart_heat_make(ties, 3, &p, 10, &h), 0);
	assert_int_equal(h.rows, 3);
	assert_string_equal(h.name[0], "a");
	assert_string_equal(h.name[1], "b");
	assert_string_equal(h.name[2], "c");
	text_chart_heat_free(&h);
	assert_int_equal(text_chart_heat_make(NULL, 0, &p, 10, &h), 0);
	assert_int_equal(h.rows, 0);
	assert_int_equal(h.max, 0);
	text_chart_heat_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_month_and_labels),
		cmocka_unit_test(test_level),
		cmocka_unit_test(test_level_ranges),
		cmocka_unit_test(test_bar_and_legend),
		cmocka_unit_test(test_axis),
		cmocka_unit_test(test_heat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
