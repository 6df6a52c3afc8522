/*
 * segment.c — from text to articles. The text is cut into lines (LF, CRLF,
 * a lone CR; a form feed is a page break), the running headers are taken
 * out, and a page that wraps every line at a column (pdftotext) has its
 * paragraphs' lines joined. Then the articles are found by their shape, the
 * way an editor finds them: every line is given a kind (kinds.c: heading,
 * text, dateline, byline, caption, credit, author line, trailer, the site's
 * fields, a break, furniture), and an article opens where a headline zone —
 * up to four heading lines, then bylines, a caption, the site's fields —
 * is followed by text, after the top of the page, a break or the end of
 * the article before (a finished sentence, an author line, a trailer, a
 * credit). Page-wide features decide the rest: a page that numbers its
 * items opens articles only at the numbers, a page that sets breaks
 * between its items opens one article between two breaks, and on a page
 * that indents its paragraphs an indented heading is a crosshead.
 */
#include <stdlib.h>
#include <string.h>

#include "page/reader.h"

#define MAX_HEADINGS 3
#define WRAP_SLACK 4 /* columns a wrapped line may fall short of the column */

static int add_line(struct page_lines *out, const char *s, size_t len,
		    int number, bool indented, bool blank_before, int width,
		    bool space_after)
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
	l->space_after = space_after;
	l->short_end = false;
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
				     indented, blank, width, end < j) < 0) {
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

/* Lines that always stand alone: a caption, credit, byline line, author
 * line, trailer, a site's fields or a break joins no other line; a
 * dateline joins none above it. */
static bool stands_alone(const struct page_line *l, bool above)
{
	return (!above && is_dateline(l)) || page_is_caption(l->text, l->len) ||
	       page_is_byline_line(l->text, l->len) ||
	       page_is_meta(l->text, l->len) || page_is_break(l->text, l->len) ||
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

/* A comma or semicolon in s[0..len): a clause of a sentence more than a
 * title. */
static bool has_clause_mark(const char *s, size_t len)
{
	size_t i, used;

	for (i = 0; i < len; i += used) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';')
			return true;
	}
	return false;
}

/* Whether s[0..len) is no more than two closing marks: ” ” 。” ）. */
static bool closing_marks(const char *s, size_t len)
{
	size_t i, used, n = 0;

	for (i = 0; i < len; i += used, n++) {
		uint32_t cp = page_cp(s, len, i, &used);

		if (cp != '"' && cp != 0x201D && cp != 0x2019 && cp != 0xFF09 &&
		    cp != ')' && cp != 0x3002 && cp != 0x300D && cp != 0x300F &&
		    cp != 0x300B && cp != 0x3011)
			return false;
	}
	return n > 0 && n <= 2;
}

/* Whether s[0..len) holds the code point mark. */
static bool has_mark(const char *s, size_t len, uint32_t mark)
{
	size_t i, used;

	for (i = 0; i < len; i += used)
		if (page_cp(s, len, i, &used) == mark)
			return true;
	return false;
}

int page_lines_unwrap(struct page_lines *lines)
{
	int column = wrap_column(lines);
	size_t i, o = 0, indented = 0;

	if (column <= 0)
		return column;
	/* Where paragraphs open indented, a line that is not indented goes
	 * on with the paragraph above, even after a full stop, unless it
	 * looks like a headline: short, and no comma in it. */
	for (i = 0; i < lines->count; i++)
		indented += lines->items[i].indented;
	for (i = 0; i < lines->count; i++) {
		struct page_line *l = &lines->items[i];

		if (o > 0) {
			struct page_line *prev = &lines->items[o - 1];
			bool full = prev->width >= column - WRAP_SLACK;
			bool ended = page_ends_sentence(prev->text, prev->len);

			const struct page_line *next =
				i + 1 < lines->count ? &lines->items[i + 1] : NULL;
			/* where paragraphs open indented, a headline is
			 * followed by one, by a blank, by another heading
			 * line or a line that stands alone; a line that
			 * runs on into the next is text */
			bool heading = page_is_heading(l->text, l->len) &&
				       !(indented > 0 &&
					 (has_clause_mark(l->text, l->len) ||
					  !(!next || next->indented ||
					    next->blank_before ||
					    (page_is_heading(next->text, next->len) &&
					     !has_clause_mark(next->text, next->len)) ||
					    stands_alone(next, false))));
			/* a short heading right above an indented paragraph
			 * is a headline, even where the line above it lost
			 * its full stop or ends in an author's name */
			bool above_text = heading && i + 1 < lines->count &&
					  lines->items[i + 1].indented &&
					  l->width < column - WRAP_SLACK &&
					  !has_mark(l->text, l->len, 0x3001);

			/* a line of closing marks alone (a quotation mark
			 * that did not hang) ends the line above */
			bool marks = !l->blank_before && closing_marks(l->text, l->len);

			if (marks || (full && !l->blank_before && !l->indented &&
			    !stands_alone(l, false) &&
			    (!stands_alone(prev, true) ||
			     page_is_caption(prev->text, prev->len)) &&
			    !(ended && heading) && !above_text)) {
				if ((prev->space_after &&
				     page_join(&prev->text, &prev->len, " ",
					       1) < 0) ||
				    page_join(&prev->text, &prev->len, l->text,
					      l->len) < 0)
					return -1;
				prev->space_after = l->space_after;
				/* The joined line is as wide as its last part. */
				prev->width = l->width;
				free(l->text);
				continue;
			}
		}
		lines->items[o++] = *l;
	}
	lines->count = o;
	/* a headline set apart from the text above it only by being short
	 * above an indented paragraph stands as if after a blank line */
	for (i = 1; i + 1 < o; i++) {
		struct page_line *l = &lines->items[i];

		if (!l->indented && lines->items[i + 1].indented &&
		    l->width < column - WRAP_SLACK &&
		    page_is_heading(l->text, l->len) &&
		    !has_clause_mark(l->text, l->len) &&
		    !has_mark(l->text, l->len, 0x3001) &&
		    lines->items[i - 1].width >= column - WRAP_SLACK &&
		    !page_is_heading(lines->items[i - 1].text,
				     lines->items[i - 1].len) &&
		    !page_ends_sentence(lines->items[i - 1].text,
					lines->items[i - 1].len))
			l->blank_before = true;
	}
	for (i = 0; i < o; i++)
		lines->items[i].short_end =
			lines->items[i].width < column - WRAP_SLACK;
	return 0;
}

/* What a line is, for finding the articles (kinds.c has the tests). */
enum kind {
	KIND_TEXT,      /* body text */
	KIND_HEADING,   /* short, no sentence end: a heading or a crosshead */
	KIND_DATELINE,  /* 本报讯(…)12月5日, and the text after it */
	KIND_BYLINE,    /* 本报记者 李某 on a line of its own */
	KIND_CAPTION,   /* ■… */
	KIND_CREDIT,    /* 单位供图, ■记者某某摄 */
	KIND_AUTHOR,    /* (李某), (通讯员 A 记者 B) */
	KIND_TRAILER,   /* 编辑：某某, 来源：… */
	KIND_META,      /* 发布时间：… under a headline */
	KIND_BREAK,     /* —— 🌸 ——, 【打印】【关闭】 */
	KIND_FURNITURE, /* [图片], prompts, breadcrumbs, pagers, 【本县动态】 */
};

struct start {
	size_t at;       /* first line of the article */
	size_t headings; /* heading lines from there */
	size_t body;     /* first line of the body: bylines, captions and the
			  * site's fields between lie in [at + headings, body) */
};

struct layout {
	const struct page_line *l;
	enum kind *kind;
	size_t n;
	bool indents;  /* the page indents its paragraphs */
	bool numbered; /* the page numbers its items: 一、 二、 */
	bool breaks;   /* the page sets a break between its items */
};

static bool is_dateline(const struct page_line *l)
{
	struct page_dateline d;
	int rc = page_dateline_parse(l->text, l->len, &d);

	if (rc > 0)
		page_dateline_clear(&d);
	return rc != 0;
}

/* A bracketed line with roles: (通讯员 A 记者 B). */
static bool is_closing_byline(const char *s, size_t len)
{
	const char *inner = s;
	size_t inner_len = len;

	page_unbracket(&inner, &inner_len);
	return inner_len < len && page_is_byline_line(inner, inner_len);
}

static enum kind kind_of(const struct page_line *l)
{
	const char *s = l->text;
	size_t len = l->len, used;

	if (page_is_break(s, len))
		return KIND_BREAK;
	if (page_is_furniture(s, len) || page_is_section_mark(s, len))
		return KIND_FURNITURE;
	if (page_is_caption(s, len)) {
		size_t at = page_skip_spaces(s, len, (page_cp(s, len, 0, &used), used));

		return page_is_credit(s + at, len - at) ? KIND_CREDIT
							: KIND_CAPTION;
	}
	if (page_is_credit(s, len))
		return KIND_CREDIT;
	if (page_author_line(s, len, NULL) != 0 || is_closing_byline(s, len))
		return KIND_AUTHOR;
	if (page_is_meta(s, len))
		return KIND_META;
	if (page_is_trailer(s, len))
		return KIND_TRAILER;
	if (is_dateline(l))
		return KIND_DATELINE;
	if (page_is_byline_line(s, len))
		return KIND_BYLINE;
	if (page_is_heading(s, len))
		return KIND_HEADING;
	return KIND_TEXT;
}

/* Whether the article before has come to an end at line p: a finished
 * sentence, an author line, a trailer, a credit or caption, a break. */
static bool closes(const struct layout *y, size_t p)
{
	switch (y->kind[p]) {
	case KIND_TEXT:
	case KIND_DATELINE:
		/* on a wrapped page a line short of the column ends its
		 * paragraph, full stop or not */
		return page_ends_sentence(y->l[p].text, y->l[p].len) ||
		       y->l[p].short_end;
	case KIND_HEADING:
		/* a short paragraph, indented as paragraphs are */
		return y->l[p].indented && y->indents &&
		       (page_ends_sentence(y->l[p].text, y->l[p].len) ||
			y->l[p].short_end);
	case KIND_AUTHOR:
	case KIND_TRAILER:
	case KIND_CREDIT:
	case KIND_CAPTION:
	case KIND_BREAK:
		return true;
	default:
		return false;
	}
}

/* A long title is set in parts: a main title and its 副题 after ——, a
 * 【栏目】 mark, a column label and a bar, a space between phrases; a
 * sentence runs on without them. */
static bool has_title_parts(const char *s, size_t len)
{
	static const char *const marks[] = {"——", "【", "丨", "|", "｜", "　",
					    " "};
	static const char *const times[] = {"昨天", "今天", "今晚", "日前",
					    "近日", "上午", "下午", "记者"};

	/* a time of the day, a day or the reporter is the lead's, not a
	 * title's */
	for (size_t i = 0; i < len; i++) {
		size_t j = i;
		int v;

		if (page_number(s, len, &j, &v) && page_starts(s, len, j, "月") &&
		    (j += strlen("月"), page_number(s, len, &j, &v)) &&
		    page_starts(s, len, j, "日"))
			return false;
	}
	for (size_t k = 0; k < sizeof times / sizeof *times; k++)
		for (size_t i = 0; i + strlen(times[k]) <= len; i++)
			if (memcmp(s + i, times[k], strlen(times[k])) == 0)
				return false;
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
		for (size_t i = 0; i + strlen(marks[k]) <= len; i++)
			if (memcmp(s + i, marks[k], strlen(marks[k])) == 0)
				return true;
	return false;
}

/* Whether s[0..len) opens a title 《, a bracket or a quotation that it
 * does not close. */
static bool leaves_open(const char *s, size_t len)
{
	static const uint32_t pairs[][2] = {
		{0x300A, 0x300B}, {0xFF08, 0xFF09}, {0x201C, 0x201D},
		{0x3010, 0x3011}, {0x300C, 0x300D}, {0x300E, 0x300F},
	};
	int open[sizeof pairs / sizeof *pairs] = {0};
	size_t used;

	for (size_t i = 0; i < len; i += used) {
		uint32_t cp = page_cp(s, len, i, &used);

		for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
			if (cp == pairs[k][0])
				open[k]++;
			else if (cp == pairs[k][1] && open[k] > 0)
				open[k]--;
	}
	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
		if (open[k] > 0)
			return true;
	return false;
}

/* A 副题 opening with a dash. */
static bool is_subheading(const struct page_line *l)
{
	return page_starts(l->text, l->len, 0, "——") ||
	       page_starts(l->text, l->len, 0, "--");
}

/* A line that may stand in a headline zone: a heading; one ending in ！ or
 * ？ (一碗热饺子，一席团圆饭！…) when it is not indented like a paragraph;
 * a long one (up to 80 characters) when last, set apart from the text,
 * and closing what it opens: a long line that leaves a title open
 * (…专题片《开启…新航程——…并举) is a sentence the layout broke, and
 * the title goes on after the blank (行系列活动纪实》将于…). */
static bool zone_heading(const struct layout *y, size_t j, bool first,
			 bool last)
{
	const struct page_line *l = &y->l[j];

	/* an indented heading opening a zone on a page that indents its
	 * paragraphs is a crosshead of the text */
	if (y->kind[j] == KIND_HEADING)
		return !(first && l->indented && y->indents);
	if (y->kind[j] != KIND_TEXT || l->indented)
		return false;
	/* one ending in ！ or ？ is short, or stands right above a dateline
	 * or a byline: a sentence of the text can end so too */
	if (page_is_exclaimed_heading(l->text, l->len)) {
		bool above_dateline =
			j + 1 < y->n && (y->kind[j + 1] == KIND_DATELINE ||
					 y->kind[j + 1] == KIND_BYLINE);

		/* a clause and a comma before the ！ opening a zone is the
		 * end of a sentence more often than a title */
		if (first && has_clause_mark(l->text, l->len))
			return above_dateline;
		return page_chars(l->text, l->len) <= 24 || above_dateline;
	}
	return last && page_is_long_headline(l->text, l->len) &&
	       !has_clause_mark(l->text, l->len) &&
	       has_title_parts(l->text, l->len) && !leaves_open(l->text, l->len);
}

/* The headline zone that opens an article at line i, if one does: heading
 * lines (up to four: lead-in, kicker, a headline over up to three lines,
 * a subheadline), then bylines, a caption and its credit, the site's
 * fields, placeholders, then the body: a dateline or text. */
static bool zone_at(const struct layout *y, size_t i, struct start *s)
{
	size_t j = i, h = 0, b;

	while (j < y->n && h < 5) {
		bool last = j + 1 >= y->n || y->kind[j + 1] != KIND_HEADING;

		if (!zone_heading(y, j, j == i, last))
			break;
		/* Nothing stands above a kicker: what does ends the article
		 * before. */
		if (j > i && !last &&
		    page_is_organisation(y->l[j].text, y->l[j].len) &&
		    y->kind[j] == KIND_HEADING && y->l[j].blank_before)
			return false;
		/* A lead-in or kicker is a phrase: a line with a comma set
		 * apart above a heading is the end of a paragraph. */
		if (j > i && y->l[j].blank_before &&
		    has_clause_mark(y->l[j - 1].text, y->l[j - 1].len) &&
		    !is_subheading(&y->l[j]))
			return false;
		/* a long line ends the zone: the body must follow */
		h++;
		j++;
		if (y->kind[j - 1] != KIND_HEADING &&
		    !page_is_exclaimed_heading(y->l[j - 1].text, y->l[j - 1].len))
			break;
	}
	if (h == 0)
		return false;
	for (b = j; b < y->n; b++) {
		enum kind k = y->kind[b];

		if (k != KIND_BYLINE && k != KIND_CAPTION && k != KIND_CREDIT &&
		    k != KIND_META && k != KIND_FURNITURE &&
		    !(k == KIND_TRAILER && b > j && y->kind[b - 1] == KIND_META) &&
		    !(k == KIND_TRAILER && page_is_meta(y->l[b].text, y->l[b].len)))
			break;
		if (k == KIND_FURNITURE &&
		    page_is_section_mark(y->l[b].text, y->l[b].len))
			return false;
	}
	if (b >= y->n || (y->kind[b] != KIND_DATELINE && y->kind[b] != KIND_TEXT))
		return false;
	/* A heading zone of five lines is a list of headlines, not one. */
	if (h == 5)
		return false;
	s->at = i;
	s->headings = h;
	s->body = b;
	return true;
}

/* The line before i that counts: furniture is passed over. Returns n
 * when there is none. */
static size_t line_before(const struct layout *y, size_t i)
{
	while (i > 0) {
		i--;
		if (y->kind[i] != KIND_FURNITURE)
			return i;
	}
	return y->n;
}

/* Whether an article can open at line i: after the top of the page, a
 * break or the end of the article before; or after a sentence left
 * unfinished, when a blank line sets short headings apart (a full stop
 * missing in print must not cost the next article). */
static bool opens(const struct layout *y, size_t i, const struct start *s)
{
	size_t p = line_before(y, i);

	if (y->numbered && !page_item_number(y->l[i].text, y->l[i].len))
		return false;
	/* a caption and its credit dropped into a sentence close nothing:
	 * the sentence before them goes on after them */
	if (p != y->n &&
	    (y->kind[p] == KIND_CAPTION || y->kind[p] == KIND_CREDIT)) {
		size_t q = p;

		while (q != y->n && (y->kind[q] == KIND_CAPTION ||
				     y->kind[q] == KIND_CREDIT))
			q = line_before(y, q);
		if (q != y->n &&
		    (y->kind[q] == KIND_TEXT || y->kind[q] == KIND_DATELINE) &&
		    !closes(y, q))
			p = q;
	}
	if (p == y->n || closes(y, p))
		return true;
	if ((y->kind[p] != KIND_TEXT && y->kind[p] != KIND_HEADING) ||
	    !y->l[i].blank_before)
		return false;
	/* ... a short heading, not the rest of the sentence ending in ！ */
	if (y->kind[s->at] != KIND_HEADING)
		return false;
	for (size_t k = s->at; k < s->at + s->headings; k++)
		if (y->kind[k] != KIND_HEADING &&
		    !page_is_exclaimed_heading(y->l[k].text, y->l[k].len))
			return false;
	return true;
}

static int read_article(struct page *page, const struct layout *y,
			const struct start *s, size_t end);

/* Whether the headings of s repeat a part of the headings of the article
 * before: the crosshead of a story in parts (a headline naming two people,
 * each of them a crosshead below it) opens no article. */
static bool repeats_headline(const struct layout *y, const struct start *prev,
			     const struct start *s)
{
	/* a headline over a dateline opens its own story */
	if (y->kind[s->body] == KIND_DATELINE)
		return false;
	for (size_t k = s->at; k < s->at + s->headings; k++) {
		const struct page_line *l = &y->l[k];
		bool found = false;

		if (page_chars(l->text, l->len) < 4)
			return false;
		for (size_t j = prev->at; j < prev->at + prev->headings && !found;
		     j++)
			found = y->l[j].len > l->len &&
				memmem(y->l[j].text, y->l[j].len, l->text,
				       l->len) != NULL;
		if (!found)
			return false;
	}
	return s->headings > 0;
}

/* Page-wide features: indented paragraphs, numbered items, breaks between
 * items. */
static void survey(struct layout *y)
{
	size_t text = 0, indented = 0, numbered = 0, i;
	size_t segments = 0, breaks = 0;
	bool segment_has_start = false;
	struct start s;

	for (i = 0; i < y->n; i++) {
		if (y->kind[i] == KIND_TEXT || y->kind[i] == KIND_DATELINE) {
			text++;
			indented += y->l[i].indented;
		}
		if (y->kind[i] == KIND_HEADING && !y->l[i].indented &&
		    page_item_number(y->l[i].text, y->l[i].len))
			numbered++;
	}
	y->indents = text > 0 && indented * 3 >= text * 2;
	y->numbered = numbered >= 2;
	/* Breaks delimit the items when two or more stretches between
	 * breaks open an article. */
	for (i = 0; i < y->n; i++) {
		if (y->kind[i] == KIND_BREAK) {
			segments += segment_has_start;
			segment_has_start = false;
			breaks++;
			continue;
		}
		if (!segment_has_start && zone_at(y, i, &s) && opens(y, i, &s))
			segment_has_start = true;
	}
	segments += segment_has_start;
	y->breaks = segments >= 2 && breaks >= 2 && !y->numbered;
}

int page_segment(struct page *page, const struct page_lines *lines)
{
	struct layout y = {.l = lines->items, .n = lines->count};
	struct start *starts = NULL, s;
	size_t ns = 0, i, end;
	bool ended = false, segment_open = false;
	int rc = -1;

	if (y.n == 0)
		return 0;
	starts = calloc(y.n + 1, sizeof *starts);
	y.kind = calloc(y.n, sizeof *y.kind);
	if (!starts || !y.kind)
		goto out;
	for (i = 0; i < y.n; i++) {
		/* the page's foot of links: no article after it */
		if (!ended && page_is_page_end(y.l[i].text, y.l[i].len))
			ended = true;
		y.kind[i] = ended ? KIND_FURNITURE : kind_of(&y.l[i]);
	}
	survey(&y);
	for (i = 0; i < y.n;) {
		if (y.kind[i] == KIND_BREAK)
			segment_open = false;
		if (!(y.breaks && segment_open) && zone_at(&y, i, &s) &&
		    opens(&y, i, &s) &&
		    !(ns > 0 && repeats_headline(&y, &starts[ns - 1], &s))) {
			starts[ns++] = s;
			segment_open = true;
			i = s.body + 1;
			continue;
		}
		i++;
	}
	/* Text before the first headline that opens with a dateline is an
	 * article of its own, with no headline. */
	for (i = 0; i < (ns ? starts[0].at : y.n); i++) {
		if (y.kind[i] == KIND_DATELINE) {
			memmove(starts + 1, starts, ns * sizeof *starts);
			starts[0] = (struct start){.at = i, .headings = 0, .body = i};
			ns++;
			break;
		}
		if (y.kind[i] == KIND_TEXT)
			break;
	}
	for (i = 0; i < ns; i++) {
		size_t k;

		end = i + 1 < ns ? starts[i + 1].at : y.n;
		/* A break ends an item: what follows it and opens no
		 * article is page furniture (a foot, a masthead). */
		for (k = starts[i].body; k < end; k++)
			if (y.kind[k] == KIND_BREAK)
				break;
		if (read_article(page, &y, &starts[i], k) < 0)
			goto out;
	}
	rc = 0;
out:
	free(starts);
	free(y.kind);
	return rc;
}

static int read_article(struct page *page, const struct layout *y,
			const struct start *s, size_t end)
{
	const struct page_line *l = y->l;
	struct article *a, *grown;
	struct page_dateline d;
	size_t body = s->body, k;
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
	/* Between the headline and the text: bylines, a caption with its
	 * credit, the site's fields. */
	for (k = s->at + s->headings; k < body; k++) {
		const char *t = l[k].text;
		size_t len = l[k].len;

		if (y->kind[k] == KIND_BYLINE &&
		    page_bylines_parse(t, len, &a->reporters, &a->n_reporters) < 0)
			return -1;
		if (y->kind[k] == KIND_CAPTION || y->kind[k] == KIND_CREDIT)
			if (page_body(a, l + k, 1) < 0)
				return -1;
		if ((y->kind[k] == KIND_META || y->kind[k] == KIND_TRAILER) &&
		    page_site_fields(a, t, len) < 0)
			return -1;
	}
	if (body < end) {
		rc = page_dateline_parse(l[body].text, l[body].len, &d);
		if (rc < 0)
			return -1;
		if (rc > 0) {
			size_t n = d.length;

			while (n > 0) { /* the comma after the date goes */
				size_t at;
				uint32_t cp = page_last_cp(l[body].text, n, &at);

				if (cp != ',' && cp != 0xFF0C && cp != ':' &&
				    cp != 0xFF1A && !page_is_space(cp))
					break;
				n = at;
			}
			a->dateline = strndup(l[body].text, n);
			if (!a->dateline) {
				page_dateline_clear(&d);
				return -1;
			}
			/* bylines under the headline come first */
			for (k = 0; k < d.n_reporters; k++) {
				struct byline *g = realloc(
					a->reporters,
					(a->n_reporters + 1) * sizeof *g);

				if (!g) {
					page_dateline_clear(&d);
					return -1;
				}
				a->reporters = g;
				g[a->n_reporters++] = d.reporters[k];
			}
			free(d.reporters);
			a->month = d.month;
			a->day = d.day;
			a->precision = d.precision;
		}
	}
	return page_body(a, l + body, end - body);
}
