/*
 * prompt.c — the status line's other prompts, besides the search (search.c)
 * and the narrowing of a facet (facets.c): the command `|` gives the
 * article to, the file `e` writes the selection to, and the y or n `A`
 * asks before marking many articles read, and what `/` finds in an
 * article's text. Enter does it, Esc leaves.
 */
#include <stdio.h>

#include "tui/tui_private.h"

/* More articles than this are marked read only after a y. */
#define MARK_ALL_ASK 100

static void mark_all(struct app *app)
{
	int64_t n = app->total;
	char err[256];

	if (app->counts_pending &&
	    store_count(app->store, &app->filter, &n, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return;
	}
	if (n == 0) {
		app_message(app, false, "No article to mark");
		return;
	}
	if (n > MARK_ALL_ASK) {
		app->prompt_id = n; /* the count, for the question */
		app->prompting = PROMPT_MARK_ALL;
		return;
	}
	export_mark_all_read(app);
}

void prompt_start(struct app *app, enum prompt_kind kind)
{
	app->prompt[0] = '\0';
	app->prompt_at = 0;
	app->prompt_id = 0;
	switch (kind) {
	case PROMPT_PIPE:
		app->prompt_id = app->focus == VIEW_ARTICLE
					 ? app->article_id
					 : list_selected(app);
		if (!app->prompt_id) {
			app_message(app, false, "No article to give a command");
			return;
		}
		app->prompting = kind;
		break;
	case PROMPT_EXPORT:
	case PROMPT_FIND:
		app->prompting = kind;
		break;
	case PROMPT_MARK_ALL:
		mark_all(app);
		break;
	case PROMPT_NONE:
		break;
	}
}

void prompt_key(struct app *app, struct key key)
{
	enum prompt_kind kind = app->prompting;

	if (kind == PROMPT_MARK_ALL) {
		app->prompting = PROMPT_NONE;
		if (!key.function && (key.code == 'y' || key.code == 'Y'))
			export_mark_all_read(app);
		else
			app_message(app, false, "Nothing marked");
		return;
	}
	switch (line_edit_at(app->prompt, sizeof app->prompt, &app->prompt_at,
			     key)) {
	case LINE_ENTER:
		app->prompting = PROMPT_NONE;
		if (kind == PROMPT_PIPE)
			export_pipe(app, app->prompt_id, app->prompt);
		else if (kind == PROMPT_FIND)
			article_find(app, app->prompt);
		else
			export_file(app, app->prompt);
		break;
	case LINE_ESCAPE:
		app->prompting = PROMPT_NONE;
		break;
	case LINE_EDITED:
	case LINE_MOVED:
	case LINE_UP:
	case LINE_DOWN:
	case LINE_NONE:
		break;
	}
}

void prompt_line(const struct app *app, char *buf, size_t len)
{
	switch (app->prompting) {
	case PROMPT_PIPE:
		snprintf(buf, len, "|");
		break;
	case PROMPT_EXPORT:
		snprintf(buf, len, "Export to (.jsonl .csv .md): ");
		break;
	case PROMPT_FIND:
		snprintf(buf, len, "/");
		break;
	case PROMPT_MARK_ALL:
		snprintf(buf, len, "Mark all %lld articles read? (y/n) ",
			 (long long)app->prompt_id);
		break;
	case PROMPT_NONE:
		snprintf(buf, len, "%s", "");
		break;
	}
}
