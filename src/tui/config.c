/*
 * config.c — the reader's config file ($XDG_CONFIG_HOME/bulletin/config,
 * its path given by cli), after tig's tigrc:
 *
 *     # comment
 *     set text-width 72        an option of OPTION_INFO
 *     set sort rank            (an option whose values have names)
 *     set filter city 深圳     a filter the reader starts with (the
 *                              command line's own filters win)
 *     bind list x mark-all-read   a key in a view (list, facets, article,
 *                              help, or generic: every view)
 *     color hit red default bold  an area's colours and attributes
 *                              (NO_COLOR: the attributes alone)
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

#define CONFIG_WORDS 16 /* at most, on a line */

struct option_row {
	const char *name;
	long min, max;
	const char *names; /* "date|rank", or NULL: a number */
};

static const struct option_row option_rows[OPTION_COUNT] = {
#define OPTION_ROW(key, name, def, min, max, names, help) \
	[OPTION_##key] = {name, min, max, names},
	OPTION_INFO(OPTION_ROW)
#undef OPTION_ROW
};

/* The place of word in names ("date|rank": rank is 1), or -1. */
static long value_named(const char *names, const char *word)
{
	size_t n = strlen(word);
	long i = 0;

	for (const char *p = names; *p; i++) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && strncmp(p, word, n) == 0)
			return i;
		if (!end)
			break;
		p = end + 1;
	}
	return -1;
}

/* `set filter NAME [VALUE...]`: the words after NAME joined by spaces (a
 * search of several words), none for a flag. */
static int set_filter(struct app *app, char **w, int n, const bool *given,
		      char *why, size_t len)
{
	char value[512] = "";
	size_t used = 0;
	int k;

	if (n < 3) {
		snprintf(why, len, "set filter NAME VALUE");
		return -1;
	}
	k = store_filter_find(w[2]);
	if (k < 0) {
		snprintf(why, len, "no filter '%s' (bulletin tui --help "
				   "lists them)",
			 w[2]);
		return -1;
	}
	for (int i = 3; i < n; i++) {
		int m = snprintf(value + used, sizeof value - used, "%s%s",
				 used ? " " : "", w[i]);

		if (m < 0 || (size_t)m >= sizeof value - used) {
			snprintf(why, len, "the value is too long");
			return -1;
		}
		used += (size_t)m;
	}
	if (store_filters[k].flag) {
		long on = n == 3 ? 0 : value_named("yes|no", w[3]);

		if (n > 4 || on < 0) {
			snprintf(why, len, "set filter %s [yes|no]", w[2]);
			return -1;
		}
		return app_filter_preset(app, (enum store_filter_key)k,
					 on == 0 ? "" : NULL, given, why, len);
	}
	if (used == 0) {
		snprintf(why, len, "set filter %s %s", w[2],
			 store_filters[k].arg ? store_filters[k].arg : "VALUE");
		return -1;
	}
	return app_filter_preset(app, (enum store_filter_key)k, value, given,
				 why, len);
}

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

	if (n >= 2 && strcmp(w[1], "filter") == 0)
		return -2; /* set_filter's */
	if (n != 3) {
		snprintf(why, len, "set NAME VALUE");
		return -1;
	}
	for (int o = 0; o < OPTION_COUNT; o++) {
		if (strcmp(option_rows[o].name, w[1]) != 0)
			continue;
		if (option_rows[o].names) {
			v = value_named(option_rows[o].names, w[2]);
			if (v < 0) {
				snprintf(why, len, "%s is one of: %s", w[1],
					 option_rows[o].names);
				return -1;
			}
			app->options[o] = v;
			return 0;
		}
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

/* `color AREA FG [BG] [ATTR...]` (draw.c names the areas, colours and
 * attributes). */
static int set_color(struct app *app, char **w, int n, char *why, size_t len)
{
	int role, fg, bg = -1;
	attr_t attr = 0;
	bool have_attr = false;
	int i = 3;

	if (n < 3) {
		snprintf(why, len, "color AREA FG [BG] [ATTRIBUTE...]");
		return -1;
	}
	role = draw_role_find(w[1]);
	if (role < 0) {
		snprintf(why, len, "no area '%s'", w[1]);
		return -1;
	}
	if (!draw_color_find(w[2], &fg)) {
		snprintf(why, len, "no colour '%s' (a name or 0-255)", w[2]);
		return -1;
	}
	if (n > 3 && draw_color_find(w[3], &bg))
		i = 4;
	for (; i < n; i++) {
		attr_t a;

		if (!draw_attr_find(w[i], &a)) {
			snprintf(why, len, "no colour or attribute '%s'", w[i]);
			return -1;
		}
		attr |= a;
		have_attr = true;
	}
	draw_set_color(app->attrs, (enum role)role, fg, bg, attr, have_attr,
		       app->no_color);
	return 0;
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
				 "article, help, chart, related, generic)",
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
	bool given[STORE_FILTER_COUNT];
	FILE *in;

	if (!path)
		return;
	/* the filters the command line gave, which the file does not undo */
	for (int k = 0; k < STORE_FILTER_COUNT; k++)
		given[k] = app_filter_get(app, (enum store_filter_key)k) != NULL;
	in = fopen(path, "r");
	if (!in) {
		if (errno != ENOENT)
			app_message(app, true, "%s: %s", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof line, in)) {
		char *w[CONFIG_WORDS + 1];
		int n, rc;

		number++;
		if (!strchr(line, '\n') && !feof(in)) {
			int c;

			while ((c = fgetc(in)) != EOF && c != '\n')
				;
			rc = -1;
			snprintf(why, sizeof why, "line too long");
		} else {
			n = split_words(line, w, CONFIG_WORDS);
			if (n == 0)
				continue;
			if (n > CONFIG_WORDS) {
				rc = -1;
				snprintf(why, sizeof why, "too many words");
			} else if (strcmp(w[0], "set") == 0) {
				rc = set_option(app, w, n, why, sizeof why);
				if (rc == -2)
					rc = set_filter(app, w, n, given, why,
							sizeof why);
			} else if (strcmp(w[0], "bind") == 0) {
				rc = bind_key(app, w, n, why, sizeof why);
			} else if (strcmp(w[0], "color") == 0 ||
				   strcmp(w[0], "colour") == 0) {
				rc = set_color(app, w, n, why, sizeof why);
			} else {
				rc = -1;
				snprintf(why, sizeof why,
					 "'%s' is not set, bind or color",
					 w[0]);
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
