/*
 * stats — `bulletin stats [FILTERS] [--by FACET,...] [--header] [--format
 * text|tsv|json] [--chart]`: how many articles the filters (a search among them)
 * select, and how many of them by each facet of STORE_FILTER_INFO that is
 * counted at once (city, county, union, topic, year, month), or by the
 * facets --by names (reporter among them), or by month as a bar chart
 * (--chart, chart.c). The counts are the reader's for the same selection.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* --by's list into by[] (true for each facet named); -1 with a message
 * for a name that is not a facet's. */
static int parse_by(const struct cli *cli, const char *list,
		    bool by[STORE_FILTER_COUNT])
{
	while (*list) {
		size_t n = strcspn(list, ",");
		int k = -1;

		for (int i = 0; i < STORE_FILTER_COUNT && k < 0; i++)
			if (store_filters[i].title &&
			    strlen(store_filters[i].name) == n &&
			    strncmp(store_filters[i].name, list, n) == 0)
				k = i;
		if (k < 0) {
			cli_usage_error(cli, "--by: '%.*s' is not a facet",
					(int)n, list);
			return -1;
		}
		by[k] = true;
		list += n + (list[n] == ',');
	}
	return 0;
}

int cli_stats(struct cli *cli, int argc, char **argv)
{
	bool by[STORE_FILTER_COUNT] = {false}, by_given = false, chart = false;
	const char *by_list = NULL;
	struct store_filter f = {0};
	struct cli_output o = {.format = CLI_FORMAT_TEXT};
	struct store *s = NULL;
	int64_t total = 0;
	char err[1024];
	int status = EXIT_FAIL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--chart") == 0) {
			chart = true;
			continue;
		}
		int r = cli_filter_option(cli, &f, argc, argv, &i);

		if (r == 0)
			r = cli_output_option(cli, argc, argv, &i, &o,
					      CLI_TAKES_TSV);
		if (r == 0 && (r = cli_option(cli, "--by", argc, argv, &i,
					      &by_list)) > 0) {
			if (parse_by(cli, by_list, by) != 0)
				return EXIT_USAGE;
			by_given = true;
		}
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0 && argv[i][0] == '-')
			return cli_unknown_option(cli, argv[i]);
		if (r == 0) {
			cli_usage_error(cli, "unexpected '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (chart && (o.format != CLI_FORMAT_TEXT || by_given)) {
		cli_usage_error(cli, "--chart is a chart in text: no --format, "
				"no --by");
		return EXIT_USAGE;
	}
	for (int k = 0; k < STORE_FILTER_COUNT && !by_given; k++)
		by[k] = store_filters[k].title && !store_filters[k].on_demand;
	if (store_filter_check(&f, err, sizeof err) != 0) {
		cli_usage_error(cli, "%s", err);
		return EXIT_USAGE;
	}
	s = cli_open_store(cli, STORE_MUST_EXIST | STORE_READ_ONLY |
				 STORE_UPGRADE);
	if (!s)
		return EXIT_FAIL;
	if (store_count(s, &f, &total, err, sizeof err) != 0) {
		cli_error(cli, "%s", err);
		goto out;
	}
	if (total == 0 && !cli_names_known(cli, s, &f))
		goto out;
	cli_pager_start(cli);
	if (chart) {
		printf("articles: %lld\n", (long long)total);
		if (cli_stats_chart(cli, s, &f) == 0)
			status = cli_flush(cli);
		goto out;
	}
	if (o.format == CLI_FORMAT_TSV && o.header)
		printf("facet\tname\tcount\n");
	if (o.format == CLI_FORMAT_TEXT)
		printf("articles: %lld\n", (long long)total);
	else if (o.format == CLI_FORMAT_TSV)
		printf("articles\t\t%lld\n", (long long)total);
	else
		printf("{\"articles\":%lld", (long long)total);
	for (int k = 0; k < STORE_FILTER_COUNT; k++) {
		struct store_count *c = NULL;
		size_t n = 0;
		const char *name = store_filters[k].name;

		if (!by[k])
			continue;
		if (store_facet(s, &f, (enum store_filter_key)k, 0, &c, &n, err,
				sizeof err) != 0) {
			cli_error(cli, "%s", err);
			if (o.format == CLI_FORMAT_JSON)
				printf("}\n");
			goto out;
		}
		if (o.format == CLI_FORMAT_TEXT)
			printf("\nby %s:\n", name);
		else if (o.format == CLI_FORMAT_JSON)
			printf(",\"%s\":[", name);
		for (size_t i = 0; i < n; i++) {
			switch (o.format) {
			case CLI_FORMAT_TEXT:
				printf("%8lld  ", (long long)c[i].count);
				cli_put_safe(stdout, c[i].name);
				putchar('\n');
				break;
			case CLI_FORMAT_TSV:
				printf("%s\t", name);
				cli_put_safe(stdout, c[i].name);
				printf("\t%lld\n", (long long)c[i].count);
				break;
			case CLI_FORMAT_JSON:
				printf("%s{\"name\":", i ? "," : "");
				cli_json_string(stdout, c[i].name);
				printf(",\"count\":%lld}",
				       (long long)c[i].count);
				break;
			}
		}
		if (o.format == CLI_FORMAT_JSON)
			putchar(']');
		store_counts_free(c, n);
	}
	if (o.format == CLI_FORMAT_JSON)
		printf("}\n");
	status = cli_flush(cli);
out:
	store_close(s);
	return status;
}
