/*
 * cli — main() and one file per subcommand. Only this part prints to
 * standard output and decides the exit status: 0 done, 1 a failure, 2 a
 * usage error.
 */
#ifndef BULLETIN_CLI_H
#define BULLETIN_CLI_H

#include <stdio.h>

#include "page/page.h"

enum { EXIT_DONE = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What every subcommand is given: the database path from --db (NULL: the
 * default) and its own arguments, argv[0] being the command's name. */
struct cli {
	const char *db_path;
	const char *program; /* "bulletin" */
};

int cli_parse(struct cli *cli, int argc, char **argv);

/* Prints "bulletin: message" on standard error. */
void cli_error(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Writes an article as one JSON object on one line (JSON Lines) with the
 * fields of DESIGN.md: id (when id > 0), source, ordinal, kicker, lead_in,
 * headline, date, date_precision, city, county, unions, topics, reporters,
 * authors, paragraphs, captions, credits, and snippet when not NULL. */
void cli_json_article(FILE *out, const struct article *a, long long id,
		      const char *source, const char *snippet);

/* Writes s as a JSON string (quoted, escaped). */
void cli_json_string(FILE *out, const char *s);

#endif
