/*
 * json.c — an article as one line of JSON (JSON Lines), the same fields for
 * parse, list, show and search, so that scripts see one shape everywhere.
 * Page text is written as it came, escaped only where JSON demands it.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void cli_json_string(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
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
	fputc('{', out);
	if (id > 0)
		fprintf(out, "\"id\":%lld,", id);
	fputs("\"source\":", out);
	cli_json_string(out, source);
	fprintf(out, ",\"ordinal\":%d", a->ordinal);
	json_field(out, "kicker", a->kicker);
	json_field(out, "lead_in", a->lead_in);
	json_field(out, "headline", a->headline ? a->headline : "");
	if (a->year > 0 && a->month > 0 && a->day > 0)
		fprintf(out, ",\"date\":\"%04d-%02d-%02d\"", a->year, a->month,
			a->day);
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
