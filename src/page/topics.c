/*
 * topics — the topic rules (data/topics.txt and the user's override) and
 * page_topics(), which puts an article in every topic one of whose words
 * it holds. The file format is described in data/topics.txt itself:
 *
 *     topic: word word ~weakword
 *
 * A word counts when it appears in the kicker, lead-in or headline, or in
 * the body (paragraphs and captions); a weak word (~) counts only in the
 * kicker, lead-in or headline, or when the body holds it at least twice.
 * Matching is on folded text (full-width ASCII as ASCII, lower case).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"
#include "page/page_private.h"

static struct topic *find_topic(struct topic_rules *r, const char *name,
				size_t len)
{
	for (size_t i = 0; i < r->count; i++)
		if (strlen(r->topics[i].name) == len &&
		    memcmp(r->topics[i].name, name, len) == 0)
			return &r->topics[i];
	return NULL;
}

static void topic_clear_words(struct topic *t)
{
	for (size_t i = 0; i < t->n_words; i++)
		free(t->words[i].text);
	t->n_words = 0;
}

static struct topic *add_topic(struct topic_rules *r, const char *name,
			       size_t len)
{
	struct topic *t;

	if (r->count == r->capacity) {
		size_t cap = r->capacity ? r->capacity * 2 : 32;
		struct topic *n = realloc(r->topics, cap * sizeof *n);

		if (!n)
			return NULL;
		r->topics = n;
		r->capacity = cap;
	}
	t = &r->topics[r->count];
	memset(t, 0, sizeof *t);
	t->name = strndup(name, len);
	if (!t->name)
		return NULL;
	r->count++;
	return t;
}

static int add_word(struct topic *t, const char *w, size_t len, bool weak)
{
	char *raw, *folded;

	if (t->n_words == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 16;
		struct topic_word *n = realloc(t->words, cap * sizeof *n);

		if (!n)
			return -1;
		t->words = n;
		t->capacity = cap;
	}
	raw = strndup(w, len);
	if (!raw)
		return -1;
	folded = text_fold_string(raw);
	free(raw);
	if (!folded)
		return -1;
	for (size_t i = 0; i < t->n_words; i++)
		if (strcmp(t->words[i].text, folded) == 0) {
			t->words[i].weak = t->words[i].weak && weak;
			free(folded);
			return 0;
		}
	t->words[t->n_words].text = folded;
	t->words[t->n_words].len = strlen(folded);
	t->words[t->n_words].weak = weak;
	t->n_words++;
	return 0;
}

/* Length of a separator between words at s (0 when none): ASCII blanks,
 * the ideographic space, 、 ， and ,. */
static size_t separator(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == ',')
		return 1;
	if (strncmp(s, "\xE3\x80\x80", 3) == 0 || /* ideographic space */
	    strncmp(s, "、", strlen("、")) == 0 ||
	    strncmp(s, "，", strlen("，")) == 0)
		return 3;
	return 0;
}

static size_t skip_separators(const char *s, size_t i, size_t end)
{
	size_t n;

	while (i < end && (n = separator(s + i)) > 0)
		i += n;
	return i;
}

/* Parses one line (comment already cut at end). */
static int parse_line(struct topic_rules *r, char *s, size_t end,
		      const char *path, int line, char *err, size_t errlen)
{
	size_t i = skip_separators(s, 0, end), colon, name_end, n;
	struct topic *t;
	const char *c;

	if (i == end)
		return 0;
	c = strstr(s + i, "：");
	colon = c ? (size_t)(c - s) : end;
	for (size_t j = i; j < end && j < colon; j++)
		if (s[j] == ':') {
			colon = j;
			break;
		}
	if (colon >= end) {
		snprintf(err, errlen,
			 "%s:%d: expected \"topic: word word ...\"", path, line);
		return -1;
	}
	name_end = colon;
	while (name_end > i && (n = separator(s + name_end - 1)) == 1)
		name_end--;
	if (name_end == i) {
		snprintf(err, errlen, "%s:%d: a topic needs a name before ':'",
			 path, line);
		return -1;
	}
	for (size_t j = i; j < name_end; j++)
		if (separator(s + j) > 0) {
			snprintf(err, errlen,
				 "%s:%d: a topic's name cannot hold spaces "
				 "or commas",
				 path, line);
			return -1;
		}
	t = find_topic(r, s + i, name_end - i);
	if (!t) {
		t = add_topic(r, s + i, name_end - i);
		if (!t)
			goto oom;
	} else if (t->file != r->files) {
		topic_clear_words(t); /* a later file replaces the topic */
	}
	t->file = r->files;
	i = colon + (s[colon] == ':' ? 1 : strlen("："));
	for (;;) {
		size_t start;
		bool weak = false;

		i = skip_separators(s, i, end);
		if (i >= end)
			break;
		if (s[i] == '~') {
			weak = true;
			i++;
		}
		start = i;
		while (i < end && separator(s + i) == 0)
			i++;
		if (i == start) {
			snprintf(err, errlen, "%s:%d: '~' needs a word after it",
				 path, line);
			return -1;
		}
		if (memchr(s + start, ':', i - start)) {
			snprintf(err, errlen,
				 "%s:%d: one topic a line (a second ':' found)",
				 path, line);
			return -1;
		}
		if (add_word(t, s + start, i - start, weak) < 0)
			goto oom;
	}
	return 0;
oom:
	snprintf(err, errlen, "%s:%d: out of memory", path, line);
	return -1;
}

int topics_load(struct topic_rules *r, const char *path, bool must_exist,
		char *err, size_t errlen)
{
	char *buf = NULL, *s;
	size_t len;
	int line = 0, rc = -1;

	if (page_slurp(path, &buf, &len) < 0) {
		if (errno == ENOENT && !must_exist)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!text_utf8_valid(buf, len) || memchr(buf, '\0', len)) {
		snprintf(err, errlen, "%s: not UTF-8 text", path);
		goto out;
	}
	r->files++;
	s = buf;
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s) {
		char *nl = strchr(s, '\n'), *hash;
		size_t end = nl ? (size_t)(nl - s) : strlen(s);

		line++;
		if (end > 0 && s[end - 1] == '\r')
			end--;
		hash = memchr(s, '#', end);
		if (hash)
			end = (size_t)(hash - s);
		s[end] = '\0';
		if (parse_line(r, s, end, path, line, err, errlen) < 0)
			goto out;
		if (!nl)
			break;
		s = nl + 1;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

void topics_finish(struct topic_rules *r)
{
	size_t kept = 0;

	for (size_t i = 0; i < r->count; i++) {
		if (r->topics[i].n_words == 0) {
			free(r->topics[i].name);
			free(r->topics[i].words);
			continue;
		}
		r->topics[kept++] = r->topics[i];
	}
	r->count = kept;
}

void topics_free(struct topic_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++) {
		topic_clear_words(&r->topics[i]);
		free(r->topics[i].name);
		free(r->topics[i].words);
	}
	free(r->topics);
	memset(r, 0, sizeof *r);
}

/* ---- Matching ------------------------------------------------------------ */

/* Joins the folded strings with newlines into one allocated string. */
static char *join_folded(const char *const *parts, size_t n)
{
	size_t total = 1, at = 0;
	char *joined, *folded;

	for (size_t i = 0; i < n; i++)
		if (parts[i])
			total += strlen(parts[i]) + 1;
	joined = malloc(total);
	if (!joined)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (!parts[i])
			continue;
		len = strlen(parts[i]);
		memcpy(joined + at, parts[i], len);
		at += len;
		joined[at++] = '\n';
	}
	joined[at] = '\0';
	folded = text_fold_string(joined);
	free(joined);
	return folded;
}

/* Occurrences of w in s, counting up to max. */
static int count_upto(const char *s, const char *w, size_t wlen, int max)
{
	int n = 0;

	while (n < max && (s = strstr(s, w)) != NULL) {
		n++;
		s += wlen;
	}
	return n;
}

static bool topic_matches(const struct topic *t, const char *head,
			  const char *body)
{
	for (size_t i = 0; i < t->n_words; i++) {
		const struct topic_word *w = &t->words[i];

		if (strstr(head, w->text))
			return true;
		if (count_upto(body, w->text, w->len, w->weak ? 2 : 1) ==
		    (w->weak ? 2 : 1))
			return true;
	}
	return false;
}

int page_topics(const struct page_context *ctx, struct article *a)
{
	const char *head_parts[3] = {a->kicker, a->lead_in, a->headline};
	const char **body_parts = NULL;
	size_t n_body = a->paragraphs.count + a->captions.count;
	char *head = NULL, *body = NULL;
	int rc = -1;

	text_list_free(&a->topics);
	body_parts = malloc((n_body ? n_body : 1) * sizeof *body_parts);
	if (!body_parts)
		goto out;
	for (size_t i = 0; i < a->paragraphs.count; i++)
		body_parts[i] = a->paragraphs.items[i];
	for (size_t i = 0; i < a->captions.count; i++)
		body_parts[a->paragraphs.count + i] = a->captions.items[i];
	head = join_folded(head_parts, 3);
	body = join_folded(body_parts, n_body);
	if (!head || !body)
		goto out;
	for (size_t i = 0; i < ctx->topics.count; i++) {
		const struct topic *t = &ctx->topics.topics[i];

		if (topic_matches(t, head, body) &&
		    text_list_add(&a->topics, t->name, (size_t)-1) < 0)
			goto out;
	}
	rc = 0;
out:
	free(body_parts);
	free(head);
	free(body);
	return rc;
}
