/*
 * The man page's READER section and the reader's key table (src/tui/keys.c)
 * say the same: its "Keys" list has one item for each action that has a
 * key, in the order of ACTION_INFO, naming the keys the table binds to it
 * (as the help screen names them) with the action's help text on the next
 * line; and its "Configuration" part names every action as `bind` takes
 * it, in the list after "Actions are named". A key added to the table and not to the man page fails here.
 *
 * The man page is $BULLETIN_DATA_DIR/../man/bulletin.1 (make check sets
 * BULLETIN_DATA_DIR to the checkout's data folder).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

static char *man_page(void)
{
	const char *data = getenv("BULLETIN_DATA_DIR");
	char path[4096];
	char *text = NULL;
	size_t len = 0;
	FILE *in, *mem;
	int c;

	snprintf(path, sizeof path, "%s/../man/bulletin.1",
		 data ? data : "data");
	in = fopen(path, "r");
	if (!in) {
		print_message("cannot read %s\n", path);
		return NULL;
	}
	mem = open_memstream(&text, &len);
	while ((c = fgetc(in)) != EOF)
		fputc(c, mem);
	fclose(in);
	fclose(mem);
	return text;
}

/* The text from the line `start` to the next line starting with one of
 * the ends (or the end), allocated; NULL when start is not there. */
static char *part(const char *text, const char *start, const char *end1,
		  const char *end2)
{
	const char *from = strstr(text, start), *to, *t;

	if (!from)
		return NULL;
	from += strlen(start);
	to = from + strlen(from);
	if (end1 && (t = strstr(from, end1)) && t < to)
		to = t;
	if (end2 && (t = strstr(from, end2)) && t < to)
		to = t;
	return strndup(from, (size_t)(to - from));
}

/* An `.It Ic j , Ic Down , Ic ^N` line's keys as "j Down ^N". */
static void item_keys(const char *line, char *out, size_t len)
{
	char copy[256];
	size_t used = 0;

	snprintf(copy, sizeof copy, "%s", line);
	out[0] = '\0';
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
		if (strcmp(w, "Ic") == 0 || strcmp(w, ",") == 0)
			continue;
		if (strncmp(w, "\\&", 2) == 0)
			w += 2;
		used += (size_t)snprintf(out + used, len - used, "%s%s",
					 used ? " " : "", w);
		if (used >= len)
			break;
	}
}

static void keys_list_matches_table(void **state)
{
	struct app app;
	char *man, *reader, *keys;
	int a = ACTION_NONE + 1;
	bool ok = true;

	(void)state;
	memset(&app, 0, sizeof app); /* no config file: the table alone */
	man = man_page();
	assert_non_null(man);
	reader = part(man, "\n.Sh READER\n", "\n.Sh ", NULL);
	if (!reader)
		print_message("the man page has no READER section\n");
	assert_non_null(reader);
	keys = part(reader, "\n.Ss Keys\n", "\n.El\n", NULL);
	if (!keys)
		print_message("the READER section has no Keys list\n");
	assert_non_null(keys);

	/* each `.It` line and the help line after it, against the next
	 * action that has keys */
	for (char *line = strstr(keys, "\n.It "); line;
	     line = strstr(line + 1, "\n.It ")) {
		char got[256], want[256], help[256];
		const char *text = line + 5, *nl = strchr(text, '\n');
		const char *h = nl ? nl + 1 : "";
		size_t hl = strcspn(h, "\n");

		snprintf(got, sizeof got, "%.*s",
			 (int)(nl ? nl - text : (long)strlen(text)), text);
		item_keys(got, got, sizeof got);
		snprintf(help, sizeof help, "%.*s", (int)hl, h);
		while (a < ACTION_COUNT) {
			keys_names(&app, (enum action)a, want, sizeof want);
			if (want[0])
				break;
			a++;
		}
		if (a == ACTION_COUNT) {
			print_message(
				"man page: keys '%s' (%s): the table has "
				"no more actions\n",
				got, help);
			ok = false;
			break;
		}
		if (strcmp(got, want) != 0 ||
		    strcmp(help, keys_action_help((enum action)a)) != 0) {
			print_message(
				"man page: .It %s / %s\n"
				"key table: %s / %s\n",
				got, help, want,
				keys_action_help((enum action)a));
			ok = false;
		}
		a++;
	}
	for (; a < ACTION_COUNT; a++) {
		char want[256];

		keys_names(&app, (enum action)a, want, sizeof want);
		if (want[0]) {
			print_message("not in the man page's Keys: %s (%s)\n",
				      want, keys_action_help((enum action)a));
			ok = false;
		}
	}
	free(keys);
	free(reader);
	free(man);
	assert_true(ok);
}

static const char *const action_names[] = {
#define ACTION_NAME(name, help) #name,
	ACTION_INFO(ACTION_NAME)
#undef ACTION_NAME
};

/* True when word stands in text as a word of its own (not inside a
 * longer action name). */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		char before = p == text ? ' ' : p[-1], after = p[n];

		if (!isalnum((unsigned char)before) && before != '-' &&
		    !isalnum((unsigned char)after) && after != '-')
			return true;
	}
	return false;
}

static void configuration_names_every_action(void **state)
{
	char *man, *reader, *config;
	bool ok = true;

	(void)state;
	man = man_page();
	assert_non_null(man);
	reader = part(man, "\n.Sh READER\n", "\n.Sh ", NULL);
	assert_non_null(reader);
	/* the list of actions `bind` takes, in the Configuration part */
	config = part(reader, "\n.Ss Configuration\n", "\n.Ss ", NULL);
	if (config) {
		char *names = part(config, "Actions are named", "\n.It ", NULL);

		free(config);
		config = names;
	}
	if (!config)
		print_message(
			"the READER section's Configuration lists no "
			"actions (\"Actions are named ...\")\n");
	assert_non_null(config);
	for (size_t i = 0; i < sizeof action_names / sizeof action_names[0];
	     i++) {
		char name[64];
		size_t j;

		for (j = 0; action_names[i][j] && j + 1 < sizeof name; j++)
			name[j] = action_names[i][j] == '_'
					  ? '-'
					  : (char)tolower(
						    (unsigned char)
							    action_names[i][j]);
		name[j] = '\0';
		if (keys_find_action(name) != (enum action)(i + 1)) {
			print_message("bind does not take %s\n", name);
			ok = false;
		}
		if (!has_word(config, name)) {
			print_message(
				"the man page's Configuration does not "
				"name the action %s\n",
				name);
			ok = false;
		}
	}
	free(config);
	free(reader);
	free(man);
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_list_matches_table),
		cmocka_unit_test(configuration_names_every_action),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
