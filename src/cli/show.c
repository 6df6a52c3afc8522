/*
 * show — `bulletin show ID... [--format text|json]`: whole articles. JSON
 * is exactly what `bulletin parse --format json` writes for the article,
 * with its id; text is for reading in a terminal, every field sanitised.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_show(struct cli *cli, int argc, char **argv)
{
	enum cli_format format = CLI_FORMAT_TEXT;
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
		int r = cli_output_option(cli, argc, argv, &i, &format, false,
					  NULL);
		char *end;

		if (r < 0)
			goto out;
		if (r > 0)
			continue;
		errno = 0;
		ids[n_ids] = strtoll(argv[i], &end, 10);
		if (errno || *end || end == argv[i] || ids[n_ids] <= 0) {
			cli_error(cli, "show: '%s' is not an article id "
				  "(usage: bulletin show ID... [--format "
				  "text|json])", argv[i]);
			goto out;
		}
		n_ids++;
	}
	if (n_ids == 0) {
		cli_error(cli, "show: which article? (usage: bulletin show "
			  "ID... [--format text|json])");
		goto out;
	}
	status = EXIT_FAIL;
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		goto out;
	status = EXIT_DONE;
	for (size_t i = 0; i < n_ids; i++) {
		struct article a;
		char *source = NULL, err[1024];
		bool read = false, starred = false;

		if (store_get(s, ids[i], &a, &source, &read, &starred, err,
			      sizeof err) != 0) {
			cli_error(cli, "%s", err);
			status = EXIT_FAIL;
			continue;
		}
		if (format == CLI_FORMAT_JSON) {
			cli_json_article(stdout, &a, ids[i], source, NULL);
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
	if (fflush(stdout) != 0)
		status = EXIT_FAIL;
out:
	store_close(s);
	free(ids);
	return status;
}
