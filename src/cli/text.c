/*
 * text — an article written for reading in a terminal, the one text
 * rendering that `parse` and `show` share (json.c is its JSON twin). Page
 * text is untrusted: every string from a page goes through text_sanitize.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_put_safe(FILE *out, const char *s)
{
	char *clean;

	if (!s)
		return;
	clean = text_sanitize(s, strlen(s), false);
	fputs(clean ? clean : "?", out);
	free(clean);
}

static void put_list(FILE *out, const char *label,
		     const struct text_list *l)
{
	if (l->count == 0)
		return;
	fprintf(out, "%s: ", label);
	for (size_t i = 0; i < l->count; i++) {
		if (i > 0)
			fputs(", ", out);
		cli_put_safe(out, l->items[i]);
	}
	fputc('\n', out);
}

void cli_text_article(FILE *out, const struct article *a, const char *marks,
		      const char *source, int line)
{
	char date[16];

	if (a->lead_in) {
		cli_put_safe(out, a->lead_in);
		fputc('\n', out);
	}
	cli_put_safe(out, a->headline);
	fputc('\n', out);
	if (a->kicker) {
		cli_put_safe(out, a->kicker);
		fputc('\n', out);
	}
	fputc('\n', out);
	if (marks)
		fprintf(out, "%s\n", marks);
	store_date_text(a->year, a->month, a->day, a->precision, true, date);
	fprintf(out, "date: %s%s\n", date[0] ? date : "none",
		a->precision == DATE_APPROX ? " (approximate)" : "");
	if (a->city || a->county) {
		fputs("place: ", out);
		cli_put_safe(out, a->city);
		if (a->city && a->county)
			fputc(' ', out);
		cli_put_safe(out, a->county);
		fputc('\n', out);
	}
	put_list(out, "unions", &a->unions);
	if (a->n_reporters) {
		fputs("reporters: ", out);
		for (size_t i = 0; i < a->n_reporters; i++) {
			if (i > 0)
				fputs(", ", out);
			cli_put_safe(out, a->reporters[i].role);
			fputc(' ', out);
			cli_put_safe(out, a->reporters[i].name);
		}
		fputc('\n', out);
	}
	put_list(out, "authors", &a->authors);
	put_list(out, "topics", &a->topics);
	fputs("source: ", out);
	cli_put_safe(out, source);
	if (line > 0)
		fprintf(out, ":%d", line);
	fputc('\n', out);
	for (size_t i = 0; i < a->paragraphs.count; i++) {
		fputs("\n  ", out);
		cli_put_safe(out, a->paragraphs.items[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < a->captions.count; i++) {
		fputs("\n■ ", out);
		cli_put_safe(out, a->captions.items[i]);
		if (i < a->credits.count) {
			fputs(" (", out);
			cli_put_safe(out, a->credits.items[i]);
			fputc(')', out);
		}
		fputc('\n', out);
	}
}
