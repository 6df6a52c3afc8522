/*
 * context — loads the page context every importing command reads pages
 * with: the gazetteer and topic rules from page_data_dir(), and the user's
 * topic rules from $XDG_CONFIG_HOME/bulletin/topics.txt
 * (~/.config/bulletin/topics.txt), which replace or add topics.
 */
#include <limits.h>
#include <stdlib.h>

#include "cli/cli.h"

struct page_context *cli_page_context(const struct cli *cli)
{
	const char *config = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char override[PATH_MAX], err[512];
	const char *path = NULL;
	struct page_context *ctx = NULL;
	int n = -1;

	if (config && *config)
		n = snprintf(override, sizeof override,
			     "%s/bulletin/topics.txt", config);
	else if (home && *home)
		n = snprintf(override, sizeof override,
			     "%s/.config/bulletin/topics.txt", home);
	if (n > 0 && (size_t)n < sizeof override)
		path = override;
	if (page_context_load(page_data_dir(), path, &ctx, err, sizeof err) <
	    0) {
		cli_error(cli, "%s", err);
		return NULL;
	}
	return ctx;
}
