/*
 * tally — the changes an import or a reread makes to the kept counts
 * (facet_counts, and facet_pairs within a city or a topic, schema.c),
 * added up in memory, one row per distinct key, and written at once in the
 * open transaction: within a batch, the files share most of their rows
 * (the same cities, unions and months), and each row written costs a page
 * of facet_counts or facet_pairs that, at a million articles, is rarely in
 * the cache. An article is counted as facet.c's GROUP BY counts it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

/* One kept count's change: a facet_counts row (pair false: kind, month,
 * value) or a facet_pairs row (all five); the strings live in text. */
struct tally_row {
	uint64_t hash;
	int64_t n;
	bool pair;
	int fkind, kind;
	const char *fvalue, *month, *value;
	char text[];
};

void store_tally_clear(struct tally *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slot[i]);
	free(t->slot);
	t->slot = NULL;
	t->cap = t->count = 0;
}

static uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3u;
	}
	return h;
}

static bool tally_same(const struct tally_row *r, bool pair, int fkind,
		       const char *fvalue, int kind, const char *month,
		       const char *value)
{
	return r->pair == pair && r->kind == kind &&
	       (!pair || (r->fkind == fkind && strcmp(r->fvalue, fvalue) == 0)) &&
	       strcmp(r->month, month) == 0 && strcmp(r->value, value) == 0;
}

/* Doubles the slots (or makes the first 256). Returns 0 or -1. */
static int tally_grow(struct tally *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256;
	struct tally_row **slot = calloc(cap, sizeof *slot);

	if (!slot)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		struct tally_row *r = t->slot[i];
		size_t j;

		if (!r)
			continue;
		for (j = r->hash & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
			;
		slot[j] = r;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

/* Adds n to a kept count (fkind and fvalue only when pair). Returns 0,
 * or -1 when out of memory. */
static int tally_add(struct tally *t, bool pair, int fkind,
		     const char *fvalue, int kind, const char *month,
		     const char *value, int64_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t lf, lm, lv, j;
	struct tally_row *r;

	if (!pair)
		fvalue = "";
	lf = strlen(fvalue) + 1;
	lm = strlen(month) + 1;
	lv = strlen(value) + 1;
	h = hash_bytes(h, &pair, sizeof pair);
	h = hash_bytes(h, &kind, sizeof kind);
	if (pair) {
		h = hash_bytes(h, &fkind, sizeof fkind);
		h = hash_bytes(h, fvalue, lf);
	}
	h = hash_bytes(h, month, lm);
	h = hash_bytes(h, value, lv);
	if ((t->count + 1) * 4 > t->cap * 3 && tally_grow(t) != 0)
		return -1;
	for (j = h & (t->cap - 1); t->slot[j]; j = (j + 1) & (t->cap - 1)) {
		r = t->slot[j];
		if (r->hash == h && tally_same(r, pair, fkind, fvalue, kind,
					       month, value)) {
			r->n += n;
			return 0;
		}
	}
	r = malloc(sizeof *r + lf + lm + lv);
	if (!r)
		return -1;
	r->hash = h;
	r->n = n;
	r->pair = pair;
	r->fkind = pair ? fkind : 0;
	r->kind = kind;
	memcpy(r->text, fvalue, lf);
	memcpy(r->text + lf, month, lm);
	memcpy(r->text + lf + lm, value, lv);
	r->fvalue = r->text;
	r->month = r->text + lf;
	r->value = r->text + lf + lm;
	t->slot[j] = r;
	t->count++;
	return 0;
}

/* Adds every count of from to t. Returns 0, or -1 when out of memory. */
int store_tally_merge(struct tally *t, const struct tally *from)
{
	for (size_t i = 0; i < from->cap; i++) {
		const struct tally_row *r = from->slot[i];

		if (r && tally_add(t, r->pair, r->fkind, r->fvalue, r->kind,
				   r->month, r->value, r->n) != 0)
			return -1;
	}
	return 0;
}

/* The order of the tables' primary keys (SQLite compares text bytewise),
 * facet_counts rows first, so the writes walk each table's b-tree once. */
static int tally_order(const void *pa, const void *pb)
{
	const struct tally_row *a = *(const struct tally_row *const *)pa;
	const struct tally_row *b = *(const struct tally_row *const *)pb;
	int c;

	if (a->pair != b->pair)
		return a->pair ? 1 : -1;
	if (a->pair) {
		if (a->fkind != b->fkind)
			return a->fkind < b->fkind ? -1 : 1;
		c = strcmp(a->fvalue, b->fvalue);
		if (c)
			return c;
	}
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	c = strcmp(a->month, b->month);
	if (c)
		return c;
	return strcmp(a->value, b->value);
}

/* Adds the tallied changes to facet_counts and facet_pairs, one upsert per
 * row that changes, in the open transaction; a count taken down to 0 goes
 * (a fresh import never writes one). Returns 0 or -1 (sqlite's error on
 * s->db; the slots are no longer a hash table afterwards: only
 * store_tally_clear). */
static int write_rows(struct store *s, struct tally *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i])
			t->slot[n++] = t->slot[i];
	for (size_t i = n; i < t->cap; i++)
		t->slot[i] = NULL;
	if (n > 1)
		qsort(t->slot, n, sizeof *t->slot, tally_order);
	for (size_t i = 0; i < n; i++) {
		const struct tally_row *r = t->slot[i];
		sqlite3_stmt *st;

		if (r->n == 0)
			continue;
		if (r->pair) {
			st = s->stmt[ST_BUMP_PAIR];
			if (sqlite3_bind_int(st, 1, r->fkind) != SQLITE_OK ||
			    store_bind_text(st, 2, r->fvalue) != SQLITE_OK ||
			    sqlite3_bind_int(st, 3, r->kind) != SQLITE_OK ||
			    store_bind_text(st, 4, r->month) != SQLITE_OK ||
			    store_bind_text(st, 5, r->value) != SQLITE_OK ||
			    sqlite3_bind_int64(st, 6, r->n) != SQLITE_OK ||
			    store_step(st, NULL) != SQLITE_DONE)
				return -1;
			st = s->stmt[ST_DROP_PAIR];
			if (r->n < 0 &&
			    (sqlite3_bind_int(st, 1, r->fkind) != SQLITE_OK ||
			     store_bind_text(st, 2, r->fvalue) != SQLITE_OK ||
			     sqlite3_bind_int(st, 3, r->kind) != SQLITE_OK ||
			     store_bind_text(st, 4, r->month) != SQLITE_OK ||
			     store_bind_text(st, 5, r->value) != SQLITE_OK ||
			     store_step(st, NULL) != SQLITE_DONE))
				return -1;
		} else {
			st = s->stmt[ST_BUMP_FACET];
			if (sqlite3_bind_int(st, 1, r->kind) != SQLITE_OK ||
			    store_bind_text(st, 2, r->month) != SQLITE_OK ||
			    store_bind_text(st, 3, r->value) != SQLITE_OK ||
			    sqlite3_bind_int64(st, 4, r->n) != SQLITE_OK ||
			    store_step(st, NULL) != SQLITE_DONE)
				return -1;
			st = s->stmt[ST_DROP_FACET];
			if (r->n < 0 &&
			    (sqlite3_bind_int(st, 1, r->kind) != SQLITE_OK ||
			     store_bind_text(st, 2, r->month) != SQLITE_OK ||
			     store_bind_text(st, 3, r->value) != SQLITE_OK ||
			     store_step(st, NULL) != SQLITE_DONE))
				return -1;
		}
	}
	return 0;
}

struct tally *store_tally_new(void)
{
	return calloc(1, sizeof(struct tally));
}

void store_tally_free(struct tally *t)
{
	if (!t)
		return;
	store_tally_clear(t);
	free(t);
}

int store_tally_write(struct store *s, struct tally *t)
{
	return write_rows(s, t);
}

/* Adds n (1, or -1 for an article taken away) to the kept count of
 * value under facet kind in month ('' when undated) and over all
 * months. */
static int bump(struct tally *t, int kind, const char *month,
		const char *value, int64_t n)
{
	if (!value)
		return 0;
	if (tally_add(t, false, 0, NULL, kind, month, value, n) != 0 ||
	    tally_add(t, false, 0, NULL, kind, "*", value, n) != 0)
		return -1;
	return 0;
}

/* True when name is among the first n reporters or the first k authors. */
static bool named_before(const struct article *a, size_t n, size_t k,
			 const char *name)
{
	for (size_t i = 0; i < n && i < a->n_reporters; i++)
		if (a->reporters[i].name && strcmp(a->reporters[i].name,
						   name) == 0)
			return true;
	for (size_t i = 0; i < k && i < a->authors.count; i++)
		if (strcmp(a->authors.items[i], name) == 0)
			return true;
	return false;
}

/* Adds n to the kept count of value under facet kind within the
 * articles whose fkind is fvalue, in month ('' when undated) and over all
 * months. */
static int bump_pair(struct tally *t, enum store_kind fkind,
		     const char *fvalue, int kind, const char *month,
		     const char *value, int64_t n)
{
	if (!value)
		return 0;
	if (tally_add(t, true, (int)fkind, fvalue, kind, month, value, n) !=
		    0 ||
	    tally_add(t, true, (int)fkind, fvalue, kind, "*", value, n) != 0)
		return -1;
	return 0;
}

/* The article's facet values within the selection fkind = fvalue
 * (facet_pairs, schema.c). */
static int bump_pairs(struct tally *t, const struct article *a,
		      const char *month, enum store_kind fkind,
		      const char *fvalue, int64_t n)
{
	if (bump_pair(t, fkind, fvalue, STORE_KIND_ALL, month, "", n) != 0 ||
	    bump_pair(t, fkind, fvalue, STORE_KIND_CITY, month,
		      a->city, n) != 0 ||
	    bump_pair(t, fkind, fvalue, STORE_KIND_COUNTY, month,
		      a->county, n) != 0 ||
	    (month[0] && bump_pair(t, fkind, fvalue, STORE_KIND_MONTH, month,
				   month, n) != 0))
		return -1;
	for (size_t i = 0; i < a->unions.count; i++)
		if (bump_pair(t, fkind, fvalue, STORE_KIND_UNION, month,
			      a->unions.items[i], n) != 0)
			return -1;
	for (size_t i = 0; i < a->topics.count; i++)
		if (bump_pair(t, fkind, fvalue, STORE_KIND_TOPIC, month,
			      a->topics.items[i], n) != 0)
			return -1;
	return 0;
}

int store_tally_article(struct tally *t, const struct article *a,
			const char *date, int64_t n)
{
	char month[8] = "";

	if (date)
		snprintf(month, sizeof month, "%.7s", date);
	if (bump(t, STORE_KIND_ALL, month, "", n) != 0 ||
	    bump(t, STORE_KIND_CITY, month, a->city, n) != 0 ||
	    bump(t, STORE_KIND_COUNTY, month, a->county, n) != 0 ||
	    (date && bump(t, STORE_KIND_MONTH, month, month, n) != 0))
		return -1;
	for (size_t i = 0; i < a->unions.count; i++)
		if (bump(t, STORE_KIND_UNION, month, a->unions.items[i], n) != 0)
			return -1;
	for (size_t i = 0; i < a->topics.count; i++)
		if (bump(t, STORE_KIND_TOPIC, month, a->topics.items[i], n) != 0)
			return -1;
	for (size_t i = 0; i < a->n_reporters; i++)
		if (!named_before(a, i, 0, a->reporters[i].name) &&
		    bump(t, STORE_KIND_REPORTER, month,
			 a->reporters[i].name, n) != 0)
			return -1;
	for (size_t i = 0; i < a->authors.count; i++)
		if (!named_before(a, a->n_reporters, i, a->authors.items[i]) &&
		    bump(t, STORE_KIND_REPORTER, month,
			 a->authors.items[i], n) != 0)
			return -1;
	if (a->city && bump_pairs(t, a, month, STORE_KIND_CITY, a->city, n) != 0)
		return -1;
	for (size_t i = 0; i < a->topics.count; i++) {
		bool again = false;

		for (size_t k = 0; k < i && !again; k++)
			again = strcmp(a->topics.items[k],
				       a->topics.items[i]) == 0;
		if (!again && bump_pairs(t, a, month, STORE_KIND_TOPIC,
					 a->topics.items[i], n) != 0)
			return -1;
	}
	return 0;
}
