/*
 * fold.c — folding text for matching: full-width ASCII forms to ASCII, the
 * ideographic space to a space, ASCII letters to lower case, so that a
 * search for "ABC" finds "ａｂｃ" and "abc"; and Traditional characters to
 * Simplified (ts_table.h), so that 本報訊 and 總工會 read as 本报讯 and
 * 总工会, and search finds either in either. Invalid bytes are copied as
 * they are: folding never changes what is not a character.
 *
 * Built with BULLETIN_BENCH_NO_FOLD (the benchmark's second program, see
 * the Makefile's bench), Traditional characters are left as they are and
 * nothing is looked up: `make bench` times the same import and searches
 * with and without the fold, to say what the fold costs.
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "text/ts_table.h"

uint32_t text_fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp = cp - 0xFF01 + 0x21;
	else if (cp == 0x3000)
		cp = ' ';
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

/* Folding never lengthens a character (3 bytes become 1 at most), so the
 * copy needs no more room than the input. */
char *text_fold_string(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = malloc(len + 1);
	uint32_t cp;

	if (!out)
		return NULL;
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			out[o++] = s[i++];
			continue;
		}
		o += text_utf8_encode(text_fold(cp), out + o);
		i += n;
	}
	out[o] = '\0';
	return out;
}

#ifdef BULLETIN_BENCH_NO_FOLD
uint32_t text_fold_han(uint32_t cp)
{
	return cp;
}
#else
uint32_t text_fold_han(uint32_t cp)
{
	size_t lo = 0, hi = sizeof ts_pairs / sizeof ts_pairs[0];

	if (cp < ts_pairs[0].traditional ||
	    (cp < 0x10000 && !(ts_has[cp >> 3] & (1u << (cp & 7)))))
		return cp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ts_pairs[mid].traditional < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sizeof ts_pairs / sizeof ts_pairs[0] &&
		       ts_pairs[lo].traditional == cp
		       ? ts_pairs[lo].simplified
		       : cp;
}
#endif

bool text_fold_han_bytes(char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	bool changed = false;

#ifdef BULLETIN_BENCH_NO_FOLD
	len = 0;
#endif
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		uint32_t folded = text_fold_han(cp);

		if (folded != cp) { /* the table keeps lengths */
			text_utf8_encode(folded, s + i);
			changed = true;
		}
		i += n;
	}
	return changed;
}

uint32_t text_fold_search(uint32_t cp)
{
#ifdef BULLETIN_BENCH_NO_FOLD
	return text_fold(cp);
#else
	return text_fold_han(text_fold(cp));
#endif
}

size_t text_folded_prefix(const char *s, size_t len, const char *term)
{
	size_t i = 0, k = 0, tlen = strlen(term), n, m;
	uint32_t a, b;

	if (tlen == 0)
		return 0;
	while (k < tlen) {
		if (i >= len)
			return 0;
		n = text_utf8_decode(s + i, len - i, &a);
		m = text_utf8_decode(term + k, tlen - k, &b);
		if (n == 0 || m == 0) {
			if (n != m || s[i] != term[k])
				return 0;
			i++;
			k++;
			continue;
		}
		if (a != b && text_fold_search(a) != text_fold_search(b))
			return 0;
		i += n;
		k += m;
	}
	return i;
}

size_t text_fold_han_sources(uint32_t cp, uint32_t *out, size_t max)
{
	size_t count = 0;

	if (max > 0)
		out[0] = cp;
	count++;
#ifdef BULLETIN_BENCH_NO_FOLD
	return count;
#endif
	for (size_t i = 0; i < sizeof ts_pairs / sizeof ts_pairs[0]; i++)
		if (ts_pairs[i].simplified == cp) {
			if (count < max)
				out[count] = ts_pairs[i].traditional;
			count++;
		}
	return count;
}

bool text_fold_han_changes(const char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;

#ifdef BULLETIN_BENCH_NO_FOLD
	len = 0;
#endif
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (text_fold_han(cp) != cp)
			return true;
		i += n;
	}
	return false;
}
