/*
 * Private to src/store: the pieces of the store that live in their own files
 * (the CJK tokenizer, the rank function, the query language, snippets). Not for other parts.
 */
#ifndef BULLETIN_STORE_PRIVATE_H
#define BULLETIN_STORE_PRIVATE_H

#include <sqlite3.h>

#include "store/store.h"

/* Registers the FTS5 tokenizer "cjk" on db (fts_cjk.c): Han characters as
 * overlapping bigrams (and what a one-character query needs), Latin words
 * and numbers folded to lower case and half width. Returns 0 or -1. */
int store_fts_cjk_register(sqlite3 *db, char *err, size_t errlen);

/* Registers the FTS5 auxiliary function hits(fts, weight...) (rank.c):
 * BM25 without length normalisation, from the postings alone, negated so
 * that the best rows come first in ascending order. Returns 0 or -1. */
int store_rank_register(fts5_api *api, char *err, size_t errlen);

/* How the tokenizer sees a character (fts_cjk.c), shared by the query
 * compiler and snippets so that all three cut text alike: a separator (not
 * indexed), a letter or digit of a word, or a CJK character (Han, kana,
 * hangul) of a run. Folds cp with text_fold first. */
enum store_cjk_class {
	STORE_CJK_SEPARATOR = 0,
	STORE_CJK_WORD,
	STORE_CJK_IDEOGRAPH,
};
enum store_cjk_class store_cjk_class(uint32_t cp);

/* Turns what a user typed into a safe FTS5 MATCH expression (query.c):
 * words must all occur, a run of Chinese matches as written, "..." is a
 * phrase, -word excludes, OR and | give either. Returns 0 and sets *match
 * (allocated); returns -1 with a message for a query that cannot match
 * anything (empty, only exclusions, ...). Never lets user text reach FTS5
 * as syntax. */
int store_query_compile(const char *query, char **match,
			char *err, size_t errlen);

/* An allocated snippet of text around the first hit of any of terms (at
 * most about max_chars characters, cut on character boundaries, "…" where
 * cut), sanitised, each hit between STORE_HIT_OPEN and STORE_HIT_CLOSE.
 * Matching folds case and width like the tokenizer (snippet.c). */
char *store_snippet(const char *text, const struct text_list *terms,
		    size_t max_chars);

#endif
