/*
 * snippet.c — a short piece of an article around the first hit of a search,
 * for a result list: whole characters only, "…" where the text was cut,
 * line breaks and tabs made single spaces, everything sanitised for the
 * terminal, and each hit between STORE_HIT_OPEN and STORE_HIT_CLOSE.
 *
 * Hits are found the way the tokenizer cuts text (fts_cjk.c): case and width
 * folded, so ＣＰＲ is a hit for cpr; a term that begins or ends with a letter
 * or digit must begin or end a word there (cpr is no hit inside CPRS);
 * Chinese matches anywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

/* One character of the text. */
struct snip_char {
	size_t start, len;
	uint32_t folded;
	enum store_cjk_class cls;
};

/* A term folded to code points. */
struct snip_term {
	uint32_t *cps;
	size_t n;
};

/* Decodes s into characters (an invalid byte is one separator character);
 * returns the count, or (size_t)-1 when out of memory. */
static size_t decode(const char *s, struct snip_char **out)
{
	size_t len = strlen(s), i = 0, n = 0, k;
	struct snip_char *c = malloc((len + 1) * sizeof *c);
	uint32_t cp;

	if (!c)
		return (size_t)-1;
	while (i < len) {
		k = text_utf8_decode(s + i, len - i, &cp);
		c[n].start = i;
		if (k == 0) {
			c[n].len = 1;
			c[n].folded = TEXT_REPLACEMENT;
			c[n].cls = STORE_CJK_SEPARATOR;
		} else {
			c[n].len = k;
			c[n].folded = text_fold(cp);
			c[n].cls = store_cjk_class(cp);
		}
		i += c[n].len;
		n++;
	}
	*out = c;
	return n;
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

char *store_snippet(const char *text, const struct text_list *terms,
		    size_t max_chars)
{
	struct snip_char *c = NULL;
	struct snip_term *t = NULL;
	struct store_buf b = {0};
	size_t n, nterms = terms ? terms->count : 0, i, from = 0, to, hit;
	char *ret = NULL;

	if (!text)
		text = "";
	n = decode(text, &c);
	if (n == (size_t)-1)
		return NULL;
	t = calloc(nterms + 1, sizeof *t);
	if (!t)
		goto out;
	for (i = 0; i < nterms; i++) {
		struct snip_char *tc = NULL;
		size_t tn = decode(terms->items[i], &tc);

		if (tn == (size_t)-1)
			goto out;
		t[i].cps = malloc((tn + 1) * sizeof *t[i].cps);
		if (!t[i].cps) {
			free(tc);
			goto out;
		}
		for (size_t k = 0; k < tn; k++)
			t[i].cps[k] = tc[k].folded;
		t[i].n = tn;
		free(tc);
	}
	/* the window: a quarter of it before the first hit */
	for (hit = 0; hit < n; hit++)
		if (longest_at(c, n, hit, t, nterms) > 0)
			break;
	if (max_chars == 0 || max_chars > n)
		max_chars = n;
	if (hit < n && hit > max_chars / 4)
		from = hit - max_chars / 4;
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
		put_window(&b, text, c, n, from, to, t, nterms);
	if (any_text(c, to, n))
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
	free(c);
	free(b.s);
	return ret;
}
