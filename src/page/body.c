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

void page_unbracket(const char **s, size_t *len)
{
	static const char *const pairs[][2] = {{"(", ")"}, {"（", "）"},
					       {"[", "]"}, {"【", "】"}};

	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
		size_t a = strlen(pairs[k][0]), b = strlen(pairs[k][1]);

		if (*len > a + b && page_starts(*s, *len, 0, pairs[k][0]) &&
		    page_ends(*s, *len, pairs[k][1])) {
			*s += a;
			*len -= a + b;
			return;
		}
	}
}

bool page_is_credit(const char *s, size_t len)
{
	/* Traditional credits (供圖, 攝, 圖：) match through the fold */
	static const char *const ends[] = {"供图", "摄", "摄影"};
	static const char *const named[] = {"提供", "下同"};
	static const char *const starts[] = {"/", "／", "∕", "图：", "图/",
					     "图∕", "图片："};
	size_t k;

	page_unbracket(&s, &len);
	if (len == 0 || len > 4 * 30 || page_chars(s, len) > 30)
		return false;
	for (k = 0; k < sizeof starts / sizeof *starts; k++)
		if (page_starts(s, len, 0, starts[k]))
			return true;
	for (k = 0; k < sizeof ends / sizeof *ends; k++)
		if (page_ends(s, len, ends[k]))
			return true;
	/* 提供 and 下同 credit a picture only when one is named */
	for (k = 0; k < sizeof named / sizeof *named; k++)
		if (page_ends(s, len, named[k]) &&
		    (page_contains(s, len, "图") || page_contains(s, len, "摄")))
			return true;
	for (size_t i = 0; i < len; i++)
		if (page_starts(s, len, i, "/摄") || page_starts(s, len, i, "／摄") ||
		    page_starts(s, len, i, "摄，") || page_starts(s, len, i, "攝，"))
			return true;
	return false;
}

/* One name of an author line: 2 to 4 Han characters (8 in a long line). */
static bool is_name(const char *s, size_t len)
{
	return page_is_name(s, len, 2, len > 12 ? 8 : 4);
}

int page_author_line(const char *s, size_t len, struct text_list *names)
{
	size_t open, close, i, used, start, role_at, role_end;
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
			if (pass == 0 && (!is_name(s + start, i - start) ||
					  page_role_in(s + start, i - start,
						       &role_at, &role_end)))
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
		"本版编辑", "责任编辑", "责任校对", "实习编辑", "初审编辑",
		"值班编辑", "编辑", "责编", "一审", "二审", "三审", "初审",
		"复审", "终审", "校对", "美编", "审核", "审校", "审稿", "排版",
		"组版", "签发", "编审", "监制", "统筹", "来源", "作者", "供稿",
		"稿件来源", "文字", "编辑整理",
	}; /* Traditional trailers (責任編輯, 來源) match through the fold */
	size_t n, i, outer = len;

	page_unbracket(&s, &len);
	if (len > 4 * 60 || page_chars(s, len) > 60)
		return false;
	/* the end mark of a wire story: (完), 【完】 */
	if (len < outer && len == strlen("完") && memcmp(s, "完", len) == 0)
		return true;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		n = strlen(words[i]);
		if (!page_starts(s, len, 0, words[i]))
			continue;
		if (n == len || s[n] == ':' || page_starts(s, len, n, "：") ||
		    page_starts(s, len, n, " ") || s[n] == '/' ||
		    page_starts(s, len, n, "／") ||
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

/* Whether s[0..len) is a person's name of 2 to 4 Han characters, not an
 * organisation's (绵竹市融媒体中心, 海州区总工会). */
static bool is_person(const char *s, size_t len)
{
	static const char *const orgs[] = {"会", "中心", "社", "台", "网",
					   "部", "局", "委", "办", "站", "报"};

	if (!is_name(s, len) || page_chars(s, len) > 4)
		return false;
	for (size_t k = 0; k < sizeof orgs / sizeof *orgs; k++)
		if (page_ends(s, len, orgs[k]))
			return false;
	return true;
}

static bool is_field_space(uint32_t cp)
{
	return page_is_space(cp) || cp == ':' || cp == 0xFF1A;
}

/* Adds the person a field names after label (作者：李柔 文/图; 供稿：桐梓县
 * 总工会　昌德奇: the last name that is a person's). */
static int field_person(struct article *a, const char *s, size_t len,
			const char *label)
{
	size_t i, used, start, best = 0, best_len = 0;

	for (i = 0; i + strlen(label) <= len; i++)
		if (page_starts(s, len, i, label))
			break;
	if (i + strlen(label) > len)
		return 0;
	i += strlen(label);
	if (i >= len || !is_field_space(page_cp(s, len, i, &used)))
		return 0;
	while (i < len) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (is_field_space(cp)) {
			i += used;
			continue;
		}
		start = i;
		while (i < len) {
			cp = page_cp(s, len, i, &used);
			if (is_field_space(cp) || cp == '/' || cp == 0xFF0F)
				break;
			i += used;
		}
		/* a token before a colon is the next field's label */
		if (i < len && (s[i] == ':' || page_starts(s, len, i, "：")))
			break;
		if (is_person(s + start, i - start)) {
			best = start;
			best_len = i - start;
		}
		/* a field ends where the next label starts (浏览次数：) */
		if (i < len && page_cp(s, len, i, &used) != 0x3000 &&
		    strcmp(label, "供稿") != 0)
			break;
		while (i < len && !is_field_space(page_cp(s, len, i, &used)))
			i += used;
	}
	if (best_len == 0)
		return 0;
	for (size_t k = 0; k < a->authors.count; k++)
		if (strlen(a->authors.items[k]) == best_len &&
		    memcmp(a->authors.items[k], s + best, best_len) == 0)
			return 0;
	return text_list_add(&a->authors, s + best, best_len);
}

int page_site_fields(struct article *a, const char *s, size_t len)
{
	const char *inner = s;
	size_t inner_len = len;

	page_unbracket(&inner, &inner_len);
	if (field_person(a, inner, inner_len, "作者") < 0 ||
	    field_person(a, inner, inner_len, "供稿") < 0)
		return -1;
	return 0;
}

/* A bracket of the writer: (文 A), (文/A), (文/图 A B). Appends the names
 * to names when not NULL. Returns 1, 0 when it is none, -1 out of memory. */
static int writer_line(const char *s, size_t len, struct text_list *names)
{
	static const char *const marks[] = {"文/图", "文／图", "图/文", "文图",
					    "文/", "文／", "文"};
	const char *inner = s;
	size_t inner_len = len, k, i, used, start;
	int found = 0;

	page_unbracket(&inner, &inner_len);
	if (inner_len == len)
		return 0;
	for (k = 0; k < sizeof marks / sizeof *marks; k++)
		if (page_starts(inner, inner_len, 0, marks[k]))
			break;
	if (k == sizeof marks / sizeof *marks)
		return 0;
	i = strlen(marks[k]);
	if (i < inner_len && !page_is_space(page_cp(inner, inner_len, i, &used)) &&
	    !page_ends(marks[k], strlen(marks[k]), "/") &&
	    !page_ends(marks[k], strlen(marks[k]), "／"))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		i = page_skip_spaces(inner, inner_len, strlen(marks[k]));
		found = 0;
		while (i < inner_len) {
			start = i;
			while (i < inner_len) {
				uint32_t cp = page_cp(inner, inner_len, i, &used);

				if (page_is_space(cp) || cp == 0x3001)
					break;
				i += used;
			}
			if (pass == 0 && !is_person(inner + start, i - start))
				return 0;
			if (pass == 1 && names &&
			    text_list_add(names, inner + start, i - start) < 0)
				return -1;
			found++;
			while (i < inner_len &&
			       (page_is_space(page_cp(inner, inner_len, i, &used)) ||
				page_cp(inner, inner_len, i, &used) == 0x3001))
				i += used;
		}
		if (found == 0)
			return 0;
	}
	return 1;
}

/* A bracketed byline with roles: (通讯员 A 记者 B). Reads its names into
 * the reporters when it is one. Returns 1, 0 or -1 (out of memory). */
static int closing_byline(struct article *a, const char *s, size_t len)
{
	const char *inner = s;
	size_t inner_len = len;

	page_unbracket(&inner, &inner_len);
	if (inner_len == len || !page_is_byline_line(inner, inner_len))
		return 0;
	return page_bylines_parse(inner, inner_len, &a->reporters,
				  &a->n_reporters) < 0 ? -1 : 1;
}

/* A closing line of names, roles or the writer: authors or reporters. */
static int closing_line(struct article *a, const char *s, size_t len)
{
	int rc = page_author_line(s, len, &a->authors);

	if (rc == 0)
		rc = closing_byline(a, s, len);
	if (rc == 0)
		rc = writer_line(s, len, &a->authors);
	return rc;
}

/* An author's name run into the last paragraph: …。(陈某), …温暖。汪某,
 * …。张某、李某. Lifts it out of the paragraph. Returns 0 or -1. */
static int run_in_author(struct article *a)
{
	char *p;
	size_t len, i, used, cut = 0;
	int rc;

	if (a->paragraphs.count == 0)
		return 0;
	p = a->paragraphs.items[a->paragraphs.count - 1];
	len = strlen(p);
	if (page_ends(p, len, ")") || page_ends(p, len, "）")) {
		/* the bracket that closes the paragraph */
		for (i = 0; i < len; i += used) {
			uint32_t cp = page_cp(p, len, i, &used);

			if (cp == '(' || cp == 0xFF08)
				cut = i;
		}
		if (cut == 0 || !page_ends_sentence(p, cut))
			return 0;
		rc = closing_line(a, p + cut, len - cut);
		if (rc <= 0)
			return rc;
		p[cut] = '\0';
		return 0;
	}
	/* a name or two after the last full stop */
	for (i = 0, cut = 0; i < len; i += used) {
		uint32_t cp = page_cp(p, len, i, &used);

		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
		    cp == 0x201D)
			cut = i + used;
	}
	if (cut == 0 || cut == len || page_chars(p + cut, len - cut) > 13)
		return 0;
	/* first every name is checked, then every name is kept */
	for (int pass = 0; pass < 2; pass++) {
		for (i = cut; i < len;) {
			size_t start = i;

			while (i < len && page_cp(p, len, i, &used) != 0x3001 &&
			       !page_is_space(page_cp(p, len, i, &used)))
				i += used;
			if (pass == 0 && !is_person(p + start, i - start))
				return 0;
			if (pass == 1 &&
			    text_list_add(&a->authors, p + start, i - start) < 0)
				return -1;
			while (i < len &&
			       (page_cp(p, len, i, &used) == 0x3001 ||
				page_is_space(page_cp(p, len, i, &used))))
				i += used;
		}
	}
	p[cut] = '\0';
	return 0;
}

/* A crosshead: a heading set apart between paragraphs, by blank lines, by
 * the indentation that opens a paragraph (its own and the next's), or on a
 * wrapped page by standing short above an indented paragraph. */
static bool is_crosshead(const struct page_line *b, size_t n, size_t i)
{
	if (i + 1 >= n || !page_is_heading(b[i].text, b[i].len) ||
	    page_is_caption(b[i + 1].text, b[i + 1].len))
		return false;
	return (b[i].blank_before && b[i + 1].blank_before) ||
	       (b[i].indented && b[i + 1].indented) ||
	       (!b[i].indented && b[i + 1].indented && b[i].short_end);
}

int page_body(struct article *a, const struct page_line *b, size_t n)
{
	char *acc = NULL;
	size_t acc_len = 0, i, used;
	int rc = -1, closing;

	for (i = 0; i < n; i++) {
		const char *s = b[i].text;
		size_t len = b[i].len;

		if (page_is_break(s, len) || page_is_furniture(s, len) ||
		    page_is_section_mark(s, len))
			continue;
		if (page_is_caption(s, len)) {
			page_cp(s, len, 0, &used);
			used = page_skip_spaces(s, len, used);
			if (page_is_credit(s + used, len - used)) {
				if (add_credit(a, s + used, len - used) < 0)
					goto out;
				continue;
			}
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
		closing = page_is_credit(s, len) && !page_ends_sentence(s, len)
				  ? 0
				  : closing_line(a, s, len);
		if (closing < 0)
			goto out;
		if (closing > 0)
			continue;
		if (page_is_meta(s, len) || page_is_trailer(s, len)) {
			if (page_site_fields(a, s, len) < 0)
				goto out;
			continue;
		}
		if (page_is_byline_line(s, len)) {
			if (page_bylines_parse(s, len, &a->reporters,
					       &a->n_reporters) < 0)
				goto out;
			continue;
		}
		if (page_is_credit(s, len) && !page_ends_sentence(s, len) &&
		    (!acc || page_ends_sentence(acc, acc_len) ||
		     page_ends(s, len, "供图") || page_ends(s, len, "/摄"))) {
			if (add_credit(a, s, len) < 0)
				goto out;
			continue;
		}
		if (page_join(&acc, &acc_len, s, len) < 0)
			goto out;
		/* A crosshead, a heading on its own between paragraphs, is a
		 * paragraph of its own too. */
		if ((page_ends_sentence(acc, acc_len) ||
		     (acc_len == len && is_crosshead(b, n, i))) &&
		    flush(a, &acc, &acc_len) < 0)
			goto out;
	}
	if (flush(a, &acc, &acc_len) < 0 || run_in_author(a) < 0)
		goto out;
	rc = 0;
out:
	free(acc);
	return rc;
}
