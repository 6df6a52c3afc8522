/*
 * sql — what every file of the store shares, and nothing of any one of
 * them: a growable string for the SQL a filter makes, copies of a
 * column's text, stepping a reusable statement and binding text; the one
 * way an article's date is written; a failure's message, dates as days,
 * and the store's data version.
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

int store_fail(sqlite3 *db, char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "%s: %s", what,
		 db ? sqlite3_errmsg(db) : "out of memory");
	return -1;
}

int64_t store_julian_day(int year, int month, int day)
{
	/* Days from 1970-01-01 of a proleptic Gregorian date (the
	 * civil-from-days inverse), then moved to the Julian day count. */
	int64_t y = year, m = month;

	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + 2440588;
}

int store_parse_date(const char *s, int *year, int *month, int *day)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int y = 0, m = 0, d = 0;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

int64_t store_data_version(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
