/*
 * test_kinds.c — what a line looks like (kinds.c), each feature on its own:
 * breaks between items, page furniture, section marks, the foot of links,
 * a site's fields, item numbers, byline lines; and the date of an article's
 * lead (leaddate.c), with the year a day gets from the page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "page/reader.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool is(bool (*test)(const char *, size_t), const char *s)
{
	return test(s, strlen(s));
}

static void test_breaks(void **state)
{
	static const char *const yes[] = {
		"—— 🌸 ——", "━━━━━━━━━━━━", "* * *", "【打印】【关闭】",
		"【返回顶部】 【关闭窗口】", "~~~~~~",
	};
	static const char *const no[] = {
		"—— 编辑 ——", "【新闻特写】工会驿站里的一天", "【本县动态】", "2024",
		"——", "一、",
	};

	(void)state;
	for (size_t i = 0; i < N(yes); i++) {
		print_message("%s\n", yes[i]);
		assert_true(is(page_is_break, yes[i]));
	}
	for (size_t i = 0; i < N(no); i++) {
		print_message("%s\n", no[i]);
		assert_false(is(page_is_break, no[i]));
	}
}

static void test_furniture(void **state)
{
	static const char *const yes[] = {
		"[图片]", "[视频]", "当前位置:首页 > 工会动态 > 基层风采",
		"首页 > 新闻中心", "共12条  第1页/共2页", "上一页 下一页",
		"👆 蓝字关注我们 · 每天一条工会好消息", "❤️ 分享 · 点赞 · 在看",
	};
	static const char *const no[] = {
		"关爱职工温暖新春", "工会干部分享工作经验，大家纷纷点赞。",
		"职工们关注的热点问题得到回应", "共建共享幸福家园",
	};

	(void)state;
	for (size_t i = 0; i < N(yes); i++) {
		print_message("%s\n", yes[i]);
		assert_true(is(page_is_furniture, yes[i]));
	}
	for (size_t i = 0; i < N(no); i++) {
		print_message("%s\n", no[i]);
		assert_false(is(page_is_furniture, no[i]));
	}
	assert_true(is(page_is_section_mark, "【本县动态】"));
	assert_false(is(page_is_section_mark, "【新闻特写】工会驿站里的一天"));
	assert_true(is(page_is_page_end, "👇 往期推荐"));
	assert_true(is(page_is_page_end, "推荐阅读"));
	assert_false(is(page_is_page_end, "往期推荐的文章都很精彩，职工们争相转发阅读。"));
	assert_true(is(page_is_meta, "发布时间:2024-06-01 10:20"));
	assert_true(is(page_is_meta, "来源:  作者:某区总工会  浏览次数:12"));
	assert_false(is(page_is_meta, "来源：市融媒体中心"));
}

static void test_item_numbers(void **state)
{
	(void)state;
	assert_int_equal(page_item_number("一、正阳县总工会", strlen("一、正阳县总工会")),
			 strlen("一、"));
	assert_int_equal(page_item_number("十二、标题", strlen("十二、标题")),
			 strlen("十二、"));
	assert_int_equal(page_item_number("一是加强领导", strlen("一是加强领导")), 0);
	assert_int_equal(page_item_number("一、", strlen("一、")), 0);
	assert_int_equal(page_item_number("工会、职工", strlen("工会、职工")), 0);
}

static void test_byline_lines(void **state)
{
	static const char *const yes[] = {
		"本报记者 李某",
		"极目新闻记者 刘某 杨某",
		"通讯员 杨某 黎某 杨某某",
		"记者：张某 通讯员：徐某、罗某",
		"記者林某某／台南報導",
		"江苏工人报记者 丁某",
	};
	static const char *const no[] = {
		"记者近日从市总工会获悉，全市已建成驿站60个。",
		"本报记者 田某 本报通讯员 孔某 摄",
		"思明区总工会:骑手同享团圆饭",
		"李某 王某",
		"记者节",
	};

	(void)state;
	for (size_t i = 0; i < N(yes); i++) {
		print_message("%s\n", yes[i]);
		assert_true(is(page_is_byline_line, yes[i]));
	}
	for (size_t i = 0; i < N(no); i++) {
		print_message("%s\n", no[i]);
		assert_false(is(page_is_byline_line, no[i]));
	}
}

struct lead_case {
	const char *lead;
	int page_year, page_month, page_day;
	int year, month, day; /* year 0: none given */
	enum date_precision precision;
};

static const struct lead_case leads[] = {
	{"2019年1月17日下午,100多名职工聚集在广场。", 2019, 0, 0, 2019, 1, 17,
	 DATE_DAY},
	{"2月1日，快递小哥收到了春联。", 2024, 2, 5, 0, 2, 1, DATE_DAY},
	{"12日上午，西城区总工会启动送清凉活动。", 2018, 7, 16, 2018, 7, 12, DATE_DAY},
	/* a day past the page's: the month before */
	{"28日，活动举行。", 2018, 7, 16, 2018, 6, 28, DATE_DAY},
	{"昨天(12月22日)，服务总站揭牌。", 2025, 12, 23, 0, 12, 22, DATE_DAY},
	{"昨（22）日，幹部齊聚一堂。", 2025, 12, 23, 2025, 12, 22, DATE_DAY},
	{"昨天，服务总站揭牌。", 2026, 3, 1, 2026, 2, 28, DATE_DAY},
	{"“饺子一吃，心里暖烘烘的！”2月9日下午，骑手们来到驿站。", 2026, 2, 12, 0,
	 2, 9, DATE_DAY},
	{"在新春佳节来临之际,1月20日上午,县总工会走访慰问。", 2025, 8, 2, 0, 1,
	 20, DATE_DAY},
	{"春节将至，近日，全市各级工会开展送温暖活动。", 2022, 5, 6, 0, 0, 0,
	 DATE_APPROX},
	{"截至12月5日，全市共建驿站60个。", 2023, 12, 11, 0, 0, 0, DATE_NONE},
	{"近年来，市总工会大力推进驿站建设。", 2023, 12, 11, 0, 0, 0, DATE_NONE},
	{"今（113）年首次举办，3000余人参加。", 2024, 5, 2, 0, 0, 0, DATE_NONE},
	/* 昨天 needs a dated page */
	{"昨天，活动举行。", 2024, 0, 0, 0, 0, 0, DATE_NONE},
};

static void test_lead_dates(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(leads); i++) {
		const struct lead_case *c = &leads[i];
		struct page_lead_date d;

		print_message("%s\n", c->lead);
		page_lead_date(c->lead, strlen(c->lead), c->page_year,
			       c->page_month, c->page_day, &d);
		assert_int_equal(d.precision, c->precision);
		if (c->precision != DATE_DAY)
			continue;
		assert_int_equal(d.year, c->year);
		assert_int_equal(d.month, c->month);
		assert_int_equal(d.day, c->day);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_breaks),
		cmocka_unit_test(test_furniture),
		cmocka_unit_test(test_item_numbers),
		cmocka_unit_test(test_byline_lines),
		cmocka_unit_test(test_lead_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
