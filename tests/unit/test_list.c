/*
 * test_list.c — the growable string list: copies, lengths, growth, lookup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

static void test_add_and_has(void **state)
{
	struct text_list list = {0};
	char buf[] = "工会驿站";

	(void)state;
	assert_int_equal(text_list_add(&list, buf, (size_t)-1), 0);
	assert_int_equal(text_list_add(&list, buf, 6), 0); /* 工会 */
	buf[0] = 'x';                                      /* the list owns copies */
	assert_int_equal(list.count, 2);
	assert_string_equal(list.items[0], "工会驿站");
	assert_string_equal(list.items[1], "工会");
	assert_true(text_list_has(&list, "工会"));
	assert_true(text_list_has(&list, "工会驿站"));
	assert_false(text_list_has(&list, "工"));
	assert_false(text_list_has(&list, buf));
	text_list_free(&list);
	assert_int_equal(list.count, 0);
	assert_null(list.items);
	text_list_free(&list); /* twice is harmless */
	text_list_free(NULL);
}

static void test_growth(void **state)
{
	struct text_list list = {0};
	char name[16];
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "item%d", i);
		assert_int_equal(text_list_add(&list, name, (size_t)-1), 0);
	}
	assert_int_equal(list.count, 1000);
	assert_true(list.capacity >= 1000);
	for (i = 0; i < 1000; i += 99) {
		snprintf(name, sizeof name, "item%d", i);
		assert_true(text_list_has(&list, name));
		assert_string_equal(list.items[i], name);
	}
	assert_false(text_list_has(&list, "item1000"));
	text_list_free(&list);
}

static void test_empty_string(void **state)
{
	struct text_list list = {0};

	(void)state;
	assert_false(text_list_has(&list, ""));
	assert_int_equal(text_list_add(&list, "abc", 0), 0);
	assert_string_equal(list.items[0], "");
	assert_true(text_list_has(&list, ""));
	text_list_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_has),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_empty_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
