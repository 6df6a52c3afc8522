/*
 * sql — what every file of the store shares, and nothing of any one of
 * them: a growable string for the SQL a filter makes, copies of a
 * column's text, stepping a reusable statement and binding text; and the
 * one way an article's date is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

void store_buf_put(struct store_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void store_buf_add(struct store_buf *b, const char *s)
{
	store_buf_put(b, s, strlen(s));
}

void store_buf_free(struct store_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *store_column_strdup(sqlite3_stmt *st, int col, bool *oom)
{
	const unsigned char *t;
	char *copy;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(st, col);
	copy = strdup(t ? (const char *)t : "");
	if (!copy)
		*oom = true;
	return copy;
}

int store_step(sqlite3_stmt *st, int64_t *value)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && value)
		*value = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_NULL)
		rc = SQLITE_DONE;
	int reset = sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	return reset == SQLITE_OK ? rc : reset;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

void store_date_text(int year, int month, int day,
		     enum date_precision precision, bool mark, char out[16])
{
	const char *tilde = mark && precision == DATE_APPROX ? "~" : "";

	if (year <= 0)
		snprintf(out, 16, "%s", tilde);
	else if (month <= 0)
		snprintf(out, 16, "%04d%s", year % 10000, tilde);
	else if (day <= 0)
		snprintf(out, 16, "%04d-%02d%s", year % 10000, month % 100,
			 tilde);
	else
		snprintf(out, 16, "%04d-%02d-%02d%s", year % 10000, month % 100,
			 day % 100, tilde);
}
