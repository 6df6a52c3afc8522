/*
 * test_wrap.c — wrapping with Chinese line-breaking rules. A table gives
 * inputs and the expected lines (joined with '|') at several widths,
 * including widths too narrow for the rules; every result is also checked
 * for its invariants: no line wider than asked, widths as text_width counts
 * them, nothing but spaces and newlines lost between lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

struct wrap_case {
	const char *in;
	int width;
	const char *lines; /* joined with '|' */
};

static const struct wrap_case cases[] = {
	{"", 10, ""},
	{"工会", 10, "工会"},
	{"工会驿站", 4, "工会|驿站"},
	{"工会驿站", 5, "工会|驿站"},
	{"工会驿站", 6, "工会驿|站"},
	{"湛江市总工会召开推进会。", 8, "湛江市总|工会召开|推进会。"},
	/* no line starts with closing punctuation: a character comes along */
	{"湛江市总工会召开。", 8, "湛江市总|工会召|开。"},
	{"湛江市总工会召开会。", 8, "湛江市总|工会召开|会。"},
	{"工会，驿站", 4, "工|会，|驿站"},
	{"工会。”驿站", 6, "工|会。”|驿站"},
	{"工会……驿站", 6, "工会……|驿站"}, /* … is narrow */
	{"工会……驿站", 5, "工|会……|驿站"},
	{"工会,驿站", 4, "工|会,|驿站"},
	{"宣传)工会", 4, "宣|传)|工会"},
	/* no line ends with opening punctuation */
	{"召开“工会”会议", 6, "召开|“工会”|会议"},
	{"学习《工会法》", 6, "学习|《工会|法》"},
	{"组建(宣讲团)", 6, "组建|(宣讲|团)"},
	{"工会（驿站）", 6, "工会|（驿|站）"},
	/* Latin words and numbers kept whole when they fit */
	{"举办2023年全市培训", 8, "举办2023|年全市培|训"},
	{"举办2023年全市培训", 7, "举办|2023年|全市培|训"},
	{"hello world", 8, "hello|world"},
	{"hello   world", 5, "hello|world"}, /* spaces at a break dropped */
	{"hello world", 11, "hello world"},
	{"a bb ccc dddd", 4, "a bb|ccc|dddd"},
	{"共200多人参加", 6, "共200|多人参|加"},
	{"第1次会议精神", 7, "第1次会|议精神"},
	/* broken when longer than a line */
	{"abcdefghij", 4, "abcd|efgh|ij"},
	{"工会abcdefghij", 6, "工会ab|cdefgh|ij"},
	/* newlines force a break; a final one opens no line */
	{"工会\n驿站", 10, "工会|驿站"},
	{"工会\r\n驿站\r\n", 10, "工会|驿站"},
	{"a\n\nb", 10, "a||b"},
	{"\n", 10, ""},
	/* combining marks stay with their letter */
	{"cafe\xCC\x81 ok", 5, "cafe\xCC\x81|ok"},
	/* too narrow for the rules: break anyway, never exceed */
	{"工，会，站，", 2, "工|，|会|，|站|，"},
	{"“工”“会”", 2, "“|工|”|“|会|”"},
	{"“工”“会”", 3, "“工|”|“会|”"},
	{"“工”“会”", 4, "“工”|“会”"},
	{"《《《工", 2, "《|《|《|工"},
	{"，，，，", 3, "，|，|，|，"},
	{"工会驿站", 3, "工|会|驿|站"},
	{"a，b", 2, "a|，|b"},
	{"工会", 1, "工|会"}, /* below 2 is taken as 2 */
};

/* Checks the invariants of one result and writes its lines joined with
 * '|' into out. */
static void check_lines(const char *in, int width, const struct text_line *lines,
			int count, char *out, size_t outlen)
{
	size_t used = 0, at = 0, i;
	int n;

	if (width < 2)
		width = 2;
	out[0] = '\0';
	for (n = 0; n < count; n++) {
		const struct text_line *l = &lines[n];
		char *line = strndup(in + l->offset, l->length);

		assert_non_null(line);
		assert_true(l->offset >= at);
		for (i = at; i < l->offset; i++) /* only breaks skipped */
			assert_non_null(strchr(" \r\n", in[i]));
		at = l->offset + l->length;
		assert_true(at <= strlen(in));
		assert_int_equal(l->width, text_width(line));
		if (l->width > width)
			fail_msg("\"%s\" at %d: line \"%s\" is %d wide", in, width,
				 line, l->width);
		used += (size_t)snprintf(out + used, outlen - used, "%s%s",
					 n ? "|" : "", line);
		free(line);
	}
	for (i = at; in[i]; i++)
		assert_non_null(strchr(" \r\n", in[i]));
}

static void test_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct wrap_case *c = &cases[i];
		struct text_line *lines = NULL;
		char joined[1024];
		int count = text_wrap(c->in, c->width, &lines);

		assert_true(count >= 0);
		check_lines(c->in, c->width, lines, count, joined, sizeof joined);
		free(lines);
		if (strcmp(joined, c->lines) != 0)
			fail_msg("\"%s\" at %d: \"%s\", want \"%s\"", c->in, c->width,
				 joined, c->lines);
	}
}

/* From the seed page. */
static const char page[] =
	"本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,湛江市总工会召开全市工会"
	"系统学习贯彻习近平总书记重要讲话精神和宣传中国工会十八大精神宣讲推进会。"
	"湛江市总工会党组书记、常务副主席陈端参加会议。\n"
	"\n"
	"会议传达了《全市工会系统学习贯彻习近平总书记重要讲话精神和中国工会十八大"
	"精神宣传宣讲工作实施方案》文件精神,宣读了《湛江市总工会学习贯彻中国工会"
	"十八大精神倡议书》。\n"
	"韶关工会开展“劳模工匠助企行”专项行动\n"
	"本报讯 日前,汕尾市总工会在汕尾市开放大学举办2023年全市工会经审干部业务"
	"培训班,强化工会经费审查审计监督职责……全市各县(市、区)总工会分管领导、"
	"经审主任,市直(含驻汕)基层工会经审会骨干共200多人参加培训。\n";

static bool starts_closing(const char *s)
{
	static const char *const closing[] = {"，", "。", "、", "；", "：", "？",
					      "！", "”", "’", "）", "》", "」",
					      "』", "】", "…", ",", ".", ";",
					      ":", "?", "!", ")"};
	size_t i;

	for (i = 0; i < sizeof closing / sizeof *closing; i++)
		if (strncmp(s, closing[i], strlen(closing[i])) == 0)
			return true;
	return false;
}

static bool ends_opening(const char *s, size_t len)
{
	static const char *const opening[] = {"“", "‘", "（", "《", "「", "『",
					      "【", "("};
	size_t i, n;

	for (i = 0; i < sizeof opening / sizeof *opening; i++) {
		n = strlen(opening[i]);
		if (len >= n && memcmp(s + len - n, opening[i], n) == 0)
			return true;
	}
	return false;
}

/* The real page at every width from 2 to 80: invariants always; the
 * punctuation rules wherever the width leaves room for them (6 and up). */
static void test_page_all_widths(void **state)
{
	char *joined = malloc(8 * sizeof page);
	int width, n, count;

	(void)state;
	assert_non_null(joined);
	for (width = 2; width <= 80; width++) {
		struct text_line *lines = NULL;

		count = text_wrap(page, width, &lines);
		assert_true(count > 0);
		check_lines(page, width, lines, count, joined, 8 * sizeof page);
		for (n = 0; width >= 6 && n < count; n++) {
			const char *l = page + lines[n].offset;

			if (lines[n].offset > 0 && page[lines[n].offset - 1] != '\n' &&
			    starts_closing(l))
				fail_msg("width %d, line %d starts with closing: %.*s",
					 width, n, (int)lines[n].length, l);
			if (n + 1 < count && page[lines[n].offset + lines[n].length] != '\n' &&
			    ends_opening(l, lines[n].length))
				fail_msg("width %d, line %d ends with opening: %.*s",
					 width, n, (int)lines[n].length, l);
		}
		/* a wide enough line fills up: no line but the last of a
		 * paragraph is shorter than width - 6 */
		for (n = 0; width >= 20 && n + 1 < count; n++)
			if (page[lines[n].offset + lines[n].length] != '\n')
				assert_true(lines[n].width >= width - 6);
		free(lines);
	}
	free(joined);
}

static void test_invalid_bytes(void **state)
{
	struct text_line *lines = NULL;
	int count;

	(void)state;
	count = text_wrap("\xFF\xFE\xFD\xFC工会", 3, &lines);
	assert_int_equal(count, 3); /* \xFF\xFE\xFD | \xFC工 | 会 */
	assert_int_equal(lines[0].length, 3);
	assert_int_equal(lines[0].width, 3);
	assert_int_equal(lines[1].offset, 3);
	assert_int_equal(lines[1].width, 3);
	free(lines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_page_all_widths),
		cmocka_unit_test(test_invalid_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
