/*
 * related_cli — `bulletin related ID [--limit N] [--format text|tsv|json]`:
 * the other reports of the same story or campaign as article ID
 * (store_related: its quoted names and rare headline phrases, looked up in
 * the search index), best first, in the rows of `bulletin list`. Text
 * shows under each row the phrases it shares, TSV adds them as a last
 * column (as search's snippet), JSON as the array "shared".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* 「A」「B」: the phrases of l in corner brackets; allocated. */
static char *bracketed(const struct text_list *l, const char *prefix)
{
	size_t len = strlen(prefix) + 1;
	char *s;

	for (size_t i = 0; i < l->count; i++)
		len += strlen(l->items[i]) + 6;
	s = malloc(len);
	if (!s)
		return NULL;
	strcpy(s, prefix);
	for (size_t i = 0; i < l->count; i++) {
		strcat(s, "「");
		strcat(s, l->items[i]);
		strcat(s, "」");
	}
	return s;
}

static void print_json(FILE *out, const struct store_row *r,
		       const struct text_list *shared)
{
	char *json = store_row_json(r);
	size_t len = json ? strlen(json) : 0;

	if (len < 2) {
		fputs("{}\n", out);
		free(json);
		return;
	}
	json[len - 1] = '\0'; /* the closing brace */
	fputs(json, out);
	fputs(",\"shared\":[", out);
	for (size_t i = 0; i < shared->count; i++) {
		if (i)
			fputc(',', out);
		cli_json_string(out, shared->items[i]);
	}
	fputs("]}\n", out);
	free(json);
}

int cli_related(struct cli *cli, int argc, char **argv)
{
	struct cli_output o = {.format = CLI_FORMAT_TEXT, .limit = 20};
	struct store_related rel = {0};
	struct store *s = NULL;
	long long id = 0;
	char err[1024];
	int status = EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		int r = cli_output_option(cli, argc, argv, &i, &o,
					  CLI_TAKES_TSV | CLI_TAKES_LIMIT);
		char *end;

		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		if (id != 0) {
			cli_usage_error(cli, "one article at a time, not '%s'",
					argv[i]);
			return EXIT_USAGE;
		}
		errno = 0;
		id = strtoll(argv[i], &end, 10);
		if (argv[i][0] == '-')
			return cli_unknown_option(cli, argv[i]);
		if (errno || *end || end == argv[i] || id <= 0) {
			cli_usage_error(cli, "'%s' is not an article id",
					argv[i]);
			return EXIT_USAGE;
		}
	}
	if (id == 0) {
		cli_usage_error(cli, "which article?");
		return EXIT_USAGE;
	}
	status = EXIT_FAIL;
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		goto out;
	if (store_related(s, id, (int)(o.limit <= 0 || o.limit > 100000
					       ? 100000
					       : o.limit),
			  &rel, err, sizeof err) != 0 ||
	    (o.format != CLI_FORMAT_TEXT &&
	     store_rows_details(s, rel.rows, rel.n, err, sizeof err) != 0)) {
		cli_error(cli, "%s", err);
		goto out;
	}
	if (o.header && o.format == CLI_FORMAT_TSV)
		cli_tsv_header(stdout, true);
	for (size_t i = 0; i < rel.n; i++) {
		if (o.format == CLI_FORMAT_JSON) {
			print_json(stdout, &rel.rows[i], &rel.shared[i]);
			continue;
		}
		rel.rows[i].snippet = bracketed(&rel.shared[i],
						o.format == CLI_FORMAT_TEXT
							? "shares "
							: "");
		if (!rel.rows[i].snippet) {
			cli_error(cli, "out of memory");
			goto out;
		}
		cli_print_rows(cli, stdout, o.format, &rel.rows[i], 1);
	}
	if (o.format == CLI_FORMAT_TEXT && rel.n == 0) {
		char *p = bracketed(&rel.phrases, "");

		if (rel.phrases.count == 0)
			cli_error(cli, "article %lld has no rare phrase to "
				  "look for", id);
		else
			cli_error(cli, "no other article holds %s",
				  p ? p : "its phrases");
		free(p);
	}
	status = fflush(stdout) == 0 ? EXIT_DONE : EXIT_FAIL;
out:
	store_related_free(&rel);
	store_close(s);
	return status;
}
