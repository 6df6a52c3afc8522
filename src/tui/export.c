/*
 * export.c — getting articles out of the reader: `|` gives the article
 * to a command the user typed (on its standard input: the command is
 * only what was typed, never made of the article's text, and runs as
 * `/bin/sh -c COMMAND` while the reader steps out of curses, as less
 * does); `e` writes every article of the selection (the filters and the
 * search) to a new file, as JSON Lines (the rows of `bulletin list
 * --format json`), CSV or Markdown by the file's extension; `A` marks the
 * selection read. Page text is untrusted: what goes to a command, a CSV or
 * a Markdown file is sanitised as for the screen, JSON is escaped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/tui_private.h"

#define EXPORT_BATCH 500

/* Writes page text made safe (NULL: nothing). */
static void put_safe(FILE *out, const char *s)
{
	char *clean;

	if (!s)
		return;
	clean = text_sanitize(s, strlen(s), false);
	if (clean)
		fputs(clean, out);
	free(clean);
}

static void put_list(FILE *out, const char *label, const struct text_list *l)
{
	if (l->count == 0)
		return;
	fputs(label, out);
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			fputs(", ", out);
		put_safe(out, l->items[i]);
	}
	fputc('\n', out);
}

/* An article as text (markdown false) or as a Markdown section: the
 * headline, its fields, the paragraphs unwrapped, captions and credits. */
static void write_article(FILE *out, const struct article *a, int64_t id,
			  const char *source, bool markdown)
{
	const char *para_sep = markdown ? "\n\n" : "\n";
	char date[16];

	if (markdown)
		fputs("## ", out);
	put_safe(out, a->headline);
	fputs(markdown ? "\n\n" : "\n", out);
	if (a->kicker && *a->kicker) {
		put_safe(out, a->kicker);
		fputs(markdown ? "  \n" : "\n", out);
	}
	store_date_text(a->year, a->month, a->day, a->precision, true, date);
	fprintf(out, "Date: %s%s", date[0] ? date : "no date",
		markdown ? "  \n" : "\n");
	if (a->city || a->county) {
		fputs("Place: ", out);
		put_safe(out, a->city);
		fputs(a->city && a->county ? " · " : "", out);
		put_safe(out, a->county);
		fputs(markdown ? "  \n" : "\n", out);
	}
	put_list(out, "Unions: ", &a->unions);
	if (a->n_reporters) {
		fputs("Reporters: ", out);
		for (size_t i = 0; i < a->n_reporters; i++) {
			fputs(i ? ", " : "", out);
			put_safe(out, a->reporters[i].role);
			fputc(' ', out);
			put_safe(out, a->reporters[i].name);
		}
		fputc('\n', out);
	}
	put_list(out, "Topics: ", &a->topics);
	fputs("Source: ", out);
	put_safe(out, source ? source : "");
	fprintf(out, " #%d (id %lld)\n\n", a->ordinal, (long long)id);
	for (size_t i = 0; i < a->paragraphs.count; i++) {
		put_safe(out, a->paragraphs.items[i]);
		fputs(para_sep, out);
	}
	if (a->authors.count) {
		fputc('(', out);
		for (size_t i = 0; i < a->authors.count; i++) {
			fputs(i ? " " : "", out);
			put_safe(out, a->authors.items[i]);
		}
		fputs(")", out);
		fputs(para_sep, out);
	}
	for (size_t i = 0; i < a->captions.count; i++) {
		fputs(markdown ? "*" : "\u25a0 ", out);
		put_safe(out, a->captions.items[i]);
		fputs(markdown ? "*" : "", out);
		fputs(para_sep, out);
	}
	for (size_t i = 0; i < a->credits.count; i++) {
		put_safe(out, a->credits.items[i]);
		fputs(para_sep, out);
	}
}

/* The article id as text, in an allocated buffer (*len bytes). */
static char *article_text(struct app *app, int64_t id, size_t *len)
{
	struct article a;
	char *source = NULL, *buf = NULL, err[256];
	FILE *mem;

	memset(&a, 0, sizeof a);
	if (store_get(app->store, id, &a, &source, NULL, NULL, err,
		      sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return NULL;
	}
	mem = open_memstream(&buf, len);
	if (mem) {
		write_article(mem, &a, id, source, false);
		if (fclose(mem) != 0) {
			free(buf);
			buf = NULL;
		}
	}
	if (!buf)
		app_message(app, true, "out of memory");
	page_article_clear(&a);
	free(source);
	return buf;
}

/* Writes all of buf to fd; false when the reader of the pipe went away
 * first (a command that reads only the start is no error). */
static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* Leaves curses and runs /bin/sh with argv, with text[0..len) on its
 * standard input (text NULL: the terminal's), as less runs a command: the
 * command gets ^C and ^\ while the reader waits it out. Writes the wait
 * status to *status; -1 when it could not start (errno says why). The
 * caller puts curses back (back_to_curses), whatever happened. */
static int run_outside(char *const argv[], const char *text, size_t len,
		       int *status)
{
	struct sigaction ignore = {.sa_handler = SIG_IGN}, old_pipe, old_int,
			 old_quit;
	int fds[2] = {-1, -1}, saved = 0;
	pid_t pid;

	def_prog_mode();
	endwin();
	fflush(stdout);
	if (text && pipe(fds) < 0)
		return -1;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGPIPE, &ignore, &old_pipe);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (text) {
			close(fds[1]);
			if (dup2(fds[0], STDIN_FILENO) < 0)
				_exit(127);
			close(fds[0]);
		}
		execv("/bin/sh", argv);
		_exit(127);
	}
	saved = errno;
	if (text)
		close(fds[0]);
	if (pid > 0) {
		if (text) {
			write_all(fds[1], text, len);
			close(fds[1]);
		}
		while (waitpid(pid, status, 0) < 0 && errno == EINTR)
			;
	} else if (text) {
		close(fds[1]);
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	errno = saved;
	return pid < 0 ? -1 : 0;
}

static void back_to_curses(void)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

int export_pipe(struct app *app, int64_t id, const char *command)
{
	char *argv[] = {"sh", "-c", (char *)command, NULL};
	char *text;
	size_t len = 0;
	int status = 0, rc;

	if (!command[0])
		return 0;
	text = article_text(app, id, &len);
	if (!text)
		return -1;
	rc = run_outside(argv, text, len, &status);
	free(text);
	if (rc < 0)
		printf("\nbulletin: cannot start the command: %s",
		       strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		printf("\n[exit %d]", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("\n[signal %d]", WTERMSIG(status));
	printf("\nPress Enter to go back to bulletin ");
	fflush(stdout);
	for (;;) {
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || c == '\n' || c == '\r')
			break;
	}
	back_to_curses();
	return 0;
}

int export_source(struct app *app, int64_t id)
{
	const char *pager = app->pager && *app->pager ? app->pager : "less";
	char *path = NULL, *command = NULL, at[32], err[256];
	int line = 1, status = 0, rc = -1;
	struct stat st;

	if (store_article_file(app->store, id, &path, &line, err,
			       sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return -1;
	}
	if (strcmp(path, "-") == 0) {
		app_message(app, true,
			    "No source file: the page was imported from "
			    "standard input");
		goto out;
	}
	if (stat(path, &st) < 0) {
		app_message(app, true, "Source not found: %s (%s)", path,
			    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		app_message(app, true, "Source not a file: %s", path);
		goto out;
	}
	/* as git runs $PAGER: the user's command through the shell, the
	 * line and the file as its arguments, never inside the string */
	command = malloc(strlen(pager) + sizeof " \"$@\"");
	if (!command) {
		app_message(app, true, "out of memory");
		goto out;
	}
	sprintf(command, "%s \"$@\"", pager);
	snprintf(at, sizeof at, "+%d", line > 0 ? line : 1);
	char *argv[] = {"sh", "-c", command, "sh", at, path, NULL};

	if (run_outside(argv, NULL, 0, &status) < 0) {
		back_to_curses();
		app_message(app, true, "cannot start %s: %s", pager,
			    strerror(errno));
		goto out;
	}
	back_to_curses();
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		app_message(app, true, "cannot run the pager '%s' ($PAGER)",
			    pager);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		app_message(app, true, "%s ended with status %d", pager,
			    WEXITSTATUS(status));
	rc = 0;
out:
	free(command);
	free(path);
	return rc;
}

enum export_format { EXPORT_JSON, EXPORT_CSV, EXPORT_MARKDOWN };

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* One CSV field: sanitised, quoted, its quotes doubled. */
static void csv_field(FILE *out, const char *s, bool last)
{
	char *clean = text_sanitize(s ? s : "", s ? strlen(s) : 0, false);

	fputc('"', out);
	for (const char *p = clean ? clean : ""; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
	fputs(last ? "\r\n" : ",", out);
	free(clean);
}

static int write_row(struct app *app, FILE *out, enum export_format format,
		     const struct store_row *r)
{
	char date[16], err[256];

	switch (format) {
	case EXPORT_JSON: {
		char *json = store_row_json(r);

		if (!json)
			return -1;
		fprintf(out, "%s\n", json);
		free(json);
		return 0;
	}
	case EXPORT_CSV:
		fprintf(out, "%lld,", (long long)r->id);
		store_date_text(r->year, r->month, r->day, r->precision, false,
				date);
		csv_field(out, date, false);
		csv_field(out, page_precision_name(r->precision), false);
		csv_field(out, r->city, false);
		csv_field(out, r->county, false);
		csv_field(out, r->kicker, false);
		csv_field(out, r->headline, false);
		csv_field(out, r->source, false);
		fprintf(out, "%s,%s\r\n", r->read ? "true" : "false",
			r->starred ? "true" : "false");
		return 0;
	case EXPORT_MARKDOWN: {
		struct article a;
		char *source = NULL;

		memset(&a, 0, sizeof a);
		if (store_get(app->store, r->id, &a, &source, NULL, NULL, err,
			      sizeof err) < 0) {
			app_message(app, true, "%s", err);
			return -1;
		}
		write_article(out, &a, r->id, source, true);
		page_article_clear(&a);
		free(source);
		return 0;
	}
	}
	return -1;
}

int export_file(struct app *app, const char *path)
{
	struct store_filter f = app->filter;
	enum export_format format;
	int64_t after = 0, written = 0;
	char err[256];
	FILE *out;
	int status = -1;

	if (!path[0])
		return 0;
	if (ends_with(path, ".jsonl") || ends_with(path, ".json"))
		format = EXPORT_JSON;
	else if (ends_with(path, ".csv"))
		format = EXPORT_CSV;
	else if (ends_with(path, ".md") || ends_with(path, ".markdown"))
		format = EXPORT_MARKDOWN;
	else {
		app_message(app, true,
			    "Export to a file ending in .jsonl, "
			    ".csv or .md (its format)");
		return -1;
	}
	out = fopen(path, "wx"); /* never over a file that is there */
	if (!out) {
		app_message(app, true, "%s: %s", path,
			    errno == EEXIST ? "already there, not overwritten"
					    : strerror(errno));
		return -1;
	}
	if (format == EXPORT_CSV)
		fputs("id,date,date_precision,city,county,kicker,headline,"
		      "source,read,starred\r\n",
		      out);
	if (format == EXPORT_MARKDOWN)
		fputs("# bulletin\n\n", out);
	f.sort = STORE_SORT_DATE;
	for (;;) {
		struct store_row *rows = NULL;
		size_t n = 0;
		int failed = 0;

		if (store_list(app->store, &f, after, 0, EXPORT_BATCH, &rows,
			       &n, err, sizeof err) < 0) {
			app_message(app, true, "%s", err);
			goto out;
		}
		/* JSON is the commands' shape, every field but the text */
		if (format == EXPORT_JSON &&
		    store_rows_details(app->store, rows, n, err,
				       sizeof err) < 0) {
			store_rows_free(rows, n);
			app_message(app, true, "%s", err);
			goto out;
		}
		for (size_t i = 0; i < n && !failed; i++)
			failed = write_row(app, out, format, &rows[i]);
		if (n > 0)
			after = rows[n - 1].id;
		store_rows_free(rows, n);
		written += (int64_t)n;
		if (failed) {
			if (!app->message[0])
				app_message(app, true, "out of memory");
			goto out;
		}
		if (n < EXPORT_BATCH)
			break;
	}
	status = 0;
out:
	if (fclose(out) != 0 && status == 0) {
		app_message(app, true, "%s: %s", path, strerror(errno));
		status = -1;
	}
	if (status < 0) {
		remove(path); /* no half a file left behind */
		return -1;
	}
	app_message(app, false, "%lld article%s written to %s",
		    (long long)written, written == 1 ? "" : "s", path);
	return 0;
}

void export_mark_all_read(struct app *app)
{
	int64_t marked = 0;
	char err[256];
	int rc;

	if (marks_read_only(app)) {
		app_message(app, true, "Read-only: marks are not saved");
		return;
	}
	rc = store_mark_many(app->store, &app->filter, NULL, 0, 1, -1, &marked,
			     err, sizeof err);
	if (rc != 0) {
		app_message(app, true, "%s%s", err,
			    rc == STORE_BUSY ? ": the store is busy, nothing "
					       "marked; A again later"
					     : "");
		return;
	}
	app_reload(app, true);
	app_message(app, false, "%lld article%s marked read", (long long)marked,
		    marked == 1 ? "" : "s");
}
