/*
 * scan.c — the small UTF-8 helpers the page reader leans on: the code point
 * at an index or at the end, prefixes and suffixes, spaces and digits
 * (ASCII or full-width). Every comparison sees Traditional characters as
 * Simplified (text_fold_han), so that one reading serves both scripts. Decoding itself is text_utf8_decode's job.
 */
#include <string.h>

#include "page/reader.h"

uint32_t page_cp(const char *s, size_t len, size_t i, size_t *used)
{
	uint32_t cp = TEXT_REPLACEMENT;
	size_t n = i < len ? text_utf8_decode(s + i, len - i, &cp) : 0;

	if (n == 0) {
		n = i < len ? 1 : 0;
		cp = i < len ? TEXT_REPLACEMENT : 0;
	}
	*used = n;
	/* Traditional text reads as Simplified: 本報訊, 記者, 總工會 */
	return cp >= 0x3400 ? text_fold_han(cp) : cp;
}

/* Whether s[0..n), folded to Simplified, is word[0..n): byte for byte
 * where they agree, and where they do not, a Traditional character of s
 * whose Simplified form is word's there. */
static bool folded_equal(const char *s, const char *word, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp, folded;
		size_t k;
		char enc[4];

		if (s[i] == word[i]) {
			i++;
			continue;
		}
		/* back to the start of the character that differs */
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		if ((unsigned char)s[i] < 0xE3)
			return false; /* not a CJK character: no fold */
		k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return false;
		folded = text_fold_han(cp);
		if (folded == cp || text_utf8_encode(folded, enc) != k ||
		    memcmp(enc, word + i, k) != 0)
			return false;
		i += k;
	}
	return true;
}

uint32_t page_last_cp(const char *s, size_t len, size_t *start)
{
	size_t i = len, used;

	if (len == 0) {
		*start = 0;
		return 0;
	}
	i--;
	while (i > 0 && len - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	*start = i;
	uint32_t cp = page_cp(s, len, i, &used);
	if (i + used != len) { /* a broken tail: the last byte alone */
		*start = len - 1;
		return TEXT_REPLACEMENT;
	}
	return cp;
}

size_t page_chars(const char *s, size_t len)
{
	size_t i = 0, n = 0, used;

	while (i < len) {
		page_cp(s, len, i, &used);
		i += used;
		n++;
	}
	return n;
}

bool page_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

size_t page_skip_spaces(const char *s, size_t len, size_t i)
{
	size_t used;

	while (i < len && page_is_space(page_cp(s, len, i, &used)))
		i += used;
	return i;
}

bool page_starts(const char *s, size_t len, size_t i, const char *prefix)
{
	size_t n = strlen(prefix);

	return i <= len && len - i >= n && folded_equal(s + i, prefix, n);
}

bool page_ends(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && folded_equal(s + len - n, suffix, n);
}

bool page_contains(const char *s, size_t len, const char *word)
{
	for (size_t i = 0; i < len; i++)
		if (page_starts(s, len, i, word))
			return true;
	return false;
}

bool page_is_name(const char *s, size_t len, size_t min, size_t max)
{
	size_t i = 0, used, n = 0;

	while (i < len) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (!text_is_han(cp) && cp != 0xB7 && cp != 0x30FB)
			return false;
		n++;
		i += used;
	}
	return n >= min && n <= max;
}

int page_number(const char *s, size_t len, size_t *i, int *value)
{
	int digits = 0, v = 0;
	size_t j = *i, used;

	while (j < len) {
		uint32_t cp = page_cp(s, len, j, &used);
		int d;

		if (cp >= '0' && cp <= '9')
			d = (int)(cp - '0');
		else if (cp >= 0xFF10 && cp <= 0xFF19)
			d = (int)(cp - 0xFF10);
		else
			break;
		if (v < 100000)
			v = v * 10 + d;
		digits++;
		j += used;
	}
	if (digits) {
		*i = j;
		*value = v;
	}
	return digits;
}
