/*
 * facet — counts of the filtered articles by city, county, union, topic,
 * month or reporter, for the reader's side panel and `bulletin stats`.
 * Plain GROUP BY over the indexed columns and link tables for now; the
 * link tables' (value, article_id) indexes leave room for kept counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

struct facet_sql {
	const char *select; /* the name, its count and the joins */
	const char *where;  /* conditions of its own */
	const char *order;
};

static const struct facet_sql facets[] = {
	[STORE_FACET_CITY] = {"a.city, count(*) FROM articles a", " AND a.city IS NOT NULL",
			      " GROUP BY 1 ORDER BY 2 DESC, 1"},
	[STORE_FACET_COUNTY] = {"a.county, count(*) FROM articles a",
				" AND a.county IS NOT NULL",
				" GROUP BY 1 ORDER BY 2 DESC, 1"},
	[STORE_FACET_UNION] = {"u.name, count(*) FROM articles a JOIN article_unions x"
			       " ON x.article_id = a.id JOIN unions u ON"
			       " u.id = x.union_id", "",
			       " GROUP BY x.union_id ORDER BY 2 DESC, 1"},
	[STORE_FACET_TOPIC] = {"t.name, count(*) FROM articles a JOIN article_topics x"
			       " ON x.article_id = a.id JOIN topics t ON"
			       " t.id = x.topic_id", "",
			       " GROUP BY x.topic_id ORDER BY 2 DESC, 1"},
	[STORE_FACET_MONTH] = {"substr(a.date, 1, 7), count(*) FROM articles a",
			       " AND a.date IS NOT NULL",
			       " GROUP BY 1 ORDER BY 1 DESC"},
	[STORE_FACET_REPORTER] = {"p.name, count(*) FROM articles a JOIN (SELECT"
				  " article_id, person_id FROM bylines UNION"
				  " SELECT article_id, person_id FROM authors)"
				  " x ON x.article_id = a.id JOIN people p ON"
				  " p.id = x.person_id", "",
				  " GROUP BY x.person_id ORDER BY 2 DESC, 1"},
};

void store_counts_free(struct store_count *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++)
		free(c[i].name);
	free(c);
}

int store_facet(struct store *s, const struct store_filter *f,
		enum store_facet facet, int limit, struct store_count **out,
		size_t *n, char *err, size_t errlen)
{
	struct store_where w;
	struct store_buf sql = {0};
	struct store_count *c = NULL;
	size_t count = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	char *match = NULL;
	bool oom = false;
	int next = 1, rc, result = -1;

	if ((unsigned)facet >= sizeof facets / sizeof facets[0]) {
		snprintf(err, errlen, "no such facet");
		return -1;
	}
	if (store_where_build(f, &w, err, errlen) != 0)
		return -1;
	if (f->query && store_query_compile(f->query, &match, err, errlen) != 0)
		goto out;
	store_buf_add(&sql, "SELECT ");
	store_buf_add(&sql, facets[facet].select);
	store_buf_add(&sql, " WHERE ");
	store_buf_add(&sql, match ? "a.id IN (SELECT rowid FROM fts WHERE fts"
				    " MATCH ?)" : "1");
	store_buf_add(&sql, facets[facet].where);
	store_buf_add(&sql, w.sql.s);
	store_buf_add(&sql, facets[facet].order);
	store_buf_add(&sql, " LIMIT ?");
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    (match && sqlite3_bind_text(st, next++, match, -1, SQLITE_STATIC) !=
			      SQLITE_OK) ||
	    (next = store_where_bind(st, &w, next)) < 0 ||
	    sqlite3_bind_int(st, next, limit > 0 ? limit : -1) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "counting");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct store_count *p = realloc(c, ncap * sizeof *p);

			if (!p) {
				oom = true;
				break;
			}
			c = p;
			cap = ncap;
		}
		c[count].name = store_column_strdup(st, 0, &oom);
		c[count].count = sqlite3_column_int64(st, 1);
		count++;
		if (oom || !c[count - 1].name) {
			oom = true;
			break;
		}
	}
	if (oom) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (rc != SQLITE_DONE) {
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
	free(match);
	return result;
}
