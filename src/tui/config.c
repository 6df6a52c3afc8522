/*
 * config.c — the reader's config file ($XDG_CONFIG_HOME/bulletin/config,
 * its path given by cli), after tig's tigrc:
 *
 *     # comment
 *     set text-width 72        an option of OPTION_INFO
 *     bind list x mark-all-read   a key in a view (list, facets, article,
 *                              help, or generic: every view)
 *
 * A line it cannot take is skipped and named, path:line, on the status
 * line (the first of them, and how many more); the reader starts all the
 * same, with the defaults for what the file could not say.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

struct option_row {
	const char *name;
	long min, max;
};

static const struct option_row option_rows[OPTION_COUNT] = {
#define OPTION_ROW(key, name, def, min, max, help) \
	[OPTION_##key] = {name, min, max},
	OPTION_INFO(OPTION_ROW)
#undef OPTION_ROW
};

/* Splits line into at most max words (spaces and tabs between them, a
 * `#` starting a comment); returns how many, max + 1 when more. */
static int split_words(char *line, char **words, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#' || *p == '\n' || *p == '\r')
			return n;
		if (n == max)
			return max + 1;
		words[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

static int set_option(struct app *app, char **w, int n, char *why, size_t len)
{
	char *end;
	long v;

	if (n != 3) {
		snprintf(why, len, "set NAME VALUE");
		return -1;
	}
	for (int o = 0; o < OPTION_COUNT; o++) {
		if (strcmp(option_rows[o].name, w[1]) != 0)
			continue;
		errno = 0;
		v = strtol(w[2], &end, 10);
		if (errno || *end || end == w[2] || v < option_rows[o].min ||
		    v > option_rows[o].max) {
			snprintf(why, len, "%s wants a number from %ld to %ld",
				 w[1], option_rows[o].min, option_rows[o].max);
			return -1;
		}
		app->options[o] = v;
		return 0;
	}
	snprintf(why, len, "no option '%s'", w[1]);
	return -1;
}

static int bind_key(struct app *app, char **w, int n, char *why, size_t len)
{
	struct user_binding b = {.view = -1};
	struct user_binding *more;

	if (n != 4) {
		snprintf(why, len, "bind VIEW KEY ACTION");
		return -1;
	}
	if (strcmp(w[1], "generic") != 0) {
		b.view = -2;
		for (int v = 0; v < VIEW_COUNT; v++)
			if (strcmp(app->views[v].ops->name, w[1]) == 0)
				b.view = v;
		if (b.view == -2) {
			snprintf(why, len,
				 "no view '%s' (list, facets, "
				 "article, help, related, generic)",
				 w[1]);
			return -1;
		}
	}
	if (!keys_find_key(w[2], &b.key)) {
		snprintf(why, len, "no key '%s'", w[2]);
		return -1;
	}
	b.action = keys_find_action(w[3]);
	if (b.action == ACTION_NONE) {
		snprintf(why, len, "no action '%s' (? lists them)", w[3]);
		return -1;
	}
	more = realloc(app->bindings,
		       (app->n_bindings + 1) * sizeof *app->bindings);
	if (!more) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	app->bindings = more;
	app->bindings[app->n_bindings++] = b;
	return 0;
}

void config_load(struct app *app, const char *path)
{
	char line[1024], why[200], first[512] = "";
	int number = 0, errors = 0;
	FILE *in;

	if (!path)
		return;
	in = fopen(path, "r");
	if (!in) {
		if (errno != ENOENT)
			app_message(app, true, "%s: %s", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof line, in)) {
		char *w[5];
		int n, rc;

		number++;
		if (!strchr(line, '\n') && !feof(in)) {
			int c;

			while ((c = fgetc(in)) != EOF && c != '\n')
				;
			rc = -1;
			snprintf(why, sizeof why, "line too long");
		} else {
			n = split_words(line, w, 4);
			if (n == 0)
				continue;
			if (strcmp(w[0], "set") == 0)
				rc = set_option(app, w, n, why, sizeof why);
			else if (strcmp(w[0], "bind") == 0)
				rc = bind_key(app, w, n, why, sizeof why);
			else {
				rc = -1;
				snprintf(why, sizeof why,
					 "'%s' is not set or bind", w[0]);
			}
		}
		if (rc < 0 && errors++ == 0)
			snprintf(first, sizeof first, "%s:%d: %s", path, number,
				 why);
	}
	fclose(in);
	if (errors == 1)
		app_message(app, true, "%s", first);
	else if (errors > 1)
		app_message(app, true, "%s (and %d more)", first, errors - 1);
}
