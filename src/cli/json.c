/*
 * json.c — an article as one line of JSON (JSON Lines), the same fields for
 * parse, list, show and search, so that scripts see one shape everywhere.
 * Page text is written as it came, escaped where JSON demands it and where
 * a character would act on a terminal rather than show (controls, C1, bidi
 * controls: text_is_unsafe), which JSON carries as \uXXXX all the same.
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

static void json_list(FILE *out, const char *name, const struct text_list *l)
{
	fprintf(out, ",\"%s\":[", name);
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			fputc(',', out);
		cli_json_string(out, l->items[i]);
	}
	fputc(']', out);
}

static void json_field(FILE *out, const char *name, const char *value)
{
	fprintf(out, ",\"%s\":", name);
	cli_json_string(out, value);
}

void cli_json_article(FILE *out, const struct article *a, long long id,
		      const char *source, const char *snippet)
{
	char date[16];

	fputc('{', out);
	if (id > 0)
		fprintf(out, "\"id\":%lld,", id);
	fputs("\"source\":", out);
	cli_json_string(out, source);
	fprintf(out, ",\"ordinal\":%d", a->ordinal);
	json_field(out, "kicker", a->kicker);
	json_field(out, "lead_in", a->lead_in);
	json_field(out, "headline", a->headline ? a->headline : "");
	store_date_text(a->year, a->month, a->day, a->precision, false, date);
	if (date[0])
		fprintf(out, ",\"date\":\"%s\"", date);
	else
		fputs(",\"date\":null", out);
	json_field(out, "date_precision", page_precision_name(a->precision));
	json_field(out, "city", a->city);
	json_field(out, "county", a->county);
	json_list(out, "unions", &a->unions);
	json_list(out, "topics", &a->topics);
	fputs(",\"reporters\":[", out);
	for (size_t i = 0; i < a->n_reporters; i++) {
		fputs(i ? ",{\"role\":" : "{\"role\":", out);
		cli_json_string(out, a->reporters[i].role);
		fputs(",\"name\":", out);
		cli_json_string(out, a->reporters[i].name);
		fputc('}', out);
	}
	fputc(']', out);
	json_list(out, "authors", &a->authors);
	json_list(out, "paragraphs", &a->paragraphs);
	json_list(out, "captions", &a->captions);
	json_list(out, "credits", &a->credits);
	if (snippet)
		json_field(out, "snippet", snippet);
	fputs("}\n", out);
}
