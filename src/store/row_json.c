/*
 * row_json.c — an article as one line of JSON: the one shape that
 * `bulletin list`, `search`, `show` and `parse --format json` write and
 * the reader's JSON Lines export too, so that a script sees the same
 * fields everywhere (bulletin(1), JSON OUTPUT). Page text is written as it
 * came, escaped where JSON demands it and where a character would act on
 * a terminal (text_json_string).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

static void raw(struct store_buf *b, const char *key, const char *value)
{
	store_buf_add(b, ",\"");
	store_buf_add(b, key);
	store_buf_add(b, "\":");
	store_buf_add(b, value);
}

static void string(struct store_buf *b, const char *s)
{
	char *json = text_json_string(s);

	if (json)
		store_buf_add(b, json);
	else
		b->failed = true;
	free(json);
}

static void field(struct store_buf *b, const char *key, const char *value)
{
	raw(b, key, "");
	string(b, value);
}

static void list(struct store_buf *b, const char *key,
		 const struct text_list *l)
{
	raw(b, key, "[");
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			store_buf_add(b, ",");
		string(b, l->items[i]);
	}
	store_buf_add(b, "]");
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

char *store_article_json(const struct article *a, const struct store_json *j)
{
	struct store_buf b = {0};
	char date[16], num[64];

	if (j->id > 0) {
		snprintf(num, sizeof num,
			 "{\"id\":%lld,\"source\":", (long long)j->id);
		store_buf_add(&b, num);
	} else {
		store_buf_add(&b, "{\"source\":");
	}
	string(&b, j->source);
	snprintf(num, sizeof num, "%d", a->ordinal);
	raw(&b, "ordinal", num);
	snprintf(num, sizeof num, "%d", a->line);
	raw(&b, "line", num);
	field(&b, "lead_in", a->lead_in);
	field(&b, "kicker", a->kicker);
	field(&b, "headline", a->headline ? a->headline : "");
	store_date_text(a->year, a->month, a->day, a->precision, false, date);
	field(&b, "date", date[0] ? date : NULL);
	field(&b, "date_precision", page_precision_name(a->precision));
	field(&b, "city", a->city);
	field(&b, "county", a->county);
	list(&b, "unions", &a->unions);
	list(&b, "topics", &a->topics);
	raw(&b, "reporters", "[");
	for (size_t i = 0; i < a->n_reporters; i++) {
		store_buf_add(&b, i ? ",{\"role\":" : "{\"role\":");
		string(&b, a->reporters[i].role);
		store_buf_add(&b, ",\"name\":");
		string(&b, a->reporters[i].name);
		store_buf_add(&b, "}");
	}
	store_buf_add(&b, "]");
	list(&b, "authors", &a->authors);
	if (j->id > 0) {
		raw(&b, "read", j->read ? "true" : "false");
		raw(&b, "starred", j->starred ? "true" : "false");
	}
	if (j->text) {
		field(&b, "dateline", a->dateline);
		list(&b, "paragraphs", &a->paragraphs);
		list(&b, "captions", &a->captions);
		list(&b, "credits", &a->credits);
	}
	if (j->snippet) {
		char *s = bracket_hits(j->snippet);

		if (!s)
			b.failed = true;
		field(&b, "snippet", s);
		free(s);
		snprintf(num, sizeof num, "%.6g", j->rank);
		raw(&b, "rank", num);
	}
	store_buf_add(&b, "}");
	if (b.failed) {
		store_buf_free(&b);
		return NULL;
	}
	return b.s;
}

char *store_row_json(const struct store_row *r)
{
	struct store_json j = {
		.id = r->id,
		.source = r->source,
		.read = r->read,
		.starred = r->starred,
		.snippet = r->snippet,
		.rank = r->rank,
	};

	if (!r->article)
		return NULL;
	return store_article_json(r->article, &j);
}
