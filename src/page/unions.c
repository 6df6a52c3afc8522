/*
 * unions — finds the trade unions an article names. A union is a place's
 * name immediately followed by one of the suffixes 工会联合会, 总工会,
 * 工联会, 工会, 工委 (longest first), and is named by its lowest place:
 * 清远市阳山县总工会 is 阳山县总工会, 深圳市龙岗区宝龙社区工联会 is
 * 宝龙社区工联会. The place is either
 * - a gazetteer name in full form (广东省, 湛江市, 龙岗区; a two-character
 *   county such as 滑县 only where its start is a boundary), or
 * - a community, street, town, township or village: a name ending in 社区,
 *   街道, 镇, 乡 or 村 whose start follows a punctuation mark, a gazetteer
 *   name or a function word (各, 全, 由, 在 ...), with two to six
 *   characters before the ending (宝龙社区, 狮山镇, 拱北街道).
 * So national bodies (中华全国总工会, 中国工会), unions of a kind
 * (基层工会, 企业工会, 县直机关工会), an industry's union
 * (快递行业工会联合会) and 各乡镇总工会 are not unions of a place.
 */
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"
#include "page/page_private.h"

const char *const page_union_suffixes[PAGE_UNION_SUFFIXES] = {
	"工会联合会", "总工会", "工联会", "工会", "工委",
};

static const char *const markers[] = {"社区", "街道", "镇", "乡", "村"};

/* Characters that cannot be part of a community's name: where a name
 * starts after one of them (来自各乡镇 has none). */
static const char stop_chars[] =
	"各全本该和与及在的等由向对为是从到于被把将让给了自来所每其此层这那"
	"个以至同并还也都就又或共";

int place_hits_add(struct place_hits *h, size_t first, size_t count)
{
	if (h->count == h->capacity) {
		size_t cap = h->capacity ? h->capacity * 2 : 16;
		struct place_hit *n = realloc(h->items, cap * sizeof *n);

		if (!n)
			return -1;
		h->items = n;
		h->capacity = cap;
	}
	h->items[h->count].first = first;
	h->items[h->count].count = count;
	h->count++;
	return 0;
}

void place_hits_free(struct place_hits *h)
{
	if (!h)
		return;
	free(h->items);
	memset(h, 0, sizeof *h);
}

static size_t suffix_length(const char *s)
{
	/* every suffix starts with 工 or 总: most text is neither */
	if (strncmp(s, "工", strlen("工")) != 0 &&
	    strncmp(s, "总", strlen("总")) != 0)
		return 0;
	for (size_t i = 0; i < PAGE_UNION_SUFFIXES; i++) {
		size_t n = strlen(page_union_suffixes[i]);

		if (strncmp(s, page_union_suffixes[i], n) == 0)
			return n;
	}
	return 0;
}

/* The start of the character that ends just before s + at. */
static size_t char_before(const char *s, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at;
}

static bool is_stop_char(uint32_t cp)
{
	const char *p = stop_chars;
	size_t len = sizeof stop_chars - 1;

	while (len > 0) {
		uint32_t c;
		size_t n = text_utf8_decode(p, len, &c);

		if (n == 0)
			break;
		if (c == cp)
			return true;
		p += n;
		len -= n;
	}
	return false;
}

/* Where a community's name that ends before `end` starts: walking back
 * over Han characters that are not stop characters, never before `floor`
 * (the end of the last gazetteer name). Returns the count of characters. */
static size_t walk_back(const char *s, size_t floor, size_t end,
			size_t *start)
{
	size_t n = 0, at = end;

	while (at > floor && n <= 6) {
		size_t prev = char_before(s, at);
		uint32_t cp;

		if (text_utf8_decode(s + prev, at - prev, &cp) == 0 ||
		    !text_is_han(cp) || is_stop_char(cp))
			break;
		at = prev;
		n++;
	}
	*start = at;
	return n;
}

/* A community union's place ending at `at`: returns its start or
 * (size_t)-1. A short place name in front belongs to the place above, not
 * to the community: 东莞塘厦镇 is 塘厦镇. */
static size_t community_start(const struct gazetteer *g, const char *s,
			      size_t floor, size_t at)
{
	for (size_t i = 0; i < sizeof markers / sizeof *markers; i++) {
		size_t m = strlen(markers[i]), start, n, first, count, prefix;

		if (at < floor + m || memcmp(s + at - m, markers[i], m) != 0)
			continue;
		n = walk_back(s, floor, at - m, &start);
		if (n < 2 || n > 6)
			return (size_t)-1;
		prefix = gazetteer_match(g, s + start, at - m - start, true,
					 &first, &count);
		/* keep at least two characters of the community's own name */
		if (prefix > 0 && at - m - (start + prefix) >= 2 * strlen("镇"))
			start += prefix;
		return start;
	}
	return (size_t)-1;
}

/* A weak (two-character) full gazetteer name ending at `at` and starting at
 * a boundary: 安阳市滑县总工会, ,滑县总工会. */
static size_t weak_name_start(const struct gazetteer *g, const char *s,
			      size_t floor, size_t at, size_t *first,
			      size_t *count)
{
	size_t start = at, n = 0, m;

	while (start > floor && n < 2) {
		start = char_before(s, start);
		n++;
	}
	if (n != 2)
		return (size_t)-1;
	m = gazetteer_match(g, s + start, at - start, true, first, count);
	if (m != at - start || strlen(g->places[g->names[*first].place].name)
				       != m)
		return (size_t)-1;
	if (start > floor) {
		size_t prev = char_before(s, start);
		uint32_t cp;

		if (text_utf8_decode(s + prev, start - prev, &cp) != 0 &&
		    text_is_han(cp) && !is_stop_char(cp))
			return (size_t)-1;
	}
	return start;
}

static int add_union(struct text_list *unions, const char *s, size_t len,
		     struct place_hits *hits, size_t first, size_t count)
{
	char *name = strndup(s, len);
	bool seen;

	if (!name)
		return -1;
	seen = text_list_has(unions, name);
	free(name);
	if (seen)
		return 0;
	if (text_list_add(unions, s, len) < 0)
		return -1;
	if (hits && count > 0 && place_hits_add(hits, first, count) < 0)
		return -1;
	return 0;
}

/* A place's union written with 工会 where the same place's 总工会 is also
 * named is that 总工会 (塘厦镇工会, 塘厦镇总工会): keep the full form. */
void unions_merge_short_forms(struct text_list *unions)
{
	static const char short_suffix[] = "工会", full_suffix[] = "总工会";
	const size_t ls = sizeof short_suffix - 1, lf = sizeof full_suffix - 1;
	bool *drop = calloc(unions->count ? unions->count : 1, sizeof *drop);
	size_t kept = 0;

	if (!drop)
		return; /* out of memory: keep both forms */
	/* decide first, free after: every name stays readable while compared */
	for (size_t i = 0; i < unions->count; i++) {
		const char *u = unions->items[i];
		size_t len = strlen(u);

		if (len <= ls || strcmp(u + len - ls, short_suffix) != 0 ||
		    (len >= lf && strcmp(u + len - lf, full_suffix) == 0))
			continue;
		for (size_t j = 0; j < unions->count && !drop[i]; j++) {
			const char *v = unions->items[j];

			drop[i] = j != i && strlen(v) == len - ls + lf &&
				  strncmp(v, u, len - ls) == 0 &&
				  strcmp(v + len - ls, full_suffix) == 0;
		}
	}
	for (size_t i = 0; i < unions->count; i++) {
		if (drop[i])
			free(unions->items[i]);
		else
			unions->items[kept++] = unions->items[i];
	}
	unions->count = kept;
	free(drop);
}

int unions_find(const struct gazetteer *g, const char *text,
		struct text_list *unions, struct place_hits *hits)
{
	size_t len, p = 0, floor = 0;

	if (!text)
		return 0;
	len = strlen(text);
	while (p < len) {
		size_t first, count, m, sl, start;

		m = gazetteer_match(g, text + p, len - p, false, &first,
				    &count);
		if (m > 0) {
			sl = suffix_length(text + p + m);
			if (sl > 0 && add_union(unions, text + p, m + sl, hits,
						first, count) < 0)
				return -1;
			p += m + sl;
			floor = p;
			continue;
		}
		sl = suffix_length(text + p);
		if (sl > 0 && p > 0) {
			start = community_start(g, text, floor, p);
			count = 0;
			if (start == (size_t)-1)
				start = weak_name_start(g, text, floor, p,
							&first, &count);
			if (start != (size_t)-1) {
				if (add_union(unions, text + start,
					      p + sl - start, hits, first,
					      count) < 0)
					return -1;
				p += sl;
				floor = p;
				continue;
			}
		}
		p += page_char_length(text + p, len - p);
	}
	return 0;
}
