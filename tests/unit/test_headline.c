/*
 * test_headline.c — which lines can be headings, which name an organisation
 * (a kicker), and how one to three heading lines split into kicker, lead-in
 * and headline (two lines with no blank between them are one headline).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "page/reader.h"

struct heading_case {
	const char *line;
	bool heading;
	bool organisation;
	bool exclaimed; /* a heading only where set apart: ends in ！ or ？ */
};

static const struct heading_case lines[] = {
	{"湛江市总工会", true, true, false},
	{"深圳市龙岗区宝龙社区工联会", true, true, false},
	{"清远市阳山县总工会", true, true, false},
	{"河源市源城区快递行业工会联合会", true, true, false},
	{"佛山市南海区", true, true, false},
	{"中共阳山县委机关工委", true, true, false},
	{"保障宣传宣讲工作有力有序推进", true, false, false},
	{"韶关工会开展“劳模工匠助企行”专项行动", true, false, false},
	{"江门鹤山市总参赛项目", true, false, false},
	{"能急救”。", false, false, false},
	{"(李驿宿)", false, false, false},
	{"单位供图", false, false, false},
	{"全媒体记者郗建新/摄", false, false, false},
	{"■江门鹤山市总工会代表队通过剧情演绎方式介绍项目创新成效", false, false, false},
	{"编辑:张三", false, false, false},
	{"会议要求,全市各级工会要加强组织领导,坚持上下联动、线上线下联合,", false, false, false},
	{"全市共建第一批工会爱心驿站60个，让广大户外劳动者“渴了能喝水、热了能乘凉、冷了能取暖", false, false, false},
	{"", false, false, false},
	{"央视快评：为新时代中国健儿点赞！", false, false, true},
	{"海采：这个假期去哪？看什么？", false, false, true},
	{"“你听了吗？”", false, false, true},
	{"会议传达了文件精神。", false, false, false},
	{"真的吗？他说。", false, false, false},
	{"全市共建第一批工会爱心驿站60个，让广大户外劳动者渴了能喝水、热了能乘凉、冷了能取暖、伤了能急救，好！", false, false, false},
};

static void test_heading_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		const char *s = lines[i].line;

		print_message("%s\n", s);
		assert_int_equal(page_is_heading(s, strlen(s)), lines[i].heading);
		assert_int_equal(page_is_organisation(s, strlen(s)),
				 lines[i].organisation);
		assert_int_equal(page_is_exclaimed_heading(s, strlen(s)),
				 lines[i].exclaimed);
	}
}

struct split_case {
	const char *lines[3];
	bool blank_before[3];
	const char *kicker, *lead_in, *headline;
};

static const struct split_case splits[] = {
	{{"保障宣传宣讲工作有力有序推进"}, {true}, NULL, NULL,
	 "保障宣传宣讲工作有力有序推进"},
	{{"湛江市总工会", "保障宣传宣讲工作有力有序推进"}, {true, true},
	 "湛江市总工会", NULL, "保障宣传宣讲工作有力有序推进"},
	/* a kicker right above the headline (no blank) stays a kicker */
	{{"湛江市总工会", "保障宣传宣讲工作有力有序推进"}, {true, false},
	 "湛江市总工会", NULL, "保障宣传宣讲工作有力有序推进"},
	{{"江门鹤山市总参赛项目", "获省市直机关工作创新大赛二等奖"}, {true, false},
	 NULL, NULL, "江门鹤山市总参赛项目获省市直机关工作创新大赛二等奖"},
	{{"春节前夕走访慰问困难职工", "株洲荷塘区总工会送温暖到万家"}, {true, true},
	 NULL, "春节前夕走访慰问困难职工", "株洲荷塘区总工会送温暖到万家"},
	{{"佛山市南海区总工会", "把服务送到一线", "“暖心驿站”走进桂城街道"},
	 {true, true, false}, "佛山市南海区总工会", NULL,
	 "把服务送到一线“暖心驿站”走进桂城街道"},
	{{"佛山市南海区总工会", "把服务送到一线", "“暖心驿站”走进桂城街道"},
	 {true, true, true}, "佛山市南海区总工会", "把服务送到一线",
	 "“暖心驿站”走进桂城街道"},
	{{"Union", "CPR training"}, {true, false}, NULL, NULL,
	 "Union CPR training"},
};

static void test_split(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
		const struct split_case *c = &splits[i];
		struct page_line h[3];
		struct article a;
		size_t n = 0;

		memset(&a, 0, sizeof a);
		memset(h, 0, sizeof h);
		for (; n < 3 && c->lines[n]; n++) {
			h[n].text = (char *)c->lines[n];
			h[n].len = strlen(c->lines[n]);
			h[n].blank_before = c->blank_before[n];
		}
		print_message("case %zu\n", i);
		assert_int_equal(page_headings(&a, h, n), 0);
		assert_string_equal(a.headline, c->headline);
		if (c->kicker)
			assert_string_equal(a.kicker, c->kicker);
		else
			assert_null(a.kicker);
		if (c->lead_in)
			assert_string_equal(a.lead_in, c->lead_in);
		else
			assert_null(a.lead_in);
		page_article_clear(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heading_lines),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
