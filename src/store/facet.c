/*
 * facet — counts of the filtered articles by city, county, union, topic,
 * month or reporter, for the reader's side panel and `bulletin stats`.
 *
 * Counts are read from what the import keeps (schema.c) when the filter
 * allows:
 * - the whole store, or a selection by dates alone, from facet_counts: the
 *   months wholly inside the dates are summed, and only the days of a month
 *   cut by a date (at most two part months) are counted from the articles;
 * - a selection by one city or one topic, with or without dates, for the
 *   facets city, county, union, topic and month, from facet_pairs, the
 *   months summed and the cut days counted alike;
 * - with --unread on top of either, the read articles of the selection
 *   (few: the ones the user opened) are counted and taken away.
 * A selection by a county or a union, or by several of city, county,
 * union and topic, is read from facet_index (facet_index.c): the rows of
 * one key, counted by every facet at once; a search, from its matching
 * ids and the facet pack (pack.c), every facet at once.
 * Any other filter (a reporter, --starred, a search with --unread or
 * --starred), and the days of cut
 * months, are counted by GROUP BY over indexes and link tables alone: the
 * articles are found and their city, county and date read in an index
 * that holds them (see store_covering_index), never in the wide rows of
 * articles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

/* What a facet counts, as store_filter_sql gives it. */
struct facet_sql {
	const char *kept_value; /* its value from a kept one, or NULL */
	const char *name;  /* what is counted */
	const char *join;  /* the joins after articles a */
	const char *where; /* conditions of its own */
	const char *group;
	const char *order;
};

/* The articles themselves, one count (the kind STORE_KIND_ALL). */
static const struct facet_sql all_articles = {NULL, "''", "", "",
					      " GROUP BY 1",
					      " ORDER BY 2 DESC, 1"};

static struct facet_sql facet_sql(enum store_filter_key key)
{
	const struct store_filter_sql *q = &store_filter_sql[key];

	return (struct facet_sql){q->kept_value, q->name, q->join,
				  q->facet_where, q->group, q->order};
}

const char *store_covering_index(const struct store_filter *f)
{
	if (store_set(f->city))
		return "articles_city";
	if (store_set(f->county))
		return "articles_county";
	return "articles_facets";
}

/* Adds "SELECT name, count FROM articles a INDEXED BY <index> ... WHERE 1
 * <its own conditions>" (the count negated when sign < 0); the caller adds
 * conditions, then fs->group. */
static void add_select(struct store_buf *sql, const struct facet_sql *fs,
		       const char *index, int sign)
{
	store_buf_add(sql, "SELECT ");
	store_buf_add(sql, fs->name);
	store_buf_add(sql, sign < 0 ? ", -count(*)" : ", count(*)");
	store_buf_add(sql, " FROM articles a INDEXED BY ");
	store_buf_add(sql, index);
	store_buf_add(sql, fs->join);
	store_buf_add(sql, " WHERE 1");
	store_buf_add(sql, fs->where);
}

/* The days a filter's dates keep, as civil dates; to_y 0: no end. */
struct facet_days {
	int from_y, from_m, from_d, to_y, to_m, to_d;
};

/* Where kept counts can answer: KEPT_DATES (facet_counts), KEPT_CITY or
 * KEPT_TOPIC (facet_pairs), or KEPT_NONE. --unread is left aside: the
 * read articles are taken away afterwards. */
enum kept { KEPT_NONE, KEPT_DATES, KEPT_CITY, KEPT_TOPIC };

static bool is_date(enum store_filter_key k)
{
	enum store_match m = store_filters[k].match;

	return m == STORE_MATCH_FROM || m == STORE_MATCH_TO ||
	       m == STORE_MATCH_PERIOD;
}

/* kind: the facet's (enum store_kind), or -1 for a facet not kept. */
static enum kept kept_source(const struct store_filter *f, int kind)
{
	bool city = store_filter_value(f, STORE_FILTER_CITY) != NULL;
	bool topic = store_filter_value(f, STORE_FILTER_TOPIC) != NULL;

	for (int k = 0; k < STORE_FILTER_COUNT; k++)
		if (store_filter_value(f, (enum store_filter_key)k) &&
		    k != STORE_FILTER_CITY && k != STORE_FILTER_TOPIC &&
		    k != STORE_FILTER_UNREAD &&
		    !is_date((enum store_filter_key)k))
			return KEPT_NONE;
	if (kind < 0)
		return KEPT_NONE;
	if (!city && !topic)
		return KEPT_DATES;
	/* facet_pairs has no reporters */
	if ((city && topic) || kind == STORE_KIND_REPORTER)
		return KEPT_NONE;
	return city ? KEPT_CITY : KEPT_TOPIC;
}

static int month_days(int y, int m)
{
	return (int)(store_julian_day(y, m + 1, 1) - store_julian_day(y, m, 1));
}

/* The filter's dates (well formed: store_where_build checked them) as one
 * range; false when they keep no day at all. */
static bool date_range(const struct store_filter *f, struct facet_days *r)
{
	int64_t lo, hi;
	char err[64];

	*r = (struct facet_days){1, 1, 1, 0, 0, 0};
	if (store_filter_days(f, &lo, &hi, err, sizeof err) <= 0)
		return true;
	if (lo > 0)
		store_civil_date(lo, &r->from_y, &r->from_m, &r->from_d);
	if (hi < INT64_MAX)
		store_civil_date(hi, &r->to_y, &r->to_m, &r->to_d);
	return hi == INT64_MAX || lo <= hi;
}

/* Counts of a selection by f's dates within the articles that kept
 * counts follow: "SELECT value, n FROM <kept> kind = ... AND month ..."
 * (kept: "facet_counts WHERE", or facet_pairs with the selection's own
 * conditions and "AND"), the whole months (or all months) summed, plus a
 * GROUP BY over the days of the cut months with the conditions within (on
 * articles a, their parameters bound once for each of *n_cut). */
static void kept_sql(const struct store_filter *f, int kind,
		     const struct facet_sql *fs, const char *kept, const char *within,
		     struct store_buf *sql, size_t *n_cut, bool *empty)
{
	struct facet_days r;
	char buf[256], lo[24], hi[24];
	int64_t parts[2][2];
	size_t n_parts = 0;
	int64_t day_lo, day_hi;
	bool dated = store_filter_days(f, &day_lo, &day_hi, buf, sizeof buf) > 0;

	*empty = false;
	*n_cut = 0;
	store_buf_add(sql, "SELECT ");
	store_buf_add(sql, fs->kept_value ? fs->kept_value : "value");
	store_buf_add(sql, " AS value, n FROM ");
	store_buf_add(sql, kept);
	if (!dated) {
		snprintf(buf, sizeof buf, " kind = %d AND month = '*'", kind);
		store_buf_add(sql, buf);
		return;
	}
	if (!date_range(f, &r)) {
		*empty = true;
		return;
	}
	int64_t a = store_julian_day(r.from_y, r.from_m, r.from_d);
	int64_t b = r.to_y ? store_julian_day(r.to_y, r.to_m, r.to_d)
			   : INT64_MAX / 65536 - 1;
	int fy = r.from_y, fm = r.from_m, ty = r.to_y, tm = r.to_m;

	if (r.from_d != 1) { /* the cut first month, counted by day */
		int64_t end = store_julian_day(fy, fm + 1, 1) - 1;

		parts[n_parts][0] = a;
		parts[n_parts][1] = end < b ? end : b;
		n_parts++;
		if (++fm > 12) {
			fm = 1;
			fy++;
		}
	}
	if (r.to_y && r.to_d != month_days(ty, tm)) { /* the cut last month */
		int64_t start = store_julian_day(ty, tm, 1);

		if (n_parts == 0 || start > parts[0][1]) {
			parts[n_parts][0] = start > a ? start : a;
			parts[n_parts][1] = b;
			n_parts++;
		}
		if (--tm < 1) {
			tm = 12;
			ty--;
		}
	}
	snprintf(lo, sizeof lo, "%04d-%02d", fy % 10000, fm % 100);
	if (r.to_y)
		snprintf(hi, sizeof hi, "%04d-%02d", ty % 10000, tm % 100);
	else
		snprintf(hi, sizeof hi, "9999-99");
	snprintf(buf, sizeof buf, " kind = %d AND month BETWEEN '%s' AND '%s'",
		 kind, lo, hi);
	store_buf_add(sql, buf);
	for (size_t i = 0; i < n_parts; i++) {
		store_buf_add(sql, " UNION ALL ");
		add_select(sql, fs, store_covering_index(f), 1);
		store_buf_add(sql, within);
		snprintf(buf, sizeof buf, " AND a.date IS NOT NULL AND a.id"
			 " BETWEEN %lld AND %lld",
			 (long long)(parts[i][0] * 65536),
			 (long long)(parts[i][1] * 65536 + 65535));
		store_buf_add(sql, buf);
		store_buf_add(sql, fs->group);
	}
	*n_cut = n_parts;
}

/* The rows of st (a name, a count) as counts, appended to *c (count of
 * them). Returns 0, -1 out of memory, or -2 for SQLite's error. */
static int read_counts(sqlite3_stmt *st, struct store_count **c,
		       size_t *count)
{
	size_t cap = *count;
	bool oom = false;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct store_count *p = realloc(*c, ncap * sizeof *p);

			if (!p)
				return -1;
			*c = p;
			cap = ncap;
		}
		(*c)[*count].name = store_column_strdup(st, 0, &oom);
		(*c)[*count].count = sqlite3_column_int64(st, 1);
		if (oom || !(*c)[*count].name)
			return -1;
		(*count)++;
	}
	return rc == SQLITE_DONE ? 0 : -2;
}

/* Counts of a facet made from kept counts of another kind (fs->kept_value)
 * out of that kind's counts kept[0..n_kept): its values made and their
 * counts summed, by SQL, in fs's order. */
static int derive_counts(struct store *s, const struct facet_sql *fs,
			 const struct store_count *kept, size_t n_kept,
			 int limit, struct store_count **out, size_t *n,
			 char *err, size_t errlen)
{
	struct store_buf sql = {0};
	struct store_count *c = NULL;
	sqlite3_stmt *st = NULL;
	size_t count = 0;
	int result = -1;

	*out = NULL;
	*n = 0;
	if (n_kept == 0)
		return 0;
	store_buf_add(&sql, "SELECT ");
	store_buf_add(&sql, fs->kept_value);
	store_buf_add(&sql, " AS name, sum(n) FROM (SELECT column1 AS value,"
			    " column2 AS n FROM (VALUES (?, ?)");
	for (size_t i = 1; i < n_kept; i++)
		store_buf_add(&sql, ", (?, ?)");
	store_buf_add(&sql, ")) GROUP BY 1");
	store_buf_add(&sql, fs->order);
	store_buf_add(&sql, " LIMIT ?");
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < n_kept; i++)
		if (sqlite3_bind_text(st, (int)(2 * i + 1), kept[i].name, -1,
				      SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_int64(st, (int)(2 * i + 2), kept[i].count) !=
			    SQLITE_OK)
			goto fail;
	if (sqlite3_bind_int(st, (int)(2 * n_kept + 1),
			     limit > 0 ? limit : -1) != SQLITE_OK)
		goto fail;
	switch (read_counts(st, &c, &count)) {
	case 0:
		break;
	case -1:
		snprintf(err, errlen, "out of memory");
		goto out;
	default:
		goto fail;
	}
	*out = c;
	*n = count;
	c = NULL;
	result = 0;
	goto out;
fail:
	store_fail(s->db, err, errlen, "counting");
out:
	store_counts_free(c, count);
	sqlite3_finalize(st);
	store_buf_free(&sql);
	return result;
}

/* Counts of f by what fs counts, kept as kind (enum store_kind, -1:
 * not kept); see store_facet. */
static int count_facet(struct store *s, const struct store_filter *f,
		       const struct facet_sql *fs, int kind, int limit,
		       struct store_count **out, size_t *n, char *err,
		       size_t errlen)
{
	struct store_where w, sel = {0};
	struct store_buf sql = {0};
	struct store_count *c = NULL;
	size_t count = 0, n_cut = 0;
	sqlite3_stmt *st = NULL;
	char *match = NULL, *pair_owned = NULL;
	const char *pair_value = NULL;
	enum kept kept;
	int next = 1, result = -1;

	if (store_where_build(f, &w, err, errlen) != 0)
		return -1;
	if (f->query && store_query_compile(f->query, &match, err, errlen) != 0)
		goto out;
	kept = s->recount ? KEPT_NONE : kept_source(f, kind);
	if (kept == KEPT_NONE && !s->recount && kind >= 0) {
		struct store_count *k = NULL;
		size_t nk = 0;
		bool answered = false;

		/* a facet made of another kind: from all of that kind's */
		if (store_index_facet(s, f, kind, fs->kept_value ? 0 : limit,
				      &k, &nk, &answered, err, errlen) != 0)
			goto out;
		if (answered && fs->kept_value) {
			result = derive_counts(s, fs, k, nk, limit, out, n, err,
					       errlen);
			store_counts_free(k, nk);
			goto out;
		}
		if (answered) {
			*out = k;
			*n = nk;
			result = 0;
			goto out;
		}
	}
	if (kept == KEPT_NONE) {
		add_select(&sql, fs, store_covering_index(f), 1);
		if (match)
			store_buf_add(&sql, " AND a.id IN (SELECT rowid FROM fts"
					    " WHERE fts MATCH ?)");
		store_buf_add(&sql, w.sql.s);
		store_buf_add(&sql, fs->group);
		store_buf_add(&sql, fs->order);
		store_buf_add(&sql, " LIMIT ?");
	} else {
		struct store_filter rest = *f;
		bool empty = false;

		store_buf_add(&sql, "SELECT value, sum(n) FROM (");
		if (kept == KEPT_DATES) {
			kept_sql(f, kind, fs, "facet_counts WHERE", "", &sql,
				 &n_cut, &empty);
		} else {
			struct store_filter one = {0};
			char buf[160];

			if (kept == KEPT_CITY)
				pair_value = pair_owned =
					store_city_name(f->city);
			else
				pair_value = f->topic;
			/* the selection alone, for the days of cut months */
			if (kept == KEPT_CITY)
				one.city = f->city;
			else
				one.topic = f->topic;
			if (store_where_build(&one, &sel, err, errlen) != 0)
				goto out;
			snprintf(buf, sizeof buf, "facet_pairs WHERE fkind = %d"
				 " AND fvalue = ? AND", kept == KEPT_CITY
				 ? STORE_KIND_CITY : STORE_KIND_TOPIC);
			kept_sql(f, kind, fs, buf, sel.sql.s, &sql, &n_cut,
				 &empty);
		}
		/* the filter's parameters now serve only the read articles */
		store_where_free(&w);
		if (f->unread) {
			rest.unread = false;
			if (store_where_build(&rest, &w, err, errlen) != 0)
				goto out;
			store_buf_add(&sql, " UNION ALL ");
			add_select(&sql, fs, store_covering_index(f), -1);
			store_buf_add(&sql, w.sql.s);
			store_buf_add(&sql, " AND a.id IN (SELECT article_id"
					    " FROM marks WHERE read)");
			store_buf_add(&sql, fs->group);
		}
		store_buf_add(&sql, ") GROUP BY 1 HAVING sum(n) > 0");
		store_buf_add(&sql, fs->order);
		store_buf_add(&sql, " LIMIT ?");
		if (empty) {
			*out = NULL;
			*n = 0;
			result = 0;
			goto out;
		}
		if (kept != KEPT_DATES && !pair_value) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	}
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    (match && sqlite3_bind_text(st, next++, match, -1, SQLITE_STATIC) !=
			      SQLITE_OK) ||
	    (pair_value && sqlite3_bind_text(st, next++, pair_value, -1,
					     SQLITE_STATIC) != SQLITE_OK)) {
		store_fail(s->db, err, errlen, "counting");
		goto out;
	}
	for (size_t i = 0; i < n_cut; i++) {
		if ((next = store_where_bind(st, &sel, next)) < 0) {
			store_fail(s->db, err, errlen, "counting");
			goto out;
		}
	}
	if ((next = store_where_bind(st, &w, next)) < 0 ||
	    sqlite3_bind_int(st, next, limit > 0 ? limit : -1) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "counting");
		goto out;
	}
	switch (read_counts(st, &c, &count)) {
	case 0:
		break;
	case -1:
		snprintf(err, errlen, "out of memory");
		goto out;
	default:
		store_fail(s->db, err, errlen, "counting");
		goto out;
	}
	*out = c;
	*n = count;
	c = NULL;
	result = 0;
out:
	store_counts_free(c, count);
	sqlite3_finalize(st);
	store_buf_free(&sql);
	store_where_free(&w);
	store_where_free(&sel);
	free(match);
	free(pair_owned);
	return result;
}

int store_facet(struct store *s, const struct store_filter *f,
		enum store_filter_key facet, int limit, struct store_count **out,
		size_t *n, char *err, size_t errlen)
{
	struct facet_sql fs;

	if ((unsigned)facet >= STORE_FILTER_COUNT ||
	    !store_filters[facet].title || !store_filter_sql[facet].name) {
		snprintf(err, errlen, "no such facet");
		return -1;
	}
	fs = facet_sql(facet);
	return count_facet(s, f, &fs,
			   store_filter_sql[facet].kept
				   ? store_filter_sql[facet].kind
				   : -1,
			   limit, out, n, err, errlen);
}

int store_kept_count(struct store *s, const struct store_filter *f,
		     int64_t *n, bool *answered, char *err, size_t errlen)
{
	struct store_count *c = NULL;
	size_t k = 0;

	*answered = false;
	if (s->recount)
		return 0;
	if (kept_source(f, STORE_KIND_ALL) == KEPT_NONE) {
		if (store_index_facet(s, f, STORE_KIND_ALL, 0, &c, &k, answered,
				      err, errlen) != 0)
			return -1;
		if (*answered)
			*n = k > 0 ? c[0].count : 0;
		store_counts_free(c, k);
		return 0;
	}
	if (count_facet(s, f, &all_articles, STORE_KIND_ALL, 0, &c, &k, err,
			errlen) != 0)
		return -1;
	*n = k > 0 ? c[0].count : 0;
	*answered = true;
	store_counts_free(c, k);
	return 0;
}
