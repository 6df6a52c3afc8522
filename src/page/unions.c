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
 * Besides unions of a place:
 * - the national union, 中华全国总工会 or 全国总工会, where the caller
 *   asks for it (the article's own headings and lead, not a mention);
 * - a development zone's union as written (经开区总工会, 高新区总工会);
 * - an industry's union: a place, 市/省/区/县 or nothing before an
 *   industry word and 工会 (南京邮政工会, 市建设工会, 海员工会), and a
 *   company's union in a city (美团武汉工会: a city's short name after a
 *   company's name);
 * - an organisation's union: a place (the gazetteer's, or a Taiwan city's
 *   shape, 台南市) and its members' trade (台南市男子理发职业工会,
 *   香港建造业总工会), a company's full name (某某股份有限公司工会), a
 *   district's short name or a place's before 总工会 (门头沟总工会,
 *   香港工会联合会);
 * - after a county's name, a town of it by its stem (梅江区长沙工会联合会,
 *   from streets.csv), and after a city's name a district of two
 *   characters (汕尾市城区总工会); a community's union keeps the place
 *   named right before it (南山区沙河社区工联会 is in 南山区);
 * - a bare 市总工会, 区总工会, 县总工会 or 省总工会 (or 市总 opening a
 *   headline) is reported to the caller, who names it after the
 *   article's own place (page_places).
 * Unions of a kind (基层工会, 企业工会, 县直机关工会), 中国工会, a
 * trade's association (快递行业工会联合会), 各乡镇总工会, 各县(市、区)
 * 总工会 and a 省总工会 inside a document's title 《…》 are none.
 * The suffixes are matched through text_fold and the Traditional forms
 * of their characters: 總工會 and 工聯會 too. 工联会 standing alone (the
 * Hong Kong federation's short name) is a union as written.
 */
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"
#include "page/page_private.h"

const char *const page_union_suffixes[PAGE_UNION_SUFFIXES] = {
	"工会联合会", "总工会", "工联会", "工会", "工委",
};

static const char *const markers[] = {"社区", "街道", "镇", "乡", "村"};

/* What a community's union may group between its place and 工会: the
 * shops of a 商圈, the firms of a 楼宇 (学苑社区商圈工会). */
static const char *const groupings[] = {"商圈", "楼宇"};

/* Development zones: a union's place as written, with or without a name
 * before (经开区总工会, 苏州工业园区总工会). */
static const char *const zones[] = {"经开区", "高新区", "开发区", "园区",
				    "新区"};

/* What an industry's union names before 工会. */
static const char *const industries[] = {
	"建设", "邮政", "海员", "教育", "金融", "铁路", "交通", "卫生",
	"电力", "机械", "能源", "化工", "财贸", "农林", "国防", "民航",
	"烟草", "水利", "石油", "纺织", "建筑", "医务", "电信", "通信",
	"商业", "供销", "林业", "农业", "税务", "银行", "科技", "文化",
	"旅游", "冶金", "煤矿", "航空", "汽车", "船舶", "城建", "商贸",
	"体育", "运输", "农林水", "机关",
};

/* Characters after which a bare 市总工会 is the article's own union: a
 * verb or preposition, not 各 or 全 (各县(市、区)总工会 are many). */
static const char bare_before[] = "由在向与和及是的了到赴对从为同经";

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

/* text_fold, and the Traditional forms of the characters of a union's
 * suffix (總會聯), which text_fold leaves as they are. */
static uint32_t fold_cp(uint32_t cp)
{
	switch (cp) {
	case 0x7E3D: /* 總 */
		return 0x603B;
	case 0x6703: /* 會 */
		return 0x4F1A;
	case 0x806F: /* 聯 */
		return 0x8054;
	default:
		return text_fold(cp);
	}
}

/* The byte length of the text at s that folds to word (工會 to 工会), or 0
 * when it does not start with it. */
static size_t folded_prefix(const char *s, const char *word)
{
	size_t i = 0, len = strnlen(s, 64), wl = strlen(word), w = 0;

	while (w < wl) {
		uint32_t a, b;
		size_t n = text_utf8_decode(s + i, len - i, &a);
		size_t m = text_utf8_decode(word + w, wl - w, &b);

		if (n == 0 || m == 0 || fold_cp(a) != b)
			return 0;
		i += n;
		w += m;
	}
	return i;
}

static size_t suffix_length(const char *s)
{
	/* every suffix starts with 工 or 总 (總): most text is neither */
	if (strncmp(s, "工", strlen("工")) != 0 &&
	    strncmp(s, "总", strlen("总")) != 0 &&
	    strncmp(s, "總", strlen("總")) != 0)
		return 0;
	for (size_t i = 0; i < PAGE_UNION_SUFFIXES; i++) {
		size_t n = folded_prefix(s, page_union_suffixes[i]);

		if (n > 0)
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

/* Where a name that ends before `end` starts: walking back over Han
 * characters that are not stop characters, never before `floor` (the end
 * of the last gazetteer name) and over at most `most` characters. Returns
 * the count of characters. */
static size_t walk_back_at_most(const char *s, size_t floor, size_t end,
				size_t most, size_t *start)
{
	size_t n = 0, at = end;

	while (at > floor && n < most) {
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

/* A community's name: seven characters at most, so that a name longer
 * than six shows as such. */
static size_t walk_back(const char *s, size_t floor, size_t end,
			size_t *start)
{
	return walk_back_at_most(s, floor, end, 7, start);
}

/* A community union's place ending at `at`: returns its start or
 * (size_t)-1. A short place name in front belongs to the place above, not
 * to the community: 东莞塘厦镇 is 塘厦镇. */
static size_t community_start(const struct gazetteer *g, const char *s,
			      size_t floor, size_t at)
{
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
		size_t m = strlen(zones[i]), start;

		if (at < floor + m || memcmp(s + at - m, zones[i], m) != 0)
			continue;
		if (walk_back(s, floor, at - m, &start) > 6)
			return (size_t)-1;
		return start;
	}
	for (size_t i = 0; i < sizeof groupings / sizeof *groupings; i++) {
		size_t m = strlen(groupings[i]);

		if (at >= floor + m &&
		    memcmp(s + at - m, groupings[i], m) == 0) {
			at -= m;
			break;
		}
	}
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

static bool is_in(const char *set, uint32_t cp)
{
	size_t len = strlen(set);

	while (len > 0) {
		uint32_t c;
		size_t n = text_utf8_decode(set, len, &c);

		if (n == 0)
			break;
		if (c == cp)
			return true;
		set += n;
		len -= n;
	}
	return false;
}

/* True when the text before s + at is a boundary for a name: the start,
 * a mark other than 、 and a closing bracket, or one of the characters
 * of extra (function words). */
static bool boundary_before(const char *s, size_t floor, size_t at,
			    const char *extra)
{
	size_t prev;
	uint32_t cp;

	if (at <= floor)
		return true;
	prev = char_before(s, at);
	if (text_utf8_decode(s + prev, at - prev, &cp) == 0)
		return true;
	if (text_is_han(cp))
		return extra && is_in(extra, cp);
	return !is_in("、)）》", cp);
}

/* True when s + at follows a 、 that closes an item longer than one
 * level's name: 区劳动竞赛领导小组、区总工会 names one union, 省、市、
 * 区总工会 and 县(市、区)总工会 name the unions of many places. */
static bool after_list_item(const char *s, size_t floor, size_t at)
{
	size_t comma, prev;
	uint32_t cp;

	if (at < floor + strlen("、") + 1)
		return false;
	comma = char_before(s, at);
	if (strncmp(s + comma, "、", strlen("、")) != 0 || comma <= floor)
		return false;
	prev = char_before(s, comma);
	if (text_utf8_decode(s + prev, comma - prev, &cp) == 0 ||
	    !text_is_han(cp))
		return false;
	return !is_in("省市区县乡镇村", cp);
}

/* True when s + at lies inside a title 《…》. */
static bool in_title(const char *s, size_t at)
{
	const char *open = NULL, *close = NULL;

	for (const char *p = s; p < s + at;) {
		const char *o = strstr(p, "《"), *c = strstr(p, "》");

		if (!o || o >= s + at)
			break;
		open = o;
		close = c && c > o && c < s + at ? c : NULL;
		p = close ? close + strlen("》") : s + at;
	}
	return open && !close;
}

/* A bare 市总工会, 区总工会, 县总工会, 省总工会 whose 总工会 is at s + at:
 * its UNIONS_BARE_ bit, or 0. */
static unsigned bare_union(const char *s, size_t floor, size_t at)
{
	static const struct {
		const char *c;
		unsigned bit;
	} kinds[] = {{"市", UNIONS_BARE_CITY}, {"区", UNIONS_BARE_DISTRICT},
		     {"县", UNIONS_BARE_COUNTY}, {"省", UNIONS_BARE_PROVINCE}};
	size_t q;

	if (at == 0 || strncmp(s + at, "总工会", strlen("总工会")) != 0)
		return 0;
	q = char_before(s, at);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strncmp(s + q, kinds[i].c, strlen(kinds[i].c)) == 0 &&
		    q >= floor &&
		    (boundary_before(s, floor, q, bare_before) ||
		     after_list_item(s, floor, q)) &&
		    !in_title(s, q))
			return kinds[i].bit;
	return 0;
}

/* 市总, 区总 or 县总 opening a headline and followed by a Han character
 * other than 工 (市总为环卫工人送上“暖心包”): its UNIONS_BARE_ bit, or 0. */
static unsigned abbreviated_union(const char *text, size_t len)
{
	static const struct {
		const char *word;
		unsigned bit;
	} kinds[] = {{"市总", UNIONS_BARE_CITY},
		     {"区总", UNIONS_BARE_DISTRICT},
		     {"县总", UNIONS_BARE_COUNTY}};

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i].word);
		uint32_t cp;

		if (len > n && strncmp(text, kinds[i].word, n) == 0 &&
		    strncmp(text + n, "工", strlen("工")) != 0 &&
		    text_utf8_decode(text + n, len - n, &cp) > 0 &&
		    text_is_han(cp))
			return kinds[i].bit;
	}
	return 0;
}

/* An industry's union whose 工会 is at s + at: returns where its name
 * starts, or (size_t)-1. */
static size_t industry_start(const struct gazetteer *g, const char *s,
			     size_t floor, size_t at, size_t *first,
			     size_t *count)
{
	size_t pos = at, start;
	bool found = false;

	*count = 0;
	for (bool again = true; again;) {
		again = false;
		for (size_t i = 0; i < sizeof industries / sizeof *industries;
		     i++) {
			size_t n = strlen(industries[i]);

			if (pos >= floor + n &&
			    memcmp(s + pos - n, industries[i], n) == 0) {
				pos -= n;
				found = again = true;
				break;
			}
		}
	}
	if (!found)
		return (size_t)-1;
	/* a place before: the longest gazetteer name that ends here */
	start = pos;
	for (int k = 0; k < 8 && start > floor; k++) {
		size_t m;

		start = char_before(s, start);
		m = gazetteer_match(g, s + start, pos - start, true, first,
				    count);
		if (m == pos - start && boundary_before(s, floor, start, NULL))
			return start;
	}
	*count = 0;
	if (pos > floor) {
		size_t q = char_before(s, pos);

		if ((strncmp(s + q, "市", strlen("市")) == 0 ||
		     strncmp(s + q, "省", strlen("省")) == 0 ||
		     strncmp(s + q, "区", strlen("区")) == 0 ||
		     strncmp(s + q, "县", strlen("县")) == 0) &&
		    boundary_before(s, floor, q, bare_before))
			return q;
		if (q >= floor + strlen("中") &&
		    strncmp(s + q - strlen("中"), "中国", strlen("中国")) == 0)
			return q - strlen("中");
	}
	return boundary_before(s, floor, pos, bare_before) ? pos : (size_t)-1;
}

/* A company's union in a city whose 工会 is at s + at (美团武汉工会): a
 * city's short name, after two to four characters that start at a
 * boundary. Returns the start, or (size_t)-1. */
static size_t company_start(const struct gazetteer *g, const char *s,
			    size_t floor, size_t at, size_t *first,
			    size_t *count)
{
	size_t start = at;

	for (int k = 0; k < 4 && start > floor; k++) {
		size_t m, from, n;

		start = char_before(s, start);
		if (k < 1)
			continue;
		m = gazetteer_match(g, s + start, at - start, true, first,
				    count);
		if (m != at - start ||
		    g->places[g->names[*first].place].level != PLACE_CITY)
			continue;
		n = walk_back(s, floor, start, &from);
		if (n >= 2 && n <= 4 && boundary_before(s, floor, from, stop_chars))
			return from;
	}
	*count = 0;
	return (size_t)-1;
}

/* What names the members of an organisation before its 工会: a trade
 * (职业, 产业, a word ending in 业: 建造业) or a staff (物业管理职工会).
 * A name ending in 企业 or 行业 names unions of a kind. */
static const char *const members[] = {"职业", "产业", "业", "职"};
static const char *const kinds_of_union[] = {"企业", "行业", "事业"};

/* The legal forms that end a company's full name. */
static const char *const company_forms[] = {"股份有限公司", "有限责任公司",
					    "有限公司", "公司"};

static bool ends_with(const char *s, size_t start, size_t end,
		      const char *word)
{
	size_t n = strlen(word);

	return end >= start + n && memcmp(s + end - n, word, n) == 0;
}

static size_t count_han(const char *s, size_t start, size_t end)
{
	size_t n = 0;

	for (size_t at = start; at < end; n++)
		at += page_char_length(s + at, end - at);
	return n;
}

/* A place written as two characters and 市 or 县 at s + at, before end,
 * that is no full name of the gazetteer (台南市, 新北市, 高雄市 of
 * Taiwan; 新北 is 常州's 新北区 only as 新北区): its byte length, or 0. */
static size_t foreign_place(const struct gazetteer *g, const char *s,
			    size_t at, size_t end)
{
	size_t p = at, first, count;
	uint32_t cp;

	for (int k = 0; k < 2; k++) {
		size_t n = text_utf8_decode(s + p, end - p, &cp);

		if (n == 0 || !text_is_han(cp))
			return 0;
		p += n;
	}
	if (p >= end || (strncmp(s + p, "市", strlen("市")) != 0 &&
			 strncmp(s + p, "县", strlen("县")) != 0))
		return 0;
	p += strlen("市");
	if (gazetteer_match(g, s + at, end - at, false, &first, &count) ==
	    p - at)
		return 0;
	return p - at;
}

/* An organisation's union whose suffix (sl bytes) is at s + at, within
 * the run of name characters that ends there:
 * - a place — a gazetteer name, or one outside it (foreign_place) — then
 *   at most eight characters that end in a word of members (台南市男子
 *   理发职业工会, 香港建造业总工会, 高雄市产业总工会, 香港物业管理职
 *   工会), or, for a name of the gazetteer at the start, nothing but a
 *   suffix other than 工会 (门头沟总工会, 香港工会联合会);
 * - a company's full name starting at a mark or a function word
 *   (正道工业股份有限公司工会), not after a place's name (福州市某某
 *   有限公司工会驿站 is the company's station).
 * Returns the start, or (size_t)-1; *count is 0 where the place is none
 * of the gazetteer's. */
static size_t organisation_start(const struct gazetteer *g, const char *s,
				 size_t len, size_t floor, bool after_name,
				 size_t at, size_t sl, size_t *first,
				 size_t *count)
{
	size_t from;

	*count = 0;
	walk_back_at_most(s, floor, at, 14, &from);
	if (from == at)
		return (size_t)-1;
	for (size_t i = 0; i < sizeof company_forms / sizeof *company_forms;
	     i++) {
		size_t n = strlen(company_forms[i]);

		if (!ends_with(s, from, at, company_forms[i]))
			continue;
		if (count_han(s, from, at - n) >= 2 &&
		    !ends_with(s, from, at - n, "集团") &&
		    boundary_before(s, 0, from, stop_chars))
			return from;
		return (size_t)-1;
	}
	for (size_t q = from; q < at; q += page_char_length(s + q, at - q)) {
		size_t end = q + foreign_place(g, s, q, at), chars;
		bool kind = false, foreign = end > q;

		*count = 0;
		if (end == q) {
			size_t m = gazetteer_match_at(g, s, len, q, true,
						      first, count);

			/* a district's short name only right before the
			 * suffix (门头沟总工会), and not after another
			 * place's name (中山市西区 is no 攀枝花's 西区) */
			if ((m == 0 || q + m > at) && q == from &&
			    !(after_name && from == floor) &&
			    gazetteer_match_district(g, s, len, q, first,
						     count) == at - q)
				m = at - q;
			if (m == 0 || q + m > at)
				continue;
			end = q + m;
		}
		chars = count_han(s, end, at);
		if (chars > 8)
			continue;
		for (size_t i = 0; i < sizeof members / sizeof *members; i++)
			kind = kind || ends_with(s, end, at, members[i]);
		for (size_t i = 0;
		     i < sizeof kinds_of_union / sizeof *kinds_of_union; i++)
			kind = kind && !ends_with(s, end, at, kinds_of_union[i]);
		/* 职工会议 is a meeting */
		if (kind && ends_with(s, end, at, "职") &&
		    (sl != strlen("工会") ||
		     strncmp(s + at + sl, "议", strlen("议")) == 0))
			kind = false;
		/* a place's short name and 工会 is a headline's short form of
		 * its 总工会 (韶关工会): no union's name as written */
		/* 今年市总工会: a foreign place's shape alone is no place */
		if ((chars == 0 && q == from && !foreign &&
		     !(sl == strlen("工会") &&
		       strncmp(s + at, "工会", sl) == 0)) ||
		    kind)
			return q;
	}
	*count = 0;
	return (size_t)-1;
}

/* True when text[from, at) is the stem of a town of a place of the rows
 * [first, first + count): 长沙 after 梅江区 is its 长沙镇. */
static bool town_of(const struct gazetteer *g, const char *text,
		    size_t from, size_t at, size_t first, size_t count)
{
	size_t tf, tc, chars = count_han(text, from, at);

	if (count == 0 || chars < 2 || chars > 3 ||
	    gazetteer_match_town(g, text, at, from, true, &tf, &tc) !=
		    at - from)
		return false;
	for (size_t i = tf; i < tf + tc; i++)
		for (size_t j = first; j < first + count; j++)
			if (g->towns[i].place == g->names[j].place)
				return true;
	return false;
}

/* True when text[from, at) is a two-character district of a city of the
 * rows [first, first + count), which goes by no name of its own outside
 * its city (城区, 郊区, 矿区): 汕尾市城区总工会. */
static bool unnamed_district_of(const struct gazetteer *g, const char *text,
				size_t from, size_t at, size_t first,
				size_t count)
{
	if (count_han(text, from, at) != 2 || !ends_with(text, from, at, "区"))
		return false;
	for (size_t j = first; j < first + count; j++) {
		const struct place *c = &g->places[g->names[j].place];

		if (c->level != PLACE_CITY)
			continue;
		for (size_t i = 0; i < g->n_places; i++) {
			const struct place *p = &g->places[i];

			if (p->level == PLACE_COUNTY && p->city == c->city &&
			    strlen(p->name) == at - from &&
			    memcmp(p->name, text + from, at - from) == 0)
				return true;
		}
	}
	return false;
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
	/* 沙河社区工联会 in the headline, 南山区沙河社区工联会 in the lead */
	if (seen)
		return hits && count > 0 ? place_hits_add(hits, first, count)
					 : 0;
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

int unions_find(const struct gazetteer *g, const char *text, unsigned flags,
		struct text_list *unions, struct place_hits *hits,
		unsigned *bare)
{
	static const char national[] = "中华全国总工会";
	size_t len, p = 0, floor = 0;
	/* the gazetteer name that ends at floor, if one does */
	size_t name_first = 0, name_count = 0, name_start = 0,
	       name_end = (size_t)-1;

	if (!text)
		return 0;
	len = strlen(text);
	if (flags & UNIONS_ABBREVIATED)
		*bare |= abbreviated_union(text, len);
	while (p < len) {
		size_t first, count, m, sl, start;
		unsigned kind;

		if (strncmp(text + p, national, sizeof national - 1) == 0 ||
		    strncmp(text + p, national + strlen("中华"),
			    sizeof national - 1 - strlen("中华")) == 0) {
			size_t n = strncmp(text + p, national,
					   sizeof national - 1) == 0
					   ? sizeof national - 1
					   : sizeof national - 1 - strlen("中华");

			if ((flags & UNIONS_NATIONAL) &&
			    add_union(unions, text + p, n, NULL, 0, 0) < 0)
				return -1;
			p += n;
			floor = p;
			continue;
		}

		m = gazetteer_match(g, text + p, len - p, false, &first,
				    &count);
		if (m > 0) {
			sl = suffix_length(text + p + m);
			if (sl > 0 && add_union(unions, text + p, m + sl, hits,
						first, count) < 0)
				return -1;
			p += m + sl;
			floor = p;
			name_first = first;
			name_count = sl > 0 ? 0 : count;
			name_start = p - m - sl;
			name_end = p;
			continue;
		}
		sl = suffix_length(text + p);
		if (sl > 0 && sl == folded_prefix(text + p, "工联会") &&
		    boundary_before(text, floor, p, bare_before)) {
			*bare |= UNIONS_HONG_KONG;
			if (add_union(unions, text + p, sl, NULL, 0, 0) < 0)
				return -1;
			p += sl;
			floor = p;
			continue;
		}
		kind = sl > 0 ? bare_union(text, floor, p) : 0;
		if (kind) {
			*bare |= kind;
			p += sl;
			floor = p;
			continue;
		}
		if (sl > 0 && p > 0 && floor == name_end &&
		    (town_of(g, text, floor, p, name_first, name_count) ||
		     unnamed_district_of(g, text, floor, p, name_first,
					 name_count))) {
			/* 梅江区长沙工会联合会: a town of 梅江区 by its stem */
			if (add_union(unions, text + floor, p + sl - floor,
				      hits, name_first, name_count) < 0)
				return -1;
			p += sl;
			floor = p;
			continue;
		}
		if (sl > 0 && p > 0) {
			start = community_start(g, text, floor, p);
			count = 0;
			/* 深圳市南山区沙河社区工联会 is in 南山区 */
			if (start != (size_t)-1 && start == name_end) {
				first = name_first;
				count = name_count;
			}
			if (start != (size_t)-1 && count == 0)
				*bare |= UNIONS_LOCAL;
			if (start == (size_t)-1 &&
			    strncmp(text + p, "工会", strlen("工会")) == 0) {
				start = industry_start(g, text, floor, p,
						       &first, &count);
				/* 佛山市建设工会: the place read just before */
				if (start != (size_t)-1 && count == 0 &&
				    start == name_end && name_count > 0) {
					start = name_start;
					first = name_first;
					count = name_count;
				}
				if (start == (size_t)-1)
					start = company_start(g, text, floor,
							      p, &first,
							      &count);
			}
			if (start == (size_t)-1)
				start = weak_name_start(g, text, floor, p,
							&first, &count);
			if (start == (size_t)-1)
				start = organisation_start(
					g, text, len, floor, floor == name_end,
					p, sl, &first, &count);
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
