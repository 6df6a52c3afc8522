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
#define GLOBAL_USAGE "[--db PATH] [--config FILE] [--no-pager] [COMMAND] [ARGS]"

/* A row a command: its name, what runs it, its usage line (--help, and
 * every usage error) and the lines --help prints under it. */
struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;
	const char *help;
};

#define FORMAT_HELP \
	"  --format F             text (default), tsv or json (JSON Lines)\n"
#define TSV_HELP \
	"  --header               a first line naming the TSV columns\n"
#define LIMIT_HELP \
	"  --limit N              at most N articles (0, the default: all)\n"

static const struct command commands[] = {
	{"parse", cli_parse,
	 "parse [--encoding E] [--date YYYY-MM-DD] [--format text|json] FILE...",
	 "Reads pages and prints their articles; stores nothing.\n"
	 "  --encoding E           the pages' encoding (default: guessed)\n"
	 "  --date YYYY-MM-DD      the page date (default: from the file)\n"
	 "  --format F             text (default) or json (JSON Lines)\n"},
	{"tui", cli_tui, "tui [--config FILE] [FILTERS]",
	 "Opens the reader with the filters set (what bulletin alone does).\n"
	 "  --config FILE          the reader's config file (see bulletin(1))\n"},
	{"import", cli_import,
	 "import [--encoding E] [--date YYYY-MM-DD] [--max-size N[KMG]] "
	 "[--no-wait] PATH...",
	 "Reads pages into the store: files, folders (recursively), - for\n"
	 "standard input.\n"
	 "  --encoding E           the pages' encoding (default: guessed)\n"
	 "  --date YYYY-MM-DD      the page date (default: from each file)\n"
	 "  --max-size N[KMG]      the largest page read (default 64M)\n"
	 "  --no-wait              fail at once when the store is busy\n"},
	{"reread", cli_reread, "reread [PATH...]",
	 "Reads every stored page again (or those named), marks kept.\n"},
	{"list", cli_list,
	 "list [FILTERS] [--limit N] [--header] [--format text|tsv|json]",
	 "Prints the articles the filters select, newest first.\n" LIMIT_HELP
	 TSV_HELP FORMAT_HELP},
	{"show", cli_show, "show ID... [--format text|json]",
	 "Prints whole articles.\n"
	 "  --format F             text (default) or json (JSON Lines)\n"},
	{"stats", cli_stats,
	 "stats [FILTERS] [--by FACET,...] [--header] [--format text|tsv|json] "
	 "[--chart]",
	 "Counts the articles the filters select, by facet.\n"
	 "  --by FACET,...         city, county, union, topic, reporter, year,\n"
	 "                         month (default: all but reporter)\n"
	 "  --chart                articles by month, as bars\n" TSV_HELP
	 FORMAT_HELP},
	{"search", cli_search,
	 "search QUERY [FILTERS] [--sort rank|date] [--limit N] [--header] "
	 "[--format text|tsv|json]",
	 "Full-text search: words all present, \"a phrase\", -word, OR.\n"
	 "  --sort S               date (default, newest first) or rank\n"
	 LIMIT_HELP TSV_HELP FORMAT_HELP},
	{"related", cli_related,
	 "related ID [--limit N] [--format text|tsv|json]",
	 "The other reports of the same story: the articles that share its rare\n"
	 "quoted names and headline phrases, best first (see bulletin(1)).\n"
	 "  --limit N              at most N articles (default 20; 0: all)\n"
	 FORMAT_HELP},
	{"mark", cli_mark,
	 "mark --read|--unread|--star|--unstar [FILTERS] [--all] [ID...]",
	 "Sets the reader's marks on the articles the filters select and on\n"
	 "the ids given, all or none; --all for every article.\n"},
};

/* The message is made whole first, then made harmless as page text is: it
 * names files and arguments as given and quotes SQLite and iconv, and any
 * of them could carry an escape sequence for the terminal. */
static void verror(const struct cli *cli, const char *command,
		   const char *fmt, va_list ap)
{
	char small[512], *msg = small, *clean;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		small[0] = '\0';
	if (n >= (int)sizeof small) {
		msg = malloc((size_t)n + 1);
		if (msg)
			vsnprintf(msg, (size_t)n + 1, fmt, again);
		else
			msg = small; /* out of memory: the message cut short */
	}
	va_end(again);
	clean = text_sanitize(msg, strlen(msg), true);
	fprintf(stderr, "%s: %s%s%s\n", cli->program, command ? command : "",
		command ? ": " : "", clean ? clean : "out of memory");
	free(clean);
	if (msg != small)
		free(msg);
}

void cli_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(cli, NULL, fmt, ap);
	va_end(ap);
}

void cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(cli, cli->command, fmt, ap);
	va_end(ap);
	if (cli->usage)
		fprintf(stderr, "usage: %s %s\n", cli->program, cli->usage);
	else
		fprintf(stderr, "usage: %s %s\n", cli->program, GLOBAL_USAGE);
}

int cli_unknown_option(const struct cli *cli, const char *arg)
{
	cli_usage_error(cli, "unknown option '%s'", arg);
	return EXIT_USAGE;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: bulletin " GLOBAL_USAGE "\n\ncommands:\n");
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
		} else if (strcmp(argv[i], "--no-pager") == 0) {
			cli.no_pager = true;
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
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_unknown_option(&cli, argv[i]);
		cli_error(&cli, "unknown command '%s' (see bulletin --help)",
			  argv[i]);
		return EXIT_USAGE;
	}
	cli.command = cmd->name;
	cli.usage = cmd->usage;
	/* every command's --help, from this table: its usage on standard
	 * output, and the filters for those that take them; after "--" it is
	 * an argument (a search for "--help") */
	for (int k = i + 1; k < argc && strcmp(argv[k], "--") != 0; k++) {
		if (strcmp(argv[k], "--help") != 0 &&
		    !(k == i + 1 && strcmp(argv[k], "-h") == 0))
			continue;
		printf("usage: bulletin %s\n", cmd->usage);
		if (cmd->help)
			printf("\n%s", cmd->help);
		if (strstr(cmd->usage, "FILTERS")) {
			putchar('\n');
			cli_filters_usage(stdout);
		}
		printf("\nSee bulletin(1) for more.\n");
		return fflush(stdout) == 0 ? EXIT_DONE : EXIT_FAIL;
	}
	return cli_pager_end(&cli, cmd->run(&cli, argc - i, argv + i));
}
