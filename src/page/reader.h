/*
 * Private to the page reader (read.c, segment.c, headline.c, dateline.c,
 * body.c, pagedate.c, scan.c): the lines of a page and the decisions made
 * on them. Not for other parts of the program, nor for page_places().
 *
 * A page is first cut into lines (struct page_line): each line owns its
 * text with the indentation and trailing spaces removed and remembers
 * whether it was indented and whether a blank line stood before it. Pages
 * from a PDF edition have their wrapped lines joined into whole lines
 * before the articles are found, so every later step sees the same shape.
 */
#ifndef BULLETIN_PAGE_READER_H
#define BULLETIN_PAGE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "page/page.h"

/* ---- scan.c: small UTF-8 helpers ------------------------------------- */

/* The code point at s[i] (U+FFFD for an invalid byte); *used its length. */
uint32_t page_cp(const char *s, size_t len, size_t i, size_t *used);

/* The last code point of s[0..len) and, in *start, where it begins;
 * 0 for an empty string. */
uint32_t page_last_cp(const char *s, size_t len, size_t *start);

/* Characters (code points) in s[0..len). */
size_t page_chars(const char *s, size_t len);

/* ASCII space and tab, U+3000 and U+00A0. */
bool page_is_space(uint32_t cp);

/* The index of the first non-space at or after i. */
size_t page_skip_spaces(const char *s, size_t len, size_t i);

/* True when s[i..len) starts with prefix. */
bool page_starts(const char *s, size_t len, size_t i, const char *prefix);

/* True when s[0..len) ends with suffix. */
bool page_ends(const char *s, size_t len, const char *suffix);

/* Whether word occurs in s[0..len) (Traditional read as Simplified). */
bool page_contains(const char *s, size_t len, const char *word);

/* A person's name: min to max Han characters, · allowed inside. */
bool page_is_name(const char *s, size_t len, size_t min, size_t max);

/* Reads a number of ASCII or full-width digits at s[*i]; returns the
 * number of digits read (0: none) and advances *i past them. */
int page_number(const char *s, size_t len, size_t *i, int *value);

/* ---- segment.c: lines and articles ----------------------------------- */

struct page_line {
	char *text;        /* owned: indentation and trailing spaces removed */
	size_t len;
	int number;        /* 1-based line of the file where it starts */
	bool indented;     /* began with 2 spaces, a tab or U+3000 */
	bool blank_before; /* a blank line (or the start) stands before it */
	bool space_after;  /* it ended in a space: a wrapped line goes on
			    * after a space (pdftotext keeps it) */
	bool short_end;    /* on a wrapped page, its last line stops short of
			    * the column: the paragraph ends there */
	int width;         /* display columns as printed, indentation included */
};

struct page_lines {
	struct page_line *items; /* owned */
	size_t count;
	size_t capacity;
};

/* Cuts text[0..len) into lines at LF, CRLF and a form feed (a page break,
 * not a blank line), and at a lone CR in a file that has no LF (a stray CR
 * elsewhere is kept as text). Blank lines are not kept; they set
 * blank_before on the next line. Returns 0, or -1 when out of memory. */
int page_lines_split(const char *text, size_t len, struct page_lines *out);
void page_lines_free(struct page_lines *lines);

/* Removes the page's running headers (paper, date, page number); sets
 * *y, *m, *d from the first one that carries a full date (left alone when
 * none does). */
void page_lines_drop_headers(struct page_lines *lines, int *y, int *m,
			     int *d);

/* When the page wraps every line at a column (a PDF edition through
 * pdftotext), joins each paragraph's lines into one. Returns 0, or -1 when
 * out of memory. */
int page_lines_unwrap(struct page_lines *lines);

/* Finds the articles among the lines and reads each one (headings,
 * dateline, body) into page->articles; the date is left as month/day for
 * read.c to settle. Returns 0, or -1 when out of memory. */
int page_segment(struct page *page, const struct page_lines *lines);

/* ---- kinds.c: what a line looks like ---------------------------------- */

/* A break between items: a rule or ornament with no letter in it (——
 * 🌸 ——, ━━━━) or a site's foot of marks (【打印】【关闭】). */
bool page_is_break(const char *s, size_t len);

/* Page furniture that is no text: a placeholder ([图片]), a breadcrumb, a
 * pager, an account's follow or share prompt. */
bool page_is_furniture(const char *s, size_t len);

/* A section mark alone on its line: 【本县动态】. */
bool page_is_section_mark(const char *s, size_t len);

/* The start of a page's foot of links (往期推荐, 推荐阅读): what follows
 * is no article. */
bool page_is_page_end(const char *s, size_t len);

/* A site's fields under a headline: 发布时间：…, …浏览次数：…. */
bool page_is_meta(const char *s, size_t len);

/* The bytes of an item number opening s (一、, 12、), or 0. */
size_t page_item_number(const char *s, size_t len);

/* A byline set on a line of its own: 本报记者 李某, 通讯员 A B C,
 * 记者：A 通讯员：B、C, 記者林東良／台南報導. */
bool page_is_byline_line(const char *s, size_t len);

/* ---- headline.c ------------------------------------------------------ */

/* A line that can be a heading (kicker, lead-in or headline): short, not
 * ending a sentence, not a caption, credit, author line or trailer. */
bool page_is_heading(const char *s, size_t len);

/* A headline set apart right above a dateline may be longer (up to 80
 * characters: 习近平在…时强调 加快构建新发展格局…); otherwise as above. */
bool page_is_long_headline(const char *s, size_t len);

/* A line that would be a heading but ends in ！ or ？ (海采：这个假期去哪？
 * 看什么？, 央视快评：为新时代中国健儿点赞！): a headline only where it is
 * set apart above a dateline, for a body line can end so too. */
bool page_is_exclaimed_heading(const char *s, size_t len);

/* A line that names an organisation or a place (a kicker): 湛江市总工会,
 * 宝龙社区工联会, 佛山市南海区. */
bool page_is_organisation(const char *s, size_t len);

/* Sets a->kicker, a->lead_in and a->headline from the heading lines
 * h[0..n) (n may be 0: headline ""). Returns 0, or -1 out of memory. */
int page_headings(struct article *a, const struct page_line *h, size_t n);

/* ---- dateline.c ------------------------------------------------------ */

struct page_dateline {
	size_t length;         /* bytes of the line the dateline takes */
	int month, day;        /* 0 when not given */
	enum date_precision precision; /* DAY, APPROX (日前) or NONE */
	struct byline *reporters;      /* owned */
	size_t n_reporters;
};

/* Reads the dateline at the start of s[0..len). Returns 1 and fills *d
 * (free with page_dateline_clear), 0 when s does not start with one, or -1
 * when out of memory. */
int page_dateline_parse(const char *s, size_t len, struct page_dateline *d);
void page_dateline_clear(struct page_dateline *d);

/* The reporter's role that s[0..len) starts with, maybe after the name of
 * a paper, site or station (本报记者, 极目新闻记者, 江苏工人报记者: 记者):
 * the role as written, with *prefix and *end where it lies; NULL when s
 * starts with no role. */
const char *page_role_in(const char *s, size_t len, size_t *prefix,
			 size_t *end);

/* Reads the names and roles of a byline (记者 王某 余某 通讯员 曹某) into
 * *list (appending). Returns the number of names read, or -1 when out of
 * memory. */
int page_bylines_parse(const char *s, size_t len, struct byline **list,
		       size_t *n);

/* ---- leaddate.c ---------------------------------------------------- */

/* A day later than the page by more than this is of the year before. */
#define PAGE_LATE_DAYS 45

struct page_lead_date {
	int year, month, day;          /* the day; year 0 when not given */
	enum date_precision precision; /* DAY, APPROX (近日) or NONE */
};

/* The first date the lead s[0..len) gives (2019年1月17日, 2月1日, 12日上午,
 * 昨天(12月22日), 昨（22）日, 昨天, 近日 ...), read against the page's
 * date where it needs one; a date that ends a span (截至…) is passed over. */
void page_lead_date(const char *s, size_t len, int page_year, int page_month,
		    int page_day, struct page_lead_date *out);

/* Settles the article's date from what it gives and the page's date: a
 * year given is kept; a day months later than a dated page belongs to the
 * year before (a few weeks later is a late page, the same year); an
 * article with no day of its own takes the page's date, approximately,
 * when the page has one. */
void page_article_date(struct article *a, int year, int month, int day,
		       enum date_precision precision, int page_year,
		       int page_month, int page_day);

/* ---- body.c ---------------------------------------------------------- */

/* Ends in 。！？… ! ? possibly followed by a closing quote or bracket. */
bool page_ends_sentence(const char *s, size_t len);

/* A photo caption: starts with ■ ▲ △ ◆ □. */
bool page_is_caption(const char *s, size_t len);

/* Narrows s[0..*len) to what stands inside the brackets around it, (),
 * （）, [] or 【】, when it is so bracketed; else leaves it. */
void page_unbracket(const char **s, size_t *len);

/* A photo credit: 单位供图, 全媒体记者某某/摄, 记者 某某 摄, / 某某供图. */
bool page_is_credit(const char *s, size_t len);

/* An author line: (李驿宿), （魏红婷 汪颖）. With names not NULL, appends
 * the names. Returns 1 when it is one, 0 when not, -1 when out of memory. */
int page_author_line(const char *s, size_t len, struct text_list *names);

/* An editor's trailer: 编辑:某某, 二审：某某, 责任编辑 某某, 校对. */
bool page_is_trailer(const char *s, size_t len);

/* Reads a site's or a trailer's fields: the person of 作者：李某 or of
 * 供稿：某工会　李某 becomes an author. Returns 0 or -1. */
int page_site_fields(struct article *a, const char *s, size_t len);

/* Appends next[0..len) to the paragraph *acc (allocated, may be NULL),
 * with one space only between two Latin words. Returns 0 or -1. */
int page_join(char **acc, size_t *acc_len, const char *next, size_t len);

/* Fills a->paragraphs, a->captions, a->credits and a->authors from the
 * body lines b[0..n): captions and credits lifted out, author lines and
 * trailers kept out, broken paragraphs mended. Returns 0 or -1. */
int page_body(struct article *a, const struct page_line *b, size_t n);

/* ---- pagedate.c ------------------------------------------------------ */

/* A running header: a short line with the paper's date (2023年12月11日)
 * beside 星期 or 第N版, a page number line, or 第N版 alone. Sets *y, *m,
 * *d from its date when it has one (else leaves them). */
bool page_is_header(const char *s, size_t len, int *y, int *m, int *d);

/* A date in the file name (2023-12-11, 2023_12_11, 20231211): 1 and the
 * date, or 0. */
int page_date_from_name(const char *source, int *y, int *m, int *d);

/* The latest year N年 (1990..2100) named in text[0..len), or 0. */
int page_latest_year(const char *text, size_t len);

#endif
