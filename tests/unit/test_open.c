/*
 * test_open — opening a database read-only (list, search, show, stats):
 * the read-only connection checks the file itself, refuses what is not
 * ours and leaves it byte for byte as it was, and with STORE_UPGRADE
 * brings an older schema forward once before reading.
 */
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

struct fixture {
	char dir[64];
	char db[96];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_open.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof fx->db, "%s/bulletin.db", fx->dir);
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
	free(fx);
	return 0;
}

static char *read_all(const char *path, size_t *len)
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
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int64_t user_version(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1,
					    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A database made as an earlier bulletin left it: every migration but
 * the last. */
static void make_older(const char *path)
{
	sqlite3 *db = NULL;
	char sql[64];

	assert_true(store_n_migrations >= 2);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(store_fts_cjk_register(db, sql, sizeof sql), 0);
	for (size_t i = 0; i + 1 < store_n_migrations; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL,
					      NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %zu",
		 store_n_migrations - 1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Opens path read-only (flags added) and expects a refusal whose message
 * holds `says`, with the file unchanged. */
static void refused(const char *path, int flags, const char *says)
{
	struct store *s = NULL;
	size_t before_len, after_len;
	char *before = read_all(path, &before_len), *after;
	char err[512] = "";

	assert_int_equal(store_open(path, STORE_READ_ONLY | flags, &s, err,
				    sizeof err), -1);
	assert_null(s);
	if (!strstr(err, says))
		fail_msg("expected '%s' in: %s", says, err);
	assert_non_null(strstr(err, path));
	after = read_all(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
}

static void test_older_schema(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	char err[512];

	make_older(fx->db);
	refused(fx->db, STORE_MUST_EXIST, "needs an upgrade");
	assert_int_equal(user_version(fx->db),
			 (int64_t)store_n_migrations - 1);
	assert_int_equal(store_open(fx->db, STORE_READ_ONLY |
					    STORE_MUST_EXIST | STORE_UPGRADE,
				    &s, err, sizeof err), 0);
	store_close(s);
	assert_int_equal(user_version(fx->db), (int64_t)store_n_migrations);
	/* and now read-only alone is enough */
	assert_int_equal(store_open(fx->db, STORE_READ_ONLY, &s, err,
				    sizeof err), 0);
	store_close(s);
}

struct progress_seen {
	int calls;
	int64_t first_done, last_done, total;
};

static void progress_seen(void *context, const char *what, int64_t done,
			  int64_t total)
{
	struct progress_seen *p = context;

	assert_non_null(what);
	if (p->calls++ == 0)
		p->first_done = done;
	p->last_done = done;
	p->total = total;
}

/* A store made before the tokenizer folded Traditional characters: its
 * index is made anew when it is opened, the progress told. Articles that
 * are not in the index at all stand for the tokens of the old cut. */
static void test_reindex(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	struct progress_seen seen = {0};
	sqlite3 *db = NULL;
	char err[512], sql[256];

	assert_true(store_n_migrations >= STORE_MIGRATION_REINDEX);
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(store_fts_cjk_register(db, err, sizeof err), 0);
	for (size_t i = 0; i + 1 < STORE_MIGRATION_REINDEX; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL,
					      NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		 STORE_MIGRATION_REINDEX - 1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	for (int i = 1; i <= 2500; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO articles(id, identity,"
			 " source_id, ordinal, line, headline, year, month, day,"
			 " date_precision, body, captions, credits) VALUES (%d,"
			 " '%d', 1, %d, 1, '%s', 2023, 1, 1, 0, '', '', '')", i,
			 i, i, i == 2500 ? "湛江市總工會" : "新闻");
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
				 SQLITE_OK);
	}
	sqlite3_close(db);
	assert_int_equal(store_open_progress(fx->db, 0, progress_seen, &seen,
					     &s, err, sizeof err), 0);
	store_close(s);
	assert_true(seen.calls >= 3); /* start, a batch, the end */
	assert_int_equal(seen.first_done, 0);
	assert_int_equal(seen.last_done, 2500);
	assert_int_equal(seen.total, 2500);
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(store_fts_cjk_register(db, err, sizeof err), 0);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(rowid)"
					    " FROM fts WHERE fts MATCH"
					    " '\"总工会\"'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "2500");
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* opened again: nothing to do, nothing told */
	seen.calls = 0;
	assert_int_equal(store_open_progress(fx->db, 0, progress_seen, &seen,
					     &s, err, sizeof err), 0);
	store_close(s);
	assert_int_equal(seen.calls, 0);
}

static void test_refuses_what_is_not_ours(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	sqlite3 *db = NULL;
	char err[512], sql[64];
	FILE *f;

	/* another program's database */
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	refused(fx->db, STORE_UPGRADE, "did not make");
	unlink(fx->db);
	/* a newer bulletin's */
	assert_int_equal(store_open(fx->db, 0, &s, err, sizeof err), 0);
	store_close(s);
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %zu",
		 store_n_migrations + 1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	refused(fx->db, STORE_UPGRADE, "newer");
	unlink(fx->db);
	/* not a database at all */
	f = fopen(fx->db, "w");
	assert_non_null(f);
	fputs("本报讯 这不是数据库。\n", f);
	for (int i = 0; i < 200; i++)
		fputs("0123456789abcdef", f);
	fclose(f);
	refused(fx->db, STORE_UPGRADE, "not a bulletin database");
	/* missing */
	unlink(fx->db);
	assert_int_equal(store_open(fx->db, STORE_READ_ONLY | STORE_UPGRADE,
				    &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "no database here yet"));
	assert_int_equal(access(fx->db, F_OK), -1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_older_schema),
		T(test_reindex),
		T(test_refuses_what_is_not_ours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
