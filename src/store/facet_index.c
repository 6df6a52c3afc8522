/*
 * facet_index — the counts of a selection by a county or a union, or by
 * several of city, county, union and topic together, read from
 * facet_index (schema.c, migration 7) instead of counted article by
 * article. The rows of the filter's smallest key, a city, a county or a
 * union (sizes from facet_counts), are read as one range of the index,
 * the filter's other keys, its topic, dates and --unread tested on each
 * row, and the selection counted by city, county, union, topic and month
 * in one pass. The counts are kept for the next facet asked of the same
 * selection until the store changes: a commit by another connection
 * (PRAGMA data_version) or any change made through this one.
 *
 * A union name that fits several unions reads the rows of each, and an
 * article listed under two of them is counted under the first it lists.
 * A search (with any filter but --unread and --starred) is counted here
 * too, by every facet, the reporters included, from the matching ids and
 * facet_pack (pack.c). Left to facet.c: a reporter, --starred, and the
 * reporter facet of a selection without a search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

enum { KINDS = STORE_KIND_COUNT };

/* A count for each distinct string. */
struct tally_map {
	char **keys;
	int64_t *n;
	size_t cap, count;
};

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int map_grow(struct tally_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	char **keys = calloc(cap, sizeof *keys);
	int64_t *n = calloc(cap, sizeof *n);

	if (!keys || !n) {
		free(keys);
		free(n);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->keys[i])
			continue;
		j = hash(m->keys[i], strlen(m->keys[i])) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		n[j] = m->n[i];
	}
	free(m->keys);
	free(m->n);
	m->keys = keys;
	m->n = n;
	m->cap = cap;
	return 0;
}

/* Adds one to the count of the len bytes at s. */
static int map_add(struct tally_map *m, const char *s, size_t len)
{
	size_t j;

	if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0)
		return -1;
	j = hash(s, len) & (m->cap - 1);
	while (m->keys[j]) {
		if (strncmp(m->keys[j], s, len) == 0 &&
		    m->keys[j][len] == '\0') {
			m->n[j]++;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = strndup(s, len);
	if (!m->keys[j])
		return -1;
	m->n[j] = 1;
	m->count++;
	return 0;
}

static void map_free(struct tally_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->n);
	*m = (struct tally_map){0};
}

/* Adds one for each id of a list as facet_index keeps them (' 12 407 '). */
static int map_add_ids(struct tally_map *m, const char *ids)
{
	const char *p = ids;

	while (p && *p) {
		size_t len;

		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len > 0 && map_add(m, p, len) != 0)
			return -1;
		p += len;
	}
	return 0;
}

/* The counts of one selection, by kind (enum store_kind, STORE_KIND_ALL
 * for the articles themselves), each in store_facet's order. */
struct store_index_counts {
	char *filter; /* the selection, as selection_key() writes it */
	int64_t data_version, changes;
	struct store_count *c[KINDS];
	size_t n[KINDS];
	bool reporters; /* c[STORE_KIND_REPORTER] counted (a search's are
			   only when asked: they may be 300,000 names) */
};

void store_counts_free(struct store_count *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++)
		free(c[i].name);
	free(c);
}

static void counts_free(struct store_index_counts *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < KINDS; i++)
		store_counts_free(k->c[i], k->n[i]);
	free(k->filter);
	free(k);
}

void store_index_counts_free(struct store *s)
{
	counts_free(s->index_counts);
	s->index_counts = NULL;
}

/* What in f makes the selection, as one string; allocated. */
static char *selection_key(const struct store_filter *f)
{
	struct store_buf b = {0};

	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		const char *v = store_filter_value(f, (enum store_filter_key)k);

		store_buf_add(&b, v ? (*v ? v : "on") : "");
		store_buf_add(&b, "\x1f");
	}
	if (b.failed) {
		store_buf_free(&b);
		return NULL;
	}
	return b.s;
}

/* True when facet_index reads f: a city, county or union, with nothing
 * but those, a topic, dates and --unread beside them. */
static bool index_reads(const struct store_filter *f)
{
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		enum store_match m = store_filters[k].match;

		if (store_filter_value(f, (enum store_filter_key)k) &&
		    k != STORE_FILTER_CITY && k != STORE_FILTER_COUNTY &&
		    k != STORE_FILTER_UNION && k != STORE_FILTER_TOPIC &&
		    k != STORE_FILTER_UNREAD && m != STORE_MATCH_FROM &&
		    m != STORE_MATCH_TO && m != STORE_MATCH_PERIOD)
			return false;
	}
	return store_set(f->city) || store_set(f->county) ||
	       store_set(f->union_name);
}

static int by_count(const void *pa, const void *pb)
{
	const struct store_count *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int newest_first(const void *pa, const void *pb)
{
	const struct store_count *a = pa, *b = pb;

	return strcmp(b->name, a->name);
}

void store_counts_sort(struct store_count *c, size_t n, bool months)
{
	qsort(c, n, sizeof *c, months ? newest_first : by_count);
}

/* The entries of a map as counts in store_facet's order; ids become the
 * names that names (a statement taking the id) finds, when not NULL. */
static int map_counts(struct tally_map *m, sqlite3_stmt *names,
		      bool months, struct store_count **out, size_t *n)
{
	struct store_count *c = calloc(m->count + 1, sizeof *c);
	size_t k = 0;
	int rc = 0;

	if (!c)
		return -1;
	for (size_t i = 0; i < m->cap && rc == 0; i++) {
		if (!m->keys[i])
			continue;
		if (!names) {
			c[k].name = m->keys[i];
			m->keys[i] = NULL;
			c[k++].count = m->n[i];
			continue;
		}
		if (sqlite3_bind_int64(names, 1, strtoll(m->keys[i], NULL,
							 10)) != SQLITE_OK) {
			rc = -1;
			break;
		}
		if (sqlite3_step(names) == SQLITE_ROW) {
			bool oom = false;

			c[k].name = store_column_strdup(names, 0, &oom);
			c[k].count = m->n[i];
			if (oom || !c[k].name)
				rc = -1;
			else
				k++;
		}
		sqlite3_reset(names);
	}
	if (rc != 0) {
		store_counts_free(c, k);
		return -1;
	}
	store_counts_sort(c, k, months);
	*out = c;
	*n = k;
	return 0;
}

int store_ids_of(struct store *s, const char *sql,
		 const char *const *params, size_t nbind, int64_t **ids,
		 size_t *count)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*count = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < nbind; i++)
		if (sqlite3_bind_text(st, (int)i + 1, params[i], -1,
				      SQLITE_STATIC) != SQLITE_OK) {
			sqlite3_finalize(st);
			return -1;
		}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			int64_t *p = realloc(*ids, ncap * sizeof *p);

			if (!p) {
				rc = SQLITE_NOMEM;
				break;
			}
			*ids = p;
			cap = ncap;
		}
		(*ids)[(*count)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The kept number of articles under kind with one of the values (facet
 * values, as facet_counts keeps them); -1 on error. */
static int64_t key_size(struct store *s, int kind, const char *const *values,
			size_t n)
{
	sqlite3_stmt *st = NULL;
	int64_t size = -1;

	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(sum(n), 0) FROM"
				      " facet_counts WHERE kind = ?1 AND"
				      " month = '*' AND value IN (?2, ?3, ?4,"
				      " ?5)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, kind) != SQLITE_OK)
		goto out;
	for (size_t i = 0; i < 4; i++)
		if (sqlite3_bind_text(st, (int)i + 2, values[i < n ? i : 0],
				      -1, SQLITE_STATIC) != SQLITE_OK)
			goto out;
	if (sqlite3_step(st) == SQLITE_ROW)
		size = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return size;
}

/* The kept number of articles of the unions of the ids; -1 on error. An
 * article of two of them is counted twice. */
static int64_t unions_size(struct store *s, const int64_t *ids, size_t n)
{
	struct store_buf sql = {0};
	sqlite3_stmt *st = NULL;
	int64_t size = -1;
	char buf[160];

	snprintf(buf, sizeof buf, "SELECT coalesce(sum(n), 0) FROM facet_counts"
		 " WHERE kind = %d AND month = '*' AND value IN (SELECT name"
		 " FROM unions WHERE id IN (", STORE_KIND_UNION);
	store_buf_add(&sql, buf);
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "%s%lld", i ? ", " : "",
			 (long long)ids[i]);
		store_buf_add(&sql, buf);
	}
	store_buf_add(&sql, "))");
	if (!sql.failed &&
	    sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		size = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	store_buf_free(&sql);
	return size;
}

static int by_id(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The first id of a list as facet_index keeps them (' 12 407 ') that is
 * among set (sorted); 0 when none is. */
static int64_t first_listed(const char *ids, const int64_t *set, size_t n)
{
	const char *p = ids;

	while (p && *p) {
		char *end;
		int64_t id = strtoll(p, &end, 10);

		if (end == p)
			break;
		if (bsearch(&id, set, n, sizeof *set, by_id))
			return id;
		p = end;
	}
	return 0;
}

/* What the filter's keys are: the ids of the unions its union name fits
 * (sorted) and of its topic, the county names it stands for, and the city
 * without 市. */
struct keys {
	int64_t *unions, *topics;
	size_t n_unions, n_topics;
	char *counties[4];
	size_t n_counties;
	char *city;
};

static void keys_free(struct keys *k)
{
	free(k->unions);
	free(k->topics);
	for (size_t i = 1; i < k->n_counties; i++)
		free(k->counties[i]);
	free(k->city);
}

/* Counts the selection of f, which names a city, a county or a union, by
 * every facet into *out. */
static int count_selection(struct store *s, const struct store_filter *f,
			   struct store_index_counts *out, char *err,
			   size_t errlen)
{
	struct keys k = {0};
	struct store_filter rest = {0};
	struct store_where w = {0};
	struct store_buf sql = {0};
	struct tally_map maps[KINDS] = {{0}};
	sqlite3_stmt *st = NULL, *names = NULL;
	const char *scan_values[4];
	size_t n_scan = 0;
	int scan_kind = -1, next = 1, rc, result = -1;
	int64_t best = -1, total = 0;
	bool empty = false;
	char buf[64];

	if (store_set(f->union_name)) {
		struct store_where uw = {0};
		int rc;

		store_buf_add(&sql, "SELECT id FROM unions u WHERE ");
		store_buf_add(&sql, store_union_match);
		if (sql.failed || store_union_values(&uw, f->union_name) != 0) {
			store_where_free(&uw);
			goto oom;
		}
		rc = store_ids_of(s, sql.s, uw.params, uw.n_params, &k.unions,
			    &k.n_unions);
		store_where_free(&uw);
		if (rc != 0)
			goto fail;
		store_buf_free(&sql);
		sql = (struct store_buf){0};
		qsort(k.unions, k.n_unions, sizeof *k.unions, by_id);
		empty |= k.n_unions == 0;
	}
	if (store_set(f->topic)) {
		if (store_ids_of(s, "SELECT id FROM topics WHERE name = ?1",
			   &f->topic, 1, &k.topics, &k.n_topics) != 0)
			goto fail;
		empty |= k.n_topics == 0;
	}
	if (store_set(f->city) && !(k.city = store_city_name(f->city)))
		goto oom;
	if (store_set(f->county)) {
		k.n_counties = store_county_names(f->county, k.counties);
		for (size_t i = 0; i < k.n_counties; i++)
			if (!k.counties[i])
				goto oom;
	}
	if (empty) {
		result = 0;
		goto out;
	}
	/* the smallest key is read */
	if (k.city) {
		const char *v[1] = {k.city};

		best = key_size(s, STORE_KIND_CITY, v, 1);
		scan_kind = STORE_KIND_CITY;
		scan_values[0] = k.city;
		n_scan = 1;
	}
	if (k.n_counties) {
		int64_t size = key_size(s, STORE_KIND_COUNTY,
					(const char *const *)k.counties,
					k.n_counties);

		if (best < 0 || (size >= 0 && size < best)) {
			best = size;
			scan_kind = STORE_KIND_COUNTY;
			for (size_t i = 0; i < k.n_counties; i++)
				scan_values[i] = k.counties[i];
			n_scan = k.n_counties;
		}
	}
	if (k.n_unions) {
		int64_t size = unions_size(s, k.unions, k.n_unions);

		if (best < 0 || (size >= 0 && size < best)) {
			best = size;
			scan_kind = STORE_KIND_UNION;
			n_scan = 0;
		}
	}
	/* the rows of that key; the other keys tested on each */
	store_buf_add(&sql, "SELECT a.city, a.county, a.date, a.unions,"
			    " a.topics, a.key FROM facet_index a WHERE"
			    " a.kind = ");
	snprintf(buf, sizeof buf, "%d AND a.key ", scan_kind);
	store_buf_add(&sql, buf);
	if (scan_kind == STORE_KIND_UNION) {
		for (size_t i = 0; i < k.n_unions; i++) {
			snprintf(buf, sizeof buf, "%s%lld", i ? ", " : "IN (",
				 (long long)k.unions[i]);
			store_buf_add(&sql, buf);
		}
		store_buf_add(&sql, ")");
	} else {
		store_buf_add(&sql, n_scan == 1 ? "= ?" : "IN (?, ?, ?, ?)");
	}
	/* the topic tested on each row here, the unions below */
	if (k.n_topics) {
		snprintf(buf, sizeof buf, " AND instr(a.topics, ' %lld ') > 0",
			 (long long)k.topics[0]);
		store_buf_add(&sql, buf);
	}
	/* the dates, --unread, the city and county tested by SQL */
	for (int i = 0; i < STORE_FILTER_COUNT; i++)
		if (i != STORE_FILTER_UNION && i != STORE_FILTER_TOPIC)
			store_filter_put(&rest, (enum store_filter_key)i,
					 store_filter_value(f,
						(enum store_filter_key)i));
	if (store_where_build(&rest, &w, err, errlen) != 0)
		goto out;
	store_buf_add(&sql, w.sql.s);
	if (sql.failed)
		goto oom;
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < n_scan; i++)
		if (sqlite3_bind_text(st, next++, scan_values[i], -1,
				      SQLITE_STATIC) != SQLITE_OK)
			goto fail;
	if (store_where_bind(st, &w, next) < 0)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *city = (const char *)sqlite3_column_text(st, 0);
		const char *county = (const char *)sqlite3_column_text(st, 1);
		const char *date = (const char *)sqlite3_column_text(st, 2);
		const char *unions = (const char *)sqlite3_column_text(st, 3);

		if (k.n_unions) {
			int64_t first = first_listed(unions, k.unions,
						     k.n_unions);

			/* none of the unions; or an article of several,
			 * read under each: counted under the first it
			 * lists */
			if (first == 0 ||
			    (scan_kind == STORE_KIND_UNION &&
			     first != sqlite3_column_int64(st, 5)))
				continue;
		}
		total++;
		if ((city && map_add(&maps[STORE_KIND_CITY], city,
				     strlen(city)) != 0) ||
		    (county && map_add(&maps[STORE_KIND_COUNTY], county,
				       strlen(county)) != 0) ||
		    (date && map_add(&maps[STORE_KIND_MONTH], date,
				     strnlen(date, 7)) != 0) ||
		    map_add_ids(&maps[STORE_KIND_UNION], unions) != 0 ||
		    map_add_ids(&maps[STORE_KIND_TOPIC],
				(const char *)sqlite3_column_text(st, 4)) != 0)
			goto oom;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	for (int kind = 0; kind < KINDS; kind++) {
		const char *table = kind == STORE_KIND_UNION ? "unions"
				    : kind == STORE_KIND_TOPIC ? "topics"
								  : NULL;

		if (kind == STORE_KIND_REPORTER || kind == STORE_KIND_ALL)
			continue;
		sqlite3_finalize(names);
		names = NULL;
		if (table) {
			snprintf(buf, sizeof buf, "SELECT name FROM %s WHERE"
				 " id = ?", table);
			if (sqlite3_prepare_v2(s->db, buf, -1, &names,
					       NULL) != SQLITE_OK)
				goto fail;
		}
		if (map_counts(&maps[kind], names, kind == STORE_KIND_MONTH,
			       &out->c[kind], &out->n[kind]) != 0)
			goto fail;
	}
	if (total > 0) {
		out->c[STORE_KIND_ALL] = calloc(1, sizeof *out->c[0]);
		if (!out->c[STORE_KIND_ALL])
			goto oom;
		out->c[STORE_KIND_ALL][0].name = strdup("");
		out->c[STORE_KIND_ALL][0].count = total;
		out->n[STORE_KIND_ALL] = 1;
		if (!out->c[STORE_KIND_ALL][0].name)
			goto oom;
	}
	result = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
	goto out;
fail:
	store_fail(s->db, err, errlen, "counting");
out:
	for (int kind = 0; kind < KINDS; kind++)
		map_free(&maps[kind]);
	sqlite3_finalize(st);
	sqlite3_finalize(names);
	store_buf_free(&sql);
	store_where_free(&w);
	keys_free(&k);
	return result;
}

int store_index_facet(struct store *s, const struct store_filter *f,
		      int kind, int limit, struct store_count **out, size_t *n,
		      bool *answered, char *err, size_t errlen)
{
	struct store_index_counts *k = s->index_counts;
	struct store_count *c = NULL;
	int64_t version = store_data_version(s);
	int64_t changes = sqlite3_total_changes64(s->db);
	char *key;
	size_t count;

	*answered = false;
	if (kind < 0 || kind >= KINDS ||
	    (!store_pack_reads(f) &&
	     (kind == STORE_KIND_REPORTER || !index_reads(f))))
		return 0;
	key = selection_key(f);
	if (!key) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (!k || strcmp(k->filter, key) != 0 || k->data_version != version ||
	    k->changes != changes ||
	    (kind == STORE_KIND_REPORTER && !k->reporters)) {
		store_index_counts_free(s);
		k = calloc(1, sizeof *k);
		if (!k) {
			free(key);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		k->filter = key;
		k->data_version = version;
		k->changes = changes;
		k->reporters = !store_pack_reads(f) ||
			       kind == STORE_KIND_REPORTER;
		if ((store_pack_reads(f)
			     ? store_pack_count(s, f, k->reporters, k->c, k->n,
						err, errlen)
			     : count_selection(s, f, k, err, errlen)) != 0) {
			counts_free(k);
			return -1;
		}
		s->index_counts = k;
	} else {
		free(key);
	}
	count = k->n[kind];
	if (limit > 0 && (size_t)limit < count)
		count = (size_t)limit;
	c = calloc(count + 1, sizeof *c);
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		c[i].name = strdup(k->c[kind][i].name);
		c[i].count = k->c[kind][i].count;
		if (!c[i].name) {
			store_counts_free(c, i);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	*out = c;
	*n = count;
	*answered = true;
	return 0;
}
