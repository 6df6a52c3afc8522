/*
 * mark — `bulletin mark --read|--unread|--star|--unstar [FILTERS] [--all]
 * [ID...]`: the reader's marks for scripts. Marks every article the
 * filters match and every id given, in one transaction (--unread is the
 * mark here, not the filter of that name); with neither,
 * --all is asked for, so that a forgotten filter never marks the whole
 * store.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_mark(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {.sort = STORE_SORT_DATE};
	struct store *s = NULL;
	int64_t *ids = NULL, marked = 0;
	size_t n_ids = 0;
	int read = -1, starred = -1, rc, status = EXIT_USAGE;
	bool all = false, filtered = false;
	const char *what = NULL;
	char err[1024];

	ids = calloc((size_t)argc, sizeof *ids);
	if (!ids) {
		cli_error(cli, "out of memory");
		return EXIT_FAIL;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		char *end;
		int r;

		/* before the filters: --unread here is the mark, not the
		 * filter of that name */
		if (strcmp(a, "--read") == 0 || strcmp(a, "--unread") == 0) {
			read = a[2] == 'r';
			what = a + 2;
			continue;
		}
		if (strcmp(a, "--star") == 0 || strcmp(a, "--unstar") == 0) {
			starred = a[2] == 's';
			what = a[2] == 's' ? "starred" : "unstarred";
			continue;
		}
		if (strcmp(a, "--all") == 0) {
			all = true;
			continue;
		}
		r = cli_filter_option(cli, &f, argc, argv, &i);
		if (r < 0)
			goto out;
		if (r > 0) {
			filtered = true;
			continue;
		}
		errno = 0;
		ids[n_ids] = strtoll(a, &end, 10);
		if (a[0] == '-' && a[1] == '-') {
			status = cli_unknown_option(cli, a);
			goto out;
		}
		if (errno || *end || end == a || ids[n_ids] <= 0) {
			cli_usage_error(cli, "'%s' is not an article id", a);
			goto out;
		}
		n_ids++;
	}
	if (read < 0 && starred < 0) {
		cli_usage_error(cli, "--read, --unread, --star or --unstar?");
		goto out;
	}
	if (!filtered && n_ids == 0 && !all) {
		cli_usage_error(cli, "which articles? FILTERS, IDs, or --all "
				"for every one");
		goto out;
	}
	if (store_filter_check(&f, err, sizeof err) != 0) {
		cli_usage_error(cli, "%s", err);
		goto out;
	}
	status = EXIT_FAIL;
	s = filtered ? cli_open_filtered(cli, &f,
					 STORE_MUST_EXIST | STORE_UPGRADE)
		     : cli_open_store(cli, STORE_MUST_EXIST | STORE_UPGRADE);
	if (!s)
		goto out;
	rc = store_mark_many(s, filtered || all ? &f : NULL, ids, n_ids, read,
			     starred, &marked, err, sizeof err);
	if (rc != 0) {
		cli_error(cli, "%s%s", err,
			  rc == STORE_BUSY ? " (another program is writing "
					     "to the store; nothing marked)"
					   : "; nothing marked");
		goto out;
	}
	printf("%lld article%s marked %s\n", (long long)marked,
	       marked == 1 ? "" : "s", what);
	status = fflush(stdout) == 0 ? EXIT_DONE : EXIT_FAIL;
out:
	store_close(s);
	free(ids);
	return status;
}
