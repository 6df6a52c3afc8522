/*
 * width.c — how many columns a character takes on the terminal, and which
 * characters must never reach it as they are. Widths come from the table in
 * width_table.h, not from wcwidth, so they do not depend on the locale the
 * process happens to run in.
 */
#include <string.h>

#include "text/text.h"
#include "text/width_table.h"

/* The table's width for cp: 1 unless a range says otherwise. */
static int table_width(uint32_t cp)
{
	size_t lo = 0, hi = sizeof width_ranges / sizeof *width_ranges;

	if (cp < width_ranges[0].first)
		return 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < width_ranges[mid].first)
			hi = mid;
		else if (cp > width_ranges[mid].last)
			lo = mid + 1;
		else
			return width_ranges[mid].width;
	}
	return 1;
}

bool text_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return true;
	switch (cp) {
	case 0x061C: /* Arabic letter mark */
	case 0x200E: /* left-to-right mark */
	case 0x200F: /* right-to-left mark */
	case 0x2028: /* line separator */
	case 0x2029: /* paragraph separator */
	case 0xFEFF: /* byte order mark, zero-width no-break space */
		return true;
	}
	if (cp >= 0x202A && cp <= 0x202E) /* embeddings and overrides */
		return true;
	if (cp >= 0x2066 && cp <= 0x2069) /* isolates */
		return true;
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return true;
	return table_width(cp) < 0;
}

int text_cp_width(uint32_t cp)
{
	if (text_is_unsafe(cp))
		return 1;
	return table_width(cp);
}

int text_width(const char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;
	int width = 0;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cp = TEXT_REPLACEMENT;
			n = 1;
		}
		width += text_cp_width(cp);
		i += n;
	}
	return width;
}
