/*
 * gazetteer — China's provinces, prefecture cities and counties (NBS 2023
 * codes) read from admin-divisions/{provinces,cities,areas}.csv, and the
 * names they go by, indexed for a left-to-right scan of text.
 *
 * The CSV files are read whole and parsed in place: every name the
 * gazetteer hands out points into them. Names are sorted by first code
 * point and longest first, with a small hash from the first code point to
 * its run of names, so a scan costs one lookup per character of text.
 *
 * What a place is called:
 * - full names always (湛江市, 龙岗区, 阳山县, 广东省);
 * - a city's short name (湛江; 延边 for 延边朝鲜族自治州; 兴安 for 兴安盟;
 *   阿里 for 阿里地区; 北京 for the municipality) and a county-level city's
 *   or county's (鹤山 for 鹤山市, 阳山 for 阳山县) — weak names, only
 *   trusted in kickers and headlines; districts (区) have none, nor do
 *   short names that are also a province's (吉林, 海南) or common words;
 * - a full name of two characters (和县, 新县) is weak too; 城区, 郊区,
 *   矿区, 东区, 西区, and a district's stem (门头沟 for 门头沟区), are
 *   names only where gazetteer_match_district is asked;
 * - a district that was a county-level city of the same stem goes by that
 *   city's name too (临安区 was 临安市), trusted only before a union's
 *   name or where no Han character follows it.
 * admin-divisions/place-words.txt lists the words that hold a
 * weak name and are no place: a line that is a short name makes it no
 * name (合作, 通道: common words); a longer line is a word that a weak
 * name found inside it, or overlapping its start or end, belongs to
 * (共和国, 黑龙江, 元旦 after 庆元), so that name is no place there.
 * A county name that is its city's own (东莞市 under 东莞市) is no county.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"

enum { FILE_PROVINCES, FILE_CITIES, FILE_AREAS, FILE_WORDS, FILE_STREETS };

/* Ethnic groups that the name of an autonomous prefecture or county carries
 * after its place name: stripped (repeatedly) for the short name. */
static const char *const ethnic[] = {
	"朝鲜族", "土家族", "苗族", "藏族", "羌族", "彝族", "布依族", "侗族",
	"哈尼族", "壮族", "傣族", "白族", "景颇族", "傈僳族", "回族",
	"蒙古族", "蒙古", "柯尔克孜", "哈萨克", "瑶族", "黎族", "畲族",
	"满族", "土族", "撒拉族", "保安族", "东乡族", "裕固族", "仫佬族",
	"毛南族", "仡佬族", "水族", "纳西族", "拉祜族", "佤族", "普米族",
	"独龙族", "怒族", "达斡尔族", "鄂温克族", "鄂伦春族", "锡伯族",
	"各族", "塔吉克", "塔吉克族", "维吾尔",
};

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static size_t count_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* The byte length of the short form of a full name (its prefix), or 0 when
 * it has none: 湛江市 -> 湛江, 延边朝鲜族自治州 -> 延边, 广东省 -> 广东. */
static size_t short_length(const char *name, bool county)
{
	static const char *const city_suffix[] = {
		"特别行政区", "自治区", "自治州", "自治县", "地区", "林区",
		"盟", "省", "市", "县",
	};
	size_t len = strlen(name);
	bool stripped = false, again;

	for (size_t i = 0; i < sizeof city_suffix / sizeof *city_suffix; i++)
		if (ends_with(name, len, city_suffix[i])) {
			if (county && (strcmp(city_suffix[i], "地区") == 0 ||
				       strcmp(city_suffix[i], "林区") == 0))
				break;
			len -= strlen(city_suffix[i]);
			stripped = true;
			break;
		}
	if (!stripped)
		return 0;
	/* only autonomous areas carry the names of ethnic groups */
	again = strstr(name, "自治") != NULL;
	while (again) {
		again = false;
		for (size_t i = 0; i < sizeof ethnic / sizeof *ethnic; i++)
			if (ends_with(name, len, ethnic[i]) &&
			    count_chars(name, len - strlen(ethnic[i])) >= 2) {
				len -= strlen(ethnic[i]);
				again = true;
			}
	}
	return count_chars(name, len) >= 2 ? len : 0;
}

/* ---- CSV ----------------------------------------------------------------- */

struct csv {
	char *p;      /* next unread byte */
	int line;     /* line of the record just read */
	int next_line;
};

/* Reads one record into fields (at most max), unquoting in place; each
 * field becomes NUL-terminated. Returns the number of fields, 0 at the end,
 * -1 on a malformed record. */
static int csv_record(struct csv *c, char **fields, int max)
{
	char *p = c->p, *w;
	int n = 0;

	while (*p == '\r' || *p == '\n') {
		if (*p == '\n')
			c->next_line++;
		p++;
	}
	if (*p == '\0')
		return 0;
	c->line = c->next_line;
	for (;;) {
		if (n == max)
			return -1;
		fields[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0')
					return -1;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (*p == '\n')
						c->next_line++;
					*w++ = *p++;
				}
			}
			if (*p != ',' && *p != '\n' && *p != '\r' && *p != '\0')
				return -1;
		} else {
			while (*p != ',' && *p != '\n' && *p != '\r' &&
			       *p != '\0')
				w++, p++;
		}
		if (*p == ',') {
			*w = '\0';
			p++;
			continue;
		}
		if (*p == '\r')
			p++;
		if (*p == '\n') {
			c->next_line++;
			p++;
		}
		*w = '\0';
		break;
	}
	c->p = p;
	return n;
}

static int parse_code(const char *s, int digits, int *code)
{
	int v = 0;

	if ((int)strlen(s) != digits)
		return -1;
	for (int i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*code = v;
	return 0;
}

/* ---- Building ------------------------------------------------------------ */

struct builder {
	struct gazetteer *g;
	size_t places_cap, names_cap, towns_cap;
	int prov_index[100];
	int *city_index; /* by 4-digit code: place, -1 none, -2 direct */
	const char *dir;
	char *err;
	size_t errlen;
};

#define CITY_NONE (-1)
#define CITY_DIRECT (-2)

static int add_place(struct builder *b, const char *name, int code,
		     enum place_level level, int city, int province_code)
{
	struct gazetteer *g = b->g;
	struct place *p;

	if (g->n_places == b->places_cap) {
		size_t cap = b->places_cap ? b->places_cap * 2 : 4096;
		struct place *n = realloc(g->places, cap * sizeof *n);

		if (!n)
			return -1;
		g->places = n;
		b->places_cap = cap;
	}
	p = &g->places[g->n_places];
	p->name = name;
	p->code = code;
	p->level = level;
	p->city = level == PLACE_CITY ? (int)g->n_places : city;
	p->province_code = province_code;
	p->short_len = short_length(name, level == PLACE_COUNTY);
	p->short_name = name;
	if (p->short_len == 0)
		p->short_len = strlen(name);
	return (int)g->n_places++;
}

static int add_name(struct builder *b, const char *text, size_t len,
		    int place, bool weak, bool renamed, bool district)
{
	struct gazetteer *g = b->g;
	struct place_name *n;
	uint32_t cp = 0;

	if (text_utf8_decode(text, len, &cp) == 0)
		return 0; /* not UTF-8: no name to match */
	if (g->n_names == b->names_cap) {
		size_t cap = b->names_cap ? b->names_cap * 2 : 8192;
		struct place_name *a = realloc(g->names, cap * sizeof *a);

		if (!a)
			return -1;
		g->names = a;
		b->names_cap = cap;
	}
	n = &g->names[g->n_names++];
	n->text = text;
	n->len = len;
	n->first = cp;
	n->place = place;
	n->weak = weak;
	n->renamed = renamed;
	n->district = district;
	{
		uint32_t h = 2166136261u; /* FNV-1a */

		for (size_t i = 0; i < len; i++)
			h = (h ^ (unsigned char)text[i]) * 16777619u;
		n->key = (uint64_t)cp << 40 | (uint64_t)(255 - (len & 255))
						      << 32 | h;
	}
	return 0;
}

static int word_cmp(const void *pa, const void *pb)
{
	const struct place_word *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->text, b->text, n);

	if (c)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

/* True when s[0..len) is a line of place-words.txt. */
static bool is_word(const struct gazetteer *g, const char *s, size_t len)
{
	struct place_word key = {s, len};

	return g->n_words > 0 &&
	       bsearch(&key, g->words, g->n_words, sizeof *g->words,
		       word_cmp) != NULL;
}

/* Reads place-words.txt into g->words, sorted: one word a line, # starts
 * a comment. */
static int load_words(struct builder *b)
{
	struct gazetteer *g = b->g;
	char path[4096], *p;
	size_t len, cap = 0;

	snprintf(path, sizeof path, "%s/admin-divisions/place-words.txt",
		 b->dir);
	if (page_slurp(path, &g->files[FILE_WORDS], &len) < 0) {
		snprintf(b->err, b->errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (p = g->files[FILE_WORDS]; *p;) {
		char *end = strchr(p, '\n'), *next;
		size_t n;

		if (!end)
			end = p + strlen(p);
		next = *end ? end + 1 : end;
		while (end > p && (end[-1] == '\r' || end[-1] == ' ' ||
				   end[-1] == '\t'))
			end--;
		n = (size_t)(end - p);
		if (n > 0 && *p != '#') {
			if (g->n_words == cap) {
				struct place_word *w;

				cap = cap ? cap * 2 : 1024;
				w = realloc(g->words, cap * sizeof *w);
				if (!w) {
					snprintf(b->err, b->errlen,
						 "%s: out of memory", path);
					return -1;
				}
				g->words = w;
			}
			g->words[g->n_words].text = p;
			g->words[g->n_words].len = n;
			g->n_words++;
		}
		p = next;
	}
	qsort(g->words, g->n_words, sizeof *g->words, word_cmp);
	return 0;
}

/* True when a province other than the place's own municipality goes by
 * the place's short name (吉林, 海南): the province wins. */
static bool is_province_short(const struct gazetteer *g,
			      const struct place *place)
{
	/* provinces are loaded first */
	for (size_t i = 0; i < g->n_places; i++) {
		const struct place *p = &g->places[i];

		if (p->level != PLACE_PROVINCE)
			break;
		if (p->name != place->name &&
		    p->short_len == place->short_len &&
		    memcmp(p->short_name, place->short_name,
			   place->short_len) == 0)
			return true;
	}
	return false;
}

/* A district of three characters or more goes by the county-level city
 * of the same stem it was made from (临安区 <- 临安市), unless that name
 * is a place's own. */
static int add_renamed(struct builder *b, const struct place *p, int index)
{
	struct gazetteer *g = b->g;
	size_t len = strlen(p->name), stem = len - strlen("区");
	char *alias;

	if (p->level != PLACE_COUNTY || !ends_with(p->name, len, "区") ||
	    count_chars(p->name, stem) < 2)
		return 0;
	if (g->aliases_used + stem + strlen("市") + 1 > g->aliases_cap)
		return 0; /* sized for every district: cannot happen */
	alias = g->aliases + g->aliases_used;
	memcpy(alias, p->name, stem);
	memcpy(alias + stem, "市", strlen("市") + 1);
	for (size_t i = 0; i < g->n_places; i++)
		if (strcmp(g->places[i].name, alias) == 0)
			return 0;
	g->aliases_used += stem + strlen("市") + 1;
	return add_name(b, alias, stem + strlen("市"), index, false, true,
			false);
}

/* A district of three characters or more goes by its stem (门头沟 for
 * 门头沟区, 椒江 for 椒江区) where gazetteer_match_district asks: a
 * district's short name, unless the stem is a word or a province's name
 * (河北区, 南海区, 江南区, 中原区 are named so only in full). A district
 * of two characters (城区) is named there only. */
static int add_district_short(struct builder *b, const struct place *p,
			      int index)
{
	struct gazetteer *g = b->g;
	size_t len = strlen(p->name), stem = len - strlen("区");

	if (p->level != PLACE_COUNTY || !ends_with(p->name, len, "区") ||
	    count_chars(p->name, stem) < 2 || is_word(g, p->name, stem))
		return 0;
	for (size_t i = 0; i < g->n_places; i++) {
		const struct place *q = &g->places[i];

		if (q->level == PLACE_PROVINCE && q->short_len == stem &&
		    memcmp(q->short_name, p->name, stem) == 0)
			return 0;
	}
	return add_name(b, p->name, stem, index, true, false, true);
}

/* The names of every place: full, and short where it is a useful name. */
static int add_names(struct builder *b)
{
	struct gazetteer *g = b->g;
	size_t n = g->n_places;

	g->aliases_cap = 0;
	for (size_t i = 0; i < n; i++)
		g->aliases_cap += strlen(g->places[i].name) + 2;
	g->aliases = malloc(g->aliases_cap);
	if (!g->aliases)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct place *p = &g->places[i];
		size_t len = strlen(p->name);
		size_t chars = count_chars(p->name, len);
		bool has_short = p->short_len < len;

		if (chars < 2)
			continue;
		/* 城区, 郊区, 矿区, 东区, 西区: names only before a union's
		 * name, as a district's short name is */
		if (chars == 2 && ends_with(p->name, len, "区")) {
			if (p->level == PLACE_COUNTY &&
			    add_name(b, p->name, len, (int)i, true, false,
				     true) < 0)
				return -1;
			continue;
		}
		if (add_name(b, p->name, len, (int)i, chars == 2, false,
			     false) < 0)
			return -1;
		if (add_renamed(b, p, (int)i) < 0)
			return -1;
		if (add_district_short(b, p, (int)i) < 0)
			return -1;
		if (p->level == PLACE_PROVINCE || !has_short)
			continue;
		if (is_word(g, p->short_name, p->short_len) ||
		    is_province_short(g, p))
			continue;
		if (add_name(b, p->short_name, p->short_len, (int)i, true,
			     false, false) < 0)
			return -1;
	}
	return 0;
}

static int name_cmp(const void *pa, const void *pb)
{
	const struct place_name *a = pa, *b = pb;
	int c;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->len != b->len) /* names of 256 bytes and more */
		return a->len > b->len ? -1 : 1;
	c = memcmp(a->text, b->text, a->len);
	if (c)
		return c;
	if (a->weak != b->weak)
		return a->weak ? 1 : -1;
	if (a->district != b->district)
		return a->district ? 1 : -1;
	if (a->renamed != b->renamed)
		return a->renamed ? 1 : -1;
	return a->place - b->place;
}

/* Sorts names and indexes them by first code point into *buckets. */
static int build_index(struct place_name *names, size_t n_names,
		       struct name_bucket **buckets, size_t *n_buckets)
{
	size_t distinct = 0, cap = 16;

	qsort(names, n_names, sizeof *names, name_cmp);
	for (size_t i = 0; i < n_names; i++)
		if (i == 0 || names[i].first != names[i - 1].first)
			distinct++;
	while (cap < distinct * 2)
		cap *= 2;
	*buckets = calloc(cap, sizeof **buckets);
	if (!*buckets)
		return -1;
	*n_buckets = cap;
	for (size_t i = 0; i < n_names;) {
		size_t j = i;
		uint32_t h = page_cp_hash(names[i].first) & (cap - 1);

		while (j < n_names && names[j].first == names[i].first)
			j++;
		while ((*buckets)[h].cp != 0)
			h = (h + 1) & (cap - 1);
		(*buckets)[h].cp = names[i].first;
		(*buckets)[h].start = (uint32_t)i;
		(*buckets)[h].count = (uint32_t)(j - i);
		i = j;
	}
	return 0;
}

static int load_file(struct builder *b, int which, const char *file,
		     const char *header, struct csv *c)
{
	char path[4096];
	size_t len;
	char *fields[4];

	snprintf(path, sizeof path, "%s/admin-divisions/%s", b->dir, file);
	if (page_slurp(path, &b->g->files[which], &len) < 0) {
		snprintf(b->err, b->errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	c->p = b->g->files[which];
	c->next_line = 1;
	c->line = 1;
	if (strncmp(c->p, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	if (strncmp(c->p, header, strlen(header)) != 0 ||
	    csv_record(c, fields, 4) <= 0) {
		snprintf(b->err, b->errlen, "%s:1: expected the header %s",
			 path, header);
		return -1;
	}
	return 0;
}

static int bad_record(struct builder *b, const char *file, int line,
		      const char *what)
{
	snprintf(b->err, b->errlen, "%s/admin-divisions/%s:%d: %s", b->dir,
		 file, line, what);
	return -1;
}

static int load_provinces(struct builder *b)
{
	struct csv c;
	char *f[4];
	int n, code;

	if (load_file(b, FILE_PROVINCES, "provinces.csv", "code,name", &c) < 0)
		return -1;
	while ((n = csv_record(&c, f, 4)) != 0) {
		if (n != 2 || parse_code(f[0], 2, &code) < 0 || !*f[1])
			return bad_record(b, "provinces.csv", c.line,
					  "expected code,name");
		if (add_place(b, f[1], code, PLACE_PROVINCE, -1, code) < 0)
			return bad_record(b, "provinces.csv", c.line,
					  "out of memory");
		b->prov_index[code] = (int)b->g->n_places - 1;
	}
	return 0;
}

static int load_cities(struct builder *b)
{
	struct csv c;
	char *f[4];
	int n, code, prov, idx;

	if (load_file(b, FILE_CITIES, "cities.csv", "code,name,provinceCode",
		      &c) < 0)
		return -1;
	while ((n = csv_record(&c, f, 4)) != 0) {
		if (n != 3 || parse_code(f[0], 4, &code) < 0 || !*f[1] ||
		    parse_code(f[2], 2, &prov) < 0)
			return bad_record(b, "cities.csv", c.line,
					  "expected code,name,provinceCode");
		if (b->prov_index[prov] < 0)
			return bad_record(b, "cities.csv", c.line,
					  "unknown province code");
		if (strstr(f[1], "直辖县级行政区划")) {
			b->city_index[code] = CITY_DIRECT;
			continue;
		}
		if (strcmp(f[1], "市辖区") == 0 || strcmp(f[1], "县") == 0) {
			/* a municipality: one city named after it */
			const struct place *p =
				&b->g->places[b->prov_index[prov]];

			idx = -1;
			for (size_t i = 0; i < b->g->n_places; i++)
				if (b->g->places[i].level == PLACE_CITY &&
				    b->g->places[i].province_code == prov &&
				    b->g->places[i].name == p->name)
					idx = (int)i;
			if (idx < 0)
				idx = add_place(b, p->name, prov * 100,
						PLACE_CITY, -1, prov);
		} else {
			idx = add_place(b, f[1], code, PLACE_CITY, -1, prov);
		}
		if (idx < 0)
			return bad_record(b, "cities.csv", c.line,
					  "out of memory");
		b->city_index[code] = idx;
	}
	return 0;
}

static int load_areas(struct builder *b)
{
	struct csv c;
	char *f[4];
	int n, code, city, prov, idx;

	if (load_file(b, FILE_AREAS, "areas.csv",
		      "code,name,cityCode,provinceCode", &c) < 0)
		return -1;
	while ((n = csv_record(&c, f, 4)) != 0) {
		if (n != 4 || parse_code(f[0], 6, &code) < 0 || !*f[1] ||
		    parse_code(f[2], 4, &city) < 0 ||
		    parse_code(f[3], 2, &prov) < 0)
			return bad_record(b, "areas.csv", c.line,
				"expected code,name,cityCode,provinceCode");
		idx = b->city_index[city];
		if (idx == CITY_NONE)
			return bad_record(b, "areas.csv", c.line,
					  "unknown city code");
		if (idx == CITY_DIRECT)
			idx = add_place(b, f[1], code, PLACE_CITY, -1, prov);
		else if (strcmp(b->g->places[idx].name, f[1]) == 0)
			continue; /* 东莞市 under 东莞市: no county */
		else
			idx = add_place(b, f[1], code, PLACE_COUNTY, idx, prov);
		if (idx < 0)
			return bad_record(b, "areas.csv", c.line,
					  "out of memory");
	}
	return 0;
}

static int county_code_cmp(const void *pa, const void *pb)
{
	const int *a = pa, *b = pb;

	return (a[0] > b[0]) - (a[0] < b[0]);
}

/* Adds a town's row: its full name (大碶街道, 新坝镇), or its stem (大碶)
 * as a weak row. */
/* The index key of a town: its first two code points (BMP bits). */
static uint32_t town_key(uint32_t cp, uint32_t cp2)
{
	return (cp & 0xFFFF) << 16 | (cp2 & 0xFFFF);
}

static int add_town(struct builder *b, const char *text, size_t len,
		    int county, bool stem)
{
	struct gazetteer *g = b->g;
	struct place_name *n;
	uint32_t cp = 0, cp2 = 0, h = 2166136261u; /* FNV-1a */
	size_t k;

	if ((k = text_utf8_decode(text, len, &cp)) == 0)
		return 0;
	if (k < len)
		text_utf8_decode(text + k, len - k, &cp2);
	if (g->n_towns == b->towns_cap) {
		size_t cap = b->towns_cap ? b->towns_cap * 2 : 65536;
		struct place_name *a = realloc(g->towns, cap * sizeof *a);

		if (!a)
			return -1;
		g->towns = a;
		b->towns_cap = cap;
	}
	n = &g->towns[g->n_towns++];
	memset(n, 0, sizeof *n);
	n->text = text;
	n->len = len;
	/* towns are indexed by their first two characters: tens of
	 * thousands of names share few first ones (新, 东, 大) */
	n->first = town_key(cp, cp2);
	n->place = county;
	n->weak = stem;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 16777619u;
	n->key = (uint64_t)n->first << 32 | (uint64_t)(255 - (len & 255)) << 24 |
		 (h & 0xFFFFFF);
	return 0;
}

/* streets.csv, when there: the towns, townships and subdistricts of each
 * county (code,name,areaCode,provinceCode,cityCode), indexed like the
 * places' names. Each goes by its full name and, after its county's name
 * (梅江区长沙), by its stem of two or three characters. */
static int load_streets(struct builder *b)
{
	static const char *const ends[] = {"街道", "镇", "乡"};
	struct gazetteer *g = b->g;
	char path[4096], *f[5];
	struct csv c;
	size_t len, n_codes = 0;
	int *codes, n, rc = -1;

	snprintf(path, sizeof path, "%s/admin-divisions/streets.csv", b->dir);
	if (page_slurp(path, &g->files[FILE_STREETS], &len) < 0)
		return errno == ENOENT ? 0 : bad_record(b, "streets.csv", 0,
							strerror(errno));
	codes = malloc(2 * g->n_places * sizeof *codes);
	if (!codes)
		return bad_record(b, "streets.csv", 0, "out of memory");
	/* counties by their six digits, cities by their four: a town of a
	 * city with no counties (东莞, 中山) is the city's */
	for (size_t i = 0; i < g->n_places; i++)
		if (g->places[i].code >= 100000 ||
		    (g->places[i].level == PLACE_CITY &&
		     g->places[i].code >= 1000)) {
			codes[2 * n_codes] = g->places[i].code;
			codes[2 * n_codes + 1] = (int)i;
			n_codes++;
		}
	qsort(codes, n_codes, 2 * sizeof *codes, county_code_cmp);
	c.p = g->files[FILE_STREETS];
	c.next_line = c.line = 1;
	if (strncmp(c.p, "\xEF\xBB\xBF", 3) == 0)
		c.p += 3;
	if (strncmp(c.p, "code,name,areaCode", strlen("code,name,areaCode")) ||
	    csv_record(&c, f, 5) <= 0) {
		bad_record(b, "streets.csv", 1,
			   "expected the header code,name,areaCode,...");
		goto out;
	}
	while ((n = csv_record(&c, f, 5)) != 0) {
		int key[2], area;
		const int *hit;
		size_t nl = n >= 2 ? strlen(f[1]) : 0;

		if (n < 3 || !*f[1] || parse_code(f[2], 6, &area) < 0) {
			bad_record(b, "streets.csv", c.line,
				   "expected code,name,areaCode");
			goto out;
		}
		key[0] = area;
		hit = bsearch(key, codes, n_codes, 2 * sizeof *codes,
			      county_code_cmp);
		if (!hit) {
			key[0] = area / 100;
			hit = bsearch(key, codes, n_codes, 2 * sizeof *codes,
				      county_code_cmp);
			if (hit && g->places[hit[1]].level != PLACE_CITY)
				hit = NULL;
		}
		if (!hit)
			continue; /* a county the gazetteer leaves out */
		if (count_chars(f[1], nl) < 3)
			continue;
		if (add_town(b, f[1], nl, hit[1], false) < 0)
			goto nomem;
		for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
			size_t stem = nl - strlen(ends[i]);

			if (!ends_with(f[1], nl, ends[i]))
				continue;
			if (count_chars(f[1], stem) >= 2 &&
			    count_chars(f[1], stem) <= 3 &&
			    add_town(b, f[1], stem, hit[1], true) < 0)
				goto nomem;
			break;
		}
	}
	rc = 0;
	goto out;
nomem:
	bad_record(b, "streets.csv", c.line, "out of memory");
out:
	free(codes);
	return rc;
}

int gazetteer_load(struct gazetteer *g, const char *dir, char *err,
		   size_t errlen)
{
	struct builder b = {.g = g, .dir = dir, .err = err, .errlen = errlen};
	int rc = -1;

	memset(g, 0, sizeof *g);
	for (int i = 0; i < 100; i++)
		b.prov_index[i] = -1;
	b.city_index = malloc(10000 * sizeof *b.city_index);
	if (!b.city_index) {
		snprintf(err, errlen, "%s: out of memory", dir);
		goto out;
	}
	for (int i = 0; i < 10000; i++)
		b.city_index[i] = CITY_NONE;
	if (load_provinces(&b) < 0 || load_cities(&b) < 0 ||
	    load_areas(&b) < 0 || load_words(&b) < 0 || load_streets(&b) < 0)
		goto out;
	if (add_names(&b) < 0 ||
	    build_index(g->names, g->n_names, &g->buckets, &g->n_buckets) < 0 ||
	    (g->n_towns > 0 && build_index(g->towns, g->n_towns,
					   &g->town_buckets,
					   &g->n_town_buckets) < 0)) {
		snprintf(err, errlen, "%s: out of memory", dir);
		goto out;
	}
	rc = 0;
out:
	free(b.city_index);
	if (rc < 0)
		gazetteer_free(g);
	return rc;
}

void gazetteer_free(struct gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < sizeof g->files / sizeof *g->files; i++)
		free(g->files[i]);
	free(g->towns);
	free(g->town_buckets);
	free(g->words);
	free(g->aliases);
	free(g->places);
	free(g->names);
	free(g->buckets);
	memset(g, 0, sizeof *g);
}

/* ---- Matching ------------------------------------------------------------ */

/* The start of the character that ends just before text + at. */
static size_t char_start_before(const char *text, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80);
	return at;
}

/* True when the name of a province or a city ends at text + at: what
 * comes before a name is then no word it could be part of (浙江湖州 is
 * not 江湖). */
static bool place_ends_at(const struct gazetteer *g, const char *text,
			  size_t at)
{
	for (size_t i = 0; i < g->n_places; i++) {
		const struct place *p = &g->places[i];
		size_t n = p->short_len;

		if (p->level == PLACE_COUNTY)
			break; /* provinces and cities come first */
		if (n <= at && memcmp(text + at - n, p->short_name, n) == 0)
			return true;
	}
	return false;
}

/* True when a word of place-words.txt covers the name text[at..at+n) and
 * more (共和国, 黑龙江, 明尼苏达州), or, with overlap, crosses its start
 * or its end (元旦 in 庆元旦). A city's short name is distinctive enough
 * to be read across a word's edge (推进深圳); a county's is not. */
static bool in_word(const struct gazetteer *g, const char *text, size_t len,
		    size_t at, size_t n, bool overlap)
{
	size_t starts[12], ns = 0, s0 = at, end = at + n;
	bool start_crossed = false, end_crossed = false;

	/* spans start up to three characters before the name, or inside it */
	for (int k = 0; k < 3 && s0 > 0 && !place_ends_at(g, text, at); k++) {
		s0 = char_start_before(text, s0);
		starts[ns++] = s0;
	}
	for (size_t i = at; i < end && ns < 12;
	     i += page_char_length(text + i, end - i))
		starts[ns++] = i;
	for (size_t i = 0; i < ns; i++) {
		size_t s = starts[i], t = s;

		for (int k = 0; k < 6 && t < len; k++) {
			t += page_char_length(text + t, len - t);
			if (s == at && t == end)
				continue;
			if (!((s < at && t > at) || (s < end && t > end)))
				continue;
			if (!is_word(g, text + s, t - s))
				continue;
			if (s <= at && t >= end)
				return true; /* holds the name */
			if (overlap)
				return true;
			start_crossed |= s < at;
			end_crossed |= t > end;
		}
	}
	/* words across both edges leave the name no character of its own
	 * (最大同心圆, 稳定安全) */
	return start_crossed && end_crossed;
}

/* True when a province's name crosses the start of text[at..at+n) (河南
 * before 南安阳) or a province's or a full place name starts inside it and
 * runs past its end (安阳市 after 南安, 宁夏 after 新): the weak name is
 * then no name. */
static bool crossed(const struct gazetteer *g, const char *text, size_t len,
		    size_t at, size_t n)
{
	size_t end = at + n;

	for (size_t i = 0; i < g->n_places; i++) {
		const struct place *p = &g->places[i];
		size_t s, k = p->short_len;

		if (p->level != PLACE_PROVINCE)
			break;
		for (s = at; s > 0 && at - s < k;) {
			s = char_start_before(text, s);
			if (s + k > at && s + k <= len &&
			    memcmp(text + s, p->short_name, k) == 0)
				return true;
		}
	}
	for (size_t s = at + page_char_length(text + at, len - at); s < end;
	     s += page_char_length(text + s, len - s)) {
		size_t first, count, m;

		for (size_t i = 0; i < g->n_places; i++) {
			const struct place *p = &g->places[i];

			if (p->level != PLACE_PROVINCE)
				break;
			if (s + p->short_len > end && s + p->short_len <= len &&
			    memcmp(text + s, p->short_name, p->short_len) == 0)
				return true; /* 新宁夏 */
		}
		m = gazetteer_match(g, text + s, len - s, false, &first,
				    &count);
		if (m > 0 && s + m > end)
			return true;
	}
	return false;
}

/* True when an administrative word follows a name (红河州, 合作市): the
 * name is then written as a place's, whatever word it could be part of. */
static bool admin_after(const char *s, size_t len)
{
	static const char *const words[] = {"州", "市", "县", "区", "盟",
					    "地区"};

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (len >= strlen(words[i]) &&
		    memcmp(s, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

/* True when one of the rows that carry the name of row i names a city
 * (红河 is a prefecture and a county). */
static bool names_a_city(const struct gazetteer *g, size_t i,
			 const struct name_bucket *bk)
{
	const struct place_name *n = &g->names[i];

	for (size_t j = bk->start; j < bk->start + bk->count; j++) {
		const struct place_name *m = &g->names[j];

		if (m->len == n->len && memcmp(m->text, n->text, n->len) == 0 &&
		    g->places[m->place].level == PLACE_CITY)
			return true;
	}
	return false;
}

/* A renamed division's old name (临安市 for 临安区) counts only before a
 * union's name or where no Han character follows: 和平市场 is no 和平市. */
static bool renamed_ok(const char *s, size_t len)
{
	uint32_t cp;

	if (len == 0 || text_utf8_decode(s, len, &cp) == 0 ||
	    !text_is_han(cp))
		return true;
	return strncmp(s, "总工会", strlen("总工会")) == 0 ||
	       strncmp(s, "工会", strlen("工会")) == 0 ||
	       strncmp(s, "工委", strlen("工委")) == 0;
}

size_t gazetteer_match(const struct gazetteer *g, const char *s, size_t len,
		       bool weak, size_t *first, size_t *count)
{
	return gazetteer_match_at(g, s, len, 0, weak, first, count);
}

static size_t match_at(const struct gazetteer *g, const char *text,
		       size_t text_len, size_t at, bool weak, bool district,
		       size_t *first, size_t *count)
{
	const char *s = text + at;
	size_t len = text_len - at;
	uint32_t cp, h;
	const struct name_bucket *bk;

	if (g->n_buckets == 0 || len == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80)
		return 0; /* no name starts with ASCII */
	cp = page_first_cp(s, len);
	if (cp == 0)
		return 0;
	h = page_cp_hash(cp) & (uint32_t)(g->n_buckets - 1);
	while (g->buckets[h].cp != 0 && g->buckets[h].cp != cp)
		h = (h + 1) & (uint32_t)(g->n_buckets - 1);
	bk = &g->buckets[h];
	if (bk->cp == 0)
		return 0;
	for (size_t i = bk->start; i < bk->start + bk->count; i++) {
		const struct place_name *n = &g->names[i];
		size_t j;

		if (n->district != district || n->len > len ||
		    n->text[n->len - 1] != s[n->len - 1] ||
		    memcmp(n->text, s, n->len) != 0)
			continue;
		if (n->weak &&
		    (!weak || (!admin_after(s + n->len, len - n->len) &&
			       (in_word(g, text, text_len, at, n->len,
					!names_a_city(g, i, bk) &&
						count_chars(n->text, n->len) ==
							2) ||
				crossed(g, text, text_len, at, n->len)))))
			continue;
		if (n->renamed && !renamed_ok(s + n->len, len - n->len))
			continue;
		/* rows with this very name follow, full ones first */
		for (j = i + 1; j < bk->start + bk->count; j++) {
			const struct place_name *m = &g->names[j];

			if (m->len != n->len ||
			    memcmp(m->text, n->text, n->len) != 0 ||
			    (m->weak && !weak) || m->renamed != n->renamed ||
			    m->district != n->district)
				break;
		}
		*first = i;
		*count = j - i;
		return n->len;
	}
	return 0;
}

size_t gazetteer_match_at(const struct gazetteer *g, const char *text,
			  size_t text_len, size_t at, bool weak,
			  size_t *first, size_t *count)
{
	return match_at(g, text, text_len, at, weak, false, first, count);
}

size_t gazetteer_match_district(const struct gazetteer *g, const char *text,
				size_t text_len, size_t at, size_t *first,
				size_t *count)
{
	return match_at(g, text, text_len, at, true, true, first, count);
}

size_t gazetteer_match_town(const struct gazetteer *g, const char *text,
			    size_t text_len, size_t at, bool stems,
			    size_t *first, size_t *count)
{
	const char *s = text + at;
	size_t len = text_len - at;
	uint32_t cp, h;
	const struct name_bucket *bk;

	if (g->n_town_buckets == 0 || len == 0 || (unsigned char)s[0] < 0x80)
		return 0;
	cp = page_first_cp(s, len);
	if (cp == 0)
		return 0;
	{
		size_t k = page_char_length(s, len);

		cp = town_key(cp, k < len ? page_first_cp(s + k, len - k) : 0);
	}
	h = page_cp_hash(cp) & (uint32_t)(g->n_town_buckets - 1);
	while (g->town_buckets[h].cp != 0 && g->town_buckets[h].cp != cp)
		h = (h + 1) & (uint32_t)(g->n_town_buckets - 1);
	bk = &g->town_buckets[h];
	if (bk->cp == 0)
		return 0;
	for (size_t i = bk->start; i < bk->start + bk->count; i++) {
		const struct place_name *n = &g->towns[i];
		size_t j;

		/* the last byte and the second character part most names
		 * of a bucket before memcmp has to */
		if ((n->weak && !stems) || n->len > len ||
		    n->text[n->len - 1] != s[n->len - 1] ||
		    (n->len > 4 && n->text[4] != s[4]) ||
		    memcmp(n->text, s, n->len) != 0)
			continue;
		for (j = i + 1; j < bk->start + bk->count; j++) {
			const struct place_name *m = &g->towns[j];

			if (m->len != n->len ||
			    memcmp(m->text, n->text, n->len) != 0 ||
			    m->weak != n->weak)
				break;
		}
		*first = i;
		*count = j - i;
		return n->len;
	}
	return 0;
}
