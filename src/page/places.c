/*
 * places — an article's city, county and unions, read the way a careful
 * editor reads them. Evidence comes in this order: the kicker, the lead-in
 * and headline (where short names count too: 韶关, 江门, 鹤山), the places
 * of the unions the article names (anywhere in it), then the first
 * paragraph (full names only: 湛江市, 龙岗区). The first city found wins; a
 * county alone implies its city (鹤山市 -> 江门). The county is the first
 * county of the evidence that lies in that city, so a county named only
 * deep in the body (河源市源城区快递行业工会联合会) does not count.
 *
 * A name several places share is read as the one in the city already
 * found, else the one in Guangdong (白云区 -> 广州, 鹤山 -> 江门's 鹤山市,
 * not 鹤壁's 鹤山区), else a city before a county, else the first by code.
 *
 * The union that reports outranks the headings' words: the first union of
 * the headings and lead that is a place's gives the city (杭州亚运会… over
 * a lead of 湛江市总工会). A roundup that names several cities and has no
 * union in its headings or lead has no city from a union deep in its body.
 * Where nothing places a local union's story (a street's union, a bare
 * 区总工会), a district's short name in its text does (房山, 椒江), else the
 * only town of China its union is named after (大碶街道). A town named in
 * full decides between districts of one name (新坝镇: 连云港's 海州区), and
 * a weak name right after its city's or province's full name counts in
 * the body (永州市道县). 工联会 alone, with no other place, is Hong Kong's.
 *
 * The city is given by its short name (湛江; 北京 for a municipality; 仙桃
 * for a county-level city directly under its province, which has no
 * county); the county by its full name (武江区).
 */
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"
#include "page/page_private.h"

/* What follows a name that makes it part of the name of a road, bridge,
 * tunnel, park, square, school, hospital or company, with how many
 * characters may stand between (中山路, 港珠澳大桥, 杭州九龙厨具有限公司,
 * 龙城医院, 万达广场): such a name is no sign of the article's place. A
 * full name or a city's name before a school, company or square is where
 * it is (天津大学, 厦门航空有限公司, 三都水族自治县人民医院); before a
 * road it is not (南京路). */
static const struct {
	const char *word;
	int gap;
	bool road; /* named after places anywhere: 北京路 in any city */
} facilities[] = {
	{"路", 2, true},       {"大道", 3, true},    {"大街", 3, true},
	{"大桥", 4, true},     {"隧道", 4, true},    {"公园", 4, true},
	{"广场", 4, false},    {"有限公司", 8, false}, {"公司", 6, false},
	{"集团", 6, false},    {"大学", 3, false},   {"学院", 3, false},
	{"医院", 4, false},    {"机场", 3, false},   {"火车站", 2, false},
	{"高铁站", 2, false},  {"中学", 4, false},   {"小学", 4, false},
	{"酒店", 4, false},    {"宾馆", 4, false},
};

/* Verbs of a trip: a place named right after one is where the story went,
 * not where it comes from (赴门头沟, 前往无锡). */
static const char *const trips[] = {"赴", "前往", "到", "走进", "来到",
				    "奔赴", "深入"};

static bool in_facility(const char *text, size_t len, size_t end,
			bool strong)
{
	for (size_t i = 0; i < sizeof facilities / sizeof *facilities; i++) {
		size_t p = end, w = strlen(facilities[i].word);

		if (strong && !facilities[i].road)
			continue;
		for (int k = 0; k <= facilities[i].gap && p < len; k++) {
			uint32_t cp;
			size_t n;

			if (p + w <= len &&
			    memcmp(text + p, facilities[i].word, w) == 0)
				return true;
			n = text_utf8_decode(text + p, len - p, &cp);
			if (n == 0 || !text_is_han(cp))
				break;
			p += n;
		}
	}
	return false;
}

/* True when one of the rows [first, first + count) is a city's name. */
static bool names_city(const struct gazetteer *g, size_t first, size_t count)
{
	for (size_t i = first; i < first + count; i++)
		if (g->places[g->names[i].place].level == PLACE_CITY)
			return true;
	return false;
}

/* True when a place of the rows [first, first + count) lies in a place
 * of the rows [in_first, in_first + in_count): a weak name right after the
 * full name of its city or province (永州市道县, 湖南省道县) is that
 * place even in the body. */
static bool within(const struct gazetteer *g, size_t first, size_t count,
		   size_t in_first, size_t in_count)
{
	for (size_t i = first; i < first + count; i++) {
		const struct place *p = &g->places[g->names[i].place];

		for (size_t j = in_first; j < in_first + in_count; j++) {
			const struct place *q =
				&g->places[g->names[j].place];

			if (q->level == PLACE_CITY && p->city >= 0 &&
			    &g->places[p->city] == q && p != q)
				return true;
			if (q->level == PLACE_PROVINCE &&
			    p->province_code == q->code && p != q)
				return true;
		}
	}
	return false;
}

static bool after_trip(const char *text, size_t at)
{
	for (size_t i = 0; i < sizeof trips / sizeof *trips; i++) {
		size_t n = strlen(trips[i]);

		if (at >= n && memcmp(text + at - n, trips[i], n) == 0)
			return true;
	}
	return false;
}

/* Gazetteer names in text, in order (weak names too when weak); the names
 * right after a verb of a trip go to trip instead when it is not NULL. */
static int collect(const struct gazetteer *g, const char *text, bool weak,
		   struct place_hits *hits, struct place_hits *trip)
{
	size_t len, p = 0, last_end = (size_t)-1, last_first = 0,
		    last_count = 0;

	if (!text)
		return 0;
	len = strlen(text);
	while (p < len) {
		size_t first, count, m;

		m = gazetteer_match_at(g, text, len, p, weak, &first, &count);
		if (m == 0 && p == last_end) {
			m = gazetteer_match_at(g, text, len, p, true, &first,
					       &count);
			if (m > 0 && !within(g, first, count, last_first,
					     last_count))
				m = 0;
		}
		if (m > 0) {
			last_end = p + m;
			last_first = first;
			last_count = count;
			struct place_hits *to =
				trip && after_trip(text, p) ? trip : hits;

			if (!in_facility(text, len, p + m,
					 !g->names[first].weak ||
						 names_city(g, first, count)) &&
			    place_hits_add(to, first, count) < 0)
				return -1;
			p += m;
			continue;
		}
		p += page_char_length(text + p, len - p);
	}
	return 0;
}

/* Places the whole article names (any paragraph, full names; short names
 * in the headings), to choose among places of one name: 普陀区 beside
 * 舟山 is 舟山's, not 上海's. */
struct support {
	int *cities;    /* owned: place index of each city named */
	size_t count;
	int provinces[8];
	size_t n_provinces;
	int *counties;  /* owned: the counties of the towns named (新坝镇
			 * is in 连云港's 海州区 and in two others) */
	size_t n_counties, cap_counties;
};

static bool has_town(const struct support *sp, int place)
{
	for (size_t i = 0; i < sp->n_counties; i++)
		if (sp->counties[i] == place)
			return true;
	return false;
}

/* Where the next character that can end a town's full name (镇 乡 道 场
 * 木 区 园 处 团 局 会 心 司 狱 所 站 厂) starts at or after i, or len. */
static size_t next_town_end(const char *s, size_t len, size_t i)
{
	static const char ends[] = "镇乡道场木区园处团局会心司狱所站厂";

	for (; i + 3 <= len; i++) {
		if ((unsigned char)s[i] < 0xE0 ||
		    ((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		for (size_t k = 0; k + 3 <= sizeof ends - 1; k += 3)
			if (memcmp(s + i, ends + k, 3) == 0)
				return i;
	}
	return len;
}

/* Adds to sp the counties of the towns, townships and subdistricts that
 * text names in full. */
static int add_towns(const struct gazetteer *g, const char *text,
		     struct support *sp)
{
	size_t len, p = 0, end = 0;

	if (!text)
		return 0;
	len = strlen(text);

	while (p < len) {
		size_t first, count, m;

		/* a town's full name, 24 characters at most (96 bytes), ends
		 * in one of a few characters: text farther from the next of
		 * them than that is passed over without a look-up */
		if (end < p)
			end = next_town_end(text, len, p);
		if (end == len)
			break;
		if (end - p > 96) {
			p = end - 96;
			while (p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
				p++;
			continue;
		}
		m = gazetteer_match_town(g, text, len, p, false, &first, &count);

		if (m == 0) {
			p += page_char_length(text + p, len - p);
			continue;
		}
		for (size_t i = first; i < first + count; i++) {
			if (has_town(sp, g->towns[i].place))
				continue;
			if (sp->n_counties == sp->cap_counties) {
				size_t cap = sp->cap_counties
						     ? sp->cap_counties * 2
						     : 16;
				int *c = realloc(sp->counties,
						 cap * sizeof *c);

				if (!c)
					return -1;
				sp->counties = c;
				sp->cap_counties = cap;
			}
			sp->counties[sp->n_counties++] = g->towns[i].place;
		}
		p += m;
	}
	return 0;
}

static bool supported(const struct gazetteer *g, const struct support *sp,
		      const struct place *p, bool *province)
{
	*province = false;
	for (size_t i = 0; i < sp->n_provinces; i++)
		if (g->places[sp->provinces[i]].code == p->province_code)
			*province = true;
	for (size_t i = 0; i < sp->count; i++)
		if (sp->cities[i] == p->city)
			return true;
	return false;
}

static int preference(const struct gazetteer *g, const struct support *sp,
		      const struct place *p)
{
	bool province;
	bool city = supported(g, sp, p, &province);

	return city * 16 + has_town(sp, (int)(p - g->places)) * 8 +
	       province * 4 + (p->province_code == GUANGDONG_CODE) * 2 +
	       (p->level == PLACE_CITY);
}

/* The place a hit stands for, the city being found or not (-1 when no
 * place of the hit will do). */
static int pick(const struct gazetteer *g, const struct support *sp,
		const struct place_hit *hit, int city)
{
	int best = -1;

	for (size_t i = hit->first; i < hit->first + hit->count; i++) {
		int pi = g->names[i].place;
		const struct place *p = &g->places[pi];

		if (p->level == PLACE_PROVINCE)
			continue;
		if (city >= 0) {
			if (p->city == city)
				return pi;
			continue;
		}
		if (best < 0 || preference(g, sp, p) >
					preference(g, sp, &g->places[best]))
			best = pi;
	}
	return best;
}

static int support_build(const struct gazetteer *g, const struct article *a,
			 struct support *sp)
{
	struct place_hits all = {0};
	int rc = -1;

	memset(sp, 0, sizeof *sp);
	if (collect(g, a->kicker, true, &all, NULL) < 0 ||
	    collect(g, a->lead_in, true, &all, NULL) < 0 ||
	    collect(g, a->headline, true, &all, NULL) < 0)
		goto out;
	for (size_t i = 0; i < a->paragraphs.count; i++)
		if (collect(g, a->paragraphs.items[i], false, &all, NULL) < 0 ||
		    add_towns(g, a->paragraphs.items[i], sp) < 0)
			goto out;
	if (add_towns(g, a->kicker, sp) < 0 ||
	    add_towns(g, a->lead_in, sp) < 0 ||
	    add_towns(g, a->headline, sp) < 0)
		goto out;
	sp->cities = malloc((all.count ? all.count : 1) * sizeof *sp->cities);
	if (!sp->cities)
		goto out;
	/* a name that is one place only (舟山, 舟山市, 普陀区 is two) */
	for (size_t h = 0; h < all.count; h++) {
		const struct place_hit *hit = &all.items[h];
		const struct place *p = &g->places[g->names[hit->first].place];

		if (hit->count != 1)
			continue;
		if (p->level == PLACE_PROVINCE) {
			if (sp->n_provinces < 8)
				sp->provinces[sp->n_provinces++] =
					g->names[hit->first].place;
			continue;
		}
		sp->cities[sp->count++] = p->city;
	}
	rc = 0;
out:
	place_hits_free(&all);
	return rc;
}

/* City and county (place indexes, -1 when none) from the evidence in
 * order: strong (the headings, their first n_strong hits), then the
 * unions' places (up to n_union), then the first paragraph. The city is
 * the reporting union's (reporting_city, when not -1), else the first
 * found. The county is the first county of the city in the
 * headings; else the one county of the city that the unions and the first
 * paragraph name (several: no county). A county named only in the body,
 * not by a union in the headings or the first paragraph (hits before
 * n_union), counts only where no union of the city or above reports the
 * story: a city union's story that names a district in an address, or a
 * provincial union's visit to a county union, has no county. */
static void resolve(const struct gazetteer *g, const struct support *sp,
		    const struct place_hits *hits, size_t n_strong,
		    size_t n_union, bool city_union, int reporting_city,
		    int *city, int *county)
{
	int body_county = -1;
	bool several = false, from_union = false;

	*city = reporting_city;
	*county = -1;
	for (size_t h = 0; h < hits->count; h++) {
		int best = pick(g, sp, &hits->items[h], *city);
		const struct place *p;

		if (best < 0)
			continue;
		p = &g->places[best];
		if (*city < 0)
			*city = p->city;
		if (p->level != PLACE_COUNTY || p->city != *city)
			continue;
		if (h < n_strong) {
			if (*county < 0)
				*county = best;
			continue;
		}
		if (body_county >= 0 && body_county != best)
			several = true;
		if (body_county < 0)
			body_county = best;
		if (h < n_union)
			from_union = true;
	}
	if (*county >= 0 || several || body_county < 0)
		return;
	if (from_union || !city_union)
		*county = body_county;
}

/* The province an article names first, by its short name or full name
 * (河北, 山东省), anywhere in it: -1 when none. */
static int named_province(const struct gazetteer *g, const struct article *a)
{
	const char *texts[3] = {a->kicker, a->lead_in, a->headline};
	int best = -1;
	const char *best_at = NULL;

	for (size_t t = 0; t < 3 + a->paragraphs.count && best < 0; t++) {
		const char *text =
			t < 3 ? texts[t] : a->paragraphs.items[t - 3];

		if (!text)
			continue;
		for (size_t i = 0; i < g->n_places; i++) {
			const struct place *p = &g->places[i];
			char name[64];
			const char *at;

			if (p->level != PLACE_PROVINCE)
				break;
			if (p->short_len >= sizeof name)
				continue;
			memcpy(name, p->short_name, p->short_len);
			name[p->short_len] = '\0';
			at = strstr(text, name);
			if (at && (!best_at || at < best_at)) {
				best_at = at;
				best = (int)i;
			}
		}
	}
	return best;
}

static int add_named(struct text_list *unions, const char *place,
		     size_t len)
{
	char name[256];

	if (len + sizeof "总工会" > sizeof name)
		return 0;
	memcpy(name, place, len);
	memcpy(name + len, "总工会", sizeof "总工会");
	if (text_list_has(unions, name))
		return 0;
	return text_list_add(unions, name, (size_t)-1);
}

/* Names a bare 市总工会, 区总工会, 县总工会 or 省总工会 after the article's
 * own place: 区总工会 in a 九龙坡区 story is 九龙坡区总工会, 市总工会 in a
 * 绵竹市 story 绵竹市总工会 and in a 桂林 story 桂林市总工会, 省总工会 in
 * a story of 河北 河北省总工会. Where the text gives no such place, the
 * bare name names nothing. */
static int name_bare_unions(const struct gazetteer *g, struct article *a,
			    unsigned bare, int city, int county)
{
	const char *cn = county >= 0 ? g->places[county].name : NULL;
	size_t cl = cn ? strlen(cn) : 0;

#define ENDS(s, l, suffix)                                                   \
	((l) >= strlen(suffix) &&                                            \
	 strcmp((s) + (l) - strlen(suffix), (suffix)) == 0)
	if ((bare & UNIONS_BARE_DISTRICT) && cn && ENDS(cn, cl, "区") &&
	    add_named(&a->unions, cn, cl) < 0)
		return -1;
	if ((bare & UNIONS_BARE_COUNTY) && cn && ENDS(cn, cl, "县") &&
	    add_named(&a->unions, cn, cl) < 0)
		return -1;
	if (bare & UNIONS_BARE_CITY) {
		const char *n = cn && ENDS(cn, cl, "市") ? cn
				: city >= 0 ? g->places[city].name
					    : NULL;

		if (n && ENDS(n, strlen(n), "市") &&
		    add_named(&a->unions, n, strlen(n)) < 0)
			return -1;
	}
#undef ENDS
	if (bare & UNIONS_BARE_PROVINCE) {
		int prov = -1;

		if (city >= 0) {
			for (size_t i = 0; i < g->n_places && prov < 0; i++)
				if (g->places[i].level == PLACE_PROVINCE &&
				    g->places[i].code ==
					    g->places[city].province_code)
					prov = (int)i;
		} else {
			prov = named_province(g, a);
		}
		/* a municipality's 市 is no province */
		if (prov >= 0) {
			const char *n = g->places[prov].name;
			size_t l = strlen(n);

			if (!(l >= strlen("市") &&
			      strcmp(n + l - strlen("市"), "市") == 0) &&
			    add_named(&a->unions, n, l) < 0)
				return -1;
		}
	}
	return 0;
}

/* The city of the first union named in the headings or the lead (hits
 * [0, n)) that is a place's: the union that reports the story, which
 * outranks a place the headline's words name (杭州亚运会…, with the
 * story of a union elsewhere). -1 when none. */
static int reporting_city(const struct gazetteer *g, const struct support *sp,
			  const struct place_hits *union_hits, size_t n)
{
	/* a union's place named in full first: 乐平工会联合会 in the
	 * headline is the one 三水区乐平工会联合会 in the lead names */
	for (int weak = 0; weak < 2; weak++)
		for (size_t i = 0; i < n && i < union_hits->count; i++) {
			const struct place_hit *u = &union_hits->items[i];
			int best;

			if (g->names[u->first].weak != (weak == 1))
				continue;
			best = pick(g, sp, u, -1);
			if (best >= 0)
				return g->places[best].city;
		}
	return -1;
}

/* True when the article names two cities or more (a roundup of a
 * province's cities: 福州 and 莆田), by the one-place names of support. */
static bool several_cities(const struct support *sp)
{
	for (size_t i = 1; i < sp->count; i++)
		if (sp->cities[i] != sp->cities[0])
			return true;
	return false;
}

/* A local union's story (a street's, town's or community's union, or a
 * bare 区总工会 or 县总工会) whose place is named by no full name: the
 * district its text names by its short name (房山 for 房山区, 椒江 for
 * 椒江区), where it names one district only (names several districts
 * share, 城区, say nothing). Returns the place, or -1. */
static int district_by_short_name(const struct gazetteer *g,
				  const struct article *a)
{
	const char *texts[3] = {a->kicker, a->lead_in, a->headline};
	int found = -1;

	for (size_t t = 0; t < 3 + a->paragraphs.count; t++) {
		const char *text =
			t < 3 ? texts[t] : a->paragraphs.items[t - 3];
		size_t len, p = 0;

		if (!text)
			continue;
		len = strlen(text);
		while (p < len) {
			size_t first, count;
			size_t m = gazetteer_match_district(g, text, len, p,
							    &first, &count);

			if (m == 0) {
				p += page_char_length(text + p, len - p);
				continue;
			}
			/* a name several districts share (城区) says nothing */
			if (count == 1 && found >= 0 &&
			    found != g->names[first].place)
				return -1;
			if (count == 1)
				found = g->names[first].place;
			p += m;
		}
	}
	return found;
}

/* The county of a local union named by the full name of a town that is
 * the only one of its name in China (大碶街道总工会: 宁波's 北仑区), where
 * the article names no place: -1 when none. A town's name alone is weak
 * evidence (many are shared), so it comes last. */
static int county_of_union_town(const struct gazetteer *g,
				const struct text_list *unions)
{
	for (size_t i = 0; i < unions->count; i++) {
		const char *u = unions->items[i];
		size_t first, count, len = strlen(u);
		size_t m = gazetteer_match_town(g, u, len, 0, false, &first,
						&count);

		if (m > 0 && count == 1 && m < len &&
		    (strncmp(u + m, "总工会", strlen("总工会")) == 0 ||
		     strncmp(u + m, "工会", strlen("工会")) == 0 ||
		     strncmp(u + m, "工联会", strlen("工联会")) == 0))
			return g->towns[first].place;
	}
	return -1;
}

/* The Hong Kong SAR, for a story of 工联会 that names no place. */
static int hong_kong(const struct gazetteer *g)
{
	static const char name[] = "香港特别行政区";
	size_t first, count;

	if (gazetteer_match(g, name, sizeof name - 1, false, &first, &count) !=
	    sizeof name - 1)
		return -1;
	for (size_t i = first; i < first + count; i++)
		if (g->places[g->names[i].place].level == PLACE_CITY)
			return g->names[i].place;
	return -1;
}

int page_places(const struct page_context *ctx, struct article *a)
{
	const struct gazetteer *g = &ctx->gazetteer;
	struct place_hits hits = {0}, union_hits = {0}, trip = {0};
	struct support sp = {0};
	int city, county, rc = -1;
	unsigned bare = 0;
	size_t n_strong, n_union = 0, n_lead_unions = 0;
	bool city_union = false, reporter, roundup;

	free(a->city);
	free(a->county);
	a->city = a->county = NULL;
	text_list_free(&a->unions);

	if (unions_find(g, a->kicker, UNIONS_NATIONAL | UNIONS_ABBREVIATED,
			&a->unions, &union_hits, &bare) < 0 ||
	    unions_find(g, a->lead_in, UNIONS_NATIONAL | UNIONS_ABBREVIATED,
			&a->unions, &union_hits, &bare) < 0 ||
	    unions_find(g, a->headline, UNIONS_NATIONAL | UNIONS_ABBREVIATED,
			&a->unions, &union_hits, &bare) < 0)
		goto out;
	for (size_t i = 0; i < a->paragraphs.count; i++) {
		if (unions_find(g, a->paragraphs.items[i],
				i == 0 ? UNIONS_NATIONAL : 0, &a->unions,
				&union_hits, &bare) < 0)
			goto out;
		if (i == 0)
			n_lead_unions = union_hits.count;
	}
	unions_merge_short_forms(&a->unions);

	if (support_build(g, a, &sp) < 0)
		goto out;
	/* a trip counts after the unions' places where a union reports */
	reporter = union_hits.count > 0 || bare != 0;
	if (collect(g, a->kicker, true, &hits, reporter ? &trip : NULL) < 0 ||
	    collect(g, a->lead_in, true, &hits, reporter ? &trip : NULL) < 0 ||
	    collect(g, a->headline, true, &hits, reporter ? &trip : NULL) < 0)
		goto out;
	n_strong = hits.count;
	/* a roundup of several cities: a union named deep in the body is one
	 * of them, not the story's */
	roundup = n_strong == 0 && n_lead_unions == 0 && several_cities(&sp);
	for (size_t i = 0; i < union_hits.count && !roundup; i++) {
		const struct place_hit *u = &union_hits.items[i];
		const struct place *p = &g->places[g->names[u->first].place];

		if (p->level != PLACE_COUNTY)
			city_union = true;
		if (place_hits_add(&hits, u->first, u->count) < 0)
			goto out;
		if (i + 1 == n_lead_unions)
			n_union = hits.count;
	}
	if (bare & (UNIONS_BARE_CITY | UNIONS_BARE_PROVINCE))
		city_union = true;
	if (n_lead_unions == 0)
		n_union = n_strong;
	for (size_t i = 0; i < trip.count; i++)
		if (place_hits_add(&hits, trip.items[i].first,
				   trip.items[i].count) < 0)
			goto out;
	if (a->paragraphs.count > 0 &&
	    collect(g, a->paragraphs.items[0], false, &hits, NULL) < 0)
		goto out;

	resolve(g, &sp, &hits, n_strong, n_union, city_union,
		reporting_city(g, &sp, &union_hits, n_lead_unions), &city,
		&county);
	if (city < 0 && (bare & (UNIONS_BARE_DISTRICT | UNIONS_BARE_COUNTY |
				 UNIONS_LOCAL))) {
		county = district_by_short_name(g, a);
		if (county < 0)
			county = county_of_union_town(g, &a->unions);
		if (county >= 0)
			city = g->places[county].city;
		if (county >= 0 && g->places[county].level != PLACE_COUNTY)
			county = -1;
	}
	if (city < 0 && union_hits.count == 0 && (bare & UNIONS_HONG_KONG))
		city = hong_kong(g);
	if (city >= 0) {
		const struct place *c = &g->places[city];

		a->city = strndup(c->short_name, c->short_len);
		if (!a->city)
			goto out;
	}
	if (county >= 0) {
		a->county = strdup(g->places[county].name);
		if (!a->county)
			goto out;
	}
	if (bare && name_bare_unions(g, a, bare, city, county) < 0)
		goto out;
	rc = 0;
out:
	place_hits_free(&hits);
	place_hits_free(&union_hits);
	place_hits_free(&trip);
	free(sp.cities);
	free(sp.counties);
	return rc;
}
