/*
 * leaddate.c — the date of an article that no dateline dates: the first
 * date its lead (the first paragraph) gives, as papers print dates there:
 *
 *   2019年1月17日下午,      a full date with its year
 *   2月1日，  7月25日至7月31日,   a day of a month (a range: its first day)
 *   12日上午，  (记者 A)21日,     a day of the page's month
 *   昨天(12月22日)  昨（22）日  昨天  前天  今天   a day named against the page
 *   近日  日前  近期  上周        approximate, unless a day follows in the lead
 *                                in a sentence where a union acts
 *
 * after a lede or a quotation as well as at the start. A date after 截至,
 * 至 or 到 ends a span and is not the story's. Also the day arithmetic that
 * 昨天 needs, and the year a day gets from the page's date.
 */
#include <string.h>

#include "page/reader.h"

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool valid_day(int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* A time of day or a mark that may follow a day (12日上午, 21日,). */
static bool day_follows(const char *s, size_t len, size_t i)
{
	static const char *const next[] = {
		"上午", "下午", "晚上", "晚间", "晚", "早上", "早晨", "凌晨",
		"中午", "傍晚", "夜", "，", ",", "、", "起", "在", "至", "－",
		"-", "（", "(", " ",
	};

	for (size_t k = 0; k < sizeof next / sizeof *next; k++)
		if (page_starts(s, len, i, next[k]))
			return true;
	return false;
}

/* A word that makes the date after it the end of a span, not the day of
 * the story: 截至12月5日, 至12月, 到月底. */
static bool span_before(const char *s, size_t i)
{
	static const char *const words[] = {"截至", "截止", "至", "到", "从",
					    "自", "于"};

	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		size_t n = strlen(words[k]);

		if (i >= n && memcmp(s + i - n, words[k], n) == 0)
			return k < 4;
	}
	return false;
}

/* The day at s[*i] when one starts there: returns its precision and sets
 * the date (year 0 when the text gives none; relative days are left to the
 * caller as *relative, in days before the page's date). */
static enum date_precision date_at(const char *s, size_t len, size_t i,
				   int *y, int *m, int *d, int *relative,
				   bool *month_given)
{
	static const char *const approx[] = {"近日", "日前", "近期", "上周",
					     "前不久"};
	static const struct {
		const char *word;
		int days;
	} relatives[] = {
		{"昨天", 1}, {"昨日", 1}, {"前天", 2}, {"前日", 2},
		{"今天", 0}, {"今日", 0}, {"昨", 1},
	};
	size_t j = i, k;
	int a, b, c;

	*y = 0;
	*relative = -1;
	*month_given = true;
	for (k = 0; k < sizeof relatives / sizeof *relatives; k++) {
		size_t n = strlen(relatives[k].word), inner;

		if (!page_starts(s, len, i, relatives[k].word))
			continue;
		/* 昨天(12月22日): the day in brackets; 昨（22）日 */
		inner = i + n;
		if (page_starts(s, len, inner, "（") || page_starts(s, len, inner, "(")) {
			inner += s[inner] == '(' ? 1 : strlen("（");
			j = inner;
			if (page_number(s, len, &j, &a) && page_starts(s, len, j, "月") &&
			    (j += strlen("月"), page_number(s, len, &j, &b)) &&
			    page_starts(s, len, j, "日") && valid_day(a, b)) {
				*m = a;
				*d = b;
				return DATE_DAY;
			}
			j = inner;
			if (page_number(s, len, &j, &b) > 0 &&
			    (page_starts(s, len, j, "）") || page_starts(s, len, j, ")"))) {
				j += s[j] == ')' ? 1 : strlen("）");
				if (page_starts(s, len, j, "日") && valid_day(1, b)) {
					*m = 0;
					*d = b;
					*month_given = false;
					return DATE_DAY;
				}
			}
		}
		if (strcmp(relatives[k].word, "昨") == 0)
			continue; /* 昨 alone only with its day in brackets */
		*relative = relatives[k].days;
		return DATE_DAY;
	}
	for (k = 0; k < sizeof approx / sizeof *approx; k++)
		if (page_starts(s, len, i, approx[k]))
			return DATE_APPROX;
	j = i;
	if (!page_number(s, len, &j, &a))
		return DATE_NONE;
	if (i > 0) {
		size_t st;
		uint32_t before = page_last_cp(s, i, &st);

		if ((before >= '0' && before <= '9') || before == '.' ||
		    (before >= 0xFF10 && before <= 0xFF19))
			return DATE_NONE;
	}
	if (page_starts(s, len, j, "年")) {
		/* 2019年1月17日 */
		j += strlen("年");
		if (a < 1990 || a > 2100 || !page_number(s, len, &j, &b) ||
		    !page_starts(s, len, j, "月"))
			return DATE_NONE;
		j += strlen("月");
		if (!page_number(s, len, &j, &c) || !page_starts(s, len, j, "日") ||
		    !valid_day(b, c))
			return DATE_NONE;
		*y = a;
		*m = b;
		*d = c;
		return DATE_DAY;
	}
	if (page_starts(s, len, j, "月")) {
		j += strlen("月");
		if (!page_number(s, len, &j, &b) ||
		    !(page_starts(s, len, j, "日") || page_starts(s, len, j, "号")) ||
		    !valid_day(a, b))
			return DATE_NONE;
		*m = a;
		*d = b;
		return DATE_DAY;
	}
	if (page_starts(s, len, j, "日") && valid_day(1, a) &&
	    day_follows(s, len, j + strlen("日"))) {
		if (i > 0) {
			size_t st;
			uint32_t before = page_last_cp(s, i, &st);

			/* 月 before it was read above; 第12日, 每日 are none */
			if (before == 0x6708 || before == 0x7B2C || before == 0x6BCF)
				return DATE_NONE;
		}
		*m = 0;
		*d = a;
		*month_given = false;
		return DATE_DAY;
	}
	return DATE_NONE;
}

/* Whether the sentence from s[i] on names a union: after 近日 set the
 * scene, a day dates the story only where the union acts on it. */
static bool union_acts(const char *s, size_t len, size_t i)
{
	size_t used;

	for (; i < len; i += used) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)
			return false;
		if (page_starts(s, len, i, "总工会") || page_starts(s, len, i, "工联会") ||
		    page_starts(s, len, i, "工委"))
			return true;
	}
	return false;
}

void page_lead_date(const char *s, size_t len, int page_year, int page_month,
		    int page_day, struct page_lead_date *out)
{
	size_t i = 0, used;

	memset(out, 0, sizeof *out);
	out->precision = DATE_NONE;
	while (i < len) {
		int y = 0, m = 0, d = 0, relative;
		bool month_given;
		enum date_precision p;

		if (span_before(s, i)) {
			page_cp(s, len, i, &used);
			i += used;
			continue;
		}
		p = date_at(s, len, i, &y, &m, &d, &relative, &month_given);
		/* 近日 sets the scene; a day later in the lead dates the
		 * story (近日，…天气。2月23日，县总工会…) */
		if (p == DATE_APPROX) {
			out->precision = DATE_APPROX;
			goto next;
		}
		if (p == DATE_DAY && out->precision == DATE_APPROX &&
		    !union_acts(s, len, i))
			goto next;
		if (p == DATE_DAY && relative >= 0) {
			long z;

			if (page_year <= 0 || page_month <= 0 || page_day <= 0)
				goto next; /* a relative day needs a dated page */
			z = days_from_civil(page_year, page_month, page_day) -
			    relative;
			civil_from_days(z, &out->year, &out->month, &out->day);
			out->precision = DATE_DAY;
			return;
		}
		if (p == DATE_DAY && !month_given) {
			/* a day of the page's month, or of the month before
			 * when the page has not reached it */
			if (page_month <= 0)
				goto next;
			out->year = page_year;
			out->month = page_month;
			if (page_day > 0 && d > page_day) {
				out->month--;
				if (out->month == 0) {
					out->month = 12;
					out->year--;
				}
			}
			out->day = d;
			out->precision = DATE_DAY;
			return;
		}
		if (p == DATE_DAY) {
			out->year = y;
			out->month = m;
			out->day = d;
			out->precision = DATE_DAY;
			return;
		}
next:
		page_cp(s, len, i, &used);
		i += used;
	}
}

void page_article_date(struct article *a, int year, int month, int day,
		       enum date_precision precision, int page_year,
		       int page_month, int page_day)
{
	a->year = a->month = a->day = 0;
	a->precision = DATE_NONE;
	if (precision == DATE_DAY && year > 0) {
		a->year = year;
		a->month = month;
		a->day = day;
		a->precision = DATE_DAY;
	} else if (precision == DATE_DAY && page_year > 0) {
		a->year = page_year;
		/* A day a few weeks after the page is a preview or a late
		 * page; only one months later belongs to the year before (a
		 * 12月29日 on a January page). */
		if (page_month > 0 &&
		    days_from_civil(page_year, month, day) -
				    days_from_civil(page_year, page_month,
						    page_day > 0 ? page_day : 1) >
			    PAGE_LATE_DAYS)
			a->year--;
		a->month = month;
		a->day = day;
		a->precision = DATE_DAY;
	} else if (precision == DATE_DAY) {
		a->month = month;
		a->day = day; /* no year to give it: no date */
	} else if (page_year > 0 && page_month > 0 && page_day > 0) {
		/* approximate, or no date of its own on a dated page: the
		 * page's date, approximately */
		a->precision = DATE_APPROX;
		a->year = page_year;
		a->month = page_month;
		a->day = page_day;
	} else if (precision == DATE_APPROX) {
		a->precision = DATE_APPROX;
		a->year = page_year;
	}
}
