/*
 * utf8.c — strict UTF-8: decoding and encoding one code point, validating a
 * buffer, and cutting a prefix on a character boundary. Strict means the
 * forms RFC 3629 allows and nothing else: no overlong encodings, no
 * surrogates, nothing above U+10FFFF, no 5- or 6-byte sequences. Every other
 * part relies on these functions to tell text from bytes, because iconv
 * does not (it passes code points above U+10FFFF through).
 */
#include "text/text.h"

/* The bytes a sequence starting with lead byte b must have in total, or 0 for
 * a byte that cannot start one (continuation bytes, C0, C1, F5–FF). */
static size_t sequence_length(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	return 0;
}

size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;
	uint32_t c;

	if (len == 0)
		return 0;
	n = sequence_length(u[0]);
	if (n == 0 || n > len)
		return 0;
	if (n == 1) {
		*cp = u[0];
		return 1;
	}
	/* The second byte's range is narrower after E0, ED, F0 and F4: this
	 * excludes overlong forms, surrogates and values above U+10FFFF. */
	switch (u[0]) {
	case 0xE0:
		if (u[1] < 0xA0 || u[1] > 0xBF)
			return 0;
		break;
	case 0xED:
		if (u[1] < 0x80 || u[1] > 0x9F)
			return 0;
		break;
	case 0xF0:
		if (u[1] < 0x90 || u[1] > 0xBF)
			return 0;
		break;
	case 0xF4:
		if (u[1] < 0x80 || u[1] > 0x8F)
			return 0;
		break;
	default:
		if ((u[1] & 0xC0) != 0x80)
			return 0;
	}
	c = u[0] & (0xFF >> (n + 1));
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return n;
}

size_t text_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		o[0] = (unsigned char)(0xF0 | (cp >> 18));
		o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

bool text_utf8_valid(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* An invalid byte counts as one character of one byte, so that a prefix of
 * damaged text still advances. */
size_t text_utf8_prefix(const char *s, size_t len, size_t max_chars)
{
	size_t i = 0, chars = 0, n;
	uint32_t cp;

	while (i < len && chars < max_chars) {
		n = text_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		chars++;
	}
	return i;
}
