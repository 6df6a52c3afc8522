/*
 * wrap.c — breaking text into lines of a given display width with the rules
 * of Chinese typesetting: a line may break between any two Han characters,
 * but no line starts with closing punctuation (，。”）…) and none ends with
 * opening punctuation (“（《). Latin words and numbers stay whole when they
 * fit on a line and are broken only when longer than one. Spaces where a
 * line breaks are dropped.
 *
 * The text of a paragraph is cut into atoms: one character (with the
 * combining marks that follow it) or a run of spaces. Lines are filled
 * greedily; when the next atom does not fit, the line ends at the last
 * place before it where a break is allowed, or, when the rules allow none,
 * right there: a line never grows wider than asked.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

struct atom {
	size_t start, end; /* bytes of the atom in the string */
	int width;
	bool space;   /* a run of spaces */
	bool joined;  /* part of the same word as the atom before */
	bool opens;   /* opening punctuation: no break after it */
	bool closes;  /* closing punctuation: no break before it */
};

static bool is_closing(uint32_t cp)
{
	static const uint32_t closing[] = {
		',', '.', ';', ':', '?', '!', ')', ']', '}',
		0x2019, /* ’ */ 0x201D, /* ” */ 0x2026, /* … */
		0x3001, /* 、 */ 0x3002, /* 。 */ 0x3009, /* 〉 */
		0x300B, /* 》 */ 0x300D, /* 」 */ 0x300F, /* 』 */
		0x3011, /* 】 */ 0x3015, /* 〕 */ 0x3017, /* 〗 */
		0xFF01, /* ！ */ 0xFF09, /* ） */ 0xFF0C, /* ， */
		0xFF0E, /* ． */ 0xFF1A, /* ： */ 0xFF1B, /* ； */
		0xFF1F, /* ？ */ 0xFF3D, /* ］ */ 0xFF5D, /* ｝ */
	};
	size_t i;

	for (i = 0; i < sizeof closing / sizeof *closing; i++)
		if (closing[i] == cp)
			return true;
	return false;
}

static bool is_opening(uint32_t cp)
{
	static const uint32_t opening[] = {
		'(', '[', '{',
		0x2018, /* ‘ */ 0x201C, /* “ */ 0x3008, /* 〈 */
		0x300A, /* 《 */ 0x300C, /* 「 */ 0x300E, /* 『 */
		0x3010, /* 【 */ 0x3014, /* 〔 */ 0x3016, /* 〖 */
		0xFF08, /* （ */ 0xFF3B, /* ［ */ 0xFF5B, /* ｛ */
	};
	size_t i;

	for (i = 0; i < sizeof opening / sizeof *opening; i++)
		if (opening[i] == cp)
			return true;
	return false;
}

/* Whether a character belongs to a word that must not be cut: narrow
 * characters other than spaces (Latin letters, digits, half-width signs),
 * but not the narrow punctuation of Chinese text (“ ” ‘ ’ … —), which
 * the punctuation rules alone govern. */
static bool in_word(uint32_t cp, int width)
{
	return width == 1 && cp != ' ' && !(cp >= 0x2010 && cp <= 0x206F);
}

/* Cuts s[start..end) into atoms (atoms has room for end - start). Returns
 * the number of atoms. */
static size_t cut_atoms(const char *s, size_t start, size_t end, int width,
			struct atom *atoms)
{
	size_t count = 0, i = start, n, word;
	bool last_in_word = false;
	uint32_t cp;

	while (i < end) {
		struct atom *a;
		int w;

		n = text_utf8_decode(s + i, end - i, &cp);
		if (n == 0) {
			cp = TEXT_REPLACEMENT;
			n = 1;
		}
		w = text_cp_width(cp);
		if (cp == ' ' && count > 0 && atoms[count - 1].space) {
			atoms[count - 1].end = i + n;
			atoms[count - 1].width++;
			i += n;
			continue;
		}
		if (w == 0 && count > 0 && !atoms[count - 1].space) {
			atoms[count - 1].end = i + n; /* a combining mark */
			i += n;
			continue;
		}
		a = &atoms[count++];
		a->start = i;
		a->end = i + n;
		a->width = w;
		a->space = cp == ' ';
		a->joined = last_in_word && in_word(cp, w);
		a->opens = is_opening(cp);
		a->closes = is_closing(cp);
		last_in_word = in_word(cp, w);
		i += n;
	}
	/* a word longer than a line may break anywhere */
	for (i = 0; i < count; i = word) {
		int total = atoms[i].width;

		for (word = i + 1; word < count && atoms[word].joined; word++)
			total += atoms[word].width;
		if (total > width)
			for (n = i + 1; n < word; n++)
				atoms[n].joined = false;
	}
	return count;
}

/* May a line end before atoms[p] (p > 0)? */
static bool break_allowed(const struct atom *atoms, size_t p)
{
	if (atoms[p].space || atoms[p - 1].space)
		return true;
	return !atoms[p].joined && !atoms[p].closes && !atoms[p - 1].opens;
}

struct lines {
	struct text_line *items;
	size_t count;
	size_t capacity;
};

static int add_line(struct lines *lines, size_t offset, size_t length, int width)
{
	if (lines->count == lines->capacity) {
		size_t capacity = lines->capacity ? lines->capacity * 2 : 16;
		struct text_line *items =
			realloc(lines->items, capacity * sizeof *items);

		if (!items)
			return -1;
		lines->items = items;
		lines->capacity = capacity;
	}
	lines->items[lines->count].offset = offset;
	lines->items[lines->count].length = length;
	lines->items[lines->count].width = width;
	lines->count++;
	return 0;
}

/* Adds the line of atoms[first..end), trailing spaces dropped. */
static int add_atoms(struct lines *lines, const struct atom *atoms,
		     size_t first, size_t end, size_t paragraph)
{
	int width = 0;
	size_t i;

	while (end > first && atoms[end - 1].space)
		end--;
	if (end == first) /* a paragraph's indentation alone */
		return add_line(lines, paragraph, 0, 0);
	for (i = first; i < end; i++)
		width += atoms[i].width;
	return add_line(lines, atoms[first].start,
			atoms[end - 1].end - atoms[first].start, width);
}

/* Wraps one paragraph (no newline inside) of `count` atoms. */
static int wrap_paragraph(struct lines *lines, const struct atom *atoms,
			  size_t count, int width, size_t paragraph)
{
	size_t i = 0, k, p, end;
	int used;

	if (count == 0)
		return add_line(lines, paragraph, 0, 0);
	while (i < count) {
		for (k = i, used = 0; k < count && used + atoms[k].width <= width; k++)
			used += atoms[k].width;
		if (k == count)
			return add_atoms(lines, atoms, i, count, paragraph);
		if (k == i)
			k = i + 1; /* wider than a line: cannot happen for width >= 2 */
		end = k;
		for (p = k; p > i; p--) {
			if (break_allowed(atoms, p)) {
				end = p;
				break;
			}
		}
		if (add_atoms(lines, atoms, i, end, paragraph) < 0)
			return -1;
		for (i = end; i < count && atoms[i].space; i++)
			;
	}
	return 0;
}

int text_wrap(const char *s, int width, struct text_line **lines_out)
{
	struct lines lines = {0};
	struct atom *atoms = NULL;
	size_t len = strlen(s), start = 0, end, count;
	int status = -1;

	if (width < 2)
		width = 2;
	atoms = malloc((len ? len : 1) * sizeof *atoms);
	if (!atoms)
		goto out;
	while (start < len) {
		const char *newline = memchr(s + start, '\n', len - start);

		end = newline ? (size_t)(newline - s) : len;
		/* a carriage return before the newline is part of the break */
		count = cut_atoms(s, start,
				  end > start && s[end - 1] == '\r' ? end - 1 : end,
				  width, atoms);
		if (wrap_paragraph(&lines, atoms, count, width, start) < 0)
			goto out;
		start = end + 1;
	}
	if (lines.count > (size_t)INT_MAX)
		goto out;
	*lines_out = lines.items;
	lines.items = NULL;
	status = (int)lines.count;
out:
	free(lines.items);
	free(atoms);
	return status;
}
