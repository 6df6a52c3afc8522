/*
 * main — reads the global options (--db, --help, --version), then hands the
 * rest of the command line to a subcommand from the table below. No command
 * opens the reader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"

#define BULLETIN_VERSION "0.1"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;
};

static const struct command commands[] = {
	{"parse", cli_parse,
	 "parse [--encoding E] [--date YYYY-MM-DD] [--format text|json] FILE..."},
	{"tui", cli_tui, "tui [--config FILE] [FILTERS]"},
	{"import", cli_import,
	 "import [--encoding E] [--date YYYY-MM-DD] [--max-size N[KMG]] "
	 "[--no-wait] PATH..."},
	{"reread", cli_reread, "reread [PATH...]"},
	{"list", cli_list,
	 "list [FILTERS] [--limit N] [--format text|tsv|json]"},
	{"show", cli_show, "show ID... [--format text|json]"},
	{"stats", cli_stats,
	 "stats [FILTERS] [--by FACET,...] [--format text|tsv|json] "
	 "[--chart]"},
	{"search", cli_search, "search QUERY [FILTERS] [--sort rank|date] "
	 "[--limit N] [--format text|tsv|json]"},
	{"related", cli_related,
	 "related ID [--limit N] [--format text|tsv|json]"},
	{"mark", cli_mark,
	 "mark --read|--unread|--star|--unstar [FILTERS] [--all] [ID...]"},
};

/* The message is made whole first, then made harmless as page text is: it
 * names files and arguments as given and quotes SQLite and iconv, and any
 * of them could carry an escape sequence for the terminal. */
void cli_error(const struct cli *cli, const char *fmt, ...)
{
	char small[512], *msg = small, *clean;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		small[0] = '\0';
	if (n >= (int)sizeof small) {
		msg = malloc((size_t)n + 1);
		if (msg) {
			va_start(ap, fmt);
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
			va_end(ap);
		} else {
			msg = small; /* out of memory: the message cut short */
		}
	}
	clean = text_sanitize(msg, strlen(msg), true);
	fprintf(stderr, "%s: %s\n", cli->program,
		clean ? clean : "out of memory");
	free(clean);
	if (msg != small)
		free(msg);
}

static void usage(FILE *out)
{
	fprintf(out, "usage: bulletin [--db PATH] [--config FILE] [COMMAND] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  bulletin %s\n", commands[i].usage);
	fputc('\n', out);
	cli_filters_usage(out);
	fprintf(out, "\nWith no command, bulletin opens the reader.\n"
		     "See bulletin(1) for the filters and formats.\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct cli cli = {.db_path = NULL, .program = "bulletin"};
	int i = 1;

	for (; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				cli_error(&cli, "--db needs a path");
				return EXIT_USAGE;
			}
			cli.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--config") == 0) {
			/* the reader's config file, as tui --config */
			if (i + 1 >= argc) {
				cli_error(&cli, "--config needs a file");
				return EXIT_USAGE;
			}
			cli.config_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0 ||
			   strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return EXIT_DONE;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("bulletin %s\n", BULLETIN_VERSION);
			return EXIT_DONE;
		} else {
			break;
		}
	}
	if (i >= argc) {
		const struct command *tui = find_command("tui");
		static char tui_name[] = "tui";
		char *tui_argv[] = {tui_name, NULL};

		if (tui)
			return tui->run(&cli, 1, tui_argv);
		usage(stderr);
		return EXIT_USAGE;
	}
	const struct command *cmd = find_command(argv[i]);
	if (!cmd) {
		cli_error(&cli, "unknown command '%s' (see bulletin --help)",
			  argv[i]);
		return EXIT_USAGE;
	}
	/* every command's --help, from this table: its usage on standard
	 * output, and the filters for those that take them */
	for (int k = i + 1; k < argc; k++) {
		if (strcmp(argv[k], "--help") != 0 &&
		    !(k == i + 1 && strcmp(argv[k], "-h") == 0))
			continue;
		printf("usage: bulletin %s\n", cmd->usage);
		if (strstr(cmd->usage, "FILTERS")) {
			putchar('\n');
			cli_filters_usage(stdout);
		}
		return fflush(stdout) == 0 ? EXIT_DONE : EXIT_FAIL;
	}
	return cmd->run(&cli, argc - i, argv + i);
}
