/*
 * parse.c — `bulletin parse`: reads pages and prints what the importer
 * reads in them, without storing anything: a readable rendering, or one
 * JSON object per article. A file that cannot be read gets one line on
 * standard error and the others are still read (exit 1 at the end).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Prints page text made harmless for a terminal. */
static void put_safe(FILE *out, const char *s)
{
	char *safe = text_sanitize(s, strlen(s), false);

	fputs(safe ? safe : "?", out);
	free(safe);
}

static void put_list(FILE *out, const char *label, const struct text_list *l)
{
	if (l->count == 0)
		return;
	fprintf(out, "  %s: ", label);
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			fputs(", ", out);
		put_safe(out, l->items[i]);
	}
	fputc('\n', out);
}

static void print_text(FILE *out, const struct page *page,
		       const struct article *a)
{
	fprintf(out, "[%d] ", a->ordinal);
	put_safe(out, a->headline ? a->headline : "");
	fputc('\n', out);
	fputs("  source: ", out);
	put_safe(out, page->source);
	fprintf(out, ":%d\n", a->line);
	if (a->kicker) {
		fputs("  kicker: ", out);
		put_safe(out, a->kicker);
		fputc('\n', out);
	}
	if (a->lead_in) {
		fputs("  lead-in: ", out);
		put_safe(out, a->lead_in);
		fputc('\n', out);
	}
	if (a->year > 0 && a->month > 0 && a->day > 0)
		fprintf(out, "  date: %04d-%02d-%02d (%s)\n", a->year, a->month,
			a->day, page_precision_name(a->precision));
	else
		fprintf(out, "  date: none (%s)\n",
			page_precision_name(a->precision));
	if (a->city || a->county) {
		fputs("  place: ", out);
		if (a->city)
			put_safe(out, a->city);
		if (a->city && a->county)
			fputc(' ', out);
		if (a->county)
			put_safe(out, a->county);
		fputc('\n', out);
	}
	put_list(out, "unions", &a->unions);
	put_list(out, "topics", &a->topics);
	if (a->n_reporters > 0) {
		fputs("  reporters: ", out);
		for (size_t i = 0; i < a->n_reporters; i++) {
			if (i)
				fputs(", ", out);
			put_safe(out, a->reporters[i].role);
			fputc(' ', out);
			put_safe(out, a->reporters[i].name);
		}
		fputc('\n', out);
	}
	put_list(out, "authors", &a->authors);
	for (size_t i = 0; i < a->paragraphs.count; i++) {
		fputs("\n  ", out);
		put_safe(out, a->paragraphs.items[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < a->captions.count; i++) {
		fputs("\n  [photo] ", out);
		put_safe(out, a->captions.items[i]);
		if (i < a->credits.count) {
			fputs(" (", out);
			put_safe(out, a->credits.items[i]);
			fputc(')', out);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
}

int cli_parse(struct cli *cli, int argc, char **argv)
{
	struct page_options opt = {0};
	enum cli_format format = CLI_FORMAT_TEXT;
	struct page_context *ctx;
	char err[512];
	int i, first = 0, status = EXIT_DONE;
	bool options_done = false;

	for (i = 1; i < argc; i++) {
		int got;

		if (options_done || argv[i][0] != '-' || strcmp(argv[i], "-") == 0) {
			if (!first)
				first = i;
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			options_done = true;
			continue;
		}
		got = cli_page_option(cli, argc, argv, &i, &opt);
		if (got == 0)
			got = cli_output_option(cli, argc, argv, &i, &format,
						false, NULL);
		if (got < 0)
			return EXIT_USAGE;
		if (got == 0) {
			cli_error(cli, "parse: unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!first) {
		cli_error(cli, "parse: no file given (usage: bulletin parse "
			       "[--encoding E] [--date YYYY-MM-DD] "
			       "[--format text|json] FILE...)");
		return EXIT_USAGE;
	}
	ctx = cli_page_context(cli);
	if (!ctx)
		return EXIT_FAIL;
	options_done = false;
	for (i = 1; i < argc; i++) {
		struct page *page = NULL;

		if (!options_done && strcmp(argv[i], "--") == 0) {
			options_done = true;
			continue;
		}
		if (!options_done && argv[i][0] == '-' && strcmp(argv[i], "-") != 0) {
			if (!strchr(argv[i], '='))
				i++; /* its value */
			continue;
		}
		if (page_read_file(ctx, &opt, argv[i], &page, err, sizeof err) < 0) {
			fflush(stdout);
			cli_error(cli, "%s", err);
			status = EXIT_FAIL;
			continue;
		}
		for (size_t k = 0; k < page->n_articles; k++) {
			if (format == CLI_FORMAT_JSON)
				cli_json_article(stdout, &page->articles[k], 0,
						 page->source, NULL);
			else
				print_text(stdout, page, &page->articles[k]);
		}
		page_free(page);
	}
	page_context_free(ctx);
	if (fflush(stdout) != 0) {
		cli_error(cli, "parse: cannot write the output");
		status = EXIT_FAIL;
	}
	return status;
}
