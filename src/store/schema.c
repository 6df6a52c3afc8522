/*
 * schema — the store's tables as forward migrations. Step i brings a
 * database from PRAGMA user_version i to i + 1; open.c runs each pending
 * step in its own transaction together with the version bump. Never edit a
 * step that has shipped: add the next one.
 *
 * Shape (migration 1):
 * - articles.id sorts by date: (Julian day of the article's date, else of
 *   its page's date, else of the import day) * 65536 + a sequence within
 *   the day, so "newest first" is the rowid's own order and a LIMIT stops
 *   early; date filters become a rowid range (no index on date needed).
 * - identity (SHA-256 of page_article_identity()) makes import idempotent.
 * - Lists (body paragraphs, captions, credits) are "\n"-joined; unions,
 *   topics, reporters and authors are rows, in their order, with an index
 *   by (value, article_id) for each filter.
 * - marks belong to the user: nothing but store_mark writes them, and no
 *   cascade from a re-import can reach them (an import deletes nothing;
 *   a reread, reread.c, deletes a source's articles and gives their marks
 *   to the same stories of its new reading).
 * - fts is an external-content FTS5 table over articles with the "cjk"
 *   tokenizer; the import inserts its rows in the same transaction, last
 *   (import.c, store_fts_write).
 *
 * Migration 2: facet_counts keeps the counts that store_facet gives, so
 * that they are read, not recounted: for each facet kind (the numbers of
 * enum store_kind, store_impl.h: 0 city, 1 county, 2 union, 3 topic, 4 month,
 * 5 reporter), each month an article's date falls in ('YYYY-MM', '' for an
 * undated article, '*' for all months together) and each value, how many
 * articles hold that value. Counted as the GROUP BY of facet.c counts: a
 * union or topic listed twice on one article counts twice, a person named
 * as reporter and author counts once. The import adds to it in the same
 * transaction as the article; nothing else writes it. The step fills it
 * from the articles already stored.
 *
 * Migration 3: facet_pairs keeps the same counts within the articles of
 * one city or one topic (fkind 0 or 3, fvalue the city or topic name), for
 * the facets city, county, union, topic and month (kind, value), over all
 * months: the counts of a selection by one city or one topic are read, not
 * recounted. An article that lists a topic twice is in that topic's
 * selection once.
 *
 * Migration 4: both tables also count the articles themselves, under kind
 * 6 (STORE_KIND_ALL) and value '', so that store_count reads them too.
 *
 * Migration 5: facet_pairs keeps its counts per month as facet_counts does
 * (month 'YYYY-MM', '' undated, '*' all months), so that a selection by one
 * city or one topic within dates is read too. The step rebuilds the table
 * from the articles.
 *
 * Migration 6: facets counted by GROUP BY read indexes, never the wide
 * rows of articles (bodies inline, about two to a page: one page read per
 * article counted). articles_facets (id, city, county, date) answers a
 * selection found by id (links, search, marks, a date range); articles_city
 * and articles_county grow to (city, id, county, date) and
 * (county, id, city, date), so that a selection by a city or a county is
 * answered from them too, still in id order for keyset paging. facet.c
 * names them in INDEXED BY: SQLite does not pick a covering index for
 * rowid lookups by itself. An index of that name already there (made by
 * hand, or left by a step run again) is made anew.
 *
 * Migration 7: facet_index lists the articles of each city (kind 0, key
 * the city), county (1, the county) and union (2, the union's id), in id
 * order, each with what a count needs of it: its city, county and date,
 * and the ids of its unions and of its topics as text, each id between
 * spaces (' 12 407 ', ' ' for none; an id listed twice on the article is
 * there twice). A selection by a county or a union, or by several of
 * city, county, union and topic, is read from the rows of one key, the
 * others tested on those rows, and counted by every facet at once
 * (facet_index.c): a few contiguous pages, where counting from the
 * articles' indexes and link tables reads a page for nearly every article
 * of a selection spread over the years. An article listed twice under one
 * key is there once. Topics are no key: each holds 4 to 20 % of the
 * articles, a city or a union that goes with one is nearly always
 * smaller, and a topic alone is kept in facet_pairs.
 *
 * Migration 8: source_origins records, for each source imported from now
 * on, what `bulletin reread` needs to read it again as it was imported:
 * full_path, the file's absolute path (sources.path stays the name it was
 * given under, which may be relative; NULL for standard input), and the
 * --encoding and --date the import was given (NULL when not given). A
 * source stored before this step has no row: neither is known. An import
 * that meets such a source again (the same path and bytes) adds its row.
 * A table of its own, not columns of sources, so that the step can run
 * again over a store that has it. options_known 0: a source stored before
 * this step whose file a reread has found (full_path), its options still
 * unknown. articles_source finds the articles of a source, which a
 * reread replaces.
 *
 * Migration 9: the tokenizer folds Traditional characters to Simplified
 * (fts_cjk.c), so the search index is made anew: the step empties it, and
 * migration 10 fills it.
 *
 * Migration 10: the index keeps, beside each token, its first character
 * (FTS5's prefix='1'): a search for one character ("会"*, every bigram
 * that starts with it) reads one list of postings instead of merging
 * hundreds of them, 20 times faster at 200,000 articles, for an index
 * about 60 % larger. The step makes the table anew and open.c fills it
 * from the articles (reindex.c), telling progress.
 *
 * Migration 11: facet_pack holds the facet values of every article (its
 * city, county, day, unions, topics and people) in a few bytes, a blob for
 * each 64 days of ids, so that a search is counted by every facet beside
 * its matching ids (pack.c) instead of a row read per match. Triggers
 * name in facet_pack_stale each chunk that a change to an article or its
 * lists leaves out of date; pack.c makes those anew (store_pack_refresh,
 * after an import) and, until then, reads them from the tables.
 *
 * Migration 12: the full-text index is written in larger, fewer pieces.
 * FTS5 keeps new postings in memory up to 'hashsize' (4 MB instead of 1)
 * before writing them as a segment, and merges segments once 'automerge'
 * of them (8 instead of 4) are on one level: each posting is rewritten
 * fewer times. At 20,000 articles the import took about a third less
 * time. A search reads every segment that holds its words, and eight a
 * level made searches at a million articles up to twice as slow: an
 * import or a reread ends by merging the levels down to FTS5's usual
 * three (store_fts_merge), once.
 *
 * Migration 13: the import names the chunk of each article it adds in
 * facet_pack_stale itself (ST_MARK_STALE), once, instead of five triggers
 * doing it for the article and each row of its lists. A statement that
 * fires a trigger writes more than one row, and one that may also fail a
 * constraint halfway copies every page it changes to a statement journal
 * first, so that it can be undone alone: at 20,000 articles that was half
 * of the import's writes. The triggers on deletes and updates stay.
 *
 * Migration 14: the full-text index's pages ('pgsz') fill the store's
 * pages, as FTS5's own 4,050 bytes fill SQLite's usual 4 KB: a new store
 * has pages of 16 KB (open.c), and its index is written in a quarter as
 * many rows and pages. A store made before keeps 4 KB and 4,050.
 *
 * Migration 15: FTS5 keeps 8 MB of new postings in memory instead of 4.
 * A batch of the import (a second of pages, about 2,000 articles) makes
 * about 8 MB of them: it is written as one segment instead of two, and
 * each posting is merged fewer times. At 200,000 articles the import took
 * about 6 % less time, for about 8 MB more at its peak.
 */
#include "store/store_impl.h"

static const char migration_1[] =
	"CREATE TABLE sources ("
	" id INTEGER PRIMARY KEY,"
	" path TEXT NOT NULL,"
	" hash BLOB NOT NULL,"          /* SHA-256 of the file's bytes */
	" encoding TEXT,"
	" page_date TEXT,"              /* YYYY-MM-DD, YYYY-MM or YYYY */
	" articles INTEGER NOT NULL,"   /* articles read on the page */
	" imported_at TEXT NOT NULL);"
	"CREATE INDEX sources_hash ON sources(hash, path);"

	"CREATE TABLE articles ("
	" id INTEGER PRIMARY KEY,"
	" identity BLOB NOT NULL UNIQUE,"
	" source_id INTEGER NOT NULL REFERENCES sources(id),"
	" ordinal INTEGER NOT NULL,"
	" line INTEGER NOT NULL,"
	" kicker TEXT, lead_in TEXT, headline TEXT NOT NULL, dateline TEXT,"
	" year INTEGER NOT NULL, month INTEGER NOT NULL, day INTEGER NOT NULL,"
	" date TEXT,"                   /* YYYY-MM-DD when the day is known */
	" date_precision INTEGER NOT NULL,"
	" city TEXT, county TEXT,"
	" body TEXT NOT NULL,"          /* paragraphs, \\n-joined */
	" captions TEXT NOT NULL,"
	" credits TEXT NOT NULL);"
	"CREATE INDEX articles_city ON articles(city, id);"
	"CREATE INDEX articles_county ON articles(county, id);"

	"CREATE TABLE unions (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE article_unions ("
	" article_id INTEGER NOT NULL REFERENCES articles(id),"
	" position INTEGER NOT NULL,"
	" union_id INTEGER NOT NULL REFERENCES unions(id),"
	" PRIMARY KEY (article_id, position)) WITHOUT ROWID;"
	"CREATE INDEX article_unions_union ON article_unions(union_id, article_id);"

	"CREATE TABLE topics (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE article_topics ("
	" article_id INTEGER NOT NULL REFERENCES articles(id),"
	" position INTEGER NOT NULL,"
	" topic_id INTEGER NOT NULL REFERENCES topics(id),"
	" PRIMARY KEY (article_id, position)) WITHOUT ROWID;"
	"CREATE INDEX article_topics_topic ON article_topics(topic_id, article_id);"

	"CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE bylines ("
	" article_id INTEGER NOT NULL REFERENCES articles(id),"
	" position INTEGER NOT NULL,"
	" role TEXT NOT NULL,"
	" person_id INTEGER NOT NULL REFERENCES people(id),"
	" PRIMARY KEY (article_id, position)) WITHOUT ROWID;"
	"CREATE INDEX bylines_person ON bylines(person_id, article_id);"
	"CREATE TABLE authors ("
	" article_id INTEGER NOT NULL REFERENCES articles(id),"
	" position INTEGER NOT NULL,"
	" person_id INTEGER NOT NULL REFERENCES people(id),"
	" PRIMARY KEY (article_id, position)) WITHOUT ROWID;"
	"CREATE INDEX authors_person ON authors(person_id, article_id);"

	"CREATE TABLE marks ("
	" article_id INTEGER PRIMARY KEY REFERENCES articles(id),"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" read_at TEXT);"
	"CREATE INDEX marks_starred ON marks(starred, article_id);"

	"CREATE VIRTUAL TABLE fts USING fts5("
	" headline, kicker, body, captions,"
	" content='articles', content_rowid='id', tokenize='cjk');";

static const char migration_2[] =
	"CREATE TABLE facet_counts ("
	" kind INTEGER NOT NULL,"
	" month TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (kind, month, value)) WITHOUT ROWID;"
	"CREATE TEMP TABLE facet_fill (kind, month, value);"
	"INSERT INTO facet_fill SELECT 0, coalesce(substr(date, 1, 7), ''),"
	" city FROM articles WHERE city IS NOT NULL;"
	"INSERT INTO facet_fill SELECT 1, coalesce(substr(date, 1, 7), ''),"
	" county FROM articles WHERE county IS NOT NULL;"
	"INSERT INTO facet_fill SELECT 2, coalesce(substr(a.date, 1, 7), ''),"
	" u.name FROM article_unions x JOIN articles a ON a.id = x.article_id"
	" JOIN unions u ON u.id = x.union_id;"
	"INSERT INTO facet_fill SELECT 3, coalesce(substr(a.date, 1, 7), ''),"
	" t.name FROM article_topics x JOIN articles a ON a.id = x.article_id"
	" JOIN topics t ON t.id = x.topic_id;"
	"INSERT INTO facet_fill SELECT 4, substr(date, 1, 7), substr(date, 1, 7)"
	" FROM articles WHERE date IS NOT NULL;"
	"INSERT INTO facet_fill SELECT 5, coalesce(substr(a.date, 1, 7), ''),"
	" p.name FROM (SELECT article_id, person_id FROM bylines UNION"
	" SELECT article_id, person_id FROM authors) x JOIN articles a ON"
	" a.id = x.article_id JOIN people p ON p.id = x.person_id;"
	"INSERT INTO facet_counts SELECT kind, month, value, count(*)"
	" FROM facet_fill GROUP BY 1, 2, 3;"
	"INSERT INTO facet_counts SELECT kind, '*', value, count(*)"
	" FROM facet_fill GROUP BY 1, 3;"
	"DROP TABLE facet_fill;";

static const char migration_3[] =
	"CREATE TABLE facet_pairs ("
	" fkind INTEGER NOT NULL,"
	" fvalue TEXT NOT NULL,"
	" kind INTEGER NOT NULL,"
	" value TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (fkind, fvalue, kind, value)) WITHOUT ROWID;"
	"CREATE TEMP TABLE pair_in (article_id, fkind, fvalue);"
	"INSERT INTO pair_in SELECT id, 0, city FROM articles"
	" WHERE city IS NOT NULL;"
	"INSERT INTO pair_in SELECT DISTINCT x.article_id, 3, t.name"
	" FROM article_topics x JOIN topics t ON t.id = x.topic_id;"
	"CREATE INDEX temp.pair_in_article ON pair_in(article_id);"
	"CREATE TEMP TABLE pair_of (article_id, kind, value);"
	"INSERT INTO pair_of SELECT id, 0, city FROM articles"
	" WHERE city IS NOT NULL;"
	"INSERT INTO pair_of SELECT id, 1, county FROM articles"
	" WHERE county IS NOT NULL;"
	"INSERT INTO pair_of SELECT x.article_id, 2, u.name"
	" FROM article_unions x JOIN unions u ON u.id = x.union_id;"
	"INSERT INTO pair_of SELECT x.article_id, 3, t.name"
	" FROM article_topics x JOIN topics t ON t.id = x.topic_id;"
	"INSERT INTO pair_of SELECT id, 4, substr(date, 1, 7) FROM articles"
	" WHERE date IS NOT NULL;"
	"INSERT INTO facet_pairs SELECT i.fkind, i.fvalue, o.kind, o.value,"
	" count(*) FROM pair_of o JOIN pair_in i ON i.article_id = o.article_id"
	" GROUP BY 1, 2, 3, 4;"
	"DROP TABLE pair_in;"
	"DROP TABLE pair_of;";

static const char migration_4[] =
	"INSERT INTO facet_counts SELECT 6, coalesce(substr(date, 1, 7), ''),"
	" '', count(*) FROM articles GROUP BY 2;"
	"INSERT INTO facet_counts SELECT 6, '*', '', count(*) FROM articles"
	" HAVING count(*) > 0;"
	"INSERT INTO facet_pairs SELECT 0, city, 6, '', count(*) FROM articles"
	" WHERE city IS NOT NULL GROUP BY city;"
	"INSERT INTO facet_pairs SELECT 3, t.name, 6, '',"
	" count(DISTINCT x.article_id) FROM article_topics x JOIN topics t"
	" ON t.id = x.topic_id GROUP BY t.name;";

static const char migration_5[] =
	"DROP TABLE facet_pairs;"
	"CREATE TABLE facet_pairs ("
	" fkind INTEGER NOT NULL,"
	" fvalue TEXT NOT NULL,"
	" kind INTEGER NOT NULL,"
	" month TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (fkind, fvalue, kind, month, value)) WITHOUT ROWID;"
	"CREATE TEMP TABLE pair_in (article_id, fkind, fvalue);"
	"INSERT INTO pair_in SELECT id, 0, city FROM articles"
	" WHERE city IS NOT NULL;"
	"INSERT INTO pair_in SELECT DISTINCT x.article_id, 3, t.name"
	" FROM article_topics x JOIN topics t ON t.id = x.topic_id;"
	"CREATE INDEX temp.pair_in_article ON pair_in(article_id);"
	"CREATE TEMP TABLE pair_of (article_id, kind, value);"
	"INSERT INTO pair_of SELECT id, 6, '' FROM articles;"
	"INSERT INTO pair_of SELECT id, 0, city FROM articles"
	" WHERE city IS NOT NULL;"
	"INSERT INTO pair_of SELECT id, 1, county FROM articles"
	" WHERE county IS NOT NULL;"
	"INSERT INTO pair_of SELECT x.article_id, 2, u.name"
	" FROM article_unions x JOIN unions u ON u.id = x.union_id;"
	"INSERT INTO pair_of SELECT x.article_id, 3, t.name"
	" FROM article_topics x JOIN topics t ON t.id = x.topic_id;"
	"INSERT INTO pair_of SELECT id, 4, substr(date, 1, 7) FROM articles"
	" WHERE date IS NOT NULL;"
	"CREATE TEMP TABLE pair_fill (fkind, fvalue, kind, month, value);"
	"INSERT INTO pair_fill SELECT i.fkind, i.fvalue, o.kind,"
	" coalesce(substr(a.date, 1, 7), ''), o.value FROM pair_of o"
	" JOIN pair_in i ON i.article_id = o.article_id"
	" JOIN articles a ON a.id = o.article_id;"
	"INSERT INTO facet_pairs SELECT fkind, fvalue, kind, month, value,"
	" count(*) FROM pair_fill GROUP BY 1, 2, 3, 4, 5;"
	"INSERT INTO facet_pairs SELECT fkind, fvalue, kind, '*', value,"
	" count(*) FROM pair_fill GROUP BY 1, 2, 3, 5;"
	"DROP TABLE pair_in;"
	"DROP TABLE pair_of;"
	"DROP TABLE pair_fill;";

static const char migration_6[] =
	"DROP INDEX IF EXISTS articles_facets;"
	"CREATE INDEX articles_facets ON articles(id, city, county, date);"
	"DROP INDEX articles_city;"
	"CREATE INDEX articles_city ON articles(city, id, county, date);"
	"DROP INDEX articles_county;"
	"CREATE INDEX articles_county ON articles(county, id, city, date);";

static const char migration_7[] =
	"DROP TABLE IF EXISTS facet_index;"
	"CREATE TABLE facet_index ("
	" kind INTEGER NOT NULL,"
	" key NOT NULL,"               /* text for 0 and 1, an id for 2 */
	" id INTEGER NOT NULL,"
	" city TEXT, county TEXT, date TEXT,"
	" unions TEXT NOT NULL, topics TEXT NOT NULL,"
	" PRIMARY KEY (kind, key, id)) WITHOUT ROWID;"
	"CREATE TEMP TABLE index_fill AS SELECT a.id AS id, a.city AS city,"
	" a.county AS county, a.date AS date,"
	" coalesce(' ' || (SELECT group_concat(x.union_id, ' ') FROM"
	" article_unions x WHERE x.article_id = a.id) || ' ', ' ') AS unions,"
	" coalesce(' ' || (SELECT group_concat(x.topic_id, ' ') FROM"
	" article_topics x WHERE x.article_id = a.id) || ' ', ' ') AS topics"
	" FROM articles a INDEXED BY articles_facets;"
	"INSERT INTO facet_index SELECT 0, city, id, city, county, date, unions,"
	" topics FROM index_fill WHERE city IS NOT NULL ORDER BY 2, 3;"
	"INSERT INTO facet_index SELECT 1, county, id, city, county, date,"
	" unions, topics FROM index_fill WHERE county IS NOT NULL ORDER BY 2, 3;"
	"INSERT OR IGNORE INTO facet_index SELECT 2, x.union_id, f.id, f.city,"
	" f.county, f.date, f.unions, f.topics FROM article_unions x JOIN"
	" index_fill f ON f.id = x.article_id ORDER BY 2, 3;"
	"DROP TABLE index_fill;";

static const char migration_8[] =
	"CREATE TABLE IF NOT EXISTS source_origins ("
	" source_id INTEGER PRIMARY KEY REFERENCES sources(id),"
	" full_path TEXT,"
	" given_encoding TEXT,"
	" given_date TEXT,"
	" options_known INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX IF NOT EXISTS articles_source ON articles(source_id);";

static const char migration_9[] =
	"INSERT INTO fts(fts) VALUES('delete-all');";

static const char migration_10[] =
	"DROP TABLE fts;"
	"CREATE VIRTUAL TABLE fts USING fts5("
	" headline, kicker, body, captions,"
	" content='articles', content_rowid='id', tokenize='cjk',"
	" prefix='1');";

static const char migration_11[] =
	"DROP TABLE IF EXISTS facet_pack;"
	"DROP TABLE IF EXISTS facet_pack_stale;"
	"CREATE TABLE facet_pack ("
	" chunk INTEGER PRIMARY KEY,"  /* id >> 22: 64 days of articles */
	" data BLOB NOT NULL);"
	"CREATE TABLE facet_pack_stale (chunk INTEGER PRIMARY KEY);"
	"INSERT INTO facet_pack_stale SELECT DISTINCT id >> 22 FROM articles;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_add AFTER INSERT ON articles BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (new.id >> 22); END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_drop AFTER DELETE ON articles BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (old.id >> 22); END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_change AFTER UPDATE OF id, city, county,"
	" date ON articles BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (old.id >> 22);"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (new.id >> 22); END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_unions_add AFTER INSERT ON article_unions"
	" BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (new.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_unions_drop AFTER DELETE ON article_unions"
	" BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (old.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_topics_add AFTER INSERT ON article_topics"
	" BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (new.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_topics_drop AFTER DELETE ON article_topics"
	" BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (old.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_bylines_add AFTER INSERT ON bylines BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (new.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_bylines_drop AFTER DELETE ON bylines BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (old.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_authors_add AFTER INSERT ON authors BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (new.article_id >> 22);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS facet_pack_authors_drop AFTER DELETE ON authors BEGIN"
	" INSERT OR IGNORE INTO facet_pack_stale VALUES (old.article_id >> 22);"
	" END;";

static const char migration_12[] =
	"INSERT INTO fts(fts, rank) VALUES('hashsize', 4194304);"
	"INSERT INTO fts(fts, rank) VALUES('automerge', 8);";

static const char migration_13[] =
	"DROP TRIGGER IF EXISTS facet_pack_add;"
	"DROP TRIGGER IF EXISTS facet_pack_unions_add;"
	"DROP TRIGGER IF EXISTS facet_pack_topics_add;"
	"DROP TRIGGER IF EXISTS facet_pack_bylines_add;"
	"DROP TRIGGER IF EXISTS facet_pack_authors_add;";

static const char migration_14[] =
	"INSERT INTO fts(fts, rank) SELECT 'pgsz', page_size - 46"
	" FROM pragma_page_size;";

static const char migration_15[] =
	"INSERT INTO fts(fts, rank) VALUES('hashsize', 8388608);";

const char *const store_migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
	migration_14,
	migration_15,
};
const size_t store_n_migrations =
	sizeof store_migrations / sizeof store_migrations[0];
