/*
 * test_body.c — an article's body: where sentences end, what is a caption,
 * a credit, an author line or an editor's trailer, how broken lines join
 * (no space between Han characters, one between Latin words), captions
 * lifted out of the middle of a sentence, and the lines of a page cut at
 * LF, CRLF, a lone CR and a form feed with their indentation noted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page/reader.h"

struct line_case {
	const char *line;
	bool sentence, caption, credit, author, trailer;
};

static const struct line_case cases[] = {
	{"会议传达了文件精神。", true, false, false, false, false},
	{"能急救”。", true, false, false, false, false},
	{"他说：“好！”", true, false, false, false, false},
	{"真的吗？", true, false, false, false, false},
	{"It works!", true, false, false, false, false},
	{"这就是……", true, false, false, false, false},
	{"（详见第3版。）", true, false, false, false, false},
	{"坚持上下联动、线上线下联合,组建", false, false, false, false, false},
	{"“劳模工匠助企行”", false, false, false, false, false},
	{"■江门鹤山市总工会代表队", false, true, false, false, false},
	{"▲职工参加比赛", false, true, false, false, false},
	{"△图为活动现场", false, true, false, false, false},
	{"◆职工长跑", false, true, false, false, false},
	{"□资料图", false, true, false, false, false},
	{"单位供图", false, false, true, false, false},
	{"全媒体记者郗建新/摄", false, false, true, false, false},
	{"记者 邓伟 摄", false, false, true, false, false},
	{"/ 荷塘区总工会供图", false, false, true, false, false},
	{"(李驿宿)", false, false, false, true, false},
	{"(魏红婷 汪颖)", false, false, false, true, false},
	{"（林嘉欣　周文）", false, false, false, true, false},
	{"(含驻汕)基层工会", false, false, false, false, false},
	{"(一)", false, false, false, false, false},
	{"(市、区)", false, false, false, false, false},
	{"编辑:张三", false, false, false, false, true},
	{"编辑：刘芳　二审：陈立新　三审：何振华", false, false, false, false, true},
	{"责任编辑 何小明", false, false, false, false, true},
	{"校对：黄颖", false, false, false, false, true},
	{"（完）", false, false, false, false, true},
	{"编辑部的同志们", false, false, false, false, false},
};

static void test_line_kinds(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct line_case *c = &cases[i];
		size_t len = strlen(c->line);

		print_message("%s\n", c->line);
		assert_int_equal(page_ends_sentence(c->line, len), c->sentence);
		assert_int_equal(page_is_caption(c->line, len), c->caption);
		assert_int_equal(page_is_credit(c->line, len), c->credit);
		assert_int_equal(page_author_line(c->line, len, NULL), c->author);
		assert_int_equal(page_is_trailer(c->line, len), c->trailer);
	}
}

static void test_join(void **state)
{
	static const char *const joins[][3] = {
		{"组建", "宣讲团,开展大宣讲", "组建宣讲团,开展大宣讲"},
		{"冷了能取暖、伤了", "能急救”。", "冷了能取暖、伤了能急救”。"},
		{"CPR", "training", "CPR training"},
		{"2023", "年", "2023年"},
		{"40", "00", "4000"},
		{"开展CPR", "培训", "开展CPR培训"},
		{"version", "2", "version 2"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++) {
		char *acc = NULL;
		size_t len = 0;

		assert_int_equal(page_join(&acc, &len, joins[i][0],
					   strlen(joins[i][0])), 0);
		assert_int_equal(page_join(&acc, &len, joins[i][1],
					   strlen(joins[i][1])), 0);
		assert_string_equal(acc, joins[i][2]);
		assert_int_equal(len, strlen(joins[i][2]));
		free(acc);
	}
}

static void make_lines(struct page_line *l, const char *const *text, size_t n)
{
	memset(l, 0, n * sizeof *l);
	for (size_t i = 0; i < n; i++) {
		l[i].text = (char *)text[i];
		l[i].len = strlen(text[i]);
	}
}

/* The sample's lines 72–82: a caption and its credit in mid-sentence, a
 * paragraph broken in mid-word, then an author line and a trailer. */
static void test_body_mending(void **state)
{
	static const char *const body[] = {
		"本报讯 12月6日至7日,活动开展。",
		"据悉,今年以来,鹤山市总工会以创",
		"■江门鹤山市总工会代表队通过剧情演绎方式介绍项目创新成效",
		"单位供图",
		"新探索党工深度共建为突破口,破解管理难、覆盖难、服",
		"务难和引领难四大难题。",
		"工会开展 CPR",
		"training 活动。",
		"(魏红婷 汪颖)",
		"编辑:张三",
	};
	struct page_line l[sizeof body / sizeof body[0]];
	struct article a;

	(void)state;
	memset(&a, 0, sizeof a);
	make_lines(l, body, sizeof body / sizeof body[0]);
	assert_int_equal(page_body(&a, l, sizeof body / sizeof body[0]), 0);
	assert_int_equal(a.paragraphs.count, 3);
	assert_string_equal(a.paragraphs.items[0], body[0]);
	assert_string_equal(a.paragraphs.items[1],
			    "据悉,今年以来,鹤山市总工会以创新探索党工深度共建为突破口,"
			    "破解管理难、覆盖难、服务难和引领难四大难题。");
	assert_string_equal(a.paragraphs.items[2], "工会开展 CPR training 活动。");
	assert_int_equal(a.captions.count, 1);
	assert_string_equal(a.captions.items[0],
			    "江门鹤山市总工会代表队通过剧情演绎方式介绍项目创新成效");
	assert_int_equal(a.credits.count, 1);
	assert_string_equal(a.credits.items[0], "单位供图");
	assert_int_equal(a.authors.count, 2);
	assert_string_equal(a.authors.items[0], "魏红婷");
	assert_string_equal(a.authors.items[1], "汪颖");
	page_article_clear(&a);
}

static void test_split_lines(void **state)
{
	static const char text[] = "\xEF\xBB\xBF"
				   "标题\r\n\r\n  缩进的段落。\r\n"
				   "\xE3\x80\x80\xE3\x80\x80全角缩进。  \n"
				   "第一页末\f第二页首\n\n\n 一个空格\n";
	struct page_lines lines;

	(void)state;
	/* the BOM is text_decode's to remove: here it stays on the first line */
	assert_int_equal(page_lines_split(text + 3, sizeof text - 4, &lines), 0);
	assert_int_equal(lines.count, 6);
	assert_string_equal(lines.items[0].text, "标题");
	assert_true(lines.items[0].blank_before);
	assert_false(lines.items[0].indented);
	assert_string_equal(lines.items[1].text, "缩进的段落。");
	assert_true(lines.items[1].indented);
	assert_true(lines.items[1].blank_before);
	assert_int_equal(lines.items[1].number, 3);
	assert_string_equal(lines.items[2].text, "全角缩进。");
	assert_true(lines.items[2].indented);
	assert_false(lines.items[2].blank_before);
	assert_int_equal(lines.items[2].number, 4);
	assert_int_equal(lines.items[2].width, 4 + 10);
	assert_string_equal(lines.items[3].text, "第一页末");
	assert_string_equal(lines.items[4].text, "第二页首");
	assert_false(lines.items[4].blank_before); /* a page break, no blank */
	assert_int_equal(lines.items[4].number, 5);
	assert_string_equal(lines.items[5].text, "一个空格");
	assert_false(lines.items[5].indented);
	assert_true(lines.items[5].blank_before);
	assert_int_equal(lines.items[5].number, 8);
	page_lines_free(&lines);
}

/* A lone CR ends lines in a file without LF; elsewhere it is kept. */
static void test_lone_cr(void **state)
{
	static const char mac[] = "标题\r\r本报讯 12月5日,开会。\r";
	static const char stray[] = "恶意标题\r覆盖\n\n正文。\n";
	struct page_lines lines;

	(void)state;
	assert_int_equal(page_lines_split(mac, sizeof mac - 1, &lines), 0);
	assert_int_equal(lines.count, 2);
	assert_string_equal(lines.items[1].text, "本报讯 12月5日,开会。");
	assert_true(lines.items[1].blank_before);
	assert_int_equal(lines.items[1].number, 3);
	page_lines_free(&lines);
	assert_int_equal(page_lines_split(stray, sizeof stray - 1, &lines), 0);
	assert_int_equal(lines.count, 2);
	assert_string_equal(lines.items[0].text, "恶意标题\r覆盖");
	page_lines_free(&lines);
}

/* A page wrapped at a column (pdftotext): the lines of each paragraph are
 * joined; a line short of the column that ends a sentence ends it. */
static void test_unwrap(void **state)
{
	static const char page[] =
		"湛江市总工会开展职工书屋建设活动\n"   /* 16 characters: 32 columns */
		"本报讯 日前,湛江市总工会职工书屋正式开\n"
		"放,书屋藏书三千余册,供职工免费借阅,深\n"
		"受欢迎。\n"
		"  市总工会有关负责人表示,将持续推进职工\n"
		"书屋建设,让职工在家门口就能读书学习,提\n"
		"升职工素质。\n";
	struct page_lines lines;

	(void)state;
	assert_int_equal(page_lines_split(page, sizeof page - 1, &lines), 0);
	assert_int_equal(lines.count, 7);
	assert_int_equal(page_lines_unwrap(&lines), 0);
	assert_int_equal(lines.count, 3);
	assert_string_equal(lines.items[0].text, "湛江市总工会开展职工书屋建设活动");
	assert_string_equal(lines.items[1].text,
			    "本报讯 日前,湛江市总工会职工书屋正式开放,书屋藏书"
			    "三千余册,供职工免费借阅,深受欢迎。");
	assert_string_equal(lines.items[2].text,
			    "市总工会有关负责人表示,将持续推进职工书屋建设,让职工"
			    "在家门口就能读书学习,提升职工素质。");
	page_lines_free(&lines);
}

/* A long wrapped page (20,000 paragraphs of three lines, the column found
 * among 60,000 lines): every paragraph joined whole, none with the next. */
static void test_unwrap_long(void **state)
{
	static const char para[] = "书屋藏书三千余册,供职工免费借阅,深\n"
				   "受欢迎,市总工会将持续推进职工书屋建\n"
				   "设。\n";
	static const char joined[] = "书屋藏书三千余册,供职工免费借阅,深受欢迎,"
				     "市总工会将持续推进职工书屋建设。";
	size_t n = 20000, len = sizeof para - 1, i;
	struct page_lines lines;
	char *text = malloc(n * len);

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		memcpy(text + i * len, para, len);
	assert_int_equal(page_lines_split(text, n * len, &lines), 0);
	assert_int_equal(lines.count, 3 * n);
	assert_int_equal(page_lines_unwrap(&lines), 0);
	assert_int_equal(lines.count, n);
	for (i = 0; i < n; i++)
		assert_string_equal(lines.items[i].text, joined);
	page_lines_free(&lines);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unwrap),
		cmocka_unit_test(test_unwrap_long),
		cmocka_unit_test(test_line_kinds),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_body_mending),
		cmocka_unit_test(test_split_lines),
		cmocka_unit_test(test_lone_cr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
