/*
 * import — `bulletin import [--encoding E] [--date YYYY-MM-DD] PATH...`:
 * files, folders (recursively, their *.txt in sorted order) and "-" for
 * standard input. A second thread reads and parses the pages (the costly
 * part besides SQLite's own index) into a small bounded queue while this
 * thread stores them: each file all or nothing, many files to a
 * transaction (a batch, store.h), committed every 256 files or every
 * second. A file that fails is named on standard error and leaves nothing;
 * the rest are imported, if need be one by one again (on a full disk, as
 * many as there is room for). A folder's walk takes
 * regular files only (or links to one): a named pipe, a device or a link
 * to nothing is named and skipped, as is a folder that cannot be read. A
 * page larger than --max-size (64 MB) is refused before it is read whole.
 * A summary at the end, a progress line on a terminal; exit 1 when any
 * file failed or was skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

/* A batch (store_batch_begin) ends after so many stored files or seconds,
 * whichever comes first: what a crash can lose and the next run takes
 * again. */
#define BATCH_FILES 256
#define BATCH_SECS 1.0
/* ... or when no page comes for so long: the write lock is not held while
 * the reader thread waits for its input. */
#define BATCH_IDLE_SECS 0.2
/* The pages read ahead (feed.c), in their bytes: about a batch of them
 * (a page parsed takes about three times its bytes). */
#define FEED_BYTES ((size_t)4 << 20)

struct file_list {
	char **paths;
	size_t n, cap;
};

/* One file read and parsed by the reader thread. */
struct parsed {
	const char *path;
	char *full_path; /* its absolute path, NULL for standard input */
	char *bytes;
	size_t len;
	unsigned char sha256[32]; /* of bytes, as read on the feed's thread */
	struct page *page; /* NULL when it failed: see err */
	unsigned char (*identities)[32]; /* its articles', made alike; or NULL */
	struct store_origin origin; /* set when it is stored */
	char err[1024];
};

struct import_job {
	const struct page_context *ctx;
	struct page_options opt;
	char date[16]; /* --date as given, or "" */
	const struct file_list *files;
	size_t max_size; /* bytes: a larger page is refused */
};

static int add_path(struct file_list *l, const char *path)
{
	char *copy = strdup(path);

	if (!copy)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **p = realloc(l->paths, cap * sizeof *p);

		if (!p) {
			free(copy);
			return -1;
		}
		l->paths = p;
		l->cap = cap;
	}
	l->paths[l->n++] = copy;
	return 0;
}

static void free_list(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Whether a walk takes path, whose lstat is *st: a regular file, or a link
 * to one. Anything else is named, counted in *failed and skipped: opening
 * a named pipe waits for a writer, a device may never end. */
static bool take_file(const struct cli *cli, const char *path,
		      const struct stat *st, size_t *failed)
{
	struct stat target;

	if (S_ISREG(st->st_mode))
		return true;
	if (S_ISLNK(st->st_mode)) {
		if (stat(path, &target) != 0) {
			cli_error(cli, "%s: a link to nothing (%s), skipped",
				  path, strerror(errno));
		} else if (S_ISREG(target.st_mode)) {
			return true;
		} else {
			cli_error(cli, "%s: a link to %s, not to a regular "
				  "file, skipped", path,
				  cli_file_kind(target.st_mode));
		}
	} else {
		cli_error(cli, "%s: not a regular file (%s), skipped", path,
			  cli_file_kind(st->st_mode));
	}
	(*failed)++;
	return false;
}

/* Adds the *.txt files under dir, sorted, folders recursively. A folder
 * that cannot be read is named and counted in *failed, and the walk goes
 * on with the rest; returns -1 only when out of memory. */
static int walk(const struct cli *cli, const char *dir, struct file_list *l,
		size_t *failed)
{
	struct file_list names = {0};
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = -1;

	if (!d) {
		cli_error(cli, "%s: %s, not imported", dir, strerror(errno));
		(*failed)++;
		return 0;
	}
	for (;;) {
		errno = 0;
		e = readdir(d);
		if (!e)
			break;
		if (e->d_name[0] == '.')
			continue;
		if (add_path(&names, e->d_name) != 0)
			goto out;
	}
	if (errno != 0) {
		cli_error(cli, "%s: %s, not all imported", dir,
			  strerror(errno));
		(*failed)++;
	}
	if (names.n)
		qsort(names.paths, names.n, sizeof names.paths[0],
		      compare_names);
	for (size_t i = 0; i < names.n; i++) {
		size_t len = strlen(dir) + strlen(names.paths[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!path)
			goto out;
		snprintf(path, len, "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/",
			 names.paths[i]);
		if (lstat(path, &st) != 0) {
			if (is_txt(names.paths[i])) {
				cli_error(cli, "%s: %s, skipped", path,
					  strerror(errno));
				(*failed)++;
			}
		} else if (S_ISDIR(st.st_mode)) {
			if (walk(cli, path, l, failed) != 0) {
				free(path);
				goto out;
			}
		} else if (is_txt(names.paths[i]) &&
			   take_file(cli, path, &st, failed) &&
			   add_path(l, path) != 0) {
			free(path);
			goto out;
		}
		free(path);
	}
	rc = 0;
out:
	closedir(d);
	free_list(&names);
	return rc;
}

/* The message for a page larger than max bytes. */
static void too_large(const char *path, size_t max, char *err, size_t errlen)
{
	if (max % (1 << 20) == 0)
		snprintf(err, errlen, "%s: larger than %zu MB (--max-size "
			 "raises the limit), not read", path, max >> 20);
	else
		snprintf(err, errlen, "%s: larger than %zu bytes (--max-size "
			 "raises the limit), not read", path, max);
}

int cli_read_file(const char *path, size_t max, char **bytes, size_t *len,
		  char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	struct stat st;
	int rc = -1;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size > max) {
		too_large(path, max, err, errlen);
		goto out;
	}
	for (;;) {
		if (cap - n < 65536) {
			size_t ncap = cap ? cap * 2 : 65536 * 2;
			char *p = realloc(buf, ncap);

			if (!p) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto out;
			}
			buf = p;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			too_large(path, max, err, errlen);
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	buf[n] = '\0';
	*bytes = buf;
	*len = n;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* --max-size's value: N bytes, or N followed by K, M or G (binary); 0 when
 * it is none or out of range. */
static size_t parse_size(const char *s)
{
	size_t n = 0, unit = 1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > ((size_t)-1 - 9) / 10)
			return 0;
		n = n * 10 + (size_t)(*p - '0');
	}
	switch (*p) {
	case '\0':
		break;
	case 'k':
	case 'K':
		unit = (size_t)1 << 10;
		break;
	case 'm':
	case 'M':
		unit = (size_t)1 << 20;
		break;
	case 'g':
	case 'G':
		unit = (size_t)1 << 30;
		break;
	default:
		return 0;
	}
	if (*p && p[1] != '\0')
		return 0;
	if (n > (size_t)-1 / unit - 1) /* room for the terminating NUL */
		return 0;
	return n * unit;
}

static void parsed_free(struct parsed *p)
{
	if (!p)
		return;
	free(p->bytes);
	free(p->full_path);
	page_free(p->page);
	free(p->identities);
	free(p);
}

static void drop_parsed(void *p)
{
	parsed_free(p);
}

/* The hashes that name p's articles in the store, made here rather than
 * on the writing thread; none when out of memory (the store makes them). */
static void identify(struct parsed *p)
{
	size_t n = p->page->n_articles;

	p->identities = n ? malloc(n * sizeof *p->identities) : NULL;
	for (size_t i = 0; p->identities && i < n; i++) {
		char *identity = page_article_identity(&p->page->articles[i]);

		if (!identity) {
			free(p->identities);
			p->identities = NULL;
			break;
		}
		store_sha256(identity, strlen(identity), p->identities[i]);
		free(identity);
	}
}

/* File i read and parsed, on the feed's thread (feed.c); NULL when out of
 * memory. A file that can be read again keeps its page and hash only. */
static void *read_one(void *arg, size_t i, size_t *bytes)
{
	const struct import_job *job = arg;
	struct parsed *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->path = job->files->paths[i];
	if (strcmp(p->path, "-") != 0)
		p->full_path = cli_full_path(p->path);
	if (cli_read_file(p->path, job->max_size, &p->bytes, &p->len, p->err,
			  sizeof p->err) != 0)
		return p;
	/* the store keeps the bytes' hash: made here, beside the parsing,
	 * it is off the writing thread */
	store_sha256(p->bytes, p->len, p->sha256);
	if (page_read(job->ctx, &job->opt, p->path, p->bytes, p->len,
		      &p->page, p->err, sizeof p->err) != 0)
		p->page = NULL;
	else
		identify(p);
	*bytes = p->len;
	if (p->full_path) {
		free(p->bytes);
		p->bytes = NULL;
	}
	return p;
}

/* What the run has stored so far: the summary's counts. */
struct tally {
	long long n_new, n_known;
	size_t failed;
	size_t kept; /* files whose batch committed */
	size_t empty; /* files read whole that hold no article */
};

/* The files stored in the open batch (store_batch_begin), held until it
 * commits: if it cannot, they are read again and go in one by one, so
 * that a file that fails still takes no other file with it. Their pages
 * are freed once stored (and their bytes once read, but standard input's): a
 * batch holds a second of files, and a page read is several times its
 * bytes. */
struct batch {
	bool open;
	size_t n;
	double t0;
	double last_yield; /* when the write lock was last let go a moment */
	struct parsed *held[BATCH_FILES];
	struct store_import_result res[BATCH_FILES];
};

/* Commits the open batch; when it cannot, stores its files again one by
 * one, as many as there is room for. Returns 0, or STORE_FULL when the
 * disk is full (the file it stopped at goes to full_at; the files not kept
 * are counted in neither t->kept nor t->failed: the caller stops). */
static int batch_end(struct cli *cli, const struct import_job *job,
		     struct store *s, struct batch *b, struct tally *t,
		     bool tty, char full_at[1024])
{
	char err[1024];
	int rc = store_batch_commit(s, err, sizeof err);
	bool kept = rc == 0, full = false;

	b->open = false;
	for (size_t i = 0; i < b->n; i++) {
		struct parsed *p = b->held[i];
		struct store_import_result res = b->res[i];

		if (!kept && !full) {
			if (!p->bytes)
				p->origin.sha256 = NULL; /* read anew */
			p->origin.identities = NULL; /* ... and parsed */
			rc = p->bytes ? 0
				      : cli_read_file(p->path, job->max_size,
						      &p->bytes, &p->len, err,
						      sizeof err);
			if (rc == 0)
				rc = page_read(job->ctx, &job->opt, p->path,
					       p->bytes, p->len, &p->page, err,
					       sizeof err);
			if (rc == 0)
				rc = store_import_from(s, p->page, &p->origin,
						       p->bytes, p->len, &res,
						       err, sizeof err);
			full = rc == STORE_FULL;
			if (full && !full_at[0])
				snprintf(full_at, 1024, "%s", p->path);
			if (rc != 0 && !full) {
				if (tty)
					fputs("\r\033[K", stderr);
				cli_error(cli, "%s", err);
				t->failed++;
			}
		}
		if (kept || (!full && rc == 0)) {
			t->n_new += res.articles_new;
			t->n_known += res.articles_known;
			t->kept++;
		}
		parsed_free(p);
	}
	b->n = 0;
	return full ? STORE_FULL : 0;
}


/* Takes the write lock for the first batch. Another import (or another
 * writer) holding it: --no-wait gives up at once; otherwise the import
 * says so once and waits its turn. Returns 0, or STORE_FULL, STORE_BUSY or
 * -1 with a message printed. */
static int first_batch(struct cli *cli, struct store *s, bool no_wait)
{
	char err[1024];
	int rc;

	store_set_busy_timeout(s, 0);
	rc = store_batch_begin(s, err, sizeof err);
	if (rc == STORE_BUSY && no_wait) {
		cli_error(cli, "another import (or another program) is writing "
			  "to the store; nothing imported (--no-wait)");
		return rc;
	}
	if (rc == STORE_BUSY) {
		fprintf(stderr, "waiting for another import\u2026\n");
		store_set_busy_timeout(s, -1);
		rc = store_batch_begin(s, err, sizeof err);
	}
	store_set_busy_timeout(s, -1); /* take turns with it until the end */
	if (rc != 0)
		cli_error(cli, "%s", err);
	return rc;
}

int cli_import(struct cli *cli, int argc, char **argv)
{
	struct import_job job;
	struct file_list files = {0};
	struct page_context *ctx = NULL;
	struct store *s = NULL;
	struct page_options opt = {0};
	struct feed *feed = NULL;
	bool tty = isatty(2);
	size_t done = 0;
	struct tally tally = {0, 0, 0, 0, 0};
	struct batch b = {.open = false, .n = 0};
	double last = 0, t0;
	size_t max_size = CLI_MAX_SIZE_DEFAULT;
	int i, status = EXIT_FAIL, stop = 0;
	bool no_wait = false, begun = false;
	const char *pages_env;
	char full_at[1024] = "";

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		int r;

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "--no-wait") == 0) {
			no_wait = true;
			continue;
		}
		r = cli_page_option(cli, argc, argv, &i, &opt);
		if (r == 0) {
			r = cli_option(cli, "--max-size", argc, argv, &i, &v);
			if (r > 0 && (max_size = parse_size(v)) == 0) {
				cli_usage_error(cli, "--max-size '%s' is not "
						"a size such as 64M", v);
				return EXIT_USAGE;
			}
		}
		if (r < 0)
			return EXIT_USAGE;
		if (r > 0) {
			continue;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_unknown_option(cli, a);
		} else {
			break;
		}
	}
	if (i >= argc) {
		cli_usage_error(cli, "which files?");
		return EXIT_USAGE;
	}
	for (; i < argc; i++) {
		struct stat st;

		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (walk(cli, argv[i], &files, &tally.failed) != 0) {
				cli_error(cli, "out of memory");
				goto out;
			}
		} else if (add_path(&files, argv[i]) != 0) {
			cli_error(cli, "out of memory");
			goto out;
		}
	}
	ctx = cli_page_context(cli);
	if (!ctx)
		goto out;
	s = cli_open_store(cli, STORE_BULK);
	if (!s)
		goto out;
	pages_env = getenv("BULLETIN_TEST_MAX_PAGES");
	if (pages_env && *pages_env) {
		char err[1024];

		if (store_limit_pages(s, atoll(pages_env), err,
				      sizeof err) != 0) {
			cli_error(cli, "%s", err);
			goto out;
		}
	}
	t0 = b.last_yield = cli_now();
	memset(&job, 0, sizeof job);
	job.ctx = ctx;
	job.opt = opt;
	if (opt.year > 0)
		snprintf(job.date, sizeof job.date, "%04d-%02d-%02d",
			 opt.year % 10000, opt.month % 100, opt.day % 100);
	job.files = &files;
	job.max_size = max_size;
	feed = feed_start(files.n, FEED_BYTES, read_one, drop_parsed, &job);
	if (!feed) {
		cli_error(cli, "cannot start the reader thread");
		goto out;
	}
	while (stop == 0) {
		bool idle;
		struct parsed *p = feed_take(feed, b.open ? BATCH_IDLE_SECS
							   : -1, &idle);
		struct store_import_result res;
		char err[1024];
		int rc;

		if (idle) {
			/* the pages come slowly (a pipe, a large page): the
			 * lock is not held while they do */
			stop = batch_end(cli, &job, s, &b, &tally, tty,
					 full_at);
			continue;
		}
		if (b.open && (!p || b.n == BATCH_FILES ||
			       cli_now() - b.t0 > BATCH_SECS)) {
			stop = batch_end(cli, &job, s, &b, &tally, tty,
					 full_at);
			if (stop == 0 && p)
				cli_let_writers_in(&b.last_yield);
		}
		if (!p && stop == 0 && !feed_whole(feed)) {
			cli_error(cli, "out of memory: %zu file%s not read",
				  files.n - done, files.n - done == 1 ? "" : "s");
			tally.failed += files.n - done;
		}
		if (!p || stop != 0) {
			parsed_free(p); /* not stored: the disk is full */
			break;
		}
		done++;
		if (!p->page) {
			if (tty)
				fputs("\r\033[K", stderr);
			cli_error(cli, "%s", p->err);
			tally.failed++;
			parsed_free(p);
		} else if (!b.open && !begun &&
			   (rc = first_batch(cli, s, no_wait)) != 0) {
			if (rc == -1)
				tally.failed++;
			else
				stop = rc;
			parsed_free(p);
		} else if (!b.open && begun &&
			   (rc = store_batch_begin(s, err, sizeof err)) != 0) {
			cli_error(cli, "%s: not imported (%s)", p->path, err);
			if (rc == STORE_FULL)
				stop = rc;
			else
				tally.failed++;
			parsed_free(p);
		} else {
			begun = true;
			if (!b.open) {
				b.open = true;
				b.t0 = cli_now();
			}
			p->origin = (struct store_origin){
				.path = p->path,
				.full_path = p->full_path,
				.encoding = job.opt.encoding,
				.date = job.date[0] ? job.date : NULL,
				.options_known = true,
				.sha256 = p->sha256,
				.identities = (const unsigned char (*)[32])
						      p->identities,
			};
			rc = store_import_from(s, p->page, &p->origin, p->bytes,
					       p->len, &res, err, sizeof err);
			if (rc == STORE_FULL) {
				/* the files before it are kept when they
				 * can be; no other file is tried */
				batch_end(cli, &job, s, &b, &tally, tty,
					  full_at);
				if (!full_at[0])
					snprintf(full_at, sizeof full_at, "%s",
						 p->path);
				parsed_free(p);
				stop = STORE_FULL;
			} else if (rc != 0) {
				if (tty)
					fputs("\r\033[K", stderr);
				cli_error(cli, "%s", err);
				tally.failed++;
				parsed_free(p);
				/* the failure may have ended the batch's
				 * transaction: keep what it holds now */
				stop = batch_end(cli, &job, s, &b, &tally, tty,
					 full_at);
			} else {
				if (p->page->n_articles == 0) {
					if (tty)
						fputs("\r\033[K", stderr);
					cli_error(cli, "%s: no articles found",
						  p->path);
					tally.empty++;
				}
				/* a file is read again if need be (read_one
				 * kept the bytes of standard input only) */
				page_free(p->page);
				p->page = NULL;
				free(p->identities);
				p->identities = NULL;
				p->origin.identities = NULL;
				b.held[b.n] = p;
				b.res[b.n++] = res;
			}
		}
		if (tty && cli_now() - last > 0.1) {
			last = cli_now();
			fprintf(stderr, "\rimporting: %zu/%zu files, %lld new "
				"articles", done, files.n, tally.n_new);
		}
	}
	if (b.open && stop != 0)
		/* what it can keep */
		batch_end(cli, &job, s, &b, &tally, tty, full_at);
	if (tty)
		fputs("\r\033[K", stderr);
	/* the search index merged where the import let it pile up, and the
	 * facets of the new articles packed for searches (pack.c); without
	 * them a search is right but slower */
	if (stop == 0 && tally.n_new > 0) {
		char err[1024];

		if (tty)
			fputs("merging the search index\u2026", stderr);
		if (store_fts_merge(s, err, sizeof err) != 0)
			cli_error(cli, "%s", err);
		if (tty)
			fputs("\r\033[K", stderr);
		if (store_pack_refresh(s, err, sizeof err) != 0)
			cli_error(cli, "%s", err);
	}
	double secs = cli_now() - t0;
	if (stop == STORE_BUSY)
		goto out; /* --no-wait: said so */
	if (stop == STORE_FULL) {
		cli_error(cli, "the disk is full: the import stopped%s%s; %zu "
			  "of %zu file%s kept (%lld new article%s), nothing of "
			  "the others stored", full_at[0] ? " at " : "",
			  full_at, tally.kept, files.n, files.n == 1 ? "" : "s",
			  tally.n_new, tally.n_new == 1 ? "" : "s");
		goto out;
	}
	char empty[64] = "";

	if (tally.empty)
		snprintf(empty, sizeof empty, ", %zu without articles",
			 tally.empty);
	fprintf(stderr, "%zu file%s: %lld new article%s, %lld already known, "
		"%zu failed%s (%.1f s)\n", done, done == 1 ? "" : "s",
		tally.n_new, tally.n_new == 1 ? "" : "s", tally.n_known,
		tally.failed, empty, secs);
	status = tally.failed ? EXIT_FAIL : EXIT_DONE;
out:
	feed_stop(feed); /* a stop: the reader thread gives up at once */
	store_close(s);
	page_context_free(ctx);
	free_list(&files);
	return status;
}
