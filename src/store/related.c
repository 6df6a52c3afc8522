/*
 * related.c — the same story across cities: the articles that share a
 * rare phrase with a given one, found through the search index.
 *
 * Union campaigns run everywhere at once (劳模工匠助企行, 工会爱心驿站,
 * 金秋助学), and each city's report names the campaign. The phrases an
 * article is looked up by are:
 *   - its quoted names: text inside “…”, 「…」, 『…』 or 《…》 of 3 to 20
 *     Han characters, anywhere in the article (a campaign, a slogan, a
 *     title);
 *   - its headline's phrases: the headline's runs of Han characters, read
 *     four characters at a time; the rare ones that follow each other are
 *     joined again into the longest phrase that other articles share.
 * Each phrase is counted in the index, at most RARE + 1 matches read
 * (RARE: one article in RARE_SHARE of the store, at least RARE_MIN), so
 * that counting costs a few postings, never a scan: a phrase is kept when
 * another article holds it and it is rare (common words, a city's name,
 * 工会 itself, are left out). The rarest PHRASES_MAX kept, quoted names
 * first, are looked up; each article found is scored by what it shares:
 * each phrase weighs its idf, log(articles / articles holding it), twice
 * that for a quoted name. The list is ordered by score, then newest first
 * (ids sort by date). The article itself is never in it.
 *
 * Why a score before the date: a reader asking for the same story wants
 * the reports that share the campaign's name before those that share a
 * headline's words, and among those the newest; measured on the 新闻联播
 * corpus by tests/bench/related-measure (tests/bench/README.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

#define RARE_MIN 3       /* a phrase this many articles hold is still rare */
#define RARE_SHARE 100   /* ... and one in this many articles */
#define CANDIDATES_MAX 64
#define PHRASES_MAX 6
#define QUOTED_WEIGHT 2.0 /* a quoted name against a headline phrase */
#define WINDOW 4         /* characters of a headline phrase */
#define EXTEND_MAX 4     /* characters a headline phrase grows by, each end */
#define QUOTED_CANDIDATES 48 /* room left for the headline's phrases */
#define QUOTED_MIN 3
#define QUOTED_MAX 20

struct candidate {
	char *text;      /* owned */
	bool quoted;
	int64_t count;   /* articles holding it (capped at rare + 1) */
};

struct candidates {
	struct candidate items[CANDIDATES_MAX];
	size_t n;
};

static void candidates_free(struct candidates *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->items[i].text);
	c->n = 0;
}

/* True when c already holds text. */
static bool candidates_have(const struct candidates *c, const char *text)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->items[i].text, text) == 0)
			return true;
	return false;
}

/* Adds text[0..len) unless held already or full; -1 when out of memory. */
static int candidates_add(struct candidates *c, const char *text, size_t len,
			  bool quoted)
{
	char *copy;

	if (c->n == CANDIDATES_MAX)
		return 0;
	copy = strndup(text, len);
	if (!copy)
		return -1;
	if (candidates_have(c, copy)) {
		free(copy);
		return 0;
	}
	c->items[c->n++] = (struct candidate){copy, quoted, 0};
	return 0;
}

static uint32_t closing_quote(uint32_t cp)
{
	switch (cp) {
	case 0x201C: return 0x201D; /* “ ” */
	case 0x300C: return 0x300D; /* 「 」 */
	case 0x300E: return 0x300F; /* 『 』 */
	case 0x300A: return 0x300B; /* 《 》 */
	default: return 0;
	}
}

/* The quoted names of text: between a pair of quotes, 3 to 20 Han
 * characters and nothing else. */
static int add_quoted(struct candidates *c, const char *text)
{
	size_t len = text ? strlen(text) : 0, i = 0, n;
	uint32_t cp;

	while (i < len) {
		uint32_t close;

		n = text_utf8_decode(text + i, len - i, &cp);
		i += n ? n : 1;
		if (!n || !(close = closing_quote(cp)))
			continue;
		size_t start = i, chars = 0;
		bool han = true;

		while (i < len) {
			n = text_utf8_decode(text + i, len - i, &cp);
			if (!n || cp == close || cp == '\n')
				break;
			han = han && text_is_han(cp);
			chars++;
			i += n;
		}
		if (c->n >= QUOTED_CANDIDATES)
			break;
		if (i < len && cp == close && han && chars >= QUOTED_MIN &&
		    chars <= QUOTED_MAX &&
		    candidates_add(c, text + start, i - start, true) != 0)
			return -1;
	}
	return 0;
}

/* The byte offsets of the Han characters of a run starting at text[i]:
 * fills starts[] (at most max + 1 entries, the last the run's end) and
 * returns how many characters; *next is the byte after the run. */
static size_t han_run(const char *text, size_t len, size_t i, size_t *starts,
		      size_t max, size_t *next)
{
	size_t chars = 0, n;
	uint32_t cp;

	while (i < len) {
		n = text_utf8_decode(text + i, len - i, &cp);
		if (!n || !text_is_han(cp))
			break;
		if (chars == max)
			break;
		starts[chars++] = i;
		i += n;
	}
	starts[chars] = i;
	*next = i;
	return chars;
}

/* How many articles hold phrase, reading at most cap + 1 of them. */
static int count_phrase(sqlite3_stmt *count, const char *phrase, int64_t cap,
			int64_t *out)
{
	char match[1024];
	int rc;

	snprintf(match, sizeof match, "\"%s\"", phrase);
	if (sqlite3_bind_text(count, 1, match, -1, SQLITE_TRANSIENT) !=
		    SQLITE_OK ||
	    sqlite3_bind_int64(count, 2, cap + 1) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(count);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(count, 0);
	sqlite3_reset(count);
	return rc == SQLITE_ROW ? 0 : -1;
}

static bool rare(int64_t count, int64_t cap)
{
	return count >= 2 && count <= cap;
}

/* The headline's phrases: each run's windows of WINDOW characters that
 * are rare, a stretch of them joined into one phrase when other articles
 * share all of it, else its rarest window. A run of fewer characters
 * than a window is left out (电视剧, 人死亡 say too little). */
static int add_headline(struct candidates *c, sqlite3_stmt *count,
			const char *headline, const struct text_list *own,
			int64_t cap)
{
	size_t len = headline ? strlen(headline) : 0, i = 0, n;
	size_t starts[QUOTED_MAX * 4 + 1];
	int64_t counts[QUOTED_MAX * 4];
	bool *mine = calloc(len + 1, 1);
	uint32_t cp;
	int ret = -1;

	if (!mine)
		return -1;
	/* the bytes of the article's own names: no phrase runs over them */
	for (size_t k = 0; k < own->count; k++) {
		size_t m = strlen(own->items[k]);

		for (const char *p = m ? strstr(headline, own->items[k]) : NULL;
		     p; p = strstr(p + 1, own->items[k]))
			memset(mine + (p - headline), 1, m);
	}

	while (i < len) {
		size_t next, chars, windows;

		n = text_utf8_decode(headline + i, len - i, &cp);
		if (!n || !text_is_han(cp)) {
			i += n ? n : 1;
			continue;
		}
		chars = han_run(headline, len, i, starts, QUOTED_MAX * 4, &next);
		i = next;
		if (chars < WINDOW)
			continue;
		windows = chars <= WINDOW ? 1 : chars - WINDOW + 1;
		for (size_t w = 0; w < windows; w++) {
			size_t end = w + (chars <= WINDOW ? chars : WINDOW);
			bool own_name = false;

			for (size_t b = starts[w]; b < starts[end]; b++)
				own_name = own_name || mine[b];
			counts[w] = 0;
			if (own_name)
				continue;
			char *p = strndup(headline + starts[w],
					  starts[end] - starts[w]);

			if (!p)
				goto out;
			int r = count_phrase(count, p, cap, &counts[w]);

			free(p);
			if (r != 0) {
				ret = -2;
				goto out;
			}
		}
		size_t taken = 0; /* the run's characters phrases hold */

		for (size_t w = 0; w < windows;) {
			size_t last = w, best = w;

			if (!rare(counts[w], cap) || w < taken) {
				w++;
				continue;
			}
			while (last + 1 < windows && rare(counts[last + 1], cap))
				last++;
			for (size_t k = w; k <= last; k++)
				if (counts[k] < counts[best])
					best = k;
			size_t from = w, to = last + (chars <= WINDOW ? chars
								       : WINDOW);
			int64_t whole = counts[best];

			if (last > w) {
				char *p = strndup(headline + starts[from],
						  starts[to] - starts[from]);

				if (!p)
					goto out;
				int r = count_phrase(count, p, cap, &whole);

				free(p);
				if (r != 0) {
					ret = -2;
					goto out;
				}
			}
			if (last == w || !rare(whole, cap)) {
				from = best;
				to = best + (chars <= WINDOW ? chars : WINDOW);
				whole = counts[best];
			}
			/* grown by a character at either end while another
			 * article still holds it all: 会驿站上新 becomes
			 * 工会驿站上新, the phrase as the articles share it */
			for (int grow = 0; grow < 2 * EXTEND_MAX; grow++) {
				bool left = grow < EXTEND_MAX;
				size_t a = left ? from - 1 : from;
				size_t b = left ? to : to + 1;
				int64_t got = 0;

				if ((left && (from <= taken ||
					      mine[starts[from - 1]])) ||
				    (!left && (to >= chars || mine[starts[to]]))) {
					grow = left ? EXTEND_MAX - 1 : 2 * EXTEND_MAX;
					continue;
				}
				char *p = strndup(headline + starts[a],
						  starts[b] - starts[a]);

				if (!p)
					goto out;
				int r = count_phrase(count, p, cap, &got);

				free(p);
				if (r != 0) {
					ret = -2;
					goto out;
				}
				if (got < 2) {
					grow = left ? EXTEND_MAX - 1
						    : 2 * EXTEND_MAX;
					continue;
				}
				from = a;
				to = b;
				whole = got;
			}
			size_t before = c->n;

			if (candidates_add(c, headline + starts[from],
					   starts[to] - starts[from], false) != 0)
				goto out;
			if (c->n > before)
				c->items[c->n - 1].count = whole;
			taken = to;
			w = last + 1;
		}
	}
	ret = 0;
out:
	free(mine);
	return ret;
}

static int by_strength(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->quoted != y->quoted)
		return x->quoted ? -1 : 1;
	if (x->count != y->count)
		return x->count < y->count ? -1 : 1;
	return strcmp(x->text, y->text);
}

/* An article found, with what it shares. */
struct found {
	int64_t id;
	double score;
	unsigned shared; /* bit k: phrase k */
};

static int by_score(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id ? 1 : 0;
}

void store_related_free(struct store_related *r)
{
	if (!r)
		return;
	store_rows_free(r->rows, r->n);
	for (size_t i = 0; r->shared && i < r->n; i++)
		text_list_free(&r->shared[i]);
	free(r->shared);
	text_list_free(&r->phrases);
	memset(r, 0, sizeof *r);
}

/* The names that are the article's own, not its story's: its unions, its
 * city and county (as stored and with 市), and 总工会 (the short forms of
 * union names: 市总工会). Returns 0, or -1 (sqlite's error on s->db, or
 * out of memory). */
static int own_names(struct store *s, int64_t id, struct text_list *own)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (text_list_add(own, "总工会", (size_t)-1) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "SELECT u.name FROM article_unions x"
			       " JOIN unions u ON u.id = x.union_id WHERE"
			       " x.article_id = ?1 UNION ALL SELECT city FROM"
			       " articles WHERE id = ?1 UNION ALL SELECT county"
			       " FROM articles WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (name && *name && text_list_add(own, name, (size_t)-1) != 0)
			rc = SQLITE_NOMEM;
		if (rc == SQLITE_NOMEM)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The headline and the quoted names of article id into c; -1 (with a
 * message) when it cannot be read, 1 when there is no such article. */
static int read_candidates(struct store *s, int64_t id, int64_t cap,
			   struct candidates *c, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL, *count = NULL;
	struct text_list own = {NULL, 0, 0};
	int ret = -1, r;

	if (sqlite3_prepare_v2(s->db, "SELECT headline, body, captions FROM"
			       " articles WHERE id = ?", -1, &st, NULL) !=
		    SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT count(*) FROM (SELECT 1 FROM fts"
			       " WHERE fts MATCH ? LIMIT ?)", -1, &count,
			       NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "finding related articles");
		goto out;
	}
	r = sqlite3_step(st);
	if (r == SQLITE_DONE) {
		snprintf(err, errlen, "no article %lld in the store",
			 (long long)id);
		ret = 1;
		goto out;
	}
	if (r != SQLITE_ROW) {
		store_fail(s->db, err, errlen, "reading the article");
		goto out;
	}
	for (int col = 0; col < 3; col++)
		if (add_quoted(c, (const char *)sqlite3_column_text(st, col)) !=
		    0)
			goto oom;
	for (size_t i = 0; i < c->n; i++)
		if (count_phrase(count, c->items[i].text, cap,
				 &c->items[i].count) != 0)
			goto count_fail;
	if (own_names(s, id, &own) != 0) {
		store_fail(s->db, err, errlen, "reading the article's names");
		goto out;
	}
	r = add_headline(c, count, (const char *)sqlite3_column_text(st, 0),
			 &own, cap);
	if (r == -1)
		goto oom;
	if (r == -2)
		goto count_fail;
	ret = 0;
	goto out;
count_fail:
	store_fail(s->db, err, errlen, "counting a phrase");
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(count);
	text_list_free(&own);
	return ret;
}

/* Keeps the rare candidates, strongest first, at most PHRASES_MAX, and a
 * headline phrase only when no kept quoted name holds it or is held in
 * it (the same campaign, counted once). */
static void choose(struct candidates *c, int64_t cap)
{
	size_t kept = 0;

	qsort(c->items, c->n, sizeof c->items[0], by_strength);
	for (size_t i = 0; i < c->n; i++) {
		struct candidate *x = &c->items[i];
		bool keep = rare(x->count, cap) && kept < PHRASES_MAX;

		for (size_t k = 0; keep && k < kept; k++)
			if (strstr(c->items[k].text, x->text) ||
			    strstr(x->text, c->items[k].text))
				keep = false;
		if (keep) {
			c->items[kept++] = *x;
		} else {
			free(x->text);
		}
	}
	c->n = kept;
}

/* Finds, for each phrase, the articles holding it (at most cap, newest
 * first), adding to found[]. */
static int look_up(struct store *s, int64_t id, const struct candidates *c,
		   int64_t cap, int64_t articles, struct found **found,
		   size_t *n_found, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	struct found *f = NULL;
	size_t n = 0, room = 0;
	double weight[PHRASES_MAX];
	int ret = -1, rc = SQLITE_DONE;

	for (size_t k = 0; k < c->n && k < PHRASES_MAX; k++)
		weight[k] = log((double)(articles + 1) /
				(double)c->items[k].count) *
			    (c->items[k].quoted ? QUOTED_WEIGHT : 1.0);

	if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM fts WHERE fts MATCH ?"
			       " AND rowid != ? ORDER BY rowid DESC LIMIT ?",
			       -1, &st, NULL) != SQLITE_OK) {
		store_fail(s->db, err, errlen, "finding related articles");
		goto out;
	}
	for (size_t k = 0; k < c->n; k++) {
		char match[1024];

		snprintf(match, sizeof match, "\"%s\"", c->items[k].text);
		if (sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT) !=
			    SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 3, cap) != SQLITE_OK)
			break;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t other = sqlite3_column_int64(st, 0);
			size_t i;

			for (i = 0; i < n && f[i].id != other; i++)
				;
			if (i == n) {
				if (n == room) {
					size_t nr = room ? room * 2 : 64;
					struct found *p = realloc(f, nr * sizeof *p);

					if (!p) {
						snprintf(err, errlen,
							 "out of memory");
						goto out;
					}
					f = p;
					room = nr;
				}
				f[n++] = (struct found){other, 0, 0};
			}
			f[i].score += weight[k];
			f[i].shared |= 1u << k;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			break;
	}
	if (rc != SQLITE_DONE) {
		store_fail(s->db, err, errlen, "finding related articles");
		goto out;
	}
	if (n > 1)
		qsort(f, n, sizeof *f, by_score);
	*found = f;
	*n_found = n;
	f = NULL;
	ret = 0;
out:
	free(f);
	sqlite3_finalize(st);
	return ret;
}

int store_related(struct store *s, int64_t id, int limit,
		  struct store_related *out, char *err, size_t errlen)
{
	struct store_filter all = {0};
	struct candidates c = {.n = 0};
	struct store_related r = {0};
	struct found *found = NULL;
	size_t n_found = 0;
	int64_t articles = 0, cap;
	int64_t *ids = NULL;
	int ret = -1;

	if (store_count(s, &all, &articles, err, errlen) != 0)
		return -1;
	cap = articles / RARE_SHARE;
	if (cap < RARE_MIN)
		cap = RARE_MIN;
	ret = read_candidates(s, id, cap, &c, err, errlen);
	if (ret != 0) {
		ret = -1;
		goto out;
	}
	ret = -1;
	choose(&c, cap);
	for (size_t k = 0; k < c.n; k++)
		if (text_list_add(&r.phrases, c.items[k].text, (size_t)-1) != 0)
			goto oom;
	if (look_up(s, id, &c, cap, articles, &found, &n_found, err, errlen) != 0)
		goto out;
	if (limit > 0 && n_found > (size_t)limit)
		n_found = (size_t)limit;
	ids = malloc((n_found ? n_found : 1) * sizeof *ids);
	r.shared = calloc(n_found ? n_found : 1, sizeof *r.shared);
	if (!ids || !r.shared)
		goto oom;
	for (size_t i = 0; i < n_found; i++) {
		ids[i] = found[i].id;
		for (size_t k = 0; k < c.n; k++)
			if ((found[i].shared & (1u << k)) &&
			    text_list_add(&r.shared[i], c.items[k].text,
					  (size_t)-1) != 0)
				goto oom;
	}
	if (store_rows_by_id(s, ids, n_found, &r.rows, &r.n, err, errlen) !=
	    0)
		goto out;
	/* an article removed meanwhile has no row: its phrases go too */
	for (size_t i = 0, k = 0; i < n_found; i++) {
		if (k < r.n && r.rows[k].id == ids[i]) {
			r.shared[k++] = r.shared[i];
			continue;
		}
		text_list_free(&r.shared[i]);
	}
	for (size_t k = r.n; k < n_found; k++)
		r.shared[k] = (struct text_list){NULL, 0, 0};
	*out = r;
	memset(&r, 0, sizeof r);
	ret = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	if (r.shared && !r.rows) {
		for (size_t i = 0; i < n_found; i++)
			text_list_free(&r.shared[i]);
		free(r.shared);
		r.shared = NULL;
	}
	store_related_free(&r);
	free(ids);
	free(found);
	candidates_free(&c);
	return ret;
}
