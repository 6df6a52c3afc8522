/*
 * tui.c — `bulletin tui [FILTERS] [--search QUERY]`, also what `bulletin`
 * with no command runs: opens the reader with the filters already set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tui/tui.h"

/* $XDG_CONFIG_HOME/bulletin/config, else ~/.config/bulletin/config;
 * allocated, NULL when there is no home to look in. */
static char *config_path(void)
{
	const char *base = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *path;
	size_t len;

	if (base && base[0] == '/') {
		len = strlen(base) + sizeof "/bulletin/config";
		path = malloc(len);
		if (path)
			snprintf(path, len, "%s/bulletin/config", base);
		return path;
	}
	if (!home || !*home)
		return NULL;
	len = strlen(home) + sizeof "/.config/bulletin/config";
	path = malloc(len);
	if (path)
		snprintf(path, len, "%s/.config/bulletin/config", home);
	return path;
}

int cli_tui(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {.sort = STORE_SORT_DATE};
	struct store *s;
	char err[256];
	int status;

	for (int i = 1; i < argc; i++) {
		int r = cli_filter_option(cli, &f, argc, argv, &i);

		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		return cli_unknown_option(cli, argv[i]);
	}
	if (f.query && !*f.query)
		f.query = NULL;
	if (store_filter_check(&f, err, sizeof err) < 0) {
		cli_usage_error(cli, "%s", err);
		return EXIT_USAGE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(cli, "the reader needs a terminal");
		return EXIT_FAIL;
	}
	/* an archive the user may not write is read all the same */
	s = cli_open_filtered(cli, &f, STORE_WRITE_IF_ABLE);
	if (!s)
		return EXIT_FAIL;
	const char *no_color = getenv("NO_COLOR");
	char *config = config_path();
	struct tui_options options = {
		.no_color = no_color && *no_color,
		.exit_after_first_draw =
			getenv("BULLETIN_EXIT_AFTER_FIRST_DRAW") != NULL,
		.term = getenv("TERM"),
		.data_dir = cli_data_dir(),
		.config_path = config,
	};

	status = tui_run(s, &f, &options, err, sizeof err) < 0 ? EXIT_FAIL
							       : EXIT_DONE;
	store_close(s);
	free(config);
	if (status != EXIT_DONE)
		cli_error(cli, "%s", err);
	return status;
}
