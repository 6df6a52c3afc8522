/*
 * show — `bulletin show ID... [--format text|json]`: whole articles. JSON
 * is exactly what `bulletin parse --format json` writes for the article,
 * with its id; text is for reading in a terminal, every field sanitised.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Writes a field sanitised; newlines kept only when asked. */
static void put(FILE *out, const char *s)
{
	char *clean;

	if (!s)
		return;
	clean = text_sanitize(s, strlen(s), false);
	if (clean)
		fputs(clean, out);
	free(clean);
}

static void put_list(FILE *out, const char *label,
		     const struct text_list *l)
{
	if (l->count == 0)
		return;
	fprintf(out, "%s: ", label);
	for (size_t i = 0; i < l->count; i++) {
		if (i > 0)
			fputs(", ", out);
		put(out, l->items[i]);
	}
	fputc('\n', out);
}

static void show_text(FILE *out, const struct article *a, long long id,
		      const char *source, bool read, bool starred)
{
	if (a->lead_in) {
		put(out, a->lead_in);
		fputc('\n', out);
	}
	put(out, a->headline);
	fputc('\n', out);
	if (a->kicker) {
		put(out, a->kicker);
		fputc('\n', out);
	}
	fputc('\n', out);
	fprintf(out, "id: %lld%s%s\n", id, starred ? "  starred" : "",
		read ? "" : "  unread");
	if (a->year > 0 && a->month > 0 && a->day > 0)
		fprintf(out, "date: %04d-%02d-%02d%s\n", a->year, a->month,
			a->day, a->precision == DATE_APPROX ? " (approximate)"
							     : "");
	if (a->city || a->county) {
		fputs("place: ", out);
		put(out, a->city);
		if (a->city && a->county)
			fputc(' ', out);
		put(out, a->county);
		fputc('\n', out);
	}
	put_list(out, "unions", &a->unions);
	if (a->n_reporters) {
		fputs("reporters: ", out);
		for (size_t i = 0; i < a->n_reporters; i++) {
			if (i > 0)
				fputs(", ", out);
			put(out, a->reporters[i].role);
			fputc(' ', out);
			put(out, a->reporters[i].name);
		}
		fputc('\n', out);
	}
	put_list(out, "authors", &a->authors);
	put_list(out, "topics", &a->topics);
	fputs("source: ", out);
	put(out, source);
	fputc('\n', out);
	for (size_t i = 0; i < a->paragraphs.count; i++) {
		fputs("\n  ", out);
		put(out, a->paragraphs.items[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < a->captions.count; i++) {
		fputs("\n■ ", out);
		put(out, a->captions.items[i]);
		if (i < a->credits.count) {
			fputs(" (", out);
			put(out, a->credits.items[i]);
			fputc(')', out);
		}
		fputc('\n', out);
	}
}

int cli_show(struct cli *cli, int argc, char **argv)
{
	enum cli_format format = CLI_FORMAT_TEXT;
	struct store *s = NULL;
	long long *ids = NULL;
	size_t n_ids = 0;
	int status = EXIT_USAGE;

	ids = calloc((size_t)argc, sizeof *ids);
	if (!ids) {
		cli_error(cli, "out of memory");
		return EXIT_FAIL;
	}
	for (int i = 1; i < argc; i++) {
		int r = cli_output_option(cli, argc, argv, &i, &format, false,
					  NULL);
		char *end;

		if (r < 0)
			goto out;
		if (r > 0)
			continue;
		errno = 0;
		ids[n_ids] = strtoll(argv[i], &end, 10);
		if (errno || *end || end == argv[i] || ids[n_ids] <= 0) {
			cli_error(cli, "show: '%s' is not an article id "
				  "(usage: bulletin show ID... [--format "
				  "text|json])", argv[i]);
			goto out;
		}
		n_ids++;
	}
	if (n_ids == 0) {
		cli_error(cli, "show: which article? (usage: bulletin show "
			  "ID... [--format text|json])");
		goto out;
	}
	status = EXIT_FAIL;
	s = cli_open_store(cli, STORE_MUST_EXIST);
	if (!s)
		goto out;
	status = EXIT_DONE;
	for (size_t i = 0; i < n_ids; i++) {
		struct article a;
		char *source = NULL, err[1024];
		bool read = false, starred = false;

		if (store_get(s, ids[i], &a, &source, &read, &starred, err,
			      sizeof err) != 0) {
			cli_error(cli, "%s", err);
			status = EXIT_FAIL;
			continue;
		}
		if (format == CLI_FORMAT_JSON) {
			cli_json_article(stdout, &a, ids[i], source, NULL);
		} else {
			if (i > 0)
				fputs("\n\f\n", stdout);
			show_text(stdout, &a, ids[i], source, read, starred);
		}
		page_article_clear(&a);
		free(source);
	}
	if (fflush(stdout) != 0)
		status = EXIT_FAIL;
out:
	store_close(s);
	free(ids);
	return status;
}
