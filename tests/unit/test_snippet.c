/*
 * test_snippet.c — snippets for search results: hits marked with folded
 * matching and the word rule of the tokenizer, cuts on character
 * boundaries with "…", blanks collapsed, unsafe characters sanitised, and
 * valid UTF-8 whatever the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store_private.h"
#include "text/text.h"

#define O STORE_HIT_OPEN
#define C STORE_HIT_CLOSE

struct snippet_case {
	const char *text;
	const char *terms; /* joined by '|', "" for none */
	size_t max;
	const char *snippet;
};

static const struct snippet_case cases[] = {
	{"全市工会开展培训", "工会", 100, "全市" O "工会" C "开展培训"},
	{"全市工会开展培训", "", 100, "全市工会开展培训"},
	{"全市工会开展培训", "驿站", 4, "全市工会…"},
	{"", "工会", 10, ""},
	{"ＣＰＲ 应急 CPRS cpr.", "cpr", 100,
	 O "ＣＰＲ" C " 应急 CPRS " O "cpr" C "."},
	{"工会工会", "工会", 100, O "工会" C O "工会" C},
	{"工会开展", "工会|会开", 100, O "工会" C "开展"},
	{"工会开展", "会|工会开", 100, O "工会开" C "展"},
	{"第一段\n\n第二段\t 完", "段", 100,
	 "第一" O "段" C " 第二" O "段" C " 完"},
	{"  \n开头", "", 100, "开头"},
	{"结尾 \n", "", 100, "结尾"},
	{"a\x1b[31mb 工会", "工会", 100, "a" TEXT_UNSAFE_MARK "[31mb " O "工会" C},
	{"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸工会子丑寅卯辰巳午未申酉", "工会",
	 8, "…壬癸" O "工会" C "子丑寅卯…"},
	{"工会在前面然后还有很多字", "工会", 4, O "工会" C "在前…"},
	{"很多字然后最后是工会", "工会", 4, "…后是" O "工会" C},
	{"A1 a1 ａ１", "A1", 100, O "A1" C " " O "a1" C " " O "ａ１" C},
	{"2023年 12023", "2023", 100, O "2023" C "年 12023"},
};

static void split_terms(const char *s, struct text_list *terms)
{
	const char *p = s, *bar;

	while (*p) {
		bar = strchr(p, '|');
		if (!bar)
			bar = p + strlen(p);
		assert_int_equal(text_list_add(terms, p, (size_t)(bar - p)), 0);
		p = *bar ? bar + 1 : bar;
	}
}

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct text_list terms = {NULL, 0, 0};
		char *got;

		split_terms(cases[i].terms, &terms);
		got = store_snippet(cases[i].text, &terms, cases[i].max);
		text_list_free(&terms);
		assert_non_null(got);
		if (strcmp(got, cases[i].snippet) != 0)
			fail_msg("'%s' / %s / %zu gives\n  '%s'\nexpected\n  '%s'",
				 cases[i].text, cases[i].terms, cases[i].max, got,
				 cases[i].snippet);
		free(got);
	}
}

/* Invalid bytes come out as U+FFFD, and a hit next to them is still
 * found. */
static void test_invalid(void **state)
{
	struct text_list terms = {NULL, 0, 0};
	char *got;

	(void)state;
	assert_int_equal(text_list_add(&terms, "会", (size_t)-1), 0);
	got = store_snippet("工\xE5\xB7会\xFF", &terms, 100);
	text_list_free(&terms);
	assert_non_null(got);
	assert_true(text_utf8_valid(got, strlen(got)));
	assert_non_null(strstr(got, "\xEF\xBF\xBD" O "会" C));
	free(got);
}

/* Random bytes, random terms, random widths: always valid UTF-8, marks
 * balanced, at most max characters of text. */
static void test_random(void **state)
{
	const char *alphabet[] = {"工", "会", "a", "B", "Ａ", " ", "\n", "，",
				  "\xFF", "\xE5\xB7", "\x1b", "𠀀", "1"};
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		char text[512] = "", term[32] = "";
		struct text_list terms = {NULL, 0, 0};
		size_t max, i, chars = 0, opens = 0, closes = 0, len;
		char *got;
		int k;

		for (k = 0; k < (int)(rand_r(&seed) % 60); k++)
			strcat(text, alphabet[rand_r(&seed) % 13]);
		for (k = 0; k < 1 + (int)(rand_r(&seed) % 3); k++)
			strcat(term, alphabet[rand_r(&seed) % 5]);
		assert_int_equal(text_list_add(&terms, term, (size_t)-1), 0);
		max = rand_r(&seed) % 20;
		got = store_snippet(text, &terms, max);
		text_list_free(&terms);
		assert_non_null(got);
		len = strlen(got);
		if (!text_utf8_valid(got, len))
			fail_msg("invalid UTF-8 from '%s'", text);
		for (i = 0; i < len;) {
			uint32_t cp = 0;
			size_t n = text_utf8_decode(got + i, len - i, &cp);

			if (cp == 2)
				opens++;
			else if (cp == 3)
				closes++;
			else if (cp != 0x2026)
				chars++;
			i += n;
		}
		assert_int_equal(opens, closes);
		if (max > 0 && chars > max)
			fail_msg("%zu characters for max %zu from '%s': '%s'",
				 chars, max, text, got);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
