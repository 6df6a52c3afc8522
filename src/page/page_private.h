/*
 * Private to src/page: the pieces page_read() puts together. Not for other
 * parts of the program.
 */
#ifndef BULLETIN_PAGE_PRIVATE_H
#define BULLETIN_PAGE_PRIVATE_H

#include "page/page.h"

/* Fills a->city, a->county and a->unions from the article's kicker, lead-in,
 * headline and paragraphs, with the gazetteer of ctx. Returns 0, or -1 when
 * out of memory. */
int page_places(const struct page_context *ctx, struct article *a);

/* What a union's name ends with, longest first: 工会联合会, 总工会,
 * 工联会, 工会, 工委 (unions.c). */
#define PAGE_UNION_SUFFIXES 5
extern const char *const page_union_suffixes[PAGE_UNION_SUFFIXES];

/* Fills a->topics from the topic rules of ctx. Returns 0, or -1 when out of
 * memory. */
int page_topics(const struct page_context *ctx, struct article *a);

#endif
