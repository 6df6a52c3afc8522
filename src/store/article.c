/*
 * article — one whole article back out of the store (store_get), in the
 * shape page_read() gave it, or every field but its text for a batch of
 * list rows (store_rows_details), and the user's marks on it
 * (store_mark), which live in their own table that no import ever writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

/* Splits a "\n"-joined column into list ("" is no item). */
static int split(const char *s, struct text_list *list)
{
	if (!s || !*s)
		return 0;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (text_list_add(list, s, len) != 0)
			return -1;
		if (!nl)
			return 0;
		s = nl + 1;
	}
}

/* The statements that read an article back: its row, then its lists in
 * their order; prepared once for a whole batch of rows. */
enum {
	READ_ARTICLE,
	READ_UNIONS,
	READ_TOPICS,
	READ_AUTHORS,
	READ_REPORTERS,
	READ_COUNT
};

static const char *const read_sql[READ_COUNT] = {
	"SELECT a.ordinal, a.line, a.kicker, a.lead_in,"
	" a.headline, a.dateline, a.year, a.month, a.day,"
	" a.date_precision, a.city, a.county, a.body,"
	" a.captions, a.credits, s.path,"
	" coalesce(m.read, 0), coalesce(m.starred, 0)"
	" FROM articles a JOIN sources s ON"
	" s.id = a.source_id LEFT JOIN marks m ON"
	" m.article_id = a.id WHERE a.id = ?1",
	"SELECT u.name FROM article_unions x JOIN unions"
	" u ON u.id = x.union_id WHERE x.article_id = ?1"
	" ORDER BY x.position",
	"SELECT t.name FROM article_topics x JOIN topics"
	" t ON t.id = x.topic_id WHERE x.article_id = ?1"
	" ORDER BY x.position",
	"SELECT p.name FROM authors x JOIN people p ON"
	" p.id = x.person_id WHERE x.article_id = ?1"
	" ORDER BY x.position",
	"SELECT b.role, p.name FROM bylines b JOIN"
	" people p ON p.id = b.person_id WHERE"
	" b.article_id = ?1 ORDER BY b.position",
};

struct reader {
	sqlite3_stmt *st[READ_COUNT];
};

static int reader_open(sqlite3 *db, struct reader *r)
{
	memset(r, 0, sizeof *r);
	for (int k = 0; k < READ_COUNT; k++)
		if (sqlite3_prepare_v2(db, read_sql[k], -1, &r->st[k], NULL) !=
		    SQLITE_OK)
			return -1;
	return 0;
}

static void reader_close(struct reader *r)
{
	for (int k = 0; k < READ_COUNT; k++)
		sqlite3_finalize(r->st[k]);
	memset(r, 0, sizeof *r);
}

/* Fills list from a statement of one text column bound to the article id. */
static int load_list(sqlite3_stmt *st, int64_t id, struct text_list *list)
{
	int rc;

	sqlite3_reset(st);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (text_list_add(list, t ? (const char *)t : "",
				  (size_t)-1) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_reporters(sqlite3_stmt *st, int64_t id, struct article *a)
{
	int rc = SQLITE_ERROR;
	bool oom = false;

	sqlite3_reset(st);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct byline *p = realloc(a->reporters, (a->n_reporters + 1) *
							    sizeof *p);
		if (!p) {
			oom = true;
			break;
		}
		a->reporters = p;
		p = &a->reporters[a->n_reporters++];
		p->role = store_column_strdup(st, 0, &oom);
		p->name = store_column_strdup(st, 1, &oom);
		if (oom)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE && !oom ? 0 : -1;
}

/* Reads article id into *a (with its text when text is true), *source,
 * *read and *starred (each when not NULL). 0; 1 when there is no such
 * article; -1 with err filled. */
static int load_article(sqlite3 *db, struct reader *rd, int64_t id,
			bool text, struct article *a, char **source,
			bool *read, bool *starred, char *err, size_t errlen)
{
	struct article r;
	sqlite3_stmt *st = rd->st[READ_ARTICLE];
	char *src = NULL;
	bool oom = false, is_read, is_starred;
	int rc, result = -1;

	memset(&r, 0, sizeof r);
	sqlite3_reset(st);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "no article %lld", (long long)id);
		result = 1;
		goto out;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	r.ordinal = sqlite3_column_int(st, 0);
	r.line = sqlite3_column_int(st, 1);
	r.kicker = store_column_strdup(st, 2, &oom);
	r.lead_in = store_column_strdup(st, 3, &oom);
	r.headline = store_column_strdup(st, 4, &oom);
	r.dateline = store_column_strdup(st, 5, &oom);
	r.year = sqlite3_column_int(st, 6);
	r.month = sqlite3_column_int(st, 7);
	r.day = sqlite3_column_int(st, 8);
	r.precision = (enum date_precision)sqlite3_column_int(st, 9);
	r.city = store_column_strdup(st, 10, &oom);
	r.county = store_column_strdup(st, 11, &oom);
	if (text &&
	    (split((const char *)sqlite3_column_text(st, 12), &r.paragraphs) ||
	     split((const char *)sqlite3_column_text(st, 13), &r.captions) ||
	     split((const char *)sqlite3_column_text(st, 14), &r.credits)))
		oom = true;
	if (source)
		src = store_column_strdup(st, 15, &oom);
	is_read = sqlite3_column_int(st, 16) != 0;
	is_starred = sqlite3_column_int(st, 17) != 0;
	sqlite3_reset(st);
	if (!r.headline && !oom)
		r.headline = strdup("");
	if (oom || !r.headline) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (load_list(rd->st[READ_UNIONS], id, &r.unions) != 0 ||
	    load_list(rd->st[READ_TOPICS], id, &r.topics) != 0 ||
	    load_list(rd->st[READ_AUTHORS], id, &r.authors) != 0 ||
	    load_reporters(rd->st[READ_REPORTERS], id, &r) != 0)
		goto fail;
	*a = r;
	memset(&r, 0, sizeof r);
	if (source) {
		*source = src;
		src = NULL;
	}
	if (read)
		*read = is_read;
	if (starred)
		*starred = is_starred;
	result = 0;
	goto out;
fail:
	store_fail(db, err, errlen, "reading the article");
out:
	sqlite3_reset(st);
	page_article_clear(&r);
	free(src);
	return result;
}

int store_get(struct store *s, int64_t id, struct article *a, char **source,
	      bool *read, bool *starred, char *err, size_t errlen)
{
	struct reader rd;
	int rc;

	if (reader_open(s->db, &rd) != 0) {
		store_fail(s->db, err, errlen, "reading the article");
		reader_close(&rd);
		return -1;
	}
	rc = load_article(s->db, &rd, id, true, a, source, read, starred, err,
			  errlen);
	reader_close(&rd);
	return rc == 0 ? 0 : -1;
}

int store_rows_details(struct store *s, struct store_row *rows, size_t n,
		       char *err, size_t errlen)
{
	struct reader rd;
	int result = -1;

	if (reader_open(s->db, &rd) != 0) {
		store_fail(s->db, err, errlen, "reading the articles");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct article *a;

		if (rows[i].article)
			continue;
		a = calloc(1, sizeof *a);
		if (!a) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		if (load_article(s->db, &rd, rows[i].id, false, a, NULL, NULL,
				 NULL, err, errlen) != 0) {
			free(a);
			goto out;
		}
		rows[i].article = a;
	}
	result = 0;
out:
	reader_close(&rd);
	return result;
}

int store_article_file(struct store *s, int64_t id, char **path, int *line,
		       char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	char *p = NULL;
	bool oom = false;
	int rc, result = -1;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT coalesce(o.full_path, s.path), a.line"
			       " FROM articles a JOIN sources s ON"
			       " s.id = a.source_id LEFT JOIN source_origins o"
			       " ON o.source_id = s.id WHERE a.id = ?1",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "no article %lld", (long long)id);
		goto out;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	p = store_column_strdup(st, 0, &oom);
	if (oom || !p) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	*line = sqlite3_column_int(st, 1);
	*path = p;
	p = NULL;
	result = 0;
	goto out;
fail:
	store_fail(s->db, err, errlen, "reading the article's source");
out:
	sqlite3_finalize(st);
	free(p);
	return result;
}

int store_mark(struct store *s, int64_t id, int read, int starred,
	       char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc, result = -1;

	if (sqlite3_prepare_v2(s->db,
			       "INSERT INTO marks(article_id, read, starred,"
			       " read_at) SELECT id, coalesce(?2, 0),"
			       " coalesce(?3, 0), CASE WHEN ?2 THEN"
			       " strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END"
			       " FROM articles WHERE id = ?1"
			       " ON CONFLICT(article_id) DO UPDATE SET"
			       " read = coalesce(?2, read),"
			       " starred = coalesce(?3, starred),"
			       " read_at = CASE WHEN ?2 IS NULL THEN read_at"
			       " WHEN ?2 THEN coalesce(read_at, excluded.read_at)"
			       " END",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    (read < 0 ? sqlite3_bind_null(st, 2)
		      : sqlite3_bind_int(st, 2, read != 0)) != SQLITE_OK ||
	    (starred < 0 ? sqlite3_bind_null(st, 3)
			 : sqlite3_bind_int(st, 3, starred != 0)) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		snprintf(err, errlen, "no article %lld", (long long)id);
		goto out;
	}
	result = 0;
	goto out;
fail:
	store_fail(s->db, err, errlen, "saving the mark");
	if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY)
		result = STORE_BUSY;
out:
	sqlite3_finalize(st);
	return result;
}

/* The ids f matches, newest first, read a page at a time. */
static int matching_ids(struct store *s, const struct store_filter *f,
			int64_t **ids, size_t *n, char *err, size_t errlen)
{
	struct store_filter by_date = *f;
	size_t cap = 0;
	int64_t after = 0;

	by_date.sort = STORE_SORT_DATE;
	*ids = NULL;
	*n = 0;
	for (;;) {
		struct store_row *rows = NULL;
		size_t got = 0;

		if (store_list(s, &by_date, after, 0, 500, &rows, &got, err,
			       errlen) != 0)
			goto fail;
		if (*n + got > cap) {
			size_t want = (cap ? cap * 2 : 512) + got;
			int64_t *more = realloc(*ids, want * sizeof **ids);

			if (!more) {
				store_rows_free(rows, got);
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			*ids = more;
			cap = want;
		}
		for (size_t i = 0; i < got; i++)
			(*ids)[(*n)++] = rows[i].id;
		if (got > 0)
			after = rows[got - 1].id;
		store_rows_free(rows, got);
		if (got < 500)
			return 0;
	}
fail:
	free(*ids);
	*ids = NULL;
	*n = 0;
	return -1;
}

int store_mark_many(struct store *s, const struct store_filter *f,
		    const int64_t *ids, size_t n_ids, int read, int starred,
		    int64_t *marked, char *err, size_t errlen)
{
	int64_t *matched = NULL;
	size_t n_matched = 0;
	int rc, result = -1;

	if (f && matching_ids(s, f, &matched, &n_matched, err, errlen) != 0)
		return -1;
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		store_fail(s->db, err, errlen, "saving the marks");
		result = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY
				 ? STORE_BUSY
				 : -1;
		goto out;
	}
	for (size_t i = 0; i < n_matched + n_ids; i++) {
		int64_t id = i < n_matched ? matched[i] : ids[i - n_matched];

		rc = store_mark(s, id, read, starred, err, errlen);
		if (rc != 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			result = rc;
			goto out;
		}
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "saving the marks");
		result = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY
				 ? STORE_BUSY
				 : -1;
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	if (marked)
		*marked = (int64_t)(n_matched + n_ids);
	result = 0;
out:
	free(matched);
	return result;
}
