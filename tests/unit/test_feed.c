/*
 * test_feed — the queue between the thread that reads and parses pages and
 * the one that stores them (src/cli/feed.c): items come in order; the
 * queue holds about a batch of small pages, never more than its bytes
 * (one item at least, however large) nor more than CLI_FEED_ITEMS; a stop
 * frees what was not taken.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>

#include "cli/cli.h"

/* what an import gives the queue (cli/import.c) */
#define FEED_BYTES ((size_t)4 << 20)

/* What the feed's thread made so far, and the items' weights. */
struct maker {
	pthread_mutex_t lock;
	size_t made, made_bytes, freed;
	size_t weight; /* each item's bytes */
};

struct item {
	size_t i;
	struct maker *m;
};

static void *make(void *context, size_t i, size_t *bytes)
{
	struct maker *m = context;
	struct item *it = malloc(sizeof *it);

	if (!it)
		return NULL;
	it->i = i;
	it->m = m;
	*bytes = m->weight;
	pthread_mutex_lock(&m->lock);
	m->made++;
	m->made_bytes += m->weight;
	pthread_mutex_unlock(&m->lock);
	return it;
}

static void drop(void *arg)
{
	struct item *it = arg;

	pthread_mutex_lock(&it->m->lock);
	it->m->freed++;
	pthread_mutex_unlock(&it->m->lock);
	free(it);
}

static size_t made(struct maker *m)
{
	size_t n;

	pthread_mutex_lock(&m->lock);
	n = m->made;
	pthread_mutex_unlock(&m->lock);
	return n;
}

/* How many items the thread made once it stopped making more (the queue
 * full), waiting up to 5 s for it. */
static size_t made_when_full(struct maker *m)
{
	size_t last = made(m);

	for (int quiet = 0, waited = 0; quiet < 10 && waited < 500; waited++) {
		size_t now;

		usleep(10 * 1000);
		now = made(m);
		quiet = now == last ? quiet + 1 : 0;
		last = now;
	}
	return last;
}

static void takes(struct feed *f, struct maker *m, size_t from, size_t n)
{
	for (size_t k = from; k < from + n; k++) {
		bool idle;
		struct item *it = feed_take(f, -1, &idle);

		assert_non_null(it);
		assert_int_equal(it->i, k);
		drop(it);
	}
	(void)m;
}

/* Small pages: the queue takes a batch's worth (256 files) of them ahead
 * of the writer, not a few. */
static void test_holds_a_batch_of_small_pages(void **state)
{
	struct maker m = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 12 * 1024};
	struct feed *f;
	bool idle;

	(void)state;
	f = feed_start(2000, FEED_BYTES, make, drop, &m);
	assert_non_null(f);
	/* queued, plus the one made and waiting for room */
	size_t ahead = made_when_full(&m);
	assert_true(ahead >= 256);
	assert_true(ahead <= FEED_BYTES / m.weight + 1);
	takes(f, &m, 0, 2000);
	assert_null(feed_take(f, -1, &idle));
	assert_true(feed_whole(f));
	feed_stop(f);
	assert_int_equal(m.freed, 2000);
}

/* Large pages: never more than FEED_BYTES of them wait. */
static void test_bounded_by_bytes(void **state)
{
	struct maker m = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 1 << 20};
	struct feed *f;

	(void)state;
	f = feed_start(40, FEED_BYTES, make, drop, &m);
	assert_non_null(f);
	for (size_t k = 0; k < 40; k += 5) {
		size_t ahead = made_when_full(&m) - k;

		assert_true(ahead <= FEED_BYTES / m.weight + 1);
		if (k + 5 < 40)
			assert_true(ahead >= FEED_BYTES / m.weight);
		takes(f, &m, k, 5);
	}
	feed_stop(f);
	assert_int_equal(m.freed, 40);
}

/* One item larger than the whole queue still goes through, one at a
 * time. */
static void test_one_large_item_at_a_time(void **state)
{
	struct maker m = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0,
			  3 * FEED_BYTES};
	struct feed *f;

	(void)state;
	f = feed_start(6, FEED_BYTES, make, drop, &m);
	assert_non_null(f);
	for (size_t k = 0; k < 6; k++) {
		size_t ahead = made_when_full(&m) - k;

		assert_true(ahead >= 1 && ahead <= 2);
		takes(f, &m, k, 1);
	}
	feed_stop(f);
	assert_int_equal(m.freed, 6);
}

/* Many empty items: the count bounds them. */
static void test_bounded_by_count(void **state)
{
	struct maker m = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0};
	struct feed *f;

	(void)state;
	f = feed_start(5000, FEED_BYTES, make, drop, &m);
	assert_non_null(f);
	size_t ahead = made_when_full(&m);
	assert_true(ahead >= CLI_FEED_ITEMS && ahead <= CLI_FEED_ITEMS + 1);
	takes(f, &m, 0, 10);
	/* a stop frees the items the caller did not take */
	feed_stop(f);
	assert_int_equal(m.freed, made(&m));
	assert_true(made(&m) < 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holds_a_batch_of_small_pages),
		cmocka_unit_test(test_bounded_by_bytes),
		cmocka_unit_test(test_one_large_item_at_a_time),
		cmocka_unit_test(test_bounded_by_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
