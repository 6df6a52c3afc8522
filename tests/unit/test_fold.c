/*
 * test_fold.c — folding for matching: full-width ASCII, the ideographic
 * space, ASCII case; everything else (Han, Greek capitals, invalid bytes)
 * left as it is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

struct fold_cp_case {
	uint32_t in, out;
};

static const struct fold_cp_case fold_cp_cases[] = {
	{'A', 'a'},       {'Z', 'z'},       {'a', 'a'},       {'@', '@'},
	{'[', '['},       {'0', '0'},       {0xFF01, '!'},    {0xFF10, '0'},
	{0xFF21, 'a'},    {0xFF3A, 'z'},    {0xFF41, 'a'},    {0xFF5E, '~'},
	{0xFF00, 0xFF00}, {0xFF5F, 0xFF5F}, {0x3000, ' '},    {0x5DE5, 0x5DE5},
	{0x00C9, 0x00C9}, {0x0391, 0x0391}, {0xFF0C, ','},    {0x3001, 0x3001},
};

static void test_fold_cp(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fold_cp_cases / sizeof *fold_cp_cases; i++) {
		uint32_t got = text_fold(fold_cp_cases[i].in);

		if (got != fold_cp_cases[i].out)
			fail_msg("U+%04X folds to U+%04X", (unsigned)fold_cp_cases[i].in,
				 (unsigned)got);
	}
}

struct fold_string_case {
	const char *in, *out;
};

static const struct fold_string_case fold_string_cases[] = {
	{"", ""},
	{"ABC abc", "abc abc"},
	{"ＡＢＣ１２３", "abc123"},
	{"工会　驿站", "工会 驿站"},
	{"２０２３年全市工会ＡＰＰ", "2023年全市工会app"},
	{"Ｃ＋＋，工会", "c++,工会"},
	{"\xFF" "AB\xE5\xB7", "\xFF" "ab\xE5\xB7"}, /* invalid bytes kept */
};

static void test_fold_string(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fold_string_cases / sizeof *fold_string_cases; i++) {
		char *out = text_fold_string(fold_string_cases[i].in);

		assert_non_null(out);
		assert_string_equal(out, fold_string_cases[i].out);
		free(out);
	}
}

/* Where a hit is marked: the bytes of the text as written. */
static const struct {
	const char *text, *term;
	size_t length;
} prefix_cases[] = {
	{"工會舉辦", "工会", 6},
	{"工会举办", "工會", 6},
	{"總工會", "总工会", 9},
	{"會後", "会后", 6},
	{"髮型", "发", 3},
	{"ＣＰＲ培训", "cpr", 9},
	{"cpr", "ＣＰＲ", 3},
	{"工人", "工会", 0},
	{"工", "工会", 0},
	{"工会", "", 0},
	{"\xFF" "工", "\xFF", 1},
	{"\xFE", "\xFF", 0},
};

static void test_folded_prefix(void **state)
{
	uint32_t sources[8];

	(void)state;
	for (size_t i = 0; i < sizeof prefix_cases / sizeof *prefix_cases; i++) {
		const char *t = prefix_cases[i].text;

		if (text_folded_prefix(t, strlen(t), prefix_cases[i].term) !=
		    prefix_cases[i].length)
			fail_msg("%s / %s", t, prefix_cases[i].term);
	}
	/* 发 comes from 發 and 髮, itself first */
	assert_int_equal(text_fold_han_sources(0x53D1, sources, 8), 3);
	assert_int_equal(sources[0], 0x53D1);
	/* the fold is idempotent: 薴 goes to 苎, not to 苧 */
	assert_int_equal(text_fold_han(0x85B4), 0x82CE);
	assert_int_equal(text_fold_han(0x82CE), 0x82CE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_cp),
		cmocka_unit_test(test_fold_string),
		cmocka_unit_test(test_folded_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
