/*
 * rank — the order of a search by relevance: the FTS5 auxiliary function
 * hits(fts, weight...), Okapi BM25 without length normalisation (b = 0).
 *
 * For each phrase of the query and each column, the hits h in the row give
 * weight × idf × h (k1 + 1) / (h + k1): a headline hit (weight 10) counts
 * for more than any number of hits in the body (weight 1, at most
 * k1 + 1 = 2.2), more hits count for more but less and less, and a word
 * few articles hold counts for more than a common one. Like bm25(), the
 * result is the score negated, so that the best come first in ascending
 * order; rows of equal score are left to the caller (newest first).
 *
 * FTS5's bm25() divides by each row's column sizes, which it reads from
 * the docsize table, one lookup per matching row across the whole table:
 * at a million articles, a word in 5,000 of them costs 5,000 page reads.
 * Everything here comes from the postings FTS5 has already read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store_impl.h"

#define RANK_K1 1.2

/* Per query: the idf of each phrase, computed on the first row, and room
 * to count a row's hits by phrase and column. */
struct rank_query {
	int phrases, columns;
	int *hits;     /* [phrase * columns + column] */
	double idf[];
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts,
		     void *data)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)data)++;
	return SQLITE_OK;
}

static void rank_query_free(void *q)
{
	if (q)
		free(((struct rank_query *)q)->hits);
	free(q);
}

/* The idf of every phrase, as bm25() computes it: rows that hold the
 * phrase against rows in all, never below a small positive floor. */
static int rank_query_new(const Fts5ExtensionApi *api, Fts5Context *fts,
			  struct rank_query **out)
{
	struct rank_query *q;
	sqlite3_int64 rows = 0;
	int phrases = api->xPhraseCount(fts), rc;
	size_t cells;

	if (phrases < 1)
		phrases = 1;
	q = malloc(sizeof *q + (size_t)phrases * sizeof q->idf[0]);
	if (!q)
		return SQLITE_NOMEM;
	q->phrases = api->xPhraseCount(fts);
	q->columns = api->xColumnCount(fts);
	cells = (size_t)phrases * (size_t)(q->columns > 0 ? q->columns : 1);
	q->hits = malloc(cells * sizeof *q->hits);
	if (!q->hits) {
		free(q);
		return SQLITE_NOMEM;
	}
	rc = api->xRowCount(fts, &rows);
	for (int p = 0; rc == SQLITE_OK && p < q->phrases; p++) {
		sqlite3_int64 holding = 0;
		double idf;

		rc = api->xQueryPhrase(fts, p, &holding, count_row);
		idf = log((rows - holding + 0.5) / (holding + 0.5));
		q->idf[p] = idf > 1e-6 ? idf : 1e-6;
	}
	if (rc != SQLITE_OK) {
		rank_query_free(q);
		return rc;
	}
	*out = q;
	return SQLITE_OK;
}

static void rank_hits(const Fts5ExtensionApi *api, Fts5Context *fts,
		      sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct rank_query *q = api->xGetAuxdata(fts, 0);
	double score = 0;
	int hits = 0, rc;

	if (!q) {
		rc = rank_query_new(api, fts, &q);
		if (rc == SQLITE_OK)
			rc = api->xSetAuxdata(fts, q, rank_query_free);
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	for (int i = 0; i < q->phrases * q->columns; i++)
		q->hits[i] = 0;
	rc = api->xInstCount(fts, &hits);
	for (int i = 0; rc == SQLITE_OK && i < hits; i++) {
		int phrase, column, offset;

		rc = api->xInst(fts, i, &phrase, &column, &offset);
		if (rc == SQLITE_OK && phrase >= 0 && phrase < q->phrases &&
		    column >= 0 && column < q->columns)
			q->hits[phrase * q->columns + column]++;
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (int p = 0; p < q->phrases; p++) {
		for (int c = 0; c < q->columns; c++) {
			int h = q->hits[p * q->columns + c];
			double weight = c < argc ? sqlite3_value_double(argv[c])
						 : 1.0;

			if (h > 0)
				score += weight * q->idf[p] * h *
					 (RANK_K1 + 1) / (h + RANK_K1);
		}
	}
	sqlite3_result_double(ctx, -score);
}

int store_rank_register(fts5_api *api, char *err, size_t errlen)
{
	int rc = api->xCreateFunction(api, "hits", NULL, rank_hits, NULL);

	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot register the rank function: %s",
			 sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}
