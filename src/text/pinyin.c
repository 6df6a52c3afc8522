/*
 * pinyin.c — names matched by what is typed in pinyin: 湛江 by zj, zhanj,
 * zhanjiang or zjiang; 鹤山 by hs. The readings of each Han character come
 * from pinyin-data's pinyin.txt (data/pinyin/, MIT), tones taken off and ü
 * written v (and u); place names whose characters read otherwise than
 * they mostly do come from place-readings.txt (长沙 is cs, 重庆 cq, 厦门 xm,
 * 六安 la), and where a name holds one its characters are read only so.
 *
 * What is typed matches when a run of the name's characters, one after
 * another, each gives a non-empty beginning of one of its readings, and
 * together they give all that is typed: every character by its initial,
 * by its whole syllable, or by anything between. Letters and digits of the
 * name stand for themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Names longer than this many characters are matched on their first
 * PINYIN_NAME_MAX characters. */
#define PINYIN_NAME_MAX 64
#define PINYIN_TYPED_MAX 64

struct pinyin_char {
	uint32_t cp;
	uint32_t offset; /* into pool: readings, ','-separated, NUL-ended */
};

struct pinyin_word {
	char *word;     /* owned: the name, UTF-8 */
	char *readings; /* owned: one syllable per character, ' '-separated */
};

struct text_pinyin {
	struct pinyin_char *chars; /* owned, sorted by cp */
	size_t n_chars, cap_chars;
	char *pool;                /* owned */
	size_t pool_len, pool_cap;
	struct pinyin_word *words; /* owned */
	size_t n_words, cap_words;
};

void text_pinyin_free(struct text_pinyin *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_words; i++) {
		free(p->words[i].word);
		free(p->words[i].readings);
	}
	free(p->words);
	free(p->chars);
	free(p->pool);
	free(p);
}

/* The toneless ASCII letter of a pinyin letter, 'v' for ü; 0 for a
 * combining mark (dropped), -1 for anything else. */
static int plain_letter(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		char c;
	} marked[] = {
		{0xE0, 'a'}, {0xE1, 'a'}, {0x101, 'a'}, {0x1CE, 'a'},
		{0xE8, 'e'}, {0xE9, 'e'}, {0xEA, 'e'}, {0x113, 'e'},
		{0x11B, 'e'}, {0x1EBF, 'e'}, {0x1EC1, 'e'},
		{0xEC, 'i'}, {0xED, 'i'}, {0x12B, 'i'}, {0x1D0, 'i'},
		{0xF2, 'o'}, {0xF3, 'o'}, {0x14D, 'o'}, {0x1D2, 'o'},
		{0xF9, 'u'}, {0xFA, 'u'}, {0x16B, 'u'}, {0x1D4, 'u'},
		{0xFC, 'v'}, {0x1D6, 'v'}, {0x1D8, 'v'}, {0x1DA, 'v'},
		{0x1DC, 'v'}, {0x144, 'n'}, {0x148, 'n'}, {0x1F9, 'n'},
		{0x1E3F, 'm'},
	};

	if (cp >= 'a' && cp <= 'z')
		return (int)cp;
	if (cp >= 'A' && cp <= 'Z')
		return (int)(cp - 'A' + 'a');
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	for (size_t i = 0; i < sizeof marked / sizeof marked[0]; i++)
		if (marked[i].cp == cp)
			return marked[i].c;
	return -1;
}

static int pool_add(struct text_pinyin *p, const char *s, size_t len)
{
	if (p->pool_len + len + 1 > p->pool_cap) {
		size_t cap = p->pool_cap ? p->pool_cap * 2 : 65536;
		char *pool;

		while (cap < p->pool_len + len + 1)
			cap *= 2;
		pool = realloc(p->pool, cap);
		if (!pool)
			return -1;
		p->pool = pool;
		p->pool_cap = cap;
	}
	memcpy(p->pool + p->pool_len, s, len);
	p->pool_len += len;
	p->pool[p->pool_len] = '\0';
	return 0;
}

/* True when readings (','-separated) already hold syllable s[0..len). */
static bool has_reading(const char *readings, const char *s, size_t len)
{
	const char *r = readings;

	while (*r) {
		size_t n = strcspn(r, ",");

		if (n == len && memcmp(r, s, len) == 0)
			return true;
		r += n;
		if (*r == ',')
			r++;
	}
	return false;
}

/* Reads one line of pinyin.txt, "U+6E5B: zhàn,shēn  # 湛". Lines it
 * cannot read are skipped. Returns 0, or -1 when out of memory. */
static int read_char_line(struct text_pinyin *p, const char *line)
{
	char *end, out[256], syl[16];
	size_t o = 0, k = 0, start = p->pool_len;
	unsigned long cp;
	const char *s;

	if (strncmp(line, "U+", 2) != 0)
		return 0;
	cp = strtoul(line + 2, &end, 16);
	if (*end != ':' || cp > 0x10FFFF)
		return 0;
	s = end + 1;
	out[0] = '\0';
	for (;;) {
		uint32_t c = 0;
		size_t n = text_utf8_decode(s, strlen(s), &c);
		int letter = n ? plain_letter(c) : -1;

		if (letter > 0 && k + 1 < sizeof syl) {
			syl[k++] = (char)letter;
		} else if (letter < 0 || n == 0) {
			/* a syllable ends: add it, and its u form for a v */
			for (int pass = 0; pass < 2 && k > 0; pass++) {
				if (pass == 1) {
					char *v = memchr(syl, 'v', k);

					if (!v)
						break;
					*v = 'u';
				}
				if (!has_reading(out, syl, k) &&
				    o + k + 2 < sizeof out) {
					if (o > 0)
						out[o++] = ',';
					memcpy(out + o, syl, k);
					o += k;
					out[o] = '\0';
				}
			}
			k = 0;
			if (n == 0 || c == '#' || c == '\n')
				break;
		}
		s += n;
	}
	if (o == 0)
		return 0;
	if (p->n_chars == p->cap_chars) {
		size_t cap = p->cap_chars ? p->cap_chars * 2 : 4096;
		struct pinyin_char *c = realloc(p->chars, cap * sizeof *c);

		if (!c)
			return -1;
		p->chars = c;
		p->cap_chars = cap;
	}
	if (pool_add(p, out, o) != 0)
		return -1;
	p->pool_len++; /* keep the NUL */
	p->chars[p->n_chars++] = (struct pinyin_char){(uint32_t)cp,
						       (uint32_t)start};
	return 0;
}

/* Reads one line of place-readings.txt, "长沙 chang sha". */
static int read_word_line(struct text_pinyin *p, const char *line)
{
	const char *sp = strchr(line, ' ');
	size_t len;

	if (line[0] == '#' || !sp || sp == line)
		return 0;
	len = strcspn(sp + 1, "\r\n");
	if (p->n_words == p->cap_words) {
		size_t cap = p->cap_words ? p->cap_words * 2 : 64;
		struct pinyin_word *w = realloc(p->words, cap * sizeof *w);

		if (!w)
			return -1;
		p->words = w;
		p->cap_words = cap;
	}
	p->words[p->n_words].word = strndup(line, (size_t)(sp - line));
	p->words[p->n_words].readings = strndup(sp + 1, len);
	if (!p->words[p->n_words].word || !p->words[p->n_words].readings) {
		free(p->words[p->n_words].word);
		free(p->words[p->n_words].readings);
		return -1;
	}
	p->n_words++;
	return 0;
}

static int by_cp(const void *a, const void *b)
{
	uint32_t x = ((const struct pinyin_char *)a)->cp;
	uint32_t y = ((const struct pinyin_char *)b)->cp;

	return x < y ? -1 : x > y;
}

static int read_file(struct text_pinyin *p, const char *path,
		     int (*line_fn)(struct text_pinyin *, const char *),
		     char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int ret = 0;

	if (!f) {
		snprintf(err, errlen, "%s: cannot read the pinyin readings",
			 path);
		return -1;
	}
	while (fgets(line, sizeof line, f))
		if (line_fn(p, line) != 0) {
			snprintf(err, errlen, "out of memory");
			ret = -1;
			break;
		}
	fclose(f);
	return ret;
}

int text_pinyin_load(const char *readings_path, const char *places_path,
		     struct text_pinyin **out, char *err, size_t errlen)
{
	struct text_pinyin *p = calloc(1, sizeof *p);

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (read_file(p, readings_path, read_char_line, err, errlen) != 0 ||
	    (places_path && read_file(p, places_path, read_word_line, err,
				      errlen) != 0)) {
		text_pinyin_free(p);
		return -1;
	}
	if (p->n_chars == 0) {
		snprintf(err, errlen, "%s: no pinyin readings in it",
			 readings_path);
		text_pinyin_free(p);
		return -1;
	}
	qsort(p->chars, p->n_chars, sizeof *p->chars, by_cp);
	*out = p;
	return 0;
}

static const char *readings_of(const struct text_pinyin *p, uint32_t cp)
{
	size_t lo = 0, hi = p->n_chars;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->chars[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->n_chars && p->chars[lo].cp == cp)
		return p->pool + p->chars[lo].offset;
	return NULL;
}

/* A character of a name as typed: its readings, a span of a pool
 * (','- or ' '-separated words, len bytes), or none. */
struct name_char {
	const char *readings;
	size_t len;
	char self; /* a letter or digit of the name: itself */
};

/* Fills c[] with the readings of the name's characters; returns how many
 * characters. */
static size_t name_readings(const struct text_pinyin *p, const char *name,
			    struct name_char *c)
{
	size_t len = strlen(name), i = 0, n = 0;

	while (i < len && n < PINYIN_NAME_MAX) {
		uint32_t cp;
		size_t k = text_utf8_decode(name + i, len - i, &cp);
		const struct pinyin_word *w = NULL;

		if (k == 0) {
			c[n++] = (struct name_char){NULL, 0, 0};
			i++;
			continue;
		}
		for (size_t j = 0; j < p->n_words; j++) {
			size_t wl = strlen(p->words[j].word);

			if (wl <= len - i && memcmp(name + i, p->words[j].word,
						    wl) == 0 &&
			    (!w || wl > strlen(w->word)))
				w = &p->words[j];
		}
		if (w) { /* one syllable for each character of the place */
			const char *r = w->readings, *wp = w->word;
			size_t wl = strlen(w->word), m = 0;

			while (m < wl && n < PINYIN_NAME_MAX) {
				uint32_t wc;
				size_t wk = text_utf8_decode(wp + m, wl - m, &wc);
				size_t rl;

				if (wk == 0)
					break;
				while (*r == ' ')
					r++;
				rl = strcspn(r, " ");
				c[n++] = (struct name_char){r, rl, 0};
				r += rl;
				m += wk;
			}
			i += m;
			continue;
		}
		cp = text_fold_search(cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			c[n++] = (struct name_char){NULL, 0, (char)cp};
		} else {
			const char *r = readings_of(p, cp);

			c[n++] = (struct name_char){r, r ? strlen(r) : 0, 0};
		}
		i += k;
	}
	return n;
}

bool text_pinyin_match(const struct text_pinyin *p, const char *name,
		       const char *typed)
{
	struct name_char c[PINYIN_NAME_MAX];
	char t[PINYIN_TYPED_MAX];
	/* reach[i][j]: typed[0..j) is given by characters ending before i */
	bool reach[PINYIN_NAME_MAX + 1][PINYIN_TYPED_MAX + 1];
	size_t n, tn = 0;

	if (!p || !name || !typed)
		return false;
	for (const char *s = typed; *s; s++) {
		char ch = *s;

		if (ch == ' ' || ch == '\'')
			continue;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) ||
		    tn == PINYIN_TYPED_MAX)
			return false;
		t[tn++] = ch;
	}
	if (tn == 0)
		return false;
	n = name_readings(p, name, c);
	memset(reach, 0, sizeof reach);
	for (size_t i = 0; i < n; i++) {
		reach[i][0] = true; /* a run may start anywhere */
		for (size_t j = 0; j < tn; j++) {
			if (!reach[i][j])
				continue;
			if (c[i].self) {
				if (t[j] == c[i].self)
					reach[i + 1][j + 1] = true;
				continue;
			}
			/* each reading: every non-empty beginning of it */
			const char *r = c[i].readings, *end = r + c[i].len;

			while (r && r < end) {
				size_t rl = 0;

				while (r + rl < end && r[rl] != ',' &&
				       r[rl] != ' ')
					rl++;
				for (size_t k = 0; k < rl && j + k < tn &&
						   r[k] == t[j + k]; k++)
					reach[i + 1][j + k + 1] = true;
				r += rl + 1;
			}
		}
		if (reach[i + 1][tn])
			return true;
	}
	return false;
}
