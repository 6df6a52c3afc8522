/*
 * json_string.c — a string as a JSON string: quoted, escaped where JSON demands
 * it and where a character would act on a terminal rather than show
 * (controls, C1, bidi controls: text_is_unsafe), which JSON carries as
 * \uXXXX all the same; bytes that are not UTF-8 become U+FFFD. The one
 * JSON string writer of the program: the commands' output and the
 * reader's export both use it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Appends \uXXXX (a surrogate pair above U+FFFF) at out; returns its
 * length. */
static size_t escape(char *out, uint32_t cp)
{
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		return (size_t)sprintf(out, "\\u%04x\\u%04x",
				       0xD800 + (unsigned)(cp >> 10),
				       0xDC00 + (unsigned)(cp & 0x3FF));
	}
	return (size_t)sprintf(out, "\\u%04x", (unsigned)cp);
}

char *text_json_string(const char *s)
{
	size_t len, i = 0, n, used = 0;
	uint32_t cp;
	char *out;

	if (!s)
		return strdup("null");
	len = strlen(s);
	/* at worst 12 bytes (a surrogate pair) for each byte, and quotes */
	out = malloc(len * 12 + 3);
	if (!out)
		return NULL;
	out[used++] = '"';
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* not UTF-8: JSON cannot carry the byte */
			used += escape(out + used, TEXT_REPLACEMENT);
			i++;
			continue;
		}
		switch (cp) {
		case '"':
			memcpy(out + used, "\\\"", 2);
			used += 2;
			break;
		case '\\':
			memcpy(out + used, "\\\\", 2);
			used += 2;
			break;
		case '\n':
			memcpy(out + used, "\\n", 2);
			used += 2;
			break;
		case '\r':
			memcpy(out + used, "\\r", 2);
			used += 2;
			break;
		case '\t':
			memcpy(out + used, "\\t", 2);
			used += 2;
			break;
		default:
			/* controls, C1, bidi controls, separators: escaped,
			 * so that a terminal or an editor showing the JSON
			 * obeys none of them */
			if (text_is_unsafe(cp)) {
				used += escape(out + used, cp);
			} else {
				memcpy(out + used, s + i, n);
				used += n;
			}
		}
		i += n;
	}
	out[used++] = '"';
	out[used] = '\0';
	return out;
}
