/*
 * marks.c — saving the user's marks (read, starred) from the reader. A
 * mark is saved at once when the store lets it. While another program
 * holds the store's write lock (an import writing a batch), the mark is
 * kept here as pending, shown as such (the status line, and the row with
 * its new mark), and saved when the lock frees: the reader tries again
 * every few tens of milliseconds while the keyboard is idle, and once more,
 * waiting, before it quits. In a store that cannot be written (an archive
 * on a read-only mount or in another user's folder) a mark is refused
 * with the reason, and opening an article marks nothing.
 */
#include <stdio.h>

#include "tui/tui_private.h"

/* How long one try waits for the write lock: short, so that a key is never
 * held up for long; an import lets the lock go at least every second. */
#define MARK_WAIT_MS 100
/* Before quitting: as long as the store itself would wait. */
#define MARK_FLUSH_MS 5000

/* The words of a message about a mark. */
static const char *what(int read, int starred)
{
	if (starred == 1)
		return "Star";
	if (starred == 0)
		return "Unstar";
	return read ? "Read mark" : "Unread mark";
}

static struct pending_mark *find(struct app *app, int64_t id)
{
	for (size_t i = 0; i < app->n_pending; i++)
		if (app->pending[i].id == id)
			return &app->pending[i];
	return NULL;
}

static void forget(struct app *app, size_t i)
{
	app->pending[i] = app->pending[--app->n_pending];
}

void marks_effective(const struct app *app, int64_t id, bool *read,
		     bool *starred)
{
	for (size_t i = 0; i < app->n_pending; i++) {
		const struct pending_mark *p = &app->pending[i];

		if (p->id != id)
			continue;
		if (p->read >= 0)
			*read = p->read;
		if (p->starred >= 0)
			*starred = p->starred;
	}
}

bool marks_read_only(struct app *app)
{
	return store_read_only_why(app->store) != NULL;
}

int marks_set(struct app *app, int64_t id, int read, int starred)
{
	struct pending_mark *p = find(app, id);
	char err[256];
	int rc;

	if (marks_read_only(app)) {
		app_message(app, true, "%s not saved: %s", what(read, starred),
			    store_read_only_why(app->store));
		return -1;
	}
	if (p) {
		/* behind a pending mark of the same article: after it */
		if (read >= 0)
			p->read = read;
		if (starred >= 0)
			p->starred = starred;
		app_message(app, false, "%s waiting to be saved: the store is "
			    "busy (another program is writing)",
			    what(read, starred));
		return 1;
	}
	store_set_busy_timeout(app->store, MARK_WAIT_MS);
	rc = store_mark(app->store, id, read, starred, err, sizeof err);
	if (rc == STORE_BUSY && app->n_pending < PENDING_MARKS_MAX) {
		app->pending[app->n_pending++] =
			(struct pending_mark){id, read, starred};
		app_message(app, false, "%s waiting to be saved: the store is "
			    "busy (another program is writing)",
			    what(read, starred));
		return 1;
	}
	if (rc == STORE_BUSY) {
		store_set_busy_timeout(app->store, MARK_FLUSH_MS);
		rc = store_mark(app->store, id, read, starred, err, sizeof err);
	}
	if (rc < 0) {
		app_message(app, true, "%s not saved: %s", what(read, starred),
			    err);
		return -1;
	}
	return 0;
}

bool marks_waiting(const struct app *app)
{
	return app->n_pending > 0;
}

void marks_retry(struct app *app)
{
	char err[256];
	size_t saved = 0;

	store_set_busy_timeout(app->store, MARK_WAIT_MS);
	for (size_t i = 0; i < app->n_pending;) {
		struct pending_mark p = app->pending[i];
		int rc = store_mark(app->store, p.id, p.read, p.starred, err,
				    sizeof err);

		if (rc == STORE_BUSY)
			return;
		forget(app, i);
		if (rc < 0) {
			app_message(app, true, "%s not saved: %s",
				    what(p.read, p.starred), err);
			return;
		}
		saved++;
	}
	if (saved)
		app_message(app, false, "%s saved",
			    saved == 1 ? "Mark" : "Marks");
}

int marks_flush(struct app *app, char *err, size_t errlen)
{
	store_set_busy_timeout(app->store, MARK_FLUSH_MS);
	while (app->n_pending > 0) {
		struct pending_mark p = app->pending[0];
		char msg[256];

		forget(app, 0);
		if (store_mark(app->store, p.id, p.read, p.starred, msg,
			       sizeof msg) < 0) {
			snprintf(err, errlen, "a mark of article %lld was not "
				 "saved: %s", (long long)p.id, msg);
			return -1;
		}
	}
	return 0;
}
