/*
 * headline.c — the lines above a dateline: which can be headings at all
 * (short, no sentence end), which names the reporting organisation (the
 * kicker: 湛江市总工会, 佛山市南海区), which is a lead-in (引题) and which
 * lines make the headline (two lines with no blank between them are one
 * headline: 江门鹤山市总参赛项目 + 获省市直机关工作创新大赛二等奖).
 */
#include <stdlib.h>
#include <string.h>

#include "page/page_private.h"
#include "page/reader.h"

#define HEADING_MAX_CHARS 40
#define HEADLINE_MAX_CHARS 80

/* ！ or ？ (full- or half-width) at the end, maybe before closing quotes:
 * how a headline may end (央视快评：为新时代中国健儿点赞！). */
static bool ends_exclaimed(const char *s, size_t len)
{
	size_t start;
	uint32_t cp;

	for (;;) {
		cp = page_last_cp(s, len, &start);
		if (cp != 0x201D && cp != 0x2019 && cp != '"' && cp != 0x300D &&
		    cp != 0x300F)
			break;
		len = start;
	}
	return cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?';
}

/* Whether s opens with a date or a time word: 5月14日, 12日, 2019年,
 * 近日, 日前, 今天, 昨天. */
static bool opens_with_date(const char *s, size_t len)
{
	static const char *const words[] = {"近日", "日前", "近期", "今天",
					    "昨天", "昨日", "今年", "去年",
					    "当天", "当日", "目前", "据悉",
					    "据了解"};
	size_t i = 0;
	int value;

	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (page_starts(s, len, 0, words[k]))
			return true;
	if (!page_number(s, len, &i, &value))
		return false;
	return page_starts(s, len, i, "月") || page_starts(s, len, i, "日") ||
	       page_starts(s, len, i, "年") || page_starts(s, len, i, "时");
}

static bool heading_within(const char *s, size_t len, size_t max,
			   bool exclaimed)
{
	size_t n = len > 4 * max ? max + 1 : page_chars(s, len), start;
	uint32_t last;

	if (n == 0 || n > max)
		return false;
	if (exclaimed && !ends_exclaimed(s, len))
		return false;
	if ((!exclaimed && page_ends_sentence(s, len)) || page_is_caption(s, len) ||
	    page_is_credit(s, len) || page_is_trailer(s, len) ||
	    page_author_line(s, len, NULL) != 0)
		return false;
	last = page_last_cp(s, len, &start);
	/* A comma, enumeration mark or semicolon at the end, or a quotation
	 * or bracket opened there: a broken line. */
	if (last == 0xFF0C || last == ',' || last == 0x3001 || last == 0xFF1B ||
	    last == ';' || last == 0x201C || last == 0x2018 || last == 0xFF08 ||
	    last == '(' || last == 0x300A || last == 0x3010 || last == 0x300C)
		return false;
	/* A full stop inside, or two clauses: a sentence, not a title. */
	size_t clauses = 0, used;

	for (size_t i = 0; i < len; i += used) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (cp == 0x3002)
			return false;
		if (cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';')
			clauses++;
	}
	/* A line that opens with a date or a time and goes on after a comma
	 * (5月14日，…; 近日，…) is the start of a paragraph. */
	if (clauses > 0 && opens_with_date(s, len))
		return false;
	return clauses < 2;
}

bool page_is_heading(const char *s, size_t len)
{
	return heading_within(s, len, HEADING_MAX_CHARS, false);
}

bool page_is_exclaimed_heading(const char *s, size_t len)
{
	return heading_within(s, len, HEADING_MAX_CHARS, true);
}

bool page_is_long_headline(const char *s, size_t len)
{
	return heading_within(s, len, HEADLINE_MAX_CHARS, false);
}

bool page_is_organisation(const char *s, size_t len)
{
	static const char *const places[] = {
		"省", "市", "区", "县", "镇", "乡", "街道", "自治州", "自治县",
	};
	size_t n = page_chars(s, len), i;

	if (n < 2)
		return false;
	for (i = 0; i < PAGE_UNION_SUFFIXES; i++)
		if (n <= 24 && page_ends(s, len, page_union_suffixes[i]))
			return true;
	for (i = 0; i < sizeof places / sizeof places[0]; i++)
		if (n <= 12 && page_ends(s, len, places[i]))
			return true;
	return false;
}

/* A heading line without the item number that opens it (一、, 二、). */
static void heading_text(const struct page_line *h, const char **s, size_t *len)
{
	size_t skip = page_item_number(h->text, h->len);

	*s = h->text + skip;
	*len = h->len - skip;
}

/* A subheadline (副题) that opens with a dash: ——2020南京市职工文化…. */
static bool is_subheadline(const struct page_line *h)
{
	return page_starts(h->text, h->len, 0, "——") ||
	       page_starts(h->text, h->len, 0, "--") ||
	       page_starts(h->text, h->len, 0, "─");
}

static int copy_line(char **out, const struct page_line *h)
{
	const char *s;
	size_t len;

	heading_text(h, &s, &len);
	*out = strndup(s, len);
	return *out ? 0 : -1;
}

/* The headline is the last group of heading lines: lines with no blank
 * between them are one headline (a headline over two or three lines, a
 * main title with its 副题), and a 副题 opening with —— joins the title
 * above it even across a blank. What stands above the headline is the
 * kicker when it names an organisation or place, else the lead-in; an
 * organisation's line right above the title is its kicker. */
int page_headings(struct article *a, const struct page_line *h, size_t n)
{
	size_t first, rest;
	char *headline = NULL;
	size_t hlen = 0;

	if (n == 0) {
		a->headline = strdup("");
		return a->headline ? 0 : -1;
	}
	first = n - 1;
	while (first > 0) {
		const struct page_line *above = &h[first - 1];
		const char *s;
		size_t len;

		heading_text(above, &s, &len);
		if (h[first].blank_before && !is_subheadline(&h[first]))
			break;
		if (page_is_organisation(s, len) && !is_subheadline(&h[first]))
			break;
		first--;
	}
	for (size_t i = first; i < n; i++) {
		const char *s;
		size_t len;

		heading_text(&h[i], &s, &len);
		if (page_join(&headline, &hlen, s, len) < 0) {
			free(headline);
			return -1;
		}
	}
	a->headline = headline;
	rest = first;
	if (rest == 0)
		return 0;
	/* Above the headline: a kicker and/or a lead-in. */
	if (rest >= 2) {
		if (copy_line(&a->kicker, &h[0]) < 0)
			return -1;
		return copy_line(&a->lead_in, &h[rest - 1]);
	}
	{
		const char *s;
		size_t len;

		heading_text(&h[0], &s, &len);
		if (page_is_organisation(s, len))
			return copy_line(&a->kicker, &h[0]);
	}
	return copy_line(&a->lead_in, &h[0]);
}
