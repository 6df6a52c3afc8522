/*
 * context — finds bulletin's data folder, and loads the page context every
 * importing command reads pages with: the gazetteer and topic rules from
 * the data folder (cli_data_dir()), and the user's
 * topic rules from $XDG_CONFIG_HOME/bulletin/topics.txt
 * (~/.config/bulletin/topics.txt), which replace or add topics.
 */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static bool is_data_dir(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/admin-divisions/areas.csv", dir) >=
	    (int)sizeof path)
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder found once per process: written only inside pthread_once,
 * read-only afterwards. */
static char found_dir[PATH_MAX];
static pthread_once_t found_once = PTHREAD_ONCE_INIT;

/* Beside the running program first, so that an installed copy finds its
 * own data wherever it was installed (PREFIX/bin/bulletin reads
 * PREFIX/share/bulletin) and a build finds the source tree's data/ (the
 * program is in build/); then the folder compiled in; then ./data. */
static void find_data_dir(void)
{
	static const char *const beside[] = {"/../share/bulletin", "/data",
					     "/../data"};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (size_t i = 0; slash && i < sizeof beside / sizeof *beside;
		     i++) {
			int len = snprintf(found_dir, sizeof found_dir,
					   "%s%s", exe, beside[i]);

			if (len > 0 && len < (int)sizeof found_dir &&
			    is_data_dir(found_dir))
				return;
		}
	}
	snprintf(found_dir, sizeof found_dir, "%s", BULLETIN_DATADIR);
	if (!is_data_dir(found_dir))
		snprintf(found_dir, sizeof found_dir, "data");
}

const char *cli_data_dir(void)
{
	const char *env = getenv("BULLETIN_DATA_DIR");

	if (env && *env)
		return env;
	pthread_once(&found_once, find_data_dir);
	return found_dir;
}

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
	if (page_context_load(cli_data_dir(), path, &ctx, err, sizeof err) <
	    0) {
		cli_error(cli, "%s", err);
		return NULL;
	}
	return ctx;
}
