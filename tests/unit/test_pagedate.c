/*
 * test_pagedate.c — the page's date: from the file name (2023-12-11,
 * 20231211, never from digits that are part of a longer number), from a
 * running header (which is not text), and the latest year the page names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "page/reader.h"

struct name_case {
	const char *name;
	int found, y, m, d;
};

static const struct name_case names[] = {
	{"nanfang-2023-12-11.txt", 1, 2023, 12, 11},
	{"pages/2024_01_03/p3.txt", 0, 0, 0, 0}, /* the folder is not the name */
	{"pages/p3_2024_01_03.txt", 1, 2024, 1, 3},
	{"20231211.txt", 1, 2023, 12, 11},
	{"page20240103-3.txt", 1, 2024, 1, 3},
	{"2023.12.05 南方工报.txt", 1, 2023, 12, 5},
	{"000_158881c878a543ee.txt", 0, 0, 0, 0},
	{"1202312110.txt", 0, 0, 0, 0},      /* inside a longer number */
	{"2023-13-01.txt", 0, 0, 0, 0},      /* no 13th month */
	{"2023-12_11.txt", 0, 0, 0, 0},      /* mixed separators */
	{"scan-18991231.txt", 0, 0, 0, 0},   /* before any bulletin */
};

static void test_file_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct name_case *c = &names[i];
		int y = 0, m = 0, d = 0;

		print_message("%s\n", c->name);
		assert_int_equal(page_date_from_name(c->name, &y, &m, &d), c->found);
		assert_int_equal(y, c->y);
		assert_int_equal(m, c->m);
		assert_int_equal(d, c->d);
	}
}

struct header_case {
	const char *line;
	bool header;
	int y, m, d;
};

static const struct header_case headers[] = {
	{"南方工报 2023年12月11日 星期一 第3版", true, 2023, 12, 11},
	{"南方工报　2024年3月12日　星期二　第4版", true, 2024, 3, 12},
	{"2024年3月12日　星期二", true, 2024, 3, 12},
	{"第十二版", true, 0, 0, 0},
	{"3", true, 0, 0, 0},
	{"— 3 —", true, 0, 0, 0},
	{"2024年1月3日", true, 2024, 1, 3},
	{"2023年,宝龙社区工联会开展创新项目。", false, 0, 0, 0},
	{"在2023年12月5日举行的全市职工技能大赛颁奖大会上", false, 0, 0, 0},
	{"湛江市总工会", false, 0, 0, 0},
	{"保障宣传宣讲工作有力有序推进", false, 0, 0, 0},
	{"(李驿宿)", false, 0, 0, 0},
	{"南方工报第3版", true, 0, 0, 0},
	/* an edition of a book in a headline, not the page's number */
	{"《新型冠状病毒感染诊疗方案（试行第十版）》印发", false, 0, 0, 0},
	{"《职工劳动保护手册（第十版）》发布", false, 0, 0, 0},
};

static void test_headers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		const struct header_case *c = &headers[i];
		int y = 0, m = 0, d = 0;

		print_message("%s\n", c->line);
		assert_int_equal(page_is_header(c->line, strlen(c->line), &y, &m, &d),
				 c->header);
		assert_int_equal(y, c->y);
		assert_int_equal(m, c->m);
		assert_int_equal(d, c->d);
	}
}

static void test_latest_year(void **state)
{
	static const struct {
		const char *text;
		int year;
	} cases[] = {
		{"举办2023年全市工会经审干部业务培训班,围绕财政部2021年颁布的", 2023},
		{"据了解,2019年以来", 2019},
		{"公元1949年", 0},           /* before any bulletin */
		{"编号12023年", 0},          /* part of a longer number */
		{"２０２２年和2021年", 2022}, /* full-width digits */
		{"今年10月底", 0},
		{"", 0},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("%s\n", cases[i].text);
		assert_int_equal(page_latest_year(cases[i].text,
						  strlen(cases[i].text)),
				 cases[i].year);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_latest_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
