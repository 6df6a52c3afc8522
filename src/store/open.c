/*
 * open — opening the store: where it lives by default, refusing files that
 * are not ours (not a database, corrupt, made by a newer bulletin) without
 * touching them, the connection's settings (WAL, synchronous=NORMAL,
 * foreign keys, busy timeout, the CJK tokenizer) and the forward
 * migrations of schema.c, each in its own transaction.
 *
 * A store in a place the user may not write (a read-only mount, a shared
 * archive) is read all the same: SQLite reads a WAL database read-only
 * only when it can make or open the -shm file beside it; where it cannot,
 * the file is opened immutable=1 (no locks, no journal read), which is
 * right for an archive nobody writes, and what the -wal may hold is said.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_impl.h"

#define STORE_BUSY_MS 5000

/* Creates the folders above path (mkdir -p of its dirname). */
static int make_parent(const char *path, char *err, size_t errlen)
{
	char *dir = strdup(path);
	int rc = -1;

	if (!dir) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		rc = 0;
		goto out;
	}
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: cannot create the folder: %s",
				 dir, strerror(errno));
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	rc = 0;
out:
	free(dir);
	return rc;
}

/* Reads one integer from a one-row statement. */
static int query_int(sqlite3 *db, const char *sql, int64_t *value)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*value = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Says why a database cannot be ours, from a probe's result code. */
static int refuse(const char *path, int rc, sqlite3 *db, char *err,
		  size_t errlen)
{
	if (rc == SQLITE_NOTADB)
		snprintf(err, errlen, "%s: not a bulletin database (not an "
			 "SQLite file); left untouched", path);
	else if (rc == SQLITE_CORRUPT)
		snprintf(err, errlen, "%s: the database is corrupt; left "
			 "untouched", path);
	else
		snprintf(err, errlen, "%s: cannot read the database: %s", path,
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	return -1;
}

/* Whether the database on db (opened read-only) is one of ours: not a
 * database, corrupt, made by a newer bulletin or by another program are
 * refused. Sets *version to its schema version. */
static int check_ours(sqlite3 *db, const char *path, int64_t *version,
		      char *err, size_t errlen)
{
	int64_t n = 0;
	int rc;

	*version = 0;
	rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &n);
	if (rc == SQLITE_OK)
		rc = query_int(db, "PRAGMA user_version", version);
	if (rc != SQLITE_OK)
		return refuse(path, sqlite3_extended_errcode(db) & 0xff, db,
			      err, errlen);
	if (*version > (int64_t)store_n_migrations) {
		snprintf(err, errlen, "%s: made by a newer bulletin (schema "
			 "version %lld, this one knows %zu); left untouched",
			 path, (long long)*version, store_n_migrations);
		return -1;
	}
	if (*version == 0 && n > 0) {
		snprintf(err, errlen, "%s: an SQLite database that bulletin "
			 "did not make; left untouched", path);
		return -1;
	}
	return 0;
}

/* SQLite's busy handler: polls the lock every millisecond until the
 * store's busy timeout, so that a writer that lets the lock go for a few
 * milliseconds between batches is caught (SQLite's own handler sleeps up to
 * 100 ms between tries and misses it). */
static int busy_wait(void *context, int count)
{
	struct store *s = context;
	struct timespec ts;
	double now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	if (count == 0)
		s->busy_since = now;
	if (s->busy_ms >= 0 && (now - s->busy_since) * 1000 >= s->busy_ms)
		return 0;
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000;
	nanosleep(&ts, NULL);
	return 1;
}

void store_set_busy_timeout(struct store *s, int ms)
{
	s->busy_ms = ms < 0 ? -1 : ms;
}

const char *store_read_only_why(const struct store *s)
{
	return s->read_only_why;
}

const char *store_warning(const struct store *s)
{
	return s->warning;
}

int store_set_cache(struct store *s, int mb, char *err, size_t errlen)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", mb * 1024);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s->db, err, errlen, "setting the cache");
	return 0;
}

int store_limit_pages(struct store *s, int64_t pages, char *err,
		      size_t errlen)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
		 (long long)pages);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s->db, err, errlen, "limiting the size");
	return 0;
}

/* An allocated message, or NULL when out of memory. */
static char *message(const char *fmt, const char *a, const char *b)
{
	int n = snprintf(NULL, 0, fmt, a, b);
	char *m = n >= 0 ? malloc((size_t)n + 1) : NULL;

	if (m)
		snprintf(m, (size_t)n + 1, fmt, a, b);
	return m;
}

/* Why the user may not write the store at path or the folder it is in
 * (allocated), or NULL when both may be written. */
static char *not_writable(const char *path)
{
	char *dir, *slash, *why = NULL;

	if (access(path, W_OK) != 0)
		return message("%s cannot be written (%s)", path,
			       strerror(errno));
	dir = strdup(path);
	if (!dir)
		return NULL;
	slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (access(dir, W_OK | X_OK) != 0)
		why = message("its folder %s cannot be written (%s)", dir,
			      strerror(errno));
	free(dir);
	return why;
}

/* path as an SQLite URI filename with the query q: "file:" and the path,
 * with every byte but letters, digits and "/._-~" percent-encoded (a "?",
 * "#" or "%" in a name would otherwise be read as URI syntax). */
static char *uri_of(const char *path, const char *q)
{
	size_t n = strlen(path), used = 0;
	char *uri = malloc(strlen("file://") + 3 * n + 1 + strlen(q) + 1);

	if (!uri)
		return NULL;
	used += (size_t)sprintf(uri, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
			uri[used++] = (char)*p;
		else
			used += (size_t)sprintf(uri + used, "%%%02X", *p);
	}
	sprintf(uri + used, "?%s", q);
	return uri;
}

/* Opens s->db read-only on path: as any reader, else, when SQLite cannot
 * make the -shm file a WAL database needs (a folder the user may not
 * write, a read-only mount), as an immutable file. Returns an SQLite code;
 * s->db is set either way (NULL only when out of memory). */
static int open_read_only(struct store *s, const char *path)
{
	const int oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	char *uri = uri_of(path, "mode=ro");
	int64_t n;
	int rc;

	if (!uri)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri, &s->db, oflags, NULL);
	free(uri);
	if (rc == SQLITE_OK) {
		sqlite3_busy_handler(s->db, busy_wait, s);
		rc = query_int(s->db, "SELECT count(*) FROM sqlite_schema", &n);
	}
	if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
		return SQLITE_OK; /* check_ours says what else is wrong */
	if (access(path, R_OK) != 0)
		return rc;
	sqlite3_close(s->db);
	s->db = NULL;
	uri = uri_of(path, "mode=ro&immutable=1");
	if (!uri)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri, &s->db, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return rc;
	if (!s->read_only_why)
		s->read_only_why = message("the folder of %s cannot be "
					   "written%s", path, "");
	char *wal = message("%s-wal%s", path, "");
	struct stat st;

	if (wal && stat(wal, &st) == 0 && st.st_size > 0)
		s->warning = message("%s holds changes not yet in the "
				     "database; they cannot be read where "
				     "its folder cannot be written, and are "
				     "not shown (%s)", wal,
				     "its owner folds them in by opening the "
				     "reader on it once");
	free(wal);
	return SQLITE_OK;
}

/* Puts the store in WAL mode. Two programs creating the same new store at
 * once race for the lock this takes, and SQLite answers the loser at once
 * with SQLITE_BUSY, not through the busy handler: it waits its turn here,
 * as long as the busy handler would. */
/* A new store's pages: 16 KB (SQLite's are 4 KB), so that the full-text
 * index is written in a quarter as many pieces (schema.c, migration 14):
 * at 200,000 articles the import took a fifth less time. A store made
 * before keeps its pages (SQLite ignores this once the file has any). */
static int new_page_size(sqlite3 *db)
{
	return sqlite3_exec(db, "PRAGMA page_size=16384", NULL, NULL, NULL);
}

static int set_wal(sqlite3 *db)
{
	int rc = SQLITE_BUSY;

	for (int waited = 0; waited <= STORE_BUSY_MS; waited += 10) {
		rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		sqlite3_sleep(10);
	}
	return rc;
}

/* Looks at an existing file read-only, so that a file we must refuse is
 * never written. */
static int probe(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	int64_t version;
	int rc, result = -1;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		refuse(path, rc, db, err, errlen);
		goto out;
	}
	sqlite3_busy_timeout(db, STORE_BUSY_MS);
	result = check_ours(db, path, &version, err, errlen);
out:
	sqlite3_close(db);
	return result;
}

/* Brings the schema forward. A store already current is only read: no
 * write lock, so that a second writer (an import while another runs) is
 * not made to wait here, nor fail, when nothing needs migrating. */
static int migrate(sqlite3 *db, store_progress_fn progress, void *context,
		   char *err, size_t errlen)
{
	int64_t current = -1;

	if (query_int(db, "PRAGMA user_version", &current) == SQLITE_OK &&
	    current == (int64_t)store_n_migrations)
		return 0;
	for (;;) {
		int64_t version = 0;
		char sql[64];

		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK)
			return store_fail(db, err, errlen, "migrating");
		if (query_int(db, "PRAGMA user_version", &version) != SQLITE_OK)
			goto fail;
		if (version > (int64_t)store_n_migrations) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			snprintf(err, errlen, "made by a newer bulletin (schema "
				 "version %lld)", (long long)version);
			return -1;
		}
		if (version == (int64_t)store_n_migrations) {
			if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) !=
			    SQLITE_OK)
				goto fail;
			return 0;
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %lld",
			 (long long)version + 1);
		if (sqlite3_exec(db, store_migrations[version], NULL, NULL,
				 NULL) != SQLITE_OK ||
		    (version + 1 == STORE_MIGRATION_REINDEX &&
		     store_reindex(db, progress, context) != SQLITE_OK) ||
		    (version + 1 == STORE_MIGRATION_PACK &&
		     store_pack_make(db, err, errlen) != 0) ||
		    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		continue;
fail:
		store_fail(db, err, errlen, "migrating the schema");
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
}

int store_open(const char *path, int flags, struct store **out,
	       char *err, size_t errlen)
{
	return store_open_progress(path, flags, NULL, NULL, out, err, errlen);
}

int store_open_progress(const char *path, int flags,
			store_progress_fn progress, void *context,
			struct store **out, char *err, size_t errlen)
{
	struct store *s = NULL;
	struct stat st;
	bool exists;
	int rc;
	char msg[512], *why = NULL;

	exists = stat(path, &st) == 0;
	if ((flags & STORE_WRITE_IF_ABLE) && !(flags & STORE_READ_ONLY) &&
	    exists && S_ISREG(st.st_mode) && st.st_size > 0) {
		why = not_writable(path);
		if (why)
			flags |= STORE_READ_ONLY;
	}
	if ((flags & (STORE_MUST_EXIST | STORE_READ_ONLY)) &&
	    (!exists || (S_ISREG(st.st_mode) && st.st_size == 0))) {
		snprintf(err, errlen, "%s: no database here yet; import pages "
			 "first with 'bulletin import PATH...'", path);
		free(why);
		return -1;
	}
	if (exists && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a folder, not a database", path);
		free(why);
		return -1;
	}
	/* a read-only connection is its own probe */
	if (exists && st.st_size > 0 && !(flags & STORE_READ_ONLY) &&
	    probe(path, err, errlen) != 0)
		return -1;
	if (!exists && !(flags & STORE_READ_ONLY) &&
	    make_parent(path, err, errlen) != 0)
		return -1;

	s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		free(why);
		return -1;
	}
	s->flags = flags;
	s->busy_ms = STORE_BUSY_MS;
	s->read_only_why = why;
	if (flags & STORE_READ_ONLY)
		rc = open_read_only(s, path);
	else
		rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
						   SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_busy_handler(s->db, busy_wait, s) != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot set up the database: %s",
			 path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (flags & STORE_READ_ONLY) {
		int64_t version;

		if (check_ours(s->db, path, &version, err, errlen) != 0)
			goto fail;
		if (version < (int64_t)store_n_migrations) {
			if (flags & STORE_UPGRADE) {
				/* once, read-write: probe, migrate */
				store_close(s);
				return store_open_progress(
					path, flags & ~STORE_READ_ONLY,
					progress, context, out, err, errlen);
			}
			snprintf(err, errlen, "%s: the database needs an "
				 "upgrade; open it once with 'bulletin "
				 "import'", path);
			goto fail;
		}
	}
	if (store_fts_cjk_register(s->db, msg, sizeof msg) != 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		goto fail;
	}
	if ((!(flags & STORE_READ_ONLY) &&
	     (new_page_size(s->db) != SQLITE_OK ||
	      set_wal(s->db) != SQLITE_OK)) ||
	    /* checkpoints when the WAL reaches 32,768 pages (512 MB of 16 KB
	     * pages, 128 MB of 4 KB), checkpoint.c: an import rewrites
	     * the same pages of the kept counts and indexes batch after
	     * batch, and each checkpoint copies them once (at a million
	     * articles, 8,192 pages made the import ~25 % slower) */
	    sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL;"
				"PRAGMA foreign_keys=ON;"
				"PRAGMA wal_autocheckpoint=32768", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    /* a larger cache for the import and reread, which write the
	     * same pages of the kept counts and indexes batch after batch
	     * (12 MB: their queue of parsed pages takes about as much, and
	     * at 200,000 articles 24 MB made no difference); every
	     * other use reads each page about once, and SQLite's 2 MB
	     * reuses its memory instead of touching new memory for every
	     * page (at a million articles `stats --union` took 0.52 s with
	     * 32 MB, 0.29 s with 2 MB; the reader counting a search for 工会
	     * peaked at 38 MB with 24 MB, 16 MB with 2) */
	    ((flags & STORE_BULK) &&
	     sqlite3_exec(s->db, "PRAGMA cache_size=-12288", NULL, NULL,
			  NULL) != SQLITE_OK)) {
		snprintf(err, errlen, "%s: cannot set up the database: %s",
			 path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (!(flags & STORE_READ_ONLY) &&
	    migrate(s->db, progress, context, msg, sizeof msg) != 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		goto fail;
	}
	/* without the thread, SQLite checkpoints in the commits */
	if ((flags & STORE_BULK) && !(flags & STORE_READ_ONLY))
		(void)store_checkpointer_start(s, path);
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	for (size_t i = 0; i < RR_COUNT; i++)
		sqlite3_finalize(s->reread_stmt[i]);
	store_index_counts_free(s);
	store_batch_free(s);
	store_checkpointer_stop(s);
	sqlite3_close(s->db);
	free(s->read_only_why);
	free(s->warning);
	free(s);
}

/* SQLite's progress handler: a non-zero answer stops the statement. */
static int interrupt_check(void *context)
{
	struct store *s = context;

	return s->interrupt && s->interrupt(s->interrupt_context);
}

void store_set_interrupt(struct store *s, bool (*check)(void *context),
			 void *context)
{
	s->interrupt = check;
	s->interrupt_context = context;
	sqlite3_progress_handler(s->db, check ? 1000 : 0,
				 check ? interrupt_check : NULL, s);
}
