/*
 * keys.c — the one table that binds keys to actions (after dwm's keys[]),
 * and the names of actions and keys for the help screen. The dispatcher
 * (keys_action) and the help screen (help.c) both read this table, so help
 * cannot drift from behaviour. Actions themselves are declared once in
 * tui_private.h (ACTION_INFO). A key that does one thing in one view and
 * another elsewhere (o: the list's order, the article's source) is in the
 * second table, for its views, and is looked up first.
 */
#include <stdio.h>
#include <string.h>

#include "tui/tui_private.h"

#define CTRL(c) ((c) & 0x1f)

struct binding {
	bool function;
	wint_t code;
	enum action action;
	const char *name; /* as the help screen shows it */
};

static const struct binding bindings[] = {
	{false, 'j', ACTION_MOVE_DOWN, "j"},
	{true, KEY_DOWN, ACTION_MOVE_DOWN, "Down"},
	{false, CTRL('n'), ACTION_MOVE_DOWN, "^N"},
	{false, 'k', ACTION_MOVE_UP, "k"},
	{true, KEY_UP, ACTION_MOVE_UP, "Up"},
	{false, CTRL('p'), ACTION_MOVE_UP, "^P"},
	{false, ' ', ACTION_PAGE_DOWN, "Space"},
	{true, KEY_NPAGE, ACTION_PAGE_DOWN, "PgDn"},
	{false, CTRL('f'), ACTION_PAGE_DOWN, "^F"},
	{false, 'b', ACTION_PAGE_UP, "b"},
	{true, KEY_PPAGE, ACTION_PAGE_UP, "PgUp"},
	{false, CTRL('b'), ACTION_PAGE_UP, "^B"},
	{false, CTRL('d'), ACTION_HALF_DOWN, "^D"},
	{false, CTRL('u'), ACTION_HALF_UP, "^U"},
	{false, 'g', ACTION_FIRST, "g"},
	{true, KEY_HOME, ACTION_FIRST, "Home"},
	{false, '<', ACTION_FIRST, "<"},
	{false, 'G', ACTION_LAST, "G"},
	{true, KEY_END, ACTION_LAST, "End"},
	{false, '>', ACTION_LAST, ">"},
	{false, '\n', ACTION_OPEN, "Enter"},
	{false, '\r', ACTION_OPEN, NULL},
	{true, KEY_ENTER, ACTION_OPEN, NULL},
	{true, KEY_RIGHT, ACTION_OPEN, "Right"},
	{false, 'l', ACTION_OPEN, "l"},
	{false, 'q', ACTION_CLOSE, "q"},
	{false, 27, ACTION_BACK, "Esc"},
	{true, KEY_LEFT, ACTION_LEFT, "Left"},
	{false, 'h', ACTION_LEFT, "h"},
	{false, 'Q', ACTION_QUIT, "Q"},
	{false, '\t', ACTION_NEXT_PANE, "Tab"},
	{true, KEY_BTAB, ACTION_NEXT_PANE, NULL},
	{false, 'J', ACTION_NEXT_ARTICLE, "J"},
	{false, ']', ACTION_NEXT_ARTICLE, "]"},
	{false, 'K', ACTION_PREV_ARTICLE, "K"},
	{false, '[', ACTION_PREV_ARTICLE, "["},
	{false, 'n', ACTION_NEXT_HIT, "n"},
	{false, 'N', ACTION_PREV_HIT, "N"},
	{false, '/', ACTION_SEARCH, "/"},
	{false, '}', ACTION_NEXT_SECTION, "}"},
	{false, '{', ACTION_PREV_SECTION, "{"},
	{false, 'f', ACTION_NARROW, "f"},
	{false, 'c', ACTION_CLEAR, "c"},
	{false, 'r', ACTION_TOGGLE_READ, "r"},
	{false, 's', ACTION_TOGGLE_STAR, "s"},
	{false, 'u', ACTION_UNREAD_ONLY, "u"},
	{false, 'S', ACTION_STARRED_ONLY, "S"},
	{false, '|', ACTION_PIPE, "|"},
	{false, 'e', ACTION_EXPORT, "e"},
	{false, 'A', ACTION_MARK_ALL_READ, "A"},
	{false, 'R', ACTION_RELATED, "R"},
	{false, CTRL('l'), ACTION_REFRESH, "^L"},
	{false, 'C', ACTION_CHART, "C"},
	{false, '?', ACTION_HELP, "?"},
	{true, KEY_F(1), ACTION_HELP, "F1"},
};

#define IN_LIST (1u << VIEW_LIST | 1u << VIEW_FACETS)
#define IN_ARTICLE (1u << VIEW_ARTICLE)

/* Keys for some views only: views is a set of bits (1 << VIEW_...). */
static const struct view_binding {
	unsigned views;
	struct binding b;
} view_bindings[] = {
	{IN_LIST, {false, 'o', ACTION_SORT, "o"}},
	{IN_LIST, {false, 'O', ACTION_SORT, "O"}},
	{IN_ARTICLE, {false, 'o', ACTION_OPEN_SOURCE, "o"}},
	{IN_ARTICLE, {false, 'O', ACTION_OPEN_SOURCE, "O"}},
};

enum {
	N_VIEW_ROWS = sizeof view_bindings / sizeof view_bindings[0],
	N_ROWS = N_VIEW_ROWS + sizeof bindings / sizeof bindings[0],
};

/* Row i of both tables, the views' first; *views is 0 for every view. */
static const struct binding *row(size_t i, unsigned *views)
{
	if (i < N_VIEW_ROWS) {
		*views = view_bindings[i].views;
		return &view_bindings[i].b;
	}
	*views = 0;
	return &bindings[i - N_VIEW_ROWS];
}

/* True when a row of the views is for view (view < 0: any view). */
static bool in_view(unsigned views, int view)
{
	return !views || view < 0 || view >= VIEW_COUNT ||
	       (views & (1u << view));
}

/* The first view a row's views hold, or -2 (every view). */
static int first_view(unsigned views)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (views & (1u << v))
			return v;
	return -2;
}

static const char *const action_help[ACTION_COUNT] = {
	[ACTION_NONE] = "",
#define ACTION_HELP_TEXT(name, help) [ACTION_##name] = help,
	ACTION_INFO(ACTION_HELP_TEXT)
#undef ACTION_HELP_TEXT
};

static bool same_key(struct key a, struct key b)
{
	return a.function == b.function && a.code == b.code;
}

enum action keys_action(const struct app *app, int view, struct key key)
{
	for (size_t i = 0; i < app->n_bindings; i++)
		if ((app->bindings[i].view == view ||
		     app->bindings[i].view < 0) &&
		    same_key(app->bindings[i].key, key))
			return app->bindings[i].action;
	for (size_t i = 0; i < N_ROWS; i++) {
		unsigned views;
		const struct binding *b = row(i, &views);

		if (b->function == key.function && b->code == key.code &&
		    in_view(views, view))
			return b->action;
	}
	return ACTION_NONE;
}

const char *keys_action_help(enum action a)
{
	if (a <= ACTION_NONE || a >= ACTION_COUNT)
		return "";
	return action_help[a];
}

static const char *const action_names[ACTION_COUNT] = {
	[ACTION_NONE] = "",
#define ACTION_NAME(name, help) [ACTION_##name] = #name,
	ACTION_INFO(ACTION_NAME)
#undef ACTION_NAME
};

enum action keys_find_action(const char *name)
{
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		const char *p = action_names[a], *q = name;

		/* MOVE_DOWN is move-down */
		while (*p && *q &&
		       (*p == '_' ? *q == '-' || *q == '_'
				  : (*p | 0x20) == (*q | 0x20))) {
			p++;
			q++;
		}
		if (!*p && !*q)
			return (enum action)a;
	}
	return ACTION_NONE;
}

bool keys_find_key(const char *name, struct key *key)
{
	uint32_t cp;
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].name && n > 1 &&
		    strcmp(bindings[i].name, name) == 0) {
			key->function = bindings[i].function;
			key->code = bindings[i].code;
			return true;
		}
	if (n == 2 && name[0] == '^' && name[1] >= '@' && name[1] <= '~') {
		key->function = false;
		key->code = CTRL((unsigned char)name[1]);
		return true;
	}
	if (n > 0 && text_utf8_decode(name, n, &cp) == n &&
	    !text_is_unsafe(cp)) {
		key->function = false;
		key->code = (wint_t)cp;
		return true;
	}
	return false;
}

/* The name of a key for the help: the table's, ^X, or the character. */
static void key_label(struct key key, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].name && bindings[i].function == key.function &&
		    bindings[i].code == key.code) {
			snprintf(buf, len, "%s", bindings[i].name);
			return;
		}
	if (!key.function && key.code < 0x20)
		snprintf(buf, len, "^%c", (char)(key.code + '@'));
	else if (!key.function && len >= 5)
		buf[text_utf8_encode((uint32_t)key.code, buf)] = '\0';
	else
		snprintf(buf, len, "?");
}

void keys_names(const struct app *app, enum action a, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < app->n_bindings + N_ROWS; i++) {
		char user[16];
		const char *name;
		int n;

		if (i < app->n_bindings) {
			if (app->bindings[i].action != a)
				continue;
			key_label(app->bindings[i].key, user, sizeof user);
			name = user;
		} else {
			unsigned views;
			const struct binding *b =
				row(i - app->n_bindings, &views);

			/* a key the config file took for another action */
			if (b->action != a || !b->name ||
			    keys_action(app, first_view(views),
					(struct key){b->function, b->code}) !=
				    a)
				continue;
			name = b->name;
		}
		n = snprintf(buf + used, len - used, "%s%s",
			     used ? " " : "", name);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}
