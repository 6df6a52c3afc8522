/*
 * segment.c — from text to articles. The text is cut into lines (LF, CRLF,
 * a lone CR; a form feed is a page break), the running headers are taken
 * out, and a page that wraps every line at a column (pdftotext) has its
 * paragraphs' lines joined. Then the articles are found the way an editor
 * finds them: each dateline (本报讯…) opens an article's body, and the up to
 * three short lines above it are its kicker, lead-in and headline; an
 * author line (李驿宿) closes an article, and short lines after it followed
 * by text open the next one even without a dateline. An article's body runs
 * until the next article's headings.
 */
#include <stdlib.h>
#include <string.h>

#include "page/reader.h"

#define MAX_HEADINGS 3
#define WRAP_SLACK 4 /* columns a wrapped line may fall short of the column */

static int add_line(struct page_lines *out, const char *s, size_t len,
		    int number, bool indented, bool blank_before, int width)
{
	struct page_line *l;

	if (out->count == out->capacity) {
		size_t capacity = out->capacity ? out->capacity * 2 : 64;
		struct page_line *items =
			realloc(out->items, capacity * sizeof *items);

		if (!items)
			return -1;
		out->items = items;
		out->capacity = capacity;
	}
	l = &out->items[out->count];
	l->text = malloc(len + 1);
	if (!l->text)
		return -1;
	memcpy(l->text, s, len);
	l->text[len] = '\0';
	l->len = len;
	l->number = number;
	l->indented = indented;
	l->blank_before = blank_before;
	l->width = width;
	out->count++;
	return 0;
}

int page_lines_split(const char *text, size_t len, struct page_lines *out)
{
	size_t i = 0, j, k, used, start, end;
	int number = 1, width, spaces;
	bool blank = true, indented;

	/* A lone CR ends lines only in a file that has no LF at all (old Mac
	 * files); elsewhere it is a stray character, kept as it came. */
	bool cr_ends = memchr(text, '\n', len) == NULL;

	memset(out, 0, sizeof *out);
	while (i < len) {
		for (j = i; j < len; j++)
			if (text[j] == '\n' || text[j] == '\f' ||
			    (text[j] == '\r' &&
			     (cr_ends || j + 1 == len || text[j + 1] == '\n' ||
			      text[j + 1] == '\f')))
				break;
		/* Indentation: two spaces, a tab or an ideographic space. */
		width = 0;
		spaces = 0;
		indented = false;
		for (k = i; k < j;) {
			uint32_t cp = page_cp(text, j, k, &used);

			if (!page_is_space(cp))
				break;
			if (cp == 0x3000 || cp == '\t')
				indented = true;
			if (cp == ' ' && ++spaces >= 2)
				indented = true;
			width += cp == 0x3000 ? 2 : 1;
			k += used;
		}
		start = k;
		end = j;
		while (end > start) {
			uint32_t cp = page_last_cp(text + start, end - start, &k);

			if (!page_is_space(cp))
				break;
			end = start + k;
		}
		for (k = start; k < end; k += used)
			width += text_cp_width(page_cp(text, end, k, &used));
		if (end > start) {
			if (add_line(out, text + start, end - start, number,
				     indented, blank, width) < 0) {
				page_lines_free(out);
				return -1;
			}
			blank = false;
		} else if (j >= len || text[j] != '\f') {
			blank = true;
		}
		if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
			j++;
		if (j < len && text[j] != '\f')
			number++;
		i = j + 1;
	}
	return 0;
}

void page_lines_free(struct page_lines *lines)
{
	for (size_t i = 0; i < lines->count; i++)
		free(lines->items[i].text);
	free(lines->items);
	memset(lines, 0, sizeof *lines);
}

void page_lines_drop_headers(struct page_lines *lines, int *y, int *m, int *d)
{
	size_t i, o = 0;
	int yy = 0, mm = 0, dd = 0;
	bool dated = false;

	for (i = 0; i < lines->count; i++) {
		struct page_line *l = &lines->items[i];

		yy = 0;
		if (page_is_header(l->text, l->len, &yy, &mm, &dd)) {
			if (!dated && yy) {
				*y = yy;
				*m = mm;
				*d = dd;
				dated = true;
			}
			free(l->text);
			continue;
		}
		lines->items[o++] = *l;
	}
	lines->count = o;
}

static bool is_dateline(const struct page_line *l);

/* Lines that always stand alone: a caption, credit, author line or trailer
 * joins no other line; a dateline joins none above it. */
static bool stands_alone(const struct page_line *l, bool above)
{
	return (!above && is_dateline(l)) || page_is_caption(l->text, l->len) ||
	       page_is_credit(l->text, l->len) || page_is_trailer(l->text, l->len) ||
	       page_author_line(l->text, l->len, NULL) != 0;
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The column a PDF page wraps at, or 0 when the page is not wrapped: most
 * lines run on to the next with no blank, and many have the same width:
 * the width w (20 columns or more) that most lines fall short of by less
 * than WRAP_SLACK, the widest on a tie. The widths are sorted, so that a
 * long page costs n log n, not n². Returns -1 when out of memory. */
static int wrap_column(const struct page_lines *lines)
{
	size_t i, lo = 0, adjacent = 0, wide = 0, best_count = 0, n = 0;
	int best = 0, *widths;

	for (i = 1; i < lines->count; i++)
		if (!lines->items[i].blank_before)
			adjacent++;
	if (adjacent < 5 || adjacent * 2 < lines->count)
		return 0;
	widths = malloc(lines->count * sizeof *widths);
	if (!widths)
		return -1;
	for (i = 0; i < lines->count; i++)
		widths[n++] = lines->items[i].width;
	qsort(widths, n, sizeof *widths, compare_ints);
	/* For each width w, the lines of width w - WRAP_SLACK + 1 .. w: a
	 * window over the sorted widths; the last of equal widths sees them
	 * all. */
	for (i = 0; i < n; i++) {
		int w = widths[i];

		while (widths[lo] < w - WRAP_SLACK + 1)
			lo++;
		if (w < 20)
			continue;
		wide++;
		if (i + 1 < n && widths[i + 1] == w)
			continue;
		if (i + 1 - lo >= best_count) { /* ascending: wider wins ties */
			best_count = i + 1 - lo;
			best = w;
		}
	}
	free(widths);
	if (best_count < 4 || best_count * 10 < wide * 3)
		return 0;
	return best;
}

int page_lines_unwrap(struct page_lines *lines)
{
	int column = wrap_column(lines);
	size_t i, o = 0;

	if (column <= 0)
		return column;
	for (i = 0; i < lines->count; i++) {
		struct page_line *l = &lines->items[i];

		if (o > 0) {
			struct page_line *prev = &lines->items[o - 1];
			bool full = prev->width >= column - WRAP_SLACK;
			bool ended = page_ends_sentence(prev->text, prev->len);

			if (full && !l->blank_before && !l->indented &&
			    !stands_alone(l, false) && !stands_alone(prev, true) &&
			    !(ended && page_is_heading(l->text, l->len))) {
				if (page_join(&prev->text, &prev->len, l->text,
					      l->len) < 0)
					return -1;
				/* The joined line is as wide as its last part. */
				prev->width = l->width;
				free(l->text);
				continue;
			}
		}
		lines->items[o++] = *l;
	}
	lines->count = o;
	return 0;
}

struct start {
	size_t at;       /* first line of the article */
	size_t headings; /* heading lines from there */
};

static bool is_dateline(const struct page_line *l)
{
	struct page_dateline d;
	int rc = page_dateline_parse(l->text, l->len, &d);

	if (rc > 0)
		page_dateline_clear(&d);
	return rc != 0;
}

/* A line that is text of the body: not a heading, caption, credit, author
 * line, trailer or dateline. A heading cannot follow such a line that has
 * not finished its sentence: it would be the rest of that sentence. */
static bool is_open_text(const struct page_line *l)
{
	return !page_is_heading(l->text, l->len) &&
	       !page_ends_sentence(l->text, l->len) &&
	       !page_is_caption(l->text, l->len) &&
	       !page_is_credit(l->text, l->len) &&
	       !page_is_trailer(l->text, l->len) &&
	       page_author_line(l->text, l->len, NULL) == 0;
}

/* Whether l[c] can be a heading of the article whose dateline is l[i],
 * with k heading lines already found between them. A long headline must be
 * set apart right above the dateline; one ending in ！ or ？ must start its
 * block or follow a heading line, and not be indented like a paragraph. */
static bool heading_above(const struct page_line *l, size_t c, size_t i,
			  size_t k)
{
	if (page_is_heading(l[c].text, l[c].len))
		return true;
	if (k == 0 && l[i].blank_before && l[c].blank_before &&
	    page_is_long_headline(l[c].text, l[c].len))
		return true;
	return !l[c].indented &&
	       page_is_exclaimed_heading(l[c].text, l[c].len) &&
	       (l[c].blank_before ||
		(c > 0 && !l[c - 1].indented &&
		 page_is_heading(l[c - 1].text, l[c - 1].len)));
}

static int compare_starts(const void *a, const void *b)
{
	const struct start *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

static int read_article(struct page *page, const struct page_lines *lines,
			const struct start *s, size_t end)
{
	const struct page_line *l = lines->items;
	struct article *a, *grown;
	struct page_dateline d;
	size_t body = s->at + s->headings;
	int rc;

	grown = realloc(page->articles, (page->n_articles + 1) * sizeof *grown);
	if (!grown)
		return -1;
	page->articles = grown;
	a = &grown[page->n_articles++];
	memset(a, 0, sizeof *a);
	a->ordinal = (int)page->n_articles;
	a->line = l[s->at].number;
	if (page_headings(a, l + s->at, s->headings) < 0)
		return -1;
	if (body < end) {
		rc = page_dateline_parse(l[body].text, l[body].len, &d);
		if (rc < 0)
			return -1;
		if (rc > 0) {
			size_t n = d.length;

			while (n > 0) { /* the comma after the date goes */
				size_t k;
				uint32_t cp = page_last_cp(l[body].text, n, &k);

				if (cp != ',' && cp != 0xFF0C && cp != ':' &&
				    cp != 0xFF1A && !page_is_space(cp))
					break;
				n = k;
			}
			a->dateline = strndup(l[body].text, n);
			a->reporters = d.reporters;
			a->n_reporters = d.n_reporters;
			a->month = d.month;
			a->day = d.day;
			a->precision = d.precision;
			if (!a->dateline)
				return -1;
		}
	}
	return page_body(a, l + body, end - body);
}

int page_segment(struct page *page, const struct page_lines *lines)
{
	const struct page_line *l = lines->items;
	size_t n = lines->count, i, k, ns = 0, next;
	struct start *starts = NULL;
	bool *dated = NULL;
	int rc = -1;

	if (n == 0)
		return 0;
	starts = calloc(2 * n + 2, sizeof *starts);
	dated = calloc(n, sizeof *dated);
	if (!starts || !dated)
		goto out;
	for (i = 0; i < n; i++)
		dated[i] = is_dateline(&l[i]);
	/* Each dateline with the headings above it. */
	for (i = 0; i < n; i++) {
		size_t floor = ns ? starts[ns - 1].at + starts[ns - 1].headings + 1 : 0;

		if (!dated[i])
			continue;
		for (k = 0; k < MAX_HEADINGS && i - k > floor; k++) {
			size_t c = i - k - 1;

			if (dated[c] || !heading_above(l, c, i, k))
				break;
			if (c > 0 && !dated[c - 1] && is_open_text(&l[c - 1]))
				break;
			/* Nothing stands above the kicker: what does is the
			 * end of the article before. */
			if (k > 0 && page_is_organisation(l[c].text, l[c].len)) {
				k++;
				break;
			}
		}
		if (k == 0 && ns > 0)
			continue; /* a second dateline inside an article */
		starts[ns].at = i - k;
		starts[ns].headings = k;
		ns++;
	}
	/* Articles with no dateline: at the top of the page and after an
	 * author line or trailer, short lines followed by text. The starts
	 * found so far are in order of their lines: `after` walks them. */
	size_t found = ns, after = 0;
	for (i = 0; i <= n; i++) {
		size_t p = i, h;

		while (after < found && starts[after].at < p)
			after++;

		if (i > 0 && page_author_line(l[i - 1].text, l[i - 1].len, NULL) == 0 &&
		    !page_is_trailer(l[i - 1].text, l[i - 1].len))
			continue;
		if (p >= n || page_is_trailer(l[p].text, l[p].len) ||
		    page_author_line(l[p].text, l[p].len, NULL) != 0)
			continue;
		next = after < found ? starts[after].at : n;
		if (next == p)
			continue;
		for (h = 0; h < MAX_HEADINGS && p + h < next && !dated[p + h] &&
			    page_is_heading(l[p + h].text, l[p + h].len);
		     h++)
			;
		if (h == 0 || p + h >= next)
			continue;
		starts[ns].at = p;
		starts[ns].headings = h;
		ns++;
	}
	qsort(starts, ns, sizeof *starts, compare_starts);
	for (i = 0; i < ns; i++) {
		next = i + 1 < ns ? starts[i + 1].at : n;
		if (read_article(page, lines, &starts[i], next) < 0)
			goto out;
	}
	rc = 0;
out:
	free(starts);
	free(dated);
	return rc;
}
