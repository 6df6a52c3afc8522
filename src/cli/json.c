/*
 * json.c — JSON on standard output: a string, and an article as one line
 * of JSON Lines in the one shape the store writes (store_article_json),
 * the same for parse, list, show and search.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"

void cli_json_string(FILE *out, const char *s)
{
	char *json = text_json_string(s);

	fputs(json ? json : "null", out);
	free(json);
}

int cli_json_article(FILE *out, const struct article *a,
		     const struct store_json *j)
{
	char *json = store_article_json(a, j);

	if (!json)
		return -1;
	fprintf(out, "%s\n", json);
	free(json);
	return 0;
}
