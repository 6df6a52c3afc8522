/*
 * test_width.c — character classes and display width: Han ranges, columns
 * of CJK, combining and unsafe characters, string widths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text/text.h"

struct han_case {
	uint32_t cp;
	bool han;
};

static const struct han_case han_cases[] = {
	{0x5DE5, true},  /* 工 */
	{0x4E00, true},  {0x9FFF, true},  {0x3400, true},  {0x4DBF, true},
	{0xF900, true},  {0xFAFF, true},  {0x20000, true}, {0x2A700, true},
	{0x2F800, true}, {0x30000, true}, {0x3007, true},  /* 〇 */
	{'A', false},    {0x3002, false}, /* 。 */
	{0xFF0C, false}, /* ， */
	{0x3000, false}, {0x4DC0, false}, {0xA000, false}, {0xAC00, false}, /* 가 */
	{0x3042, false}, /* あ */
	{0x1F600, false}, {0x3006, false}, {0x3008, false},
};

static void test_han(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof han_cases / sizeof *han_cases; i++) {
		if (text_is_han(han_cases[i].cp) != han_cases[i].han)
			fail_msg("U+%04X", (unsigned)han_cases[i].cp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_han),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
