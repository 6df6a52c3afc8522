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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_cp),
		cmocka_unit_test(test_fold_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
