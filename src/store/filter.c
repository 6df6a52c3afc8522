/*
 * filter — a filter as SQL. store_filters[] is STORE_FILTER_INFO (store.h)
 * as data; store_filter_sql[] gives each row its SQL: the condition over
 * the articles a and the values bound to it, and its counts as a facet.
 * Every filter is served by an index; dates, whatever rows give them
 * (from, to, a month), make one range of days, and that range one range of
 * the date-ordered rowid. Names are taken as users write them: a city,
 * county or union by its short or full name.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

const struct store_filter_info store_filters[STORE_FILTER_COUNT] = {
#define AT_ONCE false
#define ON_DEMAND true
#define INFO(key, field, type, name, match, title, under, counted, arg, help) \
	[STORE_FILTER_##key] = {name, title, under, arg, help, counted,      \
				STORE_MATCH_##match,                         \
				STORE_MATCH_##match == STORE_MATCH_FLAG,    \
				offsetof(struct store_filter, field)},
	STORE_FILTER_INFO(INFO)
#undef INFO
#undef AT_ONCE
#undef ON_DEMAND
};

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

int store_where_param(struct store_where *w, const char *value, char *owned)
{
	if (!value && !owned)
		return -1;
	if (w->n_params >= sizeof w->params / sizeof w->params[0]) {
		free(owned);
		return -1;
	}
	w->params[w->n_params] = owned ? owned : value;
	w->owned[w->n_params] = owned;
	w->n_params++;
	return 0;
}

char *store_city_name(const char *city)
{
	char *name = strdup(city);

	if (name && ends_with(name, "市"))
		name[strlen(name) - strlen("市")] = '\0';
	return name;
}

/* The unions u a --union value picks (store_union_values binds its
 * ?s): the union of that name, the unions whose names end with it, the
 * union whose name (four characters or more) it ends with, and the unions
 * of the same place and kind, short or full (汕尾, 汕尾总工会,
 * 汕尾市总工会). */
#define UNION_MATCH                                                      \
	"(u.name = ? OR substr(u.name, -length(?)) = ?"                   \
	" OR (length(u.name) >= 4 AND substr(?, -length(u.name)) = u.name)" \
	" OR u.name IN (?, ?, ?, ?))"
const char store_union_match[] = UNION_MATCH;

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

static int city_values(struct store_where *w, const char *value)
{
	return store_where_param(w, NULL, store_city_name(value));
}

static int county_values(struct store_where *w, const char *value)
{
	char *names[4];
	size_t k = store_county_names(value, names);
	int bad = store_where_param(w, value, NULL);

	/* a full name: itself four times, for the one IN list */
	for (size_t i = 1; i < 4; i++)
		bad |= i < k ? store_where_param(w, NULL, names[i])
			     : store_where_param(w, value, NULL);
	return bad ? -1 : 0;
}

/* What ends the name of a union, longest first (DESIGN.md). */
static const char *const union_ends[] = {
	"工会联合总会", "工会联合会", "总工会", "工联会", "工会", "工委",
};

int store_union_values(struct store_where *w, const char *value)
{
	static const char *const places[] = {"", "市", "区", "县"};
	const char *end = "总工会";
	size_t len = strlen(value);
	char stem[256];
	int bad = 0;

	for (int i = 0; i < 4; i++)
		bad |= store_where_param(w, value, NULL);
	/* the place: the value without its union's end and its 市, 区 or
	 * 县; the same place with each of them, and the end given or 总工会 */
	for (size_t i = 0; i < sizeof union_ends / sizeof union_ends[0]; i++)
		if (ends_with(value, union_ends[i])) {
			end = union_ends[i];
			len -= strlen(end);
			break;
		}
	if (len >= sizeof stem)
		len = sizeof stem - 1;
	memcpy(stem, value, len);
	stem[len] = '\0';
	for (size_t i = 1; i < 4; i++)
		if (ends_with(stem, places[i]) &&
		    strlen(stem) > strlen(places[i]) + 3) {
			stem[strlen(stem) - strlen(places[i])] = '\0';
			break;
		}
	for (size_t i = 0; i < 4; i++) {
		char *name = malloc(strlen(stem) + strlen(places[i]) +
				    strlen(end) + 1);

		if (name)
			sprintf(name, "%s%s%s", stem, places[i], end);
		bad |= store_where_param(w, NULL, name);
	}
	return bad ? -1 : 0;
}

#define BY_COUNT " ORDER BY 2 DESC, 1"

/* A person named as reporter and author of one article is one person of
 * it: the distinct people of each article, found by its id. */
const struct store_filter_sql store_filter_sql[STORE_FILTER_COUNT] = {
	[STORE_FILTER_CITY] = {
		.kept = true,
		.kind = STORE_KIND_CITY,
		.where = " AND a.city = ?",
		.values = city_values,
		.name = "a.city",
		.join = "",
		.facet_where = " AND a.city IS NOT NULL",
		.group = " GROUP BY 1",
		.order = BY_COUNT,
		.known = "SELECT value FROM facet_counts WHERE kind = 0 AND"
			 " month = '*'",
	},
	[STORE_FILTER_COUNTY] = {
		.kept = true,
		.kind = STORE_KIND_COUNTY,
		.where = " AND a.county IN (?, ?, ?, ?)",
		.values = county_values,
		.name = "a.county",
		.join = "",
		.facet_where = " AND a.county IS NOT NULL",
		.group = " GROUP BY 1",
		.order = BY_COUNT,
		.known = "SELECT value FROM facet_counts WHERE kind = 1 AND"
			 " month = '*'",
	},
	[STORE_FILTER_UNION] = {
		.kept = true,
		.kind = STORE_KIND_UNION,
		.where = " AND a.id IN (SELECT au.article_id FROM"
			 " article_unions au WHERE au.union_id IN (SELECT"
			 " u.id FROM unions u WHERE " UNION_MATCH "))",
		.values = store_union_values,
		.name = "u.name",
		.join = " JOIN article_unions x ON x.article_id = a.id JOIN"
			" unions u ON u.id = x.union_id",
		.facet_where = "",
		.group = " GROUP BY x.union_id",
		.order = BY_COUNT,
		.known = "SELECT name FROM unions",
	},
	[STORE_FILTER_TOPIC] = {
		.kept = true,
		.kind = STORE_KIND_TOPIC,
		.where = " AND a.id IN (SELECT t.article_id FROM"
			 " article_topics t WHERE t.topic_id = (SELECT id FROM"
			 " topics WHERE name = ?))",
		.name = "t.name",
		.join = " JOIN article_topics x ON x.article_id = a.id JOIN"
			" topics t ON t.id = x.topic_id",
		.facet_where = "",
		.group = " GROUP BY x.topic_id",
		.order = BY_COUNT,
		.known = "SELECT name FROM topics",
	},
	[STORE_FILTER_REPORTER] = {
		.kept = true,
		.kind = STORE_KIND_REPORTER,
		.where = " AND a.id IN (SELECT b.article_id FROM bylines b"
			 " WHERE b.person_id = (SELECT id FROM people WHERE"
			 " name = ?) UNION ALL SELECT au.article_id FROM"
			 " authors au WHERE au.person_id = (SELECT id FROM"
			 " people WHERE name = ?))",
		.name = "p.name",
		.join = " JOIN people p ON p.id IN (SELECT b.person_id FROM"
			" bylines b WHERE b.article_id = a.id UNION SELECT"
			" au.person_id FROM authors au WHERE"
			" au.article_id = a.id)",
		.facet_where = "",
		.group = " GROUP BY p.id",
		.order = BY_COUNT,
		.known = "SELECT name FROM people",
	},
	[STORE_FILTER_MONTH] = {
		.kept = true,
		.kind = STORE_KIND_MONTH,
		.name = "substr(a.date, 1, 7)",
		.join = "",
		.facet_where = " AND a.date IS NOT NULL",
		.group = " GROUP BY 1",
		.order = " ORDER BY 1 DESC",
	},
	[STORE_FILTER_YEAR] = {
		.kept = true,
		.kind = STORE_KIND_MONTH,
		.kept_value = "substr(value, 1, 4)",
		.name = "substr(a.date, 1, 4)",
		.join = "",
		.facet_where = " AND a.date IS NOT NULL",
		.group = " GROUP BY 1",
		.order = " ORDER BY 1 DESC",
	},
	[STORE_FILTER_FROM] = {0},
	[STORE_FILTER_TO] = {0},
	[STORE_FILTER_UNREAD] = {
		.where = " AND NOT EXISTS (SELECT 1 FROM marks mu WHERE"
			 " mu.article_id = a.id AND mu.read)",
	},
	[STORE_FILTER_STARRED] = {
		.where = " AND a.id IN (SELECT ms.article_id FROM marks ms"
			 " WHERE ms.starred = 1)",
	},
	[STORE_FILTER_QUERY] = {0},
};

const char **store_filter_slot(struct store_filter *f,
			       enum store_filter_key key)
{
	if ((unsigned)key >= STORE_FILTER_COUNT || store_filters[key].flag)
		return NULL;
	return (const char **)(void *)((char *)f + store_filters[key].offset);
}

const char *store_filter_value(const struct store_filter *f,
			       enum store_filter_key key)
{
	const char *p;

	if ((unsigned)key >= STORE_FILTER_COUNT)
		return NULL;
	p = (const char *)f + store_filters[key].offset;
	if (store_filters[key].flag)
		return *(const bool *)(const void *)p ? "" : NULL;
	p = *(const char *const *)(const void *)p;
	return p && *p ? p : NULL;
}

void store_filter_put(struct store_filter *f, enum store_filter_key key,
		      const char *value)
{
	if ((unsigned)key >= STORE_FILTER_COUNT)
		return;
	if (store_filters[key].flag)
		*(bool *)(void *)((char *)f + store_filters[key].offset) =
			value != NULL;
	else
		*store_filter_slot(f, key) = value;
}

int store_filter_find(const char *name)
{
	for (int k = 0; k < STORE_FILTER_COUNT; k++)
		if (strcmp(store_filters[k].name, name) == 0)
			return k;
	return -1;
}

/* A period written as its row's arg says: "YYYY-MM" (a real month) or
 * "YYYY" (a year), strictly; its first and last day. */
static int parse_period(const char *s, const char *arg, int64_t *first,
			int64_t *last)
{
	char day[16];
	int y, m, d;

	if (!s || strlen(s) != strlen(arg) || strlen(s) > 7)
		return -1;
	snprintf(day, sizeof day, strlen(s) == 4 ? "%s-01-01" : "%s-01", s);
	if (store_parse_date(day, &y, &m, &d) != 0)
		return -1;
	*first = store_julian_day(y, m, 1);
	*last = strlen(s) == 4 ? store_julian_day(y + 1, 1, 1) - 1
			       : store_julian_day(y, m + 1, 1) - 1;
	return 0;
}

int store_filter_days(const struct store_filter *f, int64_t *lo, int64_t *hi,
		      char *err, size_t errlen)
{
	bool dated = false;

	*lo = 0;
	*hi = INT64_MAX;
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		enum store_match m = store_filters[k].match;
		const char *v = store_filter_value(f, (enum store_filter_key)k);
		int64_t a = 0, b = INT64_MAX;
		int y, mo, d;

		if (!v || (m != STORE_MATCH_FROM && m != STORE_MATCH_TO &&
			   m != STORE_MATCH_PERIOD))
			continue;
		if (m == STORE_MATCH_PERIOD) {
			if (parse_period(v, store_filters[k].arg, &a, &b) != 0) {
				snprintf(err, errlen, "'%s' is not a %s (%s)", v,
					 store_filters[k].name,
					 store_filters[k].arg);
				return -1;
			}
		} else if (store_parse_date(v, &y, &mo, &d) != 0) {
			snprintf(err, errlen, "'%s' is not a date (YYYY-MM-DD)",
				 v);
			return -1;
		} else if (m == STORE_MATCH_FROM) {
			a = store_julian_day(y, mo, d);
		} else {
			b = store_julian_day(y, mo, d);
		}
		if (a > *lo)
			*lo = a;
		if (b < *hi)
			*hi = b;
		dated = true;
	}
	return dated ? 1 : 0;
}

void store_civil_date(int64_t jd, int *year, int *month, int *day)
{
	int64_t z = jd - 2440588 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);

	*year = (int)y;
	*month = (int)m;
	*day = (int)d;
}

/* A Julian day as YYYY-MM-DD. */
static void civil_date(int64_t jd, char out[16])
{
	int y, m, d;

	store_civil_date(jd, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

int store_where_build(const struct store_filter *f, struct store_where *w,
		      char *err, size_t errlen)
{
	int64_t lo, hi;
	int dated, bad = 0;

	memset(w, 0, sizeof *w);
	w->min_id = 0;
	w->max_id = INT64_MAX;
	store_buf_add(&w->sql, "");
	dated = store_filter_days(f, &lo, &hi, err, errlen);
	if (dated < 0)
		goto fail;
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		const struct store_filter_sql *q = &store_filter_sql[k];
		const char *v = store_filter_value(f, (enum store_filter_key)k);

		if (!v || !q->where)
			continue;
		store_buf_add(&w->sql, q->where);
		if (q->values) {
			bad |= q->values(w, v);
			continue;
		}
		for (const char *p = q->where; (p = strchr(p, '?')); p++)
			bad |= store_where_param(w, v, NULL);
	}
	if (dated) {
		char day[16];

		if (lo > 0) {
			civil_date(lo, day);
			store_buf_add(&w->sql, " AND a.date >= ?");
			bad |= store_where_param(w, NULL, strdup(day));
			w->min_id = lo * 65536;
		}
		if (hi < INT64_MAX) {
			civil_date(hi, day);
			store_buf_add(&w->sql, " AND a.date <= ?");
			bad |= store_where_param(w, NULL, strdup(day));
			w->max_id = (hi + 1) * 65536 - 1;
		}
	}
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

/* How near a known name is to what was typed: the characters of typed it
 * holds, less a little for each character more or fewer. */
static long nearness(const char *typed, const char *known)
{
	size_t len_typed = 0, len_known = 0, shared = 0;
	uint32_t cp;
	size_t n;

	for (const char *p = known; *p; p += n) {
		n = text_utf8_decode(p, strlen(p), &cp);
		len_known++;
	}
	for (const char *p = typed; *p; p += n) {
		char one[8];

		n = text_utf8_decode(p, strlen(p), &cp);
		memcpy(one, p, n < sizeof one ? n : sizeof one - 1);
		one[n < sizeof one ? n : sizeof one - 1] = '\0';
		len_typed++;
		if (strstr(known, one))
			shared++;
	}
	return (long)shared * 16 -
	       (long)(len_known > len_typed ? len_known - len_typed
					    : len_typed - len_known);
}

/* Writes into err that the store holds nothing named value by key, with
 * the (at most three) nearest names it holds. */
static int unknown_name(struct store *s, enum store_filter_key key,
			const char *value, char *err, size_t errlen)
{
	enum { NEAREST = 3 };
	char *best[NEAREST] = {NULL, NULL, NULL};
	long score[NEAREST] = {0, 0, 0};
	sqlite3_stmt *st = NULL;
	size_t used;
	int rc;

	if (sqlite3_prepare_v2(s->db, store_filter_sql[key].known, -1, &st,
			       NULL) != SQLITE_OK)
		return store_fail(s->db, err, errlen, "reading the names");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		long sc;
		int at;

		if (!name || !*name)
			continue;
		sc = nearness(value, name);
		if (sc <= 0)
			continue;
		for (at = NEAREST; at > 0 && (!best[at - 1] ||
					      score[at - 1] < sc); at--)
			;
		if (at >= NEAREST)
			continue;
		free(best[NEAREST - 1]);
		memmove(best + at + 1, best + at,
			(NEAREST - 1 - at) * sizeof *best);
		memmove(score + at + 1, score + at,
			(NEAREST - 1 - at) * sizeof *score);
		best[at] = strdup(name);
		score[at] = sc;
	}
	sqlite3_finalize(st);
	used = (size_t)snprintf(err, errlen, "no %s '%s' in the store",
				store_filters[key].name, value);
	for (int i = 0; i < NEAREST && best[i] && used < errlen; i++)
		used += (size_t)snprintf(err + used, errlen - used, "%s%s",
					 i ? ", " : "; the nearest: ", best[i]);
	for (int i = 0; i < NEAREST; i++)
		free(best[i]);
	return -1;
}

int store_filter_known(struct store *s, const struct store_filter *f,
		       char *err, size_t errlen)
{
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		const char *v = store_filter_value(f, (enum store_filter_key)k);
		struct store_filter one = {0};
		struct store_where w;
		struct store_buf sql = {0};
		sqlite3_stmt *st = NULL;
		int rc;

		if (!v || !store_filter_sql[k].known)
			continue;
		store_filter_put(&one, (enum store_filter_key)k, v);
		if (store_where_build(&one, &w, err, errlen) != 0)
			return -1;
		store_buf_add(&sql, "SELECT 1 FROM articles a WHERE 1");
		store_buf_add(&sql, w.sql.s);
		store_buf_add(&sql, " LIMIT 1");
		if (sql.failed) {
			store_where_free(&w);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		rc = sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL);
		if (rc == SQLITE_OK && store_where_bind(st, &w, 1) > 0)
			rc = sqlite3_step(st);
		else if (rc == SQLITE_OK)
			rc = SQLITE_ERROR;
		sqlite3_finalize(st);
		store_buf_free(&sql);
		store_where_free(&w);
		if (rc == SQLITE_DONE)
			return unknown_name(s, (enum store_filter_key)k, v, err,
					    errlen);
		if (rc != SQLITE_ROW)
			return store_fail(s->db, err, errlen, "finding names");
	}
	return 0;
}
