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

/* $XDG_name/bulletin/file (xdg: the variable, absolute to count), else
 * ~/fallback/bulletin/file; allocated, NULL when there is no home to look
 * in. */
static char *xdg_path(const char *xdg, const char *fallback,
		      const char *file)
{
	const char *base = getenv(xdg);
	const char *home = getenv("HOME");
	char *path;
	size_t len;

	if (base && base[0] == '/') {
		len = strlen(base) + strlen(file) + sizeof "/bulletin/";
		path = malloc(len);
		if (path)
			snprintf(path, len, "%s/bulletin/%s", base, file);
		return path;
	}
	if (!home || !*home)
		return NULL;
	len = strlen(home) + strlen(fallback) + strlen(file) +
	      sizeof "//bulletin/";
	path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s/bulletin/%s", home, fallback, file);
	return path;
}

/* The config file: --config, else $BULLETIN_CONFIG, else
 * $XDG_CONFIG_HOME/bulletin/config (~/.config/bulletin/config). */
static char *config_path(const char *given)
{
	const char *env = getenv("BULLETIN_CONFIG");

	if (given)
		return strdup(given);
	if (env && *env)
		return strdup(env);
	return xdg_path("XDG_CONFIG_HOME", ".config", "config");
}

int cli_tui(struct cli *cli, int argc, char **argv)
{
	struct store_filter f = {.sort = STORE_SORT_DATE};
	struct store *s;
	const char *given_config = cli->config_path;
	char err[256];
	int status;

	for (int i = 1; i < argc; i++) {
		int r = cli_filter_option(cli, &f, argc, argv, &i);

		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--config") == 0) {
			if (i + 1 >= argc) {
				cli_usage_error(cli, "--config wants a file");
				return EXIT_USAGE;
			}
			given_config = argv[++i];
			continue;
		}
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
	const char *exit_after = getenv("BULLETIN_EXIT_AFTER_FIRST_DRAW");
	char *config = config_path(given_config);
	char *history = xdg_path("XDG_STATE_HOME", ".local/state", "history");
	struct tui_options options = {
		.no_color = no_color && *no_color,
		.exit_after_first_draw = exit_after &&
					 strcmp(exit_after, "list") != 0,
		.exit_after_list = exit_after &&
				   strcmp(exit_after, "list") == 0,
		.term = getenv("TERM"),
		.data_dir = cli_data_dir(),
		.config_path = config,
		.pager = getenv("PAGER"),
		.history_path = history,
	};

	status = tui_run(s, &f, &options, err, sizeof err) < 0 ? EXIT_FAIL
							       : EXIT_DONE;
	store_close(s);
	free(config);
	free(history);
	if (status != EXIT_DONE)
		cli_error(cli, "%s", err);
	return status;
}
