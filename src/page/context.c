/*
 * context — loads what every page is read with: the gazetteer
 * (data/admin-divisions/) and the topic rules (data/topics.txt, then the
 * user's override), from the data folder the caller names.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"

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
