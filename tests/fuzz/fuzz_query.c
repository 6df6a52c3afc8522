/*
 * fuzz_query.c — libFuzzer target for the search query compiler
 * (src/store/query.c): whatever a user types either compiles to a MATCH
 * expression that FTS5 runs without an error on a table with the cjk
 * tokenizer, or is refused with a message; the terms to highlight come
 * out whole. Build and run with `make fuzz` and `make fuzz-check`; see
 * tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set once by LLVMFuzzerInitialize. */
static sqlite3 *db;
static sqlite3_stmt *search;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[256];

	(void)argc;
	(void)argv;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    store_fts_cjk_register(db, err, sizeof err) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(t, "
			     "tokenize='cjk');"
			     "INSERT INTO f VALUES ('工会 培训 CPR 2023 发展"
			     " 劳模工匠 C++ foo-bar it''s');",
			     NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?",
			       -1, &search, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_query: %s\n", sqlite3_errmsg(db));
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *query = malloc(size + 1), *match = NULL, err[256] = "";
	struct text_list terms = {0};

	if (!query)
		return 0;
	memcpy(query, data, size);
	query[size] = '\0';
	if (store_query_compile(query, &match, err, sizeof err) == 0) {
		int rc;

		sqlite3_bind_text(search, 1, match, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(search)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "fuzz_query: '%s' -> '%s': %s\n", query,
				match, sqlite3_errmsg(db));
			abort();
		}
		sqlite3_reset(search);
		sqlite3_clear_bindings(search);
		free(match);
	} else if (!err[0]) {
		fprintf(stderr, "fuzz_query: refused without a message\n");
		abort();
	}
	if (store_query_terms(query, &terms, err, sizeof err) == 0) {
		for (size_t i = 0; i < terms.count; i++)
			if (!terms.items[i])
				abort();
		text_list_free(&terms);
	}
	free(query);
	return 0;
}
