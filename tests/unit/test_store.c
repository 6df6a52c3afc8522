/*
 * test_store — the store on real SQLite files in a temporary folder, with
 * the real sample page read by page_read(): idempotent import (the same
 * page again, in GB18030 and UTF-16), filters and facets, keyset paging,
 * articles back as they were read, marks that survive a re-import, search,
 * refusing files that are not ours without changing a byte, a full disk
 * rolled back, and data_version.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_impl.h"

#define SAMPLE "000_158881c878a543ee.txt"

struct fixture {
	char dir[64];
	char db[128];
	struct page_context *ctx;
	char *bytes; /* the sample page */
	size_t len;
};

static const char *data_dir(void)
{
	const char *d = getenv("BULLETIN_DATA_DIR");

	return d && *d ? d : "data";
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	char err[512], path[512];

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_store.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	/* a folder that does not exist yet: store_open makes it */
	snprintf(fx->db, sizeof fx->db, "%s/sub/dir/bulletin.db", fx->dir);
	if (page_context_load(data_dir(), NULL, &fx->ctx, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	snprintf(path, sizeof path, "%s/samples/%s", data_dir(), SAMPLE);
	fx->bytes = read_file(path, &fx->len);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fx->dir);
	page_context_free(fx->ctx);
	free(fx->bytes);
	free(fx);
	return 0;
}

static struct store *open_store(const struct fixture *fx)
{
	struct store *s = NULL;
	char err[512];

	if (store_open(fx->db, 0, &s, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	return s;
}

/* Reads bytes as a page and imports it; returns the result. */
static struct store_import_result import(struct store *s,
					 const struct fixture *fx,
					 const char *name, const char *bytes,
					 size_t len)
{
	struct store_import_result r = {-1, -1};
	struct page *page = NULL;
	char err[512];

	if (page_read(fx->ctx, NULL, name, bytes, len, &page, err, sizeof err))
		fail_msg("page_read: %s", err);
	if (store_import(s, page, name, bytes, len, &r, err, sizeof err))
		fail_msg("store_import: %s", err);
	page_free(page);
	return r;
}

/* bytes converted to another encoding with iconv; allocated. */
static char *convert(const char *bytes, size_t len, const char *to,
		     size_t *out_len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t cap = len * 4 + 16, left = cap;
	char *out = malloc(cap), *in = (char *)bytes, *o = out;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_true(iconv(cd, &in, &len, &o, &left) != (size_t)-1);
	iconv_close(cd);
	*out_len = cap - left;
	return out;
}

static int64_t count(struct store *s, const struct store_filter *f)
{
	int64_t n = -1;
	char err[512];

	if (store_count(s, f, &n, err, sizeof err) != 0)
		fail_msg("store_count: %s", err);
	return n;
}

static int64_t scalar(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_import_is_idempotent(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0};
	struct store_import_result r;
	static const char *const encodings[] = {"GB18030", "UTF-16"};

	assert_int_equal(scalar(s, "PRAGMA user_version"),
			 (int64_t)store_n_migrations);
	r = import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(r.articles_new, 7);
	assert_int_equal(r.articles_known, 0);
	r = import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(r.articles_new, 0);
	assert_int_equal(r.articles_known, 7);
	for (size_t i = 0; i < 2; i++) {
		size_t len;
		char *other = convert(fx->bytes, fx->len, encodings[i], &len);

		r = import(s, fx, encodings[i], other, len);
		assert_int_equal(r.articles_new, 0);
		assert_int_equal(r.articles_known, 7);
		free(other);
	}
	assert_int_equal(count(s, &all), 7);
	/* the same bytes under the same name are one source */
	assert_int_equal(scalar(s, "SELECT count(*) FROM sources"), 3);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts"), 7);
	store_close(s);
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_row *rows = NULL;
	size_t n = 0;
	char err[512];
	static const struct {
		struct store_filter f;
		int64_t n;
	} cases[] = {
		{{.city = "深圳"}, 1},
		{{.city = "深圳市"}, 1},
		{{.county = "龙岗区"}, 1},
		{{.county = "龙岗"}, 1},
		{{.union_name = "宝龙社区工联会"}, 1},
		{{.union_name = "深圳市龙岗区宝龙社区工联会"}, 1},
		{{.union_name = "湛江市总工会"}, 1},
		{{.union_name = "汕尾"}, 1},
		{{.union_name = "汕尾总工会"}, 1},
		{{.union_name = "汕尾市总工会"}, 1},
		{{.union_name = "鹤山"}, 1},
		{{.union_name = "阳山县总工会"}, 1},
		{{.union_name = "阳山总工会"}, 1},
		{{.month = "2023-12", .from = "2023-12-06"}, 2},
		{{.month = "2023-12", .to = "2023-11-30"}, 0},
		{{.topic = "学习宣讲"}, 2},
		{{.reporter = "誉建业"}, 1},
		{{.reporter = "李驿宿"}, 1},
		{{.from = "2023-12-06"}, 2},
		{{.from = "2023-12-05", .to = "2023-12-06"}, 2},
		{{.to = "2023-11-30"}, 1},
		{{.month = "2023-12"}, 3},
		{{.year = "2023"}, 4},
		{{.year = "2023", .month = "2023-12"}, 3},
		{{.year = "2024"}, 0},
		{{.city = "深圳", .from = "2023-12-07"}, 0},
		{{.city = "北京"}, 0},
	};

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = count(s, &cases[i].f);

		if (got != cases[i].n)
			fail_msg("case %zu: %lld articles, expected %lld", i,
				 (long long)got, (long long)cases[i].n);
		assert_int_equal(store_list(s, &cases[i].f, 0, 0, 100, &rows,
					    &n, err, sizeof err), 0);
		assert_int_equal(n, (size_t)cases[i].n);
		for (size_t k = 1; k < n; k++)
			assert_true(rows[k - 1].id > rows[k].id);
		for (size_t k = 0; cases[i].f.from && k < n; k++)
			assert_true(strcmp(rows[k].date, cases[i].f.from) >= 0);
		store_rows_free(rows, n);
	}
	struct store_filter f = {.city = "深圳"};
	assert_int_equal(store_list(s, &f, 0, 0, 10, &rows, &n, err,
				    sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].headline, "表彰工会先锋骨干");
	assert_string_equal(rows[0].date, "2023-12-06");
	assert_string_equal(rows[0].source, SAMPLE);
	store_rows_free(rows, n);

	struct store_filter bad = {.from = "2023-13-01"};
	assert_int_equal(store_filter_check(&bad, err, sizeof err), -1);
	assert_non_null(strstr(err, "2023-13-01"));

	/* names the store holds, short or full; one it does not, with the
	 * nearest it holds */
	static const struct store_filter known[] = {
		{.city = "汕尾市"}, {.union_name = "汕尾"},
		{.union_name = "汕尾总工会"}, {.county = "鹤山"},
		{.topic = "培训", .reporter = "李驿宿"},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		assert_int_equal(store_filter_known(s, &known[i], err,
						    sizeof err), 0);
	struct store_filter unknown = {.union_name = "汕尾市总工委"};
	assert_int_equal(store_filter_known(s, &unknown, err, sizeof err), -1);
	assert_non_null(strstr(err, "汕尾市总工委"));
	assert_non_null(strstr(err, "nearest: 汕尾市总工会"));
	unknown = (struct store_filter){.city = "北京"};
	assert_int_equal(store_filter_known(s, &unknown, err, sizeof err), -1);
	assert_non_null(strstr(err, "no city '北京'"));
	store_close(s);
}

static void test_paging(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0};
	struct store_row *all_rows = NULL, *rows = NULL;
	size_t n_all = 0, n = 0;
	char err[512];

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(store_list(s, &all, 0, 0, 100, &all_rows, &n_all, err,
				    sizeof err), 0);
	assert_int_equal(n_all, 7);
	assert_int_equal(store_list(s, &all, all_rows[2].id, 0, 3, &rows, &n,
				    err, sizeof err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].id, all_rows[3 + i].id);
	store_rows_free(rows, n);
	assert_int_equal(store_list_before(s, &all, all_rows[5].id, 2, &rows,
					   &n, err, sizeof err), 0);
	assert_int_equal(n, 2); /* nearest first */
	assert_int_equal(rows[0].id, all_rows[4].id);
	assert_int_equal(rows[1].id, all_rows[3].id);
	store_rows_free(rows, n);
	assert_int_equal(store_list_before(s, &all, 0, 2, &rows, &n, err,
					   sizeof err), 0);
	assert_int_equal(n, 2); /* from the end: the oldest, nearest first */
	assert_int_equal(rows[0].id, all_rows[6].id);
	assert_int_equal(rows[1].id, all_rows[5].id);
	store_rows_free(rows, n);
	assert_int_equal(store_list(s, &all, all_rows[6].id, 0, 3, &rows, &n,
				    err, sizeof err), 0);
	assert_int_equal(n, 0);
	store_rows_free(rows, n);
	store_rows_free(all_rows, n_all);
	store_close(s);
}

static void assert_list_equal(const struct text_list *a,
			      const struct text_list *b)
{
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++)
		assert_string_equal(a->items[i], b->items[i]);
}

static void assert_same_string(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void test_get_gives_back_the_article(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct page *page = NULL;
	struct store_filter all = {0};
	struct store_row *rows = NULL;
	size_t n = 0, matched = 0;
	char err[512];

	assert_int_equal(page_read(fx->ctx, NULL, SAMPLE, fx->bytes, fx->len,
				   &page, err, sizeof err), 0);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(store_list(s, &all, 0, 0, 100, &rows, &n, err,
				    sizeof err), 0);
	for (size_t i = 0; i < n; i++) {
		struct article a;
		char *source = NULL;
		bool read = true, starred = true;

		assert_int_equal(store_get(s, rows[i].id, &a, &source, &read,
					   &starred, err, sizeof err), 0);
		assert_string_equal(source, SAMPLE);
		assert_false(read);
		assert_false(starred);
		assert_true(a.ordinal >= 1 && (size_t)a.ordinal <= page->n_articles);
		const struct article *p = &page->articles[a.ordinal - 1];
		assert_string_equal(a.headline, p->headline);
		assert_same_string(a.kicker, p->kicker);
		assert_same_string(a.lead_in, p->lead_in);
		assert_same_string(a.dateline, p->dateline);
		assert_same_string(a.city, p->city);
		assert_same_string(a.county, p->county);
		assert_int_equal(a.year, p->year);
		assert_int_equal(a.month, p->month);
		assert_int_equal(a.day, p->day);
		assert_int_equal(a.precision, p->precision);
		assert_int_equal(a.line, p->line);
		assert_list_equal(&a.paragraphs, &p->paragraphs);
		assert_list_equal(&a.captions, &p->captions);
		assert_list_equal(&a.credits, &p->credits);
		assert_list_equal(&a.unions, &p->unions);
		assert_list_equal(&a.topics, &p->topics);
		assert_list_equal(&a.authors, &p->authors);
		assert_int_equal(a.n_reporters, p->n_reporters);
		for (size_t k = 0; k < a.n_reporters; k++) {
			assert_string_equal(a.reporters[k].role,
					    p->reporters[k].role);
			assert_string_equal(a.reporters[k].name,
					    p->reporters[k].name);
		}
		page_article_clear(&a);
		free(source);
		matched++;
	}
	assert_int_equal(matched, 7);
	struct article none;
	assert_int_equal(store_get(s, 12345, &none, NULL, NULL, NULL, err,
				   sizeof err), -1);
	store_rows_free(rows, n);
	page_free(page);
	store_close(s);
}

static void test_marks_survive_reimport(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0}, starred = {.starred = true},
			    unread = {.unread = true};
	struct store_row *rows = NULL;
	size_t n = 0;
	char err[512];
	bool r = false, st = false;
	struct article a;

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(store_list(s, &all, 0, 0, 2, &rows, &n, err,
				    sizeof err), 0);
	assert_int_equal(store_mark(s, rows[0].id, 1, 1, err, sizeof err), 0);
	assert_int_equal(store_mark(s, rows[1].id, 1, -1, err, sizeof err), 0);
	assert_int_equal(store_mark(s, 42, 1, -1, err, sizeof err), -1);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(count(s, &starred), 1);
	assert_int_equal(count(s, &unread), 5);
	assert_int_equal(store_get(s, rows[0].id, &a, NULL, &r, &st, err,
				   sizeof err), 0);
	assert_true(r);
	assert_true(st);
	page_article_clear(&a);
	assert_int_equal(store_mark(s, rows[0].id, -1, 0, err, sizeof err), 0);
	assert_int_equal(store_get(s, rows[0].id, &a, NULL, &r, &st, err,
				   sizeof err), 0);
	assert_true(r);
	assert_false(st);
	page_article_clear(&a);
	store_rows_free(rows, n);
	store_close(s);
}

static void test_facets(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0}, dec = {.month = "2023-12"};
	struct store_count *c = NULL;
	size_t n = 0;
	int64_t sum = 0;
	char err[512];

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(store_facet(s, &all, STORE_FILTER_CITY, 0, &c, &n, err,
				     sizeof err), 0);
	assert_int_equal(n, 7); /* seven cities, one article each */
	for (size_t i = 0; i < n; i++)
		sum += c[i].count;
	assert_int_equal(sum, 7);
	store_counts_free(c, n);
	assert_int_equal(store_facet(s, &all, STORE_FILTER_MONTH, 0, &c, &n, err,
				     sizeof err), 0);
	assert_true(n >= 2);
	assert_string_equal(c[0].name, "2023-12"); /* newest first */
	assert_int_equal(c[0].count, 3);
	assert_string_equal(c[1].name, "2023-11");
	store_counts_free(c, n);
	assert_int_equal(store_facet(s, &dec, STORE_FILTER_CITY, 2, &c, &n, err,
				     sizeof err), 0);
	assert_int_equal(n, 2);
	store_counts_free(c, n);
	assert_int_equal(store_facet(s, &all, STORE_FILTER_TOPIC, 0, &c, &n, err,
				     sizeof err), 0);
	assert_true(n > 0);
	for (size_t i = 1; i < n; i++)
		assert_true(c[i - 1].count >= c[i].count);
	store_counts_free(c, n);
	store_close(s);
}


/* The counts of a fresh GROUP BY, as "kind|month|value|n" lines in order,
 * beside the kept ones. */
static const char fresh_counts_sql[] =
	"WITH f(kind, month, value) AS ("
	" SELECT 0, coalesce(substr(date, 1, 7), ''), city FROM articles"
	"  WHERE city IS NOT NULL"
	" UNION ALL SELECT 1, coalesce(substr(date, 1, 7), ''), county"
	"  FROM articles WHERE county IS NOT NULL"
	" UNION ALL SELECT 2, coalesce(substr(a.date, 1, 7), ''), u.name"
	"  FROM article_unions x JOIN articles a ON a.id = x.article_id"
	"  JOIN unions u ON u.id = x.union_id"
	" UNION ALL SELECT 3, coalesce(substr(a.date, 1, 7), ''), t.name"
	"  FROM article_topics x JOIN articles a ON a.id = x.article_id"
	"  JOIN topics t ON t.id = x.topic_id"
	" UNION ALL SELECT 4, substr(date, 1, 7), substr(date, 1, 7)"
	"  FROM articles WHERE date IS NOT NULL"
	" UNION ALL SELECT 6, coalesce(substr(date, 1, 7), ''), '' FROM articles"
	" UNION ALL SELECT 5, coalesce(substr(a.date, 1, 7), ''), p.name"
	"  FROM (SELECT article_id, person_id FROM bylines UNION"
	"  SELECT article_id, person_id FROM authors) x"
	"  JOIN articles a ON a.id = x.article_id"
	"  JOIN people p ON p.id = x.person_id)"
	" SELECT group_concat(line, char(10)) FROM (SELECT kind || '|' ||"
	" month || '|' || value || '|' || n AS line FROM (SELECT kind, month,"
	" value, count(*) AS n FROM f GROUP BY 1, 2, 3 UNION ALL SELECT kind,"
	" '*', value, count(*) FROM f GROUP BY 1, 3) ORDER BY line)";
static const char kept_counts_sql[] =
	"SELECT group_concat(line, char(10)) FROM (SELECT kind || '|' ||"
	" month || '|' || value || '|' || n AS line FROM facet_counts"
	" ORDER BY line)";

/* The same within each city and each topic, as
 * "fkind|fvalue|kind|month|value|n" lines. */
static const char fresh_pairs_sql[] =
	"WITH i(article_id, fkind, fvalue) AS ("
	" SELECT id, 0, city FROM articles WHERE city IS NOT NULL"
	" UNION SELECT x.article_id, 3, t.name FROM article_topics x"
	"  JOIN topics t ON t.id = x.topic_id),"
	" o(article_id, kind, value) AS ("
	" SELECT id, 0, city FROM articles WHERE city IS NOT NULL"
	" UNION ALL SELECT id, 1, county FROM articles WHERE county IS NOT NULL"
	" UNION ALL SELECT x.article_id, 2, u.name FROM article_unions x"
	"  JOIN unions u ON u.id = x.union_id"
	" UNION ALL SELECT x.article_id, 3, t.name FROM article_topics x"
	"  JOIN topics t ON t.id = x.topic_id"
	" UNION ALL SELECT id, 4, substr(date, 1, 7) FROM articles"
	"  WHERE date IS NOT NULL"
	" UNION ALL SELECT id, 6, '' FROM articles),"
	" p(fkind, fvalue, kind, month, value) AS ("
	" SELECT fkind, fvalue, kind, coalesce(substr(a.date, 1, 7), ''),"
	"  value FROM i JOIN o USING (article_id)"
	"  JOIN articles a ON a.id = article_id)"
	" SELECT group_concat(line, char(10)) FROM (SELECT fkind || '|' ||"
	" fvalue || '|' || kind || '|' || month || '|' || value || '|' || n"
	" AS line FROM (SELECT fkind, fvalue, kind, month, value, count(*)"
	" AS n FROM p GROUP BY 1, 2, 3, 4, 5 UNION ALL SELECT fkind, fvalue,"
	" kind, '*', value, count(*) FROM p GROUP BY 1, 2, 3, 5)"
	" ORDER BY line)";
static const char kept_pairs_sql[] =
	"SELECT group_concat(line, char(10)) FROM (SELECT fkind || '|' ||"
	" fvalue || '|' || kind || '|' || month || '|' || value || '|' || n"
	" AS line FROM facet_pairs ORDER BY line)";

/* Dates whose months the sample pages fill (2023-11, 2023-12, 2024-02),
 * whole and cut, empty and reversed. */
static const struct store_filter date_filters[] = {
	{0},
	{.from = "2023-11-15"},
	{.to = "2023-12-10"},
	{.from = "2023-11-02", .to = "2023-12-10"},
	{.from = "2023-12-02", .to = "2023-12-10"},
	{.from = "2023-11-01", .to = "2023-12-31"},
	{.month = "2023-12"},
	{.month = "2023-12", .from = "2023-12-05"},
	{.from = "2023-12-01"},
	{.from = "2024-01-01"},
	{.from = "2024-02-05", .to = "2024-02-05"},
	{.from = "2030-01-01"},
	{.from = "2023-12-10", .to = "2023-11-01"},
};

static char *text_of(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v;

	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = strdup(sqlite3_column_text(st, 0)
			   ? (const char *)sqlite3_column_text(st, 0) : "");
	assert_non_null(v);
	sqlite3_finalize(st);
	return v;
}

static void assert_kept_counts_fresh(struct store *s)
{
	char *fresh = text_of(s, fresh_counts_sql);
	char *kept = text_of(s, kept_counts_sql);

	assert_true(strlen(kept) > 0);
	assert_string_equal(kept, fresh);
	free(fresh);
	free(kept);
	fresh = text_of(s, fresh_pairs_sql);
	kept = text_of(s, kept_pairs_sql);
	assert_true(strlen(kept) > 0);
	assert_string_equal(kept, fresh);
	free(fresh);
	free(kept);
}

static void assert_facets_as_counted(struct store *s, struct store_filter f);

/* assert_facets_as_counted for every city and topic in the store, alone
 * and within each of date_filters, with and without --unread. */
static void assert_facets_by_value_as_counted(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int checked = 0;

	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT kind, value FROM"
					    " facet_counts WHERE month = '*'"
					    " AND kind IN (0, 3)", -1, &st,
					    NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *value = strdup((const char *)sqlite3_column_text(st, 1));
		char *city = NULL;
		bool is_city = sqlite3_column_int(st, 0) == 0;

		assert_non_null(value);
		if (is_city) {
			city = malloc(strlen(value) + 8);
			assert_non_null(city);
			sprintf(city, "%s市", value);
		}
		for (size_t i = 0; i < sizeof date_filters /
				       sizeof date_filters[0]; i++) {
			struct store_filter f = date_filters[i];

			if (is_city)
				f.city = value;
			else
				f.topic = value;
			assert_facets_as_counted(s, f);
			f.unread = true;
			assert_facets_as_counted(s, f);
			if (city) {
				f.unread = false;
				f.city = city;
				assert_facets_as_counted(s, f);
			}
		}
		free(city);
		free(value);
		checked++;
	}
	sqlite3_finalize(st);
	assert_true(checked >= 2);
}

/* store_facet of f (kept counts where f allows) equals the same filter
 * counted by GROUP BY. */
static void assert_facets_as_counted(struct store *s, struct store_filter f)
{
	int64_t kept, counted;
	char err[512];

	s->recount = false;
	kept = count(s, &f);
	s->recount = true;
	counted = count(s, &f);
	s->recount = false;
	assert_int_equal(kept, counted);

	/* every facet of the table */
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		struct store_count *a = NULL, *b = NULL;
		size_t na = 0, nb = 0;

		if (!store_filters[k].title)
			continue;
		s->recount = false;
		assert_int_equal(store_facet(s, &f, (enum store_filter_key)k, 0,
					     &a, &na, err, sizeof err), 0);
		s->recount = true;
		assert_int_equal(store_facet(s, &f, (enum store_filter_key)k, 0,
					     &b, &nb, err, sizeof err), 0);
		s->recount = false;
		assert_int_equal(na, nb);
		for (size_t i = 0; i < na; i++) {
			assert_string_equal(a[i].name, b[i].name);
			assert_int_equal(a[i].count, b[i].count);
		}
		store_counts_free(a, na);
		store_counts_free(b, nb);
	}
}

/* Pages of tests/pages/ that share cities, unions and months with the
 * sample and with each other. */
static const char *const more_pages[] = {
	"001_fullwidth_header.txt", "002_wire_2024-02-05.txt",
	"003_pdf_layout.txt",
};
#define N_MORE_PAGES (sizeof more_pages / sizeof more_pages[0])

/* Imports tests/pages/name, times times over. */
static void import_page(struct store *s, struct fixture *fx, const char *name,
			int times)
{
	char path[512], *bytes;
	size_t len;

	snprintf(path, sizeof path, "tests/pages/%s", name);
	bytes = read_file(path, &len);
	for (int i = 0; i < times; i++)
		import(s, fx, name, bytes, len);
	free(bytes);
}

static void test_kept_counts(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0};
	struct store_row *rows = NULL;
	size_t n = 0;
	char err[512];

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_kept_counts_fresh(s);
	for (size_t i = 0; i < N_MORE_PAGES; i++)
		import_page(s, fx, more_pages[i], 2); /* again: nothing new */
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_kept_counts_fresh(s);
	for (size_t i = 0; i < sizeof date_filters / sizeof date_filters[0];
	     i++)
		assert_facets_as_counted(s, date_filters[i]);
	assert_facets_by_value_as_counted(s);
	/* marks change no count */
	assert_int_equal(store_list(s, &all, 0, 0, 3, &rows, &n, err,
				    sizeof err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_mark(s, rows[0].id, 1, 1, err, sizeof err), 0);
	assert_int_equal(store_mark(s, rows[2].id, 0, 1, err, sizeof err), 0);
	store_rows_free(rows, n);
	assert_kept_counts_fresh(s);
	/* --unread: the read article taken away */
	for (size_t i = 0; i < sizeof date_filters / sizeof date_filters[0];
	     i++) {
		struct store_filter g = date_filters[i];

		g.unread = true;
		assert_facets_as_counted(s, g);
	}
	assert_facets_by_value_as_counted(s);
	store_close(s);
}

/* A store made before the counts were kept gets them from its articles. */
static void test_kept_counts_filled_by_migration(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char err[512];

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(sqlite3_exec(s->db, "DROP TABLE facet_counts;"
					     "DROP TABLE facet_pairs;"
					     "PRAGMA user_version = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
	s = NULL;
	assert_int_equal(store_open(fx->db, 0, &s, err, sizeof err), 0);
	assert_int_equal(scalar(s, "PRAGMA user_version"),
			 (int64_t)store_n_migrations);
	assert_kept_counts_fresh(s);
	assert_facets_as_counted(s, (struct store_filter){0});
	store_close(s);
}

/* A new store has pages of 16 KB and the full-text index's rows fill them
 * (migration 14); a store whose file was made with 4 KB pages keeps them,
 * and its index FTS5's own 4,050 bytes. Both find what they hold. */
static void test_page_size(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	sqlite3 *db;
	char err[512];

	assert_int_equal(scalar(s, "PRAGMA page_size"), 16384);
	assert_int_equal(scalar(s, "SELECT v FROM fts_config"
				   " WHERE k = 'pgsz'"), 16338);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	for (size_t i = 0; i < N_MORE_PAGES; i++)
		import_page(s, fx, more_pages[i], 1);
	assert_true(scalar(s, "SELECT max(length(block)) FROM fts_data") >
		    4096);
	assert_true(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
			      " '\"工会\"'") > 0);
	store_close(s);
	assert_int_equal(unlink(fx->db), 0);

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA page_size = 4096;"
					  "CREATE TABLE t(x); DROP TABLE t",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = NULL;
	if (store_open(fx->db, 0, &s, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	assert_int_equal(scalar(s, "PRAGMA page_size"), 4096);
	assert_int_equal(scalar(s, "SELECT v FROM fts_config"
				   " WHERE k = 'pgsz'"), 4050);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	for (size_t i = 0; i < N_MORE_PAGES; i++)
		import_page(s, fx, more_pages[i], 1);
	assert_true(scalar(s, "SELECT max(length(block)) FROM fts_data") <=
		    4096);
	assert_true(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
			      " '\"工会\"'") > 0);
	store_close(s);
}

/* A store of version 4 (facet_pairs over all months only) gets them per
 * month from its articles, and answers a city or a topic within dates from
 * them as a recount does. */
static void test_pairs_by_month_filled_by_migration(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char err[512];

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	for (size_t i = 0; i < 2; i++)
		import_page(s, fx, more_pages[i], 1);
	/* back to what migrations 3 and 4 made */
	assert_int_equal(sqlite3_exec(s->db, "DROP TABLE facet_pairs;"
					     "DELETE FROM facet_counts"
					     " WHERE kind = 6",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s->db, store_migrations[2], NULL, NULL,
				      NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s->db, store_migrations[3], NULL, NULL,
				      NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s->db, "PRAGMA user_version = 4", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(scalar(s, "SELECT count(*) FROM"
				   " pragma_table_info('facet_pairs')"
				   " WHERE name = 'month'"), 0);
	assert_true(scalar(s, "SELECT count(*) FROM facet_pairs") > 0);
	store_close(s);
	s = NULL;
	assert_int_equal(store_open(fx->db, 0, &s, err, sizeof err), 0);
	assert_int_equal(scalar(s, "PRAGMA user_version"),
			 (int64_t)store_n_migrations);
	assert_kept_counts_fresh(s);
	assert_facets_by_value_as_counted(s);
	/* and the import keeps them from there */
	for (size_t i = 1; i < N_MORE_PAGES; i++)
		import_page(s, fx, more_pages[i], 1);
	assert_kept_counts_fresh(s);
	assert_facets_by_value_as_counted(s);
	store_close(s);
}


/* A page of n made-up articles, one a day from 2001-01-01: article i
 * holds 工会 always, 熊猫 when i % 3 == 0, 犀 when i % 97 == 0, and in its
 * headline 鹏 when i % 5 == 0 (the run scan must look in every column). */
static struct page *made_up_page(size_t n)
{
	struct page *p = calloc(1, sizeof *p);
	char text[160];

	assert_non_null(p);
	p->source = strdup("made-up");
	p->articles = calloc(n, sizeof *p->articles);
	assert_non_null(p->source);
	assert_non_null(p->articles);
	p->n_articles = n;
	for (size_t i = 0; i < n; i++) {
		struct article *a = &p->articles[i];

		a->ordinal = (int)i + 1;
		a->line = (int)i + 1;
		snprintf(text, sizeof text, "第%zu篇%s", i, i % 5 ? "" : "鹏城");
		a->headline = strdup(text);
		assert_non_null(a->headline);
		a->year = 2001;
		a->month = 1;
		a->day = (int)i + 1; /* rolls over into later months */
		a->precision = DATE_DAY;
		snprintf(text, sizeof text, "第%zu次工会活动,%s%s。", i,
			 i % 3 ? "" : "看熊猫", i % 97 ? "" : "见犀牛");
		assert_int_equal(text_list_add(&a->paragraphs, text,
					       strlen(text)), 0);
	}
	return p;
}

/* The ids of every row of f, page after page in date order. */
static size_t ids_by_date(struct store *s, const struct store_filter *f,
			  int64_t *ids, size_t cap)
{
	struct store_row *rows = NULL;
	size_t n = 0, total = 0;
	int64_t after = 0;
	char err[512];

	do {
		assert_int_equal(store_list(s, f, after, 0, 50, &rows, &n, err,
					    sizeof err), 0);
		for (size_t i = 0; i < n; i++) {
			assert_true(total < cap);
			if (total > 0)
				assert_true(ids[total - 1] > rows[i].id);
			ids[total++] = rows[i].id;
		}
		if (n > 0)
			after = rows[n - 1].id;
		store_rows_free(rows, n);
	} while (n == 50);
	return total;
}

static int by_id_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* A Chinese word searched in date order is read from the articles first
 * and from the index past them: the same rows as the index gives (rank
 * order, sorted by id), paged down and up. */
static void test_search_by_date_reads_articles(void **state)
{
	static const char *const words[] = {"工会", "熊猫", "犀", "鹏", "会",
					    "第1", "犀牛 熊猫"};
	enum { N = 700 };
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct page *p = made_up_page(N);
	struct store_import_result r;
	static int64_t by_date[N], by_rank[N];
	char err[512];

	assert_int_equal(store_import(s, p, "made-up", "x", 1, &r, err,
				      sizeof err), 0);
	assert_int_equal(r.articles_new, N);
	page_free(p);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		struct store_filter date = {.query = words[w]};
		struct store_filter rank = {.query = words[w],
					    .sort = STORE_SORT_RANK};
		struct store_row *rows = NULL, *up = NULL;
		size_t nd, nr = 0, nu = 0;

		nd = ids_by_date(s, &date, by_date, N);
		assert_int_equal(store_list(s, &rank, 0, 0, N, &rows, &nr, err,
					    sizeof err), 0);
		for (size_t i = 0; i < nr; i++)
			by_rank[i] = rows[i].id;
		store_rows_free(rows, nr);
		qsort(by_rank, nr, sizeof by_rank[0], by_id_desc);
		assert_true(nd > 0);
		assert_int_equal(nd, nr);
		for (size_t i = 0; i < nd; i++)
			assert_true(by_date[i] == by_rank[i]);
		/* page up from the last row: the rows above it, nearest first */
		assert_int_equal(store_list_before(s, &date, by_date[nd - 1],
						   40, &up, &nu, err,
						   sizeof err), 0);
		assert_int_equal(nu, nd - 1 < 40 ? nd - 1 : 40);
		for (size_t i = 0; i < nu; i++)
			assert_true(up[i].id == by_date[nd - 2 - i]);
		store_rows_free(up, nu);
	}
	assert_int_equal(ids_by_date(s, &(struct store_filter){.query = "犀"},
				     by_date, N), (N + 96) / 97);
	store_close(s);
}

static void test_search(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter f = {.query = "驿站", .sort = STORE_SORT_RANK};
	struct store_filter city = {.query = "工会", .city = "深圳"};
	struct store_filter empty = {.query = "  "};
	struct store_row *rows = NULL;
	size_t n = 0;
	char err[512];

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(store_list(s, &f, 0, 0, 10, &rows, &n, err,
				    sizeof err), 0);
	assert_true(n >= 1);
	assert_string_equal(rows[0].headline, "河源首批60个工会爱心驿站启用");
	assert_non_null(rows[0].snippet);
	assert_non_null(strstr(rows[0].snippet, STORE_HIT_OPEN "驿站"));
	for (size_t i = 1; i < n; i++)
		assert_true(rows[i - 1].rank <= rows[i].rank);
	assert_true(rows[0].rank < 0);
	store_rows_free(rows, n);
	assert_int_equal(count(s, &f), (int64_t)n);
	/* date order computes no rank, by the index or by the articles */
	for (int i = 0; i < 2; i++) {
		struct store_filter g = {.query = i ? "驿站" : "驿站 OR 河源"};

		assert_int_equal(store_list(s, &g, 0, 0, 10, &rows, &n, err,
					    sizeof err), 0);
		assert_true(n >= 1);
		for (size_t k = 0; k < n; k++)
			assert_true(rows[k].rank == 0.0);
		store_rows_free(rows, n);
	}
	assert_int_equal(store_list(s, &city, 0, 0, 10, &rows, &n, err,
				    sizeof err), 0);
	assert_int_equal(n, 1);
	store_rows_free(rows, n);
	/* by date, paged by key; by rank, paged back by place */
	struct store_filter by_date = {.query = "工会", .sort = STORE_SORT_DATE};
	struct store_row *page1 = NULL, *page2 = NULL;
	size_t n1 = 0, n2 = 0;
	assert_int_equal(store_list(s, &by_date, 0, 0, 3, &page1, &n1, err,
				    sizeof err), 0);
	assert_int_equal(n1, 3);
	assert_int_equal(store_list(s, &by_date, page1[2].id, 0, 100, &page2,
				    &n2, err, sizeof err), 0);
	assert_int_equal(n1 + n2, (size_t)count(s, &by_date));
	assert_true(page1[0].id > page1[1].id && page1[2].id > page2[0].id);
	store_rows_free(page1, n1);
	store_rows_free(page2, n2);
	struct store_filter by_rank = {.query = "工会", .sort = STORE_SORT_RANK};
	assert_int_equal(store_list(s, &by_rank, 0, 0, 100, &page1, &n1, err,
				    sizeof err), 0);
	assert_true(n1 >= 4);
	assert_int_equal(store_list(s, &by_rank, 0, 2, 2, &page2, &n2, err,
				    sizeof err), 0);
	assert_int_equal(n2, 2);
	assert_int_equal(page2[0].id, page1[2].id);
	store_rows_free(page2, n2);
	assert_int_equal(store_list_before(s, &by_rank, page1[3].id, 2, &page2,
					   &n2, err, sizeof err), 0);
	assert_int_equal(n2, 2);
	assert_int_equal(page2[0].id, page1[2].id);
	assert_int_equal(page2[1].id, page1[1].id);
	store_rows_free(page2, n2);
	assert_int_equal(store_list_before(s, &by_rank, 0, 2, &page2, &n2, err,
					   sizeof err), 0);
	assert_int_equal(n2, 2); /* from the end */
	assert_int_equal(page2[0].id, page1[n1 - 1].id);
	assert_int_equal(page2[1].id, page1[n1 - 2].id);
	store_rows_free(page2, n2);
	store_rows_free(page1, n1);

	assert_int_equal(store_list(s, &empty, 0, 0, 10, &rows, &n, err,
				    sizeof err), -1);
	assert_int_equal(store_filter_check(&empty, err, sizeof err), -1);
	store_close(s);
}

/* A file's bytes, to show that a refused file was not touched. */
static char *snapshot(const char *path, size_t *len)
{
	return read_file(path, len);
}

static void test_refuses_foreign_files(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	char path[256], err[512];
	size_t len0, len1;
	char *before, *after;
	sqlite3 *db;
	FILE *f;

	/* not a database */
	snprintf(path, sizeof path, "%s/notes.db", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("these are my notes, not a database\n", f);
	fclose(f);
	before = snapshot(path, &len0);
	assert_int_equal(store_open(path, 0, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "not"));
	after = snapshot(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);

	/* made by a newer bulletin */
	snprintf(path, sizeof path, "%s/newer.db", fx->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x);"
					  "PRAGMA user_version = 999",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	before = snapshot(path, &len0);
	assert_int_equal(store_open(path, 0, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "newer"));
	after = snapshot(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);

	/* corrupt: the schema's page overwritten */
	s = open_store(fx);
	store_close(s);
	f = fopen(fx->db, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 100, SEEK_SET), 0);
	for (int i = 0; i < 400; i++)
		fputc(0xA5, f);
	fclose(f);
	before = snapshot(fx->db, &len0);
	assert_int_equal(store_open(fx->db, 0, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "corrupt"));
	after = snapshot(fx->db, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);

	/* missing or empty when it must exist */
	snprintf(path, sizeof path, "%s/missing.db", fx->dir);
	assert_int_equal(store_open(path, STORE_MUST_EXIST, &s, err,
				    sizeof err), -1);
	assert_non_null(strstr(err, "bulletin import"));
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof path, "%s/empty.db", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(store_open(path, STORE_MUST_EXIST, &s, err,
				    sizeof err), -1);
	/* ... but an empty file is fine to start a store in */
	assert_int_equal(store_open(path, 0, &s, err, sizeof err), 0);
	store_close(s);
}

/* A page made by hand: n articles with long distinct bodies. */
static struct page *big_page(int n)
{
	struct page *p = calloc(1, sizeof *p);
	char line[4096];

	assert_non_null(p);
	p->source = strdup("big.txt");
	p->articles = calloc((size_t)n, sizeof *p->articles);
	assert_non_null(p->articles);
	p->n_articles = (size_t)n;
	p->year = 2024;
	p->month = 1;
	p->day = 2;
	for (int i = 0; i < n; i++) {
		struct article *a = &p->articles[i];
		size_t len = 0;

		a->ordinal = i + 1;
		snprintf(line, sizeof line, "第%d篇报道", i);
		a->headline = strdup(line);
		for (int k = 0; k < 60; k++)
			len += (size_t)snprintf(line + len, sizeof line - len,
						"职工%d号参加培训%d。", i, k);
		assert_int_equal(text_list_add(&a->paragraphs, line, len), 0);
		assert_int_equal(text_list_add(&a->unions, "测试市总工会",
					       (size_t)-1), 0);
	}
	return p;
}

/* Files in a batch, all kept by one commit. A file that fails inside it
 * rolls the whole batch back: the commit says so and nothing of the batch
 * is kept (the import stores the other files again, one by one). */
static void test_batch(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0};
	struct store_import_result r = {0, 0};
	struct page *big = big_page(300);
	char err[512], sql[64], *bytes;
	int64_t pages;
	size_t len;

	assert_int_equal(store_batch_begin(s, err, sizeof err), 0);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	/* the batch sees its own files: the same page again is known */
	r = import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(r.articles_known, 7);
	assert_false(sqlite3_get_autocommit(s->db));
	assert_int_equal(store_batch_commit(s, err, sizeof err), 0);
	assert_true(sqlite3_get_autocommit(s->db));
	assert_int_equal(count(s, &all), 7);
	/* the batch's kept counts, written at its commit, once */
	assert_kept_counts_fresh(s);

	/* a file that does not fit, inside a batch after one that does */
	bytes = read_file("tests/pages/002_wire_2024-02-05.txt", &len);
	assert_int_equal(store_batch_begin(s, err, sizeof err), 0);
	r = import(s, fx, "002_wire_2024-02-05.txt", bytes, len);
	assert_true(r.articles_new > 0);
	free(bytes);
	pages = scalar(s, "PRAGMA page_count");
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
		 (long long)pages + 2);
	assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_import(s, big, "big.txt", "x", 1, &r, err,
				      sizeof err), STORE_FULL);
	assert_non_null(strstr(err, "big.txt"));
	assert_int_equal(sqlite3_exec(s->db, "PRAGMA max_page_count = 1000000",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(store_batch_commit(s, err, sizeof err), 0);
	assert_non_null(strstr(err, "rolled back"));
	assert_int_equal(count(s, &all), 7);
	/* none of the counts of either file */
	assert_kept_counts_fresh(s);
	assert_int_equal(scalar(s, "SELECT count(*) FROM sources WHERE"
				   " path = '002_wire_2024-02-05.txt'"), 0);
	/* whole files only, and the index agrees */
	assert_int_equal(scalar(s, "SELECT count(*) FROM sources s WHERE"
				   " s.articles != (SELECT count(*) FROM"
				   " articles WHERE source_id = s.id)"), 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM sources WHERE"
				   " path = 'big.txt'"), 0);
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO fts(fts, rank)"
					     " VALUES ('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	/* and a file after the failed batch goes in */
	assert_int_equal(store_batch_begin(s, err, sizeof err), 0);
	assert_int_equal(store_import(s, big, "big.txt", "x", 1, &r, err,
				      sizeof err), 0);
	assert_int_equal(store_batch_commit(s, err, sizeof err), 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM sources WHERE"
				   " path = 'big.txt'"), 1);
	assert_kept_counts_fresh(s);
	page_free(big);
	store_close(s);
}

/* Several pages in one batch, some sharing cities, unions and months, one
 * twice: the kept counts written at the commit are those of a recount. */
static void test_batch_counts(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char err[512];

	assert_int_equal(store_batch_begin(s, err, sizeof err), 0);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	for (size_t i = 0; i < N_MORE_PAGES; i++)
		import_page(s, fx, more_pages[i], 1);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(store_batch_commit(s, err, sizeof err), 0);
	assert_kept_counts_fresh(s);
	for (size_t i = 0; i < sizeof date_filters / sizeof date_filters[0];
	     i++)
		assert_facets_as_counted(s, date_filters[i]);
	store_close(s);
}

static void test_full_disk_rolls_back(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter all = {0};
	struct store_import_result r = {0, 0};
	struct page *big = big_page(300);
	char err[512], sql[64];
	int64_t pages;

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	pages = scalar(s, "PRAGMA page_count");
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
		 (long long)pages + 2);
	assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_import(s, big, "big.txt", "x", 1, &r, err,
				      sizeof err), STORE_FULL);
	assert_non_null(strstr(err, "big.txt"));
	assert_non_null(strstr(err, "full"));
	assert_int_equal(count(s, &all), 7);
	assert_int_equal(scalar(s, "SELECT count(*) FROM sources"), 1);
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO fts(fts, rank)"
					     " VALUES ('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	/* room again: the same page goes in whole */
	assert_int_equal(sqlite3_exec(s->db, "PRAGMA max_page_count = 1000000",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_import(s, big, "big.txt", "x", 1, &r, err,
				      sizeof err), 0);
	assert_int_equal(r.articles_new, 300);
	assert_int_equal(count(s, &all), 307);
	page_free(big);
	store_close(s);
}

static void test_data_version(void **state)
{
	struct fixture *fx = *state;
	struct store *reader = open_store(fx), *writer = open_store(fx);
	int64_t v0 = store_data_version(reader);

	assert_true(v0 >= 0);
	import(writer, fx, SAMPLE, fx->bytes, fx->len);
	assert_true(store_data_version(reader) != v0);
	store_close(writer);
	store_close(reader);
}

static void test_julian_day(void **state)
{
	(void)state;
	assert_int_equal(store_julian_day(1970, 1, 1), 2440588);
	assert_int_equal(store_julian_day(2000, 1, 1), 2451545);
	assert_int_equal(store_julian_day(2024, 3, 1) -
				 store_julian_day(2024, 2, 28), 2);
	assert_int_equal(store_julian_day(2023, 13, 1),
			 store_julian_day(2024, 1, 1));
}

static void test_sha256(void **state)
{
	unsigned char h[32];
	static const unsigned char abc[4] = {0xba, 0x78, 0x16, 0xbf};
	static const unsigned char empty[4] = {0xe3, 0xb0, 0xc4, 0x42};
	static const unsigned char long_[4] = {0x24, 0x8d, 0x6a, 0x61};

	(void)state;
	store_sha256("abc", 3, h);
	assert_memory_equal(h, abc, 4);
	store_sha256("", 0, h);
	assert_memory_equal(h, empty, 4);
	store_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		     56, h);
	assert_memory_equal(h, long_, 4);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* s with the first from replaced by to; allocated. */
static char *replaced(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n;
	char *out;

	assert_non_null(at);
	n = strlen(s) - strlen(from) + strlen(to);
	out = malloc(n + 1);
	assert_non_null(out);
	snprintf(out, n + 1, "%.*s%s%s", (int)(at - s), s, to,
		 at + strlen(from));
	return out;
}

static int64_t source_of(struct store *s, const char *path, int nth)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT coalesce((SELECT id FROM sources"
		 " WHERE path = '%s' ORDER BY id LIMIT 1 OFFSET %d), 0)", path,
		 nth);
	return scalar(s, sql);
}

/* facet_index as the import left it equals what migration 7 makes of the
 * articles. */
static void assert_index_fresh(struct store *s)
{
	static const char rows_sql[] =
		"SELECT group_concat(kind || '|' || key || '|' || id || '|' ||"
		" coalesce(city, '-') || '|' || coalesce(county, '-') || '|' ||"
		" coalesce(date, '-') || '|' || unions || '|' || topics,"
		" char(10)) FROM (SELECT * FROM facet_index"
		" ORDER BY kind, key, id)";
	char *kept = text_of(s, rows_sql), *filled;

	assert_int_equal(sqlite3_exec(s->db, store_migrations[6], NULL, NULL,
				      NULL), SQLITE_OK);
	filled = text_of(s, rows_sql);
	assert_string_equal(kept, filled);
	free(kept);
	free(filled);
}

/* Rereads the sources of path (all of them) from bytes. */
static struct store_reread_result reread(struct store *s,
					 const struct fixture *fx,
					 const char *path, const char *bytes)
{
	struct store_reread_result r;
	struct store_origin origin = {.path = path, .full_path = path,
				      .options_known = true};
	struct page *page = NULL;
	int64_t ids[4];
	size_t n = 0;
	char err[512];

	while (n < 4 && (ids[n] = source_of(s, path, (int)n)) > 0)
		n++;
	assert_true(n > 0);
	if (page_read(fx->ctx, NULL, path, bytes, strlen(bytes), &page, err,
		      sizeof err))
		fail_msg("page_read: %s", err);
	if (store_reread(s, ids, n, page, &origin, bytes, strlen(bytes), &r,
			 err, sizeof err))
		fail_msg("store_reread: %s", err);
	page_free(page);
	return r;
}

/* A reread replaces a source's articles with a new reading: marks follow
 * their stories, and the kept counts, facet_index and the full-text index
 * stay as a fresh import makes them. */
static void test_reread(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter starred = {.starred = true};
	struct store_reread_result r;
	char *edited, *step, err[512];
	int64_t kept_id, lost = -1;

	import(s, fx, SAMPLE, fx->bytes, fx->len);
	for (size_t i = 0; i < N_MORE_PAGES; i++)
		import_page(s, fx, more_pages[i], 1);
	kept_id = scalar(s, "SELECT id FROM articles WHERE headline ="
			    " '保障宣传宣讲工作有力有序推进'");
	assert_int_equal(store_mark(s, kept_id, 1, 1, err, sizeof err), 0);
	assert_int_equal(store_mark(s, scalar(s, "SELECT id FROM articles"
					      " WHERE headline ="
					      " '培训工会经审干部'"), 1, 1, err,
				    sizeof err), 0);
	assert_int_equal(store_mark(s, scalar(s, "SELECT id FROM articles"
					      " WHERE headline ="
					      " '举办工会干部培训班'"), 0, 1, err,
				    sizeof err), 0);

	/* nothing changed */
	r = reread(s, fx, SAMPLE, fx->bytes);
	assert_int_equal(r.articles_before, 7);
	assert_int_equal(r.articles_after, 7);
	assert_int_equal(r.marks_kept, 3);
	assert_int_equal(count(s, &starred), 3);
	assert_kept_counts_fresh(s);

	/* a headline fixed, an article gone, a word changed */
	step = replaced(fx->bytes, "培训工会经审干部", "汕尾培训工会经审干部");
	edited = replaced(step, "举办工会干部培训班", "");
	free(step);
	step = edited;
	edited = replaced(step, "中共阳山县委党校", "县委党校");
	free(step);
	step = edited;
	edited = replaced(step, "高德地图", "北斗导航");
	free(step);
	r = reread(s, fx, SAMPLE, edited);
	assert_int_equal(r.articles_before, 7);
	assert_int_equal(r.marks_kept, 2);
	assert_int_equal(r.marks_held, 1);
	assert_int_equal(store_reread_marks_lost(s, &lost, err, sizeof err), 0);
	assert_int_equal(lost, 1);
	assert_int_equal(count(s, &starred), 2);
	assert_int_equal(scalar(s, "SELECT count(*) FROM marks WHERE article_id"
				   " = (SELECT id FROM articles WHERE headline ="
				   " '汕尾培训工会经审干部')"), 1);
	assert_int_equal(scalar(s, "SELECT id FROM articles WHERE headline ="
				   " '保障宣传宣讲工作有力有序推进'"), kept_id);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
				   " '北斗'"), 1);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
				   " '高德'"), 0);
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO fts(fts, rank)"
					     " VALUES ('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_kept_counts_fresh(s);
	assert_facets_by_value_as_counted(s);
	assert_index_fresh(s);

	/* the same path imported again with other bytes: two sources of one
	 * file, reread as one */
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_true(source_of(s, SAMPLE, 1) > 0);
	r = reread(s, fx, SAMPLE, fx->bytes);
	assert_int_equal(r.articles_after, 7);
	assert_int_equal(source_of(s, SAMPLE, 1), 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles"), 7 + scalar(
			 s, "SELECT count(*) FROM articles a JOIN sources s ON"
			    " s.id = a.source_id WHERE s.path <> '" SAMPLE "'"));
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO fts(fts, rank)"
					     " VALUES ('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_kept_counts_fresh(s);
	assert_index_fresh(s);
	free(edited);
	store_close(s);
}

/* The full-text rows are written once per transaction, after its other
 * rows: a page of seven articles makes one segment of the index, not one
 * an article; a reread that changes nothing leaves the index as it was,
 * and one that changes an article's text replaces that row alone. The
 * index's own check holds after each step. */
static void test_fts_written_last(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char *edited, *blocks, *again;
	const char *check = "INSERT INTO fts(fts, rank)"
			    " VALUES ('integrity-check', 1)";
	const char *segments = "SELECT count(DISTINCT segid) FROM fts_idx";
	const char *data = "SELECT group_concat(id || ':' || hex(block))"
			   " FROM fts_data WHERE id > 10";

	assert_int_equal(scalar(s, "SELECT v FROM fts_config"
				   " WHERE k = 'automerge'"), 8);
	assert_int_equal(scalar(s, "SELECT v FROM fts_config"
				   " WHERE k = 'hashsize'"), 8388608);
	import(s, fx, SAMPLE, fx->bytes, fx->len);
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles"), 7);
	assert_int_equal(scalar(s, segments), 1);
	assert_int_equal(sqlite3_exec(s->db, check, NULL, NULL, NULL),
			 SQLITE_OK);

	blocks = text_of(s, data);
	reread(s, fx, SAMPLE, fx->bytes);
	again = text_of(s, data);
	assert_string_equal(again, blocks);
	assert_int_equal(scalar(s, segments), 1);

	edited = replaced(fx->bytes, "中共阳山县委党校", "县委党校");
	reread(s, fx, SAMPLE, edited);
	assert_int_equal(scalar(s, segments), 2);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
				   " '阳山县委'"), 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
				   " '县委党校'"), 1);
	assert_int_equal(sqlite3_exec(s->db, check, NULL, NULL, NULL),
			 SQLITE_OK);
	free(edited);
	free(blocks);
	free(again);
	store_close(s);
}

/* Twelve files stored one by one make a segment each; eight on a level
 * are merged as they come (automerge), and store_fts_merge leaves fewer
 * than four on any: the searches' answers as before, the index sound. */
static void test_fts_merge(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	const char *segments = "SELECT count(DISTINCT segid) FROM fts_idx";
	struct store_import_result r;
	char name[32], err[512];
	int64_t found;

	for (int i = 0; i < 12; i++) {
		struct page *page = made_up_page(3);

		free(page->articles[0].headline);
		snprintf(name, sizeof name, "第%d页工会驿站", i);
		page->articles[0].headline = strdup(name);
		assert_non_null(page->articles[0].headline);
		snprintf(name, sizeof name, "made-up-%d", i);
		assert_int_equal(store_import(s, page, name, name,
					      strlen(name), &r, err,
					      sizeof err), 0);
		assert_int_equal(r.articles_new, 1 + (i == 0) * 2);
		page_free(page);
	}
	assert_true(scalar(s, segments) >= 4);
	found = scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH '驿站'");
	assert_int_equal(found, 12);
	assert_int_equal(store_fts_merge(s, err, sizeof err), 0);
	assert_true(scalar(s, segments) < 4);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
				   " '驿站'"), found);
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO fts(fts, rank)"
					     " VALUES ('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	/* nothing left to merge: done at once */
	assert_int_equal(store_fts_merge(s, err, sizeof err), 0);
	store_close(s);
}

/* Imports 40 batches of a made-up page whose headlines differ from batch
 * to batch into a new store at path (opened with flags), and returns the
 * largest the WAL grew; the store must hold them all, sound. With the
 * checkpoint thread (STORE_BULK), it is woken at 16 pages. */
static off_t wal_grows_to(const char *path, int flags)
{
	struct store *s = NULL;
	struct store_import_result r;
	char wal[256], name[64], err[512];
	off_t most = 0;
	struct stat st;

	if (store_open(path, flags, &s, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	if (flags & STORE_BULK)
		store_checkpointer_set_wake(s, 16);
	snprintf(wal, sizeof wal, "%s-wal", path);
	for (int i = 0; i < 40; i++) {
		struct page *page = made_up_page(8);

		for (size_t k = 0; k < page->n_articles; k++) {
			free(page->articles[k].headline);
			snprintf(name, sizeof name, "第%d批第%zu篇", i, k);
			page->articles[k].headline = strdup(name);
			assert_non_null(page->articles[k].headline);
		}
		snprintf(name, sizeof name, "made-up-%d", i);
		assert_int_equal(store_batch_begin(s, err, sizeof err), 0);
		assert_int_equal(store_import(s, page, name, name,
					      strlen(name), &r, err,
					      sizeof err), 0);
		assert_int_equal(r.articles_new, 8);
		assert_int_equal(store_batch_commit(s, err, sizeof err), 0);
		page_free(page);
		assert_int_equal(stat(wal, &st), 0);
		if (st.st_size > most)
			most = st.st_size;
	}
	if (flags & STORE_BULK)
		assert_true(store_checkpointer_runs(s) > 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles"), 320);
	assert_int_equal(scalar(s, "SELECT count(*) FROM fts WHERE fts MATCH"
				   " '工会'"), 320);
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO fts(fts, rank)"
					     " VALUES ('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(scalar(s, "SELECT count(*) FROM pragma_integrity_check"
				   " WHERE integrity_check != 'ok'"), 0);
	store_close(s);
	return most;
}

/* A bulk writer's checkpoints run on a thread of their own, and the WAL
 * still starts over: it stays a fraction of what the same batches make
 * without checkpoints (SQLite's own come only at 128 MB). */
static void test_checkpoints_beside_the_writer(void **state)
{
	struct fixture *fx = *state;
	char plain[128], bulk[128];
	off_t without, with;

	snprintf(plain, sizeof plain, "%s/plain.db", fx->dir);
	snprintf(bulk, sizeof bulk, "%s/bulk.db", fx->dir);
	without = wal_grows_to(plain, 0);
	with = wal_grows_to(bulk, STORE_BULK);
	assert_true(with > 0);
	assert_true(with * 3 < without);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_import_is_idempotent),
		T(test_filters),
		T(test_paging),
		T(test_get_gives_back_the_article),
		T(test_marks_survive_reimport),
		T(test_reread),
		T(test_fts_written_last),
		T(test_fts_merge),
		T(test_checkpoints_beside_the_writer),
		T(test_facets),
		T(test_kept_counts),
		T(test_page_size),
		T(test_kept_counts_filled_by_migration),
		T(test_pairs_by_month_filled_by_migration),
		T(test_search),
		T(test_search_by_date_reads_articles),
		T(test_refuses_foreign_files),
		T(test_full_disk_rolls_back),
		T(test_batch),
		T(test_batch_counts),
		T(test_data_version),
		cmocka_unit_test(test_julian_day),
		cmocka_unit_test(test_sha256),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
