/*
 * history.c — the searches the user ran, for Up and Down in the search
 * line (as a shell or less keeps them): one a line, oldest first, in a
 * file cli names ($XDG_STATE_HOME/bulletin/history). A search is added
 * when Enter keeps it; an earlier copy of it goes, and the file keeps the
 * last HISTORY_MAX.
 *
 * The file is the user's but may be broken: a line that is not valid
 * UTF-8, holds a control character or is too long for the search line is
 * skipped, so nothing from it can reach the terminal. Each addition reads
 * the file again (another reader may have added to it), then writes a new
 * file beside it and renames it over the old one, so that a crash leaves
 * the old file or the new, never half of one. A file that cannot be read
 * or written costs the history, never the reader: it is said once on the
 * status line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/tui_private.h"

#define HISTORY_MAX 500

/* The room of the search line, which a search of the history must fit. */
#define LINE_ROOM sizeof(((struct app *)NULL)->search)

/* True when line[0..len) may be a search of the history. */
static bool acceptable(const char *line, size_t len)
{
	if (len == 0 || len >= LINE_ROOM || !text_utf8_valid(line, len))
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(line + i, len - i, &cp);

		if (n == 0 || text_is_unsafe(cp))
			return false;
		i += n;
	}
	return true;
}

/* Removes the entries equal to s. */
static void drop(struct text_list *l, const char *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->count; i++) {
		if (strcmp(l->items[i], s) == 0) {
			free(l->items[i]);
			continue;
		}
		l->items[kept++] = l->items[i];
	}
	l->count = kept;
}

/* Keeps the last HISTORY_MAX entries. */
static void cap(struct text_list *l)
{
	size_t extra;

	if (l->count <= HISTORY_MAX)
		return;
	extra = l->count - HISTORY_MAX;
	for (size_t i = 0; i < extra; i++)
		free(l->items[i]);
	memmove(l->items, l->items + extra, HISTORY_MAX * sizeof *l->items);
	l->count = HISTORY_MAX;
}

/* Reads the file into a fresh list: 0, or -1 (errno set) when it is there
 * and cannot be read. A missing file is an empty history. */
static int read_file(const char *path, struct text_list *out)
{
	struct text_list l = {0};
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	FILE *in = fopen(path, "r");

	if (!in)
		return errno == ENOENT ? 0 : -1;
	while ((n = getline(&line, &size, in)) >= 0) {
		size_t len = (size_t)n;

		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (!acceptable(line, len))
			continue;
		line[len] = '\0';
		drop(&l, line);
		if (text_list_add(&l, line, len) < 0)
			break;
	}
	free(line);
	fclose(in);
	cap(&l);
	text_list_free(out);
	*out = l;
	return 0;
}

/* Makes the folders above path (mode 0700, as XDG asks of state). */
static void make_folders(const char *path)
{
	char *copy = strdup(path);

	if (!copy)
		return;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0700);
		*p = '/';
	}
	free(copy);
}

/* Writes l to path by way of a new file renamed over it. */
static int write_file(const char *path, const struct text_list *l)
{
	size_t len = strlen(path) + 32;
	char *tmp = malloc(len);
	FILE *out;
	int fd, ok;

	if (!tmp)
		return -1;
	snprintf(tmp, len, "%s.%ld.new", path, (long)getpid());
	make_folders(path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		if (fd >= 0)
			close(fd);
		free(tmp);
		return -1;
	}
	for (size_t i = 0; i < l->count; i++)
		fprintf(out, "%s\n", l->items[i]);
	ok = fflush(out) == 0 && fsync(fileno(out)) == 0;
	ok = fclose(out) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		int saved = errno;

		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}

void history_load(struct app *app)
{
	app->history_at = -1;
	if (!app->history_path)
		return;
	if (read_file(app->history_path, &app->history) < 0)
		app_message(app, true, "Search history not read: %s: %s",
			    app->history_path, strerror(errno));
}

void history_add(struct app *app, const char *query)
{
	app->history_at = -1;
	if (!acceptable(query, strlen(query)))
		return;
	/* what other readers added since, then this search last */
	if (app->history_path)
		read_file(app->history_path, &app->history);
	drop(&app->history, query);
	if (text_list_add(&app->history, query, (size_t)-1) < 0)
		return;
	cap(&app->history);
	if (app->history_path && !app->history_failed &&
	    write_file(app->history_path, &app->history) < 0) {
		app->history_failed = true; /* said once */
		app_message(app, true, "Search history not saved: %s: %s",
			    app->history_path, strerror(errno));
	}
}

/* Up (dir -1, older) or Down (1, newer) from where the walk is; the line
 * typed before the walk comes back below the newest. */
void history_walk(struct app *app, int dir, char *line, size_t size, size_t *at)
{
	int n = (int)app->history.count;
	int next;

	if (n == 0)
		return;
	if (app->history_at < 0) {
		if (dir > 0)
			return;
		snprintf(app->history_draft, sizeof app->history_draft, "%s",
			 line);
		next = n - 1;
	} else {
		next = app->history_at + dir;
		if (next < 0)
			return; /* the oldest: stays */
	}
	if (next >= n) {
		app->history_at = -1;
		snprintf(line, size, "%s", app->history_draft);
	} else {
		app->history_at = next;
		snprintf(line, size, "%s", app->history.items[next]);
	}
	*at = strlen(line);
}
