/*
 * body.c — an article's body as a reader sees it: the paragraphs the layout
 * broke in mid-sentence (组建 / 宣讲团) mended, photo captions and their
 * credits lifted out (even from the middle of a sentence), the closing
 * author line (李驿宿) kept as names, and editors' trailers (编辑:某某)
 * left out. A paragraph ends where a sentence ends: 。！？… or ! ?,
 * possibly followed by a closing quote or bracket.
 */
#include <stdlib.h>
#include <string.h>

#include "page/reader.h"

static bool is_closer(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F ||
	       cp == 0xFF09 || cp == ')' || cp == 0x300B || cp == '"' ||
	       cp == '\'' || cp == 0x3011;
}

bool page_ends_sentence(const char *s, size_t len)
{
	size_t start;
	uint32_t cp;

	for (;;) {
		cp = page_last_cp(s, len, &start);
		if (cp == 0 || !is_closer(cp))
			break;
		len = start;
	}
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026 ||
	       cp == '!' || cp == '?' || cp == 0xFF0E;
}

bool page_is_caption(const char *s, size_t len)
{
	size_t used;
	uint32_t cp = page_cp(s, len, 0, &used);

	return cp == 0x25A0 || cp == 0x25B2 || cp == 0x25B3 || cp == 0x25C6 ||
	       cp == 0x25A1;
}

bool page_is_credit(const char *s, size_t len)
{
	if (len == 0 || page_chars(s, len) > 30)
		return false;
	if (page_ends(s, len, "供图") || page_ends(s, len, "摄") ||
	    page_ends(s, len, "摄影") || page_starts(s, len, 0, "/") ||
	    page_starts(s, len, 0, "／"))
		return true;
	for (size_t i = 0; i < len; i++)
		if (page_starts(s, len, i, "/摄") || page_starts(s, len, i, "／摄"))
			return true;
	return false;
}

/* One name of an author line: 2 to 4 Han characters (· allowed inside). */
static bool is_name(const char *s, size_t len)
{
	size_t i = 0, used, n = 0;

	while (i < len) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (!text_is_han(cp) && cp != 0xB7 && cp != 0x30FB)
			return false;
		n++;
		i += used;
	}
	return n >= 2 && n <= (len > 12 ? 8 : 4);
}

int page_author_line(const char *s, size_t len, struct text_list *names)
{
	size_t open, close, i, used, start;
	int found = 0;

	if (page_starts(s, len, 0, "("))
		open = 1;
	else if (page_starts(s, len, 0, "（"))
		open = strlen("（");
	else
		return 0;
	if (page_ends(s, len, ")"))
		close = len - 1;
	else if (page_ends(s, len, "）"))
		close = len - strlen("）");
	else
		return 0;
	if (close <= open)
		return 0;
	/* First pass decides, second pass keeps the names. */
	for (int pass = 0; pass < 2; pass++) {
		i = page_skip_spaces(s, close, open);
		while (i < close) {
			start = i;
			while (i < close) {
				uint32_t cp = page_cp(s, close, i, &used);

				if (page_is_space(cp) || cp == 0x3001)
					break;
				i += used;
			}
			if (pass == 0 && !is_name(s + start, i - start))
				return 0;
			if (pass == 0 && ++found > 4)
				return 0;
			if (pass == 1 && names &&
			    text_list_add(names, s + start, i - start) < 0)
				return -1;
			if (i < close && page_cp(s, close, i, &used) == 0x3001)
				i += used;
			i = page_skip_spaces(s, close, i);
		}
		if (found == 0)
			return 0;
	}
	return 1;
}

bool page_is_trailer(const char *s, size_t len)
{
	static const char *const words[] = {
		"本版编辑", "责任编辑", "责任校对", "编辑", "责编", "一审",
		"二审", "三审", "初审", "复审", "终审", "校对", "美编",
		"审核", "审校", "排版", "组版", "签发",
	};
	size_t n, i;

	if (page_chars(s, len) > 60)
		return false;
	static const char *const end_marks[] = {"(完)", "（完）", "【完】"};
	for (i = 0; i < sizeof end_marks / sizeof end_marks[0]; i++)
		if (len == strlen(end_marks[i]) &&
		    memcmp(s, end_marks[i], len) == 0)
			return true; /* the end mark of a wire story */
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		n = strlen(words[i]);
		if (!page_starts(s, len, 0, words[i]))
			continue;
		if (n == len || s[n] == ':' || page_starts(s, len, n, "：") ||
		    page_starts(s, len, n, " ") ||
		    page_starts(s, len, n, "\xE3\x80\x80") || s[n] == '|')
			return true;
	}
	return false;
}

static bool is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static bool is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

int page_join(char **acc, size_t *acc_len, const char *next, size_t len)
{
	size_t start, used, old = *acc ? *acc_len : 0;
	bool space = false;
	char *joined;

	if (*acc && old > 0 && len > 0) {
		uint32_t a = page_last_cp(*acc, old, &start);
		uint32_t b = page_cp(next, len, 0, &used);

		space = (is_latin(a) || is_digit(a)) &&
			(is_latin(b) || is_digit(b)) &&
			!(is_digit(a) && is_digit(b));
	}
	joined = realloc(*acc, old + space + len + 1);
	if (!joined)
		return -1;
	if (space)
		joined[old] = ' ';
	memcpy(joined + old + space, next, len);
	joined[old + space + len] = '\0';
	*acc = joined;
	*acc_len = old + space + len;
	return 0;
}

/* A credit keeps its words; a leading slash (/ 某某工会供图) goes. */
static int add_credit(struct article *a, const char *s, size_t len)
{
	size_t i = 0, used;

	while (i < len) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (cp != '/' && cp != 0xFF0F && !page_is_space(cp))
			break;
		i += used;
	}
	if (i == len)
		i = 0;
	return text_list_add(&a->credits, s + i, len - i);
}

static int flush(struct article *a, char **acc, size_t *acc_len)
{
	int rc = 0;

	if (*acc && *acc_len > 0)
		rc = text_list_add(&a->paragraphs, *acc, *acc_len);
	free(*acc);
	*acc = NULL;
	*acc_len = 0;
	return rc;
}

int page_body(struct article *a, const struct page_line *b, size_t n)
{
	char *acc = NULL;
	size_t acc_len = 0, i, used;
	int rc = -1, author;

	for (i = 0; i < n; i++) {
		const char *s = b[i].text;
		size_t len = b[i].len;

		if (page_is_caption(s, len)) {
			page_cp(s, len, 0, &used);
			used = page_skip_spaces(s, len, used);
			if (used < len &&
			    text_list_add(&a->captions, s + used, len - used) < 0)
				goto out;
			if (i + 1 < n && page_is_credit(b[i + 1].text, b[i + 1].len)) {
				i++;
				if (add_credit(a, b[i].text, b[i].len) < 0)
					goto out;
			}
			continue;
		}
		author = page_author_line(s, len, &a->authors);
		if (author < 0)
			goto out;
		if (author > 0 || page_is_trailer(s, len))
			continue;
		if (page_is_credit(s, len) && !page_ends_sentence(s, len) &&
		    (!acc || page_ends_sentence(acc, acc_len) ||
		     page_ends(s, len, "供图") || page_ends(s, len, "/摄"))) {
			if (add_credit(a, s, len) < 0)
				goto out;
			continue;
		}
		if (page_join(&acc, &acc_len, s, len) < 0)
			goto out;
		if (page_ends_sentence(acc, acc_len) && flush(a, &acc, &acc_len) < 0)
			goto out;
	}
	if (flush(a, &acc, &acc_len) < 0)
		goto out;
	rc = 0;
out:
	free(acc);
	return rc;
}
