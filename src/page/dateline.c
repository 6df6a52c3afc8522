/*
 * dateline.c — the dateline that opens an article's first paragraph:
 *
 *   本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,
 *   南方工报讯 (记者 王某 余某 通讯员 曹某)11月28日至30日,
 *   本报讯 日前,          新华社广州12月5日电(记者某某)
 *   央视网消息（新闻联播）：
 *
 * An agency (…报讯, …网消息, …社…电), an optional bracket with the bylines,
 * an optional date (a day, the first day of a range, or 日前/近日/近期 for
 * an approximate one) and the comma or colon after it. Brackets, commas and
 * colons come half- or full-width. Also: the year of a dateline's day,
 * which comes from the page's date.
 */
#include <stdlib.h>
#include <string.h>

#include "page/reader.h"

/* Longest first, so 全媒体记者 wins over 记者 (Traditional text matches
 * through the fold: 記者). */
static const char *const roles[] = {
	"全媒体记者", "特约通讯员", "摄影记者", "实习记者", "见习记者",
	"通讯员", "实习生", "记者",
};

/* The role s[i..) starts with, or NULL. */
static const char *role_at(const char *s, size_t len, size_t i)
{
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++)
		if (page_starts(s, len, i, roles[r]))
			return roles[r];
	return NULL;
}

const char *page_role_in(const char *s, size_t len, size_t *prefix,
			 size_t *end)
{
	size_t i = 0, used, n = 0;

	/* A paper, a site or a station may stand before the role: 本报记者,
	 * 极目新闻记者, 江苏工人报记者, 龙华新闻记者 are all 记者. */
	while (i < len && n <= 8) {
		const char *r = role_at(s, len, i);

		if (r) {
			*prefix = i;
			*end = i + strlen(r);
			return r;
		}
		if (!text_is_han(page_cp(s, len, i, &used)))
			return NULL;
		i += used;
		n++;
	}
	return NULL;
}

static bool is_separator(uint32_t cp)
{
	return page_is_space(cp) || cp == 0x3001 || cp == 0xFF0C || cp == ',' ||
	       cp == ';' || cp == 0xFF1B || cp == ':' || cp == 0xFF1A;
}

static int add_byline(struct byline **list, size_t *n, const char *role,
		      const char *name, size_t len)
{
	struct byline *grown = realloc(*list, (*n + 1) * sizeof **list);
	char *r, *nm;

	if (!grown)
		return -1;
	*list = grown;
	r = strdup(role);
	nm = malloc(len + 1);
	if (!r || !nm) {
		free(r);
		free(nm);
		return -1;
	}
	memcpy(nm, name, len);
	nm[len] = '\0';
	grown[*n].role = r;
	grown[*n].name = nm;
	(*n)++;
	return 0;
}

/* The name in s[start..end): up to a slash (記者林東良／台南報導), without
 * a closing 报道 (记者A 通讯员B、C报道). Returns its end. */
static size_t name_end(const char *s, size_t start, size_t end)
{
	static const char *const tails[] = {"报道", "报导"}; /* 報導 folds */
	size_t i = start, used;

	while (i < end) {
		uint32_t cp = page_cp(s, end, i, &used);

		if (cp == '/' || cp == 0xFF0F || cp == 0x2215)
			break;
		i += used;
	}
	for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
		if (i - start > strlen(tails[k]) &&
		    page_ends(s + start, i - start, tails[k]))
			i -= strlen(tails[k]);
	return i;
}

int page_bylines_parse(const char *s, size_t len, struct byline **list,
		       size_t *n)
{
	const char *role = NULL;
	char written[32]; /* the role as the page writes it: 记者, 記者 */
	size_t i = 0, used, start, end, prefix, rend;
	int count = 0;
	char name[64];
	size_t name_len = 0;

	while (i <= len) {
		uint32_t cp = i < len ? page_cp(s, len, i, &used) : 0;

		if (i < len && is_separator(cp)) {
			i += used;
			continue;
		}
		/* One token: up to a separator. */
		start = i;
		while (i < len) {
			cp = page_cp(s, len, i, &used);
			if (is_separator(cp))
				break;
			i += used;
		}
		end = i;
		if (start == end)
			break;
		/* A role, maybe with its paper before it and a name after
		 * it (记者李国, 本报记者, 江苏工人报记者). */
		if (page_role_in(s + start, end - start, &prefix, &rend) &&
		    rend - prefix < sizeof written) {
			memcpy(written, s + start + prefix, rend - prefix);
			written[rend - prefix] = '\0';
			role = written;
			start += rend;
			if (start == end)
				continue;
		}
		if (!role)
			continue;
		end = name_end(s, start, end);
		if (start == end)
			continue;
		/* A name spaced out to the width of three characters (王 伟):
		 * a lone character joins the one token after it. */
		name_len = 0;
		if (page_chars(s + start, end - start) == 1) {
			size_t j = page_skip_spaces(s, len, end), k = j;

			while (k < len && !is_separator(page_cp(s, len, k, &used)))
				k += used;
			if (k > j && page_chars(s + j, k - j) <= 2 &&
			    !page_role_in(s + j, k - j, &prefix, &rend) &&
			    end - start + k - j < sizeof name) {
				memcpy(name, s + start, end - start);
				memcpy(name + (end - start), s + j, k - j);
				name_len = end - start + k - j;
				i = k;
			}
		}
		if (name_len > 0) {
			if (add_byline(list, n, role, name, name_len) < 0)
				return -1;
		} else if (add_byline(list, n, role, s + start, end - start) < 0) {
			return -1;
		}
		count++;
	}
	return count;
}

/* A date at s[*i]: 12月5日, 11月28日至30日, 12月31日至1月2日 (the first
 * day is the date), 日前 / 近日 / 近期 (approximate). Advances *i. */
static enum date_precision read_date(const char *s, size_t len, size_t *i,
				     int *month, int *day)
{
	static const char *const approx[] = {"日前", "近日", "近期"};
	size_t j = *i, k;
	int m, d, x;

	/* 今天（10月12日）, as broadcasters write: the day in brackets. */
	if (page_starts(s, len, j, "今天") || page_starts(s, len, j, "今日")) {
		size_t after = j + strlen("今天"), inner = after;

		if (page_starts(s, len, inner, "（"))
			inner += strlen("（");
		else if (page_starts(s, len, inner, "("))
			inner++;
		if (inner != after &&
		    read_date(s, len, &inner, month, day) == DATE_DAY &&
		    (page_starts(s, len, inner, "）") ||
		     page_starts(s, len, inner, ")"))) {
			*i = inner + (s[inner] == ')' ? 1 : strlen("）"));
			return DATE_DAY;
		}
		return DATE_NONE;
	}
	for (k = 0; k < sizeof approx / sizeof approx[0]; k++) {
		if (page_starts(s, len, j, approx[k])) {
			*i = j + strlen(approx[k]);
			return DATE_APPROX;
		}
	}
	if (!page_number(s, len, &j, &m) || !page_starts(s, len, j, "月"))
		return DATE_NONE;
	j += strlen("月");
	if (!page_number(s, len, &j, &d))
		return DATE_NONE;
	if (page_starts(s, len, j, "日") || page_starts(s, len, j, "号"))
		j += strlen("日");
	else
		return DATE_NONE;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return DATE_NONE;
	/* The end of a range is read past and dropped. */
	static const char *const dashes[] = {"至", "—", "－", "-", "～", "~"};
	for (k = 0; k < sizeof dashes / sizeof dashes[0]; k++) {
		size_t e = j;

		if (!page_starts(s, len, e, dashes[k]))
			continue;
		e += strlen(dashes[k]);
		if (!page_number(s, len, &e, &x))
			break;
		if (page_starts(s, len, e, "月")) {
			e += strlen("月");
			if (!page_number(s, len, &e, &x))
				break;
		}
		if (page_starts(s, len, e, "日") || page_starts(s, len, e, "号"))
			j = e + strlen("日");
		break;
	}
	*i = j;
	*month = m;
	*day = d;
	return DATE_DAY;
}

/* A character that ends the name of a paper, a site or a station before
 * its 讯: 报, 社, 网, 台, 刊, 闻 (新闻), 端 (客户端). Traditional ones come
 * folded (page_cp). */
static bool is_owner(uint32_t cp)
{
	static const uint32_t owners[] = {
		0x62A5, /* 报 */ 0x793E, /* 社 */ 0x7F51, /* 网 */
		0x53F0, /* 台 */ 0x520A, /* 刊 */ 0x95FB, /* 闻 */
		0x7AEF, /* 端 */
	};

	for (size_t k = 0; k < sizeof owners / sizeof *owners; k++)
		if (cp == owners[k])
			return true;
	return false;
}

/* The agency that a dateline begins with: …报讯, …网消息, 51网讯,
 * 红网时刻新闻4月27日讯, 青岛日报社/观海新闻6月25日讯. Returns the index
 * after it, or 0. */
static size_t agency_end(const char *s, size_t len)
{
	size_t i = 0, used;
	uint32_t prev = 0, before_date = 0;
	int n;

	for (n = 0; n < 24 && i < len; n++) {
		uint32_t cp = page_cp(s, len, i, &used);
		bool owner = is_owner(prev) ||
			     (prev == 0x65E5 /* 日 */ && is_owner(before_date));

		if (cp == 0x8BAF /* 讯 (訊 folds to it) */ && owner)
			return i + used;
		if (page_starts(s, len, i, "消息") && is_owner(prev))
			return i + strlen("消息");
		/* a date inside the agency's mark: 4月27日讯 */
		if (cp >= '0' && cp <= '9' && n > 0 && !(prev >= '0' && prev <= '9') &&
		    !(prev >= 'a' && prev <= 'z') && !(prev >= 'A' && prev <= 'Z')) {
			size_t j = i;
			int m, d;

			if (page_number(s, len, &j, &m) && page_starts(s, len, j, "月") &&
			    (j += strlen("月"), page_number(s, len, &j, &d)) &&
			    page_starts(s, len, j, "日")) {
				before_date = prev;
				i = j;
				prev = 0x65E5;
				continue;
			}
		}
		if (!text_is_han(cp) && !(cp >= '0' && cp <= '9') &&
		    !(cp >= 'a' && cp <= 'z') && !(cp >= 'A' && cp <= 'Z') &&
		    cp != '/' && cp != 0xFF0F)
			return 0;
		prev = cp;
		i += used;
	}
	return 0;
}

/* What follows the 电 of a wire dateline: a bracket with the bylines, a
 * space or a punctuation mark, or nothing; never running text, so that
 * 全社会用电量 is not a wire from 全社. */
static bool wire_follows(const char *s, size_t len, size_t i)
{
	static const char *const marks[] = {"(", "（", " ", "　", "，", ",",
					    "：", ":", "\t"};

	if (i >= len)
		return true;
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
		if (page_starts(s, len, i, marks[k]))
			return true;
	return false;
}

/* Whether the 社 or 报 that ends at i begins a common word (社区, 社会,
 * 报告, ...) rather than ending an agency's name: 淹和社区断电, is running
 * text. */
static bool common_word(const char *s, size_t len, size_t i)
{
	static const char *const next[] = {"区", "会", "保", "团", "工",
					   "告", "道", "名", "纸", "送"};

	for (size_t k = 0; k < sizeof next / sizeof *next; k++)
		if (page_starts(s, len, i, next[k]))
			return true;
	return false;
}

/* 新华社广州12月5日电, 本报北京电: an agency ending in 社 or 报, a place,
 * maybe a date, then 电. Returns the index after 电 (0: not one) and the
 * date found. */
static size_t wire_end(const char *s, size_t len, enum date_precision *p,
		       int *month, int *day)
{
	size_t i = 0, used;
	int n;
	bool agency = false;

	for (n = 0; n < 8 && i < len; n++) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (!text_is_han(cp))
			return 0;
		i += used;
		if (cp == 0x793E || cp == 0x62A5) {
			agency = n >= 1;
			break;
		}
	}
	if (!agency || common_word(s, len, i))
		return 0;
	for (n = 0; n < 12 && i < len; n++) {
		uint32_t cp = page_cp(s, len, i, &used);
		size_t j = i;

		if (cp == 0x7535 /* 电 */)
			return wire_follows(s, len, i + used) ? i + used : 0;
		if (*p == DATE_NONE && cp >= '0' && cp <= '9') {
			*p = read_date(s, len, &j, month, day);
			if (*p != DATE_DAY)
				return 0;
			i = j;
			continue;
		}
		if (!text_is_han(cp))
			return 0;
		i += used;
	}
	return 0;
}

/* Bylines after an agency with no bracket, up to 报道: 记者A 通讯员B、C报道.
 * Returns the index after 报道, or 0 when s[i..) is none. */
static size_t inline_bylines(const char *s, size_t len, size_t i)
{
	size_t prefix, end, k, used;

	if (!page_role_in(s + i, len - i, &prefix, &end) || prefix != 0)
		return 0;
	for (k = i; k < len && k < i + 120; k += used) {
		uint32_t cp = page_cp(s, len, k, &used);

		if (page_starts(s, len, k, "报道"))
			return k + strlen("报道");
		if (cp == 0x3002 || cp == 0xFF0C || cp == ',')
			return 0;
	}
	return 0;
}

static size_t skip_bracket(const char *s, size_t len, size_t i,
			   size_t *inner, size_t *inner_len)
{
	const char *close;
	size_t j;

	if (page_starts(s, len, i, "(")) {
		close = ")";
		j = i + 1;
	} else if (page_starts(s, len, i, "（")) {
		close = "）";
		j = i + strlen("（");
	} else {
		return i;
	}
	for (size_t k = j; k < len && k < j + 120; k++) {
		if (page_starts(s, len, k, close) ||
		    page_starts(s, len, k, ")") || page_starts(s, len, k, "）")) {
			*inner = j;
			*inner_len = k - j;
			return k + (s[k] == ')' ? 1 : strlen("）"));
		}
	}
	return i;
}

int page_dateline_parse(const char *s, size_t len, struct page_dateline *d)
{
	size_t i, inner = 0, inner_len = 0, next, used;
	int round;

	memset(d, 0, sizeof *d);
	d->precision = DATE_NONE;
	i = agency_end(s, len);
	if (i > 0 && i < len && text_is_han(page_cp(s, len, i, &used))) {
		/* 本报讯近日, but not 水文监测报讯站: running Han text right
		 * after the agency must be its date */
		size_t j = i;
		int month, day;

		if (read_date(s, len, &j, &month, &day) == DATE_NONE &&
		    !inline_bylines(s, len, i))
			return 0;
	}
	if (i > 0) {
		/* 本报讯 记者A 通讯员B、C报道：the bylines with no bracket */
		size_t j = page_skip_spaces(s, len, i);
		size_t end = inline_bylines(s, len, j);

		if (end > 0) {
			size_t k = end;

			if (page_bylines_parse(s + j, end - j - strlen("报道"),
					       &d->reporters, &d->n_reporters) < 0) {
				page_dateline_clear(d);
				return -1;
			}
			if (page_starts(s, len, k, ":"))
				k++;
			else if (page_starts(s, len, k, "："))
				k += strlen("：");
			i = k;
		}
	}
	if (i == 0) {
		i = wire_end(s, len, &d->precision, &d->month, &d->day);
		if (i == 0)
			return 0;
	}
	for (round = 0; round < 2; round++) {
		i = page_skip_spaces(s, len, i);
		next = skip_bracket(s, len, i, &inner, &inner_len);
		if (next != i) {
			if (page_bylines_parse(s + inner, inner_len,
					       &d->reporters,
					       &d->n_reporters) < 0) {
				page_dateline_clear(d);
				return -1;
			}
			i = page_skip_spaces(s, len, next);
		}
		if (d->precision == DATE_NONE) {
			/* 央视网消息（新闻联播）：近日，: a colon before the date */
			next = i;
			if (page_starts(s, len, next, ":"))
				next = page_skip_spaces(s, len, next + 1);
			else if (page_starts(s, len, next, "："))
				next = page_skip_spaces(s, len,
							next + strlen("："));
			d->precision = read_date(s, len, &next, &d->month,
						 &d->day);
			if (d->precision == DATE_NONE && next != i) {
				next = i;
				d->precision = read_date(s, len, &next,
							 &d->month, &d->day);
			}
			if (d->precision != DATE_NONE)
				i = next;
		}
	}
	if (page_starts(s, len, i, ",") || page_starts(s, len, i, ":"))
		i++;
	else if (page_starts(s, len, i, "，") || page_starts(s, len, i, "："))
		i += strlen("，");
	d->length = i;
	return 1;
}

void page_dateline_clear(struct page_dateline *d)
{
	for (size_t i = 0; i < d->n_reporters; i++) {
		free(d->reporters[i].role);
		free(d->reporters[i].name);
	}
	free(d->reporters);
	d->reporters = NULL;
	d->n_reporters = 0;
}
