/*
 * pack — the counts of a search by every facet at once, read beside the
 * matching ids: the facet values of every article (city, county, day,
 * unions, topics, people) are kept in facet_pack (schema.c, migration 11)
 * as one blob for each 64 days of ids, a few bytes an article, so that a
 * word in every one of a million articles is counted without a row read
 * per match. A chunk that a change left out of date (facet_pack_stale,
 * named by the import for each article it adds and by triggers on every
 * update and delete) is read from the tables until store_pack_refresh
 * makes it anew.
 *
 * A chunk's blob, all numbers as varints (7 bits a byte, low first):
 *   the number of names, then each name (its length, its bytes): the
 *   cities and counties of the chunk;
 *   then each article, in id order: its id less the one before (the
 *   first less the chunk's first id), its city and county (1 + the
 *   name's place in the list, 0 for none), its day (the Julian day less
 *   the chunk's first day, plus one; 0 when the day is not known), and
 *   its unions, topics and people, each as a count and then the ids.
 *
 * What a search with a city, a county, a union, a topic, a reporter or
 * dates beside it selects is decided here as filter.c's SQL decides it;
 * --unread and --starred are left to facet.c (marks are not packed).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

#define PACK_SHIFT 22 /* 64 days of ids (day << 16 | n) */
#define PACK_LISTS 3  /* unions, topics, people */

struct bytes {
	unsigned char *p;
	size_t len, cap;
	bool failed;
};

static void put_byte(struct bytes *b, unsigned char c)
{
	if (b->failed)
		return;
	if (b->len == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		unsigned char *p = realloc(b->p, cap);

		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	b->p[b->len++] = c;
}

static void put_varint(struct bytes *b, uint64_t v)
{
	while (v >= 0x80) {
		put_byte(b, (unsigned char)(v | 0x80));
		v >>= 7;
	}
	put_byte(b, (unsigned char)v);
}

/* Reads a varint at *p (before end); 0 past the end, which a well-made
 * blob never reaches. */
static inline uint64_t get_varint(const unsigned char **p,
				  const unsigned char *end)
{
	uint64_t v = 0;
	int shift = 0;

	if (*p < end && !(**p & 0x80)) /* most are one byte */
		return *(*p)++;

	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;

		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
	return v;
}

/* ---- Making a chunk ---------------------------------------------------- */

/* The place of name among names (added when new), plus one; 0 for NULL. */
static size_t name_place(struct text_list *names, const char *name,
			 bool *oom)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < names->count; i++)
		if (strcmp(names->items[i], name) == 0)
			return i + 1;
	if (text_list_add(names, name, strlen(name)) != 0) {
		*oom = true;
		return 0;
	}
	return names->count;
}

/* Adds the ids of a list ("12,407" as group_concat writes it). */
static void put_ids(struct bytes *b, const unsigned char *ids)
{
	size_t n = 0;
	const char *p = (const char *)ids;

	while (p && *p) {
		n++;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	put_varint(b, n);
	for (p = (const char *)ids; p && *p;) {
		char *end;

		put_varint(b, (uint64_t)strtoll(p, &end, 10));
		p = *end == ',' ? end + 1 : NULL;
	}
}

/* The blob of a chunk, from the tables, into *out (allocated). */
static int chunk_make(sqlite3 *db, int64_t chunk, struct bytes *out,
		      char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT a.id, a.city, a.county, a.date,"
		" (SELECT group_concat(union_id) FROM article_unions"
		"  WHERE article_id = a.id),"
		" (SELECT group_concat(topic_id) FROM article_topics"
		"  WHERE article_id = a.id),"
		" (SELECT group_concat(person_id) FROM (SELECT person_id FROM"
		"  bylines WHERE article_id = a.id UNION SELECT person_id FROM"
		"  authors WHERE article_id = a.id))"
		" FROM articles a INDEXED BY articles_facets"
		" WHERE a.id BETWEEN ?1 AND ?2 ORDER BY a.id";
	struct bytes rows = {0};
	struct text_list names = {0};
	sqlite3_stmt *st = NULL;
	int64_t first = chunk << PACK_SHIFT, last_id = first;
	int64_t first_day = first >> 16;
	bool oom = false;
	int rc, result = -1;

	*out = (struct bytes){0};
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, first) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, first + (INT64_C(1) << PACK_SHIFT) - 1) !=
		    SQLITE_OK) {
		store_fail(db, err, errlen, "packing the facets");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *date = (const char *)sqlite3_column_text(st, 3);
		int64_t day = 0;
		int y, m, d;

		put_varint(&rows, (uint64_t)(id - last_id));
		last_id = id;
		put_varint(&rows, name_place(&names, (const char *)
					     sqlite3_column_text(st, 1), &oom));
		put_varint(&rows, name_place(&names, (const char *)
					     sqlite3_column_text(st, 2), &oom));
		if (date && store_parse_date(date, &y, &m, &d) == 0)
			day = store_julian_day(y, m, d) - first_day + 1;
		put_varint(&rows, (uint64_t)(day > 0 ? day : 0));
		for (int k = 0; k < PACK_LISTS; k++)
			put_ids(&rows, sqlite3_column_text(st, 4 + k));
	}
	if (rc != SQLITE_DONE) {
		store_fail(db, err, errlen, "packing the facets");
		goto out;
	}
	put_varint(out, names.count);
	for (size_t i = 0; i < names.count; i++) {
		size_t len = strlen(names.items[i]);

		put_varint(out, len);
		for (size_t j = 0; j < len; j++)
			put_byte(out, (unsigned char)names.items[i][j]);
	}
	for (size_t i = 0; i < rows.len; i++)
		put_byte(out, rows.p[i]);
	if (oom || rows.failed || out->failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	result = 0;
out:
	if (result != 0) {
		free(out->p);
		*out = (struct bytes){0};
	}
	free(rows.p);
	text_list_free(&names);
	sqlite3_finalize(st);
	return result;
}

int store_pack_make(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_stmt *stale = NULL, *put = NULL, *done = NULL;
	int rc, result = -1;

	if (sqlite3_prepare_v2(db, "SELECT chunk FROM facet_pack_stale", -1,
			       &stale, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO facet_pack(chunk,"
				   " data) VALUES (?1, ?2)", -1, &put,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM facet_pack WHERE chunk = ?1"
				   " AND length(data) <= 1", -1, &done,
			       NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(stale)) == SQLITE_ROW) {
		int64_t chunk = sqlite3_column_int64(stale, 0);
		struct bytes b;

		if (chunk_make(db, chunk, &b, err, errlen) != 0)
			goto out;
		rc = sqlite3_bind_int64(put, 1, chunk);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_blob(put, 2, b.p, (int)b.len,
					       SQLITE_TRANSIENT);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(put) == SQLITE_DONE
				     ? SQLITE_OK
				     : sqlite3_errcode(db);
		sqlite3_reset(put);
		free(b.p);
		/* a chunk left with no article (no names, nothing after)
		 * goes */
		if (rc == SQLITE_OK &&
		    (sqlite3_bind_int64(done, 1, chunk) != SQLITE_OK ||
		     sqlite3_step(done) != SQLITE_DONE))
			rc = sqlite3_errcode(db);
		sqlite3_reset(done);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(stale);
	stale = NULL;
	if (sqlite3_exec(db, "DELETE FROM facet_pack_stale", NULL, NULL,
			 NULL) != SQLITE_OK)
		goto fail;
	result = 0;
	goto out;
fail:
	store_fail(db, err, errlen, "packing the facets");
out:
	sqlite3_finalize(stale);
	sqlite3_finalize(put);
	sqlite3_finalize(done);
	return result;
}

int store_pack_refresh(struct store *s, char *err, size_t errlen)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		store_fail(s->db, err, errlen, "packing the facets");
		return -1;
	}
	if (store_pack_make(s->db, err, errlen) != 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "packing the facets");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* ---- Counting ---------------------------------------------------------- */

/* Counts indexed by a number (an id of unions, topics or people, or a
 * month), grown as needed. */
struct counter {
	int64_t *n;
	size_t cap;
};

/* counter_add past the end: the counts grown to hold i. */
static int counter_grow(struct counter *c, uint64_t i)
{
	size_t cap = c->cap ? c->cap : 256;
	int64_t *n;

	while (cap <= i)
		cap *= 2;
	if (cap > ((size_t)1 << 26))
		return 0; /* no real id is that large: not counted */
	n = realloc(c->n, cap * sizeof *n);
	if (!n)
		return -1;
	memset(n + c->cap, 0, (cap - c->cap) * sizeof *n);
	c->n = n;
	c->cap = cap;
	c->n[i]++;
	return 0;
}

static inline int counter_add(struct counter *c, uint64_t i)
{
	if (i < c->cap) {
		c->n[i]++;
		return 0;
	}
	return counter_grow(c, i);
}

/* Counts by name (cities, counties): the names in the order first met,
 * found by a hash (slot: the name's place plus one, 0 for empty). */
struct name_counts {
	struct text_list names;
	struct counter n;
	size_t *slot, cap;
};

static uint64_t name_hash(const char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
	return h;
}

/* The place of name in c->names, added when new; SIZE_MAX when out of
 * memory. */
static size_t name_find(struct name_counts *c, const char *name, size_t len)
{
	size_t j;

	if ((c->names.count + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		size_t *slot = calloc(cap, sizeof *slot);

		if (!slot)
			return SIZE_MAX;
		for (size_t i = 0; i < c->names.count; i++) {
			const char *s = c->names.items[i];

			for (j = name_hash(s, strlen(s)) & (cap - 1); slot[j];
			     j = (j + 1) & (cap - 1))
				;
			slot[j] = i + 1;
		}
		free(c->slot);
		c->slot = slot;
		c->cap = cap;
	}
	for (j = name_hash(name, len) & (c->cap - 1); c->slot[j];
	     j = (j + 1) & (c->cap - 1)) {
		const char *s = c->names.items[c->slot[j] - 1];

		if (strlen(s) == len && memcmp(s, name, len) == 0)
			return c->slot[j] - 1;
	}
	if (text_list_add(&c->names, name, len) != 0)
		return SIZE_MAX;
	c->slot[j] = c->names.count;
	return c->names.count - 1;
}

/* What the filter asks of an article beside the search. */
struct want {
	char *city;           /* without 市 */
	char *counties[4];
	size_t n_counties;
	int64_t *unions;      /* sorted */
	size_t n_unions;
	bool union_set, topic_set, reporter_set;
	int64_t topic, reporter; /* 0: none has that name */
	int64_t lo, hi;       /* days, when dated */
	bool dated;
};

/* All the counts of one search. */
struct tallies {
	int64_t total;
	struct name_counts city, county;
	struct counter lists[PACK_LISTS];
	struct counter months; /* year * 12 + month - 1 */
	/* when asked for: counts by city and month, keyed by the city's
	 * place in city.names << 20 | the month (year * 12 + month - 1) */
	bool without_people; /* the people (the last list) not counted */
	bool by_city_month;
	uint64_t *cell_key; /* the key plus one, 0 for an empty slot */
	int64_t *cell_n;
	size_t cell_cap, cells;
};

/* Adds one to the count of a city in a month. Returns 0, or -1 when out
 * of memory. */
static int cell_add(struct tallies *t, uint64_t key)
{
	size_t j;

	key++;
	if ((t->cells + 1) * 2 > t->cell_cap) {
		size_t cap = t->cell_cap ? t->cell_cap * 2 : 1024;
		uint64_t *k = calloc(cap, sizeof *k);
		int64_t *n = calloc(cap, sizeof *n);

		if (!k || !n) {
			free(k);
			free(n);
			return -1;
		}
		for (size_t i = 0; i < t->cell_cap; i++) {
			if (!t->cell_key[i])
				continue;
			for (j = (t->cell_key[i] * 0x9e3779b97f4a7c15u) >> 40 &
				 (cap - 1);
			     k[j]; j = (j + 1) & (cap - 1))
				;
			k[j] = t->cell_key[i];
			n[j] = t->cell_n[i];
		}
		free(t->cell_key);
		free(t->cell_n);
		t->cell_key = k;
		t->cell_n = n;
		t->cell_cap = cap;
	}
	for (j = (key * 0x9e3779b97f4a7c15u) >> 40 & (t->cell_cap - 1);
	     t->cell_key[j] && t->cell_key[j] != key;
	     j = (j + 1) & (t->cell_cap - 1))
		;
	if (!t->cell_key[j]) {
		t->cell_key[j] = key;
		t->cells++;
	}
	t->cell_n[j]++;
	return 0;
}

static int by_value(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The id of the row that sql finds for value (0 when none), into *id. */
static int id_of(struct store *s, const char *sql, const char *value,
		 int64_t *id)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*id = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_finalize(st);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static void want_free(struct want *w)
{
	free(w->city);
	for (size_t i = 0; i < w->n_counties; i++)
		free(w->counties[i]);
	free(w->unions);
}

static int want_make(struct store *s, const struct store_filter *f,
		     struct want *w, char *err, size_t errlen)
{
	memset(w, 0, sizeof *w);
	if (store_set(f->city) && !(w->city = store_city_name(f->city)))
		goto oom;
	if (store_set(f->county)) {
		char *names[4] = {0};

		w->n_counties = store_county_names(f->county, names);
		for (size_t i = 0; i < w->n_counties; i++) {
			/* the first is the caller's own string */
			w->counties[i] = i == 0 ? strdup(names[0]) : names[i];
			if (!w->counties[i])
				goto oom;
		}
	}
	if (store_set(f->union_name)) {
		struct store_where uw = {0};
		struct store_buf sql = {0};
		int rc = -1;

		w->union_set = true;
		store_buf_add(&sql, "SELECT id FROM unions u WHERE ");
		store_buf_add(&sql, store_union_match);
		if (!sql.failed && store_union_values(&uw, f->union_name) == 0)
			rc = store_ids_of(s, sql.s, uw.params, uw.n_params,
					  &w->unions, &w->n_unions);
		store_buf_free(&sql);
		store_where_free(&uw);
		if (rc != 0)
			goto fail;
		qsort(w->unions, w->n_unions, sizeof *w->unions, by_value);
	}
	if (store_set(f->topic)) {
		w->topic_set = true;
		if (id_of(s, "SELECT id FROM topics WHERE name = ?1", f->topic,
			  &w->topic) != 0)
			goto fail;
	}
	if (store_set(f->reporter)) {
		w->reporter_set = true;
		if (id_of(s, "SELECT id FROM people WHERE name = ?1",
			  f->reporter, &w->reporter) != 0)
			goto fail;
	}
	switch (store_filter_days(f, &w->lo, &w->hi, err, errlen)) {
	case -1:
		return -1;
	case 1:
		w->dated = true;
		break;
	}
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
fail:
	store_fail(s->db, err, errlen, "counting");
	return -1;
}

static bool list_holds(const unsigned char *p, const unsigned char *end,
		       uint64_t n, int64_t id)
{
	for (uint64_t i = 0; i < n; i++)
		if ((int64_t)get_varint(&p, end) == id)
			return true;
	return false;
}

static bool list_meets(const unsigned char *p, const unsigned char *end,
		       uint64_t n, const struct want *w)
{
	for (uint64_t i = 0; i < n; i++) {
		int64_t id = (int64_t)get_varint(&p, end);

		if (w->n_unions > 0 && bsearch(&id, w->unions, w->n_unions,
					       sizeof id, by_value))
			return true;
	}
	return false;
}

/* A chunk's names, with what the filter and the counts make of each. */
struct chunk_names {
	const char **name;
	size_t *len;
	bool *city_ok, *county_ok;
	size_t *city_at, *county_at; /* places in the counts, or SIZE_MAX */
};

static bool same_name(const char *a, const char *b, size_t blen)
{
	return strlen(a) == blen && memcmp(a, b, blen) == 0;
}

/* The place of the chunk's name i in c's counts, found once a chunk. */
static inline int count_name(struct name_counts *c,
			     const struct chunk_names *cn, size_t i,
			     size_t *at)
{
	if (at[i] == SIZE_MAX) {
		at[i] = name_find(c, cn->name[i], cn->len[i]);
		if (at[i] == SIZE_MAX)
			return -1;
	}
	return counter_add(&c->n, at[i]);
}

/* Where each of the three lists of an article starts in the blob, and
 * how long it is; returns where the article ends. */
static const unsigned char *find_lists(const unsigned char *p,
				       const unsigned char *end,
				       uint64_t n[PACK_LISTS],
				       const unsigned char *at[PACK_LISTS])
{
	for (int k = 0; k < PACK_LISTS; k++) {
		n[k] = get_varint(&p, end);
		at[k] = p;
		for (uint64_t i = 0; i < n[k] && p < end; i++)
			while (p < end && (*p++ & 0x80))
				;
	}
	return p;
}

/* Counts the articles of one chunk's blob whose ids are in ids[*at..n)
 * (sorted) and meet w; *at moves past the chunk's ids. Returns 0, -1 for
 * a blob pack.c did not make, -2 when out of memory. */
static int count_chunk(const unsigned char *blob, size_t len, int64_t chunk,
		       const int64_t *ids, size_t n, size_t *at,
		       const struct want *w, struct tallies *t)
{
	const unsigned char *p = blob, *end = blob + len;
	int64_t id = chunk << PACK_SHIFT, first_day = id >> 16;
	int64_t chunk_end = id + (INT64_C(1) << PACK_SHIFT);
	uint64_t n_names = get_varint(&p, end);
	struct chunk_names cn = {0};
	int64_t month_day = -1;
	uint64_t month = 0;
	int result = -2;

	if (n_names > len)
		return -1;
	cn.name = calloc(n_names + 1, sizeof *cn.name);
	cn.len = calloc(n_names + 1, sizeof *cn.len);
	cn.city_ok = calloc(n_names + 1, sizeof *cn.city_ok);
	cn.county_ok = calloc(n_names + 1, sizeof *cn.county_ok);
	cn.city_at = calloc(n_names + 1, sizeof *cn.city_at);
	cn.county_at = calloc(n_names + 1, sizeof *cn.county_at);
	if (!cn.name || !cn.len || !cn.city_ok || !cn.county_ok ||
	    !cn.city_at || !cn.county_at)
		goto out;
	result = -1;
	for (uint64_t i = 0; i < n_names; i++) {
		cn.len[i] = get_varint(&p, end);
		if (cn.len[i] > (size_t)(end - p))
			goto out;
		cn.name[i] = (const char *)p;
		p += cn.len[i];
		cn.city_ok[i] = !w->city || same_name(w->city, cn.name[i],
						      cn.len[i]);
		cn.county_ok[i] = w->n_counties == 0;
		for (size_t k = 0; k < w->n_counties; k++)
			cn.county_ok[i] |= same_name(w->counties[k],
						     cn.name[i], cn.len[i]);
		cn.city_at[i] = cn.county_at[i] = SIZE_MAX;
	}
	while (p < end && *at < n && ids[*at] < chunk_end) {
		const unsigned char *lists[PACK_LISTS];
		uint64_t city, county, counts[PACK_LISTS];
		int64_t day;

		id += (int64_t)get_varint(&p, end);
		city = get_varint(&p, end);
		county = get_varint(&p, end);
		day = (int64_t)get_varint(&p, end);
		while (*at < n && ids[*at] < id)
			(*at)++;
		if (*at >= n || ids[*at] != id ||
		    (w->city && (city == 0 || city > n_names ||
				 !cn.city_ok[city - 1])) ||
		    (w->n_counties && (county == 0 || county > n_names ||
				       !cn.county_ok[county - 1])) ||
		    (w->dated && (day == 0 || day - 1 + first_day < w->lo ||
				  day - 1 + first_day > w->hi))) {
			p = find_lists(p, end, counts, lists);
			if (*at < n && ids[*at] == id)
				(*at)++;
			continue;
		}
		(*at)++;
		if (city > n_names || county > n_names)
			goto out;
		result = -2;
		if (w->union_set || w->topic_set || w->reporter_set) {
			p = find_lists(p, end, counts, lists);
			if ((w->union_set &&
			     !list_meets(lists[0], end, counts[0], w)) ||
			    (w->topic_set &&
			     !list_holds(lists[1], end, counts[1], w->topic)) ||
			    (w->reporter_set &&
			     !list_holds(lists[2], end, counts[2],
					 w->reporter))) {
				result = -1;
				continue;
			}
			for (int k = 0; k < PACK_LISTS - t->without_people;
			     k++) {
				const unsigned char *r = lists[k];

				for (uint64_t i = 0; i < counts[k]; i++)
					if (counter_add(&t->lists[k],
							get_varint(&r, end)) !=
					    0)
						goto out;
			}
		} else {
			/* the lists counted as they are read: most articles
			 * of a frequent word meet a search without them */
			for (int k = 0; k < PACK_LISTS; k++) {
				uint64_t count = get_varint(&p, end);
				bool counted = k < PACK_LISTS -
							   t->without_people;

				for (uint64_t i = 0; i < count && p < end;
				     i++) {
					uint64_t v = get_varint(&p, end);

					if (counted &&
					    counter_add(&t->lists[k], v) != 0)
						goto out;
				}
			}
		}
		t->total++;
		if ((city && count_name(&t->city, &cn, city - 1,
					cn.city_at) != 0) ||
		    (county && count_name(&t->county, &cn, county - 1,
					  cn.county_at) != 0))
			goto out;
		if (day > 0) {
			if (day != month_day) {
				int y, m, d;

				store_civil_date(day - 1 + first_day, &y, &m,
						 &d);
				month = (uint64_t)y * 12 + (uint64_t)m - 1;
				month_day = day;
			}
			if (counter_add(&t->months, month) != 0 ||
			    (t->by_city_month && city &&
			     cell_add(t, (uint64_t)cn.city_at[city - 1] << 20 |
						 month) != 0))
				goto out;
		}
		result = -1;
	}
	result = 0;
out:
	free(cn.name);
	free(cn.len);
	free(cn.city_ok);
	free(cn.county_ok);
	free(cn.city_at);
	free(cn.county_at);
	return result;
}

/* The matching ids of a search, sorted, into *ids (allocated). */
static int search_ids(struct store *s, const char *query, int64_t **ids,
		      size_t *n, char *err, size_t errlen)
{
	char *match = NULL;
	bool sorted = true;

	*ids = NULL;
	*n = 0;
	if (store_query_compile(query, &match, err, errlen) != 0)
		return -1;
	if (store_ids_of(s, "SELECT rowid FROM fts WHERE fts MATCH ?1",
			 (const char *const *)&match, 1, ids, n) != 0) {
		store_fail(s->db, err, errlen, "searching");
		free(match);
		return -1;
	}
	free(match);
	for (size_t i = 1; i < *n && sorted; i++)
		sorted = (*ids)[i - 1] <= (*ids)[i];
	if (!sorted)
		qsort(*ids, *n, sizeof **ids, by_value);
	return 0;
}

/* The counts by name as store_counts, in store_facet's order. */
static int name_list(struct name_counts *c, struct store_count **out,
		     size_t *n)
{
	struct store_count *r = calloc(c->names.count + 1, sizeof *r);
	size_t k = 0;

	if (!r)
		return -1;
	for (size_t i = 0; i < c->names.count; i++) {
		if (i >= c->n.cap || c->n.n[i] == 0)
			continue;
		r[k].name = strdup(c->names.items[i]);
		r[k].count = c->n.n[i];
		if (!r[k++].name) {
			store_counts_free(r, k);
			return -1;
		}
	}
	store_counts_sort(r, k, false);
	*out = r;
	*n = k;
	return 0;
}

/* The counts by id as store_counts, named from table (unions, topics,
 * people; NULL: the months, written YYYY-MM). Few ids are looked up one
 * by one; many, by reading the table through once. */
static int id_list(struct store *s, struct counter *c, const char *table,
		   struct store_count **out, size_t *n)
{
	struct store_count *r = NULL;
	sqlite3_stmt *st = NULL;
	size_t k = 0, count = 0;
	bool scan = false;
	char sql[96];
	int rc, result = -1;

	for (size_t i = 0; i < c->cap; i++)
		count += c->n[i] > 0;
	r = calloc(count + 1, sizeof *r);
	if (!r)
		goto out;
	if (table) {
		scan = count > 64;
		snprintf(sql, sizeof sql, "SELECT id, name FROM %s%s", table,
			 scan ? "" : " WHERE id = ?1");
		if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
			goto out;
	}
	while (scan && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool oom = false;

		if (id < 0 || (uint64_t)id >= c->cap || c->n[id] == 0 ||
		    k == count)
			continue;
		r[k].name = store_column_strdup(st, 1, &oom);
		if (!r[k].name)
			goto out;
		r[k++].count = c->n[id];
	}
	if (scan && rc != SQLITE_DONE)
		goto out;
	for (size_t i = 0; !scan && i < c->cap; i++) {
		char month[16];
		bool oom = false;

		if (c->n[i] == 0)
			continue;
		if (!st) {
			snprintf(month, sizeof month, "%04d-%02d",
				 (int)(i / 12) % 10000, (int)(i % 12) + 1);
			r[k].name = strdup(month);
		} else {
			if (sqlite3_bind_int64(st, 1, (int64_t)i) != SQLITE_OK)
				goto out;
			if (sqlite3_step(st) == SQLITE_ROW)
				r[k].name = store_column_strdup(st, 1, &oom);
			sqlite3_reset(st);
			if (!r[k].name && !oom)
				continue; /* an id no longer named */
		}
		if (!r[k].name)
			goto out;
		r[k++].count = c->n[i];
	}
	store_counts_sort(r, k, !table);
	*out = r;
	*n = k;
	r = NULL;
	result = 0;
out:
	store_counts_free(r, k);
	sqlite3_finalize(st);
	return result;
}

bool store_pack_reads(const struct store_filter *f)
{
	return store_set(f->query) && !f->unread && !f->starred;
}

/* What counting a search reads besides its ids: the chunks out of date,
 * the statement that reads a chunk's blob, a chunk made from the tables. */
struct pack_read {
	const int64_t *stale;
	size_t n_stale;
	sqlite3_stmt *get;
	struct bytes made;
};

/* The blob of chunk into *blob and *len: from facet_pack, or made from
 * the tables when it is out of date or was never packed (valid until the
 * next call with r). Returns 0, or -1 with a message. */
static int chunk_blob(struct store *s, struct pack_read *r, int64_t chunk,
		      const unsigned char **blob, size_t *len, char *err,
		      size_t errlen)
{
	int rc;

	*blob = NULL;
	*len = 0;
	sqlite3_reset(r->get);
	if (r->n_stale == 0 || !bsearch(&chunk, r->stale, r->n_stale,
					sizeof chunk, by_value)) {
		if (sqlite3_bind_int64(r->get, 1, chunk) != SQLITE_OK)
			goto fail;
		rc = sqlite3_step(r->get);
		if (rc == SQLITE_ROW) {
			*blob = sqlite3_column_blob(r->get, 0);
			*len = (size_t)sqlite3_column_bytes(r->get, 0);
		} else if (rc != SQLITE_DONE) {
			goto fail;
		}
	}
	if (!*blob) { /* out of date, or never packed: from the tables */
		free(r->made.p);
		r->made = (struct bytes){0};
		if (chunk_make(s->db, chunk, &r->made, err, errlen) != 0)
			return -1;
		*blob = r->made.p;
		*len = r->made.len;
	}
	return 0;
fail:
	store_fail(s->db, err, errlen, "counting");
	return -1;
}

/* The matching ids of a search, read by a thread of their own while the
 * caller counts the chunks they have already passed: reading a million
 * ids from the index and counting them take about as long each, and the
 * two run on two cores at once. The connection must be SQLite's
 * serialized kind (one call at a time: pack_tally checks); otherwise the
 * ids are read first, on the caller's thread.
 *
 * A search of one phrase is read by the auxiliary function match_ids in
 * one call, through xQueryPhrase: three times faster than a statement's
 * row each, but the connection is held the whole time. So the thread
 * also reads the blob of each chunk as its first id comes, and hands it
 * over with the ids (a few at a time): the caller counts without asking
 * SQLite for anything while the thread runs. */
#define FEED_BLOBS 4

struct feed_blob {
	int64_t chunk;
	unsigned char *p;
	size_t len;
};

struct id_feed {
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct store *s;
	sqlite3_stmt *phrase;  /* match_ids(): the ids of a one-phrase search */
	sqlite3_stmt *st;      /* the ids of any search, a row each */
	struct pack_read *read; /* not NULL: the thread reads the blobs */
	int64_t *ids;          /* room for cap, never moved */
	size_t cap, n;         /* n: the ids there, under lock */
	size_t own_n;          /* the ids there, on the feed's thread */
	struct feed_blob blobs[FEED_BLOBS]; /* a ring, under lock */
	size_t blob_at, n_blobs;
	bool done, unsorted;   /* unsorted: not in ascending order, or more
				  than cap (the caller counts again) */
	bool stop;             /* under lock: the caller gives up */
	int rc;                /* the last step's result, once done */
	char err[256];         /* what went wrong reading a blob */
};

#define ID_FEED_POINTER "bulletin-id-feed"

/* The thread: reads chunk's blob and puts a copy in the ring, once there
 * is room. Returns SQLITE_OK, or an error code (the message in f->err). */
static int feed_put_blob(struct id_feed *f, int64_t chunk)
{
	const unsigned char *blob;
	struct feed_blob b = {.chunk = chunk};

	if (chunk_blob(f->s, f->read, chunk, &blob, &b.len, f->err,
		       sizeof f->err) != 0)
		return SQLITE_ERROR;
	b.p = malloc(b.len ? b.len : 1);
	if (!b.p) {
		snprintf(f->err, sizeof f->err, "out of memory");
		return SQLITE_NOMEM;
	}
	memcpy(b.p, blob, b.len);
	pthread_mutex_lock(&f->lock);
	if (f->n_blobs == FEED_BLOBS) {
		/* the caller counts a chunk once it has its ids: give them
		 * before waiting for it */
		f->n = f->own_n;
		pthread_cond_signal(&f->more);
	}
	while (f->n_blobs == FEED_BLOBS && !f->stop)
		pthread_cond_wait(&f->room, &f->lock);
	if (f->stop) {
		pthread_mutex_unlock(&f->lock);
		free(b.p);
		return SQLITE_INTERRUPT;
	}
	f->blobs[(f->blob_at + f->n_blobs++) % FEED_BLOBS] = b;
	pthread_cond_signal(&f->more);
	pthread_mutex_unlock(&f->lock);
	return SQLITE_OK;
}

/* One more id for the feed. Returns SQLITE_OK; SQLITE_DONE when there is
 * no room left or the ids are out of order (the caller reads them again,
 * sorted); SQLITE_INTERRUPT when the store's interrupt check says so; or
 * the error of reading a blob. */
static int feed_add(struct id_feed *f, int64_t id)
{
	size_t n = f->own_n;

	if (n == f->cap || (n > 0 && id < f->ids[n - 1])) {
		f->unsorted = true;
		return SQLITE_DONE;
	}
	if (f->read && (n == 0 || id >> PACK_SHIFT != f->ids[n - 1] >>
							  PACK_SHIFT)) {
		int rc = feed_put_blob(f, id >> PACK_SHIFT);

		if (rc != SQLITE_OK)
			return rc;
	}
	f->ids[n++] = id;
	f->own_n = n;
	if ((n & 4095) == 0) {
		pthread_mutex_lock(&f->lock);
		f->n = n;
		pthread_cond_signal(&f->more);
		pthread_mutex_unlock(&f->lock);
		/* no SQLite step between two rows of xQueryPhrase: the
		 * progress handler is not asked, so ask here */
		if (f->s->interrupt &&
		    f->s->interrupt(f->s->interrupt_context))
			return SQLITE_INTERRUPT;
	}
	return SQLITE_OK;
}

static int phrase_row(const Fts5ExtensionApi *api, Fts5Context *fts,
		      void *data)
{
	return feed_add(data, api->xRowid(fts));
}

/* match_ids(fts, feed): run on the first row of a search of one phrase,
 * it reads every row of that phrase into feed through xQueryPhrase, in id
 * order, and returns 1; a search of more phrases (AND, OR, NOT) returns 0
 * and is read a row at a time. */
static void match_ids(const Fts5ExtensionApi *api, Fts5Context *fts,
		      sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct id_feed *f = argc == 1 ? sqlite3_value_pointer(argv[0],
							      ID_FEED_POINTER)
				      : NULL;
	int rc;

	if (!f) {
		sqlite3_result_error(ctx, "match_ids: no feed", -1);
		return;
	}
	if (api->xPhraseCount(fts) != 1) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	rc = api->xQueryPhrase(fts, 0, f, phrase_row);
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_int(ctx, 1);
}

int store_pack_register(fts5_api *api, char *err, size_t errlen)
{
	int rc = api->xCreateFunction(api, "match_ids", NULL, match_ids, NULL);

	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot register match_ids: %s",
			 sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

static void *feed_run(void *arg)
{
	struct id_feed *f = arg;
	int rc = sqlite3_step(f->phrase);

	if (rc == SQLITE_ROW && sqlite3_column_int(f->phrase, 0) == 1)
		rc = SQLITE_DONE; /* read by match_ids */
	else if (rc == SQLITE_ROW)
		while ((rc = sqlite3_step(f->st)) == SQLITE_ROW &&
		       (rc = feed_add(f, sqlite3_column_int64(f->st, 0))) ==
			       SQLITE_OK)
			;
	sqlite3_reset(f->phrase);
	pthread_mutex_lock(&f->lock);
	f->n = f->own_n;
	f->done = true;
	f->rc = rc;
	pthread_cond_signal(&f->more);
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

/* Waits until the feed has more than `have` ids or is done; the ids
 * there into *n, whether it is done into *done. */
static void feed_wait(struct id_feed *f, size_t have, size_t *n, bool *done)
{
	pthread_mutex_lock(&f->lock);
	while (!f->done && f->n <= have)
		pthread_cond_wait(&f->more, &f->lock);
	*n = f->n;
	*done = f->done;
	pthread_mutex_unlock(&f->lock);
}

/* The caller gives up: the thread stops at its next id or blob. */
static void feed_stop(struct id_feed *f)
{
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_signal(&f->room);
	pthread_mutex_unlock(&f->lock);
	sqlite3_interrupt(f->s->db);
}

/* The caller: the blob of chunk from the ring (allocated, into *blob),
 * waiting for the thread if need be. *blob is NULL when the thread ended
 * without it, or when the ring holds another chunk first (a bug): then
 * the thread is stopped, so that the caller may read it from SQLite
 * without waiting on a thread that waits on it. */
static void feed_take_blob(struct id_feed *f, int64_t chunk,
			   struct feed_blob *blob)
{
	bool other = false;

	*blob = (struct feed_blob){0};
	pthread_mutex_lock(&f->lock);
	while (f->n_blobs == 0 && !f->done)
		pthread_cond_wait(&f->more, &f->lock);
	if (f->n_blobs > 0 && f->blobs[f->blob_at].chunk == chunk) {
		*blob = f->blobs[f->blob_at];
		f->blob_at = (f->blob_at + 1) % FEED_BLOBS;
		f->n_blobs--;
		pthread_cond_signal(&f->room);
	} else {
		other = !f->done;
	}
	pthread_mutex_unlock(&f->lock);
	if (other)
		feed_stop(f);
}

/* How many articles the store holds, as the import keeps the count. */
static int64_t kept_articles(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT coalesce(sum(n), 0) FROM"
		 " facet_counts WHERE kind = %d AND month = '*'",
		 STORE_KIND_ALL);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void tallies_free(struct tallies *t)
{
	text_list_free(&t->city.names);
	text_list_free(&t->county.names);
	free(t->city.n.n);
	free(t->county.n.n);
	free(t->city.slot);
	free(t->county.slot);
	free(t->months.n);
	for (int k = 0; k < PACK_LISTS; k++)
		free(t->lists[k].n);
	free(t->cell_key);
	free(t->cell_n);
}

/* Counts into t the articles of ids[*at..n) (sorted) in the chunk of
 * ids[*at], and moves *at past that chunk: its blob from the feed f when
 * its thread reads them (f not NULL), else through r. Returns 0, or -1
 * with a message. */
static int count_next_chunk(struct store *s, struct pack_read *r,
			    struct id_feed *f, const struct want *w,
			    const int64_t *ids, size_t n, size_t *at,
			    struct tallies *t, char *err, size_t errlen)
{
	int64_t chunk = ids[*at] >> PACK_SHIFT;
	struct feed_blob fed = {0};
	const unsigned char *blob = NULL;
	size_t len = 0;
	int rc;

	if (f && f->read)
		feed_take_blob(f, chunk, &fed);
	if (fed.p) {
		blob = fed.p;
		len = fed.len;
	} else if (chunk_blob(s, r, chunk, &blob, &len, err, errlen) != 0) {
		return -1;
	}
	rc = count_chunk(blob, len, chunk, ids, n, at, w, t);
	free(fed.p);
	switch (rc) {
	case 0:
		break;
	case -2:
		snprintf(err, errlen, "out of memory");
		return -1;
	default:
		snprintf(err, errlen, "the facet pack of chunk %lld is damaged",
			 (long long)chunk);
		return -1;
	}
	/* ids the chunk does not hold (none, in a sound store) */
	while (*at < n && ids[*at] >> PACK_SHIFT == chunk)
		(*at)++;
	return 0;
}

/* Counts the articles of f (store_pack_reads) into t. Returns 0, or -1
 * with a message. */
static int pack_tally(struct store *s, const struct store_filter *f,
		      struct tallies *t, char *err, size_t errlen)
{
	struct want w;
	struct pack_read r = {0}, fed_read = {0};
	struct id_feed feed = {.lock = PTHREAD_MUTEX_INITIALIZER,
			       .more = PTHREAD_COND_INITIALIZER,
			       .room = PTHREAD_COND_INITIALIZER};
	sqlite3_stmt *stale = NULL;
	int64_t *ids = NULL, *stale_ids = NULL;
	size_t n = 0, at = 0, cap = 0, n_stale = 0;
	bool done = false, threaded = false;
	char *match = NULL;
	pthread_t thread;
	int rc, result = -1;

	if (want_make(s, f, &w, err, errlen) != 0)
		goto out;
	if (sqlite3_prepare_v2(s->db, "SELECT chunk FROM facet_pack_stale"
				      " ORDER BY chunk", -1, &stale, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT data FROM facet_pack WHERE"
				      " chunk = ?1", -1, &r.get, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT data FROM facet_pack WHERE"
				      " chunk = ?1", -1, &fed_read.get, NULL) !=
		    SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(stale)) == SQLITE_ROW) {
		if (n_stale == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			int64_t *p = realloc(stale_ids, ncap * sizeof *p);

			if (!p)
				goto oom;
			stale_ids = p;
			cap = ncap;
		}
		stale_ids[n_stale++] = sqlite3_column_int64(stale, 0);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	r.stale = fed_read.stale = stale_ids;
	r.n_stale = fed_read.n_stale = n_stale;
	/* the ids, read by a thread while the chunks they have passed are
	 * counted (a chunk is whole once an id of a later one is read) */
	if (store_query_compile(f->query, &match, err, errlen) != 0)
		goto out;
	feed.cap = (size_t)kept_articles(s) + 1024;
	feed.ids = malloc(feed.cap * sizeof *feed.ids);
	if (!feed.ids)
		goto oom;
	feed.s = s;
	if (sqlite3_prepare_v2(s->db, "SELECT match_ids(fts, ?2) FROM fts"
				      " WHERE fts MATCH ?1 LIMIT 1", -1,
			       &feed.phrase, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(feed.phrase, 1, match, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
	    sqlite3_bind_pointer(feed.phrase, 2, &feed, ID_FEED_POINTER,
				 NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT rowid FROM fts WHERE fts MATCH"
				      " ?1", -1, &feed.st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(feed.st, 1, match, -1, SQLITE_STATIC) !=
		    SQLITE_OK)
		goto fail;
	/* two threads on one connection only when SQLite serializes its
	 * calls (a connection mutex: SQLITE_THREADSAFE=1, Debian's) */
	if (sqlite3_db_mutex(s->db) != NULL) {
		feed.read = &fed_read;
		threaded = pthread_create(&thread, NULL, feed_run, &feed) == 0;
	}
	if (!threaded) {
		feed.read = NULL;
		feed_run(&feed);
	}
	for (;;) {
		if (done && feed.unsorted)
			break;
		if (at < n && (done || feed.ids[n - 1] >> PACK_SHIFT !=
					       feed.ids[at] >> PACK_SHIFT)) {
			if (count_next_chunk(s, &r, &feed, &w, feed.ids, n,
					     &at, t, err, errlen) != 0)
				goto out;
			continue;
		}
		if (done)
			break;
		feed_wait(&feed, n, &n, &done);
	}
	if (threaded) {
		pthread_join(thread, NULL);
		threaded = false;
	}
	if (feed.rc != SQLITE_DONE) {
		if (feed.err[0])
			snprintf(err, errlen, "%s", feed.err);
		else
			store_fail(s->db, err, errlen, "searching");
		goto out;
	}
	if (feed.unsorted) {
		/* more ids than the store's kept count, or out of order (FTS5
		 * gives them in order): all of them, sorted, counted anew */
		struct tallies fresh = {.by_city_month = t->by_city_month,
					.without_people = t->without_people};

		tallies_free(t);
		*t = fresh;
		if (search_ids(s, f->query, &ids, &n, err, errlen) != 0)
			goto out;
		for (at = 0; at < n;)
			if (count_next_chunk(s, &r, NULL, &w, ids, n, &at, t,
					     err, errlen) != 0)
				goto out;
	}
	result = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
	goto out;
fail:
	store_fail(s->db, err, errlen, "counting");
out:
	if (threaded) {
		/* a failure here: the reading ends at its next row */
		feed_stop(&feed);
		pthread_join(thread, NULL);
	}
	for (size_t i = 0; i < feed.n_blobs; i++)
		free(feed.blobs[(feed.blob_at + i) % FEED_BLOBS].p);
	sqlite3_finalize(feed.phrase);
	sqlite3_finalize(feed.st);
	sqlite3_finalize(stale);
	sqlite3_finalize(r.get);
	sqlite3_finalize(fed_read.get);
	free(r.made.p);
	free(fed_read.made.p);
	free(stale_ids);
	free(feed.ids);
	free(ids);
	free(match);
	want_free(&w);
	return result;
}

int store_pack_count(struct store *s, const struct store_filter *f,
		     bool reporters, struct store_count *out[STORE_KIND_COUNT],
		     size_t n_out[STORE_KIND_COUNT], char *err, size_t errlen)
{
	static const char *const tables[PACK_LISTS] = {
		"unions", "topics", "people",
	};
	static const int list_kind[PACK_LISTS] = {
		STORE_KIND_UNION, STORE_KIND_TOPIC, STORE_KIND_REPORTER,
	};
	struct tallies t = {.without_people = !reporters};
	int result = -1;

	for (int k = 0; k < STORE_KIND_COUNT; k++) {
		out[k] = NULL;
		n_out[k] = 0;
	}
	/* one read of the store for the ids, the pack and every name (a
	 * statement outside a transaction takes the read lock anew) */
	if (sqlite3_exec(s->db, "SAVEPOINT pack_count", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		store_fail(s->db, err, errlen, "counting");
		return -1;
	}
	if (pack_tally(s, f, &t, err, errlen) != 0)
		goto out;
	if (t.total > 0) {
		out[STORE_KIND_ALL] = calloc(1, sizeof *out[STORE_KIND_ALL]);
		if (!out[STORE_KIND_ALL] ||
		    !(out[STORE_KIND_ALL][0].name = strdup("")))
			goto oom;
		out[STORE_KIND_ALL][0].count = t.total;
		n_out[STORE_KIND_ALL] = 1;
	}
	if (name_list(&t.city, &out[STORE_KIND_CITY],
		      &n_out[STORE_KIND_CITY]) != 0 ||
	    name_list(&t.county, &out[STORE_KIND_COUNTY],
		      &n_out[STORE_KIND_COUNTY]) != 0 ||
	    id_list(s, &t.months, NULL, &out[STORE_KIND_MONTH],
		    &n_out[STORE_KIND_MONTH]) != 0)
		goto oom;
	for (int k = 0; k < (reporters ? PACK_LISTS : PACK_LISTS - 1); k++)
		if (id_list(s, &t.lists[k], tables[k], &out[list_kind[k]],
			    &n_out[list_kind[k]]) != 0) {
			store_fail(s->db, err, errlen, "counting");
			goto out;
		}
	result = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	if (result != 0)
		for (int k = 0; k < STORE_KIND_COUNT; k++) {
			store_counts_free(out[k], n_out[k]);
			out[k] = NULL;
			n_out[k] = 0;
		}
	sqlite3_exec(s->db, "RELEASE pack_count", NULL, NULL, NULL);
	tallies_free(&t);
	return result;
}

static int by_city_then_month(const void *pa, const void *pb)
{
	const struct store_city_month *a = pa, *b = pb;
	int c = strcmp(a->city, b->city);

	return c ? c : strcmp(a->month, b->month);
}

int store_pack_city_months(struct store *s, const struct store_filter *f,
			   struct store_city_month **out, size_t *n,
			   char *err, size_t errlen)
{
	struct tallies t = {.by_city_month = true, .without_people = true};
	struct store_city_month *c = NULL;
	size_t k = 0;
	int result = -1;

	if (pack_tally(s, f, &t, err, errlen) != 0)
		goto out;
	c = calloc(t.cells + 1, sizeof *c);
	if (!c)
		goto oom;
	for (size_t i = 0; i < t.cell_cap; i++) {
		uint64_t key = t.cell_key[i] - 1;
		uint64_t month = key & ((1u << 20) - 1);

		if (!t.cell_key[i] || (key >> 20) >= t.city.names.count)
			continue;
		c[k].city = strdup(t.city.names.items[key >> 20]);
		if (!c[k].city)
			goto oom;
		snprintf(c[k].month, sizeof c[k].month, "%04d-%02d",
			 (int)(month / 12) % 10000, (int)(month % 12) + 1);
		c[k++].count = t.cell_n[i];
	}
	qsort(c, k, sizeof *c, by_city_then_month);
	*out = c;
	*n = k;
	c = NULL;
	result = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	store_city_months_free(c, k);
	tallies_free(&t);
	return result;
}
