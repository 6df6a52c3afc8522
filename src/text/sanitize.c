/*
 * sanitize.c — making untrusted text harmless for a terminal. Pages come
 * from anywhere: a pasted escape sequence could set the window title, a
 * carriage return overwrite a row, a right-to-left override turn a line
 * around. Whatever is drawn goes through text_sanitize first, which leaves
 * only characters with a known, non-negative width.
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define TAB_COLUMNS 8

struct buffer {
	char *data;
	size_t length;
	size_t capacity;
};

static int append(struct buffer *b, const char *s, size_t len)
{
	if (b->capacity - b->length < len + 1) {
		size_t capacity = b->capacity ? b->capacity : 64;
		char *data;

		while (capacity - b->length < len + 1) {
			if (capacity > (size_t)-1 / 2)
				return -1;
			capacity *= 2;
		}
		data = realloc(b->data, capacity);
		if (!data)
			return -1;
		b->data = data;
		b->capacity = capacity;
	}
	memcpy(b->data + b->length, s, len);
	b->length += len;
	b->data[b->length] = '\0';
	return 0;
}

char *text_sanitize(const char *s, size_t len, bool keep_newlines)
{
	static const char spaces[TAB_COLUMNS] = "        ";
	struct buffer out = {0};
	size_t i = 0, n, column = 0;
	char encoded[4];
	uint32_t cp;

	if (append(&out, "", 0) < 0)
		return NULL;
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cp = TEXT_REPLACEMENT;
			n = 1;
		}
		/* a CR LF pair is one line break */
		if (cp == '\r' && i + 1 < len && s[i + 1] == '\n') {
			i++;
			continue;
		}
		i += n;
		if (cp == '\t') {
			size_t pad = TAB_COLUMNS - column % TAB_COLUMNS;

			if (append(&out, spaces, pad) < 0)
				goto fail;
			column += pad;
		} else if (cp == '\n' && keep_newlines) {
			if (append(&out, "\n", 1) < 0)
				goto fail;
			column = 0;
		} else if (text_is_unsafe(cp)) {
			if (append(&out, TEXT_UNSAFE_MARK,
				   sizeof TEXT_UNSAFE_MARK - 1) < 0)
				goto fail;
			column++;
		} else {
			if (append(&out, encoded, text_utf8_encode(cp, encoded)) < 0)
				goto fail;
			column += (size_t)text_cp_width(cp);
		}
	}
	return out.data;
fail:
	free(out.data);
	return NULL;
}
