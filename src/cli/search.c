/*
 * search — `bulletin search QUERY [FILTERS] [--sort rank|date] [--limit N]
 * [--header] [--format text|tsv|json]`: the articles that hold what QUERY asks for
 * (words all present, Chinese runs as written, "phrases", -exclusions,
 * OR), with every filter of `list`, newest first or best first, each with
 * a snippet around its first hit. Several words outside quotes may also be
 * given as separate arguments: `search 工会 培训`; after `--` every
 * argument is query text, even one that looks like an option.
 *
 * A query with nothing to search for is a failure (status 1) with the
 * store's message, not a usage error: whatever a user types is a query.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Appends word to the query being assembled in *query (allocated). */
static int add_word(char **query, const char *word)
{
	size_t old = *query ? strlen(*query) : 0;
	char *p = realloc(*query, old + strlen(word) + 2);

	if (!p)
		return -1;
	if (old)
		p[old++] = ' ';
	strcpy(p + old, word);
	*query = p;
	return 0;
}

int cli_search(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {0};
	struct cli_output o = {.format = CLI_FORMAT_TEXT};
	struct store *s = NULL;
	char err[1024], *query = NULL;
	bool options_done = false, have_query = false;
	int status = EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		int r;

		if (options_done || a[0] != '-' || a[1] != '-') {
			if (add_word(&query, a) != 0) {
				cli_error(cli, "out of memory");
				status = EXIT_FAIL;
				goto out;
			}
			have_query = true;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		r = cli_filter_option(cli, &f, argc, argv, &i);
		if (r < 0)
			goto out;
		if (r > 0)
			continue;
		r = cli_output_option(cli, argc, argv, &i, &o,
				      CLI_TAKES_TSV | CLI_TAKES_LIMIT);
		if (r < 0)
			goto out;
		if (r > 0)
			continue;
		if ((r = cli_option(cli, "--sort", argc, argv, &i, &value)) != 0) {
			if (r < 0)
				goto out;
			if (strcmp(value, "rank") == 0) {
				f.sort = STORE_SORT_RANK;
			} else if (strcmp(value, "date") == 0) {
				f.sort = STORE_SORT_DATE;
			} else {
				cli_usage_error(cli, "--sort is rank or date, "
						"not '%s'", value);
				goto out;
			}
		} else {
			cli_usage_error(cli, "unknown option '%s' (to search "
					"for it: bulletin search -- '%s')", a,
					a);
			goto out;
		}
	}
	if (f.query) { /* --search QUERY: words of the query too */
		if (add_word(&query, f.query) != 0) {
			cli_error(cli, "out of memory");
			status = EXIT_FAIL;
			goto out;
		}
		have_query = true;
	}
	if (!have_query) {
		cli_usage_error(cli, "what to search for?");
		goto out;
	}
	/* the query alone first: an unusable query is a failure, a bad
	 * filter a usage error */
	{
		struct store_filter q = {0};

		q.query = query;
		if (store_filter_check(&q, err, sizeof err) != 0) {
			cli_error(cli, "%s", err);
			status = EXIT_FAIL;
			goto out;
		}
	}
	f.query = query;
	if (store_filter_check(&f, err, sizeof err) != 0) {
		cli_usage_error(cli, "%s", err);
		goto out;
	}
	status = EXIT_FAIL;
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		goto out;
	status = cli_print_matches(cli, s, &f, &o);
out:
	store_close(s);
	free(query);
	return status;
}
