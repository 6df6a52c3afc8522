/*
 * test_fts_cjk.c — the "cjk" FTS5 tokenizer: the tokens and byte offsets it
 * gives for mixed text in documents and queries (asked through FTS5's own
 * xFindTokenizer), and what real FTS5 tables built with it find.
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

static int setup(void **state)
{
	sqlite3 *db = NULL;
	char err[256] = "";

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (store_fts_cjk_register(db, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		sqlite3_close(db);
		return -1;
	}
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

/* Tokens as "text@start-end" joined by spaces. */
struct collected {
	char buf[2048];
};

static int collect(void *ctx, int flags, const char *token, int n, int start,
		   int end)
{
	struct collected *c = ctx;
	size_t used = strlen(c->buf);

	(void)flags;
	snprintf(c->buf + used, sizeof c->buf - used, "%s%.*s@%d-%d",
		 used ? " " : "", n, token, start, end);
	return SQLITE_OK;
}

static fts5_api *get_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_bind_pointer(st, 1, (void *)&api,
					      "fts5_api_ptr", NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	sqlite3_finalize(st);
	assert_non_null(api);
	return api;
}

struct token_case {
	int flags;
	const char *text, *tokens;
};

#define DOC FTS5_TOKENIZE_DOCUMENT
#define QRY FTS5_TOKENIZE_QUERY

static const struct token_case token_cases[] = {
	{DOC, "", ""},
	{DOC, "，。！ \t“”", ""},
	{DOC, "发", "发@0-3"},
	{DOC, "发展中", "发展@0-6 展中@3-9 中@6-9"},
	{DOC, "区 各", "区@0-3 各@4-7"},
	{DOC, "工会ＡＰＰ，CPR 应急2023年",
	 "工会@0-6 会@3-6 app@6-15 cpr@18-21 应急@22-28 急@25-28 "
	 "2023@28-32 年@32-35"},
	{DOC, "Ｃ＋＋，it's foo-bar", "c@0-3 it@12-14 s@15-16 foo@17-20 bar@21-24"},
	{DOC, "a\xFF" "b\xE5\xB7" "工", "a@0-1 b@2-3 工@5-8"},
	{DOC, "café Ωμέγα ×", "café@0-5 Ωμέγα@6-16"},
	{DOC, "にほんご 한국", "にほ@0-6 ほん@3-9 んご@6-12 ご@9-12 한국@13-19 국@16-19"},
	{DOC, "二〇二三年", "二〇@0-6 〇二@3-9 二三@6-12 三年@9-15 年@12-15"},
	{DOC, "𠀀𠀁", "𠀀𠀁@0-8 𠀁@4-8"},
	{FTS5_TOKENIZE_AUX, "发展中", "发展@0-6 展中@3-9 中@6-9"},
	/* Traditional folded to Simplified, offsets of the text as written */
	{DOC, "總工會", "总工@0-6 工会@3-9 会@6-9"},
	{DOC, "會後 髮 乾", "会后@0-6 后@3-6 发@7-10 干@11-14"},
	{QRY, "工會", "工会@0-6"},
	{QRY, "勞動模範", "劳动@0-6 动模@3-9 模范@6-12"},
	/* queries: no closing unigram for a run of two or more at the end */
	{QRY, "发展", "发展@0-6"},
	{QRY, "发展中", "发展@0-6 展中@3-9"},
	{QRY, "发展 ，", "发展@0-6"},
	{QRY, "发", "发@0-3"},
	{QRY, "工会 驿站", "工会@0-6 会@3-6 驿站@7-13"},
	{QRY, "工会 驿", "工会@0-6 会@3-6 驿@7-10"},
	{QRY, "发展a", "发展@0-6 展@3-6 a@6-7"},
	{QRY, "ＣＰＲ", "cpr@0-9"},
	{QRY | FTS5_TOKENIZE_PREFIX, "工会 驿", "工会@0-6 会@3-6 驿@7-10"},
};

static void test_tokens(void **state)
{
	sqlite3 *db = *state;
	fts5_api *api = get_api(db);
	fts5_tokenizer methods;
	Fts5Tokenizer *tok = NULL;
	void *udata = NULL;
	size_t i;

	assert_int_equal(api->xFindTokenizer(api, "cjk", &udata, &methods),
			 SQLITE_OK);
	assert_int_equal(methods.xCreate(udata, NULL, 0, &tok), SQLITE_OK);
	for (i = 0; i < sizeof token_cases / sizeof *token_cases; i++) {
		const struct token_case *tc = &token_cases[i];
		struct collected c = {""};

		assert_int_equal(methods.xTokenize(tok, &c, tc->flags, tc->text,
						   (int)strlen(tc->text), collect),
				 SQLITE_OK);
		if (strcmp(c.buf, tc->tokens) != 0)
			fail_msg("\"%s\" (flags %d)\n  gives    %s\n  expected %s",
				 tc->text, tc->flags, c.buf, tc->tokens);
	}
	methods.xDelete(tok);
}

/* An xToken error stops tokenizing and is passed back to FTS5. */
static int refuse(void *ctx, int flags, const char *token, int n, int start,
		  int end)
{
	int *calls = ctx;

	(void)flags, (void)token, (void)n, (void)start, (void)end;
	return ++*calls == 2 ? SQLITE_NOMEM : SQLITE_OK;
}

static void test_token_error(void **state)
{
	fts5_api *api = get_api(*state);
	fts5_tokenizer methods;
	Fts5Tokenizer *tok = NULL;
	void *udata = NULL;
	const char *texts[] = {"发展中国", "ab cd ef", "工 会 ab"};
	size_t i;

	assert_int_equal(api->xFindTokenizer(api, "cjk", &udata, &methods),
			 SQLITE_OK);
	assert_int_equal(methods.xCreate(udata, NULL, 0, &tok), SQLITE_OK);
	for (i = 0; i < 3; i++) {
		int calls = 0;

		assert_int_equal(methods.xTokenize(tok, &calls, DOC, texts[i],
						   (int)strlen(texts[i]), refuse),
				 SQLITE_NOMEM);
		assert_int_equal(calls, 2);
	}
	methods.xDelete(tok);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* The rowids matching expr, as "1 2 3". */
static void match(sqlite3 *db, const char *expr, char *out, size_t outlen)
{
	sqlite3_stmt *st = NULL;
	size_t used = 0;
	int rc;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &st,
		NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		used += (size_t)snprintf(out + used, outlen - used, "%s%lld",
					 used ? " " : "",
					 sqlite3_column_int64(st, 0));
	if (rc != SQLITE_DONE)
		fail_msg("%s: %s", expr, sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

static const char *const documents[] = {
	"发展中国家",     /* 1 */
	"经济发展",       /* 2 */
	"区 各",          /* 3 */
	"区各地",         /* 4 */
	"CPR 应急",       /* 5 */
	"CPRS",           /* 6 */
	"ＡＢＣ１２３",   /* 7 */
	"爱心，驿站",     /* 8 */
	"爱心驿站",       /* 9 */
	"展",             /* 10 */
};

struct match_case {
	const char *expr, *rowids;
};

static const struct match_case match_cases[] = {
	{"\"发展\"", "1 2"},
	{"\"发\"*", "1 2"},
	{"\"展\"*", "1 2 10"},
	{"\"家\"*", "1"},
	{"\"中国家\"", "1"},
	{"\"国家发\"", ""},
	{"\"区各\"", "4"},
	{"\"区 各\"*", "3"},
	{"\"各\"*", "3 4"},
	{"\"cpr\"", "5"},
	{"\"ＣＰＲ\"", "5"},
	{"\"abc123\"", "7"},
	{"\"爱心驿站\"", "9"},
	{"\"心驿\"", "9"},
	{"\"爱心 驿站\"", "8"},
	{"\"爱心\" \"驿站\"", "8 9"},
	{"\"，\"", ""},
};

static void test_match(void **state)
{
	sqlite3 *db = *state;
	char got[256], sql[256];
	size_t i;

	exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='cjk')");
	for (i = 0; i < sizeof documents / sizeof *documents; i++) {
		char *q = sqlite3_mprintf("INSERT INTO t(rowid, body) "
					  "VALUES(%d, %Q)", (int)i + 1,
					  documents[i]);
		exec(db, q);
		sqlite3_free(q);
	}
	for (i = 0; i < sizeof match_cases / sizeof *match_cases; i++) {
		match(db, match_cases[i].expr, got, sizeof got);
		if (strcmp(got, match_cases[i].rowids) != 0)
			fail_msg("MATCH '%s' gives [%s], expected [%s]",
				 match_cases[i].expr, got, match_cases[i].rowids);
	}
	/* highlight() relies on the offsets */
	snprintf(sql, sizeof sql, "SELECT highlight(t, 0, '[', ']') FROM t "
				  "WHERE t MATCH '\"应急\"'");
	{
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0),
				    "CPR [应急]");
		sqlite3_finalize(st);
	}
	exec(db, "INSERT INTO t(t) VALUES('integrity-check')");
}

static void test_options_refused(void **state)
{
	sqlite3 *db = *state;

	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING "
					  "fts5(body, tokenize='cjk foo')",
					  NULL, NULL, NULL), SQLITE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options_refused, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
