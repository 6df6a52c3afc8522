/*
 * checkpoint — most of a long writer's checkpoints on a thread of their
 * own. An import or a reread (STORE_BULK) commits a batch every second or
 * so; SQLite copies the WAL back into the database inside the commit that
 * takes it past wal_autocheckpoint, on the writing thread, which is what
 * sets the import's pace. Instead, the commit that takes the WAL past
 * WAKE_PAGES wakes a second connection on another thread, which runs a
 * PASSIVE checkpoint of what is committed while the writer goes on. The
 * WAL starts over only when a transaction begins with every frame copied,
 * so once the thread is done the writer's next commit copies what is left
 * itself: what its commits added meanwhile, which the thread goes over
 * once more first when it is more than LEFT_PAGES. The writer's commits
 * wait for the thread only when the WAL reaches twice WAKE_PAGES, and it
 * stays near WAKE_PAGES, as with SQLite's own checkpoints. (Waiting
 * for the thread at the next commit, as the writer did at first, left it
 * idle for 37 s of an import of a million articles.)
 */
#include <pthread.h>
#include <stdlib.h>

#include "store/store_impl.h"

/* The WAL's size, in pages, that wakes the thread (512 MB of a new
 * store's 16 KB pages, 128 MB of 4 KB ones): an import rewrites the same
 * pages of the kept counts and indexes batch after batch, and each
 * checkpoint copies them once (at a million articles, 8,192 pages of 4 KB
 * made the import about 25 % slower). */
#define WAKE_PAGES 32768
/* ... and what the writer copies itself without a second run first */
#define LEFT_PAGES(wake) ((wake) / 8)

struct store_checkpointer {
	sqlite3 *db; /* the thread's own connection */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
	bool asked, running, stop;
	bool woken; /* the writer's commits see the checkpoint through */
	int wake_pages;
	int copied; /* the WAL's frames the thread's last run had copied */
	int passes; /* the thread's runs since the WAL grew past wake_pages */
	long runs; /* checkpoints the thread made whole */
};

static void *run(void *arg)
{
	struct store_checkpointer *c = arg;
	int rc, copied = 0;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->asked && !c->stop)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->stop)
			break;
		c->asked = false;
		c->running = true;
		pthread_mutex_unlock(&c->lock);
		/* should it fail, the writer's own checkpoint copies all */
		rc = sqlite3_wal_checkpoint_v2(c->db, "main",
					       SQLITE_CHECKPOINT_PASSIVE, NULL,
					       &copied);
		pthread_mutex_lock(&c->lock);
		c->runs += rc == SQLITE_OK;
		c->copied = rc == SQLITE_OK ? copied : 0;
		c->running = false;
		pthread_cond_signal(&c->done);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* The writer's WAL hook, after each commit: pages is the WAL's size. */
static int after_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store_checkpointer *c = arg;

	pthread_mutex_lock(&c->lock);
	if (!c->woken) {
		if (pages >= c->wake_pages) {
			c->asked = c->woken = true;
			c->passes = 1;
			pthread_cond_signal(&c->wake);
		}
		pthread_mutex_unlock(&c->lock);
		return SQLITE_OK;
	}
	if ((c->asked || c->running) && pages < 2 * c->wake_pages) {
		pthread_mutex_unlock(&c->lock);
		return SQLITE_OK; /* still copying */
	}
	while (c->asked || c->running) /* the writer outruns it */
		pthread_cond_wait(&c->done, &c->lock);
	if (c->passes == 1 && pages - c->copied > LEFT_PAGES(c->wake_pages)) {
		/* what the commits added since is still a lot */
		c->asked = true;
		c->passes++;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
		return SQLITE_OK;
	}
	c->woken = false;
	pthread_mutex_unlock(&c->lock);
	sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL,
				  NULL);
	return SQLITE_OK;
}

int store_checkpointer_start(struct store *s, const char *path)
{
	struct store_checkpointer *c = calloc(1, sizeof *c);

	if (!c)
		return -1;
	c->wake_pages = WAKE_PAGES;
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		return -1;
	}
	if (pthread_cond_init(&c->wake, NULL) != 0)
		goto fail_lock;
	if (pthread_cond_init(&c->done, NULL) != 0)
		goto fail_wake;
	/* the connection reads once so that it knows the WAL */
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK ||
	    sqlite3_exec(c->db, "PRAGMA synchronous=NORMAL;"
				"SELECT count(*) FROM sqlite_schema",
			 NULL, NULL, NULL) != SQLITE_OK)
		goto fail_db;
	if (pthread_create(&c->thread, NULL, run, c) != 0)
		goto fail_db;
	sqlite3_wal_hook(s->db, after_commit, c);
	s->checkpointer = c;
	return 0;
fail_db:
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->done);
fail_wake:
	pthread_cond_destroy(&c->wake);
fail_lock:
	pthread_mutex_destroy(&c->lock);
	free(c);
	return -1;
}

void store_checkpointer_stop(struct store *s)
{
	struct store_checkpointer *c = s->checkpointer;

	if (!c)
		return;
	/* the writer's commits checkpoint on their own again, as SQLite's */
	sqlite3_wal_autocheckpoint(s->db, WAKE_PAGES);
	pthread_mutex_lock(&c->lock);
	c->stop = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->done);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c);
	s->checkpointer = NULL;
}

void store_checkpointer_set_wake(struct store *s, int pages)
{
	if (s->checkpointer) {
		pthread_mutex_lock(&s->checkpointer->lock);
		s->checkpointer->wake_pages = pages;
		pthread_mutex_unlock(&s->checkpointer->lock);
	}
}

long store_checkpointer_runs(struct store *s)
{
	long runs = -1;

	if (s->checkpointer) {
		pthread_mutex_lock(&s->checkpointer->lock);
		runs = s->checkpointer->runs;
		pthread_mutex_unlock(&s->checkpointer->lock);
	}
	return runs;
}
