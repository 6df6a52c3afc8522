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
 * then. A second thread reads and parses the files (feed.c) while this
 * one stores them, many files to a transaction (a batch, store.h), as an
 * import does; a full disk stops the run. A source whose page had
 * articles another source held is read once more at the end, in case that
 * source let them go. A progress line on a terminal, a summary at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* One source with the file it is read from. */
struct entry {
	struct store_source *src;
	const char *file; /* NULL: read from standard input */
	bool own_file;    /* file was made here (not src's full_path) */
};

/* What the run did: the summary's counts. */
struct totals {
	size_t reread, missing, failed, from_stdin;
	long long before, after, marks_kept, stdin_articles;
};

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

/* A batch of sources (store_batch_begin) ends after so many of them or
 * seconds, whichever comes first, as an import's does (import.c). */
#define BATCH_SOURCES 256
#define BATCH_SECS 1.0
/* The files read ahead (feed.c), in their bytes: fewer than an import
 * keeps, as a reread holds more for each (its sources, their articles),
 * and its writes keep pace (at a million articles, 4 MB of files took
 * the reread to 80.7 MB, with no gain of time). */
#define FEED_BYTES ((size_t)1 << 20)

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

/* One file of the run (its sources entries[first..first+n)), read and
 * parsed ahead on the feed's thread (feed.c). */
struct reading {
	size_t first, n;
	long long articles; /* the sources' articles as stored */
	char *bytes;
	size_t len;
	unsigned char sha256[32]; /* of bytes, made on the feed's thread */
	struct page *page; /* NULL when it could not be read: see err */
	bool missing;      /* ... because the file is gone or unreadable */
	struct store_origin origin;
	char err[1024];
};

/* What the feed's thread reads from: the sources by file, the files. */
struct run {
	const struct entry *entries;
	const struct page_context *ctx;
	const struct group { size_t first, n; } *groups;
};

static void reading_free(void *arg)
{
	struct reading *r = arg;

	if (!r)
		return;
	page_free(r->page);
	free(r->bytes);
	free(r);
}

/* Reads and parses file group i of the run; NULL when out of memory. */
static void *read_group(void *arg, size_t i, size_t *bytes)
{
	const struct run *run = arg;
	const struct entry *group = &run->entries[run->groups[i].first];
	struct reading *r = calloc(1, sizeof *r);
	struct page_options opt;
	const char *file = group[0].file;

	if (!r)
		return NULL;
	r->first = run->groups[i].first;
	r->n = run->groups[i].n;
	for (size_t k = 0; k < r->n; k++)
		r->articles += group[k].src->articles;
	r->origin.path = group[0].src->path;
	r->origin.full_path = file;
	if (cli_read_file(file, CLI_MAX_SIZE_DEFAULT, &r->bytes, &r->len,
			  r->err, sizeof r->err) != 0) {
		r->missing = true;
		return r;
	}
	store_sha256(r->bytes, r->len, r->sha256);
	r->origin.sha256 = r->sha256;
	options_of(group[r->n - 1].src, r->bytes, r->len, &opt, &r->origin);
	if (page_read(run->ctx, &opt, file, r->bytes, r->len, &r->page,
		      r->err, sizeof r->err) != 0)
		r->page = NULL;
	else if (r->page->n_articles == 0 && r->articles > 0) {
		/* a page that was read and now holds nothing is far more
		 * often a damaged file than an empty page */
		snprintf(r->err, sizeof r->err, "%s: no articles found in it "
			 "now", file);
		page_free(r->page);
		r->page = NULL;
	}
	*bytes = r->len;
	free(r->bytes); /* the store needs its hash only */
	r->bytes = NULL;
	return r;
}

/* Replaces the sources of r with its page (store_reread; within the run's
 * batch, if one is open). second: the run's second look at a source that
 * shared articles with another; only what changes is added to done.
 * Failures are counted in t, what was reread in done; *full is set when
 * the disk is full. Returns the store_reread_result's articles_elsewhere,
 * or -1 when the sources were left as they were. */
static int store_group(struct cli *cli, struct store *s,
		       const struct entry *entries, const struct reading *r,
		       bool second, struct totals *t, struct totals *done,
		       bool tty, bool *full)
{
	struct store_reread_result res;
	int64_t *ids;
	char err[1024];
	int rc;

	if (!r->page) {
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "%s; its %lld article%s kept", r->err,
			  r->articles, plural(r->articles));
		if (r->missing)
			t->missing++;
		else
			t->failed++;
		return -1;
	}
	ids = malloc(r->n * sizeof *ids);
	if (!ids) {
		cli_error(cli, "out of memory");
		t->failed++;
		return -1;
	}
	for (size_t i = 0; i < r->n; i++)
		ids[i] = entries[r->first + i].src->id;
	/* the second time, the first source is the file's only one */
	rc = store_reread(s, ids, second ? 1 : r->n, r->page, &r->origin,
			  r->bytes, r->len, &res, err, sizeof err);
	if (rc != 0) {
		*full = rc == STORE_FULL;
		if (tty)
			fputs("\r\033[K", stderr);
		if (!*full)
			cli_error(cli, "%s", err);
		t->failed += !*full;
		free(ids);
		return -1;
	}
	free(ids);
	if (second) {
		done->after += res.articles_after - res.articles_before;
		done->marks_kept += res.marks_restored;
	} else {
		done->reread++;
		done->before += res.articles_before;
		done->after += res.articles_after;
		done->marks_kept += res.marks_kept;
	}
	return res.articles_elsewhere;
}

/* Commits the open batch: what it reread goes from *done to *t; if it
 * cannot, none of it is kept, and its sources are counted as failed (not
 * when the disk is full: the run stops, and says so). Returns 0 or
 * STORE_FULL. */
static int batch_end(struct cli *cli, struct store *s, struct totals *t,
		     struct totals *done, bool full, bool tty)
{
	size_t sources = (size_t)done->reread;
	char err[1024];
	int rc = store_batch_commit(s, err, sizeof err);

	if (rc == 0) {
		t->reread += done->reread;
		t->before += done->before;
		t->after += done->after;
		t->marks_kept += done->marks_kept;
	} else if (!full && rc != STORE_FULL) {
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "%s; %zu source%s not reread, their articles "
			  "as they were", err, sources,
			  plural((long long)sources));
		t->failed += sources;
	}
	memset(done, 0, sizeof *done);
	return full || rc == STORE_FULL ? STORE_FULL : 0;
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
	size_t n_groups = 0, batch_n = 0;
	struct group *groups = NULL, *again = NULL;
	struct totals done_in_batch;
	struct feed *feed = NULL;
	struct run run;
	bool tty = isatty(2), idle, batch_open = false, full = false;
	char full_at[1024] = "";
	double t0, last = 0, batch_t0 = 0, last_yield = 0;
	const char *pages_env;
	int64_t lost = 0;
	int i = 1, status = EXIT_FAIL;

	memset(&t, 0, sizeof t);
	memset(&done_in_batch, 0, sizeof done_in_batch);
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
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_BULK);
	if (!s)
		goto out;
	/* the run holds its list of sources besides (about 35 MB at a
	 * million articles): a smaller cache keeps it under 64 MB, and a
	 * reread, which leaves unchanged full-text rows alone, has time to
	 * spare against an import */
	if (store_set_cache(s, 16, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		goto out;
	}
	pages_env = getenv("BULLETIN_TEST_MAX_PAGES");
	if (pages_env && *pages_env &&
	    store_limit_pages(s, atoll(pages_env), err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		goto out;
	}
	if (store_sources(s, &sources, &n_sources, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		goto out;
	}
	entries = calloc(n_sources + 1, sizeof *entries);
	again = calloc(n_sources + 1, sizeof *again);
	groups = calloc(n_sources + 1, sizeof *groups);
	if (!entries || !again || !groups) {
		cli_error(cli, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < n_sources; k++) {
		struct store_source *src = &sources[k];
		char *made = NULL;
		const char *file = src->full_path;

		if (!file && strcmp(src->path, "-") != 0) {
			file = made = cli_full_path(src->path);
			if (!made) {
				cli_error(cli, "out of memory");
				goto out;
			}
		}
		if (!wanted(paths, n_paths, file)) {
			free(made);
			continue;
		}
		entries[n].src = src;
		entries[n].own_file = made != NULL;
		entries[n++].file = file;
	}
	if (n > 1)
		qsort(entries, n, sizeof *entries, by_file);

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
		groups[n_groups].first = k;
		groups[n_groups++].n = m;
		k += m;
	}

	t0 = last_yield = cli_now();
	run = (struct run){entries, ctx, groups};
	feed = feed_start(n_groups, FEED_BYTES, read_group, reading_free,
			  &run);
	if (!feed) {
		cli_error(cli, "cannot start the reader thread");
		goto out;
	}
	for (;;) {
		struct reading *r = feed_take(feed, -1, &idle);

		if (batch_open && (!r || full || batch_n == BATCH_SOURCES ||
				   cli_now() - batch_t0 > BATCH_SECS)) {
			full = batch_end(cli, s, &t, &done_in_batch, full,
					 tty) == STORE_FULL;
			batch_open = false;
			cli_let_writers_in(&last_yield);
		}
		if (full) {
			if (!full_at[0] && r)
				snprintf(full_at, sizeof full_at, "%s",
					 entries[r->first].file);
			reading_free(r);
			break;
		}
		if (!r)
			break;
		if (!batch_open && r->page) {
			if (store_batch_begin(s, err, sizeof err) != 0) {
				cli_error(cli, "%s", err);
				t.failed++;
				reading_free(r);
				done++;
				continue;
			}
			batch_open = true;
			batch_n = 0;
			batch_t0 = cli_now();
		}
		if (store_group(cli, s, entries, r, false, &t, &done_in_batch,
				tty, &full) > 0)
			again[n_again++] = (struct group){r->first, r->n};
		if (full) {
			snprintf(full_at, sizeof full_at, "%s",
				 entries[r->first].file);
			reading_free(r);
			continue; /* the batch ends, and the run */
		}
		batch_n++;
		reading_free(r);
		done++;
		if (tty && cli_now() - last > 0.1) {
			last = cli_now();
			fprintf(stderr, "\rrereading: %zu/%zu sources, %lld "
				"articles", done, n - t.from_stdin,
				t.after + done_in_batch.after);
		}
	}
	if (full) {
		/* the batch that filled the disk is gone: nothing else is
		 * tried (its marks held for later sources went with it) */
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error(cli, "the disk is full: the reread stopped at %s; %zu "
			  "source%s reread, the others as they were", full_at,
			  t.reread, plural((long long)t.reread));
		goto out;
	}
	if (!feed_whole(feed)) {
		cli_error(cli, "out of memory: %zu file%s not reread",
			  n_groups - done,
			  plural((long long)(n_groups - done)));
		t.failed += n_groups - done;
	}
	/* a page whose articles another source held: that source may have
	 * let them go since (each in a transaction of its own) */
	for (size_t k = 0; k < n_again; k++) {
		size_t bytes;
		struct reading *r = read_group(&(struct run){entries, ctx,
							     &again[k]}, 0,
					       &bytes);

		if (!r) {
			cli_error(cli, "out of memory");
			t.failed++;
			continue;
		}
		store_group(cli, s, entries, r, true, &t, &t, tty, &full);
		reading_free(r);
		if (full) {
			cli_error(cli, "the disk is full: the reread stopped at "
				  "%s; %zu source%s reread, the others as they "
				  "were", entries[again[k].first].file, t.reread,
				  plural((long long)t.reread));
			goto out;
		}
	}
	if (tty)
		fputs("\r\033[K", stderr);
	if (store_reread_marks_lost(s, &lost, err, sizeof err) != 0)
		cli_error(cli, "%s", err);
	if (t.reread > 0 && store_fts_merge(s, err, sizeof err) != 0)
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
		t.missing, t.failed, cli_now() - t0);
	status = t.missing || t.failed ? EXIT_FAIL : EXIT_DONE;
out:
	feed_stop(feed);
	for (size_t k = 0; k < n; k++)
		if (entries[k].own_file)
			free((char *)entries[k].file);
	free(entries);
	free(again);
	free(groups);
	for (size_t k = 0; k < n_paths; k++)
		free(paths[k]);
	free(paths);
	store_sources_free(sources, n_sources);
	store_close(s);
	page_context_free(ctx);
	return status;
}
