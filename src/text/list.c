/*
 * list.c — a growable list of owned strings (struct text_list), used for
 * names, tags and search terms wherever a part collects a few strings.
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int text_list_add(struct text_list *list, const char *s, size_t len)
{
	char *copy;

	if (len == (size_t)-1)
		len = strlen(s);
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 8;
		char **items = realloc(list->items, capacity * sizeof *items);

		if (!items)
			return -1;
		list->items = items;
		list->capacity = capacity;
	}
	copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, s, len);
	copy[len] = '\0';
	list->items[list->count++] = copy;
	return 0;
}

bool text_list_has(const struct text_list *list, const char *s)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (strcmp(list->items[i], s) == 0)
			return true;
	return false;
}

void text_list_free(struct text_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
	list->capacity = 0;
}
