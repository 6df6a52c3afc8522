/*
 * snippet.c — a short piece of an article around the first hit of a search,
 * for a result list: whole characters only, "…" where the text was cut,
 * line breaks and tabs made single spaces, everything sanitised for the
 * terminal, and each hit between STORE_HIT_OPEN and STORE_HIT_CLOSE.
 *
 * Hits are found the way the tokenizer cuts text (fts_cjk.c): case, width
 * and Traditional folded, so ＣＰＲ is a hit for cpr and 工會 for 工会 (the
 * hit is marked in the text as written); a term that begins or ends with a
 * letter or digit must begin or end a word there (cpr is no hit inside
 * CPRS); Chinese matches anywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

/* One character of the text. */
struct snip_char {
	size_t start;   /* byte offset in the text */
	uint32_t folded;
	uint8_t len;    /* bytes, 1-4 */
	uint8_t cls;    /* enum store_cjk_class */
};

/* The characters of a text decoded so far: c[0..n) covers the bytes
 * s[0..decoded); decode_to() decodes more on demand, so that a snippet of
 * a long article decodes little more than the part it shows. */
struct snip_text {
	const char *s;
	size_t len;            /* bytes of s */
	size_t decoded;        /* bytes of s in c[0..n) */
	struct snip_char *c;   /* owned */
	size_t n, cap;
};

/* A term folded to code points. */
struct snip_term {
	uint32_t *cps;
	size_t n;
};

/* Characters decoded past what the search for the first hit needs, so that
 * it decodes in chunks rather than one character at a time. */
#define SNIP_CHUNK 64

/* Decodes one character of s[0..len), len > 0: an invalid byte is one
 * separator character, folded to U+FFFD. Returns its byte length. */
static size_t decode_one(const char *s, size_t len, uint32_t *folded,
			 enum store_cjk_class *cls)
{
	uint32_t cp;
	size_t k = text_utf8_decode(s, len, &cp);

	if (k == 0) {
		*folded = TEXT_REPLACEMENT;
		*cls = STORE_CJK_SEPARATOR;
		return 1;
	}
	*folded = text_fold_search(cp);
	*cls = store_cjk_class(cp);
	return k;
}

/* Makes room for more characters in t; returns 0, or -1 when out of
 * memory. */
static int grow(struct snip_text *t)
{
	/* never more characters than bytes */
	size_t cap = t->cap ? t->cap * 2 : 128;
	struct snip_char *c;

	if (cap > t->len)
		cap = t->len;
	if (cap > SIZE_MAX / sizeof *c)
		return -1;
	c = realloc(t->c, cap * sizeof *c);
	if (!c)
		return -1;
	t->c = c;
	t->cap = cap;
	return 0;
}

/* Decodes characters of t until it holds at least want of them or the
 * text ends; returns 0, or -1 when out of memory. */
static int decode_to(struct snip_text *t, size_t want)
{
	size_t n = t->n, at = t->decoded, len = t->len;
	int ret = 0;

	while (n < want && at < len) {
		struct snip_char *c;
		enum store_cjk_class cls;
		size_t k;

		if (n == t->cap && grow(t) < 0) {
			ret = -1;
			break;
		}
		c = &t->c[n];
		k = decode_one(t->s + at, len - at, &c->folded, &cls);
		c->start = at;
		c->len = (uint8_t)k;
		c->cls = (uint8_t)cls;
		at += k;
		n++;
	}
	t->n = n;
	t->decoded = at;
	return ret;
}

/* Folds term s into t; returns 0, or -1 when out of memory. */
static int fold_term(const char *s, struct snip_term *t)
{
	size_t len = strlen(s), i = 0;
	enum store_cjk_class cls;

	t->n = 0;
	t->cps = malloc((len + 1) * sizeof *t->cps);
	if (!t->cps)
		return -1;
	while (i < len)
		i += decode_one(s + i, len - i, &t->cps[t->n++], &cls);
	return 0;
}

/* The length in characters of term t at position i of c[0..n), or 0. */
static size_t match_at(const struct snip_char *c, size_t n, size_t i,
		       const struct snip_term *t)
{
	size_t k;

	if (t->n == 0 || i + t->n > n)
		return 0;
	for (k = 0; k < t->n; k++)
		if (c[i + k].folded != t->cps[k])
			return 0;
	if (c[i].cls == STORE_CJK_WORD && i > 0 &&
	    c[i - 1].cls == STORE_CJK_WORD)
		return 0;
	if (c[i + t->n - 1].cls == STORE_CJK_WORD && i + t->n < n &&
	    c[i + t->n].cls == STORE_CJK_WORD)
		return 0;
	return t->n;
}

/* The longest term matching at i, or 0. */
static size_t longest_at(const struct snip_char *c, size_t n, size_t i,
			 const struct snip_term *terms, size_t nterms)
{
	size_t best = 0, m;

	for (size_t t = 0; t < nterms; t++) {
		m = match_at(c, n, i, &terms[t]);
		if (m > best)
			best = m;
	}
	return best;
}

/* Appends raw text[0..len) sanitised. */
static void put_clean(struct store_buf *b, const char *text, size_t len)
{
	char *clean;

	if (len == 0 || b->failed)
		return;
	clean = text_sanitize(text, len, false);
	if (!clean) {
		b->failed = true;
		return;
	}
	store_buf_add(b, clean);
	free(clean);
}

static bool is_blank(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == '\t' || cp == ' ';
}

/* True when c[from, to) holds more than blanks: something was cut. */
static bool any_text(const struct snip_char *c, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!is_blank(c[i].folded))
			return true;
	return false;
}

/* True when the text holds more than blanks from character to on, decoded
 * or not yet: something was cut. */
static bool any_text_after(const struct snip_text *t, size_t to)
{
	size_t i = t->decoded;
	uint32_t folded;
	enum store_cjk_class cls;

	if (any_text(t->c, to, t->n))
		return true;
	while (i < t->len) {
		i += decode_one(t->s + i, t->len - i, &folded, &cls);
		if (!is_blank(folded))
			return true;
	}
	return false;
}

/* Writes characters [from, to) with hits marked; runs of blanks become one
 * space. */
static void put_window(struct store_buf *b, const char *text,
		       const struct snip_char *c, size_t n, size_t from,
		       size_t to, const struct snip_term *terms, size_t nterms)
{
	size_t i = from, seg = c[from].start, hit_end = 0;
	bool in_hit = false;

	while (i < to) {
		if (!in_hit) {
			size_t m = longest_at(c, n, i, terms, nterms);

			if (m > 0) {
				put_clean(b, text + seg, c[i].start - seg);
				store_buf_add(b, STORE_HIT_OPEN);
				seg = c[i].start;
				in_hit = true;
				hit_end = i + m < to ? i + m : to;
			}
		}
		if (is_blank(c[i].folded)) {
			size_t j = i;

			while (j < to && is_blank(c[j].folded) &&
			       (!in_hit || j < hit_end))
				j++;
			put_clean(b, text + seg, c[i].start - seg);
			store_buf_put(b, " ", 1);
			i = j;
			seg = i < n ? c[i].start : c[n - 1].start + c[n - 1].len;
		} else {
			i++;
		}
		if (in_hit && i >= hit_end) {
			size_t end = c[hit_end - 1].start + c[hit_end - 1].len;

			if (seg < end)
				put_clean(b, text + seg, end - seg);
			store_buf_add(b, STORE_HIT_CLOSE);
			seg = end;
			in_hit = false;
		}
	}
	if (to > 0) {
		size_t end = c[to - 1].start + c[to - 1].len;

		if (seg < end)
			put_clean(b, text + seg, end - seg);
	}
}

/* a + b, or SIZE_MAX when that overflows */
static size_t add_capped(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

char *store_snippet(const char *text, const struct text_list *terms,
		    size_t max_chars)
{
	struct snip_text s = {0};
	struct snip_term *t = NULL;
	struct store_buf b = {0};
	size_t n, nterms = terms ? terms->count : 0, i, from = 0, to, hit;
	size_t longest = 0, need;
	const struct snip_char *c;
	bool found = false;
	char *ret = NULL;

	s.s = text ? text : "";
	s.len = strlen(s.s);
	t = calloc(nterms + 1, sizeof *t);
	if (!t)
		goto out;
	for (i = 0; i < nterms; i++) {
		if (fold_term(terms->items[i], &t[i]) < 0)
			goto out;
		if (t[i].n > longest)
			longest = t[i].n;
	}
	/* a match at i is known once c[i + longest] is decoded (the word
	 * rule looks one character past the term) */
	for (hit = 0; longest > 0; hit++) {
		need = hit + longest + 1;
		if (need > s.n && decode_to(&s, need + SNIP_CHUNK) < 0)
			goto out;
		if (hit >= s.n)
			break;
		if (longest_at(s.c, s.n, hit, t, nterms) > 0) {
			found = true;
			break;
		}
	}
	/* the window: a quarter of it before the first hit, or the end of
	 * the text when the hit is near that. Decoding longest characters
	 * past the window tells which (the text ends before, or the window
	 * stays), and lets hits in the window be matched whole. */
	if (found && hit > max_chars / 4)
		from = hit - max_chars / 4;
	need = max_chars == 0 ? SIZE_MAX :
		add_capped(add_capped(from, max_chars), longest);
	if (decode_to(&s, need) < 0)
		goto out;
	c = s.c;
	n = s.n;
	if (max_chars == 0 || max_chars > n)
		max_chars = n;
	if (from + max_chars > n)
		from = n - max_chars;
	to = from + max_chars;
	while (from < to && is_blank(c[from].folded))
		from++;
	while (to > from && is_blank(c[to - 1].folded))
		to--;
	store_buf_put(&b, "", 0);
	if (any_text(c, 0, from))
		store_buf_add(&b, "…");
	if (from < to)
		put_window(&b, s.s, c, n, from, to, t, nterms);
	if (any_text_after(&s, to))
		store_buf_add(&b, "…");
	if (!b.failed) {
		ret = b.s;
		b.s = NULL;
	}
out:
	if (t)
		for (i = 0; i < nterms; i++)
			free(t[i].cps);
	free(t);
	free(s.c);
	free(b.s);
	return ret;
}
