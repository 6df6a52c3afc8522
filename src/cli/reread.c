/*
 * reread — `bulletin reread [PATH...]`: every stored source (or those
 * under the PATHs given) read again from its file with the current page
 * reader and topic rules, its articles replaced and the user's marks kept
 * on the same stories (store_reread). A source's file is its recorded
 * absolute path, else (a source imported before paths were recorded) its
 * path as given, taken from the current folder; sources of one file are
 * reread together. The encoding and page date are those the import was
 * given, when recorded; else, while the file's bytes are those imported,
 * the encoding it was read in and its page date of a whole day. A file
 * that is gone, unreadable, no longer text or holds no article now is
 * named on standard error and its articles are kept as they were; exit 1
 * then. A source whose
 * page had articles another source held is read once more at the end, in
 * case that source let them go. A progress line on a terminal, a summary
 * at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* One source with the file it is read from. */
struct entry {
	struct store_source *src;
	char *file; /* allocated; NULL: read from standard input */
};

/* What the run did: the summary's counts. */
struct totals {
	size_t reread, missing, failed, from_stdin;
	long long before, after, marks_kept, stdin_articles;
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_file(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c;

	if (!a->file || !b->file) {
		if (a->file != b->file)
			return a->file ? 1 : -1;
	} else if ((c = strcmp(a->file, b->file)) != 0) {
		return c;
	}
	return a->src->id < b->src->id ? -1 : a->src->id > b->src->id;
}

/* True when file is one of the PATHs or lies under one. */
static bool wanted(char **paths, size_t n, const char *file)
{
	if (n == 0)
		return true;
	if (!file)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(paths[i]);

		if (strncmp(file, paths[i], len) == 0 &&
		    (file[len] == '\0' || file[len] == '/' ||
		     (len > 0 && paths[i][len - 1] == '/')))
			return true;
	}
	return false;
}

static const char *plural(long long n)
{
	return n == 1 ? "" : "s";
}

/* The page options to read the source with: those its import was given,
 * else, while the bytes are those it was read from, its encoding and
 * its page date of a whole day. */
static void options_of(const struct store_source *src, const char *bytes,
		       size_t len, struct page_options *opt,
		       struct store_origin *origin)
{
	const char *date = NULL;

	memset(opt, 0, sizeof *opt);
	if (src->options_known) {
		opt->encoding = src->given_encoding;
		date = src->given_date;
		origin->encoding = src->given_encoding;
		origin->date = src->given_date;
	} else if (store_source_same_bytes(src, bytes, len)) {
		opt->encoding = src->encoding;
		if (src->page_date && strlen(src->page_date) == 10)
			date = src->page_date;
	}
	if (date && sscanf(date, "%4d-%2d-%2d", &opt->year, &opt->month,
			   &opt->day) != 3)
		opt->year = opt->month = opt->day = 0;
	origin->options_known = src->options_known;
}

/* Rereads the sources group[0..n) (one file). second: the run's second
 * look at a source that shared articles with another; only what changes
 * is added to t. Returns the store_reread_result's articles_elsewhere, or
 * -1 when the source was left as it was. */
static int reread_group(struct cli *cli, struct store *s,
			const struct page_context *ctx,
			const struct entry *group, size_t n, bool second,
			struct totals *t, bool tty)
{
	const struct store_source *newest = group[n - 1].src;
	const char *file = group[0].file;
	struct store_reread_result res;
	struct store_origin origin = {.path = group[0].src->path,
				      .full_path = file};
	struct page_options opt;
	struct page *page = NULL;
	int64_t *ids = NULL;
	long long articles = 0;
	char *bytes = NULL, err[1024];
	size_t len = 0;
	int result = -1;

	for (size_t i = 0; i < n; i++)
		articles += group[i].src->articles;
	if (cli_read_file(file, CLI_MAX_SIZE_DEFAULT, &bytes, &len, err, sizeof err) != 0) {
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "%s; its %lld article%s kept", err,
			       articles, plural(articles));
		t->missing++;
		goto out;
	}
	options_of(newest, bytes, len, &opt, &origin);
	if (page_read(ctx, &opt, file, bytes, len, &page, err,
		      sizeof err) != 0) {
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "%s; its %lld article%s kept", err,
			       articles, plural(articles));
		t->failed++;
		goto out;
	}
	if (page->n_articles == 0 && articles > 0) {
		/* a page that was read and now holds nothing is far more
		 * often a damaged file than an empty page */
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "%s: no articles found in it now; its %lld "
			       "article%s kept", file, articles,
			       plural(articles));
		t->failed++;
		goto out;
	}
	ids = malloc(n * sizeof *ids);
	if (!ids) {
		cli_error(cli, "out of memory");
		t->failed++;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = group[i].src->id;
	/* the second time, the first source is the file's only one */
	if (store_reread(s, ids, second ? 1 : n, page, &origin, bytes, len, &res, err,
			 sizeof err) != 0) {
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "%s", err);
		t->failed++;
		goto out;
	}
	if (second) {
		t->after += res.articles_after - res.articles_before;
		t->marks_kept += res.marks_restored;
	} else {
		t->reread++;
		t->before += res.articles_before;
		t->after += res.articles_after;
		t->marks_kept += res.marks_kept;
	}
	result = res.articles_elsewhere;
out:
	page_free(page);
	free(bytes);
	free(ids);
	return result;
}

int cli_reread(struct cli *cli, int argc, char **argv)
{
	struct store_source *sources = NULL;
	struct entry *entries = NULL;
	struct page_context *ctx = NULL;
	struct store *s = NULL;
	struct totals t;
	char **paths = NULL, err[1024];
	size_t n_paths = 0, n_sources = 0, n = 0, done = 0, n_again = 0;
	struct { size_t first, n; } *again = NULL;
	bool tty = isatty(2);
	double t0, last = 0;
	int64_t lost = 0;
	int i = 1, status = EXIT_FAIL;

	memset(&t, 0, sizeof t);
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		return cli_unknown_option(cli, argv[i]);
	}
	paths = calloc((size_t)argc + 1, sizeof *paths);
	if (!paths) {
		cli_error(cli, "out of memory");
		return EXIT_FAIL;
	}
	for (; i < argc; i++) {
		if (!(paths[n_paths] = cli_full_path(argv[i]))) {
			cli_error(cli, "out of memory");
			goto out;
		}
		n_paths++;
	}
	ctx = cli_page_context(cli);
	if (!ctx)
		goto out;
	s = cli_open_store(cli, STORE_MUST_EXIST);
	if (!s)
		goto out;
	if (store_sources(s, &sources, &n_sources, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		goto out;
	}
	entries = calloc(n_sources + 1, sizeof *entries);
	again = calloc(n_sources + 1, sizeof *again);
	if (!entries || !again) {
		cli_error(cli, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < n_sources; k++) {
		struct store_source *src = &sources[k];
		char *file = NULL;

		if (src->full_path)
			file = strdup(src->full_path);
		else if (strcmp(src->path, "-") != 0)
			file = cli_full_path(src->path);
		if (!file && (src->full_path || strcmp(src->path, "-") != 0)) {
			cli_error(cli, "out of memory");
			goto out;
		}
		if (!wanted(paths, n_paths, file)) {
			free(file);
			continue;
		}
		entries[n].src = src;
		entries[n++].file = file;
	}
	if (n > 1)
		qsort(entries, n, sizeof *entries, by_file);

	t0 = now_seconds();
	for (size_t k = 0; k < n;) {
		size_t m = 1;

		if (!entries[k].file) {
			/* standard input: nothing to read again */
			t.from_stdin++;
			t.stdin_articles += entries[k].src->articles;
			k++;
			continue;
		}
		while (k + m < n && entries[k + m].file &&
		       strcmp(entries[k + m].file, entries[k].file) == 0)
			m++;
		if (reread_group(cli, s, ctx, &entries[k], m, false, &t,
				 tty) > 0) {
			again[n_again].first = k;
			again[n_again++].n = m;
		}
		k += m;
		done++;
		if (tty && now_seconds() - last > 0.1) {
			last = now_seconds();
			fprintf(stderr, "\rrereading: %zu/%zu sources, %lld "
				"articles", done, n - t.from_stdin, t.after);
		}
	}
	/* a page whose articles another source held: that source may have
	 * let them go since */
	for (size_t k = 0; k < n_again; k++)
		reread_group(cli, s, ctx, &entries[again[k].first],
			     again[k].n, true, &t, tty);
	if (tty)
		fputs("\r\033[K", stderr);
	if (store_reread_marks_lost(s, &lost, err, sizeof err) != 0)
		cli_error(cli, "%s", err);
	if (t.reread > 0 && store_pack_refresh(s, err, sizeof err) != 0)
		cli_error(cli, "%s", err);
	if (t.from_stdin)
		fprintf(stderr, "%zu source%s read from standard input, not "
			"reread: %lld article%s kept\n", t.from_stdin,
			plural((long long)t.from_stdin), t.stdin_articles,
			plural(t.stdin_articles));
	fprintf(stderr, "%zu source%s reread: %lld article%s before, %lld "
		"after; %lld mark%s kept, %lld lost with their articles; "
		"%zu missing, %zu failed (%.1f s)\n", t.reread,
		plural((long long)t.reread), t.before, plural(t.before),
		t.after, t.marks_kept, plural(t.marks_kept), (long long)lost,
		t.missing, t.failed, now_seconds() - t0);
	status = t.missing || t.failed ? EXIT_FAIL : EXIT_DONE;
out:
	for (size_t k = 0; k < n; k++)
		free(entries[k].file);
	free(entries);
	free(again);
	for (size_t k = 0; k < n_paths; k++)
		free(paths[k]);
	free(paths);
	store_sources_free(sources, n_sources);
	store_close(s);
	page_context_free(ctx);
	return status;
}
