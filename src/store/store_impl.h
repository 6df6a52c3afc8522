/*
 * The one private header of src/store: the connection with its reusable
 * statements, the schema's migrations, the kept counts, the WHERE clause a
 * filter turns into, the tokenizer, rank, query and snippet pieces, and
 * the small helpers every file shares (sql.c). Grouped by the file that
 * defines them. Not for other parts; unit tests of the store may use it
 * to reach the connection.
 */
#ifndef BULLETIN_STORE_IMPL_H
#define BULLETIN_STORE_IMPL_H

#include <sqlite3.h>

#include "store/store.h"

/* Statements prepared once and reused for every file an import stores. */
enum store_stmt {
	ST_FIND_SOURCE, ST_INSERT_SOURCE, ST_FIND_ARTICLE, ST_MAX_ID,
	ST_INSERT_ARTICLE, ST_INSERT_FTS,
	ST_FIND_UNION, ST_INSERT_UNION, ST_INSERT_ARTICLE_UNION,
	ST_FIND_TOPIC, ST_INSERT_TOPIC, ST_INSERT_ARTICLE_TOPIC,
	ST_FIND_PERSON, ST_INSERT_PERSON, ST_INSERT_BYLINE, ST_INSERT_AUTHOR,
	ST_BUMP_FACET, ST_BUMP_PAIR, ST_INDEX_ARTICLE,
	ST_DROP_FACET, ST_DROP_PAIR, ST_ID_TAKEN, ST_SET_ORIGIN,
	ST_FTS_TEXT, ST_DELETE_FTS, ST_MARK_STALE,
	ST_COUNT
};

/* Statements prepared once and reused for every source a reread
 * replaces (reread.c). */
enum store_reread_stmt {
	RR_OLD_ARTICLES, RR_OLD_UNIONS, RR_OLD_TOPICS, RR_OLD_REPORTERS,
	RR_OLD_AUTHORS, RR_UNINDEX, RR_DELETE_UNIONS,
	RR_DELETE_TOPICS, RR_DELETE_BYLINES, RR_DELETE_AUTHORS,
	RR_DELETE_MARK, RR_DELETE_ARTICLE, RR_SET_MARK, RR_HOLD_MARK,
	RR_TAKE_MARK, RR_DROP_HELD, RR_UPDATE_SOURCE, RR_DELETE_ORIGIN,
	RR_DELETE_SOURCE,
	RR_COUNT
};

struct store {
	sqlite3 *db;
	int flags;
	sqlite3_stmt *stmt[ST_COUNT]; /* prepared on the first import */
	bool stmt_ready;
	sqlite3_stmt *reread_stmt[RR_COUNT]; /* prepared on the first reread */
	bool batch;   /* store_batch_begin: files are savepoints within it */
	struct tally *tally; /* what the batch's files add to the kept
				counts, written when it commits (import.c) */
	bool recount; /* facets by GROUP BY only, never from kept counts
			 (for tests that compare the two) */
	struct store_index_counts *index_counts; /* the last selection
						    facet_index counted */
	bool (*interrupt)(void *context); /* store_set_interrupt */
	void *interrupt_context;
	int busy_ms;  /* store_set_busy_timeout: -1 for ever */
	double busy_since; /* when the current wait for a lock began */
	char *read_only_why; /* owned, or NULL: store_read_only_why */
	char *warning;       /* owned, or NULL: store_warning */
	int64_t *fts_ids;    /* articles whose full-text rows wait for
				store_fts_write (import.c) */
	size_t n_fts_ids, cap_fts_ids;
	struct store_checkpointer *checkpointer; /* STORE_BULK: checkpoint.c */
};

/* ---- A bulk writer's checkpoints on a thread of their own (checkpoint.c) */

/* Opens a second connection to path and a thread that checkpoints the WAL
 * as s's commits grow it. Returns 0, or -1 (SQLite's own checkpoints
 * stay). */
int store_checkpointer_start(struct store *s, const char *path);

/* Stops the thread, if any, and gives the checkpoints back to s. */
void store_checkpointer_stop(struct store *s);

/* For tests: the WAL's size in pages that wakes the thread (128 MB
 * otherwise), and how many checkpoints it made whole (-1: no thread). */
void store_checkpointer_set_wake(struct store *s, int pages);
long store_checkpointer_runs(struct store *s);

/* Frees what an open batch kept for its commit (store_close). */
void store_batch_free(struct store *s);

/* ---- The import's pieces that a reread shares (import.c) --------------- */

/* Prepares the import's statements (s->stmt) once. Returns 0 or -1. */
int store_import_prepare(struct store *s, char *err, size_t errlen);

/* Steps a statement that returns no row or one integer, then resets it
 * and clears its bindings. Returns SQLITE_DONE (no row, or a NULL;
 * *value untouched), SQLITE_ROW, or an error. */
int store_step(sqlite3_stmt *st, int64_t *value);

/* Binds s (NULL: a NULL) as static text. */
int store_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Stores one article of a source unless the store holds its identity
 * already (*known true, *stored_id that article's id); identity: the
 * SHA-256 of its page_article_identity when the caller made it, or NULL. A new article
 * takes want_id when that id is on its day and free (0: none), else the
 * next id of its day (undated: fallback_day, store_page_day); its kept
 * counts go to t; *stored_id (when not NULL) is its id. Returns 0, or -1
 * with a message (the caller rolls back). */
int store_import_article(struct store *s, struct tally *t,
			 int64_t fallback_day, const struct article *a,
			 const unsigned char *identity, int64_t source_id,
			 int64_t want_id, int64_t *stored_id, bool *known,
			 char *err, size_t errlen);

/* An article's full-text row as it was, for store_fts_write to take
 * away (the external-content table needs the old values). */
struct store_fts_old {
	int64_t id;
	const char *headline, *kicker, *body, *captions;
};

/* Writes the full-text rows of the open transaction, last before its
 * COMMIT: the rows of the articles stored since the last call
 * (s->fts_ids, read back from articles) go in and those of old[] go out,
 * in ascending id, an article whose text is unchanged (same id in both)
 * left as it is. FTS5 flushes its pending terms to a new segment at every
 * savepoint of the transaction (any statement with a trigger, a foreign
 * key or an upsert opens one) and whenever an id comes lower than the
 * last; written one by one beside the other rows, each article made a
 * segment of its own, merged again and again. Sorts old. Returns 0, or -1
 * (sqlite's error on s->db, or out of memory: s->fts_ids is emptied all
 * the same). */
int store_fts_write(struct store *s, struct store_fts_old *old, size_t n_old);

/* Forgets the waiting full-text rows past the first keep (a rolled back
 * file or transaction). */
void store_fts_forget(struct store *s, size_t keep);

/* The day an undated article of page sorts under (Julian day). */
int64_t store_page_day(const struct page *page);

/* The page's date as sources.page_date holds it: YYYY-MM-DD, YYYY-MM,
 * YYYY, or "" for none. */
void store_page_date(const struct page *page, char out[16]);

/* Records origin for a source (source_origins, schema.c migration 8);
 * a row already there with options known is replaced only when replace
 * is true. Returns 0 or -1 (sqlite's error on s->db). */
int store_set_origin(struct store *s, int64_t source_id,
		     const struct store_origin *origin, bool replace);

/* What one file's new articles add to the kept counts, one row per
 * distinct key (open addressing over a power of two of slots), written
 * once at the end of the file's transaction (store_tally_write); within a batch,
 * added to the batch's own (s->tally) when the file is kept, and written
 * once when the batch commits: the files of a batch share most of their
 * rows (the same cities, unions and months), and each row written costs a
 * page of facet_counts or facet_pairs that, at a million articles, is
 * rarely in the cache. */
struct tally_row;
struct tally {
	struct tally_row **slot;
	size_t cap, count;
};

struct tally_row;

/* Changes to the kept counts (facet_counts, facet_pairs), added up in
 * memory and written at once: store_tally_article adds n (1 for an
 * article stored, -1 for one taken away) to every count the article is
 * in, counted as facet.c's GROUP BY counts: every union and topic row,
 * each person once, and within its city and each of its topics (listed
 * twice, counted once); date is its YYYY-MM-DD or NULL. store_tally_write
 * writes the changes in the open transaction, a count that falls to 0
 * removed. store_tally_new returns NULL when out of memory;
 * store_tally_article returns 0 or -1 (out of memory), store_tally_write 0
 * or -1 (sqlite's error on s->db; afterwards only store_tally_free). */
struct tally *store_tally_new(void);
int store_tally_merge(struct tally *t, const struct tally *from);
/* Frees t's rows, leaving an empty tally (a struct tally of the caller's). */
void store_tally_clear(struct tally *t);
int store_tally_article(struct tally *t, const struct article *a,
			const char *date, int64_t n);
int store_tally_write(struct store *s, struct tally *t);
void store_tally_free(struct tally *t);

/* The schema as forward migrations (schema.c): step i (0-based) brings a
 * database from user_version i to i + 1. */
extern const char *const store_migrations[];
extern const size_t store_n_migrations;

/* Sets err to "what: sqlite's message" and returns -1. */
int store_fail(sqlite3 *db, char *err, size_t errlen, const char *what);

/* The day number (Julian day) of a civil date; months and days past
 * their ends roll over. */
int64_t store_julian_day(int year, int month, int day);

/* Parses "YYYY-MM-DD" strictly (a real date). Returns 0 or -1. */
int store_parse_date(const char *s, int *year, int *month, int *day);

/* The kinds of the kept counts: the numbers that facet_counts,
 * facet_pairs and facet_index hold in their kind and fkind columns, as
 * schema.c's migrations wrote them (their SQL names the numbers). Never
 * renumbered; a facet that the import does not keep has none (kept
 * false in store_filter_sql) and is counted by GROUP BY. STORE_KIND_ALL counts the
 * articles themselves (value ''). */
enum store_kind {
	STORE_KIND_CITY = 0,
	STORE_KIND_COUNTY = 1,
	STORE_KIND_UNION = 2,
	STORE_KIND_TOPIC = 3,
	STORE_KIND_MONTH = 4,
	STORE_KIND_REPORTER = 5,
	STORE_KIND_ALL = 6,
	STORE_KIND_COUNT
};

/* How many articles match f, from the kept counts (facet.c): sets
 * *answered false when f needs counting instead (a search, or a filter
 * the counts do not follow). Returns 0, or -1 with a message. */
int store_kept_count(struct store *s, const struct store_filter *f,
		     int64_t *n, bool *answered, char *err, size_t errlen);

/* Counts of f by kind (enum store_kind, STORE_KIND_ALL: one entry,
 * the number of articles, none when 0) from facet_index (facet_index.c),
 * largest first or months newest first, at most limit entries (0: all).
 * Sets *answered false when f is not one it reads: a reporter, --starred,
 * no city, county or union, or the reporter facet; a search it counts
 * from facet_pack (store_pack_count), every facet, unless --unread or
 * --starred is beside it.
 * Returns 0, or -1 with a message. */
int store_index_facet(struct store *s, const struct store_filter *f,
		      int kind, int limit, struct store_count **out, size_t *n,
		      bool *answered, char *err, size_t errlen);

/* Frees the counts store_index_facet keeps. */
void store_index_counts_free(struct store *s);

/* Runs sql (an id per row) with params[0..nbind) bound to its
 * parameters; the ids go to *ids (allocated, *count of them). Returns 0,
 * or -1 (sqlite's error on s->db, or out of memory). (facet_index.c) */
int store_ids_of(struct store *s, const char *sql, const char *const *params,
		 size_t nbind, int64_t **ids, size_t *count);

/* Sorts counts as store_facet gives them: the largest first and then by
 * name, or (months) the newest first (facet_index.c). */
void store_counts_sort(struct store_count *c, size_t n, bool months);

/* The migration that makes the facet pack (schema.c): open.c runs
 * store_pack_make after its SQL, in the same transaction. */
#define STORE_MIGRATION_PACK 11

/* Makes anew, in the open transaction, each chunk of facet_pack that
 * facet_pack_stale names, and empties it (pack.c). Returns 0, or -1 with
 * a message. */
int store_pack_make(sqlite3 *db, char *err, size_t errlen);

/* True when store_pack_count counts f: a search, with any filter but
 * --unread and --starred beside it (pack.c). */
bool store_pack_reads(const struct store_filter *f);

/* The articles of f (store_pack_reads) counted by every kind at once
 * (the reporters only when asked), from the matching ids and facet_pack:
 * out[kind] as store_index_facet gives them, all entries. Returns 0, or
 * -1 with a message. */
int store_pack_count(struct store *s, const struct store_filter *f,
		     bool reporters, struct store_count *out[STORE_KIND_COUNT],
		     size_t n_out[STORE_KIND_COUNT], char *err, size_t errlen);

/* The articles of f (store_pack_reads) by city and month, as
 * store_city_months gives them, from the matching ids and facet_pack.
 * Returns 0, or -1 with a message. */
int store_pack_city_months(struct store *s, const struct store_filter *f,
			   struct store_city_month **out, size_t *n,
			   char *err, size_t errlen);

/* ---- Filters as SQL (filter.c; the growable string: sql.c) ------------ */

struct store_where;

/* The SQL of a row of STORE_FILTER_INFO: its condition, how its value is
 * bound, and its counts as a facet. */
struct store_filter_sql {
	bool kept;         /* the import keeps counts of it, under kind */
	int kind;          /* enum store_kind of its kept counts */
	const char *kept_value; /* NULL: the kept counts of kind are its
				   own; else its value made from theirs
				   (value: a kept month), their counts
				   summed */
	const char *where; /* " AND ..." over articles a; NULL: none of its
			      own (dates make one range, a search is fts) */
	/* The values bound to where's ?s for value (adds them to w with
	 * store_where_param); NULL: value once for each ?. */
	int (*values)(struct store_where *w, const char *value);
	/* As a facet: "SELECT <name>, count(*) FROM articles a <join>
	 * WHERE 1 <facet_where> ... <group> <order>". */
	const char *name, *join, *facet_where, *group, *order;
	/* Every value the store holds, for a name the store does not know
	 * (store_filter_names); NULL: not checked. */
	const char *known;
};
extern const struct store_filter_sql store_filter_sql[STORE_FILTER_COUNT];


/* A growable string. */
struct store_buf {
	char *s;
	size_t len, cap;
	bool failed; /* out of memory at some point */
};
void store_buf_put(struct store_buf *b, const char *s, size_t len);
void store_buf_add(struct store_buf *b, const char *s);
void store_buf_free(struct store_buf *b);

/* The text values bound, in order, to the ?s of a WHERE clause. */
struct store_where {
	struct store_buf sql;     /* " AND ..." conditions on articles a */
	const char *params[24];
	char *owned[24];          /* allocated values among params */
	size_t n_params;
	int64_t min_id, max_id;   /* a.id range implied by dates */
};

/* Adds a value to bind (owned: allocated, freed with w; NULL value and
 * owned: out of memory). Returns 0 or -1. */
int store_where_param(struct store_where *w, const char *value, char *owned);

/* The days f's dates keep (from, to and the periods together), as Julian
 * days: *lo 0 for no start, *hi INT64_MAX for no end. Returns 1 when f
 * has a date, 0 when it has none, -1 (with a message) for a malformed
 * one. */
int store_filter_days(const struct store_filter *f, int64_t *lo, int64_t *hi,
		      char *err, size_t errlen);

/* The civil date of a Julian day (the inverse of store_julian_day). */
void store_civil_date(int64_t jd, int *year, int *month, int *day);

/* Builds the conditions of f (all but the query) over the alias a. Returns
 * 0, or -1 with a message. */
int store_where_build(const struct store_filter *f, struct store_where *w,
		      char *err, size_t errlen);
void store_where_free(struct store_where *w);

/* True when a filter's text field is given (neither NULL nor empty). */
static inline bool store_set(const char *s)
{
	return s && *s;
}

/* A --city value as the articles hold it: without 市 (湛江市: 湛江);
 * allocated, NULL when out of memory. */
char *store_city_name(const char *city);

/* The condition on unions u that a --union value picks, its ?s bound to
 * what store_union_values adds for the value (filter.c): the union of
 * that name, the unions whose names end with it, the union whose name
 * (four characters or more) it ends with, and the unions of the same
 * place and kind, short or full (汕尾, 汕尾总工会, 汕尾市总工会). */
extern const char store_union_match[];
int store_union_values(struct store_where *w, const char *value);

/* The county names a --county value stands for: itself when it ends with
 * 区, 县, 市 or 旗; else itself, then itself with 区, 县 and 市 added
 * (allocated, NULL when out of memory). Returns how many: 1 or 4. */
size_t store_county_names(const char *county, char *names[4]);

/* Binds w's parameters from index first on; returns the next free index,
 * or -1. */
int store_where_bind(sqlite3_stmt *st, const struct store_where *w,
		     int first);

/* The list rows of ids[0..n), in that order, into *rows (allocated,
 * store_rows_free) and *n_rows: an id the store does not hold is left
 * out. Returns 0, or -1 with a message (list.c). */
int store_rows_by_id(struct store *s, const int64_t *ids, size_t n,
		     struct store_row **rows, size_t *n_rows, char *err,
		     size_t errlen);

/* An allocated copy of a column's text, or NULL for NULL. *oom set when a
 * copy failed. */
char *store_column_strdup(sqlite3_stmt *st, int col, bool *oom);

/* When a query is one run of CJK characters and nothing else (query.c),
 * that run, allocated; else NULL (also when out of memory). Such a query
 * matches exactly the articles whose indexed columns hold the run as
 * written: its bigrams in a row, or its one character. */
char *store_query_cjk_run(const char *query);

/* The index that holds every column a count needs (schema.c, migration
 * 6) and finds the articles of f: the one by city or by county when f
 * names one, else the one by id (links, a search and marks give ids, dates
 * a range of them). Counts name it in INDEXED BY, so that none reads the
 * wide rows of articles: SQLite does not pick a covering index for rowid
 * lookups by itself (facet.c). */
const char *store_covering_index(const struct store_filter *f);

/* The migration that makes the search index anew (schema.c): open.c runs
 * store_reindex after its SQL, in the same transaction. (Migration 9
 * emptied the index for the same reason and leaves the filling to it.) */
#define STORE_MIGRATION_REINDEX 10

/* Fills the emptied search index from the articles, a batch at a time,
 * telling progress (may be NULL) as it goes (reindex.c). Returns an SQLite
 * result code. */
int store_reindex(sqlite3 *db, store_progress_fn progress, void *context);

/* ---- The tokenizer, rank, query language and snippets ------------------- */

/* Registers the FTS5 tokenizer "cjk" on db (fts_cjk.c): Han characters as
 * overlapping bigrams (and what a one-character query needs), Traditional
 * folded to Simplified, Latin words and numbers folded to lower case and
 * half width; and cjk_holds (holds.c). Returns 0 or -1. */
int store_fts_cjk_register(sqlite3 *db, char *err, size_t errlen);

/* Registers the SQL function cjk_holds(run, text...) (holds.c): 1 when a
 * text holds run as the tokenizer folds text (工會 holds 工会), else 0.
 * Returns 0 or -1. */
int store_holds_register(sqlite3 *db, char *err, size_t errlen);

/* Registers the FTS5 auxiliary function hits(fts, weight..., first, last)
 * (rank.c):
 * BM25 without length normalisation, from the postings alone, negated so
 * that the best rows come first in ascending order. Returns 0 or -1. */
int store_rank_register(fts5_api *api, char *err, size_t errlen);

/* Registers the FTS5 auxiliary function match_ids (pack.c), with which
 * store_pack_count reads the ids of a one-phrase search. Returns 0 or
 * -1. */
int store_pack_register(fts5_api *api, char *err, size_t errlen);

/* How the tokenizer sees a character (fts_cjk.c), shared by the query
 * compiler and snippets so that all three cut text alike: a separator (not
 * indexed), a letter or digit of a word, or a CJK character (Han, kana,
 * hangul) of a run. Folds cp with text_fold first. */
enum store_cjk_class {
	STORE_CJK_SEPARATOR = 0,
	STORE_CJK_WORD,
	STORE_CJK_IDEOGRAPH,
};
enum store_cjk_class store_cjk_class(uint32_t cp);

/* Turns what a user typed into a safe FTS5 MATCH expression (query.c):
 * words must all occur, a run of Chinese matches as written, "..." is a
 * phrase, -word excludes, OR and | give either. Returns 0 and sets *match
 * (allocated); returns -1 with a message for a query that cannot match
 * anything (empty, only exclusions, ...). Never lets user text reach FTS5
 * as syntax. */
int store_query_compile(const char *query, char **match,
			char *err, size_t errlen);

/* An allocated snippet of text around the first hit of any of terms (at
 * most about max_chars characters, cut on character boundaries, "…" where
 * cut), sanitised, each hit between STORE_HIT_OPEN and STORE_HIT_CLOSE.
 * Matching folds case and width like the tokenizer (snippet.c). */
char *store_snippet(const char *text, const struct text_list *terms,
		    size_t max_chars);

#endif
