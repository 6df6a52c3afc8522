/*
 * query.c — the search language a user types, turned into an FTS5 MATCH
 * expression that is always valid syntax, and into the strings to highlight.
 *
 *   工会 培训        both must occur (anywhere in the article)
 *   爱心驿站         a run of Chinese matches as written, never in pieces
 *   "new york"      a phrase (also “…” and ＂…＂); an unclosed quote runs on
 *                   to the end
 *   -word           excludes articles holding word
 *   a OR b, a | b   either (OR in capitals; binds tighter than "both")
 *
 * Everything else is text: AND, NOT, NEAR(, *, (, ' and + are separators or
 * plain words. Each term reaches FTS5 as one quoted string (inner quotes
 * doubled), cut by the cjk tokenizer exactly as documents are, so a term is
 * a phrase of its words and runs; Latin words match whole words (cpr finds
 * "CPR 应急", not "CPRS"). A term ending with a lone CJK character gets the
 * prefix mark that the tokenizer needs to find that character inside a run
 * (see fts_cjk.c). Terms with nothing to index (punctuation only) are left
 * out; a query left with nothing to find is refused with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

/* More terms than this is refused: FTS5 limits an expression's depth. */
#define QUERY_MAX_TERMS 64

struct query_term {
	char *text;     /* allocated: trimmed of separators at both ends */
	bool exclude;   /* -word */
	bool or_before; /* joined to the previous term by OR */
};

struct query {
	struct query_term terms[QUERY_MAX_TERMS];
	size_t count;
};

static void query_free(struct query *q)
{
	for (size_t i = 0; i < q->count; i++)
		free(q->terms[i].text);
	q->count = 0;
}

/* The code point at s[i] (invalid bytes read as U+FFFD, one byte) and its
 * length in *n. */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp = TEXT_REPLACEMENT;

	*n = text_utf8_decode(s + i, len - i, &cp);
	if (*n == 0)
		*n = 1;
	return cp;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 ||
	       cp == 0xA0;
}

static bool is_open_quote(uint32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0xFF02;
}

static bool is_close_quote(uint32_t cp)
{
	return cp == '"' || cp == 0x201D || cp == 0xFF02;
}

static bool is_or_bar(uint32_t cp)
{
	return cp == '|' || cp == 0xFF5C;
}

/* True for a byte sequence the tokenizer indexes: a letter, digit or CJK
 * character (invalid bytes are separators). */
static bool indexed_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	*n = text_utf8_decode(s + i, len - i, &cp);
	if (*n == 0) {
		*n = 1;
		return false;
	}
	return store_cjk_class(cp) != STORE_CJK_SEPARATOR;
}

/* Adds s[0..len) trimmed of separators as a term; a term with nothing to
 * index is dropped (returns 0). Returns -1 when out of memory or full. */
static int add_term(struct query *q, const char *s, size_t len, bool exclude,
		    bool or_before, char *err, size_t errlen)
{
	size_t start = 0, end = 0, i = 0, n;
	struct query_term *t;

	while (i < len && !indexed_at(s, len, i, &n))
		i += n;
	if (i == len)
		return 0;
	start = i;
	for (; i < len; i += n)
		if (indexed_at(s, len, i, &n))
			end = i + n;
	if (q->count == QUERY_MAX_TERMS) {
		snprintf(err, errlen, "too many words in the search (at most %d)",
			 QUERY_MAX_TERMS);
		return -1;
	}
	t = &q->terms[q->count];
	t->text = malloc(end - start + 1);
	if (!t->text) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(t->text, s + start, end - start);
	t->text[end - start] = '\0';
	t->exclude = exclude;
	t->or_before = or_before;
	q->count++;
	return 0;
}

/* Reads what the user typed into terms. Returns 0, or -1 with a message
 * when the query has nothing to search for. */
static int query_parse(const char *input, struct query *q, char *err,
		       size_t errlen)
{
	size_t len = input ? strlen(input) : 0, i = 0, n, start, end;
	bool pending_or = false, exclude, phrase;
	int positives = 0, excludes = 0;
	uint32_t cp;

	q->count = 0;
	while (i < len) {
		cp = cp_at(input, len, i, &n);
		if (is_space(cp)) {
			i += n;
			continue;
		}
		if (is_or_bar(cp)) {
			pending_or = true;
			i += n;
			continue;
		}
		exclude = false;
		if (cp == '-' || cp == 0xFF0D) {
			size_t m;
			uint32_t next = i + n < len ? cp_at(input, len, i + n, &m) : ' ';

			if (!is_space(next) && !is_or_bar(next)) {
				exclude = true;
				i += n;
				cp = cp_at(input, len, i, &n);
			}
		}
		phrase = is_open_quote(cp);
		if (phrase) {
			i += n;
			start = i;
			while (i < len && !is_close_quote(cp_at(input, len, i, &n)))
				i += n;
			end = i;
			if (i < len)
				i += n;
		} else {
			start = i;
			while (i < len) {
				cp = cp_at(input, len, i, &n);
				if (is_space(cp) || is_or_bar(cp) || is_open_quote(cp))
					break;
				i += n;
			}
			end = i;
			if (!exclude && end - start == 2 &&
			    memcmp(input + start, "OR", 2) == 0) {
				pending_or = true;
				continue;
			}
		}
		size_t before = q->count;

		if (add_term(q, input + start, end - start, exclude,
			     pending_or && !exclude && positives > 0, err,
			     errlen) != 0)
			goto fail;
		if (q->count > before) {
			if (exclude)
				excludes++;
			else
				positives++;
			pending_or = false;
		}
	}
	if (positives == 0) {
		if (excludes > 0)
			snprintf(err, errlen, "nothing to search for in '%s': "
				 "add a word that must occur", input);
		else if (len == 0)
			snprintf(err, errlen, "nothing to search for: the "
				 "search is empty");
		else
			snprintf(err, errlen, "nothing to search for in '%s': "
				 "no letters, digits or Chinese characters",
				 input);
		goto fail;
	}
	return 0;
fail:
	query_free(q);
	return -1;
}

/* True when text ends with a CJK character that does not follow another:
 * the tokenizer gives that character as a unigram, which must be a prefix
 * query to match it inside a run. */
static bool ends_with_lone_ideograph(const char *text)
{
	size_t len = strlen(text), i = 0, n;
	enum store_cjk_class prev = STORE_CJK_SEPARATOR, last = prev;
	uint32_t cp;

	while (i < len) {
		n = text_utf8_decode(text + i, len - i, &cp);
		prev = last;
		last = n ? store_cjk_class(cp) : STORE_CJK_SEPARATOR;
		i += n ? n : 1;
	}
	return last == STORE_CJK_IDEOGRAPH && prev != STORE_CJK_IDEOGRAPH;
}

/* A term as an FTS5 string: quoted, inner quotes doubled, invalid bytes
 * (separators to the tokenizer) made spaces so FTS5 sees valid UTF-8. */
static void put_term(struct store_buf *b, const char *text)
{
	size_t len = strlen(text), i = 0, n;
	uint32_t cp;

	store_buf_add(b, "\"");
	while (i < len) {
		n = text_utf8_decode(text + i, len - i, &cp);
		if (n == 0) {
			store_buf_add(b, " ");
			i++;
			continue;
		}
		if (cp == '"')
			store_buf_add(b, "\"\"");
		else
			store_buf_put(b, text + i, n);
		i += n;
	}
	store_buf_add(b, "\"");
	if (ends_with_lone_ideograph(text))
		store_buf_add(b, "*");
}

int store_query_compile(const char *query, char **match, char *err,
			size_t errlen)
{
	struct query q;
	struct store_buf b = {0};
	bool first = true;
	size_t i;
	int ret = -1;

	if (query_parse(query, &q, err, errlen) != 0)
		return -1;
	/* ((a) AND (b OR c)) NOT x: one "(" per exclusion in front */
	for (i = 0; i < q.count; i++)
		if (q.terms[i].exclude)
			store_buf_add(&b, "(");
	for (i = 0; i < q.count; i++) {
		if (q.terms[i].exclude)
			continue;
		if (!first && q.terms[i].or_before) {
			store_buf_add(&b, " OR ");
		} else {
			store_buf_add(&b, first ? "(" : ") AND (");
			first = false;
		}
		put_term(&b, q.terms[i].text);
	}
	store_buf_add(&b, ")");
	for (i = 0; i < q.count; i++) {
		if (!q.terms[i].exclude)
			continue;
		store_buf_add(&b, ") NOT ");
		put_term(&b, q.terms[i].text);
	}
	if (b.failed) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	*match = b.s;
	b.s = NULL;
	ret = 0;
out:
	free(b.s);
	query_free(&q);
	return ret;
}

/* The literal pieces of each term that must occur: its runs of letters,
 * digits and CJK characters (a phrase "工会 驿站" gives 工会 and 驿站). */
int store_query_terms(const char *query, struct text_list *terms, char *err,
		      size_t errlen)
{
	struct query q;
	struct text_list out = {NULL, 0, 0};
	size_t i, k, n, start, len;
	int ret = -1;

	if (query_parse(query, &q, err, errlen) != 0)
		return -1;
	for (i = 0; i < q.count; i++) {
		const char *t = q.terms[i].text;

		if (q.terms[i].exclude)
			continue;
		len = strlen(t);
		for (k = 0; k < len;) {
			if (!indexed_at(t, len, k, &n)) {
				k += n;
				continue;
			}
			start = k;
			while (k < len && indexed_at(t, len, k, &n))
				k += n;
			char *piece = strndup(t + start, k - start);

			if (!piece || (!text_list_has(&out, piece) &&
				       text_list_add(&out, piece, k - start) != 0)) {
				free(piece);
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			free(piece);
		}
	}
	*terms = out;
	out = (struct text_list){NULL, 0, 0};
	ret = 0;
out:
	text_list_free(&out);
	query_free(&q);
	return ret;
}

char *store_query_cjk_run(const char *query)
{
	struct query q;
	char err[128], *run = NULL;

	if (query_parse(query, &q, err, sizeof err) != 0)
		return NULL;
	if (q.count == 1 && !q.terms[0].exclude) {
		const char *t = q.terms[0].text;
		size_t len = strlen(t), i = 0, n;
		uint32_t cp;

		while (i < len) {
			n = text_utf8_decode(t + i, len - i, &cp);
			if (n == 0 || store_cjk_class(cp) != STORE_CJK_IDEOGRAPH)
				break;
			i += n;
		}
		if (i == len && len > 0)
			run = strdup(t);
	}
	query_free(&q);
	return run;
}
