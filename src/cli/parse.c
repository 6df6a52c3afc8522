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
	struct cli_output o = {.format = CLI_FORMAT_TEXT};
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
			got = cli_output_option(cli, argc, argv, &i, &o, 0);
		if (got < 0)
			return EXIT_USAGE;
		if (got == 0)
			return cli_unknown_option(cli, argv[i]);
	}
	if (!first) {
		cli_usage_error(cli, "no file given");
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
			struct store_json j = {.source = page->source,
					       .text = true};

			if (o.format == CLI_FORMAT_JSON) {
				if (cli_json_article(stdout, &page->articles[k],
						     &j) != 0)
					status = EXIT_FAIL;
				continue;
			}
			if (shown++ > 0)
				fputs("\n\f\n", stdout);
			cli_text_article(stdout, &page->articles[k], NULL,
					 page->source, page->articles[k].line);
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
