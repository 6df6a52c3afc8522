/*
 * test_sanitize.c — what reaches the terminal: escape sequences, carriage
 * returns, C1, bidi overrides and separators become a visible mark; tabs
 * expand by columns (wide characters count two); invalid bytes become
 * U+FFFD; newlines stay only when asked. The output is always valid UTF-8
 * free of unsafe characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

#define M TEXT_UNSAFE_MARK
#define R "\xEF\xBF\xBD"

struct sanitize_case {
	const char *in;
	bool keep_newlines;
	const char *out;
};

static const struct sanitize_case cases[] = {
	{"", false, ""},
	{"湛江市总工会", false, "湛江市总工会"},
	{"a\nb", true, "a\nb"},
	{"a\nb", false, "a" M "b"},
	{"a\r\nb\r\n", true, "a\nb\n"},
	{"a\r\nb", false, "a" M "b"},
	{"a\rb", true, "a" M "b"},             /* lone carriage return */
	{"\x1B]0;title\x07", false, M "]0;title" M},
	{"\x1B[2J\x1B[31mred", false, M "[2J" M "[31mred"},
	{"x\xC2\x9B" "31m", false, "x" M "31m"}, /* C1 CSI */
	{"x\xC2\x85y", false, "x" M "y"},        /* NEL */
	{"\x7F", false, M},
	{"abc\xE2\x80\xAE" "cba", false, "abc" M "cba"}, /* RLO */
	{"\xE2\x80\x8F\xD8\x9C\xE2\x81\xA6", false, M M M},
	{"\xEF\xBB\xBF" "工会", false, M "工会"},
	{"a\xE2\x80\xA8" "b\xE2\x80\xA9", true, "a" M "b" M},
	{"\x01\x02\x08", false, M M M},
	{"\xFF" "ab\xC0\xAF", false, R "ab" R R},
	{"工\xE5\xB7", false, "工" R R},
	{"\xF4\x90\x80\x80", false, R R R R},
	{"\t|", false, "        |"},
	{"ab\t|", false, "ab      |"},
	{"1234567\t|", false, "1234567 |"},
	{"12345678\t|", false, "12345678        |"},
	{"工会\t|", false, "工会    |"},       /* wide characters count two */
	{"工会驿站\t|", false, "工会驿站        |"},
	{"e\xCC\x81\t|", false, "e\xCC\x81       |"}, /* combining: none */
	{"ab\n\t|", true, "ab\n        |"},   /* columns start again */
	{"\x1B\t|", false, M "       |"},       /* the mark counts one */
	{"a\x00" "b", false, "a" M "b"},
};

static void test_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct sanitize_case *c = &cases[i];
		size_t len = strlen(c->in);
		char *out;

		if (i == sizeof cases / sizeof *cases - 1)
			len = 3; /* the NUL inside */
		out = text_sanitize(c->in, len, c->keep_newlines);
		assert_non_null(out);
		if (strcmp(out, c->out) != 0)
			fail_msg("case %zu: \"%s\"", i, out);
		free(out);
	}
}

/* Every byte value, alone and after a lead byte, gives valid UTF-8 with no
 * unsafe character left. */
static void test_always_safe(void **state)
{
	char in[3];
	unsigned a, b;

	(void)state;
	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			char *out;
			size_t i = 0, n, len;
			uint32_t cp;

			in[0] = (char)a;
			in[1] = (char)b;
			in[2] = (char)0x80;
			out = text_sanitize(in, 3, false);
			assert_non_null(out);
			len = strlen(out);
			assert_true(text_utf8_valid(out, len));
			while (i < len) {
				n = text_utf8_decode(out + i, len - i, &cp);
				assert_true(n > 0);
				if (cp != ' ' && text_is_unsafe(cp))
					fail_msg("%02X %02X left U+%04X", a, b,
						 (unsigned)cp);
				i += n;
			}
			free(out);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_always_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
