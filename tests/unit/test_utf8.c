/*
 * test_utf8.c — strict UTF-8 decoding, encoding, validation and prefixes,
 * table-driven: every sequence RFC 3629 forbids must be refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

struct decode_case {
	const char *bytes;
	size_t len;
	size_t used; /* 0: invalid */
	uint32_t cp;
};

static const struct decode_case decode_cases[] = {
	{"A", 1, 1, 0x41},
	{"\x00", 1, 1, 0x00},
	{"\x7F", 1, 1, 0x7F},
	{"\xC2\x80", 2, 2, 0x80},
	{"\xDF\xBF", 2, 2, 0x7FF},
	{"\xE0\xA0\x80", 3, 3, 0x800},
	{"\xE5\xB7\xA5", 3, 3, 0x5DE5}, /* 工 */
	{"\xED\x9F\xBF", 3, 3, 0xD7FF},
	{"\xEE\x80\x80", 3, 3, 0xE000},
	{"\xEF\xBB\xBF", 3, 3, 0xFEFF},
	{"\xEF\xBF\xBD", 3, 3, 0xFFFD},
	{"\xF0\x90\x80\x80", 4, 4, 0x10000},
	{"\xF0\xA0\x80\x80", 4, 4, 0x20000},
	{"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF},
	{"\xE5\xB7\xA5\xE4", 4, 3, 0x5DE5}, /* stops after one character */
	/* invalid */
	{"", 0, 0, 0},
	{"\x80", 1, 0, 0},           /* lone continuation */
	{"\xBF", 1, 0, 0},
	{"\xC0\x80", 2, 0, 0},       /* overlong NUL */
	{"\xC1\xBF", 2, 0, 0},       /* overlong */
	{"\xE0\x80\x80", 3, 0, 0},   /* overlong */
	{"\xE0\x9F\xBF", 3, 0, 0},   /* overlong */
	{"\xED\xA0\x80", 3, 0, 0},   /* surrogate D800 */
	{"\xED\xBF\xBF", 3, 0, 0},   /* surrogate DFFF */
	{"\xF0\x80\x80\x80", 4, 0, 0},
	{"\xF0\x8F\xBF\xBF", 4, 0, 0}, /* overlong */
	{"\xF4\x90\x80\x80", 4, 0, 0}, /* U+110000 */
	{"\xF5\x80\x80\x80", 4, 0, 0},
	{"\xF8\x88\x80\x80\x80", 5, 0, 0}, /* 5-byte form */
	{"\xFC\x84\x80\x80\x80\x80", 6, 0, 0}, /* 6-byte form */
	{"\xFE", 1, 0, 0},
	{"\xFF", 1, 0, 0},
	{"\xE5\xB7", 2, 0, 0},       /* truncated */
	{"\xE5", 1, 0, 0},
	{"\xF0\xA0\x80", 3, 0, 0},
	{"\xC3\x28", 2, 0, 0},       /* bad continuation */
	{"\xE5\x28\xA5", 3, 0, 0},
	{"\xE5\xB7\x28", 3, 0, 0},
	{"\xF0\xA0\x80\x28", 4, 0, 0},
};

static void test_decode_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof decode_cases / sizeof *decode_cases; i++) {
		const struct decode_case *c = &decode_cases[i];
		uint32_t cp = 0xDEADBEEF;
		size_t used = text_utf8_decode(c->bytes, c->len, &cp);

		if (used != c->used || cp != (c->used ? c->cp : 0xDEADBEEF) ||
		    text_utf8_valid(c->bytes, c->len) != (c->used == c->len))
			fail_msg("case %zu: used %zu, U+%04X", i, used, (unsigned)cp);
	}
}

/* Every scalar value survives encode then decode; surrogates and values
 * above U+10FFFF are refused by the encoder. */
static void test_encode_round_trip(void **state)
{
	uint32_t cp, back;
	char buf[4];
	size_t n;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		n = text_utf8_encode(cp, buf);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			assert_int_equal(n, 0);
			continue;
		}
		assert_true(n >= 1 && n <= 4);
		assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
		assert_int_equal(text_utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cp);
	}
	assert_int_equal(text_utf8_encode(0x110000, buf), 0);
	assert_int_equal(text_utf8_encode(0xFFFFFFFF, buf), 0);
}

static void test_valid(void **state)
{
	const char *zh = "湛江市总工会召开宣讲推进会。";

	(void)state;
	assert_true(text_utf8_valid("", 0));
	assert_true(text_utf8_valid(zh, strlen(zh)));
	assert_false(text_utf8_valid(zh, strlen(zh) - 1)); /* cut character */
	assert_true(text_utf8_valid("a\0b", 3));            /* NUL is a character */
	assert_false(text_utf8_valid("abc\xFF", 4));
}

struct prefix_case {
	const char *s;
	size_t max_chars;
	size_t bytes;
};

static const struct prefix_case prefix_cases[] = {
	{"", 3, 0},
	{"abc", 0, 0},
	{"abc", 2, 2},
	{"abc", 9, 3},
	{"工会abc", 1, 3},
	{"工会abc", 2, 6},
	{"工会abc", 3, 7},
	{"\xFF\xFE工", 2, 2},  /* invalid bytes count one each */
	{"\xFF\xFE工", 3, 5},
	{"\xE5\xB7", 5, 2},     /* truncated tail: bytes one by one */
};

static void test_prefix(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof prefix_cases / sizeof *prefix_cases; i++) {
		const struct prefix_case *c = &prefix_cases[i];

		size_t got = text_utf8_prefix(c->s, strlen(c->s), c->max_chars);

		if (got != c->bytes)
			fail_msg("case %zu: %zu bytes, want %zu", i, got, c->bytes);
	}
	/* a length shorter than the string is respected */
	assert_int_equal(text_utf8_prefix("工会", 4, 5), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
