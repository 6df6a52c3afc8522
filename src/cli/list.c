/*
 * list — `bulletin list [FILTERS] [--limit N] [--header] [--format
 * text|tsv|json]`: the articles that match, newest first, read from the
 * store a page at a time (keyset paging) so that a long list starts at
 * once, through the pager on a terminal.
 */
#include "cli/cli.h"

int cli_list(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {0};
	struct cli_output o = {.format = CLI_FORMAT_TEXT};
	struct store *s = NULL;
	char err[1024];
	int status;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_filter_option(cli, &f, argc, argv, &i);

		if (r == 0)
			r = cli_output_option(cli, argc, argv, &i, &o,
					      CLI_TAKES_TSV | CLI_TAKES_LIMIT);
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0 && a[0] == '-')
			return cli_unknown_option(cli, a);
		if (r == 0) {
			cli_usage_error(cli, "unexpected '%s'", a);
			return EXIT_USAGE;
		}
	}
	if (store_filter_check(&f, err, sizeof err) != 0) {
		cli_usage_error(cli, "%s", err);
		return EXIT_USAGE;
	}
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		return EXIT_FAIL;
	status = cli_print_matches(cli, s, &f, &o);
	store_close(s);
	return status;
}
