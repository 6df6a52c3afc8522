/*
 * read.c — page_read(), the importer's heart: decodes the page (text_decode),
 * cuts it into lines, settles the page's date, finds and reads the articles
 * (segment.c and the files it calls), gives each article its year, places,
 * unions and topics. Also reading a file, freeing a page, and the identity
 * of an article that lets the store recognise it on another page.
 *
 * The first paragraph keeps its dateline as printed (本报讯(…)12月5日,…):
 * the article reads as the paper printed it; a->dateline holds the same
 * words again for whoever wants them apart.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/page_private.h"
#include "page/reader.h"

const char *page_precision_name(enum date_precision p)
{
	switch (p) {
	case DATE_DAY:
		return "day";
	case DATE_APPROX:
		return "approx";
	case DATE_NONE:
		break;
	}
	return "none";
}

void page_article_clear(struct article *a)
{
	if (!a)
		return;
	free(a->kicker);
	free(a->lead_in);
	free(a->headline);
	free(a->dateline);
	free(a->city);
	free(a->county);
	text_list_free(&a->unions);
	for (size_t i = 0; i < a->n_reporters; i++) {
		free(a->reporters[i].role);
		free(a->reporters[i].name);
	}
	free(a->reporters);
	text_list_free(&a->authors);
	text_list_free(&a->paragraphs);
	text_list_free(&a->captions);
	text_list_free(&a->credits);
	text_list_free(&a->topics);
	memset(a, 0, sizeof *a);
}

void page_free(struct page *page)
{
	if (!page)
		return;
	for (size_t i = 0; i < page->n_articles; i++)
		page_article_clear(&page->articles[i]);
	free(page->articles);
	free(page->source);
	free(page);
}

/* Appends s folded, without whitespace, to out[*len] (room given). */
static void append_identity(char *out, size_t *len, const char *s)
{
	char *folded = text_fold_string(s);
	const char *p = folded ? folded : s;

	for (; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			out[(*len)++] = *p;
	out[*len] = '\0';
	free(folded);
}

char *page_article_identity(const struct article *a)
{
	size_t size = 1, len = 0, i;
	char *out;

	size += a->headline ? strlen(a->headline) : 0;
	for (i = 0; i < a->paragraphs.count; i++)
		size += strlen(a->paragraphs.items[i]);
	out = malloc(size);
	if (!out)
		return NULL;
	out[0] = '\0';
	if (a->headline)
		append_identity(out, &len, a->headline);
	for (i = 0; i < a->paragraphs.count; i++)
		append_identity(out, &len, a->paragraphs.items[i]);
	return out;
}

/* The page's date: --date, the file name, a running header, else the
 * latest year the page names (a year alone). */
static void settle_page_date(struct page *page, const struct page_options *opt,
			     const char *source, int hy, int hm, int hd,
			     const char *text, size_t len)
{
	int y = 0, m = 0, d = 0;

	if (opt && opt->year > 0) {
		y = opt->year;
		m = opt->month;
		d = opt->day;
	} else if (page_date_from_name(source, &y, &m, &d)) {
		;
	} else if (hy > 0) {
		y = hy;
		m = hm;
		d = hd;
	} else {
		y = page_latest_year(text, len);
	}
	page->year = y;
	page->month = m;
	page->day = d;
}

/* The article's date: its dateline's, else the first its lead gives. */
static void lead_date(struct article *a, const struct page *page)
{
	int year = 0;

	if (a->precision == DATE_NONE && a->paragraphs.count > 0) {
		const char *lead = a->paragraphs.items[0];
		size_t skip = a->dateline ? strlen(a->dateline) : 0;
		struct page_lead_date d;

		if (strncmp(lead, a->dateline ? a->dateline : "", skip) != 0)
			skip = 0;
		page_lead_date(lead + skip, strlen(lead + skip), page->year,
			       page->month, page->day, &d);
		if (d.precision != DATE_NONE) {
			year = d.year;
			a->month = d.month;
			a->day = d.day;
			a->precision = d.precision;
		}
	}
	page_article_date(a, year, a->month, a->day, a->precision, page->year,
			  page->month, page->day);
}

/* True when s shows something on a screen: a character that is not a
 * control, a space, nor of no width (combining marks alone show nothing). */
static bool shows_something(const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return true; /* shown as U+FFFD */
		if (!text_is_unsafe(cp) && text_cp_width(cp) > 0 &&
		    cp != ' ' && cp != 0x3000 && cp != 0xA0 &&
		    !(cp >= 0x2000 && cp <= 0x200B))
			return true;
		i += n;
	}
	return false;
}

/* Every article has a headline a reader can see: one that shows nothing
 * (combining marks, controls, spaces) gives way to the first words of its
 * text after the dateline, up to the first comma or stop or 20
 * characters, "…" where cut; with no such text, "(no headline)". */
static int visible_headline(struct article *a)
{
	enum { WORDS = 20 };
	char *h = NULL;

	if (shows_something(a->headline))
		return 0;
	for (size_t i = 0; !h && i < a->paragraphs.count; i++) {
		const char *p = a->paragraphs.items[i];
		size_t skip = a->dateline ? strlen(a->dateline) : 0;

		if (i > 0 || strncmp(p, a->dateline ? a->dateline : "", skip))
			skip = 0;
		p += skip;
		for (;;) { /* what a dateline leaves: spaces, a comma */
			if (*p == ' ' || *p == ',' || *p == ':')
				p++;
			else if (!strncmp(p, "\u3000", 3) ||
				 !strncmp(p, "，", 3) || !strncmp(p, "：", 3) ||
				 !strncmp(p, "、", 3))
				p += 3;
			else
				break;
		}
		size_t len = strlen(p), cut = text_utf8_prefix(p, len, WORDS);
		const char *stop = NULL;

		for (const char *const *m = (const char *const[]){
			     "，", "。", ",", "！", "？", "；", NULL};
		     *m; m++) {
			const char *at = strstr(p, *m);

			if (at && (size_t)(at - p) < cut && (!stop || at < stop))
				stop = at;
		}
		if (stop && stop > p)
			cut = (size_t)(stop - p);
		char *words = malloc(cut + sizeof "…");

		if (!words)
			return -1;
		memcpy(words, p, cut);
		strcpy(words + cut, cut < len && !stop ? "…" : "");
		if (shows_something(words))
			h = words;
		else
			free(words);
	}
	if (!h && !(h = strdup("(no headline)")))
		return -1;
	free(a->headline);
	a->headline = h;
	return 0;
}

/* A copy of s folded to Simplified, or NULL when out of memory (*nomem
 * set). NULL s gives NULL. */
static char *folded_copy(const char *s, bool *nomem)
{
	char *f;

	if (!s)
		return NULL;
	f = strdup(s);
	if (!f) {
		*nomem = true;
		return NULL;
	}
	text_fold_han_bytes(f, strlen(f));
	return f;
}

/* Whether any of the article's text reads otherwise folded. */
static bool needs_fold(const struct article *a)
{
	if ((a->kicker && text_fold_han_changes(a->kicker)) ||
	    (a->lead_in && text_fold_han_changes(a->lead_in)) ||
	    (a->headline && text_fold_han_changes(a->headline)))
		return true;
	for (size_t k = 0; k < a->paragraphs.count; k++)
		if (text_fold_han_changes(a->paragraphs.items[k]))
			return true;
	return false;
}

/* The union name u, read in the folded text, as the page writes it: the
 * same bytes of the original (folding keeps offsets), or u itself when it
 * is no substring (a bare 区总工会 named after its place). */
static char *as_written(const struct article *a, const struct article *f,
			const char *u)
{
	const char *fields[3] = {f->kicker, f->lead_in, f->headline};
	const char *orig[3] = {a->kicker, a->lead_in, a->headline};
	const char *hit;

	for (size_t k = 0; k < 3; k++)
		if (fields[k] && (hit = strstr(fields[k], u)))
			return strndup(orig[k] + (hit - fields[k]), strlen(u));
	for (size_t k = 0; k < f->paragraphs.count; k++)
		if ((hit = strstr(f->paragraphs.items[k], u)))
			return strndup(a->paragraphs.items[k] +
					       (hit - f->paragraphs.items[k]),
				       strlen(u));
	return strdup(u);
}

/* The article's places, unions and topics. The gazetteer, the unions and
 * the topic rules are Simplified: a Traditional text (澳門, 總工會, 勞模) is
 * read through a copy folded to Simplified, and its unions are given back
 * as the page writes them. */
static int places_and_topics(const struct page_context *ctx, struct article *a)
{
	struct article f;
	bool nomem = false;
	int rc = -1;

	if (!needs_fold(a))
		return page_places(ctx, a) < 0 || page_topics(ctx, a) < 0 ? -1 : 0;
	memset(&f, 0, sizeof f);
	f.kicker = folded_copy(a->kicker, &nomem);
	f.lead_in = folded_copy(a->lead_in, &nomem);
	f.headline = folded_copy(a->headline, &nomem);
	for (size_t k = 0; k < a->paragraphs.count && !nomem; k++) {
		char *p = folded_copy(a->paragraphs.items[k], &nomem);

		if (p && text_list_add(&f.paragraphs, p, strlen(p)) < 0)
			nomem = true;
		free(p);
	}
	if (nomem)
		goto out;
	if (page_places(ctx, &f) < 0 || page_topics(ctx, &f) < 0)
		goto out;
	free(a->city);
	free(a->county);
	a->city = f.city;
	a->county = f.county;
	f.city = f.county = NULL;
	text_list_free(&a->unions);
	for (size_t k = 0; k < f.unions.count; k++) {
		char *u = as_written(a, &f, f.unions.items[k]);

		if (!u || text_list_add(&a->unions, u, strlen(u)) < 0) {
			free(u);
			goto out;
		}
		free(u);
	}
	text_list_free(&a->topics);
	a->topics = f.topics;
	memset(&f.topics, 0, sizeof f.topics);
	rc = 0;
out:
	page_article_clear(&f);
	return rc;
}

int page_read(const struct page_context *ctx, const struct page_options *opt,
	      const char *source, const char *bytes, size_t len,
	      struct page **out, char *err, size_t errlen)
{
	struct text_decoded dec = {0};
	struct page_lines lines = {0};
	struct page *page = NULL;
	char reason[256];
	int hy = 0, hm = 0, hd = 0, rc = -1;

	if (len == 0) {
		snprintf(err, errlen, "%s: empty file", source);
		return -1;
	}
	if (text_decode(bytes, len, opt ? opt->encoding : NULL, &dec, reason,
			sizeof reason) < 0) {
		snprintf(err, errlen, "%s: %s", source, reason);
		return -1;
	}
	page = calloc(1, sizeof *page);
	if (!page || !(page->source = strdup(source)))
		goto nomem;
	snprintf(page->encoding, sizeof page->encoding, "%s", dec.encoding);
	page->invalid = dec.invalid;
	if (page_lines_split(dec.utf8, dec.length, &lines) < 0)
		goto nomem;
	page_lines_drop_headers(&lines, &hy, &hm, &hd);
	settle_page_date(page, opt, source, hy, hm, hd, dec.utf8, dec.length);
	if (page_lines_unwrap(&lines) < 0 || page_segment(page, &lines) < 0)
		goto nomem;
	for (size_t i = 0; i < page->n_articles; i++) {
		struct article *a = &page->articles[i];

		lead_date(a, page);
		if (visible_headline(a) < 0 || places_and_topics(ctx, a) < 0)
			goto nomem;
	}
	*out = page;
	page = NULL;
	rc = 0;
	goto out;
nomem:
	snprintf(err, errlen, "%s: out of memory", source);
out:
	page_lines_free(&lines);
	text_decoded_free(&dec);
	page_free(page);
	return rc;
}

/* The whole of f in an allocated buffer. */
static int slurp(FILE *f, char **data, size_t *len)
{
	size_t size = 0, cap = 1 << 16, n;
	char *buf = malloc(cap), *grown;

	if (!buf)
		return -1;
	while ((n = fread(buf + size, 1, cap - size, f)) > 0) {
		size += n;
		if (size == cap) {
			grown = realloc(buf, cap * 2);
			if (!grown) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = grown;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = size;
	return 0;
}

int page_read_file(const struct page_context *ctx,
		   const struct page_options *opt, const char *path,
		   struct page **out, char *err, size_t errlen)
{
	bool stdin_path = strcmp(path, "-") == 0;
	FILE *f = stdin_path ? stdin : fopen(path, "rb");
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = slurp(f, &data, &len);
	if (rc < 0)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (!stdin_path)
		fclose(f);
	if (rc < 0)
		return -1;
	rc = page_read(ctx, opt, path, data, len, out, err, errlen);
	free(data);
	return rc;
}
