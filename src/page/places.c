/*
 * places — an article's city, county and unions, read the way a careful
 * editor reads them. Evidence comes in this order: the kicker, the lead-in
 * and headline (where short names count too: 韶关, 江门, 鹤山), the places
 * of the unions the article names (anywhere in it), then the first
 * paragraph (full names only: 湛江市, 龙岗区). The first city found wins; a
 * county alone implies its city (鹤山市 -> 江门). The county is the first
 * county of the evidence that lies in that city, so a county named only
 * deep in the body (河源市源城区快递行业工会联合会) does not count.
 *
 * A name several places share is read as the one in the city already
 * found, else the one in Guangdong (白云区 -> 广州, 鹤山 -> 江门's 鹤山市,
 * not 鹤壁's 鹤山区), else a city before a county, else the first by code.
 *
 * The city is given by its short name (湛江; 北京 for a municipality; 仙桃
 * for a county-level city directly under its province, which has no
 * county); the county by its full name (武江区).
 */
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"
#include "page/page_private.h"

/* Gazetteer names in text, in order (weak names too when weak). */
static int collect(const struct gazetteer *g, const char *text, bool weak,
		   struct place_hits *hits)
{
	size_t len, p = 0;

	if (!text)
		return 0;
	len = strlen(text);
	while (p < len) {
		size_t first, count, m;

		m = gazetteer_match(g, text + p, len - p, weak, &first, &count);
		if (m > 0) {
			if (place_hits_add(hits, first, count) < 0)
				return -1;
			p += m;
			continue;
		}
		p += page_char_length(text + p, len - p);
	}
	return 0;
}

static int preference(const struct place *p)
{
	return (p->province_code == GUANGDONG_CODE) * 2 +
	       (p->level == PLACE_CITY);
}

/* City and county (place indexes, -1 when none) from hits in order. */
static void resolve(const struct gazetteer *g, const struct place_hits *hits,
		    int *city, int *county)
{
	*city = -1;
	*county = -1;
	for (size_t h = 0; h < hits->count && *county < 0; h++) {
		const struct place_hit *hit = &hits->items[h];
		int best = -1;

		for (size_t i = hit->first; i < hit->first + hit->count; i++) {
			int pi = g->names[i].place;
			const struct place *p = &g->places[pi];

			if (p->level == PLACE_PROVINCE)
				continue;
			if (*city >= 0) {
				if (p->level == PLACE_COUNTY &&
				    p->city == *city) {
					best = pi;
					break;
				}
				continue;
			}
			if (best < 0 ||
			    preference(p) > preference(&g->places[best]))
				best = pi;
		}
		if (best < 0)
			continue;
		if (*city < 0)
			*city = g->places[best].city;
		if (g->places[best].level == PLACE_COUNTY)
			*county = best;
	}
}

int page_places(const struct page_context *ctx, struct article *a)
{
	const struct gazetteer *g = &ctx->gazetteer;
	struct place_hits hits = {0}, union_hits = {0};
	int city, county, rc = -1;

	free(a->city);
	free(a->county);
	a->city = a->county = NULL;
	text_list_free(&a->unions);

	if (unions_find(g, a->kicker, &a->unions, &union_hits) < 0 ||
	    unions_find(g, a->lead_in, &a->unions, &union_hits) < 0 ||
	    unions_find(g, a->headline, &a->unions, &union_hits) < 0)
		goto out;
	for (size_t i = 0; i < a->paragraphs.count; i++)
		if (unions_find(g, a->paragraphs.items[i], &a->unions,
				&union_hits) < 0)
			goto out;
	unions_merge_short_forms(&a->unions);

	if (collect(g, a->kicker, true, &hits) < 0 ||
	    collect(g, a->lead_in, true, &hits) < 0 ||
	    collect(g, a->headline, true, &hits) < 0)
		goto out;
	for (size_t i = 0; i < union_hits.count; i++)
		if (place_hits_add(&hits, union_hits.items[i].first,
				   union_hits.items[i].count) < 0)
			goto out;
	if (a->paragraphs.count > 0 &&
	    collect(g, a->paragraphs.items[0], false, &hits) < 0)
		goto out;

	resolve(g, &hits, &city, &county);
	if (city >= 0) {
		const struct place *c = &g->places[city];

		a->city = strndup(c->short_name, c->short_len);
		if (!a->city)
			goto out;
	}
	if (county >= 0) {
		a->county = strdup(g->places[county].name);
		if (!a->county)
			goto out;
	}
	rc = 0;
out:
	place_hits_free(&hits);
	place_hits_free(&union_hits);
	return rc;
}
