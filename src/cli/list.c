/*
 * list — `bulletin list [FILTERS] [--limit N] [--format text|tsv|json]`:
 * the articles that match, newest first, read from the store a page at a
 * time (keyset paging) so that a long list starts at once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define LIST_BATCH 500

static const char list_usage[] =
	"usage: bulletin list [--city C] [--county C] [--union U] [--topic T] "
	"[--reporter R] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unread] "
	"[--starred] [--limit N] [--format text|tsv|json]";

int cli_list(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {0};
	enum cli_format format = CLI_FORMAT_TEXT;
	struct store *s = NULL;
	long limit = 0, shown = 0;
	int64_t after = 0;
	char err[1024];
	int status = EXIT_FAIL;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_filter_option(cli, &f, argc, argv, &i);

		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		if ((strcmp(a, "--limit") == 0 || strcmp(a, "-n") == 0) &&
		    i + 1 < argc) {
			char *end;

			errno = 0;
			limit = strtol(argv[++i], &end, 10);
			if (errno || *end || limit < 0) {
				cli_error(cli, "--limit wants a number, not "
					  "'%s'", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			if (cli_format_parse(argv[++i], &format) != 0) {
				cli_error(cli, "--format is text, tsv or json");
				return EXIT_USAGE;
			}
		} else if (strncmp(a, "--format=", 9) == 0) {
			if (cli_format_parse(a + 9, &format) != 0) {
				cli_error(cli, "--format is text, tsv or json");
				return EXIT_USAGE;
			}
		} else {
			cli_error(cli, "list: unexpected '%s'\n%s", a,
				  list_usage);
			return EXIT_USAGE;
		}
	}
	if (store_filter_check(&f, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		return EXIT_USAGE;
	}
	s = cli_open_store(cli, STORE_MUST_EXIST);
	if (!s)
		return EXIT_FAIL;
	for (;;) {
		struct store_row *rows = NULL;
		size_t n = 0;
		int want = LIST_BATCH;

		if (limit > 0 && limit - shown < want)
			want = (int)(limit - shown);
		if (want == 0)
			break;
		if (store_list(s, &f, after, 0, want, &rows, &n, err,
			       sizeof err) != 0) {
			cli_error(cli, "%s", err);
			goto out;
		}
		cli_print_rows(stdout, format, rows, n);
		shown += (long)n;
		if (n > 0)
			after = rows[n - 1].id;
		store_rows_free(rows, n);
		if (n < (size_t)want)
			break;
	}
	status = fflush(stdout) == 0 ? EXIT_DONE : EXIT_FAIL;
out:
	store_close(s);
	return status;
}
