/*
 * row_json.c — a row of a list as one line of JSON, the shape of `bulletin
 * list --format json` (and search's, with its snippet and rank), written
 * once for the commands and the reader's export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

static void field(struct store_buf *b, const char *key, const char *value)
{
	char *json = text_json_string(value);

	store_buf_add(b, ",\"");
	store_buf_add(b, key);
	store_buf_add(b, "\":");
	if (json)
		store_buf_add(b, json);
	else
		b->failed = true;
	free(json);
}

/* The snippet with its hits between [ and ]; allocated. */
static char *bracket_hits(const char *s)
{
	char *copy = strdup(s);

	if (!copy)
		return NULL;
	for (char *p = copy; *p; p++) {
		if (*p == STORE_HIT_OPEN[0])
			*p = '[';
		else if (*p == STORE_HIT_CLOSE[0])
			*p = ']';
	}
	return copy;
}

char *store_row_json(const struct store_row *r)
{
	struct store_buf b = {0};
	char date[16], num[64];

	snprintf(num, sizeof num, "{\"id\":%lld", (long long)r->id);
	store_buf_add(&b, num);
	store_date_text(r->year, r->month, r->day, r->precision, false, date);
	field(&b, "date", date[0] ? date : NULL);
	field(&b, "date_precision", page_precision_name(r->precision));
	field(&b, "city", r->city);
	field(&b, "county", r->county);
	field(&b, "kicker", r->kicker);
	field(&b, "headline", r->headline);
	field(&b, "source", r->source);
	store_buf_add(&b, r->read ? ",\"read\":true" : ",\"read\":false");
	store_buf_add(&b,
		      r->starred ? ",\"starred\":true" : ",\"starred\":false");
	if (r->snippet) {
		char *s = bracket_hits(r->snippet);

		if (!s)
			b.failed = true;
		field(&b, "snippet", s);
		snprintf(num, sizeof num, ",\"rank\":%.6g", r->rank);
		store_buf_add(&b, num);
		free(s);
	}
	store_buf_add(&b, "}");
	if (b.failed) {
		store_buf_free(&b);
		return NULL;
	}
	return b.s;
}
