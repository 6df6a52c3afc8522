/*
 * city_months — the articles of a selection counted by city and month at
 * once, for the chart of cities × months (stats --chart, the reader's
 * chart view): one grouped query, never one per cell. The whole store, or
 * a selection by one city or by one topic alone, is read from the kept
 * counts (facet_counts and facet_pairs keep every city's count in every
 * month: schema.c); a search, from its matching ids and the facet pack
 * (pack.c); any other selection (dates, several keys, marks) is counted
 * by one GROUP BY over the index that holds the city
 * and date of each article (store_covering_index), never the wide rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

/* The one filter key set in f, or -1 for none, -2 for several. */
static int only_key(const struct store_filter *f)
{
	int key = -1;

	for (int k = 0; k < STORE_FILTER_COUNT; k++)
		if (store_filter_value(f, (enum store_filter_key)k))
			key = key == -1 ? k : -2;
	return key;
}

void store_city_months_free(struct store_city_month *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++)
		free(c[i].city);
	free(c);
}

int store_city_months(struct store *s, const struct store_filter *f,
		      struct store_city_month **out, size_t *n, char *err,
		      size_t errlen)
{
	struct store_where w = {0};
	struct store_buf sql = {0};
	struct store_city_month *c = NULL;
	sqlite3_stmt *st = NULL;
	char *match = NULL, *city = NULL;
	const char *pair_value = NULL;
	size_t count = 0, cap = 0;
	int key = only_key(f), next = 1, rc, result = -1;
	bool where_built = false;
	char buf[160];

	if (!s->recount && key == -1) {
		snprintf(buf, sizeof buf,
			 "SELECT value, month, n FROM"
			 " facet_counts WHERE kind = %d AND month >= '0'"
			 " ORDER BY 1, 2",
			 STORE_KIND_CITY);
		store_buf_add(&sql, buf);
	} else if (!s->recount &&
		   (key == STORE_FILTER_CITY || key == STORE_FILTER_TOPIC)) {
		if (key == STORE_FILTER_CITY) {
			pair_value = city = store_city_name(f->city);
			if (!city)
				goto oom;
		} else {
			pair_value = f->topic;
		}
		snprintf(buf, sizeof buf,
			 "SELECT value, month, n FROM"
			 " facet_pairs WHERE fkind = %d AND fvalue = ? AND"
			 " kind = %d AND month >= '0' ORDER BY 1, 2",
			 key == STORE_FILTER_CITY ? STORE_KIND_CITY
						  : STORE_KIND_TOPIC,
			 STORE_KIND_CITY);
		store_buf_add(&sql, buf);
	} else if (!s->recount && store_pack_reads(f)) {
		return store_pack_city_months(s, f, out, n, err, errlen);
	} else {
		if (store_where_build(f, &w, err, errlen) != 0)
			return -1;
		where_built = true;
		if (f->query &&
		    store_query_compile(f->query, &match, err, errlen) != 0)
			goto out;
		store_buf_add(&sql,
			      "SELECT a.city, substr(a.date, 1, 7),"
			      " count(*) FROM articles a INDEXED BY ");
		store_buf_add(&sql, store_covering_index(f));
		store_buf_add(&sql,
			      " WHERE a.city IS NOT NULL AND a.date IS"
			      " NOT NULL");
		if (match)
			store_buf_add(&sql,
				      " AND a.id IN (SELECT rowid FROM"
				      " fts WHERE fts MATCH ?)");
		store_buf_add(&sql, w.sql.s);
		store_buf_add(&sql, " GROUP BY 1, 2 ORDER BY 1, 2");
	}
	if (sql.failed)
		goto oom;
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    (pair_value && sqlite3_bind_text(st, next++, pair_value, -1,
					     SQLITE_STATIC) != SQLITE_OK) ||
	    (match && sqlite3_bind_text(st, next++, match, -1, SQLITE_STATIC) !=
			      SQLITE_OK) ||
	    (where_built && store_where_bind(st, &w, next) < 0))
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *month = (const char *)sqlite3_column_text(st, 1);
		bool oom = false;

		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct store_city_month *p =
				realloc(c, ncap * sizeof *p);

			if (!p)
				goto oom;
			c = p;
			cap = ncap;
		}
		c[count].city = store_column_strdup(st, 0, &oom);
		if (oom || !c[count].city)
			goto oom;
		snprintf(c[count].month, sizeof c[count].month, "%.7s",
			 month ? month : "");
		c[count].count = sqlite3_column_int64(st, 2);
		count++;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	*out = c;
	*n = count;
	c = NULL;
	count = 0;
	result = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
	goto out;
fail:
	store_fail(s->db, err, errlen, "counting by city and month");
out:
	store_city_months_free(c, count);
	sqlite3_finalize(st);
	store_buf_free(&sql);
	if (where_built)
		store_where_free(&w);
	free(match);
	free(city);
	return result;
}
