/*
 * filters — what the commands that list articles share: opening the store
 * at --db or the default path, the filter options (--city, --union, ...),
 * and printing rows as text, TSV or JSON Lines. Page text is untrusted:
 * text and TSV go through text_sanitize, JSON through cli_json_string.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

char *cli_default_db_path(void)
{
	const char *env = getenv("BULLETIN_DB");
	const char *base = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	const char *tail = "bulletin/bulletin.db";
	char *path;
	size_t len;

	if (env && *env)
		return strdup(env);
	if (base && base[0] == '/') {
		len = strlen(base) + 1 + strlen(tail) + 1;
		path = malloc(len);
		if (path)
			snprintf(path, len, "%s/%s", base, tail);
		return path;
	}
	if (!home || !*home)
		home = ".";
	len = strlen(home) + strlen("/.local/share/") + strlen(tail) + 1;
	path = malloc(len);
	if (path)
		snprintf(path, len, "%s/.local/share/%s", home, tail);
	return path;
}

/* Progress of a long step of opening the store, on a terminal only: one
 * line rewritten in place, ended when the step ends. */
static void open_progress(void *context, const char *what, int64_t done,
			  int64_t total)
{
	const struct cli *cli = context;

	if (!isatty(2) || total <= 0)
		return;
	fprintf(stderr, "\r%s: %s: %3d %%", cli->program, what,
		(int)(done * 100 / total));
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* A database is a regular file (or a link to one) or nothing yet: SQLite
 * would wait for ever on a named pipe and call /dev/null a disk I/O error. */
struct store *cli_open_store(const struct cli *cli, int flags)
{
	struct store *s = NULL;
	char err[1024];
	char *path = cli->db_path ? strdup(cli->db_path) : cli_default_db_path();
	struct stat st;

	if (!path) {
		cli_error(cli, "out of memory");
		return NULL;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		cli_error(cli, "%s: not a regular file (%s), no database",
			  path, cli_file_kind(st.st_mode));
		free(path);
		return NULL;
	}
	if (store_open_progress(path, flags, open_progress, (void *)cli, &s,
				err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		s = NULL;
	} else if (store_warning(s)) {
		cli_error(cli, "warning: %s", store_warning(s));
	}
	free(path);
	return s;
}

bool cli_names_known(const struct cli *cli, struct store *s,
		     const struct store_filter *f)
{
	char err[1024];

	if (store_filter_known(s, f, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		return false;
	}
	return true;
}

struct store *cli_open_filtered(const struct cli *cli,
				const struct store_filter *f, int flags)
{
	struct store *s = cli_open_store(cli, flags);

	if (s && !cli_names_known(cli, s, f)) {
		store_close(s);
		s = NULL;
	}
	return s;
}

int cli_filter_option(const struct cli *cli, struct store_filter *f,
		      int argc, char **argv, int *i)
{
	const char *arg = argv[*i];

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		const struct store_filter_info *row = &store_filters[k];
		char option[64];
		const char *value = NULL;
		int r;

		snprintf(option, sizeof option, "--%s", row->name);
		if (row->flag) {
			if (strcmp(arg, option) != 0)
				continue;
			store_filter_put(f, (enum store_filter_key)k, "");
			return 1;
		}
		r = cli_option(cli, option, argc, argv, i, &value);
		if (r > 0)
			store_filter_put(f, (enum store_filter_key)k, value);
		if (r != 0)
			return r;
	}
	return 0;
}

void cli_filters_usage(FILE *out)
{
	fprintf(out, "filters:\n");
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		const struct store_filter_info *row = &store_filters[k];
		char option[64];
		int pad;

		snprintf(option, sizeof option, "--%s%s%s", row->name,
			 row->arg ? " " : "", row->arg ? row->arg : "");
		pad = 22 - (int)strlen(option);
		fprintf(out, "  %s%*s %s\n", option, pad > 0 ? pad : 0, "",
			row->help);
	}
}

/* Writes s sanitised (NULL as ""), with hit marks as given. */
static void put_text(FILE *out, const char *s, const char *open,
		     const char *close)
{
	char *clean;

	if (!s)
		return;
	for (;;) {
		size_t n = strcspn(s, STORE_HIT_OPEN STORE_HIT_CLOSE);

		clean = text_sanitize(s, n, false);
		if (clean)
			fputs(clean, out);
		free(clean);
		if (s[n] == '\0')
			break;
		fputs(s[n] == STORE_HIT_OPEN[0] ? open : close, out);
		s += n + 1;
	}
}

static void put_padded(FILE *out, const char *s, int width)
{
	char *clean = text_sanitize(s ? s : "", s ? strlen(s) : 0, false);
	int w;

	if (!clean)
		return;
	fputs(clean, out);
	w = text_width(clean);
	for (; w < width; w++)
		fputc(' ', out);
	free(clean);
}

/* The items of l sanitised, between commas. */
static void put_joined(FILE *out, const struct text_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			fputc(',', out);
		put_text(out, l->items[i], "", "");
	}
}

void cli_tsv_header(FILE *out, bool snippet)
{
	fputs("id\tdate\tcity\tcounty\theadline\tkicker\tsource\tordinal\t"
	      "read\tstarred\tunions\ttopics",
	      out);
	fputs(snippet ? "\tsnippet\n" : "\n", out);
}

void cli_print_rows(const struct cli *cli, FILE *out, enum cli_format format,
		    const struct store_row *rows, size_t n)
{
	bool tty = isatty(fileno(out)) || cli->pager > 0;

	for (size_t i = 0; i < n; i++) {
		const struct store_row *r = &rows[i];
		char date[16];

		switch (format) {
		case CLI_FORMAT_TEXT:
			fprintf(out, "%8lld %c ", (long long)r->id,
				r->starred ? '*' : r->read ? ' ' : 'N');
			store_date_text(r->year, r->month, r->day,
					r->precision, true, date);
			put_padded(out, date[0] ? date : "-", 11);
			fputc(' ', out);
			put_padded(out, r->city ? r->city : "-", 6);
			fputc(' ', out);
			put_text(out, r->headline, "", "");
			if (r->kicker) {
				fputs("  (", out);
				put_text(out, r->kicker, "", "");
				fputc(')', out);
			}
			fputc('\n', out);
			if (r->snippet) {
				fputs("    ", out);
				put_text(out, r->snippet,
					 tty ? "\033[1m" : "[",
					 tty ? "\033[0m" : "]");
				fputc('\n', out);
			}
			break;
		case CLI_FORMAT_TSV:
			store_date_text(r->year, r->month, r->day,
					r->precision, true, date);
			fprintf(out, "%lld\t%s\t", (long long)r->id, date);
			put_text(out, r->city, "", "");
			fputc('\t', out);
			put_text(out, r->county, "", "");
			fputc('\t', out);
			put_text(out, r->headline, "", "");
			fputc('\t', out);
			put_text(out, r->kicker, "", "");
			fputc('\t', out);
			put_text(out, r->source, "", "");
			if (r->article)
				fprintf(out, "\t%d", r->article->ordinal);
			else
				fputc('\t', out);
			fprintf(out, "\t%d\t%d\t", r->read, r->starred);
			if (r->article) {
				put_joined(out, &r->article->unions);
				fputc('\t', out);
				put_joined(out, &r->article->topics);
			} else {
				fputc('\t', out);
			}
			if (r->snippet) {
				fputc('\t', out);
				put_text(out, r->snippet, "[", "]");
			}
			fputc('\n', out);
			break;
		case CLI_FORMAT_JSON: {
			char *json = store_row_json(r);

			fprintf(out, "%s\n", json ? json : "{}");
			free(json);
			break;
		}
		}
	}
}
