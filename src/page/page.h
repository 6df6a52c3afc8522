/*
 * page — reads one bulletin page of text into articles, the way an editor
 * does: page header and date, segmentation into articles, kicker, lead-in
 * and headline, dateline with reporters and date, mended paragraphs, photo
 * captions and credits lifted out, author lines and editor trailers kept out
 * of the body, then the article's city, county, unions and topics.
 *
 * Pure functions over text (the gazetteer and topic rules are loaded once
 * into a struct page_context); no SQLite, no curses, no output. Errors come
 * back as a status and a one-line message naming the file (and line).
 */
#ifndef BULLETIN_PAGE_H
#define BULLETIN_PAGE_H

#include <stddef.h>

#include "text/text.h"

enum date_precision {
	DATE_NONE = 0, /* no date in the dateline and no page date to lean on */
	DATE_APPROX,   /* 日前, 近日, 近期: the page's date, approximately */
	DATE_DAY,      /* a day: 12月5日 (or the first day of 11月28日至30日) */
};

/* "day", "approx" or "none". */
const char *page_precision_name(enum date_precision p);

struct byline {
	char *role; /* owned: 记者, 全媒体记者, 通讯员, ... */
	char *name; /* owned */
};

struct article {
	int ordinal;   /* 1-based position on the page */
	int line;      /* line of the page where the article starts (1-based) */
	char *kicker;  /* owned, or NULL: the reporting organisation above */
	char *lead_in; /* owned, or NULL: 引题, the line above the headline */
	char *headline;/* owned, never NULL (may be "") */
	char *dateline;/* owned, or NULL: 本报讯(...)12月5日 as printed */
	int year, month, day; /* 0 when unknown; see precision */
	enum date_precision precision;
	char *city;    /* owned, or NULL: prefecture short name, 湛江 */
	char *county;  /* owned, or NULL: county or district, 武江区 */
	struct text_list unions;     /* 湛江市总工会, 宝龙社区工联会 */
	struct byline *reporters;    /* owned array of n_reporters */
	size_t n_reporters;
	struct text_list authors;    /* from the closing (李驿宿) line */
	struct text_list paragraphs; /* mended body paragraphs */
	struct text_list captions;   /* photo captions, mark removed */
	struct text_list credits;    /* 单位供图, 全媒体记者某某/摄 */
	struct text_list topics;     /* topic names from the rules */
};

struct page {
	char *source;       /* owned: the name the page was read under */
	char encoding[32];  /* the encoding the page was read in */
	size_t invalid;     /* invalid bytes replaced while decoding */
	int year, month, day; /* the page date; month/day 0 when only a year */
	struct article *articles; /* owned array */
	size_t n_articles;
};

/* The gazetteer and topic rules, loaded once and shared by every page. */
struct page_context;

/* Loads the gazetteer from data_dir/admin-divisions/ and the topic rules
 * from data_dir/topics.txt, then from topics_override when not NULL and
 * the file exists (a topic named there replaces the bundled one, a new
 * topic is added). Returns 0 and sets *out, or -1 with a message. */
int page_context_load(const char *data_dir, const char *topics_override,
		      struct page_context **out, char *err, size_t errlen);
void page_context_free(struct page_context *ctx);

struct page_options {
	const char *encoding; /* NULL: detect */
	int year, month, day; /* the page date from --date, or 0 */
};

/* Reads the page bytes[0..len) named `source` (used for messages and for a
 * date in the file name). Returns 0 and sets *out (free with page_free), or
 * -1 with a one-line message "source: reason" (and the line when known).
 * A page with no articles is not an error: it yields n_articles == 0. */
int page_read(const struct page_context *ctx, const struct page_options *opt,
	      const char *source, const char *bytes, size_t len,
	      struct page **out, char *err, size_t errlen);

/* Reads a file (or standard input for "-") with page_read. */
int page_read_file(const struct page_context *ctx,
		   const struct page_options *opt, const char *path,
		   struct page **out, char *err, size_t errlen);

void page_free(struct page *page);

/* Frees what an article owns (not the struct itself). */
void page_article_clear(struct article *a);

/* The normalised text that identifies an article across pages (headline and
 * paragraphs, folded, without spaces): the store hashes it. Allocated. */
char *page_article_identity(const struct article *a);

#endif
