/*
 * test_rank — the order of a search by relevance (rank.c) on a real
 * database: a headline hit before any number of body hits, more hits
 * before fewer, newest first among equals, and the scores themselves
 * against BM25 with b = 0 worked out here from the counts.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "store/store_impl.h"

struct made {
	const char *headline, *kicker, *body;
};

/* Fourteen articles, one a day from 2003-03-01 (ids grow with the date). */
static const struct made articles[] = {
	{"大熊猫回家", NULL, "今天天气晴朗。"},           /* headline */
	{"新闻一", NULL, "熊猫,熊猫,熊猫。"},               /* 3 in body */
	{"新闻二", NULL, "一只熊猫在吃竹子。"},             /* 1 in body */
	{"新闻三", NULL, "一只熊猫在睡觉。"},               /* 1, newer */
	{"新闻四", "熊猫基地", "基地开放。"},               /* kicker */
	{"新闻五", NULL, "工人在工作。"},
	{"新闻六", NULL, "工会组织活动。"},
	{"新闻七", NULL, "职工参加培训。"},
	{"新闻八", NULL, "劳模工匠进校园。"},
	{"新闻九", NULL, "一只小猫在吃鱼。"},
	{"新闻十", NULL, "职工书屋开放。"},
	{"新闻十一", NULL, "爱心驿站启用。"},
	{"新闻十二", NULL, "送清凉活动。"},
	{"新闻十三", NULL, "技能竞赛举行。"},
};
enum { N = sizeof articles / sizeof articles[0] };

static struct page *made_page(void)
{
	struct page *p = calloc(1, sizeof *p);

	assert_non_null(p);
	p->source = strdup("made");
	p->articles = calloc(N, sizeof *p->articles);
	assert_non_null(p->source);
	assert_non_null(p->articles);
	p->n_articles = N;
	for (size_t i = 0; i < N; i++) {
		struct article *a = &p->articles[i];

		a->ordinal = (int)i + 1;
		a->line = (int)i + 1;
		a->headline = strdup(articles[i].headline);
		assert_non_null(a->headline);
		if (articles[i].kicker) {
			a->kicker = strdup(articles[i].kicker);
			assert_non_null(a->kicker);
		}
		a->year = 2003;
		a->month = 3;
		a->day = (int)i + 1;
		a->precision = DATE_DAY;
		assert_int_equal(text_list_add(&a->paragraphs, articles[i].body,
					       strlen(articles[i].body)), 0);
	}
	return p;
}

struct fixture {
	char dir[64];
	char db[96];
	struct store *store;
	int64_t id[N]; /* by article */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct store_import_result r;
	struct store_row *rows = NULL;
	struct page *p;
	size_t n = 0;
	char err[512];

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_rank.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof fx->db, "%s/bulletin.db", fx->dir);
	if (store_open(fx->db, 0, &fx->store, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	p = made_page();
	if (store_import(fx->store, p, "made", "x", 1, &r, err,
			 sizeof err) != 0 || r.articles_new != N) {
		fprintf(stderr, "import: %s\n", err);
		return -1;
	}
	page_free(p);
	/* newest first: the last article comes first */
	if (store_list(fx->store, &(struct store_filter){0}, 0, 0, N, &rows,
		       &n, err, sizeof err) != 0 || n != N)
		return -1;
	for (size_t i = 0; i < N; i++)
		fx->id[N - 1 - i] = rows[i].id;
	store_rows_free(rows, n);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char path[160];

	store_close(fx->store);
	unlink(fx->db);
	snprintf(path, sizeof path, "%s-wal", fx->db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", fx->db);
	unlink(path);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* BM25's idf for a word held by `holding` of N rows, and its saturation
 * of h hits with k1 = 1.2. */
static double idf(int holding)
{
	return log((N - holding + 0.5) / (holding + 0.5));
}

static double saturate(int h)
{
	return h * 2.2 / (h + 1.2);
}

static void search(struct fixture *fx, const char *query,
		   struct store_row **rows, size_t *n)
{
	char err[512];
	struct store_filter f = {.query = query, .sort = STORE_SORT_RANK};

	if (store_list(fx->store, &f, 0, 0, N, rows, n, err, sizeof err) != 0)
		fail_msg("store_list: %s", err);
}

static void test_order_and_scores(void **state)
{
	struct fixture *fx = *state;
	struct store_row *rows = NULL;
	size_t n = 0;
	double w = idf(5); /* 熊猫 is in five of the fourteen */

	search(fx, "熊猫", &rows, &n);
	assert_int_equal(n, 5);
	/* headline (10), kicker (2), three body hits, one body hit twice:
	 * the newer of the two first */
	assert_true(rows[0].id == fx->id[0]);
	assert_true(rows[1].id == fx->id[4]);
	assert_true(rows[2].id == fx->id[1]);
	assert_true(rows[3].id == fx->id[3]);
	assert_true(rows[4].id == fx->id[2]);
	assert_true(fabs(rows[0].rank - -10 * w * saturate(1)) < 1e-9);
	assert_true(fabs(rows[1].rank - -2 * w * saturate(1)) < 1e-9);
	assert_true(fabs(rows[2].rank - -w * saturate(3)) < 1e-9);
	assert_true(fabs(rows[3].rank - -w * saturate(1)) < 1e-9);
	assert_true(rows[3].rank == rows[4].rank);
	store_rows_free(rows, n);
}

static void test_words_add_up(void **state)
{
	struct fixture *fx = *state;
	struct store_row *rows = NULL;
	size_t n = 0;

	/* 一只 is in three articles, 熊猫 in five: the two that hold both */
	search(fx, "一只 熊猫", &rows, &n);
	assert_int_equal(n, 2);
	assert_true(rows[0].id == fx->id[3]);
	assert_true(rows[1].id == fx->id[2]);
	assert_true(fabs(rows[0].rank - -(idf(3) + idf(5)) * saturate(1)) <
		    1e-9);
	store_rows_free(rows, n);
	/* either word: a rarer word's single hit outweighs a commoner's */
	search(fx, "小猫 OR 熊猫", &rows, &n);
	assert_int_equal(n, 6);
	assert_true(rows[0].id == fx->id[0]);
	assert_true(fabs(idf(1) - idf(5)) > 0.1);
	for (size_t i = 1; i < n; i++)
		assert_true(rows[i - 1].rank <= rows[i].rank);
	assert_true(rows[1].id == fx->id[9]); /* 小猫: idf(1) × 1 > 2 idf(5) */
	store_rows_free(rows, n);
}

/* More matches than the rank window: the newest STORE_RANK_WINDOW are
 * ranked, the older follow newest first; paging by offset gives every
 * match once; a search with fewer matches is ranked whole. */
static void test_window(void **state)
{
	enum { M = STORE_RANK_WINDOW + 40 }; /* and 新闻六 of 2003 */
	struct fixture *fx = *state;
	struct store_import_result r;
	struct store_row *rows = NULL, *page = NULL;
	struct store_filter f = {.query = "工会", .sort = STORE_SORT_RANK};
	struct page *p = calloc(1, sizeof *p);
	int64_t total = 0;
	size_t n = 0, got = 0, count = 0;
	char err[512];

	assert_non_null(p);
	p->source = strdup("window");
	p->articles = calloc(M, sizeof *p->articles);
	assert_non_null(p->articles);
	p->n_articles = M;
	for (int i = 0; i < M; i++) { /* one a day from 2010-01-01 */
		struct article *a = &p->articles[i];
		char headline[64], body[96];

		/* the oldest and the 30th newest hold it in the headline */
		snprintf(headline, sizeof headline, "%s%d",
			 i == 0 || i == M - 30 ? "工会消息" : "消息", i);
		snprintf(body, sizeof body, "%s工会组织活动%d。",
			 i % 7 == 0 ? "职工书屋开放,工会" : "", i);
		a->ordinal = i + 1;
		a->line = i + 1;
		a->headline = strdup(headline);
		a->year = 2010 + i / (12 * 28);
		a->month = 1 + i / 28 % 12;
		a->day = 1 + i % 28;
		a->precision = DATE_DAY;
		assert_non_null(a->headline);
		assert_int_equal(text_list_add(&a->paragraphs, body,
					       strlen(body)), 0);
	}
	assert_int_equal(store_import(fx->store, p, "window", "w", 1, &r, err,
				      sizeof err), 0);
	assert_int_equal(r.articles_new, M);
	page_free(p);
	assert_int_equal(store_list(fx->store, &f, 0, 0, M + 10, &rows, &n,
				    err, sizeof err), 0);
	assert_int_equal(n, M + 1);
	/* the newer headline hit first; the older one is past the window,
	 * newest first, before the fixture's 新闻六 */
	assert_string_equal(rows[0].headline, "工会消息2010");
	assert_string_equal(rows[n - 2].headline, "工会消息0");
	assert_string_equal(rows[n - 1].headline, "新闻六");
	for (size_t i = 1; i < STORE_RANK_WINDOW; i++)
		assert_true(rows[i - 1].rank <= rows[i].rank);
	for (size_t i = STORE_RANK_WINDOW + 1; i < n; i++)
		assert_true(rows[i - 1].id > rows[i].id);
	/* pages of 300 by offset, across the window's edge: the same rows */
	for (int offset = 0; offset < M + 300; offset += 300) {
		assert_int_equal(store_list(fx->store, &f, 0, offset, 300,
					    &page, &got, err, sizeof err), 0);
		for (size_t i = 0; i < got; i++) {
			assert_true(count < n);
			assert_true(page[i].id == rows[count++].id);
		}
		store_rows_free(page, got);
	}
	assert_int_equal(count, n);
	assert_int_equal(store_count(fx->store, &f, &total, err, sizeof err),
			 0);
	assert_int_equal(total, M + 1);
	store_rows_free(rows, n);
	/* fewer matches than the window: ranked whole, the oldest headline
	 * hit among the first */
	f.query = "工会 职工书屋";
	assert_int_equal(store_list(fx->store, &f, 0, 0, 2, &rows, &n, err,
				    sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].headline, "工会消息0");
	store_rows_free(rows, n);
	/* the count of a search, when the store's kept count of its
	 * articles is too small to hold the matches: counted all the same */
	{
		char sql[128];

		snprintf(sql, sizeof sql, "UPDATE facet_counts SET n = 1"
			 " WHERE kind = %d", STORE_KIND_ALL);
		assert_int_equal(sqlite3_exec(fx->store->db, sql, NULL, NULL,
					      NULL), SQLITE_OK);
	}
	f.query = "工会";
	total = 0;
	assert_int_equal(store_count(fx->store, &f, &total, err, sizeof err),
			 0);
	assert_int_equal(total, M + 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_order_and_scores),
		T(test_words_add_up),
		T(test_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
