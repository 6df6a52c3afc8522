/*
 * cli — main() and one file per subcommand. Only this part prints to
 * standard output and decides the exit status: 0 done, 1 a failure, 2 a
 * usage error.
 */
#ifndef BULLETIN_CLI_H
#define BULLETIN_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "page/page.h"
#include "store/store.h"

enum { EXIT_DONE = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What every subcommand is given: the database path from --db (NULL: the
 * default) and its own arguments, argv[0] being the command's name. */
struct cli {
	const char *db_path;
	const char *config_path; /* --config: the reader's config file, or
				    NULL */
	const char *program; /* "bulletin" */
	const char *command; /* the subcommand's name; NULL before it */
	const char *usage;   /* its usage line (main's table), or NULL */
	bool no_pager;       /* --no-pager */
	pid_t pager;         /* the pager's process while it runs, else 0 */
};

int cli_parse(struct cli *cli, int argc, char **argv);

/* `bulletin tui [FILTERS] [--search QUERY]`: the reader (src/cli/tui.c). */
int cli_tui(struct cli *cli, int argc, char **argv);

/* import, list, show, stats: the store's commands (src/cli/import.c, ...). */
int cli_import(struct cli *cli, int argc, char **argv);
int cli_list(struct cli *cli, int argc, char **argv);
int cli_show(struct cli *cli, int argc, char **argv);
int cli_stats(struct cli *cli, int argc, char **argv);
/* `bulletin mark --read|--unread|--star|--unstar [FILTERS] [--all]
 * [ID...]`: marks for scripts (src/cli/mark.c). */
int cli_mark(struct cli *cli, int argc, char **argv);
/* `bulletin related ID [--limit N] [--format text|tsv|json]`: the
 * articles of the same story or campaign (src/cli/related_cli.c). */
int cli_related(struct cli *cli, int argc, char **argv);
/* `bulletin search QUERY [FILTERS]`: full-text search (src/cli/search.c). */
int cli_search(struct cli *cli, int argc, char **argv);

/* Items made in order by a thread of their own (feed.c): make(context, i,
 * &bytes) for i in 0..n, each handed over through a queue of at most
 * max_bytes of them (bytes: what the item holds, roughly; one item at
 * least, however large) and CLI_FEED_ITEMS; make returns NULL only when
 * out of memory, which ends the items early. feed_start
 * returns NULL when the thread cannot start. feed_take gives the next
 * item, or NULL when there is no more; wait >= 0: gives up after so many
 * seconds, setting *idle, when none comes. feed_whole tells, once
 * feed_take gave NULL, whether all n were made. feed_stop ends the thread
 * (at its next item), frees the items not taken with drop, and the feed. */
struct feed;
#define CLI_FEED_ITEMS 1024
typedef void *(*feed_make_fn)(void *context, size_t i, size_t *bytes);
typedef void (*feed_free_fn)(void *item);
struct feed *feed_start(size_t n, size_t max_bytes, feed_make_fn make,
			feed_free_fn drop, void *context);
void *feed_take(struct feed *f, double wait, bool *idle);
bool feed_whole(struct feed *f);
void feed_stop(struct feed *f);

/* Lets another writer (the reader saving a mark, another import) take the
 * store's write lock for a moment between two transactions of a long
 * import or reread, at most once a second (*last: when it last did, on
 * CLOCK_MONOTONIC): a writer waiting for it polls every millisecond
 * (store.h), so that it waits about a second at most, and the long writer
 * loses under 3 % of its time. (feed.c) */
void cli_let_writers_in(double *last);

/* Seconds on CLOCK_MONOTONIC: the pace of a long import or reread.
 * (feed.c) */
double cli_now(void);

/* Prints "bulletin: message" on standard error, the message made harmless
 * for a terminal as page text is (text_sanitize): file names, arguments and
 * SQLite's or iconv's words in it are shown, never obeyed. */
void cli_error(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A usage error: "bulletin: COMMAND: message" and, on the next line,
 * "usage: bulletin USAGE" of the command (main's table), on standard
 * error; the caller returns EXIT_USAGE. Every command's wrong option,
 * missing value and missing argument is told this way. */
void cli_usage_error(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_usage_error's "unknown option 'ARG'" and EXIT_USAGE. */
int cli_unknown_option(const struct cli *cli, const char *arg);

/* Long output to a terminal through the pager (pager.c): when standard
 * output is a terminal and neither --no-pager nor an empty $PAGER says
 * otherwise, runs $BULLETIN_PAGER, else $PAGER, else less (LESS=FRX when
 * unset), as `sh -c "$PAGER"`, and makes standard output the pipe to it.
 * Called by a command once its arguments are good and the store is open,
 * before it prints. Doing nothing is not a failure. */
void cli_pager_start(struct cli *cli);

/* Flushes standard output: EXIT_DONE, or EXIT_FAIL when it could not be
 * written; the pager quit before the end (the user read enough) is done,
 * not a failure. */
int cli_flush(const struct cli *cli);

/* True when the pager has gone and there is no point in writing more. */
bool cli_output_gone(const struct cli *cli);

/* Closes the pipe to the pager and waits for the user to leave it;
 * returns status, or EXIT_FAIL when the pager could not be run. Called
 * by main after every command. */
int cli_pager_end(struct cli *cli, int status);

/* What kind of file a stat mode names, for a message: "a folder", "a named
 * pipe", "a character device", ... (files.c) */
const char *cli_file_kind(mode_t mode);
/* `bulletin reread [PATH...]`: every stored source read again (reread.c). */
int cli_reread(struct cli *cli, int argc, char **argv);

/* Writes an article as one line of JSON (JSON Lines) in the shape of
 * store_article_json; -1 when out of memory. (json.c) */
int cli_json_article(FILE *out, const struct article *a,
		     const struct store_json *j);

/* Writes an article for reading: lead-in, headline and kicker, then
 * `marks` when not NULL (a line the caller made, such as "id: 12  unread"),
 * date, place, unions, reporters, authors, topics, source (with :line when
 * line > 0), the paragraphs and the captions with their credits; every
 * string from the page sanitised. (text.c) */
void cli_text_article(FILE *out, const struct article *a, const char *marks,
		      const char *source, int line);

/* Writes page text made harmless for a terminal (NULL: nothing). */
void cli_put_safe(FILE *out, const char *s);

/* Writes s as a JSON string (quoted, escaped). */
void cli_json_string(FILE *out, const char *s);

enum cli_format { CLI_FORMAT_TEXT = 0, CLI_FORMAT_TSV, CLI_FORMAT_JSON };

/* "text", "tsv" or "json" into *f; -1 for anything else. (options.c) */
int cli_format_parse(const char *name, enum cli_format *f);

/* The value of option `name` at argv[*i], given as "--name value" or
 * "--name=value": returns 1 and sets *value (moving *i past a separate
 * value); 0 when argv[*i] is another argument; -1, with a message
 * printed, when the value is missing. (options.c) */
int cli_option(const struct cli *cli, const char *name, int argc,
	       char **argv, int *i, const char **value);

/* --date's value, a real calendar day YYYY-MM-DD, into opt's page date;
 * prints a message and returns -1 when it is not one. (options.c) */
int cli_page_date(const struct cli *cli, const char *value,
		  struct page_options *opt);

/* stats --chart: the articles f selects by month, a bar chart of block
 * characters on standard output. Returns 0, or -1 with a message printed.
 * (chart.c) */
int cli_stats_chart(const struct cli *cli, struct store *s,
		    const struct store_filter *f);

/* The largest page read unless --max-size says otherwise. */
#define CLI_MAX_SIZE_DEFAULT ((size_t)64 << 20)

/* Reads a whole file (or standard input for "-") into *bytes (allocated,
 * NUL-terminated) and *len: at most max bytes, else it fails, before
 * reading at all when the file's size says so; -1 with "path: reason" in
 * err. (import.c) */
int cli_read_file(const char *path, size_t max, char **bytes, size_t *len,
		  char *err, size_t errlen);

/* The absolute path of a file named path (relative: to the current
 * folder; "./" dropped, nothing else resolved); allocated, NULL when it
 * cannot be made. (options.c) */
char *cli_full_path(const char *path);

/* When argv[*i] is --encoding E or --date YYYY-MM-DD: stores it in opt,
 * moves *i past its value and returns 1; 0 for another argument; -1 with a
 * message printed for a bad or missing value. (options.c) */
int cli_page_option(const struct cli *cli, int argc, char **argv, int *i,
		    struct page_options *opt);

/* What a command prints and how: --format, --limit, --header. */
struct cli_output {
	enum cli_format format;
	long limit;  /* --limit N: at most N articles; 0 (the default): all */
	bool header; /* --header: a first TSV line that names the columns */
};

/* What cli_output_option takes beside --format text|json. */
enum { CLI_TAKES_TSV = 1, CLI_TAKES_LIMIT = 2 };

/* When argv[*i] is --format (text|json, and tsv with --header too when
 * takes has CLI_TAKES_TSV) or --limit N (CLI_TAKES_LIMIT): stores it in
 * o, moves *i past its value and returns 1; 0 for another argument; -1
 * with a usage error printed for a bad or missing value. (options.c) */
int cli_output_option(const struct cli *cli, int argc, char **argv, int *i,
		      struct cli_output *o, unsigned takes);

/* Prints every article f matches (at most o->limit when it is > 0),
 * newest first or best first, paging through the store, through the
 * pager from the first line on (cli_pager_start) and stopping when the
 * pager has gone; returns an exit status. (options.c) */
int cli_print_matches(struct cli *cli, struct store *s,
		      const struct store_filter *f,
		      const struct cli_output *o);

/* The folder that holds bulletin's data: $BULLETIN_DATA_DIR, else
 * ../share/bulletin beside the running program (an installed copy,
 * wherever it went), else data/ beside it or its parent (a build), else the
 * BULLETIN_DATADIR compiled in, else ./data. Never NULL. */
const char *cli_data_dir(void);

/* Loads the gazetteer and topic rules (cli_data_dir(), and the user's
 * $XDG_CONFIG_HOME/bulletin/topics.txt); prints a message and returns NULL
 * on failure. (src/cli/context.c) */
struct page_context *cli_page_context(const struct cli *cli);

/* The default database: $BULLETIN_DB, else $XDG_DATA_HOME/bulletin/
 * bulletin.db, else ~/.local/share/bulletin/bulletin.db; allocated, NULL
 * when out of memory. The environment is read here, in cli, and the path
 * handed down to the store. (src/cli/filters.c) */
char *cli_default_db_path(void);

/* Opens the store at --db or the default path with store_open flags;
 * prints a message and returns NULL on failure. (src/cli/filters.c) */
struct store *cli_open_store(const struct cli *cli, int flags);

/* True when every name in f (a city, county, union, topic or reporter)
 * picks some article of the store; else prints which does not, with the
 * nearest names the store holds (store_filter_known), and returns false.
 * Asked when a filter finds nothing, so that it costs nothing otherwise.
 * (src/cli/filters.c) */
bool cli_names_known(const struct cli *cli, struct store *s,
		     const struct store_filter *f);

/* cli_open_store, then a message and NULL when a name in f picks
 * nothing in the store (cli_names_known). (src/cli/filters.c) */
struct store *cli_open_filtered(const struct cli *cli,
				const struct store_filter *f, int flags);

/* When argv[*i] is a filter option (a row of STORE_FILTER_INFO: --city,
 * --county, ..., --unread, --starred, --search; also as --opt=value),
 * stores it in f, moves *i past its value and returns 1; returns 0 when it
 * is not a filter option; prints a message and returns -1 when its value
 * is missing. Values point into argv. (src/cli/filters.c) */
int cli_filter_option(const struct cli *cli, struct store_filter *f,
		      int argc, char **argv, int *i);

/* Writes the filter options, one a line with their help (from
 * STORE_FILTER_INFO). (src/cli/filters.c) */
void cli_filters_usage(FILE *out);

/* The TSV columns of a list or search, in order, for --header and the
 * man page: id, date, city, county, headline, kicker, source, ordinal,
 * read, starred, unions, topics, and snippet for a search. (filters.c) */
void cli_tsv_header(FILE *out, bool snippet);

/* Prints rows as a list (text: id, mark, date, city, headline, kicker;
 * with the snippet under each row when present, hits in bold on a
 * terminal or through the pager, else between [ and ]), as TSV, or as JSON Lines (store_row_json; snippet hits
 * between [ and ]). TSV and JSON need the rows' details
 * (store_rows_details). (src/cli/filters.c) */
void cli_print_rows(const struct cli *cli, FILE *out, enum cli_format format,
		    const struct store_row *rows, size_t n);

#endif
