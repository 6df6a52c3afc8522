/*
 * test_query.c — the search language: what each input compiles to (or the
 * message it is refused with), that every compiled expression runs in a real
 * FTS5 table without a syntax error, what it finds there, and the strings
 * store_query_terms gives to highlight.
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
#include "text/text.h"

struct compile_case {
	const char *input;
	const char *match; /* NULL: refused */
	const char *error; /* a piece of the message when refused */
};

static const struct compile_case compile_cases[] = {
	{"工会", "(\"工会\")", NULL},
	{"发", "(\"发\"*)", NULL},
	{"工会 驿站", "(\"工会\") AND (\"驿站\")", NULL},
	{"爱心驿站", "(\"爱心驿站\")", NULL},
	{"\"工会 驿站\"", "(\"工会 驿站\")", NULL},
	{"“工会 驿”", "(\"工会 驿\"*)", NULL},
	{"\"new york", "(\"new york\")", NULL},
	{"工会 -培训", "((\"工会\")) NOT \"培训\"", NULL},
	{"工会 -培训 -发", "(((\"工会\")) NOT \"培训\") NOT \"发\"*", NULL},
	{"a OR b", "(\"a\" OR \"b\")", NULL},
	{"a | b c", "(\"a\" OR \"b\") AND (\"c\")", NULL},
	{"a|b", "(\"a\" OR \"b\")", NULL},
	{"a -x OR b", "((\"a\" OR \"b\")) NOT \"x\"", NULL},
	{"OR a", "(\"a\")", NULL},
	{"a OR", "(\"a\")", NULL},
	{"a or b", "(\"a\") AND (\"or\") AND (\"b\")", NULL},
	{"AND", "(\"AND\")", NULL},
	{"NOT a", "(\"NOT\") AND (\"a\")", NULL},
	{"NEAR(a b)", "(\"NEAR(a\") AND (\"b\")", NULL},
	{"C++", "(\"C\")", NULL},
	{"foo-bar", "(\"foo-bar\")", NULL},
	{"it's", "(\"it's\")", NULL},
	{"'; DROP TABLE articles; --", "(\"DROP\") AND (\"TABLE\") AND (\"articles\")", NULL},
	{"say\"hi\"", "(\"say\") AND (\"hi\")", NULL},
	{"a\"b", "(\"a\") AND (\"b\")", NULL},
	{"（工会）。", "(\"工会\")", NULL},
	{"2023年", "(\"2023年\"*)", NULL},
	{"ＣＰＲ", "(\"ＣＰＲ\")", NULL},
	{"- a", "(\"a\")", NULL},
	{"", NULL, "the search is empty"},
	{"   \t", NULL, "nothing to search for"},
	{"*", NULL, "nothing to search for in '*'"},
	{"( ) \" \" | OR", NULL, "nothing to search for"},
	{"-工会", NULL, "add a word that must occur"},
	{"-a -b", NULL, "add a word that must occur"},
	{"，。！", NULL, "nothing to search for"},
};

static void test_compile(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof compile_cases / sizeof *compile_cases; i++) {
		const struct compile_case *c = &compile_cases[i];
		char err[256] = "", *match = NULL;
		int rc;

		rc = store_query_compile(c->input, &match, err, sizeof err);
		if (c->match) {
			if (rc != 0)
				fail_msg("'%s' refused: %s", c->input, err);
			if (strcmp(match, c->match) != 0)
				fail_msg("'%s' gives\n  %s\nexpected\n  %s", c->input,
					 match, c->match);
			free(match);
		} else {
			if (rc == 0)
				fail_msg("'%s' accepted as %s", c->input, match);
			if (!strstr(err, c->error))
				fail_msg("'%s': message '%s' lacks '%s'", c->input,
					 err, c->error);
		}
	}
}

/* A double dash: the first makes an exclusion, the second is trimmed. */
static void test_double_dash(void **state)
{
	char err[256], *match = NULL;

	(void)state;
	assert_int_equal(store_query_compile("工会 --a", &match, err, sizeof err), 0);
	assert_string_equal(match, "((\"工会\")) NOT \"a\"");
	free(match);
}

static void test_too_many(void **state)
{
	char q[1024] = "", err[256], *match = NULL;
	int i;

	(void)state;
	for (i = 0; i < 64; i++)
		strcat(q, i % 2 ? "-x " : "w ");
	assert_int_equal(store_query_compile(q, &match, err, sizeof err), 0);
	free(match);
	strcat(q, "y");
	assert_int_equal(store_query_compile(q, &match, err, sizeof err), -1);
	assert_non_null(strstr(err, "too many words"));
}

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static int setup(void **state)
{
	sqlite3 *db = NULL;
	char err[256] = "";

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    store_fts_cjk_register(db, err, sizeof err) != 0)
		return -1;
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

static const char *const documents[] = {
	"全市工会开展职工培训",      /* 1 */
	"爱心驿站 服务户外劳动者",   /* 2 */
	"爱心 服务站与驿站",         /* 3 */
	"CPR 应急救护培训 2023年",   /* 4 */
	"CPRS system, New York",     /* 5 */
	"new-york 发",               /* 6 */
	"ＡＢＣ工会",                /* 7 */
};

struct find_case {
	const char *query, *rowids;
};

static const struct find_case find_cases[] = {
	{"工会", "1 7"},
	{"培训", "1 4"},
	{"工会 培训", "1"},
	{"培训 -工会", "4"},
	{"爱心驿站", "2"},
	{"爱心 驿站", "2 3"},
	{"驿", "2 3"},
	{"发", "6"},
	{"cpr", "4"},
	{"CPRS", "5"},
	{"\"new york\"", "5 6"},
	{"new-york", "5 6"},
	{"york -cprs", "6"},
	{"2023年", "4"},
	{"2023", "4"},
	{"202", ""},
	{"abc", "7"},
	{"abc工会", "7"},
	{"abc工", "7"},
	{"工会 OR 驿站", "1 2 3 7"},
	{"培训 | 驿站 -cpr", "1 2 3"},
	{"\"爱心 服务\"", "3"},
	{"\"工会 驿", ""},
};

/* The hostile inputs of tests/cli/hostile-queries, and more: each either
 * compiles to something FTS5 runs, or is refused with a message. */
static const char *const hostile[] = {
	"\"", "\"\"", "\"x", "x\"", "(", ")", "(a", "a)", "[", "]", "{}", "AND",
	"OR", "NOT", "NEAR(", "NEAR(a b, 2)", "a NEAR b", "*", "a*", "*a", "^a",
	"a:b", "body:x", "-", "--", "-a", "a -", "C++", "c#", "foo-bar", "it's",
	"'; DROP TABLE articles; --", "\\", "%", "_", "a AND", "AND a", "+",
	"a + b", "\xFF\xFE", "工\xE5\xB7会", "\x01\x02\x03", "﹁﹂", "　",
	"x OR OR y", "|", "||", "a||b", "\"a\" \"b", "“", "”工会“", "-\"a b\"",
	"col:工会", "{a b}: c", "NEAR(\"a\" \"b\")", "a^b", "ａｎｄ",
};

static void test_find(void **state)
{
	sqlite3 *db = *state;
	sqlite3_stmt *st = NULL;
	size_t i;

	exec(db, "CREATE VIRTUAL TABLE t USING fts5(headline, body, "
		 "tokenize='cjk')");
	for (i = 0; i < sizeof documents / sizeof *documents; i++) {
		char *q = sqlite3_mprintf("INSERT INTO t(rowid, headline, body) "
					  "VALUES(%d, '', %Q)", (int)i + 1,
					  documents[i]);
		exec(db, q);
		sqlite3_free(q);
	}
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &st,
		NULL), SQLITE_OK);
	for (i = 0; i < sizeof find_cases / sizeof *find_cases; i++) {
		char err[256], got[256] = "", *match = NULL;
		size_t used = 0;
		int rc;

		if (store_query_compile(find_cases[i].query, &match, err,
					sizeof err) != 0)
			fail_msg("'%s' refused: %s", find_cases[i].query, err);
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			used += (size_t)snprintf(got + used, sizeof got - used,
						 "%s%lld", used ? " " : "",
						 sqlite3_column_int64(st, 0));
		if (rc != SQLITE_DONE)
			fail_msg("'%s' as %s: %s", find_cases[i].query, match,
				 sqlite3_errmsg(db));
		sqlite3_reset(st);
		if (strcmp(got, find_cases[i].rowids) != 0)
			fail_msg("'%s' (%s) finds [%s], expected [%s]",
				 find_cases[i].query, match, got,
				 find_cases[i].rowids);
		free(match);
	}
	for (i = 0; i < sizeof hostile / sizeof *hostile; i++) {
		char err[256] = "", *match = NULL;
		int rc;

		if (store_query_compile(hostile[i], &match, err, sizeof err) != 0) {
			if (err[0] == '\0')
				fail_msg("'%s' refused without a message", hostile[i]);
			continue;
		}
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE)
			fail_msg("'%s' as %s: %s", hostile[i], match,
				 sqlite3_errmsg(db));
		sqlite3_reset(st);
		free(match);
	}
	sqlite3_finalize(st);
}

struct terms_case {
	const char *query, *terms; /* terms joined by '|' */
};

static const struct terms_case terms_cases[] = {
	{"工会 培训", "工会|培训"},
	{"\"工会 驿站\" -培训", "工会|驿站"},
	{"foo-bar C++ 工会", "foo|bar|C|工会"},
	{"a OR b | a", "a|b"},
	{"（工会）", "工会"},
	{"ＣＰＲ", "ＣＰＲ"},
};

static void test_terms(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof terms_cases / sizeof *terms_cases; i++) {
		struct text_list terms = {NULL, 0, 0};
		char err[256], got[256] = "";

		if (store_query_terms(terms_cases[i].query, &terms, err,
				      sizeof err) != 0)
			fail_msg("'%s': %s", terms_cases[i].query, err);
		for (k = 0; k < terms.count; k++) {
			if (k)
				strcat(got, "|");
			strcat(got, terms.items[k]);
		}
		text_list_free(&terms);
		if (strcmp(got, terms_cases[i].terms) != 0)
			fail_msg("'%s' gives %s, expected %s", terms_cases[i].query,
				 got, terms_cases[i].terms);
	}
	{
		struct text_list terms = {NULL, 0, 0};
		char err[256] = "";

		assert_int_equal(store_query_terms("-x", &terms, err, sizeof err), -1);
		assert_true(err[0] != '\0');
		assert_int_equal(terms.count, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compile),
		cmocka_unit_test(test_double_dash),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test(test_terms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
