/*
 * list — `bulletin list [FILTERS] [--limit N] [--format text|tsv|json]`:
 * the articles that match, newest first, read from the store a page at a
 * time (keyset paging) so that a long list starts at once.
 */
#include "cli/cli.h"

static const char list_usage[] =
	"usage: bulletin list [--city C] [--county C] [--union U] [--topic T] "
	"[--reporter R] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unread] "
	"[--starred] [--limit N] [--format text|tsv|json]";

int cli_list(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {0};
	enum cli_format format = CLI_FORMAT_TEXT;
	struct store *s = NULL;
	long limit = 0;
	char err[1024];
	int status;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_filter_option(cli, &f, argc, argv, &i);

		if (r == 0)
			r = cli_output_option(cli, argc, argv, &i, &format, true,
					      &limit);
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0) {
			cli_error(cli, "list: unexpected '%s'\n%s", a,
				  list_usage);
			return EXIT_USAGE;
		}
	}
	if (store_filter_check(&f, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		return EXIT_USAGE;
	}
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		return EXIT_FAIL;
	status = cli_print_matches(cli, s, &f, limit, format);
	store_close(s);
	return status;
}
