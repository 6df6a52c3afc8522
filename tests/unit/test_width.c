/*
 * test_width.c — character classes and display width: Han ranges, columns
 * of CJK, combining and unsafe characters, string widths, and agreement
 * with glibc's wcwidth (what ncursesw uses) over every code point.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

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
	for (i = 0; i < sizeof han_cases / sizeof *han_cases; i++)
		if (text_is_han(han_cases[i].cp) != han_cases[i].han)
			fail_msg("U+%04X", (unsigned)han_cases[i].cp);
}

struct cp_case {
	uint32_t cp;
	int width;
	bool unsafe;
};

static const struct cp_case cp_cases[] = {
	{'A', 1, false},     {' ', 1, false},     {'~', 1, false},
	{0x5DE5, 2, false},  /* 工 */
	{0x3002, 2, false},  /* 。 */
	{0xFF0C, 2, false},  /* ， */
	{0xFF21, 2, false},  /* Ａ */
	{0x3000, 2, false},  /* ideographic space */
	{0x201C, 1, false},  /* “ is ambiguous: narrow, as glibc has it */
	{0x2026, 1, false},  /* … */
	{0x00E9, 1, false},  {0x0301, 0, false},  /* combining acute */
	{0x200B, 0, false},  /* zero-width space */
	{0x200D, 0, false},  /* zero-width joiner */
	{0xAC00, 2, false},  /* 가 */
	{0x1160, 0, false},  /* Hangul medial vowel */
	{0x1F600, 2, false}, {0x20000, 2, false}, {0xE000, 1, false},
	{0x2370, 1, false},  /* the unsafe mark itself */
	{0xFFFD, 1, false},
	/* unsafe: drawn as a one-column mark */
	{0x00, 1, true},     {'\t', 1, true},     {'\n', 1, true},
	{'\r', 1, true},     {0x1B, 1, true},     {0x7F, 1, true},
	{0x80, 1, true},     {0x85, 1, true},     {0x9B, 1, true},
	{0x9F, 1, true},     {0x061C, 1, true},   {0x200E, 1, true},
	{0x200F, 1, true},   {0x202A, 1, true},   {0x202E, 1, true},
	{0x2066, 1, true},   {0x2069, 1, true},   {0xFEFF, 1, true},
	{0x2028, 1, true},   {0x2029, 1, true},   {0x0378, 1, true}, /* unassigned */
	{0xD800, 1, true},   {0x110000, 1, true},
	{0xA0, 1, false},    {0x2065, 1, true},   /* unassigned */
	{0x202F, 1, false},  /* narrow no-break space */
};

static void test_cp(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cp_cases / sizeof *cp_cases; i++) {
		const struct cp_case *c = &cp_cases[i];

		if (text_cp_width(c->cp) != c->width ||
		    text_is_unsafe(c->cp) != c->unsafe)
			fail_msg("U+%04X: width %d, unsafe %d", (unsigned)c->cp,
				 text_cp_width(c->cp), text_is_unsafe(c->cp));
	}
}

struct string_case {
	const char *s;
	int width;
};

static const struct string_case string_cases[] = {
	{"", 0},
	{"abc", 3},
	{"工会驿站", 8},
	{"工会abc", 7},
	{"２０２３年", 10},
	{"e\xCC\x81", 1},            /* e + combining acute */
	{"\xFF\xFE", 2},             /* two invalid bytes */
	{"\xE5\xB7", 2},             /* a cut character: two bytes */
	{"\x1B[31m", 5},             /* ESC drawn as one mark */
	{"a\tb", 3},
	{"（李驿宿）", 10},
};

static void test_string(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof string_cases / sizeof *string_cases; i++)
		if (text_width(string_cases[i].s) != string_cases[i].width)
			fail_msg("\"%s\": %d", string_cases[i].s,
				 text_width(string_cases[i].s));
}

/* Every code point: unsafe exactly where glibc says -1 (or the header
 * names it), and otherwise glibc's width. */
static void test_agrees_with_glibc(void **state)
{
	size_t differ = 0;
	uint32_t cp;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		int glibc;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		glibc = wcwidth((wchar_t)cp);
		if (glibc < 0) {
			differ += !text_is_unsafe(cp);
			continue;
		}
		if (text_is_unsafe(cp))
			continue; /* bidi controls, U+FEFF: glibc says 0 */
		if (text_cp_width(cp) != glibc) {
			if (differ < 10)
				print_error("U+%04X: %d, glibc %d\n", (unsigned)cp,
					    text_cp_width(cp), glibc);
			differ++;
		}
	}
	setlocale(LC_CTYPE, "C");
	assert_int_equal(differ, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_han),
		cmocka_unit_test(test_cp),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_agrees_with_glibc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
