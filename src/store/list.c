/*
 * list — what a list or a search shows: rows of a filter (filter.c)
 * newest first with keyset paging (a.id < after), full-text search
 * through the fts table (rank.c, the headline weighing most, or date
 * order) with a snippet per row, and counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

#define SNIPPET_CHARS 80
#define RUN_SCAN 2000 /* see run_rows */
#define RUN_PROBE 64

void store_rows_free(struct store_row *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++) {
		free(rows[i].city);
		free(rows[i].county);
		free(rows[i].kicker);
		free(rows[i].headline);
		free(rows[i].source);
		free(rows[i].snippet);
		page_article_clear(rows[i].article);
		free(rows[i].article);
	}
	free(rows);
}

#define ROW_COLUMNS                                                      \
	"a.id, a.date, a.date_precision, a.city, a.county, a.kicker,"    \
	" a.headline, (SELECT path FROM sources WHERE id = a.source_id)," \
	" coalesce(m.read, 0), coalesce(m.starred, 0), a.year, a.month, a.day"

/* Fills r from the current row of a list statement; for a search, column
 * 13 is the body (for the snippet) and 14 the rank. */
static void fill_row(sqlite3_stmt *st, const struct text_list *terms,
		     struct store_row *r, bool *oom)
{
	const unsigned char *date;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	date = sqlite3_column_text(st, 1);
	if (date)
		snprintf(r->date, sizeof r->date, "%s", (const char *)date);
	r->precision = (enum date_precision)sqlite3_column_int(st, 2);
	r->city = store_column_strdup(st, 3, oom);
	r->county = store_column_strdup(st, 4, oom);
	r->kicker = store_column_strdup(st, 5, oom);
	r->headline = store_column_strdup(st, 6, oom);
	r->source = store_column_strdup(st, 7, oom);
	r->read = sqlite3_column_int(st, 8) != 0;
	r->starred = sqlite3_column_int(st, 9) != 0;
	r->year = sqlite3_column_int(st, 10);
	r->month = sqlite3_column_int(st, 11);
	r->day = sqlite3_column_int(st, 12);
	if (!r->headline && !*oom) {
		r->headline = strdup("");
		*oom = !r->headline;
	}
	if (terms) {
		const unsigned char *body = sqlite3_column_text(st, 13);

		r->snippet = store_snippet(body ? (const char *)body : "",
					   terms, SNIPPET_CHARS);
		if (!r->snippet)
			*oom = true;
		/* a hit only in the headline: show it there, marked */
		if (r->snippet && r->headline &&
		    !strstr(r->snippet, STORE_HIT_OPEN)) {
			char *h = store_snippet(r->headline, terms,
						SNIPPET_CHARS);

			if (h && strstr(h, STORE_HIT_OPEN)) {
				free(r->snippet);
				r->snippet = h;
			} else {
				free(h);
			}
		}
		r->rank = sqlite3_column_double(st, 14);
	}
}

/* Makes room for one more row. */
static struct store_row *grow(struct store_row **rows, size_t count,
			      size_t *cap)
{
	if (count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 32;
		struct store_row *p = realloc(*rows, ncap * sizeof *p);

		if (!p)
			return NULL;
		*rows = p;
		*cap = ncap;
	}
	return &(*rows)[count];
}

/* Runs a prepared list statement into rows (appended to *rows, *n). With
 * max_scan > 0, only rows whose column 15 is true are kept, and at most
 * max_scan rows are looked at, fewer when the first RUN_PROBE of them
 * found too few to fill the page at that rate: *last is then the id of the
 * last one looked at, or 0 when the statement ran to its end. */
static int collect(sqlite3_stmt *st, const struct text_list *terms,
		   size_t limit, long max_scan, int64_t *last,
		   struct store_row **rows, size_t *n, char *err,
		   size_t errlen)
{
	struct store_row *out = *rows;
	size_t count = *n, cap = *n, start = *n;
	long scanned = 0;
	int64_t seen = 0;
	bool oom = false;
	int rc = SQLITE_DONE;

	if (last)
		*last = 0;
	while (count < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_row *r;

		if (max_scan > 0) {
			if (++scanned > max_scan ||
			    (scanned > RUN_PROBE &&
			     (long)(count - start) * max_scan <
				     (long)(scanned - 1) * (long)(limit - start))) {
				*last = seen;
				rc = SQLITE_DONE;
				break;
			}
			seen = sqlite3_column_int64(st, 0);
			if (!sqlite3_column_int(st, 15))
				continue;
		}
		r = grow(&out, count, &cap);
		if (!r) {
			oom = true;
			break;
		}
		count++;
		fill_row(st, terms, r, &oom);
		if (oom)
			break;
	}
	if (count >= limit)
		rc = SQLITE_DONE;
	if (oom) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "reading the list: %s",
			 sqlite3_errmsg(sqlite3_db_handle(st)));
		goto fail;
	}
	*rows = out;
	*n = count;
	return 0;
fail:
	store_rows_free(out, count);
	*rows = NULL;
	*n = 0;
	return -1;
}

/* Where rank order stops: the id of the STORE_RANK_WINDOW-th newest match of
 * f's search into *edge, or 0 when there are no more matches than that.
 * Rank order ranks the newest STORE_RANK_WINDOW matches, the older ones follow
 * newest first: a word that most articles hold is never scored in every
 * one of them (each score reads the row's hits in every column), and a
 * search for it at a million articles costs what it costs at two
 * thousand. A rarer word (no more matches than the window) is ranked
 * whole. */
static int rank_window(struct store *s, const struct store_filter *f,
		       const char *match, const struct store_where *w,
		       int64_t *edge, char *err, size_t errlen)
{
	struct store_buf sql = {0};
	sqlite3_stmt *st = NULL;
	int next = 1, rc, result = -1;

	*edge = 0;
	(void)f;
	store_buf_add(&sql, "SELECT fts.rowid FROM fts");
	if (w->sql.len > 0)
		store_buf_add(&sql, " JOIN articles a ON a.id = fts.rowid");
	store_buf_add(&sql, " WHERE fts MATCH ?");
	store_buf_add(&sql, w->sql.s);
	store_buf_add(&sql, " ORDER BY fts.rowid DESC LIMIT 1 OFFSET ?");
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, next++, match, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
	    (next = store_where_bind(st, w, next)) < 0 ||
	    sqlite3_bind_int(st, next, STORE_RANK_WINDOW - 1) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "ranking");
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*edge = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		store_fail(s->db, err, errlen, "ranking");
		goto out;
	}
	result = 0;
out:
	sqlite3_finalize(st);
	store_buf_free(&sql);
	return result;
}

/* The list or search statement: direction < 0 for the rows after
 * `edge` in the order (newest first), > 0 for the rows before it. Rows are
 * appended to *rows, *n. */
static int query_rows(struct store *s, const struct store_filter *f,
		     int64_t edge, int direction, int offset, int limit,
		     struct store_row **rows, size_t *n, char *err,
		     size_t errlen)
{
	struct store_where w;
	struct store_buf sql = {0};
	struct text_list terms = {0};
	sqlite3_stmt *st = NULL;
	char *match = NULL;
	char tail[128];
	bool search = f->query != NULL;
	bool by_rank = search && f->sort == STORE_SORT_RANK;
	int64_t rank_edge = 0;
	int next, spill = 0, result = -1;

	if (limit <= 0)
		return 0;
	if (store_where_build(f, &w, err, errlen) != 0)
		return -1;
	if (search) {
		if (store_query_compile(f->query, &match, err, errlen) != 0 ||
		    store_query_terms(f->query, &terms, err, errlen) != 0)
			goto out;
	}
	if (by_rank) {
		int64_t window = 0;

		if (rank_window(s, f, match, &w, &window, err, errlen) != 0)
			goto out;
		if (window > 0 && offset >= STORE_RANK_WINDOW) {
			/* past the ranked newest: the older matches by date */
			struct store_filter by_date = *f;

			by_date.sort = STORE_SORT_DATE;
			result = query_rows(s, &by_date, window, -1,
					    offset - STORE_RANK_WINDOW, limit, rows, n,
					    err, errlen);
			goto out;
		}
		/* rank the matches from the index alone (articles only when a
		 * filter needs them), then read the rows of one page */
		store_buf_add(&sql, "SELECT " ROW_COLUMNS ", a.body, r.rank"
				    " FROM (SELECT fts.rowid AS id,"
				    " hits(fts, 10.0, 2.0, 1.0, 1.0, (SELECT min(id)"
				    " FROM articles), (SELECT max(id) FROM"
				    " articles)) AS rank"
				    " FROM fts");
		if (w.sql.len > 0)
			store_buf_add(&sql, " JOIN articles a ON a.id = fts.rowid");
		store_buf_add(&sql, " WHERE fts MATCH ?");
		store_buf_add(&sql, w.sql.s);
		if (window > 0) {
			snprintf(tail, sizeof tail, " AND fts.rowid >= %lld",
				 (long long)window);
			store_buf_add(&sql, tail);
			if (offset + limit > STORE_RANK_WINDOW)
				spill = offset + limit - STORE_RANK_WINDOW;
		}
		store_buf_add(&sql, " ORDER BY 2, 1 DESC LIMIT ? OFFSET ?) r"
				    " JOIN articles a ON a.id = r.id"
				    " LEFT JOIN marks m ON m.article_id = a.id"
				    " ORDER BY r.rank, a.id DESC");
		rank_edge = window;
	} else {
		const char *key = search ? "fts.rowid" : "a.id";

		/* no rank in date order: hits() would read every phrase's
		 * postings again for its idf (a third of a rare word's
		 * search at a million articles) */
		if (search)
			store_buf_add(&sql, "SELECT " ROW_COLUMNS ", a.body, 0.0"
					    " FROM fts JOIN articles a ON"
					    " a.id = fts.rowid LEFT JOIN marks m"
					    " ON m.article_id = a.id WHERE fts"
					    " MATCH ?");
		else
			store_buf_add(&sql, "SELECT " ROW_COLUMNS " FROM articles"
					    " a LEFT JOIN marks m ON"
					    " m.article_id = a.id WHERE 1");
		store_buf_add(&sql, w.sql.s);
		if (edge > 0) {
			snprintf(tail, sizeof tail, " AND %s %s %lld", key,
				 direction < 0 ? "<" : ">", (long long)edge);
			store_buf_add(&sql, tail);
		}
		snprintf(tail, sizeof tail, " ORDER BY %s %s LIMIT ? OFFSET ?",
			 key, direction < 0 ? "DESC" : "ASC");
		store_buf_add(&sql, tail);
	}
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "listing");
		goto out;
	}
	next = 1;
	if (search && sqlite3_bind_text(st, next++, match, -1,
					SQLITE_STATIC) != SQLITE_OK)
		goto bind_fail;
	next = store_where_bind(st, &w, next);
	if (next < 0 || sqlite3_bind_int(st, next, limit) != SQLITE_OK ||
	    sqlite3_bind_int(st, next + 1, offset) != SQLITE_OK)
		goto bind_fail;
	result = collect(st, search ? &terms : NULL, *n + (size_t)limit, 0,
			 NULL, rows, n, err, errlen);
	if (result == 0 && spill > 0) {
		/* the page runs past the ranked newest into the older ones */
		struct store_filter by_date = *f;

		by_date.sort = STORE_SORT_DATE;
		result = query_rows(s, &by_date, rank_edge, -1, 0, spill, rows,
				    n, err, errlen);
	}
	goto out;
bind_fail:
	store_fail(s->db, err, errlen, "listing");
out:
	sqlite3_finalize(st);
	store_buf_free(&sql);
	store_where_free(&w);
	text_list_free(&terms);
	free(match);
	return result;
}

/* A search for one run of CJK characters in date order. FTS5 reads a
 * frequent word's postings in every segment of the index before the first
 * row, and for one character it must merge the postings of every bigram
 * that starts with it (a prefix query). A word that many articles hold is
 * found sooner by reading the articles newest first and looking for it:
 * the same match, since the indexed columns hold the run as the tokenizer
 * folds it exactly when FTS5 matches it (fts_cjk.c, holds.c). At most RUN_SCAN articles are read
 * that way, fewer when the first RUN_PROBE of them show that the page would
 * not fill; the rest of the page comes from the index, past the last
 * article read. */
static int run_rows(struct store *s, const struct store_filter *f,
		    const char *run, int64_t edge, int direction, int limit,
		    struct store_row **rows, size_t *n, char *err,
		    size_t errlen)
{
	struct store_where w;
	struct store_buf sql = {0};
	struct text_list terms = {0};
	sqlite3_stmt *st = NULL;
	int64_t last = 0;
	char tail[128];
	int next, result = -1;

	if (store_where_build(f, &w, err, errlen) != 0)
		return -1;
	if (store_query_terms(f->query, &terms, err, errlen) != 0)
		goto out;
	store_buf_add(&sql, "SELECT " ROW_COLUMNS ", a.body, 0.0,"
			    " cjk_holds(?1, a.headline, a.kicker, a.body,"
			    " a.captions) FROM articles a"
			    " LEFT JOIN marks m ON m.article_id = a.id WHERE 1");
	store_buf_add(&sql, w.sql.s);
	if (edge > 0) {
		snprintf(tail, sizeof tail, " AND a.id %s %lld",
			 direction < 0 ? "<" : ">", (long long)edge);
		store_buf_add(&sql, tail);
	}
	store_buf_add(&sql, direction < 0 ? " ORDER BY a.id DESC"
					  : " ORDER BY a.id ASC");
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, run, -1, SQLITE_STATIC) != SQLITE_OK ||
	    (next = store_where_bind(st, &w, 2)) < 0) {
		store_fail(s->db, err, errlen, "listing");
		goto out;
	}
	if (collect(st, &terms, (size_t)limit, RUN_SCAN, &last, rows, n, err,
		    errlen) != 0)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	if (last != 0 && *n < (size_t)limit &&
	    query_rows(s, f, last, direction, 0, limit - (int)*n, rows, n,
		       err, errlen) != 0)
		goto out;
	result = 0;
out:
	sqlite3_finalize(st);
	store_buf_free(&sql);
	store_where_free(&w);
	text_list_free(&terms);
	return result;
}

/* Rows of the list or search (see query_rows), into fresh *rows, *n. */
static int list_rows(struct store *s, const struct store_filter *f,
		     int64_t edge, int direction, int offset, int limit,
		     struct store_row **rows, size_t *n, char *err,
		     size_t errlen)
{
	char *run = NULL;
	int result;

	*rows = NULL;
	*n = 0;
	if (f->query && f->sort != STORE_SORT_RANK && offset == 0 &&
	    limit > 0 && (run = store_query_cjk_run(f->query)) != NULL) {
		result = run_rows(s, f, run, edge, direction, limit, rows, n,
				  err, errlen);
		free(run);
		return result;
	}
	return query_rows(s, f, edge, direction, offset, limit, rows, n, err,
			  errlen);
}

int store_list(struct store *s, const struct store_filter *f,
	       int64_t after_id, int offset, int limit,
	       struct store_row **rows, size_t *n, char *err, size_t errlen)
{
	bool by_rank = f->query && f->sort == STORE_SORT_RANK;

	if (offset < 0 || (!by_rank && offset != 0)) {
		snprintf(err, errlen, "an offset is only for rank order");
		return -1;
	}
	return list_rows(s, f, by_rank ? 0 : after_id, -1, offset, limit,
			 rows, n, err, errlen);
}

/* Rank order has no key to page on: find before_id's place by walking the
 * ranked list, then take the rows above it. */
static int list_before_by_rank(struct store *s, const struct store_filter *f,
			       int64_t before_id, int limit,
			       struct store_row **rows, size_t *n, char *err,
			       size_t errlen)
{
	const int batch = 256;
	int offset = 0, place = -1, result = -1;

	if (before_id == 0) { /* from the end */
		int64_t total = 0;

		if (store_count(s, f, &total, err, errlen) != 0)
			return -1;
		place = total > INT32_MAX ? INT32_MAX : (int)total;
	}
	while (place < 0) {
		struct store_row *page = NULL;
		size_t got = 0;

		if (list_rows(s, f, 0, -1, offset, batch, &page, &got, err,
			      errlen) != 0)
			return -1;
		for (size_t i = 0; i < got; i++)
			if (page[i].id == before_id)
				place = offset + (int)i;
		store_rows_free(page, got);
		if (place < 0 && got < (size_t)batch) {
			*rows = NULL;
			*n = 0;
			return 0;
		}
		offset += batch;
	}
	int first = place > limit ? place - limit : 0;
	result = list_rows(s, f, 0, -1, first, place - first, rows, n, err,
			   errlen);
	if (result == 0) /* nearest first */
		for (size_t i = 0; i < *n / 2; i++) {
			struct store_row t = (*rows)[i];

			(*rows)[i] = (*rows)[*n - 1 - i];
			(*rows)[*n - 1 - i] = t;
		}
	return result;
}

int store_list_before(struct store *s, const struct store_filter *f,
		      int64_t before_id, int limit, struct store_row **rows,
		      size_t *n, char *err, size_t errlen)
{
	if (f->query && f->sort == STORE_SORT_RANK)
		return list_before_by_rank(s, f, before_id, limit, rows, n, err,
					   errlen);
	return list_rows(s, f, before_id, 1, 0, limit, rows, n, err, errlen);
}

int store_count(struct store *s, const struct store_filter *f, int64_t *n,
		char *err, size_t errlen)
{
	struct store_where w;
	struct store_buf sql = {0};
	sqlite3_stmt *st = NULL;
	char *match = NULL;
	bool answered = false;
	int next = 1, result = -1;

	if (store_where_build(f, &w, err, errlen) != 0)
		return -1;
	if (store_kept_count(s, f, n, &answered, err, errlen) != 0 ||
	    answered) {
		store_where_free(&w);
		return answered ? 0 : -1;
	}
	if (f->query && store_query_compile(f->query, &match, err, errlen) != 0)
		goto out;
	store_buf_add(&sql, "SELECT count(*) FROM articles a INDEXED BY ");
	store_buf_add(&sql, store_covering_index(f));
	store_buf_add(&sql, " WHERE ");
	store_buf_add(&sql, match ? "a.id IN (SELECT rowid FROM fts WHERE fts"
				    " MATCH ?)" : "1");
	store_buf_add(&sql, w.sql.s);
	if (sql.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    (match && sqlite3_bind_text(st, next++, match, -1, SQLITE_STATIC) !=
			      SQLITE_OK) ||
	    store_where_bind(st, &w, next) < 0 ||
	    sqlite3_step(st) != SQLITE_ROW) {
		store_fail(s->db, err, errlen, "counting");
		goto out;
	}
	*n = sqlite3_column_int64(st, 0);
	result = 0;
out:
	sqlite3_finalize(st);
	store_buf_free(&sql);
	store_where_free(&w);
	free(match);
	return result;
}

int store_rows_by_id(struct store *s, const int64_t *ids, size_t n,
		     struct store_row **rows, size_t *n_rows, char *err,
		     size_t errlen)
{
	sqlite3_stmt *st = NULL;
	struct store_row *out = calloc(n ? n : 1, sizeof *out);
	size_t count = 0;
	bool oom = !out;
	int rc = SQLITE_ROW;

	if (oom) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_prepare_v2(s->db, "SELECT " ROW_COLUMNS " FROM articles a"
			       " LEFT JOIN marks m ON m.article_id = a.id"
			       " WHERE a.id = ?", -1, &st, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "reading the rows");
		free(out);
		return -1;
	}
	for (size_t i = 0; i < n && !oom; i++) {
		if (sqlite3_bind_int64(st, 1, ids[i]) != SQLITE_OK)
			break;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			fill_row(st, NULL, &out[count++], &oom);
		else if (rc != SQLITE_DONE)
			break;
		rc = SQLITE_ROW;
		sqlite3_reset(st);
	}
	if (oom || rc != SQLITE_ROW) {
		if (oom)
			snprintf(err, errlen, "out of memory");
		else
			store_fail(s->db, err, errlen, "reading the rows");
		sqlite3_finalize(st);
		store_rows_free(out, count);
		return -1;
	}
	sqlite3_finalize(st);
	*rows = out;
	*n_rows = count;
	return 0;
}
