/*
 * keys.c — the one table that binds keys to actions (after dwm's keys[]),
 * and the names of actions and keys for the help screen. The dispatcher
 * (keys_action) and the help screen (help.c) both read this table, so help
 * cannot drift from behaviour. Actions themselves are declared once in
 * tui_private.h (ACTION_INFO).
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
	{false, CTRL('l'), ACTION_REFRESH, "^L"},
	{false, '?', ACTION_HELP, "?"},
	{true, KEY_F(1), ACTION_HELP, "F1"},
};

static const char *const action_help[ACTION_COUNT] = {
	[ACTION_NONE] = "",
#define ACTION_HELP_TEXT(name, help) [ACTION_##name] = help,
	ACTION_INFO(ACTION_HELP_TEXT)
#undef ACTION_HELP_TEXT
};

enum action keys_action(struct key key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].function == key.function &&
		    bindings[i].code == key.code)
			return bindings[i].action;
	return ACTION_NONE;
}

const char *keys_action_help(enum action a)
{
	if (a <= ACTION_NONE || a >= ACTION_COUNT)
		return "";
	return action_help[a];
}

void keys_names(enum action a, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		const char *name = bindings[i].name;
		int n;

		if (bindings[i].action != a || !name)
			continue;
		n = snprintf(buf + used, len - used, "%s%s",
			     used ? " " : "", name);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}
