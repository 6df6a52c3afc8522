/*
 * test_pinyin.c — names matched by what is typed in pinyin (text/pinyin.c),
 * with the readings of data/pinyin/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "text/text.h"

static const char *data_dir(void)
{
	const char *d = getenv("BULLETIN_DATA_DIR");

	return d && *d ? d : "data";
}

static int setup(void **state)
{
	char readings[512], places[512], err[512];
	struct text_pinyin *p = NULL;

	snprintf(readings, sizeof readings, "%s/pinyin/pinyin.txt", data_dir());
	snprintf(places, sizeof places, "%s/pinyin/place-readings.txt",
		 data_dir());
	if (text_pinyin_load(readings, places, &p, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	text_pinyin_free(*state);
	return 0;
}

static const struct {
	const char *name, *typed;
	bool match;
} cases[] = {
	{"湛江", "zj", true},
	{"湛江", "zhanj", true},
	{"湛江", "zhanjiang", true},
	{"湛江", "ZJ", true},
	{"湛江", "zhan jiang", true},
	{"湛江", "zjx", false},
	{"湛江", "jz", false},
	{"镇江", "zj", true},
	{"镇江", "zhanj", false},
	{"鹤山", "hs", true},
	{"黄石", "hs", true},
	{"鹤山", "heshan", true},
	{"湛江市总工会", "zgh", true},  /* anywhere in the name */
	{"湛江市总工会", "zjszgh", true},
	{"湛江市總工會", "zgh", true},  /* Traditional too */
	{"长沙", "cs", true},           /* places read as places read them */
	{"长沙", "zs", false},
	{"长沙市", "changsha", true},
	{"重庆", "cq", true},
	{"重庆", "zq", false},
	{"厦门", "xm", true},
	{"厦门", "sm", false},
	{"六安", "la", true},
	{"六安", "lua", true},
	{"六安", "liua", false},
	{"六盘水", "lps", true},        /* 六 elsewhere: liù */
	{"绿色", "lvs", true},          /* ü as v */
	{"绿色", "lus", true},          /* and u */
	{"G20峰会", "g20", true},
	{"湛江", "", false},
	{"湛江", "湛", false},          /* not pinyin: the caller's substring */
	{"", "zj", false},
};

static void test_match(void **state)
{
	const struct text_pinyin *p = *state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (text_pinyin_match(p, cases[i].name, cases[i].typed) !=
		    cases[i].match)
			fail_msg("%s / '%s': expected %s", cases[i].name,
				 cases[i].typed, cases[i].match ? "a match"
								: "none");
}

static void test_missing(void **state)
{
	struct text_pinyin *p = NULL;
	char err[256];

	(void)state;
	assert_int_equal(text_pinyin_load("/nonexistent/pinyin.txt", NULL, &p,
					  err, sizeof err), -1);
	assert_null(p);
	assert_false(text_pinyin_match(NULL, "湛江", "zj"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_match, setup, teardown),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
