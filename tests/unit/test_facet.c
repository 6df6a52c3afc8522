/*
 * test_facet — store_facet on a real SQLite file, against counts made here
 * from the articles themselves: a made-up page whose cities, counties,
 * unions, topics, people, dates and words follow from each article's
 * number, marks on some of them, and every kind of filter alone and
 * combined, counted by GROUP BY (recount) and from the kept counts. Also:
 * the statements that count read articles only through covering indexes,
 * and a store of schema version 5 migrates and counts alike.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store_impl.h"

enum { N_ARTICLES = 360, MAX_VALUES = 64 };

static const char *const cities[] = {"深圳", "广州", "中山", NULL};
/* 斗门 alone is a county written without its 区 */
static const char *const counties[] = {"福田区", "南山区", "斗门区",
				       "香洲区", "斗门", NULL};
static const char *const unions[] = {"中山市总工会", "深圳市总工会",
				     "深圳市龙岗区总工会", "龙岗区总工会",
				     "宝龙社区工联会"};
static const char *const topics[] = {"培训", "职工服务", "文体活动"};
static const char *const people[] = {"江俊", "郑娟", "梁锦", "侯晓", "卢娟"};

struct fixture {
	char dir[64];
	char db[128];
	struct page *page; /* what was imported: the counts are made from it */
	bool read[N_ARTICLES], starred[N_ARTICLES];
};

static void add_text(struct text_list *list, const char *s)
{
	assert_int_equal(text_list_add(list, s, (size_t)-1), 0);
}

static void add_reporter(struct article *a, const char *role,
			 const char *name)
{
	struct byline *b = realloc(a->reporters,
				   (a->n_reporters + 1) * sizeof *b);

	assert_non_null(b);
	a->reporters = b;
	b[a->n_reporters].role = strdup(role);
	b[a->n_reporters].name = strdup(name);
	assert_non_null(b[a->n_reporters].role);
	assert_non_null(b[a->n_reporters].name);
	a->n_reporters++;
}

/* Article i: one of the cities and counties (or none), none to two unions
 * and topics (one of them listed twice on some), reporters and authors (the
 * same person as both on some, an author listed twice on others), a day in
 * 2022 or 2023 (none for every eleventh: those sort under the page's date,
 * 2024-06-30), 熊猫 in the body of every third and 工资 in the headline of
 * every fourth. */
static struct page *made_up_page(void)
{
	struct page *p = calloc(1, sizeof *p);
	char text[160];

	assert_non_null(p);
	p->source = strdup("made-up");
	p->articles = calloc(N_ARTICLES, sizeof *p->articles);
	assert_non_null(p->source);
	assert_non_null(p->articles);
	p->n_articles = N_ARTICLES;
	p->year = 2024;
	p->month = 6;
	p->day = 30;
	for (int i = 0; i < N_ARTICLES; i++) {
		struct article *a = &p->articles[i];
		const char *city = cities[(i / 2) % 4];
		const char *county = counties[(i / 4) % 6];

		a->ordinal = i + 1;
		a->line = i + 1;
		snprintf(text, sizeof text, "第%d篇%s", i,
			 i % 4 == 1 ? "工资调整" : "");
		a->headline = strdup(text);
		assert_non_null(a->headline);
		snprintf(text, sizeof text, "第%d次活动。%s", i,
			 i % 3 == 0 ? "看熊猫。" : "");
		add_text(&a->paragraphs, text);
		a->city = city ? strdup(city) : NULL;
		a->county = county ? strdup(county) : NULL;
		if (i % 11 != 10) {
			a->year = 2022 + i % 2;
			a->month = 1 + (i / 2) % 12;
			a->day = 1 + (i * 7) % 28;
			a->precision = DATE_DAY;
		}
		switch (i % 5) {
		case 1:
			add_text(&a->unions, unions[(i / 5) % 5]);
			break;
		case 2:
			add_text(&a->unions, unions[(i / 5) % 5]);
			add_text(&a->unions, unions[(i / 5 + 2) % 5]);
			break;
		case 3:
			add_text(&a->unions, unions[(i / 7) % 5]);
			add_text(&a->unions, unions[(i / 7) % 5]);
			break;
		case 4:
			add_text(&a->unions, unions[(i / 3) % 5]);
			break;
		}
		switch (i % 4) {
		case 1:
			add_text(&a->topics, topics[(i / 4) % 3]);
			break;
		case 2:
			add_text(&a->topics, topics[(i / 4) % 3]);
			add_text(&a->topics, topics[(i / 4 + 1) % 3]);
			break;
		case 3:
			add_text(&a->topics, topics[(i / 4) % 3]);
			add_text(&a->topics, topics[(i / 4) % 3]);
			break;
		}
		if (i % 3 >= 1)
			add_reporter(a, "记者", people[(i / 3) % 5]);
		if (i % 3 == 2)
			add_reporter(a, "通讯员", people[(i / 3 + 2) % 5]);
		switch (i % 7) {
		case 0:
			add_text(&a->authors, people[(i / 3) % 5]);
			break;
		case 1:
			add_text(&a->authors, people[(i / 2) % 5]);
			break;
		case 2:
			add_text(&a->authors, people[(i / 2) % 5]);
			add_text(&a->authors, people[(i / 2) % 5]);
			break;
		}
	}
	return p;
}

static struct store *open_store(const struct fixture *fx)
{
	struct store *s = NULL;
	char err[512];

	if (store_open(fx->db, 0, &s, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	return s;
}

/* Imports the page and marks some articles read, some starred. */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct store_import_result r;
	struct store *s;
	sqlite3_stmt *st = NULL;
	char err[512];

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_facet.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof fx->db, "%s/bulletin.db", fx->dir);
	fx->page = made_up_page();
	s = open_store(fx);
	if (store_import(s, fx->page, "made-up", "x", 1, &r, err,
			 sizeof err) != 0 || r.articles_new != N_ARTICLES) {
		fprintf(stderr, "store_import: %s\n", err);
		return -1;
	}
	if (sqlite3_prepare_v2(s->db, "SELECT id, ordinal FROM articles", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int i = sqlite3_column_int(st, 1) - 1;

		fx->read[i] = i % 5 == 2 || i % 9 == 0;
		fx->starred[i] = i % 6 == 1;
		if ((fx->read[i] || fx->starred[i]) &&
		    store_mark(s, id, fx->read[i], fx->starred[i], err,
			       sizeof err) != 0) {
			fprintf(stderr, "store_mark: %s\n", err);
			return -1;
		}
	}
	sqlite3_finalize(st);
	store_close(s);
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
	page_free(fx->page);
	free(fx);
	return 0;
}

/* ---- The counts made from the articles --------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static size_t characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* As store_where_build reads a union: the name itself, a longer name that
 * ends with it, or a name of four characters or more that it ends with. */
static bool union_matches(const char *name, const char *wanted)
{
	return ends_with(name, wanted) ||
	       (characters(name) >= 4 && ends_with(wanted, name));
}

/* A county written without 区, 县, 市 or 旗 also finds it with 区, 县 or 市. */
static bool county_matches(const char *county, const char *wanted)
{
	static const char *const marks[] = {"区", "县", "市", "旗"};
	size_t n = strlen(wanted);

	if (strcmp(county, wanted) == 0)
		return true;
	for (size_t i = 0; i < 4; i++)
		if (ends_with(wanted, marks[i]))
			return false;
	return strncmp(county, wanted, n) == 0 &&
	       (strcmp(county + n, "区") == 0 || strcmp(county + n, "县") == 0 ||
		strcmp(county + n, "市") == 0);
}

static bool listed(const struct text_list *list, const char *wanted,
		   bool (*match)(const char *, const char *))
{
	for (size_t i = 0; i < list->count; i++)
		if (match ? match(list->items[i], wanted)
			  : strcmp(list->items[i], wanted) == 0)
			return true;
	return false;
}

static bool names_person(const struct article *a, const char *name)
{
	for (size_t i = 0; i < a->n_reporters; i++)
		if (strcmp(a->reporters[i].name, name) == 0)
			return true;
	return listed(&a->authors, name, NULL);
}

static bool holds(const struct article *a, const char *word)
{
	return strstr(a->headline, word) || (a->paragraphs.count > 0 &&
					     strstr(a->paragraphs.items[0], word));
}

/* The queries of the cases, as the articles that match them. */
static bool query_matches(const struct article *a, const char *query)
{
	if (strcmp(query, "熊猫") == 0 || strcmp(query, "工资") == 0)
		return holds(a, query);
	if (strcmp(query, "熊猫 OR 工资") == 0)
		return holds(a, "熊猫") || holds(a, "工资");
	if (strcmp(query, "熊猫 -工资") == 0)
		return holds(a, "熊猫") && !holds(a, "工资");
	fail_msg("no model of the query %s", query);
	return false;
}

static void date_of(const struct article *a, char date[40])
{
	snprintf(date, 40, "%04d-%02d-%02d", a->year, a->month, a->day);
}

static bool article_matches(const struct fixture *fx, int i,
			    const struct store_filter *f)
{
	const struct article *a = &fx->page->articles[i];
	bool dated = a->year > 0;
	char date[40];

	date_of(a, date);
	if (f->city) {
		char city[32];

		snprintf(city, sizeof city, "%s", f->city);
		if (ends_with(city, "市"))
			city[strlen(city) - strlen("市")] = '\0';
		if (!a->city || strcmp(a->city, city) != 0)
			return false;
	}
	if (f->county && (!a->county || !county_matches(a->county, f->county)))
		return false;
	if (f->union_name && !listed(&a->unions, f->union_name, union_matches))
		return false;
	if (f->topic && !listed(&a->topics, f->topic, NULL))
		return false;
	if (f->reporter && !names_person(a, f->reporter))
		return false;
	if ((f->from || f->to || f->month) && !dated)
		return false;
	if (f->from && strcmp(date, f->from) < 0)
		return false;
	if (f->to && strcmp(date, f->to) > 0)
		return false;
	if (f->month && strncmp(date, f->month, 7) != 0)
		return false;
	if (f->unread && fx->read[i])
		return false;
	if (f->starred && !fx->starred[i])
		return false;
	return !f->query || query_matches(a, f->query);
}

struct expected_count {
	char name[64];
	int64_t count;
};

static void expected_add(struct expected_count *t, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(t[i].name, name) == 0) {
			t[i].count++;
			return;
		}
	assert_true(*n < MAX_VALUES);
	snprintf(t[*n].name, sizeof t[*n].name, "%s", name);
	t[*n].count = 1;
	(*n)++;
}

/* The counts of one facet over the articles f keeps, as facet.c counts
 * them: a union or topic listed twice on an article twice, a person named
 * as reporter and as author (or twice) once. */
static size_t made_counts(const struct fixture *fx,
			  const struct store_filter *f,
			  enum store_filter_key facet, struct expected_count *t)
{
	size_t n = 0;

	for (int i = 0; i < N_ARTICLES; i++) {
		const struct article *a = &fx->page->articles[i];
		struct expected_count seen[MAX_VALUES];
		size_t n_seen = 0;
		char date[40];

		if (!article_matches(fx, i, f))
			continue;
		switch (facet) {
		case STORE_FILTER_CITY:
			if (a->city)
				expected_add(t, &n, a->city);
			break;
		case STORE_FILTER_COUNTY:
			if (a->county)
				expected_add(t, &n, a->county);
			break;
		case STORE_FILTER_UNION:
			for (size_t k = 0; k < a->unions.count; k++)
				expected_add(t, &n, a->unions.items[k]);
			break;
		case STORE_FILTER_TOPIC:
			for (size_t k = 0; k < a->topics.count; k++)
				expected_add(t, &n, a->topics.items[k]);
			break;
		case STORE_FILTER_MONTH:
		case STORE_FILTER_YEAR:
			if (a->year > 0) {
				date_of(a, date);
				date[facet == STORE_FILTER_YEAR ? 4 : 7] = '\0';
				expected_add(t, &n, date);
			}
			break;
		case STORE_FILTER_REPORTER:
			for (size_t k = 0; k < a->n_reporters; k++)
				expected_add(seen, &n_seen, a->reporters[k].name);
			for (size_t k = 0; k < a->authors.count; k++)
				expected_add(seen, &n_seen, a->authors.items[k]);
			for (size_t k = 0; k < n_seen; k++)
				expected_add(t, &n, seen[k].name);
			break;
		default:
			break;
		}
	}
	return n;
}

static int64_t made_total(const struct fixture *fx,
			  const struct store_filter *f)
{
	int64_t n = 0;

	for (int i = 0; i < N_ARTICLES; i++)
		n += article_matches(fx, i, f);
	return n;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct expected_count *)a)->name,
		      ((const struct expected_count *)b)->name);
}

/* ---- The cases ---------------------------------------------------------- */

struct facet_case {
	const char *what;
	struct store_filter f;
};

static const struct facet_case cases[] = {
	{"everything", {0}},
	{"union", {.union_name = "中山市总工会"}},
	{"union, a longer name ending with it",
	 {.union_name = "龙岗区总工会"}},
	{"union, ending with a shorter name",
	 {.union_name = "深圳市龙岗区总工会"}},
	{"union, by its ending", {.union_name = "总工会"}},
	{"reporter", {.reporter = "江俊"}},
	{"reporter or author", {.reporter = "梁锦"}},
	{"county", {.county = "福田区"}},
	{"county without 区", {.county = "斗门"}},
	{"city", {.city = "深圳"}},
	{"city with 市", {.city = "深圳市"}},
	{"topic", {.topic = "培训"}},
	{"city and topic", {.city = "深圳", .topic = "培训"}},
	{"city with 市 and topic", {.city = "广州市", .topic = "职工服务"}},
	{"topic and union", {.topic = "培训", .union_name = "深圳市总工会"}},
	{"starred", {.starred = true}},
	{"unread", {.unread = true}},
	{"search", {.query = "熊猫"}},
	{"search in headlines", {.query = "工资"}},
	{"search, either word", {.query = "熊猫 OR 工资"}},
	{"search, one word without the other", {.query = "熊猫 -工资"}},
	{"search in a union", {.query = "工资", .union_name = "深圳市总工会"}},
	{"search on a topic", {.query = "熊猫 OR 工资", .topic = "培训"}},
	{"search by a reporter", {.query = "熊猫 OR 工资", .reporter = "郑娟"}},
	{"search in a month", {.query = "熊猫 OR 工资", .month = "2023-05"}},
	{"dates", {.from = "2022-03-10", .to = "2023-02-20"}},
	{"month", {.month = "2023-05"}},
	{"union within dates",
	 {.union_name = "中山市总工会", .from = "2022-02-15",
	  .to = "2023-08-10"}},
	{"reporter in a month", {.reporter = "郑娟", .month = "2022-08"}},
	{"county and topic", {.county = "斗门区", .topic = "文体活动"}},
	{"city and county", {.city = "深圳", .county = "福田区"}},
	{"city and a union of two names",
	 {.city = "深圳", .union_name = "龙岗区总工会"}},
	{"county and unions by their ending",
	 {.county = "福田区", .union_name = "总工会"}},
	{"city within dates", {.city = "中山", .from = "2022-06-03"}},
	{"topic within dates, unread",
	 {.topic = "培训", .to = "2023-03-17", .unread = true}},
	{"city, unread", {.city = "广州", .unread = true}},
	{"starred from a day", {.starred = true, .from = "2022-09-09"}},
	{"starred in a city", {.starred = true, .city = "深圳"}},
	{"unread union", {.unread = true, .union_name = "龙岗区总工会"}},
	{"search in a city", {.query = "熊猫", .city = "中山"}},
	{"search in a county", {.query = "熊猫", .county = "斗门"}},
	{"search, union, unread",
	 {.query = "熊猫 OR 工资", .union_name = "深圳市总工会",
	  .unread = true}},
	{"search within dates", {.query = "工资", .from = "2022-05-05"}},
	{"reporter and topic, starred",
	 {.reporter = "侯晓", .topic = "职工服务", .starred = true}},
	{"nothing: a city no article has", {.city = "北京"}},
};

static const enum store_filter_key all_facets[] = {
	STORE_FILTER_CITY, STORE_FILTER_COUNTY, STORE_FILTER_UNION,
	STORE_FILTER_TOPIC, STORE_FILTER_MONTH, STORE_FILTER_REPORTER,
	STORE_FILTER_YEAR,
};

/* store_facet of f for one facet equals the counts made from the
 * articles, in its order: the largest first and then by name, months the
 * newest first. */
static void assert_facet_as_made(struct store *s, const struct fixture *fx,
				 const struct facet_case *c,
				 enum store_filter_key facet)
{
	struct expected_count made[MAX_VALUES], got[MAX_VALUES];
	struct store_count *counts = NULL;
	size_t n_made, n = 0;
	char err[512];

	n_made = made_counts(fx, &c->f, facet, made);
	if (store_facet(s, &c->f, facet, 0, &counts, &n, err,
			sizeof err) != 0)
		fail_msg("%s, by %s: %s", c->what, store_filters[facet].name, err);
	if (n != n_made)
		fail_msg("%s, by %s%s: %zu values, made %zu", c->what,
			 store_filters[facet].name, s->recount ? " (recount)" : "", n,
			 n_made);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(counts[i].name);
		if (i > 0 && (facet == STORE_FILTER_MONTH ||
			      facet == STORE_FILTER_YEAR))
			assert_true(strcmp(counts[i - 1].name,
					   counts[i].name) > 0);
		else if (i > 0)
			assert_true(counts[i - 1].count > counts[i].count ||
				    (counts[i - 1].count == counts[i].count &&
				     strcmp(counts[i - 1].name,
					    counts[i].name) < 0));
		snprintf(got[i].name, sizeof got[i].name, "%s", counts[i].name);
		got[i].count = counts[i].count;
	}
	store_counts_free(counts, n);
	qsort(made, n_made, sizeof made[0], by_name);
	qsort(got, n, sizeof got[0], by_name);
	for (size_t i = 0; i < n; i++)
		if (strcmp(got[i].name, made[i].name) != 0 ||
		    got[i].count != made[i].count)
			fail_msg("%s, by %s%s: %s %lld, made %s %lld", c->what,
				 store_filters[facet].name,
				 s->recount ? " (recount)" : "", got[i].name,
				 (long long)got[i].count, made[i].name,
				 (long long)made[i].count);
}

/* Every case and facet, by GROUP BY and from the kept counts, and the
 * number of articles. */
static void assert_cases_as_made(struct store *s, const struct fixture *fx)
{
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		for (int recount = 0; recount < 2; recount++) {
			int64_t total = -1;
			char err[512];

			s->recount = recount;
			if (store_count(s, &cases[k].f, &total, err,
					sizeof err) != 0)
				fail_msg("%s: %s", cases[k].what, err);
			if (total != made_total(fx, &cases[k].f))
				fail_msg("%s: %lld articles, made %lld",
					 cases[k].what, (long long)total,
					 (long long)made_total(fx,
							       &cases[k].f));
			for (size_t i = 0; i < 6; i++)
				assert_facet_as_made(s, fx, &cases[k],
						     all_facets[i]);
		}
	}
	s->recount = false;
}

static void test_facets_as_made(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);

	/* the made-up articles reach every kind of value */
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		if (strcmp(cases[k].what, "nothing: a city no article has") &&
		    made_total(fx, &cases[k].f) == 0)
			fail_msg("no article for the case %s", cases[k].what);
	assert_cases_as_made(s, fx);
	store_close(s);
}

static int64_t stale_chunks(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT (SELECT count(*)"
					    " FROM facet_pack_stale) * 1000 +"
					    " (SELECT count(*) FROM"
					    " facet_pack)", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Counts by city and month: from the facet pack (a search), the same as
 * by GROUP BY, for every case. */
static void assert_city_months_as_counted(struct store *s)
{
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct store_city_month *a = NULL, *b = NULL;
		size_t na = 0, nb = 0;
		char err[512];

		s->recount = true;
		if (store_city_months(s, &cases[k].f, &a, &na, err,
				      sizeof err) != 0)
			fail_msg("%s: %s", cases[k].what, err);
		s->recount = false;
		if (store_city_months(s, &cases[k].f, &b, &nb, err,
				      sizeof err) != 0)
			fail_msg("%s: %s", cases[k].what, err);
		if (na != nb)
			fail_msg("%s: %zu cells by city and month, %zu counted",
				 cases[k].what, nb, na);
		for (size_t i = 0; i < na; i++)
			if (strcmp(a[i].city, b[i].city) ||
			    strcmp(a[i].month, b[i].month) ||
			    a[i].count != b[i].count)
				fail_msg("%s: %s %s %lld, counted %s %s %lld",
					 cases[k].what, b[i].city, b[i].month,
					 (long long)b[i].count, a[i].city,
					 a[i].month, (long long)a[i].count);
		store_city_months_free(a, na);
		store_city_months_free(b, nb);
	}
}

/* A search is counted from the facet pack once it is made, and from the
 * tables for what changed since: the same counts either way. */
static void test_search_counts_from_the_pack(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char err[512];
	int64_t before = stale_chunks(s);

	/* the import left every chunk out of date, none packed */
	assert_true(before >= 1000);
	assert_int_equal(before % 1000, 0);
	assert_int_equal(store_pack_refresh(s, err, sizeof err), 0);
	assert_int_equal(stale_chunks(s), before / 1000);
	assert_cases_as_made(s, fx);
	assert_city_months_as_counted(s);
	/* a changed article puts its chunk out of date again */
	assert_int_equal(sqlite3_exec(s->db, "UPDATE articles SET county ="
					     " county WHERE id = (SELECT"
					     " min(id) FROM articles)", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(stale_chunks(s), 1000 + before / 1000);
	assert_cases_as_made(s, fx);
	assert_city_months_as_counted(s);
	store_close(s);
}

/* A limit keeps the first entries of the whole list. */
static void test_limit(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_filter f = {.union_name = "总工会", .unread = true};
	struct store_count *all = NULL, *few = NULL;
	size_t n_all = 0, n_few = 0;
	char err[512];

	assert_int_equal(store_facet(s, &f, STORE_FILTER_REPORTER, 0, &all,
				     &n_all, err, sizeof err), 0);
	assert_int_equal(store_facet(s, &f, STORE_FILTER_REPORTER, 3, &few,
				     &n_few, err, sizeof err), 0);
	assert_true(n_all > 3);
	assert_int_equal(n_few, 3);
	for (size_t i = 0; i < n_few; i++) {
		assert_string_equal(few[i].name, all[i].name);
		assert_int_equal(few[i].count, all[i].count);
	}
	store_counts_free(all, n_all);
	store_counts_free(few, n_few);
	store_close(s);
}

/* ---- facet_index --------------------------------------------------------- */

static const struct facet_case *find_case(const char *what)
{
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		if (strcmp(cases[k].what, what) == 0)
			return &cases[k];
	fail_msg("no case %s", what);
	return NULL;
}

struct trace {
	int index_scans; /* statements that read facet_index */
	int wide;        /* statements that read articles or their links */
};

static int see_statement(unsigned type, void *context, void *statement,
			 void *text)
{
	struct trace *t = context;

	(void)type;
	(void)statement;
	if (strstr(text, "FROM facet_index"))
		t->index_scans++;
	if (strstr(text, "articles") || strstr(text, "article_unions") ||
	    strstr(text, "article_topics")) {
		fprintf(stderr, "read the articles: %s\n", (const char *)text);
		t->wide++;
	}
	return 0;
}

/* A selection by a county or a union (of one name or of several that end
 * alike), or by two keys, is read from facet_index alone, once for the
 * number and all its facets. */
static void test_selections_read_one_key(void **state)
{
	static const char *const read_once[] = {
		"union", "union, a longer name ending with it",
		"union, ending with a shorter name", "union, by its ending",
		"unread union", "county", "county without 区",
		"city and topic", "city with 市 and topic", "topic and union",
		"union within dates", "county and topic", "city and county",
		"city and a union of two names",
		"county and unions by their ending",
	};
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char err[512];

	for (size_t k = 0; k < sizeof read_once / sizeof read_once[0]; k++) {
		const struct facet_case *c = find_case(read_once[k]);
		struct trace t = {0, 0};
		int64_t total = -1;

		sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, see_statement, &t);
		assert_int_equal(store_count(s, &c->f, &total, err,
					     sizeof err), 0);
		for (size_t i = 0; i < 5; i++)
			assert_facet_as_made(s, fx, c, all_facets[i]);
		sqlite3_trace_v2(s->db, 0, NULL, NULL);
		assert_int_equal(total, made_total(fx, &c->f));
		if (t.index_scans != 1 || t.wide != 0)
			fail_msg("%s: %d reads of facet_index, %d of the"
				 " articles", c->what, t.index_scans, t.wide);
	}
	store_close(s);
}

static char *text_of(sqlite3 *db, const char *sql);

static const char index_rows_sql[] =
	"SELECT count(*) || char(10) || group_concat(kind || '|' || key ||"
	" '|' || id || '|' || coalesce(city, '-') || '|' ||"
	" coalesce(county, '-') || '|' || coalesce(date, '-') || '|' ||"
	" unions || '|' || topics, char(10)) FROM"
	" (SELECT * FROM facet_index ORDER BY kind, key, id)";

/* The import writes facet_index as migration 7 fills it from the
 * articles: a row under each city, county and union an article names (a
 * union listed twice once), none under topics. */
static void test_index_as_imported(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char *imported = text_of(s->db, index_rows_sql), *filled;
	long rows = 0;

	for (int i = 0; i < N_ARTICLES; i++) {
		const struct text_list *u = &fx->page->articles[i].unions;

		rows += (fx->page->articles[i].city != NULL) +
			(fx->page->articles[i].county != NULL);
		for (size_t k = 0; k < u->count; k++) {
			bool again = false;

			for (size_t j = 0; j < k; j++)
				again |= strcmp(u->items[j], u->items[k]) == 0;
			rows += !again;
		}
	}
	assert_int_equal(strtol(imported, NULL, 10), rows);
	assert_true(strlen(imported) > 1000);
	assert_int_equal(sqlite3_exec(s->db, store_migrations[6], NULL, NULL,
				      NULL), SQLITE_OK);
	filled = text_of(s->db, index_rows_sql);
	assert_string_equal(filled, imported);
	free(filled);
	free(imported);
	store_close(s);
}

static int64_t article_id(struct store *s, int i)
{
	sqlite3_stmt *st = NULL;
	int64_t id;

	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT id FROM articles"
					    " WHERE ordinal = ?", -1, &st,
					    NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, i + 1);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* An unread article of the case's selection, the first from i on. */
static int unread_in(const struct fixture *fx, const struct facet_case *c,
		     int i)
{
	for (; i < N_ARTICLES; i++)
		if (article_matches(fx, i, &c->f) && !fx->read[i])
			return i;
	fail_msg("no unread article in %s", c->what);
	return -1;
}

/* The counts kept for the last selection follow a mark made through the
 * same connection and one made through another. */
static void test_counts_follow_changes(void **state)
{
	static const struct facet_case c = {
		"unread, one union", {.union_name = "中山市总工会",
				      .unread = true}};
	struct fixture *fx = *state;
	struct store *s = open_store(fx), *other;
	char err[512];
	int i;

	assert_facet_as_made(s, fx, &c, STORE_FILTER_CITY);
	i = unread_in(fx, &c, 0);
	assert_int_equal(store_mark(s, article_id(s, i), 1, -1, err,
				    sizeof err), 0);
	fx->read[i] = true;
	assert_facet_as_made(s, fx, &c, STORE_FILTER_CITY);
	assert_facet_as_made(s, fx, &c, STORE_FILTER_TOPIC);
	i = unread_in(fx, &c, i);
	other = open_store(fx);
	assert_int_equal(store_mark(other, article_id(other, i), 1, -1, err,
				    sizeof err), 0);
	store_close(other);
	fx->read[i] = true;
	assert_facet_as_made(s, fx, &c, STORE_FILTER_TOPIC);
	assert_facet_as_made(s, fx, &c, STORE_FILTER_MONTH);
	store_close(s);
}

static bool stop(void *context)
{
	(*(int *)context)++;
	return true;
}

static bool go_on(void *context)
{
	(*(int *)context)++;
	return false;
}

/* store_set_interrupt: a check that answers true stops a count (a search
 * counted by GROUP BY, a selection read from facet_index) with an error;
 * one that answers false, or none, lets the same counts finish as made. */
static void test_interrupt_stops_counts(void **state)
{
	const struct facet_case *search = find_case("search, either word");
	const struct facet_case *keys = find_case("union, by its ending");
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct store_count *c = NULL;
	int64_t total = -1;
	size_t n = 0;
	int calls = 0;
	char err[512];

	store_set_interrupt(s, stop, &calls);
	assert_int_equal(store_count(s, &search->f, &total, err, sizeof err),
			 -1);
	assert_int_equal(calls, 1);
	assert_int_equal(store_facet(s, &keys->f, STORE_FILTER_CITY, 0, &c, &n,
				     err, sizeof err), -1);
	assert_int_equal(calls, 2);
	store_set_interrupt(s, go_on, &calls);
	assert_int_equal(store_count(s, &search->f, &total, err, sizeof err),
			 0);
	assert_int_equal(total, made_total(fx, &search->f));
	assert_true(calls > 2);
	for (size_t i = 0; i < 5; i++)
		assert_facet_as_made(s, fx, keys, all_facets[i]);
	store_set_interrupt(s, NULL, NULL);
	calls = 0;
	assert_facet_as_made(s, fx, search, STORE_FILTER_TOPIC);
	assert_int_equal(calls, 0);
	store_close(s);
}

/* ---- Plans -------------------------------------------------------------- */

struct statements {
	char *sql[64];
	size_t n;
};

static int keep_statement(unsigned type, void *context, void *statement,
			  void *text)
{
	struct statements *st = context;

	(void)type;
	(void)statement;
	/* a statement run from inside another (the facet pack's reading
	 * of ids, an FTS5 auxiliary function) is traced as a comment */
	if (strncmp(text, "-- ", 3) == 0)
		text = (char *)text + 3;
	if (strstr(text, "FROM articles a") && st->n < 64) {
		st->sql[st->n] = strdup(text);
		assert_non_null(st->sql[st->n]);
		st->n++;
	}
	return 0;
}

/* The lines of a statement's query plan that read the articles (the alias
 * a) and do not read them through a covering index; *reads counts the
 * lines that read them. */
static int wide_reads(struct store *s, const char *sql, int *reads)
{
	sqlite3_stmt *st = NULL;
	char *explain = malloc(strlen(sql) + 32);
	int wide = 0;

	assert_non_null(explain);
	sprintf(explain, "EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(s->db, explain, -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);

		if (strcmp(detail, "SCAN a") != 0 &&
		    strncmp(detail, "SCAN a ", 7) != 0 &&
		    strncmp(detail, "SEARCH a ", 9) != 0)
			continue;
		(*reads)++;
		if (!strstr(detail, "USING COVERING INDEX")) {
			fprintf(stderr, "%s\n  %s\n", sql, detail);
			wide++;
		}
	}
	sqlite3_finalize(st);
	free(explain);
	return wide;
}

/* No count reads the wide rows of articles (bodies inline): every
 * statement store_facet runs finds the articles and their city, county and
 * date in an index, whatever the filter, counted or from kept counts with
 * the days of cut months counted. */
static void test_counts_read_covering_indexes(void **state)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	struct statements seen = {{0}, 0};
	int reads = 0, wide = 0;
	char err[512];

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		for (int recount = 0; recount < 2; recount++) {
			s->recount = recount;
			for (size_t i = 0; i < 6; i++) {
				struct store_count *c = NULL;
				size_t n = 0;

				sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT,
						 keep_statement, &seen);
				assert_int_equal(store_facet(s, &cases[k].f,
							     all_facets[i], 0,
							     &c, &n, err,
							     sizeof err), 0);
				sqlite3_trace_v2(s->db, 0, NULL, NULL);
				store_counts_free(c, n);
				for (size_t q = 0; q < seen.n; q++) {
					wide += wide_reads(s, seen.sql[q],
							   &reads);
					free(seen.sql[q]);
				}
				seen.n = 0;
			}
		}
	}
	s->recount = false;
	assert_true(reads > 100);
	assert_int_equal(wide, 0);
	store_close(s);
}

/* ---- Migration 6 -------------------------------------------------------- */

static char *text_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = strdup(sqlite3_column_text(st, 0)
			   ? (const char *)sqlite3_column_text(st, 0) : "");
	assert_non_null(v);
	sqlite3_finalize(st);
	return v;
}

/* What migration 6 must keep: the articles, their links and marks, and
 * the kept counts. */
static const char kept_sql[] =
	"SELECT (SELECT count(*) || ' ' || sum(id) || ' ' ||"
	" sum(length(body)) FROM articles) || '|' ||"
	" (SELECT count(*) FROM article_unions) || ' ' ||"
	" (SELECT count(*) FROM article_topics) || ' ' ||"
	" (SELECT count(*) FROM bylines) || ' ' ||"
	" (SELECT count(*) FROM authors) || ' ' ||"
	" (SELECT count(*) FROM fts) || '|' ||"
	" (SELECT group_concat(article_id || ':' || read || starred)"
	"  FROM (SELECT * FROM marks ORDER BY article_id)) || '|' ||"
	" (SELECT group_concat(kind || month || value || n, ',') FROM"
	"  (SELECT * FROM facet_counts ORDER BY 1, 2, 3)) || '|' ||"
	" (SELECT group_concat(fkind || fvalue || kind || month || value || n,"
	"  ',') FROM (SELECT * FROM facet_pairs ORDER BY 1, 2, 3, 4, 5))";

static const char index_columns_sql[] =
	"SELECT group_concat(i.name || '(' || c.names || ')', ' ') FROM"
	" (SELECT name FROM sqlite_schema WHERE type = 'index' AND"
	"  tbl_name = 'articles' AND name LIKE 'articles_%' ORDER BY name) i"
	" JOIN (SELECT m.name AS index_name, group_concat(x.name, ',') AS names"
	"  FROM sqlite_schema m, pragma_index_info(m.name) x"
	"  WHERE m.type = 'index' GROUP BY m.name) c ON c.index_name = i.name";

/* Takes the store back to what migrations 1 to 5 made: no articles_facets,
 * the city and county indexes of migration 1; with a stray articles_facets
 * of other columns when asked (one made by hand). */
static void back_to_version_5(const struct fixture *fx, bool stray)
{
	struct store *s = open_store(fx);

	assert_int_equal(sqlite3_exec(s->db, "DROP TABLE facet_index;"
					     "DROP TABLE source_origins;"
					     "DROP INDEX articles_source;"
					     "DROP INDEX articles_facets;"
					     "DROP INDEX articles_city;"
					     "DROP INDEX articles_county;"
					     "CREATE INDEX articles_city ON"
					     " articles(city, id);"
					     "CREATE INDEX articles_county ON"
					     " articles(county, id);"
					     "PRAGMA user_version = 5",
				      NULL, NULL, NULL), SQLITE_OK);
	if (stray)
		assert_int_equal(sqlite3_exec(s->db, "CREATE INDEX"
						     " articles_facets ON"
						     " articles(id, city)",
					      NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
}

static void migrates_from_version_5(void **state, bool stray)
{
	struct fixture *fx = *state;
	struct store *s = open_store(fx);
	char *kept = text_of(s->db, kept_sql), *after, *text;
	char version[32];
	sqlite3 *db = NULL;

	store_close(s);
	back_to_version_5(fx, stray);
	/* looked at without bulletin, which would migrate it */
	assert_int_equal(sqlite3_open_v2(fx->db, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	text = text_of(db, "PRAGMA user_version");
	assert_string_equal(text, "5");
	free(text);
	text = text_of(db, index_columns_sql);
	assert_string_equal(text, stray ? "articles_city(city,id)"
					  " articles_county(county,id)"
					  " articles_facets(id,city)"
					: "articles_city(city,id)"
					  " articles_county(county,id)");
	free(text);
	sqlite3_close(db);

	s = open_store(fx); /* the first open for writing migrates */
	snprintf(version, sizeof version, "%zu", store_n_migrations);
	text = text_of(s->db, "PRAGMA user_version");
	assert_string_equal(text, version);
	free(text);
	text = text_of(s->db, index_columns_sql);
	assert_string_equal(text, "articles_city(city,id,county,date)"
				  " articles_county(county,id,city,date)"
				  " articles_facets(id,city,county,date)"
				  " articles_source(source_id)");
	free(text);
	after = text_of(s->db, kept_sql);
	assert_true(strlen(kept) > 100);
	assert_string_equal(after, kept);
	free(after);
	free(kept);
	text = text_of(s->db, "PRAGMA integrity_check");
	assert_string_equal(text, "ok");
	free(text);
	assert_cases_as_made(s, fx);
	store_close(s);
}

static void test_migrates_from_version_5(void **state)
{
	migrates_from_version_5(state, false);
}

/* An index named articles_facets made by hand is made anew. */
static void test_migrates_over_a_stray_index(void **state)
{
	migrates_from_version_5(state, true);
}

/* A store at version 5 can be read only once migrated. */
static void test_read_only_asks_for_the_upgrade(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	char err[512];

	back_to_version_5(fx, false);
	assert_int_equal(store_open(fx->db, STORE_READ_ONLY, &s, err,
				    sizeof err), -1);
	assert_non_null(strstr(err, "upgrade"));
	s = open_store(fx);
	store_close(s);
	assert_int_equal(store_open(fx->db, STORE_READ_ONLY, &s, err,
				    sizeof err), 0);
	assert_cases_as_made(s, fx);
	store_close(s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_facets_as_made),
		T(test_search_counts_from_the_pack),
		T(test_limit),
		T(test_selections_read_one_key),
		T(test_index_as_imported),
		T(test_counts_follow_changes),
		T(test_interrupt_stops_counts),
		T(test_counts_read_covering_indexes),
		T(test_migrates_from_version_5),
		T(test_migrates_over_a_stray_index),
		T(test_read_only_asks_for_the_upgrade),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
