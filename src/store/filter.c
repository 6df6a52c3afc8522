/*
 * filter — a filter as SQL: the conditions of struct store_filter over
 * the articles a (every filter served by an index, dates as a range of
 * the date-ordered rowid), the values bound to them, and the names as
 * users write them (a city, county or union by its short or full name).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

static int add_param(struct store_where *w, const char *value, char *owned)
{
	if (w->n_params >= sizeof w->params / sizeof w->params[0]) {
		free(owned);
		return -1;
	}
	w->params[w->n_params] = owned ? owned : value;
	w->owned[w->n_params] = owned;
	w->n_params++;
	return 0;
}

/* s with suffix appended; allocated. */
static char *concat(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	char *out = malloc(a + b + 1);

	if (!out)
		return NULL;
	memcpy(out, s, a);
	memcpy(out + a, suffix, b + 1);
	return out;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && memcmp(s + a - b, suffix, b) == 0;
}

static int parse_month(const char *s, int *year, int *month)
{
	char day[11];

	if (!s || strlen(s) != 7)
		return -1;
	snprintf(day, sizeof day, "%s-01", s);
	int d;
	return store_parse_date(day, year, month, &d);
}

char *store_city_name(const char *city)
{
	char *name = strdup(city);

	if (name && ends_with(name, "市"))
		name[strlen(name) - strlen("市")] = '\0';
	return name;
}

const char store_union_match[] =
	"(u.name = ? OR substr(u.name, -length(?)) = ?"
	" OR (length(u.name) >= 4 AND substr(?, -length(u.name)) = u.name))";

size_t store_county_names(const char *county, char *names[4])
{
	static const char *const ends[] = {"区", "县", "市"};

	names[0] = (char *)county;
	if (ends_with(county, "区") || ends_with(county, "县") ||
	    ends_with(county, "市") || ends_with(county, "旗"))
		return 1;
	for (size_t i = 0; i < 3; i++)
		names[i + 1] = concat(county, ends[i]);
	return 4;
}

int store_where_build(const struct store_filter *f, struct store_where *w,
		      char *err, size_t errlen)
{
	int y, m, d, bad = 0;

	memset(w, 0, sizeof *w);
	w->min_id = 0;
	w->max_id = INT64_MAX;
	store_buf_add(&w->sql, "");
	if (f->city && *f->city) {
		char *c = store_city_name(f->city);

		store_buf_add(&w->sql, " AND a.city = ?");
		bad |= !c || add_param(w, NULL, c);
	}
	if (f->county && *f->county) {
		char *names[4];
		size_t k = store_county_names(f->county, names);

		store_buf_add(&w->sql, k == 1 ? " AND a.county = ?"
					      : " AND a.county IN (?, ?, ?, ?)");
		bad |= add_param(w, f->county, NULL);
		for (size_t i = 1; i < k; i++)
			bad |= !names[i] || add_param(w, NULL, names[i]);
	}
	if (f->union_name && *f->union_name) {
		store_buf_add(&w->sql,
			      " AND a.id IN (SELECT au.article_id FROM"
			      " article_unions au WHERE au.union_id IN"
			      " (SELECT u.id FROM unions u WHERE ");
		store_buf_add(&w->sql, store_union_match);
		store_buf_add(&w->sql, "))");
		for (int i = 0; i < 4; i++)
			bad |= add_param(w, f->union_name, NULL);
	}
	if (f->topic && *f->topic) {
		store_buf_add(&w->sql,
			      " AND a.id IN (SELECT t.article_id FROM"
			      " article_topics t WHERE t.topic_id ="
			      " (SELECT id FROM topics WHERE name = ?))");
		bad |= add_param(w, f->topic, NULL);
	}
	if (f->reporter && *f->reporter) {
		store_buf_add(&w->sql,
			      " AND a.id IN (SELECT b.article_id FROM bylines b"
			      " WHERE b.person_id = (SELECT id FROM people"
			      " WHERE name = ?) UNION ALL SELECT au.article_id"
			      " FROM authors au WHERE au.person_id = (SELECT"
			      " id FROM people WHERE name = ?))");
		bad |= add_param(w, f->reporter, NULL);
		bad |= add_param(w, f->reporter, NULL);
	}
	if (f->from && *f->from) {
		if (store_parse_date(f->from, &y, &m, &d) != 0) {
			snprintf(err, errlen, "'%s' is not a date (YYYY-MM-DD)",
				 f->from);
			goto fail;
		}
		store_buf_add(&w->sql, " AND a.date >= ?");
		bad |= add_param(w, f->from, NULL);
		w->min_id = store_julian_day(y, m, d) * 65536;
	}
	if (f->to && *f->to) {
		if (store_parse_date(f->to, &y, &m, &d) != 0) {
			snprintf(err, errlen, "'%s' is not a date (YYYY-MM-DD)",
				 f->to);
			goto fail;
		}
		store_buf_add(&w->sql, " AND a.date <= ?");
		bad |= add_param(w, f->to, NULL);
		w->max_id = (store_julian_day(y, m, d) + 1) * 65536 - 1;
	}
	if (f->month && *f->month) {
		char *lo, *hi;
		int64_t a, b;

		if (parse_month(f->month, &y, &m) != 0) {
			snprintf(err, errlen, "'%s' is not a month (YYYY-MM)",
				 f->month);
			goto fail;
		}
		lo = concat(f->month, "-01");
		hi = concat(f->month, "-31");
		store_buf_add(&w->sql, " AND a.date BETWEEN ? AND ?");
		bad |= !lo || add_param(w, NULL, lo);
		bad |= !hi || add_param(w, NULL, hi);
		a = store_julian_day(y, m, 1) * 65536;
		b = store_julian_day(y, m + 1, 1) * 65536 - 1;
		if (a > w->min_id)
			w->min_id = a;
		if (b < w->max_id)
			w->max_id = b;
	}
	if (f->unread)
		store_buf_add(&w->sql, " AND NOT EXISTS (SELECT 1 FROM marks mu"
				       " WHERE mu.article_id = a.id AND mu.read)");
	if (f->starred)
		store_buf_add(&w->sql, " AND a.id IN (SELECT ms.article_id FROM"
				       " marks ms WHERE ms.starred = 1)");
	if (w->min_id > 0 || w->max_id < INT64_MAX) {
		char range[96];

		snprintf(range, sizeof range, " AND a.id BETWEEN %lld AND %lld",
			 (long long)w->min_id, (long long)w->max_id);
		store_buf_add(&w->sql, range);
	}
	if (bad || w->sql.failed) {
		snprintf(err, errlen, "out of memory (or too many filters)");
		goto fail;
	}
	return 0;
fail:
	store_where_free(w);
	return -1;
}

void store_where_free(struct store_where *w)
{
	store_buf_free(&w->sql);
	for (size_t i = 0; i < w->n_params; i++)
		free(w->owned[i]);
	w->n_params = 0;
}

int store_where_bind(sqlite3_stmt *st, const struct store_where *w, int first)
{
	for (size_t i = 0; i < w->n_params; i++)
		if (sqlite3_bind_text(st, first++, w->params[i], -1,
				      SQLITE_STATIC) != SQLITE_OK)
			return -1;
	return first;
}

int store_filter_check(const struct store_filter *f, char *err, size_t errlen)
{
	struct store_where w;

	if (store_where_build(f, &w, err, errlen) != 0)
		return -1;
	store_where_free(&w);
	if (f->query) {
		char *match = NULL;

		if (store_query_compile(f->query, &match, err, errlen) != 0)
			return -1;
		free(match);
	}
	return 0;
}
