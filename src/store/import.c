/*
 * import — stores one page read by page_read() in one BEGIN IMMEDIATE
 * transaction (or one savepoint of a batch's transaction): the source
 * file, then each article that the store does not already hold (by the
 * SHA-256 of page_article_identity()), its unions, topics, reporters and
 * authors, and, last before the transaction commits, the full-text rows
 * of all its articles (store_fts_write says why). All or nothing: any
 * failure, a full disk included, rolls the whole file back. The
 * statements are prepared once per connection and reused for every
 * file. Each new
 * article adds one to its kept facet counts (facet_counts, and facet_pairs
 * within its city and topics, per month and over all months, schema.c):
 * the changes are added up in memory while the file's articles go in and
 * each distinct row is written once before COMMIT, in the same
 * transaction. The article also goes into facet_index under its city,
 * county and unions (schema.c, migration 7). store_import_from also
 * records where the page came from (source_origins, migration 8) for a
 * later reread, which shares this file's pieces (store_impl.h): the
 * statements, storing one article, and the tally, which also takes an
 * article away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_impl.h"

static const char *const import_sql[ST_COUNT] = {
	[ST_FIND_SOURCE] = "SELECT id FROM sources WHERE hash = ?1 AND path = ?2",
	[ST_INSERT_SOURCE] =
		"INSERT INTO sources(path, hash, encoding, page_date, articles,"
		" imported_at) VALUES (?1, ?2, ?3, ?4, ?5,"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	[ST_FIND_ARTICLE] = "SELECT id FROM articles WHERE identity = ?1",
	[ST_MAX_ID] = "SELECT max(id) FROM articles WHERE id BETWEEN ?1 AND ?2",
	[ST_INSERT_ARTICLE] =
		"INSERT INTO articles(id, identity, source_id, ordinal, line,"
		" kicker, lead_in, headline, dateline, year, month, day, date,"
		" date_precision, city, county, body, captions, credits)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
	[ST_INSERT_FTS] = "INSERT INTO fts(rowid, headline, kicker, body,"
			  " captions) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_FIND_UNION] = "SELECT id FROM unions WHERE name = ?1",
	[ST_INSERT_UNION] = "INSERT INTO unions(name) VALUES (?1)",
	[ST_INSERT_ARTICLE_UNION] = "INSERT INTO article_unions(article_id,"
				    " position, union_id) VALUES (?1, ?2, ?3)",
	[ST_FIND_TOPIC] = "SELECT id FROM topics WHERE name = ?1",
	[ST_INSERT_TOPIC] = "INSERT INTO topics(name) VALUES (?1)",
	[ST_INSERT_ARTICLE_TOPIC] = "INSERT INTO article_topics(article_id,"
				    " position, topic_id) VALUES (?1, ?2, ?3)",
	[ST_FIND_PERSON] = "SELECT id FROM people WHERE name = ?1",
	[ST_INSERT_PERSON] = "INSERT INTO people(name) VALUES (?1)",
	[ST_INSERT_BYLINE] = "INSERT INTO bylines(article_id, position, role,"
			     " person_id) VALUES (?1, ?2, ?3, ?4)",
	[ST_INSERT_AUTHOR] = "INSERT INTO authors(article_id, position,"
			     " person_id) VALUES (?1, ?2, ?3)",
	[ST_BUMP_FACET] = "INSERT INTO facet_counts(kind, month, value, n)"
			  " VALUES (?1, ?2, ?3, ?4)"
			  " ON CONFLICT DO UPDATE SET n = n + excluded.n",
	[ST_BUMP_PAIR] = "INSERT INTO facet_pairs(fkind, fvalue, kind, month,"
			 " value, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			 " ON CONFLICT DO UPDATE SET n = n + excluded.n",
	[ST_INDEX_ARTICLE] = "INSERT OR IGNORE INTO facet_index(kind, key, id,"
			     " city, county, date, unions, topics)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_DROP_FACET] = "DELETE FROM facet_counts WHERE kind = ?1 AND"
			  " month = ?2 AND value = ?3 AND n = 0",
	[ST_DROP_PAIR] = "DELETE FROM facet_pairs WHERE fkind = ?1 AND"
			 " fvalue = ?2 AND kind = ?3 AND month = ?4 AND"
			 " value = ?5 AND n = 0",
	[ST_ID_TAKEN] = "SELECT 1 FROM articles WHERE id = ?1",
	[ST_SET_ORIGIN] = "INSERT INTO source_origins(source_id, full_path,"
			  " given_encoding, given_date, options_known)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)"
			  " ON CONFLICT(source_id) DO UPDATE SET"
			  " full_path = excluded.full_path,"
			  " given_encoding = excluded.given_encoding,"
			  " given_date = excluded.given_date,"
			  " options_known = excluded.options_known"
			  " WHERE options_known = 0 OR ?6",
	[ST_FTS_TEXT] = "SELECT headline, kicker, body, captions FROM articles"
			" WHERE id = ?1",
	[ST_DELETE_FTS] = "INSERT INTO fts(fts, rowid, headline, kicker, body,"
			  " captions) VALUES ('delete', ?1, ?2, ?3, ?4, ?5)",
	/* the facets packed for the article's 64 days are out of date
	 * (pack.c; schema.c, migration 13) */
	[ST_MARK_STALE] = "INSERT OR IGNORE INTO facet_pack_stale"
			  " VALUES (?1 >> 22)",
};

int store_import_prepare(struct store *s, char *err, size_t errlen)
{
	if (s->stmt_ready)
		return 0;
	for (size_t i = 0; i < ST_COUNT; i++) {
		if (s->stmt[i])
			continue;
		if (sqlite3_prepare_v3(s->db, import_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &s->stmt[i],
				       NULL) != SQLITE_OK)
			return store_fail(s->db, err, errlen,
					  "preparing the import");
	}
	s->stmt_ready = true;
	return 0;
}

/* The id of name in a lookup table (unions, topics, people), added when
 * new. */
static int name_id(struct store *s, enum store_stmt find,
		   enum store_stmt insert, const char *name, int64_t *id)
{
	int rc;

	if (store_bind_text(s->stmt[find], 1, name) != SQLITE_OK)
		return -1;
	rc = store_step(s->stmt[find], id);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return -1;
	if (store_bind_text(s->stmt[insert], 1, name) != SQLITE_OK ||
	    store_step(s->stmt[insert], NULL) != SQLITE_DONE)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* ---- The full-text rows, written last (store_fts_write) --------------- */

static int fts_wait(struct store *s, int64_t id)
{
	if (s->n_fts_ids == s->cap_fts_ids) {
		size_t ncap = s->cap_fts_ids ? s->cap_fts_ids * 2 : 256;
		int64_t *p = realloc(s->fts_ids, ncap * sizeof *p);

		if (!p)
			return -1;
		s->fts_ids = p;
		s->cap_fts_ids = ncap;
	}
	s->fts_ids[s->n_fts_ids++] = id;
	return 0;
}

void store_fts_forget(struct store *s, size_t keep)
{
	if (keep < s->n_fts_ids)
		s->n_fts_ids = keep;
	if (s->n_fts_ids == 0) {
		free(s->fts_ids);
		s->fts_ids = NULL;
		s->cap_fts_ids = 0;
	}
}

static int by_id(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return (a > b) - (a < b);
}

static int by_old_id(const void *pa, const void *pb)
{
	const struct store_fts_old *a = pa, *b = pb;

	return (a->id > b->id) - (a->id < b->id);
}

static bool same_text(const char *a, const unsigned char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, (const char *)b) == 0;
}

static int fts_delete(struct store *s, const struct store_fts_old *old)
{
	sqlite3_stmt *st = s->stmt[ST_DELETE_FTS];

	if (sqlite3_bind_int64(st, 1, old->id) != SQLITE_OK ||
	    store_bind_text(st, 2, old->headline ? old->headline : "") !=
		    SQLITE_OK ||
	    store_bind_text(st, 3, old->kicker) != SQLITE_OK ||
	    store_bind_text(st, 4, old->body) != SQLITE_OK ||
	    store_bind_text(st, 5, old->captions) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	return 0;
}

/* The full-text row of article id from its stored text, unless it is
 * old's (old NULL: none; else *same tells, and old's row is taken out
 * first when it is not). The text is read and bound to the insert by
 * value, not inserted by INSERT ... SELECT: such a statement opens a
 * savepoint of its own, and FTS5 flushes at each one. */
static int fts_insert(struct store *s, int64_t id,
		      const struct store_fts_old *old, bool *same)
{
	sqlite3_stmt *text = s->stmt[ST_FTS_TEXT];
	sqlite3_stmt *ins = s->stmt[ST_INSERT_FTS];
	int rc;

	*same = false;
	if (sqlite3_bind_int64(text, 1, id) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(text);
	if (rc == SQLITE_ROW && old)
		*same = same_text(old->headline, sqlite3_column_text(text, 0)) &&
			same_text(old->kicker, sqlite3_column_text(text, 1)) &&
			same_text(old->body, sqlite3_column_text(text, 2)) &&
			same_text(old->captions, sqlite3_column_text(text, 3));
	if (rc == SQLITE_ROW && old && !*same && fts_delete(s, old) != 0)
		rc = SQLITE_ERROR; /* the old row out first, then the new in */
	if (rc == SQLITE_ROW && !*same) {
		rc = sqlite3_bind_int64(ins, 1, id);
		for (int c = 0; c < 4 && rc == SQLITE_OK; c++)
			rc = sqlite3_bind_value(ins, c + 2,
						sqlite3_column_value(text, c));
		rc = rc == SQLITE_OK ? SQLITE_ROW : rc;
	}
	sqlite3_reset(text);
	sqlite3_clear_bindings(text);
	if (rc != SQLITE_ROW || *same)
		return rc == SQLITE_ROW ? 0 : -1;
	return store_step(ins, NULL) == SQLITE_DONE ? 0 : -1;
}

int store_fts_write(struct store *s, struct store_fts_old *old, size_t n_old)
{
	size_t i = 0, j = 0, n = s->n_fts_ids;
	int64_t *ids = s->fts_ids;
	int rc = 0;

	if (n)
		qsort(ids, n, sizeof *ids, by_id);
	if (n_old)
		qsort(old, n_old, sizeof *old, by_old_id);
	while (rc == 0 && (i < n || j < n_old)) {
		int64_t id = i < n && (j == n_old || ids[i] <= old[j].id)
				     ? ids[i] : old[j].id;
		bool fresh = i < n && ids[i] == id;
		const struct store_fts_old *was = j < n_old && old[j].id == id
							  ? &old[j] : NULL;
		bool same = false;

		if (fresh)
			rc = fts_insert(s, id, was, &same);
		else if (was)
			rc = fts_delete(s, was);
		if (was)
			j++;
		while (i < n && ids[i] == id)
			i++;
	}
	store_fts_forget(s, 0);
	return rc;
}

int store_fts_merge(struct store *s, char *err, size_t errlen)
{
	/* pages of merged postings a step writes */
	static const char step[] = "INSERT INTO fts(fts, rank)"
				   " VALUES ('merge', 4000)";

	for (;;) { /* 'usermerge' is FTS5's 4 */
		int before = sqlite3_total_changes(s->db);

		if (sqlite3_exec(s->db, step, NULL, NULL, NULL) != SQLITE_OK)
			return store_fail(s->db, err, errlen,
					  "merging the index");
		/* a step with nothing to merge changes no more than the
		 * command's own row */
		if (sqlite3_total_changes(s->db) - before < 2)
			return 0;
	}
}

/* A list's items joined by "\n"; allocated. */
static char *join(const struct text_list *l)
{
	size_t len = 1;
	char *out, *p;

	for (size_t i = 0; i < l->count; i++)
		len += strlen(l->items[i]) + 1;
	out = malloc(len);
	if (!out)
		return NULL;
	p = out;
	for (size_t i = 0; i < l->count; i++) {
		size_t n = strlen(l->items[i]);

		if (i > 0)
			*p++ = '\n';
		memcpy(p, l->items[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

static int64_t today_julian_day(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm))
		return store_julian_day(1970, 1, 1);
	return store_julian_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The day an undated article sorts under: its page's date, else the
 * latest day a dateline on the page names (the page is at least that
 * new), else the import day. */
int64_t store_page_day(const struct page *page)
{
	int64_t best = 0;

	if (page->year > 0 && page->month > 0 && page->day > 0)
		return store_julian_day(page->year, page->month, page->day);
	for (size_t i = 0; i < page->n_articles; i++) {
		const struct article *a = &page->articles[i];

		if (a->year > 0 && a->month > 0 && a->day > 0) {
			int64_t d = store_julian_day(a->year, a->month, a->day);

			if (d > best)
				best = d;
		}
	}
	return best > 0 ? best : today_julian_day();
}

/* A free id on the article's day: want when it is one (on that day and
 * free), else (day * 65536) + the next sequence. */
static int new_id(struct store *s, int64_t fallback_day,
		  const struct article *a, int64_t want, int64_t *id,
		  char *err, size_t errlen)
{
	int64_t day, first, last, max = 0;
	int rc;

	if (a->year > 0 && a->month > 0 && a->day > 0)
		day = store_julian_day(a->year, a->month, a->day);
	else
		day = fallback_day;
	first = day * 65536;
	last = first + 65535;
	if (want >= first && want <= last) {
		if (sqlite3_bind_int64(s->stmt[ST_ID_TAKEN], 1, want) !=
		    SQLITE_OK)
			return store_fail(s->db, err, errlen, "choosing an id");
		rc = store_step(s->stmt[ST_ID_TAKEN], NULL);
		if (rc == SQLITE_DONE) {
			*id = want;
			return 0;
		}
		if (rc != SQLITE_ROW)
			return store_fail(s->db, err, errlen, "choosing an id");
	}
	if (sqlite3_bind_int64(s->stmt[ST_MAX_ID], 1, first) != SQLITE_OK ||
	    sqlite3_bind_int64(s->stmt[ST_MAX_ID], 2, last) != SQLITE_OK)
		return store_fail(s->db, err, errlen, "choosing an id");
	rc = store_step(s->stmt[ST_MAX_ID], &max);
	if (rc == SQLITE_DONE) {
		*id = first;
		return 0;
	}
	if (rc != SQLITE_ROW)
		return store_fail(s->db, err, errlen, "choosing an id");
	if (max >= last) {
		snprintf(err, errlen, "more than 65536 articles on one day");
		return -1;
	}
	*id = max + 1;
	return 0;
}

/* Stores the article's unions, topics, reporters and authors; the ids of
 * its unions and topics go to union_ids and topic_ids (as many as it
 * lists). */
static int insert_lists(struct store *s, int64_t id, const struct article *a,
			int64_t *union_ids, int64_t *topic_ids)
{
	sqlite3_stmt *st;
	int64_t ref = 0;

	for (size_t i = 0; i < a->unions.count; i++) {
		st = s->stmt[ST_INSERT_ARTICLE_UNION];
		if (name_id(s, ST_FIND_UNION, ST_INSERT_UNION,
			    a->unions.items[i], &union_ids[i]) != 0 ||
		    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (int64_t)i) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 3, union_ids[i]) != SQLITE_OK ||
		    store_step(st, NULL) != SQLITE_DONE)
			return -1;
	}
	for (size_t i = 0; i < a->topics.count; i++) {
		st = s->stmt[ST_INSERT_ARTICLE_TOPIC];
		if (name_id(s, ST_FIND_TOPIC, ST_INSERT_TOPIC,
			    a->topics.items[i], &topic_ids[i]) != 0 ||
		    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (int64_t)i) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 3, topic_ids[i]) != SQLITE_OK ||
		    store_step(st, NULL) != SQLITE_DONE)
			return -1;
	}
	for (size_t i = 0; i < a->n_reporters; i++) {
		st = s->stmt[ST_INSERT_BYLINE];
		if (name_id(s, ST_FIND_PERSON, ST_INSERT_PERSON,
			    a->reporters[i].name, &ref) != 0 ||
		    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (int64_t)i) != SQLITE_OK ||
		    store_bind_text(st, 3, a->reporters[i].role ? a->reporters[i].role
							  : "") != SQLITE_OK ||
		    sqlite3_bind_int64(st, 4, ref) != SQLITE_OK ||
		    store_step(st, NULL) != SQLITE_DONE)
			return -1;
	}
	for (size_t i = 0; i < a->authors.count; i++) {
		st = s->stmt[ST_INSERT_AUTHOR];
		if (name_id(s, ST_FIND_PERSON, ST_INSERT_PERSON,
			    a->authors.items[i], &ref) != 0 ||
		    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (int64_t)i) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 3, ref) != SQLITE_OK ||
		    store_step(st, NULL) != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* ids as facet_index keeps them: each between spaces, ' ' for none;
 * allocated. */
static char *id_list(const int64_t *ids, size_t n)
{
	char *out = malloc(n * 21 + 2), *p = out;

	if (!out)
		return NULL;
	*p++ = ' ';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%lld ", (long long)ids[i]);
	*p = '\0';
	return out;
}

/* One facet_index row of the article: under kind, key text (kinds 0 and
 * 1) or key_id (2). */
static int index_row(struct store *s, int kind, const char *key,
		     int64_t key_id, int64_t id, const struct article *a,
		     const char *date, const char *unions, const char *topics)
{
	sqlite3_stmt *st = s->stmt[ST_INDEX_ARTICLE];

	if (sqlite3_bind_int(st, 1, kind) != SQLITE_OK ||
	    (key ? store_bind_text(st, 2, key)
		 : sqlite3_bind_int64(st, 2, key_id)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, id) != SQLITE_OK ||
	    store_bind_text(st, 4, a->city) != SQLITE_OK ||
	    store_bind_text(st, 5, a->county) != SQLITE_OK ||
	    store_bind_text(st, 6, date) != SQLITE_OK ||
	    store_bind_text(st, 7, unions) != SQLITE_OK ||
	    store_bind_text(st, 8, topics) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	return 0;
}

/* The article under its city, county and unions in facet_index (schema.c,
 * migration 7). Returns 0, 1 when out of memory, or -1
 * (sqlite's error on s->db). */
static int index_article(struct store *s, int64_t id, const struct article *a,
			 const char *date, const int64_t *union_ids,
			 const int64_t *topic_ids)
{
	char *unions = id_list(union_ids, a->unions.count);
	char *topics = id_list(topic_ids, a->topics.count);
	int result = 1;

	if (!unions || !topics)
		goto out;
	result = -1;
	if ((a->city && index_row(s, 0, a->city, 0, id, a, date, unions,
				  topics) != 0) ||
	    (a->county && index_row(s, 1, a->county, 0, id, a, date, unions,
				    topics) != 0))
		goto out;
	for (size_t i = 0; i < a->unions.count; i++)
		if (index_row(s, 2, NULL, union_ids[i], id, a, date, unions,
			      topics) != 0)
			goto out;
	result = 0;
out:
	free(unions);
	free(topics);
	return result;
}

int store_import_article(struct store *s, struct tally *t,
			 int64_t fallback_day, const struct article *a,
			 const unsigned char *identity, int64_t source_id,
			 int64_t want_id, int64_t *stored_id, bool *known,
			 char *err, size_t errlen)
{
	unsigned char hash[32];
	char date[16], *made = NULL, *body = NULL, *captions = NULL;
	char *credits = NULL;
	const char *day = NULL; /* date, when the article names its day */
	int64_t id = 0, *union_ids = NULL, *topic_ids = NULL;
	sqlite3_stmt *st;
	int rc, result = -1;

	if (identity) {
		memcpy(hash, identity, sizeof hash);
	} else {
		made = page_article_identity(a);
		if (!made) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		store_sha256(made, strlen(made), hash);
	}
	st = s->stmt[ST_FIND_ARTICLE];
	if (sqlite3_bind_blob(st, 1, hash, 16, SQLITE_STATIC) != SQLITE_OK)
		goto fail;
	rc = store_step(st, &id);
	if (rc == SQLITE_ROW) {
		*known = true;
		if (stored_id)
			*stored_id = id;
		result = 0;
		goto out;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	if (new_id(s, fallback_day, a, want_id, &id, err, errlen) != 0)
		goto out;
	body = join(&a->paragraphs);
	captions = join(&a->captions);
	credits = join(&a->credits);
	if (!body || !captions || !credits) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (a->year > 0 && a->month > 0 && a->day > 0) {
		snprintf(date, sizeof date, "%04d-%02d-%02d", a->year % 10000,
			 a->month % 100, a->day % 100);
		day = date;
	}
	st = s->stmt[ST_INSERT_ARTICLE];
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 2, hash, 16, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, source_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, a->ordinal) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, a->line) != SQLITE_OK ||
	    store_bind_text(st, 6, a->kicker) != SQLITE_OK ||
	    store_bind_text(st, 7, a->lead_in) != SQLITE_OK ||
	    store_bind_text(st, 8, a->headline ? a->headline : "") != SQLITE_OK ||
	    store_bind_text(st, 9, a->dateline) != SQLITE_OK ||
	    sqlite3_bind_int(st, 10, a->year) != SQLITE_OK ||
	    sqlite3_bind_int(st, 11, a->month) != SQLITE_OK ||
	    sqlite3_bind_int(st, 12, a->day) != SQLITE_OK ||
	    store_bind_text(st, 13, day) != SQLITE_OK ||
	    sqlite3_bind_int(st, 14, (int)a->precision) != SQLITE_OK ||
	    store_bind_text(st, 15, a->city) != SQLITE_OK ||
	    store_bind_text(st, 16, a->county) != SQLITE_OK ||
	    store_bind_text(st, 17, body) != SQLITE_OK ||
	    store_bind_text(st, 18, captions) != SQLITE_OK ||
	    store_bind_text(st, 19, credits) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		goto fail;
	if (fts_wait(s, id) != 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	union_ids = calloc(a->unions.count + 1, sizeof *union_ids);
	topic_ids = calloc(a->topics.count + 1, sizeof *topic_ids);
	if (!union_ids || !topic_ids) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (insert_lists(s, id, a, union_ids, topic_ids) != 0)
		goto fail;
	if (sqlite3_bind_int64(s->stmt[ST_MARK_STALE], 1, id) != SQLITE_OK ||
	    store_step(s->stmt[ST_MARK_STALE], NULL) != SQLITE_DONE)
		goto fail;
	rc = index_article(s, id, a, day, union_ids, topic_ids);
	if (rc > 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (rc < 0)
		goto fail;
	if (store_tally_article(t, a, day, 1) != 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	*known = false;
	if (stored_id)
		*stored_id = id;
	result = 0;
	goto out;
fail:
	store_fail(s->db, err, errlen, "storing an article");
out:
	free(made);
	free(body);
	free(captions);
	free(credits);
	free(union_ids);
	free(topic_ids);
	return result;
}

void store_page_date(const struct page *page, char out[16])
{
	out[0] = '\0';
	if (page->year > 0 && page->month > 0 && page->day > 0)
		snprintf(out, 16, "%04d-%02d-%02d", page->year % 10000,
			 page->month % 100, page->day % 100);
	else if (page->year > 0 && page->month > 0)
		snprintf(out, 16, "%04d-%02d", page->year % 10000,
			 page->month % 100);
	else if (page->year > 0)
		snprintf(out, 16, "%04d", page->year % 10000);
}

int store_set_origin(struct store *s, int64_t source_id,
		     const struct store_origin *origin, bool replace)
{
	sqlite3_stmt *st = s->stmt[ST_SET_ORIGIN];

	if (sqlite3_bind_int64(st, 1, source_id) != SQLITE_OK ||
	    store_bind_text(st, 2, origin->full_path) != SQLITE_OK ||
	    store_bind_text(st, 3, origin->encoding) != SQLITE_OK ||
	    store_bind_text(st, 4, origin->date) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, origin->options_known) != SQLITE_OK ||
	    sqlite3_bind_int(st, 6, replace) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	return 0;
}

static int import_source(struct store *s, const struct page *page,
			 const char *path, const unsigned char hash[32],
			 int64_t *id)
{
	sqlite3_stmt *st = s->stmt[ST_FIND_SOURCE];
	char page_date[16] = "";
	int rc;

	if (sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC) != SQLITE_OK ||
	    store_bind_text(st, 2, path) != SQLITE_OK)
		return -1;
	rc = store_step(st, id);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return -1;
	store_page_date(page, page_date);
	st = s->stmt[ST_INSERT_SOURCE];
	if (store_bind_text(st, 1, path) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 2, hash, 32, SQLITE_STATIC) != SQLITE_OK ||
	    store_bind_text(st, 3, page->encoding[0] ? page->encoding : NULL) !=
		    SQLITE_OK ||
	    store_bind_text(st, 4, page_date[0] ? page_date : NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, (int64_t)page->n_articles) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Whether the last failure on db was a full disk (or the store's page
 * limit): an import stops there instead of trying every file again. */
static bool is_full(sqlite3 *db)
{
	return (sqlite3_errcode(db) & 0xff) == SQLITE_FULL;
}

/* store_import, recording origin too when not NULL. */
static int import_page(struct store *s, const struct page *page,
		       const char *path, const struct store_origin *origin,
		       const char *bytes, size_t len,
		       struct store_import_result *res, char *err,
		       size_t errlen)
{
	struct store_import_result r = {0, 0};
	struct tally t = {NULL, 0, 0};
	unsigned char hash[32];
	int64_t source_id = 0, fallback_day = store_page_day(page);
	size_t fts_mark = s->n_fts_ids;
	char msg[512];
	bool full;

	if (s->flags & STORE_READ_ONLY) {
		snprintf(err, errlen, "%s: the database is open read-only",
			 path);
		return -1;
	}
	if (store_import_prepare(s, msg, sizeof msg) != 0)
		goto fail_msg;
	if (s->batch && sqlite3_get_autocommit(s->db)) {
		/* an earlier failure rolled the batch back */
		snprintf(msg, sizeof msg, "the batch was rolled back");
		goto fail_msg;
	}
	if (origin && origin->sha256)
		memcpy(hash, origin->sha256, sizeof hash);
	else
		store_sha256(bytes, len, hash);
	if (!s->batch &&
	    sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK) {
		store_fail(s->db, msg, sizeof msg, "starting a transaction");
		goto fail_msg;
	}
	if (import_source(s, page, path, hash, &source_id) != 0 ||
	    (origin && store_set_origin(s, source_id, origin, false) != 0)) {
		store_fail(s->db, msg, sizeof msg, "storing the source");
		goto rollback;
	}
	for (size_t i = 0; i < page->n_articles; i++) {
		bool known = false;

		if (store_import_article(s, &t, fallback_day,
					 &page->articles[i],
					 origin && origin->identities
						 ? origin->identities[i]
						 : NULL,
					 source_id, 0, NULL, &known, msg,
					 sizeof msg) != 0)
			goto rollback;
		if (known)
			r.articles_known++;
		else
			r.articles_new++;
	}
	if (!s->batch && store_tally_write(s, &t) != 0) {
		store_fail(s->db, msg, sizeof msg, "keeping the facet counts");
		goto rollback;
	}
	if (!s->batch && store_fts_write(s, NULL, 0) != 0) {
		store_fail(s->db, msg, sizeof msg, "indexing the text");
		goto rollback;
	}
	if (!s->batch &&
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s->db, msg, sizeof msg, "committing");
		goto rollback;
	}
	if (s->batch && store_tally_merge(s->tally, &t) != 0) {
		/* the file is in the batch but its counts are not: the
		 * batch cannot be kept (store_batch_commit says so) */
		store_tally_clear(&t);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		snprintf(err, errlen, "%s: not imported (out of memory); the "
			 "batch was rolled back", path);
		return -1;
	}
	store_tally_clear(&t);
	*res = r;
	return 0;
rollback:
	store_tally_clear(&t);
	store_fts_forget(s, s->batch ? 0 : fts_mark);
	full = is_full(s->db);
	/* in a batch, the whole of it: store_batch_commit then says so and
	 * the caller stores its other files again one by one */
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	snprintf(err, errlen, "%s: not imported (%s); nothing from it was "
		 "kept", path, msg);
	return full ? STORE_FULL : -1;
fail_msg:
	snprintf(err, errlen, "%s: not imported (%s)", path, msg);
	return -1;
}

int store_import(struct store *s, const struct page *page, const char *path,
		 const char *bytes, size_t len,
		 struct store_import_result *res, char *err, size_t errlen)
{
	return import_page(s, page, path, NULL, bytes, len, res, err, errlen);
}

int store_import_from(struct store *s, const struct page *page,
		      const struct store_origin *origin, const char *bytes,
		      size_t len, struct store_import_result *res, char *err,
		      size_t errlen)
{
	return import_page(s, page, origin->path, origin, bytes, len, res,
			   err, errlen);
}

int store_batch_begin(struct store *s, char *err, size_t errlen)
{
	if (s->batch)
		return 0;
	s->tally = calloc(1, sizeof *s->tally);
	if (!s->tally) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		bool busy = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY;

		store_fail(s->db, err, errlen, "starting a transaction");
		store_batch_free(s);
		return busy ? STORE_BUSY : is_full(s->db) ? STORE_FULL : -1;
	}
	s->batch = true;
	return 0;
}

int store_batch_commit(struct store *s, char *err, size_t errlen)
{
	bool full;

	if (!s->batch)
		return 0;
	s->batch = false;
	if (sqlite3_get_autocommit(s->db)) {
		/* a failure ended the transaction: nothing of it is kept */
		store_batch_free(s);
		snprintf(err, errlen, "the transaction was rolled back");
		return -1;
	}
	if (store_tally_write(s, s->tally) != 0) {
		store_fail(s->db, err, errlen, "keeping the facet counts");
		goto fail;
	}
	if (store_fts_write(s, NULL, 0) != 0) {
		store_fail(s->db, err, errlen, "indexing the text");
		goto fail;
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "committing");
		goto fail;
	}
	store_batch_free(s);
	return 0;
fail:
	full = is_full(s->db);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	store_batch_free(s);
	return full ? STORE_FULL : -1;
}

void store_batch_free(struct store *s)
{
	store_fts_forget(s, 0);
	if (!s->tally)
		return;
	store_tally_free(s->tally);
	s->tally = NULL;
}
