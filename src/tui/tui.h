/*
 * tui — the ncursesw reader: a list of articles (date, city, headline)
 * beside facets (cities with counts, then unions, topics, months), an
 * article view, a `?` help screen and a search line that updates the list
 * as the user types. It talks to the store only through store.h and reads
 * only the rows on screen, so it opens at once on any number of articles.
 *
 * Everything drawn from the store goes through one function (draw.c) that
 * replaces control, C1 and bidi characters with a visible mark and counts
 * widths itself: an article cannot move the cursor or change the terminal.
 */
#ifndef BULLETIN_TUI_H
#define BULLETIN_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* What the environment says to the reader, read by cli: the reader reads
 * none of it itself (curses reads TERM). */
struct tui_options {
	bool no_color;              /* NO_COLOR set and not empty */
	bool exit_after_first_draw; /* for the benchmarks: leave once the
				       first whole screen (its counts) is
				       drawn */
	bool exit_after_list;       /* ... or once the list is drawn, its
				       counts still coming */
	const char *term;           /* $TERM, for a message; or NULL */
	const char *data_dir;       /* bulletin's data folder (pinyin/ for
				       the facet pane), or NULL */
	const char *config_path;    /* the config file, or NULL: none */
	const char *pager;          /* $PAGER, for o; NULL or "": less */
	const char *history_path;   /* the search history file, or NULL:
				       none kept */
};

/* Runs the reader on s until the user quits, starting with the filters in
 * initial (NULL: none; the strings are copied). Standard input and output
 * must be a terminal. Restores the terminal before returning. Returns 0
 * when the user quit, or -1 with a one-line message in err (no terminal,
 * the terminal went away, a store error that cannot be shown). */
int tui_run(struct store *s, const struct store_filter *initial,
	    const struct tui_options *options, char *err, size_t errlen);

#endif
