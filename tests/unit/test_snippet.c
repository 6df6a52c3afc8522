/*
 * test_snippet.c — snippets for search results: hits marked with folded
 * matching and the word rule of the tokenizer, cuts on character
 * boundaries with "…", blanks collapsed, unsafe characters sanitised, and
 * valid UTF-8 whatever the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store_impl.h"
#include "text/text.h"

#define O STORE_HIT_OPEN
#define C STORE_HIT_CLOSE

struct snippet_case {
	const char *text;
	const char *terms; /* joined by '|', "" for none */
	size_t max;
	const char *snippet;
};

static const struct snippet_case cases[] = {
	{"全市工会开展培训", "工会", 100, "全市" O "工会" C "开展培训"},
	{"全市工会开展培训", "", 100, "全市工会开展培训"},
	{"全市工会开展培训", "驿站", 4, "全市工会…"},
	{"", "工会", 10, ""},
	{"ＣＰＲ 应急 CPRS cpr.", "cpr", 100,
	 O "ＣＰＲ" C " 应急 CPRS " O "cpr" C "."},
	{"工会工会", "工会", 100, O "工会" C O "工会" C},
	{"工会开展", "工会|会开", 100, O "工会" C "开展"},
	{"工会开展", "会|工会开", 100, O "工会开" C "展"},
	{"第一段\n\n第二段\t 完", "段", 100,
	 "第一" O "段" C " 第二" O "段" C " 完"},
	{"  \n开头", "", 100, "开头"},
	{"结尾 \n", "", 100, "结尾"},
	{"a\x1b[31mb 工会", "工会", 100, "a" TEXT_UNSAFE_MARK "[31mb " O "工会" C},
	{"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸工会子丑寅卯辰巳午未申酉", "工会",
	 8, "…壬癸" O "工会" C "子丑寅卯…"},
	{"工会在前面然后还有很多字", "工会", 4, O "工会" C "在前…"},
	{"很多字然后最后是工会", "工会", 4, "…后是" O "工会" C},
	{"A1 a1 ａ１", "A1", 100, O "A1" C " " O "a1" C " " O "ａ１" C},
	{"2023年 12023", "2023", 100, O "2023" C "年 12023"},
	{"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸工会", "工会", 4,
	 "…壬癸" O "工会" C},
	{"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸工会", "驿站", 4, "一二三四…"},
	{"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸工会", "", 4, "一二三四…"},
	{"工会开展 \n\t\u3000 \r\n", "工会", 4, O "工会" C "开展"},
	{"工会开展 \n\t\u3000 \r\xFF", "工会", 4, O "工会" C "开展…"},
};

static void split_terms(const char *s, struct text_list *terms)
{
	const char *p = s, *bar;

	while (*p) {
		bar = strchr(p, '|');
		if (!bar)
			bar = p + strlen(p);
		assert_int_equal(text_list_add(terms, p, (size_t)(bar - p)), 0);
		p = *bar ? bar + 1 : bar;
	}
}

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct text_list terms = {NULL, 0, 0};
		char *got;

		split_terms(cases[i].terms, &terms);
		got = store_snippet(cases[i].text, &terms, cases[i].max);
		text_list_free(&terms);
		assert_non_null(got);
		if (strcmp(got, cases[i].snippet) != 0)
			fail_msg("'%s' / %s / %zu gives\n  '%s'\nexpected\n  '%s'",
				 cases[i].text, cases[i].terms, cases[i].max, got,
				 cases[i].snippet);
		free(got);
	}
}

/* A text or snippet built piece by piece. */
struct piece_buf {
	char s[65536];
	size_t len;
};

static void add_repeated(struct piece_buf *b, const char *s, size_t count)
{
	size_t n = strlen(s);

	while (count-- > 0) {
		assert_true(b->len + n < sizeof b->s);
		memcpy(b->s + b->len, s, n);
		b->len += n;
	}
	b->s[b->len] = '\0';
}

static void add(struct piece_buf *b, const char *s)
{
	add_repeated(b, s, 1);
}

static void copy(struct piece_buf *to, const struct piece_buf *from)
{
	memcpy(to->s, from->s, from->len + 1);
	to->len = from->len;
}

static void check_snippet(const char *text, const char *terms_joined,
			  size_t max, const char *want)
{
	struct text_list terms = {NULL, 0, 0};
	char *got;

	split_terms(terms_joined, &terms);
	got = store_snippet(text, &terms, max);
	text_list_free(&terms);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("%zu bytes / %s / %zu gives\n  '%s'\nexpected\n  '%s'",
			 strlen(text), terms_joined, max, got, want);
	free(got);
}

/* Long texts, where the snippet decodes only the characters it needs:
 * the window and the "…" after it must be what the whole text gives. */
static void test_long(void **state)
{
	static struct piece_buf text, want, base, cut;
	const char *const blanks[] = {" ", "\n", "\t", "\u3000", "\r"};

	(void)state;
	/* the hit at the very end: the window ends there */
	text.len = want.len = 0;
	add_repeated(&text, "字", 400);
	add(&text, "工会");
	add(&want, "…");
	add_repeated(&want, "字", 78);
	add(&want, O "工会" C);
	check_snippet(text.s, "工会", 80, want.s);

	/* the hit 30 characters before the end: the window is the last 80 */
	add_repeated(&text, "字", 30);
	want.len = 0;
	add(&want, "…");
	add_repeated(&want, "字", 48);
	add(&want, O "工会" C);
	add_repeated(&want, "字", 30);
	check_snippet(text.s, "工会", 80, want.s);

	/* the window, 20 before the hit and 58 after, ends with the text */
	text.len = want.len = 0;
	add_repeated(&text, "字", 100);
	add(&text, "工会");
	add_repeated(&text, "字", 58);
	add(&want, "…");
	add_repeated(&want, "字", 20);
	add(&want, O "工会" C);
	add_repeated(&want, "字", 58);
	check_snippet(text.s, "工会", 80, want.s);
	copy(&base, &text);
	copy(&cut, &want);
	add(&cut, "…");

	/* ... and when only blanks follow it there is nothing more to show */
	for (size_t j = 0; j < 100; j++)
		add(&text, blanks[j % 5]);
	check_snippet(text.s, "工会", 80, want.s);

	/* ... but an invalid byte, a cut character or a letter after the
	 * blanks is text, wherever decoding stopped */
	for (size_t gap = 0; gap < 100; gap++) {
		static const struct {
			const char *after;
			bool blanks_follow, is_text;
		} tails[] = {
			{"\u3000", true, false}, {"x", false, true},
			{"x", true, true}, {"\xFF", false, true},
			{"\xFF", true, true}, {"\xE5\xB7", false, true},
		};

		for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
			copy(&text, &base);
			for (size_t j = 0; j < gap; j++)
				add(&text, blanks[j % 5]);
			add(&text, tails[k].after);
			if (tails[k].blanks_follow)
				add_repeated(&text, " ", 60);
			check_snippet(text.s, "工会", 80,
				      tails[k].is_text ? cut.s : want.s);
		}
	}

	/* one character more: cut after the window */
	copy(&text, &base);
	add(&text, "字");
	check_snippet(text.s, "工会", 80, cut.s);

	/* no hit, or no term: the start of the text */
	text.len = want.len = 0;
	add_repeated(&text, "字", 1000);
	add_repeated(&want, "字", 80);
	add(&want, "…");
	check_snippet(text.s, "工会", 80, want.s);
	check_snippet(text.s, "", 80, want.s);

	/* no limit: the whole text */
	add(&text, "工会");
	want.len = 0;
	add_repeated(&want, "字", 1000);
	add(&want, O "工会" C);
	check_snippet(text.s, "工会", 0, want.s);

	/* a hit found in the window needs the character after it: "ab" is
	 * no hit at the window's end in "abc", and is one, cut, in "ab-" */
	text.len = want.len = 0;
	add_repeated(&text, "字", 100);
	add(&text, "ab");
	add_repeated(&text, "字", 147);
	add(&text, "abc");
	add_repeated(&text, "字", 100);
	add(&want, "…");
	add_repeated(&want, "字", 50);
	add(&want, O "ab" C);
	add_repeated(&want, "字", 147);
	add(&want, "a…");
	check_snippet(text.s, "ab", 200, want.s);
	text.s[text.len - 300 - 1] = '-';
	want.len -= strlen("a…");
	add(&want, O "a" C "…");
	check_snippet(text.s, "ab", 200, want.s);

	/* blanks at the window's end are dropped, the text after them not */
	text.len = want.len = 0;
	add(&text, "工会");
	add_repeated(&text, "字", 76);
	add(&text, "  ");
	add_repeated(&text, "字", 500);
	add(&want, O "工会" C);
	add_repeated(&want, "字", 76);
	add(&want, "…");
	check_snippet(text.s, "工会", 80, want.s);
}

/* Filler characters of 1 to 4 bytes: no letter, digit or blank, and none
 * in a term below. */
static const char *const fillers[] = {"-", "§", "字", "𠀀"};

/* The characters of s, at most max. */
static size_t split_chars(const char *s, const char **chars, size_t *lens,
			  size_t max)
{
	size_t len = strlen(s), i = 0, n = 0, k;
	uint32_t cp;

	while (i < len) {
		k = text_utf8_decode(s + i, len - i, &cp);
		assert_true(k > 0 && n < max);
		chars[n] = s + i;
		lens[n++] = k;
		i += k;
	}
	return n;
}

/* The text: p fillers, lead (no hit), the hit, q fillers, the k-th
 * character being fillers[k % 4] outside lead and hit. The snippet, by
 * the rule: max characters (all when max is 0 or more than the text), a
 * quarter of max before the hit, but ending with the text when the hit is
 * too near its end for that; "…" for text before or after; the hit marked,
 * cut by the window's end, unmarked when the window starts inside it. */
static void check_around(const char *terms, const char *lead, const char *hit,
			 size_t p, size_t q, size_t max)
{
	static struct piece_buf text, want;
	const char *chars[2048];
	size_t lens[2048], nlead, nhit, total, at, width, from, to, k;

	text.len = want.len = 0;
	for (k = 0; k < p; k++)
		add(&text, fillers[k % 4]);
	nlead = split_chars(lead, chars, lens, 2048);
	nhit = split_chars(hit, chars + nlead, lens + nlead, 2048 - nlead);
	add(&text, lead);
	add(&text, hit);
	at = p + nlead;
	total = at + nhit + q;
	for (k = at + nhit; k < total; k++)
		add(&text, fillers[k % 4]);

	width = max == 0 || max > total ? total : max;
	from = at > width / 4 ? at - width / 4 : 0;
	if (from + width > total)
		from = total - width;
	to = from + width;
	if (from > 0)
		add(&want, "…");
	for (k = from; k < to; k++) {
		if (k == at)
			add(&want, O);
		if (k >= p && k < at + nhit) {
			assert_true(want.len + lens[k - p] < sizeof want.s);
			memcpy(want.s + want.len, chars[k - p], lens[k - p]);
			want.len += lens[k - p];
			want.s[want.len] = '\0';
		} else {
			add(&want, fillers[k % 4]);
		}
		if (at >= from && k + 1 == (at + nhit < to ? at + nhit : to))
			add(&want, C);
	}
	if (to < total)
		add(&want, "…");
	check_snippet(text.s, terms, max, want.s);
}

/* Hits at every place in the first few hundred characters, with every
 * amount of text after them up to past the window, so that the hit, the
 * character after it, the window's end and the text's end each fall on
 * every boundary of characters decoded so far. */
static void test_around(void **state)
{
	static const size_t maxes[] = {1, 2, 5, 8, 80};
	size_t p, q, m;

	(void)state;
	for (p = 0; p < 300; p++) {
		for (q = 0; q < 66; q++)
			for (m = 0; m < sizeof maxes / sizeof *maxes; m++)
				check_around("工会", "", "工会", p, q,
					     maxes[m]);
		check_around("工会", "", "工会", p, 600, 80);
		check_around("工会", "", "工会", p, 3, 0);
		/* the word rule needs the character after "ab" */
		for (q = 0; q < 66; q += 5) {
			check_around("ab", "abc-", "ab", p, q, 8);
			check_around("ab", "abc-", "ab", p, q, 80);
		}
		check_around("会", "", "会", p, 10, 8);
		/* the longest term wins */
		check_around("工|工会会会会", "", "工会会会会", p, 40, 8);
		check_around("工|工会会会会", "", "工会会会会", p, 2, 80);
	}
}

/* Invalid bytes come out as U+FFFD, and a hit next to them is still
 * found. */
static void test_invalid(void **state)
{
	struct text_list terms = {NULL, 0, 0};
	char *got;

	(void)state;
	assert_int_equal(text_list_add(&terms, "会", (size_t)-1), 0);
	got = store_snippet("工\xE5\xB7会\xFF", &terms, 100);
	text_list_free(&terms);
	assert_non_null(got);
	assert_true(text_utf8_valid(got, strlen(got)));
	assert_non_null(strstr(got, "\xEF\xBF\xBD" O "会" C));
	free(got);
}

/* Random bytes, random terms, random widths: always valid UTF-8, marks
 * balanced, at most max characters of text. */
static void test_random(void **state)
{
	const char *alphabet[] = {"工", "会", "a", "B", "Ａ", " ", "\n", "，",
				  "\xFF", "\xE5\xB7", "\x1b", "𠀀", "1"};
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		char text[512] = "", term[32] = "";
		struct text_list terms = {NULL, 0, 0};
		size_t max, i, chars = 0, opens = 0, closes = 0, len;
		char *got;
		int k;

		for (k = 0; k < (int)(rand_r(&seed) % 60); k++)
			strcat(text, alphabet[rand_r(&seed) % 13]);
		for (k = 0; k < 1 + (int)(rand_r(&seed) % 3); k++)
			strcat(term, alphabet[rand_r(&seed) % 5]);
		assert_int_equal(text_list_add(&terms, term, (size_t)-1), 0);
		max = rand_r(&seed) % 20;
		got = store_snippet(text, &terms, max);
		text_list_free(&terms);
		assert_non_null(got);
		len = strlen(got);
		if (!text_utf8_valid(got, len))
			fail_msg("invalid UTF-8 from '%s'", text);
		for (i = 0; i < len;) {
			uint32_t cp = 0;
			size_t n = text_utf8_decode(got + i, len - i, &cp);

			if (cp == 2)
				opens++;
			else if (cp == 3)
				closes++;
			else if (cp != 0x2026)
				chars++;
			i += n;
		}
		assert_int_equal(opens, closes);
		if (max > 0 && chars > max)
			fail_msg("%zu characters for max %zu from '%s': '%s'",
				 chars, max, text, got);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_around),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
