/*
 * Private to src/page: what a struct page_context holds — the gazetteer
 * (provinces, prefecture cities, counties and the names they go by) and the
 * topic rules — and the pieces page_places() and page_topics() are built
 * from. Loaded once by page_context_load() (context.c), read-only after.
 */
#ifndef BULLETIN_PAGE_CONTEXT_PRIVATE_H
#define BULLETIN_PAGE_CONTEXT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "page/page.h"

/* ---- Gazetteer (gazetteer.c) ------------------------------------------ */

enum place_level { PLACE_PROVINCE = 0, PLACE_CITY, PLACE_COUNTY };

/* A province, a prefecture-level city or a county/district. A municipality
 * (北京市 ...) is one CITY named after the province; a county directly under
 * a province (仙桃市, 济源市, 石河子市) is a CITY of its own, with no
 * county. Names point into the gazetteer's file buffers. */
struct place {
	const char *name;       /* full name, NUL-terminated: 湛江市 */
	const char *short_name; /* not NUL-terminated: 湛江 (== name when none) */
	size_t short_len;
	int code;               /* NBS code: 44, 4408, 440803 */
	enum place_level level;
	int city;               /* index of its city (itself for a city); -1 */
	int province_code;      /* 44 for Guangdong */
};

/* One name a place goes by. Weak names (short names, and full names of two
 * characters such as 和县) are only trusted in a kicker or headline. */
struct place_name {
	const char *text; /* not NUL-terminated */
	size_t len;
	uint32_t first;   /* its first code point */
	int place;        /* index into places */
	bool weak;
	bool renamed;     /* an old name: 临安市 for 临安区 */
	bool district;    /* a district's stem (门头沟 for 门头沟区) or a
			   * district of two characters (城区): matched
			   * only by gazetteer_match_district */
	uint64_t key;     /* sorts by first, longest first, then a hash */
};

struct name_bucket {
	uint32_t cp;      /* first code point; 0 for an empty bucket */
	uint32_t start;   /* first row in names */
	uint32_t count;
};

/* A line of place-words.txt: a word that holds a weak name. */
struct place_word {
	const char *text; /* not NUL-terminated, into files[3] */
	size_t len;
};

struct gazetteer {
	char *files[5];            /* owned: the CSV files, parsed in place,
				    * place-words.txt and streets.csv */
	struct place_word *words;  /* owned: sorted by bytes */
	size_t n_words;
	char *aliases;             /* owned: old names of districts */
	size_t aliases_used, aliases_cap;
	struct place *places;      /* owned */
	size_t n_places;
	struct place_name *names;  /* owned: sorted by first code point, then
				    * longest first, then text, full before weak */
	size_t n_names;
	struct name_bucket *buckets; /* owned: open addressing on first cp */
	size_t n_buckets;            /* a power of two */
	struct place_name *towns;    /* owned: towns, townships and
				      * subdistricts (streets.csv), place is
				      * their county; weak rows are stems */
	size_t n_towns;
	struct name_bucket *town_buckets; /* owned */
	size_t n_town_buckets;
};

#define GUANGDONG_CODE 44

int gazetteer_load(struct gazetteer *g, const char *dir, char *err,
		   size_t errlen);
void gazetteer_free(struct gazetteer *g);

/* The longest gazetteer name that s[0..len) starts with: returns its byte
 * length (0 when none) and sets [*first, *first + *count) to the rows of
 * names that carry exactly that name (several when ambiguous: 白云区).
 * With weak false, weak names are not considered. */
size_t gazetteer_match(const struct gazetteer *g, const char *s, size_t len,
		       bool weak, size_t *first, size_t *count);

/* The same at text + at, where what comes before counts too: a weak name
 * inside or across a word of place-words.txt (共和 in 共和国, 庆元 in
 * 庆元旦) is no name there, and the next shorter name is tried. */
size_t gazetteer_match_at(const struct gazetteer *g, const char *text,
			  size_t len, size_t at, bool weak, size_t *first,
			  size_t *count);

/* The same for a district's short name only (门头沟, 椒江, 房山; 城区),
 * which the other matches never give: it names a place only where the
 * caller has a reason (before 总工会, in a local union's story). */
size_t gazetteer_match_district(const struct gazetteer *g, const char *text,
				size_t len, size_t at, size_t *first,
				size_t *count);

/* The longest town, township or subdistrict name at text + at (大碶街道,
 * 新坝镇; with stems, also 大碶): its byte length, 0 when none, and the
 * rows of towns that carry it (a county each: g->towns[i].place). */
size_t gazetteer_match_town(const struct gazetteer *g, const char *text,
			    size_t len, size_t at, bool stems, size_t *first,
			    size_t *count);

/* The byte length of the character s starts with (1 for a stray byte),
 * never past len: for stepping through text already known to be UTF-8. */
static inline size_t page_char_length(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	return n <= len ? n : len;
}

/* The code point s starts with, decoded without validation (names and
 * words are valid UTF-8, so an invalid sequence can only miss): an ASCII
 * byte as itself, 0 for a stray byte. */
static inline uint32_t page_first_cp(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80)
		return s[0];
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	if (s[0] < 0xE0)
		return len >= 2 ? (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F)
				: 0;
	if (s[0] < 0xF0)
		return len >= 3 ? (uint32_t)(s[0] & 0x0F) << 12 |
					  (uint32_t)(s[1] & 0x3F) << 6 |
					  (s[2] & 0x3F)
				: 0;
	return len >= 4 ? (uint32_t)(s[0] & 0x07) << 18 |
				  (uint32_t)(s[1] & 0x3F) << 12 |
				  (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F)
			: 0;
}

/* A hash whose low bits depend on every bit of cp (the buckets take the
 * low bits; a town's key holds two characters in its halves). */
static inline uint32_t page_cp_hash(uint32_t cp)
{
	cp ^= cp >> 16;
	cp *= 0x7feb352du;
	cp ^= cp >> 15;
	cp *= 0x846ca68bu;
	cp ^= cp >> 16;
	return cp;
}

/* ---- Unions (unions.c) ------------------------------------------------- */

/* A run of gazetteer name rows found in a text: evidence for places. */
struct place_hit {
	size_t first, count;
};

struct place_hits {
	struct place_hit *items; /* owned */
	size_t count, capacity;
};

int place_hits_add(struct place_hits *h, size_t first, size_t count);
void place_hits_free(struct place_hits *h);

/* What unions_find is asked to read, and the bare unions it reports. */
enum {
	UNIONS_NATIONAL = 1,    /* 中华全国总工会 counts */
	UNIONS_ABBREVIATED = 2, /* 市总 at the start counts (a headline) */
	UNIONS_BARE_CITY = 1,   /* 市总工会 */
	UNIONS_BARE_DISTRICT = 2,
	UNIONS_BARE_COUNTY = 4,
	UNIONS_BARE_PROVINCE = 8,
	UNIONS_HONG_KONG = 16,  /* 工联会 alone: the Hong Kong federation */
	UNIONS_LOCAL = 32,      /* a community's, street's, town's or
				 * zone's union, its county not named */
};

/* Adds to unions (deduplicated) the unions named in text: a place name
 * followed by 总工会, 工会联合会, 工联会, 工会 or 工委, named by its lowest
 * place (清远市阳山县总工会 -> 阳山县总工会), a zone's, an industry's or
 * a company's union, and with UNIONS_NATIONAL in flags the national
 * union. The place of each union is appended to hits when hits is not
 * NULL (again where a union named before is named with its place); a
 * bare 市总工会 (区, 县, 省) sets its bit in *bare, and so do 工联会
 * alone and a local union with no place before it.
 * Returns 0, or -1 when out of memory. */
int unions_find(const struct gazetteer *g, const char *text, unsigned flags,
		struct text_list *unions, struct place_hits *hits,
		unsigned *bare);

/* Drops X工会 from unions when X总工会 is there too: the same union. */
void unions_merge_short_forms(struct text_list *unions);

/* ---- Topic rules (topics.c) -------------------------------------------- */

struct topic_word {
	char *text;   /* owned, folded with text_fold_string */
	size_t len;
	bool weak;    /* ~word: counts in the headline or twice in the body */
};

struct topic {
	char *name;                /* owned */
	struct topic_word *words;  /* owned array */
	size_t n_words, capacity;
	unsigned file;             /* the last file (1, 2, ...) that named it */
};

/* A word of a topic, for the index by first code point. */
struct word_ref {
	uint32_t first;
	uint32_t topic, word;
};

struct topic_rules {
	struct topic *topics; /* owned array */
	size_t count, capacity;
	unsigned files;       /* files read so far */
	struct word_ref *refs;       /* owned: every word, by first cp */
	size_t n_refs;
	struct name_bucket *buckets; /* owned: first cp -> run of refs */
	size_t n_buckets;            /* a power of two */
};

/* Reads a rules file into r: a topic named for the first time in this file
 * replaces what earlier files said of it. A missing file is an error only
 * when must_exist. Errors name "path:line". */
int topics_load(struct topic_rules *r, const char *path, bool must_exist,
		char *err, size_t errlen);

/* Drops the topics left with no words (a user file can turn one off) and
 * builds the word index. Returns 0, or -1 when out of memory. */
int topics_finish(struct topic_rules *r);
void topics_free(struct topic_rules *r);

/* ---- The context ------------------------------------------------------- */

struct page_context {
	struct gazetteer gazetteer;
	struct topic_rules topics;
};

/* Reads a whole file into an allocated NUL-terminated buffer. Returns 0,
 * or -1 with errno set (and *out untouched). (context.c) */
int page_slurp(const char *path, char **out, size_t *len);

#endif
