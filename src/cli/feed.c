/*
 * feed — items made in order by a thread of their own into a bounded
 * queue, taken in the same order by the caller: import and reread read and
 * parse the next pages (the costly part besides SQLite) on one core while
 * the store takes the pages before them on the other. Also the pause such
 * a long writer makes between its transactions.
 *
 * An import's queue holds about a batch of pages (cli/import.c): the
 * writer spends most of a batch's time in its commit (the full-text rows,
 * store/import.c), and a queue of a few pages stopped the parsing for all
 * that time. At 20,000 articles, 8 pages made the import take a quarter
 * longer than 256.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"

#define FEED_SIZE CLI_FEED_ITEMS

struct feed {
	feed_make_fn make;
	feed_free_fn drop;
	void *context;
	size_t n;

	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	void *queue[FEED_SIZE];
	size_t weight[FEED_SIZE]; /* each item's bytes */
	size_t head, count, bytes, max_bytes;
	bool ended; /* the thread made its last item (or could not) */
	bool whole; /* ... and every one of the n */
	bool stop;  /* the caller gave up: the thread stops early */
};

/* Hands one item to the caller; false when the caller gave up. */
static bool put(struct feed *f, void *item, size_t bytes)
{
	bool ok;

	pthread_mutex_lock(&f->lock);
	while ((f->count == FEED_SIZE ||
		(f->count > 0 && f->bytes + bytes > f->max_bytes)) && !f->stop)
		pthread_cond_wait(&f->not_full, &f->lock);
	ok = !f->stop;
	if (ok) {
		size_t at = (f->head + f->count) % FEED_SIZE;

		f->queue[at] = item;
		f->weight[at] = bytes;
		f->count++;
		f->bytes += bytes;
		pthread_cond_signal(&f->not_empty);
	}
	pthread_mutex_unlock(&f->lock);
	return ok;
}

static void *run(void *arg)
{
	struct feed *f = arg;

	size_t i;

	for (i = 0; i < f->n; i++) {
		size_t bytes = 0;
		void *item = f->make(f->context, i, &bytes);

		if (!item)
			break; /* out of memory: the items end here */
		if (!put(f, item, bytes)) {
			f->drop(item);
			break;
		}
	}
	pthread_mutex_lock(&f->lock);
	f->ended = true;
	f->whole = i == f->n;
	pthread_cond_signal(&f->not_empty);
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

struct feed *feed_start(size_t n, size_t max_bytes, feed_make_fn make,
			feed_free_fn drop, void *context)
{
	static const struct feed fresh = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.not_full = PTHREAD_COND_INITIALIZER,
		.not_empty = PTHREAD_COND_INITIALIZER,
	};
	struct feed *f = malloc(sizeof *f);

	if (!f)
		return NULL;
	*f = fresh;
	f->make = make;
	f->drop = drop;
	f->context = context;
	f->n = n;
	f->max_bytes = max_bytes;
	if (pthread_create(&f->thread, NULL, run, f) != 0) {
		free(f);
		return NULL;
	}
	return f;
}

void *feed_take(struct feed *f, double wait, bool *idle)
{
	struct timespec until;
	void *item = NULL;

	*idle = false;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)wait;
	until.tv_nsec += (long)((wait - (double)(time_t)wait) * 1e9);
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&f->lock);
	while (f->count == 0 && !f->ended && !*idle) {
		if (wait < 0)
			pthread_cond_wait(&f->not_empty, &f->lock);
		else if (pthread_cond_timedwait(&f->not_empty, &f->lock,
						&until) == ETIMEDOUT)
			*idle = f->count == 0 && !f->ended;
	}
	if (f->count > 0) {
		item = f->queue[f->head];
		f->bytes -= f->weight[f->head];
		f->head = (f->head + 1) % FEED_SIZE;
		f->count--;
		pthread_cond_signal(&f->not_full);
	}
	pthread_mutex_unlock(&f->lock);
	return item;
}

bool feed_whole(struct feed *f)
{
	bool whole;

	pthread_mutex_lock(&f->lock);
	whole = f->ended && f->whole;
	pthread_mutex_unlock(&f->lock);
	return whole;
}

void feed_stop(struct feed *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_broadcast(&f->not_full);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	for (; f->count > 0; f->count--) {
		f->drop(f->queue[f->head]);
		f->head = (f->head + 1) % FEED_SIZE;
	}
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->not_full);
	pthread_cond_destroy(&f->not_empty);
	free(f);
}

double cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_let_writers_in(double *last)
{
	struct timespec pause = {0, 25 * 1000 * 1000};

	if (cli_now() - *last < 1.0)
		return;
	nanosleep(&pause, NULL);
	*last = cli_now();
}
