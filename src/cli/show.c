/*
 * show — `bulletin show ID... [--format text|json]`: whole articles. JSON
 * is the shape of list and search with the article's text added (what
 * `bulletin parse --format json` writes, with the id and marks); text is
 * for reading in a terminal, every field sanitised, through the pager.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_show(struct cli *cli, int argc, char **argv)
{
	struct cli_output o = {.format = CLI_FORMAT_TEXT};
	struct store *s = NULL;
	long long *ids = NULL;
	size_t n_ids = 0;
	int status = EXIT_USAGE;

	ids = calloc((size_t)argc, sizeof *ids);
	if (!ids) {
		cli_error(cli, "out of memory");
		return EXIT_FAIL;
	}
	for (int i = 1; i < argc; i++) {
		int r = cli_output_option(cli, argc, argv, &i, &o, 0);
		char *end;

		if (r < 0)
			goto out;
		if (r > 0)
			continue;
		errno = 0;
		ids[n_ids] = strtoll(argv[i], &end, 10);
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			status = cli_unknown_option(cli, argv[i]);
			goto out;
		}
		if (errno || *end || end == argv[i] || ids[n_ids] <= 0) {
			cli_usage_error(cli, "'%s' is not an article id",
					argv[i]);
			goto out;
		}
		n_ids++;
	}
	if (n_ids == 0) {
		cli_usage_error(cli, "which article?");
		goto out;
	}
	status = EXIT_FAIL;
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		goto out;
	status = EXIT_DONE;
	for (size_t i = 0; i < n_ids && !cli_output_gone(cli); i++) {
		struct article a;
		char *source = NULL, err[1024];
		bool read = false, starred = false;

		if (store_get(s, ids[i], &a, &source, &read, &starred, err,
			      sizeof err) != 0) {
			cli_error(cli, "%s", err);
			status = EXIT_FAIL;
			continue;
		}
		cli_pager_start(cli); /* once, at the first article */
		if (o.format == CLI_FORMAT_JSON) {
			struct store_json j = {.id = ids[i],
					       .source = source,
					       .read = read,
					       .starred = starred,
					       .text = true};

			if (cli_json_article(stdout, &a, &j) != 0) {
				cli_error(cli, "out of memory");
				status = EXIT_FAIL;
			}
		} else {
			if (i > 0)
				fputs("\n\f\n", stdout);
			char marks[64];

			snprintf(marks, sizeof marks, "id: %lld%s%s", ids[i],
				 starred ? "  starred" : "",
				 read ? "" : "  unread");
			cli_text_article(stdout, &a, marks, source, 0);
		}
		page_article_clear(&a);
		free(source);
	}
	if (cli_flush(cli) != EXIT_DONE)
		status = EXIT_FAIL;
out:
	store_close(s);
	free(ids);
	return status;
}
