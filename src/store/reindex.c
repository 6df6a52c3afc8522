/*
 * reindex.c — the search index made anew from the articles, when the
 * tokenizer has changed how it cuts text or the index what it keeps
 * (schema.c, migrations 9 and 10). Rows go
 * in by batches of ids, so that the caller can be told how far it is: at a
 * million articles this takes minutes (FTS5 fills at 4–5 MB/s here).
 */
#include "store/store_impl.h"

#define REINDEX_BATCH 2000

int store_reindex(sqlite3 *db, store_progress_fn progress, void *context)
{
	static const char what[] = "making the search index anew";
	sqlite3_stmt *count = NULL, *edge = NULL, *fill = NULL;
	int64_t total = 0, done = 0, last = INT64_MIN;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1,
				&count, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(count) == SQLITE_ROW ? SQLITE_OK
						       : sqlite3_errcode(db);
	if (rc != SQLITE_OK)
		goto out;
	total = sqlite3_column_int64(count, 0);
	if (total == 0)
		goto out;
	rc = sqlite3_prepare_v2(db, "SELECT coalesce((SELECT id FROM articles"
				    " WHERE id > ?1 ORDER BY id LIMIT 1"
				    " OFFSET ?2), (SELECT max(id) FROM"
				    " articles))", -1, &edge, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, headline,"
					    " kicker, body, captions) SELECT id,"
					    " headline, kicker, body, captions"
					    " FROM articles WHERE id > ?1 AND"
					    " id <= ?2 ORDER BY id", -1, &fill,
					NULL);
	if (rc != SQLITE_OK)
		goto out;
	if (progress)
		progress(context, what, 0, total);
	while (done < total) {
		int64_t hi;

		sqlite3_bind_int64(edge, 1, last);
		sqlite3_bind_int64(edge, 2, REINDEX_BATCH - 1);
		if (sqlite3_step(edge) != SQLITE_ROW) {
			rc = sqlite3_errcode(db);
			goto out;
		}
		hi = sqlite3_column_int64(edge, 0);
		sqlite3_reset(edge);
		sqlite3_bind_int64(fill, 1, last);
		sqlite3_bind_int64(fill, 2, hi);
		rc = sqlite3_step(fill);
		sqlite3_reset(fill);
		if (rc != SQLITE_DONE)
			goto out;
		rc = SQLITE_OK;
		done += sqlite3_changes(db);
		if (hi <= last || done > total)
			break; /* cannot happen in a transaction; never loop */
		last = hi;
		if (progress && done < total)
			progress(context, what, done, total);
	}
	if (progress)
		progress(context, what, total, total);
out:
	sqlite3_finalize(count);
	sqlite3_finalize(edge);
	sqlite3_finalize(fill);
	return rc;
}
