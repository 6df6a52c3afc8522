/*
 * reread — brings a source up to date with the current page reader: the
 * sources as stored (store_sources), and the replacement of one source's
 * articles by a new reading of its file (store_reread), in one
 * transaction. The old articles leave with everything the import wrote
 * for them (full-text rows, unions, topics, people, facet_index rows, and
 * their share of the kept counts, taken away through the same tally the
 * import adds with), the new ones go in through the import's own
 * store_import_article, so that the store is what a fresh import of the
 * same files would make; a full-text row is left as it is when the
 * article keeps its id and its text (store_fts_write). The user's marks
 * follow the story: by identity,
 * else by headline within the source; marks whose story left the page are
 * held in a temporary table of the connection for a later source that has
 * it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

static const char *const reread_sql[RR_COUNT] = {
	[RR_OLD_ARTICLES] =
		"SELECT a.id, a.identity, a.headline, a.kicker, a.body,"
		" a.captions, a.date, a.city, a.county,"
		" m.article_id IS NOT NULL, coalesce(m.read, 0),"
		" coalesce(m.starred, 0), m.read_at FROM articles a"
		" LEFT JOIN marks m ON m.article_id = a.id"
		" WHERE a.source_id = ?1 ORDER BY a.id",
	[RR_OLD_UNIONS] = "SELECT x.union_id, u.name FROM article_unions x"
			  " JOIN unions u ON u.id = x.union_id"
			  " WHERE x.article_id = ?1 ORDER BY x.position",
	[RR_OLD_TOPICS] = "SELECT x.topic_id, t.name FROM article_topics x"
			  " JOIN topics t ON t.id = x.topic_id"
			  " WHERE x.article_id = ?1 ORDER BY x.position",
	[RR_OLD_REPORTERS] = "SELECT x.person_id, p.name FROM bylines x"
			     " JOIN people p ON p.id = x.person_id"
			     " WHERE x.article_id = ?1 ORDER BY x.position",
	[RR_OLD_AUTHORS] = "SELECT x.person_id, p.name FROM authors x"
			   " JOIN people p ON p.id = x.person_id"
			   " WHERE x.article_id = ?1 ORDER BY x.position",
	[RR_UNINDEX] = "DELETE FROM facet_index WHERE kind = ?1 AND key = ?2"
		       " AND id = ?3",
	[RR_DELETE_UNIONS] = "DELETE FROM article_unions WHERE article_id = ?1",
	[RR_DELETE_TOPICS] = "DELETE FROM article_topics WHERE article_id = ?1",
	[RR_DELETE_BYLINES] = "DELETE FROM bylines WHERE article_id = ?1",
	[RR_DELETE_AUTHORS] = "DELETE FROM authors WHERE article_id = ?1",
	[RR_DELETE_MARK] = "DELETE FROM marks WHERE article_id = ?1",
	[RR_DELETE_ARTICLE] = "DELETE FROM articles WHERE id = ?1",
	[RR_SET_MARK] = "INSERT INTO marks(article_id, read, starred, read_at)"
			" VALUES (?1, ?2, ?3, ?4)"
			" ON CONFLICT(article_id) DO NOTHING",
	[RR_HOLD_MARK] = "INSERT OR REPLACE INTO temp.reread_marks(identity,"
			 " read, starred, read_at) VALUES (?1, ?2, ?3, ?4)",
	[RR_TAKE_MARK] = "SELECT read, starred, read_at FROM temp.reread_marks"
			 " WHERE identity = ?1",
	[RR_DROP_HELD] = "DELETE FROM temp.reread_marks WHERE identity = ?1",
	[RR_UPDATE_SOURCE] = "UPDATE sources SET hash = ?2, encoding = ?3,"
			     " page_date = ?4, articles = ?5 WHERE id = ?1",
	[RR_DELETE_ORIGIN] = "DELETE FROM source_origins WHERE source_id = ?1",
	[RR_DELETE_SOURCE] = "DELETE FROM sources WHERE id = ?1",
};

static int prepare(struct store *s, char *err, size_t errlen)
{
	if (store_import_prepare(s, err, errlen) != 0)
		return -1;
	/* every time: made within a batch that was rolled back, it is gone
	 * again (with the marks it held for the batch's sources) */
	if (sqlite3_exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS reread_marks("
				"identity BLOB PRIMARY KEY, read INTEGER,"
				" starred INTEGER, read_at TEXT)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s->db, err, errlen, "preparing the reread");
	if (s->reread_stmt[RR_COUNT - 1])
		return 0;
	for (size_t i = 0; i < RR_COUNT; i++) {
		if (s->reread_stmt[i])
			continue;
		if (sqlite3_prepare_v3(s->db, reread_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT,
				       &s->reread_stmt[i], NULL) != SQLITE_OK)
			return store_fail(s->db, err, errlen,
					  "preparing the reread");
	}
	return 0;
}

/* ---- The sources as stored -------------------------------------------- */

/* The texts of a source's row (columns 1, 2 and 4 to 7) in one
 * allocation, which path begins: at a million articles a reread lists
 * 125,000 sources, and six small allocations each cost more than the
 * texts. A NULL column stays NULL but path, which is "" then. Returns false
 * when out of memory. */
static bool strings_of(sqlite3_stmt *st, struct store_source *src)
{
	static const int cols[] = {1, 2, 4, 5, 6, 7};
	char **fields[] = {&src->path, &src->full_path, &src->given_encoding,
			   &src->given_date, &src->encoding, &src->page_date};
	size_t size = 0;
	char *block, *at;

	for (size_t i = 0; i < 6; i++) {
		(void)sqlite3_column_text(st, cols[i]); /* then its size */
		size += (size_t)sqlite3_column_bytes(st, cols[i]) + 1;
	}
	block = at = malloc(size);
	if (!block)
		return false;
	for (size_t i = 0; i < 6; i++) {
		const unsigned char *text = sqlite3_column_text(st, cols[i]);
		size_t len = (size_t)sqlite3_column_bytes(st, cols[i]);

		if (!text && i > 0)
			continue;
		if (text)
			memcpy(at, text, len);
		else
			len = 0;
		at[len] = '\0';
		*fields[i] = at;
		at += len + 1;
	}
	return true;
}

int store_sources(struct store *s, struct store_source **out, size_t *n,
		  char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	struct store_source *list = NULL;
	size_t count = 0, cap = 0;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT s.id, s.path, o.full_path,"
			       " coalesce(o.options_known, 0), o.given_encoding,"
			       " o.given_date, s.encoding, s.page_date, s.hash,"
			       " (SELECT count(*) FROM articles a"
			       " WHERE a.source_id = s.id)"
			       " FROM sources s LEFT JOIN source_origins o"
			       " ON o.source_id = s.id ORDER BY s.id",
			       -1, &st, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "listing the sources");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_source *src;
		const void *hash = sqlite3_column_blob(st, 8);

		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct store_source *p = realloc(list,
							 ncap * sizeof *p);

			if (!p) {
				oom = true;
				break;
			}
			list = p;
			cap = ncap;
		}
		src = &list[count];
		memset(src, 0, sizeof *src);
		src->id = sqlite3_column_int64(st, 0);
		if (!strings_of(st, src)) {
			oom = true;
			break;
		}
		count++;
		src->options_known = sqlite3_column_int(st, 3) != 0;
		if (hash && sqlite3_column_bytes(st, 8) == 32)
			memcpy(src->hash, hash, 32);
		src->articles = sqlite3_column_int64(st, 9);
	}
	if (oom || (rc != SQLITE_ROW && rc != SQLITE_DONE)) {
		if (oom)
			snprintf(err, errlen, "out of memory");
		else
			store_fail(s->db, err, errlen, "listing the sources");
		sqlite3_finalize(st);
		store_sources_free(list, count);
		return -1;
	}
	sqlite3_finalize(st);
	*out = list;
	*n = count;
	return 0;
}

void store_sources_free(struct store_source *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(src[i].path); /* and the other texts (strings_of) */
	free(src);
}

bool store_source_same_bytes(const struct store_source *src,
			     const char *bytes, size_t len)
{
	unsigned char hash[32];

	store_sha256(bytes, len, hash);
	return memcmp(hash, src->hash, 32) == 0;
}

/* ---- Taking the old articles away ------------------------------------- */

/* An article of the sources as it was before the reread: what matching
 * and the marks need (the rest goes with it). */
struct old_article {
	int64_t id;
	unsigned char identity[16];
	unsigned char text_identity[16]; /* of its paragraphs alone */
	bool has_text;    /* it has paragraphs */
	char *headline;   /* owned */
	char *kicker, *body, *captions; /* owned: its full-text row */
	char *date;       /* owned, or NULL */
	char *city, *county; /* owned, or NULL */
	bool has_mark;
	int read, starred;
	char *read_at;    /* owned, or NULL */
	bool taken;       /* a new article is its story */
	bool mark_placed; /* its marks went to that article */
};

static void old_free(struct old_article *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].headline);
		free(o[i].kicker);
		free(o[i].body);
		free(o[i].captions);
		free(o[i].date);
		free(o[i].city);
		free(o[i].county);
		free(o[i].read_at);
	}
	free(o);
}

/* The identity of an article's paragraphs without its headline (the
 * first 16 bytes of its hash, as the store keeps identities): what a
 * fixed headline leaves of its story. body is "\n"-joined when
 * paragraphs is NULL. Returns 0, or -1 when out of memory. */
static int text_identity(const struct text_list *paragraphs,
			 const char *body, unsigned char out[16])
{
	struct article a;
	unsigned char hash[32];
	char *identity;

	memset(&a, 0, sizeof a);
	if (paragraphs) {
		a.paragraphs = *paragraphs;
	} else {
		while (body && *body) {
			const char *nl = strchr(body, '\n');
			size_t len = nl ? (size_t)(nl - body) : strlen(body);

			if (text_list_add(&a.paragraphs, body, len) != 0) {
				text_list_free(&a.paragraphs);
				return -1;
			}
			body = nl ? nl + 1 : NULL;
		}
	}
	identity = page_article_identity(&a);
	if (!paragraphs)
		text_list_free(&a.paragraphs);
	if (!identity)
		return -1;
	store_sha256(identity, strlen(identity), hash);
	memcpy(out, hash, 16);
	free(identity);
	return 0;
}

/* Appends the articles of source source_id to *olds. Returns 0, 1 when out
 * of memory, or -1 (sqlite's error). */
static int load_old(struct store *s, int64_t source_id,
		    struct old_article **olds, size_t *n, size_t *cap)
{
	sqlite3_stmt *st = s->reread_stmt[RR_OLD_ARTICLES];
	bool oom = false;
	int rc;

	if (sqlite3_bind_int64(st, 1, source_id) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct old_article *o;
		const void *identity = sqlite3_column_blob(st, 1);

		if (*n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 32;
			struct old_article *p = realloc(*olds,
							ncap * sizeof *p);

			if (!p) {
				oom = true;
				break;
			}
			*olds = p;
			*cap = ncap;
		}
		o = &(*olds)[(*n)++];
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		if (identity && sqlite3_column_bytes(st, 1) == 16)
			memcpy(o->identity, identity, 16);
		o->headline = store_column_strdup(st, 2, &oom);
		o->kicker = store_column_strdup(st, 3, &oom);
		o->body = store_column_strdup(st, 4, &oom);
		o->captions = store_column_strdup(st, 5, &oom);
		o->date = store_column_strdup(st, 6, &oom);
		o->city = store_column_strdup(st, 7, &oom);
		o->county = store_column_strdup(st, 8, &oom);
		o->has_mark = sqlite3_column_int(st, 9) != 0;
		o->read = sqlite3_column_int(st, 10);
		o->starred = sqlite3_column_int(st, 11);
		o->read_at = store_column_strdup(st, 12, &oom);
		o->has_text = o->body && *o->body;
		if (oom || text_identity(NULL, o->body, o->text_identity) != 0) {
			oom = true;
			break;
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (oom)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The (id, name) rows of a list of the article: names into list, ids
 * into *ids (allocated, as many as names) when ids is not NULL. Returns 0,
 * 1 when out of memory, or -1. */
static int load_names(sqlite3_stmt *st, int64_t id, struct text_list *list,
		      int64_t **ids)
{
	size_t cap = 0;
	int rc, result = 0;

	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(st, 1);

		if (ids && list->count == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			int64_t *p = realloc(*ids, ncap * sizeof *p);

			if (!p) {
				result = 1;
				break;
			}
			*ids = p;
			cap = ncap;
		}
		if (ids)
			(*ids)[list->count] = sqlite3_column_int64(st, 0);
		if (text_list_add(list, name ? (const char *)name : "",
				  (size_t)-1) != 0) {
			result = 1;
			break;
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (result)
		return result;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Runs a statement bound to one id. */
static int run_on(sqlite3_stmt *st, int64_t id)
{
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	return 0;
}

/* Takes one old article out of the store: its share of the kept counts
 * (into t, negative), its full-text row, its facet_index rows, its lists,
 * its marks (o keeps them) and the row itself. Returns 0, 1 when out of
 * memory, or -1 (sqlite's error). */
static int take_away(struct store *s, struct tally *t,
		     const struct old_article *o)
{
	struct article a;
	struct text_list reporters = {0};
	int64_t *union_ids = NULL;
	sqlite3_stmt *st;
	int rc;

	memset(&a, 0, sizeof a);
	a.city = o->city;
	a.county = o->county;
	rc = load_names(s->reread_stmt[RR_OLD_UNIONS], o->id, &a.unions,
			&union_ids);
	if (rc == 0)
		rc = load_names(s->reread_stmt[RR_OLD_TOPICS], o->id,
				&a.topics, NULL);
	if (rc == 0)
		rc = load_names(s->reread_stmt[RR_OLD_REPORTERS], o->id,
				&reporters, NULL);
	if (rc == 0)
		rc = load_names(s->reread_stmt[RR_OLD_AUTHORS], o->id,
				&a.authors, NULL);
	if (rc == 0 && reporters.count) {
		a.reporters = calloc(reporters.count, sizeof *a.reporters);
		if (!a.reporters)
			rc = 1;
		else
			a.n_reporters = reporters.count;
		for (size_t i = 0; i < a.n_reporters; i++)
			a.reporters[i].name = reporters.items[i];
	}
	if (rc == 0 && store_tally_article(t, &a, o->date, -1) != 0)
		rc = 1;
	if (rc != 0)
		goto out;
	rc = -1;
	st = s->reread_stmt[RR_UNINDEX];
	if (o->city && (sqlite3_bind_int(st, 1, 0) != SQLITE_OK ||
			store_bind_text(st, 2, o->city) != SQLITE_OK ||
			sqlite3_bind_int64(st, 3, o->id) != SQLITE_OK ||
			store_step(st, NULL) != SQLITE_DONE))
		goto out;
	if (o->county && (sqlite3_bind_int(st, 1, 1) != SQLITE_OK ||
			  store_bind_text(st, 2, o->county) != SQLITE_OK ||
			  sqlite3_bind_int64(st, 3, o->id) != SQLITE_OK ||
			  store_step(st, NULL) != SQLITE_DONE))
		goto out;
	for (size_t i = 0; i < a.unions.count; i++)
		if (sqlite3_bind_int(st, 1, 2) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, union_ids[i]) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 3, o->id) != SQLITE_OK ||
		    store_step(st, NULL) != SQLITE_DONE)
			goto out;
	if (run_on(s->reread_stmt[RR_DELETE_UNIONS], o->id) != 0 ||
	    run_on(s->reread_stmt[RR_DELETE_TOPICS], o->id) != 0 ||
	    run_on(s->reread_stmt[RR_DELETE_BYLINES], o->id) != 0 ||
	    run_on(s->reread_stmt[RR_DELETE_AUTHORS], o->id) != 0 ||
	    run_on(s->reread_stmt[RR_DELETE_MARK], o->id) != 0 ||
	    run_on(s->reread_stmt[RR_DELETE_ARTICLE], o->id) != 0)
		goto out;
	rc = 0;
out:
	/* the names belong to the lists, not to the article's reporters */
	free(a.reporters);
	text_list_free(&reporters);
	text_list_free(&a.unions);
	text_list_free(&a.topics);
	text_list_free(&a.authors);
	free(union_ids);
	return rc;
}

/* ---- Marks ------------------------------------------------------------ */

static int set_mark(struct store *s, int64_t id, int read, int starred,
		    const char *read_at)
{
	sqlite3_stmt *st = s->reread_stmt[RR_SET_MARK];

	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, read) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, starred) != SQLITE_OK ||
	    store_bind_text(st, 4, read_at) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	return 0;
}

/* Gives the new article id the marks held for its identity, if any: sets
 * *found. Returns 0 or -1. */
static int restore_held(struct store *s, const unsigned char identity[16],
			int64_t id, bool *found)
{
	sqlite3_stmt *st = s->reread_stmt[RR_TAKE_MARK];
	char *read_at = NULL;
	int read = 0, starred = 0, rc;
	bool oom = false;

	*found = false;
	if (sqlite3_bind_blob(st, 1, identity, 16, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read = sqlite3_column_int(st, 0);
		starred = sqlite3_column_int(st, 1);
		read_at = store_column_strdup(st, 2, &oom);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW || oom)
		goto fail;
	st = s->reread_stmt[RR_DROP_HELD];
	if (set_mark(s, id, read, starred, read_at) != 0 ||
	    sqlite3_bind_blob(st, 1, identity, 16, SQLITE_STATIC) !=
		    SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		goto fail;
	free(read_at);
	*found = true;
	return 0;
fail:
	free(read_at);
	return -1;
}

static int hold_mark(struct store *s, const struct old_article *o)
{
	sqlite3_stmt *st = s->reread_stmt[RR_HOLD_MARK];

	if (sqlite3_bind_blob(st, 1, o->identity, 16, SQLITE_STATIC) !=
		    SQLITE_OK ||
	    sqlite3_bind_int(st, 2, o->read) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, o->starred) != SQLITE_OK ||
	    store_bind_text(st, 4, o->read_at) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE)
		return -1;
	return 0;
}

/* For each new article, the old article that is its story (-1: none): the
 * one of the same identity, else an untaken one of the same headline, else
 * one of the same paragraphs (a headline fixed), in page order.
 * identities and texts hold the new articles' identities and those of
 * their paragraphs alone. */
static void match(const struct page *page, unsigned char (*identities)[16],
		  unsigned char (*texts)[16], struct old_article *olds,
		  size_t n_old, long *story)
{
	for (size_t i = 0; i < page->n_articles; i++) {
		story[i] = -1;
		for (size_t j = 0; j < n_old; j++)
			if (!olds[j].taken &&
			    memcmp(olds[j].identity, identities[i], 16) == 0) {
				olds[j].taken = true;
				story[i] = (long)j;
				break;
			}
	}
	for (size_t i = 0; i < page->n_articles; i++) {
		const char *h = page->articles[i].headline;

		if (story[i] >= 0)
			continue;
		for (size_t j = 0; j < n_old; j++)
			if (!olds[j].taken && olds[j].headline &&
			    strcmp(olds[j].headline, h ? h : "") == 0) {
				olds[j].taken = true;
				story[i] = (long)j;
				break;
			}
	}
	for (size_t i = 0; i < page->n_articles; i++) {
		if (story[i] >= 0 || page->articles[i].paragraphs.count == 0)
			continue;
		for (size_t j = 0; j < n_old; j++)
			if (!olds[j].taken && olds[j].has_text &&
			    memcmp(olds[j].text_identity, texts[i], 16) == 0) {
				olds[j].taken = true;
				story[i] = (long)j;
				break;
			}
	}
}

/* ---- The reread of one source ----------------------------------------- */

int store_reread(struct store *s, const int64_t *ids, size_t n_ids,
		 const struct page *page, const struct store_origin *origin,
		 const char *bytes, size_t len, struct store_reread_result *res,
		 char *err, size_t errlen)
{
	struct store_reread_result r;
	struct old_article *olds = NULL;
	struct store_fts_old *fts_old = NULL;
	size_t fts_mark = s->n_fts_ids;
	bool full = false;
	struct tally *t = NULL;
	unsigned char (*identities)[16] = NULL, (*texts)[16] = NULL, hash[32];
	long *story = NULL;
	size_t n_old = 0, cap_old = 0;
	int64_t fallback_day = store_page_day(page);
	char msg[512], page_date[16];
	const char *path = origin->full_path ? origin->full_path
					     : origin->path;
	sqlite3_stmt *st;
	int rc;

	memset(&r, 0, sizeof r);
	if (s->flags & STORE_READ_ONLY) {
		snprintf(err, errlen, "%s: the database is open read-only",
			 path);
		return -1;
	}
	if (n_ids == 0) {
		snprintf(err, errlen, "%s: not reread (no source)", path);
		return -1;
	}
	if (s->batch && sqlite3_get_autocommit(s->db)) {
		/* an earlier failure rolled the batch back */
		snprintf(err, errlen, "%s: not reread (the batch was rolled "
			 "back)", path);
		return -1;
	}
	if (prepare(s, msg, sizeof msg) != 0)
		goto fail_msg;
	t = store_tally_new();
	identities = calloc(page->n_articles + 1, sizeof *identities);
	texts = calloc(page->n_articles + 1, sizeof *texts);
	story = calloc(page->n_articles + 1, sizeof *story);
	if (!t || !identities || !texts || !story) {
		snprintf(msg, sizeof msg, "out of memory");
		goto fail_msg;
	}
	for (size_t i = 0; i < page->n_articles; i++) {
		char *identity = page_article_identity(&page->articles[i]);

		if (!identity) {
			snprintf(msg, sizeof msg, "out of memory");
			goto fail_msg;
		}
		store_sha256(identity, strlen(identity), hash);
		memcpy(identities[i], hash, 16);
		free(identity);
		if (text_identity(&page->articles[i].paragraphs, NULL,
				  texts[i]) != 0) {
			snprintf(msg, sizeof msg, "out of memory");
			goto fail_msg;
		}
	}
	if (sqlite3_exec(s->db, s->batch ? "SAVEPOINT reread_source"
					 : "BEGIN IMMEDIATE", NULL, NULL,
			 NULL) != SQLITE_OK) {
		store_fail(s->db, msg, sizeof msg, "starting a transaction");
		goto fail_msg;
	}

	/* the old articles out, their marks kept in olds */
	for (size_t k = 0; k < n_ids; k++) {
		rc = load_old(s, ids[k], &olds, &n_old, &cap_old);
		if (rc != 0)
			goto failed;
	}
	r.articles_before = (int)n_old;
	for (size_t j = 0; j < n_old; j++) {
		rc = take_away(s, t, &olds[j]);
		if (rc != 0)
			goto failed;
	}

	/* the new ones in, each with its story's marks */
	match(page, identities, texts, olds, n_old, story);
	for (size_t i = 0; i < page->n_articles; i++) {
		struct old_article *o = story[i] >= 0 ? &olds[story[i]] : NULL;
		int64_t id = 0;
		bool known = false, found = false;

		if (store_import_article(s, t, fallback_day,
					 &page->articles[i], NULL, ids[0],
					 o ? o->id : 0, &id, &known, msg,
					 sizeof msg) != 0)
			goto rollback;
		if (known)
			r.articles_elsewhere++;
		else
			r.articles_after++;
		if (o && o->has_mark) {
			if (set_mark(s, id, o->read, o->starred,
				     o->read_at) != 0)
				goto sql_failed;
			o->mark_placed = true;
			r.marks_kept++;
		} else if (!known) {
			if (restore_held(s, identities[i], id, &found) != 0)
				goto sql_failed;
			if (found) {
				r.marks_kept++;
				r.marks_restored++;
			}
		}
	}
	for (size_t j = 0; j < n_old; j++)
		if (olds[j].has_mark && !olds[j].mark_placed) {
			if (hold_mark(s, &olds[j]) != 0)
				goto sql_failed;
			r.marks_held++;
		}

	/* the first source takes the page; the others go */
	if (origin->sha256)
		memcpy(hash, origin->sha256, sizeof hash);
	else
		store_sha256(bytes, len, hash);
	store_page_date(page, page_date);
	st = s->reread_stmt[RR_UPDATE_SOURCE];
	if (sqlite3_bind_int64(st, 1, ids[0]) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 2, hash, 32, SQLITE_STATIC) != SQLITE_OK ||
	    store_bind_text(st, 3, page->encoding[0] ? page->encoding
						     : NULL) != SQLITE_OK ||
	    store_bind_text(st, 4, page_date[0] ? page_date : NULL) !=
		    SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, (int64_t)page->n_articles) != SQLITE_OK ||
	    store_step(st, NULL) != SQLITE_DONE ||
	    store_set_origin(s, ids[0], origin, true) != 0)
		goto sql_failed;
	for (size_t k = 1; k < n_ids; k++)
		if (run_on(s->reread_stmt[RR_DELETE_ORIGIN], ids[k]) != 0 ||
		    run_on(s->reread_stmt[RR_DELETE_SOURCE], ids[k]) != 0)
			goto sql_failed;
	if (store_tally_write(s, t) != 0) {
		store_fail(s->db, msg, sizeof msg, "keeping the facet counts");
		goto rollback;
	}
	fts_old = calloc(n_old + 1, sizeof *fts_old);
	if (!fts_old) {
		snprintf(msg, sizeof msg, "out of memory");
		goto rollback;
	}
	for (size_t j = 0; j < n_old; j++)
		fts_old[j] = (struct store_fts_old){
			olds[j].id, olds[j].headline, olds[j].kicker,
			olds[j].body, olds[j].captions};
	if (store_fts_write(s, fts_old, n_old) != 0) {
		store_fail(s->db, msg, sizeof msg, "indexing the text");
		goto rollback;
	}
	if (sqlite3_exec(s->db, s->batch ? "RELEASE reread_source" : "COMMIT",
			 NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s->db, msg, sizeof msg, "committing");
		goto rollback;
	}
	store_tally_free(t);
	old_free(olds, n_old);
	free(fts_old);
	free(identities);
	free(texts);
	free(story);
	*res = r;
	return 0;

failed:
	if (rc > 0) {
		snprintf(msg, sizeof msg, "out of memory");
		goto rollback;
	}
sql_failed:
	store_fail(s->db, msg, sizeof msg, "replacing the articles");
rollback:
	store_fts_forget(s, fts_mark);
	full = (sqlite3_errcode(s->db) & 0xff) == SQLITE_FULL;
	if (s->batch && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK TO reread_source;"
			     "RELEASE reread_source", NULL, NULL, NULL);
	else if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	snprintf(err, errlen, "%s: not reread (%s); its articles are as they "
		 "were", path, msg);
	goto out;
fail_msg:
	snprintf(err, errlen, "%s: not reread (%s)", path, msg);
out:
	store_tally_free(t);
	old_free(olds, n_old);
	free(fts_old);
	free(identities);
	free(texts);
	free(story);
	return full ? STORE_FULL : -1;
}

int store_reread_marks_lost(struct store *s, int64_t *n, char *err,
			    size_t errlen)
{
	sqlite3_stmt *st = NULL;

	*n = 0;
	if (!s->reread_stmt[RR_COUNT - 1])
		return 0; /* no reread on this connection */
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_temp_master WHERE"
				      " name = 'reread_marks'", -1, &st,
			       NULL) != SQLITE_OK)
		return store_fail(s->db, err, errlen, "counting marks");
	if (sqlite3_step(st) != SQLITE_ROW) {
		/* none: made within a batch that was rolled back */
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM"
				      " temp.reread_marks", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s->db, err, errlen, "counting marks");
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}
