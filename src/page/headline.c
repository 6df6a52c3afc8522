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

static bool heading_within(const char *s, size_t len, size_t max,
			   bool exclaimed)
{
	size_t n = page_chars(s, len), start;
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
	/* A comma, enumeration mark or semicolon at the end: a broken line. */
	if (last == 0xFF0C || last == ',' || last == 0x3001 || last == 0xFF1B ||
	    last == ';')
		return false;
	for (size_t i = 0; i + 3 <= len; i++)
		if (page_starts(s, len, i, "。"))
			return false;
	return true;
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

/* The headline is the last heading line, with the one above it when no
 * blank line parts them and that one is not a kicker. What stands above the
 * headline is the kicker when it names an organisation or place, else the
 * lead-in. */
int page_headings(struct article *a, const struct page_line *h, size_t n)
{
	size_t first = n, rest;
	char *headline = NULL;
	size_t hlen = 0;

	if (n == 0) {
		a->headline = strdup("");
		return a->headline ? 0 : -1;
	}
	first = n - 1;
	if (first > 0 && !h[first].blank_before &&
	    !page_is_organisation(h[first - 1].text, h[first - 1].len))
		first--;
	for (size_t i = first; i < n; i++)
		if (page_join(&headline, &hlen, h[i].text, h[i].len) < 0) {
			free(headline);
			return -1;
		}
	a->headline = headline;
	rest = first;
	if (rest == 0)
		return 0;
	/* Above the headline: a kicker and/or a lead-in. */
	if (rest >= 2) {
		a->kicker = strndup(h[0].text, h[0].len);
		a->lead_in = strndup(h[rest - 1].text, h[rest - 1].len);
		return a->kicker && a->lead_in ? 0 : -1;
	}
	if (page_is_organisation(h[0].text, h[0].len)) {
		a->kicker = strndup(h[0].text, h[0].len);
		return a->kicker ? 0 : -1;
	}
	a->lead_in = strndup(h[0].text, h[0].len);
	return a->lead_in ? 0 : -1;
}
