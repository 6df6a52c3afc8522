/*
 * options — what every command's option parsing shares: reading an option
 * given as "--name value" or "--name=value", the page date of --date, the
 * count of --limit, the format of --format, the paging loop that
 * prints every article a filter matches (list and search), and a file's
 * absolute path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define PRINT_BATCH 500

int cli_option(const struct cli *cli, const char *name, int argc,
	       char **argv, int *i, const char **value)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return 1;
	}
	if (arg[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error(cli, "%s needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

int cli_format_parse(const char *name, enum cli_format *f)
{
	static const char *const names[] = {"text", "tsv", "json"};

	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		if (strcmp(name, names[k]) == 0) {
			*f = (enum cli_format)k;
			return 0;
		}
	}
	return -1;
}

int cli_page_date(const struct cli *cli, const char *s,
		  struct page_options *opt)
{
	static const int days[] = {31, 29, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	int y, m, d, n = 0;

	if (strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1] ||
	    (m == 2 && d == 29 &&
	     !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))) {
		cli_usage_error(cli, "--date wants a day as YYYY-MM-DD, not '%s'",
				s);
		return -1;
	}
	opt->year = y;
	opt->month = m;
	opt->day = d;
	return 0;
}

char *cli_full_path(const char *path)
{
	char *cwd, *out;
	size_t len;

	if (path[0] == '/')
		return strdup(path);
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	cwd = getcwd(NULL, 0);
	if (!cwd)
		return NULL;
	len = strlen(cwd) + strlen(path) + 2;
	out = malloc(len);
	if (out)
		snprintf(out, len, "%s%s%s", cwd,
			 cwd[strlen(cwd) - 1] == '/' ? "" : "/", path);
	free(cwd);
	return out;
}

int cli_page_option(const struct cli *cli, int argc, char **argv, int *i,
		    struct page_options *opt)
{
	const char *value;
	int r;

	if ((r = cli_option(cli, "--encoding", argc, argv, i, &value)) != 0) {
		if (r > 0)
			opt->encoding = value;
		return r;
	}
	if ((r = cli_option(cli, "--date", argc, argv, i, &value)) != 0)
		return r < 0 || cli_page_date(cli, value, opt) < 0 ? -1 : 1;
	return 0;
}

int cli_output_option(const struct cli *cli, int argc, char **argv, int *i,
		      struct cli_output *o, unsigned takes)
{
	bool tsv = takes & CLI_TAKES_TSV;
	const char *value;
	int r;

	if ((r = cli_option(cli, "--format", argc, argv, i, &value)) != 0) {
		if (r < 0)
			return -1;
		if (cli_format_parse(value, &o->format) != 0 ||
		    (!tsv && o->format == CLI_FORMAT_TSV)) {
			cli_usage_error(cli, "--format is %s, not '%s'",
					tsv ? "text, tsv or json"
					    : "text or json",
					value);
			return -1;
		}
		return 1;
	}
	if (tsv && strcmp(argv[*i], "--header") == 0) {
		o->header = true;
		return 1;
	}
	if (!(takes & CLI_TAKES_LIMIT))
		return 0;
	if ((r = cli_option(cli, "--limit", argc, argv, i, &value)) != 0) {
		char *end;

		if (r < 0)
			return -1;
		errno = 0;
		o->limit = strtol(value, &end, 10);
		if (errno || *end || end == value || o->limit < 0) {
			cli_usage_error(cli, "--limit wants a number (0: no "
					"limit), not '%s'", value);
			return -1;
		}
		return 1;
	}
	return 0;
}

int cli_print_matches(struct cli *cli, struct store *s,
		      const struct store_filter *f,
		      const struct cli_output *o)
{
	bool by_rank = f->query && f->sort == STORE_SORT_RANK;
	bool details = o->format != CLI_FORMAT_TEXT, started = false;
	long shown = 0, limit = o->limit;
	int64_t after = 0;
	char err[1024];

	for (;;) {
		struct store_row *rows = NULL;
		size_t n = 0;
		int want = PRINT_BATCH;

		if (limit > 0 && limit - shown < want)
			want = (int)(limit - shown);
		if (want == 0 || cli_output_gone(cli))
			break;
		/* keyset paging in date order, offsets in rank order */
		if (store_list(s, f, by_rank ? 0 : after,
			       by_rank ? (int)shown : 0, want, &rows, &n, err,
			       sizeof err) != 0 ||
		    (details &&
		     store_rows_details(s, rows, n, err, sizeof err) != 0)) {
			store_rows_free(rows, n);
			cli_error(cli, "%s", err);
			return EXIT_FAIL;
		}
		if (!started) {
			started = true;
			if (n > 0)
				cli_pager_start(cli);
			if (o->header && o->format == CLI_FORMAT_TSV)
				cli_tsv_header(stdout, f->query != NULL);
		}
		cli_print_rows(cli, stdout, o->format, rows, n);
		shown += (long)n;
		if (n > 0)
			after = rows[n - 1].id;
		store_rows_free(rows, n);
		if (n < (size_t)want)
			break;
	}
	if (shown == 0 && !cli_names_known(cli, s, f))
		return EXIT_FAIL;
	return cli_flush(cli);
}
