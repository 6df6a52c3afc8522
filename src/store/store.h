/*
 * store — the SQLite file that keeps every imported article: the schema and
 * its forward migrations, import (one transaction per page, idempotent by a
 * hash of each article's normalised text), filters, keyset paging, facet
 * counts, full-text search with a CJK tokenizer of its own, the user's own
 * marks (read, starred), which no re-import touches, and the reread of a
 * source, which moves them to the same stories of its new reading.
 *
 * The only part of bulletin that holds SQL. Functions return 0 on success or
 * -1 with a one-line message in err; results come back through
 * out-parameters set only on success. Nothing here prints or exits.
 */
#ifndef BULLETIN_STORE_H
#define BULLETIN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "page/page.h"

struct store;

enum store_open_flags {
	STORE_READ_ONLY = 1 << 0, /* never create nor migrate nor write */
	STORE_MUST_EXIST = 1 << 1,/* refuse a missing or empty file */
	STORE_UPGRADE = 1 << 2,   /* with STORE_READ_ONLY: an older schema is
				   * migrated first, read-write */
	STORE_WRITE_IF_ABLE = 1 << 3, /* read-write when the file and its
				   * folder may be written, else read-only
				   * (store_read_only_why says why) */
	STORE_BULK = 1 << 4,      /* many writes (import, reread): a large
				   * page cache */
};

/* What a store function returns besides 0 and -1 (always with a message):
 * the disk (or the store's size limit) is full, or another connection
 * holds the write lock longer than the busy timeout. */
enum { STORE_FULL = -2, STORE_BUSY = -3 };

/* Opens (and creates, with its folder, unless STORE_READ_ONLY) the database
 * at path: WAL, synchronous=NORMAL, foreign keys, a busy timeout, the CJK
 * tokenizer registered, the schema migrated forward. A file that is not a
 * database, is corrupt, or was made by a newer version is refused and left
 * untouched. */
int store_open(const char *path, int flags, struct store **out,
	       char *err, size_t errlen);
void store_close(struct store *s);

/* Told how a long step of opening goes (a migration that makes the search
 * index anew): what is being done (one line), done of total articles.
 * Called with done 0 before the step starts, then now and then, and with
 * done == total when it ends. Not called for a store with nothing to do. */
typedef void (*store_progress_fn)(void *context, const char *what,
				  int64_t done, int64_t total);

/* store_open, telling the progress of a long migration to progress (NULL:
 * told to no one) with context. */
int store_open_progress(const char *path, int flags,
			store_progress_fn progress, void *context,
			struct store **out, char *err, size_t errlen);

/* Why the store is open read-only, for the user ("... cannot be
 * written"); NULL when it is open read-write, or read-only only because
 * the caller asked for STORE_READ_ONLY. */
const char *store_read_only_why(const struct store *s);

/* What opening it found that the user should know, or NULL: a store read
 * from a folder that cannot be written whose -wal journal holds changes
 * not yet in the database (they cannot be read without writing there). */
const char *store_warning(const struct store *s);

/* How long a write waits for another connection's write lock before it
 * fails with STORE_BUSY: ms milliseconds, 0 not at all, -1 for as long as
 * it takes. Polls every millisecond or two, so that a writer that yields
 * the lock for a moment (an import between its batches) is caught. The
 * default is 5 s. */
void store_set_busy_timeout(struct store *s, int ms);

/* Sets the page cache to mb megabytes (STORE_BULK opens with 24, other
 * connections with SQLite's 2). Returns 0 or -1. */
int store_set_cache(struct store *s, int mb, char *err, size_t errlen);

/* For tests only: the database may not grow beyond pages pages (PRAGMA
 * max_page_count), as if the disk were full there. Returns 0 or -1. */
int store_limit_pages(struct store *s, int64_t pages, char *err,
		      size_t errlen);

struct store_import_result {
	int articles_new;   /* articles stored by this import */
	int articles_known; /* articles already in the store */
};

/* Stores a page read by page_read() from the file `path` whose bytes were
 * bytes[0..len), in one BEGIN IMMEDIATE transaction: all or nothing. A
 * failure rolls back and says so: STORE_FULL when the disk is full, -1
 * otherwise. Within a batch (store_batch_begin), the file goes in the
 * batch's transaction, kept when the batch commits; a failure rolls the
 * whole batch back (store_batch_commit then says so), and the caller
 * stores the batch's other files again one by one. A savepoint per file
 * would let the others stay, but it copies each page the file changes to
 * a statement journal first: that was a third of an import's writes. */
int store_import(struct store *s, const struct page *page, const char *path,
		 const char *bytes, size_t len,
		 struct store_import_result *res, char *err, size_t errlen);

/* A batch of imports in one transaction, so that many small files share
 * one commit (at a million articles, committing each file cost more than
 * storing it) and one update of the kept counts, written when the batch
 * commits. A crash before store_batch_commit loses the whole batch,
 * never part of a file; the next import takes its files again. A failed
 * commit rolls the batch back: none of its files is kept. Return 0, or
 * STORE_FULL (the disk is full), STORE_BUSY (begin: another connection
 * writes) or -1, with a message. */
/* Makes anew the facet pack of the articles that changed since it was
 * last made (pack.c; searches are counted right without it, but slower),
 * in a transaction of its own: after an import or a reread. Returns 0, or
 * -1 with a message. */
int store_pack_refresh(struct store *s, char *err, size_t errlen);

/* Merges the full-text index's segments where a level holds four or more
 * (FTS5's 'merge' with 'usermerge' 4), in steps of their own
 * transactions, until there is nothing left to merge: an import lets
 * them pile up to eight a level (schema.c, migration 12), which is
 * faster to write and slower to search. After an import or a reread;
 * about 6 % of a million-article import, next to nothing after a small
 * one. Returns 0, or -1 with a message. */
int store_fts_merge(struct store *s, char *err, size_t errlen);

int store_batch_begin(struct store *s, char *err, size_t errlen);
int store_batch_commit(struct store *s, char *err, size_t errlen);

/* Where a page came from, as an import records it so that a reread can
 * read it again the same way. */
struct store_origin {
	const char *path;      /* the name it was given under ("-": stdin) */
	const char *full_path; /* its absolute path; NULL for standard input */
	const char *encoding;  /* the --encoding given, or NULL */
	const char *date;      /* the --date given (YYYY-MM-DD), or NULL */
	bool options_known;    /* false: encoding and date are not known (a
				  source imported before they were kept) */
	const unsigned char *sha256; /* the bytes' store_sha256, when the
				  caller has it (made on another thread), or
				  NULL */
	const unsigned char (*identities)[32]; /* the store_sha256 of each
				  article's page_article_identity, in the
				  page's order, made alike, or NULL */
};

/* The SHA-256 of len bytes at data, as a source keeps it. */
void store_sha256(const void *data, size_t len, unsigned char out[32]);

/* store_import of the page read from origin->path, recording its origin
 * (the full path, the options given) with its source. A source already
 * stored (the same path and bytes) keeps the origin it has, or takes this
 * one when its options were not known. */
int store_import_from(struct store *s, const struct page *page,
		      const struct store_origin *origin, const char *bytes,
		      size_t len, struct store_import_result *res, char *err,
		      size_t errlen);

/* A source as stored: one file (or standard input) an import read. */
struct store_source {
	int64_t id;
	/* path and the texts after it share one allocation, path's */
	char *path;           /* owned: the name it was imported under */
	char *full_path;      /* owned, or NULL: its absolute path, when
				 recorded (imports since schema 8) */
	bool options_known;   /* given_encoding and given_date are recorded */
	char *given_encoding; /* owned, or NULL: --encoding at import */
	char *given_date;     /* owned, or NULL: --date at import */
	char *encoding;       /* owned, or NULL: what the page was read in */
	char *page_date;      /* owned, or NULL: YYYY-MM-DD, YYYY-MM, YYYY */
	unsigned char hash[32]; /* SHA-256 of the bytes read */
	int64_t articles;     /* articles stored from it now */
};

/* Every source, by id. *out is allocated (store_sources_free). Returns 0,
 * or -1 with a message. */
int store_sources(struct store *s, struct store_source **out, size_t *n,
		  char *err, size_t errlen);
void store_sources_free(struct store_source *src, size_t n);

/* True when bytes[0..len) are the bytes src was last read from. */
bool store_source_same_bytes(const struct store_source *src,
			     const char *bytes, size_t len);

struct store_reread_result {
	int articles_before;    /* the sources' articles before */
	int articles_after;     /* ... and after */
	int articles_elsewhere; /* read, but another source holds them */
	int marks_kept;         /* marks that followed their story */
	int marks_held;         /* marks whose story the page no longer has,
				   held for a later source of the same
				   connection (store_reread_marks_lost) */
	int marks_restored;     /* held marks that found their story here */
};

/* Replaces the articles of the sources ids[0..n_ids) (the same file, read
 * again: page, from bytes[0..len)) with the page's, in one transaction:
 * all or nothing. The first source keeps the page, its path and origin
 * (recorded, replacing what it had); the others are removed. Articles go
 * in as store_import stores them (an article another source holds is
 * left to it), with their full-text rows and kept counts; the old ones
 * leave with theirs, so both stay as a fresh import of the same files
 * would make them. The user's marks follow the story: an old article's
 * marks go to the new article of the same identity (the hash of its
 * normalised headline and text), else to the one of the same headline,
 * else to the one of the same text (a headline fixed); a new article on
 * the same day as its old one keeps its id. Marks of an
 * old article with no new one are held, on the connection, for a later
 * reread whose page has the story (an article that moved to another
 * page). Within a batch (store_batch_begin) the sources are a savepoint
 * of the batch's transaction, kept only if the batch commits. Returns 0,
 * or STORE_FULL (the disk is full: within a batch, SQLite may have rolled
 * the whole batch back) or -1, with a message; *res is set on success. */
int store_reread(struct store *s, const int64_t *ids, size_t n_ids,
		 const struct page *page, const struct store_origin *origin,
		 const char *bytes, size_t len, struct store_reread_result *res,
		 char *err, size_t errlen);

/* How many marks are held by rereads on this connection that no later
 * reread has given back: marks of articles gone from their pages. */
int store_reread_marks_lost(struct store *s, int64_t *n, char *err,
			    size_t errlen);

enum store_sort { STORE_SORT_DATE = 0, STORE_SORT_RANK };

/* How a filter's value picks articles. */
enum store_match {
	STORE_MATCH_EXACT,  /* the value as stored: a topic, a person */
	STORE_MATCH_NAME,   /* a place or a union by its short or full name
			       (湛江 or 湛江市; 汕尾, 汕尾总工会, 汕尾市总工会) */
	STORE_MATCH_FROM,   /* dates: that day and after (YYYY-MM-DD) */
	STORE_MATCH_TO,     /* dates: that day and before (YYYY-MM-DD) */
	STORE_MATCH_PERIOD, /* dates: one month or year, as its arg says
			       (YYYY-MM, YYYY), both ends */
	STORE_MATCH_FLAG,   /* on or off: no value */
	STORE_MATCH_SEARCH, /* words to search for in full text */
};

/*
 * Every filter once, in the order the reader's filter line, the facet
 * pane, stats and the help list them:
 *   key    (STORE_FILTER_key),
 *   field  of struct store_filter, and its type (TEXT: a string, FLAG: a
 *          bool),
 *   name   the command-line option (--name) and the reader's label,
 *   match  (enum store_match),
 *   title  of its facet in the reader's pane, or NULL: not a facet (its
 *          counts are stats' "by name"),
 *   under  the name of the filter its facet comes under in the reader's
 *          pane (shown once that one is set: a county under its city), or
 *          NULL,
 *   counted AT_ONCE, or ON_DEMAND: a facet of many values whose counts
 *          are kept for the whole store only (reporters), counted when
 *          asked for (stats --by, Enter on its section in the reader),
 *          never on every key,
 *   arg    what its value looks like, for the help,
 *   help   one line.
 * The store's conditions and counts (filter.c: the row's SQL), the
 * options of list, search, stats and tui, the reader's facet pane, filter
 * line and help, and --help are made from it: adding a facet is a row
 * here and its query in filter.c.
 */
#define STORE_FILTER_INFO(_)                                                  \
	_(CITY, city, TEXT, "city", NAME, "Cities", NULL, AT_ONCE, "NAME",    \
	  "a prefecture city, short or full name (湛江, 湛江市)")             \
	_(COUNTY, county, TEXT, "county", NAME, "Counties", "city", AT_ONCE,  \
	  "NAME", "a county or district, short or full name (鹤山, 鹤山市)")  \
	_(UNION, union_name, TEXT, "union", NAME, "Unions", NULL, AT_ONCE,    \
	  "NAME", "a union, short or full name (汕尾, 汕尾总工会)")           \
	_(TOPIC, topic, TEXT, "topic", EXACT, "Topics", NULL, AT_ONCE, "NAME", \
	  "a topic (培训, 职工服务)")                                         \
	_(REPORTER, reporter, TEXT, "reporter", EXACT, "Reporters", NULL,     \
	  ON_DEMAND, "NAME", "a reporter or author")                          \
	_(YEAR, year, TEXT, "year", PERIOD, "Years", NULL, AT_ONCE, "YYYY",   \
	  "the articles of one year")                                         \
	_(MONTH, month, TEXT, "month", PERIOD, "Months", NULL, AT_ONCE,       \
	  "YYYY-MM", "the articles of one month")                             \
	_(FROM, from, TEXT, "from", FROM, NULL, NULL, AT_ONCE, "YYYY-MM-DD",  \
	  "articles of that day or later")                                    \
	_(TO, to, TEXT, "to", TO, NULL, NULL, AT_ONCE, "YYYY-MM-DD",          \
	  "articles of that day or earlier")                                  \
	_(UNREAD, unread, FLAG, "unread", FLAG, NULL, NULL, AT_ONCE, NULL,    \
	  "unread articles only")                                             \
	_(STARRED, starred, FLAG, "starred", FLAG, NULL, NULL, AT_ONCE, NULL, \
	  "starred articles only")                                            \
	_(QUERY, query, TEXT, "search", SEARCH, NULL, NULL, AT_ONCE, "QUERY", \
	  "the articles that hold the words (as bulletin search)")

enum store_filter_key {
#define STORE_FILTER_ENUM(key, ...) STORE_FILTER_##key,
	STORE_FILTER_INFO(STORE_FILTER_ENUM)
#undef STORE_FILTER_ENUM
	STORE_FILTER_COUNT
};

#define STORE_FILTER_TYPE_TEXT const char *
#define STORE_FILTER_TYPE_FLAG bool

/* What to show: one field for each row of STORE_FILTER_INFO (text NULL or
 * "", flags false: no filter), and the order of a search's rows. Strings
 * are the caller's. */
struct store_filter {
#define STORE_FILTER_FIELD(key, field, type, ...) STORE_FILTER_TYPE_##type field;
	STORE_FILTER_INFO(STORE_FILTER_FIELD)
#undef STORE_FILTER_FIELD
	enum store_sort sort;
};

/* A row of STORE_FILTER_INFO. */
struct store_filter_info {
	const char *name, *title, *under, *arg, *help;
	bool on_demand; /* counted only when asked for */
	enum store_match match;
	bool flag;     /* a bool field, not a string */
	size_t offset; /* of its field in struct store_filter */
};
extern const struct store_filter_info store_filters[STORE_FILTER_COUNT];

/* The string field of key in f (NULL for a flag). */
const char **store_filter_slot(struct store_filter *f,
			       enum store_filter_key key);
/* Its value: the string when set (not NULL nor ""), else NULL; a flag
 * that is on gives "" . */
const char *store_filter_value(const struct store_filter *f,
			       enum store_filter_key key);
/* Sets key to value (a flag: on when value is not NULL). */
void store_filter_put(struct store_filter *f, enum store_filter_key key,
		      const char *value);
/* The key of a name ("city"), or -1. */
int store_filter_find(const char *name);

/* Checks the filter (dates well formed, the query usable). Returns 0, or -1
 * with a message for the user. */
int store_filter_check(const struct store_filter *f, char *err, size_t errlen);

/* Checks that each name in f (a city, county, union, topic, reporter)
 * picks some article of the store, as the filter takes it (short or full
 * name). Returns 0, or -1 with a message for the user: the name the
 * store does not know and the nearest names it holds. */
int store_filter_known(struct store *s, const struct store_filter *f,
		       char *err, size_t errlen);

/* One line of a list: what a list or search result shows. */
struct store_row {
	int64_t id;          /* sorts by date: larger is newer */
	char date[11];       /* YYYY-MM-DD, or "" */
	int year, month, day; /* what is known of the date; 0: unknown */
	enum date_precision precision;
	char *city, *county; /* owned, or NULL */
	char *kicker;        /* owned, or NULL */
	char *headline;      /* owned */
	char *source;        /* owned: the file it came from */
	bool read, starred;
	char *snippet;       /* owned, search only: sanitised text around the
				first hits, each hit between STORE_HIT_OPEN
				and STORE_HIT_CLOSE */
	double rank;         /* search only: rank.c, lower is better */
	struct article *article; /* owned, or NULL until store_rows_details:
				    every field of the article but its text
				    (paragraphs, captions, credits) */
};
/* An article's date as every output writes it: YYYY-MM-DD, or as much of
 * it as is known (YYYY-MM, YYYY), then "~" when it is approximate (mark
 * true); "~" alone for an approximate date of unknown year; "" for none. */
void store_date_text(int year, int month, int day,
		     enum date_precision precision, bool mark, char out[16]);

/* What an article's JSON says beside the article itself. */
struct store_json {
	int64_t id;          /* 0: not stored (parse): no id, read, starred */
	const char *source;  /* the file it came from, or NULL */
	bool read, starred;
	bool text;           /* with dateline, paragraphs, captions, credits */
	const char *snippet; /* a search's, hits between STORE_HIT_OPEN and
				STORE_HIT_CLOSE (written as [ and ]), or NULL */
	double rank;         /* with the snippet */
};

/* The one JSON shape of an article, for every command and the reader's
 * export (bulletin(1), JSON OUTPUT): one line, no newline, the keys in
 * this order: id, source, ordinal, line, lead_in, kicker, headline, date
 * (YYYY-MM-DD, or as much as is known: YYYY-MM, YYYY; null), date_precision
 * (day, approx, none), city, county, unions, topics, reporters
 * ([{role, name}]), authors, read, starred; then dateline, paragraphs,
 * captions, credits when j->text; then snippet and rank for a search.
 * Allocated; NULL when out of memory. (row_json.c) */
char *store_article_json(const struct article *a, const struct store_json *j);

/* A row of a list or search in that shape (without the text): the row
 * must have its details (store_rows_details), else NULL. (row_json.c) */
char *store_row_json(const struct store_row *r);

/* Reads each row's article (every field but its text) into row.article,
 * for JSON and TSV output: one statement set for the batch. (article.c) */
int store_rows_details(struct store *s, struct store_row *rows, size_t n,
		       char *err, size_t errlen);

#define STORE_HIT_OPEN "\x02"
#define STORE_HIT_CLOSE "\x03"

/* Rank order ranks the newest STORE_RANK_WINDOW matches of a search (all
 * of them when there are no more); the older ones follow, newest first.
 * A word in every article is never scored in each (list.c). */
#define STORE_RANK_WINDOW 2000

/* Rows matching f, newest first (or best first for a search sorted by
 * rank), at most limit of them. Paging: after_id 0 starts at the top;
 * otherwise the rows that come after the row with that id in the order
 * (keyset paging for date order). For rank order, `offset` skips rows;
 * for date order it must be 0. *rows is allocated (store_rows_free). */
int store_list(struct store *s, const struct store_filter *f,
	       int64_t after_id, int offset, int limit,
	       struct store_row **rows, size_t *n, char *err, size_t errlen);

/* The rows before before_id in the order (for paging up), nearest first;
 * before_id 0: the last rows of the whole order. */
int store_list_before(struct store *s, const struct store_filter *f,
		      int64_t before_id, int limit, struct store_row **rows,
		      size_t *n, char *err, size_t errlen);

void store_rows_free(struct store_row *rows, size_t n);

/* How many articles match f. */
int store_count(struct store *s, const struct store_filter *f, int64_t *n,
		char *err, size_t errlen);

struct store_count {
	char *name; /* owned */
	int64_t count;
};

/* Counts of the articles matching f by one facet (a key whose row has a
 * title), largest first (months: newest first), at most limit entries (0:
 * all). */
int store_facet(struct store *s, const struct store_filter *f,
		enum store_filter_key facet, int limit, struct store_count **out,
		size_t *n, char *err, size_t errlen);
void store_counts_free(struct store_count *c, size_t n);

/* One cell of the chart of cities by months. */
struct store_city_month {
	char *city;    /* owned: the city as articles hold it (湛江) */
	char month[8]; /* YYYY-MM */
	int64_t count;
};

/* How many articles matching f (its search among them) each city has in
 * each month: every city and month with at least one dated article of
 * that city, ordered by city, then month; undated articles and articles
 * of no city are left out. One grouped query: the kept counts for the
 * whole store or one city or one topic alone, else one GROUP BY over an
 * index. *out is allocated (store_city_months_free). Returns 0, or -1
 * with a message (a search that cannot match among them). */
int store_city_months(struct store *s, const struct store_filter *f,
		      struct store_city_month **out, size_t *n, char *err,
		      size_t errlen);
void store_city_months_free(struct store_city_month *c, size_t n);

/* A whole article by id. Fills *a (page_article_clear frees it), and, when
 * not NULL, *source, *read and *starred (*source allocated). */
int store_get(struct store *s, int64_t id, struct article *a, char **source,
	      bool *read, bool *starred, char *err, size_t errlen);

/* The file article id was read from, and the line of it where the article
 * starts (1-based): *path (allocated) is the file's absolute path when the
 * import recorded it, else the name it was imported under ("-" for
 * standard input). Set only on success. */
int store_article_file(struct store *s, int64_t id, char **path, int *line,
		       char *err, size_t errlen);

/* Sets the user's marks on an article: read and starred are 0 or 1, or -1
 * to leave as they are. Saved at once; STORE_BUSY when another connection
 * holds the write lock past the busy timeout (store_set_busy_timeout), -1
 * for any other failure (a read-only store among them). */
int store_mark(struct store *s, int64_t id, int read, int starred,
	       char *err, size_t errlen);

/* Sets the marks (as store_mark) of every article f matches (when f is
 * not NULL) and of each of the n_ids ids, in one transaction: all or
 * none. *marked (when not NULL) says how many articles that was. An id
 * the store does not hold fails the whole (-1, the id named in err);
 * STORE_BUSY as store_mark. */
int store_mark_many(struct store *s, const struct store_filter *f,
		    const int64_t *ids, size_t n_ids, int read, int starred,
		    int64_t *marked, char *err, size_t errlen);

/* The articles related to one: other reports of the same story or
 * campaign (related.c). Article id's quoted names (“…”, 「…」, 『…』, 《…》
 * holding 3 to 20 Han characters) and its headline's phrases (runs of Han
 * characters, four at a time, joined where other articles share more) are
 * counted in the search index, reading no more matches than a rare one
 * has; the rare ones (held by another article and by at most one article
 * in a hundred, or 3) are looked up, quoted names first, then the rarest, six
 * at most. The articles holding them, never id itself, come best first:
 * by what they share (each phrase weighs the more the rarer it is, a
 * quoted name twice a headline phrase), then newest first; at most limit
 * of them (0: all). The article's own city, county and unions are never
 * part of a headline phrase.
 *
 * On success fills *out (store_related_free frees it): rows[i] is a list
 * row (no snippet), shared[i] the phrases it shares with id, strongest
 * first; phrases lists every phrase looked up, strongest first (none: the
 * article has no rare phrase, and no row). Returns -1 with a message, "no
 * article ID in the store" among them. */
struct store_related {
	struct store_row *rows;   /* owned: n rows */
	struct text_list *shared; /* owned: n lists */
	size_t n;
	struct text_list phrases; /* owned */
};
int store_related(struct store *s, int64_t id, int limit,
		  struct store_related *out, char *err, size_t errlen);
void store_related_free(struct store_related *r);

/* The literal strings a query searches for, to highlight them in an
 * article (excluded words are left out). */
int store_query_terms(const char *query, struct text_list *terms,
		      char *err, size_t errlen);

/* Lets the caller stop a long read: while check is set, the store calls
 * it now and then (every thousand steps of SQLite's virtual machine)
 * and, when it answers true, the statement running stops and the call
 * fails with a message. check NULL: nothing stops a read again. For the
 * reader, whose counts of a search give way to a key pressed. check may
 * be called from a thread the store starts for a search's counts
 * (pack.c): it must be safe to call from any thread. */
void store_set_interrupt(struct store *s, bool (*check)(void *context),
			 void *context);

/* Changes when another connection commits (PRAGMA data_version). */
int64_t store_data_version(struct store *s);

#endif
