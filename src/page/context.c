/*
 * context — loads what every page is read with: the gazetteer
 * (data/admin-divisions/) and the topic rules (data/topics.txt, then the
 * user's override), and finds the folder bulletin's data lives in.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "page/context_private.h"

#ifndef BULLETIN_DATADIR
#define BULLETIN_DATADIR "/usr/local/share/bulletin"
#endif

int page_slurp(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int saved;

	if (!f)
		return -1;
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			char *b;

			cap = cap ? cap * 2 : 131072;
			b = realloc(buf, cap + 1);
			if (!b) {
				errno = ENOMEM;
				goto fail;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				errno = EIO;
				goto fail;
			}
			break;
		}
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
fail:
	saved = errno;
	free(buf);
	fclose(f);
	errno = saved;
	return -1;
}

int page_context_load(const char *data_dir, const char *topics_override,
		      struct page_context **out, char *err, size_t errlen)
{
	struct page_context *ctx = calloc(1, sizeof *ctx);
	char path[PATH_MAX];

	if (!ctx) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (gazetteer_load(&ctx->gazetteer, data_dir, err, errlen) < 0)
		goto fail;
	snprintf(path, sizeof path, "%s/topics.txt", data_dir);
	if (topics_load(&ctx->topics, path, true, err, errlen) < 0)
		goto fail;
	if (topics_override &&
	    topics_load(&ctx->topics, topics_override, false, err, errlen) < 0)
		goto fail;
	if (topics_finish(&ctx->topics) < 0) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	*out = ctx;
	return 0;
fail:
	page_context_free(ctx);
	return -1;
}

void page_context_free(struct page_context *ctx)
{
	if (!ctx)
		return;
	gazetteer_free(&ctx->gazetteer);
	topics_free(&ctx->topics);
	free(ctx);
}

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

const char *page_data_dir(void)
{
	const char *env = getenv("BULLETIN_DATA_DIR");

	if (env && *env)
		return env;
	pthread_once(&found_once, find_data_dir);
	return found_dir;
}
