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

int cli_parse(struct cli *cli, int argc, char **argv)
{
	struct page_options opt = {0};
	enum cli_format format = CLI_FORMAT_TEXT;
	struct page_context *ctx;
	char err[512];
	int i, first = 0, status = EXIT_DONE;
	size_t shown = 0;
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
		if (page->n_articles == 0) {
			fflush(stdout);
			cli_error(cli, "%s: no articles found", argv[i]);
		}
		for (size_t k = 0; k < page->n_articles; k++) {
			if (format == CLI_FORMAT_JSON)
				cli_json_article(stdout, &page->articles[k], 0,
						 page->source, NULL);
			else if (shown++ > 0)
				fputs("\n\f\n", stdout);
			if (format != CLI_FORMAT_JSON)
				cli_text_article(stdout, &page->articles[k],
						 NULL, page->source,
						 page->articles[k].line);
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
