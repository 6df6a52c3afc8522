/*
 * fuzz_page.c — libFuzzer target for the page reader: page_read() on
 * arbitrary bytes, with the gazetteer and topic rules loaded once from
 * bulletin's data folder ($BULLETIN_DATA_DIR, else data/ beside the build).
 * Every article read is walked (identity, strings, lists) so that what the
 * reader returns is touched, then freed. Build and run with `make fuzz`
 * and `make fuzz-run`; see tests/fuzz/README.md.
 *
 * The first byte chooses the options when it is below 8 (the seed pages
 * start with text, so they keep their bytes): an encoding named or
 * detected, and a page date or none.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/page.h"

/* Set once by LLVMFuzzerInitialize, read-only afterwards. */
static struct page_context *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];

	(void)argc;
	(void)argv;
	if (page_context_load(getenv("BULLETIN_DATA_DIR") ? getenv("BULLETIN_DATA_DIR") : "data", NULL, &ctx, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_page: %s\n", err);
		abort();
	}
	return 0;
}

static size_t walk_list(const struct text_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->count; i++)
		n += strlen(l->items[i]);
	return n;
}

static size_t walk_article(const struct article *a)
{
	size_t n = strlen(a->headline);
	char *id = page_article_identity(a);

	if (id) {
		n += strlen(id);
		free(id);
	}
	n += a->kicker ? strlen(a->kicker) : 0;
	n += a->lead_in ? strlen(a->lead_in) : 0;
	n += a->dateline ? strlen(a->dateline) : 0;
	n += a->city ? strlen(a->city) : 0;
	n += a->county ? strlen(a->county) : 0;
	for (size_t i = 0; i < a->n_reporters; i++)
		n += strlen(a->reporters[i].role) + strlen(a->reporters[i].name);
	n += walk_list(&a->unions) + walk_list(&a->authors) +
	     walk_list(&a->paragraphs) + walk_list(&a->captions) +
	     walk_list(&a->credits) + walk_list(&a->topics);
	n += (size_t)page_precision_name(a->precision)[0];
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {
		NULL, "utf-8", "gb18030", "big5", "utf-16le", "utf-16be",
		NULL, "gbk",
	};
	struct page_options opt = {0};
	struct page *page = NULL;
	const char *source = "fuzz.txt";
	char err[512];
	volatile size_t sink = 0;

	if (size > 0 && data[0] < 8) {
		opt.encoding = encodings[data[0]];
		if (data[0] == 6) {
			opt.year = 2024;
			opt.month = 1;
			opt.day = 3;
			source = "page-2023-12-11.txt";
		}
		data++;
		size--;
	}
	if (page_read(ctx, &opt, source, (const char *)data, size, &page, err,
		      sizeof err) < 0) {
		if (err[0] == '\0' || !memchr(err, '\0', sizeof err))
			abort(); /* a refusal must say why */
		return 0;
	}
	for (size_t i = 0; i < page->n_articles; i++) {
		if (page->articles[i].ordinal != (int)i + 1)
			abort();
		sink += walk_article(&page->articles[i]);
	}
	(void)sink;
	page_free(page);
	return 0;
}
