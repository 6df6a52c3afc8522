/*
 * test_dateline.c — datelines as papers print them: the agency, the bylines
 * (roles longest first, names after a role belong to it), the date (a day,
 * the first day of a range, 日前/近日/近期 approximate, 近年来 none), and
 * the year a dateline's day gets from the page's date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "page/reader.h"

struct dateline_case {
	const char *line;
	const char *prefix; /* what the dateline takes of the line */
	int month, day;
	enum date_precision precision;
	const char *reporters; /* "role name|role name" */
};

static const struct dateline_case cases[] = {
	{"本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,湛江市总工会召开",
	 "本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,", 12, 5, DATE_DAY,
	 "全媒体记者 誉建业|通讯员 凌海飞"},
	{"本报讯 日前,汕尾市总工会在汕尾市开放大学举办", "本报讯 日前,", 0, 0,
	 DATE_APPROX, ""},
	{"本报讯 近日，清远市阳山县总工会", "本报讯 近日，", 0, 0, DATE_APPROX, ""},
	{"本报讯（记者 林某）近期，", "本报讯（记者 林某）近期，", 0, 0,
	 DATE_APPROX, "记者 林某"},
	{"本报讯(全媒体记者彭新启 通讯员钟洋 陈琳)近年来,河源市总工会",
	 "本报讯(全媒体记者彭新启 通讯员钟洋 陈琳)", 0, 0, DATE_NONE,
	 "全媒体记者 彭新启|通讯员 钟洋|通讯员 陈琳"},
	{"本报讯(全媒体记者许接英 通讯员郑凤琼)11月28日至30日,第十一届",
	 "本报讯(全媒体记者许接英 通讯员郑凤琼)11月28日至30日,", 11, 28,
	 DATE_DAY, "全媒体记者 许接英|通讯员 郑凤琼"},
	{"本报讯 12月6日至7日,深圳市龙岗区", "本报讯 12月6日至7日,", 12, 6,
	 DATE_DAY, ""},
	{"本报讯（记者 黄某）12月30日至1月2日，东莞", "本报讯（记者 黄某）12月30日至1月2日，",
	 12, 30, DATE_DAY, "记者 黄某"},
	{"南方工报讯 (全媒体记者梁文 陈晓 通讯员何力)2月2日,湖南",
	 "南方工报讯 (全媒体记者梁文 陈晓 通讯员何力)2月2日,", 2, 2, DATE_DAY,
	 "全媒体记者 梁文|全媒体记者 陈晓|通讯员 何力"},
	{"本报讯(记者 王某 余某 通讯员 曹某)3月1日，", "本报讯(记者 王某 余某 通讯员 曹某)3月1日，",
	 3, 1, DATE_DAY, "记者 王某|记者 余某|通讯员 曹某"},
	{"本报讯（特约通讯员李某 实习记者张某 见习记者赵某）5月4日：",
	 "本报讯（特约通讯员李某 实习记者张某 见习记者赵某）5月4日：", 5, 4,
	 DATE_DAY, "特约通讯员 李某|实习记者 张某|见习记者 赵某"},
	{"新华社广州12月5日电(记者某某)广东省总工会", "新华社广州12月5日电(记者某某)",
	 12, 5, DATE_DAY, "记者 某某"},
	{"新华社北京电（记者 张三）全国总工会", "新华社北京电（记者 张三）", 0, 0,
	 DATE_NONE, "记者 张三"},
	{"央视网消息（新闻联播）：近日，贵州", "央视网消息（新闻联播）：近日，", 0, 0,
	 DATE_APPROX, ""},
	{"央视网消息（新闻联播）：记者从全国总工会获悉", "央视网消息（新闻联播）：", 0,
	 0, DATE_NONE, ""},
	{"央视网消息（新闻联播）：今天（10月12日），中国共产党",
	 "央视网消息（新闻联播）：今天（10月12日），", 10, 12, DATE_DAY, ""},
	{"央视网消息（新闻联播）：今天出版的人民日报", "央视网消息（新闻联播）：", 0, 0,
	 DATE_NONE, ""},
	{"本报讯１２月８日，韶关", "本报讯１２月８日，", 12, 8, DATE_DAY, ""},
	{"本报讯近日，韶关", "本报讯近日，", 0, 0, DATE_APPROX, ""},
	/* agencies with digits and a date in their mark */
	{"51网讯（记者 覃某）3月4日，柳州", "51网讯（记者 覃某）3月4日，", 3, 4,
	 DATE_DAY, "记者 覃某"},
	{"红网时刻新闻6月7日讯（通讯员 甲某 记者 乙某）6月7日，永顺",
	 "红网时刻新闻6月7日讯（通讯员 甲某 记者 乙某）6月7日，", 6, 7, DATE_DAY,
	 "通讯员 甲某|记者 乙某"},
	{"宁波日报讯 近日，", "宁波日报讯 近日，", 0, 0, DATE_APPROX, ""},
	/* bylines with no bracket, up to 报道 */
	{"本报讯 记者潘某 通讯员余某、沈某报道:1月8日,嘉兴",
	 "本报讯 记者潘某 通讯员余某、沈某报道:1月8日,", 1, 8, DATE_DAY,
	 "记者 潘某|通讯员 余某|通讯员 沈某"},
	/* a paper before the role; a name spaced to three characters */
	{"本报讯(龙华新闻记者 陈某 通讯员 王 伟)近日,", "本报讯(龙华新闻记者 陈某 通讯员 王 伟)近日,",
	 0, 0, DATE_APPROX, "记者 陈某|通讯员 王伟"},
	/* Traditional */
	{"本報訊（記者 林某）昨日，", "本報訊（記者 林某）", 0, 0, DATE_NONE,
	 "記者 林某"},
};

static const char *const not_datelines[] = {
	"通讯员李某说，这次活动很成功。",
	"会议要求，全市各级工会要加强组织领导",
	"湛江市总工会",
	"12月5日，湛江市总工会召开会议。",
	"(李驿宿)",
	/* 社 ... 电 inside running text is no wire */
	"全社会用电量同比增长6.3%，表明经济动能持续恢复。",
	"本报社区用电安全检查开始。",
	/* …报讯 or 社…电 inside a paragraph broken across blocks */
	"地面水文监测报讯站设施、31万处水利工程安全监测点",
	"淹和社区断电,一些地区还出现山体滑坡。",
	"",
};

static void test_datelines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct dateline_case *c = &cases[i];
		struct page_dateline d;
		char got[512] = "";

		print_message("%s\n", c->line);
		assert_int_equal(page_dateline_parse(c->line, strlen(c->line), &d), 1);
		assert_int_equal(d.length, strlen(c->prefix));
		assert_memory_equal(c->line, c->prefix, d.length);
		assert_int_equal(d.precision, c->precision);
		assert_int_equal(d.month, c->month);
		assert_int_equal(d.day, c->day);
		for (size_t k = 0; k < d.n_reporters; k++) {
			if (k)
				strcat(got, "|");
			strcat(got, d.reporters[k].role);
			strcat(got, " ");
			strcat(got, d.reporters[k].name);
		}
		assert_string_equal(got, c->reporters);
		page_dateline_clear(&d);
	}
}

static void test_not_datelines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof not_datelines / sizeof not_datelines[0]; i++) {
		struct page_dateline d;
		const char *s = not_datelines[i];

		print_message("%s\n", s);
		assert_int_equal(page_dateline_parse(s, strlen(s), &d), 0);
	}
}

struct year_case {
	int month, day;
	enum date_precision precision;
	int page_year, page_month, page_day;
	int year, want_month, want_day;
	enum date_precision want;
};

static const struct year_case years[] = {
	/* a day in the page's year */
	{12, 5, DATE_DAY, 2023, 12, 11, 2023, 12, 5, DATE_DAY},
	/* a January page, a December dateline: the year before */
	{12, 28, DATE_DAY, 2024, 1, 3, 2023, 12, 28, DATE_DAY},
	/* the page's own day is not later than the page */
	{1, 3, DATE_DAY, 2024, 1, 3, 2024, 1, 3, DATE_DAY},
	/* a page known only by its year: no year is taken away */
	{12, 8, DATE_DAY, 2023, 0, 0, 2023, 12, 8, DATE_DAY},
	/* no page date at all: no date */
	{12, 8, DATE_DAY, 0, 0, 0, 0, 12, 8, DATE_NONE},
	/* approximate: the page's date when it has one */
	{0, 0, DATE_APPROX, 2024, 2, 5, 2024, 2, 5, DATE_APPROX},
	{0, 0, DATE_APPROX, 2023, 0, 0, 2023, 0, 0, DATE_APPROX},
	/* no date of its own on a dated page: the page's, approximately */
	{0, 0, DATE_NONE, 2023, 12, 11, 2023, 12, 11, DATE_APPROX},
	/* ... and none on a page known only by its year */
	{0, 0, DATE_NONE, 2023, 0, 0, 0, 0, 0, DATE_NONE},
	/* three weeks after the page: a late page, the same year */
	{8, 8, DATE_DAY, 2018, 7, 16, 2018, 8, 8, DATE_DAY},
	/* a day after the page: a preview, the same year */
	{9, 3, DATE_DAY, 2025, 9, 2, 2025, 9, 3, DATE_DAY},
	/* months after the page: the year before */
	{11, 20, DATE_DAY, 2024, 2, 5, 2023, 11, 20, DATE_DAY},
};

static void test_years(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
		const struct year_case *c = &years[i];
		struct article a;

		memset(&a, 0, sizeof a);
		print_message("case %zu\n", i);
		page_article_date(&a, 0, c->month, c->day, c->precision,
				  c->page_year, c->page_month, c->page_day);
		assert_int_equal(a.year, c->year);
		assert_int_equal(a.month, c->want_month);
		assert_int_equal(a.day, c->want_day);
		assert_int_equal(a.precision, c->want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_datelines),
		cmocka_unit_test(test_not_datelines),
		cmocka_unit_test(test_years),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
