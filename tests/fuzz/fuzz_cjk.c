/*
 * fuzz_cjk.c — libFuzzer target for the CJK tokenizer (src/store/fts_cjk.c)
 * and the query side agreeing with it: arbitrary text is stored in an FTS5
 * table with the cjk tokenizer, then every run of Chinese in it (and each
 * of its parts of one to four characters) is searched for as a user would
 * type it; the text must be found each time (FACTS.md: the query side must
 * produce the tokens the document side produced for the same characters).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set once by LLVMFuzzerInitialize. */
static sqlite3 *db;
static sqlite3_stmt *insert, *search;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[256];

	(void)argc;
	(void)argv;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    store_fts_cjk_register(db, err, sizeof err) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(t, "
			     "tokenize='cjk')", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO f VALUES (?)", -1, &insert,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?",
			       -1, &search, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_cjk: %s\n", sqlite3_errmsg(db));
		abort();
	}
	return 0;
}

/* Searches for text[from..to) as typed; aborts when the text is not
 * found. */
static void find(const char *text, size_t from, size_t to)
{
	char *query = strndup(text + from, to - from), *match = NULL;
	char err[256];

	if (!query)
		return;
	if (store_query_compile(query, &match, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz_cjk: '%s' refused: %s\n", query, err);
		abort();
	}
	sqlite3_bind_text(search, 1, match, -1, SQLITE_STATIC);
	if (sqlite3_step(search) != SQLITE_ROW) {
		fprintf(stderr, "fuzz_cjk: '%s': %s\n", match,
			sqlite3_errmsg(db));
		abort();
	}
	if (sqlite3_column_int(search, 0) != 1) {
		fprintf(stderr, "fuzz_cjk: '%s' (%s) not found in '%s'\n",
			query, match, text);
		abort();
	}
	sqlite3_reset(search);
	sqlite3_clear_bindings(search);
	free(match);
	free(query);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t starts[5], n = 0;
	char *copy;

	if (size > 4096 || !text_utf8_valid(text, size) ||
	    memchr(text, '\0', size))
		return 0;
	copy = strndup(text, size);
	if (!copy)
		return 0;
	sqlite3_exec(db, "DELETE FROM f", NULL, NULL, NULL);
	sqlite3_bind_text(insert, 1, copy, -1, SQLITE_STATIC);
	if (sqlite3_step(insert) != SQLITE_DONE) {
		fprintf(stderr, "fuzz_cjk: insert: %s\n", sqlite3_errmsg(db));
		abort();
	}
	sqlite3_reset(insert);
	/* each run of ideographs, and its parts of 1 to 4 characters
	 * ending at each character */
	for (size_t i = 0; i <= size;) {
		uint32_t cp = 0;
		size_t len = i < size ? text_utf8_decode(copy + i, size - i, &cp)
				      : 0;

		if (len && store_cjk_class(cp) == STORE_CJK_IDEOGRAPH) {
			if (n == 5)
				memmove(starts, starts + 1, 4 * sizeof *starts);
			else
				n++;
			starts[n - 1] = i;
			for (size_t k = 0; k < n && k < 4; k++)
				find(copy, starts[n - 1 - k], i + len);
			i += len;
			continue;
		}
		n = 0;
		i += len ? len : 1;
	}
	free(copy);
	return 0;
}
