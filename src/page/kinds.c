/*
 * kinds.c — what each line of a page looks like, from features any paper
 * shares: a break between items (—— 🌸 ——, ━━━, 【打印】【关闭】), page
 * furniture ([图片], a follow prompt, a breadcrumb, a pager), a section mark
 * (【本县动态】), the start of a page's foot of links (往期推荐), a site's
 * fields under a headline (发布时间：…, 来源：… 作者：… 浏览次数：…), a
 * byline set on a line of its own (本报记者 李某, 通讯员 A B), a caption, a
 * credit, an author line, a trailer, a dateline, a heading or body text.
 * Each test is a function of the line alone; segment.c reads the page as a
 * sequence of these kinds.
 */
#include <string.h>

#include "page/reader.h"

/* Letters of a language: Han, Latin, digits, kana, hangul. */
static bool is_wordy(uint32_t cp)
{
	return text_is_han(cp) || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
	       (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	       (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0x3040 && cp <= 0x30FF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF);
}

/* Pictographs and other symbols that papers never print but accounts do. */
static bool is_pictograph(uint32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
	       cp == 0xFE0F || cp == 0x200D;
}

/* Skips pictographs and spaces at s[i..): an emoji before a prompt. */
static size_t skip_pictographs(const char *s, size_t len, size_t i)
{
	size_t used;

	while (i < len) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (!is_pictograph(cp) && !page_is_space(cp))
			break;
		i += used;
	}
	return i;
}

/* A run of 【…】 marks: the count of marks when the line is nothing else,
 * each at most max characters inside; 0 otherwise. */
static int bracket_marks(const char *s, size_t len, size_t max)
{
	size_t i = 0, used;
	int marks = 0;

	while (i < len) {
		size_t start, n = 0;

		i = page_skip_spaces(s, len, i);
		if (i >= len)
			break;
		if (!page_starts(s, len, i, "【"))
			return 0;
		i += strlen("【");
		start = i;
		while (i < len && !page_starts(s, len, i, "】")) {
			page_cp(s, len, i, &used);
			i += used;
			n++;
		}
		if (i >= len || n == 0 || n > max || i == start)
			return 0;
		i += strlen("】");
		marks++;
	}
	return marks;
}

bool page_is_break(const char *s, size_t len)
{
	size_t i = 0, used, n = 0;

	/* 【打印】【关闭】, 【返回顶部】【关闭窗口】: a site's foot under an
	 * item. */
	if (bracket_marks(s, len, 6) >= 2)
		return true;
	/* A rule or an ornament: no letter at all (—— 🌸 ——, ━━━, * * *). */
	while (i < len) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (is_wordy(cp))
			return false;
		if (!page_is_space(cp))
			n++;
		i += used;
	}
	return n >= 3;
}

bool page_is_section_mark(const char *s, size_t len)
{
	return bracket_marks(s, len, 10) == 1 &&
	       page_ends(s, len, "】");
}

bool page_is_page_end(const char *s, size_t len)
{
	static const char *const feet[] = {"往期推荐", "往期回顾", "推荐阅读",
					   "相关阅读", "相关新闻", "精彩推荐",
					   "延伸阅读"};
	size_t i = skip_pictographs(s, len, 0);

	if (len - i > 4 * 8 || page_chars(s + i, len - i) > 8)
		return false;
	for (size_t k = 0; k < sizeof feet / sizeof *feet; k++)
		if (page_starts(s, len, i, feet[k]))
			return true;
	return false;
}

bool page_is_furniture(const char *s, size_t len)
{
	static const char *const placeholders[] = {
		"[图片]", "[视频]", "[圖片]", "[視頻]", "（图片）", "(图片)",
		"[图]", "【图片】",
	};
	static const char *const prompts[] = {
		"关注我们", "点击蓝字", "关注公众号", "点击上方", "长按识别",
		"扫码关注", "分享", "点赞", "在看", "阅读原文",
	};
	size_t n = len > 4 * 40 ? 41 : page_chars(s, len), i, k;
	int prompt_words = 0;

	for (k = 0; k < sizeof placeholders / sizeof *placeholders; k++)
		if (len == strlen(placeholders[k]) &&
		    memcmp(s, placeholders[k], len) == 0)
			return true;
	if (n > 40)
		return false;
	/* A breadcrumb: 当前位置：首页 > 工会动态 > 基层风采. */
	if (page_starts(s, len, 0, "当前位置") || page_starts(s, len, 0, "您的位置") ||
	    page_starts(s, len, 0, "您现在的位置") ||
	    (page_starts(s, len, 0, "首页") && page_contains(s, len, ">")))
		return true;
	/* A pager: 共5条 第1页/共1页, 上一页 下一页. */
	if (page_contains(s, len, "上一页") || page_contains(s, len, "下一页") ||
	    (page_starts(s, len, 0, "共") && page_contains(s, len, "页")))
		return true;
	/* An account's prompts: 👆 蓝字关注我们, ❤️ 分享 · 点赞 · 在看. */
	for (k = 0; k < sizeof prompts / sizeof *prompts; k++)
		if (page_contains(s, len, prompts[k]))
			prompt_words += k < 6 ? 2 : 1;
	i = skip_pictographs(s, len, 0);
	if (prompt_words >= 2 && (i > 0 || n <= 16))
		return true;
	return false;
}

bool page_is_meta(const char *s, size_t len)
{
	static const char *const labels[] = {"发布时间", "发布日期",
					     "浏览次数", "点击数", "阅读次数",
					     "更新时间"};

	if (len > 4 * 60 || page_chars(s, len) > 60)
		return false;
	for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
		if (page_contains(s, len, labels[k]))
			return true;
	return false;
}

/* 一 to 十, and ASCII digits. */
static bool is_numeral(uint32_t cp)
{
	static const uint32_t numerals[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB,
					    0x4E94, 0x516D, 0x4E03, 0x516B,
					    0x4E5D, 0x5341};

	if (cp >= '0' && cp <= '9')
		return true;
	for (size_t k = 0; k < sizeof numerals / sizeof *numerals; k++)
		if (cp == numerals[k])
			return true;
	return false;
}

size_t page_item_number(const char *s, size_t len)
{
	size_t i = 0, used, n = 0;

	while (i < len && is_numeral(page_cp(s, len, i, &used))) {
		i += used;
		n++;
	}
	if (n == 0 || n > 3 || !page_starts(s, len, i, "、"))
		return 0;
	i += strlen("、");
	return i < len ? i : 0;
}

bool page_is_byline_line(const char *s, size_t len)
{
	size_t i = 0, used, prefix, end;
	int names = 0;
	bool first = true;

	if (len > 4 * 48 || page_chars(s, len) > 48 || page_ends(s, len, "摄") ||
	    page_ends(s, len, "攝"))
		return false;
	while (i < len) {
		size_t start, stop;
		uint32_t cp = page_cp(s, len, i, &used);

		if (page_is_space(cp) || cp == 0x3001 || cp == ':' ||
		    cp == 0xFF1A || cp == ',' || cp == 0xFF0C) {
			i += used;
			continue;
		}
		start = i;
		while (i < len) {
			cp = page_cp(s, len, i, &used);
			if (page_is_space(cp) || cp == 0x3001 || cp == ':' ||
			    cp == 0xFF1A || cp == ',' || cp == 0xFF0C)
				break;
			i += used;
		}
		stop = i;
		bool glued = false;

		if (page_role_in(s + start, stop - start, &prefix, &end)) {
			start += end;
			glued = start < stop;
		} else if (first) {
			return false;
		}
		first = false;
		/* 記者林東良／台南報導: the place of the report after a slash */
		for (size_t k = start; k < stop; k += used) {
			cp = page_cp(s, stop, k, &used);
			if (cp == '/' || cp == 0xFF0F || cp == 0x2215) {
				stop = k;
				break;
			}
		}
		if (stop - start > strlen("报道") &&
		    (page_ends(s + start, stop - start, "报道") ||
		     page_ends(s + start, stop - start, "报导")))
			stop -= strlen("报道");
		if (start == stop)
			continue;
		/* a name glued to its role has two characters at least
		 * (记者节 is no byline); one set apart may be spaced out */
		if (!page_is_name(s + start, stop - start, 1, 4) ||
		    (glued && page_chars(s + start, stop - start) < 2))
			return false;
		names++;
	}
	return names > 0;
}
