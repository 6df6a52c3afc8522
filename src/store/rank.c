/*
 * rank — the order of a search by relevance: the FTS5 auxiliary function
 * hits(fts, weight..., first, last), Okapi BM25 without length
 * normalisation (b = 0): a weight for each of the four columns, then the
 * store's first and last article ids (for the idf of common words).
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
#define RANK_COLUMNS 4 /* the weights hits() takes before first, last */
/* Rows holding a phrase are counted up to this, estimated past it: a
 * word in every article is never read through for its idf. */
#define RANK_DF_CAP 20000

/* Per query: the idf of each phrase, computed on the first row, and room
 * to count a row's hits by phrase and column. */
struct rank_query {
	int phrases, columns;
	int *hits;     /* [phrase * columns + column] */
	double idf[];
};

/* Counting the rows that hold a phrase, up to RANK_DF_CAP of them. */
struct phrase_count {
	sqlite3_int64 rows, last_id;
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts,
		     void *data)
{
	struct phrase_count *c = data;

	if (++c->rows < RANK_DF_CAP)
		return SQLITE_OK;
	c->last_id = api->xRowid(fts);
	return SQLITE_DONE; /* stops xQueryPhrase, which returns SQLITE_OK */
}

/* How many of all rows hold a phrase: counted up to RANK_DF_CAP, past it
 * estimated from how far into the ids [first, last] the count went (ids
 * grow with the articles' dates, and a word that common is spread over
 * them). */
static double phrase_rows(const struct phrase_count *c, sqlite3_int64 rows,
			  sqlite3_int64 first, sqlite3_int64 last)
{
	double part;

	if (c->rows < RANK_DF_CAP || last <= first || c->last_id <= first)
		return (double)c->rows;
	part = (double)(c->last_id - first + 1) / (double)(last - first + 1);
	if (part > 1)
		part = 1;
	return c->rows / part < (double)rows ? c->rows / part : (double)rows;
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
			  sqlite3_int64 first, sqlite3_int64 last,
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
		struct phrase_count c = {0, 0};
		double holding, idf;

		rc = api->xQueryPhrase(fts, p, &c, count_row);
		holding = phrase_rows(&c, rows, first, last);
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
		sqlite3_int64 first = 0, last = 0;

		if (argc >= RANK_COLUMNS + 2) {
			first = sqlite3_value_int64(argv[RANK_COLUMNS]);
			last = sqlite3_value_int64(argv[RANK_COLUMNS + 1]);
		}
		rc = rank_query_new(api, fts, first, last, &q);
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
			double weight = c < argc && c < RANK_COLUMNS
						? sqlite3_value_double(argv[c])
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
