/*
 * pagedate.c — the date of the page, which gives a 12月5日 its year: from
 * --date, else a date in the file name (2023-12-11, 20231211), else the
 * page's running header (南方工报 2023年12月11日 星期一 第3版), else the
 * latest year the page names (N年, 1990..2100). Also what a running header
 * looks like, so that it is not taken for text.
 */
#include <string.h>

#include "page/reader.h"

static bool valid_date(int y, int m, int d)
{
	return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* YYYY年M月D日 at s[i]: 1 and the date, advancing *i. */
static int full_date(const char *s, size_t len, size_t *i, int *y, int *m,
		     int *d)
{
	size_t j = *i;
	int yy, mm, dd;

	if (page_number(s, len, &j, &yy) != 4 || !page_starts(s, len, j, "年"))
		return 0;
	j += strlen("年");
	if (!page_number(s, len, &j, &mm) || !page_starts(s, len, j, "月"))
		return 0;
	j += strlen("月");
	if (!page_number(s, len, &j, &dd) || !page_starts(s, len, j, "日"))
		return 0;
	j += strlen("日");
	if (!valid_date(yy, mm, dd))
		return 0;
	*i = j;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

static bool is_digit_at(const char *s, size_t len, size_t i)
{
	size_t used;
	uint32_t cp = page_cp(s, len, i, &used);

	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_numeral(uint32_t cp)
{
	static const uint32_t numerals[] = {
		0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, /* 一二三四五 */
		0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, /* 六七八九十 */
	};

	for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
		if (cp == numerals[k])
			return true;
	return false;
}

static bool is_opener(uint32_t cp)
{
	return cp == 0xFF08 || cp == '(' || cp == 0x300A || cp == 0x201C ||
	       cp == 0x300C || cp == 0x3010 || cp == '[';
}

static bool is_closer(uint32_t cp)
{
	return cp == 0xFF09 || cp == ')' || cp == 0x300B || cp == 0x201D ||
	       cp == 0x300D || cp == 0x3011 || cp == ']';
}

/* 第3版, 第十二版 at s[*i]: advances *i past it. */
static bool page_number_mark(const char *s, size_t len, size_t *i)
{
	size_t j, used;

	if (!page_starts(s, len, *i, "第"))
		return false;
	j = *i + strlen("第");
	while (j < len) {
		uint32_t cp = page_cp(s, len, j, &used);

		if (!is_digit_at(s, len, j) && !is_numeral(cp))
			break;
		j += used;
	}
	if (j == *i + strlen("第") || !page_starts(s, len, j, "版"))
		return false;
	*i = j + strlen("版");
	return true;
}

bool page_is_header(const char *s, size_t len, int *y, int *m, int *d)
{
	size_t i, used, start, n = len > 4 * 50 ? 51 : page_chars(s, len);
	bool page_no = false, date = false, digits = false;
	bool embedded = false; /* a 第N版 inside a word */
	size_t other = 0; /* characters that are no date, number or space */
	int yy = 0, mm = 0, dd = 0;

	if (n == 0 || n > 50)
		return false;
	for (i = 0; i < len;) {
		uint32_t cp = page_cp(s, len, i, &used);
		size_t j = i;

		if (!date && full_date(s, len, &j, &yy, &mm, &dd)) {
			date = true;
			i = j;
			continue;
		}
		if (page_number_mark(s, len, &j)) {
			/* 第3版 as a word of its own; 试行第十版 and （第十版）
			 * are a title's. */
			if (i > 0 && (text_is_han(page_last_cp(s, i, &start)) ||
				      is_opener(page_last_cp(s, i, &start))))
				embedded = true;
			if (j < len && is_closer(page_cp(s, len, j, &used)))
				embedded = true;
			page_no = true;
			i = j;
			continue;
		}
		if (page_starts(s, len, i, "星期")) {
			i += strlen("星期");
			continue;
		}
		if (cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == 0xFF1A ||
		    cp == 0x3001)
			return false; /* a sentence, not a header */
		if (is_digit_at(s, len, i))
			digits = true;
		else if (!page_is_space(cp) && cp != '-' && cp != 0x2014 &&
			 cp != '|')
			other++;
		i += used;
	}
	if (page_no && embedded && other > 8)
		page_no = false;
	/* a sentence may name a date and its weekday: 于2019年10月13日（星期日） */
	if (date && (page_no || other <= 8)) {
		*y = yy;
		*m = mm;
		*d = dd;
		return true;
	}
	if (page_no && n <= 30)
		return true;
	/* A page number alone: 3, - 3 -, — 3 —. */
	return !date && other == 0 && digits && n <= 9;
}

int page_date_from_name(const char *source, int *y, int *m, int *d)
{
	const char *base = strrchr(source, '/');
	size_t len, i;

	base = base ? base + 1 : source;
	len = strlen(base);
	for (i = 0; i + 8 <= len; i++) {
		size_t j = i;
		int yy = 0, mm = 0, dd = 0, k;
		char sep = 0;

		if (i > 0 && base[i - 1] >= '0' && base[i - 1] <= '9')
			continue;
		for (k = 0; k < 4 && j < len && base[j] >= '0' && base[j] <= '9'; k++)
			yy = yy * 10 + (base[j++] - '0');
		if (k != 4)
			continue;
		if (j < len && (base[j] == '-' || base[j] == '_' || base[j] == '.'))
			sep = base[j++];
		for (k = 0; k < 2 && j < len && base[j] >= '0' && base[j] <= '9'; k++)
			mm = mm * 10 + (base[j++] - '0');
		if (k != 2)
			continue;
		if (sep) {
			if (j >= len || base[j] != sep)
				continue;
			j++;
		}
		for (k = 0; k < 2 && j < len && base[j] >= '0' && base[j] <= '9'; k++)
			dd = dd * 10 + (base[j++] - '0');
		if (k != 2 || (j < len && base[j] >= '0' && base[j] <= '9'))
			continue;
		if (!valid_date(yy, mm, dd))
			continue;
		*y = yy;
		*m = mm;
		*d = dd;
		return 1;
	}
	return 0;
}

int page_latest_year(const char *text, size_t len)
{
	size_t i = 0, used;
	int latest = 0;

	while (i < len) {
		size_t j = i;
		int year;

		if ((i == 0 || !is_digit_at(text, len, i - 1)) &&
		    page_number(text, len, &j, &year) == 4 &&
		    page_starts(text, len, j, "年") && year >= 1990 &&
		    year <= 2100 && year > latest)
			latest = year;
		if (j > i) {
			i = j;
			continue;
		}
		page_cp(text, len, i, &used);
		i += used;
	}
	return latest;
}
